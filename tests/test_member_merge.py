"""netcli member merge / unmerge: fold a duplicate person, and undo it exactly."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from tests.conftest import assert_clean_error
from tests.test_merge import add_member, copy_laptops, log_meeting, ok, status


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


def test_the_doubly_added_person_is_found_merged_and_unmerged(
    cli: Any, tmp_path: Path, seeded_dbs: Any
) -> None:
    lap = copy_laptops(seeded_dbs, tmp_path)
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


def test_a_later_laptop_merge_lands_on_keep(cli: Any, tmp_path: Path, seeded_dbs: Any) -> None:
    """B still has OTHER and records a meeting for them; merged into A after A folded OTHER."""
    lap = copy_laptops(seeded_dbs, tmp_path)
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


# --- purge after a member merge: nothing of the person left (PDPA) ---------------------

NID_B, PHONE_B = "3500100123457", "0891234567"


def raw_bytes(db: Path) -> bytes:
    return b"".join(
        p.read_bytes()
        for p in db.parent.glob(db.name + "*")
        if p.is_file() and ".bak" not in p.name
    )


def assert_gone(db: Path, *markers: str) -> None:
    blobs = raw_bytes(db)
    for marker in markers:
        assert marker.encode("utf-8") not in blobs, marker


def test_purge_after_merge_and_unmerge_leaves_no_trace(netcli_proc: Any, db_path: Path) -> None:
    run = netcli_proc
    ok(run("member", "add", "นายเอก ทดสอบ", "--province", "เชียงใหม่"))
    ok(
        run(
            "member",
            "add",
            "นายบี ลองดู",
            "--province",
            "ลำปาง",
            "--phone",
            PHONE_B,
            "--national-id",
            NID_B,
            "--org",
            "กลุ่มลับเฉพาะบี",
        )
    )
    ok(run("member", "merge", "1", "2"))
    # KEEP edited while merged: that entry holds B's values too.
    ok(run("member", "edit", "1", "--role", "ประธาน"))
    ok(run("member", "unmerge", "1"))
    ok(run("member", "remove", "2", "--purge", "--yes"))
    assert_gone(db_path, PHONE_B, NID_B, "กลุ่มลับเฉพาะบี", "ลองดู")
    # KEEP's own history is still there and reads as if B was never folded in.
    conn = sqlite3.connect(db_path)
    try:
        entries = conn.execute(
            "SELECT command, after FROM change_log WHERE table_name = 'members' AND row_id = 1"
            " ORDER BY id"
        ).fetchall()
    finally:
        conn.close()
    assert [e[0] for e in entries] == ["member add", "member edit"]
    # The edit holds the columns it changed (the compact log): B's phone is in none of them.
    assert '"role":"ประธาน"' in entries[1][1] and json.loads(entries[1][1]).get("phone") is None
    shown = ok(run("member", "show", "1", "-f", "json")).json()
    assert shown["role"] == "ประธาน" and shown["phone"] is None and shown["national_id"] is None
    assert run("db", "check").exit_code == 0


def test_purging_keep_of_a_standing_merge_purges_the_folded_record(
    netcli_proc: Any, db_path: Path
) -> None:
    run = netcli_proc
    ok(run("member", "add", "นายเอก ทดสอบ", "--province", "เชียงใหม่", "--phone", "0812223333"))
    ok(
        run(
            "member",
            "add",
            "นายเอก ทดสอบ",
            "--province",
            "เชียงใหม่",
            "--national-id",
            NID_B,
            "--allow-duplicate",
        )
    )
    ok(run("member", "merge", "1", "2"))
    ok(run("member", "remove", "1", "--purge", "--yes"))
    assert_gone(db_path, "0812223333", NID_B, "ทดสอบ")
    gone = ok(run("member", "list", "--removed", "-f", "json")).json()
    assert all(m["full_name"] != "นายเอก ทดสอบ" for m in gone)
    assert_clean_error(run("member", "unmerge", "1"))
    assert run("db", "check").exit_code == 0


def test_purge_finds_the_person_in_history_copied_from_another_laptop(
    cli: Any, netcli_proc: Any, tmp_path: Path
) -> None:
    """B merged and unmerged the pair; A got B's history of KEEP by netcli merge."""
    a, b = tmp_path / "A.db", tmp_path / "B.db"
    keep = add_member(cli, a, "นายเอก ทดสอบ", "--province", "เชียงใหม่")
    other = add_member(
        cli, a, "นายบี ลองดู", "--province", "ลำปาง", "--phone", PHONE_B, "--national-id", NID_B
    )
    ok(cli("db", "backup", str(b), db=a))
    ok(cli("member", "merge", str(keep), str(other), db=b))
    ok(cli("member", "unmerge", str(keep), db=b))
    ok(cli("merge", str(b), db=a))
    ok(netcli_proc("member", "remove", str(other), "--purge", "--yes", db=a))
    assert_gone(a, PHONE_B, NID_B)
    assert netcli_proc("db", "check", db=a).exit_code == 0


