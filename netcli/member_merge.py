"""Folding a duplicate person into another (``member merge KEEP OTHER``) and undoing it.

Every write of a merge goes to the change log with ``batch_id = -merge_id`` (negative, so
it never mixes with import batches); ``unmerge_members`` replays exactly those entries
backwards, so both records, their attendance, memberships and actions come back as they
were. OTHER's uid is remembered in ``member_aliases``: a laptop merge that brings records
of OTHER later puts them on KEEP.

Both functions write: call them inside ``netcli.db.write``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from netcli.db import current_actor, set_batch
from netcli.errors import NotFound, Refused, ValidationError
from netcli.members import DATA_COLUMNS, member_id
from netcli.records import now_iso, update_row

NAME_FIELDS = ("prefix", "first_name", "last_name")
DERIVED = {"full_name", "name_key", "province_code", "district_code", "subdistrict_code"}
# A place name travels with its code.
PAIRED = {
    "province": "province_code",
    "district": "district_code",
    "subdistrict": "subdistrict_code",
}
TAKEABLE = tuple(c for c in DATA_COLUMNS if c not in DERIVED) + ("name",)
# Tables whose rows say who a member is and are not records of their own.
NOT_MOVED = frozenset({"import_rows", "member_aliases", "member_merges"})


def parse_take(items: Iterable[str]) -> list[str]:
    """``["phone=other", "name"]`` -> field names; refuses unknown fields or sides."""
    fields: list[str] = []
    for item in items:
        name, _, side = item.partition("=")
        name, side = name.strip(), (side.strip().lower() or "other")
        if side not in ("other", "theirs"):
            raise ValidationError(
                f"--take {item}: ใช้รูปแบบ FIELD=other (only FIELD=other makes sense; KEEP's values stay by default)",
                field="take",
                value=item,
            )
        if name not in TAKEABLE:
            import difflib

            close = difflib.get_close_matches(name, TAKEABLE, n=1)
            raise ValidationError(
                f"--take: ไม่รู้จักช่อง '{name}' (unknown field)",
                field="take",
                value=item,
                suggestion=close[0] if close else None,
            )
        if name == "name":
            fields.extend(NAME_FIELDS)
        else:
            fields.append(name)
    return list(dict.fromkeys(fields))


def _live(conn: sqlite3.Connection, ref: str | int, role: str) -> sqlite3.Row:
    mid = member_id(conn, ref)
    row = conn.execute("SELECT * FROM members WHERE id = ?", (mid,)).fetchone()
    if row["purged_at"]:
        raise Refused(f"{role} #{mid} ถูกลบข้อมูลส่วนบุคคลแล้ว (purged; nothing to merge)")
    if row["deleted_at"]:
        raise Refused(f"{role} #{mid} ถูกลบไปแล้ว (removed)", hint="ดู netcli member list")
    return row


def _referencing(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(table, column) of every record table with a foreign key to members(id)."""
    out = []
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    for table in tables:
        if table in NOT_MOVED or table == "members":
            continue
        cols = {c[1] for c in conn.execute(f'PRAGMA table_info("{table}")')}
        if "uid" not in cols:
            continue
        for fk in conn.execute(f'PRAGMA foreign_key_list("{table}")'):
            if fk["table"] == "members" and fk["to"] in (None, "id"):
                out.append((table, fk["from"]))
    return out


