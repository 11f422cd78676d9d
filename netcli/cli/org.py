"""``netcli org …``: organizations (องค์กร/กลุ่ม/กองทุน/ชมรม/สภา/สมาคม/มูลนิธิ/หน่วยงาน).

``org figures`` keeps what an organization reports as of a date (a fund: villages, members,
capital). Capital is what the fund holds; it is never a meeting's budget.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from netcli import i18n
from netcli.cli.output import Format, FormatOption, emit_list, emit_record, info, warn
from netcli.cli.state import conn
from netcli.i18n import _, pick

app = typer.Typer(no_args_is_help=True)

OrgArg = Annotated[str, typer.Argument(help="organization id, uid or exact name")]
Kind = Annotated[
    str | None,
    typer.Option(
        "--kind",
        help="kind: องค์กร กลุ่ม กองทุน ชมรม สภา สมาคม มูลนิธิ or หน่วยงาน (default: the kind word the name starts with)",
    ),
]
Sub = Annotated[str | None, typer.Option("--subdistrict", help="subdistrict (tambon)")]
Dist = Annotated[str | None, typer.Option("--district", help="district (amphoe)")]
Prov = Annotated[
    str | None,
    typer.Option("--province", "-p", help="province, e.g. Lampang, in Thai or its abbreviation"),
]
Leader = Annotated[
    str | None, typer.Option("--leader", help="chair or leader: a member id, uid or full name")
]
Phone = Annotated[str | None, typer.Option("--phone", help="the organization's phone number")]
Note = Annotated[str | None, typer.Option("--note", help="note")]

LIST_COLUMNS = [
    ("id", "รหัส"),
    ("name", "องค์กร"),
    ("kind", "ประเภท"),
    ("province", "จังหวัด"),
    ("leader", "ผู้นำ"),
    ("members", "สมาชิกในระบบ"),
    ("latest_th", "ตัวเลขล่าสุด"),
]
SHOW_FIELDS = [
    ("id", "รหัส"),
    ("uid", "uid"),
    ("name", "องค์กร"),
    ("kind", "ประเภท"),
    ("place", "ที่ตั้ง"),
    ("leader", "ผู้นำ"),
    ("phone", "โทรศัพท์"),
    ("members", "สมาชิกในระบบ"),
    ("figures", "ตัวเลขที่รายงาน"),
    ("notes", "หมายเหตุ"),
]


def english_figures(f: dict[str, Any]) -> str:
    """ "17 villages · 1,697 members · capital … baht": the figures of ``figures_text`` in
    English (also the summary's fund lines under --lang en)."""
    from netcli.people.organizations import figure_parts

    return " · ".join(figure_parts(f, lang="en"))


def figures_text(f: dict[str, Any]) -> str:
    """ "ปี 2557: 17 หมู่บ้าน · สมาชิก 1,697 คน · เงินทุน … บาท" (what the fund holds)."""
    from netcli.people.organizations import figure_parts

    if i18n.language() == "en":
        when = i18n.iso_when(f["as_of"], f.get("as_of_end"), f.get("as_of_precision"))
        return f"{when}: {english_figures(f)}"
    return f"{f['as_of_th']}: " + " · ".join(figure_parts(f))


def _human(record: dict[str, Any]) -> dict[str, Any]:
    from netcli.thai.places import place_text

    shown = dict(record)
    shown["place"] = (
        place_text(record["subdistrict"], record["district"], record["province"]) or None
    )
    if shown["place"] and i18n.language() == "en":
        from netcli.thai.places import without_prefixes

        shown["place"] = without_prefixes(shown["place"])
    leader = record.get("leader")
    shown["leader"] = f"#{leader['id']} {leader['full_name']}" if leader else None
    shown["members"] = (
        "\n".join(
            f"#{m['id']} {m['full_name']}" + (f" ({m['role']})" if m.get("role") else "")
            for m in record["members"]
        )
        or None
    )
    shown["figures"] = "\n".join(figures_text(f) for f in record["figures"]) or None
    return shown


def _show(record: dict[str, Any], fmt: Format) -> None:
    from netcli.people.organizations import RECORD_FIELDS

    if fmt is Format.table:
        emit_record(_human(record), fmt, SHOW_FIELDS, fields=RECORD_FIELDS)
    else:
        emit_record(record, fmt, SHOW_FIELDS, fields=RECORD_FIELDS)


@app.command("add")
def org_add(
    name: Annotated[str, typer.Argument(help="ชื่อองค์กร, e.g. กองทุนสวัสดิการชุมชนตำบลร่องเคาะ")],
    kind: Kind = None,
    subdistrict: Sub = None,
    district: Dist = None,
    province: Prov = None,
    leader: Leader = None,
    phone: Phone = None,
    note: Note = None,
    allow_duplicate: Annotated[
        bool, typer.Option("--allow-duplicate", help="add even if the name is in that province")
    ] = False,
    fmt: FormatOption = Format.table,
) -> None:
    """Add an organization. Example: netcli org add "กองทุนสวัสดิการชุมชนตำบลร่องเคาะ" --district วังเหนือ --province ลำปาง"""
    from netcli.people import organizations as orgs
    from netcli.store import db

    c = conn()
    raw = {
        "name": name,
        "kind": kind,
        "subdistrict": subdistrict,
        "district": district,
        "province": province,
        "leader": leader,
        "phone": phone,
        "notes": note,
    }
    with db.write(c, "org add"):
        oid, warnings = orgs.add(c, raw, allow_duplicate=allow_duplicate)
    for w in warnings:
        warn(w)
    if fmt is Format.table:
        info(pick(f"เพิ่มองค์กรแล้ว: #{oid} {name}", f"Organization added: #{oid} {name}"))
        typer.echo(oid)
    else:
        _show(orgs.get(c, oid), fmt)


@app.command("list")
def org_list(
    province: Prov = None,
    kind: Kind = None,
    search: Annotated[str | None, typer.Option("--search", "-s", help="part of the name")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """List organizations in Thai dictionary order. Example: netcli org list --province ลำปาง --kind กองทุน"""
    from netcli.people.organizations import LIST_FIELDS, list_organizations

    rows = list_organizations(conn(), province=province, kind=kind, search=search)
    if fmt is Format.table:
        for r in rows:
            r["latest_th"] = figures_text(r["latest_figures"]) if r["latest_figures"] else None
    emit_list(rows, fmt, LIST_COLUMNS, fields=LIST_FIELDS)


@app.command("show")
def org_show(org: OrgArg, fmt: FormatOption = Format.table) -> None:
    """Show an organization with its members and dated figures. Example: netcli org show "กองทุนสวัสดิการชุมชนตำบลร่องเคาะ" """
    from netcli.people.organizations import get

    _show(get(conn(), org), fmt)


@app.command("edit")
def org_edit(
    org: OrgArg,
    name: Annotated[str | None, typer.Option("--name", help="new name")] = None,
    kind: Kind = None,
    subdistrict: Sub = None,
    district: Dist = None,
    province: Prov = None,
    leader: Leader = None,
    phone: Phone = None,
    note: Note = None,
    clear: Annotated[
        list[str] | None,
        typer.Option("--clear", help="empty a field: kind place leader phone notes"),
    ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Change an organization. Example: netcli org edit 3 --kind กองทุน --leader "ว่าที่ ร.ต. เกรียงไกร สมคิด" """
    from netcli.people import organizations as orgs
    from netcli.store import db

    c = conn()
    raw = {
        "name": name,
        "kind": kind,
        "subdistrict": subdistrict,
        "district": district,
        "province": province,
        "leader": leader,
        "phone": phone,
        "notes": note,
    }
    with db.write(c, "org edit"):
        oid = orgs.organization_id(c, org)
        changes, warnings = orgs.edit(c, oid, raw, clear=[x.replace("-", "_") for x in clear or []])
    for w in warnings:
        warn(w)
    if fmt is Format.table:
        info(
            pick(f"แก้ไขแล้ว {len(changes)} ช่อง", f"{len(changes)} field(s) changed")
            if changes
            else "ไม่มีอะไรเปลี่ยน (nothing changed)"
        )
    else:
        _show(orgs.get(c, oid), fmt)


@app.command("remove")
def org_remove(org: OrgArg) -> None:
    """Remove an organization (kept in history). Example: netcli org remove 3"""
    from netcli.people import organizations as orgs
    from netcli.store import db

    c = conn()
    with db.write(c, "org remove"):
        oid = orgs.remove(c, org)
    info(f"ลบองค์กร #{oid} แล้ว (removed; kept in history)")


@app.command("figures")
def org_figures(
    org: OrgArg,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="as of when: a day, a month or a year, e.g. 'ปี 2557', '2024-09-30' (required)",
        ),
    ] = None,
    villages: Annotated[
        str | None, typer.Option("--villages", help="number of villages, e.g. 17")
    ] = None,
    members: Annotated[
        str | None, typer.Option("--members", help="number of members reported, e.g. 1,697")
    ] = None,
    capital: Annotated[
        str | None,
        typer.Option(
            "--capital", help="capital or revolving fund (baht) that the organization holds"
        ),
    ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Record the figures an organization reported as of a date (each report is kept).

    Example: netcli org figures "กองทุนสวัสดิการชุมชนตำบลร่องเคาะ" --as-of "ปี 2557" --villages 17 --members 1697
    """
    from netcli.people import organizations as orgs
    from netcli.store import db

    if not as_of:
        raise typer.BadParameter(
            _("--as-of is required, e.g. --as-of 'ปี 2557'"), param_hint="--as-of"
        )
    c = conn()
    with db.write(c, "org figures"):
        oid = orgs.organization_id(c, org)
        fid, created = orgs.add_figures(
            c, oid, as_of=as_of, villages=villages, members=members, capital=capital
        )
    if fmt is Format.table:
        info(
            pick(f"บันทึกตัวเลขขององค์กร #{oid} แล้ว", f"Figures of organization #{oid} recorded")
            + (
                ""
                if created
                else pick(" (แก้ไขรายงานของวันที่เดียวกัน: same date updated)", " (same date updated)")
            )
        )
    else:
        _show(orgs.get(c, oid), fmt)
