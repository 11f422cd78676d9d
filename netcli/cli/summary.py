"""``netcli summary`` (not built yet)."""

from __future__ import annotations


def summary() -> None:
    """Thai summary per province."""
    raise SystemExit("not built yet")
