"""Opening the database and writing to it: one command, one IMMEDIATE transaction.

Connections run in autocommit mode (``isolation_level=None``) so that Python's sqlite3
never opens a transaction behind our back; :func:`write` opens ``BEGIN IMMEDIATE``, which
waits on the busy timeout instead of failing with "database is locked" when another
process writes (a plain ``BEGIN`` that reads first and writes later fails at once:
cpython #124510).
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from netcli.errors import NetcliError
from netcli.store.changelog import close_run, current_actor, open_run

BUSY_TIMEOUT_MS = 60_000

# Every database this process opened (an output may never be written over one of them).
_opened: list[Path] = []


# What this process has done for good (committed, written): a Ctrl-C after it must say so.
_done: list[str] = []


def mark_done(what: str) -> None:
    """Record that ``what`` is done for good (a commit, a file in place)."""
    _done.append(what)


def done_so_far() -> list[str]:
    """What this process has done for good, in order (for the Ctrl-C message)."""
    return list(_done)


def new_command() -> None:
    """A new command starts in this process (in-process runners, tests): nothing done yet,
    no database opened yet."""
    _done.clear()
    _opened.clear()


def opened_databases() -> list[Path]:
    """The databases this process opened, resolved (for the output-path check)."""
    return list(_opened)


def _remember(path: Path) -> None:
    try:
        resolved = Path(path).resolve()
    except OSError:
        return
    if resolved not in _opened:
        _opened.append(resolved)


class DatabaseError(NetcliError):
    """The database file cannot be used (not a database, on a network share, unwritable)."""

    code = "bad-database"


def default_db_path() -> Path:
    """``netcli.db`` in the user data directory (platformdirs)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("netcli", appauthor=False)) / "netcli.db"


