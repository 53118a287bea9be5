"""The cast sheet: the title block and legend, one entry per person (name, span, role,
aliases, description, appearances, time bar), flowed in two columns over as few pages as the
legible floor allows; and the page that tells how to print the cards."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer

from ... import fonts
from ...model import Note, Person
from ..pdf import markup as pdfmarkup
from ..pdf.paragraph import Paragraph
from ..pdf.people import span_label
from ..pdf.runs import draw_runs, runs_width
from .bars import Axis, Bar, BarMark, axis_labels, bar_marks, draw_bar, time_axis
from .columns import Placed, SheetGeometry, flow_columns
from .fitting import sizes
from .printing import CardPages, card_pages, draw_print_note
from .settings import Settings
from .text import Marked, Styles, Warnings, also_markup, appears_markup, height_of, markup_of


def _title_block(note: Note, s: Settings, axis: Axis | None, width: float,
                 missing: pdfmarkup.Missing) -> list[Any]:
    sans, serif = fonts.family("sans"), fonts.family("serif")
    title = ParagraphStyle("t", fontName=sans.bold, fontSize=18, leading=21,
                           textColor=s.color("text"))
    sub = ParagraphStyle("s", fontName=serif.italic, fontSize=11, leading=14,
                         textColor=s.color("muted"))
    out: list[Any] = [
        Paragraph(pdfmarkup.plain(s.text["sheet_title"], pdfmarkup.MarkupStyle(
            sans, bold=True, fallbacks=s.fallbacks), missing), title),
        Paragraph(pdfmarkup.plain(note.title, pdfmarkup.MarkupStyle(
            serif, italic=True, fallbacks=s.fallbacks), missing), sub),
    ]
    if axis is not None and any(bar_marks(p, note, axis) for p in note.people):
        out += [Spacer(1, 4), Legend(axis, s)]
    return out


class Legend(Flowable):
    """"Bars run from 1917 to 1945: ▬ life or office ▮ appearance in the timeline"."""

    def __init__(self, axis: Axis, s: Settings) -> None:
        super().__init__()
        self.axis, self.s = axis, s
        self.chain = fonts.fallback_chain(fonts.family("sans"), False, False, s.fallbacks)
        self.size = 8.0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = aw, self.size * 1.4
        return aw, self.height

    def draw(self) -> None:
        c, s, sz = self.canv, self.s, self.size
        t = s.text
        start, end = axis_labels(self.axis, s.language)
        lead = s.fill("legend", start=start, end=end)
        c.setFillColor(s.color("muted"))
        y = sz * 0.35
        draw_runs(c, 0, y, lead, self.chain, sz)
        x = runs_width(lead, self.chain, sz) + 8
        for kind, label in (("span", t["legend_span"]), ("event", t["legend_event"])):
            start, end = (0.2, 0.8) if kind == "span" else (0.45, 0.55)
            draw_bar(c, x, y - 1, 22, sz * 0.75, [BarMark(start, end, kind)], s)
            c.setFillColor(s.color("muted"))
            draw_runs(c, x + 26, y, label, self.chain, sz)
            x += 26 + runs_width(label, self.chain, sz) + 12


class Header(Flowable):
    """The name on the left, the span right-aligned on the name's first baseline."""

    def __init__(self, name: Any, span: str, chain: tuple[str, ...], size: float,
                 color: Any) -> None:
        super().__init__()
        self.name_para, self.span = name, span
        self.chain, self.size, self.color = chain, size, color
        self.span_w = runs_width(span, chain, size) if span else 0.0
        # ReportLab sets a paragraph's first baseline one font size below its top
        # (rl_config.paraFontSizeHeightOffset)
        self._ascent = name.style.fontSize

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        gap = 6 if self.span else 0
        _, h = self.name_para.wrap(max(aw - self.span_w - gap, aw * 0.5), ah)
        self.width, self.height = aw, h
        return aw, h

    def draw(self) -> None:
        self.name_para.drawOn(self.canv, 0, 0)
        if self.span:
            self.canv.setFillColor(self.color)
            draw_runs(self.canv, self.width, self.height - self._ascent, self.span, self.chain,
                      self.size, align="right")


