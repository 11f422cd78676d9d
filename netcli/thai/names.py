"""Thai personal names: title prefixes (คำนำหน้า), splitting, formatting and duplicate keys."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from netcli.errors import ValidationError
from netcli.thai import titles as _titles
from netcli.thai.text import clean

# Written straight onto the first name: "นายประกิจ", "น.ส.ชไมพร" (product.md, person).
NO_SPACE_PREFIXES: tuple[str, ...] = _titles.CIVIL_TITLES

PREFIXES: tuple[str, ...] = tuple(
    dict.fromkeys(title for titles in _titles.CLASSES.values() for title in titles)
)
"""Every title prefix netcli recognises, in its canonical spelling and spacing (titles.py)."""

UNKNOWN_TITLE_WARNING = "คำนำหน้า '{prefix}' ไม่อยู่ในรายการคำนำหน้าที่รู้จัก — เก็บเป็นคำนำหน้าตามที่เขียน (unknown title kept as written)"
_GLUED = _titles.GLUED

# Thai letters that cannot begin a word: following vowels, ฯ and ๆ. A "prefix" followed by one
# of these is really the start of a name ("นางา…" is not นาง + "า…").
_NOT_WORD_START = frozenset("ะาำๅฯๆ")
_SPACES = re.compile(r"\s+")
_KEY_DROP = re.compile(r"[\s.\-'’]+")


@dataclass(frozen=True)
class ParsedName:
    """A full name split into prefix (canonical spelling, or None), first and last name.

    ``warning`` is set when the prefix is a leading word that looks like a title but is not in
    the title list: it is kept as written in ``prefix`` (never pushed into the first name) and
    the caller passes the warning on to the person (members.prepare adds it to its warnings).
    """

    prefix: str | None
    first_name: str
    last_name: str | None
    warning: str | None = None


def _compact(text: str) -> str:
    return _SPACES.sub("", text).casefold()


# Letters a glued name can start with after a dotted civil title missing its last dot
# ("น.สกฤษยากร" is น.ส. + กฤษยากร): consonants and leading vowels.
_GLUED_NAME_START = "[\u0e01-\u0e2e\u0e40-\u0e44]"
_SPECIAL = r"\s*(?:\(\s*พิเศษ\s*\)|พิเศษ)"


def _prefix_pattern(prefix: str) -> re.Pattern[str]:
    """Regex for one written form of a title as people write it, anchored at the start.

    Spaces are optional after a dot, where the canonical form has a space ("ว่าที่ร.ต." is
    "ว่าที่ ร.ต."), after ว่าที่ ("ว่าที่ ร้อยตรี") and before "(พิเศษ)", which may also be
    written without brackets. The final dot may be left out only when a space follows and the
    prefix is Latin or has inner dots ("น.ส ชไมพร", "Mr John"); a bare "ดร" could be a name.
    A Latin title may also be glued to a Thai name ("Missสมศรี"): the script changes there.
    A dotted civil title may also lose its final dot before a glued name ("น.สกฤษยากร").
    Titles that begin real given names (คุณ → คุณวุฒิ) need a space after them.
    """
    parts: list[str] = []
    body = prefix[:-1] if prefix.endswith(".") else prefix
    special = body.endswith("(พิเศษ)")
    if special:
        body = body[: -len("(พิเศษ)")]
    if body.startswith("ว่าที่"):
        parts.append(r"ว่าที่\s*")
        body = body[len("ว่าที่") :].lstrip()
    for ch in body:
        if ch == " ":
            parts.append(r"\s*")
        elif ch == ".":
            parts.append(r"\.\s*")
        else:
            parts.append(re.escape(ch))
    latin = prefix[0].isascii()
    if special:
        parts.append(_SPECIAL)
    elif prefix.endswith("."):
        if prefix in _titles.CIVIL_TITLES and "." in body:
            parts.append(f"(?:\\.|(?=\\s)|(?={_GLUED_NAME_START}))")
        elif latin:
            # Latin letters then Thai ones ("Missสมศรี"): the change of script ends the title.
            parts.append(f"(?:\\.|(?=\\s)|(?={_GLUED_NAME_START}))")
        elif "." in body:
            parts.append(r"(?:\.|(?=\s))")
        else:
            parts.append(r"\.")
    elif latin:
        parts.append(f"(?:\\.|(?=\\s)|(?={_GLUED_NAME_START}))")
    if prefix in _titles.NEED_SPACE:
        parts.append(r"(?=\s)")
    return re.compile("".join(parts), re.IGNORECASE)


@lru_cache(maxsize=1)
def _written_forms() -> dict[str, str]:
    """Every written form netcli matches → its canonical title (the titles and their aliases)."""
    forms = {p: p for p in PREFIXES}
    for alias, canonical in _titles.ALIASES.items():
        forms.setdefault(alias, canonical)
    return forms


_ACTING = "ว่าที่"
_RANK_ONLY = frozenset({_titles.RANK})


def _key2(text: str) -> str:
    return text[:2].casefold()


@lru_cache(maxsize=1)
def _matchers() -> dict[str, tuple[tuple[str, re.Pattern[str]], ...]]:
    """Patterns grouped by their first two (case-folded) characters, longest written form first.

    No form has a space or an optional part in its first two characters, so the text's first two
    characters pick the only group that can match (a few dozen forms rather than hundreds).
    """
    grouped: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    forms = _written_forms()
    for form in sorted(forms, key=lambda p: len(_compact(p)), reverse=True):
        if form.startswith(_ACTING):
            continue  # read as ว่าที่ + a rank (_step): hundreds of alternatives otherwise
        grouped.setdefault(_key2(form), []).append((forms[form], _prefix_pattern(form)))
    return {k: tuple(v) for k, v in grouped.items()}


@lru_cache(maxsize=1)
def _prefix_forms() -> dict[str, str]:
    """Compact written forms of a prefix standing alone (a คำนำหน้า column) → canonical."""
    forms: dict[str, str] = {}
    for p, canonical in _written_forms().items():
        forms.setdefault(_compact(p), canonical)
        if p.endswith(".") and (p.isascii() or "." in p[:-1]):
            forms.setdefault(_compact(p[:-1]), canonical)
        if p.endswith("(พิเศษ)"):
            forms.setdefault(_compact(p[: -len("(พิเศษ)")] + "พิเศษ"), canonical)
    return forms


@lru_cache(maxsize=1)
def _longest_form() -> int:
    return max(len(form) for form in _prefix_forms())


def _can_start_word(ch: str) -> bool:
    return ch not in _NOT_WORD_START and unicodedata.category(ch).startswith("L")


@lru_cache(maxsize=1)
def _combined() -> dict[str, tuple[re.Pattern[str], tuple[str, ...]]]:
    """Per first two characters, the prefix patterns as one alternation in the same order.

    ``re`` tries alternatives left to right and keeps the first that matches at position 0,
    which is the first pattern the one-by-one loop of ``_step_slow`` would find: one match
    instead of hundreds ("ว่าที่ …" has that many ranks). Each alternative is one group, so
    ``lastindex`` says which prefix matched (the patterns themselves capture nothing).
    """
    out: dict[str, tuple[re.Pattern[str], tuple[str, ...]]] = {}
    for first, items in _matchers().items():
        regex = re.compile("|".join(f"({p.pattern})" for _, p in items), re.IGNORECASE)
        out[first] = (regex, tuple(canonical for canonical, _ in items))
    return out


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """Thai given names from pythainlp's public corpus (read as files: no pythainlp import)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("pythainlp")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    corpus = Path(next(iter(spec.submodule_search_locations))) / "corpus"
    names: set[str] = set()
    for file in ("person_names_male_th.txt", "person_names_female_th.txt"):
        try:
            names.update(w.strip() for w in (corpus / file).read_text("utf-8").splitlines())
        except OSError:
            continue
    return frozenset(names)


