"""Summaries per province, district and subdistrict: SQL aggregates, never a loop over rows.

Every figure comes from a GROUP BY over an index (see ``migrations/0004_summary.sql``);
Python only folds the few thousand groups (at most one per subdistrict and kind) into the tree
province -> district -> subdistrict, the way hledger rolls accounts up.

What counts:

* members: live members now (not removed), whatever the period;
* meetings, meeting days, kinds, ``participants`` (the reported head-counts, summed),
  ``unique_attendees`` (distinct members linked to a meeting's attendance) and the budget:
  meetings whose first day falls in the period (a meeting known only to the month or year:
  whose bounds lie inside it; the others are counted as ``unplaced_meetings``), counted in
  the province where they were held and in every province they cover, and once in a total;
* unknown is not zero: a head-count or budget nobody reported is left out of the sums, which
  say how many meetings they add up (``participants_meetings``, ``budget_meetings``) and are
  null when none did; a total containing a "กว่า …" head-count has ``participants_at_least``;
* organizations by kind and the latest figures of each fund, per province (a fund's capital
  is what it holds, never a budget);
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
                "ใช้ --fiscal-year หรือ --since/--until อย่างใดอย่างหนึ่ง (give a fiscal year or a period, not both)",
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
                " (--until is before --since)",
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


def _period_sql(scope: Scope, alias: str) -> tuple[str, list[Any]]:
    """A meeting known to the day is in the period by its first day; one known only to the
    month or year when its bounds lie inside the period (never placed by a guessed day)."""
    if not scope.date_from and not scope.date_to:
        return "", []
    day, partial, p_day, p_partial = [], [], [], []
    if scope.date_from:
        day.append(f"{alias}.start_date >= ?")
        p_day.append(scope.date_from.isoformat())
        partial.append(f"{alias}.start_date >= ?")
        p_partial.append(scope.date_from.isoformat())
    if scope.date_to:
        day.append(f"{alias}.start_date <= ?")
        p_day.append(scope.date_to.isoformat())
        partial.append(f"{alias}.end_date <= ?")
        p_partial.append(scope.date_to.isoformat())
    sql = (
        f" AND (({alias}.date_precision = 'day' AND {' AND '.join(day)})"
        f" OR ({alias}.date_precision != 'day' AND {' AND '.join(partial)}))"
    )
    return sql, p_day + p_partial


def _covers_in(alias: str, codes: list[str] | None) -> tuple[str, list[Any]]:
    """Held in one of the provinces, or covering one of them."""
    if codes is None:
        return "", []
    if not codes:
        return " AND 0", []
    marks = _marks(codes)
    # One list of ids from two indexes (an OR of the two would scan every meeting).
    return (
        f" AND {alias}.id IN (SELECT id FROM meetings WHERE province_code IN ({marks})"
        f" UNION SELECT meeting_id FROM meeting_coverage WHERE province_code IN ({marks}))",
        [*codes, *codes],
    )


def _meeting_filter(
    scope: Scope, alias: str = "mt", *, host_only: bool = False, period: bool = True
) -> tuple[str, list[Any]]:
    """Live meetings of the scope: held in or covering its provinces (``host_only``: held
    there), in its period, of its networks."""
    if host_only:
        sql, params = _in(f"{alias}.province_code", scope.codes)
    else:
        sql, params = _covers_in(alias, scope.codes)
    sql = f"{alias}.deleted_at IS NULL" + sql
    if period:
        more, more_params = _period_sql(scope, alias)
        sql += more
        params.extend(more_params)
    if scope.network_ids is not None:
        sql += f" AND {alias}.network_id IN ({_marks(scope.network_ids)})"
        params.extend(scope.network_ids)
    return sql, params


# Days of a meeting known to the day; a meeting known only to the month or year has no
# counted days (they are not known).
_DAYS = (
    "CASE WHEN {a}.date_precision = 'day'"
    " THEN CAST(julianday({a}.end_date) - julianday({a}.start_date) AS INTEGER) + 1 ELSE 0 END"
)
# What every meeting group adds up: count, days, head-counts (and how many reported one,
# how many as "กว่า …"), budget (and how many stated one).
_SUMS = (
    "count(*), sum(" + _DAYS.format(a="mt") + "),"
    " coalesce(sum(mt.participants), 0), count(mt.participants), sum(mt.participants_at_least),"
    " coalesce(sum(mt.budget_satang), 0), count(mt.budget_satang),"
    # Reported head-counts of forums that span two provinces or more: a province row shows the
    # whole forum's count, which is not that province's share (the total counts it once).
    " sum(mt.participants IS NOT NULL AND (SELECT count(*) FROM (SELECT mt.province_code AS p"
    " WHERE mt.province_code IS NOT NULL UNION SELECT c2.province_code FROM meeting_coverage c2"
    " WHERE c2.meeting_id = mt.id)) >= 2)"
)
_SUM_KEYS = (
    "meetings",
    "meeting_days",
    "participants",
    "participants_meetings",
    "participants_at_least",
    "budget_satang",
    "budget_meetings",
    "participants_shared",
)


# --- building ---------------------------------------------------------------------------


def _baht(satang: int) -> float:
    # Two decimals exactly: 123456789 satang -> 1234567.89 (float repr is the shortest form).
    return round(satang / 100, 2)


def _new_node() -> dict[str, Any]:
    node: dict[str, Any] = {"members": 0, "_children": {}}
    node.update(dict.fromkeys(_SUM_KEYS, 0))
    return node


def _add_sums(node: dict[str, Any], values: Sequence[Any]) -> None:
    for key, value in zip(_SUM_KEYS, values, strict=True):
        node[key] += value or 0


def _figures(node: dict[str, Any]) -> dict[str, Any]:
    """Head-counts and budget of a node as JSON: what is known, and how much of it."""
    known_people = node["participants_meetings"]
    known_budget = node["budget_meetings"]
    satang = node["budget_satang"] if known_budget else None
    from netcli.thai.money import baht_text

    return {
        "participants": node["participants"] if known_people else None,
        "participants_meetings": known_people,
        "participants_at_least": bool(node["participants_at_least"]),
        "budget_baht": _baht(satang) if satang is not None else None,
        "budget_satang": satang,
        "budget_text": baht_text(satang) if satang is not None else None,
        "budget_meetings": known_budget,
        # How many of the counted head-counts are a whole forum shared with other provinces.
        "participants_shared": node["participants_shared"],
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

    where, params = _meeting_filter(scope, host_only=True)
    # Subdistricts of meetings only when asked for: ~35,000 groups instead of ~3,000 to fold.
    sub = depth == "subdistrict"
    place = "mt.province_code, mt.district_code, mt.district"
    if sub:
        place += ", mt.subdistrict_code, mt.subdistrict"
    # A meeting with no host province that covers provinces is counted there (below),
    # not under "ไม่ระบุจังหวัด".
    sql = (
        f"SELECT {place}, mt.kind, {_SUMS}"
        f" FROM meetings mt WHERE {where} AND NOT (mt.province_code IS NULL AND EXISTS"
        " (SELECT 1 FROM meeting_coverage c WHERE c.meeting_id = mt.id))"
        f" GROUP BY {place}, mt.kind"
    )
    width = len(_SUM_KEYS)
    for row in conn.execute(sql, params):
        pcode, dcode, dname = row[:3]
        kind, sums = row[-width - 1], row[-width:]
        nodes = [province(pcode)]
        nodes.append(_child(nodes[0], (dcode, dname)))
        if sub:
            nodes.append(_child(nodes[1], (row[3], row[4])))
        for node in nodes:
            _add_sums(node, sums)
        k = kinds.setdefault(pcode, {})
        k[kind or UNKNOWN] = k.get(kind or UNKNOWN, 0) + sums[0]
    # Meetings covering a province they were not held in: counted in that province (not in
    # any of its districts), once.
    inner = Scope(
        codes=None,
        network_ids=scope.network_ids,
        date_from=scope.date_from,
        date_to=scope.date_to,
    )
    where, params = _meeting_filter(inner)
    in_sql, in_params = _in("c.province_code", scope.codes)
    sql = (
        f"SELECT c.province_code, mt.kind, {_SUMS} FROM meeting_coverage c"
        f" JOIN meetings mt ON mt.id = c.meeting_id WHERE {where}{in_sql}"
        " AND c.province_code IS NOT mt.province_code GROUP BY c.province_code, mt.kind"
    )
    for row in conn.execute(sql, params + in_params):
        pcode, kind, sums = row[0], row[1], row[2:]
        _add_sums(province(pcode), sums)
        k = kinds.setdefault(pcode, {})
        k[kind or UNKNOWN] = k.get(kind or UNKNOWN, 0) + sums[0]
    return provinces, kinds


def _totals(conn: sqlite3.Connection, scope: Scope) -> tuple[dict[str, Any], dict[str, int]]:
    """Every meeting of the scope counted once (a regional forum covers several provinces
    but is one meeting in the total)."""
    where, params = _meeting_filter(scope)
    node = _new_node()
    kinds: dict[str, int] = {}
    for row in conn.execute(
        f"SELECT mt.kind, {_SUMS} FROM meetings mt WHERE {where} GROUP BY mt.kind", params
    ):
        _add_sums(node, row[1:])
        kinds[row[0] or UNKNOWN] = kinds.get(row[0] or UNKNOWN, 0) + row[1]
    node["participants_shared"] = 0  # the total counts every forum once: nothing is shared
    return node, kinds


def _unplaced(conn: sqlite3.Connection, scope: Scope) -> int:
    """Meetings of the scope known only to the month or year whose bounds overlap the period
    without lying inside it: they may or may not belong to it, so they are not counted."""
    if not scope.date_from and not scope.date_to:
        return 0
    where, params = _meeting_filter(scope, period=False)
    sql = f"SELECT count(*) FROM meetings mt WHERE {where} AND mt.date_precision != 'day'"
    inside = []
    if scope.date_from:
        sql += " AND mt.end_date >= ?"
        params.append(scope.date_from.isoformat())
        inside.append("mt.start_date >= ?")
    if scope.date_to:
        sql += " AND mt.start_date <= ?"
        params.append(scope.date_to.isoformat())
        inside.append("mt.end_date <= ?")
    sql += f" AND NOT ({' AND '.join(inside)})"
    if scope.date_from:
        params.append(scope.date_from.isoformat())
    if scope.date_to:
        params.append(scope.date_to.isoformat())
    return int(conn.execute(sql, params).fetchone()[0])


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
        figures = _figures(child)
        entry.update(
            meetings=child["meetings"],
            meeting_days=child["meeting_days"],
            participants=figures["participants"],
            participants_meetings=figures["participants_meetings"],
            participants_at_least=figures["participants_at_least"],
            budget_baht=figures["budget_baht"],
            budget_satang=figures["budget_satang"],
            budget_meetings=figures["budget_meetings"],
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
    # Networks that cover the province (a regional network has no one home province).
    in_sql, in_params = _in("c.province_code", scope.codes)
    net_sql = f" AND n.id IN ({_marks(ids)})" if ids is not None else ""
    sql = (
        "SELECT c.province_code, n.id FROM network_coverage c JOIN networks n ON n.id = c.network_id"
        f" WHERE n.deleted_at IS NULL{in_sql}{net_sql}"
    )
    for pcode, nid in conn.execute(sql, in_params + list(ids or ())):
        per.setdefault(pcode, set()).add(nid)
    where, params = _meeting_filter(scope, host_only=True)
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
    """Distinct members linked to attendance, per province and over the whole scope.

    A province counts the attendance of the meetings it counts: those held there and those
    that cover it (like the head-counts); a meeting with no host province that covers
    provinces is counted there, not under "ไม่ระบุจังหวัด".
    """
    where, params = _meeting_filter(scope)
    join = f"FROM attendance a JOIN meetings mt ON mt.id = a.meeting_id WHERE {where}"
    per = {
        pcode: n
        for pcode, n in conn.execute(
            "SELECT p, count(DISTINCT member_id) FROM ("
            f"SELECT mt.province_code AS p, a.member_id {join}"
            " AND NOT (mt.province_code IS NULL AND EXISTS"
            " (SELECT 1 FROM meeting_coverage c WHERE c.meeting_id = mt.id))"
            f" UNION ALL SELECT c.province_code, a.member_id {join.replace('WHERE', 'JOIN meeting_coverage c ON c.meeting_id = mt.id WHERE', 1)}"
            " AND c.province_code IS NOT mt.province_code"
            ") GROUP BY p",
            params + params,
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
    where, params = _meeting_filter(scope, host_only=True)
    where += " AND mt.date_precision IN ('day', 'month')"  # a year has no month to chart
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
    " participants, budget_satang, date_precision, date_approximate, participants_note,"
    " participants_at_least"
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
    if pcode is not None:
        province = (
            " AND mt.id IN (SELECT id FROM meetings WHERE province_code = ?"
            " UNION SELECT meeting_id FROM meeting_coverage WHERE province_code = ?)"
        )
        params = [*params, pcode, pcode]
    else:
        province = (
            " AND mt.province_code IS NULL AND NOT EXISTS"
            " (SELECT 1 FROM meeting_coverage c WHERE c.meeting_id = mt.id)"
        )
    row = conn.execute(
        f"SELECT {_LAST_MEETING_COLUMNS} FROM meetings mt WHERE {where}{province}"
        " ORDER BY mt.end_date DESC, mt.start_date DESC, mt.id DESC LIMIT 1",
        params,
    ).fetchone()
    return _meeting_public(row) if row else None


def _meeting_public(row: sqlite3.Row | tuple[Any, ...]) -> dict[str, Any]:
    from netcli.thai.partial_dates import format_stored
    from netcli.thai.places import place_text

    (mid, title, kind, start, end, batch, venue, sub, dist, prov, people, satang) = tuple(row)[:12]
    precision, approximate, note, least = tuple(row)[12:16]
    return {
        "id": mid,
        "title": title,
        "kind": kind,
        "batch": batch,
        "start_date": start,
        "end_date": end,
        "date_precision": precision,
        "date_approximate": bool(approximate),
        "date_th": format_stored(start, end, precision, approximate),
        "participants_note": note,
        "participants_at_least": bool(least),
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


def _sorted_counts(counts: dict[str, int]) -> dict[str, int]:
    from netcli.thai.collation import thai_sort_key

    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], thai_sort_key(kv[0]))))


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
    # "กว่า 70" is 70 with participants_at_least; a shared forum's whole count (see NOTE_SHARED).
    "participants_at_least", "participants_shared",
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
    totals, total_kinds = _totals(conn, scope)
    unplaced = _unplaced(conn, scope)
    from netcli.people.organizations import province_organizations

    orgs = province_organizations(conn, scope.codes)

    if scope.codes is not None:
        codes: list[str | None] = list(scope.codes)
    else:
        present = set(tree) | set(actions) | {c for c in orgs if c is not None}
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
            **_figures(node),
            "unique_attendees": attendees.get(code, 0),
            "last_meeting": _last_meeting(conn, scope, code) if node["meetings"] else None,
            "open_actions": open_,
            "overdue_actions": overdue,
            "organizations": _sorted_counts(orgs.get(code, {}).get("by_kind", {})),
            "funds": orgs.get(code, {}).get("funds", []),
        }
        if by_month:
            entry["by_month"] = [
                {"month": m, "meetings": n} for m, n in months.get(code, {}).items()
            ]
        entries.append(entry)

    lasts = [e["last_meeting"] for e in entries if e["last_meeting"]]
    total = {
        "provinces": sum(1 for e in entries if e["province_code"]),
        "members": sum(e["members"] for e in entries),
        "districts": sum(e["districts"] for e in entries),
        "subdistricts": sum(e["subdistricts"] for e in entries),
        "networks": networks_total,
        "by_sector": _sectors_sorted(_merge_counts(e["by_sector"] for e in entries)),
        "meetings": totals["meetings"],
        "meeting_days": totals["meeting_days"],
        "meeting_kinds": dict(sorted(total_kinds.items(), key=lambda kv: -kv[1])),
        **_figures(totals),
        "unique_attendees": attendees_total,
        "last_meeting": max(lasts, key=lambda m: (m["end_date"], m["start_date"], m["id"]))
        if lasts
        else None,
        "open_actions": sum(e["open_actions"] for e in entries),
        "overdue_actions": sum(e["overdue_actions"] for e in entries),
        "organizations": _sorted_counts(_merge_counts(e["organizations"] for e in entries)),
        "funds": [f for e in entries for f in e["funds"]],
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
            "unplaced_meetings": unplaced,
        },
        "unplaced_meetings": unplaced,
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

    def people(self, e: dict[str, Any]) -> str:
        """Reported head-count of a node: "กว่า 70", "250", or ไม่ระบุ (never 0 for unknown)."""
        if e.get("participants") is None:
            return UNKNOWN
        text = self.n(e["participants"])
        text = f"กว่า {text}" if e.get("participants_at_least") else text
        return f"{text}{SHARED_MARK}" if e.get("participants_shared") else text

    def budget(self, e: dict[str, Any]) -> str:
        return UNKNOWN if e.get("budget_satang") is None else self.baht(e["budget_satang"])

    def when(self, m: dict[str, Any], *, short: bool = False) -> str:
        """A meeting's date as far as it is known."""
        from netcli.thai.partial_dates import format_stored

        return format_stored(
            m["start_date"],
            m["end_date"],
            m.get("date_precision"),
            m.get("date_approximate"),
            short=short,
            thai_digits=self.thai_digits,
        )


