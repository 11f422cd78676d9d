"""member list --search: the trigram index of migrations 0010/0011, its fallback, and its upkeep.

The index must answer exactly what a scan of the table answers, after every kind of write
(add, edit, import and its undo, member merge and unmerge, merge of another laptop, purge);
a purged person's name must be gone from the index's bytes, not only hidden by a tombstone.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from netcli.people import search
from tests.conftest import assert_clean_error
from tests.test_import_fixtures import write_workbook


def ok(run: Any) -> Any:
    assert run.exit_code == 0, (run.exit_code, run.stdout, run.stderr)
    return run


def _add(cli: Any, name: str, *extra: str, db: Path | None = None) -> int:
    return ok(
        cli("member", "add", name, "--province", "ลำปาง", *extra, "-f", "json", db=db)
    ).json()["id"]


def _found(cli: Any, term: str, db: Path | None = None) -> list[str]:
    return sorted(
        m["full_name"]
        for m in ok(cli("member", "list", "--search", term, "-f", "json", db=db)).json()
    )


def _index_rows(conn: sqlite3.Connection) -> set[tuple[str, int, str, int]]:
    """Everything the index holds: (trigram, row, column, offset); the index keeps no positions
    (detail=none, migration 0011), so column and offset are NULL."""
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, member_search, instance)"
    )
    return set(conn.execute("SELECT term, doc, col, offset FROM temp.vocab"))


def assert_index_in_step(db: Path) -> None:
    """The live index holds exactly what an index built afresh from ``members`` would."""
    conn = sqlite3.connect(db)
    try:
        live = _index_rows(conn)
        fresh = sqlite3.connect(":memory:")
        fresh.execute(
            "CREATE VIRTUAL TABLE member_search USING fts5(full_name, organization, role,"
            " content = '', tokenize = 'trigram', detail = none)"
        )
        fresh.executemany(
            "INSERT INTO member_search (rowid, full_name, organization, role) VALUES (?, ?, ?, ?)",
            conn.execute("SELECT id, full_name, organization, role FROM members"),
        )
        assert live == _index_rows(fresh)
        assert live  # the check compares something
    finally:
        conn.close()


def test_search_finds_substrings_of_names_organizations_and_roles(cli: Any, db_path: Path) -> None:
    _add(cli, "นางสมศรี ใจดี", "--role", "ประธานกลุ่ม")
    _add(cli, "นายสมชาย ศรีสุข", "--org", "กลุ่มออมทรัพย์บ้านดอน")
    _add(cli, "Mr. John Smith")
    _add(cli, "นางสาววิไล ทองดี")
    assert _found(cli, "ศรี") == ["นางสมศรี ใจดี", "นายสมชาย ศรีสุข"]  # inside a Thai word
    assert _found(cli, "สมศรี ใจ") == ["นางสมศรี ใจดี"]  # across the space
    assert _found(cli, "ออมทรัพย์") == ["นายสมชาย ศรีสุข"]  # the organization
    assert _found(cli, "ประธาน") == ["นางสมศรี ใจดี"]  # the role
    assert _found(cli, "JOHN") == ["Mr. John Smith"]  # Latin letters in any case
    assert _found(cli, "ไม่มีใคร") == []
    # Shorter than a trigram: the scan answers.
    assert _found(cli, "ดี") == ["นางสมศรี ใจดี", "นางสาววิไล ทองดี"]
    assert _found(cli, "jo") == ["Mr. John Smith"]
    # Quotes and FTS5 syntax are text, not query operators.
    assert _found(cli, 'ศรี" OR "วิไล') == []
    assert _found(cli, "NOT ศรี") == []


def test_every_trigram_somewhere_is_not_a_match(cli: Any, db_path: Path) -> None:
    """The index knows which rows hold a trigram, not where (detail=none): a row holding every
    trigram of the text, but not the text itself as one substring of one column, is not found."""
    _add(cli, "Mr. Abcx Smith", "--role", "xbcd")  # "abc" in the name, "bcd" in the role
    _add(cli, "นายสมศรี ทองดี", "--org", "กลุ่มดี ใจ")  # every trigram of "ศรี ใจ", apart
    _add(cli, "นางศรี ใจดี")
    assert _found(cli, "abcd") == []
    assert _found(cli, "ศรี ใจ") == ["นางศรี ใจดี"]
    conn = sqlite3.connect(db_path)
    try:  # the index alone names both rows: the check after it is what drops one
        hits = conn.execute(
            "SELECT count(*) FROM member_search WHERE member_search MATCH ?",
            (search.trigram_query("ศรี ใจ"),),
        ).fetchone()[0]
    finally:
        conn.close()
    assert hits == 2
    assert_index_in_step(db_path)


def test_index_and_scan_agree_on_every_substring(cli: Any, db_path: Path) -> None:
    from netcli.people.search import search_clause

    names = ["นางสมศรี ใจดี", "นายสมชาย ศรีสุข", "นางสาวสมหญิง ใจงาม", "ว่าที่ ร.ต.ประกิจ เสาร์แก้ว"]
    for name in names:
        _add(cli, name, "--org", "เครือข่ายสตรี" if "สม" in name else "อบต.ป่าไผ่")
    conn = sqlite3.connect(db_path)
    terms = {n[i : i + k] for n in names for k in (3, 4, 6) for i in range(len(n) - k + 1)}
    for term in sorted(terms):
        clause, params = search_clause(conn, term)
        assert "MATCH" in clause
        by_index = {
            r[0] for r in conn.execute(f"SELECT m.id FROM members m WHERE {clause}", params)
        }
        like = "%" + term + "%"
        by_scan = {
            r[0]
            for r in conn.execute(
                "SELECT id FROM members WHERE full_name LIKE ?1 OR organization LIKE ?1"
                " OR role LIKE ?1 OR (first_name || ' ' || coalesce(last_name, '')) LIKE ?1",
                (like,),
            )
        }
        assert by_index == by_scan, term
    clause, _ = search_clause(conn, "สม")
    assert "MATCH" not in clause and "LIKE" in clause
    conn.close()


def test_index_follows_edit_import_undo_merge_unmerge(
    cli: Any, db_path: Path, tmp_path: Path
) -> None:
    keep = _add(cli, "นางสมศรี ใจดี", "--phone", "0812345678")
    ok(cli("member", "edit", str(keep), "--name", "นางสมศรี ใจงาม", "--role", "เหรัญญิก"))
    assert _found(cli, "ใจดี") == [] and _found(cli, "ใจงาม") == ["นางสมศรี ใจงาม"]
    assert _found(cli, "เหรัญญิก") == ["นางสมศรี ใจงาม"]
    assert_index_in_step(db_path)

    roster = write_workbook(
        tmp_path / "r.xlsx",
        {"S": [["ชื่อ-สกุล", "ตำแหน่ง", "จังหวัด"], ["นายบุญมี คำปัน", "สมาชิก", "น่าน"],
               ["นางสมศรี ใจงาม", "ประธาน", "ลำปาง"]]},
    )  # fmt: skip
    ok(cli("import", str(roster)))
    assert _found(cli, "คำปัน") == ["นายบุญมี คำปัน"]
    assert_index_in_step(db_path)
    batch = max(r["id"] for r in ok(cli("import", "list", "-f", "json")).json())
    ok(cli("import", "undo", str(batch)))
    assert _found(cli, "คำปัน") == []
    assert _found(cli, "เหรัญญิก") == ["นางสมศรี ใจงาม"]  # the role the import changed is back
    assert_index_in_step(db_path)

    other = _add(cli, "นางสมศรี  ใจงาม", "--allow-duplicate", "--org", "กลุ่มแม่บ้าน")
    ok(cli("member", "merge", str(keep), str(other)))
    assert_index_in_step(db_path)
    ok(cli("member", "unmerge", str(keep)))
    assert _found(cli, "แม่บ้าน") == ["นางสมศรี ใจงาม"]
    assert_index_in_step(db_path)
    ok(cli("member", "remove", str(other)))
    assert _found(cli, "แม่บ้าน") == []  # removed members are not listed
    assert_index_in_step(db_path)


def test_index_follows_a_merge_of_another_laptop(cli: Any, tmp_path: Path) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    _add(cli, "นางสมศรี ใจดี", db=a)
    _add(cli, "นายวันเพ็ญ อินทร์แก้ว", db=b)
    ok(cli("merge", str(b), db=a))
    assert _found(cli, "อินทร์แก้ว", db=a) == ["นายวันเพ็ญ อินทร์แก้ว"]
    assert_index_in_step(a)


def test_a_purged_person_leaves_no_trace_in_the_index(cli: Any, db_path: Path) -> None:
    # Letters no one else has: each trigram of the name is then stored whole in the index
    # (no prefix shared with a neighbouring term), so its bytes can be looked for.
    secret = "Qzxjvk Wyfbgh"
    mid = _add(cli, f"นาย{secret}", "--role", "กรรมการ")
    _add(cli, "นางสมศรี ใจดี", "--role", "กรรมการ")
    grams = [g.encode() for g in ("qzx", "zxj", "xjv", "jvk", "wyf", "yfb", "fbg", "bgh")]

    def in_file() -> list[bytes]:
        conn = sqlite3.connect(db_path)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        data = db_path.read_bytes()
        return [g for g in grams if g in data]

    assert in_file() == grams  # the check can see them
    ok(cli("member", "remove", str(mid), "--purge", "--yes"))
    assert _found(cli, "Qzxjvk") == [] and _found(cli, "กรรมการ") == ["นางสมศรี ใจดี"]
    assert in_file() == []
    assert_index_in_step(db_path)


def test_an_older_database_gets_the_index_of_its_members(cli: Any, tmp_path: Path) -> None:
    from tests.conftest import older_netcli_db

    path = tmp_path / "old.db"
    conn = older_netcli_db(path, upto=8)
    conn.execute(
        "INSERT INTO members (prefix, first_name, last_name, full_name, name_key)"
        " VALUES ('นาง', 'สมศรี', 'ใจดี', 'นางสมศรี ใจดี', 'สมศรีใจดี')"
    )
    conn.close()
    assert _found(cli, "สมศรี", db=path) == ["นางสมศรี ใจดี"]
    assert_index_in_step(path)
    assert_clean_error(cli("member", "list", "--search", "x", "-f", "bogus", db=path), 2)


def test_limit_gives_the_first_members_by_id(cli: Any) -> None:
    for name in ("นางสมศรี ใจดี", "นายสมชาย ใจดี", "นางสาวสมหญิง ใจดี"):
        _add(cli, name)
    rows = ok(cli("member", "list", "--search", "ใจดี", "--limit", "2", "-f", "json")).json()
    assert [r["id"] for r in rows] == [1, 2]
    assert_clean_error(cli("member", "list", "--limit", "0"), 2)
