"""Thai dictionary order, the rule pythainlp's ``collate`` uses, without importing pythainlp.

pythainlp does not expose its sort key (``_thkey`` is private), so the same two rules are
implemented here: tone marks are ignored for the main comparison (then compared last), and a
leading vowel เ แ โ ใ ไ sorts after the consonant it is written before ("เก็บ" files under ก).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

T = TypeVar("T")

_TONE = re.compile("[\u0e47-\u0e4c]")  # ็ ่ ้ ๊ ๋ ์
_LEAD_VOWEL = re.compile("([\u0e40-\u0e44])([\u0e01-\u0e2e])")  # เ-ไ then ก-ฮ


def _key(word: str) -> str:
    base = _LEAD_VOWEL.sub(r"\2\1", _TONE.sub("", word))
    tone = _TONE.search(word)
    return base + (tone.group() if tone else "")


def thai_sort_key(text: str | None) -> tuple[int, str]:
    """Sort key for Thai dictionary order; None and "" sort last."""
    if not text:
        return (1, "")
    return (0, _key(text))


def thai_sorted(items: Iterable[T], key: Callable[[T], Any] | None = None) -> list[T]:
    """Items sorted in Thai dictionary order; *key* picks the text of each item."""
    if key is None:
        return sorted(items, key=thai_sort_key)  # type: ignore[arg-type]
    pick = key
    return sorted(items, key=lambda item: thai_sort_key(pick(item)))
