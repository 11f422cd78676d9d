"""Reading rosters: workbooks with python-calamine, CSV with encoding detection; hostile files refused.

Every failure a user can cause becomes ``BadFile`` with one clear line. Workbooks are zip files
(xlsx, xlsm, ods): their central directory is checked *before* parsing, because a 400 KB zip
bomb makes calamine use more than a gigabyte (traps.md). The zip reader calamine uses refuses a
member that inflates past its declared size, so checking the declared sizes is enough.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netcli.errors import BadFile

# Limits for the zip directory of a workbook. A real 100,000-row roster holds a 66 MB sheet
# XML compressed about 8:1; a zip bomb compresses 1000:1.
MAX_MEMBERS = 2_000
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR_BYTES = 1024 * 1024  # small parts may compress well without meaning harm
# XML entity declarations (billion laughs) come before the root element; OOXML and ODF never
# use them, so one in the head of any part is refused.
_HEAD_BYTES = 64 * 1024
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# The reader (calamine) holds a sheet as one grid from its first to its last cell with a value:
# one stray cell at XFD1048576 makes 17 billion cells (an abort, not an error). A real roster
# within MAX_TOTAL_BYTES has under 3 million cells; a grid above MAX_CELLS is refused.
MAX_CELLS = 8_000_000
_DIMENSION = re.compile(rb'<dimension ref="([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?"')
# A cell with a value: <c r="B7" ...> then <v>, <is> or <f> (a formatted empty cell, <c .../>
# or <c ...></c>, is one the reader leaves out).
_VALUED_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"[^>]*?(?<!/)>\s*<(?:v|is|f)\b')
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_ALWAYS_SCANNED = 8 * 1024 * 1024  # sheet XML this small is measured whatever it says

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".xlsb"}
TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP = b"PK\x05\x06"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (BIFF8) and encrypted xlsx
_SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass
class Sheet:
    """One sheet's rows, streamed. Row ``i`` (0-based) of ``rows`` is Excel row ``i + 1``;
    cell ``j`` of a row is column ``first_col + j`` (0-based)."""

    name: str | None
    rows: Iterator[list[Any]]
    first_col: int = 0
    total_rows: int = 0
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)


@dataclass
class Source:
    """A file opened for import: its name, fingerprint, kind and sheets."""

    path: str  # as given ("-" for stdin)
    display: str  # for messages and the report
    sha256: str
    kind: str  # "workbook" or "csv"
    sheet_names: list[str]
    _workbook: Any = None
    _text: str | None = None
    # A big CSV is read from its file as it is imported (never whole in memory):
    # (path, encoding, lines).
    _stream: tuple[str, str, int] | None = None
    size: int = 0  # bytes of a workbook file

    @property
    def streamed(self) -> bool:
        """Read from its file as it is imported (a big CSV): its rows cannot be walked twice."""
        return self._stream is not None

    def sheets(self, wanted: list[str] | None = None) -> Iterator[Sheet]:
        """The sheets to import: all worksheets, or those named in ``wanted`` (in that order)."""
        if self.kind == "csv" and self._stream is not None:
            path, encoding, lines = self._stream
            yield Sheet(None, _csv_file_rows(path, encoding, self.display), 0, lines)
            return
        if self.kind == "csv":
            yield Sheet(
                None,
                _csv_rows(self._text or "", self.display),
                0,
                (self._text or "").count("\n") + 1,
            )
            return
        names = self.sheet_names
        if wanted:
            missing = [w for w in wanted if w not in names]
            if missing:
                import difflib

                close = difflib.get_close_matches(missing[0], names, n=1, cutoff=0.5)
                hint = f"หมายถึง '{close[0]}' หรือไม่? " if close else ""
                raise BadFile(
                    f"{self.display}: ไม่มีชีต '{missing[0]}' (no such sheet)",
                    hint=f"{hint}ชีตที่มี: {', '.join(names)}"
                    + (f" (did you mean '{close[0]}'? " if close else " (")
                    + f"sheets: {', '.join(names)})",
                )
            names = list(dict.fromkeys(wanted))
        for name in names:
            yield self._sheet(name)

    def _sheet(self, name: str) -> Sheet:
        try:
            sheet = self._workbook.get_sheet_by_name(name)
            start = sheet.start
            end = sheet.end
            merged = sheet.merged_cell_ranges or []
        except BaseException as exc:  # noqa: B036 - calamine panics are BaseException (traps.md)
            raise _calamine_failure(exc, self.display) from None
        if start is None or end is None:
            return Sheet(name, iter(()), 0, 0, [])
        return Sheet(
            name, _guarded(sheet.iter_rows(), self.display), start[1], end[0] + 1, list(merged)
        )

    def close(self) -> None:
        if self._workbook is not None:
            try:
                self._workbook.close()
            except BaseException:  # noqa: B036 - closing twice or after a panic: nothing to do
                pass
            self._workbook = None


def is_bundle(path: str) -> bool:
    """True for a netcli bundle or database (``.netcli``, ``.db``): those are merged, not imported."""
    if path == "-":
        return False
    p = Path(path)
    if p.suffix.lower() in {".netcli", ".db", ".sqlite", ".sqlite3"}:
        return True
    try:
        with p.open("rb") as fh:
            return fh.read(16) == _SQLITE_MAGIC
    except OSError:
        return False


# A text file larger than this is streamed from disk (hashed, its encoding checked, then read
# row by row) instead of held whole in memory, twice (bytes and text).
STREAM_TEXT_BYTES = 4 * 1024 * 1024


def open_source(path: str) -> Source:
    """Open a roster for reading after the safety checks; raises BadFile with one line."""
    from netcli.files.textfile import decode, read_bytes

    big = _big_text(path)
    if big is not None:
        return big
    data, display = read_bytes(path)
    digest = hashlib.sha256(data).hexdigest()
    suffix = "" if path == "-" else Path(path).suffix.lower()
    head = data[:8]
    if not data.strip():
        raise BadFile(f"{display}: ไฟล์ว่าง (the file is empty)")
    if head.startswith(_ZIP_MAGIC) or head.startswith(_EMPTY_ZIP):
        check_zip(data, display)
        return _open_workbook(data, display, digest, path)
    if head.startswith(_OLE_MAGIC):
        if suffix in {".xlsx", ".xlsm"}:
            raise BadFile(
                f"{display}: ไฟล์ถูกเข้ารหัสด้วยรหัสผ่าน (the workbook is password-protected)",
                hint="เปิดใน Excel แล้วเอารหัสผ่านออกก่อน (remove the password in Excel first)",
            )
        return _open_workbook(data, display, digest, path)
    if suffix in WORKBOOK_SUFFIXES:
        what = "ข้อความ (text)" if _looks_like_text(data) else "ไฟล์ชนิดอื่น (another kind of file)"
        raise BadFile(
            f"{display}: ไม่ใช่ไฟล์ Excel แต่เป็น{what} (not a {suffix} workbook)",
            hint="ถ้าเป็น CSV ให้เปลี่ยนนามสกุลเป็น .csv (if it is CSV, name it .csv)",
        )
    if data[:4096].count(b"\x00") and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BadFile(f"{display}: ไม่ใช่ไฟล์ Excel หรือ CSV (not a workbook or a CSV file)")
    text = decode(data, display)
    return Source(path, display, digest, "csv", [], _text=text)


def _big_text(path: str) -> Source | None:
    """A big CSV (not a workbook by its first bytes or its name) streamed: one pass over the
    bytes for the SHA-256, the line count and the encoding (strict UTF-8, else cp874, the
    rules of ``textfile.decode``); None for anything else."""
    import codecs

    from netcli.files.textfile import MAX_TEXT_BYTES, display_path

    if path == "-":
        return None
    p = Path(path)
    try:
        if not p.is_file() or p.stat().st_size <= STREAM_TEXT_BYTES:
            return None
        with open(p, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return None
    display = display_path(p)
    if (
        head.startswith((_ZIP_MAGIC, _EMPTY_ZIP, _OLE_MAGIC, b"\xff\xfe", b"\xfe\xff"))
        or p.suffix.lower() in WORKBOOK_SUFFIXES
        or b"\x00" in head
    ):
        return None
    if p.stat().st_size > MAX_TEXT_BYTES:
        raise BadFile(f"{display} ใหญ่เกินไป (over {MAX_TEXT_BYTES // 1024 // 1024} MB)")
    digest = hashlib.sha256()
    lines = 0
    utf8 = codecs.getincrementaldecoder("utf-8-sig")("strict")
    ok = True
    with open(p, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
            lines += chunk.count(b"\n")
            if ok:
                try:
                    utf8.decode(chunk)
                except UnicodeDecodeError:
                    ok = False
    if ok:
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError:
            ok = False
    encoding = "utf-8-sig"
    if not ok:
        encoding = "cp874"
        thai = codecs.getincrementaldecoder("cp874")("strict")
        with open(p, "rb") as fh:
            try:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    thai.decode(chunk)
            except UnicodeDecodeError:
                raise BadFile(
                    f"{display}: อ่านไม่ได้ทั้งแบบ UTF-8 และ Windows-874 (unknown text encoding)",
                    hint="บันทึกไฟล์ใหม่เป็น CSV UTF-8 (save as 'CSV UTF-8')",
                ) from None
    return Source(
        path, display, digest.hexdigest(), "csv", [], _stream=(str(p), encoding, lines + 1)
    )


def _csv_file_rows(path: str, encoding: str, name: str) -> Iterator[list[Any]]:
    """The rows of a big CSV, read from its file as they are imported."""
    with open(path, encoding=encoding, newline="") as fh:
        sample = fh.read(16384)
        fh.seek(0)
        yield from _csv_reader_rows(fh, _dialect(sample), name)


def _looks_like_text(data: bytes) -> bool:
    sample = data[:4096]
    return b"\x00" not in sample


def check_zip(data: bytes, name: str) -> None:
    """Refuse a zip whose directory declares a bomb, or whose XML declares entities."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,  # a compression method or zip version zipfile does not support
    ) as exc:
        raise BadFile(
            f"{name}: ไฟล์เสียหายหรือไม่ครบ เปิดเป็น workbook ไม่ได้ (damaged or truncated: {exc})",
            hint="ขอไฟล์ใหม่จากผู้ส่ง หรือเปิดใน Excel แล้วบันทึกใหม่ (ask for the file again or re-save it)",
        ) from None
    with zf:
        infos = zf.infolist()
        if not infos:
            raise BadFile(f"{name}: ไฟล์ว่าง ไม่มีข้อมูล (an empty zip, not a workbook)")
        if len(infos) > MAX_MEMBERS:
            raise BadFile(
                f"{name}: มีส่วนประกอบมากผิดปกติ ({len(infos)}) (too many parts for a workbook)"
            )
        total = 0
        for info in infos:
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if total > MAX_TOTAL_BYTES or (
                info.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO
            ):
                raise BadFile(
                    f"{name}: ปฏิเสธไฟล์ — ขยายได้ถึง {info.file_size // (1024 * 1024)} MB จากไฟล์"
                    f" {len(data) // 1024} KB (looks like a zip bomb: {info.filename} inflates {ratio:.0f}:1)",
                    hint="ไฟล์นี้อาจเป็นอันตราย ไม่ได้อ่านข้อมูลใด ๆ (nothing was read)",
                )
        names = {i.filename for i in infos}
        if not ({"[Content_Types].xml", "content.xml", "mimetype"} & names):
            raise BadFile(f"{name}: เป็นไฟล์ zip แต่ไม่ใช่ workbook (a zip file, not a workbook)")
        for info in infos:
            if not info.filename.endswith((".xml", ".rels", ".vml")):
                continue
            try:
                with zf.open(info) as part:
                    head = part.read(_HEAD_BYTES)
            except (
                zipfile.BadZipFile,
                OSError,
                EOFError,
                ValueError,
                NotImplementedError,
                RuntimeError,  # an encrypted entry ("password required")
                zlib.error,  # a damaged deflate stream
            ) as exc:
                raise BadFile(
                    f"{name}: ไฟล์เสียหาย ({info.filename}: {exc}) (damaged workbook)"
                ) from None
            if _DTD.search(head):
                raise BadFile(
                    f"{name}: ปฏิเสธไฟล์ — มีการประกาศ XML entity ใน {info.filename}"
                    " (XML entity declarations: a billion-laughs attack?)",
                    hint="ไฟล์นี้อาจเป็นอันตราย ไม่ได้อ่านข้อมูลใด ๆ (nothing was read)",
                )
            if _SHEET_PART.match(info.filename) and (
                _grid(head) > MAX_CELLS or info.file_size <= _ALWAYS_SCANNED
            ):
                # The sheet says it is huge (often a formatted column, which is harmless), or
                # it is small enough to measure at no cost (a file's own <dimension> may lie):
                # measure the cells that hold values.
                _check_grid(zf, info, name)


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _grid(head: bytes) -> int:
    """Cells of the sheet's own <dimension> (from A1), or a huge number when it has none."""
    m = _DIMENSION.search(head)
    if m is None:
        return MAX_CELLS + 1
    col, row = m.group(3) or m.group(1), m.group(4) or m.group(2)
    return _column_number(col) * int(row)


