"""Several processes write at once: all succeed, none says "database is locked", nothing lost."""

from __future__ import annotations

import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from netcli.store import db as netcli_db

from .conftest import (
    Proc,
    count,
    fresh_db,
    has_command,
    logged_member_inserts,
    netcli,
    person,
    problems,
    write_ndjson,
    write_roster_xlsx,
)

BULK_ROWS = 1500
LOOP_ADDS = 8


def _loop_of_adds(db: Path, tag: int) -> list[Proc]:
    runs = []
    for i in range(LOOP_ADDS):
        p = person(i, tag)
        runs.append(
            netcli(
                db, "member", "add", p["name"], "--province", p["province"], "--phone", p["phone"]
            )
        )
    return runs


def test_eight_writers_at_once(tmp_path: Path) -> None:
    """4 bulk writers (imports of different rosters, or member add --from) + 4 loops of adds."""
    db = fresh_db(tmp_path / "shared.db")
    importing = has_command("import")
    bulk_files = []
    for tag in range(10, 14):
        if importing and tag % 2 == 0:
            bulk_files.append(
                ("import", write_roster_xlsx(tmp_path / f"r{tag}.xlsx", BULK_ROWS, tag))
            )
        else:
            bulk_files.append(("add", write_ndjson(tmp_path / f"m{tag}.ndjson", BULK_ROWS, tag)))

    def bulk(kind: str, path: Path) -> list[Proc]:
        if kind == "import":
            return [netcli(db, "import", str(path), "--format", "json", timeout=300)]
        return [netcli(db, "member", "add", "--from", str(path), timeout=300)]

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(bulk, kind, path) for kind, path in bulk_files]
        futures += [pool.submit(_loop_of_adds, db, tag) for tag in range(20, 24)]
        runs = [r for f in futures for r in f.result()]
    elapsed = time.perf_counter() - start

    for r in runs:
        assert r.returncode == 0, (r.returncode, r.stderr[-1500:])
        assert "locked" not in r.stderr.lower() and "busy" not in r.stderr.lower(), r.stderr
    expected = 4 * BULK_ROWS + 4 * LOOP_ADDS
    assert count(db) == expected
    assert logged_member_inserts(db) == expected
    assert problems(db) == []
    check = netcli(db, "db", "check")
    assert check.returncode == 0, check.stderr
    print(
        f"\n8 writers: {len(runs)} processes, {expected} members, {elapsed:.1f} s, imports={importing}"
    )


# --- why BEGIN IMMEDIATE ----------------------------------------------------------------------


def _two_connections(path: Path) -> tuple[sqlite3.Connection, sqlite3.Connection]:
    conns = []
    for _ in range(2):
        c = sqlite3.connect(path, isolation_level=None, timeout=10)
        c.execute("PRAGMA busy_timeout = 10000")
        c.execute("PRAGMA journal_mode = WAL")
        conns.append(c)
    conns[0].execute("CREATE TABLE IF NOT EXISTS t (x)")
    return conns[0], conns[1]


def test_deferred_begin_fails_at_once_despite_busy_timeout(tmp_path: Path) -> None:
    """The regression that BEGIN IMMEDIATE prevents (cpython #124510): read, then write."""
    a, b = _two_connections(tmp_path / "deferred.db")
    a.execute("BEGIN")
    a.execute("SELECT count(*) FROM t").fetchone()
    b.execute("BEGIN")
    b.execute("SELECT count(*) FROM t").fetchone()
    a.execute("INSERT INTO t VALUES (1)")
    a.execute("COMMIT")
    started = time.perf_counter()
    with pytest.raises(sqlite3.OperationalError, match="database is locked"):
        b.execute("INSERT INTO t VALUES (2)")
    # It did not wait for the 10 s busy timeout: the snapshot is stale, retrying cannot help.
    assert time.perf_counter() - started < 2
    b.execute("ROLLBACK")


def test_begin_immediate_waits_and_both_succeed(tmp_path: Path) -> None:
    """The same read-then-write, through netcli.store.db.write (BEGIN IMMEDIATE): the second waits."""
    path = tmp_path / "immediate.db"
    netcli_db.connect(path).close()
    b = netcli_db.connect(path)
    holding = threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        a = netcli_db.connect(path)  # sqlite3 objects stay in their thread
        try:
            with netcli_db.write(a, "test a"):
                a.execute("SELECT count(*) FROM members").fetchone()
                holding.set()
                time.sleep(0.5)
                a.execute(
                    "INSERT INTO members (first_name, full_name_written, name_key_written) VALUES ('ก', 'นายก', 'ก')"
                )
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            a.close()

    t = threading.Thread(target=first)
    t.start()
    holding.wait(5)
    started = time.perf_counter()
    with netcli_db.write(b, "test b"):
        n = b.execute("SELECT count(*) FROM members").fetchone()[0]
        b.execute(
            "INSERT INTO members (first_name, full_name_written, name_key_written) VALUES ('ข', 'นายข', 'ข')"
        )
    waited = time.perf_counter() - started
    t.join()
    assert not errors, errors
    assert n == 1, "the second writer read after the first committed"
    assert waited > 0.2, "BEGIN IMMEDIATE should have waited for the first writer"
    assert b.execute("SELECT count(*) FROM members").fetchone()[0] == 2
    b.close()
