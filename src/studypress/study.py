"""Study items: what a note offers to learn, as format-neutral data, derived from the model once.

Every card-like output (the Anki deck, the CSV export for flashcard apps) starts from the same
list: one item per timeline entry, cast entry, glossary term, quiz or essay question and FAQ
entry, each with its prompt, its answer, the context that places it, and an identity. The
identity names what an item is, never how it is worded: an event by its date and its rank
among events of that date (or its Obsidian ``^block-id``), a person by their normalised name,
a term by the term, a question by its number. Outputs choose which items to show and how;
nothing here knows HTML or Anki.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from .dates import DateError, parse_date
from .model import (
    Block,
    Cloze,
    Diagnostic,
    Emphasis,
    Event,
    FaqEntry,
    Highlight,
    HistoricalDate,
    LineBreak,
    Link,
    Note,
    Paragraph,
    Person,
    Precision,
    Question,
    QuestionKind,
    RichText,
    Severity,
    Strike,
    Strong,
    Term,
    Text,
    WikiLink,
    plain_text,
    text,
)
from .settings import Choice, Flag, Source, Strings, setting
from .slug import slug

if TYPE_CHECKING:
    from .layouts import Layouts


class Kind(StrEnum):
    """What an item is; outputs pick their cards and wording by it."""

    EVENT = "event"
    PERSON = "person"
    TERM = "term"
    QUESTION = "question"  # a quiz question (with its answer from the answer key, if any)
    ESSAY = "essay"
    FAQ = "faq"
    CLOZE = "cloze"  # a text whose highlights or {{c1::…}} marks are hidden in turn


Subject = Event | Person | Term | Question | FaqEntry | Paragraph


@dataclass(frozen=True)
class StudyItem:
    """One thing to learn.

    ``prompt`` is what a front asks about (a date, a name, a term, a question) and ``answer``
    what its back shows (``answer_blocks`` for an answer written as prose blocks). ``subject``
    is the model entry itself, for the details one output shows and another leaves out.
    """

    kind: Kind
    identity: str
    prompt: RichText
    answer: RichText
    label: str  # plain words for reports ("Event 1936: Joseph E. Davies replaces…")
    line: int
    subject: Subject
    answer_blocks: tuple[Block, ...] = ()
    when: HistoricalDate | None = None
    number: int | None = None  # a question's or FAQ entry's number
    # Events only: the heading it sat under when that says more than its date; among events
    # that share a date, the group name that tells it apart, else its (rank, count).
    group: str = ""
    distinct_group: str = ""
    peers: tuple[int, int] | None = None
    before: Event | None = None
    after: Event | None = None
    related: tuple[Event, ...] = ()  # a person's events

    @property
    def answered(self) -> bool:
        return bool(self.answer or self.answer_blocks)


def short(value: str, limit: int = 60) -> str:
    """One line of at most ``limit`` characters, cut with an ellipsis."""
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


# ------------------------------------------------------------------------- events


def _is_date_heading(group: str) -> bool:
    # A heading that is only a year, decade or century ("1933", "1920s", "264–241 BCE")
    # repeats what the date already says; a finer one ("Summer 1917") or words say more.
    try:
        date = parse_date(group)
    except DateError:
        return False
    return date is not None and date.precision in (Precision.YEAR, Precision.DECADE,
                                                   Precision.CENTURY)


def _group(event: Event) -> str:
    group = (event.group or "").strip()
    return "" if not group or _is_date_heading(group) else group


def _event_identities(note: Note) -> list[str]:
    """Each event's identity: its block id, else its date and rank among events of that date."""
    seen: Counter[str] = Counter()
    keys: list[str] = []
    for event in note.events:
        if event.block_id:
            keys.append(f"{note.id}/event/^{event.block_id}")
            continue
        if event.date is not None:
            base = f"{note.id}/event/{event.date.edtf}"
        else:
            base = f"{note.id}/event/undated/{slug(event.group or '')}"
        seen[base] += 1
        keys.append(f"{base}#{seen[base]}")
    return keys


