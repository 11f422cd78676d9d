"""The README's command reference is generated from ``--help``; this keeps it current.

Regenerate with: python tests/test_readme.py --write
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- reference:start -->", "<!-- reference:end -->"


def _command_paths(root) -> list[list[str]]:
    paths: list[list[str]] = []

    def walk(cmd, path: list[str]) -> None:
        paths.append(path)
        for name in sorted(getattr(cmd, "commands", {}) or {}):
            sub = cmd.commands[name]
            if getattr(sub, "hidden", False):
                continue
            walk(sub, [*path, name])

    walk(root, [])
    return paths


def reference() -> str:
    import typer
    from click.testing import CliRunner

    from netcli.cli.app import app

    root = typer.main.get_command(app)  # once: typer's runner would rebuild it for every path
    runner = CliRunner()
    parts = []
    for path in _command_paths(root):
        result = runner.invoke(
            root, [*path, "--help"], env={"COLUMNS": "100", "TERM": "dumb"}, terminal_width=100
        )
        text = re.sub(r"[ \t]+\n", "\n", result.stdout).strip()
        title = " ".join(["netcli", *path])
        parts.append(f"### `{title}`\n\n```text\n{text}\n```\n")
    return "\n".join(parts)


def _current_section() -> str:
    text = README.read_text(encoding="utf-8")
    return text[text.index(START) + len(START) : text.index(END)].strip()


def test_readme_reference_is_current() -> None:
    assert _current_section() == reference().strip(), "run: python tests/test_readme.py --write"


def test_readme_has_the_two_setup_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert "netcli --db demo.db demo" in text
    assert ".venv/bin/pytest" in text


if __name__ == "__main__" and "--write" in sys.argv:
    text = README.read_text(encoding="utf-8")
    head, tail = text[: text.index(START) + len(START)], text[text.index(END) :]
    README.write_text(f"{head}\n\n{reference().strip()}\n\n{tail}", encoding="utf-8")
    print("README.md reference updated")
