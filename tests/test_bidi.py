"""Right-to-left text prints the way its readers read it: Arabic joined, the words of an Arabic
or Hebrew phrase right to left, numbers and Latin words inside it left to right, an Arabic
paragraph set flush right with its first words on its first line; in paragraphs, on the
canvas and in the timeline figure."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.pdfbase.ttfonts import ShapedStr

from studypress import bidi, fonts, textline
from studypress.figure.text import FontSet
from studypress.layouts import Layouts
from studypress.reader import read_note
from studypress.renderers.base import RenderContext, RenderOptions
from studypress.renderers.pdf import markup
from studypress.renderers.timeline import RENDERER as TIMELINE

# ------------------------------------------------------------------ the algorithm


@pytest.mark.parametrize("logical,visual", [
    ("Ben-Gurion (דוד בן-גוריון) led", "Ben-Gurion (ןוירוג-ןב דוד) led"),
    ("מדינת ישראל ב-14 במאי 1948.", ".1948 יאמב 14-ב לארשי תנידמ"),
    ("12 34 שלום", "שלום"[::-1] + " 34 12"),
    ("ab (גד) 12", "ab (דג) 12"),  # the brackets pair up around the Hebrew word
    ("plain text, 1948.", "plain text, 1948."),
])
def test_a_line_is_put_in_visual_order(logical, visual):
    assert bidi.reorder(logical) == visual


def test_the_base_direction_is_that_of_the_first_strong_letter():
    assert bidi.base_level("1948: מדינת ישראל") == 1
    assert bidi.base_level("Saladin (صلاح الدين)") == 0
    assert bidi.base_level("1948 — 12") == 0


def test_visual_order_reverses_each_run_at_or_above_a_level():
    assert bidi.visual_order([0, 1, 1, 0]) == [0, 2, 1, 3]
    assert bidi.visual_order([1, 2, 2, 1]) == [3, 1, 2, 0]  # a number inside RTL keeps its order
    assert bidi.visual_order([]) == []


_MIXED = st.text(st.sampled_from(list("abc XYZ 0123 .,:;()-\"' ") + list("אבגדה שלום")
                                 + list("صلاح الدين ١٢٣")), max_size=40)
_LTR = st.text(st.characters(exclude_categories=("Cs",)).filter(
    lambda ch: unicodedata.bidirectional(ch) not in ("R", "AL", "AN", "RLE", "RLO", "RLI",
                                                     "LRE", "LRO", "LRI", "FSI", "PDF",
                                                     "PDI", "B", "S")), max_size=40)


@given(_MIXED)
def test_reordering_only_rearranges_the_characters(text):
    assert sorted(bidi.reorder(text)) == sorted(text)
    assert sorted(bidi.visual_order(list(bidi.levels(text)))) == list(range(len(text)))


@given(_LTR)
def test_left_to_right_text_keeps_its_order(text):
    assert bidi.reorder(text) == text
    assert set(bidi.levels(text)) <= {0}


def test_mirroring_swaps_brackets_only():
    assert bidi.mirrored("(a) [b] «c»") == ")a( ]b[ »c«"


# ------------------------------------------------------------------ PDF paragraphs

ARABIC = ("بدأ الحصار في عام 1187 واستمر 12 يوما وكتب عنه Ibn al-Athir في كتابه الكامل "
          "بعد سنوات طويلة من الحرب، ثم انتهى الأمر في عام 1948.")


def _hebrew_font() -> str | None:
    if shutil.which("fc-match") is None:
        return None
    out = subprocess.run(["fc-match", "--format=%{file}", ":lang=he"], capture_output=True,
                         text=True, check=False).stdout.strip()
    if not out.endswith(".ttf"):
        return None
    name = fonts.register_fallback(out)
    return name if ord("א") in fonts.charmap(name) else None


def _pdf(paragraphs: list[str], width: float = 220, hebrew: str | None = None
         ) -> pdfplumber.PDF:
    """The paragraphs (plain strings) set in a column ``width`` points wide at x = 100, with
    the ``hebrew`` font as fallback."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Frame

    from studypress.renderers.pdf.paragraph import Paragraph

    fam = fonts.family("serif")
    mstyle = markup.MarkupStyle(fam, fallbacks=(hebrew,) if hebrew else ())
    style = ParagraphStyle("body", fontName=fam.regular, fontSize=10, leading=13)
    buf = io.BytesIO()
    canv = Canvas(buf, pagesize=(420, 800), invariant=1)
    Frame(100, 50, width, 700, leftPadding=0, rightPadding=0, topPadding=0,
          bottomPadding=0).addFromList([Paragraph(markup.plain(p, mstyle), style)
                                        for p in paragraphs], canv)
    canv.save()
    buf.seek(0)
    return pdfplumber.open(buf)


