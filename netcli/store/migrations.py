"""Append-only SQL migrations, applied in order when the database opens.

Each ``migrations/NNNN_name.sql`` runs inside one transaction together with its row in
``_migrations`` (name and SHA-256), so a failing migration rolls back and stays pending.
An applied file whose checksum changed is an error: applied files are never edited.
A non-empty database is copied aside with the online backup API before migrating.

The change-log triggers are not written in the SQL files: they are generated from the
schema (``netcli.store.changelog``) in the transaction of the last migration applied, and
checked on every open (regenerated if a table's columns and its triggers disagree).
While a migration runs, ``_context`` names it, so its writes are logged like any other.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from netcli.errors import NetcliError
from netcli.resources import resource_dir

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    number: int
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode("utf-8")).hexdigest()


class MigrationError(NetcliError):
    """The database's migrations do not match the shipped ones, or one failed."""

    code = "migration-failed"


# The oldest SQLite the migrations run on: FTS5's trigram tokenizer (0010) needs 3.34, and
# ALTER TABLE … DROP COLUMN (0012) 3.35 (python.org's installers of Python 3.11 and later ship
# newer ones; a Python built against an older system library may not).
MIN_SQLITE = (3, 35, 0)


def require_sqlite(version: tuple[int, int, int]) -> None:
    """Refuse, before writing anything, to migrate with an SQLite older than ``MIN_SQLITE``."""
    if tuple(version) < MIN_SQLITE:
        have, need = ".".join(map(str, version)), ".".join(map(str, MIN_SQLITE))
        raise MigrationError(
            f"SQLite ของ Python เครื่องนี้เก่าเกินไป ({have}; ต้องการ {need} ขึ้นไป)"
            f" (this Python's SQLite {have} is too old: netcli needs {need} or later)",
            hint="ติดตั้ง Python 3.11 ขึ้นไปจาก python.org แล้วติดตั้ง netcli ใหม่"
            " (install Python 3.11+ from python.org, then install netcli again)",
        )


def load_migrations(folder: Path | None = None) -> list[Migration]:
    """The shipped migrations, in order."""
    folder = folder or resource_dir("migrations")
    found = []
    for path in sorted(folder.glob("*.sql")):
        m = _NAME.match(path.name)
        if m:
            found.append(Migration(int(m.group(1)), path.stem, path.read_text(encoding="utf-8")))
    numbers = [m.number for m in found]
    # Numbers are unique and start at 1. A gap is allowed: numbers are handed out to branches
    # developed in parallel (0006 and 0007 to one, 0008 to another), and a database that has
    # 0008 applies 0006 later when it arrives (pending() works by number, not by position).
    if len(set(numbers)) != len(numbers) or (numbers and numbers[0] != 1):
        raise MigrationError(f"migrations must be numbered uniquely from 1: {numbers}")
    return found


