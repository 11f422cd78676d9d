"""Dates known only to the month, the year or the fiscal year, and approximate dates.

A news report may say only "ปี ๒๕๕๗", "ปีงบประมาณ 2557", "ก.ค. 2557" or "ประมาณ 13 มิ.ย. 2562".
Such a date is kept as its bounds (the first and last day it can mean) with its precision
(``day``, ``month``, ``year``, ``fiscal_year``) and whether it was approximate, and it is
written back as it was known — never with an invented day.

This module wraps :mod:`netcli.thai.dates` through its public functions (``parse_date``,
``parse_date_range``, ``fiscal_year_range``, ``format_date_range``): the year rules (BE/CE,
two-digit years, the 1941 limit) and the month names are decided there, once.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from netcli.errors import ValidationError

PRECISIONS = ("day", "month", "year", "fiscal_year")
BE_OFFSET = 543

_APPROX = re.compile(
    r"^(?:ประมาณ(?:วันที่)?|โดยประมาณ|ราว(?:ๆ|\s*ๆ)?(?:วันที่)?|ช่วง|circa|about|approx\.?|ca\.|~)\s*",
    re.IGNORECASE,
)
_FISCAL = re.compile(
    r"^(?:ปีงบประมาณ|ปีงบฯ?|ปีงบ|fiscal\s*year|fy)\s*(?:พ\.\s*ศ\.|พศ\.?)?\s*(\d{2}|\d{4})$",
    re.IGNORECASE,
)
_YEAR = re.compile(
    r"^(?:(?:ปี|year)\s*)?(?:(พ\.\s*ศ\.|พศ\.?|ค\.\s*ศ\.|คศ\.?)\s*)?(\d{4})$", re.IGNORECASE
)
_YEAR_SHORT = re.compile(r"^(?:ปี|year)\s*(?:(พ\.\s*ศ\.|พศ\.?)\s*)?(\d{2})$", re.IGNORECASE)
_MONTH_WORD = re.compile(r"^(?:เดือน)\s*")
_STARTS_WITH_DAY = re.compile(r"^(?:วัน\S*\s*)?(?:ที่\s*)?\d")


@dataclass(frozen=True)
class PartialDate:
    """A date as it was known: its bounds, precision and whether it was approximate."""

    start: date
    end: date
    precision: str = "day"
    approximate: bool = False

    def text(self, *, short: bool = False, thai_digits: bool = False) -> str:
        return format_partial_date(
            self.start,
            self.end,
            self.precision,
            self.approximate,
            short=short,
            thai_digits=thai_digits,
        )


def _arabic(text: str) -> str:
    from netcli.thai.digits import to_arabic

    return to_arabic(text)


def _year_ce(year_text: str, era: str | None, today: date | None) -> int:
    """CE year of a written year, by the rules of netcli.thai.dates (via a first of January)."""
    from netcli.thai.dates import parse_date

    era_text = ""
    if era:
        era_text = "ค.ศ. " if era.replace(" ", "").startswith(("ค", "ค.")) else "พ.ศ. "
    return parse_date(f"1 มกราคม {era_text}{year_text}", today=today).year


def parse_partial_date(
    value: object, *, today: date | None = None, warnings: list[str] | None = None
) -> PartialDate:
    """Read a date known to the day, month, year or fiscal year, possibly approximate.

    "13 มิถุนายน 2562", "29 – 31 มีนาคม 2564" (day); "ก.ค. 2557", "กรกฎาคม 2557" (month);
    "ปี 2557", "ปี ๒๕๕๗", "พ.ศ. 2557" (year); "ปีงบประมาณ 2557" (fiscal year);
    "ประมาณ 13 มิ.ย. 2562" (approximate). Anything else raises ValidationError. Given a
    ``warnings`` list, what ``thai.dates`` reads only on trust (a month name with a slip, a
    day and month without a year) is read and the warning appended.
    """
    from netcli.thai.dates import fiscal_year_range, parse_date, parse_date_range

    if isinstance(value, date) or not isinstance(value, str):
        start, end = parse_date_range(value, today=today, warnings=warnings)
        return PartialDate(start, end)
    text = " ".join(_arabic(value).split())
    approximate = False
    m = _APPROX.match(text)
    if m and m.end() < len(text):
        approximate = True
        text = text[m.end() :].strip()
    m = _FISCAL.match(text)
    if m:
        start, end = fiscal_year_range(m.group(1), today=today)
        return PartialDate(start, end, "fiscal_year", approximate)
    m = _YEAR.match(text) or _YEAR_SHORT.match(text)
    if m and (not text[:1].isdigit() or int(m.group(2)) > 1800):
        try:
            year = _year_ce(m.group(2), m.group(1), today)
        except ValidationError as exc:
            exc.value = value
            raise
        return PartialDate(date(year, 1, 1), date(year, 12, 31), "year", approximate)
    if not _STARTS_WITH_DAY.match(text):
        month_text = _MONTH_WORD.sub("", text)
        try:
            first = parse_date(f"1 {month_text}", today=today, warnings=warnings)
        except ValidationError:
            first = None
        if first is not None and first.day == 1:
            last = calendar.monthrange(first.year, first.month)[1]
            return PartialDate(first, first.replace(day=last), "month", approximate)
    start, end = parse_date_range(text, today=today, warnings=warnings)
    return PartialDate(start, end, "day", approximate)


def format_partial_date(
    start: date,
    end: date,
    precision: str = "day",
    approximate: bool = False,
    *,
    short: bool = False,
    thai_digits: bool = False,
) -> str:
    """What was known: "ปี 2557", "ก.ค. 2557", "ปีงบประมาณ 2557", "ประมาณ 13 มิ.ย. 2562"."""
    from netcli.thai.dates import THAI_MONTHS_ABBR, format_date_range

    if precision == "year":
        text = f"ปี {start.year + BE_OFFSET}"
    elif precision == "fiscal_year":
        text = f"ปีงบประมาณ {end.year + BE_OFFSET}"
    elif precision == "month":
        year = start.year + BE_OFFSET
        text = (
            f"{THAI_MONTHS_ABBR[start.month - 1]} {year % 100:02d}"
            if short
            else (f"{THAI_MONTHS_ABBR[start.month - 1]} {year}")
        )
    else:
        text = format_date_range(
            start, end, short=short, month_style="abbr" if approximate else None
        )
    if approximate:
        text = f"ประมาณ {text}"
    if thai_digits:
        from netcli.thai.digits import to_thai

        text = to_thai(text)
    return text


def format_stored(
    start: str | date,
    end: str | date,
    precision: str | None = "day",
    approximate: bool | int | None = False,
    *,
    short: bool = False,
    thai_digits: bool = False,
) -> str:
    """format_partial_date for values as the database keeps them (ISO text, 0/1)."""
    s = date.fromisoformat(start) if isinstance(start, str) else start
    e = date.fromisoformat(end) if isinstance(end, str) else end
    return format_partial_date(
        s, e, precision or "day", bool(approximate), short=short, thai_digits=thai_digits
    )


def inside(start: date, end: date, period_from: date | None, period_to: date | None) -> bool:
    """True when every day the bounds can mean lies in the period."""
    return (period_from is None or start >= period_from) and (period_to is None or end <= period_to)


# --- a single date kept as precisely as it was said ------------------------------------------
# A member's joining date is often known only to the month or the year ("มิ.ย. 2567", "ปี 2567"):
# it is kept as ISO 8601 of reduced precision ("2024-06", "2024"), which sorts with full dates.


def to_reduced_iso(value: object, *, warnings: list[str] | None = None) -> str:
    """ "2024-06-13", "2024-06" or "2024" for a date known to the day, month or year.

    A fiscal year or an approximate date is refused: one date cannot say it.
    """
    from netcli.thai.dates import parse_date

    try:
        return parse_date(value, warnings=warnings).isoformat()
    except ValidationError as exc:
        if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10000:
            value = str(value)  # a number too small for an Excel date: a year (2567)
        if not isinstance(value, str):
            raise
        error = exc
    try:
        found = parse_partial_date(value, warnings=warnings)
    except ValidationError:
        raise error from None
    if found.approximate or found.precision not in ("month", "year"):
        raise ValidationError(
            f"'{value}' บอกเป็นช่วง ไม่ใช่วันที่เดียว: ใส่วัน เดือน หรือปี"
            " (a range or an approximate date; give a day, a month or a year)",
            field="date",
            value=value,
        )
    return found.start.isoformat()[: 7 if found.precision == "month" else 4]


def format_reduced_iso(value: str, *, short: bool = False, thai_digits: bool = False) -> str:
    """Thai text of ``to_reduced_iso``'s value: "13 มิ.ย. 2567", "มิ.ย. 2567" or "ปี 2567"."""
    if len(value) == 4:
        year = int(value)
        start, end, precision = date(year, 1, 1), date(year, 12, 31), "year"
    elif len(value) == 7:
        year, month = int(value[:4]), int(value[5:7])
        last = calendar.monthrange(year, month)[1]
        start, end, precision = date(year, month, 1), date(year, month, last), "month"
    else:
        start = end = date.fromisoformat(value[:10])
        precision = "day"
    return format_partial_date(start, end, precision, short=short, thai_digits=thai_digits)
