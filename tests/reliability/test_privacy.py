"""PDPA: consent with purpose and date, a person's own copy, erasure that reaches the bytes,
national IDs masked in every output, a private file, and no database on a network share."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import zipfile
from datetime import date
from pathlib import Path

import pytest

from .conftest import (
    POSIX,
    count,
    fresh_db,
    has_command,
    netcli,
    ok,
    problems,
    raw,
    write_ndjson,
    write_roster_xlsx,
)

NATIONAL_ID = "3100600445635"  # valid checksum (traps.md)
MARKER = {
    "first": "ลับเฉพาะมาก",
    "last": "ไม่ควรเหลืออยู่",
    "phone": "0898765432",
    "email": "marker.secret@example.com",
    "line": "marker_line_77",
    "national_id": NATIONAL_ID,
}
IMPORTED = {"first": "นำเข้าลับ", "last": "ห้ามหลงเหลือ", "phone": "0861234567"}


def _add_marker(db: Path, **extra: str) -> int:
    r = ok(
        netcli(
            db,
            "member",
            "add",
            f"นาย{MARKER['first']} {MARKER['last']}",
            "--province",
            "ลำปาง",
            "--subdistrict",
            "เวียงเหนือ",
            "--district",
            "เมืองลำปาง",
            "--phone",
            MARKER["phone"],
            "--email",
            MARKER["email"],
            "--line",
            MARKER["line"],
            "--national-id",
            MARKER["national_id"],
            "--note",
            f"โทร {MARKER['phone']} ได้ตลอด",
            "--format",
            "json",
            *[x for k, v in extra.items() for x in (f"--{k}", v)],
        )
    )
    return r.json()["id"]


def test_consent_is_recorded_with_purpose_and_date(tmp_path: Path) -> None:
    db = fresh_db(tmp_path / "c.db")
    purpose = "ติดต่อประสานงานกิจกรรมเครือข่าย"
    m = ok(
        netcli(
            db,
            "member",
            "add",
            "นางสมศรี มีสุข",
            "--province",
            "ลำปาง",
            "--consent",
            purpose,
            "-f",
            "json",
        )
    ).json()
    assert m["consent_purpose"] == purpose
    assert m["consent_at"] == date.today().isoformat()
    shown = ok(netcli(db, "member", "show", str(m["id"]), "-f", "json")).json()
    assert (shown["consent_at"], shown["consent_purpose"]) == (m["consent_at"], purpose)
    without = ok(
        netcli(db, "member", "add", "นายไม่ยินยอม ใดๆ", "--province", "น่าน", "-f", "json")
    ).json()
    assert without["consent_at"] is None and without["consent_purpose"] is None


def test_export_data_gives_a_person_their_own_data(tmp_path: Path) -> None:
    db = fresh_db(tmp_path / "e.db")
    mid = _add_marker(db, consent="รับข่าวสารเครือข่าย")
    ok(
        netcli(
            db, "meeting", "log", "เวทีเครือข่าย", "--date", "13 มิถุนายน 2562", "--attendee", str(mid)
        )
    )
    r = ok(netcli(db, "member", "export-data", str(mid)))
    data = json.loads(r.stdout)  # stdout is the JSON alone
    assert data["national_id"] == NATIONAL_ID  # their own copy: unmasked (s30)
    assert data["phone"] == MARKER["phone"] and data["consent_purpose"] == "รับข่าวสารเครือข่าย"
    assert [a["title"] for a in data["attendance"]] == ["เวทีเครือข่าย"]
    assert data["history"], "the change log of the person is part of their data"


# --- erasure --------------------------------------------------------------------------------


def _needles(person: dict[str, str]) -> list[bytes]:
    return [v.encode("utf-8") for v in person.values()]


def _files_of(db: Path) -> list[Path]:
    return [p for p in db.parent.glob(db.name + "*") if p.is_file()]


def _leaks(db: Path, person: dict[str, str], files: list[Path] | None = None) -> list[str]:
    found = []
    for f in files if files is not None else _files_of(db):
        data = f.read_bytes()
        found += [f"{f.name}: {n.decode()}" for n in _needles(person) if n in data]
    return found


def _attendees(db: Path, meeting: int) -> int:
    return ok(netcli(db, "meeting", "show", str(meeting), "-f", "json")).json()["attendees"]


def _meeting(db: Path, *members: int) -> int:
    attendees = [x for m in members for x in ("--attendee", str(m))]
    r = ok(
        netcli(
            db,
            "meeting",
            "log",
            "เวทีติดตามผล",
            "--date",
            "22-23 มิถุนายน 2567",
            *attendees,
            "-f",
            "json",
        )
    )
    return r.json()["id"]


def test_purge_leaves_no_trace_in_the_bytes(tmp_path: Path) -> None:
    db = fresh_db(tmp_path / "p.db")
    ok(netcli(db, "member", "add", "--from", str(write_ndjson(tmp_path / "o.ndjson", 300, 50))))
    mid = _add_marker(db)
    ok(netcli(db, "member", "edit", str(mid), "--role", "ประธานเครือข่าย"))  # an update row
    ok(netcli(db, "member", "edit", str(mid), "--phone", "0891112222"))
    ok(netcli(db, "member", "edit", str(mid), "--phone", MARKER["phone"]))
    meeting = _meeting(db, mid, 1, 2)
    heads = _attendees(db, meeting)
    assert _leaks(db, MARKER), "the marker should be in the file before the purge"

    r = ok(netcli(db, "member", "remove", str(mid), "--purge", "--yes"))
    assert "Traceback" not in r.stderr
    assert _leaks(db, MARKER) == []
    assert _attendees(db, meeting) == heads  # head-counts stay true
    assert problems(db) == []
    conn = raw(db)
    try:
        rows = conn.execute(
            "SELECT count(*) FROM change_log WHERE coalesce(before,'') || coalesce(after,'') LIKE ?",
            (f"%{MARKER['first']}%",),
        ).fetchone()[0]
    finally:
        conn.close()
    assert rows == 0
    # The person is gone from every listing and every export.
    listing = ok(netcli(db, "member", "list", "--removed", "-f", "json")).stdout
    assert MARKER["first"] not in listing and MARKER["phone"] not in listing


@pytest.mark.skipif("not has_command('import')", reason="netcli import is not built yet")
def test_purge_after_import_and_attendance(tmp_path: Path) -> None:
    """Imported from a roster (import + import_rows + change log with a batch), then attended."""
    db = fresh_db(tmp_path / "p.db")
    roster = write_roster_xlsx(tmp_path / "roster.xlsx", 200, 51)
    from openpyxl import load_workbook

    wb = load_workbook(roster)
    ws = wb.active
    ws.append(
        [
            201,
            f"นาย{IMPORTED['first']} {IMPORTED['last']}",
            "กลุ่มออมทรัพย์",
            "ลำปาง",
            IMPORTED["phone"],
        ]
    )
    wb.save(roster)
    report = ok(netcli(db, "import", str(roster), "--format", "json")).json()
    assert report["inserted"] == 201
    mid = ok(netcli(db, "member", "list", "--search", IMPORTED["first"], "-f", "json")).json()[0][
        "id"
    ]
    meeting = _meeting(db, mid, 1)
    heads = _attendees(db, meeting)
    assert _leaks(db, IMPORTED)
    ok(netcli(db, "member", "remove", str(mid), "--purge", "--yes"))
    assert _leaks(db, IMPORTED) == []
    assert _attendees(db, meeting) == heads
    assert problems(db) == []


def test_purge_reaches_the_backup_made_before_a_migration(tmp_path: Path) -> None:
    from tests.conftest import older_netcli_db

    db = tmp_path / "old.db"
    conn = older_netcli_db(db, 1)  # its log holds full copies of the row
    conn.execute(
        "INSERT INTO members (first_name, last_name, full_name, name_key, province, phone)"
        " VALUES (?, ?, ?, ?, 'ลำปาง', ?)",
        (
            MARKER["first"],
            MARKER["last"],
            f"นาย{MARKER['first']} {MARKER['last']}",
            "k",
            MARKER["phone"],
        ),
    )
    conn.close()
    ok(netcli(db, "db", "status"))  # migrates; copies the database aside first
    assert list(tmp_path.glob("old.db.before-migration-*"))
    ok(netcli(db, "member", "remove", "1", "--purge", "--yes"))
    assert _leaks(db, {"first": MARKER["first"], "phone": MARKER["phone"]}) == []


# --- national IDs masked --------------------------------------------------------------------


def _id_forms() -> list[str]:
    d = NATIONAL_ID
    return [
        d,
        f"{d[0]}-{d[1:5]}-{d[5:10]}-{d[10:12]}-{d[12]}",
        f"{d[0]} {d[1:5]} {d[5:10]} {d[10:12]} {d[12]}",
    ]


def _assert_masked(text: str, where: str) -> None:
    for form in _id_forms():
        assert form not in text, f"{where} shows the national ID"


def _xlsx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return "".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist())


def test_national_id_masked_in_every_output(tmp_path: Path) -> None:
    db = fresh_db(tmp_path / "m.db")
    mid = _add_marker(db)
    seen = 0
    for fmt in ("table", "json", "csv", "ndjson"):
        for args in (
            ["member", "list"],
            ["member", "show", str(mid)],
            ["member", "list", "--search", "ลับ"],
        ):
            r = ok(netcli(db, *args, "-f", fmt))
            _assert_masked(r.stdout + r.stderr, f"{' '.join(args)} -f {fmt}")
            seen += 1
    shown = ok(netcli(db, "member", "show", str(mid), "-f", "json")).json()
    assert shown["national_id"] == "x-xxxx-xxxxx-63-5"
    # Asked for by name: shown.
    assert (
        NATIONAL_ID
        in ok(netcli(db, "member", "show", str(mid), "--show-national-id", "-f", "json")).stdout
    )
    # A duplicate refused by its national ID must not echo the number back (the same person:
    # the same first name on the same ID), and neither must the warning when another name
    # shares the ID (another person, added with a warning).
    dup = netcli(
        db, "member", "add", f"นาย{MARKER['first']} อื่น", "--province", "น่าน",
        "--national-id", NATIONAL_ID,
    )  # fmt: skip
    assert dup.returncode == 1
    _assert_masked(dup.stdout + dup.stderr, "the duplicate message")
    other = netcli(
        db, "member", "add", "นายอื่น ใดใด", "--province", "น่าน", "--national-id", NATIONAL_ID
    )
    assert other.returncode == 0
    _assert_masked(other.stdout + other.stderr, "the shared-ID warning")
    meeting = _meeting(db, mid)
    for fmt in ("table", "json"):
        r = ok(netcli(db, "meeting", "show", str(meeting), "-f", fmt))
        _assert_masked(r.stdout + r.stderr, f"meeting show -f {fmt}")
    if has_command("export", "roster"):
        for fmt in ("xlsx", "csv"):
            for extra in ([], ["--columns", "full_name,national_id,phone"]):
                out = tmp_path / f"r{len(extra)}.{fmt}"
                r = netcli(db, "export", "roster", "-o", str(out), "-f", fmt, *extra)
                _assert_masked(r.stdout + r.stderr, f"export roster -f {fmt} {extra}")
                assert "Traceback" not in r.stderr
                if r.returncode == 0:
                    text = _xlsx_text(out) if fmt == "xlsx" else out.read_text(encoding="utf-8-sig")
                    _assert_masked(text, f"export roster -f {fmt} {extra}")
                else:  # the column asked for without --show-national-id: refused outright
                    assert extra and r.returncode == 1 and not out.exists(), r.stderr
                seen += 1
    if has_command("export", "signin"):
        out = tmp_path / "signin.xlsx"
        ok(netcli(db, "export", "signin", str(meeting), "-o", str(out)))
        _assert_masked(_xlsx_text(out), "export signin")
    print(f"\nnational ID masked in {seen} list/show/export outputs")


# --- the file itself -------------------------------------------------------------------------


@pytest.mark.skipif(not POSIX, reason="POSIX file modes")
def test_database_wal_and_shm_are_owner_only(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        db = tmp_path / "mode.db"
        ok(netcli(db, "init"))
        assert db.stat().st_mode & 0o777 == 0o600
        # Keep a reader open so that -wal and -shm stay on disk while another process writes.
        reader = sqlite3.connect(db)
        reader.execute("SELECT count(*) FROM members").fetchone()
        ok(netcli(db, "member", "add", "นายโหมด ไฟล์", "--province", "ลำปาง"))
        for suffix in ("", "-wal", "-shm"):
            p = Path(f"{db}{suffix}")
            assert p.exists(), p
            assert p.stat().st_mode & 0o777 == 0o600, f"{p.name}: {oct(p.stat().st_mode & 0o777)}"
        reader.close()
        # A database made readable by others (copied in by hand) is made private on open.
        loose = tmp_path / "loose.db"
        fresh_db(loose)
        loose.chmod(0o644)
        ok(netcli(loose, "member", "list"))
        assert loose.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old)


# --- network paths ---------------------------------------------------------------------------


def _fake_mounts(monkeypatch: pytest.MonkeyPatch, mount_point: Path, fstype: str) -> None:
    """Add one mount line to what netcli.store.db reads from /proc/mounts (a network share needs a
    server; the detection is what is under test)."""
    import builtins

    import netcli.store.db as netcli_db

    real_open = builtins.open

    def fake_open(file, *args, **kwargs):
        if str(file) == "/proc/mounts":
            with real_open(file, *args, **kwargs) as f:
                text = f.read()
            return io.StringIO(text + f"server:/export {mount_point} {fstype} rw 0 0\n")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(netcli_db, "open", fake_open, raising=False)


@pytest.mark.skipif(not Path("/proc/mounts").exists(), reason="Linux mount table")
@pytest.mark.parametrize("fstype", ["nfs", "nfs4", "cifs", "smb3", "fuse.sshfs", "9p"])
def test_network_file_system_refused(cli, tmp_path: Path, monkeypatch, fstype: str) -> None:
    share = tmp_path / "share"
    share.mkdir()
    _fake_mounts(monkeypatch, share, fstype)
    run = cli("member", "list", db=share / "netcli.db")
    assert run.exit_code == 1
    assert "network" in run.stderr and "Traceback" not in run.stderr
    assert not (share / "netcli.db").exists()


@pytest.mark.skipif(not Path("/proc/mounts").exists(), reason="Linux mount table")
def test_network_path_refused_before_making_folders(cli, tmp_path: Path, monkeypatch) -> None:
    share = tmp_path / "share"
    share.mkdir()
    _fake_mounts(monkeypatch, share, "nfs4")
    run = cli("member", "list", db=share / "new" / "folder" / "netcli.db")
    assert run.exit_code == 1 and "network" in run.stderr
    assert not (share / "new").exists()


def test_local_tmpfs_is_accepted(tmp_path: Path) -> None:
    shm = Path("/dev/shm")
    mounts = Path("/proc/mounts").read_text() if Path("/proc/mounts").exists() else ""
    if not (shm.is_dir() and os.access(shm, os.W_OK) and " /dev/shm tmpfs " in mounts):
        pytest.skip("no writable tmpfs at /dev/shm")
    folder = shm / f"netcli-test-{os.getpid()}"
    folder.mkdir(exist_ok=True)
    try:
        db = folder / "t.db"
        ok(netcli(db, "member", "add", "นายแรม ดิสก์", "--province", "ลำปาง"))
        assert count(db) == 1
    finally:
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()
