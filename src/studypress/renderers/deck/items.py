"""Study items → the Anki notes of a deck (items), each with its identity and field HTML.

The study items (``studypress.study``) say what there is to learn and what each item is; this
module picks the ones the deck settings ask for and writes each as the fields of its note
type. The GUID is a hash of the item's identity, so editing a text keeps the card and its
review history.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from ...model import Diagnostic, Event, Note, Person, QuestionKind, Severity, Term, plain_text
from ...settings import Flag, Source, Table, Text, load, setting
from ...study import (
    CLOZE_TAG,
    NOCARD_TAG,
    CardChoice,
    Kind,
    StudyItem,
    card_items,
    card_kind,
)
from ..base import NotePlace
from ..richtext import Formatter
from . import fieldhtml, naming, notetypes
from .fieldhtml import MediaRef
from .notetypes import CLOZE, EVENT, PERSON, QUESTION, TERM, NoteTypeSpec, direction
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
    # What the next build recognises the item by when its key changes (see renames.py).
    text: str = ""
    date: str = ""
    guid: str = ""  # from the key unless renames.py found the item's earlier card
    made: tuple[str, ...] | None = None  # the directions its cards are made in (None: all)
    footnotes: str = ""  # the footnotes its text refers to, shown on the back (in Source)

    def __post_init__(self) -> None:
        if not self.guid:
            object.__setattr__(self, "guid", naming.guid(self.key))

    def field(self, name: str) -> str:
        return self.values[self.spec.fields.index(name)]

    def content_hash(self, include_derived: bool = False) -> str:
        """What an edit changes: the item's own fields and tags (neighbour-derived fields
        only when asked), so an untouched item keeps its modification time."""
        names = self.spec.fields if include_derived else self.spec.own_fields()
        data: list[object] = [self.spec.name, [[n, self.field(n)] for n in names],
                              list(self.tags)]
        if self.footnotes:  # an edited footnote is an edited item, though Source is derived
            data.append(self.footnotes)
        blob = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()


@dataclass
class Settings(CardChoice):
    """The deck settings that shape items (from layouts/deck.toml): which cards are made
    (``CardChoice``, which every card-like output follows) and how they read."""

    tag_prefix: str = setting("tag_prefix", Text(), "studypress")
    # Whether a card's back shows its context (neighbours, timeline, source) unfolded.
    context_open: bool = setting("context_open", Flag(), False)
    vault: str = setting("vault", Text(), "")  # the Obsidian vault's name, when not its folder's
    labels: Mapping[str, str] = setting("labels", Table(Text()), {})

    def label(self, name: str, default: str) -> str:
        value = self.labels.get(name, default)
        return value if isinstance(value, str) else default

    @classmethod
    def from_toml(cls, data: Mapping[str, Any] | Source) -> Settings:
        """The settings read from deck.toml data (or a loaded source): a wrong value is a
        located error, a missing one keeps its default."""
        source = data if isinstance(data, Source) else Source.from_dict(data, "deck")
        settings = load(cls, source)
        settings.tag_prefix = settings.tag_prefix.strip() or "studypress"
        return settings


def _source(note: Note, line: int, place: NotePlace | None = None, vault: str = "") -> str:
    """The note's title and file:line; with its place, the path in its vault, linked to
    open the note in Obsidian."""
    if place is None:
        name = PurePath(note.source.replace("\\", "/")).name
        return (f'<span class="note-title">{fieldhtml.escape(note.title)}</span> '
                f'<span class="where">{fieldhtml.escape(name)}:{int(line)}</span>')
    url = (f"obsidian://open?vault={quote(vault.strip() or place.vault, safe='')}"
           f"&file={quote(place.path, safe='')}")
    # The title is the link a student sees; the path and line stay in the field for search
    # and for the writer, hidden by the card's CSS.
    return (f'<a class="note-title" href="{html.escape(url)}">{fieldhtml.escape(note.title)}</a> '
            f'<span class="where">{fieldhtml.escape(place.path)}:{int(line)}</span>')


def placed(made: Item, note: Note, place: NotePlace | None, vault: str) -> Item:
    """The item with its Source linked back to its note (see ``_source``)."""
    if place is None:
        return made
    where = made.spec.fields.index("Source")
    values = list(made.values)
    values[where] = _source(note, made.line, place, vault)
    return replace(made, values=tuple(values))


def _date_html(event: Event) -> str:
    if event.date is None:
        return ""
    out = fieldhtml.escape(event.date.display)
    if event.date_note:
        out += f' <span class="date-note">{fieldhtml.escape(event.date_note)}</span>'
    return out


def _event_text(event: Event, media: MediaRef | None = None) -> str:
    body = fieldhtml.inline(event.text, media=media)
    if event.children:
        rows = [f"<li>{_when(child)}{_event_text(child, media)}</li>"
                for child in event.children]
        body += "<ul>" + "".join(rows) + "</ul>"
    return body


def _when(event: Event) -> str:
    return (f'<span class="date">{fieldhtml.escape(event.date.display)}</span> '
            if event.date else "")


def _neighbour_line(event: Event, media: MediaRef | None = None) -> str:
    return _when(event) + fieldhtml.inline(event.text, media=media)


def _neighbour(event: Event, label: str, css: str, media: MediaRef | None) -> str:
    return (f'<div class="{css}"><span class="label">{fieldhtml.escape(label)}</span> '
            f"{_neighbour_line(event, media)}</div>")


def _context(item: StudyItem, settings: Settings, media: MediaRef | None = None) -> str:
    parts = []
    if item.before is not None:
        parts.append(_neighbour(item.before, settings.label("before", "Before"), "before",
                                media))
    if item.after is not None:
        parts.append(_neighbour(item.after, settings.label("after", "After"), "after",
                                media))
    return "".join(parts)


def _hint(item: StudyItem, settings: Settings) -> str:
    """What tells apart events that share a date, so a date → event card is never
    ambiguous."""
    if item.distinct_group:
        return fieldhtml.escape(item.distinct_group)
    if item.peers is None:
        return ""
    rank, count = item.peers
    template = settings.label("same_date_hint", "event {number} of {count} with this date")
    try:
        hint = template.format(number=rank, count=count)
    except (KeyError, IndexError, ValueError):
        hint = f"{rank}/{count}"
    return fieldhtml.escape(hint)


def _values(spec: NoteTypeSpec, key: str, **fields: str) -> tuple[str, ...]:
    lookup = {notetypes.KEY_FIELD: key}
    lookup.update({k.replace("_", " "): v for k, v in fields.items()})
    unknown = set(lookup) - set(spec.fields)
    if unknown:  # a programming error, not bad input
        raise ValueError(f"{spec.name} has no field {sorted(unknown)}")
    return tuple(lookup.get(name, "") for name in spec.fields)


def _strip_svg(item: StudyItem, strip: Strip | None, settings: Settings) -> str:
    if item.when is None or strip is None:
        return ""
    aria = settings.label("timeline_label", "{date} on the timeline {start}–{end}")
    try:
        label = aria.format(date=item.when.display, start=strip.start_label,
                            end=strip.end_label)
    except (KeyError, IndexError, ValueError):
        label = item.when.display
    return strip.svg(item.when, label)


def event_item(item: StudyItem, note: Note, settings: Settings, tags: tuple[str, ...],
               strip: Strip | None, media: MediaRef | None = None) -> Item:
    """An Event note: the date asks for the event and the event for its date."""
    event = item.subject
    assert isinstance(event, Event)
    values = _values(
        EVENT, item.identity,
        Date=_date_html(event),
        Event=_event_text(event, media),
        Hint=_hint(item, settings),
        Group=fieldhtml.escape(item.group),
        People=", ".join(fieldhtml.escape(p) for p in event.people),
        Context=_context(item, settings, media),
        Timeline=_strip_svg(item, strip, settings),
        Source=_source(note, item.line),
    )
    return Item(EVENT, item.identity, values, tags, item.label, item.line)


def giveaways(subject: Person | Term) -> tuple[str, ...]:
    """The strings that give a person or a term away, hidden in its clue."""
    return subject.names


def person_item(item: StudyItem, note: Note, tags: tuple[str, ...],
                media: MediaRef | None = None) -> Item:
    """A Person note; the clue hides the person's names."""
    person = item.subject
    assert isinstance(person, Person)
    clue = ""
    if person.description:
        clue = fieldhtml.inline(person.description, fieldhtml.blanker(giveaways(person)),
                                media)
    appears = "".join(f"<li>{_neighbour_line(e, media)}</li>" for e in item.related)
    values = _values(
        PERSON, item.identity,
        Name=fieldhtml.escape(person.name),
        Role=fieldhtml.escape(person.role or ""),
        Span=fieldhtml.escape(person.span.display) if person.span else "",
        Description=fieldhtml.inline(person.description, media=media),
        Clue=clue,
        Aliases=", ".join(fieldhtml.escape(a) for a in person.aliases),
        Appears_in=f"<ul>{appears}</ul>" if appears else "",
        Source=_source(note, item.line),
    )
    return Item(PERSON, item.identity, values, tags, item.label, item.line)