def _same_date(note: Note) -> list[tuple[str, tuple[int, int] | None]]:
    """For each event that shares its date with others, what tells it apart: the group
    heading when every one of them has a different one, else its rank among them."""
    by_date: dict[str, list[int]] = {}
    for i, event in enumerate(note.events):
        if event.date is not None:
            by_date.setdefault(event.date.edtf, []).append(i)
    out: list[tuple[str, tuple[int, int] | None]] = [("", None)] * len(note.events)
    for indices in by_date.values():
        if len(indices) < 2:
            continue
        groups = [note.events[i].group for i in indices]
        distinct = all(groups) and len(set(groups)) == len(groups)
        for rank, i in enumerate(indices, 1):
            out[i] = ((groups[rank - 1] or ""), None) if distinct else ("", (rank, len(indices)))
    return out


def _neighbours(note: Note) -> list[tuple[Event | None, Event | None]]:
    """The events just before and after each event: chronologically among dated events,
    by position in the note for undated ones."""
    events = note.events
    dated = sorted((i for i, e in enumerate(events) if e.date is not None),
                   key=lambda i: (events[i].date.sort_key, i))  # type: ignore[union-attr]
    position = {i: pos for pos, i in enumerate(dated)}
    out: list[tuple[Event | None, Event | None]] = []
    for i, event in enumerate(events):
        if event.date is not None:
            order, at = dated, position[i]
        else:
            order, at = list(range(len(events))), i
        prev = events[order[at - 1]] if at > 0 else None
        nxt = events[order[at + 1]] if at + 1 < len(order) else None
        out.append((prev, nxt))
    return out


def event_summary(event: Event) -> str:
    """An event in one short line: ``1936: Joseph E. Davies replaces…``."""
    when = f"{event.date.display}: " if event.date else ""
    return short(when + plain_text(event.text))


def clip(value: str, limit: int = 60) -> str:
    """One line of at most ``limit`` characters, cut at a word boundary with an ellipsis (a
    text without spaces where they are, as Chinese, at a character)."""
    value = " ".join(value.split())
    if len(value) <= limit:
        return value
    head = value[: limit - 1]
    if value[limit - 1] != " ":  # the cut falls inside a word: leave that word out
        space = head.rfind(" ")
        if space >= limit // 3:
            head = head[:space]
    return head.rstrip(" ,;:-–—") + "…"


def undated_place(item: StudyItem, words: Mapping[str, str], limit: int = 60) -> str:
    """Where an undated event stands, for a card's front: its group heading, and the events
    after and before it (``after December 1933 (William C. Bullitt becomes the first U.S.
    ambassador…) and before …``), each cut at a word within ``limit`` characters."""
    after, before = (_neighbour(e, words, limit) if e is not None else ""
                     for e in (item.before, item.after))
    if after and before:
        place = say(words, "card_between", after=after, before=before)
    else:
        place = (say(words, "card_after", event=after) if after
                 else say(words, "card_before", event=before) if before else "")
    return "; ".join(p for p in (item.group, place) if p)


def _neighbour(event: Event, words: Mapping[str, str], limit: int) -> str:
    body = clip(plain_text(event.text), limit)
    # a sentence's full stop, not an abbreviation's ("U.S."), would end the card's sentence
    body = body[:-1] if re.search(r"[^\W\d_]{2}\.$|[\d)]\.$", body) else body
    if event.date is None:
        return say(words, "card_undated", event=body)
    return say(words, "card_dated", date=event.date.display, event=body)


def event_items(note: Note) -> list[StudyItem]:
    """One item per top-level timeline entry (sub-bullets belong to their parent)."""
    keys = _event_identities(note)
    same = _same_date(note)
    around = _neighbours(note)
    return [StudyItem(
        Kind.EVENT, keys[i], text(event.date.display) if event.date else (), event.text,
        "Event " + event_summary(event), event.line, event, when=event.date,
        group=_group(event), distinct_group=same[i][0], peers=same[i][1],
        before=around[i][0], after=around[i][1])
        for i, event in enumerate(note.events)]


# ------------------------------------------------------------- people, terms, questions


def person_items(note: Note) -> list[StudyItem]:
    """One item per cast entry: the name asks for the description, and back."""
    return [StudyItem(
        Kind.PERSON, f"{note.id}/person/{slug(person.name)}", text(person.name),
        person.description, f"Person {person.name}", person.line, person, when=person.span,
        related=note.events_of(person))
        for person in note.people]


