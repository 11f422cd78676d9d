"""The one way netcli writes a value into a worksheet, and saves a workbook.

openpyxl writes any string that starts with ``=`` as a live formula (traps.md). Every
string goes through :func:`put` and becomes a string cell (``data_type = "s"``): a name,
a note or a title can never run as a formula, and ``+66…`` or ``-`` come back as written.
Phones and ID numbers are strings, so their leading zeros stay.

Workbooks use TH Sarabun New (the Thai government standard font) for every cell: the
workbook's default font is replaced, so even an empty cell a person types into later
uses it. Files are written to a temporary name beside the target and renamed into
place, so a failed export never leaves half a file.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from copy import copy
from datetime import date, datetime
from pathlib import Path
from typing import Any

from netcli.errors import NetcliError

FONT_NAME = "TH Sarabun New"
FONT_SIZE = 14
TITLE_SIZE = 18
ROW_HEIGHT = 21  # points, for 14 pt Thai text
# OWASP CSV-injection list; in a workbook they matter because openpyxl reads "=" as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# Characters XML 1.0 cannot hold (openpyxl refuses them with IllegalCharacterError).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_MAX_CELL = 32_767  # Excel's limit on the characters of one cell


def new_workbook(*, write_only: bool = False) -> Any:
    """An empty openpyxl Workbook whose default font is TH Sarabun New (``write_only``: a
    streamed workbook, rows go to disk as they are appended; see :func:`stream_cell`)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils.indexed_list import IndexedList

    wb = Workbook(write_only=write_only)
    base = Font(name=FONT_NAME, size=FONT_SIZE)
    # Font 0 is what every unstyled cell (and the "Normal" style) uses.
    wb._fonts = IndexedList([base])
    wb._named_styles["Normal"].font = base
    return wb


def thai_rows(ws: Any, height: float = ROW_HEIGHT) -> None:
    """Rows tall enough for Thai: vowels and tone marks stack above and below the line, and
    the 15 pt default (or an application's guess) lets them collide with the next row."""
    ws.sheet_format.defaultRowHeight = height
    ws.sheet_format.customHeight = True


def thin_border() -> Any:
    from openpyxl.styles import Border, Side

    side = Side(style="thin", color="808080")
    return Border(left=side, right=side, top=side, bottom=side)


def fit_width(ws: Any, *, landscape: bool = False) -> None:
    """A4, scaled to the page width (as many pages down as needed)."""
    ws.page_setup.paperSize = "9"  # A4 (Worksheet.PAPERSIZE_A4; write-only sheets lack it)
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def font(*, bold: bool = False, size: int = FONT_SIZE, color: str | None = None) -> Any:
    from openpyxl.styles import Font

    return Font(name=FONT_NAME, size=size, bold=bold, color=color)


def text_value(value: str) -> str:
    """A string as a cell can hold it: no XML-illegal characters, at most 32,767 characters."""
    if not value.isprintable():  # rare: only then look for control characters
        value = _ILLEGAL.sub("", value)
    return value[:_MAX_CELL]


def style(ws: Any, **attributes: Any) -> Any:
    """A cell style (font, border, alignment, fill, number_format) made once, to be given to
    many cells through ``put(style=…)``: assigning style objects cell by cell makes openpyxl
    hash them every time (half the time of a large roster)."""
    from openpyxl.cell.cell import Cell

    scratch = Cell(ws)
    for name, value in attributes.items():
        setattr(scratch, name, value)
    return scratch._style


def put(
    ws: Any,
    row: int,
    column: int,
    value: Any,
    *,
    text: bool = False,
    style: Any = None,
    number_format: str | None = None,
    cell_font: Any = None,
    alignment: Any = None,
    border: Any = None,
) -> Any:
    """Write ``value`` at (row, column) safely and return the cell.

    A ``str`` is always a string cell, never a formula; ``text=True`` turns numbers into
    text too (phones, ID numbers). Dates keep a date format; None leaves the cell empty
    (but styled, so that what is typed in later looks the same).
    """
    cell = ws.cell(row=row, column=column)
    return _fill(cell, value, text, style, number_format, cell_font, alignment, border)