def term_item(item: StudyItem, note: Note, tags: tuple[str, ...],
              media: MediaRef | None = None) -> Item:
    """A Term note; the clue hides the term in its definition."""
    term = item.subject
    assert isinstance(term, Term)
    hide = fieldhtml.blanker(giveaways(term))
    values = _values(
        TERM, item.identity,
        Term=fieldhtml.escape(term.term),
        Definition=fieldhtml.inline(term.definition, media=media),
        Clue=fieldhtml.inline(term.definition, hide, media) if term.definition else "",
        Source=_source(note, item.line),
    )
    return Item(TERM, item.identity, values, tags, item.label, item.line)


_QUESTION_KIND = {Kind.QUESTION: ("quiz", "Quiz"), Kind.ESSAY: ("essay", "Essay question"),
                  Kind.FAQ: ("faq", "FAQ")}


def question_item(item: StudyItem, note: Note, settings: Settings, tags: tuple[str, ...],
                  media: MediaRef | None = None) -> Item:
    """A Question note for a quiz or essay question or an FAQ entry. ``media`` names the
    media files of the images its text embeds."""
    label, default = _QUESTION_KIND[item.kind]
    if item.kind is Kind.FAQ:
        answer = fieldhtml.blocks(item.answer_blocks, media)
    else:
        answer = fieldhtml.inline(item.answer, media=media)
    values = _values(
        QUESTION, item.identity,
        Number=str(item.number),
        Prompt=fieldhtml.inline(item.prompt, media=media),
        Answer=answer,
        Kind=fieldhtml.escape(settings.label(label, default)),
        Source=_source(note, item.line),
    )
    extra = () if item.kind is Kind.QUESTION else (f"{settings.tag_prefix}::{item.kind}",)
    return Item(QUESTION, item.identity, values, naming.tags(tags + extra), item.label,
                item.line)


