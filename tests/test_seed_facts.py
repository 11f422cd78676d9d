"""Every fact of the five seed reports, recorded through the CLI in a field meant for it and
read back from JSON (the demo data's own test), and the acceptance lines of issue 12.

The seeds (shared/seeds/000…004) are Thai news reports of network forums. Each block below
says which report a fact comes from. Nothing here is invented: where a report is silent
(a budget, a host province, a day), the record says so (null, no province, a year).
"""

from __future__ import annotations

import json
import sqlite3

import pytest

FUND = "กองทุนสวัสดิการชุมชนตำบลร่องเคาะ"
SOUTH = "ภาคใต้จังหวัดบูรณาการนำร่อง"
SOUTH_PROVINCES = {"พัทลุง", "ชุมพร", "กระบี่", "พังงา", "ปัตตานี", "นครศรีธรรมราช"}
UPPER_NORTH = {"เชียงใหม่", "เชียงราย", "น่าน", "พะเยา", "แพร่", "แม่ฮ่องสอน", "ลำปาง", "ลำพูน"}
NORTH_NET = "เครือข่ายนักพัฒนาชุมชนภาคเหนือตอนบน"
WELFARE_NET = "เครือข่ายพัฒนาสังคมและสวัสดิการสังคมภาคเหนือตอนบน"

# Seed 004: each province presents one leader (name, title, organization, tambon, amphoe) and
# their work.
PRESENTERS = [
    ("เชียงใหม่", "นายประกิจ เสาร์แก้ว", "นายกเทศมนตรีเทศบาลตำบลป่าไผ่", "เทศบาลตำบลป่าไผ่",
     "ป่าไผ่", "สันทราย", "การจัดตั้งค่ายมวย “ป.กิจพันนา” เพื่อฝึกฝนเด็กและเยาวชน"),
    ("เชียงราย", "นางสุภาพ จันแปงเงิน", "ประธานกลุ่มแม่บ้านจิตอาสา", "กลุ่มแม่บ้านจิตอาสาตำบลแม่เงิน",
     "แม่เงิน", "เชียงแสน", "การรณรงค์ ลด ละ เลิก ปัญหายาเสพติด “กลุ่มจิตอาสา”"),
    ("น่าน", "นายเทิดศักดิ์ สารผัด", "ประธานชมรมผู้พิการอำเภอนาน้อย", "ชมรมผู้พิการอำเภอนาน้อย",
     "ศรีษะเกษ", "นาน้อย", "รวมกลุ่มประกอบอาชีพผู้พิการสร้างรายได้ครัวเรือน"),
    ("ลำพูน", "นายกมล กล้าหงส์", "ประธานโครงการคนรักป่า ป่ารักชุมชน", "โครงการคนรักป่า ป่ารักชุมชน",
     "เวียงกานต์", "บ้านโฮ่ง", "บริหารจัดการดูแลผืนป่า จัดตั้งกองทุนรักษาป่า"),
    ("ลำปาง", "ว่าที่ ร.ต. เกรียงไกร สมคิด", "ผู้แทนประธานกรรมการกองทุนสวัสดิการชุมชนตำบลร่องเคาะ", FUND,
     "ร่องเคาะ", "วังเหนือ", "กองทุนสวัสดิการชุมชนตำบลร่องเคาะ"),
    ("พะเยา", "นายณรงค์ฤทธิ์ วิชา", "ประธานกรรมการกองทุนช่วยเหลือผู้ด้อยโอกาสตำบลบ้านปิน",
     "กองทุนช่วยเหลือผู้ด้อยโอกาสตำบลบ้านปิน", "บ้านปิน", "ดอกคำใต้",
     "จัดตั้งองค์กรสาธารณประโยชน์ สมัชชาชุมชนด้านการจัดสวัสดิการการดูแลสุขภาพ"),
    ("แม่ฮ่องสอน", "นายสายทอง จันทร์เติม", None, "กลุ่มเกษตรอินทรีย์ตำบลสบป่อง", "สบป่อง", "ปางมะผ้า",
     "การทำเกษตรอินทรีย์"),
    ("แพร่", "นายภูเบศ จิตรจริง", None, "สภาเด็กและเยาวชนตำบลเหมืองหม้อ", "เหมืองหม้อ", "อ.เมือง",
     "สวัสดิการชุมชน … สุดท้ายคือ “ครอบครัวอบอุ่น”"),
]  # fmt: skip


def ok(run):
    assert run.exit_code == 0, (run.exit_code, run.stdout, run.stderr)
    return run


def out(run) -> dict:
    return ok(run).json()


