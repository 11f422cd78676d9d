"""Another laptop's file is checked, not trusted (issue 14): every crafted value below is
written into a copy of a laptop's database the way a tampered or half-broken file would
hold it; `merge` reports the row and skips it (or refuses with --strict), `db restore`
refuses the file, and afterwards every reading command still works."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import assert_clean_error, make_cli


def ok(run: Any) -> Any:
    assert run.exit_code == 0, (run.exit_code, run.stdout[-2000:], run.stderr[-2000:])
    return run


def _build(folder: Path) -> None:
    cli = make_cli(folder / "A.db")
    ok(
        cli(
            "member",
            "add",
            "นายประกิจ เสาร์แก้ว",
            "--province",
            "เชียงใหม่",
            "--district",
            "สันทราย",
            "--subdistrict",
            "ป่าไผ่",
            "--phone",
            "0812345678",
        )
    )
    ok(
        cli(
            "member",
            "add",
            "นางสมศรี ใจดี",
            "--province",
            "กรุงเทพมหานคร",
            "--district",
            "บางรัก",
            "--issue-area",
            "สตรี",
        )
    )
    ok(
        cli(
            "meeting",
            "log",
            "เวทีเครือข่ายสตรี",
            "--date",
            "13-14 มิถุนายน 2562",
            "--province",
            "เชียงใหม่",
            "--budget",
            "12,500",
            "--participants",
            "70",
        )
    )
    ok(cli("meeting", "attend", "1", "1", "2"))
    ok(
        cli(
            "meeting",
            "action",
            "add",
            "1",
            "จัดทำปฏิทินเครือข่าย",
            "--owner",
            "1",
            "--due",
            "30 ก.ย. 2562",
        )
    )
    ok(cli("org", "add", "กองทุนสวัสดิการชุมชนตำบลป่าไผ่", "--province", "เชียงใหม่"))
    ok(cli("org", "figures", "1", "--as-of", "ปี 2557", "--villages", "17", "--members", "1697"))
    ok(cli("db", "backup", str(folder / "B.db")))
    for name in ("A.db", "B.db"):
        sqlite3.connect(folder / name).execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("incoming")
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("NETCLI_DB", raising=False)
        _build(folder)
    return folder


@pytest.fixture
def laptops(base: Path, tmp_path: Path) -> tuple[Path, Path]:
    for name in ("A.db", "B.db"):
        shutil.copy2(base / name, tmp_path / name)
    return tmp_path / "A.db", tmp_path / "B.db"


def tamper(db: Path, sql: str, params: tuple[Any, ...] = ()) -> None:
    """Write as a tampering program would: with netcli's triggers satisfied, so the change is
    in B's change log like any edit (the merge takes it as theirs)."""
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA ignore_check_constraints = ON")  # as SQLite lets any program
        conn.execute("UPDATE _context SET command = 'tamper', actor = 'x' WHERE id = 1")
        try:
            conn.execute(sql, params)
        except sqlite3.OperationalError as exc:  # the log cannot hold a BLOB: no log then
            assert "BLOB" in str(exc)
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
                conn.execute(f'DROP TRIGGER "{name}"')
            conn.execute(sql, params)
        conn.execute("UPDATE _context SET command = NULL WHERE id = 1")
        conn.commit()
    finally:
        conn.close()


