"""Dates as letters and invitations write them, through ``meeting log`` (issue 13): a time
after the date is kept as start_time/end_time, a list of days gives exactly those days."""

from __future__ import annotations

from datetime import date


def _log(cli, title: str, when: str) -> dict:
    run = cli("meeting", "log", title, "--date", when, "-f", "json")
    assert run.exit_code == 0, run.stderr
    return run.json()


def test_a_time_after_the_date_is_kept(cli) -> None:
    m = _log(cli, "เวทีหนึ่ง", "13 มิ.ย. 62 เวลา 09.00-16.00 น.")
    assert (m["start_date"], m["end_date"]) == ("2019-06-13", "2019-06-13")
    assert (m["start_time"], m["end_time"]) == ("09:00", "16:00")
    shown = cli("meeting", "show", str(m["id"]), "-f", "json").json()
    assert (shown["start_time"], shown["end_time"]) == ("09:00", "16:00")
    m = _log(cli, "เวทีสอง", "เมื่อวันที่ 13 มิถุนายน 2562 (09.00-16.00 น.)")
    assert (m["start_date"], m["start_time"], m["end_time"]) == ("2019-06-13", "09:00", "16:00")
    # an explicit --start-time wins over the one in the date text
    run = cli("meeting", "log", "เวทีสาม", "--date", "13 มิ.ย. 62 เวลา 09.00 น.",
              "--start-time", "08.30", "-f", "json")  # fmt: skip
    assert run.json()["start_time"] == "08:30"


def test_a_list_of_days_is_the_meetings_days(cli) -> None:
    m = _log(cli, "เวทีสี่", "วันที่ 13 และ 14 มิถุนายน 2562")
    assert [d["day"] for d in m["attendees_by_day"]] == ["2019-06-13", "2019-06-14"]
    m = _log(cli, "เวทีห้า", "13, 14 และ 16 มิ.ย. 62")
    assert (m["start_date"], m["end_date"]) == ("2019-06-13", "2019-06-16")
    assert [d["day"] for d in m["attendees_by_day"]] == ["2019-06-13", "2019-06-14", "2019-06-16"]


def test_letter_forms_and_relative_days(cli) -> None:
    m = _log(cli, "เวทีหก", "วันที่ ๒๑ เดือนกรกฎาคม พ.ศ. ๒๕๕๓")
    assert m["start_date"] == "2010-07-21"
    m = _log(cli, "อบรมเจ็ด", "เริ่ม 11 ต.ค. 66 - 31 ต.ค. 66")
    assert (m["start_date"], m["end_date"]) == ("2023-10-11", "2023-10-31")
    m = _log(cli, "ประชุมวันนี้", "วันนี้")
    assert m["start_date"] == date.today().isoformat()


def test_a_misspelled_month_or_a_missing_year_is_read_with_a_warning(cli) -> None:
    run = cli("meeting", "log", "เวทีแปด", "--date", "13 พฤษจิกายน 2562", "-f", "json")
    assert run.exit_code == 0 and run.json()["start_date"] == "2019-11-13"
    assert "พฤศจิกายน" in run.stderr  # the warning names the month it read
    run = cli("meeting", "log", "เวทีเก้า", "--date", "13 มิ.ย.", "-f", "json")
    assert run.exit_code == 0 and run.json()["start_date"].endswith("-06-13")
    assert "ไม่ได้ระบุปี" in run.stderr
    run = cli("member", "add", "นายก ข", "--joined", "13 พฤศภาคม 2562", "-f", "json")
    assert run.exit_code == 0 and run.json()["joined_on"] == "2019-05-13"
    assert "พฤษภาคม" in run.stderr
    # never misread: what cannot be read with certainty is still refused
    assert cli("meeting", "log", "เวทีสิบ", "--date", "13 กขคง 2562").exit_code == 1
