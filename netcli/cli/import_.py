"""``netcli import FILE…``, ``netcli import list`` and ``netcli import undo BATCH``.

``import`` is a group whose default command takes files: ``netcli import roster.xlsx`` runs
the hidden ``files`` command, while ``list`` and ``undo`` are ordinary subcommands (a file
really named ``list`` can be given as ``./list``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from netcli import i18n
from netcli.cli.output import (
    Format,
    FormatOption,
    ReportFormatOption,
    emit_csv,
    emit_json,
    emit_list,
    format_option,
    info,
    warn,
)
from netcli.cli.state import conn
from netcli.i18n import _

_DEFAULT = "files"

ImportFormatOption = Annotated[
    Format,
    format_option(
        Format.table,
        Format.json,
        Format.csv,
        help="table (default, Thai), json (the report of product.md) or csv (the rejected rows)",
    ),
]
# The keys of an import batch (netcli.importer.undo.list_imports), in order: the CSV header.
IMPORT_FIELDS = (
    "id", "uid", "file_name", "path", "sha256", "sheets", "rows", "inserted", "updated",
    "unchanged", "rejected", "warnings", "actor", "created_at", "undone_at",
)  # fmt: skip
_PROGRESS_MIN_ROWS = 3_000


class ImportGroup(TyperGroup):
    """Routes ``import FILE…`` to the default ``files`` command."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = [_DEFAULT, *args]
        return super().parse_args(ctx, args)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        # The file form is what people type most: show its options, then list and undo.
        from netcli.cli.lang import localize

        files = self.commands[_DEFAULT]
        files_ctx = type(ctx)(files, info_name=ctx.info_name, parent=ctx.parent)
        localize(files, files_ctx)
        files.format_help(files_ctx, formatter)
        self.format_commands(ctx, formatter)
        self.format_epilog(ctx, formatter)


app = typer.Typer(
    cls=ImportGroup,
    no_args_is_help=True,
    epilog=(
        "Examples: netcli import roster.xlsx --network 'เครือข่ายภาคเหนือ';"
        " netcli import a.xlsx b.csv --dry-run; netcli import list; netcli import undo 3"
    ),
)

# Human output lists this many warnings; the rest are in --format json.
SHOWN_WARNINGS = 20


def _is_bundle(path: str) -> bool:
    """A netcli bundle or database: the merge feature takes those, not the roster import."""
    from netcli.importer.reader import is_bundle

    return is_bundle(path)


