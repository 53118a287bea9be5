"""Card-grid geometry for the cast handout: where each card's front and back go, and the cut marks.

Pure arithmetic in PDF points (origin at the bottom-left of the page, y up), so it can be tested
for every format and duplex mode without drawing anything.

Duplex printing turns the sheet over one of its edges. Turning it over a vertical edge mirrors
left↔right; over a horizontal edge, top↕bottom. Which edge is "long" depends on the page's
orientation: a portrait page's long edges are vertical, a landscape page's horizontal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

MM = 72.0 / 25.4  # points per millimetre

Duplex = Literal["long", "short"]
Axis = Literal["x", "y"]


@dataclass(frozen=True)
class Rect:
    """A rectangle in points; (x, y) is its bottom-left corner."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def top(self) -> float:
        return self.y + self.h

    def inset(self, d: float) -> Rect:
        """The rectangle shrunk by ``d`` on every side."""
        return Rect(self.x + d, self.y + d, self.w - 2 * d, self.h - 2 * d)

    def moved(self, dx: float, dy: float) -> Rect:
        return Rect(self.x + dx, self.y + dy, self.w, self.h)

    def intersect(self, other: Rect) -> Rect:
        """The overlap of two rectangles (zero-sized when they do not meet)."""
        x0, y0 = max(self.x, other.x), max(self.y, other.y)
        x1, y1 = min(self.right, other.right), min(self.top, other.top)
        return Rect(x0, y0, max(0.0, x1 - x0), max(0.0, y1 - y0))


@dataclass(frozen=True)
class Segment:
    """A straight line from (x1, y1) to (x2, y2), in points."""

    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class CardGrid:
    """One card sheet: ``fronts[i]`` on the front page lies behind ``backs[i]`` on the back page."""

    page_w: float
    page_h: float
    columns: int
    rows: int
    fronts: tuple[Rect, ...]  # reading order: top row first, left to right
    backs: tuple[Rect, ...]
    marks: tuple[Segment, ...]  # cut marks, drawn on the front page

    @property
    def per_page(self) -> int:
        return self.columns * self.rows


class GridError(ValueError):
    """The card does not fit on the page."""


def flip_axis(page_w: float, page_h: float, duplex: Duplex) -> Axis:
    """The coordinate that duplex printing mirrors: "x" (left↔right) or "y" (top↕bottom)."""
    if duplex not in ("long", "short"):
        raise ValueError(f"duplex must be 'long' or 'short', not {duplex!r}")
    portrait = page_h >= page_w
    long_edge_is_vertical = portrait
    hinge_vertical = long_edge_is_vertical if duplex == "long" else not long_edge_is_vertical
    return "x" if hinge_vertical else "y"


def mirror(rect: Rect, page_w: float, page_h: float, duplex: Duplex) -> Rect:
    """Where the back of ``rect`` lies on the back page, for a perfect printer."""
    if flip_axis(page_w, page_h, duplex) == "x":
        return Rect(page_w - rect.x - rect.w, rect.y, rect.w, rect.h)
    return Rect(rect.x, page_h - rect.y - rect.h, rect.w, rect.h)


