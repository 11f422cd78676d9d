"""``netcli meeting …`` through the real CLI against a temporary database."""

from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import assert_clean_error


def count(db_path, table: str = "meetings") -> int:
    if not db_path.exists():
        return 0
    with sqlite3.connect(db_path) as c:
        return c.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def log(cli, title: str, *args: str) -> dict:
    run = cli("meeting", "log", title, *args, "--format", "json")
    assert run.exit_code == 0, run.stderr
    return run.json()


def add_member(cli, name: str, *args: str) -> int:
    run = cli("member", "add", name, *args)
    assert run.exit_code == 0, run.stderr
    return int(run.stdout.strip())


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("13 มิถุนายน 2562", "2019-06-13", "2019-06-13"),
        ("29 – 31 มีนาคม 2564", "2021-03-29", "2021-03-31"),
        ("22-23 มิถุนายน 2567", "2024-06-22", "2024-06-23"),
        ("วันพุธที่ ๒๑ ก.ค. ๕๓", "2010-07-21", "2010-07-21"),
        ("24 กันยายน พ.ศ. 2553", "2010-09-24", "2010-09-24"),
        ("13/06/2562", "2019-06-13", "2019-06-13"),
        ("2019-06-13", "2019-06-13", "2019-06-13"),
        ("30 มิ.ย. – 2 ก.ค. 2567", "2024-06-30", "2024-07-02"),
        ("31 ธ.ค. 2566 – 2 ม.ค. 2567", "2023-12-31", "2024-01-02"),
    ],
)
def test_log_reads_thai_dates(cli, db_path, text, start, end):
    record = log(cli, "เวทีทดสอบ", "--date", text)
    assert (record["start_date"], record["end_date"]) == (start, end)
    with sqlite3.connect(db_path) as c:
        days = [r[0] for r in c.execute("SELECT day FROM meeting_days ORDER BY day")]
    assert days[0] == start and days[-1] == end
    assert len(days) == len(set(days)) == len(record["attendees_by_day"])


@pytest.mark.parametrize(
    # (plain "พรุ่งนี้" is tomorrow since issue 13; "tomorrow morning" is still not a date)
    "text",
    ["31 กุมภาพันธ์ 2562", "32/13/2562", "พรุ่งนี้เช้า", "29 มีนาคม 2564 – 1 มกราคม 2563"],
)
def test_bad_dates_are_refused_and_nothing_written(cli, db_path, text):
    run = cli("meeting", "log", "เวทีทดสอบ", "--date", text)
    assert_clean_error(run)
    assert count(db_path) == 0 and count(db_path, "meeting_days") == 0


def test_date_is_required(cli, db_path):
    run = cli("meeting", "log", "เวทีทดสอบ")
    assert_clean_error(run, code=2)
    assert count(db_path) == 0


def test_forum_place_and_thai_date(cli):
    record = log(
        cli,
        "เวทีเครือข่ายพัฒนาสังคมจังหวัดแม่ฮ่องสอน",
        "--date",
        "13 มิถุนายน 2562",
        "--venue",
        "โรงแรมสิบล้านบุรี รีสอร์ท",
        "--subdistrict",
        "ปางหมู",
        "--district",
        "อ.เมือง",
        "--province",
        "จ.แม่ฮ่องสอน",
        "--funding",
        "กองทุนส่งเสริมการจัดสวัสดิการสังคม",
    )
    assert record["district"] == "เมืองแม่ฮ่องสอน"
    assert record["subdistrict"] == "ปางหมู" and record["province"] == "แม่ฮ่องสอน"
    assert record["province_code"] == "58" and record["district_code"] == "5801"
    assert "มิถุนายน 2562" in record["date_th"]
    assert record["kind"] == "เวที"  # from the title
    assert record["funding_source"] == "กองทุนส่งเสริมการจัดสวัสดิการสังคม"


