"""Benchmark: ``netcli summary`` on a large database, through the real CLI (a subprocess).

Times, in alternation, a national summary and a one-province summary (JSON, so rendering a
table does not count), plus a regional fiscal-year summary, and prints the medians against
the goals of issue 5 (national < 2 s, one province < 0.3 s). Start-up of the process is
included: that is what a script pays. Make the database first:

    python benchmarks/gen_large.py /tmp/big.db
    python benchmarks/summary_bench.py /tmp/big.db [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CASES = [
    ("national", [], 2.0),
    ("one province (ลำปาง)", ["--province", "ลำปาง"], 0.3),
    (
        "region + fiscal year (ภาคเหนือตอนบน, 2567)",
        ["--region", "ภาคเหนือตอนบน", "--fiscal-year", "2567"],
        None,
    ),
    ("national, --depth subdistrict", ["--depth", "subdistrict"], None),
    ("same command on an empty database (start-up)", None, None),
]


def _run(db: Path, args: list[str] | None, empty: Path | None = None) -> float:
    """Seconds for one ``netcli summary --format json`` process (``args`` None: on ``empty``)."""
    target = empty if args is None else db
    command = [sys.executable, "-m", "netcli", "--db", str(target), "summary", "--format", "json"]
    command += args or []
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    started = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=env)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{proc.stderr}")
    json.loads(proc.stdout)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if not args.db.exists():
        sys.exit(f"{args.db} does not exist: make it with benchmarks/gen_large.py")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    empty = Path(tempfile.mkdtemp(prefix="netcli-bench-")) / "empty.db"
    _run(args.db, [])  # warm the page cache once: the figures are for a file the OS has read
    _run(args.db, None, empty)  # creates and migrates the empty database
    times: dict[str, list[float]] = {name: [] for name, _, _ in CASES}
    for _ in range(args.rounds):
        for name, case_args, _ in CASES:
            times[name].append(_run(args.db, case_args, empty))
    print(
        f"database {args.db} ({args.db.stat().st_size / 1e6:,.0f} MB), {args.rounds} rounds,"
        f" {os.cpu_count()} CPUs, load average {load:.1f} before the run"
    )
    for name, _, goal in CASES:
        median = statistics.median(times[name])
        line = f"  {name:45s} median {median:6.3f} s  (min {min(times[name]):.3f}, max {max(times[name]):.3f})"
        if goal:
            line += f"  goal < {goal} s: {median / goal:.2f} of it, {'ok' if median < goal else 'MISSED'}"
        print(line)


if __name__ == "__main__":
    main()
