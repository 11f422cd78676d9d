"""Merging another laptop's netcli database into this one (``netcli merge OTHER.db``).

OTHER is never modified: it is copied (online backup API, read-only) into a temporary
file, the copy is migrated to this netcli's schema, attached, and everything is written
to this database in ONE ``db.write`` transaction (killed at any instant: all or nothing).

Records are matched by ``uid``; integer foreign keys are translated through uids (and
through ``member_aliases``: a uid folded into another member by ``member merge`` lands
on the member it was folded into). The tables merged are the logged ones
(``store.changelog.LOGGED_TABLES``; a test keeps every table with a ``uid`` in that
registry or among the local ones), parents first (found from the foreign keys).

The merge rule (three-way, the common ancestor read from the change logs)
-------------------------------------------------------------------------
A change-log entry is identified on both sides by its record, ``(at, op)`` and its place
among the record's entries of that time and operation (``_entry_keys``; the
record's history is read by its row id on each side, ``change_entries_row``): a laptop that
started as a ``db backup`` of another shares every entry made before the copy, and a merge
copies the other side's entries it lacks, so the entries present on both sides are the
shared history (the common ancestor is the state after them). An ``update`` entry names
the columns it changed (the compact log of migration 0006 holds only those; older entries
hold whole rows, and a column counts as changed where its two values differ).

For a record on both sides and a field whose values differ:

* *mine changed it*: some entry here that is not there, written by anything but a
  merge, has a different value of the field in ``before`` and ``after``. (Entries written
  by ``merge`` itself only adopt the other side's value; the original edit they adopt is
  copied along, so they would only double-count.)
* *theirs changed it*: the same, the other way round.
* only theirs → take theirs; only mine → keep mine; both → **conflict**: keep mine and
  record theirs in ``conflicts`` (once: the same other value is not recorded twice);
  neither (no history tells, e.g. two laptops made the same network name or attendance)
  → an empty field here is filled from theirs, otherwise a conflict.
* ``deleted_at`` set on both sides (at different times) is not a conflict: keep mine.
* a removal (``deleted_at`` set) on one side and an edit of any other field on the other
  is a conflict on ``deleted_at`` (either direction), with who and when on each side;
  the edit lands in the record as usual, ``conflicts --take theirs`` brings it back or
  removes it.

Member merges (folds) meet: the same pair folded in opposite directions keeps the record
with the smaller uid on both laptops (the side that kept the other folds it again, as a
member merge); a member folded there and live here is folded here too. Either way the
edits made to the folded record since the laptops parted land on the kept record where it
held the folded one's value (or nothing), else they are a conflict on the kept record.

A fold undone, or a pair marked different people, beats a fold (never two people in one
record). Here "folded" means a ``member_aliases`` entry, "undone" a ``member unmerge`` made
after the laptops parted (the folded record's removal undone in its history):

* folded on both, undone there: undone here too. The alias goes, the member merge here
  counts as undone, and the other laptop's unmerge entries bring the records back by the
  rule above (rows the fold dropped included).
* folded on both, undone here: the fold there is not taken (no alias, no removal); its
  entries there are no changes to take.
* folded here, the pair marked distinct there (a mark new here): the fold here is undone
  (``member unmerge``, written as this merge). When it cannot be (a later member merge, or
  edits since), the fold stays and the mark is skipped with the reason: a mark never pairs
  a member with itself.
* folded there, the pair marked distinct here: the fold there is not taken, as above.

Unknown records (uid not here) are inserted with their uid and time stamps and their
change-log history, unless this side deleted that uid (its last entry here is a
``delete`` and the row is gone) or it is an alias of a member here. A record whose
natural key (a unique index other than ``uid``, e.g. attendance per member and day,
a network's name) is already here is the same record (the "neither" rule applies).
A uid deleted there (a ``delete`` entry, row gone) is deleted here too.
A purge on either side wins: a member purged there is purged here (``members.purge``:
personal fields erased, its change log scrubbed, its conflicts dropped); a member purged
here takes nothing from there; the history of a purged member is never copied.

The entries a merge writes itself are local notes ("came in by merge"): they are not
copied to the other side and do not count as changes. So merging the same file twice
changes nothing (every other entry of OTHER is already here), after A←B, B←A gives B the
same records as A, and a further A←B finds nothing to exchange.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netcli.errors import BadFile, NetcliError, Refused
from netcli.people.members import shown_value
from netcli.store.changelog import LOGGED_TABLES
from netcli.store.db import require_write
from netcli.sync.incoming import Problem

MERGE_COMMAND = "merge"
SCHEMA = "merge_other"
MAX_LISTED = 500
ROW_LEVEL = ("CHECK constraint failed", "NOT NULL constraint failed")
NOT_COMPARED = frozenset({"id", "uid", "created_at", "updated_at", "purged_at"})


@dataclass
class TableInfo:
    name: str
    columns: list[str]  # common to both sides, without id
    fks: dict[str, str]  # column -> merged table whose id it holds
    notnull: set[str]
    uniques: list[tuple[list[str], str | None]]  # natural keys: columns, partial WHERE
    deps: set[str]


@dataclass
class TableCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    skipped: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


@dataclass
class MergeReport:
    other: str
    dry_run: bool = False
    tables: dict[str, TableCounts] = field(default_factory=dict)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    purged: int = 0
    aliases_added: int = 0
    history_copied: int = 0
    open_conflicts: int = 0
    folds: list[dict[str, Any]] = field(default_factory=list)
    invalid: list[dict[str, Any]] = field(default_factory=list)
    invalid_count: int = 0
    # A purge that arrived: the copies it reached, and what still holds a purged person.
    copies_erased: list[str] = field(default_factory=list)
    not_erased: list[dict[str, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            any(t.inserted or t.updated or t.deleted for t in self.tables.values())
            or self.conflicts
            or self.aliases_added
            or self.history_copied
            or self.folds
        )

    def as_dict(self) -> dict[str, Any]:
        total = TableCounts()
        for t in self.tables.values():
            for k, v in t.as_dict().items():
                setattr(total, k, getattr(total, k) + v)
        return {
            "other": self.other,
            "dry_run": self.dry_run,
            "tables": {k: v.as_dict() for k, v in self.tables.items()},
            "total": total.as_dict(),
            "conflicts": self.conflicts,
            "open_conflicts": self.open_conflicts,
            "purged": self.purged,
            "aliases_added": self.aliases_added,
            "folds": self.folds,
            "invalid": self.invalid,
            "invalid_count": self.invalid_count,
            "history_copied": self.history_copied,
            "skipped": self.skipped,
            "changed": self.changed,
            "copies_erased": self.copies_erased,
            "not_erased": self.not_erased,
        }


HELD_BY_READER = (
    "ข้อมูลยังอยู่ในไฟล์จนกว่าโปรแกรมที่เปิดอยู่จะปิด (another program has it open: the bytes stay"
    " until it closes)"
)


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


# --- the other database: a migrated temporary copy -----------------------------------


def _open_readonly(path: Path) -> sqlite3.Connection:
    uri = path.resolve().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        # A WAL file on a read-only medium cannot get its -shm; nobody writes it there.
        conn = sqlite3.connect(f"{uri}?immutable=1", uri=True)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn


def prepare_copy(other: Path, folder: Path, *, label: str | None = None) -> Path:
    """Copy OTHER (read-only, online backup) into ``folder`` and migrate the copy."""
    from netcli.store import db
    from netcli.store.migrations import migrate

    label = label or other.name
    if not other.exists():
        raise BadFile(
            f"ไม่พบไฟล์ {other} (no such file)", hint="ตรวจชื่อไฟล์และโฟลเดอร์ (check the path)"
        )
    if other.is_dir():
        raise BadFile(f"{other} เป็นโฟลเดอร์ ไม่ใช่ไฟล์ฐานข้อมูล (a folder, not a database file)")
    dest = folder / "other.db"
    not_db = f"{label} ไม่ใช่ฐานข้อมูล netcli (not a netcli database)"
    try:
        src = _open_readonly(other)
        try:
            dst = sqlite3.connect(dest)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.DatabaseError as exc:
        raise BadFile(
            f"{not_db}: {exc}",
            code="bad-database",
            hint="ใช้ไฟล์ที่ได้จาก netcli db backup หรือ export bundle"
            " (use a file made by netcli db backup or export bundle)",
        ) from None
    probe = sqlite3.connect(dest)
    try:
        names = {r[0] for r in probe.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        problems = [r[0] for r in probe.execute("PRAGMA quick_check") if r[0] != "ok"]
    except sqlite3.DatabaseError as exc:
        raise BadFile(f"{not_db}: {exc}", code="bad-database") from None
    finally:
        probe.close()
    if not {"_migrations", "members"} <= names or not names & {"change_log", "change_entries"}:
        raise BadFile(
            f"{label} เป็นไฟล์ SQLite แต่ไม่ใช่ฐานข้อมูล netcli (an SQLite file, not a netcli database)",
            code="bad-database",
        )
    # A row that breaks a CHECK or NOT NULL constraint is a bad row, not a broken file: the
    # incoming checks take it out (quarantine), and the check runs again after them.
    problems = [p for p in problems if not p.startswith(ROW_LEVEL)]
    if problems:
        raise BadFile(
            f"{label} เสียหาย (fails the integrity check: {problems[0]})", code="bad-database"
        )
    conn = db.connect(dest, migrate=False)
    try:
        migrate(conn, None)  # no backup of a throw-away copy
        conn.execute("PRAGMA journal_mode = DELETE")
    except NetcliError as exc:
        raise BadFile(f"{label}: {exc.message}", code="bad-database", hint=exc.hint) from None
    finally:
        conn.close()
    return dest


def _main_path(conn: sqlite3.Connection) -> Path | None:
    for row in conn.execute("PRAGMA database_list"):
        if row[1] == "main" and row[2]:
            return Path(row[2])
    return None


def quarantine(copy: Path, *, strict: bool = False, label: str = "") -> list[Problem]:
    """Check every row of the migrated copy (``sync.incoming``) and take the rows no netcli
    command would write out of it, with their change-log entries' unreadable ones.

    The copy is a throw-away file: its change-log triggers are dropped first, so taking a
    row out leaves no ``delete`` entry (which would delete the record here). With
    ``strict`` any problem refuses the whole file instead.
    """
    from netcli.sync.incoming import check_database, describe

    conn = sqlite3.connect(copy)
    try:
        problems = check_database(conn, "main")
        if not problems:
            conn.close()
            _recheck(copy, label)
            return []
        if strict:
            more = (
                f" และอีก {len(problems) - 1:,} แถว (and {len(problems) - 1:,} more)"
                if len(problems) > 1
                else ""
            )
            raise BadFile(
                f"{label} มีค่าที่ netcli ไม่เขียน ไม่รวมทั้งไฟล์ (--strict): {describe(problems[0])}{more}",
                code="bad-database",
                hint="รวมโดยไม่ใช้ --strict เพื่อข้ามแถวเหล่านี้ (without --strict the rows are skipped)",
            )
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        ).fetchall():
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute("PRAGMA foreign_keys = OFF")
        for p in problems:
            # A change-log entry is a row of change_entries (change_log is a view from 0012).
            table = "change_entries" if p.table == "change_log" else p.table
            conn.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (p.row_id,))
        conn.commit()
    finally:
        conn.close()
    _recheck(copy, label)
    return problems


def _recheck(copy: Path, label: str) -> None:
    """What the row checks left must pass the integrity check whole."""
    conn = sqlite3.connect(copy)
    try:
        left = [r[0] for r in conn.execute("PRAGMA quick_check") if r[0] != "ok"]
    finally:
        conn.close()
    if left:
        raise BadFile(f"{label} เสียหาย (fails the integrity check: {left[0]})", code="bad-database")


def merge_database(
    conn: sqlite3.Connection,
    other: Path | str,
    *,
    dry_run: bool = False,
    label: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    strict: bool = False,
) -> MergeReport:
    """Merge the netcli database at ``other`` into ``conn`` (one transaction; see module doc).

    Every incoming row is checked first (``sync.incoming``): a row no netcli command would
    write is reported and skipped, or with ``strict`` the whole file is refused.
    Call it outside any transaction: it opens its own ``db.write(conn, "merge")``.
    ``progress(done, total)`` is called as the tables are merged (steps, not rows).
    """
    from netcli.store import db

    other = Path(other)
    label = label or other.name
    here = _main_path(conn)
    if here is not None and other.exists() and here.exists():
        try:
            same = os.path.samefile(here, other)
        except OSError:
            same = False
        if same:
            raise Refused("รวมฐานข้อมูลเข้ากับตัวเองไม่ได้ (cannot merge a database into itself)")
    if conn.in_transaction:
        raise NetcliError("merge must start outside a transaction")
    from netcli.store.copies import temp_dir

    # The temporary copy lives beside the database (found by a purge, removed after a kill).
    with temp_dir(here) as tmp:
        copy = prepare_copy(other, Path(tmp), label=label)
        invalid = quarantine(copy, strict=strict, label=label)
        conn.execute(f"ATTACH DATABASE ? AS {SCHEMA}", (str(copy),))
        try:
            merger = _Merger(conn, label, progress)
            merger.invalid = invalid
            try:
                with db.write(conn, MERGE_COMMAND):
                    report = merger.run()
                    report.dry_run = dry_run
                    if dry_run:
                        raise _DryRun
            except _DryRun:
                pass
        finally:
            conn.execute("DROP TABLE IF EXISTS temp.merge_history")
            conn.execute(f"DETACH DATABASE {SCHEMA}")
    if report.purged and not dry_run and here is not None:
        # The other laptop's purge reaches this laptop's own copies too (and the bytes of the
        # database file), or says what it could not reach.
        from netcli.people.privacy import Erasure, finish_erasure

        erasure = finish_erasure(conn, here, Erasure())
        report.copies_erased = [str(p) for p in erasure.copies]
        report.not_erased = [{"path": str(p), "why": why} for p, why in erasure.failed]
        if erasure.held_by_reader:
            report.not_erased.insert(0, {"path": str(here), "why": HELD_BY_READER})
    return report


# --- the merge itself -----------------------------------------------------------------


def _columns(conn: sqlite3.Connection, schema: str, table: str) -> list[sqlite3.Row]:
    return list(conn.execute(f'PRAGMA {schema}.table_info("{table}")'))


def _tables(conn: sqlite3.Connection) -> list[TableInfo]:
    """Every table with a uid on both sides, parents first."""
    here = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM main.sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    there = {
        r[0] for r in conn.execute(f"SELECT name FROM {SCHEMA}.sqlite_master WHERE type='table'")
    }
    infos: dict[str, TableInfo] = {}
    for name in here:
        # The records are the logged tables (store.changelog: one registry); imports,
        # conflicts, member merges and aliases are one laptop's own business.
        if name not in LOGGED_TABLES or name not in there:
            continue
        cols = _columns(conn, "main", name)
        names = [c["name"] for c in cols]
        if "uid" not in names or "id" not in names:
            continue
        theirs = {c["name"] for c in _columns(conn, SCHEMA, name)}
        infos[name] = TableInfo(
            name=name,
            columns=[n for n in names if n != "id" and n in theirs],
            fks={},
            notnull={c["name"] for c in cols if c["notnull"]},
            uniques=[],
            deps=set(),
        )
    for info in infos.values():
        for fk in conn.execute(f'PRAGMA main.foreign_key_list("{info.name}")'):
            parent, column, to = fk["table"], fk["from"], fk["to"]
            if parent in infos and parent != info.name:
                info.deps.add(parent)
            if to in (None, "id") and parent in infos:
                info.fks[column] = parent
        for idx in conn.execute(f'PRAGMA main.index_list("{info.name}")'):
            if not idx["unique"] or idx["origin"] == "pk":
                continue
            cols = [r["name"] for r in conn.execute(f'PRAGMA main.index_info("{idx["name"]}")')]
            if not cols or None in cols or cols == ["uid"]:
                continue
            where = None
            if idx["partial"]:
                sql = conn.execute(
                    "SELECT sql FROM main.sqlite_master WHERE type='index' AND name = ?",
                    (idx["name"],),
                ).fetchone()[0]
                upper = sql.upper()
                where = sql[upper.rindex(" WHERE ") + 7 :]
            info.uniques.append((cols, where))
    order: list[str] = []
    rank = {n: i for i, n in enumerate(LOGGED_TABLES)}  # parents first when the FKs leave a choice
    remaining = sorted(infos, key=lambda n: (rank.get(n, len(rank)), n))
    while remaining:
        for name in remaining:
            if infos[name].deps <= set(order):
                order.append(name)
                remaining.remove(name)
                break
        else:  # a foreign-key cycle: take them as they come
            order.extend(remaining)
            break
    return [infos[n] for n in order]


def _entry_keys(entries: list[sqlite3.Row]) -> list[tuple[str, str, int]]:
    """Each entry of one record's history (in order) as it is known on both laptops: its
    time, its operation, and which of the record's entries with that time and operation it
    is (a command's entries share its time since migration 0012, and a copy keeps their
    order)."""
    seen: dict[tuple[str, str], int] = {}
    keys = []
    for e in entries:
        at_op = (e["at"], e["op"])
        seen[at_op] = seen.get(at_op, 0) + 1
        keys.append((*at_op, seen[at_op]))
    return keys


def _changed_fields(
    entries: list[sqlite3.Row],
    shared: set[tuple[str, str, int]],
    ignored: frozenset[int] | set[int] = frozenset(),
) -> dict[str, tuple[str | None, str]]:
    """Fields changed by the entries not in ``shared`` (merge entries, and those of the
    batches ``ignored``, excluded), each with who changed it last and when."""
    changed: dict[str, tuple[str | None, str]] = {}
    for key, e in zip(_entry_keys(entries), entries, strict=True):
        if key in shared or e["command"] == MERGE_COMMAND:
            continue
        if ignored and e["batch_id"] in ignored:
            continue
        if e["op"] != "update" or not e["before"] or not e["after"]:
            continue
        try:
            before, after = json.loads(e["before"]), json.loads(e["after"])
        except ValueError:
            continue
        for key in set(before) | set(after):
            if before.get(key) != after.get(key):
                changed[key] = (e["actor"], e["at"])
    return changed


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == "[]"


class _Merger:
    def __init__(
        self,
        conn: sqlite3.Connection,
        label: str,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.conn = conn
        self.progress = progress
        self.report = MergeReport(other=label)
        self.maps: dict[str, dict[int, int]] = {}
        self.aliases: dict[str, int] = {}
        # (table, uid, local id, other id) of the records whose history comes along.
        # (table, uid, local id, other id, born here): the rows whose history is copied; "born
        # here" when this merge inserted the row.
        self.history: list[tuple[str, str, int, int, int]] = []
        self.deleted_here: set[tuple[str, str]] = set()
        # Member merges: their aliases (alias uid -> kept uid there), the uids whose
        # deleted_at a fold settles, the records kept live here against a fold there.
        self.their_aliases: dict[str, str] = {}
        self.fold_uids: set[str] = set()
        self.kept_here: set[str] = set()
        # Folds there that this side does not take (undone here, or the pair is marked
        # distinct here): their uids, and the change-log batches of those folds there,
        # whose entries are not changes to take.
        self.refused: set[str] = set()
        self.refused_batches: set[int] = set()
        # Rows of the other file that failed the incoming checks (taken out of the copy).
        self.invalid: list[Problem] = []

    # -- helpers --
    def _row(self, schema: str, table: str, uid: str) -> sqlite3.Row | None:
        return self.conn.execute(
            f'SELECT * FROM {schema}."{table}" WHERE uid = ?', (uid,)
        ).fetchone()

    def _savepoint(self, fn: Any) -> Exception | None:
        """Run ``fn`` in a savepoint; on a constraint error roll just it back and return it."""
        self.conn.execute("SAVEPOINT merge_row")
        try:
            fn()
        except sqlite3.IntegrityError as exc:
            self.conn.execute("ROLLBACK TO merge_row")
            self.conn.execute("RELEASE merge_row")
            return exc
        self.conn.execute("RELEASE merge_row")
        return None

    def _skip(self, table: str, uid: str, reason: str) -> None:
        self.report.tables[table].skipped += 1
        if len(self.report.skipped) < MAX_LISTED:  # the counts say how many in all
            self.report.skipped.append({"table": table, "uid": uid, "reason": reason})

    def _conflict(
        self,
        table: str,
        uid: str,
        column: str,
        mine: Any,
        theirs: Any,
        *,
        who: tuple[tuple[str | None, str] | None, tuple[str | None, str] | None] = (None, None),
    ) -> None:
        mine_by, mine_at = who[0] or (None, None)
        theirs_by, theirs_at = who[1] or (None, None)
        mine_j = json.dumps(mine, ensure_ascii=False)
        theirs_j = json.dumps(theirs, ensure_ascii=False)
        seen = self.conn.execute(
            "SELECT id, mine_by, mine_at, theirs_by, theirs_at FROM main.conflicts"
            " WHERE table_name = ? AND row_uid = ? AND field = ? AND theirs IS ?",
            (table, uid, column, theirs_j),
        ).fetchone()
        if seen:
            # The same conflict found again (e.g. on the kept record, then through the record
            # folded into it): fill in who and when where the first finding did not know.
            known = {
                "mine_by": mine_by, "mine_at": mine_at,
                "theirs_by": theirs_by, "theirs_at": theirs_at,
            }  # fmt: skip
            fill = {k: v for k, v in known.items() if v is not None and seen[k] is None}
            if fill:
                sets = ", ".join(f"{k} = ?" for k in fill)
                self.conn.execute(
                    f"UPDATE main.conflicts SET {sets} WHERE id = ?", (*fill.values(), seen["id"])
                )
                for c in self.report.conflicts:
                    if c["id"] == seen["id"]:
                        c.update(fill)
            return
        cur = self.conn.execute(
            "INSERT INTO main.conflicts (table_name, row_uid, field, mine, theirs, other_db,"
            " mine_by, mine_at, theirs_by, theirs_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                table, uid, column, mine_j, theirs_j, self.report.other,
                mine_by, mine_at, theirs_by, theirs_at,
            ),
        )  # fmt: skip
        self.report.conflicts.append(
            {
                "id": cur.lastrowid,
                "table": table,
                "uid": uid,
                "field": column,
                # The report is output: a national ID shows masked (netcli conflicts
                # --show-national-id gives it in full).
                "mine": shown_value(column, mine),
                "theirs": shown_value(column, theirs),
                "mine_by": mine_by,
                "mine_at": mine_at,
                "theirs_by": theirs_by,
                "theirs_at": theirs_at,
            }
        )

    # -- the run --
    def run(self) -> MergeReport:
        tables = _tables(self.conn)
        self._load_aliases()
        names = {t.name for t in tables}
        for table, uid in self.conn.execute(
            "SELECT DISTINCT table_name, row_uid FROM main.change_log WHERE op = 'delete'"
        ):
            if table in names and uid and self._row("main", table, uid) is None:
                self.deleted_here.add((table, uid))
        total, done = 2 * len(tables) + 2, 0

        def step() -> None:
            nonlocal done
            done += 1
            if self.progress is not None:
                self.progress(done, total)

        if "members" in names:
            self._undone_folds()
            self._meeting_folds()
        for info in tables:
            self.report.tables[info.name] = TableCounts()
        self._report_invalid()
        for info in tables:
            self._merge_table(info)
            step()
        if "members" in names:
            self._fold_as_there()
        self._merge_aliases()
        step()
        for info in reversed(tables):
            self._deletions(info)
            step()
        self._copy_history()
        step()
        self.report.open_conflicts = self.conn.execute(
            "SELECT count(*) FROM main.conflicts WHERE resolved_at IS NULL"
        ).fetchone()[0]
        return self.report

    def _map(self, table: str, other_id: Any) -> int | None:
        return self.maps.get(table, {}).get(other_id)

    def _translate(
        self, info: TableInfo, row: sqlite3.Row
    ) -> tuple[dict[str, Any], list[tuple[str, Any]], str | None]:
        """Column values with foreign keys made local; deferred self-references; why not."""
        values: dict[str, Any] = {}
        deferred: list[tuple[str, Any]] = []
        for col in info.columns:
            value = row[col]
            if col in info.fks and value is not None:
                local = self._map(info.fks[col], value)
                if local is None:
                    if col in info.notnull:
                        return (
                            values,
                            deferred,
                            f"{col} points at a record that is not here (deleted?)",
                        )
                    if info.fks[col] == info.name:
                        deferred.append((col, value))
                value = local
            values[col] = value
        return values, deferred, None

    def _natural_match(self, info: TableInfo, values: dict[str, Any]) -> sqlite3.Row | None:
        for cols, where in info.uniques:
            if any(values.get(c) is None for c in cols):
                continue
            if where:
                probe = ", ".join(f'? AS "{c}"' for c in values)
                ok = self.conn.execute(
                    f"SELECT 1 FROM (SELECT {probe}) WHERE {where}", tuple(values.values())
                ).fetchone()
                if not ok:
                    continue
            cond = " AND ".join(f'"{c}" = ?' for c in cols)
            if where:
                cond += f" AND ({where})"
            row = self.conn.execute(
                f'SELECT * FROM main."{info.name}" WHERE {cond} LIMIT 1',
                tuple(values[c] for c in cols),
            ).fetchone()
            if row is not None:
                return row
        return None

    def _merge_table(self, info: TableInfo) -> None:
        from netcli.store.records import insert_row, update_row

        counts = self.report.tables[info.name]
        ids = self.maps.setdefault(info.name, {})
        fixups: list[tuple[int, str, Any]] = []
        is_members = info.name == "members"
        for other in self.conn.execute(
            f'SELECT * FROM {SCHEMA}."{info.name}" ORDER BY id'
        ).fetchall():
            uid = other["uid"]
            if is_members and uid in self.aliases:
                target = self.aliases[uid]
                ids[other["id"]] = target
                if other["purged_at"]:
                    self._purge_local(target)
                    local_same = self._row("main", "members", uid)
                    if local_same is not None:
                        self._purge_local(local_same["id"])
                elif self._land_on_kept(uid, other, target):
                    counts.updated += 1
                    continue
                counts.unchanged += 1
                continue
            local = self._row("main", info.name, uid)
            natural = False
            if local is None:
                if (info.name, uid) in self.deleted_here:
                    self._skip(info.name, uid, "deleted here")
                    continue
                values, deferred, why = self._translate(info, other)
                if why:
                    self._skip(info.name, uid, why)
                    continue
                if info.name == "member_distinct" and values["member_a"] == values["member_b"]:
                    # The two are one record here (a member merge that could not be undone).
                    self._skip(
                        info.name,
                        uid,
                        "both are one member here (member merge); undo it with member unmerge",
                    )
                    continue
                local = self._natural_match(info, values)
                if local is None:
                    new_id: list[int] = []

                    def do_insert(
                        values: dict[str, Any] = values, new_id: list[int] = new_id
                    ) -> None:
                        new_id.append(insert_row(self.conn, info.name, values))

                    error = self._savepoint(do_insert)
                    if error is not None:
                        self._skip(info.name, uid, f"refused by the database: {error}")
                        continue
                    ids[other["id"]] = new_id[0]
                    fixups.extend((new_id[0], col, value) for col, value in deferred)
                    counts.inserted += 1
                    if not (is_members and other["purged_at"]):
                        self.history.append((info.name, uid, new_id[0], other["id"], 1))
                    continue
                natural = True
            ids[other["id"]] = local["id"]
            if is_members and (local["purged_at"] or other["purged_at"]):
                if other["purged_at"] and not local["purged_at"]:
                    self._purge_local(local["id"])
                    counts.updated += 1
                else:
                    counts.unchanged += 1
                continue
            self._merge_fields(info, local, other, natural)
            if not natural:
                self.history.append((info.name, uid, local["id"], other["id"], 0))
        for local_id, col, other_parent in fixups:
            parent = ids.get(other_parent)
            if parent is not None:
                update_row(self.conn, info.name, local_id, {col: parent})

    def _merge_fields(
        self, info: TableInfo, local: sqlite3.Row, other: sqlite3.Row, natural: bool
    ) -> None:
        from netcli.store.records import update_row

        counts = self.report.tables[info.name]
        uid = local["uid"]
        diffs: dict[str, tuple[Any, Any]] = {}
        for col in info.columns:
            if col in NOT_COMPARED:
                continue
            mine, theirs = local[col], other[col]
            if col in info.fks and theirs is not None:
                theirs = self._map(info.fks[col], theirs)
                if theirs is None:
                    continue  # their value points at a record not here: keep ours
            if mine != theirs:
                diffs[col] = (mine, theirs)
        if not diffs:
            counts.unchanged += 1
            return
        mine_changed: dict[str, tuple[str | None, str]] = {}
        theirs_changed: dict[str, tuple[str | None, str]] = {}
        if not natural:
            mine_changed, theirs_changed = self._history_changes(
                info.name, uid, local["id"], other["id"]
            )
        updates: dict[str, Any] = {}
        conflicts: dict[str, tuple[Any, Any]] = {}
        if info.name == "members" and uid in self.fold_uids:
            # Folded by a member merge on one side: settled by the folds step, not here.
            diffs.pop("deleted_at", None)
        # A field with an open conflict waits for `conflicts --take`: merging the same file
        # again (whose entries are now shared history here) must not settle it silently.
        for (open_field,) in self.conn.execute(
            "SELECT DISTINCT field FROM main.conflicts WHERE table_name = ? AND row_uid = ?"
            " AND resolved_at IS NULL",
            (info.name, uid),
        ):
            diffs.pop(open_field, None)
        if not diffs:
            counts.unchanged += 1
            return
        if not natural:
            # What only a fold refused here changed there stays as it is here.
            for col in self._refused_fields(info.name, uid, local["id"], other["id"]):
                if col not in theirs_changed:
                    diffs.pop(col, None)
            if not diffs:
                counts.unchanged += 1
                return
        removal = self._removal_against_edit(diffs, mine_changed, theirs_changed)
        if removal is not None:
            # A removal on one side, an edit on the other: nobody's work goes silently.
            # Keep this side's state; `conflicts --take theirs` brings the record back
            # (their edits below land in it as usual) or removes it.
            mine, theirs = diffs.pop("deleted_at")
            self._conflict(info.name, uid, "deleted_at", mine, theirs, who=removal)
        for col, (mine, theirs) in diffs.items():
            if col == "deleted_at" and mine and theirs:
                continue
            m, t = col in mine_changed, col in theirs_changed
            if t and not m:
                updates[col] = theirs
            elif m and not t:
                continue
            elif not m and not t and col == "deleted_at":
                # A removal that no history here tells about is not taken on trust: the
                # record stays as this side has it (a removal settled here as "keep it").
                continue
            elif not m and not t and _empty(mine):
                updates[col] = theirs
            elif not m and not t and _empty(theirs):
                continue
            else:
                conflicts[col] = (mine, theirs)
        if updates:
            error = self._savepoint(lambda: update_row(self.conn, info.name, local["id"], updates))
            if error is not None:
                # e.g. their change would break a unique key here: keep ours, say so.
                conflicts.update({c: (local[c], v) for c, v in updates.items()})
                updates = {}
        for col, (mine, theirs) in conflicts.items():
            self._conflict(
                info.name,
                uid,
                col,
                mine,
                theirs,
                who=(mine_changed.get(col), theirs_changed.get(col)),
            )
        if updates:
            counts.updated += 1
        else:
            counts.unchanged += 1

    def _removal_against_edit(
        self,
        diffs: dict[str, tuple[Any, Any]],
        mine_changed: dict[str, tuple[str | None, str]],
        theirs_changed: dict[str, tuple[str | None, str]],
    ) -> tuple[tuple[str | None, str] | None, tuple[str | None, str] | None] | None:
        """(who/when here, who/when there) when one side removed the record and the other
        edited it since they parted; else None."""
        if "deleted_at" not in diffs:
            return None
        mine, theirs = diffs["deleted_at"]

        def last_edit(changed: dict[str, tuple[str | None, str]]) -> tuple[str | None, str] | None:
            edits = [v for k, v in changed.items() if k not in NOT_COMPARED and k != "deleted_at"]
            return max(edits, key=lambda v: v[1]) if edits else None

        if theirs and not mine and "deleted_at" in theirs_changed:
            edit = last_edit(mine_changed)
            return (edit, theirs_changed["deleted_at"]) if edit else None
        if mine and not theirs and "deleted_at" in mine_changed:
            edit = last_edit(theirs_changed)
            return (mine_changed["deleted_at"], edit) if edit else None
        return None

    def _history_changes(
        self, table: str, uid: str, local_id: int, other_id: int
    ) -> tuple[dict[str, tuple[str | None, str]], dict[str, tuple[str | None, str]]]:
        # A record's entries sit under its row id (ids are never reused); an insert entry of
        # the compact log has no row_uid.
        sql = (
            "SELECT at, op, actor, command, batch_id, before, after FROM {s}.change_log"
            " WHERE table_name = ? AND row_id = ? AND (row_uid = ? OR row_uid IS NULL)"
            " ORDER BY at, id"
        )
        here = self.conn.execute(sql.format(s="main"), (table, local_id, uid)).fetchall()
        there = self.conn.execute(sql.format(s=SCHEMA), (table, other_id, uid)).fetchall()
        keys_here = set(_entry_keys(here))
        keys_there = set(_entry_keys(there))
        return (
            _changed_fields(here, keys_there),
            _changed_fields(there, keys_here, self.refused_batches),
        )

    def _refused_fields(self, table: str, uid: str, local_id: int, other_id: int) -> set[str]:
        """Fields that only a fold refused here (``refused_batches``) changed there."""
        if not self.refused_batches:
            return set()
        there = self.conn.execute(
            f"SELECT at, op, actor, command, batch_id, before, after FROM {SCHEMA}.change_log"
            " WHERE table_name = ? AND row_id = ? AND (row_uid = ? OR row_uid IS NULL)"
            " AND batch_id IN (SELECT value FROM json_each(?)) ORDER BY at, id",
            (table, other_id, uid, json.dumps(sorted(self.refused_batches))),
        ).fetchall()
        return set(_changed_fields(there, set()))

    def _purge_local(self, member_id: int) -> None:
        from netcli.people.privacy import purge

        row = self.conn.execute(
            "SELECT uid, purged_at FROM main.members WHERE id = ?", (member_id,)
        ).fetchone()
        if row is None or row["purged_at"]:
            return
        purge(self.conn, member_id)
        # The recorded conflicts hold the person's values too.
        self.conn.execute(
            "DELETE FROM main.conflicts WHERE table_name = 'members' AND row_uid = ?", (row["uid"],)
        )
        self.report.purged += 1

    def _report_invalid(self) -> None:
        """Count and list the rows taken out; a record already here keeps its children."""
        self.report.invalid_count = len(self.invalid)
        for p in self.invalid:
            if len(self.report.invalid) < MAX_LISTED:
                self.report.invalid.append(
                    {
                        "table": p.table,
                        "uid": p.uid,
                        "field": p.field,
                        "value": p.value,
                        "why": p.why,
                    }
                )
            if p.table in self.report.tables:
                self.report.tables[p.table].skipped += 1
                if p.uid and p.row_id is not None:
                    local = self._row("main", p.table, p.uid)
                    if local is not None:
                        self.maps.setdefault(p.table, {})[p.row_id] = local["id"]

    # -- member merges (folds) on either side --
    def _load_aliases(self) -> None:
        self.aliases = {
            r[0]: int(r[1])
            for r in self.conn.execute("SELECT alias_uid, member_id FROM main.member_aliases")
        }

    def _undone_folds(self) -> None:
        """Folds here that the other laptop undid, or that a distinct mark from there refuses.

        * A fold both laptops had, undone there since (``member unmerge``: the folded record
          is live there, its removal undone after the laptops parted, and nobody here
          touched its removal): the undo travels. The alias goes, the member merge here
          counts as undone, and the records come back as the other laptop's entries say
          (the three-way rule), rows the fold dropped included.
        * A pair marked distinct there (a mark this side has not seen) and folded here: a
          mark beats a fold, so the fold is undone here (``member unmerge``, exactly); when
          it cannot be (a later member merge, or edits since), the fold stays and the mark
          is skipped with the reason.
        """
        folded_there = {
            r[0] for r in self.conn.execute(f"SELECT alias_uid FROM {SCHEMA}.member_aliases")
        }
        for x, kept_id in list(self.aliases.items()):
            if x in folded_there:
                continue
            local = self._row("main", "members", x)
            other = self._row(SCHEMA, "members", x)
            if (
                local is None
                or other is None
                or other["deleted_at"]
                or other["purged_at"]
                or local["purged_at"]
            ):
                continue
            mine, theirs = self._history_changes("members", x, local["id"], other["id"])
            if "deleted_at" in theirs and "deleted_at" not in mine:
                self._forget_fold(x, kept_id)
        marks = self.conn.execute(
            f"SELECT d.uid, ma.uid, mb.uid FROM {SCHEMA}.member_distinct d"
            f" JOIN {SCHEMA}.members ma ON ma.id = d.member_a"
            f" JOIN {SCHEMA}.members mb ON mb.id = d.member_b"
            " WHERE d.uid NOT IN (SELECT uid FROM main.member_distinct)"
        ).fetchall()
        for mark_uid, ua, ub in marks:
            if ("member_distinct", mark_uid) in self.deleted_here:
                continue
            for x, y in ((ua, ub), (ub, ua)):
                if x not in self.aliases:
                    continue
                row = self._row("main", "members", y)
                y_id = self.aliases.get(y, row["id"] if row is not None else None)
                if y_id == self.aliases[x]:
                    self._unfold_here(x, y_id)
                    break

    def _forget_fold(self, x: str, kept_id: int) -> None:
        """The other laptop undid the fold of ``x``: this side's fold of it is undone too,
        and the records come back by the other laptop's entries."""
        from netcli.store.records import now_iso

        self.conn.execute("DELETE FROM main.member_aliases WHERE alias_uid = ?", (x,))
        for mm in self.conn.execute(
            "SELECT * FROM main.member_merges WHERE other_uid = ? AND unmerged_at IS NULL", (x,)
        ).fetchall():
            self.conn.execute(
                "UPDATE main.member_merges SET unmerged_at = ? WHERE id = ?", (now_iso(), mm["id"])
            )
            for alias in json.loads(mm["moved_aliases"] or "[]"):
                self.conn.execute(
                    "UPDATE main.member_aliases SET member_id = ? WHERE alias_uid = ?",
                    (mm["other_id"], alias),
                )
            # Rows the fold dropped here (KEEP had the same) come back with the undo there.
            for table, uid in self.conn.execute(
                "SELECT table_name, row_uid FROM main.change_log WHERE batch_id = ? AND op = 'delete'",
                (-int(mm["id"]),),
            ).fetchall():
                self.deleted_here.discard((table, uid))
        kept = self.conn.execute("SELECT uid FROM main.members WHERE id = ?", (kept_id,)).fetchone()
        self.report.folds.append(
            {"kept": kept["uid"] if kept else None, "folded": x, "how": "undone there"}
        )
        self._load_aliases()

    def _unfold_here(self, x: str, kept_id: int) -> None:
        """Undo this side's member merge of ``x`` (a distinct mark came from there)."""
        from netcli.people.merge import unmerge_members
        from netcli.store.db import set_batch

        mm = self.conn.execute(
            "SELECT id FROM main.member_merges WHERE other_uid = ? AND unmerged_at IS NULL"
            " ORDER BY id DESC LIMIT 1",
            (x,),
        ).fetchone()
        if mm is None:
            return
        self.conn.execute("SAVEPOINT merge_unfold")
        try:
            unmerge_members(self.conn, merge_id=int(mm["id"]))
        except (NetcliError, sqlite3.IntegrityError):
            self.conn.execute("ROLLBACK TO merge_unfold")
            return  # the fold stays; the mark is skipped (_merge_table says why)
        finally:
            set_batch(self.conn, None)
            self.conn.execute("RELEASE merge_unfold")
        kept = self.conn.execute("SELECT uid FROM main.members WHERE id = ?", (kept_id,)).fetchone()
        self.report.folds.append(
            {"kept": kept["uid"] if kept else None, "folded": x, "how": "undone: distinct there"}
        )
        self._load_aliases()

    def _refuse_their_fold(self, x: str, local: sqlite3.Row, kept_uid: str) -> bool:
        """A fold there that this side does not take: undone here since the laptops parted
        (``member unmerge``), or the pair is marked distinct here. The fold's own entries
        there are then no changes to take (``refused_batches``)."""
        from netcli.people.distinct import are_distinct, distinct_pairs

        other = self._row(SCHEMA, "members", x)
        undone = False
        if other is not None:
            mine, theirs = self._history_changes("members", x, local["id"], other["id"])
            undone = "deleted_at" in mine and "deleted_at" not in theirs
        kept = self._row("main", "members", kept_uid)
        kept_id = self.aliases.get(kept_uid, kept["id"] if kept is not None else None)
        marked = kept_id is not None and are_distinct(
            distinct_pairs(self.conn), local["id"], kept_id
        )
        if not (undone or marked):
            return False
        self.refused.add(x)
        self.refused_batches.update(
            -int(r[0])
            for r in self.conn.execute(
                f"SELECT id FROM {SCHEMA}.member_merges WHERE other_uid = ? AND unmerged_at IS NULL",
                (x,),
            )
        )
        self.report.folds.append(
            {
                "kept": kept_uid,
                "folded": x,
                "how": "not taken: distinct here" if marked else "not taken: undone here",
            }
        )
        return True

    def _meeting_folds(self) -> None:
        """Folds of one pair in opposite directions (here x into y, there y into x).

        Both laptops must end with one live record of the person, the same one: the record
        with the smaller uid is kept. The side that kept the other one folds it into the
        kept one now (a member merge, undoable); the other side's fold of the kept record
        is not taken (its ``deleted_at`` and its alias are left out).
        """
        there = {
            r[0]: r[1]
            for r in self.conn.execute(
                f"SELECT a.alias_uid, m.uid FROM {SCHEMA}.member_aliases a"
                f" JOIN {SCHEMA}.members m ON m.id = a.member_id"
            )
        }
        self.their_aliases = there
        uids = {int(r[0]): r[1] for r in self.conn.execute("SELECT id, uid FROM main.members")}
        for x, kept_id in list(self.aliases.items()):
            y = uids.get(kept_id)
            if y is None or there.get(y) != x:
                continue
            winner, loser = min(x, y), max(x, y)
            self.fold_uids.update((winner, loser))
            self.kept_here.add(winner)
            if winner == x:  # here kept the loser: fold it into the winner
                from netcli.people.merge import merge_members

                w = self._row("main", "members", winner)
                kept = self.conn.execute(
                    "SELECT deleted_at, purged_at FROM main.members WHERE id = ?", (kept_id,)
                ).fetchone()
                if (
                    w is None
                    or w["purged_at"]
                    or kept is None
                    or kept["deleted_at"]
                    or kept["purged_at"]
                ):
                    continue
                from netcli.store.records import update_row

                update_row(self.conn, "members", w["id"], {"deleted_at": None})
                merge_members(self.conn, w["id"], kept_id)
                self.conn.execute("DELETE FROM main.member_aliases WHERE alias_uid = ?", (winner,))
                self.report.folds.append({"kept": winner, "folded": loser, "how": "opposite"})
                self._load_aliases()
        for x in there:
            if x in self.aliases or x in self.kept_here:
                continue
            local = self._row("main", "members", x)
            if local is not None and not local["deleted_at"]:
                if self._refuse_their_fold(x, local, there[x]):
                    continue
                self.fold_uids.add(x)  # folded there, live here: _fold_as_there

    def _fold_as_there(self) -> None:
        """A member folded on the other laptop and live here is folded here too; this
        side's edits to it since the laptops parted land on the kept record. Where the kept
        record holds another value of its own, that is a conflict: mine is this side's edit
        (the record keeps it), theirs the kept record's value."""
        from netcli.people.merge import TAKEABLE, merge_members

        for x, kept_uid in self.their_aliases.items():
            if x in self.aliases or x in self.kept_here or x not in self.fold_uids:
                continue
            local = self._row("main", "members", x)
            theirs_x = self._row(SCHEMA, "members", x)
            kept = self._row("main", "members", kept_uid)
            if kept is not None and kept_uid in self.aliases:
                kept = self.conn.execute(
                    "SELECT * FROM main.members WHERE id = ?", (self.aliases[kept_uid],)
                ).fetchone()
            if (
                local is None
                or theirs_x is None
                or kept is None
                or local["deleted_at"]
                or kept["deleted_at"]
                or local["purged_at"]
                or kept["purged_at"]
                or kept["id"] == local["id"]
            ):
                continue
            mine_changed, _ = self._history_changes("members", x, local["id"], theirs_x["id"])
            kept_there = self._row(SCHEMA, "members", kept["uid"])
            kept_changed: dict[str, tuple[str | None, str]] = {}
            if kept_there is not None:
                _, kept_changed = self._history_changes(
                    "members", kept["uid"], kept["id"], kept_there["id"]
                )
            take: list[str] = []
            for col in mine_changed:
                if col not in TAKEABLE or local[col] == kept[col]:
                    continue
                take.append(col)
                if not (_empty(kept[col]) or kept[col] == theirs_x[col]):
                    # This laptop's edit against the record the other laptop kept: mine is
                    # the edit (kept, as every conflict keeps this side's value), theirs the
                    # kept record's value; --take theirs puts it back.
                    self._conflict(
                        "members", kept["uid"], col, local[col], kept[col],
                        who=(mine_changed[col], kept_changed.get(col)),
                    )  # fmt: skip
            merge_members(self.conn, kept["id"], local["id"], take)
            self.report.folds.append({"kept": kept["uid"], "folded": x, "how": "as there"})
            self._load_aliases()

    def _land_on_kept(self, uid: str, other: sqlite3.Row, target: int) -> bool:
        """Their edits since the laptops parted to a member folded here land on the kept
        record: where it holds what the folded one held (or nothing), else a conflict."""
        from netcli.people.merge import DERIVED, PLACE_COLUMNS
        from netcli.store.records import update_row

        local = self._row("main", "members", uid)
        kept = self.conn.execute("SELECT * FROM main.members WHERE id = ?", (target,)).fetchone()
        if local is None or kept is None or kept["purged_at"] or local["id"] == target:
            return False
        _, theirs_changed = self._history_changes("members", uid, local["id"], other["id"])
        cols = {c for c in theirs_changed if c not in NOT_COMPARED and c != "deleted_at"}
        cols &= set(kept.keys())
        if cols & set(PLACE_COLUMNS):
            cols |= set(PLACE_COLUMNS)  # a place is one unit, codes included
        updates: dict[str, Any] = {}
        for col in sorted(cols):
            theirs = other[col]
            if theirs == kept[col]:
                continue
            if _empty(kept[col]) or kept[col] == local[col] or col in DERIVED:
                updates[col] = theirs
            else:
                self._conflict(
                    "members", kept["uid"], col, kept[col], theirs,
                    who=(None, theirs_changed.get(col)),
                )  # fmt: skip
        # A name or place part in conflict keeps its derived columns too.
        conflicted = {c for c in cols if c not in updates and other[c] != kept[c]}
        if conflicted & {"prefix", "first_name", "last_name"}:
            updates.pop("full_name", None)
            updates.pop("name_key", None)
        if conflicted & set(PLACE_COLUMNS):
            for c in PLACE_COLUMNS:
                updates.pop(c, None)
        if not updates:
            return False
        error = self._savepoint(lambda: update_row(self.conn, "members", target, updates))
        return error is None

    def _merge_aliases(self) -> None:
        rows = self.conn.execute(
            f"SELECT a.alias_uid, m.uid FROM {SCHEMA}.member_aliases a"
            f" JOIN {SCHEMA}.members m ON m.id = a.member_id"
        ).fetchall()
        for alias_uid, member_uid in rows:
            if (
                alias_uid in self.aliases
                or alias_uid in self.kept_here
                or alias_uid in self.refused
            ):
                continue
            target = self.aliases.get(member_uid)
            if target is None:
                row = self._row("main", "members", member_uid)
                target = row["id"] if row else None
            if target is None:
                continue
            self.conn.execute(
                "INSERT INTO main.member_aliases (alias_uid, member_id) VALUES (?, ?)",
                (alias_uid, target),
            )
            self.aliases[alias_uid] = target
            self.report.aliases_added += 1

    def _deletions(self, info: TableInfo) -> None:
        # A row that only a fold refused here dropped there stays.
        uids = [
            r[0]
            for r in self.conn.execute(
                f"SELECT DISTINCT c.row_uid FROM {SCHEMA}.change_log c"
                f" WHERE c.table_name = ? AND c.op = 'delete' AND c.row_uid IS NOT NULL"
                f' AND NOT EXISTS (SELECT 1 FROM {SCHEMA}."{info.name}" t WHERE t.uid = c.row_uid)'
                " AND (c.batch_id IS NULL OR c.batch_id NOT IN (SELECT value FROM json_each(?)))",
                (info.name, json.dumps(sorted(self.refused_batches))),
            )
        ]
        for uid in uids:
            local = self._row("main", info.name, uid)
            if local is None:
                continue
            error = self._savepoint(
                lambda local=local: self.conn.execute(
                    f'DELETE FROM main."{info.name}" WHERE id = ?', (local["id"],)
                )
            )
            if error is not None:
                self._skip(info.name, uid, f"deleted there, but still used here: {error}")
            else:
                self.report.tables[info.name].deleted += 1

    def _copy_history(self) -> None:
        if not self.history:
            return
        self.conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS merge_history"
            " (table_name TEXT, uid TEXT, local_id INTEGER, other_id INTEGER, born INTEGER)"
        )
        self.conn.execute("DELETE FROM temp.merge_history")
        self.conn.executemany("INSERT INTO temp.merge_history VALUES (?, ?, ?, ?, ?)", self.history)
        # A row this merge inserted has its birth twice: this merge's own insert entry and the
        # other laptop's (who made it there, when, with which command), copied below. The
        # other laptop's is the record's history; this merge's goes, so that two laptops merged
        # into a third are not bigger than the two (issue 11). A row whose birth the other
        # laptop did not keep keeps this merge's entry.
        # This merge's own entries are those of its run (migration 0012): found by the
        # record's index, not by the command's name, which would read the whole log.
        self.conn.execute(
            "DELETE FROM main.change_entries WHERE id IN (SELECT e.id FROM temp.merge_history h"
            " JOIN main.change_tables t ON t.name = h.table_name"
            " JOIN main.change_entries e ON e.table_id = t.id AND e.row_id = h.local_id"
            " AND e.op = 'insert' AND e.run_id = (SELECT run_id FROM main._context WHERE id = 1)"
            f" WHERE h.born AND EXISTS (SELECT 1 FROM {SCHEMA}.change_log o"
            " WHERE o.table_name = h.table_name AND o.row_id = h.other_id AND o.op = 'insert'"
            " AND o.command IS NOT ? AND (o.row_uid = h.uid OR o.row_uid IS NULL)))",
            (MERGE_COMMAND,),
        )
        # Through the view (migration 0012): each entry joins the run of its time, actor and
        # command, made here once for each command of the other laptop. SQLite counts no rows
        # written through a view, so the entries are counted by id.
        last = self.conn.execute("SELECT max(id) FROM main.change_entries").fetchone()[0] or 0
        # An entry is here when this record has as many entries of its time and operation as
        # its place among them there (``_entry_keys``): the n-th update of one command is
        # copied even when the first already was.
        self.conn.execute(
            f"WITH theirs AS (SELECT o.*, h.local_id AS local_id, row_number() OVER"
            " (PARTITION BY h.table_name, h.local_id, o.at, o.op ORDER BY o.id) AS n"
            f" FROM temp.merge_history h JOIN {SCHEMA}.change_log o"
            " ON o.table_name = h.table_name AND o.row_id = h.other_id"
            " AND (o.row_uid = h.uid OR o.row_uid IS NULL)"
            " WHERE o.command IS NOT ?),"
            " ours AS (SELECT m.table_name, m.row_id, m.at, m.op, count(*) AS k"
            " FROM (SELECT DISTINCT table_name, local_id FROM temp.merge_history) h"
            " JOIN main.change_log m ON m.table_name = h.table_name AND m.row_id = h.local_id"
            " GROUP BY m.table_name, m.row_id, m.at, m.op)"
            " INSERT INTO main.change_log (at, actor, command, batch_id, table_name, row_id, row_uid, op, before, after)"
            " SELECT t.at, t.actor, t.command, NULL, t.table_name, t.local_id, t.row_uid, t.op, t.before, t.after"
            " FROM theirs t LEFT JOIN ours u ON u.table_name = t.table_name AND u.row_id = t.local_id"
            " AND u.at = t.at AND u.op = t.op"
            " WHERE t.n > coalesce(u.k, 0)"
            " ORDER BY t.at, t.id",
            (MERGE_COMMAND,),
        )
        self.report.history_copied = self.conn.execute(
            "SELECT count(*) FROM main.change_entries WHERE id > ?", (last,)
        ).fetchone()[0]


