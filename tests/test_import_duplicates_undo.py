"""People already present: fill empty fields, report differences, --overwrite; undo restores exactly."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.conftest import assert_clean_error
from tests.test_import_fixtures import count, members, write_workbook

HEADER = ["ชื่อ-สกุล", "ตำแหน่ง", "จังหวัด", "เบอร์โทร", "อีเมล"]


def _seed(cli) -> None:
    assert (
        cli("member", "add", "นายสมชาย รักดี", "--province", "น่าน", "--role", "กรรมการ").exit_code
        == 0
    )
    assert (
        cli(
            "member", "add", "นางสมศรี ใจงาม", "--province", "แพร่", "--phone", "0891234567"
        ).exit_code
        == 0
    )


def _update_file(path: Path) -> Path:
    return write_workbook(
        path,
        {
            "S": [
                HEADER,
                [
                    "นายสมชาย รักดี",
                    "ประธาน",
                    "จ.น่าน",
                    "0812223333",
                    "somchai@example.org",
                ],  # fills phone, email; role differs
                ["นางสมศรี  ใจงาม", None, "แพร่", "089-123-4567", None],  # same person, nothing new
                ["นายใหม่ มาใหม่", "สมาชิก", "ลำปาง", None, None],
                ["นายใหม่ มาใหม่", None, "ลำปาง", "0815556666", None],  # folded into the row above
            ]
        },
    )


def test_existing_members_are_filled_differences_kept_and_reported(
    cli, db_path: Path, tmp_path: Path
) -> None:
    _seed(cli)
    run = cli("import", str(_update_file(tmp_path / "u.xlsx")), "--format", "json")
    assert run.exit_code == 0, run.stdout
    report = run.json()
    assert (report["inserted"], report["updated"], report["unchanged"]) == (1, 2, 1)
    people = {m["full_name"]: m for m in members(db_path)}
    somchai = people["นายสมชาย รักดี"]
    assert (somchai["role"], somchai["phone"], somchai["email"]) == (
        "กรรมการ",
        "0812223333",
        "somchai@example.org",
    )
    new = people["นายใหม่ มาใหม่"]
    assert (new["role"], new["phone"]) == ("สมาชิก", "0815556666")
    kept = [w for w in report["warnings"] if w["column"] == "ตำแหน่ง"]
    assert (
        len(kept) == 1
        and kept[0]["row"] == 2
        and kept[0]["value"] == "ประธาน"
        and "--overwrite" in kept[0]["message"]
    )
    assert any(w["row"] == 5 and "แถว 4" in w["message"] for w in report["warnings"])
    # The same file again: nothing changes.
    before = members(db_path)
    again = cli("import", str(tmp_path / "u.xlsx"), "--format", "json").json()
    assert (again["inserted"], again["updated"], again["unchanged"]) == (0, 0, 4)
    assert members(db_path) == before


def test_overwrite_takes_the_files_values(cli, db_path: Path, tmp_path: Path) -> None:
    _seed(cli)
    run = cli("import", str(_update_file(tmp_path / "u.xlsx")), "--overwrite", "--format", "json")
    assert run.exit_code == 0
    assert {m["full_name"]: m["role"] for m in members(db_path)}["นายสมชาย รักดี"] == "ประธาน"


def test_matching_follows_member_find_existing(cli, db_path: Path, tmp_path: Path) -> None:
    """The in-memory key dictionaries answer what members.match_existing answers, row by row
    (the id and the warnings): a shared phone is the same person only when the names agree."""
    _seed(cli)
    path = write_workbook(
        tmp_path / "m.xlsx",
        {
            "S": [
                ["ชื่อ-สกุล", "จังหวัด", "เบอร์โทร"],
                ["นางอื่น คนละชื่อ", "ลำปาง", "0891234567"],
                ["นายสมชาย รักดี", "ลำปาง", None],
            ]
        },
    )
    from netcli.importer.run import Upserter
    from netcli.people import members as member_core
    from netcli.store import db

    conn = db.connect(db_path)
    try:
        upserter = Upserter(conn, overwrite=False, source="t")
        for values in (
            member_core.prepare(
                {"name": "นางอื่น คนละชื่อ", "province": "ลำปาง", "phone": "0891234567"}
            ).values,
            member_core.prepare({"name": "นายสมชาย รักดี", "province": "ลำปาง"}).values,
            member_core.prepare({"name": "นายสมชาย รักดี", "province": "น่าน"}).values,
            # the same phone with a near spelling, and with the same first name: close
            member_core.prepare(
                {"name": "นางสมศรี ใจงามม", "province": "ลำปาง", "phone": "0891234567"}
            ).values,
            member_core.prepare(
                {"name": "นางสมศรี ทองดี", "province": "ลำปาง", "phone": "0891234567"}
            ).values,
        ):
            found, notes = member_core.match_existing(conn, values)
            assert upserter.find(values) == (found["id"] if found else None, notes)
    finally:
        conn.close()
    report = cli("import", str(path), "--format", "json").json()
    # นางอื่น shares a phone with นางสมศรี but not a name: another person, with a warning
    # naming member 2; นายสมชาย of ลำปาง is not นายสมชาย of น่าน.
    assert (report["updated"] + report["unchanged"], report["inserted"]) == (0, 2)
    assert any("#2 นางสมศรี ใจงาม" in w["message"] for w in report["warnings"])


def test_undo_restores_updated_members_exactly_and_removes_new_ones(
    cli, db_path: Path, tmp_path: Path
) -> None:
    _seed(cli)
    assert cli("network", "add", "เครือข่ายภาคเหนือ").exit_code == 0
    before = members(db_path)
    run = cli(
        "import",
        str(_update_file(tmp_path / "u.xlsx")),
        "--network",
        "เครือข่ายภาคเหนือ",
        "--format",
        "json",
    )
    assert run.exit_code == 0
    batch = run.json()["files"][0]["import_id"]
    assert count(db_path, "memberships") == 3 and count(db_path, "members") == 3
    undo = cli("import", "undo", str(batch), "--format", "json")
    assert undo.exit_code == 0, undo.stderr
    assert undo.json()["members_deleted"] == 1 and undo.json()["members_restored"] == 1
    assert members(db_path) == before  # every column, updated_at included
    assert count(db_path, "memberships") == 0
    listed = cli("import", "list", "--format", "json").json()
    assert listed[0]["undone_at"]
    twice = cli("import", "undo", str(batch))
    assert_clean_error(twice)
    assert "ย้อนไปแล้ว" in twice.stderr


def test_undo_refuses_when_a_later_change_touched_the_same_member(
    cli, db_path: Path, tmp_path: Path
) -> None:
    _seed(cli)
    run = cli("import", str(_update_file(tmp_path / "u.xlsx")), "--format", "json")
    batch = run.json()["files"][0]["import_id"]
    somchai = next(m for m in members(db_path) if m["full_name"] == "นายสมชาย รักดี")
    assert cli("member", "edit", str(somchai["id"]), "--role", "เลขานุการ").exit_code == 0
    snapshot = members(db_path)
    refused = cli("import", "undo", str(batch))
    assert_clean_error(refused)
    assert "member edit" in refused.stderr and "ภายหลัง" in refused.stderr
    assert members(db_path) == snapshot


def test_undo_refuses_when_a_later_record_points_at_a_new_member(
    cli, db_path: Path, tmp_path: Path
) -> None:
    run = cli("import", str(_update_file(tmp_path / "u.xlsx")), "--format", "json")
    batch = run.json()["files"][0]["import_id"]
    assert cli("network", "add", "เครือข่ายใหม่").exit_code == 0
    new_id = next(m["id"] for m in members(db_path) if m["full_name"] == "นายใหม่ มาใหม่")
    assert cli("network", "join", "เครือข่ายใหม่", str(new_id)).exit_code == 0
    refused = cli("import", "undo", str(batch))
    assert_clean_error(refused)
    assert count(db_path, "members") == 3


def test_undo_of_an_unknown_batch(cli) -> None:
    assert_clean_error(cli("import", "undo", "99"))


def test_a_later_unchanged_reimport_does_not_block_undo(cli, db_path: Path, tmp_path: Path) -> None:
    path = _update_file(tmp_path / "u.xlsx")
    first = cli("import", str(path), "--format", "json").json()["files"][0]["import_id"]
    assert cli("import", str(path)).exit_code == 0
    assert cli("import", "undo", str(first)).exit_code == 0
    assert count(db_path, "members") == 0
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()


def test_undoing_batches_newest_first_restores_the_start(
    cli, db_path: Path, tmp_path: Path
) -> None:
    _seed(cli)
    start = members(db_path)
    first = write_workbook(
        tmp_path / "a.xlsx", {"S": [HEADER, ["นายสมชาย รักดี", None, "น่าน", "0812223333", None]]}
    )
    second = write_workbook(
        tmp_path / "b.xlsx", {"S": [HEADER, ["นายสมชาย รักดี", None, "น่าน", None, "s@example.org"]]}
    )
    one = cli("import", str(first), "--format", "json").json()["files"][0]["import_id"]
    two = cli("import", str(second), "--format", "json").json()["files"][0]["import_id"]
    refused = cli("import", "undo", str(one))
    assert_clean_error(refused)  # the second batch changed the same member later
    assert cli("import", "undo", str(two)).exit_code == 0
    assert cli("import", "undo", str(one)).exit_code == 0
    assert members(db_path) == start
