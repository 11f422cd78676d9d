"""The documents as PDF (issue 15): ``meeting report -o FILE.pdf`` (the forum report and the
minutes) and ``summary -f pdf``, typeset by typst with the embedded Sarabun font (the ``pdf``
extra). The PDF's text layer is read back with pdfium (pypdfium2; pypdf garbles typst's Thai):
the seed forum's title must be there exactly, Thai words must read back, lines must break
between words, and user text with typst's markup characters must print as written.

Skipped only when the extra or pdfium cannot be imported (the test extra installs both).
Without the extra, the refusal is tested by hiding the modules.
"""

# ruff: noqa: F811
from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import assert_clean_error

# The seed forums of the Word tests, as fixtures (a test's argument "redefines" them: F811).
from tests.test_papers import SEED_000, _last_id, _ok, seed_forum  # noqa: F401
from tests.test_seed_facts import PRESENTERS, seeded  # noqa: F401

typst = pytest.importorskip("typst", reason="the pdf extra (typst) is not installed")
pytest.importorskip("fontpkg_sarabun", reason="the pdf extra (fontpkg-sarabun) is not installed")
pdfium = pytest.importorskip("pypdfium2", reason="pypdfium2 (test extra) is not installed")

A4_PT = (595.28, 841.89)
SEED_004_TITLE = (
    "เวทีติดตามและประเมินผลการดำเนินงานโครงการเสริมสร้างระบบเครือข่ายพัฒนาสังคมและสวัสดิการสังคมระดับอำเภอ ปี ๒๕๕๗"
)


def _pages(path: Path) -> list[str]:
    """The text layer, page by page, as pdfium reads it (lines end in \\r\\n)."""
    doc = pdfium.PdfDocument(str(path))
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def _lines(path: Path) -> list[str]:
    return [line for page in _pages(path) for line in page.splitlines()]


def _flat(value: Path | str) -> str:
    """The text (of a PDF, or a string to look for) without whitespace. A Thai line breaks
    between two words with no space, so a wrapped title reads back whole; and a reader infers
    spaces from the gaps between glyphs (pdfium misses the one after บุรี), so spaces are not
    compared. Seed 000's title is also checked as a line of its own, exactly."""
    text = "".join(_pages(value)) if isinstance(value, Path) else value
    return "".join(text.split())


# A vowel above a consonant carrying a tone mark (ตั้ง, ครั้ง, ศักดิ์): typst 0.15 writes the
# raised tone mark as a glyph of its own that maps to the whole cluster, so the text layer
# reads the cluster twice ("ตั้ตั้ง"; typst issue 7610). The page prints right; such words are
# left out of the read-back checks (and the README says so).
STACKED = re.compile("[\u0e31\u0e34-\u0e37][\u0e48-\u0e4c]")


def _readable(words: list[str]) -> list[str]:
    return [w for w in words if not STACKED.search(w)]


def test_seed_forum_pdf_report_has_the_title_exactly(seed_forum, tmp_path, monkeypatch):
    cli, mid = seed_forum
    monkeypatch.setenv("NETCLI_USER", "นางสาวกรรณิการ์ ใจดี")
    out = tmp_path / "รายงาน.pdf"
    run = _ok(cli("meeting", "report", mid, "-o", str(out), "--today", "20 มิถุนายน 2562",
                  "-f", "json"))  # fmt: skip
    assert run.json() == {"path": str(out), "meeting_id": int(mid), "kind": "report",
                          "format": "pdf", "title": SEED_000["title"]}  # fmt: skip
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and b"Sarabun" in data and b"/FontFile" in data
    lines = _lines(out)
    assert SEED_000["title"] in lines  # a line of its own, exactly
    text = _flat(out)
    s = SEED_000
    words = ["รายงานผลการจัดเวที", s["date"], s["venue"], s["place"], s["chair"], s["funding"],
             *s["speakers"], s["notes"], s["outcome"], "นายสายทอง จันทร์เติม", "นางอรุณี แสงคำ",
             "กลุ่มเกษตรอินทรีย์", "30 ก.ย. 2562", "นางสาวกรรณิการ์ ใจดี",
             "วันที่ 20 เดือนมิถุนายน พ.ศ. 2562", "ผู้รายงาน", "ภาคผนวก รายชื่อผู้ลงชื่อเข้าร่วม",
             "จำนวนผู้เข้าร่วมตามรายงาน: ไม่ระบุ"]  # fmt: skip
    assert len(_readable(words)) >= 15
    missing = [w for w in _readable(words) if _flat(w) not in text]
    assert not missing, missing
    doc = pdfium.PdfDocument(str(out))
    for i in range(len(doc)):
        width, height = doc[i].get_size()
        assert (round(width, 1), round(height, 1)) == (round(A4_PT[0], 1), round(A4_PT[1], 1))
    assert len(doc) >= 2  # the annex starts on a page of its own
    doc.close()


