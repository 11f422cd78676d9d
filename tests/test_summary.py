"""``netcli summary``: per province, region and fiscal year, in Thai and as JSON.

The data is the kind the seeds report: the leaders of the 8 upper-northern provinces
(seed 004), the ลำปาง forums of a community welfare fund (meetings that spent 45,500.50 baht), the
แม่ฮ่องสอน forum of 13 มิถุนายน 2562, the three-day trainer course of 29–31 มีนาคม 2564
and the southern seminar of 22-23 มิถุนายน 2567, all entered through the real CLI.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import assert_clean_error

TODAY = "2026-11-21"
LAMPANG_BUDGET_TEXT = "สี่หมื่นห้าพันห้าร้อยบาทห้าสิบสตางค์"
UPPER_NORTH = ["เชียงราย", "เชียงใหม่", "น่าน", "พะเยา", "แพร่", "แม่ฮ่องสอน", "ลำปาง", "ลำพูน"]

MEMBERS = [
    {"name": "นายประกิจ เสาร์แก้ว", "role": "นายกเทศมนตรี", "organization": "เทศบาลตำบลป่าไผ่",
     "sector": "องค์กรปกครองส่วนท้องถิ่น", "village": "3", "subdistrict": "ป่าไผ่", "district": "สันทราย",
     "province": "เชียงใหม่", "phone": "0812345678", "issue_areas": ["เด็ก", "เยาวชน"]},
    {"name": "นายสุเมษ สายสูง", "role": "ผู้อำนวยการ", "organization": "สำนักงานส่งเสริมและสนับสนุนวิชาการ 10",
     "sector": "ภาครัฐ", "subdistrict": "ศรีภูมิ", "district": "เมืองเชียงใหม่", "province": "เชียงใหม่",
     "phone": "053112233"},
    {"name": "นางสาวพรทิพย์ ใจมั่น", "role": "เลขานุการเครือข่าย", "sector": "ภาคประชาชน",
     "subdistrict": "แม่แฝก", "district": "สันทราย", "province": "เชียงใหม่", "phone": "0891234567"},
    {"name": "นางสุภาพ จันแปงเงิน", "role": "ประธานกลุ่มแม่บ้านจิตอาสา", "sector": "ภาคประชาชน",
     "subdistrict": "แม่เงิน", "district": "เชียงแสน", "province": "เชียงราย", "phone": "0861112233"},
    {"name": "นายเทิดศักดิ์ สารผัด", "role": "ประธานชมรมผู้พิการอำเภอนาน้อย", "sector": "ภาคประชาชน",
     "subdistrict": "ศรีษะเกษ", "district": "นาน้อย", "province": "น่าน"},
    {"name": "นายกมล กล้าหงส์", "role": "ประธานโครงการคนรักป่า ป่ารักชุมชน", "sector": "ภาคประชาชน",
     "subdistrict": "เวียงกานต์", "district": "บ้านโฮ่ง", "province": "ลำพูน"},
    {"name": "ว่าที่ ร.ต. เกรียงไกร สมคิด", "role": "ผู้แทนประธานกรรมการกองทุนสวัสดิการชุมชน",
     "organization": "กองทุนสวัสดิการชุมชนตำบลร่องเคาะ", "sector": "ภาคประชาชน",
     "subdistrict": "ร่องเคาะ", "district": "วังเหนือ", "province": "ลำปาง", "phone": "0817654321"},
    {"name": "นางบัวผัน ใจดี", "role": "อาสาสมัครพัฒนาสังคม", "sector": "อาสาสมัคร",
     "subdistrict": "สบตุ๋ย", "district": "เมืองลำปาง", "province": "ลำปาง", "phone": "0898887777"},
    {"name": "นายสมชาย ทองดี", "role": "ผู้ใหญ่บ้าน", "sector": "ภาครัฐ", "village": "5",
     "subdistrict": "วังเหนือ", "district": "วังเหนือ", "province": "ลำปาง"},
    {"name": "นายณรงค์ฤทธิ์ วิชา", "role": "ประธานกรรมการกองทุนช่วยเหลือผู้ด้อยโอกาส", "sector": "ภาคประชาชน",
     "subdistrict": "บ้านปิน", "district": "ดอกคำใต้", "province": "พะเยา"},
    {"name": "นายสายทอง จันทร์เติม", "organization": "กลุ่มเกษตรอินทรีย์", "sector": "ภาคประชาชน",
     "subdistrict": "สบป่อง", "district": "ปางมะผ้า", "province": "แม่ฮ่องสอน"},
    {"name": "นายภูเบศ จิตรจริง", "organization": "สภาเด็กและเยาวชน", "sector": "ภาคประชาชน",
     "subdistrict": "เหมืองหม้อ", "district": "เมืองแพร่", "province": "แพร่"},
    {"name": "นายธนภณ เมืองเฉลิม", "role": "ผู้อำนวยการสำนักงานภาคใต้", "sector": "ภาครัฐ",
     "subdistrict": "คูหาสวรรค์", "district": "เมืองพัทลุง", "province": "พัทลุง"},
]  # fmt: skip

# (title, date, province, extra options); ลำปาง's stated budgets add up to 45,500.50 baht.
MEETINGS = [
    ("เวทีกองทุนสวัสดิการชุมชนตำบลร่องเคาะ", "1 ตุลาคม 2566", "ลำปาง",
     ["--district", "วังเหนือ", "--subdistrict", "ร่องเคาะ", "--venue", "ศาลาอเนกประสงค์ตำบลร่องเคาะ",
      "--participants", "120", "--budget", "40,000"]),
    ("ประชุมเครือข่ายพัฒนาสังคมจังหวัดลำปาง", "30 กันยายน 2567", "ลำปาง",
     ["--district", "เมืองลำปาง", "--participants", "45", "--budget", "5,500.50"]),
    ("เวทีแลกเปลี่ยนเรียนรู้ผู้นำชุมชน", "30 กันยายน 2566", "ลำปาง", ["--participants", "30"]),
    ("อบรมอาสาสมัครพัฒนาสังคม", "1-2 ตุลาคม 2567", "ลำปาง", ["--participants", "25"]),
    ("โครงการสร้างพลังเครือข่ายเพื่อการเปลี่ยนแปลงทางสังคม", "13 มิถุนายน 2562", "แม่ฮ่องสอน",
     ["--district", "อ.เมือง", "--subdistrict", "ปางหมู", "--venue", "โรงแรมสิบล้านบุรี รีสอร์ท",
      "--budget", "150000"]),
    ("อบรมเสริมสร้างวิทยากรกระบวนการ Shift and Share", "29 – 31 มีนาคม 2564", "เชียงใหม่",
     ["--batch", "3", "--venue", "โรงแรมเชียงใหม่แกรนด์วิว"]),
    ("สัมมนาพัฒนาศักยภาพผู้นำขบวนองค์กรชุมชน", "22-23 มิถุนายน 2567", "พัทลุง",
     ["--participants", "กว่า 70 คน"]),
]  # fmt: skip


def _ok(run):
    assert run.exit_code == 0, (run.exit_code, run.stdout, run.stderr)
    return run


def seed(cli) -> dict[str, int]:
    """Members, networks, meetings, attendance and actions, through the CLI only."""
    ndjson = "\n".join(json.dumps(m, ensure_ascii=False) for m in MEMBERS) + "\n"
    _ok(cli("network", "add", "เครือข่ายพัฒนาสังคมภาคเหนือตอนบน", "--level", "ภาค"))
    _ok(cli("network", "add", "เครือข่ายพัฒนาสังคมจังหวัดลำปาง", "--level", "จังหวัด",
            "--province", "ลำปาง", "--parent", "เครือข่ายพัฒนาสังคมภาคเหนือตอนบน"))  # fmt: skip
    _ok(
        cli(
            "member", "add", "--from", "-", "--network", "เครือข่ายพัฒนาสังคมภาคเหนือตอนบน", input=ndjson
        )
    )
    ids = {m["name"]: i for i, m in enumerate(MEMBERS, start=1)}
    meetings: dict[str, int] = {}
    for title, when, province, extra in MEETINGS:
        run = _ok(cli("meeting", "log", title, "--date", when, "--province", province, *extra))
        meetings[title] = int(run.stdout.strip().splitlines()[-1])
    lampang = [ids["ว่าที่ ร.ต. เกรียงไกร สมคิด"], ids["นางบัวผัน ใจดี"], ids["นายสมชาย ทองดี"]]
    first = meetings["เวทีกองทุนสวัสดิการชุมชนตำบลร่องเคาะ"]
    _ok(cli("meeting", "attend", str(first), *map(str, lampang), str(ids["นายประกิจ เสาร์แก้ว"])))
    second = meetings["ประชุมเครือข่ายพัฒนาสังคมจังหวัดลำปาง"]
    _ok(cli("meeting", "attend", str(second), *map(str, lampang[:2])))
    _ok(cli("meeting", "action", "add", str(first), "จัดทำปฏิทินเครือข่าย", "--due", "31 ธันวาคม 2567"))
    _ok(cli("meeting", "action", "add", str(first), "รับสมัครสมาชิกเพิ่ม", "--due", "30 กันยายน 2570"))
    return meetings


def build_seeded(folder: Path, cli) -> dict[str, int]:
    """For ``seeded_dbs``: the seed below in ``folder / "netcli.db"``; returns the meetings."""
    return seed(cli)


@pytest.fixture
def seeded(cli, seeded_dbs, tmp_path: Path):
    seeded_dbs.copy("summary", build_seeded, tmp_path)
    return cli


def summary_json(cli, *args: str) -> dict:
    run = cli("summary", "--today", TODAY, "--format", "json", *args)
    assert run.exit_code == 0, (run.stdout, run.stderr)
    return run.json()


def test_lampang_json_counts_and_budget(seeded):
    data = summary_json(seeded, "--province", "ลำปาง")
    assert set(data) >= {"generated_at", "period", "provinces", "total"}
    assert data["period"] == {
        "from": None,
        "to": None,
        "fiscal_year": None,
        "unplaced_meetings": 0,
    }
    (p,) = data["provinces"]
    assert set(p) >= {
        "province", "province_code", "members", "districts", "subdistricts", "networks", "by_sector",
        "by_district", "meetings", "participants", "unique_attendees", "budget_baht", "budget_text",
        "last_meeting",
    }  # fmt: skip
    assert (p["province"], p["province_code"]) == ("ลำปาง", "52")
    assert (p["members"], p["districts"], p["subdistricts"]) == (3, 2, 3)
    assert p["meetings"] == 4
    assert p["meeting_days"] == 5
    assert p["participants"] == 120 + 45 + 30 + 25
    assert p["unique_attendees"] == 4  # three from ลำปาง and one from เชียงใหม่, each once
    assert p["budget_baht"] == 45500.5
    assert p["budget_text"] == LAMPANG_BUDGET_TEXT
    assert p["by_sector"] == {"ภาคประชาชน": 1, "ภาครัฐ": 1, "อาสาสมัคร": 1}
    assert [d["district"] for d in p["by_district"]] == ["เมืองลำปาง", "วังเหนือ", None]
    assert p["by_district"][2]["meetings"] == 2  # logged without a district
    assert p["by_district"][1]["members"] == 2
    assert (
        p["networks"] == 1
    )  # its own (based there); the regional one has no province or meeting there
    assert p["last_meeting"]["title"] == "อบรมอาสาสมัครพัฒนาสังคม"
    assert p["last_meeting"]["start_date"] == "2024-10-01"
    assert p["last_meeting"]["date_th"] == "1–2 ตุลาคม 2567"
    assert (p["open_actions"], p["overdue_actions"]) == (2, 1)
    assert data["total"]["budget_baht"] == 45500.5
    assert data["total"]["members"] == 3


def test_fiscal_year_counts_only_its_meetings(seeded):
    data = summary_json(seeded, "--province", "ลำปาง", "--fiscal-year", "2567")
    assert data["period"] == {
        "from": "2023-10-01",
        "to": "2024-09-30",
        "fiscal_year": 2567,
        "unplaced_meetings": 0,
    }
    (p,) = data["provinces"]
    assert p["meetings"] == 2  # 1 ต.ค. 2566 and 30 ก.ย. 2567; not 30 ก.ย. 2566 nor 1 ต.ค. 2567
    assert p["budget_baht"] == 45500.5
    assert p["participants"] == 165
    assert p["members"] == 3  # members are counted as of now, whatever the period
    fy66 = summary_json(seeded, "--province", "ลำปาง", "--fiscal-year", "2566")["provinces"][0]
    # One meeting, which stated no budget: unknown, not 0.
    assert (fy66["meetings"], fy66["budget_baht"], fy66["unique_attendees"]) == (1, None, 0)
    assert fy66["budget_meetings"] == 0 and fy66["participants"] == 30


def test_from_to_period(seeded):
    data = summary_json(seeded, "--from", "1 ม.ค. 2567", "--to", "2024-12-31")
    assert data["period"]["from"] == "2024-01-01"
    titles = {p["province"]: p["meetings"] for p in data["provinces"]}
    assert titles["ลำปาง"] == 2 and titles["พัทลุง"] == 1
    assert data["total"]["meetings"] == 3


def test_region_lists_exactly_its_provinces(seeded):
    data = summary_json(seeded, "--region", "ภาคเหนือตอนบน")
    assert data["region"] == "ภาคเหนือตอนบน"
    assert sorted(p["province"] for p in data["provinces"]) == sorted(UPPER_NORTH)
    assert [p["province"] for p in data["provinces"]] == UPPER_NORTH  # Thai dictionary order
    assert data["total"]["provinces"] == 8
    assert data["total"]["members"] == 12  # not the พัทลุง member
    assert data["total"]["budget_baht"] == 45500.5 + 150000
    assert data["total"]["unique_attendees"] == 4


def test_national_summary_lists_provinces_with_data(seeded):
    data = summary_json(seeded)
    from netcli.thai.collation import thai_sorted

    assert [p["province"] for p in data["provinces"]] == thai_sorted([*UPPER_NORTH, "พัทลุง"])
    assert data["total"]["members"] == len(MEMBERS)
    assert data["total"]["networks"] == 2
    assert data["total"]["meetings"] == len(MEETINGS)


def test_depth_subdistrict_rolls_down(seeded):
    data = summary_json(seeded, "--province", "ลำปาง", "--depth", "subdistrict")
    wang = next(d for d in data["provinces"][0]["by_district"] if d["district"] == "วังเหนือ")
    subs = {s["subdistrict"]: s for s in wang["by_subdistrict"]}
    assert set(subs) == {"ร่องเคาะ", "วังเหนือ"}
    assert subs["ร่องเคาะ"]["meetings"] == 1 and subs["ร่องเคาะ"]["members"] == 1
    run = seeded("summary", "--today", TODAY, "--province", "ลำปาง", "--depth", "district")
    assert run.exit_code == 0, run.stderr
    assert "อ.วังเหนือ" in run.stdout


def test_network_filter(seeded):
    data = summary_json(seeded, "--network", "เครือข่ายพัฒนาสังคมภาคเหนือตอนบน")
    assert data["network"] == "เครือข่ายพัฒนาสังคมภาคเหนือตอนบน"
    assert data["total"]["members"] == len(MEMBERS)  # everyone joined it
    assert data["total"]["meetings"] == 0  # no meeting was logged for a network


def test_table_is_thai(seeded):
    run = seeded("summary", "--today", TODAY, "--province", "ลำปาง")
    assert run.exit_code == 0, run.stderr
    out = run.stdout
    assert "ข้อมูล ณ วันที่ 21 พฤศจิกายน 2569" in out
    assert "45,500.50" in out
    assert LAMPANG_BUDGET_TEXT in out
    assert "ลำปาง" in out
    assert "ผู้เข้าร่วม" in out and "ไม่ซ้ำ" in out  # reported head-counts and linked people, named
    thai = seeded("summary", "--today", TODAY, "--province", "ลำปาง", "--thai-digits").stdout
    assert "๔๕,๕๐๐.๕๐" in thai and "๒๑ พฤศจิกายน ๒๕๖๙" in thai


def test_markdown_thai_digits(seeded):
    run = seeded(
        "summary", "--today", TODAY, "--province", "ลำปาง", "--format", "markdown", "--thai-digits"
    )
    assert run.exit_code == 0, run.stderr
    md = run.stdout
    assert "๔๕,๕๐๐.๕๐" in md
    assert "ข้อมูล ณ วันที่ ๒๑ พฤศจิกายน ๒๕๖๙" in md
    assert md.startswith("## ")
    assert "|" not in md  # no pipe tables: they do not line up in a LINE message
    assert "ผู้เข้าร่วมตามรายงาน" in md and "ไม่ซ้ำ" in md
    plain = seeded(
        "summary", "--today", TODAY, "--province", "ลำปาง", "--format", "markdown"
    ).stdout
    assert "45,500.50" in plain and "๒" not in plain.split("\n", 3)[3].split("จังหวัด")[0]


def test_markdown_to_file(seeded, tmp_path: Path):
    out = tmp_path / "สรุป.md"
    run = seeded(
        "summary", "--today", TODAY, "--region", "เหนือตอนบน", "--format", "markdown", "-o", str(out)
    )
    assert run.exit_code == 0, run.stderr
    assert run.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert "### รวม 8 จังหวัด" in text


def test_empty_database(cli):
    data = summary_json(cli)
    assert data["provinces"] == []
    assert data["total"]["members"] == 0 and data["total"]["budget_text"] is None
    assert data["total"]["budget_baht"] is None and data["total"]["participants"] is None
    run = cli("summary", "--today", TODAY)
    assert run.exit_code == 0 and "ข้อมูล ณ วันที่" in run.stdout


@pytest.mark.parametrize(
    "args, words",
    [
        (["--province", "เชียงใหม"], "เชียงใหม่"),
        (["--region", "ภาคเหนือตอนกลาง"], "region list"),
        (["--network", "ไม่มีเครือข่ายนี้"], "network"),
        (["--fiscal-year", "2024"], "2567"),
        (["--fiscal-year", "ปีหน้า"], "2567"),
        (["--from", "31 กุมภาพันธ์ 2567"], "กุมภาพันธ์"),
        (["--since", "2024-05-01", "--until", "2024-04-01"], "--until"),
    ],
)
def test_bad_input_is_one_clear_line(cli, args, words):
    run = cli("summary", *args)
    assert_clean_error(run)
    assert words in run.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "pdf"],
        ["--depth", "village"],
        ["--format", "xlsx"],  # needs -o
        ["--fiscal-year", "2567", "--from", "2023-10-01"],
    ],
)
def test_usage_errors_exit_2(cli, args):
    run = cli("summary", *args)
    assert run.exit_code == 2, (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr


def test_json_matches_core(seeded, db_path):
    from datetime import date

    from netcli.reports.summary import build_summary
    from netcli.store.db import connect

    cli_data = summary_json(seeded, "--region", "ภาคเหนือตอนบน", "--fiscal-year", "2567")
    conn = connect(db_path)
    try:
        core = build_summary(
            conn, region="ภาคเหนือตอนบน", fiscal_year=2567, today=date(2026, 11, 21)
        )
    finally:
        conn.close()
    for data in (cli_data, core):
        data.pop("generated_at")
    assert cli_data == json.loads(json.dumps(core, ensure_ascii=False))


def test_one_province_summary_uses_indexes(seeded, db_path):
    """No full scan of members or meetings for a one-province summary (EXPLAIN QUERY PLAN)."""
    from netcli.reports.summary import build_summary
    from netcli.store.db import connect

    conn = connect(db_path)
    statements: list[tuple[str, list]] = []
    conn.set_trace_callback(None)

    class Spy:
        """The connection, noting each SELECT with its parameters."""

        def execute(self, sql, params=()):
            statements.append((sql, list(params)))
            return conn.execute(sql, params)

    try:
        build_summary(Spy(), provinces=["ลำปาง"])  # type: ignore[arg-type]
        checked = 0
        for sql, params in statements:
            if "FROM members m" in sql or "FROM meetings mt" in sql:
                plan = " | ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, params))
                assert "SCAN m " not in plan + " " and "SCAN mt " not in plan + " ", (sql, plan)
                checked += 1
        assert checked >= 4
    finally:
        conn.close()


def test_removed_meetings_do_not_count(seeded):
    """A removed meeting keeps its attendance rows; no summary counts it or its people."""
    run = seeded("meeting", "log", "เวทีเครือข่ายจังหวัดน่าน", "--date", "5 มีนาคม 2567", "--province", "น่าน",
                 "--network", "เครือข่ายพัฒนาสังคมภาคเหนือตอนบน", "--budget", "5000", "--participants", "40")  # fmt: skip
    assert run.exit_code == 0, run.stderr
    nan = run.stdout.strip().splitlines()[-1]
    ids = {m["name"]: i for i, m in enumerate(MEMBERS, start=1)}
    _ok(seeded("meeting", "attend", nan, str(ids["นายเทิดศักดิ์ สารผัด"]), str(ids["นายประกิจ เสาร์แก้ว"])))
    data = summary_json(seeded)
    assert data["total"]["unique_attendees"] == 5
    assert data["total"]["meetings"] == len(MEETINGS) + 1
    by_province = {p["province"]: p for p in data["provinces"]}
    assert by_province["น่าน"]["networks"] == 1  # the regional network held a meeting there
    fy = summary_json(seeded, "--fiscal-year", "2567")
    assert fy["total"]["unique_attendees"] == 5

    _ok(seeded("meeting", "remove", nan))
    data = summary_json(seeded)
    assert data["total"]["unique_attendees"] == 4  # นายประกิจ still counts: he came to ร่องเคาะ
    assert data["total"]["meetings"] == len(MEETINGS)
    by_province = {p["province"]: p for p in data["provinces"]}
    assert (by_province["น่าน"]["meetings"], by_province["น่าน"]["networks"]) == (0, 0)
    assert summary_json(seeded, "--fiscal-year", "2567")["total"]["unique_attendees"] == 4


def test_summary_workbook(seeded, tmp_path: Path):
    from openpyxl import load_workbook

    out = tmp_path / "สรุป.xlsx"
    run = seeded(
        "summary", "--today", TODAY, "--region", "ภาคเหนือตอนบน", "--format", "xlsx", "-o", str(out)
    )
    assert run.exit_code == 0, run.stderr
    assert run.stdout == "" and str(out) in run.stderr
    wb = load_workbook(out)
    assert wb.sheetnames == ["สรุปรวม", "แผนภูมิ"]  # the table, the dashboard
    total = wb["สรุปรวม"]
    assert total["A1"].value == "สรุปข้อมูลเครือข่ายพัฒนาสังคม ภาคเหนือตอนบน"
    assert total["A3"].value == "ข้อมูล ณ วันที่ 21 พฤศจิกายน 2569"
    rows = [list(r) for r in total.iter_rows(min_row=5, max_row=14, values_only=True)]
    assert rows[0][:2] == ["จังหวัด", "สมาชิก (คน)"]
    lampang = next(r for r in rows if r[0] == "ลำปาง")
    assert lampang[1] == 3 and 45500.5 in lampang  # numbers stay numbers
    assert rows[9][0] == "รวม" and rows[9][1] == 12
    # Members, meetings and people by province, meetings by month: a grid on the dashboard.
    assert len(wb["แผนภูมิ"]._charts) == 4 and not total._charts
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                if cell.value is not None:
                    assert cell.font.name == "TH Sarabun New"


def test_summary_workbook_bad_output(seeded, tmp_path: Path):
    run = seeded("summary", "--format", "xlsx", "-o", str(tmp_path / "no-such-folder" / "s.xlsx"))
    assert_clean_error(run)
    run = seeded("summary", "--format", "xlsx", "-o", str(tmp_path / "s.txt"))
    assert_clean_error(run)
    assert ".xlsx" in run.stderr


def test_a_forum_shared_by_provinces_is_marked_on_each_province_row(
    cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A regional forum of 250 people shows 250 on every province it covers (the total counts
    it once): each such row carries a mark and the table a note saying it is not that
    province's share; JSON and CSV say how many shared forums a row holds."""
    import csv
    import io

    run = cli(
        "meeting", "log", "เวทีภาคเหนือ", "--date", "2567-03-01", "--province", "เชียงใหม่",
        "--covers", "ลำปาง", "--covers", "น่าน", "--participants", "250",
    )  # fmt: skip
    assert run.exit_code == 0, run.stderr
    run = cli(
        "meeting", "log", "ประชุมจังหวัด", "--date", "2567-03-02", "--province", "พะเยา",
        "--participants", "40",
    )  # fmt: skip
    assert run.exit_code == 0, run.stderr
    data = json.loads(cli("summary", "-f", "json").stdout)
    by = {e["province"]: e for e in data["provinces"]}
    assert {p: by[p]["participants"] for p in ("เชียงใหม่", "ลำปาง", "น่าน", "พะเยา")} == {
        "เชียงใหม่": 250, "ลำปาง": 250, "น่าน": 250, "พะเยา": 40,
    }  # fmt: skip
    assert [by[p]["participants_shared"] for p in ("เชียงใหม่", "ลำปาง", "น่าน", "พะเยา")] == [
        1, 1, 1, 0,
    ]  # fmt: skip
    assert data["total"]["participants"] == 290 and data["total"]["participants_shared"] == 0

    monkeypatch.setenv("COLUMNS", "120")
    table = cli("summary").stdout
    row: dict[str, str] = {}
    for line in table.splitlines():  # the summary table comes first, the recent forums after
        if line.startswith("│"):
            row.setdefault(line.split()[1], line)
    assert "250*" in row["ลำปาง"] and "250*" in row["น่าน"]
    assert "40*" not in row["พะเยา"] and "40" in row["พะเยา"]
    assert "รวมเวทีที่ครอบคลุมหลายจังหวัด" in table

    rows = list(csv.DictReader(io.StringIO(cli("summary", "-f", "csv").stdout)))
    shared = {r["province"]: r["participants_shared"] for r in rows if r["scope"] == "province"}
    assert shared["ลำปาง"] == "1" and shared["พะเยา"] == "0"


