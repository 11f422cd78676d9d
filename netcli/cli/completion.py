"""``netcli completion SHELL``: the tab-completion script for bash, zsh, fish or PowerShell.

The script calls netcli back with ``_NETCLI_COMPLETE`` set (click's protocol); typer's
completion classes add PowerShell to click's bash, zsh and fish.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

ENV_VAR = "_NETCLI_COMPLETE"


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"
    powershell = "powershell"


def completion(
    ctx: typer.Context,
    shell: Annotated[Shell, typer.Argument(help="the shell: bash, zsh, fish or powershell")],
) -> None:
    """Print the tab-completion script. Example: netcli completion bash >> ~/.bashrc"""
    from click.shell_completion import get_completion_class
    from typer._completion_classes import completion_init

    completion_init()  # registers typer's classes (PowerShell among them) with click
    # The root command with every noun: the script completes them all.
    command = ctx.find_root().command
    cls = get_completion_class(shell.value)
    if cls is None:  # pragma: no cover - every Shell member is registered above
        raise typer.BadParameter(f"unsupported shell {shell.value}")
    script = cls(command, {}, "netcli", ENV_VAR).source()
    typer.echo(script)
