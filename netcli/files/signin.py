"""The printable sign-in sheet (แบบลงทะเบียนผู้เข้าร่วม) of a meeting.

One sheet per day of the meeting (the daily sheet is the evidence for meal and travel money,
Finance Ministry regulation on training costs): the title, the Thai date and the venue above a
bordered table ที่ | ชื่อ - สกุล | ตำแหน่ง | หน่วยงาน | ลายมือชื่อ, then the certifier's block
("ลงชื่อ ……… ผู้รับรอง (………) ตำแหน่ง ………").

Who is listed: those recorded as attending that day; else, before the forum, the members of its
network and sub-networks; ``--province``/``--network`` choose instead; ``blank`` lists no one.
Blank numbered rows follow for walk-ins, up to the reported head-count (at least 10). No phone
column unless ``with_phone``: every signer reads the sheet, and a phone is personal data.

A4 portrait, fitted to the page width and to at most ROWS_PER_PAGE rows a page, the title and
header repeated on every printed page, page numbers in the footer. The header names are the
ones ``netcli import`` maps (the signature column and the certifier's lines are skipped), so a
sheet filled in and typed back imports as attendance (``netcli import FILE --meeting ID``).
"""

from __future__ import annotations

import math
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from netcli.errors import ValidationError
from netcli.files import cells

PHONE_HEADER = "โทรศัพท์"
SIGNATURE_HEADER = "ลายมือชื่อ"
# Column widths in Excel units: wide enough for a long Thai name and a signature.
COLUMNS = (
    ("ที่", 6),
    ("ชื่อ - สกุล", 30),
    ("ตำแหน่ง", 22),
    ("หน่วยงาน", 30),
    (PHONE_HEADER, 14),
    (SIGNATURE_HEADER, 22),
)
HEADER_ROW = 5
ROW_HEIGHT = 26  # points: room to sign by hand (9 mm; about 8 mm once fitted to the width)
# Rows per printed page: 35 keeps a forum of 70 on two pages a day.
ROWS_PER_PAGE = 35
MIN_BLANK_ROWS = 10
MAX_BLANK_ROWS = 1000
CERTIFIER = (
    "ลงชื่อ ....................................................... ผู้รับรอง",
    "(.......................................................)",
    "ตำแหน่ง .......................................................",
)


def headers(with_phone: bool) -> list[str]:
    return [h for h, _ in COLUMNS if with_phone or h != PHONE_HEADER]


