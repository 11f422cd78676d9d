"""``db restore``: check a backup, keep the current database aside, put the backup in place.

The backup is checked and brought to the current schema in a scratch file first, so the
live database is only replaced by something this netcli can open. A live database that is
itself damaged (the usual reason to restore) is moved aside rather than copied.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from netcli.store.db import (
    DatabaseError,
    backup,
    connect,
    integrity_problems,
    mark_done,
    read_only_uri,
)

# Problems of single rows (a value a constraint refuses): the caller's row check names them.
ROW_LEVEL = ("CHECK constraint failed", "NOT NULL constraint failed")


def _check_backup(source: Path, *, rows_checked: bool = False) -> None:
    from netcli.store.migrations import MigrationError, load_migrations, pending

    try:
        probe = sqlite3.connect(read_only_uri(source), uri=True)
        try:
            problems = integrity_problems(probe)
            has_schema = probe.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='_migrations'"
            ).fetchone()
            if has_schema:
                pending(probe, load_migrations())
        finally:
            probe.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{source} ไม่ใช่ฐานข้อมูล netcli (not a netcli database: {exc})") from None
    except MigrationError as exc:
        raise DatabaseError(
            f"กู้คืนจาก {source} ไม่ได้: {exc.message} (cannot be restored)", hint=exc.hint
        ) from None
    if rows_checked:
        problems = [p for p in problems if not p.startswith(ROW_LEVEL)]
    if problems:
        raise DatabaseError(
            f"{source} ไม่ผ่านการตรวจความสมบูรณ์: {problems[0]} (fails the integrity check)"
        )
    if not has_schema:
        raise DatabaseError(
            f"{source} เป็นไฟล์ SQLite แต่ไม่ใช่ฐานข้อมูล netcli (an SQLite file, not a netcli database)"
        )


SQLITE_MAGIC = b"SQLite format 3\x00"


def _check_target(target: Path) -> None:
    """Refuse to replace a file that is not a netcli database (a roster given as ``--db``).

    A damaged netcli database (the usual reason to restore) is replaced, kept aside; a text
    file (a CSV roster), a zip (a workbook, a bundle) or another program's SQLite file is
    left alone.
    """
    if not target.exists() or target.stat().st_size == 0:
        return
    with open(target, "rb") as f:
        head = f.read(8192)
    if head.startswith(b"PK\x03\x04") or _is_text(head):
        raise DatabaseError(
            f"{target} ไม่ใช่ฐานข้อมูล netcli: ไม่แทนที่ไฟล์นี้ (not a database; left untouched)",
            hint="ตรวจชื่อไฟล์ใน --db (check the --db path)",
        )
    if not head.startswith(SQLITE_MAGIC):
        return  # no header left: damaged, not something else
    try:
        probe = sqlite3.connect(read_only_uri(target), uri=True)
        try:
            tables = {r[0] for r in probe.execute("SELECT name FROM sqlite_master")}
        finally:
            probe.close()
    except sqlite3.DatabaseError:
        return  # damaged beyond reading its schema: a netcli file to restore over
    if tables and "_migrations" not in tables:
        raise DatabaseError(
            f"{target} เป็นไฟล์ SQLite ของโปรแกรมอื่น ไม่ใช่ของ netcli: ไม่แทนที่"
            " (another program's SQLite file; left untouched)",
            hint="ตรวจชื่อไฟล์ใน --db (check the --db path)",
        )


def _is_text(head: bytes) -> bool:
    """Text in UTF-8 or the Thai Windows code page, with no NUL bytes (SQLite pages have them)."""
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "cp874"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError as exc:
            if encoding == "utf-8" and exc.start >= len(head) - 3:
                return True  # a character cut at the end of the sample
    return False


def _remove(path: Path) -> None:
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        try:
            p.unlink()
        except FileNotFoundError:
            pass


def restore(
    source: Path, target: Path, *, check: Callable[[sqlite3.Connection], None] | None = None
) -> Path | None:
    """Restore ``source`` over ``target``; returns where the replaced database was kept.

    ``check`` is called on the migrated scratch copy before anything is replaced: it raises
    to refuse the backup (``db restore`` checks every row's values with it).
    """
    from netcli.store.migrations import migrate

    source = Path(source)
    if not source.is_file():
        raise DatabaseError(f"ไม่พบไฟล์สำรอง {source} (no such backup file)")
    _check_target(Path(target))
    _check_backup(source, rows_checked=check is not None)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    # Named with this process's id: after a kill, the next start removes it (store.copies).
    scratch = target.with_name(f"{target.name}.restoring-{stamp}-{os.getpid()}")
    try:
        src = sqlite3.connect(read_only_uri(source), uri=True)
        work = connect(scratch, migrate=False)
        try:
            src.backup(work)
            migrate(work, None)  # an older backup comes forward here, not in the live file
            if check is not None:
                check(work)
                problems = integrity_problems(work)
                if problems:
                    raise DatabaseError(
                        f"{source} ไม่ผ่านการตรวจความสมบูรณ์: {problems[0]} (fails the integrity check)"
                    )
        except BaseException:
            work.close()
            raise
        finally:
            src.close()
        kept = _set_aside(target, stamp)
        dst = connect(target, migrate=False)
        try:
            work.backup(dst)  # page by page, under the destination's lock
            mark_done(
                f"กู้คืนฐานข้อมูลจาก {source.name} แล้ว ฉบับเดิมเก็บไว้ที่"
                f" {kept.name if kept else '-'} (database restored)"
            )
        finally:
            dst.close()
            work.close()
    finally:
        _remove(scratch)
    connect(target).close()
    return kept


def _set_aside(target: Path, stamp: str) -> Path | None:
    """Keep the database being replaced: an online copy, or the files moved if it is damaged."""
    if not target.exists():
        return None
    aside = target.with_name(f"{target.name}.replaced-{stamp}.bak")
    try:
        current = connect(target, migrate=False)
    except DatabaseError:
        current = None
    if current is not None:
        try:
            return backup(current, aside)
        finally:
            current.close()
    os.replace(target, aside)
    for suffix in ("-wal", "-shm"):
        extra = Path(f"{target}{suffix}")
        if extra.exists():
            os.replace(extra, Path(f"{aside}{suffix}"))
    return aside