def _check_grid(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """Refuse a sheet whose cells with values span more than MAX_CELLS (read in pieces)."""
    max_col, max_row, far = 0, 0, ""
    tail = b""
    with zf.open(info) as part:
        while chunk := part.read(1 << 20):
            buf = tail + chunk
            for m in _VALUED_CELL.finditer(buf):
                col, row = _column_number(m.group(1)), int(m.group(2))
                if col > max_col or row > max_row:
                    max_col, max_row = max(max_col, col), max(max_row, row)
                    far = (m.group(1) + m.group(2)).decode("ascii")
            tail = buf[-256:]  # a cell tag cut between two pieces is read again whole
    if max_col * max_row > MAX_CELLS:
        raise BadFile(
            f"{name}: ชีตมีข้อมูลไกลถึงเซลล์ {far} ทำให้ชีตมี {max_row:,} แถว {max_col:,} คอลัมน์"
            f" ใหญ่เกินกว่าจะอ่านได้ (a value at {far}, far from the table, makes the sheet"
            f" {max_row:,} rows by {max_col:,} columns: too big to read)",
            hint="ลบเซลล์ที่อยู่ห่างจากตารางใน Excel แล้วบันทึกใหม่"
            " (delete the stray cell in Excel and save again)",
        )


def _calamine_failure(exc: BaseException, name: str) -> BaseException:
    """BadFile for any calamine failure, including its PanicException (a BaseException)."""
    if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit, MemoryError)):
        return exc
    if isinstance(exc, BadFile):
        return exc
    kind = type(exc).__name__
    if kind == "PasswordError":
        return BadFile(
            f"{name}: ไฟล์ถูกเข้ารหัสด้วยรหัสผ่าน (the workbook is password-protected)",
            hint="เปิดใน Excel แล้วเอารหัสผ่านออกก่อน (remove the password in Excel first)",
        )
    detail = " ".join(str(exc).split())[:160] or kind
    if kind == "PanicException":
        detail = f"the reader crashed: {detail}"
    return BadFile(
        f"{name}: อ่านไฟล์ไม่ได้ ไฟล์อาจเสียหาย ({detail})",
        hint="เปิดใน Excel แล้วบันทึกใหม่เป็น .xlsx (open it in Excel and save it again)",
    )


