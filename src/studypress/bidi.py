"""The Unicode Bidirectional Algorithm (UAX #9) for text that is drawn: embedding levels and
the visual order of a line.

Arabic and Hebrew run right to left, the Latin words and the numbers inside them left to
right; which way each character goes is its embedding level (even: left to right, odd: right
to left), resolved for a whole paragraph at once; the order on the page is then worked out
line by line (rules L1 and L2), after the paragraph has been broken into lines. The levels come
from python-bidi (the unicode-bidi crate), which implements the whole algorithm, bracket pairs
and numbers included. Text without a right-to-left character never reaches it: its levels are
all 0 and its order is the order it was written in. Pure functions; nothing here draws.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

_RTL_CLASSES = frozenset(("R", "AL", "RLE", "RLO", "RLI"))
_STRONG = {"L": 0, "R": 1, "AL": 1}
_LEVELS = re.compile(r"levels: \[(.*?)\]", re.S)
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


# Every right-to-left character lies at U+0590 or above (Hebrew is the first block). Written
# as what it leaves out: compiling the range itself walks its 63,000 characters below U+FFFF.
_HIGH = re.compile(r"[^\x00-\u058f]")


def has_rtl(text: str) -> bool:
    """True when ``text`` holds a right-to-left character (Hebrew, Arabic ... or an RTL mark)."""
    if text.isascii():  # most text: no per-character look-up
        return False
    # only the characters that may be (a Latin text's dashes and ellipses), each once
    return any(unicodedata.bidirectional(ch) in _RTL_CLASSES
               for ch in set(_HIGH.findall(text)))


def base_level(text: str) -> int:
    """The paragraph level of ``text`` (rules P2, P3): 1 when its first strong character is
    right to left, else 0 (also when it has none)."""
    for ch in text:
        level = _STRONG.get(unicodedata.bidirectional(ch))
        if level is not None:
            return level
    return 0


def levels(text: str, base: int | None = None) -> tuple[int, ...]:
    """The resolved embedding level of every character of ``text`` (one paragraph), before
    the line rules; ``base`` (0 or 1) overrides the paragraph level found in the text."""
    if base is None:
        base = base_level(text)
    if base == 0 and not has_rtl(text):
        return (0,) * len(text)
    return _resolved(text, base)


@functools.lru_cache(maxsize=8192)
def _resolved(text: str, base: int) -> tuple[int, ...]:
    from bidi import get_display

    # python-bidi hands out its levels (one per UTF-8 byte) only in its debug description
    found = _LEVELS.search(get_display(text, base_dir="LR"[base], debug=True))
    per_byte = [int(n) for n in _LEVEL.findall(found.group(1))] if found else []
    starts = []
    offset = 0
    for ch in text:
        starts.append(offset)
        offset += len(ch.encode("utf-8"))
    if len(per_byte) != offset:
        raise RuntimeError("python-bidi gave no embedding levels for the text")
    return tuple(per_byte[i] for i in starts)


def line_levels(text: str, resolved: Sequence[int], base: int) -> list[int]:
    """Rule L1 on one line: whitespace at its end (and before a tab) goes to the paragraph
    level, so it never lands in the middle of the line."""
    out = list(resolved)
    trailing = True
    for i in range(len(text) - 1, -1, -1):
        kind = unicodedata.bidirectional(text[i])
        if kind in ("S", "B"):
            out[i] = base
            trailing = True
        elif trailing and kind in ("WS", "BN", "FSI", "LRI", "RLI", "PDI"):
            out[i] = base
        else:
            trailing = False
    return out


def visual_order(line: Sequence[int]) -> list[int]:
    """Rule L2: the indices of a line's items (characters or runs, given by their levels) in
    the order they are drawn from left to right."""
    order = list(range(len(line)))
    if not line:
        return order
    odd = [lv for lv in line if lv % 2]
    if not odd:
        return order
    for level in range(max(line), min(odd) - 1, -1):
        i = 0
        while i < len(order):
            if line[order[i]] >= level:
                j = i
                while j < len(order) and line[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return order


def reorder(text: str, base: int | None = None) -> str:
    """One line of ``text`` in visual order (its characters rearranged, none mirrored)."""
    if base is None:
        base = base_level(text)
    line = line_levels(text, levels(text, base), base)
    return "".join(text[i] for i in visual_order(line))


@functools.cache
def _mirrors() -> dict[str, str]:
    from bidi.mirror import MIRRORED

    return dict(MIRRORED)


def mirrored(text: str) -> str:
    """``text`` with each bracket or other mirrored character swapped for its mirror image,
    as a right-to-left run draws it (rule L4)."""
    table = _mirrors()
    return "".join(table.get(ch, ch) for ch in text)
