"""netcli.thai.dates: reading what people write, writing Thai dates, fiscal years."""

from __future__ import annotations

import math
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from netcli.errors import ValidationError
from netcli.thai.dates import (
    THAI_MONTHS,
    THAI_MONTHS_ABBR,
    fiscal_year,
    fiscal_year_range,
    format_date,
    format_date_range,
    parse_date,
    parse_date_range,
)

TODAY = date(2026, 3, 1)  # BE 2569: two-digit years are 25xx
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ROUND = settings(max_examples=200, deadline=None)


def to_thai_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))


# --- reading: one date -----------------------------------------------------------------

ACCEPTED = [
    ("13 มิถุนายน 2562", date(2019, 6, 13)),
    ("วันจันทร์ที่ 29 มีนาคม 2564", date(2021, 3, 29)),
    ("วันศุกร์ที่ 29 มีนาคม 2564", date(2021, 3, 29)),  # wrong weekday: still read
    ("๒๑ ก.ค. ๕๓", date(2010, 7, 21)),
    ("วันพุธที่ ๒๑ ก.ค. ๕๓", date(2010, 7, 21)),
    ("21 กค 53", date(2010, 7, 21)),
    ("21 ก.ค 53", date(2010, 7, 21)),
    ("21 ก. ค. 2553", date(2010, 7, 21)),
    ("21 กรกฏาคม 2553", date(2010, 7, 21)),  # the common ฏ spelling
    ("21 มีนา 64", date(2021, 3, 21)),
    ("24 กันยายน พ.ศ. 2553", date(2010, 9, 24)),
    ("24 กันยายน พ.ศ 2553", date(2010, 9, 24)),
    ("24 กันยายน พศ 2553", date(2010, 9, 24)),
    ("24 กันยายน ค.ศ. 2010", date(2010, 9, 24)),
    ("24 กันยายน ปี 2553", date(2010, 9, 24)),
    ("วันที่ 24 กันยายน 2553", date(2010, 9, 24)),
    ("13/06/2562", date(2019, 6, 13)),
    ("13-06-2562", date(2019, 6, 13)),
    ("13.06.2562", date(2019, 6, 13)),
    ("13/6/62", date(2019, 6, 13)),
    ("13/06/2019", date(2019, 6, 13)),
    ("๑๓/๐๖/๒๕๖๒", date(2019, 6, 13)),
    ("2019-06-13", date(2019, 6, 13)),
    ("2019-06-13 00:00:00", date(2019, 6, 13)),  # a datetime cell that became text
    ("2019-06-13T10:30:00+07:00", date(2019, 6, 13)),
    ("13 มิ.ย. 62 เวลา 10.30 น.", date(2019, 6, 13)),
    ("13 June 2019", date(2019, 6, 13)),
    ("13 Jun 2019", date(2019, 6, 13)),
    ("13-Jun-2019", date(2019, 6, 13)),
    ("13th June 2019", date(2019, 6, 13)),
    ("June 13, 2019", date(2019, 6, 13)),
    ("Thursday, 13 June 2019", date(2019, 6, 13)),
    ("2019 June 13", date(2019, 6, 13)),  # dateutil fallback
    ("13 June 2562", date(2019, 6, 13)),
    ("  13\u00a0มิถุนายน\u200b 2562 ", date(2019, 6, 13)),
    ("43629", date(2019, 6, 13)),
    ("43629.0", date(2019, 6, 13)),
    ("29 กุมภาพันธ์ 2567", date(2024, 2, 29)),
    ("1 มกราคม 2484", date(1941, 1, 1)),
    ("31 ธันวาคม 2643", date(2100, 12, 31)),
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED)
def test_parse_date_accepts(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2019, 6, 13), date(2019, 6, 13)),
        (datetime(2019, 6, 13, 10, 30), date(2019, 6, 13)),
        (43629, date(2019, 6, 13)),
        (43629.75, date(2019, 6, 13)),  # the fraction is the time of day
    ],
)
def test_parse_date_excel_values(value: object, expected: date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("๒๑ ก.ค. ๕๓", date(2026, 3, 1), date(2010, 7, 21)),  # BE 2569 → 2553
        ("1 ม.ค. 67", date(2026, 3, 1), date(2024, 1, 1)),  # → 2567
        ("1 ม.ค. 99", date(2026, 3, 1), date(2056, 1, 1)),  # strictly this century: 2599
        ("1 ม.ค. 99", date(1950, 1, 1), date(1956, 1, 1)),  # BE 2493 → 2499
        ("1 Jan ค.ศ. 19", date(2026, 3, 1), date(2019, 1, 1)),  # CE marker: CE century
    ],
)
def test_two_digit_year_is_be_of_todays_century(text: str, today: date, expected: date) -> None:
    assert parse_date(text, today=today) == expected


