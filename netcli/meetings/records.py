"""Meetings (เวที/ประชุม/อบรม/สัมมนา/ศึกษาดูงาน): log, edit, remove, attendance per day.

The reported head-count (``participants``, "กว่า 70 คน") is what the organisers said; the
attendees are the members linked by attendance rows. The two are kept apart everywhere.
Dates are stored as ISO text; each day of a meeting has a ``meeting_days`` row that
attendance points to, so attendance per day of a three-day course is exact.
"""

from __future__ import annotations

import difflib
import re
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from netcli.errors import Duplicate, NotFound, Refused, ValidationError
from netcli.networks.coverage import covers_of, resolve_covers, set_covers
from netcli.store.records import (
    Prepared,
    clean_text,
    from_json_list,
    insert_row,
    json_list,
    now_iso,
    update_row,
)
from netcli.store.resolve import meeting_id  # noqa: F401 - meetings.meeting_id

KINDS = ("เวที", "ประชุม", "อบรม", "สัมมนา", "ศึกษาดูงาน")
_KIND_SYNONYMS = {
    "forum": "เวที",
    "เวทีเสวนา": "เวที",
    "เสวนา": "เวที",
    "meeting": "ประชุม",
    "ประชุมเชิงปฏิบัติการ": "ประชุม",
    "training": "อบรม",
    "course": "อบรม",
    "ฝึกอบรม": "อบรม",
    "seminar": "สัมมนา",
    "studyvisit": "ศึกษาดูงาน",
    "studytour": "ศึกษาดูงาน",
    "ดูงาน": "ศึกษาดูงาน",
}
ROLES = ("ผู้เข้าร่วม", "วิทยากร", "ประธาน", "ผู้จัด", "ผู้นำเสนอ")
PRESENTER = "ผู้นำเสนอ"
DEFAULT_ROLE = "ผู้เข้าร่วม"
_ROLE_SYNONYMS = {
    "participant": "ผู้เข้าร่วม",
    "attendee": "ผู้เข้าร่วม",
    "ผู้เข้าร่วมประชุม": "ผู้เข้าร่วม",
    "speaker": "วิทยากร",
    "trainer": "วิทยากร",
    "chair": "ประธาน",
    "ประธานในพิธี": "ประธาน",
    "organizer": "ผู้จัด",
    "organiser": "ผู้จัด",
    "ผู้จัดงาน": "ผู้จัด",
    "presenter": "ผู้นำเสนอ",
    "นำเสนอ": "ผู้นำเสนอ",
    "ผู้นำเสนอผลงาน": "ผู้นำเสนอ",
}

# What a caller may give to prepare() (CLI options, the demo's JSON).
INPUT_FIELDS = (
    "title",
    "date",
    "kind",
    "batch",
    "venue",
    "subdistrict",
    "district",
    "province",
    "organizers",
    "co_organizers",
    "covers",
    "chair",
    "speakers",
    "participants",
    "funding_source",
    "budget",
    "network",
    "notes",
)
_TEXT_COLUMNS = ("venue", "chair", "funding_source", "notes")
# Columns `meeting edit --clear` may empty.
CLEARABLE = (
    "kind",
    "batch",
    "venue",
    "place",
    "organizers",
    "co_organizers",
    "covers",
    "chair",
    "speakers",
    "participants",
    "funding_source",
    "budget",
    "network",
    "notes",
    "outcomes",
)
_BATCH_WORDS = re.compile(r"^(?:รุ่นที่|รุ่น|batch|no\.?)\s*", re.IGNORECASE)


def _choose(
    value: str, allowed: tuple[str, ...], synonyms: dict[str, str], noun: str, field_: str
) -> str:
    text = clean_text(value) or ""
    if text in allowed:
        return text
    key = re.sub(r"[\s_\-]", "", text).lower()
    if key.startswith("การ") and key[3:] in allowed:
        return key[3:]
    if key in allowed:
        return key
    if key in synonyms:
        return synonyms[key]
    close = difflib.get_close_matches(text, allowed, n=1, cutoff=0.4)
    raise ValidationError(
        f"{noun} '{value}' ไม่รู้จัก (unknown {field_}); ใช้ได้: {' '.join(allowed)}",
        code=f"unknown-{field_}",
        field=field_,
        value=value,
        suggestion=close[0] if close else None,
    )


def canonical_kind(value: str) -> str:
    """One of KINDS (เวที ประชุม อบรม สัมมนา ศึกษาดูงาน), from the word or an English synonym."""
    return _choose(value, KINDS, _KIND_SYNONYMS, "ประเภทการประชุม", "kind")


def canonical_role(value: str | None) -> str:
    """One of ROLES (ผู้เข้าร่วม วิทยากร ประธาน ผู้จัด ผู้นำเสนอ); None gives ผู้เข้าร่วม."""
    if value is None or not str(value).strip():
        return DEFAULT_ROLE
    return _choose(value, ROLES, _ROLE_SYNONYMS, "บทบาทในการประชุม", "role")


def kind_from_title(title: str) -> str | None:
    """The kind word that comes first in a title ("เวทีขับเคลื่อน…" → เวที), if any."""
    found = [(title.find(k), k) for k in KINDS if k in title]
    return min(found)[1] if found else None


