"""The note types: one per kind of item, with fixed names, fields, card templates and ids.

The fields and their order are fixed here; the card templates and the CSS come from
``layouts/anki/`` (Jinja2, so a project can override one file). A note type's id is derived
from its name and its field and card names: a change of fields ships as a new note type, so an
existing collection never meets a conflicting schema under an old id. Templates and CSS may
change freely; they travel under the same id with a newer modification time.

Layout templates are Jinja2 with ``[[ ]]`` / ``[% %]`` / ``[# #]`` delimiters, so Anki's own
``{{Field}}`` syntax is written as-is. They receive settings only, never note text.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from ...layouts import LayoutError, Layouts
from .naming import stable_id

# Names Anki gives a meaning in card templates; a field so named could never be shown.
RESERVED_FIELD_NAMES = frozenset(
    {"FrontSide", "Card", "CardFlag", "CardID", "Deck", "Subdeck", "Tags", "Type"})

KEY_FIELD = "Key"


@dataclass(frozen=True)
class CardSpec:
    name: str  # the card template's name in Anki
    template: str  # layouts/anki/<template>.front.html and .back.html
    # What its front shows, as the template says: (field, fields shown when it is filled),
    # the first that applies (an undated event's "what happened?" front shows its group and
    # neighbours instead of a date). No field filled: Anki makes no such card.
    front: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def front_of(self, fields: dict[str, str]) -> str | None:
        """The text of the front for these field values; None when the card is not made."""
        for when, shown in self.front:
            if fields.get(when):
                return "\x1f".join(fields.get(n, "") for n in shown)
        return None


@dataclass(frozen=True)
class NoteTypeSpec:
    kind: str
    name: str
    fields: tuple[str, ...]
    cards: tuple[CardSpec, ...]
    sort_field: str
    # Fields filled from other items (neighbours, the timeline, the source position):
    # a change there alone does not make the item "edited".
    # A tuple, not a set: a set's order differs from one process to the next, and a note's
    # cards are compared by their pickled bytes from one build to the next.
    derived: tuple[str, ...]
    descriptions: tuple[tuple[str, str], ...] = ()
    cloze: bool = False  # an Anki cloze type: one card per {{cN::…}} in its text

    @property
    def id(self) -> int:
        return stable_id("studypress note type", self.name, *self.fields,
                         *(c.name for c in self.cards))

    def own_fields(self) -> tuple[str, ...]:
        return tuple(f for f in self.fields if f not in self.derived and f != KEY_FIELD)


_KEY_HELP = ("studypress's identity for this item; keep it as it is so later imports update "
             "this note")

EVENT = NoteTypeSpec(
    kind="event",
    name="studypress Event",
    fields=(KEY_FIELD, "Date", "Event", "Hint", "Group", "People", "Context", "Timeline",
            "Source"),
    cards=(CardSpec("Date → Event", "event/date-event",
                    (("Date", ("Date", "Hint")), ("Group", ("Group", "Context")),
                     ("Context", ("Context",)))),
           CardSpec("Event → Date", "event/event-date", (("Date", ("Event",)),))),
    sort_field="Event",
    derived=("Context", "Source", "Timeline"),
    descriptions=((KEY_FIELD, _KEY_HELP),
                  ("Hint", "Shown with the date when several events share it"),
                  ("Context", "The events just before and after, refreshed when this note "
                   "changes"),
                  ("Timeline", "Where the event falls on the note's timeline")),
)

PERSON = NoteTypeSpec(
    kind="person",
    name="studypress Person",
    fields=(KEY_FIELD, "Name", "Role", "Span", "Description", "Clue", "Aliases", "Appears in",
            "Source"),
    cards=(CardSpec("Name → Who", "person/name-who", (("Name", ("Name",)),)),
           CardSpec("Description → Name", "person/clue-name", (("Clue", ("Clue",)),))),
    sort_field="Name",
    derived=("Appears in", "Source"),
    descriptions=((KEY_FIELD, _KEY_HELP),
                  ("Clue", "The description with the person's names blanked out"),),
)

TERM = NoteTypeSpec(
    kind="term",
    name="studypress Term",
    fields=(KEY_FIELD, "Term", "Definition", "Clue", "Source"),
    cards=(CardSpec("Term → Definition", "term/term-definition", (("Term", ("Term",)),)),
           CardSpec("Definition → Term", "term/definition-term", (("Clue", ("Clue",)),))),
    sort_field="Term",
    derived=("Source",),
    descriptions=((KEY_FIELD, _KEY_HELP),
                  ("Clue", "The definition with the term blanked out")),
)

QUESTION = NoteTypeSpec(
    kind="question",
    name="studypress Question",
    fields=(KEY_FIELD, "Number", "Prompt", "Answer", "Kind", "Source"),
    cards=(CardSpec("Question → Answer", "question/prompt-answer",
                    (("Prompt", ("Kind", "Number", "Prompt")),)),),
    sort_field="Prompt",
    derived=("Source",),
    descriptions=((KEY_FIELD, _KEY_HELP),),
)

CLOZE = NoteTypeSpec(
    kind="cloze",
    name="studypress Cloze",
    fields=(KEY_FIELD, "Text", "About", "Source"),
    cards=(CardSpec("Cloze", "cloze/cloze", (("Text", ("Text",)),)),),
    sort_field="Text",
    derived=("Source",),
    descriptions=((KEY_FIELD, _KEY_HELP),
                  ("Text", "The text, each part to recall marked {{c1::…}}, {{c2::…}}"),
                  ("About", "What the text is about: its date, name, term or section")),
    cloze=True,
)

NOTE_TYPES: tuple[NoteTypeSpec, ...] = (EVENT, PERSON, TERM, QUESTION, CLOZE)


def direction(card: CardSpec) -> str:
    """A card's direction as ``[cards]`` in deck.toml names it (``date-event``)."""
    return card.template.rsplit("/", 1)[-1]


