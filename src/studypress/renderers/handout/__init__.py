"""The cast-of-characters handout, ``cast.pdf``: a sheet listing every person, then cut-out cards.

The sheet gives each person's name, role, span, description, the dates of the events they
appear in and a small time bar, in two columns; the type shrinks step by step until everyone
fits on as few pages as the legible floor allows. The cards come in front/back page pairs laid
out for duplex printing (see ``layout``); a back that cannot hold its description even
at the floor size gets the description cut at a sentence, with a warning.

Everything is drawn on one ReportLab canvas with embedded fonts only; note text goes through
``pdf.markup`` (escaping and glyph fallback). Settings come from ``layouts/handout.toml``.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer

from ... import fonts
from ...layouts import LayoutError
from ...model import (
    Citation,
    Code,
    Diagnostic,
    Emphasis,
    FootnoteRef,
    Highlight,
    LineBreak,
    Link,
    Math,
    Note,
    Person,
    RichText,
    Severity,
    Strike,
    Strong,
    Text,
    WikiLink,
    plain_text,
)
from ..base import Output, RenderContext, RenderResult
from ..pdf import glyphs
from ..pdf import markup as pdfmarkup
from ..pdf.document import pdf_date
from ..pdf.glyphs import GlyphReport
from ..pdf.people import appearances as _appearances
from ..pdf.people import span_label
from . import layout as geo
from .bars import Axis, Bar, BarMark, axis_labels, bar_marks, draw_bar, time_axis
from .settings import (
    _TEXT_DEFAULTS,
    MM,
    PAPER,
    Settings,
    _bad,
    load_settings,
)

__all__ = [
    "RENDERER",
    "_TEXT_DEFAULTS",
    "Axis",
    "BarMark",
    "Settings",
    "axis_labels",
    "bar_marks",
    "load_settings",
    "time_axis",
]

# ------------------------------------------------------------------- content (pure parts)


def order_people(note: Note, order: str) -> list[Person]:
    """The cast in the chosen order: first appearance in the timeline, by name, or as written."""
    people = list(note.people)
    if order == "name":
        return sorted(people, key=lambda p: _name_key(p.name))
    if order == "first-appearance":
        never = len(note.events)
        return sorted(people, key=lambda p: min(p.events, default=never))  # stable: note order
    return people


def _name_key(name: str) -> tuple[str, str]:
    folded = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch)), name


def is_latin(value: str) -> bool:
    """True when every letter of ``value`` is Latin (accents allowed)."""
    return all(unicodedata.name(ch, "").startswith("LATIN") for ch in value if ch.isalpha())


def other_script_name(person: Person) -> str | None:
    """The first alias written in a non-Latin script (Лев Троцкий for Leon Trotsky), if any."""
    return next((a for a in person.aliases if a.strip() and not is_latin(a)), None)


def appearances(person: Person, note: Note, undated: str = "undated") -> list[str]:
    """The dates of the events that mention the person, in timeline order, without repeats."""
    return [label for label, _ in appearance_lines(person, note, undated)]


def appearance_lines(person: Person, note: Note, undated: str = "undated"
                     ) -> list[tuple[str, int]]:
    """``appearances`` with the source line of the (first) event each label comes from."""
    return [(a.label(undated), a.line) for a in _appearances(person, note)]


_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9À-ÞΑ-ΩА-Я]|\s*$)")
_INITIALS = re.compile(r"(?:\b[A-Za-z]\.)+$")  # "U.S.", "D.C.", "Franklin D."
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "col", "lt", "capt", "sgt", "rev", "prof",
    "vs", "c", "ca", "cf", "e.g", "i.e", "no", "approx"})


def sentence_cuts(value: str) -> list[int]:
    """Positions just after each sentence end in ``value``, ascending: a full stop, question
    or exclamation mark (and closing quotes) before a capital or the end, not after initials
    such as "U.S." or an abbreviation such as "Dr."."""
    cuts = []
    for m in _SENTENCE_END.finditer(value):
        before = value[:m.start() + 1]
        if before.endswith("."):
            word = before.rsplit(None, 1)[-1] if before.strip() else ""
            if _INITIALS.search(word) or word[:-1].lower() in _ABBREVIATIONS:
                continue
        cuts.append(m.end())
    return cuts


def word_cuts(value: str) -> list[int]:
    """Positions at the end of each word (before the following space), ascending."""
    return [m.end() for m in re.finditer(r"\S+", value)]


def cut_rich(rich: RichText, n: int) -> RichText:
    """The first ``n`` characters of rich text, as ``plain_text`` counts them, markup kept."""
    out, _ = _cut(rich, n)
    return out


def _cut(rich: RichText, n: int) -> tuple[RichText, int]:
    kept: list[Any] = []
    for node in rich:
        if n <= 0:
            break
        match node:
            case Text(value) | Code(value):
                piece = value[:n]
                kept.append(type(node)(piece))
                n -= len(piece)
            case Math(value, display):
                kept.append(Math(value[:n], display))
                n -= min(n, len(value))
            case LineBreak():
                kept.append(node)
                n -= 1
            case Citation() | FootnoteRef():
                kept.append(node)
            case Strong(children) | Emphasis(children) | Strike(children) | Highlight(children):
                inner, n = _cut(children, n)
                kept.append(type(node)(inner))
            case Link(children, target):
                inner, n = _cut(children, n)
                kept.append(Link(inner, target))
            case WikiLink(target, children):
                inner, n = _cut(children, n)
                kept.append(WikiLink(target, inner))
    return tuple(kept), n


def fit_text(rich: RichText, fits: Callable[[RichText], bool]) -> tuple[RichText, str]:
    """The longest version of ``rich`` that fits: whole, cut after a sentence (+ " …"), or cut
    after a word (+ "…"). Returns it and how it was cut: "", "sentence", "word" or "all"."""
    if fits(rich):
        return rich, ""
    value = plain_text(rich)
    for how, cuts, tail in (("sentence", sentence_cuts(value), " …"),
                            ("word", word_cuts(value), "…")):
        candidates = [c for c in cuts if c < len(value.rstrip())]
        best = _largest(candidates, lambda c, t=tail: fits(cut_rich(rich, c) + (Text(t),)))
        if best is not None:
            return cut_rich(rich, best) + (Text(tail),), how
    return (), "all"


def _largest(candidates: list[int], ok: Callable[[int], bool]) -> int | None:
    """The largest candidate for which ``ok`` holds, assuming it holds for a prefix of them."""
    lo, hi, best = 0, len(candidates) - 1, None
    while lo <= hi:
        mid = (lo + hi) // 2
        if ok(candidates[mid]):
            best, lo = candidates[mid], mid + 1
        else:
            hi = mid - 1
    return best


def sizes(start: float, floor: float, step: float) -> list[float]:
    """Type sizes to try, largest first, ending at the floor."""
    out, s = [], start
    while s > floor + 1e-9:
        out.append(round(s, 3))
        s -= step
    out.append(floor)
    return out


# --------------------------------------------------------------------------------- drawing


class _Styles:
    """Paragraph styles and markup styles at one type size."""

    def __init__(self, settings: Settings, size: float) -> None:
        self.serif = fonts.family("serif")
        self.sans = fonts.family("sans")
        s = settings
        self.size = size
        text, muted = s.color("text"), s.color("muted")

        def ps(name: str, fam: fonts.Family, bold: bool, italic: bool, sz: float,
               color: Any, lead: float = 1.22, **kw: Any) -> tuple[Any, pdfmarkup.MarkupStyle]:
            style = ParagraphStyle(name, fontName=fam.face(bold, italic), fontSize=sz,
                                   leading=sz * lead, textColor=color, splitLongWords=1, **kw)
            mstyle = pdfmarkup.MarkupStyle(fam, bold=bold, italic=italic,
                                           fallbacks=s.fallbacks, citations="drop",
                                           link_color=s.colors["accent"])
            return style, mstyle

        self.name = ps("name", self.serif, True, False, size * 1.25, text, 1.15)
        self.role = ps("role", self.sans, True, False, size * 0.92, s.color("accent"))
        self.back_role = ps("backrole", self.sans, True, False, size * 1.12, s.color("accent"),
                            1.18)
        self.also = ps("also", self.sans, False, False, size * 0.85, muted)
        self.body = ps("body", self.serif, False, False, size, text, 1.25)
        self.meta = ps("meta", self.sans, False, False, size * 0.82, muted)
        self.front_name = ps("front", self.serif, True, False, size, text, 1.12,
                             alignment=TA_CENTER)
        self.front_alias = ps("frontalias", self.serif, False, False, size * 0.72, muted, 1.15,
                              alignment=TA_CENTER)
        self.footer = ps("footer", self.sans, False, False, 6.5, muted, 1.2,
                         alignment=TA_CENTER)


def _para(value: str | RichText, pair: tuple[Any, pdfmarkup.MarkupStyle],
          missing: pdfmarkup.Missing) -> Any:
    style, mstyle = pair
    if isinstance(value, str):
        text = pdfmarkup.plain(value, mstyle, missing)
    else:
        text = pdfmarkup.markup(value, mstyle, missing)
    return Paragraph(text, style)


class Header(Flowable):
    """The name on the left, the span right-aligned on the name's first baseline."""

    def __init__(self, name: Any, span: str, font: str, size: float, color: Any) -> None:
        super().__init__()
        self.name_para, self.span = name, span
        self.font, self.size, self.color = font, size, color
        self.span_w = stringWidth(span, font, size) if span else 0.0
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
            self.canv.setFont(self.font, self.size)
            self.canv.setFillColor(self.color)
            self.canv.drawRightString(self.width, self.height - self._ascent, self.span)


