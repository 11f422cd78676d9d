from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from netcli.thai.digits import to_arabic, to_thai

ARABIC = st.text(alphabet="0123456789,. -", max_size=30)
THAI = st.text(alphabet="๐๑๒๓๔๕๖๗๘๙,. -", max_size=30)


def test_examples() -> None:
    assert to_arabic("๒,๓๔๔,๐๗๐.๙๓") == "2,344,070.93"
    assert to_thai("1,697") == "๑,๖๙๗"
    assert to_arabic("๒๑ ก.ค. ๕๓") == "21 ก.ค. 53"
    assert to_thai("") == ""


@given(ARABIC)
def test_round_trip_from_arabic(text: str) -> None:
    assert to_arabic(to_thai(text)) == text


@given(THAI)
def test_round_trip_from_thai(text: str) -> None:
    assert to_thai(to_arabic(text)) == text


@given(st.text())
def test_other_characters_untouched(text: str) -> None:
    result = to_arabic(text)
    assert len(result) == len(text)
    assert not any(ch in "๐๑๒๓๔๕๖๗๘๙" for ch in result)
    assert not any(ch in "0123456789" for ch in to_thai(text))
