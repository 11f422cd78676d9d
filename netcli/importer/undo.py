"""``import list`` and ``import undo BATCH``: the import batches, and taking one back.

Undo replays the change-log rows tagged with the batch, newest first: an inserted row is
deleted, an updated row gets its ``before`` values back (``updated_at`` included, so the row is
exactly what it was: an update entry holds the columns it changed, all of them in an entry
older than migration 0006), a deleted row comes back. It refuses when a later change touched a row of
the batch, or when a later record points at a member the batch created.

The people the batch brought in were never kept: their change-log entries (the delete the
undo writes holds their whole record, a later update some of it) are erased, and an
anonymous tombstone per person (``forget_new_members``) keeps their id from being given to
someone else.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from typing import Any

from netcli.errors import NotFound, Refused
from netcli.store.changelog import LOGGED_TABLES
from netcli.store.db import require_write
from netcli.store.records import from_json_list, now_iso, parse_id, stored_member_values

# Records that point at a member: an undo cannot delete a member they still name.
_MEMBER_REFERENCES = (
    ("attendance", "member_id", "การเข้าร่วมประชุม (attendance)"),
    ("memberships", "member_id", "สมาชิกภาพเครือข่าย (network membership)"),
    ("actions", "owner_member_id", "งานติดตาม (follow-up action)"),
    ("member_organizations", "member_id", "การเป็นสมาชิกองค์กร (organization link)"),
    ("organizations", "leader_member_id", "ตำแหน่งผู้นำองค์กร (organization leader)"),
)


def import_id(conn: sqlite3.Connection, ref: str | int) -> int:
    """An import batch by id (or uid prefix)."""
    text = str(ref).strip().lstrip("#")
    number = parse_id(text)
    if number is not None:
        row = conn.execute("SELECT id FROM imports WHERE id = ?", (number,)).fetchone()
        if row:
            return int(row[0])
    elif len(text) >= 6:
        rows = conn.execute(
            "SELECT id FROM imports WHERE uid >= ? AND uid < ? LIMIT 2",
            (text.lower(), text.lower() + "g"),
        ).fetchall()
        if len(rows) == 1:
            return int(rows[0][0])
    raise NotFound(
        f"ไม่พบการนำเข้า '{text}' (no such import batch)",
        hint="ดูรายการด้วย netcli import list (list them)",
    )


def list_imports(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every import batch, newest first."""
    out = []
    for row in conn.execute("SELECT * FROM imports ORDER BY id DESC"):
        out.append(
            {
                "id": row["id"],
                "uid": row["uid"],
                "file_name": row["file_name"],
                "path": row["path"],
                "sha256": row["sha256"],
                "sheets": from_json_list(row["sheets"]),
                "rows": row["rows"],
                "inserted": row["inserted"],
                "updated": row["updated"],
                "unchanged": row["unchanged"],
                "rejected": row["rejected"],
                "warnings": row["warnings"],
                "actor": row["actor"],
                "created_at": row["created_at"],
                "undone_at": row["undone_at"],
            }
        )
    return out


def _later_changes(conn: sqlite3.Connection, batch: int, last: int) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT c2.id, c2.table_name, c2.row_id, c2.command, c2.at FROM change_log c2"
        " WHERE c2.id > ? AND EXISTS (SELECT 1 FROM change_log c1 WHERE c1.table_name = c2.table_name"
        " AND c1.row_id = c2.row_id AND c1.batch_id = ?)"
        # A later batch that was itself undone, and that undo, left no change behind.
        " AND coalesce(c2.command, '') NOT LIKE 'import undo%'"
        " AND (c2.batch_id IS NULL OR c2.batch_id NOT IN"
        " (SELECT id FROM imports WHERE undone_at IS NOT NULL))"
        " ORDER BY c2.id LIMIT 5",
        (last, batch),
    ).fetchall()