def test_thai_lines_break_between_words(seed_forum, tmp_path):
    """The lead paragraph wraps over several lines; no line starts with a mark or a vowel
    that belongs to the letter before it, none ends with a vowel written before its letter,
    and every break falls where a Thai word ends (pythainlp's segmentation)."""
    from pythainlp.tokenize import word_tokenize

    cli, mid = seed_forum
    out = tmp_path / "r.pdf"
    _ok(cli("meeting", "report", mid, "-o", str(out)))
    lines = [ln.strip() for ln in _pages(out)[0].splitlines() if ln.strip()]
    start = next(i for i, ln in enumerate(lines) if ln.startswith("เมื่อวันที่"))
    end = next(i for i, ln in enumerate(lines) if ln.startswith("1. ข้อมูลการจัด"))
    lead = lines[start:end]
    assert len(lead) >= 3, lead
    for line in lead:
        first, last = line[0], line[-1]
        assert unicodedata.category(first) != "Mn" and first not in "ะาำๅๆ", line
        assert last not in "เแโใไ", line
    # A break is where pythainlp ends a word, or between two syllables of a name that it keeps
    # whole and typst's dictionary (ICU) does not (จ.แม่ฮ่อง|สอน); never inside a syllable.
    from pythainlp.tokenize import syllable_tokenize

    def ends(tokens: list[str]) -> set[int]:
        out, at = set(), 0
        for token in tokens:
            at += len(token)
            out.add(at)
        return out

    paragraph = "".join(lead)
    words = ends(word_tokenize(paragraph, engine="newmm", keep_whitespace=True))
    syllables = ends(syllable_tokenize(paragraph, engine="dict"))
    at, at_words = 0, 0
    for line in lead[:-1]:
        at += len(line)
        assert at in words or at in syllables, (line, paragraph[at - 5 : at + 5])
        at_words += at in words
    assert at_words >= (len(lead) - 1) // 2, lead


def test_minutes_and_summary_as_pdf(seed_forum, tmp_path):
    cli, mid = seed_forum
    _ok(cli("meeting", "edit", mid, "--session", "1/2562", "--start-time", "9.00",
            "--end-time", "16.30", "--agenda", "เรื่องแจ้งเพื่อทราบ | ที่ประชุมรับทราบ"))  # fmt: skip
    minutes = tmp_path / "minutes.pdf"
    _ok(cli("meeting", "report", mid, "--minutes", "-o", str(minutes)))
    text = _flat(minutes)
    order = [f"รายงานการประชุม{SEED_000['title']}", "1/2562", "ผู้มาประชุม",
             "ผู้ไม่มาประชุม", "ผู้เข้าร่วมประชุม", "เริ่มประชุมเวลา 09.00 น.",
             "ระเบียบวาระที่ 1 เรื่องแจ้งเพื่อทราบ", "มติที่ประชุม ที่ประชุมรับทราบ",
             "เลิกประชุมเวลา 16.30 น.", "ผู้จดรายงานการประชุม"]  # fmt: skip
    at = -1
    for piece in map(_flat, _readable(order)):
        found = text.find(piece, at + 1)
        assert found > at, (piece, text)
        at = found
    summary = tmp_path / "สรุป.pdf"
    run = _ok(cli("summary", "--format", "pdf", "-o", str(summary), "--thai-digits"))
    assert str(summary) in run.stderr
    text = _flat(summary)
    assert "แม่ฮ่องสอน" in text and "ภาพรวม" in text and "ผู้จัดทำ" in text
    assert "หน้า๒" in text or len(_pages(summary)) == 1  # page numbers in Thai digits
    assert cli("summary", "--format", "pdf").exit_code == 2  # -o is needed
    assert_clean_error(cli("summary", "--format", "pdf", "-o", str(tmp_path / "s.docx")))
    assert_clean_error(cli("summary", "--format", "docx", "-o", str(tmp_path / "s.pdf")))
    assert not (tmp_path / "s.docx").exists() and not (tmp_path / "s.pdf").exists()


