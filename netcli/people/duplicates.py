"""Probable duplicate people (``member duplicates``): candidate pairs, never merged by itself.

Exact reasons are SQL self-joins on indexed keys (national ID, phone, name key within a
province); near names are compared with rapidfuzz only inside one subdistrict, so the
work grows with the size of the largest subdistrict, not with the square of everyone.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# How sure each reason is (the score of a pair is the best of its reasons).
SCORES = {"national_id": 1.0, "phone": 0.95, "name_province": 0.9, "look_alike": 0.85}
NEAR_NAME_CUTOFF = 85.0  # rapidfuzz ratio on the name key, 0-100
REASONS_TH = {
    "national_id": "เลขบัตรประชาชนเดียวกัน",
    "phone": "เบอร์โทรเดียวกัน",
    "name_province": "ชื่อ-สกุลเดียวกัน จังหวัดเดียวกัน",
    "near_name": "ชื่อคล้ายกัน ตำบลเดียวกัน",
    "look_alike": "ชื่อต่างกันแค่วรรณยุกต์ จังหวัดเดียวกัน",
}


@dataclass
class _Pair:
    a: int
    b: int
    reasons: list[str] = field(default_factory=list)
    score: float = 0.0

    def add(self, reason: str, score: float) -> None:
        if reason not in self.reasons:
            self.reasons.append(reason)
        self.score = max(self.score, score)


_LIVE = "a.deleted_at IS NULL AND b.deleted_at IS NULL"


Progress = Callable[[int, int], None]  # (members compared so far, members to compare)


def find_duplicates(
    conn: sqlite3.Connection,
    *,
    province: str | None = None,
    region: str | None = None,
    progress: Progress | None = None,
) -> list[dict[str, Any]]:
    """Candidate pairs of live members that are probably the same person, best first.

    ``progress`` is called as the near-name comparison goes (the long part at scale).
    """
    # The provinces asked for: the province, the region's provinces, or both (in both).
    codes: list[str] | None = None
    if province:
        from netcli.thai.places import resolve_province

        codes = [resolve_province(province)[1]]
    if region:
        from netcli.networks.regions import region_codes

        in_region = list(region_codes(conn, region))
        codes = in_region if codes is None else [c for c in codes if c in in_region]
    scope = _in_codes("a.province_code", codes)
    params: tuple[Any, ...] = tuple(codes or ())
    pairs: dict[tuple[int, int], _Pair] = {}

    def found(a: int, b: int, reason: str, score: float) -> None:
        key = (min(a, b), max(a, b))
        pairs.setdefault(key, _Pair(*key)).add(reason, score)

    queries = {
        "national_id": "a.national_id IS NOT NULL AND b.national_id = a.national_id",
        "phone": "a.phone IS NOT NULL AND b.phone = a.phone",
        "name_province": "b.name_key = a.name_key AND b.province_code IS a.province_code",
    }
    for reason, on in queries.items():
        sql = f"SELECT a.id, b.id FROM members a JOIN members b ON {on} AND b.id > a.id WHERE {_LIVE}{scope}"
        for a, b in conn.execute(sql, params):
            found(a, b, reason, SCORES[reason])
    _look_alikes(conn, codes, found)
    _near_names(conn, codes, found, progress)
    from netcli.people.distinct import distinct_pairs

    # Pairs someone marked as different people (member distinct) are not candidates.
    for key in distinct_pairs(conn) & pairs.keys():
        del pairs[key]
    return _describe(conn, sorted(pairs.values(), key=lambda p: (-p.score, p.a, p.b)))


def _in_codes(column: str, codes: list[str] | None) -> str:
    """`` AND column IN (?, …)`` for the provinces asked for; nothing when none were."""
    if codes is None:
        return ""
    return f" AND {column} IN ({', '.join('?' for _ in codes)})"


def _look_alikes(conn: sqlite3.Connection, codes: list[str] | None, found: Any) -> None:
    """Names that differ only in tone marks ("ใจดี่่" and "ใจดี"), within one province."""
    from netcli.thai.text import look_alike_key

    where = " WHERE deleted_at IS NULL AND purged_at IS NULL" + _in_codes("province_code", codes)
    groups: dict[tuple[Any, str], dict[str, list[int]]] = {}
    for mid, key, pcode in conn.execute(
        f"SELECT id, name_key, province_code FROM members{where}", tuple(codes or ())
    ):
        if not key:
            continue
        groups.setdefault((pcode, look_alike_key(key)), {}).setdefault(key, []).append(mid)
    for by_key in groups.values():
        if len(by_key) < 2:
            continue
        keys = sorted(by_key)
        for i, k1 in enumerate(keys):
            for k2 in keys[i + 1 :]:
                for a in by_key[k1]:
                    for b in by_key[k2]:
                        found(a, b, "look_alike", SCORES["look_alike"])


def _near_names(
    conn: sqlite3.Connection,
    codes: list[str] | None,
    found: Any,
    progress: Progress | None = None,
) -> None:
    from rapidfuzz import fuzz, process

    where = " WHERE deleted_at IS NULL AND purged_at IS NULL AND subdistrict IS NOT NULL"
    where += _in_codes("province_code", codes)
    params = tuple(codes or ())
    total = conn.execute(f"SELECT count(*) FROM members{where}", params).fetchone()[0]
    sql = (
        "SELECT id, name_key, province_code, district_code, subdistrict_code, subdistrict FROM members"
        + where
        + " ORDER BY province_code, district_code, subdistrict_code, subdistrict, id"
    )
    group_key: tuple[Any, ...] | None = None
    group: list[tuple[int, str]] = []
    done = 0

    def flush() -> None:
        # People who share a name key are one comparison (the same key is the name_province
        # reason); each distinct key is compared with the later ones inside rapidfuzz's C loop.
        by_key: dict[str, list[int]] = {}
        for mid, key in group:
            by_key.setdefault(key, []).append(mid)
        keys = list(by_key)
        for i in range(len(keys) - 1):
            matches = process.extract(
                keys[i],
                keys[i + 1 :],
                scorer=fuzz.ratio,
                score_cutoff=NEAR_NAME_CUTOFF,
                limit=None,
            )
            for other, score, _ in matches:
                for a in by_key[keys[i]]:
                    for b in by_key[other]:
                        found(a, b, "near_name", round(score / 100 * 0.9, 3))

    for row in conn.execute(sql, params):
        # A tambon the official list does not know has no code: its written name groups it.
        key = (row[2], row[3], row[4] or row[5])
        if key != group_key:
            flush()
            done += len(group)
            if progress is not None:
                progress(done, total)
            group_key, group = key, []
        group.append((row[0], row[1] or ""))
    flush()
    if progress is not None:
        progress(total, total)


# The keys of a candidate pair (``find_duplicates``), in order: the CSV header too.
PAIR_FIELDS = (
    "id_a", "uid_a", "name_a", "phone_a", "id_b", "uid_b", "name_b", "phone_b",
    "subdistrict", "province", "reasons", "score",
)  # fmt: skip


def _describe(conn: sqlite3.Connection, pairs: list[_Pair]) -> list[dict[str, Any]]:
    out = []
    for p in pairs:
        a = conn.execute("SELECT * FROM members WHERE id = ?", (p.a,)).fetchone()
        b = conn.execute("SELECT * FROM members WHERE id = ?", (p.b,)).fetchone()
        out.append(
            {
                "id_a": p.a,
                "uid_a": a["uid"],
                "name_a": a["full_name"],
                "phone_a": a["phone"],
                "id_b": p.b,
                "uid_b": b["uid"],
                "name_b": b["full_name"],
                "phone_b": b["phone"],
                "subdistrict": a["subdistrict"] if a["subdistrict"] == b["subdistrict"] else None,
                "province": a["province"] if a["province"] == b["province"] else None,
                "reasons": p.reasons,
                "score": round(p.score, 3),
            }
        )
    return out
