"""Organizations (องค์กร/กลุ่ม/กองทุน/ชมรม/สภา/สมาคม/มูลนิธิ/หน่วยงาน) and their dated figures.

A community welfare fund reports its villages, members and capital every year; each report
is kept (``organization_figures``), dated as precisely as it was reported ("ปี 2557").
Capital is money the fund holds, not money a meeting spent: it never enters a budget.
Members belong to several organizations (``member_organizations``, in the order given);
``members.organization`` keeps the first one as text.
"""

from __future__ import annotations

import difflib
import re
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from netcli.errors import Duplicate, NotFound, ValidationError
from netcli.store.records import clean_text, insert_row, now_iso, update_row
from netcli.store.resolve import resolve

KINDS = ("องค์กร", "กลุ่ม", "กองทุน", "ชมรม", "สภา", "สมาคม", "มูลนิธิ", "หน่วยงาน")
FUND = "กองทุน"
_KIND_SYNONYMS = {
    "organization": "องค์กร",
    "organisation": "องค์กร",
    "group": "กลุ่ม",
    "fund": "กองทุน",
    "club": "ชมรม",
    "council": "สภา",
    "association": "สมาคม",
    "foundation": "มูลนิธิ",
    "agency": "หน่วยงาน",
    "office": "หน่วยงาน",
    "ngo": "องค์กร",
}
# Words that start the name of a public body: its kind is หน่วยงาน.
_AGENCY_WORDS = (
    "สำนักงาน",
    "สำนัก",
    "กรม",
    "กระทรวง",
    "ศูนย์",
    "เทศบาล",
    "องค์การบริหารส่วน",
    "องค์การ",
    "สถาบัน",
    "มหาวิทยาลัย",
    "โรงเรียน",
    "โรงพยาบาล",
    "ที่ทำการ",
)
# Columns a person edits (``org edit``); place columns come from resolve_place.
TEXT_FIELDS = ("name", "kind", "phone", "notes")
PLACE_FIELDS = ("subdistrict", "district", "province")
CLEARABLE = ("kind", "place", "leader", "phone", "notes")


def canonical_kind(value: str) -> str:
    """One of KINDS (or an English synonym); refuses anything else with a suggestion."""
    text = clean_text(value) or ""
    if text in KINDS:
        return text
    key = re.sub(r"[\s_\-]", "", text).lower()
    if key in KINDS:
        return key
    if key in _KIND_SYNONYMS:
        return _KIND_SYNONYMS[key]
    close = difflib.get_close_matches(text, KINDS, n=1, cutoff=0.4)
    raise ValidationError(
        f"ประเภทองค์กร '{value}' ไม่รู้จัก (unknown kind); ใช้ได้: {' '.join(KINDS)}",
        field="kind",
        value=value,
        suggestion=close[0] if close else None,
    )


def kind_from_name(name: str) -> str | None:
    """The kind a name starts with: "กองทุนสวัสดิการชุมชน…" → กองทุน; "สำนักงาน…" → หน่วยงาน."""
    for kind in KINDS:
        if name.startswith(kind):
            return kind
    if name.startswith(_AGENCY_WORDS):
        return "หน่วยงาน"
    return None


