"""``netcli member …``: add, list, show, edit, remove, export-data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from netcli import i18n
from netcli.cli.confirm import Yes, confirm
from netcli.cli.merge import TABLES_TH, shown
from netcli.cli.output import (
    Format,
    FormatOption,
    ReportFormatOption,
    echo,
    emit_csv,
    emit_json,
    emit_list,
    emit_record,
    info,
    warn,
)
from netcli.cli.places import RegionOption
from netcli.cli.state import conn, state
from netcli.i18n import _, pick

app = typer.Typer(no_args_is_help=True)

NameArg = Annotated[
    str | None, typer.Argument(help="full name with its title prefix (Mr, Mrs, Miss … in Thai)")
]
Role = Annotated[str | None, typer.Option("--role", help="position, e.g. network chair")]
Org = Annotated[
    list[str] | None,
    typer.Option(
        "--org",
        help="agency, group or fund (repeatable; linked to the organization of that name in"
        " the member's province, else created; the first is 'organization')",
    ),
]
Sector = Annotated[
    str | None,
    typer.Option(
        "--sector",
        help="sector: government, private, people, civil society, local government, academic, media or volunteer",
    ),
]
Issue = Annotated[
    list[str] | None, typer.Option("--issue-area", help="issue area, e.g. elderly (repeatable)")
]
Village = Annotated[str | None, typer.Option("--village", help="village number (moo)")]
Sub = Annotated[str | None, typer.Option("--subdistrict", help="subdistrict (tambon or khwaeng)")]
Dist = Annotated[str | None, typer.Option("--district", help="district (amphoe or khet)")]
Prov = Annotated[
    str | None,
    typer.Option("--province", "-p", help="province, e.g. Chiang Mai, in Thai or its abbreviation"),
]
Phone = Annotated[str | None, typer.Option("--phone", help="phone number, e.g. 081-234-5678")]
Email = Annotated[str | None, typer.Option("--email", help="e-mail address")]
Line = Annotated[str | None, typer.Option("--line", help="LINE id")]
NatId = Annotated[
    str | None, typer.Option("--national-id", help="13-digit national ID (masked in output)")
]
Joined = Annotated[
    str | None, typer.Option("--joined", help="date joined, Thai or ISO, e.g. 2019-06-13")
]
Consent = Annotated[
    str | None, typer.Option("--consent", help="consent to keep personal data, with its purpose")
]
Note = Annotated[str | None, typer.Option("--note", help="note")]
Network = Annotated[
    list[str] | None, typer.Option("--network", help="join this network (repeatable)")
]
ShowId = Annotated[bool, typer.Option("--show-national-id", help="show national IDs unmasked")]

LIST_COLUMNS = [
    ("id", "รหัส"),
    ("full_name", "ชื่อ - สกุล"),
    ("role", "ตำแหน่ง"),
    ("organization", "หน่วยงาน"),
    ("subdistrict", "ตำบล"),
    ("district", "อำเภอ"),
    ("province", "จังหวัด"),
    ("phone", "โทรศัพท์"),
]
# On a narrow terminal (cli.layout): the name and the phone are always shown whole; the
# place goes first, then organization and role, wrapped between words before that.
LIST_FIT: dict[str, dict[str, Any]] = {
    "id": {"justify": "right"},
    "full_name": {"ident": True, "min_width": 12},
    "role": {"wrap": True, "drop": 3},
    "organization": {"wrap": True, "drop": 4},
    "subdistrict": {"wrap": True, "drop": 6, "min_width": 8},
    "district": {"wrap": True, "drop": 5, "min_width": 8},
    "province": {"wrap": True, "drop": 2, "min_width": 8},
    "phone": {},
}
SHOW_FIELDS = [
    ("id", "รหัส"),
    ("uid", "uid"),
    ("full_name", "ชื่อ - สกุล"),
    ("role", "ตำแหน่ง"),
    ("organizations", "หน่วยงาน/องค์กร"),
    ("sector", "ภาคส่วน"),
    ("issue_areas", "ประเด็น"),
    ("village", "หมู่ที่"),
    ("subdistrict", "ตำบล"),
    ("district", "อำเภอ"),
    ("province", "จังหวัด"),
    ("phone", "โทรศัพท์"),
    ("email", "อีเมล"),
    ("line_id", "LINE"),
    ("national_id", "เลขบัตรประชาชน"),
    ("joined_on", "วันที่เข้าร่วม"),
    ("consent_at", "ยินยอมเมื่อ"),
    ("consent_purpose", "วัตถุประสงค์ที่ยินยอม"),
    ("networks", "เครือข่าย"),
    ("notes", "หมายเหตุ"),
    ("source", "ที่มา"),
    ("created_at", "สร้างเมื่อ"),
    ("updated_at", "แก้ไขเมื่อ"),
]


def _human() -> dict[str, Any]:
    from datetime import date

    from netcli.thai.dates import format_date
    from netcli.thai.partial_dates import format_reduced_iso
    from netcli.thai.phones import format_phone

    def d(v: Any) -> Any:
        return format_date(date.fromisoformat(v)) if v else v

    def joined(v: Any) -> Any:  # "2024-06" or "2024" when only the month or year is known
        return format_reduced_iso(v) if v else v

    return {"phone": lambda v: format_phone(v) if v else v, "joined_on": joined, "consent_at": d}


def _fields(**options: Any) -> dict[str, Any]:
    """CLI options -> member input fields (only those given)."""
    raw = {k: v for k, v in options.items() if v is not None}
    if "consent" in raw:
        from datetime import date

        raw["consent_purpose"] = raw.pop("consent")
        raw.setdefault("consent_at", date.today().isoformat())
    return raw


@app.command("add")
def member_add(
    name: NameArg = None,
    role: Role = None,
    org: Org = None,
    sector: Sector = None,
    issue_area: Issue = None,
    village: Village = None,
    subdistrict: Sub = None,
    district: Dist = None,
    province: Prov = None,
    phone: Phone = None,
    email: Email = None,
    line: Line = None,
    national_id: NatId = None,
    joined: Joined = None,
    consent: Consent = None,
    note: Note = None,
    network: Network = None,
    from_: Annotated[
        str | None,
        typer.Option("--file", "--from", help="NDJSON or CSV file of members, or - for stdin"),
    ] = None,
    allow_duplicate: Annotated[
        bool, typer.Option("--allow-duplicate", help="add even if the person seems present")
    ] = False,
    fmt: FormatOption = Format.table,
) -> None:
    """Add a member. Example: netcli member add "Mr Somchai Jaidee" --province "Chiang Mai" --phone 0812345678"""
    from netcli.networks import records as networks
    from netcli.people import members
    from netcli.store import db

    if from_ is not None:
        if name:
            raise typer.BadParameter(_("give NAME or --file, not both"))
        _add_from(from_, allow_duplicate=allow_duplicate, fmt=fmt, network=network)
        return
    if not name:
        raise typer.BadParameter(_("NAME is required (or --file FILE)"), param_hint="NAME")
    raw = _fields(
        name=name,
        role=role,
        organization=org[0] if org else None,
        sector=sector,
        issue_areas=issue_area or None,
        village=village,
        subdistrict=subdistrict,
        district=district,
        province=province,
        phone=phone,
        email=email,
        line_id=line,
        national_id=national_id,
        joined_on=joined,
        consent=consent,
        notes=note,
    )
    prepared = members.prepare(raw)
    for w in prepared.warnings:
        warn(w)
    shown = len(prepared.warnings)
    c = conn()
    with db.write(c, "member add"):
        mid = members.add(c, prepared, allow_duplicate=allow_duplicate, source="cli")
        if org:
            from netcli.people.organizations import set_member_organizations

            set_member_organizations(c, mid, org)
        for net in network or []:
            networks.join(c, networks.network_id(c, net), mid)
    for w in prepared.warnings[shown:]:  # a shared phone or ID with another person's name
        warn(w)
    if fmt is Format.table:
        info(
            pick(
                f"เพิ่มสมาชิกแล้ว: {prepared.values['full_name']}",
                f"Member added: {prepared.values['full_name']}",
            )
        )
        typer.echo(mid)
    else:
        emit_record(members.get(c, mid), fmt, SHOW_FIELDS, fields=members.PUBLIC_FIELDS)


def _add_from(
    source: str, *, allow_duplicate: bool, fmt: Format, network: list[str] | None
) -> None:
    from netcli.errors import ROW_ERROR_FIELDS
    from netcli.importer.bulk_add import add_from_file

    report = add_from_file(
        conn(), source, allow_duplicate=allow_duplicate, network_names=network or []
    )
    if fmt in (Format.json, Format.ndjson):
        emit_json(report)
    else:
        info(
            f"เพิ่ม {report['inserted']} คน, ซ้ำ {report['duplicates']} คน, ปฏิเสธ {report['rejected']} แถว"
            f" (inserted {report['inserted']}, duplicates {report['duplicates']}, rejected {report['rejected']})"
        )
        if fmt is Format.csv:
            # The rows that did not go in, one CSV row each (as import -f csv prints them).
            emit_csv(report["errors"], ROW_ERROR_FIELDS)
        else:
            for e in report["errors"]:
                info(f"  {pick('แถว', 'row')} {e['row']}: {i18n.localized(e['message'])}")
    if report["rejected"] or report["duplicates"]:
        raise typer.Exit(1)


@app.command("list")
def member_list(
    province: Prov = None,
    region: RegionOption = None,
    district: Dist = None,
    subdistrict: Sub = None,
    network: Annotated[
        str | None,
        typer.Option("--network", help="members of this network and its sub-networks"),
    ] = None,
    direct: Annotated[
        bool, typer.Option("--direct", help="with --network: that network alone")
    ] = False,
    sector: Sector = None,
    search: Annotated[
        str | None,
        typer.Option("--search", "-s", help="Thai substring of name, organization or role"),
    ] = None,
    removed: Annotated[bool, typer.Option("--removed", help="include removed members")] = False,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            min=1,
            help="at most N members, the first ones by id",
        ),
    ] = None,
    show_national_id: ShowId = False,
    fmt: FormatOption = Format.table,
) -> None:
    """List members, in Thai dictionary order. Example: netcli member list --province ลำปาง --search สมศรี"""
    from netcli.people.members import (
        PUBLIC_FIELDS,
        MemberFilter,
        list_members_fields,
        list_members_rendered,
    )

    f = MemberFilter(
        province=province,
        region=region,
        district=district,
        subdistrict=subdistrict,
        network=network,
        sector=sector,
        search=search,
        include_removed=removed,
        direct=direct,
    )
    if fmt is not Format.table:
        # JSON, NDJSON and CSV: each member rendered by SQLite (the same bytes, far faster).
        shape = "csv" if fmt is Format.csv else "json"
        rows = list_members_rendered(
            conn(), f, shape, show_national_id=show_national_id, limit=limit
        )
        emit_list(rows, fmt, LIST_COLUMNS, fields=PUBLIC_FIELDS)
        return
    from netcli.thai.collation import thai_sort_key

    columns = LIST_COLUMNS + ([("national_id", "เลขบัตรประชาชน")] if show_national_id else [])
    # The table shows a few columns: only those are read (no networks, no organizations).
    keys = [k for k, _ in columns] + ["first_name", "last_name"]
    sort_keys: dict[str, Any] = {}  # a long list repeats its names: each key made once

    def name_key(text: str) -> Any:
        key = sort_keys.get(text)
        if key is None:
            key = sort_keys[text] = thai_sort_key(text)
        return key

    rows = sorted(
        list_members_fields(conn(), f, keys, show_national_id=show_national_id, limit=limit),
        key=lambda r: (name_key(r["first_name"]), name_key(r["last_name"] or "")),
    )
    emit_list(rows, fmt, columns, fields=PUBLIC_FIELDS, human=_human(), fit=LIST_FIT)


@app.command("show")
def member_show(
    member: Annotated[str, typer.Argument(help="member id, uid or full name")],
    show_national_id: ShowId = False,
    fmt: FormatOption = Format.table,
) -> None:
    """Show one member. Example: netcli member show 12"""
    from netcli.people.members import PUBLIC_FIELDS, get

    record = get(conn(), member, show_national_id=show_national_id)
    emit_record(record, fmt, _show_fields(record), fields=PUBLIC_FIELDS, human=_human())


def _show_fields(record: dict[str, Any]) -> list[tuple[str, str]]:
    """SHOW_FIELDS, with Bangkok's แขวง and เขต where a province has ตำบล and อำเภอ."""
    from netcli.thai.places import BANGKOK

    if record.get("province_code") != BANGKOK:
        return SHOW_FIELDS
    bangkok = {"subdistrict": "แขวง", "district": "เขต"}
    return [(key, bangkok.get(key, label)) for key, label in SHOW_FIELDS]


