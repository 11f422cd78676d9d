"""A single-value option given twice is a wrong command line (exit 2), never "the last wins".

``--province A --province B`` used to keep B silently. Click's parser records every
occurrence of an option in the order it met them; one hook on ``Command.make_parser``
(installed once, from ``netcli.cli.app``) refuses a second occurrence of any option that
takes one value, for every command and group alike. Repeatable options (``multiple``),
counters and flags are left alone.
"""

from __future__ import annotations

from typing import Any

import click

from netcli.i18n import _

_INSTALLED = "_netcli_refuses_repeats"


def _single_value(param: click.Parameter) -> bool:
    return (
        isinstance(param, click.Option)
        and not param.multiple
        and not param.count
        and not param.is_flag
        and param.nargs == 1
    )


def refuse_repeated(ctx: click.Context, order: list[click.Parameter]) -> None:
    """UsageError naming the first single-value option that occurs more than once."""
    if ctx.resilient_parsing:
        return
    seen: set[int] = set()
    for param in order:
        if not _single_value(param):
            continue
        if id(param) in seen:
            name = max(param.opts, key=len) if param.opts else param.name
            raise click.UsageError(
                _("option {name} given more than once; it takes one value").format(name=name),
                ctx=ctx,
            )
        seen.add(id(param))


def install() -> None:
    """Hook every command's parser (idempotent)."""
    original = click.Command.make_parser
    if getattr(original, _INSTALLED, False):
        return

    def make_parser(self: click.Command, ctx: click.Context) -> Any:
        parser = original(self, ctx)
        parse = parser.parse_args

        def parse_args(args: list[str]) -> Any:
            opts, rest, order = parse(args=args)
            refuse_repeated(ctx, order)
            return opts, rest, order

        parser.parse_args = parse_args  # type: ignore[method-assign]
        return parser

    setattr(make_parser, _INSTALLED, True)
    click.Command.make_parser = make_parser  # type: ignore[method-assign]