TITLE = "the note's title"
WORDING = "the wording in layouts/handout.toml"


@dataclass
class _Warnings:
    """Missing glyphs by where they come from, and per-person cuts, reported once each."""

    glyphs: GlyphReport = field(default_factory=GlyphReport)
    cuts: dict[int, str] = field(default_factory=dict)  # the back's text had to be cut
    names: dict[int, str] = field(default_factory=dict)  # the front's name overflows

    def person(self, person: Person) -> pdfmarkup.Missing:
        return self.glyphs.at(person.line, person.name)

    def title(self) -> pdfmarkup.Missing:
        return self.glyphs.at(None, TITLE)

    def wording(self) -> pdfmarkup.Missing:
        return self.glyphs.at(None, WORDING)


def _pieces_para(pieces: list[tuple[str, pdfmarkup.Missing | None]],
                 pair: tuple[Any, pdfmarkup.MarkupStyle]) -> Any:
    """A paragraph of plain strings, each one's missing characters kept where it came from
    (``None``: a separator of our own, escaped as it is)."""
    style, mstyle = pair
    return Paragraph("".join(pdfmarkup.escape(text) if missing is None else
                             pdfmarkup.plain(text, mstyle, missing)
                             for text, missing in pieces), style)


def _also_para(person: Person, names: list[str], s: Settings,
               pair: tuple[Any, pdfmarkup.MarkupStyle], warn: _Warnings) -> Any:
    return _pieces_para([(f"{s.text['also']}: ", warn.wording()),
                         (", ".join(names), warn.person(person))], pair)


