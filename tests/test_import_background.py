"""The background chunk moves of a big import give exactly the plain one-thread result.

``netcli import`` hands each staged chunk of new members to a second thread
(``Upserter.flush(background=True)``) and keeps validating; a row that matches a member of a
chunk still being moved waits in a backlog and is upserted, in file order, once the move is
done. Here a roster of three chunks, with people repeated across chunks (right after each chunk
boundary, so that the move is still running), filled and differing fields, rejected rows and
in-file duplicates, is imported both ways into real databases and compared row by row.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from netcli.importer import run
from netcli.store import db

CHUNK = run._FLUSH_EVERY
PROVINCES = ["เชียงใหม่", "ลำปาง", "น่าน", "ขอนแก่น", "สงขลา"]


def _roster(path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("รายชื่อ")
    ws.append(["รายชื่อผู้เข้าร่วมเวที"])
    ws.append(["ที่", "ชื่อ - สกุล", "ตำแหน่ง", "จังหวัด", "เบอร์โทร", "อีเมล"])
    rows: list[list[Any]] = []
    for i in range(1, 3 * CHUNK + 400):
        if i > CHUNK and i % CHUNK < 150:
            # Someone from the chunk before, right after the boundary: same phone, a role
            # that differs, an e-mail that fills an empty field (every 3rd), another province.
            j = i - CHUNK
            rows.append([i, f"นายคนที่{_word(j)} ทดสอบ", "ประธาน", PROVINCES[(j + 1) % 5],
                         f"08{j:08d}", f"p{j}@example.org" if j % 3 == 0 else None])  # fmt: skip
        elif i % 997 == 0:
            rows.append([i, "", "สมาชิก", "เชียงใหม่", None, None])  # no name: rejected
        elif i % 1009 == 0:
            rows.append([i, f"นางคนที่{_word(i)} ทดสอบ", None, "เชียงใม", None, None])  # typo
        else:
            rows.append([i, f"นายคนที่{_word(i)} ทดสอบ", "สมาชิก" if i % 2 else None,
                         PROVINCES[i % 5], f"08{i:08d}", None])  # fmt: skip
    rows.append([9999, "นายคนที่" + _word(5) + " ทดสอบ", None, PROVINCES[0], None, None])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _word(n: int) -> str:
    digits = "กขคงจฉชซดต"
    return "".join(digits[int(d)] for d in str(n))


def _import(path: Path, roster: Path, background: bool, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(run, "BACKGROUND", background)
    conn = db.connect(path)
    try:
        report, results = run.import_files(conn, run.open_all([str(roster)]), run.Options())
    finally:
        conn.close()
    return report, results[0]


def _dump(path: Path) -> dict[str, list[Any]]:
    conn = sqlite3.connect(path)
    volatile = {"uid", "created_at", "updated_at"}

    def rows(sql: str) -> list[Any]:
        return [tuple(r) for r in conn.execute(sql)]

    cols = [c[1] for c in conn.execute("PRAGMA table_info(members)") if c[1] not in volatile]
    out = {
        "members": rows(f"SELECT {', '.join(cols)} FROM members ORDER BY id"),
        "import_rows": rows(
            "SELECT sheet, row_number, status, member_id, message FROM import_rows ORDER BY id"
        ),
        "log": [],
    }
    for op, row_id, before, after in conn.execute(
        "SELECT op, row_id, before, after FROM change_log WHERE table_name = 'members' ORDER BY id"
    ):
        docs = [
            {k: v for k, v in json.loads(d).items() if k not in volatile} if d else None
            for d in (before, after)
        ]
        out["log"].append((op, row_id, *map(json.dumps, docs)))
    conn.close()
    return out


def test_background_moves_equal_the_plain_import(tmp_path, monkeypatch) -> None:
    roster = _roster(tmp_path / "roster.xlsx")
    plain_report, plain = _import(tmp_path / "plain.db", roster, False, monkeypatch)
    fast_report, fast = _import(tmp_path / "fast.db", roster, True, monkeypatch)

    assert plain.backlogged == 0
    assert fast.backlogged > 0  # the path under test was taken: rows waited for a move
    assert fast.updated >= 50 and fast.unchanged >= 50 and fast.rejected > 3
    assert fast_report == plain_report  # counts, errors and every warning, in the same order
    assert _dump(tmp_path / "fast.db") == _dump(tmp_path / "plain.db")

    # And the second import of the same file changes nothing, in the background too.
    again, _ = _import(tmp_path / "fast.db", roster, True, monkeypatch)
    assert again["inserted"] == 0 and again["updated"] == 0
