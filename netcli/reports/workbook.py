"""The summary as a workbook: a total sheet, a sheet per province, native Excel charts.

Input is the dict of :func:`netcli.reports.summary.build_summary`. Numbers are real numbers with
Thai-style number formats (so a coordinator can add them up), charts are openpyxl's native
charts (bar: members by province and by district; column: meetings by month), which Excel
and LibreOffice draw themselves and which paste into a slide as pictures.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from netcli.files import cells

INT = "#,##0"
MONEY = "#,##0.00"
CHART_WIDTH_CM = 22
CHART_ROW_CM = 0.9  # height of a bar per category, so long lists stay readable

TOTAL_HEADERS = (
    ("province", "จังหวัด", None),
    ("members", "สมาชิก (คน)", INT),
    ("districts", "อำเภอ", INT),
    ("subdistricts", "ตำบล", INT),
    ("networks", "เครือข่าย", INT),
    ("meetings", "เวที/ประชุม (ครั้ง)", INT),
    ("meeting_days", "วันประชุม", INT),
    ("participants", "ผู้เข้าร่วมตามรายงาน (คน)", INT),
    ("unique_attendees", "ผู้ลงชื่อเข้าร่วม ไม่ซ้ำ (คน)", INT),
    ("budget_baht", "งบประมาณ (บาท)", MONEY),
    ("open_actions", "งานค้าง", INT),
    ("overdue_actions", "เกินกำหนด", INT),
)
DISTRICT_HEADERS = (
    ("district", "อำเภอ", None),
    ("members", "สมาชิก (คน)", INT),
    ("subdistricts", "ตำบล", INT),
    ("meetings", "เวที/ประชุม (ครั้ง)", INT),
    ("meeting_days", "วันประชุม", INT),
    ("participants", "ผู้เข้าร่วมตามรายงาน (คน)", INT),
    ("budget_baht", "งบประมาณ (บาท)", MONEY),
)


def _month_label(month: str) -> str:
    from netcli.thai.dates import format_date

    y, m = (int(x) for x in month.split("-"))
    return format_date(date(y, m, 1), short=True).split(" ", 1)[1]  # "มิ.ย. 67"


def _axis_font(chart: Any) -> None:
    """Thai text in charts: TH Sarabun New for the axes (``cs`` is the font for Thai script)."""
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import CharacterProperties, Font, Paragraph, ParagraphProperties

    props = CharacterProperties(
        latin=Font(typeface=cells.FONT_NAME), cs=Font(typeface=cells.FONT_NAME), sz=1100
    )
    for axis in (chart.x_axis, chart.y_axis):
        axis.txPr = RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props), endParaRPr=props)])
        axis.delete = False  # openpyxl 3.1 leaves axes hidden in recent Excel otherwise


def _text_categories(chart: Any, ref: Any) -> None:
    """Category labels as text (strRef): openpyxl writes numRef, which reads Thai names as numbers."""
    from openpyxl.chart.data_source import AxDataSource, StrRef

    for series in chart.series:
        series.cat = AxDataSource(strRef=StrRef(f=str(ref)))


def _rows_for(height_cm: float) -> int:
    """How many worksheet rows (of cells.ROW_HEIGHT points) a chart of this height covers."""
    return int(height_cm / (cells.ROW_HEIGHT * 2.54 / 72)) + 2


def _bar_chart(
    ws: Any,
    title: str,
    first_row: int,
    last_row: int,
    label_col: int,
    value_col: int,
    anchor_row: int,
) -> int:
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.type = "bar"  # horizontal: long Thai names read on the axis
    chart.title = title
    chart.legend = None
    chart.add_data(
        Reference(ws, min_col=value_col, min_row=first_row - 1, max_row=last_row),
        titles_from_data=True,
    )
    _text_categories(chart, Reference(ws, min_col=label_col, min_row=first_row, max_row=last_row))
    chart.x_axis.scaling.orientation = "maxMin"  # first category on top, as in the table
    chart.y_axis.majorGridlines = None
    chart.width = CHART_WIDTH_CM
    chart.height = max(6.0, 2.5 + CHART_ROW_CM * (last_row - first_row + 1))
    chart.x_axis.tickLblSkip = 1  # every name, not every other one
    _axis_font(chart)
    ws.add_chart(chart, f"A{anchor_row}")
    return anchor_row + _rows_for(chart.height)


def _month_chart(
    ws: Any,
    title: str,
    first_row: int,
    last_row: int,
    label_col: int,
    value_col: int,
    anchor_row: int,
) -> int:
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.type = "col"
    chart.title = title
    chart.legend = None
    chart.add_data(
        Reference(ws, min_col=value_col, min_row=first_row - 1, max_row=last_row),
        titles_from_data=True,
    )
    _text_categories(chart, Reference(ws, min_col=label_col, min_row=first_row, max_row=last_row))
    chart.width = CHART_WIDTH_CM
    chart.height = 7.5
    _axis_font(chart)
    ws.add_chart(chart, f"A{anchor_row}")
    return anchor_row + _rows_for(chart.height)


def _heading(ws: Any, summary: dict[str, Any], subtitle: str | None = None) -> int:
    """Title, period and as-of lines; returns the next free row."""
    from netcli.reports.summary import title_lines

    lines = title_lines(summary)
    cells.put(
        ws, 1, 1, subtitle or lines[0], cell_font=cells.font(bold=True, size=cells.TITLE_SIZE)
    )
    for i, line in enumerate(lines[1:], start=2):
        cells.put(ws, i, 1, line)
    return len(lines) + 2


def _table(
    ws: Any,
    top: int,
    headers: tuple[tuple[str, str, str | None], ...],
    rows: list[dict[str, Any]],
    total: dict[str, Any] | None,
    label_blank: str,
) -> tuple[int, int]:
    """Write a bordered table with an optional bold total row; returns (first, last) data rows."""
    from openpyxl.styles import Alignment, Border, PatternFill, Side

    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = cells.font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for col, (_, header, _) in enumerate(headers, start=1):
        cell = cells.put(
            ws, top, col, header, cell_font=bold, border=border,
            alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
        )  # fmt: skip
        cell.fill = fill
    ws.row_dimensions[top].height = 40
    r = top
    for row in rows:
        r += 1
        for col, (key, _, fmt) in enumerate(headers, start=1):
            value = row.get(key)
            if col == 1 and not value:
                value = label_blank
            cells.put(ws, r, col, value, number_format=fmt, border=border)
    first, last = top + 1, r
    if total is not None:
        r += 1
        for col, (key, _, fmt) in enumerate(headers, start=1):
            value = total.get(key) if col > 1 else "รวม"
            cells.put(ws, r, col, value, number_format=fmt, border=border, cell_font=bold)
    return first, last


def _widths(
    ws: Any, headers: tuple[tuple[str, str, str | None], ...], rows: list[dict[str, Any]]
) -> None:
    widths: dict[int, list[int]] = {}
    for col, (key, header, _) in enumerate(headers, start=1):
        values = [cells.display_width(header) // 2 + 1]  # headers wrap onto two lines
        values += [
            cells.display_width(
                f"{r.get(key):,.2f}" if isinstance(r.get(key), float) else r.get(key)
            )
            for r in rows
        ]
        widths[col] = values
    cells.set_widths(ws, widths, minimum=8, maximum=40)


MAX_FILLED_MONTHS = 60


def _months(by_month: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """Months with their meeting counts; the months between with none are shown as 0 when the
    span is at most five years (a gap in a time axis would otherwise look like no gap)."""
    counts = {item["month"]: item["meetings"] for item in by_month}
    if not counts:
        return []
    first, last = min(counts), max(counts)
    y, m = (int(x) for x in first.split("-"))
    ly, lm = (int(x) for x in last.split("-"))
    if (ly - y) * 12 + (lm - m) >= MAX_FILLED_MONTHS:
        return sorted(counts.items())
    out = []
    while (y, m) <= (ly, lm):
        key = f"{y:04d}-{m:02d}"
        out.append((key, counts.get(key, 0)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _month_table(ws: Any, top: int, col: int, by_month: list[dict[str, Any]]) -> tuple[int, int]:
    bold = cells.font(bold=True)
    cells.put(ws, top, col, "เดือน", cell_font=bold)
    cells.put(ws, top, col + 1, "เวที/ประชุม (ครั้ง)", cell_font=bold)
    cells.set_widths(ws, {col: 8, col + 1: 18})
    r = top
    for month, count in _months(by_month):
        r += 1
        cells.put(ws, r, col, _month_label(month))
        cells.put(ws, r, col + 1, count, number_format=INT)
    return top + 1, r


def _notes(ws: Any, row: int, entry: dict[str, Any], extra: list[tuple[str, str]] = ()) -> int:
    """Budget in words, members by sector, kinds of meetings, the last meeting: one
    "label: text" line each, in column A (it spills over the empty cells to its right)."""
    from netcli.reports.summary import budget_line, funds_lines
    from netcli.thai.partial_dates import format_stored

    lines: list[tuple[str, str]] = [
        ("งบประมาณ", budget_line(entry, label="").strip()),
    ]
    lines.extend(("องค์กร/กองทุน", line) for line in funds_lines(entry))
    if entry["by_sector"]:
        lines.append(("ภาคส่วน", " · ".join(f"{k} {v:,} คน" for k, v in entry["by_sector"].items())))
    if entry["meeting_kinds"]:
        lines.append(
            ("ประเภทเวที", " · ".join(f"{k} {v:,} ครั้ง" for k, v in entry["meeting_kinds"].items()))
        )
    last = entry.get("last_meeting")
    if last:
        when = format_stored(
            last["start_date"],
            last["end_date"],
            last.get("date_precision"),
            last.get("date_approximate"),
        )
        where = " ".join(p for p in (last.get("venue"), last.get("place_th")) if p)
        lines.append(("เวทีล่าสุด", f"{last['title']} — {when}" + (f" ณ {where}" if where else "")))
    for label, text in [*lines, *extra]:
        cells.put(ws, row, 1, f"{label}: {text}")
        row += 1
    return row


def _charts(
    ws: Any,
    top: int,
    first: int,
    bars: int,
    bar_title: str,
    by_month: list[dict[str, Any]],
    width: int,
    row: int,
) -> None:
    """The bar chart of the first ``bars`` table rows, the month table beside the table and
    its chart, stacked below the notes; then the print set-up covering all of it."""
    from openpyxl.worksheet.pagebreak import Break

    # The month table goes beside the main table; the charts below both, each starting a
    # printed page of its own so that no page break cuts through one.
    col = width + 2
    mfirst = mlast = 0
    if by_month:
        mfirst, mlast = _month_table(ws, top, col, by_month)
    end = max(row, mlast + 2)
    if bars:
        ws.row_breaks.append(Break(id=end))
        end = _bar_chart(ws, bar_title, first, first + bars - 1, 1, 2, end + 1)
    if by_month:
        ws.row_breaks.append(Break(id=end))
        end = _month_chart(ws, "เวที/ประชุมรายเดือน", mfirst, mlast, col, col + 1, end + 1)
    _print_setup(ws, col + 1, end)


def write_summary_workbook(summary: dict[str, Any], path: Path | str) -> Path:
    """Write the summary workbook to ``path`` (.xlsx); returns the path."""
    from netcli.reports.summary import NOTE_PEOPLE, people_line

    path = cells.check_output(path, (".xlsx",))
    wb = cells.new_workbook()
    ws = wb.active
    taken: set[str] = set()
    ws.title = cells.sheet_title("สรุปรวม", taken)
    provinces = summary["provinces"]
    total = summary["total"]

    top = _heading(ws, summary)
    first, last = _table(ws, top, TOTAL_HEADERS, provinces, total, "ไม่ระบุจังหวัด")
    _widths(ws, TOTAL_HEADERS, provinces)
    ws.freeze_panes = ws.cell(row=top + 1, column=2)
    row = _notes(ws, last + 3, total)
    cells.put(ws, row, 1, NOTE_PEOPLE, cell_font=cells.font(size=12, color="666666"))
    named = sum(1 for p in provinces if p["province_code"])  # "ไม่ระบุจังหวัด" comes last
    _charts(
        ws,
        top,
        first,
        named,
        "สมาชิกรายจังหวัด (คน)",
        total.get("by_month", []),
        len(TOTAL_HEADERS),
        row + 2,
    )

    for entry in provinces:
        name = entry["province"]
        sheet = wb.create_sheet(cells.sheet_title(name, taken))
        label = f"จังหวัด{name}" if entry["province_code"] else name
        top = _heading(sheet, summary, f"สรุปข้อมูลเครือข่ายพัฒนาสังคม {label}")
        districts = entry["by_district"]
        first, last = _table(sheet, top, DISTRICT_HEADERS, districts, entry, "ไม่ระบุอำเภอ")
        _widths(sheet, DISTRICT_HEADERS, districts)
        sheet.freeze_panes = sheet.cell(row=top + 1, column=2)
        counts = [
            ("สมาชิก", f"{entry['members']:,} คน ใน {entry['districts']:,} อำเภอ {entry['subdistricts']:,} ตำบล"),
            ("เครือข่าย", f"{entry['networks']:,} เครือข่าย"),
            ("ผู้เข้าร่วม", f"{people_line(entry)} · ผู้ลงชื่อ (ไม่ซ้ำ) {entry['unique_attendees']:,} คน"),
            ("งานค้าง", f"{entry['open_actions']:,} เรื่อง (เกินกำหนด {entry['overdue_actions']:,})"),
        ]  # fmt: skip
        row = _notes(sheet, last + 3, entry, counts)
        named = sum(1 for d in districts if d["district"])  # the unnamed district comes last
        _charts(
            sheet,
            top,
            first,
            named,
            "สมาชิกรายอำเภอ (คน)",
            entry.get("by_month", []),
            len(DISTRICT_HEADERS),
            row + 2,
        )
    return cells.save_workbook(wb, path)


def _print_setup(ws: Any, last_col: int, last_row: int) -> None:
    """Print the table, notes and charts (charts below the last filled cell are cut off
    otherwise), scaled to the page width."""
    from openpyxl.utils import get_column_letter

    cells.thai_rows(ws)
    cells.fit_width(ws, landscape=True)
    ws.print_area = f"A1:{get_column_letter(last_col)}{last_row}"
