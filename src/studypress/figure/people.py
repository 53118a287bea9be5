"""People's lanes below the axis: each person's bar (or birth/death mark) with the name above."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .. import timeaxis
from ..model import HistoricalDate, Person, SpanKind
from .datelabel import date_label
from .items import DaySpan
from .style import Style
from .text import FontSet, clean


@dataclass(frozen=True)
class PersonRow:
    """One person's bar and label, in the lane they take."""

    lane: int
    person: int  # index into the people given
    x0: float  # the bar
    x1: float
    kind: str  # bar, birth, death
    text: str
    clipped_left: bool
    clipped_right: bool
    approximate: bool
    label_x: float
    label_w: float

    def in_lane(self, lane: int) -> PersonRow:
        """The row in ``lane`` (``dataclasses.replace``, which costs more per row)."""
        if lane == self.lane:
            return self
        return PersonRow(lane=lane, person=self.person, x0=self.x0, x1=self.x1,
                         kind=self.kind, text=self.text, clipped_left=self.clipped_left,
                         clipped_right=self.clipped_right, approximate=self.approximate,
                         label_x=self.label_x, label_w=self.label_w)


def people_rows(people: Sequence[Person], spans: list[DaySpan | None], ax: timeaxis.Axis,
                style: Style, fs: FontSet, width: float) -> list[PersonRow]:
    """Lane, extent and label of each person with a span; the name sits above the bar."""
    if not ax.dated:
        return []
    placed: list[PersonRow] = []
    for pi, (p, s) in enumerate(zip(people, spans, strict=True)):
        if s is not None and p.span is not None:
            placed.append(_row(pi, p, p.span, s, ax, style, fs, width))
    ends: list[float] = []
    out: list[PersonRow] = []
    for row in sorted(placed, key=lambda r: (min(r.x0, r.label_x), r.person)):
        x0, x1 = min(row.x0, row.label_x), max(row.x1, row.label_x + row.label_w)
        for lane, end in enumerate(ends):
            if end + 6.0 <= x0:
                ends[lane] = x1
                break
        else:
            ends.append(x1)
            lane = len(ends) - 1
        out.append(row.in_lane(lane))
    out.sort(key=lambda r: (r.lane, r.x0))
    return out


def _row(pi: int, p: Person, date: HistoricalDate, s: DaySpan, ax: timeaxis.Axis,
         style: Style, fs: FontSet, width: float) -> PersonRow:
    """A person's bar and label (``date`` is their span), not yet given a lane."""
    a, b = s
    name = clean(p.name) or "(unnamed)"
    x_a, x_b = ax.x(a), ax.x(b)
    clip_l, clip_r = a < ax.d0, b > ax.d1
    off = b <= ax.d0 or a >= ax.d1
    if p.span_kind in (SpanKind.BIRTH, SpanKind.DEATH):
        kind = "death" if p.span_kind == SpanKind.DEATH else "birth"
        mark = style.say("died" if kind == "death" else "born")
        shown = date_label(date, style.date_style, style.language)
        text = f"{name} ({mark} {shown})"
        x = (x_a + x_b) / 2
        bx0, bx1 = x - 3.0, x + 3.0
        clip_l = clip_r = False
        if off:
            text = f"{name} ({mark} {shown}, {style.say('off_axis')})"
    else:
        kind = "bar"
        text = name
        if off:  # wholly off the axis: a stub with an arrow
            text = f"{name} ({date_label(date, style.date_style, style.language)})"
            if b <= ax.d0:
                x_a, x_b = ax.x0, ax.x0 + 8.0
            else:
                x_a, x_b = ax.x1 - 8.0, ax.x1
        if x_b - x_a < 4.0:
            mid = (x_a + x_b) / 2
            x_a, x_b = mid - 2.0, mid + 2.0
        bx0, bx1 = x_a, x_b
    size = style.person_font_size
    margin = style.margin
    text = fs.fit(text, width - 2 * margin, size)
    lw = fs.width(text, size)
    lx = min(max(bx0, margin), width - margin - lw)
    return PersonRow(0, pi, bx0, bx1, kind, text, clip_l, clip_r,
                     date.approximate or date.uncertain, lx, lw)


def kept_people(people: Sequence[Person], spans: list[DaySpan | None],
                limit: int) -> list[DaySpan | None]:
    """``spans`` with only the ``limit`` people the figure keeps: those most mentioned in the
    events, then the longest lived (or serving); the others' spans become None (not drawn).
    Everyone is kept when ``limit`` is 0."""
    dated = [i for i, s in enumerate(spans) if s is not None]
    if not limit or len(dated) <= limit:
        return list(spans)

    def rank(i: int) -> tuple[int, int, int]:
        a, b = spans[i] or (0, 0)
        return (-len(people[i].events), -(b - a), i)

    keep = set(sorted(dated, key=rank)[:limit])
    return [s if i in keep else None for i, s in enumerate(spans)]


def left_out_note(left_out: int, total: int, style: Style | None = None) -> str:
    """The caption line saying how many people the figure leaves out."""
    return (style or Style()).say("people_left_out", shown=total - left_out, total=total,
                                  left_out=left_out)
