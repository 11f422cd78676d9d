"""Errors as data: a stable code for every refusal, ``{"error": …}`` on stdout under
``-f json|ndjson`` beside the Thai line on stderr, one row-error shape for ``import`` and
``member add --from``, and exit statuses that mean one thing: 0 done, 1 refused, 2 wrong
command line, 3 internal error, 130 interrupted."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from netcli.cli.app import attach
from netcli.cli.output import Format, FormatOption
from netcli.errors import ROW_ERROR_FIELDS, RowError, ValidationError
from tests.conftest import Run, assert_clean_error, netcli_command

ERROR_KEYS = {"code", "message", "field", "value", "suggestion"}


def refusal(run: Run, code: str, status: int = 1) -> dict[str, Any]:
    """The one error object on stdout of a refused command (checked against stderr)."""
    assert_clean_error(run, status)
    lines = run.stdout.splitlines()
    assert len(lines) == 1, run.stdout
    error = json.loads(lines[0])["error"]
    assert ERROR_KEYS <= set(error), error
    assert error["code"] == code, error
    assert run.stderr.startswith(f"ผิดพลาด (error): {error['message']}"), run.stderr
    return error


def ok(run: Run) -> Run:
    assert run.exit_code == 0, (run.stdout, run.stderr)
    return run


# --- the acceptance line -------------------------------------------------------------------


def test_bad_phone_under_json_is_an_error_object(cli) -> None:
    run = cli("member", "add", "นายก ข", "--phone", "12", "-f", "json")
    error = refusal(run, "bad-phone")
    assert (error["field"], error["value"]) == ("phone", "12")
    assert "เบอร์โทร" in error["message"] and error["suggestion"] is None
    assert ok(cli("member", "list", "-f", "json")).json() == []  # nothing was added


def test_ndjson_gets_the_same_object_on_one_line_and_table_gets_none(cli) -> None:
    run = cli("member", "add", "นายก ข", "--phone", "12", "-f", "ndjson")
    assert refusal(run, "bad-phone")["field"] == "phone"
    for fmt in ("table", "csv"):
        run = cli("member", "add", "นายก ข", "--phone", "12", "-f", fmt)
        assert_clean_error(run)
        assert run.stdout == ""  # a table or CSV reader gets nothing half-made
    run = cli("member", "add", "นายก ข", "--phone", "12")
    assert_clean_error(run)
    assert run.stdout == ""


# --- the codes a script may branch on -------------------------------------------------------


def test_member_field_codes(cli) -> None:
    assert refusal(cli("member", "add", "นายก ข", "--email", "x@", "-f", "json"), "bad-email")
    error = refusal(
        cli("member", "add", "นายก ข", "--national-id", "1234567890123", "-f", "json"),
        "bad-national-id",
    )
    assert error["value"] == "x-xxxx-xxxxx-12-3"  # masked even in an error (PDPA)
    refusal(cli("member", "add", "นาย", "-f", "json"), "bad-name")
    error = refusal(
        cli("member", "add", "นายก ข", "--province", "เชียงใม", "-f", "json"), "unknown-province"
    )
    assert (error["field"], error["value"], error["suggestion"]) == (
        "province",
        "เชียงใม",
        "เชียงใหม่",
    )
    error = refusal(
        cli("member", "add", "นายก ข", "--joined", "31 กุมภาพันธ์ 2567", "-f", "json"), "bad-date"
    )
    assert error["field"] == "joined_on"
    refusal(cli("member", "add", "นายก ข", "--sector", "ดาวอังคาร", "-f", "json"), "unknown-sector")


def test_duplicate_not_found_ambiguous_removed(cli) -> None:
    first = ok(cli("member", "add", "นายก ข", "--phone", "0812345678", "-f", "json")).json()["id"]
    error = refusal(
        cli("member", "add", "นาย ก ข", "--phone", "081-234-5678", "-f", "json"), "duplicate-member"
    )
    assert error["existing_id"] == first
    second = ok(cli("member", "add", "นายก ข", "--allow-duplicate", "-f", "json")).json()["id"]
    error = refusal(cli("member", "show", "นายก ข", "-f", "json"), "ambiguous")
    assert error["candidates"] == [first, second]
    error = refusal(cli("member", "show", "999", "-f", "json"), "not-found")
    assert (error["field"], error["value"]) == ("member", "999")
    ok(cli("member", "remove", str(second)))
    ok(cli("network", "add", "เครือข่าย ก"))
    refusal(cli("network", "join", "เครือข่าย ก", str(second), "-f", "json"), "removed")
    refusal(cli("network", "add", "เครือข่าย ก", "-f", "json"), "duplicate-network")
    refusal(cli("network", "add", "ข", "--level", "จักรวาล", "-f", "json"), "unknown-level")


def test_meeting_codes(cli) -> None:
    ok(cli("meeting", "log", "เวทีหนึ่ง", "--date", "13 มิถุนายน 2562"))
    refusal(
        cli("meeting", "log", "เวทีหนึ่ง", "--date", "13 มิถุนายน 2562", "-f", "json"),
        "duplicate-meeting",
    )
    error = refusal(
        cli("meeting", "log", "เวทีสอง", "--date", "32 มิถุนายน 2562", "-f", "json"), "bad-date"
    )
    assert error["field"] == "date"
    refusal(
        cli(
            "meeting", "log", "เวทีสอง", "--date", "1 ก.ค. 2562", "--participants", "ๆ", "-f", "json"
        ),
        "bad-number",
    )
    refusal(
        cli("meeting", "log", "เวทีสอง", "--date", "1 ก.ค. 2562", "--budget", "-5", "-f", "json"),
        "bad-number",
    )
    refusal(cli("meeting", "list", "--fiscal-year", "abc", "-f", "json"), "bad-fiscal-year")


def test_file_and_database_codes(cli, tmp_path: Path) -> None:
    refusal(cli("member", "add", "--from", str(tmp_path / "missing.csv"), "-f", "json"), "bad-file")
    not_db = tmp_path / "notes.db"
    not_db.write_text("this is not a database\n" * 100, encoding="utf-8")
    refusal(cli("member", "list", "-f", "json", db=not_db), "bad-database")


def test_usage_errors_exit_2_and_say_so_in_json_too(cli) -> None:
    run = cli("meeting", "log", "เวที", "-f", "json")  # --date is required
    assert run.exit_code == 2 and "--date" in run.stderr and "Traceback" not in run.stderr
    error = json.loads(run.stdout)["error"]
    assert error["code"] == "usage" and "--date" in error["message"]
    # An option Click itself refuses: exit 2 whatever the format.
    assert cli("member", "list", "-f", "json", "--no-such-option").exit_code == 2


def test_every_error_class_has_a_code() -> None:
    import netcli.errors as errors

    classes = [
        c
        for c in vars(errors).values()
        if isinstance(c, type) and issubclass(c, errors.NetcliError)
    ]
    assert len(classes) >= 6
    for cls in classes:
        assert cls.code and cls.code == cls.code.lower() and " " not in cls.code, cls


# --- one row-error shape ----------------------------------------------------------------------


def test_import_and_member_add_from_share_the_row_error_shape(cli, tmp_path: Path) -> None:
    text = "ชื่อ - สกุล,จังหวัด,อีเมล\nนายเอก ทดสอบ,เชียงใม,\nนายโท ทดสอบ,ลำปาง,x@\n"
    roster = tmp_path / "roster.csv"
    roster.write_text(text, encoding="utf-8")
    report = cli("import", str(roster), "--dry-run", "-f", "json").json()
    listed = tmp_path / "list.csv"
    listed.write_text(
        "name,province,email\nนายเอก ทดสอบ,เชียงใม,\nนายโท ทดสอบ,ลำปาง,x@\n", encoding="utf-8"
    )
    run = cli("member", "add", "--from", str(listed), "-f", "json")
    assert run.exit_code == 1
    added = run.json()
    for errors in (report["errors"], added["errors"]):
        assert [list(e) for e in errors] == [list(ROW_ERROR_FIELDS)] * 2
        assert [(e["row"], e["field"], e["code"]) for e in errors] == [
            (2, "province", "unknown-province"),
            (3, "email", "bad-email"),
        ]
        assert errors[0]["value"] == "เชียงใม" and errors[0]["suggestion"] == "เชียงใหม่"
        assert errors[0]["sheet"] is None  # CSV has no sheets
    assert [e["column"] for e in report["errors"]] == ["จังหวัด", "อีเมล"]
    assert [e["column"] for e in added["errors"]] == ["province", "email"]
    assert {e["file"] for e in report["errors"]} == {str(roster)}
    assert {e["file"] for e in added["errors"]} == {str(listed)}


def test_ndjson_rows_have_no_column_and_duplicates_carry_their_code(cli) -> None:
    ok(cli("member", "add", "นายก ข", "--phone", "0812345678"))
    rows = [
        {"name": "นาย ก ข", "phone": "0812345678"},  # the same person (a shared phone alone is not)
        {"name": "นายจ ฉ", "phone": "12"},
    ]
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    run = cli("member", "add", "--from", "-", "-f", "json", input=text)
    report = run.json()
    assert (run.exit_code, report["duplicates"], report["rejected"]) == (1, 1, 1)
    assert [(e["row"], e["code"], e["column"]) for e in report["errors"]] == [
        (1, "duplicate-member", None),
        (2, "bad-phone", None),
    ]


def test_row_error_of_an_exception() -> None:
    exc = ValidationError("x", code="bad-phone", field="phone", value="12")
    row = RowError.of(exc, file="a.xlsx", sheet="ลำปาง", row=7, column="โทร", value=12.0)
    assert row.as_dict() == {
        "file": "a.xlsx",
        "sheet": "ลำปาง",
        "row": 7,
        "column": "โทร",
        "field": "phone",
        "value": 12.0,
        "code": "bad-phone",
        "message": "x",
        "suggestion": None,
    }
    assert RowError.of(exc, file="-", row=1).value == "12"  # the error's own value by default


# --- exit 3: a bug is not the user's input ------------------------------------------------------


@pytest.fixture
def broken_command():
    """A tiny command on the real root group that fails the way a bug would."""
    root = attach()
    raised: dict[str, BaseException] = {}

    def broken(fmt: FormatOption = Format.table) -> None:
        raise raised["error"]

    root.command("broken-for-test", hidden=True)(broken)
    netcli_command.cache_clear()  # the session's command tree is built again with it
    yield raised
    root.registered_commands[:] = [
        c for c in root.registered_commands if c.name != "broken-for-test"
    ]
    netcli_command.cache_clear()


def test_an_internal_error_exits_3_without_a_traceback(cli, broken_command) -> None:
    broken_command["error"] = RuntimeError("a bug")
    run = cli("broken-for-test")
    assert_clean_error(run, 3)
    assert "internal error" in run.stderr and "RuntimeError: a bug" in run.stderr
    assert "--debug" in run.stderr and run.stdout == ""
    error = refusal(cli("broken-for-test", "-f", "json"), "internal", status=3)
    assert "RuntimeError" in error["message"]
    with pytest.raises(RuntimeError):  # --debug: the traceback is the point
        cli("--debug", "broken-for-test")


def test_sqlite_errors_split_between_refused_and_internal(cli, broken_command) -> None:
    broken_command["error"] = sqlite3.DatabaseError("database disk image is malformed")
    refusal(cli("broken-for-test", "-f", "json"), "bad-database")
    broken_command["error"] = sqlite3.OperationalError("database is locked")
    refusal(cli("broken-for-test", "-f", "json"), "database-locked")
    broken_command["error"] = sqlite3.IntegrityError("UNIQUE constraint failed: members.uid")
    refusal(cli("broken-for-test", "-f", "json"), "internal", status=3)


def test_ctrl_c_exits_130(cli, broken_command) -> None:
    broken_command["error"] = KeyboardInterrupt()
    refusal(cli("broken-for-test", "-f", "ndjson"), "interrupted", status=130)


def test_the_real_entry_point_exits_3_on_a_bug(tmp_path: Path) -> None:
    """The same through ``netcli.cli.app.run`` in its own process (what a script sees)."""
    program = (
        "import sys\n"
        "from netcli.cli import app\n"
        "root = app.attach()\n"
        "@root.command('broken-for-test')\n"
        "def broken():\n"
        "    raise ZeroDivisionError('division by zero')\n"
        "sys.argv = ['netcli', '--db', sys.argv[1], 'broken-for-test']\n"
        "app.run()\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", program, str(tmp_path / "n.db")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert proc.returncode == 3, proc.stderr
    assert "ZeroDivisionError" in proc.stderr and "Traceback" not in proc.stderr


def test_the_readme_lists_every_code_the_code_raises() -> None:
    """A script author reads the codes in the README: every code a raise site or an error
    class sets is there, and the README lists none that nothing raises."""
    import re

    root = Path(__file__).resolve().parent.parent
    raised: set[str] = set()
    for path in (root / "netcli").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        raised.update(re.findall(r'\bcode(?::\s*str)?\s*=\s*"([a-z][a-z-]+)"', text))
        raised.update(re.findall(r'"code":\s*"([a-z][a-z-]+)"', text))
        raised.update(re.findall(r'\bcode, hint = \(?\s*"([a-z][a-z-]+)"', text))
        raised.update(re.findall(r'_fail\(\s*"([a-z][a-z-]+)"', text))
        if 'code=f"unknown-{field_}"' in text:
            raised.update({"unknown-kind", "unknown-role"})
    readme = (root / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("Codes: ") : readme.index("**Rejected rows**")]
    listed = set(re.findall(r"`([a-z][a-z-]+)`", section)) - {"candidates"}
    assert raised - listed == set()
    assert listed - raised == set()


def test_a_usage_error_before_the_command_runs_has_no_format(cli) -> None:
    assert cli("member", "add", "นายก ข", "--phone", "12", "-f", "json").exit_code == 1
    run = cli("no-such-command")  # the previous run's -f json is not this run's format
    assert run.exit_code == 2 and run.stdout == ""


def test_every_hint_that_names_a_command_names_a_real_one(cli) -> None:
    """A review found "ดูรายการด้วย netcli organization list": the command is ``org``."""
    from netcli.store.resolve import NOUNS

    for noun in NOUNS.values():
        run = cli(noun.cli, "list", "--help")
        assert run.exit_code == 0, (noun.cli, run.stderr)
    run = cli("org", "show", "ไม่มีองค์กรนี้เลยจริงๆ", "-f", "json")
    assert run.exit_code == 1
    assert "netcli org list" in run.stderr or "netcli org list" in run.stdout


def test_a_bad_capital_names_the_capital(cli) -> None:
    ok = cli("org", "add", "กองทุนหมู่บ้านทดสอบ", "--province", "น่าน")
    assert ok.exit_code == 0, ok.stderr
    run = cli("org", "figures", "1", "--as-of", "ปี 2567", "--capital", "1,5,00", "-f", "json")
    assert run.exit_code == 1
    assert run.json()["error"]["field"] == "capital"


def test_a_wrong_db_path_is_said_in_thai_first(tmp_path, cli) -> None:
    """A field audit found these in English only."""
    folder = tmp_path / "folder"
    folder.mkdir()
    text = tmp_path / "notes.db"
    text.write_text("ไม่ใช่ฐานข้อมูล\n" * 50, encoding="utf-8")
    for db in (folder, text):
        run = cli("member", "list", db=db)
        assert run.exit_code == 1
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in run.stderr.split("(")[0])
    bad = tmp_path / "bad.ndjson"
    bad.write_text('{"name": "นายบี ใจดี", "province": "น่าน"}\n{bad\n', encoding="utf-8")
    run = cli("member", "add", "--file", str(bad))
    assert run.exit_code == 1
    assert "บรรทัด 2: ไม่ใช่ JSON" in run.stderr


def test_member_add_file_reads_the_thai_headers_import_reads(tmp_path, cli) -> None:
    """A field audit found every row refused: 'ไม่รู้จักช่อง จังหวัด, ชื่อ-สกุล, ที่ …'."""
    roster = tmp_path / "thai.csv"
    roster.write_text(
        "ลำดับ,ชื่อ-สกุล,ตำแหน่ง,จังหวัด,เบอร์โทร,ลายมือชื่อ\n"
        "1,นายสมชาย ใจดี,ประธาน,น่าน,0812345678,\n"
        "2,นางสมศรี ใจงาม,,ลำปาง,0891112222,\n",
        encoding="utf-8",
    )
    run = cli("member", "add", "--file", str(roster), "-f", "json")
    assert run.exit_code == 0, run.stderr
    assert run.json()["inserted"] == 2
    people = cli("member", "list", "-f", "json").json()
    assert [(m["full_name"], m["role"], m["province"], m["phone"]) for m in people] == [
        ("นายสมชาย ใจดี", "ประธาน", "น่าน", "0812345678"),
        ("นางสมศรี ใจงาม", None, "ลำปาง", "0891112222"),
    ]
    # A workbook is for `import`: one line that says so, not a line per row.
    from tests.test_import_fixtures import write_workbook

    book = write_workbook(tmp_path / "roster.xlsx", {"S": [["ชื่อ-สกุล"], ["นายบี ใจดี"]]})
    run = cli("member", "add", "--file", str(book), "-f", "json")
    assert run.exit_code == 1
    assert "netcli import" in run.json()["error"]["hint"]


def test_an_import_that_wrote_nothing_names_no_batch(tmp_path, cli) -> None:
    """--strict with a rejected row and --dry-run write no batch: their JSON had said
    "import_id": 1, a batch that does not exist."""
    roster = tmp_path / "strict.csv"
    roster.write_text(
        "ชื่อ-สกุล,จังหวัด,เบอร์โทร\nนายหนึ่ง ใจดี,น่าน,0812345678\nนายสอง ใจดี,น่าน,12\n",
        encoding="utf-8",
    )
    for flag in ("--strict", "--dry-run"):
        report = cli("import", str(roster), flag, "-f", "json").json()
        assert report["written"] is False
        assert [f["import_id"] for f in report["files"]] == [None]
    assert cli("import", "list", "-f", "json").json() == []
