"""Generate the hostile input corpus (see README.md beside this file for what each file is).

Nothing here is a hand-made binary: every file is written by this script, at test time, into
a temporary folder (tests/reliability/test_hostile.py) or, when run by hand, into this folder
(git-ignored)::

    python tests/data/hostile/generate.py [DEST]
"""

from __future__ import annotations

import io
import json
import struct
import sys
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

# Written into the file that the XXE workbook points at; it must never come out of netcli.
SECRET_MARKER = "XXE-SECRET-b7d1c0ffee"
HEADERS = ["ที่", "ชื่อ - สกุล", "จังหวัด", "เบอร์โทร"]
BOMB_TARGET = 400 * 1024 * 1024  # inflated size of the zip bomb's sheet

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="รายชื่อ" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
_SHEET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_CLOSE = "</sheetData></worksheet>"


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _row(n: int, values: Iterable[str]) -> str:
    cells = "".join(_cell(f"{chr(65 + i)}{n}", v) for i, v in enumerate(values))
    return f'<row r="{n}">{cells}</row>'


def _header_row() -> str:
    return _row(1, HEADERS)


def _shared_strings(doctype: str = "", items: Iterable[str] = ()) -> str:
    body = "".join(f"<si><t>{s}</t></si>" for s in items)
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{body}</sst>"
    )


def _package(
    path: Path,
    sheet: str | Iterator[str],
    shared: str | None = None,
) -> Path:
    """A minimal SpreadsheetML package; ``sheet`` may be streamed in chunks (the zip bomb)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", _WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        zf.writestr("xl/sharedStrings.xml", shared or _shared_strings())
        if isinstance(sheet, str):
            zf.writestr("xl/worksheets/sheet1.xml", sheet)
        else:
            with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
                for chunk in sheet:
                    out.write(chunk.encode("utf-8"))
    return path


# --- the files -------------------------------------------------------------------------------


def _deflate_repeated(head: bytes, block: bytes, times: int, tail: bytes) -> tuple[list, int, int]:
    """Raw deflate of head + block*times + tail without compressing 400 MB: after a full flush
    the compressor forgets its history, so every copy of ``block`` compresses to the same
    bytes, which are written ``times`` times. Returns (parts, crc32, uncompressed size)."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    parts = [comp.compress(head) + comp.flush(zlib.Z_FULL_FLUSH)]
    packed = comp.compress(block) + comp.flush(zlib.Z_FULL_FLUSH)
    # A second copy compresses to the same bytes (the history was flushed): reuse them.
    if comp.compress(block) + comp.flush(zlib.Z_FULL_FLUSH) != packed:
        raise RuntimeError("zlib did not reset its history after a full flush")
    parts.append((packed, times))
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(block, crc)
    parts.append(comp.compress(tail) + comp.flush(zlib.Z_FINISH))
    crc = zlib.crc32(tail, crc)
    return parts, crc, len(head) + len(block) * times + len(tail)


def _write_raw_zip(path: Path, entries: list[tuple[str, list, int, int, int | None]]) -> Path:
    """A zip written by hand: (name, deflated parts, crc, size, declared size or None)."""
    central = b""
    with path.open("wb") as f:
        for name, parts, crc, size, declared in entries:
            offset = f.tell()
            raw = name.encode("utf-8")
            csize = sum(len(p) if isinstance(p, bytes) else len(p[0]) * p[1] for p in parts)
            usize = size if declared is None else declared
            fields = struct.pack("<HHHHHIII", 20, 0x0800, 8, 0, 0x21, crc, csize, usize)
            f.write(b"PK\x03\x04" + fields + struct.pack("<HH", len(raw), 0) + raw)
            for p in parts:
                if isinstance(p, bytes):
                    f.write(p)
                else:
                    for _ in range(p[1]):
                        f.write(p[0])
            central += (
                b"PK\x01\x02"
                + struct.pack("<HHHHHHIII", 20, 20, 0x0800, 8, 0, 0x21, crc, csize, usize)
                + struct.pack("<HHHHHI", len(raw), 0, 0, 0, 0, 0)
                + struct.pack("<I", offset)
                + raw
            )
        start = f.tell()
        f.write(central)
        n = len(entries)
        f.write(b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, n, n, len(central), start, 0))
    return path


