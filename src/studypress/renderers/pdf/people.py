"""What every renderer says about a person beyond their own lines: the span as a student reads
it and the dates the person appears at. One place, so the guide and the handout agree."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ...model import Note, Person, SpanKind

_PREFIX = {SpanKind.BIRTH: "born", SpanKind.DEATH: "died"}


def span_prefix(person: Person) -> str | None:
    """The wording key ("born", "died") a span needs before it, or None (a life or tenure)."""
    return _PREFIX.get(person.span_kind) if person.span is not None else None


def span_label(person: Person, texts: Mapping[str, str]) -> str:
    """The span as a student reads it: ``1933–1945``, ``b. 1890``, ``d. 71 BCE``; or ''.
    ``texts`` holds the layout's wording for "born" and "died"."""
    if person.span is None:
        return ""
    prefix = span_prefix(person)
    return f"{texts[prefix]} {person.span.display}" if prefix else person.span.display


@dataclass(frozen=True)
class Appearance:
    """One place a person appears: an event's date as written or, for an undated event, the
    heading it sat under ('' when none); and the source line of the first such event."""

    text: str
    line: int
    undated: bool = False

    def label(self, undated: str = "undated") -> str:
        """As printed: the date, ``Post-Recognition (undated)``, or the bare ``undated``."""
        if not self.undated:
            return self.text
        return f"{self.text} ({undated})" if self.text else undated


def appearances(person: Person, note: Note) -> list[Appearance]:
    """Where the events that mention the person fall, in timeline (note) order, each once."""
    seen: dict[tuple[str, bool], Appearance] = {}
    for event in note.events_of(person):
        if event.date is not None:
            found = Appearance(event.date.display, event.line)
        else:
            found = Appearance(event.group or "", event.line, undated=True)
        seen.setdefault((found.text, found.undated), found)
    return list(seen.values())
