"""Pairs of members that are different people (``member distinct A B [--undo]``).

Two relatives who share a name and a village phone are listed by ``member duplicates`` on
every run until someone says they are two people. The mark is a record of its own
(``member_distinct``: logged, merged between laptops, carried in bundles); a pair is
unordered. ``member duplicates`` and import's possible-duplicate warnings leave the pair out.

The writing functions need ``netcli.store.db.write``.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from netcli.errors import NotFound, Refused, ValidationError
from netcli.store.db import require_write
from netcli.store.records import insert_row
from netcli.store.resolve import member_id


def distinct_pairs(conn: sqlite3.Connection) -> set[tuple[int, int]]:
    """Every marked pair as (smaller id, larger id)."""
    try:
        rows = conn.execute("SELECT member_a, member_b FROM member_distinct").fetchall()
    except sqlite3.OperationalError:  # a database before migration 0009 (read-only use)
        return set()
    return {(min(a, b), max(a, b)) for a, b in rows}


def are_distinct(pairs: set[tuple[int, int]], a: int, b: int) -> bool:
    return (min(a, b), max(a, b)) in pairs


def _pair(conn: sqlite3.Connection, a: str | int, b: str | int) -> tuple[sqlite3.Row, sqlite3.Row]:
    ia, ib = member_id(conn, a), member_id(conn, b)
    if ia == ib:
        raise ValidationError(
            f"#{ia} กับ #{ib} เป็นระเบียนเดียวกัน (the same record twice)",
            code="same-member",
            field="member",
            value=str(b),
        )
    sql = "SELECT id, uid, full_name, deleted_at FROM members WHERE id = ?"
    ra = conn.execute(sql, (ia,)).fetchone()
    rb = conn.execute(sql, (ib,)).fetchone()
    return ra, rb


def _result(ra: sqlite3.Row, rb: sqlite3.Row, status: str) -> dict[str, Any]:
    return {
        "id_a": ra["id"],
        "uid_a": ra["uid"],
        "name_a": ra["full_name"],
        "id_b": rb["id"],
        "uid_b": rb["uid"],
        "name_b": rb["full_name"],
        "status": status,
    }


def mark_distinct(
    conn: sqlite3.Connection, a: str | int, b: str | int, *, note: str | None = None
) -> dict[str, Any]:
    """Record that A and B are different people (``status``: ``marked`` or ``already``)."""
    require_write(conn)
    ra, rb = _pair(conn, a, b)
    for r in (ra, rb):
        if r["deleted_at"] is not None:
            raise Refused(
                f"สมาชิก #{r['id']} ถูกลบหรือรวมกับคนอื่นไปแล้ว (member {r['id']} is removed or merged)",
                hint="ดูสมาชิกที่ยังอยู่ด้วย netcli member list (list the members kept)",
            )
    if are_distinct(distinct_pairs(conn), ra["id"], rb["id"]):
        return _result(ra, rb, "already")
    insert_row(conn, "member_distinct", {"member_a": ra["id"], "member_b": rb["id"], "note": note})
    return _result(ra, rb, "marked")


def unmark_distinct(conn: sqlite3.Connection, a: str | int, b: str | int) -> dict[str, Any]:
    """Take the mark back (both orders); not marked is NotFound."""
    require_write(conn)
    ra, rb = _pair(conn, a, b)
    n = conn.execute(
        "DELETE FROM member_distinct WHERE (member_a = ? AND member_b = ?)"
        " OR (member_a = ? AND member_b = ?)",
        (ra["id"], rb["id"], rb["id"], ra["id"]),
    ).rowcount
    if not n:
        raise NotFound(
            f"ไม่ได้บันทึกว่า #{ra['id']} กับ #{rb['id']} เป็นคนละคน (the pair is not marked distinct)"
        )
    return _result(ra, rb, "unmarked")