def record_seeds(cli) -> dict[str, int]:
    """Record the five reports with netcli alone; returns the meeting ids by seed."""
    ids: dict[str, int] = {}
    # --- seed 000: แม่ฮ่องสอน, 13 มิถุนายน 2562 -----------------------------------------------
    speaker = ok(cli("member", "add", "อาจารย์ ชัยวัฒน์ ถิระพันธุ์", "--role",
                     "ประธานสถาบันการเรียนรู้และพัฒนาประชาสังคม",
                     "--org", "สถาบันการเรียนรู้และพัฒนาประชาสังคม", "--sector", "ประชาสังคม",
                     "-f", "json")).json()  # fmt: skip
    assert (speaker["prefix"], speaker["first_name"], speaker["last_name"]) == (
        "อาจารย์",
        "ชัยวัฒน์",
        "ถิระพันธุ์",
    )
    ok(cli("member", "add", "นายวิสุทธิ์ เหล็กสมบูรณ์", "--role", "นักวิชาการอิสระ", "--sector", "วิชาการ",
           "--issue-area", "เด็ก", "--issue-area", "สตรี", "--issue-area", "คนพิการ",
           "--issue-area", "ชาติพันธุ์"))  # fmt: skip
    ok(cli("member", "add", "นางสาวกรรณจริยา สุขรุ่ง", "--role", "อดีตผู้สื่อข่าวและนักเขียนสารคดีเชิงข่าว",
           "--sector", "สื่อ", "--org", "หนังสือพิมพ์บางกอกโพสต์",
           "--org", "วารสารจุฬาสัมพันธ์ (จุฬาลงกรณ์มหาวิทยาลัย)",
           "--org", "งานการติดตามสนับสนุนการเรียนรู้และวิจัยเพื่อการเปลี่ยนแปลง"))  # fmt: skip
    ok(cli("member", "add", "นางสาวสิทธิอาพร เชยนาค",
           "--role", "พัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดแม่ฮ่องสอน",
           "--org", "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดแม่ฮ่องสอน",
           "--province", "แม่ฮ่องสอน", "--sector", "ภาครัฐ"))  # fmt: skip
    ids["000"] = out(cli(
        "meeting", "log", "โครงการสร้างพลังเครือข่ายเพื่อการเปลี่ยนแปลงทางสังคม",
        "--date", "13 มิถุนายน 2562", "--kind", "อบรม",
        "--venue", "โรงแรมสิบล้านบุรี รีสอร์ท", "--subdistrict", "ต.ปางหมู", "--district", "อ.เมือง",
        "--province", "จ.แม่ฮ่องสอน",
        "--organizer", "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดแม่ฮ่องสอน",
        "--co-organizer", "สถาบันการเรียนรู้และพัฒนาประชาสังคม",
        "--speaker", "อาจารย์ ชัยวัฒน์ ถิระพันธุ์", "--speaker", "นายวิสุทธิ์ เหล็กสมบูรณ์",
        "--speaker", "นางสาวกรรณจริยา สุขรุ่ง",
        "--funding", "กองทุนส่งเสริมการจัดสวัสดิการสังคม ประจำปี 2562",
        "--note", "กิจกรรมสุนทรียสนทนา",
        "--outcome", "พัฒนารูปแบบการทำงานของเครือข่ายด้านการพัฒนาสังคม",
        "-f", "json"))["id"]  # fmt: skip
    ok(cli("meeting", "attend", str(ids["000"]), "ชัยวัฒน์ ถิระพันธุ์", "นายวิสุทธิ์ เหล็กสมบูรณ์",
           "นางสาวกรรณจริยา สุขรุ่ง", "--role", "วิทยากร"))  # fmt: skip
    ok(cli("meeting", "attend", str(ids["000"]), "นางสาวสิทธิอาพร เชยนาค", "--role", "ผู้จัด"))
    # --- seed 001: Shift and Share รุ่นที่ 3, 29 – 31 มีนาคม 2564 -----------------------------
    ok(cli("member", "add", "นายอรรคพงษ์ ศรีสุบัติ",
           "--role", "รักษาการในตำแหน่งผู้เชี่ยวชาญเฉพาะด้านพัฒนาสังคม",
           "--org", "กรมพัฒนาสังคมและสวัสดิการ", "--sector", "ภาครัฐ"))  # fmt: skip
    ids["001"] = out(cli(
        "meeting", "log", "อบรมเสริมสร้างวิทยากรกระบวนการ Shift and Share",
        "--date", "วันจันทร์ที่ 29 – 31 มีนาคม 2564", "--batch", "รุ่นที่ 3",
        "--venue", "โรงแรมเชียงใหม่แกรนด์วิว", "--province", "จังหวัดเชียงใหม่",
        "--organizer", "กรมพัฒนาสังคมและสวัสดิการ", "--chair", "นายอรรคพงษ์ ศรีสุบัติ",
        "-f", "json"))["id"]  # fmt: skip
    ok(cli("meeting", "attend", str(ids["001"]), "นายอรรคพงษ์ ศรีสุบัติ", "--role", "ประธาน",
           "--day", "29 มีนาคม 2564"))  # fmt: skip
    # --- seed 002: southern seminar, 22-23 มิถุนายน 2567, no host province ---------------------
    for name, role in (
        ("นายกมล ปุยยะรุน", "ผู้อำนวยการสำนักพัฒนาผู้นำและนวัตกรรมการพัฒนาชุมชน"),
        ("นายธนภณ เมืองเฉลิม", "ผู้อำนวยการสำนักงานภาคใต้"),
        ("นายวิชัย นะสุวรรณโน", "รองผู้อำนวยการสถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน)"),
    ):
        ok(cli("member", "add", name, "--role", role,
               "--org", "สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน)"))  # fmt: skip
    ids["002"] = out(cli(
        "meeting", "log", "เวทีสัมมนาพัฒนาศักยภาพผู้นำขบวนองค์กรชุมชน เพื่อขับเคลื่อนจังหวัดบูรณาการ พื้นที่ภาคใต้",
        "--date", "22-23 มิถุนายน 2567", "--covers", SOUTH,
        "--organizer", "สำนักพัฒนาผู้นำและนวัตกรรมการพัฒนาชุมชน สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน)",
        "--co-organizer", "สำนักงานภาคใต้",
        "--chair", "นายธนภณ เมืองเฉลิม", "--speaker", "นายวิชัย นะสุวรรณโน",
        "--participants", "จำนวนกว่า 70 คน",
        "--outcome", "เสวนาบทเรียนการขับเคลื่อนงานจังหวัดบูรณาการ (นำร่อง) ภาคใต้ 6 จังหวัด",
        "-f", "json"))["id"]  # fmt: skip
    ok(cli("meeting", "attend", str(ids["002"]), "นายกมล ปุยยะรุน", "--role", "ผู้จัด"))
    ok(cli("meeting", "attend", str(ids["002"]), "นายธนภณ เมืองเฉลิม", "--role", "ประธาน"))
    ok(cli("meeting", "attend", str(ids["002"]), "นายวิชัย นะสุวรรณโน", "--role", "วิทยากร"))
    # --- seed 003: founding forum of the upper-northern network, ๒๑ ก.ค. ๕๓ --------------------
    ok(cli("org", "add", "ศูนย์ศึกษาและพัฒนาชุมชนลำปาง", "--province", "ลำปาง"))
    ok(cli("network", "add", NORTH_NET, "--level", "กลุ่มจังหวัด", "--covers", "ภาคเหนือตอนบน",
           "--note", "แกนกลางประสานงาน: ศูนย์ศึกษาและพัฒนาชุมชนลำปาง"))  # fmt: skip
    ids["003"] = out(cli(
        "meeting", "log", "เวทีเครือข่ายนักพัฒนาชุมชนภาคเหนือตอนบน", "--date", "๒๑ ก.ค. ๕๓",
        "--covers", "ภาคเหนือตอนบน", "--organizer", "ศูนย์ศึกษาและพัฒนาชุมชนลำปาง",
        "--network", NORTH_NET,
        "--outcome", "ให้ศูนย์ศึกษาและพัฒนาชุมชนลำปาง เป็นแกนหลักในการประสานงาน",
        "--outcome", "มีการจัดทำปฏิทินการทำงานของเครือข่าย",
        "--outcome", "ขยายผลการรับสมัครสมาชิกเพิ่มเติม",
        "-f", "json"))["id"]  # fmt: skip
    for text in ("จัดทำปฏิทินการทำงานของเครือข่าย", "ขยายผลการรับสมัครสมาชิกเพิ่มเติม"):
        ok(cli("meeting", "action", "add", str(ids["003"]), text,
               "--owner", "ศูนย์ศึกษาและพัฒนาชุมชนลำปาง"))  # fmt: skip
    # --- seed 004: follow-up forum ปี ๒๕๕๗, 103 อำเภอ 8 จังหวัด, 250 คน -----------------------
    ok(cli("member", "add", "นายสุเมษ สายสูง", "--role", "ผู้อำนวยการสำนักงานส่งเสริมและสนับสนุนวิชาการ ๑๐",
           "--org", "สำนักงานส่งเสริมและสนับสนุนวิชาการ 10", "--province", "เชียงใหม่"))  # fmt: skip
    ok(cli("network", "add", WELFARE_NET, "--level", "กลุ่มจังหวัด", "--covers", "ภาคเหนือตอนบน"))
    for province, name, role, org, sub, dist, _ in PRESENTERS:
        args = ["member", "add", name, "--org", org, "--subdistrict", sub, "--district", dist,
                "--province", province, "--network", WELFARE_NET]  # fmt: skip
        if role:
            args += ["--role", role]
        ok(cli(*args))
    # The fund exists already (the presenter's --org made it in ลำปาง): give it its place.
    ok(cli("org", "edit", FUND, "--subdistrict", "ร่องเคาะ", "--district", "วังเหนือ"))
    ids["004"] = out(cli(
        "meeting", "log",
        "เวทีติดตามและประเมินผลการดำเนินงานโครงการเสริมสร้างระบบเครือข่ายพัฒนาสังคมและสวัสดิการสังคมระดับอำเภอ ปี ๒๕๕๗",
        "--date", "ปี ๒๕๕๗", "--kind", "เวที",
        "--venue", "โรงแรมเมอร์เคียว ถนนช้างเผือก", "--subdistrict", "ตำบลศรีภูมิ",
        "--district", "อำเภอเมือง", "--province", "จังหวัดเชียงใหม่", "--covers", "ภาคเหนือตอนบน",
        "--organizer", "กลุ่มงานพัฒนาเครือข่าย สำนักงานส่งเสริมและสนับสนุนวิชาการ ๑๐",
        "--chair", "นายสุเมษ สายสูง", "--participants", "๒๕๐ คน", "--network", WELFARE_NET,
        "--note", "รวม ๑๐๓ อำเภอ ๘ จังหวัด",
        "--outcome", "ครอบครัวอบอุ่น สังคมมีสุข ประเทศชาติมั่นคง ภายในปี พ.ศ.๒๕๖๐",
        "-f", "json"))["id"]  # fmt: skip
    ok(cli("meeting", "attend", str(ids["004"]), "นายสุเมษ สายสูง", "--role", "ประธาน"))
    for _, name, _, _, _, _, topic in PRESENTERS:
        ok(cli("meeting", "attend", str(ids["004"]), name, "--role", "ผู้นำเสนอ", "--topic", topic))
    ok(cli("org", "figures", FUND, "--as-of", "ปี ๒๕๕๗", "--villages", "๑๗", "--members", "๑๖๙๗",
           "--capital", "๒,๓๔๔,๐๗๐.๙๓"))  # fmt: skip
    return ids


