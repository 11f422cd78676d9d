"""Validating a big sheet on two cores: a forked helper process prepares chunks of rows.

The import's time goes mostly to ``RowReader.prepare`` (Python, one core). For a big sheet the
importing process forks a helper after the header is found: both hold the same sheet in memory
(copy-on-write) and walk its rows in the same order, in chunks of ``CHUNK`` rows. The main
process decides who prepares which chunk: when it comes to a chunk nobody has, it first hands
the next ``depth`` chunks to the helper (through a pipe), then prepares this one itself; a
chunk the helper has comes back pickled (with the memo entries it added). ``depth`` follows the
helper's pace (deeper while its results are waiting, shallower while the main process waits
for them). The main process never waits long: when a chunk is not back within the time it
would take to prepare it here (a busy machine can hold the helper back), it prepares it itself,
and the helper skips the chunks the main process has passed (a shared counter).

The helper only reads and validates: it never touches the database (whose transaction, change
log and writes stay in the main process, in file order), prints nothing, and leaves with
``os._exit``. Its results are what the main process would compute (the same ``RowReader`` on
the same cells); if the helper fails in any way, the main process prepares the rest itself.
Forking is used on Linux only, with a core to spare (elsewhere, on a busy machine, and for
streamed CSV files, one process does it all).
"""

from __future__ import annotations

import gc
import mmap
import os
import pickle
import select
import struct
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from netcli.importer.rows import Prepared, RowReader

# None: a helper when a core is free (see ``available``); True: always (tests); False: never.
ENABLED: bool | None = None
# The size of a sheet worth a second process (forking and the helper's warm-up cost a few
# tens of ms).
MIN_ROWS = 6_000
CHUNK = 500
_MAX_DEPTH = 8
# How long the main process waits for a chunk it gave the helper, in units of the time it
# takes to prepare one itself (tests raise it to make sure the helper's results are used).
PATIENCE = 1.0
_HEADER = struct.Struct("<Q")

Row = tuple[int, list[Any]]
# What the helper sends for one row: None (no person), else (values, warnings, errors).
Result = tuple[dict[str, Any], list[tuple[str | None, str]], list[Any]] | None


def available(rows: int, streamed: bool) -> bool:
    """Whether a sheet of ``rows`` rows is validated with a helper process.

    Only with a core to spare: on a machine busy with other work (a load average above the
    cores less one) the helper's own costs (walking the rows twice, pickling the results)
    made the import slower, not faster (measured on a shared 2-core machine).
    """
    if ENABLED is False or streamed or rows < MIN_ROWS or not sys.platform.startswith("linux"):
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    if cores < 2:
        return False
    return ENABLED is True or os.getloadavg()[0] <= cores - 0.75


