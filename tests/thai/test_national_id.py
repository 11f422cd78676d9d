from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netcli.errors import ValidationError
from netcli.thai.national_id import (
    check_digit,
    is_valid_national_id,
    mask_national_id,
    validate_national_id,
)

VALID = "3100600445635"


def _weighted_remainder(digits: str) -> int:
    return sum(int(d) * w for d, w in zip(digits[:12], range(13, 1, -1), strict=True)) % 11


@st.composite
def valid_ids(draw: st.DrawFn) -> str:
    first = draw(st.sampled_from("12345678"))
    rest = draw(st.text(alphabet="0123456789", min_size=11, max_size=11))
    body = first + rest
    return body + str(check_digit(body))


@pytest.mark.parametrize(
    "written",
    [VALID, "3-1006-00445-63-5", " 3 1006 00445 63 5 ", "๓๑๐๐๖๐๐๔๔๕๖๓๕", 3100600445635],
)
def test_accepts_written_forms(written: str | int) -> None:
    assert validate_national_id(written) == VALID
    assert is_valid_national_id(written)


@pytest.mark.parametrize(
    "bad",
    ["", "310060044563", "31006004456350", "3100600445636", "0100600445631", "abc", True, -1],
)
def test_refuses(bad: str | int) -> None:
    with pytest.raises(ValidationError) as info:
        validate_national_id(bad)
    assert info.value.field == "national_id"
    assert not is_valid_national_id(bad)


def test_first_digit_nine_refused() -> None:
    body = "910060044563"
    with pytest.raises(ValidationError):
        validate_national_id(body + str(check_digit(body)))


def test_error_does_not_repeat_the_number() -> None:
    with pytest.raises(ValidationError) as info:
        validate_national_id("3100600445636")
    assert "3100600445636" not in str(info.value)
    assert "3100600445636" not in str(info.value.value)


def test_mask() -> None:
    assert mask_national_id(VALID) == "x-xxxx-xxxxx-63-5"
    assert mask_national_id("3-1006-00445-63-5") == "x-xxxx-xxxxx-63-5"
    assert mask_national_id("12345") == "x-xxxx-xxxxx-xx-x"
    assert mask_national_id("") == ""


@given(valid_ids())
def test_generated_ids_validate(nid: str) -> None:
    assert validate_national_id(nid) == nid
    dashed = f"{nid[0]}-{nid[1:5]}-{nid[5:10]}-{nid[10:12]}-{nid[12]}"
    assert validate_national_id(dashed) == nid
    masked = mask_national_id(nid)
    assert masked.endswith(f"{nid[10:12]}-{nid[12]}")
    assert nid[:10] not in masked.replace("-", "")


@given(valid_ids(), st.integers(0, 12), st.integers(1, 9))
def test_single_digit_changes(nid: str, position: int, delta: int) -> None:
    """What the checksum catches, measured rather than assumed.

    A change in the third digit (weight 11) is never caught. Elsewhere a change is caught
    unless it moves the weighted sum between remainders 0 and 10, which share check digit 1.
    """
    new_digit = (int(nid[position]) + delta) % 10
    changed = nid[:position] + str(new_digit) + nid[position + 1 :]
    if position == 0 and new_digit in (0, 9):
        expected_valid = False
    elif position == 12:
        expected_valid = False
    elif position == 2:
        expected_valid = True
    else:
        remainders = {_weighted_remainder(nid), _weighted_remainder(changed)}
        expected_valid = remainders == {0, 10}
    assert is_valid_national_id(changed) is expected_valid


@given(st.one_of(st.text(), st.integers()))
def test_any_input_validates_or_is_refused(value: str | int) -> None:
    try:
        result = validate_national_id(value)
    except ValidationError as e:
        assert e.field == "national_id"
    else:
        assert len(result) == 13 and result.isdigit()