def term_items(note: Note) -> list[StudyItem]:
    """One item per glossary entry."""
    return [StudyItem(Kind.TERM, f"{note.id}/term/{slug(term.term)}", text(term.term),
                      term.definition, f"Term {term.term}", term.line, term)
            for term in note.terms]


def question_items(note: Note) -> list[StudyItem]:
    """Quiz and essay questions (with their answers, where the answer key has one), then the
    FAQ entries, numbered in order."""
    items = []
    for q in note.questions:
        kind = Kind.ESSAY if q.kind is QuestionKind.ESSAY else Kind.QUESTION
        items.append(StudyItem(kind, f"{note.id}/{kind}/{q.number}", q.prompt, q.answer or (),
                               f"Question {q.number}: {short(plain_text(q.prompt))}", q.line,
                               q, number=q.number))
    for n, entry in enumerate(note.faq, 1):
        items.append(StudyItem(Kind.FAQ, f"{note.id}/faq/{n}", entry.question, (),
                               f"FAQ {short(plain_text(entry.question))}", entry.line, entry,
                               answer_blocks=entry.answer, number=n))
    return items


def _unique(items: list[StudyItem], note: Note) -> tuple[list[StudyItem], list[Diagnostic]]:
    """Two items can claim one identity (a block id used twice, two cast entries with one
    name): the later one gets a numbered identity and a warning, so no card silently
    replaces another."""
    diagnostics: list[Diagnostic] = []
    seen: dict[str, int] = {}
    unique: list[StudyItem] = []
    for item in items:
        key = item.identity
        if key in seen:
            n = 2
            while f"{key}+{n}" in seen:
                n += 1
            key = f"{key}+{n}"
            diagnostics.append(Diagnostic(
                Severity.WARNING, "deck-duplicate",
                f"{item.label} has the same identity as the item on line "
                f"{seen[item.identity]} ({item.identity}); its card is kept under '{key}', "
                "which changes if items are reordered: give one of them a distinct name or an "
                "Obsidian ^block-id", note.source, item.line))
            item = replace(item, identity=key)
        seen[key] = item.line
        unique.append(item)
    return unique, diagnostics


def study_items(note: Note, keep: Callable[[StudyItem], bool] | None = None
                ) -> tuple[list[StudyItem], list[Diagnostic]]:
    """Every item of a note, in the note's order (events, people, terms, questions, FAQ),
    or those an output ``keep``s, with unique identities, and a warning for each identity
    that had to be numbered."""
    items = event_items(note) + person_items(note) + term_items(note) + question_items(note)
    return _unique([i for i in items if keep is None or keep(i)], note)


# ---------------------------------------------------------------- which items make cards

# A printed or exported card's fronts (flashcards.pdf, cards.csv): the kind of item asked,
# and how an event's date or place is told apart ({number}, {count}, {event} are filled in).
CARD_WORDS = {
    "card_date": "Date", "card_when": "When?", "card_person": "Person", "card_term": "Term",
    "card_question": "Question", "card_numbered": "Question {number}",
    "card_event": "Event", "card_name_them": "Who is described?", "card_which_term": "Which term?",
    "card_same_date": "event {number} of {count}", "card_after": "after {event}",
    "card_before": "before {event}", "card_cloze": "Fill in the blank",
    "card_between": "after {after} and before {before}", "card_dated": "{date} ({event})",
    "card_undated": "“{event}”",
}


def card_words(layouts: Any, language: str) -> dict[str, str]:
    """The card wording above in a note's language (handout.toml [text] and the language's
    catalogue over the English here)."""
    from .wording import wording

    return wording(layouts, language, "handout", CARD_WORDS)


def say(words: Mapping[str, str], key: str, **values: object) -> str:
    """A card wording with its {placeholders} filled in (a stray brace stays as written)."""
    out = words.get(key, CARD_WORDS[key])
    # one pass, so a value that holds a "{placeholder}" of its own is left as written
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m[1]]) if m[1] in values else m[0], out)