def _refuse_dependants(conn: sqlite3.Connection, batch: int) -> None:
    """Refuse when records outside the batch point at members the batch inserted."""
    for table, column, noun in _MEMBER_REFERENCES:
        row = conn.execute(
            f"SELECT t.id, t.{column} AS member FROM {table} t"
            f" JOIN change_log c ON c.table_name = 'members' AND c.row_id = t.{column}"
            " AND c.batch_id = ? AND c.op = 'insert'"
            f" WHERE NOT EXISTS (SELECT 1 FROM change_log c3 WHERE c3.table_name = '{table}'"
            " AND c3.row_id = t.id AND c3.batch_id = ? AND c3.op = 'insert') LIMIT 1",
            (batch, batch),
        ).fetchone()
        if row is not None:
            raise Refused(
                f"ย้อนการนำเข้า #{batch} ไม่ได้: สมาชิก #{row['member']} ที่นำเข้าครั้งนี้มี{noun} ที่บันทึกภายหลัง"
                f" (a later {table} record depends on a member of this import)",
                hint="ลบรายการที่บันทึกภายหลังก่อน แล้วลองใหม่ (undo or remove the later change first)",
            )


def forget_new_members(conn: sqlite3.Connection, new_members: dict[int, str | None]) -> None:
    """Erase the history of members an undone batch inserted (id -> uid), leaving tombstones.

    Every change-log entry of theirs goes: the insert, any later update (another import that
    filled a field, and its undo) and the delete the undo just wrote all hold personal data,
    and ``member export-data`` of whoever got the same id next would have shown it. With
    ``secure_delete`` the bytes are zeroed; the CLI then checkpoints the WAL. The history of
    their network memberships and attendance stays: it names member ids, not people.

    One anonymous ``delete`` entry per person stays (id and random uid, no data): the id stays
    taken (the importer starts above the highest member id in the change log) and a merge
    still learns that the record was deleted here (merge.py reads ``delete`` entries by uid).
    """
    require_write(conn)
    if not new_members:
        return
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS undo_members (id INTEGER PRIMARY KEY, uid TEXT)")
    conn.execute("DELETE FROM temp.undo_members")
    conn.executemany("INSERT INTO temp.undo_members VALUES (?, ?)", new_members.items())
    conn.execute(
        "DELETE FROM main.change_log WHERE table_name = 'members'"
        " AND row_id IN (SELECT id FROM temp.undo_members)"
    )
    conn.execute(
        "INSERT INTO main.change_log (actor, command, table_name, row_id, row_uid, op)"
        " SELECT c.actor, c.command, 'members', u.id, u.uid, 'delete'"
        " FROM temp.undo_members u, main._context c ORDER BY u.id"
    )
    conn.execute("DROP TABLE temp.undo_members")


def _forget_new_organizations(conn: sqlite3.Connection, entries: list[sqlite3.Row]) -> None:
    """Organizations the batch created from its หน่วยงาน column go without a trace (their
    names came from the people taken back); an anonymous entry keeps each id taken."""
    created = {
        int(e["row_id"]): e["row_uid"]
        for e in entries
        if e["table_name"] == "organizations" and e["op"] == "insert"
    }
    for oid, uid in created.items():
        conn.execute(
            "DELETE FROM change_log WHERE table_name = 'organizations' AND row_id = ?", (oid,)
        )
        conn.execute(
            "INSERT INTO change_log (actor, command, table_name, row_id, row_uid, op)"
            " SELECT actor, command, 'organizations', ?, ?, 'delete' FROM _context",
            (oid, uid),
        )


