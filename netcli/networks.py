"""Networks (เครือข่าย) and memberships."""

from __future__ import annotations

import sqlite3

from netcli.errors import NotFound
from netcli.records import insert_row, update_row


def network_id(conn: sqlite3.Connection, ref: str | int) -> int:
    """A live network by id, uid or exact name."""
    text = str(ref).strip()
    if text.isdigit():
        row = conn.execute("SELECT id FROM networks WHERE id = ? AND deleted_at IS NULL", (int(text),)).fetchone()
        if row:
            return int(row[0])
    row = conn.execute(
        "SELECT id FROM networks WHERE (name = ? OR uid = ?) AND deleted_at IS NULL", (text, text.lower())
    ).fetchone()
    if row:
        return int(row[0])
    raise NotFound(
        f"ไม่พบเครือข่าย '{text}' (no such network)",
        hint="ดูรายชื่อด้วย netcli network list หรือสร้างด้วย netcli network add",
    )


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
