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
            "-f",
            "json",
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
    assert "ใจดี".encode() in out  # the pair, on stdout as JSON
    assert "กำลังเทียบ".encode() in seen  # the bar, on the terminal's stderr