_TEMPLATE: dict[str, object] = {}


@pytest.fixture
def seeded(cli, db_path, tmp_path_factory):
    """The five seeds recorded once through the CLI; each test gets its own copy."""
    if not _TEMPLATE:
        ids = record_seeds(cli)
        template = tmp_path_factory.mktemp("seeds") / "seeds.db"
        with sqlite3.connect(db_path) as src, sqlite3.connect(template) as dst:
            src.backup(dst)
        _TEMPLATE.update(ids=ids, path=template)
        return cli, ids
    with sqlite3.connect(_TEMPLATE["path"]) as src, sqlite3.connect(db_path) as dst:
        src.backup(dst)
    return cli, dict(_TEMPLATE["ids"])  # type: ignore[call-overload]


def show(cli, mid: int) -> dict:
    return out(cli("meeting", "show", str(mid), "-f", "json"))


def test_seed_000_forum_in_mae_hong_son(seeded):
    cli, ids = seeded
    m = show(cli, ids["000"])
    assert (m["start_date"], m["end_date"], m["date_th"]) == (
        "2019-06-13",
        "2019-06-13",
        "13 มิถุนายน 2562",
    )
    assert m["date_precision"] == "day" and m["date_approximate"] is False
    assert (m["venue"], m["subdistrict"], m["district"], m["province"]) == (
        "โรงแรมสิบล้านบุรี รีสอร์ท", "ปางหมู", "เมืองแม่ฮ่องสอน", "แม่ฮ่องสอน")  # fmt: skip
    assert m["organizers"] == ["สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดแม่ฮ่องสอน"]
    assert m["co_organizers"] == ["สถาบันการเรียนรู้และพัฒนาประชาสังคม"]
    assert len(m["speakers"]) == 3 and m["kind"] == "อบรม"
    assert m["funding_source"] == "กองทุนส่งเสริมการจัดสวัสดิการสังคม ประจำปี 2562"
    assert m["budget_baht"] is None and m["participants"] is None  # the report states neither
    roles = {a["full_name"]: a["role"] for a in m["attendance"]}
    assert roles["นางสาวกรรณจริยา สุขรุ่ง"] == "วิทยากร" and roles["นางสาวสิทธิอาพร เชยนาค"] == "ผู้จัด"
    speaker = out(cli("member", "show", "นางสาวกรรณจริยา สุขรุ่ง", "-f", "json"))
    assert speaker["organization"] == "หนังสือพิมพ์บางกอกโพสต์"
    assert len(speaker["organizations"]) == 3 and speaker["sector"] == "สื่อ"
    scholar = out(cli("member", "show", "นายวิสุทธิ์ เหล็กสมบูรณ์", "-f", "json"))
    assert scholar["issue_areas"] == ["เด็ก", "สตรี", "คนพิการ", "ชาติพันธุ์"]
    table = ok(cli("meeting", "show", str(ids["000"]))).stdout
    assert "ไม่ระบุ" in table and "0.00" not in table


