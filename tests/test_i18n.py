"""Thai first, English on request (issue 16): the catalog, and the three screens of the issue.

The Thai catalog ``netcli/locale/th.po`` is generated like the README reference: every help
text of every command and option, every message marked ``_()`` in netcli, and every message
click and typer translate. Translations already written are kept; a new text arrives with an
empty ``msgstr`` and the test below names it. Regenerate (and compile ``th.mo``) with:

    python tests/test_i18n.py --write
"""

from __future__ import annotations

import ast
import importlib
import os
import re
import struct
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "netcli" / "locale" / "th.po"
MO = PO.with_suffix(".mo")
HEADER = (
    "Project-Id-Version: netcli\n"
    "Language: th\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "Plural-Forms: nplurals=1; plural=0;\n"
)
THAI = re.compile("[\u0e00-\u0e7f]")
# click's own words a Thai screen must not show (the issue: "every command-line usage error is
# English only").
BOILERPLATE = (
    "Usage:",
    "Options:",
    "Commands:",
    "Arguments:",
    "Show this message and exit",
    "Missing option",
    "Error:",
    "Try '",
    "for help",
    "[default:",
    "[required]",
)


# --- the catalog -----------------------------------------------------------------------------


def _calls(source: str, names: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The constant arguments of calls to ``names`` (``_("…")``, ``ngettext("…", "…", n)``)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name not in names:
            continue
        args = [a.value for a in node.args if isinstance(a, ast.Constant)]
        if args and all(isinstance(a, str) for a in args):
            found.append((node.lineno, *args))
    found.sort()
    return [tuple(f[1:]) for f in found]


def _library_messages() -> list[tuple[str, tuple[str, ...]]]:
    """What click and typer pass to gettext: (where, (msgid,) or (singular, plural))."""
    from netcli.cli import lang

    out = []
    for name in lang._MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # pragma: no cover
            continue
        for args in _calls(Path(module.__file__).read_text(encoding="utf-8"), ("_", "ngettext")):
            if args[0] and len(args[0]) > 1:  # click's _("d") is a strftime fragment
                out.append((name.split(".")[0], args[:2] if len(args) > 1 else args[:1]))
    return out


def _help_texts() -> list[tuple[str, str]]:
    """Every help text a help page can show: (where, msgid)."""
    import typer

    from netcli.cli.app import app
    from netcli.cli.lang import msgid

    out: list[tuple[str, str]] = []

    def walk(cmd, path: list[str]) -> None:
        where = " ".join(["netcli", *path])
        for attr in ("help", "short_help", "epilog"):
            text = msgid(cmd, attr)
            if text:
                out.append((where, text))
        for param in cmd.params:
            text = msgid(param, "help")
            if text and not getattr(param, "hidden", False):
                out.append((f"{where} {param.opts[0] if param.opts else param.name}", text))
        for name, sub in sorted((getattr(cmd, "commands", None) or {}).items()):
            walk(sub, [*path, name])  # hidden ones too: import's files shows in import --help

    walk(typer.main.get_command(app), [])
    return out


def _our_messages() -> list[tuple[str, tuple[str, ...]]]:
    out = []
    for path in sorted((ROOT / "netcli").rglob("*.py")):
        for args in _calls(path.read_text(encoding="utf-8"), ("_", "gettext", "ngettext")):
            out.append((path.relative_to(ROOT).as_posix(), args[:2]))
    return out


def _entries() -> list[tuple[list[str], tuple[str, ...]]]:
    """(references, msgid or (singular, plural)), each message id once, in a stable order."""
    seen: dict[tuple[str, ...], list[str]] = {}
    for where, text in _help_texts():
        seen.setdefault((text,), []).append(where)
    for where, key in _our_messages():
        seen.setdefault(key, []).append(where)
    for where, key in sorted(set(_library_messages()), key=lambda e: (e[0], e[1])):
        seen.setdefault(key, []).append(where)
    return [(refs, key) for key, refs in seen.items()]


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    return '"' + escaped.replace("\n", "\\n") + '"'


def _unquote(literal: str) -> str:
    body = literal.strip()[1:-1]
    return re.sub(r'\\(["\\nt])', lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), body)


def read_po(path: Path = PO) -> dict[tuple[str, ...], str]:
    """msgid (or (singular, plural)) -> msgstr, header left out."""
    catalog: dict[tuple[str, ...], str] = {}
    if not path.exists():
        return catalog
    fields: dict[str, str] = {}
    last = None

    def flush() -> None:
        if "msgid" in fields and fields["msgid"]:
            key = (fields["msgid"],)
            if "msgid_plural" in fields:
                key = (fields["msgid"], fields["msgid_plural"])
            catalog[key] = fields.get("msgstr", fields.get("msgstr[0]", ""))
        fields.clear()

    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if not line:
            flush()
            last = None
        elif line.startswith("#"):
            continue
        elif line.startswith('"') and last:
            fields[last] += _unquote(line)
        else:
            keyword, _, literal = line.partition(" ")
            last = keyword
            fields[keyword] = _unquote(literal)
    return catalog