def resolve_db_path(option: str | os.PathLike[str] | None) -> Path:
    """``--db``, else ``$NETCLI_DB``, else the platformdirs default."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get("NETCLI_DB")
    if env:
        return Path(env).expanduser()
    return default_db_path()


def _is_network_path(path: Path) -> bool:
    """True for a UNC share on Windows or a network file system on Linux (WAL needs a local disk)."""
    text = str(path.resolve())
    if text.startswith("\\\\") or text.startswith("//"):
        return True
    if sys.platform.startswith("linux"):
        try:
            best, fstype = "", ""
            with open("/proc/mounts", encoding="utf-8") as mounts:
                for line in mounts:
                    parts = line.split()
                    if len(parts) >= 3 and text.startswith(parts[1]) and len(parts[1]) > len(best):
                        best, fstype = parts[1], parts[2]
            return fstype in {"nfs", "nfs4", "cifs", "smbfs", "smb3", "sshfs", "fuse.sshfs", "9p"}
        except OSError:
            return False
    return False


def read_only_uri(path: Path, *, immutable: bool = False) -> str:
    """A read-only SQLite URI for a file (percent-encoded: '#' and '?' are legal in folders)."""
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    return uri + "&immutable=1" if immutable else uri


def _on_read_only_media(path: Path) -> bool:
    """True when the file or its folder cannot be written (a write-protected stick, a CD)."""
    return path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def open_read_only(path: Path, **kwargs: Any) -> sqlite3.Connection:
    """A read-only connection to a database file (a second reader, another laptop's file).

    WAL needs a -shm file beside the database; where the folder cannot be written (read-only
    media) the file is opened as immutable: nothing can change it there.
    """
    path = Path(path)
    immutable = path.exists() and not os.access(path.parent, os.W_OK)
    return sqlite3.connect(read_only_uri(path, immutable=immutable), uri=True, **kwargs)


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """Open a database on read-only media for commands that only read (a write then fails
    in :func:`write` with a message that says read-only)."""
    try:
        conn = open_read_only(
            path,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
        conn.row_factory = sqlite3.Row
        if _foreign(conn):
            conn.close()
            raise DatabaseError(
                f"{path} เป็นไฟล์ SQLite ของโปรแกรมอื่น ไม่ใช่ฐานข้อมูล netcli"
                " (an SQLite file of another program, not a netcli database)"
            )
        from netcli.store.migrations import load_migrations, pending

        if pending(conn, load_migrations()):
            conn.close()
            raise DatabaseError(
                f"{path} อยู่บนสื่อที่เขียนไม่ได้และต้องปรับรุ่นก่อนใช้"
                " (read-only, and made by an older netcli: it must be upgraded first)",
                hint="คัดลอกไฟล์มาไว้ในเครื่องก่อน (copy it to the laptop first)",
            )
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            f"{path} ไม่ใช่ฐานข้อมูล netcli (not a netcli database: {exc})",
            hint="ตรวจชื่อไฟล์ใน --db (check the --db path)",
        ) from exc
    return conn


def connect(path: Path, *, migrate: bool = True) -> sqlite3.Connection:
    """Open (creating if needed) the database at ``path``, set it up and migrate it.

    A database on read-only media opens read-only: reading commands work, writing ones are
    refused with a message that says so.
    """
    path = Path(path)
    if path.exists() and path.is_dir():
        raise DatabaseError(
            f"{path} เป็นโฟลเดอร์ ไม่ใช่ไฟล์ฐานข้อมูล (a folder, not a database file)",
            hint="ระบุชื่อไฟล์ เช่น --db ข้อมูล/netcli.db (give a file name, e.g. --db data/netcli.db)",
        )
    _remember(path)
    if _on_read_only_media(path):
        return _connect_read_only(path)
    parent = path.parent
    # Check where the file would live before creating any folder there.
    existing = parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if _is_network_path(existing):
        raise DatabaseError(
            f"{path} is on a network drive; SQLite's WAL mode needs a local disk",
            hint="เก็บฐานข้อมูลไว้บนดิสก์ของเครื่อง (keep the database on a local disk)",
        )
    if not parent.exists():
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"cannot create the folder {parent}: {exc.strerror}") from exc
    created = not path.exists()
    if created:
        # Create the file readable by its owner only, before SQLite writes anything into it.
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
        except FileExistsError:
            pass
        except OSError as exc:
            raise DatabaseError(f"cannot create {path}: {exc.strerror}") from exc
    try:
        # check_same_thread=False: an import hands chunk writes to a second thread (never two
        # threads on the connection at once; see importer.run.Upserter).
        conn = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not created and _foreign(conn):
            conn.close()
            raise DatabaseError(
                f"{path} เป็นไฟล์ SQLite ของโปรแกรมอื่น ไม่ใช่ฐานข้อมูล netcli"
                " (an SQLite file of another program, not a netcli database)",
                hint="ตรวจชื่อไฟล์ใน --db (check the --db path); netcli leaves it untouched",
            )
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA secure_delete = ON")
        # Sorting and temporary b-trees (index builds, staging tables) stay off the disk.
        conn.execute("PRAGMA temp_store = MEMORY")
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            f"{path} ไม่ใช่ฐานข้อมูล netcli (not a netcli database: {exc})",
            hint="ตรวจชื่อไฟล์ใน --db (check the --db path)",
        ) from exc
    if mode.lower() != "wal" and str(path) != ":memory:":
        conn.close()
        raise DatabaseError(f"cannot use WAL mode on {path} (journal mode {mode})")
    if migrate:
        from netcli.store.migrations import migrate as run_migrations

        try:
            run_migrations(conn, path)
        except BaseException:
            conn.close()
            raise
    _restrict_mode(path)
    if not created:
        from netcli.store.copies import remove_leftovers

        remove_leftovers(path)
    return conn


def _foreign(conn: sqlite3.Connection) -> bool:
    """True for a database with tables but none of netcli's (never migrate someone else's)."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return bool(tables) and "_migrations" not in tables


def _restrict_mode(path: Path) -> None:
    if os.name != "posix":
        return
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            if p.exists() and (p.stat().st_mode & 0o077):
                p.chmod(0o600)
        except OSError:
            pass


