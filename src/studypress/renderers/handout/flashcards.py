"""``flashcards.pdf``: every study item that has an answer as a printed flashcard, on the cast
handout's card sheets: the prompt on the front, the answer on the back, each back behind its
own front when the sheet is printed double-sided (``layouts/handout.toml`` [cards] chooses the
format, the duplex edge and the back offset, as for the cast cards).

The file opens with a page that says how to print and cut it; its back says why it is left
blank, so the cards start on a sheet of their own. A text too long for its card shrinks to the
floor size, then is cut after a sentence with a warning at the item's line.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from reportlab.lib.enums import TA_CENTER

from ... import fonts
from ...collector import paused
from ...model import (
    Diagnostic,
    Event,
    Note,
    Person,
    RichText,
    Severity,
    Term,
    images,
    plain_text,
    text,
)
from ...study import (
    CardChoice,
    Kind,
    StudyItem,
    blanked,
    card_items,
    cloze_cards,
    say,
    undated_place,
)
from ..base import Output, RenderContext, RenderResult
from ..pdf import markup as pdfmarkup
from ..pdf.runs import draw_runs
from ..richtext import Formatter
from . import layout as geo
from .cards import clip, draw_sheets, grid_for
from .document import card_canvas
from .fitting import fit_text, sizes
from .printing import CardPages, draw_instructions
from .settings import CARD_WORDS, Settings, for_note
from .text import OneLines, Styles, Warnings, height_of, para

FILE = "flashcards.pdf"


@dataclass(frozen=True)
class Flashcard:
    """One printed card: what the front asks (and what kind of item it is), what the back
    answers, and the item's source line."""

    kind: str  # the front's small heading: "Date", "Person", "Term", "Question 3"...
    prompt: RichText
    answer: RichText
    line: int
    label: str


def _event_prompt(item: StudyItem, words: Mapping[str, str] = CARD_WORDS) -> RichText:
    """The date, with what tells it apart from other events of that date; an undated event is
    placed by its group heading or its neighbours."""
    if item.when is not None:
        extra = item.distinct_group or (
            say(words, "card_same_date", number=item.peers[0], count=item.peers[1])
            if item.peers else "")
        return text(f"{item.when.display} ({extra})" if extra else item.when.display)
    return text(undated_place(item, words))


def _person_answer(person: Person) -> RichText:
    head = ", ".join(p for p in (person.role, person.span.display if person.span else None)
                     if p)
    if head and person.description:
        # "… in Washington D.C." already ends its sentence: no second full stop
        stop = "" if head.endswith((".", "!", "?", "…")) else "."
        return text(f"{head}{stop} ") + person.description
    return person.description or text(head)


def _reversed(item: StudyItem, words: Mapping[str, str] = CARD_WORDS
              ) -> tuple[str, RichText, RichText]:
    """A card that asks with the answer: the event for its date (an undated event has none
    to ask for), the description or definition, its names blanked, for the person or term."""
    subject = item.subject
    if isinstance(subject, Event):
        return (say(words, "card_event"), subject.text if item.when else (),
                _event_prompt(item, words))
    if isinstance(subject, Person):
        return say(words, "card_name_them"), blanked(subject.description, subject.names), \
            text(subject.name)
    if isinstance(subject, Term):
        return (say(words, "card_which_term"), blanked(subject.definition, subject.names),
                text(subject.term))
    return say(words, "card_question"), item.prompt, item.answer


def flashcard(item: StudyItem, reverse: bool = False,
              words: Mapping[str, str] = CARD_WORDS) -> Flashcard | None:
    """The card of a study item (``reverse``: asked with its answer), or None when it has
    nothing to ask or to answer (an essay question, a quiz question the answer key leaves
    open); ``words`` is the [text] wording."""
    subject = item.subject
    if reverse:
        kind, prompt, answer = _reversed(item, words)
    elif item.kind is Kind.EVENT and isinstance(subject, Event):
        # an undated event's front places it among its neighbours: it claims no date
        kind = say(words, "card_date" if item.when is not None else "card_when")
        prompt, answer = _event_prompt(item, words), subject.text
    elif item.kind is Kind.PERSON and isinstance(subject, Person):
        kind, prompt, answer = say(words, "card_person"), item.prompt, _person_answer(subject)
    elif item.kind is Kind.FAQ:
        kind, prompt = say(words, "card_question"), item.prompt
        answer = text(" ".join(Formatter().blocks(item.answer_blocks).split()))
    elif item.kind is Kind.TERM:
        kind, prompt, answer = say(words, "card_term"), item.prompt, item.answer
    else:
        kind, prompt, answer = (say(words, "card_numbered", number=item.number), item.prompt,
                                item.answer)
    if not plain_text(prompt).strip() or not plain_text(answer).strip():
        return None
    return Flashcard(kind, prompt, answer, item.line, item.label)


