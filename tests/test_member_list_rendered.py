"""member list -f json/ndjson/csv: each member rendered by SQLite (``list_members_rendered``).

The fast path must write exactly the bytes of the per-row path it replaces (``list_members`` →
``to_public`` → ``emit_list`` with one dict per member), on a real file holding what a real
file holds: masked and shown national IDs, removed members, networks (one removed),
several organizations (one removed, one named only in ``organization``), issue areas,
reduced-precision ``joined_on``, text that JSON or CSV must escape, and rows written by other
means than netcli's own validation (an ``issue_areas`` that is not netcli's JSON, a national
ID with dashes or Thai digits, empty texts, a BLOB), which SQLite leaves to Python.
"""

from __future__ import annotations

import io
import sqlite3
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from netcli.cli.member import LIST_COLUMNS
from netcli.cli.output import Format, emit_list
from netcli.people.members import (
    PUBLIC_FIELDS,
    MemberFilter,
    list_members,
    list_members_rendered,
)
from netcli.store import db


def _national_id(first12: str) -> str:
    check = (11 - sum(int(d) * (13 - i) for i, d in enumerate(first12)) % 11) % 10
    return first12 + str(check)


def ok(run: Any) -> Any:
    assert run.exit_code == 0, (run.exit_code, run.stdout, run.stderr)
    return run


def _add(cli: Any, name: str, *extra: str) -> int:
    return ok(cli("member", "add", name, *extra, "-f", "json")).json()["id"]


# Values no netcli command writes (other tools, older files, hand edits): SQLite must leave
# these rows to Python, or render them exactly as Python does.
ODD = {
    "issue_areas": [
        '["ผู้สูงอายุ","เด็ก"]',  # valid JSON, not json_list's spacing
        "ผู้สูงอายุ",  # not JSON
        '"เด็ก"',  # JSON, not a list
        '[["ซ้อน"], 1, null]',  # a list, not of texts
        "[]",
        "",
        '["มี \\"อัญประกาศ\\" และ \\\\ ทับ", "บรรทัด\\nใหม่"]',  # json_list of awkward texts
    ],
    "national_id": [
        "1-1012-00030-02-1",  # dashes
        "๑๑๐๑๒๐๐๐๓๐๐๒๑",  # Thai digits
        "12345",
        "",
    ],
}