def undo(conn: sqlite3.Connection, ref: str | int) -> dict[str, Any]:
    """Undo one import batch; call inside ``db.write``. Returns counts of what was put back."""
    require_write(conn)
    batch = import_id(conn, ref)
    imp = conn.execute("SELECT * FROM imports WHERE id = ?", (batch,)).fetchone()
    if imp["undone_at"]:
        raise Refused(f"การนำเข้า #{batch} ถูกย้อนไปแล้วเมื่อ {imp['undone_at']} (already undone)")
    entries = conn.execute(
        "SELECT id, table_name, row_id, row_uid, op, before FROM change_log WHERE batch_id = ?"
        " ORDER BY id DESC",
        (batch,),
    ).fetchall()
    if entries:
        later = _later_changes(conn, batch, int(entries[0]["id"]))
        if later:
            first = later[0]
            raise Refused(
                f"ย้อนการนำเข้า #{batch} ไม่ได้: {first['table_name']} #{first['row_id']} ถูกแก้ภายหลัง"
                f" โดย '{first['command'] or '?'}' เมื่อ {first['at']} (later changes depend on this import)",
                hint="ย้อนหรือแก้รายการที่ทำภายหลังก่อน (undo the later change first)",
            )
        _refuse_dependants(conn, batch)
    deleted: Counter[str] = Counter()
    restored: Counter[str] = Counter()
    # The uids of the members the batch brought in, for their tombstones (an insert entry
    # of the compact log carries none: the row has it, until the replay deletes it).
    born = [
        int(e["row_id"]) for e in entries if e["table_name"] == "members" and e["op"] == "insert"
    ]
    uids = {
        int(r[0]): r[1]
        for r in conn.execute(
            "SELECT id, uid FROM members WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(born),),
        )
    }
    # The rows of import_rows are history: they stay, without the members that are gone.
    conn.execute(
        "UPDATE import_rows SET member_id = NULL WHERE member_id IN"
        " (SELECT row_id FROM change_log WHERE batch_id = ? AND table_name = 'members' AND op = 'insert')",
        (batch,),
    )
    for entry in entries:
        table = entry["table_name"]
        if table not in LOGGED_TABLES:
            raise Refused(
                f"ย้อนการนำเข้า #{batch} ไม่ได้: ไม่รู้จักตาราง {table} (unknown table in the change log)"
            )
        op = entry["op"]
        if op == "insert":
            conn.execute(f"DELETE FROM {table} WHERE id = ?", (entry["row_id"],))
            deleted[table] += 1
        elif op == "update":
            before = json.loads(entry["before"])
            before.pop("id", None)
            if table == "members":  # an older entry's full_name and name_key (migration 0012)
                before = stored_member_values(conn, before, entry["row_id"])
            cols = ", ".join(f"{k} = ?" for k in before)
            conn.execute(
                f"UPDATE {table} SET {cols} WHERE id = ?", (*before.values(), entry["row_id"])
            )
            restored[table] += 1
        elif op == "delete":
            before = json.loads(entry["before"])
            if table == "members":
                before = stored_member_values(conn, before)
            cols = ", ".join(before)
            marks = ", ".join("?" for _ in before)
            conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", tuple(before.values()))
            restored[table] += 1
        else:
            raise Refused(
                f"ย้อนการนำเข้า #{batch} ไม่ได้: มีการลบข้อมูลส่วนบุคคลถาวรแล้ว (a purge cannot be undone)"
            )
    conn.execute(
        "UPDATE imports SET undone_at = ?, updated_at = ? WHERE id = ?",
        (now_iso(), now_iso(), batch),
    )
    new_members = {mid: uids.get(mid) for mid in born}
    for e in entries:
        if e["table_name"] == "members" and e["op"] == "insert" and e["row_uid"]:
            new_members[int(e["row_id"])] = e["row_uid"]  # an entry older than 0006
    forget_new_members(conn, new_members)
    _forget_new_organizations(conn, entries)
    inserted = set(new_members)
    updated = {e["row_id"] for e in entries if e["table_name"] == "members" and e["op"] != "insert"}
    return {
        "import_id": batch,
        "file_name": imp["file_name"],
        "members_deleted": deleted["members"],
        # Members that were there before the import and have their old values back.
        "members_restored": len(updated - inserted),
        "deleted": dict(deleted),
        "restored": dict(restored),
    }
