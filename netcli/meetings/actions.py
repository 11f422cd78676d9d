"""Follow-up actions of a meeting (มติ/ภารกิจที่ต้องติดตาม): owner, due date, done.

The owner is a member when one can be found (by id, uid or exact full name), else the
name as written. An action is overdue when its due date is before today and it is not done.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from netcli.errors import NotFound, ValidationError
from netcli.store.records import insert_row, parse_id, update_row


def _owner(conn: sqlite3.Connection, owner: str | int | None) -> tuple[int | None, str | None]:
    """(member id, None) for a member; (None, text) for a name we do not hold."""
    if owner is None:
        return None, None
    from netcli.thai.text import clean

    text = clean(str(owner))
    if not text:
        return None, None
    if parse_id(text) is not None:
        from netcli.store.resolve import live_member

        return live_member(conn, text), None
    rows = conn.execute(
        "SELECT id FROM members WHERE full_name = ? AND deleted_at IS NULL LIMIT 2", (text,)
    ).fetchall()
    if not rows:
        # The same person written with another prefix or spacing ("นาย สุเมษ  สายสูง").
        from netcli.thai.names import name_key, split_name

        try:
            parsed = split_name(text)
        except ValidationError:
            parsed = None
        if parsed is not None:
            rows = conn.execute(
                "SELECT id FROM members WHERE name_key = ? AND deleted_at IS NULL LIMIT 2",
                (name_key(parsed.first_name, parsed.last_name),),
            ).fetchall()
    if len(rows) == 1:
        return int(rows[0][0]), None
    if len(text) == 32 and all(c in "0123456789abcdef" for c in text.lower()):
        from netcli.store.resolve import live_member

        return live_member(conn, text), None
    return None, text


def _due(value: str | date | None) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    from netcli.thai.dates import parse_date

    try:
        return parse_date(value).isoformat()
    except ValidationError as exc:
        exc.field = "due"
        raise


def add(
    conn: sqlite3.Connection,
    meeting: int,
    text: str,
    *,
    owner: str | int | None = None,
    due: str | date | None = None,
    done: str | date | None = None,
) -> int:
    """Record a follow-up action of a meeting; it belongs to the meeting's network too."""
    from netcli.thai.text import clean

    body = clean(text or "")
    if not body:
        raise ValidationError(
            "ข้อความของภารกิจว่าง (the action text is empty)", code="missing-value", field="text"
        )
    owner_id, owner_text = _owner(conn, owner)
    network = conn.execute("SELECT network_id FROM meetings WHERE id = ?", (meeting,)).fetchone()
    values: dict[str, Any] = {
        "meeting_id": meeting,
        "network_id": network[0] if network else None,
        "text": body,
        "owner_member_id": owner_id,
        "owner_text": owner_text,
        "due_date": _due(due),
    }
    if done is not None:
        values["done_at"] = _due(done)
    return insert_row(conn, "actions", values)


def action_id(conn: sqlite3.Connection, ref: str | int) -> int:
    """An action of a live meeting, by id or uid."""
    text = str(ref).strip()
    row = conn.execute(
        "SELECT a.id FROM actions a LEFT JOIN meetings m ON m.id = a.meeting_id"
        " WHERE (a.id = ? OR a.uid = ?) AND (m.id IS NULL OR m.deleted_at IS NULL)",
        (parse_id(text) or -1, text.lower()),
    ).fetchone()
    if row is None:
        raise NotFound(
            f"ไม่พบภารกิจ '{text}' (no such action)",
            hint="ดูรายการด้วย netcli meeting action list (list them)",
        )
    return int(row[0])


def done(
    conn: sqlite3.Connection, ref: str | int, *, when: str | date | None = None
) -> tuple[int, bool]:
    """Mark an action done (today unless ``when``); (id, False) if it was done already."""
    aid = action_id(conn, ref)
    row = conn.execute("SELECT done_at FROM actions WHERE id = ?", (aid,)).fetchone()
    if row["done_at"]:
        return aid, False
    update_row(conn, "actions", aid, {"done_at": _due(when) or date.today().isoformat()})
    return aid, True


def status(due_date: str | None, done_at: str | None, today: date) -> str:
    """done, overdue (due before today, not done) or open."""
    if done_at:
        return "done"
    if due_date and due_date < today.isoformat():
        return "overdue"
    return "open"


# The keys of an action (``to_public``), in order: the CSV header too.
PUBLIC_FIELDS = (
    "id", "uid", "meeting_id", "meeting", "text", "owner", "owner_member_id", "due_date",
    "done_at", "status", "overdue",
)  # fmt: skip


def to_public(row: sqlite3.Row, today: date) -> dict[str, Any]:
    return {
        "id": row["id"],
        "uid": row["uid"],
        "meeting_id": row["meeting_id"],
        "meeting": row["meeting"],
        "text": row["text"],
        "owner": row["owner_name"] or row["owner_text"],
        "owner_member_id": row["owner_member_id"],
        "due_date": row["due_date"],
        "done_at": row["done_at"],
        "status": status(row["due_date"], row["done_at"], today),
        "overdue": status(row["due_date"], row["done_at"], today) == "overdue",
    }


SELECT = (
    "SELECT a.*, mt.title AS meeting, mb.full_name AS owner_name FROM actions a"
    " LEFT JOIN meetings mt ON mt.id = a.meeting_id"
    " LEFT JOIN members mb ON mb.id = a.owner_member_id"
)


def list_actions(
    conn: sqlite3.Connection,
    *,
    meeting: int | None = None,
    open_only: bool = False,
    today: date | None = None,
) -> list[dict[str, Any]]:
    """Actions (of one meeting, or of every live meeting) by due date; undated last."""
    today = today or date.today()
    clauses = ["(mt.id IS NULL OR mt.deleted_at IS NULL)"]
    params: list[Any] = []
    if meeting is not None:
        clauses.append("a.meeting_id = ?")
        params.append(meeting)
    if open_only:
        clauses.append("a.done_at IS NULL")
    rows = conn.execute(
        SELECT
        + " WHERE "
        + " AND ".join(clauses)
        + " ORDER BY a.due_date IS NULL, a.due_date, a.id",
        params,
    ).fetchall()
    return [to_public(r, today) for r in rows]


def reopen(conn: sqlite3.Connection, ref: str | int) -> int:
    """Undo ``done`` (a mistake in the field is common)."""
    aid = action_id(conn, ref)
    update_row(conn, "actions", aid, {"done_at": None})
    return aid
