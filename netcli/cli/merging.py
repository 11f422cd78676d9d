"""Merging laptops: ``merge``, ``conflicts``, ``member duplicates|merge|unmerge``, ``export bundle``.

Plain functions; netcli.cli.app registers them onto the root and the member/export apps.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from netcli.cli.output import Format, FormatOption, echo, emit_json, emit_list, info, warn
from netcli.cli.state import conn

TABLES_TH = {
    "regions": "กลุ่มจังหวัด",
    "networks": "เครือข่าย",
    "members": "สมาชิก",
    "memberships": "การเป็นสมาชิกเครือข่าย",
    "meetings": "เวที/ประชุม",
    "meeting_days": "วันประชุม",
    "attendance": "การเข้าร่วม",
    "outcomes": "มติ/ผลลัพธ์",
    "actions": "งานติดตาม",
}
ShowId = Annotated[
    bool, typer.Option("--show-national-id", help="show national IDs unmasked (masked by default)")
]
CONFLICT_COLUMNS = [
    ("id", "รหัส"),
    ("table_th", "ตาราง"),
    ("uid", "uid"),
    ("field", "ช่อง"),
    ("mine", "ค่าในเครื่องนี้"),
    ("theirs", "ค่าจากอีกเครื่อง"),
    ("other_db", "จากไฟล์"),
]


def _value(v: Any) -> str:
    return "(ว่าง)" if v is None or v == "" else str(v)


def _render_merge(report: dict[str, Any], fmt: Format) -> None:
    if fmt is not Format.table:
        emit_json(report)
        return
    from rich.console import Console
    from rich.table import Table

    title = f"รวมข้อมูลจาก {report['other']}" + (
        " (ทดลอง ไม่บันทึก — dry run)" if report["dry_run"] else ""
    )
    table = Table(title=title)
    for header in ("ตาราง", "เพิ่ม", "แก้ไข", "เหมือนเดิม", "ลบ", "ข้าม"):
        table.add_column(header, justify="left" if header == "ตาราง" else "right")
    for name, c in report["tables"].items():
        table.add_row(
            TABLES_TH.get(name, name),
            *(f"{c[k]:,}" for k in ("inserted", "updated", "unchanged", "deleted", "skipped")),
        )
    console = Console(soft_wrap=False)
    console.print(table)
    if report["conflicts"]:
        rows = [
            {**c, "table_th": TABLES_TH.get(c["table"], c["table"]), "other_db": report["other"]}
            for c in report["conflicts"]
        ]
        emit_list(
            rows,
            Format.table,
            CONFLICT_COLUMNS,
            title="ข้อขัดแย้ง (เก็บค่าในเครื่องนี้ไว้)",
            human={"mine": _value, "theirs": _value},
        )
        info("ตัดสินด้วย netcli conflicts --resolve ID --take mine|theirs")
    if report["purged"]:
        info(f"ลบข้อมูลส่วนบุคคลตามอีกเครื่อง {report['purged']} คน (purged as the other laptop did)")
    for s in report["skipped"][:20]:
        warn(f"ข้าม {TABLES_TH.get(s['table'], s['table'])} {s['uid']}: {s['reason']}")
    if not report["changed"]:
        info("ไม่มีอะไรเปลี่ยน ข้อมูลตรงกันแล้ว (nothing changed: already merged)")


def merge(
    other: Annotated[
        Path, typer.Argument(help="another laptop's netcli database (.db) or bundle (.netcli)")
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="report what would change, write nothing")
    ] = False,
    fmt: FormatOption = Format.table,
) -> None:
    """Merge another laptop's records into this database. Example: netcli merge สำรอง-เครื่องอำเภอ.db"""
    merge_file(other, dry_run=dry_run, fmt=fmt)


def merge_file(other: Path, *, dry_run: bool, fmt: Format) -> None:
    """Merge a .db or a .netcli bundle and render the report (also used by ``netcli import``)."""
    import zipfile

    from netcli.bundle import SUFFIX, import_bundle
    from netcli.merge import merge_database

    if other.suffix.lower() == SUFFIX or (other.is_file() and zipfile.is_zipfile(other)):
        report = import_bundle(conn(), other, dry_run=dry_run)
    else:
        report = merge_database(conn(), other, dry_run=dry_run).as_dict()
    _render_merge(report, fmt)


