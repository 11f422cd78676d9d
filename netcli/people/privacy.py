"""Privacy (PDPA): masking national IDs, a person's own copy of their data, and erasure.

``purge`` erases a person everywhere in this database (change log and merge leftovers
included) and leaves an anonymous placeholder so that head-counts stay true;
``purge_copies`` reaches netcli's own copies of the database beside it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from netcli.people.members import get
from netcli.store.db import require_write
from netcli.store.records import now_iso
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
    conn.execute(
        "UPDATE members SET prefix = NULL, first_name = ?, last_name = NULL, full_name = ?,"
        " name_key = ?, role = NULL, organization = NULL, issue_areas = NULL, village = NULL,"
        " subdistrict = NULL, subdistrict_code = NULL, phone = NULL, email = NULL, line_id = NULL,"
        " national_id = NULL, joined_on = NULL, consent_at = NULL, consent_purpose = NULL,"
        " notes = NULL, source = NULL, deleted_at = coalesce(deleted_at, ?), purged_at = ?,"
        " updated_at = ? WHERE id = ?",
        (PURGED_NAME, PURGED_NAME, f"purged:{row['uid']}", stamp, stamp, stamp, mid),
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
    """The copies netcli itself made beside a database (before a migration, before a restore)."""
    name = db_path.name
    found = [*db_path.parent.glob(f"{name}.before-migration-*.bak")]
    found += db_path.parent.glob(f"{name}.replaced-*.bak")
    return sorted(found)


def purge_copies(db_path: Path, uid: str) -> list[Path]:
    """Erase a purged person from netcli's own copies too (PDPA: erasure covers copies).

    Returns the copies that held the person. Backups made with ``db backup`` live where
    the user put them; they are the user's to purge or delete.
    """
    from netcli.store import db

    touched = []
    for copy in own_copies(db_path):
        try:
            conn = sqlite3.connect(copy, isolation_level=None)
        except sqlite3.Error:
            continue
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA secure_delete = ON")
            found = conn.execute("SELECT id FROM members WHERE uid = ?", (uid,)).fetchone()
            if found is None:
                continue
            # A netcli write like any other: the copy's triggers refuse writes without one.
            with db.write(conn, "member remove --purge"):
                purge(conn, int(found["id"]))
            # Out of the WAL, then the file rewritten: no old page keeps the bytes.
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("VACUUM")
            touched.append(copy)
        except sqlite3.Error:
            continue
        finally:
            conn.close()
    return touched


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


def erase(conn: sqlite3.Connection, db_path: Path, ref: str | int) -> tuple[int, list[Path]]:
    """``member remove --purge``: purge in one write transaction, then make it reach the bytes.

    Returns the member's id and the netcli copies the person was erased from too.
    """
    from netcli.people.members import get as get_member
    from netcli.store import db

    uid = get_member(conn, ref, include_removed=True)["uid"]
    with db.write(conn, "member remove --purge"):
        mid = purge(conn, ref)
    # Push the erased pages out of the WAL and truncate it, so the old bytes are gone.
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return mid, purge_copies(db_path, uid)
