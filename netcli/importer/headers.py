"""Finding the header row of a roster and mapping its columns to member fields.

Headers are matched by Thai and English synonyms after a tolerant normalisation (spaces,
punctuation, case, Thai digits and invisible characters do not matter). A ``--mapping`` TOML
file adds header → field pairs; ``--save-mapping NAME`` stores a file's mapping in the
``mappings`` table under the signature of its header row, and a later file with the same
header row uses it without being told.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netcli.errors import BadFile, ValidationError
from netcli.people.members import INPUT_FIELDS
from netcli.store.db import require_write

IGNORE = "ignore"
# Columns that are never data: the running number, the signature, our own error column.
_IGNORED_HEADERS = (
    "ที่", "ลำดับ", "ลำดับที่", "เลขที่", "no", "no.", "#", "item", "seq",
    "ลายมือชื่อ", "ลงชื่อ", "ลายเซ็น", "ลายเซ็นต์", "ลงนาม", "signature", "sign",
    "ลายมือชื่อผู้เข้าร่วม", "ลายมือชื่อผู้เข้าประชุม",
)  # fmt: skip
ERROR_COLUMN = "เหตุที่ไม่ผ่าน (why rejected)"
# What a field is called on a Thai form, for telling the officer how a file's columns were read.
FIELD_LABELS: dict[str, str] = {
    "name": "ชื่อ - สกุล",
    "prefix": "คำนำหน้า",
    "first_name": "ชื่อ",
    "last_name": "นามสกุล",
    "role": "ตำแหน่ง",
    "organization": "หน่วยงาน",
    "sector": "ภาคส่วน",
    "issue_areas": "ประเด็น",
    "village": "หมู่ที่",
    "subdistrict": "ตำบล",
    "district": "อำเภอ",
    "province": "จังหวัด",
    "phone": "โทรศัพท์",
    "email": "อีเมล",
    "line_id": "ไลน์",
    "national_id": "เลขบัตรประชาชน",
    "joined_on": "วันที่เข้าร่วม",
    "consent_at": "วันที่ให้ความยินยอม",
    "consent_purpose": "วัตถุประสงค์ที่ยินยอม",
    "notes": "หมายเหตุ",
    "source": "ที่มา",
    IGNORE: "ไม่ใช้ (ลำดับที่/ลายมือชื่อ)",
}

SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": (
        "ชื่อ-สกุล", "ชื่อ - สกุล", "ชื่อ-นามสกุล", "ชื่อ - นามสกุล", "ชื่อสกุล", "ชื่อและนามสกุล",
        "ชื่อ – สกุล", "ชื่อ/สกุล", "ชื่อ/นามสกุล", "ชื่อ นามสกุล", "รายชื่อ", "ชื่อผู้เข้าร่วม",
        "ชื่อผู้เข้าร่วมประชุม", "ชื่อ-สกุลผู้เข้าร่วม", "ชื่อสมาชิก", "ชื่อ-สกุล ผู้เข้าร่วม",
        "full name", "fullname", "name", "name-surname", "name - surname", "participant",
    ),
    "prefix": ("คำนำหน้า", "คำนำหน้าชื่อ", "คำนำ", "title", "prefix", "ยศ/คำนำหน้า"),
    "first_name": ("ชื่อ", "ชื่อจริง", "first name", "firstname", "given name", "first"),
    "last_name": ("นามสกุล", "สกุล", "last name", "lastname", "surname", "family name", "last"),
    "role": ("ตำแหน่ง", "ตำแหน่งในเครือข่าย", "บทบาท", "หน้าที่", "position", "role", "job title"),
    "organization": (
        "หน่วยงาน", "องค์กร", "สังกัด", "หน่วยงาน/องค์กร", "องค์กร/หน่วยงาน", "ชื่อหน่วยงาน",
        "หน่วยงาน/กลุ่ม", "กลุ่ม/องค์กร", "กลุ่ม", "organization", "organisation", "org", "agency",
    ),
    "sector": ("ภาคส่วน", "ภาคี", "ประเภทภาคี", "sector"),
    "issue_areas": ("ประเด็น", "ประเด็นงาน", "ประเด็นที่ขับเคลื่อน", "กลุ่มเป้าหมาย", "issue", "issues", "issue areas"),
    "village": ("หมู่ที่", "หมู่", "ม.", "หมู่บ้าน", "village", "moo"),
    "subdistrict": ("ตำบล", "แขวง", "ตำบล/แขวง", "ต.", "subdistrict", "sub-district", "tambon", "khwaeng"),
    "district": ("อำเภอ", "เขต", "อำเภอ/เขต", "อ.", "district", "amphoe", "amphur", "khet"),
    "province": ("จังหวัด", "จ.", "province", "changwat"),
    "phone": (
        "เบอร์โทร", "เบอร์โทรศัพท์", "โทรศัพท์", "โทร", "มือถือ", "เบอร์มือถือ", "หมายเลขโทรศัพท์",
        "เบอร์ติดต่อ", "เบอร์", "โทรศัพท์มือถือ", "phone", "tel", "tel.", "telephone", "mobile",
        "phone number", "เบอร์โทรศัพท์มือถือ",
    ),
    "email": ("e-mail", "email", "อีเมล", "อีเมล์", "อีเมลล์", "e-mail address", "mail"),
    "line_id": ("line", "line id", "lineid", "ไลน์", "ไอดีไลน์", "id line", "ไลน์ไอดี"),
    "national_id": (
        "เลขบัตรประชาชน", "เลขประจำตัวประชาชน", "เลขบัตรประจำตัวประชาชน", "เลขที่บัตรประชาชน",
        "บัตรประชาชน", "national id", "citizen id", "id card", "id card no",
    ),
    "joined_on": ("วันที่เข้าร่วม", "วันที่สมัคร", "วันที่เป็นสมาชิก", "วันเข้าร่วม", "joined", "date joined", "joined on"),
    "consent_at": ("วันที่ยินยอม", "ยินยอมเมื่อ", "consent date", "consent at"),
    "consent_purpose": ("วัตถุประสงค์ที่ยินยอม", "consent purpose", "consent"),
    "notes": ("หมายเหตุ", "บันทึก", "notes", "note", "remark", "remarks"),
}  # fmt: skip
MAPPABLE = tuple(f for f in INPUT_FIELDS if f != "source")
_NAME_FIELDS = {"name", "first_name"}
_NOISE = re.compile(r"[\s\u200b-\u200f\u2060\ufeff\u00ad._\-–—:;,/\\()\[\]{}*'\"’‘“”]+")
_PARENS = re.compile(r"\(.*?\)|\[.*?\]")


def header_key(text: Any) -> str:
    """A header's comparison key: no spaces, punctuation, case or Thai/Arabic digit differences."""
    from netcli.thai.digits import to_arabic

    if text is None:
        return ""
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    raw = to_arabic(str(text)).strip().casefold()
    if raw == "#":
        return "#"
    return _NOISE.sub("", raw)


