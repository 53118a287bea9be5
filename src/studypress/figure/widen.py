"""Room for cut labels: after the lanes are filled, a label shorter than its whole wording
moves to the side of its stem, or the lane, where its whole wording fits.

The greedy placement (``lanes``) sizes each label when it is placed, before the labels placed
after it are known, and a label extending right ends at the next stem however empty the lane
is on the other side. This pass looks again at each cut label with everything else in place:
it may hang on the other side of its stem, or in another lane (up to ``max_lanes``), wherever
the whole label fits under the same rules (no box meets another, no stem passes through a box,
everything within the figure). When the whole label fits nowhere, the label keeps its place.
"""

from __future__ import annotations

from collections.abc import Sequence

from .lanes import Placement


class _Room:
    """The placed labels and the spacing rules they keep."""

    def __init__(self, xs: Sequence[float], placement: Placement, *, x_min: float,
                 x_max: float, pad: float, gap: float) -> None:
        self.xs = list(xs)
        self.boxes = [list(p) for p in placement]  # lane, left, width (updated as labels move)
        self.x_min, self.x_max, self.pad, self.gap = x_min, x_max, pad, gap
        self.sgap = min(pad, gap) * 0.6  # as in ``lanes``: a stem keeps clear of boxes

    def fits(self, i: int, lane: int, a: float, b: float) -> bool:
        """May label ``i`` take ``[a, b]`` in ``lane``, everything else staying where it is?"""
        if a < self.x_min - 1e-9 or b > self.x_max + 1e-9:
            return False
        x, gap, sgap = self.xs[i], self.gap, self.sgap
        for j, (k, left, w) in enumerate(self.boxes):
            if j == i:
                continue
            right = left + w
            if k == lane and left < b + gap and right > a - gap:
                return False  # meets a box of its lane
            if k > lane and a - sgap < self.xs[j] < b + sgap:
                return False  # sits on the stem of a label above
            if k < lane and left - sgap < x < right + sgap:
                return False  # its own stem would pass through a box below
        return True

    def place(self, i: int, full: float, lanes: int) -> bool:
        """Give label ``i`` the width ``full`` where it fits, nearest its mark first."""
        x, pad = self.xs[i], self.pad
        k0, left0, _ = self.boxes[i]
        right_side = left0 >= x
        sides = ((x + pad, x + pad + full), (x - pad - full, x - pad))
        if not right_side:
            sides = sides[::-1]
        for lane in sorted(range(lanes), key=lambda k: (abs(k - k0), k)):
            for a, b in sides:
                if self.fits(i, lane, a, b):
                    self.boxes[i] = [lane, a, b - a]
                    return True
        return False


def widen(xs: Sequence[float], placement: Placement, fulls: Sequence[float], *,
          x_min: float, x_max: float, pad: float, gap: float, max_lanes: int) -> Placement:
    """``placement`` with each label narrower than ``fulls`` moved to where its whole width
    fits, if any place does; lanes above the highest used count up to ``max_lanes``."""
    room = _Room(xs, placement, x_min=x_min, x_max=x_max, pad=pad, gap=gap)
    lanes = max(max_lanes, max((k for k, _, _ in placement), default=-1) + 1)
    cut = [i for i, (_, _, w) in enumerate(placement) if w < fulls[i] - 0.01]
    # the most cut first: they need the most room, and the room is there before others take it
    for i in sorted(cut, key=lambda i: (placement[i][2] - fulls[i], xs[i])):
        room.place(i, fulls[i], lanes)
    return [(int(k), a, w) for k, a, w in room.boxes]
