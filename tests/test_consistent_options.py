"""The same option means the same thing everywhere (issue 16): ``-p/--province`` and
``-r/--region`` on every command that filters by place, a period is ``--since/--until``, a
file to read is ``--file``; the old spellings (``--from``/``--to``) still work, unlisted."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import typer

from netcli.cli.app import app

PLACE_FILTERS = (
    ("summary",),
    ("calendar",),
    ("member", "list"),
    ("member", "duplicates"),
    ("meeting", "list"),
    ("export", "roster"),
)
PERIODS = (("summary",), ("calendar",), ("meeting", "list"))


def _command(path: tuple[str, ...]):
    cmd = typer.main.get_command(app)
    for name in path:
        cmd = cmd.commands[name]
    return cmd


def _opts(path: tuple[str, ...]) -> set[str]:
    return {opt for p in _command(path).params for opt in p.opts}


@pytest.mark.parametrize("path", PLACE_FILTERS, ids=" ".join)
def test_place_filters_take_province_and_region(path: tuple[str, ...]) -> None:
    assert {"-p", "--province", "-r", "--region"} <= _opts(path)


@pytest.mark.parametrize("path", PERIODS, ids=" ".join)
def test_a_period_is_since_until_and_the_old_names_are_unlisted(cli, path) -> None:
    assert {"--since", "--until", "--from", "--to"} <= _opts(path)
    shown = cli("--lang", "en", *path, "--help").stdout
    assert "--since" in shown and "--until" in shown
    assert "--from" not in shown and "--to " not in shown and "--to," not in shown


def _seed(cli) -> None:
    assert cli("member", "add", "นางสมศรี ใจดี", "-p", "เชียงใหม่").exit_code == 0
    assert cli("member", "add", "นายสมชาย ใจดี", "-p", "สงขลา").exit_code == 0
    assert cli("member", "add", "นายสมชาย ใจดี", "-p", "สงขลา", "--allow-duplicate").exit_code == 0
    for title, province in (("เวทีเหนือ", "เชียงใหม่"), ("เวทีใต้", "สงขลา")):
        run = cli("meeting", "log", title, "--date", "2030-01-15", "-p", province)
        assert run.exit_code == 0, run.stderr


def _provinces(rows: list[dict]) -> set[str]:
    return {r["province"] for r in rows}


def test_region_filters_every_listing(cli, tmp_path: Path) -> None:
    _seed(cli)
    north = "ภาคเหนือตอนบน"
    members = cli("member", "list", "-r", north, "-f", "json").json()
    assert _provinces(members) == {"เชียงใหม่"}
    assert _provinces(cli("member", "list", "-f", "json").json()) == {"เชียงใหม่", "สงขลา"}
    meetings = cli("meeting", "list", "--region", north, "-f", "json").json()
    assert [m["title"] for m in meetings] == ["เวทีเหนือ"]
    entries = cli("calendar", "-r", north, "--today", "2029-12-01", "-f", "json").json()
    assert [e["title"] for e in entries] == ["เวทีเหนือ"]
    south = cli("member", "duplicates", "-r", "ภาคใต้", "-f", "json").json()
    assert len(south) == 1
    assert cli("member", "duplicates", "-r", north, "-f", "json").json() == []
    out = tmp_path / "north.csv"
    assert cli("export", "roster", "-o", str(out), "-r", north).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 1 and "สมศรี" in json.dumps(rows, ensure_ascii=False)


def test_an_unknown_region_is_refused(cli) -> None:
    run = cli("member", "list", "--region", "ภาคที่ไม่มี", "-f", "json")
    assert run.exit_code == 1 and run.json()["error"]["code"] == "not-found", run.stdout


def test_old_spellings_still_work(cli, tmp_path: Path) -> None:
    _seed(cli)
    new = cli("meeting", "list", "--since", "2030-01-01", "--until", "2030-12-31", "-f", "json")
    old = cli("meeting", "list", "--from", "2030-01-01", "--to", "2030-12-31", "-f", "json")
    assert new.exit_code == old.exit_code == 0 and new.json() == old.json()
    assert len(new.json()) == 2
    rows = tmp_path / "rows.ndjson"
    rows.write_text('{"full_name": "นายก ข"}\n', encoding="utf-8")
    assert cli("member", "add", "--file", str(rows), "-f", "json").exit_code == 0
    rows.write_text('{"full_name": "นายค ง"}\n', encoding="utf-8")
    assert cli("member", "add", "--from", str(rows), "-f", "json").exit_code == 0
    names = {m["full_name"] for m in cli("member", "list", "-f", "json").json()}
    assert {"นายก ข", "นายค ง"} <= names
    assert "--from" not in cli("--lang", "en", "member", "add", "--help").stdout


def test_a_bad_place_is_refused_before_any_output(cli) -> None:
    """JSON on stdout is the error object alone, not a list opened and then left."""
    for args in (["-p", "ไม่มีจังหวัดนี้"], ["-r", "ไม่มีภาคนี้"]):
        run = cli("member", "list", *args, "-f", "json")
        assert run.exit_code == 1 and "error" in run.json(), run.stdout
