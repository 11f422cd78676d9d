"""Interrupted by a person (Ctrl-C) or by the machine (a full disk): say so, keep the file whole."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import (
    CRASH_ROWS,
    POSIX,
    count,
    fresh_db,
    has_command,  # noqa: F401 (named in the skipif conditions, evaluated at setup)
    logged_member_inserts,
    needs_posix,
    netcli,
    ok,
    problems,
    write_ndjson,
    write_roster_xlsx,
)

pytestmark = [needs_posix]
# Seconds after the database files are first touched: inside the 20,000-row transaction,
# which takes most of the run.
INTERRUPT_AFTER = 0.6


def _base(tmp_path: Path) -> Path:
    db = fresh_db(tmp_path / "i.db")
    ok(netcli(db, "member", "add", "--from", str(write_ndjson(tmp_path / "s.ndjson", 100, 60))))
    return db


def _interrupted(db: Path, *args: str) -> None:
    before = (count(db), logged_member_inserts(db))
    proc = netcli(
        *(db, *args),
        signal_after=INTERRUPT_AFTER,
        after_touch=True,
        watch=db,
        sig=signal.SIGINT,
        timeout=600,
    )
    if not proc.killed or proc.returncode == 0:
        pytest.skip(f"finished in {proc.seconds:.1f} s, before the Ctrl-C: use more rows")
    assert proc.returncode == 130, (proc.returncode, proc.stderr[-1500:])
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert "interrupted" in proc.stderr and "ยกเลิก" in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) <= 2, proc.stderr
    assert (count(db), logged_member_inserts(db)) == before
    assert problems(db) == []


def test_ctrl_c_during_member_add_from_rolls_back(tmp_path: Path) -> None:
    db = _base(tmp_path)
    rows = write_ndjson(tmp_path / "big.ndjson", CRASH_ROWS, 61)
    _interrupted(db, "member", "add", "--from", str(rows))


@pytest.mark.skipif("not has_command('import')", reason="netcli import is not built yet")
def test_ctrl_c_during_import_rolls_back(tmp_path: Path) -> None:
    db = _base(tmp_path)
    roster = write_roster_xlsx(tmp_path / "big.xlsx", CRASH_ROWS, 62)
    imports = count(db, "imports")
    _interrupted(db, "import", str(roster))
    assert count(db, "imports") == imports


# --- a full disk ------------------------------------------------------------------------------


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs (root only); unmounted afterwards."""
    if not POSIX or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tiny file system needs root")
    where = tmp_path / "disk"
    where.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(where)],
        capture_output=True,
        text=True,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], capture_output=True)


def _full_disk(tiny_disk: Path, tmp_path: Path, *args: str) -> None:
    db = tiny_disk / "full.db"
    ok(netcli(db, "member", "add", "--from", str(write_ndjson(tmp_path / "s.ndjson", 100, 63))))
    before = (count(db), logged_member_inserts(db))
    proc = netcli(db, *args, timeout=300)
    assert proc.returncode == 1, (proc.returncode, proc.stderr[-1500:])
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    lines = proc.stderr.strip().splitlines()
    assert 1 <= len(lines) <= 2, proc.stderr
    assert "full" in proc.stderr or "เต็ม" in proc.stderr, proc.stderr
    assert (count(db), logged_member_inserts(db)) == before
    assert problems(db) == []
    # Still usable for reading; and once space is freed, for writing.
    ok(netcli(db, "member", "list", "-f", "json"))
    ok(netcli(db, "db", "check"))
    print(f"\nfull disk: {lines[0][:160]}")


def test_full_disk_during_member_add_from(tiny_disk: Path, tmp_path: Path) -> None:
    rows = write_ndjson(tmp_path / "big.ndjson", 5000, 64)
    _full_disk(tiny_disk, tmp_path, "member", "add", "--from", str(rows))


@pytest.mark.skipif("not has_command('import')", reason="netcli import is not built yet")
def test_full_disk_during_import(tiny_disk: Path, tmp_path: Path) -> None:
    roster = write_roster_xlsx(tmp_path / "big.xlsx", 5000, 65)
    _full_disk(tiny_disk, tmp_path, "import", str(roster))


def test_backup_onto_a_full_disk_leaves_no_partial_file(tiny_disk: Path, tmp_path: Path) -> None:
    """A backup that does not fit fails in one line and leaves nothing under the real name,
    so that a retry elsewhere (or after freeing space) is not told "already exists"."""
    db = tmp_path / "big.db"
    ok(netcli(db, "member", "add", "--from", str(write_ndjson(tmp_path / "b.ndjson", 8000, 66))))
    dest = tiny_disk / "backup.db"
    proc = netcli(db, "db", "backup", str(dest), timeout=300)
    assert proc.returncode == 1, (proc.returncode, proc.stderr[-1500:])
    assert "Traceback" not in proc.stderr
    assert list(tiny_disk.iterdir()) == []  # no partial file, under any name
    ok(netcli(db, "db", "backup", str(tmp_path / "backup.db")))