def parse_participants(value: Any) -> tuple[int | None, str | None]:
    """Reported head-count: 70 → (70, None); "กว่า 70 คน" → (70, "กว่า 70 คน").

    One whole number, as organisers write it: "70", "๗๐", "1,500", "1500 คน", "กว่า 70 คน",
    "ประมาณ 250 คน", "กว่า 70 คน จาก 6 จังหวัด" (the number of people is the one before คน).
    Refused rather than guessed: a decimal point or an exponent ("1.5", "1e5" would be stored
    as 1), a number split by a space ("1 500": 1,500 or 1 and 500?), a range ("70-80"),
    several numbers none of which counts people, a negative number, no number at all.
    """
    if value is None:
        return None, None
    if isinstance(value, bool):
        raise _participants_error(value, "ต้องเป็นตัวเลข (not a number)")
    if isinstance(value, float):
        if not value.is_integer():
            raise _participants_error(value, "ต้องเป็นจำนวนเต็ม (a head-count is a whole number)")
        value = int(value)
    if isinstance(value, int):
        number, note = value, None
    else:
        from netcli.thai.digits import to_arabic

        text = clean_text(to_arabic(str(value)))
        if not text:
            return None, None
        number = _head_count(text, value)
        plain = re.fullmatch(r"\d[\d,]*(?:\s*คน)?", text) is not None
        note = None if plain else text
    if number < 0:
        raise _participants_error(value, "ติดลบ (negative head-count)")
    if number > 10_000_000:
        raise ValidationError(
            f"จำนวนผู้เข้าร่วม {number:,} มากเกินไป (too large)",
            code="bad-number",
            field="participants",
            value=value,
        )
    return number, note


# A number as written: digits, optionally grouped by commas (checked below).
_COUNT_NUMBER = re.compile(r"\d+(?:,\d+)*")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
# Between two numbers, only space or a dash: "1 500" (space-grouped thousands?) or "70-80".
_JOINED = re.compile(r"\s*(?:[-–—~]|ถึง|to)?\s*", re.IGNORECASE)
_PEOPLE = re.compile(r"\s*(?:คน|ท่าน|ราย|รูป|people|persons|participants)", re.IGNORECASE)
_PARTICIPANTS_HINT = (
    'เช่น --participants 70, "1,500" หรือ "กว่า 70 คน"'
    ' (for example --participants 70, "1,500" or "กว่า 70 คน" for over 70)'
)


def _participants_error(value: Any, why: str) -> ValidationError:
    return ValidationError(
        f"จำนวนผู้เข้าร่วม '{value}' {why}",
        code="bad-number",
        field="participants",
        value=value,
        hint=_PARTICIPANTS_HINT,
    )


def _head_count(text: str, value: Any) -> int:
    """The one head-count in a text, or ValidationError saying why it is not clear."""
    if re.search(r"\d\s*[.]\s*\d", text):
        raise _participants_error(value, "มีทศนิยม: จำนวนคนต้องเป็นจำนวนเต็ม (a decimal point)")
    if re.search(r"\d\s*[eE]\s*[-+]?\s*\d", text):
        raise _participants_error(value, "เขียนแบบเลขยกกำลัง ใช้ไม่ได้ (an exponent such as 1e5)")
    found = list(_COUNT_NUMBER.finditer(text))
    if not found:
        raise _participants_error(value, "ไม่มีตัวเลข (no number in the head-count)")
    for m in found:
        if not _GROUPED.fullmatch(m.group()):
            raise _participants_error(value, "ใช้จุลภาคไม่ถูกต้อง (commas group thousands, as in 1,500)")
        before = text[: m.start()].rstrip()
        if before.endswith(("-", "−")) and not before[:-1].rstrip()[-1:].isdigit():
            raise _participants_error(value, "ติดลบ (negative head-count)")
    for a, b in zip(found, found[1:], strict=False):
        if _JOINED.fullmatch(text[a.end() : b.start()]):
            raise _participants_error(
                value,
                f"มีตัวเลขหลายจำนวนติดกัน '{text[a.start() : b.end()]}' ไม่ชัดว่ากี่คน"
                " (several numbers: write one, e.g. 1,500 or 1500)",
            )
    if len(found) > 1:
        # "กว่า 70 คน จาก 6 จังหวัด": the number of people is the one followed by คน.
        people = [m for m in found if _PEOPLE.match(text, m.end())]
        if len(people) != 1:
            raise _participants_error(
                value, "มีตัวเลขหลายจำนวน ไม่ชัดว่ากี่คน (several numbers: which is the head-count?)"
            )
        found = people
    return int(found[0].group().replace(",", ""))


_AT_LEAST = re.compile(
    r"(?:ไม่ต่ำกว่า|ไม่น้อยกว่า|มากกว่า|เกินกว่า|อย่างน้อย|(?<!น้อย)(?<!ต่ำ)กว่า"
    r"|over|more\s+than|at\s+least)\s*\d",
    re.IGNORECASE,
)


def at_least(note: str | None) -> bool:
    """True for a head-count written as a lower bound: "กว่า 70 คน", "จำนวนกว่า 70 คน",
    "more than 70" (not "น้อยกว่า 70")."""
    return bool(note and _AT_LEAST.search(note))


def parse_batch(value: Any) -> str | None:
    """รุ่นที่: "3", "๓", "รุ่นที่ 3" → "3"; other text is kept as written."""
    from netcli.thai.digits import to_arabic

    text = clean_text(value)
    if not text:
        return None
    return _BATCH_WORDS.sub("", to_arabic(text)).strip() or None


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple)) else [value]
    out: list[str] = []
    for item in items:
        text = clean_text(item)
        if text and text not in out:
            out.append(text)
    return out


