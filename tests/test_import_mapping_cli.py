"""--mapping TOML, --save-mapping reused by header signature; the command's shape; --meeting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import assert_clean_error
from tests.test_import_fixtures import count, members, write_roster, write_workbook

ODD = ["No", "ผู้มาร่วมงาน", "ต.", "อ.", "จว.", "ติดต่อ"]


def _odd(path: Path) -> Path:
    return write_workbook(
        path,
        {
            "S": [
                ["บันทึกการลงทะเบียน"],
                ODD,
                [1, "นายสมชาย รักดี", "ปางหมู", "เมือง", "แม่ฮ่องสอน", 812345678],
            ]
        },
    )


def test_mapping_file_maps_what_the_synonyms_miss_and_save_mapping_is_reused(
    cli, db_path: Path, tmp_path: Path
) -> None:
    toml = tmp_path / "map.toml"
    toml.write_text(
        '[columns]\n"ผู้มาร่วมงาน" = "name"\n"จว." = "province"\n"ติดต่อ" = "phone"\n', encoding="utf-8"
    )
    path = _odd(tmp_path / "odd.xlsx")
    without = cli("import", str(path), "--dry-run")
    assert_clean_error(without)
    run = cli(
        "import",
        str(path),
        "--mapping",
        str(toml),
        "--save-mapping",
        "ลงทะเบียน",
        "--format",
        "json",
    )
    assert run.exit_code == 0, run.stdout
    person = members(db_path)[0]
    assert (person["full_name"], person["province"], person["phone"]) == (
        "นายสมชาย รักดี",
        "แม่ฮ่องสอน",
        "0812345678",
    )
    assert count(db_path, "mappings") == 1

    # Another file with the same header row: the saved mapping applies without being told.
    second = write_workbook(
        tmp_path / "odd2.xlsx",
        {"X": [ODD, [1, "นางสาวมาลี ศรีสุข", "ปางหมู", "เมือง", "มส", "0812345679"]]},
    )
    again = cli("import", str(second), "--format", "json")
    assert again.exit_code == 0, again.stdout
    assert again.json()["inserted"] == 1
    assert members(db_path)[1]["province"] == "แม่ฮ่องสอน"


def test_bad_mapping_files_are_refused(cli, tmp_path: Path) -> None:
    path = _odd(tmp_path / "odd.xlsx")
    bad_field = tmp_path / "bad.toml"
    bad_field.write_text('"ผู้มาร่วมงาน" = "nmae"\n', encoding="utf-8")
    run = cli("import", str(path), "--mapping", str(bad_field))
    assert_clean_error(run)
    assert "name" in run.stderr
    broken = tmp_path / "broken.toml"
    broken.write_text("this is = = not toml", encoding="utf-8")
    assert_clean_error(cli("import", str(path), "--mapping", str(broken)))
    assert_clean_error(cli("import", str(path), "--mapping", str(tmp_path / "none.toml")))


def test_import_list_and_undo_are_commands_and_a_file_named_list_is_a_file(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_roster(tmp_path / "list")
    assert cli("import", "list", "--format", "json").json() == []
    run = cli("import", "./list", "--format", "json")
    assert run.exit_code == 0 and run.json()["inserted"] == 5
    assert cli("import", "list", "--format", "json").json()[0]["file_name"] == "list"


def test_usage_errors_exit_2(cli, tmp_path: Path) -> None:
    roster = str(write_roster(tmp_path / "r.xlsx"))
    assert cli("import", roster, "--day", "13 มิถุนายน 2562").exit_code == 2
    assert cli("import", roster, "--format", "markdown").exit_code == 2  # not an import format
    assert cli("import", roster, "--format", "ndjson").exit_code == 2
    assert cli("import", roster, "--no-such-option").exit_code == 2
    assert cli("import").exit_code in (0, 2)  # help


def test_help_shows_the_subcommands(cli) -> None:
    run = cli("import", "--help")
    assert run.exit_code == 0 and "list" in run.stdout and "undo" in run.stdout


def test_bundles_go_to_the_merge_and_broken_ones_are_refused(cli, tmp_path: Path) -> None:
    other = tmp_path / "laptop.netcli"
    other.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    run = cli("import", str(other))
    assert_clean_error(run)
    assert "bundle" in run.stderr


def test_a_sign_in_roster_becomes_attendance(cli, db_path: Path, tmp_path: Path) -> None:
    log = cli(
        "meeting",
        "log",
        "เวทีเครือข่ายภาคเหนือ",
        "--date",
        "29 – 31 มีนาคม 2564",
        "--province",
        "เชียงใหม่",
        "--format",
        "json",
    )
    assert log.exit_code == 0, log.stdout + log.stderr
    meeting = str(log.json()["id"])
    roster = write_roster(tmp_path / "signin.xlsx")
    run = cli(
        "import", str(roster), "--meeting", meeting, "--day", "30 มีนาคม 2564", "--format", "json"
    )
    assert run.exit_code == 0, run.stdout + run.stderr
    assert count(db_path, "attendance") == 5
    everyday = cli("import", str(roster), "--meeting", meeting)
    assert everyday.exit_code == 0
    assert count(db_path, "attendance") == 15
    outside = cli("import", str(roster), "--meeting", meeting, "--day", "1 เมษายน 2564")
    assert_clean_error(outside)
    assert_clean_error(cli("import", str(roster), "--meeting", "999"))
    assert_clean_error(cli("import", str(roster), "--network", "ไม่มีเครือข่ายนี้"))
    assert count(db_path, "attendance") == 15


def test_dry_run_shows_how_each_column_was_read(cli, tmp_path: Path) -> None:
    """The officer checks the mapping before writing anything: every written column, the
    field it fills (or that it was not imported), by sheet; JSON carries the same."""
    path = write_workbook(
        tmp_path / "two.xlsx",
        {
            "อำเภอเมือง": [
                ["ที่", "ชื่อ - สกุล", "ตำแหน่ง", "ติดต่อ", "ลายมือชื่อ"],
                [1, "นายสมชาย รักดี", "ประธาน", "0812345678", ""],
            ],
            "อำเภอปาย": [["ชื่อ - สกุล", "จังหวัด"], ["นางมาลี ศรีสุข", "แม่ฮ่องสอน"]],
        },
    )
    run = cli("import", str(path), "--dry-run")
    assert run.exit_code == 0, run.stdout
    out = run.stdout
    assert "การอ่านคอลัมน์" in out and "ชีต อำเภอเมือง" in out and "ชีต อำเภอปาย" in out
    assert "ตำแหน่ง (role)" in out and "ชื่อ - สกุล (name)" in out and "จังหวัด (province)" in out
    line = next(x for x in out.splitlines() if "ติดต่อ" in x)
    assert "ไม่ได้นำเข้า" in line
    assert "(ignore)" in next(x for x in out.splitlines() if "ลายมือชื่อ" in x)
    # The unmapped column's warning names its sheet.
    assert "ชีต อำเภอเมือง แถว 1: [ติดต่อ]" in run.stderr

    data = json.loads(cli("import", str(path), "--dry-run", "-f", "json").stdout)
    columns = data["files"][0]["columns"]
    assert columns["อำเภอเมือง"] == [
        {"letter": "A", "header": "ที่", "field": "ignore"},
        {"letter": "B", "header": "ชื่อ - สกุล", "field": "name"},
        {"letter": "C", "header": "ตำแหน่ง", "field": "role"},
        {"letter": "D", "header": "ติดต่อ", "field": None},
        {"letter": "E", "header": "ลายมือชื่อ", "field": "ignore"},
    ]
    assert [c["field"] for c in columns["อำเภอปาย"]] == ["name", "province"]


def test_human_output_shows_twenty_warnings_and_says_where_the_rest_are(
    cli, tmp_path: Path
) -> None:
    # A subdistrict not in its district is kept as written, with a warning on each row.
    rows = [["ชื่อ - สกุล", "ตำบล", "อำเภอ", "จังหวัด"]]
    rows += [
        [f"นายสมชาย ทดสอบ{chr(0x0E01 + i)}", "ไม่มีตำบลนี้", "เมืองแม่ฮ่องสอน", "แม่ฮ่องสอน"]
        for i in range(25)
    ]
    path = write_workbook(tmp_path / "many.xlsx", {"รายชื่อ": rows})
    run = cli("import", str(path), "--dry-run")
    shown = [x for x in run.stderr.splitlines() if x.startswith("คำเตือน: ชีต รายชื่อ แถว")]
    total = len(json.loads(cli("import", str(path), "--dry-run", "-f", "json").stdout)["warnings"])
    assert total > 20
    assert len(shown) == 20
    assert f"และอีก {total - 20} คำเตือน" in run.stderr and "--format json" in run.stderr
