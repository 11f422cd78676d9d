"""One way to find a record a person names: its id, a uid prefix, or a name that matches one.

Every command that takes a member, network, meeting or organization resolves it here, so
that ``meeting attend 3 "นายประกิจ เสาร์แก้ว"`` works the same way as ``member show 12``.
An ambiguous name is refused with the candidates listed, never guessed.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from netcli.errors import Ambiguous, NotFound
from netcli.store.records import parse_id


@dataclass(frozen=True)
class Noun:
    table: str
    th: str  # the Thai noun in messages
    en: str  # the English noun
    name_sql: str  # the column a person names the record by
    describe_sql: str  # a short description of a candidate, for "which one?"
    command: str = ""  # the CLI noun in hints, when it is not ``en`` (``org``)

    @property
    def cli(self) -> str:
        return self.command or self.en


NOUNS: dict[str, Noun] = {
    "member": Noun(
        "members",
        "สมาชิก",
        "member",
        "full_name",
        "full_name || coalesce(' (' || province || ')', '')",
    ),
    "network": Noun("networks", "เครือข่าย", "network", "name", "name"),
    "meeting": Noun(
        "meetings", "การประชุม", "meeting", "title", "title || ' (' || start_date || ')'"
    ),
    "organization": Noun(
        "organizations",
        "องค์กร",
        "organization",
        "name",
        "name || coalesce(' (' || province || ')', '')",
        "org",
    ),
}

MIN_UID_PREFIX = 6


def _by_uid(conn: sqlite3.Connection, noun: Noun, text: str) -> sqlite3.Row | None:
    if len(text) < MIN_UID_PREFIX or not text.isascii():
        return None
    rows = conn.execute(
        f"SELECT id, deleted_at FROM {noun.table} WHERE uid >= ? AND uid < ? LIMIT 2",
        (text.lower(), text.lower() + "g"),
    ).fetchall()
    return rows[0] if len(rows) == 1 else None


def _by_name(conn: sqlite3.Connection, noun: Noun, text: str, live: bool) -> list[sqlite3.Row]:
    where = f"{noun.name_sql} = ?"
    params: list[object] = [text]
    if noun.en == "member":
        # Members are also found by their name without a title ("สมศรี ใจดี" for
        # "นางสมศรี ใจดี"): the name key is how duplicates are matched too.
        from netcli.thai.names import name_key

        key = name_key(text)
        if key:
            where = f"({where} OR name_key = ?)"
            params.append(key)
    if live:
        where += " AND deleted_at IS NULL"
    return conn.execute(
        f"SELECT id, deleted_at, {noun.describe_sql} AS label FROM {noun.table} WHERE {where}"
        " ORDER BY id LIMIT 21",
        params,
    ).fetchall()


def resolve(
    conn: sqlite3.Connection,
    noun_name: str,
    ref: str | int,
    *,
    live: bool = True,
    by_name: bool = True,
) -> int:
    """The id of the record ``ref`` names: an id, a uid (or a unique prefix of 6+), or a name.

    ``live`` refuses a removed record (with a message saying it was removed); ``by_name``
    allows a name that matches exactly one record.
    """
    noun = NOUNS[noun_name]
    text = str(ref).strip()
    row = None
    number = parse_id(text)
    if number is not None:
        row = conn.execute(
            f"SELECT id, deleted_at FROM {noun.table} WHERE id = ?", (number,)
        ).fetchone()
    if row is None:
        row = _by_uid(conn, noun, text)
    if row is None and by_name and text and number is None:
        rows = _by_name(conn, noun, text, live)
        if len(rows) > 1:
            shown = "; ".join(f"#{r['id']} {r['label']}" for r in rows[:20])
            raise Ambiguous(
                f"ชื่อ '{text}' ตรงกับ{noun.th}มากกว่าหนึ่งรายการ: {shown}"
                f" (name matches several {noun.en}s)",
                hint=f"ระบุด้วยรหัส เช่น netcli {noun.cli} show {rows[0]['id']} (give the id)",
                candidates=[int(r["id"]) for r in rows],
            )
        row = rows[0] if rows else None
    if row is None:
        raise _not_found(conn, noun, text)
    if live and row["deleted_at"]:
        raise NotFound(
            f"{noun.th} #{row['id']} ถูกลบไปแล้ว ({noun.en} {row['id']} was removed)",
            code="removed",
            field=noun.en,
            value=text,
        )
    return int(row["id"])


def _not_found(conn: sqlite3.Connection, noun: Noun, text: str) -> NotFound:
    import difflib

    names = [
        r[0]
        for r in conn.execute(
            f"SELECT {noun.name_sql} FROM {noun.table} WHERE deleted_at IS NULL LIMIT 5000"
        )
        if r[0]
    ]
    close = difflib.get_close_matches(text, names, n=1, cutoff=0.6) if text else []
    return NotFound(
        f"ไม่พบ{noun.th} '{text}' (no such {noun.en})",
        field=noun.en,
        value=text,
        suggestion=close[0] if close else None,
        hint=None if close else f"ดูรายการด้วย netcli {noun.cli} list (list them)",
    )


def member_id(conn: sqlite3.Connection, ref: str | int) -> int:
    """A member by id, uid or name, removed ones included (history, purge, unmerge)."""
    return resolve(conn, "member", ref, live=False)


def live_member(conn: sqlite3.Connection, ref: str | int) -> int:
    """A member for joining, attending or owning: removed members are refused."""
    return resolve(conn, "member", ref, live=True)


def network_id(conn: sqlite3.Connection, ref: str | int) -> int:
    """A live network by id, uid or exact name."""
    return resolve(conn, "network", ref)


def meeting_id(conn: sqlite3.Connection, ref: str | int) -> int:
    """A live meeting by id, uid or exact title."""
    return resolve(conn, "meeting", ref)
