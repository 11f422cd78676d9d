"""Thai dates: read what people write, write what Thai readers expect, fiscal years.

Reading accepts Thai and English month names (full, abbreviated, with or without
dots), Thai digits, BE and CE years, numeric day/month/year, ISO, Excel date cells
and Excel serial numbers.  Writing always uses the Buddhist Era.

Year rules (design notes: product.md "Thai formatting rules", traps.md "Thai specifics"):

* four digits above 2400 are BE (BE − 543 = CE); 1900–2100 are CE;
* two digits are BE of the current BE century (relative to ``today``);
* ``พ.ศ.`` / ``ค.ศ.`` (and ``BE`` / ``CE`` / ``AD``) force the era;
* BE before 2484 (CE 1941) used the old calendar whose year began on 1 April:
  refused as out of scope.

Only stdlib is imported at module level: python-dateutil (English fallback) and
difflib (month-name suggestions) load on first use, because CLI start-up time is
measured.  pythainlp's ``thai_strptime`` is not used: in 5.4 it matches month
numbers by substring ("12" reads as January), ignores the BE/CE rule for
four-digit years and raises IndexError on text it cannot read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Literal

from netcli.errors import ValidationError
from netcli.thai.digits import to_arabic, to_thai

__all__ = [
    "DateReading",
    "THAI_MONTHS",
    "THAI_MONTHS_ABBR",
    "fiscal_year",
    "fiscal_year_range",
    "format_date",
    "format_date_range",
    "parse_date",
    "parse_date_range",
    "read_date",
]

THAI_MONTHS: tuple[str, ...] = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
THAI_MONTHS_ABBR: tuple[str, ...] = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
_ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Spoken short forms ("มีนา 64") and the very common ฏ-for-ฎ misspelling of July.
_THAI_MONTHS_SPOKEN = (
    "มกรา",
    "กุมภา",
    "มีนา",
    "เมษา",
    "พฤษภา",
    "มิถุนา",
    "กรกฎา",
    "สิงหา",
    "กันยา",
    "ตุลา",
    "พฤศจิกา",
    "ธันวา",
)

BE_OFFSET = 543
_MIN_BE = 2484  # 1 January 1941: from here on BE = CE + 543 for every day
_MIN_CE, _MAX_CE = 1900, 2100
_MAX_RANGE_DAYS = 366  # inclusive length; longer is almost surely a typo in a year
_MAX_INPUT = 120  # nobody writes a date this long; bounds regex and dateutil work
# Excel 1900 system: serial 1 = 1900-01-01 and Excel believes 1900-02-29 (serial 60)
# existed, so from serial 61 on the epoch is 1899-12-30.
_EXCEL_EPOCH = date(1899, 12, 30)
_MIN_SERIAL, _MAX_SERIAL = 10000, (date(_MAX_CE, 12, 31) - _EXCEL_EPOCH).days

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def _month_key(token: str) -> str:
    return re.sub(r"[\s.,]", "", token).lower()


def _build_month_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for i in range(12):
        for name in (
            THAI_MONTHS[i],
            THAI_MONTHS_ABBR[i],
            _THAI_MONTHS_SPOKEN[i],
            _ENGLISH_MONTHS[i],
            _ENGLISH_MONTHS[i][:3],
        ):
            table[_month_key(name)] = i + 1
    table.update({"กรกฏาคม": 7, "กรกฏา": 7, "sept": 9})
    return table


_MONTHS = _build_month_table()


class _Patterns:
    """Compiled regexes, built on first use (compiling them at import costs start-up time).

    ASCII [0-9] on purpose: every Unicode digit is made ASCII before matching.
    """

    def __init__(self) -> None:
        self.weekday_th = re.compile(
            r"(?:วัน)?(?:จันทร์|อังคาร|พุธ|พฤหัสบดี|พฤหัสฯ?|ศุกร์|เสาร์|อาทิตย์)(?:ที่)?|วันที่|ที่"
        )
        self.weekday_en = re.compile(
            r"(?<![a-z])(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
            r"|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)(?![a-z])\.?,?",
            re.IGNORECASE,
        )
        self.leading_words = re.compile(
            r"^(?:ตั้งแต่|ระหว่าง|เมื่อ|เริ่ม(?:ตั้งแต่)?|from\s)\s*", re.IGNORECASE
        )
        self.month_word = re.compile(r"เดือน\s*")
        # A time or time range after a date, as letters and invitations write it: "เวลา
        # 09.00-16.00 น.", "(09.00-16.00 น.)", "10.30 น.". Read only with a cue (เวลา, น.,
        # นาฬิกา or brackets): "10.06" alone could be part of a date.
        self.time_tail = re.compile(
            r"\s*(?P<open>\()?\s*(?:(?:ตั้งแต่|ระหว่าง)\s*)?(?P<word>เวลา)?\s*"
            r"(?P<h1>[0-9]{1,2})[.:](?P<m1>[0-9]{2})\s*(?P<u1>น\.?|นาฬิกา)?"
            r"(?:\s*(?:-|–|—|ถึง|to)\s*(?:เวลา\s*)?"
            r"(?P<h2>[0-9]{1,2})[.:](?P<m2>[0-9]{2})\s*(?P<u2>น\.?|นาฬิกา)?)?"
            r"\s*(?P<close>\))?\s*$",
            re.IGNORECASE,
        )
        self.list_sep = re.compile(r"\s*(?:,|และ|&|(?<![a-z])and(?![a-z]))\s*", re.IGNORECASE)
        self.year_word = re.compile(r"ปี(?=\s*[0-9])")
        self.era = re.compile(
            r"(?P<be>พ\.?\s?ศ\.?|(?<![a-z])b\.?\s?e\.?(?![a-z]))"
            r"|(?P<ce>ค\.?\s?ศ\.?|(?<![a-z])(?:c\.?\s?e|a\.?\s?d)\.?(?![a-z]))",
            re.IGNORECASE,
        )
        self.time = re.compile(
            r"(?:\s*เวลา)?(?:[\sT]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?"
            r"\s*(?:น\.?|นาฬิกา|am|pm|z|[+-][0-9]{2}:?[0-9]{2})?"
            r"|\s+[0-9]{1,2}[.:][0-9]{2}\s*น\.?)$",
            re.IGNORECASE,
        )
        self.serial = re.compile(r"^[0-9]{5}(?:\.[0-9]+)?$")
        self.iso = re.compile(r"^([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})$")
        self.dmy = re.compile(r"^([0-9]{1,2})\s*([-/.])\s*([0-9]{1,2})\s*\2\s*([0-9]+)$")
        self.d_month_y = re.compile(
            r"^([0-9]{1,2})(?:st|nd|rd|th)?[\s\-/,.]*([^0-9]+?)[\s\-/,.]*([0-9]+)$", re.IGNORECASE
        )
        self.month_d_y = re.compile(
            r"^([a-z]+)\.?\s*([0-9]{1,2})(?:st|nd|rd|th)?[\s,]*([0-9]+)$", re.IGNORECASE
        )
        self.en_month_word = re.compile(
            r"(?<![a-z])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE
        )
        self.four_digits = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")
        self.left_day = re.compile(r"^([0-9]{1,2})(?:st|nd|rd|th)?$", re.IGNORECASE)
        self.left_day_num_month = re.compile(r"^([0-9]{1,2})\s*[/.]\s*([0-9]{1,2})$")
        self.left_day_month = re.compile(
            r"^([0-9]{1,2})(?:st|nd|rd|th)?[\s\-/,.]*([^0-9]*[^0-9\s\-/,])[\s.,]*$", re.IGNORECASE
        )
        # Range separators; the dash is tried at every position, and a split only counts
        # when both sides read as dates, so the dashes inside 13-06-2562 never split it.
        self.range_sep = re.compile(
            r"\s*(?:ถึง|(?<![a-z])(?:to|until)(?![a-z])|[-–—‐‑−~/])\s*", re.IGNORECASE
        )
        self.fiscal = re.compile(r"^(?:ปีงบประมาณ|ปีงบ\.?|ปี)?\s*(?:พ\.?\s?ศ\.?)?\s*([0-9]+)$")


@lru_cache(maxsize=1)
def _rx() -> _Patterns:
    return _Patterns()


_EXAMPLES = "เช่น 13 มิถุนายน 2562, 13 มิ.ย. 62, 13/06/2562 หรือ 2019-06-13"


# ---------------------------------------------------------------------------
# lazy third-party imports (start-up time is measured)


@lru_cache(maxsize=1)
def _dateutil_parser():  # -> the dateutil.parser module
    from dateutil import parser

    return parser


# ---------------------------------------------------------------------------
# helpers


def _show(value: object) -> str:
    """The user's value for a message, cut short so a pasted paragraph stays readable."""
    if isinstance(value, (date, datetime)):
        text = value.isoformat()
    else:
        text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _not_a_date(value: object, field: str = "date") -> ValidationError:
    return ValidationError(
        f"อ่าน '{_show(value)}' เป็นวันที่ไม่ได้ (not a date)",
        code="bad-date",
        field=field,
        value=value,
        hint=_EXAMPLES,
    )


