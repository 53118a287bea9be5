"""Who the handout lists and how: the cast's order, a name in another script, where each
person appears."""

from __future__ import annotations

import unicodedata

from ...collation import collation_key
from ...model import Note, Person
from ..pdf.people import appearances as _appearances


def order_people(note: Note, order: str) -> list[Person]:
    """The cast in the chosen order: first appearance in the timeline, by name, or as written."""
    people = list(note.people)
    if order == "name":
        return sorted(people, key=lambda p: collation_key(p.name, note.metadata.language))
    if order == "first-appearance":
        never = len(note.events)
        return sorted(people, key=lambda p: min(p.events, default=never))  # stable: note order
    return people


def is_latin(value: str) -> bool:
    """True when every letter of ``value`` is Latin (accents allowed)."""
    return all(unicodedata.name(ch, "").startswith("LATIN") for ch in value if ch.isalpha())


def other_script_name(person: Person) -> str | None:
    """The first alias written in a non-Latin script (Лев Троцкий for Leon Trotsky), if any."""
    return next((a for a in person.aliases if a.strip() and not is_latin(a)), None)


def appearances(person: Person, note: Note, undated: str = "undated") -> list[str]:
    """The dates of the events that mention the person, in timeline order, without repeats."""
    return [label for label, _ in appearance_lines(person, note, undated)]


def appearance_lines(person: Person, note: Note, undated: str = "undated"
                     ) -> list[tuple[str, int]]:
    """``appearances`` with the source line of the (first) event each label comes from."""
    return [(a.label(undated), a.line) for a in _appearances(person, note)]
