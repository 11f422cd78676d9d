"""Rejected rows: named by their Excel row, written to an error workbook that re-imports once fixed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.test_import_fixtures import count, members, read_rows, write_workbook

HEADER = ["ลำดับ", "ชื่อ-นามสกุล", "จังหวัด", "เบอร์โทร", "วันที่เข้าร่วม"]


def _bad_roster(path: Path) -> Path:
    return write_workbook(
        path,
        {
            "ผู้เข้าร่วม": [
                ["รายชื่อผู้เข้าร่วมประชุม"],
                HEADER,
                [1, "นายสมชาย รักดี", "น่าน", "0812223333", date(2019, 6, 13)],
                [
                    2,
                    "นางสมศรี ใจงาม",
                    "เชียงใม",
                    "0812223334",
                    "13 มิถุนายน 2562",
                ],  # typo (two letters off: a one-letter slip is read with a warning)
                [3, None, "ลำปาง", "0812223335", None],  # blank name
                [4, "นายวิชัย ดีใจ", "=พะเยา", "+66812223337", "31 กุมภาพันธ์ 2562"],  # impossible date
                [5, "นางวันเพ็ญ ศรีสุข", "แพร่", 812223336, "๒๑ ก.ค. ๕๓"],
            ]
        },
    )


def test_bad_rows_are_named_by_excel_row_and_the_good_rows_go_in(
    cli, db_path: Path, tmp_path: Path
) -> None:
    path = _bad_roster(tmp_path / "roster.xlsx")
    run = cli("import", str(path), "--format", "json")
    assert run.exit_code == 1
    report = run.json()
    assert (report["inserted"], report["rejected"]) == (2, 3)
    assert sorted({e["row"] for e in report["errors"]}) == [4, 5, 6]
    errors = {(e["row"], e["column"]): e for e in report["errors"]}
    assert sorted(errors) == [(4, "จังหวัด"), (5, "ชื่อ-นามสกุล"), (6, "จังหวัด"), (6, "วันที่เข้าร่วม")]
    typo = errors[4, "จังหวัด"]
    assert (typo["value"], typo["suggestion"], typo["sheet"]) == ("เชียงใม", "เชียงใหม่", "ผู้เข้าร่วม")
    assert "ชื่อ" in errors[5, "ชื่อ-นามสกุล"]["message"]
    assert errors[6, "วันที่เข้าร่วม"]["value"] == "31 กุมภาพันธ์ 2562"  # both bad cells of row 6
    assert {m["full_name"] for m in members(db_path)} == {"นายสมชาย รักดี", "นางวันเพ็ญ ศรีสุข"}
    joined = {m["full_name"]: m["joined_on"] for m in members(db_path)}
    assert joined == {"นายสมชาย รักดี": "2019-06-13", "นางวันเพ็ญ ศรีสุข": "2010-07-21"}
    assert report["error_workbooks"] == [str(tmp_path / "roster.errors.xlsx")]


def test_the_error_workbook_holds_the_rows_as_they_were_and_reimports_once_fixed(
    cli, db_path: Path, tmp_path: Path
) -> None:
    path = _bad_roster(tmp_path / "roster.xlsx")
    assert cli("import", str(path)).exit_code == 1
    errors_path = tmp_path / "roster.errors.xlsx"
    rows = read_rows(errors_path)
    assert rows[0][:5] == HEADER and "why" in rows[0][5]
    assert [r[1] for r in rows[1:]] == ["นางสมศรี ใจงาม", None, "นายวิชัย ดีใจ"]
    assert rows[1][2] == "เชียงใม" and "เชียงใหม่" in rows[1][5] and rows[1][5].startswith("แถว 4")
    assert rows[3][2] == "=พะเยา" and rows[3][3] == "+66812223337"  # text, never a live formula

    from openpyxl import load_workbook

    wb = load_workbook(errors_path)
    ws = wb.worksheets[0]
    assert ws.cell(4, 3).data_type == "s" and ws.cell(4, 4).data_type == "s"
    ws.cell(4, 3).value = "พะเยา"
    ws.cell(2, 3).value = "เชียงใหม่"
    ws.cell(3, 2).value = "นายสมบัติ มั่นคง"
    ws.cell(4, 5).value = "28 กุมภาพันธ์ 2562"
    wb.save(errors_path)

    again = cli("import", str(errors_path), "--format", "json")
    assert again.exit_code == 0, again.stdout
    assert again.json()["inserted"] == 3 and again.json()["rejected"] == 0
    assert count(db_path, "members") == 5


def test_strict_imports_all_or_nothing(cli, db_path: Path, tmp_path: Path) -> None:
    path = _bad_roster(tmp_path / "roster.xlsx")
    run = cli("import", str(path), "--strict", "--format", "json")
    assert run.exit_code == 1
    assert run.json()["written"] is False and run.json()["rejected"] == 3
    assert count(db_path, "members") == 0 and count(db_path, "imports") == 0
    assert (tmp_path / "roster.errors.xlsx").exists()  # the fixes still need a list
    human = cli("import", str(path), "--strict")
    assert human.exit_code == 1 and "ไม่ได้บันทึก" in human.stderr


def test_dry_run_writes_nothing_and_reports_the_same(cli, db_path: Path, tmp_path: Path) -> None:
    path = _bad_roster(tmp_path / "roster.xlsx")
    dry = cli("import", str(path), "--dry-run", "--format", "json")
    assert dry.exit_code == 1
    report = dry.json()
    assert report["dry_run"] is True and report["written"] is False
    assert (
        count(db_path, "members") == 0
        and count(db_path, "imports") == 0
        and count(db_path, "change_log") == 0
    )
    assert not (tmp_path / "roster.errors.xlsx").exists()
    real = cli("import", str(path), "--format", "json").json()
    for key in ("inserted", "updated", "unchanged", "rejected"):
        assert report[key] == real[key]
    assert [(e["row"], e["column"]) for e in report["errors"]] == [
        (e["row"], e["column"]) for e in real["errors"]
    ]


def test_report_option_puts_the_error_workbook_where_asked(cli, tmp_path: Path) -> None:
    path = _bad_roster(tmp_path / "roster.xlsx")
    target = tmp_path / "out" / "แก้ไข.xlsx"
    run = cli("import", str(path), "--report", str(target))
    assert run.exit_code == 1 and target.exists()
    assert "แก้ไข.xlsx" in run.stderr and "แถว 4" in run.stderr
    assert not (tmp_path / "roster.errors.xlsx").exists()


def test_every_bad_cell_of_a_row_is_reported(cli, tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "two-bad.xlsx",
        {"S": [["ชื่อ-สกุล", "จังหวัด", "อีเมล"], ["นายสมชาย รักดี", "กรุงเทพฯฯฯ x", "not-an-email"]]},
    )
    run = cli("import", str(path), "--format", "json")
    assert run.exit_code == 1
    assert sorted(e["column"] for e in run.json()["errors"]) == ["จังหวัด", "อีเมล"]
    assert run.json()["rejected"] == 1
