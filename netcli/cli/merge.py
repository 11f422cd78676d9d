"""``netcli merge`` (another laptop's file into this one) and ``netcli conflicts``.

Plain functions; netcli.cli.app registers them onto the root.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from netcli.cli.output import (
    Format,
    FormatOption,
    ReportFormatOption,
    emit_json,
    emit_list,
    emit_record,
    info,
    warn,
)
from netcli.cli.state import conn
from netcli.i18n import _, localized, pick

TABLES_TH = {
    "regions": "กลุ่มจังหวัด",
    "networks": "เครือข่าย",
    "members": "สมาชิก",
    "member_distinct": "คู่ที่เป็นคนละคน",
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
# The keys of a conflict (netcli.sync.merge.list_conflicts) and of a settled one
# (resolve_conflict), in order: the CSV headers of `conflicts` and `conflicts --resolve`.
CONFLICT_FIELDS = (
    "id", "table", "uid", "field", "mine", "theirs", "other_db", "mine_by", "mine_at",
    "theirs_by", "theirs_at", "created_at", "resolved_at", "resolution",
)  # fmt: skip
RESOLVED_FIELDS = ("id", "resolution", "table", "uid", "field", "value")
CONFLICT_COLUMNS = [
    ("id", "รหัส"),
    ("table_th", "ตาราง"),
    ("uid", "uid"),
    ("field", "ช่อง"),
    ("mine", "ค่าในเครื่องนี้"),
    ("theirs", "ค่าจากอีกเครื่อง"),
    ("other_db", "จากไฟล์"),
]


def _fold_line(f: dict[str, Any]) -> str:
    how, folded, kept = f["how"], f["folded"], f["kept"]
    if how == "undone there":
        return (
            f"ยกเลิกการรวมสมาชิก {folded} กับ {kept} ตามอีกเครื่อง"
            " (member merge undone, as the other laptop did)"
        )
    if how == "undone: distinct there":
        return (
            f"ยกเลิกการรวมสมาชิก {folded} กับ {kept} เพราะอีกเครื่องบันทึกว่าเป็นคนละคน"
            " (member merge undone: marked distinct on the other laptop)"
        )
    if how.startswith("not taken"):
        why = "บันทึกว่าเป็นคนละคน" if how.endswith("distinct here") else "ยกเลิกการรวมไว้แล้ว"
        return (
            f"ไม่รวมสมาชิก {folded} เข้ากับ {kept} ตามอีกเครื่อง เพราะเครื่องนี้{why}"
            f" (the other laptop's member merge is not taken: {how[len('not taken: ') :]})"
        )
    return (
        f"รวมสมาชิก {folded} เข้ากับ {kept} ตามอีกเครื่อง"
        " (folded as the other laptop did; undo with netcli member unmerge)"
    )


def shown(v: Any) -> str:
    return "(ว่าง)" if v is None or v == "" else str(v)


def _human_conflict(c: dict[str, Any]) -> dict[str, Any]:
    """A conflict row for the table: a removal reads as one, with who and when on each side."""
    row = {**c, "table_th": TABLES_TH.get(c["table"], c["table"])}
    for side in ("mine", "theirs"):
        if c["field"] == "deleted_at":
            row[side] = f"ลบแล้ว (removed) {c[side]}" if c[side] else "ยังอยู่ แก้ไขแล้ว (edited)"
        by, at = c.get(f"{side}_by"), c.get(f"{side}_at")
        if by or at:
            row[side] = f"{shown(row[side])} — {by or '?'} {at or ''}".rstrip()
    return row


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
        rows = [_human_conflict({**c, "other_db": report["other"]}) for c in report["conflicts"]]
        emit_list(
            rows,
            Format.table,
            CONFLICT_COLUMNS,
            fields=CONFLICT_FIELDS,
            title="ข้อขัดแย้ง (เก็บค่าในเครื่องนี้ไว้)",
            human={"mine": shown, "theirs": shown},
        )
        info(
            pick(
                "ตัดสินด้วย netcli conflicts --resolve ID --take mine|theirs",
                "Decide with netcli conflicts --resolve ID --take mine|theirs",
            )
        )
    for f in report.get("folds", []):
        info(_fold_line(f))
    if report["purged"]:
        info(f"ลบข้อมูลส่วนบุคคลตามอีกเครื่อง {report['purged']} คน (purged as the other laptop did)")
        if report.get("copies_erased"):
            info(
                f"ลบจากสำเนาที่ netcli ทำไว้ในเครื่องนี้ด้วย {len(report['copies_erased'])} ไฟล์"
                " (also from this laptop's copies)"
            )
    if report.get("invalid_count"):
        warn(
            f"ไม่รับ {report['invalid_count']:,} แถวที่มีค่าที่ netcli ไม่เขียน"
            " (rows skipped: values no netcli command writes; netcli merge --strict refuses the file)"
        )
        for p in report["invalid"][:20]:
            warn(
                f"  {p['table']} {p['uid'] or '?'} {pick('ช่อง', 'field')} {p['field']} = {p['value']!r}:"
                f" {localized(p['why'])}"
            )
    for s in report["skipped"][:20]:
        warn(
            pick(
                f"ข้าม {TABLES_TH.get(s['table'], s['table'])} {s['uid']}: {s['reason']}",
                f"skipped {s['table']} {s['uid']}: {localized(s['reason'])}",
            )
        )
    if not report["changed"]:
        info("ไม่มีอะไรเปลี่ยน ข้อมูลตรงกันแล้ว (nothing changed: already merged)")


def merge(
    other: Annotated[
        Path, typer.Argument(help="another laptop's netcli database (.db) or bundle (.netcli)")
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="report what would change, write nothing")
    ] = False,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="refuse the whole file if any row holds a value netcli would not write"
        ),
    ] = False,
    fmt: ReportFormatOption = Format.table,
) -> None:
    """Merge another laptop's records into this database. Example: netcli merge district-laptop.db"""
    merge_file(other, dry_run=dry_run, fmt=fmt, strict=strict)


