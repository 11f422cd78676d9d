from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netcli.errors import ValidationError
from netcli.thai.money import MAX_SATANG, baht_text, format_baht, format_number, parse_baht


@pytest.mark.parametrize(
    ("written", "satang"),
    [
        ("2,344,070.93", 234407093),
        ("2344070.93 บาท", 234407093),
        ("๒,๓๔๔,๐๗๐.๙๓", 234407093),
        ("5,000", 500000),
        ("5,000.-", 500000),
        ("฿12.5", 1250),
        ("1000 บาทถ้วน", 100000),
        (" 70 ", 7000),
        (".50", 50),
        ("0", 0),
        (5000, 500000),
        (5000.5, 500050),
        (1234.5600000000002, 123456),  # float noise from Excel
    ],
)
def test_parse_examples(written: str | int | float, satang: int) -> None:
    assert parse_baht(written) == satang


@pytest.mark.parametrize(
    "bad",
    ["", "บาท", "-5", "(5)", "1.234", "1,23", "1,2345", "abc", "5 บาท 50 สตางค์", "1e5",
     -1, 1.005, float("nan"), float("inf"), True, "9" * 5000, 10**30],
)  # fmt: skip
def test_parse_refuses(bad: str | int | float) -> None:
    with pytest.raises(ValidationError) as info:
        parse_baht(bad)
    assert info.value.field == "budget"


def test_format_examples() -> None:
    assert format_baht(234407093) == "2,344,070.93"
    assert format_baht(500000) == "5,000.00"
    assert format_baht(5) == "0.05"
    assert format_baht(234407093, thai_digits=True) == "๒,๓๔๔,๐๗๐.๙๓"
    assert format_number(1697) == "1,697"
    assert format_number(1697, thai_digits=True) == "๑,๖๙๗"


def test_baht_text_examples() -> None:
    assert baht_text(234407093) == "สองล้านสามแสนสี่หมื่นสี่พันเจ็ดสิบบาทเก้าสิบสามสตางค์"
    assert baht_text(500000) == "ห้าพันบาทถ้วน"
    assert baht_text(0) == "ศูนย์บาทถ้วน"
    assert baht_text(50) == "ห้าสิบสตางค์"
    assert baht_text(2100) == "ยี่สิบเอ็ดบาทถ้วน"


SATANG = st.integers(min_value=0, max_value=MAX_SATANG)


@given(SATANG, st.booleans())
def test_format_parse_round_trip(satang: int, thai_digits: bool) -> None:
    assert parse_baht(format_baht(satang, thai_digits=thai_digits)) == satang
    assert parse_baht(format_baht(satang) + " บาท") == satang


@given(st.integers(min_value=100, max_value=10**12 - 1))
def test_baht_text_agrees_with_pythainlp(satang: int) -> None:
    # pythainlp.bahttext goes through float: compare only where floats are exact. Below one
    # baht it says "ศูนย์บาทหนึ่งสตางค์"; like Excel's BAHTTEXT we say "หนึ่งสตางค์".
    from pythainlp.util import bahttext

    assert baht_text(satang) == bahttext(satang / 100)


@given(st.one_of(st.text(), st.integers(), st.floats()))
def test_any_input_parses_or_is_refused(value: str | int | float) -> None:
    try:
        satang = parse_baht(value)
    except ValidationError as e:
        assert e.field == "budget"
    else:
        assert 0 <= satang <= MAX_SATANG
