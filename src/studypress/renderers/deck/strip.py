"""A small inline SVG strip: where one event falls on its note's timeline.

Inline SVG lives in the field itself, so the card needs no media file. The strip spans the
card's width (the CSS scales its view box); labelled ticks at the calendar step the time axis
chooses for the room there is (``timeaxis.choose_ticks``), the event's own date written above
its mark, and every other event of the note as a small mark. A fuzzy date (a decade, a range)
is drawn as a bar over the days it can mean, never as a fake point. Colours come from the
card's CSS (classes below); the attributes are what a viewer without it falls back on.
"""

from __future__ import annotations

from collections.abc import Sequence

from ... import timeaxis
from ...model import HistoricalDate
from .fieldhtml import escape

WIDTH = 400.0
HEIGHT = 62.0
PAD = 16.0  # room at each end so end marks and centred labels are not clipped
AXIS_Y = 30.0
LABEL_Y = 16.0  # baseline of the event's own date, above the axis
TICK_Y = 55.0  # baseline of the tick labels, below it
TICK_FONT = 14.0
DATE_FONT = 15.0
TICK_BINS = 130  # about 3 units apart: the other events' marks, merged when closer
FALLBACK_GREY = "#6b6b6b"  # 5.3:1 on white, for a viewer without the card's CSS
FALLBACK_MARK = "#1d5aa6"


def _fmt(x: float) -> str:
    # One decimal is plenty at this size, and fixed formatting keeps output byte-stable.
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _width(label: str, size: float = TICK_FONT) -> float:
    # A serif digit or letter averages about 0.55 em; a little over is safer than overlap.
    return len(label) * size * 0.58


class Strip:
    """The axis of one note's timeline, worked out once; ``svg`` draws one event on it."""

    def __init__(self, dates: Sequence[HistoricalDate], language: str = "en") -> None:
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
        # the era words and tick labels in the note's language ("v. Chr.", "до н. э.")
        self.start_label, self.end_label = timeaxis.end_labels(start_year, end_year, language)
        ticks = timeaxis.choose_ticks(self.axis, _width, gap=10.0, language=language)
        self.scale = "".join(
            f'<text class="tick" x="{_fmt(t.x)}" y="{_fmt(TICK_Y)}" font-size="{_fmt(TICK_FONT)}"'
            f' fill="{FALLBACK_GREY}" text-anchor="middle">{escape(t.label)}</text>'
            for t in ticks if _width(t.label) / 2 <= t.x <= WIDTH - _width(t.label) / 2)
        self.tick_marks = "".join(f"M{_fmt(t.x)} {_fmt(AXIS_Y)}v6" for t in ticks)
        # Every event as a small mark above the axis (the ticks hang below it), on a grid of
        # TICK_BINS steps: a note of hundreds of events still gives one short path per card;
        # marks closer than a step are one anyway.
        step = (WIDTH - 2 * PAD) / TICK_BINS
        bins = sorted({round((self.axis.x(sum(timeaxis.days(d)) / 2) - PAD) / step)
                       for d in dates})
        self.others = "".join(f"M{_fmt(PAD + b * step)} {_fmt(AXIS_Y - 7)}v7" for b in bins)

    def _mark(self, x0: float, x1: float) -> str:
        if x1 - x0 >= 5:
            return (f'<rect class="here" x="{_fmt(x0)}" y="{_fmt(AXIS_Y - 5)}" '
                    f'width="{_fmt(x1 - x0)}" height="10" rx="2" fill="{FALLBACK_MARK}" '
                    f'fill-opacity="0.8"/>')
        return (f'<circle class="here" cx="{_fmt((x0 + x1) / 2)}" cy="{_fmt(AXIS_Y)}" '
                f'r="5" fill="{FALLBACK_MARK}"/>')

    def _own_label(self, text: str, x: float) -> str:
        # Centred over its mark, but kept inside the strip near either end.
        half = _width(text, DATE_FONT) / 2
        if x - half < 2:
            anchor, x = "start", max(x - 6, 2.0)
        elif x + half > WIDTH - 2:
            anchor, x = "end", min(x + 6, WIDTH - 2)
        else:
            anchor = "middle"
        return (f'<text class="this" x="{_fmt(x)}" y="{_fmt(LABEL_Y)}" '
                f'font-size="{_fmt(DATE_FONT)}" font-weight="bold" fill="currentColor" '
                f'text-anchor="{anchor}">{escape(text)}</text>')

    def svg(self, this: HistoricalDate, label: str) -> str:
        """The strip with ``this`` marked; ``label`` is its accessible description (plain
        text, escaped here)."""
        a, b = timeaxis.days(this)
        x0, x1 = self.axis.x(a), self.axis.x(b)
        return "".join((
            f'<svg class="strip" xmlns="http://www.w3.org/2000/svg" width="{_fmt(WIDTH)}" '
            f'height="{_fmt(HEIGHT)}" viewBox="0 0 {_fmt(WIDTH)} {_fmt(HEIGHT)}" role="img" '
            f'aria-label="{escape(label)}">',
            f"<title>{escape(label)}</title>",
            f'<line class="axis" x1="{_fmt(PAD)}" y1="{_fmt(AXIS_Y)}" x2="{_fmt(WIDTH - PAD)}" '
            f'y2="{_fmt(AXIS_Y)}" stroke="{FALLBACK_GREY}" stroke-width="1"/>',
            f'<path class="ticks" d="{self.tick_marks}" stroke="{FALLBACK_GREY}" '
            f'stroke-width="1" fill="none"/>',
            f'<path class="others" d="{self.others}" stroke="{FALLBACK_MARK}" '
            f'stroke-width="2" stroke-opacity="0.5" fill="none"/>',
            self._mark(x0, x1),
            self._own_label(this.display, (x0 + x1) / 2),
            self.scale,
            "</svg>",
        ))


def strip_svg(this: HistoricalDate, dates: Sequence[HistoricalDate], label: str) -> str:
    """The SVG for ``this`` among every dated event of the note (``dates``, including it)."""
    return Strip(list(dates) or [this]).svg(this, label)
