"""The sheet's two-column flow: entries packed column by column, kept whole where they fit,
the last page's columns balanced."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from .text import height_of


@dataclass
class Placed:
    """A flowable at its place on a sheet page."""

    flowable: Any
    x: float
    y: float  # bottom


@dataclass
class SheetGeometry:
    """The sheet's page and its two columns' extent, on the first page and after."""

    page_w: float
    page_h: float
    margin: float
    gutter: float
    first_top: float  # the columns' top on page 1 (below the title block)
    top: float  # on later pages
    bottom: float

    @property
    def column_w(self) -> float:
        """The width of one column."""
        return (self.page_w - 2 * self.margin - self.gutter) / 2

    def column_x(self, col: int) -> float:
        """The left edge of column ``col`` (0 or 1)."""
        return self.margin + col * (self.column_w + self.gutter)


def flow_columns(entries: Iterable[list[Any]], g: SheetGeometry, entry_gap: float,
                 most: int | None = None) -> list[list[Placed]] | None:
    """Pack entries into two columns per page, an entry never split unless it alone is taller
    than a column; the last page's columns are balanced. Returns each page's placed flowables,
    or None as soon as they need more than ``most`` pages (the entries after that point are
    never taken from ``entries``, which may make them one by one)."""
    made: list[list[Any]] = []
    flowed = _flow(_kept(entries, made), g, entry_gap, most)
    if flowed is None:
        return None
    pages, starts = flowed
    first = starts[-1]
    if first is not None and len(pages[-1]) > 0:
        top = g.first_top if len(pages) == 1 else g.top
        rest = made[first:]
        heights = [entry_height(parts, g.column_w) for parts in rest]
        height = balanced_height(heights, entry_gap, top - g.bottom)
        if height is not None:
            short = replace(g, first_top=top, top=top, bottom=top - height - 0.02)
            again = _flow(rest, short, entry_gap)
            if again is not None and len(again[0]) == 1:
                pages[-1] = again[0][0]
    return pages


def balanced_height(heights: list[float], gap: float, column_h: float) -> float | None:
    """The shortest column height that still holds all entries, whole and in order, in two
    columns no taller than ``column_h``; None when they need more than two."""
    if not heights or columns_needed(heights, gap, column_h) > 2:
        return None
    lo, hi = max(heights), column_h
    if columns_needed(heights, gap, lo) <= 2:
        return lo
    while hi - lo > 0.25:
        mid = (lo + hi) / 2
        if columns_needed(heights, gap, mid) <= 2:
            hi = mid
        else:
            lo = mid
    return hi


def columns_needed(heights: list[float], gap: float, column_h: float) -> int:
    """Columns that whole entries of these heights fill, in order, ``gap`` apart."""
    cols, used = 1, -1.0
    for h in heights:
        need = h if used < 0 else used + gap + h
        if need <= column_h + 0.01 or used < 0:
            used = need
        else:
            cols, used = cols + 1, h
    return cols


def entry_height(parts: list[Any], w: float) -> float:
    """An entry's height in a column ``w`` wide, the space before each part but the first."""
    return sum(height_of(f, w) + (f.getSpaceBefore() if i else 0.0) for i, f in enumerate(parts))


def _kept(entries: Iterable[list[Any]], made: list[list[Any]]) -> Iterable[list[Any]]:
    """``entries`` one by one, each also kept in ``made``."""
    for parts in entries:
        made.append(parts)
        yield parts


def _flow(entries: Iterable[list[Any]], g: SheetGeometry, entry_gap: float,
          most: int | None = None) -> tuple[list[list[Placed]], list[int | None]] | None:
    """Greedy column packing; also, per page, the entry it starts with (None: mid-entry).
    None once something is placed on a page after the first ``most``."""
    pages: list[list[Placed]] = [[]]
    starts: list[int | None] = [0]
    col = 0
    top = g.first_top
    y = top
    w = g.column_w

    def advance(start: int | None) -> None:
        nonlocal col, top, y
        col += 1
        if col == 2:
            col = 0
            pages.append([])
            starts.append(start)
            top = g.top
        y = top

    for current, parts in enumerate(entries):
        total = entry_height(parts, w)
        if y < top and y - entry_gap - total < g.bottom:
            advance(current)
        if y < top:
            y -= entry_gap
        queue = list(parts)
        while queue:
            if most is not None and len(pages) > most:  # what is left goes on a later page
                return None
            f = queue.pop(0)
            space = 0.0 if y >= top else f.getSpaceBefore()
            h = height_of(f, w)
            if y - space - h >= g.bottom - 0.01:
                y -= space + h
                pages[-1].append(Placed(f, g.column_x(col), y))
                continue
            pieces = f.split(w, y - space - g.bottom) if y - space > g.bottom else []
            if len(pieces) >= 2:
                queue[:0] = pieces
                continue
            if y >= top:  # too tall for an empty column even in pieces: place it and move on
                y -= h
                pages[-1].append(Placed(f, g.column_x(col), max(y, g.bottom)))
                continue
            advance(current if f is parts[0] else None)
            queue.insert(0, f)
    if not pages[-1]:
        pages.pop()
        starts.pop()
    return (pages, starts) if pages else ([[]], [None])
