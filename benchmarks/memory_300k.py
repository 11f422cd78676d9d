"""Memory of big files (issue 17): exporting and importing 300,000 members.

Builds a 300,000-member database with ``benchmarks/gen_large.py`` (netcli's own schema), then
measures each command's own peak resident memory (``ru_maxrss`` of the child, read by a small
launcher process so that this script's size does not count) and its wall time:

* ``export roster -o roster.xlsx`` (streamed, write-only workbook) and ``--split-by province``,
* ``export roster -o roster.csv``,
* ``import`` of the exported roster.csv into a fresh database (the 300,000-member xlsx is
  refused by the importer's zip-size guard, 200 MB of XML, as it was before streaming).
  gen_large draws names from short lists (about 1,200 different names for 300,000 rows), so
  this import folds thousands of "same person" rows and its warnings, not the rows, take the
  memory: a measure of that path, not of a real roster,
* ``import`` of a wide CSV: 300,000 different people x 200 columns (name, role, place, phone
  and 194 short filler columns): the figure for importing 300,000 members.

The goal (issue 17): every figure under 300 MB. Prints one JSON report (also written to
benchmarks/out/memory_300k.json):

    python benchmarks/memory_300k.py [--members 300000] [--columns 200] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
GOAL_MB = 300

_LAUNCHER = """
import os, sys
pid = os.posix_spawn(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as f:
    f.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def measure(args: list[str], folder: Path) -> dict[str, float | int]:
    """Run ``python -m netcli ARGS`` and return its peak RSS (MB), seconds and exit code."""
    peak = folder / "peak"
    cmd = [sys.executable, "-I", "-c", _LAUNCHER, str(peak), sys.executable, "-m", "netcli", *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=folder, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 1) or "Traceback" in proc.stderr:
        sys.exit(f"{args} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    if proc.returncode == 1:  # rows rejected (an import): say which
        print(proc.stderr[-500:], file=sys.stderr)
    return {
        "peak_mb": round(int(peak.read_text()) / 1024, 1),
        "seconds": round(seconds, 1),
        "exit": proc.returncode,
    }


def _gen_large():
    spec = importlib.util.spec_from_file_location("gen_large", HERE / "gen_large.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


_LETTERS = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภม"


def _unique(i: int) -> str:
    """A different Thai surname ending for every number (no digits in a name)."""
    out = ""
    while True:
        i, r = divmod(i, len(_LETTERS))
        out = _LETTERS[r] + out
        if i == 0:
            return out


def wide_csv(path: Path, roster_db: Path, columns: int) -> int:
    """A CSV of the members' places with a distinct name and phone for each row (a real
    roster: 300,000 different people), plus filler columns up to ``columns`` wide."""
    import sqlite3

    conn = sqlite3.connect(roster_db)
    rng = random.Random(17)
    extra = [f"คอลัมน์อื่น {i}" for i in range(columns - 6)]
    rows = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["ชื่อ - สกุล", "ตำแหน่ง", "ตำบล", "อำเภอ", "จังหวัด", "โทรศัพท์", *extra])
        for prefix, first, role, sub, dist, prov in conn.execute(
            "SELECT prefix, first_name, role, subdistrict, district, province FROM members"
        ):
            filler = [rng.choice(("ก", "", "", "1", "12")) for _ in extra]
            name = f"{prefix or 'นาย'}{first} ใจดี{_unique(rows)}"
            phone = f"08{rows:08d}"
            writer.writerow([name, role, sub, dist, prov, phone, *filler])
            rows += 1
    conn.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=300_000)
    parser.add_argument("--columns", type=int, default=200)
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder, keep it")
    parser.add_argument(
        "--imports-only", action="store_true", help="with --keep: skip the exports (done before)"
    )
    args = parser.parse_args()
    if os.name != "posix":
        sys.exit("peak memory is read with os.wait4 (POSIX)")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="netcli-memory-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "big.db"
    report: dict[str, object] = {"members": args.members, "goal_mb": GOAL_MB}
    try:
        if not db.exists():
            started = time.perf_counter()
            _gen_large().generate(db, args.members, 100, 2569)
            report["generate_seconds"] = round(time.perf_counter() - started, 1)
        runs = {
            "export_roster_xlsx": ["--db", str(db), "export", "roster", "-o", "roster.xlsx"],
            "export_roster_xlsx_split_province": [
                "--db", str(db), "export", "roster", "-o", "split.xlsx", "--split-by", "province",
            ],
            "export_roster_csv": ["--db", str(db), "export", "roster", "-o", "roster.csv"],
        }  # fmt: skip
        for name, argv in runs.items() if not args.imports_only else ():
            (folder / argv[argv.index("-o") + 1]).unlink(missing_ok=True)
            report[name] = measure(argv, folder)
            print(name, report[name], file=sys.stderr)
        for stale in ("fresh.db", "wide.db"):
            for suffix in ("", "-wal", "-shm"):
                (folder / f"{stale}{suffix}").unlink(missing_ok=True)
        report["import_exported_csv"] = measure(
            ["--db", str(folder / "fresh.db"), "import", "roster.csv", "-f", "json"], folder
        )
        print("import_exported_csv", report["import_exported_csv"], file=sys.stderr)
        wide = folder / "wide.csv"
        report["wide_csv_rows"] = wide_csv(wide, db, args.columns)
        report["wide_csv_mb"] = round(wide.stat().st_size / 1e6, 1)
        report["import_wide_csv"] = measure(
            ["--db", str(folder / "wide.db"), "import", "wide.csv", "-f", "json"], folder
        )
        print("import_wide_csv", report["import_wide_csv"], file=sys.stderr)
        report["all_under_goal"] = all(
            v["peak_mb"] < GOAL_MB for v in report.values() if isinstance(v, dict)
        )
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    OUT.mkdir(exist_ok=True)
    (OUT / "memory_300k.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
