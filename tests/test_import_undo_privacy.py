"""``import undo`` forgets the people it takes back: no bytes of them left in the database or
its WAL, and their ids never handed to someone else (who would inherit their history)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.test_import_fixtures import count

MARKER_NAME, MARKER_PHONE, MARKER_ORG = "นายลืมแล้ว ไม่เคยมี", "0899990002", "กลุ่มลับเฉพาะทดสอบ"
ROSTER = (
    "ชื่อ - สกุล,จังหวัด,เบอร์โทร,หน่วยงาน\n"
    f"{MARKER_NAME},เชียงใหม่,{MARKER_PHONE},{MARKER_ORG}\n"
    "นางสาวสอง ทดลอง,ลำปาง,0811110002,อสม.\n"
)


def _file_bytes(db_path: Path) -> bytes:
    """The database and its WAL (and -shm), as they are on disk."""
    return b"".join(
        p.read_bytes()
        for p in db_path.parent.glob(db_path.name + "*")
        if p.is_file() and ".bak" not in p.name
    )


def _import(netcli_proc, path: Path) -> int:
    run = netcli_proc("import", str(path), "-f", "json")
    assert run.exit_code == 0, run.stderr
    return int(json.loads(run.stdout)["files"][0]["import_id"])


def _history(netcli_proc, ref: str) -> list[dict]:
    run = netcli_proc("member", "export-data", ref)
    assert run.exit_code == 0, run.stderr
    return json.loads(run.stdout)["history"]


def test_undo_leaves_no_trace_of_the_people_it_took_back(
    netcli_proc, db_path: Path, tmp_path: Path
) -> None:
    keep = netcli_proc("member", "add", "นายอยู่ต่อ ตลอดไป", "--province", "น่าน")
    assert keep.exit_code == 0, keep.stderr
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    batch = _import(netcli_proc, roster)
    assert MARKER_PHONE.encode() in _file_bytes(db_path)  # the check below can see it
    undo = netcli_proc("import", "undo", str(batch), "-f", "json")
    assert undo.exit_code == 0, undo.stderr
    assert json.loads(undo.stdout)["members_deleted"] == 2
    blobs = _file_bytes(db_path)
    for marker in (MARKER_PHONE, "ลืมแล้ว", MARKER_ORG, "0811110002"):
        assert marker.encode("utf-8") not in blobs, marker
    assert netcli_proc("db", "check").exit_code == 0
    # The member who was there before keeps their history.
    assert [h["op"] for h in _history(netcli_proc, "1")] == ["insert"]


def test_ids_of_undone_members_are_not_given_to_the_next_import(
    netcli_proc, db_path: Path, tmp_path: Path
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    batch = _import(netcli_proc, roster)
    assert netcli_proc("import", "undo", str(batch)).exit_code == 0
    other = tmp_path / "other.csv"
    other.write_text("ชื่อ - สกุล,จังหวัด\nนางใหม่ เอี่ยมอ่อง,แพร่\n", encoding="utf-8")
    _import(netcli_proc, other)
    listed = json.loads(netcli_proc("member", "list", "-f", "json").stdout)
    assert [(m["id"], m["full_name"]) for m in listed] == [(3, "นางใหม่ เอี่ยมอ่อง")]
    assert [h["op"] for h in _history(netcli_proc, "3")] == ["insert"]
    # What stays of the two people taken back: an anonymous tombstone each (id and uid only),
    # for the id to stay taken and for a merge to learn that they were deleted here.
    conn = sqlite3.connect(db_path)
    left = conn.execute(
        "SELECT row_id, op, before, after, row_uid IS NOT NULL FROM change_log"
        " WHERE table_name = 'members' AND row_id IN (1, 2) ORDER BY row_id"
    ).fetchall()
    conn.close()
    assert left == [(1, "delete", None, None, 1), (2, "delete", None, None, 1)]


def test_member_added_after_an_undo_has_only_its_own_history(
    netcli_proc, db_path: Path, tmp_path: Path
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    batch = _import(netcli_proc, roster)
    assert netcli_proc("import", "undo", str(batch)).exit_code == 0
    added = netcli_proc("member", "add", "นางสาวคนใหม่ ไม่เกี่ยว", "--province", "พะเยา")
    assert added.exit_code == 0, added.stderr
    new_id = added.stdout.strip()
    assert new_id not in ("1", "2")
    assert [h["op"] for h in _history(netcli_proc, new_id)] == ["insert"]


def test_member_added_after_an_undo_shares_no_personal_data_of_others(
    netcli_proc, db_path: Path, tmp_path: Path
) -> None:
    """Whatever id ``member add`` picks, the history kept under it holds nobody else's data."""
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    batch = _import(netcli_proc, roster)
    assert netcli_proc("import", "undo", str(batch)).exit_code == 0
    added = netcli_proc("member", "add", "นางสาวคนใหม่ ไม่เกี่ยว", "--province", "พะเยา")
    assert added.exit_code == 0, added.stderr
    new_id = int(added.stdout.strip())
    history = _history(netcli_proc, str(new_id))
    assert [h["op"] for h in history][-1] == "insert"
    assert [h["op"] for h in history].count("insert") == 1
    conn = sqlite3.connect(db_path)
    kept = conn.execute(
        "SELECT coalesce(before, '') || coalesce(after, '') FROM change_log"
        " WHERE table_name = 'members' AND row_id = ?",
        (new_id,),
    ).fetchall()
    conn.close()
    for (text,) in kept:
        for marker in (MARKER_PHONE, "ลืมแล้ว", MARKER_ORG, "ทดลอง"):
            assert marker not in text, marker


def test_a_later_batch_that_filled_a_new_member_is_erased_with_it(
    netcli_proc, db_path: Path, tmp_path: Path
) -> None:
    first = tmp_path / "first.csv"
    first.write_text("ชื่อ - สกุล,จังหวัด\nนายเติมทีหลัง ทดสอบ,น่าน\n", encoding="utf-8")
    second = tmp_path / "second.csv"
    second.write_text(
        f"ชื่อ - สกุล,จังหวัด,เบอร์โทร\nนายเติมทีหลัง ทดสอบ,น่าน,{MARKER_PHONE}\n", encoding="utf-8"
    )
    one, two = _import(netcli_proc, first), _import(netcli_proc, second)
    assert netcli_proc("import", "undo", str(two)).exit_code == 0
    assert netcli_proc("import", "undo", str(one)).exit_code == 0
    assert count(db_path, "members") == 0
    blobs = _file_bytes(db_path)
    assert MARKER_PHONE.encode() not in blobs and "เติมทีหลัง".encode() not in blobs
