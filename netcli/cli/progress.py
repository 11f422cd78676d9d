"""A progress bar on stderr for work that can take more than a second, only on a terminal.

Scripts and pipes see nothing (stderr not a terminal), and neither does a command asked for
``-f json`` or ``ndjson`` (what a script reads); core functions take a plain
``progress(done, total)`` callback and never know about rich.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Callback = Callable[[int, int], None]


def _noop(done: int, total: int) -> None:
    return None


def progress_enabled() -> bool:
    """True when a bar may be drawn: stderr is a terminal and the output is not for a script."""
    from netcli.cli.state import state

    try:
        if not sys.stderr.isatty():
            return False
    except (AttributeError, ValueError):
        return False
    return state().fmt not in ("json", "ndjson")


@contextmanager
def progress_bar(label: str) -> Iterator[Callback]:
    """Yield a ``(done, total)`` callback that draws ``label`` and a bar on a terminal."""
    if not progress_enabled():
        yield _noop
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update
