"""The guide's second pass drawn where the first pass placed everything, without laying it out
again.

The first pass of ``multiBuild`` lays the guide out only to learn its page numbers: the footers'
page total and the contents' pages. The pages those numbers change hold the same flowables in
the same places (the contents' lines are as tall whatever page they name), so the second pass
need not ask every flowable its size, split it, and measure every group kept together once
more: it draws each flowable at the place, on the page, the first pass found for it, and
ReportLab does the rest (page furniture, outline, contents entries) as on any pass.

Only the contents are made again, with the pages now known; if that changed their height the
places would be wrong, and the guide is built again the ordinary way (``Mismatch``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable, PageBreak


class Mismatch(Exception):
    """The second pass cannot draw where the first placed things: build the ordinary way."""


@dataclass(frozen=True)
class Placement:
    """Where the first pass drew one flowable."""

    flowable: Any
    page: int
    x: float
    y: float
    spare: float  # the width the frame had beside it (``_sW``)
    room: tuple[float, float] | None = None  # the contents: the room they were made for
    height: float = 0.0  # the contents: how tall they were


class Placed(Flowable):
    """A flowable drawn at its first-pass place, taking no room in the frame itself."""

    _ZEROSIZE = 1

    def __init__(self, placement: Placement) -> None:
        super().__init__()
        self.placement = placement
        self.placed = placement.flowable
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        p = self.placement
        # the contents, made with the pages the first pass found
        if p.room is not None and self.placed.wrapOn(canvas, *p.room)[1] != p.height:
            raise Mismatch("the contents changed height")
        self.placed.drawOn(canvas, p.x, p.y, _sW=p.spare)


def story(placements: list[Placement], pages: int) -> list[Flowable] | None:
    """The flowables of the first pass, page by page, as a story of ``Placed``; None when a
    page held nothing (a page break alone on it would not make it again) or one flowable was
    drawn twice (it would hold the lines of its last place only)."""
    if not placements or {p.page for p in placements} != set(range(1, pages + 1)):
        return None
    if len({id(p.flowable) for p in placements}) != len(placements):
        return None
    out: list[Flowable] = []
    page = placements[0].page
    for p in placements:
        if p.page < page:
            return None
        while page < p.page:
            out.append(PageBreak())
            page += 1
        out.append(Placed(p))
    return out
