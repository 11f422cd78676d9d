"""What a รายงานการประชุม (แบบที่ 11) needs beyond the meeting record (migration 0008).

The meeting's number in its year (ครั้งที่ 1/2567), start and end time, the minute-taker
(``meeting_minutes``, one row per meeting, made on first use), the agenda items with their
resolutions (``agenda_items``) and the members who did not come, with the reason
(``absences``). Writing functions are called inside ``netcli.store.db.write``.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from typing import Any

from netcli.errors import ValidationError
from netcli.store.records import clean_text, insert_row, update_row

FIELDS = ("session", "start_time", "end_time", "minute_taker")
_TIME = re.compile(r"^(\d{1,2})\s*[:.]\s*(\d{2})(?:\s*(?:น\.?|นาฬิกา))?$")
_SESSION = re.compile(r"^(?:ครั้งที่\s*)?(\d{1,3})\s*/\s*(\d{4})$")
_RESOLUTION_WORD = re.compile(r"^(?:มติ(?:ที่ประชุม)?|resolution)\s*[:：]?\s*", re.IGNORECASE)
_AGENDA_WORD = re.compile(r"^(?:ระเบียบวาระที่\s*\d+|วาระที่\s*\d+)\s*[:：.]?\s*")


def parse_time(value: Any, field: str = "start_time") -> str | None:
    """ "9.00", "09:00", "9:30 น.", "๐๙.๓๐ น." → "09:30"; empty → None."""
    from netcli.thai.digits import to_arabic

    text = clean_text(value)
    if not text:
        return None
    m = _TIME.match(to_arabic(text))
    if m is None or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise ValidationError(
            f"เวลา '{value}' อ่านไม่ได้ (not a time of day)",
            field=field,
            value=value,
            hint="เช่น 09.00 หรือ 13:30 (a time such as 09.00 or 13:30)",
        )
    return f"{int(m.group(1)):02d}:{m.group(2)}"


def parse_session(value: Any) -> str | None:
    """ครั้งที่ N/ปี: "1/2567", "ครั้งที่ ๑/๒๕๖๗" → "1/2567" (the year in BE)."""
    from netcli.thai.digits import to_arabic

    text = clean_text(value)
    if not text:
        return None
    m = _SESSION.match(to_arabic(text))
    if m is None or int(m.group(2)) < 2400:
        raise ValidationError(
            f"ครั้งที่ '{value}' ต้องเขียนเป็น ครั้ง/ปี พ.ศ. เช่น 1/2567 (session as N/BE year)",
            field="session",
            value=value,
        )
    return f"{int(m.group(1))}/{m.group(2)}"


def times_in_date(text: Any) -> dict[str, str]:
    """The start and end time written after a date ("13 มิ.ย. 62 เวลา 09.00-16.00 น."), as
    minutes fields; empty when the text has none (or is not a day-precise date)."""
    from netcli.thai.dates import read_date

    try:
        reading = read_date(text)
    except ValidationError:
        return {}  # a partial or approximate date: the meeting's own parser decides
    out = {}
    if reading.start_time is not None:
        out["start_time"] = reading.start_time.strftime("%H:%M")
    if reading.end_time is not None:
        out["end_time"] = reading.end_time.strftime("%H:%M")
    return out


def time_th(value: str | None) -> str | None:
    """ "09:30" → "09.30 น." (how Thai documents write a time)."""
    return f"{value.replace(':', '.')} น." if value else None


def prepare(raw: dict[str, Any]) -> dict[str, Any]:
    """Validated minutes fields from the options given (only those present)."""
    out: dict[str, Any] = {}
    if "session" in raw:
        out["session"] = parse_session(raw["session"])
    for key in ("start_time", "end_time"):
        if key in raw:
            out[key] = parse_time(raw[key], key)
    if "minute_taker" in raw:
        out["minute_taker"] = clean_text(raw["minute_taker"])
    if out.get("start_time") and out.get("end_time") and out["end_time"] < out["start_time"]:
        # A meeting may run past midnight only in theory; a swapped pair is the usual typo.
        raise ValidationError(
            "เวลาเลิกประชุมอยู่ก่อนเวลาเริ่ม (the end time is before the start time)",
            field="end_time",
        )
    return out


def set_fields(conn: sqlite3.Connection, meeting: int, values: dict[str, Any]) -> dict[str, Any]:
    """Store minutes fields (None clears one); returns {field: (before, after)} that changed."""
    if not values:
        return {}
    row = conn.execute("SELECT * FROM meeting_minutes WHERE meeting_id = ?", (meeting,)).fetchone()
    if row is None:
        if all(v is None for v in values.values()):
            return {}
        insert_row(conn, "meeting_minutes", {"meeting_id": meeting, **values})
        return {k: (None, v) for k, v in values.items() if v is not None}
    merged = {k: values.get(k, row[k]) for k in FIELDS}
    if merged["start_time"] and merged["end_time"] and merged["end_time"] < merged["start_time"]:
        raise ValidationError(
            "เวลาเลิกประชุมอยู่ก่อนเวลาเริ่ม (the end time is before the start time)",
            field="end_time",
        )
    changes = {k: v for k, v in values.items() if row[k] != v}
    if changes:
        update_row(conn, "meeting_minutes", int(row["id"]), changes)
    return {k: (row[k], v) for k, v in changes.items()}


def split_agenda(text: str) -> tuple[str, str | None]:
    """ "เรื่องที่ประธานแจ้งให้ทราบ | มติ ที่ประชุมรับทราบ" → (title, resolution)."""
    title, _, resolution = str(text).partition("|")
    title = _AGENDA_WORD.sub("", clean_text(title) or "")
    resolution = _RESOLUTION_WORD.sub("", clean_text(resolution) or "") or None
    if not title:
        raise ValidationError(
            f"ระเบียบวาระ '{text}' ไม่มีชื่อเรื่อง (an agenda item needs a title)",
            field="agenda",
            value=text,
            hint='เช่น --agenda "เรื่องที่ประธานแจ้งให้ทราบ | ที่ประชุมรับทราบ"'
            ' (for example --agenda "เรื่องที่ประธานแจ้งให้ทราบ | ที่ประชุมรับทราบ": title | resolution)',
        )
    return title, resolution


def add_agenda(conn: sqlite3.Connection, meeting: int, items: Iterable[str]) -> int:
    """Append agenda items (``TITLE | มติ``) after those already recorded; returns how many."""
    parsed = [split_agenda(t) for t in items]
    last = conn.execute(
        "SELECT coalesce(max(position), 0) FROM agenda_items WHERE meeting_id = ?", (meeting,)
    ).fetchone()[0]
    for i, (title, resolution) in enumerate(parsed, start=last + 1):
        insert_row(
            conn,
            "agenda_items",
            {"meeting_id": meeting, "position": i, "title": title, "resolution": resolution},
        )
    return len(parsed)


def clear_agenda(conn: sqlite3.Connection, meeting: int) -> int:
    return conn.execute("DELETE FROM agenda_items WHERE meeting_id = ?", (meeting,)).rowcount


def mark_absent(conn: sqlite3.Connection, meeting: int, member: int, reason: str | None) -> int:
    """Record a member as absent (ผู้ไม่มาประชุม) with the reason; 1 when added, 0 when updated.

    A member with attendance at the meeting cannot be absent from it.
    """
    came = conn.execute(
        "SELECT 1 FROM attendance WHERE meeting_id = ? AND member_id = ? LIMIT 1", (meeting, member)
    ).fetchone()
    if came:
        raise ValidationError(
            f"สมาชิก #{member} ลงชื่อเข้าร่วมการประชุมนี้แล้ว จึงบันทึกว่าไม่มาไม่ได้"
            " (the member attended; remove the attendance first with --remove)",
            field="absent",
            value=member,
        )
    reason = clean_text(reason)
    row = conn.execute(
        "SELECT id, reason FROM absences WHERE meeting_id = ? AND member_id = ?", (meeting, member)
    ).fetchone()
    if row is None:
        insert_row(conn, "absences", {"meeting_id": meeting, "member_id": member, "reason": reason})
        return 1
    if reason is not None and row["reason"] != reason:
        update_row(conn, "absences", int(row["id"]), {"reason": reason})
    return 0


def unmark_absent(conn: sqlite3.Connection, meeting: int, member: int) -> int:
    return conn.execute(
        "DELETE FROM absences WHERE meeting_id = ? AND member_id = ?", (meeting, member)
    ).rowcount


def get(conn: sqlite3.Connection, meeting: int) -> dict[str, Any]:
    """The minutes fields of a meeting as JSON: session, times, minute-taker, agenda, absentees."""
    row = conn.execute("SELECT * FROM meeting_minutes WHERE meeting_id = ?", (meeting,)).fetchone()
    out: dict[str, Any] = {k: (row[k] if row else None) for k in FIELDS}
    out["agenda"] = [
        {"position": r["position"], "title": r["title"], "resolution": r["resolution"]}
        for r in conn.execute(
            "SELECT position, title, resolution FROM agenda_items WHERE meeting_id = ?"
            " ORDER BY position, id",
            (meeting,),
        )
    ]
    out["absentees"] = [
        {
            "id": r["member_id"],
            "full_name": r["full_name"],
            "role": r["role"],
            "organization": r["organization"],
            "reason": r["reason"],
        }
        for r in conn.execute(
            "SELECT a.member_id, a.reason, m.full_name, m.role, m.organization FROM absences a"
            " JOIN members m ON m.id = a.member_id WHERE a.meeting_id = ? ORDER BY a.id",
            (meeting,),
        )
    ]
    return out


def session_number(conn: sqlite3.Connection, meeting: int) -> str:
    """ครั้งที่ N/ปี when none was recorded: the meeting's place, by first day, among the live
    meetings of the same network (else the same kind) that start in the same BE year."""
    from datetime import date

    from netcli.thai.dates import BE_OFFSET

    row = conn.execute(
        "SELECT id, start_date, network_id, kind FROM meetings WHERE id = ?", (meeting,)
    ).fetchone()
    start = date.fromisoformat(row["start_date"])
    year = start.year
    if row["network_id"] is not None:
        same, value = "network_id = ?", row["network_id"]
    else:
        same, value = "kind IS ?", row["kind"]
    n = conn.execute(
        f"SELECT count(*) FROM meetings WHERE deleted_at IS NULL AND {same}"
        " AND start_date >= ? AND start_date <= ?"
        " AND (start_date < ? OR (start_date = ? AND id <= ?))",
        (value, f"{year}-01-01", f"{year}-12-31", row["start_date"], row["start_date"], meeting),
    ).fetchone()[0]
    return f"{max(n, 1)}/{year + BE_OFFSET}"
