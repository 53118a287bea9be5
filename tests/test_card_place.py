"""Where an undated event stands, as a printed card's or cards.csv's front says it: between
its neighbours, each named by its date and its text cut at a word."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studypress.layouts import Layouts
from studypress.model import plain_text
from studypress.reader import read_text
from studypress.renderers import load
from studypress.renderers.base import RenderContext, RenderOptions
from studypress.renderers.handout.flashcards import _event_prompt
from studypress.study import CARD_WORDS, card_words, clip, event_items, undated_place

LANG = Path(__file__).resolve().parent.parent / "layouts" / "lang"

NOTE = ("# Recognition\n\n## Timeline\n\n### Post-Recognition\n\n"
        "- **December 1933:** William C. Bullitt becomes the first U.S. ambassador to the "
        "Soviet Union.\n"
        "- Debt repayment negotiations stall, and evidence emerges of Soviet interference in "
        "American domestic affairs.\n"
        "- The assassination of Sergey Kirov triggers the Great Purges, with widespread "
        "arrests.\n"
        "- **1936:** Joseph E. Davies replaces Bullitt as U.S. ambassador.\n")


def _places(note_text: str, language: str = "en") -> list[str]:
    """The place of each undated event, in the note's order."""
    note = read_text(note_text, "n.md", "n")
    words = card_words(Layouts(None), language)
    return [undated_place(i, words) for i in event_items(note) if i.when is None]


def test_an_undated_event_is_placed_after_one_neighbour_and_before_the_other():
    places = _places(NOTE)
    assert places[0] == (
        "Post-Recognition; after December 1933 (William C. Bullitt becomes the first U.S. "
        "ambassador to the…) and before “The assassination of Sergey Kirov triggers the Great…”")
    assert places[1] == (
        "Post-Recognition; after “Debt repayment negotiations stall, and evidence emerges "
        "of…” and before 1936 (Joseph E. Davies replaces Bullitt as U.S. ambassador)")


def test_the_front_of_cards_csv_and_of_the_printed_cards_say_the_same_place():
    note = read_text(NOTE, "n.md", "n")
    ctx = RenderContext(RenderOptions(), Layouts(None), 0)
    data = load("cards").render(note, ctx).files[0].data.decode("utf-8")
    fronts = [r[0] for r in csv.reader(io.StringIO(data)) if r and "after " in r[0]]
    assert fronts == [undated_place(i, CARD_WORDS) for i in event_items(note)
                      if i.when is None]
    assert [plain_text(_event_prompt(i)) for i in event_items(note) if i.when is None] \
        == fronts


@pytest.mark.parametrize(("value", "limit", "expected"), [
    ("William C. Bullitt becomes the first U.S. ambassador to the Soviet Union.", 60,
     "William C. Bullitt becomes the first U.S. ambassador to the…"),
    ("Lenin dies.", 60, "Lenin dies."),
    ("Lenin   dies.", 60, "Lenin dies."),
    ("one two three", 13, "one two three"),
    ("one two three four", 14, "one two three…"),  # the cut falls at a space
    ("one two, three four", 12, "one two…"),  # no comma before the ellipsis
    ("Antidisestablishmentarianism is long", 12, "Antidisesta…"),  # one long word
    ("孙中山就任中华民国临时大总统并宣布建立共和", 10, "孙中山就任中华民国…"),
])
def test_a_neighbour_s_text_is_cut_at_a_word(value, limit, expected):
    assert clip(value, limit) == expected


@given(st.text(st.sampled_from("ab c,.–"), max_size=80), st.integers(min_value=4, max_value=70))
def test_a_cut_text_fits_and_ends_where_a_word_ends(value, limit):
    out = clip(value, limit)
    words = " ".join(value.split())
    assert len(out) <= limit
    if out == words:
        return
    assert out.endswith("…") and words.startswith(out[:-1])
    kept = out[:-1]
    at_word_end = words[len(kept)] in " ,;:-–—"
    # a word is cut only when no space stands in the last two thirds of the room
    assert at_word_end or words[: limit - 1].rfind(" ") < limit // 3


def test_every_card_wording_is_in_every_language_with_the_same_placeholders():
    keys = {k: set(re.findall(r"\{(\w+)\}", v)) for k, v in CARD_WORDS.items()}
    for path in sorted(LANG.glob("*.toml")):
        words = card_words(Layouts(None), path.stem)
        text = path.read_text(encoding="utf-8")
        for key, placeholders in keys.items():
            assert re.search(rf"^{key} = ", text, re.M), (path.name, key)
            assert set(re.findall(r"\{(\w+)\}", words[key])) == placeholders, (path.name, key)


def test_an_undated_event_is_placed_in_every_language_without_english_words():
    for path in sorted(LANG.glob("*.toml")):
        places = _places(NOTE, path.stem)
        assert all(" and before " not in p and "{" not in p for p in places), path.stem
        assert "William C. Bullitt" in places[0] and "Joseph E. Davies" in places[1]
