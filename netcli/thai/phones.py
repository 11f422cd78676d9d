"""Thai telephone numbers: normalise what rosters hold to digits, format them for people."""

from __future__ import annotations

import math
import re

from netcli.errors import ValidationError
from netcli.thai.digits import to_arabic
from netcli.thai.text import clean

# Separators people put inside a number: spaces, dashes (incl. Unicode ones), dots, brackets.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212.()/]+")
_MAX_DIGITS = 13  # +66 and a 10-digit national number, with room for a stray 0


def _refuse(value: object, why: str) -> ValidationError:
    return ValidationError(
        f"เบอร์โทร '{value}' ใช้ไม่ได้: {why}",
        code="bad-phone",
        field="phone",
        value=value,
        hint="เบอร์มือถือ 10 หลัก (08x-xxx-xxxx) หรือเบอร์บ้าน 9 หลัก (02-xxx-xxxx, 053-xxx-xxx)"
        " (10 digits for a mobile, 9 for a landline)",
    )


def _digits_of(value: str | int | float) -> str:
    """Digits of *value*; the country code 66 is turned back into the leading 0."""
    if isinstance(value, bool):
        raise _refuse(value, "ไม่ใช่ตัวเลข (not a number)")
    if isinstance(value, float):
        # Excel keeps a phone typed as a number as a float (812345678.0): the zero is lost.
        if not math.isfinite(value) or value != int(value) or value < 0:
            raise _refuse(value, "ไม่ใช่เลขหมาย (not a phone number)")
        value = int(value)
    if isinstance(value, int):
        if value < 0 or value >= 10**_MAX_DIGITS:
            raise _refuse(value, "จำนวนหลักไม่ถูกต้อง (wrong length)")
        text = str(value)
    else:
        text = to_arabic(clean(str(value)))
        text = _SEPARATORS.sub("", text)
        if not text:
            raise _refuse(value, "ว่าง (empty)")
        plus = text.startswith("+")
        if plus:
            text = text[1:]
        if not text.isascii() or not text.isdigit():
            raise _refuse(value, "มีตัวอักษรที่ไม่ใช่ตัวเลข (not only digits)")
        if plus and not text.startswith("66"):
            raise _refuse(value, "ไม่ใช่เบอร์ไทย (+66) (not a Thai number)")
    if text.startswith("66") and len(text) in (10, 11, 12):
        # +66 81 234 5678, 66812345678, and "+66 081…" where the 0 was kept by mistake.
        text = text[2:]
    if not text.startswith("0"):
        text = "0" + text  # Excel dropped the leading zero
    return text


def normalize_phone(value: str | int | float) -> str:
    """Digits of a Thai phone number with its leading 0: mobile 10 digits, landline 9.

    Accepts "+66 81 234 5678", "66812345678", "081-234-5678", Thai digits, and numbers that
    lost their zero in Excel (812345678, 812345678.0). Raises ValidationError(field="phone").
    """
    digits = _digits_of(value)
    if len(digits) == 10 and digits[1] in "689":
        return digits
    if len(digits) == 9 and digits[1] in "234567":
        return digits
    if len(digits) == 9 and digits[1] in "689":
        raise _refuse(value, "เบอร์มือถือต้องมี 10 หลัก (mobile numbers have 10 digits)")
    raise _refuse(value, "จำนวนหลักหรือรหัสไม่ใช่เบอร์ไทย (not a Thai number)")


def format_phone(digits: str | int | float) -> str:
    """Human form: "081-234-5678", Bangkok "02-123-4567", provinces "053-123-456"."""
    d = normalize_phone(digits)
    if len(d) == 10:
        return f"{d[:3]}-{d[3:6]}-{d[6:]}"
    if d[1] == "2":
        return f"{d[:2]}-{d[2:5]}-{d[5:]}"
    return f"{d[:3]}-{d[3:6]}-{d[6:]}"


# An extension after the number: "02-123-4567 ต่อ 12", "ext. 12", "x12", "#12".
_EXTENSION = re.compile(r"^(.*?)\s*(?:ต่อ|ext\.?|x|#)\s*([0-9๐-๙]{1,6})\s*$", re.IGNORECASE)
# Between two numbers in one cell: a comma, semicolon, slash, line break, "หรือ" or "และ".
_BETWEEN = re.compile(r"\s*(?:[,;/\n]|หรือ|และ)\s*")


def _one(text: str) -> str | None:
    """The digits of ``text`` when it is one phone number (an extension allowed), else None."""
    m = _EXTENSION.match(text)
    head = m.group(1) if m and m.group(1) else text
    try:
        return normalize_phone(head)
    except ValidationError:
        return None


def _runs(text: str) -> list[str] | None:
    """Numbers written one after another with only spaces between ("081 234 5678 089 111 2222"):
    the shortest run of words that is a number, then the next. None when a rest is no number."""
    found: list[str] = []
    words = text.split()
    start = 0
    for end in range(1, len(words) + 1):
        digits = _one(" ".join(words[start:end]))
        if digits is not None:
            found.append(digits)
            start = end
    return found if found and start == len(words) else None


def read_phones(value: str | int | float) -> tuple[str, str | None]:
    """The phone number of a cell, and the cell as written when it holds more than one number.

    A cell with one number gives its digits and None. A cell with an extension
    ("(054) 289-000 ต่อ 12") or several numbers ("081-234-5678, 089-111-2222",
    "081-234-5678 หรือ 089-111-2222") gives the digits of the first number (the one netcli
    matches people on) and the cell's text, which the caller keeps: nothing said is lost.
    Anything else is refused as :func:`normalize_phone` refuses it.
    """
    try:
        return normalize_phone(value), None
    except ValidationError as exc:
        refused = exc
    if not isinstance(value, str):
        raise refused
    text = clean(value)
    digits = _one(text)
    if digits is None:
        parts = [p for p in _BETWEEN.split(text) if p.strip()]
        numbers = [_one(p) for p in parts] if len(parts) > 1 else [None]
        if all(n is not None for n in numbers):
            digits = numbers[0]
        else:
            runs = _runs(text)
            digits = runs[0] if runs and len(runs) > 1 else None
    if digits is None:
        raise refused
    return digits, text
