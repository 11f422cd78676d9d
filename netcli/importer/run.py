"""The import of roster files: one ``BEGIN IMMEDIATE`` transaction per file, tagged with its batch.

Each file becomes an ``imports`` row whose id is the batch id of every change-log row it causes
(``db.set_batch``), so ``import undo`` can replay it backwards. Rows that match a live member
(``members.match_existing``: national ID, then phone — each only when the names agree — then
name key + province) update that member: empty fields are filled, differing values are kept and
reported (``overwrite`` takes the file's), and the row counts as ``updated`` or ``unchanged``; a
person twice in one file is folded. A shared phone with another name is another person, imported
with a warning that names the other member.
Importing the same file twice changes nothing the second time.

Speed (benchmarks/import_roster.py): the keys of existing members are read once per file into
dictionaries that answer exactly what ``match_existing``'s three SELECTs would (the live member
with the lowest id), new members get their ids up front (the transaction holds the write lock)
and go in by chunks through a temporary staging table, and ``members.prepare`` is memoised per
distinct value of the fields that repeat down a roster (rows.py). Each chunk's move from the
staging table into ``members`` (the change-log trigger and the member indexes: most of the
SQLite time) runs on a second thread, GIL-free inside SQLite, while the next rows are validated;
the connection is never used by both threads at once (``Upserter.wait``). The rows of a big
sheet are validated on two cores when one is free: a forked helper process prepares chunks of
them (parallel.py), and this process writes every row, in file order. While python-calamine loads
a big sheet (without the GIL), a thread fills the caches the first rows need (rows.warm_up).
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import Any

from netcli.errors import BadFile, RowError, ValidationError
from netcli.files.textfile import display_path
from netcli.importer import parallel
from netcli.importer.headers import IGNORE, Columns, Mapper, detect, save_mapping, saved_mappings
from netcli.importer.reader import Sheet, Source
from netcli.importer.rows import Prepared, RowReader, cell_input, warm_up
from netcli.people import members
from netcli.people.distinct import distinct_pairs
from netcli.store import db
from netcli.store.records import DERIVED_NAMES, full_name_sql, max_logged_row_sql, name_key_sql

_FLUSH_EVERY = 4_000
# Move staged chunks into ``members`` on a second thread (Upserter.flush). A switch so that a
# test can check that the result is exactly that of the plain, one-thread import.
BACKGROUND = True
_PROGRESS_EVERY = 1_000
_WARM_UP_BYTES = 512 * 1024  # a workbook of about 5,000 rows
_INSERT_COLUMNS = ("id", *members.DATA_COLUMNS, "source")
_COLUMNS = ", ".join(_INSERT_COLUMNS)
# New members are staged in a temporary table and moved with one INSERT … SELECT per chunk:
# one statement (one statement journal) instead of thousands, and its triggers and index
# updates run inside SQLite without Python in between.
_STAGE_CREATE = f"CREATE TEMP TABLE IF NOT EXISTS import_stage ({_COLUMNS})"
_EMPTY_ROW: dict[str, Any] = dict.fromkeys(members.DATA_COLUMNS)
# The source is the same for every row of a file: given once to the move, not bound per row.
# full_name and name_key are computed from the name parts (migration 0012): the move stores
# whether the prefix is glued to the name, and the text only where the parts do not give it
# (NULL for almost every member).
_GLUED = (
    "CASE WHEN prefix <> '' AND full_name = "
    + full_name_sql("prefix", "first_name", "last_name", "1")
    + " THEN 1 ELSE 0 END"
)
_STAGED_AS = {
    "source": "?",
    "full_name": f"{_GLUED}, nullif(full_name, "
    + full_name_sql("prefix", "first_name", "last_name", _GLUED)
    + ")",
    "name_key": "nullif(name_key, " + name_key_sql("first_name", "last_name") + ")",
}
_STORED_AS = {**DERIVED_NAMES, "full_name": "name_glued, full_name_written"}
_STAGE_MOVE = (
    "INSERT INTO main.members ("
    + ", ".join(_STORED_AS.get(c, c) for c in _INSERT_COLUMNS)
    + f") SELECT {', '.join(_STAGED_AS.get(c, c) for c in _INSERT_COLUMNS)}"
    " FROM temp.import_stage"
)
_ROWS_COLUMNS = "import_id, sheet, row_number, status, member_id, message"
_ROWS_STAGE_CREATE = f"CREATE TEMP TABLE IF NOT EXISTS import_rows_stage ({_ROWS_COLUMNS})"
_ROWS_STAGE_INSERT = "INSERT INTO temp.import_rows_stage VALUES (?, ?, ?, ?, ?, ?)"
_ROWS_STAGE_MOVE = (
    f"INSERT INTO main.import_rows ({_ROWS_COLUMNS}) SELECT {_ROWS_COLUMNS}"
    " FROM temp.import_rows_stage"
)
# Fields a person reads; the codes and keys beside them follow and are not reported twice.
_REPORTED = tuple(
    c
    for c in members.DATA_COLUMNS
    if not c.endswith("_code") and c not in ("name_key", "full_name")
)

Progress = Callable[[int, int], None]


@dataclass
class Options:
    """What ``netcli import`` was asked to do (everything but the files)."""

    sheets: list[str] | None = None
    network: str | None = None
    meeting: str | None = None
    day: date | None = None
    dry_run: bool = False
    strict: bool = False
    overwrite: bool = False
    mapping: dict[str, str] | None = None  # header -> field, from --mapping
    save_mapping: str | None = None

    def as_json(self) -> str:
        return json.dumps(
            {
                "sheets": self.sheets,
                "network": self.network,
                "meeting": self.meeting,
                "day": self.day.isoformat() if self.day else None,
                "strict": self.strict,
                "overwrite": self.overwrite,
                "mapping": bool(self.mapping),
                "save_mapping": self.save_mapping,
            },
            ensure_ascii=False,
        )


@dataclass
class Rejected:
    """A rejected row as it was, for the error workbook."""

    sheet: str | None
    row: int
    cells: list[Any]
    why: str


@dataclass
class FileResult:
    """What became of one file: the report entry, its errors and warnings, the rejected rows."""

    path: str
    source_path: str = ""  # as given on the command line ("-" for stdin)
    sheets: list[str] = field(default_factory=list)
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    skipped: int = 0
    import_id: int | None = None
    errors: list[dict[str, Any]] = field(default_factory=list)  # RowError.as_dict()
    warnings: list[dict[str, Any]] = field(default_factory=list)
    rejected_rows: list[Rejected] = field(default_factory=list)
    headers: dict[str | None, list[Any]] = field(default_factory=dict)  # sheet -> header row
    unmapped: dict[str | None, list[str]] = field(default_factory=dict)
    columns: dict[str | None, list[dict[str, Any]]] = field(default_factory=dict)  # the mapping
    error: str | None = None  # the file failed part-way and was rolled back (import_files)
    backlogged: int = 0  # rows that waited for a background chunk move (not reported)

    def entry(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "sheets": self.sheets,
            "rows": self.rows,
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "warnings": len(self.warnings),
            "skipped": self.skipped,
            "import_id": self.import_id,
            "unmapped": {k or "": v for k, v in self.unmapped.items() if v},
            "columns": {k or "": v for k, v in self.columns.items()},
            "error": self.error,
        }


class _Rollback(Exception):
    """Leaves a ``db.write`` block without committing (dry run, or strict with rejections)."""


# --- matching and writing members --------------------------------------------------------


class Upserter:
    """Finds, inserts and updates members for one import, with ``find_existing``'s semantics."""

    def __init__(self, conn: sqlite3.Connection, *, overwrite: bool, source: str) -> None:
        self.conn = conn
        self.overwrite = overwrite
        self.source = source
        self.by_nid: dict[str, int] = {}
        self.by_phone: dict[str, int] = {}
        # name key + "\x1f" + province code: a string key costs half a tuple key's memory.
        self.by_name: dict[str, int] = {}
        # The second and later members of one name and province (another title sex or
        # district: ``members.why_another``), rare enough for a dictionary of their own.
        self.more_by_name: dict[str, list[int]] = {}
        # Pairs marked as different people (member distinct): no warning names one to the other.
        self.distinct = distinct_pairs(conn)
        for mid, nid, phone, key, pcode in conn.execute(
            "SELECT id, national_id, phone, name_key, province_code FROM members"
            " WHERE deleted_at IS NULL ORDER BY id"
        ):
            self._index(mid, nid, phone, key, pcode)
        # New ids start above every member id there ever was, not only the live ones: an id
        # that an undone import or a deletion left free is not given to someone else, who would
        # inherit its history (the change log is keyed by table and id; import undo leaves a
        # tombstone for this). Both maxima come from an index.
        self.next_id = int(
            conn.execute(
                "SELECT max(coalesce((SELECT max(id) FROM members), 0),"
                f" coalesce(({max_logged_row_sql(conn)}), 0)) + 1",
                ("members",),
            ).fetchone()[0]
        )
        self.pending: dict[int, dict[str, Any]] = {}
        self.used: set[str] = set()  # columns some new member has a value in
        # Where each new member first appeared (sheet number << 32 | row), by id - first new id.
        self.first_new_id = self.next_id
        self.first_rows = array("q")
        self.import_rows: list[tuple[Any, ...]] = []
        self._executor: ThreadPoolExecutor | None = None
        self._moving: Future[None] | None = None

    def _index(self, mid: int, nid: Any, phone: Any, key: Any, pcode: Any) -> None:
        if nid:
            self.by_nid.setdefault(nid, mid)
        if phone:
            self.by_phone.setdefault(phone, mid)
        if key:
            name = f"{key}\x1f{pcode or ''}"
            first = self.by_name.setdefault(name, mid)
            if first != mid:
                more = self.more_by_name.setdefault(name, [])
                if mid not in more:
                    more.append(mid)

    def find(self, values: dict[str, Any]) -> tuple[int | None, list[str]]:
        """What ``members.match_existing`` would answer: the id and the warnings."""
        notes: list[tuple[int | None, str]] = []
        found: int | None = None
        for column, index in (("national_id", self.by_nid), ("phone", self.by_phone)):
            value = values.get(column)
            if not value or value not in index:
                continue
            mid = index[value]
            other = self._row(mid)
            agree = members.names_agree(values, other)
            if agree == "same":
                found = mid
                break
            if agree == "close":
                notes.append(
                    (None, members.match_note(f"close:{column}", values, {**other, "id": mid}))
                )
                found = mid
                break
            notes.append((mid, members.match_note(f"other:{column}", values, {**other, "id": mid})))
        key = values.get("name_key")
        if found is None and key:
            name = f"{key}\x1f{values.get('province_code') or ''}"
            first = self.by_name.get(name)
            for mid in (first, *self.more_by_name.get(name, ())) if first is not None else ():
                why = members.why_another(values, {**self._row(mid), "id": mid})
                if why is None:
                    found = mid
                    break
                notes.append((mid, why))
        if not notes:
            return found, []
        return found, members.distinct_notes(notes, found, self.distinct)

    def _row(self, mid: int) -> dict[str, Any]:
        if mid in self.pending:
            return self.pending[mid]
        self.wait()
        row = self.conn.execute("SELECT * FROM members WHERE id = ?", (mid,)).fetchone()
        return dict(row)

    def upsert(
        self, values: dict[str, Any]
    ) -> tuple[str, int, dict[str, tuple[Any, Any]], dict[str, Any], list[str]]:
        """(status, member id, conflicts, changes, matching notes) for one prepared row."""
        mid, notes = self.find(values)
        if mid is None:
            mid = self.next_id
            self.next_id += 1
            row = _EMPTY_ROW.copy()
            row.update(values)
            if len(row) != len(_EMPTY_ROW):  # a field that is no column (source): not kept
                row = {c: row[c] for c in members.DATA_COLUMNS}
            self.pending[mid] = row
            self.used.update(values)
            self._index(
                mid, row["national_id"], row["phone"], row["name_key"], row["province_code"]
            )
            return "inserted", mid, {}, {}, notes
        existing = self._row(mid)
        fills, conflicts = members.diff(existing, values)
        changes = dict(fills)
        if self.overwrite:
            changes.update((k, new) for k, (_, new) in conflicts.items())
        if not changes:
            return "unchanged", mid, conflicts, {}, notes
        keys_moved = self.overwrite and any(
            k in conflicts for k in ("national_id", "phone", "name_key", "province_code")
        )
        if mid in self.pending:
            self.pending[mid].update(changes)
            self.used.update(changes)
        else:
            from netcli.store.records import update_row

            self.wait()
            update_row(self.conn, "members", mid, changes)
        after = self._row(mid)
        if keys_moved:
            self._reindex()
        else:
            self._index(
                mid, after["national_id"], after["phone"], after["name_key"], after["province_code"]
            )
        return "updated", mid, conflicts, changes, notes

    def _reindex(self) -> None:
        """After --overwrite moved a key field, rebuild the key dictionaries from the table."""
        self.flush()
        self.by_nid.clear()
        self.by_phone.clear()
        self.by_name.clear()
        self.more_by_name.clear()
        for mid, nid, phone, key, pcode in self.conn.execute(
            "SELECT id, national_id, phone, name_key, province_code FROM members"
            " WHERE deleted_at IS NULL ORDER BY id"
        ):
            self._index(mid, nid, phone, key, pcode)

    def flush(self, *, background: bool = False) -> None:
        """Write the pending new members and import_rows (inside the file's transaction).

        With ``background``, the move of the staged members into ``members`` runs on a second
        thread (``_move``) while this one goes on reading and validating rows.
        """
        self.wait()
        conn = self.conn
        if self.pending or self.import_rows:
            conn.execute(_STAGE_CREATE)
            conn.execute(_ROWS_STAGE_CREATE)
            conn.execute("DELETE FROM temp.import_stage")
            conn.execute("DELETE FROM temp.import_rows_stage")
        staged = False
        if self.pending:
            # Only the columns that some new member of this file has a value in are bound (a
            # roster fills about half of them; binding is most of the staging time).
            used = tuple(c for c in members.DATA_COLUMNS if c in self.used)
            data = itemgetter(*used)
            if len(used) == 1:
                rows: Iterator[tuple[Any, ...]] = (
                    (mid, data(row)) for mid, row in self.pending.items()
                )
            else:
                rows = ((mid, *data(row)) for mid, row in self.pending.items())
            conn.executemany(
                f"INSERT INTO temp.import_stage (id, {', '.join(used)})"
                f" VALUES ({', '.join('?' * (len(used) + 1))})",
                rows,
            )
            self.pending.clear()
            staged = True
        if self.import_rows:
            # Staged too: a row names its member, who may be in the chunk still to be moved.
            conn.executemany(_ROWS_STAGE_INSERT, self.import_rows)
            self.import_rows.clear()
            staged = True
        if not staged:
            return
        if background and BACKGROUND:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(1, thread_name_prefix="netcli-import")
            self._moving = self._executor.submit(self._move)
        else:
            self._move()

    def _move(self) -> None:
        # One INSERT … SELECT: the change-log trigger and the member indexes run inside SQLite,
        # which releases the GIL for the whole statement (about two thirds of an import's
        # SQLite time, overlapped with the validation of the next chunk on the other core).
        # (Two statements only: after each, this thread waits for the GIL; the staging
        # tables are emptied by the next flush, on the main thread.)
        self.conn.execute(_STAGE_MOVE, (self.source,))
        self.conn.execute(_ROWS_STAGE_MOVE)

    def ready(self, values: dict[str, Any]) -> bool:
        """Whether ``upsert(values)`` can run now without waiting for the background move."""
        if self._moving is None or self._moving.done():
            return True
        # Every member ``find`` may read (the holders of this ID and phone, the name match)
        # must still be pending, i.e. not in the chunk being moved.
        candidates = (
            self.by_nid.get(values.get("national_id") or ""),
            self.by_phone.get(values.get("phone") or ""),
            self.by_name.get(f"{values.get('name_key')}\x1f{values.get('province_code') or ''}"),
            *self.more_by_name.get(
                f"{values.get('name_key')}\x1f{values.get('province_code') or ''}", ()
            ),
        )
        return all(mid is None or mid in self.pending for mid in candidates)

    def wait(self) -> None:
        """Wait for a background move (re-raising its error): the connection is ours again.

        The two threads never use the connection at the same time."""
        moving, self._moving = self._moving, None
        if moving is not None:
            moving.result()

    def close(self) -> None:
        """Wait for a background move and stop the thread (also when the import failed)."""
        try:
            self.wait()
        finally:
            if self._executor is not None:
                self._executor.shutdown(wait=True)
                self._executor = None


