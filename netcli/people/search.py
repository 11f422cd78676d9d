"""Member search: the trigram full-text index of migrations 0010 and 0011, and its fallback.

``member list --search TEXT`` finds members whose full name (which holds the given and family
names as written), organization or role contains TEXT. The index (``member_search``, FTS5 with the trigram tokenizer, kept in
step with ``members`` by triggers) answers a substring of three characters or more from its
trigrams, which is what Thai needs: there are no spaces between words, so a word index would
not find "ศรี" inside "สมศรี". A shorter text has no trigram; it falls back to a scan (LIKE).

The index is contentless: it holds no copy of the text, only which rows have which trigrams.
A delete in FTS5 leaves the old entries in older segments until they are merged, so a purge
(``people.privacy.purge``) calls :func:`forget_deleted`, which merges them away.
"""

from __future__ import annotations

import sqlite3
from typing import Any

INDEX = "member_search"
# The trigram tokenizer needs three characters (code points) to make one trigram.
MIN_INDEXED = 3

_COLUMNS = ("m.full_name", "m.organization", "m.role")


def has_index(conn: sqlite3.Connection) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (INDEX,)
        ).fetchone()
        is not None
    )


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search_clause(conn: sqlite3.Connection, term: str) -> tuple[str, list[Any]]:
    """A WHERE clause (on ``members m``) for members whose text contains ``term``, and its
    parameters. ``term`` is already cleaned (``thai.text.clean``)."""
    like = _like(term)
    clause = "(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in _COLUMNS) + ")"
    if len(term) >= MIN_INDEXED and has_index(conn):
        # The index has no positions (migration 0011, detail=none), so it cannot match a
        # phrase: it names the rows that hold every trigram of the term, anywhere in the three
        # columns, and LIKE keeps those where the term is one substring of one column.
        return f"m.id IN (SELECT rowid FROM {INDEX} WHERE {INDEX} MATCH ?) AND {clause}", [
            trigram_query(term),
            *[like] * len(_COLUMNS),
        ]
    return clause, [like] * len(_COLUMNS)


def trigram_query(term: str) -> str:
    """An FTS5 query for the rows that hold every trigram of ``term`` (three characters or
    more): each trigram a quoted string, joined by AND (repeated trigrams once)."""
    grams = dict.fromkeys(term[i : i + 3] for i in range(len(term) - 2))
    return " AND ".join('"' + g.replace('"', '""') + '"' for g in grams)


def forget_deleted(conn: sqlite3.Connection) -> None:
    """Merge the index's segments into one, dropping the entries of deleted and changed rows.

    FTS5 records a delete as a tombstone; the old entries (a purged person's trigrams) stay in
    the older segments until a merge. ``optimize`` rewrites the index without them, and the
    pages it frees are zeroed (``secure_delete``, set on every netcli connection).
    """
    if has_index(conn):
        conn.execute(f"INSERT INTO {INDEX} ({INDEX}) VALUES ('optimize')")


def rebuild(conn: sqlite3.Connection) -> int:
    """Build the index again from ``members`` (inside a write transaction); returns the rows."""
    conn.execute(f"INSERT INTO {INDEX} ({INDEX}) VALUES ('delete-all')")
    conn.execute(
        f"INSERT INTO {INDEX} (rowid, full_name, organization, role)"
        " SELECT id, full_name, organization, role FROM members"
    )
    return int(conn.execute("SELECT count(*) FROM members").fetchone()[0])
