"""Start-up stays light: heavy modules load only inside the commands that use them."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = (
    "openpyxl",
    "python_calamine",
    "pandas",
    "dateutil",
    "sqlite_utils",
    "rapidfuzz",
    "docx",
    "lxml",
)


def _imported(args: list[str], tmp_path) -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "netcli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    names = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["--help"],
        ["--db", "{db}", "member", "list", "--format", "json"],
        ["--db", "{db}", "member", "add", "นายประกิจ เสาร์แก้ว", "--province", "เชียงใหม่"],
    ],
)
def test_no_heavy_module_at_start_up(args: list[str], tmp_path) -> None:
    args = [a.replace("{db}", str(tmp_path / "s.db")) for a in args]
    loaded = _imported(args, tmp_path)
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_version_loads_almost_nothing(tmp_path) -> None:
    loaded = _imported(["--version"], tmp_path)
    assert not loaded & {"typer", "click", "rich", "pythainlp", "geothai", "sqlite3"}
