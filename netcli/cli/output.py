"""Rendering results: one ``--format`` option, defined once, for every listing command.

Human output (rich tables) is Thai; JSON, NDJSON and CSV carry ISO dates and plain
numbers, ``ensure_ascii=False``, and go to stdout alone. Messages go to stderr.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import Annotated, Any

import typer


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    ndjson = "ndjson"


FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="table (default), json, csv or ndjson")
]


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def echo(text: str = "") -> None:
    """Write a line to stdout."""
    sys.stdout.write(text + "\n")


def info(text: str) -> None:
    """A message for the person (stderr, so stdout stays clean for scripts)."""
    sys.stderr.write(text + "\n")


def warn(text: str) -> None:
    sys.stderr.write(f"คำเตือน: {text}\n")


def emit_json(value: Any) -> None:
    sys.stdout.write(_dumps(value) + "\n")


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
    rows: Iterable[dict[str, Any]],
    fmt: Format,
    columns: Sequence[tuple[str, str]],
    *,
    title: str | None = None,
    human: dict[str, Any] | None = None,
) -> int:
    """Write records as a table (columns: key, Thai header), JSON array, NDJSON or CSV.

    ``human`` maps a key to a function that formats the value for the table only.
    Returns the number of rows written.
    """
    n = 0
    if fmt is Format.json:
        out = sys.stdout
        out.write("[")
        for row in rows:
            out.write(("," if n else "") + "\n" + _dumps(row))
            n += 1
        out.write("\n]\n" if n else "]\n")
        return n
    if fmt is Format.ndjson:
        for row in rows:
            sys.stdout.write(_dumps(row) + "\n")
            n += 1
        return n
    if fmt is Format.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        keys = None
        for row in rows:
            if keys is None:
                keys = list(row.keys())
                writer.writerow(keys)
            writer.writerow([_cell(row.get(k)) for k in keys])
            n += 1
        if keys is None:
            writer.writerow([k for k, _ in columns])
        return n
    human = human or {}
    cells = [
        [_cell(human[k](row.get(k)) if k in human else row.get(k)) for k, _ in columns]
        for row in rows
    ]
    n = len(cells)
    if not n:
        info("ไม่พบรายการ (nothing found)")
        return 0
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


# Above this many rows a rich table takes seconds to lay out (Thai cell widths, wrapping):
# print aligned plain columns instead, which a long list does not need more than.
PLAIN_TABLE_ROWS = 500


def _plain_table(headers: list[str], cells: list[list[str]], title: str | None) -> None:
    from rich.cells import cell_len  # display width: Thai combining marks take no column

    widths = [cell_len(h) for h in headers]
    for values in cells:
        for i, v in enumerate(values):
            w = cell_len(v)
            if w > widths[i]:
                widths[i] = w

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (widths[i] - cell_len(v)) for i, v in enumerate(values)).rstrip()

    out = sys.stdout
    if title:
        out.write(title + "\n")
    out.write(line(headers) + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for values in cells:
        out.write(line(values) + "\n")


def emit_record(
    record: dict[str, Any],
    fmt: Format,
    fields: Sequence[tuple[str, str]],
    *,
    human: dict[str, Any] | None = None,
    title: str | None = None,
) -> None:
    """Write one record: JSON object, NDJSON line, one-row CSV, or a two-column Thai table."""
    if fmt in (Format.json, Format.ndjson):
        emit_json(record)
        return
    if fmt is Format.csv:
        emit_list([record], fmt, fields)
        return
    from rich.table import Table

    human = human or {}
    table = Table(show_header=False, title=title, box=None, padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    for key, label in fields:
        value = record.get(key)
        if key in human:
            value = human[key](value)
        if value in (None, "", [], ()):
            continue
        table.add_row(label, _cell(value))
    _console().print(table)
