"""Two laptops whose changes meet (issue 14): a removal against an edit, in both
directions, is a conflict; opposite member merges leave one live record of the person on
both; an edit to a member folded on the other laptop reaches the kept record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import assert_clean_error


def ok(run: Any) -> Any:
    assert run.exit_code == 0, (run.exit_code, run.stdout, run.stderr)
    return run


def two_laptops(cli: Any, tmp_path: Path) -> tuple[Path, Path, int, int]:
    a, b = tmp_path / "A.db", tmp_path / "B.db"
    ids = []
    for name, phone in (("นายประกิจ เสาร์แก้ว", "0812345678"), ("นายประกิด เสาแก้ว", None)):
        opts = ["--province", "เชียงใหม่"] + (["--phone", phone] if phone else [])
        ids.append(
            ok(cli("member", "add", name, *opts, "--allow-duplicate", "-f", "json", db=a)).json()[
                "id"
            ]
        )
    m = ok(
        cli("meeting", "log", "เวทีเครือข่าย", "--date", "13 มิถุนายน 2562", "-f", "json", db=a)
    ).json()["id"]
    ok(cli("meeting", "attend", str(m), str(ids[1]), db=a))
    ok(cli("db", "backup", str(b), db=a))
    return a, b, ids[0], ids[1]


def live(cli: Any, db: Path) -> list[dict[str, Any]]:
    return ok(cli("member", "list", "-f", "json", db=db)).json()


def conflicts(cli: Any, db: Path) -> list[dict[str, Any]]:
    return ok(cli("conflicts", "-f", "json", db=db)).json()


@pytest.mark.parametrize("direction", ["removed-here", "removed-there"])
def test_removal_against_edit_is_a_conflict(
    cli: Any, tmp_path: Path, direction: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, one, _ = two_laptops(cli, tmp_path)
    remover, editor = (a, b) if direction == "removed-here" else (b, a)
    monkeypatch.setenv("NETCLI_USER", "remover")
    ok(cli("member", "remove", str(one), db=remover))
    monkeypatch.setenv("NETCLI_USER", "editor")
    ok(cli("member", "edit", str(one), "--role", "ประธานเครือข่าย", db=editor))
    report = ok(cli("merge", str(b), "-f", "json", db=a)).json()
    found = [c for c in report["conflicts"] if c["field"] == "deleted_at"]
    assert len(found) == 1, report
    listed = [c for c in conflicts(cli, a) if c["field"] == "deleted_at"]
    assert len(listed) == 1
    c = listed[0]
    here_by, there_by = (
        ("remover", "editor") if direction == "removed-here" else ("editor", "remover")
    )
    assert (c["mine_by"], c["theirs_by"]) == (here_by, there_by)
    assert c["mine_at"] and c["theirs_at"]
    # The table names both sides.
    table = ok(cli("conflicts", db=a)).stdout
    assert "ลบแล้ว" in table and "แก้ไข" in table
    # Nothing decided for anyone yet: this side's state stays.
    names = {m["id"] for m in live(cli, a)}
    assert (one in names) == (direction == "removed-there")
    # theirs: the other side's state.
    ok(cli("conflicts", "--resolve", str(c["id"]), "--take", "theirs", db=a))
    back = {m["id"]: m for m in live(cli, a)}
    if direction == "removed-here":
        assert back[one]["role"] == "ประธานเครือข่าย"  # back, with the edit
    else:
        assert one not in back
    assert conflicts(cli, a) == []


def test_removal_against_edit_taking_mine(cli: Any, tmp_path: Path) -> None:
    a, b, one, _ = two_laptops(cli, tmp_path)
    ok(cli("member", "remove", str(one), db=a))
    ok(cli("member", "edit", str(one), "--role", "ประธานเครือข่าย", db=b))
    ok(cli("merge", str(b), db=a))
    (c,) = conflicts(cli, a)
    ok(cli("conflicts", "--resolve", str(c["id"]), "--take", "mine", db=a))
    assert one not in {m["id"] for m in live(cli, a)}


def test_merging_the_same_file_again_leaves_an_open_removal_conflict_open(
    cli: Any, tmp_path: Path
) -> None:
    """Found by review: the second merge took the removal (its entry was shared history by
    then) while the conflict was still open, and `--take mine` afterwards left it removed."""
    a, b, one, _ = two_laptops(cli, tmp_path)
    ok(cli("member", "edit", str(one), "--phone", "0822222222", db=a))
    ok(cli("member", "remove", str(one), "--yes", db=b))
    ok(cli("merge", str(b), db=a))
    again = ok(cli("merge", str(b), "-f", "json", db=a)).json()
    assert again["total"]["updated"] == 0, again
    assert one in {m["id"] for m in live(cli, a)}
    (c,) = [c for c in conflicts(cli, a) if c["field"] == "deleted_at"]
    ok(cli("conflicts", "--resolve", str(c["id"]), "--take", "mine", db=a))
    ok(cli("merge", str(b), db=a))
    assert one in {m["id"] for m in live(cli, a)}  # kept, as decided here


def test_removal_alone_still_travels(cli: Any, tmp_path: Path) -> None:
    a, b, one, _ = two_laptops(cli, tmp_path)
    ok(cli("member", "remove", str(one), db=b))
    report = ok(cli("merge", str(b), "-f", "json", db=a)).json()
    assert report["conflicts"] == []
    assert one not in {m["id"] for m in live(cli, a)}


def person(cli: Any, db: Path, uids: set[str]) -> list[dict[str, Any]]:
    """The live records among ``uids``."""
    return [m for m in live(cli, db) if m["uid"] in uids]


def uids_of(cli: Any, db: Path, *ids: int) -> set[str]:
    return {ok(cli("member", "show", str(i), "-f", "json", db=db)).json()["uid"] for i in ids}


@pytest.mark.parametrize("first", ["A<-B first", "B<-A first"])
def test_opposite_member_merges_leave_one_live_record(cli: Any, tmp_path: Path, first: str) -> None:
    a, b, one, two = two_laptops(cli, tmp_path)
    uids = uids_of(cli, a, one, two)
    ok(cli("member", "merge", str(one), str(two), db=a))
    ok(cli("member", "merge", str(two), str(one), db=b))
    order = [(a, b), (b, a)] if first == "A<-B first" else [(b, a), (a, b)]
    for here, there in order:
        ok(cli("merge", str(there), db=here))
        assert len(person(cli, here, uids)) == 1, here
    (on_a,) = person(cli, a, uids)
    (on_b,) = person(cli, b, uids)
    assert on_a["uid"] == on_b["uid"] == min(uids)
    # The attendance survived on both, on the kept record; summaries count the person.
    for db, kept in ((a, on_a), (b, on_b)):
        meeting = ok(cli("meeting", "show", "1", "-f", "json", db=db)).json()
        assert [x["id"] for x in meeting["attendance"]] == [kept["id"]], meeting["attendance"]
        assert ok(cli("summary", "-f", "json", db=db)).json()["total"]["members"] == 1
    # And a further exchange changes nothing.
    again = ok(cli("merge", str(b), "-f", "json", db=a)).json()
    assert not again["changed"], again


@pytest.mark.parametrize("direction", ["folded-here", "folded-there"])
def test_an_edit_to_a_folded_member_reaches_the_kept_record(
    cli: Any, tmp_path: Path, direction: str
) -> None:
    a, b, one, two = two_laptops(cli, tmp_path)
    folder, editor = (a, b) if direction == "folded-here" else (b, a)
    uids = uids_of(cli, a, one, two)
    ok(cli("member", "merge", str(one), str(two), db=folder))
    # From before the fold: #2 gets a role (#1 has none) and a phone (#1 has another).
    ok(cli("member", "edit", str(two), "--role", "เลขานุการ", "--phone", "0899999999", db=editor))
    ok(cli("merge", str(b), db=a))
    ok(cli("merge", str(a), db=b))
    for db in (a, b):
        records = person(cli, db, uids)
        assert [m["id"] for m in records] == [one], db
        assert records[0]["role"] == "เลขานุการ"  # landed on the kept record
        (c,) = [c for c in conflicts(cli, db) if c["field"] == "phone"]
        assert c["uid"] == records[0]["uid"] and "0899999999" in (c["mine"], c["theirs"])


@pytest.mark.parametrize("direction", ["folded-here", "folded-there"])
def test_conflict_labels_on_a_folded_member_name_each_laptop_own_value(
    cli: Any, tmp_path: Path, direction: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by review: where the fold happened on the other laptop, "mine" was the kept
    record's value and "theirs" this laptop's own edit (with this laptop's user as "theirs").
    On every laptop "mine" is its own value, the one the record keeps until --take theirs."""
    a, b, one, two = two_laptops(cli, tmp_path)
    folder, editor = (a, b) if direction == "folded-here" else (b, a)
    monkeypatch.setenv("NETCLI_USER", "folder")
    ok(cli("member", "merge", str(one), str(two), db=folder))
    monkeypatch.setenv("NETCLI_USER", "editor")
    ok(cli("member", "edit", str(two), "--phone", "0899999999", db=editor))
    monkeypatch.setenv("NETCLI_USER", "merger")
    ok(cli("merge", str(b), db=a))
    ok(cli("merge", str(a), db=b))
    own = {editor: "0899999999", folder: "0812345678"}
    other = {editor: "0812345678", folder: "0899999999"}
    for db in (a, b):
        (record,) = [m for m in live(cli, db) if m["id"] == one]
        (c,) = [c for c in conflicts(cli, db) if c["field"] == "phone"]
        assert (c["mine"], c["theirs"]) == (own[db], other[db]), (db, c)
        assert record["phone"] == c["mine"], db  # the record keeps this laptop's value
        edit_side = "mine_by" if db == editor else "theirs_by"
        assert c[edit_side] == "editor", (db, c)
        ok(cli("conflicts", "--resolve", str(c["id"]), "--take", "theirs", db=db))
        (record,) = [m for m in live(cli, db) if m["id"] == one]
        assert record["phone"] == other[db], db


