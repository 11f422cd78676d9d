"""The forum report (รายงานผลการจัดเวที) and the minutes (รายงานการประชุม, แบบที่ 11) in Word,
or as PDF (:mod:`netcli.files.pdf`, the same builder through a writer with the same methods).

Both are written from the meeting record (:func:`netcli.meetings.records.get`, the same dict as
``meeting show -f json``) and the minutes fields (:mod:`netcli.meetings.minutes`). A value
nobody recorded prints "ไม่ระบุ", never 0 (a null budget or head-count). Fields the record may
not have yet (co-organizers, covered provinces, presentations, date precision, "at least" head
counts) are read with ``.get`` and printed when present.

The forum report follows รายงานผลการดำเนินงาน (documents.md): a lead paragraph (what, when,
where, who organised, with whom, funded by), the facts, objectives, participants reported and
signed in per day, outcomes and resolutions, follow-up actions, presentations, problems and
suggestions, the officer's signature and date, and an annex of attendees per day.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from netcli.files import documents, docx_base
from netcli.files.docx_base import UNKNOWN

REPORT_TITLES = {
    "เวที": "รายงานผลการจัดเวที",
    "ประชุม": "รายงานผลการจัดประชุม",
    "อบรม": "รายงานผลการจัดอบรม",
    "สัมมนา": "รายงานผลการจัดสัมมนา",
    "ศึกษาดูงาน": "รายงานผลการศึกษาดูงาน",
}
STATUS_TH = {"open": "ยังไม่เสร็จ", "overdue": "เกินกำหนด", "done": "เสร็จแล้ว"}
# Attendance roles that belong to the body meeting (ผู้มาประชุม) when the meeting has no network;
# the others (speakers, organisers' staff) are ผู้เข้าร่วมประชุม.
BODY_ROLES = ("ประธาน", "ผู้เข้าร่วม")
CHAIR_ROLE = "ประธาน"
# The text width is 16 cm (21 cm less margins of 3 and 2).
ACTION_WIDTHS = (1.0, 5.9, 3.6, 3.0, 2.5)


# --- reading ---------------------------------------------------------------------------------


def report_data(conn: sqlite3.Connection, meeting: str | int) -> dict[str, Any]:
    """The meeting record with what a report adds: each attendee's position, organisation and
    province, network membership, and the minutes fields (``minutes``)."""
    from netcli.meetings import minutes
    from netcli.meetings.records import get

    record = get(conn, meeting)
    mid = record["id"]
    ids = {p["id"] for d in record["attendees_by_day"] for p in d["members"]}
    people: dict[int, dict[str, Any]] = {}
    if ids:
        marks = ", ".join("?" for _ in ids)
        for r in conn.execute(
            "SELECT id, full_name, role, organization, province FROM members"
            f" WHERE id IN ({marks})",
            tuple(ids),
        ):
            people[r["id"]] = dict(r)
    network_members: set[int] = set()
    row = conn.execute("SELECT network_id FROM meetings WHERE id = ?", (mid,)).fetchone()
    if row["network_id"] is not None:
        from netcli.networks.records import subtree_ids

        nets = subtree_ids(conn, row["network_id"])
        marks = ", ".join("?" for _ in nets)
        network_members = {
            r[0]
            for r in conn.execute(
                f"SELECT DISTINCT member_id FROM memberships WHERE network_id IN ({marks})",
                tuple(nets),
            )
        }
    for day in record["attendees_by_day"]:
        for p in day["members"]:
            extra = people.get(p["id"], {})
            p["position"] = extra.get("role")
            p["organization"] = extra.get("organization")
            p["province"] = extra.get("province")
    record["minutes"] = minutes.get(conn, mid)
    record["session_number"] = record["minutes"]["session"] or minutes.session_number(conn, mid)
    record["has_network"] = row["network_id"] is not None
    record["network_members"] = sorted(network_members)
    return record


# --- formatting helpers ----------------------------------------------------------------------


def _names(value: Any) -> list[str]:
    """Names from a list of strings or of dicts (issue 12 may store organisations as records)."""
    if not value:
        return []
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if isinstance(item, dict):
            text = item.get("name") or item.get("full_name") or item.get("title")
            text = text or item.get("province")
        else:
            text = item
        if text:
            out.append(str(text))
    return out


def joined(value: Any) -> str | None:
    names = _names(value)
    return ", ".join(names) if names else None


def _date(value: str | None) -> str | None:
    """ "30 ก.ย. 2569": months abbreviated, the year in full (table cells)."""
    if not value:
        return None
    from netcli.thai.dates import format_date

    return format_date(date.fromisoformat(value[:10]), month_style="abbr")


def _date_th(record: dict[str, Any]) -> str:
    """The dates as precise as recorded: issue 12's ``date_th`` knows the precision."""
    if record.get("date_th"):
        return str(record["date_th"])
    if record.get("start_date"):
        from netcli.thai.dates import format_date_range

        return format_date_range(
            date.fromisoformat(record["start_date"]), date.fromisoformat(record["end_date"])
        )
    return UNKNOWN