def _appears_para(person: Person, note: Note, s: Settings,
                  pair: tuple[Any, pdfmarkup.MarkupStyle], warn: _Warnings) -> Any | None:
    """"Appears in: …", each date kept whole on one line ("November 16, 1933"), each one's
    characters traced to its event's line; None when the person appears nowhere."""
    seen = appearance_lines(person, note, s.text["undated"])
    if not seen:
        return None
    pieces: list[tuple[str, pdfmarkup.Missing | None]] = [
        (f"{s.text['appears']}: ", warn.wording())]
    for n, (label, line) in enumerate(seen):
        if n:
            pieces.append((" · ", None))
        pieces.append((label.replace(" ", "\u00a0"), warn.glyphs.at(line)))
    return _pieces_para(pieces, pair)


def _entry(person: Person, note: Note, st: _Styles, s: Settings, axis: Axis | None,
           warn: _Warnings) -> list[Any]:
    """The flowables of one person on the sheet."""
    size = st.size
    missing = warn.person(person)
    header = Header(_para(person.name, st.name, missing), span_label(person, s.text),
                    st.sans.regular, size * 0.85, s.color("muted"))
    parts: list[Any] = [header]
    if person.role:
        parts.append(_para(person.role, st.role, missing))
    if person.aliases:
        parts.append(_also_para(person, list(person.aliases), s, st.also, warn))
    if person.description:
        parts += [Spacer(1, size * 0.18), _para(person.description, st.body, missing)]
    seen = _appears_para(person, note, s, st.meta, warn)
    if seen is not None:
        parts += [Spacer(1, size * 0.18), seen]
    if axis is not None:
        marks = bar_marks(person, note, axis)
        if marks:
            parts.append(Bar(marks, size * 0.55, s, size * 0.3))
    return parts


