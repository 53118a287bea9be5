"""Where a date printed in a narrow column may break across lines.

ReportLab breaks a line only at spaces and cuts a word too long for the line at whatever
character reaches the edge: a Japanese or Chinese date range has no spaces, so it was cut inside
a year (``1904年2月8日～190`` / ``5年9月5日``). A date is never broken inside a number; it breaks
by preference after a range sign, then at a space or between a unit (年, 月, 日) and the next
figure, then between two ideographs, and only as a last resort anywhere else outside a number.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

RANGE_SIGNS = "～〜~–—-至/"
RANGE_WORDS = ("から",)
UNITS = "年月日"
# A number, with its thousands commas or its closing period (``1,000``, ``13.``): one unit;
# ``12.03.1917`` may break after a period, between its numbers.
NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d+\.?")
# Characters that may not open a line (they close what stands before them).
CLOSING = "、。，．,.;:!?)]）」』】〕まで"


def _ideograph(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def break_points(text: str) -> list[tuple[int, int, int]]:
    """The places ``text`` may break as (end of this line, start of the next, preference)."""
    inside = set()
    for m in NUMBER.finditer(text):
        inside.update(range(m.start() + 1, m.end()))
    points: list[tuple[int, int, int]] = []
    i = 1
    while i < len(text):
        if text[i].isspace():
            end = i
            while i < len(text) and text[i].isspace():
                i += 1
            before = text[:end].rstrip()
            ranged = bool(before) and (before[-1] in RANGE_SIGNS or before.endswith(RANGE_WORDS))
            if i < len(text):
                points.append((end, i, 3 if ranged else 2))
            continue
        points.extend(_between(text, i, inside))
        i += 1
    return points


def _between(text: str, i: int, inside: set[int]) -> list[tuple[int, int, int]]:
    """The break between ``text[i - 1]`` and ``text[i]``, if there may be one."""
    prev, ch = text[i - 1], text[i]
    if (i in inside or prev.isspace() or ch in CLOSING or unicodedata.combining(ch)
            or ch in "\u200d\ufe0f" or prev == "\u200d"):
        return []
    if prev in RANGE_SIGNS or text[:i].endswith(RANGE_WORDS):
        return [(i, i, 3)]
    if prev in UNITS and ch.isdigit():
        return [(i, i, 2)]
    if _ideograph(prev) and _ideograph(ch):
        return [(i, i, 1)]
    return [(i, i, 0)]


def date_lines(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """``text`` as the lines it prints on in a column ``width`` points wide.

    A date whose every word fits is left whole: the paragraph breaks it at its spaces. One with
    a word too wide is broken here, each line at the most preferred place that keeps it within
    ``width`` (the farthest of those), never inside a number."""
    if all(measure(word) <= width for word in text.split()):
        return [text]
    points = break_points(text)
    lines: list[str] = []
    start = 0
    while measure(text[start:]) > width:
        later = [p for p in points if p[0] > start]
        if not later:
            break
        fitting = [p for p in later if measure(text[start:p[0]]) <= width]
        # nothing fits: the shortest piece there is, cut where the text allows
        end, resume, _ = (max(fitting, key=lambda p: (p[2], p[0])) if fitting
                          else min(later))
        lines.append(text[start:end])
        start = resume
    lines.append(text[start:])
    return lines