def place_line(record: dict[str, Any]) -> str | None:
    from netcli.thai.places import place_text

    place = place_text(record.get("subdistrict"), record.get("district"), record.get("province"))
    text = " ".join(p for p in (record.get("venue"), place) if p)
    return text or None


def head_count(record: dict[str, Any]) -> str:
    """The reported head-count as reported: "กว่า 70 คน", "250 คน", else ไม่ระบุ (never 0)."""
    if record.get("participants_note"):
        return str(record["participants_note"])
    if record.get("participants") is not None:
        prefix = "อย่างน้อย " if record.get("participants_at_least") else ""
        return f"{prefix}{record['participants']:,} คน"
    return UNKNOWN


def budget_line(record: dict[str, Any]) -> str:
    if record.get("budget_baht") is None:
        return UNKNOWN
    from netcli.thai.money import baht_text, format_baht

    satang = round(record["budget_baht"] * 100)
    return f"{format_baht(satang)} บาท ({baht_text(satang)})"


def _title_with_batch(record: dict[str, Any]) -> str:
    title = record["title"]
    if record.get("batch") and "รุ่น" not in title:
        title += f" รุ่นที่ {record['batch']}"
    return title


def _lead(record: dict[str, Any]) -> str:
    """One paragraph: when, who organised with whom, what, where, funded by."""
    parts = [f"เมื่อวันที่ {_date_th(record)}" if record.get("start_date") else "เมื่อวันที่ ไม่ระบุ"]
    organizers = joined(record.get("organizers"))
    if organizers:
        parts.append(organizers)
    co = joined(record.get("co_organizers"))
    if co:
        parts.append(f"ร่วมกับ {co}")
    kind = record.get("kind") or ""
    title = _title_with_batch(record)
    parts.append(f"จัด{kind if kind and not title.startswith(kind) else ''}{title}")
    where = place_line(record)
    if where:
        parts.append(f"ณ {where}")
    covers = joined(record.get("covers"))
    if covers:
        parts.append(f"ครอบคลุมพื้นที่ {covers}")
    if record.get("funding_source"):
        parts.append(f"ได้รับการสนับสนุนงบประมาณจาก{record['funding_source']}")
    return " ".join(parts)


def _day_text(record: dict[str, Any], day: str | None) -> str:
    """A day of the meeting; a meeting known only to the month or year has one undated
    attendance list, shown as the date was known ("ปี 2557"), never an invented day."""
    from netcli.thai.dates import format_date

    return format_date(date.fromisoformat(day)) if day else str(record.get("date_th") or "ไม่ระบุ")


def _by_day_rows(record: dict[str, Any]) -> list[list[Any]]:
    rows = []
    for i, d in enumerate(record["attendees_by_day"], start=1):
        rows.append([i, _day_text(record, d["day"]), f"{d['count']:,} คน"])
    return rows


def _action_rows(record: dict[str, Any]) -> list[list[Any]]:
    return [
        [
            i,
            a.get("text"),
            a.get("owner"),
            _date(a.get("due_date")),
            STATUS_TH.get(a.get("status"), a.get("status")),
        ]
        for i, a in enumerate(record.get("actions") or [], start=1)
    ]


def _presentation_rows(record: dict[str, Any]) -> list[list[Any]]:
    rows = []
    for i, p in enumerate(record.get("presentations") or [], start=1):
        rows.append(
            [
                i,
                p.get("province"),
                p.get("full_name") or p.get("name") or p.get("member"),
                p.get("role") or p.get("position"),
                p.get("organization"),
                p.get("topic"),
            ]
        )
    return rows


