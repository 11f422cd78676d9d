"""``member add --from``: many members from NDJSON or CSV in one transaction."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from typing import Any

from netcli.errors import BadFile, Duplicate, NetcliError, RowError
from netcli.files.textfile import decode, read_bytes
from netcli.networks import records as networks
from netcli.people import members
from netcli.store import db

_MASKED_ID = re.compile(r"^x-xxxx-xxxxx-\d\d-\d$")
# CSV headers people write for the JSON field names.
_ALIASES = {
    "full_name": "name",
    "line": "line_id",
    "org": "organization",
    "note": "notes",
    "joined": "joined_on",
}


def _field(header: str) -> str | None:
    """The field a CSV header names: a field name, a short alias, or a Thai or English header
    ``import`` knows (ชื่อ-สกุล, จังหวัด, เบอร์โทร …); None for a column to leave out (ลำดับ,
    ลายมือชื่อ). Anything else stays as written, and the row says it is an unknown field."""
    text = header.strip()
    if text in members.INPUT_FIELDS:
        return text
    if text in _ALIASES:
        return _ALIASES[text]
    from netcli.importer.headers import IGNORE, Mapper

    found = Mapper().field_for(text)
    if found == IGNORE:
        return None
    return found or text


def _records(text: str, name: str) -> tuple[list[tuple[int, dict[str, Any]]], dict[str, str]]:
    """(line number, fields) of every record, and for CSV the header as written of each field
    (NDJSON has no columns: an empty dict)."""
    stripped = text.lstrip()
    if not stripped:
        return [], {}
    if stripped.startswith("{"):
        out = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except ValueError as exc:
                raise BadFile(
                    f"{name} บรรทัด {number}: ไม่ใช่ JSON (line {number}: not JSON, {exc.msg})"
                ) from None
            if not isinstance(value, dict):
                raise BadFile(
                    f"{name} บรรทัด {number}: ต้องเป็นออบเจกต์ JSON บรรทัดละหนึ่งคน"
                    f" (line {number}: expected a JSON object per line)"
                )
            out.append((number, value))
        return out, {}
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    out = []
    headers: dict[str, str] = {}
    try:
        keys = {h: _field(h) for h in reader.fieldnames or [] if h is not None}
        for header, key in keys.items():
            if key is not None:
                headers.setdefault(key, header)
        for row in reader:
            clean = {
                keys[k]: v
                for k, v in row.items()
                if k is not None and keys.get(k) is not None and v not in (None, "")
            }
            out.append((reader.line_num, clean))
    except csv.Error as exc:  # e.g. a field over the csv module's 128 KB limit
        raise BadFile(
            f"{name} บรรทัด {reader.line_num}: อ่านแถว CSV ไม่ได้"
            f" (line {reader.line_num}: not a readable CSV row, {exc})"
        ) from None
    return out, headers


def _warning(file: str, row: int, column: str | None, value: Any, message: str) -> dict[str, Any]:
    """A warning in the shape ``import`` reports warnings in."""
    return {
        "file": file, "sheet": None, "row": row, "column": column, "value": value,
        "message": message,
    }  # fmt: skip


def add_from_file(
    conn: sqlite3.Connection,
    source: str,
    *,
    allow_duplicate: bool = False,
    network_names: list[str] | None = None,
) -> dict[str, Any]:
    """Add every valid row; return a report (file, rows, inserted, duplicates, rejected, ids,
    errors, warnings). ``errors`` are RowError dicts, as ``import`` reports them; a probable
    duplicate is one too (code ``duplicate-member``) but is counted in ``duplicates``."""
    data, name = read_bytes(source)
    rows, headers = _records(decode(data, name), name)
    report: dict[str, Any] = {
        "file": name,
        "rows": len(rows),
        "inserted": 0,
        "duplicates": 0,
        "rejected": 0,
        "ids": [],
        "errors": [],
        "warnings": [],
    }
    with db.write(conn, "member add --from"):
        net_ids = [networks.network_id(conn, n) for n in network_names or []]
        for number, raw in rows:
            raw = {
                _ALIASES.get(k, k): v
                for k, v in raw.items()
                if k
                not in (
                    "id",
                    "uid",
                    "networks",
                    "created_at",
                    "updated_at",
                    "province_code",
                    "district_code",
                    "subdistrict_code",
                )
            }
            orgs = raw.pop("organizations", None)
            orgs = [o for o in (orgs if isinstance(orgs, list) else [orgs]) if o] if orgs else []
            if orgs and not raw.get("organization"):
                raw["organization"] = orgs[0]
            masked = raw.get("national_id")
            if isinstance(masked, str) and _MASKED_ID.match(masked.strip()):
                # A list exported with masked IDs: the digits are not there to keep.
                raw.pop("national_id")
                report["warnings"].append(
                    _warning(
                        name, number, headers.get("national_id"), masked,
                        "national_id was masked in the file; not kept",
                    )
                )  # fmt: skip
            try:
                prepared = members.prepare(raw)
                mid = members.add(
                    conn, prepared, allow_duplicate=allow_duplicate, source=f"{name}:{number}"
                )
            except NetcliError as exc:
                kind = "duplicates" if isinstance(exc, Duplicate) else "rejected"
                report[kind] += 1
                column = headers.get(exc.field) if exc.field else None
                report["errors"].append(
                    RowError.of(exc, file=name, row=number, column=column).as_dict()
                )
                continue
            for w in prepared.warnings:
                report["warnings"].append(_warning(name, number, None, None, w))
            from netcli.people.organizations import set_member_organizations

            set_member_organizations(conn, mid, [raw.get("organization"), *orgs])
            for nid in net_ids:
                networks.join(conn, nid, mid)
            report["inserted"] += 1
            report["ids"].append(mid)
    return report