def _lines(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped by baseline, top line first, each line left to right."""
    rows: dict[int, list[dict]] = {}
    for c in chars:
        rows.setdefault(round(c["matrix"][5]), []).append(c)  # the baseline
    return [sorted(row, key=lambda c: c["x0"]) for _, row in sorted(rows.items(), reverse=True)]


def _find(line: list[dict], word: str) -> float:
    """The x of ``word`` (Latin or digits) in a line, whose characters run left to right."""
    text = "".join(c["text"] for c in line)
    at = text.index(word)
    xs = [c["x0"] for c in line[at:at + len(word)]]
    assert xs == sorted(xs), f"{word} reads left to right"
    return xs[0]


@pytest.fixture(scope="module")
def arabic_pdf():
    with _pdf([ARABIC]) as pdf:
        yield _lines([c for c in pdf.pages[0].chars if c["text"].strip()])


def test_an_arabic_paragraph_is_set_flush_right(arabic_pdf):
    assert len(arabic_pdf) >= 3, "the paragraph wraps"
    for line in arabic_pdf[:-1]:
        assert max(c["x1"] for c in line) == pytest.approx(320, abs=0.6)
    assert min(c["x0"] for c in arabic_pdf[-1]) > 130, "its short last line sits at the right"


def test_an_arabic_paragraph_reads_right_to_left_line_after_line(arabic_pdf):
    first, last = arabic_pdf[0], arabic_pdf[-1]
    text = ["".join(c["text"] for c in line) for line in arabic_pdf]
    assert "1187" in text[0] and "1948" in text[-1], "the first words are on the first line"
    assert _find(first, "1187") > _find(first, "12"), "a later word is further left"
    assert _find(last, "1948") < max(c["x0"] for c in last)
    stop = [c for c in last if c["text"] == "."]
    assert stop and stop[0]["x0"] == min(c["x0"] for c in last), "the full stop ends the line"


def test_latin_words_inside_arabic_keep_their_order(arabic_pdf):
    assert "Ibn" in "".join(c["text"] for c in arabic_pdf[0])
    assert "al-Athir" in "".join(c["text"] for c in arabic_pdf[1]), "broken between the two"
    with _pdf(["كتب عنه Ibn al-Athir في كتابه سنة 1231."], width=300) as pdf:
        [line] = _lines([c for c in pdf.pages[0].chars if c["text"].strip()])
    assert _find(line, "1231") < _find(line, "Ibn") < _find(line, "al-Athir")


def test_arabic_letters_are_joined(arabic_pdf):
    forms = [c["text"] for line in arabic_pdf for c in line]
    joined = [ch for ch in forms if unicodedata.name(ch, "").endswith(("INITIAL FORM",
                                                                        "MEDIAL FORM",
                                                                        "FINAL FORM"))]
    assert len(joined) > 20, "the letters print in their joining forms"
    chain = fonts.fallback_chain(fonts.family("serif"), False, False)
    [(run, font, _)] = textline.visual(fonts.runs("الحصار", chain))
    assert textline.width(run, font, 10) != pytest.approx(
        textline.width("الحصار", font, 10), abs=0.01), "shaping changes the word's width"


def test_a_hebrew_name_inside_an_english_sentence_reads_right_to_left():
    hebrew = _hebrew_font()
    if hebrew is None:
        pytest.skip("no Hebrew TrueType font on this machine")
    with _pdf(["David Ben-Gurion (דוד בן-גוריון) led it in 1948."], 300, hebrew) as pdf:
        [line] = _lines([c for c in pdf.pages[0].chars if c["text"].strip()])
    text = "".join(c["text"] for c in line)
    dalet = [c["x0"] for c in line if c["text"] == "ד"]
    bet = next(c["x0"] for c in line if c["text"] == "ב")
    assert min(dalet) > bet, "דוד, the first word, is right of בן-גוריון"
    assert text.index("(") < text.index("ן") and text.endswith(")leditin1948.")
    assert _find(line, "David") < _find(line, "led") < _find(line, "1948")


def test_a_paragraph_without_right_to_left_text_is_laid_out_as_before():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph as Plain

    from studypress.renderers.pdf.paragraph import Paragraph

    fam = fonts.family("serif")
    style = ParagraphStyle("body", fontName=fam.regular, fontSize=10, leading=13)
    text = markup.plain("Leon Trotsky (Лев Троцкий) wrote in 1917, " * 6, markup.MarkupStyle(fam))
    ours, theirs = Paragraph(text, style), Plain(text, style)
    assert ours.wrap(200, 999) == theirs.wrap(200, 999)
    assert ours.blPara.kind == theirs.blPara.kind == 0
    assert ours.blPara.lines == theirs.blPara.lines


# ------------------------------------------------------------------ canvas and figure


def test_a_canvas_line_puts_an_arabic_phrase_in_visual_order():
    chain = fonts.fallback_chain(fonts.family("sans"), False, False)
    runs = [run for run, _, _ in
            textline.visual(fonts.runs("Year 1187: صلاح الدين 12 كتب, Ibn", chain))]
    # a left-to-right line (its first letter is Latin) with an Arabic phrase and a number in it
    assert runs[0].startswith("Year 1187") and runs[-1].endswith("Ibn")
    arabic = [i for i, run in enumerate(runs) if not run.isascii()]
    assert len(arabic) == 2 and runs.index("12") == arabic[0] + 1, \
        "the phrase reads right to left: its last word, then 12, then its first word"
    assert all(isinstance(runs[i], ShapedStr) for i in arabic), "the Arabic words are shaped"


NOTE = """\
# Arabic events

## Timeline

- **1187:** صلاح الدين يستعيد القدس في عام 1187 بعد 12 يوما.
- **1948:** A year (عام 1948) in the middle.
"""


@pytest.fixture(scope="module")
def figure(tmp_path_factory):
    path = tmp_path_factory.mktemp("fig") / "arabic.md"
    path.write_text(NOTE, encoding="utf-8")
    note = read_note(path, "notes/arabic.md")
    ctx = RenderContext(RenderOptions(), Layouts(Path(__file__).parents[1] / "layouts"),
                        1700000000)
    result = TIMELINE.render(note, ctx)
    return {Path(out.path).name: out.data for out in result.files}


def test_the_figure_label_reads_right_to_left(figure):
    with pdfplumber.open(io.BytesIO(figure["timeline.pdf"])) as pdf:
        chars = [c for c in pdf.pages[0].chars if c["text"].strip()]
    row = next(r for r in _lines(chars) if "".join(c["text"] for c in r).startswith("1187"))
    # "1187 صلاح الدين ... في عام 1187 بعد 12 يوما.": the date, then the sentence right to left
    text = "".join(c["text"] for c in row)
    assert text.startswith("1187."), "the full stop is at the left end of the Arabic sentence"
    later = text.index("1187", 4)
    assert text.index("12") < later, "12, later in the sentence, is left of the year"
    assert [c["text"] for c in row[later:later + 4]] == list("1187")
    assert [c["x0"] for c in row[later:later + 4]] == sorted(c["x0"] for c in row[later:later + 4])
    assert text.index("(") < text.index("1948", text.index("year")) < text.index(")"), \
        "an Arabic phrase inside an English label stays inside its brackets"


def test_the_figure_svg_draws_the_joined_glyphs(figure):
    svg = figure["timeline.svg"].decode() if isinstance(figure["timeline.svg"], bytes) \
        else figure["timeline.svg"]
    assert "<text" not in svg
    paths = svg.count("<path id=")
    assert paths > 20 and ' d=""' not in svg


def test_the_figure_measures_an_arabic_label_as_it_draws_it():
    fs = FontSet(fonts.family("sans"))
    label = "صلاح الدين في عام 1187"
    drawn = sum(textline.width(run, font, 9) for run, font, _ in fs.visual(label))
    assert fs.width(label, 9) == pytest.approx(drawn)


def test_the_figure_places_each_shaped_mark_where_harfbuzz_put_it():
    chain = fonts.fallback_chain(fonts.family("sans"), False, False)
    [(run, font, _)] = textline.visual(fonts.runs("الدين", chain))
    pieces = textline.placed(run, 10)
    assert "".join(p for p, _, _ in pieces) == str(run)
    assert any(dy for _, _, dy in pieces), "a dot or a vowel mark sits off the baseline"
    starts = [dx for _, dx, _ in pieces]
    assert min(starts) > -1 and max(starts) < textline.width(run, font, 10)
    assert textline.placed("plain", 10) == [("plain", 0.0, 0.0)]


def test_an_arabic_heading_is_shaped_in_the_table_of_contents(tmp_path):
    from studypress.renderers.guide import RENDERER as GUIDE

    path = tmp_path / "ar.md"
    path.write_text("# Levant\n\n## مقدمة\n\nنص قصير.\n\n## Timeline\n\n"
                    "- **1187:** صلاح الدين يستعيد القدس.\n", encoding="utf-8")
    ctx = RenderContext(RenderOptions(), Layouts(Path(__file__).parents[1] / "layouts"),
                        1700000000)
    result = GUIDE.render(read_note(path, "notes/ar.md"), ctx)
    data = next(out.data for out in result.files if out.path.endswith("guide.pdf"))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        rows = _lines([c for c in pdf.pages[0].chars if c["text"].strip()])
    entry = next(r for r in rows if "." in "".join(c["text"] for c in r)
                 and any("ARABIC" in unicodedata.name(c["text"], "") for c in r))
    arabic = [c for c in entry if "ARABIC" in unicodedata.name(c["text"], "")]
    assert any(unicodedata.name(c["text"]).endswith(("INITIAL FORM", "MEDIAL FORM",
                                                      "FINAL FORM")) for c in arabic)
    assert max(c["x1"] for c in arabic) < min(c["x0"] for c in entry if c["text"] == ".")
    assert entry[-1]["text"].isdigit(), "title, dots, then the page number at the right"
