"""Asking before what cannot be undone: ``member remove --purge`` and ``db restore``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest


def _add(cli, name: str = "นางสมศรี ใจดี", phone: str = "0812345678") -> None:
    assert cli("member", "add", name, "--province", "ลำปาง", "--phone", phone).exit_code == 0


def _stored(db_path: Path) -> tuple[str, str | None]:
    import sqlite3

    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT full_name, phone FROM members WHERE id = 1").fetchone()


def test_purge_without_a_terminal_needs_yes(netcli_proc, cli) -> None:
    _add(cli)
    run = netcli_proc("member", "remove", "1", "--purge")
    assert run.exit_code == 2
    assert "--yes" in run.stderr and "Traceback" not in run.stderr
    shown = cli("member", "show", "1", "-f", "json").json()
    assert shown["full_name"] == "นางสมศรี ใจดี" and shown["phone"]  # nothing erased


def test_restore_without_a_terminal_needs_yes(netcli_proc, cli, tmp_path: Path) -> None:
    _add(cli)
    backup = tmp_path / "backup.db"
    assert cli("db", "backup", str(backup)).exit_code == 0
    _add(cli, "นายสมชาย ใจดี", "0898765432")
    run = netcli_proc("db", "restore", str(backup))
    assert run.exit_code == 2 and "--yes" in run.stderr
    assert len(cli("member", "list", "-f", "json").json()) == 2  # not replaced


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
@pytest.mark.parametrize(("answer", "erased"), [("n", False), ("y", True)])
def test_purge_asks_at_a_terminal(cli, db_path: Path, answer: str, erased: bool) -> None:
    import pty
    import select
    import subprocess

    _add(cli)
    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("NETCLI_DB", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "netcli", "--db", str(db_path), "member", "remove", "1", "--purge"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    seen = b""
    while b"[y/N]" not in seen:
        ready, _, _ = select.select([leader], [], [], 60)
        assert ready, f"no question asked: {seen!r}"
        seen += os.read(leader, 4096)
    os.write(leader, answer.encode() + b"\n")
    rest = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        rest += chunk
    code = proc.wait(timeout=60)
    os.close(leader)
    assert "ใจดี".encode() in seen  # the question names the person
    name, phone = _stored(db_path)
    if erased:
        assert code == 0 and "ใจดี" not in name and phone is None
    else:
        assert code == 1 and name == "นางสมศรี ใจดี" and phone
