"""Generate a large netcli database for the summary benchmark.

1,000,000 members spread over the real subdistricts of the 77 provinces (geothai), 200
networks with 300,000 memberships, 100,000 meetings (2562–2569, one to three days) with
about 1.3 million attendance rows, and 20,000 follow-up actions.

The file is created and migrated by netcli itself (``netcli.store.db.connect``), so it has every
table, index and trigger the product has. Rows go in with ``executemany`` in ONE transaction.
The change-log triggers would add an entry per row (and refuse a write outside ``db.write``),
so this script drops them for the load and recreates them, from their own SQL in
``sqlite_master``, in the same transaction: the schema that comes out is exactly the one
netcli made, only the history of these synthetic rows is missing.

    python benchmarks/gen_large.py OUT.db [--members 1000000] [--meetings 100000] [--seed 2569]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

SECTORS = ["ภาคประชาชน"] * 5 + ["ภาครัฐ"] * 2 + [
    "ภาคเอกชน", "ประชาสังคม", "องค์กรปกครองส่วนท้องถิ่น", "วิชาการ", "สื่อ", "อาสาสมัคร", None,
]  # fmt: skip
PREFIXES = ["นาย", "นาง", "นางสาว"]
FIRST = "ประกิจ สมชาย สมศรี สมหญิง ชไมพร วิไล บุญมี สุนทร สุภาพ อำนาจ อรุณ เกรียงไกร ทองใบ นิพนธ์ ปราณี พรทิพย์ มาลี รัตนา วันเพ็ญ กมล".split()
LAST = "เสาร์แก้ว ศรีสุข ทองดี บุญมา ใจดี วงศ์ชัย พรหมมา อินทร์แก้ว เรืองศรี คำปัน จันแปงเงิน สายสูง".split()
KINDS = ["เวที", "ประชุม", "อบรม", "สัมมนา", "ศึกษาดูงาน"]
ROLES = ["ผู้เข้าร่วม"] * 8 + ["วิทยากร", "ประธาน", "ผู้จัด"]


def _places() -> list[tuple[str, str, str, str, str, str]]:
    """(province code, province, district code, district, subdistrict code, subdistrict)."""
    import geothai

    out = []
    for p in geothai.provinces():
        for d in geothai.districts(p.code):
            for s in geothai.subdistricts(d.code):
                out.append((p.code, p.name_th, d.code, d.name_th, s.code, s.name_th))
    return out


def generate(path: Path, members: int, meetings: int, seed: int) -> dict[str, int]:
    from netcli.store.db import connect

    if path.exists():
        sys.exit(f"{path} exists; give a new file name")
    rng = random.Random(seed)
    places = _places()
    conn = connect(path)
    conn.execute("PRAGMA cache_size = -400000")  # 400 MB of page cache for the load
    counts: dict[str, int] = {}
    started = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    try:
        triggers = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_log_%'"
        ).fetchall()
        for name, _ in triggers:
            conn.execute(f"DROP TRIGGER {name}")

        # Networks: 77 provincial ones, 6 regional ones, and district ones below them.
        networks = []
        for i in range(200):
            place = places[rng.randrange(len(places))]
            level = "จังหวัด" if i < 77 else ("ภาค" if i < 83 else "อำเภอ")
            pcode, pname = (place[0], place[1]) if level != "ภาค" else (None, None)
            networks.append((i + 1, f"เครือข่ายทดสอบ {i + 1}", level, pname, pcode))
        conn.executemany(
            "INSERT INTO networks (id, name, level, province, province_code) VALUES (?, ?, ?, ?, ?)",
            networks,
        )
        counts["networks"] = len(networks)

        # Members, in province order so that each province's ids form one range (attendance
        # below picks people who live where the meeting is held).
        places.sort(key=lambda p: p[0])
        weights = [rng.random() + 0.2 for _ in places]
        chosen = sorted(rng.choices(range(len(places)), weights=weights, k=members))
        rows = []
        ranges: dict[str, list[int]] = {}
        for mid, index in enumerate(chosen, start=1):
            pcode, pname, dcode, dname, scode, sname = places[index]
            prefix, first, last = rng.choice(PREFIXES), rng.choice(FIRST), rng.choice(LAST)
            full = f"{prefix}{first} {last}"
            rows.append((
                mid, prefix, first, last, full, f"{first}{last}{mid}", rng.choice(SECTORS),
                str(rng.randint(1, 15)), sname, scode, dname, dcode, pname, pcode,
                f"08{mid:08d}", "bench",
            ))  # fmt: skip
            ranges.setdefault(pcode, [mid, mid])[1] = mid
            if len(rows) == 50_000:
                _members(conn, rows)
                rows = []
        _members(conn, rows)
        counts["members"] = members

        memberships = set()
        while len(memberships) < members * 3 // 10:
            memberships.add((rng.randint(1, len(networks)), rng.randint(1, members)))
        conn.executemany(
            "INSERT INTO memberships (network_id, member_id) VALUES (?, ?)", sorted(memberships)
        )
        counts["memberships"] = len(memberships)

        # Meetings in the fiscal years 2562-2569, with days and attendance.
        first_day = date(2018, 10, 1)
        span = (date(2026, 11, 20) - first_day).days
        meeting_rows, day_rows, attendance_rows = [], [], []
        for mt in range(1, meetings + 1):
            pcode, pname, dcode, dname, scode, sname = places[rng.randrange(len(places))]
            start = first_day + timedelta(days=rng.randrange(span))
            days = rng.choices([1, 2, 3], weights=[75, 18, 7])[0]
            end = start + timedelta(days=days - 1)
            kind = rng.choice(KINDS)
            meeting_rows.append((
                mt, f"{kind}เครือข่ายพัฒนาสังคม ครั้งที่ {mt}", kind, start.isoformat(), end.isoformat(),
                f"ศาลาประชาคม{sname}", sname, scode, dname, dcode, pname, pcode,
                rng.randint(10, 300), rng.randint(0, 200_000) * 100, rng.randint(1, len(networks)),
            ))  # fmt: skip
            lo, hi = ranges.get(pcode, (1, members))
            people = {rng.randint(lo, hi) for _ in range(rng.randint(0, 20))}
            for k in range(days):
                day = (start + timedelta(days=k)).isoformat()
                day_rows.append((mt, day))
                attendance_rows.extend((mt, day, person, rng.choice(ROLES)) for person in people)
            if len(attendance_rows) > 200_000:
                _meetings(conn, meeting_rows, day_rows, attendance_rows)
                counts["attendance"] = counts.get("attendance", 0) + len(attendance_rows)
                counts["meeting_days"] = counts.get("meeting_days", 0) + len(day_rows)
                meeting_rows, day_rows, attendance_rows = [], [], []
        _meetings(conn, meeting_rows, day_rows, attendance_rows)
        counts["attendance"] = counts.get("attendance", 0) + len(attendance_rows)
        counts["meeting_days"] = counts.get("meeting_days", 0) + len(day_rows)
        counts["meetings"] = meetings

        actions = []
        for _ in range(meetings // 5):
            mt = rng.randint(1, meetings)
            due = first_day + timedelta(days=rng.randrange(span + 700))
            done = due.isoformat() if rng.random() < 0.6 else None
            actions.append((mt, "ติดตามผลการประชุม", due.isoformat(), done))
        conn.executemany(
            "INSERT INTO actions (meeting_id, text, due_date, done_at) VALUES (?, ?, ?, ?)", actions
        )
        counts["actions"] = len(actions)

        for _, sql in triggers:
            conn.execute(sql)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        conn.close()
        path.unlink(missing_ok=True)
        raise
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    counts["seconds"] = round(time.perf_counter() - started, 1)
    return counts


def _members(conn, rows) -> None:
    from netcli.thai.names import derived_full_name, derived_name_key

    # full_name and name_key are computed from the parts (migration 0012): stored only where
    # the parts do not give them.
    def stored(row):
        mid, prefix, first, last, full, key, *rest = row
        glued = bool(prefix) and full == derived_full_name(prefix, first, last, glued=True)
        full = None if full == derived_full_name(prefix, first, last, glued=glued) else full
        key = None if key == derived_name_key(first, last) else key
        return (mid, prefix, first, last, int(glued), full, key, *rest)

    conn.executemany(
        "INSERT INTO members (id, prefix, first_name, last_name, name_glued, full_name_written,"
        " name_key_written, sector,"
        " village, subdistrict, subdistrict_code, district, district_code, province, province_code,"
        " phone, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        map(stored, rows),
    )


def _meetings(conn, meeting_rows, day_rows, attendance_rows) -> None:
    conn.executemany(
        "INSERT INTO meetings (id, title, kind, start_date, end_date, venue, subdistrict,"
        " subdistrict_code, district, district_code, province, province_code, participants,"
        " budget_satang, network_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        meeting_rows,
    )
    conn.executemany("INSERT INTO meeting_days (meeting_id, day) VALUES (?, ?)", day_rows)
    conn.executemany(
        "INSERT INTO attendance (meeting_id, day, member_id, role) VALUES (?, ?, ?, ?)",
        attendance_rows,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--meetings", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2569)
    args = parser.parse_args()
    counts = generate(args.out, args.members, args.meetings, args.seed)
    print(", ".join(f"{k} {v:,}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