# --- an undone fold, and a distinct mark, against a laptop that still has the fold ------


def folded_then_copied(cli: Any, tmp_path: Path) -> tuple[Path, Path, int, int]:
    """A folds #2 (a role, an attendance) into #1, then B is made as a copy of A."""
    a, b = tmp_path / "A.db", tmp_path / "B.db"
    one = ok(
        cli("member", "add", "นายประกิจ เสาร์แก้ว", "--province", "เชียงใหม่",
            "--phone", "0812345678", "-f", "json", db=a)
    ).json()["id"]  # fmt: skip
    two = ok(
        cli("member", "add", "นายประกิด เสาแก้ว", "--province", "เชียงใหม่",
            "--role", "เลขานุการ", "--allow-duplicate", "-f", "json", db=a)
    ).json()["id"]  # fmt: skip
    m = ok(
        cli("meeting", "log", "เวทีเครือข่าย", "--date", "13 มิถุนายน 2562", "-f", "json", db=a)
    ).json()["id"]
    ok(cli("meeting", "attend", str(m), str(two), db=a))
    ok(cli("member", "merge", str(one), str(two), "--take", "role=other", db=a))
    ok(cli("db", "backup", str(b), db=a))
    return a, b, one, two


def assert_two_people(cli: Any, db: Path, one: int, two: int) -> None:
    records = {m["id"]: m for m in live(cli, db)}
    assert set(records) == {one, two}, db
    assert records[one]["role"] is None and records[two]["role"] == "เลขานุการ", db
    meeting = ok(cli("meeting", "show", "1", "-f", "json", db=db)).json()
    assert [x["id"] for x in meeting["attendance"]] == [two], db
    assert ok(cli("member", "duplicates", "-f", "json", db=db)).json() == [], db
    assert_clean_error(cli("member", "merge", str(one), str(two), db=db))  # marked distinct