def render_po(old: dict[tuple[str, ...], str]) -> str:
    lines = [
        "# Thai of netcli's help, messages, and click's and typer's own messages.",
        "# Generated by: python tests/test_i18n.py --write (translations are kept; fill the",
        '# empty msgstr "" of a new text, then run it again to compile th.mo).',
        'msgid ""',
        'msgstr ""',
        *(_quote(line + "\n") for line in HEADER.splitlines()),
        "",
    ]
    for refs, key in _entries():
        lines += [f"#: {ref}" for ref in refs[:3]]
        if len(refs) > 3:
            lines.append(f"#: … and {len(refs) - 3} more")
        lines.append(f"msgid {_quote(key[0])}")
        if len(key) > 1:
            lines.append(f"msgid_plural {_quote(key[1])}")
            lines.append(f"msgstr[0] {_quote(old.get(key, ''))}")
        else:
            lines.append(f"msgstr {_quote(old.get(key, ''))}")
        lines.append("")
    return "\n".join(lines)


def compile_mo(catalog: dict[tuple[str, ...], str]) -> bytes:
    """The GNU .mo file of ``catalog`` (translated entries and the header), byte-stable."""
    messages = {b"": HEADER.encode()}
    for key, text in catalog.items():
        if text:
            messages["\0".join(key).encode()] = text.encode()
    keys = sorted(messages)
    ids = strs = b""
    offsets = []
    for k in keys:
        offsets.append((len(ids), len(k), len(strs), len(messages[k])))
        ids += k + b"\0"
        strs += messages[k] + b"\0"
    key_start = 7 * 4 + 16 * len(keys)
    value_start = key_start + len(ids)
    table = [n for o1, l1, _o2, _l2 in offsets for n in (l1, o1 + key_start)]
    table += [n for _o1, _l1, o2, l2 in offsets for n in (l2, o2 + value_start)]
    head = struct.pack("<7I", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + 8 * len(keys), 0, 0)
    return head + struct.pack(f"<{len(table)}I", *table) + ids + strs


def test_catalog_is_current() -> None:
    assert PO.read_text(encoding="utf-8") == render_po(read_po()), (
        "run: python tests/test_i18n.py --write"
    )
    assert MO.read_bytes() == compile_mo(read_po()), "run: python tests/test_i18n.py --write"


def test_the_catalog_ships_with_the_package() -> None:
    """The installed package (a wheel under .ci/run) carries the compiled catalog."""
    from netcli.i18n import LOCALE_DIR

    assert (LOCALE_DIR / "th.mo").is_file() and (LOCALE_DIR / "th.po").is_file()


def test_every_text_has_thai() -> None:
    """A new command, option or message cannot ship without its Thai."""
    missing = [key[0] for key, text in read_po().items() if not text.strip()]
    assert not missing, f"no Thai yet in netcli/locale/th.po for: {missing[:20]}"


def test_translations_keep_the_placeholders() -> None:
    """A translation may leave a placeholder out, never bring one the code does not fill."""
    fields = re.compile(r"\{[^{}]*\}|%\([a-z]+\)s")
    for key, text in read_po().items():
        if text:
            assert set(fields.findall(text)) <= set(fields.findall(key[-1])), key


def test_help_texts_are_english_message_ids() -> None:
    """The source holds the English (the message id); its Thai lives in the catalog. Thai
    words may appear as values to type (ภาคเหนือตอนบน), never as the text itself."""
    for where, text in _help_texts():
        assert re.search(r"[A-Za-z]{3,}", text), f"{where}: {text!r} (write it in English)"
        assert not THAI.match(text), f"{where}: {text!r} (English first)"


# --- the three screens of the acceptance ----------------------------------------------------

SCREENS = (["--help"], ["member", "add", "--help"], ["export", "roster"])


@pytest.mark.parametrize("args", SCREENS, ids=" ".join)
def test_thai_by_default(cli, args: list[str]) -> None:
    run = cli(*args)
    text = run.stdout + run.stderr
    assert run.exit_code == (2 if "--help" not in args else 0), text
    assert THAI.search(text)
    for words in BOILERPLATE:
        assert words not in text, (words, text)


@pytest.mark.parametrize("args", SCREENS, ids=" ".join)
def test_english_with_lang_en(cli, args: list[str]) -> None:
    run = cli("--lang", "en", *args)
    text = run.stdout + run.stderr
    assert not THAI.search(text), text
    assert ("Usage:" in text) and ("Options:" in text or "Missing option" in text), text