def test_unresolved_subdistrict_is_kept_with_warning(cli):
    run = cli(
        "meeting",
        "log",
        "เวทีเวียงกานต์",
        "--date",
        "1 ต.ค. 2566",
        "--subdistrict",
        "เวียงกานต์",
        "--district",
        "บ้านโฮ่ง",
        "--province",
        "ลำพูน",
        "-f",
        "json",
    )
    assert run.exit_code == 0
    assert run.json()["subdistrict"] == "เวียงกานต์" and run.json()["subdistrict_code"] is None
    assert "เวียงกานต์" in run.stderr


def test_province_typo_is_refused_with_suggestion(cli, db_path):
    run = cli("meeting", "log", "เวที", "--date", "1 ต.ค. 2566", "--province", "เชียงใม")
    assert_clean_error(run)
    assert "เชียงใหม่" in run.stderr
    assert count(db_path) == 0


def test_unknown_kind_is_refused_with_suggestion(cli, db_path):
    run = cli("meeting", "log", "งาน", "--date", "1 ต.ค. 2566", "--kind", "ประชม")
    assert_clean_error(run)
    assert "ประชุม" in run.stderr
    assert count(db_path) == 0
    assert log(cli, "งาน", "--date", "1 ต.ค. 2566", "--kind", "seminar")["kind"] == "สัมมนา"


def test_budget_and_head_count(cli):
    record = log(
        cli,
        "เวทีติดตามผล",
        "--date",
        "19 ก.ย. 2568",
        "--budget",
        "12,345.67",
        "--participants",
        "กว่า 70 คน",
        "--batch",
        "รุ่นที่ ๓",
        "--organizer",
        "พมจ.ลำปาง",
        "--organizer",
        "มรภ.ลำปาง",
        "--speaker",
        "นางบัวผัน คำมา",
        "--chair",
        "ดร.มาลี ศรีสุข",
        "--outcome",
        "มติที่ 1",
        "--outcome",
        "มติที่ 2",
        "--note",
        "ทดสอบ",
    )
    assert record["budget_baht"] == 12345.67
    assert record["participants"] == 70 and record["participants_note"] == "กว่า 70 คน"
    assert record["attendees"] == 0  # the reported head-count is not linked attendance
    assert record["batch"] == "3"
    assert record["organizers"] == ["พมจ.ลำปาง", "มรภ.ลำปาง"]
    assert record["speakers"] == ["นางบัวผัน คำมา"]
    assert record["outcomes"] == ["มติที่ 1", "มติที่ 2"]
    plain = log(
        cli, "เวทีอื่น", "--date", "20 ก.ย. 2568", "--budget", "๕,๐๐๐", "--participants", "250"
    )
    assert plain["budget_baht"] == 5000.0
    assert plain["participants"] == 250 and plain["participants_note"] is None


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--budget", "-5"),
        ("--budget", "ห้าพัน"),
        ("--budget", "1.234"),
        ("--participants", "-3"),
        ("--participants", "หลายคน"),
    ],
)
def test_bad_money_and_head_count(cli, db_path, option, value):
    run = cli("meeting", "log", "เวที", "--date", "1 ต.ค. 2566", f"{option}={value}")
    assert_clean_error(run)
    assert count(db_path) == 0