@pytest.mark.parametrize("first", ["A<-B first", "B<-A first"])
def test_an_unmerge_and_a_distinct_mark_survive_a_merge(
    cli: Any, tmp_path: Path, first: str
) -> None:
    """Found by review: B unmerged a fold both laptops had and marked the pair distinct;
    merging with A (which still had the fold) folded them again on both (or refused)."""
    a, b, one, two = folded_then_copied(cli, tmp_path)
    ok(cli("member", "unmerge", str(one), db=b))
    ok(cli("member", "distinct", str(one), str(two), db=b))
    order = [(a, b), (b, a)] if first == "A<-B first" else [(b, a), (a, b)]
    reports = [ok(cli("merge", str(there), "-f", "json", db=here)).json() for here, there in order]
    hows = {f["how"] for r in reports for f in r["folds"]}
    assert "undone there" in hows, reports  # A undid its fold as B did
    for db in (a, b):
        assert_two_people(cli, db, one, two)
    # A's member merge counts as undone: nothing left to unmerge there.
    assert_clean_error(cli("member", "unmerge", str(one), db=a))
    for here, there in ((a, b), (b, a)):
        again = ok(cli("merge", str(there), "-f", "json", db=here)).json()
        assert not again["changed"], again


def test_an_unmerge_alone_travels(cli: Any, tmp_path: Path) -> None:
    a, b, one, two = folded_then_copied(cli, tmp_path)
    ok(cli("member", "unmerge", str(one), db=b))
    ok(cli("merge", str(a), db=b))
    ok(cli("merge", str(b), db=a))
    for db in (a, b):
        assert {m["id"] for m in live(cli, db)} == {one, two}, db
        meeting = ok(cli("meeting", "show", "1", "-f", "json", db=db)).json()
        assert [x["id"] for x in meeting["attendance"]] == [two], db