REFUSED = [
    ("31 กุมภาพันธ์ 2562", "วันที่ 31 ไม่มีในเดือนกุมภาพันธ์ 2562"),
    ("29 กุมภาพันธ์ 2566", "วันที่ 29 ไม่มีในเดือนกุมภาพันธ์ 2566"),
    ("31/04/2562", "วันที่ 31 ไม่มีในเดือนเมษายน 2562"),
    ("32/13/2562", "เดือนที่ 13"),
    ("32/12/2562", "วันที่ 32"),
    ("0/12/2562", "วันที่ 0"),
    ("พรุ่งนี้เช้า", "เป็นวันที่ไม่ได้"),
    ("abc", "เป็นวันที่ไม่ได้"),
    ("", "เป็นวันที่ไม่ได้"),
    ("   ", "เป็นวันที่ไม่ได้"),
    ("13 มิถุนายน", "เป็นวันที่ไม่ได้"),  # no year
    ("2562", "เป็นวันที่ไม่ได้"),
    ("1 มกราคม 2480", "ปฏิทินเก่า"),
    ("13 มิถุนายน พ.ศ. 2019", "ปฏิทินเก่า"),
    ("13 มิถุนายน ค.ศ. 2562", "นอกช่วง"),
    ("13 มิถุนายน 2300", "ไม่ใช่ทั้ง"),
    ("13 มิ.ย. 562", "2 หรือ 4 หลัก"),
    ("13 มิถุนายน พ.ศ. 2562 ค.ศ.", "ทั้ง พ.ศ. และ ค.ศ."),
    ("29 – 31 มีนาคม 2564", "ช่วงวันที่"),
    ("99999", "Excel"),
    ("x" * 500, "ยาวเกิน"),
]


@pytest.mark.parametrize(("text", "message"), REFUSED)
def test_parse_date_refuses(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_date(text, today=TODAY)
    assert message in caught.value.message
    assert caught.value.field == "date"


@pytest.mark.parametrize(
    "value",
    [None, True, 60, 2562, -5, 10**30, math.nan, math.inf, 1e300, date(1800, 1, 1), b"13/06"],
)
def test_parse_date_refuses_other_values(value: object) -> None:
    with pytest.raises(ValidationError):
        parse_date(value)


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("13 มิถนายน 2562", "มิถุนายน"),
        ("13 กรกดาคม 2562", "กรกฎาคม"),
        ("13 Juen 2019", "June"),
        ("13 ฟหกดเสวง 2562", None),
    ],
)
def test_unknown_month_suggests_nearest(text: str, suggestion: str | None) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_date(text, today=TODAY)
    assert "เดือน" in caught.value.message
    assert caught.value.suggestion == suggestion


# --- reading: ranges -------------------------------------------------------------------