def test_the_usage_error_in_both_languages(netcli_proc) -> None:
    """The real entry point: exit 2, Thai by default, English with NETCLI_LANG=en."""
    thai = netcli_proc("export", "roster")
    assert thai.exit_code == 2
    assert "ขาดตัวเลือก '--output' / '-o'" in thai.stderr, thai.stderr
    english = netcli_proc("export", "roster", env={"NETCLI_LANG": "en"})
    assert english.exit_code == 2
    assert "Error: Missing option '--output' / '-o'." in english.stderr, english.stderr
    assert not THAI.search(english.stderr)
    # --lang th wins over the environment
    both = netcli_proc("--lang", "th", "export", "roster", env={"NETCLI_LANG": "en"})
    assert "ขาดตัวเลือก" in both.stderr


def test_language_does_not_leak_between_runs(cli) -> None:
    assert "Usage:" in cli("--lang", "en", "--help").stdout
    assert "Usage:" not in cli("--help").stdout


def test_bad_root_option_speaks_the_asked_language(cli) -> None:
    run = cli("--lang", "en", "--no-such-option")
    assert run.exit_code == 2 and "No such option" in run.stderr, run.stderr


def test_errors_of_netcli_in_english(cli) -> None:
    thai = cli("member", "show", "999")
    english = cli("--lang", "en", "member", "show", "999")
    assert thai.exit_code == english.exit_code == 1
    assert THAI.search(thai.stderr)
    assert english.stderr.startswith("error: ") and not THAI.search(english.stderr), english.stderr
    # the data does not change with the language
    assert (
        cli("--lang", "en", "member", "show", "999", "-f", "json").stdout
        == cli("member", "show", "999", "-f", "json").stdout
    )


if __name__ == "__main__" and "--write" in sys.argv:
    sys.path.insert(0, str(ROOT))
    PO.parent.mkdir(parents=True, exist_ok=True)
    PO.write_text(render_po(read_po()), encoding="utf-8")
    MO.write_bytes(compile_mo(read_po()))
    left = [k[0] for k, v in read_po().items() if not v.strip()]
    print(f"{PO.relative_to(ROOT)} written; {len(left)} texts without Thai")


@pytest.mark.parametrize(
    ("message", "english"),
    [
        ("ไม่พบสมาชิก '9999' (no such member)", "No such member: '9999'"),
        ("ดูรายการด้วย netcli member list (list them)", "List them: netcli member list"),
        ("ไม่พบไฟล์ /tmp/a.xlsx (no such file)", "No such file: /tmp/a.xlsx"),
        ("ไม่พบสมาชิก 12 (no member 12)", "No member 12"),
        (
            "วันที่ 31 ไม่มีในเดือนกุมภาพันธ์ 2567 (เดือนนี้มี 29 วัน; February 2024 has 29 days)",
            "February 2024 has 29 days: 31, 2567",
        ),
        ("ชื่อว่าง (empty name)", "Empty name"),
        ("only English", "only English"),  # nothing to pick: unchanged
        ("ภาษาไทยอย่างเดียว", "ภาษาไทยอย่างเดียว"),
        # examples in parentheses are not the English of a Thai text: left as it is
        (
            "เบอร์มือถือ 10 หลัก (08x-xxx-xxxx) หรือเบอร์บ้าน 9 หลัก (02-xxx-xxxx, 053-xxx-xxx)",
            "เบอร์มือถือ 10 หลัก (08x-xxx-xxxx) หรือเบอร์บ้าน 9 หลัก (02-xxx-xxxx, 053-xxx-xxx)",
        ),
        (
            "เบอร์มือถือ 10 หลัก (08x-xxx-xxxx) หรือเบอร์บ้าน 9 หลัก (02-xxx-xxxx, 053-xxx-xxx)"
            " (10 digits for a mobile, 9 for a landline)",
            "10 digits for a mobile, 9 for a landline: 08x-xxx-xxxx, 02-xxx-xxxx, 053-xxx-xxx",
        ),
        # a dash between clauses is not a value
        ("ไม่มีเดือนที่ 13 — เดือนต้องอยู่ระหว่าง 1–12 (month 13 is not 1–12)", "Month 13 is not 1–12"),
        (
            "ภาคส่วน 'x' ไม่รู้จัก (unknown sector); ใช้ได้: ภาครัฐ ภาคเอกชน",
            "Unknown sector: 'x'; allowed: ภาครัฐ ภาคเอกชน",
        ),
        ("ดูรายการด้วย netcli member list", "List them: netcli member list"),
    ],
)
def test_a_thai_first_message_in_english(message: str, english: str) -> None:
    from netcli import i18n

    try:
        i18n.set_language("en")
        assert i18n.localized(message) == english
        i18n.set_language("th")
        assert i18n.localized(message) == message
    finally:
        i18n.set_language(None)


def test_lang_does_not_make_every_command_load(tmp_path) -> None:
    """``--lang en`` is a root option with a value: the noun after it is still the only one
    imported (start-up is paid by every command of a batch script)."""
    import subprocess

    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "netcli", "--lang", "en", "region", "list"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env={**os.environ, "NETCLI_DB": str(tmp_path / "t.db")},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "netcli.cli.member" not in proc.stderr and "netcli.cli.region" in proc.stderr
