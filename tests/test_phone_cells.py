"""A phone cell with an extension or two numbers is kept, not refused (a review found the whole
row rejected): the first number is the phone people are matched on, the cell as written goes
to the notes, and the officer is told."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from netcli.errors import ValidationError
from netcli.thai.phones import read_phones
from tests.conftest import assert_clean_error
from tests.test_import_fixtures import members, write_workbook


@pytest.mark.parametrize(
    ("cell", "digits"),
    [
        ("(054) 289-000 ต่อ 12", "054289000"),
        ("02-123-4567 ext. 5", "021234567"),
        ("02-123-4567 #5", "021234567"),
        ("081-234-5678, 089-111-2222", "0812345678"),
        ("081-234-5678 หรือ 089-111-2222", "0812345678"),
        ("081-234-5678 / 089-111-2222", "0812345678"),
        ("๐๘๑ ๒๓๔ ๕๖๗๘ และ ๐๘๙ ๑๑๑ ๒๒๒๒", "0812345678"),
        ("081 234 5678 089 111 2222", "0812345678"),
    ],
)
def test_the_first_number_and_the_cell_as_written(cell: str, digits: str) -> None:
    assert read_phones(cell) == (digits, cell)


def test_a_line_break_between_numbers() -> None:
    assert read_phones("081-234-5678\n089-111-2222")[0] == "0812345678"


def test_one_number_is_only_the_number() -> None:
    assert read_phones("081-234-5678") == ("0812345678", None)
    assert read_phones(812345678) == ("0812345678", None)


@pytest.mark.parametrize(
    "cell", ["081-234-5678, abc", "ต่อ 12", "081-234-567 ต่อ 12", "081, 089", "โทร 081", "-"]
)
def test_a_cell_with_anything_else_is_refused(cell: str) -> None:
    with pytest.raises(ValidationError) as info:
        read_phones(cell)
    assert info.value.code == "bad-phone"


def test_import_keeps_the_row_the_phone_and_the_whole_cell(
    cli: Any, db_path: Path, tmp_path: Path
) -> None:
    roster = write_workbook(
        tmp_path / "phones.xlsx",
        {
            "S": [
                ["ชื่อ-สกุล", "จังหวัด", "เบอร์โทร", "หมายเหตุ"],
                ["นายสมชาย ใจดี", "ลำปาง", "(054) 289-000 ต่อ 12", None],
                ["นางสมศรี ใจดี", "ลำปาง", "081-234-5678, 089-111-2222", "ประธานกลุ่ม"],
                ["นายบุญมี ศรีสุข", "ลำปาง", "081-234-5678, abc", None],
            ]
        },
    )
    run = cli("import", str(roster), "--format", "json")
    report = run.json()
    assert (report["inserted"], report["rejected"]) == (2, 1)  # only the garbage row
    people = {m["full_name"]: m for m in members(db_path)}
    somchai, somsri = people["นายสมชาย ใจดี"], people["นางสมศรี ใจดี"]
    assert (somchai["phone"], somchai["notes"]) == ("054289000", "โทร (054) 289-000 ต่อ 12")
    assert somsri["phone"] == "0812345678"
    assert somsri["notes"] == "ประธานกลุ่ม; โทร 081-234-5678, 089-111-2222"
    told = [w for w in report["warnings"] if "หมายเหตุ" in w["message"]]
    assert [w["row"] for w in told] == [2, 3]
    # The second number finds nobody; the first is the one people are matched on.
    assert cli("member", "list", "--search", "สมศรี", "-f", "json").json()[0]["phone"]


def test_member_edit_with_two_numbers_asks_for_the_notes(cli: Any, db_path: Path) -> None:
    cli("member", "add", "นายสมชาย ใจดี", "--province", "ลำปาง", "--note", "เดิม")
    run = cli("member", "edit", "1", "--phone", "081-234-5678 ต่อ 3")
    assert_clean_error(run)
    assert "--note" in run.stderr
    shown = cli("member", "show", "1", "-f", "json").json()
    assert shown["phone"] is None and shown["notes"] == "เดิม"  # nothing half-written
    run = cli("member", "edit", "1", "--phone", "081-234-5678 ต่อ 3", "--note", "ใหม่")
    assert run.exit_code == 0, run.stderr
    shown = cli("member", "show", "1", "-f", "json").json()
    assert (shown["phone"], shown["notes"]) == ("0812345678", "ใหม่; โทร 081-234-5678 ต่อ 3")
