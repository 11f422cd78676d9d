"""Long work shows a progress bar on a terminal's stderr, and nothing in a pipe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def _seed(cli) -> None:
    for i, name in enumerate(["นางสมศรี ใจดี", "นางสมศรี ใจดีย์", "นายสมชาย รักดี"]):
        run = cli("member", "add", name, "--subdistrict", "ร่องเคาะ", "--district", "วังเหนือ",
                  "--province", "ลำปาง", "--phone", f"08123456{i:02d}")  # fmt: skip
        assert run.exit_code == 0, run.stderr


def test_no_progress_in_a_pipe(cli, netcli_proc) -> None:
    _seed(cli)
    run = netcli_proc("member", "duplicates", "-f", "json")
    assert run.exit_code == 0
    assert "กำลังเทียบ" not in run.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_progress_on_a_terminal(cli, db_path: Path) -> None:
    import pty
    import select

    _seed(cli)
    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "80"}
    env.pop("NETCLI_DB", None)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "netcli",
            "--db",
            str(db_path),
            "member",
            "duplicates",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    out = proc.stdout.read() if proc.stdout else b""
    code = proc.wait(timeout=60)
    seen = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 1)
        if not ready:
            break
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert code == 0
    assert "ใจดี".encode() in out  # the pair, on stdout
    assert "กำลังเทียบ".encode() in seen  # the bar, on the terminal's stderr


def _stderr_on_a_terminal(
    db_path: Path, *args: str, cwd: Path | None = None
) -> tuple[int, str, str]:
    """Run netcli with stderr on a pseudo-terminal and stdout piped: (exit, stdout, stderr)."""
    import pty
    import select

    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "100"}
    env.pop("NETCLI_DB", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "netcli", "--db", str(db_path), *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=follower,
        env=env,
        cwd=cwd,
    )
    os.close(follower)
    out = proc.stdout.read() if proc.stdout else b""
    code = proc.wait(timeout=120)
    seen = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 1)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    return code, out.decode("utf-8"), seen.decode("utf-8", "replace")


def _long_work(tmp_path: Path, cli) -> dict[str, list[str]]:
    """Each long command, with the words its bar starts with."""
    _seed(cli)
    other = tmp_path / "other.db"
    assert cli("member", "add", "นายบุญมี คำปัน", "--province", "น่าน", db=other).exit_code == 0
    return {
        "กำลังเขียนรายชื่อ": ["export", "roster", "-o", str(tmp_path / "r.xlsx")],
        "กำลังเขียนชุดข้อมูล": ["export", "bundle", "-o", str(tmp_path / "b.netcli")],
        "กำลังรวมข้อมูล": ["merge", str(other)],
        "กำลังทำสรุป": ["summary", "-f", "xlsx", "-o", str(tmp_path / "s.xlsx")],
    }


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_long_commands_show_progress_on_a_terminal(cli, db_path: Path, tmp_path: Path) -> None:
    for label, argv in _long_work(tmp_path, cli).items():
        code, _, err = _stderr_on_a_terminal(db_path, *argv)
        assert code == 0, err
        assert label in err, (argv, err)
    # Asked for JSON (a script reads it): no bar, even on a terminal.
    code, out, err = _stderr_on_a_terminal(
        db_path, "merge", str(tmp_path / "other.db"), "-f", "json"
    )
    assert code == 0 and out.startswith("{") and "กำลังรวมข้อมูล" not in err
    code, out, err = _stderr_on_a_terminal(db_path, "member", "duplicates", "-f", "json")
    assert code == 0 and "กำลังเทียบ" not in err


def test_long_commands_show_no_progress_in_a_pipe(cli, netcli_proc, tmp_path: Path) -> None:
    for label, argv in _long_work(tmp_path, cli).items():
        run = netcli_proc(*argv)
        assert run.exit_code == 0, run.stderr
        assert label not in run.stderr and "\x1b[" not in run.stderr