NEW_MEETING = (
    "INSERT INTO meetings (title, start_date, end_date, date_precision) VALUES"
    " ('เวทีใหม่', '2024-01-05', '2024-01-05', 'day')"
)
# (case id, SQL on B, parameters, table and field the report names)
CRAFTED = [
    ("date-not-a-date", "UPDATE meetings SET start_date = 'ไม่ใช่วันที่' WHERE id = 1", (), "meetings", "start_date"),
    ("date-no-such-day", "UPDATE meetings SET start_date = '2019-02-30' WHERE id = 1", (), "meetings", "start_date"),
    ("date-real", "UPDATE meetings SET start_date = 1.5 WHERE id = 1", (), "meetings", "start_date"),
    ("date-year-1", "UPDATE members SET joined_on = '0001-01-01' WHERE id = 1", (), "members", "joined_on"),
    ("date-ends-before", "UPDATE meetings SET end_date = '2019-06-01' WHERE id = 1", (), "meetings", "end_date"),
    ("day-month-13", "UPDATE meeting_days SET day = '2019-13-01' WHERE id = 1", (), "meeting_days", "day"),
    ("due-soon", "UPDATE actions SET due_date = 'เร็วๆ นี้' WHERE id = 1", (), "actions", "due_date"),
    ("budget-text", "UPDATE meetings SET budget_satang = 'หนึ่งพันบาท' WHERE id = 1", (), "meetings", "budget_satang"),
    ("budget-negative", "UPDATE meetings SET budget_satang = -5 WHERE id = 1", (), "meetings", "budget_satang"),
    ("budget-huge", "UPDATE meetings SET budget_satang = 9223372036854775807 WHERE id = 1", (), "meetings", "budget_satang"),
    ("budget-real", "UPDATE meetings SET budget_satang = 12.5 WHERE id = 1", (), "meetings", "budget_satang"),
    ("headcount-text", "UPDATE meetings SET participants = 'ประมาณ 70' WHERE id = 1", (), "meetings", "participants"),
    ("headcount-huge", "UPDATE meetings SET participants = 4611686018427387904 WHERE id = 1", (), "meetings", "participants"),
    ("villages-negative", "UPDATE organization_figures SET villages = -17 WHERE id = 1", (), "organization_figures", "villages"),
    ("flag-not-boolean", "UPDATE meetings SET date_approximate = 7 WHERE id = 1", (), "meetings", "date_approximate"),
    ("precision-unknown", "UPDATE meetings SET date_precision = 'century' WHERE id = 1", (), "meetings", "date_precision"),
    ("organizers-object", "UPDATE meetings SET organizers = '{\"a\": 1}' WHERE id = 1", (), "meetings", "organizers"),
    ("issue-areas-not-json", "UPDATE members SET issue_areas = 'สตรี, เด็ก' WHERE id = 2", (), "members", "issue_areas"),
    ("issue-areas-numbers", "UPDATE members SET issue_areas = '[1, 2]' WHERE id = 2", (), "members", "issue_areas"),
    ("name-blob", "UPDATE members SET first_name = X'DEADBEEF' WHERE id = 1", (), "members", "first_name"),
    ("name-nul", "UPDATE members SET full_name_written = ? WHERE id = 1", ("นายประกิจ\x00 เสาร์แก้ว",), "members", "full_name_written"),
    ("notes-control", "UPDATE members SET notes = ? WHERE id = 1", ("เสียง\x07ระฆัง",), "members", "notes"),
    ("notes-not-utf8", "UPDATE members SET notes = CAST(X'FFFE41' AS TEXT) WHERE id = 1", (), "members", "notes"),
    ("role-over-long", "UPDATE members SET role = ? WHERE id = 1", ("ก" * 40_000,), "members", "role"),
    ("title-line-break", "UPDATE meetings SET kind = ? WHERE id = 1", ("เวที\nเสวนา",), "meetings", "kind"),
    ("kind-unknown", "UPDATE meetings SET kind = 'ปาร์ตี้' WHERE id = 1", (), "meetings", "kind"),
    ("role-unknown", "UPDATE attendance SET role = 'ผู้ชม' WHERE id = 1", (), "attendance", "role"),
    ("province-unknown", "UPDATE members SET province = 'ดาวอังคาร', province_code = '99' WHERE id = 1", (), "members", "province_code"),
    ("province-name-mismatch", "UPDATE members SET province = 'ลำปาง' WHERE id = 1", (), "members", "province"),
    ("phone-short", "UPDATE members SET phone = '12' WHERE id = 1", (), "members", "phone"),
    ("national-id-checksum", "UPDATE members SET national_id = '1234567890123' WHERE id = 1", (), "members", "national_id"),
    ("stamp-not-a-time", "UPDATE members SET deleted_at = 'เมื่อวาน' WHERE id = 2", (), "members", "deleted_at"),
    ("new-meeting-bad-date", NEW_MEETING.replace("'2024-01-05', '2024-01-05'", "'soon', 'soon'"), (), "meetings", "start_date"),
    ("new-meeting-real-budget", NEW_MEETING.replace("date_precision)", "date_precision, budget_satang)").replace("'day')", "'day', 1e300)"), (), "meetings", "budget_satang"),
    ("log-not-an-object", "INSERT INTO change_log (table_name, row_id, row_uid, op, before, after) SELECT 'members', id, uid, 'update', '[1]', '\"x\"' FROM members WHERE id = 1", (), "change_log", "before"),
]  # fmt: skip
IDS = [c[0] for c in CRAFTED]