def stream_cell(
    ws: Any,
    value: Any,
    *,
    text: bool = False,
    style: Any = None,
    number_format: str | None = None,
    cell_font: Any = None,
    alignment: Any = None,
    border: Any = None,
) -> Any:
    """A cell for a write-only sheet's ``append``, written by the same rules as :func:`put`."""
    from openpyxl.cell.cell import Cell

    return _fill(
        Cell(ws, row=1, column=1), value, text, style, number_format, cell_font, alignment, border
    )


class RowWriter:
    """Rows of a write-only sheet written fast: one styled cell per column, reused for every
    row (openpyxl writes an appended row at once), values set by the rules of :func:`put`.

    openpyxl's own ``append`` tries each value as a plain value first and builds an error
    message (the cell's repr) before it accepts a ``Cell``: half the time of a big roster.
    Here every value is a cell, so it is handed over as it is.
    """

    def __init__(self, ws: Any, columns: list[tuple[Any, bool]]) -> None:
        from openpyxl.cell.cell import Cell

        self.ws = ws
        self.cells = []
        self.text = []
        for style, text in columns:
            cell = Cell(ws, row=1, column=1)
            if style is not None:
                cell._style = copy(style)
            self.cells.append(cell)
            self.text.append(text)
        if hasattr(ws, "_values_to_row"):
            ws._values_to_row = self._cells_to_row

    @staticmethod
    def _cells_to_row(values: Any, row_idx: int) -> Iterator[Any]:
        for col_idx, cell in enumerate(values, 1):
            cell.column = col_idx
            cell.row = row_idx
            yield cell

    def append(self, values: list[Any]) -> None:
        for cell, text, value in zip(self.cells, self.text, values, strict=True):
            cell.value = None
            if value is not None:
                _set_value(cell, value, text, styled=True)
        self.ws.append(self.cells)


def _set_value(cell: Any, value: Any, text: bool, *, styled: bool) -> None:
    if text and not isinstance(value, str):
        value = str(value)
    if isinstance(value, str):
        cell.value = text_value(value)
        cell.data_type = "s"  # openpyxl took a leading "=" as a formula: undo that
        if text and not styled:
            cell.number_format = "@"
    elif isinstance(value, bool):
        cell.value = "ใช่" if value else "ไม่ใช่"
        cell.data_type = "s"
    elif isinstance(value, (int, float, date, datetime)):
        cell.value = value
    else:
        cell.value = text_value(str(value))
        cell.data_type = "s"


def _fill(
    cell: Any,
    value: Any,
    text: bool,
    style: Any,
    number_format: str | None,
    cell_font: Any,
    alignment: Any,
    border: Any,
) -> Any:
    if style is not None:
        cell._style = copy(style)
    if value is not None:
        _set_value(cell, value, text, styled=style is not None)
    if number_format:
        cell.number_format = number_format
    if cell_font is not None:
        cell.font = cell_font
    if alignment is not None:
        cell.alignment = alignment
    if border is not None:
        cell.border = border
    return cell


# Thai vowels and tone marks written above or below a consonant take no width of their own.
_ZERO_WIDTH = frozenset(chr(c) for c in (0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)))


def display_width(value: Any) -> int:
    """How many character cells a value takes on screen: Thai combining marks count 0,
    East Asian wide characters 2, every other character 1 (the longest line of a cell)."""
    if value is None:
        return 0
    best = 0
    for line in str(value).splitlines() or [""]:
        width = 0
        for ch in line:
            if ch in _ZERO_WIDTH or unicodedata.combining(ch):
                continue
            width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
        best = max(best, width)
    return best


