"""Thai digits (๐-๙) to and from Arabic digits (0-9)."""

from __future__ import annotations

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
ARABIC_DIGITS = "0123456789"

_TO_ARABIC = str.maketrans(THAI_DIGITS, ARABIC_DIGITS)
_TO_THAI = str.maketrans(ARABIC_DIGITS, THAI_DIGITS)


def to_arabic(text: str) -> str:
    """Replace every Thai digit by its Arabic digit; everything else is kept."""
    return text.translate(_TO_ARABIC)


def to_thai(text: str) -> str:
    """Replace every Arabic digit (0-9) by its Thai digit; everything else is kept."""
    return text.translate(_TO_THAI)