@contextmanager
def write(
    conn: sqlite3.Connection, command: str, *, batch_id: int | None = None
) -> Iterator[sqlite3.Connection]:
    """One command, one transaction: ``BEGIN IMMEDIATE`` … ``COMMIT``, or roll back on any error.

    Sets the change-log context (who, which command) for the triggers; they refuse writes
    to the logged tables while it is empty, i.e. outside this block.
    """
    try:
        conn.execute("BEGIN IMMEDIATE")
        # The first write of every command: on read-only media it is refused here.
        run = open_run(conn, current_actor(), command, batch_id=batch_id)
    except sqlite3.OperationalError as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if "readonly" in str(exc) or "read-only" in str(exc):
            raise DatabaseError(
                "ฐานข้อมูลเปิดได้อย่างเดียว เขียนไม่ได้ (the database is read-only: nothing was changed)",
                hint="คัดลอกไฟล์มาไว้ในเครื่อง หรือปลดล็อกการป้องกันการเขียน (copy it, or unlock the medium)",
                code="read-only",
            ) from None
        raise
    committing = False
    try:
        yield conn
        close_run(conn, run)
        committing = True
        conn.execute("COMMIT")
        mark_done(command)
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        elif committing and command not in _done:
            mark_done(command)  # interrupted just after the commit: it is saved
        raise


class OutsideWrite(RuntimeError):
    """A core write was called outside ``db.write``: a bug in the caller, not bad input."""


def require_write(conn: sqlite3.Connection) -> None:
    """Refuse to go on unless a ``db.write`` transaction is open on ``conn``.

    The one transaction rule: a core function that writes either opens its own
    ``db.write`` or calls this first. (The change-log triggers refuse a write to a logged
    table without ``_context.command`` too; this also covers the bookkeeping tables and
    fails before anything is written.)
    """
    if conn.in_transaction:
        row = conn.execute("SELECT command FROM main._context WHERE id = 1").fetchone()
        if row is not None and row[0] is not None:
            return
    raise OutsideWrite(
        "a netcli write must run inside netcli.store.db.write(conn, command)"
        " (one command, one transaction, logged with who and which command)"
    )


def set_batch(conn: sqlite3.Connection, batch_id: int | None) -> None:
    """Tag the change-log rows written from now on in this transaction with an import batch."""
    conn.execute("UPDATE _context SET batch_id = ? WHERE id = 1", (batch_id,))


def backup(
    conn: sqlite3.Connection,
    dest: Path,
    *,
    force: bool = False,
    db_path: Path | None = None,
    record: bool = True,
) -> Path:
    """Online backup (the ``-wal`` belongs to the database: never copy the file itself).

    Written beside ``dest`` under a temporary name (0600 from the first byte) and renamed
    when complete, so a full disk or a kill never leaves a partial file under the real name.
    An existing ``dest`` is replaced only with ``force``. The copy is recorded beside the
    database (``store.copies``) so that a purge reaches it.
    """
    dest = Path(dest)
    if dest.exists() and dest.is_dir():
        dest = dest / "netcli-backup.db"
    if dest.exists() and not force:
        raise DatabaseError(
            f"มีไฟล์ {dest} อยู่แล้ว ({dest} already exists)",
            hint="ตั้งชื่อไฟล์ใหม่ หรือใช้ --force (choose a new file name, or --force)",
            code="file-exists",
        )
    partial = dest.with_name(f".{dest.name}.partial-{os.getpid()}")
    try:
        fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        target = sqlite3.connect(partial)
    except OSError as exc:
        raise DatabaseError(f"cannot write {dest}: {exc.strerror}", code="io-error") from exc
    try:
        try:
            conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        if force:
            os.replace(partial, dest)
        else:
            try:
                os.link(partial, dest)  # never replaces a file that appeared meanwhile
            except FileExistsError:
                raise DatabaseError(
                    f"มีไฟล์ {dest} อยู่แล้ว ({dest} already exists)", code="file-exists"
                ) from None
            except OSError:
                if dest.exists():
                    raise DatabaseError(
                        f"มีไฟล์ {dest} อยู่แล้ว ({dest} already exists)", code="file-exists"
                    ) from None
                os.replace(partial, dest)
            partial.unlink(missing_ok=True)
    except BaseException:
        for leftover in (partial, *(Path(f"{partial}{s}") for s in ("-journal", "-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
        raise
    if record and db_path is not None:
        mark_done(f"สำรองข้อมูลไว้ที่ {dest} แล้ว (backup written)")
        from netcli.store.copies import record as record_copy

        record_copy(db_path, dest)
    return dest


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    """``integrity_check`` plus ``foreign_key_check`` (the first does not check foreign keys)."""
    problems = [r[0] for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
    for row in conn.execute("PRAGMA foreign_key_check"):
        problems.append(f"foreign key: {row[0]} row {row[1]} -> {row[2]}")
    return problems
