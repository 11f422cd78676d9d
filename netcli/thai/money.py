"""Baht amounts: parse what people write, store integer satang, print Thai style."""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

from netcli.errors import ValidationError
from netcli.thai.digits import to_arabic, to_thai
from netcli.thai.text import clean

# SQLite integers are 64-bit; larger amounts could not be stored anyway.
MAX_SATANG = 2**63 - 1

_CURRENCY = re.compile(r"(?:บาทถ้วน|บาท|ถ้วน|฿|thb|baht|\.-)", re.IGNORECASE)
# 2,344,070.93 | 2344070.93 | 5. | .50 — commas only as proper thousands groups.
_AMOUNT = re.compile(r"(?P<int>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?P<frac>\d*))?")


def _refuse(value: object, why: str) -> ValidationError:
    return ValidationError(
        f"จำนวนเงิน '{value}' ใช้ไม่ได้: {why}",
        code="bad-number",
        field="budget",
        value=value,
        hint="เขียนเป็นบาท เช่น 2,344,070.93 หรือ 5000 (baht, e.g. 2,344,070.93 or 5000)",
    )


def _from_decimal(value: object, amount: Decimal) -> int:
    if amount < 0:
        raise _refuse(value, "ติดลบ (negative)")
    satang = amount * 100
    if satang != satang.to_integral_value():
        raise _refuse(value, "ทศนิยมเกิน 2 ตำแหน่ง (more than 2 decimals)")
    if satang > MAX_SATANG:
        raise _refuse(value, "มากเกินไป (too large)")
    return int(satang)


def parse_baht(value: str | int | float) -> int:
    """Amount in satang from "2,344,070.93", "5000 บาท", "๒,๓๔๔,๐๗๐.๙๓", 5000 or 5000.5.

    Refuses negative amounts, more than two decimals and anything else with
    ValidationError(field="budget").
    """
    if isinstance(value, bool):
        raise _refuse(value, "ไม่ใช่จำนวนเงิน (not an amount)")
    if isinstance(value, int):
        if value < 0:
            raise _refuse(value, "ติดลบ (negative)")
        if value > MAX_SATANG // 100:
            raise _refuse(value, "มากเกินไป (too large)")
        return _from_decimal(value, Decimal(value))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _refuse(value, "ไม่ใช่จำนวนเงิน (not an amount)")
        if value < 0:
            raise _refuse(value, "ติดลบ (negative)")
        if value > MAX_SATANG // 100:
            raise _refuse(value, "มากเกินไป (too large)")
        amount = Decimal(repr(value))
        # Excel stores 1234.56 as a binary float that may print as 1234.5600000000002:
        # round when the difference is float noise, refuse a real third decimal.
        rounded = round(amount, 2)
        if abs(amount - rounded) <= abs(amount) * Decimal("1e-12"):
            amount = rounded
        return _from_decimal(value, amount)
    text = _CURRENCY.sub(" ", to_arabic(clean(str(value)))).strip()
    if text.startswith(("-", "−", "(")):
        raise _refuse(value, "ติดลบ (negative)")
    m = _AMOUNT.fullmatch(text)
    if not text or m is None or (m["int"] is None and not m["frac"]):
        raise _refuse(value, "ไม่ใช่จำนวนเงิน (not an amount)")
    whole = (m["int"] or "0").replace(",", "")
    frac = m["frac"] or ""
    if len(frac) > 2:
        raise _refuse(value, "ทศนิยมเกิน 2 ตำแหน่ง (more than 2 decimals)")
    if len(whole.lstrip("0")) > 17:
        raise _refuse(value, "มากเกินไป (too large)")  # before int(): no huge conversions
    try:
        amount = Decimal(f"{whole}.{frac or '0'}")
    except InvalidOperation:  # pragma: no cover - the regex only lets digits through
        raise _refuse(value, "ไม่ใช่จำนวนเงิน (not an amount)") from None
    return _from_decimal(value, amount)


def format_baht(satang: int, *, thai_digits: bool = False) -> str:
    """ "2,344,070.93" — thousands separators and always two decimals."""
    sign = "-" if satang < 0 else ""
    baht, rest = divmod(abs(satang), 100)
    text = f"{sign}{baht:,}.{rest:02d}"
    return to_thai(text) if thai_digits else text


def baht_text(satang: int) -> str:
    """Amount in Thai words as on cheques: "…เจ็ดสิบบาทเก้าสิบสามสตางค์", "ห้าพันบาทถ้วน"."""
    # Lazy: pythainlp costs ~70 ms to import. Integer arithmetic instead of bahttext(float)
    # keeps large amounts exact.
    from pythainlp.util import num_to_thaiword

    if satang == 0:
        return "ศูนย์บาทถ้วน"
    sign = "ลบ" if satang < 0 else ""
    baht, rest = divmod(abs(satang), 100)
    words = f"{num_to_thaiword(baht)}บาท" if baht else ""
    words += f"{num_to_thaiword(rest)}สตางค์" if rest else "ถ้วน"
    return sign + words


def format_number(n: int, *, thai_digits: bool = False) -> str:
    """ "1,697", or "๑,๖๙๗" with thai_digits."""
    text = f"{n:,}"
    return to_thai(text) if thai_digits else text
