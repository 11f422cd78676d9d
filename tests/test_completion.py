"""``netcli completion SHELL`` prints a script that really completes, through a real shell."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

NETCLI = [sys.executable, "-m", "netcli"]


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*NETCLI, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
        timeout=60,
    )


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_each_shell_gets_a_script(shell: str) -> None:
    run = _run("completion", shell)
    assert run.returncode == 0, run.stderr
    assert "_NETCLI_COMPLETE" in run.stdout


def test_unknown_shell_is_a_usage_error() -> None:
    run = _run("completion", "tcsh")
    assert run.returncode == 2
    assert "Traceback" not in run.stderr


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completes_nouns_and_verbs(tmp_path: Path) -> None:
    script = _run("completion", "bash").stdout
    # The script calls ``netcli``: put one on PATH that runs this Python's netcli.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "netcli"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m netcli "$@"\n')
    wrapper.chmod(0o755)
    (tmp_path / "complete.sh").write_text(script, encoding="utf-8")
    probe = (
        "source complete.sh\n"
        "COMP_WORDS=(netcli mem); COMP_CWORD=1; _netcli_completion netcli\n"
        'echo "1:${COMPREPLY[*]}"\n'
        "COMP_WORDS=(netcli member dup); COMP_CWORD=2; _netcli_completion netcli\n"
        'echo "2:${COMPREPLY[*]}"\n'
    )
    run = subprocess.run(
        ["bash", "-c", probe],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"},
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "1:member" in run.stdout
    assert "2:duplicates" in run.stdout
