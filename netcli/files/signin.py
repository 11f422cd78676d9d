"""The printable sign-in sheet (แบบลงทะเบียนผู้เข้าร่วม) of a meeting.

One sheet per day of the meeting: the title, the Thai date and the venue above a bordered
table ที่ | ชื่อ - สกุล | ตำแหน่ง | หน่วยงาน | โทรศัพท์ | ลายมือชื่อ, with the expected
attendees first and blank numbered rows for walk-ins. A4 portrait, fitted to the page
width, the title and header repeated on every printed page. The header names are the
ones ``netcli import`` maps, so a sheet filled in and typed back imports as attendance
(``netcli import FILE --meeting ID``).
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from netcli.errors import ValidationError
from netcli.files import cells

HEADERS = ("ที่", "ชื่อ - สกุล", "ตำแหน่ง", "หน่วยงาน", "โทรศัพท์", "ลายมือชื่อ")
# Column widths in Excel units: wide enough for a long Thai name and a signature.
WIDTHS = (6, 30, 22, 32, 14, 22)
HEADER_ROW = 5
ROW_HEIGHT = 30  # points: room to sign by hand
MAX_BLANK_ROWS = 1000


def _expected(
    conn: sqlite3.Connection, meeting: int, day: date, province: str | None, network: str | None
) -> list[dict[str, Any]]:
    """Who is expected that day: the members of --network/--province, else those linked."""
    from netcli.thai.collation import thai_sort_key

    if province or network:
        from netcli.people.members import MemberFilter, list_members

        people = list(list_members(conn, MemberFilter(province=province, network=network)))
    else:
        people = [
            dict(r)
            for r in conn.execute(
                "SELECT m.full_name, m.first_name, m.last_name, m.role, m.organization, m.phone"
                " FROM attendance a JOIN members m ON m.id = a.member_id"
                " WHERE a.meeting_id = ? AND a.day = ? AND m.purged_at IS NULL",
                (meeting, day.isoformat()),
            )
        ]
    people.sort(key=lambda m: (thai_sort_key(m["first_name"]), thai_sort_key(m["last_name"])))
    return people


def write_signin(
    conn: sqlite3.Connection,
    meeting: str | int,
    path: Path | str,
    *,
    blank_rows: int = 10,
    province: str | None = None,
    network: str | None = None,
) -> dict[str, Any]:
    """Write the sign-in workbook; returns ``{"path", "meeting_id", "sheets": [{"name", "day", "expected", "rows"}]}``."""
    from netcli.meetings.records import days_of, meeting_id

    if not 0 <= blank_rows <= MAX_BLANK_ROWS:
        raise ValidationError(
            f"--blank-rows ต้องอยู่ระหว่าง 0 ถึง {MAX_BLANK_ROWS} (blank rows out of range)",
            code="bad-number",
            field="blank_rows",
            value=blank_rows,
        )
    path = cells.check_output(path, (".xlsx",))
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
    days = days_of(conn, mid) or [date.fromisoformat(row["start_date"])]
    wb = cells.new_workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    sheets = []
    for index, day in enumerate(days, start=1):
        people = _expected(conn, mid, day, province, network)
        ws = wb.create_sheet(cells.sheet_title(_sheet_name(day, index, len(days)), taken))
        rows = _fill_sheet(ws, row, day, index, days, people, blank_rows)
        sheets.append(
            {"name": ws.title, "day": day.isoformat(), "expected": len(people), "rows": rows}
        )
    cells.save_workbook(wb, path)
    return {"path": str(path), "meeting_id": mid, "sheets": sheets}


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
) -> int:
    from openpyxl.styles import Alignment, Border, PatternFill, Side
    from openpyxl.utils import get_column_letter

    from netcli.thai.dates import format_date, format_date_range
    from netcli.thai.phones import format_phone

    cells.thai_rows(ws)
    last_col = get_column_letter(len(HEADERS))
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
    for col, header in enumerate(HEADERS, start=1):
        cell = cells.put(
            ws, HEADER_ROW, col, header, cell_font=bold, alignment=center, border=border
        )
        cell.fill = fill
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS[col - 1]
    ws.row_dimensions[HEADER_ROW].height = 24

    middle = Alignment(vertical="center", wrap_text=True, indent=1)
    styles = {
        "number": cells.style(ws, border=border, alignment=center),
        "text": cells.style(ws, border=border, alignment=middle),
        "phone": cells.style(ws, border=border, alignment=middle, number_format="@"),
    }
    total = len(people) + blank_rows
    for i in range(total):
        r = HEADER_ROW + 1 + i
        person = people[i] if i < len(people) else None
        phone = None
        if person and person.get("phone"):
            try:
                phone = format_phone(person["phone"])
            except ValidationError:
                phone = person["phone"]
        values = [
            i + 1,
            person["full_name"] if person else None,
            person.get("role") if person else None,
            person.get("organization") if person else None,
            phone,
            None,
        ]
        for col, value in enumerate(values, start=1):
            kind = "number" if col == 1 else "phone" if col == 5 else "text"
            cells.put(ws, r, col, value, text=col == 5, style=styles[kind])
        ws.row_dimensions[r].height = ROW_HEIGHT

    ws.print_title_rows = f"1:{HEADER_ROW}"
    ws.print_area = f"A1:{last_col}{HEADER_ROW + max(total, 1)}"
    cells.fit_width(ws)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.oddFooter.center.text = "หน้า &P / &N"
    ws.oddFooter.center.font = cells.FONT_NAME
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    return total
