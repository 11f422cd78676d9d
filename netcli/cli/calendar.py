"""``netcli calendar`` (not built yet)."""

from __future__ import annotations


def calendar() -> None:
    """The network calendar: upcoming and overdue actions and meetings."""
    raise SystemExit("not built yet")