# The tag that opts the item on its line out of every card-like output; never a card tag.
NOCARD_TAG = "nocard"
# The front-matter key listing block ids (or item names) to make no card of.
NOCARDS_KEY = "nocards"
# The directions a card of each kind asks in, as layouts/deck.toml [cards] names them: the
# first asks with the prompt (a date, a name, a term), the second with the answer.
DIRECTIONS: dict[str, tuple[str, ...]] = {
    "event": ("date-event", "event-date"),
    "person": ("name-who", "clue-name"),
    "term": ("term-definition", "definition-term"),
    "question": ("prompt-answer",),
}


def card_kind(kind: Kind) -> str:
    """The [cards] kind an item's cards are chosen under (quiz, essay and FAQ: question)."""
    return "question" if kind in (Kind.QUESTION, Kind.ESSAY, Kind.FAQ) else str(kind)


def _directions(kind: str) -> Any:
    names = DIRECTIONS[kind]
    return setting(f"cards.{kind}", Strings(Choice(names), what="card directions of "
                                                     + ", ".join(names)), names)


@dataclass
class CardChoice:
    """Which items make cards and in which directions (layouts/deck.toml), the same for every
    output that makes cards: the Anki deck, cards.csv, the printed flashcards."""

    essay_cards: bool = setting("essay_cards", Flag(), False)
    faq_cards: bool = setting("faq_cards", Flag(), True)
    unanswered_cards: bool = setting("unanswered_cards", Flag(), False)
    # "highlights": every ==highlight== in an event, description, definition or paragraph
    # is also a cloze deletion; "off": only paragraphs tagged #cloze or typed {{c1::…}}.
    cloze: str = setting("cloze", Choice(("off", "highlights")), "off")
    # [cards]: which directions each kind of item makes cards in.
    event_cards: tuple[str, ...] = _directions("event")
    person_cards: tuple[str, ...] = _directions("person")
    term_cards: tuple[str, ...] = _directions("term")
    question_cards: tuple[str, ...] = _directions("question")

    def cards(self, kind: str) -> tuple[str, ...]:
        """The card directions a kind of item makes (``date-event``, ``event-date``...)."""
        return tuple(getattr(self, f"{kind}_cards"))

    def wants(self, item: StudyItem) -> bool:
        """Whether the settings ask for a card of this item, in any direction."""
        if not self.cards(card_kind(item.kind)):
            return False
        if item.kind is Kind.ESSAY:
            return self.essay_cards
        if item.kind is Kind.QUESTION:
            return item.answered or self.unanswered_cards  # an empty back teaches nothing
        if item.kind is Kind.FAQ:
            return self.faq_cards
        return True

    def reversed(self, item: StudyItem) -> bool:
        """Whether an output that makes one card per item asks with the answer: only the
        second direction of its kind is chosen."""
        made = self.cards(card_kind(item.kind))
        forward, *rest = DIRECTIONS[card_kind(item.kind)]
        return forward not in made and any(d in made for d in rest)

    @classmethod
    def load(cls, layouts: Layouts) -> CardChoice:
        """The choice read from layouts/deck.toml (a wrong value is a located error)."""
        from .settings import load

        return load(cls, Source.from_layouts(layouts, "deck"))


def opted_out(note: Note) -> tuple[set[int], set[str]]:
    """What a note asks to make no card of: the lines tagged ``#nocard``, and the block ids
    or names its front matter lists under ``nocards``."""
    lines = {line for tag, line in note.metadata.tag_lines if tag.lower() == NOCARD_TAG}
    listed = dict(note.metadata.extra).get(NOCARDS_KEY, "")
    names = {part.strip().lstrip("^").lower() for part in listed.replace(";", ",").split(",")}
    return lines, names - {""}


def names_of(item: StudyItem) -> set[str]:
    """What a ``nocards`` list may call an item: its block id, its name or term, the tail
    of its identity (``person/maxim-litvinov``, ``question/3``)."""
    subject = item.subject
    names = {item.identity.split("/", 1)[-1].lower()}
    if isinstance(subject, Event) and subject.block_id:
        names.add(subject.block_id.lower())
    if isinstance(subject, Person):
        names.update({subject.name.lower(), slug(subject.name)})
    if isinstance(subject, Term):
        names.update({subject.term.lower(), slug(subject.term)})
    return names