@pytest.mark.parametrize(
    ("text", "number", "note"),
    [
        ("70", 70, None),
        ("๗๐", 70, None),
        ("กว่า 70 คน", 70, "กว่า 70 คน"),
        ("ประมาณ 250 คน", 250, "ประมาณ 250 คน"),
        ("1,500", 1500, None),
        ("1500 คน", 1500, None),
        ("กว่า 70 คน จาก 6 จังหวัด", 70, "กว่า 70 คน จาก 6 จังหวัด"),
    ],
)
def test_head_count_as_organisers_write_it(cli, text, number, note):
    record = log(cli, "เวทีนับคน", "--date", "22-23 มิถุนายน 2567", "--participants", text)
    assert record["participants"] == number and record["participants_note"] == note


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("1e5", "ยกกำลัง"),
        ("1E+05", "ยกกำลัง"),
        ("1.5", "ทศนิยม"),
        ("๑.๕", "ทศนิยม"),
        ("1 500", "หลายจำนวน"),
        ("1 500 คน", "หลายจำนวน"),
        ("70-80 คน", "หลายจำนวน"),
        ("6 จังหวัด 103 อำเภอ", "หลายจำนวน"),
        ("1,50", "จุลภาค"),
        ("-3", "ติดลบ"),
        ("ประมาณ -5 คน", "ติดลบ"),
        ("หลายคน", "ไม่มีตัวเลข"),
    ],
)
def test_unclear_head_count_is_refused_not_guessed(cli, db_path, text, words):
    # These were stored as 1 (1e5, 1.5, "1 500"): a wrong number is worse than none.
    run = cli("meeting", "log", "เวที", "--date", "1 ต.ค. 2566", f"--participants={text}")
    assert_clean_error(run)
    assert words in run.stderr and "--participants" in run.stderr, run.stderr
    assert len(run.stderr.strip().splitlines()) <= 2
    assert count(db_path) == 0


def test_edit_refuses_an_unclear_head_count(cli):
    mid = log(cli, "เวทีแก้จำนวน", "--date", "1 ต.ค. 2566", "--participants", "70")["id"]
    assert_clean_error(cli("meeting", "edit", str(mid), "--participants", "1e5"))
    shown = cli("meeting", "show", str(mid), "-f", "json").json()
    assert shown["participants"] == 70


def test_same_meeting_twice_is_refused(cli, db_path):
    log(cli, "เวทีเดียวกัน", "--date", "1 ต.ค. 2566")
    run = cli("meeting", "log", "เวทีเดียวกัน", "--date", "2023-10-01")
    assert_clean_error(run)
    assert count(db_path) == 1
    log(cli, "เวทีเดียวกัน", "--date", "1 ต.ค. 2566", "--allow-duplicate")
    assert count(db_path) == 2


def test_three_day_course_attendance_per_day(cli):
    a = add_member(cli, "นายประกิจ เสาร์แก้ว", "--province", "เชียงใหม่")
    b = add_member(cli, "นางสาวพรทิพย์ ใจมั่น", "--province", "เชียงใหม่")
    c = add_member(cli, "นางสุภาพ จันแปงเงิน", "--province", "เชียงราย")
    mid = log(cli, "หลักสูตรวิทยากร Shift and Share", "--date", "29 – 31 มีนาคม 2564", "--batch", "3")[
        "id"
    ]
    run = cli("meeting", "attend", str(mid), str(a), str(b), str(c), "--day", "29 มีนาคม 2564")
    assert run.exit_code == 0, run.stderr
    run = cli(
        "meeting", "attend", str(mid), str(a), str(b), "--day", "31 มี.ค. 64", "--role", "วิทยากร"
    )
    assert run.exit_code == 0, run.stderr
    record = cli("meeting", "show", str(mid), "--format", "json").json()
    assert record["attendees"] == 3
    assert [d["count"] for d in record["attendees_by_day"]] == [3, 0, 2]
    assert [d["day"] for d in record["attendees_by_day"]] == [
        "2021-03-29",
        "2021-03-30",
        "2021-03-31",
    ]
    assert {m["role"] for m in record["attendees_by_day"][2]["members"]} == {"วิทยากร"}
    assert record["kind"] == "อบรม" or record["kind"] is None
    # the table shows both figures too
    table = cli("meeting", "show", str(mid)).stdout
    assert "3 คน" in table and "31 มี.ค. 64: 2 คน" in table


def test_attend_defaults_to_every_day_and_is_idempotent(cli, db_path):
    a = add_member(cli, "นายประกิจ เสาร์แก้ว")
    mid = log(cli, "สัมมนาภาคใต้", "--date", "22-23 มิถุนายน 2567", "--attendee", str(a))["id"]
    assert count(db_path, "attendance") == 2
    run = cli("meeting", "attend", str(mid), str(a), "-f", "json")
    assert run.json() == {"meeting": mid, "added": 0, "removed": 0}
    assert count(db_path, "attendance") == 2
    run = cli(
        "meeting", "attend", str(mid), str(a), "--day", "23 มิ.ย. 2567", "--remove", "-f", "json"
    )
    assert run.json() == {"meeting": mid, "added": 0, "removed": 1}


