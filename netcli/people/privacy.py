"""Privacy (PDPA): masking national IDs, a person's own copy of their data, and erasure.

``purge`` erases a person everywhere in this database (change log and merge leftovers
included) and leaves an anonymous placeholder so that head-counts stay true;
``purge_copies`` reaches netcli's own copies of the database beside it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netcli.people.members import get
from netcli.store.db import require_write
from netcli.store.records import now_iso, stored_member_values
from netcli.store.resolve import member_id

PURGED_NAME = "(ลบข้อมูลส่วนบุคคลแล้ว)"


def purge(conn: sqlite3.Connection, ref: str | int, *, _compact: bool = True) -> int:
    """Erase a person's personal data everywhere (PDPA s33), change log and search index
    included.

    The row stays as an anonymous placeholder (province kept, for counts) so that
    attendance and head-counts stay true.
    """
    require_write(conn)
    from netcli.people.merge import forget_merged_values  # merge records hold this person too

    mid = member_id(conn, ref)
    row = conn.execute("SELECT uid FROM members WHERE id = ?", (mid,)).fetchone()
    # Member merges copied this person's values into another record's history (and a
    # merge into this person still standing means its folded-in record is them too).
    same_person = forget_merged_values(conn, mid)
    stamp = now_iso()
    # The placeholder name, as this file stores a name: from migration 0012 full_name is
    # computed from the parts (a purge also reaches netcli's older copies of the file).
    parts = {"prefix": None, "first_name": PURGED_NAME, "last_name": None}
    names = {
        column: value
        for column, value in stored_member_values(
            conn, {**parts, "full_name": PURGED_NAME, "name_key": f"purged:{row['uid']}"}
        ).items()
        if column not in parts
    }
    names_sql = ", ".join(f"{column} = ?" for column in names)
    conn.execute(
        f"UPDATE members SET prefix = NULL, first_name = ?, last_name = NULL, {names_sql},"
        " role = NULL, organization = NULL, issue_areas = NULL, village = NULL,"
        " subdistrict = NULL, subdistrict_code = NULL, phone = NULL, email = NULL, line_id = NULL,"
        " national_id = NULL, joined_on = NULL, consent_at = NULL, consent_purpose = NULL,"
        " notes = NULL, source = NULL, deleted_at = coalesce(deleted_at, ?), purged_at = ?,"
        " updated_at = ? WHERE id = ?",
        (PURGED_NAME, *names.values(), stamp, stamp, stamp, mid),
    )
    # The history of this row holds the personal data: it goes too (secure_delete zeroes it).
    conn.execute("DELETE FROM change_log WHERE table_name = 'members' AND row_id = ?", (mid,))
    _forget_organizations(conn, mid)
    conn.execute("UPDATE actions SET owner_text = NULL WHERE owner_member_id = ?", (mid,))
    conn.execute("UPDATE import_rows SET message = NULL WHERE member_id = ?", (mid,))
    # Merge conflicts hold the other laptop's values of this person's fields.
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'conflicts'").fetchone():
        conn.execute(
            "DELETE FROM conflicts WHERE table_name = 'members' AND row_uid = ?", (row["uid"],)
        )
    conn.execute(
        "INSERT INTO change_log (actor, command, table_name, row_id, row_uid, op)"
        " SELECT actor, command, 'members', ?, ?, 'purge' FROM _context",
        (mid, row["uid"]),
    )
    for other in same_person:
        done = conn.execute("SELECT purged_at FROM members WHERE id = ?", (other,)).fetchone()
        if done is not None and not done["purged_at"]:
            purge(conn, other, _compact=False)
    if _compact:
        # The search index's triggers recorded the change as a tombstone; the old trigrams of
        # the name stay in older index segments until merged away.
        from netcli.people.search import forget_deleted

        forget_deleted(conn)
    return mid


def _forget_organizations(conn: sqlite3.Connection, mid: int) -> None:
    """The person's organization links go (history too); an organization that only this
    person named (no one else linked, no figures, no details) goes with them: its name may
    say who they are."""
    if not conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'member_organizations'"
    ).fetchone():
        return  # a copy made before organizations existed
    links = conn.execute(
        "SELECT id, organization_id FROM member_organizations WHERE member_id = ?", (mid,)
    ).fetchall()
    conn.execute("DELETE FROM member_organizations WHERE member_id = ?", (mid,))
    for link in links:
        conn.execute(
            "DELETE FROM change_log WHERE table_name = 'member_organizations' AND row_id = ?",
            (link["id"],),
        )
    conn.execute(
        "UPDATE organizations SET leader_member_id = NULL, updated_at = ? WHERE leader_member_id = ?",
        (now_iso(), mid),
    )
    for link in links:
        oid = link["organization_id"]
        alone = conn.execute(
            "SELECT NOT EXISTS (SELECT 1 FROM member_organizations WHERE organization_id = ?)"
            " AND NOT EXISTS (SELECT 1 FROM organization_figures WHERE organization_id = ?)"
            " AND NOT EXISTS (SELECT 1 FROM organizations WHERE id = ? AND (leader_member_id IS NOT"
            " NULL OR phone IS NOT NULL OR notes IS NOT NULL))",
            (oid, oid, oid),
        ).fetchone()[0]
        if alone:
            conn.execute("DELETE FROM organizations WHERE id = ?", (oid,))
            conn.execute(
                "DELETE FROM change_log WHERE table_name = 'organizations' AND row_id = ?", (oid,)
            )


def own_copies(db_path: Path) -> list[Path]:
    """Every copy netcli made of a database (the registry of ``store.copies``)."""
    from netcli.store.copies import known_copies

    return known_copies(db_path)


@dataclass
class Erasure:
    """What a purge reached: the database (always, committed), the copies, what it could not.

    ``held_by_reader``: another program holds the database open on the old data, so the
    erased bytes stay in the file until it closes; ``failed``: copies (path, why) that still
    hold the person; ``missing``: recorded copies that are not there now (a removed stick).
    """

    member_id: int = 0
    copies: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)
    held_by_reader: bool = False

    @property
    def complete(self) -> bool:
        return not self.failed and not self.held_by_reader


# How long a purge waits for a reader of the old data (another netcli, DB Browser) to finish.
CHECKPOINT_WAIT_MS = 5_000


def checkpoint(conn: sqlite3.Connection, wait_ms: int = CHECKPOINT_WAIT_MS) -> bool:
    """Push the WAL into the database file and truncate it; False when a reader still holds
    the old pages (their bytes stay in the file until it closes)."""
    from netcli.store.db import BUSY_TIMEOUT_MS

    conn.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
    try:
        busy, log, done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.OperationalError:
        return False
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return busy == 0 and (log <= 0 or log == done)


def purged_uids(conn: sqlite3.Connection) -> list[str]:
    """The uids of every person purged from this database."""
    return [r[0] for r in conn.execute("SELECT uid FROM members WHERE purged_at IS NOT NULL")]


def purge_copies(db_path: Path, uids: list[str], erasure: Erasure | None = None) -> Erasure:
    """Erase purged people from every copy netcli made of the database (PDPA: erasure covers
    copies): each copy is brought up to every purge of ``uids`` (so a copy that was away,
    busy or made before an earlier purge catches up), its WAL folded in and the file
    rewritten so that no free page keeps the bytes. What could not be erased is named."""
    from netcli.store import copies as registry
    from netcli.store import db

    erasure = erasure or Erasure()
    wanted = set(uids)
    for recorded in registry.recorded_copies(db_path):
        if not recorded.exists():
            erasure.missing.append(recorded)
    for copy in own_copies(db_path):
        try:
            conn = sqlite3.connect(copy, isolation_level=None, timeout=CHECKPOINT_WAIT_MS / 1000)
        except sqlite3.Error as exc:
            erasure.failed.append((copy, str(exc)))
            continue
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA secure_delete = ON")
            holding = [
                int(r["id"])
                for r in conn.execute(
                    "SELECT id, uid FROM members WHERE purged_at IS NULL"
                ).fetchall()
                if r["uid"] in wanted
            ]
            if not holding:
                continue
            # A netcli write like any other: the copy's triggers refuse writes without one.
            with db.write(conn, "member remove --purge"):
                for mid in holding:
                    purge(conn, mid)
            # Out of the WAL, then the file rewritten: no old page keeps the bytes.
            if not checkpoint(conn):
                raise sqlite3.OperationalError("another program has this copy open")
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("VACUUM")
            erasure.copies.append(copy)
        except sqlite3.Error as exc:
            erasure.failed.append((copy, str(exc)))
        finally:
            conn.close()
    return erasure


def export_data(conn: sqlite3.Connection, ref: str | int) -> dict[str, Any]:
    """Everything kept about one person, for their own copy (PDPA s30): unmasked."""
    record = get(conn, ref, show_national_id=True, include_removed=True)
    mid = record["id"]
    record["organization_links"] = [
        dict(r)
        for r in conn.execute(
            "SELECT o.name AS organization, o.kind, mo.role FROM member_organizations mo"
            " JOIN organizations o ON o.id = mo.organization_id WHERE mo.member_id = ?"
            " ORDER BY mo.position, mo.id",
            (mid,),
        )
    ]
    record["memberships"] = [
        dict(r)
        for r in conn.execute(
            "SELECT n.name AS network, m.role, m.joined_on FROM memberships m JOIN networks n ON n.id = m.network_id WHERE m.member_id = ?",
            (mid,),
        )
    ]
    record["attendance"] = [
        dict(r)
        for r in conn.execute(
            "SELECT mt.title, a.day, a.role FROM attendance a JOIN meetings mt ON mt.id = a.meeting_id WHERE a.member_id = ? ORDER BY a.day",
            (mid,),
        )
    ]
    record["history"] = [
        dict(r)
        for r in conn.execute(
            "SELECT at, actor, command, op FROM change_log WHERE table_name = 'members' AND row_id = ? ORDER BY id",
            (mid,),
        )
    ]
    return record


def erase(conn: sqlite3.Connection, db_path: Path, ref: str | int) -> Erasure:
    """``member remove --purge``: purge in one write transaction, then make it reach the bytes
    of the database file and of every copy netcli made; says what it could not reach."""
    from netcli.store import db

    with db.write(conn, "member remove --purge"):
        mid = purge(conn, ref)
    return finish_erasure(conn, db_path, Erasure(member_id=mid))


def finish_erasure(conn: sqlite3.Connection, db_path: Path, erasure: Erasure) -> Erasure:
    """After a committed purge (typed, or arriving by merge): the WAL into the file (the old
    pages zeroed by secure_delete), then every copy."""
    erasure.held_by_reader = not checkpoint(conn)
    return purge_copies(db_path, purged_uids(conn), erasure)
