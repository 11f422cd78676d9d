"""Validating a big sheet in a forked helper process gives exactly the one-process import.

``netcli import`` forks a helper for a big sheet (importer/parallel.py): the two processes
share out the chunks of rows to validate, and the main process writes every row in file
order. Here a roster with rejected rows, warnings, people twice in the file, a vertically
merged province, blank rows, a repeated header and a totals row is imported with small chunks
both ways into real databases and compared row by row; then with a helper that fails part-way
(the main process prepares the rest itself).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from netcli.importer import parallel, run
from netcli.importer.rows import RowReader
from netcli.store import db
from tests.test_import_background import _dump, _word

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the helper process is forked on Linux only"
)
PROVINCES = ["เชียงใหม่", "ลำปาง", "น่าน", "ขอนแก่น", "สงขลา"]


def _roster(path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "รายชื่อ"
    ws.append(["รายชื่อผู้เข้าร่วมเวที"])
    header = ["ที่", "ชื่อ - สกุล", "ตำแหน่ง", "ตำบล", "อำเภอ", "จังหวัด", "เบอร์โทร", "อีเมล",
              "วันที่เข้าร่วม"]  # fmt: skip
    ws.append(header)
    rows: list[list[Any]] = []
    for i in range(1, 1400):
        name = f"{'นาย' if i % 3 else 'นางสาว'}คนที่{_word(i)} ทดสอบ"
        phone: Any = f"08{i:08d}" if i % 4 else int(f"8{i:08d}")
        joined: Any = f"{1 + i % 28}/{1 + i % 12}/25{60 + i % 8}" if i % 2 else None
        row = [i, name, "สมาชิก" if i % 2 else "ประธาน", None, None, PROVINCES[i % 5], phone,
               None, joined]  # fmt: skip
        if i % 97 == 0:
            row[1] = ""  # no name: rejected
        elif i % 101 == 0:
            row[5] = "เชียงใม"  # a province typo: rejected with a suggestion
        elif i % 89 == 0:
            row[6] = "12"  # a bad phone
            row[7] = "not-an-email"  # and a bad e-mail: both reported
        elif i % 37 == 0:
            row[1] = f"ผญบ.คนที่{_word(i)} ทดสอบ"  # an unknown title: kept, with a warning
        elif i % 83 == 0:
            row[3], row[4] = "สุเทพ", "อ.เมืองเชียงใหม่"  # a place with a district prefix
            row[5] = "เชียงใหม่"
        elif i > 300 and i % 50 == 0:
            j = i - 249  # someone from further up, again: folded, a role that differs
            row = [i, f"{'นาย' if j % 3 else 'นางสาว'}คนที่{_word(j)} ทดสอบ", "เลขานุการ", None,
                   None, PROVINCES[j % 5], f"08{j:08d}" if j % 4 else int(f"8{j:08d}"),
                   f"p{j}@example.org", None]  # fmt: skip
        elif i % 211 == 0:
            rows.append([None] * len(header))  # a blank row
            rows.append(header)  # the header repeated on a printed page
        rows.append(row)
    rows.append([None, "รวม 1399 คน"])
    for row in rows:
        ws.append(row)
    # A province merged down over a block of rows (its cells below the first are empty).
    first = 3 + 700
    for r in range(first + 1, first + 6):
        ws.cell(row=r, column=6).value = None
    ws.merge_cells(start_row=first, start_column=6, end_row=first + 5, end_column=6)
    wb.save(path)
    return path


def _import(
    path: Path, roster: Path, monkeypatch: pytest.MonkeyPatch, *, helper: bool, wait: bool = True
):
    monkeypatch.setattr(parallel, "ENABLED", helper)
    # Waiting for every chunk given to the helper (not the default: a busy machine could
    # otherwise leave the whole sheet to the main process, and the test would not test).
    monkeypatch.setattr(parallel, "PATIENCE", 1e6 if wait else 1.0)
    monkeypatch.setattr(parallel, "MIN_ROWS", 100)
    monkeypatch.setattr(parallel, "CHUNK", 60)
    conn = db.connect(path)
    try:
        report, results = run.import_files(conn, run.open_all([str(roster)]), run.Options())
    finally:
        conn.close()
    return report, results[0]


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many chunks the main process took from the helper."""
    counts = {"helper": 0, "late": 0}
    result = parallel._Helper.result

    def counting(self: parallel._Helper, number: int, reader: Any, timeout: float) -> Any:
        got = result(self, number, reader, timeout)
        counts["helper"] += got is not None
        counts["late"] += got is None and timeout > 0 and self.alive
        return got

    monkeypatch.setattr(parallel._Helper, "result", counting)
    counts["memos"] = 0
    add_memos = RowReader.add_memos

    def adding(self: RowReader, news: Any) -> None:
        counts["memos"] += sum(len(entries) for _, entries in news)
        add_memos(self, news)

    monkeypatch.setattr(RowReader, "add_memos", adding)
    return counts