# --- conflicts -------------------------------------------------------------------------


def list_conflicts(
    conn: sqlite3.Connection, *, include_resolved: bool = False, show_national_id: bool = False
) -> list[dict[str, Any]]:
    """Recorded conflicts, oldest first (values decoded from JSON; national IDs masked)."""
    where = "" if include_resolved else " WHERE resolved_at IS NULL"
    out = []
    for r in conn.execute(f"SELECT * FROM conflicts{where} ORDER BY id"):
        field = r["field"]
        out.append(
            {
                "id": r["id"],
                "table": r["table_name"],
                "uid": r["row_uid"],
                "field": field,
                "mine": shown_value(field, _loads(r["mine"]), show_national_id),
                "theirs": shown_value(field, _loads(r["theirs"]), show_national_id),
                "other_db": r["other_db"],
                "mine_by": r["mine_by"],
                "mine_at": r["mine_at"],
                "theirs_by": r["theirs_by"],
                "theirs_at": r["theirs_at"],
                "created_at": r["created_at"],
                "resolved_at": r["resolved_at"],
                "resolution": r["resolution"],
            }
        )
    return out


def _loads(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def resolve_conflict(
    conn: sqlite3.Connection, conflict_id: int, take: str, *, show_national_id: bool = False
) -> dict[str, Any]:
    """Settle a conflict (call inside ``db.write``): ``mine`` keeps this value, ``theirs`` takes the other.

    The returned ``value`` is a national ID masked unless ``show_national_id``.
    """
    require_write(conn)
    from netcli.errors import NotFound, ValidationError
    from netcli.store.records import now_iso, update_row

    if take not in ("mine", "theirs"):
        raise ValidationError(
            f"--take ต้องเป็น mine หรือ theirs (got '{take}')",
            code="bad-option",
            field="take",
            value=take,
        )
    row = conn.execute("SELECT * FROM conflicts WHERE id = ?", (conflict_id,)).fetchone()
    if row is None:
        raise NotFound(
            f"ไม่พบข้อขัดแย้ง #{conflict_id} (no such conflict)",
            hint="ดูรายการด้วย netcli conflicts (list them)",
        )
    if row["resolved_at"]:
        raise Refused(f"ข้อขัดแย้ง #{conflict_id} ตัดสินไปแล้ว ({row['resolution']}) (already resolved)")
    table, column = row["table_name"], row["field"]
    if take == "theirs":
        cols = {c["name"] for c in _columns(conn, "main", table)}
        if column not in cols:
            raise Refused(f"ตาราง {table} ไม่มีช่อง {column} แล้ว (the field no longer exists)")
        target = conn.execute(
            f'SELECT id FROM "{table}" WHERE uid = ?', (row["row_uid"],)
        ).fetchone()
        if target is None:
            raise Refused(
                f"ระเบียน {row['row_uid']} ไม่อยู่แล้ว (the record is gone)",
                hint="ใช้ --take mine (use --take mine)",
            )
        update_row(conn, table, target["id"], {column: _loads(row["theirs"])})
    conn.execute(
        "UPDATE conflicts SET resolved_at = ?, resolution = ? WHERE id = ?",
        (now_iso(), take, conflict_id),
    )
    return {
        "id": conflict_id,
        "resolution": take,
        "table": table,
        "uid": row["row_uid"],
        "field": column,
        "value": shown_value(
            column, _loads(row["theirs"] if take == "theirs" else row["mine"]), show_national_id
        ),
    }