def card_items(note: Note, choice: CardChoice) -> tuple[list[StudyItem], list[Diagnostic]]:
    """The items that make cards: those the choice wants and the note does not opt out of
    (see ``study_items`` for the order and the identity warnings), then the cloze texts
    (``cloze_items``), with their warnings after the others."""
    lines, names = opted_out(note)
    items, problems = study_items(note, lambda i: choice.wants(i) and i.line not in lines
                                  and not names & names_of(i))
    clozes, more = cloze_items(note, choice.cloze == "highlights")
    return items + clozes, problems + more


BLANK = "[…]"


def blanked(rich: RichText, names: tuple[str, ...]) -> RichText:
    """Rich text with every whole-word occurrence of the names (longest first) replaced by
    ``[…]``: a description that asks who it describes."""
    words = sorted({n for n in names if n}, key=lambda n: (-len(n), n))
    if not words:
        return rich
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")

    def walk(nodes: RichText) -> RichText:
        out: list[Any] = []
        for node in nodes:
            if isinstance(node, Text):
                out.append(Text(pattern.sub(BLANK, node.value)))
            elif isinstance(node, Strong | Emphasis | Strike | Highlight | Link | WikiLink
                            | Cloze):
                out.append(replace(node, children=walk(node.children)))
            else:
                out.append(node)
        return tuple(out)

    return walk(rich)


# ------------------------------------------------------------------------ cloze texts

# The tag that makes a prose paragraph a cloze text; never a card tag.
CLOZE_TAG = "cloze"
# The nodes that hold rich text around a cloze (a cloze holds its answer).
_AROUND = Strong | Emphasis | Strike | Link | WikiLink


def has_highlight(rich: RichText) -> bool:
    """Whether rich text holds a ``==highlight==`` anywhere."""
    for node in rich:
        if isinstance(node, Highlight):
            return True
        if isinstance(node, _AROUND) and has_highlight(node.children):
            return True
    return False


def has_cloze(rich: RichText) -> bool:
    """Whether rich text holds a typed ``{{c1::…}}`` anywhere (inside a highlight too)."""
    return any(isinstance(node, Cloze) or (isinstance(node, _AROUND | Highlight)
                                           and has_cloze(node.children)) for node in rich)


def _hides(rich: RichText, highlights: bool) -> bool:
    return (highlights and has_highlight(rich)) or has_cloze(rich)


def _typed_numbers(rich: RichText) -> list[int]:
    """The numbers of the clozes typed outside highlights (one inside is text of it)."""
    out: list[int] = []
    for node in rich:
        if isinstance(node, Cloze):
            out.append(node.number)
        elif isinstance(node, _AROUND):
            out += _typed_numbers(node.children)
    return out


def numbered(rich: RichText, highlights: bool) -> RichText:
    """A cloze text with every part it hides as a ``Cloze``: with ``highlights``, each
    highlight becomes the next number after the highest one typed outside highlights (in
    the order they are read; a mark typed inside one is text of that highlight's cloze)."""
    if not highlights:
        return rich
    numbers = itertools.count(max(_typed_numbers(rich), default=0) + 1)

    def walk(nodes: RichText) -> RichText:
        out: list[Any] = []
        for node in nodes:
            if isinstance(node, Highlight):
                out.append(Cloze(next(numbers), node.children))
            elif isinstance(node, _AROUND):
                out.append(replace(node, children=walk(node.children)))
            else:
                out.append(node)
        return tuple(out)

    return walk(rich)


def cloze_numbers(rich: RichText) -> tuple[int, ...]:
    """The cloze numbers of a text, each once, in order: one card each."""
    found: list[int] = []
    for node in rich:
        if isinstance(node, Cloze):
            found.append(node.number)
        elif isinstance(node, _AROUND | Highlight):
            found += cloze_numbers(node.children)
    return tuple(sorted(set(found)))


def cloze_side(rich: RichText, number: int, front: bool) -> RichText:
    """A cloze text as card ``number`` shows it: on the front its parts of that number are
    blanks (``[…]``, or ``[hint]``), on the back they are highlighted; the other parts read
    as plain text, as Anki shows them."""
    out: list[Any] = []
    for node in rich:
        if isinstance(node, Cloze):
            inner = cloze_side(node.children, number, front)
            if node.number != number:
                out += inner
            elif front:
                out.append(Text(f"[{node.hint}]" if node.hint else BLANK))
            else:
                out.append(Highlight(inner))
        elif isinstance(node, _AROUND | Highlight):
            out.append(replace(node, children=cloze_side(node.children, number, front)))
        else:
            out.append(node)
    return tuple(out)