def reading_commands_work(cli: Any, db: Path, tmp_path: Path) -> None:
    """The commands one poisoned value used to take down."""
    ok(cli("summary", db=db))
    ok(cli("summary", "-f", "json", db=db))
    ok(cli("summary", "-f", "xlsx", "-o", str(tmp_path / "summary.xlsx"), db=db))
    ok(cli("meeting", "list", db=db))
    ok(cli("meeting", "list", "-f", "json", db=db))
    for m in ok(cli("meeting", "list", "-f", "json", db=db)).json():
        ok(cli("meeting", "show", str(m["id"]), db=db))
        ok(cli("meeting", "show", str(m["id"]), "-f", "json", db=db))
        ok(cli("export", "signin", str(m["id"]), "-o", str(tmp_path / f"s{m['id']}.xlsx"), db=db))
    ok(cli("calendar", db=db))
    ok(cli("member", "list", db=db))
    ok(cli("export", "roster", "-o", str(tmp_path / "roster.xlsx"), db=db))
    ok(cli("db", "check", db=db))


@pytest.mark.parametrize(("sql", "params", "table", "field"), [c[1:] for c in CRAFTED], ids=IDS)
def test_merge_skips_and_reports_a_crafted_row(
    cli: Any,
    laptops: tuple[Path, Path],
    tmp_path: Path,
    sql: str,
    params: Any,
    table: str,
    field: str,
) -> None:
    a, b = laptops
    tamper(b, sql, params)
    report = ok(cli("merge", str(b), "-f", "json", db=a)).json()
    named = [(p["table"], p["field"]) for p in report["invalid"]]
    assert (table, field) in named, report["invalid"]
    assert report["invalid_count"] == len(report["invalid"]) >= 1
    for p in report["invalid"]:
        assert {"table", "uid", "field", "value", "why"} <= set(p)
    reading_commands_work(cli, a, tmp_path)


@pytest.mark.parametrize(("sql", "params", "table", "field"), [c[1:] for c in CRAFTED], ids=IDS)
def test_merge_strict_and_restore_refuse_a_crafted_file(
    cli: Any,
    laptops: tuple[Path, Path],
    tmp_path: Path,
    sql: str,
    params: Any,
    table: str,
    field: str,
) -> None:
    a, b = laptops
    tamper(b, sql, params)
    before = a.read_bytes()
    run = cli("merge", str(b), "--strict", "-f", "json", db=a)
    assert_clean_error(run)
    assert run.json()["error"]["code"] == "bad-database"
    assert a.read_bytes() == before  # nothing written
    run = cli("db", "restore", str(b), "--yes", db=a)
    assert_clean_error(run)
    assert table in run.stderr and field in run.stderr, run.stderr
    reading_commands_work(cli, a, tmp_path)


def test_an_untouched_laptop_passes_every_check(cli: Any, laptops: tuple[Path, Path]) -> None:
    """No false alarms: what the commands wrote is what the checks accept."""
    a, b = laptops
    report = ok(cli("merge", str(b), "-f", "json", db=a)).json()
    assert report["invalid_count"] == 0
    ok(cli("db", "restore", str(b), "--yes", db=a))


def test_the_demo_data_passes_every_check(tmp_path: Path, cli: Any) -> None:
    from netcli.sync.incoming import check_database

    db = tmp_path / "demo.db"
    ok(cli("demo", db=db))
    conn = sqlite3.connect(db)
    try:
        assert check_database(conn) == []
    finally:
        conn.close()


def test_merge_and_restore_of_a_poisoned_date_in_real_processes(
    laptops: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = laptops
    tamper(b, "UPDATE meetings SET start_date = 'ไม่ใช่วันที่' WHERE id = 1")

    def netcli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "netcli", "--db", str(a), *args],
            capture_output=True, text=True, encoding="utf-8", timeout=120,
        )  # fmt: skip

    run = netcli("merge", str(b))
    assert run.returncode == 0, run.stderr
    assert "start_date" in run.stderr and "Traceback" not in run.stderr
    for args in (
        ("summary",), ("meeting", "list"), ("meeting", "show", "1"), ("calendar",),
        ("export", "roster", "-o", str(tmp_path / "r.xlsx")),
        ("export", "signin", "1", "-o", str(tmp_path / "s.xlsx")),
        ("summary", "-f", "xlsx", "-o", str(tmp_path / "s2.xlsx")),
    ):  # fmt: skip
        run = netcli(*args)
        assert run.returncode == 0, (args, run.stderr)
    run = netcli("db", "restore", str(b), "--yes")
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr


def test_an_imported_roster_with_organizations_passes_and_its_links_travel(
    tmp_path: Path, cli: Any
) -> None:
    """An import links each member to the organization named in its หน่วยงาน column at
    position -1 (before the ones chosen by hand): a merge must carry those links, not report
    them as crafted (found on the 20,000-row benchmark: every link was skipped)."""
    from netcli.sync.incoming import check_database
    from tests.test_import_fixtures import write_workbook

    roster = write_workbook(
        tmp_path / "roster.xlsx",
        {
            "รายชื่อ": [
                ["ชื่อ - สกุล", "หน่วยงาน", "จังหวัด"],
                ["นายสมชาย รักดี", "กองทุนสวัสดิการชุมชนตำบลป่าไผ่", "เชียงใหม่"],
                ["นางมาลี ศรีสุข", "สภาองค์กรชุมชนตำบลป่าไผ่", "เชียงใหม่"],
            ]
        },
    )
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    ok(cli("import", str(roster), db=a))
    conn = sqlite3.connect(a)
    try:
        assert conn.execute("SELECT min(position) FROM member_organizations").fetchone()[0] == -1
        assert check_database(conn) == []
    finally:
        conn.close()
    ok(cli("init", db=b))
    report = ok(cli("merge", str(a), "-f", "json", db=b)).json()
    assert report["invalid_count"] == 0
    conn = sqlite3.connect(b)
    try:
        assert conn.execute("SELECT count(*) FROM member_organizations").fetchone()[0] == 2
    finally:
        conn.close()


def test_a_group_of_provinces_made_here_passes_and_travels(tmp_path: Path, cli: Any) -> None:
    """`region add` stores province codes without names: a backup of it restores and a merge
    carries it (found by review: the place check read a missing name as a mismatch)."""
    a, b, backup = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "a-backup.db"
    ok(cli("region", "add", "ล้านนาตะวันออก", "เชียงราย", "พะเยา", "แพร่", "น่าน", db=a))
    ok(cli("db", "backup", str(backup), db=a))
    ok(cli("db", "restore", str(backup), "--yes", db=a))
    ok(cli("init", db=b))
    report = ok(cli("merge", str(a), "-f", "json", db=b)).json()
    assert report["invalid_count"] == 0
    ok(cli("summary", "-r", "ล้านนาตะวันออก", db=b))
    # A code that names no province is still refused.
    conn = sqlite3.connect(backup)
    try:
        conn.execute("DROP TRIGGER IF EXISTS regions_log_update")
        conn.execute("UPDATE regions SET province_code = '99' WHERE rowid = 1")
        conn.commit()
    finally:
        conn.close()
    assert_clean_error(cli("db", "restore", str(backup), "--yes", db=a))


@pytest.mark.parametrize(
    "argv",
    [
        ["member", "add", "นายยาว มาก", "--role", "ก" * 1_001],
        ["meeting", "log", "เวที", "--date", "ปีงบประมาณ 2644"],
        ["meeting", "log", "เวที", "--date", "1 ม.ค. 2567", "--budget", "200,000,000,000"],
        ["meeting", "log", "เวที", "--date", "1 ม.ค. 2567", "--note", "ข" * 32_768],
        ["org", "figures", "กองทุนก", "--as-of", "ปี 2557", "--villages", "20000000"],
    ],
    ids=["long-role", "year-2101", "huge-budget", "note-over-a-cell", "villages"],
)
def test_what_a_command_accepts_a_backup_takes_back(
    tmp_path: Path, cli: Any, argv: list[str]
) -> None:
    """Found by review: commands accepted values the check of another laptop's file refuses,
    so a laptop could not restore its own backup. One set of bounds (store.limits) now
    serves both: the command refuses them in one line."""
    db = tmp_path / "a.db"
    ok(cli("org", "add", "กองทุนก", "-p", "ลำปาง", db=db))
    assert_clean_error(cli(*argv, db=db))
    backup = tmp_path / "a-backup.db"
    ok(cli("db", "backup", str(backup), db=db))
    ok(cli("db", "restore", str(backup), "--yes", db=db))
