"""``netcli demo``: load the shipped sample data (the five seed reports, as they state them).

``sample_data/`` holds the networks, organizations (with their dated figures), members and
meetings of the seeds; ``sample_data/README.md`` says which seed each record comes from.
Everything goes through the same validation as the CLI, in one transaction.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

from netcli.networks import records as networks
from netcli.people import members
from netcli.people import organizations as orgs
from netcli.resources import resource_dir
from netcli.store import db


def _data(name: str) -> Any:
    return json.loads((resource_dir("sample_data") / name).read_text(encoding="utf-8"))


def _ensure_network(conn: sqlite3.Connection, item: dict[str, Any]) -> int:
    row = conn.execute(
        "SELECT id FROM networks WHERE name = ? AND deleted_at IS NULL", (item["name"],)
    ).fetchone()
    if row:
        return int(row[0])
    return networks.add(
        conn,
        item["name"],
        level=item.get("level"),
        province=item.get("province"),
        parent=item.get("parent"),
        notes=item.get("notes"),
        covers=item.get("covers"),
    )


def _ensure_organization(conn: sqlite3.Connection, item: dict[str, Any]) -> list[str]:
    from netcli.thai.places import resolve_province

    code = resolve_province(item["province"])[1] if item.get("province") else None
    row = conn.execute(
        "SELECT id FROM organizations WHERE name = ? AND province_code IS ? AND deleted_at IS NULL",
        (item["name"], code),
    ).fetchone()
    if row:
        return []
    oid, warnings = orgs.add(conn, {k: v for k, v in item.items() if k != "figures"})
    for figures in item.get("figures", []):
        orgs.add_figures(
            conn,
            oid,
            as_of=figures["as_of"],
            villages=figures.get("villages"),
            members=figures.get("members"),
            capital=figures.get("capital"),
        )
    return warnings


def demo_db_path() -> Path:
    """The demo's own database, beside the default one (never the officer's real records)."""
    from netcli.store.db import default_db_path

    return default_db_path().with_name("netcli-demo.db")


def holds_records(conn: sqlite3.Connection) -> bool:
    """True when the database already holds members, networks, meetings or organizations."""
    for table in ("members", "networks", "meetings", "organizations"):
        exists = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
        if exists and conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
            return True
    return False


def load_demo(conn: sqlite3.Connection) -> dict[str, Any]:
    """Load the sample data into the database (records already present are left alone)."""
    text = (resource_dir("sample_data") / "members.csv").read_text(encoding="utf-8")
    report: dict[str, Any] = {"inserted": 0, "present": 0, "warnings": []}
    with db.write(conn, "demo"):
        for item in _data("networks.json"):
            _ensure_network(conn, item)
        for item in _data("organizations.json"):
            report["warnings"].extend(
                f"{item['name']}: {w}" for w in _ensure_organization(conn, item)
            )
        for row in csv.DictReader(io.StringIO(text)):
            nets = [n for n in (row.pop("networks") or "").split(";") if n]
            affiliations = [o for o in (row.pop("organizations") or "").split(";") if o]
            raw = {k: v for k, v in row.items() if v}
            if "issue_areas" in raw:
                raw["issue_areas"] = raw["issue_areas"].split(";")
            if affiliations:
                raw["organization"] = affiliations[0]
            prepared = members.prepare({**raw, "source": "demo"})
            existing = members.find_existing(conn, prepared.values)
            if existing is not None:
                report["present"] += 1
                continue
            report["warnings"].extend(
                f"{prepared.values['full_name']}: {w}" for w in prepared.warnings
            )
            mid = members.insert(conn, prepared.values)
            if affiliations:
                orgs.set_member_organizations(conn, mid, affiliations)
            for net in nets:
                networks.join(conn, networks.network_id(conn, net), mid)
            report["inserted"] += 1
        from netcli.demo.meetings import load_demo_meetings

        report["meetings"] = load_demo_meetings(conn)
        report["warnings"].extend(report["meetings"].get("warnings", []))
    return report
