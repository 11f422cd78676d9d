from __future__ import annotations

import time

import geothai
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netcli.errors import ValidationError
from netcli.thai.places import (
    PROVINCE_ABBREVIATIONS,
    Place,
    format_place,
    province_code,
    province_names,
    resolve_place,
    resolve_province,
)

ALL_SUBDISTRICTS = [
    s
    for p in geothai.provinces()
    for d in geothai.districts(p.code)
    for s in geothai.subdistricts(d.code)
]


def test_required_examples() -> None:
    assert resolve_place("ป่าไผ่", "สันทราย", "จ.เชียงใหม่") == Place(
        "เชียงใหม่", "50", "สันทราย", "5014", "ป่าไผ่", "501412"
    )
    place = resolve_place("ปางหมู", "อ.เมือง", "จ.แม่ฮ่องสอน")
    assert (place.district, place.district_code) == ("เมืองแม่ฮ่องสอน", "5801")
    assert (place.subdistrict, place.subdistrict_code) == ("ปางหมู", "580104")
    assert place.warnings == ()
    assert format_place(place) == "ต.ปางหมู อ.เมืองแม่ฮ่องสอน จ.แม่ฮ่องสอน"


@pytest.mark.parametrize(
    "written",
    ["เชียงใหม่", "เชียงใหม่ ", " จ.เชียงใหม่", "จ. เชียงใหม่", "จังหวัดเชียงใหม่", "Chiang Mai",
     "chiang mai", "CHIANGMAI", "Chiang Mai Province", "ชม", "เชียง\u200bใหม่"],
)  # fmt: skip
def test_province_written_forms(written: str) -> None:
    assert resolve_province(written) == ("เชียงใหม่", "50")


@pytest.mark.parametrize(
    "written", ["กทม", "กทม.", "กท", "กรุงเทพ", "กรุงเทพฯ", "Bangkok", "กรุงเทพมหานคร"]
)
def test_bangkok_forms(written: str) -> None:
    assert resolve_province(written) == ("กรุงเทพมหานคร", "10")


@pytest.mark.parametrize(
    ("abbr", "name"),
    [
        ("ชร", "เชียงราย"),
        ("ลป", "ลำปาง"),
        ("มส", "แม่ฮ่องสอน"),
        ("ลพ", "ลำพูน"),
        ("อย", "พระนครศรีอยุธยา"),
    ],
)
def test_abbreviations(abbr: str, name: str) -> None:
    assert resolve_province(abbr)[0] == name


def test_abbreviation_table_is_complete() -> None:
    codes = [code for code, _ in province_names()]
    assert len(codes) == 77
    assert sorted(PROVINCE_ABBREVIATIONS) == codes
    assert len(set(PROVINCE_ABBREVIATIONS.values())) == 77
    for code, abbr in PROVINCE_ABBREVIATIONS.items():
        assert province_code(abbr) == code


def test_every_official_and_english_name() -> None:
    for p in geothai.provinces():
        assert resolve_province(p.name_th) == (p.name_th, p.code)
        assert resolve_province(p.name_en.upper()) == (p.name_th, p.code)
        assert resolve_province(f"จ.{p.name_th}") == (p.name_th, p.code)


def test_unknown_province_suggests() -> None:
    with pytest.raises(ValidationError) as info:
        resolve_province("เชียงใหม")
    assert info.value.field == "province"
    assert info.value.value == "เชียงใหม"
    assert info.value.suggestion == "เชียงใหม่"
    with pytest.raises(ValidationError) as info:
        resolve_place("ป่าไผ่", "สันทราย", "Chiang Maii")
    assert info.value.suggestion == "เชียงใหม่"
    with pytest.raises(ValidationError):
        resolve_province("")


def test_unknown_subdistrict_kept_with_warning() -> None:
    place = resolve_place("ต.เวียงกานต์", "อ.เวียงแก่น", "จ.เชียงราย")
    assert place.subdistrict == "เวียงกานต์"
    assert place.subdistrict_code is None
    assert (place.district, place.district_code) == ("เวียงแก่น", "5713")
    assert place.warnings == (
        "ตำบล 'เวียงกานต์' ไม่อยู่ในรายชื่อตำบลของ อ.เวียงแก่น จ.เชียงราย — เก็บตามที่เขียน"
        " (subdistrict 'เวียงกานต์' is not in the district, kept as written)",
    )


def test_unknown_district_kept_with_warning() -> None:
    place = resolve_place("ตลาด", "อ.เมืองสุราษ", "สุราษฎร์ธานี")
    assert (place.district, place.district_code) == ("เมืองสุราษ", None)
    assert (place.subdistrict, place.subdistrict_code) == ("ตลาด", None)
    assert place.province_code == "84"
    assert len(place.warnings) == 2
    assert "เมืองสุราษฎร์ธานี" in place.warnings[0]  # nearest official name offered