def column_width(widths: list[int], *, minimum: int = 5, maximum: int = 60) -> float:
    """An Excel column width for cells of these display widths.

    TH Sarabun New at 14 pt is narrower than Calibri 11 (Excel's unit), about 0.8 of it
    per character; a little padding keeps the filter button from covering the text.
    """
    longest = max(widths, default=0)
    return float(min(maximum, max(minimum, round(longest * 0.85 + 3))))


def set_widths(ws: Any, widths: dict[int, list[int]] | dict[int, int], **kw: Any) -> None:
    from openpyxl.utils import get_column_letter

    for column, values in widths.items():
        values = values if isinstance(values, list) else [values]
        ws.column_dimensions[get_column_letter(column)].width = column_width(values, **kw)


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique worksheet name (31 characters, none of []:*?/\\)."""
    text = re.sub(r"[\[\]:*?/\\]", " ", text_value(name)).strip().strip("'") or "Sheet"
    candidate, n = _cut(text, 31), 2
    while candidate.casefold() in {t.casefold() for t in taken}:
        suffix = f" ({n})"
        candidate = _cut(text, 31 - len(suffix)) + suffix
        n += 1
    taken.add(candidate)
    return candidate


def _cut(text: str, limit: int) -> str:
    """At most ``limit`` characters, never leaving a Thai mark without its consonant."""
    if len(text) <= limit:
        return text
    end = limit
    while end > 1 and (text[end] in _ZERO_WIDTH or unicodedata.combining(text[end])):
        end -= 1
    return text[:end].rstrip()


# --- files --------------------------------------------------------------------------------


class OutputError(NetcliError):
    """The output file cannot be written where asked."""


def check_output(
    path: Path | str,
    suffixes: tuple[str, ...] | None = None,
    *,
    force: bool = False,
    inputs: tuple[Path | str, ...] | list[Path | str] = (),
    database: bool = False,
) -> Path:
    """The output path, refused early (before any work) when it cannot or must not be written.

    The one check of every file netcli writes: never the open database, its -wal/-shm, one
    of its copies or an input of the same command (whatever the path says: resolved and
    compared as files); an existing file only with ``force`` (and never a database, unless
    the output is itself a database: ``db backup``); a folder that exists.
    """
    path = Path(path).expanduser()
    if path.is_dir():
        hint = f"ใช้ -o {path / ('ไฟล์' + suffixes[0])}" if suffixes else None
        raise OutputError(f"{path} เป็นโฟลเดอร์ ไม่ใช่ไฟล์ (is a folder)", hint=hint)
    if not path.parent.exists():
        raise OutputError(
            f"ไม่มีโฟลเดอร์ {path.parent} (the folder does not exist)",
            hint="สร้างโฟลเดอร์ก่อน หรือเลือกที่อื่น (create the folder first, or choose another place)",
        )
    _refuse_protected(path, inputs, backups=not database)
    if suffixes and path.suffix.lower() not in suffixes:
        raise OutputError(
            f"ชื่อไฟล์ {path.name} ต้องลงท้ายด้วย {' หรือ '.join(suffixes)} (wrong file extension)",
            hint=f"เช่น -o {path.with_suffix(suffixes[0]).name}"
            f" (for example -o {path.with_suffix(suffixes[0]).name})",
        )
    if path.is_symlink() or path.exists():
        if _is_sqlite(path) and not database:
            raise OutputError(
                f"{path} เป็นฐานข้อมูล ไม่เขียนทับ (is a database; netcli never writes over one)",
                hint="เลือกชื่อไฟล์อื่น (choose another file name)",
                code="file-exists",
            )
        if not force:
            raise OutputError(
                f"มีไฟล์ {path} อยู่แล้ว ไม่เขียนทับ (already exists; nothing written)",
                hint="ใช้ --force เพื่อแทนที่ หรือเลือกชื่อใหม่ (use --force to replace it)",
                code="file-exists",
            )
    return path


def free_name(path: Path) -> Path:
    """``path``, or ``stem (2).suffix``, ``stem (3).suffix`` … when it is taken (never
    overwrite a file the user may have changed)."""
    path = Path(path)
    n = 2
    candidate = path
    while os.path.lexists(candidate):
        candidate = path.with_name(f"{path.stem} ({n}){path.suffix}")
        n += 1
    return candidate


def _same(a: Path, b: Path) -> bool:
    """One file under two names (a symlink, a relative path, a hard link, another case)."""
    try:
        if a.resolve() == b.resolve():
            return True
    except OSError:
        pass
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _refuse_protected(path: Path, inputs: Any, *, backups: bool = True) -> None:
    from netcli.store import copies, db

    for database in db.opened_databases():
        for guarded in copies.protected(database, backups=backups):
            if _same(path, guarded):
                what = "ฐานข้อมูลที่เปิดอยู่" if guarded == database else "ไฟล์ของฐานข้อมูล"
                raise OutputError(
                    f"{path} คือ{what} ({guarded.name}): ไม่เขียนทับ"
                    " (the output is the database or one of its files/copies; nothing written)",
                    hint="เลือกชื่อไฟล์อื่นสำหรับ -o (choose another output file)",
                    code="output-is-input",
                )
    for source in inputs:
        if str(source) == "-":
            continue
        if _same(path, Path(source)):
            raise OutputError(
                f"{path} เป็นไฟล์ที่อ่านเข้าในคำสั่งนี้: ไม่เขียนทับ"
                " (the output is an input of this command; nothing written)",
                hint="เลือกชื่อไฟล์อื่น (choose another output file)",
                code="output-is-input",
            )


SQLITE_MAGIC = b"SQLite format 3\x00"


def _is_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def _replace_into(path: Path, write: Any, *, force: bool = True) -> Path:
    """Write through ``write(tmp_path)`` to a temporary file beside ``path`` (0600 from the
    first byte: mkstemp), then put it in place. A symlink at ``path`` is replaced, never
    followed into the file it points at; without ``force`` an existing file is never
    replaced, even one that appeared while writing."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    _sweep_partials(path)
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f".{path.stem}.partial-{os.getpid()}-", suffix=path.suffix, dir=folder
        )
        os.close(fd)
    except OSError as exc:
        raise OutputError(
            f"เขียนไฟล์ {path} ไม่ได้: {exc.strerror or exc} (cannot write)", code="io-error"
        ) from None
    try:
        write(Path(tmp))
        _put_in_place(tmp, path, force=force)
    except OSError as exc:
        _release()
        _unlink(tmp)
        raise OutputError(
            f"เขียนไฟล์ {path} ไม่ได้: {exc.strerror or exc} (cannot write; nothing written)",
            hint=_hint_for(exc),
            code="io-error",
        ) from None
    except BaseException:
        _unlink(tmp)
        raise
    return path