def _soft_glue_ok(text: str, end: int) -> bool:
    """A glued คุณ/ครู is a title only when the rest is a known given name and the whole word
    is not ("คุณสมศรี" = คุณ + สมศรี; "คุณวุฒิ" is a name)."""
    if end >= len(text) or text[end].isspace():
        return True
    word = text.split(" ", 1)[0]
    rest = word[end:]
    names = _given_names()
    return rest in names and word not in names and word not in _titles.NAMES_LIKE_TITLES


def _fits(canonical: str, text: str, end: int, rest: str, allowed: frozenset[str] | None) -> bool:
    # A title needs a name (or a further title) after it that can start a word, and in a stack
    # it must be of a class that may follow the title before it.
    return (
        bool(rest)
        and _can_start_word(rest[0])
        and (allowed is None or _titles.CLASS_OF[canonical] in allowed)
        and (canonical not in _titles.SOFT_GLUE or _soft_glue_ok(text, end))
    )


def _acting(
    text: str,
    allowed: frozenset[str] | None,
    find: Callable[[str, frozenset[str] | None], tuple[str, str] | None],
) -> tuple[str, str] | None:
    """ว่าที่ (acting) + a rank, with or without a space: "ว่าที่ ร.ต.", "ว่าที่ร้อยตรี"."""
    if allowed is not None and _titles.RANK not in allowed:
        return None
    after = text[len(_ACTING) :].lstrip()
    found = find(after, _RANK_ONLY) if after else None
    if found is None:
        return None
    canonical = _titles.acting(found[0])
    return (canonical, found[1]) if canonical in _titles.CLASS_OF else None


