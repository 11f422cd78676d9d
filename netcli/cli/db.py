"""``netcli init`` and ``netcli db …``: status, check, backup, restore."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from netcli import i18n
from netcli.cli.confirm import Yes, confirm
from netcli.cli.output import Format, ReportFormatOption, emit_json, info
from netcli.cli.state import conn, state

app = typer.Typer(no_args_is_help=True)


def init() -> None:
    """Create or upgrade the database (safe to run again). Example: netcli --db work.db init"""
    c = conn()
    version = c.execute("PRAGMA user_version").fetchone()[0]
    info(f"ฐานข้อมูลพร้อมใช้: {state().db_path} (schema version {version})")


@app.command("status")
def db_status(fmt: ReportFormatOption = Format.table) -> None:
    """Schema version and record counts. Example: netcli db status --format json"""
    from netcli.store.status import status

    report = status(conn(), state().db_path)
    if fmt is not Format.table:
        emit_json(report)
        return
    labels = {
        "members": "สมาชิก",
        "networks": "เครือข่าย",
        "memberships": "การเป็นสมาชิกเครือข่าย",
        "meetings": "เวที/ประชุม",
        "meeting_days": "วันประชุม",
        "attendance": "การเข้าร่วม",
        "outcomes": "มติ/ผลลัพธ์",
        "actions": "งานติดตาม",
        "imports": "การนำเข้า",
        "change_log": "ประวัติการแก้ไข",
    }
    english = i18n.language() == "en"  # the keys are the English names of the tables
    typer.echo(f"{i18n.pick('ฐานข้อมูล', 'Database')}: {report['path']}")
    typer.echo(
        f"{i18n.pick('รุ่นโครงสร้าง (schema)', 'Schema version')}:"
        f" {report['schema_version']} / {report['latest_version']}"
    )
    for key, n in report["counts"].items():
        label = key.replace("_", " ") if english else labels.get(key, key)
        typer.echo(f"  {label}: {n:,}")


@app.command("check")
def db_check() -> None:
    """Integrity and foreign-key check; exit 1 on a problem. Example: netcli db check"""
    from netcli.store.db import integrity_problems

    problems = integrity_problems(conn())
    if problems:
        for p in problems[:50]:
            typer.echo(p, err=True)
        info(f"พบปัญหา {len(problems)} รายการ (database has problems)")
        raise typer.Exit(1)
    info("ฐานข้อมูลสมบูรณ์ (ok: integrity and foreign keys)")


@app.command("backup")
def db_backup(
    dest: Annotated[Path, typer.Argument(help="the backup file to create")],
    force: Annotated[
        bool, typer.Option("--force", help="replace an older backup of that name (atomically)")
    ] = False,
) -> None:
    """Online backup, safe while others write. Example: netcli db backup backup-2026-11-21.db"""
    from netcli.files.cells import check_output
    from netcli.store.db import backup

    c = conn()
    target = dest / "netcli-backup.db" if dest.is_dir() else dest
    check_output(target, force=force, database=True)
    written = backup(c, target, force=force, db_path=state().db_path)
    info(f"สำรองข้อมูลไว้ที่ {written} แล้ว (backup written)")


@app.command("restore")
def db_restore(
    source: Annotated[Path, typer.Argument(help="a backup made by netcli db backup")],
    yes: Yes = False,
) -> None:
    """Replace the database with a checked backup; the replaced one is kept aside. Example: netcli db restore backup.db --yes"""
    from netcli.store.restore import restore
    from netcli.sync.incoming import refuse_bad_values

    st = state()
    confirm(
        i18n.pick(
            f"แทนที่ฐานข้อมูล {st.db_path} ด้วย {source}? (replace the database)",
            f"Replace the database {st.db_path} with {source}?",
        ),
        yes=yes,
    )
    st.close()
    kept = restore(source, st.db_path, check=refuse_bad_values)
    info(f"กู้คืนจาก {source} แล้ว; ฐานข้อมูลเดิมเก็บไว้ที่ {kept} (restored; previous database kept)")
