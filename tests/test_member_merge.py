"""netcli member merge / unmerge: fold a duplicate person, and undo it exactly."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from tests.conftest import assert_clean_error
from tests.test_merge import add_member, log_meeting, make_laptops, ok, status


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(db)
    try:
        return {
            t: conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
            for t in ("members", "attendance", "memberships", "actions")
        }
    finally:
        conn.close()


def attendees(cli: Any, db: Path, meeting: int) -> int:
    return ok(cli("meeting", "show", str(meeting), "-f", "json", db=db)).json()["attendees"]


def test_the_doubly_added_person_is_found_merged_and_unmerged(cli: Any, tmp_path: Path) -> None:
    lap = make_laptops(tmp_path, cli)
    a = lap["a"]
    ok(cli("merge", str(lap["b"]), db=a))
    pairs = ok(cli("member", "duplicates", "-f", "json", db=a)).json()
    ids = {
        m["id"]
        for m in ok(cli("member", "list", "-f", "json", db=a)).json()
        if m["full_name"] == "นายสมชาย รักดี"
    }
    assert len(ids) == 2
    keep, other = sorted(ids)
    [pair] = [p for p in pairs if {p["id_a"], p["id_b"]} == ids]
    assert "name_province" in pair["reasons"]
    before = snapshot(a)
    counts = status(cli, a)

    result = ok(cli("member", "merge", str(keep), str(other), "-f", "json", db=a)).json()
    assert result["fields"] == {"phone": "0851234567"}
    shown = ok(cli("member", "show", str(keep), "-f", "json", db=a)).json()
    assert shown["phone"] == "0851234567"
    listed = [
        m
        for m in ok(cli("member", "list", "-f", "json", db=a)).json()
        if m["full_name"] == "นายสมชาย รักดี"
    ]
    assert [m["id"] for m in listed] == [keep]
    conn = sqlite3.connect(a)
    try:
        days = conn.execute(
            "SELECT count(*) FROM attendance WHERE member_id = ?", (keep,)
        ).fetchone()[0]
    finally:
        conn.close()
    assert days == 2  # both laptops' attendance now on the one record
    assert ok(cli("member", "duplicates", "-f", "json", db=a)).json() == []

    ok(cli("member", "unmerge", str(keep), db=a))
    assert snapshot(a) == before
    assert status(cli, a)["members"] == counts["members"]
    assert_clean_error(cli("member", "unmerge", str(keep), db=a))


def test_take_other_and_the_same_meeting_day_on_both(cli: Any, tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    keep = add_member(
        cli,
        db,
        "นายประกิจ เสาร์แก้ว",
        "--province",
        "เชียงใหม่",
        "--phone",
        "0812345678",
        "--role",
        "ประธาน",
    )
    other = add_member(
        cli,
        db,
        "นายประกิจ เสาร์แก้ว",
        "--province",
        "เชียงใหม่",
        "--phone",
        "0899999999",
        "--org",
        "กลุ่มสตรี",
        "--allow-duplicate",
    )
    ok(cli("network", "add", "เครือข่ายสตรีเชียงใหม่", db=db))
    ok(cli("network", "join", "เครือข่ายสตรีเชียงใหม่", str(keep), str(other), db=db))
    meeting = log_meeting(cli, db, "เวทีเครือข่าย", "29 – 31 มีนาคม 2564")
    ok(cli("meeting", "attend", str(meeting), str(keep), "--day", "29 มีนาคม 2564", db=db))
    ok(cli("meeting", "attend", str(meeting), str(other), db=db))
    ok(
        cli(
            "meeting",
            "action",
            "add",
            str(meeting),
            "ส่งรายชื่อ",
            "--owner",
            str(other),
            "--due",
            "30 เมษายน 2564",
            db=db,
        )
    )
    before = snapshot(db)

    result = ok(
        cli("member", "merge", str(keep), str(other), "--take", "phone=other", "-f", "json", db=db)
    ).json()
    assert result["fields"] == {"phone": "0899999999", "organization": "กลุ่มสตรี"}
    assert result["dropped_duplicates"] == {"attendance": 1, "memberships": 1}
    shown = ok(cli("member", "show", str(keep), "-f", "json", db=db)).json()
    assert shown["role"] == "ประธาน" and shown["phone"] == "0899999999"
    assert attendees(cli, db, meeting) == 1
    conn = sqlite3.connect(db)
    try:
        assert (
            conn.execute("SELECT count(*) FROM attendance WHERE member_id = ?", (keep,)).fetchone()[
                0
            ]
            == 3
        )
        assert conn.execute("SELECT owner_member_id FROM actions").fetchone()[0] == keep
    finally:
        conn.close()

    ok(cli("member", "unmerge", str(other), db=db))  # OTHER's id finds the merge too
    assert snapshot(db) == before


def test_unmerge_refuses_after_a_later_edit(cli: Any, tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    keep = add_member(cli, db, "นางสมศรี ใจดี", "--province", "ลำปาง")
    other = add_member(
        cli, db, "นางสมศรี ใจดี", "--province", "ลำปาง", "--phone", "0812345678", "--allow-duplicate"
    )
    merged = ok(cli("member", "merge", str(keep), str(other), "-f", "json", db=db)).json()
    ok(cli("member", "edit", str(keep), "--phone", "0823456789", db=db))
    run = cli("member", "unmerge", "--merge", str(merged["merge_id"]), db=db)
    assert_clean_error(run)
    assert "phone" in run.stderr


def test_member_merge_refusals(cli: Any, tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    one = add_member(cli, db, "นางสมศรี ใจดี", "--province", "ลำปาง")
    two = add_member(cli, db, "นางสมศรี ใจดี", "--province", "ลำปาง", "--allow-duplicate")
    before = snapshot(db)
    assert_clean_error(cli("member", "merge", str(one), str(one), db=db))
    assert_clean_error(cli("member", "merge", str(one), "999", db=db))
    run = cli("member", "merge", str(one), str(two), "--take", "phon=other", db=db)
    assert_clean_error(run)
    assert "phone" in run.stderr  # the suggestion
    assert_clean_error(cli("member", "merge", str(one), str(two), "--take", "phone=mine", db=db))
    assert_clean_error(cli("member", "unmerge", str(one), db=db))
    assert_clean_error(cli("member", "unmerge", db=db), code=2)
    assert snapshot(db) == before
    ok(cli("member", "merge", str(one), str(two), db=db))
    assert_clean_error(cli("member", "merge", str(one), str(two), db=db))  # OTHER is gone now


def test_a_later_laptop_merge_lands_on_keep(cli: Any, tmp_path: Path) -> None:
    """B still has OTHER and records a meeting for them; merged into A after A folded OTHER."""
    lap = make_laptops(tmp_path, cli)
    a, b = lap["a"], lap["b"]
    ok(cli("merge", str(b), db=a))
    ids = sorted(
        m["id"]
        for m in ok(cli("member", "list", "-f", "json", db=a)).json()
        if m["full_name"] == "นายสมชาย รักดี"
    )
    keep, other = ids
    conn = sqlite3.connect(a)
    other_uid = conn.execute("SELECT uid FROM members WHERE id = ?", (other,)).fetchone()[0]
    conn.close()
    ok(cli("member", "merge", str(keep), str(other), db=a))
    # On B, the same person (B's own record) attends another meeting.
    meeting = log_meeting(cli, b, "อบรมผู้นำ", "5 ตุลาคม 2569")
    ok(cli("meeting", "attend", str(meeting), other_uid, db=b))
    report = ok(cli("merge", str(b), "-f", "json", db=a)).json()
    assert report["tables"]["attendance"]["inserted"] == 1
    conn = sqlite3.connect(a)
    try:
        assert (
            conn.execute("SELECT count(*) FROM attendance WHERE member_id = ?", (keep,)).fetchone()[
                0
            ]
            == 3
        )
        assert (
            conn.execute(
                "SELECT count(*) FROM attendance WHERE member_id = ?", (other,)
            ).fetchone()[0]
            == 0
        )
    finally:
        conn.close()
    # B learns the alias: merging A into B then into a third laptop keeps one live record.
    ok(cli("merge", str(a), db=b))
    live = [
        m
        for m in ok(cli("member", "list", "-f", "json", db=b)).json()
        if m["full_name"] == "นายสมชาย รักดี"
    ]
    assert len(live) == 1
