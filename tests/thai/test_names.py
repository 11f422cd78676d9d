from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from netcli.errors import ValidationError
from netcli.thai.names import (
    PREFIXES,
    ParsedName,
    format_name,
    name_key,
    normalize_prefix,
    split_name,
)


@pytest.mark.parametrize(
    ("full", "expected"),
    [
        ("นายประกิจ เสาร์แก้ว", ("นาย", "ประกิจ", "เสาร์แก้ว")),
        ("ว่าที่ ร.ต. เกรียงไกร สมคิด", ("ว่าที่ ร.ต.", "เกรียงไกร", "สมคิด")),
        ("ว่าที่ร.ต.เกรียงไกร สมคิด", ("ว่าที่ ร.ต.", "เกรียงไกร", "สมคิด")),
        ("ว่าที่ร้อยตรีเกรียงไกร สมคิด", ("ว่าที่ร้อยตรี", "เกรียงไกร", "สมคิด")),
        ("นางสาว สุดา ใจดี", ("นางสาว", "สุดา", "ใจดี")),
        ("นางสาวสุดา ใจดี", ("นางสาว", "สุดา", "ใจดี")),
        ("นางสุดา ใจดี", ("นาง", "สุดา", "ใจดี")),
        ("ดร.ชัยวัฒน์ ถิระพันธุ์", ("ดร.", "ชัยวัฒน์", "ถิระพันธุ์")),
        ("น.ส.ชไมพร ทองดี", ("น.ส.", "ชไมพร", "ทองดี")),
        ("น.ส ชไมพร ทองดี", ("น.ส.", "ชไมพร", "ทองดี")),
        ("ผศ. ดร. สมหญิง รักเรียน", ("ผศ.ดร.", "สมหญิง", "รักเรียน")),
        ("พล.ต.อ. สมชาย ใจดี", ("พล.ต.อ.", "สมชาย", "ใจดี")),
        ("พ.ต.ท.หญิง สมศรี ใจดี", ("พ.ต.ท.หญิง", "สมศรี", "ใจดี")),
        ("จ.ส.อ.สมบัติ มั่นคง", ("จ.ส.อ.", "สมบัติ", "มั่นคง")),
        ("พระมหาสมปอง ตาลปุตฺโต", ("พระมหา", "สมปอง", "ตาลปุตฺโต")),
        ("พระครูสุวรรณ", ("พระครู", "สุวรรณ", None)),
        ("ด.ญ.มะลิ ดอกไม้", ("ด.ญ.", "มะลิ", "ดอกไม้")),
        ("เด็กชายต้น กล้า", ("เด็กชาย", "ต้น", "กล้า")),
        ("สมชาย ณ อยุธยา", (None, "สมชาย", "ณ อยุธยา")),
        ("นายสมชาย ณ อยุธยา", ("นาย", "สมชาย", "ณ อยุธยา")),
        ("Mr John Smith", ("Mr.", "John", "Smith")),
        ("mrs. Jane Doe", ("Mrs.", "Jane", "Doe")),
        ("Miss Jane", ("Miss", "Jane", None)),
        ("Mrinal Sen", (None, "Mrinal", "Sen")),
        ("  นาย\u200bประกิจ\u00a0 เสาร์แก้ว ", ("นาย", "ประกิจ", "เสาร์แก้ว")),
        # A prefix needs a name that can start a word: "นางาม" is not นาง + "าม".
        ("นางาม ดีใจ", (None, "นางาม", "ดีใจ")),
        # Spaces inside นางสาว are not allowed, so this is นาง + "สาวิตรี".
        ("นาง สาวิตรี ใจดี", ("นาง", "สาวิตรี", "ใจดี")),
        ("นางนวล", ("นาง", "นวล", None)),
    ],
)
def test_split_examples(full: str, expected: tuple[str | None, str, str | None]) -> None:
    assert split_name(full) == ParsedName(*expected)


@pytest.mark.parametrize(
    "bad", ["", "   ", "นาย", "นางสาว", "ดร.", "ว่าที่ ร.ต.", "123 456", "!!!", "-"]
)
def test_split_refuses(bad: str) -> None:
    with pytest.raises(ValidationError) as info:
        split_name(bad)
    assert info.value.field == "name"