def grid_size(page_w: float, page_h: float, card_w: float, card_h: float) -> tuple[int, int]:
    """How many columns and rows of cards fit edge to edge on the page."""
    eps = 0.01  # A7 is exactly an eighth of A4: allow rounding in the millimetre conversions
    columns = int((page_w + eps) // card_w)
    rows = int((page_h + eps) // card_h)
    return columns, rows


def card_grid(page_w: float, page_h: float, card_w: float, card_h: float, *,
              duplex: Duplex = "long", back_offset: tuple[float, float] = (0.0, 0.0),
              mark_length: float = 5 * MM, mark_gap: float = 1.5 * MM,
              min_margin: float = 0.0) -> CardGrid:
    """Lay out as many cards as fit, as a grid centred on the page, with backs and cut marks.

    ``back_offset`` (dx, dy, points; dx > 0 right, dy > 0 up) moves every back to correct a
    printer that shifts the second side. ``min_margin`` keeps the grid that far from the edges.
    """
    if card_w <= 0 or card_h <= 0:
        raise GridError("a card needs a positive width and height")
    avail_w = page_w - 2 * min_margin
    avail_h = page_h - 2 * min_margin
    columns, rows = grid_size(avail_w, avail_h, card_w, card_h)
    if columns < 1 or rows < 1:
        raise GridError(
            f"a {card_w / MM:.1f} × {card_h / MM:.1f} mm card does not fit on a "
            f"{page_w / MM:.1f} × {page_h / MM:.1f} mm page")
    grid_w, grid_h = columns * card_w, rows * card_h
    x0 = (page_w - grid_w) / 2
    y_top = page_h - (page_h - grid_h) / 2
    fronts = tuple(Rect(x0 + c * card_w, y_top - (r + 1) * card_h, card_w, card_h)
                   for r in range(rows) for c in range(columns))
    dx, dy = back_offset
    backs = tuple(mirror(f, page_w, page_h, duplex).moved(dx, dy) for f in fronts)
    marks = cut_marks(page_w, page_h, x0, y_top - grid_h, card_w, card_h, columns, rows,
                      mark_length, mark_gap)
    return CardGrid(page_w, page_h, columns, rows, fronts, backs, marks)


def cut_marks(page_w: float, page_h: float, x0: float, y0: float, card_w: float, card_h: float,
              columns: int, rows: int, length: float, gap: float) -> tuple[Segment, ...]:
    """Thin marks on the extension of every cut line, outside the grid.

    Where the grid leaves a margin, each cut line gets a short mark in it, a ``gap`` away from
    the card corner, as printers' crop marks are. Where the grid reaches the page edge (A7 on
    A4 fills the page) there is no margin to draw in: the card edge is the page edge, and the
    lines between the cards get a mark lying on the cut line itself, running in from the edge
    far enough to clear a printer's unprintable border; cutting along it removes it.
    """
    xs = [x0 + c * card_w for c in range(columns + 1)]
    ys = [y0 + r * card_h for r in range(rows + 1)]
    x1, y1 = xs[-1], ys[-1]
    out: list[Segment] = []
    reach = gap + length  # how much room a mark in the margin needs

    def vertical(x: float, inner: bool) -> None:
        # below the grid, then above it
        for lo, hi, outward in ((0.0, y0, -1), (y1, page_h, 1)):
            edge = y0 if outward < 0 else y1
            if hi - lo >= reach:
                start = edge + outward * gap
                out.append(Segment(x, start, x, start + outward * length))
            elif inner:
                page_edge = 0.0 if outward < 0 else page_h
                out.append(Segment(x, page_edge, x, page_edge - outward * _EDGE_MARK))

    def horizontal(y: float, inner: bool) -> None:
        for lo, hi, outward in ((0.0, x0, -1), (x1, page_w, 1)):
            edge = x0 if outward < 0 else x1
            if hi - lo >= reach:
                start = edge + outward * gap
                out.append(Segment(start, y, start + outward * length, y))
            elif inner:
                page_edge = 0.0 if outward < 0 else page_w
                out.append(Segment(page_edge, y, page_edge - outward * _EDGE_MARK, y))

    for i, x in enumerate(xs):
        vertical(x, 0 < i < columns)
    for i, y in enumerate(ys):
        horizontal(y, 0 < i < rows)
    return tuple(out)


# Long enough to show past the 3–6 mm most printers cannot print at the paper's edge.
_EDGE_MARK = 10 * MM


def text_insets(cards: list[Rect], page_w: float, page_h: float, inset: float,
                printer_margin: float) -> tuple[float, float]:
    """How far a card's text keeps inside its cut lines, across and along: ``inset``, or more
    where a card reaches into the ``printer_margin`` by the paper's edge, which most printers
    cannot print near (A7 cards reach the edge of A4). One pair for every card of the sheet,
    so that cut out, a card from the edge of the sheet looks like one from its middle, and a
    back moved by ``back_offset`` keeps its text where it was on the card."""
    page = Rect(0.0, 0.0, page_w, page_h).inset(printer_margin)
    across = max([inset, *(page.x - r.x for r in cards), *(r.right - page.right for r in cards)])
    along = max([inset, *(page.y - r.y for r in cards), *(r.top - page.top for r in cards)])
    return across, along


def safe_area(card: Rect, insets: tuple[float, float]) -> Rect:
    """Where a card's text may go: ``insets`` (across, along, from ``text_insets``) inside its
    cut lines."""
    across, along = insets
    return Rect(card.x + across, card.y + along, card.w - 2 * across, card.h - 2 * along)


def centred_top(area: Rect, height: float, within: Rect | None = None) -> float:
    """The top of a block ``height`` tall centred on ``area``, moved down or up as little as
    keeps it ``within`` (by default ``area``) when it would cross its edges; a block taller
    than that room starts at its top."""
    room = within or area
    top = area.y + (area.h + height) / 2
    top = max(top, room.y + height)
    return min(top, room.top)


def pages_needed(count: int, per_page: int) -> int:
    """Card sheets (front + back page pairs) needed for ``count`` cards."""
    return max(0, -(-count // per_page))


def place(count: int, grid: CardGrid) -> list[list[tuple[int, Rect, Rect]]]:
    """Cards 0..count-1 assigned to sheets: per sheet, (card index, front rect, back rect)."""
    sheets: list[list[tuple[int, Rect, Rect]]] = []
    for start in range(0, count, grid.per_page):
        sheets.append([(i, grid.fronts[i - start], grid.backs[i - start])
                       for i in range(start, min(count, start + grid.per_page))])
    return sheets