def directions(spec: NoteTypeSpec) -> tuple[str, ...]:
    """Every direction a note type can make cards in, in its cards' order."""
    return tuple(direction(c) for c in spec.cards)


# The front of a card deck.toml turns off: it names a field (Anki wants one) yet is empty
# for every note, since every note has its key, so Anki makes no such card. The template
# stays, so the note type keeps its id and the cards already made keep their history.
NO_CARD_FRONT = f"{{{{^{KEY_FIELD}}}}}{{{{{KEY_FIELD}}}}}{{{{/{KEY_FIELD}}}}}\n"
BY_KIND = {nt.kind: nt for nt in NOTE_TYPES}
CSS_TEMPLATE = "anki/cards.css"


def _env(layouts: Layouts) -> Any:
    return _overlay(layouts.env())


@functools.lru_cache(maxsize=8)
def _overlay(env: Any) -> Any:
    # An overlay with square delimiters: Anki's {{Field}} passes through untouched. Its own
    # cache keeps these templates apart from templates parsed with the default delimiters;
    # made once per environment, so each card template is compiled once, not once per call.
    return env.overlay(
        block_start_string="[%", block_end_string="%]",
        variable_start_string="[[", variable_end_string="]]",
        comment_start_string="[#", comment_end_string="#]",
        cache_size=64,
    )


def render_template(layouts: Layouts, name: str, values: dict[str, Any]) -> str:
    """One card template or the CSS, rendered from layouts; errors name the file and line."""
    import jinja2

    try:
        return _env(layouts).get_template(name).render(**values).strip() + "\n"
    except jinja2.TemplateNotFound:
        raise LayoutError(f"layout file '{name}' not found in "
                          f"{', '.join(map(str, layouts.dirs))}") from None
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or name}:{exc.lineno}"
        raise LayoutError(f"{where}: error: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise LayoutError(f"{name}: error: {exc}") from None


@dataclass(frozen=True)
class RenderedNoteType:
    """A note type with its templates and CSS filled in: what goes into the package."""

    spec: NoteTypeSpec
    templates: tuple[tuple[str, str, str], ...]  # (card name, front, back)
    css: str

    def content(self) -> list[Any]:
        """What a change of which makes the note type "edited" (the ledger hashes it)."""
        return [self.spec.name, list(self.spec.fields), [list(t) for t in self.templates],
                self.css]


def render_note_type(spec: NoteTypeSpec, layouts: Layouts, values: dict[str, Any],
                     made: tuple[str, ...] | None = None) -> RenderedNoteType:
    """Fill in a note type's card templates and CSS from the layouts; a direction not in
    ``made`` (all, when None) gets a front that makes no card."""
    context = dict(values, kind=spec.kind, note_type=spec.name)
    templates = tuple(
        (card.name,
         render_template(layouts, f"anki/{card.template}.front.html", context)
         if made is None or direction(card) in made else NO_CARD_FRONT,
         render_template(layouts, f"anki/{card.template}.back.html", context))
        for card in spec.cards)
    css = render_template(layouts, CSS_TEMPLATE, context)
    return RenderedNoteType(spec, templates, css)


def model_fields(spec: NoteTypeSpec) -> list[dict[str, Any]]:
    """genanki field dicts in fixed order, with stable ids and editor descriptions."""
    help_text = dict(spec.descriptions)
    return [{"name": name, "ord": i, "id": stable_id("studypress field", spec.name, name),
             "description": help_text.get(name, "")}
            for i, name in enumerate(spec.fields)]


def model_templates(rendered: RenderedNoteType) -> list[dict[str, Any]]:
    """genanki template dicts in fixed order, with stable ids."""
    return [{"name": name, "qfmt": front, "afmt": back, "ord": i,
             "id": stable_id("studypress template", rendered.spec.name, name)}
            for i, (name, front, back) in enumerate(rendered.templates)]
