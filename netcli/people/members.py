"""Members (สมาชิก): the one validation path and the reads and writes of member records.

``prepare`` is used by ``member add``, ``member add --from``, ``member edit`` and
``import``: there is no second way for a value to get into the table.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

from netcli.errors import Duplicate, NotFound, ValidationError
from netcli.people.distinct import are_distinct, distinct_pairs
from netcli.store.limits import check_bounds
from netcli.store.records import (
    Prepared,
    clean_text,
    from_json_list,
    insert_row,
    json_list,
    now_iso,
    update_row,
)
from netcli.store.resolve import member_id  # noqa: F401 - members.member_id

SECTORS = (
    "ภาครัฐ",
    "ภาคเอกชน",
    "ภาคประชาชน",
    "ประชาสังคม",
    "องค์กรปกครองส่วนท้องถิ่น",
    "วิชาการ",
    "สื่อ",
    "อาสาสมัคร",
)
_SECTOR_SYNONYMS = {
    "รัฐ": "ภาครัฐ",
    "ราชการ": "ภาครัฐ",
    "ภาคราชการ": "ภาครัฐ",
    "government": "ภาครัฐ",
    "เอกชน": "ภาคเอกชน",
    "ธุรกิจ": "ภาคเอกชน",
    "private": "ภาคเอกชน",
    "ประชาชน": "ภาคประชาชน",
    "ชุมชน": "ภาคประชาชน",
    "community": "ภาคประชาชน",
    "ngo": "ประชาสังคม",
    "เอ็นจีโอ": "ประชาสังคม",
    "civilsociety": "ประชาสังคม",
    "อปท": "องค์กรปกครองส่วนท้องถิ่น",
    "อปท.": "องค์กรปกครองส่วนท้องถิ่น",
    "ท้องถิ่น": "องค์กรปกครองส่วนท้องถิ่น",
    "local": "องค์กรปกครองส่วนท้องถิ่น",
    "localgovernment": "องค์กรปกครองส่วนท้องถิ่น",
    "academic": "วิชาการ",
    "สถาบันการศึกษา": "วิชาการ",
    "สื่อมวลชน": "สื่อ",
    "media": "สื่อ",
    "อสม": "อาสาสมัคร",
    "อสม.": "อาสาสมัคร",
    "volunteer": "อาสาสมัคร",
}

# The member fields a user may give (CLI options, NDJSON/CSV keys, import columns).
INPUT_FIELDS = (
    "name",
    "prefix",
    "first_name",
    "last_name",
    "role",
    "organization",
    "sector",
    "issue_areas",
    "village",
    "subdistrict",
    "district",
    "province",
    "phone",
    "email",
    "line_id",
    "national_id",
    "joined_on",
    "consent_at",
    "consent_purpose",
    "notes",
    "source",
)
# Columns that compare for duplicates and updates (everything a person can tell us).
DATA_COLUMNS = (
    "prefix",
    "first_name",
    "last_name",
    "full_name",
    "name_key",
    "role",
    "organization",
    "sector",
    "issue_areas",
    "village",
    "subdistrict",
    "subdistrict_code",
    "district",
    "district_code",
    "province",
    "province_code",
    "phone",
    "email",
    "line_id",
    "national_id",
    "joined_on",
    "consent_at",
    "consent_purpose",
    "notes",
)
_INPUT_SET = frozenset(INPUT_FIELDS)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_VILLAGE = re.compile(r"^(?:หมู่ที่|หมู่|ม\.)\s*")


def canonical_sector(value: str) -> str:
    """One of SECTORS, from the name or a common synonym; refuses anything else."""
    text = value.strip()
    if text in SECTORS:
        return text
    key = re.sub(r"[\s_-]", "", text).lower()
    for sector in SECTORS:
        if key == sector or key == sector.removeprefix("ภาค"):
            return sector
    if key in _SECTOR_SYNONYMS:
        return _SECTOR_SYNONYMS[key]
    import difflib

    close = difflib.get_close_matches(text, SECTORS, n=1, cutoff=0.5)
    raise ValidationError(
        f"ภาคส่วน '{value}' ไม่รู้จัก (unknown sector); ใช้ได้: {', '.join(SECTORS)}",
        code="unknown-sector",
        field="sector",
        value=value,
        suggestion=close[0] if close else None,
    )


def _issue_areas(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        items = [str(v) for v in value]
    else:
        items = re.split(r"[,;/|、]+", str(value))
    out: list[str] = []
    for item in items:
        text = clean_text(item)
        if text and text not in out:
            out.append(text)
    return out


def _with_prefix_column(parsed: Any, column: str | None, whole: str) -> Any:
    """The name with the value of a separate คำนำหน้า column as its prefix, as written.

    The column is not split again (an unknown title in it stays the title). The name cells
    lose a title only when it repeats the column's ("นาย" beside "นายสมชาย"); anything else in
    them is the name ("พระพร" beside "นาย" is a first name).
    """
    if not column:
        return parsed
    from netcli.thai.names import ParsedName, normalize_prefix

    prefix = normalize_prefix(column)
    if parsed.prefix == prefix and not parsed.warning:
        return parsed
    first, _, last = whole.partition(" ")
    return ParsedName(prefix, first, last or None)


# The Thai modules ``prepare`` uses for every row of an import, imported on first use (start-up
# time) and then found at the cost of a call: a ``from … import`` in a function body costs
# about 3 µs each time it runs.
@cache
def _names() -> ModuleType:
    from netcli.thai import names

    return names


@cache
def _phones() -> ModuleType:
    from netcli.thai import phones

    return phones


@cache
def _national_id() -> ModuleType:
    from netcli.thai import national_id

    return national_id


def prepare(raw: Mapping[str, Any], *, partial: bool = False) -> Prepared:
    """Validate and normalise member fields (the one path for every way in).

    ``raw`` holds INPUT_FIELDS; ``name`` (the full name with its prefix) or ``first_name``
    is required unless ``partial`` (an edit gives only what changes).
    """
    names = _names()
    format_name, name_key = names.format_name, names.name_key
    split_cleaned, split_name = names.split_cleaned, names.split_name

    unknown = set(raw) - _INPUT_SET
    if unknown:
        raise ValidationError(
            f"ไม่รู้จักช่อง {', '.join(sorted(unknown))} (unknown field)",
            code="unknown-field",
            field=sorted(unknown)[0],
            hint=f"ช่องที่ใช้ได้: {', '.join(INPUT_FIELDS)} (fields: {', '.join(INPUT_FIELDS)})",
        )
    for key, value in raw.items():
        if value is None or type(value) is str:
            continue
        if (
            isinstance(value, (dict, bool, set))
            or (isinstance(value, (list, tuple)) and key != "issue_areas")
            or (isinstance(value, float) and not math.isfinite(value))
        ):
            raise ValidationError(
                f"ค่าของช่อง {key} ใช้ไม่ได้: {str(value)[:40]} (expected text)",
                code="bad-value",
                field=key,
                value=str(value)[:40],
            )
    out: dict[str, Any] = {}
    warnings: list[str] = []
    name = clean_text(raw.get("name"))
    first = clean_text(raw.get("first_name"))
    if name or first:
        if name:
            parsed = split_cleaned(name)  # _text cleaned it already
        else:
            # A first-name column often holds the whole name with its prefix.
            whole = " ".join(p for p in (first, clean_text(raw.get("last_name"))) if p)
            parsed = split_name(whole)
            parsed = _with_prefix_column(parsed, clean_text(raw.get("prefix")), whole)
        if parsed.warning:
            warnings.append(parsed.warning)
        out["prefix"] = parsed.prefix
        out["first_name"] = parsed.first_name
        out["last_name"] = parsed.last_name
        out["full_name"] = format_name(parsed.prefix, parsed.first_name, parsed.last_name)
        out["name_key"] = name_key(parsed.first_name, parsed.last_name)
    elif not partial:
        raise ValidationError(
            "ไม่มีชื่อ (the name is empty)", code="bad-name", field="name", value=raw.get("name")
        )

    for key in ("role", "organization", "line_id", "notes", "source", "consent_purpose"):
        if key in raw:
            out[key] = clean_text(raw[key])
    if "village" in raw:
        village = clean_text(raw["village"])
        if village:
            from netcli.thai.digits import to_arabic

            village = _VILLAGE.sub("", to_arabic(village)).strip() or None
        out["village"] = village
    if "sector" in raw:
        sector = clean_text(raw["sector"])
        out["sector"] = canonical_sector(sector) if sector else None
    if "issue_areas" in raw:
        out["issue_areas"] = json_list(_issue_areas(raw["issue_areas"]))

    if "subdistrict" in raw or "district" in raw or "province" in raw:
        from netcli.thai.places import resolve_place

        place = resolve_place(
            subdistrict=clean_text(raw.get("subdistrict")),
            district=clean_text(raw.get("district")),
            province=clean_text(raw.get("province")),
        )
        out.update(place.columns())
        warnings.extend(place.warnings)

    if "phone" in raw:
        value = raw["phone"]
        if value is None or (isinstance(value, str) and not clean_text(value)):
            out["phone"] = None
        else:
            phones = _phones()
            out["phone"], said = phones.read_phones(value)
            if said is not None:
                # An extension or a second number: the phone column holds the first number
                # (the one people are matched on); the cell as written goes to the notes.
                if partial and "notes" not in raw:
                    raise ValidationError(
                        f"เบอร์โทร '{said}' มีมากกว่าหนึ่งเบอร์หรือมีเบอร์ต่อ"
                        " (more than one number, or an extension)",
                        code="bad-phone",
                        field="phone",
                        value=said,
                        hint="ใส่เบอร์เดียวใน --phone และเขียนเบอร์ต่อหรือเบอร์อื่นใน --note"
                        " (one number in --phone; an extension or another number in --note)",
                    )
                kept = f"โทร {said}"
                out["notes"] = f"{out['notes']}; {kept}" if out.get("notes") else kept
                warnings.append(
                    f"เบอร์โทร '{said}': เก็บ {phones.format_phone(out['phone'])} เป็นเบอร์หลัก"
                    " และเก็บทั้งช่องไว้ในหมายเหตุ (first number kept as the phone;"
                    " the whole cell in the notes)"
                )
    if "email" in raw:
        email = clean_text(raw["email"])
        if email and not _EMAIL.match(email):
            raise ValidationError(
                f"อีเมล '{email}' ไม่ถูกต้อง (not an e-mail address)",
                code="bad-email",
                field="email",
                value=email,
            )
        out["email"] = email.lower() if email else None
    if "national_id" in raw:
        value = raw["national_id"]
        if value is None or (isinstance(value, str) and not clean_text(value)):
            out["national_id"] = None
        else:
            out["national_id"] = _national_id().validate_national_id(value)
    for key in ("joined_on", "consent_at"):
        if key in raw:
            value = raw[key]
            if value is None or (isinstance(value, str) and not clean_text(value)):
                out[key] = None
            else:
                from netcli.thai.dates import parse_date
                from netcli.thai.partial_dates import to_reduced_iso

                try:
                    if key == "joined_on":  # often known to the month or year only
                        out[key] = to_reduced_iso(value, warnings=warnings)
                    else:
                        out[key] = parse_date(value, warnings=warnings).isoformat()
                except ValidationError as exc:
                    exc.field = key
                    raise
    check_bounds(out)  # an import writes its rows itself: the same bounds as insert_row
    return Prepared(out, warnings)


# --- reading -----------------------------------------------------------------------------


# Two records are one person only when their names agree: the same name key, or a close
# name (a typo, a changed surname) on the same national ID or phone. A family shares one
# village phone; a shared phone with another name is another person. The score is of the given
# names alone: of a whole name, a shared surname would make บุญมี and บุญมา "close".
CLOSE_NAME_SCORE = 85


def names_agree(values: Mapping[str, Any], other: Mapping[str, Any]) -> str | None:
    """``"same"`` (same name key), ``"close"`` or None: another person.

    Close is a misspelling or a new surname, never a relative: the same given name with
    another surname (marriage, a typo in the surname), or the same surname with a given name
    that differs by a slip of the same length (ประเสริฐ/ประเสริญ). Given names one letter
    longer or shorter are other names (บุญมา/บุญมาก, a mother and her daughter), and titles
    of the other sex (นาย/นาง) are another person.
    """
    key, other_key = values.get("name_key"), other["name_key"]
    if not key or not other_key:
        return None
    from netcli.thai.titles import title_sex

    sex, other_sex = title_sex(values.get("prefix")), title_sex(other["prefix"])
    if sex and other_sex and sex != other_sex:
        return None
    if key == other_key:
        return "same"
    first, other_first = values.get("first_name"), other["first_name"]
    if not first or not other_first:
        return None
    if first == other_first:
        return "close"
    if values.get("last_name") != other["last_name"] or len(first) != len(other_first):
        return None
    from rapidfuzz import fuzz

    return "close" if fuzz.ratio(first, other_first) >= CLOSE_NAME_SCORE else None


def why_another(values: Mapping[str, Any], other: Mapping[str, Any]) -> str | None:
    """Why a record with the same name (and province) as ``other`` is still another person,
    as a warning, or None when it may be the same one.

    The name alone says "maybe": a title of the other sex (นาย against นาง) or another known
    district says another person. Folding two people loses one of them; two records of one
    person are found again by ``member duplicates`` (same name) and joined by ``member merge``.
    """
    from netcli.thai.titles import title_sex

    sex, other_sex = title_sex(values.get("prefix")), title_sex(other["prefix"])
    if sex and other_sex and sex != other_sex:
        why = f"คำนำหน้าคนละเพศ ('{other['prefix']}' กับ '{values.get('prefix')}')"
        why_en = "a title of the other sex"
    else:
        district, other_district = values.get("district_code"), other["district_code"]
        if not (district and other_district and district != other_district):
            return None
        why = f"คนละอำเภอ ('{other['district']}' กับ '{values.get('district')}')"
        why_en = "another district"
    return (
        f"ชื่อเดียวกับสมาชิก #{other['id']} {other['full_name']} แต่{why} จึงเป็นคนละคน"
        f" ตรวจได้ด้วย netcli member duplicates (same name as member {other['id']},"
        f" {why_en}: another person; check with netcli member duplicates)"
    )


def match_note(how: str, values: Mapping[str, Any], other: Mapping[str, Any]) -> str:
    """The warning that goes with a match or a non-match on a shared national ID or phone."""
    field = "เลขประจำตัวประชาชน" if how.endswith("national_id") else "เบอร์โทร"
    field_en = "national ID" if how.endswith("national_id") else "phone"
    if how.startswith("close"):
        return (
            f"ชื่อ '{values.get('full_name')}' ใกล้เคียงกับสมาชิก #{other['id']} {other['full_name']}"
            f" ที่มี{field}เดียวกัน ถือเป็นคนเดียวกัน"
            f" (close name on the same {field_en}: taken as member {other['id']})"
        )
    return (
        f"{field}เดียวกับสมาชิก #{other['id']} {other['full_name']} แต่ชื่อต่างกัน"
        f" จึงเป็นคนละคน (same {field_en} as member {other['id']}, another name: another person)"
    )


def match_existing(
    conn: sqlite3.Connection, values: Mapping[str, Any]
) -> tuple[sqlite3.Row | None, list[str]]:
    """The live member who is this person, and the warnings that say why (or why not).

    National ID, then phone: the first live member (lowest id) holding it is this person
    only when the names agree; then name key and province, unless the title's sex or the
    district says another person (:func:`why_another`).
    """
    notes: list[tuple[int | None, str]] = []
    found: sqlite3.Row | None = None
    for column in ("national_id", "phone"):
        value = values.get(column)
        if not value:
            continue
        row = conn.execute(
            f"SELECT * FROM members WHERE {column} = ? AND deleted_at IS NULL ORDER BY id LIMIT 1",
            (value,),
        ).fetchone()
        if row is None:
            continue
        agree = names_agree(values, row)
        if agree == "same":
            found = row
            break
        if agree == "close":
            notes.append((None, match_note(f"close:{column}", values, row)))
            found = row
            break
        notes.append((row["id"], match_note(f"other:{column}", values, row)))
    key = values.get("name_key")
    if found is None and key:
        for row in conn.execute(
            "SELECT * FROM members WHERE name_key = ? AND province_code IS ? AND deleted_at IS NULL"
            " ORDER BY id",
            (key, values.get("province_code")),
        ):
            why = why_another(values, row)
            if why is None:
                found = row
                break
            notes.append((row["id"], why))
    pairs = distinct_pairs(conn) if found is not None and any(o for o, _ in notes) else set()
    return found, distinct_notes(notes, found["id"] if found is not None else None, pairs)


def distinct_notes(
    notes: list[tuple[int | None, str]], mid: int | None, pairs: set[tuple[int, int]]
) -> list[str]:
    """The matching warnings, without those naming a member marked distinct from ``mid``."""
    return [
        text
        for other, text in notes
        if other is None or mid is None or not are_distinct(pairs, other, mid)
    ]


def find_existing(conn: sqlite3.Connection, values: Mapping[str, Any]) -> sqlite3.Row | None:
    """The live member who is this person (see :func:`match_existing`), or None."""
    return match_existing(conn, values)[0]


def shown_value(field: str, value: Any, show_national_id: bool = False) -> Any:
    """A field's value as output shows it: a national ID masked unless asked for by name."""
    if field == "national_id" and value not in (None, "") and not show_national_id:
        from netcli.thai.national_id import mask_national_id

        return mask_national_id(str(value))
    return value


