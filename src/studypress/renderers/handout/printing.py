"""How to print ``cast.pdf``, said in the file itself: a line at the foot of the sheet's first
page (every handout has it), and, when the sheet has an odd number of pages, the page that would
otherwise be a blank back holds the printing, checking and cutting steps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.styles import ParagraphStyle

from ... import fonts
from ..pdf import markup as pdfmarkup
from ..pdf.paragraph import Paragraph
from ..pdf.runs import draw_runs, fit_runs
from .settings import MM, Settings


@dataclass(frozen=True)
class CardPages:
    """Where the cards go: the instruction page (None when the sheet ends on a back), and the
    first and last card page, counted from 1."""

    instructions: int | None
    first: int
    last: int


def card_pages(sheet_pages: int, card_sheets: int) -> CardPages:
    """The card pages after a sheet of ``sheet_pages`` pages: the cards start on a front side,
    so an odd sheet is followed by the instruction page."""
    instructions = sheet_pages + 1 if sheet_pages % 2 else None
    first = sheet_pages + 1 + (1 if instructions else 0)
    return CardPages(instructions, first, first + 2 * card_sheets - 1)


def _edge(s: Settings) -> str:
    edge = "long" if s.duplex == "long" else "short"
    return s.text.get(f"edge_{edge}", edge)  # the edge's name in the wording's language


def draw_print_note(c: Any, s: Settings, pages: CardPages, width: float) -> None:
    """The one-line printing note at the foot of the sheet's first page."""
    text = s.fill("print_note", first=pages.first, last=pages.last, edge=_edge(s))
    if pages.instructions:
        text += " " + s.fill("print_note_more", page=pages.instructions)
    chain = fonts.fallback_chain(fonts.family("sans"), False, False, s.fallbacks)
    c.saveState()
    c.setFillColor(s.color("muted"))
    draw_runs(c, s.margin, s.margin, fit_runs(text, width, chain, 7.5), chain, 7.5)
    c.restoreState()


def _steps(s: Settings, pages: CardPages) -> list[str]:
    values = {"first": pages.first, "last": pages.last, "edge": _edge(s)}
    keys = ["step_print", "step_manual", "step_check"]
    if s.cut_marks and s.card_page != "card":
        keys.append("step_cut")
    return [s.fill(key, **values) for key in keys]


def draw_instructions(c: Any, s: Settings, paper: tuple[float, float], pages: CardPages
                      ) -> None:
    """The sheet's back: what the cards are, then numbered steps to print, check and cut them."""
    c.setPageSize(paper)
    sans = fonts.family("sans")
    title = ParagraphStyle("it", fontName=sans.bold, fontSize=14, leading=18,
                           textColor=s.color("text"), spaceAfter=6)
    body = ParagraphStyle("ib", fontName=sans.regular, fontSize=10, leading=13.5,
                          textColor=s.color("text"), spaceAfter=6)
    step = ParagraphStyle("is", parent=body, leftIndent=16, bulletIndent=0,
                          bulletFontName=sans.bold)
    values = {"first": pages.first, "last": pages.last, "edge": _edge(s)}
    # The wording may be in a script the built-in fonts lack: set it with the fallback fonts.
    heading = pdfmarkup.MarkupStyle(sans, bold=True, fallbacks=s.fallbacks)
    words = pdfmarkup.MarkupStyle(sans, fallbacks=s.fallbacks)
    flowables = [Paragraph(pdfmarkup.plain(s.text["instructions_title"], heading), title),
                 Paragraph(pdfmarkup.plain(s.fill("instructions", **values), words), body)]
    flowables += [Paragraph(pdfmarkup.plain(text, words), step, bulletText=f"{n}.")
                  for n, text in enumerate(_steps(s, pages), start=1)]
    width = min(paper[0] - 2 * s.margin, 150 * MM)
    x, y = (paper[0] - width) / 2, paper[1] - s.margin
    for f in flowables:
        _, h = f.wrap(width, paper[1])
        y -= h
        f.drawOn(c, x, y)
        y -= f.getSpaceAfter()
    c.showPage()