RANGES = [
    ("29 – 31 มีนาคม 2564", date(2021, 3, 29), date(2021, 3, 31)),
    ("29-31 มีนาคม 2564", date(2021, 3, 29), date(2021, 3, 31)),
    ("29–31 มีนาคม 2564", date(2021, 3, 29), date(2021, 3, 31)),
    ("29 — 31 มีนาคม 2564", date(2021, 3, 29), date(2021, 3, 31)),
    ("29 ‐ 31 มีนาคม 2564", date(2021, 3, 29), date(2021, 3, 31)),
    ("29 − 31 มีนาคม 2564", date(2021, 3, 29), date(2021, 3, 31)),
    ("29 ถึง 31 มีนาคม 2564", date(2021, 3, 29), date(2021, 3, 31)),
    ("29 ถึงวันที่ 31 มีนาคม 2564", date(2021, 3, 29), date(2021, 3, 31)),
    ("ตั้งแต่วันที่ 29 ถึงวันที่ 31 มีนาคม 2564", date(2021, 3, 29), date(2021, 3, 31)),
    ("วันจันทร์ที่ 29 – วันพุธที่ 31 มีนาคม 2564", date(2021, 3, 29), date(2021, 3, 31)),
    ("22-23 มิถุนายน 2567", date(2024, 6, 22), date(2024, 6, 23)),
    ("๒๒-๒๓ มิ.ย. ๖๗", date(2024, 6, 22), date(2024, 6, 23)),
    ("30 มิ.ย. – 2 ก.ค. 2567", date(2024, 6, 30), date(2024, 7, 2)),
    ("30 มิถุนายน – 2 กรกฎาคม 2567", date(2024, 6, 30), date(2024, 7, 2)),
    ("31 ธ.ค. 2566 – 2 ม.ค. 2567", date(2023, 12, 31), date(2024, 1, 2)),
    ("30 ธ.ค. – 2 ม.ค. 2567", date(2023, 12, 30), date(2024, 1, 2)),  # year belongs to the end
    ("13/06/2562 - 15/06/2562", date(2019, 6, 13), date(2019, 6, 15)),
    ("13-06-2562 - 15-06-2562", date(2019, 6, 13), date(2019, 6, 15)),
    ("13-06-2562-15-06-2562", date(2019, 6, 13), date(2019, 6, 15)),
    ("13/06 - 15/06/2562", date(2019, 6, 13), date(2019, 6, 15)),
    ("2024-06-22/2024-06-23", date(2024, 6, 22), date(2024, 6, 23)),
    ("2024-06-22 to 2024-06-23", date(2024, 6, 22), date(2024, 6, 23)),
    ("22 - 23 June 2024", date(2024, 6, 22), date(2024, 6, 23)),
    # single dates give (d, d); the dashes of 13-06-2562 are not a range
    ("13 มิถุนายน 2562", date(2019, 6, 13), date(2019, 6, 13)),
    ("13-06-2562", date(2019, 6, 13), date(2019, 6, 13)),
    ("2019-06-13", date(2019, 6, 13), date(2019, 6, 13)),
    ("1 ม.ค. 2567 – 31 ธ.ค. 2567", date(2024, 1, 1), date(2024, 12, 31)),  # 366 days: allowed
]


@pytest.mark.parametrize(("text", "start", "end"), RANGES)
def test_parse_date_range_accepts(text: str, start: date, end: date) -> None:
    assert parse_date_range(text, today=TODAY) == (start, end)


def test_parse_date_range_of_a_date_object() -> None:
    assert parse_date_range(date(2024, 6, 22)) == (date(2024, 6, 22), date(2024, 6, 22))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31-29 มีนาคม 2564", "อยู่ก่อนวันเริ่ม"),
        ("2 ม.ค. 2567 – 31 ธ.ค. 2566", "อยู่ก่อนวันเริ่ม"),
        ("1 ม.ค. 2566 – 2 ม.ค. 2567", "366"),
        ("13/06/2562 - 15/06/2563", "366"),
        ("29-31 กุมภาพันธ์ 2562", "วันที่ 31 ไม่มีในเดือนกุมภาพันธ์ 2562"),
        ("30 กุมภาพันธ์ – 2 มีนาคม 2567", "วันที่ 30 ไม่มีในเดือนกุมภาพันธ์ 2567"),
        ("29 – 31 มิถนายน 2564", "ไม่รู้จักชื่อเดือน"),
        ("abc - def", "เป็นวันที่ไม่ได้"),
        ("พรุ่งนี้ ถึง มะรืนนี้", "เป็นวันที่ไม่ได้"),
        ("", "เป็นวันที่ไม่ได้"),
    ],
)
def test_parse_date_range_refuses(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_date_range(text, today=TODAY)
    assert message in caught.value.message
    assert caught.value.field == "date_range"


# --- writing ---------------------------------------------------------------------------


def test_month_tuples_match_pythainlp() -> None:
    thai_date = pytest.importorskip("pythainlp.util.date")
    assert THAI_MONTHS == tuple(thai_date.thai_full_months)
    assert THAI_MONTHS_ABBR == tuple(thai_date.thai_abbr_months)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, "13 มิถุนายน 2562"),
        ({"short": True}, "13 มิ.ย. 62"),
        ({"thai_digits": True}, "๑๓ มิถุนายน ๒๕๖๒"),
        ({"short": True, "thai_digits": True}, "๑๓ มิ.ย. ๖๒"),
        ({"month_style": "abbr"}, "13 มิ.ย. 2562"),
    ],
)
def test_format_date(kwargs: dict, expected: str) -> None:
    assert format_date(date(2019, 6, 13), **kwargs) == expected


