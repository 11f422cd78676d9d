"""``db restore``: check a backup, keep the current database aside, put the backup in place."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from netcli.db import DatabaseError, backup, connect, integrity_problems


def restore(source: Path, target: Path) -> Path | None:
    """Restore ``source`` over ``target``; returns where the replaced database was kept."""
    source = Path(source)
    if not source.is_file():
        raise DatabaseError(f"ไม่พบไฟล์สำรอง {source} (no such backup file)")
    try:
        probe = sqlite3.connect(f"file:{source.resolve().as_posix()}?mode=ro", uri=True)
        try:
            problems = integrity_problems(probe)
            has_schema = probe.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='_migrations'"
            ).fetchone()
        finally:
            probe.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{source} is not a netcli database ({exc})") from None
    if problems:
        raise DatabaseError(f"{source} fails the integrity check: {problems[0]}")
    if not has_schema:
        raise DatabaseError(f"{source} is an SQLite file but not a netcli database")
    kept = None
    if target.exists():
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        current = connect(target, migrate=False)
        try:
            kept = backup(current, target.with_name(f"{target.name}.replaced-{stamp}.bak"))
        finally:
            current.close()
    src = sqlite3.connect(f"file:{source.resolve().as_posix()}?mode=ro", uri=True)
    dst = connect(target, migrate=False)
    try:
        src.backup(dst)  # page by page, under the destination's lock: readers never see a mix
    finally:
        src.close()
        dst.close()
    check = connect(target)  # migrates an older backup forward
    check.close()
    return kept