def _ensure_table(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS _migrations ("
        " number INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL,"
        " applied_at TEXT NOT NULL)"
    )


def applied(conn: sqlite3.Connection) -> dict[int, tuple[str, str]]:
    """number -> (name, checksum) of the migrations this database has."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='_migrations'"
    ).fetchone()
    if not exists:
        return {}
    return {
        n: (name, cs)
        for n, name, cs in conn.execute("SELECT number, name, checksum FROM _migrations")
    }


def pending(conn: sqlite3.Connection, migrations: list[Migration]) -> list[Migration]:
    """The migrations still to apply; raises if an applied one was edited or is unknown."""
    done = applied(conn)
    by_number = {m.number: m for m in migrations}
    for number, (name, checksum) in done.items():
        m = by_number.get(number)
        if m is None:
            raise MigrationError(
                f"the database has migration {name}, which this netcli does not know",
                hint="ใช้ netcli รุ่นที่ใหม่กว่า (use a newer netcli)",
            )
        if m.checksum != checksum:
            raise MigrationError(
                f"migration {name} was edited after it was applied (checksum differs)",
                hint="migrations are append-only: add a new file instead of editing an applied one",
            )
    return [m for m in migrations if m.number not in done]


def _has_user_data(conn: sqlite3.Connection) -> bool:
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    for t in tables:
        if conn.execute(f'SELECT 1 FROM "{t}" LIMIT 1').fetchone():
            return True
    return False


def backup_before_migrating(conn: sqlite3.Connection, db_path: Path) -> Path:
    """Copy the database aside with the online backup API; returns the copy's path.

    The copy is created readable by its owner only before a byte goes into it. Called while
    the migrating connection holds the write lock: the copy is read through a second
    connection (WAL lets it read), so that however many processes migrate at once, only the
    first makes a copy.
    """
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    dest = db_path.with_name(f"{db_path.name}.before-migration-{stamp}.bak")
    # Written under a temporary name and renamed when whole: a kill leaves no half copy
    # under the real name (the next start removes the partial one: store.copies).
    partial = db_path.with_name(f".{db_path.name}.before-migration-{stamp}.partial-{os.getpid()}")
    fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    try:
        source = sqlite3.connect(db_path)
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
            source.close()
        os.replace(partial, dest)
    except BaseException:
        partial.unlink(missing_ok=True)
        Path(f"{partial}-journal").unlink(missing_ok=True)
        raise
    return dest


def migrate(
    conn: sqlite3.Connection, db_path: Path | None, migrations: list[Migration] | None = None
) -> list[str]:
    """Apply every pending migration, each in its own IMMEDIATE transaction; returns their names."""
    from netcli.store.changelog import ensure_triggers, sync_triggers

    migrations = load_migrations() if migrations is None else migrations
    todo = pending(conn, migrations)
    if not todo:
        ensure_triggers(conn)
        return []
    require_sqlite(sqlite3.sqlite_version_info)
    copy_first = db_path is not None and str(db_path) != ":memory:"
    names = []
    synced = False
    for m in todo:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the lock.
            _ensure_table(conn)
            if m.number in applied(conn):
                conn.execute("COMMIT")
                continue
            if copy_first:
                # Under the write lock: one copy, by the first process that migrates.
                copy_first = False
                if _has_user_data(conn):
                    backup_before_migrating(conn, db_path)  # type: ignore[arg-type]
            run = _set_context(conn, f"migration {m.name}")
            _execute_script(conn, m.sql)
            _clear_context(conn, run)
            # Every step leaves the triggers its schema implies: a run killed between two
            # migrations leaves a whole version, triggers included (a later migration that
            # adds a logged table, such as 0009's member_distinct, needs them from there on).
            sync_triggers(conn)
            synced = True
            conn.execute(
                "INSERT INTO _migrations (number, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                (m.number, m.name, m.checksum, datetime.now(timezone.utc).isoformat()),
            )
            # The highest number applied (a migration that arrives late keeps it as it is).
            conn.execute(f"PRAGMA user_version = {max(applied(conn))}")
            conn.execute("COMMIT")
        except BaseException as exc:
            conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise MigrationError(
                    f"migration {m.name} failed and was rolled back: {exc}"
                ) from exc
            raise
        names.append(m.name)
    if not synced:  # another process applied the last one while we waited
        ensure_triggers(conn)
    return names


def _set_context(conn: sqlite3.Connection, command: str) -> int | None:
    """Name the migration in ``_context`` (from 0001 on) so that its writes are logged."""
    if conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='_context'"
    ).fetchone():
        from netcli.store.changelog import current_actor, open_run

        return open_run(conn, current_actor(), command)
    return None


def _clear_context(conn: sqlite3.Connection, run: int | None) -> None:
    """Empty ``_context`` after a migration."""
    if conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='_context'"
    ).fetchone():
        from netcli.store.changelog import close_run

        close_run(conn, run)


def _execute_script(conn: sqlite3.Connection, sql: str) -> None:
    """Run a script statement by statement inside the open transaction.

    ``executescript`` would COMMIT first, breaking the one-transaction rule.
    """
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statement = buffer.strip()
            buffer = ""
            if statement and not _only_comments(statement):
                conn.execute(statement)
    if buffer.strip() and not _only_comments(buffer):
        raise sqlite3.OperationalError(
            f"incomplete SQL statement at the end: {buffer.strip()[:60]}"
        )


def _only_comments(statement: str) -> bool:
    return all(not ln.strip() or ln.strip().startswith("--") for ln in statement.splitlines())
