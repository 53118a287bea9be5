"""The guide's story: title block, contents, and one builder per kind of content, in the order
a student reads them, with the answer key last on a page of its own."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.platypus import Flowable, PageBreakIfNotEmpty, Spacer, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from ... import fonts
from ...model import (
    Diagnostic,
    Event,
    Note,
    Person,
    Question,
    QuestionKind,
    RichText,
    Section,
    Severity,
    Term,
    plain_text,
)
from ..pdf.paragraph import Paragraph
from ..pdf.people import appearances, span_prefix
from ..pdf.runs import runs_width
from .blocks import BULLETS, BlockRenderer
from .breaks import date_lines
from .doc import Anchor, Contents, FitDrawing, MoveOver, RowTable, WritingLines
from .items import Item
from .settings import GuideSettings
from .styles import Styles
from .text import FOLDERS, TAGS, TITLE, Formatter, sort_key

PRINTINGS = ("full", "questions", "answers")
NUMBER_GAP = 8.0  # points between the chronology's columns
TOC_CHARS = 150
# The cast goes in two columns when it has at least this many people and every entry, set
# half as wide, stays within this many lines of body text: short entries in one column
# leave most of each line empty and run over pages.
CAST_COLUMNS_FROM = 4
CAST_SHORT_LINES = 7
CAST_GUTTER = 18.0  # points between the cast's columns


def _words(text: str) -> str:
    """Text reduced to its words, for comparing headings: case, punctuation and spacing go."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary (or mid-word for one long word) to ``limit`` characters,
    an ellipsis marking the cut."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"

# Prose the reader kept beside structured content: shown with that content, not on its own.
ATTACHED_KINDS = {"timeline-notes", "cast-notes", "glossary-notes", "instructions",
                  "answer-notes"}

# note, width, height of the figure's first page (None: the whole frame's; the others always
# take the whole frame) → None, or the figure's Drawing (or a list of them, one per page, for a
# figure continued over pages) and the numbers on its marks (event index → number; empty when
# the marks carry labels)
Drawer = Callable[[Note, float, "float | None"], "tuple[object, dict[int, int]] | None"]
# A figure's first page is set below what opens the page only when at least this share of the
# frame is left for it: a strip at the foot of a page holds too little of a timeline.
SHARE_LEAST = 0.4
SHARE_SLACK = 6.0  # points kept free under a shared first page, for rounding in the frame