@app.command("edit")
def member_edit(
    member: Annotated[str, typer.Argument(help="member id, uid or full name")],
    name: Annotated[str | None, typer.Option("--name", help="new full name with prefix")] = None,
    role: Role = None,
    org: Org = None,
    sector: Sector = None,
    issue_area: Issue = None,
    village: Village = None,
    subdistrict: Sub = None,
    district: Dist = None,
    province: Prov = None,
    phone: Phone = None,
    email: Email = None,
    line: Line = None,
    national_id: NatId = None,
    joined: Joined = None,
    consent: Consent = None,
    note: Note = None,
    network: Network = None,
    clear: Annotated[
        list[str] | None,
        typer.Option("--clear", help="empty this field (repeatable), e.g. --clear email"),
    ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Change a member's fields. Example: netcli member edit 12 --phone 0891112222 --role ประธาน"""
    from netcli.networks import records as networks
    from netcli.people import members
    from netcli.store import db

    raw = _fields(
        name=name,
        role=role,
        organization=org[0] if org else None,
        sector=sector,
        issue_areas=issue_area or None,
        village=village,
        subdistrict=subdistrict,
        district=district,
        province=province,
        phone=phone,
        email=email,
        line_id=line,
        national_id=national_id,
        joined_on=joined,
        consent=consent,
        notes=note,
    )
    c = conn()
    if any(k in raw for k in ("subdistrict", "district", "province")):
        # A place is resolved as a whole. A level not given is kept from the record only
        # when every level above it is unchanged: a new province clears the old district.
        current = members.get(c, member)
        levels = ("province", "district", "subdistrict")
        for i, key in enumerate(levels):
            if key in raw:
                continue
            if any(upper in raw for upper in levels[:i]):
                raw[key] = None
            elif current[key]:
                raw[key] = current[key]
    prepared = members.prepare(raw, partial=True)
    for w in prepared.warnings:
        warn(w)
    clear_fields = tuple(_clear_columns(clear or []))
    with db.write(c, "member edit"):
        changes = members.edit(c, member, prepared, clear=clear_fields)
        mid = members.member_id(c, member)
        if org or "organization" in clear_fields:
            from netcli.people.organizations import set_member_organizations

            set_member_organizations(c, mid, org or [])
        for net in network or []:
            networks.join(c, networks.network_id(c, net), mid)
    if fmt is Format.table:
        info(
            pick(f"แก้ไขแล้ว {len(changes)} ช่อง", f"{len(changes)} field(s) changed")
            if changes
            else "ไม่มีอะไรเปลี่ยน (nothing changed)"
        )
    else:
        emit_record(members.get(c, mid), fmt, SHOW_FIELDS, fields=members.PUBLIC_FIELDS)


def _clear_columns(names: list[str]) -> list[str]:
    from netcli.people.members import DATA_COLUMNS

    aliases = {
        "org": "organization",
        "line": "line_id",
        "joined": "joined_on",
        "note": "notes",
        "issue-area": "issue_areas",
    }
    out = []
    for n in names:
        col = aliases.get(n, n.replace("-", "_"))
        if col not in DATA_COLUMNS or col in ("first_name", "full_name", "name_key"):
            raise typer.BadParameter(
                _("cannot clear '{name}'").format(name=n), param_hint="--clear"
            )
        out.append(col)
        if col in ("subdistrict", "district", "province"):
            out.append(f"{col}_code")
    return out


@app.command("remove")
def member_remove(
    member: Annotated[str, typer.Argument(help="member id, uid or full name")],
    purge: Annotated[
        bool,
        typer.Option("--purge", help="erase personal data everywhere, change log included (PDPA)"),
    ] = False,
    yes: Yes = False,
) -> None:
    """Remove a member (kept in history), or erase them with --purge. Example: netcli member remove 12"""
    from netcli.people import members, privacy
    from netcli.store import db

    c = conn()
    if purge:
        shown = members.get(c, member, include_removed=True)["full_name"]
        confirm(
            pick(
                f"ลบข้อมูลส่วนบุคคลของ {shown} ถาวร ย้อนกลับไม่ได้? (erase for good)",
                f"Erase the personal data of {shown} for good? It cannot be undone",
            ),
            yes=yes,
        )
        erasure = privacy.erase(c, state().db_path, member)
        report_erasure(erasure, f"สมาชิก #{erasure.member_id}")
        return
    with db.write(c, "member remove"):
        mid = members.remove(c, member)
    info(f"ลบสมาชิก #{mid} ออกจากรายชื่อแล้ว (removed; kept in history)")


def report_erasure(erasure: Any, who: str) -> None:
    """Say what a purge reached, and exit 1 naming whatever still holds the person."""
    if erasure.complete:
        info(f"ลบข้อมูลส่วนบุคคลของ{who} แล้ว (personal data erased; attendance counts kept)")
    else:
        info(
            f"ลบข้อมูลส่วนบุคคลของ{who} ออกจากรายการในฐานข้อมูลแล้ว แต่ยังลบไม่ครบทุกที่"
            " (erased from the records, but not yet everywhere):"
        )
    if erasure.copies:
        info(
            f"ลบจากสำเนาที่ netcli ทำไว้ด้วย {len(erasure.copies)} ไฟล์"
            " (also erased from netcli's own copies and backups)"
        )
    if erasure.held_by_reader:
        warn(
            "ข้อมูลยังอยู่ในไฟล์จนกว่าโปรแกรมที่เปิดอยู่จะปิด"
            " (another program has the database open: the bytes stay in the file until it closes;"
            " close it and run the purge again)"
        )
    for path, why in erasure.failed:
        warn(f"ยังลบจาก {path} ไม่ได้: {why} (this copy still holds the person)")
    for path in erasure.missing:
        warn(f"ไม่พบสำเนา {path} ตอนนี้ (a recorded backup is not here: purge again when it is)")
    if not erasure.complete:
        raise typer.Exit(1)


@app.command("export-data")
def member_export_data(
    member: Annotated[str, typer.Argument(help="member id, uid or full name")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="write to this file instead of stdout")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="replace the output file if it exists (atomically)")
    ] = False,
) -> None:
    """Everything kept about one person as JSON, for their own copy (PDPA s30). Example: netcli member export-data 12"""
    import json

    from netcli.people.privacy import export_data

    if output:
        from netcli.files.cells import check_output

        conn()  # opened first: the check knows its files
        check_output(output, force=force)
    data = export_data(conn(), member)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if output:
        from netcli.files.cells import atomic_write_bytes

        # The person's whole record, national ID unmasked: readable by the owner only
        # (mkstemp makes it 0600 from the first byte), all of it or nothing.
        atomic_write_bytes(output, (text + "\n").encode("utf-8"), force=force)
        info(pick(f"เขียนไฟล์ {output} แล้ว", f"Wrote {output}"))
    else:
        typer.echo(text)


