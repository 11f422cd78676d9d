"""Scale: netcli on 1,000,000 members, 100,000 meetings and 2,000,000 attendance rows.

Builds the database with ``benchmarks/gen_large.py`` (created and migrated by
``netcli.store.db.connect``; rows loaded with ``executemany`` in one transaction, the change-log
triggers dropped for the load and recreated from their own SQL in the same transaction),
then tops the attendance up to 2,000,000 rows the same way. Then times, as real
subprocesses (median of ``--runs``):

* ``member list --province`` (json and the Thai-sorted table) and ``member list --search``
  (a common name, all 50,000 of its members and the first 50; a full name; a rare name; a
  two-letter text, which the trigram index cannot answer and a scan does),
* ``summary`` (all provinces, one province, a region, a fiscal year),
* ``import`` of a fresh 20,000-row roster into the big database (rows per second), and its
  ``import undo``; ``member add --from`` of 5,000 rows.

Prints one JSON report (also written to benchmarks/out/scale.json):

    python benchmarks/scale.py [--db benchmarks/out/scale.db] [--runs 3] [--keep]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
ATTENDANCE = 2_000_000


def _gen_large():
    spec = importlib.util.spec_from_file_location("gen_large", HERE / "gen_large.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _top_up_attendance(path: Path, target: int, seed: int) -> int:
    """Add attendance rows (people of the meeting's province) until ``target`` rows."""
    from netcli.store.db import connect

    conn = connect(path)
    conn.execute("PRAGMA cache_size = -400000")
    have = conn.execute("SELECT count(*) FROM attendance").fetchone()[0]
    if have >= target:
        conn.close()
        return have
    rng = random.Random(seed)
    ranges = {
        code: (lo, hi)
        for code, lo, hi in conn.execute(
            "SELECT province_code, min(id), max(id) FROM members GROUP BY province_code"
        )
    }
    days = conn.execute(
        "SELECT d.meeting_id, d.day, m.province_code FROM meeting_days d"
        " JOIN meetings m ON m.id = d.meeting_id"
    ).fetchall()
    conn.execute("BEGIN IMMEDIATE")
    try:
        triggers = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'attendance_log_%'"
        ).fetchall()
        for name, _ in triggers:
            conn.execute(f"DROP TRIGGER {name}")
        while have < target:
            batch = []
            for _ in range(min(200_000, (target - have) * 2)):
                meeting, day, code = days[rng.randrange(len(days))]
                lo, hi = ranges.get(code, (1, 1_000_000))
                batch.append((meeting, day, rng.randint(lo, hi)))
            conn.executemany(
                "INSERT OR IGNORE INTO attendance (meeting_id, day, member_id) VALUES (?, ?, ?)",
                batch,
            )
            have = conn.execute("SELECT count(*) FROM attendance").fetchone()[0]
        # Trim the overshoot of the last batch, to the exact figure.
        conn.execute(
            "DELETE FROM attendance WHERE id IN (SELECT id FROM attendance ORDER BY id DESC LIMIT ?)",
            (have - target,),
        )
        for _, sql in triggers:
            conn.execute(sql)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
    return target


def build(path: Path, seed: int) -> dict:
    started = time.perf_counter()
    counts = _gen_large().generate(path, 1_000_000, 100_000, seed)
    counts["attendance"] = _top_up_attendance(path, ATTENDANCE, seed)
    counts["build_seconds"] = round(time.perf_counter() - started, 1)
    return counts


def _netcli(db: Path, *args: str, stdin: str | None = None) -> tuple[float, str, str]:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "netcli", "--db", str(db), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        input=stdin,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"netcli {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return elapsed, proc.stdout, proc.stderr


def _median(db: Path, runs: int, *args: str) -> dict:
    times, out = [], ""
    for _ in range(runs):
        t, out, _ = _netcli(db, *args)
        times.append(t)
    rows = None
    if "json" in args:
        try:
            data = json.loads(out)
            rows = len(data) if isinstance(data, list) else None
        except ValueError:
            pass
    return {"median_s": round(statistics.median(times), 3), "rows": rows}


