"""member distinct A B [--undo]: two members are different people (issue 14).

The pair leaves `member duplicates` (every format) and import's warnings; the mark is a
record that travels with `merge` and bundles.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import assert_clean_error


def ok(run: Any) -> Any:
    assert run.exit_code == 0, (run.exit_code, run.stdout, run.stderr)
    return run


PHONE = "0812345678"


def relatives(cli: Any, db: Path) -> tuple[int, int]:
    """Two relatives on one village phone with near names: a duplicate candidate pair."""
    ids = []
    for name in ("นายสมชาย ใจดี", "นายสมชาติ ใจดี"):
        ids.append(
            ok(
                cli(
                    "member",
                    "add",
                    name,
                    "--phone",
                    PHONE,
                    "--province",
                    "เชียงใหม่",
                    "--district",
                    "สันทราย",
                    "--subdistrict",
                    "ป่าไผ่",
                    "--allow-duplicate",
                    "-f",
                    "json",
                    db=db,
                )  # fmt: skip
            ).json()["id"]
        )
    return ids[0], ids[1]


def pairs(cli: Any, db: Path) -> set[tuple[int, int]]:
    return {
        (p["id_a"], p["id_b"]) for p in ok(cli("member", "duplicates", "-f", "json", db=db)).json()
    }


def test_distinct_hides_the_pair_and_undo_brings_it_back(cli: Any, tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    a, b = relatives(cli, db)
    assert (a, b) in pairs(cli, db)
    out = ok(cli("member", "distinct", str(b), str(a), "-f", "json", db=db)).json()
    assert out["status"] == "marked" and {out["id_a"], out["id_b"]} == {a, b}
    assert pairs(cli, db) == set()
    for fmt in ("csv", "ndjson", "table"):
        text = ok(cli("member", "duplicates", "-f", fmt, db=db)).stdout
        assert "สมชาติ" not in text, fmt
    again = ok(cli("member", "distinct", str(a), str(b), "-f", "json", db=db)).json()
    assert again["status"] == "already"
    ok(cli("member", "distinct", str(a), str(b), "--undo", db=db))
    assert (a, b) in pairs(cli, db)
    run = cli("member", "distinct", str(a), str(b), "--undo", db=db)
    assert_clean_error(run)
    assert_clean_error(cli("member", "distinct", str(a), str(a), db=db))
    assert_clean_error(cli("member", "distinct", str(a), "999", db=db))


def test_the_mark_travels_with_merge_and_bundles(cli: Any, tmp_path: Path) -> None:
    a_db, b_db, c_db = tmp_path / "A.db", tmp_path / "B.db", tmp_path / "C.db"
    a, b = relatives(cli, a_db)
    ok(cli("db", "backup", str(b_db), db=a_db))
    ok(cli("db", "backup", str(c_db), db=a_db))
    ok(cli("member", "distinct", str(a), str(b), db=a_db))
    assert (a, b) in pairs(cli, b_db)
    ok(cli("merge", str(a_db), db=b_db))
    assert pairs(cli, b_db) == set()
    # A bundle carries it too.
    bundle = tmp_path / "a.netcli"
    ok(cli("export", "bundle", "-o", str(bundle), db=a_db))
    ok(cli("merge", str(bundle), db=c_db))
    assert pairs(cli, c_db) == set()
    # Undo on B travels back to A.
    ok(cli("member", "distinct", str(a), str(b), "--undo", db=b_db))
    ok(cli("merge", str(b_db), db=a_db))
    assert (a, b) in pairs(cli, a_db)


def test_a_second_laptop_with_other_ids_gets_the_pair(cli: Any, tmp_path: Path) -> None:
    """Members whose ids differ on the second laptop: the mark follows the uids."""
    a_db, b_db = tmp_path / "A.db", tmp_path / "B.db"
    ok(cli("member", "add", "นางบัวผัน ทองดี", db=b_db))  # shifts B's ids
    a, b = relatives(cli, a_db)
    ok(cli("member", "distinct", str(a), str(b), db=a_db))
    ok(cli("merge", str(a_db), db=b_db))
    assert pairs(cli, b_db) == set()
    names = {m["full_name"] for m in ok(cli("member", "list", "-f", "json", db=b_db)).json()}
    assert {"นายสมชาย ใจดี", "นายสมชาติ ใจดี"} <= names


def test_import_does_not_warn_about_a_distinct_pair(cli: Any, tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    from openpyxl import Workbook

    a, b = relatives(cli, db)
    wb = Workbook()
    ws = wb.active
    ws.append(["ชื่อ-สกุล", "เบอร์โทรศัพท์", "จังหวัด"])
    ws.append(["นายสมชาติ ใจดี", PHONE, "เชียงใหม่"])
    roster = tmp_path / "r.xlsx"
    wb.save(roster)
    before = ok(cli("import", str(roster), "-f", "json", db=db)).json()
    assert any("สมชาย" in w["message"] for w in before["warnings"]), before["warnings"]
    ok(cli("member", "distinct", str(a), str(b), db=db))
    after = ok(cli("import", str(roster), "-f", "json", db=db)).json()
    assert not any("สมชาย" in w["message"] for w in after["warnings"]), after["warnings"]


def test_a_doubled_tone_mark_look_alike_is_a_duplicate_candidate(cli: Any, tmp_path: Path) -> None:
    """ "ใจดี่่" (a doubled tone mark) beside "ใจดี": listed, not silently a new person."""
    db = tmp_path / "a.db"
    ids = [
        ok(cli("member", "add", name, "--province", "เชียงใหม่", "-f", "json", db=db)).json()["id"]
        for name in ("นางสมศรี ใจดี", "นางสมศรี ใจดี่่")
    ]
    ok(cli("member", "add", "นางสมศรี ใจดี", "--province", "ลำปาง", db=db))  # another province
    found = ok(cli("member", "duplicates", "-f", "json", db=db)).json()
    pairs = {(p["id_a"], p["id_b"]): p for p in found}
    assert set(pairs) == {tuple(ids)}
    assert pairs[tuple(ids)]["reasons"] == ["look_alike"]
    ok(cli("member", "distinct", str(ids[0]), str(ids[1]), db=db))
    assert ok(cli("member", "duplicates", "-f", "json", db=db)).json() == []


def test_look_alike_key_drops_only_tone_marks() -> None:
    from netcli.thai.names import name_key
    from netcli.thai.text import look_alike_key

    assert look_alike_key(name_key("สมศรี", "ใจดี่่")) == look_alike_key(name_key("สมศรี", "ใจดี"))
    assert look_alike_key(name_key("สมศรี", "ใจดี")) != look_alike_key(name_key("สมศรี", "ใจดำ"))


def test_a_distinct_pair_is_not_merged_and_only_live_members_are_marked(
    cli: Any, tmp_path: Path
) -> None:
    """Found by review: `member merge` folded a pair marked distinct (leaving a member paired
    with itself), and removed or folded members could be marked."""
    db = tmp_path / "a.db"
    a, b = relatives(cli, db)
    ok(cli("member", "distinct", str(a), str(b), db=db))
    refused = cli("member", "merge", str(a), str(b), db=db)
    assert_clean_error(refused)
    assert "--undo" in refused.stderr
    assert len(ok(cli("member", "list", "-f", "json", db=db)).json()) == 2
    ok(cli("member", "distinct", str(a), str(b), "--undo", db=db))
    ok(cli("member", "merge", str(a), str(b), db=db))
    assert_clean_error(cli("member", "distinct", str(a), str(b), db=db))
