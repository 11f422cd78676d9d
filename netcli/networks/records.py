"""Networks (เครือข่าย): add, list, show, and memberships (join, leave).

A network may have a parent (แม่ข่าย) and children (ลูกข่าย); a filter "by network" in
meeting lists and the calendar covers the network and everything below it.
"""

from __future__ import annotations

import difflib
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from netcli.errors import Duplicate, ValidationError
from netcli.networks.coverage import covers_of, resolve_covers, set_covers
from netcli.store.records import insert_row, update_row
from netcli.store.resolve import live_member, network_id  # noqa: F401 - networks.network_id

LEVELS = ("ตำบล", "อำเภอ", "จังหวัด", "กลุ่มจังหวัด", "ภาค", "ประเทศ")
_LEVEL_SYNONYMS = {
    "subdistrict": "ตำบล",
    "tambon": "ตำบล",
    "district": "อำเภอ",
    "amphoe": "อำเภอ",
    "province": "จังหวัด",
    "changwat": "จังหวัด",
    "provincegroup": "กลุ่มจังหวัด",
    "region": "ภาค",
    "regional": "ภาค",
    "national": "ประเทศ",
    "country": "ประเทศ",
    "ระดับชาติ": "ประเทศ",
    "ชาติ": "ประเทศ",
}


def subtree_ids(conn: sqlite3.Connection, network: int) -> list[int]:
    """The network and all its live descendants (ลูกข่าย of ลูกข่าย …)."""
    rows = conn.execute(
        "WITH RECURSIVE t(id) AS (SELECT ? UNION SELECT n.id FROM networks n JOIN t"
        " ON n.parent_id = t.id WHERE n.deleted_at IS NULL) SELECT id FROM t",
        (network,),
    ).fetchall()
    return [int(r[0]) for r in rows]


def canonical_level(value: str) -> str:
    """One of LEVELS (or an English synonym); refuses anything else with a suggestion."""
    text = value.strip()
    if text in LEVELS:
        return text
    key = text.replace(" ", "").replace("-", "").replace("ระดับ", "").lower()
    if key in LEVELS:
        return key
    if key in _LEVEL_SYNONYMS:
        return _LEVEL_SYNONYMS[key]
    close = difflib.get_close_matches(text, LEVELS, n=1, cutoff=0.4)
    raise ValidationError(
        f"ระดับเครือข่าย '{value}' ไม่รู้จัก (unknown level); ใช้ได้: {' '.join(LEVELS)}",
        code="unknown-level",
        field="level",
        value=value,
        suggestion=close[0] if close else None,
    )


def add(
    conn: sqlite3.Connection,
    name: str,
    *,
    level: str | None = None,
    province: str | None = None,
    parent: str | int | None = None,
    notes: str | None = None,
    covers: list[str] | None = None,
) -> int:
    """Create a network; refuses a second live network of the same name. ``covers``:
    provinces or regions the network works in (a region expands to its provinces)."""
    from netcli.thai.text import clean

    title = clean(name or "")
    if not title:
        raise ValidationError(
            "ชื่อเครือข่ายว่าง (the network name is empty)", code="missing-value", field="name"
        )
    existing = conn.execute(
        "SELECT id FROM networks WHERE name = ? AND deleted_at IS NULL", (title,)
    ).fetchone()
    if existing:
        raise Duplicate(
            f"มีเครือข่าย '{title}' แล้ว (#{existing[0]}) (network already exists)",
            code="duplicate-network",
            existing_id=int(existing[0]),
        )
    values: dict[str, Any] = {"name": title}
    if level:
        values["level"] = canonical_level(level)
    if province:
        from netcli.thai.places import resolve_province

        values["province"], values["province_code"] = resolve_province(province)
    if parent is not None and str(parent).strip():
        values["parent_id"] = network_id(conn, parent)
    if notes:
        values["notes"] = clean(notes) or None
    nid = insert_row(conn, "networks", values)
    if covers:
        set_covers(conn, "network", nid, resolve_covers(conn, covers))
    return nid


