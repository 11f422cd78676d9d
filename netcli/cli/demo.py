"""``netcli demo``: the main job on a fresh database, start to finish."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from netcli.cli.output import info
from netcli.cli.state import conn, state
from netcli.i18n import pick

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
    force: Annotated[
        bool,
        typer.Option("--force", help="load the samples into a database that already holds records"),
    ] = False,
) -> None:
    """Load the shipped sample data, print a Thai summary per province, write sample files.

    Without --db (and $NETCLI_DB) it uses its own database, netcli-demo.db, never your
    records; a database that already holds records is refused unless --force. Writes the
    roster and the summary workbooks and the report of one seed forum (.docx), never over an
    existing file.

    Example: netcli --db demo.db demo
    """
    import os

    from netcli.cli.summary import render_summary_table
    from netcli.demo.loader import demo_db_path, holds_records, load_demo
    from netcli.errors import Refused
    from netcli.files.cells import OutputError, free_name
    from netcli.files.roster import write_roster
    from netcli.reports.summary import build_summary
    from netcli.reports.workbook import write_summary_workbook

    st = state()
    own = not st.db_option and not os.environ.get("NETCLI_DB")
    if own:
        st.db_option = str(demo_db_path())  # its own database, never the officer's
    c = conn()
    if own:
        info(f"ใช้ฐานข้อมูลตัวอย่างแยกต่างหาก: {st.db_path} (the demo's own database, not yours)")
    else:
        info(pick(f"ฐานข้อมูล: {st.db_path}", f"Database: {st.db_path}"))
    if holds_records(c) and not force and not _is_demo_db(st.db_path, demo_db_path()):
        raise Refused(
            f"{st.db_path} มีข้อมูลอยู่แล้ว: ไม่ใส่ข้อมูลตัวอย่างปนกับข้อมูลจริง"
            " (the database already holds records; the demo was not loaded)",
            hint="ใช้ netcli demo โดยไม่ใส่ --db หรือ --db ไฟล์ใหม่ (or --force to mix them)",
            code="not-empty",
        )
    folder = (out_dir or st.db_path.resolve().parent).expanduser()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"สร้างโฟลเดอร์ {folder} ไม่ได้: {exc.strerror} (cannot create it)") from None
    report = load_demo(c)
    info(
        pick(
            f"โหลดข้อมูลตัวอย่าง: เพิ่มสมาชิก {report['inserted']} คน (มีอยู่แล้ว {report['present']} คน)",
            f"Sample data loaded: {report['inserted']} members added ({report['present']} already there)",
        )
    )
    meetings = report["meetings"]
    info(
        pick(
            f"โหลดการประชุมตัวอย่าง {meetings['inserted']} รายการ (มีอยู่แล้ว {meetings['present']} รายการ)",
            f"Sample meetings loaded: {meetings['inserted']} ({meetings['present']} already there)",
        )
    )
    for w in report["warnings"]:
        info(f"{pick('คำเตือน', 'warning')}: {w}")
    summary = build_summary(c, by_month=True)
    render_summary_table(summary)
    # Never over an existing file: a taken name gets " (2)", " (3)" …
    roster = write_roster(c, free_name(folder / "netcli-demo-roster.xlsx"), split_by="province")
    workbook = write_summary_workbook(summary, free_name(folder / "netcli-demo-summary.xlsx"))
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
            c, forum[0], free_name(folder / "netcli-demo-report.docx"), officer=current_actor()
        )
        info(f"เขียนรายงานผลการจัดเวทีไว้ที่ {report_file['path']} (forum report)")


def _is_demo_db(path: Path, demo: Path) -> bool:
    """The demo's own database holds only what earlier demos loaded: it may load again."""
    try:
        return path.resolve() == demo.resolve()
    except OSError:
        return False
