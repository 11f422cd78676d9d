"""Two records are one person only when their names agree (issue: never fold two people).

A family shares one village phone: husband, wife and daughter are three members, each with a
warning naming the other, and ``--overwrite`` never turns one of them into another.
"""

from __future__ import annotations

from pathlib import Path

from tests.test_import_fixtures import members, write_workbook

HEADER = ["ชื่อ-สกุล", "ตำแหน่ง", "จังหวัด", "เบอร์โทร"]
FAMILY = [
    ["นายสมชาย ใจดี", "ผู้ใหญ่บ้าน", "ลำปาง", "0812345678"],
    ["นางสมศรี ใจดี", "อสม.", "ลำปาง", "0812345678"],
    ["นางสาวชไมพร ใจดี", "เยาวชน", "ลำปาง", "081-234-5678"],
]


def test_a_family_on_one_phone_is_three_people(cli, db_path: Path, tmp_path: Path) -> None:
    roster = write_workbook(tmp_path / "family.xlsx", {"S": [HEADER, *FAMILY]})
    report = cli("import", str(roster), "--format", "json").json()
    assert report["inserted"] == 3 and report["updated"] == 0
    shared = [w for w in report["warnings"] if "#1 นายสมชาย ใจดี" in w["message"]]
    assert [w["row"] for w in shared] == [3, 4]  # the wife's and the daughter's rows
    people = {m["full_name"]: m for m in members(db_path)}
    assert set(people) == {"นายสมชาย ใจดี", "นางสมศรี ใจดี", "นางสาวชไมพร ใจดี"}
    assert {m["role"] for m in people.values()} == {"ผู้ใหญ่บ้าน", "อสม.", "เยาวชน"}

    # The same roster again with new roles, --overwrite: each person updates themselves.
    changed = [[*row[:1], "กรรมการ", *row[2:]] for row in FAMILY]
    again = write_workbook(tmp_path / "family2.xlsx", {"S": [HEADER, *changed]})
    report = cli("import", str(again), "--overwrite", "--format", "json").json()
    assert (report["inserted"], report["updated"]) == (0, 3)
    after = {m["id"]: m for m in members(db_path)}
    assert {i: m["full_name"] for i, m in after.items()} == {
        m["id"]: name for name, m in people.items()
    }  # no name replaced by another's
    assert {m["role"] for m in after.values()} == {"กรรมการ"}


def test_a_close_name_on_the_same_phone_is_the_same_person(cli, db_path: Path) -> None:
    assert cli("member", "add", "นางสมศรี ใจดี", "--phone", "0812345678").exit_code == 0
    # a typo of the same name, and the same first name with a new surname (marriage)
    for name in ("นางสมศรี ใจดีี", "นางสมศรี ทองคำ"):
        run = cli("member", "add", name, "--phone", "0812345678")
        assert run.exit_code == 1 and "#1" in run.stderr
    assert len(members(db_path)) == 1


def test_member_add_on_a_shared_phone_warns_and_adds(cli, db_path: Path) -> None:
    assert cli("member", "add", "นายสมชาย ใจดี", "--phone", "0812345678").exit_code == 0
    run = cli("member", "add", "นางสมศรี ใจดี", "--phone", "0812345678", "-f", "json")
    assert run.exit_code == 0
    assert run.json()["full_name"] == "นางสมศรี ใจดี"
    assert "#1 นายสมชาย ใจดี" in run.stderr
    assert len(members(db_path)) == 2


