"""The change log: triggers built from the schema, the compact entries, the one transaction rule."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from netcli.people import members
from netcli.resources import resource_dir
from netcli.store import changelog
from netcli.store.db import OutsideWrite, connect, write
from netcli.store.migrations import load_migrations, migrate

from .conftest import older_netcli_db


def _log(conn: sqlite3.Connection, table: str = "members") -> list[dict]:
    return [
        dict(r)
        for r in conn.execute(
            "SELECT op, actor, command, batch_id, row_id, row_uid, before, after FROM change_log"
            " WHERE table_name = ? ORDER BY id",
            (table,),
        )
    ]


def _add(conn: sqlite3.Connection, name: str = "นายประกิจ เสาร์แก้ว", **fields: str) -> int:
    prepared = members.prepare({"name": name, "province": "เชียงใหม่", **fields})
    with write(conn, "test add"):
        return members.add(conn, prepared, allow_duplicate=True)


def test_every_table_is_in_the_one_registry(db_path: Path) -> None:
    conn = connect(db_path)
    tables = {
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    known = {*changelog.LOGGED_TABLES, *changelog.LOCAL_TABLES, *changelog.INTERNAL_TABLES}
    assert tables <= known, f"add {sorted(tables - known)} to netcli/store/changelog.py"
    assert set(changelog.LOGGED_TABLES) <= tables
    for table in changelog.LOGGED_TABLES:
        cols = changelog.table_columns(conn, table)
        assert "id" in cols and "uid" in cols, table


def test_the_shipped_schema_and_its_triggers_agree(db_path: Path) -> None:
    conn = connect(db_path)
    assert changelog.drift(conn) == []
    assert changelog.up_to_date(conn)


def test_a_column_added_without_regenerating_is_caught(db_path: Path) -> None:
    """A raw ALTER (not through the migrations) leaves the triggers behind: the check sees it."""
    conn = connect(db_path)
    conn.execute("ALTER TABLE members ADD COLUMN nickname TEXT")
    assert changelog.drift(conn) == ["members_log_delete", "members_log_update"]
    assert not changelog.up_to_date(conn)
    mid = _add(conn)
    with write(conn, "test edit"):
        conn.execute("UPDATE members SET nickname = 'กิจ' WHERE id = ?", (mid,))
    # The stale triggers do not know the column: the change left no trace.
    assert [e["op"] for e in _log(conn)] == ["insert"]
    conn.close()
    # The next open rebuilds them, and the column is history from then on.
    conn = connect(db_path)
    assert changelog.drift(conn) == []
    with write(conn, "test edit"):
        conn.execute("UPDATE members SET nickname = 'ประกิจ' WHERE id = ?", (mid,))
    last = _log(conn)[-1]
    assert last["op"] == "update"
    assert json.loads(last["before"]) == {"nickname": "กิจ"}
    assert json.loads(last["after"]) == {"nickname": "ประกิจ"}


def test_a_migration_that_adds_a_column_gets_it_logged(tmp_path: Path, db_path: Path) -> None:
    folder = tmp_path / "migrations"
    shutil.copytree(resource_dir("migrations"), folder)
    n = load_migrations()[-1].number + 1
    (folder / f"{n:04d}_nickname.sql").write_text(
        "ALTER TABLE members ADD COLUMN nickname TEXT;\n", encoding="utf-8"
    )
    conn = connect(db_path)
    mid = _add(conn)
    assert migrate(conn, None, load_migrations(folder)) == [f"{n:04d}_nickname"]
    assert changelog.drift(conn) == []
    assert changelog.up_to_date(conn)
    with write(conn, "test edit"):
        conn.execute("UPDATE members SET nickname = 'กิจ', role = 'ประธาน' WHERE id = ?", (mid,))
    with write(conn, "test delete"):
        conn.execute("DELETE FROM members WHERE id = ?", (mid,))
    update, delete = _log(conn)[-2:]
    assert json.loads(update["before"]) == {"nickname": None, "role": None}
    assert json.loads(update["after"]) == {"nickname": "กิจ", "role": "ประธาน"}
    assert json.loads(delete["before"])["nickname"] == "กิจ"


def test_entries_are_compact(db_path: Path) -> None:
    conn = connect(db_path)
    mid = _add(conn)
    row = dict(conn.execute("SELECT * FROM members WHERE id = ?", (mid,)).fetchone())
    # full_name and name_key are computed from the parts (0012): no column to log
    stored = {k: v for k, v in row.items() if k not in ("full_name", "name_key")}
    (born,) = _log(conn)
    # An insert: who, when, which command; no copy of the row (the row is its after-image).
    assert born["op"] == "insert" and born["command"] == "test add" and born["actor"]
    assert born["before"] is None and born["after"] is None and born["row_uid"] is None
    assert born["row_id"] == mid
    with write(conn, "test edit"):
        members.edit(conn, mid, members.prepare({"phone": "0812345678"}, partial=True))
    update = _log(conn)[-1]
    before, after = json.loads(update["before"]), json.loads(update["after"])
    # updated_at is there unless the edit came within the same millisecond as the insert
    assert set(before) == set(after) and {"phone"} <= set(before) <= {"phone", "updated_at"}
    assert before["phone"] is None and after["phone"] == "0812345678"
    assert update["row_uid"] == row["uid"]
    # An UPDATE that changes nothing leaves nothing.
    with write(conn, "test nothing"):
        conn.execute("UPDATE members SET phone = phone WHERE id = ?", (mid,))
    assert len(_log(conn)) == 2
    # A delete keeps the whole row: it is gone.
    with write(conn, "test delete"):
        conn.execute("DELETE FROM members WHERE id = ?", (mid,))
    gone = _log(conn)[-1]
    assert gone["op"] == "delete" and gone["row_uid"] == row["uid"]
    assert json.loads(gone["before"]) == {
        **stored,
        "phone": "0812345678",
        "updated_at": after.get("updated_at", row["updated_at"]),
    }


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO members (first_name, full_name_written, name_key_written) VALUES ('ก', 'นายก', 'ก')",
        "UPDATE members SET role = 'ประธาน'",
        "DELETE FROM members",
        "INSERT INTO networks (name) VALUES ('เครือข่ายลับ')",
    ],
)
def test_a_raw_write_outside_db_write_is_refused(db_path: Path, sql: str) -> None:
    conn = connect(db_path)
    _add(conn)
    snapshot = (
        conn.execute("SELECT * FROM members").fetchall(),
        conn.execute("SELECT count(*) FROM networks").fetchone()[0],
        conn.execute("SELECT count(*) FROM change_log").fetchone()[0],
    )
    with pytest.raises(sqlite3.IntegrityError, match="outside a netcli write transaction"):
        conn.execute(sql)
    # Also on a plain sqlite3 connection (another program) and inside its own transaction.
    other = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.IntegrityError, match="outside a netcli write transaction"):
        other.execute(sql)
    other.rollback()
    other.close()
    after = (
        conn.execute("SELECT * FROM members").fetchall(),
        conn.execute("SELECT count(*) FROM networks").fetchone()[0],
        conn.execute("SELECT count(*) FROM change_log").fetchone()[0],
    )
    assert [tuple(r) for r in after[0]] == [tuple(r) for r in snapshot[0]]
    assert after[1:] == snapshot[1:]
    assert conn.execute("SELECT command FROM _context").fetchone()[0] is None


def test_a_core_write_outside_db_write_raises_and_writes_nothing(db_path: Path) -> None:
    from netcli.importer.undo import undo
    from netcli.people.merge import merge_members
    from netcli.people.privacy import purge

    conn = connect(db_path)
    a = _add(conn)
    b = _add(conn, "นางสมศรี ใจดี")

    def state() -> list[tuple]:
        return [
            tuple(r)
            for t in ("members", "change_log", "member_merges", "member_aliases")
            for r in conn.execute(f"SELECT * FROM {t} ORDER BY rowid")
        ]

    before = state()
    prepared = members.prepare({"name": "นายใหม่ มาทีหลัง", "province": "ลำปาง"})
    for call in (
        lambda: members.add(conn, prepared),
        lambda: members.edit(conn, a, members.prepare({"phone": "0812345678"}, partial=True)),
        lambda: members.remove(conn, a),
        lambda: merge_members(conn, a, b),
        lambda: purge(conn, b),
        lambda: undo(conn, 1),
    ):
        with pytest.raises(OutsideWrite):
            call()
        assert not conn.in_transaction
    assert state() == before
    # Inside db.write the same calls work.
    with write(conn, "test edit"):
        members.edit(conn, a, members.prepare({"phone": "0812345678"}, partial=True))
    assert conn.execute("SELECT phone FROM members WHERE id = ?", (a,)).fetchone()[0]


def test_writes_of_a_migration_are_logged_under_its_name(tmp_path: Path, db_path: Path) -> None:
    folder = tmp_path / "migrations"
    shutil.copytree(resource_dir("migrations"), folder)
    n = load_migrations()[-1].number + 1
    (folder / f"{n:04d}_fix_roles.sql").write_text(
        "UPDATE members SET role = 'สมาชิก' WHERE role IS NULL;\n", encoding="utf-8"
    )
    conn = connect(db_path)
    _add(conn)
    migrate(conn, None, load_migrations(folder))
    last = _log(conn)[-1]
    assert last["op"] == "update" and last["command"] == f"migration {n:04d}_fix_roles"
    assert json.loads(last["after"]) == {"role": "สมาชิก"}
    assert conn.execute("SELECT command FROM _context").fetchone()[0] is None


def test_import_undo_reads_entries_written_before_the_compact_log(
    tmp_path: Path, db_path: Path
) -> None:
    """A batch logged by an older netcli (whole rows in the log) is still undone exactly."""
    from netcli.importer.undo import undo

    conn = older_netcli_db(db_path, 5)
    with write(conn, "member add"):
        conn.execute(
            "INSERT INTO members (first_name, last_name, full_name, name_key, province, phone)"
            " VALUES ('ประกิจ', 'เสาร์แก้ว', 'นายประกิจ เสาร์แก้ว', 'k1', 'เชียงใหม่', NULL)"
        )
    kept = dict(conn.execute("SELECT * FROM members WHERE id = 1").fetchone())
    with write(conn, "import"):
        batch = conn.execute(
            "INSERT INTO imports (path, file_name, sha256) VALUES ('x.csv', 'x.csv', 'abc')"
        ).lastrowid
        conn.execute("UPDATE _context SET batch_id = ? WHERE id = 1", (batch,))
        conn.execute(
            "UPDATE members SET phone = '0812345678', role = 'ประธาน',"
            " updated_at = '2030-01-01T00:00:00.000Z' WHERE id = 1"
        )
        conn.execute(
            "INSERT INTO members (first_name, full_name, name_key, province)"
            " VALUES ('สมศรี', 'นางสมศรี', 'k2', 'ลำปาง')"
        )
    old = _log(conn)
    assert json.loads(old[1]["after"])["full_name"] == "นายประกิจ เสาร์แก้ว"  # a whole row
    assert old[2]["row_uid"] and json.loads(old[2]["after"])["first_name"] == "สมศรี"
    conn.close()
    conn = connect(db_path)  # migrates to the compact log
    assert changelog.drift(conn) == []
    with write(conn, "import undo"):
        result = undo(conn, batch)
    assert result["members_deleted"] == 1 and result["members_restored"] == 1
    # Every column it had, by name (0012 moved full_name and name_key to the end, computed).
    now = dict(conn.execute("SELECT * FROM members WHERE id = 1").fetchone())
    assert {k: now[k] for k in kept} == kept
    assert conn.execute("SELECT count(*) FROM members").fetchone()[0] == 1
    tomb = conn.execute(
        "SELECT op, before, after, row_uid FROM change_log WHERE table_name = 'members' AND row_id = 2"
    ).fetchall()
    assert [(t[0], t[1], t[2]) for t in tomb] == [("delete", None, None)] and tomb[0][3]


def test_merge_reads_the_old_and_the_compact_entries(tmp_path: Path) -> None:
    """Three-way merge across the change: their edit was logged whole, mine compact."""
    from netcli.store.db import backup
    from netcli.sync.merge import merge_database

    a_path, b_path = tmp_path / "a.db", tmp_path / "b.db"
    conn = older_netcli_db(a_path, 5)
    with write(conn, "member add"):
        conn.execute(
            "INSERT INTO members (first_name, full_name, name_key, province, phone, role)"
            " VALUES ('ประกิจ', 'นายประกิจ', 'k', 'เชียงใหม่', '0811111111', 'กรรมการ')"
        )
    backup(conn, b_path)
    conn.close()
    b = sqlite3.connect(b_path, isolation_level=None)
    with write(b, "member edit"):  # B is still an older netcli's file: a whole-row entry
        b.execute(
            "UPDATE members SET phone = '0822222222', updated_at = '2026-01-02T03:04:05.000Z' WHERE id = 1"
        )
    b.close()
    a = connect(a_path)
    with write(a, "member edit"):  # compact
        members.edit(a, 1, members.prepare({"role": "ประธาน"}, partial=True))
    report = merge_database(a, b_path)
    row = a.execute("SELECT phone, role FROM members WHERE id = 1").fetchone()
    assert (row["phone"], row["role"]) == ("0822222222", "ประธาน")  # theirs, mine: no conflict
    assert report.conflicts == []
    # Both sides changed the phone since: a conflict, whichever form each entry has.
    b = connect(b_path)
    with write(b, "member edit"):
        members.edit(b, 1, members.prepare({"phone": "0833333333"}, partial=True))
    b.close()
    with write(a, "member edit"):
        members.edit(a, 1, members.prepare({"phone": "0844444444"}, partial=True))
    report = merge_database(a, b_path)
    assert [c["field"] for c in report.conflicts] == ["phone"]


def _runs(conn: sqlite3.Connection) -> list[tuple]:
    return [
        tuple(r) for r in conn.execute("SELECT at, actor, command FROM change_runs ORDER BY id")
    ]


def test_a_command_is_written_once_and_each_entry_names_it(db_path: Path) -> None:
    """Migration 0012: who, when and which command live in one run a command."""
    conn = connect(db_path)
    with write(conn, "test two"):
        for name in ("นายประกิจ เสาร์แก้ว", "นางสมศรี ใจดี"):
            members.add(conn, members.prepare({"name": name, "province": "น่าน"}))
    before = _runs(conn)
    assert [r[2] for r in before][-1:] == ["test two"]
    run = conn.execute("SELECT max(id) FROM change_runs").fetchone()[0]
    entries = conn.execute(
        "SELECT e.run_id FROM change_entries e JOIN change_tables t ON t.id = e.table_id"
        " WHERE t.name = 'members' ORDER BY e.id"
    ).fetchall()
    assert [e[0] for e in entries] == [run, run]
    # The view shows each entry with its command's time, actor and command.
    shown = conn.execute(
        "SELECT DISTINCT l.at, l.actor, l.command FROM change_log l WHERE table_name = 'members'"
    ).fetchall()
    assert [tuple(s) for s in shown] == [before[-1]]
    # The entries hold no copy of them, and name their table by number (migration 0012).
    entry_columns = changelog.table_columns(conn, "change_entries")
    assert not {"at", "actor", "command", "table_name"} & set(entry_columns)
    numbered = {r[0] for r in conn.execute("SELECT name FROM change_tables")}
    assert set(changelog.LOGGED_TABLES) <= numbered
    # A command that logs nothing has its run, with no entry.
    with write(conn, "test nothing"):
        conn.execute("UPDATE members SET phone = phone")
    assert [r[2] for r in _runs(conn)] == [*(r[2] for r in before), "test nothing"]
    assert (
        conn.execute(
            "SELECT count(*) FROM change_entries WHERE run_id = (SELECT max(id) FROM change_runs)"
        ).fetchone()[0]
        == 0
    )
    assert conn.execute("SELECT run_id FROM _context").fetchone()[0] is None


def test_writing_through_the_view_joins_the_run_of_its_time(db_path: Path) -> None:
    """netcli's own writers (a merge copying another laptop's history, undo, purge) write
    through ``change_log``: an entry with a time joins the run of that time, actor and
    command, made once; one without joins the command being written."""
    conn = connect(db_path)
    mid = _add(conn)
    with write(conn, "test copy"):
        for _ in range(3):
            conn.execute(
                "INSERT INTO change_log (at, actor, command, table_name, row_id, op)"
                " VALUES ('2026-01-02T03:04:05.006Z', 'อื่น', 'member add', 'members', ?,"
                " 'insert')",
                (mid,),
            )
        conn.execute(
            "INSERT INTO change_log (actor, command, table_name, row_id, row_uid, op)"
            " SELECT actor, command, 'members', ?, 'u', 'purge' FROM _context",
            (mid,),
        )
    runs = _runs(conn)
    assert runs.count(("2026-01-02T03:04:05.006Z", "อื่น", "member add")) == 1
    assert [r[2] for r in runs].count("test copy") == 1
    copied = conn.execute(
        "SELECT at, actor, command FROM change_log WHERE table_name = 'members' ORDER BY id"
    ).fetchall()
    assert [tuple(c) for c in copied][1:4] == [("2026-01-02T03:04:05.006Z", "อื่น", "member add")] * 3
    assert tuple(copied[4])[1:] == (changelog.current_actor(), "test copy")
    # Deleting and editing through the view reach the entries.
    with write(conn, "test scrub"):
        conn.execute("UPDATE change_log SET before = '{}' WHERE op = 'purge'")
        conn.execute("DELETE FROM change_log WHERE actor = 'อื่น'")
    left = conn.execute("SELECT op, before FROM change_entries ORDER BY id").fetchall()
    assert [tuple(r) for r in left] == [("insert", None), ("purge", "{}")]


def test_an_older_log_moves_into_runs_entry_for_entry(db_path: Path) -> None:
    """A file at migration 0011 keeps every entry, with its own time, actor, command and
    batch, when 0012 moves them into runs."""
    conn = connect(db_path, migrate=False)
    migrate(conn, None, load_migrations()[:11])
    assert not changelog.has_runs(conn)
    mid = _add(conn)
    with write(conn, "test edit", batch_id=7):
        members.edit(conn, mid, members.prepare({"phone": "0812345678"}, partial=True))
    with write(conn, "test delete"):
        conn.execute("DELETE FROM members WHERE id = ?", (mid,))
    query = (
        "SELECT id, at, actor, command, batch_id, table_name, row_id, row_uid, op, before, after"
        " FROM change_log ORDER BY id"
    )
    old = [tuple(r) for r in conn.execute(query)]
    assert len(old) == 3 and old[1][4] == 7
    conn.close()
    conn = connect(db_path)  # migrates
    assert changelog.has_runs(conn) and changelog.drift(conn) == []
    assert [tuple(r) for r in conn.execute(query)] == old
    assert len(_runs(conn)) == len({r[1:4] for r in old})
    # and the file goes on logging in the new form
    _add(conn, "นางสมศรี ใจดี")
    assert conn.execute("SELECT command FROM change_log ORDER BY id DESC LIMIT 1").fetchone()[
        0
    ] == ("test add")


def test_entries_written_where_a_command_deleted_the_newest_keep_their_command(
    cli, db_path: Path
) -> None:
    """A purge and an import undo delete the newest entries and write their own under the same
    ids: each entry still names its own command, time and actor, and a later command does
    not take them over (a merge would refuse entries without a time, and miss the purge)."""
    for name in ("นายประกิจ เสาร์แก้ว", "นางสมศรี ใจดี"):
        assert cli("member", "add", name, "-p", "น่าน").exit_code == 0
    assert cli("member", "edit", "2", "--phone", "0812345678").exit_code == 0
    assert cli("member", "remove", "2", "--purge", "--yes").exit_code == 0
    assert cli("member", "add", "นายสมชาย ใจดี", "-p", "น่าน").exit_code == 0
    roster = db_path.parent / "roster.csv"
    roster.write_text("ชื่อ-สกุล,จังหวัด\nนางสาวสุดา ใจงาม,น่าน\nนายก้อง ไพรวัลย์,น่าน\n", encoding="utf-8")
    assert cli("import", str(roster)).exit_code == 0
    assert cli("import", "undo", "1").exit_code == 0
    conn = sqlite3.connect(db_path)
    try:
        log = conn.execute(
            "SELECT at, actor, command, op, table_name, row_id FROM change_log ORDER BY id"
        ).fetchall()
    finally:
        conn.close()
    assert all(at and actor and command for at, actor, command, *_ in log), log
    purged = [r for r in log if r[3] == "purge"]
    assert [(r[2], r[4], r[5]) for r in purged] == [("member remove --purge", "members", 2)]
    undone = [r for r in log if r[3] == "delete" and r[4] == "members"]
    assert undone and {r[2] for r in undone} == {"import undo"}
