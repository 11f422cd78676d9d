"""Summaries per province, district and subdistrict: SQL aggregates, never a loop over rows.

Every figure comes from a GROUP BY over an index (see ``migrations/0004_summary.sql``);
Python only folds the few thousand groups (at most one per subdistrict and kind) into the tree
province -> district -> subdistrict, the way hledger rolls accounts up.

What counts:

* members: live members now (not removed), whatever the period;
* meetings, meeting days, kinds, ``participants`` (the reported head-counts, summed),
  ``unique_attendees`` (distinct members linked to a meeting's attendance) and the budget:
  meetings whose first day falls in the period, counted in the province where they were held;
* networks: live networks based in the province (home province) or that held a meeting
  there in the period;
* open and overdue actions: as of today (not filtered by the period), in the province of
  their meeting, else of their network.

Provinces listed: with ``--province`` or ``--region`` every province asked for, even with
nothing to count (a zero is news to a coordinator); without them, only provinces with any
member, meeting or open action, plus "ไม่ระบุจังหวัด" when records have no province.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from netcli.errors import ValidationError

DEPTHS = ("province", "district", "subdistrict")
UNKNOWN = "ไม่ระบุ"
NO_PROVINCE = "ไม่ระบุจังหวัด"


@dataclass
class Scope:
    """What a summary covers, resolved: province codes (None = all), network, period."""

    codes: list[str] | None = None
    region: str | None = None
    network_id: int | None = None
    network: str | None = None
    network_ids: list[int] | None = None  # the network and its sub-networks (ลูกข่าย)
    date_from: date | None = None
    date_to: date | None = None
    fiscal_year: int | None = None


def _as_date(value: date | str | None, field: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    from netcli.thai.dates import parse_date

    try:
        return parse_date(value)
    except ValidationError as exc:
        exc.field = field
        raise


def _province_code(text: str) -> str:
    """The code of a province: an official name is a dictionary hit in the shipped list;
    anything else (จ.…, English, ลป, a typo) goes to thai.places, whose first call loads the
    whole official place list (~0.3 s, most of a one-province summary)."""
    from netcli.networks.regions import province_code_by_name

    code = province_code_by_name().get(str(text).strip())
    if code:
        return code
    from netcli.thai.places import resolve_province

    return resolve_province(text)[1]


def resolve_scope(
    conn: sqlite3.Connection,
    *,
    provinces: Sequence[str] = (),
    region: str | None = None,
    network: str | None = None,
    date_from: date | str | None = None,
    date_to: date | str | None = None,
    fiscal_year: int | str | None = None,
) -> Scope:
    """Turn what a user typed into codes, ids and dates (raises ValidationError / NotFound)."""
    scope = Scope()
    codes: list[str] = []
    if region:
        from netcli.networks.regions import find_region

        found = find_region(conn, region)
        scope.region = found.name
        codes.extend(found.codes)
    for text in provinces:
        code = _province_code(text)
        if code not in codes:
            codes.append(code)
    scope.codes = codes if (region or provinces) else None
    if network:
        from netcli.networks.records import network_id, subtree_ids

        scope.network_id = network_id(conn, network)
        scope.network_ids = subtree_ids(conn, scope.network_id)
        scope.network = conn.execute(
            "SELECT name FROM networks WHERE id = ?", (scope.network_id,)
        ).fetchone()[0]
    if fiscal_year is not None and fiscal_year != "":
        if date_from or date_to:
            raise ValidationError(
                "ใช้ --fiscal-year หรือ --from/--to อย่างใดอย่างหนึ่ง (give a fiscal year or a period, not both)",
                code="bad-option",
                field="fiscal_year",
            )
        from netcli.thai.dates import fiscal_year_range

        scope.date_from, scope.date_to = fiscal_year_range(fiscal_year)
        scope.fiscal_year = scope.date_to.year + 543
    else:
        scope.date_from = _as_date(date_from, "from")
        scope.date_to = _as_date(date_to, "to")
        if scope.date_from and scope.date_to and scope.date_to < scope.date_from:
            raise ValidationError(
                f"วันสิ้นสุด {scope.date_to.isoformat()} มาก่อนวันเริ่ม {scope.date_from.isoformat()}"
                " (--to is before --from)",
                code="bad-date",
                field="to",
                value=scope.date_to.isoformat(),
            )
    return scope


# --- SQL filters ------------------------------------------------------------------------


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


def _in(column: str, codes: list[str] | None) -> tuple[str, list[Any]]:
    if codes is None:
        return "", []
    if not codes:
        return " AND 0", []
    return f" AND {column} IN ({_marks(codes)})", list(codes)


def _member_filter(scope: Scope, alias: str = "m") -> tuple[str, list[Any]]:
    sql, params = _in(f"{alias}.province_code", scope.codes)
    sql = f"{alias}.deleted_at IS NULL" + sql
    if scope.network_ids is not None:
        marks = _marks(scope.network_ids)
        sql += (
            f" AND {alias}.id IN (SELECT member_id FROM memberships WHERE network_id IN ({marks}))"
        )
        params.extend(scope.network_ids)
    return sql, params


def _meeting_filter(scope: Scope, alias: str = "mt") -> tuple[str, list[Any]]:
    sql, params = _in(f"{alias}.province_code", scope.codes)
    sql = f"{alias}.deleted_at IS NULL" + sql
    if scope.date_from:
        sql += f" AND {alias}.start_date >= ?"
        params.append(scope.date_from.isoformat())
    if scope.date_to:
        sql += f" AND {alias}.start_date <= ?"
        params.append(scope.date_to.isoformat())
    if scope.network_ids is not None:
        sql += f" AND {alias}.network_id IN ({_marks(scope.network_ids)})"
        params.extend(scope.network_ids)
    return sql, params


# --- building ---------------------------------------------------------------------------


def _baht(satang: int) -> float:
    # Two decimals exactly: 234407093 satang -> 2344070.93 (float repr is the shortest form).
    return round(satang / 100, 2)


def _new_node() -> dict[str, Any]:
    return {
        "members": 0,
        "meetings": 0,
        "meeting_days": 0,
        "participants": 0,
        "budget_satang": 0,
        "_children": {},
    }


def _child(node: dict[str, Any], key: tuple[Any, Any]) -> dict[str, Any]:
    children = node["_children"]
    if key not in children:
        children[key] = _new_node()
    return children[key]


def _tree_rows(
    conn: sqlite3.Connection, scope: Scope, depth: str
) -> tuple[dict[str | None, dict[str, Any]], dict[str | None, dict[str, int]]]:
    """Members and meetings folded into province -> district -> subdistrict nodes."""
    provinces: dict[str | None, dict[str, Any]] = {}
    kinds: dict[str | None, dict[str, int]] = {}

    def province(code: str | None) -> dict[str, Any]:
        if code not in provinces:
            provinces[code] = _new_node()
        return provinces[code]

    where, params = _member_filter(scope)
    # Grouped in the order of the covering index members_tree (0004): one pass, no sort.
    sql = (
        "SELECT m.province_code, m.district_code, m.district, m.subdistrict_code, m.subdistrict,"
        " count(*) FROM members m"
        f" WHERE {where}"
        " GROUP BY m.province_code, m.district_code, m.district, m.subdistrict_code, m.subdistrict"
    )
    for pcode, dcode, dname, scode, sname, n in conn.execute(sql, params):
        p = province(pcode)
        p["members"] += n
        d = _child(p, (dcode, dname))
        d["members"] += n
        s = _child(d, (scode, sname))
        s["members"] += n

    where, params = _meeting_filter(scope)
    # Subdistricts of meetings only when asked for: ~35,000 groups instead of ~3,000 to fold.
    sub = depth == "subdistrict"
    place = "mt.province_code, mt.district_code, mt.district"
    if sub:
        place += ", mt.subdistrict_code, mt.subdistrict"
    sql = (
        f"SELECT {place}, mt.kind, count(*),"
        " sum(CAST(julianday(mt.end_date) - julianday(mt.start_date) AS INTEGER) + 1),"
        " coalesce(sum(mt.participants), 0), coalesce(sum(mt.budget_satang), 0)"
        f" FROM meetings mt WHERE {where} GROUP BY {place}, mt.kind"
    )
    for row in conn.execute(sql, params):
        pcode, dcode, dname = row[:3]
        kind, n, days, people, satang = row[-5:]
        nodes = [province(pcode)]
        nodes.append(_child(nodes[0], (dcode, dname)))
        if sub:
            nodes.append(_child(nodes[1], (row[3], row[4])))
        for node in nodes:
            node["meetings"] += n
            node["meeting_days"] += days or 0
            node["participants"] += people
            node["budget_satang"] += satang
        k = kinds.setdefault(pcode, {})
        k[kind or UNKNOWN] = k.get(kind or UNKNOWN, 0) + n
    return provinces, kinds


def _place_entries(node: dict[str, Any], level: str, depth: str) -> list[dict[str, Any]]:
    """The children of a node as JSON entries (district or subdistrict), in Thai order."""
    from netcli.thai.collation import thai_sort_key

    out = []
    for (code, name), child in node["_children"].items():
        entry: dict[str, Any] = {
            level: name,
            f"{level}_code": code,
            "members": child["members"],
        }
        if level == "district":
            entry["subdistricts"] = sum(
                1 for (_, sname), s in child["_children"].items() if sname and s["members"]
            )
        entry.update(
            meetings=child["meetings"],
            meeting_days=child["meeting_days"],
            participants=child["participants"],
            budget_baht=_baht(child["budget_satang"]),
            budget_satang=child["budget_satang"],
        )
        if level == "district" and depth == "subdistrict":
            entry["by_subdistrict"] = _place_entries(child, "subdistrict", depth)
        out.append(entry)
    out.sort(key=lambda e: (e[level] is None, thai_sort_key(e[level])))
    return out


def _by_sector(conn: sqlite3.Connection, scope: Scope) -> dict[str | None, dict[str, int]]:
    where, params = _member_filter(scope)
    out: dict[str | None, dict[str, int]] = {}
    sql = (
        "SELECT m.province_code, m.sector, count(*) FROM members m"
        f" WHERE {where} GROUP BY m.province_code, m.sector"
    )
    for pcode, sector, n in conn.execute(sql, params):
        out.setdefault(pcode, {})[sector or UNKNOWN] = n
    return out


def _networks(conn: sqlite3.Connection, scope: Scope) -> tuple[dict[str | None, set[int]], int]:
    """Network ids per province and the total: networks based in the province (their home
    province) and networks that held a meeting there in the period.

    (Counting the networks of every member who lives there would join all memberships to
    all members: 0.5-1 s on a million members, for a national summary.)"""
    per: dict[str | None, set[int]] = {}
    ids = scope.network_ids
    in_sql, in_params = _in("province_code", scope.codes)
    net_sql = f" AND id IN ({_marks(ids)})" if ids is not None else ""
    sql = (
        "SELECT province_code, id FROM networks WHERE deleted_at IS NULL"
        f" AND province_code IS NOT NULL{in_sql}{net_sql}"
    )
    for pcode, nid in conn.execute(sql, in_params + list(ids or ())):
        per.setdefault(pcode, set()).add(nid)
    where, params = _meeting_filter(scope)
    sql = (
        "SELECT DISTINCT mt.province_code, mt.network_id FROM meetings mt"
        " JOIN networks n ON n.id = mt.network_id AND n.deleted_at IS NULL"
        f" WHERE {where} AND mt.network_id IS NOT NULL"
    )
    for pcode, nid in conn.execute(sql, params):
        per.setdefault(pcode, set()).add(nid)
    if scope.codes is None and ids is None:
        # The whole country: every live network counts, even one with no province or meetings.
        total = conn.execute("SELECT count(*) FROM networks WHERE deleted_at IS NULL").fetchone()[0]
    else:
        total = len(set().union(*per.values())) if per else 0
    return per, total


def _attendees(conn: sqlite3.Connection, scope: Scope) -> tuple[dict[str | None, int], int]:
    """Distinct members linked to attendance, per province and over the whole scope."""
    where, params = _meeting_filter(scope)
    join = f"FROM attendance a JOIN meetings mt ON mt.id = a.meeting_id WHERE {where}"
    per = {
        pcode: n
        for pcode, n in conn.execute(
            f"SELECT mt.province_code, count(DISTINCT a.member_id) {join} GROUP BY mt.province_code",
            params,
        )
    }
    if len(per) <= 1:
        return per, sum(per.values())
    if (
        scope.codes is None
        and scope.network_ids is None
        and not scope.date_from
        and not scope.date_to
    ):
        # Everyone who ever attended: the attendance index alone, in member order (no sort),
        # less those who attended only removed meetings (their attendance is kept).
        everyone = conn.execute("SELECT count(DISTINCT member_id) FROM attendance").fetchone()[0]
        only_removed = 0
        if conn.execute(
            "SELECT EXISTS (SELECT 1 FROM meetings WHERE deleted_at IS NOT NULL)"
        ).fetchone()[0]:
            # CROSS JOIN keeps the few removed meetings as the outer loop.
            only_removed = conn.execute(
                "SELECT count(DISTINCT a.member_id) FROM meetings mt CROSS JOIN attendance a"
                " ON a.meeting_id = mt.id WHERE mt.deleted_at IS NOT NULL AND NOT EXISTS"
                " (SELECT 1 FROM attendance a2 JOIN meetings m2 ON m2.id = a2.meeting_id"
                " WHERE a2.member_id = a.member_id AND m2.deleted_at IS NULL)"
            ).fetchone()[0]
        return per, everyone - only_removed
    total = conn.execute(
        "SELECT count(DISTINCT a.member_id) FROM attendance a"
        f" WHERE a.meeting_id IN (SELECT mt.id FROM meetings mt WHERE {where})",
        params,
    ).fetchone()[0]
    return per, total


def _actions(
    conn: sqlite3.Connection, scope: Scope, today: date
) -> dict[str | None, tuple[int, int]]:
    """(open, overdue) actions as of today, in the province of their meeting, else of their
    network. Not limited to the period: an open action is open whenever it was decided."""
    out: dict[str | None, tuple[int, int]] = {}
    ids = scope.network_ids
    # Actions of a meeting: for some provinces through their meetings (meetings_province_date);
    # for the whole country through the open actions (actions_due), the smaller side.
    in_sql, in_params = _in("mt.province_code", scope.codes)
    net_sql = ""
    if ids is not None:
        net_sql = f" AND (mt.network_id IN ({_marks(ids)}) OR a.network_id IN ({_marks(ids)}))"
    tables = (
        "meetings mt JOIN actions a"
        if scope.codes is not None
        else "actions a CROSS JOIN meetings mt"
    )
    sql = (
        f"SELECT mt.province_code, count(*), sum(a.due_date < ?) FROM {tables}"
        " ON a.meeting_id = mt.id"
        f" WHERE mt.deleted_at IS NULL AND a.done_at IS NULL{in_sql}{net_sql}"
        " GROUP BY mt.province_code"
    )
    rows = list(conn.execute(sql, [today.isoformat(), *in_params, *(ids or ()), *(ids or ())]))
    # Actions of a network's calendar, with no meeting.
    in_sql, in_params = _in("n.province_code", scope.codes)
    net_sql = f" AND a.network_id IN ({_marks(ids)})" if ids is not None else ""
    sql = (
        "SELECT n.province_code, count(*), sum(a.due_date < ?) FROM actions a"
        " JOIN networks n ON n.id = a.network_id"
        f" WHERE a.meeting_id IS NULL AND a.done_at IS NULL{in_sql}{net_sql}"
        " GROUP BY n.province_code"
    )
    rows += conn.execute(sql, [today.isoformat(), *in_params, *(ids or ())]).fetchall()
    for pcode, n, overdue in rows:
        before = out.get(pcode, (0, 0))
        out[pcode] = (before[0] + n, before[1] + (overdue or 0))
    return out


def _by_month(conn: sqlite3.Connection, scope: Scope) -> dict[str | None, dict[str, int]]:
    where, params = _meeting_filter(scope)
    out: dict[str | None, dict[str, int]] = {}
    sql = (
        "SELECT mt.province_code, substr(mt.start_date, 1, 7), count(*) FROM meetings mt"
        f" WHERE {where} GROUP BY 1, 2 ORDER BY 1, 2"
    )
    for pcode, month, n in conn.execute(sql, params):
        out.setdefault(pcode, {})[month] = n
    return out


_LAST_MEETING_COLUMNS = (
    "id, title, kind, start_date, end_date, batch, venue, subdistrict, district, province,"
    " participants, budget_satang"
)


def _last_meeting(
    conn: sqlite3.Connection, scope: Scope, pcode: str | None
) -> dict[str, Any] | None:
    """The most recent meeting of a province in the period (index meetings_province_date)."""
    inner = Scope(
        codes=None,
        network_ids=scope.network_ids,
        date_from=scope.date_from,
        date_to=scope.date_to,
    )
    where, params = _meeting_filter(inner)
    province = " AND mt.province_code = ?" if pcode is not None else " AND mt.province_code IS NULL"
    row = conn.execute(
        f"SELECT {_LAST_MEETING_COLUMNS} FROM meetings mt WHERE {where}{province}"
        " ORDER BY mt.start_date DESC, mt.id DESC LIMIT 1",
        [*params, pcode] if pcode is not None else params,
    ).fetchone()
    return _meeting_public(row) if row else None


def _meeting_public(row: sqlite3.Row | tuple[Any, ...]) -> dict[str, Any]:
    from netcli.thai.dates import format_date_range
    from netcli.thai.places import place_text

    (mid, title, kind, start, end, batch, venue, sub, dist, prov, people, satang) = tuple(row)
    return {
        "id": mid,
        "title": title,
        "kind": kind,
        "batch": batch,
        "start_date": start,
        "end_date": end,
        "date_th": format_date_range(date.fromisoformat(start), date.fromisoformat(end)),
        "venue": venue,
        "subdistrict": sub,
        "district": dist,
        "province": prov,
        "place_th": place_text(sub, dist, prov),
        "participants": people,
        "budget_baht": _baht(satang) if satang is not None else None,
    }


def _sectors_sorted(counts: dict[str, int]) -> dict[str, int]:
    from netcli.thai.collation import thai_sort_key

    return dict(
        sorted(counts.items(), key=lambda kv: (-kv[1], kv[0] == UNKNOWN, thai_sort_key(kv[0])))
    )


def _merge_counts(dicts: Iterable[dict[str, int]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for d in dicts:
        for k, v in d.items():
            out[k] = out.get(k, 0) + v
    return out


# The scalar figures of a province entry and of the total, in order: the columns of
# ``summary --format csv`` (one row per province, then the total; see ``csv_rows``).
ROW_FIELDS = (
    "scope", "province", "province_code", "members", "districts", "subdistricts", "networks",
    "meetings", "meeting_days", "participants", "unique_attendees", "budget_baht",
    "budget_satang", "budget_text", "open_actions", "overdue_actions",
)  # fmt: skip


def csv_rows(summary: dict[str, Any]) -> list[dict[str, Any]]:
    """The summary flattened to ROW_FIELDS: ``scope`` is ``province`` for each province and
    ``total`` for the last row (whose province and province_code are empty)."""
    rows = [{**e, "scope": "province"} for e in summary["provinces"]]
    rows.append({**summary["total"], "scope": "total", "province": None, "province_code": None})
    return rows


def build_summary(
    conn: sqlite3.Connection,
    *,
    provinces: Sequence[str] = (),
    region: str | None = None,
    network: str | None = None,
    date_from: date | str | None = None,
    date_to: date | str | None = None,
    fiscal_year: int | str | None = None,
    depth: str = "province",
    today: date | None = None,
    by_month: bool = False,
) -> dict[str, Any]:
    """The summary as product.md's ``summary --format json`` object (ISO dates, plain numbers).

    ``provinces`` and ``region`` select provinces (their union); ``network`` keeps that
    network's members and meetings; ``date_from``/``date_to`` or ``fiscal_year`` (BE) select
    meetings by their first day; ``depth`` adds ``by_subdistrict`` under each district;
    ``by_month`` adds meetings per month (``by_month`` lists, for the workbook's charts).
    """
    if depth not in DEPTHS:
        raise ValidationError(
            f"--depth ต้องเป็น {', '.join(DEPTHS)} (unknown depth '{depth}')",
            code="bad-option",
            field="depth",
            value=depth,
        )
    today = today or date.today()
    scope = resolve_scope(
        conn,
        provinces=provinces,
        region=region,
        network=network,
        date_from=date_from,
        date_to=date_to,
        fiscal_year=fiscal_year,
    )
    return summarize(conn, scope, depth=depth, today=today, by_month=by_month)


def _in_background(
    conn: sqlite3.Connection, work: Callable[[sqlite3.Connection], Any]
) -> Callable[[], Any] | None:
    """Run ``work`` on a second read-only connection in a thread; returns a function that
    waits for the result. None when the database is not a file (nothing to share)."""
    import threading

    from netcli.store.db import open_read_only

    path = next((row[2] for row in conn.execute("PRAGMA database_list") if row[1] == "main"), "")
    if not path:
        return None
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            other = open_read_only(Path(path))
        except sqlite3.Error as exc:
            box["error"] = exc
            return
        try:
            box["result"] = work(other)
        except BaseException as exc:  # re-raised in the caller's thread
            box["error"] = exc
        finally:
            other.close()

    thread = threading.Thread(target=run, name="netcli-summary", daemon=True)
    thread.start()

    def wait() -> Any:
        thread.join()
        if "error" in box:
            raise box["error"]
        return box["result"]

    return wait


def summarize(
    conn: sqlite3.Connection, scope: Scope, *, depth: str, today: date, by_month: bool = False
) -> dict[str, Any]:
    """The summary of a resolved scope (see build_summary)."""
    from netcli.networks.regions import province_name_by_code
    from netcli.thai.collation import thai_sort_key
    from netcli.thai.money import baht_text

    names = province_name_by_code()
    # The distinct-attendee count is the one slow aggregate (a temporary b-tree over all
    # attendance); sqlite3 releases the GIL while a query runs, so it goes on a second read
    # connection in a thread while this one computes the rest.
    pending = _in_background(conn, lambda other: _attendees(other, scope))
    tree, kinds = _tree_rows(conn, scope, depth)
    sectors = _by_sector(conn, scope)
    nets, networks_total = _networks(conn, scope)
    attendees, attendees_total = pending() if pending else _attendees(conn, scope)
    actions = _actions(conn, scope, today)
    months = _by_month(conn, scope) if by_month else {}

    if scope.codes is not None:
        codes: list[str | None] = list(scope.codes)
    else:
        present = set(tree) | set(actions)
        codes = [c for c in present if c is not None]
        if None in present:
            codes.append(None)
    codes.sort(key=lambda c: (c is None, thai_sort_key(names.get(c, c) if c else None)))

    entries = []
    for code in codes:
        node = tree.get(code) or _new_node()
        open_, overdue = actions.get(code, (0, 0))
        by_district = _place_entries(node, "district", depth)
        entry = {
            "province": names.get(code, code) if code else NO_PROVINCE,
            "province_code": code,
            "members": node["members"],
            "districts": sum(1 for d in by_district if d["district"] and d["members"]),
            "subdistricts": sum(d["subdistricts"] for d in by_district if d["district"]),
            "networks": len(nets.get(code, ())),
            "by_sector": _sectors_sorted(sectors.get(code, {})),
            "by_district": by_district,
            "meetings": node["meetings"],
            "meeting_days": node["meeting_days"],
            "meeting_kinds": dict(sorted(kinds.get(code, {}).items(), key=lambda kv: -kv[1])),
            "participants": node["participants"],
            "unique_attendees": attendees.get(code, 0),
            "budget_baht": _baht(node["budget_satang"]),
            "budget_satang": node["budget_satang"],
            "budget_text": baht_text(node["budget_satang"]),
            "last_meeting": _last_meeting(conn, scope, code) if node["meetings"] else None,
            "open_actions": open_,
            "overdue_actions": overdue,
        }
        if by_month:
            entry["by_month"] = [
                {"month": m, "meetings": n} for m, n in months.get(code, {}).items()
            ]
        entries.append(entry)

    satang = sum(e["budget_satang"] for e in entries)
    lasts = [e["last_meeting"] for e in entries if e["last_meeting"]]
    total = {
        "provinces": sum(1 for e in entries if e["province_code"]),
        "members": sum(e["members"] for e in entries),
        "districts": sum(e["districts"] for e in entries),
        "subdistricts": sum(e["subdistricts"] for e in entries),
        "networks": networks_total,
        "by_sector": _sectors_sorted(_merge_counts(e["by_sector"] for e in entries)),
        "meetings": sum(e["meetings"] for e in entries),
        "meeting_days": sum(e["meeting_days"] for e in entries),
        "meeting_kinds": dict(
            sorted(
                _merge_counts(e["meeting_kinds"] for e in entries).items(), key=lambda kv: -kv[1]
            )
        ),
        "participants": sum(e["participants"] for e in entries),
        "unique_attendees": attendees_total,
        "budget_baht": _baht(satang),
        "budget_satang": satang,
        "budget_text": baht_text(satang),
        "last_meeting": max(lasts, key=lambda m: (m["start_date"], m["id"])) if lasts else None,
        "open_actions": sum(e["open_actions"] for e in entries),
        "overdue_actions": sum(e["overdue_actions"] for e in entries),
    }
    if by_month:
        merged = _merge_counts(months.get(e["province_code"], {}) for e in entries)
        total["by_month"] = [{"month": m, "meetings": n} for m, n in sorted(merged.items())]
    return {
        "generated_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "as_of": today.isoformat(),
        "period": {
            "from": scope.date_from.isoformat() if scope.date_from else None,
            "to": scope.date_to.isoformat() if scope.date_to else None,
            "fiscal_year": scope.fiscal_year,
        },
        "region": scope.region,
        "network": scope.network,
        "depth": depth,
        "provinces": entries,
        "total": total,
    }


# --- Thai text for the human forms (table, Markdown, workbook) ----------------------------


class ThaiText:
    """Number, money and date formatting with or without Thai digits."""

    def __init__(self, thai_digits: bool) -> None:
        self.thai_digits = thai_digits

    def n(self, value: int | None) -> str:
        from netcli.thai.money import format_number

        return format_number(value or 0, thai_digits=self.thai_digits)

    def baht(self, satang: int) -> str:
        from netcli.thai.money import format_baht

        return format_baht(satang, thai_digits=self.thai_digits)

    def date(self, iso: str, *, short: bool = False) -> str:
        from netcli.thai.dates import format_date

        return format_date(date.fromisoformat(iso), short=short, thai_digits=self.thai_digits)

    def range(self, start: str, end: str, *, short: bool = False) -> str:
        from netcli.thai.dates import format_date_range

        return format_date_range(
            date.fromisoformat(start),
            date.fromisoformat(end),
            short=short,
            thai_digits=self.thai_digits,
        )

    def digits(self, text: str) -> str:
        from netcli.thai.digits import to_thai

        return to_thai(text) if self.thai_digits else text


def title_lines(summary: dict[str, Any], *, thai_digits: bool = False) -> list[str]:
    """The heading of every human form: what, where, which period, as of when."""
    t = ThaiText(thai_digits)
    provinces = summary["provinces"]
    where = ""
    if summary.get("region"):
        where = f" {summary['region']}"
    elif len(provinces) == 1 and provinces[0]["province_code"]:
        where = f" จังหวัด{provinces[0]['province']}"
    elif summary["total"]["provinces"] > 1:
        where = f" {t.n(summary['total']['provinces'])} จังหวัด"
    title = f"สรุปข้อมูลเครือข่ายพัฒนาสังคม{where}"
    if summary.get("network"):
        title += f" · {summary['network']}"
    lines = [title, period_text(summary, thai_digits=thai_digits)]
    lines.append(f"ข้อมูล ณ วันที่ {t.date(summary['as_of'])}")
    return lines


def period_text(summary: dict[str, Any], *, thai_digits: bool = False) -> str:
    t = ThaiText(thai_digits)
    period = summary["period"]
    start, end = period.get("from"), period.get("to")
    if period.get("fiscal_year"):
        return f"ปีงบประมาณ {t.digits(str(period['fiscal_year']))} ({t.range(start, end)})"
    if start and end:
        return f"ช่วงเวลา {t.range(start, end)}"
    if start:
        return f"ตั้งแต่วันที่ {t.date(start)}"
    if end:
        return f"จนถึงวันที่ {t.date(end)}"
    return "เวทีและงบประมาณ: ทุกช่วงเวลา"


NOTE_PEOPLE = (
    "ผู้เข้าร่วมตามรายงาน = จำนวนคนที่รายงานไว้ของแต่ละเวทีรวมกัน;"
    " ผู้ลงชื่อ (ไม่ซ้ำ) = สมาชิกที่บันทึกการเข้าร่วมไว้ นับคนละครั้ง"
)