# --- one file ------------------------------------------------------------------------------


def _column_name(cols: Columns, fld: str | None, first_col: int) -> str | None:
    if fld is None:
        return None
    col = cols.column_of(fld)
    if col is None and fld == "name":
        col = cols.column_of("first_name")
    if col is None:
        return None
    return cols.headers.get(col) or _letter(col + first_col)


def _letter(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _cell_value(cols: Columns, fld: str | None, cells: Sequence[Any]) -> Any:
    if fld is None:
        return None
    col = cols.column_of(fld)
    if col is None and fld == "name":
        col = cols.column_of("first_name")
    if col is None or col >= len(cells):
        return None
    value = cell_input(cells[col])
    if isinstance(value, date):
        return value.isoformat()
    return None if value == "" else value


class _MergedFill:
    """Values of vertically merged data cells (a province merged over its rows) copied down."""

    def __init__(
        self,
        merged: Sequence[tuple[tuple[int, int], tuple[int, int]]],
        header_index: int,
        first_col: int,
    ) -> None:
        self.starts: dict[int, list[tuple[int, int, int]]] = {}
        for (r0, c0), (r1, c1) in merged:
            if r0 > header_index and r1 > r0 and c1 == c0:
                self.starts.setdefault(r0, []).append((c0 - first_col, r1, c1 - first_col))
        self.active: list[tuple[int, int, Any]] = []

    def apply(self, index: int, cells: list[Any]) -> list[Any]:
        if not self.starts and not self.active:
            return cells
        for c0, r1, _ in self.starts.pop(index, ()):
            if c0 < len(cells):
                self.active.append((c0, r1, cells[c0]))
        if self.active:
            self.active = [a for a in self.active if a[1] >= index]
            for c0, _, value in self.active:
                while len(cells) <= c0:
                    cells.append("")
                if cells[c0] in ("", None):
                    cells[c0] = value
        return cells


def _rows_after_header(
    sheet: Sheet, buffered: list[list[Any]], start: int
) -> Iterator[tuple[int, list[Any]]]:
    for index in range(start, len(buffered)):
        yield index, buffered[index]
    index = len(buffered)
    for cells in sheet.rows:
        yield index, cells
        index += 1


class FileImport:
    """The import of one file inside an open transaction."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        source: Source,
        options: Options,
        *,
        network_id: int | None,
        meeting_id: int | None,
        progress: Progress | None,
        probe: Probe | None = None,
    ) -> None:
        self.conn = conn
        self.source = source
        self.options = options
        self.probe = probe
        self.network_id = network_id
        self.meeting_id = meeting_id
        self.progress = progress
        self.result = FileResult(source.display, display_path(source.path))
        self.mapper = Mapper(options.mapping)
        self.saved = saved_mappings(conn)
        self.members_seen: dict[int, None] = {}
        self.mapping_saved = False

    def run(self) -> FileResult:
        conn = self.conn
        name = Path(self.source.display).name
        import_id = int(
            conn.execute(
                "INSERT INTO imports (path, file_name, sha256, options, actor) VALUES (?, ?, ?, ?, ?)",
                (
                    self.source.display
                    if self.source.path == "-"
                    else display_path(Path(self.source.path).resolve()),
                    name,
                    self.source.sha256,
                    self.options.as_json(),
                    db.current_actor(),
                ),
            ).lastrowid
        )
        self.result.import_id = import_id
        # This import's rows of import_rows all come after this id (one import writes at a
        # time): found by a range of ids, with no index on import_id (migration 0012).
        rows_before = conn.execute("SELECT coalesce(max(id), 0) FROM import_rows").fetchone()[0]
        db.set_batch(conn, import_id)
        self.upserter = Upserter(
            conn, overwrite=self.options.overwrite, source=f"import #{import_id}: {name}"
        )
        found_any_rows = False
        try:
            for sheet, head in self._sheets():
                found_any_rows |= self._sheet(sheet, head)
            self.upserter.flush()
        finally:
            self.upserter.close()
        if not self.result.sheets:
            # Only without a probe (import_files probes every file before writing anything).
            if not found_any_rows:
                raise BadFile(f"{self.source.display}: ไม่มีข้อมูล (the file is empty)")
            raise BadFile(
                f"{self.source.display}: ไม่พบแถวหัวตารางที่มีคอลัมน์ชื่อ (no header row with a name column)",
                hint="ใส่หัวคอลัมน์ เช่น 'ชื่อ - สกุล' หรือบอกด้วย --mapping FILE.toml"
                " (add a header row, e.g. 'ชื่อ - สกุล', or map the columns with --mapping FILE.toml)",
            )
        conn.execute("DROP TABLE IF EXISTS temp.import_stage")
        conn.execute("DROP TABLE IF EXISTS temp.import_rows_stage")
        self._links()
        # The หน่วยงาน column links each person to an organization record (created where
        # none of that name is in their province), in the same batch so undo takes it back.
        from netcli.people.organizations import link_from_text

        link_from_text(
            conn,
            [
                r[0]
                for r in conn.execute(
                    "SELECT member_id FROM import_rows WHERE id > ? AND import_id = ?"
                    " AND member_id IS NOT NULL AND status IN ('inserted', 'updated')",
                    (rows_before, import_id),
                )
            ],
        )
        db.set_batch(conn, None)
        r = self.result
        conn.execute(
            "UPDATE imports SET sheets = ?, rows = ?, inserted = ?, updated = ?, unchanged = ?,"
            " rejected = ?, warnings = ? WHERE id = ?",
            (
                json.dumps(r.sheets, ensure_ascii=False),
                r.rows,
                r.inserted,
                r.updated,
                r.unchanged,
                r.rejected,
                len(r.warnings),
                import_id,
            ),
        )
        return r

    def _sheets(self) -> Iterator[tuple[Sheet, Head | None]]:
        """The sheets to import, those the probe already read first (with their top rows)."""
        if self.probe is None:
            for sheet in self.source.sheets(self.options.sheets):
                yield sheet, None
            return
        for head in self.probe.heads:
            sheet = head.sheet
            if sheet is None:
                # Released to bound memory: read it again and pass over the rows already read.
                sheet = next(iter(self.source.sheets([head.name or ""])))
                for _ in islice(sheet.rows, len(head.buffered)):
                    pass
            yield sheet, head
        for sheet in self.probe.rest:
            yield sheet, None

    def _links(self) -> None:
        """Network membership and meeting attendance for everyone the file names."""
        if self.network_id is None and self.meeting_id is None:
            return
        from netcli.networks import records as networks

        for mid in self.members_seen:
            if self.network_id is not None:
                networks.join(self.conn, self.network_id, mid)
            if self.meeting_id is not None:
                from netcli.meetings import records as meetings

                meetings.attend(self.conn, self.meeting_id, mid, day=self.options.day)

    def _warn(
        self, sheet: str | None, row: int | None, column: str | None, value: Any, message: str
    ) -> None:
        self.result.warnings.append(
            {
                "file": self.source.display,
                "sheet": sheet,
                "row": row,
                "column": column,
                "value": value,
                "message": message,
            }
        )

    def _sheet(self, sheet: Sheet, head: Head | None = None) -> bool:
        """Import one sheet; False when it holds nothing at all."""
        buffered, filled = (head.buffered, head.filled) if head else _read_head(sheet)
        if not filled:
            if sheet.name is not None:
                self._warn(
                    sheet.name, None, None, None,
                    "ไม่มีข้อมูล — ข้ามชีตนี้ (empty sheet; skipped)",
                )  # fmt: skip
            return False
        cols = detect(buffered, self.mapper, self.saved, sheet.merged, sheet.first_col)
        if cols is None:
            self._warn(
                sheet.name,
                None,
                None,
                None,
                f"ชีต '{sheet.name}': ไม่พบแถวหัวตาราง — ข้ามชีตนี้ (no header row; sheet skipped)",
            )
            return True
        r = self.result
        r.sheets.append(sheet.name or "")
        self.sheet_number = len(r.sheets) - 1
        r.headers[sheet.name] = _header_row(cols)
        unmapped = [cols.headers[c] for c in cols.unmapped]
        r.unmapped[sheet.name] = unmapped
        r.columns[sheet.name] = column_mapping(cols, sheet.first_col)
        for col in cols.unmapped:
            self._warn(
                sheet.name,
                cols.header_index + 1,
                cols.headers[col],
                None,
                f"คอลัมน์ '{cols.headers[col]}' ไม่ได้นำเข้า: ไม่รู้ว่าเป็นช่องใด (column not imported;"
                " map it with --mapping FILE.toml)",
            )
        if self.options.save_mapping and not self.mapping_saved:
            save_mapping(self.conn, self.options.save_mapping, cols)
            self.mapping_saved = True
        reader = RowReader(cols)
        fill = _MergedFill(sheet.merged, cols.header_index, sheet.first_col)
        total = max(sheet.total_rows - cols.header_index - 1, 0)
        done = 0
        up = self.upserter
        # Rows are validated in file order and upserted in file order, but a row that matches a
        # member already handed to the background move (a person twice in the file, far apart)
        # needs the connection: rather than wait for the move, the rows from there on are
        # validated into the backlog and upserted, still in order, once the move is done.
        backlog: deque[tuple[int, list[Any], Prepared]] = deque()
        rows = (
            (index, fill.apply(index, cells))
            for index, cells in _rows_after_header(sheet, buffered, cols.header_index + 1)
        )
        # A big sheet is validated on two cores (parallel.py); no SQLite work may be running on
        # the other thread while the helper process is forked.
        stream = parallel.prepared_rows(
            rows,
            reader,
            parallel=parallel.available(total, self.source.streamed),
            before_fork=up.wait,
        )
        try:
            for index, cells, prepared in stream:
                done += 1
                if self.progress is not None and done % _PROGRESS_EVERY == 0:
                    self.progress(done, total)
                if prepared is None:
                    if any(c not in ("", None) for c in cells):
                        r.skipped += 1
                    continue
                r.rows += 1
                if not backlog and (prepared.errors or up.ready(prepared.values)):
                    self._take(sheet, cols, index + 1, cells, prepared)
                    continue
                backlog.append((index + 1, cells, prepared))
                r.backlogged += 1
                if len(backlog) >= _FLUSH_EVERY:
                    up.wait()
                while backlog and (backlog[0][2].errors or up.ready(backlog[0][2].values)):
                    self._take(sheet, cols, *backlog.popleft())
        finally:
            stream.close()  # stops the helper process at once, also when the import failed
        while backlog:
            self._take(sheet, cols, *backlog.popleft())
        if self.progress is not None:
            self.progress(done, done)
        if not done:
            self._warn(
                sheet.name, cols.header_index + 1, None, None,
                "ไม่มีแถวข้อมูลใต้หัวตาราง (no rows under the header)",
            )  # fmt: skip
        return True

    def _row_sheet(self, sheet: Sheet) -> str | None:
        """The sheet an import_rows row names: NULL for the import's first sheet (the first
        name in ``imports.sheets``), so a one-sheet file does not repeat its name per row."""
        return sheet.name if self.sheet_number else None

    def _take(
        self, sheet: Sheet, cols: Columns, excel_row: int, cells: list[Any], prepared: Prepared
    ) -> None:
        """Upsert one validated row (or record its rejection), in file order."""
        r = self.result
        up = self.upserter
        if prepared.errors:
            self._reject(sheet.name, excel_row, cells, cols, prepared.errors, sheet.first_col)
            up.import_rows.append(
                (r.import_id, self._row_sheet(sheet), excel_row, "rejected", None,
                 "; ".join(sorted({str(e.field) for e in prepared.errors})))
            )  # fmt: skip
            return
        status, mid, conflicts, changes, notes = up.upsert(prepared.values)
        for fld, message in prepared.warnings:
            self._warn(sheet.name, excel_row, _column_name(cols, fld, sheet.first_col),
                       _cell_value(cols, fld, cells), message)  # fmt: skip
        for message in notes:
            self._warn(sheet.name, excel_row, None, None, message)
        if status == "inserted":
            r.inserted += 1
            up.first_rows.append(self.sheet_number << 32 | excel_row)
            message = None
        else:
            if status == "updated":
                r.updated += 1
            else:
                r.unchanged += 1
            message = self._duplicate_notes(
                sheet.name, excel_row, cols, cells, mid, conflicts, changes, sheet.first_col
            )
        if self.network_id is not None or self.meeting_id is not None:
            self.members_seen[mid] = None
        up.import_rows.append(
            (r.import_id, self._row_sheet(sheet), excel_row, status, mid, message)
        )
        if len(up.pending) >= _FLUSH_EVERY or len(up.import_rows) >= _FLUSH_EVERY:
            up.flush(background=True)

    def _duplicate_notes(
        self,
        sheet: str | None,
        row: int,
        cols: Columns,
        cells: Sequence[Any],
        mid: int,
        conflicts: dict[str, tuple[Any, Any]],
        changes: dict[str, Any],
        first_col: int,
    ) -> str | None:
        up = self.upserter
        index = mid - up.first_new_id
        if 0 <= index < len(up.first_rows):
            packed = up.first_rows[index]
            first_sheet, first_row = self.result.sheets[packed >> 32], packed & 0xFFFFFFFF
            where = (
                f"แถว {first_row}"
                if first_sheet == (sheet or "")
                else f"ชีต '{first_sheet}' แถว {first_row}"
            )
            self._warn(
                sheet,
                row,
                None,
                None,
                f"ซ้ำกับ{where} ในไฟล์เดียวกัน — รวมเป็นคนเดียว (same person as {where}; folded)",
            )
        kept = [k for k in _REPORTED if k in conflicts]
        for key in kept:
            old, new = conflicts[key]
            verb = "แทนที่ค่าเดิม" if self.options.overwrite else "เก็บค่าเดิม"
            hint = "" if self.options.overwrite else "; ใช้ --overwrite เพื่อใช้ค่าจากไฟล์"
            self._warn(
                sheet,
                row,
                _column_name(
                    cols,
                    key if key not in ("prefix", "first_name", "last_name") else "name",
                    first_col,
                )
                or key,
                members.shown_value(key, new),
                f"สมาชิก #{mid} มีค่าเดิม '{members.shown_value(key, old)}' ต่างจากในไฟล์ '{members.shown_value(key, new)}'"
                f" — {verb}{hint} ({key} differs from member {mid};"
                f" {'replaced' if self.options.overwrite else 'kept'})",
            )
        parts = []
        if changes:
            parts.append("changed: " + ", ".join(k for k in _REPORTED if k in changes))
        if kept and not self.options.overwrite:
            parts.append("differs: " + ", ".join(kept))
        return "; ".join(parts) or None

    def _reject(
        self,
        sheet: str | None,
        row: int,
        cells: Sequence[Any],
        cols: Columns,
        errors: list[ValidationError],
        first_col: int,
    ) -> None:
        r = self.result
        r.rejected += 1
        whys = []
        for exc in errors:
            fld = exc.field
            value = exc.value if fld == "national_id" else _cell_value(cols, fld, cells)
            r.errors.append(
                RowError.of(
                    exc,
                    file=self.source.display,
                    sheet=sheet,
                    row=row,
                    column=_column_name(cols, fld, first_col),
                    value=value,
                ).as_dict()
            )
            whys.append(exc.message + (f" (หมายถึง '{exc.suggestion}'?)" if exc.suggestion else ""))
        r.rejected_rows.append(Rejected(sheet, row, list(cells), "; ".join(whys)))


def _read_head(sheet: Sheet) -> tuple[list[list[Any]], int]:
    """(the top rows, how many hold anything): the header is among the first 40 rows that hold
    anything (a logo area or blank rows may come first)."""
    buffered: list[list[Any]] = []
    filled = 0
    for cells in sheet.rows:
        buffered.append(cells)
        if any(c not in ("", None) for c in cells):
            filled += 1
            if filled >= 40:
                break
        elif len(buffered) >= 2_000:
            break
    return buffered, filled


# --- the header pre-pass -------------------------------------------------------------------
#
# Every file's header is found before anything is written: a file that cannot be imported at
# all (empty, no header row with a name column, a --sheet it lacks) is refused like a damaged
# file (open_all), with one line and exit 1, and the database is not touched. Without this, the
# default mode (one transaction per file) had committed the files before it and then stopped
# without printing the report. The sheet read by the probe is kept, positioned after its top
# rows, for the import to go on from: loading a 100,000-row sheet costs calamine about 1 s.
_KEEP_ROWS = 50_000  # rows of probed sheets held for the files after the first (memory bound)


@dataclass
class Head:
    """The top rows of a sheet, read by the probe."""

    name: str | None
    sheet: Sheet | None  # None: released, to be read again by the import
    buffered: list[list[Any]]
    filled: int


@dataclass
class Probe:
    """A file whose header was found: the sheets read up to it, and the sheets after them."""

    heads: list[Head]
    rest: Iterator[Sheet]


def probe(source: Source, options: Options, saved: dict[str, tuple[str, dict[str, str]]]) -> Probe:
    """Read a file's sheets up to the first with a header row; BadFile when none has one."""
    mapper = Mapper(options.mapping)
    sheets = source.sheets(options.sheets)
    heads: list[Head] = []
    found_rows = False
    for sheet in sheets:
        buffered, filled = _read_head(sheet)
        heads.append(Head(sheet.name, sheet, buffered, filled))
        if filled and detect(buffered, mapper, saved, sheet.merged, sheet.first_col):
            return Probe(heads, sheets)
        found_rows |= bool(filled)
        sheet.rows = iter(())  # not imported: only its top rows (for the warning) are needed
    if not found_rows:
        raise BadFile(f"{source.display}: ไม่มีข้อมูล (the file is empty)")
    raise BadFile(
        f"{source.display}: ไม่พบแถวหัวตารางที่มีคอลัมน์ชื่อ (no header row with a name column)",
        hint="ใส่หัวคอลัมน์ เช่น 'ชื่อ - สกุล' หรือบอกด้วย --mapping FILE.toml"
        " (add a header row, e.g. 'ชื่อ - สกุล', or map the columns with --mapping FILE.toml)",
    )