# The keys of a member as JSON, in order (``to_public``): also the CSV header of member output.
PUBLIC_FIELDS = (
    "id", "uid", "prefix", "first_name", "last_name", "full_name", "role", "organization",
    "organizations", "sector", "issue_areas", "village", "subdistrict", "district", "province", "province_code",
    "district_code", "subdistrict_code", "phone", "email", "line_id", "national_id",
    "joined_on", "consent_at", "consent_purpose", "notes", "source", "networks",
    "created_at", "updated_at",
)  # fmt: skip


def to_public(
    row: Mapping[str, Any],
    networks: list[str] | None = None,
    *,
    show_national_id: bool = False,
    organizations: list[str] | None = None,
) -> dict[str, Any]:
    """A member as JSON (product.md field names); national ID masked unless asked for."""
    from netcli.thai.national_id import mask_national_id

    nid = row["national_id"]
    return {
        "id": row["id"],
        "uid": row["uid"],
        "prefix": row["prefix"],
        "first_name": row["first_name"],
        "last_name": row["last_name"],
        "full_name": row["full_name"],
        "role": row["role"],
        "organization": row["organization"],
        "organizations": organizations
        if organizations is not None
        else ([row["organization"]] if row["organization"] else []),
        "sector": row["sector"],
        "issue_areas": from_json_list(row["issue_areas"]),
        "village": row["village"],
        "subdistrict": row["subdistrict"],
        "district": row["district"],
        "province": row["province"],
        "province_code": row["province_code"],
        "district_code": row["district_code"],
        "subdistrict_code": row["subdistrict_code"],
        "phone": row["phone"],
        "email": row["email"],
        "line_id": row["line_id"],
        "national_id": (nid if show_national_id else mask_national_id(nid)) if nid else None,
        "joined_on": row["joined_on"],
        "consent_at": row["consent_at"],
        "consent_purpose": row["consent_purpose"],
        "notes": row["notes"],
        "source": row["source"],
        "networks": networks if networks is not None else [],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }


def networks_of(conn: sqlite3.Connection, member: int) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT n.name FROM memberships m JOIN networks n ON n.id = m.network_id"
            " WHERE m.member_id = ? AND n.deleted_at IS NULL ORDER BY n.name",
            (member,),
        )
    ]


def get(
    conn: sqlite3.Connection,
    ref: str | int,
    *,
    show_national_id: bool = False,
    include_removed: bool = False,
) -> dict[str, Any]:
    """One member as JSON; removed members only with ``include_removed``."""
    mid = member_id(conn, ref)
    row = conn.execute("SELECT * FROM members WHERE id = ?", (mid,)).fetchone()
    if row is None or (row["deleted_at"] and not include_removed):
        raise NotFound(f"ไม่พบสมาชิก '{ref}' (no such member; it may have been removed)")
    from netcli.people.organizations import names_of_member

    orgs = names_of_member(conn, mid)
    if row["organization"] and row["organization"] not in orgs:
        orgs.insert(0, row["organization"])
    return to_public(
        row, networks_of(conn, mid), show_national_id=show_national_id, organizations=orgs
    )


@dataclass
class MemberFilter:
    province: str | None = None
    region: str | None = None  # a region or group of provinces: members in any of them
    district: str | None = None
    subdistrict: str | None = None
    network: str | None = None
    sector: str | None = None
    search: str | None = None
    include_removed: bool = False
    direct: bool = False  # --network: that network alone, not its sub-networks