@contextmanager
def private_temp(path: Path) -> Iterator[Path]:
    """Temporary files of a streamed workbook (openpyxl's write-only sheets) go to a private
    folder beside the output, named with this process's id, rather than to the system temp
    folder (which Windows never cleans): removed at the end, or by the next write of the same
    file after a kill."""
    import shutil

    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    _sweep_partials(path)
    private = tempfile.mkdtemp(prefix=f".{path.stem}.partial-{os.getpid()}-", dir=folder)
    previous = tempfile.tempdir
    tempfile.tempdir = private
    try:
        yield Path(private)
    except OSError as exc:
        _release()
        raise OutputError(
            f"เขียนไฟล์ {path} ไม่ได้: {exc.strerror or exc} (cannot write; nothing written)",
            hint=_hint_for(exc),
            code="io-error",
        ) from None
    except Exception as exc:
        # lxml reports a full disk as its own SerialisationError("IO_ENOSPC"), not an OSError.
        if type(exc).__name__ != "SerialisationError":
            raise
        _release()
        full = "ENOSPC" in str(exc)
        raise OutputError(
            f"เขียนไฟล์ {path} ไม่ได้: {'ดิสก์เต็ม' if full else exc} (cannot write; nothing written)",
            hint="ดิสก์เต็ม: ลบไฟล์ที่ไม่ใช้แล้วลองใหม่ (disk full)" if full else None,
            code="io-error",
        ) from None
    finally:
        tempfile.tempdir = previous
        shutil.rmtree(private, ignore_errors=True)