def test_seed_001_three_day_course(seeded):
    cli, ids = seeded
    m = show(cli, ids["001"])
    assert (m["start_date"], m["end_date"], m["date_th"]) == (
        "2021-03-29",
        "2021-03-31",
        "29–31 มีนาคม 2564",
    )
    assert (m["batch"], m["venue"], m["province"], m["district"]) == (
        "3", "โรงแรมเชียงใหม่แกรนด์วิว", "เชียงใหม่", None)  # fmt: skip
    assert m["chair"] == "นายอรรคพงษ์ ศรีสุบัติ" and m["kind"] == "อบรม"
    assert [d["count"] for d in m["attendees_by_day"]] == [1, 0, 0]
    chair = out(cli("member", "show", "นายอรรคพงษ์ ศรีสุบัติ", "-f", "json"))
    assert chair["role"] == "รักษาการในตำแหน่งผู้เชี่ยวชาญเฉพาะด้านพัฒนาสังคม"


def test_seed_002_southern_seminar_covers_six_provinces(seeded):
    cli, ids = seeded
    m = show(cli, ids["002"])
    assert m["province"] is None and set(m["covers"]) == SOUTH_PROVINCES
    assert (m["start_date"], m["end_date"]) == ("2024-06-22", "2024-06-23")
    assert (m["participants"], m["participants_at_least"]) == (70, True)
    assert m["co_organizers"] == ["สำนักงานภาคใต้"] and m["chair"] == "นายธนภณ เมืองเฉลิม"
    assert m["speakers"] == ["นายวิชัย นะสุวรรณโน"]
    assert "กว่า 70 คน" in ok(cli("meeting", "show", str(ids["002"]))).stdout
    # Acceptance: the region's summary counts it (1 meeting, 2 days, กว่า 70), the nation once.
    region = out(cli("summary", "--region", SOUTH, "-f", "json"))["total"]
    assert (region["meetings"], region["meeting_days"], region["participants"]) == (1, 2, 70)
    assert region["participants_at_least"] is True
    for p in out(cli("summary", "--region", SOUTH, "-f", "json"))["provinces"]:
        assert p["meetings"] == 1
    one = out(cli("summary", "--province", "พัทลุง", "-f", "json"))["total"]
    assert one["meetings"] == 1
    nation = out(cli("summary", "-f", "json"))["total"]
    assert nation["meetings"] == 5  # each meeting once, however many provinces it covers


