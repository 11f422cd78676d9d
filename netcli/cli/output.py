"""Rendering results: the one place that knows table, JSON, NDJSON and CSV.

Every command takes the same ``--format``/``-f`` option, made by :func:`format_option` with
the formats that command can render; Click refuses any other (exit 2) before the command runs.
The option also records the format in the CLI state, so that a refusal under ``json`` or
``ndjson`` is printed as ``{"error": …}`` on stdout too (``cli.app``).

Human output (rich tables) is Thai; JSON, NDJSON and CSV carry ISO dates and plain numbers,
``ensure_ascii=False``, and go to stdout alone. Messages go to stderr. A CSV header is the
result type's field list (``fields=``), never the first row's keys: it is the same with no rows.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import re
import sys
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import Annotated, Any

import click
import typer

from netcli import i18n
from netcli.cli.state import state


class Format(str, Enum):
    """Every output format of every command (each command offers a subset)."""

    table = "table"
    json = "json"
    csv = "csv"
    ndjson = "ndjson"
    markdown = "markdown"
    xlsx = "xlsx"
    docx = "docx"
    pdf = "pdf"


# Records and listings: every machine format.
LISTING = (Format.table, Format.json, Format.csv, Format.ndjson)
# Nested results (a merge report, database status): no flat CSV shape, so CSV is refused.
REPORT = (Format.table, Format.json, Format.ndjson)


def _remember(value: Format | None) -> str | None:
    # Typer hands the callback a Format and converts what it returns once more: give it text.
    if value is None:
        return None
    state().fmt = value.value
    if value in (Format.json, Format.ndjson, Format.csv):
        _utf8_stdout()
    return value.value


def _utf8_stdout() -> None:
    """JSON, NDJSON and CSV are UTF-8 whatever the console's code page (a redirect on Thai
    Windows is cp874): the reader of a machine format expects UTF-8. Human output keeps
    following the console."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    encoding = (getattr(sys.stdout, "encoding", "") or "").lower().replace("_", "-")
    if reconfigure is not None and encoding not in ("utf-8", "utf8"):
        try:
            reconfigure(encoding="utf-8", errors="strict")
        except (ValueError, OSError):
            pass


def _help(names: Sequence[str]) -> str:
    rest = [n for n in names if n != "table"]
    if not rest:
        return "table"
    tail = ", ".join(rest[:-1]) + (" or " if len(rest) > 1 else "") + rest[-1]
    return f"table (default), {tail}"


def format_option(*allowed: Format, help: str | None = None) -> Any:
    """The ``--format``/``-f`` option offering ``allowed``; anything else is a usage error."""
    names = [f.value for f in allowed]
    return typer.Option(
        "--format",
        "-f",
        click_type=click.Choice(names),
        callback=_remember,
        help=help or _help(names),
    )


FormatOption = Annotated[Format, format_option(*LISTING)]
ReportFormatOption = Annotated[Format, format_option(*REPORT)]
# The one rule of every command that writes a file: an existing file is replaced only with it.
ForceOption = Annotated[
    bool, typer.Option("--force", help="replace the output file if it exists (atomically)")
]


def fields_of(cls: type) -> tuple[str, ...]:
    """The field names of a result dataclass: its JSON keys and CSV header, in order."""
    return tuple(f.name for f in dataclasses.fields(cls))


def _as_row(row: Any) -> Any:
    if dataclasses.is_dataclass(row) and not isinstance(row, type):
        return dataclasses.asdict(row)
    return row


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def echo(text: str = "") -> None:
    """Write a line to stdout."""
    sys.stdout.write(text + "\n")


def info(text: str) -> None:
    """A message for the person (stderr, so stdout stays clean for scripts); a Thai-first
    "ไทย (english)" message shows its English part under --lang en."""
    sys.stderr.write(_fit_stderr(i18n.localized(text)) + "\n")