def probe_all(conn: sqlite3.Connection, sources: Sequence[Source], options: Options) -> list[Probe]:
    """``probe`` every file, reading the database only (its saved mappings)."""
    saved = saved_mappings(conn)
    probes = []
    budget = _KEEP_ROWS
    for index, source in enumerate(sources):
        found = probe(source, options, saved)
        header = found.heads[-1]
        rows = header.sheet.total_rows if header.sheet is not None else 0
        # The first file is imported at once; later big sheets are read again when their turn
        # comes rather than all held in memory together.
        if index and source.kind != "csv":
            if rows > budget:
                header.sheet = None
            else:
                budget -= rows
        probes.append(found)
    return probes


def column_mapping(cols: Columns, first_col: int = 0) -> list[dict[str, Any]]:
    """How each written column was read: letter, header as written, and the field it fills
    (``"ignore"`` for a running number or a signature, ``None`` when not understood)."""
    out = []
    for col in sorted(cols.headers):
        text = cols.headers[col]
        if not str(text).strip():
            continue
        fld = cols.fields.get(col) or (IGNORE if col in cols.ignored else None)
        out.append({"letter": _letter(first_col + col), "header": text, "field": fld})
    return out


def _letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based column: 0 -> A, 26 -> AA."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _header_row(cols: Columns) -> list[Any]:
    """One header row for the error workbook (two-row headers folded into their lower row)."""
    width = max((len(r) for r in cols.header_rows), default=0)
    out: list[Any] = [""] * width
    for col, text in cols.headers.items():
        if col < width:
            out[col] = text
    if cols.split_name:
        # A merged name header: the workbook gets the parts' own headers so that it re-imports.
        names = {"prefix": "คำนำหน้า", "first_name": "ชื่อ", "last_name": "นามสกุล"}
        for col in cols.split_name:
            out[col] = names[cols.fields[col]]
    return out


