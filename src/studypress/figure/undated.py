"""Undated events, listed apart below the figure: an undated event has no place on a time axis,
and drawing it between its neighbours would invent a date for it."""

from __future__ import annotations

import math

from .items import Item
from .labels import text_height
from .shapes import Box, Label, Layout, LegendItem, Part
from .style import Style
from .text import FontSet

TITLE = "Undated, not on the axis:"


def columns(width: float, style: Style, count: int) -> int:
    """How many columns ``count`` entries take: as many as the figure's width holds (as for
    the numbered key), and no more than there are entries, so a few get the whole width."""
    fits = max(1, int((width - 2 * style.margin + 8) // (style.key_column_width + 8)))
    return max(1, min(fits, count))


def undated_height(count: int, width: float, style: Style) -> float:
    """The height of the list of ``count`` undated events; 0 when there are none."""
    if not count:
        return 0.0
    rows = math.ceil(count / columns(width, style, count))
    return (rows + 1) * text_height(style.key_font_size) + 4.0


def place_undated(out: Layout, undated: list[Item], style: Style, fs: FontSet,
                  y: float) -> float:
    """Add the title and one entry (a hollow diamond and the event's words) per undated event
    below ``y``, column by column; returns the y below the list."""
    if not undated:
        return y
    size, margin = style.key_font_size, style.margin
    line = text_height(size)
    title = style.say("undated_title")
    title_w = fs.width(title, size, True)
    out.labels.append(Label(Box(margin, y - line, margin + title_w, y),
                            (Part(title, True, True),), size, "note"))
    y -= line
    cols = columns(out.width, style, len(undated))
    rows = math.ceil(len(undated) / cols)
    col_w = (out.width - 2 * margin - 8 * (cols - 1)) / cols
    sample = style.marker_size
    for n, it in enumerate(undated):
        col, row = divmod(n, rows)
        x = margin + col * (col_w + 8)
        y0 = y - (row + 1) * line
        cy = y0 + line / 2
        out.legend.append(LegendItem(Box(x, cy - sample / 2, x + sample, cy + sample / 2),
                                     "undated"))
        words = fs.fit(it.text, col_w - sample - 3, size)
        w = fs.width(words, size)
        out.labels.append(Label(Box(x + sample + 3, y0, x + sample + 3 + w, y0 + line),
                                (Part(words),), size, "undated", (it.index,)))
    return y - rows * line - 4.0
