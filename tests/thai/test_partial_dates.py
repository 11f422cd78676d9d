"""Partial and approximate dates: read what was known, write it back, never invent a day."""

from __future__ import annotations

import calendar
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netcli.errors import ValidationError
from netcli.thai.dates import THAI_MONTHS, THAI_MONTHS_ABBR, fiscal_year_range
from netcli.thai.digits import to_thai
from netcli.thai.partial_dates import (
    PartialDate,
    format_partial_date,
    inside,
    parse_partial_date,
)

YEARS_BE = st.integers(min_value=2485, max_value=2640)
DAYS = st.dates(min_value=date(1942, 1, 1), max_value=date(2097, 12, 31))


@pytest.mark.parametrize(
    ("text", "start", "end", "precision", "shown"),
    [
        ("ปี 2557", date(2014, 1, 1), date(2014, 12, 31), "year", "ปี 2557"),
        ("ปี ๒๕๕๗", date(2014, 1, 1), date(2014, 12, 31), "year", "ปี 2557"),
        ("ปีงบประมาณ 2557", date(2013, 10, 1), date(2014, 9, 30), "fiscal_year", "ปีงบประมาณ 2557"),
        ("ก.ค. 2557", date(2014, 7, 1), date(2014, 7, 31), "month", "ก.ค. 2557"),
        ("กรกฎาคม 2557", date(2014, 7, 1), date(2014, 7, 31), "month", "ก.ค. 2557"),
        ("ก.พ. 2563", date(2020, 2, 1), date(2020, 2, 29), "month", "ก.พ. 2563"),
        ("13 มิถุนายน 2562", date(2019, 6, 13), date(2019, 6, 13), "day", "13 มิถุนายน 2562"),
        ("22-23 มิถุนายน 2567", date(2024, 6, 22), date(2024, 6, 23), "day", "22–23 มิถุนายน 2567"),
        ("๒๑ ก.ค. ๕๓", date(2010, 7, 21), date(2010, 7, 21), "day", "21 กรกฎาคม 2553"),
    ],
)
def test_examples(text, start, end, precision, shown):
    got = parse_partial_date(text)
    assert (got.start, got.end, got.precision, got.approximate) == (start, end, precision, False)
    assert got.text() == shown


def test_approximate_day():
    got = parse_partial_date("ประมาณ 13 มิ.ย. 2562")
    assert got == PartialDate(date(2019, 6, 13), date(2019, 6, 13), "day", True)
    assert got.text() == "ประมาณ 13 มิ.ย. 2562"


@pytest.mark.parametrize("text", ["ปี", "ปีงบประมาณ", "ก.ค.", "ประมาณ", "ปี 2480", "31 ก.พ. 2563", ""])
def test_refused(text):
    with pytest.raises(ValidationError):
        parse_partial_date(text)


@given(YEARS_BE, st.booleans(), st.booleans())
def test_year_round_trip(be, thai_digits, approximate):
    text = ("ประมาณ " if approximate else "") + f"ปี {be}"
    got = parse_partial_date(to_thai(text) if thai_digits else text)
    assert got.precision == "year" and got.approximate is approximate
    assert got.start == date(be - 543, 1, 1) and got.end == date(be - 543, 12, 31)
    assert parse_partial_date(got.text()) == got


@given(YEARS_BE)
def test_fiscal_year_matches_dates_module(be):
    got = parse_partial_date(f"ปีงบประมาณ {be}")
    assert (got.start, got.end) == fiscal_year_range(be)
    assert got.text() == f"ปีงบประมาณ {be}"
    assert parse_partial_date(got.text()) == got


@given(YEARS_BE, st.integers(min_value=1, max_value=12), st.booleans())
def test_month_bounds_and_round_trip(be, month, full):
    name = (THAI_MONTHS if full else THAI_MONTHS_ABBR)[month - 1]
    got = parse_partial_date(f"{name} {be}")
    ce = be - 543
    assert got.precision == "month"
    assert got.start == date(ce, month, 1)
    assert got.end == date(ce, month, calendar.monthrange(ce, month)[1])
    assert parse_partial_date(got.text()) == got
    # The text never shows a day it did not know.
    assert got.text().split()[0] == THAI_MONTHS_ABBR[month - 1]


@given(DAYS, st.integers(min_value=0, max_value=5), st.booleans())
def test_day_round_trip(start, length, approximate):
    end = date.fromordinal(start.toordinal() + length)
    text = format_partial_date(start, end, "day", approximate)
    assert parse_partial_date(text) == PartialDate(start, end, "day", approximate)


@given(DAYS, st.sampled_from(["day", "month", "year", "fiscal_year"]))
def test_bounds_contain_the_day_and_inside_is_consistent(d, precision):
    if precision == "day":
        text = format_partial_date(d, d)
    elif precision == "month":
        text = f"{THAI_MONTHS_ABBR[d.month - 1]} {d.year + 543}"
    elif precision == "year":
        text = f"ปี {d.year + 543}"
    else:
        fy = d.year + 543 + (1 if d.month >= 10 else 0)
        text = f"ปีงบประมาณ {fy}"
    got = parse_partial_date(text)
    assert got.start <= d <= got.end
    assert inside(got.start, got.end, got.start, got.end)
    # A year is never inside the fiscal year of the same number (it spills into the next).
    if precision == "year":
        start, end = fiscal_year_range(d.year + 543)
        assert not inside(got.start, got.end, start, end)


# --- one date kept as precisely as it was said (a member's joining date) ---------------------


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)))
def test_reduced_iso_round_trips_through_its_thai_text(d: date) -> None:
    from netcli.thai.partial_dates import format_reduced_iso, to_reduced_iso

    for iso in (d.isoformat(), d.isoformat()[:7], d.isoformat()[:4]):
        text = format_reduced_iso(iso)
        assert to_reduced_iso(text) == iso, text
        assert to_reduced_iso(to_thai(text)) == iso


def test_reduced_iso_of_what_rosters_write() -> None:
    from netcli.thai.partial_dates import to_reduced_iso

    assert to_reduced_iso("มิ.ย. 2567") == "2024-06"
    assert to_reduced_iso("ปี ๒๕๖๗") == "2024"
    assert to_reduced_iso(2567) == "2024"  # a year typed into a date column of Excel
    assert to_reduced_iso("13 มิ.ย. 2567") == "2024-06-13"
    for said in ("ประมาณ มิ.ย. 2567", "ปีงบประมาณ 2567", "29 – 31 มีนาคม 2564"):
        with pytest.raises(ValidationError):
            to_reduced_iso(said)
