"""The summary as a workbook: one sheet with the table, one dashboard sheet with the charts.

Input is the dict of :func:`netcli.reports.summary.build_summary`. The table sheet holds the
provinces (and, with ``--depth district``, their districts) with a total row, numbers as real
numbers with Thai-style formats (so a coordinator can add them up), and the notes. The
dashboard holds openpyxl's native charts in a grid of two by two (members, meetings and people
by province; meetings by month), each stretched between cells so that no two overlap whatever
the column widths an application computes, Thai font on their titles, axes and legends; the
month table the last chart reads sits beside the grid, outside the printed area. Each sheet
prints on one A4 landscape page wide: 11 provinces print on two pages.
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


def _text_props(size: int = 1100, bold: bool = False) -> Any:
    """Character properties with TH Sarabun New in the Latin, complex-script (Thai) and East
    Asian slots: a chart's text otherwise falls back to the application's default font."""
    from openpyxl.drawing.text import CharacterProperties, Font

    face = cells.FONT_NAME
    return CharacterProperties(
        latin=Font(typeface=face), cs=Font(typeface=face), ea=Font(typeface=face), sz=size, b=bold
    )


def _rich(size: int = 1100, bold: bool = False) -> Any:
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import Paragraph, ParagraphProperties

    props = _text_props(size, bold)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props), endParaRPr=props)])


def _title(text: str) -> Any:
    """A chart title in the Thai font (a plain string title takes the default font)."""
    from openpyxl.chart.text import RichText, Text
    from openpyxl.chart.title import Title
    from openpyxl.drawing.text import Paragraph, ParagraphProperties, RegularTextRun

    props = _text_props(1400, bold=True)
    paragraph = Paragraph(
        pPr=ParagraphProperties(defRPr=props), r=[RegularTextRun(rPr=props, t=text)]
    )
    return Title(tx=Text(rich=RichText(p=[paragraph])), overlay=False)


def _thai_chart(chart: Any, title: str) -> None:
    """Thai font on the title, both axes and the legend."""
    chart.title = _title(title)
    for axis in (chart.x_axis, chart.y_axis):
        axis.txPr = _rich()
        axis.delete = False  # openpyxl 3.1 leaves axes hidden in recent Excel otherwise
    if chart.legend is not None:
        chart.legend.txPr = _rich()
        chart.legend.position = "b"


def _text_categories(chart: Any, ref: Any) -> None:
    """Category labels as text (strRef): openpyxl writes numRef, which reads Thai names as numbers."""
    from openpyxl.chart.data_source import AxDataSource, StrRef

    for series in chart.series:
        series.cat = AxDataSource(strRef=StrRef(f=str(ref)))


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
    districts: bool = False,
) -> tuple[int, int, list[int]]:
    """Write a bordered table with an optional bold total row; returns (first, last, the rows
    that are provinces) — with ``districts``, each province's districts follow it, indented."""
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
    province_rows = []
    indent = Alignment(indent=2)
    for row in rows:
        r += 1
        province_rows.append(r)
        for col, (key, _, fmt) in enumerate(headers, start=1):
            value = row.get(key)
            if col == 1 and not value:
                value = label_blank
            cells.put(ws, r, col, value, number_format=fmt, border=border)
        if not districts:
            continue
        for d in row.get("by_district", []):
            r += 1
            for col, (key, _, fmt) in enumerate(headers, start=1):
                value = (
                    (f"อ.{d['district']}" if d.get("district") else "ไม่ระบุอำเภอ")
                    if col == 1
                    else d.get(key)
                )
                cells.put(ws, r, col, value, number_format=fmt, border=border,
                          alignment=indent if col == 1 else None)  # fmt: skip
    first, last = top + 1, r
    if total is not None:
        r += 1
        for col, (key, _, fmt) in enumerate(headers, start=1):
            value = total.get(key) if col > 1 else "รวม"
            cells.put(ws, r, col, value, number_format=fmt, border=border, cell_font=bold)
    return first, last, province_rows


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


# The dashboard grid: two charts a row, each CHART_COLS columns by CHART_ROWS rows of fixed
# size with a one-column and one-row gap; a chart is anchored to two cells (it stretches
# between them), so charts never overlap whatever width an application gives a column.
GRID_COLUMN_WIDTH = 9
GRID_ROW_HEIGHT = 18  # points
CHART_COLS = 7
CHART_ROWS = 20
GRID_TOP = 5  # under the title lines


def _cell_anchor(index: int) -> Any:
    from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, TwoCellAnchor

    row, col = divmod(index, 2)
    c0 = col * (CHART_COLS + 1)
    r0 = GRID_TOP - 1 + row * (CHART_ROWS + 1)
    return TwoCellAnchor(
        _from=AnchorMarker(col=c0, row=r0),
        to=AnchorMarker(col=c0 + CHART_COLS, row=r0 + CHART_ROWS),
    )


def _province_chart(
    table: Any, title: str, first: int, last: int, value_cols: tuple[int, ...], offset: int = 0
) -> Any:
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.type = "bar"  # horizontal: long Thai names read on the axis
    for col in value_cols:
        chart.add_data(Reference(table, min_col=col + offset, min_row=first - 1, max_row=last),
                       titles_from_data=True)  # fmt: skip
    _text_categories(chart, Reference(table, min_col=1 + offset, min_row=first, max_row=last))
    chart.x_axis.scaling.orientation = "maxMin"  # first category on top, as in the table
    chart.y_axis.majorGridlines = None
    chart.x_axis.tickLblSkip = 1  # every name, not every other one
    if len(value_cols) == 1:
        chart.legend = None
    _thai_chart(chart, title)
    return chart


