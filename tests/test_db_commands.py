"""init, db status/check/backup/restore, the database path rules, and the change log."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from netcli.store.db import write

from .conftest import assert_clean_error


def test_status_json_counts(cli) -> None:
    cli("member", "add", "นายประกิจ เสาร์แก้ว", "--province", "เชียงใหม่")
    run = cli("db", "status", "--format", "json")
    assert run.exit_code == 0
    data = run.json()
    assert data["schema_version"] == data["latest_version"] >= 1
    assert data["counts"]["members"] == 1
    assert data["pending"] == []
    assert cli("db", "status").exit_code == 0


def test_check_passes_and_fails(cli, db_path: Path) -> None:
    cli("member", "add", "นายประกิจ เสาร์แก้ว", "--province", "เชียงใหม่")
    assert cli("db", "check").exit_code == 0
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA foreign_keys = OFF")
    with write(conn, "test: break a foreign key"):
        conn.execute("INSERT INTO memberships (network_id, member_id) VALUES (999, 1)")
    conn.commit()
    conn.close()
    run = cli("db", "check")
    assert run.exit_code == 1
    assert "foreign key" in run.stderr


def test_backup_and_restore(cli, tmp_path: Path, db_path: Path) -> None:
    cli("member", "add", "นายประกิจ เสาร์แก้ว", "--province", "เชียงใหม่")
    dest = tmp_path / "สำรอง.db"
    assert cli("db", "backup", str(dest)).exit_code == 0
    copy = sqlite3.connect(dest)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT count(*) FROM members").fetchone()[0] == 1
    copy.close()
    # An existing destination is refused rather than overwritten.
    assert_clean_error(cli("db", "backup", str(dest)))
    cli("member", "add", "นางสุภาพ จันแปงเงิน", "--province", "เชียงราย")
    run = cli("db", "restore", str(dest), "--yes")
    assert run.exit_code == 0, run.stderr
    assert len(cli("member", "list", "-f", "json").json()) == 1
    kept = list(tmp_path.glob("netcli.db.replaced-*.bak"))
    assert (
        kept and sqlite3.connect(kept[0]).execute("SELECT count(*) FROM members").fetchone()[0] == 2
    )


def test_restore_refuses_garbage(cli, tmp_path: Path) -> None:
    cli("init")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"garbage" * 1000)
    assert_clean_error(cli("db", "restore", str(junk), "--yes"))
    assert_clean_error(cli("db", "restore", str(tmp_path / "missing.db"), "--yes"))
    plain = tmp_path / "plain.db"
    c = sqlite3.connect(plain)
    c.execute("CREATE TABLE t (x)")
    c.commit()
    c.close()
    run = cli("db", "restore", str(plain), "--yes")
    assert_clean_error(run)
    assert "not a netcli database" in run.stderr


def test_db_path_from_environment_and_default(tmp_path: Path) -> None:
    env = {**os.environ, "NETCLI_DB": str(tmp_path / "env.db"), "PYTHONIOENCODING": "utf-8"}
    subprocess.run(
        [sys.executable, "-m", "netcli", "init"], env=env, check=True, capture_output=True
    )
    assert (tmp_path / "env.db").exists()
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if k != "NETCLI_DB"}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), PYTHONIOENCODING="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "netcli", "db", "status", "-f", "json"],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert out.returncode == 0, out.stderr
    path = Path(json.loads(out.stdout)["path"])
    assert path.name == "netcli.db" and str(home) in str(path)


def test_change_log_records_before_and_after(cli, db_path: Path) -> None:
    mid = cli("member", "add", "นายประกิจ เสาร์แก้ว", "--province", "เชียงใหม่").stdout.strip()
    cli("member", "edit", mid, "--phone", "0812345678")
    cli("member", "remove", mid)
    conn = sqlite3.connect(db_path)
    rows = conn.execute(
        "SELECT op, command, actor, before, after FROM change_log WHERE table_name='members' ORDER BY id"
    ).fetchall()
    assert [r[0] for r in rows] == ["insert", "update", "update"]
    assert [r[1] for r in rows] == ["member add", "member edit", "member remove"]
    assert all(r[2] for r in rows)
    before, after = json.loads(rows[1][3]), json.loads(rows[1][4])
    assert before["phone"] is None and after["phone"] == "0812345678"
    assert json.loads(rows[2][4])["deleted_at"]


def test_usage_errors_exit_2(cli) -> None:
    run = cli("member", "add", "นายประกิจ เสาร์แก้ว", "--no-such-option")
    assert run.exit_code == 2
    assert cli("no-such-command").exit_code == 2


def test_restore_refuses_a_backup_from_a_newer_netcli_and_keeps_the_live_db(
    cli, tmp_path: Path
) -> None:
    cli("member", "add", "นายเอก ทดสอบ", "--province", "เชียงใหม่")
    newer = tmp_path / "newer.bak"
    assert cli("db", "backup", str(newer)).exit_code == 0
    c = sqlite3.connect(newer)
    c.execute("INSERT INTO _migrations VALUES (99, '0099_future', 'x', '2030')")
    c.commit()
    c.close()
    cli("member", "add", "นางบี ข้อมูลจริง", "--province", "ลำปาง")
    run = cli("db", "restore", str(newer), "--yes")
    assert_clean_error(run)
    assert len(cli("member", "list", "-f", "json").json()) == 2  # the live database is untouched


def test_restore_over_a_damaged_database(tmp_path: Path, cli) -> None:
    good = tmp_path / "good.db"
    cli("member", "add", "นายเอก ทดสอบ", "--province", "เชียงใหม่", db=good)
    backup_file = tmp_path / "good.bak"
    assert cli("db", "backup", str(backup_file), db=good).exit_code == 0
    broken = tmp_path / "broken.db"
    broken.write_bytes(os.urandom(50_000))
    run = cli("db", "restore", str(backup_file), "--yes", db=broken)
    assert run.exit_code == 0, run.stderr
    assert [m["first_name"] for m in cli("member", "list", "-f", "json", db=broken).json()] == [
        "เอก"
    ]
    assert list(tmp_path.glob("broken.db.replaced-*.bak"))  # the damaged file was kept aside


def test_paths_with_hash_and_question_marks(tmp_path: Path, cli) -> None:
    folder = tmp_path / "งาน #2 ?ทดสอบ"
    folder.mkdir()
    db = folder / "n.db"
    cli("member", "add", "นายเอก ทดสอบ", "--province", "เชียงใหม่", db=db)
    run = cli(
        "meeting",
        "log",
        "เวที",
        "--date",
        "1 ม.ค. 67",
        "--province",
        "เชียงใหม่",
        "--attendee",
        "1",
        db=db,
    )
    assert run.exit_code == 0, run.stderr
    summary = cli("summary", "-f", "json", db=db)
    assert summary.exit_code == 0, summary.stderr
    assert summary.json()["total"]["unique_attendees"] == 1
    dest = folder / "b #1.db"
    assert cli("db", "backup", str(dest), db=db).exit_code == 0
    assert cli("db", "restore", str(dest), "--yes", db=tmp_path / "other.db").exit_code == 0
    assert (
        sorted(p.name for p in tmp_path.iterdir() if p.is_file() and p.name.startswith("งาน")) == []
    )


def test_another_programs_sqlite_file_is_left_alone(tmp_path: Path, cli) -> None:
    foreign = tmp_path / "notes.sqlite"
    c = sqlite3.connect(foreign)
    c.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, t TEXT)")
    c.commit()
    c.close()
    before = foreign.read_bytes()
    run = cli("member", "list", db=foreign)
    assert_clean_error(run)
    assert "another program" in run.stderr
    assert foreign.read_bytes() == before


def test_restore_never_replaces_a_file_that_is_not_a_database(cli, tmp_path: Path) -> None:
    good = tmp_path / "good.db"
    assert cli("member", "add", "นายสมชาย ใจดี", db=good).exit_code == 0
    backup_file = tmp_path / "backup.db"
    assert cli("db", "backup", str(backup_file), db=good).exit_code == 0
    roster = tmp_path / "roster.csv"
    roster.write_text("ชื่อ-สกุล,จังหวัด\nนายสมชาย ใจดี,ลำปาง\n", encoding="utf-8")
    before = roster.read_bytes()
    run = cli("db", "restore", str(backup_file), "--yes", db=roster)
    assert_clean_error(run)
    assert roster.read_bytes() == before
    assert list(tmp_path.glob("roster.csv.*")) == []  # nothing set aside, nothing made
    other = tmp_path / "other-program.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    run = cli("db", "restore", str(backup_file), "--yes", db=other)
    assert_clean_error(run)
    with sqlite3.connect(other) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["photos"]
