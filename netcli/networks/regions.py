"""Regions (ภาค) and groups of provinces (กลุ่มจังหวัด) for summaries.

The six official regions and the groups the networks use ship as data
(``netcli/networks/regions.json``, province names and codes checked against the official list
by the tests). A user's own groups live in the ``regions`` table, one row per province.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from netcli.errors import Duplicate, NotFound, ValidationError
from netcli.store.db import require_write

_DATA = Path(__file__).resolve().parent / "regions.json"

OFFICIAL = "official"
GROUP = "group"
USER = "user"
KIND_LABELS = {OFFICIAL: "ภาคทางการ", GROUP: "กลุ่มจังหวัด", USER: "กลุ่มของผู้ใช้"}


@dataclass(frozen=True)
class Region:
    """A named set of provinces: ``provinces`` holds (code, Thai name) in Thai dictionary order."""

    name: str
    kind: str
    provinces: tuple[tuple[str, str], ...]
    note: str | None = None

    @property
    def codes(self) -> list[str]:
        return [code for code, _ in self.provinces]

    def to_public(self) -> dict[str, object]:
        """The region as JSON; its keys are PUBLIC_FIELDS."""
        return {
            "name": self.name,
            "kind": self.kind,
            "provinces": [name for _, name in self.provinces],
            "province_codes": self.codes,
            "note": self.note,
        }


PUBLIC_FIELDS = ("name", "kind", "provinces", "province_codes", "note")


@lru_cache(maxsize=1)
def shipped_regions() -> tuple[Region, ...]:
    """The regions and groups that ship with netcli."""
    doc = json.loads(_DATA.read_text(encoding="utf-8"))
    return tuple(
        Region(
            name=r["name"],
            kind=r["kind"],
            provinces=tuple((p["code"], p["name"]) for p in r["provinces"]),
            note=r.get("note"),
        )
        for r in doc["regions"]
    )


@lru_cache(maxsize=1)
def province_name_by_code() -> dict[str, str]:
    """Code -> official Thai name of the 77 provinces (from the official regions, no geothai)."""
    return {
        code: name for r in shipped_regions() if r.kind == OFFICIAL for code, name in r.provinces
    }


@lru_cache(maxsize=1)
def province_code_by_name() -> dict[str, str]:
    """Official Thai name -> code (the exact names only; thai.places reads everything else)."""
    return {name: code for code, name in province_name_by_code().items()}


def _sorted_provinces(codes: list[str]) -> tuple[tuple[str, str], ...]:
    from netcli.thai.collation import thai_sort_key

    names = province_name_by_code()
    pairs = {(c, names.get(c, c)) for c in codes}
    return tuple(sorted(pairs, key=lambda p: thai_sort_key(p[1])))


def _clean_name(name: str) -> str:
    from netcli.thai.text import clean

    return clean(name or "")


def user_regions(conn: sqlite3.Connection) -> list[Region]:
    """The user's own groups (``region add``), by name."""
    groups: dict[str, list[str]] = {}
    for row in conn.execute("SELECT name, province_code FROM regions ORDER BY name, province_code"):
        groups.setdefault(row[0], []).append(row[1])
    return [Region(name, USER, _sorted_provinces(codes)) for name, codes in groups.items()]


def list_regions(conn: sqlite3.Connection) -> list[Region]:
    """Shipped regions first (official, then groups), then the user's groups in Thai order."""
    from netcli.thai.collation import thai_sort_key

    users = sorted(user_regions(conn), key=lambda r: thai_sort_key(r.name))
    return [*shipped_regions(), *users]


def find_region(conn: sqlite3.Connection, name: str) -> Region:
    """A region by its name (``ภาคเหนือตอนบน``; ``เหนือตอนบน`` without ภาค also works)."""
    text = _clean_name(name)
    regions = list_regions(conn)
    by_name = {r.name: r for r in regions}
    for candidate in (text, f"ภาค{text}", text.removeprefix("กลุ่มจังหวัด")):
        if candidate in by_name:
            return by_name[candidate]
    import difflib

    close = difflib.get_close_matches(text, list(by_name), n=1, cutoff=0.6)
    raise NotFound(
        f"ไม่พบภาคหรือกลุ่มจังหวัด '{text}' (no such region)",
        hint=(
            f"หมายถึง '{close[0]}' หรือไม่? ดูรายชื่อด้วย netcli region list"
            f" (did you mean '{close[0]}'? list them with netcli region list)"
            if close
            else "ดูรายชื่อด้วย netcli region list หรือสร้างด้วย netcli region add"
            " (list them with netcli region list or add one with netcli region add)"
        ),
    )


def region_codes(conn: sqlite3.Connection, name: str) -> list[str]:
    """The province codes of a region or group of provinces (``--region``), by any name
    :func:`find_region` knows; refuses an unknown name."""
    return find_region(conn, name).codes


def add_region(conn: sqlite3.Connection, name: str, provinces: list[str]) -> tuple[Region, int]:
    """Create a user group or add provinces to it (call inside ``netcli.store.db.write``).

    Returns the group and how many provinces were new. A shipped region's name is refused:
    a summary by that name must mean the same thing on every laptop.
    """
    require_write(conn)
    from netcli.store.records import insert_row
    from netcli.thai.places import resolve_province

    text = _clean_name(name)
    if not text:
        raise ValidationError(
            "ชื่อกลุ่มจังหวัดว่าง (the region name is empty)",
            code="missing-value",
            field="name",
            value=name,
        )
    if len(text) > 100:
        raise ValidationError(
            "ชื่อกลุ่มจังหวัดยาวเกิน 100 ตัวอักษร (name too long)",
            code="too-long",
            field="name",
            value=text,
        )
    if any(r.name == text for r in shipped_regions()):
        raise Duplicate(
            f"'{text}' เป็นภาคที่มากับโปรแกรมแล้ว แก้ไขไม่ได้ (a shipped region)",
            code="duplicate-region",
            hint=f"ตั้งชื่อกลุ่มใหม่ เช่น 'กลุ่ม{text}ของฉัน' (choose another name, e.g. 'กลุ่ม{text}ของฉัน')",
        )
    if not provinces:
        raise ValidationError(
            "ต้องระบุจังหวัดอย่างน้อยหนึ่งจังหวัด (give at least one province)",
            code="missing-value",
            field="province",
        )
    codes: list[str] = []
    for raw in provinces:
        _, code = resolve_province(raw)
        if code not in codes:
            codes.append(code)
    present = {
        row[0] for row in conn.execute("SELECT province_code FROM regions WHERE name = ?", (text,))
    }
    added = 0
    for code in codes:
        if code not in present:
            insert_row(conn, "regions", {"name": text, "province_code": code})
            added += 1
    region = next(r for r in user_regions(conn) if r.name == text)
    return region, added