def test_format_date_pads_short_year() -> None:
    assert format_date(date(1962, 1, 5), short=True) == "5 ม.ค. 05"


@pytest.mark.parametrize(
    ("start", "end", "kwargs", "expected"),
    [
        (date(2019, 6, 13), date(2019, 6, 13), {}, "13 มิถุนายน 2562"),
        (date(2021, 3, 29), date(2021, 3, 31), {}, "29–31 มีนาคม 2564"),
        (date(2021, 3, 29), date(2021, 3, 31), {"short": True}, "29–31 มี.ค. 64"),
        (date(2024, 6, 30), date(2024, 7, 2), {}, "30 มิถุนายน – 2 กรกฎาคม 2567"),
        (date(2024, 6, 30), date(2024, 7, 2), {"short": True}, "30 มิ.ย. – 2 ก.ค. 67"),
        (date(2024, 6, 30), date(2024, 7, 2), {"month_style": "abbr"}, "30 มิ.ย. – 2 ก.ค. 2567"),
        (date(2023, 12, 31), date(2024, 1, 2), {}, "31 ธันวาคม 2566 – 2 มกราคม 2567"),
        (
            date(2023, 12, 31),
            date(2024, 1, 2),
            {"month_style": "abbr"},
            "31 ธ.ค. 2566 – 2 ม.ค. 2567",
        ),
        (date(2023, 12, 31), date(2024, 1, 2), {"short": True}, "31 ธ.ค. 66 – 2 ม.ค. 67"),
        (
            date(2021, 3, 29),
            date(2021, 3, 31),
            {"thai_digits": True},
            "๒๙–๓๑ มีนาคม ๒๕๖๔",
        ),
    ],
)
def test_format_date_range(start: date, end: date, kwargs: dict, expected: str) -> None:
    assert format_date_range(start, end, **kwargs) == expected


def test_format_date_range_end_before_start_is_a_bug() -> None:
    with pytest.raises(ValueError):
        format_date_range(date(2024, 7, 2), date(2024, 6, 30))


# --- fiscal year -----------------------------------------------------------------------

FY2567 = (date(2023, 10, 1), date(2024, 9, 30))


@pytest.mark.parametrize(
    "value", [2567, "2567", "๒๕๖๗", "ปีงบประมาณ 2567", "ปีงบประมาณ พ.ศ. 2567", "ปีงบ 67", 67]
)
def test_fiscal_year_range_accepts(value: int | str) -> None:
    assert fiscal_year_range(value, today=TODAY) == FY2567


@pytest.mark.parametrize(
    ("value", "suggestion"),
    [
        (2024, "2567"),
        ("2024", "2567"),
        ("abc", None),
        ("", None),
        (5, None),
        (-2567, None),
        (2400, None),
        (True, None),
        (None, None),
        ("25670", None),
    ],
)
def test_fiscal_year_range_refuses(value: object, suggestion: str | None) -> None:
    with pytest.raises(ValidationError) as caught:
        fiscal_year_range(value, today=TODAY)  # type: ignore[arg-type]
    assert caught.value.field == "fiscal_year"
    assert caught.value.suggestion == suggestion


