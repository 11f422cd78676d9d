"""The fast paths of the roster import give exactly what the slow paths give.

Speed work on ``netcli import`` (benchmarks/import_roster.py) added shortcuts in the Thai name
splitting, ``members.prepare`` and the import's row preparation. Each shortcut is checked here
against the plain path it replaces, on generated and hand-picked input.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netcli.errors import ValidationError
from netcli.people import members
from netcli.store.records import clean_text
from netcli.thai import names
from netcli.thai.text import clean

THAI = "".join(chr(c) for c in range(0x0E01, 0x0E5C))
# Pieces that make prefixes, near-prefixes and what may follow them (following vowels and ๆ
# cannot start a word, so a prefix before them does not count).
PIECES = [
    *names.PREFIXES[:40],
    *[p for p in names.PREFIXES if p.startswith("ว่าที่")][:20],
    "นา", "นาง", "นางสาว", "น.ส", "น.ส.", "ว่าที่", "ว่าที่ ", "ร.ต.", "ดร", "Mr", "mr.", "MRS",
    "า", "ะ", "ๆ", "ำ", "ฯ", " ", ".", "ประกิจ", "สมชาย", "เสาร์แก้ว", "ณ อยุธยา", "John", "x",
]  # fmt: skip
TEXTS = st.one_of(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join),
    st.text(alphabet=THAI + " .abcMmRrSs", max_size=30),
    st.text(max_size=30),
)
MANY = settings(max_examples=600, deadline=None)


def _split_reference(cleaned: str) -> names.ParsedName:
    """``names._split`` without the shortcuts: every pattern one by one, the full prefix check."""
    if not cleaned:
        raise ValidationError("ชื่อว่าง (empty name)", field="name", value=cleaned)
    if names._compact(cleaned) in names._prefix_forms():
        raise ValidationError("prefix without a name", field="name", value=cleaned)
    prefix, rest, could_follow = names._stack(cleaned, names._step_from)
    return names._finish_split(cleaned, prefix, rest, could_follow)


def _outcome(fn: Any, *args: Any) -> Any:
    try:
        return ("ok", fn(*args))
    except ValidationError as exc:
        return ("refused", exc.field)


@MANY
@given(TEXTS)
def test_one_alternation_finds_the_prefix_the_pattern_loop_finds(text: str) -> None:
    cleaned = clean(text)
    assert names._match_prefix(cleaned) == names._match_prefix_slow(cleaned)
    assert names._match_prefix(text) == names._match_prefix_slow(text)


@pytest.mark.parametrize(
    "text",
    [
        "นางา",  # นาง matches, but "า" cannot start a word: no prefix
        "นางสาวา",  # the longest prefix fails, a shorter one must not win either
        "นายๆ",
        "ว่าที่ ร.ต.",  # a prefix alone
        "ว่าที่ร.ต.เกรียงไกร สมคิด",
        "ว่าที่ ร.ต.หญิง สมศรี ใจดี",
        "น.ส ชไมพร",
        "mr john smith",
        "ดรุณี ดี",  # starts like ดร. but has no dot
        "พระครูสมุห์ สมชาย",
    ],
)
def test_prefix_matching_examples(text: str) -> None:
    assert names._match_prefix(text) == names._match_prefix_slow(text)
    assert _outcome(names.split_name, text) == _outcome(_split_reference, clean(text))


@MANY
@given(TEXTS)
def test_split_name_equals_the_reference(text: str) -> None:
    cleaned = clean(text)
    assert _outcome(names.split_name, text) == _outcome(_split_reference, cleaned)
    # The import passes text it has cleaned already.
    assert _outcome(names.split_cleaned, cleaned) == _outcome(names.split_name, text)


def test_every_prefix_alone_is_still_refused() -> None:
    for form, canonical in names._prefix_forms().items():
        for text in (canonical, form, f" {canonical} ", canonical.upper()):
            with pytest.raises(ValidationError):
                names.split_name(text)


@MANY
@given(TEXTS)
def test_cached_prefix_normalisation_equals_the_plain_one(text: str) -> None:
    plain = names._normalize_prefix.__wrapped__(text)
    assert names.normalize_prefix(text) == plain
    assert names.normalize_prefix(text) == plain  # second call: from the cache


CELL = st.one_of(
    TEXTS,
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(),
)


def _text_reference(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean(str(value)) or None


@MANY
@given(st.one_of(st.none(), CELL))
def test_member_text_equals_the_reference(value: Any) -> None:
    assert clean_text(value) == _text_reference(value)


@MANY
@given(name=TEXTS, phone=st.sampled_from([None, "081-234-5678", 812345678, "12"]))
def test_prepare_splits_names_as_before(name: str, phone: Any) -> None:
    raw = {"name": name, "phone": phone}
    try:
        values: Any = members.prepare(raw).values
    except ValidationError as exc:
        values = ("refused", exc.field)
    cleaned = _text_reference(name)
    try:
        ref = _split_reference(cleaned or "")
    except ValidationError:
        assert values == ("refused", "name")
        return
    if values == ("refused", "phone"):
        return
    assert (values["prefix"], values["first_name"], values["last_name"]) == (
        ref.prefix,
        ref.first_name,
        ref.last_name,
    )


def test_prepare_refuses_unknown_fields_by_name() -> None:
    with pytest.raises(ValidationError) as info:
        members.prepare({"name": "นายประกิจ เสาร์แก้ว", "zzz": 1, "aaa": 2})
    assert info.value.field == "aaa"


# --- the import's row preparation: memo shortcut against one prepare call per row ------


def _reader(fields: tuple[str, ...]) -> Any:
    from netcli.importer.headers import Columns
    from netcli.importer.rows import RowReader

    mapping = dict(enumerate(fields))
    return RowReader(Columns(header_index=0, fields=mapping, headers=mapping))


ROW_FIELDS = ("name", "role", "sector", "village", "joined_on", "province", "district", "phone")
ROW = st.fixed_dictionaries(
    {
        "name": st.sampled_from(["นายประกิจ เสาร์แก้ว", "น.ส.ชไมพร ใจดี", "ว่าที่ ร.ต. สมชาย ดี"]),
        "role": st.sampled_from(["ประธาน", "  กรรมการ ", "สมาชิก"]),
        "sector": st.sampled_from(["รัฐ", "ngo", "ภาคประชาชน", "ไม่รู้จัก"]),
        "village": st.sampled_from(["หมู่ 3", "ม.๔", 5, 5.0]),
        "joined_on": st.sampled_from(
            ["1/10/2568", date(2024, 5, 1), datetime(2024, 5, 1, 0, 0), "31/2/2568", 45000]
        ),
        "province": st.sampled_from(["เชียงใหม่", "ชม", "เชียงใหม", "เชียงใม", "ลำปาง"]),
        "district": st.sampled_from(["อ.เมือง", "สันทราย", "เวียงกานต์"]),
        "phone": st.sampled_from(["081-234-5678", 812345678, "12"]),
    }
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ROW, min_size=1, max_size=12))
def test_memoised_rows_equal_one_prepare_call_each(rows: list[dict[str, Any]]) -> None:
    reader = _reader(ROW_FIELDS)
    for raw in rows:  # the same values again and again: memo hits and misses both
        got = reader.prepare(dict(raw))
        try:
            whole = members.prepare(dict(raw))
        except ValidationError:
            assert got.errors
            continue
        assert not got.errors
        assert got.values == whole.values
        assert sorted(m for _, m in got.warnings) == sorted(whole.warnings)


# --- the import's new-member rows ------------------------------------------------------


def test_a_new_member_row_holds_exactly_the_member_columns(tmp_path) -> None:
    from netcli.importer.run import Upserter
    from netcli.store import db

    conn = db.connect(tmp_path / "u.db")
    up = Upserter(conn, overwrite=False, source="import #1: x.xlsx")
    plain = members.prepare({"name": "นายประกิจ เสาร์แก้ว", "phone": "081-234-5678"}).values
    extra = members.prepare({"name": "นางมาลี ศรีสุข", "source": "จากไฟล์", "province": "น่าน"})
    for values in (plain, extra.values):
        status, mid, _, _, _ = up.upsert(values)
        assert status == "inserted"
        reference = dict.fromkeys(members.DATA_COLUMNS)
        reference.update((k, v) for k, v in values.items() if k in reference)
        assert up.pending[mid] == reference
        assert list(up.pending[mid]) == list(members.DATA_COLUMNS)
    conn.close()


def test_the_warm_up_row_is_a_whole_valid_row() -> None:
    # rows.warm_up prepares this row while calamine loads a big sheet: it must reach the place
    # index, the title patterns, the phone and the date reader, and change no later result.
    from netcli.importer import rows

    prepared = members.prepare(rows._SAMPLE)
    assert prepared.warnings == []
    values = prepared.values
    assert values["prefix"] == "นาย" and values["subdistrict_code"] and values["joined_on"]
    assert values["phone"] == "0812345678"
    before = members.prepare({"name": "น.ส.ชไมพร ใจดี", "province": "ชม"}).values
    rows.warm_up()
    assert members.prepare({"name": "น.ส.ชไมพร ใจดี", "province": "ชม"}).values == before


@settings(max_examples=100, deadline=None)
@given(st.lists(ROW, min_size=1, max_size=8), st.lists(ROW, min_size=1, max_size=8))
def test_memo_entries_taken_from_another_reader_give_the_same_rows(
    first: list[dict[str, Any]], then: list[dict[str, Any]]
) -> None:
    # The helper process of a big import sends its new memo entries (pickled) to the main
    # process's reader (importer/parallel.py): rows prepared with them are the plain rows.
    import pickle

    helper, main, plain = _reader(ROW_FIELDS), _reader(ROW_FIELDS), _reader(ROW_FIELDS)
    for raw in first:
        helper.prepare(dict(raw))
    main.add_memos(pickle.loads(pickle.dumps(helper.new_memos())))
    assert helper.new_memos() == []  # each entry is given once
    for raw in then:
        got, want = main.prepare(dict(raw)), plain.prepare(dict(raw))
        assert got.values == want.values and got.warnings == want.warnings
        assert [(e.field, e.code, e.message) for e in got.errors] == [
            (e.field, e.code, e.message) for e in want.errors
        ]
