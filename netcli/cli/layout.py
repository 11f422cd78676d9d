"""Tables that fit the terminal: 80 columns and up.

A table never drops or cuts the column that says what a row is (the province, the name, the
title) and never cuts a number. To fit, in this order: a compact style (no vertical lines,
headers stacked on several lines), Thai text wrapped between words (``thai.wrap``), then the
least important columns left out, one by one; a note under the table names what was left out.

How wide: ``COLUMNS`` when set (also in a pipe: the user asked for it), else the terminal's
width; output that goes to a pipe or file without ``COLUMNS`` is not squeezed at all.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rich.cells import cell_len  # layout is imported only to print a table: rich is loaded then


@dataclass(frozen=True)
class Col:
    """A column: its header, how it aligns, and what may happen to it on a narrow screen.

    ``wrap``: Thai text that may go on several lines (broken between words).
    ``ident``: what says which row this is (a province, a name): never left out, and wrapped
    between words only when nothing else makes the table fit.
    ``drop``: 0 = always shown; otherwise columns are left out highest ``drop`` first.
    ``min_width``: the narrowest a wrapped column may get (cells).
    """

    header: str
    justify: str = "left"
    wrap: bool = False
    drop: int = 0
    min_width: int = 10
    style: str | None = None
    ident: bool = False


@dataclass
class Layout:
    cols: list[Col]
    keep: list[int]  # indexes of the shown columns
    widths: list[int]
    headers: list[str]
    rows: list[list[str]]
    compact: bool
    dropped: list[str] = field(default_factory=list)


def terminal_width(stream: Any = None) -> int | None:
    """The width to fit, or None for "no limit" (a pipe or file without ``COLUMNS``)."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    stream = stream or sys.stdout
    try:
        if stream.isatty():
            return os.get_terminal_size(stream.fileno()).columns or 80
    except (AttributeError, OSError, ValueError):
        pass
    return None


def _cell_len(text: str) -> int:
    if "\n" not in text:
        return cell_len(text)
    return max(cell_len(line) for line in text.split("\n"))


@lru_cache(maxsize=64)
def overhead(n: int, compact: bool) -> int:
    """Cells a rich table of ``n`` columns adds around its content (borders, padding)."""
    from rich.console import Console

    table = _table(compact)
    for _ in range(n):
        table.add_column(no_wrap=True)
    table.add_row(*(["x"] * n))
    console = Console(width=1000, file=open(os.devnull, "w"))  # noqa: SIM115
    width = console.measure(table).maximum
    console.file.close()
    return width - n


def _table(compact: bool, **kw: Any) -> Any:
    from rich import box
    from rich.table import Table

    if compact:
        return Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, **kw)
    return Table(**kw)


def _wrapped(text: str, width: int) -> str:
    if _cell_len(text) <= width:
        return text
    from netcli.thai.wrap import wrap

    return "\n".join(wrap(text, width))


def _header_min(header: str) -> int:
    # Headers are written with their line breaks ("สมาชิก\n(คน)"); on a narrow screen they
    # break there and at spaces, never inside a word.
    return max((_cell_len(w) for w in header.replace("\n", " ").split(" ")), default=0)