def _where(conn: sqlite3.Connection, f: MemberFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if not f.include_removed:
        clauses.append("m.deleted_at IS NULL")
    if f.province:
        from netcli.thai.places import resolve_province

        _, code = resolve_province(f.province)
        clauses.append("m.province_code = ?")
        params.append(code)
    if f.region:
        from netcli.networks.regions import region_codes

        codes = region_codes(conn, f.region)
        clauses.append(f"m.province_code IN ({', '.join('?' for _ in codes)})")
        params.extend(codes)
    if f.district:
        from netcli.thai.places import resolve_place

        place = resolve_place(district=f.district, province=f.province) if f.province else None
        if place and place.district_code:
            clauses.append("m.district_code = ?")
            params.append(place.district_code)
        else:
            text = re.sub(r"^(?:อ\.|อำเภอ|เขต)\s*", "", f.district.strip())
            clauses.append("m.district = ?")
            params.append(text)
    if f.subdistrict:
        text = re.sub(r"^(?:ต\.|ตำบล|แขวง)\s*", "", f.subdistrict.strip())
        clauses.append("m.subdistrict = ?")
        params.append(text)
    if f.sector:
        clauses.append("m.sector = ?")
        params.append(canonical_sector(f.sector))
    if f.network:
        from netcli.networks.records import network_id, subtree_ids

        nid = network_id(conn, f.network)
        ids = [nid] if f.direct else subtree_ids(conn, nid)
        marks = ", ".join("?" for _ in ids)
        clauses.append(f"m.id IN (SELECT member_id FROM memberships WHERE network_id IN ({marks}))")
        params.extend(ids)
    if f.search:
        from netcli.people.search import search_clause
        from netcli.thai.text import clean

        clause, args = search_clause(conn, clean(f.search))
        clauses.append(clause)
        params.extend(args)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def member_where(conn: sqlite3.Connection, f: MemberFilter) -> tuple[str, list[Any]]:
    """The ``WHERE`` clause (on ``members m``) and its parameters for a filter."""
    return _where(conn, f)


def list_members(
    conn: sqlite3.Connection,
    f: MemberFilter,
    *,
    show_national_id: bool = False,
    limit: int | None = None,
    order_table: str | None = None,
) -> Iterator[dict[str, Any]]:
    """Members matching the filter, in id order (or in the order of ``order_table``, a table
    of ``(pos, member_id)``), streamed (the first ``limit`` of them). The filter is checked
    at once (a bad province or region is refused before the caller prints anything)."""
    where, params = _where(conn, f)
    source, order = "members m", "m.id"
    if order_table:
        source = f"{order_table} o JOIN members m ON m.id = o.member_id"
        order = "o.pos"
    where += f" ORDER BY {order}"
    if limit is not None:
        where += " LIMIT ?"
        params = [*params, limit]
    return _stream_members(conn, source, where, params, show_national_id=show_national_id)


def _stream_members(
    conn: sqlite3.Connection,
    source: str,
    where: str,
    params: list[Any],
    *,
    show_national_id: bool,
) -> Iterator[dict[str, Any]]:
    sql = (
        "SELECT m.*, (SELECT json_group_array(n.name) FROM memberships ms JOIN networks n"
        " ON n.id = ms.network_id WHERE ms.member_id = m.id AND n.deleted_at IS NULL) AS _networks,"
        " (SELECT json_group_array(name) FROM (SELECT o.name FROM member_organizations mo"
        " JOIN organizations o ON o.id = mo.organization_id WHERE mo.member_id = m.id"
        " AND o.deleted_at IS NULL ORDER BY mo.position, mo.id)) AS _organizations"
        f" FROM {source}{where}"
    )
    for row in conn.execute(sql, params):
        orgs = from_json_list(row["_organizations"])
        if row["organization"] and row["organization"] not in orgs:
            orgs.insert(0, row["organization"])
        yield to_public(
            row,
            sorted(from_json_list(row["_networks"])),
            show_national_id=show_national_id,
            organizations=orgs,
        )


def list_members_fields(
    conn: sqlite3.Connection,
    f: MemberFilter,
    keys: Iterable[str],
    *,
    show_national_id: bool = False,
    limit: int | None = None,
) -> Iterator[dict[str, Any]]:
    """The members of :func:`list_members`, in its order, each as the ``keys`` of
    :func:`to_public` alone (``id`` always): a table that shows a few columns need not read
    a member's networks and organizations. A key must be a column that ``to_public`` shows as
    it is stored, or ``national_id`` (masked unless ``show_national_id``)."""
    names = list(dict.fromkeys(["id", *keys]))
    unknown = set(names) - (set(PUBLIC_FIELDS) - {"organizations", "networks", "issue_areas"})
    if unknown:
        raise ValueError(f"not a member column shown as stored: {sorted(unknown)}")
    where, params = _where(conn, f)
    where += " ORDER BY m.id"
    if limit is not None:
        where += " LIMIT ?"
        params = [*params, limit]
    sql = f"SELECT {', '.join(f'm.{k}' for k in names)} FROM members m{where}"
    return _fields(conn, sql, params, names, show_national_id)


def _fields(
    conn: sqlite3.Connection,
    sql: str,
    params: list[Any],
    names: list[str],
    show_national_id: bool,
) -> Iterator[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    cursor.row_factory = None
    nid = names.index("national_id") if "national_id" in names else None
    for row in cursor:
        member = dict(zip(names, row, strict=True))
        if nid is not None and row[nid]:
            member["national_id"] = shown_value("national_id", row[nid], show_national_id)
        elif nid is not None:
            member["national_id"] = None
        yield member


def count_members(conn: sqlite3.Connection, f: MemberFilter) -> int:
    where, params = _where(conn, f)
    return int(conn.execute(f"SELECT count(*) FROM members m{where}", params).fetchone()[0])


# --- listing many members fast: each member's output built by SQLite ----------------------------
#
# ``member list`` on a large file (50,000 members of a common name out of 1,000,000) spent its time
# building a dict per member in Python and encoding it. Here SQLite builds each member's output
# itself, exactly as ``to_public`` and the output module would: the JSON text
# (``json.dumps(to_public(…), ensure_ascii=False)``, byte for byte; SQLite's ``json_quote`` escapes
# a text as ``json.dumps`` does) or the CSV cells (a list joined with ", ", None as ""). A member
# whose stored values SQLite cannot render with certainty (an ``issue_areas`` that is not a JSON
# list of texts exactly as ``json_list`` writes it, a national ID to mask that is not 13 digits, a
# BLOB where a text belongs, which the change log's JSON refuses anyway) is built the ordinary
# way, by :func:`_stream_members`, and comes out as the dict of :func:`to_public`.
# tests/test_member_list_rendered.py compares both paths on a real file.
#
# Measured and left out (50,277 members of 1,000,000, SQLite 3.40 of Debian 12, 2 cores): two
# connections in two threads, each rendering half of the ids, took as long as one (SQLite's work
# did not overlap across threads there, though two processes did); one thread reading ahead
# while the other writes gained nothing for JSON (the reader needs the GIL back after every row).

_NETWORK_NAMES = (
    "SELECT n.name AS v FROM memberships ms JOIN networks n ON n.id = ms.network_id"
    " WHERE ms.member_id = m.id AND n.deleted_at IS NULL ORDER BY n.name"
)
# The member's organizations (the linked ones in their order, the text of ``organization`` first
# when it is none of them), as ``get`` and ``_stream_members`` list them.
_ORGANIZATION_NAMES = (
    "SELECT m.organization AS v, 0 AS k, 0 AS p, 0 AS i WHERE m.organization <> ''"
    " AND NOT EXISTS (SELECT 1 FROM member_organizations mo JOIN organizations o"
    " ON o.id = mo.organization_id WHERE mo.member_id = m.id AND o.deleted_at IS NULL"
    " AND o.name = m.organization)"
    " UNION ALL SELECT o.name, 1, mo.position, mo.id FROM member_organizations mo"
    " JOIN organizations o ON o.id = mo.organization_id"
    " WHERE mo.member_id = m.id AND o.deleted_at IS NULL ORDER BY 2, 3, 4"
)
# True when ``issue_areas`` is exactly what ``json_list`` writes (a JSON list of texts, ", "
# between them): then Python would read back the very texts SQLite reads. NULL otherwise.
_ISSUES_CANONICAL = (
    "CASE WHEN json_valid(m.issue_areas) THEN m.issue_areas = '[' || coalesce((SELECT"
    " group_concat(CASE WHEN type = 'text' THEN json_quote(value) END, ', ')"
    " FROM json_each(m.issue_areas)), '') || ']' END"
)
_NO_ISSUES = "(m.issue_areas IS NULL OR m.issue_areas = '')"
_NO_NATIONAL_ID = "(m.national_id IS NULL OR m.national_id = '')"
_THIRTEEN_DIGITS = "m.national_id GLOB '" + "[0-9]" * 13 + "'"
_MASKED_ID = (
    "'x-xxxx-xxxxx-' || substr(m.national_id, 11, 2) || '-' || substr(m.national_id, 13, 1)"
)


def _sql_value(field: str, shape: str, show_national_id: bool) -> str:
    """SQL for one field of a member as JSON text or as its CSV cell, for a member whose row
    passes :func:`_sql_plain`."""
    json = shape == "json"
    if field == "id":
        return "m.id"
    if field in ("networks", "organizations"):
        # Most members belong to no network and are linked to no organization: one probe of
        # the index says so, without the sorting subquery.
        if field == "networks":
            names, links = _NETWORK_NAMES, "memberships"
            alone = "'[]'" if json else "''"
        else:
            names, links = _ORGANIZATION_NAMES, "member_organizations"
            alone = (
                "CASE WHEN m.organization <> '' THEN '[' || json_quote(m.organization) || ']'"
                " ELSE '[]' END"
                if json
                else "CASE WHEN m.organization <> '' THEN m.organization ELSE '' END"
            )
        listed = (
            f"'[' || coalesce((SELECT group_concat(json_quote(v), ', ') FROM ({names})), '') || ']'"
            if json
            else f"coalesce((SELECT group_concat(v, ', ') FROM ({names})), '')"
        )
        return (
            f"CASE WHEN EXISTS (SELECT 1 FROM {links} WHERE member_id = m.id) THEN {listed}"
            f" ELSE {alone} END"
        )
    if field == "issue_areas":
        if json:
            return f"CASE WHEN {_NO_ISSUES} THEN '[]' ELSE m.issue_areas END"
        return (
            f"CASE WHEN {_NO_ISSUES} THEN '' WHEN json_valid(m.issue_areas) THEN coalesce((SELECT"
            " group_concat(value, ', ') FROM json_each(m.issue_areas)), '') END"
        )
    if field == "national_id":
        shown = "m.national_id" if show_national_id else _MASKED_ID
        if json:
            return f"CASE WHEN {_NO_NATIONAL_ID} THEN 'null' ELSE json_quote({shown}) END"
        return f"CASE WHEN {_NO_NATIONAL_ID} THEN '' ELSE {shown} END"
    if field == "full_name":  # computed by SQLite at each read (migration 0012): read once,
        # and never NULL (first_name is NOT NULL)
        return "json_quote(m.full_name)" if json else "m.full_name"
    if json:
        return f"CASE WHEN m.{field} IS NULL THEN 'null' ELSE json_quote(m.{field}) END"
    return f"coalesce(m.{field}, '')"


def _sql_plain(shape: str, show_national_id: bool) -> str:
    """SQL true for a member SQLite renders exactly as Python would: ``issue_areas`` as
    ``json_list`` writes it, a national ID of 13 digits (or none, or shown as it is), and for
    JSON no BLOB where a text belongs (a BLOB sorts above every text)."""
    tests = [f"({_NO_ISSUES} OR {_ISSUES_CANONICAL})"]
    if show_national_id:
        tests.append(f"({_NO_NATIONAL_ID} OR typeof(m.national_id) = 'text')")
    else:
        tests.append(
            f"({_NO_NATIONAL_ID} OR (typeof(m.national_id) = 'text' AND {_THIRTEEN_DIGITS}))"
        )
    if shape == "json":
        texts = [_STORED.get(f, f) for f in PUBLIC_FIELDS if f not in _COMPUTED]
        tests.append("max(" + ", ".join(f"ifnull(m.{f}, '')" for f in texts) + ") < X''")
    return " AND ".join(tests)


_COMPUTED = frozenset(("id", "networks", "organizations", "issue_areas"))
# What is stored of a field (the checks for a BLOB or a NUL read the stored column): full_name
# is computed from the parts, which are checked themselves, and full_name_written.
_STORED = {"full_name": "full_name_written"}


def _sql_render(shape: str, show_national_id: bool) -> str:
    """SQL for a member's whole output (NULL when it does not pass :func:`_sql_plain`)."""
    values = [_sql_value(field, shape, show_national_id) for field in PUBLIC_FIELDS]
    plain = _sql_plain(shape, show_national_id)
    if shape == "json":
        template = "{" + ", ".join(f'"{field}": %s' for field in PUBLIC_FIELDS) + "}"
        return f"CASE WHEN {plain} THEN printf('{template}', {', '.join(values)}) END"
    return f"{plain}, {', '.join(values)}"


def list_members_rendered(
    conn: sqlite3.Connection,
    f: MemberFilter,
    shape: str,
    *,
    show_national_id: bool = False,
    limit: int | None = None,
) -> Iterator[bytes | str | tuple[Any, ...] | dict[str, Any]]:
    """The members of :func:`list_members`, in its order, each already rendered by SQLite:
    ``shape="json"`` gives each member's JSON text as UTF-8 bytes (``json.dumps(to_public(…),
    ensure_ascii=False)``), ``shape="cells"`` its CSV cells in ``PUBLIC_FIELDS`` order (a list
    joined with ", ", an empty value as ""), ``shape="csv"`` its whole CSV line (``str``, no
    newline) where no cell needs quoting, else its cells. A member SQLite cannot render with
    certainty comes as the dict of :func:`to_public` instead, for the caller to render the
    ordinary way. The filter is checked at once, as by :func:`list_members`."""
    where, params = _where(conn, f)
    where += " ORDER BY m.id"
    if limit is not None:
        where += " LIMIT ?"
        params = [*params, limit]
    if shape not in ("json", "cells", "csv"):
        raise ValueError(f"no such shape: {shape}")
    if shape == "csv" and not _names_without_nul(conn):
        shape = "cells"
    if shape == "csv":
        sql = f"SELECT m.id, {_sql_line(show_national_id)} FROM members m{where}"
        return _lines(conn, sql, params, show_national_id)
    rendered = _sql_render(shape, show_national_id)
    if shape == "json":  # UTF-8 bytes, as they go out: no decoding here, no encoding there
        rendered = f"CAST({rendered} AS BLOB)"
    sql = f"SELECT m.id, {rendered} FROM members m{where}"
    return _rendered(conn, sql, params, shape, show_national_id)


def _rendered(
    conn: sqlite3.Connection, sql: str, params: list[Any], shape: str, show_national_id: bool
) -> Iterator[bytes | tuple[Any, ...] | dict[str, Any]]:
    cursor = conn.execute(sql, params)
    cursor.row_factory = None  # plain tuples: no sqlite3.Row per member
    while True:
        batch = cursor.fetchmany(2000)
        if not batch:
            return
        for row in batch:
            if shape == "json":
                if row[1] is not None:
                    yield row[1]
                    continue
            elif row[1]:
                yield row[2:]
                continue
            yield _by_python(conn, row[0], show_national_id)


def _by_python(conn: sqlite3.Connection, mid: int, show_national_id: bool) -> dict[str, Any]:
    return next(
        _stream_members(
            conn, "members m", " WHERE m.id = ?", [mid], show_national_id=show_national_id
        )
    )


# --- CSV lines built by SQLite --------------------------------------------------------------------
#
# Fetching 30 cells per member and the csv module's writing them took about a third of a long
# CSV listing. For most members no cell needs quoting (no comma, double quote or line break in
# any of them), and then the line is the cells joined by "," — which SQLite's printf joins. Python checks each line it gets (29 commas, no quote, no
# line break; a carriage return is quoted by Python 3.13's csv and not by 3.11's, so it is left to
# the csv module of the Python that runs); a member whose line fails, or who has a BLOB (csv
# writes str() of the bytes, not SQLite's text of them), gets its cells read again by id and
# written by the csv module. printf stops a text at a NUL character: a member whose texts hold one
# is left to the csv module too, and a file where a network or organization name holds one (no
# netcli command writes one; looked for once per listing) is written cell by cell throughout.

_COMMAS = len(PUBLIC_FIELDS) - 1


def _names_without_nul(conn: sqlite3.Connection) -> bool:
    found = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM networks WHERE instr(CAST(name AS BLOB), X'00'))"
        " OR EXISTS (SELECT 1 FROM organizations WHERE instr(CAST(name AS BLOB), X'00'))"
    ).fetchone()[0]
    return not found


