"""``netcli meeting …``: log, list, show, edit, remove, attend, and ``meeting action …``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from netcli import i18n
from netcli.cli.output import (
    Format,
    FormatOption,
    ReportFormatOption,
    emit_json,
    emit_list,
    emit_record,
    fields_of,
    info,
    warn,
)
from netcli.cli.places import RegionOption
from netcli.cli.state import conn
from netcli.i18n import _, pick

app = typer.Typer(no_args_is_help=True)
action_app = typer.Typer(no_args_is_help=True)
app.add_typer(action_app, name="action", help="follow-up actions: add, done, list")

MeetingArg = Annotated[str, typer.Argument(help="meeting id, uid or exact title")]
Date = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="the date, e.g. '13 มิถุนายน 2562', '29 – 31 มีนาคม 2564', '๒๑ ก.ค. ๕๓', 2019-06-13;"
        " as far as known: 'ก.ค. 2557', 'ปี 2557', 'ปีงบประมาณ 2557', 'ประมาณ 13 มิ.ย. 2562'",
    ),
]
Kind = Annotated[
    str | None,
    typer.Option(
        "--kind",
        help="kind: เวที ประชุม อบรม สัมมนา or ศึกษาดูงาน (default: the kind word in the title)",
    ),
]
Batch = Annotated[str | None, typer.Option("--batch", help="batch (class) number, e.g. 3")]
Venue = Annotated[str | None, typer.Option("--venue", help="venue, e.g. a hotel or a temple hall")]
Sub = Annotated[str | None, typer.Option("--subdistrict", help="subdistrict (tambon)")]
Dist = Annotated[str | None, typer.Option("--district", help="district (amphoe), e.g. อ.เมือง")]
Prov = Annotated[
    str | None,
    typer.Option("--province", "-p", help="host province, if the report names one"),
]
Covers = Annotated[
    list[str] | None,
    typer.Option(
        "--covers",
        help="a province or region the meeting covers (repeatable; a region expands to its"
        " provinces), e.g. --covers ภาคใต้จังหวัดบูรณาการนำร่อง",
    ),
]
Organizer = Annotated[list[str] | None, typer.Option("--organizer", help="organizer (repeatable)")]
CoOrganizer = Annotated[
    list[str] | None,
    typer.Option("--co-organizer", help="co-organizer: 'ร่วมกับ …' in a report (repeatable)"),
]
Chair = Annotated[str | None, typer.Option("--chair", help="who chaired it")]
Speaker = Annotated[
    list[str] | None, typer.Option("--speaker", help="speaker or trainer (repeatable)")
]
Participants = Annotated[
    str | None,
    typer.Option(
        "--participants", help="reported head-count: 70 or 'กว่า 70 คน' (kept apart from attendees)"
    ),
]
Funding = Annotated[str | None, typer.Option("--funding", help="source of funding")]
Budget = Annotated[
    str | None,
    typer.Option("--budget", help="budget spent (baht), e.g. 45,000 (leave out when not reported)"),
]
Network = Annotated[
    str | None, typer.Option("--network", help="the network that held it (name or id)")
]
Outcome = Annotated[
    list[str] | None, typer.Option("--outcome", help="an outcome or resolution (repeatable)")
]
Note = Annotated[str | None, typer.Option("--note", help="note")]
# รายงานการประชุม (แบบที่ 11) fields: migration 0008, netcli.meetings.minutes.
Session = Annotated[
    str | None, typer.Option("--session", help="session number/year of the minutes, e.g. 1/2567")
]
StartTime = Annotated[
    str | None, typer.Option("--start-time", help="time the meeting began, e.g. 09.00")
]
EndTime = Annotated[
    str | None, typer.Option("--end-time", help="time the meeting ended, e.g. 16.30")
]
MinuteTaker = Annotated[
    str | None, typer.Option("--minute-taker", help="who took the minutes (name)")
]
Agenda = Annotated[
    list[str] | None,
    typer.Option(
        "--agenda",
        help="an agenda item with its resolution after a |, e.g. 'เรื่องที่ประธานแจ้งให้ทราบ | ที่ประชุมรับทราบ' (repeatable, in order)",
    ),
]
Today = Annotated[
    str | None, typer.Option("--today", hidden=True, help="pretend today is this date")
]

LIST_COLUMNS = [
    ("id", "รหัส"),
    ("date_short", "วันที่"),
    ("kind", "ประเภท"),
    ("title", "ชื่อการประชุม"),
    ("where_th", "จังหวัด/พื้นที่"),
    ("participants_th", "ผู้เข้าร่วม (รายงาน)"),
    ("attendees", "สมาชิกที่ลงชื่อ"),
]
# On a narrow terminal (cli.layout): id, date and title always (the title wraps between
# words); the kind and the sign-in count go first, then the place and the head-count.
LIST_FIT: dict[str, dict[str, Any]] = {
    "id": {"justify": "right"},
    "date_short": {},
    "kind": {"drop": 4},
    "title": {"ident": True, "wrap": True, "min_width": 16},
    "where_th": {"wrap": True, "drop": 2},
    "participants_th": {"wrap": True, "drop": 1, "min_width": 8},
    "attendees": {"justify": "right", "drop": 3},
}
SHOW_FIELDS = [
    ("id", "รหัส"),
    ("uid", "uid"),
    ("title", "ชื่อการประชุม"),
    ("kind", "ประเภท"),
    ("batch", "รุ่นที่"),
    ("session", "ครั้งที่"),
    ("date_th", "วันที่"),
    ("time", "เวลา"),
    ("venue", "สถานที่"),
    ("place", "ที่ตั้ง"),
    ("covers", "พื้นที่ครอบคลุม"),
    ("network", "เครือข่าย"),
    ("organizers", "ผู้จัด"),
    ("co_organizers", "ผู้ร่วมจัด"),
    ("chair", "ประธาน"),
    ("speakers", "วิทยากร"),
    ("participants", "ผู้เข้าร่วม (ตามรายงาน)"),
    ("attendees", "สมาชิกที่ลงชื่อเข้าร่วม"),
    ("attendees_by_day", "รายวัน"),
    ("absentees", "ผู้ไม่มาประชุม"),
    ("funding_source", "แหล่งงบประมาณ"),
    ("budget_baht", "งบประมาณ"),
    ("outcomes", "ผล/มติ"),
    ("agenda", "ระเบียบวาระ"),
    ("actions", "ภารกิจติดตาม"),
    ("minute_taker", "ผู้จดรายงานการประชุม"),
    ("notes", "หมายเหตุ"),
]
ACTION_COLUMNS = [
    ("id", "รหัส"),
    ("due_th", "กำหนดเสร็จ"),
    ("text", "ภารกิจ"),
    ("owner", "ผู้รับผิดชอบ"),
    ("meeting", "จากการประชุม"),
    ("status_th", "สถานะ"),
]
STATUS_TH = {"open": "ยังไม่เสร็จ", "overdue": "เกินกำหนด", "done": "เสร็จแล้ว"}
UNKNOWN = "ไม่ระบุ"
PRESENTATION_COLUMNS = [
    ("province", "จังหวัด"),
    ("full_name", "ชื่อ - สกุล"),
    ("role", "ตำแหน่ง"),
    ("organization", "หน่วยงาน/องค์กร"),
    ("topic", "เรื่องที่นำเสนอ"),
]


def _participants_th(record: dict[str, Any]) -> str:
    """ "กว่า 70 คน" as reported, "250 คน", or ไม่ระบุ (never 0 for a count nobody gave)."""
    if record.get("participants_note"):
        return record["participants_note"]
    if record.get("participants") is not None:
        prefix = "กว่า " if record.get("participants_at_least") else ""
        if i18n.language() == "en":
            return f"{'over ' if prefix else ''}{record['participants']:,}"
        return f"{prefix}{record['participants']:,} คน"
    return i18n.label(UNKNOWN)


def _where_th(record: dict[str, Any]) -> str | None:
    if record.get("province"):
        return record["province"]
    covers = record.get("covers") or []
    if len(covers) > 2:
        return f"{len(covers)} จังหวัด"
    return ", ".join(covers) or None


def _short_range(start: str, end: str, precision: str = "day", approximate: bool = False) -> str:
    from netcli.thai.partial_dates import format_stored

    if i18n.language() == "en":  # ISO, as far as the date is known
        return i18n.iso_when(start, end, precision, approximate)
    return format_stored(start, end, precision, approximate, short=True)


def _short_date(value: str | None) -> str | None:
    if not value:
        return None
    from datetime import date

    from netcli.thai.dates import format_date

    if i18n.language() == "en":
        return value[:10]
    return format_date(date.fromisoformat(value[:10]), short=True)


def _today(value: str | None):
    from datetime import date

    if not value:
        return date.today()
    from netcli.thai.dates import parse_date

    return parse_date(value)


def _human_record(record: dict[str, Any]) -> dict[str, Any]:
    """The record with its values written for a person (Thai dates, baht, counts)."""
    from netcli.thai.money import baht_text, format_baht
    from netcli.thai.places import Place, format_place

    shown = dict(record)
    shown["place"] = (
        format_place(
            Place(
                record["province"],
                record["province_code"],
                record["district"],
                record["district_code"],
                record["subdistrict"],
                record["subdistrict_code"],
            )
        )
        or None
    )
    shown["participants"] = _participants_th(record)
    if i18n.language() == "en":
        from netcli.thai.places import without_prefixes

        shown["place"] = without_prefixes(shown["place"]) if shown["place"] else None
        shown["date_th"] = _short_range(
            record["start_date"],
            record["end_date"],
            record.get("date_precision") or "day",
            bool(record.get("date_approximate")),
        )
    shown["attendees"] = i18n.pick(f"{record['attendees']:,} คน", f"{record['attendees']:,}")
    regions = record.get("covers_regions") or []
    covers = record.get("covers") or []
    if covers:
        shown["covers"] = (f"{', '.join(regions)}: " if regions else "") + " ".join(covers)
    else:
        shown["covers"] = None
    shown["co_organizers"] = ", ".join(record.get("co_organizers") or []) or None
    if len(record["attendees_by_day"]) > 1:
        shown["attendees_by_day"] = "; ".join(
            f"{_short_date(d['day'])}: {d['count']}{i18n.pick(' คน', '')}"
            for d in record["attendees_by_day"]
        )
    else:
        shown["attendees_by_day"] = None
    if record["budget_baht"] is not None:
        satang = round(record["budget_baht"] * 100)
        shown["budget_baht"] = i18n.pick(
            f"{format_baht(satang)} บาท ({baht_text(satang)})", f"{format_baht(satang)} baht"
        )
    else:
        shown["budget_baht"] = i18n.label(UNKNOWN)
    shown["outcomes"] = "\n".join(f"• {o}" for o in record["outcomes"]) or None
    shown.update(_minutes_human(record))
    shown["actions"] = (
        "\n".join(
            f"• #{a['id']} {a['text']}"
            + (f" — {a['owner']}" if a["owner"] else "")
            + (f" {i18n.pick('ภายใน', 'by')} {_short_date(a['due_date'])}" if a["due_date"] else "")
            + f" [{i18n.label(STATUS_TH[a['status']])}]"
            for a in record["actions"]
        )
        or None
    )
    return shown


def _minutes_human(record: dict[str, Any]) -> dict[str, Any]:
    """The รายงานการประชุม fields for a person: ครั้งที่ 1/2567, "09.00 – 16.30 น.", each
    agenda item with its มติ, each absentee with the reason."""
    from netcli.meetings.minutes import time_th

    start, end = record.get("start_time"), record.get("end_time")
    if start and end:
        time = f"{start.replace(':', '.')} – {time_th(end)}"
    elif start or end:
        time = f"เริ่ม {time_th(start)}" if start else f"เลิก {time_th(end)}"
    else:
        time = None
    agenda = "\n".join(
        f"{a['position']}. {a['title']}"
        + (f"\n   มติ: {a['resolution']}" if a["resolution"] else "")
        for a in record.get("agenda") or []
    )
    absentees = "\n".join(
        f"• {p['full_name']}" + (f" ({p['reason']})" if p["reason"] else "")
        for p in record.get("absentees") or []
    )
    return {
        "time": time,
        "agenda": agenda or None,
        "absentees": absentees or None,
    }


def _show(record: dict[str, Any], fmt: Format) -> None:
    from netcli.meetings.records import RECORD_FIELDS

    if fmt is Format.table:
        emit_record(_human_record(record), fmt, SHOW_FIELDS, fields=RECORD_FIELDS)
        if record.get("presentations"):
            emit_list(
                record["presentations"],
                fmt,
                PRESENTATION_COLUMNS,
                fields=[k for k, _ in PRESENTATION_COLUMNS],
                title="การนำเสนอ (presentations)",
            )
    else:
        emit_record(record, fmt, SHOW_FIELDS, fields=RECORD_FIELDS)


def _minutes_raw(**options: Any) -> dict[str, Any]:
    """The minutes options given (validated before anything is written)."""
    from netcli.meetings import minutes

    return minutes.prepare({k: v for k, v in options.items() if v is not None})


def _raw(**options: Any) -> dict[str, Any]:
    """CLI options -> meeting input fields (only those given)."""
    return {k: v for k, v in options.items() if v not in (None, [])}


@app.command("log")
def meeting_log(
    title: Annotated[str, typer.Argument(help="title of the meeting or forum")],
    date: Date = None,
    kind: Kind = None,
    batch: Batch = None,
    venue: Venue = None,
    subdistrict: Sub = None,
    district: Dist = None,
    province: Prov = None,
    covers: Covers = None,
    organizer: Organizer = None,
    co_organizer: CoOrganizer = None,
    chair: Chair = None,
    speaker: Speaker = None,
    participants: Participants = None,
    funding: Funding = None,
    budget: Budget = None,
    network: Network = None,
    outcome: Outcome = None,
    attendee: Annotated[
        list[str] | None,
        typer.Option("--attendee", help="member id who attended every day (repeatable)"),
    ] = None,
    note: Note = None,
    session: Session = None,
    start_time: StartTime = None,
    end_time: EndTime = None,
    minute_taker: MinuteTaker = None,
    agenda: Agenda = None,
    allow_duplicate: Annotated[
        bool,
        typer.Option(
            "--allow-duplicate", help="log even if a meeting of this title is on that day"
        ),
    ] = False,
    fmt: FormatOption = Format.table,
) -> None:
    """Log a meeting. Example: netcli meeting log "เวทีเครือข่ายพัฒนาสังคม" --date "13 มิถุนายน 2562" --province แม่ฮ่องสอน"""
    from netcli.meetings import records as meetings
    from netcli.store import db

    if not date:
        raise typer.BadParameter(
            _("--date is required, e.g. --date '13 มิถุนายน 2562'"), param_hint="--date"
        )
    c = conn()
    raw = _raw(
        title=title,
        date=date,
        kind=kind,
        batch=batch,
        venue=venue,
        subdistrict=subdistrict,
        district=district,
        province=province,
        covers=covers,
        organizers=organizer,
        co_organizers=co_organizer,
        chair=chair,
        speakers=speaker,
        participants=participants,
        funding_source=funding,
        budget=budget,
        network=network,
        notes=note,
    )
    prepared = meetings.prepare(c, raw)
    extra = _minutes_raw(
        session=session, start_time=start_time, end_time=end_time, minute_taker=minute_taker
    )
    from netcli.meetings.minutes import times_in_date

    extra = {**times_in_date(date), **extra}  # "… เวลา 09.00-16.00 น." keeps its times
    for w in prepared.warnings:
        warn(w)
    with db.write(c, "meeting log"):
        mid = meetings.log(
            c,
            prepared,
            outcomes=outcome or [],
            attendees=attendee or [],
            allow_duplicate=allow_duplicate,
        )
        if extra or agenda:
            from netcli.meetings import minutes

            minutes.set_fields(c, mid, extra)
            minutes.add_agenda(c, mid, agenda or [])
    if fmt is Format.table:
        info(
            pick(
                f"บันทึกการประชุมแล้ว: #{mid} {prepared.values['title']}",
                f"Meeting logged: #{mid} {prepared.values['title']}",
            )
        )
        typer.echo(mid)
    else:
        _show(meetings.get(c, mid), fmt)


@app.command("list")
def meeting_list(
    province: Prov = None,
    region: RegionOption = None,
    network: Annotated[
        str | None,
        typer.Option("--network", help="meetings of this network and its sub-networks"),
    ] = None,
    from_: Annotated[
        str | None, typer.Option("--since", "--from", help="from this date (Thai or ISO)")
    ] = None,
    to: Annotated[str | None, typer.Option("--until", "--to", help="up to this date")] = None,
    fiscal_year: Annotated[
        str | None, typer.Option("--fiscal-year", help="fiscal year (Buddhist Era), e.g. 2567")
    ] = None,
    kind: Kind = None,
    fmt: FormatOption = Format.table,
) -> None:
    """List meetings in date order. Example: netcli meeting list --province แม่ฮ่องสอน --fiscal-year 2562"""
    from netcli.meetings.records import LIST_FIELDS, MeetingFilter, list_meetings

    f = MeetingFilter(
        province=province,
        region=region,
        network=network,
        date_from=from_,
        date_to=to,
        fiscal_year=fiscal_year,
        kind=kind,
    )
    rows = list_meetings(conn(), f)
    if fmt is Format.table:
        for r in rows:
            r["date_short"] = _short_range(
                r["start_date"], r["end_date"], r["date_precision"], r["date_approximate"]
            )
            r["participants_th"] = _participants_th(r)
            r["where_th"] = _where_th(r)
    emit_list(rows, fmt, LIST_COLUMNS, fields=LIST_FIELDS, fit=LIST_FIT)


@app.command("show")
def meeting_show(meeting: MeetingArg, fmt: FormatOption = Format.table) -> None:
    """Show one meeting with attendance per day. Example: netcli meeting show 3"""
    from netcli.meetings.records import get

    _show(get(conn(), meeting), fmt)


@app.command("edit")
def meeting_edit(
    meeting: MeetingArg,
    title: Annotated[str | None, typer.Option("--title", help="new title")] = None,
    date: Date = None,
    kind: Kind = None,
    batch: Batch = None,
    venue: Venue = None,
    subdistrict: Sub = None,
    district: Dist = None,
    province: Prov = None,
    covers: Covers = None,
    organizer: Organizer = None,
    co_organizer: CoOrganizer = None,
    chair: Chair = None,
    speaker: Speaker = None,
    participants: Participants = None,
    funding: Funding = None,
    budget: Budget = None,
    network: Network = None,
    outcome: Annotated[
        list[str] | None, typer.Option("--outcome", help="add an outcome (repeatable)")
    ] = None,
    note: Note = None,
    session: Session = None,
    start_time: StartTime = None,
    end_time: EndTime = None,
    minute_taker: MinuteTaker = None,
    agenda: Annotated[
        list[str] | None,
        typer.Option(
            "--agenda",
            help="add an agenda item, 'TITLE | RESOLUTION' (repeatable; --clear agenda first to replace)",
        ),
    ] = None,
    clear: Annotated[
        list[str] | None,
        typer.Option(
            "--clear",
            help="empty a field: kind batch venue place covers organizers co_organizers chair speakers participants funding_source budget network notes outcomes session start_time end_time minute_taker agenda",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="drop attendance on days cut off by --date")
    ] = False,
    fmt: FormatOption = Format.table,
) -> None:
    """Change a meeting. Example: netcli meeting edit 3 --date "29 – 31 มีนาคม 2564" --budget 45,000"""
    from netcli.meetings import records as meetings
    from netcli.store import db

    c = conn()
    raw = _raw(
        title=title,
        date=date,
        kind=kind,
        batch=batch,
        venue=venue,
        subdistrict=subdistrict,
        district=district,
        province=province,
        covers=covers,
        organizers=organizer,
        co_organizers=co_organizer,
        chair=chair,
        speakers=speaker,
        participants=participants,
        funding_source=funding,
        budget=budget,
        network=network,
        notes=note,
    )
    from netcli.meetings import minutes

    clear_fields = [x.replace("-", "_") for x in clear or []]
    minutes_clear = [x for x in clear_fields if x in (*minutes.FIELDS, "agenda")]
    clear_fields = [x for x in clear_fields if x not in minutes_clear]
    extra = _minutes_raw(
        session=session, start_time=start_time, end_time=end_time, minute_taker=minute_taker
    )
    extra.update({k: None for k in minutes_clear if k != "agenda"})
    if date:
        extra = {**minutes.times_in_date(date), **extra}  # a new --date with its times
    with db.write(c, "meeting edit"):
        result = meetings.edit(
            c, meeting, raw, clear=clear_fields, outcomes=outcome or [], force=force
        )
        mid = meetings.meeting_id(c, meeting)
        result.changes.update(minutes.set_fields(c, mid, extra))
        if "agenda" in minutes_clear:
            removed = minutes.clear_agenda(c, mid)
            if removed:
                result.changes["agenda"] = (removed, 0)
        added = minutes.add_agenda(c, mid, agenda or [])
        if added:
            result.changes["agenda_added"] = (0, added)
    if fmt is Format.table:
        n = len(result.changes) + result.outcomes_added
        info(
            pick(f"แก้ไขแล้ว {n} รายการ", f"{n} change(s) made")
            if n
            else "ไม่มีอะไรเปลี่ยน (nothing changed)"
        )
        if result.moved_days:
            info(
                f"ย้ายการเข้าร่วม {result.moved_days} รายการไปตามวันที่ใหม่ (attendance moved with the dates)"
            )
        if result.dropped_attendance:
            info(f"ลบการเข้าร่วม {result.dropped_attendance} รายการของวันที่ตัดออก (attendance dropped)")
    else:
        _show(meetings.get(c, meeting), fmt)


@app.command("remove")
def meeting_remove(meeting: MeetingArg) -> None:
    """Remove a meeting (kept in history). Example: netcli meeting remove 3"""
    from netcli.meetings import records as meetings
    from netcli.store import db

    c = conn()
    with db.write(c, "meeting remove"):
        mid = meetings.remove(c, meeting)
    info(f"ลบการประชุม #{mid} แล้ว (removed; kept in history)")


@app.command("attend")
def meeting_attend(
    meeting: MeetingArg,
    members: Annotated[list[str], typer.Argument(help="member ids, uids or full names")],
    day: Annotated[
        str | None, typer.Option("--day", help="one day of the meeting (default: every day)")
    ] = None,
    role: Annotated[
        str | None,
        typer.Option(
            "--role",
            help="role: ผู้เข้าร่วม วิทยากร ประธาน ผู้จัด or ผู้นำเสนอ (attendee, speaker, chair, organizer, presenter)",
        ),
    ] = None,
    topic: Annotated[
        str | None,
        typer.Option("--topic", help="what a presenter (ผู้นำเสนอ) presented"),
    ] = None,
    remove: Annotated[
        bool, typer.Option("--remove", help="take the attendance away instead")
    ] = False,
    absent: Annotated[
        bool,
        typer.Option("--absent", help="record them as absent instead; with --remove, undo"),
    ] = False,
    reason: Annotated[
        str | None, typer.Option("--reason", help="why they were absent, e.g. on official duty")
    ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Record who attended (every day, or --day), and who presented what.

    Example: netcli meeting attend 3 "นายประกิจ เสาร์แก้ว" --role ผู้นำเสนอ --topic "ค่ายมวยเยาวชน"
    """
    from netcli.meetings import records as meetings
    from netcli.store import db

    c = conn()
    when = None
    if day:
        from netcli.thai.dates import parse_date

        when = parse_date(day)
    if reason is not None and not absent:
        raise typer.BadParameter(_("--reason goes with --absent"), param_hint="--reason")
    if absent and (day or role):
        raise typer.BadParameter(
            _("--absent is for the whole meeting: no --day or --role"), param_hint="--absent"
        )
    from netcli.meetings import minutes
    from netcli.store.resolve import live_member, meeting_id

    if absent:
        n = 0
        with db.write(c, "meeting attend"):
            mid = meeting_id(c, meeting)
            for ref in members:
                member = live_member(c, ref)
                if remove:
                    n += minutes.unmark_absent(c, mid, member)
                else:
                    n += minutes.mark_absent(c, mid, member, reason)
        if fmt is Format.table:
            done = "ลบรายชื่อผู้ไม่มาประชุม" if remove else "บันทึกผู้ไม่มาประชุม"
            info(f"{done} {n} คน (absentees {'removed' if remove else 'added'})")
        else:
            key = "absent_removed" if remove else "absent_added"
            emit_record({"meeting": mid, key: n}, fmt, [], fields=("meeting", key))
        return
    with db.write(c, "meeting attend"):
        result = meetings.record_attendance(
            c, meeting, members, day=when, role=role, topic=topic, remove=remove
        )
        if not remove:
            for ref in members:  # came after all: no longer absent
                minutes.unmark_absent(c, result.meeting, live_member(c, ref))
    if fmt is Format.table:
        if remove:
            info(f"ลบการเข้าร่วม {result.removed} รายการ (attendance rows removed)")
        else:
            info(f"บันทึกการเข้าร่วม {result.added} รายการ (attendance rows added)")
    else:
        emit_record(result, fmt, [], fields=fields_of(meetings.Attendance))


