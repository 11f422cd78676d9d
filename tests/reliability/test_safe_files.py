"""Issue 17 under kills and Ctrl-C: copies left by a killed restore, bundle or merge never keep a
purged person; a Ctrl-C after the commit says what was saved; a Ctrl-C at start-up is one line."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import KILL, fresh_db, needs_posix, netcli, ok, write_ndjson

pytestmark = [needs_posix]
ROOT = Path(__file__).resolve().parents[2]
NATIONAL_ID = "3100600445635"
FILLER = 20_000


def _base(folder: Path) -> Path:
    db = fresh_db(folder / "a.db")
    ok(netcli(db, "member", "add", "นายสมชาย ใจดี", "--province", "ลำปาง",
              "--national-id", NATIONAL_ID))  # fmt: skip
    ok(netcli(db, "member", "add", "--from", str(write_ndjson(folder / "f.ndjson", FILLER, 71))))
    return db


def _holding(folder: Path, *, skip: tuple[Path, ...] = ()) -> list[Path]:
    """Every file under ``folder`` whose bytes hold the national ID (uncompressed copies)."""
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and path not in skip and NATIONAL_ID.encode() in path.read_bytes():
            found.append(path)
    return found


def _kill_during(db: Path, instants: list[float], *args: str) -> int:
    killed = 0
    for at in instants:
        proc = netcli(db, *args, signal_after=at, sig=KILL, timeout=300)
        killed += proc.killed
    return killed


@pytest.mark.parametrize("what", ["restore", "bundle", "merge"])
def test_a_kill_leaves_no_copy_that_a_purge_misses(tmp_path: Path, what: str) -> None:
    db = _base(tmp_path)
    other = tmp_path / "other" / "b.db"
    other.parent.mkdir()
    if what == "restore":
        ok(netcli(db, "db", "backup", str(tmp_path / "good.db")))
        args = ["db", "restore", str(tmp_path / "good.db"), "--yes"]
    elif what == "bundle":
        args = ["export", "bundle", "-o", str(tmp_path / "x.netcli"), "--force"]
    else:
        ok(netcli(other, "merge", str(db)))
        ok(netcli(other, "member", "add", "นางสาวใหม่ มาใหม่", "--province", "น่าน"))
        args = ["merge", str(other)]
    killed = _kill_during(db, [0.3, 0.6, 0.9, 1.2, 1.6, 2.0], *args)
    if killed == 0:
        pytest.skip("every run finished before the kill")
    proc = netcli(db, "member", "remove", "--purge", "1", "--yes", timeout=300)
    assert proc.returncode == 0, proc.stderr
    # Nothing beside the database (copies, restores, temp folders) keeps the person; the
    # other laptop's own file is that laptop's to purge.
    assert _holding(tmp_path, skip=(other,)) == []
    assert not list(tmp_path.glob(".a.db.tmp-*")) and not list(tmp_path.glob("a.db.restoring-*"))
    assert not list(tmp_path.glob(".*partial-*"))  # half-written outputs beside the database


_AFTER_COMMIT = """
import sys
import netcli.store.db as db
real = db.mark_done
def mark_then_interrupt(what):
    real(what)
    raise KeyboardInterrupt  # the Ctrl-C lands just after the commit