def test_attend_refusals(cli, db_path):
    a = add_member(cli, "นายประกิจ เสาร์แก้ว")
    mid = log(cli, "สัมมนาภาคใต้", "--date", "22-23 มิถุนายน 2567")["id"]
    run = cli("meeting", "attend", str(mid), str(a), "999")
    assert_clean_error(run)
    assert count(db_path, "attendance") == 0  # all or nothing
    assert_clean_error(cli("meeting", "attend", str(mid), str(a), "--day", "24 มิถุนายน 2567"))
    assert_clean_error(cli("meeting", "attend", str(mid), str(a), "--day", "พรุ่งนี้"))
    run = cli("meeting", "attend", str(mid), str(a), "--role", "ผู้ฟัง")
    assert_clean_error(run)
    assert "ผู้เข้าร่วม" in run.stderr
    assert_clean_error(cli("meeting", "attend", "77", str(a)))
    assert count(db_path, "attendance") == 0


def test_list_filters_and_order(cli):
    net = cli("network", "add", "เครือข่ายพัฒนาสังคมภาคเหนือตอนบน", "--level", "ภาค")
    assert net.exit_code == 0, net.stderr
    log(cli, "สัมมนาภาคใต้", "--date", "22-23 มิถุนายน 2567", "--province", "สงขลา")
    log(
        cli,
        "เวทีแม่ฮ่องสอน",
        "--date",
        "13 มิถุนายน 2562",
        "--province",
        "แม่ฮ่องสอน",
        "--network",
        "เครือข่ายพัฒนาสังคมภาคเหนือตอนบน",
    )
    log(
        cli, "อบรมวิทยากร", "--date", "29 – 31 มีนาคม 2564", "--province", "เชียงใหม่", "--kind", "อบรม"
    )

    def titles(*args):
        run = cli("meeting", "list", *args, "-f", "json")
        assert run.exit_code == 0, run.stderr
        return [r["title"] for r in run.json()]

    assert titles() == ["เวทีแม่ฮ่องสอน", "อบรมวิทยากร", "สัมมนาภาคใต้"]
    assert titles("--province", "จ.สงขลา") == ["สัมมนาภาคใต้"]
    assert titles("--fiscal-year", "2564") == ["อบรมวิทยากร"]
    assert titles("--fiscal-year", "2562") == ["เวทีแม่ฮ่องสอน"]
    assert titles("--from", "1 ม.ค. 2564", "--to", "2021-03-29") == ["อบรมวิทยากร"]
    assert titles("--kind", "อบรม") == ["อบรมวิทยากร"]
    assert titles("--network", "เครือข่ายพัฒนาสังคมภาคเหนือตอนบน") == ["เวทีแม่ฮ่องสอน"]
    table = cli("meeting", "list").stdout
    assert "29–31 มี.ค. 64" in table and "13 มิ.ย. 62" in table
    assert_clean_error(cli("meeting", "list", "--province", "เชียงใหม"))
    assert_clean_error(cli("meeting", "list", "--from", "32/13/2562"))
    assert_clean_error(cli("meeting", "list", "--kind", "party"))


def test_edit_moves_attendance_with_the_dates(cli):
    a = add_member(cli, "นายประกิจ เสาร์แก้ว")
    mid = log(cli, "เวทีแม่ฮ่องสอน", "--date", "12 มิถุนายน 2562", "--attendee", str(a))["id"]
    run = cli("meeting", "edit", str(mid), "--date", "13 มิถุนายน 2562", "-f", "json")
    assert run.exit_code == 0, run.stderr
    record = run.json()
    assert record["start_date"] == "2019-06-13" and record["attendees"] == 1
    assert record["attendees_by_day"] == [
        {
            "day": "2019-06-13",
            "count": 1,
            "members": [
                {"id": a, "full_name": "นายประกิจ เสาร์แก้ว", "role": "ผู้เข้าร่วม", "topic": None}
            ],
        }
    ]


