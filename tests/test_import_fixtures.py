"""Roster workbooks as they arrive from district offices, written with openpyxl for the import tests.

Each builder writes a real .xlsx into the test's tmp_path. The shapes come from real sign-in
sheets: title rows above the header (one merged across the table), a date line, Thai-digit row
numbers, phones typed as numbers (the leading zero lost), an empty signature column, a totals
row and a signature block at the bottom.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

HEADER = [
    "ที่",
    "ชื่อ - สกุล",
    "ตำแหน่ง",
    "หน่วยงาน",
    "หมู่ที่",
    "ตำบล",
    "อำเภอ",
    "จังหวัด",
    "เบอร์โทร",
    "ลายมือชื่อ",
]

PEOPLE = [
    ["๑", "นายประกิจ เสาร์แก้ว", "นายกเทศมนตรี", "เทศบาลตำบลป่าไผ่", "๓", "ป่าไผ่", "สันทราย", "เชียงใหม่", 812345678],
    ["๒", "นางสาวพรทิพย์ ใจมั่น", "เลขานุการเครือข่าย", "สภาองค์กรชุมชน", 5, "แม่แฝก", "อ.สันทราย", "จ.เชียงใหม่", "089-123-4567"],
    ["๓", "นางสุภาพ จันแปงเงิน", "ประธานกลุ่มแม่บ้าน", None, None, "แม่เงิน", "เชียงแสน", "เชียงราย", 861112233.0],
    ["๔", "ว่าที่ ร.ต. เกรียงไกร สมคิด", "ผู้แทนกองทุน", "กองทุนสวัสดิการชุมชน", "๒", "ร่องเคาะ", "วังเหนือ", "ลำปาง", "๐๘๑๗๖๕๔๓๒๑"],
    ["๕", "นายกมล\u200b กล้าหงส์ ", "ประธานโครงการคนรักป่า", None, None, "เวียงกานต์", "บ้านโฮ่ง", "ลำพูน", None],
]  # fmt: skip


def write_roster(
    path: Path, people: list[list[Any]] | None = None, *, header: list[str] | None = None
) -> Path:
    """The classic sign-in roster: merged title, date line, header, people, totals, signature."""
    from openpyxl import Workbook

    people = PEOPLE if people is None else people
    header = HEADER if header is None else header
    wb = Workbook()
    ws = wb.active
    ws.title = "รายชื่อ"
    ws.append(["รายชื่อผู้เข้าร่วมเวทีเครือข่ายพัฒนาสังคมภาคเหนือตอนบน"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(["วันที่ ๒๑ กรกฎาคม ๒๕๕๓ ณ โรงแรมเชียงใหม่ภูคำ"])
    ws.append([])
    ws.append(header)
    for person in people:
        ws.append(list(person) + [None] * (len(header) - len(person)))
    ws.append([None, f"รวม {len(people)} คน"])
    ws.append([])
    ws.append([None, None, "ลงชื่อ..............................ผู้รายงาน"])
    wb.save(path)
    return path


def write_workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """A plain workbook: sheet name -> rows (the first row written is row 1)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text that looks like a formula, as people type it
    wb.save(path)
    return path


def read_rows(path: Path, sheet: str | None = None) -> list[list[Any]]:
    """All cell values of a workbook sheet (openpyxl), for checking the error workbook."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb[sheet] if sheet else wb.worksheets[0]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def members(db_path: Path) -> list[dict[str, Any]]:
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute("SELECT * FROM members ORDER BY id")]
    finally:
        conn.close()


def count(db_path: Path, table: str) -> int:
    if not db_path.exists():
        return 0
    conn = sqlite3.connect(db_path)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def test_roster_builder_writes_the_shape_the_tests_rely_on(tmp_path: Path) -> None:
    path = write_roster(tmp_path / "r.xlsx")
    rows = read_rows(path)
    assert rows[0][0].startswith("รายชื่อ") and rows[3][:2] == ["ที่", "ชื่อ - สกุล"]
    assert rows[4][8] == 812345678 and rows[-1][2].startswith("ลงชื่อ")
    assert date.today().year > 2000