def _normalize(text: str) -> str:
    text = to_arabic(text.translate(_INVISIBLE))
    if not text.isascii() and any(c.isdecimal() and not c.isascii() for c in text):
        # Arabic-Indic, full-width, Lao... digits: int() would take them, our regexes
        # would not, so make every decimal digit ASCII.
        import unicodedata

        text = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)
    return re.sub(r"\s+", " ", text).strip()


def _strip_words(text: str) -> str:
    """Drop the words that carry no date: weekdays, ที่, ตั้งแต่, ปี."""
    text = _rx().weekday_th.sub(" ", text)
    text = _rx().weekday_en.sub(" ", text)
    text = _rx().year_word.sub(" ", text)
    text = _rx().month_word.sub(" ", text)  # "เดือนกรกฎาคม" in official letters
    text = re.sub(r"\s+", " ", text).strip()
    return _rx().leading_words.sub("", text).strip()


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _make_date(year: int, month: int, day: int, field: str = "date") -> date:
    """A date from CE parts, or a message that says which part is impossible."""
    if not 1 <= month <= 12:
        raise ValidationError(
            f"ไม่มีเดือนที่ {month} — เดือนต้องอยู่ระหว่าง 1–12 (month {month} is not 1–12)",
            code="bad-date",
            field=field,
            value=(day, month, year),
        )
    if not 1 <= day <= 31:
        raise ValidationError(
            f"ไม่มีวันที่ {day} — วันต้องอยู่ระหว่าง 1–31 (day {day} is not 1–31)",
            code="bad-date",
            field=field,
            value=(day, month, year),
        )
    last = _days_in_month(year, month)
    if day > last:
        raise ValidationError(
            f"วันที่ {day} ไม่มีในเดือน{THAI_MONTHS[month - 1]} {year + BE_OFFSET}"
            f" (เดือนนี้มี {last} วัน; {_ENGLISH_MONTHS[month - 1]} {year} has {last} days)",
            code="bad-date",
            field=field,
            value=(day, month, year),
        )
    return date(year, month, day)