@app.command("report")
def meeting_report(
    meeting: MeetingArg,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="the file to write: report.docx (Word) or report.pdf (needs netcli[pdf])",
        ),
    ],
    minutes_: Annotated[
        bool,
        typer.Option("--minutes", help="the minutes (form 11) instead of the forum report"),
    ] = False,
    officer: Annotated[
        str | None,
        typer.Option("--officer", help="who signs it (default: $NETCLI_USER or the login name)"),
    ] = None,
    position: Annotated[
        str | None, typer.Option("--position", help="the officer's position under the signature")
    ] = None,
    thai_digits: Annotated[
        bool, typer.Option("--thai-digits", help="write numbers and dates with Thai digits")
    ] = False,
    today: Today = None,
    fmt: ReportFormatOption = Format.table,
    force: Annotated[
        bool, typer.Option("--force", help="replace the output file if it exists (atomically)")
    ] = False,
) -> None:
    """Write the forum report or, with --minutes, the minutes of the meeting as Word (.docx)
    or PDF (.pdf, with the pdf extra: pip install "netcli[pdf]").

    Example: netcli meeting report 3 -o forum-report.docx --officer "นางสาวกรรณิการ์ ใจดี"
    """
    from netcli.files.meeting_report import write_meeting_report
    from netcli.store.db import current_actor

    report = write_meeting_report(
        conn(),
        meeting,
        output,
        minutes=minutes_,
        officer=officer or current_actor(),
        officer_position=position,
        thai_digits=thai_digits,
        today=_today(today),
        force=force,
    )
    what = "รายงานการประชุม" if minutes_ else "รายงานผลการจัดเวที"
    info(
        pick(
            f"เขียน{what} #{report['meeting_id']} {report['title']} ลงไฟล์ {report['path']} แล้ว",
            f"Wrote meeting #{report['meeting_id']} {report['title']} to {report['path']}",
        )
    )
    if fmt is not Format.table:
        emit_json(report)


