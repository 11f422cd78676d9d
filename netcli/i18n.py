"""Thai first, English on request: the language of everything netcli says to a person.

Thai is the default. ``--lang en`` (a root option) or ``NETCLI_LANG=en`` switch to English.
The texts are written in English in the source (the gettext message ids, as translators
expect them); their Thai lives in the gettext catalog ``netcli/locale/th.po``, compiled to
``th.mo`` beside it (``python tests/test_i18n.py --write`` brings both up to date). The same
catalog holds the Thai of click's and typer's own messages ("Usage:", "Missing option" …).

JSON, CSV and error codes never change with the language; only what a person reads does.
"""

from __future__ import annotations

import os
import re
from gettext import GNUTranslations, NullTranslations
from pathlib import Path

LANGUAGES = ("th", "en")
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_language: str | None = None
_catalog: NullTranslations | None = None


def default_language() -> str:
    """``en`` when ``NETCLI_LANG`` says English (``en``, ``en_US.UTF-8`` …), else ``th``."""
    value = os.environ.get("NETCLI_LANG", "").strip().lower()
    return "en" if re.split(r"[_.@-]", value)[0] == "en" else "th"


def language() -> str:
    """The language in effect: ``th`` or ``en``."""
    global _language
    if _language is None:
        _language = default_language()
    return _language


def set_language(lang: str | None) -> None:
    """Speak ``lang`` from now on (``None``: back to the default of the environment)."""
    global _language
    _language = lang if lang in LANGUAGES else None


def _thai() -> NullTranslations:
    global _catalog
    if _catalog is None:
        try:
            with (LOCALE_DIR / "th.mo").open("rb") as fp:
                _catalog = GNUTranslations(fp)
        except OSError:  # pragma: no cover - a broken install: English rather than a crash
            _catalog = NullTranslations()
    return _catalog


def gettext(message: str) -> str:
    """``message`` (an English message id) in the current language."""
    if language() == "en" or not message:
        return message
    return _thai().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message for ``n`` in the current language (Thai has one form)."""
    if language() == "en":
        return singular if n == 1 else plural
    return _thai().ngettext(singular, plural, n)


_ = gettext

_THAI = re.compile("[\u0e00-\u0e7f]")
# "ไม่พบสมาชิก 12 (no member 12)": Thai first, the English in the last parentheses.
_BILINGUAL = re.compile(
    r"^(?P<th>.*?\S)\s*\((?P<en>[^()]*(?:\([^()]*\)[^()]*)*)\)(?P<tail>[.:]?)$", re.S
)


def localized(message: str) -> str:
    """A Thai-first message ``"ไทย (english)"`` as the current language shows it.

    Thai: unchanged (Thai first, English beside it). English: the English in the last
    parentheses, followed by the values the Thai part names (quoted text, numbers, files,
    dates, a ``netcli …`` command) so that nothing is lost: ``"ไม่พบสมาชิก '12' (no such
    member)"`` -> ``"No such member: '12'"``. A message without such English is unchanged.
    """
    if language() != "en" or not message:
        return message
    found = _BILINGUAL.match(message)
    if not found or not _THAI.search(found["th"]):
        return message
    parts = [p.strip() for p in found["en"].split(";")]
    english = "; ".join(p for p in parts if p and not _mostly_thai(p))
    if not re.search(r"[A-Za-z]{2}", english):
        return message
    values = [v for v in _values(found["th"]) if v.strip("'\"#") not in english]
    text = english[:1].upper() + english[1:]
    return (f"{text}: {', '.join(values)}" if values else text) + found["tail"]


def _mostly_thai(text: str) -> bool:
    return len(_THAI.findall(text)) >= len(re.findall(r"[A-Za-z]", text))


def _values(thai: str) -> list[str]:
    """The runs of words of a Thai sentence that are not Thai (values, paths, commands)."""
    runs: list[list[str]] = [[]]
    for token in re.findall(r"'[^']*'|\"[^\"]*\"|\S+", thai):
        if token[0] in "'\"" or not _THAI.search(token):
            runs[-1].append(token)
        elif runs[-1]:
            runs.append([])
    out = []
    for run in runs:
        value = " ".join(run).strip("(),;: ")
        if re.search(r"[A-Za-z0-9\u0e00-\u0e7f]", value):
            out.append(value)
    return out
