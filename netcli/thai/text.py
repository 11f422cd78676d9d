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
    if text:
        # Fixes typing-order problems: เ+เ typed for แ, ํ+า for ำ, doubled or misplaced tone
        # marks, marks dangling after a space.
        text = _thai_normalize()(text)
        text = _SPACES.sub(" ", text).strip()
    return text


def clean(text: str) -> str:
    """Return *text* without invisible characters, with single spaces, NFC and Thai order fixed.

    The result is a fixed point: ``clean(clean(x)) == clean(x)``.
    """
    result = _once(text)
    # One normalisation step can expose another (a removed character makes two tone marks
    # adjacent); repeat until nothing changes, which takes at most a couple of rounds.
    for _ in range(4):
        again = _once(result)
        if again == result:
            break
        result = again
    return result
