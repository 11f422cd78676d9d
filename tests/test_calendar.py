"""``netcli calendar``: meetings and follow-up actions in date order, overdue marked."""

from __future__ import annotations

import sqlite3

from tests.conftest import assert_clean_error

NORTH = "เครือข่ายพัฒนาสังคมภาคเหนือตอนบน"
SOUTH = "เครือข่ายขบวนองค์กรชุมชนภาคใต้"


def _id(run) -> int:
    assert run.exit_code == 0, run.stderr
    return int(run.stdout.strip())


def founding_forum(cli) -> dict[str, int]:
    """The founding forum of ๒๑ ก.ค. ๕๓ with its resolutions as actions, and a later meeting."""
    _id(cli("network", "add", NORTH, "--level", "ภาค"))
    _id(cli("network", "add", SOUTH, "--level", "ภาค"))
    owner = _id(cli("member", "add", "นายสุเมษ สายสูง", "--province", "เชียงใหม่"))
    forum = _id(
        cli(
            "meeting",
            "log",
            "การประชุมก่อตั้งเครือข่ายพัฒนาสังคมภาคเหนือตอนบน",
            "--date",
            "วันพุธที่ ๒๑ ก.ค. ๕๓",
            "--province",
            "เชียงใหม่",
            "--network",
            NORTH,
            "--outcome",
            "จัดทำปฏิทินเครือข่าย",
            "--outcome",
            "รับสมัครสมาชิกเพิ่ม",
        )
    )
    recruit = _id(
        cli(
            "meeting",
            "action",
            "add",
            str(forum),
            "รับสมัครสมาชิกเพิ่มทุกจังหวัด",
            "--owner",
            "นายประกิจ เสาร์แก้ว",
            "--due",
            "31 ธันวาคม 2553",
        )
    )
    cal = _id(
        cli(
            "meeting",
            "action",
            "add",
            str(forum),
            "จัดทำปฏิทินเครือข่าย",
            "--owner",
            str(owner),
            "--due",
            "30 ก.ย. 53",
        )
    )
    later = _id(
        cli(
            "meeting",
            "log",
            "เวทีติดตามผล",
            "--date",
            "15 – 16 ธันวาคม 2569",
            "--province",
            "ลำปาง",
            "--network",
            NORTH,
        )
    )
    follow = _id(cli("meeting", "action", "add", str(later), "สรุปผลเวที", "--due", "15 ม.ค. 2570"))
    south = _id(
        cli(
            "meeting",
            "log",
            "สัมมนาภาคใต้",
            "--date",
            "1 ธ.ค. 2569",
            "--province",
            "สงขลา",
            "--network",
            SOUTH,
        )
    )
    return {
        "forum": forum,
        "recruit": recruit,
        "calendar": cal,
        "later": later,
        "follow": follow,
        "south": south,
    }


def test_calendar_lists_actions_and_meetings_in_order(cli):
    ids = founding_forum(cli)
    run = cli("calendar", "--today", "2026-11-21", "-f", "json")
    assert run.exit_code == 0, run.stderr
    rows = run.json()
    # The past forum shows with its open follow-up (issue 12: calendar and forum together).
    assert [(r["type"], r["id"]) for r in rows] == [
        ("meeting", ids["forum"]),
        ("action", ids["calendar"]),
        ("action", ids["recruit"]),
        ("meeting", ids["south"]),
        ("meeting", ids["later"]),
        ("action", ids["follow"]),
    ]
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert [r["overdue"] for r in rows] == [False, True, True, False, False, False]
    assert rows[0]["status"] == "past"
    assert rows[1]["owner"] == "นายสุเมษ สายสูง" and rows[2]["owner"] == "นายประกิจ เสาร์แก้ว"
    assert rows[3]["status"] == "upcoming"
    table = cli("calendar", "--today", "21 พฤศจิกายน 2569").stdout
    assert table.count("เกินกำหนด") == 2
    assert table.index("30 ก.ย. 53") < table.index("31 ธ.ค. 53") < table.index("15–16 ธ.ค. 69")


def test_done_actions_leave_the_calendar(cli):
    ids = founding_forum(cli)
    assert (
        cli("meeting", "action", "done", str(ids["calendar"]), "--on", "15 ก.ย. 2553").exit_code
        == 0
    )
    rows = cli("calendar", "--today", "2026-11-21", "-f", "json").json()
    assert ids["calendar"] not in [r["id"] for r in rows if r["type"] == "action"]
    # with a period, done actions are shown as done
    rows = cli(
        "calendar",
        "--from",
        "1 ก.ค. 2553",
        "--to",
        "31 ธ.ค. 2553",
        "--today",
        "2026-11-21",
        "-f",
        "json",
    ).json()
    assert [(r["type"], r["status"]) for r in rows] == [
        ("meeting", "past"),
        ("action", "done"),
        ("action", "overdue"),
    ]