def warn(text: str) -> None:
    sys.stderr.write(_fit_stderr(f"{i18n.gettext('warning')}: {i18n.localized(text)}") + "\n")


def _fit_stderr(text: str) -> str:
    """On a terminal, a long message is wrapped between words (Thai included) instead of
    being cut by the terminal wherever the line ends ("เก็บต|ามที่เขียน")."""
    try:
        if not sys.stderr.isatty():
            return text
    except (AttributeError, ValueError):
        return text
    from netcli.cli.layout import terminal_width
    from netcli.thai.wrap import cell_width, wrap

    width = terminal_width(sys.stderr)
    if width is None or all(cell_width(line) <= width for line in text.split("\n")):
        return text
    return "\n".join(wrap(text, width))


def emit_json(value: Any) -> None:
    """One JSON value on one line (so it is also an NDJSON line)."""
    sys.stdout.write(_dumps(_as_row(value)) + "\n")


def emit_csv(rows: Iterable[Any], fields: Sequence[str], out: Any = None) -> int:
    """CSV with the header ``fields`` (always written, rows or not) to stdout or ``out``;
    returns the row count."""
    writer = csv.writer(out or sys.stdout, lineterminator="\n")
    writer.writerow(fields)
    n = 0
    for row in rows:
        row = _as_row(row)
        writer.writerow([_cell(row.get(k)) for k in fields])
        n += 1
    return n


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return _dumps(value)
    return str(value)


def _console():
    """A rich console; when piped, wide enough that no column is cut."""
    from rich.console import Console

    if sys.stdout.isatty():
        return Console(soft_wrap=False)
    return Console(soft_wrap=False, width=200)


def emit_list(
    rows: Iterable[Any],
    fmt: Format,
    columns: Sequence[tuple[str, str]],
    *,
    fields: Sequence[str],
    title: str | None = None,
    human: dict[str, Any] | None = None,
    fit: dict[str, dict[str, Any]] | None = None,
) -> int:
    """Write records (dicts or dataclasses) as a table, JSON array, NDJSON or CSV.

    ``fields`` are the record type's keys: the CSV header, the same with rows or without.
    ``columns`` (key, Thai header) make the table; ``human`` maps a key to a function that
    formats its value for the table only. ``fit`` says, per key, what a narrow terminal may do
    with a column (``cli.layout.Col``: ``wrap``, ``drop``, ``justify``, ``min_width``); a key
    not named there wraps if it holds text (Thai or spaces) and is never left out.
    Returns the number of rows written.
    """
    n = 0
    if fmt is Format.json:
        out = sys.stdout
        out.write("[")
        for row in rows:
            out.write(("," if n else "") + "\n" + _dumps(_as_row(row)))
            n += 1
        out.write("\n]\n" if n else "]\n")
        return n
    if fmt is Format.ndjson:
        for row in rows:
            sys.stdout.write(_dumps(_as_row(row)) + "\n")
            n += 1
        return n
    if fmt is Format.csv:
        return emit_csv(rows, fields)
    if fmt is not Format.table:
        raise ValueError(f"emit_list cannot write {fmt.value}")  # format_option refuses it
    rows = [_as_row(row) for row in rows]
    columns = [(key, i18n.label(header)) for key, header in columns]  # English under --lang en
    title = i18n.label(title) if title else title
    human = human or {}
    cells = [
        [_cell(human[k](row.get(k)) if k in human else row.get(k)) for k, _ in columns]
        for row in rows
    ]
    n = len(cells)
    if not n:
        info("ไม่พบรายการ (nothing found)")
        return 0
    from netcli.cli.layout import dropped_note, rich_table, terminal_width
    from netcli.cli.layout import fit as fit_layout

    width = terminal_width()
    if width is None:  # a pipe or a file: nothing to fit, print every column as it is
        if n > PLAIN_TABLE_ROWS:
            _plain_table([h for _, h in columns], cells, title)
            return n
        from rich.table import Table

        table = Table(title=title, show_lines=False)
        for _, header in columns:
            table.add_column(header)
        for values in cells:
            table.add_row(*values)
        _console().print(table)
        return n
    layout = fit_layout(_cols(columns, cells, fit or {}), cells, width)
    if n > PLAIN_TABLE_ROWS:
        _plain_table(layout.headers, layout.rows, title)
    else:
        table = rich_table(layout, title=title, show_lines=False)
        for values in layout.rows:
            table.add_row(*values)
        _console().print(table)
    note = dropped_note(layout)
    if note:
        info(note)
    return n


