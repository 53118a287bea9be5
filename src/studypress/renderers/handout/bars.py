"""The people's time bars on the sheet: the note's time axis, where a person's span and
appearances fall on it, and the bar that draws them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable

from ... import timeaxis
from ...model import Day, HistoricalDate, Note, Person, SpanKind
from .settings import Settings


@dataclass(frozen=True)
class Axis:
    """The note's time range: day ordinals [lo, hi), and its first and last day."""

    lo: float
    hi: float
    first: Day
    last: Day

    @property
    def line(self) -> timeaxis.Axis:
        """The range drawn over a bar one unit wide."""
        return timeaxis.linear_axis(self.lo, self.hi, 0.0, 1.0)


def time_axis(note: Note) -> Axis | None:
    """The range of the note's dated events and people's spans; None when nothing is dated."""
    dates = [e.date for e in note.events if e.date is not None]
    dates += [p.span for p in note.people if p.span is not None]
    if not dates:
        return None
    first = min((d.earliest for d in dates), key=Day.ordinal)
    last = max((d.latest for d in dates), key=Day.ordinal)
    # a single day or month would make every mark fill the bar
    lo, hi = timeaxis.widened(*timeaxis.days_range(dates), 366)
    return Axis(lo, hi, first, last)


@dataclass(frozen=True)
class BarMark:
    """A mark on a person's time bar: a span or an event."""

    start: float  # fraction of the axis, 0..1
    end: float
    kind: str  # "span" or "event"


def bar_marks(person: Person, note: Note, axis: Axis) -> list[BarMark]:
    """Where the person's span and dated appearances fall on the note's time axis."""
    line = axis.line

    def mark(date: HistoricalDate, kind: str) -> BarMark:
        a, b = timeaxis.days(date)
        return BarMark(line.x(a), line.x(b), kind)

    marks: list[BarMark] = []
    # a birth or death date alone is no "life or office" band; the label says b./d.
    if person.span is not None and person.span_kind not in (SpanKind.BIRTH, SpanKind.DEATH):
        marks.append(mark(person.span, "span"))
    for event in note.events_of(person):
        if event.date is not None:
            marks.append(mark(event.date, "event"))
    return marks


def axis_labels(axis: Axis, language: str = "en") -> tuple[str, str]:
    """The first and last year of an axis: ``1917``/``1945``, ``535 BCE``/``14 CE``."""
    return timeaxis.end_labels(axis.first.year, axis.last.year, language)


class Bar(Flowable):
    """The person's span (a light band) and appearances (dark ticks) on the note's time axis."""

    def __init__(self, marks: list[BarMark], height: float, settings: Settings,
                 space_before: float) -> None:
        super().__init__()
        self.marks, self.bar_h, self.settings = marks, height, settings
        self.spaceBefore = space_before

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = aw, self.bar_h
        return aw, self.bar_h

    def draw(self) -> None:
        draw_bar(self.canv, 0, 0, self.width, self.bar_h, self.marks, self.settings)


def draw_bar(c: Any, x: float, y: float, w: float, h: float, marks: list[BarMark],
             s: Settings) -> None:
    """A time bar: a thin track, span bands, event ticks (each at least visible)."""
    mid = y + h / 2
    c.saveState()
    c.setStrokeColor(s.color("bar_track"))
    c.setLineWidth(max(0.6, h * 0.18))
    c.setLineCap(1)
    c.line(x, mid, x + w, mid)
    for kind, color, min_w, band in (("span", "bar_span", 2.0, h * 0.62),
                                     ("event", "bar_event", 1.3, h)):
        c.setFillColor(s.color(color))
        for m in marks:
            if m.kind != kind:
                continue
            x0, x1 = x + m.start * w, x + m.end * w
            if x1 - x0 < min_w:
                centre = (x0 + x1) / 2
                x0 = min(max(x, centre - min_w / 2), x + w - min_w)
                x1 = x0 + min_w
            c.rect(x0, mid - band / 2, x1 - x0, band, stroke=0, fill=1)
    c.restoreState()
