"""Checking what another file holds before it is copied in (``merge``, ``db restore``).

A ``.db`` or bundle from another laptop, or a backup, passes SQLite's integrity check and
still may hold values no netcli command writes: a meeting date that is not a date, a budget
stored as text, a JSON object where a list belongs, a BLOB in a name, text that is not
UTF-8. Copied in, one such value stops ``summary``, ``meeting list``, the workbooks… So every
row of every record table is checked here with the rules typed input follows (dates,
numbers, JSON lists, text, places, phones, national IDs, the fixed lists of kinds, levels,
sectors and roles), and the change log's entries for the form a merge reads.

The values are read as bytes with their SQLite type (``typeof``), so that text that is
not UTF-8 is reported rather than raised while reading.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from netcli.store.changelog import LOGGED_TABLES
from netcli.store.limits import (  # the same bounds a command keeps to
    COUNTS,
    DATES,
    LEAST,
    MAX_SHORT,
    MAX_TEXT,
    MAX_YEAR,
    MIN_YEAR,
    MONEY,
    SHORT,
)

STAMPS = frozenset({"created_at", "updated_at", "deleted_at", "purged_at", "consent_at"})
JSON_LISTS = frozenset({"issue_areas", "organizers", "co_organizers", "speakers"})
FLAGS = frozenset({"date_approximate", "participants_at_least", "as_of_approximate"})
MAX_ID = 2**53
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAK = re.compile("[\t\n\r]")
_UID = re.compile(r"[0-9A-Za-z_-]{1,64}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
_MIN_YEAR, _MAX_YEAR = MIN_YEAR, MAX_YEAR
MAX_LISTED = 500


@dataclass
class Problem:
    """One value that no netcli command would write."""

    table: str
    uid: str | None
    row_id: int | None
    field: str
    value: Any
    why: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _shown(value: Any) -> Any:
    """A value fit for a report: BLOBs and long texts shortened, never the whole thing."""
    if isinstance(value, bytes):
        return f"<BLOB {len(value)} bytes>"
    if isinstance(value, str):
        text = value if len(value) <= 80 else value[:80] + f"… ({len(value):,} ตัวอักษร)"
        return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return value


def _enums() -> dict[tuple[str, str], tuple[str, ...]]:
    from netcli.meetings.records import KINDS as MEETING_KINDS
    from netcli.meetings.records import ROLES
    from netcli.networks.records import LEVELS
    from netcli.people.members import SECTORS
    from netcli.people.organizations import KINDS as ORG_KINDS
    from netcli.thai.partial_dates import PRECISIONS

    return {
        ("meetings", "kind"): MEETING_KINDS,
        ("organizations", "kind"): ORG_KINDS,
        ("networks", "level"): LEVELS,
        ("members", "sector"): SECTORS,
        ("attendance", "role"): ROLES,
        ("meetings", "date_precision"): PRECISIONS,
        ("organization_figures", "as_of_precision"): PRECISIONS,
    }


def _decode(kind: str, raw: Any) -> tuple[Any, str | None]:
    """The value as Python, or why it cannot be read (text that is not UTF-8)."""
    if kind == "null":
        return None, None
    if kind == "blob":
        return bytes(raw), None
    text = bytes(raw)
    try:
        decoded = text.decode("utf-8")
    except UnicodeDecodeError:
        return text, "ข้อความไม่ใช่ UTF-8 (text that is not UTF-8)"
    if kind == "integer":
        return int(decoded), None
    if kind == "real":
        return float(decoded), None
    return decoded, None


def _check_date(value: str) -> str | None:
    if not _DATE.fullmatch(value):
        return "ไม่ใช่วันที่แบบ YYYY-MM-DD (not an ISO date)"
    try:
        d = date.fromisoformat(value)
    except ValueError:
        return "ไม่มีวันนี้ในปฏิทิน (no such day)"
    if not _MIN_YEAR <= d.year <= _MAX_YEAR:
        return f"ปีอยู่นอกช่วง ค.ศ. {_MIN_YEAR}–{_MAX_YEAR} (year out of range)"
    return None


def _check_stamp(value: str) -> str | None:
    try:
        d = datetime.fromisoformat(value)
    except ValueError:
        return "ไม่ใช่เวลาแบบ ISO 8601 (not an ISO time stamp)"
    if not _MIN_YEAR <= d.year <= _MAX_YEAR:
        return f"ปีอยู่นอกช่วง ค.ศ. {_MIN_YEAR}–{_MAX_YEAR} (year out of range)"
    return None


def _check_text(field: str, value: str) -> str | None:
    # (Text decoded as strict UTF-8 holds no lone surrogates: nothing to look for there.)
    if _CONTROL.search(value):
        if "\x00" in value:
            return "มีอักขระ NUL (a NUL byte)"
        return "มีอักขระควบคุม (a control character)"
    if field in SHORT:
        if _LINE_BREAK.search(value):
            return "มีการขึ้นบรรทัดใหม่ในช่องบรรทัดเดียว (a line break in a one-line field)"
        if len(value) > MAX_SHORT:
            return f"ยาวเกิน {MAX_SHORT:,} ตัวอักษร (too long)"
    elif len(value) > MAX_TEXT:
        return f"ยาวเกิน {MAX_TEXT:,} ตัวอักษร (too long for a cell)"
    return None


def _check_value(
    table: str, field: str, decl: str, value: Any, enums: dict[tuple[str, str], tuple[str, ...]]
) -> str | None:
    if value is None:
        return None
    integer = decl.upper().startswith("INT")
    if isinstance(value, bytes):
        return "เป็นข้อมูลไบนารี (a BLOB, not a value)"
    if integer:
        if not isinstance(value, int):
            return f"ต้องเป็นจำนวนเต็ม (not a whole number: {type(value).__name__})"
        if field == "id" or field.endswith("_id") or field in ("member_a", "member_b"):
            return None if 1 <= value <= MAX_ID else "รหัสนอกช่วง (an id out of range)"
        if field in FLAGS:
            return None if value in (0, 1) else "ต้องเป็น 0 หรือ 1 (not a yes/no flag)"
        limit = COUNTS.get(field) or MONEY.get(field) or MAX_ID
        if value < LEAST.get(field, 0):
            return "ติดลบ (negative)"
        if value > limit:
            return f"มากเกินไป (over {limit:,})"
        return None
    if not isinstance(value, str):
        return f"ต้องเป็นข้อความ (not text: {type(value).__name__})"
    problem = _check_text(field, value)
    if problem:
        return problem
    if field in ("uid", "alias_uid"):
        return None if _UID.fullmatch(value) else "uid ผิดรูปแบบ (not a uid)"
    if field in DATES:
        if field == "joined_on" and re.fullmatch(r"\d{4}(-\d{2})?", value):
            # Known to the year or month only ("2024", "2024-06"): people.members keeps it so.
            value = (value + "-01-01")[:10] if len(value) == 4 else value + "-01"
        return _check_date(value)
    if field in STAMPS:
        return _check_stamp(value)
    if field in JSON_LISTS:
        try:
            items = json.loads(value)
        except ValueError:
            return "ไม่ใช่ JSON (not JSON)"
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            return "ต้องเป็นรายการข้อความ JSON (not a JSON list of texts)"
        return None
    if field in ("start_time", "end_time") and table == "meeting_minutes":
        return None if _TIME.fullmatch(value) else "ไม่ใช่เวลา HH:MM (not a time of day)"
    allowed = enums.get((table, field))
    if allowed is not None and value not in allowed:
        return f"ไม่อยู่ในรายการที่ใช้ได้ ({', '.join(allowed)}) (not one of the allowed values)"
    if field == "phone":
        from netcli.errors import ValidationError
        from netcli.thai.phones import normalize_phone

        try:
            ok = normalize_phone(value) == value
        except ValidationError:
            ok = False
        return None if ok else "ไม่ใช่เบอร์โทรไทยในรูปที่เก็บ (not a stored Thai phone number)"
    if field == "national_id":
        from netcli.thai.national_id import is_valid_national_id

        ok = value.isascii() and value.isdigit() and is_valid_national_id(value)
        return None if ok else "เลขประจำตัวประชาชนไม่ถูกต้อง (not a valid national ID)"
    if field == "email" and ("@" not in value or " " in value):
        return "ไม่ใช่อีเมล (not an e-mail address)"
    return None


def _check_row(table: str, row: dict[str, Any]) -> tuple[str, str] | None:
    """Rules across fields of one row: date ranges and places."""
    for start, end in (("start_date", "end_date"), ("as_of", "as_of_end")):
        if row.get(start) and row.get(end) and row[start] > row[end]:
            return end, "วันสิ้นสุดอยู่ก่อนวันเริ่ม (ends before it starts)"
    if "province_code" in row:
        from netcli.thai.places import CODE_ONLY, stored_place_problem

        return stored_place_problem(
            # A region's provinces are codes alone: only the code is checked there.
            row["province"] if "province" in row else CODE_ONLY,
            row.get("province_code"),
            row.get("district"),
            row.get("district_code"),
            row.get("subdistrict"),
            row.get("subdistrict_code"),
        )
    return None


def _table_exists(conn: sqlite3.Connection, schema: str, table: str) -> bool:
    return (
        conn.execute(
            f"SELECT 1 FROM {schema}.sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
        is not None
    )


def check_table(conn: sqlite3.Connection, schema: str, table: str) -> list[Problem]:
    """Every value of ``schema.table`` that no netcli command would write (a row's first)."""
    cols = [(r[1], r[2] or "") for r in conn.execute(f'PRAGMA {schema}.table_info("{table}")')]
    if not cols:
        return []
    names = [c for c, _ in cols]
    select = ", ".join(f'typeof("{c}"), CAST("{c}" AS BLOB)' for c in names)
    enums = _enums()
    special = {"uid", "alias_uid", "phone", "national_id", "email", "start_time", "end_time"}
    special |= DATES | STAMPS | JSON_LISTS | {f for t, f in enums if t == table}
    # Text columns with no rule of their own: only the text rules (the bulk of the values).
    plain = [decl.upper().startswith("TEXT") and name not in special for name, decl in cols]
    problems: list[Problem] = []
    cur = conn.execute(f'SELECT rowid, {select} FROM {schema}."{table}"')
    while batch := cur.fetchmany(1000):
        for raw in batch:
            row: dict[str, Any] = {}
            found: Problem | None = None
            for i, (name, decl) in enumerate(cols):
                kind, data = raw[1 + 2 * i], raw[2 + 2 * i]
                if kind == "null":
                    row[name] = None
                    continue
                if kind == "text" and plain[i]:
                    try:
                        value = data.decode("utf-8")
                    except UnicodeDecodeError:
                        value, why = data, "ข้อความไม่ใช่ UTF-8 (text that is not UTF-8)"
                    else:
                        why = _check_text(name, value)
                else:
                    value, why = _decode(kind, data)
                    why = why or _check_value(table, name, decl, value, enums)
                row[name] = value
                if why and found is None:
                    found = Problem(table, None, None, name, _shown(value), why)
            if found is None:
                across = _check_row(table, row)
                if across:
                    field, why = across
                    found = Problem(table, None, None, field, _shown(row.get(field)), why)
            if found is not None:
                uid = row.get("uid", row.get("alias_uid"))
                found.uid = uid if isinstance(uid, str) else None
                found.row_id = raw[0]
                problems.append(found)
    return problems


def check_change_log(conn: sqlite3.Connection, schema: str) -> list[Problem]:
    """Change-log entries a merge cannot read: text that is not UTF-8, JSON that is not an
    object, an unknown operation or time stamp."""
    problems = []
    cur = conn.execute(
        "SELECT id, typeof(at), CAST(at AS BLOB), typeof(actor), CAST(actor AS BLOB),"
        " typeof(command), CAST(command AS BLOB), typeof(table_name), CAST(table_name AS BLOB),"
        " typeof(row_uid), CAST(row_uid AS BLOB), typeof(op), CAST(op AS BLOB),"
        " typeof(before), CAST(before AS BLOB), typeof(after), CAST(after AS BLOB),"
        f" typeof(row_id), typeof(batch_id) FROM {schema}.change_log"
    )
    fields = ("at", "actor", "command", "table_name", "row_uid", "op", "before", "after")
    while batch := cur.fetchmany(5000):
        for raw in batch:
            entry: dict[str, Any] = {}
            why = None
            field = ""
            for i, name in enumerate(fields):
                value, bad = _decode(raw[1 + 2 * i], raw[2 + 2 * i])
                entry[name] = value
                if why is None and (bad or isinstance(value, bytes)):
                    why, field = bad or "เป็นข้อมูลไบนารี (a BLOB)", name
            if why is None and (raw[17] != "integer" or raw[18] not in ("integer", "null")):
                why, field = "ต้องเป็นจำนวนเต็ม (not a whole number)", "row_id"
            if why is None:
                if not isinstance(entry["at"], str) or _check_stamp(entry["at"]):
                    why, field = "ไม่ใช่เวลาแบบ ISO 8601 (not an ISO time stamp)", "at"
                elif entry["op"] not in ("insert", "update", "delete", "purge"):
                    why, field = "ไม่รู้จักการกระทำนี้ (unknown operation)", "op"
                else:
                    for name in ("before", "after"):
                        text = entry[name]
                        if text is None:
                            continue
                        try:
                            ok = isinstance(json.loads(text), dict)
                        except (ValueError, TypeError, RecursionError):
                            ok = False
                        if not ok:
                            why, field = "ต้องเป็น JSON object (not a JSON object)", name
                            break
            if why is not None:
                problems.append(
                    Problem("change_log", None, raw[0], field, _shown(entry.get(field)), why)
                )
    return problems


def check_database(conn: sqlite3.Connection, schema: str = "main") -> list[Problem]:
    """Every problem of every record table and of the change log in ``schema``."""
    problems: list[Problem] = []
    for table in LOGGED_TABLES:
        if _table_exists(conn, schema, table):
            problems.extend(check_table(conn, schema, table))
    if _table_exists(conn, schema, "member_aliases"):  # read by a merge
        problems.extend(check_table(conn, schema, "member_aliases"))
    problems.extend(check_change_log(conn, schema))
    return problems


def describe(problem: Problem) -> str:
    """One line: table, uid, field, value, why."""
    who = problem.uid or (f"#{problem.row_id}" if problem.row_id is not None else "?")
    return f"{problem.table} {who} ช่อง {problem.field} = {problem.value!r}: {problem.why}"


def refuse_bad_values(conn: sqlite3.Connection) -> None:
    """Raise BadFile naming the first problem (and how many) when ``conn`` holds any."""
    from netcli.errors import BadFile

    problems = check_database(conn, "main")
    if problems:
        more = (
            f" และอีก {len(problems) - 1:,} แถว (and {len(problems) - 1:,} more)"
            if len(problems) > 1
            else ""
        )
        raise BadFile(
            f"ไฟล์สำรองมีค่าที่ netcli ไม่เขียน ไม่กู้คืน (the backup holds values no netcli"
            f" command writes; not restored): {describe(problems[0])}{more}",
            code="bad-database",
        )
