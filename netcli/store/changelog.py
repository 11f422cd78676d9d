"""The change log: which tables are logged, and their triggers, built from the schema.

Every record table (``LOGGED_TABLES``) has three triggers, generated here from
``PRAGMA table_info`` so that a migration that adds a column is logged without anyone
remembering to: the migration runner calls :func:`sync_triggers` after the migrations,
and :func:`ensure_triggers` on every open compares the triggers with what the schema
implies (cheap: nothing is written when they agree).

What the log holds (the compact form, migration 0006):

* ``insert``: that the row was born — who, when, which command, which import batch. No
  copy of the row (the row itself is the after-image) and no ``row_uid`` (the row has it;
  a later ``delete`` entry carries it).
* ``update``: only the columns that changed, ``before`` and ``after`` as JSON objects of
  just those columns. An UPDATE that changes nothing writes no entry.
* ``delete``: the whole row in ``before`` (the row is gone). ``purge`` entries are written
  by ``people.privacy.purge``.

Entries written before 0006 hold full copies (``after`` of an insert, the whole row in
``before``/``after`` of an update); every reader accepts both forms.

Who, when and which command are written once a command (migration 0012): ``change_runs``
holds one row a command (``db.write`` names the command in ``_context``, and a trigger there
opens the run), ``change_tables`` the tables' numbers, ``change_entries`` the entries, each
naming its run and its table. ``change_log`` is a view joining them, with the columns the
table had; netcli's own writers that add or remove
entries by hand write through it.

The triggers also refuse a write made outside a netcli write transaction: ``db.write``
fills the ``_context`` row (actor, command), and a write to a logged table while
``_context.command`` is NULL aborts. So no library call, and no raw ``INSERT`` on a netcli
connection, can write rows the log does not attribute.
"""

from __future__ import annotations

import getpass
import os
import sqlite3

# The records: logged, merged between laptops (``sync.merge``), undoable (``import undo``).
# Parents first (the order a merge takes them in when the foreign keys leave a choice).
LOGGED_TABLES = (
    "regions",
    "networks",
    "network_coverage",
    "members",
    "member_distinct",
    "memberships",
    "organizations",
    "organization_figures",
    "member_organizations",
    "meetings",
    "meeting_coverage",
    "meeting_days",
    "attendance",
    "outcomes",
    "actions",
    "meeting_minutes",
    "agenda_items",
    "absences",
)
# One laptop's own bookkeeping: not logged, not merged.
LOCAL_TABLES = (
    "imports",
    "import_rows",
    "mappings",
    "conflicts",
    "member_merges",
    "member_aliases",
)
# netcli's machinery, and the member search index (migration 0010: an FTS5 table and its
# shadow tables), which is derived from ``members`` by triggers: not logged, not merged.
INTERNAL_TABLES = (
    "_context",
    "_migrations",
    "_changelog",
    "change_log",  # a table before migration 0012, a view of the two below from there on
    "change_runs",
    "change_entries",
    "change_tables",
    "member_search",
    "member_search_data",
    "member_search_idx",
    "member_search_docsize",
    "member_search_config",
)

OPS = ("insert", "update", "delete")
NO_CONTEXT = (
    "netcli: write outside a netcli write transaction"
    " (use netcli.store.db.write, which sets _context.command)"
)
# SQLite's default limit on a function's arguments is 127: json_object takes two a column.
MAX_COLUMNS = 63


def current_actor() -> str:
    """Who is writing: ``$NETCLI_USER``, else the login name."""
    env = os.environ.get("NETCLI_USER")
    if env:
        return env
    try:
        return getpass.getuser()
    except Exception:  # getuser raises various errors when no name is set
        return "unknown"


# The run of a command (migration 0012): who, when, which command, written once in
# ``change_runs``; each change-log entry the command writes names it.
def open_run(
    conn: sqlite3.Connection, actor: str | None, command: str | None, *, batch_id: int | None = None
) -> int | None:
    """Fill ``_context`` for the change-log triggers (inside the open transaction); returns
    the command's run id (what :func:`close_run` needs), or None before migration 0012."""
    if not has_runs(conn):
        conn.execute(
            "UPDATE _context SET actor = ?, command = ?, batch_id = ? WHERE id = 1",
            (actor, command, batch_id),
        )
        return None
    # The trigger _context_run (migration 0012) opens the run when a command is named.
    conn.execute(
        "UPDATE _context SET actor = ?, command = ?, batch_id = ?, run_id = NULL WHERE id = 1",
        (actor, command, batch_id),
    )
    run = conn.execute("SELECT run_id FROM _context WHERE id = 1").fetchone()[0]
    return int(run)


