"""Backups taken while others write are whole committed states; restore checks before replacing."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from .conftest import (
    POSIX,
    count,
    fresh_db,
    logged_member_inserts,
    netcli,
    ok,
    person,
    problems,
    raw,
    write_ndjson,
)


def _rows(db: Path, sql: str) -> list[tuple]:
    conn = raw(db)
    try:
        return [tuple(r) for r in conn.execute(sql)]
    finally:
        conn.close()


def _assert_committed_state(backup: Path, final: Path) -> int:
    """The backup equals the final database cut at some commit: a prefix of its history."""
    assert problems(backup) == [], backup
    members = _rows(backup, "SELECT * FROM members ORDER BY id")
    assert members, "empty backup"
    top = members[-1][0]
    assert members == _rows(final, f"SELECT * FROM members WHERE id <= {top} ORDER BY id")
    log = _rows(backup, "SELECT * FROM change_log ORDER BY id")
    last = log[-1][0]
    assert log == _rows(final, f"SELECT * FROM change_log WHERE id <= {last} ORDER BY id")
    assert logged_member_inserts(backup) == len(members)
    return len(members)


def test_backup_while_a_loop_of_adds_writes(tmp_path: Path) -> None:
    db = fresh_db(tmp_path / "live.db")
    ok(netcli(db, "member", "add", "--from", str(write_ndjson(tmp_path / "s.ndjson", 500, 40))))
    start = count(db)
    done = threading.Event()
    failures: list[str] = []

    def writer() -> None:
        for i in range(12):
            p = person(i, 41)
            r = netcli(
                db, "member", "add", p["name"], "--province", p["province"], "--phone", p["phone"]
            )
            if r.returncode != 0:
                failures.append(r.stderr)
        done.set()

    t = threading.Thread(target=writer)
    t.start()
    backups = []
    n = 0
    while not done.is_set() or n < 2:
        time.sleep(0.3)
        dest = tmp_path / f"backup-{n}.db"
        r = netcli(db, "db", "backup", str(dest))
        assert r.returncode == 0, r.stderr
        assert "locked" not in r.stderr
        backups.append(dest)
        n += 1
    t.join()
    assert not failures, failures
    end = count(db)
    assert end == start + 12
    sizes = [_assert_committed_state(b, db) for b in backups]
    assert all(start <= s <= end for s in sizes), (start, sizes, end)
    if POSIX:
        assert all(b.stat().st_mode & 0o777 == 0o600 for b in backups)
    print(f"\nbackups during a loop of adds: member counts {sizes} between {start} and {end}")


def test_backup_during_a_bulk_add_is_before_or_after(tmp_path: Path) -> None:
    db = fresh_db(tmp_path / "live.db")
    ok(netcli(db, "member", "add", "--from", str(write_ndjson(tmp_path / "s.ndjson", 200, 42))))
    before = count(db)
    rows = write_ndjson(tmp_path / "bulk.ndjson", 3000, 43)
    result: list = []
    t = threading.Thread(
        target=lambda: result.append(netcli(db, "member", "add", "--from", str(rows)))
    )
    t.start()
    backups = []
    for n in range(4):
        time.sleep(0.8)
        dest = tmp_path / f"b{n}.db"
        ok(netcli(db, "db", "backup", str(dest)))
        backups.append(dest)
    t.join()
    ok(result[0])
    after = count(db)
    for b in backups:
        assert _assert_committed_state(b, db) in (before, after)


# --- restore -------------------------------------------------------------------------------


def _fingerprint(db: Path) -> tuple:
    return (
        count(db),
        hashlib.sha256(repr(_rows(db, "SELECT * FROM members ORDER BY id")).encode()).hexdigest(),
    )


@pytest.fixture
def current(tmp_path: Path) -> Path:
    db = fresh_db(tmp_path / "current.db")
    ok(netcli(db, "member", "add", "--from", str(write_ndjson(tmp_path / "c.ndjson", 50, 44))))
    return db


def _garbage(tmp_path: Path) -> dict[str, Path]:
    text = tmp_path / "notes.db"
    text.write_text("ไม่ใช่ฐานข้อมูล\n" * 100, encoding="utf-8")
    other = tmp_path / "other-app.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    real = tmp_path / "real-backup.db"
    ok(netcli(tmp_path / "current.db", "db", "backup", str(real)))
    half = tmp_path / "half-backup.db"
    data = real.read_bytes()
    half.write_bytes(data[: len(data) // 2])
    flipped = tmp_path / "flipped-backup.db"
    corrupt = bytearray(data)
    for i in range(len(corrupt) // 2, len(corrupt) // 2 + 4096):
        corrupt[i] ^= 0xA5
    flipped.write_bytes(bytes(corrupt))
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    return {
        "text": text,
        "other sqlite": other,
        "truncated": half,
        "flipped": flipped,
        "empty": empty,
    }


def test_restore_refuses_what_is_not_a_good_backup(tmp_path: Path, current: Path) -> None:
    before = _fingerprint(current)
    for label, bad in _garbage(tmp_path).items():
        listing = set(tmp_path.iterdir())
        r = netcli(current, "db", "restore", str(bad), "--yes")
        assert r.returncode == 1, (label, r.returncode, r.stderr)
        assert "Traceback" not in r.stderr, (label, r.stderr)
        assert 1 <= len(r.stderr.strip().splitlines()) <= 2, (label, r.stderr)
        assert _fingerprint(current) == before, label
        assert problems(current) == [], label
        kept = [p for p in set(tmp_path.iterdir()) - listing if "replaced" in p.name]
        assert not kept, f"{label}: set the current database aside although refusing"


def test_restore_replaces_and_keeps_the_old_one_aside(tmp_path: Path, current: Path) -> None:
    backup = tmp_path / "backup.db"
    ok(netcli(current, "db", "backup", str(backup)))
    backup_state = _fingerprint(backup)
    ok(netcli(current, "member", "add", "นายหลังสำรอง ข้อมูล", "--province", "น่าน"))
    replaced_state = _fingerprint(current)
    r = ok(netcli(current, "db", "restore", str(backup), "--yes"))
    assert _fingerprint(current) == backup_state
    assert problems(current) == []
    kept = sorted(tmp_path.glob("current.db.replaced-*"))
    assert len(kept) == 1, (kept, r.stderr)
    assert _fingerprint(kept[0]) == replaced_state
    assert str(kept[0].name) in r.stderr
    if POSIX:
        assert kept[0].stat().st_mode & 0o777 == 0o600
        assert current.stat().st_mode & 0o777 == 0o600


def test_restore_of_an_older_schema_migrates_it(tmp_path: Path, current: Path) -> None:
    from tests.conftest import older_netcli_db

    old = tmp_path / "old-backup.db"
    conn = older_netcli_db(old, 1)
    conn.execute(
        "INSERT INTO members (first_name, full_name, name_key, province) VALUES"
        " ('เก่า', 'นายเก่า', 'เก่า', 'ลำปาง')"
    )
    conn.close()
    ok(netcli(current, "db", "restore", str(old), "--yes"))
    status = ok(netcli(current, "db", "status", "--format", "json")).json()
    assert status["schema_version"] == status["latest_version"]
    assert count(current) == 1 and problems(current) == []


@pytest.mark.skipif(not POSIX, reason="file modes")
def test_backup_file_is_private(tmp_path: Path, current: Path) -> None:
    old = os.umask(0o022)
    try:
        dest = tmp_path / "private.db"
        ok(netcli(current, "db", "backup", str(dest)))
    finally:
        os.umask(old)
    assert dest.stat().st_mode & 0o777 == 0o600
