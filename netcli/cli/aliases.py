"""Old option spellings that scripts still type, kept working but left out of help.

One option, one meaning everywhere: a file is ``--file``, a period is ``--since``/``--until``.
The spellings they replace (``member add --from FILE``, ``--from``/``--to`` for dates) stay
accepted as second names of the same option; help shows only the current one.
"""

from __future__ import annotations

from typing import Any

import click

HIDDEN = frozenset({"--from", "--to"})
_INSTALLED = "_netcli_hides_aliases"


def install() -> None:
    """Leave the hidden spellings out of every option's help line (idempotent)."""
    from typer.core import TyperOption

    for cls in (click.Option, TyperOption):
        original = cls.__dict__.get("get_help_record")
        if original is None or getattr(original, _INSTALLED, False):
            continue
        cls.get_help_record = _hiding(original)  # type: ignore[method-assign]


def _hiding(original: Any) -> Any:
    def get_help_record(self: click.Option, ctx: click.Context) -> Any:
        shown = [name for name in self.opts if name not in HIDDEN]
        if not shown or len(shown) == len(self.opts):
            return original(self, ctx)
        opts = self.opts
        self.opts = shown
        try:
            return original(self, ctx)
        finally:
            self.opts = opts

    setattr(get_help_record, _INSTALLED, True)
    return get_help_record