def _build(cli: Any, db_path: Path, *, blob: bool = True) -> dict[str, int]:
    ok(cli("network", "add", "เครือข่ายผู้สูงอายุ ลำปาง"))
    ok(cli("network", "add", "Alpha network"))
    ok(cli("network", "add", "เครือข่ายที่ถูกลบ"))
    ids = {
        "plain": _add(cli, "นายสมชาย ใจดี", "--province", "ลำปาง"),
        "full": _add(
            cli,
            "นางสมศรี ทองดี",
            "--province",
            "ลำปาง",
            "--district",
            "เมืองลำปาง",
            "--role",
            "ประธานเครือข่าย",
            "--org",
            "กองทุนสวัสดิการชุมชน",
            "--org",
            "สภาองค์กรชุมชน",
            "--org",
            "อสม.",
            "--sector",
            "ภาคประชาชน",
            "--issue-area",
            "ผู้สูงอายุ",
            "--issue-area",
            "เด็กและเยาวชน",
            "--village",
            "หมู่ 3",
            "--phone",
            "081-234-5678",
            "--email",
            "somsri@example.org",
            "--line",
            "somsri.t",
            "--national-id",
            _national_id("310060044563"),
            "--joined",
            "13 มิถุนายน 2562",
            "--consent",
            "ใช้ติดต่อเรื่องงานเครือข่าย",
            "--note",
            'พูดว่า "สวัสดี" \\ ทับ, จุลภาค',
            "--network",
            "เครือข่ายผู้สูงอายุ ลำปาง",
            "--network",
            "Alpha network",
            "--network",
            "เครือข่ายที่ถูกลบ",
        ),  # fmt: skip
        "month": _add(cli, "นางสาววิไล ศรีสุข", "--province", "น่าน", "--joined", "มิถุนายน 2562"),
        "year": _add(
            cli, "นายบุญมี คำปัน", "--province", "น่าน", "--joined", "2562", "--org", "กองทุนหมู่บ้าน"
        ),
        "removed": _add(
            cli,
            "นายสมชาย ลาออก",
            "--province",
            "ลำปาง",
            "--national-id",
            _national_id("110120003001"),
            "--network",
            "Alpha network",
        ),  # fmt: skip
        "odd text": _add(cli, "นายอรุณ เสาร์แก้ว", "--province", "ลำปาง"),
        "blob": _add(cli, "นายทองใบ พรหมมา", "--province", "ลำปาง"),
    }
    for kind, values in ODD.items():
        for i, _ in enumerate(values):
            ids[f"{kind} {i}"] = _add(cli, f"นายสุนทร แปลก{kind[0]}{i}", "--province", "ลำปาง")
    ok(cli("member", "remove", str(ids["removed"])))
    conn = db.connect(db_path)
    with db.write(conn, "test"):
        # A network and an organization removed: neither is listed any more.
        conn.execute(
            "UPDATE networks SET deleted_at = '2026-01-01T00:00:00Z' WHERE name = ?",
            ("เครือข่ายที่ถูกลบ",),
        )
        conn.execute(
            "UPDATE organizations SET deleted_at = '2026-01-01T00:00:00Z' WHERE name = 'อสม.'"
        )
        # Organizations listed by position, not by when they were linked.
        conn.execute(
            "UPDATE member_organizations SET position = 5 - position WHERE member_id = ?",
            (ids["full"],),
        )
        # ``organization`` naming no linked organization comes first in ``organizations``,
        # also for a member linked to none.
        conn.execute("UPDATE members SET organization = 'วัดบ้านนา' WHERE id = ?", (ids["month"],))
        conn.execute(
            "UPDATE members SET organization = 'โรงเรียนบ้านนา' WHERE id = ?", (ids["full"],)
        )
        conn.execute(
            "UPDATE members SET notes = ?, role = '', email = '', line_id = ? WHERE id = ?",
            ('แท็บ\tขึ้นบรรทัด\nใหม่ "อ้าง" \\ ทับ \x01 ควบคุม, จุลภาค', "a,b", ids["odd text"]),
        )
        for kind, values in ODD.items():
            for i, value in enumerate(values):
                conn.execute(
                    f"UPDATE members SET {kind} = ? WHERE id = ?", (value, ids[f"{kind} {i}"])
                )
    # A BLOB where a text belongs: the change log (JSON) refuses one, so only another tool,
    # writing without netcli's triggers, can leave one there. (A table refuses to show it as
    # a phone number, with either path.)
    if blob:
        with db.write(conn, "test"):
            triggers = conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'members'"
            ).fetchall()
            for name, _ in triggers:
                conn.execute(f"DROP TRIGGER {name}")
            conn.execute("UPDATE members SET phone = X'00ff' WHERE id = ?", (ids["blob"],))
            for _, sql in triggers:
                conn.execute(sql)
    conn.close()
    return ids


@pytest.fixture
def built(cli: Any, db_path: Path) -> dict[str, int]:
    return _build(cli, db_path)


def _per_row(db_path: Path, fmt: Format, f: MemberFilter, show: bool, limit: int | None) -> str:
    """What the per-row path writes: one ``to_public`` dict per member through ``emit_list``."""
    conn = db.connect(db_path)
    out = io.StringIO()
    with redirect_stdout(out):
        rows = list_members(conn, f, show_national_id=show, limit=limit)
        emit_list(rows, fmt, LIST_COLUMNS, fields=PUBLIC_FIELDS)
    conn.close()
    return out.getvalue()


CASES = [
    ([], MemberFilter(), None),
    (["--removed"], MemberFilter(include_removed=True), None),
    (["--search", "สมชาย"], MemberFilter(search="สมชาย"), None),
    (["--search", "สมชาย", "--removed"], MemberFilter(search="สมชาย", include_removed=True), None),
    (["--province", "น่าน"], MemberFilter(province="น่าน"), None),
    (["--network", "Alpha network", "--removed"], MemberFilter(network="Alpha network", include_removed=True), None),
    (["--limit", "3"], MemberFilter(), 3),
    (["--search", "ไม่มีใครชื่อนี้"], MemberFilter(search="ไม่มีใครชื่อนี้"), None),
]  # fmt: skip


