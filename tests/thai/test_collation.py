from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from netcli.thai.collation import thai_sort_key, thai_sorted

THAI_WORD = st.text(
    alphabet=st.sampled_from("กขคงจฉชซดตทนบปผพมยรลวสหอฮะาิีึืุูเแโใไั่้๊๋็์ำ"),
    min_size=1,
    max_size=8,
)


def collate(words: list[str]) -> list[str]:
    from pythainlp.util import collate as pythainlp_collate

    return pythainlp_collate(words)


def test_matches_pythainlp_example() -> None:
    words = ["ไก่", "เก็บ", "กา", "ขวด"]
    assert thai_sorted(words) == collate(words)
    assert thai_sorted(words) == ["กา", "เก็บ", "ไก่", "ขวด"]


def test_leading_vowel_sorts_by_consonant() -> None:
    assert thai_sorted(["เชียงใหม่", "ลำปาง", "กรุงเทพมหานคร", "แม่ฮ่องสอน", "น่าน"]) == [
        "กรุงเทพมหานคร",
        "เชียงใหม่",
        "น่าน",
        "แม่ฮ่องสอน",
        "ลำปาง",
    ]


def test_none_and_empty_last() -> None:
    assert thai_sorted(["ข", None, "ก", ""]) == ["ก", "ข", None, ""]
    assert thai_sort_key(None) > thai_sort_key("ฮ")


def test_key_function() -> None:
    rows = [{"name": "ไก่"}, {"name": "กา"}]
    assert [r["name"] for r in thai_sorted(rows, key=lambda r: r["name"])] == ["กา", "ไก่"]


@settings(max_examples=200)
@given(st.lists(THAI_WORD, max_size=12))
def test_same_order_as_pythainlp(words: list[str]) -> None:
    assert thai_sorted(words) == collate(words)
