"""The root ``netcli`` command: global options, error handling, and the nouns."""

from __future__ import annotations

import sqlite3
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from netcli import __version__
from netcli.cli.state import State, set_state, state
from netcli.errors import NetcliError

EXIT_REFUSED = 1
EXIT_USAGE = 2


def _print_error(message: str, hint: str | None = None) -> None:
    sys.stderr.write(f"ผิดพลาด (error): {message}\n")
    if hint:
        sys.stderr.write(f"  {hint}\n")


class NetcliGroup(TyperGroup):
    """Turns every error a user can cause into one line on stderr and exit status 1."""

    def invoke(self, ctx: typer.Context) -> Any:
        debug = isinstance(ctx.obj, State) and ctx.obj.debug
        try:
            return super().invoke(ctx)
        except NetcliError as exc:
            if debug or _debug_requested():
                raise
            _print_error(exc.message, exc.hint)
            raise typer.Exit(EXIT_REFUSED) from None
        except KeyboardInterrupt:
            _print_error("ยกเลิกแล้ว ไม่มีการเปลี่ยนแปลงใดถูกบันทึก (interrupted; nothing was saved)")
            raise typer.Exit(130) from None
        except sqlite3.OperationalError as exc:
            if debug or _debug_requested():
                raise
            text = str(exc)
            hint = None
            if "full" in text:
                hint = "ดิสก์เต็ม: ลบไฟล์ที่ไม่ใช้แล้วลองใหม่ (disk full; nothing was saved)"
            elif "locked" in text:
                hint = "another netcli is writing for a long time; try again"
            _print_error(f"database: {text}", hint)
            raise typer.Exit(EXIT_REFUSED) from None
        except OSError as exc:
            if debug or _debug_requested():
                raise
            where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
            _print_error(f"{exc.strerror or exc}{where}")
            raise typer.Exit(EXIT_REFUSED) from None
        finally:
            if ctx.parent is None:
                state().close()


def _debug_requested() -> bool:
    return "--debug" in sys.argv


app = typer.Typer(
    cls=NetcliGroup,
    name="netcli",
    help="บันทึกสมาชิก เวที และสรุปผลของเครือข่ายพัฒนาสังคม — Thai social-development network records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"netcli {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="database file (default: $NETCLI_DB, else netcli.db in the user data folder)",
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


def _register() -> None:
    from netcli.cli import (
        calendar,
        demo,
        exports,
        imports,
        meetings,
        members,
        networks,
        regions,
        summary,
    )
    from netcli.cli import db as db_cli

    app.add_typer(members.app, name="member", help="สมาชิก: add, list, show, edit, remove members")
    app.add_typer(networks.app, name="network", help="เครือข่าย: add, list, show, join, leave")
    app.add_typer(
        meetings.app, name="meeting", help="เวที/ประชุม/อบรม: log, list, show, attend, action"
    )
    app.command("calendar")(calendar.calendar)
    app.add_typer(
        imports.app,
        name="import",
        help="นำเข้ารายชื่อจาก Excel/CSV: import FILE…, import list, import undo",
    )
    app.add_typer(exports.app, name="export", help="ส่งออก Excel: roster, signin")
    app.command("summary")(summary.summary)
    app.add_typer(regions.app, name="region", help="กลุ่มจังหวัด/ภาค: list, add")
    app.add_typer(db_cli.app, name="db", help="ฐานข้อมูล: status, check, backup, restore")
    app.command("init")(db_cli.init)
    app.command("demo")(demo.demo)

    from netcli.cli import merging

    app.command("merge")(merging.merge)
    app.command("conflicts")(merging.conflicts)
    members.app.command("duplicates")(merging.member_duplicates)
    members.app.command("merge")(merging.member_merge)
    members.app.command("unmerge")(merging.member_unmerge)
    exports.app.command("bundle")(merging.export_bundle)


_register()


def run() -> None:
    """Entry point: exit 0 done, 1 refused input or data, 2 wrong command line."""
    try:
        app(prog_name="netcli")
    except KeyboardInterrupt:  # pragma: no cover - outside a command
        _print_error("ยกเลิกแล้ว (interrupted)")
        sys.exit(130)