def merge_members(
    conn: sqlite3.Connection, keep: str | int, other: str | int, take: Iterable[str] = ()
) -> dict[str, Any]:
    """Fold OTHER into KEEP: fill KEEP's empty fields, move OTHER's records, remove OTHER."""
    k = _live(conn, keep, "KEEP")
    o = _live(conn, other, "OTHER")
    if k["id"] == o["id"]:
        raise ValidationError("KEEP กับ OTHER เป็นคนเดียวกัน (KEEP and OTHER are the same record)")
    taken = parse_take(take)
    changes: dict[str, Any] = {}
    for col in DATA_COLUMNS:
        if col in DERIVED:
            continue
        if col in taken or (k[col] in (None, "", "[]") and o[col] not in (None, "", "[]")):
            if k[col] != o[col]:
                changes[col] = o[col]
                if col in PAIRED:
                    changes[PAIRED[col]] = o[PAIRED[col]]
    if any(c in changes for c in NAME_FIELDS):
        from netcli.thai.names import format_name, name_key

        merged = {c: changes.get(c, k[c]) for c in NAME_FIELDS}
        changes["full_name"] = format_name(
            merged["prefix"], merged["first_name"], merged["last_name"]
        )
        changes["name_key"] = name_key(merged["first_name"], merged["last_name"])
    moved_aliases = [
        r[0]
        for r in conn.execute(
            "SELECT alias_uid FROM member_aliases WHERE member_id = ?", (o["id"],)
        )
    ]
    cur = conn.execute(
        "INSERT INTO member_merges (keep_id, other_id, keep_uid, other_uid, fields, moved_aliases, actor)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            k["id"],
            o["id"],
            k["uid"],
            o["uid"],
            json.dumps(sorted(changes)),
            json.dumps(moved_aliases),
            current_actor(),
        ),
    )
    merge_id = int(cur.lastrowid)
    set_batch(conn, -merge_id)
    update_row(conn, "members", k["id"], changes)
    moved: dict[str, int] = {}
    dropped: dict[str, int] = {}
    for table, col in _referencing(conn):
        rows = conn.execute(f'SELECT id FROM "{table}" WHERE "{col}" = ?', (o["id"],)).fetchall()
        for (row_id,) in rows:
            conn.execute("SAVEPOINT member_move")
            try:
                conn.execute(
                    f'UPDATE "{table}" SET "{col}" = ?, updated_at = ? WHERE id = ?',
                    (k["id"], now_iso(), row_id),
                )
                moved[table] = moved.get(table, 0) + 1
            except sqlite3.IntegrityError:
                # KEEP already has this (same meeting day, same network): OTHER's copy goes,
                # its delete entry in the change log is how unmerge brings it back.
                conn.execute("ROLLBACK TO member_move")
                conn.execute(f'DELETE FROM "{table}" WHERE id = ?', (row_id,))
                dropped[table] = dropped.get(table, 0) + 1
            conn.execute("RELEASE member_move")
    update_row(conn, "members", o["id"], {"deleted_at": now_iso()})
    conn.execute("UPDATE member_aliases SET member_id = ? WHERE member_id = ?", (k["id"], o["id"]))
    conn.execute(
        "INSERT OR REPLACE INTO member_aliases (alias_uid, member_id) VALUES (?, ?)",
        (o["uid"], k["id"]),
    )
    set_batch(conn, None)
    return {
        "merge_id": merge_id,
        "keep": k["id"],
        "other": o["id"],
        "keep_uid": k["uid"],
        "other_uid": o["uid"],
        "fields": {c: changes[c] for c in sorted(changes) if c not in DERIVED},
        "moved": moved,
        "dropped_duplicates": dropped,
    }


def find_merge(
    conn: sqlite3.Connection, ref: str | int | None = None, *, merge_id: int | None = None
) -> sqlite3.Row:
    """The member merge to undo: by id, else the latest live merge where KEEP or OTHER is ``ref``."""
    if merge_id is not None:
        row = conn.execute("SELECT * FROM member_merges WHERE id = ?", (merge_id,)).fetchone()
        if row is None:
            raise NotFound(f"ไม่พบการรวมรายการ #{merge_id} (no such member merge)")
        return row
    mid = member_id(conn, ref)  # type: ignore[arg-type]
    row = conn.execute(
        "SELECT * FROM member_merges WHERE (keep_id = ? OR other_id = ?) AND unmerged_at IS NULL ORDER BY id DESC LIMIT 1",
        (mid, mid),
    ).fetchone()
    if row is None:
        raise NotFound(
            f"สมาชิก #{mid} ไม่ได้ถูกรวมกับใคร (no member merge to undo)",
            hint="ดู netcli member duplicates",
        )
    return row