def test_seed_004_pdf_report_title_and_presenters(seeded, tmp_path):
    cli, ids = seeded
    out = tmp_path / "r004.pdf"
    _ok(cli("meeting", "report", str(ids["004"]), "-o", str(out)))
    text = _flat(out)
    assert _flat(SEED_004_TITLE) in text
    names = _readable([name for _, name, *_ in PRESENTERS])
    assert len(names) >= 5
    for name in names:
        assert _flat(name) in text, name
    for province, *_ in PRESENTERS:
        assert province in text


MARKUP = 'นาย#ทดสอบ *ตัวหนา* _เอียง_ $x$ [ก] \\n\\ @ref <lab> "คำ" -- = + ~ `code` //'


def test_user_text_with_typst_markup_prints_as_written(cli, tmp_path):
    title = f"เวที {MARKUP}"
    mid = _last_id(_ok(cli("meeting", "log", title, "--date", "13 มิถุนายน 2562",
                           "--chair", "#set page(width: 1cm)", "--note", "#{1 + 1} ]\\")))  # fmt: skip
    out = tmp_path / "r.pdf"
    _ok(cli("meeting", "report", mid, "-o", str(out)))
    text = _flat(out)
    assert _flat(MARKUP) in text
    assert _flat("#set page(width: 1cm)") in text and _flat("#{1 + 1} ]\\") in text
    doc = pdfium.PdfDocument(str(out))
    assert round(doc[0].get_size()[0], 1) == round(A4_PT[0], 1)  # the page was not changed
    doc.close()


def test_without_the_pdf_extra_one_clear_line_and_nothing_written(cli, tmp_path, monkeypatch):
    mid = _last_id(_ok(cli("meeting", "log", "เวทีทดสอบ", "--date", "13 มิถุนายน 2562")))
    monkeypatch.setitem(sys.modules, "typst", None)  # import typst now raises ImportError
    out = tmp_path / "r.pdf"
    run = cli("meeting", "report", mid, "-o", str(out), "-f", "json")
    assert_clean_error(run)
    lines = run.stderr.strip().splitlines()
    assert len(lines) <= 2 and "netcli[pdf]" in lines[0] and lines[0].startswith("ผิดพลาด")
    error = run.json()["error"]
    assert error["code"] == "refused" and "netcli[pdf]" in error["message"]
    run = cli("summary", "--format", "pdf", "-o", str(tmp_path / "s.pdf"))
    assert_clean_error(run)
    assert "netcli[pdf]" in run.stderr
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("netcli.db")] == []
    # Word needs no extra.
    _ok(cli("meeting", "report", mid, "-o", str(tmp_path / "r.docx")))


def test_an_existing_pdf_is_replaced_whole(seed_forum, tmp_path):
    cli, mid = seed_forum
    out = tmp_path / "r.pdf"
    out.write_bytes(b"old")
    # An existing file is replaced only with --force (issue 17), and then whole.
    refused = cli("meeting", "report", mid, "-o", str(out), "--thai-digits")
    assert refused.exit_code == 1 and out.read_bytes() == b"old"
    _ok(cli("meeting", "report", mid, "-o", str(out), "--thai-digits", "--force"))
    assert out.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    text = _flat(out)
    assert "๑๓มิถุนายน๒๕๖๒" in text and "หน้า๒" in text
