"""``netcli demo``: the main job on a fresh database, start to finish."""

from __future__ import annotations

import typer

from netcli.cli.output import info
from netcli.cli.state import conn, state


def demo() -> None:
    """Load the shipped sample data and print a Thai summary per province. Example: netcli --db demo.db demo"""
    from netcli.demo import load_demo

    c = conn()
    report = load_demo(c)
    info(f"ฐานข้อมูล: {state().db_path}")
    info(f"โหลดข้อมูลตัวอย่าง: เพิ่มสมาชิก {report['inserted']} คน (มีอยู่แล้ว {report['present']} คน)")
    meetings = report["meetings"]
    info(f"โหลดการประชุมตัวอย่าง {meetings['inserted']} รายการ (มีอยู่แล้ว {meetings['present']} รายการ)")
    for w in report["warnings"]:
        info(f"คำเตือน: {w}")
    rows = c.execute(
        "SELECT province, count(*) AS members, count(DISTINCT district_code) AS districts,"
        " count(DISTINCT coalesce(subdistrict_code, subdistrict)) AS subdistricts"
        " FROM members WHERE deleted_at IS NULL AND province IS NOT NULL GROUP BY province_code"
    ).fetchall()
    from netcli.thai.collation import thai_sort_key

    typer.echo("สรุปสมาชิกรายจังหวัด")
    for r in sorted(rows, key=lambda r: thai_sort_key(r["province"])):
        typer.echo(
            f"  จ.{r['province']}: สมาชิก {r['members']:,} คน ใน {r['districts']} อำเภอ {r['subdistricts']} ตำบล"
        )
    total = sum(r["members"] for r in rows)
    typer.echo(f"  รวม {len(rows)} จังหวัด สมาชิก {total:,} คน")