def test_edit_refuses_to_cut_days_with_attendance_unless_forced(cli, db_path):
    a = add_member(cli, "นายประกิจ เสาร์แก้ว")
    b = add_member(cli, "นางสาวพรทิพย์ ใจมั่น")
    mid = log(cli, "อบรมวิทยากร", "--date", "29 – 31 มีนาคม 2564")["id"]
    cli("meeting", "attend", str(mid), str(a))
    cli("meeting", "attend", str(mid), str(b), "--day", "29 มี.ค. 2564")
    # growing keeps everything
    record = cli("meeting", "edit", str(mid), "--date", "28 – 31 มีนาคม 2564", "-f", "json").json()
    assert [d["count"] for d in record["attendees_by_day"]] == [0, 2, 1, 1]
    # cutting the 28th (empty) and 29th (two people) is refused
    run = cli("meeting", "edit", str(mid), "--date", "30 – 31 มีนาคม 2564", "--budget", "1000")
    assert_clean_error(run)
    assert "--force" in run.stderr
    record = cli("meeting", "show", str(mid), "-f", "json").json()
    assert record["start_date"] == "2021-03-28" and record["budget_baht"] is None
    record = cli(
        "meeting", "edit", str(mid), "--date", "30 – 31 มีนาคม 2564", "--force", "-f", "json"
    ).json()
    assert [d["count"] for d in record["attendees_by_day"]] == [1, 1]
    assert record["attendees"] == 1
    assert count(db_path, "meeting_days") == 2


def test_edit_fields_and_clear(cli):
    mid = log(
        cli,
        "เวที",
        "--date",
        "1 ต.ค. 2566",
        "--province",
        "ลำปาง",
        "--budget",
        "100",
        "--outcome",
        "เดิม",
    )["id"]
    record = cli(
        "meeting",
        "edit",
        str(mid),
        "--title",
        "เวทีใหม่",
        "--district",
        "ห้างฉัตร",
        "--clear",
        "budget",
        "--outcome",
        "ใหม่",
        "-f",
        "json",
    ).json()
    assert record["title"] == "เวทีใหม่"
    assert record["district"] == "ห้างฉัตร" and record["province"] == "ลำปาง"
    assert record["budget_baht"] is None
    assert record["outcomes"] == ["เดิม", "ใหม่"]
    assert_clean_error(cli("meeting", "edit", str(mid), "--clear", "title"))
    assert_clean_error(cli("meeting", "edit", str(mid), "--kind", "ปาร์ตี้"))
    assert_clean_error(cli("meeting", "edit", "999", "--title", "x"))


def test_remove_is_soft(cli, db_path):
    mid = log(cli, "เวที", "--date", "1 ต.ค. 2566")["id"]
    assert cli("meeting", "remove", str(mid)).exit_code == 0
    assert cli("meeting", "list", "-f", "json").json() == []
    assert_clean_error(cli("meeting", "show", str(mid)))
    assert_clean_error(cli("meeting", "remove", str(mid)))
    with sqlite3.connect(db_path) as c:
        assert c.execute("SELECT deleted_at IS NOT NULL FROM meetings").fetchone()[0] == 1


def test_show_by_uid_and_table(cli):
    record = log(cli, "เวที", "--date", "13 มิถุนายน 2562", "--budget", "12,345.67")
    assert cli("meeting", "show", record["uid"], "-f", "json").json()["id"] == record["id"]
    table = cli("meeting", "show", str(record["id"])).stdout
    assert "13 มิถุนายน 2562" in table
    assert "12,345.67 บาท" in table and "หนึ่งหมื่นสองพันสามร้อยสี่สิบห้าบาทหกสิบเจ็ดสตางค์" in table