def _sql_line(show_national_id: bool) -> str:
    """SQL for a member's cells joined by "," (NULL when SQLite may not join them)."""
    texts = [_STORED.get(f, f) for f in PUBLIC_FIELDS if f not in _COMPUTED]
    values = ", ".join(_sql_value(field, "cells", show_national_id) for field in PUBLIC_FIELDS)
    stored = ", ".join(f"ifnull(m.{f}, '')" for f in texts)
    # No BLOB (a BLOB sorts above every text; every column of ``members`` has TEXT affinity, so
    # a number written there is stored as its text), no NUL in any text (nor an issue area
    # escaped to one).
    tests = [
        _sql_plain("cells", show_national_id),
        f"max({stored}) < X''",
        " + ".join(
            f"instr(CAST(ifnull(m.{f}, '') AS BLOB), X'00')" for f in [*texts, "issue_areas"]
        )
        + " = 0",
        "instr(ifnull(m.issue_areas, ''), '\\u0000') = 0",
    ]
    template = ",".join("%s" for _ in PUBLIC_FIELDS)
    return f"CASE WHEN {' AND '.join(tests)} THEN printf('{template}', {values}) END"


def _lines(
    conn: sqlite3.Connection, sql: str, params: list[Any], show_national_id: bool
) -> Iterator[str | tuple[Any, ...] | dict[str, Any]]:
    cursor = conn.execute(sql, params)
    cursor.row_factory = None
    again = f"SELECT {_sql_render('cells', show_national_id)} FROM members m WHERE m.id = ?"
    while True:
        batch = cursor.fetchmany(2000)
        if not batch:
            return
        for mid, line in batch:
            if (
                line is not None
                and line.count(",") == _COMMAS
                and '"' not in line
                and "\n" not in line
                and "\r" not in line
            ):
                yield line
                continue
            cells = conn.execute(again, (mid,))
            cells.row_factory = None
            row = cells.fetchone()
            yield row[1:] if row[0] else _by_python(conn, mid, show_national_id)


