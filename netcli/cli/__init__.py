"""The command line: one Typer sub-app per noun, joined in :mod:`netcli.cli.app`."""