def _synonym_keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for fld, words in SYNONYMS.items():
        for word in words:
            keys.setdefault(header_key(word), fld)
    for word in _IGNORED_HEADERS:
        keys.setdefault(header_key(word), IGNORE)
    keys[header_key(ERROR_COLUMN)] = IGNORE
    keys[header_key("เหตุที่ไม่ผ่าน")] = IGNORE
    return keys


_SYNONYM_KEYS = _synonym_keys()


@dataclass
class Columns:
    """The mapping of one sheet: which column holds which field, and what was left over."""

    header_index: int  # 0-based row index of the (last) header row
    fields: dict[int, str]  # column offset within the row -> input field
    headers: dict[int, str]  # column offset -> header text as written
    ignored: list[int] = field(default_factory=list)
    unmapped: list[int] = field(default_factory=list)
    header_rows: list[list[Any]] = field(default_factory=list)  # as written, for the error workbook
    signature: str = ""
    mapping_name: str | None = None
    split_name: tuple[int, ...] = ()  # a merged name header over 2-3 columns: prefix/first/last

    def column_of(self, fld: str) -> int | None:
        for col, f in self.fields.items():
            if f == fld:
                return col
        return None

    def effective_mapping(self) -> dict[str, str]:
        """header key -> field for every non-empty header (what --save-mapping stores)."""
        out: dict[str, str] = {}
        for col, text in self.headers.items():
            key = header_key(text)
            if not key:
                continue
            if col in self.fields:
                out.setdefault(key, self.fields[col])
            elif col in self.ignored:
                out.setdefault(key, IGNORE)
        return out


class Mapper:
    """Header text -> field, from an explicit mapping (TOML or saved) and the synonyms."""

    def __init__(self, explicit: Mapping[str, str] | None = None) -> None:
        self.explicit = {header_key(k): v for k, v in (explicit or {}).items()}

    def field_for(self, text: Any) -> str | None:
        key = header_key(text)
        if not key:
            return None
        found = self.explicit.get(key) or _SYNONYM_KEYS.get(key)
        if found is None and isinstance(text, str) and "(" in text:
            # "อีเมล (ถ้ามี)", "เบอร์โทร (มือถือ)": the words in brackets are a remark.
            bare = header_key(_PARENS.sub("", text))
            found = self.explicit.get(bare) or _SYNONYM_KEYS.get(bare)
        return found