def conflicts(
    resolve: Annotated[
        int | None, typer.Option("--resolve", help="settle the conflict with this id")
    ] = None,
    take: Annotated[
        str | None,
        typer.Option("--take", help="mine (keep this value) or theirs (take the other)"),
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="also list settled conflicts")] = False,
    show_national_id: ShowId = False,
    fmt: FormatOption = Format.table,
) -> None:
    """List conflicts left by merge, or settle one. Example: netcli conflicts --resolve 3 --take theirs"""
    from netcli import db
    from netcli.merge import list_conflicts, resolve_conflict

    if (resolve is None) != (take is None):
        raise typer.BadParameter(
            "--resolve ID and --take mine|theirs go together", param_hint="--resolve/--take"
        )
    if take is not None and take not in ("mine", "theirs"):
        raise typer.BadParameter("use mine or theirs", param_hint="--take")
    c = conn()
    if resolve is not None and take is not None:
        with db.write(c, "conflicts"):
            result = resolve_conflict(c, resolve, take, show_national_id=show_national_id)
        if fmt is not Format.table:
            emit_json(result)
        else:
            side = "ค่าในเครื่องนี้" if take == "mine" else "ค่าจากอีกเครื่อง"
            info(f"ข้อขัดแย้ง #{resolve}: ใช้{side} ({_value(result['value'])}) แล้ว (resolved: {take})")
        return
    rows = [
        {**r, "table_th": TABLES_TH.get(r["table"], r["table"])}
        for r in list_conflicts(c, include_resolved=all_, show_national_id=show_national_id)
    ]
    if fmt is not Format.table:
        for r in rows:
            r.pop("table_th")
    columns = CONFLICT_COLUMNS + ([("resolution", "ตัดสิน")] if all_ else [])
    emit_list(
        rows, fmt, columns, title="ข้อขัดแย้งจากการรวมข้อมูล", human={"mine": _value, "theirs": _value}
    )


def member_duplicates(
    province: Annotated[str | None, typer.Option("--province", help="จังหวัด, e.g. เชียงใหม่")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """List pairs of members that are probably the same person. Example: netcli member duplicates --province เชียงใหม่"""
    from netcli.duplicates import REASONS_TH, find_duplicates

    pairs = find_duplicates(conn(), province=province)
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
    n = emit_list(pairs, fmt, columns, title="สมาชิกที่อาจซ้ำกัน", human=human)
    if n and fmt is Format.table:
        info("รวมด้วย netcli member merge KEEP OTHER (fold OTHER into KEEP)")


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
    fmt: FormatOption = Format.table,
) -> None:
    """Fold a duplicate member into another; undo with member unmerge. Example: netcli member merge 12 57 --take phone=other"""
    from netcli import db
    from netcli.member_merge import merge_members

    c = conn()
    with db.write(c, "member merge"):
        result = merge_members(c, keep, other, take or [], show_national_id=show_national_id)
    if fmt is not Format.table:
        emit_json(result)
        return
    filled = ", ".join(f"{k}={_value(v)}" for k, v in result["fields"].items()) or "-"
    moved = ", ".join(f"{TABLES_TH.get(k, k)} {v}" for k, v in result["moved"].items()) or "-"
    echo(f"รวมสมาชิก #{result['other']} เข้ากับ #{result['keep']} แล้ว (merge #{result['merge_id']})")
    echo(f"  ช่องที่เติม/รับมา: {filled}")
    echo(f"  ย้ายรายการ: {moved}")
    if result["dropped_duplicates"]:
        dropped = ", ".join(
            f"{TABLES_TH.get(k, k)} {v}" for k, v in result["dropped_duplicates"].items()
        )
        echo(f"  รายการซ้ำที่ตัดออก: {dropped}")
    info(f"ยกเลิกได้ด้วย netcli member unmerge {result['keep']}")


def member_unmerge(
    member: Annotated[
        str | None, typer.Argument(help="KEEP or OTHER of the merge (id or uid)")
    ] = None,
    merge_id: Annotated[
        int | None, typer.Option("--merge", help="the merge number shown by member merge")
    ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Undo a member merge: both records come back as they were. Example: netcli member unmerge 12"""
    from netcli import db
    from netcli.member_merge import unmerge_members

    if member is None and merge_id is None:
        raise typer.BadParameter("give a member (KEEP or OTHER) or --merge ID", param_hint="MEMBER")
    c = conn()
    with db.write(c, "member unmerge"):
        result = unmerge_members(c, member, merge_id=merge_id)
    if fmt is not Format.table:
        emit_json(result)
        return
    echo(
        f"ยกเลิกการรวม #{result['merge_id']} แล้ว: สมาชิก #{result['keep']} และ #{result['other']} แยกกันเหมือนเดิม"
    )


def export_bundle(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="the bundle to write, e.g. เครื่องอำเภอ.netcli")
    ],
    fmt: FormatOption = Format.table,
) -> None:
    """Write the whole database as one checked file for a USB stick or LINE. Example: netcli export bundle -o แม่ฮ่องสอน-2569-11-21.netcli"""
    from netcli.bundle import SUFFIX
    from netcli.bundle import export_bundle as write_bundle

    if output.suffix.lower() != SUFFIX:
        warn(f"ชื่อไฟล์ควรลงท้ายด้วย {SUFFIX} เพื่อให้ netcli import รู้จัก (name it *{SUFFIX})")
    manifest = write_bundle(conn(), output)
    if fmt is not Format.table:
        emit_json(manifest)
        return
    info(f"เขียนชุดข้อมูล {output} แล้ว ({manifest['size']:,} ไบต์, SHA-256 {manifest['sha256'][:12]}…)")
    info(f"อีกเครื่องนำเข้าด้วย netcli import {output.name} หรือ netcli merge {output.name}")
