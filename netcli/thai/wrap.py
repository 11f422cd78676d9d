"""Wrapping Thai text to a width in terminal cells, breaking only between words.

Thai has no spaces between words, so a terminal (or rich, which breaks at spaces) cuts a long
Thai run wherever the line ends, often inside a word or even between a consonant and its
vowel ("เก็บต|ามที่เขียน"). Here a line breaks at a space or between two Thai words.

The words come from pythainlp's word list (the file is read; pythainlp itself is not imported,
its tokenizer costs most of a second to build): a Thai run is split into the fewest unknown
clusters, then the fewest words (maximal matching, as pythainlp's ``newmm`` does). A run the
list does not know (a name) breaks only between character clusters: never before a vowel sign,
tone mark or ์, never after a leading vowel (เ แ โ ใ ไ), never before a consonant silenced by ์.

Widths are display cells: combining marks (ั ิ ่ ้ …) take none (``cell_len``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_THAI_RUN = re.compile("[\u0e01-\u0e4f]+")
_LEADING = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")  # เ แ โ ใ ไ
# Signs that belong to the character before them: vowels above/below and following vowels
# (ะ า ำ ๅ), tone marks, ็ ์ ํ ๎ ฺ, and ๆ / ฯ which end a word.
_ATTACHED = frozenset(
    "\u0e30\u0e31\u0e32\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e45"
    "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e\u0e46\u0e2f"
)
_KILLER = "\u0e4c"  # ์ thanthakhat: the consonant it sits on is silent, part of the syllable before
_MAX_WORD = 20


def cell_width(text: str) -> int:
    """Display width in terminal cells (Thai combining marks 0, wide East Asian 2)."""
    from rich.cells import cell_len

    return cell_len(text)


@lru_cache(maxsize=1)
def _words() -> frozenset[str]:
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("pythainlp")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(next(iter(spec.submodule_search_locations))) / "corpus" / "words_th.txt"
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(w for w in (line.strip() for line in lines) if 1 < len(w) <= _MAX_WORD)


def _cluster_starts(run: str) -> list[int]:
    """Positions in a Thai run where a character cluster starts (0 and len included)."""
    starts = [0]
    n = len(run)
    for i in range(1, n):
        ch = run[i]
        if ch in _ATTACHED or run[i - 1] in _LEADING or unicodedata.combining(ch):
            continue
        # A consonant silenced by ์ (directly or after a vowel/tone mark) stays with the cluster
        # before it: "เมอร์", "จันทร์".
        if i + 1 < n and run[i + 1] == _KILLER:
            continue
        if i + 2 < n and run[i + 2] == _KILLER and run[i + 1] in _ATTACHED:
            continue
        starts.append(i)
    starts.append(n)
    return starts


def thai_words(run: str) -> list[str]:
    """Split a run of Thai letters into words: fewest unknown clusters, then fewest words."""
    if len(run) <= 2:
        return [run]
    words = _words()
    starts = _cluster_starts(run)
    allowed = set(starts)
    n = len(run)
    inf = (n + 1, n + 1)
    best: list[tuple[int, int]] = [inf] * (n + 1)
    back = [0] * (n + 1)
    best[0] = (0, 0)
    for i in starts[:-1]:
        if best[i] == inf:
            continue
        unknown, count = best[i]
        for j in range(i + 2, min(n, i + _MAX_WORD) + 1):
            if j in allowed and run[i:j] in words and (unknown, count + 1) < best[j]:
                best[j], back[j] = (unknown, count + 1), i
        # One cluster the list does not know.
        k = starts[starts.index(i) + 1]
        if (unknown + 1, count + 1) < best[k]:
            best[k], back[k] = (unknown + 1, count + 1), i
    # Unknown clusters next to each other are one unknown stretch: join them.
    cuts = []
    j = n
    while j > 0:
        cuts.append((back[j], j))
        j = back[j]
    cuts.reverse()
    out: list[str] = []
    known_prev = True
    for i, j in cuts:
        piece = run[i:j]
        known = piece in words
        if out and not known and not known_prev:
            out[-1] += piece
        else:
            out.append(piece)
        known_prev = known
    return out


def _tokens(text: str) -> list[str]:
    """Pieces between which a line may break; spaces are pieces of their own."""
    out: list[str] = []
    for chunk in re.split(r"( +)", text):
        if not chunk:
            continue
        if chunk.startswith(" "):
            out.append(chunk)
            continue
        pos = 0
        for m in _THAI_RUN.finditer(chunk):
            if m.start() > pos:
                out.append(chunk[pos : m.start()])
            out.extend(thai_words(m.group()))
            pos = m.end()
        if pos < len(chunk):
            out.append(chunk[pos:])
    # Punctuation glued to a word stays with it: closing marks with the word before
    # ("จังหวัด," "2557):"), opening ones with the word after ("(ปี").
    merged: list[str] = []
    for tok in out:
        prev = merged[-1] if merged else " "
        glue = not tok.startswith(" ") and not prev.startswith(" ")
        opening = prev[-1] in _OPENING or _ABBREVIATION.fullmatch(prev) is not None
        if glue and (opening or (not _THAI_RUN.match(tok) and not tok[0].isalnum())):
            merged[-1] += tok
        else:
            merged.append(tok)
    return merged


# ต. อ. จ. กม. …: a short abbreviation stays with the name after it ("ต.ศรีภูมิ").
_ABBREVIATION = re.compile("[\u0e01-\u0e4f]{1,3}\\.")
_OPENING = frozenset("([{\u201c\u2018\"'")


def _fold(token: str, width: int) -> list[str]:
    """A word wider than the line: cut between clusters (never inside one)."""
    thai = _THAI_RUN.fullmatch(token) is not None
    starts = _cluster_starts(token) if thai else list(range(len(token) + 1))
    lines: list[str] = []
    begin = 0
    last = 0
    for pos in starts[1:]:
        if cell_width(token[begin:pos]) > width and last > begin:
            lines.append(token[begin:last])
            begin = last
        last = pos
    lines.append(token[begin:])
    return lines


def wrap(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` cells, broken at spaces and between Thai words.

    Existing line breaks are kept. A word wider than ``width`` is cut between its clusters.
    """
    width = max(1, width)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if cell_width(paragraph) <= width:
            lines.append(paragraph)
            continue
        # An indented paragraph (a district under its province) keeps its indent on every line.
        body = paragraph.lstrip(" ")
        indent = paragraph[: len(paragraph) - len(body)]
        if indent and len(indent) < width // 2:
            lines.extend(indent + line for line in wrap(body, width - len(indent)))
            continue
        line = ""
        for tok in _tokens(paragraph):
            if tok.startswith(" "):
                if line and cell_width(line + tok) <= width:
                    line += tok
                elif line:
                    lines.append(line.rstrip())
                    line = ""
                continue
            if cell_width(line + tok) <= width:
                line += tok
                continue
            if line.strip():
                lines.append(line.rstrip())
            line = ""
            if cell_width(tok) > width:
                *full, tok = _fold(tok, width)
                lines.extend(full)
            line = tok
        lines.append(line.rstrip())
    return lines


def narrowest(text: str) -> int:
    """The width of the widest word of ``text``: it cannot wrap narrower without cutting one."""
    return max(
        (cell_width(t) for t in _tokens(text.replace("\n", " ")) if not t.startswith(" ")),
        default=0,
    )