def flashcards(note: Note, choice: CardChoice | None = None,
               words: Mapping[str, str] = CARD_WORDS, people: bool = True) -> list[Flashcard]:
    """The note's cards, in the order of its study items: the items and directions the deck
    settings choose (``choice``; the defaults when None), asked the way round the deck's
    first chosen direction asks, worded with ``words``; a cloze text makes a card per
    number. ``people``: the cast's cards too."""
    choice = choice or CardChoice()
    items, _ = card_items(note, choice)
    made: list[Flashcard | None] = []
    for item in items:
        if item.kind is Kind.CLOZE:
            made += [Flashcard(say(words, "card_cloze"), front, back, item.line, item.label)
                     for front, back in cloze_cards(item)]
        elif people or item.kind is not Kind.PERSON:
            made.append(flashcard(item, choice.reversed(item), words))
    return [card for card in made if card is not None]


# ------------------------------------------------------------------------------- drawing


def _fitted(value: RichText, r: geo.Rect, s: Settings, st_of: Any, missing: Any,
            start: float) -> tuple[Any, bool]:
    """The paragraph of ``value`` at the largest size from ``start`` that fits ``r``; at the
    floor, ``value`` cut after a sentence or word. Returns it and whether it was cut."""
    for size in sizes(start, s.card_floor, s.card_step):
        p = para(value, st_of(Styles.at(s, size)), missing)
        if height_of(p, r.w) <= r.h:
            return p, False
    floor = st_of(Styles.at(s, s.card_floor))
    cut, _ = fit_text(value, lambda v: height_of(para(v, floor, missing), r.w) <= r.h)
    return para(cut, floor, missing), True


def _centred(st: Styles) -> tuple[Any, pdfmarkup.MarkupStyle]:
    style, mstyle = st.front_name
    return style.clone("prompt", alignment=TA_CENTER), mstyle


def _body(st: Styles) -> tuple[Any, pdfmarkup.MarkupStyle]:
    return st.body


def _draw_front(c: Any, card: Flashcard, note: Note, r: geo.Rect, s: Settings,
                warn: Warnings, lines: OneLines) -> bool:
    """The kind at the top, the prompt large and centred, the note's title at the foot."""
    small = Styles.at(s, s.name_floor)
    head = lines.line(card.kind, small.footer, r.w, warn.wording())
    foot = lines.line(note.title, small.footer, r.w, warn.title())
    _, head_h = head.wrap(r.w, r.h)
    _, foot_h = foot.wrap(r.w, r.h)
    room = geo.Rect(r.x, r.y + foot_h + 4, r.w, r.h - head_h - foot_h - 8)
    prompt, cut = _fitted(card.prompt, room, s, _centred, warn.glyphs.at(card.line),
                          s.name_size * 0.8)
    h = height_of(prompt, r.w)
    c.saveState()
    clip(c, r)
    head.drawOn(c, r.x, r.top - head_h)
    prompt.drawOn(c, r.x, geo.centred_top(r, h, room) - h)
    foot.drawOn(c, r.x, r.y)
    c.restoreState()
    return cut


def _draw_back(c: Any, card: Flashcard, r: geo.Rect, s: Settings, warn: Warnings) -> bool:
    """The answer, as large as fits, centred on the card as the prompt is (from the top of
    the card's safe area when it fills it)."""
    answer, cut = _fitted(card.answer, r, s, _body, warn.glyphs.at(card.line), s.card_body)
    h = height_of(answer, r.w)
    c.saveState()
    clip(c, r)
    answer.drawOn(c, r.x, geo.centred_top(r, h) - h)
    c.restoreState()
    return cut


