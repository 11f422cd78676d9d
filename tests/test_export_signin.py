"""``netcli export signin``: the printable sign-in sheet of a meeting, one sheet per day."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import assert_clean_error
from tests.test_summary import build_seeded

HEADERS = ["ที่", "ชื่อ - สกุล", "ตำแหน่ง", "หน่วยงาน", "โทรศัพท์", "ลายมือชื่อ"]


def _ok(run):
    assert run.exit_code == 0, (run.exit_code, run.stdout, run.stderr)
    return run


@pytest.fixture
def seeded(cli, seeded_dbs, tmp_path: Path):
    meetings = seeded_dbs.copy("summary", build_seeded, tmp_path)
    return cli, meetings


def _load(path: Path):
    from openpyxl import load_workbook

    return load_workbook(path)


def test_linked_attendees_and_blank_rows(seeded, tmp_path: Path):
    cli, meetings = seeded
    mid = meetings["เวทีกองทุนสวัสดิการชุมชนตำบลร่องเคาะ"]
    out = tmp_path / "ลงทะเบียน.xlsx"
    run = _ok(
        cli("export", "signin", str(mid), "-o", str(out), "--blank-rows", "5", "--with-phone")
    )
    assert str(out) in run.stderr
    wb = _load(out)
    assert wb.sheetnames == ["1 ต.ค. 66"]
    ws = wb.active
    assert ws["A1"].value == "แบบลงทะเบียนผู้เข้าร่วม"
    assert ws["A2"].value == "เวทีกองทุนสวัสดิการชุมชนตำบลร่องเคาะ"
    assert (
        ws["A3"].value == "วันที่ 1 ตุลาคม 2566 ณ ศาลาอเนกประสงค์ตำบลร่องเคาะ ต.ร่องเคาะ อ.วังเหนือ จ.ลำปาง"
    )
    rows = [list(r) for r in ws.iter_rows(min_row=5, max_row=14, values_only=True)]
    assert rows[0] == HEADERS
    people = [r[1] for r in rows[1:] if r[1]]
    assert len(people) == 4 and "นายประกิจ เสาร์แก้ว" in people
    assert [r[0] for r in rows[1:]] == list(range(1, 10))  # 4 expected + 5 blank, numbered
    assert all(r[1] is None for r in rows[5:])
    assert "081-765-4321" in [r[4] for r in rows[1:]]
    # Printable: A4 portrait, fitted to the width, title and header repeated, borders, font.
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$1:$5"
    assert ws["F9"].border.left.style == "thin"
    assert ws["B6"].font.name == "TH Sarabun New" and ws["A5"].font.b


def test_multi_day_meeting_has_a_sheet_per_day(seeded, tmp_path: Path):
    cli, meetings = seeded
    mid = meetings["อบรมเสริมสร้างวิทยากรกระบวนการ Shift and Share"]
    out = tmp_path / "three-days.xlsx"
    _ok(
        cli(
            "export",
            "signin",
            str(mid),
            "-o",
            str(out),
            "--province",
            "เชียงใหม่",
            "--blank-rows",
            "0",
        )
    )
    wb = _load(out)
    assert wb.sheetnames == ["วันที่ 1 29 มี.ค. 64", "วันที่ 2 30 มี.ค. 64", "วันที่ 3 31 มี.ค. 64"]
    second = wb.worksheets[1]
    assert second["A2"].value == "อบรมเสริมสร้างวิทยากรกระบวนการ Shift and Share รุ่นที่ 3"
    assert second["A3"].value.startswith("วันที่ 30 มีนาคม 2564 (วันที่ 2 จาก 3 วัน: 29–31 มีนาคม 2564)")
    names = [r[1] for r in second.iter_rows(min_row=6, values_only=True) if r[0]]
    assert len(names) == 3 and all(names)  # the three เชียงใหม่ members, no blank rows


def test_network_expected(seeded, tmp_path: Path):
    cli, meetings = seeded
    mid = meetings["ประชุมเครือข่ายพัฒนาสังคมจังหวัดลำปาง"]
    out = tmp_path / "net.xlsx"
    _ok(cli("export", "signin", str(mid), "-o", str(out), "--network", "เครือข่ายพัฒนาสังคมภาคเหนือตอนบน",
            "--blank-rows", "2"))  # fmt: skip
    ws = _load(out).active
    names = [r[1] for r in ws.iter_rows(min_row=6, values_only=True) if r[0]]
    assert len(names) == 13 + 2


def test_typed_back_sheet_imports_as_attendance(seeded, tmp_path: Path):
    """Filled in (names ticked, one walk-in typed into a blank row) and imported with --meeting."""
    cli, meetings = seeded
    mid = meetings["อบรมอาสาสมัครพัฒนาสังคม"]
    out = tmp_path / "signin.xlsx"
    _ok(
        cli(
            "export", "signin", str(mid), "-o", str(out), "--province", "ลำปาง", "--blank-rows", "3"
        )
    )
    wb = _load(out)
    for ws in wb.worksheets:
        signature = [c.value for c in ws[5]].index("ลายมือชื่อ") + 1
        for row in range(6, 9):
            ws.cell(row=row, column=signature, value="ลงชื่อแล้ว")
    wb.save(out)
    run = cli("import", str(out), "--meeting", str(mid), "--format", "json")
    assert run.exit_code == 0, (run.stdout, run.stderr)
    assert run.json()["rejected"] == 0
    shown = _ok(cli("meeting", "show", str(mid), "--format", "json")).json()
    assert shown["attendees"] == 3
    assert [d["count"] for d in shown["attendees_by_day"]] == [3, 3]


@pytest.mark.parametrize(
    "args, words",
    [
        (["999"], "999"),
        (["1", "--province", "ลำปางง"], "ลำปาง"),
        (["1", "--network", "ไม่มีเครือข่ายนี้"], "network"),
    ],
)
def test_bad_input(seeded, tmp_path: Path, args, words):
    cli, _ = seeded
    out = tmp_path / "s.xlsx"
    run = cli("export", "signin", args[0], "-o", str(out), *args[1:])
    assert_clean_error(run)
    assert words in run.stderr
    assert not out.exists()


def test_usage_errors(seeded, tmp_path: Path):
    cli, _ = seeded
    assert cli("export", "signin", "1").exit_code == 2
    assert (
        cli("export", "signin", "1", "-o", str(tmp_path / "s.xlsx"), "--blank-rows", "-1").exit_code
        == 2
    )
    assert (
        cli("export", "signin", "1", "-o", str(tmp_path / "s.xlsx"), "--blank-rows", "x").exit_code
        == 2
    )
    run = cli("export", "signin", "1", "-o", str(tmp_path / "s.csv"))
    assert_clean_error(run)


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice is not installed")
def test_signin_and_summary_render_in_libreoffice(seeded, tmp_path: Path):
    cli, meetings = seeded
    signin = tmp_path / "signin.xlsx"
    _ok(cli("export", "signin", str(meetings["อบรมเสริมสร้างวิทยากรกระบวนการ Shift and Share"]),
            "-o", str(signin), "--province", "เชียงใหม่"))  # fmt: skip
    summary = tmp_path / "summary.xlsx"
    _ok(cli("summary", "--format", "xlsx", "-o", str(summary)))
    proc = subprocess.run(
        ["libreoffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(signin), str(summary)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    for name in ("signin.pdf", "summary.pdf"):
        pdf = tmp_path / name
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF"), proc.stdout