@pytest.mark.parametrize(
    ("d", "fy"),
    [(date(2023, 9, 30), 2566), (date(2023, 10, 1), 2567), (date(2024, 9, 30), 2567)],
)
def test_fiscal_year(d: date, fy: int) -> None:
    assert fiscal_year(d) == fy


# --- properties ------------------------------------------------------------------------

MODERN = st.dates(min_value=date(1941, 1, 1), max_value=date(2100, 12, 31))


@st.composite
def today_in_same_be_century(draw: st.DrawFn, d: date) -> date:
    """A 'today' whose BE century is d's, so a two-digit year reads back as d's year."""
    century_start_ce = (d.year + 543) // 100 * 100 - 543
    lo = max(date(century_start_ce, 1, 1), date(1900, 1, 1))
    hi = min(date(century_start_ce + 99, 12, 31), date(2100, 12, 31))
    return draw(st.dates(min_value=lo, max_value=hi))


@ROUND
@given(d=MODERN, thai_digits=st.booleans(), month_style=st.sampled_from([None, "full", "abbr"]))
def test_format_then_parse_full_year(d: date, thai_digits: bool, month_style) -> None:
    text = format_date(d, thai_digits=thai_digits, month_style=month_style)
    assert parse_date(text) == d


@ROUND
@given(data=st.data(), d=MODERN, thai_digits=st.booleans())
def test_format_then_parse_short(data: st.DataObject, d: date, thai_digits: bool) -> None:
    today = data.draw(today_in_same_be_century(d))
    text = format_date(d, short=True, thai_digits=thai_digits)
    assert parse_date(text, today=today) == d