def prepare(
    conn: sqlite3.Connection,
    raw: Mapping[str, Any],
    *,
    partial: bool = False,
    today: date | None = None,
) -> Prepared:
    """Validate meeting fields (INPUT_FIELDS); title and date are required unless ``partial``."""
    unknown = set(raw) - set(INPUT_FIELDS)
    if unknown:
        raise ValidationError(
            f"ไม่รู้จักช่อง {', '.join(sorted(unknown))} (unknown field)",
            code="unknown-field",
            field=sorted(unknown)[0],
        )
    out: dict[str, Any] = {}
    warnings: list[str] = []
    if "title" in raw or not partial:
        title = clean_text(raw.get("title"))
        if not title:
            raise ValidationError(
                "ชื่อการประชุมว่าง (the title is empty)", code="missing-value", field="title"
            )
        out["title"] = title
    if "date" in raw or not partial:
        if raw.get("date") is None or (isinstance(raw["date"], str) and not raw["date"].strip()):
            raise ValidationError(
                "ไม่มีวันที่ (the date is missing)",
                code="missing-value",
                field="date",
                hint="เช่น --date '13 มิถุนายน 2562' หรือ --date '29 – 31 มีนาคม 2564'"
                " (for example --date '13 มิถุนายน 2562', --date '29 – 31 มีนาคม 2564' or --date 2019-06-13)",
            )
        from netcli.thai.partial_dates import parse_partial_date

        try:
            when = parse_partial_date(raw["date"], today=today, warnings=warnings)
        except ValidationError as exc:
            exc.field = "date"  # the field as given (--date), whatever the parser calls it
            raise
        out["start_date"], out["end_date"] = when.start.isoformat(), when.end.isoformat()
        out["date_precision"] = when.precision
        out["date_approximate"] = int(when.approximate)
        if when.precision == "day" and not when.approximate:
            # "13, 14 และ 16 มิ.ย. 62": the meeting's days are the listed ones, not the span.
            from netcli.thai.dates import read_date

            try:
                days = read_date(raw["date"], today=today).days
            except ValidationError:
                days = ()
            if days and len(days) != (when.end - when.start).days + 1:
                out["days"] = [d.isoformat() for d in days]
    if raw.get("kind") is not None:
        out["kind"] = canonical_kind(raw["kind"])
    elif not partial and out.get("title"):
        out["kind"] = kind_from_title(out["title"])
    if "batch" in raw:
        out["batch"] = parse_batch(raw["batch"])
    for key in _TEXT_COLUMNS:
        if key in raw:
            out[key] = clean_text(raw[key])
    for key in ("organizers", "co_organizers", "speakers"):
        if key in raw:
            out[key] = json_list(_list(raw[key]))
    if "covers" in raw:
        out["covers"] = resolve_covers(conn, raw["covers"])
    if "participants" in raw:
        out["participants"], out["participants_note"] = parse_participants(raw["participants"])
        out["participants_at_least"] = int(at_least(out["participants_note"]))
    if "budget" in raw:
        if raw["budget"] is None or (isinstance(raw["budget"], str) and not raw["budget"].strip()):
            out["budget_satang"] = None
        else:
            from netcli.thai.money import parse_baht

            out["budget_satang"] = parse_baht(raw["budget"])
    if "network" in raw:
        from netcli.store.resolve import network_id

        out["network_id"] = network_id(conn, raw["network"]) if clean_text(raw["network"]) else None
    if any(raw.get(k) is not None for k in ("subdistrict", "district", "province")):
        from netcli.thai.places import resolve_place

        try:
            place = resolve_place(
                subdistrict=clean_text(raw.get("subdistrict")),
                district=clean_text(raw.get("district")),
                province=clean_text(raw.get("province")),
            )
        except ValidationError as exc:
            _region_hint(conn, exc, raw.get("province"))
            raise
        out.update(place.columns())
        warnings.extend(place.warnings)
    return Prepared(out, warnings)


def _region_hint(conn: sqlite3.Connection, exc: ValidationError, province: Any) -> None:
    """--province given a region: say that --covers is where a region goes."""
    text = clean_text(province)
    if not text or exc.field not in (None, "province"):
        return
    from netcli.errors import NetcliError
    from netcli.networks.regions import find_region

    try:
        region = find_region(conn, text)
    except NetcliError:
        return
    exc.hint = (
        f"'{region.name}' เป็นภาค/กลุ่มจังหวัด: ใช้ --covers '{region.name}' (a region is covered, not a host"
        " province; --province is where it was held and may be left out)"
    )


# --- reading -----------------------------------------------------------------------------


def days_of(conn: sqlite3.Connection, meeting: int) -> list[date]:
    return [
        date.fromisoformat(r[0])
        for r in conn.execute(
            "SELECT day FROM meeting_days WHERE meeting_id = ? ORDER BY day", (meeting,)
        )
    ]


def covers_regions_of(conn: sqlite3.Connection, meeting: int) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT via_region FROM meeting_coverage WHERE meeting_id = ? AND via_region IS NOT NULL"
            " GROUP BY via_region ORDER BY min(id)",
            (meeting,),
        )
    ]


