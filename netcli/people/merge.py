"""Folding a duplicate person into another (``member merge KEEP OTHER``) and undoing it.

Every write of a merge goes to the change log with ``batch_id = -merge_id`` (negative, so
it never mixes with import batches); ``unmerge_members`` replays exactly those entries
backwards, so both records, their attendance, memberships and actions come back as they
were. OTHER's uid is remembered in ``member_aliases``: a laptop merge that brings records
of OTHER later puts them on KEEP.

Both functions write: call them inside ``netcli.store.db.write``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from netcli.errors import NotFound, Refused, ValidationError
from netcli.people.members import DATA_COLUMNS, shown_value
from netcli.store.db import current_actor, require_write, set_batch
from netcli.store.records import now_iso, stored_member_values, update_row
from netcli.store.resolve import member_id

NAME_FIELDS = ("prefix", "first_name", "last_name")
DERIVED = {"full_name", "name_key", "province_code", "district_code", "subdistrict_code"}
# A place is one unit: taking any part of OTHER's place takes all of it, codes included,
# or KEEP would end up in a district of another province.
PLACE_FIELDS = ("village", "subdistrict", "district", "province")
PLACE_COLUMNS = (
    "province",
    "province_code",
    "district",
    "district_code",
    "subdistrict",
    "subdistrict_code",
    "village",
)
# The fields that identify a person on their own: a purge hunts them in others' history.
IDENTIFYING = ("national_id", "phone", "email", "line_id")
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
                code="bad-option",
                field="take",
                value=item,
            )
        if name not in TAKEABLE:
            import difflib

            close = difflib.get_close_matches(name, TAKEABLE, n=1)
            raise ValidationError(
                f"--take: ไม่รู้จักช่อง '{name}' (unknown field)",
                code="unknown-field",
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
        raise Refused(f"{role} #{mid} ถูกลบไปแล้ว (removed)", hint="ดู netcli member list (list them)")
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


def _empty(value: Any) -> bool:
    return value in (None, "", "[]")


def _place_changes(k: sqlite3.Row, o: sqlite3.Row, taken: list[str]) -> dict[str, Any]:
    """KEEP's place columns that change: all of OTHER's place, or nothing.

    Taken (any of village/subdistrict/district/province): OTHER's whole place. Not taken:
    KEEP's empty parts are filled only where OTHER's place agrees with every part KEEP
    has (same province, same district...); a place that disagrees stays KEEP's, whole.
    """
    if any(f in taken for f in PLACE_FIELDS):
        return {c: o[c] for c in PLACE_COLUMNS if k[c] != o[c]}
    fills = {c: o[c] for c in PLACE_COLUMNS if _empty(k[c]) and not _empty(o[c])}
    if not any(c in fills for c in PLACE_FIELDS):
        return {}  # only codes missing: names decide, nothing to fill
    agrees = all(_empty(k[c]) or _empty(o[c]) or k[c] == o[c] for c in PLACE_COLUMNS)
    return fills if agrees else {}


def merge_members(
    conn: sqlite3.Connection,
    keep: str | int,
    other: str | int,
    take: Iterable[str] = (),
    *,
    show_national_id: bool = False,
) -> dict[str, Any]:
    """Fold OTHER into KEEP: fill KEEP's empty fields, move OTHER's records, remove OTHER.

    The result's ``fields`` shows a national ID masked unless ``show_national_id``.
    """
    require_write(conn)
    k = _live(conn, keep, "KEEP")
    o = _live(conn, other, "OTHER")
    if k["id"] == o["id"]:
        raise ValidationError(
            "KEEP กับ OTHER เป็นคนเดียวกัน (KEEP and OTHER are the same record)", code="same-member"
        )
    from netcli.people.distinct import are_distinct, distinct_pairs

    if are_distinct(distinct_pairs(conn), k["id"], o["id"]):
        raise Refused(
            f"#{k['id']} กับ #{o['id']} ถูกบันทึกไว้ว่าเป็นคนละคน จึงรวมไม่ได้"
            " (marked as different people with member distinct)",
            hint=f"ถ้าเป็นคนเดียวกันจริง: netcli member distinct {k['id']} {o['id']} --undo แล้วรวมใหม่"
            f" (if they are one person: netcli member distinct {k['id']} {o['id']} --undo, then merge)",
        )
    taken = parse_take(take)
    changes: dict[str, Any] = {}
    for col in DATA_COLUMNS:
        if col in DERIVED or col in PLACE_FIELDS:
            continue
        if col in taken or (_empty(k[col]) and not _empty(o[col])):
            if k[col] != o[col]:
                changes[col] = o[col]
    changes.update(_place_changes(k, o, taken))
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
        "fields": {
            c: shown_value(c, changes[c], show_national_id)
            for c in sorted(changes)
            if c not in DERIVED
        },
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
            hint="ดู netcli member duplicates (see the possible duplicates)",
        )
    return row


def unmerge_members(
    conn: sqlite3.Connection, ref: str | int | None = None, *, merge_id: int | None = None
) -> dict[str, Any]:
    """Undo a member merge exactly, from its change-log entries (newest first)."""
    require_write(conn)
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
    # The undo belongs to the merge: its entries (KEEP's row holding OTHER's values in
    # ``before``) carry the merge's batch, so a purge of OTHER takes them along.
    set_batch(conn, -int(mm["id"]))
    for e in entries:
        table = e["table_name"]
        before = json.loads(e["before"]) if e["before"] else {}
        after = json.loads(e["after"]) if e["after"] else {}
        if table == "members":  # an older entry's full_name and name_key (migration 0012)
            row_id = e["row_id"] if e["op"] == "update" else None
            before = stored_member_values(conn, before, row_id)
            after = stored_member_values(conn, after, row_id)
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
            # An entry holds the columns it changed (all of them before migration 0006):
            # updated_at, when the merge stamped it, goes back too unless edited since.
            if "updated_at" in after and current["updated_at"] == after["updated_at"]:
                values["updated_at"] = before.get("updated_at")
            elif values or "updated_at" in after:
                values["updated_at"] = now_iso()
            if values:
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
    set_batch(conn, None)
    return {
        "merge_id": mm["id"],
        "keep": mm["keep_id"],
        "other": mm["other_id"],
        "restored_entries": restored,
    }


# --- purge: a person's values left in other members' history ---------------------------


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).fetchone()
    return found is not None


def _obj(text: str | None) -> dict[str, Any] | None:
    if not text:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _dump(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _rewrite(conn: sqlite3.Connection, entry: sqlite3.Row, fix: Any) -> None:
    """Apply ``fix(obj) -> changed?`` to an entry's before/after JSON; save what changed."""
    out: dict[str, str] = {}
    for side in ("before", "after"):
        obj = _obj(entry[side])
        if obj is not None and fix(obj):
            out[side] = _dump(obj)
    if out:
        sets = ", ".join(f"{side} = ?" for side in out)
        conn.execute(f"UPDATE change_log SET {sets} WHERE id = ?", (*out.values(), entry["id"]))