@pytest.mark.parametrize("fmt", [Format.json, Format.ndjson, Format.csv])
@pytest.mark.parametrize("show", [False, True], ids=["masked", "shown"])
def test_the_same_bytes_as_the_per_row_path(
    cli: Any, db_path: Path, built: dict[str, int], fmt: Format, show: bool
) -> None:
    for args, f, limit in CASES:
        extra = ["--show-national-id"] if show else []
        got = ok(cli("member", "list", *args, *extra, "-f", fmt.value)).stdout
        assert got == _per_row(db_path, fmt, f, show, limit), (args, fmt, show)


def test_sqlite_renders_the_plain_rows_and_python_the_odd_ones(
    db_path: Path, built: dict[str, int]
) -> None:
    """The comparison above proves something only if both paths are taken: every member netcli
    wrote itself is rendered by SQLite, every odd one by Python."""
    conn = db.connect(db_path)
    f = MemberFilter(include_removed=True)
    odd = {built["blob"]} | {built[f"{k} {i}"] for k, v in ODD.items() for i in range(len(v))}
    # '[]', '' and json_list's own spacing are netcli's forms: SQLite renders them.
    plain_odd = {
        built["issue_areas 4"],
        built["issue_areas 5"],
        built["issue_areas 6"],
        built["national_id 3"],
    }
    for shape in ("json", "cells"):
        rows = list(list_members_rendered(conn, f, shape))
        by_python = {r["id"] for r in rows if isinstance(r, dict)}
        expected = odd - plain_odd
        if shape == "cells":  # csv writes a BLOB as Python's str() of it either way
            expected -= {built["blob"]}
        assert by_python == expected, shape
        assert len(rows) - len(by_python) >= 8
    # CSV: a member whose cells need no quoting comes as its whole line; the others as their
    # cells (a comma, a quote, a line break, a BLOB), or as a dict exactly as for "cells".
    rows = list(list_members_rendered(conn, f, "csv"))
    assert {r["id"] for r in rows if isinstance(r, dict)} == odd - plain_odd - {built["blob"]}
    lines = {int(r.split(",")[0]) for r in rows if isinstance(r, str)}
    assert {built["plain"], built["month"], built["removed"]} <= lines
    assert len(lines) >= 5
    cells = {r[0] for r in rows if isinstance(r, tuple)}
    assert {built["odd text"], built["blob"], built["full"]} <= cells
    shown = list(list_members_rendered(conn, f, "json", show_national_id=True))
    # Shown as stored, a national ID needs no Python, whatever it holds.
    assert {r["id"] for r in shown if isinstance(r, dict)} == odd - plain_odd - {
        built[f"national_id {i}"] for i in range(3)
    }
    conn.close()


def test_a_real_process_writes_the_same_bytes(
    netcli_proc: Any, db_path: Path, built: dict[str, int]
) -> None:
    for fmt in (Format.json, Format.csv):
        run = netcli_proc("member", "list", "--removed", "-f", fmt.value)
        assert run.exit_code == 0, run.stderr
        assert run.stdout == _per_row(db_path, fmt, MemberFilter(include_removed=True), False, None)


def test_the_sql_fallback_row_is_read_again_by_id(db_path: Path, built: dict[str, int]) -> None:
    """A row left to Python is exactly ``to_public`` of that member (networks and
    organizations included), not a row of another member."""
    conn = db.connect(db_path)
    conn.row_factory = sqlite3.Row
    rows = {
        (r["id"] if isinstance(r, dict) else None): r
        for r in list_members_rendered(conn, MemberFilter(), "json")
    }
    assert rows[built["blob"]]["phone"] == b"\x00\xff"
    conn.close()