def _sorted(people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from netcli.thai.collation import thai_sort_key

    people.sort(key=lambda m: (thai_sort_key(m["first_name"]), thai_sort_key(m["last_name"])))
    return people


_PERSON = "m.full_name, m.first_name, m.last_name, m.role, m.organization, m.phone"


def _attendees(conn: sqlite3.Connection, meeting: int, day: date) -> list[dict[str, Any]]:
    return [
        dict(r)
        for r in conn.execute(
            f"SELECT {_PERSON} FROM attendance a JOIN members m ON m.id = a.member_id"
            " WHERE a.meeting_id = ? AND a.day = ? AND m.purged_at IS NULL",
            (meeting, day.isoformat()),
        )
    ]


def _network_members(conn: sqlite3.Connection, network: int) -> list[dict[str, Any]]:
    """Live members of a network and its sub-networks, each once."""
    from netcli.networks.records import subtree_ids

    ids = subtree_ids(conn, network)
    marks = ", ".join("?" for _ in ids)
    return [
        dict(r)
        for r in conn.execute(
            f"SELECT {_PERSON} FROM members m WHERE m.deleted_at IS NULL AND m.id IN"
            f" (SELECT member_id FROM memberships WHERE network_id IN ({marks}))",
            tuple(ids),
        )
    ]


def _expected(
    conn: sqlite3.Connection,
    meeting: Any,
    day: date,
    province: str | None,
    network: str | None,
    blank: bool,
    has_attendance: bool,
) -> tuple[list[dict[str, Any]], str]:
    """Who is listed that day, and where the list came from."""
    if blank:
        return [], "blank"
    if province or network:
        from netcli.people.members import MemberFilter, list_members

        people = list(list_members(conn, MemberFilter(province=province, network=network)))
        return _sorted(people), "filter"
    if has_attendance:
        return _sorted(_attendees(conn, meeting["id"], day)), "attendance"
    if meeting["network_id"] is not None:
        return _sorted(_network_members(conn, meeting["network_id"])), "network"
    return [], "none"


def blank_rows_for(listed: int, reported: int | None) -> int:
    """Blank rows for walk-ins: up to the reported head-count, at least MIN_BLANK_ROWS."""
    return max(MIN_BLANK_ROWS, (reported or 0) - listed)


def write_signin(
    conn: sqlite3.Connection,
    meeting: str | int,
    path: Path | str,
    *,
    blank_rows: int | None = None,
    province: str | None = None,
    network: str | None = None,
    blank: bool = False,
    with_phone: bool = False,
    force: bool = False,
) -> dict[str, Any]:
    """Write the sign-in workbook.

    ``blank_rows`` None gives rows up to the reported head-count (at least 10). Returns
    ``{"path", "meeting_id", "source", "sheets": [{"name", "day", "expected", "blank", "rows"}]}``
    where source is attendance, network, filter, blank or none.
    """
    from netcli.meetings.records import days_of, meeting_id

    if blank_rows is not None and not 0 <= blank_rows <= MAX_BLANK_ROWS:
        raise ValidationError(
            f"--blank-rows ต้องอยู่ระหว่าง 0 ถึง {MAX_BLANK_ROWS} (blank rows out of range)",
            code="bad-number",
            field="blank_rows",
            value=blank_rows,
        )
    if blank and (province or network):
        raise ValidationError(
            "--blank ไม่มีรายชื่อ ใช้คู่กับ --province/--network ไม่ได้ (--blank lists no one)",
            field="blank",
        )
    path = cells.check_output(path, (".xlsx",), force=force)
    mid = meeting_id(conn, meeting)
    row = conn.execute("SELECT * FROM meetings WHERE id = ?", (mid,)).fetchone()
    if network:
        from netcli.store.resolve import network_id

        network = conn.execute(
            "SELECT name FROM networks WHERE id = ?", (network_id(conn, network),)
        ).fetchone()[0]
    if province:
        from netcli.thai.places import resolve_province

        province = resolve_province(province)[0]
    has_attendance = (
        conn.execute("SELECT 1 FROM attendance WHERE meeting_id = ? LIMIT 1", (mid,)).fetchone()
        is not None
    )
    days = days_of(conn, mid) or [date.fromisoformat(row["start_date"])]
    wb = cells.new_workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    sheets = []
    source = "none"
    for index, day in enumerate(days, start=1):
        people, source = _expected(conn, row, day, province, network, blank, has_attendance)
        blanks = (
            blank_rows
            if blank_rows is not None
            else blank_rows_for(len(people), row["participants"])
        )
        blanks = min(blanks, MAX_BLANK_ROWS)
        ws = wb.create_sheet(cells.sheet_title(_sheet_name(day, index, len(days)), taken))
        rows = _fill_sheet(ws, row, day, index, days, people, blanks, with_phone)
        sheets.append(
            {
                "name": ws.title,
                "day": day.isoformat(),
                "expected": len(people),
                "blank": blanks,
                "rows": rows,
            }
        )
    cells.save_workbook(wb, path, force=force)
    return {"path": str(path), "meeting_id": mid, "source": source, "sheets": sheets}


def _sheet_name(day: date, index: int, count: int) -> str:
    from netcli.thai.dates import format_date

    short = format_date(day, short=True)
    return f"วันที่ {index} {short}" if count > 1 else short


def _title(meeting: Any) -> str:
    title = meeting["title"]
    if meeting["batch"] and "รุ่น" not in title:
        title += f" รุ่นที่ {meeting['batch']}"
    return title


def _venue(meeting: Any) -> str:
    from netcli.thai.places import place_text

    place = place_text(meeting["subdistrict"], meeting["district"], meeting["province"])
    return " ".join(p for p in (meeting["venue"], place) if p)


def _fill_sheet(
    ws: Any,
    meeting: Any,
    day: date,
    index: int,
    days: list[date],
    people: list[dict[str, Any]],
    blank_rows: int,
    with_phone: bool,
) -> int:
    from openpyxl.styles import Alignment, Border, PatternFill, Side
    from openpyxl.utils import get_column_letter

    from netcli.thai.dates import format_date, format_date_range
    from netcli.thai.phones import format_phone

    columns = [(h, w) for h, w in COLUMNS if with_phone or h != PHONE_HEADER]
    names = [h for h, _ in columns]
    phone_col = names.index(PHONE_HEADER) + 1 if with_phone else None
    cells.thai_rows(ws)
    last_col = get_column_letter(len(columns))
    when = f"วันที่ {format_date(day)}"
    if len(days) > 1:
        span = format_date_range(days[0], days[-1])
        when += f" (วันที่ {index} จาก {len(days)} วัน: {span})"
    venue = _venue(meeting)
    lines = [
        ("แบบลงทะเบียนผู้เข้าร่วม", cells.font(bold=True, size=16)),
        (_title(meeting), cells.font(bold=True, size=cells.TITLE_SIZE)),
        (f"{when}" + (f" ณ {venue}" if venue else ""), cells.font(size=cells.FONT_SIZE + 2)),
    ]
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r, (text, f) in enumerate(lines, start=1):
        ws.merge_cells(f"A{r}:{last_col}{r}")
        cells.put(ws, r, 1, text, cell_font=f, alignment=center)
    ws.row_dimensions[2].height = 48 if cells.display_width(lines[1][0]) > 60 else 30
    ws.row_dimensions[3].height = 42 if cells.display_width(lines[2][0]) > 80 else 24

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor="DDEBF7")
    bold = cells.font(bold=True)
    for col, (header, width) in enumerate(columns, start=1):
        cell = cells.put(
            ws, HEADER_ROW, col, header, cell_font=bold, alignment=center, border=border
        )
        cell.fill = fill
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.row_dimensions[HEADER_ROW].height = 24

    # Shrunk to fit rather than wrapped: a wrapped second line would be cut off by the fixed
    # row height that leaves room to sign.
    middle = Alignment(vertical="center", shrink_to_fit=True, indent=1)
    styles = {
        "number": cells.style(ws, border=border, alignment=center),
        "text": cells.style(ws, border=border, alignment=middle),
        "phone": cells.style(ws, border=border, alignment=middle, number_format="@"),
    }
    total = len(people) + blank_rows
    for i in range(total):
        r = HEADER_ROW + 1 + i
        person = people[i] if i < len(people) else None
        values: list[Any] = [
            i + 1,
            person["full_name"] if person else None,
            person.get("role") if person else None,
            person.get("organization") if person else None,
        ]
        if with_phone:
            phone = None
            if person and person.get("phone"):
                try:
                    phone = format_phone(person["phone"])
                except ValidationError:
                    phone = person["phone"]
            values.append(phone)
        values.append(None)
        for col, value in enumerate(values, start=1):
            kind = "number" if col == 1 else "phone" if col == phone_col else "text"
            cells.put(ws, r, col, value, text=col == phone_col, style=styles[kind])
        ws.row_dimensions[r].height = ROW_HEIGHT

    # The certifier's block under the table, in the signature column (which import ignores),
    # right-aligned so that it runs left over the empty cells beside it; never split from the
    # last rows by a page break (the row break goes before the table's last rows instead).
    last_table_row = HEADER_ROW + max(total, 1)
    signature_col = len(columns)
    right = Alignment(horizontal="right", vertical="center")
    block_top = last_table_row + 2
    for k, text in enumerate(CERTIFIER):
        cells.put(ws, block_top + k, signature_col, text, alignment=right)
        ws.row_dimensions[block_top + k].height = 24
    last_row = block_top + len(CERTIFIER) - 1

    ws.print_title_rows = f"1:{HEADER_ROW}"
    ws.print_area = f"A1:{last_col}{last_row}"
    cells.fit_width(ws)
    # At most ROWS_PER_PAGE rows a page: 70 people print on two pages.
    ws.page_setup.fitToHeight = max(1, math.ceil((total + len(CERTIFIER) + 1) / ROWS_PER_PAGE))
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.page_margins.header = ws.page_margins.footer = 0.25
    ws.oddFooter.center.text = "หน้า &P / &N"
    ws.oddFooter.center.font = cells.FONT_NAME
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    return total
