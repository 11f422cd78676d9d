"""``netcli demo``: load the shipped sample data (seed-style networks, members, meetings)."""

from __future__ import annotations

import csv
import io
import sqlite3
from typing import Any

from netcli.networks import records as networks
from netcli.people import members
from netcli.resources import resource_dir
from netcli.store import db
from netcli.store.records import insert_row

NETWORKS = (
    ("เครือข่ายพัฒนาสังคมภาคเหนือตอนบน", "ภาค", None, None),
    ("เครือข่ายพัฒนาสังคมจังหวัดแม่ฮ่องสอน", "จังหวัด", "แม่ฮ่องสอน", "เครือข่ายพัฒนาสังคมภาคเหนือตอนบน"),
    ("เครือข่ายขบวนองค์กรชุมชนภาคใต้", "ภาค", None, None),
)


def _ensure_network(
    conn: sqlite3.Connection, name: str, level: str, province: str | None, parent: str | None
) -> int:
    row = conn.execute(
        "SELECT id FROM networks WHERE name = ? AND deleted_at IS NULL", (name,)
    ).fetchone()
    if row:
        return int(row[0])
    values: dict[str, Any] = {"name": name, "level": level}
    if province:
        from netcli.thai.places import resolve_province

        values["province"], values["province_code"] = resolve_province(province)
    if parent:
        values["parent_id"] = networks.network_id(conn, parent)
    return insert_row(conn, "networks", values)


def load_demo(conn: sqlite3.Connection) -> dict[str, Any]:
    """Load the sample members into the database (people already present are left alone)."""
    text = (resource_dir("sample_data") / "members.csv").read_text(encoding="utf-8")
    report: dict[str, Any] = {"inserted": 0, "present": 0, "warnings": []}
    with db.write(conn, "demo"):
        for name, level, province, parent in NETWORKS:
            _ensure_network(conn, name, level, province, parent)
        for row in csv.DictReader(io.StringIO(text)):
            nets = [n for n in (row.pop("networks") or "").split(";") if n]
            raw = {k: v for k, v in row.items() if v}
            if "issue_areas" in raw:
                raw["issue_areas"] = raw["issue_areas"].split(";")
            prepared = members.prepare({**raw, "source": "demo"})
            existing = members.find_existing(conn, prepared.values)
            if existing is not None:
                report["present"] += 1
                continue
            report["warnings"].extend(
                f"{prepared.values['full_name']}: {w}" for w in prepared.warnings
            )
            mid = members.insert(conn, prepared.values)
            for net in nets:
                networks.join(conn, networks.network_id(conn, net), mid)
            report["inserted"] += 1
        from netcli.demo.meetings import load_demo_meetings

        report["meetings"] = load_demo_meetings(conn)
        report["warnings"].extend(report["meetings"].get("warnings", []))
    return report
