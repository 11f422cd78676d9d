"""netcli merge / conflicts: two offline laptops that started from one backup."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import assert_clean_error


def ok(run: Any) -> Any:
    assert run.exit_code == 0, (run.exit_code, run.stdout, run.stderr)
    return run


def add_member(cli: Any, db: Path, name: str, *opts: str) -> int:
    return ok(cli("member", "add", name, *opts, "-f", "json", db=db)).json()["id"]


def log_meeting(cli: Any, db: Path, title: str, date: str) -> int:
    return ok(
        cli("meeting", "log", title, "--date", date, "--province", "เชียงใหม่", "-f", "json", db=db)
    ).json()["id"]


def make_laptops(tmp_path: Path, cli: Any) -> dict[str, Any]:
    """Laptop A with shared records; B = db backup of A; then both work offline."""
    a, b = tmp_path / "A.db", tmp_path / "B.db"
    prakit = add_member(
        cli, a, "นายประกิจ เสาร์แก้ว", "--province", "เชียงใหม่", "--phone", "0812345678"
    )
    somsri = add_member(
        cli,
        a,
        "นางสมศรี ใจดี",
        "--province",
        "เชียงใหม่",
        "--district",
        "สันทราย",
        "--subdistrict",
        "ป่าไผ่",
    )
    ok(cli("network", "add", "เครือข่ายสตรีเชียงใหม่", db=a))
    ok(cli("network", "join", "เครือข่ายสตรีเชียงใหม่", str(prakit), db=a))
    shared = log_meeting(cli, a, "เวทีเครือข่ายสตรี", "13 มิถุนายน 2562")
    ok(cli("meeting", "attend", str(shared), str(prakit), db=a))
    ok(cli("db", "backup", str(b), db=a))
    # Laptop A, offline.
    ok(cli("member", "edit", str(prakit), "--role", "ประธานเครือข่าย", db=a))
    ok(cli("member", "edit", str(somsri), "--phone", "0891111111", db=a))
    new_a = add_member(
        cli,
        a,
        "นายสมชาย รักดี",
        "--province",
        "เชียงใหม่",
        "--district",
        "สันทราย",
        "--subdistrict",
        "ป่าไผ่",
    )
    meet_a = log_meeting(cli, a, "ประชุมอำเภอสันทราย", "1 ตุลาคม 2569")
    ok(cli("meeting", "attend", str(meet_a), str(prakit), str(new_a), db=a))
    # Laptop B, offline: another field of the same person, the same field of another.
    ok(cli("member", "edit", str(prakit), "--org", "กลุ่มออมทรัพย์บ้านป่าไผ่", db=b))
    ok(cli("member", "edit", str(somsri), "--phone", "0892222222", db=b))
    new_b = add_member(
        cli,
        b,
        "นายสมชาย รักดี",
        "--province",
        "เชียงใหม่",
        "--district",
        "สันทราย",
        "--subdistrict",
        "ป่าไผ่",
        "--phone",
        "0851234567",
    )
    meet_b = log_meeting(cli, b, "เวทีตำบลป่าไผ่", "2 ตุลาคม 2569")
    ok(cli("meeting", "attend", str(meet_b), str(somsri), str(new_b), db=b))
    return {"a": a, "b": b, "prakit": prakit, "somsri": somsri, "new_a": new_a, "new_b": new_b}


def status(cli: Any, db: Path) -> dict[str, int]:
    return ok(cli("db", "status", "-f", "json", db=db)).json()["counts"]


def members_by_uid(db: Path) -> dict[str, dict[str, Any]]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return {
            r["uid"]: {k: r[k] for k in r.keys() if k not in ("id", "updated_at")}
            for r in conn.execute("SELECT * FROM members")
        }
    finally:
        conn.close()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copy_laptops(seeded_dbs: Any, tmp_path: Path) -> dict[str, Any]:
    """``make_laptops`` built once per session; each test gets its own copy of A.db and B.db."""
    return seeded_dbs.copy("laptops", make_laptops, tmp_path)


@pytest.fixture
def laptops(tmp_path: Path, cli: Any, seeded_dbs: Any) -> dict[str, Any]:
    return copy_laptops(seeded_dbs, tmp_path)


def test_merge_brings_both_laptops_records_and_reports_the_conflict(
    cli: Any, laptops: dict[str, Any]
) -> None:
    a, b = laptops["a"], laptops["b"]
    before_b = sha(b)
    report = ok(cli("merge", str(b), "-f", "json", db=a)).json()
    assert sha(b) == before_b, "OTHER must never be modified"
    assert report["tables"]["members"] == {
        "inserted": 1,
        "updated": 1,
        "unchanged": 1,
        "deleted": 0,
        "skipped": 0,
    }
    assert report["tables"]["meetings"]["inserted"] == 1
    assert report["tables"]["attendance"]["inserted"] == 2
    [conflict] = report["conflicts"]
    assert conflict["field"] == "phone" and conflict["table"] == "members"
    assert (conflict["mine"], conflict["theirs"]) == ("0891111111", "0892222222")

    prakit = ok(cli("member", "show", str(laptops["prakit"]), "-f", "json", db=a)).json()
    assert prakit["role"] == "ประธานเครือข่าย"  # A's own edit kept
    assert prakit["organization"] == "กลุ่มออมทรัพย์บ้านป่าไผ่"  # B's edit of another field taken
    somsri = ok(cli("member", "show", str(laptops["somsri"]), "-f", "json", db=a)).json()
    assert somsri["phone"] == "0891111111"  # the conflict keeps this side's value
    counts = status(cli, a)
    assert counts["members"] == 4 and counts["meetings"] == 3
    assert counts["attendance"] == 5  # 1 shared + 2 on A + 2 on B
    assert ok(cli("db", "check", db=a))

    listed = ok(cli("conflicts", "-f", "json", db=a)).json()
    assert [c["uid"] for c in listed] == [conflict["uid"]]
    human = ok(cli("merge", str(b), "--dry-run", db=a))
    assert "ไม่มีอะไรเปลี่ยน" in human.stderr


def test_second_merge_changes_nothing(cli: Any, laptops: dict[str, Any]) -> None:
    a, b = laptops["a"], laptops["b"]
    ok(cli("merge", str(b), db=a))
    counts = status(cli, a)
    records = members_by_uid(a)
    again = ok(cli("merge", str(b), "-f", "json", db=a)).json()
    assert again["changed"] is False
    assert again["conflicts"] == [] and again["open_conflicts"] == 1
    assert all(
        not (t["inserted"] or t["updated"] or t["deleted"]) for t in again["tables"].values()
    )
    assert status(cli, a) == counts
    assert members_by_uid(a) == records


def test_reverse_merge_gives_the_same_member_records(cli: Any, laptops: dict[str, Any]) -> None:
    a, b = laptops["a"], laptops["b"]
    ok(cli("merge", str(b), db=a))
    back = ok(cli("merge", str(a), "-f", "json", db=b)).json()
    assert back["conflicts"] == []
    assert members_by_uid(a) == members_by_uid(b)
    assert status(cli, a)["attendance"] == status(cli, b)["attendance"] == 5
    # And round again: nothing left to exchange.
    assert ok(cli("merge", str(b), "-f", "json", db=a)).json()["changed"] is False


def test_dry_run_writes_nothing(cli: Any, laptops: dict[str, Any]) -> None:
    a, b = laptops["a"], laptops["b"]
    counts = status(cli, a)
    report = ok(cli("merge", str(b), "--dry-run", "-f", "json", db=a)).json()
    assert report["dry_run"] is True and report["total"]["inserted"] > 0
    assert status(cli, a) == counts
    assert ok(cli("conflicts", "-f", "json", db=a)).json() == []


def test_resolve_conflicts(cli: Any, laptops: dict[str, Any]) -> None:
    a, b = laptops["a"], laptops["b"]
    [conflict] = ok(cli("merge", str(b), "-f", "json", db=a)).json()["conflicts"]
    assert_clean_error(cli("conflicts", "--resolve", str(conflict["id"]), db=a), code=2)
    assert_clean_error(
        cli("conflicts", "--resolve", str(conflict["id"]), "--take", "both", db=a), code=2
    )
    assert_clean_error(cli("conflicts", "--resolve", "999", "--take", "mine", db=a))
    ok(cli("conflicts", "--resolve", str(conflict["id"]), "--take", "theirs", db=a))
    assert (
        ok(cli("member", "show", str(laptops["somsri"]), "-f", "json", db=a)).json()["phone"]
        == "0892222222"
    )
    assert ok(cli("conflicts", "-f", "json", db=a)).json() == []
    settled = ok(cli("conflicts", "--all", "-f", "json", db=a)).json()
    assert settled[0]["resolution"] == "theirs"
    assert_clean_error(cli("conflicts", "--resolve", str(conflict["id"]), "--take", "mine", db=a))
    # Merging the same file again does not raise the settled conflict again.
    again = ok(cli("merge", str(b), "-f", "json", db=a)).json()
    assert again["conflicts"] == [] and again["open_conflicts"] == 0


def test_deletions_are_honoured(cli: Any, laptops: dict[str, Any]) -> None:
    a, b = laptops["a"], laptops["b"]
    ok(cli("member", "remove", str(laptops["somsri"]), db=b))
    shared_meeting = 1
    ok(cli("meeting", "attend", str(shared_meeting), str(laptops["prakit"]), "--remove", db=b))
    report = ok(cli("merge", str(b), "-f", "json", db=a)).json()
    assert report["tables"]["attendance"]["deleted"] == 1
    # A edited Somsri's phone since the copy: B's removal is a conflict (issue 14), and
    # taking theirs removes her.
    (removal,) = [c for c in report["conflicts"] if c["field"] == "deleted_at"]
    ok(cli("conflicts", "--resolve", str(removal["id"]), "--take", "theirs", db=a))
    listed = {m["id"] for m in ok(cli("member", "list", "-f", "json", db=a)).json()}
    assert laptops["somsri"] not in listed
    # B's newly recorded attendance of the removed member still came along.
    assert status(cli, a)["attendance"] == 4


def test_a_purge_on_the_other_laptop_wins(cli: Any, laptops: dict[str, Any]) -> None:
    a, b = laptops["a"], laptops["b"]
    ok(cli("member", "remove", str(laptops["somsri"]), "--purge", "--yes", db=b))
    report = ok(cli("merge", str(b), "-f", "json", db=a)).json()
    assert report["purged"] == 1 and report["conflicts"] == []
    conn = sqlite3.connect(a)
    try:
        row = conn.execute(
            "SELECT first_name, phone, purged_at FROM members WHERE id = ?", (laptops["somsri"],)
        ).fetchone()
        assert row[1] is None and row[2] is not None
        dump = "\n".join(conn.iterdump())
    finally:
        conn.close()
    assert "สมศรี" not in dump and "0891111111" not in dump and "0892222222" not in dump
    # A purge here is not undone by the other laptop's copy either.
    back = ok(cli("merge", str(a), "-f", "json", db=b)).json()
    assert back["purged"] == 0
    assert ok(cli("merge", str(b), "-f", "json", db=a)).json()["changed"] is False


def test_purge_here_is_kept_against_the_other_laptop(cli: Any, laptops: dict[str, Any]) -> None:
    a, b = laptops["a"], laptops["b"]
    ok(cli("member", "remove", str(laptops["somsri"]), "--purge", "--yes", db=a))
    ok(cli("merge", str(b), db=a))
    conn = sqlite3.connect(a)
    try:
        dump = "\n".join(conn.iterdump())
    finally:
        conn.close()
    assert "0892222222" not in dump and "สมศรี" not in dump


def _old_schema_db(path: Path) -> None:
    # As netcli at migration 0001 left it: hand-written triggers, full copies in the log.
    from .conftest import older_netcli_db

    older_netcli_db(path, 1).close()


def test_merge_from_and_into_an_older_schema(
    cli: Any, tmp_path: Path, laptops: dict[str, Any]
) -> None:
    old = tmp_path / "old.db"
    _old_schema_db(old)
    conn = sqlite3.connect(old)
    with conn:
        conn.execute(
            "INSERT INTO members (first_name, last_name, full_name, name_key, province, province_code)"
            " VALUES ('บุญมี', 'มีสุข', 'นายบุญมี มีสุข', 'บุญมีมีสุข', 'ลำปาง', '52')"
        )
    conn.close()
    before = sha(old)
    report = ok(cli("merge", str(old), "-f", "json", db=laptops["a"])).json()
    assert report["tables"]["members"]["inserted"] == 1
    assert sha(old) == before
    # Into an older-schema copy: the target is upgraded first, then merged.
    target = tmp_path / "old-target.db"
    _old_schema_db(target)
    report = ok(cli("merge", str(laptops["b"]), "-f", "json", db=target)).json()
    assert report["tables"]["members"]["inserted"] == 3
    assert status(cli, target)["attendance"] == 3


def test_garbage_other(cli: Any, tmp_path: Path, laptops: dict[str, Any]) -> None:
    a = laptops["a"]
    counts = status(cli, a)
    text = tmp_path / "notes.db"
    text.write_text("สวัสดี นี่ไม่ใช่ฐานข้อมูล\n", encoding="utf-8")
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.close()
    newer = tmp_path / "newer.db"
    ok(cli("db", "backup", str(newer), db=a))
    conn = sqlite3.connect(newer)
    with conn:
        conn.execute("INSERT INTO _migrations VALUES (99, '0099_future', 'x', '2030-01-01')")
    conn.close()
    for bad in (tmp_path / "missing.db", text, plain, newer, tmp_path, a):
        run = cli("merge", str(bad), db=a)
        assert_clean_error(run)
        assert len(run.stderr.strip().splitlines()) <= 2, run.stderr
    assert status(cli, a) == counts


def _big_other(path: Path, n: int) -> None:
    from netcli.store.db import connect, write

    conn = connect(path)
    try:
        with write(conn, "test fill"):
            conn.executemany(
                "INSERT INTO members (first_name, last_name, full_name_written, name_key_written, province, province_code, phone)"
                " VALUES (?, ?, ?, ?, 'เชียงใหม่', '50', ?)",
                (
                    (
                        f"สมาชิก{i}",
                        f"ทดสอบ{i}",
                        f"นายสมาชิก{i} ทดสอบ{i}",
                        f"สมาชิก{i}ทดสอบ{i}",
                        f"08{i:08d}",
                    )
                    for i in range(n)
                ),
            )
    finally:
        conn.close()


def test_a_killed_merge_leaves_the_target_as_it_was(
    cli: Any, tmp_path: Path, laptops: dict[str, Any]
) -> None:
    a = laptops["a"]
    big = tmp_path / "big.db"
    _big_other(big, 40_000)
    counts = status(cli, a)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("NETCLI_DB", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "netcli", "--db", str(a), "merge", str(big)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    # Kill once the merge holds the write lock (it is inside its one transaction).
    deadline = time.monotonic() + 60
    probe = sqlite3.connect(a, timeout=0)
    locked = False
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.execute("ROLLBACK")
            except sqlite3.OperationalError:
                locked = True
                time.sleep(0.3)  # well inside the merge
                break
            time.sleep(0.02)
    finally:
        probe.close()
    assert locked, "never saw the merge's transaction"
    assert proc.poll() is None, "the merge finished before it could be killed; use a larger OTHER"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert ok(cli("db", "check", db=a))
    assert status(cli, a) == counts
    assert ok(cli("conflicts", "-f", "json", db=a)).json() == []


def test_merge_json_report_shape(cli: Any, laptops: dict[str, Any]) -> None:
    report = ok(cli("merge", str(laptops["b"]), "-f", "json", db=laptops["a"])).json()
    assert set(report["tables"]["members"]) == {
        "inserted",
        "updated",
        "unchanged",
        "deleted",
        "skipped",
    }
    assert set(report["conflicts"][0]) >= {"uid", "field", "mine", "theirs"}
    json.dumps(report)


def test_the_same_network_made_on_both_laptops_is_one_network(cli: Any, tmp_path: Path) -> None:
    a, b = tmp_path / "A.db", tmp_path / "B.db"
    one = add_member(cli, a, "นายก้อง ไพรวัลย์", "--province", "ลำปาง")
    ok(cli("db", "backup", str(b), db=a))
    ok(cli("network", "add", "เครือข่ายผู้สูงอายุลำปาง", "--level", "จังหวัด", db=a))
    ok(cli("network", "join", "เครือข่ายผู้สูงอายุลำปาง", str(one), db=a))
    ok(cli("network", "add", "เครือข่ายผู้สูงอายุลำปาง", db=b))
    two = add_member(cli, b, "นางคำปัน ดีงาม", "--province", "ลำปาง")
    ok(cli("network", "join", "เครือข่ายผู้สูงอายุลำปาง", str(one), str(two), db=b))
    report = ok(cli("merge", str(b), "-f", "json", db=a)).json()
    assert report["tables"]["networks"]["inserted"] == 0 and report["skipped"] == []
    assert report["tables"]["memberships"]["inserted"] == 1
    shown = ok(cli("network", "show", "เครือข่ายผู้สูงอายุลำปาง", "-f", "json", db=a)).json()
    assert shown["members"] == 2 and shown["level"] == "จังหวัด"
    back = ok(cli("merge", str(a), "-f", "json", db=b)).json()
    assert back["conflicts"] == []  # the empty level on B is filled, not a conflict
    assert (
        ok(cli("network", "show", "เครือข่ายผู้สูงอายุลำปาง", "-f", "json", db=b)).json()["level"]
        == "จังหวัด"
    )


def test_an_edit_travels_through_a_third_laptop(cli: Any, tmp_path: Path) -> None:
    """C's edit reaches B through A (A carries C's history), and is not a conflict there."""
    a, b, c = tmp_path / "A.db", tmp_path / "B.db", tmp_path / "C.db"
    one = add_member(cli, a, "นายก้อง ไพรวัลย์", "--province", "ลำปาง", "--phone", "0812345678")
    ok(cli("db", "backup", str(b), db=a))
    ok(cli("db", "backup", str(c), db=a))
    ok(cli("member", "edit", str(one), "--org", "สภาองค์กรชุมชนตำบล", db=c))
    ok(cli("member", "edit", str(one), "--role", "เลขานุการ", db=b))
    ok(cli("merge", str(c), db=a))
    report = ok(cli("merge", str(a), "-f", "json", db=b)).json()
    assert report["conflicts"] == []
    shown = ok(cli("member", "show", str(one), "-f", "json", db=b)).json()
    assert (shown["organization"], shown["role"]) == ("สภาองค์กรชุมชนตำบล", "เลขานุการ")
    # B's later edit of the same field wins over the adopted one, without a false conflict.
    ok(cli("member", "edit", str(one), "--org", "เครือข่ายสตรี", db=b))
    report = ok(cli("merge", str(b), "-f", "json", db=a)).json()
    assert report["conflicts"] == []
    assert (
        ok(cli("member", "show", str(one), "-f", "json", db=a)).json()["organization"]
        == "เครือข่ายสตรี"
    )


NIDS_A = ("1101700203450", "3100600445635")
NIDS_B = ("3500100123457", "1709900123451")


def nid_conflicts(cli: Any, laptops: dict[str, Any]) -> None:
    """Both laptops give prakit and somsri a different national ID."""
    for db, nids in ((laptops["a"], NIDS_A), (laptops["b"], NIDS_B)):
        for who, nid in zip(("prakit", "somsri"), nids, strict=True):
            ok(cli("member", "edit", str(laptops[who]), "--national-id", nid, db=db))


def assert_no_nid(text: str) -> None:
    for nid in NIDS_A + NIDS_B:
        assert nid not in text, nid


def test_merge_reports_and_conflicts_mask_national_ids(cli: Any, laptops: dict[str, Any]) -> None:
    a, b = laptops["a"], laptops["b"]
    nid_conflicts(cli, laptops)
    dry = ok(cli("merge", str(b), "--dry-run", db=a))
    assert_no_nid(dry.stdout + dry.stderr)
    run = ok(cli("merge", str(b), "-f", "json", db=a))
    assert_no_nid(run.stdout + run.stderr)
    ids = {c["uid"]: c for c in run.json()["conflicts"] if c["field"] == "national_id"}
    assert sorted((c["mine"], c["theirs"]) for c in ids.values()) == sorted(
        [("x-xxxx-xxxxx-45-0", "x-xxxx-xxxxx-45-7"), ("x-xxxx-xxxxx-63-5", "x-xxxx-xxxxx-45-1")]
    )
    phone = [c for c in run.json()["conflicts"] if c["field"] == "phone"]
    assert (phone[0]["mine"], phone[0]["theirs"]) == ("0891111111", "0892222222")  # not masked
    for fmt in ("table", "json", "csv", "ndjson"):
        listed = ok(cli("conflicts", "--all", "-f", fmt, db=a))
        assert_no_nid(listed.stdout + listed.stderr)
    assert "x-xxxx-xxxxx-45-7" in ok(cli("conflicts", "-f", "csv", db=a)).stdout
    # Asked for by name: the real values.
    full = ok(cli("conflicts", "--show-national-id", "-f", "json", db=a)).json()
    assert {(c["mine"], c["theirs"]) for c in full if c["field"] == "national_id"} == set(
        zip(NIDS_A, NIDS_B, strict=True)
    )
    csv_full = ok(cli("conflicts", "--show-national-id", "-f", "csv", db=a)).stdout
    assert all(nid in csv_full for nid in NIDS_A + NIDS_B)
    # Settling one: the value it reports is masked too, unless asked for.
    first, second = sorted(c["id"] for c in full if c["field"] == "national_id")
    settled = ok(cli("conflicts", "--resolve", str(first), "--take", "theirs", "-f", "json", db=a))
    assert_no_nid(settled.stdout + settled.stderr)
    assert settled.json()["value"].startswith("x-xxxx-xxxxx-")
    human = ok(cli("conflicts", "--resolve", str(second), "--take", "mine", db=a))
    assert_no_nid(human.stdout + human.stderr)
    # The stored value is the real one: member show --show-national-id has it.
    prakit = ok(
        cli("member", "show", str(laptops["prakit"]), "--show-national-id", "-f", "json", db=a)
    ).json()
    assert prakit["national_id"] in (NIDS_B[0], NIDS_A[0])


def test_resolve_shows_the_national_id_when_asked(cli: Any, laptops: dict[str, Any]) -> None:
    a, b = laptops["a"], laptops["b"]
    nid_conflicts(cli, laptops)
    # A bundle's merge report masks them as netcli merge does.
    bundle = a.parent / "b.netcli"
    ok(cli("export", "bundle", "-o", str(bundle), db=b))
    report = ok(cli("import", str(bundle), "--dry-run", "-f", "json", db=a))
    assert_no_nid(report.stdout + report.stderr)
    assert {c["theirs"] for c in report.json()["conflicts"] if c["field"] == "national_id"} == {
        "x-xxxx-xxxxx-45-7",
        "x-xxxx-xxxxx-45-1",
    }
    ok(cli("merge", str(b), db=a))
    listed = ok(cli("conflicts", "-f", "json", db=a)).json()
    first = min(c["id"] for c in listed if c["field"] == "national_id")
    run = ok(
        cli(
            "conflicts",
            "--resolve",
            str(first),
            "--take",
            "theirs",
            "--show-national-id",
            "-f",
            "json",
            db=a,
        )
    )
    assert run.json()["value"] in NIDS_B


def test_a_row_the_merge_brings_has_one_birth_the_one_made_there(cli: Any, tmp_path: Path) -> None:
    """Issue 11: a merged row's birth is the other laptop's insert entry (who made it there,
    when, with which command), not that and the merge's own as well; a row whose birth the
    other laptop no longer has keeps the merge's entry, so every row has one."""
    there, here = tmp_path / "there.db", tmp_path / "here.db"
    one = add_member(cli, there, "นายประกิจ เสาร์แก้ว", "--province", "เชียงใหม่")
    two = add_member(cli, there, "นางสมศรี ใจดี", "--province", "เชียงใหม่")
    conn = sqlite3.connect(there)
    with conn:  # as a laptop from before the change log kept inserts: no birth for #2
        conn.execute("UPDATE _context SET command = 'test' WHERE id = 1")
        conn.execute(
            "DELETE FROM change_log WHERE table_name = 'members' AND row_id = ? AND op = 'insert'",
            (two,),
        )
        conn.execute("UPDATE _context SET command = NULL WHERE id = 1")
    conn.close()
    ok(cli("init", db=here))
    ok(cli("merge", str(there), db=here))
    conn = sqlite3.connect(here)
    try:
        births = {
            uid: conn.execute(
                "SELECT c.command FROM change_log c JOIN members m ON m.id = c.row_id"
                " WHERE c.table_name = 'members' AND c.op = 'insert' AND m.uid = ?",
                (uid,),
            ).fetchall()
            for uid in (_uid(there, one), _uid(there, two))
        }
    finally:
        conn.close()
    assert births == {_uid(there, one): [("member add",)], _uid(there, two): [("merge",)]}