@dataclass
class _Placed:
    flowable: Any
    x: float
    y: float  # bottom


@dataclass
class _SheetGeometry:
    page_w: float
    page_h: float
    margin: float
    gutter: float
    first_top: float  # the columns' top on page 1 (below the title block)
    top: float  # on later pages
    bottom: float

    @property
    def column_w(self) -> float:
        return (self.page_w - 2 * self.margin - self.gutter) / 2

    def column_x(self, col: int) -> float:
        return self.margin + col * (self.column_w + self.gutter)


def flow_columns(entries: list[list[Any]], g: _SheetGeometry, entry_gap: float
                 ) -> list[list[_Placed]]:
    """Pack entries into two columns per page, an entry never split unless it alone is taller
    than a column; the last page's columns are balanced. Returns each page's placed flowables."""
    pages, starts = _flow(entries, g, entry_gap)
    first = starts[-1]
    if first is not None and len(pages[-1]) > 0:
        top = g.first_top if len(pages) == 1 else g.top
        rest = entries[first:]
        heights = [_entry_height(parts, g.column_w) for parts in rest]
        height = balanced_height(heights, entry_gap, top - g.bottom)
        if height is not None:
            short = replace(g, first_top=top, top=top, bottom=top - height - 0.02)
            last, _ = _flow(rest, short, entry_gap)
            if len(last) == 1:
                pages[-1] = last[0]
    return pages


def balanced_height(heights: list[float], gap: float, column_h: float) -> float | None:
    """The shortest column height that still holds all entries, whole and in order, in two
    columns no taller than ``column_h``; None when they need more than two."""
    if not heights or columns_needed(heights, gap, column_h) > 2:
        return None
    lo, hi = max(heights), column_h
    if columns_needed(heights, gap, lo) <= 2:
        return lo
    while hi - lo > 0.25:
        mid = (lo + hi) / 2
        if columns_needed(heights, gap, mid) <= 2:
            hi = mid
        else:
            lo = mid
    return hi


def columns_needed(heights: list[float], gap: float, column_h: float) -> int:
    """Columns that whole entries of these heights fill, in order, ``gap`` apart."""
    cols, used = 1, -1.0
    for h in heights:
        need = h if used < 0 else used + gap + h
        if need <= column_h + 0.01 or used < 0:
            used = need
        else:
            cols, used = cols + 1, h
    return cols


def _entry_height(parts: list[Any], w: float) -> float:
    return sum(_height(f, w) + (f.getSpaceBefore() if i else 0.0) for i, f in enumerate(parts))


def _flow(entries: list[list[Any]], g: _SheetGeometry, entry_gap: float
          ) -> tuple[list[list[_Placed]], list[int | None]]:
    """Greedy column packing; also, per page, the entry it starts with (None: mid-entry)."""
    pages: list[list[_Placed]] = [[]]
    starts: list[int | None] = [0]
    col = 0
    top = g.first_top
    y = top
    w = g.column_w

    def advance(start: int | None) -> None:
        nonlocal col, top, y
        col += 1
        if col == 2:
            col = 0
            pages.append([])
            starts.append(start)
            top = g.top
        y = top

    for current, parts in enumerate(entries):
        total = _entry_height(parts, w)
        if y < top and y - entry_gap - total < g.bottom:
            advance(current)
        if y < top:
            y -= entry_gap
        queue = list(parts)
        while queue:
            f = queue.pop(0)
            space = 0.0 if y >= top else f.getSpaceBefore()
            h = _height(f, w)
            if y - space - h >= g.bottom - 0.01:
                y -= space + h
                pages[-1].append(_Placed(f, g.column_x(col), y))
                continue
            pieces = f.split(w, y - space - g.bottom) if y - space > g.bottom else []
            if len(pieces) >= 2:
                queue[:0] = pieces
                continue
            if y >= top:  # too tall for an empty column even in pieces: place it and move on
                y -= h
                pages[-1].append(_Placed(f, g.column_x(col), max(y, g.bottom)))
                continue
            advance(current if f is parts[0] else None)
            queue.insert(0, f)
    if not pages[-1]:
        pages.pop()
        starts.pop()
    return (pages, starts) if pages else ([[]], [None])


