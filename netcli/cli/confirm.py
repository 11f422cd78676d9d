"""Asking before what cannot be undone (``member remove --purge``, ``db restore``).

On a terminal the person is asked; ``--yes`` skips the question. Without a terminal (a
script, a pipe) nothing is asked, so these commands need ``--yes``: without it they stop
with exit 2 before touching anything.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from netcli.i18n import _, localized

Yes = Annotated[
    bool,
    typer.Option("--yes", "-y", help="do not ask; needed without a terminal"),
]


def confirm(question: str, *, yes: bool) -> None:
    """Go on only when ``yes`` is given or the person at the terminal says yes."""
    if yes:
        return
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        raise typer.BadParameter(
            _("this cannot be undone: add --yes when not at a terminal"),
            param_hint="--yes",
        )
    if not typer.confirm(localized(question), default=False, err=True):
        sys.stderr.write(_("cancelled; nothing changed") + "\n")
        raise typer.Exit(1)
