"""A small inline SVG strip: where one event falls on its note's timeline.

Inline SVG lives in the field itself, so the card needs no media file. A fuzzy date (a
decade, a range) is drawn as a bar over the days it can mean, never as a fake point.
"""

from __future__ import annotations

from collections.abc import Sequence

from ... import timeaxis
from ...model import HistoricalDate
from .fieldhtml import escape

WIDTH = 300.0
HEIGHT = 34.0
PAD = 12.0  # room at each end so end markers are not clipped
AXIS_Y = 14.0
TICK_BINS = 92  # 3 px apart


def _fmt(x: float) -> str:
    # One decimal is plenty at this size, and fixed formatting keeps output byte-stable.
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


class Strip:
    """The axis of one note's timeline, worked out once; ``svg`` draws one event on it."""

    def __init__(self, dates: Sequence[HistoricalDate]) -> None:
        if not dates:
            raise ValueError("a timeline strip needs at least one date")
        lo, hi = timeaxis.days_range(dates)
        start_year = min(dates, key=lambda d: d.earliest.ordinal()).earliest.year
        end_year = max(dates, key=lambda d: d.latest.ordinal()).latest.year
        if hi - lo <= 366:  # a single point in time: show a year either side
            lo, hi = lo - 366, hi + 366
            start_year, end_year = timeaxis.year_after(start_year, -1), timeaxis.year_after(
                end_year, 1)
        self.axis = timeaxis.linear_axis(lo, hi, PAD, WIDTH - PAD)
        self.start_label, self.end_label = timeaxis.end_labels(start_year, end_year)
        # Every event as a tick, on a grid of TICK_BINS steps: a note of hundreds of events
        # still gives one short path per card; ticks closer than a step are one mark anyway.
        step = (WIDTH - 2 * PAD) / TICK_BINS
        ticks = sorted({round((self.axis.x(sum(timeaxis.days(d)) / 2) - PAD) / step)
                        for d in dates})
        self.ticks = "".join(f"M{_fmt(PAD + t * step)} {_fmt(AXIS_Y - 3)}v6" for t in ticks)

    def svg(self, this: HistoricalDate, label: str) -> str:
        """The strip with ``this`` marked; ``label`` is its accessible description (plain
        text, escaped here)."""
        a, b = timeaxis.days(this)
        x0, x1 = self.axis.x(a), self.axis.x(b)
        if x1 - x0 >= 4:
            mark = (f'<rect class="here" x="{_fmt(x0)}" y="{_fmt(AXIS_Y - 4)}" '
                    f'width="{_fmt(x1 - x0)}" height="8" rx="2" fill="#c0392b" '
                    f'fill-opacity="0.75"/>')
        else:
            mark = (f'<circle class="here" cx="{_fmt((x0 + x1) / 2)}" cy="{_fmt(AXIS_Y)}" '
                    f'r="4" fill="#c0392b"/>')
        return "".join((
            f'<svg class="strip" xmlns="http://www.w3.org/2000/svg" width="{_fmt(WIDTH)}" '
            f'height="{_fmt(HEIGHT)}" viewBox="0 0 {_fmt(WIDTH)} {_fmt(HEIGHT)}" role="img" '
            f'aria-label="{escape(label)}">',
            f"<title>{escape(label)}</title>",
            f'<line class="axis" x1="{_fmt(PAD)}" y1="{_fmt(AXIS_Y)}" x2="{_fmt(WIDTH - PAD)}" '
            f'y2="{_fmt(AXIS_Y)}" stroke="#999" stroke-width="1"/>',
            f'<path class="ticks" d="{self.ticks}" stroke="#bbb" stroke-width="1" '
            f'fill="none"/>',
            mark,
            f'<text class="end" x="{_fmt(PAD)}" y="{_fmt(HEIGHT - 3)}" font-size="10" '
            f'fill="#666">{escape(self.start_label)}</text>',
            f'<text class="end" x="{_fmt(WIDTH - PAD)}" y="{_fmt(HEIGHT - 3)}" '
            f'font-size="10" fill="#666" text-anchor="end">{escape(self.end_label)}</text>',
            "</svg>",
        ))


def strip_svg(this: HistoricalDate, dates: Sequence[HistoricalDate], label: str) -> str:
    """The SVG for ``this`` among every dated event of the note (``dates``, including it)."""
    return Strip(list(dates) or [this]).svg(this, label)
