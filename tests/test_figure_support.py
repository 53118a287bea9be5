"""Shared helpers for the figure tests (no tests here): generated events, overlap checks."""

from __future__ import annotations

from studypress.figure.shapes import Box, Layout
from studypress.model import Day, Event, HistoricalDate, Person, Precision, SpanKind, Text

_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def date(year: int, precision: str = "year", month: int = 1, day: int = 1, *,
         years: int = 0, approximate: bool = False) -> HistoricalDate:
    """A HistoricalDate as the reader would make it (year -44 is 44 BCE; no year 0)."""
    if year == 0:
        year = 1
    month = min(max(month, 1), 12)
    day = min(max(day, 1), _DAYS[month - 1])
    prec = Precision(precision)
    if prec == Precision.DAY:
        first = last = Day(year, month, day)
    elif prec in (Precision.MONTH, Precision.SEASON):
        first, last = Day(year, month, 1), Day(year, month, _DAYS[month - 1])
    elif prec == Precision.YEAR:
        first, last = Day(year, 1, 1), Day(year, 12, 31)
    elif prec == Precision.DECADE:
        start = year - year % 10 or 1
        first, last = Day(start, 1, 1), Day(start + 9 if start + 9 != 0 else 1, 12, 31)
    else:
        start = year - year % 100 or 1
        first, last = Day(start, 1, 1), Day(start + 99 if start + 99 != 0 else 1, 12, 31)
    if years:
        end = last.year + years
        end = end + 1 if last.year < 0 <= end else end
        last = Day(end if end != 0 else 1, last.month, last.day)
    shown = f"{'c. ' if approximate else ''}{abs(year)}{' BCE' if year < 0 else ''}"
    return HistoricalDate(shown, first, last, prec, "x", shown, approximate=approximate,
                          is_range=bool(years))


def event(when: HistoricalDate | None, words: str, line: int = 1, group: str | None = None
          ) -> Event:
    return Event(when, (Text(words),), line, group=group)


def person(name: str, span: HistoricalDate | None, kind: SpanKind = SpanKind.LIFE) -> Person:
    return Person(name, 1, span=span, span_kind=kind)


def overlapping_pairs(boxes: list[Box]) -> list[tuple[Box, Box]]:
    """Every pair of boxes sharing an area (a sweep over x, fast enough for thousands)."""
    order = sorted(boxes, key=lambda b: b.x0)
    out: list[tuple[Box, Box]] = []
    for i, a in enumerate(order):
        for b in order[i + 1:]:
            if b.x0 >= a.x1 - 0.01:
                break
            if a.overlaps(b):
                out.append((a, b))
    return out


def crossings(boxes: list[Box], shapes: list[Box]) -> list[tuple[Box, Box]]:
    """Text boxes that meet a shape."""
    order = sorted(shapes, key=lambda b: b.x0)
    out: list[tuple[Box, Box]] = []
    for t in boxes:
        for s in order:
            if s.x0 >= t.x1:
                break
            if t.overlaps(s):
                out.append((t, s))
    return out


def check_layout(lay: Layout) -> None:
    """What every figure must satisfy: text inside the figure, no text over text, a marker
    or a bar; stems clear of every label but their own; every event drawn."""
    frame = lay.frame
    texts = lay.text_boxes()
    outside = [b for b in texts if not b.inside(frame)]
    assert not outside, f"text outside the figure: {outside[:3]}"
    pairs = overlapping_pairs(texts)
    assert not pairs, f"overlapping text: {pairs[:3]}"
    hits = crossings(texts, lay.shape_boxes())
    assert not hits, f"text over a mark: {hits[:3]}"
    for b in lay.shape_boxes():
        assert b.inside(frame), f"mark outside the figure: {b}"
    for lab in lay.labels:
        if lab.stem is None:
            continue
        x, y0, y1 = lab.stem
        for other in lay.labels:
            if other is lab or other.stem is None:
                continue
            o = other.box
            assert not (o.x0 + 0.01 < x < o.x1 - 0.01 and y0 < o.y0 < y1), (
                f"the stem of {lab.text!r} crosses {other.text!r}")
    drawn = sorted(i for lab in lay.labels if lab.role in ("event", "number") for i in lab.events)
    assert drawn == sorted(m.event for m in lay.markers), "an event lost its label"
    listed = [i for lab in lay.labels if lab.role == "undated" for i in lab.events]
    assert not set(listed) & set(drawn), "an undated event drawn on the axis"
    if lay.numbered and lay.labels and any(lab.role == "key" for lab in lay.labels):
        keyed = sorted(i for lab in lay.labels if lab.role == "key" for i in lab.events)
        assert keyed == sorted(m.event for m in lay.markers), "an event is missing from the key"


def whole_fits_beside(lay: Layout, lab, whole: float, *, margin: float = 4.0,
                      pad: float = 1.5, gap: float = 4.0) -> bool:
    """Would a label ``whole`` points wide fit in ``lab``'s lane, on either side of its stem,
    without meeting another text box or another label's stem and within the margins?"""
    x = lab.stem[0]
    b = lab.box
    left, right = margin, lay.width - margin
    sgap = min(pad, gap) * 0.6
    for other in lay.labels:
        if other is lab:
            continue
        o = other.box
        if o.y0 < b.y1 - 0.01 and b.y0 < o.y1 - 0.01:  # a box beside it
            if o.x0 >= x:
                right = min(right, o.x0 - gap)
            elif o.x1 <= x:
                left = max(left, o.x1 + gap)
        if other.stem is not None and other.stem[1] < b.y0 + 0.01 < other.stem[2]:
            if other.stem[0] > x:  # a stem rising past it to a label above
                right = min(right, other.stem[0] - sgap)
            else:
                left = max(left, other.stem[0] + sgap)
    return x + pad + whole <= right + 0.01 or x - pad - whole >= left - 0.01


def cut_with_room(lay: Layout, events) -> list[str]:
    """Event labels cut short although their whole wording had room beside them."""
    from studypress.figure.text import ELLIPSIS, clean, default_fontset
    from studypress.model import plain_text

    fs = default_fontset()
    out: list[str] = []
    for lab in lay.labels:
        if lab.role != "event" or not lab.text.endswith(ELLIPSIS) or len(lab.parts) < 2:
            continue
        date = lab.parts[0].text.strip()
        words = clean(plain_text(events[lab.events[0]].text))
        whole = fs.width(date, lab.size, True) + fs.width(" " + words, lab.size)
        if whole_fits_beside(lay, lab, whole):
            out.append(lab.text)
    return out