def test_seed_003_founding_forum_and_its_calendar(seeded):
    cli, ids = seeded
    m = show(cli, ids["003"])
    assert (m["start_date"], m["date_th"]) == ("2010-07-21", "21 กรกฎาคม 2553")
    assert m["province"] is None and set(m["covers"]) == UPPER_NORTH
    assert len(m["outcomes"]) == 3 and m["network"] == NORTH_NET
    assert [(a["text"], a["due_date"], a["owner"]) for a in m["actions"]] == [
        ("จัดทำปฏิทินการทำงานของเครือข่าย", None, "ศูนย์ศึกษาและพัฒนาชุมชนลำปาง"),
        ("ขยายผลการรับสมัครสมาชิกเพิ่มเติม", None, "ศูนย์ศึกษาและพัฒนาชุมชนลำปาง"),
    ]
    net = out(cli("network", "show", NORTH_NET, "-f", "json"))
    assert set(net["covers"]) == UPPER_NORTH
    # The network calendar and its forum show together; undated actions with or without a period.
    rows = out(cli("calendar", "--network", NORTH_NET, "--today", "2026-11-21", "-f", "json"))
    assert [r["type"] for r in rows] == ["meeting", "action", "action"]
    ranged = out(cli("calendar", "--from", "1 ม.ค. 2569", "--to", "31 ธ.ค. 2569", "-f", "json"))
    assert [r["type"] for r in ranged] == ["action", "action"]
    assert out(cli("calendar", "--dated", "--from", "1 ม.ค. 2569", "-f", "json")) == []
    assert "ไม่กำหนดวัน" in ok(cli("calendar", "--today", "2026-11-21")).stdout


