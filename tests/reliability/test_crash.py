"""Crash atomicity: killed with SIGKILL at any instant, the file holds all of a command or none.

For each command: run it once to completion to measure its duration T (and the "after"
state), then run it again on fresh copies of the same starting database and SIGKILL it at
``NETCLI_CRASH_KILLS`` uniform random instants, one in each slice of [0, T] so that the
whole run is covered. After every kill: ``integrity_check`` is ok, ``foreign_key_check`` is
empty, the member count is exactly the before or the after figure, and the change log
agrees with the rows. The seed is printed on failure (replay with NETCLI_RELIABILITY_SEED).
"""

from __future__ import annotations

import random
import sqlite3
import statistics
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .conftest import (
    CRASH_KILLS,
    CRASH_ROWS,
    SEED,
    argv,
    copy_db,
    count,
    fresh_db,
    has_command,  # noqa: F401 (named in the skipif conditions, evaluated at setup)
    kill_instants,
    logged_member_inserts,
    merge_problem,
    needs_posix,
    netcli,
    ok,
    problems,
    raw,
    run_child,
    write_ndjson,
    write_roster_xlsx,
)

pytestmark = [needs_posix]

BEFORE_MEMBERS = 300
PARALLEL = 2


@pytest.fixture(scope="module")
def base_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database that already holds members (a rollback must keep them, not empty the file)."""
    folder = tmp_path_factory.mktemp("crash-base")
    db = fresh_db(folder / "base.db")
    seed = write_ndjson(folder / "seed.ndjson", BEFORE_MEMBERS, tag=90)
    ok(netcli(db, "member", "add", "--from", str(seed)))
    return db


def _kill_trials(
    tmp_path: Path,
    base: Path,
    cmd: Callable[[Path], list[str]],
    invariant: Callable[[Path], tuple],
    kills: int = CRASH_KILLS,
    timeout: float = 600,
) -> Counter:
    """Measure T, then kill ``kills`` copies at spread random instants of [0, T].

    The machine has two cores: trials run two at a time, and T is measured the same way (two
    full runs side by side), so that a kill at 0.8 T still lands at 80 % of a run.
    """
    rng = random.Random(SEED)
    before = invariant(copy_db(base, tmp_path / "before.db"))
    fulls = [copy_db(base, tmp_path / f"full{i}.db") for i in range(PARALLEL)]
    with ThreadPoolExecutor(PARALLEL) as pool:
        firsts = list(
            pool.map(lambda db: run_child(cmd(db), timeout=timeout, cwd=tmp_path, watch=db), fulls)
        )
    for first in firsts:
        assert first.returncode == 0, (first.returncode, first.stderr[-2000:])
    total = statistics.mean(f.seconds for f in firsts)
    touched = min(f.touched_at or 0.0 for f in firsts)
    after = invariant(fulls[0])
    assert after != before, "the command changed nothing: the test proves nothing"
    assert all(invariant(f) == after and problems(f) == [] for f in fulls)

    def trial(n: int, at: float) -> str:
        db = copy_db(base, tmp_path / f"kill{n}.db")
        proc = run_child(cmd(db), timeout=timeout, cwd=tmp_path, signal_after=at)
        where = f"seed {SEED}, kill {n} at {at:.2f} s of {total:.2f} s"
        found = problems(db)
        assert found == [], f"{where}: {found[:5]}"
        state = invariant(db)
        assert state in (before, after), f"{where}: {state} is neither {before} nor {after}"
        for leftover in tmp_path.glob(f"kill{n}.db*"):
            leftover.unlink()
        if not proc.killed:
            return "finished before the kill"
        return "rolled back" if state == before else "committed"

    instants = sorted(kill_instants(kills, rng, total, touched))
    with ThreadPoolExecutor(PARALLEL) as pool:
        outcomes = Counter(pool.map(lambda args: trial(*args), enumerate(instants)))
    print(
        f"\n{' '.join(cmd(base)[5:7])}: T={total:.2f}s (db touched at {touched:.2f}s)"
        f" kills={kills} {dict(outcomes)} seed={SEED}"
    )
    return outcomes


def _members_state(db: Path) -> tuple[int, int]:
    """(members, members in the change log): a half-written batch would break either."""
    return count(db), logged_member_inserts(db)


def test_member_add_from_survives_sigkill(tmp_path: Path, base_db: Path) -> None:
    rows = write_ndjson(tmp_path / "members.ndjson", CRASH_ROWS, tag=1)
    outcomes = _kill_trials(
        tmp_path,
        base_db,
        lambda db: argv(db, "member", "add", "--from", str(rows)),
        _members_state,
    )
    assert outcomes["rolled back"] + outcomes["committed"] >= CRASH_KILLS // 2


@pytest.mark.skipif("not has_command('import')", reason="netcli import is not built yet")
def test_import_survives_sigkill(tmp_path: Path, base_db: Path) -> None:
    roster = write_roster_xlsx(tmp_path / "roster.xlsx", CRASH_ROWS, tag=2)

    def state(db: Path) -> tuple[int, int, int, int]:
        return (*_members_state(db), count(db, "imports"), count(db, "import_rows"))

    outcomes = _kill_trials(
        tmp_path, base_db, lambda db: argv(db, "import", str(roster), "--format", "json"), state
    )
    assert outcomes["rolled back"] + outcomes["committed"] >= CRASH_KILLS // 2


def test_meeting_log_survives_sigkill(tmp_path: Path, base_db: Path) -> None:
    """A three-day forum with 200 attendees: meeting, days and 600 attendance rows, or nothing."""
    attendees = [a for i in range(1, 201) for a in ("--attendee", str(i))]
    base = copy_db(base_db, tmp_path / "meetings-base.db")
    ok(netcli(base, "meeting", "log", "ประชุมเตรียมงาน", "--date", "1 มีนาคม 2567"))

    def state(db: Path) -> tuple[int, int, int, int]:
        conn = raw(db)
        try:
            # Every meeting whole: each day present, each attendee on each day.
            broken = conn.execute(
                "SELECT count(*) FROM meetings m WHERE"
                " (SELECT count(*) FROM meeting_days d WHERE d.meeting_id = m.id)"
                "  != julianday(m.end_date) - julianday(m.start_date) + 1"
                " OR (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id) NOT IN (0, 600)"
            ).fetchone()[0]
            logged = conn.execute(
                "SELECT count(*) FROM change_log WHERE table_name = 'attendance' AND op = 'insert'"
            ).fetchone()[0]
        finally:
            conn.close()
        return (count(db, "meetings"), count(db, "attendance"), logged, broken)

    _kill_trials(
        tmp_path,
        base,
        lambda db: argv(
            db,
            "meeting",
            "log",
            "เวทีเครือข่ายพัฒนาสังคม",
            "--date",
            "29 – 31 มีนาคม 2567",
            "--province",
            "แม่ฮ่องสอน",
            "--budget",
            "12,345.67",
            "--outcome",
            "จัดทำปฏิทินเครือข่าย",
            *attendees,
        ),
        state,
    )


def test_merge_survives_sigkill(tmp_path: Path, base_db: Path) -> None:
    # Asked here, not at import: collecting the module must not spawn processes.
    if (why := merge_problem()) is not None:
        pytest.skip(why)
    other = fresh_db(tmp_path / "other-laptop.db")
    rows = write_ndjson(tmp_path / "other.ndjson", 5000, tag=3)
    ok(netcli(other, "member", "add", "--from", str(rows)))

    def state(db: Path) -> tuple[int, int]:
        return _members_state(db)

    _kill_trials(tmp_path, base_db, lambda db: argv(db, "merge", str(other)), state)


# --- a migration -----------------------------------------------------------------------------


def _schema(conn: sqlite3.Connection) -> set[tuple[str, str, str]]:
    return {
        (r[0], r[1], r[2] or "")
        for r in conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        )
    }


@pytest.fixture(scope="module")
def reference_schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[int, set]:
    """The exact schema after migrations 1..k, for every k (built on blank databases)."""
    from netcli.store.migrations import load_migrations, migrate

    folder = tmp_path_factory.mktemp("schemas")
    migrations = load_migrations()
    out = {}
    for k in range(1, len(migrations) + 1):
        conn = sqlite3.connect(folder / f"v{k}.db", isolation_level=None)
        migrate(conn, None, migrations[:k])
        # Keyed by the number (user_version): numbers may leave gaps for other branches.
        out[migrations[k - 1].number] = _schema(conn)
        conn.close()
    return out


@pytest.fixture(scope="module")
def old_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database at migration 0001 holding rows (20,000 members, 100,000 attendance rows):
    enough that copying it aside and indexing it are most of the migrating command's run."""
    from netcli.store.db import connect
    from netcli.store.migrations import load_migrations, migrate

    path = tmp_path_factory.mktemp("old") / "old.db"
    conn = connect(path, migrate=False)
    migrate(conn, path, load_migrations()[:1])
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE _context SET command = 'test fill' WHERE id = 1")
    conn.executemany(
        "INSERT INTO members (first_name, full_name, name_key, province) VALUES (?, ?, ?, ?)",
        ((f"ทดสอบ{i}", f"นายทดสอบ{i}", f"ทดสอบ{i}", "ลำปาง") for i in range(20_000)),
    )
    conn.executemany(
        "INSERT INTO meetings (title, start_date, end_date) VALUES (?, '2024-03-01', '2024-03-01')",
        ((f"เวที {i}",) for i in range(1000)),
    )
    conn.execute("INSERT INTO meeting_days (meeting_id, day) SELECT id, start_date FROM meetings")
    conn.execute(
        "INSERT INTO attendance (meeting_id, day, member_id)"
        " SELECT m.id, m.start_date, p.id FROM meetings m JOIN members p"
        " ON p.id BETWEEN (m.id - 1) * 20 + 1 AND (m.id - 1) * 20 + 100"
    )
    # The triggers logged 120,000 rows of JSON; they only make every copy slower here.
    conn.execute("DELETE FROM change_log")
    conn.execute("UPDATE _context SET command = NULL WHERE id = 1")
    conn.execute("COMMIT")
    conn.execute("VACUUM")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def test_migration_survives_sigkill(
    tmp_path: Path, old_db: Path, reference_schemas: dict[int, set]
) -> None:
    """Killed while migrating 0001 → latest: each step is whole; the next open finishes."""
    latest = max(reference_schemas)
    assert latest >= 2, "only one migration: nothing to migrate"
    rng = random.Random(SEED)
    members, attendance = count(old_db), count(old_db, "attendance")

    def state(db: Path) -> int:
        conn = raw(db)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            recorded = conn.execute("SELECT max(number) FROM _migrations").fetchone()[0]
            schema = _schema(conn)
        finally:
            conn.close()
        assert recorded == version, f"_migrations says {recorded}, user_version {version}"
        assert schema == reference_schemas[version], (
            f"schema at version {version} is a mix: "
            f"{sorted(schema ^ reference_schemas[version])[:3]}"
        )
        assert (count(db), count(db, "attendance")) == (members, attendance)
        return version

    full = copy_db(old_db, tmp_path / "full.db")
    first = ok(netcli(full, "db", "status", "--format", "json", watch=full))
    assert first.json()["schema_version"] == latest
    assert state(full) == latest
    # "A migration first copies the database aside": the copy is the old database, whole.
    (copy,) = tmp_path.glob("full.db.before-migration-*")
    conn = raw(copy)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    finally:
        conn.close()
    assert problems(copy) == [] and count(copy) == members
    seen = Counter()
    touched = first.touched_at or 0.0
    for n, at in enumerate(kill_instants(CRASH_KILLS, rng, first.seconds, touched)):
        db = copy_db(old_db, tmp_path / f"kill{n}.db")
        run_child(argv(db, "db", "status"), cwd=tmp_path, signal_after=at)
        where = f"seed {SEED}, kill {n} at {at:.2f} s of {first.seconds:.2f} s"
        assert problems(db) == [], where
        seen[state(db)] += 1
        # A later open finishes the job.
        again = ok(netcli(db, "db", "status", "--format", "json"))
        assert again.json()["schema_version"] == latest, where
        assert state(db) == latest and problems(db) == [], where
        for leftover in tmp_path.glob(f"kill{n}.db*"):
            leftover.unlink()
    print(
        f"\nmigration: T={first.seconds:.2f}s (db touched at {touched:.2f}s)"
        f" versions after kills {dict(seen)} seed={SEED}"
    )
