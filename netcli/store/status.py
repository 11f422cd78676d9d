"""What ``db status`` reports: schema version, counts, file."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from netcli.store.migrations import applied, load_migrations

COUNTED = (
    ("members", "deleted_at IS NULL"),
    ("networks", "deleted_at IS NULL"),
    ("memberships", None),
    ("meetings", "deleted_at IS NULL"),
    ("meeting_days", None),
    ("attendance", None),
    ("outcomes", None),
    ("actions", None),
    ("imports", None),
    ("change_log", None),
)
# Counted in the table that holds them: the view ``change_log`` (migration 0012) would join
# every entry to its run only to count it.
_COUNTED_IN = {"change_log": "change_entries"}


def status(conn: sqlite3.Connection, path: Path) -> dict[str, Any]:
    done = applied(conn)
    shipped = load_migrations()
    counts = {}
    for table, where in COUNTED:
        source = _COUNTED_IN.get(table, table)
        if (
            source != table
            and not conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (source,)
            ).fetchone()
        ):
            source = table
        sql = f"SELECT count(*) FROM {source}" + (f" WHERE {where}" if where else "")
        counts[table] = conn.execute(sql).fetchone()[0]
    size = sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
    return {
        "path": str(path),
        "schema_version": max(done) if done else 0,
        "latest_version": shipped[-1].number if shipped else 0,
        "migrations": [name for _, (name, _) in sorted(done.items())],
        "pending": [m.name for m in shipped if m.number not in done],
        "counts": counts,
        "size_bytes": size,
        "journal_mode": conn.execute("PRAGMA journal_mode").fetchone()[0],
    }