@app.command(_DEFAULT, hidden=True)
def import_files(
    files: Annotated[
        list[str],
        typer.Argument(
            help="Excel (.xlsx .xlsm .xls .ods) or CSV files; - reads CSV from stdin",
            metavar="FILE...",
        ),
    ],
    sheet: Annotated[
        list[str] | None,
        typer.Option("--sheet", help="import only this sheet (repeatable; default: all)"),
    ] = None,
    network: Annotated[
        str | None, typer.Option("--network", help="put every imported member into this network")
    ] = None,
    meeting: Annotated[
        str | None, typer.Option("--meeting", help="record everyone as attending this meeting (id)")
    ] = None,
    day: Annotated[
        str | None,
        typer.Option(
            "--day", help="with --meeting: only this day, e.g. 13 มิถุนายน 2562 or 2019-06-13"
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="write nothing; report what would happen")
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="all or nothing: any rejected row cancels the import")
    ] = False,
    overwrite: Annotated[
        bool,
        typer.Option(
            "--overwrite", help="for people already present, take the file's differing values"
        ),
    ] = False,
    mapping: Annotated[
        Path | None,
        typer.Option(
            "--mapping", help='TOML file of header = field pairs, e.g. "ต." = "subdistrict"'
        ),
    ] = None,
    save_mapping: Annotated[
        str | None,
        typer.Option("--save-mapping", help="remember this file's column mapping under NAME"),
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report",
            help="error workbook for rejected rows (default: FILE.errors.xlsx beside the input)",
        ),
    ] = None,
    fmt: ImportFormatOption = Format.table,
    force: Annotated[
        bool, typer.Option("--force", help="with --report: replace that file if it exists")
    ] = False,
) -> None:
    """Import rosters. Example: netcli import attendees.xlsx --network เครือข่ายภาคเหนือ"""
    from netcli.errors import BadFile
    from netcli.importer.run import Options, open_all
    from netcli.importer.run import import_files as run_import

    if day and not meeting:
        raise typer.BadParameter(_("--day needs --meeting"), param_hint="--day")
    if files.count("-") > 1:
        raise typer.BadParameter(_("stdin (-) can be read once"), param_hint="FILE")
    bundles = [path for path in files if _is_bundle(path)]
    if bundles:
        # A .netcli bundle (or another laptop's .db) is merged, as `netcli merge` does.
        if len(files) > 1:
            raise typer.BadParameter(
                _("a netcli bundle or database is imported on its own"), param_hint="FILE"
            )
        from netcli.cli.merge import merge_file

        if fmt is Format.csv:
            raise typer.BadParameter(
                _("a bundle's merge report is table or json, not csv"), param_hint="--format"
            )
        merge_file(Path(bundles[0]), dry_run=dry_run, fmt=fmt)
        return
    options = Options(
        sheets=sheet or None,
        network=network,
        meeting=meeting,
        dry_run=dry_run,
        strict=strict,
        overwrite=overwrite,
        save_mapping=save_mapping,
    )
    if mapping is not None:
        from netcli.importer.headers import load_mapping_file

        options.mapping = load_mapping_file(str(mapping))
    if day:
        from netcli.thai.dates import parse_date

        options.day = parse_date(day)
    if report is not None:
        from netcli.files.cells import check_output

        conn()  # opened first: the check knows its files
        if not report.parent.exists():
            try:
                report.parent.mkdir(parents=True)
            except OSError:
                pass  # check_output says why
        # Before anything is imported: never an input, the database, its files or copies.
        check_output(
            report, (".xlsx",), force=force, inputs=[*files, *([mapping] if mapping else [])]
        )
    # Every file is opened and checked, and its header row found (run.probe_all), before the
    # database is touched: a hostile, broken, empty or header-less file leaves nothing behind.
    sources = open_all(files)
    progress = _ProgressFactory()
    try:
        result, results = run_import(conn(), sources, options, progress_for=progress.for_source)
    finally:
        progress.close()
    try:
        workbooks = _write_error_workbooks(results, report, dry_run=dry_run, force=force)
    except BadFile as exc:
        # The import itself is done (or rolled back); say so and still print its report.
        warn(f"{exc.message} — {exc.hint}" if exc.hint else exc.message)
        workbooks = []
    result["error_workbooks"] = [str(p) for p in workbooks]
    if fmt is Format.json:
        emit_json(result)
    elif fmt is Format.csv:
        from netcli.errors import ROW_ERROR_FIELDS

        # Stdout holds the rejected rows only; the counts are a line on stderr.
        emit_csv(result["errors"], ROW_ERROR_FIELDS)
        _counts_line(result)
    else:
        _render(result)
    if workbooks:
        info(
            i18n.pick(
                f"แถวที่ไม่ผ่านอยู่ใน {', '.join(map(str, workbooks))} — แก้แล้วนำเข้าใหม่ได้ (fix and import it again)",
                f"The rejected rows are in {', '.join(map(str, workbooks))}: fix them and import"
                " it again",
            )
        )
    if result["rejected"] or result["failed"]:
        raise typer.Exit(1)


def _write_error_workbooks(
    results: list[Any], report: Path | None, *, dry_run: bool, force: bool
) -> list[Path]:
    from netcli.importer.errorbook import write_error_workbook
    from netcli.importer.run import default_report_path

    rejected = [r for r in results if r.rejected_rows]
    if not rejected:
        return []
    if report is not None:
        written = write_error_workbook(report, rejected, force=force)
        return [written] if written else []
    if dry_run:
        return []  # a dry run writes nothing unless asked to with --report
    out = []
    for r in rejected:
        path = default_report_path(r.source_path)
        if path is None:
            warn("แถวที่ไม่ผ่านจาก stdin: ใช้ --report FILE.xlsx เพื่อเก็บไว้ (use --report to keep them)")
            continue
        # FILE.errors.xlsx is netcli's own name: the previous one is replaced (a re-import
        # of a fixed file), but never an input or the database (checked like any output).
        from netcli.files.cells import OutputError, check_output

        try:
            check_output(path, (".xlsx",), force=True, inputs=[x.source_path for x in results])
        except OutputError as exc:
            warn(exc.message)
            continue
        written = write_error_workbook(path, [r])
        if written:
            out.append(written)
    return out


