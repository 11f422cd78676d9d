"""``netcli demo``: the main job on a fresh database, start to finish."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from netcli.cli.output import info
from netcli.cli.state import conn, state

# The seed forum whose report demo writes (seed 004: eight provinces, 250 people, a fund).
DEMO_REPORT_MEETING = (
    "เวทีติดตามและประเมินผลการดำเนินงานโครงการเสริมสร้างระบบเครือข่ายพัฒนาสังคมและสวัสดิการสังคมระดับอำเภอ ปี ๒๕๕๗"
)


def demo(
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out-dir", help="where to write the sample workbooks (default: beside the database)"
        ),
    ] = None,
) -> None:
    """Load the shipped sample data, print a Thai summary per province, write sample files.

    Writes the roster and the summary workbooks and the report of one seed forum (.docx).

    Example: netcli --db demo.db demo
    """
    from netcli.cli.summary import render_summary_table
    from netcli.demo.loader import load_demo
    from netcli.files.roster import write_roster
    from netcli.reports.summary import build_summary
    from netcli.reports.workbook import write_summary_workbook

    c = conn()
    report = load_demo(c)
    info(f"ฐานข้อมูล: {state().db_path}")
    info(f"โหลดข้อมูลตัวอย่าง: เพิ่มสมาชิก {report['inserted']} คน (มีอยู่แล้ว {report['present']} คน)")
    meetings = report["meetings"]
    info(f"โหลดการประชุมตัวอย่าง {meetings['inserted']} รายการ (มีอยู่แล้ว {meetings['present']} รายการ)")
    for w in report["warnings"]:
        info(f"คำเตือน: {w}")
    summary = build_summary(c, by_month=True)
    render_summary_table(summary)
    folder = out_dir or state().db_path.resolve().parent
    folder.mkdir(parents=True, exist_ok=True)
    roster = write_roster(c, folder / "netcli-demo-roster.xlsx", split_by="province")
    workbook = write_summary_workbook(summary, folder / "netcli-demo-summary.xlsx")
    info(f"เขียนทะเบียนรายชื่อ {roster['members']} คน ไว้ที่ {roster['path']} (sample roster)")
    info(f"เขียนสรุปผลพร้อมแผนภูมิไว้ที่ {workbook} (summary workbook)")
    forum = c.execute(
        "SELECT id FROM meetings WHERE title = ? AND deleted_at IS NULL ORDER BY id LIMIT 1",
        (DEMO_REPORT_MEETING,),
    ).fetchone()
    if forum is not None:
        from netcli.files.meeting_report import write_meeting_report
        from netcli.store.db import current_actor

        report_file = write_meeting_report(
            c, forum[0], folder / "netcli-demo-report.docx", officer=current_actor()
        )
        info(f"เขียนรายงานผลการจัดเวทีไว้ที่ {report_file['path']} (forum report)")
