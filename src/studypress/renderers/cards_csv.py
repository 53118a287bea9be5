"""``cards.csv``: the study items as flashcards for Quizlet, Anki's text import and other apps.

One row per study item that has an answer (per number of a cloze text, the front
with that number's parts blank): front, back, tags. The file is UTF-8 CSV as
RFC 4180 writes it (comma separated, fields with commas, quotes or line breaks quoted, quotes
doubled, CRLF line ends). Fields are plain text, never HTML: a flashcard app shows them as
typed, so nothing needs escaping but the CSV quoting itself. The first lines are Anki's file
headers (``#separator:Comma``, ``#html:false``, ``#tags column:3``, ``#columns:…``), which tell
its importer how to read the file; other apps that offer a "skip lines" option skip them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

from ..model import Event, Note, Person, Term, plain_text
from ..study import (
    CARD_WORDS,
    NOCARD_TAG,
    CardChoice,
    Kind,
    StudyItem,
    blanked,
    card_items,
    card_words,
    cloze_cards,
    event_summary,
    say,
    undated_place,
)
from .base import Output, RenderContext, RenderResult
from .richtext import Formatter

FILE = "cards.csv"
COLUMNS = ("Front", "Back", "Tags")
HEADERS = ("#separator:Comma", "#html:false", "#tags column:3",
           "#columns:" + ",".join(COLUMNS))


def _words(value: str) -> str:
    # Line breaks inside a field are legal CSV but some apps cut a card there; a card's
    # lines stay lines, and runs of blank lines and spaces fold.
    lines = (" ".join(line.split()) for line in value.splitlines())
    return "\n".join(line for line in lines if line)


def _event_back(event: Event) -> str:
    lines = [plain_text(event.text)]
    lines += [f"• {event_summary(child) if child.date else plain_text(child.text)}"
              for child in event.children]
    return "\n".join(lines)


def _event_front(item: StudyItem, words: Mapping[str, str] = CARD_WORDS) -> str:
    """The date, with what tells it apart from others of that date; an undated event is
    placed by its group or its neighbours instead."""
    if item.when is not None:
        front = item.when.display
        if item.distinct_group:
            front += f" ({item.distinct_group})"
        elif item.peers is not None:
            peer = say(words, "card_same_date", number=item.peers[0], count=item.peers[1])
            front += f" ({peer})"
        return front
    return undated_place(item, words)


def _person_back(person: Person) -> str:
    head = ", ".join(p for p in (person.role, person.span.display if person.span else None)
                     if p)
    body = plain_text(person.description)
    return f"{head}\n{body}" if head and body else head or body


def _reversed(item: StudyItem, words: Mapping[str, str]) -> tuple[str, str]:
    """A card that asks with the answer: the event for its date, the description or
    definition (its names blanked) for the person or term. An undated event has no date
    to ask for."""
    subject = item.subject
    if isinstance(subject, Event):
        return (_event_back(subject), _event_front(item, words)) if item.when else ("", "")
    if isinstance(subject, Person):
        return plain_text(blanked(subject.description, subject.names)), subject.name
    if isinstance(subject, Term):
        return plain_text(blanked(subject.definition, subject.names)), subject.term
    return plain_text(item.prompt), plain_text(item.answer)


def card(item: StudyItem, reverse: bool = False,
         words: Mapping[str, str] = CARD_WORDS) -> tuple[str, str] | None:
    """The front and back of an item's card (``reverse``: asked with its answer), or None
    when there is nothing to ask or to answer (an essay question, a quiz question the
    answer key leaves open)."""
    subject = item.subject
    if reverse:
        front, back = _reversed(item, words)
    elif item.kind is Kind.EVENT and isinstance(subject, Event):
        front, back = _event_front(item, words), _event_back(subject)
    elif item.kind is Kind.PERSON and isinstance(subject, Person):
        front, back = plain_text(item.prompt), _person_back(subject)
    elif item.kind is Kind.FAQ:
        front, back = plain_text(item.prompt), Formatter().blocks(item.answer_blocks)
    else:
        front, back = plain_text(item.prompt), plain_text(item.answer)
    front, back = _words(front), _words(back)
    return (front, back) if front and back else None


def _tag(value: str) -> str:
    # Tags are separated by spaces in every app that reads a tags column.
    return "_".join(value.strip().lstrip("#").split())


def rows(note: Note, choice: CardChoice | None = None,
         words: Mapping[str, str] = CARD_WORDS) -> list[tuple[str, str, str]]:
    """One (front, back, tags) row per study item of the note that makes a card: the items
    and directions the deck settings choose (``choice``; the defaults when None), asked the
    way round the deck's first chosen direction asks."""
    choice = choice or CardChoice()
    out = []
    items, _ = card_items(note, choice)
    for item in items:
        if item.kind is Kind.CLOZE:  # a card per number, as Anki makes them
            made = [(_words(plain_text(f)), _words(plain_text(b))) for f, b in cloze_cards(item)]
        else:
            made = [card(item, choice.reversed(item), words)]
        tags = [t for t in (_tag(v) for v in (*note.metadata.tags, item.kind))
                if t and t.lower() != NOCARD_TAG]
        out += [(*sides, " ".join(dict.fromkeys(tags))) for sides in made if sides]
    return out


def to_csv(records: list[tuple[str, str, str]]) -> bytes:
    """RFC 4180 bytes (UTF-8, CRLF) with Anki's header lines first."""
    buffer = io.StringIO(newline="")
    buffer.write("".join(h + "\r\n" for h in HEADERS))
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(records)
    return buffer.getvalue().encode("utf-8")


class CardsCsv:
    """Writes ``cards.csv`` per note."""

    name = "cards"

    def render(self, note: Note, ctx: RenderContext) -> RenderResult:
        """The note's flashcards as CSV (identity warnings are the deck's to report)."""
        choice = CardChoice.load(ctx.layouts)
        words = card_words(ctx.layouts, note.metadata.language)
        return RenderResult(files=[Output(FILE, to_csv(rows(note, choice, words)))])


RENDERER = CardsCsv()