def _draw_cards(c: Any, cards: list[Flashcard], note: Note, s: Settings, grid: geo.CardGrid,
                warn: Warnings) -> set[int]:
    """Front and back pages for every sheet of cards; returns the cards whose text was cut."""
    cut: set[int] = set()
    lines = OneLines()

    def front(i: int, r: geo.Rect) -> None:
        if _draw_front(c, cards[i], note, r, s, warn, lines):
            cut.add(i)

    def back(i: int, r: geo.Rect) -> None:
        if _draw_back(c, cards[i], r, s, warn):
            cut.add(i)

    draw_sheets(c, len(cards), grid, s, front, back)
    return cut


def _draw_blank_back(c: Any, s: Settings, paper: tuple[float, float]) -> None:
    """The instruction page's back, which says why it is empty."""
    c.setPageSize(paper)
    c.setFillColor(s.color("muted"))
    chain = fonts.fallback_chain(fonts.family("sans"), False, False, s.fallbacks)
    draw_runs(c, paper[0] / 2, paper[1] / 2, s.fill("flashcards_blank"), chain, 9,
              align="centre")
    c.showPage()


def build_pdf(note: Note, cards: list[Flashcard], s: Settings, paper: tuple[float, float],
              when: int) -> tuple[bytes, list[Diagnostic]]:
    """The flashcards as PDF bytes, and the warnings they raised."""
    grid = grid_for(s, paper)
    buf = io.BytesIO()
    c = card_canvas(buf, s.text["flashcards_title"], note, s, paper, when)
    sheets = geo.pages_needed(len(cards), grid.per_page)
    instructions = replace(s, text={**s.text, "instructions_title": s.text["flashcards_title"],
                                    "instructions": s.text["flashcards_intro"]})
    draw_instructions(c, instructions, paper, CardPages(1, 3, 2 + 2 * sheets))
    _draw_blank_back(c, s, paper)
    warn = Warnings()
    cut = _draw_cards(c, cards, note, s, grid, warn)
    c.save()
    diags = warn.glyphs.diagnostics(note.source, "flashcards-glyph", _missing_text)
    diags += [Diagnostic(Severity.WARNING, "flashcards-cut",
                         f"{cards[i].label}: the card cannot hold it even at {s.card_floor:g} "
                         "pt, so it was cut and marked '…'; shorten it, or choose a larger "
                         "card ([cards] format in layouts/handout.toml)",
                         note.source, cards[i].line) for i in sorted(cut)]
    return buf.getvalue(), diags


def _inline_images(note: Note, cards: list[Flashcard]) -> list[Diagnostic]:
    """A note for each image inside a card's text: a card prints it as its name."""
    seen = dict.fromkeys((image.target, card.line) for card in cards
                         for image in images(card.prompt + card.answer))
    return [Diagnostic(Severity.INFO, "flashcards-inline-image",
                       f"flashcards: the image '{target}' inside a line of text prints as its "
                       "name on the card", note.source, line) for target, line in seen]


def _missing_text(what: str, chars: list[str]) -> str:
    return (f"flashcards: the fonts have no glyph for {what}; they print as '?'. Add a font "
            "that has them to [fonts] fallback in layouts/handout.toml")


class FlashcardsRenderer:
    """``flashcards.pdf``: the note's study items as duplex cut-out cards."""

    name = "flashcards"

    def render(self, note: Note, ctx: RenderContext) -> RenderResult:
        """The flashcards of a note that has anything to learn; an info note otherwise."""
        result = RenderResult()
        # A note that is only a cast has its cards in cast.pdf already.
        choice = CardChoice.load(ctx.layouts)
        people = bool(note.events or note.terms or note.questions or note.faq)
        cards = flashcards(note, choice, people=people)
        if not cards:
            result.diagnostics.append(Diagnostic(
                Severity.INFO, "flashcards-none", "nothing to make flashcards of (no "
                "timeline, glossary or answered questions; a cast alone is in cast.pdf), "
                "so no flashcards.pdf", note.source, None))
            return result
        settings, page, problems = for_note(ctx, note.source, note.metadata.language)
        result.diagnostics.extend(problems)
        if any(settings.text.get(k) != v for k, v in CARD_WORDS.items()):
            cards = flashcards(note, choice, settings.text, people)  # worded otherwise: again
        with paused():  # the cards' paragraphs all stand until the PDF is written
            data, warnings = build_pdf(note, cards, settings, page, ctx.build_time)
        result.files.append(Output(FILE, data))
        result.diagnostics.extend(warnings)
        result.diagnostics.extend(_inline_images(note, cards))
        return result


RENDERER = FlashcardsRenderer()