def _per_row_table(
    db_path: Path, f: MemberFilter, show: bool, limit: int | None
) -> tuple[str, str]:
    """The table as the per-row path made it: every ``to_public`` dict, sorted by name."""
    from contextlib import redirect_stderr

    from netcli.cli.member import LIST_FIT, _human
    from netcli.thai.collation import thai_sort_key

    conn = db.connect(db_path)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        rows = sorted(
            list_members(conn, f, show_national_id=show, limit=limit),
            key=lambda r: (thai_sort_key(r["first_name"]), thai_sort_key(r["last_name"] or "")),
        )
        columns = LIST_COLUMNS + ([("national_id", "เลขบัตรประชาชน")] if show else [])
        emit_list(rows, Format.table, columns, fields=PUBLIC_FIELDS, human=_human(), fit=LIST_FIT)
    conn.close()
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("columns", [None, "80"], ids=["piped", "80 columns"])
def test_the_table_reads_only_its_columns_and_is_the_same(
    cli: Any,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    columns: str | None,
) -> None:
    """The table reads only the columns it shows: over 500 rows (plain columns) and under
    (a rich table), piped and on an 80-column terminal, it is the per-row path's table."""
    import json

    _build(cli, db_path, blob=False)
    roles = [None, "ประธานเครือข่าย", "เลขานุการ", "สมาชิก"]
    lines = [
        json.dumps(
            {
                "name": f"{['นาย', 'นาง', 'นางสาว'][i % 3]}{['สมชาย', 'วิไล', 'อรุณ', 'ชไมพร'][i % 4]} ทดสอบ{i}",
                "province": ["ลำปาง", "น่าน", "เชียงใหม่"][i % 3],
                "role": roles[i % 4],
                "phone": f"08{i % 10}{i:07d}" if i % 5 else None,
                "national_id": _national_id(f"3{i:011d}") if i % 7 == 0 else None,
            },
            ensure_ascii=False,
        )
        for i in range(520)
    ]
    roster = tmp_path / "more.ndjson"
    roster.write_text("\n".join(lines), encoding="utf-8")
    ok(cli("member", "add", "--from", str(roster)))
    if columns:
        monkeypatch.setenv("COLUMNS", columns)
    else:
        monkeypatch.delenv("COLUMNS", raising=False)
    cases = [
        ([], MemberFilter(), None),
        (["--removed"], MemberFilter(include_removed=True), None),
        (["--search", "สมชาย"], MemberFilter(search="สมชาย"), None),
        (["--limit", "20"], MemberFilter(), 20),
    ]
    for args, f, limit in cases:
        for show in (False, True):
            extra = ["--show-national-id"] if show else []
            run = ok(cli("member", "list", *args, *extra))
            assert (run.stdout, run.stderr) == _per_row_table(db_path, f, show, limit), (args, show)


def _emitted(fmt: Format, rows: list[Any], binary: bool) -> str:
    """What emit_list writes to a stdout with a UTF-8 byte stream under it, or to a bare
    text stream (as on Windows, where the bytes path is not taken)."""
    if binary:
        raw = io.BytesIO()
        stream: Any = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
    else:
        stream = io.StringIO()
    with redirect_stdout(stream):
        emit_list(rows, fmt, LIST_COLUMNS, fields=PUBLIC_FIELDS)
    if binary:
        stream.flush()
        return raw.getvalue().decode("utf-8")
    return stream.getvalue()