# --- national IDs masked in member merge output ------------------------------------------


def test_member_merge_masks_the_national_id(cli: Any, tmp_path: Path) -> None:
    for fmt, show in (("json", False), ("table", False), ("json", True)):
        db = tmp_path / f"{fmt}-{show}.db"
        keep = add_member(cli, db, "นายเอก ทดสอบ", "--province", "เชียงใหม่")
        other = add_member(
            cli,
            db,
            "นายเอก ทดสอบ",
            "--province",
            "เชียงใหม่",
            "--national-id",
            NID_B,
            "--allow-duplicate",
        )
        extra = ["--show-national-id"] if show else []
        run = ok(cli("member", "merge", str(keep), str(other), "-f", fmt, *extra, db=db))
        out = run.stdout + run.stderr
        if show:
            assert run.json()["fields"]["national_id"] == NID_B
            continue
        assert NID_B not in out
        assert "x-xxxx-xxxxx-45-7" in out
        # Stored in full all the same: member show --show-national-id tells it.
        shown = ok(cli("member", "show", str(keep), "--show-national-id", "-f", "json", db=db))
        assert shown.json()["national_id"] == NID_B


# --- the place is one unit ----------------------------------------------------------------

PLACE = "province, province_code, district, district_code, subdistrict, subdistrict_code, village"


def place(db: Path, mid: int) -> tuple[Any, ...]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(f"SELECT {PLACE} FROM members WHERE id = ?", (mid,)).fetchone()
    finally:
        conn.close()


def test_taking_the_province_takes_the_whole_place(cli: Any, tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    keep = add_member(
        cli,
        db,
        "นายเอก ทดสอบ",
        "--province",
        "เชียงใหม่",
        "--district",
        "สันทราย",
        "--subdistrict",
        "ป่าไผ่",
        "--village",
        "3",
    )
    other = add_member(
        cli,
        db,
        "นายเอก ทดสอบ",
        "--province",
        "ลำปาง",
        "--district",
        "เกาะคา",
        "--allow-duplicate",
    )
    before = snapshot(db)
    theirs = place(db, other)
    result = ok(
        cli(
            "member",
            "merge",
            str(keep),
            str(other),
            "--take",
            "province=other",
            "-f",
            "json",
            db=db,
        )
    ).json()
    assert place(db, keep) == theirs
    assert place(db, keep)[:4] == ("ลำปาง", "52", "เกาะคา", "5203")
    assert place(db, keep)[4:] == (None, None, None)
    assert result["fields"]["province"] == "ลำปาง" and result["fields"]["subdistrict"] is None
    ok(cli("member", "unmerge", str(keep), db=db))
    assert snapshot(db) == before


def test_filling_a_place_only_where_it_agrees(cli: Any, tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    # Same province: KEEP's missing district and subdistrict come from OTHER, codes too.
    keep = add_member(cli, db, "นายเอก ทดสอบ", "--province", "เชียงใหม่")
    other = add_member(
        cli,
        db,
        "นายเอก ทดสอบ",
        "--province",
        "เชียงใหม่",
        "--district",
        "สันทราย",
        "--subdistrict",
        "ป่าไผ่",
        "--allow-duplicate",
    )
    before = snapshot(db)
    ok(cli("member", "merge", str(keep), str(other), db=db))
    assert place(db, keep) == place(db, other)
    ok(cli("member", "unmerge", str(keep), db=db))
    assert snapshot(db) == before
    # Another province: no district of ลำปาง under เชียงใหม่; KEEP's place stays whole.
    far = add_member(
        cli,
        db,
        "นายเอก ทดสอบ",
        "--province",
        "ลำปาง",
        "--district",
        "เกาะคา",
        "--village",
        "5",
        "--allow-duplicate",
    )
    mine = place(db, keep)
    result = ok(cli("member", "merge", str(keep), str(far), "-f", "json", db=db)).json()
    assert place(db, keep) == mine
    assert not {"province", "district", "village"} & set(result["fields"])
    # Taking just the village takes the place with it.
    ok(cli("member", "unmerge", str(keep), db=db))
    ok(cli("member", "merge", str(keep), str(far), "--take", "village=other", db=db))
    assert place(db, keep) == place(db, far)
