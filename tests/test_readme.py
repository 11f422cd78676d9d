"""The README's command reference is generated from ``--help``; this keeps it current.

Regenerate with: python tests/test_readme.py --write
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
# The reference in each language: Thai (the default) and English (--lang en).
MARKERS = {
    "th": ("<!-- reference-th:start -->", "<!-- reference-th:end -->"),
    "en": ("<!-- reference:start -->", "<!-- reference:end -->"),
}


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


def reference(lang: str) -> str:
    import typer
    from click.testing import CliRunner

    from netcli.cli.app import app

    root = typer.main.get_command(app)  # once: typer's runner would rebuild it for every path
    runner = CliRunner()
    parts = []
    for path in _command_paths(root):
        result = runner.invoke(
            root,
            ["--lang", lang, *path, "--help"],
            env={"COLUMNS": "100", "TERM": "dumb"},
            terminal_width=100,
        )
        text = re.sub(r"[ \t]+\n", "\n", result.stdout).strip()
        title = " ".join(["netcli", *path])
        parts.append(f"### `{title}`\n\n```text\n{text}\n```\n")
    return "\n".join(parts)


def _current_section(lang: str) -> str:
    start, end = MARKERS[lang]
    text = README.read_text(encoding="utf-8")
    return text[text.index(start) + len(start) : text.index(end)].strip()


@pytest.mark.parametrize("lang", sorted(MARKERS))
def test_readme_reference_is_current(lang: str) -> None:
    assert _current_section(lang) == reference(lang).strip(), (
        "run: python tests/test_readme.py --write"
    )


def test_the_two_references_differ_in_language() -> None:
    thai = re.compile("[\u0e00-\u0e7f]")
    assert "วิธีใช้:" in _current_section("th") and "Usage:" not in _current_section("th")
    english = _current_section("en")
    assert "Usage:" in english
    # Thai in the English reference only as values to type (examples), never as help text.
    assert not thai.search(english.split("### `netcli calendar`")[0])


def test_readme_has_the_two_setup_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert "netcli --db demo.db demo" in text
    assert ".venv/bin/pytest" in text


if __name__ == "__main__" and "--write" in sys.argv:
    text = README.read_text(encoding="utf-8")
    for lang, (start, end) in MARKERS.items():
        head, tail = text[: text.index(start) + len(start)], text[text.index(end) :]
        text = f"{head}\n\n{reference(lang).strip()}\n\n{tail}"
    README.write_text(text, encoding="utf-8")
    print("README.md reference updated (Thai and English)")
