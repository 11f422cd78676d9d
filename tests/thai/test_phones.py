from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netcli.errors import ValidationError
from netcli.thai.phones import format_phone, normalize_phone


@pytest.mark.parametrize(
    ("written", "digits"),
    [
        ("+66 81 234 5678", "0812345678"),
        ("66812345678", "0812345678"),
        ("+66 081 234 5678", "0812345678"),
        ("081-234-5678", "0812345678"),
        ("๐๘๑ ๒๓๔ ๕๖๗๘", "0812345678"),
        (812345678, "0812345678"),
        (812345678.0, "0812345678"),
        ("81-234-5678", "0812345678"),
        ("(081) 234.5678", "0812345678"),
        ("0612345678", "0612345678"),
        ("02-123-4567", "021234567"),
        (21234567, "021234567"),
        ("+66 2 123 4567", "021234567"),
        ("053 123 456", "053123456"),
    ],
)
def test_normalize_examples(written: str | int | float, digits: str) -> None:
    assert normalize_phone(written) == digits


@pytest.mark.parametrize(
    "bad",
    ["", "   ", "-", "12345", "0812345", "08123456789", "081234567", "abc", "081-234-567x",
     "+1 555 123 4567", "1800123456", -812345678, 812345678.5, float("nan"), True, 10**40],
)  # fmt: skip
def test_refuses(bad: str | int | float) -> None:
    with pytest.raises(ValidationError) as info:
        normalize_phone(bad)
    assert info.value.field == "phone"


def test_format_examples() -> None:
    assert format_phone("0812345678") == "081-234-5678"
    assert format_phone("021234567") == "02-123-4567"
    assert format_phone("053123456") == "053-123-456"
    assert format_phone(812345678) == "081-234-5678"


MOBILE = st.builds(
    lambda second, rest: "0" + second + rest,
    st.sampled_from("689"),
    st.text(alphabet="0123456789", min_size=8, max_size=8),
)
LANDLINE = st.builds(
    lambda second, rest: "0" + second + rest,
    st.sampled_from("234567"),
    st.text(alphabet="0123456789", min_size=7, max_size=7),
)
NUMBER = st.one_of(MOBILE, LANDLINE)


@given(NUMBER)
def test_written_forms_normalize_to_the_same(digits: str) -> None:
    assert normalize_phone(digits) == digits
    assert normalize_phone(format_phone(digits)) == digits
    assert normalize_phone("+66 " + digits[1:]) == digits
    assert normalize_phone(int(digits)) == digits  # Excel lost the zero
    assert normalize_phone(float(int(digits))) == digits


@given(st.one_of(st.text(), st.integers(), st.floats()))
def test_any_input_normalizes_or_is_refused(value: str | int | float) -> None:
    try:
        digits = normalize_phone(value)
    except ValidationError as e:
        assert e.field == "phone"
    else:
        assert digits.isdigit() and digits.startswith("0") and len(digits) in (9, 10)
        assert normalize_phone(digits) == digits  # idempotent
        assert normalize_phone(format_phone(digits)) == digits


_mobile = st.from_regex(r"0[689][0-9]{8}", fullmatch=True)


@given(_mobile, _mobile, st.sampled_from([", ", "; ", " / ", " หรือ ", " และ ", " "]))
def test_two_numbers_in_a_cell_give_the_first(first: str, second: str, between: str) -> None:
    from netcli.thai.phones import read_phones

    cell = format_phone(first) + between + format_phone(second)
    assert read_phones(cell) == (first, cell)


@given(_mobile, st.integers(min_value=0, max_value=99999), st.sampled_from(["ต่อ", "ext.", "#"]))
def test_an_extension_keeps_the_number(number: str, ext: int, word: str) -> None:
    from netcli.thai.phones import read_phones

    cell = f"{format_phone(number)} {word} {ext}"
    assert read_phones(cell) == (number, cell)