def _header_wrapped(header: str, width: int) -> str:
    lines: list[str] = []
    for part in header.split("\n"):
        line = ""
        for word in part.split(" "):
            if line and _cell_len(line + " " + word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
    return "\n".join(lines)


def fit(cols: Sequence[Col], rows: Sequence[Sequence[str]], width: int | None) -> Layout:
    """Choose which columns to show and how wide, so that the table fits ``width`` cells."""
    n = len(cols)
    content = [max([0] + [_cell_len(r[i]) for r in rows]) for i in range(n)]
    natural = [max(_cell_len(c.header), content[i]) for i, c in enumerate(cols)]
    all_cols = list(range(n))
    if width is None or sum(natural) + overhead(n, False) <= width:
        return _layout(cols, rows, all_cols, natural, compact=False, wrap_to=None)
    # An empty column goes first (it says nothing), then the others, highest ``drop`` first.
    rank = {i: 1000 if not content[i] and not c.ident else c.drop for i, c in enumerate(cols)}
    droppable = sorted((i for i in all_cols if rank[i]), key=lambda i: -rank[i])
    keep = all_cols
    for k in range(len(droppable) + 1):
        keep = [i for i in all_cols if i not in droppable[:k]]
        # Headers stack their words on several lines: a column is as wide as its content,
        # or its longest header word.
        need = {i: max(content[i], _header_min(cols[i].header)) for i in keep}
        room = width - overhead(len(keep), True)
        fixed = sum(need[i] for i in keep if not cols[i].wrap)
        wraps = [i for i in keep if cols[i].wrap]
        if fixed + sum(need[i] for i in wraps) <= room:
            return _layout(cols, rows, keep, need, compact=True, wrap_to=None)
        floor = {
            i: min(need[i], max(cols[i].min_width, _header_min(cols[i].header))) for i in wraps
        }
        if fixed + sum(floor.values()) <= room:
            return _layout(
                cols, rows, keep, need, compact=True, wrap_to=_share(room - fixed, need, floor)
            )
    # Even the columns that are always shown are too wide: wrap every text column as far as
    # it goes (an identifying column wraps between words, it is never cut or left out).
    need = {i: max(content[i], _header_min(cols[i].header)) for i in keep}
    room = width - overhead(len(keep), True)
    wraps = sorted({i for i in keep if cols[i].wrap or cols[i].ident} or {keep[0]})
    fixed = sum(need[i] for i in keep if i not in wraps)
    floor = {i: min(need[i], 4) for i in wraps}
    return _layout(
        cols, rows, keep, need, compact=True, wrap_to=_share(max(room - fixed, 0), need, floor)
    )


def _share(room: int, need: dict[int, int], floor: dict[int, int]) -> dict[int, int]:
    """Widths for the wrapped columns: each its floor, then the rest of ``room`` shared out
    among the columns that want more, narrowest need first (water filling)."""
    out = dict(floor)
    spare = room - sum(out.values())
    while spare > 0:
        wanting = sorted((i for i in out if out[i] < need[i]), key=lambda i: need[i])
        if not wanting:
            break
        per = max(1, spare // len(wanting))
        for i in wanting:
            give = min(per, need[i] - out[i], spare)
            out[i] += give
            spare -= give
            if not spare:
                break
    return out


def _layout(
    cols: Sequence[Col],
    rows: Sequence[Sequence[str]],
    keep: list[int],
    need: Sequence[int] | dict[int, int],
    *,
    compact: bool,
    wrap_to: dict[int, int] | None,
) -> Layout:
    widths = [wrap_to.get(i, need[i]) if wrap_to else need[i] for i in keep]
    out_rows = []
    for r in rows:
        cells = []
        for i, w in zip(keep, widths, strict=True):
            text = r[i]
            cells.append(_wrapped(text, w) if wrap_to and i in wrap_to else text)
        out_rows.append(cells)
    headers = [
        _wrapped(cols[i].header, w) if compact else cols[i].header
        for i, w in zip(keep, widths, strict=True)
    ]
    if wrap_to:  # wrapped cells may come out narrower than the width they were given
        widths = [
            max([_cell_len(h)] + [_cell_len(r[j]) for r in out_rows]) for j, h in enumerate(headers)
        ]
    else:
        widths = [max(_cell_len(h), w) for h, w in zip(headers, widths, strict=True)]
    dropped = [cols[i].header.replace("\n", " ") for i in range(len(cols)) if i not in keep]
    return Layout(list(cols), keep, widths, headers, out_rows, compact, dropped)


def rich_table(layout: Layout, **kw: Any) -> Any:
    """The layout as a rich Table (columns at their chosen widths, nothing left to squeeze)."""
    table = _table(layout.compact, **kw)
    for i, w, header in zip(layout.keep, layout.widths, layout.headers, strict=True):
        c = layout.cols[i]
        table.add_column(
            header, justify=c.justify, width=w, no_wrap=True, overflow="ignore", style=c.style
        )
    return table


def dropped_note(layout: Layout) -> str | None:
    if not layout.dropped:
        return None
    from netcli.i18n import label, pick

    return pick(
        f"(จอแคบ ไม่ได้แสดง: {', '.join(layout.dropped)} — ขยายหน้าต่าง หรือใช้ -f csv/json;"
        " columns left out to fit the screen)",
        f"(left out to fit the screen: {', '.join(label(d) for d in layout.dropped)}"
        " — widen the window or use -f csv/json)",
    )