def _month_chart(ws: Any, first: int, last: int, col: int) -> Any:
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.type = "col"
    chart.add_data(Reference(ws, min_col=col + 1, min_row=first - 1, max_row=last),
                   titles_from_data=True)  # fmt: skip
    _text_categories(chart, Reference(ws, min_col=col, min_row=first, max_row=last))
    chart.legend = None
    _thai_chart(chart, "เวที/ประชุมรายเดือน")
    return chart


def _dashboard(
    wb: Any,
    table: Any,
    summary: dict[str, Any],
    first: int,
    named_rows: list[int],
    taken: set[str],
    offset: int = 0,
) -> Any:
    """The chart sheet: members, meetings, people per province and meetings per month."""
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(cells.sheet_title("แผนภูมิ", taken))
    _heading(ws, summary, "แผนภูมิสรุปข้อมูลเครือข่ายพัฒนาสังคม")
    grid_cols = 2 * CHART_COLS + 1
    for col in range(1, grid_cols + 1):
        ws.column_dimensions[get_column_letter(col)].width = GRID_COLUMN_WIDTH
    charts = []
    if named_rows:
        # Named provinces come first and in a block ("ไม่ระบุจังหวัด" is last).
        last = named_rows[-1]
        charts.append(_province_chart(table, "สมาชิกรายจังหวัด (คน)", first, last, (2,), offset))
        charts.append(_province_chart(table, "เวที/ประชุมรายจังหวัด (ครั้ง)", first, last, (6,), offset))
        charts.append(_province_chart(table, "ผู้เข้าร่วมรายจังหวัด (คน)", first, last, (8, 9), offset))
    months = summary["total"].get("by_month", [])
    if months:
        mcol = grid_cols + 2  # beside the grid, outside the printed area
        mfirst, mlast = _month_table(ws, GRID_TOP, mcol, months)
        charts.append(_month_chart(ws, mfirst, mlast, mcol))
    for index, chart in enumerate(charts):
        ws.add_chart(chart, _cell_anchor(index))
    grid_rows = max(1, (len(charts) + 1) // 2) * (CHART_ROWS + 1)
    last_row = GRID_TOP - 1 + grid_rows
    for row in range(GRID_TOP, last_row + 1):
        ws.row_dimensions[row].height = GRID_ROW_HEIGHT
    cells.fit_width(ws, landscape=True)
    ws.page_setup.fitToHeight = 1  # the grid on one page
    ws.print_area = f"A1:{get_column_letter(grid_cols)}{last_row}"
    _header_footer(ws, summary)
    return ws


def _header_footer(ws: Any, summary: dict[str, Any]) -> None:
    from netcli.reports.summary import title_lines

    ws.oddHeader.center.text = title_lines(summary)[0].replace("&", "&&")
    ws.oddHeader.center.font = cells.FONT_NAME
    ws.oddFooter.center.text = "หน้า &P / &N"
    ws.oddFooter.center.font = cells.FONT_NAME


def write_summary_workbook(
    summary: dict[str, Any], path: Path | str, *, force: bool = False
) -> Path:
    """Write the summary workbook to ``path`` (.xlsx); returns the path."""
    from openpyxl.utils import get_column_letter

    from netcli.reports.summary import people_notes

    path = cells.check_output(path, (".xlsx",), force=force)
    wb = cells.new_workbook()
    ws = wb.active
    taken: set[str] = set()
    ws.title = cells.sheet_title("สรุปรวม", taken)
    provinces = summary["provinces"]
    total = summary["total"]
    districts = summary.get("depth", "province") != "province"

    top = _heading(ws, summary)
    first, last, province_rows = _table(
        ws, top, TOTAL_HEADERS, provinces, total, "ไม่ระบุจังหวัด", districts
    )
    _widths(ws, TOTAL_HEADERS, provinces)
    ws.freeze_panes = ws.cell(row=top + 1, column=2)
    row = _notes(ws, last + 3, total)
    for note in people_notes(summary):
        cells.put(ws, row, 1, note, cell_font=cells.font(size=12, color="666666"))
        row += 1
    cells.thai_rows(ws)
    cells.fit_width(ws, landscape=True)
    ws.print_area = f"A1:{get_column_letter(len(TOTAL_HEADERS))}{row}"
    ws.print_title_rows = f"{top}:{top}"
    _header_footer(ws, summary)

    named = [r for r, p in zip(province_rows, provinces, strict=True) if p["province_code"]]
    offset = 0
    if districts and named:
        # The charts read one block of rows: with districts between them, chart the
        # provinces from a plain copy of their figures beside the printed table.
        offset = len(TOTAL_HEADERS) + 1
        named = _province_block(ws, provinces, offset + 1, top)
        first = top + 1
    _dashboard(wb, ws, summary, first, named, taken, offset)
    return cells.save_workbook(wb, path, force=force)


def _province_block(ws: Any, provinces: list[dict[str, Any]], col: int, top: int) -> list[int]:
    """Province rows alone (the charts' data when districts sit between them in the table)."""
    offset = col - 1
    for c, (_, header, _) in enumerate(TOTAL_HEADERS, start=1):
        cells.put(ws, top, offset + c, header)
    rows = []
    for r, entry in enumerate((p for p in provinces if p["province_code"]), start=top + 1):
        for c, (key, _, fmt) in enumerate(TOTAL_HEADERS, start=1):
            cells.put(ws, r, offset + c, entry.get(key), number_format=fmt)
        rows.append(r)
    return rows