def _height(f: Any, w: float) -> float:
    return f.wrap(w, 1e6)[1]


# ---------------------------------------------------------------------------------- render


class HandoutRenderer:
    """``cast.pdf``: the cast sheet, then the cut-out cards."""

    name = "handout"

    def render(self, note: Note, ctx: RenderContext) -> RenderResult:
        result = RenderResult()
        if not note.people:
            result.diagnostics.append(Diagnostic(
                Severity.INFO, "handout-no-people",
                "no cast of characters in this note, so no cast.pdf; add a 'Cast of "
                "Characters' section (bold name, then role and description) to get one",
                note.source, None))
            return result
        paper = ctx.options.paper
        if paper not in PAPER:
            raise LayoutError(f"unknown paper size {paper!r}; use 'a4' or 'letter'")
        settings = load_settings(ctx.layouts, paper)
        _, names, problems = glyphs.fallback_fonts(settings.fallback_paths, ctx, note.source,
                                            "layouts/handout.toml")
        result.diagnostics.extend(problems)
        settings = replace(settings, fallback_paths=(), fallbacks=names)
        data, warnings = build_pdf(note, settings, PAPER[paper], ctx.build_time)
        result.files.append(Output("cast.pdf", data))
        result.diagnostics.extend(warnings)
        return result


def build_pdf(note: Note, s: Settings, paper: tuple[float, float], when: int
              ) -> tuple[bytes, list[Diagnostic]]:
    """The whole handout as PDF bytes, and the warnings it raised."""
    if s.fallback_paths:  # called directly with paths (not through render): load them here
        _, names, problems = fonts.load_fallbacks(list(s.fallback_paths), Path.cwd(),
                                                  "layouts/handout.toml")
        if problems:
            raise _bad("[fonts] fallback", "; ".join(problems))
        s = replace(s, fallbacks=s.fallbacks + names)
    serif = fonts.family("serif")
    fonts.family("sans")

    grid = _card_grid(s, paper)
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=paper, invariant=1, initialFontName=serif.regular,
               initialFontSize=10, pageCompression=1)
    c.setDateFormatter(lambda *_: pdf_date(when))
    c.setTitle(f"{s.text['sheet_title']}: {note.title}")
    c.setSubject(note.title)
    c.setCreator("studypress")
    c.setAuthor("")
    c.setViewerPreference(
        "Duplex", "DuplexFlipLongEdge" if s.duplex == "long" else "DuplexFlipShortEdge")
    c.setViewerPreference("PrintScaling", "None")

    warn = _Warnings()
    sheet_order = order_people(note, s.order)
    card_people = order_people(note, s.order if s.card_order == "same" else s.card_order)
    index = {id(p): i for i, p in enumerate(note.people)}

    sheet_pages = _draw_sheet(c, note, sheet_order, s, paper, index, warn)
    card_sheets = geo.pages_needed(len(card_people), grid.per_page)
    if sheet_pages % 2:
        first = sheet_pages + 2
        _draw_instructions(c, s, paper, first, first + 2 * card_sheets - 1)
    _draw_cards(c, note, card_people, s, grid, index, warn)
    c.save()

    diags = warn.glyphs.diagnostics(note.source, "handout-glyph", _missing_text)
    for i, person in enumerate(note.people):
        for problem in (warn.names.get(i), warn.cuts.get(i)):
            if problem:
                diags.append(Diagnostic(Severity.WARNING, "handout-cut", problem,
                                        note.source, person.line))
    return buf.getvalue(), diags


def _missing_text(what: str, chars: list[str]) -> str:
    return (f"the handout's fonts have no glyph for {what}; they print as '?'. Add a font "
            "that has them to [fonts] fallback in layouts/handout.toml")