def _officer_lines(officer: str | None, position: str | None, when: date, thai: bool) -> tuple:
    return officer, position, docx_base.official_date(when, thai_digits=thai)


# --- the forum report ------------------------------------------------------------------------


def build_forum_report(
    record: dict[str, Any],
    *,
    officer: str | None,
    officer_position: str | None = None,
    today: date | None = None,
    thai_digits: bool = False,
    fmt: str = "docx",
) -> Any:
    """The forum report: a writer (python-docx or typst, by ``fmt``) holding it."""
    today = today or date.today()
    kind = record.get("kind")
    heading = REPORT_TITLES.get(kind or "", "รายงานผลการดำเนินงาน")
    w = documents.new_writer(
        fmt, title=f"{heading} {record['title']}", author=officer, thai_digits=thai_digits
    )
    w.page_numbers()
    w.title(heading)
    w.title(_title_with_batch(record))
    w.paragraph(_date_th(record), align="center")
    w.blank()
    w.paragraph(_lead(record), indent=True)

    w.heading("1. ข้อมูลการจัด")
    facts: list[tuple[str, Any]] = [
        ("ชื่อกิจกรรม", record["title"]),
        ("ประเภท", kind),
        ("รุ่นที่", record.get("batch")),
        ("วันที่", _date_th(record)),
        ("สถานที่", place_line(record)),
        ("ผู้จัด", joined(record.get("organizers"))),
        ("ผู้ร่วมจัด", joined(record.get("co_organizers"))),
        ("เครือข่าย", record.get("network")),
        ("พื้นที่ครอบคลุม", joined(record.get("covers"))),
        ("ประธาน", record.get("chair")),
        ("วิทยากร", joined(record.get("speakers"))),
        ("แหล่งงบประมาณ", record.get("funding_source")),
        ("งบประมาณ", budget_line(record)),
    ]
    if not record.get("batch"):
        facts = [f for f in facts if f[0] != "รุ่นที่"]
    if "co_organizers" not in record:
        facts = [f for f in facts if f[0] != "ผู้ร่วมจัด"]
    if "covers" not in record:
        facts = [f for f in facts if f[0] != "พื้นที่ครอบคลุม"]
    for label, value in facts:
        w.field(f"{label}:", value, left_cm=1.0)

    w.heading("2. วัตถุประสงค์และสาระสำคัญ")
    w.paragraph(record.get("notes"), indent=True)

    w.heading("3. ผู้เข้าร่วม")
    w.field("จำนวนผู้เข้าร่วมตามรายงาน:", head_count(record), left_cm=1.0)
    w.field("สมาชิกที่ลงชื่อเข้าร่วม (ไม่ซ้ำคน):", f"{record.get('attendees', 0):,} คน", left_cm=1.0)
    if record["attendees_by_day"]:
        w.paragraph("ผู้ลงชื่อเข้าร่วมรายวัน", bold=True, align="left", left_cm=1.0)
        w.table(["วันที่", "วัน", "ผู้ลงชื่อ"], _by_day_rows(record), widths_cm=[2.0, 8.0, 4.0],
                centered=(0, 2))  # fmt: skip

    w.heading("4. ผลการดำเนินงานและมติ")
    w.items(record.get("outcomes") or [])

    w.heading("5. ภารกิจติดตามผล")
    actions = _action_rows(record)
    if actions:
        w.table(["ที่", "ภารกิจ", "ผู้รับผิดชอบ", "กำหนดเสร็จ", "สถานะ"], actions,
                widths_cm=ACTION_WIDTHS, centered=(0, 3, 4))  # fmt: skip
    else:
        w.paragraph(UNKNOWN, align="left", left_cm=1.0)

    w.heading("6. การนำเสนอผลงาน")
    presentations = _presentation_rows(record)
    if presentations:
        w.table(["ที่", "จังหวัด", "ชื่อ - สกุล", "บทบาท", "หน่วยงาน", "เรื่องที่นำเสนอ"], presentations,
                widths_cm=[1.0, 1.9, 3.0, 3.1, 3.0, 4.0])  # fmt: skip
    else:
        w.paragraph(UNKNOWN, align="left", left_cm=1.0)

    w.heading("7. ปัญหาและอุปสรรค")
    w.paragraph(UNKNOWN, align="left", left_cm=1.0)
    w.heading("8. ข้อเสนอแนะ")
    w.paragraph(UNKNOWN, align="left", left_cm=1.0)

    name, position, when = _officer_lines(officer, officer_position, today, thai_digits)
    w.signature("ผู้รายงาน", name, position, when)

    if record["attendees_by_day"]:
        w.page_break()
        w.heading("ภาคผนวก รายชื่อผู้ลงชื่อเข้าร่วม")
        _annex(w, record)
    return w