def presentations_of(conn: sqlite3.Connection, meeting: int) -> list[dict[str, Any]]:
    """Who presented (role ผู้นำเสนอ) and what: province, name, position, organization, topic."""
    rows = conn.execute(
        "SELECT a.member_id, min(a.id) AS first, max(a.topic) AS topic, m.full_name, m.role,"
        " m.organization, m.subdistrict, m.district, m.province FROM attendance a"
        " JOIN members m ON m.id = a.member_id WHERE a.meeting_id = ? AND a.role = ?"
        " GROUP BY a.member_id ORDER BY first",
        (meeting, PRESENTER),
    ).fetchall()
    return [
        {
            "member_id": r["member_id"],
            "full_name": r["full_name"],
            "province": r["province"],
            "district": r["district"],
            "subdistrict": r["subdistrict"],
            "role": r["role"],
            "organization": r["organization"],
            "topic": r["topic"],
        }
        for r in rows
    ]


def _baht(satang: int | None) -> float | None:
    return None if satang is None else round(satang / 100, 2)


def _network_name(conn: sqlite3.Connection, nid: int | None) -> str | None:
    if nid is None:
        return None
    row = conn.execute("SELECT name FROM networks WHERE id = ?", (nid,)).fetchone()
    return row[0] if row else None


def _date_th(
    start: str,
    end: str,
    *,
    short: bool = False,
    precision: str | None = "day",
    approximate: Any = False,
) -> str:
    from netcli.thai.partial_dates import format_stored

    return format_stored(start, end, precision, approximate, short=short)


def date_th_of(row: Mapping[str, Any], *, short: bool = False) -> str:
    """What is known of a meeting's date: "ปี 2557", "22–23 มิถุนายน 2567" (never an invented day)."""
    return _date_th(
        row["start_date"],
        row["end_date"],
        short=short,
        precision=row["date_precision"],
        approximate=row["date_approximate"],
    )


# The keys of one meeting (``get``) and of a meeting in a listing (``list_meetings``), in order.
RECORD_FIELDS = (
    "id", "uid", "title", "kind", "start_date", "end_date", "date_precision",
    "date_approximate", "date_th", "start_time", "end_time", "session", "minute_taker",
    "agenda", "absentees", "batch", "venue", "subdistrict",
    "district", "province", "subdistrict_code", "district_code", "province_code", "covers",
    "covers_regions", "organizers", "co_organizers", "chair", "speakers", "participants",
    "participants_note", "participants_at_least", "attendees", "attendees_by_day",
    "attendance", "presentations", "budget_baht", "funding_source", "outcomes", "actions",
    "network", "notes", "created_at", "updated_at",
)  # fmt: skip
LIST_FIELDS = (
    "id", "uid", "title", "kind", "start_date", "end_date", "date_precision",
    "date_approximate", "date_th", "batch", "venue", "subdistrict", "district", "province",
    "province_code", "covers", "participants", "participants_note", "participants_at_least",
    "attendees", "budget_baht", "funding_source", "network",
)  # fmt: skip