def _scrub_undone_merge(conn: sqlite3.Connection, mm: sqlite3.Row) -> None:
    """KEEP's entries written while OTHER was folded in hold OTHER's values: put KEEP's own back.

    The window runs from the merge to its undo (the undo carries the merge's batch; an undo
    made before it did is found as KEEP's next ``member unmerge`` entry).
    """
    keep, batch = mm["keep_id"], -int(mm["id"])
    rows = conn.execute(
        "SELECT id, table_name, row_id, op, command, before, after FROM change_log"
        " WHERE batch_id = ? ORDER BY id",
        (batch,),
    ).fetchall()
    own = [r for r in rows if r["table_name"] == "members" and r["row_id"] == keep]
    if not own or own[0]["op"] != "update":
        return
    kept, merged = _obj(own[0]["before"]) or {}, _obj(own[0]["after"]) or {}
    fields = [f for f in json.loads(mm["fields"] or "[]") if kept.get(f) != merged.get(f)]
    start, end = own[0]["id"], rows[-1]["id"]
    if all(r["command"] == rows[0]["command"] for r in rows):
        undo = conn.execute(
            "SELECT id FROM change_log WHERE table_name = 'members' AND row_id = ? AND id > ?"
            " AND batch_id IS NULL AND command LIKE '%unmerge%' ORDER BY id LIMIT 1",
            (keep, end),
        ).fetchone()
        end = undo["id"] if undo else end

    def fix(obj: dict[str, Any]) -> bool:
        changed = False
        for f in fields:
            if f in obj and obj[f] == merged.get(f):
                obj[f] = kept.get(f)
                changed = True
        return changed

    for entry in conn.execute(
        "SELECT id, before, after FROM change_log WHERE table_name = 'members' AND row_id = ?"
        " AND id > ? AND id <= ? AND batch_id IS NOT ?",
        (keep, start, end, batch),
    ).fetchall():
        _rewrite(conn, entry, fix)


