"""Papers an office files (issue 15): the forum report, the minutes and the summary in Word,
and print-ready sign-in sheets and workbooks.

Every .docx is opened with python-docx and its XML read back: the Thai government settings
(A4, margins 3/2/2.5/2 cm, TH Sarabun New 16 pt in all four font slots with w:sz and w:szCs
32, w:lang w:bidi="th-TH", single spacing, bold headings, repeated table header rows) in the
styles and on every run. The facts of seed forums are logged through the real CLI and must
all appear in their report. Page counts come from LibreOffice when it is installed (skipped
otherwise: CI has none).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import assert_clean_error

FONT = "TH Sarabun New"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")

# Seed 000: the แม่ฮ่องสอน forum of 13 มิถุนายน 2562.
SEED_000 = {
    "title": "สร้างพลังเครือข่ายเพื่อการเปลี่ยนแปลงทางสังคม",
    "date": "13 มิถุนายน 2562",
    "venue": "โรงแรมสิบล้านบุรี รีสอร์ท",
    "place": "ต.ปางหมู อ.เมืองแม่ฮ่องสอน จ.แม่ฮ่องสอน",
    "organizers": [
        "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดแม่ฮ่องสอน",
        "สถาบันการเรียนรู้และพัฒนาประชาสังคม",
    ],
    "speakers": ["อาจารย์ชัยวัฒน์ ถิระพันธุ์", "นายวิสุทธิ์ เหล็กสมบูรณ์", "นางสาวกรรณจริยา สุขรุ่ง"],
    "chair": "นางสาวสิทธิอาพร เชยนาค",
    "funding": "กองทุนส่งเสริมการจัดสวัสดิการสังคม ประจำปี 2562",
    "notes": "พัฒนาองค์ความรู้ ทักษะ ทัศนคติ แลกเปลี่ยนประสบการณ์ พัฒนารูปแบบการทำงานของเครือข่ายด้านการพัฒนาสังคม",
    "outcome": "เครือข่ายภาครัฐ เอกชน และภาคประชาชนจังหวัดแม่ฮ่องสอนร่วมวางแผนขับเคลื่อนงานพัฒนาสังคม",
}


def _ok(run):
    assert run.exit_code == 0, (run.exit_code, run.stdout, run.stderr)
    return run


def _last_id(run) -> str:
    return run.stdout.strip().splitlines()[-1]


# --- reading a .docx back ----------------------------------------------------------------------


def _docx(path: Path):
    import docx

    return docx.Document(str(path))


def _text(path: Path) -> str:
    """Every piece of text of the document, body, tables and headers, one line a paragraph."""
    doc = _docx(path)
    lines = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in doc.element.body.iter(f"{W}p")]
    return "\n".join(lines)


def _check_rpr(rpr, where: str) -> None:
    assert rpr is not None, where
    fonts = rpr.find(f"{W}rFonts")
    assert fonts is not None, where
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        assert fonts.get(f"{W}{slot}") == FONT, (where, slot)
    for tag in ("sz", "szCs"):
        element = rpr.find(f"{W}{tag}")
        assert element is not None and element.get(f"{W}val") == "32", (where, tag)
    lang = rpr.find(f"{W}lang")
    assert lang is not None and lang.get(f"{W}bidi") == "th-TH", where


def assert_thai_government_document(path: Path) -> None:
    """The settings of the issue, in the styles and on every run of body and header."""
    doc = _docx(path)
    section = doc.sections[0]
    sectpr = section._sectPr
    size = sectpr.find(f"{W}pgSz")
    assert (int(size.get(f"{W}w")), int(size.get(f"{W}h"))) == (11906, 16838)  # A4 in twips
    margins = sectpr.find(f"{W}pgMar")
    cm = {k: int(margins.get(f"{W}{k}")) / 566.93 for k in ("left", "right", "top", "bottom")}
    assert {k: round(v, 2) for k, v in cm.items()} == {
        "left": 3.0,
        "right": 2.0,
        "top": 2.5,
        "bottom": 2.0,
    }
    styles = doc.styles.element
    defaults = styles.find(f"{W}docDefaults")
    _check_rpr(defaults.find(f"{W}rPrDefault/{W}rPr"), "docDefaults")
    spacing = defaults.find(f"{W}pPrDefault/{W}pPr/{W}spacing")
    assert spacing.get(f"{W}line") == "240" and spacing.get(f"{W}lineRule") == "auto"
    _check_rpr(doc.styles["Normal"].element.rPr, "Normal")
    _check_rpr(doc.styles["Table Grid"].element.rPr, "Table Grid")
    for name in ("Heading 1", "Heading 2"):
        rpr = doc.styles[name].element.rPr
        _check_rpr(rpr, name)
        assert rpr.find(f"{W}b") is not None and rpr.find(f"{W}bCs") is not None, name
        fonts = rpr.find(f"{W}rFonts")
        assert not [a for a in fonts.attrib if "heme" in a], "a theme font would win"
    runs = list(doc.element.body.iter(f"{W}r"))
    assert runs
    for i, run in enumerate(runs):
        if run.find(f"{W}t") is None:
            continue
        _check_rpr(run.find(f"{W}rPr"), f"run {i}")
        if run.find(f"{W}rPr/{W}b") is not None:
            assert run.find(f"{W}rPr/{W}bCs") is not None, "bold for Thai too"
    for p in doc.element.body.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(f"{W}val", "").startswith("Heading"):
            for r in p.iter(f"{W}r"):
                assert r.find(f"{W}rPr/{W}b") is not None, "headings are bold"
    for header in (section.header, section.first_page_header):
        for run in header._element.iter(f"{W}r"):
            if run.find(f"{W}t") is not None:
                _check_rpr(run.find(f"{W}rPr"), "header")
    for table in doc.tables:
        first = table.rows[0]._tr
        assert first.find(f"{W}trPr/{W}tblHeader") is not None, "header row repeats"


# --- a forum logged as the seed reports it ----------------------------------------------------


@pytest.fixture
def seed_forum(cli):
    """Seed 000 logged through the CLI, with a network and two attendees."""
    s = SEED_000
    _ok(cli("network", "add", "เครือข่ายพัฒนาสังคมจังหวัดแม่ฮ่องสอน", "--level", "จังหวัด",
            "--province", "แม่ฮ่องสอน"))  # fmt: skip
    a = _last_id(_ok(cli("member", "add", "นายสายทอง จันทร์เติม", "--province", "แม่ฮ่องสอน",
                         "--org", "กลุ่มเกษตรอินทรีย์", "--role", "ประธานกลุ่ม")))  # fmt: skip
    b = _last_id(_ok(cli("member", "add", "นางอรุณี แสงคำ", "--province", "แม่ฮ่องสอน",
                         "--role", "นักพัฒนาสังคม")))  # fmt: skip
    _ok(cli("network", "join", "เครือข่ายพัฒนาสังคมจังหวัดแม่ฮ่องสอน", a))
    args = ["meeting", "log", s["title"], "--date", s["date"], "--kind", "เวที",
            "--venue", s["venue"], "--subdistrict", "ปางหมู", "--district", "อ.เมือง",
            "--province", "จ.แม่ฮ่องสอน", "--chair", s["chair"], "--funding", s["funding"],
            "--network", "เครือข่ายพัฒนาสังคมจังหวัดแม่ฮ่องสอน", "--note", s["notes"],
            "--outcome", s["outcome"]]  # fmt: skip
    for o in s["organizers"]:
        args += ["--organizer", o]
    for sp in s["speakers"]:
        args += ["--speaker", sp]
    mid = _last_id(_ok(cli(*args)))
    _ok(cli("meeting", "attend", mid, a, b))
    _ok(cli("meeting", "action", "add", mid, "จัดเวทีแลกเปลี่ยนเรียนรู้ครั้งต่อไป", "--owner", b,
            "--due", "30 กันยายน 2562"))  # fmt: skip
    return cli, mid


def test_forum_report_has_every_fact_and_the_settings(seed_forum, tmp_path, monkeypatch):
    cli, mid = seed_forum
    monkeypatch.setenv("NETCLI_USER", "นางสาวกรรณิการ์ ใจดี")
    out = tmp_path / "รายงาน.docx"
    run = _ok(cli("meeting", "report", mid, "-o", str(out), "--today", "20 มิถุนายน 2562"))
    assert str(out) in run.stderr and run.stdout == ""
    assert_thai_government_document(out)
    text = _text(out)
    s = SEED_000
    facts = [s["title"], "เวที", s["date"], s["venue"], s["place"], *s["organizers"],
             *s["speakers"], s["chair"], s["funding"], s["notes"], s["outcome"],
             "เครือข่ายพัฒนาสังคมจังหวัดแม่ฮ่องสอน", "จัดเวทีแลกเปลี่ยนเรียนรู้ครั้งต่อไป",
             "30 ก.ย. 2562", "นายสายทอง จันทร์เติม", "นางอรุณี แสงคำ", "กลุ่มเกษตรอินทรีย์",
             "นางสาวกรรณิการ์ ใจดี", "วันที่ 20 เดือนมิถุนายน พ.ศ. 2562", "รายงานผลการจัดเวที"]  # fmt: skip
    missing = [f for f in facts if f not in text]
    assert not missing, missing
    # Nobody reported a head-count or a budget: unknown, never 0.
    assert re.search(r"จำนวนผู้เข้าร่วมตามรายงาน: ไม่ระบุ", text)
    assert "งบประมาณ: ไม่ระบุ" in text
    assert "0.00 บาท" not in text
    assert "สมาชิกที่ลงชื่อเข้าร่วม (ไม่ซ้ำคน): 2 คน" in text
    # The officer's name and date come at the end, before the annex of attendees.
    assert text.index("นางสาวกรรณิการ์ ใจดี") < text.index("ภาคผนวก")


def test_officer_option_and_thai_digits(seed_forum, tmp_path):
    cli, mid = seed_forum
    out = tmp_path / "r.docx"
    _ok(cli("meeting", "report", mid, "-o", str(out), "--officer", "นายทดสอบ ระบบ",
            "--position", "นักพัฒนาสังคมปฏิบัติการ", "--thai-digits"))  # fmt: skip
    assert_thai_government_document(out)
    text = _text(out)
    assert "นายทดสอบ ระบบ" in text and "นักพัฒนาสังคมปฏิบัติการ" in text
    assert "๑๓ มิถุนายน ๒๕๖๒" in text
    assert not re.search(r"[0-9]", text), re.findall(r".{10}[0-9].{10}", text)[:3]
    doc = _docx(out)
    number_type = doc.sections[0]._sectPr.find(f"{W}pgNumType")
    assert number_type is not None and number_type.get(f"{W}fmt") == "thaiNumbers"


def test_two_day_seminar_reports_the_head_count_as_reported_and_each_day(cli, tmp_path):
    """Seed 002: 22-23 มิถุนายน 2567, "กว่า 70 คน", attendance differs by day."""
    a = _last_id(_ok(cli("member", "add", "นายธนภณ เมืองเฉลิม", "--province", "พัทลุง")))
    b = _last_id(_ok(cli("member", "add", "นายวิชัย นะสุวรรณโน", "--province", "สงขลา")))
    mid = _last_id(_ok(cli("meeting", "log", "สัมมนาพัฒนาศักยภาพผู้นำขบวนองค์กรชุมชน",
                           "--date", "22-23 มิถุนายน 2567", "--participants", "กว่า 70 คน",
                           "--chair", "นายธนภณ เมืองเฉลิม", "--budget", "45,000",
                           "--organizer", "สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน)")))  # fmt: skip
    _ok(cli("meeting", "attend", mid, a, "--role", "ประธาน"))
    _ok(cli("meeting", "attend", mid, b, "--day", "23 มิ.ย. 2567"))
    out = tmp_path / "r.docx"
    _ok(cli("meeting", "report", mid, "-o", str(out)))
    assert_thai_government_document(out)
    text = _text(out)
    assert "22–23 มิถุนายน 2567" in text and "กว่า 70 คน" in text
    assert "45,000.00 บาท (สี่หมื่นห้าพันบาทถ้วน)" in text
    assert "รายงานผลการจัดสัมมนา" in text
    assert "22 มิถุนายน 2567\n1 คน" in text and "23 มิถุนายน 2567\n2 คน" in text
    assert "วันที่ 2 (23 มิถุนายน 2567) จำนวน 2 คน" in text  # the annex, per day


def test_minutes_follow_form_11(seed_forum, tmp_path):
    cli, mid = seed_forum
    extra = _last_id(_ok(cli("member", "add", "นายจะหวะ ใจดี", "--province", "แม่ฮ่องสอน",
                             "--role", "อาสาสมัครพัฒนาสังคม")))  # fmt: skip
    _ok(cli("meeting", "edit", mid, "--session", "ครั้งที่ ๒/๒๕๖๒", "--start-time", "9.00",
            "--end-time", "16.30 น.", "--minute-taker", "นางอรุณี แสงคำ",
            "--agenda", "เรื่องที่ประธานแจ้งให้ทราบ | ที่ประชุมรับทราบ",
            "--agenda", "การจัดตั้งเครือข่าย | มติ: เห็นชอบให้จัดตั้งเครือข่ายพัฒนาสังคมจังหวัด"))  # fmt: skip
    _ok(cli("meeting", "attend", mid, extra, "--absent", "--reason", "ติดราชการ"))
    out = tmp_path / "minutes.docx"
    _ok(cli("meeting", "report", mid, "--minutes", "-o", str(out)))
    assert_thai_government_document(out)
    text = _text(out)
    order = [f"รายงานการประชุม{SEED_000['title']}", "ครั้งที่ 2/2562",
             "เมื่อวันที่ 13 มิถุนายน 2562 เวลา 09.00 น.", f"ณ {SEED_000['venue']}", "ผู้มาประชุม",
             "นายสายทอง จันทร์เติม", "ผู้ไม่มาประชุม", "นายจะหวะ ใจดี", "ติดราชการ",
             "ผู้เข้าร่วมประชุม", "นางอรุณี แสงคำ", "เริ่มประชุมเวลา 09.00 น.",
             "ระเบียบวาระที่ 1 เรื่องที่ประธานแจ้งให้ทราบ", "มติที่ประชุม ที่ประชุมรับทราบ",
             "ระเบียบวาระที่ 2 การจัดตั้งเครือข่าย",
             "มติที่ประชุม เห็นชอบให้จัดตั้งเครือข่ายพัฒนาสังคมจังหวัด",
             "เลิกประชุมเวลา 16.30 น.", "ผู้จดรายงานการประชุม", "(นางอรุณี แสงคำ)"]  # fmt: skip
    at = -1
    for piece in order:
        found = text.find(piece, at + 1)
        assert found > at, (piece, text)
        at = found
    assert "บันทึกการประชุม" not in text  # the form says รายงานการประชุม
    # meeting show tells the same minutes fields, as data and for a person.
    shown = _ok(cli("meeting", "show", mid, "-f", "json")).json()
    assert (shown["session"], shown["start_time"], shown["end_time"], shown["minute_taker"]) == (
        "2/2562", "09:00", "16:30", "นางอรุณี แสงคำ")  # fmt: skip
    assert shown["agenda"] == [
        {"position": 1, "title": "เรื่องที่ประธานแจ้งให้ทราบ", "resolution": "ที่ประชุมรับทราบ"},
        {"position": 2, "title": "การจัดตั้งเครือข่าย",
         "resolution": "เห็นชอบให้จัดตั้งเครือข่ายพัฒนาสังคมจังหวัด"},
    ]  # fmt: skip
    assert [(a["full_name"], a["reason"]) for a in shown["absentees"]] == [
        ("นายจะหวะ ใจดี", "ติดราชการ")
    ]
    table = _ok(cli("meeting", "show", mid)).stdout
    for piece in ("ครั้งที่", "2/2562", "09.00 – 16.30 น.", "ระเบียบวาระ",
                  "1. เรื่องที่ประธานแจ้งให้ทราบ", "มติ: ที่ประชุมรับทราบ", "2. การจัดตั้งเครือข่าย",
                  "ผู้ไม่มาประชุม", "นายจะหวะ ใจดี (ติดราชการ)", "ผู้จดรายงานการประชุม",
                  "นางอรุณี แสงคำ"):  # fmt: skip
        assert piece in table, (piece, table)
    header = _ok(cli("meeting", "show", mid, "-f", "csv")).stdout.splitlines()[0].split(",")
    assert {"session", "minute_taker", "agenda", "absentees"} <= set(header)
    # The history of the new records is kept like every other.
    shown = _ok(cli("meeting", "edit", mid, "--clear", "agenda", "--clear", "end_time"))
    assert "แก้ไขแล้ว" in shown.stderr
    _ok(cli("meeting", "report", mid, "--minutes", "-o", str(out), "--force"))
    text = _text(out)
    assert "ระเบียบวาระที่ 1" not in text and "เลิกประชุมเวลา ไม่ระบุ" in text


def test_minutes_fields_are_logged_and_checked(cli, db_path, tmp_path):
    mid = _last_id(_ok(cli("meeting", "log", "ประชุมคณะกรรมการเครือข่าย", "--date", "21 ก.ค. 2553",
                           "--start-time", "13:30", "--agenda", "รับรองรายงานการประชุม | รับรอง")))  # fmt: skip
    import sqlite3

    conn = sqlite3.connect(db_path)
    tables = {r[0] for r in conn.execute("SELECT DISTINCT table_name FROM change_log")}
    assert {"meeting_minutes", "agenda_items"} <= tables
    for bad in (["--start-time", "25.00"], ["--session", "1/2010"], ["--agenda", " | มติ"],
                ["--start-time", "16.00", "--end-time", "09.00"]):  # fmt: skip
        assert_clean_error(cli("meeting", "edit", mid, *bad))
    member = _last_id(_ok(cli("member", "add", "นายสมชาย ทองดี", "--province", "ลำปาง")))
    _ok(cli("meeting", "attend", mid, member))
    run = cli("meeting", "attend", mid, member, "--absent")
    assert_clean_error(run)
    assert cli("meeting", "attend", mid, member, "--reason", "ลาป่วย").exit_code == 2


@pytest.mark.parametrize(
    "meeting, name, words",
    [
        ("999", "r.docx", "999"),
        ("1", "r.txt", ".docx"),
        ("1", "no-such-folder/r.docx", "no-such-folder"),
        ("1", "r.pdf.txt", ".pdf"),
    ],
)
def test_bad_input_is_one_clean_line_and_nothing_written(cli, tmp_path, meeting, name, words):
    _ok(cli("meeting", "log", "เวทีทดสอบ", "--date", "13 มิถุนายน 2562"))
    run = cli("meeting", "report", meeting, "-o", str(tmp_path / name))
    assert_clean_error(run)
    assert words in run.stderr
    assert len(run.stderr.strip().splitlines()) <= 2  # the message, and a hint
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("netcli.db")] == []


def test_an_existing_file_is_replaced_whole(seed_forum, tmp_path):
    cli, mid = seed_forum
    out = tmp_path / "r.docx"
    out.write_bytes(b"old")
    refused = cli("meeting", "report", mid, "-o", str(out))
    assert refused.exit_code == 1 and "--force" in refused.stderr
    assert out.read_bytes() == b"old"  # never replaced without --force
    _ok(cli("meeting", "report", mid, "-o", str(out), "--force"))
    assert out.read_bytes()[:2] == b"PK"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# --- summary as a document ---------------------------------------------------------------------


def test_summary_docx(cli, tmp_path):
    _ok(cli("demo", "--out-dir", str(tmp_path / "demo")))
    out = tmp_path / "สรุป.docx"
    run = _ok(cli("summary", "--format", "docx", "-o", str(out), "--today", "2026-11-21"))
    assert str(out) in run.stderr
    assert_thai_government_document(out)
    text = _text(out)
    summary = _ok(cli("summary", "--format", "json", "--today", "2026-11-21")).json()
    for p in summary["provinces"]:
        assert p["province"] in text
    assert f"รวม {summary['total']['provinces']} จังหวัด" in text
    table = _docx(out).tables[0]
    total = table.rows[-1]
    assert total.cells[0].text == "รวม"
    assert all(r.bold for c in total.cells for r in c.paragraphs[0].runs)  # the total in bold
    assert not any(r.bold for c in table.rows[1].cells for r in c.paragraphs[0].runs)
    assert {c.paragraphs[0].alignment for c in table.rows[1].cells[1:]} == {2}  # numbers right
    # No seed states a budget: the document says so, and a fund's capital is not a budget.
    assert "ไม่ระบุ" in text and "ข้อมูล ณ วันที่ 21 พฤศจิกายน 2569" in text
    assert cli("summary", "--format", "docx").exit_code == 2
    assert_clean_error(cli("summary", "--format", "docx", "-o", str(tmp_path / "s.xlsx")))


def test_demo_writes_a_forum_report(cli, tmp_path):
    folder = tmp_path / "demo"
    _ok(cli("demo", "--out-dir", str(folder)))
    report = folder / "netcli-demo-report.docx"
    assert_thai_government_document(report)
    text = _text(report)
    assert "ระดับอำเภอ ปี ๒๕๕๗" in text or "ระดับอำเภอ ปี 2557" in text
    assert "250 คน" in text and "ปี 2557" in text  # the year as known, no invented day
    assert "2,344,070.93 บาท" not in text.split("งบประมาณ")[-1][:80]  # no fund as a budget


# --- sign-in sheet -----------------------------------------------------------------------------


def _many_members(cli, n: int, province: str = "ลำปาง", network: str | None = None) -> list[str]:
    import json

    lines = "\n".join(
        json.dumps(
            {
                "name": f"นายสมชาย{i:03d} ทดสอบ",
                "role": "ประธานกลุ่มออมทรัพย์เพื่อการผลิต",
                "organization": "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองบัว",
                "province": province,
                "phone": f"0812345{i:03d}",
            },
            ensure_ascii=False,
        )
        for i in range(1, n + 1)
    )
    _ok(cli("member", "add", "--from", "-", input=lines))
    rows = _ok(cli("member", "list", "-f", "json")).json()
    ids = [str(m["id"]) for m in rows if m["full_name"].startswith("นายสมชาย")]
    if network:
        _ok(cli("network", "join", network, *ids))
    return ids


def _sheet_rows(ws):
    return [list(r) for r in ws.iter_rows(min_row=6, values_only=True) if isinstance(r[0], int)]


def test_signin_lists_the_network_before_the_forum_without_phones(cli, tmp_path):
    from openpyxl import load_workbook

    _ok(cli("network", "add", "เครือข่ายภาคเหนือ", "--level", "ภาค"))
    _ok(cli("network", "add", "เครือข่ายลำปาง", "--level", "จังหวัด", "--parent", "เครือข่ายภาคเหนือ"))
    _many_members(cli, 12, network="เครือข่ายลำปาง")  # a sub-network's members
    mid = _last_id(_ok(cli("meeting", "log", "เวทีเครือข่ายภาคเหนือ", "--date", "22-23 มิถุนายน 2567",
                           "--network", "เครือข่ายภาคเหนือ", "--participants", "กว่า 70 คน")))  # fmt: skip
    out = tmp_path / "s.xlsx"
    _ok(cli("export", "signin", mid, "-o", str(out)))
    wb = load_workbook(out)
    assert len(wb.worksheets) == 2  # one sheet per day
    for ws in wb.worksheets:
        header = [c.value for c in ws[5] if c.value]
        assert header == ["ที่", "ชื่อ - สกุล", "ตำแหน่ง", "หน่วยงาน", "ลายมือชื่อ"]  # no phone
        rows = _sheet_rows(ws)
        assert len([r for r in rows if r[1]]) == 12
        assert len(rows) == 70  # blank rows up to the reported head-count
        values = [c.value for row in ws.iter_rows() for c in row if c.value]
        assert not any("081" in str(v) for v in values)
        assert any(str(v).startswith("ลงชื่อ") and "ผู้รับรอง" in str(v) for v in values)
        assert any(str(v).startswith("ตำแหน่ง") for v in values)
        assert ws.page_setup.fitToWidth == 1 and ws.print_title_rows == "$1:$5"
        assert int(ws.page_setup.paperSize) == 9
    with_phone = tmp_path / "p.xlsx"
    _ok(cli("export", "signin", mid, "-o", str(with_phone), "--with-phone"))
    ws = load_workbook(with_phone).active
    assert "โทรศัพท์" in [c.value for c in ws[5]]
    blank = tmp_path / "b.xlsx"
    _ok(cli("export", "signin", mid, "-o", str(blank), "--blank"))
    rows = _sheet_rows(load_workbook(blank).active)
    assert len(rows) == 70 and not any(r[1] for r in rows)


def test_signin_prefers_the_attendees_and_gives_at_least_ten_blank_rows(cli, tmp_path):
    from openpyxl import load_workbook

    ids = _many_members(cli, 3)
    mid = _last_id(_ok(cli("meeting", "log", "ประชุมกลุ่มย่อย", "--date", "1 ตุลาคม 2566")))
    _ok(cli("meeting", "attend", mid, ids[0]))
    out = tmp_path / "s.xlsx"
    _ok(cli("export", "signin", mid, "-o", str(out)))
    rows = _sheet_rows(load_workbook(out).active)
    assert [r[1] for r in rows if r[1]] == ["นายสมชาย001 ทดสอบ"]
    assert len(rows) == 1 + 10


def _pdf_pages(pdf: Path) -> int:
    data = pdf.read_bytes()
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


def _render(files: list[Path], folder: Path) -> dict[str, int]:
    """PDF page count of each file as LibreOffice prints it."""
    proc = subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{folder}/lo-profile",
         "--convert-to", "pdf", "--outdir", str(folder), *map(str, files)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return {f.name: _pdf_pages(folder / f"{f.stem}.pdf") for f in files}


@needs_libreoffice
def test_printed_page_counts(cli, tmp_path):
    """Sign-in for 70 people: at most 2 pages a day; summary of 11 provinces: at most 3;
    an error workbook with one rejected row: 1; the forum report renders."""
    ids = _many_members(cli, 70)
    mid = _last_id(_ok(cli("meeting", "log", "สัมมนาเครือข่ายขบวนองค์กรชุมชนภาคใต้",
                           "--date", "22-23 มิถุนายน 2567", "--participants", "กว่า 70 คน")))  # fmt: skip
    _ok(cli("meeting", "attend", mid, *ids))
    signin = tmp_path / "signin.xlsx"
    _ok(cli("export", "signin", mid, "-o", str(signin), "--blank-rows", "0"))
    demo = tmp_path / "demo"
    _ok(cli("demo", "--out-dir", str(demo)))
    summary = tmp_path / "summary.xlsx"
    _ok(cli("summary", "--format", "xlsx", "-o", str(summary)))
    assert len(_ok(cli("summary", "--format", "json")).json()["provinces"]) >= 11
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "ชื่อ-นามสกุล,ตำแหน่ง,หน่วยงาน,ตำบล,อำเภอ,จังหวัด,เบอร์โทร,E-mail,Line,วันที่เข้าร่วม,หมายเหตุ\n"
        "นายสมหมาย รักดี,ประธานกลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองบัว,กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองบัว"
        "ตำบลแม่เงิน,แม่เงิน,เชียงแสน,เชียงใม,0812345678,somchai@example.com,somchai123,"
        "13 มิถุนายน 2562,สมาชิกเครือข่ายตั้งแต่ปี 2562 เข้าร่วมเวทีทุกครั้ง\n",
        encoding="utf-8",
    )
    assert cli("import", str(bad)).exit_code == 1
    errors = tmp_path / "bad.errors.xlsx"
    report = demo / "netcli-demo-report.docx"
    pages = _render([signin, summary, errors, report], tmp_path)
    assert pages["signin.xlsx"] <= 2 * 2, pages  # two days
    assert pages["summary.xlsx"] <= 3, pages
    assert pages["bad.errors.xlsx"] == 1, pages
    assert pages["netcli-demo-report.docx"] >= 1, pages


# --- workbooks ---------------------------------------------------------------------------------


def test_error_workbook_is_ready_to_print(cli, tmp_path):
    from openpyxl import load_workbook

    bad = tmp_path / "bad.csv"
    bad.write_text("ชื่อ-นามสกุล,จังหวัด,หมายเหตุ\nนายสมหมาย รักดี,เชียงใม,"
                   + "ยาวมาก " * 30 + "\n", encoding="utf-8")  # fmt: skip
    assert cli("import", str(bad)).exit_code == 1
    ws = load_workbook(tmp_path / "bad.errors.xlsx").active
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.column_dimensions["D"].width >= 40  # the why-column, wide enough to read
    assert 6 <= ws.column_dimensions["A"].width <= 30
    assert ws["C2"].alignment.wrap_text and ws["D2"].alignment.wrap_text
    assert ws.row_dimensions[2].height > ws.row_dimensions[1].height  # long note wraps
    assert ws.print_title_rows == "$1:$1"


def test_summary_workbook_charts_use_the_thai_font(cli, tmp_path):
    import zipfile

    _ok(cli("demo", "--out-dir", str(tmp_path / "demo")))
    out = tmp_path / "s.xlsx"
    _ok(cli("summary", "--format", "xlsx", "-o", str(out)))
    with zipfile.ZipFile(out) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 4
        for name in charts:
            xml = z.read(name).decode("utf-8")
            assert "<title>" in xml
            assert xml.count(f'typeface="{FONT}"') >= 3 * 3  # title and both axes, 3 slots
            if "<legend>" in xml:
                legend = xml[xml.index("<legend>") : xml.index("</legend>")]
                assert f'typeface="{FONT}"' in legend
        drawing = z.read("xl/drawings/drawing1.xml").decode("utf-8")
        assert drawing.count("twoCellAnchor>") >= 4  # a grid of charts stretched between cells


def test_roster_opens_on_the_roster_and_prints_titles(cli, tmp_path):
    from openpyxl import load_workbook

    _many_members(cli, 3)
    out = tmp_path / "r.xlsx"
    _ok(cli("export", "roster", "-o", str(out)))
    wb = load_workbook(out)
    assert wb.active.title == "รายชื่อสมาชิก"
    assert [ws.sheet_view.tabSelected for ws in wb.worksheets].count(True) == 1
    ws = wb.active
    assert ws.print_title_rows == "$1:$1"
    assert "ทะเบียนรายชื่อ" in ws.oddHeader.center.text
    assert "&P" in ws.oddFooter.center.text