def _uid(db: Path, member: int) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT uid FROM members WHERE id = ?", (member,)).fetchone()[0]
    finally:
        conn.close()


def test_two_changes_of_one_record_in_one_command_both_travel(cli: Any, tmp_path: Path) -> None:
    """Since migration 0012 the entries of one command share its time: two updates of one
    record by one command are still two entries on the other laptop, copied once."""
    from netcli.people import members
    from netcli.store.db import connect, write

    a, b = tmp_path / "A.db", tmp_path / "B.db"
    one = add_member(cli, a, "นายก้อง ไพรวัลย์", "--province", "ลำปาง")
    ok(cli("db", "backup", str(b), db=a))
    conn = connect(a)
    with write(conn, "test twice"):
        members.edit(conn, one, members.prepare({"phone": "0812345678"}, partial=True))
        members.edit(conn, one, members.prepare({"role": "เลขานุการ"}, partial=True))
    conn.close()

    def twice(db: Path) -> list[tuple]:
        conn = sqlite3.connect(db)
        try:
            return conn.execute(
                "SELECT at, actor, before, after FROM change_log"
                " WHERE command = 'test twice' ORDER BY id"
            ).fetchall()
        finally:
            conn.close()

    assert len(twice(a)) == 2 and twice(a)[0][0] == twice(a)[1][0]
    first = ok(cli("merge", str(a), "-f", "json", db=b)).json()
    assert twice(b) == twice(a) and first["conflicts"] == []
    again = ok(cli("merge", str(a), "-f", "json", db=b)).json()
    assert twice(b) == twice(a) and again["conflicts"] == []
    # A laptop holding the first of the two and not the second gets the second.
    raw = sqlite3.connect(b)
    with raw:
        raw.execute("UPDATE _context SET command = 'test' WHERE id = 1")
        raw.execute(
            "DELETE FROM change_log WHERE id = (SELECT max(id) FROM change_log"
            " WHERE command = 'test twice')"
        )
        raw.execute("UPDATE _context SET command = NULL WHERE id = 1")
    raw.close()
    assert len(twice(b)) == 1
    ok(cli("merge", str(a), db=b))
    assert twice(b) == twice(a)
    shown = ok(cli("member", "show", str(one), "-f", "json", db=b)).json()
    assert (shown["phone"], shown["role"]) == ("0812345678", "เลขานุการ")
    # B changes the role again: A takes it without a false conflict (the shared history is
    # both of A's entries).
    ok(cli("member", "edit", str(one), "--role", "ประธาน", db=b))
    back = ok(cli("merge", str(b), "-f", "json", db=a)).json()
    assert back["conflicts"] == []
    assert ok(cli("member", "show", str(one), "-f", "json", db=a)).json()["role"] == "ประธาน"