def edit(
    conn: sqlite3.Connection,
    ref: str | int,
    *,
    name: str | None = None,
    level: str | None = None,
    province: str | None = None,
    parent: str | int | None = None,
    notes: str | None = None,
    covers: list[str] | None = None,
    clear: list[str] | None = None,
) -> dict[str, Any]:
    """Change a network; returns {field: (before, after)}."""
    from netcli.thai.text import clean

    nid = network_id(conn, ref)
    row = conn.execute("SELECT * FROM networks WHERE id = ?", (nid,)).fetchone()
    values: dict[str, Any] = {}
    if name and clean(name):
        values["name"] = clean(name)
    if level:
        values["level"] = canonical_level(level)
    if province:
        from netcli.thai.places import resolve_province

        values["province"], values["province_code"] = resolve_province(province)
    if parent is not None and str(parent).strip():
        pid = network_id(conn, parent)
        if pid in subtree_ids(conn, nid):
            raise ValidationError(
                "แม่ข่ายต้องไม่ใช่ตัวเองหรือลูกข่ายของตัวเอง (a network cannot be its own parent)",
                field="parent",
            )
        values["parent_id"] = pid
    if notes and clean(notes):
        values["notes"] = clean(notes)
    allowed = {"level", "province", "parent", "notes", "covers"}
    for field in clear or []:
        if field not in allowed:
            raise ValidationError(
                f"ล้างช่อง '{field}' ไม่ได้ (cannot clear); ใช้ได้: {', '.join(sorted(allowed))}",
                field="clear",
                value=field,
            )
        if field == "province":
            values["province"] = values["province_code"] = None
        elif field == "parent":
            values["parent_id"] = None
        elif field == "covers":
            covers = []
        else:
            values[field] = None
    changes = {k: v for k, v in values.items() if row[k] != v}
    if "name" in changes:
        other = conn.execute(
            "SELECT id FROM networks WHERE name = ? AND deleted_at IS NULL AND id != ?",
            (changes["name"], nid),
        ).fetchone()
        if other:
            raise Duplicate(
                f"มีเครือข่ายชื่อนี้แล้ว #{other[0]} (a network of this name exists)",
                existing_id=int(other[0]),
            )
    update_row(conn, "networks", nid, changes)
    result = {k: (row[k], v) for k, v in changes.items()}
    if covers is not None:
        before = covers_of(conn, "network", nid)
        if set_covers(conn, "network", nid, resolve_covers(conn, covers)):
            result["covers"] = (before, covers_of(conn, "network", nid))
    return result


def join(conn: sqlite3.Connection, network: int, member: int, role: str | None = None) -> bool:
    """Put a member in a network (updating the role if given); True if anything changed."""
    row = conn.execute(
        "SELECT id, role FROM memberships WHERE network_id = ? AND member_id = ?", (network, member)
    ).fetchone()
    if row is None:
        insert_row(conn, "memberships", {"network_id": network, "member_id": member, "role": role})
        return True
    if role and row["role"] != role:
        update_row(conn, "memberships", int(row["id"]), {"role": role})
        return True
    return False


def leave(conn: sqlite3.Connection, network: int, member: int) -> bool:
    """Take a member out of a network; True if they were in it (the change log keeps it)."""
    cur = conn.execute(
        "DELETE FROM memberships WHERE network_id = ? AND member_id = ?", (network, member)
    )
    return cur.rowcount > 0


@dataclass
class Joined:
    """What ``network join`` did: memberships added or given the new role."""

    network: int
    changed: int


@dataclass
class Left:
    """What ``network leave`` did: how many of the members were in the network."""

    network: int
    left: int


def join_members(
    conn: sqlite3.Connection, network: str | int, members: Iterable[str | int], role: str | None
) -> Joined:
    """Put members (ids, uids or names; removed ones refused) in a network, with a role."""
    nid = network_id(conn, network)
    text_role = role.strip() if role and role.strip() else None
    changed = sum(join(conn, nid, live_member(conn, m), text_role) for m in members)
    return Joined(nid, changed)


def leave_members(
    conn: sqlite3.Connection, network: str | int, members: Iterable[str | int]
) -> Left:
    """Take members (removed ones included) out of a network."""
    from netcli.store.resolve import member_id

    nid = network_id(conn, network)
    return Left(nid, sum(leave(conn, nid, member_id(conn, m)) for m in members))