def test_district_forms() -> None:
    for district in ("สันทราย", "อ.สันทราย", "อำเภอสันทราย", "อ. สันทราย", "San Sai"):
        assert resolve_place(None, district, "เชียงใหม่").district_code == "5014"
    for district in ("เมือง", "อ.เมือง", "อำเภอเมือง", "Mueang", "เมืองเชียงใหม่", "Mueang Chiang Mai"):
        assert resolve_place(None, district, "เชียงใหม่").district_code == "5001"


def test_capital_district_of_every_province() -> None:
    for code, name in province_names():
        if code == "10":
            continue
        place = resolve_place(None, "อ.เมือง", name)
        assert place.district_code == f"{code}01", name


def test_bangkok_khet_khwaeng() -> None:
    for sub, dist in [("พระบรมมหาราชวัง", "พระนคร"), ("แขวงพระบรมมหาราชวัง", "เขตพระนคร")]:
        place = resolve_place(sub, dist, "กทม")
        assert place.province == "กรุงเทพมหานคร"
        assert place.district_code == "1001"
        assert place.subdistrict_code == "100101"
        assert format_place(place) == "แขวงพระบรมมหาราชวัง เขตพระนคร กรุงเทพมหานคร"
    assert resolve_place(None, "เมือง", "กทม").district_code is None  # no capital district


def test_subdistrict_without_district() -> None:
    place = resolve_place("ป่าไผ่", None, "เชียงใหม่")
    assert (place.district_code, place.subdistrict_code) == ("5014", "501412")
    ambiguous = resolve_place("ในเมือง", None, "ขอนแก่น")
    assert ambiguous.subdistrict == "ในเมือง"
    assert ambiguous.subdistrict_code is None
    assert "มีหลายแห่ง" in ambiguous.warnings[0]


def test_province_inferred_or_left_empty() -> None:
    assert resolve_place("ปางหมู", None, None).province_code == "58"
    assert resolve_place("ป่าไผ่", "สันทราย", None).subdistrict_code == "501412"
    unknown = resolve_place("วังทอง", None, None)  # nine of them in the country
    assert (unknown.province, unknown.subdistrict, unknown.subdistrict_code) == (
        None,
        "วังทอง",
        None,
    )
    assert unknown.warnings
    assert resolve_place() == Place(None, None, None, None, None, None)
    assert resolve_place("", "  ", "") == Place(None, None, None, None, None, None)


def test_lookups_are_fast_after_warm_up() -> None:
    resolve_place("ป่าไผ่", "สันทราย", "จ.เชียงใหม่")
    start = time.perf_counter()
    for _ in range(10_000):
        resolve_place("ป่าไผ่", "สันทราย", "จ.เชียงใหม่")
    assert (time.perf_counter() - start) / 10_000 < 20e-6


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(ALL_SUBDISTRICTS), st.sampled_from(["", "ต.", "ตำบล ", "แขวง"]))
def test_every_subdistrict_resolves_to_itself(sub: geothai.types.Subdistrict, word: str) -> None:
    district = geothai.district(sub.district_code)
    province = geothai.province(sub.province_code)
    assert district is not None and province is not None
    place = resolve_place(f"{word}{sub.name_th}", f"อ.{district.name_th}", f" {province.name_th} ")
    assert place.subdistrict_code == sub.code
    assert place.district_code == sub.district_code
    assert place.province_code == sub.province_code
    assert place.warnings == ()
    # English names can repeat (two "Bang Sai" districts in Ayutthaya): then nothing is guessed.
    english = resolve_place(sub.name_en, district.name_en, province.name_en)
    assert english.province_code == sub.province_code
    assert english.district_code in (sub.district_code, None)
    assert english.subdistrict_code in (sub.code, None)
    if english.subdistrict_code is None:
        assert english.warnings


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_any_province_text_resolves_or_is_refused(text: str) -> None:
    try:
        name, code = resolve_province(text)
    except ValidationError as e:
        assert e.field == "province"
    else:
        assert (code, name) in province_names()


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.none(), st.text(max_size=20)), st.one_of(st.none(), st.text(max_size=20)))
def test_any_district_and_subdistrict_text_gives_a_place(sub: str | None, dist: str | None) -> None:
    place = resolve_place(sub, dist, "เชียงราย")
    assert place.province_code == "57"
    if place.district_code is not None:
        assert place.district_code.startswith("57")
    if place.subdistrict_code is not None:
        assert place.subdistrict_code.startswith(place.district_code or "57")
    unresolved = (sub and place.subdistrict_code is None and place.subdistrict) or (
        dist and place.district_code is None and place.district
    )
    if unresolved:
        assert place.warnings  # never silently dropped