def _chunks(rows: Iterable[Row]) -> Iterator[list[Row]]:
    chunk: list[Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _prepare_chunk(reader: RowReader, chunk: list[Row]) -> list[Result]:
    out: list[Result] = []
    for _, cells in chunk:
        raw = reader.raw(cells)
        if raw is None:
            out.append(None)
        else:
            p = reader.prepare(raw)
            out.append((p.values, p.warnings, p.errors))
    return out


def _read_exactly(fd: int, n: int) -> bytes:
    parts = []
    while n:
        part = os.read(fd, min(n, 1 << 20))
        if not part:
            raise EOFError("the helper process ended")
        parts.append(part)
        n -= len(part)
    return b"".join(parts)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


class _Helper:
    """The forked helper, seen from the main process."""

    def __init__(self, pid: int, commands: int, results: int, position: mmap.mmap) -> None:
        self.pid = pid
        self.commands = commands  # write end: chunk numbers for the helper
        self.results = results  # read end: pickled (chunk number, results, memo entries)
        self.position = position  # shared: the chunk the main process is at
        self.assigned: deque[int] = deque()
        self.done: dict[int, tuple[list[Result], Any]] = {}
        self.alive = True

    def assign(self, number: int) -> None:
        try:
            _write_all(self.commands, _HEADER.pack(number))
            self.assigned.append(number)
        except OSError:
            self.alive = False

    def at(self, number: int) -> None:
        """Tell the helper this process prepares chunk ``number`` (it skips it and those before)."""
        _HEADER.pack_into(self.position, 0, number)

    def _drain(self, timeout: float) -> None:
        """Read every result there is, waiting up to ``timeout`` seconds for the first."""
        while select.select([self.results], [], [], timeout)[0]:
            size = _HEADER.unpack(_read_exactly(self.results, _HEADER.size))[0]
            got, results, memos = pickle.loads(_read_exactly(self.results, size))
            if got < 0:
                raise EOFError("the helper process failed")
            self.done[got] = (results, memos)
            timeout = 0

    def result(self, number: int, reader: RowReader, timeout: float) -> list[Result] | None:
        """The helper's results for chunk ``number``, if they come within ``timeout`` seconds;
        None when they do not (the main process prepares the chunk) or the helper failed."""
        try:
            if number not in self.done:
                self._drain(timeout)
        except Exception:  # noqa: BLE001 - any failure of the helper: prepare here instead
            self.alive = False
            return None
        entry = self.done.pop(number, None)
        for old in [k for k in self.done if k < number]:
            del self.done[old]  # chunks the main process did not wait for
        if entry is None:
            return None
        reader.add_memos(entry[1])
        return entry[0]

    def close(self) -> None:
        import signal

        for fd in (self.commands, self.results):
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            os.kill(self.pid, signal.SIGKILL)  # it holds nothing: no need to wait for it
        except OSError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except OSError:
            pass
        self.position.close()
        gc.unfreeze()


def _helper_main(
    chunks: Iterator[tuple[int, list[Row]]],
    reader: RowReader,
    commands: int,
    results: int,
    position: mmap.mmap,
) -> None:
    """The helper's loop: prepare the chunks it is given, send their results in order."""
    queue: deque[bytes | None] = deque()
    wake = threading.Condition()

    def writer() -> None:
        # Sending is a second thread so that a full pipe (the main process busy writing the
        # rows before) never stops the validation of the next chunk.
        while True:
            with wake:
                while not queue:
                    wake.wait()
                data = queue.popleft()
            if data is None:
                return
            try:
                _write_all(results, _HEADER.pack(len(data)) + data)
            except OSError:
                return  # the main process is gone

    def send(obj: Any) -> None:
        data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        with wake:
            queue.append(data)
            wake.notify()

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    code = 0
    try:
        wanted = _HEADER.unpack(_read_exactly(commands, _HEADER.size))[0]
        for number, chunk in chunks:
            if number < wanted:
                continue
            # A chunk the main process has come to already (it did not wait) is not sent;
            # with the results go the memo entries they added (a place, a date seen for the
            # first time), so that the main process need not work them out again.
            if number > _HEADER.unpack_from(position, 0)[0]:
                send((number, _prepare_chunk(reader, chunk), reader.new_memos()))
            wanted = _HEADER.unpack(_read_exactly(commands, _HEADER.size))[0]
    except EOFError:
        pass  # the main process needs nothing more
    except BaseException:  # noqa: B036 - whatever happens, the main process prepares instead
        code = 1
        try:
            send((-1, None, None))
        except BaseException:  # noqa: B036
            pass
    finally:
        with wake:
            queue.append(None)
            wake.notify()
        thread.join(timeout=30)
        os._exit(code)


def prepared_rows(
    rows: Iterable[Row],
    reader: RowReader,
    *,
    parallel: bool,
    before_fork: Callable[[], None] | None = None,
) -> Iterator[tuple[int, list[Any], Prepared | None]]:
    """(row index, cells, prepared row or None for a row that holds no person), in order.

    With ``parallel`` the helper is forked after the first chunk (so that it inherits what
    that chunk loaded: the place index, the date tables, the memos), with a copy of ``rows``
    and ``reader`` as they are then; ``before_fork`` runs just before (to stop other threads'
    work). Nobody else may advance ``rows``.
    """
    chunks = enumerate(_chunks(rows))
    helper: _Helper | None = None
    try:
        depth = 2
        next_free = 0  # the first chunk nobody has yet
        local = 0.05  # seconds this process takes to prepare a chunk (a moving average)
        for number, chunk in chunks:
            if parallel and number == 1:
                if before_fork is not None:
                    before_fork()
                helper = _fork(chunks, reader)
            results: list[Result] | None = None
            if helper is not None and helper.alive:
                if helper.assigned and helper.assigned[0] == number:
                    helper.assigned.popleft()
                    results = helper.result(number, reader, 0)
                    ready = results is not None
                    # Not there yet: wait for it at most the time it would take here (a busy
                    # machine can hold the helper back; this process never waits longer).
                    if results is None and helper.alive:
                        results = helper.result(number, reader, local * PATIENCE)
                    # Waiting for the helper: give it less; its results were there: give more.
                    depth = min(_MAX_DEPTH, depth + 1) if ready else max(1, depth - 1)
            if results is None:
                next_free = max(next_free, number + 1)
                if helper is not None:
                    helper.at(number)  # prepared here: the helper need not (or no longer)
                if helper is not None and helper.alive and not helper.assigned:
                    for _ in range(depth):
                        helper.assign(next_free)
                        next_free += 1
                spent = 0.0
                for index, cells in chunk:
                    start = time.perf_counter()
                    raw = reader.raw(cells)
                    prepared = None if raw is None else reader.prepare(raw)
                    spent += time.perf_counter() - start
                    yield index, cells, prepared
                local = 0.7 * local + 0.3 * spent * CHUNK / len(chunk)
                continue
            for (index, cells), result in zip(chunk, results, strict=True):
                yield index, cells, None if result is None else Prepared(*result)
    finally:
        if helper is not None:
            helper.close()


def _fork(chunks: Iterator[tuple[int, list[Row]]], reader: RowReader) -> _Helper | None:
    import signal

    try:
        cmd_r, cmd_w = os.pipe()
        res_r, res_w = os.pipe()
        position = mmap.mmap(-1, _HEADER.size)  # shared with the helper (MAP_SHARED)
    except OSError:
        return None
    # Ctrl-C is held back around the fork: a KeyboardInterrupt raised in the helper before it
    # is inside its own ``try`` would unwind the importing code in the helper process.
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    # The objects there are now are left out of garbage collection while the helper lives:
    # a collection writes to every object it visits, and each page written is copied (the
    # two processes would stop sharing the place index, the modules, the memos…).
    gc.freeze()
    try:
        pid = os.fork()
    except OSError:
        gc.unfreeze()
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        for fd in (cmd_r, cmd_w, res_r, res_w):
            os.close(fd)
        position.close()
        return None
    if pid == 0:  # the helper
        try:
            # Ctrl-C ends it at once (it holds nothing); it prints nothing, and does not keep
            # the terminal's or a caller's pipes open once the main process has gone.
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            devnull = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(devnull, fd)
            os.close(cmd_w)
            os.close(res_r)
            _helper_main(chunks, reader, cmd_r, res_w, position)
        finally:
            os._exit(1)
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    os.close(cmd_r)
    os.close(res_w)
    return _Helper(pid, cmd_w, res_r, position)
