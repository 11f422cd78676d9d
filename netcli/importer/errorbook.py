"""The error workbook: rejected rows exactly as they were, plus a column saying why.

One sheet per source sheet with the source's header row on top, so that the workbook can be
fixed and imported again as it is (the why-column's header is ignored by the mapping). Text
that would start a formula (``=``, ``+``, ``-``, ``@``, tab, CR) is written as text (traps.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from netcli.errors import BadFile
from netcli.importer.headers import ERROR_COLUMN
from netcli.importer.run import FileResult

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_THAI_FONT = "TH Sarabun New"


def _sheet_title(name: str | None, used: set[str], prefix: str = "") -> str:
    base = f"{prefix}{name or 'csv'}"
    for ch in "[]:*?/\\":
        base = base.replace(ch, "_")
    base = base[:31] or "errors"
    title, n = base, 2
    while title.lower() in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.lower())
    return title


def write_error_workbook(
    path: Path, results: Sequence[FileResult], *, force: bool = True
) -> Path | None:
    """The error workbook of ``results`` at ``path`` (None when no row was rejected); the
    streamed sheets' temporary files stay in a private folder beside it."""
    from netcli.files.cells import private_temp

    if not any(r.rejected_rows for r in results):
        return None
    try:
        with private_temp(Path(path)):
            return _write_error_workbook(path, results, force=force)
    except OSError as exc:
        raise BadFile(
            f"เขียนไฟล์ {path} ไม่ได้ ({exc.strerror}) (cannot write the error workbook)"
        ) from None


def _write_error_workbook(
    path: Path, results: Sequence[FileResult], *, force: bool = True
) -> Path | None:
    """Write the rejected rows of ``results`` to ``path``; None when nothing was rejected."""
    rejected = [r for r in results if r.rejected_rows]
    if not rejected:
        return None
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    used: set[str] = set()
    bold = Font(name=_THAI_FONT, bold=True, size=14)
    plain = Font(name=_THAI_FONT, size=14)
    why_fill = PatternFill("solid", fgColor="FFF2CC")
    wrap = Alignment(wrap_text=True, vertical="top")
    many = len(rejected) > 1
    for result in rejected:
        by_sheet: dict[str | None, list[Any]] = {}
        for row in result.rejected_rows:
            by_sheet.setdefault(row.sheet, []).append(row)
        for sheet, rows in by_sheet.items():
            prefix = f"{Path(result.path).stem}-" if many else ""
            ws = wb.create_sheet(_sheet_title(sheet, used, prefix))
            header = list(result.headers.get(sheet, []))
            width = max([len(header)] + [len(r.cells) for r in rows])
            header += [""] * (width - len(header))
            ws.freeze_panes = "A2"
            # Sized and set up before the first row (a write-only sheet writes as it goes).
            widths = [*_widths(header, rows, width), WHY_WIDTH]
            for col, chars in enumerate(widths, start=1):
                ws.column_dimensions[get_column_letter(col)].width = chars
            ws.row_dimensions[1].height = _height([*header, ERROR_COLUMN], widths)
            for number, row in enumerate(rows, start=2):
                why = f"แถว {row.row}: {row.why}"
                ws.row_dimensions[number].height = _height([*row.cells, why], widths)
            _page_setup(ws, get_column_letter(width + 1))
            out = []
            for value in [*header, ERROR_COLUMN]:
                cell = _cell(ws, WriteOnlyCell, value)
                cell.font = bold
                cell.alignment = wrap
                out.append(cell)
            out[-1].fill = why_fill
            ws.append(out)
            for row in rows:
                cells = list(row.cells) + [""] * (width - len(row.cells))
                line = []
                for value in cells:
                    cell = _cell(ws, WriteOnlyCell, value)
                    cell.font = plain
                    cell.alignment = wrap
                    line.append(cell)
                why = _cell(ws, WriteOnlyCell, f"แถว {row.row}: {row.why}")
                why.font = plain
                why.fill = why_fill
                why.alignment = wrap
                line.append(why)
                ws.append(line)
    return _save(wb, path, force=force)


# Column widths in Excel units: a column as wide as its longest value, within limits (longer
# text wraps); the why-column wide enough to read a message on one or two lines.
MIN_WIDTH, MAX_WIDTH, WHY_WIDTH = 6, 30, 50


def _widths(header: list[Any], rows: Sequence[Any], width: int) -> list[float]:
    from netcli.files.cells import column_width, display_width

    out = []
    for col in range(width):
        values = [display_width(header[col]) if col < len(header) else 0]
        values += [display_width(r.cells[col]) for r in rows if col < len(r.cells)]
        out.append(column_width(values, minimum=MIN_WIDTH, maximum=MAX_WIDTH))
    return out


def _height(values: Sequence[Any], widths: Sequence[float]) -> float:
    """Points for a row whose cells wrap at their column's width (applications do not all
    grow a row to its wrapped text by themselves)."""
    import math

    from netcli.files.cells import ROW_HEIGHT, display_width

    lines = 1
    for value, width in zip(values, widths, strict=False):
        per_line = max(1.0, (width - 2) / 0.85)
        lines = max(lines, math.ceil(display_width(value) / per_line))
    return ROW_HEIGHT * min(lines, 15)


def _page_setup(ws: Any, last_col: str) -> None:
    """A4 landscape, one page wide (as many down as needed), the header row on every page."""
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "หน้า &P / &N"
    ws.oddHeader.center.text = "&A"


def _cell(ws: Any, cell_class: Any, value: Any) -> Any:
    if value is None:
        value = ""
    if isinstance(value, (time, timedelta)):
        value = str(value)
    if not isinstance(value, (str, int, float, bool, date, datetime)):
        value = str(value)
    if isinstance(value, str) and len(value) > 32_767:
        value = value[:32_700] + " …(ตัดทอน: ยาวเกินที่ Excel รับได้ / cut)"  # Excel's cell limit
    cell = cell_class(ws, value=value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        cell.data_type = "s"  # text, never a live formula
    return cell


def _save(wb: Any, path: Path, *, force: bool) -> Path:
    """Save through a temporary file in the same folder (0600 from the first byte), so a
    failed save leaves no half file; the central output rules of ``files.cells`` apply."""
    from netcli.files.cells import OutputError, replace_into

    path = Path(path)
    try:
        return replace_into(path, lambda tmp: wb.save(tmp), force=force)
    except OutputError as exc:
        raise BadFile(
            f"{exc.message} (cannot write the error workbook)",
            hint=exc.hint
            or "ปิดไฟล์ใน Excel ก่อน หรือใช้ --report PATH อื่น (close it in Excel or choose another --report)",
        ) from None
