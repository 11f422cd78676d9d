"""``netcli export roster``: Thai Excel rosters that are safe to open and import back unchanged."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import assert_clean_error
from tests.test_summary import MEMBERS, build_seeded

TODAY = "2026-11-21"


def _ok(run):
    assert run.exit_code == 0, (run.exit_code, run.stdout, run.stderr)
    return run


@pytest.fixture
def seeded(cli, seeded_dbs, tmp_path: Path):
    seeded_dbs.copy("summary", build_seeded, tmp_path)
    return cli


def _load(path: Path):
    from openpyxl import load_workbook

    return load_workbook(path)


def _rows(ws) -> list[list]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_roster_workbook_layout(seeded, tmp_path: Path):
    out = tmp_path / "ทะเบียน.xlsx"
    run = _ok(seeded("export", "roster", "-o", str(out), "--today", TODAY))
    assert "13" in run.stderr and run.stdout == ""
    wb = _load(out)
    assert wb.sheetnames == ["เกี่ยวกับไฟล์นี้", "รายชื่อสมาชิก"]
    about = _rows(wb["เกี่ยวกับไฟล์นี้"])
    assert about[0][0] == "ทะเบียนรายชื่อสมาชิกเครือข่ายพัฒนาสังคม"
    assert ["จัดทำเมื่อ", "21 พฤศจิกายน 2569"] in [r[:2] for r in about]
    ws = wb["รายชื่อสมาชิก"]
    rows = _rows(ws)
    assert rows[0][:4] == ["ที่", "ชื่อ - สกุล", "ตำแหน่ง", "หน่วยงาน"]
    assert "โทรศัพท์" in rows[0] and "จังหวัด" in rows[0] and "เลขบัตรประชาชน" not in rows[0]
    assert len(rows) == 1 + len(MEMBERS)
    assert [r[0] for r in rows[1:]] == list(range(1, len(MEMBERS) + 1))
    # Thai order: province first (เชียงราย before เชียงใหม่ … ลำพูน last).
    provinces = [r[rows[0].index("จังหวัด")] for r in rows[1:]]
    assert provinces[0] == "เชียงราย" and provinces[-1] == "ลำพูน"
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref == f"A1:O{len(MEMBERS) + 1}"
    for row in ws.iter_rows():
        for cell in row:
            assert cell.font.name == "TH Sarabun New"
            assert cell.data_type != "f"
    assert all(c.font.b for c in ws[1])
    phone_col = rows[0].index("โทรศัพท์") + 1
    phones = [ws.cell(row=r, column=phone_col) for r in range(2, len(MEMBERS) + 2)]
    assert all(c.data_type == "s" for c in phones if c.value is not None)
    assert "081-234-5678" in [c.value for c in phones]
    # Column widths fit the longest Thai text (combining marks take no width).
    name_width = ws.column_dimensions["B"].width
    assert 15 <= name_width <= 40
    assert ws.page_setup.orientation == "landscape"


def test_split_by_province_and_network(seeded, tmp_path: Path):
    out = tmp_path / "by-province.xlsx"
    _ok(seeded("export", "roster", "-o", str(out), "--split-by", "province"))
    wb = _load(out)
    assert wb.sheetnames[0] == "เกี่ยวกับไฟล์นี้"
    assert wb.sheetnames[1:] == [
        "เชียงราย",
        "เชียงใหม่",
        "น่าน",
        "พะเยา",
        "พัทลุง",
        "แพร่",
        "แม่ฮ่องสอน",
        "ลำปาง",
        "ลำพูน",
    ]
    assert len(_rows(wb["ลำปาง"])) == 4
    out = tmp_path / "by-district.xlsx"
    _ok(seeded("export", "roster", "-o", str(out), "--split-by", "district", "--province", "ลป"))
    assert _load(out).sheetnames[1:] == ["เมืองลำปาง", "วังเหนือ"]
    out = tmp_path / "by-network.xlsx"
    _ok(seeded("export", "roster", "-o", str(out), "--split-by", "network"))
    wb = _load(out)
    # Excel allows 31 characters in a sheet name: the 32-character network name is cut.
    assert wb.sheetnames[1:] == ["เครือข่ายพัฒนาสังคมภาคเหนือตอนบ"]


def test_columns_and_national_id(seeded, tmp_path: Path):
    _ok(seeded("member", "edit", "1", "--national-id", "3100600445635"))
    out = tmp_path / "ids.xlsx"
    _ok(seeded("export", "roster", "-o", str(out), "--columns", "full_name,โทรศัพท์", "--columns", "national_id",
               "--show-national-id", "--province", "เชียงใหม่"))  # fmt: skip
    rows = _rows(_load(out)["รายชื่อสมาชิก"])
    assert rows[0] == ["ที่", "ชื่อ - สกุล", "โทรศัพท์", "เลขบัตรประชาชน"]
    assert ["3100600445635"] == [r[3] for r in rows[1:] if r[3]]
    default = tmp_path / "default.xlsx"
    _ok(seeded("export", "roster", "-o", str(default)))
    assert "3100600445635" not in json.dumps(
        _rows(_load(default)["รายชื่อสมาชิก"]), ensure_ascii=False
    )
    run = seeded("export", "roster", "-o", str(tmp_path / "x.xlsx"), "--columns", "national_id")
    assert_clean_error(run)
    assert "--show-national-id" in run.stderr


def test_no_cell_is_a_formula(cli, tmp_path: Path):
    """Text that looks like a formula is written as text (traps.md), and comes back unchanged."""
    hostile = [
        {
            "name": "นายสมชาย ใจดี",
            "province": "ลำปาง",
            "notes": '=HYPERLINK("http://evil.example","คลิก")',
        },
        {"name": "นางสมศรี ใจงาม", "province": "ลำปาง", "notes": "+66812345678", "role": "-ประธาน"},
        {
            "name": "นายสมหมาย ใจเย็น",
            "province": "ลำปาง",
            "notes": "@SUM(A1:A2)",
            "organization": "\t=1+1",
        },
    ]
    ndjson = "\n".join(json.dumps(m, ensure_ascii=False) for m in hostile)
    _ok(cli("member", "add", "--from", "-", input=ndjson))
    out = tmp_path / "hostile.xlsx"
    _ok(cli("export", "roster", "-o", str(out)))
    with zipfile.ZipFile(out) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert not any("<f>" in z.read(n).decode("utf-8") for n in sheets)
    rows = _rows(_load(out)["รายชื่อสมาชิก"])
    notes = [r[rows[0].index("หมายเหตุ")] for r in rows[1:]]
    assert '=HYPERLINK("http://evil.example","คลิก")' in notes and "+66812345678" in notes
    csv_out = tmp_path / "hostile.csv"
    _ok(cli("export", "roster", "-o", str(csv_out)))
    text = csv_out.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM" in text and "'-ประธาน" in text


def test_csv_is_utf8_with_bom(seeded, tmp_path: Path):
    out = tmp_path / "roster.csv"
    _ok(seeded("export", "roster", "-o", str(out)))
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("ที่,ชื่อ - สกุล,ตำแหน่ง")
    assert "081-234-5678" in text
    out2 = tmp_path / "roster.txt"
    _ok(
        seeded(
            "export",
            "roster",
            "--force",
            "-o",
            str(out2.with_suffix(".csv")),
            "--format",
            "csv",
            "--province",
            "ลำปาง",
        )
    )
    assert len(out2.with_suffix(".csv").read_text(encoding="utf-8-sig").splitlines()) == 4


def test_round_trip_import_changes_nothing(seeded, tmp_path: Path, db_path: Path):
    """An exported roster imports back: into the same database nothing changes; into a new
    database the same people arrive with the same fields."""
    _ok(seeded("member", "edit", "1", "--email", "prakit@example.org", "--line", "prakit.p",
               "--national-id", "3100600445635", "--joined", "21 ก.ค. 2553", "--note", "=ผู้ก่อตั้ง"))  # fmt: skip
    out = tmp_path / "roster.xlsx"
    _ok(seeded("export", "roster", "-o", str(out), "--show-national-id", "--split-by", "province"))
    before = _ok(seeded("member", "list", "--format", "json", "--show-national-id")).json()
    changes = _change_count(db_path)

    run = seeded("import", str(out), "--format", "json")
    assert run.exit_code == 0, (run.stdout, run.stderr)
    report = run.json()
    assert (report["inserted"], report["updated"], report["rejected"]) == (0, 0, 0)
    assert report["unchanged"] == len(MEMBERS)
    after = _ok(seeded("member", "list", "--format", "json", "--show-national-id")).json()
    assert after == before
    assert _change_count(db_path) == changes  # not one row written to members

    fresh = tmp_path / "fresh.db"
    run = seeded("import", str(out), "--format", "json", db=fresh)
    assert run.exit_code == 0, (run.stdout, run.stderr)
    assert run.json()["inserted"] == len(MEMBERS)
    again = _ok(seeded("member", "list", "--format", "json", "--show-national-id", db=fresh)).json()
    assert [_person(m) for m in _by_name(again)] == [_person(m) for m in _by_name(before)]


def _change_count(db_path: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(
            "SELECT count(*) FROM change_log WHERE table_name = 'members'"
        ).fetchone()[0]
    finally:
        conn.close()


_VOLATILE = {"id", "uid", "created_at", "updated_at", "source", "networks"}


def _person(m: dict) -> dict:
    return {k: v for k, v in m.items() if k not in _VOLATILE}


def _by_name(members: list[dict]) -> list[dict]:
    return sorted(members, key=lambda m: m["full_name"])


@pytest.mark.parametrize(
    "args, words",
    [
        (["--province", "เชียงใหม"], "เชียงใหม่"),
        (["--network", "ไม่มี"], "network"),
        (["--columns", "ชื่อเล่น"], "ชื่อเล่น"),
    ],
)
def test_bad_input(seeded, tmp_path: Path, args, words):
    out = tmp_path / "r.xlsx"
    run = seeded("export", "roster", "-o", str(out), *args)
    assert_clean_error(run)
    assert words in run.stderr
    assert not out.exists() and list(tmp_path.glob(".r-*")) == []


@pytest.mark.parametrize(
    "target, words",
    [
        ("missing-folder/r.xlsx", "missing-folder"),
        ("r.pdf", ".xlsx"),
        (".", "โฟลเดอร์"),
    ],
)
def test_bad_output_path(seeded, tmp_path: Path, target, words):
    run = seeded("export", "roster", "-o", str(tmp_path / target))
    assert_clean_error(run)
    assert words in run.stderr


def test_usage_errors(seeded, tmp_path: Path):
    assert seeded("export", "roster").exit_code == 2  # no -o
    run = seeded("export", "roster", "-o", str(tmp_path / "r.csv"), "--split-by", "province")
    assert run.exit_code == 2 and "Traceback" not in run.stderr
    assert (
        seeded(
            "export", "roster", "-o", str(tmp_path / "r.xlsx"), "--split-by", "village"
        ).exit_code
        == 2
    )


def test_empty_roster_still_a_workbook(cli, tmp_path: Path):
    out = tmp_path / "empty.xlsx"
    _ok(cli("export", "roster", "-o", str(out)))
    rows = _rows(_load(out)["รายชื่อสมาชิก"])
    assert rows == [rows[0]] and rows[0][0] == "ที่"


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice is not installed")
def test_roster_renders_in_libreoffice(seeded, tmp_path: Path):
    out = tmp_path / "roster.xlsx"
    _ok(seeded("export", "roster", "-o", str(out), "--split-by", "province"))
    proc = subprocess.run(
        ["libreoffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    pdf = tmp_path / "roster.pdf"
    assert proc.returncode == 0 and pdf.exists(), proc.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000


def test_csv_round_trip_removes_the_formula_guard(seeded, tmp_path: Path, db_path: Path):
    """A CSV roster exported with the formula guard ('-หัวหน้า) imports back without the '."""
    _ok(seeded("member", "edit", "1", "--role", "-หัวหน้า", "--note", "=ผู้ก่อตั้ง"))
    out = tmp_path / "roster.csv"
    _ok(seeded("export", "roster", "-o", str(out)))
    assert "'-หัวหน้า" in out.read_text(encoding="utf-8-sig")
    fresh = tmp_path / "fresh.db"
    run = seeded("import", str(out), "--format", "json", db=fresh)
    assert run.exit_code == 0, (run.stdout, run.stderr)
    back = _ok(seeded("member", "list", "--format", "json", db=fresh)).json()
    roles = {m["role"] for m in back}
    assert "-หัวหน้า" in roles and "'-หัวหน้า" not in roles
    # an apostrophe the guard would not have written stays
    assert cells_unsafe("'สมชาย") == "'สมชาย"


def cells_unsafe(value: str) -> str:
    from netcli.files.cells import csv_unsafe

    return csv_unsafe(value)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_every_organization_of_a_member_is_written_and_read_back(cli, tmp_path: Path, suffix):
    """Found by review: the roster wrote only a member's first organization. Several go in
    one หน่วยงาน cell as "A; B", and import reads them back as the same organizations."""
    db = tmp_path / "a.db"
    orgs = ["กลุ่มออมทรัพย์บ้านป่าไผ่", "กองทุนสวัสดิการชุมชนตำบลป่าไผ่", "อสม.บ้านป่าไผ่"]
    _ok(cli("member", "add", "นายประกิจ เสาร์แก้ว", "--province", "เชียงใหม่",
            *(x for o in orgs for x in ("--org", o)), db=db))  # fmt: skip
    _ok(cli("member", "add", "นางสมศรี ใจดี", "--province", "เชียงใหม่", "--org", orgs[1], db=db))
    out = tmp_path / f"roster{suffix}"
    _ok(cli("export", "roster", "-o", str(out), db=db))
    if suffix == ".xlsx":
        rows = _rows(_load(out)["รายชื่อสมาชิก"])
    else:
        import csv

        rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    column = rows[0].index("หน่วยงาน")
    cells = {r[1]: r[column] for r in rows[1:]}
    assert cells == {"นายประกิจ เสาร์แก้ว": "; ".join(orgs), "นางสมศรี ใจดี": orgs[1]}

    fresh = tmp_path / "fresh.db"
    report = _ok(cli("import", str(out), "--format", "json", db=fresh)).json()
    assert (report["inserted"], report["rejected"]) == (2, 0), report
    back = {m["full_name"]: m for m in _ok(cli("member", "list", "-f", "json", db=fresh)).json()}
    assert back["นายประกิจ เสาร์แก้ว"]["organizations"] == orgs
    assert back["นายประกิจ เสาร์แก้ว"]["organization"] == orgs[0]
    assert back["นางสมศรี ใจดี"]["organizations"] == [orgs[1]]
    names = {o["name"] for o in _ok(cli("org", "list", "-f", "json", db=fresh)).json()}
    assert names == set(orgs)  # one organization each, none named "A; B"
    # Exported again from the new database: the same cells.
    again = tmp_path / f"again{suffix}"
    _ok(cli("export", "roster", "-o", str(again), db=fresh))
    if suffix == ".csv":
        assert again.read_text(encoding="utf-8-sig") == out.read_text(encoding="utf-8-sig")
    # Into the database it came from: nothing changes.
    same = _ok(cli("import", str(out), "--format", "json", db=db)).json()
    assert (same["inserted"], same["updated"], same["unchanged"]) == (0, 0, 2), same