def signature(row: Sequence[Any]) -> str:
    """Fingerprint of a header row (the keys of its non-empty headers, our error column left out)."""
    skip = {header_key(ERROR_COLUMN), header_key("เหตุที่ไม่ผ่าน")}
    keys = [k for k in (header_key(c) for c in row) if k and k not in skip]
    return hashlib.sha256("\x1f".join(keys).encode("utf-8")).hexdigest()[:16]


def _score(row: Sequence[Any], mapper: Mapper) -> tuple[int, bool]:
    found = set()
    for cell in row:
        if isinstance(cell, str) and cell.strip():
            fld = mapper.field_for(cell)
            if fld and fld != IGNORE:
                found.add(fld)
    return len(found), bool(found & _NAME_FIELDS)


def detect(
    rows: Sequence[Sequence[Any]],
    mapper: Mapper,
    saved: Mapping[str, tuple[str, dict[str, str]]] | None = None,
    merged: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
    first_col: int = 0,
) -> Columns | None:
    """Find the header row among the first rows of a sheet and map its columns.

    ``saved`` maps a header signature to (mapping name, header key -> field). Returns None
    when no row looks like a header with a name column.
    """
    best: tuple[int, int] | None = None  # (score, index)
    for index, row in enumerate(rows):
        if saved:
            sig = signature(row)
            if sig in saved:
                name, mapping = saved[sig]
                cols = _map(rows, index, Mapper({**mapping, **mapper.explicit}), merged, first_col)
                cols.mapping_name = name
                return cols
        score, has_name = _score(row, mapper)
        if has_name and score >= 1 and (best is None or score > best[0]):
            best = (score, index)
    if best is None:
        return None
    return _map(rows, best[1], mapper, merged, first_col)


def _merged_span(
    merged: Sequence[tuple[tuple[int, int], tuple[int, int]]], row: int, col: int
) -> int:
    """How many columns the merged cell starting at (row, col) covers (1 when not merged)."""
    for (r0, c0), (r1, c1) in merged:
        if r0 <= row <= r1 and c0 == col:
            return c1 - c0 + 1
    return 1


def _map(
    rows: Sequence[Sequence[Any]],
    index: int,
    mapper: Mapper,
    merged: Sequence[tuple[tuple[int, int], tuple[int, int]]],
    first_col: int,
) -> Columns:
    header = list(rows[index])
    header_rows = [header]
    # A second header row under a group heading ("ที่อยู่" over หมู่ที่/ตำบล/อำเภอ/จังหวัด).
    below = list(rows[index + 1]) if index + 1 < len(rows) else []
    last = index
    if below:
        texts = [c for c in below if isinstance(c, str) and c.strip()]
        mapped = [c for c in texts if mapper.field_for(c) not in (None, IGNORE)]
        if mapped and len(mapped) * 2 >= len(texts):
            width = max(len(header), len(below))
            header = header + [""] * (width - len(header))
            for col, cell in enumerate(below):
                if not (isinstance(cell, str) and cell.strip()):
                    continue
                above = header[col]
                below_field = mapper.field_for(cell)
                if (
                    not (isinstance(above, str) and above.strip())
                    or mapper.field_for(above) in (None, IGNORE)
                    or below_field in ("prefix", "first_name", "last_name")
                ):
                    header[col] = cell
            header_rows.append(list(below))
            last = index + 1

    # A group heading row above this one ("ชื่อ - สกุล" over คำนำหน้า/ชื่อ/นามสกุล, "ที่อยู่" over
    # ตำบล/อำเภอ/จังหวัด) whose other cells are merged down over both rows (ตำแหน่ง, หน่วยงาน,
    # เบอร์โทรศัพท์): those columns are empty here and named only above.
    above = list(rows[index - 1]) if index > 0 else []
    from_above = {
        col: cell
        for col, cell in enumerate(above)
        if isinstance(cell, str)
        and cell.strip()
        and (col >= len(header) or header[col] is None or not str(header[col]).strip())
        and mapper.field_for(cell) not in (None, IGNORE)
    }
    if from_above:
        width = max(len(header), len(above))
        header = header + [""] * (width - len(header))
        for col, cell in from_above.items():
            header[col] = cell
        header_rows.insert(0, above)

    cols = Columns(header_index=last, fields={}, headers={}, header_rows=header_rows)
    taken: set[str] = set()
    for col, cell in enumerate(header):
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            continue
        text = (
            str(cell).strip()
            if not isinstance(cell, float)
            else str(int(cell))
            if cell.is_integer()
            else str(cell)
        )
        cols.headers[col] = text
        fld = mapper.field_for(cell)
        if fld == IGNORE:
            cols.ignored.append(col)
        elif fld is None or fld in taken:
            cols.unmapped.append(col)
        else:
            cols.fields[col] = fld
            taken.add(fld)
    # "ชื่อ - สกุล" merged over two or three columns: first/last, or prefix/first/last.
    name_col = cols.column_of("name")
    if name_col is not None and merged:
        span = _merged_span(merged, index, name_col + first_col)
        if span in (2, 3) and all(name_col + k not in cols.headers for k in range(1, span)):
            parts = (
                ("first_name", "last_name") if span == 2 else ("prefix", "first_name", "last_name")
            )
            del cols.fields[name_col]
            for k, part in enumerate(parts):
                cols.fields[name_col + k] = part
                cols.headers.setdefault(name_col + k, cols.headers[name_col])
            cols.split_name = tuple(name_col + k for k in range(span))
    cols.signature = signature(rows[index])
    return cols


