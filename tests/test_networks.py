"""``netcli network …`` through the real CLI."""

from __future__ import annotations

import sqlite3

from tests.conftest import assert_clean_error

NORTH = "เครือข่ายพัฒนาสังคมภาคเหนือตอนบน"
MHS = "เครือข่ายพัฒนาสังคมจังหวัดแม่ฮ่องสอน"


def add_member(cli, name: str, *args: str) -> int:
    run = cli("member", "add", name, *args)
    assert run.exit_code == 0, run.stderr
    return int(run.stdout.strip())


def count(db_path, table: str) -> int:
    with sqlite3.connect(db_path) as c:
        return c.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_add_list_show(cli):
    run = cli("network", "add", NORTH, "--level", "ภาค", "-f", "json")
    assert run.exit_code == 0, run.stderr
    north = run.json()
    assert north["name"] == NORTH and north["level"] == "ภาค" and north["parent"] is None
    run = cli(
        "network", "add", MHS, "--level", "จังหวัด", "--province", "จ.แม่ฮ่องสอน", "--parent", NORTH
    )
    assert run.exit_code == 0, run.stderr
    mhs_id = int(run.stdout.strip())
    rows = cli("network", "list", "-f", "json").json()
    assert [r["name"] for r in rows] == [MHS, NORTH]  # Thai dictionary order
    child = rows[0]
    assert (
        child["parent"] == NORTH
        and child["province"] == "แม่ฮ่องสอน"
        and child["province_code"] == "58"
    )
    assert [r["name"] for r in cli("network", "list", "--level", "จังหวัด", "-f", "json").json()] == [
        MHS
    ]
    assert [
        r["name"] for r in cli("network", "list", "--province", "แม่ฮ่องสอน", "-f", "json").json()
    ] == [MHS]

    a = add_member(cli, "นายจะหวะ ใจดี", "--province", "แม่ฮ่องสอน")
    b = add_member(cli, "นางอรุณี แสงคำ", "--province", "แม่ฮ่องสอน", "--network", MHS)
    assert cli("network", "join", MHS, str(a), "--role", "ผู้ประสานงาน").exit_code == 0
    mid = cli(
        "meeting", "log", "เวทีแม่ฮ่องสอน", "--date", "13 มิถุนายน 2562", "--network", MHS
    ).stdout.strip()
    shown = cli("network", "show", str(mhs_id), "-f", "json").json()
    assert shown["members"] == 2 and shown["meetings"] == 1
    assert [(m["id"], m["role"]) for m in shown["member_list"]] == [(a, "ผู้ประสานงาน"), (b, None)]
    assert [m["id"] for m in shown["meeting_list"]] == [int(mid)]
    up = cli("network", "show", NORTH, "-f", "json").json()
    assert [n["name"] for n in up["sub_network_list"]] == [MHS]
    table = cli("network", "show", MHS).stdout
    assert "นายจะหวะ ใจดี" in table and "13 มิ.ย. 62" in table and NORTH in table


def test_join_is_idempotent_and_leave(cli, db_path):
    cli("network", "add", NORTH)
    a = add_member(cli, "นายประกิจ เสาร์แก้ว")
    assert cli("network", "join", NORTH, str(a), "-f", "json").json()["changed"] == 1
    assert cli("network", "join", NORTH, str(a), "-f", "json").json()["changed"] == 0
    assert count(db_path, "memberships") == 1
    assert cli("member", "show", str(a), "-f", "json").json()["networks"] == [NORTH]
    assert cli("network", "leave", NORTH, str(a), "-f", "json").json()["left"] == 1
    assert cli("network", "leave", NORTH, str(a), "-f", "json").json()["left"] == 0
    assert cli("member", "show", str(a), "-f", "json").json()["networks"] == []


def test_refusals(cli, db_path):
    cli("network", "add", NORTH)
    a = add_member(cli, "นายประกิจ เสาร์แก้ว")
    assert_clean_error(cli("network", "add", NORTH))  # duplicate name
    run = cli("network", "add", "เครือข่ายใหม่", "--level", "จังหวัดด")
    assert_clean_error(run)
    assert "จังหวัด" in run.stderr
    run = cli("network", "add", "เครือข่ายใหม่", "--province", "เชียงใหม")
    assert_clean_error(run)
    assert "เชียงใหม่" in run.stderr
    assert_clean_error(cli("network", "add", "เครือข่ายใหม่", "--parent", "ไม่มี"))
    assert_clean_error(cli("network", "add", "   "))
    assert count(db_path, "networks") == 1
    run = cli("network", "join", "เครือข่ายพัฒนาสังคมภาคเหนือ", str(a))
    assert_clean_error(run)
    assert NORTH in run.stderr  # did you mean
    assert_clean_error(cli("network", "join", NORTH, str(a), "999"))
    assert count(db_path, "memberships") == 0  # all or nothing
    assert_clean_error(cli("network", "show", "42"))
    assert_clean_error(cli("member", "add", "นายสมชาย ใจดี", "--network", "ไม่มีเครือข่ายนี้"))
