"""netcli member duplicates: candidate pairs with a reason and a score, never merged."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from netcli.store.db import write
from tests.conftest import assert_clean_error
from tests.test_merge import add_member, ok

SANSAI = ("--province", "เชียงใหม่", "--district", "สันทราย", "--subdistrict", "ป่าไผ่")


def pairs_of(cli: Any, *args: str) -> list[dict[str, Any]]:
    return ok(cli("member", "duplicates", *args, "-f", "json")).json()


def test_each_reason_is_found(cli: Any, db_path: Path) -> None:
    a = add_member(
        cli, db_path, "นายประกิจ เสาร์แก้ว", "--province", "เชียงใหม่", "--national-id", "3100600445635"
    )
    b = add_member(
        cli,
        db_path,
        "นายประกิต เสาแก้ว",
        "--province",
        "ลำปาง",
        "--national-id",
        "3100600445635",
        "--allow-duplicate",
    )
    c = add_member(cli, db_path, "นางสมศรี ใจดี", "--province", "ลำพูน", "--phone", "0812345678")
    d = add_member(
        cli,
        db_path,
        "น.ส.มาลี ศรีสุข",
        "--province",
        "น่าน",
        "--phone",
        "081-234-5678",
        "--allow-duplicate",
    )
    e = add_member(cli, db_path, "นายสมชาย รักดี", "--province", "พะเยา")
    f = add_member(cli, db_path, "นาย สมชาย  รักดี", "--province", "พะเยา", "--allow-duplicate")
    g = add_member(cli, db_path, "นายบุญมี มีสุข", *SANSAI)
    h = add_member(cli, db_path, "นายบุญมี มีสุก", *SANSAI)
    # The same near name in another subdistrict is not a candidate.
    add_member(
        cli,
        db_path,
        "นายบุญมี มีสุขข",
        "--province",
        "เชียงใหม่",
        "--district",
        "สันทราย",
        "--subdistrict",
        "หนองหาร",
    )
    add_member(cli, db_path, "นายสมหมาย ใจเย็น", "--province", "เชียงใหม่")
    found = {(p["id_a"], p["id_b"]): p for p in pairs_of(cli)}
    assert set(found) == {(a, b), (c, d), (e, f), (g, h)}
    assert found[(a, b)]["reasons"] == ["national_id"] and found[(a, b)]["score"] == 1.0
    assert found[(c, d)]["reasons"] == ["phone"]
    assert found[(e, f)]["reasons"] == ["name_province"]
    assert found[(g, h)]["reasons"] == ["near_name"] and 0.5 < found[(g, h)]["score"] < 0.9
    scores = [p["score"] for p in pairs_of(cli)]
    assert scores == sorted(scores, reverse=True)
    # Never merges by itself.
    assert len(ok(cli("member", "list", "-f", "json")).json()) == 10


def test_province_filter_formats_and_removed(cli: Any, db_path: Path) -> None:
    e = add_member(cli, db_path, "นายสมชาย รักดี", "--province", "พะเยา", "--phone", "0812345678")
    f = add_member(cli, db_path, "นายสมชาย รักดี", "--province", "พะเยา", "--allow-duplicate")
    add_member(cli, db_path, "นางสมศรี ใจดี", "--province", "ลำพูน")
    add_member(cli, db_path, "นางสมศรี ใจดี", "--province", "ลำพูน", "--allow-duplicate")
    assert len(pairs_of(cli)) == 2
    [only] = pairs_of(cli, "--province", "จ.พะเยา")
    assert (only["id_a"], only["id_b"]) == (e, f) and only["province"] == "พะเยา"
    table = ok(cli("member", "duplicates"))
    assert "นายสมชาย รักดี" in table.stdout and "ชื่อ-สกุลเดียวกัน" in table.stdout
    csv = ok(cli("member", "duplicates", "-f", "csv")).stdout.splitlines()
    assert csv[0].startswith("id_a,") and len(csv) == 3
    ok(cli("member", "remove", str(f)))
    assert len(pairs_of(cli, "--province", "พะเยา")) == 0
    assert_clean_error(cli("member", "duplicates", "--province", "ไม่มีจังหวัดนี้"))


def test_near_names_stay_within_a_subdistrict_at_scale(cli: Any, db_path: Path) -> None:
    """10,000 people in 500 subdistricts: compared within a subdistrict only, so it is quick."""
    ok(cli("init"))
    conn = sqlite3.connect(db_path, isolation_level=None)
    with write(conn, "test fill"):
        conn.executemany(
            "INSERT INTO members (first_name, last_name, full_name_written, name_key_written, province, province_code,"
            " district_code, subdistrict, subdistrict_code) VALUES (?, ?, ?, ?, 'เชียงใหม่', '50', '5001', ?, ?)",
            (
                (
                    f"ชื่อ{i}",
                    f"สกุล{i * 7919 % 100003}",
                    f"นายชื่อ{i} สกุล{i * 7919 % 100003}",
                    f"ชื่อ{i}สกุล{i * 7919 % 100003}",
                    f"ตำบล{i % 500}",
                    f"50{i % 500:04d}",
                )
                for i in range(10_000)
            ),
        )
    conn.close()
    start = time.perf_counter()
    pairs = pairs_of(cli)
    assert time.perf_counter() - start < 10
    for p in pairs:
        assert p["subdistrict"] is not None  # only ever within one subdistrict


def test_a_region_or_province_narrows_every_reason(cli: Any, db_path: Path) -> None:
    """Found by review: look-alike and near-name pairs ignored --region."""
    add_member(cli, db_path, "นายประกิจ เสาร์แก้ว", *SANSAI)
    add_member(cli, db_path, "นายประกิต เสาร์แก้ว", *SANSAI, "--allow-duplicate")  # near name
    add_member(cli, db_path, "นางสมศรี ใจดี", "--province", "ลำปาง")
    add_member(cli, db_path, "นางสมศรี ใจดี่", "--province", "ลำปาง", "--allow-duplicate")
    everywhere = pairs_of(cli)
    assert {tuple(p["reasons"]) for p in everywhere} >= {("near_name",), ("look_alike",)}
    assert pairs_of(cli, "-r", "ภาคใต้") == []
    assert pairs_of(cli, "-p", "ลำปาง", "-r", "ภาคใต้") == []
    north = pairs_of(cli, "-r", "ภาคเหนือ")
    assert len(north) == len(everywhere) == 2
    assert [p["province"] for p in pairs_of(cli, "-p", "ลำปาง", "-r", "ภาคเหนือ")] == ["ลำปาง"]
