"""``netcli export …``: the roster (ทะเบียนรายชื่อ) and the sign-in sheet as Excel files."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from netcli.cli.output import (
    ForceOption,
    Format,
    ReportFormatOption,
    emit_json,
    format_option,
    info,
    warn,
)
from netcli.cli.places import RegionOption
from netcli.cli.state import conn
from netcli.i18n import _, pick

app = typer.Typer(no_args_is_help=True)


class SplitBy(str, Enum):
    province = "province"
    district = "district"
    network = "network"


Output = Annotated[Path, typer.Option("--output", "-o", help="the file to write, e.g. roster.xlsx")]
Province = Annotated[
    str | None,
    typer.Option(
        "--province", "-p", help="only this province, e.g. Lampang, in Thai or its abbreviation"
    ),
]
Network = Annotated[
    str | None,
    typer.Option("--network", help="only this network (name or id), with its sub-networks"),
]


@app.command("roster")
def export_roster(
    output: Output,
    province: Province = None,
    network: Network = None,
    direct: Annotated[
        bool, typer.Option("--direct", help="with --network: that network's own members only")
    ] = False,
    split_by: Annotated[
        SplitBy | None,
        typer.Option("--split-by", help="one sheet per province, district or network"),
    ] = None,
    columns: Annotated[
        list[str] | None,
        typer.Option(
            "--columns", help="columns in order, e.g. full_name,role,phone (or Thai headers)"
        ),
    ] = None,
    show_national_id: Annotated[
        bool, typer.Option("--show-national-id", help="add the national ID column, unmasked")
    ] = False,
    fmt: Annotated[
        Format | None,
        format_option(
            Format.xlsx,
            Format.csv,
            help="xlsx (default; csv when FILE ends in .csv) or csv (UTF-8 with BOM)",
        ),
    ] = None,
    today: Annotated[str | None, typer.Option("--today", hidden=True)] = None,
    region: RegionOption = None,
    force: ForceOption = False,
) -> None:
    """Write the member roster as Excel (or CSV). Example: netcli export roster -o lampang.xlsx --province Lampang --split-by district"""
    from netcli.files.roster import write_roster

    chosen = fmt.value if fmt else ("csv" if output.suffix.lower() == ".csv" else "xlsx")
    if chosen == "csv" and split_by is not None:
        raise typer.BadParameter(
            _("a CSV file has one sheet: --split-by needs xlsx"), param_hint="--split-by"
        )
    from netcli.cli.progress import progress_bar

    with progress_bar("กำลังเขียนรายชื่อ (writing the roster)") as progress:
        report = write_roster(
            conn(),
            output,
            province=province,
            region=region,
            network=network,
            split_by=split_by.value if split_by else None,
            columns=columns,
            show_national_id=show_national_id,
            fmt=chosen,
            today=_today(today),
            direct=direct,
            progress=progress,
            force=force,
        )
    sheets = ", ".join(f"{s['name']} ({s['members']:,})" for s in report["sheets"])
    info(
        pick(
            f"เขียนรายชื่อ {report['members']:,} คน ลงไฟล์ {report['path']} แล้ว ({sheets})",
            f"Wrote {report['members']:,} members to {report['path']} ({sheets})",
        )
    )


@app.command("signin")
def export_signin(
    meeting: Annotated[str, typer.Argument(help="meeting id or uid")],
    output: Output,
    blank_rows: Annotated[
        int | None,
        typer.Option(
            "--blank-rows",
            help="empty numbered rows for walk-ins (default: up to the reported head-count, at least 10)",
            min=0,
            max=1000,
        ),
    ] = None,
    province: Province = None,
    network: Network = None,
    blank: Annotated[
        bool, typer.Option("--blank", help="list no one: numbered empty rows only")
    ] = False,
    with_phone: Annotated[
        bool,
        typer.Option("--with-phone", help="add the phone column (every signer can read it)"),
    ] = False,
    force: ForceOption = False,
) -> None:
    """Write the printable sign-in sheet of a meeting (one sheet per day, a certifier's line).

    Lists the meeting's attendees, else the members of its network and sub-networks.
    Example: netcli export signin 3 -o signin.xlsx
    """
    from netcli.files.signin import write_signin

    report = write_signin(
        conn(),
        meeting,
        output,
        blank_rows=blank_rows,
        province=province,
        network=network,
        blank=blank,
        with_phone=with_phone,
        force=force,
    )
    days = len(report["sheets"])
    expected = max((s["expected"] for s in report["sheets"]), default=0)
    blanks = max((s["blank"] for s in report["sheets"]), default=0)
    info(
        pick(
            f"เขียนแบบลงทะเบียนลงไฟล์ {report['path']} แล้ว: {days} วัน,"
            f" รายชื่อที่คาดว่าจะมา {expected:,} คน + ช่องว่าง {blanks:,} แถว",
            f"Wrote the sign-in sheet {report['path']}: {days} day(s),"
            f" {expected:,} expected people + {blanks:,} blank rows",
        )
    )


def _today(value: str | None) -> date | None:
    if not value:
        return None
    from netcli.thai.dates import parse_date

    return parse_date(value)


@app.command("bundle")
def export_bundle(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="the bundle to write, e.g. district-laptop.netcli"),
    ],
    fmt: ReportFormatOption = Format.table,
    force: ForceOption = False,
) -> None:
    """Write the whole database as one checked file for a USB stick or LINE. Example: netcli export bundle -o maehongson-2026-11-21.netcli"""
    from netcli.sync.bundle import SUFFIX
    from netcli.sync.bundle import export_bundle as write_bundle

    if output.suffix.lower() != SUFFIX:
        warn(f"ชื่อไฟล์ควรลงท้ายด้วย {SUFFIX} เพื่อให้ netcli import รู้จัก (name it *{SUFFIX})")
    from netcli.cli.progress import progress_bar

    with progress_bar("กำลังเขียนชุดข้อมูล (writing the bundle)") as progress:
        manifest = write_bundle(conn(), output, progress, force=force)
    if fmt is not Format.table:
        emit_json(manifest)
        return
    info(
        pick(
            f"เขียนชุดข้อมูล {output} แล้ว ({manifest['size']:,} ไบต์, SHA-256 {manifest['sha256'][:12]}…)",
            f"Wrote the bundle {output} ({manifest['size']:,} bytes, SHA-256 {manifest['sha256'][:12]}…)",
        )
    )
    info(
        pick(
            f"อีกเครื่องนำเข้าด้วย netcli import {output.name} หรือ netcli merge {output.name}",
            f"On the other laptop: netcli import {output.name} or netcli merge {output.name}",
        )
    )
