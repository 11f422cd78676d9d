"""Several files in one import: a file that cannot be imported at all is refused before anything
is written (the header pre-pass), and a file that fails part-way does not hide the report of
the files already imported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import assert_clean_error
from tests.test_import_fixtures import count, members, write_workbook

GOOD = "ชื่อ - สกุล,จังหวัด\nนายเอก ทดสอบ,เชียงใหม่\n"


def _csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


BAD_LATER_FILES = {
    "no header row": ("foo,bar\n1,2\n", "หัวตาราง"),
    "blank lines only": ("\n,,\n\n", "ไม่มีข้อมูล"),
    "commas only": (",,,\n,,,\n", "ไม่มีข้อมูล"),
}


@pytest.mark.parametrize("fmt", ["table", "json"])
@pytest.mark.parametrize("kind", list(BAD_LATER_FILES))
def test_a_later_file_without_header_is_refused_before_anything_is_written(
    cli, db_path: Path, tmp_path: Path, fmt: str, kind: str
) -> None:
    text, words = BAD_LATER_FILES[kind]
    good = _csv(tmp_path / "good.csv", GOOD)
    bad = _csv(tmp_path / "nohdr.csv", text)
    run = cli("import", str(good), str(bad), "-f", fmt)
    assert_clean_error(run)
    assert words in run.stderr and "nohdr.csv" in run.stderr, run.stderr
    assert run.stderr.strip().splitlines()[0].startswith("ผิดพลาด")
    assert len(run.stderr.strip().splitlines()) <= 2
    # Nothing was imported, so there is no report to print: under json only the refusal.
    if fmt == "json":
        [line] = run.stdout.splitlines()
        error = json.loads(line)["error"]
        assert error["code"] == "bad-file" and "nohdr.csv" in error["message"]
    else:
        assert run.stdout == ""
    assert count(db_path, "members") == 0 and count(db_path, "imports") == 0
    # Fixed command: the good file alone goes in.
    again = cli("import", str(good), "-f", "json")
    assert again.exit_code == 0, again.stderr
    assert again.json()["inserted"] == 1


def test_a_workbook_whose_sheets_all_lack_a_header_is_refused_in_second_place(
    cli, db_path: Path, tmp_path: Path
) -> None:
    good = _csv(tmp_path / "good.csv", GOOD)
    book = write_workbook(tmp_path / "numbers.xlsx", {"ก": [[1, 2]], "ข": [["x", "y"], [3, 4]]})
    run = cli("import", str(good), str(book), "-f", "json")
    assert_clean_error(run)
    assert "หัวตาราง" in run.stderr
    assert run.json() == {
        "error": {
            "code": "bad-file",
            "message": run.stderr.splitlines()[0].removeprefix("ผิดพลาด (error): "),
            "field": None,
            "value": None,
            "suggestion": None,
            "hint": run.stderr.splitlines()[1].strip(),
        }
    }
    assert count(db_path, "members") == 0


def test_a_missing_sheet_in_a_later_file_is_refused_before_writing(
    cli, db_path: Path, tmp_path: Path
) -> None:
    a = write_workbook(tmp_path / "a.xlsx", {"น่าน": [["ชื่อ - สกุล"], ["นายเอก ทดสอบ"]]})
    b = write_workbook(tmp_path / "b.xlsx", {"แพร่": [["ชื่อ - สกุล"], ["นายโท ทดสอบ"]]})
    run = cli("import", str(a), str(b), "--sheet", "น่าน")
    assert_clean_error(run)
    assert "แพร่" in run.stderr  # the hint lists the sheets b.xlsx has
    assert count(db_path, "members") == 0


def test_cover_sheet_then_data_sheet_and_several_workbooks(
    cli, db_path: Path, tmp_path: Path
) -> None:
    """The probe reads sheets up to the first with a header; the import goes on from there."""
    a = write_workbook(
        tmp_path / "a.xlsx",
        {
            "ปก": [["รายงานการประชุม"], [], ["ปี 2567"]],
            "เชียงใหม่": [["เวทีเครือข่าย"], ["ที่", "ชื่อ - สกุล", "จังหวัด"]]
            + [[i, f"นายหนึ่ง คนที่{i}", "เชียงใหม่"] for i in range(1, 61)],
            "ว่าง": [],
            "ลำปาง": [["ชื่อ - สกุล", "จังหวัด"], ["นางสอง ทดสอบ", "ลำปาง"]],
        },
    )
    b = write_workbook(
        tmp_path / "b.xlsx",
        {"น่าน": [["ชื่อ - สกุล", "จังหวัด"]] + [[f"นายสาม คนที่{i}", "น่าน"] for i in range(45)]},
    )
    run = cli("import", str(a), str(b), "-f", "json")
    assert run.exit_code == 0, run.stderr
    report = run.json()
    assert [f["sheets"] for f in report["files"]] == [["เชียงใหม่", "ลำปาง"], ["น่าน"]]
    assert [f["rows"] for f in report["files"]] == [61, 45]
    assert report["inserted"] == 106 and report["failed"] == []
    assert any("ปก" in w["message"] for w in report["warnings"])  # the cover sheet is skipped
    names = {m["full_name"] for m in members(db_path)}
    assert {"นายหนึ่ง คนที่1", "นายหนึ่ง คนที่60", "นางสอง ทดสอบ", "นายสาม คนที่44"} <= names


def test_big_later_sheets_are_read_again_rather_than_held(
    cli, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the memory budget a later file's probed sheet is released and read again whole."""
    from netcli.importer import run as importer

    monkeypatch.setattr(importer, "_KEEP_ROWS", 0)
    books = [
        write_workbook(
            tmp_path / f"{n}.xlsx",
            {
                "S": [["หัวเรื่อง"], ["ชื่อ - สกุล", "จังหวัด"]]
                + [[f"นาย{n} คนที่{i}", "แพร่"] for i in range(50)]
            },  # fmt: skip
        )
        for n in ("เอก", "โท", "ตรี")
    ]
    run = cli("import", *map(str, books), "-f", "json")
    assert run.exit_code == 0, run.stderr
    assert [f["rows"] for f in run.json()["files"]] == [50, 50, 50]
    assert count(db_path, "members") == 150
    rows = {r["first_name"] + r["last_name"] for r in members(db_path)}
    assert {"ตรีคนที่0", "ตรีคนที่49", "โทคนที่0"} <= rows


