"""Finding items of a read note by what they say, so reader tests follow content, not positions."""

from __future__ import annotations

from studypress.model import Event, Note, Person, plain_text


def event(note: Note, start: str) -> Event:
    """The one event whose text starts with ``start``."""
    found = [e for e in note.events if plain_text(e.text).startswith(start)]
    assert len(found) == 1, f"{len(found)} events start with {start!r}"
    return found[0]


def person(note: Note, name: str) -> Person:
    """The one person of that name."""
    found = [p for p in note.people if p.name == name]
    assert len(found) == 1, f"{len(found)} people named {name!r}"
    return found[0]


def mentions(note: Note, name: str) -> list[str]:
    """The first three words of every event that mentions the person, in note order."""
    return [" ".join(plain_text(e.text).split()[:3]) for e in note.events_of(person(note, name))]
