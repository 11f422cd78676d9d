"""What the root command knows (``--db``, ``--debug``), the output format the command was
asked for (so that an error can be printed in it), and the one open connection."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class State:
    db_option: str | None = None
    debug: bool = False
    fmt: str | None = None  # the command's --format, recorded by the option (cli.output)
    _conn: sqlite3.Connection | None = field(default=None, repr=False)

    @property
    def db_path(self) -> Path:
        from netcli.store.db import resolve_db_path

        return resolve_db_path(self.db_option)

    def conn(self) -> sqlite3.Connection:
        """The database, opened (created, migrated) on first use."""
        if self._conn is None:
            from netcli.store.db import connect

            self._conn = connect(self.db_path)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


# The root callback sets this for each invocation. (A module global rather than the Click
# context: Typer >= 0.20 vendors its own Click, so click.get_current_context is not it.)
_current: State | None = None


def set_state(new: State) -> None:
    global _current
    if _current is not None and _current is not new:
        _current.close()
    _current = new


def state() -> State:
    global _current
    if _current is None:
        _current = State()
    return _current


def conn() -> sqlite3.Connection:
    """The open database of this command."""
    return state().conn()