def test_seed_004_year_only_forum_presentations_and_fund(seeded):
    cli, ids = seeded
    m = show(cli, ids["004"])
    assert (m["date_precision"], m["start_date"], m["end_date"]) == (
        "year",
        "2014-01-01",
        "2014-12-31",
    )
    assert m["date_th"] == "ปี 2557"
    assert (m["venue"], m["subdistrict"], m["district"], m["province"]) == (
        "โรงแรมเมอร์เคียว ถนนช้างเผือก", "ศรีภูมิ", "เมืองเชียงใหม่", "เชียงใหม่")  # fmt: skip
    assert set(m["covers"]) == UPPER_NORTH and m["participants"] == 250
    assert m["chair"] == "นายสุเมษ สายสูง" and m["budget_baht"] is None
    presented = {p["full_name"]: p for p in m["presentations"]}
    assert len(presented) == 8
    for province, name, role, org, sub, _, topic in PRESENTERS:
        p = presented[name]
        assert (p["province"], p["role"], p["organization"], p["topic"]) == (
            province,
            role,
            org,
            topic,
        )
        assert p["subdistrict"] == sub
    entry = next(a for a in m["attendance"] if a["full_name"] == "นายประกิจ เสาร์แก้ว")
    assert (entry["role"], entry["topic"]) == ("ผู้นำเสนอ", PRESENTERS[0][6])
    table = ok(cli("meeting", "show", str(ids["004"]))).stdout
    assert "การนำเสนอ" in table and "ค่ายมวย" in table and "ปี 2557" in table
    fund = out(cli("org", "show", FUND, "-f", "json"))
    assert (fund["kind"], fund["subdistrict"], fund["district"], fund["province"]) == (
        "กองทุน", "ร่องเคาะ", "วังเหนือ", "ลำปาง")  # fmt: skip
    assert fund["province_code"] == "52" and fund["leader"] is None
    assert fund["figures"] == [
        {"as_of": "2014-01-01", "as_of_end": "2014-12-31", "as_of_precision": "year",
         "as_of_th": "ปี 2557", "villages": 17, "member_count": 1697, "capital_baht": 2344070.93}
    ]  # fmt: skip
    # The fund's capital is never a budget: the ลำปาง summary shows the fund, and no budget.
    lampang = out(cli("summary", "--province", "ลำปาง", "-f", "json"))["provinces"][0]
    assert lampang["budget_baht"] is None and lampang["funds"][0]["capital_baht"] == 2344070.93
    assert lampang["funds"][0]["member_count"] == 1697 and lampang["organizations"]["กองทุน"] == 1
    text = ok(cli("summary", "--province", "ลำปาง")).stdout
    assert "1,697" in text and "2,344,070.93" in text and "งบประมาณรวม ไม่ระบุ" in text


def test_every_meeting_of_the_seeds_states_no_budget(seeded, db_path):
    cli, _ = seeded
    with sqlite3.connect(db_path) as c:
        assert c.execute(
            "SELECT count(*) FROM meetings WHERE budget_satang IS NOT NULL"
        ).fetchone() == (0,)
    data = out(cli("summary", "-f", "json"))
    assert data["total"]["budget_baht"] is None and data["total"]["budget_meetings"] == 0
    assert "ไม่ระบุ" in ok(cli("summary")).stdout
    assert "0.00" not in ok(cli("summary")).stdout


# --- the acceptance lines of issue 12 that need no seed ------------------------------------------


def test_year_only_date_and_the_fiscal_year(cli):
    m = out(cli("meeting", "log", "X", "--date", "ปี ๒๕๕๗", "-f", "json"))
    assert (m["date_precision"], m["start_date"], m["end_date"], m["date_th"]) == (
        "year", "2014-01-01", "2014-12-31", "ปี 2557")  # fmt: skip
    data = out(cli("summary", "--fiscal-year", "2557", "-f", "json"))
    assert data["total"]["meetings"] == 0 and data["unplaced_meetings"] == 1
    assert "จัดเข้าช่วงเวลานี้ไม่ได้" in ok(cli("summary", "--fiscal-year", "2557")).stdout
    inside = out(cli("meeting", "log", "Y", "--date", "ปีงบประมาณ 2557", "-f", "json"))
    assert inside["date_th"] == "ปีงบประมาณ 2557"
    data = out(cli("summary", "--fiscal-year", "2557", "-f", "json"))
    assert data["total"]["meetings"] == 1 and data["unplaced_meetings"] == 1