@app.command("duplicates")
def member_duplicates(
    province: Prov = None,
    region: RegionOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """List pairs of members that are probably the same person. Example: netcli member duplicates --province เชียงใหม่"""
    from netcli.cli.progress import progress_bar
    from netcli.people.duplicates import PAIR_FIELDS, REASONS_TH, find_duplicates

    with progress_bar("กำลังเทียบรายชื่อ (comparing members)") as progress:
        pairs = find_duplicates(conn(), province=province, region=region, progress=progress)
    columns = [
        ("score", "คะแนน"),
        ("reasons", "เหตุผล"),
        ("id_a", "รหัส 1"),
        ("name_a", "ชื่อ 1"),
        ("id_b", "รหัส 2"),
        ("name_b", "ชื่อ 2"),
        ("subdistrict", "ตำบล"),
        ("province", "จังหวัด"),
    ]
    human = {
        "reasons": lambda v: ", ".join(REASONS_TH.get(r, r) for r in v),
        "score": lambda v: f"{v:.2f}",
    }
    n = emit_list(pairs, fmt, columns, fields=PAIR_FIELDS, title="สมาชิกที่อาจซ้ำกัน", human=human)
    if n and fmt is Format.table:
        info("รวมด้วย netcli member merge KEEP OTHER (fold OTHER into KEEP)")


@app.command("distinct")
def member_distinct(
    a: Annotated[str, typer.Argument(help="one member (id, uid or full name)")],
    b: Annotated[str, typer.Argument(help="the other member (id, uid or full name)")],
    undo: Annotated[
        bool, typer.Option("--undo", help="take the mark back: they may be one person")
    ] = False,
    fmt: ReportFormatOption = Format.table,
) -> None:
    """Record that two members are different people: never listed as duplicates again. Example: netcli member distinct 12 57"""
    from netcli.people.distinct import mark_distinct, unmark_distinct
    from netcli.store import db

    c = conn()
    with db.write(c, "member distinct"):
        result = unmark_distinct(c, a, b) if undo else mark_distinct(c, a, b)
    if fmt is not Format.table:
        emit_json(result)
        return
    pair = f"#{result['id_a']} {result['name_a']} กับ #{result['id_b']} {result['name_b']}"
    if result["status"] == "unmarked":
        info(f"ยกเลิกแล้ว: {pair} อาจเป็นคนเดียวกัน (mark taken back)")
    elif result["status"] == "already":
        info(f"บันทึกไว้แล้วว่า {pair} เป็นคนละคน (already marked distinct)")
    else:
        info(f"บันทึกแล้วว่า {pair} เป็นคนละคน (marked distinct; left out of member duplicates)")


@app.command("merge")
def member_merge(
    keep: Annotated[str, typer.Argument(help="the member to keep (id or uid)")],
    other: Annotated[str, typer.Argument(help="the duplicate to fold into KEEP (id or uid)")],
    take: Annotated[
        list[str] | None,
        typer.Option(
            "--take", help="FIELD=other: take OTHER's value of FIELD (repeatable), e.g. phone=other"
        ),
    ] = None,
    show_national_id: ShowId = False,
    fmt: ReportFormatOption = Format.table,
) -> None:
    """Fold a duplicate member into another; undo with member unmerge. Example: netcli member merge 12 57 --take phone=other"""
    from netcli.people.merge import merge_members
    from netcli.store import db

    c = conn()
    with db.write(c, "member merge"):
        result = merge_members(c, keep, other, take or [], show_national_id=show_national_id)
    if fmt is not Format.table:
        emit_json(result)
        return
    filled = ", ".join(f"{k}={shown(v)}" for k, v in result["fields"].items()) or "-"
    english = i18n.language() == "en"  # the keys are the English names of the tables

    def table(k: str) -> str:
        return k.replace("_", " ") if english else TABLES_TH.get(k, k)

    moved = ", ".join(f"{table(k)} {v}" for k, v in result["moved"].items()) or "-"
    echo(
        pick(
            f"รวมสมาชิก #{result['other']} เข้ากับ #{result['keep']} แล้ว (merge #{result['merge_id']})",
            f"Member #{result['other']} merged into #{result['keep']} (merge #{result['merge_id']})",
        )
    )
    echo(f"  {pick('ช่องที่เติม/รับมา', 'fields filled or taken')}: {filled}")
    echo(f"  {pick('ย้ายรายการ', 'records moved')}: {moved}")
    if result["dropped_duplicates"]:
        dropped = ", ".join(f"{table(k)} {v}" for k, v in result["dropped_duplicates"].items())
        echo(f"  {pick('รายการซ้ำที่ตัดออก', 'duplicate records dropped')}: {dropped}")
    info(
        pick(
            f"ยกเลิกได้ด้วย netcli member unmerge {result['keep']}",
            f"Undo with netcli member unmerge {result['keep']}",
        )
    )


@app.command("unmerge")
def member_unmerge(
    member: Annotated[
        str | None, typer.Argument(help="KEEP or OTHER of the merge (id or uid)")
    ] = None,
    merge_id: Annotated[
        int | None, typer.Option("--merge", help="the merge number shown by member merge")
    ] = None,
    fmt: ReportFormatOption = Format.table,
) -> None:
    """Undo a member merge: both records come back as they were. Example: netcli member unmerge 12"""
    from netcli.people.merge import unmerge_members
    from netcli.store import db

    if member is None and merge_id is None:
        raise typer.BadParameter(
            _("give a member (KEEP or OTHER) or --merge ID"), param_hint="MEMBER"
        )
    c = conn()
    with db.write(c, "member unmerge"):
        result = unmerge_members(c, member, merge_id=merge_id)
    if fmt is not Format.table:
        emit_json(result)
        return
    echo(
        pick(
            f"ยกเลิกการรวม #{result['merge_id']} แล้ว: สมาชิก #{result['keep']} และ #{result['other']} แยกกันเหมือนเดิม",
            f"Merge #{result['merge_id']} undone: members #{result['keep']} and #{result['other']}"
            " are apart again",
        )
    )