def get(conn: sqlite3.Connection, ref: str | int, *, today: date | None = None) -> dict[str, Any]:
    """One meeting as JSON (product.md field names), with attendance per day and actions."""
    from netcli.meetings import actions, minutes

    mid = meeting_id(conn, ref)
    row = conn.execute("SELECT * FROM meetings WHERE id = ?", (mid,)).fetchone()
    recorded = minutes.get(conn, mid)
    by_day: list[dict[str, Any]] = []
    dated = row["date_precision"] == "day"
    for d in days_of(conn, mid):
        people = [
            {
                "id": r["member_id"],
                "full_name": r["full_name"],
                "role": r["role"],
                "topic": r["topic"],
            }
            for r in conn.execute(
                "SELECT a.member_id, a.role, a.topic, m.full_name FROM attendance a JOIN members m"
                " ON m.id = a.member_id WHERE a.meeting_id = ? AND a.day = ? ORDER BY a.id",
                (mid, d.isoformat()),
            )
        ]
        by_day.append(
            {"day": d.isoformat() if dated else None, "count": len(people), "members": people}
        )
    attendees = conn.execute(
        "SELECT count(DISTINCT member_id) FROM attendance WHERE meeting_id = ?", (mid,)
    ).fetchone()[0]
    outcomes = [
        r[0]
        for r in conn.execute("SELECT text FROM outcomes WHERE meeting_id = ? ORDER BY id", (mid,))
    ]
    return {
        "id": row["id"],
        "uid": row["uid"],
        "title": row["title"],
        "kind": row["kind"],
        "start_date": row["start_date"],
        "end_date": row["end_date"],
        "date_precision": row["date_precision"],
        "date_approximate": bool(row["date_approximate"]),
        "date_th": date_th_of(row),
        # รายงานการประชุม fields (meeting_minutes, agenda_items, absences; meetings.minutes):
        # เริ่ม/เลิกประชุมเวลา from --start-time/--end-time or the --date text, ครั้งที่ N/ปี as
        # recorded (null when not), the minute-taker, the agenda with มติ, the absentees.
        "start_time": recorded["start_time"],
        "end_time": recorded["end_time"],
        "session": recorded["session"],
        "minute_taker": recorded["minute_taker"],
        "agenda": recorded["agenda"],
        "absentees": recorded["absentees"],
        "batch": row["batch"],
        "venue": row["venue"],
        "subdistrict": row["subdistrict"],
        "district": row["district"],
        "province": row["province"],
        "subdistrict_code": row["subdistrict_code"],
        "district_code": row["district_code"],
        "province_code": row["province_code"],
        "covers": covers_of(conn, "meeting", mid),
        "covers_regions": covers_regions_of(conn, mid),
        "organizers": from_json_list(row["organizers"]),
        "co_organizers": from_json_list(row["co_organizers"]),
        "chair": row["chair"],
        "speakers": from_json_list(row["speakers"]),
        "participants": row["participants"],
        "participants_note": row["participants_note"],
        "participants_at_least": bool(row["participants_at_least"]),
        "attendees": attendees,
        "attendees_by_day": by_day,
        "attendance": _attendance(conn, mid),
        "presentations": presentations_of(conn, mid),
        "budget_baht": _baht(row["budget_satang"]),
        "funding_source": row["funding_source"],
        "outcomes": outcomes,
        "actions": actions.list_actions(conn, meeting=mid, today=today),
        "network": _network_name(conn, row["network_id"]),
        "notes": row["notes"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }


def _attendance(conn: sqlite3.Connection, mid: int) -> list[dict[str, Any]]:
    """One entry per member: role and topic at the meeting, and the days attended."""
    out: dict[int, dict[str, Any]] = {}
    for r in conn.execute(
        "SELECT a.member_id, a.role, a.topic, a.day, m.full_name FROM attendance a"
        " JOIN members m ON m.id = a.member_id WHERE a.meeting_id = ? ORDER BY a.id",
        (mid,),
    ):
        entry = out.setdefault(
            r["member_id"],
            {
                "id": r["member_id"],
                "full_name": r["full_name"],
                "role": r["role"],
                "topic": r["topic"],
                "days": [],
            },
        )
        entry["days"].append(r["day"])
        if r["topic"] and not entry["topic"]:
            entry["topic"] = r["topic"]
    return list(out.values())


@dataclass
class MeetingFilter:
    province: str | None = None
    region: str | None = None  # held in, or covering, any province of the region
    network: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    fiscal_year: str | None = None
    kind: str | None = None


def period(
    date_from: str | None, date_to: str | None, fiscal_year: str | None = None
) -> tuple[date | None, date | None]:
    """--from/--to/--fiscal-year as dates (a range given to --from starts at its first day)."""
    from netcli.thai.dates import fiscal_year_range, parse_date_range

    start = end = None
    if fiscal_year:
        start, end = fiscal_year_range(fiscal_year)
    if date_from:
        d = parse_date_range(date_from)[0]
        start = max(start, d) if start else d
    if date_to:
        d = parse_date_range(date_to)[1]
        end = min(end, d) if end else d
    if start and end and end < start:
        raise ValidationError(
            "--until อยู่ก่อน --since (the period ends before it starts)", code="bad-date", field="to"
        )
    return start, end


def _where(conn: sqlite3.Connection, f: MeetingFilter) -> tuple[str, list[Any]]:
    clauses = ["mt.deleted_at IS NULL"]
    params: list[Any] = []
    if f.province:
        from netcli.thai.places import resolve_province

        code = resolve_province(f.province)[1]
        clauses.append(
            "mt.id IN (SELECT id FROM meetings WHERE province_code = ?"
            " UNION SELECT meeting_id FROM meeting_coverage WHERE province_code = ?)"
        )
        params.extend([code, code])
    if f.region:
        from netcli.networks.regions import region_codes

        codes = region_codes(conn, f.region)
        marks = ", ".join("?" for _ in codes)
        clauses.append(
            f"mt.id IN (SELECT id FROM meetings WHERE province_code IN ({marks})"
            f" UNION SELECT meeting_id FROM meeting_coverage WHERE province_code IN ({marks}))"
        )
        params.extend([*codes, *codes])
    if f.network:
        from netcli.networks.records import network_id, subtree_ids

        ids = subtree_ids(conn, network_id(conn, f.network))
        clauses.append(f"mt.network_id IN ({', '.join('?' for _ in ids)})")
        params.extend(ids)
    start, end = period(f.date_from, f.date_to, f.fiscal_year)
    sql, more = in_period_sql("mt", start, end)
    if sql:
        clauses.append(sql)
        params.extend(more)
    if f.kind:
        clauses.append("mt.kind = ?")
        params.append(canonical_kind(f.kind))
    return " WHERE " + " AND ".join(clauses), params


def in_period_sql(alias: str, start: date | None, end: date | None) -> tuple[str, list[Any]]:
    """A meeting known to the day is in a period when any of its days is; one known only to
    the month or year when all of it lies inside (it is never placed by a guessed day)."""
    if start is None and end is None:
        return "", []
    day_parts, partial_parts, params_day, params_partial = [], [], [], []
    if start:
        day_parts.append(f"{alias}.end_date >= ?")
        params_day.append(start.isoformat())
        partial_parts.append(f"{alias}.start_date >= ?")
        params_partial.append(start.isoformat())
    if end:
        day_parts.append(f"{alias}.start_date <= ?")
        params_day.append(end.isoformat())
        partial_parts.append(f"{alias}.end_date <= ?")
        params_partial.append(end.isoformat())
    sql = (
        f"(({alias}.date_precision = 'day' AND {' AND '.join(day_parts)})"
        f" OR ({alias}.date_precision != 'day' AND {' AND '.join(partial_parts)}))"
    )
    return sql, params_day + params_partial


def list_meetings(conn: sqlite3.Connection, f: MeetingFilter) -> list[dict[str, Any]]:
    """Live meetings matching the filter, in date order, with head-count and attendee count."""
    where, params = _where(conn, f)
    rows = conn.execute(
        "SELECT mt.*, n.name AS network,"
        " (SELECT count(DISTINCT a.member_id) FROM attendance a WHERE a.meeting_id = mt.id) AS attendees"
        f" FROM meetings mt LEFT JOIN networks n ON n.id = mt.network_id{where}"
        " ORDER BY mt.start_date, mt.end_date, mt.id",
        params,
    ).fetchall()
    covers: dict[int, list[str]] = {}
    for mid, name in conn.execute(
        "SELECT meeting_id, province FROM meeting_coverage ORDER BY meeting_id, id"
    ):
        covers.setdefault(mid, []).append(name)
    return [
        {
            "id": r["id"],
            "uid": r["uid"],
            "title": r["title"],
            "kind": r["kind"],
            "start_date": r["start_date"],
            "end_date": r["end_date"],
            "date_precision": r["date_precision"],
            "date_approximate": bool(r["date_approximate"]),
            "date_th": date_th_of(r),
            "batch": r["batch"],
            "venue": r["venue"],
            "subdistrict": r["subdistrict"],
            "district": r["district"],
            "province": r["province"],
            "province_code": r["province_code"],
            "covers": covers[r["id"]] if r["id"] in covers else [],
            "participants": r["participants"],
            "participants_note": r["participants_note"],
            "participants_at_least": bool(r["participants_at_least"]),
            "attendees": r["attendees"],
            "budget_baht": _baht(r["budget_satang"]),
            "funding_source": r["funding_source"],
            "network": r["network"],
        }
        for r in rows
    ]


# --- writing (call inside netcli.store.db.write) ------------------------------------------------


def _span(start: str, end: str, precision: str | None = "day") -> list[date]:
    """The days attendance is recorded on: every day of a meeting known to the day; one
    row (its first bound) for a meeting known only to the month or year."""
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    if precision not in (None, "day"):
        return [first]
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _add_days(conn: sqlite3.Connection, mid: int, days: Iterable[date]) -> None:
    for d in days:
        conn.execute(
            "INSERT OR IGNORE INTO meeting_days (meeting_id, day) VALUES (?, ?)",
            (mid, d.isoformat()),
        )


def find_existing(conn: sqlite3.Connection, title: str, start_date: str) -> int | None:
    """A live meeting with this title on this first day (the same meeting logged twice)."""
    row = conn.execute(
        "SELECT id FROM meetings WHERE title = ? AND start_date = ? AND deleted_at IS NULL",
        (title, start_date),
    ).fetchone()
    return int(row[0]) if row else None


def log(
    conn: sqlite3.Connection,
    prepared: Prepared,
    *,
    outcomes: Iterable[str] = (),
    attendees: Iterable[str | int] = (),
    allow_duplicate: bool = False,
) -> int:
    """Insert a meeting with one meeting_days row per day, its outcomes and attendees."""
    values = dict(prepared.values)
    covers = values.pop("covers", None)
    if not allow_duplicate:
        existing = find_existing(conn, values["title"], values["start_date"])
        if existing is not None:
            raise Duplicate(
                f"มีการประชุมนี้แล้ว: #{existing} (the same title on the same day is meeting {existing})",
                code="duplicate-meeting",
                existing_id=existing,
                hint="ใช้ --allow-duplicate ถ้าเป็นคนละการประชุม (use --allow-duplicate if it is another one)",
            )
    listed = values.pop("days", None)  # a list of days with gaps (prepare)
    mid = insert_row(conn, "meetings", values)
    _add_days(
        conn,
        mid,
        [date.fromisoformat(d) for d in listed]
        if listed
        else _span(values["start_date"], values["end_date"], values.get("date_precision")),
    )
    if covers:
        set_covers(conn, "meeting", mid, covers)
    add_outcomes(conn, mid, outcomes)
    from netcli.store.resolve import live_member

    for ref in attendees:
        attend(conn, mid, live_member(conn, ref))
    return mid


def add_outcomes(conn: sqlite3.Connection, meeting: int, texts: Iterable[str]) -> int:
    n = 0
    for text in texts:
        cleaned = clean_text(text)
        if cleaned:
            insert_row(conn, "outcomes", {"meeting_id": meeting, "text": cleaned})
            n += 1
    return n


def attend(
    conn: sqlite3.Connection,
    meeting: int,
    member: int,
    *,
    day: date | None = None,
    role: str | None = None,
    topic: str | None = None,
) -> int:
    """Record a member at a meeting (every day by default); returns attendance rows added.

    Idempotent: a day already recorded is not added again (its role and topic change if
    given). A day outside the meeting is a ValidationError. ``topic`` is what a presenter
    (ผู้นำเสนอ) presented.
    """
    days = days_of(conn, meeting)
    if day is not None:
        precision = conn.execute(
            "SELECT date_precision FROM meetings WHERE id = ?", (meeting,)
        ).fetchone()[0]
        if precision != "day":
            raise ValidationError(
                "การประชุมนี้ไม่ทราบวันที่แน่นอน บันทึกรายวันไม่ได้ (the meeting's days are not known;"
                " leave out --day)",
                field="day",
                value=day.isoformat(),
            )
        if day not in days:
            from netcli.thai.dates import format_date, format_date_range

            span = format_date_range(days[0], days[-1]) if days else "-"
            raise ValidationError(
                f"วันที่ {format_date(day)} ไม่อยู่ในช่วงการประชุม ({span}) (the day is outside the meeting)",
                code="bad-date",
                field="day",
                value=day.isoformat(),
            )
        days = [day]
    if conn.execute("SELECT 1 FROM members WHERE id = ?", (member,)).fetchone() is None:
        raise NotFound(f"ไม่พบสมาชิก '{member}' (no such member)")
    chosen = canonical_role(role) if role is not None else None
    subject = clean_text(topic)
    added = 0
    for d in days:
        row = conn.execute(
            "SELECT id, role, topic FROM attendance WHERE meeting_id = ? AND day = ? AND member_id = ?",
            (meeting, d.isoformat(), member),
        ).fetchone()
        if row is None:
            insert_row(
                conn,
                "attendance",
                {
                    "meeting_id": meeting,
                    "day": d.isoformat(),
                    "member_id": member,
                    "role": chosen or DEFAULT_ROLE,
                    "topic": subject,
                },
            )
            added += 1
        else:
            changes: dict[str, Any] = {}
            if chosen and row["role"] != chosen:
                changes["role"] = chosen
            if subject and row["topic"] != subject:
                changes["topic"] = subject
            update_row(conn, "attendance", int(row["id"]), changes)
    return added


def unattend(
    conn: sqlite3.Connection, meeting: int, member: int, *, day: date | None = None
) -> int:
    """Take attendance rows away (one day or all); returns the number removed."""
    if day is None:
        cur = conn.execute(
            "DELETE FROM attendance WHERE meeting_id = ? AND member_id = ?", (meeting, member)
        )
    else:
        cur = conn.execute(
            "DELETE FROM attendance WHERE meeting_id = ? AND member_id = ? AND day = ?",
            (meeting, member, day.isoformat()),
        )
    return cur.rowcount


@dataclass
class Attendance:
    """What ``meeting attend`` did: attendance rows (member × day) added or removed."""

    meeting: int
    added: int
    removed: int


def record_attendance(
    conn: sqlite3.Connection,
    meeting: str | int,
    members: Iterable[str | int],
    *,
    day: date | None = None,
    role: str | None = None,
    topic: str | None = None,
    remove: bool = False,
) -> Attendance:
    """Record (or with ``remove`` take away) the attendance of members: ids, uids or names,
    removed members refused; every day of the meeting unless ``day``."""
    from netcli.store.resolve import live_member

    mid = meeting_id(conn, meeting)
    if role is not None:
        canonical_role(role)  # refused before anything is written
    n = 0
    for ref in members:
        member = live_member(conn, ref)
        if remove:
            n += unattend(conn, mid, member, day=day)
        else:
            n += attend(conn, mid, member, day=day, role=role, topic=topic)
    return Attendance(mid, added=0 if remove else n, removed=n if remove else 0)


@dataclass
class EditResult:
    changes: dict[str, tuple[Any, Any]]
    moved_days: int = 0
    dropped_attendance: int = 0
    outcomes_added: int = 0


def edit(
    conn: sqlite3.Connection,
    ref: str | int,
    raw: Mapping[str, Any],
    *,
    clear: Iterable[str] = (),
    outcomes: Iterable[str] = (),
    force: bool = False,
) -> EditResult:
    """Change a meeting. New dates keep attendance: a meeting moved with the same number of
    days carries its attendance along day by day; days cut off that have attendance are
    refused unless ``force`` (then that attendance is dropped).
    """
    mid = meeting_id(conn, ref)
    row = conn.execute("SELECT * FROM meetings WHERE id = ?", (mid,)).fetchone()
    raw = dict(raw)
    if any(raw.get(k) is not None for k in ("subdistrict", "district", "province")):
        # A place is resolved as a whole: the parts not given come from the record, except a
        # subdistrict when its district or province changes.
        for key in ("province", "district", "subdistrict"):
            if raw.get(key) is None and row[key]:
                if key == "subdistrict" and (raw.get("district") or raw.get("province")):
                    continue
                if key == "district" and raw.get("province"):
                    continue
                raw[key] = row[key]
    prepared = prepare(conn, raw, partial=True)
    values = dict(prepared.values)
    covers = values.pop("covers", None)
    values.pop("days", None)  # a re-dated meeting keeps the span (meeting attend --day for gaps)
    for name in clear:
        if name not in CLEARABLE:
            raise ValidationError(
                f"ล้างช่อง '{name}' ไม่ได้ (cannot clear); ใช้ได้: {', '.join(CLEARABLE)}",
                code="unknown-field",
                field="clear",
                value=name,
            )
        if name == "place":
            values.update(
                dict.fromkeys(
                    (
                        "province",
                        "province_code",
                        "district",
                        "district_code",
                        "subdistrict",
                        "subdistrict_code",
                    )
                )
            )
        elif name == "participants":
            values.update(participants=None, participants_note=None)
        elif name == "budget":
            values["budget_satang"] = None
        elif name == "network":
            values["network_id"] = None
        elif name == "covers":
            covers = []
        elif name != "outcomes":
            values[name] = None
    changes = {k: v for k, v in values.items() if row[k] != v}
    result = EditResult({k: (row[k], v) for k, v in changes.items()})
    if "title" in changes or "start_date" in changes:
        existing = find_existing(
            conn, values.get("title", row["title"]), values.get("start_date", row["start_date"])
        )
        if existing is not None and existing != mid:
            raise Duplicate(
                f"มีการประชุมนี้แล้ว: #{existing} (same title and day)",
                code="duplicate-meeting",
                existing_id=existing,
            )
    if "start_date" in changes or "end_date" in changes or "date_precision" in changes:
        start = values.get("start_date", row["start_date"])
        end = values.get("end_date", row["end_date"])
        precision = values.get("date_precision", row["date_precision"])
        result.moved_days, result.dropped_attendance = _redate(
            conn, mid, row, start, end, force, precision
        )
    update_row(conn, "meetings", mid, changes)
    if covers is not None:
        before = covers_of(conn, "meeting", mid)
        if set_covers(conn, "meeting", mid, covers):
            result.changes["covers"] = (before, [name for name, _, _ in covers])
    if "outcomes" in clear:
        n = conn.execute("DELETE FROM outcomes WHERE meeting_id = ?", (mid,)).rowcount
        if n:
            result.changes["outcomes"] = (n, 0)
    result.outcomes_added = add_outcomes(conn, mid, outcomes)
    return result


def _redate(
    conn: sqlite3.Connection,
    mid: int,
    row: sqlite3.Row,
    start: str,
    end: str,
    force: bool,
    precision: str = "day",
) -> tuple[int, int]:
    """Move the meeting's days to start..end; returns (attendance rows moved, rows dropped)."""
    from netcli.thai.dates import format_date

    old = days_of(conn, mid) or _span(row["start_date"], row["end_date"], row["date_precision"])
    new = _span(start, end, precision)
    _add_days(conn, mid, new)
    moved = 0
    was_day = row["date_precision"] in (None, "day")
    if was_day != (precision == "day"):
        # Known to the day <-> known only to the month/year: whoever attended the meeting
        # attends it as now dated (every day, or the one row of an undated meeting).
        moved = _carry_attendance(conn, mid, old, new)
    elif len(old) == len(new) and old[0] != new[0]:
        # The same meeting on other dates (a typo fixed): attendance moves with its day.
        # Walk away from the direction of travel so no row lands on one not yet moved.
        shift = new[0] - old[0]
        pairs = sorted(zip(old, new, strict=True), reverse=shift.days > 0)
        for before, after in pairs:
            moved += conn.execute(
                "UPDATE attendance SET day = ?, updated_at = ? WHERE meeting_id = ? AND day = ?",
                (after.isoformat(), now_iso(), mid, before.isoformat()),
            ).rowcount
    gone = [d for d in old if d not in new]
    dropped = 0
    if gone:
        marks = ", ".join("?" for _ in gone)
        counts = conn.execute(
            f"SELECT day, count(*) FROM attendance WHERE meeting_id = ? AND day IN ({marks})"
            " GROUP BY day ORDER BY day",
            (mid, *(d.isoformat() for d in gone)),
        ).fetchall()
        dropped = sum(c[1] for c in counts)
        if dropped and not force:
            listed = ", ".join(
                f"{format_date(date.fromisoformat(c[0]))} ({c[1]} คน)" for c in counts
            )
            raise Refused(
                f"วันที่จะตัดออกมีการลงชื่อเข้าร่วมอยู่: {listed}"
                f" (attendance exists on {dropped} row(s) of the days being removed)",
                hint="ใช้ --force เพื่อลบการเข้าร่วมของวันเหล่านั้นด้วย (use --force to drop it)",
            )
        # Attendance of those days goes with them (ON DELETE CASCADE, logged by triggers).
        conn.execute(
            f"DELETE FROM attendance WHERE meeting_id = ? AND day IN ({marks})",
            (mid, *(d.isoformat() for d in gone)),
        )
        conn.execute(
            f"DELETE FROM meeting_days WHERE meeting_id = ? AND day IN ({marks})",
            (mid, *(d.isoformat() for d in gone)),
        )
    return moved, dropped


def _carry_attendance(conn: sqlite3.Connection, mid: int, old: list[date], new: list[date]) -> int:
    """Attendance on the old days carried to every new day (role and topic kept); the rows of
    old days not among the new ones are then removed with their days."""
    keep = {d.isoformat() for d in new}
    rows = conn.execute(
        "SELECT member_id, role, topic FROM attendance WHERE meeting_id = ? ORDER BY id", (mid,)
    ).fetchall()
    people: dict[int, tuple[str, str | None]] = {}
    for r in rows:
        people.setdefault(r["member_id"], (r["role"], r["topic"]))
    added = 0
    for member, (role, topic) in people.items():
        for d in keep:
            exists = conn.execute(
                "SELECT 1 FROM attendance WHERE meeting_id = ? AND day = ? AND member_id = ?",
                (mid, d, member),
            ).fetchone()
            if not exists:
                insert_row(
                    conn,
                    "attendance",
                    {
                        "meeting_id": mid,
                        "day": d,
                        "member_id": member,
                        "role": role,
                        "topic": topic,
                    },
                )
                added += 1
    gone = [d.isoformat() for d in old if d.isoformat() not in keep]
    if gone:
        marks = ", ".join("?" for _ in gone)
        conn.execute(
            f"DELETE FROM attendance WHERE meeting_id = ? AND day IN ({marks})", (mid, *gone)
        )
    return added


def remove(conn: sqlite3.Connection, ref: str | int) -> int:
    """Soft remove: gone from lists, the calendar and summaries; kept in history."""
    mid = meeting_id(conn, ref)
    update_row(conn, "meetings", mid, {"deleted_at": now_iso()})
    return mid