@pytest.mark.parametrize(
    ("text", "precision", "shown"),
    [
        ("ก.ค. 2557", "month", "ก.ค. 2557"),
        ("กรกฎาคม 2557", "month", "ก.ค. 2557"),
        ("ปีงบประมาณ 2557", "fiscal_year", "ปีงบประมาณ 2557"),
        ("ประมาณ 13 มิ.ย. 2562", "day", "ประมาณ 13 มิ.ย. 2562"),
    ],
)
def test_partial_dates_on_meeting_log(cli, text, precision, shown):
    m = out(cli("meeting", "log", "X", "--date", text, "-f", "json"))
    assert (m["date_precision"], m["date_th"]) == (precision, shown)
    assert m["date_approximate"] is text.startswith("ประมาณ")


def test_budget_totals_say_what_is_known(cli):
    for i, budget in enumerate(("1000", "500", None, None, None)):
        args = ["meeting", "log", f"เวที {i}", "--date", f"{i + 1} มี.ค. 2567", "--province", "ลำปาง"]
        ok(cli(*args, *(["--budget", budget] if budget else [])))
    text = ok(cli("summary")).stdout
    assert "งบประมาณรวม 1,500.00 บาท จาก 2 ใน 5 เวทีที่ระบุงบประมาณ" in text
    assert out(cli("summary", "-f", "json"))["total"]["budget_baht"] == 1500.0


def test_no_budget_prints_unknown(cli):
    ok(cli("meeting", "log", "เวที", "--date", "1 มี.ค. 2567", "--province", "ลำปาง"))
    assert out(cli("summary", "-f", "json"))["total"]["budget_baht"] is None
    assert "ไม่ระบุ" in ok(cli("summary")).stdout


def test_member_list_network_includes_sub_networks(cli):
    ok(cli("network", "add", "แม่ข่าย", "--level", "ภาค"))
    ok(cli("network", "add", "ลูกข่าย", "--level", "จังหวัด", "--parent", "แม่ข่าย"))
    ok(cli("member", "add", "นายหนึ่ง ทดสอบ", "--network", "ลูกข่าย"))
    ok(cli("member", "add", "นายสอง ทดสอบ", "--network", "แม่ข่าย"))
    names = {m["full_name"] for m in out(cli("member", "list", "--network", "แม่ข่าย", "-f", "json"))}
    assert names == {"นายหนึ่ง ทดสอบ", "นายสอง ทดสอบ"}
    direct = out(cli("member", "list", "--network", "แม่ข่าย", "--direct", "-f", "json"))
    assert [m["full_name"] for m in direct] == ["นายสอง ทดสอบ"]
    net = out(cli("network", "show", "แม่ข่าย", "-f", "json"))
    assert net["members"] == 2 and net["direct_members"] == 1
    assert out(cli("network", "show", "แม่ข่าย", "--direct", "-f", "json"))["members"] == 1


@pytest.mark.parametrize(
    "args",
    [
        (
            "meeting",
            "log",
            "X",
            "--date",
            "1 มี.ค. 2567",
            "--province",
            "ลำปาง",
            "--province",
            "น่าน",
        ),
        ("meeting", "log", "X", "--date", "1 มี.ค. 2567", "--date", "2 มี.ค. 2567"),
        ("member", "add", "นายหนึ่ง ทดสอบ", "--role", "ก", "--role", "ข"),
        ("org", "add", "กลุ่มก", "--kind", "กลุ่ม", "--kind", "ชมรม"),
    ],
)
def test_a_repeated_single_value_option_exits_2(cli, args):
    run = cli(*args)
    assert run.exit_code == 2
    option = next(a for a in args if args.count(a) > 1 and a.startswith("--"))
    assert option in run.stderr + run.stdout


def test_names_where_ids_are_asked(cli):
    ok(cli("member", "add", "นายหนึ่ง ทดสอบ", "--province", "ลำปาง"))
    ok(cli("member", "add", "นายหนึ่ง ทดสอบ", "--province", "น่าน", "--allow-duplicate"))
    mid = out(cli("meeting", "log", "เวทีทดสอบ", "--date", "1 มี.ค. 2567", "-f", "json"))["id"]
    ambiguous = cli("meeting", "attend", "เวทีทดสอบ", "นายหนึ่ง ทดสอบ")
    assert ambiguous.exit_code == 1 and "#1" in ambiguous.stderr and "#2" in ambiguous.stderr
    ok(cli("meeting", "attend", "เวทีทดสอบ", "1"))
    assert show(cli, mid)["attendees"] == 1
    ok(cli("org", "add", "กลุ่มทดสอบ", "--leader", "1"))
    assert out(cli("org", "show", "กลุ่มทดสอบ", "-f", "json"))["leader"]["id"] == 1