# --- the command ---------------------------------------------------------------------------


def import_files(
    conn: sqlite3.Connection,
    sources: Sequence[Source],
    options: Options,
    *,
    progress_for: Callable[[Source], Progress | None] | None = None,
) -> tuple[dict[str, Any], list[FileResult]]:
    """Import the opened sources; returns (the JSON report of product.md, per-file results).

    Default: one transaction per file. ``strict`` and ``dry_run``: one transaction for all files,
    rolled back for a dry run or when a strict import rejected any row.

    Nothing is written before every file's header is found (``probe_all``: BadFile, exit 1).
    A file that fails later, part-way through its rows (a damaged row deep in a workbook, an
    over-long CSV field), is what the probe cannot foresee without reading every file twice:
    in the default mode its own transaction is rolled back, its report entry carries the
    ``error``, and the other files go on, as valid rows do beside rejected ones (product.md);
    the report is printed and the exit status is 1. Under ``strict``/``dry_run`` it rolls
    back everything and is raised.
    """
    from netcli.networks import records as networks

    results: list[FileResult] = []
    written = True
    # Statement journals and the staging table live in memory, and a 24 MB page cache keeps
    # the members' indexes in memory during a big import (100,000 members: 6.1 s of SQLite
    # CPU time with the default 2 MB cache, 5.0 s with 64 MB; 24 MB keeps the peak < 300 MB).
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA cache_size = -24576")

    def one(source: Source, found: Probe, network: int | None, meeting: int | None) -> FileResult:
        job = FileImport(
            conn, source, options, network_id=network, meeting_id=meeting,
            progress=progress_for(source) if progress_for else None, probe=found,
        )  # fmt: skip
        return job.run()

    try:
        # Everything that can refuse the whole command is checked before the first write.
        network = networks.network_id(conn, options.network) if options.network else None
        meeting = None
        if options.meeting:
            from netcli.meetings import records as meetings

            meeting = meetings.meeting_id(conn, options.meeting)
        # Loading a big sheet (in probe_all) takes python-calamine seconds without the GIL:
        # meanwhile a thread builds what validating the first row needs (rows.warm_up).
        warming = None
        if any(s.size >= _WARM_UP_BYTES for s in sources):
            import threading

            warming = threading.Thread(target=warm_up, name="netcli-warm-up", daemon=True)
            warming.start()
        try:
            probes = probe_all(conn, sources, options)
        finally:
            if warming is not None:
                warming.join()
        if options.strict or options.dry_run:
            try:
                with db.write(conn, "import"):
                    for source, found in zip(sources, probes, strict=True):
                        results.append(one(source, found, network, meeting))
                    if options.dry_run or (options.strict and any(r.rejected for r in results)):
                        raise _Rollback
            except _Rollback:
                written = False
                for r in results:  # rolled back: no batch of that number exists
                    r.import_id = None
        else:
            for source, found in zip(sources, probes, strict=True):
                try:
                    with db.write(conn, "import"):
                        results.append(one(source, found, network, meeting))
                except BadFile as exc:
                    message = f"{exc.message} — {exc.hint}" if exc.hint else exc.message
                    results.append(
                        FileResult(source.display, display_path(source.path), error=message)
                    )
    finally:
        for source in sources:
            source.close()
    return report(results, written=written, dry_run=options.dry_run), results


