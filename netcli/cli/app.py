"""The root ``netcli`` command: global options, error handling, and the nouns."""

from __future__ import annotations

import os
import sqlite3
import sys
from typing import Annotated, Any

import click
import typer
from typer.core import TyperGroup

from netcli import __version__, i18n
from netcli.cli import aliases as _aliases
from netcli.cli import lang as _lang
from netcli.cli import repeated as _repeated
from netcli.cli.state import State, set_state, state
from netcli.errors import NetcliError

# Exit status, the same in every output format: 0 done; 1 the input or data was refused
# (validation, not found, duplicate, rows rejected); 2 the command line was wrong; 3 an
# internal error (a bug: please report it); 130 interrupted (Ctrl-C).
EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


def _print_error(message: str, hint: str | None = None) -> None:
    # Thai: "ผิดพลาด (error): ไทย (english)"; --lang en: "error: english".
    sys.stderr.write(f"{i18n.gettext('error')}: {i18n.localized(message)}\n")
    if hint:
        sys.stderr.write(f"  {i18n.localized(hint)}\n")


def _error_object(error: dict[str, Any]) -> None:
    """Under ``--format json`` or ``ndjson``, the refusal as data on stdout (one line)."""
    if state().fmt not in ("json", "ndjson"):
        return
    import json

    body = {"code": None, "message": None, "field": None, "value": None, "suggestion": None}
    body.update(error)
    sys.stdout.write(json.dumps({"error": body}, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


def _fail(
    code: str, message: str, hint: str | None = None, *, status: int = EXIT_REFUSED
) -> typer.Exit:
    """Say why on stderr (and as data on stdout for JSON); the Exit to raise."""
    _print_error(message, hint)
    _error_object({"code": code, "message": message, "hint": hint})
    return typer.Exit(status)


class _HelpFormatter(click.HelpFormatter):
    """Plain help without typer's rich-export escape (it writes "\\[default: …]")."""

    def write_dl(self, rows: Any, *args: Any, **kwargs: Any) -> None:
        rows = [(term, text.replace("\\[", "[")) for term, text in rows]
        super().write_dl(rows, *args, **kwargs)


click.Context.formatter_class = _HelpFormatter
_repeated.install()  # a single-value option given twice exits 2 (netcli.cli.repeated)
_aliases.install()  # old spellings (--from, --to) accepted, left out of help
_lang.install()  # click's, typer's and our help texts in Thai, or English with --lang en


class NetcliGroup(TyperGroup):
    """The one exit path: every error becomes one line on stderr (plus an error object on
    stdout under ``--format json|ndjson``) and its exit status; a traceback only with --debug."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if ctx.parent is None:
            # The language first: a usage error of the root options speaks it too.
            i18n.set_language(_lang.scan(args))
        return super().parse_args(ctx, args)

    def invoke(self, ctx: typer.Context) -> Any:
        if ctx.parent is None:
            # A fresh state before anything can fail: an unknown command must not be reported
            # in the format of the previous in-process run (tests, CliRunner).
            set_state(State())
            store = sys.modules.get("netcli.store.db")
            if store is not None:
                store.new_command()
        try:
            return super().invoke(ctx)
        except click.exceptions.UsageError as exc:
            # Click prints it and exits 2; a script reading JSON gets it as data too.
            _error_object({"code": "usage", "message": exc.format_message()})
            raise
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise  # deliberate exits are Click's to report
        except NetcliError as exc:
            debug = _debug(ctx)
            if debug:
                raise
            _print_error(exc.message, exc.hint)
            _error_object(exc.as_dict())
            raise typer.Exit(EXIT_REFUSED) from None
        except KeyboardInterrupt:
            raise _interrupted() from None
        except sqlite3.OperationalError as exc:
            debug = _debug(ctx)
            if debug:
                raise
            text = str(exc)
            if "full" in text:
                code, hint = (
                    "disk-full",
                    "ดิสก์เต็ม: ลบไฟล์ที่ไม่ใช้แล้วลองใหม่ (disk full; nothing was saved)",
                )
            elif "locked" in text or "busy" in text:
                code, hint = (
                    "database-locked",
                    "another netcli is writing for a long time; try again",
                )
            else:
                code, hint = "database-error", None
            raise _fail(code, f"database: {text}", hint) from None
        except sqlite3.DatabaseError as exc:
            debug = _debug(ctx)
            if debug or type(exc) is not sqlite3.DatabaseError:
                raise _internal(exc, debug) from None
            # A damaged or foreign file ("file is not a database", "disk image is malformed").
            raise _fail(
                "bad-database",
                f"database: {exc}",
                "ตรวจด้วย netcli db check หรือกู้คืนด้วย netcli db restore (check or restore it)",
            ) from None
        except BrokenPipeError:
            # The reader went away (``netcli member list | head``): what it wanted it has.
            # Quietly, exit 0; stdout goes to the null device so that Python's final flush
            # does not complain either.
            _stdout_to_devnull()
            raise typer.Exit(0) from None
        except SystemExit as exc:
            # rich meets the same closed pipe in a table, points stdout at the null device
            # and exits 1 (Console.on_broken_pipe): for a listing that is no failure.
            if isinstance(exc.__context__, BrokenPipeError):
                raise typer.Exit(0) from None
            raise
        except OSError as exc:
            debug = _debug(ctx)
            if debug:
                raise
            where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
            raise _fail("io-error", f"{exc.strerror or exc}{where}") from None
        except OverflowError:
            # An id or count past SQLite's 64-bit integers: nothing can have that number.
            raise _fail(
                "not-found", "ตัวเลขใหญ่เกินไป ไม่มีรายการนี้ (number too large: no such record)"
            ) from None
        except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
            raise _internal(exc, _debug(ctx)) from None
        finally:
            if ctx.parent is None:
                state().close()


def _interrupted() -> typer.Exit:
    """Ctrl-C: say what was done for good before it (a commit, a file), else that nothing was."""
    store = sys.modules.get("netcli.store.db")
    done = store.done_so_far() if store is not None else []
    if done:
        return _fail(
            "interrupted",
            "หยุดแล้ว แต่สิ่งที่ทำเสร็จก่อนหน้านั้นบันทึกไว้แล้ว: "
            + "; ".join(done)
            + " (interrupted after this was done and saved)",
            status=EXIT_INTERRUPTED,
        )
    return _fail(
        "interrupted",
        "ยกเลิกแล้ว ไม่มีการเปลี่ยนแปลงใดถูกบันทึก (interrupted; nothing was saved)",
        status=EXIT_INTERRUPTED,
    )


def _debug(ctx: typer.Context) -> bool:
    """--debug given? (Read when an error is caught: the root callback has run by then.)"""
    return (isinstance(ctx.obj, State) and ctx.obj.debug) or state().debug or _debug_requested()


def _internal(exc: Exception, debug: bool) -> typer.Exit:
    """A bug, not the user's input: exit 3, no traceback unless --debug."""
    if debug:
        raise exc
    return _fail(
        "internal",
        f"ข้อผิดพลาดภายใน (internal error): {type(exc).__name__}: {exc}",
        "ใช้ --debug เพื่อดูรายละเอียด แล้วแจ้งผู้พัฒนา (run with --debug and report it)",
        status=EXIT_INTERNAL,
    )


def _stdout_to_devnull() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # not a real file descriptor (an in-process runner): nothing to flush into


def _debug_requested() -> bool:
    return "--debug" in sys.argv


_root = typer.Typer(
    cls=NetcliGroup,
    name="netcli",
    help="Members, forums and Thai summaries of social-development networks.",
    no_args_is_help=True,
    add_completion=False,
    epilog=(
        "Exit status: 0 done, 1 input or data refused, 2 wrong command line, 3 internal error."
        ' Under -f json or ndjson a refusal is also {"error": {"code", "message", …}} on stdout.'
    ),
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"netcli {__version__}\n")
        raise typer.Exit()


def _set_language(value: str | None) -> str | None:
    if value:
        i18n.set_language(value)
    return value


@_root.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="database file (default: $NETCLI_DB, else netcli.db in the user data folder)",
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            click_type=click.Choice(i18n.LANGUAGES),
            callback=_set_language,
            is_eager=True,
            help="language of messages and help: th (default) or en; also $NETCLI_LANG",
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="show tracebacks")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="print the version"),
    ] = False,
) -> None:
    """netcli: members, forums and Thai summaries of social-development networks."""
    _safe_console()
    ctx.obj = State(db_option=db, debug=debug)
    set_state(ctx.obj)


