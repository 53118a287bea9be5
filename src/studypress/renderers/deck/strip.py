"""A small inline SVG strip: where one event falls on its note's timeline.

Inline SVG lives in the field itself, so the card needs no media file. A fuzzy date (a
decade, a range) is drawn as a bar over the days it can mean, never as a fake point.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ...model import HistoricalDate
from .fieldhtml import escape

WIDTH = 300.0
HEIGHT = 34.0
PAD = 12.0  # room at each end so end markers are not clipped
AXIS_Y = 14.0


@dataclass(frozen=True)
class Span:
    """The days one date can mean, as ordinals (inclusive)."""

    start: int
    end: int

    @classmethod
    def of(cls, date: HistoricalDate) -> Span:
        return cls(date.earliest.ordinal(), date.latest.ordinal())


def year_label(year: int) -> str:
    """A year for the axis ends: ``1917``, ``509 BCE`` (historical numbering, no year 0)."""
    return f"{-year} BCE" if year < 0 else str(year)


def _step(year: int, by: int) -> int:
    """The year ``by`` years on, skipping the year 0 that historical numbering lacks."""
    out = year + by
    return out + by if out == 0 else out


def _fmt(x: float) -> str:
    # One decimal is plenty at this size, and fixed formatting keeps output byte-stable.
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def strip_svg(this: HistoricalDate, dates: Sequence[HistoricalDate], label: str) -> str:
    """The SVG for ``this`` among every dated event of the note (``dates``, including it).

    ``label`` is the accessible description (already plain text; escaped here).
    """
    spans = [Span.of(d) for d in dates] or [Span.of(this)]
    lo = min(s.start for s in spans)
    hi = max(s.end for s in spans)
    first = min(dates, key=lambda d: d.earliest.ordinal()) if dates else this
    last = max(dates, key=lambda d: d.latest.ordinal()) if dates else this
    start_year, end_year = first.earliest.year, last.latest.year
    if hi - lo < 366:  # a single point in time: show a year either side
        lo -= 366
        hi += 366
        start_year, end_year = _step(start_year, -1), _step(end_year, 1)
    scale = (WIDTH - 2 * PAD) / (hi - lo)

    def x(day: int) -> float:
        return PAD + (day - lo) * scale

    parts = [
        f'<svg class="strip" xmlns="http://www.w3.org/2000/svg" width="{_fmt(WIDTH)}" '
        f'height="{_fmt(HEIGHT)}" viewBox="0 0 {_fmt(WIDTH)} {_fmt(HEIGHT)}" role="img" '
        f'aria-label="{escape(label)}">',
        f"<title>{escape(label)}</title>",
        f'<line class="axis" x1="{_fmt(PAD)}" y1="{_fmt(AXIS_Y)}" x2="{_fmt(WIDTH - PAD)}" '
        f'y2="{_fmt(AXIS_Y)}" stroke="#999" stroke-width="1"/>',
    ]
    for mid in sorted({round(x((s.start + s.end) / 2), 1) for s in spans}):
        parts.append(f'<line class="tick" x1="{_fmt(mid)}" y1="{_fmt(AXIS_Y - 3)}" '
                     f'x2="{_fmt(mid)}" y2="{_fmt(AXIS_Y + 3)}" stroke="#bbb" stroke-width="1"/>')
    here = Span.of(this)
    x0, x1 = x(here.start), x(here.end + 1)
    if x1 - x0 >= 4:
        parts.append(f'<rect class="here" x="{_fmt(x0)}" y="{_fmt(AXIS_Y - 4)}" '
                     f'width="{_fmt(x1 - x0)}" height="8" rx="2" fill="#c0392b" '
                     f'fill-opacity="0.75"/>')
    else:
        parts.append(f'<circle class="here" cx="{_fmt((x0 + x1) / 2)}" cy="{_fmt(AXIS_Y)}" '
                     f'r="4" fill="#c0392b"/>')
    parts.append(f'<text class="end" x="{_fmt(PAD)}" y="{_fmt(HEIGHT - 3)}" font-size="10" '
                 f'fill="#666">{escape(year_label(start_year))}</text>')
    parts.append(f'<text class="end" x="{_fmt(WIDTH - PAD)}" y="{_fmt(HEIGHT - 3)}" '
                 f'font-size="10" fill="#666" text-anchor="end">'
                 f"{escape(year_label(end_year))}</text>")
    parts.append("</svg>")
    return "".join(parts)
