"""Event labels: their wording at each attempt (font size, length), their widths, the parts
they are drawn from, and numbered labels ("12–15") when full labels cannot fit."""

from __future__ import annotations

import math

from .items import Item
from .lanes import Placement, place_labels
from .shapes import Part
from .style import Style
from .text import MAX_MEMO, FontSet, shorten


def lane_height(size: float) -> float:
    """Height of one lane of labels at font ``size``."""
    return size * 1.22 + 1.6


def text_height(size: float) -> float:
    """Height of one line of text at font ``size``."""
    return size * 1.2


def attempts(style: Style) -> list[tuple[float, int]]:
    """(font size, label characters) to try, best first."""
    sizes: list[float] = []
    s = style.font_size
    while s >= style.min_font_size - 1e-9:
        sizes.append(round(s, 2))
        s -= 0.5
    if not sizes or sizes[-1] > style.min_font_size:
        sizes.append(style.min_font_size)
    lengths = sorted({style.label_chars, (style.label_chars + style.min_label_chars) // 2,
                      style.min_label_chars}, reverse=True)
    out = [(sizes[0], lengths[0])]
    for n in lengths[1:]:
        out.append((sizes[0], n))
    for sz in sizes[1:]:
        out.append((sz, lengths[-1]))
    return out


def label_text(it: Item, chars: int) -> tuple[str, str]:
    """(date, words) of an event's label, the words cut at a word boundary."""
    return (it.date_text, shorten(it.text, chars))


def measured(texts: list[tuple[str, str]], size: float, min_chars: int | None,
             fs: FontSet) -> list[tuple[float, float, float]]:
    """Each label's date width, full width and width with its words cut to ``min_chars``
    (None: the full width again), before ``clamped``."""
    memo = fs.memo
    out: list[tuple[float, float, float]] = []
    for date, words in texts:
        key = ("label", date, words, size, min_chars)
        found = memo.get(key)
        if found is None:
            found = _measure(date, words, size, min_chars, fs)
            if len(memo) < MAX_MEMO:
                memo[key] = found
        out.append(found)  # type: ignore[arg-type]
    return out


def _measure(date: str, words: str, size: float, min_chars: int | None,
             fs: FontSet) -> tuple[float, float, float]:
    date_w = fs.width(date, size, True)
    full = date_w + (fs.width(" " + words, size) if words else 0.0)
    if min_chars is None:
        return date_w, full, full
    short = shorten(words, min_chars)
    return date_w, full, date_w + (fs.width(" " + short, size) if short else 0.0)


def clamped(widths: list[tuple[float, float, float]], max_w: float
            ) -> tuple[list[float], list[float]]:
    """Full and minimum widths of ``measured`` labels, neither above ``max_w``."""
    fulls: list[float] = []
    mins: list[float] = []
    for date_w, full, least in widths:
        if date_w > max_w:  # a date too long for any label: cut, as the words would be
            full = least = max_w
        fulls.append(min(full, max_w))
        mins.append(min(least, full, max_w))
    return fulls, mins


class LabelWidths:
    """The clamped widths of one note's event labels in one font set and style, kept by event:
    every layout of a figure (each candidate axis, each page tried) asks for the same labels'
    widths, and each is measured and clamped once. Labels are measured in the order first
    asked for, as they would be without this memory."""

    def __init__(self, fs: FontSet, style: Style) -> None:
        self.fs, self.style = fs, style
        self._clamped: dict[tuple[float, int | None, float], dict[int, tuple[float, float]]] = {}

    def clamped(self, its: list[Item], size: float, chars: int | None, max_w: float
                ) -> tuple[list[float], list[float]]:
        """``clamped`` of the labels of ``its`` at ``size`` cut to ``chars`` (None: whole)."""
        done = self._clamped.setdefault((size, chars, max_w), {})
        new = [it for it in its if it.index not in done]
        if new:
            if chars is None:
                ws = measured([(it.date_text, it.text) for it in new], size, None, self.fs)
            else:
                least = min(chars, self.style.min_label_chars)
                ws = measured([label_text(it, chars) for it in new], size, least, self.fs)
            for it, full, least_w in zip(new, *clamped(ws, max_w), strict=True):
                done[it.index] = (full, least_w)
        pairs = [done[it.index] for it in its]
        return [full for full, _ in pairs], [least for _, least in pairs]


def fit_label(text: tuple[str, str], w: float, size: float, fs: FontSet) -> tuple[Part, ...]:
    """Label parts no wider than ``w``: the date, then as many words as fit."""
    date, words = text
    date_w = fs.width(date, size, True)
    if date_w > w:
        return (Part(fs.fit(date, w, size, True), True),)
    # a hair of tolerance: a box made exactly as wide as the label must not cut its last word
    room = w - date_w - fs.width(" ", size) + 1e-6
    rest = fs.fit(words, room, size) if words else ""
    if not rest:
        return (Part(date, True),)
    return (Part(date + " ", True), Part(rest))


def numbered(order: list[int], xs: list[float], numbers: dict[int, int], its: list[Item],
             size: float, lanes: int, width: float, margin: float, fs: FontSet
             ) -> tuple[Placement, list[list[int]], list[tuple[Part, ...]]]:
    """Number labels, grouping neighbours ("12–15") until they fit the lanes."""
    one = fs.width(str(len(its)), size) + 4
    threshold = 0.0
    while True:
        groups = _groups(order, xs, threshold)
        parts: list[tuple[Part, ...]] = []
        widths: list[float] = []
        for g in groups:
            a, b = numbers[its[g[0]].index], numbers[its[g[-1]].index]
            label = str(a) if a == b else f"{a}–{b}"
            parts.append((Part(label, True),))
            widths.append(fs.width(label, size, True))
        gx = [xs[g[0]] for g in groups]
        placement = place_labels(gx, widths, x_min=margin, x_max=width - margin, pad=1.5,
                                 gap=3.0, max_lanes=lanes)
        if placement is not None:
            return placement, groups, parts
        threshold = one if threshold == 0 else threshold * 2
        if threshold > 4 * width:  # everything in one group always fits a lane
            threshold = math.inf


def _groups(order: list[int], xs: list[float], threshold: float) -> list[list[int]]:
    """Neighbours within ``threshold`` of a group's first mark join that group."""
    groups: list[list[int]] = []
    for i in order:
        if groups and xs[i] - xs[groups[-1][0]] <= threshold:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups
