"""The guide's small parts on their own: settings, subject paths, sorting, column shares,
header fitting, dates; and random notes that must always build with all their text."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pypdf
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from studypress import fonts
from studypress.layouts import LayoutError, Layouts
from studypress.model import (
    Day,
    Emphasis,
    Event,
    HistoricalDate,
    Metadata,
    Note,
    Person,
    Precision,
    Question,
    QuestionKind,
    Section,
    Strong,
    Term,
    Text,
)
from studypress.model import Paragraph as ParaBlock
from studypress.renderers.guide import settings as guide_settings
from studypress.renderers.guide.blocks import column_weights
from studypress.renderers.guide.text import sort_key
from studypress.renderers.pdf.document import pdf_date
from studypress.renderers.pdf.runs import fit_runs
from studypress.renderers.subjects import Subjects, humanise

from .test_guide_support import norm, page_texts, render, shown, unembedded_fonts

DEFAULTS = Layouts(None).settings("guide")

# ------------------------------------------------------------------ settings


def with_change(table: str, key: str, value):
    data = {k: dict(v) if isinstance(v, dict) else v for k, v in DEFAULTS.items()}
    if table:
        data[table][key] = value
    else:
        data[key] = value
    return data


def test_default_settings_parse():
    s = guide_settings.parse(DEFAULTS)
    assert s.page_size("a4") == pytest.approx((595.28, 841.89), abs=0.01)
    assert s.page_size("LETTER") == (612.0, 792.0)
    assert s.citations == "keep" and s.lang == "en"
    assert s.footer(3, 7) == "page 3 of 7"
    assert s.margins[0] == pytest.approx(22 * guide_settings.MM)


@pytest.mark.parametrize(("table", "key", "value", "named"), [
    ("colours", "text", "red", "colours.text"),
    ("colours", "link", "#12345", "colours.link"),
    ("sizes", "body", 0, "sizes.body"),
    ("sizes", "body", "ten", "sizes.body"),
    ("page", "margin_top", True, "page.margin_top"),
    ("text", "citations", "maybe", "text.citations"),
    ("fonts", "body", "comic", "fonts.body"),
    ("titles", "quiz", 3, "titles.quiz"),
    ("layout", "introduction", "preamble", "layout.introduction"),
    ("", "lang", "english language", "lang"),
])
def test_bad_settings_name_the_key(table, key, value, named):
    with pytest.raises(LayoutError) as err:
        guide_settings.parse(with_change(table, key, value))
    assert named in str(err.value) and "guide.toml" in str(err.value)


@pytest.mark.parametrize(("key", "value", "named"), [
    ("header_offset", 20, "page.header_offset"),
    ("footer_offset", 19.5, "page.footer_offset"),
])
def test_header_and_footer_stay_in_the_margins(key, value, named):
    with pytest.raises(LayoutError, match=named.replace(".", r"\.")):
        guide_settings.parse(with_change("page", key, value))


def test_unknown_paper_is_an_error():
    with pytest.raises(LayoutError, match="a4 or letter"):
        guide_settings.parse(DEFAULTS).page_size("a5")


def test_project_layout_overrides_one_key(tmp_path):
    (tmp_path / "guide.toml").write_text('[sizes]\nbody = 12\n')
    s = guide_settings.load(Layouts(tmp_path))
    assert s.sizes["body"] == 12
    assert s.sizes["title"] == DEFAULTS["sizes"]["title"]


def test_a_broken_project_layout_fails_the_render_with_its_name(tmp_path, seed):
    (tmp_path / "guide.toml").write_text('[colours]\ntext = "blue"\n')
    with pytest.raises(LayoutError, match=r"colours\.text"):
        render(seed, layouts=tmp_path)


# ------------------------------------------------------------------ text helpers


@pytest.mark.parametrize(("slug", "pretty"), [
    ("russian-history-ii", "Russian History II"),
    ("lectures-quizzes-and-references", "Lectures Quizzes and References"),
    ("world-war-i", "World War I"),
    ("the-end-of-rome", "The End of Rome"),
    ("i", "I"),
    ("civil_war_1861", "Civil War 1861"),
    ("Already Nice", "Already Nice"),
    ("mixedCase", "mixedCase"),
    ("vi-lenin", "VI Lenin"),
    ("history-of-the-us", "History of the US"),
    ("mix-and-match", "Mix and Match"),
    ("ww2_pacific", "WW2 Pacific"),
    ("louis-xiv", "Louis XIV"),
    ("civil-li", "Civil Li"),
    ("Ancient  history", "Ancient history"),
    ("", ""),
])
def test_humanise(slug, pretty):
    assert Subjects.load(Layouts(None)).humanise(slug) == pretty


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_humanise_keeps_every_letter(slug):
    def letters(value: str) -> str:
        return "".join(c for c in value.casefold() if c.isalnum())

    assert letters(humanise(slug, ("us",), ("of",))) == letters(slug)


def note_at(source: str, permalink: str | None = None) -> Note:
    return Note("x", "X", source, Metadata(permalink=permalink))


@pytest.mark.parametrize(("source", "permalink", "path"), [
    ("source/a.md", "/ancient-history/roman-republic-timeline/", ("Ancient History",)),
    ("source/a.md", "/a/b-c/note", ("A", "B C")),
    ("source/a.md", "/note/", ()),
    ("source/russian/history/a.md", None, ("Russian", "History")),
    ("a.md", None, ()),
    ("./source/x/a.md", None, ("X",)),
    ("../notes/a.md", None, ()),  # under no source folder: says nothing
    ("/home/me/vault/rome/a.md", None, ()),
    ("C:\\vault\\source\\rome\\a.md", None, ("Rome",)),
    ("source/notes/us-history/a.md", None, ("US History",)),  # "notes" is generic
    ("x.md", "/network-school/lectures-quizzes-and-references/briefs-timelines-and-study-"
     "guides/russian-history/russian-history-ii/x/",
     ("Network School", "Russian History", "Russian History II")),
])
def test_subject_path(source, permalink, path):
    assert Subjects.load(Layouts(None)).path(note_at(source, permalink)) == path


def test_sort_key_ignores_case_accents_and_quotes():
    terms = ["zeal", "Éclat", "apple", "\u201cBanner\u201d", "eclair", "Apple"]
    assert sorted(terms, key=sort_key) == ["Apple", "apple", "\u201cBanner\u201d", "eclair",
                                           "Éclat", "zeal"]


@given(st.lists(st.lists(st.text(max_size=80), min_size=1, max_size=6), max_size=8),
       st.integers(min_value=1, max_value=12))
@settings(max_examples=150, deadline=None)
def test_column_shares_fill_the_width_and_none_is_starved(rows, columns):
    shares = column_weights(rows, columns)
    assert len(shares) == columns
    assert sum(shares) == pytest.approx(1.0)
    assert min(shares) >= 1 / (3 * columns) - 1e-9


def test_longer_columns_get_more_room():
    shares = column_weights([["1933", "A long description of what happened that year"]], 2)
    assert shares[1] > 2 * shares[0]


@given(st.text(max_size=200), st.floats(min_value=5, max_value=600))
@example("ؠط000", 17.0)  # Arabic letters join: drawn narrower than their letters alone
@settings(max_examples=100, deadline=None)
def test_fit_runs_fits_the_width(text, width):
    from studypress.renderers.pdf.runs import runs_width

    fam = fonts.family("sans")
    chain = fonts.fallback_chain(fam, False, False)
    out = fit_runs(text, width, chain, 8)
    if out != text:
        assert out.endswith("…")
        assert text.startswith(out[:-1].rstrip()) or out == "…"
        # as wide as draw_runs prints it: shaped where the script is shaped
        assert runs_width(out, chain, 8) <= width or out == "…"


@pytest.mark.parametrize(("seconds", "text"), [
    (0, "D:19700101000000+00'00'"),
    (1_700_000_000, "D:20231114221320+00'00'"),
    (-5, "D:19700101000000+00'00'"),
])
def test_pdf_date(seconds, text):
    assert pdf_date(seconds) == text


# ------------------------------------------------------------------ random notes


def _drawable() -> list[str]:
    """Letters, digits, punctuation and symbols the upright faces of both families can draw
    (the italics borrow Greek and Cyrillic from them)."""
    faces = [face for kind in ("serif", "sans")
             for face in (fonts.family(kind).regular, fonts.family(kind).bold)]
    common = set.intersection(*(set(fonts.charmap(f)) for f in faces))
    out = []
    for code in sorted(common):
        ch = chr(code)
        if (code < 0x3000 and unicodedata.category(ch)[0] in "LNPS"
                and unicodedata.normalize("NFKC", ch) == ch):
            out.append(ch)
    return out


ALPHABET = _drawable() + list("<>&;\"'/=#") + [" "] * 8
words = st.text(alphabet=ALPHABET, min_size=1, max_size=60).filter(lambda s: s.strip())
rich = st.builds(lambda a, b, c: (Text(a), Strong((Text(b),)), Emphasis((Text(c),))),
                 words, words, words)
DATE = HistoricalDate("1933", Day(1933, 1, 1), Day(1933, 12, 31), Precision.YEAR, "1933",
                      "1933")


@st.composite
def notes(draw) -> Note:
    events = tuple(Event(DATE if draw(st.booleans()) else None, draw(rich), i + 1,
                         group=draw(st.none() | words))
                   for i in range(draw(st.integers(0, 6))))
    people = tuple(Person(draw(words), 50 + i, role=draw(st.none() | words),
                          description=draw(rich),
                          events=tuple(range(len(events)))[:2])
                   for i in range(draw(st.integers(0, 4))))
    terms = tuple(Term(draw(words), draw(rich), 80 + i) for i in range(draw(st.integers(0, 4))))
    questions = tuple(Question(i + 1, draw(rich), 100 + i,
                               QuestionKind.SHORT if i % 3 else QuestionKind.ESSAY,
                               answer=draw(st.none() | rich), answer_line=120 + i)
                      for i in range(draw(st.integers(0, 5))))
    sections = tuple(Section(draw(rich), draw(st.integers(2, 4)), "prose",
                             (ParaBlock(draw(rich), 150 + i),), 149 + i)
                     for i in range(draw(st.integers(0, 3))))
    return Note("random", draw(words), "random.md", Metadata(tags=(draw(words),)),
                events=events, people=people, terms=terms, questions=questions,
                sections=sections)


@given(notes())
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_random_notes_build_with_all_their_text(note):
    data, diags = render(note)
    assert diags == []
    assert unembedded_fonts(data) == []
    text = norm("".join(page_texts(data)))
    for event in note.events:
        assert norm(shown(event.text)) in text
    for person in note.people:
        assert norm(person.name) in text
    for term in note.terms:
        assert norm(term.term) in text
    for q in note.questions:
        assert norm(shown(q.prompt)) in text
        if q.answer:
            assert norm(shown(q.answer)) in text
    assert pypdf.PdfReader(io.BytesIO(data)).metadata.title == note.title


def test_the_random_alphabet_spans_scripts():
    letters = set(ALPHABET)
    assert {"é", "ß", "Ω", "λ", "Ж", "я", "<", "&"} <= letters
    assert Path(__file__).name.startswith("test_guide")


def test_bullets_are_glyphs_every_face_has():
    from studypress.renderers.guide.blocks import BULLETS

    for kind in ("serif", "sans"):
        fam = fonts.family(kind)
        for face in (fam.regular, fam.italic, fam.bold, fam.bolditalic):
            assert fonts.missing("".join(BULLETS) + "0123456789.", face) == []


@given(st.text(max_size=400), st.integers(min_value=2, max_value=200))
@settings(max_examples=200, deadline=None)
def test_shorten(text, limit):
    from studypress.renderers.guide.story import shorten

    out = shorten(text, limit)
    assert len(out) <= max(limit, len(text) if len(text) <= limit else limit)
    if len(text) <= limit:
        assert out == text
    else:
        assert out.endswith("…") and text.startswith(out[:-1])


# ------------------------------------------------------------------ missing-glyph report


places = st.tuples(st.integers(0, 6), st.sampled_from(["", "the note's title", "Ann"]))


@given(st.lists(st.tuples(places, st.text(alphabet="abcdef", max_size=4)), max_size=12))
@settings(max_examples=300, deadline=None)
def test_glyph_report_names_each_character_once_at_its_first_place(found):
    from studypress.renderers.pdf.glyphs import GlyphReport, Place

    report = GlyphReport()
    for (line, label), chars in found:
        report.add(chars, line, label)
    diags = report.diagnostics("n.md", "missing-glyph", lambda what, chars: what, prefix="x")
    grouped = report.grouped()
    assert len(diags) == len(grouped)
    named = [ch for _, chars, _ in grouped for ch in chars]
    everything = {ch for _, chars in found for ch in chars}
    assert sorted(named) == sorted(everything)  # each character exactly once
    for (place, chars, also), d in zip(grouped, diags, strict=True):
        holders = {ch: sorted(Place(line, label) for (line, label), cs in found if ch in cs)
                   for ch in chars}
        assert all(holders[ch][0] == place for ch in chars)
        assert also == sorted({p.line for ch in chars for p in holders[ch]
                               if p.line and p.line != place.line})
        assert d.line == (place.line or None)
        assert d.message.startswith("x: " + (place.label + ": " if place.label else ""))
        assert all(f"U+{ord(ch):04X}" in d.message for ch in chars[:8])


# ------------------------------------------------------------------ code blocks


def code_renderer():
    from studypress.renderers.guide.blocks import BlockRenderer
    from studypress.renderers.guide.styles import make_styles
    from studypress.renderers.guide.text import Formatter

    s = guide_settings.parse(DEFAULTS)
    return BlockRenderer(make_styles(s), Formatter.create(s, "code.md"))


def test_a_long_code_block_is_many_small_flowables():
    # One flowable for a whole block is split again and again across pages, re-wrapping all
    # the rest each time: quadratic in its length. Small pieces keep the cost per line.
    flows = code_renderer().code("\n".join(f"line {i} = <{i}> & x" for i in range(500)), 3)
    assert len(flows) >= 500 // 20
    heights = [f.wrap(450, 700)[1] for f in flows]
    assert max(heights) < 300, max(heights)
    assert flows[0].spaceBefore > 0 and flows[-1].spaceAfter > 0
    assert all(f.spaceAfter == 0 for f in flows[:-1])  # the pieces abut: one box to the eye
    assert all(f.spaceBefore == 0 for f in flows[1:])


def test_a_long_code_block_prints_every_line_wrapped_and_escaped(tmp_path):
    long_line = " ".join(f"tok{i}" for i in range(120))
    minified = "".join(f"f{i}();" for i in range(3000))  # one 'word' many pages long
    body = "\n".join([f"    row {i} <b>{i}</b> &amp;" for i in range(300)]
                     + [long_line, minified, "", "end"])
    path = tmp_path / "code.md"
    path.write_text(f"# Code\n\n## Listing\n\n```\n{body}\n```\n", encoding="utf-8")
    from studypress.reader import read_note

    data, diags = render(read_note(path, "code.md"))
    assert diags == []
    pages = page_texts(data)
    assert len(pages) > 3
    text = norm("".join(pages))
    for i in range(300):
        assert norm(f"row {i} <b>{i}</b> &amp;") in text, i
    assert norm(long_line) in text and norm(minified) in text and text.endswith("end")


@given(st.text(alphabet=" ab", max_size=60), st.integers(min_value=1, max_value=12))
@settings(max_examples=200, deadline=None)
def test_code_pieces_rejoin_and_stay_short(text, limit):
    from studypress.renderers.guide.blocks import code_pieces

    pieces = code_pieces(text, limit)
    assert "".join(pieces) == text
    assert all(len(p) <= limit for p in pieces)
    assert all(p for p in pieces[:-1])
    for p in pieces[:-1]:  # a cut falls after a space whenever the piece holds one
        assert p.endswith(" ") or " " not in p
