"""Benchmark: what the change log costs on disk (issue 11's acceptance figures).

1. Generates a 20,000-row roster (the generator of ``benchmarks/import_roster.py``), imports it
   into a fresh database with the real CLI and reports the bytes per member of the whole file.
2. Makes a second database the same way from a roster of other people (another seed), merges
   both into an empty database (``netcli init`` then ``netcli merge A`` and ``netcli merge B``)
   and reports the merged file's size over the sum of the two.

Sizes are taken after each command has finished and closed the database: netcli's last
connection checkpoints the WAL into the file and removes it, and any ``-wal`` left over is
counted too. Nothing is vacuumed (the figures are what a user's file is); the free pages
are reported beside them so a VACUUM's effect is visible.

Goals: at most 1,000 bytes per member; merged file at most 1.1x the two together.

    python benchmarks/changelog_size.py [--rows 20000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_roster import generate  # noqa: E402


def _netcli(db: Path, *args: str) -> str:
    cmd = [sys.executable, "-m", "netcli", "--db", str(db), *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd[3:7])} failed ({proc.returncode}):\n{proc.stderr}")
    return proc.stdout


def _size(db: Path) -> int:
    return sum(p.stat().st_size for p in (db, Path(f"{db}-wal")) if p.exists())


def _pages(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        free = conn.execute("PRAGMA freelist_count").fetchone()[0]
        members = conn.execute("SELECT count(*) FROM members").fetchone()[0]
        log = conn.execute("SELECT count(*) FROM change_entries").fetchone()[0]
        try:
            per_table = {
                name: size
                for name, size in conn.execute(
                    "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 8"
                )
            }
        except sqlite3.OperationalError:  # SQLite built without dbstat
            per_table = {}
    finally:
        conn.close()
    return {
        "free_bytes": free * page,
        "rows": {"members": members, "change_log": log},
        "bytes": per_table,
    }


# What each part of the file is for, by table or index name (dbstat): a name ending in "*" is
# a prefix; the first part that names a table or index takes it.
_PARTS = (
    ("member rows", ("members",)),
    ("member indexes", ("sqlite_autoindex_members_*", "members_*")),
    ("search index", ("member_search*",)),
    ("organization links", ("member_organizations*", "sqlite_autoindex_member_organizations_*")),
    ("organizations", ("organizations*", "sqlite_autoindex_organizations_*")),
    ("change log", ("change_*",)),
    ("import rows", ("import_rows*",)),
)


def _part(name: str) -> str:
    for label, patterns in _PARTS:
        for p in patterns:
            if name == p or (p.endswith("*") and name.startswith(p[:-1])):
                return label
    return "other"


def _breakdown(db: Path) -> dict[str, float]:
    """Bytes per member of each part of the file (dbstat), the rest as "other"."""
    conn = sqlite3.connect(db)
    try:
        members = conn.execute("SELECT count(*) FROM members").fetchone()[0] or 1
        sizes = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
    except sqlite3.OperationalError:  # SQLite built without dbstat
        return {}
    finally:
        conn.close()
    out: dict[str, float] = {}
    for name, size in sizes:
        out[_part(name)] = out.get(_part(name), 0) + size / members
    return {k: round(v) for k, v in sorted(out.items(), key=lambda kv: -kv[1])}


def _fresh(db: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return db


def _imported(folder: Path, name: str, rows: int, seed: int) -> Path:
    roster = folder / f"roster-{name}-{rows}.xlsx"
    if not roster.exists():
        generate(roster, rows, seed=seed)
    db = _fresh(folder / f"{name}.db")
    t0 = time.perf_counter()
    report = json.loads(_netcli(db, "import", str(roster), "--format", "json"))
    print(
        f"import {name}: {report['inserted']} inserted, {report['rejected']} rejected"
        f" in {time.perf_counter() - t0:.1f} s"
    )
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--keep", type=Path, help="folder to keep the rosters and databases in")
    args = parser.parse_args()
    folder = (args.keep or Path(tempfile.mkdtemp(prefix="netcli-logsize-"))).resolve()
    folder.mkdir(parents=True, exist_ok=True)

    a = _imported(folder, "a", args.rows, 2569)
    info_a = _pages(a)
    per_member = _size(a) / info_a["rows"]["members"]
    print(f"a.db: {_size(a):,} bytes, {info_a}")
    print(f"bytes per member after a {args.rows:,}-row import: {per_member:,.0f} (goal <= 1,000)")
    print(f"  of which, per member: {_breakdown(a)}")

    b = _imported(folder, "b", args.rows, 2570)
    merged = _fresh(folder / "merged.db")
    _netcli(merged, "init")
    for other in (a, b):
        t0 = time.perf_counter()
        _netcli(merged, "merge", str(other), "--format", "json")
        print(f"merge {other.name}: {time.perf_counter() - t0:.1f} s")
    info_m = _pages(merged)
    ratio = _size(merged) / (_size(a) + _size(b))
    print(f"merged.db: {_size(merged):,} bytes, {info_m}")
    print(
        f"merged / (a + b) = {_size(merged):,} / {_size(a) + _size(b):,} = {ratio:.3f} (goal <= 1.1)"
    )


if __name__ == "__main__":
    main()
