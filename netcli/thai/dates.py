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
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal

from netcli.errors import ValidationError
from netcli.thai.digits import to_arabic, to_thai

__all__ = [
    "THAI_MONTHS",
    "THAI_MONTHS_ABBR",
    "fiscal_year",
    "fiscal_year_range",
    "format_date",
    "format_date_range",
    "parse_date",
    "parse_date_range",
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
        self.leading_words = re.compile(r"^(?:ตั้งแต่|ระหว่าง|from\s)\s*", re.IGNORECASE)
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
            f"วันที่ {_show(value)} อยู่นอกช่วงที่รองรับ (ค.ศ. {_MIN_CE}–{_MAX_CE})",
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
            f" ค.ศ. {_MIN_CE}–{_MAX_CE})",
            code="bad-date",
            field=field,
            value=token,
        )
    return ce


def _month_number(token: str, field: str = "date") -> int:
    key = _month_key(token)
    month = _MONTHS.get(key)
    if month is not None:
        return month
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


def parse_date(value: object, *, today: date | None = None) -> date:
    """Read one date from text, a date/datetime, or an Excel serial; else ValidationError.

    ``today`` fixes the century of two-digit years (default: date.today()).
    """
    try:
        return _read_date(value, today or date.today())
    except ValidationError as exc:
        exc.value = value  # the user's own input, not the parts it was split into
        raise


def _read_date(value: object, today: date) -> date:
    if isinstance(value, datetime):
        return _check_range(value.date(), value)
    if isinstance(value, date):
        return _check_range(value, value)
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


def parse_date_range(value: object, *, today: date | None = None) -> tuple[date, date]:
    """Read ``start – end`` (or one date, giving (d, d)); else ValidationError.

    The start may omit what it shares with the end: ``29–31 มีนาคม 2564``,
    ``30 มิ.ย. – 2 ก.ค. 2567``.  Separators: - – — ‐ −, ถึง, to, and ISO's ``/``.
    End before start, or more than 366 days inclusive, is refused.
    """
    try:
        return _read_range(value, today or date.today())
    except ValidationError as exc:
        exc.field, exc.value = "date_range", value
        raise


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
            hint="ใช้ ' – ' หรือ 'ถึง' คั่นระหว่างวันเริ่มและวันสิ้นสุด",
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
            f"ปีงบประมาณ {n} อยู่นอกช่วงที่รองรับ (พ.ศ. {_MIN_BE}–{_MAX_FISCAL_BE})",
            code="bad-fiscal-year",
            field=field,
            value=be_year,
        )
    ce = n - BE_OFFSET
    return date(ce - 1, 10, 1), date(ce, 9, 30)
