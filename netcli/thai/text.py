"""Clean-up of Thai text as it arrives from Excel, LINE, PDFs and keyboards."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

# Invisible characters that break equality and duplicate detection: zero-width space/joiners,
# word joiner, BOM, soft hyphen and the bidirectional controls that copy-paste drags along.
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad\u202a-\u202e\u2066-\u2069]")
# Lone surrogates cannot be encoded as UTF-8 (SQLite, JSON, Excel would all fail later).
_SURROGATES = re.compile("[\ud800-\udfff]")
# Control characters that are not whitespace (NUL, BEL, DEL, C1 controls) carry no meaning here.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# \s in a str pattern covers NBSP, the U+2000 spaces, ideographic space, tabs and newlines.
_SPACES = re.compile(r"\s+")

# What pythainlp's normalize() can rewrite once invisible characters and extra spaces are gone:
# a tone mark or thanthakhat before an upper/lower vowel, nikhahit (ํา → ำ), lakkhangyao, a
# tone mark after a following vowel, a repeated vowel or sign (spaces between allowed), two
# tone marks in a row, and a mark at the start of a word. Text without any of these comes back
# from normalize() unchanged, so the call (about 100 µs, with a dozen calls per roster row) is
# skipped (checked on 400,000 random Thai strings: no difference).
_ABOVE = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e4d\u0e47"
_BELOW = "\u0e38\u0e39"
_TONES = "\u0e48\u0e49\u0e4a\u0e4b"
_FOLLOW = "\u0e30\u0e32\u0e33\u0e45"
_LEAD = "\u0e40\u0e41\u0e42\u0e43\u0e44"
_SIGNS = "\u0e3a\u0e4c\u0e4d\u0e4e"
_THAI_FIXABLE = re.compile(
    f"[{_TONES}\u0e4c][{_ABOVE}{_BELOW}]|\u0e4d|\u0e45|[{_FOLLOW}][{_TONES}]"
    f"|([{_FOLLOW}{_LEAD}{_ABOVE}{_BELOW}{_SIGNS}]) *\\1|[{_TONES}]{{2}}"
    f"|(?:^| )[{_ABOVE}{_BELOW}{_TONES}{_SIGNS}]"
)
# The same search, a fifth faster: a lookahead for the characters any alternative can start
# with lets the engine pass over the others (tests/test_import_speed_paths.py checks they agree).
_FIXABLE_FAST = re.compile(
    f"(?=[{_TONES}\u0e4c\u0e4d\u0e45{_FOLLOW}{_LEAD}{_ABOVE}{_BELOW}{_SIGNS} ])"
    f"(?:[{_TONES}\u0e4c][{_ABOVE}{_BELOW}]|\u0e4d|\u0e45|[{_FOLLOW}][{_TONES}]"
    f"|([{_FOLLOW}{_LEAD}{_ABOVE}{_BELOW}{_SIGNS}]) *\\1|[{_TONES}]{{2}}"
    f"| [{_ABOVE}{_BELOW}{_TONES}{_SIGNS}])"
    f"|^[{_ABOVE}{_BELOW}{_TONES}{_SIGNS}]"
)


@lru_cache(maxsize=1)
def _thai_normalize() -> Callable[[str], str]:
    # pythainlp costs ~70 ms to import; only pay it when text is actually cleaned.
    from pythainlp.util import normalize

    return normalize


def _once(text: str) -> str:
    text = _SURROGATES.sub("", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROLS.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text).strip()
    if text and _FIXABLE_FAST.search(text):
        # Fixes typing-order problems: เ+เ typed for แ, ํ+า for ำ, doubled or misplaced tone
        # marks, marks dangling after a space.
        text = _thai_normalize()(text)
        text = _SPACES.sub(" ", text).strip()
    return text


def clean(text: str) -> str:
    """Return *text* without invisible characters, with single spaces, NFC and Thai order fixed.

    The result is a fixed point: ``clean(clean(x)) == clean(x)``.
    """
    if (
        text.isprintable()  # no controls, invisible (Cf) characters, surrogates or odd spaces
        and "  " not in text
        and text[:1] != " "
        and text[-1:] != " "
        # ASCII is NFC and has nothing for pythainlp to fix (phones, e-mails, numbers).
        and (
            text.isascii()
            or (unicodedata.is_normalized("NFC", text) and not _FIXABLE_FAST.search(text))
        )
    ):
        return text  # already clean: the common case, a few microseconds instead of hundreds
    result = _once(text)
    # One normalisation step can expose another (a removed character makes two tone marks
    # adjacent); repeat until nothing changes, which takes at most a couple of rounds.
    for _ in range(4):
        again = _once(result)
        if again == result:
            break
        result = again
    return result


# --- spelling slips ---------------------------------------------------------------------------

_TONE_MARKS = dict.fromkeys(map(ord, "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c"), None)
# Letters that sound alike and are swapped in writing: ศ/ษ/ส, ฎ/ฏ, ภ/พ, ธ/ท, ณ/น, ฬ/ล.
_SOUND_ALIKE = str.maketrans(
    {"ศ": "ส", "ษ": "ส", "ฎ": "ฏ", "ภ": "พ", "ธ": "ท", "ฑ": "ท", "ฒ": "ท", "ณ": "น", "ฬ": "ล"}
)


def sound_skeleton(text: str) -> str:
    """*text* without tone marks and with sound-alike letters merged ("ศรีษะเกษ" ~ "ศรีสะเกษ").

    ำ is read as ั + ม ("บุรีรำ" ~ "บุรีรัม…"). Two spellings with the same skeleton are the
    same word written with the slips people make.
    """
    return text.replace("\u0e33", "\u0e31ม").translate(_TONE_MARKS).translate(_SOUND_ALIKE)


def one_edit_apart(a: str, b: str) -> bool:
    """True when *a* and *b* are equal or differ by one letter changed, added, dropped, or two
    neighbours swapped (Damerau-Levenshtein distance at most 1)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :] or (
            a[i + 2 :] == b[i + 2 :] and a[i : i + 2] == b[i : i + 2][::-1]
        )
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1 :] == shorter[i:]


# The four tone marks and mai taikhu: a name keyed with one doubled, dropped or moved reads
# almost the same ("ใจดี่่" beside "ใจดี"), so near-duplicate search compares names without them.
_LOOK_ALIKE_MARKS = dict.fromkeys(map(ord, "\u0e47\u0e48\u0e49\u0e4a\u0e4b"), None)


def look_alike_key(key: str) -> str:
    """A name key without tone marks: names that differ only in those look alike."""
    return key.translate(_LOOK_ALIKE_MARKS)