@dataclass
class StoryBuilder:
    """Builds the guide's flowables, section by section."""

    note: Note
    settings: GuideSettings
    styles: Styles
    fmt: Formatter
    printing: str = "full"
    frame_height: float = 700.0
    frame_width: float = 480.0
    figure: Drawer | None = None
    asset: Callable[[str], bytes | None] | None = None  # embedded files, for images
    subject: tuple[str, ...] = ()  # where the note sits (subjects.Subjects.path)
    blocks: BlockRenderer = field(init=False)
    problems: list[Diagnostic] = field(default_factory=list)
    figure_numbers: dict[int, int] = field(default_factory=dict)  # event index → mark number
    figure_pages: int = 0  # pages of the figure as last drawn
    _figure_at: int = -1  # where the figure's heading stands in the last body built
    _drawn: dict[float | None, object] = field(default_factory=dict)  # page height → figure
    _keys_before: int = 0  # heading keys and problems as the last body began
    _level_before: int = -1
    _problems_before: int = 0
    _figure_late: bool = False  # the figure after the chronology instead of before it
    _keys: int = 0
    _last_level: int = -1
    # a date's lines by its text, font chain, size and room: many events share a date
    _date_breaks: dict[tuple[object, ...], list[str]] = field(default_factory=dict)
    # A body made again reuses the parts its figure does not change (``_part``). Off for a
    # builder whose parts hand out what is counted (the book's index marks).
    keep_parts: bool = False
    _parts: dict[tuple[object, ...], tuple[list[Flowable], int, int, list[Diagnostic]]] = \
        field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.printing not in PRINTINGS:
            raise ValueError(f"unknown printing '{self.printing}'; choose "
                             f"{', '.join(PRINTINGS)}")
        self.blocks = BlockRenderer(self.styles, self.fmt, asset=self.asset,
                                    max_image_height=self.frame_height * 0.6,
                                    problems=self.problems)

    @property
    def titles(self) -> dict[str, str]:
        return self.settings.titles

    # ------------------------------------------------------------ pieces
    def heading(self, title: RichText | str, line: int, level: int = 0) -> list[Flowable]:
        """A section heading with its outline entry and (if shallow enough) contents line."""
        level = max(0, min(level, self._last_level + 1))
        self._last_level = level
        self._keys += 1
        key = f"section-{self._keys}"
        name = ("h1", "h2", "h3")[min(level, 2)]
        st = self.styles[name]
        fam = self.styles.head_family
        if isinstance(title, str):  # the guide's own heading, from the layout's wording
            markup = self.fmt.wording(title, bold=True, family=fam)
            plain = title
        else:
            markup = self.fmt.rich(title, line, bold=True, family=fam)
            plain = plain_text(title)
        outline = " ".join(plain.split()) or "…"
        toc = None
        if level < self.settings.toc_depth:
            # A contents line is one row of a table that cannot split: keep it short.
            short = shorten(outline, TOC_CHARS)
            toc = (self.fmt.wording(short, family=fam) if isinstance(title, str)
                   else self.fmt.plain(short, line, family=fam))
        return [Anchor(key, outline, level, toc), Paragraph(markup, st)]

    def build(self) -> list[Flowable]:
        """The whole story for this note and printing."""
        story: list[Flowable] = self.title_block()
        if self.printing == "answers":
            story.extend(self.answer_key(new_page=False))
            return story
        body = self.printed_body()
        worthy = self._toc_worthy(body)
        if worthy:
            above = [*story, *self._contents_stand_in(body)]
            body = self.below(above, body, self.printed_body)
            contents = self.contents()
            # Known lines with unknown pages: the first pass already lays the contents out at
            # their final height, so the pages after it rarely move and a pass is saved.
            toc = next(f for f in contents if isinstance(f, Contents))
            toc.addEntries([(f.level, f.toc_markup, 0, f.key) for f in body
                            if isinstance(f, Anchor) and f.toc_markup is not None])
            story.extend(contents)
        else:
            body = self.below(story, body, self.printed_body)
        story.extend(body)
        _drop_trailing_space(story)  # space after the end would only start a page of its own
        return story

    def printed_body(self, figure_height: float | None = None) -> list[Flowable]:
        """The body in the printing asked for: with the answer key after it in ``full``."""
        body = self.body(figure_height)
        if self.printing == "full":
            _drop_trailing_space(body)  # a space that starts a page would leave it blank
            body.extend(self.answer_key(new_page=True))
        return body

    def below(self, above: list[Flowable], body: list[Flowable],
              make: Callable[[float | None], list[Flowable]], always: bool = False
              ) -> list[Flowable]:
        """``body``, or ``make``'s body again with the figure's first page made lower, so that
        it fills the room on the page ``above`` opens instead of leaving that page to ``above``
        alone; the figure's other pages keep the whole frame. The lower first page is taken
        when it costs no page (the figure was continued over pages anyway, and one page more
        of it is the page no longer left to ``above``). With ``always`` (a page holding a
        chapter's title alone is no page), a lower first page that would cost more gives way
        to the chronology: it opens the page, and the figure follows it."""
        if self._figure_at < 0 or not self.figure_pages:
            return body
        used = self._height([*above, *body[:self._figure_at + 2]], self.frame_width)
        first = body[self._figure_at + 2]
        room = self.frame_height - used - SHARE_SLACK
        if first.wrap(self.frame_width, self.frame_height)[1] <= room:
            return body  # its first page fits under them already
        if room >= SHARE_LEAST * self.frame_height and (self.figure_pages > 1 or always):
            pages = self.figure_pages
            # Left to ``above``, the page is lost; given to the chronology (``always``), it is
            # not, so there one figure page more is a page more (but for a figure of one page,
            # whose rest still needs a page of its own).
            more = 0 if always and pages > 1 else 1
            self._draw_figure(room)
            if self.figure_pages <= pages + more:
                return self._rebuilt(make, room)
            self._draw_figure(None)
        if not always:
            return body
        self._figure_late = True
        return self._rebuilt(make, None)

    def _rebuilt(self, make: Callable[[float | None], list[Flowable]], height: float | None
                 ) -> list[Flowable]:
        """``make(height)`` as if it were the first body built: same keys, no repeated
        problems."""
        self._keys, self._last_level = self._keys_before, self._level_before
        del self.problems[self._problems_before:]
        return make(height)

    def _contents_stand_in(self, body: list[Flowable]) -> list[Flowable]:
        """Flowables as tall as the contents will be (a table of contents is measured only on
        a page)."""
        s = self.styles
        lines = [Paragraph(f.toc_markup, s["toc0" if f.level == 0 else "toc1"])
                 for f in body if isinstance(f, Anchor) and f.toc_markup is not None]
        head, _, rule = self.contents()
        return [head, *lines, rule]

    def _toc_worthy(self, body: list[Flowable]) -> bool:
        return sum(1 for f in body if isinstance(f, Anchor) and f.toc_markup is not None) >= 2

    # ------------------------------------------------------------ title and contents
    def title_block(self) -> list[Flowable]:
        note, s = self.note, self.styles
        head = s.head_family
        # The title, folders and tags have no line of their own: their characters are
        # reported under what they are.
        out: list[Flowable] = [Paragraph(
            self.fmt.plain(note.title or note.id, 0, bold=True, family=head, label=TITLE),
            s["title"])]
        parts = []
        if self.subject:
            parts.append(self.fmt.plain(" › ".join(self.subject), 0, family=head,
                                        label=FOLDERS))
        if self.printing != "full":
            parts.append(self.fmt.wording(self.titles[f"printing_{self.printing}"],
                                          family=head))
        if parts:
            out.append(Paragraph("  ·  ".join(parts), s["subtitle"]))
        if note.tags:
            label = self.fmt.wording(self.titles["tags"] + " ", bold=True, family=head)
            tags = self.fmt.plain(", ".join(note.tags), 0, family=head, label=TAGS)
            out.append(Paragraph(f"<b>{label}</b>{tags}", s["subtitle"]))
        out.append(Spacer(1, 4))
        out.append(HRFlowable(width="100%", thickness=0.8, color=s.colour("rule"),
                              spaceBefore=2, spaceAfter=6))
        return out

    def contents(self) -> list[Flowable]:
        s = self.styles
        toc = Contents(
            levelStyles=[s["toc0"], s["toc1"]],
            tableStyle=TableStyle([
                ("FONT", (0, 0), (-1, -1), s["toc0"].fontName, s["toc0"].fontSize),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]),
            dotsMinLevel=0,
        )
        head = self.fmt.wording(self.titles["contents"], bold=True, family=s.head_family)
        rule = HRFlowable(width="100%", thickness=0.8, color=s.colour("rule"), spaceBefore=8,
                          spaceAfter=8)
        return [Paragraph(head, s["h2"]), toc, rule]

    # ------------------------------------------------------------ body
    def body(self, figure_height: float | None = None) -> list[Flowable]:
        """Every section under the title, the figure's first page ``figure_height`` tall at
        most (None: a page's height)."""
        note = self.note
        self._keys_before, self._level_before = self._keys, self._last_level
        self._problems_before = len(self.problems)
        intro = [sec for sec in note.sections if sec.kind in self.settings.introduction]
        attached = {sec.kind for sec in note.sections} & ATTACHED_KINDS
        rest = [sec for sec in note.sections
                if sec not in intro and sec.kind not in attached]
        out: list[Flowable] = []
        out.extend(self.prose(intro))
        figure = self.figure_section(figure_height)  # first: the chronology gives its numbers
        numbers = tuple(self.figure_numbers.items())
        if self._figure_late:
            out.extend(self._part("chronology", self.chronology, numbers))
        self._figure_at = len(out) if figure else -1
        out.extend(figure)
        if not self._figure_late:
            out.extend(self._part("chronology", self.chronology, numbers))
        out.extend(self._part("after", lambda: self._after_chronology(rest)))
        return out

    def _after_chronology(self, rest: list[Section]) -> list[Flowable]:
        """The sections after the chronology, which no figure changes."""
        return [*self.cast(), *self.glossary(), *self.questions(QuestionKind.SHORT),
                *self.questions(QuestionKind.ESSAY), *self.faq(), *self.prose(rest),
                *self.footnotes()]

    def _part(self, name: str, make: Callable[[], list[Flowable]], *inputs: object
              ) -> list[Flowable]:
        """``make()``; with ``keep_parts``, what it made when this part of a body was last
        made at the same place among the headings (the keys and level it starts at) from
        the same ``inputs``: a body made again for a lower figure makes only what changes."""
        if not self.keep_parts:
            return make()
        key = (name, self._keys, self._last_level, *inputs)
        made = self._parts.get(key)
        if made is None:
            start = len(self.problems)
            flowables = make()
            made = self._parts[key] = (flowables, self._keys, self._last_level,
                                       self.problems[start:])
        else:  # as if made again: the keys it took, the problems it met
            self._keys, self._last_level = made[1], made[2]
            self.problems.extend(made[3])
        return list(made[0])

    def attached(self, kind: str) -> list[Flowable]:
        out: list[Flowable] = []
        for sec in self.note.sections:
            if sec.kind == kind:
                out.extend(self.blocks.blocks(sec.blocks))
        return out

    def _draw_figure(self, height: float | None) -> object:
        """The drawer's figure with its first page ``height`` tall at most (None: the frame's),
        drawn once per height."""
        if height not in self._drawn:
            assert self.figure is not None
            self._drawn[height] = self.figure(self.note, self.frame_width, height)
        drawn = self._drawn[height]
        self.figure_pages = 0
        if drawn is not None:
            drawing = drawn[0]  # type: ignore[index]
            self.figure_pages = len(drawing) if isinstance(drawing, list) else 1
        return drawn

    def figure_section(self, height: float | None = None) -> list[Flowable]:
        """The timeline heading and the figure's pages, the first ``height`` tall at most."""
        if self.figure is None:
            return []
        try:
            drawn = self._draw_figure(height)
        except Exception as exc:  # the guide is still worth printing without its figure
            self.problems.append(Diagnostic(
                Severity.WARNING, "figure", f"the timeline figure could not be drawn "
                f"({type(exc).__name__}: {exc}); the guide is printed without it",
                self.note.source))
            return []
        if drawn is None:
            return []
        drawing, self.figure_numbers = drawn  # type: ignore[misc]
        font = self.styles.body_family.regular
        # A figure continued over pages is a list of drawings, each as tall as its page holds
        # at full size; the frame's height is only a guard (shrinking a page would print it
        # too small).
        drawings = drawing if isinstance(drawing, list) else [drawing]
        pages: list[Flowable] = [FitDrawing(d, self.frame_height, font) for d in drawings]
        return [*self.heading(self.titles["timeline"], 0), *pages, Spacer(1, 8)]

    # ------------------------------------------------------------ chronology
    def chronology(self) -> list[Flowable]:
        events = self.note.events
        if not events:
            return []
        out = self.heading(self.titles["chronology"], events[0].line)
        runs: list[tuple[str | None, list[int]]] = []
        for index, event in enumerate(events):
            if runs and runs[-1][0] == event.group:
                runs[-1][1].append(index)
            else:
                runs.append((event.group, [index]))
        # When the figure numbers its marks, each entry carries its mark's number, so a
        # reader finds a mark here (the numbers run in date order, the entries in the note's).
        numbers = self.figure_numbers
        number_width = (self.blocks.label_width([str(n) for n in numbers.values()], "number")
                        + NUMBER_GAP) if numbers else 0.0
        for group, members in runs:
            if group:
                st = self.styles["group"]
                out.append(Paragraph(self.fmt.plain(group, events[members[0]].line, bold=True,
                                                    family=self.styles.head_family), st))
            out.append(self._event_table(members, number_width))
        out.extend(self.attached("timeline-notes"))
        return out

    @property
    def date_width(self) -> float:
        """The chronology's date column, in points: the layout's width, at most 40 % of a page."""
        return min(self.settings.date_column, self.frame_width * 0.4)

    def _event_table(self, indices: list[int], number_width: float = 0.0) -> Table:
        """The events at ``indices`` as rows of date and text; with ``number_width``, a first
        column holds the number of each event's mark on the figure."""
        s = self.styles
        rows = []
        for index in indices:
            event = self.note.events[index]
            date_cell: list[Flowable] = []
            if event.date and event.inherited_date:
                # the date repeats the group heading above: shown, but quietly
                date_cell.append(self._date_paragraph(event.date.display, event.line,
                                                      "date_inherited"))
            elif event.date:
                date_cell.append(self._date_paragraph(event.date.display, event.line,
                                                      "date", bold=True))
            else:
                date_cell.append(Paragraph(self.fmt.wording(
                    self.titles["undated"], italic=True, family=s.head_family),
                    s["date_undated"]))
            if event.date_note:
                date_cell.append(Paragraph(self.fmt.plain(
                    event.date_note, event.line, italic=True, family=s.head_family),
                    s["date_note"]))
            row: list[list[Flowable]] = [date_cell, self.event_cell(event)]
            if number_width:
                number = self.figure_numbers.get(index)
                row.insert(0, [Paragraph(str(number), s["number"])] if number else [])
            rows.append(row)
        width = self.date_width
        widths = [width, self.frame_width - width]
        if number_width:
            widths = [number_width, width, self.frame_width - width - number_width]
        last = len(widths) - 1
        commands = [
            ("FONT", (0, 0), (-1, -1), s["event"].fontName, s["event"].fontSize),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (last - 1, -1), NUMBER_GAP),
            ("RIGHTPADDING", (last, 0), (last, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LINEBELOW", (0, 0), (-1, -2), 0.3, s.colour("rule")),
        ]
        return RowTable(rows, colWidths=widths, style=TableStyle(commands), splitByRow=1,
                        splitInRow=1, hAlign="LEFT", spaceAfter=4,
                        page_height=self.frame_height)

    def _date_paragraph(self, text: str, line: int, style: str, bold: bool = False
                        ) -> Paragraph:
        """A date in the chronology's date column, broken where a date may break."""
        st = self.styles[style]
        fam = self.styles.head_family
        chain = fonts.fallback_chain(fam, bold, False, self.fmt.base.fallbacks)
        room = self.date_width - NUMBER_GAP  # the column's right padding
        key = (text, chain, st.fontSize, room)
        lines = self._date_breaks.get(key)
        if lines is None:
            lines = self._date_breaks[key] = date_lines(
                text, room, lambda t: runs_width(t, chain, st.fontSize))
        # A number wider than the column runs into the gap beside it rather than be cut.
        return Paragraph("<br/>".join(self.fmt.plain(piece, line, bold=bold, family=fam)
                                      for piece in lines),
                         self.blocks.style(style, splitLongWords=0))

    def event_cell(self, event: Event) -> list[Flowable]:
        """What the chronology prints beside an event's date: its text and its sub-items."""
        return [self.blocks.para(event.text, event.line, "event"),
                *self._children(event.children, 0)]

    def _children(self, children: tuple[Event, ...], depth: int) -> list[Flowable]:
        out: list[Flowable] = []
        if not children:
            return out
        s = self.styles
        bullet = BULLETS[1:][depth % 2]
        width = self.blocks.label_width([bullet], "event")
        left = depth * 12.0
        for child in children:
            st = self.blocks.style("event", left=left + width, bullet=left, spaceBefore=1)
            markup = ""
            if child.date and not child.inherited_date:
                markup = self.fmt.plain(child.date.display + ": ", child.line, bold=True,
                                        family=s.head_family)
                markup = f"<b>{markup}</b>"
            markup += self.fmt.rich(child.text, child.line)
            out.append(Item(markup, st, bulletText=bullet))
            out.extend(self._children(child.children, depth + 1))
        return out

    # ------------------------------------------------------------ cast
    def span_markup(self, person: Person) -> str:
        """The person's span ("b. 1890"), each part's characters traced to where it is from."""
        if person.span is None:
            return ""
        head = self.styles.head_family
        text = self.fmt.plain(person.span.display, person.line, family=head)
        prefix = span_prefix(person)
        if prefix:
            return self.fmt.wording(self.titles[prefix] + " ", family=head) + text
        return text

    def appearances(self, person: Person) -> list[str]:
        """The dates of the events that mention this person, each once, in note order, as
        markup whose characters are traced to each event's line."""
        undated = self.titles["undated"]
        out = []
        for found in appearances(person, self.note):
            if not found.undated:
                out.append(self.fmt.plain(found.text, found.line))
            elif found.text:
                out.append(self.fmt.plain(found.text, found.line)
                           + self.fmt.wording(f" ({undated})"))
            else:
                out.append(self.fmt.wording(undated))
        return out

    def cast(self) -> list[Flowable]:
        people = self.note.people
        if not people:
            return []
        out = self.heading(self.titles["cast"], people[0].line)
        entries = [self.cast_entry(person) for person in people]
        column = (self.frame_width - CAST_GUTTER) / 2
        if len(entries) >= CAST_COLUMNS_FROM and all(
                self._height(block, column) <= CAST_SHORT_LINES * self.styles["body"].leading
                for block in entries):
            out.append(self._cast_grid(entries, column))
        else:
            for block in entries:
                out.extend(block)
            out.append(Spacer(1, 4))
        out.extend(self.attached("cast-notes"))
        return out

    def _cast_grid(self, entries: list[list[Flowable]], column: float) -> Table:
        """Entries two to a row, read left to right; a row never splits across pages."""
        body = self.styles["body"]
        for block in entries:  # a cell is kept whole, so nothing in it keeps with the next
            for f in block:
                f.keepWithNext = 0
        rows = [entries[i:i + 2] + ([[]] if i + 1 == len(entries) else [])
                for i in range(0, len(entries), 2)]
        style = TableStyle([("FONT", (0, 0), (-1, -1), body.fontName, body.fontSize),
                            ("VALIGN", (0, 0), (-1, -1), "TOP"),
                            ("LEFTPADDING", (0, 0), (-1, -1), 0),
                            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                            ("LEFTPADDING", (1, 0), (1, -1), CAST_GUTTER),
                            ("TOPPADDING", (0, 0), (-1, -1), 0),
                            ("BOTTOMPADDING", (0, 0), (-1, -1), 6)])
        return RowTable(rows, colWidths=[column, column + CAST_GUTTER], style=style,
                        splitByRow=1, hAlign="LEFT", page_height=self.frame_height)

    @staticmethod
    def _height(block: list[Flowable], width: float) -> float:
        return sum(f.wrap(width, 1e6)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                   for f in block)

    def cast_entry(self, person: Person) -> list[Flowable]:
        """One person: the name and span, other names, role, description and appearances."""
        s = self.styles
        name = self.fmt.plain(person.name, person.line, bold=True, family=s.head_family)
        span_markup = self.span_markup(person)
        if span_markup:
            muted = self.settings.colours["muted"]
            name += f'  <font color="{muted}"><b>{span_markup}</b></font>'
        block: list[Flowable] = [Paragraph(name, s["person"])]
        if person.aliases:
            block.append(Paragraph(self.fmt.plain(" · ".join(person.aliases), person.line,
                                                  italic=True), s["role"]))
        if person.role:
            block.append(Paragraph(self.fmt.plain(person.role, person.line, italic=True),
                                   s["role"]))
        if person.description:
            block.append(self.blocks.para(person.description, person.line, "body_tight"))
        dates = self.appearances(person)
        if dates:
            label = self.fmt.wording(self.titles["appears_in"] + " ", bold=True)
            block.append(Paragraph(f"<b>{label}</b>" + "; ".join(dates), s["small"]))
        for f in block[:-1]:
            f.keepWithNext = 1
        block[-1].keepWithNext = 0
        return block

    # ------------------------------------------------------------ glossary
    def glossary(self) -> list[Flowable]:
        terms = sorted(self.note.terms,
                       key=lambda t: sort_key(t.term, self.note.metadata.language))
        if not terms:
            return []
        out = self.heading(self.titles["glossary"], terms[0].line)
        entries = [self.term_entry(term) for term in terms]
        for entry in entries:
            out.extend(entry)
        out.extend(self.attached("glossary-notes"))
        return self.moving_over(out, entries[1][0] if len(entries) > 1 else None)

    def term_entry(self, term: Term) -> list[Flowable]:
        """One glossary entry: the term in bold, then its definition."""
        name = self.fmt.plain(term.term, term.line, bold=True)
        markup = f"<b>{name}</b>"
        if term.definition:
            markup += " — " + self.fmt.rich(term.definition, term.line)
        return [Paragraph(markup, self.styles["term"])]

    # ------------------------------------------------------------ questions
    def _instructions(self, kind: QuestionKind) -> list[Section]:
        """Instruction paragraphs belong to the question list that follows them."""
        firsts = {k: min((q.line for q in self.note.questions if q.kind is k), default=None)
                  for k in QuestionKind}
        chosen = []
        for sec in self.note.sections:
            if sec.kind != "instructions":
                continue
            after = [(line, k) for k, line in firsts.items() if line is not None
                     and line > sec.line]
            owner = min(after)[1] if after else QuestionKind.SHORT
            if owner is kind:
                chosen.append(sec)
        return chosen

    def questions(self, kind: QuestionKind) -> list[Flowable]:
        items = sorted((q for q in self.note.questions if q.kind is kind),
                       key=lambda q: (q.number, q.line))
        if not items:
            return []
        title = self.titles["quiz" if kind is QuestionKind.SHORT else "essay"]
        out = self.heading(title, items[0].line)
        for sec in self._instructions(kind):
            out.extend(self.blocks.blocks(sec.blocks))
        lines = (self.settings.quiz_lines if kind is QuestionKind.SHORT
                 else self.settings.essay_lines)
        width = self.blocks.label_width([f"{q.number}." for q in items], "question")
        st = self.blocks.style("question", left=width, bullet=0)
        second = None
        for n, q in enumerate(items):
            para = Item(self.fmt.rich(q.prompt, q.line), st, bulletText=f"{q.number}.")
            second = para if n == 1 else second
            if lines:
                para.keepWithNext = 1
                out.append(para)
                out.append(WritingLines(lines, self.settings.line_spacing,
                                        self.settings.colours["writing_lines"], indent=width,
                                        from_right=para.mirrored))
            else:
                para.keepWithNext = 0
                out.append(para)
        out.append(Spacer(1, 6))
        return self.moving_over(out, second)

    # ------------------------------------------------------------ FAQ, prose, notes
    def faq(self) -> list[Flowable]:
        entries = self.note.faq
        if not entries:
            return []
        out = self.heading(self.titles["faq"], entries[0].line)
        second = None
        for n, entry in enumerate(entries):
            para = Paragraph(self.fmt.rich(entry.question, entry.line, bold=True),
                             self.blocks.style("question", fontName=self.styles.body_family.bold))
            para.keepWithNext = 1
            second = para if n == 1 else second
            out.append(para)
            out.extend(self.blocks.blocks(entry.answer))
        return self.moving_over(out, second)

    @staticmethod
    def moving_over(section: list[Flowable], second: Flowable | None) -> list[Flowable]:
        """A section (its heading first) that starts on the next page rather than leave its
        heading and first item alone at the foot of this one (``MoveOver``)."""
        if second is None or not section or not isinstance(section[0], Anchor):
            return section
        mover = MoveOver()
        section[0].page_probe = (mover, 0)
        second.page_probe = (mover, 1)
        return [mover, *section]

    def prose(self, sections: list[Section]) -> list[Flowable]:
        if not sections:
            return []
        headed = self._headed(sections)
        top = min((sec.level for sec, show in zip(sections, headed, strict=True) if show),
                  default=1)
        out: list[Flowable] = []
        for sec, show in zip(sections, headed, strict=True):
            if show:
                out.extend(self.heading(sec.title, sec.line, sec.level - top))
            out.extend(self.blocks.blocks(sec.blocks))
        return out

    def _headed(self, sections: list[Section]) -> list[bool]:
        """Which sections print their heading: not a top heading that repeats the note's
        title (the title block says it already), nor one with nothing under it before the
        next heading of its level or higher (its content went to the timeline, the cast...)."""
        title = _words(self.note.title or "")
        out = []
        for i, sec in enumerate(sections):
            words = _words(plain_text(sec.title)) if sec.title else ""
            following = sections[i + 1] if i + 1 < len(sections) else None
            empty = not sec.blocks and (following is None or following.level <= sec.level)
            # "# The Meiji Restoration (1868–1912)" under the title "The Meiji Restoration"
            repeats = sec.level == 1 and bool(title) and f"{words} ".startswith(f"{title} ")
            out.append(bool(words) and not empty and not repeats)
        return out

    def footnotes(self) -> list[Flowable]:
        notes = self.note.footnotes
        if not notes:
            return []
        out = self.heading(self.titles["footnotes"], notes[0].line)
        labels = [f"{n.label}." for n in notes]
        width = self.blocks.label_width(labels, "body")
        for label, note in zip(labels, notes, strict=True):
            st = self.blocks.style("body", left=width, bullet=0)
            out.append(Item(self.fmt.rich(note.text, note.line), st, bulletText=label))
        return out

    # ------------------------------------------------------------ answer key
    def answered(self) -> list[Question]:
        return sorted((q for q in self.note.questions if q.answer),
                      key=lambda q: (q.kind is QuestionKind.ESSAY, q.number, q.line))

    def answer_key(self, new_page: bool) -> list[Flowable]:
        answered = self.answered()
        if not answered:
            if self.printing == "answers":
                return [Paragraph(self.fmt.wording(self.titles["no_answers"]),
                                  self.styles["body"])]
            return []
        out: list[Flowable] = [PageBreakIfNotEmpty()] if new_page else []
        out.extend(self.heading(self.titles["answer_key"], answered[0].answer_line or 0))
        out.extend(self.attached("answer-notes"))
        width = self.blocks.label_width([f"{q.number}." for q in answered], "answer")
        st = self.blocks.style("answer", left=width, bullet=0)
        essays = False
        for q in answered:
            if q.kind is QuestionKind.ESSAY and not essays:
                essays = True
                out.append(Paragraph(self.fmt.wording(self.titles["essay"], bold=True,
                                                      family=self.styles.head_family),
                                     self.styles["group"]))
            assert q.answer is not None
            out.append(Item(self.fmt.rich(q.answer, q.answer_line or q.line), st,
                            bulletText=f"{q.number}."))
        return out


def _drop_trailing_space(story: list[Flowable]) -> None:
    """Remove the spacers at the end of ``story``: one that falls to a new page only blanks it."""
    while story and isinstance(story[-1], Spacer):
        story.pop()
