"""Shared fixtures: a temporary database and two ways to run netcli against it.

``cli`` runs in-process through Click's runner (fast); ``netcli_proc`` runs a real
subprocess (``python -m netcli``) for behaviour that depends on a process: exit codes
of the real entry point, kills, concurrency, start-up.

``seeded_dbs`` builds a seeded database (through the real CLI) once per session and hands
each test its own copy of the files, so that fixtures such as ``seeded`` or ``laptops`` do
not replay dozens of commands for every test.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import typer
from click.testing import CliRunner

from netcli.cli.app import app

RELIABILITY = Path(__file__).resolve().parent / "reliability"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/reliability/ (kills, concurrency, fuzz, hostile files,
    interrupts, privacy scans) is marked ``reliability``: the default run deselects it
    (pyproject addopts), ``pytest -m reliability`` runs it, and ``.ci/run`` runs both."""
    for item in items:
        if RELIABILITY in item.path.parents:
            item.add_marker(pytest.mark.reliability)


@pytest.fixture(autouse=True)
def _no_inherited_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables fit ``COLUMNS`` when it is set (netcli.cli.layout): a width inherited from the
    shell or the test runner's workers would change what a test reads. A test that means a
    width sets it itself."""
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)


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


@cache
def netcli_command() -> typer.core.TyperGroup:
    """The Click command tree of ``app``, built once per session.

    typer's own ``CliRunner.invoke(app, …)`` rebuilds the whole tree (every command's
    signature and type hints) on every call: about two thirds of an in-process run.
    """
    return typer.main.get_command(app)


def make_cli(db_path: Path) -> Callable[..., Run]:
    """``run(*ARGS, input=, db=)``: ``netcli --db <db_path> ARGS…`` in-process, as a Run."""

    def run(*args: str, input: str | bytes | None = None, db: Path | None = None) -> Run:
        runner = CliRunner()
        result = runner.invoke(
            netcli_command(),
            ["--db", str(db or db_path), *args],
            input=input,
            catch_exceptions=False,
        )
        return Run(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture
def cli(db_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Run ``netcli --db <tmp> ARGS…`` in-process; returns a Run."""
    monkeypatch.delenv("NETCLI_DB", raising=False)
    monkeypatch.delenv("NETCLI_LANG", raising=False)
    return make_cli(db_path)


class SeededDatabases:
    """Seeded folders built once per session (through the real CLI), copied per test.

    ``copy(name, build, dest)`` runs ``build(folder, cli)`` the first time ``name`` is asked
    for (``cli`` is bound to ``folder / "netcli.db"``, like the ``cli`` fixture to
    ``db_path``), then copies every file of that folder into ``dest`` and returns what
    ``build`` returned, with paths inside the folder rewritten to point into ``dest``.
    Each database is checkpointed and closed before the first copy: a copy is one
    ``.db`` file with no ``-wal``/``-shm`` beside it, exactly what the commands left.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.built: dict[str, tuple[Path, Any]] = {}

    def copy(self, name: str, build: Callable[[Path, Callable[..., Run]], Any], dest: Path) -> Any:
        if name not in self.built:
            folder = self.root / name
            folder.mkdir()
            with pytest.MonkeyPatch.context() as mp:
                mp.delenv("NETCLI_DB", raising=False)
                result = build(folder, make_cli(folder / "netcli.db"))
            _settle(folder)
            self.built[name] = (folder, result)
        folder, result = self.built[name]
        dest.mkdir(parents=True, exist_ok=True)
        for item in folder.iterdir():
            target = dest / item.name
            assert not target.exists(), f"{target} exists before the seeded copy"
            if item.name.endswith(".copies.json"):
                # netcli's list of a database's backups names files of the build folder: a
                # purge in one test must not reach into the copies every other test starts from.
                continue
            if item.is_dir():
                shutil.copytree(item, target)
            else:
                shutil.copy2(item, target)  # keeps the 0600 mode netcli gave the file
        return _remap(result, folder, dest)


def _settle(folder: Path) -> None:
    """Fold every database's WAL into the file so that copying the file copies everything."""
    for db in folder.rglob("*"):
        if not db.is_file() or db.name.endswith(("-wal", "-shm", "-journal")):
            continue
        with db.open("rb") as f:
            if f.read(16) != b"SQLite format 3\x00":
                continue
        conn = sqlite3.connect(db)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()  # the last connection of a WAL database removes -wal and -shm
    leftovers = [p for p in folder.rglob("*") if p.name.endswith(("-wal", "-shm", "-journal"))]
    assert not leftovers, f"a seeded database is still open or unfinished: {leftovers}"


def _remap(value: Any, old: Path, new: Path) -> Any:
    if isinstance(value, Path):
        return new / value.relative_to(old) if value.is_relative_to(old) else value
    if isinstance(value, dict):
        return {k: _remap(v, old, new) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_remap(v, old, new) for v in value)
    return value


@pytest.fixture(scope="session")
def seeded_dbs(tmp_path_factory: pytest.TempPathFactory) -> SeededDatabases:
    return SeededDatabases(tmp_path_factory.mktemp("seeded"))


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
        # Thai, the default, unless the test asks for another language.
        outer = {k: v for k, v in os.environ.items() if k != "NETCLI_LANG"}
        full_env = {**outer, "PYTHONIOENCODING": "utf-8", **(env or {})}
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
