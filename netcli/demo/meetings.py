"""The seed meetings (``sample_data/meetings.json``) for ``netcli demo``.

Dates are written in the JSON as the news reports wrote them ("ปี ๒๕๕๗" stays a year) and go
through the same parsers as ``meeting log``. Attendees (with their role and, for presenters,
their topic) are linked to the sample members by full name; an action's owner that is not a
member (an office) is kept as written.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from netcli.errors import NetcliError
from netcli.meetings import actions
from netcli.meetings import records as meetings
from netcli.resources import resource_dir

_FIELDS = set(meetings.INPUT_FIELDS)


def _member_by_name(conn: sqlite3.Connection, name: str) -> int | None:
    from netcli.thai.names import format_name, name_key, split_name

    parsed = split_name(name)
    full = format_name(parsed.prefix, parsed.first_name, parsed.last_name)
    rows = conn.execute(
        "SELECT id, full_name FROM members WHERE name_key = ? AND deleted_at IS NULL ORDER BY id",
        (name_key(parsed.first_name, parsed.last_name),),
    ).fetchall()
    exact = [r for r in rows if r["full_name"] == full]
    chosen = exact or rows
    return int(chosen[0]["id"]) if chosen else None


def load_demo_meetings(conn: sqlite3.Connection) -> dict[str, Any]:
    """Load the seed meetings (call inside an open ``db.write``); meetings already present
    (same title and first day) are left alone."""
    from datetime import date

    from netcli.thai.dates import parse_date

    data = json.loads((resource_dir("sample_data") / "meetings.json").read_text(encoding="utf-8"))
    report: dict[str, Any] = {
        "inserted": 0,
        "present": 0,
        "attendance": 0,
        "actions": 0,
        "warnings": [],
    }
    for item in data:
        raw = {k: v for k, v in item.items() if k in _FIELDS}
        try:
            prepared = meetings.prepare(conn, raw)
        except NetcliError as exc:
            if "network" not in raw:
                raise
            # The sample network is missing (a database without the demo networks).
            report["warnings"].append(f"{item['title']}: {exc.message}")
            raw.pop("network")
            prepared = meetings.prepare(conn, raw)
        values = prepared.values
        if meetings.find_existing(conn, values["title"], values["start_date"]) is not None:
            report["present"] += 1
            continue
        report["warnings"].extend(f"{values['title']}: {w}" for w in prepared.warnings)
        mid = meetings.log(conn, prepared, outcomes=item.get("outcomes", []))
        report["inserted"] += 1
        for person in item.get("attendance", []):
            member = _member_by_name(conn, person["name"])
            if member is None:
                report["warnings"].append(f"{values['title']}: ไม่พบสมาชิก {person['name']}")
                continue
            days: list[date | None] = [parse_date(d) for d in person.get("days", [])] or [None]
            for d in days:
                report["attendance"] += meetings.attend(
                    conn, mid, member, day=d, role=person.get("role"), topic=person.get("topic")
                )
        for act in item.get("actions", []):
            owner = act.get("owner")
            member = _member_by_name(conn, owner) if owner else None
            actions.add(
                conn,
                mid,
                act["text"],
                owner=str(member) if member else owner,
                due=act.get("due"),
                done=act.get("done"),
            )
            report["actions"] += 1
    return report
