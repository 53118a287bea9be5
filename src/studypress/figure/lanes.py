"""Label lanes: where each label hangs above the axis so that none covers another.

Labels are placed by a right-to-left greedy over lanes in which a label may not cover another
label or the stem of a label above it, and a stem may not cross a label below it.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence

Placement = list[tuple[int, float, float]]  # lane, left edge and width of each label


class _Lane:
    """The label boxes of one lane and the stems rising through it, each kept sorted."""

    __slots__ = ("lefts", "rights", "stems")

    def __init__(self) -> None:
        self.lefts: list[float] = []
        self.rights: list[float] = []
        self.stems: list[float] = []

    def box_hits(self, a: float, b: float) -> bool:
        """Does a box of this lane meet the open interval (a, b)?"""
        i = bisect.bisect_left(self.lefts, b)
        return i > 0 and self.rights[i - 1] > a

    def stem_hits(self, a: float, b: float) -> bool:
        i = bisect.bisect_right(self.stems, a)
        return i < len(self.stems) and self.stems[i] < b

    def room_left(self, b: float, sgap: float, gap: float) -> float:
        """How far left of ``b`` a box may reach: down to the previous box or stem."""
        i = bisect.bisect_left(self.lefts, b)
        limit = self.rights[i - 1] + gap if i > 0 else -math.inf
        j = bisect.bisect_left(self.stems, b)
        if j > 0:
            limit = max(limit, self.stems[j - 1] + sgap)
        return limit

    def add_box(self, a: float, b: float) -> None:
        i = bisect.bisect_left(self.lefts, a)
        self.lefts.insert(i, a)
        self.rights.insert(i, b)


class _Lanes:
    """The lanes of one placement and the shared spacing rules."""

    def __init__(self, count: int, pad: float, gap: float, x_min: float, x_max: float) -> None:
        self.lanes = [_Lane() for _ in range(count)]
        self.pad, self.gap = pad, gap
        self.sgap = min(pad, gap) * 0.6  # a stem keeps this far from any box but its own
        self.x_min, self.x_max = x_min, x_max

    def put(self, k: int, x: float, a: float, b: float) -> None:
        """A box ``[a, b]`` in lane ``k`` whose stem at ``x`` rises through the lanes below."""
        self.lanes[k].add_box(a, b)
        for j in range(k):
            bisect.insort(self.lanes[j].stems, x)

    def blocks_stem(self, k: int, x: float) -> bool:
        """A box over the stem at ``x`` in lane ``k``: no higher lane can be reached."""
        return self.lanes[k].box_hits(x - self.sgap, x + self.sgap)


def place_labels(xs: Sequence[float], widths: Sequence[float],
                 min_widths: Sequence[float] | None = None, *, x_min: float, x_max: float,
                 pad: float, gap: float, max_lanes: int,
                 full_widths: Sequence[float] | None = None) -> Placement | None:
    """Lane, left edge and width of each label, or None when they do not fit ``max_lanes``.

    Label ``i`` hangs from a stem at ``xs[i]`` and is ``widths[i]`` wide, or as narrow as
    ``min_widths[i]`` where space is short, or as wide as ``full_widths[i]`` where its lane
    has the room. No label box meets another, no stem rising to a higher lane passes through a
    box, and every box lies in ``[x_min, x_max]``.

    Labels extend right of their stems, taken right to left, each into the lowest lane with room
    (a staircase descending to the right). Near the right edge, where a label cannot extend
    right, it extends left instead; those are taken left to right (the mirror staircase) and
    after the others, so they climb above every stem they cover. A right-extending label never
    covers a left-extending one's stem.
    """
    n = len(xs)
    mins = list(min_widths) if min_widths is not None else list(widths)
    fulls = list(full_widths) if full_widths is not None else list(widths)
    lanes = _Lanes(max_lanes, pad, gap, x_min, x_max)
    # by (x, i), descending
    order = [i for _, i in sorted(zip(xs, range(n), strict=True), reverse=True)]
    flipped = _flipped(order, xs, widths, mins, lanes)
    if flipped is None:
        return None
    flips = sorted((i for i in range(n) if flipped[i]), key=lambda i: (xs[i], i))
    flip_x = sorted(xs[i] for i in flips)
    out: list[tuple[int, float, float] | None] = [None] * n
    for i in order:
        if not flipped[i]:
            out[i] = _place_right(xs[i], (mins[i], widths[i], fulls[i]), flip_x, lanes)
            if out[i] is None:
                return None
    for i in flips:
        out[i] = _place_left(xs[i], (mins[i], widths[i], fulls[i]), lanes)
        if out[i] is None:
            return None
    return [o for o in out if o is not None]


def _flipped(order: list[int], xs: Sequence[float], widths: Sequence[float],
             mins: list[float], lanes: _Lanes) -> list[bool] | None:
    """Which labels extend left: those that cannot extend right, and, spreading leftwards,
    those that would be squeezed below their minimum by a flipped stem. None: a label fits on
    neither side of its stem."""
    flipped = [False] * len(xs)
    pad, sgap = lanes.pad, lanes.sgap
    next_flip = math.inf
    for i in order:
        x = xs[i]
        room = min(lanes.x_max, next_flip - sgap) - (x + pad)
        if room < mins[i]:
            if x - pad - widths[i] < lanes.x_min and x - pad - mins[i] < lanes.x_min:
                if x + pad + mins[i] > lanes.x_max:
                    return None
                continue
            flipped[i] = True
            next_flip = x
    return flipped


def _place_right(x: float, sizes: tuple[float, float, float], flip_x: list[float],
                 lanes: _Lanes) -> tuple[int, float, float] | None:
    """The lowest lane where a label extending right of ``x`` fits at its ``width`` (else the
    lowest where it fits at ``least`` or more), up to the next left-extending label's stem;
    ``sizes`` is (least, width, full). Everything to its right is placed already (labels go
    right to left), so the label takes the room its lane has there, up to ``full``."""
    least, width, full = sizes
    a = x + lanes.pad
    sgap, gap = lanes.sgap, lanes.gap
    j = bisect.bisect_right(flip_x, x)
    hard = min(lanes.x_max, flip_x[j] - sgap if j < len(flip_x) else math.inf)
    choice: tuple[int, float] | None = None
    fallback: tuple[int, float] | None = None
    # ``_Lane.box_hits`` and ``stem_hits`` written out, with how far right a box may reach
    # (up to the next box or stem): this loop runs for every label of every attempt of every
    # plan, and the box test and the reach share a search
    left, stem_left, stem_room = a - gap, x + sgap, a - sgap
    for k, lane in enumerate(lanes.lanes):
        lefts, stems = lane.lefts, lane.stems
        i = bisect.bisect_left(lefts, a)
        if not (i > 0 and lane.rights[i - 1] > left):  # no box in (a - gap, a)
            s = bisect.bisect_right(stems, stem_left)
            if not (s < len(stems) and stems[s] < a):  # no stem in (x + sgap, a)
                limit = lefts[i] - gap if i < len(lefts) else math.inf
                s = bisect.bisect_left(stems, stem_room)
                if s < len(stems):
                    limit = min(limit, stems[s] - sgap)
                room = min(hard, limit) - a
                if room >= width - 1e-9:
                    choice = (k, max(width, min(full, room)))
                    break
                if fallback is None and room >= least - 1e-9:
                    fallback = (k, room)
        if lanes.blocks_stem(k, x):
            break
    choice = choice or fallback
    if choice is None:
        return None
    k, w = choice
    lanes.put(k, x, a, a + w)
    return (k, a, w)


def _place_left(x: float, sizes: tuple[float, float, float],
                lanes: _Lanes) -> tuple[int, float, float] | None:
    """The lowest lane where a label extending left of ``x`` fits; ``sizes`` is (least,
    width, full). Everything to its left is placed already, so it takes the room its lane has
    there, up to ``full``."""
    least, width, full = sizes
    pad, sgap, gap = lanes.pad, lanes.sgap, lanes.gap
    w = width if x - pad - width >= lanes.x_min else max(least, x - pad - lanes.x_min)
    b = x - pad
    a = b - w
    for k, lane in enumerate(lanes.lanes):
        if not lane.box_hits(a - gap, b + gap) and not lane.stem_hits(a - sgap, b + sgap):
            room = b - max(lanes.x_min, lane.room_left(a, sgap, gap))
            w = max(w, min(full, room))
            lanes.put(k, x, b - w, b)
            return (k, b - w, w)
        if lanes.blocks_stem(k, x):
            break
    return None