def test_org_commands(cli):
    ok(cli("org", "add", FUND, "--district", "วังเหนือ", "--province", "ลำปาง"))
    data = out(cli("org", "figures", FUND, "--as-of", "ปี 2557", "--villages", "17",
                   "--members", "1697", "--capital", "2,344,070.93", "-f", "json"))  # fmt: skip
    assert set(data) >= {"id", "uid", "name", "kind", "subdistrict", "district", "province",
                         "province_code", "leader", "figures"}  # fmt: skip
    ok(cli("org", "figures", FUND, "--as-of", "30 ก.ย. 2567", "--members", "1,750"))
    figures = out(cli("org", "show", FUND, "-f", "json"))["figures"]
    assert [f["as_of_th"] for f in figures] == ["ปี 2557", "30 กันยายน 2567"]  # every report kept
    assert figures[1]["capital_baht"] is None
    ok(cli("org", "edit", FUND, "--note", "รายงานทุกปี"))
    listed = out(cli("org", "list", "--kind", "กองทุน", "-f", "json"))
    assert listed[0]["latest_figures"]["member_count"] == 1750
    ok(cli("org", "remove", FUND))
    assert out(cli("org", "list", "-f", "json")) == []
    assert cli("org", "figures", "nope", "--as-of", "ปี 2557", "--members", "1").exit_code == 1


def test_member_org_links_and_import(cli, tmp_path):
    ok(
        cli(
            "member",
            "add",
            "นางหนึ่ง ทดสอบ",
            "--province",
            "ลำปาง",
            "--org",
            "กลุ่มก",
            "--org",
            "ชมรมข",
        )
    )
    m = out(cli("member", "show", "นางหนึ่ง ทดสอบ", "-f", "json"))
    assert (m["organization"], m["organizations"]) == ("กลุ่มก", ["กลุ่มก", "ชมรมข"])
    orgs = {o["name"]: o for o in out(cli("org", "list", "-f", "json"))}
    assert orgs["ชมรมข"]["kind"] == "ชมรม" and orgs["กลุ่มก"]["province"] == "ลำปาง"
    ok(cli("member", "edit", "นางหนึ่ง ทดสอบ", "--org", "ชมรมข"))
    m = out(cli("member", "show", "นางหนึ่ง ทดสอบ", "-f", "json"))
    assert (m["organization"], m["organizations"]) == ("ชมรมข", ["ชมรมข"])
    csv_file = tmp_path / "roster.csv"
    csv_file.write_text("ชื่อ - สกุล,หน่วยงาน,จังหวัด\nนายสอง ทดสอบ,ชมรมข,ลำปาง\n", encoding="utf-8")
    ok(cli("import", str(csv_file)))
    two = out(cli("member", "show", "นายสอง ทดสอบ", "-f", "json"))
    assert two["organizations"] == ["ชมรมข"]
    assert len([o for o in out(cli("org", "list", "-f", "json")) if o["name"] == "ชมรมข"]) == 1
    assert json.dumps(two, ensure_ascii=False)


def test_seed_004_report_has_the_presentations_table(seeded, tmp_path):
    """The forum report of seed 004 carries its presentations table: each province's leader
    with role, organization and topic in one row ("ไม่ระบุ" where the seed names no role)."""
    import docx

    cli, ids = seeded
    path = tmp_path / "รายงาน004.docx"
    ok(cli("meeting", "report", str(ids["004"]), "-o", str(path)))
    doc = docx.Document(str(path))
    tables = [t for t in doc.tables if "เรื่องที่นำเสนอ" in [c.text for c in t.rows[0].cells]]
    assert len(tables) == 1
    header = [c.text for c in tables[0].rows[0].cells]
    assert header == ["ที่", "จังหวัด", "ชื่อ - สกุล", "บทบาท", "หน่วยงาน", "เรื่องที่นำเสนอ"]
    rows = [[c.text for c in r.cells] for r in tables[0].rows[1:]]
    assert len(rows) == len(PRESENTERS)
    by_name = {r[2]: r for r in rows}
    for province, name, role, org, _, _, topic in PRESENTERS:
        assert by_name[name][1:] == [province, name, role or "ไม่ระบุ", org, topic], name