_THAI_OR_SPACE = re.compile("[ \u0e01-\u0e4f]")


def _cols(
    columns: Sequence[tuple[str, str]], cells: list[list[str]], fit: dict[str, dict[str, Any]]
) -> list[Any]:
    from netcli.cli.layout import Col

    out = []
    for i, (key, header) in enumerate(columns):
        if key in fit:
            out.append(Col(header, **fit[key]))
            continue
        textual = any(_THAI_OR_SPACE.search(row[i]) for row in cells)
        out.append(Col(header, wrap=textual, min_width=8))
    return out


# Above this many rows a rich table takes seconds to lay out (Thai cell widths, wrapping):
# print aligned plain columns instead, which a long list does not need more than.
PLAIN_TABLE_ROWS = 500


def _plain_table(headers: list[str], cells: list[list[str]], title: str | None) -> None:
    from rich.cells import cell_len  # display width: Thai combining marks take no column

    def width_of(text: str) -> int:
        return max(cell_len(line) for line in text.split("\n")) if "\n" in text else cell_len(text)

    widths = [width_of(h) for h in headers]
    for values in cells:
        for i, v in enumerate(values):
            w = width_of(v)
            if w > widths[i]:
                widths[i] = w

    def lines(values: list[str]) -> list[str]:
        split = [v.split("\n") for v in values]
        out = []
        for k in range(max(len(p) for p in split)):
            parts = [p[k] if k < len(p) else "" for p in split]
            out.append(
                "  ".join(v + " " * (widths[i] - cell_len(v)) for i, v in enumerate(parts)).rstrip()
            )
        return out

    out = sys.stdout
    if title:
        out.write(title + "\n")
    out.write("\n".join(lines(headers)) + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for values in cells:
        out.write("\n".join(lines(values)) + "\n")


def emit_record(
    record: Any,
    fmt: Format,
    columns: Sequence[tuple[str, str]],
    *,
    fields: Sequence[str],
    human: dict[str, Any] | None = None,
    title: str | None = None,
) -> None:
    """Write one record: JSON object, NDJSON line, one-row CSV (header ``fields``), or a
    two-column Thai table of ``columns``."""
    record = _as_row(record)
    if fmt in (Format.json, Format.ndjson):
        emit_json(record)
        return
    if fmt is Format.csv:
        emit_csv([record], fields)
        return
    from rich.table import Table

    from netcli.cli.layout import terminal_width

    human = human or {}
    title = i18n.label(title) if title else title
    rows: list[tuple[str, str]] = []
    for key, label in columns:
        label = i18n.label(label)
        value = record.get(key)
        if key in human:
            value = human[key](value)
        if value in (None, "", [], ()):
            continue
        rows.append((label, _cell(value)))
    width = terminal_width(sys.stdout)
    if width is not None and rows:
        # A narrow terminal: long values (a forum's title, its outcomes) wrap between Thai
        # words instead of being cut by the table.
        from netcli.thai.wrap import cell_width, wrap

        room = max(width - max(cell_width(label) for label, _ in rows) - 2, 20)
        rows = [(label, "\n".join(wrap(text, room))) for label, text in rows]
    table = Table(show_header=False, title=title, box=None, padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for label, text in rows:
        table.add_row(label, text)
    from rich.console import Console

    console = Console(soft_wrap=False, width=width) if width is not None else _console()
    console.print(table)
