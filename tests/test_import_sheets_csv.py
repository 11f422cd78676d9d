"""One sheet per province, split name columns, --sheet; CSV in cp874 and "CSV UTF-8", stdin."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import assert_clean_error
from tests.test_import_fixtures import members, write_workbook

SPLIT = ["ลำดับ", "คำนำหน้า", "ชื่อ", "นามสกุล", "ตำแหน่ง", "ตำบล", "อำเภอ", "โทรศัพท์"]


def _provinces(path: Path) -> Path:
    return write_workbook(
        path,
        {
            "ลำพูน": [
                ["จังหวัดลำพูน"],
                SPLIT + ["จังหวัด"],
                [
                    1,
                    "นาย",
                    "กมล",
                    "กล้าหงส์",
                    "ประธานโครงการ",
                    "เวียงกานต์",
                    "บ้านโฮ่ง",
                    812340001,
                    "ลำพูน",
                ],
                [2, "นาง", "สมพร", "ใจดี", "สมาชิก", "ศรีเตี้ย", "บ้านโฮ่ง", 812340002, "ลำพูน"],
            ],
            "น่าน": [
                SPLIT + ["จังหวัด"],
                [
                    1,
                    "นาย",
                    "เทิดศักดิ์",
                    "สารผัด",
                    "ประธานชมรมผู้พิการ",
                    "ศรีษะเกษ",
                    "นาน้อย",
                    "0812340003",
                    "น่าน",
                ],
                # A first-name column that holds the whole name with its prefix.
                [
                    2,
                    None,
                    "นางสาวมาลี ศรีสุข",
                    None,
                    "อาสาสมัคร",
                    "ศรีษะเกษ",
                    "นาน้อย",
                    "0812340004",
                    "น่าน",
                ],
            ],
            "สรุป": [["จังหวัด", "จำนวน"], ["ลำพูน", 2], ["น่าน", 2]],
        },
    )


def test_every_province_sheet_with_split_name_columns_imports(
    cli, db_path: Path, tmp_path: Path
) -> None:
    run = cli("import", str(_provinces(tmp_path / "ภาคเหนือ.xlsx")), "--format", "json")
    assert run.exit_code == 0, run.stdout
    report = run.json()
    assert report["inserted"] == 4
    assert report["files"][0]["sheets"] == ["ลำพูน", "น่าน"]  # the summary sheet has no name column
    assert any("สรุป" in w["message"] for w in report["warnings"])
    people = {m["full_name"]: m for m in members(db_path)}
    assert set(people) == {"นายกมล กล้าหงส์", "นางสมพร ใจดี", "นายเทิดศักดิ์ สารผัด", "นางสาวมาลี ศรีสุข"}
    assert (
        people["นางสาวมาลี ศรีสุข"]["prefix"] == "นางสาว"
        and people["นางสาวมาลี ศรีสุข"]["last_name"] == "ศรีสุข"
    )
    assert (
        people["นายกมล กล้าหงส์"]["subdistrict"] == "เวียงกานต์"
        and people["นายกมล กล้าหงส์"]["subdistrict_code"] is None
    )
    assert people["นางสมพร ใจดี"]["subdistrict_code"] is not None
    warning = next(w for w in report["warnings"] if w["value"] == "เวียงกานต์")
    assert (warning["sheet"], warning["row"], warning["column"]) == ("ลำพูน", 3, "ตำบล")


def test_sheet_option_chooses_and_a_missing_sheet_is_named(
    cli, db_path: Path, tmp_path: Path
) -> None:
    path = _provinces(tmp_path / "north.xlsx")
    run = cli("import", str(path), "--sheet", "น่าน", "--format", "json")
    assert run.exit_code == 0 and run.json()["inserted"] == 2
    assert {m["province"] for m in members(db_path)} == {"น่าน"}
    missing = cli("import", str(path), "--sheet", "น่าน ")
    assert_clean_error(missing)
    assert "น่าน" in missing.stderr and "ลำพูน" in missing.stderr


def test_merged_name_header_over_prefix_first_and_last(cli, db_path: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["ที่", "ชื่อ - สกุล", None, None, "จังหวัด"])
    ws.merge_cells("B1:D1")
    ws.append([1, "นาย", "ประกิจ", "เสาร์แก้ว", "เชียงใหม่"])
    ws.append([2, "น.ส.", "ชไมพร", "ใจดี", "ลำปาง"])
    wb.save(tmp_path / "merged.xlsx")
    run = cli("import", str(tmp_path / "merged.xlsx"), "--format", "json")
    assert run.exit_code == 0, run.stdout
    assert {m["full_name"] for m in members(db_path)} == {"นายประกิจ เสาร์แก้ว", "น.ส.ชไมพร ใจดี"}


def test_vertically_merged_province_cells_apply_to_every_row(
    cli, db_path: Path, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["ชื่อ-สกุล", "จังหวัด"])
    ws.append(["นายหนึ่ง ใจดี", "พะเยา"])
    ws.append(["นายสอง ใจดี", None])
    ws.append(["นายสาม ใจดี", None])
    ws.merge_cells("B2:B4")
    wb.save(tmp_path / "merged-rows.xlsx")
    assert cli("import", str(tmp_path / "merged-rows.xlsx")).exit_code == 0
    assert [m["province"] for m in members(db_path)] == ["พะเยา"] * 3


CSV_TEXT = "ลำดับ,ชื่อ-สกุล,ตำบล,อำเภอ,จังหวัด,เบอร์โทร\n1,นายสมชาย รักดี,ปางหมู,เมือง,แม่ฮ่องสอน,812345678\n2,นางสาวสายสุนีย์ ศรีเมือง,ป่าไผ่,สันทราย,เชียงใหม่,0898765432\n"


def test_csv_saved_in_cp874_imports_with_correct_thai(cli, db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "windows.csv"
    path.write_bytes(CSV_TEXT.encode("cp874"))
    run = cli("import", str(path), "--format", "json")
    assert run.exit_code == 0, run.stdout
    assert run.json()["files"][0]["sheets"] == [""]
    people = {m["full_name"]: m for m in members(db_path)}
    assert people["นายสมชาย รักดี"]["phone"] == "0812345678"
    assert people["นายสมชาย รักดี"]["district"] == "เมืองแม่ฮ่องสอน"
    assert people["นางสาวสายสุนีย์ ศรีเมือง"]["province"] == "เชียงใหม่"


def test_csv_utf8_with_bom_and_semicolons_and_title_line(
    cli, db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "excel-utf8.csv"
    text = "รายชื่อสมาชิก;;;;;\n" + CSV_TEXT.replace(",", ";")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    run = cli("import", str(path), "--format", "json")
    assert run.exit_code == 0, run.stdout
    assert run.json()["inserted"] == 2
    assert {m["full_name"] for m in members(db_path)} == {"นายสมชาย รักดี", "นางสาวสายสุนีย์ ศรีเมือง"}


def test_csv_from_stdin(cli, db_path: Path) -> None:
    run = cli("import", "-", "--format", "json", input=CSV_TEXT.encode("utf-8"))
    assert run.exit_code == 0, run.stdout
    assert run.json()["files"][0]["path"] == "<stdin>" and run.json()["inserted"] == 2


def test_csv_rows_are_numbered_like_excel(cli, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(CSV_TEXT + "3,นายผิด จังหวัด,,,เชียงใม,\n", encoding="utf-8")
    run = cli("import", str(path), "--format", "json")
    assert run.exit_code == 1
    assert [(e["row"], e["suggestion"]) for e in run.json()["errors"]] == [(4, "เชียงใหม่")]
    assert (tmp_path / "bad.errors.xlsx").exists()


def test_undecodable_csv_is_refused(cli, tmp_path: Path) -> None:
    path = tmp_path / "binary.csv"
    path.write_bytes(b"\x81\x82\x83\xff" * 100)
    run = cli("import", str(path))
    assert_clean_error(run)