def _entry(person: Person, note: Note, st: Styles, s: Settings, axis: Axis | None,
           warn: Warnings, known: Marked) -> list[Any]:
    """The flowables of one person on the sheet; ``known`` keeps what every type size of the
    sheet shares (the texts' markup, the bar's marks)."""
    size = st.size
    missing = warn.person(person)
    who = id(person)
    name = known.para(("name", who), st.name[0],
                      lambda: markup_of(person.name, st.name, missing))
    span = known.once(("span", who), lambda: span_label(person, s.text))
    header = Header(name, span, fonts.fallback_chain(st.sans, False, False, s.fallbacks),
                    size * 0.85, s.color("muted"))
    parts: list[Any] = [header]
    if person.role:
        parts.append(known.para(("role", who), st.role[0],
                                lambda: markup_of(person.role, st.role, missing)))
    if person.aliases:
        parts.append(known.para(("also", who), st.also[0], lambda: also_markup(
            person, list(person.aliases), s, st.also, warn)))
    if person.description:
        parts += [Spacer(1, size * 0.18), known.para(
            ("body", who), st.body[0], lambda: markup_of(person.description, st.body, missing))]
    seen = known.para(("appears", who), st.meta[0],
                      lambda: appears_markup(person, note, s, st.meta, warn))
    if seen is not None:
        parts += [Spacer(1, size * 0.18), seen]
    if axis is not None:
        marks = known.once(("marks", who), lambda: bar_marks(person, note, axis))
        if marks:
            parts.append(Bar(marks, size * 0.55, s, size * 0.3))
    return parts


def draw_sheet(c: Any, note: Note, people: list[Person], s: Settings,
               paper: tuple[float, float], warn: Warnings, card_sheets: int) -> CardPages:
    """Draw the sheet pages, the first with a note on how to print the ``card_sheets``
    sheets of cards that follow; returns where those go."""
    page_w, page_h = paper
    axis = time_axis(note)
    title_missing = warn.title()
    block = _title_block(note, s, axis, page_w - 2 * s.margin, title_missing)
    block_h = sum(height_of(f, page_w - 2 * s.margin) for f in block)
    footer_h = 14.0
    g = SheetGeometry(page_w, page_h, s.margin, s.gutter,
                      first_top=page_h - s.margin - block_h - 12,
                      top=page_h - s.margin - 16, bottom=s.margin + footer_h)

    known = Marked()

    def layout(size: float, most: int | None = None) -> list[list[Placed]] | None:
        st = Styles.at(s, size)
        # made one by one as the flow takes them: a size that needs too many pages stops early
        return flow_columns((_entry(p, note, st, s, axis, warn, known) for p in people), g,
                            size * 1.1, most)

    pages = _fewest_pages(layout, s)
    total = len(pages)
    where = card_pages(total, card_sheets)
    for n, placed in enumerate(pages, start=1):
        c.setPageSize(paper)
        if n == 1:
            _draw_block(c, block, s, page_w, page_h)
        else:
            _running_head(c, note, s, paper, title_missing)
        for p in placed:
            p.flowable.drawOn(c, p.x, p.y)
        room = page_w - 2 * s.margin
        if total > 1:
            label = s.fill("page", n=n, total=total)
            chain = fonts.fallback_chain(fonts.family("sans"), False, False, s.fallbacks)
            c.setFillColor(s.color("muted"))
            draw_runs(c, page_w - s.margin, s.margin, label, chain, 7.5, align="right")
            room -= runs_width(label, chain, 7.5) + 12
        if n == 1:
            draw_print_note(c, s, where, room)
        c.showPage()
    return where


def _fewest_pages(layout: Callable[[float, int | None], list[list[Placed]] | None],
                  s: Settings) -> list[list[Placed]]:
    """The layout at the largest type size that needs no more pages than the floor size does.
    The floor is laid out first, whole: every text of the sheet meets its fonts there, so a
    larger size given up part way through reports no other missing glyphs."""
    candidates = sizes(s.body_size, s.floor, s.step)
    floor = layout(candidates[-1], None)
    assert floor is not None
    for size in candidates[:-1]:
        pages = layout(size, len(floor))
        if pages is not None:
            return pages
    return floor


def _draw_block(c: Any, block: list[Any], s: Settings, page_w: float, page_h: float) -> None:
    """The title block at the top of the first page, ruled off below."""
    y = page_h - s.margin
    for f in block:
        h = height_of(f, page_w - 2 * s.margin)
        y -= h
        f.drawOn(c, s.margin, y)
    _rule(c, s, s.margin, page_w - s.margin, y - 6)


def _rule(c: Any, s: Settings, x0: float, x1: float, y: float) -> None:
    c.saveState()
    c.setStrokeColor(s.color("rule"))
    c.setLineWidth(0.6)
    c.line(x0, y, x1, y)
    c.restoreState()


def _running_head(c: Any, note: Note, s: Settings, paper: tuple[float, float],
                  missing: pdfmarkup.Missing) -> None:
    sans = fonts.family("sans")
    style = ParagraphStyle("h", fontName=sans.regular, fontSize=8, leading=10,
                           textColor=s.color("muted"))
    words = pdfmarkup.MarkupStyle(sans, fallbacks=s.fallbacks)
    text = (pdfmarkup.plain(f"{s.text['sheet_title']} ({s.text['continued']}) · ", words)
            + pdfmarkup.plain(note.title, words, missing))
    p = Paragraph(text, style)
    w = paper[0] - 2 * s.margin
    _, h = p.wrap(w, 100)
    p.drawOn(c, s.margin, paper[1] - s.margin - h)