# --- writing (call inside netcli.store.db.write) ------------------------------------------------


def insert(
    conn: sqlite3.Connection, values: Mapping[str, Any], *, source: str | None = None
) -> int:
    """Insert a prepared member; returns its id."""
    row = {k: v for k, v in values.items() if k in DATA_COLUMNS or k == "source"}
    if source and not row.get("source"):
        row["source"] = source
    return insert_row(conn, "members", row)


def add(
    conn: sqlite3.Connection,
    prepared: Prepared,
    *,
    allow_duplicate: bool = False,
    source: str | None = None,
) -> int:
    """Add a new member; refuses a probable duplicate unless ``allow_duplicate``.

    A shared phone or national ID with another name adds a warning to ``prepared``.
    """
    if not allow_duplicate:
        existing, notes = match_existing(conn, prepared.values)
        if existing is not None:
            raise Duplicate(
                f"มีสมาชิกคนนี้แล้ว: #{existing['id']} {existing['full_name']}"
                f" (already present as member {existing['id']})",
                code="duplicate-member",
                existing_id=int(existing["id"]),
                hint="ใช้ --allow-duplicate ถ้าเป็นคนละคน (use --allow-duplicate if this is another person)",
            )
        prepared.warnings.extend(notes)
    return insert(conn, prepared.values, source=source)


