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
# The keys of a conflict (netcli.sync.merge.list_conflicts) and of a settled one
# (resolve_conflict), in order: the CSV headers of `conflicts` and `conflicts --resolve`.
CONFLICT_FIELDS = (
    "id", "table", "uid", "field", "mine", "theirs", "other_db", "created_at", "resolved_at",
    "resolution",
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


def shown(v: Any) -> str:
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
            fields=CONFLICT_FIELDS,
            title="ข้อขัดแย้ง (เก็บค่าในเครื่องนี้ไว้)",
            human={"mine": shown, "theirs": shown},
        )
        info("ตัดสินด้วย netcli conflicts --resolve ID --take mine|theirs")
    if report["purged"]:
        info(f"ลบข้อมูลส่วนบุคคลตามอีกเครื่อง {report['purged']} คน (purged as the other laptop did)")
        if report.get("copies_erased"):
            info(
                f"ลบจากสำเนาที่ netcli ทำไว้ในเครื่องนี้ด้วย {len(report['copies_erased'])} ไฟล์"
                " (also from this laptop's copies)"
            )
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
    fmt: ReportFormatOption = Format.table,
) -> None:
    """Merge another laptop's records into this database. Example: netcli merge สำรอง-เครื่องอำเภอ.db"""
    merge_file(other, dry_run=dry_run, fmt=fmt)


def merge_file(other: Path, *, dry_run: bool, fmt: Format) -> None:
    """Merge a .db or a .netcli bundle and render the report (also used by ``netcli import``)."""
    import zipfile

    from netcli.sync.bundle import SUFFIX, import_bundle
    from netcli.sync.merge import merge_database

    if other.suffix.lower() == SUFFIX or (other.is_file() and zipfile.is_zipfile(other)):
        report = import_bundle(conn(), other, dry_run=dry_run)
    else:
        report = merge_database(conn(), other, dry_run=dry_run).as_dict()
    _render_merge(report, fmt)
    for item in report.get("not_erased", []):
        warn(f"ยังลบข้อมูลที่ถูกลบตามอีกเครื่องออกจาก {item['path']} ไม่ได้: {item['why']}")
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
            "--resolve ID and --take mine|theirs go together", param_hint="--resolve/--take"
        )
    if take is not None and take not in ("mine", "theirs"):
        raise typer.BadParameter("use mine or theirs", param_hint="--take")
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
    rows = [
        {**r, "table_th": TABLES_TH.get(r["table"], r["table"])}
        for r in list_conflicts(c, include_resolved=all_, show_national_id=show_national_id)
    ]
    if fmt is not Format.table:
        for r in rows:
            r.pop("table_th")
    columns = CONFLICT_COLUMNS + ([("resolution", "ตัดสิน")] if all_ else [])
    emit_list(
        rows,
        fmt,
        columns,
        fields=CONFLICT_FIELDS,
        title="ข้อขัดแย้งจากการรวมข้อมูล",
        human={"mine": shown, "theirs": shown},
    )
