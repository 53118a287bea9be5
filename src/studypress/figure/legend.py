"""The legend: a sample shape and a few words for each kind of mark in the figure, wrapped."""

from __future__ import annotations

from .items import Item
from .labels import text_height
from .shapes import Box, Label, Layout, LegendItem, Part
from .style import Style
from .text import FontSet


def legend_kinds(its: list[Item], people: bool, style: Style) -> list[tuple[str, str]]:
    """(kind, words) of each kind of mark the figure shows."""
    kinds = {it.kind for it in its}
    out: list[tuple[str, str]] = []
    if "point" in kinds:
        out.append(("point", style.say("legend_point")))
    if "range" in kinds:
        out.append(("range", style.say("legend_range")))
    if "span" in kinds:
        out.append(("span", style.say("legend_span")))
    if any(it.approximate for it in its):
        out.append(("approximate", style.say("legend_approximate")))
    if people:
        out.append(("person", style.say("legend_person")))
    return out


def _sample_width(kind: str, style: Style) -> float:
    return 12.0 if kind not in ("point", "undated") else style.marker_size


def legend_lines(kinds: list[tuple[str, str]], width: float, style: Style,
                 fs: FontSet) -> int:
    """How many lines the legend wraps to (mirrors ``place_legend``)."""
    lines, x = 1, style.margin
    for kind, words in kinds:
        w = fs.width(words, style.key_font_size)
        sample_w = _sample_width(kind, style)
        if x > style.margin and x + sample_w + 3 + w > width - style.margin:
            lines += 1
            x = style.margin
        x += sample_w + 3 + w + 10
    return lines if kinds else 0


def place_legend(out: Layout, kinds: list[tuple[str, str]], style: Style, fs: FontSet,
                 y: float) -> float:
    """Add the legend's samples and words below ``y``; returns the y below the legend."""
    if not kinds:
        return y - 4.0
    key_size = style.key_font_size
    margin, width = style.margin, out.width
    line_h = text_height(key_size) + 2.0
    y_leg = y - line_h
    x = margin
    for kind, words in kinds:
        w = fs.width(words, key_size)
        sample_w = _sample_width(kind, style)
        if x > margin and x + sample_w + 3 + w > width - margin:
            x = margin
            y_leg -= line_h
        cy = y_leg + text_height(key_size) / 2
        h = style.marker_size / 2
        out.legend.append(LegendItem(Box(x, cy - h, x + sample_w, cy + h), kind))
        words = fs.fit(words, width - margin - (x + sample_w + 3), key_size)
        w = fs.width(words, key_size)
        out.labels.append(Label(Box(x + sample_w + 3, y_leg, x + sample_w + 3 + w,
                                    y_leg + text_height(key_size)), (Part(words, muted=True),),
                                key_size, "legend"))
        x += sample_w + 3 + w + 10
    return y_leg - 4.0
