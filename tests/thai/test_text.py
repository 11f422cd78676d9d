from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netcli.thai import text as text_module
from netcli.thai.text import clean

THAI_TEXT = st.text(
    alphabet=st.sampled_from(
        "กขคงจชซญดตถทนบปผพฟภมยรลวศษสหอฮะาำิีึืุูเแโใไ่้๊๋็์ั \u00a0\u200b\u200c\u200d\u2060\ufeff\t\nab"
    ),
    max_size=40,
)


def test_examples() -> None:
    assert clean("  นาย\u200bประกิจ\u00a0\u00a0เสาร์แก้ว ") == "นายประกิจ เสาร์แก้ว"
    assert clean("\ufeffเชียงใหม่\u2060") == "เชียงใหม่"
    assert clean("เเม่ฮ่องสอน") == "แม่ฮ่องสอน"  # two sara e typed for sara ae
    assert clean("คํา") == "คำ"  # nikhahit + sara aa → sara am
    assert clean("a\u2003\u3000b\r\nc") == "a b c"
    assert clean("") == ""
    assert clean(" \u200b ") == ""


def test_lone_surrogates_removed() -> None:
    result = clean("ab\ud800cd\udfff")
    assert result == "abcd"
    result.encode("utf-8")


def test_imports_are_cheap() -> None:
    # pythainlp, geothai and dateutil must load only when first used (start-up time).
    modules = ", ".join(
        f"netcli.thai.{m}"
        for m in (
            "digits",
            "text",
            "names",
            "places",
            "phones",
            "national_id",
            "money",
            "collation",
        )
    )
    code = (
        f"import sys, {modules}\n"
        "heavy = [m for m in ('pythainlp', 'geothai', 'dateutil') if m in sys.modules]\n"
        "assert not heavy, heavy"
    )
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=root)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_is_cleaned(text: str) -> None:
    result = clean(text)
    result.encode("utf-8")  # no lone surrogates left
    assert result == result.strip()
    assert "  " not in result
    assert not any(ch in result for ch in "\u200b\u200c\u200d\u2060\ufeff\u00a0\t\n")
    assert unicodedata.is_normalized("NFC", result)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), THAI_TEXT))
def test_idempotent(text: str) -> None:
    once = clean(text)
    assert clean(once) == once


# The fast path of clean() (skipping pythainlp.normalize when nothing can change) is exact.
THAI_FAST = "".join(chr(c) for c in range(0x0E01, 0x0E5C)) + " \u200b\u00a0\tab1.-"


@settings(max_examples=3000)
@given(st.text(alphabet=THAI_FAST, max_size=16))
def test_thai_fixable_finds_everything_normalize_would_change(s: str) -> None:
    from pythainlp.util import normalize

    plain = " ".join(s.replace("\u200b", "").split())
    if not text_module._THAI_FIXABLE.search(plain):
        assert normalize(plain) == plain


@settings(max_examples=3000)
@given(st.one_of(st.text(alphabet=THAI_FAST, max_size=24), st.text(max_size=24)))
def test_the_fast_fixable_search_agrees_with_the_plain_one(s: str) -> None:
    # clean() uses the lookahead form of _THAI_FIXABLE (speed); they must find the same texts.
    plain = text_module._THAI_FIXABLE.search(s) is not None
    assert (text_module._FIXABLE_FAST.search(s) is not None) == plain


@pytest.mark.parametrize(
    "s", ["", " ิ", "ิก", "กา า", "ก่่", "เเ", "ำ", "กๅ", "ก ็", "081-234-5678", "a  b", " x", "x "]
)
def test_clean_of_ascii_and_edge_texts_equals_the_slow_path(s: str) -> None:
    # The fast path (ASCII, or nothing to fix) returns exactly what the full clean-up would.
    slow = text_module._once(s)
    for _ in range(4):
        again = text_module._once(slow)
        if again == slow:
            break
        slow = again
    assert text_module.clean(s) == slow


@settings(max_examples=3000)
@given(st.text(alphabet=THAI_FAST, max_size=16))
def test_clean_is_still_a_fixed_point(s: str) -> None:
    assert text_module.clean(text_module.clean(s)) == text_module.clean(s)