def _count(value: Any, field: str) -> int | None:
    """A whole number as people write it: 17, "1,697", "๑๖๙๗", "1697 คน"."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValidationError(f"{field} ต้องเป็นตัวเลข (not a number)", field=field, value=value)
    if isinstance(value, int):
        number = value
    else:
        from netcli.thai.digits import to_arabic

        text = (clean_text(to_arabic(str(value))) or "").removesuffix("คน").removesuffix("หมู่บ้าน")
        text = text.strip()
        if not text:
            return None
        if not re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", text):
            raise ValidationError(
                f"{field} '{value}' ต้องเป็นจำนวนเต็ม เช่น 1,697 (a whole number)",
                field=field,
                value=value,
            )
        number = int(text.replace(",", ""))
    if number < 0:
        raise ValidationError(f"{field} ติดลบ (negative)", field=field, value=value)
    return number


# --- reading -----------------------------------------------------------------------------


def organization_id(conn: sqlite3.Connection, ref: str | int) -> int:
    """A live organization by id, uid or exact name (an ambiguous name lists candidates)."""
    return resolve(conn, "organization", ref)


def _baht(satang: int | None) -> float | None:
    return None if satang is None else round(satang / 100, 2)


def figure_public(row: Mapping[str, Any]) -> dict[str, Any]:
    from netcli.thai.partial_dates import format_stored

    return {
        "as_of": row["as_of"],
        "as_of_end": row["as_of_end"],
        "as_of_precision": row["as_of_precision"],
        "as_of_th": format_stored(
            row["as_of"], row["as_of_end"], row["as_of_precision"], row["as_of_approximate"]
        ),
        "villages": row["villages"],
        "member_count": row["member_count"],
        "capital_baht": _baht(row["capital_satang"]),
    }


def figures_of(conn: sqlite3.Connection, org: int) -> list[dict[str, Any]]:
    return [
        figure_public(r)
        for r in conn.execute(
            "SELECT * FROM organization_figures WHERE organization_id = ?"
            " ORDER BY as_of_end, as_of, id",
            (org,),
        )
    ]


# The keys of ``get`` and of a ``list_organizations`` row: JSON keys and CSV headers.
RECORD_FIELDS = (
    "id", "uid", "name", "kind", "subdistrict", "district", "province", "province_code",
    "district_code", "subdistrict_code", "leader", "phone", "notes", "members", "figures",
    "created_at", "updated_at",
)  # fmt: skip
LIST_FIELDS = (
    "id", "uid", "name", "kind", "subdistrict", "district", "province", "province_code",
    "leader", "members", "latest_figures",
)  # fmt: skip


def get(conn: sqlite3.Connection, ref: str | int) -> dict[str, Any]:
    """One organization as JSON: place, leader (the member or null), members, figures."""
    oid = organization_id(conn, ref)
    row = conn.execute("SELECT * FROM organizations WHERE id = ?", (oid,)).fetchone()
    leader = None
    if row["leader_member_id"] is not None:
        m = conn.execute(
            "SELECT id, uid, full_name, role, province FROM members WHERE id = ?",
            (row["leader_member_id"],),
        ).fetchone()
        if m is not None:
            leader = dict(m)
    members = [
        dict(r)
        for r in conn.execute(
            "SELECT m.id, m.full_name, mo.role FROM member_organizations mo"
            " JOIN members m ON m.id = mo.member_id"
            " WHERE mo.organization_id = ? AND m.deleted_at IS NULL ORDER BY m.id",
            (oid,),
        )
    ]
    return {
        "id": row["id"],
        "uid": row["uid"],
        "name": row["name"],
        "kind": row["kind"],
        "subdistrict": row["subdistrict"],
        "district": row["district"],
        "province": row["province"],
        "province_code": row["province_code"],
        "district_code": row["district_code"],
        "subdistrict_code": row["subdistrict_code"],
        "leader": leader,
        "phone": row["phone"],
        "notes": row["notes"],
        "members": members,
        "figures": figures_of(conn, oid),
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }


def list_organizations(
    conn: sqlite3.Connection,
    *,
    province: str | None = None,
    kind: str | None = None,
    search: str | None = None,
) -> list[dict[str, Any]]:
    """Live organizations in Thai dictionary order, with member count and latest figures."""
    from netcli.thai.collation import thai_sort_key

    clauses, params = ["o.deleted_at IS NULL"], []
    if province:
        from netcli.thai.places import resolve_province

        clauses.append("o.province_code = ?")
        params.append(resolve_province(province)[1])
    if kind:
        clauses.append("o.kind = ?")
        params.append(canonical_kind(kind))
    if search:
        clauses.append("o.name LIKE ?")
        params.append(f"%{clean_text(search) or ''}%")
    rows = conn.execute(
        "SELECT o.*, l.full_name AS leader_name,"
        " (SELECT count(*) FROM member_organizations mo JOIN members m ON m.id = mo.member_id"
        "  WHERE mo.organization_id = o.id AND m.deleted_at IS NULL) AS linked"
        " FROM organizations o LEFT JOIN members l ON l.id = o.leader_member_id"
        f" WHERE {' AND '.join(clauses)}",
        params,
    ).fetchall()
    out = []
    for r in rows:
        latest = conn.execute(
            "SELECT * FROM organization_figures WHERE organization_id = ?"
            " ORDER BY as_of_end DESC, as_of DESC, id DESC LIMIT 1",
            (r["id"],),
        ).fetchone()
        out.append(
            {
                "id": r["id"],
                "uid": r["uid"],
                "name": r["name"],
                "kind": r["kind"],
                "subdistrict": r["subdistrict"],
                "district": r["district"],
                "province": r["province"],
                "province_code": r["province_code"],
                "leader": r["leader_name"],
                "members": r["linked"],
                "latest_figures": figure_public(latest) if latest else None,
            }
        )
    out.sort(key=lambda o: thai_sort_key(o["name"]))
    return out


def names_of_member(conn: sqlite3.Connection, member: int) -> list[str]:
    """The organizations a member belongs to, in the order given (the first is ``organization``)."""
    return [
        r[0]
        for r in conn.execute(
            "SELECT o.name FROM member_organizations mo JOIN organizations o"
            " ON o.id = mo.organization_id WHERE mo.member_id = ? AND o.deleted_at IS NULL"
            " ORDER BY mo.position, mo.id",
            (member,),
        )
    ]


# --- writing (call inside netcli.store.db.write) ------------------------------------------------


def _place(raw: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    from netcli.thai.places import resolve_place

    place = resolve_place(
        subdistrict=clean_text(raw.get("subdistrict")),
        district=clean_text(raw.get("district")),
        province=clean_text(raw.get("province")),
    )
    return place.columns(), list(place.warnings)


def _existing(conn: sqlite3.Connection, name: str, province_code: str | None) -> int | None:
    row = conn.execute(
        "SELECT id FROM organizations WHERE name = ? AND province_code IS ? AND deleted_at IS NULL",
        (name, province_code),
    ).fetchone()
    return int(row[0]) if row else None


def add(
    conn: sqlite3.Connection, raw: Mapping[str, Any], *, allow_duplicate: bool = False
) -> tuple[int, list[str]]:
    """Create an organization from name, kind, place, leader, phone, notes; (id, warnings)."""
    name = clean_text(raw.get("name"))
    if not name:
        raise ValidationError("ชื่อองค์กรว่าง (the organization name is empty)", field="name")
    values: dict[str, Any] = {"name": name}
    kind = clean_text(raw.get("kind"))
    values["kind"] = canonical_kind(kind) if kind else kind_from_name(name)
    warnings: list[str] = []
    if any(clean_text(raw.get(k)) for k in PLACE_FIELDS):
        place, warnings = _place(raw)
        values.update(place)
    existing = _existing(conn, name, values.get("province_code"))
    if existing is not None and not allow_duplicate:
        raise Duplicate(
            f"มีองค์กร '{name}' แล้ว (#{existing}) (organization already exists)",
            existing_id=existing,
        )
    if clean_text(raw.get("leader")):
        from netcli.store.resolve import live_member

        values["leader_member_id"] = live_member(conn, raw["leader"])
    if clean_text(raw.get("phone")):
        from netcli.thai.phones import normalize_phone

        values["phone"] = normalize_phone(raw["phone"])
    if clean_text(raw.get("notes")):
        values["notes"] = clean_text(raw["notes"])
    return insert_row(conn, "organizations", values), warnings


def edit(
    conn: sqlite3.Connection, ref: str | int, raw: Mapping[str, Any], *, clear: Iterable[str] = ()
) -> tuple[dict[str, tuple[Any, Any]], list[str]]:
    """Change the given fields; returns ({field: (before, after)}, warnings)."""
    oid = organization_id(conn, ref)
    row = conn.execute("SELECT * FROM organizations WHERE id = ?", (oid,)).fetchone()
    values: dict[str, Any] = {}
    warnings: list[str] = []
    if clean_text(raw.get("name")):
        values["name"] = clean_text(raw["name"])
    if clean_text(raw.get("kind")):
        values["kind"] = canonical_kind(raw["kind"])
    if any(clean_text(raw.get(k)) for k in PLACE_FIELDS):
        merged = dict(raw)
        for i, key in enumerate(PLACE_FIELDS[::-1]):  # province, district, subdistrict
            if not clean_text(merged.get(key)) and row[key]:
                uppers = PLACE_FIELDS[::-1][:i]
                if not any(clean_text(raw.get(u)) for u in uppers):
                    merged[key] = row[key]
        place, warnings = _place(merged)
        values.update(place)
    if clean_text(raw.get("leader")):
        from netcli.store.resolve import live_member

        values["leader_member_id"] = live_member(conn, raw["leader"])
    if clean_text(raw.get("phone")):
        from netcli.thai.phones import normalize_phone

        values["phone"] = normalize_phone(raw["phone"])
    if clean_text(raw.get("notes")):
        values["notes"] = clean_text(raw["notes"])
    for name in clear:
        if name not in CLEARABLE:
            raise ValidationError(
                f"ล้างช่อง '{name}' ไม่ได้ (cannot clear); ใช้ได้: {', '.join(CLEARABLE)}",
                field="clear",
                value=name,
            )
        if name == "place":
            for key in PLACE_FIELDS:
                values[key] = None
                values[f"{key}_code"] = None
        elif name == "leader":
            values["leader_member_id"] = None
        else:
            values[name] = None
    changes = {k: v for k, v in values.items() if row[k] != v}
    if "name" in changes or "province_code" in changes:
        other = _existing(
            conn, values.get("name", row["name"]), values.get("province_code", row["province_code"])
        )
        if other is not None and other != oid:
            raise Duplicate(
                f"มีองค์กรชื่อนี้ในจังหวัดนี้แล้ว #{other} (this province has an organization of this name)",
                existing_id=other,
            )
    update_row(conn, "organizations", oid, changes)
    if "name" in changes:
        # members.organization keeps the first organization as text: follow the new name.
        conn.execute(
            "UPDATE members SET organization = ?, updated_at = ? WHERE organization = ? AND id IN"
            " (SELECT member_id FROM member_organizations WHERE organization_id = ?)",
            (changes["name"], now_iso(), row["name"], oid),
        )
    return {k: (row[k], v) for k, v in changes.items()}, warnings


def remove(conn: sqlite3.Connection, ref: str | int) -> int:
    """Soft remove: gone from lists and summaries, kept in history (and its links)."""
    oid = organization_id(conn, ref)
    update_row(conn, "organizations", oid, {"deleted_at": now_iso()})
    return oid


def add_figures(
    conn: sqlite3.Connection,
    ref: str | int,
    *,
    as_of: str,
    villages: Any = None,
    members: Any = None,
    capital: Any = None,
) -> tuple[int, bool]:
    """Record the figures an organization reported as of a date (possibly a year only).

    A second report of the same date updates the figures it gives; returns (id, created).
    """
    from netcli.thai.partial_dates import parse_partial_date

    oid = organization_id(conn, ref)
    if not clean_text(as_of):
        raise ValidationError("ไม่มีวันที่ของตัวเลข (--as-of is empty)", field="as_of")
    try:
        when = parse_partial_date(as_of)
    except ValidationError as exc:
        exc.field = "as_of"
        raise
    values: dict[str, Any] = {}
    if villages is not None:
        values["villages"] = _count(villages, "villages")
    if members is not None:
        values["member_count"] = _count(members, "members")
    if capital is not None and clean_text(capital):
        from netcli.thai.money import parse_baht

        try:
            values["capital_satang"] = parse_baht(capital)
        except ValidationError as exc:
            exc.field = "capital"  # parse_baht names "budget", the field it reads most
            raise
    if not values:
        raise ValidationError(
            "ไม่มีตัวเลขให้บันทึก (give --villages, --members or --capital)", field="figures"
        )
    key = (oid, when.start.isoformat(), when.end.isoformat(), when.precision)
    row = conn.execute(
        "SELECT * FROM organization_figures WHERE organization_id = ? AND as_of = ?"
        " AND as_of_end = ? AND as_of_precision = ?",
        key,
    ).fetchone()
    if row is not None:
        update_row(conn, "organization_figures", int(row["id"]), values)
        return int(row["id"]), False
    fid = insert_row(
        conn,
        "organization_figures",
        {
            "organization_id": oid,
            "as_of": key[1],
            "as_of_end": key[2],
            "as_of_precision": key[3],
            "as_of_approximate": int(when.approximate),
            **values,
        },
    )
    return fid, True


# Several organizations in one หน่วยงาน cell: "A; B" (how ``export roster`` writes them,
# and how import reads them back). A comma is not a separator: names hold commas.
SEPARATOR = "; "


def split_names(text: str | None) -> list[str]:
    """The organization names of one cell, in order, each once: "A; B" -> ["A", "B"]."""
    names: list[str] = []
    for part in (text or "").split(";"):
        name = clean_text(part)
        if name and name not in names:
            names.append(name)
    return names


def join_names(names: Iterable[str]) -> str | None:
    """The cell for several organization names ("A; B"); None for none."""
    return SEPARATOR.join(names) or None


def find_or_create(
    conn: sqlite3.Connection, name: str, province: str | None, province_code: str | None
) -> int:
    """The organization of this name in this province, else created there (for member links).

    A person without a province is linked to the one live organization of that name, if
    there is exactly one.
    """
    found = _existing(conn, name, province_code)
    if found is not None:
        return found
    if province_code is None:
        rows = conn.execute(
            "SELECT id FROM organizations WHERE name = ? AND deleted_at IS NULL LIMIT 2", (name,)
        ).fetchall()
        if len(rows) == 1:
            return int(rows[0][0])
    return insert_row(
        conn,
        "organizations",
        {
            "name": name,
            "kind": kind_from_name(name),
            "province": province,
            "province_code": province_code,
        },
    )


def set_member_organizations(
    conn: sqlite3.Connection, member: int, names: Iterable[str]
) -> list[str]:
    """Link a member to these organizations in this order (created in the member's province
    when missing), drop links not named, and keep the first as ``members.organization``."""
    row = conn.execute(
        "SELECT province, province_code, organization FROM members WHERE id = ?", (member,)
    ).fetchone()
    if row is None:
        raise NotFound(f"ไม่พบสมาชิก '{member}' (no such member)")
    wanted: list[str] = []
    for n in names:
        for text in split_names(n):
            if text not in wanted:
                wanted.append(text)
    ids = [find_or_create(conn, n, row["province"], row["province_code"]) for n in wanted]
    current = {
        int(r["organization_id"]): r
        for r in conn.execute(
            "SELECT id, organization_id, position FROM member_organizations WHERE member_id = ?",
            (member,),
        )
    }
    for position, oid in enumerate(ids):
        link = current.pop(oid, None)
        if link is None:
            insert_row(
                conn,
                "member_organizations",
                {"member_id": member, "organization_id": oid, "position": position},
            )
        elif link["position"] != position:
            update_row(conn, "member_organizations", int(link["id"]), {"position": position})
    for link in current.values():
        conn.execute("DELETE FROM member_organizations WHERE id = ?", (link["id"],))
    first = wanted[0] if wanted else None
    if row["organization"] != first:
        update_row(conn, "members", member, {"organization": first})
    return wanted


def link_from_text(conn: sqlite3.Connection, member_ids: Iterable[int] | None = None) -> int:
    """Link members whose ``organization`` text names no organization of theirs yet (import).

    Set-based: the distinct (name, province) pairs missing are created, then the links
    inserted in one statement. Several names in one cell ("A; B", as ``export roster``
    writes them) are one organization each, in that order, the first kept as the member's
    ``organization``. Returns the number of links added.
    """
    scope = ""
    params: list[Any] = []
    ids = None if member_ids is None else sorted(set(member_ids))
    if ids is not None:
        if not ids:
            return 0
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS _org_scope (id INTEGER PRIMARY KEY)")
        conn.execute("DELETE FROM _org_scope")
        conn.executemany("INSERT INTO _org_scope (id) VALUES (?)", [(i,) for i in ids])
        scope = " AND m.id IN (SELECT id FROM _org_scope)"
    added = _link_several(conn, scope, params)
    missing = conn.execute(
        "SELECT DISTINCT m.organization, m.province, m.province_code FROM members m"
        f" WHERE m.deleted_at IS NULL AND m.organization IS NOT NULL{scope}"
        " AND NOT EXISTS (SELECT 1 FROM member_organizations mo JOIN organizations o"
        "  ON o.id = mo.organization_id WHERE mo.member_id = m.id AND o.name = m.organization)"
        " AND NOT EXISTS (SELECT 1 FROM organizations o WHERE o.name = m.organization"
        "  AND o.province_code IS m.province_code AND o.deleted_at IS NULL)",
        params,
    ).fetchall()
    for name, province, code in missing:
        find_or_create(conn, name, province, code)
    # One statement for all links, with ids never used before (see store.records.insert_row).
    base = conn.execute(
        "SELECT max(coalesce((SELECT max(id) FROM member_organizations), 0),"
        " coalesce((SELECT max(row_id) FROM change_log WHERE table_name = 'member_organizations'), 0))"
    ).fetchone()[0]
    cur = conn.execute(
        "INSERT INTO member_organizations (id, member_id, organization_id, position)"
        " SELECT ? + row_number() OVER (ORDER BY mid), mid, oid, -1 FROM"
        " (SELECT m.id AS mid, (SELECT o.id FROM organizations o WHERE o.name = m.organization"
        "  AND o.province_code IS m.province_code AND o.deleted_at IS NULL ORDER BY o.id LIMIT 1)"
        f" AS oid FROM members m WHERE m.deleted_at IS NULL AND m.organization IS NOT NULL{scope}"
        " AND NOT EXISTS (SELECT 1 FROM member_organizations mo JOIN organizations o"
        "  ON o.id = mo.organization_id WHERE mo.member_id = m.id AND o.name = m.organization))"
        " WHERE oid IS NOT NULL",
        [base, *params],
    )
    if ids is not None:
        conn.execute("DELETE FROM _org_scope")
    return added + max(cur.rowcount, 0)


def _link_several(conn: sqlite3.Connection, scope: str, params: list[Any]) -> int:
    """Members whose ``organization`` text names several ("A; B"): linked to each (after
    any links they have), the first left as their ``organization``. Rare: row by row."""
    rows = conn.execute(
        "SELECT m.id, m.organization, m.province, m.province_code FROM members m"
        f" WHERE m.deleted_at IS NULL AND instr(m.organization, ';') > 0{scope}",
        params,
    ).fetchall()
    added = 0
    for mid, text, province, code in rows:
        names = split_names(text)
        linked = {
            int(r[0])
            for r in conn.execute(
                "SELECT organization_id FROM member_organizations WHERE member_id = ?", (mid,)
            )
        }
        for name in names:
            oid = find_or_create(conn, name, province, code)
            if oid not in linked:
                # position -1 like every link an import makes; the cell's order by id.
                insert_row(
                    conn,
                    "member_organizations",
                    {"member_id": mid, "organization_id": oid, "position": -1},
                )
                linked.add(oid)
                added += 1
        update_row(conn, "members", mid, {"organization": names[0] if names else None})
    return added


# --- summary --------------------------------------------------------------------------------


def province_organizations(
    conn: sqlite3.Connection, codes: list[str] | None
) -> dict[str | None, dict[str, Any]]:
    """Per province: organizations by kind, and the latest figures of each fund there."""
    where = "o.deleted_at IS NULL"
    params: list[Any] = []
    if codes is not None:
        if not codes:
            return {}
        where += f" AND o.province_code IN ({', '.join('?' for _ in codes)})"
        params.extend(codes)
    out: dict[str | None, dict[str, Any]] = {}
    for code, kind, n in conn.execute(
        f"SELECT o.province_code, o.kind, count(*) FROM organizations o WHERE {where}"
        " GROUP BY o.province_code, o.kind",
        params,
    ):
        entry = out.setdefault(code, {"by_kind": {}, "funds": []})
        entry["by_kind"][kind or "ไม่ระบุ"] = n
    for r in conn.execute(
        "SELECT o.id, o.name, o.province_code, o.subdistrict, o.district, f.* FROM organizations o"
        " JOIN organization_figures f ON f.organization_id = o.id"
        f" WHERE {where} AND f.id = (SELECT f2.id FROM organization_figures f2"
        "  WHERE f2.organization_id = o.id ORDER BY f2.as_of_end DESC, f2.as_of DESC, f2.id DESC"
        "  LIMIT 1) ORDER BY o.name",
        params,
    ):
        entry = out.setdefault(r["province_code"], {"by_kind": {}, "funds": []})
        entry["funds"].append(
            {
                "id": r[0],
                "name": r[1],
                "subdistrict": r[3],
                "district": r[4],
                **figure_public(r),
            }
        )
    return out


# The words of a fund's figures, by language: (villages, members, capital), each around its number.
_FIGURE_WORDS = {
    "th": ("{} หมู่บ้าน", "สมาชิก {} คน", "เงินทุน {} บาท"),
    "en": ("{} villages", "{} members", "capital {} baht"),
}


def figure_parts(
    f: Mapping[str, Any],
    *,
    lang: str = "th",
    number: Any = "{:,}".format,
    baht: Any = None,
) -> list[str]:
    """The figures a fund's record holds, each in words ("17 หมู่บ้าน", "สมาชิก 1,697 คน",
    "เงินทุน … บาท"); a figure not reported is left out, never shown as 0. ``number`` and
    ``baht`` (satang -> text) write the numbers (Thai digits in a report)."""
    if baht is None:
        from netcli.thai.money import format_baht as baht
    villages, members, capital = _FIGURE_WORDS[lang]
    parts = []
    if f.get("villages") is not None:
        parts.append(villages.format(number(f["villages"])))
    if f.get("member_count") is not None:
        parts.append(members.format(number(f["member_count"])))
    if f.get("capital_baht") is not None:
        parts.append(capital.format(baht(round(f["capital_baht"] * 100))))
    return parts
