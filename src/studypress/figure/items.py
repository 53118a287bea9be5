"""The figure's input in day numbers: each event's interval and kind, each person's span.

Days are ``Day.ordinal()`` numbers; an interval is ``[first day, last day + 1)``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from ..model import Event, Person, Precision, plain_text
from .byidentity import ByIdentity
from .datelabel import date_label
from .text import clean

DaySpan = tuple[int, int]


@dataclass(frozen=True)
class Item:
    """One event as the figure sees it."""

    index: int
    date_text: str
    text: str
    span: DaySpan | None  # [first day, last day + 1)
    kind: str  # point, range, span or undated (see ``Marker``)
    approximate: bool


@dataclass(frozen=True)
class Page:
    """One page of a figure continued over several: the dated events it shows (indices into
    the note's events), the people drawn on it, whether the undated list is on it, the number of
    its first numbered mark, and its "continued" line at the top."""

    events: Collection[int]
    people: Collection[int] | None = None  # None: every person the figure keeps
    undated: bool | Collection[int] = False  # True: every undated event; or those listed
    first_number: int = 1
    header: str = ""


def items(events: Sequence[Event], date_style: str, language: str = "en") -> list[Item]:
    """The figure's view of each event, in the order given, dates labelled in ``date_style``."""
    if not isinstance(events, tuple):  # a list may change: made afresh
        return _make(events, date_style, language)
    # Every layout of a figure (each candidate page of a long one) starts from the same
    # events: known by the tuple itself, not by hashing every event in it again.
    made = _MADE.get((events,), lambda: tuple(_make(events, date_style, language)),
                     (date_style, language))
    return list(made)


_MADE: ByIdentity[tuple[Item, ...]] = ByIdentity(32)  # by the events and the date style


def _make(events: Sequence[Event], date_style: str, language: str) -> list[Item]:
    out: list[Item] = []
    for i, ev in enumerate(events):
        words = clean(plain_text(ev.text)) or "(no text)"
        d = ev.date
        if d is None:
            out.append(Item(i, "undated", words, None, "undated", False))
            continue
        a, b = d.earliest.ordinal(), d.latest.ordinal() + 1
        if b <= a:
            b = a + 1
        if d.precision == Precision.DAY and not d.is_range and b - a == 1:
            kind = "point"
        elif d.precision == Precision.DAY:
            kind = "range"
        else:
            kind = "span"
        out.append(Item(i, date_label(d, date_style, language), words, (a, b), kind,
                        d.approximate or d.uncertain))
    return out


def person_spans(people: Sequence[Person]) -> list[DaySpan | None]:
    """Each person's span as days (at least one day long), or None."""
    if not isinstance(people, tuple):  # a list may change: made afresh
        return _spans(people)
    return list(_SPANS.get((people,), lambda: tuple(_spans(people))))


_SPANS: ByIdentity[tuple[DaySpan | None, ...]] = ByIdentity(32)  # every layout asks again


def _spans(people: Sequence[Person]) -> list[DaySpan | None]:
    out: list[DaySpan | None] = []
    for p in people:
        if p.span is None:
            out.append(None)
            continue
        a, b = p.span.earliest.ordinal(), p.span.latest.ordinal() + 1
        out.append((a, max(b, a + 1)))
    return out


def axis_spans(its: list[Item], people: list[DaySpan | None]
               ) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """The spans the axis must show and the events' own spans (its weights).

    Events decide the axis's range; people's spans inside it help find empty stretches. With
    no dated event, people's spans make the axis.
    """
    spans = [it.span for it in its if it.span is not None]
    if spans:
        lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
        extra = [(max(s[0], lo), min(s[1], hi)) for s in people
                 if s and s[0] < hi and s[1] > lo and s[1] - s[0] > 1]
        shown = [*spans, *extra]
    else:
        shown = [s for s in people if s]
    weights = [(float(it.span[0]), float(it.span[1])) for it in its if it.span]
    return [(float(a), float(b)) for a, b in shown], weights