class _ProgressFactory:
    """A rich progress bar on stderr, only on a terminal and only for big files."""

    def __init__(self) -> None:
        from netcli.cli.progress import progress_enabled

        self.progress: Any = None
        self.enabled = progress_enabled()

    def for_source(self, source: Any) -> Any:
        if not self.enabled:
            return None
        state: dict[str, Any] = {"task": None}

        def update(done: int, total: int) -> None:
            if state["task"] is None:
                if total < _PROGRESS_MIN_ROWS:
                    return
                if self.progress is None:
                    from rich.console import Console
                    from rich.progress import Progress

                    self.progress = Progress(console=Console(stderr=True), transient=True)
                    self.progress.start()
                state["task"] = self.progress.add_task(Path(source.display).name, total=total)
            self.progress.update(state["task"], completed=done, total=max(total, done))

        return update

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def _counts_line(result: dict[str, Any]) -> None:
    info(
        i18n.pick(
            f"เพิ่มใหม่ {result['inserted']:,}, ปรับปรุง {result['updated']:,}, ไม่เปลี่ยน {result['unchanged']:,},"
            f" ไม่ผ่าน {result['rejected']:,} (inserted, updated, unchanged, rejected)"
            + ("" if result["written"] else " — ไม่ได้บันทึก (nothing was written)"),
            f"inserted {result['inserted']:,}, updated {result['updated']:,}, unchanged"
            f" {result['unchanged']:,}, rejected {result['rejected']:,}"
            + ("" if result["written"] else " — nothing was written"),
        )
    )
    for f in result["failed"]:
        info(f"ผิดพลาด (error): {f['error']} — ไม่ได้นำเข้าไฟล์นี้ (the file was rolled back)")


