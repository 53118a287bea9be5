"""The handout's pure helpers: ordering, labels, cutting rich text, column balancing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studypress.model import (
    Citation,
    Day,
    Emphasis,
    HistoricalDate,
    LineBreak,
    Link,
    Person,
    Precision,
    SpanKind,
    Strong,
    Text,
    plain_text,
    text,
)
from studypress.renderers.handout import bars, cast, columns, fitting
from studypress.renderers.handout.settings import _TEXT_DEFAULTS
from studypress.renderers.pdf.people import span_label


def test_other_script_name_picks_the_first_non_latin_alias():
    trotsky = Person("Leon Trotsky", 1, aliases=("Trotsky", "Лев Троцкий"))
    assert cast.other_script_name(trotsky) == "Лев Троцкий"
    assert cast.other_script_name(Person("Pompey", 1, aliases=("Pompey the Great",))) is None
    assert cast.other_script_name(Person("Éamon", 1, aliases=("Éamon de Valera",))) is None
    assert cast.other_script_name(Person("Pericles", 1, aliases=("Περικλῆς",))) == "Περικλῆς"


def test_corpus_trotsky_has_his_cyrillic_name(corpus):
    people = {p.name: p for p in corpus["messy-notes.md"].people}
    assert cast.other_script_name(people["Leon Trotsky"]) == "Лев Троцкий"


def hd(label: str) -> HistoricalDate:
    return HistoricalDate(label, Day(1900, 1, 1), Day(1900, 12, 31), Precision.YEAR, label,
                          label)


@pytest.mark.parametrize(("kind", "expected"), [
    (SpanKind.LIFE, "1900"), (SpanKind.TENURE, "1900"), (SpanKind.UNKNOWN, "1900"),
    (SpanKind.BIRTH, "b. 1900"), (SpanKind.DEATH, "d. 1900"),
])
def test_span_label(kind, expected):
    texts = _TEXT_DEFAULTS
    assert span_label(Person("x", 1, span=hd("1900"), span_kind=kind), texts) == expected
    assert span_label(Person("x", 1), texts) == ""


def test_order_by_first_appearance_puts_people_outside_the_timeline_last(seed):
    names = [p.name for p in cast.order_people(seed, "first-appearance")]
    firsts = [min(p.events) for p in cast.order_people(seed, "first-appearance") if p.events]
    assert firsts == sorted(firsts)
    assert names[-1] == "Mikhail Kalinin"
    assert [p.name for p in cast.order_people(seed, "note")] == [p.name for p in seed.people]


def test_order_by_name_ignores_case_and_accents():
    from studypress.model import Note

    note = Note("n", "N", "n.md", people=tuple(Person(n, 1) for n in
                                               ("émile", "Zeno", "Adam", "Ödön", "bert")))
    assert [p.name for p in cast.order_people(note, "name")] == [
        "Adam", "bert", "émile", "Ödön", "Zeno"]


def test_appearances_follow_the_timeline_without_repeats(seed):
    fdr = next(p for p in seed.people if p.name.startswith("Franklin"))
    assert cast.appearances(fdr, seed) == ["October 1933", "November 15, 1933", "November 16, 1933"]
    kirov = next(p for p in seed.people if p.name == "Sergey Kirov")
    assert cast.appearances(kirov, seed) == ["Post-Recognition (undated)"]


def test_axis_labels_cross_the_era():
    axis = bars.Axis(0, 1, Day(-535, 1, 1), Day(14, 12, 31))
    assert bars.axis_labels(axis) == ("535 BCE", "14 CE")
    assert bars.axis_labels(bars.Axis(0, 1, Day(1917, 12, 1), Day(1945, 1, 1))) == ("1917", "1945")
    assert bars.axis_labels(bars.Axis(0, 1, Day(-264, 1, 1), Day(-44, 3, 15))) == ("264 BCE",
                                                                             "44 BCE")


def test_sentence_and_word_cuts():
    value = 'He won. "Then he lost!" Was it fair? Yes… the end'
    cuts = fitting.sentence_cuts(value)
    assert [value[:c] for c in cuts] == [
        "He won.", 'He won. "Then he lost!"', 'He won. "Then he lost!" Was it fair?']
    words = "a bb  ccc"
    assert [words[:c] for c in fitting.word_cuts(words)] == ["a", "a bb", "a bb  ccc"]


@pytest.mark.parametrize(("value", "ends"), [
    ("Served the U.S. Army well. Then left.", ["Served the U.S. Army well.",
                                               "Served the U.S. Army well. Then left."]),
    ("Met Dr. Smith in Washington D.C. Later, more.", ["Met Dr. Smith in Washington D.C. "
                                                       "Later, more."]),
    ("Born c. 509 BCE. Died young.", ["Born c. 509 BCE.", "Born c. 509 BCE. Died young."]),
    ("Franklin D. Roosevelt won. He", ["Franklin D. Roosevelt won."]),
    ("one. two. three", []),  # no capital follows: not clearly a sentence end
    ("Вот. Так.", ["Вот.", "Вот. Так."]),
])
def test_sentence_ends_skip_initials_and_abbreviations(value, ends):
    assert [value[:c] for c in fitting.sentence_cuts(value)] == ends


rich_text = st.recursive(
    st.builds(Text, st.text(alphabet="ab .!?", max_size=12)) | st.builds(LineBreak)
    | st.builds(Citation, st.just(("1",))),
    lambda inner: st.builds(Strong, st.lists(inner, max_size=3).map(tuple))
    | st.builds(Emphasis, st.lists(inner, max_size=3).map(tuple))
    | st.builds(Link, st.lists(inner, max_size=3).map(tuple), st.just("https://x")),
    max_leaves=12,
).map(lambda n: (n,))


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(rich_text, max_size=4), n=st.integers(0, 80))
def test_cut_rich_keeps_exactly_the_first_characters(parts, n):
    rich = tuple(node for p in parts for node in p)
    assert plain_text(fitting.cut_rich(rich, n)) == plain_text(rich)[:n]


def test_fit_text_prefers_sentences_then_words():
    rich = text("One two three. Four five six. Seven eight nine.")

    def fits_under(limit: int):
        return lambda r: len(plain_text(r)) <= limit

    assert fitting.fit_text(rich, fits_under(100)) == (rich, "")
    cut, how = fitting.fit_text(rich, fits_under(34))
    assert (plain_text(cut), how) == ("One two three. Four five six. …", "sentence")
    cut, how = fitting.fit_text(rich, fits_under(10))
    assert (plain_text(cut), how) == ("One two…", "word")
    assert fitting.fit_text(rich, fits_under(0)) == ((), "all")


def test_fit_text_keeps_markup():
    rich = (Strong((Text("Bold start. "),)), Text("Plain rest goes on."))
    cut, how = fitting.fit_text(rich, lambda r: len(plain_text(r)) <= 14)
    assert how == "sentence"
    assert cut[0] == Strong((Text("Bold start."),))


def test_sizes_step_down_to_the_floor():
    assert fitting.sizes(11, 7.5, 0.5) == [11, 10.5, 10, 9.5, 9, 8.5, 8, 7.5]
    assert fitting.sizes(10, 7.5, 1.0) == [10, 9, 8, 7.5]
    assert fitting.sizes(7.5, 7.5, 0.5) == [7.5]


def test_columns_needed_and_balance():
    assert columns.columns_needed([10, 10, 10], 2, 100) == 1
    assert columns.columns_needed([60, 60], 2, 100) == 2
    assert columns.columns_needed([150], 2, 100) == 1  # a too-tall entry still takes one column
    height = columns.balanced_height([30, 30, 30, 30], 2, 500)
    assert height is not None and 62 <= height <= 62.5  # two and two
    assert columns.balanced_height([300, 300, 300], 0, 500) is None


@settings(max_examples=150, deadline=None)
@given(heights=st.lists(st.floats(5, 200), min_size=1, max_size=14),
       gap=st.floats(0, 12), column=st.floats(200, 800))
def test_balanced_height_is_tight_and_still_fits(heights, gap, column):
    height = columns.balanced_height(heights, gap, column)
    if columns.columns_needed(heights, gap, column) > 2:
        assert height is None
        return
    assert height is not None and height <= column + 1e-6
    assert columns.columns_needed(heights, gap, height) <= 2
    if height - 0.5 >= max(heights):
        assert columns.columns_needed(heights, gap, height - 0.5) > 2


def test_guide_and_handout_list_a_persons_appearances_alike():
    # Both used to keep their own copy: the guide followed the order the person's events were
    # stored in, the handout the timeline's. Now one helper (renderers/people.py) serves both.
    from studypress.model import Event, Note
    from studypress.renderers.pdf import people

    from .test_guide_support import norm, page_texts, render

    events = (Event(hd("1901"), text("First."), 5), Event(None, text("Loose."), 6),
              Event(hd("1902"), text("Second."), 7), Event(None, text("Grouped."), 8,
                                                            group="Aftermath"))
    who = Person("Ada Quill", 10, span=hd("1880"), span_kind=SpanKind.BIRTH,
                 events=(3, 2, 0, 1, 2))
    note = Note("n", "N", "n.md", events=events, people=(who,))
    expected = ["1901", "undated", "1902", "Aftermath (undated)"]
    assert [a.label() for a in people.appearances(who, note)] == expected
    assert cast.appearances(who, note) == expected
    guide = norm("".join(page_texts(render(note)[0])))
    assert norm("Appears in: " + "; ".join(expected)) in guide
    assert norm("Ada Quill b. 1880") in guide
    assert people.span_label(who, {"born": "b.", "died": "d."}) == "b. 1880"


def test_marked_makes_each_texts_markup_once_and_a_new_paragraph_each_time():
    from reportlab.lib.styles import ParagraphStyle

    from studypress.renderers.handout.text import Marked

    calls: list[str] = []

    def make() -> str:
        calls.append("made")
        return "Franklin <b>Roosevelt</b>"

    known = Marked()
    small = known.para(("name", 1), ParagraphStyle("a", fontSize=8), make)
    large = known.para(("name", 1), ParagraphStyle("b", fontSize=12), make)
    assert calls == ["made"]
    assert small is not large
    assert small.style.fontSize == 8 and large.style.fontSize == 12
    assert "".join(f.text for f in large.frags) == "Franklin Roosevelt"
    assert known.para(("appears", 1), ParagraphStyle("c"), lambda: None) is None
    assert known.once(("appears", 1), make) is None  # a None made is kept too
    assert calls == ["made"]
