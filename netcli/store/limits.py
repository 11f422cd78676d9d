"""The bounds of what netcli keeps: one place for what a command accepts and for what a file
from another laptop may hold (``sync.incoming`` checks the same bounds).

A value a command accepted must come back from a backup or a merge; so a command refuses
what the check of another laptop's file would refuse: a one-line field over 1,000
characters, a text over a spreadsheet cell (32,767), a count or a sum of money beyond any
real one, a date outside 1900–2100.
"""

from __future__ import annotations

import re
from typing import Any

from netcli.errors import ValidationError

# Excel's limit for one cell: a longer text cannot be exported.
MAX_TEXT = 32_767
# A name, a title, a code: one line of reasonable length.
MAX_SHORT = 1_000
SHORT = frozenset(
    {
        "uid", "prefix", "first_name", "last_name", "full_name", "name_key", "full_name_written",
        "name_key_written", "name", "title",
        "role", "sector", "kind", "level", "village", "subdistrict", "subdistrict_code",
        "district", "district_code", "province", "province_code", "phone", "email", "line_id",
        "national_id", "batch", "session", "start_time", "end_time", "via_region",
        "date_precision", "as_of_precision", "alias_uid",
    }
)  # fmt: skip
DATES = frozenset(
    {"joined_on", "start_date", "end_date", "day", "due_date", "done_at", "as_of", "as_of_end"}
)
# Largest whole numbers a command accepts (head-counts, villages, members; money in satang:
# a sum over a hundred thousand records still fits SQLite's 64-bit integers).
COUNTS = {
    "participants": 10_000_000,
    "villages": 10_000_000,
    "member_count": 100_000_000,
    "position": 1_000_000,
}
MONEY = {"budget_satang": 10**13, "capital_satang": 10**13}
# Whole numbers that may go below zero: a member's link read from the หน่วยงาน text of an
# import sits at position -1 (people.organizations.link_from_text), before the chosen ones.
LEAST = {"position": -1}
MIN_YEAR, MAX_YEAR = 1900, 2100
_YEAR = re.compile(r"(\d{4})(-\d{2}){0,2}$")


def bound_problem(field: str, value: Any) -> str | None:
    """Why ``value`` is beyond what netcli keeps in ``field``, or None."""
    if isinstance(value, str):
        if field in SHORT:
            if len(value) > MAX_SHORT:
                return f"ยาวเกิน {MAX_SHORT:,} ตัวอักษร (too long)"
        elif len(value) > MAX_TEXT:
            return f"ยาวเกิน {MAX_TEXT:,} ตัวอักษร (too long for a cell)"
        if field in DATES:
            m = _YEAR.match(value)
            if m and not MIN_YEAR <= int(m.group(1)) <= MAX_YEAR:
                return f"ปีอยู่นอกช่วง ค.ศ. {MIN_YEAR}–{MAX_YEAR} (year out of range)"
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        limit = COUNTS.get(field) or MONEY.get(field)
        if limit is None:
            return None
        if value < LEAST.get(field, 0):
            return "ติดลบ (negative)"
        if value > limit:
            return f"มากเกินไป (over {limit:,})"
    return None


def check_bounds(values: dict[str, Any]) -> None:
    """Refuse a record whose value is beyond what netcli keeps (see the module's doc)."""
    for field, value in values.items():
        why = bound_problem(field, value)
        if why is not None:
            shown = value if not isinstance(value, str) or len(value) <= 60 else value[:60] + "…"
            raise ValidationError(f"{field} '{shown}' ใช้ไม่ได้: {why}", field=field, value=shown)
