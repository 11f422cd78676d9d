"""Migrations, tested four ways as simonw/llm does: blank, upgrade with rows, failure, edit."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from netcli.resources import resource_dir
from netcli.store.changelog import LOGGED_TABLES, sync_triggers
from netcli.store.db import connect, write
from netcli.store.migrations import MigrationError, load_migrations, migrate

from .conftest import assert_clean_error

EXPECTED_TABLES = {
    "_context",
    "_migrations",
    "change_runs",
    "change_entries",
    "members",
    "networks",
    "memberships",
    "meetings",
    "meeting_days",
    "attendance",
    "outcomes",
    "actions",
    "regions",
    "imports",
    "import_rows",
    "mappings",
    "meeting_minutes",
    "agenda_items",
    "absences",
}
MEMBER_COLUMNS = [
    "id",
    "uid",
    "prefix",
    "first_name",
    "last_name",
    "role",
    "organization",
    "sector",
    "issue_areas",
    "village",
    "subdistrict",
    "subdistrict_code",
    "district",
    "district_code",
    "province",
    "province_code",
    "phone",
    "email",
    "line_id",
    "national_id",
    "joined_on",
    "consent_at",
    "consent_purpose",
    "notes",
    "source",
    "deleted_at",
    "purged_at",
    "created_at",
    "updated_at",
    # 0012: whether the prefix is glued to the name; the written name and name key where the
    # parts do not give them
    "name_glued",
    "full_name_written",
    "name_key_written",
]
# 0012: computed from the parts by SQLite (generated columns, PRAGMA table_xinfo), not stored
GENERATED_MEMBER_COLUMNS = ["full_name", "name_key"]


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _schema(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return sorted(
        (r[0], r[1])
        for r in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name != '_migrations'"
        )
    )


def test_blank_database_reaches_the_exact_schema(db_path: Path) -> None:
    conn = connect(db_path)
    shipped = load_migrations()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == shipped[-1].number
    assert EXPECTED_TABLES <= _tables(conn)
    # Migration 0012: the log's readers read a view of its entries and their commands' runs.
    kind = conn.execute("SELECT type FROM sqlite_master WHERE name = 'change_log'").fetchone()
    assert kind[0] == "view"
    assert [r[1] for r in conn.execute("PRAGMA table_info(members)")][
        : len(MEMBER_COLUMNS)
    ] == MEMBER_COLUMNS
    generated = [r[1] for r in conn.execute("PRAGMA table_xinfo(members)") if r[6] == 2]
    assert generated == GENERATED_MEMBER_COLUMNS
    rows = conn.execute("SELECT number, name, checksum FROM _migrations ORDER BY number").fetchall()
    assert [(r[0], r[1], r[2]) for r in rows] == [(m.number, m.name, m.checksum) for m in shipped]
    # The migrated schema is exactly what the SQL files say plus the change-log triggers
    # built from it, nothing more or less.
    reference = sqlite3.connect(":memory:", isolation_level=None)
    for m in shipped:
        reference.executescript(m.sql)
        sync_triggers(reference)  # as the runner does after each migration
    assert _schema(conn) == _schema(reference)
    triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert triggers == {
        f"{t}_log_{op}" for t in LOGGED_TABLES for op in ("insert", "update", "delete")
    } | {f"members_search_{op}" for op in ("insert", "update", "delete")} | {  # 0010's index
        # 0012: the run of a command, and writing through the change_log view
        "_context_run",
        *(f"change_log_{op}" for op in ("insert", "update", "delete")),
    }
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 30_000


def test_migrations_ship_in_the_package_folder() -> None:
    folder = resource_dir("migrations")
    assert (folder / "0001_initial.sql").is_file()


def _folder_with(tmp_path: Path, extra: dict[str, str]) -> Path:
    folder = tmp_path / "migrations"
    shutil.copytree(resource_dir("migrations"), folder)
    for name, sql in extra.items():
        (folder / name).write_text(sql, encoding="utf-8")
    return folder


def test_older_database_with_rows_upgrades_and_keeps_them(
    tmp_path: Path, db_path: Path, cli
) -> None:
    # A database at migration 0001 only, with a member in it.
    conn = sqlite3.connect(db_path, isolation_level=None)
    migrate(conn, db_path, load_migrations()[:1])
    with write(conn, "test"):
        conn.execute(
            "INSERT INTO members (first_name, full_name, name_key, province) VALUES ('ประกิจ', 'นายประกิจ เสาร์แก้ว', 'k', 'เชียงใหม่')"
        )
    conn.close()
    # Any command upgrades it to the shipped schema and keeps the row.
    run = cli("member", "list", "-f", "json")
    assert run.exit_code == 0, run.stderr
    assert [m["full_name"] for m in run.json()] == ["นายประกิจ เสาร์แก้ว"]
    conn = sqlite3.connect(db_path, isolation_level=None)
    shipped = load_migrations()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == shipped[-1].number
    # A non-empty database is copied aside (online backup) before migrating.
    backups = list(db_path.parent.glob(f"{db_path.name}.before-migration-*.bak"))
    if len(shipped) > 1:
        assert backups
        copy = sqlite3.connect(backups[0])
        assert copy.execute("SELECT count(*) FROM members").fetchone()[0] == 1
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
        copy.close()
    # And a later migration that changes a table keeps the rows too.
    n = shipped[-1].number + 1
    folder = _folder_with(
        tmp_path, {f"{n:04d}_add_nickname.sql": "ALTER TABLE members ADD COLUMN nickname TEXT;"}
    )
    applied = migrate(conn, db_path, load_migrations(folder))
    assert applied == [f"{n:04d}_add_nickname"]
    assert conn.execute("SELECT full_name, nickname FROM members").fetchall() == [
        ("นายประกิจ เสาร์แก้ว", None)
    ]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == n
    assert (
        len(list(db_path.parent.glob(f"{db_path.name}.before-migration-*.bak"))) == len(backups) + 1
    )
    conn.close()


def test_failing_migration_rolls_back_and_stays_pending(tmp_path: Path, db_path: Path) -> None:
    n = load_migrations()[-1].number + 1
    bad = f"{n:04d}_broken.sql"
    folder = _folder_with(
        tmp_path,
        {bad: "CREATE TABLE half_done (x INTEGER);\nINSERT INTO no_such_table VALUES (1);\n"},
    )
    conn = sqlite3.connect(db_path, isolation_level=None)
    with pytest.raises(MigrationError, match="rolled back"):
        migrate(conn, db_path, load_migrations(folder))
    assert "half_done" not in _tables(conn)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == n - 1
    numbers = [r[0] for r in conn.execute("SELECT number FROM _migrations")]
    assert n not in numbers
    # Still pending: fixing the file lets it apply.
    (folder / bad).write_text("CREATE TABLE half_done (x INTEGER);\n", encoding="utf-8")
    assert migrate(conn, db_path, load_migrations(folder)) == [f"{n:04d}_broken"]
    assert "half_done" in _tables(conn)


def test_edited_applied_migration_is_an_error(tmp_path: Path, db_path: Path, cli) -> None:
    assert cli("init").exit_code == 0
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE _migrations SET checksum = 'edited' WHERE number = 1")
    conn.commit()
    conn.close()
    run = cli("db", "status")
    assert_clean_error(run)
    assert "edited" in run.stderr


def test_init_is_idempotent_and_file_is_private(db_path: Path, cli) -> None:
    assert cli("init").exit_code == 0
    first = db_path.read_bytes()[:100]
    assert cli("init").exit_code == 0
    assert db_path.read_bytes()[:100] == first
    import os

    if os.name == "posix":
        assert db_path.stat().st_mode & 0o777 == 0o600


def test_not_a_database_is_refused(tmp_path: Path, cli) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("นี่ไม่ใช่ฐานข้อมูล\n" * 100, encoding="utf-8")
    run = cli("member", "list", db=bogus)
    assert_clean_error(run)
    assert "not a netcli database" in run.stderr


def test_an_sqlite_too_old_for_the_migrations_is_refused_in_a_clear_line(db_path: Path) -> None:
    """Migration 0012 drops columns (SQLite 3.35): an older library is refused before any
    write, in Thai first, with what to install."""
    from netcli.store.migrations import MIN_SQLITE, require_sqlite

    require_sqlite(MIN_SQLITE)  # the oldest that works
    require_sqlite(sqlite3.sqlite_version_info)  # and the one these tests run on
    with pytest.raises(MigrationError) as refused:
        require_sqlite((3, 34, 1))
    message = str(refused.value)
    assert message.startswith("SQLite ของ Python เครื่องนี้เก่าเกินไป (3.34.1; ต้องการ 3.35.0")
    assert "Python 3.11" in refused.value.hint