# --- mapping files and saved mappings ----------------------------------------------------


def load_mapping_file(path: str) -> dict[str, str]:
    """Read a ``--mapping`` TOML file: ``"header as written" = "field"`` (optionally under [columns])."""
    import tomllib

    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise BadFile(f"ไม่พบไฟล์ mapping {p} (no such file)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BadFile(f"อ่านไฟล์ mapping {p} ไม่ได้ ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise BadFile(
            f"{p}: ไม่ใช่ TOML ที่ถูกต้อง ({exc})",
            hint='เขียนแบบ "ชื่อหัวคอลัมน์" = "province" (write lines such as "the column header" = "province")',
        ) from None
    except RecursionError:
        # Arrays or tables nested thousands deep: no mapping looks like that.
        raise BadFile(
            f"{p}: ซ้อนกันลึกเกินไป ไม่ใช่ไฟล์ mapping (nested too deeply: not a mapping file)",
            hint='เขียนแบบ "ชื่อหัวคอลัมน์" = "province" (write lines such as "the column header" = "province")',
        ) from None
    table = data.get("columns", data)
    if not isinstance(table, dict) or not table:
        raise BadFile(
            f"{p}: ไม่มีคู่ หัวคอลัมน์ = ช่อง (no header = field pairs)",
            hint='เช่น "ต." = "subdistrict" (for example "ต." = "subdistrict")',
        )
    out: dict[str, str] = {}
    allowed = set(MAPPABLE) | {IGNORE, "skip"}
    for header, fld in table.items():
        if not isinstance(fld, str) or fld.strip() not in allowed:
            import difflib

            close = difflib.get_close_matches(str(fld), sorted(allowed), n=1)
            raise ValidationError(
                f"{p}: '{header}' = '{fld}' ไม่ใช่ช่องที่รู้จัก (unknown field)",
                code="unknown-field",
                field="mapping",
                value=fld,
                suggestion=close[0] if close else None,
                hint=None if close else f"ช่องที่ใช้ได้: {', '.join(sorted(allowed))}",
            )
        out[str(header)] = IGNORE if fld.strip() == "skip" else fld.strip()
    return out


def saved_mappings(conn: sqlite3.Connection) -> dict[str, tuple[str, dict[str, str]]]:
    """signature -> (name, mapping) of every saved mapping (the newest wins on a shared signature)."""
    out: dict[str, tuple[str, dict[str, str]]] = {}
    for row in conn.execute(
        "SELECT name, signature, mapping FROM mappings ORDER BY updated_at, id"
    ):
        try:
            mapping = json.loads(row["mapping"])
        except ValueError:
            continue
        if isinstance(mapping, dict):
            out[row["signature"]] = (row["name"], mapping)
    return out


def save_mapping(conn: sqlite3.Connection, name: str, cols: Columns) -> None:
    """Store (or replace) a named mapping for this header row; call inside ``db.write``."""
    require_write(conn)
    from netcli.store.records import now_iso

    mapping = json.dumps(cols.effective_mapping(), ensure_ascii=False, sort_keys=True)
    conn.execute(
        "INSERT INTO mappings (name, signature, mapping) VALUES (?, ?, ?)"
        " ON CONFLICT (name) DO UPDATE SET signature = excluded.signature,"
        " mapping = excluded.mapping, updated_at = ?",
        (name, cols.signature, mapping, now_iso()),
    )