def _annex(w: Any, record: dict[str, Any]) -> None:
    days = record["attendees_by_day"]
    for i, d in enumerate(days, start=1):
        day = _day_text(record, d["day"])
        label = f"วันที่ {i} ({day})" if len(days) > 1 else f"วันที่ {day}"
        w.heading(f"{label} จำนวน {d['count']:,} คน", level=2)
        if not d["members"]:
            w.paragraph("ไม่มีผู้ลงชื่อ", align="left", left_cm=1.0)
            continue
        rows = [
            [n, p["full_name"], p.get("position"), p.get("organization"), p.get("role")]
            for n, p in enumerate(d["members"], start=1)
        ]
        w.table(["ที่", "ชื่อ - สกุล", "ตำแหน่ง", "หน่วยงาน", "บทบาท"], rows,
                widths_cm=[1.0, 4.5, 3.8, 4.2, 2.5])  # fmt: skip


# --- the minutes (แบบที่ 11) --------------------------------------------------------------------


def _body_name(record: dict[str, Any]) -> str:
    """What follows "รายงานการประชุม": the title without a leading (การ)ประชุม."""
    title = _title_with_batch(record)
    for word in ("การประชุม", "ประชุม"):
        if title.startswith(word):
            return title[len(word) :].strip()
    return title


