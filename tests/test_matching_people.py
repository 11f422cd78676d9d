"""Two records are one person only when their names agree (issue: never fold two people).

A family shares one village phone: husband, wife and daughter are three members, each with a
warning naming the other, and ``--overwrite`` never turns one of them into another.
"""

from __future__ import annotations

from pathlib import Path

from tests.test_import_fixtures import members, write_workbook

HEADER = ["ชื่อ-สกุล", "ตำแหน่ง", "จังหวัด", "เบอร์โทร"]
FAMILY = [
    ["นายสมชาย ใจดี", "ผู้ใหญ่บ้าน", "ลำปาง", "0812345678"],
    ["นางสมศรี ใจดี", "อสม.", "ลำปาง", "0812345678"],
    ["นางสาวชไมพร ใจดี", "เยาวชน", "ลำปาง", "081-234-5678"],
]


def test_a_family_on_one_phone_is_three_people(cli, db_path: Path, tmp_path: Path) -> None:
    roster = write_workbook(tmp_path / "family.xlsx", {"S": [HEADER, *FAMILY]})
    report = cli("import", str(roster), "--format", "json").json()
    assert report["inserted"] == 3 and report["updated"] == 0
    shared = [w for w in report["warnings"] if "#1 นายสมชาย ใจดี" in w["message"]]
    assert [w["row"] for w in shared] == [3, 4]  # the wife's and the daughter's rows
    people = {m["full_name"]: m for m in members(db_path)}
    assert set(people) == {"นายสมชาย ใจดี", "นางสมศรี ใจดี", "นางสาวชไมพร ใจดี"}
    assert {m["role"] for m in people.values()} == {"ผู้ใหญ่บ้าน", "อสม.", "เยาวชน"}

    # The same roster again with new roles, --overwrite: each person updates themselves.
    changed = [[*row[:1], "กรรมการ", *row[2:]] for row in FAMILY]
    again = write_workbook(tmp_path / "family2.xlsx", {"S": [HEADER, *changed]})
    report = cli("import", str(again), "--overwrite", "--format", "json").json()
    assert (report["inserted"], report["updated"]) == (0, 3)
    after = {m["id"]: m for m in members(db_path)}
    assert {i: m["full_name"] for i, m in after.items()} == {
        m["id"]: name for name, m in people.items()
    }  # no name replaced by another's
    assert {m["role"] for m in after.values()} == {"กรรมการ"}


def test_a_close_name_on_the_same_phone_is_the_same_person(cli, db_path: Path) -> None:
    assert cli("member", "add", "นางสมศรี ใจดี", "--phone", "0812345678").exit_code == 0
    # a typo of the same name, and the same first name with a new surname (marriage)
    for name in ("นางสมศรี ใจดีี", "นางสมศรี ทองคำ"):
        run = cli("member", "add", name, "--phone", "0812345678")
        assert run.exit_code == 1 and "#1" in run.stderr
    assert len(members(db_path)) == 1


def test_member_add_on_a_shared_phone_warns_and_adds(cli, db_path: Path) -> None:
    assert cli("member", "add", "นายสมชาย ใจดี", "--phone", "0812345678").exit_code == 0
    run = cli("member", "add", "นางสมศรี ใจดี", "--phone", "0812345678", "-f", "json")
    assert run.exit_code == 0
    assert run.json()["full_name"] == "นางสมศรี ใจดี"
    assert "#1 นายสมชาย ใจดี" in run.stderr
    assert len(members(db_path)) == 2