def test_format_examples() -> None:
    assert format_name("นาย", "ประกิจ", "เสาร์แก้ว") == "นายประกิจ เสาร์แก้ว"
    assert format_name("น.ส.", "ชไมพร", "ทองดี") == "น.ส.ชไมพร ทองดี"
    assert format_name("ว่าที่ร.ต.", "เกรียงไกร", "สมคิด") == "ว่าที่ ร.ต. เกรียงไกร สมคิด"
    assert format_name("ดร.", "ชัยวัฒน์", "ถิระพันธุ์") == "ดร. ชัยวัฒน์ ถิระพันธุ์"
    assert format_name("พระ", "สมชาย", None) == "พระ สมชาย"
    assert format_name(None, "สมชาย", "ณ อยุธยา") == "สมชาย ณ อยุธยา"
    # Gluing would read back as นางสาว + "คำ": the space stays.
    assert format_name("นาง", "สาวคำ", "ใจดี") == "นาง สาวคำ ใจดี"


def test_normalize_prefix() -> None:
    assert normalize_prefix("ว่าที่ร.ต.") == "ว่าที่ ร.ต."
    assert normalize_prefix(" นางสาว ") == "นางสาว"
    assert normalize_prefix("mr") == "Mr."
    assert normalize_prefix("คุณ") == "คุณ"  # unknown prefixes are kept as written
    assert normalize_prefix("") is None
    assert normalize_prefix(None) is None


def test_name_key() -> None:
    assert name_key("สมชาย", "ณ อยุธยา") == name_key("สม ชาย", "ณอยุธยา")
    assert name_key("John", "Smith") == name_key("JOHN", "smith")
    assert name_key("ประ\u200bกิจ", "เสาร์แก้ว") == name_key("ประกิจ", "เสาร์แก้ว")
    assert name_key("ประกิจ", "เสาร์แก้ว") != name_key("ประกิจ", "เสาร์ทอง")


def test_prefixes_are_canonical_and_unique() -> None:
    assert len(PREFIXES) == len(set(PREFIXES))
    for p in PREFIXES:
        assert normalize_prefix(p) == p
        assert split_name(f"{p} ทดสอบ").prefix == p


CONSONANTS = "กขคงจฉชซญดตถทธนบปผพฟภมยรลวศษสหอฮ"
# Names built from syllables (leading vowel, consonant, vowel, tone) as people write them;
# random code points would mostly test pythainlp's repair of impossible spellings.
SYLLABLE = st.tuples(
    st.sampled_from(["", "", "เ", "แ", "โ", "ไ"]),
    st.sampled_from(CONSONANTS),
    st.sampled_from(["", "า", "ิ", "ี", "ุ", "ู", "ั", "ะ", "ำ", "ร", "น"]),
    st.sampled_from(["", "", "่", "้", "์"]),
).map("".join)
NAME = st.lists(SYLLABLE, min_size=1, max_size=4).map("".join)
LAST = st.lists(NAME, min_size=0, max_size=2).map(lambda words: " ".join(words) or None)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.none(), st.sampled_from(PREFIXES)), NAME, LAST)
def test_format_split_round_trip(prefix: str | None, first: str, last: str | None) -> None:
    written = format_name(prefix, first, last)
    parsed = split_name(written)
    again = split_name(format_name(parsed.prefix, parsed.first_name, parsed.last_name))
    assert again == parsed


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PREFIXES), NAME, LAST)
def test_prefix_is_found(prefix: str, first: str, last: str | None) -> None:
    parsed = split_name(format_name(prefix, first, last))
    assert parsed.prefix is not None


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(PREFIXES),
    st.lists(SYLLABLE, min_size=1, max_size=4),
    LAST,
    st.sampled_from(["", " ", "  "]),
)
def test_name_key_ignores_prefix_and_spaces(
    prefix: str, syllables: list[str], last: str | None, gap: str
) -> None:
    first = "".join(syllables)
    with_prefix = split_name(f"{prefix}{gap}{first} {last or ''}")
    assume(with_prefix.prefix == prefix)
    assert name_key(with_prefix.first_name, with_prefix.last_name) == name_key(first, last)
    # Spaces between syllables or between first and last name do not matter.
    assert name_key(" ".join(syllables), last) == name_key(first, last)
    assert name_key(f"{first}{last or ''}") == name_key(first, last)


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_any_text_parses_or_is_refused(text: str) -> None:
    try:
        parsed = split_name(text)
    except ValidationError as e:
        assert e.field == "name"
    else:
        assert parsed.first_name
        assert " " not in parsed.first_name
        assert any(ch.isalpha() for ch in parsed.first_name)
        assert split_name(format_name(parsed.prefix, parsed.first_name, parsed.last_name)) == parsed
