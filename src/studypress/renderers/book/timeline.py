"""The whole project as one note for the timeline figure: every note's events, each under its
note's title (the figure draws a note's stretch of time as a titled band), and every person
once, with the events of all the notes that name them."""

from __future__ import annotations

from dataclasses import replace

from ...model import Event, Note, Person


def combined_note(notes: list[Note], title: str) -> Note:
    """One note holding the events and people of ``notes``, in their order."""
    events: list[Event] = []
    people: dict[str, Person] = {}
    for note in notes:
        start = len(events)
        band = note.title or note.id
        events.extend(replace(e, group=band) for e in note.events)
        for person in note.people:
            moved = tuple(start + i for i in person.events)
            seen = people.get(person.name)
            if seen is None:
                people[person.name] = replace(person, events=moved)
            else:  # the same person in another note: one bar, with all their events
                people[person.name] = replace(
                    seen, events=seen.events + moved, span=seen.span or person.span)
    return Note(id="book", title=title, source="", events=tuple(events),
                people=tuple(people.values()))