def _card_grid(s: Settings, paper: tuple[float, float]) -> geo.CardGrid:
    if s.card_page == "card":
        page = (s.card_w, s.card_h)
    elif s.card_page in PAPER:
        page = PAPER[s.card_page]
    else:
        page = paper
    try:
        return geo.card_grid(page[0], page[1], s.card_w, s.card_h, duplex=s.duplex,
                             back_offset=s.back_offset, mark_length=s.mark_length,
                             mark_gap=s.mark_gap)
    except geo.GridError as exc:
        raise _bad(f"[formats.{s.card_format}]", f"does not work: {exc}") from None


# ------------------------------------------------------------------------------- the sheet


def _title_block(note: Note, s: Settings, axis: Axis | None, width: float,
                 missing: pdfmarkup.Missing) -> list[Any]:
    sans, serif = fonts.family("sans"), fonts.family("serif")
    title = ParagraphStyle("t", fontName=sans.bold, fontSize=18, leading=21,
                           textColor=s.color("text"))
    sub = ParagraphStyle("s", fontName=serif.italic, fontSize=11, leading=14,
                         textColor=s.color("muted"))
    out: list[Any] = [
        Paragraph(pdfmarkup.escape(s.text["sheet_title"]), title),
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
        self.font = fonts.family("sans").regular
        self.size = 8.0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = aw, self.size * 1.4
        return aw, self.height

    def draw(self) -> None:
        c, s, sz = self.canv, self.s, self.size
        t = s.text
        start, end = axis_labels(self.axis)
        lead = s.fill("legend", start=start, end=end)
        c.setFont(self.font, sz)
        c.setFillColor(s.color("muted"))
        y = sz * 0.35
        c.drawString(0, y, lead)
        x = stringWidth(lead, self.font, sz) + 8
        for kind, label in (("span", t["legend_span"]), ("event", t["legend_event"])):
            start, end = (0.2, 0.8) if kind == "span" else (0.45, 0.55)
            draw_bar(c, x, y - 1, 22, sz * 0.75, [BarMark(start, end, kind)], s)
            c.setFont(self.font, sz)
            c.setFillColor(s.color("muted"))
            c.drawString(x + 26, y, label)
            x += 26 + stringWidth(label, self.font, sz) + 12


def _draw_sheet(c: Any, note: Note, people: list[Person], s: Settings,
                paper: tuple[float, float], index: dict[int, int], warn: _Warnings) -> int:
    """Draw the sheet pages; returns how many there are."""
    page_w, page_h = paper
    axis = time_axis(note)
    title_missing = warn.title()
    block = _title_block(note, s, axis, page_w - 2 * s.margin, title_missing)
    block_h = sum(_height(f, page_w - 2 * s.margin) for f in block)
    footer_h = 14.0
    g = _SheetGeometry(page_w, page_h, s.margin, s.gutter,
                       first_top=page_h - s.margin - block_h - 12,
                       top=page_h - s.margin - 16, bottom=s.margin + footer_h)

    def layout(size: float) -> list[list[_Placed]]:
        st = _Styles(s, size)
        entries = [_entry(p, note, st, s, axis, warn) for p in people]
        return flow_columns(entries, g, size * 1.1)

    candidates = sizes(s.body_size, s.floor, s.step)
    fewest = len(layout(candidates[-1]))
    for size in candidates:
        pages = layout(size)
        if len(pages) <= fewest:
            break
    total = len(pages)
    for n, placed in enumerate(pages, start=1):
        c.setPageSize(paper)
        if n == 1:
            y = page_h - s.margin
            for f in block:
                h = _height(f, page_w - 2 * s.margin)
                y -= h
                f.drawOn(c, s.margin, y)
            _rule(c, s, s.margin, page_w - s.margin, y - 6)
        else:
            _running_head(c, note, s, paper, title_missing)
        for p in placed:
            p.flowable.drawOn(c, p.x, p.y)
        if total > 1:
            c.setFont(fonts.family("sans").regular, 7.5)
            c.setFillColor(s.color("muted"))
            c.drawRightString(page_w - s.margin, s.margin,
                              s.fill("page", n=n, total=total))
        c.showPage()
    return total


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
    text = (pdfmarkup.escape(f"{s.text['sheet_title']} ({s.text['continued']}) · ")
            + pdfmarkup.plain(note.title, pdfmarkup.MarkupStyle(sans, fallbacks=s.fallbacks),
                              missing))
    p = Paragraph(text, style)
    w = paper[0] - 2 * s.margin
    _, h = p.wrap(w, 100)
    p.drawOn(c, s.margin, paper[1] - s.margin - h)


def _draw_instructions(c: Any, s: Settings, paper: tuple[float, float], first: int,
                       last: int) -> None:
    """The back of the sheet: how to print the cards (and a blank side for the duplex order)."""
    c.setPageSize(paper)
    style = ParagraphStyle("i", fontName=fonts.family("sans").regular, fontSize=9, leading=12,
                           textColor=s.color("muted"))
    edge = "long" if s.duplex == "long" else "short"
    text = s.fill("instructions", first=first, last=last, edge=edge)
    p = Paragraph(pdfmarkup.escape(text), style)
    w = min(paper[0] - 2 * s.margin, 120 * MM)
    p.wrap(w, paper[1])
    p.drawOn(c, (paper[0] - w) / 2, s.margin + 10)
    c.showPage()


# ------------------------------------------------------------------------------- the cards


def _draw_cards(c: Any, note: Note, people: list[Person], s: Settings, grid: geo.CardGrid,
                index: dict[int, int], warn: _Warnings) -> None:
    page = (grid.page_w, grid.page_h)

    def safe(r: geo.Rect) -> geo.Rect:
        return geo.safe_area(r, grid.page_w, grid.page_h, s.safe_inset, s.printer_margin)

    for sheet in geo.place(len(people), grid):
        c.setPageSize(page)
        if s.cut_marks:
            _draw_marks(c, grid, s)
        for i, front, _ in sheet:
            p = people[i]
            problem = _draw_front(c, p, note, safe(front), s, warn)
            if problem:
                warn.names[index[id(p)]] = problem
        c.showPage()
        c.setPageSize(page)
        for i, _, back in sheet:
            p = people[i]
            _draw_back(c, p, note, safe(back), s, warn, index[id(p)])
        c.showPage()


def _draw_marks(c: Any, grid: geo.CardGrid, s: Settings) -> None:
    c.saveState()
    c.setStrokeColor(s.color("cut_marks"))
    c.setLineWidth(s.mark_width)
    for m in grid.marks:
        c.line(m.x1, m.y1, m.x2, m.y2)
    c.restoreState()


def _clip(c: Any, r: geo.Rect) -> None:
    path = c.beginPath()
    path.rect(r.x, r.y, r.w, r.h)
    c.clipPath(path, stroke=0, fill=0)


def _draw_front(c: Any, person: Person, note: Note, r: geo.Rect, s: Settings,
                warn: _Warnings) -> str | None:
    """The name, large and centred; under it the name in another script; the note at the foot.
    Returns a warning when the name cannot fit even at the floor size."""
    foot = _one_line(note.title, _Styles(s, s.name_floor).footer, r.w, warn.title())
    missing = warn.person(person)
    _, foot_h = foot.wrap(r.w, r.h)
    room = r.h - foot_h - 4
    alias = other_script_name(person)
    chosen: list[Any] = []
    for size in sizes(s.name_size, s.name_floor, 1.0):
        st = _Styles(s, size)
        name = _para(person.name, st.front_name, missing)
        chosen = [name]
        if alias:
            chosen.append(_para(alias, st.front_alias, missing))
        total = sum(_height(f, r.w) for f in chosen) + (size * 0.3 if alias else 0)
        name.wrap(r.w, room)
        if len(name.blPara.lines) <= 2 and total <= room:
            break
    heights = [_height(f, r.w) for f in chosen]
    gap = chosen[0].style.fontSize * 0.3 if len(chosen) > 1 else 0
    total = sum(heights) + gap
    problem = None
    if total > room + 0.01:
        problem = (f"{person.name}: the name does not fit on the front of its card even at "
                   f"{s.name_floor:g} pt, so its end is cut off; give a shorter name (and the "
                   "full one as an alias), or choose a larger card ([cards] format in "
                   "layouts/handout.toml)")
    c.saveState()
    _clip(c, r)
    y = r.y + foot_h + 4 + max(0.0, (room - total) / 2) + total
    for f, h in zip(chosen, heights, strict=True):
        y -= h
        f.drawOn(c, r.x, y)
        y -= gap
    foot.drawOn(c, r.x, r.y)
    c.restoreState()
    return problem


def _one_line(value: str, pair: tuple[Any, pdfmarkup.MarkupStyle], width: float,
              missing: pdfmarkup.Missing) -> Any:
    """A paragraph of ``value`` cut with "…" to fit one line."""
    para = _para(value, pair, missing)
    leading = pair[0].leading
    if _height(para, width) <= leading * 1.01:
        return para
    cuts = word_cuts(value)
    best = _largest(cuts, lambda n: _height(_para(value[:n] + "…", pair, missing), width)
                    <= leading * 1.01)
    return _para((value[:best] if best else "") + "…", pair, missing)


def _back_parts(person: Person, note: Note, st: _Styles, s: Settings, description: RichText,
                warn: _Warnings) -> list[tuple[Any, float]]:
    """The back's flowables with the space above each."""
    size = st.size
    missing = warn.person(person)
    parts: list[tuple[Any, float]] = []
    if person.role:
        parts.append((_para(person.role, st.back_role, missing), 0.0))
    span = span_label(person, s.text)
    if span:
        parts.append((_para(span, st.also, missing), size * 0.1))
    others = [a for a in person.aliases if a != other_script_name(person)]
    if others:
        parts.append((_also_para(person, others, s, st.also, warn), size * 0.1))
    if description:
        parts.append((_para(description, st.body, missing), size * 0.45 if parts else 0.0))
    seen = _appears_para(person, note, s, st.meta, warn)
    if seen is not None:
        parts.append((seen, size * 0.45 if parts else 0.0))
    return parts


def _stack_height(parts: list[tuple[Any, float]], w: float) -> float:
    return sum(_height(f, w) + gap for f, gap in parts)


def _fit_back(person: Person, note: Note, r: geo.Rect, s: Settings,
              warn: _Warnings) -> tuple[list[tuple[Any, float]], str | None]:
    """The back's parts at the largest size that fits; at the floor, the description cut.
    Returns the parts and, when something had to go, a warning."""
    for size in sizes(s.card_body, s.card_floor, s.card_step):
        parts = _back_parts(person, note, _Styles(s, size), s, person.description, warn)
        if _stack_height(parts, r.w) <= r.h:
            return parts, None
    floor = _Styles(s, s.card_floor)

    def fits(desc: RichText) -> bool:
        return _stack_height(_back_parts(person, note, floor, s, desc, warn), r.w) <= r.h

    cut, how = fit_text(person.description, fits)
    parts = _back_parts(person, note, floor, s, cut, warn)
    advice = "shorten it, or choose a larger card ([cards] format in layouts/handout.toml)"
    if not person.description or (how == "all" and not fits(())):
        return parts, (f"{person.name}: the back of the card cannot hold the role and the "
                       f"dates even at {s.card_floor:g} pt, so its end is cut off; {advice}")
    kept = {"sentence": "cut after a sentence", "word": "cut after a word",
            "all": "left out"}[how]
    return parts, (f"{person.name}: the description does not fit on the back of the card "
                   f"even at {s.card_floor:g} pt, so it was {kept} and marked '…'; {advice}")


def _draw_back(c: Any, person: Person, note: Note, r: geo.Rect, s: Settings,
               warn: _Warnings, who: int) -> None:
    """Role, span, description and appearances, shrunk to fit the card's safe area."""
    parts, problem = _fit_back(person, note, r, s, warn)
    if problem:
        warn.cuts[who] = problem
    c.saveState()
    _clip(c, r)
    # centred on the card, a little above the middle, as the front's name is
    spare = max(0.0, r.h - _stack_height(parts, r.w))
    y = r.top - spare * 0.4
    for f, gap in parts:
        h = _height(f, r.w)
        y -= gap + h
        f.drawOn(c, r.x, y)
    c.restoreState()


RENDERER = HandoutRenderer()
