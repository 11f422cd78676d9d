"""One render step: every command's ``--format`` is one option type; a format a command cannot
render is refused before it runs (exit 2); every command that offers CSV prints a fixed header
(the result type's fields), the same with rows and without, and the JSON keys of its rows."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import click
import pytest
import typer

from netcli.cli.app import attach
from netcli.errors import ROW_ERROR_FIELDS
from netcli.reports.summary import ROW_FIELDS
from tests.conftest import Run

NORTH = "เครือข่ายภาคเหนือ"


def ok(run: Run) -> Run:
    assert run.exit_code == 0, (run.stdout, run.stderr)
    return run


def table(run: Run) -> list[list[str]]:
    ok(run)
    return list(csv.reader(io.StringIO(run.stdout)))


def csv_commands() -> dict[tuple[str, ...], list[str]]:
    """Every command whose --format offers csv, with the formats it offers."""
    found: dict[tuple[str, ...], list[str]] = {}

    def walk(command: click.Command, path: tuple[str, ...]) -> None:
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                walk(sub, (*path, name))
            return
        for param in command.params:
            if "--format" in getattr(param, "opts", ()):
                choices = list(getattr(param.type, "choices", ()))
                if "csv" in choices:
                    found[path] = choices

    walk(typer.main.get_command(attach()), ())
    return found


# Listings: run on an empty database and on a seeded one (argv without -f).
LISTINGS: dict[tuple[str, ...], list[str]] = {
    ("member", "list"): ["member", "list"],
    ("member", "duplicates"): ["member", "duplicates"],
    ("network", "list"): ["network", "list"],
    ("meeting", "list"): ["meeting", "list"],
    ("meeting", "action", "list"): ["meeting", "action", "list", "--today", "1 มกราคม 2560"],
    ("calendar",): ["calendar", "--today", "1 มกราคม 2560"],
    ("import", "list"): ["import", "list"],
    ("conflicts",): ["conflicts"],
    ("region", "list"): ["region", "list"],  # the shipped regions: never empty
    ("org", "list"): ["org", "list"],
}
# Commands that print one record (run on the seeded database): the CSV run, and a JSON run
# of the same command (another name where the first run would make a duplicate).
RECORDS: dict[tuple[str, ...], tuple[list[str], list[str]]] = {
    ("member", "add"): (
        ["member", "add", "นางสาวสุดา ใจงาม", "--province", "น่าน"],
        ["member", "add", "นางสาวสุนี ใจงาม", "--province", "น่าน"],
    ),
    ("member", "show"): (["member", "show", "1"],) * 2,
    ("member", "edit"): (["member", "edit", "1", "--role", "ประธาน"],) * 2,
    ("network", "add"): (["network", "add", "เครือข่ายใหม่"], ["network", "add", "เครือข่ายสอง"]),
    ("network", "show"): (["network", "show", NORTH],) * 2,
    ("network", "join"): (["network", "join", NORTH, "2"],) * 2,
    ("network", "leave"): (["network", "leave", NORTH, "2"],) * 2,
    ("meeting", "log"): (
        ["meeting", "log", "ประชุมใหม่", "--date", "2 ก.ค. 2562"],
        ["meeting", "log", "ประชุมสอง", "--date", "2 ก.ค. 2562"],
    ),
    ("meeting", "show"): (["meeting", "show", "1"],) * 2,
    ("meeting", "edit"): (["meeting", "edit", "1", "--venue", "หอประชุม"],) * 2,
    ("meeting", "attend"): (["meeting", "attend", "1", "2"],) * 2,
    ("meeting", "action", "add"): (["meeting", "action", "add", "1", "ทำปฏิทิน"],) * 2,
    ("network", "edit"): (["network", "edit", NORTH, "--level", "ภาค"],) * 2,
    ("org", "add"): (
        ["org", "add", "กลุ่มสตรีบ้านใหม่", "--province", "น่าน"],
        ["org", "add", "กลุ่มสตรีบ้านสอง", "--province", "น่าน"],
    ),
    ("org", "show"): (["org", "show", "1"],) * 2,
    ("org", "edit"): (["org", "edit", "1", "--kind", "กองทุน"],) * 2,
    ("org", "figures"): (["org", "figures", "1", "--as-of", "ปี 2557", "--members", "1697"],) * 2,
}
# Covered by their own tests below: rows of their own shape.
OWN_SHAPE = {("summary",), ("import", "files"), ("export", "roster")}


def seed(cli: Any, db: Path, tmp_path: Path) -> None:
    ok(cli("network", "add", NORTH, db=db))
    ok(
        cli(
            "member",
            "add",
            "นายประกิจ เสาร์แก้ว",
            "--province",
            "ลำปาง",
            "--phone",
            "0812345678",
            db=db,
        )
    )
    ok(cli("member", "add", "นายประกิจ เสาร์แก้ว", "--province", "ลำปาง", "--allow-duplicate", db=db))
    ok(cli("meeting", "log", "เวทีเครือข่าย", "--date", "13 มิ.ย. 2562", "--province", "ลำปาง", db=db))
    ok(cli("meeting", "action", "add", "1", "สรุปผล", "--due", "1 ก.ค. 2562", db=db))
    ok(cli("org", "add", "กองทุนสวัสดิการชุมชนตำบลร่องเคาะ", "--province", "ลำปาง", db=db))
    roster = tmp_path / "roster.csv"
    roster.write_text("ชื่อ - สกุล,จังหวัด\nนางมาลี ศรีสุข,น่าน\n", encoding="utf-8")
    ok(cli("import", str(roster), db=db))
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "INSERT INTO conflicts (table_name, row_uid, field, mine, theirs, other_db)"
            " VALUES ('members', 'abc', 'role', '\"ประธาน\"', '\"เลขา\"', 'other.db')"
        )
    conn.close()


def test_every_csv_command_is_covered_here() -> None:
    assert set(csv_commands()) == set(LISTINGS) | set(RECORDS) | OWN_SHAPE


def test_listing_csv_header_is_the_same_with_and_without_rows(cli, tmp_path: Path) -> None:
    empty, full = tmp_path / "empty.db", tmp_path / "full.db"
    ok(cli("init", db=empty))
    seed(cli, full, tmp_path)
    for path, argv in LISTINGS.items():
        before = table(cli(*argv, "-f", "csv", db=empty))
        after = table(cli(*argv, "-f", "csv", db=full))
        rows = ok(cli(*argv, "-f", "json", db=full)).json()
        assert rows, path  # the seed gives every listing a row
        assert before[0] == after[0] == list(rows[0]), path
        assert len(after) == len(rows) + 1, path
        if path != ("region", "list"):
            assert before == [before[0]], path  # the header alone
        lines = ok(cli(*argv, "-f", "ndjson", db=full)).stdout.splitlines()
        assert [json.loads(line) for line in lines] == rows, path


def test_record_csv_header_is_its_json_keys(cli, tmp_path: Path) -> None:
    db = tmp_path / "full.db"
    seed(cli, db, tmp_path)
    for path, (as_csv, as_json) in RECORDS.items():
        header, *values = table(cli(*as_csv, "-f", "csv", db=db))
        assert len(values) == 1, (path, values)
        record = ok(cli(*as_json, "-f", "json", db=db)).json()
        assert header == list(record), path


def test_meeting_attend_csv_is_csv(cli, tmp_path: Path) -> None:
    ok(cli("member", "add", "นายประกิจ เสาร์แก้ว"))
    ok(cli("meeting", "log", "สัมมนา", "--date", "22-23 มิถุนายน 2567"))
    assert table(cli("meeting", "attend", "1", "1", "-f", "csv")) == [
        ["meeting", "added", "removed"],
        ["1", "2", "0"],
    ]
    assert table(cli("meeting", "attend", "1", "1", "--remove", "-f", "csv")) == [
        ["meeting", "added", "removed"],
        ["1", "0", "2"],
    ]


def test_summary_csv_is_one_row_per_province_and_the_total(cli, tmp_path: Path) -> None:
    empty = table(cli("summary", "-f", "csv", db=tmp_path / "empty.db"))
    assert empty[0] == list(ROW_FIELDS) and [r[0] for r in empty[1:]] == ["total"]
    seed(cli, tmp_path / "full.db", tmp_path)
    rows = table(cli("summary", "-f", "csv", db=tmp_path / "full.db"))
    assert rows[0] == empty[0]
    report = ok(cli("summary", "-f", "json", db=tmp_path / "full.db")).json()
    entries = [*report["provinces"], report["total"]]
    assert len(rows) == len(entries) + 1
    for values, entry in zip(rows[1:], entries, strict=True):
        row = dict(zip(rows[0], values, strict=True))
        assert row["scope"] == ("total" if entry is report["total"] else "province")
        for key in ("members", "meetings", "participants", "budget_satang", "open_actions"):
            assert row[key] == ("" if entry[key] is None else str(entry[key])), key
        if row["scope"] == "province":
            assert (row["province"], row["province_code"]) == (
                entry["province"],
                entry["province_code"] or "",
            )
    out = tmp_path / "summary.csv"
    ok(cli("summary", "-f", "csv", "-o", str(out), db=tmp_path / "full.db"))
    assert out.read_text(encoding="utf-8").splitlines()[0] == ",".join(ROW_FIELDS)


def test_import_and_member_add_from_csv_print_the_rejected_rows(cli, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text("ชื่อ - สกุล,จังหวัด\nนายเอก ทดสอบ,เชียงใหม่\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("ชื่อ - สกุล,จังหวัด\nนายโท ทดสอบ,เชียงใม\n", encoding="utf-8")
    assert table(cli("import", str(good), "-f", "csv")) == [list(ROW_ERROR_FIELDS)]
    run = cli("import", str(bad), "-f", "csv", "--dry-run")
    assert run.exit_code == 1 and "ไม่ผ่าน 1" in run.stderr
    header, row = list(csv.reader(io.StringIO(run.stdout)))
    assert header == list(ROW_ERROR_FIELDS)
    error = dict(zip(header, row, strict=True))
    assert (error["row"], error["column"], error["code"], error["suggestion"]) == (
        "2",
        "จังหวัด",
        "unknown-province",
        "เชียงใหม่",
    )
    listed = tmp_path / "list.csv"
    listed.write_text("name,province\nนายตรี ทดสอบ,เชียงใม\n", encoding="utf-8")
    run = cli("member", "add", "--from", str(listed), "-f", "csv")
    assert run.exit_code == 1
    header, row = list(csv.reader(io.StringIO(run.stdout)))
    assert header == list(ROW_ERROR_FIELDS)
    assert dict(zip(header, row, strict=True))["code"] == "unknown-province"
    listed.write_text("name,province\nนายจัตวา ทดสอบ,เชียงใหม่\n", encoding="utf-8")
    assert table(cli("member", "add", "--from", str(listed), "-f", "csv")) == [
        list(ROW_ERROR_FIELDS)
    ]


def test_export_roster_csv_header_is_the_same_with_and_without_rows(cli, tmp_path: Path) -> None:
    empty, full = tmp_path / "empty.csv", tmp_path / "full.csv"
    ok(cli("export", "roster", "-o", str(empty), "-f", "csv", db=tmp_path / "empty.db"))
    seed(cli, tmp_path / "full.db", tmp_path)
    ok(cli("export", "roster", "-o", str(full), "--format", "csv", db=tmp_path / "full.db"))
    before = empty.read_text(encoding="utf-8-sig").splitlines()
    after = full.read_text(encoding="utf-8-sig").splitlines()
    assert len(before) == 1 and len(after) == 4 and before[0] == after[0]
    assert cli("export", "roster", "-o", str(full), "-f", "json").exit_code == 2


@pytest.mark.parametrize(
    "argv",
    [
        ["db", "status", "-f", "csv"],  # nested results: no CSV shape
        ["member", "merge", "1", "2", "-f", "csv"],
        ["member", "unmerge", "1", "-f", "csv"],
        ["import", "undo", "1", "-f", "csv"],
        ["merge", "other.db", "-f", "csv"],
        ["export", "bundle", "-o", "x.netcli", "-f", "csv"],
        ["summary", "-f", "ndjson"],
        ["import", "x.csv", "-f", "markdown"],
        ["member", "list", "-f", "xlsx"],
        ["member", "list", "-f", "yaml"],
    ],
)
def test_a_format_a_command_cannot_render_is_a_usage_error(cli, argv: list[str]) -> None:
    run = cli(*argv)
    assert run.exit_code == 2 and "--format" in run.stderr, (run.stdout, run.stderr)
    assert run.stdout == ""


def test_the_refused_formats_are_not_offered_in_help() -> None:
    formats = csv_commands()
    assert formats[("member", "list")] == ["table", "json", "csv", "ndjson"]
    assert formats[("summary",)] == ["table", "markdown", "json", "csv", "xlsx", "docx", "pdf"]
    assert formats[("import", "files")] == ["table", "json", "csv"]


def test_settling_a_conflict_prints_one_row(cli, tmp_path: Path) -> None:
    db = tmp_path / "full.db"
    seed(cli, db, tmp_path)
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(
            "INSERT INTO conflicts (table_name, row_uid, field, mine, theirs, other_db)"
            " VALUES ('members', 'abd', 'role', '\"ก\"', '\"ข\"', 'other.db')"
        )
    conn.close()
    header, row = table(cli("conflicts", "--resolve", "1", "--take", "mine", "-f", "csv", db=db))
    record = ok(cli("conflicts", "--resolve", "2", "--take", "mine", "-f", "json", db=db)).json()
    assert header == list(record) and dict(zip(header, row, strict=True))["value"] == "ประธาน"


def test_machine_formats_are_utf8_whatever_the_console(cli, db_path: Path) -> None:
    """A redirect on Thai Windows encodes stdout as cp874: JSON, NDJSON and CSV stay UTF-8,
    human output follows the console."""
    import json
    import os
    import subprocess
    import sys

    ok(cli("member", "add", "นางสมศรี ใจดี", "--province", "ลำปาง"))
    env = {**os.environ, "PYTHONIOENCODING": "cp874"}
    env.pop("NETCLI_DB", None)

    def run(*args: str) -> bytes:
        proc = subprocess.run(
            [sys.executable, "-m", "netcli", "--db", str(db_path), *args],
            capture_output=True,
            env=env,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    assert json.loads(run("member", "list", "-f", "json").decode("utf-8"))[0]["full_name"] == (
        "นางสมศรี ใจดี"
    )
    assert "นางสมศรี ใจดี" in run("member", "list", "-f", "csv").decode("utf-8")
    assert "นางสมศรี ใจดี" in run("member", "list", "-f", "ndjson").decode("utf-8")
    assert "นางสมศรี ใจดี" in run("member", "list").decode("cp874")  # the console's own


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "ndjson"])
def test_a_closed_pipe_ends_quietly(cli, db_path: Path, fmt: str) -> None:
    """``netcli member list | head``: the reader went away; exit 0, nothing on stderr."""
    import os
    import subprocess
    import sys

    ok(cli("member", "add", "นางสมศรี ใจดี", "--province", "ลำปาง"))
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("NETCLI_DB", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "netcli", "--db", str(db_path), "member", "list", "-f", fmt],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first line
    err = proc.stderr.read().decode("utf-8", "replace")
    assert proc.wait(timeout=120) == 0, err
    assert err == ""