def _step_from(text: str, allowed: frozenset[str] | None, start: int = 0) -> tuple[str, str] | None:
    if start == 0 and text.startswith(_ACTING):
        return _acting(text, allowed, _step_from)
    for canonical, pattern in _matchers().get(_key2(text), ())[start:]:
        m = pattern.match(text)
        if m is None:
            continue
        rest = text[m.end() :].lstrip()
        if _fits(canonical, text, m.end(), rest, allowed):
            return canonical, rest
    return None


def _step_fast(text: str, allowed: frozenset[str] | None) -> tuple[str, str] | None:
    """One title at the start of *text*: (canonical, the rest), or None. Longest form wins."""
    if text.startswith(_ACTING):
        return _acting(text, allowed, _step_fast)
    entry = _combined().get(_key2(text))
    if entry is None:
        return None
    m = entry[0].match(text)
    if m is None:
        return None  # no pattern of this letter matches at all
    index = m.lastindex - 1 if m.lastindex else 0
    canonical = entry[1][index]
    rest = text[m.end() :].lstrip()
    if _fits(canonical, text, m.end(), rest, allowed):
        return canonical, rest
    # The first matching form leaves no name or does not stack (rare): go on one at a time.
    return _step_from(text, allowed, index + 1)


def _join(parts: list[str]) -> str:
    """A stack of titles in one canonical form: "ผศ.ดร.", "พล.อ.ดร.", "พลเอก ดร."."""
    out = parts[0]
    for part in parts[1:]:
        glue = out.endswith(".") and "." in part
        out = f"{out}{part}" if glue else f"{out} {part}"
    return out


def _stack(
    text: str, step: Callable[[str, frozenset[str] | None], tuple[str, str] | None]
) -> tuple[str | None, str, frozenset[str]]:
    """(joined prefix or None, the rest, the classes that could still have followed)."""
    if not text:
        return None, text, frozenset()
    parts: list[str] = []
    rest = text
    allowed: frozenset[str] | None = None
    while rest and len(parts) < _titles.MAX_STACK:
        found = step(rest, allowed)
        if found is None:
            break
        canonical, rest = found
        parts.append(canonical)
        allowed = _titles.STACKS_AFTER[_titles.CLASS_OF[canonical]]
        if not allowed:
            break
    if not parts:
        return None, text, frozenset()
    return _join(parts), rest, allowed or frozenset()


def _match_prefix(text: str) -> tuple[str | None, str]:
    """Split cleaned *text* into (canonical prefix or None, the rest). Longest title wins, and
    titles that stack ("พล.อ.ดร.", "นายแพทย์ ม.ล.") are taken together."""
    return _stack(text, _step_fast)[:2]


