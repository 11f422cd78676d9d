"""Small helpers shared by the record modules: time stamps, id lookups, JSON columns."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from netcli.errors import NotFound
from netcli.store.db import require_write
from netcli.store.limits import check_bounds
from netcli.thai.text import clean


@dataclass
class Prepared:
    """Validated record fields ready for the table, plus warnings for the person."""

    values: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


def clean_text(value: Any) -> str | None:
    """A cell or option value as clean text (None for empty); 12.0 from Excel reads as 12."""
    if value is None:
        return None
    if type(value) is not str:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        value = str(value)
    return clean(value) or None


def now_iso() -> str:
    """UTC time as the database stores it (the same form as the SQL default)."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def json_list(value: Any) -> str | None:
    """A list stored in a TEXT column as JSON (None for empty)."""
    if not value:
        return None
    return json.dumps(list(value), ensure_ascii=False)


def from_json_list(text: str | None) -> list[Any]:
    if not text:
        return []
    try:
        value = json.loads(text)
    except ValueError:
        return [text]
    return value if isinstance(value, list) else [value]


_MAX_ID = 2**63 - 1


def parse_id(ref: object) -> int | None:
    """A record id typed by a person (Thai digits allowed); None if it cannot be one.

    ``str.isdigit`` also accepts ² and ①, and SQLite overflows past 2**63-1: both would
    end in a traceback rather than "not found".
    """
    from netcli.thai.digits import to_arabic

    text = to_arabic(str(ref).strip())
    if not text.isascii() or not text.isdigit():
        return None
    value = int(text)
    return value if value <= _MAX_ID else None


def find_id(conn: sqlite3.Connection, table: str, ref: str | int, noun: str) -> int:
    """Resolve an integer id or a uid (or a unique uid prefix of 6+ characters) to an id."""
    text = str(ref).strip()
    number = parse_id(text)
    if number is not None:
        row = conn.execute(f"SELECT id FROM {table} WHERE id = ?", (number,)).fetchone()
        if row:
            return int(row[0])
    elif len(text) >= 6:
        rows = conn.execute(
            f"SELECT id FROM {table} WHERE uid >= ? AND uid < ? LIMIT 2",
            (text.lower(), text.lower() + "g"),
        ).fetchall()
        if len(rows) == 1:
            return int(rows[0][0])
    raise NotFound(
        f"ไม่พบ{noun} '{text}' (no such {table[:-1]})", hint=f"ดูรายการด้วย netcli {table[:-1]} list"
    )


# Migration 0012: a member's full_name and name_key are computed from the name parts
# (generated columns). A writer that names them (a prepared member, an older laptop's change
# log) has them written as the stored columns: whether the prefix is glued to the name
# (name_glued), and the text itself only where the parts do not give it (NULL otherwise).
DERIVED_NAMES = {"full_name": "full_name_written", "name_key": "name_key_written"}
_NAME_PARTS = ("prefix", "first_name", "last_name")


def stored_member_values(
    conn: sqlite3.Connection, values: dict[str, Any], row_id: int | None = None
) -> dict[str, Any]:
    """``values`` for the members table as it stores them: ``full_name`` becomes
    ``name_glued`` and ``full_name_written``, ``name_key`` becomes ``name_key_written`` (None
    when the parts give them). The parts not in ``values`` are those of row ``row_id``."""
    if not DERIVED_NAMES.keys() & values.keys():
        return values
    from netcli.thai.names import derived_full_name, derived_name_key

    if not _has_derived_names(conn):  # a file before migration 0012: stored as they are
        return values
    parts = {k: values[k] for k in _NAME_PARTS if k in values}
    if row_id is not None and len(parts) < len(_NAME_PARTS):
        row = conn.execute(
            "SELECT prefix, first_name, last_name FROM members WHERE id = ?", (row_id,)
        ).fetchone()
        if row is not None:
            parts = {**dict(zip(_NAME_PARTS, tuple(row), strict=True)), **parts}
    prefix, last = parts.get("prefix"), parts.get("last_name")
    first = parts.get("first_name") or ""
    out = {k: v for k, v in values.items() if k not in DERIVED_NAMES}
    if "full_name" in values:
        full = values["full_name"]
        glued = bool(prefix) and full == derived_full_name(prefix, first, last, glued=True)
        out["name_glued"] = 1 if glued else 0
        derived = derived_full_name(prefix, first, last, glued=glued)
        out["full_name_written"] = None if full == derived else full
    if "name_key" in values:
        key = values["name_key"]
        out["name_key_written"] = None if key == derived_name_key(first, last) else key
    return out


def full_name_sql(prefix: str, first_name: str, last_name: str, glued: str) -> str:
    """SQL of migration 0012's full name over these expressions (the formula of the generated
    column ``members.full_name``; ``thai.names.derived_full_name`` in Python)."""
    name = (
        f"{first_name} || CASE WHEN {last_name} IS NULL OR {last_name} = '' THEN ''"
        f" ELSE ' ' || {last_name} END"
    )
    return (
        f"CASE WHEN {prefix} IS NULL OR {prefix} = '' THEN {name}"
        f" WHEN {glued} THEN {prefix} || {name}"
        f" ELSE {prefix} || ' ' || {name} END"
    )


def name_key_sql(first_name: str, last_name: str) -> str:
    """SQL of migration 0012's name key (``thai.names.derived_name_key`` in Python)."""
    return f"{first_name} || coalesce({last_name}, '')"


def _has_derived_names(conn: sqlite3.Connection) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM pragma_table_info('members') WHERE name = 'full_name_written'"
        ).fetchone()
        is not None
    )


def update_row(conn: sqlite3.Connection, table: str, row_id: int, changes: dict[str, Any]) -> None:
    """UPDATE only the given columns, stamping updated_at (no-op for no changes)."""
    require_write(conn)
    if not changes:
        return
    if table == "members":
        changes = stored_member_values(conn, changes, row_id)
    check_bounds(changes)  # what a backup or a merge must take back (store.limits)
    changes = {**changes, "updated_at": now_iso()}
    cols = ", ".join(f"{k} = ?" for k in changes)
    conn.execute(f"UPDATE {table} SET {cols} WHERE id = ?", (*changes.values(), row_id))


def max_logged_row_sql(conn: sqlite3.Connection) -> str:
    """SQL for the highest row id the log holds of table ``?``: read in the entries' own
    index (one seek), not through the view, which joins every entry to its command's run."""
    from netcli.store.changelog import has_runs

    if has_runs(conn):
        return (
            "SELECT max(row_id) FROM change_entries"
            " WHERE table_id = (SELECT id FROM change_tables WHERE name = ?)"
        )
    return "SELECT max(row_id) FROM change_log WHERE table_name = ?"


def insert_row(conn: sqlite3.Connection, table: str, values: dict[str, Any]) -> int:
    """INSERT a record (inside ``db.write``); returns its id."""
    require_write(conn)
    if table == "members":
        values = stored_member_values(conn, values)
    check_bounds(values)  # what a backup or a merge must take back (store.limits)
    if "id" not in values:
        # Never reuse an id whose row was deleted (import undo, merge): the change log is
        # keyed by (table, id), so a new row would inherit that history.
        new_id = conn.execute(
            f"SELECT max(coalesce((SELECT max(id) FROM {table}), 0),"
            f" coalesce(({max_logged_row_sql(conn)}), 0)) + 1",
            (table,),
        ).fetchone()[0]
        values = {"id": int(new_id), **values}
    cols = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    cur = conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", tuple(values.values()))
    return int(cur.lastrowid)