def _check_range(d: date, value: object, field: str = "date") -> date:
    if not _MIN_CE <= d.year <= _MAX_CE:
        raise ValidationError(
            f"วันที่ {_show(value)} อยู่นอกช่วงที่รองรับ (ค.ศ. {_MIN_CE}–{_MAX_CE})"
            f" (date out of range {_MIN_CE}–{_MAX_CE} CE)",
            code="bad-date",
            field=field,
            value=value,
        )
    return d


def _be_to_ce(be: int, field: str = "date") -> int:
    if be < _MIN_BE:
        raise ValidationError(
            f"ปี พ.ศ. {be} อยู่ก่อน พ.ศ. {_MIN_BE} ซึ่งยังใช้ปฏิทินเก่า (ปีใหม่เริ่ม 1 เมษายน)"
            " จึงไม่รองรับ (before 1941 the Thai year began on 1 April; out of scope)",
            code="bad-date",
            field=field,
            value=be,
        )
    return be - BE_OFFSET


def _resolve_year(token: str, era: str | None, today: date, field: str = "date") -> int:
    """CE year for a written year token, applying the BE/CE rules of this module."""
    n = int(token)
    if len(token) == 2:
        if era == "CE":
            ce = today.year // 100 * 100 + n
        else:
            ce = _be_to_ce((today.year + BE_OFFSET) // 100 * 100 + n, field)
    elif len(token) == 4:
        if era == "BE" or (era is None and n > 2400):
            ce = _be_to_ce(n, field)
        elif era == "CE" or _MIN_CE <= n <= _MAX_CE:
            ce = n
        else:
            raise ValidationError(
                f"ปี {token} ไม่ใช่ทั้ง พ.ศ. (มากกว่า 2400) และ ค.ศ. ({_MIN_CE}–{_MAX_CE})"
                f" (year {token} is neither BE nor CE)",
                code="bad-date",
                field=field,
                value=token,
            )
    else:
        raise ValidationError(
            f"ปี '{_show(token)}' ต้องเขียน 2 หรือ 4 หลัก เช่น 62 หรือ 2562"
            " (write the year with 2 or 4 digits)",
            code="bad-date",
            field=field,
            value=token,
        )
    if not _MIN_CE <= ce <= _MAX_CE:
        raise ValidationError(
            f"ปี {token} อยู่นอกช่วงที่รองรับ (พ.ศ. {_MIN_BE}–{_MAX_CE + BE_OFFSET},"
            f" ค.ศ. {_MIN_CE}–{_MAX_CE}) (year out of range {_MIN_CE}–{_MAX_CE} CE)",
            code="bad-date",
            field=field,
            value=token,
        )
    return ce


class _MonthSlip(ValidationError):
    """A month name with a one-letter slip that only one month is that close to.

    Refused like any unknown month name by the strict readers; ``read_date`` (and the readers
    given a ``warnings`` list) read it as that month with a warning.
    """

    def __init__(self, message: str, *, token: str, month: int, **kwargs: object) -> None:
        super().__init__(message, **kwargs)  # type: ignore[arg-type]
        self.token = token
        self.month = month


def _slip_month(key: str) -> int | None:
    """The one month whose name *key* is a one-letter slip of ("พฤษจิกายน", "กุมภาพันธ")."""
    from netcli.thai.text import one_edit_apart, sound_skeleton

    if len(key) < 5:
        return None  # short forms (มค, jun) are too close to each other
    skeleton = sound_skeleton(key)
    months = {
        month
        for name, month in _MONTHS.items()
        if len(name) >= 5 and (one_edit_apart(key, name) or sound_skeleton(name) == skeleton)
    }
    return months.pop() if len(months) == 1 else None


def _month_number(token: str, field: str = "date") -> int:
    key = _month_key(token)
    month = _MONTHS.get(key)
    if month is not None:
        return month
    slip = _slip_month(key)
    if slip is not None:
        official = _ENGLISH_MONTHS[slip - 1] if key.isascii() else THAI_MONTHS[slip - 1]
        raise _MonthSlip(
            f"ไม่รู้จักชื่อเดือน '{_show(token.strip())}' (unknown month name)",
            token=token.strip(),
            month=slip,
            field=field,
            value=token,
            suggestion=official,
        )
    raise ValidationError(
        f"ไม่รู้จักชื่อเดือน '{_show(token.strip())}' (unknown month name)",
        code="bad-date",
        field=field,
        value=token,
        suggestion=_suggest_month(key),
        hint=None if _suggest_month(key) else "ชื่อเดือนเช่น มิถุนายน, มิ.ย., June",
    )


@lru_cache(maxsize=256)
def _suggest_month(key: str) -> str | None:
    """The nearest month name in the writer's script, when it is close enough."""
    if not key:
        return None
    import difflib  # only on the error path

    close = difflib.get_close_matches(key, list(_MONTHS), n=1, cutoff=0.6)
    if not close:
        return None
    month = _MONTHS[close[0]]
    return _ENGLISH_MONTHS[month - 1] if key.isascii() else THAI_MONTHS[month - 1]


def _excel_serial(serial: float, value: object, field: str = "date") -> date:
    if serial != serial or serial in (float("inf"), float("-inf")):
        raise _not_a_date(value, field)
    whole = int(serial)  # the fraction is the time of day
    if not _MIN_SERIAL <= whole <= _MAX_SERIAL:
        looks_like_year = 1900 <= whole <= 2700
        raise ValidationError(
            f"ตัวเลข {_show(value)} ไม่ใช่วันที่ของ Excel"
            + (" — ดูเหมือนเป็นปี ใส่วันและเดือนด้วย" if looks_like_year else "")
            + f" (Excel date serials are {_MIN_SERIAL}–{_MAX_SERIAL})",
            code="bad-date",
            field=field,
            value=value,
            hint=_EXAMPLES,
        )
    return _EXCEL_EPOCH + timedelta(days=whole)


# ---------------------------------------------------------------------------
# reading


def _take_era(text: str, field: str) -> tuple[str, str | None]:
    eras = {"BE" if m.group("be") else "CE" for m in _rx().era.finditer(text)}
    if len(eras) > 1:
        raise ValidationError(
            f"'{_show(text)}' มีทั้ง พ.ศ. และ ค.ศ. (both BE and CE given)",
            code="bad-date",
            field=field,
            value=text,
        )
    if not eras:
        return text, None
    return re.sub(r"\s+", " ", _rx().era.sub(" ", text)).strip(), eras.pop()


def _parse_one(text: str, today: date, field: str = "date") -> date | None:
    """One date from normalized text; None when the text is not shaped like a date.

    Raises ValidationError when it is shaped like one but impossible.
    """
    text = _rx().time.sub("", text).strip()
    text, era = _take_era(text, field)
    if not text:
        return None
    if _rx().serial.match(text):
        return _excel_serial(float(text), text, field)
    if m := _rx().iso.match(text):
        return _make_date(_resolve_year(m[1], era, today, field), int(m[3]), int(m[4]), field)
    if m := _rx().dmy.match(text):
        return _make_date(_resolve_year(m[4], era, today, field), int(m[3]), int(m[1]), field)
    if m := _rx().d_month_y.match(text):
        month = _month_number(m[2], field)
        return _make_date(_resolve_year(m[3], era, today, field), month, int(m[1]), field)
    if (m := _rx().month_d_y.match(text)) and _month_key(m[1]) in _MONTHS:
        month = _MONTHS[_month_key(m[1])]
        return _make_date(_resolve_year(m[3], era, today, field), month, int(m[2]), field)
    if text.isascii() and _rx().en_month_word.search(text) and _rx().four_digits.search(text):
        return _parse_english(text, era, today, field)
    return None


def _parse_english(text: str, era: str | None, today: date, field: str) -> date | None:
    """English word orders our patterns do not cover ("2019 June 13"), via dateutil."""
    parser = _dateutil_parser()
    try:
        # Parse twice with different defaults: a part that changes was not written.
        a = parser.parse(text, dayfirst=True, default=datetime(2001, 1, 1))
        b = parser.parse(text, dayfirst=True, default=datetime(2002, 2, 2))
    except Exception:  # third-party parser on user text: any failure means "no date"
        return None
    if (a.year, a.month, a.day) != (b.year, b.month, b.day):
        return None
    token = f"{a.year:04d}"
    if token not in _rx().four_digits.findall(text):
        return None  # dateutil guessed a year from two digits; ours are BE, its are CE
    return _make_date(_resolve_year(token, era, today, field), a.month, a.day, field)


def _parse_start(text: str, end: date, today: date, field: str) -> date | None:
    """The start of a range, which may borrow its month and year from the end."""
    if m := _rx().left_day.match(text):
        return _make_date(end.year, end.month, int(m[1]), field)
    if m := _rx().left_day_num_month.match(text):
        month = int(m[2])
    elif (m := _rx().left_day_month.match(text)) and not _rx().era.search(text):
        month = _month_number(m[2], field)
    else:
        return _parse_one(text, today, field)
    # "30 ธ.ค. – 2 ม.ค. 2567": the written year belongs to the end.
    year = end.year - 1 if month > end.month else end.year
    return _make_date(year, month, int(m[1]), field)


def _range_splits(
    text: str, today: date, field: str
) -> tuple[list[tuple[date, date]], ValidationError | None]:
    """Every way of splitting text at a separator that gives two dates."""
    found: list[tuple[date, date]] = []
    first_error: ValidationError | None = None
    for sep in _rx().range_sep.finditer(text):
        left, right = text[: sep.start()].strip(), text[sep.end() :].strip()
        if not left or not right:
            continue
        try:
            end = _parse_one(right, today, field)
            start = None if end is None else _parse_start(left, end, today, field)
        except ValidationError as exc:
            first_error = first_error or exc
            continue
        if start is not None and end is not None and (start, end) not in found:
            found.append((start, end))
    return found, first_error


def _prepare(value: str, field: str) -> str:
    if len(value) > _MAX_INPUT:
        raise ValidationError(
            f"ข้อความยาวเกินกว่าจะเป็นวันที่ ({len(value)} ตัวอักษร) (too long for a date)",
            code="bad-date",
            field=field,
            value=_show(value),
        )
    return _strip_words(_normalize(value))


@dataclass(frozen=True)
class DateReading:
    """What a date text says: its first and last day, the days themselves, times, warnings.

    ``days`` are the meeting's days: one date, every day of a range, or the days of a list
    ("13 และ 14 มิถุนายน 2562" → two days; "13, 14 และ 16" → three). ``start_time`` and
    ``end_time`` come from a time or time range written after the date ("เวลา 09.00-16.00 น.");
    a single time gives ``start_time`` only. ``warnings`` say what was read on trust (a month
    name with a slip, a day and month without a year).
    """

    start: date
    end: date
    days: tuple[date, ...]
    start_time: time | None = None
    end_time: time | None = None
    warnings: tuple[str, ...] = ()


def parse_date(
    value: object, *, today: date | None = None, warnings: list[str] | None = None
) -> date:
    """Read one date from text, a date/datetime, or an Excel serial; else ValidationError.

    ``today`` fixes the century of two-digit years and the meaning of วันนี้/พรุ่งนี้/เมื่อวาน
    (default: date.today()). A time after the date is read and dropped (``read_date`` keeps it).
    Forms that are read on trust (a misspelled month, a day and month without a year) are
    refused unless a ``warnings`` list is given: then they are read and the warning appended.
    """
    try:
        reading = _read_all(value, today or date.today(), "date", warnings is not None)
        if len(reading.days) > 1:
            raise ValidationError(
                f"'{_show(value)}' เป็นช่วงวันที่ ไม่ใช่วันเดียว (a date range, not one date)",
                field="date",
                value=value,
            )
    except ValidationError as exc:
        exc.field = "date" if exc.field == "date_range" else exc.field
        exc.value = value  # the user's own input, not the parts it was split into
        raise
    if warnings is not None:
        warnings.extend(reading.warnings)
    return reading.start


def read_date(value: object, *, today: date | None = None) -> DateReading:
    """Read a date, a range or a list of days as letters, invitations and rosters write them.

    Everything ``parse_date_range`` reads, and: leading words (เมื่อ, วันที่, ระหว่างวันที่,
    เริ่ม, ตั้งแต่ … ถึง …), "เดือน" before a month, a time or time range after the date (kept
    in ``start_time``/``end_time``), lists of days ("13 และ 14 มิถุนายน 2562", "13, 14 มิ.ย.
    62"), วันนี้/พรุ่งนี้/เมื่อวาน/today/tomorrow/yesterday, and with a warning a month name
    with a one-letter slip (พฤษจิกายน) or a day and month without a year (the nearest such
    date to ``today``). What cannot be read with certainty is refused with a reason
    (ValidationError, field "date").
    """
    try:
        return _read_all(value, today or date.today(), "date", True)
    except ValidationError as exc:
        exc.field = "date"
        exc.value = value
        raise


_RELATIVE = {
    "วันนี้": 0,
    "today": 0,
    "พรุ่งนี้": 1,
    "tomorrow": 1,
    "เมื่อวาน": -1,
    "เมื่อวานนี้": -1,
    "yesterday": -1,
}


def _take_times(text: str, field: str) -> tuple[str, time | None, time | None]:
    """(text without the time written after the date, start time, end time)."""
    m = _rx().time_tail.search(text)
    if m is None or m.start() == 0:
        return text, None, None
    cue = m["word"] or m["u1"] or m["u2"] or (m["open"] and m["close"])
    if not cue:
        return text, None, None
    if bool(m["open"]) != bool(m["close"]):
        return text, None, None
    start = _make_time(m["h1"], m["m1"], text, field)
    end = _make_time(m["h2"], m["m2"], text, field) if m["h2"] else None
    if end is not None and end <= start:
        raise ValidationError(
            f"เวลาเลิก {end:%H.%M} น. ไม่อยู่หลังเวลาเริ่ม {start:%H.%M} น. (end time before start)",
            field=field,
            value=text,
        )
    return text[: m.start()].strip(), start, end


def _make_time(hours: str, minutes: str, text: str, field: str) -> time:
    h, mi = int(hours), int(minutes)
    if h > 23 or mi > 59:
        raise ValidationError(
            f"เวลา {hours}.{minutes} น. ไม่มีจริง (not a time of day)", field=field, value=text
        )
    return time(h, mi)


def _all_days(start: date, end: date) -> tuple[date, ...]:
    return tuple(start + timedelta(days=i) for i in range((end - start).days + 1))


def _list_days(text: str, today: date, field: str) -> tuple[date, ...] | None:
    """The days of a list ("13 และ 14 มิถุนายน 2562", "13, 14 มิ.ย. 62"), or None.

    The last item is a whole date; the others borrow its month and year as a range's start
    does. The days must be in order and within a year.
    """
    stripped = _prepare(text, field)
    items = [p for p in _rx().list_sep.split(stripped) if p]
    if len(items) < 2:
        return None
    last = _parse_one(items[-1], today, field)
    if last is None:
        return None
    days: list[date] = []
    for item in items[:-1]:
        d = _parse_start(item, last, today, field)
        if d is None:
            return None
        days.append(d)
    days.append(last)
    if any(b <= a for a, b in zip(days, days[1:], strict=False)):
        raise ValidationError(
            f"วันที่ใน '{_show(text)}' ไม่เรียงกันหรือซ้ำกัน (the days are not in order)",
            field=field,
            value=text,
        )
    if (days[-1] - days[0]).days + 1 > _MAX_RANGE_DAYS:
        raise ValidationError(
            f"วันที่ใน '{_show(text)}' ห่างกันเกิน {_MAX_RANGE_DAYS} วัน (days more than a year apart)",
            field=field,
            value=text,
        )
    return tuple(days)


def _has_year(text: str) -> bool:
    """True when *text* has a number too long for a day: then a missing year is not the issue.

    (A text with a two-digit year that still failed stays refused too: "13 มิ.ย. 62 2569" is
    not a date either.)"""
    return any(len(n) > 2 for n in re.findall(r"[0-9]+", text))


def _read_all(value: object, today: date, field: str, lenient: bool) -> DateReading:
    if not isinstance(value, str):
        d = _read_date(value, today)
        return DateReading(d, d, (d,))
    text = _normalize(_prepare_length(value, field))
    text, start_time, end_time = _take_times(text, field)
    shift = _RELATIVE.get(text.casefold().replace(" ", ""))
    if shift is not None:
        d = today + timedelta(days=shift)
        return DateReading(d, d, (d,), start_time, end_time)
    warnings: list[str] = []
    for _ in range(3):  # each round corrects one misspelled month name
        try:
            days = _read_days(text, today, field)
            if days is None and lenient and not _has_year(text):
                days = _nearest_year(text, today, field, warnings)
            if days is None:
                raise _not_a_date(value, field)
        except _MonthSlip as slip:
            if not lenient or not slip.token or slip.token not in text:
                raise
            official = (
                _ENGLISH_MONTHS[slip.month - 1]
                if slip.token.isascii()
                else THAI_MONTHS[slip.month - 1]
            )
            text = text.replace(slip.token, f" {official} ", 1)
            warnings.append(
                f"ชื่อเดือน '{slip.token}' สะกดไม่ตรง — อ่านเป็น '{official}'"
                f" (month name read as {official})"
            )
            continue
        if len(days) == 1:
            warnings.extend(_weekday_slip(text, days[0]))
        return DateReading(days[0], days[-1], days, start_time, end_time, tuple(warnings))
    raise _not_a_date(value, field)


_THAI_WEEKDAYS = (
    ("จันทร์", "Monday"),
    ("อังคาร", "Tuesday"),
    ("พุธ", "Wednesday"),
    ("พฤหัส", "Thursday"),
    ("ศุกร์", "Friday"),
    ("เสาร์", "Saturday"),
    ("อาทิตย์", "Sunday"),
)


def _weekday_slip(text: str, day: date) -> list[str]:
    """A warning when the text names one weekday and the date falls on another ("วันพุธที่ 13
    มิถุนายน 2562" was a Thursday): the date is kept as written, and the person is told that
    one of the two is wrong."""
    named = {i for i, (th, _en) in enumerate(_THAI_WEEKDAYS) if f"วัน{th}" in text}
    if len(named) != 1 or day.weekday() in named:
        return []
    said, actual = _THAI_WEEKDAYS[named.pop()], _THAI_WEEKDAYS[day.weekday()]
    return [
        f"วันที่ {format_date(day)} ตรงกับวัน{actual[0]}{'บดี' if actual[0] == 'พฤหัส' else ''}"
        f" ไม่ใช่วัน{said[0]}{'บดี' if said[0] == 'พฤหัส' else ''} — เก็บวันที่ตามที่เขียน"
        f" ({day.isoformat()} was a {actual[1]}, not a {said[1]}: the date is kept as written)"
    ]


def _prepare_length(value: str, field: str) -> str:
    _prepare(value[: _MAX_INPUT + 1], field)  # refuses text too long for a date
    return value


def _read_days(text: str, today: date, field: str) -> tuple[date, ...] | None:
    """The days *text* names (one date, a range, a list), None when it is not shaped like one.

    Raises ValidationError when it is shaped like a date but wrong."""
    try:
        start, end = _read_range(text, today)
    except _MonthSlip:
        raise
    except ValidationError as exc:
        days = _list_days(text, today, field)
        if days is not None:
            return days
        if "เป็นวันที่ไม่ได้" in exc.message:
            return None
        raise
    return _all_days(start, end)


def _nearest_year(
    text: str, today: date, field: str, warnings: list[str]
) -> tuple[date, ...] | None:
    """A day and month without a year: the nearest such date to *today*, with a warning."""
    be = today.year + BE_OFFSET
    found: list[tuple[int, tuple[date, ...]]] = []
    for year in (be - 1, be, be + 1):
        try:
            days = _read_days(f"{text} {year}", today, field)
        except ValidationError:
            continue  # 29 กุมภาพันธ์ in a year without it
        if days is not None:
            found.append((abs((days[0] - today).days), days))
    if not found:
        return None
    found.sort()
    days = found[0][1]
    warnings.append(
        f"'{_show(text)}' ไม่ได้ระบุปี — อ่านเป็น {format_date(days[0])} วันที่ใกล้วันนี้ที่สุด"
        f" (no year written: read as the nearest such date)"
    )
    return days


def _cell_date(value: date, field: str = "date") -> date:
    """A date cell's date. A Buddhist year typed into a Gregorian spreadsheet (13/6/2562 in
    Excel is the date 2562-06-13) is read as BE, as the same text would be."""
    if value.year > 2400:
        ce = _be_to_ce(value.year, field)
        try:
            return _check_range(value.replace(year=ce), value, field)
        except ValueError:  # 29 Feb of a BE year whose CE year has none
            raise ValidationError(
                f"วันที่ {_show(value)}: ปี พ.ศ. {value.year} (ค.ศ. {ce}) ไม่มีวันที่ 29 กุมภาพันธ์"
                f" (no 29 February in {ce})",
                code="bad-date",
                field=field,
                value=value,
            ) from None
    return _check_range(value, value, field)


def _read_date(value: object, today: date) -> date:
    if isinstance(value, datetime):
        return _cell_date(value.date())
    if isinstance(value, date):
        return _cell_date(value)
    if isinstance(value, bool):
        raise _not_a_date(value)
    if isinstance(value, (int, float)):
        return _excel_serial(value, value)
    if not isinstance(value, str):
        raise _not_a_date(value)
    text = _prepare(value, "date")
    result = _parse_one(text, today)
    if result is not None:
        return result
    found, _ = _range_splits(text, today, "date")
    if len(found) == 1 and found[0][0] != found[0][1]:
        raise ValidationError(
            f"'{_show(value)}' เป็นช่วงวันที่ ไม่ใช่วันเดียว (a date range, not one date)",
            code="bad-date",
            field="date",
            value=value,
        )
    raise _not_a_date(value)


def parse_date_range(
    value: object, *, today: date | None = None, warnings: list[str] | None = None
) -> tuple[date, date]:
    """Read ``start – end`` (or one date, giving (d, d)); else ValidationError.

    The start may omit what it shares with the end: ``29–31 มีนาคม 2564``,
    ``30 มิ.ย. – 2 ก.ค. 2567``.  Separators: - – — ‐ −, ถึง, to, and ISO's ``/``.
    End before start, or more than 366 days inclusive, is refused. A list of days ("13 และ 14
    มิถุนายน 2562") gives its first and last day (``read_date`` has the days themselves).
    With a ``warnings`` list, forms read on trust are accepted as in ``parse_date``.
    """
    try:
        reading = _read_all(value, today or date.today(), "date_range", warnings is not None)
    except ValidationError as exc:
        exc.field, exc.value = "date_range", value
        raise
    if warnings is not None:
        warnings.extend(reading.warnings)
    return reading.start, reading.end


def _read_range(value: object, today: date) -> tuple[date, date]:
    field = "date_range"
    if not isinstance(value, str):
        d = _read_date(value, today)
        return d, d
    text = _prepare(value, field)
    single_error: ValidationError | None = None
    try:
        single = _parse_one(text, today, field)
    except ValidationError as exc:
        single, single_error = None, exc
    if single is not None:
        return single, single
    found, split_error = _range_splits(text, today, field)
    if not found:
        raise single_error or split_error or _not_a_date(value, field)
    if len(found) > 1:
        raise ValidationError(
            f"'{_show(value)}' อ่านเป็นช่วงวันที่ได้หลายแบบ (ambiguous range)",
            code="bad-date",
            field=field,
            value=value,
            hint="ใช้ ' – ' หรือ 'ถึง' คั่นระหว่างวันเริ่มและวันสิ้นสุด"
            " (put ' – ' or 'ถึง' between the first and the last day)",
        )
    start, end = found[0]
    if end < start:
        raise ValidationError(
            f"วันสิ้นสุด {format_date(end)} อยู่ก่อนวันเริ่ม {format_date(start)} (end is before start)",
            code="bad-date",
            field=field,
            value=value,
        )
    days = (end - start).days + 1
    if days > _MAX_RANGE_DAYS:
        raise ValidationError(
            f"ช่วงวันที่ยาว {days} วัน เกิน {_MAX_RANGE_DAYS} วัน — พิมพ์ปีผิดหรือไม่?"
            f" (range of {days} days; is a year mistyped?)",
            code="bad-date",
            field=field,
            value=value,
        )
    return start, end


# ---------------------------------------------------------------------------
# writing

MonthStyle = Literal["full", "abbr"]


def _month_name(month: int, style: MonthStyle) -> str:
    return (THAI_MONTHS_ABBR if style == "abbr" else THAI_MONTHS)[month - 1]


def _year_text(year: int, short: bool) -> str:
    be = year + BE_OFFSET
    return f"{be % 100:02d}" if short else str(be)


def _finish(text: str, thai_digits: bool) -> str:
    return to_thai(text) if thai_digits else text


def format_date(
    d: date,
    *,
    short: bool = False,
    thai_digits: bool = False,
    month_style: MonthStyle | None = None,
) -> str:
    """``13 มิถุนายน 2562``; short: ``13 มิ.ย. 62``; ``month_style`` overrides the month."""
    if isinstance(d, datetime):
        d = d.date()
    style = month_style or ("abbr" if short else "full")
    text = f"{d.day} {_month_name(d.month, style)} {_year_text(d.year, short)}"
    return _finish(text, thai_digits)


def format_date_range(
    start: date,
    end: date,
    *,
    short: bool = False,
    thai_digits: bool = False,
    month_style: MonthStyle | None = None,
) -> str:
    """Write a range with shared month and year once.

    ``29–31 มีนาคม 2564`` · ``30 มิถุนายน – 2 กรกฎาคม 2567`` ·
    ``31 ธันวาคม 2566 – 2 มกราคม 2567``; one day gives one date.
    ``short=True`` abbreviates months and years (``30 มิ.ย. – 2 ก.ค. 67``);
    ``month_style="abbr"`` abbreviates months only (``30 มิ.ย. – 2 ก.ค. 2567``).
    Raises ValueError if end is before start (a caller's bug, not user input).
    """
    if isinstance(start, datetime):
        start = start.date()
    if isinstance(end, datetime):
        end = end.date()
    if end < start:
        raise ValueError(f"range end {end} is before start {start}")
    style = month_style or ("abbr" if short else "full")
    year = _year_text(end.year, short)
    if start == end:
        text = format_date(start, short=short, month_style=style)
    elif (start.year, start.month) == (end.year, end.month):
        text = f"{start.day}–{end.day} {_month_name(end.month, style)} {year}"
    elif start.year == end.year:
        text = (
            f"{start.day} {_month_name(start.month, style)}"
            f" – {end.day} {_month_name(end.month, style)} {year}"
        )
    else:
        text = (
            f"{format_date(start, short=short, month_style=style)}"
            f" – {format_date(end, short=short, month_style=style)}"
        )
    return _finish(text, thai_digits)


# ---------------------------------------------------------------------------
# fiscal year

_MAX_FISCAL_BE = _MAX_CE + BE_OFFSET + 1  # fiscal year of 31 Dec 2100


def fiscal_year(d: date) -> int:
    """Thai government fiscal year (BE) of a date: it starts on 1 October."""
    return d.year + BE_OFFSET + (1 if d.month >= 10 else 0)


def fiscal_year_range(be_year: int | str, *, today: date | None = None) -> tuple[date, date]:
    """First and last day of fiscal year BE N: 1 Oct (N−1) – 30 Sep N, as CE dates.

    Takes 2567, "2567", "๒๕๖๗", "ปีงบประมาณ 2567", "ปีงบ 67" (two digits: BE of the
    current century).  A CE year such as 2024 is refused: it is ambiguous.
    """
    field = "fiscal_year"
    if isinstance(be_year, bool) or not isinstance(be_year, (int, str)):
        raise ValidationError(
            f"ปีงบประมาณ '{_show(be_year)}' ไม่ใช่ปี พ.ศ. (not a fiscal year)",
            code="bad-fiscal-year",
            field=field,
            value=be_year,
        )
    text = str(be_year) if isinstance(be_year, int) else _normalize(be_year[:_MAX_INPUT])
    m = _rx().fiscal.match(text)
    if not m or len(m[1]) not in (2, 4):
        raise ValidationError(
            f"อ่าน '{_show(be_year)}' เป็นปีงบประมาณไม่ได้ เช่น 2567 หรือ ปีงบ 67 (not a fiscal year)",
            code="bad-fiscal-year",
            field=field,
            value=be_year,
        )
    n = int(m[1])
    if len(m[1]) == 2:
        n += ((today or date.today()).year + BE_OFFSET) // 100 * 100
    elif _MIN_CE <= n <= _MAX_CE:
        raise ValidationError(
            f"ปีงบประมาณต้องเป็น พ.ศ. — {n} ดูเหมือน ค.ศ. (fiscal year must be BE)",
            code="bad-fiscal-year",
            field=field,
            value=be_year,
            suggestion=str(n + BE_OFFSET),
        )
    if not _MIN_BE <= n <= _MAX_FISCAL_BE:
        raise ValidationError(
            f"ปีงบประมาณ {n} อยู่นอกช่วงที่รองรับ (พ.ศ. {_MIN_BE}–{_MAX_FISCAL_BE})"
            f" (fiscal year out of range {_MIN_BE}–{_MAX_FISCAL_BE} BE)",
            code="bad-fiscal-year",
            field=field,
            value=be_year,
        )
    ce = n - BE_OFFSET
    return date(ce - 1, 10, 1), date(ce, 9, 30)