def close_run(conn: sqlite3.Connection, run: int | None) -> None:
    """Empty ``_context`` again. The run stays, whether or not the command logged anything:
    a command may delete the newest entries and write its own under their ids (a purge, an
    import undo), so no test by id can tell that it logged nothing, and a run removed under
    entries would leave them without time, actor and command (or, its id reused, with
    another command's)."""
    if run is None:
        conn.execute(
            "UPDATE _context SET actor = NULL, command = NULL, batch_id = NULL WHERE id = 1"
        )
        return
    conn.execute(
        "UPDATE _context SET actor = NULL, command = NULL, batch_id = NULL, run_id = NULL"
        " WHERE id = 1"
    )


def trigger_name(table: str, op: str) -> str:
    return f"{table}_log_{op}"


FORMS = ("legacy", "numbered")


def log_form(conn: sqlite3.Connection) -> str:
    """Which form of the log this database has (see :func:`trigger_sql`)."""
    return "numbered" if has_runs(conn) else "legacy"


def has_runs(conn: sqlite3.Connection, schema: str = "main") -> bool:
    """True once migration 0012 has run: entries in ``change_entries``, one run a command,
    each table by number."""
    return (
        conn.execute(
            f"SELECT 1 FROM {schema}.sqlite_master WHERE type = 'table' AND name = 'change_entries'"
        ).fetchone()
        is not None
    )


def table_columns(conn: sqlite3.Connection, table: str, schema: str = "main") -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA {schema}.table_info("{table}")')]


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _json_object(side: str, cols: list[str]) -> str:
    return "json_object(" + ", ".join(f"{_lit(c)}, {side}.{_q(c)}" for c in cols) + ")"


def _unchanged_paths(cols: list[str]) -> str:
    # json_remove drops the unchanged columns; a changed one gets a path to no key at all
    # ('$."#"': a name that is no column of a logged table).
    return ", ".join(
        f"CASE WHEN OLD.{_q(c)} IS NEW.{_q(c)} THEN {_lit('$.' + _q(c))} ELSE '$.\"#\"' END"
        for c in cols
    )


_GUARD = f"    SELECT RAISE(ABORT, {_lit(NO_CONTEXT)}) WHERE (SELECT command FROM _context WHERE id = 1) IS NULL;\n"
_WHO = "run_id, batch_id"
# Before migration 0012 the log was one table holding actor and command on every entry: a
# database being brought up to date gets triggers of that form until 0012 has run.
_LEGACY_WHO = "actor, command, batch_id"


def trigger_sql(table: str, cols: list[str], *, form: str = "numbered") -> dict[str, str]:
    """The CREATE TRIGGER statements of one logged table with these columns, by trigger name.

    ``form``: "numbered" from migration 0012 on (``change_entries``, each entry naming the run
    of its command and its table by number), "legacy" for a database still before it
    (``change_log`` a table)."""
    if "id" not in cols or "uid" not in cols:
        raise ValueError(f"a logged table needs id and uid columns: {table}")
    if len(cols) > MAX_COLUMNS or "#" in cols:
        raise ValueError(f"cannot log {table}: {len(cols)} columns (at most {MAX_COLUMNS})")
    t, name = _q(table), _lit(table)
    if form not in FORMS:
        raise ValueError(f"no such form of the log: {form}")
    log, who, tcol = ("change_log", _LEGACY_WHO, "table_name")
    if form == "numbered":
        # The run of the command, and the table by its number (migration 0012).
        log, who, tcol = "change_entries", _WHO, "table_id"
        name = f"(SELECT id FROM change_tables WHERE name = {name})"
    insert = (
        f"CREATE TRIGGER {_q(trigger_name(table, 'insert'))} AFTER INSERT ON {t} BEGIN\n"
        + _GUARD
        + f"    INSERT INTO {log} ({who}, {tcol}, row_id, op)\n"
        f"    SELECT {who}, {name}, NEW.id, 'insert' FROM _context WHERE id = 1;\n"
        "END"
    )
    paths = _unchanged_paths(cols)
    changed = " OR ".join(f"OLD.{_q(c)} IS NOT NEW.{_q(c)}" for c in cols)
    update = (
        f"CREATE TRIGGER {_q(trigger_name(table, 'update'))} AFTER UPDATE ON {t} BEGIN\n"
        + _GUARD
        + f"    INSERT INTO {log} ({who}, {tcol}, row_id, row_uid, op, before, after)\n"
        f"    SELECT {who}, {name}, NEW.id, NEW.uid, 'update',\n"
        f"        json_remove({_json_object('OLD', cols)}, {paths}),\n"
        f"        json_remove({_json_object('NEW', cols)}, {paths})\n"
        f"    FROM _context WHERE id = 1 AND ({changed});\n"
        "END"
    )
    delete = (
        f"CREATE TRIGGER {_q(trigger_name(table, 'delete'))} AFTER DELETE ON {t} BEGIN\n"
        + _GUARD
        + f"    INSERT INTO {log} ({who}, {tcol}, row_id, row_uid, op, before)\n"
        f"    SELECT {who}, {name}, OLD.id, OLD.uid, 'delete', {_json_object('OLD', cols)}\n"
        "    FROM _context WHERE id = 1;\n"
        "END"
    )
    return {
        trigger_name(table, "insert"): insert,
        trigger_name(table, "update"): update,
        trigger_name(table, "delete"): delete,
    }


def expected_triggers(conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """Trigger name -> (table, SQL) that the current schema implies, for the tables present."""
    out: dict[str, tuple[str, str]] = {}
    form = log_form(conn)
    for table in LOGGED_TABLES:
        cols = table_columns(conn, table)
        if cols:
            for name, sql in trigger_sql(table, cols, form=form).items():
                out[name] = (table, sql)
    return out


def _present(conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """Change-log triggers in the database: name -> (table, SQL)."""
    return {
        name: (table, sql)
        for name, table, sql in conn.execute(
            "SELECT name, tbl_name, sql FROM main.sqlite_master WHERE type = 'trigger'"
        )
        if table in LOGGED_TABLES and name.startswith(f"{table}_log_")
    }


def drift(conn: sqlite3.Connection) -> list[str]:
    """Change-log triggers that disagree with the schema: missing, different or extra (sorted)."""
    want, have = expected_triggers(conn), _present(conn)
    return sorted(
        name
        for name in set(want) | set(have)
        if want.get(name, ("", ""))[1] != have.get(name, ("", ""))[1]
    )


def sync_triggers(conn: sqlite3.Connection) -> list[str]:
    """Drop and recreate the change-log triggers that disagree with the schema.

    Call inside an open transaction (the migration runner's). Returns the names recreated
    or dropped.
    """
    if has_runs(conn):  # every logged table has its number before its triggers
        conn.executemany(
            "INSERT OR IGNORE INTO change_tables (name) VALUES (?)",
            [(t,) for t in LOGGED_TABLES if table_columns(conn, t)],
        )
    want, have = expected_triggers(conn), _present(conn)
    done = []
    for name in sorted(set(want) | set(have)):
        sql = want.get(name, ("", ""))[1]
        if have.get(name, ("", ""))[1] == sql:
            continue
        if name in have:
            conn.execute(f"DROP TRIGGER main.{_q(name)}")
        if sql:
            conn.execute(sql)
        done.append(name)
    _stamp(conn)
    return done


def _fingerprint() -> str:
    import hashlib

    sample = "\n".join(trigger_sql("t", ["id", "uid", "x"]).values())
    return hashlib.sha256(sample.encode("utf-8")).hexdigest()[:16]


GENERATOR = _fingerprint()


def _stamp(conn: sqlite3.Connection) -> None:
    """Remember the schema the triggers now match (inside the transaction that built them)."""
    if conn.execute("SELECT 1 FROM main.sqlite_master WHERE name = '_changelog'").fetchone():
        version = conn.execute("PRAGMA main.schema_version").fetchone()[0]
        conn.execute(
            "UPDATE main._changelog SET schema_version = ?, generator = ? WHERE id = 1",
            (version, GENERATOR),
        )


def up_to_date(conn: sqlite3.Connection) -> bool:
    """True when the schema has not changed since the triggers were built (one read)."""
    try:
        row = conn.execute(
            "SELECT schema_version = (SELECT schema_version FROM pragma_schema_version)"
            " AND generator = ? FROM main._changelog WHERE id = 1",
            (GENERATOR,),
        ).fetchone()
    except sqlite3.OperationalError:  # before migration 0006
        return False
    return bool(row and row[0])


def ensure_triggers(conn: sqlite3.Connection) -> list[str]:
    """On open: regenerate the triggers in a transaction of their own if the schema moved."""
    if up_to_date(conn) or not drift(conn):
        return []
    conn.execute("BEGIN IMMEDIATE")
    try:
        done = sync_triggers(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return done