def _deep_damage(path: Path) -> Path:
    """A CSV whose header and first rows are fine, with an over-long field on line 62."""
    lines = ["ชื่อ - สกุล,จังหวัด"] + [f"นายคน ที่{i},เชียงใหม่" for i in range(60)]
    lines.append('"' + "ก" * 200_000 + '",น่าน')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_file_damaged_part_way_is_rolled_back_and_the_report_still_printed(
    cli, db_path: Path, tmp_path: Path
) -> None:
    good = _csv(tmp_path / "good.csv", GOOD)
    deep = _deep_damage(tmp_path / "deep.csv")
    after = _csv(tmp_path / "after.csv", "ชื่อ - สกุล,จังหวัด\nนางสาวดี ทดสอบ,ลำพูน\n")
    run = cli("import", str(good), str(deep), str(after), "-f", "json")
    assert run.exit_code == 1, run.stderr
    report = json.loads(run.stdout)
    assert [f["error"] is None for f in report["files"]] == [True, False, True]
    assert report["failed"] == [{"path": str(deep), "error": report["files"][1]["error"]}]
    assert "บรรทัด 62" in report["failed"][0]["error"]
    assert report["inserted"] == 2 and report["files"][1]["import_id"] is None
    assert count(db_path, "members") == 2  # nothing of deep.csv, its 60 good rows included
    assert count(db_path, "imports") == 2
    assert "Traceback" not in run.stderr


def test_a_file_damaged_part_way_in_table_format(cli, db_path: Path, tmp_path: Path) -> None:
    good = _csv(tmp_path / "good.csv", GOOD)
    deep = _deep_damage(tmp_path / "deep.csv")
    run = cli("import", str(good), str(deep))
    assert_clean_error(run)
    assert "good.csv" in run.stdout and "deep.csv" in run.stdout  # the table of both files
    assert "บรรทัด 62" in run.stderr and "rolled back" in run.stderr
    assert count(db_path, "members") == 1


def test_a_file_damaged_part_way_under_strict_writes_nothing(
    cli, db_path: Path, tmp_path: Path
) -> None:
    good = _csv(tmp_path / "good.csv", GOOD)
    deep = _deep_damage(tmp_path / "deep.csv")
    run = cli("import", str(good), str(deep), "--strict", "-f", "json")
    assert_clean_error(run)
    assert "บรรทัด 62" in run.stderr
    assert count(db_path, "members") == 0
