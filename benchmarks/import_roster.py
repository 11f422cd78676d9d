"""Benchmark: ``netcli import`` against pandas (calamine engine + ``to_sql``) on one roster.

Generates a realistic 100,000-row .xlsx roster (title rows, Thai names with prefixes, real
subdistrict/district/province combinations from geothai, a quarter of the phones as numbers
that lost their leading zero, Excel and Thai-text dates, an empty signature column), then times,
alternating in one run:

* ``netcli --db fresh.db import roster.xlsx --format json`` (a subprocess: reading, header
  mapping, validation of every cell, duplicates, change log, import_rows), and
* ``pandas.read_excel(engine="calamine")`` + ``DataFrame.to_sql`` into a fresh SQLite file
  (a subprocess: no validation at all).

Prints both medians, the ratio netcli/pandas (goal <= 1.5, issue 11) and each child's peak memory
(ru_maxrss; goal < 300 MB). pandas is a bench-only extra (``pip install netcli[bench]``).

    python benchmarks/import_roster.py [--rows 100000] [--rounds 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

PREFIXES = ["นาย", "นาง", "นางสาว", "น.ส.", "ดร.", "ว่าที่ ร.ต."]
FIRST = (
    "ประกิจ สมชาย สมศรี สมหญิง ชไมพร วิไล บุญมี บุญเรือน สุนทร สุภาพ อำนาจ อรุณ เกรียงไกร"
    " จันทร์เพ็ญ ทองใบ ทองคำ นิพนธ์ ปราณี พรทิพย์ มาลี รัตนา ละเอียด วันเพ็ญ ศรีสุดา สมพร"
    " สายสุนีย์ อนุชา อุไร กมล กัลยา ขวัญใจ จิราพร ชัยวัฒน์ ณรงค์ ดวงใจ ธีระ นงลักษณ์ บัวผัน"
    " ประเสริฐ พิมพ์ใจ มานพ ยุพิน วิชัย ศักดิ์ชัย สมบัติ สุรชัย หนูเพียร อัมพร เอกชัย คำปัน"
    " แสงเดือน บุญช่วย จำปี ลำดวน บัวคำ สมบูรณ์ ประยูร เพ็ญศรี สุวรรณ ทวีศักดิ์ พงษ์ศักดิ์"
).split()
LAST_A = "เสาร์ แก้ว ศรี ทอง บุญ สุข มณี คำ จันทร์ ใจ วงศ์ ชัย ดี สม พรหม อินทร์ เรือง".split()
LAST_B = "แก้ว ใจดี มา สุข ประเสริฐ ทอง วงศ์ สกุล ศรี ทา อ่อน เมือง สุวรรณ คำ รักษ์ ชัย".split()
ROLES = ["ประธานเครือข่าย", "รองประธาน", "เลขานุการ", "กรรมการ", "สมาชิก", "อาสาสมัคร", "ผู้ใหญ่บ้าน", None]
ORGS = ["กองทุนสวัสดิการชุมชน", "สภาองค์กรชุมชน", "อสม.", "กลุ่มสตรี", "อบต.", "เทศบาล", None]


def _places(rng: random.Random) -> list[tuple[str, str, str]]:
    import geothai

    out = []
    for p in geothai.provinces():
        for d in geothai.districts(p.code):
            for s in geothai.subdistricts(d.code):
                out.append((s.name_th, d.name_th, p.name_th))
    rng.shuffle(out)
    return out[:3000]


def generate(path: Path, rows: int, seed: int = 2569) -> Path:
    """Write a roster of ``rows`` people to ``path`` (.xlsx, openpyxl write-only)."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    lasts = [a + b for a in LAST_A for b in LAST_B]
    places = _places(rng)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("รายชื่อ")
    ws.append(["รายชื่อสมาชิกเครือข่ายพัฒนาสังคม ประจำปีงบประมาณ 2569"])
    ws.append(["ข้อมูล ณ วันที่ 1 ตุลาคม 2568"])
    ws.append([])
    ws.append(["ที่", "ชื่อ - สกุล", "ตำแหน่ง", "หน่วยงาน", "หมู่ที่", "ตำบล", "อำเภอ", "จังหวัด",
               "เบอร์โทร", "วันที่เข้าร่วม", "ลายมือชื่อ"])  # fmt: skip
    start = date(2560, 1, 1).replace(year=2017)
    thai_digits = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
    for i in range(1, rows + 1):
        sub, dist, prov = rng.choice(places)
        prefix = rng.choice(PREFIXES)
        sep = " " if prefix.endswith(".") and prefix != "น.ส." else ""
        name = f"{prefix}{sep}{rng.choice(FIRST)}{rng.choice(FIRST)} {rng.choice(lasts)}"
        mobile = f"0{rng.choice('689')}{rng.randrange(10_000_000, 99_999_999)}"
        phone: object = int(mobile) if i % 4 == 0 else f"{mobile[:3]}-{mobile[3:6]}-{mobile[6:]}"
        joined: object = None
        if i % 3 == 0:
            joined = start + timedelta(days=rng.randrange(3000))
        elif i % 3 == 1:
            d = start + timedelta(days=rng.randrange(3000))
            joined = f"{d.day}/{d.month}/{d.year + 543}"
        number: object = str(i).translate(thai_digits) if i % 2 else i
        ws.append([number, name, rng.choice(ROLES), rng.choice(ORGS), rng.randrange(1, 20),
                   sub, rng.choice(("อ.", "อำเภอ", "")) + dist, prov, phone, joined, None])  # fmt: skip
    ws.append([None, f"รวม {rows} คน"])
    wb.save(path)
    return path


