"""``--lang en``: everything a person reads at run time is English (issue 16), apart from the
data (names, places, titles a person typed); Thai, the default, stays Thai.

Each command of the battery runs twice on the same database: in English, where no Thai letter
may remain once the data values are taken out, and in Thai, where Thai is there.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

THAI = re.compile("[\u0e00-\u0e7f]")
# The data of the battery: what a person typed or imported, shown as it was written.
DATA = (
    "นายสมชาย ใจดี",
    "นางสาวสมหญิง ดีใจ",
    "นางมาลี ศรีสุข",
    "เวทีเครือข่ายพัฒนาสังคม",
    "เวที",  # a meeting's kind: the Thai word a person types (--kind เวที)
    "ภาคเหนือตอนบน",
    "เชียงใหม่x",
    "เชียงใหม่",
    "แม่ฮ่องสอน",
    "ภาคเหนือx",
    "ภาคเหนือ",
    "0812345679 ต่อ 12",
    "เบอร์โทร",
    "เครือข่ายเชียงใหม่",
    "กลุ่มออมทรัพย์บ้านดง",
    "กองทุน",  # an organization's kind: the Thai word a person types
    "ทำรายงาน",
    "สมชาย",
    "นายก",
    "นาย",
    "นางสาว",
    "นาง",
)


def _without_data(text: str) -> str:
    for value in sorted(DATA, key=len, reverse=True):
        text = text.replace(value, "")
    return text


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(
        "ชื่อ-สกุล,จังหวัด,เบอร์โทร\n"
        "นายสมชาย ใจดี,เชียงใหม่,0812345678\n"
        "นางสาวสมหญิง ดีใจ,เชียงใหม่,12\n"
        "นางมาลี ศรีสุข,เชียงใหม่,0812345679 ต่อ 12\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def filled(cli, roster: Path):
    assert cli("import", str(roster)).exit_code == 1  # a row with a bad phone fails
    run = cli(
        "meeting", "log", "เวทีเครือข่ายพัฒนาสังคม", "--date", "13 มิถุนายน 2562",
        "-p", "แม่ฮ่องสอน", "--budget", "45,000", "--participants", "70",
    )  # fmt: skip
    assert run.exit_code == 0, run.stderr
    return cli


# (arguments, expected exit code); {roster} is the roster file.
BATTERY = [
    (["member", "add", "นายก", "--phone", "12"], 1),
    (["member", "add", "นายก", "-p", "เชียงใหม่x"], 1),
    (["member", "list", "--region", "ภาคเหนือx"], 1),
    (["member", "list", "--region", "ภาคเหนือ"], 0),
    (["meeting", "log", "เวทีเครือข่ายพัฒนาสังคม", "--date", "13/13/2562"], 1),
    (["meeting", "log", "เวทีเครือข่ายพัฒนาสังคม", "--date", "31 กุมภาพันธ์ 2567"], 1),
    (["meeting", "list", "--since", "2567-13-01"], 1),
    (["member", "show", "999"], 1),
    (["member", "show", "abc"], 1),
    (["member", "remove", "999"], 1),
    (["meeting", "show", "999"], 1),
    (["export", "roster"], 2),
    (["member", "list", "--no-such-option"], 2),
    (["member", "add", "นางสาวสมหญิง ดีใจ", "-p", "เชียงใหม่", "--phone", "0899999999"], 0),
    (["meeting", "log", "เวทีเครือข่ายพัฒนาสังคม", "--date", "14 มิถุนายน 2562"], 0),
    (["import", "{roster}"], 1),
    (["member", "list"], 0),
    (["member", "show", "1"], 0),
    (["meeting", "list"], 0),
    (["meeting", "show", "1"], 0),
    (["summary"], 0),
    (["summary", "--depth", "district"], 0),
    (["region", "list"], 0),
    (["network", "add", "เครือข่ายเชียงใหม่", "-p", "เชียงใหม่"], 0),
    (["network", "list"], 0),
    (["org", "add", "กลุ่มออมทรัพย์บ้านดง", "--kind", "กองทุน", "-p", "เชียงใหม่"], 0),
    (["org", "list"], 0),
    (["meeting", "action", "add", "1", "ทำรายงาน", "--owner", "สมชาย", "--due", "2019-07-01"], 0),
    (["meeting", "action", "list"], 0),
    (["calendar", "--since", "2019-01-01"], 0),
    (["import", "list"], 0),
    (["db", "status"], 0),
    (["member", "edit", "1", "--phone", "0811111111"], 0),
    (["member", "duplicates"], 0),
    (["db", "check"], 0),
]


def _run(cli, roster: Path, args: list[str], lang: list[str]):
    return cli(*lang, *[a.replace("{roster}", str(roster)) for a in args])


@pytest.mark.parametrize(("args", "code"), BATTERY, ids=[" ".join(a) for a, _ in BATTERY])
def test_english_has_no_thai_but_the_data(filled, roster: Path, args: list[str], code: int):
    run = _run(filled, roster, args, ["--lang", "en"])
    text = run.stdout + run.stderr
    assert run.exit_code == code, text
    left = _without_data(text)
    if args[:2] == ["region", "list"]:  # the names of a region and of its provinces are data
        left = "\n".join(
            "│".join(line.split("│")[2:4]) if "│" in line else line for line in left.split("\n")
        )
    assert not THAI.search(left), text
    assert text.strip()
    for garbage in ("xxx: ", "xxx, 9", " —\n", " —:", "::", "Month 13 is not 1–12: 13"):
        assert garbage not in text, text


@pytest.mark.parametrize(("args", "code"), BATTERY, ids=[" ".join(a) for a, _ in BATTERY])
def test_thai_by_default(filled, roster: Path, args: list[str], code: int):
    run = _run(filled, roster, args, [])
    text = run.stdout + run.stderr
    assert run.exit_code == code, text
    assert THAI.search(_without_data(text)), text


@pytest.mark.parametrize("lang", [["--lang", "en"], []], ids=["en", "th"])
def test_merge_unmerge_and_erase(filled, lang: list[str]) -> None:
    """A sequence on one database: what each step says is English under --lang en."""
    steps = [
        ["member", "add", "นายสมชาย ใจดี", "-p", "เชียงใหม่", "--allow-duplicate"],
        ["member", "merge", "1", "3"],
        ["member", "unmerge", "1"],
        ["member", "remove", "3", "--purge", "--yes"],
    ]
    for args in steps:
        run = filled(*lang, *args)
        text = run.stdout + run.stderr
        assert run.exit_code == 0, text
        assert bool(THAI.search(_without_data(text))) == (not lang), text


def test_labels_and_pick_leave_thai_alone() -> None:
    from netcli import i18n

    try:
        i18n.set_language("th")
        assert i18n.label("ชื่อ - สกุล") == "ชื่อ - สกุล"
        assert i18n.pick("เพิ่มสมาชิกแล้ว", "Member added") == "เพิ่มสมาชิกแล้ว"
        i18n.set_language("en")
        assert i18n.label("ชื่อ - สกุล") == "name"
        assert i18n.label("no such label") == "no such label"
        assert i18n.pick("เพิ่มสมาชิกแล้ว", "Member added") == "Member added"
    finally:
        i18n.set_language(None)
    assert not [k for k, v in i18n.LABELS.items() if THAI.search(v)]


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (("2019-06-13", "2019-06-13"), "2019-06-13"),
        (("2024-06-22", "2024-06-24"), "2024-06-22–24"),
        (("2024-06-30", "2024-07-02"), "2024-06-30 – 07-02"),
        (("2023-12-30", "2024-01-02"), "2023-12-30 – 2024-01-02"),
        (("2014-06-01", "2014-06-30", "month"), "2014-06"),
        (("2014-01-01", "2014-12-31", "year", True), "2014?"),
    ],
)
def test_iso_when(args: tuple, text: str) -> None:
    from netcli.i18n import iso_when

    assert iso_when(*args) == text
