"""Thai personal names: title prefixes (คำนำหน้า), splitting, formatting and duplicate keys."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from netcli.errors import ValidationError
from netcli.thai.text import clean

# Written straight onto the first name: "นายประกิจ", "น.ส.ชไมพร" (product.md, person).
NO_SPACE_PREFIXES: tuple[str, ...] = (
    "นาย",
    "นาง",
    "นางสาว",
    "น.ส.",
    "ด.ช.",
    "ด.ญ.",
    "เด็กชาย",
    "เด็กหญิง",
)

_ACADEMIC = (
    "ดร.",
    "ผศ.",
    "รศ.",
    "ศ.",
    "ผศ.ดร.",
    "รศ.ดร.",
    "ศ.ดร.",
    "นพ.",
    "พญ.",
    "ทพ.",
    "ทพญ.",
    "ภก.",
    "ภญ.",
)
_RELIGIOUS = ("พระ", "พระครู", "พระมหา", "พระอธิการ", "สามเณร", "ส.ณ.", "แม่ชี")
# Army, police, navy and air-force ranks as they are abbreviated on rosters.
_RANK_ABBREVIATIONS = (
    "พล.อ.", "พล.ท.", "พล.ต.", "พ.อ.", "พ.ท.", "พ.ต.", "ร.อ.", "ร.ท.", "ร.ต.",
    "จ.ส.อ.", "จ.ส.ท.", "จ.ส.ต.", "ส.อ.", "ส.ท.", "ส.ต.",
    "พล.ต.อ.", "พล.ต.ท.", "พล.ต.ต.", "พ.ต.อ.", "พ.ต.ท.", "พ.ต.ต.",
    "ร.ต.อ.", "ร.ต.ท.", "ร.ต.ต.", "ด.ต.", "ส.ต.อ.", "ส.ต.ท.", "ส.ต.ต.",
    "พล.ร.อ.", "พล.ร.ท.", "พล.ร.ต.", "น.อ.", "น.ท.", "น.ต.",
    "พ.จ.อ.", "พ.จ.ท.", "พ.จ.ต.", "จ.อ.", "จ.ท.", "จ.ต.",
    "พล.อ.อ.", "พล.อ.ท.", "พล.อ.ต.", "พ.อ.อ.", "พ.อ.ท.", "พ.อ.ต.",
)  # fmt: skip
_RANK_WORDS = (
    "ร้อยตรี", "ร้อยโท", "ร้อยเอก", "พันตรี", "พันโท", "พันเอก", "พลตรี", "พลโท", "พลเอก",
    "จ่าสิบตรี", "จ่าสิบโท", "จ่าสิบเอก", "สิบตรี", "สิบโท", "สิบเอก",
    "พลตำรวจเอก", "พลตำรวจโท", "พลตำรวจตรี", "พันตำรวจเอก", "พันตำรวจโท", "พันตำรวจตรี",
    "ร้อยตำรวจเอก", "ร้อยตำรวจโท", "ร้อยตำรวจตรี", "ดาบตำรวจ", "จ่าสิบตำรวจ",
    "สิบตำรวจเอก", "สิบตำรวจโท", "สิบตำรวจตรี",
)  # fmt: skip
# Women officers carry หญิง after the rank ("ร.ต.หญิง", "พันเอกหญิง").
_RANKS_FEMALE = tuple(f"{r}หญิง" for r in _RANK_ABBREVIATIONS + _RANK_WORDS)
# ว่าที่ (acting, a reserve-officer title) goes with any rank: "ว่าที่ ร.ต." but "ว่าที่ร้อยตรี".
_ACTING = tuple(
    f"ว่าที่ {r}" if r[-1] == "." or ".หญิง" in r else f"ว่าที่{r}"
    for r in _RANK_ABBREVIATIONS + _RANK_WORDS + _RANKS_FEMALE
)
_ENGLISH = ("Mr.", "Mrs.", "Ms.", "Miss", "Dr.")

PREFIXES: tuple[str, ...] = tuple(
    dict.fromkeys(
        NO_SPACE_PREFIXES
        + _ACADEMIC
        + _RELIGIOUS
        + _RANK_ABBREVIATIONS
        + _RANK_WORDS
        + _RANKS_FEMALE
        + _ACTING
        + _ENGLISH
    )
)
"""Every title prefix netcli recognises, in its canonical spelling and spacing."""

_NO_SPACE = frozenset(NO_SPACE_PREFIXES)

# Thai letters that cannot begin a word: following vowels, ฯ and ๆ. A "prefix" followed by one
# of these is really the start of a name ("นางา…" is not นาง + "า…").
_NOT_WORD_START = frozenset("ะาำๅฯๆ")
_SPACES = re.compile(r"\s+")
_KEY_DROP = re.compile(r"[\s.\-'’]+")


@dataclass(frozen=True)
class ParsedName:
    """A full name split into prefix (canonical spelling, or None), first and last name."""

    prefix: str | None
    first_name: str
    last_name: str | None


def _compact(text: str) -> str:
    return _SPACES.sub("", text).casefold()


def _prefix_pattern(prefix: str) -> re.Pattern[str]:
    """Regex for one canonical prefix as people write it, anchored at the start.

    Spaces are optional after a dot and where the canonical form has a space ("ว่าที่ร.ต." is
    "ว่าที่ ร.ต."). The final dot may be left out only when a space follows and the prefix is
    Latin or has inner dots ("น.ส ชไมพร", "Mr John"); a bare "ดร" could be a name.
    """
    parts: list[str] = []
    body = prefix[:-1] if prefix.endswith(".") else prefix
    for ch in body:
        if ch == " ":
            parts.append(r"\s*")
        elif ch == ".":
            parts.append(r"\.\s*")
        else:
            parts.append(re.escape(ch))
    latin = prefix[0].isascii()
    if prefix.endswith("."):
        if latin or "." in body:
            parts.append(r"(?:\.|(?=\s))")
        else:
            parts.append(r"\.")
    elif latin:
        parts.append(r"(?:\.|(?=\s))")
    return re.compile("".join(parts), re.IGNORECASE)


@lru_cache(maxsize=1)
def _matchers() -> dict[str, tuple[tuple[str, re.Pattern[str]], ...]]:
    """Patterns grouped by first (case-folded) character, longest canonical prefix first."""
    grouped: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for p in sorted(PREFIXES, key=lambda p: len(_compact(p)), reverse=True):
        grouped.setdefault(p[0].casefold(), []).append((p, _prefix_pattern(p)))
    return {k: tuple(v) for k, v in grouped.items()}


@lru_cache(maxsize=1)
def _prefix_forms() -> dict[str, str]:
    """Compact written forms of a prefix standing alone (a คำนำหน้า column) → canonical."""
    forms: dict[str, str] = {}
    for p in PREFIXES:
        forms[_compact(p)] = p
        if p.endswith(".") and (p.isascii() or "." in p[:-1]):
            forms.setdefault(_compact(p[:-1]), p)
    return forms


@lru_cache(maxsize=1)
def _longest_form() -> int:
    return max(len(form) for form in _prefix_forms())


def _can_start_word(ch: str) -> bool:
    return ch not in _NOT_WORD_START and unicodedata.category(ch).startswith("L")


@lru_cache(maxsize=1)
def _combined() -> dict[str, tuple[re.Pattern[str], tuple[str, ...]]]:
    """Per first character, the prefix patterns as one alternation in the same order.

    ``re`` tries alternatives left to right and keeps the first that matches at position 0,
    which is the first pattern the one-by-one loop of ``_match_prefix`` would find: one match
    instead of up to 150 ("ว่าที่ …" has that many ranks). Each alternative is one group, so
    ``lastindex`` says which prefix matched (the patterns themselves capture nothing).
    """
    out: dict[str, tuple[re.Pattern[str], tuple[str, ...]]] = {}
    for first, items in _matchers().items():
        regex = re.compile("|".join(f"({p.pattern})" for _, p in items), re.IGNORECASE)
        out[first] = (regex, tuple(canonical for canonical, _ in items))
    return out


def _match_prefix(text: str) -> tuple[str | None, str]:
    """Split cleaned *text* into (canonical prefix or None, the rest). Longest prefix wins."""
    if not text:
        return None, text
    first = text[0].casefold()
    entry = _combined().get(first)
    if entry is None:
        return None, text
    m = entry[0].match(text)
    if m is None:
        return None, text  # no pattern of this letter matches at all
    index = m.lastindex - 1 if m.lastindex else 0
    rest = text[m.end() :].lstrip()
    # A prefix needs a name after it, and that name must be able to start a word.
    if rest and _can_start_word(rest[0]):
        return entry[1][index], rest
    # The first matching prefix leaves no name (rare): go on one pattern at a time after it.
    for canonical, pattern in _matchers()[first][index + 1 :]:
        m = pattern.match(text)
        if m is None:
            continue
        rest = text[m.end() :].lstrip()
        if rest and _can_start_word(rest[0]):
            return canonical, rest
    return None, text


def _match_prefix_slow(text: str) -> tuple[str | None, str]:
    """``_match_prefix`` one pattern at a time: the reference the fast path is tested against."""
    if not text:
        return None, text
    for canonical, pattern in _matchers().get(text[0].casefold(), ()):
        m = pattern.match(text)
        if m is None:
            continue
        rest = text[m.end() :].lstrip()
        if rest and _can_start_word(rest[0]):
            return canonical, rest
    return None, text


def normalize_prefix(text: str | None) -> str | None:
    """Canonical form of a prefix written on its own ("ว่าที่ร.ต." → "ว่าที่ ร.ต."), else cleaned text.

    Returns None for a blank value. Unknown prefixes are kept as written (cleaned).
    """
    if text is None:
        return None
    return _normalize_prefix(text)


@lru_cache(maxsize=1024)
def _normalize_prefix(text: str) -> str | None:
    # A roster repeats a handful of prefixes (and format_name passes canonical ones back in).
    cleaned = clean(text)
    if not cleaned:
        return None
    return _prefix_forms().get(_compact(cleaned), cleaned)


@lru_cache(maxsize=4096)
def _split(cleaned: str) -> ParsedName:
    if not cleaned:
        raise ValidationError("ชื่อว่าง (empty name)", code="bad-name", field="name", value=cleaned)
    # A prefix alone: only possible when the text, spaces aside, is no longer than the longest
    # prefix form (case folding never shortens text), which skips the check for most names.
    # Whitespace other than " " is never printable: such text gets the full check.
    if (
        not cleaned.isprintable() or len(cleaned) - cleaned.count(" ") <= _longest_form()
    ) and _compact(cleaned) in _prefix_forms():
        raise ValidationError(
            f"'{cleaned}' มีแต่คำนำหน้า ไม่มีชื่อ (prefix without a name)",
            code="bad-name",
            field="name",
            value=cleaned,
            hint="เขียนชื่อต่อจากคำนำหน้า เช่น 'นายประกิจ เสาร์แก้ว'",
        )
    prefix, rest = _match_prefix(cleaned)
    first, _, last = rest.partition(" ")
    if not any(ch.isalpha() for ch in first):
        raise ValidationError(
            f"'{cleaned}' ไม่ใช่ชื่อคน (no letters in the first name)",
            code="bad-name",
            field="name",
            value=cleaned,
        )
    return ParsedName(prefix, first, last or None)


def split_name(full: str) -> ParsedName:
    """Split a full name such as "นายประกิจ เสาร์แก้ว" into prefix, first and last name.

    The prefix comes back in canonical spelling ("ว่าที่ร.ต." → "ว่าที่ ร.ต."; "น.ส." stays "น.ส.").
    First and last name split at the first space; further words belong to the last name
    ("สมชาย ณ อยุธยา" → last name "ณ อยุธยา"). Raises ValidationError(field="name") for a
    blank value, a prefix alone, or a first name without letters.
    """
    return _split(clean(full))


def split_cleaned(cleaned: str) -> ParsedName:
    """``split_name`` of text that already went through ``clean()`` (a fixed point of it).

    Saves cleaning the same string twice on the import path; same result as ``split_name``.
    """
    return _split(cleaned)


def format_name(prefix: str | None, first_name: str, last_name: str | None = None) -> str:
    """Write a name the Thai way: "นายประกิจ เสาร์แก้ว", "ว่าที่ ร.ต. เกรียงไกร สมคิด".

    No space after นาย/นาง/นางสาว/น.ส./ด.ช./ด.ญ./เด็กชาย/เด็กหญิง; a space after other prefixes.
    When gluing would read back as another prefix (นาง + "สาวคำ" → "นางสาวคำ"), a space is
    kept so that the written name splits back to the same parts.
    """
    canonical = normalize_prefix(prefix)
    first = clean(first_name)
    last = clean(last_name) if last_name else ""
    name = f"{first} {last}" if last else first
    if canonical is None or not name:
        return name or (canonical or "")
    if canonical in _NO_SPACE:
        glued = canonical + name
        if _match_prefix(glued)[0] == canonical:
            return glued
    return f"{canonical} {name}"


def name_key(first_name: str, last_name: str | None = None) -> str:
    """Key for duplicate detection: ignores prefix, spaces, dots, hyphens, invisible chars, case."""
    joined = _KEY_DROP.sub("", clean(f"{first_name} {last_name or ''}"))
    # Clean again once the spaces are gone: "เ เ" typed across a gap must equal "เเ" → "แ".
    return clean(joined).casefold()
