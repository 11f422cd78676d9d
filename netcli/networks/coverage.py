"""Coverage: the provinces a meeting or a network covers, with or without a host province.

``--covers`` takes provinces or regions (a region expands to its provinces, and the region's
name is kept beside each of them); a summary of a region or province includes what covers it.
One implementation for meetings (``meeting_coverage``) and networks (``network_coverage``).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from netcli.errors import NetcliError, ValidationError
from netcli.store.records import insert_row

Covered = tuple[str, str, str | None]  # (province, province code, the region it came from)
# what covers -> (its coverage table, the column naming it)
TABLES = {
    "meeting": ("meeting_coverage", "meeting_id"),
    "network": ("network_coverage", "network_id"),
}


def resolve_covers(conn: sqlite3.Connection, items: Any) -> list[Covered]:
    """Provinces or regions → [(province, code, region or None)], regions expanded, no repeats."""
    from netcli.networks.regions import find_region, province_name_by_code
    from netcli.thai.places import resolve_province
    from netcli.thai.text import clean

    names = province_name_by_code()
    out: list[Covered] = []
    seen: set[str] = set()
    for raw in [items] if isinstance(items, str) else items or []:
        text = clean(str(raw or ""))
        if not text:
            continue
        try:
            region = find_region(conn, text)
            pairs = [(names.get(c, n), c, region.name) for c, n in region.provinces]
        except NetcliError:
            try:
                name, code = resolve_province(text)
            except ValidationError as exc:
                raise ValidationError(
                    f"'{text}' ไม่ใช่จังหวัดหรือภาค/กลุ่มจังหวัดที่รู้จัก (not a province or region)",
                    field="covers",
                    value=text,
                    suggestion=exc.suggestion,
                    hint="ดูภาคและกลุ่มจังหวัดด้วย netcli region list (list regions)",
                ) from None
            pairs = [(name, code, None)]
        for name, code, via in pairs:
            if code not in seen:
                seen.add(code)
                out.append((name, code, via))
    return out


def set_covers(conn: sqlite3.Connection, what: str, owner: int, covers: list[Covered]) -> bool:
    """Replace the provinces ``owner`` (a meeting or network id) covers; True if anything changed."""
    table, column = TABLES[what]
    current = {
        r["province_code"]: r
        for r in conn.execute(f"SELECT * FROM {table} WHERE {column} = ?", (owner,))
    }
    wanted = {code for _, code, _ in covers}
    changed = False
    for code, row in current.items():
        if code not in wanted:
            conn.execute(f"DELETE FROM {table} WHERE id = ?", (row["id"],))
            changed = True
    for name, code, via in covers:
        if code not in current:
            insert_row(
                conn,
                table,
                {column: owner, "province": name, "province_code": code, "via_region": via},
            )
            changed = True
    return changed


def covers_of(conn: sqlite3.Connection, what: str, owner: int) -> list[str]:
    """The provinces ``owner`` covers, in the order given."""
    table, column = TABLES[what]
    return [
        r[0]
        for r in conn.execute(
            f"SELECT province FROM {table} WHERE {column} = ? ORDER BY id", (owner,)
        )
    ]
