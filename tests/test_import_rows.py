"""The import prepares rows through members.prepare: memoised groups give the same values as one call."""

from __future__ import annotations

from datetime import date

import pytest

from netcli.errors import ValidationError
from netcli.importer.headers import Columns, Mapper, detect, header_key
from netcli.importer.rows import RowReader
from netcli.people import members

ROWS = [
    {"name": "นายประกิจ เสาร์แก้ว", "province": "จ.เชียงใหม่", "district": "อ.สันทราย", "subdistrict": "ต.ป่าไผ่",
     "phone": 812345678, "village": "หมู่ ๓", "role": "ประธาน", "joined_on": date(2019, 6, 13)},
    {"name": "ว่าที่ ร.ต. เกรียงไกร สมคิด", "province": "ลป", "subdistrict": "ร่องเคาะ", "sector": "ngo",
     "issue_areas": "เด็ก, เยาวชน", "joined_on": "๒๑ ก.ค. ๕๓", "email": "A@Example.org"},
    {"name": "นายกมล กล้าหงส์", "province": "ลำพูน", "district": "บ้านโฮ่ง", "subdistrict": "เวียงกานต์",
     "national_id": "3100600445635", "consent_at": "13/06/2562", "consent_purpose": "ติดต่อเครือข่าย"},
    {"first_name": "นางสาวมาลี", "last_name": "ศรีสุข", "province": "น่าน", "line_id": "malee", "notes": "x"},
]  # fmt: skip


def _reader(fields: list[str]) -> RowReader:
    return RowReader(
        Columns(header_index=0, fields=dict(enumerate(fields)), headers=dict(enumerate(fields)))
    )


@pytest.mark.parametrize("raw", ROWS)
def test_row_preparation_equals_one_prepare_call(raw: dict) -> None:
    reader = _reader(list(raw))
    for _ in range(2):  # the second time from the memo
        got = reader.prepare(dict(raw))
        whole = members.prepare(dict(raw))
        assert got.errors == []
        assert got.values == whole.values
        assert sorted(m for _, m in got.warnings) == sorted(whole.warnings)


@pytest.mark.parametrize(
    "raw",
    [
        {"name": "นายผิด จังหวัด", "province": "เชียงใม"},
        {"name": None, "province": "น่าน", "phone": "0812345678"},
        {"name": "นายวันที่ ผิด", "joined_on": "31 กุมภาพันธ์ 2562", "phone": "12"},
        {"name": "นายบัตร ผิด", "national_id": "1234567890123"},
    ],
)
def test_a_refused_row_reports_what_prepare_refuses(raw: dict) -> None:
    reader = _reader(list(raw))
    raw = {k: v for k, v in raw.items() if v is not None}
    got = reader.prepare(raw)
    with pytest.raises(ValidationError) as whole:
        members.prepare(raw)
    assert got.errors and whole.value.field in {e.field for e in got.errors}


def test_header_keys_ignore_spacing_punctuation_case_and_digits() -> None:
    assert header_key(" ชื่อ - สกุล ") == header_key("ชื่อ-สกุล") == header_key("ชื่อ–สกุล")
    assert header_key("E-mail") == header_key("email") and header_key("No.") == header_key("NO")
    assert header_key("หมู่ที่\u200b") == header_key("หมู่ที่")
    mapper = Mapper()
    assert mapper.field_for("อีเมล (ถ้ามี)") == "email"
    assert mapper.field_for("เบอร์โทรศัพท์") == "phone" and mapper.field_for("Full name") == "name"
    assert mapper.field_for("ลายมือชื่อ") == "ignore"


def test_header_row_is_found_below_titles_and_dates() -> None:
    rows = [
        ["รายชื่อผู้เข้าร่วมโครงการ", "", ""],
        ["วันที่ 13 มิถุนายน 2562", "", ""],
        ["", "", ""],
        ["ลำดับ", "Full name", "Province"],
        [1, "นายสมชาย รักดี", "น่าน"],
    ]
    cols = detect(rows, Mapper())
    assert cols is not None and cols.header_index == 3
    assert cols.fields == {1: "name", 2: "province"} and cols.ignored == [0]
