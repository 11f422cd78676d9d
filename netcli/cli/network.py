"""``netcli network …``: add, list, show, join, leave."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from netcli.cli.output import Format, FormatOption, emit_list, emit_record, fields_of, info
from netcli.cli.state import conn
from netcli.i18n import iso_when, language, pick

app = typer.Typer(no_args_is_help=True)

NetworkArg = Annotated[str, typer.Argument(help="network name, id or uid")]
Level = Annotated[
    str | None,
    typer.Option(
        "--level", help="level: ตำบล อำเภอ จังหวัด กลุ่มจังหวัด ภาค or ประเทศ (tambon … country)"
    ),
]
Prov = Annotated[
    str | None, typer.Option("--province", "-p", help="home province, e.g. Mae Hong Son")
]
Covers = Annotated[
    list[str] | None,
    typer.Option(
        "--covers",
        help="a province or region the network covers (repeatable; a region expands), e.g. ภาคเหนือตอนบน",
    ),
]

LIST_COLUMNS = [
    ("id", "รหัส"),
    ("name", "เครือข่าย"),
    ("level", "ระดับ"),
    ("province", "จังหวัด"),
    ("parent", "แม่ข่าย"),
    ("members", "สมาชิก"),
    ("meetings", "การประชุม"),
]
SHOW_FIELDS = [
    ("id", "รหัส"),
    ("uid", "uid"),
    ("name", "เครือข่าย"),
    ("level", "ระดับ"),
    ("province", "จังหวัด"),
    ("covers", "พื้นที่ครอบคลุม"),
    ("parent", "แม่ข่าย"),
    ("sub_network_list", "ลูกข่าย"),
    ("members", "จำนวนสมาชิก"),
    ("member_list", "สมาชิก"),
    ("meeting_list", "การประชุม"),
    ("notes", "หมายเหตุ"),
]


def _human_network(record: dict[str, Any]) -> dict[str, Any]:
    from datetime import date

    from netcli.thai.dates import format_date_range

    shown = dict(record)
    shown["members"] = pick(
        f"{record['members']:,} คน"
        + (
            f" (สมาชิกของเครือข่ายนี้โดยตรง {record['direct_members']:,} คน)"
            if record["members"] != record["direct_members"]
            else ""
        ),
        f"{record['members']:,}"
        + (
            f" ({record['direct_members']:,} of this network itself)"
            if record["members"] != record["direct_members"]
            else ""
        ),
    )
    shown["covers"] = " ".join(record.get("covers") or []) or None
    shown["sub_network_list"] = (
        "\n".join(f"#{n['id']} {n['name']}" for n in record["sub_network_list"]) or None
    )
    shown["member_list"] = (
        "\n".join(
            f"#{m['id']} {m['full_name']}"
            + (f" ({m['role']})" if m["role"] else "")
            + (f" — {m['network']}" if m.get("network") and m["network"] != record["name"] else "")
            for m in record["member_list"]
        )
        or None
    )
    shown["meeting_list"] = (
        "\n".join(
            f"#{m['id']} "
            + (
                iso_when(m["start_date"], m["end_date"])
                if language() == "en"
                else format_date_range(
                    date.fromisoformat(m["start_date"]),
                    date.fromisoformat(m["end_date"]),
                    short=True,
                )
            )
            + f" {m['title']}"
            for m in record["meeting_list"]
        )
        or None
    )
    return shown


@app.command("add")
def network_add(
    name: Annotated[str, typer.Argument(help="ชื่อเครือข่าย, e.g. เครือข่ายพัฒนาสังคมภาคเหนือตอนบน")],
    level: Level = None,
    province: Prov = None,
    parent: Annotated[
        str | None, typer.Option("--parent", help="parent network (name or id)")
    ] = None,
    note: Annotated[str | None, typer.Option("--note")] = None,
    covers: Covers = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Create a network. Example: netcli network add "เครือข่ายพัฒนาสังคมจังหวัดลำปาง" --level จังหวัด --province ลำปาง"""
    from netcli.networks import records as networks
    from netcli.store import db

    c = conn()
    with db.write(c, "network add"):
        nid = networks.add(
            c, name, level=level, province=province, parent=parent, notes=note, covers=covers
        )
    if fmt is Format.table:
        info(pick(f"สร้างเครือข่ายแล้ว: #{nid}", f"Network created: #{nid}"))
        typer.echo(nid)
    else:
        emit_record(networks.get(c, nid), fmt, SHOW_FIELDS, fields=networks.RECORD_FIELDS)


