"""Issue 13: dates as letters, invitations and officers write them."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from netcli.errors import ValidationError
from netcli.thai.dates import (
    THAI_MONTHS,
    THAI_MONTHS_ABBR,
    DateReading,
    parse_date,
    parse_date_range,
    read_date,
)
from netcli.thai.digits import to_thai

TODAY = date(2026, 3, 1)

WHY = [
    ("วันที่ ๒๑ เดือนกรกฎาคม พ.ศ. ๒๕๕๓", [date(2010, 7, 21)], None, None),
    ("เมื่อวันที่ 13 มิถุนายน 2562", [date(2019, 6, 13)], None, None),
    ("13 มิ.ย. 62 เวลา 09.00-16.00 น.", [date(2019, 6, 13)], time(9), time(16)),
    ("13 มิ.ย. 62 (09.00-16.00 น.)", [date(2019, 6, 13)], time(9), time(16)),
    ("วันที่ 13 และ 14 มิถุนายน 2562", [date(2019, 6, 13), date(2019, 6, 14)], None, None),
    ("13, 14 มิ.ย. 62", [date(2019, 6, 13), date(2019, 6, 14)], None, None),
    ("13, 14 และ 15 มิ.ย. 62", [date(2019, 6, d) for d in (13, 14, 15)], None, None),
    (
        "เริ่ม 11 ต.ค. 66 - 31 ต.ค. 66",
        [date(2023, 10, 11) + timedelta(days=i) for i in range(21)],
        None,
        None,
    ),
    ("ตั้งแต่วันที่ 11 ถึง 13 มิ.ย. 62", [date(2019, 6, d) for d in (11, 12, 13)], None, None),
    ("ระหว่างวันที่ 13 - 14 มิถุนายน 2562", [date(2019, 6, 13), date(2019, 6, 14)], None, None),
    ("13 และ 15 มิถุนายน 2562", [date(2019, 6, 13), date(2019, 6, 15)], None, None),
]


@pytest.mark.parametrize(("text", "days", "start", "end"), WHY)
def test_why_dates(text: str, days: list[date], start: time | None, end: time | None) -> None:
    reading = read_date(text, today=TODAY)
    assert list(reading.days) == days
    assert (reading.start, reading.end) == (days[0], days[-1])
    assert (reading.start_time, reading.end_time) == (start, end)
    assert reading.warnings == ()
    # the older readers agree on the bounds
    assert parse_date_range(text, today=TODAY) == (days[0], days[-1])
    if len(days) == 1:
        assert parse_date(text, today=TODAY) == days[0]


@pytest.mark.parametrize(
    ("text", "expected", "official"),
    [
        ("13 พฤษจิกายน 2562", date(2019, 11, 13), "พฤศจิกายน"),
        ("1 พฤศภาคม 2562", date(2019, 5, 1), "พฤษภาคม"),
        ("5 กุมภาพันธ 2562", date(2019, 2, 5), "กุมภาพันธ์"),
        ("5 Febuary 2019", date(2019, 2, 5), "February"),
    ],
)
def test_misspelled_months_read_with_a_warning(text: str, expected: date, official: str) -> None:
    reading = read_date(text, today=TODAY)
    assert reading.days == (expected,)
    assert len(reading.warnings) == 1 and official in reading.warnings[0]
    # The strict readers refuse it and suggest the month; given a list they warn.
    with pytest.raises(ValidationError) as info:
        parse_date(text, today=TODAY)
    assert info.value.suggestion == official
    warnings: list[str] = []
    assert parse_date(text, today=TODAY, warnings=warnings) == expected
    assert warnings == list(reading.warnings)


@pytest.mark.parametrize(
    ("text", "shift"),
    [("วันนี้", 0), ("พรุ่งนี้", 1), ("เมื่อวาน", -1), ("today", 0), ("Today", 0)],
)
def test_relative_days_are_the_machine_date(text: str, shift: int) -> None:
    expected = TODAY + timedelta(days=shift)
    assert read_date(text, today=TODAY).days == (expected,)
    assert parse_date(text, today=TODAY) == expected
    reading = read_date(f"{text} เวลา 13.30 น.", today=TODAY)
    assert (reading.start, reading.start_time) == (expected, time(13, 30))


def test_day_and_month_without_a_year_is_the_nearest_with_a_warning() -> None:
    reading = read_date("13 มิถุนายน", today=TODAY)
    assert reading.days == (date(2026, 6, 13),)
    assert reading.warnings and "ไม่ได้ระบุปี" in reading.warnings[0]
    assert read_date("20 ธ.ค.", today=TODAY).days == (date(2025, 12, 20),)
    with pytest.raises(ValidationError):
        parse_date("13 มิถุนายน", today=TODAY)  # strict: refused as before


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("13 มิ.ย. 62 เวลา 25.00 น.", "ไม่มีจริง"),
        ("13 มิ.ย. 62 เวลา 16.00-09.00 น.", "ไม่อยู่หลัง"),
        ("14 และ 13 มิ.ย. 62", "ไม่เรียง"),
        ("พรุ่งนี้เช้า", "เป็นวันที่ไม่ได้"),
        ("13 พฤ 2562", "เดือน"),  # too short to say which month
        ("31 เดือนมิถุนายน 2562", "วันที่ 31"),
    ],
)
def test_what_cannot_be_read_is_refused_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(ValidationError) as info:
        read_date(text, today=TODAY)
    assert reason in info.value.message
    assert info.value.field == "date"


def test_reading_is_a_plain_record() -> None:
    reading = read_date("13 มิ.ย. 62", today=TODAY)
    assert reading == DateReading(date(2019, 6, 13), date(2019, 6, 13), (date(2019, 6, 13),))


# --- property tests ------------------------------------------------------------------------

DATES = st.dates(min_value=date(1941, 1, 1), max_value=date(2100, 12, 31))
LEADING = st.sampled_from(["", "วันที่ ", "เมื่อวันที่ ", "เมื่อ ", "เริ่ม ", "ตั้งแต่วันที่ "])
MONTH_WORD = st.sampled_from(["", "เดือน", "เดือน "])


def _written(d: date, style: str, month_word: str, era: str) -> str:
    be = d.year + 543
    month = THAI_MONTHS[d.month - 1] if style == "full" else THAI_MONTHS_ABBR[d.month - 1]
    return f"{d.day} {month_word}{month} {era}{be}"


@settings(max_examples=300, deadline=None)
@given(
    DATES,
    LEADING,
    MONTH_WORD,
    st.sampled_from(["full", "abbr"]),
    st.sampled_from(["", "พ.ศ. "]),
    st.booleans(),
)
def test_letter_dates_read_as_written(
    d: date, lead: str, month_word: str, style: str, era: str, thai_digits: bool
) -> None:
    text = lead + _written(d, style, month_word, era)
    if thai_digits:
        text = to_thai(text)
    reading = read_date(text, today=TODAY)
    assert reading.days == (d,) and reading.warnings == ()


TIMES = st.tuples(st.integers(0, 23), st.integers(0, 59))


@settings(max_examples=300, deadline=None)
@given(
    DATES,
    TIMES,
    TIMES,
    st.sampled_from(
        ["เวลา {a}-{b} น.", "({a}-{b} น.)", "เวลา {a} - {b} น.", "เวลา {a} น. - {b} น."]
    ),
    st.sampled_from([".", ":"]),
)
def test_times_after_a_date_are_kept(
    d: date, a: tuple[int, int], b: tuple[int, int], form: str, sep: str
) -> None:
    assume(a < b)
    ta, tb = (f"{h:02d}{sep}{m:02d}" for h, m in (a, b))
    text = f"{_written(d, 'abbr', '', '')} " + form.format(a=ta, b=tb)
    reading = read_date(text, today=TODAY)
    assert reading.days == (d,)
    assert (reading.start_time, reading.end_time) == (time(*a), time(*b))


@settings(max_examples=300, deadline=None)
@given(
    st.dates(min_value=date(1941, 1, 1), max_value=date(2100, 12, 1)),
    st.sets(st.integers(1, 28), min_size=2, max_size=5),
    st.sampled_from([", ", " และ ", ",", " , "]),
    st.booleans(),
)
def test_lists_of_days_are_the_meeting_days(
    month: date, day_set: set[int], sep: str, last_and: bool
) -> None:
    days = sorted(day_set)
    written_days = [str(x) for x in days[:-1]]
    head = sep.join(written_days)
    joiner = " และ " if last_and else sep
    text = f"{head}{joiner}{_written(month.replace(day=days[-1]), 'full', '', '')}"
    reading = read_date(text, today=TODAY)
    assert reading.days == tuple(month.replace(day=x) for x in days)


def _mutate(name: str, how: str) -> str | None:
    if how == "drop_tone":
        for mark in "์่้":
            if mark in name:
                return name.replace(mark, "", 1)
        return None
    for a, b in (("ศ", "ษ"), ("ษ", "ศ"), ("ส", "ศ")):
        if a in name:
            return name.replace(a, b, 1)
    return None


MISSPELT = [
    (month, wrong)
    for month, name in enumerate(THAI_MONTHS, start=1)
    for how in ("drop_tone", "swap_s")
    if (wrong := _mutate(name, how)) is not None
]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(MISSPELT), st.integers(1, 28), st.integers(2484, 2643))
def test_a_misspelled_month_is_its_month_or_refused_never_another(
    misspelt: tuple[int, str], day: int, be: int
) -> None:
    month, wrong = misspelt
    d = date(be - 543, month, day)
    try:
        reading = read_date(f"{day} {wrong} {be}", today=TODAY)
    except ValidationError as exc:
        assert exc.suggestion in (None, THAI_MONTHS[month - 1])
    else:
        assert reading.days == (d,)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 31), st.integers(1, 12), st.dates(date(1950, 1, 1), date(2090, 12, 31)))
def test_no_year_is_the_nearest_such_day(day: int, month: int, today: date) -> None:
    text = f"{day} {THAI_MONTHS[month - 1]}"
    try:
        reading = read_date(text, today=today)
    except ValidationError:
        # only a day that no nearby year has (31 เมษายน, 29 กุมภาพันธ์ far from a leap year)
        candidates = []
        for year in (today.year - 1, today.year, today.year + 1):
            try:
                candidates.append(date(year, month, day))
            except ValueError:
                pass
        assert not candidates
        return
    (d,) = reading.days
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            pass
    assert abs((d - today).days) == min(abs((c - today).days) for c in candidates)
    assert (d.day, d.month) == (day, month)
    assert reading.warnings