def test_the_helper_process_gives_the_one_process_result(tmp_path, monkeypatch, counted) -> None:
    roster = _roster(tmp_path / "roster.xlsx")
    plain_report, plain = _import(tmp_path / "plain.db", roster, monkeypatch, helper=False)
    assert counted["helper"] == 0
    fast_report, fast = _import(tmp_path / "fast.db", roster, monkeypatch, helper=True)

    assert counted["helper"] >= 5  # the path under test was taken
    assert counted["memos"] >= 20  # and the helper's memo entries went to the main process
    assert fast.rejected >= 25 and fast.updated + fast.unchanged >= 15 and fast.skipped >= 2
    assert any(w["message"].startswith("ซ้ำกับแถว") for w in fast_report["warnings"])
    titles = [w["row"] for w in fast_report["warnings"] if "ผญบ." in w["message"]]
    assert len(titles) >= 30 and max(titles) > 1300  # prepare's warnings, from every chunk
    assert fast_report == plain_report  # counts, errors and every warning, in the same order
    assert [r.__dict__ for r in fast.rejected_rows] == [r.__dict__ for r in plain.rejected_rows]
    assert _dump(tmp_path / "fast.db") == _dump(tmp_path / "plain.db")


def test_a_failing_helper_leaves_the_work_to_the_main_process(
    tmp_path, monkeypatch, counted
) -> None:
    roster = _roster(tmp_path / "roster.xlsx")
    plain_report, _ = _import(tmp_path / "plain.db", roster, monkeypatch, helper=False)
    parent = os.getpid()
    prepare_chunk = parallel._prepare_chunk
    done: list[int] = []

    def failing(reader: Any, chunk: Any) -> Any:
        if os.getpid() != parent:  # in the helper: two chunks, then a crash
            done.append(1)
            if len(done) > 2:
                raise RuntimeError("the helper broke")
        return prepare_chunk(reader, chunk)

    monkeypatch.setattr(parallel, "_prepare_chunk", failing)
    report, _ = _import(tmp_path / "fast.db", roster, monkeypatch, helper=True)
    assert counted["helper"] == 2
    assert report == plain_report
    assert _dump(tmp_path / "fast.db") == _dump(tmp_path / "plain.db")


def test_no_helper_process_is_left_behind(tmp_path, monkeypatch) -> None:
    roster = _roster(tmp_path / "roster.xlsx")
    forked: list[int] = []
    fork = parallel._fork

    def recording(*args: Any) -> Any:
        helper = fork(*args)
        forked.append(helper.pid)
        return helper

    monkeypatch.setattr(parallel, "_fork", recording)
    _import(tmp_path / "a.db", roster, monkeypatch, helper=True)
    assert len(forked) == 1
    with pytest.raises(ChildProcessError):  # reaped: no zombie, no orphan
        os.waitpid(forked[0], os.WNOHANG)


def test_a_slow_helper_does_not_hold_the_main_process_back(tmp_path, monkeypatch, counted) -> None:
    # A busy machine can hold the helper back: a chunk that is not back in time is prepared
    # by the main process, whose result must still be the plain one (and the helper skips
    # the chunks the main process has passed).
    roster = _roster(tmp_path / "roster.xlsx")
    plain_report, _ = _import(tmp_path / "plain.db", roster, monkeypatch, helper=False)
    parent = os.getpid()
    prepare_chunk = parallel._prepare_chunk

    def slow(reader: Any, chunk: Any) -> Any:
        if os.getpid() != parent and int(chunk[0][0]) // 60 == 3:
            time.sleep(1.0)  # one chunk: many times what the main process takes for it
        return prepare_chunk(reader, chunk)

    monkeypatch.setattr(parallel, "_prepare_chunk", slow)
    report, _ = _import(tmp_path / "fast.db", roster, monkeypatch, helper=True, wait=False)
    assert counted["late"] >= 1
    assert report == plain_report
    assert _dump(tmp_path / "fast.db") == _dump(tmp_path / "plain.db")


def test_the_helper_is_used_only_with_a_core_to_spare(monkeypatch) -> None:
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("one core: never a helper")
    monkeypatch.setattr(parallel, "ENABLED", None)
    cores = len(os.sched_getaffinity(0))
    monkeypatch.setattr(os, "getloadavg", lambda: (cores + 0.5, 0.0, 0.0))
    assert not parallel.available(100_000, False)  # a busy machine: one process is faster
    monkeypatch.setattr(os, "getloadavg", lambda: (cores - 1.5, 0.0, 0.0))
    assert parallel.available(100_000, False)
    assert not parallel.available(100_000, True)  # a streamed CSV cannot be walked twice
    assert not parallel.available(parallel.MIN_ROWS - 1, False)
    monkeypatch.setattr(parallel, "ENABLED", False)
    assert not parallel.available(100_000, False)
