"""One chapter per note: the note's guide, built by the guide's own story builder, under a
chapter opening, with index marks before every cast and glossary entry."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from ...model import Event, Person, Term
from ...names import filed
from ..guide.doc import Anchor
from ..guide.story import StoryBuilder
from ..guide.text import TITLE
from ..pdf.paragraph import Paragraph
from .doc import CHAPTER_LEVEL
from .index import BookIndex

OPENING = "first"  # the page template a chapter opens on: no running header


@dataclass
class ChapterStory(StoryBuilder):
    """The guide's story of one note, its people and terms marked for the index."""

    index: BookIndex | None = None

    def cast_entry(self, person: Person) -> list[Flowable]:
        block = super().cast_entry(person)
        if self.index is None:
            return block
        form = filed(person.name, person.aliases)
        for other in dict.fromkeys((*form.variants, *(filed(a).text for a in person.aliases))):
            self.index.alias(other, self.fmt.plain(other, person.line), person.name)
        return [self._person_mark(person, person.line), *block]

    def _person_mark(self, person: Person, line: int) -> Flowable:
        """The index mark of a person, filed by family name."""
        assert self.index is not None
        text = filed(person.name, person.aliases).text
        return self.index.mark(person.name, self.fmt.plain(text, line), text)

    def event_cell(self, event: Event) -> list[Flowable]:
        cell = super().event_cell(event)
        if self.index is None:
            return cell
        cast = self._cast
        marks = [self._person_mark(cast[name], event.line)
                 for name in dict.fromkeys(_mentioned(event)) if name in cast]
        return [*marks, *cell]

    @property
    def _cast(self) -> dict[str, Person]:
        return {p.name: p for p in self.note.people}

    def term_entry(self, term: Term) -> list[Flowable]:
        block = super().term_entry(term)
        if self.index is None:
            return block
        return [self.index.mark(term.term, self.fmt.plain(term.term, term.line)), *block]


def _mentioned(event: Event) -> list[str]:
    """The people an event and its sub-items name, in order."""
    return [*event.people, *(n for child in event.children for n in _mentioned(child))]


def opening() -> list[Flowable]:
    """What starts a chapter: a new page without a running header."""
    return [NextPageTemplate(OPENING), PageBreak()]


def nest(flows: list[Flowable], prefix: str) -> list[Flowable]:
    """A note's sections one level below its chapter: outline entries and contents lines
    deeper by one (the contents lists the sections, not their subsections), link targets
    named apart from every other chapter's."""
    for f in flows:
        if isinstance(f, Anchor):
            f.key = f"{prefix}-{f.key}"
            f.level += 1
            if f.level > CHAPTER_LEVEL + 1:
                f.toc_markup = None
    return flows


def chapter(builder: ChapterStory, number: int, kicker: str) -> list[Flowable]:
    """The chapter of ``builder``'s note: its number and title, then the note's guide in the
    printing asked for (the answer key, if printed, on a page of its own at its end)."""
    note, fmt, styles = builder.note, builder.fmt, builder.styles
    title = note.title or note.id
    head = styles.head_family
    toc = f"{number}&nbsp;&nbsp;&nbsp;" + fmt.plain(title, 0, family=head, label=TITLE)
    anchor = Anchor(f"chapter-{number}", title, CHAPTER_LEVEL, toc)
    label = Paragraph(fmt.wording(kicker.replace("{number}", str(number)), family=head),
                      styles["subtitle"])
    label.keepWithNext = 1
    top = [label, *builder.title_block()]
    if builder.printing == "answers":
        body = builder.answer_key(new_page=False)
    else:
        # a chapter never opens on a page holding its title alone
        body = builder.below(top, builder.printed_body(), builder.printed_body, always=True)
    return [*opening(), anchor, *top, *nest(body, f"chapter-{number}")]
