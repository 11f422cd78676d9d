"""Migration 0012: a member's full_name and name_key computed by SQLite from the name parts.

The written name and the name key are generated columns; a member whose written name or key
is not what the parts give keeps it in full_name_written / name_key_written. Python's copies
of the two formulas (netcli.thai.names.derived_*, netcli.store.records.*_sql) decide what a
writer stores, so they must be the schema's exactly.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from netcli.people import members
from netcli.store.db import connect, write
from netcli.store.migrations import load_migrations, migrate
from netcli.store.records import full_name_sql, name_key_sql
from netcli.thai.names import PREFIXES, derived_full_name, derived_name_key, format_name, name_key


def ok(run: Any) -> Any:
    assert run.exit_code == 0, (run.exit_code, run.stdout, run.stderr)
    return run


_memory = sqlite3.connect(":memory:")
_memory.execute(
    "CREATE TABLE m (prefix TEXT, first_name TEXT NOT NULL, last_name TEXT,"
    "g INTEGER,"
    f" f TEXT GENERATED ALWAYS AS ({full_name_sql('prefix', 'first_name', 'last_name', 'g')}),"
    f" k TEXT GENERATED ALWAYS AS ({name_key_sql('first_name', 'last_name')}))"
)

_thai = st.text(alphabet=st.sampled_from("กขคงสมชายใจดีนางสาว .-่้"), max_size=12)


@settings(max_examples=300, deadline=None)
@given(
    prefix=st.one_of(st.none(), st.just(""), st.sampled_from(sorted(PREFIXES)), _thai),
    first=_thai,
    last=st.one_of(st.none(), st.just(""), _thai),
    glued=st.booleans(),
)
def test_the_python_formulas_are_the_schemas(
    prefix: str | None, first: str, last: str | None, glued: bool
):
    _memory.execute("DELETE FROM m")
    _memory.execute(
        "INSERT INTO m (prefix, first_name, last_name, g) VALUES (?, ?, ?, ?)",
        (prefix, first, last, int(glued)),
    )
    f, k = _memory.execute("SELECT f, k FROM m").fetchone()
    assert f == derived_full_name(prefix, first, last, glued)
    assert k == derived_name_key(first, last)


def test_the_migration_computes_what_python_writes(db_path: Path) -> None:
    conn = connect(db_path)
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'members'").fetchone()[0]
    squeeze = "".join
    assert squeeze(
        full_name_sql("prefix", "first_name", "last_name", "name_glued").split()
    ) in squeeze(sql.split())
    assert squeeze(name_key_sql("first_name", "last_name").split()) in squeeze(sql.split())


NAMES = [
    "นายประกิจ เสาร์แก้ว",
    "ว่าที่ ร.ต. เกรียงไกร สมคิด",
    "ดร.ชัยวัฒน์ ถิระพันธุ์",
    "นาง สาวคำ ดี",  # glued it would read นางสาว + คำ: a space is kept, so it is written out
    "นายสมชาย ณ.อยุธยา",  # a dot inside the family name: the key drops it
    "พระมหาสมปอง",
    "สมศรี",
]


def test_a_member_reads_back_as_written_and_stores_only_what_the_parts_do_not_give(
    cli: Any, db_path: Path
) -> None:
    for name in NAMES:
        ok(cli("member", "add", name, "-p", "น่าน", "--allow-duplicate"))
    conn = sqlite3.connect(db_path)
    rows = conn.execute(
        "SELECT prefix, first_name, last_name, full_name, name_key, full_name_written,"
        " name_key_written, name_glued FROM members ORDER BY id"
    ).fetchall()
    for name, row in zip(NAMES, rows, strict=True):
        prefix, first, last, full, key, full_written, key_written, glued = row
        assert full == format_name(prefix, first, last)
        assert key == name_key(first, last)
        assert (full_written is None) == (full == derived_full_name(prefix, first, last, glued))
        assert (key_written is None) == (key == derived_name_key(first, last)), name
    # The common cases store neither text: glued (นาย) or spaced (ว่าที่ ร.ต., ดร.).
    assert [r[5:] for r in rows[:3]] == [(None, None, 1), (None, None, 0), (None, None, 0)]
    # "นาง สาวคำ" is written with a space after a prefix that is glued elsewhere: the flag says
    # so, no text needed; the key of ณ.อยุธยา drops the dot: kept.
    assert rows[3][5:] == (None, None, 0) and rows[4][6] == "สมชายณอยุธยา"
    # Search and show read the computed name.
    found = ok(cli("member", "list", "--search", "สาวคำ", "-f", "json")).json()
    assert [m["full_name"] for m in found] == ["นาง สาวคำ ดี"]


def test_an_edit_of_the_parts_changes_the_name_and_its_search(cli: Any, db_path: Path) -> None:
    mid = ok(cli("member", "add", "นายประกิจ เสาร์แก้ว", "-p", "น่าน", "-f", "json")).json()["id"]
    ok(cli("member", "edit", str(mid), "--name", "นางสาวประกาย เสาร์แก้ว"))
    shown = ok(cli("member", "show", str(mid), "-f", "json")).json()
    assert shown["full_name"] == "นางสาวประกาย เสาร์แก้ว"
    assert ok(cli("member", "list", "--search", "ประกาย", "-f", "json")).json()[0]["id"] == mid
    assert ok(cli("member", "list", "--search", "ประกิจ", "-f", "json")).json() == []
    # and an import undo / a remove bring nothing of the old name back
    ok(cli("member", "remove", str(mid)))
    assert ok(cli("member", "list", "--search", "ประกาย", "-f", "json")).json() == []


def test_an_older_file_keeps_every_name_and_key(db_path: Path) -> None:
    """A file at 0011 with names of every kind: after 0012 each reads back the same."""
    conn = connect(db_path, migrate=False)
    migrate(conn, None, load_migrations()[:11])
    with write(conn, "test add"):
        for name in NAMES:
            members.add(
                conn, members.prepare({"name": name, "province": "น่าน"}), allow_duplicate=True
            )
        # and one that no netcli command writes (a hand edit): kept as it is
        conn.execute(
            "INSERT INTO members (first_name, full_name, name_key) VALUES ('ก', 'เขียนเอง', 'คีย์เอง')"
        )
    query = "SELECT id, prefix, first_name, last_name, full_name, name_key FROM members ORDER BY id"
    before = [tuple(r) for r in conn.execute(query)]
    conn.close()
    conn = connect(db_path)
    assert [tuple(r) for r in conn.execute(query)] == before
    written = conn.execute(
        "SELECT count(full_name_written), count(name_key_written) FROM members"
    ).fetchone()
    assert tuple(written) == (1, 2)  # the hand edit; ณ.อยุธยา and the hand edit
    # The search index still finds them by the computed name.
    from netcli.people.search import trigram_query

    found = conn.execute(
        "SELECT count(*) FROM member_search WHERE member_search MATCH ?", (trigram_query("สาวคำ"),)
    ).fetchone()[0]
    assert found == 1
