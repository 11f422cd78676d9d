"""``netcli import``: a messy sign-in roster goes in whole, and importing it again changes nothing."""

from __future__ import annotations

from pathlib import Path

from tests.test_import_fixtures import count, members, write_roster, write_workbook


def test_roster_with_titles_thai_digits_numeric_phones_and_signature_imports_everyone(
    cli, db_path: Path, tmp_path: Path
) -> None:
    roster = write_roster(tmp_path / "รายชื่อ.xlsx")
    run = cli("import", str(roster), "--format", "json")
    assert run.exit_code == 0, run.stderr
    report = run.json()
    assert (report["inserted"], report["updated"], report["unchanged"], report["rejected"]) == (
        5,
        0,
        0,
        0,
    )
    entry = report["files"][0]
    assert entry["sheets"] == ["รายชื่อ"] and entry["rows"] == 5 and entry["import_id"] == 1
    assert report["errors"] == []

    people = {m["full_name"]: m for m in members(db_path)}
    assert set(people) == {
        "นายประกิจ เสาร์แก้ว",
        "นางสาวพรทิพย์ ใจมั่น",
        "นางสุภาพ จันแปงเงิน",
        "ว่าที่ ร.ต. เกรียงไกร สมคิด",
        "นายกมล กล้าหงส์",  # the zero-width space and trailing blank are gone
    }
    prakit = people["นายประกิจ เสาร์แก้ว"]
    assert (prakit["phone"], prakit["village"], prakit["province"], prakit["province_code"]) == (
        "0812345678",
        "3",
        "เชียงใหม่",
        "50",
    )
    assert (prakit["subdistrict"], prakit["district"], prakit["role"]) == (
        "ป่าไผ่",
        "สันทราย",
        "นายกเทศมนตรี",
    )
    assert people["นางสาวพรทิพย์ ใจมั่น"]["phone"] == "0891234567"
    assert people["นางสุภาพ จันแปงเงิน"]["phone"] == "0861112233"  # 861112233.0: the zero came back
    assert people["นางสุภาพ จันแปงเงิน"]["province"] == "เชียงราย"
    assert people["ว่าที่ ร.ต. เกรียงไกร สมคิด"]["phone"] == "0817654321"  # Thai digits
    assert people["ว่าที่ ร.ต. เกรียงไกร สมคิด"]["village"] == "2"

    # The municipality name is kept as written, with a warning naming its row and column.
    kamon = people["นายกมล กล้าหงส์"]
    assert (
        kamon["subdistrict"],
        kamon["subdistrict_code"],
        kamon["district"],
        kamon["province"],
    ) == (
        "เวียงกานต์",
        None,
        "บ้านโฮ่ง",
        "ลำพูน",
    )
    warning = next(w for w in report["warnings"] if w["value"] == "เวียงกานต์")
    assert warning["row"] == 9 and warning["column"] == "ตำบล" and "เวียงกานต์" in warning["message"]


def test_reimporting_the_same_roster_changes_nothing(cli, db_path: Path, tmp_path: Path) -> None:
    roster = write_roster(tmp_path / "roster.xlsx")
    assert cli("import", str(roster)).exit_code == 0
    before = members(db_path)
    log_before = count(db_path, "change_log")
    again = cli("import", str(roster), "--format", "json")
    assert again.exit_code == 0, again.stderr
    report = again.json()
    assert (report["inserted"], report["updated"], report["unchanged"]) == (0, 0, 5)
    assert members(db_path) == before
    assert count(db_path, "change_log") == log_before
    listed = cli("import", "list", "--format", "json").json()
    assert [b["id"] for b in listed] == [2, 1]
    assert listed[0]["unchanged"] == 5 and listed[1]["inserted"] == 5
    assert len(listed[0]["sha256"]) == 64 and listed[0]["sha256"] == listed[1]["sha256"]


def test_human_report_is_a_thai_table_with_the_batch_for_undo(cli, tmp_path: Path) -> None:
    run = cli("import", str(write_roster(tmp_path / "roster.xlsx")))
    assert run.exit_code == 0
    assert "เพิ่มใหม่" in run.stdout and "#1" in run.stdout
    assert "import undo 1" in run.stderr
    listing = cli("import", "list")
    assert "roster.xlsx" in listing.stdout


def test_two_row_header_under_an_address_heading_and_a_repeated_page_header(
    cli, db_path: Path, tmp_path: Path
) -> None:
    path = write_workbook(
        tmp_path / "two-rows.xlsx",
        {
            "Sheet1": [
                ["รายชื่อคณะทำงาน"],
                ["ลำดับ", "ชื่อ-นามสกุล", "ที่อยู่", None, None, "โทรศัพท์"],
                [None, None, "ตำบล", "อำเภอ", "จังหวัด", None],
                [1, "นางบัวผัน ใจดี", "ปางหมู", "เมือง", "แม่ฮ่องสอน", "0891112222"],
                ["ลำดับ", "ชื่อ-นามสกุล", "ที่อยู่", None, None, "โทรศัพท์"],
                [2, "นายสมชาย รักดี", "ปางหมู", "อ.เมือง", "มส", "0891113333"],
            ]
        },
    )
    run = cli("import", str(path), "--format", "json")
    assert run.exit_code == 0, run.stdout + run.stderr
    assert run.json()["inserted"] == 2
    rows = members(db_path)
    assert {(m["subdistrict"], m["district"], m["province"]) for m in rows} == {
        ("ปางหมู", "เมืองแม่ฮ่องสอน", "แม่ฮ่องสอน")
    }


def test_unmapped_columns_are_reported_not_dropped_silently(cli, tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "extra.xlsx",
        {"S": [["ชื่อ-สกุล", "จังหวัด", "ไซซ์เสื้อ"], ["นายสมชาย รักดี", "น่าน", "XL"]]},
    )
    run = cli("import", str(path), "--format", "json")
    assert run.exit_code == 0
    report = run.json()
    assert report["files"][0]["unmapped"] == {"S": ["ไซซ์เสื้อ"]}
    assert any(w["column"] == "ไซซ์เสื้อ" and "--mapping" in w["message"] for w in report["warnings"])


def test_a_pre_numbered_sign_in_sheet_skips_its_empty_rows(cli, tmp_path: Path) -> None:
    people = [["๑", "นายสมชาย รักดี", None, None, None, None, None, "น่าน"]] + [
        [f"{n}"] for n in range(2, 30)
    ]
    run = cli(
        "import", str(write_roster(tmp_path / "blank-lines.xlsx", people)), "--format", "json"
    )
    assert run.exit_code == 0, run.stderr
    assert run.json()["inserted"] == 1 and run.json()["rejected"] == 0