def _two_row_header_form(path: Path) -> Path:
    """The common Thai form: group headings over a second header row, other cells merged down."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "รายชื่อ"
    ws.append(["แบบรายชื่อสมาชิกเครือข่ายพัฒนาสังคม อำเภอวังเหนือ"])
    ws.append(["ที่", "ชื่อ - สกุล", None, None, "ตำแหน่ง", "หน่วยงาน", "ที่อยู่", None, None,
               "เบอร์โทรศัพท์", "ลายมือชื่อ"])  # fmt: skip
    ws.append([None, "คำนำหน้า", "ชื่อ", "นามสกุล", None, None, "ตำบล", "อำเภอ", "จังหวัด"])
    for rng in ("B2:D2", "G2:I2", "A2:A3", "E2:E3", "F2:F3", "J2:J3", "K2:K3"):
        ws.merge_cells(rng)
    ws.append([1, "นาย", "สมชาย", "ใจดี", "ประธาน", "กองทุนสวัสดิการชุมชน", "ร่องเคาะ",
               "วังเหนือ", "ลำปาง", "0812345678"])  # fmt: skip
    ws.append([2, "นาง", "สมศรี", "มีสุข", "เหรัญญิก", "สภาองค์กรชุมชน", "ร่องเคาะ",
               "วังเหนือ", "ลำปาง", "0898765432"])  # fmt: skip
    wb.save(path)
    return path


def test_two_row_header_keeps_role_organization_and_phone(cli, db_path: Path, tmp_path) -> None:
    roster = _two_row_header_form(tmp_path / "form.xlsx")
    report = cli("import", str(roster), "--format", "json").json()
    assert report["inserted"] == 2 and report["rejected"] == 0
    people = {m["full_name"]: m for m in members(db_path)}
    assert people["นายสมชาย ใจดี"]["role"] == "ประธาน"
    assert people["นายสมชาย ใจดี"]["organization"] == "กองทุนสวัสดิการชุมชน"
    assert people["นายสมชาย ใจดี"]["phone"] == "0812345678"
    assert people["นางสมศรี มีสุข"]["subdistrict"] == "ร่องเคาะ"
    assert people["นางสมศรี มีสุข"]["district"] == "วังเหนือ"
    assert not report["files"][0].get("unmapped")


def test_relatives_with_near_names_on_one_phone_are_three_people(
    cli, db_path: Path, tmp_path: Path
) -> None:
    """บุญมี, บุญมา and บุญมาก share a surname and a phone: near given names of relatives are
    not misspellings (found by review: a whole-name score folded them into one)."""
    rows = [
        ["นายบุญมี ศรีสุข", "ผู้ใหญ่บ้าน", "ลำปาง", "0861112222"],
        ["นางบุญมา ศรีสุข", "อสม.", "ลำปาง", "0861112222"],
        ["นางสาวบุญมาก ศรีสุข", "เยาวชน", "ลำปาง", "0861112222"],
    ]
    roster = write_workbook(tmp_path / "boonma.xlsx", {"S": [HEADER, *rows]})
    report = cli("import", str(roster), "--format", "json").json()
    assert (report["inserted"], report["updated"]) == (3, 0)
    again = cli("import", str(roster), "--overwrite", "--format", "json").json()
    assert (again["inserted"], again["updated"]) == (0, 0)
    assert sorted(m["full_name"] for m in members(db_path)) == sorted(r[0] for r in rows)
    # A father and a daughter with one given name: the titles say two people.
    assert cli("member", "add", "นายกมล ใจดี", "--phone", "0891112222").exit_code == 0
    run = cli("member", "add", "นางสาวกมล ใจดีย์", "--phone", "0891112222")
    assert run.exit_code == 0 and "#4 นายกมล ใจดี" in run.stderr
    # A slip in a given name of the same length is still the same person.
    assert cli("member", "add", "นายประเสริฐ ทองคำ", "--phone", "0871112222").exit_code == 0
    run = cli("member", "add", "นายประเสริญ ทองคำ", "--phone", "0871112222")
    assert run.exit_code == 1 and "#6" in run.stderr


def test_a_joining_date_known_to_the_month_or_year_is_kept_so(
    cli, db_path: Path, tmp_path: Path
) -> None:
    """Found by review: "มิ.ย. 2567" or "ปี 2567" in วันที่เข้าร่วม rejected the whole row."""
    header = ["ชื่อ-สกุล", "จังหวัด", "วันที่เข้าร่วม"]
    rows = [
        ["นายหนึ่ง ทดสอบ", "ลำปาง", "มิ.ย. 2567"],
        ["นายสอง ทดสอบ", "ลำปาง", "ปี 2567"],
        ["นายสาม ทดสอบ", "ลำปาง", 2567],
        ["นายสี่ ทดสอบ", "ลำปาง", "13 มิถุนายน 2567"],
    ]
    roster = write_workbook(tmp_path / "joined.xlsx", {"S": [header, *rows]})
    report = cli("import", str(roster), "--format", "json").json()
    assert (report["inserted"], report["rejected"]) == (4, 0), report["errors"]
    joined = {m["full_name"]: m["joined_on"] for m in members(db_path)}
    assert joined == {
        "นายหนึ่ง ทดสอบ": "2024-06",
        "นายสอง ทดสอบ": "2024",
        "นายสาม ทดสอบ": "2024",
        "นายสี่ ทดสอบ": "2024-06-13",
    }
    shown = cli("member", "show", "1").stdout
    assert "มิ.ย. 2567" in shown


SAME_NAME = ["ชื่อ-สกุล", "อำเภอ", "จังหวัด", "เบอร์โทร"]


def test_the_same_name_with_another_title_sex_or_district_is_another_person(
    cli, db_path: Path, tmp_path: Path
) -> None:
    """A review found two rows of one roster with the same name but another title and district
    folded into one person ("ซ้ำกับแถว 2 … รวมเป็นคนเดียว"): the name said "maybe", the title
    and the place said another person."""
    rows = [
        ["นายสมชาย ใจดี", "เกาะคา", "ลำปาง", "0812345678"],
        ["นางสมชาย ใจดี", "เถิน", "ลำปาง", "0891112222"],  # a woman: another person
        ["นายสมชาย ใจดี", "เถิน", "ลำปาง", "0891113333"],  # another district
        ["นายสมชาย ใจดี", "เกาะคา", "ลำปาง", None],  # the first one again
    ]
    roster = write_workbook(tmp_path / "same.xlsx", {"S": [SAME_NAME, *rows]})
    report = cli("import", str(roster), "--format", "json").json()
    assert (report["inserted"], report["unchanged"]) == (3, 1)
    said = [(w["row"], w["message"]) for w in report["warnings"] if "คนละคน" in w["message"]]
    assert any(row == 3 and "คำนำหน้าคนละเพศ" in text for row, text in said)
    assert any(row == 4 and "คนละอำเภอ" in text for row, text in said)
    people = sorted((m["prefix"], m["district"], m["phone"]) for m in members(db_path))
    assert people == [
        ("นาง", "เถิน", "0891112222"),
        ("นาย", "เกาะคา", "0812345678"),
        ("นาย", "เถิน", "0891113333"),
    ]
    # The same file again finds each one: nothing is added, nobody is changed.
    again = cli("import", str(roster), "--format", "json").json()
    assert (again["inserted"], again["updated"], again["unchanged"]) == (0, 0, 4)
    # member add follows the same rule, and member duplicates shows the three names.
    added = cli(
        "member", "add", "นางสมชาย ใจดี", "--district", "เกาะคา", "--province", "ลำปาง",
        "-f", "json",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    assert added.json()["id"] == 4  # not #1 (นาย), not #2 (เถิน): a fourth person
    dup = cli("member", "duplicates", "-f", "json")
    assert dup.exit_code == 0 and "สมชาย" in dup.stdout


def test_a_title_of_the_other_sex_on_one_phone_is_another_person(cli, db_path: Path) -> None:
    first = cli("member", "add", "นายบุญมี ใจดี", "--province", "ลำปาง", "--phone", "0812345678")
    assert first.exit_code == 0, first.stderr
    run = cli(
        "member", "add", "นางบุญมี ใจดี", "--province", "ลำปาง", "--phone", "0812345678",
        "-f", "json",
    )  # fmt: skip
    assert run.exit_code == 0, run.stderr
    assert run.json()["id"] == 2
    assert len(members(db_path)) == 2