def merge_file(other: Path, *, dry_run: bool, fmt: Format, strict: bool = False) -> None:
    """Merge a .db or a .netcli bundle and render the report (also used by ``netcli import``)."""
    import zipfile

    from netcli.cli.progress import progress_bar
    from netcli.sync.bundle import SUFFIX, import_bundle
    from netcli.sync.merge import merge_database

    with progress_bar("กำลังรวมข้อมูล (merging)") as progress:
        if other.suffix.lower() == SUFFIX or (other.is_file() and zipfile.is_zipfile(other)):
            report = import_bundle(conn(), other, dry_run=dry_run, progress=progress, strict=strict)
        else:
            report = merge_database(
                conn(), other, dry_run=dry_run, progress=progress, strict=strict
            ).as_dict()
    _render_merge(report, fmt)
    for item in report.get("not_erased", []):
        warn(
            pick(
                f"ยังลบข้อมูลที่ถูกลบตามอีกเครื่องออกจาก {item['path']} ไม่ได้: {item['why']}",
                f"could not yet erase what the other laptop erased from {item['path']}:"
                f" {localized(item['why'])}",
            )
        )
    if report.get("not_erased"):
        raise typer.Exit(1)


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
    from netcli.store import db
    from netcli.sync.merge import list_conflicts, resolve_conflict

    if (resolve is None) != (take is None):
        raise typer.BadParameter(
            _("--resolve ID and --take mine|theirs go together"), param_hint="--resolve/--take"
        )
    if take is not None and take not in ("mine", "theirs"):
        raise typer.BadParameter(_("use mine or theirs"), param_hint="--take")
    c = conn()
    if resolve is not None and take is not None:
        with db.write(c, "conflicts"):
            result = resolve_conflict(c, resolve, take, show_national_id=show_national_id)
        if fmt is not Format.table:
            emit_record(result, fmt, [], fields=RESOLVED_FIELDS)
        else:
            side = "ค่าในเครื่องนี้" if take == "mine" else "ค่าจากอีกเครื่อง"
            info(f"ข้อขัดแย้ง #{resolve}: ใช้{side} ({shown(result['value'])}) แล้ว (resolved: {take})")
        return
    rows = list_conflicts(c, include_resolved=all_, show_national_id=show_national_id)
    if fmt is Format.table:
        rows = [_human_conflict(r) for r in rows]
    columns = CONFLICT_COLUMNS + ([("resolution", "ตัดสิน")] if all_ else [])
    emit_list(
        rows,
        fmt,
        columns,
        fields=CONFLICT_FIELDS,
        title="ข้อขัดแย้งจากการรวมข้อมูล",
        human={"mine": shown, "theirs": shown},
    )