def cloze_item(item: StudyItem, note: Note, settings: Settings, tags: tuple[str, ...],
               media: MediaRef | None = None) -> Item:
    """A Cloze note: the text with what it hides marked for Anki, and what it is about."""
    values = _values(
        CLOZE, item.identity,
        Text=fieldhtml.cloze(item.answer, settings.cloze == "highlights", media),
        About=fieldhtml.inline(item.prompt, media=media),
        Source=_source(note, item.line),
    )
    return Item(CLOZE, item.identity, values, tags, item.label, item.line)


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
            for q in note.questions if q.kind is QuestionKind.SHORT and not q.answer]


def note_items(note: Note, settings: Settings, media: MediaRef | None = None,
               place: NotePlace | None = None) -> tuple[list[Item], list[Diagnostic]]:
    """Every item of a note the settings ask for, in the note's order, with unique keys.
    ``media`` turns embedded images into media file names (see media.Media); without it
    they show as file names. With the note's ``place``, each card links back to it."""
    chosen, duplicates = card_items(note, settings)  # the cloze texts' warnings among them
    dated = [e.date for e in note.events if e.date is not None]
    strip = Strip(dated, note.metadata.language) if dated else None

    def tags(kind: str) -> tuple[str, ...]:
        own = tuple(t for t in note.metadata.tags if t.lower() not in (NOCARD_TAG, CLOZE_TAG))
        return naming.tags(own + (f"{settings.tag_prefix}::{kind}",))

    items: list[Item] = []
    for item in chosen:
        match item.kind:
            case Kind.EVENT:
                made = event_item(item, note, settings, tags("event"), strip, media)
            case Kind.PERSON:
                made = person_item(item, note, tags("person"), media)
            case Kind.TERM:
                made = term_item(item, note, tags("term"), media)
            case Kind.CLOZE:
                made = cloze_item(item, note, settings, tags("cloze"), media)
            case _:
                made = question_item(item, note, settings, tags("question"), media)
        made = replace(placed(made, note, place, settings.vault),
                       made=None if item.kind is Kind.CLOZE
                       else settings.cards(card_kind(item.kind)))
        items.append(with_footnotes(replace(
            made, text=own_words(item),
            date=item.when.edtf if item.when and item.kind is Kind.EVENT else ""), item, note,
            media))
    items, same = distinct_fronts(items, note)
    return items, unanswered_diagnostics(note, settings) + duplicates + same


