"""The book's parts in print order: title page, contents, the project's timeline, the
chapters and the index, each from the guide's building blocks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, PageBreak, Spacer

from ...model import Diagnostic, Note
from ..base import RenderContext
from ..guide.doc import Anchor
from ..guide.settings import GuideSettings, for_language
from ..guide.story import StoryBuilder
from ..guide.styles import Styles
from ..guide.text import Formatter
from ..pdf.paragraph import Paragraph
from .chapters import ChapterStory, chapter, opening
from .doc import CHAPTER_LEVEL
from .index import BookIndex
from .settings import BookSettings
from .timeline import combined_note

WORDING = "the wording in layouts/book.toml"
INDEX = "the index's letters"  # their characters are the names' own, reported with those


@dataclass
class Parts:
    """Builds the story of the book; ``diagnostics`` after the build says what went wrong."""

    notes: list[Note]
    ctx: RenderContext
    settings: GuideSettings
    styles: Styles
    book: BookSettings
    title: str
    fallbacks: tuple[str, ...]
    frame_width: float
    frame_height: float
    # a figure drawer for a language, reporting to a list of characters
    drawer: Callable[[list[str], str], Any]
    chapters: list[tuple[ChapterStory, list[str]]] = field(default_factory=list)
    fmt: Formatter = field(init=False)
    index: BookIndex = field(init=False)

    def __post_init__(self) -> None:
        self.fmt = Formatter.create(self.settings, str(Path("layouts") / "book.toml"),
                                    self.fallbacks)
        # the notes' language when they share one, else the project's
        languages = {note.metadata.language for note in self.notes}
        self.index = BookIndex(self.styles, self.book.see, lambda letter: self.fmt.plain(
            letter, 0, bold=True, family=self.styles.head_family, label=INDEX),
            languages.pop() if len(languages) == 1 else self.settings.lang)

    def story(self) -> list[Flowable]:
        """Every flowable of the book, in print order."""
        front = StoryBuilder(
            combined_note(self.notes, self.title),
            replace(self.settings, titles={**self.settings.titles,
                                           "timeline": self.book.timeline}),
            self.styles, self.fmt, frame_height=self.frame_height,
            frame_width=self.frame_width, figure=self.drawer([], self.settings.lang))
        held = self.held()
        out = [*self.title_page(len(held)), PageBreak(), *front.contents()]
        timeline = [] if self.ctx.options.printing == "answers" else front.figure_section()
        if timeline:
            out.extend([*opening(), *timeline])
        for number, note in held:
            out.extend(chapter(self.builder(note), number, self.book.chapter))
        out.extend(self.index_part())
        return out

    def held(self) -> list[tuple[int, Note]]:
        """The chapters the book holds, each with its number. The answers printing holds the
        answer keys alone, each numbered as its chapter is in the whole book."""
        answers = self.ctx.options.printing == "answers"
        return [(number, note) for number, note in enumerate(self.notes, 1)
                if not answers or any(q.answer for q in note.questions)]

    def builder(self, note: Note) -> ChapterStory:
        from ..subjects import Subjects

        settings = for_language(self.settings, self.ctx.layouts, note.metadata.language)
        missing: list[str] = []
        built = ChapterStory(
            note, settings, self.styles, Formatter.create(settings, note.source, self.fallbacks),
            printing=self.ctx.options.printing, frame_height=self.frame_height,
            frame_width=self.frame_width, figure=self.drawer(missing, note.metadata.language),
            subject=Subjects.load(self.ctx.layouts).path(note), index=self.index)
        self.chapters.append((built, missing))
        return built

    def title_page(self, chapters: int) -> list[Flowable]:
        """The title, and under it how many chapters (notes) the book holds."""
        s = self.styles
        head = s.head_family
        big = ParagraphStyle("book-title", parent=s["title"], fontSize=s["title"].fontSize * 1.6,
                             leading=s["title"].fontSize * 1.6 * 1.2, alignment=TA_CENTER,
                             spaceAfter=s["title"].fontSize)
        under = ParagraphStyle("book-subtitle", parent=s["subtitle"], alignment=TA_CENTER,
                               fontSize=s["subtitle"].fontSize * 1.3,
                               leading=s["subtitle"].fontSize * 1.3 * 1.4)
        wording = self.book.note if chapters == 1 else self.book.notes
        count = wording.replace("{count}", str(chapters))
        return [Spacer(1, self.frame_height * 0.3),
                Paragraph(self.fmt.plain(self.title, 0, bold=True, family=head,
                                         label="the book's title"), big),
                Paragraph(self.fmt.plain(count, 0, family=head, label=WORDING), under)]

    def index_part(self) -> list[Flowable]:
        if not self.index.entries.markup:
            return []
        head = self.styles.head_family
        return [*opening(),
                Anchor("index", self.book.index, CHAPTER_LEVEL,
                       self.fmt.plain(self.book.index, 0, family=head, label=WORDING)),
                Paragraph(self.fmt.plain(self.book.index, 0, bold=True, family=head,
                                         label=WORDING), self.styles["h1"]),
                self.index]

    def diagnostics(self) -> list[Diagnostic]:
        """The chapters' problems and missing glyphs, said of the book."""
        from ..guide import figure_glyphs

        glyphs = self.fmt.glyphs.found
        for place in [p for p in glyphs if p.label == INDEX]:
            del glyphs[place]
        out: list[Diagnostic] = list(self.fmt.diagnostics())
        for built, missing in self.chapters:
            out.extend(built.problems)
            out.extend(built.fmt.diagnostics(figure_glyphs(built.note, missing)))
        return [replace(d, message="book" + d.message[len("guide"):])
                if d.message.startswith("guide:") else d for d in out]