def _roster(path: Path, n: int, seed: int) -> Path:
    from openpyxl import Workbook

    rng = random.Random(seed)
    first = "ประกิจ สมชาย สมศรี วิไล บุญมี สุนทร อรุณ ทองใบ มาลี ชไมพร".split()
    last = "เสาร์แก้ว ศรีสุข ทองดี บุญมา ใจดี คำปัน".split()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("รายชื่อ")
    ws.append(["รายชื่อสมาชิกเครือข่าย (ชุดทดสอบขนาดใหญ่)"])
    ws.append(["ที่", "ชื่อ - สกุล", "ตำแหน่ง", "จังหวัด", "เบอร์โทร"])
    for i in range(n):
        name = f"นาย{rng.choice(first)}ใหม่{i} {rng.choice(last)}"
        ws.append([i + 1, name, "สมาชิก", rng.choice(["ลำปาง", "น่าน", "เชียงใหม่"]), f"09{i:08d}"])
    wb.save(path)
    return path


def measure(db: Path, runs: int) -> dict:
    report: dict = {}
    report["list"] = {
        "province json (ลำปาง)": _median(
            db, runs, "member", "list", "--province", "ลำปาง", "-f", "json"
        ),
        "province table (ลำปาง)": _median(db, runs, "member", "list", "--province", "ลำปาง"),
        "search json (common: สมชาย)": _median(
            db, runs, "member", "list", "--search", "สมชาย", "-f", "json"
        ),
        "search json (common: สมชาย, --limit 50)": _median(
            db, runs, "member", "list", "--search", "สมชาย", "--limit", "50", "-f", "json"
        ),
        "search json (full name: สมชาย ใจดี)": _median(
            db, runs, "member", "list", "--search", "สมชาย ใจดี", "-f", "json"
        ),
        "search json (2 characters, scan: ชา, --limit 50)": _median(
            db, runs, "member", "list", "--search", "ชา", "--limit", "50", "-f", "json"
        ),
        "search json (rare: ไม่มีใครชื่อนี้)": _median(
            db, runs, "member", "list", "--search", "ไม่มีใครชื่อนี้", "-f", "json"
        ),
        "province + search json": _median(
            db, runs, "member", "list", "--province", "น่าน", "--search", "สมศรี", "-f", "json"
        ),
    }
    report["summary"] = {
        "all provinces json": _median(db, runs, "summary", "-f", "json"),
        "all provinces table": _median(db, runs, "summary"),
        "one province json": _median(db, runs, "summary", "--province", "ลำปาง", "-f", "json"),
        "region json": _median(db, runs, "summary", "--region", "ภาคเหนือตอนบน", "-f", "json"),
        "fiscal year json": _median(db, runs, "summary", "--fiscal-year", "2567", "-f", "json"),
    }
    with tempfile.TemporaryDirectory() as tmp:
        roster = _roster(Path(tmp) / "roster-20000.xlsx", 20_000, 7)
        t, out, err = _netcli(db, "import", str(roster), "--format", "json")
        result = json.loads(out)
        report["import 20,000 rows"] = {
            "seconds": round(t, 2),
            "rows_per_second": round(20_000 / t),
            "inserted": result.get("inserted"),
        }
        listing = json.loads(_netcli(db, "import", "list", "-f", "json")[1])
        newest = max(listing, key=lambda r: r["id"])["id"]
        t, _, err = _netcli(db, "import", "undo", str(newest))
        report["import undo 20,000 rows"] = {"seconds": round(t, 2)}
        rows = Path(tmp) / "add.ndjson"
        rows.write_text(
            "\n".join(
                json.dumps({"name": f"นางทดสอบ ขนาดใหญ่{i}", "province": "น่าน"}, ensure_ascii=False)
                for i in range(5000)
            ),
            encoding="utf-8",
        )
        t, out, err = _netcli(db, "member", "add", "--from", str(rows), "-f", "json")
        report["member add --from 5,000 rows"] = {
            "seconds": round(t, 2),
            "rows_per_second": round(5000 / t),
        }
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=OUT / "scale.db")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2569)
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    result: dict = {}
    if not args.db.exists():
        result["built"] = build(args.db, args.seed)
    from netcli.store.db import connect

    conn = connect(args.db)
    result["counts"] = {
        t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("members", "meetings", "meeting_days", "attendance", "memberships", "change_log")
    }
    conn.close()
    result["db_size_mb"] = round(args.db.stat().st_size / 1e6, 1)
    result.update(measure(args.db, args.runs))
    text = json.dumps(result, ensure_ascii=False, indent=2)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "scale.json").write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
