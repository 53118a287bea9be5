"""The course book's pages, read back as text: a chapter never opens on a page that holds its
title and nothing else, whatever the size of its timeline figure."""

from __future__ import annotations

import importlib.util
import io
import re
import sys
from pathlib import Path

import pdfplumber
import pytest

from studypress.layouts import Layouts
from studypress.reader import read_text
from studypress.renderers.base import RenderContext, RenderOptions
from studypress.renderers.book import render_book

_PATH = Path(__file__).resolve().parents[1] / "bench" / "make_vault.py"
_SPEC = importlib.util.spec_from_file_location("make_vault", _PATH)
make_vault = importlib.util.module_from_spec(_SPEC)
sys.modules["make_vault"] = make_vault  # dataclasses look their module up while decorating
_SPEC.loader.exec_module(make_vault)

PART = re.compile(r"Timeline, part (\d+) of (\d+)")
FOOTER = re.compile(r"^page \d+ of \d+$")
LONG_TITLE = ("The Coastal Leagues, their Harbours, their Fleets and their Quarrels with the "
              "Inland Provinces over Grain, Coinage and the Right to Tax the River Trade")
TAGS = ", ".join(f"topic-{i:02d}" for i in range(40))


def _book(*texts: str) -> list[str]:
    notes = [read_text(text, f"note-{i}.md", f"note-{i}") for i, text in enumerate(texts)]
    ctx = RenderContext(RenderOptions(paper="a4"), Layouts(None), 1700000000)
    data, _ = render_book(notes, ctx)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


@pytest.fixture(scope="module")
def long_note() -> str:
    """A note whose timeline figure runs over several pages, the first of them too tall for
    the room under a chapter's title (the figure's pages are cut for whole pages)."""
    return make_vault.note_text(1)[0]


def test_a_chapter_figure_sharing_its_opening_page_costs_no_page(long_note, monkeypatch):
    from studypress.renderers.guide import story

    pages = _book(long_note)
    (k, _), = _openings(pages)
    parts = _parts(pages, k)
    monkeypatch.setattr(story, "SHARE_LEAST", 2.0)  # never shared: the chronology opens it
    late = _book(long_note)
    assert len(pages) <= len(late)
    assert parts[0][2] <= _parts(late, k)[0][2] + 1


def _openings(pages: list[str]) -> list[tuple[int, list[str]]]:
    """Each chapter's first page: its index and the words under the title block (which ends
    with the note's tags, in this file's notes), without the page's footer."""
    out = []
    for k, text in enumerate(pages):
        lines = [line.strip() for line in text.splitlines() if not FOOTER.match(line.strip())]
        if lines and re.fullmatch(r"Chapter \d+", lines[0]):
            words = " ".join(lines).split()
            tags = words.index("Tags:")
            while words[tags].endswith((",", ":")):  # the tags run on to the last without a comma
                tags += 1
            out.append((k, words[tags + 1:]))
    return out


def _parts(pages: list[str], start: int) -> list[tuple[int, int, int]]:
    """(page index, part, parts) of every page of a figure continued over pages, from the
    page ``start`` on (the book's own timeline of all notes comes before the chapters)."""
    return [(k, int(m[1]), int(m[2])) for k, text in enumerate(pages) if k >= start
            for m in PART.finditer(text)]


def test_a_chapter_with_a_long_figure_opens_with_its_first_page(long_note):
    pages = _book(long_note)
    (k, under), = _openings(pages)
    assert under[:1] == ["Timeline"], under[:3]
    parts = _parts(pages, k)
    # the figure's first part under the chapter's title, the others on the pages after it
    assert parts[0][:2] == (k, 1)
    assert [p for _, p, _ in parts] == list(range(1, parts[0][2] + 1))
    assert [i for i, _, _ in parts] == sorted(i for i, _, _ in parts)


def test_a_chapter_whose_figure_would_cost_pages_opens_with_its_chronology(long_note):
    # A title block so tall that the figure's first page, made lower to share its page, would
    # leave its pages one more: the chronology opens the chapter (filling the page the figure
    # would have shared) and the figure follows it.
    text = long_note.replace('title: "Coastal Leagues: Study Notes 1"',
                             f'title: "{LONG_TITLE}"').replace(
        "tags: [revolution, diplomacy]", f"tags: [{TAGS}]")
    pages = _book(text)
    (k, under), = _openings(pages)
    assert under[:1] == ["Chronology"], under[:3]
    parts = _parts(pages, k)
    cast = next(i for i, page in enumerate(pages) if i > k and "Cast of Characters" in page)
    # the figure, whole, between the chronology and the cast
    assert k < parts[0][0] and parts[-1][0] <= cast
    assert [p for _, p, _ in parts] == list(range(1, parts[0][2] + 1))


def test_no_page_of_a_book_holds_a_chapter_title_alone(long_note):
    pages = _book(make_vault.note_text(0)[0], long_note)
    openings = _openings(pages)
    assert len(openings) == 2
    for k, under in openings:
        assert under, pages[k]