@app.command("list")
def network_list(
    province: Prov = None,
    level: Level = None,
    fmt: FormatOption = Format.table,
) -> None:
    """List networks in Thai dictionary order. Example: netcli network list --level จังหวัด"""
    from netcli.networks.records import LIST_FIELDS, list_networks

    rows = list_networks(conn(), province=province, level=level)
    emit_list(rows, fmt, LIST_COLUMNS, fields=LIST_FIELDS)


@app.command("edit")
def network_edit(
    network: NetworkArg,
    name: Annotated[str | None, typer.Option("--name", help="new name")] = None,
    level: Level = None,
    province: Prov = None,
    parent: Annotated[
        str | None, typer.Option("--parent", help="parent network (name or id)")
    ] = None,
    covers: Covers = None,
    note: Annotated[str | None, typer.Option("--note")] = None,
    clear: Annotated[
        list[str] | None,
        typer.Option("--clear", help="empty a field: level province parent covers notes"),
    ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Change a network. Example: netcli network edit 1 --covers ภาคเหนือตอนบน"""
    from netcli.networks import records as networks
    from netcli.store import db

    c = conn()
    with db.write(c, "network edit"):
        nid = networks.network_id(c, network)
        changes = networks.edit(
            c,
            nid,
            name=name,
            level=level,
            province=province,
            parent=parent,
            notes=note,
            covers=covers,
            clear=clear,
        )
    if fmt is Format.table:
        info(
            pick(f"แก้ไขแล้ว {len(changes)} ช่อง", f"{len(changes)} field(s) changed")
            if changes
            else "ไม่มีอะไรเปลี่ยน (nothing changed)"
        )
    else:
        emit_record(networks.get(c, nid), fmt, SHOW_FIELDS, fields=networks.RECORD_FIELDS)


@app.command("show")
def network_show(
    network: NetworkArg,
    direct: Annotated[
        bool, typer.Option("--direct", help="this network's own members, not its sub-networks'")
    ] = False,
    fmt: FormatOption = Format.table,
) -> None:
    """Show a network with its members (sub-networks' included), sub-networks and meetings. Example: netcli network show 1"""
    from netcli.networks.records import RECORD_FIELDS, get

    record = get(conn(), network, direct=direct)
    if fmt is Format.table:
        record = _human_network(record)
    emit_record(record, fmt, SHOW_FIELDS, fields=RECORD_FIELDS)


@app.command("join")
def network_join(
    network: NetworkArg,
    members: Annotated[list[str], typer.Argument(help="member ids, uids or full names")],
    role: Annotated[
        str | None, typer.Option("--role", help="role in the network, e.g. coordinator")
    ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Put members in a network. Example: netcli network join "เครือข่ายพัฒนาสังคมภาคเหนือตอนบน" 12 13 --role กรรมการ"""
    from netcli.networks import records as networks
    from netcli.store import db

    c = conn()
    with db.write(c, "network join"):
        result = networks.join_members(c, network, members, role)
    if fmt is Format.table:
        info(f"เพิ่ม/ปรับสมาชิกในเครือข่าย {result.changed} คน (changed {result.changed})")
    else:
        emit_record(result, fmt, [], fields=fields_of(networks.Joined))


@app.command("leave")
def network_leave(
    network: NetworkArg,
    members: Annotated[list[str], typer.Argument(help="member ids, uids or full names")],
    fmt: FormatOption = Format.table,
) -> None:
    """Take members out of a network. Example: netcli network leave 1 12"""
    from netcli.networks import records as networks
    from netcli.store import db

    c = conn()
    with db.write(c, "network leave"):
        result = networks.leave_members(c, network, members)
    if fmt is Format.table:
        left = result.left
        info(
            pick(f"ออกจากเครือข่าย {left} คน", f"{left} left the network")
            if left
            else "ไม่มีใครออก (none of them was a member)"
        )
    else:
        emit_record(result, fmt, [], fields=fields_of(networks.Left))
