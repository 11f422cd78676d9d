"""The language of the command line: click's and typer's own messages and our help texts.

click and typer translate their messages with the standard library's ``gettext`` (``from
gettext import gettext as _`` in each module). :func:`install` points those names at
:mod:`netcli.i18n`, so "Usage:", "Missing option", "Show this message and exit." … come
out in Thai by default and in English with ``--lang en``; no fork, nothing else changes.

Our help texts (command docstrings, ``help=`` of options) are English message ids in the
source. They are put into the current language only when a help page or a usage line is
rendered (:func:`localize`, from ``Context.make_formatter``): a command that runs without
showing help pays nothing, and one command tree can serve both languages (the tests reuse
one tree for the whole session).
"""

from __future__ import annotations

import inspect
import sys
from typing import Any

import click

from netcli import i18n

_INSTALLED = "_netcli_localizes"
_MSGIDS = "_netcli_msgids"
HELP_OPTION_MSGID = "Show this message and exit."
# Where click and typer keep their gettext names (loaded with click, or by typer's app).
_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.shell_completion",
    "click.termui",
    "click.types",
    "click.utils",
    "click._termui_impl",
    "typer.core",
    "typer.rich_utils",
)


def install() -> None:
    """Translate click's and typer's messages and our help texts (idempotent)."""
    import gettext as stdlib

    for name in _MODULES:
        module = sys.modules.get(name)
        if module is None:
            continue
        if getattr(module, "_", None) is stdlib.gettext:
            module._ = i18n.gettext  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is stdlib.ngettext:
            module.ngettext = i18n.ngettext  # type: ignore[attr-defined]

    original = click.Context.make_formatter
    if getattr(original, _INSTALLED, False):
        return

    def make_formatter(self: click.Context) -> click.HelpFormatter:
        localize(self.command, self)
        return original(self)

    setattr(make_formatter, _INSTALLED, True)
    click.Context.make_formatter = make_formatter  # type: ignore[method-assign]


def msgid(obj: Any, attr: str) -> str | None:
    """The English message id of ``obj.attr`` (a help text), whatever language it shows now."""
    stored = getattr(obj, _MSGIDS, None)
    if stored is not None and attr in stored:
        return stored[attr]
    value = getattr(obj, attr, None)
    return inspect.cleandoc(value) if isinstance(value, str) and value else None


def translate(text: str | None) -> str | None:
    """A help text (English message id) in the current language."""
    if not text:
        return text
    return i18n.gettext(inspect.cleandoc(text))


def _swap(obj: Any, attrs: tuple[str, ...]) -> None:
    stored = obj.__dict__.setdefault(_MSGIDS, {})
    for attr in attrs:
        if attr not in stored:
            stored[attr] = msgid(obj, attr)
        if stored[attr]:
            setattr(obj, attr, translate(stored[attr]))


def localize(command: click.Command, ctx: click.Context) -> None:
    """Put ``command``'s help texts (and its subcommands' short help) in the current language."""
    _swap(command, ("help", "short_help", "epilog"))
    for param in command.params:
        _swap(param, ("help",))
    help_option = command.get_help_option(ctx)
    if help_option is not None:
        # click made it with its own _() in whatever language was current then (and caches it).
        help_option.help = i18n.gettext(HELP_OPTION_MSGID)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _swap(sub, ("help", "short_help"))


def scan(args: list[str]) -> str | None:
    """The ``--lang`` of a command line, read before click parses it (so that even a usage
    error of the root options speaks it); ``None`` when absent or not a known language."""
    i = 0
    while i < len(args):
        word = args[i]
        if word == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        elif word.startswith("--lang="):
            value = word.partition("=")[2]
        elif word == "--db":
            i += 2
            continue
        elif word.startswith("-") and word != "--":
            i += 1
            continue
        else:
            return None  # the command's own words: --lang is a root option
        return value if value in i18n.LANGUAGES else None
    return None