db.mark_done = mark_then_interrupt
import netcli.store.restore as restore
restore.mark_done = mark_then_interrupt
sys.argv = ["netcli", *sys.argv[1:]]
from netcli.entry import main
main()
"""


@pytest.mark.parametrize(
    "args, said",
    [
        (["member", "remove", "--purge", "1", "--yes"], "member remove --purge"),
        (["db", "backup", "{tmp}/b.db"], "backup written"),
        (["db", "restore", "{tmp}/good.db", "--yes"], "database restored"),
        (["member", "add", "นางสมศรี ใจงาม", "--province", "น่าน"], "member add"),
    ],
)
def test_ctrl_c_after_the_commit_says_what_was_saved(
    tmp_path: Path, args: list[str], said: str
) -> None:
    db = fresh_db(tmp_path / "a.db")
    ok(netcli(db, "member", "add", "นายสมชาย ใจดี", "--province", "ลำปาง"))
    ok(netcli(db, "db", "backup", str(tmp_path / "good.db")))
    argv = [a.format(tmp=tmp_path) for a in args]
    proc = subprocess.run(
        [sys.executable, "-c", _AFTER_COMMIT, "--db", str(db), *argv],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )
    assert proc.returncode == 130, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "nothing was saved" not in proc.stderr, proc.stderr
    assert said in proc.stderr and "บันทึกไว้แล้ว" in proc.stderr, proc.stderr


def test_ctrl_c_before_the_commit_says_nothing_was_saved(tmp_path: Path) -> None:
    db = fresh_db(tmp_path / "a.db")
    proc = netcli(
        db, "member", "add", "--from", str(write_ndjson(tmp_path / "big.ndjson", FILLER, 72)),
        signal_after=0.6, after_touch=True, watch=db, sig=signal.SIGINT, timeout=300,
    )  # fmt: skip
    if not proc.killed:
        pytest.skip("finished before the Ctrl-C")
    assert proc.returncode == 130 and "nothing was saved" in proc.stderr, proc.stderr


def test_ctrl_c_in_the_first_instants_is_never_a_netcli_traceback(tmp_path: Path) -> None:
    """From the first instruction of netcli's own code a Ctrl-C is one line and exit 130 (the
    interpreter's own start-up, before any program code runs, is out of any program's reach)."""
    db = fresh_db(tmp_path / "a.db")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    bad = []
    for i in range(30):
        p = subprocess.Popen(
            [sys.executable, "-m", "netcli", "--db", str(db), "member", "list"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        time.sleep(0.01 * i)
        p.send_signal(signal.SIGINT)
        _, err = p.communicate(timeout=60)
        text = err.decode("utf-8", "replace")
        # A traceback through netcli's own files (runpy naming the module is the interpreter's).
        if "Traceback" in text and re.search(r'File "[^"]*netcli[/\\\\]', text):
            bad.append((0.01 * i, text[-800:]))
    assert bad == []


# --- full disk, read-only media (a tmpfs, where the machine allows mounting one) -------------


def _mount(where: Path, size: str = "2m") -> None:
    if not POSIX_ROOT or not shutil.which("mount"):
        pytest.skip("mounting a file system needs root")
    where.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)],
        capture_output=True,
        text=True,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.strip()}")


def _read_only(where: Path) -> None:
    made = subprocess.run(["mount", "-o", "remount,ro", str(where)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot remount read-only: {made.stderr.strip()}")


POSIX_ROOT = os.name == "posix" and os.geteuid() == 0


def test_export_roster_onto_a_full_disk_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    db = fresh_db(tmp_path / "a.db")
    ok(netcli(db, "member", "add", "--from", str(write_ndjson(tmp_path / "f.ndjson", 8000, 73))))
    disk = tmp_path / "disk"
    _mount(disk, "64k")
    try:
        for out in ("r.xlsx", "r.csv"):
            proc = netcli(db, "export", "roster", "-o", str(disk / out), timeout=300)
            assert proc.returncode == 1, proc.stderr
            assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr
            assert "เต็ม" in proc.stderr, proc.stderr
            assert list(disk.iterdir()) == []  # no partial file under any name
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True)


def test_read_only_media(tmp_path: Path) -> None:
    """A write-protected stick: reading commands work, writing ones say read-only, and an
    import from it whose error workbook cannot be written beside the roster says so in a line."""
    from tests.test_import_fixtures import write_workbook

    stick = tmp_path / "stick"
    _mount(stick, "8m")
    try:
        db = fresh_db(stick / "a.db")
        ok(netcli(db, "member", "add", "นายสมชาย ใจดี", "--province", "ลำปาง"))
        roster = write_workbook(
            stick / "r.xlsx",
            {"S": [["ชื่อ-สกุล", "จังหวัด"], ["นายสมศักดิ์ ดีใจ", "ลำปาง"], ["นายสมปอง ดีมาก", "ไม่มีจังหวัดนี้"]]},
        )
        ok(netcli(db, "member", "list"))  # before: its -wal and -shm are gone on close
        _read_only(stick)
        listed = netcli(db, "member", "list", "-f", "json")
        assert listed.returncode == 0, listed.stderr
        assert "not a netcli database" not in listed.stderr
        added = netcli(db, "member", "add", "นายก ข", "--province", "ลำปาง")
        assert added.returncode == 1 and "read-only" in added.stderr, added.stderr
        assert "Traceback" not in added.stderr
        other = fresh_db(tmp_path / "b.db")
        imported = netcli(other, "import", str(roster))
        assert imported.returncode == 1, imported.stderr  # a rejected row
        assert "Traceback" not in imported.stderr and "Exception ignored" not in imported.stderr
        assert "error workbook" in imported.stderr or "เขียนไฟล์" in imported.stderr, imported.stderr
    finally:
        subprocess.run(["umount", str(stick)], capture_output=True)
