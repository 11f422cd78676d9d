"""Issue 13: every title people write on a roster goes whole into ``prefix``."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from netcli.people import members
from netcli.thai import titles
from netcli.thai.names import (
    PREFIXES,
    ParsedName,
    format_name,
    is_known_prefix,
    name_key,
    normalize_prefix,
    split_name,
)
from netcli.thai.text import clean

from .test_names import LAST, NAME, SYLLABLE

# --- every form quoted in the "Why" ----------------------------------------------

WHY = [
    ("คุณ สมศรี ใจดี", ("คุณ", "สมศรี", "ใจดี")),
    ("อาจารย์ ชัยวัฒน์ ถิระพันธุ์", ("อาจารย์", "ชัยวัฒน์", "ถิระพันธุ์")),
    ("อ.ชัยวัฒน์ ถิระพันธุ์", ("อ.", "ชัยวัฒน์", "ถิระพันธุ์")),
    ("คุณหญิงสมศรี ใจดี", ("คุณหญิง", "สมศรี", "ใจดี")),
    ("แพทย์หญิงสมศรี ใจดี", ("แพทย์หญิง", "สมศรี", "ใจดี")),
    ("ม.ร.ว.สมชาย ใจดี", ("ม.ร.ว.", "สมชาย", "ใจดี")),
    ("หม่อมหลวงสมชาย ใจดี", ("หม่อมหลวง", "สมชาย", "ใจดี")),
    ("ว่าที่ ร้อยตรี สมชาย ใจดี", ("ว่าที่ร้อยตรี", "สมชาย", "ใจดี")),
    ("ศาสตราจารย์สมชาย ใจดี", ("ศาสตราจารย์", "สมชาย", "ใจดี")),
    ("รองศาสตราจารย์ สมชาย ใจดี", ("รองศาสตราจารย์", "สมชาย", "ใจดี")),
    ("ผู้ช่วยศาสตราจารย์สมชาย ใจดี", ("ผู้ช่วยศาสตราจารย์", "สมชาย", "ใจดี")),
    ("นาวาเอกสมชาย ใจดี", ("นาวาเอก", "สมชาย", "ใจดี")),
    ("เรือเอก สมชาย ใจดี", ("เรือเอก", "สมชาย", "ใจดี")),
    ("พลเรือเอกสมชาย ใจดี", ("พลเรือเอก", "สมชาย", "ใจดี")),
    ("พลอากาศตรี สมชาย ใจดี", ("พลอากาศตรี", "สมชาย", "ใจดี")),
    ("นาวาอากาศเอกสมชาย ใจดี", ("นาวาอากาศเอก", "สมชาย", "ใจดี")),
    ("จ่าอากาศเอก สมชาย ใจดี", ("จ่าอากาศเอก", "สมชาย", "ใจดี")),
    ("พันจ่าอากาศเอกสมชาย ใจดี", ("พันจ่าอากาศเอก", "สมชาย", "ใจดี")),
    ("นายแพทย์สมชาย ใจดี", ("นายแพทย์", "สมชาย", "ใจดี")),
    ("พระปลัดสมชาย", ("พระปลัด", "สมชาย", None)),
    ("พระใบฎีกาสมชาย ฐิตธมฺโม", ("พระใบฎีกา", "สมชาย", "ฐิตธมฺโม")),
    ("พระสมุห์สมชาย", ("พระสมุห์", "สมชาย", None)),
    ("นพ.ดร.สมชาย ใจดี", ("นพ.ดร.", "สมชาย", "ใจดี")),
    ("พลเอก ดร.สมชาย ใจดี", ("พลเอก ดร.", "สมชาย", "ใจดี")),
    ("นายแพทย์ หม่อมหลวง สมชาย ใจดี", ("นายแพทย์ หม่อมหลวง", "สมชาย", "ใจดี")),
    ("นายหมวดตรีสมชาย ใจดี", ("นายหมวดตรี", "สมชาย", "ใจดี")),
    ("นายกองเอก สมชาย ใจดี", ("นายกองเอก", "สมชาย", "ใจดี")),
    ("น.สกฤษยากร ใจดี", ("น.ส.", "กฤษยากร", "ใจดี")),
]


@pytest.mark.parametrize(("full", "expected"), WHY)
def test_why_forms_split_right(full: str, expected: tuple[str, str, str | None]) -> None:
    assert split_name(full) == ParsedName(*expected)


def test_full_name_written_the_thai_way() -> None:
    assert format_name("พระปลัด", "สมชาย", None) == "พระปลัดสมชาย"  # no space gained
    assert format_name("นายแพทย์", "สมชาย", "ใจดี") == "นายแพทย์สมชาย ใจดี"
    assert format_name("พระมหา", "สมปอง", None) == "พระมหาสมปอง"
    assert format_name("น.ส.", "กฤษยากร", "ใจดี") == "น.ส.กฤษยากร ใจดี"
    # Titles that start real given names keep their space: "คุณวุฒิ" is a name.
    assert format_name("คุณ", "วุฒิ", "ใจดี") == "คุณ วุฒิ ใจดี"
    assert split_name("คุณวุฒิ ใจดี") == ParsedName(None, "คุณวุฒิ", "ใจดี")
    # Glued, คุณ is a title when the rest is a known given name and the whole word is not.
    assert split_name("คุณสมศรี ใจดี") == ParsedName("คุณ", "สมศรี", "ใจดี")
    assert split_name("ครูสมศรี ใจดี") == ParsedName("ครู", "สมศรี", "ใจดี")
    assert split_name("คุณภาพ ใจดี") == ParsedName(None, "คุณภาพ", "ใจดี")


def test_duplicate_key_ignores_the_title() -> None:
    a, b = split_name("คุณ สมศรี ใจดี"), split_name("นางสมศรี ใจดี")
    assert name_key(a.first_name, a.last_name) == name_key(b.first_name, b.last_name)
    pa = members.prepare({"name": "คุณ สมศรี ใจดี"}).values
    pb = members.prepare({"name": "นางสมศรี ใจดี"}).values
    assert pa["name_key"] == pb["name_key"]


@pytest.mark.parametrize(
    ("full", "prefix", "first"),
    [
        ("อส.สมชาย ใจดี", "อส.", "สมชาย"),  # known now: volunteer defence
        ("ผญบ.สมชาย ใจดี", "ผญบ.", "สมชาย"),  # village head, not a title in the list
        ("ส.อบต. สมชาย ใจดี", "ส.อบต.", "สมชาย"),
        ("คุณครู สมศรี ใจดี", "คุณครู", "สมศรี"),
        ("ผู้ใหญ่บ้าน สมชาย ใจดี", "ผู้ใหญ่บ้าน", "สมชาย"),
    ],
)
def test_title_like_words_go_to_prefix(full: str, prefix: str, first: str) -> None:
    parsed = split_name(full)
    assert (parsed.prefix, parsed.first_name) == (prefix, first)
    assert (parsed.warning is None) == is_known_prefix(prefix)


def test_unknown_title_warns_through_prepare() -> None:
    prepared = members.prepare({"name": "ผญบ.สมชาย ใจดี"})
    assert prepared.values["prefix"] == "ผญบ."
    assert prepared.values["first_name"] == "สมชาย"
    assert any("ผญบ." in w and "unknown title" in w for w in prepared.warnings)


def test_plain_names_are_not_titles() -> None:
    for full in ("สมชาย ณ อยุธยา", "สมชาย ใจดี", "พระพร ใจดี", "เรืองศักดิ์ ใจดี"):
        assert split_name(full).warning is None
    assert split_name("สมชาย ณ อยุธยา").prefix is None


def test_prefix_column_is_taken_as_written() -> None:
    for column, expected in [("คุณ", "คุณ"), ("ผู้ใหญ่บ้าน", "ผู้ใหญ่บ้าน"), ("ว่าที่ร.ต.", "ว่าที่ ร.ต.")]:
        values = members.prepare(
            {"prefix": column, "first_name": "สมศรี", "last_name": "ใจดี"}
        ).values
        assert (values["prefix"], values["first_name"], values["last_name"]) == (
            expected,
            "สมศรี",
            "ใจดี",
        )
    # A first-name cell repeating the column's title loses it; any other word is the name.
    values = members.prepare({"prefix": "นาย", "first_name": "นายสมชาย"}).values
    assert (values["prefix"], values["first_name"]) == ("นาย", "สมชาย")
    values = members.prepare({"prefix": "นาย", "first_name": "พระพร", "last_name": "ดี"}).values
    assert (values["prefix"], values["first_name"]) == ("นาย", "พระพร")


def test_stacks_alone_are_refused() -> None:
    from netcli.errors import ValidationError

    for text in ("พลเอก ดร.", "ผศ. ดร.", "นพ.ดร."):
        with pytest.raises(ValidationError):
            split_name(text)


def test_every_service_has_its_ranks() -> None:
    for service, ranks in titles.RANK_SERVICES.items():
        for word, abbr in ranks:
            for form in (word, abbr):
                if form:
                    assert split_name(f"{form} สมชาย ใจดี").prefix == form, (service, form)


# --- property tests ------------------------------------------------------------------------

GAP = st.sampled_from(["", " ", "  "])


def _glues(title: str) -> bool:
    return title not in titles.NEED_SPACE and title not in titles.SOFT_GLUE


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(PREFIXES), GAP, NAME, LAST)
def test_any_title_with_any_spacing_is_the_prefix(
    title: str, gap: str, first: str, last: str | None
) -> None:
    assume(gap or _glues(title))
    written = f"{title}{gap}{first}" + (f" {last}" if last else "")
    parsed = split_name(written)
    # Glued, the name may extend the title into a longer one ("พระ" + "ครูสม…"): then the
    # longer title is right. Otherwise the prefix is the title.
    if gap:
        assert parsed.prefix == normalize_prefix(title) or parsed.prefix.startswith(title)
    else:
        assert parsed.prefix is not None and parsed.prefix.startswith(title.split("(")[0][:2])
    assert parsed.warning is None


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(titles.ALIASES)), GAP, NAME)
def test_aliases_give_the_canonical_title(alias: str, gap: str, first: str) -> None:
    parsed = split_name(f"{alias}{gap}{first} ใจดี")
    assert parsed.prefix is not None
    assert parsed.prefix.startswith(titles.ALIASES[alias].split("(")[0])


STACK_FIRST = st.sampled_from(
    [t for t in PREFIXES if titles.CLASS_OF[t] in (titles.RANK, titles.ACADEMIC, titles.MEDICAL)]
)
STACK_SECOND = st.sampled_from(["ดร.", "ม.ล.", "ม.ร.ว.", "หม่อมหลวง", "คุณหญิง"])


@settings(max_examples=300, deadline=None)
@given(STACK_FIRST, STACK_SECOND, st.sampled_from(["", " "]), NAME, LAST)
def test_stacked_titles_go_whole_to_prefix(
    first_title: str, second: str, gap: str, first: str, last: str | None
) -> None:
    assume(titles.CLASS_OF[second] in titles.STACKS_AFTER[titles.CLASS_OF[first_title]])
    written = f"{first_title}{gap}{second} {first}" + (f" {last}" if last else "")
    parsed = split_name(written)
    assert parsed.first_name == clean(first)
    assert parsed.prefix == normalize_prefix(f"{first_title} {second}")
    assert split_name(format_name(parsed.prefix, parsed.first_name, parsed.last_name)) == parsed


RANK_WORDS = st.sampled_from([w for ranks in titles.RANK_SERVICES.values() for w, _ in ranks])


@settings(max_examples=200, deadline=None)
@given(RANK_WORDS, st.sampled_from(["", " ", "  "]), NAME)
def test_acting_ranks_with_or_without_space(rank: str, gap: str, first: str) -> None:
    assume(f"ว่าที่{rank}" in titles.RANK_TITLES)
    assert split_name(f"ว่าที่{gap}{rank} {first} ใจดี").prefix == f"ว่าที่{rank}"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from("กขคงจฉชซญดตถทธนบปผพฟภมยรลวศษสหอฮ"), min_size=2, max_size=3),
    st.sampled_from(["", " "]),
    NAME,
)
def test_unknown_dotted_abbreviation_is_kept_with_a_warning(
    letters: list[str], gap: str, first: str
) -> None:
    abbr = "".join(letters) + "."
    assume(not is_known_prefix(abbr))
    parsed = split_name(f"{abbr}{gap}{first} ใจดี")
    assert parsed.prefix == abbr
    assert parsed.first_name == clean(first)
    assert parsed.warning and abbr in parsed.warning


@settings(max_examples=200, deadline=None)
@given(st.lists(SYLLABLE, min_size=1, max_size=3).map("".join), LAST)
def test_no_final_dot_on_nor_glued(first: str, last: str | None) -> None:
    # (not พ: "น.สพ ใจดี" is น.สพ., นายสัตวแพทย์, missing its dot)
    assume(first[0] in "กขคงจฉชซญดตถทธนบปผฟภมยรลวศษสหอฮเแโไ")
    parsed = split_name(f"น.ส{first} {last or 'ใจดี'}")
    assert (parsed.prefix, parsed.first_name) == ("น.ส.", clean(first))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PREFIXES), st.sampled_from(PREFIXES), NAME, LAST)
def test_name_key_is_the_same_under_any_two_titles(
    a: str, b: str, first: str, last: str | None
) -> None:
    pa = split_name(f"{a} {first} {last or ''}")
    pb = split_name(f"{b} {first} {last or ''}")
    assume(pa.first_name == clean(first) and pb.first_name == clean(first))
    assert name_key(pa.first_name, pa.last_name) == name_key(pb.first_name, pb.last_name)


def test_a_latin_title_glued_to_a_thai_name() -> None:
    # Found by the property test above ("Missก"): the change of script ends the title.
    for written, prefix in (("Missสมศรี ใจดี", "Miss"), ("Mrสมชาย ใจดี", "Mr."), ("Ms.สมศรี", "Ms.")):
        assert split_name(written).prefix == prefix, written
    # Latin letters after a Latin title are still one word ("Missy" is a name).
    assert split_name("Missy Smith").prefix is None