def diff(
    existing: Mapping[str, Any], values: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, tuple[Any, Any]]]:
    """(fills, conflicts): empty fields the new values fill, and fields where the two differ."""
    fills: dict[str, Any] = {}
    conflicts: dict[str, tuple[Any, Any]] = {}
    for key, new in values.items():
        if key not in DATA_COLUMNS or new in (None, ""):
            continue
        old = existing[key]
        if old in (None, ""):
            fills[key] = new
        elif old != new and key not in ("name_key",):
            conflicts[key] = (old, new)
    return fills, conflicts


def edit(
    conn: sqlite3.Connection, ref: str | int, prepared: Prepared, *, clear: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Change the given fields of a member; returns {field: (before, after)} of what changed."""
    mid = member_id(conn, ref)
    row = conn.execute(
        "SELECT * FROM members WHERE id = ? AND deleted_at IS NULL", (mid,)
    ).fetchone()
    if row is None:
        raise NotFound(f"ไม่พบสมาชิก '{ref}' (no such member)", code="removed")
    changes = {k: v for k, v in prepared.values.items() if k in DATA_COLUMNS and row[k] != v}
    for key in clear:
        if key in DATA_COLUMNS and row[key] is not None:
            changes[key] = None
    if any(k in changes for k in ("prefix", "first_name", "last_name")):
        # The derived name fields follow the parts (e.g. after --clear prefix).
        from netcli.thai.names import format_name, name_key

        parts = {k: changes.get(k, row[k]) for k in ("prefix", "first_name", "last_name")}
        full = format_name(parts["prefix"], parts["first_name"], parts["last_name"])
        key = name_key(parts["first_name"], parts["last_name"])
        for column, value in (("full_name", full), ("name_key", key)):
            if row[column] != value:
                changes[column] = value
    update_row(conn, "members", mid, changes)
    return {k: (row[k], v) for k, v in changes.items()}


def remove(conn: sqlite3.Connection, ref: str | int) -> int:
    """Soft remove: gone from lists, kept in history."""
    mid = member_id(conn, ref)
    row = conn.execute("SELECT deleted_at FROM members WHERE id = ?", (mid,)).fetchone()
    if row["deleted_at"]:
        raise NotFound(f"สมาชิก #{mid} ถูกลบไปแล้ว (already removed)", code="removed")
    update_row(conn, "members", mid, {"deleted_at": now_iso()})
    return mid
