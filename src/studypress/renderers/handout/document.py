"""``cast.pdf`` as one ReportLab canvas: document facts and print preferences, then the
sheet, the printing instructions and the card pages, and the warnings they raised."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from ... import fonts
from ...model import Diagnostic, Note, Severity
from ..pdf.document import pdf_date
from . import layout as geo
from .cards import draw_cards, grid_for
from .cast import order_people
from .printing import draw_instructions
from .settings import Settings, _bad
from .sheet import draw_sheet
from .text import Warnings


def build_pdf(note: Note, s: Settings, paper: tuple[float, float], when: int
              ) -> tuple[bytes, list[Diagnostic]]:
    """The whole handout as PDF bytes, and the warnings it raised."""
    if s.fallback_paths:  # called directly with paths (not through render): load them here
        _, names, problems = fonts.load_fallbacks(list(s.fallback_paths), Path.cwd(),
                                                  "layouts/handout.toml")
        if problems:
            raise _bad("[fonts] fallback", "; ".join(problems))
        s = replace(s, fallbacks=s.fallbacks + names)
    grid = grid_for(s, paper)
    buf = io.BytesIO()
    c = card_canvas(buf, s.text["sheet_title"], note, s, paper, when)
    warn = Warnings()
    sheet_order = order_people(note, s.order)
    card_people = order_people(note, s.order if s.card_order == "same" else s.card_order)
    index = {id(p): i for i, p in enumerate(note.people)}

    card_sheets = geo.pages_needed(len(card_people), grid.per_page)
    pages = draw_sheet(c, note, sheet_order, s, paper, warn, card_sheets)
    if pages.instructions:
        draw_instructions(c, s, paper, pages)
    draw_cards(c, note, card_people, s, grid, index, warn)
    c.save()
    return buf.getvalue(), _diagnostics(note, warn)


def card_canvas(buf: io.BytesIO, title: str, note: Note, s: Settings,
                paper: tuple[float, float], when: int) -> Canvas:
    """A canvas stamped with the document's facts and its printing preferences (duplex on
    the configured edge, no scaling), for any PDF of card sheets."""
    serif = fonts.family("serif")
    fonts.family("sans")
    c = Canvas(buf, pagesize=paper, invariant=1, initialFontName=serif.regular,
               initialFontSize=10, pageCompression=1)
    c.setDateFormatter(lambda *_: pdf_date(when))
    c.setTitle(f"{title}: {note.title}")
    c.setSubject(note.title)
    c.setCreator("studypress")
    c.setAuthor("")
    c.setViewerPreference(
        "Duplex", "DuplexFlipLongEdge" if s.duplex == "long" else "DuplexFlipShortEdge")
    c.setViewerPreference("PrintScaling", "None")
    return c


def _diagnostics(note: Note, warn: Warnings) -> list[Diagnostic]:
    """Missing glyphs, once per character at its first place, then each person's cuts."""
    diags = warn.glyphs.diagnostics(note.source, "handout-glyph", _missing_text)
    for i, person in enumerate(note.people):
        for problem in (warn.names.get(i), warn.cuts.get(i)):
            if problem:
                diags.append(Diagnostic(Severity.WARNING, "handout-cut", problem,
                                        note.source, person.line))
    return diags


def _missing_text(what: str, chars: list[str]) -> str:
    return (f"the handout's fonts have no glyph for {what}; they print as '?'. Add a font "
            "that has them to [fonts] fallback in layouts/handout.toml")