def _sweep_partials(path: Path) -> None:
    """Remove what a killed netcli left while writing this same file (a hidden partial copy
    of personal data beside the output): its process is gone."""
    from netcli.store.copies import pid_alive

    folder = path.parent if str(path.parent) else Path(".")
    prefix = f".{path.stem}.partial-"
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(prefix)]
    except OSError:
        return
    for entry in entries:
        pid = entry.name[len(prefix) :].split("-", 1)[0]
        if pid.isdigit() and not pid_alive(int(pid)):
            if entry.is_dir(follow_symlinks=False):
                import shutil

                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                _unlink(entry.path)


def _release() -> None:
    """Free the half-written zip of a failed save now (its file handle, before the unlink)."""
    import gc

    gc.collect()


def _hint_for(exc: OSError) -> str | None:
    import errno

    if exc.errno == errno.ENOSPC:
        return "ดิสก์เต็ม: ลบไฟล์ที่ไม่ใช้แล้วลองใหม่ (disk full)"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "ที่นี่เขียนไม่ได้ (read-only or no permission): เลือกโฟลเดอร์อื่น"
    return None


def _put_in_place(tmp: str, path: Path, *, force: bool) -> None:
    if force:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)  # fails if the name exists: never replaces what appeared meanwhile
    except FileExistsError:
        raise OutputError(
            f"มีไฟล์ {path} อยู่แล้ว ไม่เขียนทับ (already exists; nothing written)",
            hint="ใช้ --force เพื่อแทนที่ หรือเลือกชื่อใหม่ (use --force to replace it)",
            code="file-exists",
        ) from None
    except OSError:
        # No hard links here (FAT on a USB stick): check, then rename.
        if os.path.lexists(path):
            raise OutputError(
                f"มีไฟล์ {path} อยู่แล้ว ไม่เขียนทับ (already exists; nothing written)",
                hint="ใช้ --force เพื่อแทนที่ (use --force to replace it)",
                code="file-exists",
            ) from None
        os.replace(tmp, path)
        return
    _unlink(tmp)


def replace_into(path: Path, write: Any, *, force: bool = True) -> Path:
    """Write a file through ``write(tmp_path)`` atomically (documents, PDFs): all or nothing."""
    return _replace_into(path, write, force=force)


def _unlink(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def save_workbook(wb: Any, path: Path | str, *, force: bool = True) -> Path:
    """Save an openpyxl workbook atomically (all of it or nothing at ``path``)."""
    return _replace_into(Path(path), lambda tmp: wb.save(tmp), force=force)


def atomic_write_bytes(path: Path | str, data: bytes, *, force: bool = True) -> Path:
    """Write bytes atomically (all of it or nothing at ``path``)."""
    path = Path(path).expanduser()
    if path.exists() and path.is_dir():
        raise OutputError(f"{path} เป็นโฟลเดอร์ ไม่ใช่ไฟล์ (is a folder)")
    if not path.parent.exists():
        raise OutputError(f"ไม่มีโฟลเดอร์ {path.parent} (the folder does not exist)")
    return _replace_into(path, lambda tmp: tmp.write_bytes(data), force=force)


def csv_safe(value: str) -> str:
    """A CSV field that Excel will not run: a leading = + - @ tab CR gets a ' in front (OWASP)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_unsafe(value: str) -> str:
    """The inverse of :func:`csv_safe` on import: ``'-หัวหน้า`` comes back as ``-หัวหน้า``.

    Only an apostrophe that ``csv_safe`` would have written is removed."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value