def report(results: Sequence[FileResult], *, written: bool, dry_run: bool) -> dict[str, Any]:
    """The ``import --format json`` report (product.md), plus ``written`` and ``dry_run``."""
    return {
        "files": [r.entry() for r in results],
        "inserted": sum(r.inserted for r in results),
        "updated": sum(r.updated for r in results),
        "unchanged": sum(r.unchanged for r in results),
        "rejected": sum(r.rejected for r in results),
        "errors": [e for r in results for e in r.errors],
        "warnings": [w for r in results for w in r.warnings],
        "failed": [{"path": r.path, "error": r.error} for r in results if r.error],
        "written": written,
        "dry_run": dry_run,
    }


def open_all(paths: Sequence[str]) -> list[Source]:
    """Open and check every file before anything is written (a bad second file stops the lot)."""
    from netcli.importer.reader import open_source

    sources: list[Source] = []
    try:
        for path in paths:
            sources.append(open_source(path))
    except BaseException:
        for source in sources:
            source.close()
        raise
    return sources


def default_report_path(path: str) -> Path | None:
    """``roster.xlsx`` → ``roster.errors.xlsx`` beside it (None for stdin)."""
    if path == "-":
        return None
    p = Path(path)
    return p.with_name(f"{p.stem}.errors.xlsx")