def split_people(record: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(ผู้มาประชุม, ผู้เข้าร่วมประชุม), each person once, in attendance order.

    With a network, its members (sub-networks included) are the body and everyone else
    joined the meeting; without one, the chair and participants are the body, speakers and
    organisers' staff joined it.
    """
    seen: dict[int, dict[str, Any]] = {}
    for day in record["attendees_by_day"]:
        for p in day["members"]:
            if p["id"] not in seen:
                seen[p["id"]] = p
            elif p["role"] == CHAIR_ROLE:
                seen[p["id"]] = p
    members = set(record.get("network_members") or [])
    body, others = [], []
    for p in seen.values():
        if record.get("has_network"):
            in_body = p["id"] in members or p["role"] == CHAIR_ROLE
        else:
            in_body = p["role"] in BODY_ROLES
        (body if in_body else others).append(p)
    body.sort(key=lambda p: p["role"] != CHAIR_ROLE)  # the chair first
    return body, others


def _position(p: dict[str, Any]) -> str | None:
    parts = [x for x in (p.get("position"), p.get("organization")) if x]
    text = " ".join(parts) or None
    if p.get("role") == CHAIR_ROLE:
        text = f"{text} (ประธานที่ประชุม)" if text else "ประธานที่ประชุม"
    return text


def build_minutes(
    record: dict[str, Any],
    *,
    officer: str | None,
    officer_position: str | None = None,
    today: date | None = None,
    thai_digits: bool = False,
    fmt: str = "docx",
) -> Any:
    """รายงานการประชุม in the order of แบบที่ 11: a writer (python-docx or typst) holding it."""
    from netcli.meetings.minutes import time_th

    minutes = record["minutes"]
    body = _body_name(record)
    w = documents.new_writer(
        fmt, title=f"รายงานการประชุม{body}", author=officer, thai_digits=thai_digits
    )
    w.page_numbers()
    w.title(f"รายงานการประชุม{body}")
    w.title(f"ครั้งที่ {record['session_number']}")
    when = f"เมื่อวันที่ {_date_th(record)}"
    if minutes.get("start_time"):
        when += f" เวลา {time_th(minutes['start_time'])}"
    w.paragraph(when, align="center")
    w.paragraph(f"ณ {place_line(record) or UNKNOWN}", align="center")
    w.paragraph("-" * 20, align="center")

    present, joined_ = split_people(record)
    w.paragraph("ผู้มาประชุม", bold=True, align="left")
    _people_table(w, present, with_reason=False)
    w.paragraph("ผู้ไม่มาประชุม", bold=True, align="left")
    absent = minutes.get("absentees") or []
    if absent:
        rows = [
            [i, p["full_name"], " ".join(x for x in (p.get("role"), p.get("organization")) if x)
             or None, p.get("reason")]
            for i, p in enumerate(absent, start=1)
        ]  # fmt: skip
        w.table(["ที่", "ชื่อ - สกุล", "ตำแหน่ง", "เหตุผล"], rows, widths_cm=[1.0, 5.0, 6.0, 4.0])
    else:
        w.paragraph("ไม่มี", align="left", left_cm=1.0)
    w.paragraph("ผู้เข้าร่วมประชุม", bold=True, align="left")
    _people_table(w, joined_, with_reason=False)

    w.blank()
    w.paragraph(("เริ่มประชุมเวลา ", True), time_th(minutes.get("start_time")), align="left")
    chair = record.get("chair") or next(
        (p["full_name"] for p in present if p["role"] == CHAIR_ROLE), None
    )
    if chair:
        w.paragraph(f"{chair} ประธานที่ประชุม กล่าวเปิดการประชุมและดำเนินการประชุมตามระเบียบวาระ ดังนี้",
                    indent=True)  # fmt: skip
    agenda = minutes.get("agenda") or []
    if agenda:
        for item in agenda:
            w.paragraph((f"ระเบียบวาระที่ {item['position']} ", True), (item["title"], True),
                        align="left")  # fmt: skip
            w.paragraph(("มติที่ประชุม ", True), item.get("resolution"), indent=True)
    else:
        w.paragraph(("ระเบียบวาระ ", True), UNKNOWN, align="left")
        outcomes = record.get("outcomes") or []
        w.paragraph("มติที่ประชุม", bold=True, align="left", left_cm=1.0)
        w.items(outcomes)
    actions = _action_rows(record)
    if actions:
        w.paragraph("ภารกิจที่มอบหมาย", bold=True, align="left")
        w.table(["ที่", "ภารกิจ", "ผู้รับผิดชอบ", "กำหนดเสร็จ", "สถานะ"], actions,
                widths_cm=ACTION_WIDTHS, centered=(0, 3, 4))  # fmt: skip
    w.blank()
    w.paragraph(("เลิกประชุมเวลา ", True), time_th(minutes.get("end_time")), align="left")

    taker = minutes.get("minute_taker") or officer
    w.signature("ผู้จดรายงานการประชุม", taker, officer_position if taker == officer else None,
                docx_base.official_date(today or date.today(), thai_digits=thai_digits))  # fmt: skip
    return w


def _people_table(w: Any, people: list[dict[str, Any]], *, with_reason: bool) -> None:
    if not people:
        w.paragraph("ไม่มี", align="left", left_cm=1.0)
        return
    rows = [[i, p["full_name"], _position(p)] for i, p in enumerate(people, start=1)]
    w.table(["ที่", "ชื่อ - สกุล", "ตำแหน่ง"], rows, widths_cm=[1.0, 6.0, 9.0])


# --- writing ---------------------------------------------------------------------------------


def write_meeting_report(
    conn: sqlite3.Connection,
    meeting: str | int,
    path: Path | str,
    *,
    minutes: bool = False,
    officer: str | None = None,
    officer_position: str | None = None,
    thai_digits: bool = False,
    today: date | None = None,
    force: bool = False,
) -> dict[str, Any]:
    """Write the forum report (or with ``minutes`` the รายงานการประชุม) to ``path``: Word
    for .docx, PDF for .pdf (the pdf extra; refused before any work without it).

    Returns ``{"path", "meeting_id", "kind": "report"|"minutes", "format", "title"}``.
    """
    path = documents.check_output(path, force=force)
    record = report_data(conn, meeting)
    build = build_minutes if minutes else build_forum_report
    fmt = documents.format_of(path)
    writer = build(
        record,
        officer=officer,
        officer_position=officer_position,
        today=today,
        thai_digits=thai_digits,
        fmt=fmt,
    )
    writer.save(path, force=force)
    return {
        "path": str(path),
        "meeting_id": record["id"],
        "kind": "minutes" if minutes else "report",
        "format": fmt,
        "title": record["title"],
    }
