"""Printed flashcards for the course: every back lands behind its own front when the sheet
is printed double-sided. Read from the PDF itself: the cards are the cells the front's cut
lines make, and each answer must sit inside the mirror image of its prompt's cell."""

from __future__ import annotations

import io
from itertools import pairwise

import pdfplumber
import pytest

from studypress.layouts import Layouts
from studypress.model import plain_text
from studypress.reader import read_note
from studypress.renderers.base import RenderContext, RenderOptions
from studypress.renderers.handout.flashcards import RENDERER, flashcards

from .conftest import NOTES

STUDY_GUIDE = NOTES / "russian-history-ii-us-recognition-study-guide.md"
MM = 72 / 25.4
SAFE = 2 * MM  # a printer's second side can land this far off: no text that near a cut


@pytest.fixture(scope="module")
def note():
    return read_note(STUDY_GUIDE, "study-guide.md")


def _pdf(note, tmp_path, paper: str, duplex: str, offset=(0.0, 0.0)) -> bytes:
    (tmp_path / "handout.toml").write_text(
        f'[cards]\nduplex = "{duplex}"\nback_offset = [{offset[0]}, {offset[1]}]\n')
    ctx = RenderContext(RenderOptions(paper=paper), Layouts(tmp_path), 1700000000)
    return RENDERER.render(note, ctx).files[0].data


def _cells(page) -> list[tuple[float, float, float, float]]:
    """The card cells of a front page (x0, top, x1, bottom), from its cut lines."""
    xs = sorted({0.0, float(page.width), *(round(ln["x0"], 2) for ln in page.lines
                                           if abs(ln["x0"] - ln["x1"]) < 0.01)})
    ys = sorted({0.0, float(page.height), *(round(ln["top"], 2) for ln in page.lines
                                            if abs(ln["top"] - ln["bottom"]) < 0.01)})
    return [(x0, y0, x1, y1) for y0, y1 in pairwise(ys) for x0, x1 in pairwise(xs)
            if x1 - x0 > 20 * MM and y1 - y0 > 20 * MM]


def _mirrored(cell, page, axis: str, offset=(0.0, 0.0)):
    x0, y0, x1, y1 = cell
    dx, dy = offset[0], -offset[1]  # the setting's dy > 0 is up; pdfplumber's top grows down
    if axis == "x":
        return (page.width - x1 + dx, y0 + dy, page.width - x0 + dx, y1 + dy)
    return (x0 + dx, page.height - y1 + dy, x1 + dx, page.height - y0 + dy)


def _on_paper(page, box):
    """``box`` cut to the paper: a card moved past the edge is clipped there."""
    return (max(box[0], 0), max(box[1], 0), min(box[2], page.width), min(box[3], page.height))


def _text(page, box) -> str:
    return " ".join(w["text"] for w in page.within_bbox(_on_paper(page, box)).extract_words())


def _inside(page, box, margin: float) -> bool:
    """Every word of ``page`` that touches ``box`` lies in it (on the paper), ``margin`` clear
    of its edges."""
    x0, y0, x1, y1 = box = _on_paper(page, box)
    words = page.crop(box, strict=False).extract_words()
    return bool(words) and all(
        w["x0"] >= x0 + margin and w["x1"] <= x1 - margin and w["top"] >= y0 + margin
        and w["bottom"] <= y1 - margin for w in words)


def _words(rich) -> str:
    return " ".join(plain_text(rich).split())


def _first(rich, n: int = 3) -> str:
    return " ".join(plain_text(rich).split()[:n])


@pytest.mark.parametrize(("paper", "duplex", "axis", "offset"), [
    ("a4", "long", "x", (0.0, 0.0)), ("a4", "short", "y", (0.0, 0.0)),
    ("letter", "long", "x", (0.0, 0.0)), ("letter", "short", "y", (0.0, 0.0)),
    # a printer that shifts the second side: every back moved by the offset set (mm)
    ("a4", "long", "x", (3.0, -2.0)), ("letter", "short", "y", (-1.5, 2.5))])
def test_every_answer_is_printed_behind_its_own_prompt(note, tmp_path, paper, duplex, axis,
                                                        offset):
    cards = flashcards(note)
    found = 0
    moved = (offset[0] * MM, offset[1] * MM)
    with pdfplumber.open(io.BytesIO(_pdf(note, tmp_path, paper, duplex, offset))) as pdf:
        pages = pdf.pages
        for n in range(2, len(pages) - 1, 2):  # after the instructions and their blank back
            front, back = pages[n], pages[n + 1]
            assert not back.lines  # cut lines only on the fronts, where the cutting is done
            for cell in _cells(front):
                asked = _text(front, cell)
                # the card whose whole prompt is on this front (the longest, when one
                # prompt holds another: a question naming a term)
                held = [c for c in cards if _words(c.prompt) and _words(c.prompt) in asked]
                if not held:
                    continue
                card = max(held, key=lambda c: len(_words(c.prompt)))
                behind = _mirrored(cell, back, axis, moved)
                assert _first(card.answer) in _text(back, behind), (card.label, n)
                assert _inside(back, behind, SAFE), (card.label, n)
                assert _inside(front, cell, SAFE), (card.label, n)
                found += 1
    assert found == len(cards)
