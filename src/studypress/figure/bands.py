"""Era band titles: every band gets its title, in rows of titles above the label lanes.

Side by side, as a note's eras are, a band is a light background and its title starts at the
band's left edge, running past its right edge if need be; a title that would meet the one
before it takes the next row (up to ``MAX_ROWS``). Bands that overlap (the notes of a course
book, each a band over its own stretch of time), or titles too many for those rows, are
*stacked* instead: each title stands over a thin rule spanning its band, in as many rows as it
takes for no title or rule to meet another, and no background is drawn (overlapping
backgrounds would hide which stretch is whose). A title is shortened only when it is wider
than the figure.
"""

from __future__ import annotations

from .labels import text_height
from .style import Style
from .text import FontSet

MAX_ROWS = 3  # rows of titles over side-by-side bands before they are stacked
GAP = 4.0  # between two titles in a row
RULE = 3.0  # room under a stacked title for the rule that spans its band

Titles = list[tuple[str, float, int]]  # each band's shown title, its left edge and its row


def row_height(style: Style, stacked: bool = False) -> float:
    """Height of one row of band titles (and, stacked, the rule under each)."""
    return text_height(style.band_font_size) + 2.0 + (RULE if stacked else 0.0)


def overlapping(bands: list[tuple[float, float, str]]) -> bool:
    """Does a band begin before another one ends?"""
    end = -float("inf")
    for x0, x1, _ in sorted(bands):
        if x0 < end - 0.5:
            return True
        end = max(end, x1)
    return False


def band_titles(bands: list[tuple[float, float, str]], fs: FontSet, style: Style,
                width: float) -> tuple[Titles, bool]:
    """(shown title, left edge, row) of each band, in the bands' order ("" for a band
    without a title), and whether the bands are stacked."""
    if not overlapping(bands):
        side = _rows(bands, fs, style, width, stacked=False)
        if side is not None:
            return side, False
    stacked = _rows(bands, fs, style, width, stacked=True)
    assert stacked is not None  # stacked titles take as many rows as they need
    return stacked, True


def _rows(bands: list[tuple[float, float, str]], fs: FontSet, style: Style, width: float,
          *, stacked: bool) -> Titles | None:
    """The titles placed in rows, first fit; None when side-by-side titles need more than
    ``MAX_ROWS`` rows. A stacked title's row holds its band's whole extent too."""
    size, margin = style.band_font_size, style.margin
    ends: list[float] = []
    out: Titles = []
    for bx0, bx1, title in bands:
        shown = fs.fit(title, width - 2 * margin, size, True) if title else ""
        if not shown:
            out.append(("", bx0, 0))
            continue
        tw = fs.width(shown, size, True)
        x = min(max(bx0 + (0.0 if stacked else 1.0), margin), width - margin - tw)
        start, end = (min(x, bx0), max(x + tw, bx1)) if stacked else (x, x + tw)
        row = next((r for r, e in enumerate(ends) if start >= e + GAP), None)
        if row is None:
            if not stacked and len(ends) >= MAX_ROWS:
                return None
            ends.append(-float("inf"))
            row = len(ends) - 1
        ends[row] = end
        out.append((shown, x, row))
    return out


def title_rows(titles: Titles) -> int:
    """How many rows the titles take."""
    return max((row + 1 for shown, _, row in titles if shown), default=0)