def cloze_cards(item: StudyItem) -> list[tuple[RichText, RichText]]:
    """The (front, back) of each card a cloze text makes, one per number as Anki makes
    them: the front says what the text is about, then the text with that number's parts
    blank; the back is the whole text, those parts highlighted."""
    head = (*item.prompt, LineBreak()) if item.prompt else ()
    return [(head + cloze_side(item.answer, n, True), cloze_side(item.answer, n, False))
            for n in cloze_numbers(item.answer)]


def _tagged(paragraph: Paragraph, lines: set[int]) -> bool:
    # A paragraph spans its first line and one more per line break in it.
    last = paragraph.line + sum(isinstance(n, LineBreak) for n in paragraph.text)
    return any(paragraph.line <= line <= last for line in lines)


def _prose(note: Note) -> list[tuple[str, RichText, tuple[Block, ...]]]:
    """Each run of prose blocks with the base of its paragraphs' identities and what it is
    about: a section by its title, an FAQ answer by its number."""
    out = [(f"{note.id}/cloze/{slug(plain_text(s.title)) or s.kind}", s.title, s.blocks)
           for s in note.sections]
    out += [(f"{note.id}/cloze/faq-{n}", entry.question, entry.answer)
            for n, entry in enumerate(note.faq, 1)]
    return out


def _paragraph_items(note: Note, highlights: bool) -> tuple[list[StudyItem], list[Diagnostic]]:
    lines = {line for tag, line in note.metadata.tag_lines if tag.lower() == CLOZE_TAG}
    items: list[StudyItem] = []
    problems: list[Diagnostic] = []
    for base, about, blocks in _prose(note):
        rank = 0
        for block in blocks:
            if not isinstance(block, Paragraph):
                continue
            hides = _hides(block.text, highlights)
            if not hides and not _tagged(block, lines):
                continue
            if not hides:
                problems.append(Diagnostic(
                    Severity.WARNING, "deck-cloze-empty",
                    "this paragraph is tagged #cloze but hides nothing, so it makes no card; "
                    "mark what to hide as {{c1::…}} (or as ==…== with cloze = \"highlights\" "
                    "in layouts/deck.toml)", note.source, block.line))
                continue
            rank += 1
            items.append(StudyItem(
                Kind.CLOZE, f"{base}/{rank}", about, numbered(block.text, highlights),
                f"Cloze {short(plain_text(block.text))}", block.line, block))
    return items, problems


def cloze_items(note: Note, highlights: bool) -> tuple[list[StudyItem], list[Diagnostic]]:
    """The note's cloze texts: with ``highlights``, each event, description and definition
    with a ``==highlight==`` (its identity the item's own plus ``/cloze``; a ``{{c1::…}}``
    typed there stays text unless the item has a highlight too); and each prose
    paragraph (of a section or an FAQ answer) tagged ``#cloze``, holding a ``{{c1::…}}`` mark
    or (with ``highlights``) a highlight, known by its section (or FAQ entry) and its rank
    among the cloze paragraphs there.
    ``prompt`` holds what the text is about (the date, the name, the term, the section
    title), ``answer`` the text with what it hides, each part a ``Cloze`` (``numbered``)."""
    items: list[StudyItem] = []
    for item in event_items(note) + person_items(note) + term_items(note):
        if highlights and has_highlight(item.answer):
            about = item.prompt if item.kind is not Kind.EVENT else (
                text(item.when.display) if item.when else text(item.group))
            items.append(replace(item, kind=Kind.CLOZE, identity=f"{item.identity}/cloze",
                                 prompt=about, answer=numbered(item.answer, True),
                                 label=f"Cloze {item.label}"))
    more, problems = _paragraph_items(note, highlights)
    lines, names = opted_out(note)  # #nocard and nocards opt a cloze text out as well
    kept = [i for i in items + more if i.line not in lines and not names & names_of(i)]
    unique, duplicates = _unique(kept, note)
    return unique, problems + duplicates