def _render(result: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    from netcli.thai.money import format_number

    table = Table(
        title=i18n.label(
            "ผลการนำเข้า (import)" + (" — ทดลอง ไม่ได้บันทึก (dry run)" if result["dry_run"] else "")
        )
    )
    for header in ("ไฟล์", "ชีต", "แถว", "เพิ่มใหม่", "ปรับปรุง", "ไม่เปลี่ยน", "ไม่ผ่าน", "คำเตือน", "ชุดที่"):
        table.add_column(i18n.label(header))
    for f in result["files"]:
        table.add_row(
            Path(f["path"]).name,
            ", ".join(s for s in f["sheets"] if s) or "-",
            format_number(f["rows"]),
            format_number(f["inserted"]),
            format_number(f["updated"]),
            format_number(f["unchanged"]),
            format_number(f["rejected"]),
            format_number(f["warnings"]),
            "-" if not result["written"] or f["import_id"] is None else f"#{f['import_id']}",
        )
    Console(soft_wrap=False).print(table)
    for f in result["failed"]:
        info(f"ผิดพลาด (error): {f['error']} — ไม่ได้นำเข้าไฟล์นี้ (the file was rolled back)")
    errors = result["errors"]
    for e in errors[:20]:
        where = (
            f"{Path(e['file']).name}"
            + (f" ชีต {e['sheet']}" if e["sheet"] else "")
            + f" แถว {e['row']}"
        )
        column = f" [{e['column']}]" if e["column"] else ""
        hint = f" — หมายถึง '{e['suggestion']}' หรือไม่?" if e["suggestion"] else ""
        info(
            i18n.pick(
                f"ไม่ผ่าน: {where}{column}: {e['message']}{hint}",
                f"rejected: {Path(e['file']).name}"
                + (f" sheet {e['sheet']}" if e["sheet"] else "")
                + f" row {e['row']}{column}: {i18n.localized(e['message'])}"
                + (f" — did you mean '{e['suggestion']}'?" if e["suggestion"] else ""),
            )
        )
    if len(errors) > 20:
        info(f"… และอีก {len(errors) - 20} รายการ (and {len(errors) - 20} more)")
    if result["dry_run"]:
        _render_mapping(result)
    warnings = result["warnings"]
    for w in warnings[:SHOWN_WARNINGS]:
        where = (
            (f"ชีต {w['sheet']} " if w.get("sheet") else "")
            + (f"แถว {w['row']}" if w["row"] else "")
        ).strip()
        column = f"[{w['column']}] " if w["column"] else ""
        if i18n.language() == "en":
            where = (
                (f"sheet {w['sheet']} " if w.get("sheet") else "")
                + (f"row {w['row']}" if w["row"] else "")
            ).strip()
            w = {**w, "message": i18n.localized(w["message"])}
        warn(f"{where + ': ' if where else ''}{column}{w['message']}")
    if len(warnings) > SHOWN_WARNINGS:
        rest = len(warnings) - SHOWN_WARNINGS
        warn(
            f"… และอีก {format_number(rest)} คำเตือน: ดูครบทุกข้อด้วย --format json"
            f" (and {rest} more: all of them are in --format json)"
        )
    if not result["written"]:
        info(
            i18n.pick(
                "ไม่ได้บันทึกสิ่งใด (nothing was written)"
                + ("" if result["dry_run"] else ": --strict และมีแถวที่ไม่ผ่าน"),
                "Nothing was written"
                + ("" if result["dry_run"] else ": --strict and some rows were rejected"),
            )
        )
    elif result["inserted"] or result["updated"]:
        ids = [str(f["import_id"]) for f in result["files"] if f["import_id"]]
        info(
            f"ย้อนได้ด้วย netcli import undo {ids[0] if len(ids) == 1 else 'ID'}"
            f" (undo with netcli import undo {ids[0] if len(ids) == 1 else 'ID'})"
        )


def _render_mapping(result: dict[str, Any]) -> None:
    """How each column of each sheet was read (a dry run is where an officer checks this)."""
    from rich.console import Console
    from rich.table import Table

    from netcli.importer.headers import FIELD_LABELS

    for f in result["files"]:
        for sheet, columns in (f.get("columns") or {}).items():
            if not columns:
                continue
            title = f"การอ่านคอลัมน์ (column mapping): {Path(f['path']).name}" + (
                f" ชีต {sheet}" if sheet else ""
            )
            console = Console(soft_wrap=False)
            console.print(title, soft_wrap=True)
            table = Table()
            for header in ("คอลัมน์", "หัวคอลัมน์ในไฟล์", "อ่านเป็น"):
                table.add_column(header)
            for c in columns:
                fld = c["field"]
                read_as = (
                    f"{FIELD_LABELS.get(fld, fld)} ({fld})"
                    if fld
                    else "ไม่ได้นำเข้า (not imported: --mapping FILE.toml)"
                )
                table.add_row(c["letter"], str(c["header"]), read_as)
            console.print(table)


@app.command("list")
def import_list(fmt: FormatOption = Format.table) -> None:
    """List import batches, newest first. Example: netcli import list"""
    from netcli.importer.undo import list_imports

    rows = list_imports(conn())

    def when(value: Any) -> Any:
        from datetime import datetime

        from netcli.thai.dates import format_date

        if not value:
            return value
        stamp = datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone()
        if i18n.language() == "en":
            return f"{stamp:%Y-%m-%d %H:%M}"
        return f"{format_date(stamp.date(), short=True)} {stamp:%H:%M}"

    emit_list(
        rows,
        fmt,
        [
            ("id", "ชุดที่"),
            ("created_at", "เมื่อ"),
            ("file_name", "ไฟล์"),
            ("rows", "แถว"),
            ("inserted", "เพิ่มใหม่"),
            ("updated", "ปรับปรุง"),
            ("unchanged", "ไม่เปลี่ยน"),
            ("rejected", "ไม่ผ่าน"),
            ("undone_at", "ย้อนแล้ว"),
        ],
        fields=IMPORT_FIELDS,
        title="การนำเข้า (imports)",
        human={"created_at": when, "undone_at": when},
    )


@app.command("undo")
def import_undo(
    batch: Annotated[str, typer.Argument(help="the import batch id shown by netcli import list")],
    fmt: ReportFormatOption = Format.table,
) -> None:
    """Undo one import: its new members go, updated members get their old values back. Example: netcli import undo 3"""
    from netcli.importer.undo import undo
    from netcli.store import db

    c = conn()
    with db.write(c, "import undo"):
        result = undo(c, batch)
    if result["members_deleted"]:
        # The erased history of the people taken back: out of the WAL, and the WAL truncated,
        # so the old bytes are gone from the files (as member remove --purge does).
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    if fmt is Format.table:
        info(
            f"ย้อนการนำเข้า #{result['import_id']} ({result['file_name']}) แล้ว: ลบสมาชิกใหม่"
            f" {result['members_deleted']} คน, คืนค่าเดิม {result['members_restored']} คน"
            f" (undone: {result['members_deleted']} removed, {result['members_restored']} restored)"
        )
    else:
        emit_json(result)