def budget_line(e: dict[str, Any], *, thai_digits: bool = False, label: str = "งบประมาณรวม") -> str:
    """ "งบประมาณรวม 1,500.00 บาท จาก 2 ใน 5 เวทีที่ระบุงบประมาณ", or ไม่ระบุ when none stated one."""
    t = ThaiText(thai_digits)
    if e.get("budget_satang") is None:
        return (
            f"{label} {UNKNOWN} (ไม่มีเวทีที่ระบุงบประมาณ)" if e.get("meetings") else f"{label} {UNKNOWN}"
        )
    text = f"{label} {t.baht(e['budget_satang'])} บาท"
    if e.get("budget_meetings", 0) < e.get("meetings", 0):
        text += f" จาก {t.n(e['budget_meetings'])} ใน {t.n(e['meetings'])} เวทีที่ระบุงบประมาณ"
    return f"{text} ({e['budget_text']})"


def people_line(e: dict[str, Any], *, thai_digits: bool = False) -> str:
    """ "ผู้เข้าร่วมตามรายงาน กว่า 320 คน (4 ใน 5 เวทีที่รายงานจำนวน)" """
    t = ThaiText(thai_digits)
    if e.get("participants") is None:
        return f"ผู้เข้าร่วมตามรายงาน {UNKNOWN}"
    text = f"ผู้เข้าร่วมตามรายงาน {t.people(e)} คน"
    if e.get("participants_meetings", 0) < e.get("meetings", 0):
        text += f" (จาก {t.n(e['participants_meetings'])} ใน {t.n(e['meetings'])} เวทีที่รายงานจำนวน)"
    return text


