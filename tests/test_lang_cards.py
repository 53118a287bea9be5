"""What a card or an index prints beyond its catalogue's words: the deck's timeline strip in
the note's era words, the book index in the notes' alphabet, and an undated event's flashcard,
which places the event instead of claiming a date."""

from __future__ import annotations

import re

import pytest

from studypress.dates import parse_date
from studypress.layouts import Layouts
from studypress.reader import read_text
from studypress.renderers.book.index import BookIndex
from studypress.renderers.deck.strip import Strip
from studypress.renderers.guide.settings import load
from studypress.renderers.guide.styles import make_styles
from studypress.renderers.handout.flashcards import flashcards
from studypress.study import card_words


def _svg_text(svg: str) -> list[str]:
    return re.findall(r">([^<>]+)</text>", svg)


@pytest.mark.parametrize(("code", "start", "end"), [
    ("de", "44 v. Chr.", "14 n. Chr."),
    ("es", "44 a. C.", "14 d. C."),
    ("ru", "44\u00a0г. до н. э.", "14\u00a0г. н. э."),
    ("en", "44 BCE", "14 CE"),
])
def test_the_strip_ends_in_the_notes_era_words(code, start, end):
    dates = [parse_date("44 BCE"), parse_date("14 CE")]
    strip = Strip(dates, code)
    assert (strip.start_label, strip.end_label) == (start, end)
    ticks = _svg_text(strip.svg(dates[0], "label"))[1:]  # the first text is the date's own
    assert ticks
    if code != "en":
        assert not any("BCE" in t or t.endswith(" CE") for t in ticks), ticks


def test_the_strips_month_ticks_are_in_the_notes_language():
    dates = [parse_date("1 March 1920"), parse_date("10 April 1921")]
    ticks = _svg_text(Strip(dates, "de").svg(dates[0], "label"))[1:]
    assert "Okt" in ticks and "Oct" not in ticks
    assert "Oct" in _svg_text(Strip(dates).svg(dates[0], "label"))[1:]


def _index(language: str, names: list[str]) -> BookIndex:
    index = BookIndex(make_styles(load(Layouts())), "see", str, language)
    for page, name in enumerate(names, 1):
        index.mark(name, name)
        index.found(name, page, f"k{page}")
    return index


@pytest.mark.parametrize(("code", "names", "order"), [
    ("es", ["Ñandú", "Oro", "Nube"], ["Nube", "Ñandú", "Oro"]),
    ("en", ["Ñandú", "Oro", "Nube"], ["Ñandú", "Nube", "Oro"]),
    ("pl", ["Łódź", "Lublin", "Mazury"], ["Lublin", "Łódź", "Mazury"]),
    ("sv", ["Örebro", "Zürich", "Oslo"], ["Oslo", "Zürich", "Örebro"]),
])
def test_the_book_index_sorts_in_the_languages_alphabet(code, names, order):
    index = _index(code, names)
    assert index.names() == order


def test_the_book_index_heads_a_letter_of_the_language_apart():
    heads = [p.head.text for p in _index("pl", ["Lublin", "Łódź", "Mazury"]).paragraphs()
             if hasattr(p, "head")]
    assert heads == ["L", "Ł", "M"]
    for code, heads in (("en", ["A"]), ("sv", ["A", "Å"])):
        index = _index(code, ["Ångström", "Argon"])
        assert [p.head.text for p in index.paragraphs() if hasattr(p, "head")] == heads


NOTE = """# {title}

## {timeline}

- **{first}:** {a}
- {b}
- **{last}:** {c}
"""


@pytest.mark.parametrize(("code", "values", "when", "date"), [
    ("en", dict(title="Rome", timeline="Timeline", first="509 BCE", a="The Republic begins.",
                b="A secret pact no source dates.", last="27 BCE", c="Augustus rules."),
     "When?", "Date"),
    ("de", dict(title="Mauer", timeline="Zeitleiste", first="13. August 1961",
                a="Beginn des Mauerbaus.", b="Ein Treffen, das keine Quelle datiert.",
                last="9. November 1989", c="Die Mauer fällt."), "Wann?", "Datum"),
])
def test_an_undated_events_flashcard_claims_no_date(code, values, when, date):
    text = f"---\nlang: {code}\n---\n" + NOTE.format(**values)
    note = read_text(text, "n.md", "n")
    assert note.metadata.language == code
    cards = flashcards(note, words=card_words(Layouts(), code))
    undated = next(c for c in cards if values["b"] in "".join(map(str, c.answer)) or
                   values["b"][:12] in repr(c.answer))
    assert undated.kind == when
    shown = repr(undated.prompt)
    assert values["a"][:10] in shown and values["c"][:10] in shown  # after …; before …
    dated = [c for c in cards if c is not undated and c.kind == date]
    assert len(dated) == 2