@pytest.mark.parametrize("first", ["A<-B first", "B<-A first"])
def test_a_distinct_mark_beats_a_fold_made_meanwhile(cli: Any, tmp_path: Path, first: str) -> None:
    """A folds #2 into #1 while B marks them different people: the mark wins on both."""
    a, b, one, two = two_laptops(cli, tmp_path)
    ok(cli("member", "edit", str(two), "--role", "เลขานุการ", db=a))
    ok(cli("member", "merge", str(one), str(two), "--take", "role=other", db=a))
    ok(cli("member", "distinct", str(one), str(two), db=b))
    order = [(a, b), (b, a)] if first == "A<-B first" else [(b, a), (a, b)]
    for here, there in order:
        report = ok(cli("merge", str(there), "-f", "json", db=here)).json()
        assert report["skipped"] == [], report
    for db in (a, b):
        assert_two_people(cli, db, one, two)


def test_a_fold_that_cannot_be_undone_keeps_the_mark_out(cli: Any, tmp_path: Path) -> None:
    """Edited since the fold, A cannot undo it: the mark is skipped with the reason on A
    (never a member paired with itself), and B keeps both people."""
    a, b, one, two = two_laptops(cli, tmp_path)
    ok(cli("member", "edit", str(two), "--role", "เลขานุการ", db=a))
    ok(cli("member", "merge", str(one), str(two), "--take", "role=other", db=a))
    ok(cli("member", "edit", str(one), "--role", "ประธาน", db=a))
    ok(cli("member", "distinct", str(one), str(two), db=b))
    report = ok(cli("merge", str(b), "-f", "json", db=a)).json()
    assert [s["table"] for s in report["skipped"]] == ["member_distinct"], report
    assert "member unmerge" in report["skipped"][0]["reason"]
    assert [m["id"] for m in live(cli, a)] == [one]
    ok(cli("merge", str(a), db=b))
    assert {m["id"] for m in live(cli, b)} == {one, two}
    assert ok(cli("member", "duplicates", "-f", "json", db=b)).json() == []


def test_a_row_the_fold_dropped_comes_back_with_the_undo(cli: Any, tmp_path: Path) -> None:
    """Both attended the same day: the fold dropped #2's row; B's unmerge brings it back,
    and so does the merge on A."""
    a, b = tmp_path / "A.db", tmp_path / "B.db"
    one, two = (
        ok(cli("member", "add", name, "--allow-duplicate", "-f", "json", db=a)).json()["id"]
        for name in ("นายประกิจ เสาร์แก้ว", "นายประกิด เสาแก้ว")
    )
    m = ok(cli("meeting", "log", "เวที", "--date", "13 มิถุนายน 2562", "-f", "json", db=a)).json()
    ok(cli("meeting", "attend", str(m["id"]), str(one), str(two), db=a))
    ok(cli("member", "merge", str(one), str(two), db=a))
    ok(cli("db", "backup", str(b), db=a))
    ok(cli("member", "unmerge", str(one), db=b))
    ok(cli("merge", str(b), db=a))
    for db in (a, b):
        meeting = ok(cli("meeting", "show", str(m["id"]), "-f", "json", db=db)).json()
        assert sorted(x["id"] for x in meeting["attendance"]) == [one, two], db
