"""Thai national ID numbers (เลขประจำตัวประชาชน): validation and masking.

The check digit is a typo filter, not proof of a real person: weights 13..2 over the first
12 digits, check = (11 - sum % 11) % 10. Because the third digit's weight is 11, a change in
the third digit never changes the check digit; and since remainders 0 and 10 both give check
digit 1, a change elsewhere that moves the sum between those two remainders is not detected
either. Every other single-digit change is caught.
"""

from __future__ import annotations

import re

from netcli.errors import ValidationError
from netcli.thai.digits import to_arabic

_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015.]+")
_MASK = "x-xxxx-xxxxx-xx-x"


def check_digit(first12: str) -> int:
    """Check digit for the first 12 digits of an ID (exactly 12 ASCII digits)."""
    total = sum(int(d) * w for d, w in zip(first12, range(13, 1, -1), strict=True))
    return (11 - total % 11) % 10


def _digits(value: str | int) -> str:
    if isinstance(value, bool):
        return ""
    if isinstance(value, int):
        # Excel hands IDs over as numbers; a valid one never starts with 0, so nothing is lost.
        return str(value) if 0 <= value < 10**13 else ""
    return _SEPARATORS.sub("", to_arabic(str(value)))


def _problem(digits: str) -> str | None:
    if len(digits) != 13 or not digits.isascii() or not digits.isdigit():
        return "ต้องเป็นตัวเลข 13 หลัก (national ID: must be 13 digits)"
    if digits[0] in "09":
        return "หลักแรกต้องไม่ใช่ 0 หรือ 9 (national ID: the first digit cannot be 0 or 9)"
    if check_digit(digits[:12]) != int(digits[12]):
        return "เลขตรวจสอบ (หลักสุดท้าย) ไม่ถูกต้อง (national ID: checksum mismatch)"
    return None


def validate_national_id(value: str | int) -> str:
    """Return the 13 digits of a valid ID; accepts dashes, spaces and Thai digits.

    Raises ValidationError(field="national_id") with the reason otherwise.
    """
    digits = _digits(value)
    problem = _problem(digits)
    if problem is not None:
        # The message never repeats the number: it is personal data (PDPA).
        raise ValidationError(
            f"เลขประจำตัวประชาชนไม่ถูกต้อง: {problem}",
            code="bad-national-id",
            field="national_id",
            value=mask_national_id(str(value)),
        )
    return digits


def is_valid_national_id(value: str | int) -> bool:
    """True if *value* is a valid 13-digit ID (same rules as validate_national_id)."""
    return _problem(_digits(value)) is None


def mask_national_id(digits: str) -> str:
    """Masked form keeping the last 3 digits: "x-xxxx-xxxxx-63-5".

    Anything that is not 13 digits is masked completely; an empty value stays empty.
    """
    if not digits:
        return ""
    d = _SEPARATORS.sub("", to_arabic(str(digits)))
    if len(d) != 13 or not d.isascii() or not d.isdigit():
        return _MASK
    return f"x-xxxx-xxxxx-{d[10:12]}-{d[12]}"
