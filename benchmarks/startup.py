"""Start-up budget: netcli's commands against the same machine's baselines, in one run.

Measures, alternating runs so that machine load hits both sides alike:
  netcli member add …            vs  sqlite-utils insert DB members -  (one row)   goal ratio <= 1.0
  netcli member list --format json  vs  the same sqlite-utils insert                 (reported)
  netcli --version               vs  python -c "import sqlite3"                     goal ratio <  2.0

Usage: python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = BIN / name
    if found.exists():
        return str(found)
    which = shutil.which(name)
    if not which:
        sys.exit(f"{name} is not installed next to {sys.executable}")
    return which


def _time(cmd: list[str], stdin: str | None = None) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, input=stdin, capture_output=True, text=True, encoding="utf-8")
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    netcli, sqlite_utils = _tool("netcli"), _tool("sqlite-utils")
    work = Path(tempfile.mkdtemp(prefix="netcli-startup-"))
    db, baseline = work / "netcli.db", work / "baseline.db"
    env_db = ["--db", str(db)]
    subprocess.run([netcli, *env_db, "init"], check=True, capture_output=True)
    rows = "\n".join(
        json.dumps({"name": f"นายทดสอบ ลำดับที่{i}", "province": "ลำปาง"}, ensure_ascii=False)
        for i in range(50)
    )
    subprocess.run(
        [netcli, *env_db, "member", "add", "--from", "-"],
        input=rows,
        text=True,
        check=True,
        capture_output=True,
    )
    one_row = json.dumps(
        {"full_name": "นายประกิจ เสาร์แก้ว", "province": "เชียงใหม่", "phone": "0812345678"},
        ensure_ascii=False,
    )
    _time(
        [sqlite_utils, "insert", str(baseline), "members", "-"], one_row
    )  # create the table first

    times: dict[str, list[float]] = {k: [] for k in ("add", "insert", "list", "version", "python")}
    for i in range(args.runs):
        times["add"].append(
            _time(
                [
                    netcli,
                    *env_db,
                    "member",
                    "add",
                    f"นายประกิจ เสาร์แก้ว{i}",
                    "--subdistrict",
                    "ป่าไผ่",
                    "--district",
                    "สันทราย",
                    "--province",
                    "จ.เชียงใหม่",
                    "--phone",
                    f"08123{i:05d}",
                ]
            )
        )
        times["insert"].append(
            _time([sqlite_utils, "insert", str(baseline), "members", "-"], one_row)
        )
        times["list"].append(_time([netcli, *env_db, "member", "list", "--format", "json"]))
        times["version"].append(_time([netcli, "--version"]))
        times["python"].append(_time([sys.executable, "-c", "import sqlite3"]))
    med = {k: statistics.median(v) for k, v in times.items()}
    print(
        f"runs: {args.runs} each, alternating; load average {os.getloadavg()[0]:.2f}"
        if hasattr(os, "getloadavg")
        else ""
    )
    print(f"netcli member add           {med['add'] * 1000:7.1f} ms")
    print(f"sqlite-utils insert (1 row) {med['insert'] * 1000:7.1f} ms")
    print(f"netcli member list --json   {med['list'] * 1000:7.1f} ms")
    print(f"netcli --version            {med['version'] * 1000:7.1f} ms")
    print(f'python -c "import sqlite3"  {med["python"] * 1000:7.1f} ms')
    add_ratio = med["add"] / med["insert"]
    list_ratio = med["list"] / med["insert"]
    version_ratio = med["version"] / med["python"]
    print(
        f"ratio member add / sqlite-utils insert: {add_ratio:.2f}  (goal <= 1.0) {'OK' if add_ratio <= 1.0 else 'OVER'}"
    )
    print(f"ratio member list / sqlite-utils insert: {list_ratio:.2f}")
    print(
        f"ratio --version / python import sqlite3: {version_ratio:.2f}  (goal < 2.0) {'OK' if version_ratio < 2.0 else 'OVER'}"
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
