"""flashcards.pdf: the study items as duplex cut-out cards, each answer behind its prompt."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from studypress.layouts import Layouts
from studypress.model import Note
from studypress.reader import read_note
from studypress.renderers.base import RenderContext, RenderOptions
from studypress.renderers.handout.flashcards import RENDERER, flashcards

from .conftest import NOTES

STUDY_GUIDE = NOTES / "russian-history-ii-us-recognition-study-guide.md"


def render(note: Note, layouts: Layouts | None = None, paper: str = "a4"):
    ctx = RenderContext(RenderOptions(paper=paper), layouts or Layouts(None), 1700000000)
    return RENDERER.render(note, ctx)


@pytest.fixture(scope="module")
def guide_note() -> Note:
    return read_note(STUDY_GUIDE, "study-guide.md")


@pytest.fixture(scope="module")
def guide_pdf(guide_note) -> bytes:
    result = render(guide_note)
    assert [f.path for f in result.files] == ["flashcards.pdf"]
    assert [d for d in result.diagnostics if d.severity.name != "INFO"] == []
    return result.files[0].data


CARD_H = 74 * 72 / 25.4  # the A7 format: 2 columns and 4 rows of cards on A4


def _cell(page, phrase: str) -> tuple[int, int] | None:
    """The (column, row) of the card that holds the phrase on an A7 card page."""
    top = (page.height - 4 * CARD_H) / 2
    half = page.width / 2
    for row in range(4):
        for col in range(2):
            box = (col * half, top + row * CARD_H, (col + 1) * half, top + (row + 1) * CARD_H)
            words = " ".join((page.crop(box).extract_text() or "").split())
            if phrase in words:
                return col, row
    return None


def _first_words(value: str, n: int = 4) -> str:
    return " ".join(value.split()[:n])


def test_every_term_and_answered_question_is_a_card(guide_note):
    cards = flashcards(guide_note)
    prompts = " ".join(c.prompt[0].value for c in cards if c.prompt)
    for term in guide_note.terms:
        assert term.term in prompts
    answered = [q for q in guide_note.questions if q.answer]
    assert sum(c.kind.startswith("Question") for c in cards) == len(answered)
    assert not any(c.kind == "Question" and not c.answer for c in cards)


def test_each_answer_is_printed_behind_its_prompt_for_long_edge_flipping(guide_note, guide_pdf):
    from studypress.model import plain_text

    cards = flashcards(guide_note)
    with pdfplumber.open(io.BytesIO(guide_pdf)) as pdf:
        pages = pdf.pages
        assert "double-sided" in pages[0].extract_text()
        assert pages[1].extract_text().strip().startswith("This side is left blank")
        checked = 0
        for card in cards:
            prompt = _first_words(plain_text(card.prompt), 6)
            answer = _first_words(plain_text(card.answer), 6)
            for n in range(2, len(pages) - 1, 2):
                front = _cell(pages[n], prompt)
                if front is None:
                    continue
                back = _cell(pages[n + 1], answer)
                assert back is not None, f"{card.label}: its answer is on the next page"
                # flipped on the long edge, the back page is the front mirrored left to right
                assert back == (1 - front[0], front[1]), card.label
                checked += 1
                break
        assert checked == len(cards)


def test_short_edge_flipping_mirrors_the_backs_top_to_bottom(guide_note, tmp_path):
    from studypress.model import plain_text

    (tmp_path / "handout.toml").write_text('[cards]\nduplex = "short"\n')
    data = render(guide_note, Layouts(tmp_path)).files[0].data
    card = flashcards(guide_note)[0]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        front = _cell(pdf.pages[2], _first_words(plain_text(card.prompt), 3))
        back = _cell(pdf.pages[3], _first_words(plain_text(card.answer), 3))
    assert front == (0, 0)
    assert back == (0, 3)  # the same column, mirrored top to bottom


def test_a_note_with_nothing_to_learn_gets_no_flashcards():
    result = render(Note("empty", "Empty", "empty.md"))
    assert result.files == []
    assert [d.code for d in result.diagnostics] == ["flashcards-none"]


def test_a_cast_alone_is_left_to_the_cast_cards(tmp_path):
    path = tmp_path / "cast.md"
    path.write_text("# Cast\n\n## Cast of Characters\n\n- **Ann Smith (scribe):** Wrote.\n",
                    encoding="utf-8")
    note = read_note(path, "cast.md")
    assert note.people and flashcards(note)  # the cast would make cards ...
    assert render(note).files == []  # ... but cast.pdf has them already


def _blocks(page, largest: bool = False) -> dict[tuple[int, int], tuple[float, float]]:
    """(top, bottom) of the text on each card of an A7 card page, from the page's top; with
    ``largest``, of the words in the card's largest type only (a front's prompt)."""
    top = (page.height - 4 * CARD_H) / 2
    cells: dict[tuple[int, int], list[dict]] = {}
    for w in page.extract_words(extra_attrs=["size"]):
        cy = (w["top"] + w["bottom"]) / 2
        cell = (int(w["x0"] // (page.width / 2)), int((cy - top) // CARD_H))
        cells.setdefault(cell, []).append(w)
    out = {}
    for cell, words in cells.items():
        if largest:
            size = max(w["size"] for w in words)
            words = [w for w in words if w["size"] > size - 0.01]
        out[cell] = (min(w["top"] for w in words), max(w["bottom"] for w in words))
    return out


def test_prompts_and_answers_stand_in_the_middle_of_their_cards(guide_pdf):
    checked = 0
    with pdfplumber.open(io.BytesIO(guide_pdf)) as pdf:
        top = (pdf.pages[2].height - 4 * CARD_H) / 2
        for n in range(2, len(pdf.pages) - 1, 2):
            fronts = _blocks(pdf.pages[n], largest=True)
            backs = _blocks(pdf.pages[n + 1])
            assert len(fronts) == len(backs)
            for sides in (fronts, backs):
                for (_, row), (upper, lower) in sides.items():
                    middle = top + (row + 0.5) * CARD_H
                    if lower - upper > 0.75 * CARD_H:
                        continue  # a text that fills the card starts at its top
                    # 5 points of play: glyphs sit low in their lines (large type most),
                    # and the paper's edge keeps the outer rows' text from the cut lines
                    assert abs((upper + lower) / 2 - middle) < 5.0, (n, row, upper, lower)
                    checked += 1
    assert checked > 20


def test_a_role_that_ends_its_sentence_gets_no_second_full_stop(seed):
    from dataclasses import replace

    from studypress.model import plain_text

    person = replace(seed.people[0], role="Envoy in Washington D.C.", span=None)
    note = replace(seed, people=(person,))
    card = next(c for c in flashcards(note) if c.prompt and plain_text(c.prompt) == person.name)
    assert plain_text(card.answer).startswith("Envoy in Washington D.C. ")


def _without_reuse(monkeypatch) -> None:
    from studypress.renderers.handout import text as handout_text

    monkeypatch.setattr(handout_text.Styles, "at", classmethod(lambda cls, s, size: cls(s, size)))
    monkeypatch.setattr(handout_text.OneLines, "line",
                        lambda self, *args: handout_text.one_line(*args))


@pytest.mark.parametrize("name", ["russian-history-ii-us-recognition-study-guide.md",
                                  "messy-notes.md"])
def test_reused_styles_and_lines_change_no_byte(monkeypatch, name) -> None:
    from studypress.renderers.handout import RENDERER as CAST

    note = read_note(NOTES / name, name)
    ctx = RenderContext(RenderOptions(), Layouts(None), 1700000000)
    fast = [RENDERER.render(note, ctx), CAST.render(note, ctx)]
    _without_reuse(monkeypatch)
    slow = [RENDERER.render(note, ctx), CAST.render(note, ctx)]
    assert [f.data for r in fast for f in r.files] == [f.data for r in slow for f in r.files]
    assert [r.diagnostics for r in fast] == [r.diagnostics for r in slow]


def test_styles_are_made_once_per_size_and_colours() -> None:
    from dataclasses import replace

    from studypress.renderers.handout.settings import load_settings
    from studypress.renderers.handout.text import Styles

    s = load_settings(Layouts(None), "a4")
    assert Styles.at(s, 9) is Styles.at(s, 9)
    assert Styles.at(s, 9) is not Styles.at(s, 8)
    other = replace(s, colors={**s.colors, "accent": "#123456"})
    assert Styles.at(other, 9) is not Styles.at(s, 9)
    assert Styles.at(other, 9).role[0].textColor.hexval() == "0x123456"


def test_a_repeated_line_is_fitted_once_per_style_and_width() -> None:
    from studypress.renderers.handout.settings import load_settings
    from studypress.renderers.handout.text import OneLines, Styles, Warnings

    small = Styles.at(load_settings(Layouts(None), "a4"), 6).footer
    lines, warn = OneLines(), Warnings()
    title = "The Recognition of the Soviet Union " * 4
    first = lines.line(title, small, 120, warn.title())
    assert lines.line(title, small, 120, warn.title()) is first
    wider = lines.line(title, small, 300, warn.title())
    assert wider is not first
    assert len(wider.getPlainText()) > len(first.getPlainText())
    assert first.getPlainText().endswith("…")