@ROUND
@given(
    data=st.data(),
    start=MODERN,
    days=st.integers(0, 365),
    short=st.booleans(),
    thai_digits=st.booleans(),
    month_style=st.sampled_from([None, "full", "abbr"]),
)
def test_format_then_parse_range(
    data: st.DataObject, start: date, days: int, short: bool, thai_digits: bool, month_style
) -> None:
    end = start + timedelta(days=days)
    assume(end.year <= 2100)
    if short:
        assume((start.year + 543) // 100 == (end.year + 543) // 100)
    today = data.draw(today_in_same_be_century(end))
    text = format_date_range(
        start, end, short=short, thai_digits=thai_digits, month_style=month_style
    )
    assert parse_date_range(text, today=today) == (start, end)


@ROUND
@given(d=MODERN)
def test_fiscal_year_contains_the_date(d: date) -> None:
    fy = fiscal_year(d)
    first, last = fiscal_year_range(fy)
    assert first <= d <= last
    assert fiscal_year(first) == fiscal_year(last) == fy
    assert fiscal_year_range(str(fy)) == (first, last)
    assert first == date(fy - 544, 10, 1) and last == date(fy - 543, 9, 30)


# Building blocks of text that is almost a date, to fuzz the parsers where they branch.
_MONTH_WORDS = [
    *THAI_MONTHS,
    *THAI_MONTHS_ABBR,
    *(m.replace(".", "") for m in THAI_MONTHS_ABBR),
    "ก.ค",
    "มิถนายน",
    "June",
    "Jun",
    "Sept",
    "Juen",
    "กรกฏา",
    "abc",
    "ที่",
]
_PIECES = st.one_of(
    st.integers(-2, 45).map(str),
    st.integers(0, 99).map(lambda n: f"{n:02d}"),
    st.integers(0, 9999).map(str),
    st.integers(0, 99999).map(str),
    st.sampled_from(_MONTH_WORDS),
    st.sampled_from([" ", "/", "-", ".", ",", "–", "—", " – ", "ถึง", " to ", ":", "T"]),
    st.sampled_from(["วันพุธที่", "วันที่", "Monday,", "พ.ศ.", "ค.ศ.", "พศ", "BE", "AD"]),
    st.sampled_from(["ตั้งแต่", "ปี", "ปีงบ", "ปีงบประมาณ", "เวลา", "น.", "๕๓", "๒๕๖๗"]),
)
NEAR_DATES = st.lists(_PIECES, max_size=9).map("".join) | st.lists(_PIECES, max_size=7).map(
    " ".join
)
ANY_TEXT = st.text(max_size=40) | NEAR_DATES


@FUZZ
@given(text=ANY_TEXT, today=MODERN)
def test_parse_date_returns_a_date_or_validation_error(text: str, today: date) -> None:
    try:
        result = parse_date(text, today=today)
    except ValidationError as exc:
        assert exc.message
        return
    assert isinstance(result, date) and 1900 <= result.year <= 2100


@FUZZ
@given(text=ANY_TEXT, today=MODERN)
def test_parse_date_range_returns_a_range_or_validation_error(text: str, today: date) -> None:
    try:
        start, end = parse_date_range(text, today=today)
    except ValidationError as exc:
        assert exc.message
        return
    assert start <= end and (end - start).days < 366


@FUZZ
@given(text=ANY_TEXT | st.integers().map(str), today=MODERN)
def test_fiscal_year_range_returns_a_range_or_validation_error(text: str, today: date) -> None:
    try:
        first, last = fiscal_year_range(text, today=today)
    except ValidationError as exc:
        assert exc.field == "fiscal_year"
        return
    assert (first.month, first.day, last.month, last.day) == (10, 1, 9, 30)


@FUZZ
@given(text=NEAR_DATES)
def test_a_date_that_reads_also_reads_as_a_range_of_one_day(text: str) -> None:
    try:
        d = parse_date(text, today=TODAY)
    except ValidationError:
        return
    assert parse_date_range(text, today=TODAY) == (d, d)


# --- start-up cost ---------------------------------------------------------------------


def test_import_loads_no_heavy_module() -> None:
    code = (
        "import sys, netcli.thai.dates; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('dateutil', 'pythainlp', 'difflib')))"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert out.stdout.strip() == "[]"


def test_error_carries_the_users_value() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_date("31 กุมภาพันธ์ 2562")
    assert caught.value.value == "31 กุมภาพันธ์ 2562"
    with pytest.raises(ValidationError) as caught:
        parse_date_range("29-31 กุมภาพันธ์ 2562")
    assert (caught.value.field, caught.value.value) == ("date_range", "29-31 กุมภาพันธ์ 2562")


def test_a_buddhist_year_in_a_date_cell_is_read_as_be() -> None:
    """13/6/2562 typed into a Gregorian Excel is the date cell 2562-06-13: read as BE, as the same
    text is (a field audit found it refused, with a Python repr in the message)."""
    assert parse_date(date(2562, 6, 13)) == date(2019, 6, 13)
    assert parse_date(datetime(2567, 10, 1, 9, 30)) == date(2024, 10, 1)
    assert parse_date(date(2019, 6, 13)) == date(2019, 6, 13)
    with pytest.raises(ValidationError) as info:
        parse_date(date(2564, 2, 29))  # BE 2564 is CE 2021: no 29 February
    assert "2564-02-29" in info.value.message and "datetime" not in info.value.message
    with pytest.raises(ValidationError) as info:
        parse_date(date(1800, 1, 1))
    assert "1800-01-01" in info.value.message and "datetime" not in info.value.message


_WEEKDAY_WORDS = ["จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์"]


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 6))
def test_a_weekday_that_does_not_match_the_date_is_said(d: date, named: int) -> None:
    """ "วันพุธที่ 13 มิถุนายน 2562" was a Thursday (a field audit): the date is kept as written
    and a warning says the two disagree; the right weekday gives no warning."""
    from netcli.thai.dates import format_date, read_date

    reading = read_date(f"วัน{_WEEKDAY_WORDS[named]}ที่ {format_date(d)}")
    assert reading.start == d
    if named == d.weekday():
        assert reading.warnings == ()
    else:
        [warning] = reading.warnings
        assert _WEEKDAY_WORDS[d.weekday()] in warning and "เก็บวันที่ตามที่เขียน" in warning
