"""The summary (:func:`netcli.reports.summary.build_summary`) as a Word document, or as PDF
(the same builder through :class:`netcli.files.pdf.TypstWriter`).

The same figures as ``summary --format markdown``, set as a Thai government document
(:mod:`netcli.files.docx_base`): the title lines, one table of the provinces with a total row
(its header repeated on every page), then a section per province (members by sector,
meetings by kind, head-counts, budget in figures and words, the last meeting, open actions,
districts when ``--depth district``), the note on how people are counted, and the officer's
name and date at the end.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from netcli.files import documents, docx_base

# 16 pt in 16 cm (the text width of A4 less margins): short headers, units said below.
TABLE_HEADERS = ("จังหวัด", "สมาชิก", "เครือข่าย", "เวที", "ผู้เข้าร่วม", "ผู้ลงชื่อ", "งบประมาณ (บาท)")
TABLE_WIDTHS = (3.6, 1.6, 1.8, 1.3, 2.1, 1.7, 3.9)
TABLE_NOTE = "สมาชิก ผู้เข้าร่วม (ตามรายงาน) และผู้ลงชื่อ (ไม่ซ้ำคน) นับเป็นคน; เวที คือเวที/ประชุม นับเป็นครั้ง"


def _n(value: int | None) -> str:
    return "ไม่ระบุ" if value is None else f"{value:,}"


def _baht(satang: int | None) -> str:
    from netcli.thai.money import format_baht

    return "ไม่ระบุ" if satang is None else format_baht(satang)


def _label(entry: dict[str, Any]) -> str:
    return f"จังหวัด{entry['province']}" if entry.get("province_code") else entry["province"]


def _row(entry: dict[str, Any], label: str) -> list[str]:
    return [
        label,
        _n(entry.get("members")),
        _n(entry.get("networks")),
        _n(entry.get("meetings")),
        _n(entry.get("participants")),
        _n(entry.get("unique_attendees")),
        _baht(entry.get("budget_satang")),
    ]


def _range(start: str, end: str) -> str:
    from netcli.thai.dates import format_date_range

    return format_date_range(date.fromisoformat(start), date.fromisoformat(end))


def _entry_lines(e: dict[str, Any], depth: str) -> list[str]:
    counts = lambda d, unit: " · ".join(f"{k} {v:,} {unit}" for k, v in d.items())  # noqa: E731
    lines = [
        f"สมาชิก {_n(e['members'])} คน ใน {_n(e['districts'])} อำเภอ {_n(e['subdistricts'])} ตำบล"
    ]
    if e.get("by_sector"):
        lines.append(f"ภาคส่วน: {counts(e['by_sector'], 'คน')}")
    lines.append(f"เครือข่าย {_n(e['networks'])} เครือข่าย")
    if e.get("meetings"):
        text = f"เวที/ประชุม {_n(e['meetings'])} ครั้ง ({_n(e.get('meeting_days'))} วัน)"
        if e.get("meeting_kinds"):
            text += f": {counts(e['meeting_kinds'], 'ครั้ง')}"
        lines.append(text)
        lines.append(
            f"ผู้เข้าร่วมตามรายงาน {_n(e['participants'])} คน ·"
            f" ผู้ลงชื่อเข้าร่วม (ไม่ซ้ำคน) {_n(e['unique_attendees'])} คน"
        )
        lines.append(
            f"งบประมาณ {_baht(e['budget_satang'])} บาท ({e.get('budget_text') or 'ไม่ระบุ'})"
        )
    else:
        lines.append("ไม่มีเวที/ประชุมในช่วงเวลานี้")
    last = e.get("last_meeting")
    if last:
        where = " ".join(p for p in (last.get("venue"), last.get("place_th")) if p)
        text = f"เวทีล่าสุด: {last['title']} — {_range(last['start_date'], last['end_date'])}"
        lines.append(text + (f" ณ {where}" if where else ""))
    if e.get("open_actions"):
        lines.append(
            f"งานที่ยังไม่เสร็จ {_n(e['open_actions'])} เรื่อง (เลยกำหนด {_n(e.get('overdue_actions'))})"
        )
    if depth != "province":
        for d in e.get("by_district", []):
            name = f"อ.{d['district']}" if d.get("district") else "ไม่ระบุอำเภอ"
            lines.append(
                f"{name}: สมาชิก {_n(d['members'])} คน {_n(d['subdistricts'])} ตำบล,"
                f" เวที {_n(d['meetings'])} ครั้ง, ผู้เข้าร่วม {_n(d['participants'])} คน,"
                f" งบประมาณ {_baht(d['budget_satang'])} บาท"
            )
    return lines


def build_summary_document(
    summary: dict[str, Any],
    *,
    officer: str | None = None,
    officer_position: str | None = None,
    thai_digits: bool = False,
    today: date | None = None,
    fmt: str = "docx",
) -> Any:
    """The summary document: a writer (python-docx or typst, by ``fmt``) holding it."""
    from netcli.reports.summary import people_notes, title_lines

    head = title_lines(summary)
    w = documents.new_writer(fmt, title=head[0], author=officer, thai_digits=thai_digits)
    w.page_numbers()
    w.title(head[0])
    for line in head[1:]:
        w.paragraph(line, align="center")
    w.blank()

    provinces = summary["provinces"]
    total = summary["total"]
    rows = [_row(e, e["province"]) for e in provinces]
    if len(provinces) != 1:
        rows.append(_row(total, "รวม"))
    w.heading("1. ภาพรวม")
    w.table(TABLE_HEADERS, rows, widths_cm=TABLE_WIDTHS, centered=(),
            right=range(1, len(TABLE_HEADERS)), bold_last=len(provinces) != 1)  # fmt: skip
    w.paragraph(TABLE_NOTE, align="left")
    for note in people_notes(summary):
        w.paragraph(note, align="left")

    depth = summary.get("depth", "province")
    w.heading("2. รายจังหวัด")
    for e in provinces:
        w.heading(_label(e), level=2)
        w.items(_entry_lines(e, depth), numbered=False)
    if len(provinces) != 1:
        w.heading(f"รวม {_n(total.get('provinces'))} จังหวัด", level=2)
        w.items(_entry_lines(total, "province"), numbered=False)

    w.signature("ผู้จัดทำ", officer, officer_position,
                docx_base.official_date(today or date.today(), thai_digits=thai_digits))  # fmt: skip
    return w


def write_summary_document(
    summary: dict[str, Any],
    path: Path | str,
    *,
    officer: str | None = None,
    officer_position: str | None = None,
    thai_digits: bool = False,
    today: date | None = None,
    fmt: str | None = None,
    force: bool = False,
) -> Path:
    """Write the summary to ``path`` (atomically): Word for .docx, PDF for .pdf (the pdf
    extra; refused before any work without it); ``fmt`` ("docx" or "pdf") insists on one.
    An existing file is replaced only with ``force``. Returns the path."""
    path = documents.check_output(path, fmt, force=force)
    w = build_summary_document(
        summary,
        officer=officer,
        officer_position=officer_position,
        thai_digits=thai_digits,
        today=today,
        fmt=documents.format_of(path),
    )
    return w.save(path, force=force)
