"""An empty sheet or a roster with a header and no rows is said, not passed over in silence
(a field audit found both quiet: exit 0 and nothing on the screen)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.test_import_fixtures import count, write_workbook


def test_an_empty_sheet_beside_a_roster_is_named(cli: Any, db_path: Path, tmp_path: Path) -> None:
    book = write_workbook(
        tmp_path / "two.xlsx",
        {"ว่าง": [], "รายชื่อ": [["ชื่อ-สกุล", "จังหวัด"], ["นายสมชาย ใจดี", "น่าน"]]},
    )
    report = cli("import", str(book), "-f", "json").json()
    assert report["inserted"] == 1
    [said] = [w for w in report["warnings"] if w["sheet"] == "ว่าง"]
    assert "ไม่มีข้อมูล" in said["message"]
    assert count(db_path, "members") == 1


def test_a_header_without_rows_is_said(cli: Any, tmp_path: Path) -> None:
    for path in (
        write_workbook(tmp_path / "head.xlsx", {"S": [["ชื่อ-สกุล", "จังหวัด"]]}),
        tmp_path / "head.csv",
    ):
        if path.suffix == ".csv":
            path.write_text("ชื่อ-สกุล,จังหวัด\n", encoding="utf-8")
        run = cli("import", str(path))
        assert run.exit_code == 0, run.stderr
        assert "ไม่มีแถวข้อมูลใต้หัวตาราง" in run.stderr