def test_actions_add_done_list(cli, db_path):
    owner = add_member(cli, "นายสุเมษ สายสูง")
    mid = log(cli, "การประชุมก่อตั้งเครือข่าย", "--date", "๒๑ ก.ค. ๕๓")["id"]
    run = cli(
        "meeting",
        "action",
        "add",
        str(mid),
        "จัดทำปฏิทินเครือข่าย",
        "--owner",
        str(owner),
        "--due",
        "30 ก.ย. 2553",
        "-f",
        "json",
    )
    assert run.exit_code == 0, run.stderr
    action = run.json()
    assert action["owner"] == "นายสุเมษ สายสูง" and action["owner_member_id"] == owner
    assert action["due_date"] == "2010-09-30" and action["status"] == "overdue"
    # a name we hold is linked; one we do not is kept as written
    by_name = cli(
        "meeting", "action", "add", str(mid), "ประสานงาน", "--owner", "นายสุเมษ สายสูง", "-f", "json"
    ).json()
    assert by_name["owner_member_id"] == owner
    text = cli(
        "meeting",
        "action",
        "add",
        str(mid),
        "รับสมัครสมาชิกเพิ่ม",
        "--owner",
        "พมจ.ทุกจังหวัด",
        "--due",
        "31 ธ.ค. 2553",
        "-f",
        "json",
    ).json()
    assert text["owner"] == "พมจ.ทุกจังหวัด" and text["owner_member_id"] is None
    assert cli("meeting", "action", "done", str(action["id"])).exit_code == 0
    assert cli("meeting", "action", "done", str(action["id"])).exit_code == 0  # idempotent
    rows = cli("meeting", "action", "list", "--open", "-f", "json").json()
    assert [r["id"] for r in rows] == [text["id"], by_name["id"]]  # by due date, undated last
    record = cli("meeting", "show", str(mid), "-f", "json").json()
    assert [a["status"] for a in record["actions"]] == ["done", "overdue", "open"]
    n = count(db_path, "actions")
    assert_clean_error(cli("meeting", "action", "add", str(mid), "x", "--due", "31 กุมภาพันธ์ 2562"))
    assert_clean_error(cli("meeting", "action", "add", str(mid), "x", "--owner", "999"))
    assert_clean_error(cli("meeting", "action", "add", "999", "x"))
    assert_clean_error(cli("meeting", "action", "add", str(mid), "  "))
    assert_clean_error(cli("meeting", "action", "done", "999"))
    assert count(db_path, "actions") == n


def test_no_traceback_in_a_real_process(netcli_proc, db_path):
    run = netcli_proc("meeting", "log", "เวที", "--date", "32/13/2562")
    assert_clean_error(run)
    assert count(db_path) == 0


def test_edit_shifts_a_multi_day_meeting_day_by_day(cli):
    a = add_member(cli, "นายประกิจ เสาร์แก้ว")
    b = add_member(cli, "นางสาวพรทิพย์ ใจมั่น")
    mid = log(cli, "อบรมวิทยากร", "--date", "29 – 31 มีนาคม 2564")["id"]
    cli("meeting", "attend", str(mid), str(a), str(b), "--day", "29 มี.ค. 2564")
    cli("meeting", "attend", str(mid), str(a), "--day", "31 มี.ค. 2564")
    run = cli("meeting", "edit", str(mid), "--date", "30 มี.ค. – 1 เม.ย. 2564", "-f", "json")
    assert run.exit_code == 0, run.stderr
    by_day = run.json()["attendees_by_day"]
    assert [(d["day"], d["count"]) for d in by_day] == [
        ("2021-03-30", 2),
        ("2021-03-31", 0),
        ("2021-04-01", 1),
    ]
    back = cli("meeting", "edit", str(mid), "--date", "29 – 31 มีนาคม 2564", "-f", "json").json()
    assert [d["count"] for d in back["attendees_by_day"]] == [2, 0, 1]
