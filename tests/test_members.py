"""member add/list/show/edit/remove through the CLI, against temporary databases."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from netcli.store.db import write

from .conftest import assert_clean_error

PRAKIT = [
    "นายประกิจ เสาร์แก้ว",
    "--subdistrict",
    "ป่าไผ่",
    "--district",
    "สันทราย",
    "--province",
    "จ.เชียงใหม่",
]


def _count(db_path: Path) -> int:
    from netcli.store.db import connect

    conn = connect(db_path)
    try:
        return conn.execute("SELECT count(*) FROM members").fetchone()[0]
    finally:
        conn.close()


def test_seed_member_resolves(cli) -> None:
    run = cli("member", "add", *PRAKIT, "--phone", "812345678", "--format", "json")
    assert run.exit_code == 0, run.stderr
    m = run.json()
    assert (m["prefix"], m["first_name"], m["last_name"]) == ("นาย", "ประกิจ", "เสาร์แก้ว")
    assert (m["province"], m["province_code"]) == ("เชียงใหม่", "50")
    assert (m["district"], m["subdistrict"], m["subdistrict_code"]) == ("สันทราย", "ป่าไผ่", "501412")
    assert m["phone"] == "0812345678"
    assert len(m["uid"]) == 32 and m["created_at"] and m["updated_at"]


def test_add_prints_the_id(cli) -> None:
    run = cli("member", "add", "นางสุภาพ จันแปงเงิน", "--province", "เชียงราย")
    assert run.exit_code == 0
    assert run.stdout.strip() == "1"


def test_rank_prefix_splits(cli) -> None:
    m = cli("member", "add", "ว่าที่ ร.ต. เกรียงไกร สมคิด", "--province", "ลำปาง", "-f", "json").json()
    assert (m["prefix"], m["first_name"], m["last_name"]) == ("ว่าที่ ร.ต.", "เกรียงไกร", "สมคิด")


def test_province_typo_suggests(cli, db_path: Path) -> None:
    run = cli("member", "add", "นายสมชาย ดีใจ", "--province", "เชียงใม")  # two letters off
    assert_clean_error(run)
    assert "เชียงใหม่" in run.stderr
    assert _count(db_path) == 0
    # One letter off (issue 13): read as the official spelling, with a warning that names it.
    run = cli("member", "add", "นายสมชาย ดีใจ", "--province", "เชียงใหม")
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "เชียงใหม่" in run.stderr
    assert _count(db_path) == 1


def test_unknown_tambon_is_kept_with_a_warning(cli) -> None:
    run = cli(
        "member",
        "add",
        "นายกมล กล้าหงส์",
        "--subdistrict",
        "เวียงกานต์",
        "--district",
        "บ้านโฮ่ง",
        "--province",
        "ลำพูน",
        "-f",
        "json",
    )
    assert run.exit_code == 0
    m = run.json()
    assert m["subdistrict"] == "เวียงกานต์" and m["subdistrict_code"] is None
    assert m["district"] == "บ้านโฮ่ง" and m["district_code"]
    assert "เวียงกานต์" in run.stderr


def test_capital_district_and_english_and_abbreviation(cli) -> None:
    m = cli(
        "member",
        "add",
        "นายจะหวะ ใจดี",
        "--subdistrict",
        "ต.ปางหมู",
        "--district",
        "อ.เมือง",
        "--province",
        "จ.แม่ฮ่องสอน",
        "-f",
        "json",
    ).json()
    assert m["district"] == "เมืองแม่ฮ่องสอน"
    m = cli("member", "add", "นางสาวพรทิพย์ ใจมั่น", "--province", "Chiang Mai", "-f", "json").json()
    assert m["province"] == "เชียงใหม่"
    m = cli("member", "add", "นางบัวผัน คำมา", "--province", "ชม", "-f", "json").json()
    assert m["province"] == "เชียงใหม่"


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        (["--phone", "12345"], "phone"),
        (["--phone", "โทรมาสิ"], "phone"),
        (["--national-id", "1234567890123"], "national"),
        (["--email", "not-an-email"], "mail"),
        (["--joined", "31 กุมภาพันธ์ 2562"], ""),
        (["--sector", "ภาคอวกาศ"], ""),
    ],
)
def test_garbage_fields_are_refused(cli, db_path: Path, extra: list[str], field: str) -> None:
    run = cli("member", "add", "นายสมชาย ดีใจ", "--province", "ลำปาง", *extra)
    assert_clean_error(run)
    assert len(run.stderr.strip().splitlines()) <= 2
    assert _count(db_path) == 0


@pytest.mark.parametrize("name", ["", "   ", "นาย", "นางสาว ", "1234", "\u200b"])
def test_garbage_names_are_refused(cli, db_path: Path, name: str) -> None:
    run = cli("member", "add", name, "--province", "ลำปาง")
    assert run.exit_code in (1, 2)
    assert "Traceback" not in run.stderr
    assert _count(db_path) == 0


def test_duplicates_are_refused_naming_the_existing_id(cli) -> None:
    cli("member", "add", *PRAKIT, "--phone", "0812345678")
    # same name key and province (spacing and prefix ignored)
    run = cli("member", "add", "นาย ประกิจ  เสาร์แก้ว", "--province", "เชียงใหม่")
    assert_clean_error(run)
    assert "1" in run.stderr
    # same phone, another name: another person (a family shares a village phone), with a
    # warning that names the other member
    shared = cli("member", "add", "นายอื่น ใด", "--phone", "081-234-5678")
    assert shared.exit_code == 0 and "#1 นายประกิจ เสาร์แก้ว" in shared.stderr
    # same national id, the same first name (a changed surname): the same person
    cli("member", "add", "นางสุภาพ จันแปงเงิน", "--national-id", "3100600445635")
    assert_clean_error(cli("member", "add", "นางสาวสุภาพ ใหม่", "--national-id", "3-1006-00445-63-5"))
    # unless allowed
    assert (
        cli(
            "member", "add", "นาย ประกิจ เสาร์แก้ว", "--province", "เชียงใหม่", "--allow-duplicate"
        ).exit_code
        == 0
    )


def test_national_id_is_masked_unless_asked(cli) -> None:
    cli("member", "add", "นางสุภาพ จันแปงเงิน", "--national-id", "3100600445635")
    shown = cli("member", "show", "1", "-f", "json").json()
    assert shown["national_id"] != "3100600445635" and shown["national_id"].endswith("63-5")
    listed = cli("member", "list", "-f", "json").stdout
    assert "3100600445635" not in listed
    assert "3100600445635" not in cli("member", "list", "-f", "csv").stdout
    assert "3100600445635" not in cli("member", "show", "1").stdout
    assert (
        cli("member", "show", "1", "--show-national-id", "-f", "json").json()["national_id"]
        == "3100600445635"
    )


def _seed(cli) -> None:
    cli(
        "member",
        "add",
        "นางสุภาพ จันแปงเงิน",
        "--role",
        "ประธานกลุ่มแม่บ้านจิตอาสา",
        "--province",
        "เชียงราย",
        "--sector",
        "ภาคประชาชน",
    )
    cli("member", "add", *PRAKIT, "--org", "เทศบาลตำบลป่าไผ่", "--sector", "อปท")
    cli(
        "member",
        "add",
        "ดร.มาลี ศรีสุข",
        "--org",
        "มหาวิทยาลัยราชภัฏลำปาง",
        "--province",
        "ลำปาง",
        "--sector",
        "วิชาการ",
    )
    cli("member", "add", "นายเทิดศักดิ์ สารผัด", "--province", "น่าน", "--role", "ประธานชมรมผู้พิการ")


def test_list_filters_and_formats(cli) -> None:
    _seed(cli)
    everyone = cli("member", "list", "-f", "json").json()
    assert len(everyone) == 4
    assert [
        m["full_name"] for m in cli("member", "list", "--province", "เชียงใหม่", "-f", "json").json()
    ] == ["นายประกิจ เสาร์แก้ว"]
    assert [
        m["first_name"] for m in cli("member", "list", "--search", "ประธาน", "-f", "json").json()
    ] == ["สุภาพ", "เทิดศักดิ์"]
    assert [
        m["first_name"] for m in cli("member", "list", "--search", "ราชภัฏ", "-f", "json").json()
    ] == ["มาลี"]
    assert [
        m["sector"]
        for m in cli("member", "list", "--sector", "องค์กรปกครองส่วนท้องถิ่น", "-f", "json").json()
    ] == ["องค์กรปกครองส่วนท้องถิ่น"]
    lines = cli("member", "list", "-f", "ndjson").stdout.strip().splitlines()
    assert len(lines) == 4 and json.loads(lines[0])["id"] == 1
    csv_out = cli("member", "list", "-f", "csv").stdout.splitlines()
    assert csv_out[0].startswith("id,uid,prefix") and len(csv_out) == 5
    assert_clean_error(cli("member", "list", "--province", "ไม่มีจังหวัดนี้"))
    assert cli("member", "list", "--format", "yaml").exit_code == 2


def test_table_is_in_thai_dictionary_order(cli) -> None:
    _seed(cli)
    out = cli("member", "list").stdout
    # เทิดศักดิ์ (ท, leading vowel ignored) < ประกิจ (ป) < มาลี (ม) < สุภาพ (ส)
    positions = [out.index(n) for n in ("เทิดศักดิ์", "ประกิจ", "มาลี", "สุภาพ")]
    assert positions == sorted(positions)


def test_show_edit_remove(cli) -> None:
    _seed(cli)
    assert cli("member", "show", "2").exit_code == 0
    assert_clean_error(cli("member", "show", "99"))
    run = cli("member", "edit", "2", "--phone", "0891112222", "--role", "นายกเทศมนตรี", "-f", "json")
    assert run.exit_code == 0
    m = run.json()
    assert (m["phone"], m["role"], m["province"], m["subdistrict"]) == (
        "0891112222",
        "นายกเทศมนตรี",
        "เชียงใหม่",
        "ป่าไผ่",
    )
    assert cli("member", "edit", "2", "--clear", "phone", "-f", "json").json()["phone"] is None
    assert_clean_error(cli("member", "edit", "2", "--phone", "123"))
    assert cli("member", "remove", "2").exit_code == 0
    assert len(cli("member", "list", "-f", "json").json()) == 3
    assert len(cli("member", "list", "--removed", "-f", "json").json()) == 4
    assert_clean_error(cli("member", "show", "2"))
    assert_clean_error(cli("member", "remove", "2"))


def test_network_option_joins(cli, db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.close()
    cli("init")
    c = sqlite3.connect(db_path, isolation_level=None)
    with write(c, "test"):
        c.execute(
            "INSERT INTO networks (name, level) VALUES ('เครือข่ายพัฒนาสังคมภาคเหนือตอนบน', 'ภาค')"
        )
    c.close()
    m = cli(
        "member", "add", *PRAKIT, "--network", "เครือข่ายพัฒนาสังคมภาคเหนือตอนบน", "-f", "json"
    ).json()
    assert m["networks"] == ["เครือข่ายพัฒนาสังคมภาคเหนือตอนบน"]
    run = cli("member", "add", "นางสุภาพ จันแปงเงิน", "--network", "ไม่มีเครือข่ายนี้")
    assert_clean_error(run)
    assert len(cli("member", "list", "-f", "json").json()) == 1


def test_add_from_ndjson_and_csv(cli, tmp_path: Path) -> None:
    rows = [
        {"name": "นายประกิจ เสาร์แก้ว", "province": "เชียงใหม่", "phone": "812345678"},
        {"prefix": "นาง", "first_name": "สุภาพ", "last_name": "จันแปงเงิน", "province": "เชียงราย"},
        {"name": "นายผิด จังหวัด", "province": "เชียงใม"},
        {"name": "", "province": "ลำปาง"},
    ]
    text = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n"
    run = cli("member", "add", "--from", "-", "-f", "json", input=text)
    assert run.exit_code == 1
    report = run.json()
    assert (report["inserted"], report["rejected"]) == (2, 2)
    assert [e["row"] for e in report["errors"]] == [3, 4]
    assert report["errors"][0]["suggestion"] == "เชียงใหม่"
    csv_file = tmp_path / "members.csv"
    csv_file.write_text(
        "name,province,phone\nดร.มาลี ศรีสุข,ลำปาง,0821231234\nนายเทิดศักดิ์ สารผัด,น่าน,\n",
        encoding="cp874",
    )
    run = cli("member", "add", "--from", str(csv_file), "-f", "json")
    assert run.exit_code == 0, run.stdout + run.stderr
    assert run.json()["inserted"] == 2
    assert {m["first_name"] for m in cli("member", "list", "-f", "json").json()} == {
        "ประกิจ",
        "สุภาพ",
        "มาลี",
        "เทิดศักดิ์",
    }


def test_add_from_garbage(cli, tmp_path: Path, db_path: Path) -> None:
    bad = tmp_path / "bad.ndjson"
    bad.write_text('{"name": "นายก ข"}\n{not json\n', encoding="utf-8")
    assert_clean_error(cli("member", "add", "--from", str(bad)))
    assert_clean_error(cli("member", "add", "--from", str(tmp_path / "missing.csv")))
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    assert_clean_error(cli("member", "add", "--from", str(binary)))
    assert _count(db_path) == 0


def test_purge_leaves_no_trace(cli, db_path: Path, netcli_proc) -> None:
    marker_name, marker_phone = "นายลบทิ้งหมด ไม่เหลือซาก", "0899990001"
    netcli_proc(
        "member",
        "add",
        marker_name,
        "--province",
        "ลำปาง",
        "--phone",
        marker_phone,
        "--org",
        "องค์กรลับเฉพาะ",
    )
    netcli_proc("member", "edit", "1", "--role", "เลขาธิการลับ")
    netcli_proc("member", "add", "นางสุภาพ จันแปงเงิน", "--province", "เชียงราย")
    run = netcli_proc("member", "remove", "1", "--purge", "--yes")
    assert run.exit_code == 0, run.stderr
    blobs = b"".join(
        p.read_bytes()
        for p in db_path.parent.glob(db_path.name + "*")
        if p.is_file() and ".bak" not in p.name
    )
    for marker in (marker_phone, "ลบทิ้งหมด", "องค์กรลับเฉพาะ", "เลขาธิการลับ"):
        assert marker.encode("utf-8") not in blobs, marker
    listed = netcli_proc("member", "list", "-f", "json").stdout
    assert "ลบทิ้งหมด" not in listed
    assert netcli_proc("db", "check").exit_code == 0


def test_export_data_gives_a_person_their_record(cli) -> None:
    cli(
        "member",
        "add",
        "นางสุภาพ จันแปงเงิน",
        "--national-id",
        "3100600445635",
        "--consent",
        "ติดต่อประสานงานเครือข่าย",
    )
    run = cli("member", "export-data", "1")
    data = json.loads(run.stdout)
    assert data["national_id"] == "3100600445635"
    assert data["consent_purpose"] == "ติดต่อประสานงานเครือข่าย" and data["consent_at"]
    assert data["history"][0]["op"] == "insert"


def test_export_data_file_is_the_owners_only(cli, tmp_path: Path) -> None:
    """The file holds the unmasked national ID: mode 0600 (POSIX), written whole."""
    import os
    import sys

    cli("member", "add", "นางสุภาพ จันแปงเงิน", "--national-id", "3100600445635")
    out = tmp_path / "สุภาพ.json"
    run = cli("member", "export-data", "1", "-o", str(out))
    assert run.exit_code == 0, run.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["national_id"] == "3100600445635"
    if sys.platform != "win32":
        assert os.stat(out).st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_cp874_console_does_not_crash(cli, db_path: Path) -> None:
    import os
    import subprocess
    import sys

    _seed(cli)
    env = {**os.environ, "PYTHONIOENCODING": "cp874"}
    proc = subprocess.run(
        [sys.executable, "-m", "netcli", "--db", str(db_path), "member", "list"],
        capture_output=True,
        env=env,
        cwd=db_path.parent,
    )
    assert proc.returncode == 0, proc.stderr.decode("cp874", "replace")
    assert "ประกิจ" in proc.stdout.decode("cp874")


def test_debug_shows_the_traceback(cli, db_path: Path) -> None:
    import os
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "netcli", "--db", str(db_path), "--debug", "member", "show", "42"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        cwd=db_path.parent,
    )
    assert proc.returncode == 1
    assert "Traceback" in proc.stderr and "NotFound" in proc.stderr


def test_long_lists_print_plain_aligned_columns(cli) -> None:
    rows = "\n".join(
        json.dumps({"name": f"นายทดสอบ ลำดับ{i:04d}", "province": "ลำปาง"}, ensure_ascii=False)
        for i in range(600)
    )
    assert cli("member", "add", "--from", "-", input=rows).exit_code == 0
    out = cli("member", "list").stdout.splitlines()
    assert out[0].startswith("รหัส") and set(out[1]) <= {"-", " "}
    assert len(out) == 602
    assert "ลำดับ0000" in out[2]  # Thai dictionary order, then last name


@pytest.mark.parametrize("ref", ["99999999999999999999999", "²", "①", "-1", "0", "1e5", "", "๙๙๙"])
def test_ids_a_person_can_type_never_crash(cli, ref: str) -> None:
    cli("member", "add", "นายเอก ทดสอบ", "--province", "เชียงใหม่")
    for args in (
        ("member", "show", ref),
        ("member", "edit", ref, "--role", "x"),
        ("network", "show", ref),
    ):
        run = cli(*args)
        assert run.exit_code in (1, 2), (args, run.stdout)
        assert "Traceback" not in run.stderr and "internal error" not in run.stderr


def test_thai_digit_ids_work(cli) -> None:
    cli("member", "add", "นายเอก ทดสอบ", "--province", "เชียงใหม่")
    assert cli("member", "show", "๑", "-f", "json").json()["first_name"] == "เอก"


def test_edit_to_another_province_drops_the_old_district(cli) -> None:
    cli("member", "add", *PRAKIT)
    m = cli("member", "edit", "1", "--province", "ลำปาง", "-f", "json").json()
    assert (m["province"], m["district"], m["subdistrict"]) == ("ลำปาง", None, None)
    m = cli("member", "edit", "1", "--district", "เกาะคา", "-f", "json").json()
    assert (m["province"], m["district"], m["district_code"]) == ("ลำปาง", "เกาะคา", "5203")


def test_clearing_name_parts_rebuilds_the_full_name(cli) -> None:
    cli("member", "add", *PRAKIT)
    m = cli("member", "edit", "1", "--clear", "prefix", "-f", "json").json()
    assert (m["prefix"], m["full_name"]) == (None, "ประกิจ เสาร์แก้ว")
    # and the duplicate key still matches the person
    assert_clean_error(cli("member", "add", "นายประกิจ เสาร์แก้ว", "--province", "เชียงใหม่"))


def test_a_masked_export_loads_back_without_the_id(cli, tmp_path: Path) -> None:
    cli(
        "member",
        "add",
        "นายประกิจ เสาร์แก้ว",
        "--national-id",
        "3100600445635",
        "--province",
        "เชียงใหม่",
    )
    exported = cli("member", "list", "-f", "ndjson").stdout
    run = cli(
        "member", "add", "--from", "-", "-f", "json", input=exported, db=tmp_path / "other.db"
    )
    assert run.exit_code == 0, run.stdout
    report = run.json()
    assert report["inserted"] == 1 and "masked" in report["warnings"][0]["message"]


@pytest.mark.parametrize(
    "row",
    [
        {"name": ["นายเอก", "ทดสอบ"]},
        {"name": {"a": 1}},
        {"name": "นายเอก ทดสอบ", "village": 1e400},
        {"name": "นายเอก ทดสอบ", "role": True},
    ],
)
def test_ndjson_values_of_the_wrong_type_are_refused(cli, db_path: Path, row: dict) -> None:
    run = cli(
        "member", "add", "--from", "-", "-f", "json", input=json.dumps(row, ensure_ascii=False)
    )
    assert run.exit_code == 1
    assert run.json()["rejected"] == 1
    assert _count(db_path) == 0


@pytest.mark.parametrize(
    "args",
    [
        ("meeting", "show", "99999999999999999999"),
        ("meeting", "show", "²"),
        ("import", "undo", "99999999999999999999"),
        ("conflicts", "--resolve", "99999999999999999999", "--take", "mine"),
        ("member", "unmerge", "--merge", "99999999999999999999"),
        ("meeting", "action", "done", "99999999999999999999"),
    ],
)
def test_huge_or_odd_ids_elsewhere_get_one_line(cli, args: tuple[str, ...]) -> None:
    run = cli(*args)
    assert_clean_error(run)
    assert "internal error" not in run.stderr


def test_a_bangkok_member_shows_khwaeng_and_khet(cli) -> None:
    """Bangkok has แขวง and เขต where provinces have ตำบล and อำเภอ (traps.md)."""
    run = cli(
        "member", "add", "นายกรุง เทพ", "--subdistrict", "ลาดยาว", "--district", "จตุจักร",
        "--province", "กทม",
    )  # fmt: skip
    assert run.exit_code == 0, run.stderr
    shown = cli("member", "show", "1").stdout
    labels = [line.split()[0] for line in shown.splitlines() if line.strip()]
    assert "แขวง" in labels and "เขต" in labels
    assert "ตำบล" not in labels and "อำเภอ" not in labels
    cli("member", "add", "นายเชียง ใหม่", "--province", "เชียงใหม่", "--district", "สันทราย")
    labels = [line.split()[0] for line in cli("member", "show", "2").stdout.splitlines() if line]
    assert "อำเภอ" in labels and "เขต" not in labels