@pytest.mark.parametrize("binary", [True, False], ids=["bytes", "text"])
@pytest.mark.parametrize("count", [0, 1, 999, 1000, 1001, 2500])
def test_batched_output_over_batch_boundaries(binary: bool, count: int) -> None:
    """JSON, NDJSON and CSV go out a thousand rows at a time; rows may be dicts or already
    rendered (str, bytes, cells): the text is that of one row at a time, at any count."""
    import csv
    import json

    members = [
        {k: (i if k == "id" else [f"ค่า {i}", 'มี "อัญประกาศ", จุลภาค'] if k == "networks" else f"{k} {i}\n")
        for k in PUBLIC_FIELDS}
        for i in range(count)
    ]  # fmt: skip
    texts = [json.dumps(m, ensure_ascii=False) for m in members]
    mixed = [
        (m, t, t.encode("utf-8"))[i % 3]
        for i, (m, t) in enumerate(zip(members, texts, strict=True))
    ]
    assert _emitted(Format.json, mixed, binary) == (
        "[\n" + ",\n".join(texts) + "\n]\n" if count else "[]\n"
    )
    assert _emitted(Format.ndjson, mixed, binary) == "".join(t + "\n" for t in texts)
    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\n")
    writer.writerow(PUBLIC_FIELDS)
    cells = [[", ".join(v) if isinstance(v, list) else str(v) for v in m.values()] for m in members]
    for row in cells:
        writer.writerow(row)

    def line(row: list[str]) -> str:  # a row already written: its CSV line, no newline
        one = io.StringIO()
        csv.writer(one, lineterminator="\n").writerow(row)
        return one.getvalue()[:-1]

    mixed_cells = [
        (m, tuple(c), line(c))[i % 3] for i, (c, m) in enumerate(zip(cells, members, strict=True))
    ]
    assert _emitted(Format.csv, mixed_cells, binary) == expected.getvalue()


def _csv_of(conn: sqlite3.Connection, f: MemberFilter, shape: str) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        emit_list(
            list_members_rendered(conn, f, shape), Format.csv, LIST_COLUMNS, fields=PUBLIC_FIELDS
        )
    return out.getvalue()


@pytest.mark.parametrize("show", [False, True], ids=["masked", "shown"])
def test_csv_lines_leave_what_printf_or_quoting_would_change_to_python(
    cli: Any, db_path: Path, built: dict[str, int], show: bool
) -> None:
    """SQLite joins a member's cells into the CSV line only where nothing needs quoting and
    printf loses nothing: a NUL (where printf stops a text), a carriage return (quoted by the
    csv module of some Pythons and not of others), a comma in a list are the csv module's."""
    nul, cr, comma = (_add(cli, f"นายทดสอบ อักขระ{i}", "--province", "ลำปาง") for i in range(3))
    conn = db.connect(db_path)
    with db.write(conn, "test"):
        conn.execute("UPDATE members SET notes = ? WHERE id = ?", ("ก่อน\x00หลัง, ท้าย", nul))
        conn.execute("UPDATE members SET role = ? WHERE id = ?", ("ประธาน\rรอง", cr))
        conn.execute(
            "UPDATE members SET issue_areas = ? WHERE id = ?", ('["เด็ก", "ผู้สูงอายุ"]', comma)
        )
    f = MemberFilter(include_removed=True)
    for args in ([], ["--removed"], ["--limit", "3"]):
        extra = ["--show-national-id"] if show else []
        got = ok(cli("member", "list", *args, *extra, "-f", "csv")).stdout
        wanted = _per_row(
            db_path, Format.csv, MemberFilter(include_removed="--removed" in args), show,
            3 if "--limit" in args else None,
        )  # fmt: skip
        assert got == wanted, args
    rows = {
        (r[0] if isinstance(r, tuple) else r["id"] if isinstance(r, dict) else int(r.split(",")[0])): r
        for r in list_members_rendered(conn, f, "csv", show_national_id=show)
    }  # fmt: skip
    assert all(isinstance(rows[mid], tuple) for mid in (nul, cr, comma))
    assert isinstance(rows[built["plain"]], str)
    assert _csv_of(conn, f, "csv") == _csv_of(conn, f, "cells")
    # A network name with a NUL (no netcli command writes one): every member as cells.
    with db.write(conn, "test"):
        conn.execute(
            "UPDATE networks SET name = ? WHERE name = 'Alpha network'", ("Alpha\x00network",)
        )
    rows_now = list(list_members_rendered(conn, f, "csv", show_national_id=show))
    assert not any(isinstance(r, str) for r in rows_now)
    assert _csv_of(conn, f, "csv") == _csv_of(conn, f, "cells")
    conn.close()
    assert ok(cli("member", "list", "--removed", "-f", "csv")).stdout == _per_row(
        db_path, Format.csv, f, False, None
    )
