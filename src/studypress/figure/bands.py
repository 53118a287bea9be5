"""Era band titles: every band gets its title, in a row of titles above the label lanes.

A title starts at its band's left edge and may run past the band's right edge; when it would
meet the title before it, it takes the next row (up to ``MAX_ROWS``), and only when every row is
taken there is it shortened to the room left.
"""

from __future__ import annotations

from .labels import text_height
from .style import Style
from .text import FontSet, fit

MAX_ROWS = 3
GAP = 4.0  # between two titles in a row


def row_height(style: Style) -> float:
    """Height of one row of band titles."""
    return text_height(style.band_font_size) + 2.0


def band_titles(bands: list[tuple[float, float, str]], fs: FontSet, style: Style,
                width: float) -> list[tuple[str, float, int]]:
    """(shown title, left edge, row) of each band, in the bands' order; "" for a band without
    a title, or whose title cannot get four characters anywhere."""
    size, margin = style.band_font_size, style.margin
    ends: list[float] = []
    out: list[tuple[str, float, int]] = []
    for bx0, _, title in bands:
        shown = fit(title, width - 2 * margin, fs.width, size, True) if title else ""
        if not shown:
            out.append(("", bx0, 0))
            continue
        tw = fs.width(shown, size, True)
        x = min(max(bx0 + 1, margin), width - margin - tw)
        row = next((r for r, end in enumerate(ends) if x >= end + GAP), None)
        if row is None and len(ends) < MAX_ROWS:
            ends.append(-float("inf"))
            row = len(ends) - 1
        if row is None:  # every row taken here: the room left in the emptiest one
            row = min(range(len(ends)), key=lambda r: ends[r])
            x = max(x, ends[row] + GAP)
            shown = fit(title, width - margin - x, fs.width, size, True)
            if len(shown) < min(4, len(title)):
                out.append(("", bx0, 0))
                continue
            tw = fs.width(shown, size, True)
        ends[row] = x + tw
        out.append((shown, x, row))
    return out


def title_rows(titles: list[tuple[str, float, int]]) -> int:
    """How many rows the titles take."""
    return max((row + 1 for shown, _, row in titles if shown), default=0)