def _safe_console() -> None:
    """Never crash on a console that cannot show a character (e.g. box drawing on cp874)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


# noun -> how to attach it to the root. Only the noun a command line uses is imported and
# attached (start-up is paid on every command of a batch script); help and unknown commands
# get them all.
def _attach_member(root: typer.Typer) -> None:
    from netcli.cli import member

    root.add_typer(member.app, name="member", help="members: add, list, show, edit, remove")


def _attach_network(root: typer.Typer) -> None:
    from netcli.cli import network

    root.add_typer(network.app, name="network", help="networks: add, edit, list, show, join, leave")


def _attach_org(root: typer.Typer) -> None:
    from netcli.cli import org

    root.add_typer(
        org.app,
        name="org",
        help="organizations, groups and funds: add, list, show, edit, remove, figures",
    )


def _attach_meeting(root: typer.Typer) -> None:
    from netcli.cli import meeting

    root.add_typer(
        meeting.app,
        name="meeting",
        help="forums, meetings and trainings: log, list, show, attend, action",
    )


def _attach_calendar(root: typer.Typer) -> None:
    from netcli.cli import calendar

    root.command("calendar")(calendar.calendar)


def _attach_import(root: typer.Typer) -> None:
    from netcli.cli import import_

    root.add_typer(
        import_.app,
        name="import",
        help="import rosters from Excel or CSV: import FILE…, import list, import undo",
    )


def _attach_export(root: typer.Typer) -> None:
    from netcli.cli import export

    root.add_typer(export.app, name="export", help="export to Excel: roster, signin, bundle")


def _attach_summary(root: typer.Typer) -> None:
    from netcli.cli import summary

    root.command("summary")(summary.summary)


def _attach_region(root: typer.Typer) -> None:
    from netcli.cli import region

    root.add_typer(region.app, name="region", help="regions and groups of provinces: list, add")


def _attach_db(root: typer.Typer) -> None:
    from netcli.cli import db as db_cli

    root.add_typer(db_cli.app, name="db", help="the database: status, check, backup, restore")


def _attach_init(root: typer.Typer) -> None:
    from netcli.cli import db as db_cli

    root.command("init")(db_cli.init)


def _attach_demo(root: typer.Typer) -> None:
    from netcli.cli import demo

    root.command("demo")(demo.demo)


def _attach_merge(root: typer.Typer) -> None:
    from netcli.cli import merge

    root.command("merge")(merge.merge)


def _attach_conflicts(root: typer.Typer) -> None:
    from netcli.cli import merge

    root.command("conflicts")(merge.conflicts)


def _attach_completion(root: typer.Typer) -> None:
    from netcli.cli import completion

    root.command("completion")(completion.completion)


NOUNS = {
    "calendar": _attach_calendar,
    "summary": _attach_summary,
    "init": _attach_init,
    "demo": _attach_demo,
    "merge": _attach_merge,
    "conflicts": _attach_conflicts,
    "member": _attach_member,
    "network": _attach_network,
    "meeting": _attach_meeting,
    "org": _attach_org,
    "import": _attach_import,
    "export": _attach_export,
    "region": _attach_region,
    "db": _attach_db,
    "completion": _attach_completion,
}
_attached: set[str] = set()


def attach(names: list[str] | None = None) -> typer.Typer:
    """Attach the given nouns (all when None) to the root app; returns the root."""
    for name in NOUNS if names is None else names:
        if name not in _attached:
            NOUNS[name](_root)
            _attached.add(name)
    return _root


def _noun(argv: list[str]) -> str | None:
    """The noun of a command line: the first word after the root options."""
    i = 0
    while i < len(argv):
        word = argv[i]
        if word in ("--db", "--lang"):
            i += 2
            continue
        if word.startswith("-"):
            i += 1
            continue
        return word
    return None


def __getattr__(name: str) -> Any:
    # ``app`` for tests, the README generator and CliRunner: every noun attached.
    if name == "app":
        return attach()
    raise AttributeError(name)


def _unraisable(info: Any) -> None:
    """What Python prints as "Exception ignored in …" while collecting garbage: after a failed
    write (a full disk, a read-only stick) openpyxl's and zipfile's half-closed writers fail
    again when they are freed. The failure itself has been reported in one line; the echo is
    shown only with --debug."""
    if _debug_requested():
        sys.__unraisablehook__(info)


def run() -> None:
    """Entry point: exit 0 done, 1 refused input or data, 2 wrong command line, 3 internal
    error, 130 interrupted."""
    sys.unraisablehook = _unraisable
    try:
        noun = _noun(sys.argv[1:])
        root = attach([noun] if noun in NOUNS else None)
        if "_NETCLI_COMPLETE" in os.environ:
            # A shell asking for completions: answer in the format of the script that
            # ``netcli completion`` printed (typer's classes, PowerShell among them).
            from typer._completion_classes import completion_init

            completion_init()
        root(prog_name="netcli")
    except KeyboardInterrupt:  # outside a command (start-up, the final flush)
        store = sys.modules.get("netcli.store.db")
        done = store.done_so_far() if store is not None else []
        if done:
            _print_error(
                "หยุดแล้ว หลังบันทึกเสร็จ: " + "; ".join(done) + " (interrupted after it was saved)"
            )
        else:
            _print_error("ยกเลิกแล้ว ไม่มีการเปลี่ยนแปลงใดถูกบันทึก (interrupted; nothing was saved)")
        sys.exit(EXIT_INTERRUPTED)