def test_calendar_filters(cli):
    ids = founding_forum(cli)

    def got(*args):
        run = cli("calendar", "--today", "2026-11-21", *args, "-f", "json")
        assert run.exit_code == 0, run.stderr
        return {(r["type"], r["id"]) for r in run.json()}

    assert got("--network", SOUTH) == {("meeting", ids["south"])}
    assert ("meeting", ids["south"]) not in got("--network", NORTH)
    assert got("--province", "ลำปาง") == {("meeting", ids["later"]), ("action", ids["follow"])}
    assert got("--from", "1 ธ.ค. 2569", "--to", "31 ธ.ค. 2569") == {
        ("meeting", ids["south"]),
        ("meeting", ids["later"]),
    }
    cli("meeting", "remove", str(ids["later"]))
    assert got("--province", "ลำปาง") == set()


def test_calendar_refusals(cli):
    assert_clean_error(cli("calendar", "--province", "เชียงใหม"))
    assert_clean_error(cli("calendar", "--network", "ไม่มี"))
    assert_clean_error(cli("calendar", "--from", "31 กุมภาพันธ์ 2562"))
    assert_clean_error(cli("calendar", "--from", "1 ม.ค. 2570", "--to", "1 ม.ค. 2569"))
    run = cli("calendar", "--today", "2026-11-21")
    assert run.exit_code == 0 and "ไม่พบรายการ" in run.stderr


def test_demo_loads_once_as_the_seeds_say(cli, db_path):
    from netcli.demo.loader import load_demo
    from netcli.store import db

    conn = db.connect(db_path)
    try:
        first = load_demo(conn)
        second = load_demo(conn)
    finally:
        conn.close()
    assert first["meetings"]["inserted"] == 5 and first["inserted"] == 17
    assert second["meetings"]["inserted"] == 0 and second["meetings"]["present"] == 5
    assert second["inserted"] == 0
    rows = cli("meeting", "list", "-f", "json").json()
    by_date = {r["start_date"]: r for r in rows}
    mhs = cli("meeting", "show", str(by_date["2019-06-13"]["id"]), "-f", "json").json()
    assert mhs["district"] == "เมืองแม่ฮ่องสอน" and mhs["subdistrict"] == "ปางหมู"
    assert mhs["venue"] == "โรงแรมสิบล้านบุรี รีสอร์ท"
    assert mhs["funding_source"] == "กองทุนส่งเสริมการจัดสวัสดิการสังคม ประจำปี 2562"
    assert mhs["budget_baht"] is None and mhs["participants"] is None
    assert mhs["co_organizers"] == ["สถาบันการเรียนรู้และพัฒนาประชาสังคม"]
    course = cli("meeting", "show", str(by_date["2021-03-29"]["id"]), "-f", "json").json()
    assert course["batch"] == "3" and course["end_date"] == "2021-03-31"
    assert course["chair"] == "นายอรรคพงษ์ ศรีสุบัติ" and course["province"] == "เชียงใหม่"
    south = by_date["2024-06-22"]
    assert (south["participants"], south["participants_note"]) == (70, "กว่า 70 คน")
    assert south["province"] is None and len(south["covers"]) == 6
    founding = cli("meeting", "show", str(by_date["2010-07-21"]["id"]), "-f", "json").json()
    assert founding["province"] is None and len(founding["covers"]) == 8
    assert [a["due_date"] for a in founding["actions"]] == [None, None]
    follow = by_date["2014-01-01"]
    assert (follow["date_precision"], follow["date_th"]) == ("year", "ปี 2557")
    assert follow["budget_baht"] is None and follow["participants"] == 250
    shown = cli("meeting", "show", str(follow["id"]), "-f", "json").json()
    assert len(shown["presentations"]) == 8
    with sqlite3.connect(db_path) as c:
        assert (
            c.execute("SELECT count(*) FROM meetings WHERE budget_satang IS NOT NULL").fetchone()[0]
            == 0
        )
    # The founding forum of seed 003 and its network calendar show together.
    rows = cli("calendar", "--today", "2026-11-21", "-f", "json").json()
    assert [(r["type"], r["status"]) for r in rows] == [
        ("meeting", "past"),
        ("action", "open"),
        ("action", "open"),
    ]