def funds_lines(e: dict[str, Any], *, thai_digits: bool = False) -> list[str]:
    """Organizations by kind and the latest figures of each fund (capital is not a budget)."""
    from netcli.people.organizations import figure_parts

    t = ThaiText(thai_digits)
    lines = []
    if e.get("organizations"):
        lines.append("องค์กร: " + " · ".join(f"{k} {t.n(v)}" for k, v in e["organizations"].items()))
    for f in e.get("funds", []):
        parts = figure_parts(f, number=t.n, baht=t.baht)
        lines.append(f"{f['name']} ({t.digits(f['as_of_th'])}): " + " · ".join(parts))
    return lines


def unplaced_line(summary: dict[str, Any], *, thai_digits: bool = False) -> str | None:
    n = summary.get("unplaced_meetings") or 0
    if not n:
        return None
    t = ThaiText(thai_digits)
    return (
        f"มี {t.n(n)} เวทีที่ทราบวันที่เพียงเดือนหรือปี จัดเข้าช่วงเวลานี้ไม่ได้ จึงไม่นับรวม"
        f" ({n} meeting(s) known only to the month or year could not be placed in this period)"
    )


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


SHARED_MARK = "*"
NOTE_SHARED = (
    f"{SHARED_MARK} รวมเวทีที่ครอบคลุมหลายจังหวัด: แสดงจำนวนผู้เข้าร่วมทั้งเวทีในทุกจังหวัดที่เวทีครอบคลุม"
    " (ไม่ใช่ยอดของจังหวัดนั้น) และนับครั้งเดียวในยอดรวม"
)


def people_notes(summary: dict[str, Any]) -> list[str]:
    """The notes under a summary table: what the head-count columns mean, and the mark of a
    forum shared by several provinces when a row carries it."""
    notes = [NOTE_PEOPLE]
    if any(e.get("participants_shared") for e in summary.get("provinces", [])):
        notes.append(NOTE_SHARED)
    return notes


NOTE_PEOPLE = (
    "ผู้เข้าร่วมตามรายงาน = จำนวนคนที่รายงานไว้ของแต่ละเวทีรวมกัน;"
    " ผู้ลงชื่อ (ไม่ซ้ำ) = สมาชิกที่บันทึกการเข้าร่วมไว้ นับคนละครั้ง"
)