def _match_prefix_slow(text: str) -> tuple[str | None, str]:
    """``_match_prefix`` one pattern at a time: the reference the fast path is tested against."""
    return _stack(text, _step_from)[:2]


# A leading word that looks like a title but is not in the list. Dotted abbreviations are
# never part of a Thai name ("อส.", "ผญบ."); a first word that starts like a title or ends
# like a rank counts only before two more words (else it is a plain first and last name), and
# not before ณ ("สมชาย ณ อยุธยา").
_UNKNOWN_DOTTED = re.compile(r"(?:[\u0E01-\u0E2E][\u0E01-\u0E4E]{0,3}\.\s*)+")
_UNKNOWN_WORD = re.compile(
    r"^(?:ว่าที่|พระ|หม่อม|ท่าน|สมเด็จ|เจ้า|คุณ|แม่|บาทหลวง|อาจารย์|ศาสตราจารย์|แพทย์|ทันต"
    r"|เภสัช|สัตว|นักเรียน|ครู|หลวง|ขุน|จอม|ดาบ|โต๊ะ|ฮัจ|ผู้ใหญ่|กำนัน|สารวัตร|ผู้ช่วย|ผู้อำนวยการ).+"
    r"|.+(?:เอก|โท|ตรี|จัตวา|หญิง|พิเศษ\)?)$"
)


def _unknown_title(cleaned: str) -> tuple[str, str] | None:
    """(title as written, the rest) for a leading word that looks like an unknown title."""
    m = _UNKNOWN_DOTTED.match(cleaned)
    if m is not None:
        rest = cleaned[m.end() :].lstrip()
        if rest and _can_start_word(rest[0]):
            return _SPACES.sub(" ", m.group()).strip(), rest
        return None
    words = cleaned.split(" ", 3)
    if len(words) >= 3 and words[1] != "ณ" and _UNKNOWN_WORD.match(words[0]):
        rest = cleaned[len(words[0]) :].lstrip()
        if _can_start_word(rest[0]):
            return words[0], rest
    return None


def normalize_prefix(text: str | None) -> str | None:
    """Canonical form of a prefix written on its own ("ว่าที่ร.ต." → "ว่าที่ ร.ต."), else cleaned text.

    Stacked titles come back in their canonical joined form ("พล.อ. ดร." → "พล.อ.ดร.").
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
    found = _prefix_forms().get(_compact(cleaned))
    if found is not None:
        return found
    # A stack of titles: it must be read whole, with a name after it.
    prefix, rest = _match_prefix(f"{cleaned} ก")
    return prefix if prefix is not None and rest == "ก" else cleaned


def is_known_prefix(text: str | None) -> bool:
    """True when *text* is a title (or a stack of titles) in netcli's list."""
    if text is None or not clean(text):
        return False
    canonical = normalize_prefix(text)
    return canonical in _titles.CLASS_OF or _match_prefix(f"{canonical} ก")[1] == "ก"


def _refuse_prefix_alone(cleaned: str) -> ValidationError:
    return ValidationError(
        f"'{cleaned}' มีแต่คำนำหน้า ไม่มีชื่อ (prefix without a name)",
        code="bad-name",
        field="name",
        value=cleaned,
        hint="เขียนชื่อต่อจากคำนำหน้า เช่น 'นายประกิจ เสาร์แก้ว'"
        " (write the name after the title, e.g. 'นายประกิจ เสาร์แก้ว')",
    )


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
        raise _refuse_prefix_alone(cleaned)
    prefix, rest, could_follow = _stack(cleaned, _step_fast)
    return _finish_split(cleaned, prefix, rest, could_follow)


