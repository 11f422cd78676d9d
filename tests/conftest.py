"""Shared fixtures: a temporary database and two ways to run netcli against it.

``cli`` runs in-process through Click's runner (fast); ``netcli_proc`` runs a real
subprocess (``python -m netcli``) for behaviour that depends on a process: exit codes
of the real entry point, kills, concurrency, start-up.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from netcli.cli.app import app


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "netcli.db"


@pytest.fixture
def cli(db_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Run ``netcli --db <tmp> ARGS…`` in-process; returns a Run."""
    monkeypatch.delenv("NETCLI_DB", raising=False)

    def run(*args: str, input: str | bytes | None = None, db: Path | None = None) -> Run:
        runner = CliRunner()
        result = runner.invoke(
            app, ["--db", str(db or db_path), *args], input=input, catch_exceptions=False
        )
        return Run(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture
def netcli_proc(db_path: Path):
    """Run ``python -m netcli --db <tmp> ARGS…`` as a real subprocess; returns a Run."""

    def run(
        *args: str,
        input: str | None = None,
        db: Path | None = None,
        env: dict[str, str] | None = None,
        timeout: float = 120,
    ) -> Run:
        full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
        full_env.pop("NETCLI_DB", None)
        proc = subprocess.run(
            [sys.executable, "-m", "netcli", "--db", str(db or db_path), *args],
            input=input,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=full_env,
            timeout=timeout,
            cwd=db_path.parent,
        )
        return Run(proc.returncode, proc.stdout, proc.stderr)

    return run


def assert_clean_error(run: Run, code: int = 1) -> None:
    """Exit ``code``, something said on stderr, no traceback."""
    assert run.exit_code == code, (run.exit_code, run.stdout, run.stderr)
    assert run.stderr.strip(), "expected a message on stderr"
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout


def older_netcli_db(path: Path, upto: int = 1) -> Any:
    """A database as an older netcli left it: migrations 1..``upto`` with the hand-written
    change-log triggers of 0001 (full JSON copies of every row, no refusal outside
    ``db.write``). Returns the open connection (autocommit)."""
    import sqlite3

    from netcli.resources import resource_dir
    from netcli.store.db import connect
    from netcli.store.migrations import load_migrations, migrate

    conn = connect(path, migrate=False)
    migrate(conn, None, load_migrations()[:upto])
    sql = (resource_dir("migrations") / "0001_initial.sql").read_text(encoding="utf-8")
    old = [s.strip() for s in sql.split("\nEND;") if "CREATE TRIGGER" in s]
    conn.execute("BEGIN IMMEDIATE")
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')
    for statement in old:
        statement = statement[statement.index("CREATE TRIGGER") :] + "\nEND;"
        assert sqlite3.complete_statement(statement)
        conn.execute(statement)
    conn.execute("COMMIT")
    return conn