def _run(cmd: list[str], cwd: Path) -> tuple[float, float, str]:
    """Wall time (s), peak RSS (MB) of exactly this child (os.wait4), and its stdout."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - t0
        proc.returncode = code = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        if code not in (0, 1):
            sys.stderr.write(err.read().decode("utf-8", "replace"))
            raise SystemExit(f"{' '.join(cmd[:4])} failed with {code}")
        return elapsed, usage.ru_maxrss / 1024, out.read().decode("utf-8")


PANDAS = """
import sqlite3, sys, pandas as pd
df = pd.read_excel(sys.argv[1], engine="calamine", skiprows=3, dtype=object)
con = sqlite3.connect(sys.argv[2])
df.to_sql("members", con, index=False)
con.commit()
print(len(df))
"""


def _fresh(db: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="folder to keep the generated roster in")
    args = parser.parse_args()

    folder = (args.keep or Path(tempfile.mkdtemp(prefix="netcli-bench-"))).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    roster = folder / f"roster-{args.rows}.xlsx"
    if not roster.exists():
        t0 = time.perf_counter()
        generate(roster, args.rows)
        size = roster.stat().st_size / 1e6
        print(f"generated {roster} ({size:.1f} MB) in {time.perf_counter() - t0:.1f} s")
    print(
        f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}, cpus: {os.cpu_count()}"
    )

    results: dict[str, list[tuple[float, float]]] = {"netcli": [], "pandas": []}
    report = None
    for round_ in range(args.rounds):
        for kind in ("netcli", "pandas") if round_ % 2 == 0 else ("pandas", "netcli"):
            db = _fresh(folder / f"{kind}.db")
            if kind == "netcli":
                # Children run in the bench folder, so that a source checkout in the current
                # folder does not shadow the netcli that PYTHONPATH or the venv points at.
                cmd = [sys.executable, "-m", "netcli", "--db", str(db), "import", str(roster),
                       "--format", "json", "--report", str(folder / "errors.xlsx")]  # fmt: skip
                elapsed, peak, out = _run(cmd, folder)
                report = json.loads(out)
            else:
                elapsed, peak, _ = _run(
                    [sys.executable, "-c", PANDAS, str(roster), str(db)], folder
                )
            results[kind].append((elapsed, peak))
            print(f"round {round_ + 1} {kind:6s} {elapsed:6.2f} s  peak {peak:5.0f} MB")

    n = statistics.median(t for t, _ in results["netcli"])
    p = statistics.median(t for t, _ in results["pandas"])
    if report:
        counts = {k: report[k] for k in ("inserted", "updated", "unchanged", "rejected")}
        print("netcli report:", counts, "warnings:", len(report["warnings"]))
    print(
        f"netcli import   median {n:6.2f} s   peak {max(m for _, m in results['netcli']):5.0f} MB"
    )
    print(
        f"pandas+to_sql   median {p:6.2f} s   peak {max(m for _, m in results['pandas']):5.0f} MB"
    )
    print(f"ratio netcli/pandas = {n / p:.2f} (goal <= 1.5); peak goal < 300 MB")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