def _small(name: str, text: str) -> tuple[str, list, int, int, None]:
    data = text.encode("utf-8")
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    return (name, [comp.compress(data) + comp.flush()], zlib.crc32(data), len(data), None)


def zip_bomb(path: Path, target: int = BOMB_TARGET, *, declared: int | None = None) -> Path:
    """≈400 KB that inflates to ≥400 MB: rows padded with runs of blanks between them.

    Runs compress about 1000:1 (the most deflate can do) and each row, 32 KB after the last
    one, is a back-reference; inflated, the sheet is 400 MB and thirteen thousand rows.
    ``declared`` writes a smaller uncompressed size into the zip headers (a lying bomb).
    """
    row = _row(2, ["1", "นายระเบิด ซิปบอมบ์", "ลำปาง", "0812345678"])
    block = ((row + " " * (32_000 - len(row.encode("utf-8")))) * 32).encode("utf-8")
    head = (_SHEET_OPEN.format(doctype="") + _header_row()).encode("utf-8")
    times = target // len(block) + 1
    parts, crc, size = _deflate_repeated(head, block, times, _SHEET_CLOSE.encode("utf-8"))
    entries = [
        _small("[Content_Types].xml", _CONTENT_TYPES),
        _small("_rels/.rels", _RELS),
        _small("xl/workbook.xml", _WORKBOOK),
        _small("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
        _small("xl/sharedStrings.xml", _shared_strings()),
        ("xl/worksheets/sheet1.xml", parts, crc, size, declared),
    ]
    return _write_raw_zip(path, entries)


def corrupt_deflate(path: Path) -> Path:
    """A workbook whose workbook.xml part is not valid deflate data (a reserved block type):
    the zip directory is fine, inflating the part fails inside zlib (found by fuzzing)."""
    sheet = _SHEET_OPEN.format(doctype="") + _header_row() + _SHEET_CLOSE
    entries = [
        _small("[Content_Types].xml", _CONTENT_TYPES),
        _small("_rels/.rels", _RELS),
        ("xl/workbook.xml", [b"\x06" + bytes(range(7, 200))], 0, len(_WORKBOOK), None),
        _small("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
        _small("xl/sharedStrings.xml", _shared_strings()),
        _small("xl/worksheets/sheet1.xml", sheet),
    ]
    return _write_raw_zip(path, entries)


def zip_version_unsupported(path: Path) -> Path:
    """A small real roster whose zip directory says "version 16.7 needed to extract"
    (found by fuzzing: Python's zipfile raises NotImplementedError on opening it)."""
    buf = io.BytesIO()
    _roster_workbook(5).save(buf)
    data = bytearray(buf.getvalue())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        data[at + 6 : at + 8] = (167).to_bytes(2, "little")
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    return path


def billion_laughs(path: Path) -> Path:
    """Nested XML entities: ten levels of ten, a billion "lol"s if expanded."""
    lines = ['<!ENTITY lol0 "lol">']
    for i in range(1, 10):
        ref = f"&lol{i - 1};" * 10
        lines.append(f'<!ENTITY lol{i} "{ref}">')
    doctype = f"<!DOCTYPE worksheet [{''.join(lines)}]>"
    sheet = (
        _SHEET_OPEN.format(doctype=doctype)
        + _header_row()
        + _row(2, ["1", "&lol9;", "ลำปาง", "0812345678"])
        + _SHEET_CLOSE
    )
    sst_doctype = doctype.replace("worksheet", "sst")
    return _package(path, sheet, _shared_strings(sst_doctype, ["&lol9;"]))


def xxe(path: Path, secret: Path) -> Path:
    """An external entity pointing at a local file; its content must appear nowhere."""
    secret.write_text(f"{SECRET_MARKER}\n", encoding="utf-8")
    uri = secret.resolve().as_uri()
    doctype = f'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "{uri}">]>'
    sheet = (
        _SHEET_OPEN.format(doctype=doctype)
        + _header_row()
        + _row(2, ["1", "นายเอ็กซ์ &xxe;", "ลำปาง", "0812345678"])
        + _row(3, ["2", "นายสมชาย ใจดี", "&xxe;", "0812345679"])
        + _SHEET_CLOSE
    )
    sst_doctype = f'<!DOCTYPE sst [<!ENTITY xxe SYSTEM "{uri}">]>'
    return _package(path, sheet, _shared_strings(sst_doctype, ["&xxe;"]))


def _roster_workbook(rows: int = 200):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "รายชื่อ"
    ws.append(HEADERS)
    for i in range(rows):
        ws.append([i + 1, f"นายทดสอบ แถวที่{'กขคงจ'[i % 5]}{i}", "ลำปาง", f"08{i:08d}"])
    return wb


def truncated(path: Path) -> Path:
    """A real roster cut at 60 %: the zip directory at the end is gone."""
    buf = io.BytesIO()
    _roster_workbook().save(buf)
    data = buf.getvalue()
    path.write_bytes(data[: len(data) * 6 // 10])
    return path


def text_named_xlsx(path: Path) -> Path:
    path.write_text("name,province\nนายสมชาย ใจดี,ลำปาง\n", encoding="utf-8")
    return path


def empty_workbook(path: Path) -> Path:
    from openpyxl import Workbook

    Workbook().save(path)
    return path


def thousand_sheets(path: Path, n: int = 1000) -> Path:
    """1,000 sheets (one per district, as some offices send), each a header and one member."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel_ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    sheet_type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
    ct_sheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{ct_sheet}"/>'
        for i in range(1, n + 1)
    )
    one = f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct_sheet}"/>'
    content_types = _CONTENT_TYPES.replace(one, overrides)
    sheets = "".join(
        f'<sheet name="อำเภอ{i}" sheetId="{i}" r:id="rId{i}"/>' for i in range(1, n + 1)
    )
    workbook = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{ns}"'
        ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f"<sheets>{sheets}</sheets></workbook>"
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{sheet_type}" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, n + 1)
    )
    workbook_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{rel_ns}">'
        f"{rels}</Relationships>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", content_types)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", workbook)
        zf.writestr("xl/_rels/workbook.xml.rels", workbook_rels)
        zf.writestr("xl/sharedStrings.xml", _shared_strings())
        for i in range(1, n + 1):
            name = f"นายแผ่นงาน ที่{'กขคงจฉชซ'[i % 8]}{_thai_letters(i)}"
            body = _header_row() + _row(2, [str(i), name, "ลำปาง", f"083{i:07d}"])
            zf.writestr(
                f"xl/worksheets/sheet{i}.xml", _SHEET_OPEN.format(doctype="") + body + _SHEET_CLOSE
            )
    return path


def _thai_letters(i: int) -> str:
    letters = "กขคงจฉชซญดตถทธนบปผพฟภมยรลวศสหอฮ"
    out = ""
    while True:
        i, r = divmod(i, len(letters))
        out = letters[r] + out
        if i == 0:
            return out


def megabyte_cell(path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("รายชื่อ")
    ws.append(HEADERS)
    ws.append([1, "นาย" + "ก" * (1024 * 1024 // 3), "ลำปาง", "0812345678"])
    ws.append([2, "นายปกติ ดีงาม", "ลำปาง" + " " * 1_000_000, "0812345679"])
    wb.save(path)
    return path


def ten_thousand_columns(path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("รายชื่อ")
    ws.append(HEADERS + [f"คอลัมน์{i}" for i in range(10_000 - len(HEADERS))])
    for r in range(5):
        ws.append(
            [r + 1, f"นายกว้าง มากคอลัมน์{'กขคงจ'[r]}", "ลำปาง", f"081000000{r}"] + ["x"] * 9_996
        )
    wb.save(path)
    return path


def formulas(path: Path) -> Path:
    """Formulas as openpyxl writes them: no cached values (nothing computed them)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "รายชื่อ"
    ws.append(HEADERS)
    ws.append([1, '="นาย"&"สมชาย ใจดี"', '=LEFT("ลำปางxx",5)', "=0812345678"])
    ws.append([2, "=1/0", "=A1", '=HYPERLINK("http://example.invalid","x")'])
    ws.append(["=ROW()", "นายปกติ ดีงาม", "ลำปาง", "0812345679"])
    wb.save(path)
    return path


# CSV headers: the JSON field names, which `member add --from` and `import` both understand.
CSV_HEADER = "name,province,phone"


def mixed_encodings_csv(path: Path) -> Path:
    """UTF-8 header and rows, one row in Windows-874, NUL bytes inside a name."""
    data = f"{CSV_HEADER}\n".encode()
    data += "นายสมชาย ใจดี,ลำปาง,0812345678\n".encode()
    data += "นางสมศรี มีสุข,น่าน,0812345679\n".encode("cp874")
    data += "นาย\x00บุญมี\x00 คำมา,แพร่,0812345670\n".encode()
    path.write_bytes(data)
    return path


def nul_csv(path: Path) -> Path:
    data = b"name,province\n" + b"\x00" * 64 + "นายทดสอบ ศูนย์,ลำปาง\n".encode()
    path.write_bytes(data)
    return path


INVISIBLE_NAMES = [
    "นาย\u200bประกิจ เสาร์\u200dแก้ว",
    "\ufeffนางสมศรี\u2060 มีสุข",
    "นางสาว\u00adวิไล\u202e ทองคำ",
]


def invisible_names_csv(path: Path) -> Path:
    lines = [CSV_HEADER]
    lines += [f"{n},ลำปาง,08123456{i:02d}" for i, n in enumerate(INVISIBLE_NAMES)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def invisible_names_ndjson(path: Path) -> Path:
    rows = [
        {"name": n, "province": "ลำปาง", "phone": f"08223456{i:02d}"}
        for i, n in enumerate(INVISIBLE_NAMES)
    ]
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8"
    )
    return path


def lone_surrogates_ndjson(path: Path) -> Path:
    """JSON escapes for half a surrogate pair: valid JSON, a str that cannot be UTF-8."""
    rows = [
        '{"name": "นาย\\ud800สมชาย ใจดี", "province": "ลำปาง", "phone": "0832345601"}',
        '{"name": "นางสมศรี \\udfffมีสุข", "province": "ลำปาง\\udc80", "phone": "0832345602"}',
        '{"name": "นายปกติ ดีงาม", "province": "ลำปาง", "phone": "0832345603"}',
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def lone_surrogates_csv(path: Path) -> Path:
    """Surrogate code points written raw (CESU/"surrogatepass" bytes): invalid UTF-8."""
    text = "name,province\nนาย\ud800สมชาย ใจดี,ลำปาง\nนายปกติ ดีงาม,ลำปาง\n"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return path


def megabyte_cell_csv(path: Path) -> Path:
    text = f"{CSV_HEADER}\nนาย{'ก' * (1024 * 1024 // 3)},ลำปาง,0812345678\nนายปกติ ดีงาม,ลำปาง,0812345679\n"
    path.write_text(text, encoding="utf-8")
    return path


def garbage_bytes(path: Path) -> Path:
    import random

    rng = random.Random(2569)
    path.write_bytes(bytes(rng.randrange(256) for _ in range(64 * 1024)))
    return path


def empty_file(path: Path) -> Path:
    path.write_bytes(b"")
    return path


NAMES = (
    "zip_bomb.xlsx",
    "zip_bomb_lying_sizes.xlsx",
    "billion_laughs.xlsx",
    "xxe.xlsx",
    "truncated.xlsx",
    "corrupt_deflate.xlsx",
    "zip_version_unsupported.xlsx",
    "text_named.xlsx",
    "empty_workbook.xlsx",
    "sheets_1000.xlsx",
    "cell_1mb.xlsx",
    "columns_10000.xlsx",
    "formulas_no_cache.xlsx",
    "mixed_encodings_nul.csv",
    "nul_bytes.csv",
    "invisible_names.csv",
    "invisible_names.ndjson",
    "lone_surrogates.ndjson",
    "lone_surrogates.csv",
    "cell_1mb.csv",
    "garbage.xlsx",
    "garbage.csv",
    "empty.csv",
)


def generate(dest: Path, *, bomb_target: int = BOMB_TARGET) -> dict[str, Path]:
    """Write every hostile file into ``dest``; returns name -> path."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}
    out["zip_bomb.xlsx"] = zip_bomb(dest / "zip_bomb.xlsx", bomb_target)
    out["zip_bomb_lying_sizes.xlsx"] = zip_bomb(
        dest / "zip_bomb_lying_sizes.xlsx", bomb_target, declared=4096
    )
    out["billion_laughs.xlsx"] = billion_laughs(dest / "billion_laughs.xlsx")
    out["xxe.xlsx"] = xxe(dest / "xxe.xlsx", dest / "xxe-secret.txt")
    out["truncated.xlsx"] = truncated(dest / "truncated.xlsx")
    out["corrupt_deflate.xlsx"] = corrupt_deflate(dest / "corrupt_deflate.xlsx")
    out["zip_version_unsupported.xlsx"] = zip_version_unsupported(
        dest / "zip_version_unsupported.xlsx"
    )
    out["text_named.xlsx"] = text_named_xlsx(dest / "text_named.xlsx")
    out["empty_workbook.xlsx"] = empty_workbook(dest / "empty_workbook.xlsx")
    out["sheets_1000.xlsx"] = thousand_sheets(dest / "sheets_1000.xlsx")
    out["cell_1mb.xlsx"] = megabyte_cell(dest / "cell_1mb.xlsx")
    out["columns_10000.xlsx"] = ten_thousand_columns(dest / "columns_10000.xlsx")
    out["formulas_no_cache.xlsx"] = formulas(dest / "formulas_no_cache.xlsx")
    out["mixed_encodings_nul.csv"] = mixed_encodings_csv(dest / "mixed_encodings_nul.csv")
    out["nul_bytes.csv"] = nul_csv(dest / "nul_bytes.csv")
    out["invisible_names.csv"] = invisible_names_csv(dest / "invisible_names.csv")
    out["invisible_names.ndjson"] = invisible_names_ndjson(dest / "invisible_names.ndjson")
    out["lone_surrogates.ndjson"] = lone_surrogates_ndjson(dest / "lone_surrogates.ndjson")
    out["lone_surrogates.csv"] = lone_surrogates_csv(dest / "lone_surrogates.csv")
    out["cell_1mb.csv"] = megabyte_cell_csv(dest / "cell_1mb.csv")
    out["garbage.xlsx"] = garbage_bytes(dest / "garbage.xlsx")
    out["garbage.csv"] = garbage_bytes(dest / "garbage.csv")
    out["empty.csv"] = empty_file(dest / "empty.csv")
    assert tuple(out) == NAMES, "keep NAMES in step with generate()"
    return out


if __name__ == "__main__":
    where = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent
    for name, p in generate(where).items():
        print(f"{p.stat().st_size:>12,}  {name}")
