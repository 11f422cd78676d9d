"""Where the files that ship with netcli (migrations, sample data) are found.

In a wheel they are inside the package (``netcli/migrations``); in a source checkout or an
editable install they are at the top of the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """The folder ``name`` (``migrations`` or ``sample_data``) of this installation."""
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    beside = _PACKAGE.parent / name
    if beside.is_dir():
        return beside
    raise FileNotFoundError(f"netcli is installed without its {name}/ folder")
