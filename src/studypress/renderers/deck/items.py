"""A note's content model → the Anki notes of its deck (items), each with its identity.

An item's key names what it is, never how it is worded: an event by its date and its rank
among events of that date (or its Obsidian ``^block-id``), a person by their normalised name,
a term by the term, a question by its number. The GUID is a hash of the key, so editing a text
keeps the card and its review history.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from ...model import (
    Diagnostic,
    Event,
    HistoricalDate,
    Note,
    Question,
    QuestionKind,
    Severity,
    plain_text,
)
from . import fieldhtml, naming, notetypes
from .notetypes import EVENT, PERSON, QUESTION, TERM, NoteTypeSpec
from .strip import Strip


@dataclass(frozen=True)
class Item:
    """One Anki note: its type, identity, field HTML (in the type's order) and tags."""

    spec: NoteTypeSpec
    key: str
    values: tuple[str, ...]
    tags: tuple[str, ...]
    label: str  # plain words for reports ("Event 1936: Joseph E. Davies replaces…")
    line: int

    @property
    def guid(self) -> str:
        return naming.guid(self.key)

    def field(self, name: str) -> str:
        return self.values[self.spec.fields.index(name)]

    def content_hash(self, include_derived: bool = False) -> str:
        """What an edit changes: the item's own fields and tags (neighbour-derived fields
        only when asked), so an untouched item keeps its modification time."""
        names = self.spec.fields if include_derived else self.spec.own_fields()
        data = [self.spec.name, [[n, self.field(n)] for n in names], list(self.tags)]
        blob = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()


@dataclass
class Settings:
    """The deck settings that shape items (from layouts/deck.toml)."""

    essay_cards: bool = False
    faq_cards: bool = True
    unanswered_cards: bool = False
    tag_prefix: str = "studypress"
    labels: Mapping[str, str] = field(default_factory=dict)

    def label(self, name: str, default: str) -> str:
        value = self.labels.get(name, default)
        return value if isinstance(value, str) else default

    @classmethod
    def from_toml(cls, data: Mapping[str, Any]) -> Settings:
        labels = data.get("labels", {})
        return cls(
            essay_cards=bool(data.get("essay_cards", False)),
            faq_cards=bool(data.get("faq_cards", True)),
            unanswered_cards=bool(data.get("unanswered_cards", False)),
            tag_prefix=str(data.get("tag_prefix", "studypress")).strip() or "studypress",
            labels=labels if isinstance(labels, Mapping) else {},
        )


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _source(note: Note, line: int) -> str:
    # The file name only: a deck is shared, and the folders above a note are nobody's business.
    name = PurePath(note.source.replace("\\", "/")).name
    return (f'<span class="note-title">{fieldhtml.escape(note.title)}</span> '
            f'<span class="where">{fieldhtml.escape(name)}:{int(line)}</span>')


_DATE_HEADING = re.compile(
    r"^(?:c\.\s*)?\d{1,4}s?(?:\s*(?:BCE|BC|CE|AD))?"
    r"(?:\s*[-–—]\s*\d{1,4}s?(?:\s*(?:BCE|BC|CE|AD))?)?\s*:?$", re.IGNORECASE)


def _group(event: Event) -> str:
    """The heading an event sat under, unless it is only a year ("1933"), which its date
    already says."""
    group = (event.group or "").strip()
    return "" if _DATE_HEADING.match(group) else group


def _date_html(event: Event) -> str:
    if event.date is None:
        return ""
    out = fieldhtml.escape(event.date.display)
    if event.date_note:
        out += f' <span class="date-note">{fieldhtml.escape(event.date_note)}</span>'
    return out


def _event_text(event: Event) -> str:
    body = fieldhtml.inline(event.text)
    if event.children:
        rows = []
        for child in event.children:
            when = (f'<span class="date">{fieldhtml.escape(child.date.display)}</span> '
                    if child.date else "")
            rows.append(f"<li>{when}{_event_text(child)}</li>")
        body += "<ul>" + "".join(rows) + "</ul>"
    return body


def _event_summary(event: Event) -> str:
    when = f"{event.date.display}: " if event.date else ""
    return _short(when + plain_text(event.text))


def _neighbour(event: Event, label: str, css: str) -> str:
    when = (f'<span class="date">{fieldhtml.escape(event.date.display)}</span> '
            if event.date else "")
    return (f'<div class="{css}"><span class="label">{fieldhtml.escape(label)}</span> '
            f"{when}{fieldhtml.inline(event.text)}</div>")


def _event_keys(note: Note) -> list[str]:
    """Each event's key: its block id, else its date and rank among events of that date."""
    seen: Counter[str] = Counter()
    keys: list[str] = []
    for event in note.events:
        if event.block_id:
            keys.append(f"{note.id}/event/^{event.block_id}")
            continue
        if event.date is not None:
            base = f"{note.id}/event/{event.date.edtf}"
        else:
            base = f"{note.id}/event/undated/{naming.slug(event.group or '')}"
        seen[base] += 1
        keys.append(f"{base}#{seen[base]}")
    return keys


def _same_date_hints(note: Note, settings: Settings) -> list[str]:
    """A hint for each event that shares its date with others, so a date → event card is
    never ambiguous: the group heading when that tells them apart, else its rank."""
    by_date: dict[str, list[int]] = {}
    for i, event in enumerate(note.events):
        if event.date is not None:
            by_date.setdefault(event.date.edtf, []).append(i)
    hints = [""] * len(note.events)
    template = settings.label("same_date_hint", "event {number} of {count} with this date")
    for indices in by_date.values():
        if len(indices) < 2:
            continue
        groups = [note.events[i].group for i in indices]
        distinct = all(groups) and len(set(groups)) == len(groups)
        for rank, i in enumerate(indices, 1):
            if distinct:
                hints[i] = fieldhtml.escape(groups[rank - 1] or "")
            else:
                try:
                    text = template.format(number=rank, count=len(indices))
                except (KeyError, IndexError, ValueError):
                    text = f"{rank}/{len(indices)}"
                hints[i] = fieldhtml.escape(text)
    return hints


def _contexts(note: Note, settings: Settings) -> list[str]:
    """The events just before and after each event: chronologically among dated events,
    by position in the note for undated ones."""
    events = note.events
    dated = sorted((i for i, e in enumerate(events) if e.date is not None),
                   key=lambda i: (events[i].date.sort_key, i))  # type: ignore[union-attr]
    before_label = settings.label("before", "Before")
    after_label = settings.label("after", "After")
    position = {i: pos for pos, i in enumerate(dated)}
    out = [""] * len(events)
    for i in range(len(events)):
        if events[i].date is not None:
            pos = position[i]
            prev = dated[pos - 1] if pos > 0 else None
            nxt = dated[pos + 1] if pos + 1 < len(dated) else None
        else:
            prev = i - 1 if i > 0 else None
            nxt = i + 1 if i + 1 < len(events) else None
        parts = []
        if prev is not None:
            parts.append(_neighbour(events[prev], before_label, "before"))
        if nxt is not None:
            parts.append(_neighbour(events[nxt], after_label, "after"))
        out[i] = "".join(parts)
    return out


def _values(spec: NoteTypeSpec, key: str, **fields: str) -> tuple[str, ...]:
    lookup = {notetypes.KEY_FIELD: key}
    lookup.update({k.replace("_", " "): v for k, v in fields.items()})
    unknown = set(lookup) - set(spec.fields)
    if unknown:  # a programming error, not bad input
        raise ValueError(f"{spec.name} has no field {sorted(unknown)}")
    return tuple(lookup.get(name, "") for name in spec.fields)


def event_items(note: Note, settings: Settings, tags: tuple[str, ...]) -> list[Item]:
    """One Event note per top-level timeline entry (sub-bullets go inside their parent)."""
    keys = _event_keys(note)
    hints = _same_date_hints(note, settings)
    contexts = _contexts(note, settings)
    dated: list[HistoricalDate] = [e.date for e in note.events if e.date is not None]
    aria = settings.label("timeline_label", "{date} on the timeline {start}–{end}")
    strip = Strip(dated) if dated else None
    items = []
    for i, event in enumerate(note.events):
        svg = ""
        if event.date is not None and strip is not None:
            try:
                label = aria.format(date=event.date.display, start=strip.start_label,
                                    end=strip.end_label)
            except (KeyError, IndexError, ValueError):
                label = event.date.display
            svg = strip.svg(event.date, label)
        values = _values(
            EVENT, keys[i],
            Date=_date_html(event),
            Event=_event_text(event),
            Hint=hints[i],
            Group=fieldhtml.escape(_group(event)),
            People=", ".join(fieldhtml.escape(p) for p in event.people),
            Context=contexts[i],
            Timeline=svg,
            Source=_source(note, event.line),
        )
        items.append(Item(EVENT, keys[i], values, tags, "Event " + _event_summary(event),
                          event.line))
    return items


def person_items(note: Note, settings: Settings, tags: tuple[str, ...]) -> list[Item]:
    """One Person note per cast entry; the clue hides the person's names."""
    items = []
    for person in note.people:
        key = f"{note.id}/person/{naming.slug(person.name)}"
        clue = ""
        if person.description:
            hide = fieldhtml.blanker(person.names)
            clue = fieldhtml.inline(person.description, hide)
        appears = "".join(
            f"<li>{_neighbour_line(event)}</li>" for event in note.events_of(person))
        values = _values(
            PERSON, key,
            Name=fieldhtml.escape(person.name),
            Role=fieldhtml.escape(person.role or ""),
            Span=fieldhtml.escape(person.span.display) if person.span else "",
            Description=fieldhtml.inline(person.description),
            Clue=clue,
            Aliases=", ".join(fieldhtml.escape(a) for a in person.aliases),
            Appears_in=f"<ul>{appears}</ul>" if appears else "",
            Source=_source(note, person.line),
        )
        items.append(Item(PERSON, key, values, tags, f"Person {person.name}", person.line))
    return items


def _neighbour_line(event: Event) -> str:
    when = (f'<span class="date">{fieldhtml.escape(event.date.display)}</span> '
            if event.date else "")
    return when + fieldhtml.inline(event.text)


def term_items(note: Note, settings: Settings, tags: tuple[str, ...]) -> list[Item]:
    """One Term note per glossary entry; the clue hides the term in its definition."""
    items = []
    for term in note.terms:
        key = f"{note.id}/term/{naming.slug(term.term)}"
        hide = fieldhtml.blanker(term.names)
        values = _values(
            TERM, key,
            Term=fieldhtml.escape(term.term),
            Definition=fieldhtml.inline(term.definition),
            Clue=fieldhtml.inline(term.definition, hide) if term.definition else "",
            Source=_source(note, term.line),
        )
        items.append(Item(TERM, key, values, tags, f"Term {term.term}", term.line))
    return items


def unanswered(note: Note) -> list[Question]:
    """Quiz questions the answer key does not answer (essay questions never have one)."""
    return [q for q in note.questions if q.kind is QuestionKind.SHORT and not q.answer]


def unanswered_diagnostics(note: Note, settings: Settings) -> list[Diagnostic]:
    """One note per unanswered quiz question, at its line, saying what became of it."""
    if settings.unanswered_cards:
        what = "its card says the notes give no answer"
    else:
        what = ("no card is made for it (set unanswered_cards = true in layouts/deck.toml "
                "for cards without answers)")
    return [Diagnostic(Severity.INFO, "deck-unanswered",
                       f"quiz question {q.number} has no answer in the answer key; {what}",
                       note.source, q.line)
            for q in unanswered(note)]


def question_items(note: Note, settings: Settings, tags: tuple[str, ...],
                   media: fieldhtml.MediaRef | None = None) -> list[Item]:
    """Quiz questions with their answers; essay questions, FAQ entries and quiz questions
    without an answer when the settings ask for them. ``media`` names the media files of
    images an FAQ answer embeds."""
    items = []
    for q in note.questions:
        essay = q.kind == QuestionKind.ESSAY
        if essay and not settings.essay_cards:
            continue
        if not essay and not q.answer and not settings.unanswered_cards:
            continue  # a card with an empty back teaches nothing
        kind = "essay" if essay else "question"
        key = f"{note.id}/{kind}/{q.number}"
        values = _values(
            QUESTION, key,
            Number=str(q.number),
            Prompt=fieldhtml.inline(q.prompt),
            Answer=fieldhtml.inline(q.answer) if q.answer else "",
            Kind=fieldhtml.escape(settings.label("essay" if essay else "quiz",
                                                 "Essay question" if essay else "Quiz")),
            Source=_source(note, q.line),
        )
        extra = (f"{settings.tag_prefix}::essay",) if essay else ()
        items.append(Item(QUESTION, key, values, naming.tags(tags + extra),
                          f"Question {q.number}: {_short(plain_text(q.prompt))}", q.line))
    if settings.faq_cards:
        for n, entry in enumerate(note.faq, 1):
            key = f"{note.id}/faq/{n}"
            values = _values(
                QUESTION, key,
                Number=str(n),
                Prompt=fieldhtml.inline(entry.question),
                Answer=fieldhtml.blocks(entry.answer, media),
                Kind=fieldhtml.escape(settings.label("faq", "FAQ")),
                Source=_source(note, entry.line),
            )
            items.append(Item(QUESTION, key, values,
                              naming.tags(tags + (f"{settings.tag_prefix}::faq",)),
                              f"FAQ {_short(plain_text(entry.question))}", entry.line))
    return items


def note_items(note: Note, settings: Settings, media: fieldhtml.MediaRef | None = None
               ) -> tuple[list[Item], list[Diagnostic]]:
    """Every item of a note, in the note's order, with unique keys. ``media`` turns embedded
    images into media file names (see media.Media); without it they show as file names.

    Two items can claim one key (a block id used twice, two cast entries with one name);
    the later one gets a numbered key and a warning, so no card silently replaces another.
    """
    base = tuple(note.metadata.tags)
    groups = (
        (event_items, "event"),
        (person_items, "person"),
        (term_items, "term"),
        (functools.partial(question_items, media=media), "question"),
    )
    items: list[Item] = []
    for make, kind in groups:
        tags = naming.tags(base + (f"{settings.tag_prefix}::{kind}",))
        items.extend(make(note, settings, tags))
    diagnostics = unanswered_diagnostics(note, settings)
    seen: dict[str, int] = {}
    unique: list[Item] = []
    for item in items:
        key = item.key
        if key in seen:
            n = 2
            while f"{item.key}+{n}" in seen:
                n += 1
            key = f"{item.key}+{n}"
            diagnostics.append(Diagnostic(
                Severity.WARNING, "deck-duplicate",
                f"{item.label} has the same identity as the item on line {seen[item.key]} "
                f"({item.key}); its card is kept under '{key}', which changes if items are "
                "reordered: give one of them a distinct name or an Obsidian ^block-id",
                note.source, item.line))
            item = Item(item.spec, key, (key,) + item.values[1:], item.tags, item.label,
                        item.line)
        seen[key] = item.line
        unique.append(item)
    return unique, diagnostics
