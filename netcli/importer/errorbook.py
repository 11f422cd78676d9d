"""The error workbook: rejected rows exactly as they were, plus a column saying why.

One sheet per source sheet with the source's header row on top, so that the workbook can be
fixed and imported again as it is (the why-column's header is ignored by the mapping). Text
that would start a formula (``=``, ``+``, ``-``, ``@``, tab, CR) is written as text (traps.md).
"""

from __future__ import annotations

import os
import tempfile
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


def write_error_workbook(path: Path, results: Sequence[FileResult]) -> Path | None:
    """Write the rejected rows of ``results`` to ``path``; None when nothing was rejected."""
    rejected = [r for r in results if r.rejected_rows]
    if not rejected:
        return None
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    used: set[str] = set()
    bold = Font(name=_THAI_FONT, bold=True, size=14)
    plain = Font(name=_THAI_FONT, size=14)
    why_fill = PatternFill("solid", fgColor="FFF2CC")
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
            out = []
            for value in [*header, ERROR_COLUMN]:
                cell = _cell(ws, WriteOnlyCell, value)
                cell.font = bold
                out.append(cell)
            ws.append(out)
            for row in rows:
                cells = list(row.cells) + [""] * (width - len(row.cells))
                line = []
                for value in cells:
                    cell = _cell(ws, WriteOnlyCell, value)
                    cell.font = plain
                    line.append(cell)
                why = _cell(ws, WriteOnlyCell, f"แถว {row.row}: {row.why}")
                why.font = plain
                why.fill = why_fill
                line.append(why)
                ws.append(line)
            ws.column_dimensions[get_column_letter(width + 1)].width = 60
    return _save(wb, path)


def _cell(ws: Any, cell_class: Any, value: Any) -> Any:
    if value is None:
        value = ""
    if isinstance(value, (time, timedelta)):
        value = str(value)
    if not isinstance(value, (str, int, float, bool, date, datetime)):
        value = str(value)
    cell = cell_class(ws, value=value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        cell.data_type = "s"  # text, never a live formula
    return cell


def _save(wb: Any, path: Path) -> Path:
    """Save through a temporary file in the same folder, so a failed save leaves no half file."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".netcli-", suffix=".xlsx", dir=folder)
        os.close(fd)
    except OSError as exc:
        raise BadFile(
            f"เขียนไฟล์ {path} ไม่ได้ ({exc.strerror}) (cannot write the error workbook)"
        ) from None
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise BadFile(
            f"เขียนไฟล์ {path} ไม่ได้ ({exc.strerror}) (cannot write the error workbook)",
            hint="ปิดไฟล์ใน Excel ก่อน หรือใช้ --report PATH อื่น (close it in Excel or choose another --report)",
        ) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