def unmerge_members(
    conn: sqlite3.Connection, ref: str | int | None = None, *, merge_id: int | None = None
) -> dict[str, Any]:
    """Undo a member merge exactly, from its change-log entries (newest first)."""
    mm = find_merge(conn, ref, merge_id=merge_id)
    if mm["unmerged_at"]:
        raise Refused(f"การรวม #{mm['id']} ถูกยกเลิกไปแล้ว (already undone)")
    later = conn.execute(
        "SELECT id FROM member_merges WHERE id > ? AND unmerged_at IS NULL"
        " AND (keep_id IN (?, ?) OR other_id IN (?, ?)) ORDER BY id DESC LIMIT 1",
        (mm["id"], mm["keep_id"], mm["other_id"], mm["keep_id"], mm["other_id"]),
    ).fetchone()
    if later:
        raise Refused(f"ต้องยกเลิกการรวม #{later[0]} ก่อน (undo the later merge #{later[0]} first)")
    for mid in (mm["keep_id"], mm["other_id"]):
        row = conn.execute("SELECT purged_at FROM members WHERE id = ?", (mid,)).fetchone()
        if row is None or row["purged_at"]:
            raise Refused(
                f"สมาชิก #{mid} ถูกลบข้อมูลส่วนบุคคลแล้ว ยกเลิกการรวมไม่ได้ (purged; cannot unmerge)"
            )
    entries = conn.execute(
        "SELECT * FROM change_log WHERE batch_id = ? ORDER BY id DESC", (-int(mm["id"]),)
    ).fetchall()
    if not entries:
        raise Refused(f"ไม่พบประวัติของการรวม #{mm['id']} (its change-log entries are gone)")
    restored = 0
    for e in entries:
        table = e["table_name"]
        before = json.loads(e["before"]) if e["before"] else {}
        after = json.loads(e["after"]) if e["after"] else {}
        cols = {c[1] for c in conn.execute(f'PRAGMA table_info("{table}")')}
        if e["op"] == "update":
            current = conn.execute(
                f'SELECT * FROM "{table}" WHERE id = ?', (e["row_id"],)
            ).fetchone()
            if current is None:
                raise Refused(
                    f"{table} #{e['row_id']} หายไปหลังการรวม (gone since the merge); cannot unmerge"
                )
            changed = [
                c for c in before if c in cols and c != "updated_at" and before[c] != after.get(c)
            ]
            later_edits = [c for c in changed if current[c] != after.get(c)]
            if later_edits:
                raise Refused(
                    f"{table} #{e['row_id']} ถูกแก้ไขหลังการรวม ({', '.join(later_edits)}) (edited since the merge; cannot unmerge)"
                )
            values = {c: before[c] for c in changed}
            if current["updated_at"] == after.get("updated_at"):
                values["updated_at"] = before.get("updated_at")
            else:
                values["updated_at"] = now_iso()
            sets = ", ".join(f'"{c}" = ?' for c in values)
            conn.execute(
                f'UPDATE "{table}" SET {sets} WHERE id = ?', (*values.values(), e["row_id"])
            )
        elif e["op"] == "delete":
            values = {c: v for c, v in before.items() if c in cols}
            if conn.execute(
                f'SELECT 1 FROM "{table}" WHERE id = ?', (values.get("id"),)
            ).fetchone():
                values.pop("id", None)
            names = ", ".join(f'"{c}"' for c in values)
            marks = ", ".join("?" for _ in values)
            conn.execute(
                f'INSERT INTO "{table}" ({names}) VALUES ({marks})', tuple(values.values())
            )
        restored += 1
    conn.execute("DELETE FROM member_aliases WHERE alias_uid = ?", (mm["other_uid"],))
    for alias in json.loads(mm["moved_aliases"] or "[]"):
        conn.execute(
            "UPDATE member_aliases SET member_id = ? WHERE alias_uid = ?", (mm["other_id"], alias)
        )
    conn.execute("UPDATE member_merges SET unmerged_at = ? WHERE id = ?", (now_iso(), mm["id"]))
    return {
        "merge_id": mm["id"],
        "keep": mm["keep_id"],
        "other": mm["other_id"],
        "restored_entries": restored,
    }
