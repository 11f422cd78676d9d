"""From a roster row to member values: cells → input fields → ``members.prepare``.

There is no second validation path: every value goes through ``members.prepare``, the function
behind ``member add``. ``prepare`` treats its field groups independently (the name parts; the
place; each other field alone), so the groups whose values repeat down a roster and are slow to
read (the place, dates) are memoised per distinct value: a 100,000-row roster has a few thousand
places, not 100,000. A test keeps this equal to one ``prepare`` call on the whole row. A refused
row is prepared group by group, so that *every* bad cell is reported, not just the first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import islice
from typing import Any

from netcli.errors import ValidationError
from netcli.importer.headers import Columns
from netcli.people import members

NAME_GROUP = ("name", "prefix", "first_name", "last_name")
PLACE_GROUP = ("subdistrict", "district", "province")
# Fields whose values repeat down a roster: prepared once per distinct value.
_MEMO_ALONE = frozenset(
    (
        "role",
        "organization",
        "sector",
        "issue_areas",
        "village",
        "joined_on",
        "consent_at",
        "consent_purpose",
    )
)
_CACHE_LIMIT = 20_000
# Excel's own limit on one cell; a longer value is no roster field (a pasted document, a
# hostile file) and is refused with its row and column rather than stored.
MAX_CELL_CHARS = 32_767

_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad\u202a-\u202e\u2066-\u2069]")
# A totals row at the bottom ("รวม 25 คน", "รวมทั้งสิ้น", "Total") and the signature block under a
# sign-in sheet ("ลงชื่อ.......ผู้รายงาน", "(นายสมชาย ใจดี)") are not people.
_TOTAL = re.compile(
    r"^(?:รวม(?:ทั้งสิ้น|ทั้งหมด)?|ยอดรวม|ทั้งหมด|จำนวน(?:ผู้เข้าร่วม|ทั้งสิ้น)?|total|grand\s*total|sum)"
    r"\s*[:：]?\s*(?:[\d๐-๙,]+\s*(?:คน|ราย|ท่าน|persons?)?)?\s*$",
    re.IGNORECASE,
)
_FOOTER_STARTS = frozenset("รยทจtTgGsS(ลผ ")
_FOOTER = re.compile(r"^\(?\s*(?:ลงชื่อ|ลงนาม|ผู้รายงาน|ผู้บันทึก|ผู้ตรวจสอบ|ผู้รับรอง|signed)", re.IGNORECASE)


# A row of the kind every roster has: validating it builds the place index, the title
# patterns and the date tables that the first real row would otherwise wait for.
_SAMPLE = {
    "name": "นายประกิจ เสาร์แก้ว",
    "subdistrict": "สุเทพ",
    "district": "เมืองเชียงใหม่",
    "province": "เชียงใหม่",
    "phone": "081-234-5678",
    "joined_on": "1 ตุลาคม 2568",
}


def warm_up() -> None:
    """Prepare a sample row, for its side effects only: the caches every import fills first.

    ``import`` runs this on a second thread while python-calamine loads a big sheet (which
    releases the GIL), so that the time is not added to the import's. The caches are pure
    (a value is the same whoever computes it first), so this changes no result.
    """
    try:
        members.prepare(_SAMPLE)
    except Exception:  # noqa: BLE001, S110 - only a warm-up: the import itself reports errors
        pass


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip() or not _INVISIBLE.sub("", value).strip()
    return False


def cell_input(value: Any) -> Any:
    """A cell as an input value: whole floats become ints (phones and IDs that Excel turned into
    numbers keep their digits), times and booleans become text, dates stay dates."""
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (datetime, date)):
        return value
    if isinstance(value, (time, timedelta)):
        return str(value)
    return value


@dataclass
class Prepared:
    """A prepared row: member column values, warnings (field, message) and errors."""

    values: dict[str, Any]
    warnings: list[tuple[str | None, str]] = field(default_factory=list)
    errors: list[ValidationError] = field(default_factory=list)


def _place_field(message: str) -> str:
    if message.startswith(("ตำบล", "แขวง")):
        return "subdistrict"
    if message.startswith(("อำเภอ", "เขต")):
        return "district"
    return "province"


class RowReader:
    """Turns the data rows of one mapped sheet into prepared member values."""

    def __init__(self, cols: Columns) -> None:
        self.cols = cols
        self.plan = sorted(cols.fields.items())
        fields = set(cols.fields.values())
        self.has_name_and_parts = "name" in fields and bool(fields & {"first_name", "last_name"})
        self.prefix_with_name = "name" in fields and "prefix" in fields
        self.header_texts = frozenset(cols.headers.values())
        self._fields: dict[str, dict[Any, tuple[Any, ...]]] = {f: {} for f in _MEMO_ALONE}
        self._places: dict[Any, tuple[Any, ...]] = {}
        # The name fields this sheet has, in NAME_GROUP order; when it has only one of them,
        # or several that need no choosing between (_names), the group is copied as it is.
        self.name_fields = tuple(f for f in NAME_GROUP if f in fields)
        self.plain_names = not self.has_name_and_parts and not self.prefix_with_name
        self._shared: dict[str | None, int] = {}  # memo entries given to the other process

    # -- the memos, shared between the two processes of a big import (parallel.py) --------

    def new_memos(self) -> list[tuple[str | None, list[tuple[Any, Any]]]]:
        """The memo entries added since the last call: (field or None for places, entries)."""
        out = []
        for name, memo in (*self._fields.items(), (None, self._places)):
            start = self._shared.get(name, 0)
            if len(memo) < start:  # cleared at the limit since
                start = 0
            if len(memo) > start:
                out.append((name, list(islice(memo.items(), start, None))))
            self._shared[name] = len(memo)
        return out

    def add_memos(self, news: list[tuple[str | None, list[tuple[Any, Any]]]]) -> None:
        """Take memo entries the other process computed (each is what this one would)."""
        for name, entries in news:
            memo = self._places if name is None else self._fields[name]
            for key, result in entries:
                if key not in memo:
                    if len(memo) >= _CACHE_LIMIT:
                        memo.clear()
                    memo[key] = result

    # -- which rows are data -------------------------------------------------------------

    def raw(self, cells: Sequence[Any]) -> dict[str, Any] | None:
        """The input fields of a data row, or None for a row that holds no person."""
        raw: dict[str, Any] = {}
        n = len(cells)
        for col, fld in self.plan:
            if col < n:
                value = cells[col]
                if value is None or value == "":
                    continue
                kind = type(value)
                if kind is str:
                    if value.isspace() or (not value.isprintable() and is_empty(value)):
                        continue
                    raw[fld] = value
                elif kind is float:
                    raw[fld] = int(value) if value.is_integer() else value
                else:
                    raw[fld] = cell_input(value)
        if not raw:
            return None
        for value in raw.values():
            if type(value) is str and value[:1] in _FOOTER_STARTS:
                text = value.strip()
                if _TOTAL.match(text) or _FOOTER.match(text):
                    return None
        name = raw.get("name")
        if type(name) is str and name.strip() in self.header_texts:
            return None  # the header repeated on every printed page
        return raw

    # -- preparing -------------------------------------------------------------------------

    def _names(self, raw: dict[str, Any]) -> dict[str, Any]:
        group = {k: raw[k] for k in self.name_fields if k in raw}
        if self.plain_names:
            return group
        if self.has_name_and_parts and "name" in group:
            # "ชื่อ-สกุล" beside a "นามสกุล" column holds only the first name.
            if "first_name" not in group:
                group["first_name"] = group.pop("name")
            else:
                group.pop("first_name")
        if self.prefix_with_name and "name" in group and "prefix" in group:
            from netcli.thai.names import split_name

            try:
                has_prefix = split_name(str(group["name"])).prefix is not None
            except ValidationError:
                has_prefix = True  # let prepare report the name
            if has_prefix:
                group.pop("prefix")  # the name already carries its prefix
            else:
                group["first_name"] = group.pop("name")
        return group

    def prepare(self, raw: dict[str, Any]) -> Prepared:
        """Validate one row with ``members.prepare``.

        Fields whose values repeat down a roster (the place, role, organization, village,
        dates…) are prepared once per distinct value; the name and the per-person fields
        (phone, e-mail, ID…) go through one call. When that call refuses the row, each group
        is prepared on its own so that every bad cell is reported.
        """
        out = Prepared({})
        for key, value in raw.items():
            if type(value) is str and len(value) > MAX_CELL_CHARS:
                out.errors.append(
                    ValidationError(
                        f"ข้อความยาวเกิน {MAX_CELL_CHARS:,} ตัวอักษร ({len(value):,} ตัวอักษร)"
                        f" (a cell longer than {MAX_CELL_CHARS:,} characters)",
                        code="too-long",
                        field=key,
                        value=value[:100] + "…",
                    )
                )
        if out.errors:
            return out
        rest = self._names(raw)
        values = out.values
        place: dict[str, Any] | None = None
        place_key: list[Any] = []  # field, value, field, value… (a value typed unless str)
        memos = self._fields
        for key, value in raw.items():
            memo = memos.get(key)
            if memo is not None:
                # Inline _memo for the common case: a known value without warnings or errors.
                result = memo.get(value if type(value) is str else (type(value), value))
                if result is not None and not result[1] and result[2] is None:
                    values.update(result[0])
                else:
                    self._memo(key, value, out)
            elif key in PLACE_GROUP:
                if place is None:
                    place = {}
                place[key] = value
                place_key.append(key)
                place_key.append(value if type(value) is str else (type(value), value))
            elif key not in NAME_GROUP:
                rest[key] = value
        if place is not None:
            pkey = tuple(place_key)
            result = self._places.get(pkey)
            if result is None:
                result = self._group(PLACE_GROUP, place, True)
                if len(self._places) >= _CACHE_LIMIT:
                    self._places.clear()
                self._places[pkey] = result
            self._apply(PLACE_GROUP, result, out)
        try:
            prepared = members.prepare(rest)
        except ValidationError:
            names = {k: v for k, v in rest.items() if k in NAME_GROUP}
            self._apply(NAME_GROUP, self._group(NAME_GROUP, names, False), out)
            for key, value in rest.items():
                if key not in NAME_GROUP:
                    self._apply((key,), self._group((key,), {key: value}, True), out)
            return out
        values.update(prepared.values)
        if prepared.warnings:
            out.warnings.extend((None, message) for message in prepared.warnings)
        return out

    def _memo(self, fld: str, value: Any, out: Prepared) -> None:
        memo = self._fields[fld]
        key = value if type(value) is str else (type(value), value)
        result = memo.get(key)
        if result is None:
            result = self._group((fld,), {fld: value}, True)
            if len(memo) >= _CACHE_LIMIT:
                memo.clear()
            memo[key] = result
        self._apply((fld,), result, out)

    @staticmethod
    def _group(group: tuple[str, ...], raw: dict[str, Any], partial: bool) -> tuple[Any, ...]:
        """(values, warnings, error) of ``members.prepare`` on one group of fields."""
        try:
            prepared = members.prepare(raw, partial=partial)
            return (prepared.values, tuple(prepared.warnings), None)
        except ValidationError as exc:
            if exc.field not in members.INPUT_FIELDS:
                exc.field = group[0]  # e.g. "date" from the date reader: name the column
            return ({}, (), exc)

    @staticmethod
    def _apply(group: tuple[str, ...], result: tuple[Any, ...], out: Prepared) -> None:
        values, warnings, error = result
        if error is not None:
            out.errors.append(error)
            return
        out.values.update(values)
        for message in warnings:
            out.warnings.append(
                (_place_field(message) if group == PLACE_GROUP else group[0], message)
            )
