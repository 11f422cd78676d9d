"""The ``netcli`` console script.

``--version`` answers before Typer and the rest load: shell scripts call it to probe, and
start-up is paid on every command of a batch.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Run the CLI; exit status 0 done, 1 refused input, 2 bad command line."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        from netcli import __version__

        sys.stdout.write(f"netcli {__version__}\n")
        return
    from netcli.cli.app import run

    run()