def _finish_split(
    cleaned: str, prefix: str | None, rest: str, could_follow: frozenset[str]
) -> ParsedName:
    warning = None
    if prefix is None:
        unknown = _unknown_title(cleaned)
        if unknown is not None:
            prefix, rest = unknown
            warning = UNKNOWN_TITLE_WARNING.format(prefix=prefix)
    elif could_follow and len(rest) <= _longest_form():
        # "พลเอก ดร.": a title that would have stacked, and no name after it.
        alone = _prefix_forms().get(_compact(rest))
        if alone is not None and _titles.CLASS_OF.get(alone) in could_follow:
            raise _refuse_prefix_alone(cleaned)
    first, _, last = rest.partition(" ")
    if not first[:1].isalpha() and not any(ch.isalpha() for ch in first):
        raise ValidationError(
            f"'{cleaned}' ไม่ใช่ชื่อคน (no letters in the first name)",
            code="bad-name",
            field="name",
            value=cleaned,
        )
    return ParsedName(prefix, first, last or None, warning)


def split_name(full: str) -> ParsedName:
    """Split a full name such as "นายประกิจ เสาร์แก้ว" into prefix, first and last name.

    The prefix comes back in canonical spelling ("ว่าที่ร.ต." → "ว่าที่ ร.ต."; "น.ส." stays "น.ส.";
    "น.พ." → "นพ."), stacked titles whole ("พล.อ. ดร." → "พล.อ.ดร."). First and last name split
    at the first space; further words belong to the last name ("สมชาย ณ อยุธยา" → last name
    "ณ อยุธยา"). A leading word that looks like a title but is not known ("อส.", "คุณครู")
    is kept as written in ``prefix`` and ``warning`` says so. Raises ValidationError(field="name")
    for a blank value, a prefix alone, or a first name without letters.
    """
    return _split(clean(full))


def split_cleaned(cleaned: str) -> ParsedName:
    """``split_name`` of text that already went through ``clean()`` (a fixed point of it).

    Saves cleaning the same string twice on the import path; same result as ``split_name``.
    """
    return _split(cleaned)


# Given names and surnames repeat down a roster (whole names do not): their clean-up is cached.
_clean_part = lru_cache(maxsize=16_384)(clean)


def format_name(prefix: str | None, first_name: str, last_name: str | None = None) -> str:
    """Write a name the Thai way: "นายประกิจ เสาร์แก้ว", "ว่าที่ ร.ต. เกรียงไกร สมคิด".

    No space after นาย/นาง/นางสาว/น.ส./ด.ช./ด.ญ./เด็กชาย/เด็กหญิง nor after written-out monastic
    and medical titles ("พระมหาสมปอง", "นายแพทย์สมชาย"); a space after other prefixes.
    When gluing would read back as another prefix (นาง + "สาวคำ" → "นางสาวคำ"), a space is
    kept so that the written name splits back to the same parts.
    """
    canonical = normalize_prefix(prefix)
    first = _clean_part(first_name)
    last = _clean_part(last_name) if last_name else ""
    name = f"{first} {last}" if last else first
    if canonical is None or not name:
        return name or (canonical or "")
    if canonical in _GLUED:
        glued = canonical + name
        if _match_prefix(glued)[0] == canonical:
            return glued
    return f"{canonical} {name}"


def name_key(first_name: str, last_name: str | None = None) -> str:
    """Key for duplicate detection: ignores prefix, spaces, dots, hyphens, invisible chars, case."""
    joined = _KEY_DROP.sub("", clean(f"{first_name} {last_name or ''}"))
    # Clean again once the spaces are gone: "เ เ" typed across a gap must equal "เเ" → "แ".
    return clean(joined).casefold()


# Migration 0012: members.full_name and members.name_key are generated columns, computed by
# SQLite from the name parts: the prefix glued to the name or followed by a space, as the
# stored flag name_glued says (written by netcli.store.records from the full name as written).
# A name written otherwise keeps its text in full_name_written / name_key_written. These are the
# formulas of that migration in Python (tests/test_derived_names.py holds them equal).
def derived_full_name(
    prefix: str | None, first_name: str, last_name: str | None, glued: bool | None = False
) -> str:
    """The full name SQLite computes from the parts and the flag (migration 0012)."""
    name = first_name + (" " + last_name if last_name else "")
    if not prefix:
        return name
    return prefix + name if glued else f"{prefix} {name}"


def derived_name_key(first_name: str, last_name: str | None) -> str:
    """The name key SQLite computes from the parts (migration 0012)."""
    return first_name + (last_name or "")
