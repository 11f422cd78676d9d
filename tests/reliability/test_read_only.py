"""A database on read-only media (a write-protected stick, a CD): reading commands work,
writing ones say "read-only" in one line and change nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.conftest import netcli, ok


@pytest.fixture
def read_only_copy(tmp_path: Path) -> Iterator[Path]:
    """A netcli database seen through a read-only bind mount (root only)."""
    if sys.platform != "linux" or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("a read-only mount needs root on Linux")
    source = tmp_path / "stick"
    source.mkdir()
    db = source / "งาน.db"
    ok(netcli(db, "member", "add", "นางสมศรี ใจดี", "--province", "ลำปาง"))
    ok(netcli(db, "db", "check"))
    mounted = tmp_path / "mnt"
    mounted.mkdir()
    bind = subprocess.run(["mount", "--bind", "-o", "ro", str(source), str(mounted)],
                          capture_output=True, text=True)  # fmt: skip
    if bind.returncode != 0:
        pytest.skip(f"cannot bind-mount here: {bind.stderr.strip()}")
    subprocess.run(["mount", "-o", "remount,bind,ro", str(mounted)], capture_output=True)
    try:
        probe = mounted / "probe"
        try:
            probe.write_text("x")
            probe.unlink()
            pytest.skip("the bind mount is writable here")
        except OSError:
            pass
        yield mounted / "งาน.db"
    finally:
        subprocess.run(["umount", str(mounted)], capture_output=True)


def test_reading_works_and_writing_says_read_only(read_only_copy: Path) -> None:
    listed = ok(netcli(read_only_copy, "member", "list", "-f", "json"))
    assert "สมศรี" in listed.stdout
    ok(netcli(read_only_copy, "summary", "-f", "json"))
    ok(netcli(read_only_copy, "db", "status"))
    run = netcli(read_only_copy, "member", "add", "นายสมชาย ใจดี")
    assert run.returncode == 1, run.stderr
    assert "read-only" in run.stderr and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) <= 2
    assert "สมชาย" not in ok(netcli(read_only_copy, "member", "list", "-f", "json")).stdout
