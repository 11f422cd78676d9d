"""Files that are safe (issue 17): no output overwrites a database or an input, the demo never
mixes with real records, a purge reaches every copy or says what it could not, every file
netcli writes is its owner's only. Through real subprocesses: what is on disk afterwards is
what counts."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_import_fixtures import write_workbook

ROOT = Path(__file__).resolve().parent.parent
NATIONAL_ID = "3100600445635"
POSIX = os.name == "posix"


def run(
    db: Path | None, *args: str, env: dict[str, str] | None = None, **kw
) -> subprocess.CompletedProcess:
    base = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    base.pop("NETCLI_DB", None)
    base.update(env or {})
    cmd = [sys.executable, "-m", "netcli", *(["--db", str(db)] if db else []), *args]
    return subprocess.run(
        cmd, capture_output=True, text=True, env=base, timeout=180, cwd=kw.pop("cwd", None), **kw
    )


def refused(proc: subprocess.CompletedProcess, *words: str) -> None:
    assert proc.returncode == 1, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert any(line.startswith("ผิดพลาด") for line in proc.stderr.splitlines()), proc.stderr
    for word in words:
        assert word in proc.stderr, proc.stderr


def done(proc: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert proc.returncode == 0, (proc.returncode, proc.stdout, proc.stderr)
    return proc


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "งาน.db"
    done(run(path, "member", "add", "นายสมชาย ใจดี", "--province", "ลำปาง",
             "--national-id", NATIONAL_ID))  # fmt: skip
    return path


def members(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM members").fetchone()[0]
    finally:
        conn.close()


def holds_id(path: Path) -> bool:
    return NATIONAL_ID.encode() in path.read_bytes()


# --- outputs never touch inputs ---------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["summary", "-f", "markdown", "-o", "{db}"],
        ["summary", "-f", "json", "-o", "{db}", "--force"],
        ["summary", "-f", "markdown", "-o", "{db}-wal", "--force"],
        ["summary", "-f", "xlsx", "-o", "{link}", "--force"],
        ["member", "export-data", "1", "-o", "{db}", "--force"],
        ["export", "roster", "-o", "{db}", "--format", "csv", "--force"],
        ["export", "bundle", "-o", "{db}", "--force"],
        ["db", "backup", "{db}", "--force"],
        ["db", "backup", "{db}-shm", "--force"],
        ["summary", "-f", "markdown", "-o", "{copy}", "--force"],
    ],
)
def test_an_output_is_never_the_database_or_its_files(db: Path, args: list[str]) -> None:
    (db.parent / "link.xlsx").symlink_to(db.name) if POSIX else None
    copy = db.with_name(f"{db.name}.before-migration-20260101T000000000000Z.bak")
    copy.write_bytes(db.read_bytes())
    if not POSIX and "{link}" in args:
        pytest.skip("symlinks need privileges on Windows")
    before = db.read_bytes(), copy.read_bytes()
    argv = [a.format(db=db, link=db.parent / "link.xlsx", copy=copy) for a in args]
    proc = run(db, *argv)
    refused(proc)
    assert (db.read_bytes(), copy.read_bytes()) == before
    assert members(db) == 1


def test_import_report_never_replaces_the_database_or_the_roster(db: Path, tmp_path: Path) -> None:
    roster = write_workbook(
        tmp_path / "roster.xlsx",
        {"S": [["ชื่อ-สกุล", "จังหวัด"], ["นายสมศักดิ์ ดีใจ", "ลำปาง"], ["นายสมปอง ดีมาก", "ไม่มีจังหวัดนี้"]]},
    )
    original = roster.read_bytes()
    refused(run(db, "import", str(roster), "--report", str(db)), "ไม่เขียนทับ")
    assert members(db) == 1  # refused before anything was imported
    refused(run(db, "import", str(roster), "--report", str(roster), "--force"), "อ่านเข้า")
    assert roster.read_bytes() == original and members(db) == 1


def test_an_existing_file_is_replaced_only_with_force_and_never_through_a_symlink(
    db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "r.xlsx"
    out.write_bytes(b"someone's work")
    refused(run(db, "export", "roster", "-o", str(out)), "--force")
    assert out.read_bytes() == b"someone's work"
    done(run(db, "export", "roster", "-o", str(out), "--force"))
    assert out.read_bytes()[:2] == b"PK"
    if POSIX:
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
        precious = tmp_path / "precious.txt"
        precious.write_text("keep me")
        link = tmp_path / "s.md"
        link.symlink_to(precious)
        refused(run(db, "summary", "-f", "markdown", "-o", str(link)), "--force")
        done(run(db, "summary", "-f", "markdown", "-o", str(link), "--force"))
        assert precious.read_text() == "keep me"  # the link was replaced, not followed
        assert not link.is_symlink() and "สรุป" in link.read_text(encoding="utf-8")
    # The same rule for db backup and export bundle.
    done(run(db, "db", "backup", str(tmp_path / "b.db")))
    refused(run(db, "db", "backup", str(tmp_path / "b.db")), "already exists")
    done(run(db, "db", "backup", str(tmp_path / "b.db"), "--force"))
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_export_data_is_the_owners_only_and_whole(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "person.json"
    done(run(db, "member", "export-data", "1", "-o", str(out)))
    assert NATIONAL_ID in out.read_text(encoding="utf-8")
    if POSIX:
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    refused(run(db, "member", "export-data", "1", "-o", str(out)), "--force")


# --- the demo ---------------------------------------------------------------------------------


def test_demo_without_db_never_touches_the_default_database(tmp_path: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}
    done(run(None, "member", "add", "นายสมชาย ใจดี", "--province", "ลำปาง", env=env))
    real = tmp_path / "data" / "netcli" / "netcli.db"
    assert members(real) == 1
    proc = done(run(None, "demo", env=env))
    assert "ฐานข้อมูลตัวอย่าง" in proc.stderr and "netcli-demo.db" in proc.stderr
    assert members(real) == 1  # the officer's records are untouched
    assert not (real.parent / "netcli-demo-roster.xlsx").read_bytes() == b""
    assert members(real.with_name("netcli-demo.db")) > 1


def test_demo_refuses_a_database_with_records_and_never_overwrites(
    db: Path, tmp_path: Path
) -> None:
    before = db.read_bytes()
    refused(run(db, "demo"), "--force")
    assert members(db) == 1 and db.read_bytes() == before
    out = tmp_path / "files"
    out.mkdir()
    (out / "netcli-demo-roster.xlsx").write_bytes(b"mine")
    done(run(tmp_path / "new.db", "demo", "--out-dir", str(out)))
    assert (out / "netcli-demo-roster.xlsx").read_bytes() == b"mine"
    assert (out / "netcli-demo-roster (2).xlsx").exists()


# --- purge reaches every copy, and tells the truth --------------------------------------------


def test_purge_reaches_backups_and_pattern_copies(db: Path, tmp_path: Path) -> None:
    backup = tmp_path / "elsewhere" / "b.db"
    backup.parent.mkdir()
    done(run(db, "db", "backup", str(backup)))
    aside = db.with_name(f"{db.name}.before-migration-20260101T000000000000Z.bak")
    aside.write_bytes(backup.read_bytes())
    assert holds_id(backup) and holds_id(aside)
    proc = done(run(db, "member", "remove", "--purge", "1", "--yes"))
    assert "2 ไฟล์" in proc.stderr, proc.stderr
    for path in (db, backup, aside):
        assert not holds_id(path), path


def test_purge_with_a_reader_open_says_the_bytes_are_still_there(db: Path) -> None:
    reader = sqlite3.connect(db, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT * FROM members").fetchall()  # holds the old snapshot
    try:
        proc = run(db, "member", "remove", "--purge", "1", "--yes")
        assert proc.returncode == 1, proc.stderr
        assert "ข้อมูลยังอยู่ในไฟล์จนกว่าโปรแกรมที่เปิดอยู่จะปิด" in proc.stderr
        assert "Traceback" not in proc.stderr
        assert holds_id(db)  # it said so, and it is so
    finally:
        reader.execute("COMMIT")
        reader.close()
    done(run(db, "member", "remove", "--purge", "1", "--yes"))
    assert not holds_id(db)


def test_a_purge_arriving_by_merge_reaches_this_laptops_copies(db: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    done(run(other, "merge", str(db)))  # the other laptop has the same person
    aside = db.with_name(f"{db.name}.before-migration-20260101T000000000000Z.bak")
    aside.write_bytes(db.read_bytes())
    done(run(other, "member", "remove", "--purge", "1", "--yes"))
    proc = done(run(db, "merge", str(other)))
    assert "purged as the other laptop did" in proc.stderr
    assert not holds_id(aside) and not holds_id(db)


def test_one_copy_before_migrating_however_many_processes(tmp_path: Path) -> None:
    from tests.conftest import older_netcli_db

    db = tmp_path / "old.db"
    conn = older_netcli_db(db)
    conn.execute("INSERT INTO members (first_name, full_name, name_key) VALUES ('ก', 'ก', 'ก')")
    conn.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "netcli", "--db", str(db), "db", "status"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
        )
        for _ in range(5)
    ]
    for p in procs:
        assert p.wait(timeout=180) == 0, p.stderr.read() if p.stderr else ""
    copies = list(tmp_path.glob("old.db.before-migration-*.bak"))
    assert len(copies) == 1, copies
    if POSIX:
        assert stat.S_IMODE(copies[0].stat().st_mode) == 0o600


def test_leftover_temp_copies_beside_the_database_are_removed_on_the_next_start(db: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()  # fmt: skip
    tmpdir = db.with_name(f".{db.name}.tmp-{dead}-abc")
    tmpdir.mkdir()
    (tmpdir / "other.db").write_bytes(db.read_bytes())
    restoring = db.with_name(f"{db.name}.restoring-20260101T000000000000Z-{dead}")
    restoring.write_bytes(db.read_bytes())
    time.sleep(0.1)
    done(run(db, "member", "list"))
    assert not tmpdir.exists() and not restoring.exists()


# --- paths a person can pass --------------------------------------------------------------------


def test_csv_formula_guard_round_trip(db: Path, tmp_path: Path) -> None:
    done(run(db, "member", "add", "นางสมศรี ใจงาม", "--province", "ลำปาง", "--role", "-หัวหน้า"))
    out = tmp_path / "r.csv"
    done(run(db, "export", "roster", "-o", str(out)))
    assert "'-หัวหน้า" in out.read_text(encoding="utf-8-sig")
    fresh = tmp_path / "fresh.db"
    run(fresh, "import", str(out))
    conn = sqlite3.connect(fresh)
    roles = {r[0] for r in conn.execute("SELECT role FROM members")}
    conn.close()
    assert "-หัวหน้า" in roles and "'-หัวหน้า" not in roles


@pytest.mark.skipif(not POSIX or sys.platform == "darwin", reason="bytes file names: Linux")
def test_a_file_name_that_is_not_utf8_is_imported(db: Path, tmp_path: Path) -> None:
    good = write_workbook(
        tmp_path / "x.xlsx", {"S": [["ชื่อ-สกุล", "จังหวัด"], ["นายสมศักดิ์ ดีใจ", "ลำปาง"]]}
    )
    name = "รายชื่อ.xlsx".encode("cp874")
    os.rename(bytes(good), os.path.join(bytes(tmp_path), name))
    proc = subprocess.run(
        [sys.executable, "-m", "netcli", "--db", str(db), "import", name],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"},
        cwd=tmp_path,
        timeout=120,
    )
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 0, err
    assert "Traceback" not in err and members(db) == 2


@pytest.mark.skipif(not POSIX or os.geteuid() == 0, reason="root ignores file modes")
def test_a_read_only_database_reads_and_refuses_writes(db: Path) -> None:
    os.chmod(db, 0o400)
    os.chmod(db.parent, 0o500)
    try:
        done(run(db, "member", "list"))
        refused(run(db, "member", "add", "นายก ข", "--province", "ลำปาง"), "read-only")
    finally:
        os.chmod(db.parent, 0o700)
        os.chmod(db, 0o600)


def test_closed_stdout_and_a_pipe_closed_early_end_quietly(db: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    closed = subprocess.run(
        f'"{sys.executable}" -m netcli --db "{db}" member list -f json >&-',
        shell=True, capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert "Traceback" not in closed.stderr and closed.returncode in (0, 1), closed.stderr
    head = subprocess.run(
        f'"{sys.executable}" -m netcli --db "{db}" member list | head -n 1',
        shell=True, capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert head.stderr == "" or "Broken pipe" not in head.stderr, head.stderr


def test_a_deeply_nested_mapping_is_one_clean_line(db: Path, tmp_path: Path) -> None:
    mapping = tmp_path / "m.toml"
    mapping.write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n")
    roster = write_workbook(tmp_path / "r.xlsx", {"S": [["ชื่อ-สกุล"], ["นายก ข"]]})
    proc = run(db, "import", str(roster), "--mapping", str(mapping))
    refused(proc)
    assert "Recursion" not in proc.stderr


def test_a_cell_longer_than_excel_allows_is_refused_with_row_and_column(
    db: Path, tmp_path: Path
) -> None:
    import zipfile

    plain = write_workbook(tmp_path / "p.xlsx", {"S": [["ชื่อ-สกุล", "จังหวัด", "หมายเหตุ"],
                           ["นายสมศักดิ์ ดีใจ", "ลำปาง", "PLACEHOLDER"], ["นายสมปอง ดีมาก", "ลำปาง", "ok"]]})  # fmt: skip
    hostile = tmp_path / "long.xlsx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(hostile, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            data = data.replace(b"PLACEHOLDER", b"x" * 100_000)  # openpyxl cuts at 32,767
            dst.writestr(item, data)
    proc = run(db, "import", str(hostile), "-f", "json")
    assert proc.returncode == 1, proc.stderr
    import json

    report = json.loads(proc.stdout)
    assert report["inserted"] == 1 and report["rejected"] == 1
    (error,) = report["errors"]
    assert (error["row"], error["column"]) == (2, "หมายเหตุ") and "32,767" in error["message"]
    conn = sqlite3.connect(db)
    longest = conn.execute("SELECT max(length(notes)) FROM members").fetchone()[0]
    conn.close()
    assert longest is None or longest <= 32_767


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp874", "utf-8"])
def test_a_big_csv_is_streamed_with_the_same_result(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str
) -> None:
    """Above STREAM_TEXT_BYTES a CSV is read from its file row by row (memory stays flat):
    the same members, the same encodings, the same formula-guard round trip."""
    import json

    from netcli.importer import reader

    rows = ["ชื่อ - สกุล,ตำแหน่ง,จังหวัด"] + [f"นายสมชาย ทดสอบ{i},'-หัวหน้า,ลำปาง" for i in range(50)]
    path = tmp_path / "r.csv"
    path.write_bytes("\r\n".join(rows).encode(encoding) + b"\r\n")
    small = cli("import", str(path), "-f", "json", db=tmp_path / "small.db")
    monkeypatch.setattr(reader, "STREAM_TEXT_BYTES", 0)
    big = cli("import", str(path), "-f", "json", db=tmp_path / "big.db")
    assert small.exit_code == big.exit_code == 0, big.stderr
    one, two = json.loads(small.stdout), json.loads(big.stdout)
    assert one["inserted"] == two["inserted"] == 50
    conn = sqlite3.connect(tmp_path / "big.db")
    roles = {r[0] for r in conn.execute("SELECT role FROM members")}
    conn.close()
    assert roles == {"-หัวหน้า"}