# --- meeting action … ----------------------------------------------------------------------


def _action_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for r in rows:
        r["due_th"] = _short_date(r["due_date"])
        r["status_th"] = i18n.label(STATUS_TH[r["status"]])
    return rows


@action_app.command("add")
def action_add(
    meeting: MeetingArg,
    text: Annotated[str, typer.Argument(help="what is to be done, e.g. จัดทำปฏิทินเครือข่าย")],
    owner: Annotated[
        str | None, typer.Option("--owner", help="member id, or the name of who is responsible")
    ] = None,
    due: Annotated[
        str | None, typer.Option("--due", help="due date, e.g. 30 ก.ย. 2553 or 2010-09-30")
    ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Add a follow-up action. Example: netcli meeting action add 4 "จัดทำปฏิทินเครือข่าย" --owner 2 --due "30 ก.ย. 2553" """
    from netcli.meetings import actions
    from netcli.meetings import records as meetings
    from netcli.store import db

    c = conn()
    mid = meetings.meeting_id(c, meeting)
    with db.write(c, "meeting action add"):
        aid = actions.add(c, mid, text, owner=owner, due=due)
    if fmt is Format.table:
        info(pick(f"เพิ่มภารกิจ #{aid} แล้ว", f"Action #{aid} added"))
        typer.echo(aid)
    else:
        record = next(a for a in actions.list_actions(c, meeting=mid) if a["id"] == aid)
        emit_record(record, fmt, ACTION_COLUMNS, fields=actions.PUBLIC_FIELDS)


@action_app.command("done")
def action_done(
    action: Annotated[str, typer.Argument(help="action id")],
    on: Annotated[
        str | None, typer.Option("--on", help="the day it was done (default today)")
    ] = None,
) -> None:
    """Mark an action done. Example: netcli meeting action done 7"""
    from netcli.meetings import actions
    from netcli.store import db

    c = conn()
    with db.write(c, "meeting action done"):
        aid, changed = actions.done(c, action, when=on)
    info(
        pick(f"ภารกิจ #{aid} เสร็จแล้ว", f"Action #{aid} done")
        if changed
        else f"ภารกิจ #{aid} ทำเสร็จไปก่อนแล้ว (already done)"
    )


@action_app.command("list")
def action_list(
    meeting: Annotated[
        str | None, typer.Option("--meeting", help="actions of this meeting only")
    ] = None,
    open_: Annotated[bool, typer.Option("--open", help="only actions not done yet")] = False,
    today: Today = None,
    fmt: FormatOption = Format.table,
) -> None:
    """List follow-up actions by due date. Example: netcli meeting action list --open"""
    from netcli.meetings import actions
    from netcli.meetings import records as meetings

    c = conn()
    mid = meetings.meeting_id(c, meeting) if meeting else None
    rows = actions.list_actions(c, meeting=mid, open_only=open_, today=_today(today))
    if fmt is Format.table:
        rows = _action_rows(rows)
    emit_list(rows, fmt, ACTION_COLUMNS, fields=actions.PUBLIC_FIELDS)