def test_signed_in_people_count_where_the_forum_counts(cli) -> None:
    """A forum held in เชียงใหม่ that covers ลำปาง counts its signed-in members in ลำปาง too,
    so `summary -p ลำปาง` has a row and a total that agree (found by review: 11 against 19)."""
    import json

    ids = []
    for name in ("นายหนึ่ง ทดสอบ", "นางสองศรี ทดสอบ"):
        run = cli("member", "add", name, "--province", "ลำปาง", "-f", "json")
        ids.append(str(run.json()["id"]))
    run = cli(
        "meeting", "log", "เวทีภาค", "--date", "2567-03-01", "--province", "เชียงใหม่",
        "--covers", "ลำปาง", "-f", "json",
    )  # fmt: skip
    meeting = str(run.json()["id"])
    assert cli("meeting", "attend", meeting, *ids).exit_code == 0
    data = json.loads(cli("summary", "-p", "ลำปาง", "-f", "json").stdout)
    (row,) = data["provinces"]
    assert row["unique_attendees"] == data["total"]["unique_attendees"] == 2
    everywhere = json.loads(cli("summary", "-f", "json").stdout)
    by = {e["province"]: e["unique_attendees"] for e in everywhere["provinces"]}
    assert by["เชียงใหม่"] == by["ลำปาง"] == 2 and everywhere["total"]["unique_attendees"] == 2