def _guarded(rows: Iterator[list[Any]], name: str) -> Iterator[list[Any]]:
    try:
        yield from rows
    except BaseException as exc:  # noqa: B036 - calamine panics are BaseException
        raise _calamine_failure(exc, name) from None


def _open_workbook(data: bytes, display: str, digest: str, path: str) -> Source:
    try:
        from python_calamine import CalamineWorkbook

        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = [
            m.name
            for m in workbook.sheets_metadata
            if str(getattr(m.typ, "name", m.typ)).lower().endswith("worksheet")
        ]
    except BaseException as exc:  # noqa: B036 - calamine panics are BaseException
        raise _calamine_failure(exc, display) from None
    if not names:
        raise BadFile(f"{display}: ไม่มีชีตข้อมูล (the workbook has no worksheets)")
    return Source(path, display, digest, "workbook", names, _workbook=workbook, size=len(data))


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    """The delimiter people used: comma, semicolon, tab or bar (Sniffer, checked on the lines)."""
    lines = [ln for ln in sample.splitlines()[:30] if ln.strip()]
    try:
        dialect = csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t|")
        if any(dialect.delimiter in ln for ln in lines):
            return dialect
    except csv.Error:
        pass
    # Title rows above the header confuse the Sniffer: count delimiters per line instead.
    best, best_score = ",", 0
    for delim in (",", ";", "\t", "|"):
        score = sum(1 for ln in lines if delim in ln)
        if score > best_score:
            best, best_score = delim, score

    class Sniffed(csv.excel):
        delimiter = best

    return Sniffed


def _csv_rows(text: str, name: str) -> Iterator[list[Any]]:
    yield from _csv_reader_rows(io.StringIO(text, newline=""), _dialect(text[:16384]), name)


def _csv_reader_rows(lines: Any, dialect: Any, name: str) -> Iterator[list[Any]]:
    from netcli.files.cells import csv_unsafe

    reader = csv.reader(lines, dialect)
    try:
        for row in reader:
            # A roster netcli exported as CSV guards formula-like cells with a ': undo it.
            yield [csv_unsafe(c) if c[:1] == "'" else c for c in row]
    except csv.Error as exc:
        raise BadFile(
            f"{name}: CSV บรรทัด {reader.line_num} อ่านไม่ได้ ({exc}) (malformed CSV)"
        ) from None