def fronts(item: Item) -> list[tuple[str, str, str]]:
    """(card name, the field its front ends with, what the front shows) for each card the
    item makes (a direction the settings leave out makes none)."""
    values = dict(zip(item.spec.fields, item.values, strict=True))
    out = []
    for card in item.spec.cards:
        if item.made is not None and direction(card) not in item.made:
            continue
        shown = card.front_of(values)
        if shown is not None:
            last = next(s for w, s in card.front if values.get(w))[-1]
            out.append((card.name, last, shown))
    return out


def with_field(item: Item, name: str, extra: str) -> Item:
    """The item with ``extra`` (field HTML) added to the end of one field."""
    where = item.spec.fields.index(name)
    values = item.values[:where] + (item.values[where] + extra,) + item.values[where + 1:]
    return replace(item, values=values)


def same_fronts(items: list[Item]) -> list[list[tuple[Item, str, str]]]:
    """Groups of (item, card name, front field) whose fronts ask the very same thing."""
    by_front: dict[tuple[str, str, str], list[tuple[Item, str, str]]] = {}
    for item in items:
        for card, last, shown in fronts(item):
            by_front.setdefault((item.spec.name, card, shown), []).append((item, card, last))
    return [group for group in by_front.values() if len(group) > 1]


def distinct_fronts(items: list[Item], note: Note) -> tuple[list[Item], list[Diagnostic]]:
    """Cards of one deck that would ask the same thing: people described alike are told
    apart by their role or span on the clue card; any fronts still alike are reported."""
    changed: dict[int, Item] = {}
    for group in same_fronts(items):
        for item, _, last in group:
            detail = item.field("Role") or item.field("Span") if item.spec is PERSON else ""
            if last == "Clue" and detail:
                changed[id(item)] = with_field(item, "Clue", f' <span class="distinct">'
                                                f"({detail})</span>")
    items = [changed.get(id(i), i) for i in items]
    diagnostics = [
        Diagnostic(Severity.WARNING, "deck-same-front",
                   f"{item.label} asks the same as {first.label} (line {first.line}) on its "
                   f"'{card}' card; add a detail to one of them that tells them apart",
                   note.source, item.line)
        for (first, _, _), *rest in same_fronts(items) for item, card, _ in rest]
    return items, diagnostics


class _FootnoteRefs(Formatter):
    """Collects the footnote labels rich text refers to, in order, each once."""

    def __init__(self) -> None:
        self.labels: list[str] = []

    def footnote_ref(self, label: str) -> str:
        if label not in self.labels:
            self.labels.append(label)
        return ""


def with_footnotes(made: Item, item: StudyItem, note: Note,
                   media: MediaRef | None = None) -> Item:
    """The item with the footnotes its text refers to in a footnote section on the back, so
    a card keeps what its marker points at."""
    refs = _FootnoteRefs()
    refs.inline(item.prompt + item.answer)
    refs.blocks(item.answer_blocks)
    if isinstance(item.subject, Event):
        for child in item.subject.children:
            refs.inline(child.text)
    texts = {f.label: f.text for f in note.footnotes}
    shown = [label for label in refs.labels if label in texts]
    if not shown:
        return made
    section = ('<div class="footnotes">' + "".join(
        f'<p class="footnote"><sup class="fn">{fieldhtml.escape(label)}</sup> '
        f"{fieldhtml.inline(texts[label], media=media)}</p>" for label in shown) + "</div>")
    where = made.spec.fields.index("Source")
    values = made.values[:where] + (section + made.values[where],) + made.values[where + 1:]
    return replace(made, values=values, footnotes=section)


def own_words(item: StudyItem) -> str:
    """The words that stay with an item when its key changes: a question's prompt, what
    anything else says (an event's text, a description, a definition)."""
    if item.kind in (Kind.QUESTION, Kind.ESSAY, Kind.FAQ):
        return plain_text(item.prompt)
    return plain_text(item.answer)
