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
import io
import json
import os
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
    returns the row count. A row that is a ``tuple`` is already its cells, in ``fields`` order;
    a ``str`` is already its whole line, without the newline (both rendered by SQLite)."""
    target = out or sys.stdout
    # Rows are written a thousand at a time: a write per row costs more than the row.
    pending = io.StringIO()
    writer = csv.writer(pending, lineterminator="\n")
    writer.writerow(fields)
    n = 0
    for row in rows:
        if type(row) is str:  # already the line (rendered by SQLite)
            pending.write(row)
            pending.write("\n")
        elif isinstance(row, tuple):  # already the cells of ``fields`` (rendered by SQLite)
            writer.writerow(row)
        else:
            row = _as_row(row)
            writer.writerow([_cell(row.get(k)) for k in fields])
        n += 1
        if n % 1000 == 0:
            target.write(pending.getvalue())
            pending.seek(0)
            pending.truncate()
    target.write(pending.getvalue())
    return n


def _emit_json_rows(rows: Iterable[Any], *, array: bool) -> int:
    """Records as a JSON array (one element a line) or as NDJSON. A row that is ``bytes`` or
    ``str`` is already its JSON text (a listing rendered by SQLite, UTF-8 when ``bytes``).
    Rows go out a thousand at a time, as bytes straight to the UTF-8 stream under stdout
    when it has one that writes what it is given (not Windows, whose text stdout turns
    "\n" into "\r\n"): encoding and one write per row would cost more than the row."""
    binary = _utf8_bytes_stdout()
    out: Any = binary or sys.stdout
    encoded = binary is not None
    errors = getattr(sys.stdout, "errors", None) or "strict"  # as the text stream would

    def text(row: Any) -> Any:
        if isinstance(row, bytes):
            return row if encoded else row.decode("utf-8")
        value = row if isinstance(row, str) else _dumps(_as_row(row))
        return value.encode("utf-8", errors) if encoded else value

    def lit(value: str) -> Any:
        return value.encode("utf-8") if encoded else value

    between, lead = (lit(",\n"), lit("\n")) if array else (lit("\n"), lit(""))
    n = 0
    if array:
        out.write(lit("["))
    batch: list[Any] = []
    for row in rows:
        batch.append(text(row))
        if len(batch) == 1000:
            out.write((lead if n == 0 else between) + between.join(batch))
            n += len(batch)
            batch.clear()
    if batch:
        out.write((lead if n == 0 else between) + between.join(batch))
        n += len(batch)
    if array:
        out.write(lit("\n]\n" if n else "]\n"))
    elif n:
        out.write(lit("\n"))
    if encoded and getattr(sys.stdout, "line_buffering", False):
        out.flush()  # a terminal sees every line before what comes next, as with text
    return n


def _utf8_bytes_stdout() -> Any:
    """The byte stream under stdout, flushed, when writing UTF-8 bytes to it gives the bytes
    that writing text to stdout would; else None."""
    import codecs
    import os

    buffer = getattr(sys.stdout, "buffer", None)
    encoding = getattr(sys.stdout, "encoding", None)
    if buffer is None or not encoding or os.linesep != "\n":
        return None
    try:
        if codecs.lookup(encoding).name != "utf-8":
            return None
    except LookupError:
        return None
    sys.stdout.flush()
    return buffer


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return _dumps(value)
    return str(value)


def _console(table: Any = None):
    """A rich console; when piped, wide enough that no column of ``table`` is cut."""
    from rich.console import Console

    if sys.stdout.isatty():
        return Console(soft_wrap=False)
    return Console(soft_wrap=False, width=unsqueezed_width(table))


def unsqueezed_width(table: Any = None, least: int = 200) -> int:
    """A width at which rich prints ``table`` whole (its widest rendering), at least ``least``:
    output to a pipe or a file is not fitted to any screen, so no column may be cut."""
    if table is None:
        return least
    from rich.console import Console

    with open(os.devnull, "w", encoding="utf-8") as sink:
        need = Console(width=100_000, file=sink).measure(table).maximum
    return max(least, need)


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

    For JSON and NDJSON a row may also be its JSON text already (``str``, or UTF-8 ``bytes``),
    for CSV its cells in ``fields`` order (a ``tuple``): a long listing rendered by SQLite.

    ``fields`` are the record type's keys: the CSV header, the same with rows or without.
    ``columns`` (key, Thai header) make the table; ``human`` maps a key to a function that
    formats its value for the table only. ``fit`` says, per key, what a narrow terminal may do
    with a column (``cli.layout.Col``: ``wrap``, ``drop``, ``justify``, ``min_width``); a key
    not named there wraps if it holds text (Thai or spaces) and is never left out.
    Returns the number of rows written.
    """
    n = 0
    if fmt in (Format.json, Format.ndjson):
        return _emit_json_rows(rows, array=fmt is Format.json)
    if fmt is Format.csv:
        return emit_csv(rows, fields)
    if fmt is not Format.table:
        raise ValueError(f"emit_list cannot write {fmt.value}")  # format_option refuses it
    rows = [_as_row(row) for row in rows]
    columns = [(key, i18n.label(header)) for key, header in columns]  # English under --lang en
    title = i18n.label(title) if title else title
    human = human or {}
    # Column by column: a long list is mostly texts already, which need no _cell.
    by_column = []
    for k, _ in columns:
        values = [row.get(k) for row in rows]
        if k in human:
            values = list(map(human[k], values))
        by_column.append([v if type(v) is str else _cell(v) for v in values])
    cells = [list(values) for values in zip(*by_column, strict=True)] if rows else []
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
        _console(table).print(table)
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

    measured: dict[str, int] = {}  # a long list repeats its places and roles: measure once

    def width_of(text: str) -> int:
        width = measured.get(text)
        if width is None:
            if "\n" in text:
                width = max(width_of(line) for line in text.split("\n"))
            else:
                width = cell_len(text)
            measured[text] = width
        return width

    def lines(values: list[str], sizes: list[int]) -> list[str]:
        if not any("\n" in v for v in values):  # the usual row: one line
            pads = [w - s for w, s in zip(widths, sizes, strict=True)]
            return ["  ".join([v + " " * p for v, p in zip(values, pads, strict=True)]).rstrip()]
        split = [v.split("\n") for v in values]
        out = []
        for k in range(max(len(p) for p in split)):
            parts = [p[k] if k < len(p) else "" for p in split]
            out.append(
                "  ".join(v + " " * (widths[i] - width_of(v)) for i, v in enumerate(parts)).rstrip()
            )
        return out

    head = [width_of(h) for h in headers]
    sizes = [[measured[v] if v in measured else width_of(v) for v in values] for values in cells]
    widths = [max(column) for column in zip(head, *sizes, strict=True)]
    out = sys.stdout
    if title:
        out.write(title + "\n")
    out.write("\n".join(lines(headers, head)) + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    chunk: list[str] = []
    for values, row_sizes in zip(cells, sizes, strict=True):
        chunk.extend(lines(values, row_sizes))
        if len(chunk) >= 1000:
            out.write("\n".join(chunk) + "\n")
            chunk.clear()
    if chunk:
        out.write("\n".join(chunk) + "\n")


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