_LIST_SQL = """
SELECT n.*, p.name AS parent,
  (SELECT count(*) FROM memberships ms JOIN members m ON m.id = ms.member_id
    WHERE ms.network_id = n.id AND m.deleted_at IS NULL) AS members,
  (SELECT count(*) FROM meetings mt WHERE mt.network_id = n.id AND mt.deleted_at IS NULL) AS meetings,
  (SELECT count(*) FROM networks c WHERE c.parent_id = n.id AND c.deleted_at IS NULL) AS children
FROM networks n LEFT JOIN networks p ON p.id = n.parent_id
"""


# The keys of a network in a listing (``list_networks``) and of one network (``get``), in order.
LIST_FIELDS = (
    "id", "uid", "name", "level", "province", "province_code", "parent", "parent_id",
    "members", "meetings", "sub_networks", "notes", "created_at", "updated_at",
)  # fmt: skip
RECORD_FIELDS = (
    *LIST_FIELDS,
    "direct_members",
    "covers",
    "member_list",
    "sub_network_list",
    "meeting_list",
)


def _public(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "uid": row["uid"],
        "name": row["name"],
        "level": row["level"],
        "province": row["province"],
        "province_code": row["province_code"],
        "parent": row["parent"],
        "parent_id": row["parent_id"],
        "members": row["members"],
        "meetings": row["meetings"],
        "sub_networks": row["children"],
        "notes": row["notes"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }


def list_networks(
    conn: sqlite3.Connection, *, province: str | None = None, level: str | None = None
) -> list[dict[str, Any]]:
    """Live networks, in Thai dictionary order of their names."""
    from netcli.thai.collation import thai_sort_key

    clauses, params = ["n.deleted_at IS NULL"], []
    if province:
        from netcli.thai.places import resolve_province

        clauses.append("n.province_code = ?")
        params.append(resolve_province(province)[1])
    if level:
        clauses.append("n.level = ?")
        params.append(canonical_level(level))
    rows = conn.execute(_LIST_SQL + " WHERE " + " AND ".join(clauses), params).fetchall()
    return sorted((_public(r) for r in rows), key=lambda r: thai_sort_key(r["name"]))


def get(conn: sqlite3.Connection, ref: str | int, *, direct: bool = False) -> dict[str, Any]:
    """One network with its members (those of its sub-networks too, unless ``direct``),
    sub-networks and meetings."""
    from netcli.thai.collation import thai_sort_key

    nid = network_id(conn, ref)
    record = _public(conn.execute(_LIST_SQL + " WHERE n.id = ?", (nid,)).fetchone())
    ids = [nid] if direct else subtree_ids(conn, nid)
    marks = ", ".join("?" for _ in ids)
    record["direct_members"] = record["members"]
    record["covers"] = covers_of(conn, "network", nid)
    record["member_list"] = [
        dict(r)
        for r in conn.execute(
            "SELECT m.id, m.full_name, m.first_name, m.last_name,"
            " (SELECT ms2.role FROM memberships ms2 WHERE ms2.member_id = m.id"
            "  AND ms2.network_id = ?) AS role,"
            " m.organization, m.province,"
            " (SELECT n.name FROM memberships ms3 JOIN networks n ON n.id = ms3.network_id"
            f"  WHERE ms3.member_id = m.id AND ms3.network_id IN ({marks}) ORDER BY"
            "  ms3.network_id = ? DESC, n.id LIMIT 1) AS network"
            f" FROM members m WHERE m.deleted_at IS NULL AND m.id IN"
            f" (SELECT member_id FROM memberships WHERE network_id IN ({marks}))",
            (nid, *ids, nid, *ids),
        )
    ]
    record["members"] = len(record["member_list"])
    record["member_list"].sort(
        key=lambda r: (thai_sort_key(r.pop("first_name")), thai_sort_key(r.pop("last_name")))
    )
    record["sub_network_list"] = sorted(
        (
            dict(r)
            for r in conn.execute(
                "SELECT id, name, level, province FROM networks WHERE parent_id = ? AND deleted_at IS NULL",
                (nid,),
            )
        ),
        key=lambda r: thai_sort_key(r["name"]),
    )
    record["meeting_list"] = [
        dict(r)
        for r in conn.execute(
            "SELECT id, title, kind, start_date, end_date, province FROM meetings"
            " WHERE network_id = ? AND deleted_at IS NULL ORDER BY start_date, id",
            (nid,),
        )
    ]
    return record
