"""The network calendar (ปฏิทินเครือข่าย): meetings and follow-up actions in date order.

Without a period it shows what needs attention: meetings from today on, every open action
(overdue ones first, as they come earliest) and the past meetings those actions came from.
With --from/--to it shows the meetings in the period and the actions due in it, done ones
included. Open actions without a due date are listed in both cases (under "ไม่กำหนดวัน")
unless ``dated``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import Any

from netcli.meetings.actions import status

UNDATED = "ไม่กำหนดวัน"


@dataclass
class CalendarFilter:
    province: str | None = None
    region: str | None = None  # meetings (and their actions) held in one of its provinces
    network: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    dated: bool = False  # leave out open actions that have no due date


def _meeting_status(start: str, end: str, today: date) -> str:
    now = today.isoformat()
    if end < now:
        return "past"
    if start > now:
        return "upcoming"
    return "ongoing"


# The keys of a calendar entry (a meeting or an action), in order: the CSV header too.
ENTRY_FIELDS = (
    "type", "id", "date", "end_date", "date_th", "date_precision", "title", "kind", "province",
    "network", "owner", "meeting_id", "meeting", "status", "overdue",
)  # fmt: skip


def calendar(
    conn: sqlite3.Connection, f: CalendarFilter, *, today: date | None = None
) -> list[dict[str, Any]]:
    """Entries ``{type: meeting|action, date, end_date, date_th, title, …, status, overdue}``."""
    from netcli.meetings.records import _date_th, period

    today = today or date.today()
    start, end = period(f.date_from, f.date_to)
    ranged = start is not None or end is not None
    where = ["mt.deleted_at IS NULL"]
    params: list[Any] = []
    if f.province:
        from netcli.thai.places import resolve_province

        where.append("mt.province_code = ?")
        params.append(resolve_province(f.province)[1])
    if f.region:
        from netcli.networks.regions import region_codes

        codes = region_codes(conn, f.region)
        where.append(f"mt.province_code IN ({', '.join('?' for _ in codes)})")
        params.extend(codes)
    networks: list[int] = []
    if f.network:
        from netcli.networks.records import network_id, subtree_ids

        networks = subtree_ids(conn, network_id(conn, f.network))

    m_where, m_params = list(where), list(params)
    if networks:
        m_where.append(f"mt.network_id IN ({', '.join('?' for _ in networks)})")
        m_params.extend(networks)
    if ranged:
        if start:
            m_where.append("mt.end_date >= ?")
            m_params.append(start.isoformat())
        if end:
            m_where.append("mt.start_date <= ?")
            m_params.append(end.isoformat())
    else:
        # What is coming, and the meetings whose follow-up is still open.
        undated = "" if f.dated else " OR (a.due_date IS NULL)"
        m_where.append(
            "(mt.end_date >= ? OR mt.id IN (SELECT a.meeting_id FROM actions a"
            f" WHERE a.done_at IS NULL AND (a.due_date IS NOT NULL{undated})))"
        )
        m_params.append(today.isoformat())
    entries: list[dict[str, Any]] = []
    for r in conn.execute(
        "SELECT mt.*, n.name AS network FROM meetings mt LEFT JOIN networks n ON n.id = mt.network_id"
        f" WHERE {' AND '.join(m_where)}",
        m_params,
    ):
        entries.append(
            {
                "type": "meeting",
                "id": r["id"],
                "date": r["start_date"],
                "end_date": r["end_date"],
                "date_th": _date_th(
                    r["start_date"],
                    r["end_date"],
                    precision=r["date_precision"],
                    approximate=r["date_approximate"],
                ),
                "date_precision": r["date_precision"],
                "title": r["title"],
                "kind": r["kind"],
                "province": r["province"],
                "network": r["network"],
                "owner": None,
                "meeting_id": r["id"],
                "meeting": None,
                "status": _meeting_status(r["start_date"], r["end_date"], today),
                "overdue": False,
            }
        )

    # Actions: through their meeting's province; their own network, else the meeting's.
    a_where = ["(mt.id IS NULL OR mt.deleted_at IS NULL)"]
    a_params: list[Any] = []
    if f.province or f.region:
        a_where.extend(where[1:])  # the meeting's place, as above
        a_params.extend(params)
    if networks:
        a_where.append(
            f"coalesce(a.network_id, mt.network_id) IN ({', '.join('?' for _ in networks)})"
        )
        a_params.extend(networks)
    if ranged:
        due = []
        if start:
            due.append("a.due_date >= ?")
            a_params.append(start.isoformat())
        if end:
            due.append("a.due_date <= ?")
            a_params.append(end.isoformat())
        undated = "" if f.dated else " OR (a.due_date IS NULL AND a.done_at IS NULL)"
        a_where.append(f"(({' AND '.join(due)}){undated})")
    else:
        a_where.append("a.done_at IS NULL")
        if f.dated:
            a_where.append("a.due_date IS NOT NULL")
    for r in conn.execute(
        "SELECT a.*, mt.title AS meeting, mt.province, mb.full_name AS owner_name,"
        " n.name AS network FROM actions a"
        " LEFT JOIN meetings mt ON mt.id = a.meeting_id"
        " LEFT JOIN members mb ON mb.id = a.owner_member_id"
        " LEFT JOIN networks n ON n.id = coalesce(a.network_id, mt.network_id)"
        f" WHERE {' AND '.join(a_where)}",
        a_params,
    ):
        from netcli.thai.dates import format_date

        state = status(r["due_date"], r["done_at"], today)
        entries.append(
            {
                "type": "action",
                "id": r["id"],
                "date": r["due_date"],
                "end_date": None,
                "date_th": format_date(date.fromisoformat(r["due_date"]))
                if r["due_date"]
                else UNDATED,
                "date_precision": "day" if r["due_date"] else None,
                "title": r["text"],
                "kind": None,
                "province": r["province"],
                "network": r["network"],
                "owner": r["owner_name"] or r["owner_text"],
                "meeting_id": r["meeting_id"],
                "meeting": r["meeting"],
                "status": state,
                "overdue": state == "overdue",
            }
        )
    # Date order; on one day meetings before actions; undated actions last.
    entries.sort(
        key=lambda e: (e["date"] is None, e["date"] or "", e["type"] != "meeting", e["id"])
    )
    return entries
