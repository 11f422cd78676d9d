"""``netcli calendar``: the network calendar (ปฏิทินเครือข่าย)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from netcli import i18n
from netcli.cli.output import Format, FormatOption, emit_list
from netcli.cli.places import RegionOption

COLUMNS = [
    ("date_short", "วันที่"),
    ("type_th", "ประเภท"),
    ("title", "รายการ"),
    ("province", "จังหวัด"),
    ("owner", "ผู้รับผิดชอบ"),
    ("status_th", "สถานะ"),
]
# On a narrow terminal (cli.layout): date, title (wrapped between words) and status always.
FIT: dict[str, dict[str, Any]] = {
    "date_short": {},
    "type_th": {"drop": 3},
    "title": {"ident": True, "wrap": True, "min_width": 16},
    "province": {"wrap": True, "drop": 2, "min_width": 8},
    "owner": {"wrap": True, "drop": 1},
    "status_th": {},
}
TYPE_TH = {"meeting": "การประชุม", "action": "ภารกิจ"}
STATUS_TH = {
    "upcoming": "กำลังจะมาถึง",
    "ongoing": "กำลังดำเนินการ",
    "past": "ผ่านไปแล้ว",
    "open": "ยังไม่เสร็จ",
    "overdue": "เกินกำหนด !",
    "done": "เสร็จแล้ว",
}


def calendar(
    province: Annotated[
        str | None, typer.Option("--province", "-p", help="only this province")
    ] = None,
    region: RegionOption = None,
    network: Annotated[
        str | None, typer.Option("--network", help="a network and its sub-networks")
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option("--since", "--from", help="from this date (default: today for meetings)"),
    ] = None,
    to: Annotated[str | None, typer.Option("--until", "--to", help="up to this date")] = None,
    dated: Annotated[
        bool, typer.Option("--dated", help="leave out open actions without a due date")
    ] = False,
    today: Annotated[
        str | None, typer.Option("--today", hidden=True, help="pretend today is this date")
    ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """The network calendar: upcoming meetings, open actions (overdue marked; undated ones
    under "ไม่กำหนดวัน") and the meetings they came from, in date order.

    Example: netcli calendar --network "เครือข่ายพัฒนาสังคมภาคเหนือตอนบน"
    """
    from datetime import date

    from netcli.cli.state import conn
    from netcli.meetings.calendar import ENTRY_FIELDS, CalendarFilter
    from netcli.meetings.calendar import calendar as build

    now = date.today()
    if today:
        from netcli.thai.dates import parse_date

        now = parse_date(today)
    rows = build(
        conn(),
        CalendarFilter(
            province=province,
            region=region,
            network=network,
            date_from=from_,
            date_to=to,
            dated=dated,
        ),
        today=now,
    )
    if fmt is not Format.table:
        emit_list(rows, fmt, COLUMNS, fields=ENTRY_FIELDS)
        return
    from netcli.meetings.calendar import UNDATED
    from netcli.thai.dates import format_date
    from netcli.thai.partial_dates import format_stored

    for r in rows:
        if r["type"] == "meeting":
            r["date_short"] = format_stored(
                r["date"], r["end_date"], r.get("date_precision"), short=True
            )
        else:
            r["date_short"] = (
                format_date(date.fromisoformat(r["date"]), short=True) if r["date"] else UNDATED
            )
        r["type_th"] = TYPE_TH[r["type"]]
        r["status_th"] = STATUS_TH[r["status"]]
        if i18n.language() == "en":  # ISO dates and the English words of the keys
            r["date_short"] = (
                i18n.iso_when(r["date"], r.get("end_date"), r.get("date_precision"))
                if r["date"]
                else i18n.label(UNDATED)
            )
            r["type_th"] = r["type"]
            r["status_th"] = r["status"] + (" !" if r["status"] == "overdue" else "")
    emit_list(rows, fmt, COLUMNS, fields=ENTRY_FIELDS, title="ปฏิทินเครือข่าย", fit=FIT)