def _identifying_values(
    conn: sqlite3.Connection, mid: int, foreign_batches: list[int]
) -> dict[str, set[str]]:
    """The person's own national IDs, phones, e-mails, LINE ids: now and in their history.

    Entries of merges where they were KEEP are left out: those values came from OTHER.
    """
    found: dict[str, set[str]] = {f: set() for f in IDENTIFYING}
    docs: list[dict[str, Any]] = []
    row = conn.execute("SELECT * FROM members WHERE id = ?", (mid,)).fetchone()
    if row is not None:
        docs.append(dict(row))
    for entry in conn.execute(
        "SELECT batch_id, before, after FROM change_log WHERE table_name = 'members' AND row_id = ?",
        (mid,),
    ):
        if entry["batch_id"] in foreign_batches:
            continue
        docs.extend(d for d in (_obj(entry["before"]), _obj(entry["after"])) if d)
    for doc in docs:
        for f in IDENTIFYING:
            value = doc.get(f)
            if isinstance(value, str) and value.strip():
                found[f].add(value)
    return found


def _scrub_values(conn: sqlite3.Connection, mid: int, values: dict[str, set[str]]) -> None:
    """Blank the person's identifying values in other members' history and conflicts.

    Kept where that member holds the same value now (a shared family phone is theirs too).
    """
    needles = sorted({v for vs in values.values() for v in vs})
    if not needles:
        return
    # One scan of the members' history: ~0.4 s per value per 200,000 entries; purges are rare.
    hit = " OR ".join("instr(coalesce(before, '') || coalesce(after, ''), ?) > 0" for _ in needles)
    entries = conn.execute(
        "SELECT id, row_id, before, after FROM change_log"
        f" WHERE table_name = 'members' AND row_id != ? AND ({hit})",
        (mid, *needles),
    ).fetchall()
    live: dict[int, dict[str, Any]] = {}
    for entry in entries:
        if entry["row_id"] not in live:
            row = conn.execute(
                f"SELECT {', '.join(IDENTIFYING)} FROM members WHERE id = ?", (entry["row_id"],)
            ).fetchone()
            live[entry["row_id"]] = dict(row) if row else {}
        now = live[entry["row_id"]]

        def fix(obj: dict[str, Any], now: dict[str, Any] = now) -> bool:
            changed = False
            for f in IDENTIFYING:
                if obj.get(f) in values[f] and now.get(f) != obj.get(f):
                    obj[f] = None
                    changed = True
            return changed

        _rewrite(conn, entry, fix)
    if _has_table(conn, "conflicts"):
        for f, vs in values.items():
            for value in vs:
                text = json.dumps(value, ensure_ascii=False)
                conn.execute(
                    "DELETE FROM conflicts WHERE table_name = 'members' AND field = ?"
                    " AND (mine = ? OR theirs = ?) AND NOT EXISTS"
                    f" (SELECT 1 FROM members m WHERE m.uid = conflicts.row_uid AND m.{f} = ?)",
                    (f, text, text, value),
                )


def forget_merged_values(conn: sqlite3.Connection, mid: int) -> list[int]:
    """Take member ``mid``'s values out of other members' history (for ``members.purge``).

    Call before the member's own change-log entries go: they tell its values. Every member
    merge involving ``mid`` loses its change-log entries (batch ``-merge_id``); where ``mid``
    was OTHER of an undone merge, KEEP's entries from the merged time get KEEP's own values
    back; the person's national ID, phone, e-mail and LINE id are blanked in any other
    member's history (e.g. copied from a laptop where a merge happened).

    Returns the OTHER ids of standing merges into ``mid``: the same person, to purge too.
    """
    require_write(conn)
    merges: list[sqlite3.Row] = []
    if _has_table(conn, "member_merges"):
        merges = conn.execute(
            "SELECT * FROM member_merges WHERE keep_id = ? OR other_id = ? ORDER BY id",
            (mid, mid),
        ).fetchall()
    foreign = [-int(mm["id"]) for mm in merges if mm["keep_id"] == mid]
    values = _identifying_values(conn, mid, foreign)
    for mm in merges:
        if mm["other_id"] == mid and mm["unmerged_at"]:
            _scrub_undone_merge(conn, mm)
        conn.execute("DELETE FROM change_log WHERE batch_id = ?", (-int(mm["id"]),))
    _scrub_values(conn, mid, values)
    return [
        int(mm["other_id"])
        for mm in merges
        if mm["keep_id"] == mid and not mm["unmerged_at"] and mm["other_id"] != mid
    ]
