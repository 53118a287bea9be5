"""The cast handout (cast.pdf), checked on the PDF itself: text, positions, fonts, bytes."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pypdf
import pytest

from studypress.layouts import Layouts
from studypress.model import (
    Day,
    Emphasis,
    Event,
    HistoricalDate,
    Note,
    Person,
    Precision,
    Severity,
    SpanKind,
    Strong,
    Text,
    plain_text,
    text,
)
from studypress.renderers import base
from studypress.renderers.handout import RENDERER

from .conftest import read

MM = 72 / 25.4
DEFAULTS = Layouts(Path("/nonexistent"))


def render(note: Note, paper: str = "a4", layouts: Layouts = DEFAULTS, when: int = 1_700_000_000):
    ctx = base.RenderContext(base.RenderOptions(paper=paper), layouts, when)
    return RENDERER.render(note, ctx)


def pdf_of(note: Note, **kw) -> bytes:
    result = render(note, **kw)
    assert [f.path for f in result.files] == ["cast.pdf"]
    return result.files[0].data


def squash(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


def column_text(page) -> str:
    """A two-column page's text, left column first (plain extraction interleaves the lines)."""
    w, h = page.width, page.height
    left = page.crop((0, 0, w / 2, h)).extract_text() or ""
    right = page.crop((w / 2, 0, w, h)).extract_text() or ""
    return squash(left + " " + right)


def words(page) -> list[dict]:
    return page.extract_words(keep_blank_chars=False, use_text_flow=True)


def find(page, phrase: str) -> dict:
    """Where ``phrase`` stands on one line: its first word, widened to the phrase's extent."""
    n = len(phrase.split())
    ws = words(page)
    for i in range(len(ws)):
        run = ws[i:i + n]
        if " ".join(x["text"] for x in run) == phrase and len({round(x["top"]) for x in run}) == 1:
            return {**run[0], "x1": run[-1]["x1"]}
    raise AssertionError(f"{phrase!r} not on the page: {' '.join(x['text'] for x in ws)[:400]}")


@pytest.fixture(scope="module")
def seed_pdf(seed) -> bytes:
    return pdf_of(seed)


# ----------------------------------------------------------------------------- the sheet


def test_sheet_has_every_name_role_and_description(seed, seed_pdf):
    with pdfplumber.open(io.BytesIO(seed_pdf)) as pdf:
        sheet = column_text(pdf.pages[0])
    assert len(seed.people) == 8
    for p in seed.people:
        assert p.name in sheet
        assert squash(p.role) in sheet
        assert squash(plain_text(p.description)) in sheet


def test_sheet_has_spans_appearance_dates_and_a_bar_legend(seed, seed_pdf):
    with pdfplumber.open(io.BytesIO(seed_pdf)) as pdf:
        sheet = column_text(pdf.pages[0])
    assert "1933–1945" in sheet  # Roosevelt's span
    assert "Appears in: October 1933 · November 15, 1933 · November 16, 1933" in sheet
    assert "Appears in: Post-Recognition (undated)" in sheet  # Kirov's undated event
    assert "Bars run from 1917 to 1945" in sheet


def test_seed_fits_one_sheet_page_and_one_card_sheet(seed, seed_pdf):
    reader = pypdf.PdfReader(io.BytesIO(seed_pdf))
    # sheet, its blank back (with printing instructions), card fronts, card backs
    assert len(reader.pages) == 4
    with pdfplumber.open(io.BytesIO(seed_pdf)) as pdf:
        fronts = column_text(pdf.pages[2])
        backs = column_text(pdf.pages[3])
        assert "pages 3–4" in pdf.pages[1].extract_text()
    for p in seed.people:
        assert p.name in fronts
        assert squash(p.role) in backs
        assert p.name not in backs  # the back is the answer side
    # the sheet kept its full size: the descriptions are set at the 11 pt start size
    with pdfplumber.open(io.BytesIO(seed_pdf)) as pdf:
        sizes = {round(c["size"], 1) for c in pdf.pages[0].chars}
    assert 11.0 in sizes


def test_sheet_orders(seed):
    def names(order: str, tmp: Path) -> list[str]:
        (tmp / "handout.toml").write_text(f'[sheet]\norder = "{order}"\n')
        data = pdf_of(seed, layouts=Layouts(tmp))
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            sheet = column_text(pdf.pages[0])
        return sorted(seed.people, key=lambda p: sheet.index(p.name))

    import tempfile

    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        by_appearance = [p.name for p in names("first-appearance", tmp)]
        by_name = [p.name for p in names("name", tmp)]
        as_written = [p.name for p in names("note", tmp)]
    assert as_written == [p.name for p in seed.people]
    assert by_name == sorted(by_name)
    # Roosevelt enters the timeline first; Kalinin, never mentioned there, comes last
    assert by_appearance[0] == "Franklin D. Roosevelt"
    assert by_appearance[-1] == "Mikhail Kalinin"
    assert by_appearance.index("Maxim Litvinov") < by_appearance.index("Sergey Kirov")


def person(i: int, words_in_description: int = 28) -> Person:
    desc = " ".join(f"word{i}x{k}" for k in range(words_in_description)) + "."
    return Person(f"Person Number {i}", 10 + i, role=f"Role of person {i}",
                  description=text(desc))


def test_twelve_people_fit_on_one_sheet_page_by_shrinking_the_type(seed):
    many = replace(seed, people=tuple(person(i) for i in range(12)))
    data = pdf_of(many)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        sheet = column_text(pdf.pages[0])
        body = [c["size"] for c in pdf.pages[0].chars if c["text"] == "w"]
    for i in range(12):
        assert f"Person Number {i}" in sheet
    assert max(body) < 11.0  # shrunk from the start size ...
    assert min(body) >= 7.5  # ... never below the floor


def test_a_long_cast_continues_on_more_pages_at_a_legible_size(seed):
    many = replace(seed, people=tuple(person(i, 60) for i in range(30)))
    data = pdf_of(many)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        sheet_pages = [p for p in pdf.pages if "Person Number" in (p.extract_text() or "")
                       and "Role of person" in (p.extract_text() or "")
                       and p.width > 500]
        text_all = " ".join(column_text(p) for p in sheet_pages)
        sizes = [c["size"] for p in sheet_pages for c in p.chars if c["text"] == "w"]
        assert "page 1 of" in pdf.pages[0].extract_text()
    assert len(sheet_pages) >= 2
    for i in range(30):
        assert f"word{i}x59." in text_all  # every description complete, in order
    assert min(sizes) >= 7.5


# ----------------------------------------------------------------------------- the cards


def cell_texts(page, card_w: float, card_h: float) -> dict[tuple[int, int], str]:
    """The text of each card cell (column, row from the top) of a centred, gapless grid."""
    columns, rows = int(page.width // card_w + 0.01), int(page.height // card_h + 0.01)
    left = (page.width - columns * card_w) / 2
    top = (page.height - rows * card_h) / 2
    out: dict[tuple[int, int], list[dict]] = {}
    for w in page.extract_words():
        cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
        cell = (int((cx - left) // card_w), int((cy - top) // card_h))
        out.setdefault(cell, []).append(w)
    return {cell: " ".join(w["text"] for w in sorted(ws, key=lambda w: (round(w["top"]),
                                                                         w["x0"])))
            for cell, ws in out.items()}


def cell_of(cells: dict[tuple[int, int], str], start: str) -> tuple[int, int]:
    hits = [cell for cell, t in cells.items() if t.startswith(start)]
    assert len(hits) == 1, (start, cells)
    return hits[0]


A7 = (105 * MM, 74 * MM)


def test_each_back_lands_behind_its_front_long_edge(seed, seed_pdf):
    with pdfplumber.open(io.BytesIO(seed_pdf)) as pdf:
        fronts, backs = cell_texts(pdf.pages[2], *A7), cell_texts(pdf.pages[3], *A7)
    assert len(fronts) == len(backs) == 8
    for p in seed.people:
        col, row = cell_of(fronts, p.name)
        # turned over its long (vertical) edge: same row, the other column
        assert cell_of(backs, squash(p.role)) == (1 - col, row), p.name


def _block_middles(page, largest: bool = False) -> dict[tuple[int, int], float]:
    """The offset of each A7 card's text block from its card's middle, in points (positive:
    lower); with ``largest``, of the words in the card's largest type only (a front's name)."""
    card_h = A7[1]
    top = (page.height - 4 * card_h) / 2
    cells: dict[tuple[int, int], list[dict]] = {}
    for w in page.extract_words(extra_attrs=["size"]):
        cy = (w["top"] + w["bottom"]) / 2
        cells.setdefault((int(w["x0"] // A7[0]), int((cy - top) // card_h)), []).append(w)
    out = {}
    for (col, row), words in cells.items():
        if largest:
            size = max(w["size"] for w in words)
            words = [w for w in words if w["size"] > size - 0.01]
        upper, lower = min(w["top"] for w in words), max(w["bottom"] for w in words)
        out[col, row] = (upper + lower) / 2 - (top + (row + 0.5) * card_h)
    return out


def test_names_and_backs_stand_in_the_middle_of_their_cards(seed_pdf):
    with pdfplumber.open(io.BytesIO(seed_pdf)) as pdf:
        fronts = _block_middles(pdf.pages[2], largest=True)
        backs = _block_middles(pdf.pages[3])
    assert len(fronts) == len(backs) == 8
    # 5 points of play: glyphs sit low in their lines (large type most), and the paper's
    # edge keeps the outer rows' text a little further from it than the cut lines
    assert all(abs(d) < 5.0 for d in fronts.values()), fronts
    assert all(abs(d) < 5.0 for d in backs.values()), backs


def test_each_back_lands_behind_its_front_short_edge(seed, tmp_path):
    (tmp_path / "handout.toml").write_text('[cards]\nduplex = "short"\n')
    data = pdf_of(seed, layouts=Layouts(tmp_path))
    reader = pypdf.PdfReader(io.BytesIO(data))
    prefs = reader.trailer["/Root"]["/ViewerPreferences"]
    assert prefs["/Duplex"] == "/DuplexFlipShortEdge"
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        fronts, backs = cell_texts(pdf.pages[2], *A7), cell_texts(pdf.pages[3], *A7)
    for p in seed.people:
        col, row = cell_of(fronts, p.name)
        # turned over its short (horizontal) edge: same column, rows upside down
        assert cell_of(backs, squash(p.role)) == (col, 3 - row), p.name


def test_back_offset_moves_the_backs(seed, tmp_path):
    (tmp_path / "handout.toml").write_text("[cards]\nback_offset = [2.0, 0.0]\n")
    moved = pdf_of(seed, layouts=Layouts(tmp_path))
    with pdfplumber.open(io.BytesIO(pdf_of(seed))) as a, \
            pdfplumber.open(io.BytesIO(moved)) as b:
        role = " ".join(seed.people[0].role.split()[:3])
        assert abs(find(b.pages[3], role)["x0"] - find(a.pages[3], role)["x0"] - 2 * MM) < 0.1
        name = seed.people[0].name
        assert abs(find(b.pages[2], name)["x0"] - find(a.pages[2], name)["x0"]) < 0.01


def test_card_text_keeps_4_mm_from_every_cut_line(seed, seed_pdf):
    xs = [0.0, 105 * MM, 210 * MM]
    with pdfplumber.open(io.BytesIO(seed_pdf)) as pdf:
        for page in pdf.pages[2:4]:
            grid_top = (page.height - 4 * 74 * MM) / 2
            ys = [grid_top + k * 74 * MM for k in range(5)]
            assert page.chars
            for c in page.chars:
                near_x = min(min(abs(c["x0"] - x), abs(c["x1"] - x)) for x in xs)
                near_y = min(min(abs(c["top"] - y), abs(c["bottom"] - y)) for y in ys)
                assert near_x >= 4 * MM and near_y >= 4 * MM, c["text"]


def test_cut_marks_are_drawn_on_the_front_only(seed_pdf):
    with pdfplumber.open(io.BytesIO(seed_pdf)) as pdf:
        assert len(pdf.pages[2].lines) >= 8
        assert not pdf.pages[3].lines


def test_other_script_name_on_the_front(corpus):
    note = corpus["messy-notes.md"]
    data = pdf_of(note)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        fronts = pdf.pages[2]
        name = find(fronts, "Leon Trotsky")
        alias = find(fronts, "Лев Троцкий")
    cells = cell_texts(fronts, *A7)
    assert cell_of(cells, "Leon Trotsky") == cell_of(cells, "Leon Trotsky Лев Троцкий")
    assert alias["top"] > name["bottom"]  # under the name
    assert abs((alias["x0"] + alias["x1"]) - (name["x0"] + name["x1"])) < 1  # both centred


@pytest.mark.parametrize(("fmt", "pages", "size"), [
    ("index", 2 + 16, (5 * 72, 3 * 72)),       # one card per 5 × 3 in page
    ("index-4up", 2 + 4, (210 * MM, 297 * MM)),
])
def test_other_card_formats(seed, tmp_path, fmt, pages, size):
    (tmp_path / "handout.toml").write_text(f'[cards]\nformat = "{fmt}"\n')
    reader = pypdf.PdfReader(io.BytesIO(pdf_of(seed, layouts=Layouts(tmp_path))))
    assert len(reader.pages) == pages
    box = reader.pages[-1].mediabox
    assert abs(float(box.width) - size[0]) < 0.01 and abs(float(box.height) - size[1]) < 0.01


def test_letter_paper_uses_letter_cards(seed):
    data = pdf_of(seed, paper="letter")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 4
    assert [float(v) for v in reader.pages[2].mediabox[2:]] == [612.0, 792.0]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        fronts = cell_texts(pdf.pages[2], 4.25 * 72, 2.75 * 72)
        backs = cell_texts(pdf.pages[3], 4.25 * 72, 2.75 * 72)
    for p in seed.people:
        col, row = cell_of(fronts, p.name)
        assert cell_of(backs, squash(p.role)) == (1 - col, row), p.name


@pytest.mark.parametrize("n", [1, 5, 8, 9, 17])
def test_page_count_is_always_even(seed, n):
    note = replace(seed, people=tuple(person(i, 10) for i in range(n)))
    reader = pypdf.PdfReader(io.BytesIO(pdf_of(note)))
    cards = -(-n // 8)
    assert len(reader.pages) % 2 == 0
    assert len(reader.pages) >= 2 + 2 * cards


def test_long_description_is_cut_at_a_sentence_with_a_warning(seed):
    sentences = " ".join(f"Sentence number {k} tells more about this person." for k in range(40))
    long = Person("Long Winded", 77, role="Talker", description=text(sentences))
    note = replace(seed, people=(long, *seed.people[:3]))
    result = render(note)
    warnings = [d for d in result.diagnostics if d.severity is Severity.WARNING]
    assert len(warnings) == 1
    w = warnings[0]
    assert w.line == 77 and "Long Winded" in w.message and "cut after a sentence" in w.message
    assert w.format().startswith(f"{seed.source}:77: warning:")
    with pdfplumber.open(io.BytesIO(result.files[0].data)) as pdf:
        back = column_text(pdf.pages[3])
        sheet = column_text(pdf.pages[0])
        back_sizes = [c["size"] for c in pdf.pages[3].chars if c["text"] == "S"]
    assert re.search(r"Sentence number \d+ tells more about this person\. …", back)
    assert "Sentence number 39" not in back
    assert "Sentence number 39 tells more about this person." in sheet  # sheet keeps it all
    assert min(back_sizes) >= 7.0 - 0.01


def test_rich_description_keeps_its_markup_when_cut(seed):
    desc = (Text("Start. "),) + (Strong((Text("Bold middle. " * 200),)),) + (
        Emphasis((Text("End."),)),)
    note = replace(seed, people=(Person("Rich", 5, role="R", description=desc),))
    result = render(note)
    assert any("Rich" in d.message for d in result.diagnostics)
    with pdfplumber.open(io.BytesIO(result.files[0].data)) as pdf:
        fonts = {c["fontname"].split("+")[-1] for c in pdf.pages[3].chars}
    assert "SourceSerifPro-Bold" in fonts


# ------------------------------------------------------------------ fonts, bytes, escaping


def embedded(font) -> bool:
    font = font.get_object()
    if font.get("/Subtype") == "/Type0":
        return all(embedded(d) for d in font["/DescendantFonts"])
    desc = font.get("/FontDescriptor")
    if desc is None:
        return False
    desc = desc.get_object()
    return "/FontFile2" in desc or "/FontFile3" in desc or "/FontFile" in desc


def all_fonts(data: bytes) -> list:
    reader = pypdf.PdfReader(io.BytesIO(data))
    found = []
    for page in reader.pages:
        res = page.get("/Resources")
        fonts = res.get_object().get("/Font") if res else None
        if fonts:
            found += [fonts.get_object()[k] for k in fonts.get_object()]
    return found


def test_every_font_is_embedded(corpus):
    for name in ("russian-history-ii-us-recognition-of-soviet-union-timeline.md",
                 "messy-notes.md", "roman-republic-timeline.md"):
        fonts = all_fonts(pdf_of(corpus[name]))
        assert fonts
        for f in fonts:
            assert embedded(f), (name, f.get_object().get("/BaseFont"))


def test_two_builds_are_byte_identical_and_dated_from_the_build_time(seed):
    a = pdf_of(seed, when=1_600_000_000)
    b = pdf_of(seed, when=1_600_000_000)
    assert a == b
    c = pdf_of(seed, when=1_700_000_000)
    assert c != a
    info = pypdf.PdfReader(io.BytesIO(a)).metadata
    assert info["/CreationDate"].startswith("D:20200913")  # 1_600_000_000 in UTC


def test_viewer_preferences_ask_for_duplex_and_no_scaling(seed_pdf):
    prefs = pypdf.PdfReader(io.BytesIO(seed_pdf)).trailer["/Root"]["/ViewerPreferences"]
    assert prefs["/Duplex"] == "/DuplexFlipLongEdge"
    assert prefs["/PrintScaling"] == "/None"


HOSTILE_NAME = "<script>alert(1)</script> & Co"
HOSTILE_ROLE = "</para> role & <b>bold</b>"
LONG_WORD = "Y" * 300


def test_hostile_text_is_printed_literally(seed):
    desc = text(f'<font name=x>literal</font> &amp; "quotes" {LONG_WORD} end.')
    evil = Person(HOSTILE_NAME, 3, role=HOSTILE_ROLE, description=desc,
                  aliases=("<i>alias</i>",))
    note = replace(seed, title="<title> & </para>", people=(evil,))
    result = render(note)
    data = result.files[0].data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        sheet = column_text(pdf.pages[0])
        front = column_text(pdf.pages[2])
        back = column_text(pdf.pages[3])
    for where in (sheet, back):
        assert HOSTILE_ROLE in where
        assert '<font name=x>literal</font> &amp; "quotes"' in where
        assert LONG_WORD in re.sub(r"\s", "", where)  # split over lines, every letter kept
    assert HOSTILE_NAME in sheet and HOSTILE_NAME in front
    assert "<title> & </para>" in sheet
    assert "<i>alias</i>" in sheet


def test_missing_glyphs_are_reported_with_the_person_and_line(seed):
    who = Person("Confucius 孔子", 12, role="Teacher", description=text("Sage."))
    result = render(replace(seed, people=(who,)))
    warnings = [d for d in result.diagnostics if d.code == "handout-glyph"]
    assert len(warnings) == 1
    assert warnings[0].line == 12 and "Confucius" in warnings[0].message
    assert "U+5B54" in warnings[0].message
    with pdfplumber.open(io.BytesIO(result.files[0].data)) as pdf:
        assert "Confucius ??" in pdf.pages[0].extract_text()


def test_missing_glyphs_are_traced_to_where_they_come_from():
    """The title prints on every card front: its characters are the title's, reported once,
    not each person's; a date label's characters belong to its event's line."""
    perry = Person("Matthew C. Perry", 48, role="Commodore", description=text("Opened Japan."),
                   events=(0,))
    saigo = Person("Saigō Takamori 西郷", 52, role="Samurai",
                   description=text("Led the 明 rebellion."), events=(1,))
    note = Note("meiji", "The Meiji Restoration (明治維新)", "meiji.md",
                events=(Event(None, text("Perry arrives."), 30, group="Bakumatsu 幕末"),
                        Event(None, text("War."), 31, group="Boshin")),
                people=(perry, saigo))
    warnings = [d for d in render(note).diagnostics if d.code == "handout-glyph"]
    found = {(d.line, re.findall(r"U\+([0-9A-F]{4})", d.message)[0]): d for d in warnings}
    assert list(found) == [(None, "660E"), (30, "5E55"), (52, "897F")]
    title = found[None, "660E"]
    assert title.message.startswith("the note's title:") and "(also on line 52)" in title.message
    assert all(f"U+{ord(c):04X}" in title.message for c in "明治維新")
    assert "Perry" not in " ".join(d.message for d in warnings)
    assert found[30, "5E55"].message.count("U+") == 2  # 幕末, from the event's group heading
    saigo_warning = found[52, "897F"].message
    assert saigo_warning.startswith("Saigō Takamori 西郷:") and "U+660E" not in saigo_warning


def test_no_people_no_handout(corpus):
    note = corpus["recognition-faq.md"]
    assert not note.people
    result = render(note)
    assert result.files == []
    assert [d.severity for d in result.diagnostics] == [Severity.INFO]
    assert "no cast.pdf" in result.diagnostics[0].message


def test_bad_settings_name_the_file_and_key(seed, tmp_path):
    from studypress.layouts import LayoutError

    (tmp_path / "handout.toml").write_text('[cards]\nduplex = "sideways"\n')
    with pytest.raises(LayoutError, match=r"handout\.toml:2: error: cards\.duplex.*'long'"):
        render(seed, layouts=Layouts(tmp_path))
    (tmp_path / "handout.toml").write_text('[cards]\nformat = "postcard"\n')
    with pytest.raises(LayoutError, match=r"cards\.format.*a7.*postcard"):
        render(seed, layouts=Layouts(tmp_path))
    (tmp_path / "handout.toml").write_text('[text]\nlegend = "From {begin}"\n')
    with pytest.raises(LayoutError, match=r"\[text\] legend.*\{start\}"):
        render(seed, layouts=Layouts(tmp_path))


def test_build_writes_cast_pdf(tmp_path):
    from studypress.build import BuildConfig, build

    from .conftest import SEED

    out = tmp_path / "output"
    report = build(BuildConfig(paths=[SEED], output=out, renderers=["handout"], jobs=1,
                               project_dir=tmp_path))
    assert not report.failed
    note = read(SEED.name)
    written = out / note.id / "cast.pdf"
    assert written.is_file() and written.read_bytes().startswith(b"%PDF")


# ------------------------------------------------------------------- a dated, tiny example


def day(y: int, m: int = 1, d: int = 1) -> Day:
    return Day(y, m, d)


def test_bar_uses_the_span_and_dated_appearances():
    from studypress.renderers.handout.bars import bar_marks, time_axis

    span = HistoricalDate("1900–1950", day(1900), day(1950, 12, 31), Precision.YEAR,
                          "1900/1950", "1900–1950", is_range=True)
    e1 = Event(HistoricalDate("1925", day(1925), day(1925, 12, 31), Precision.YEAR, "1925",
                              "1925"), text("x"), 3)
    e2 = Event(None, text("y"), 4, group="Later")
    e3 = Event(HistoricalDate("2000", day(2000), day(2000, 12, 31), Precision.YEAR, "2000",
                              "2000"), text("z"), 5)
    p = Person("A", 9, span=span, span_kind=SpanKind.LIFE, events=(0, 1))
    note = Note("n", "N", "n.md", events=(e1, e2, e3), people=(p,))
    axis = time_axis(note)
    assert axis is not None and axis.first == day(1900) and axis.last == day(2000, 12, 31)
    marks = bar_marks(p, note, axis)
    assert [m.kind for m in marks] == ["span", "event"]  # the undated event has no mark
    assert marks[0].start == 0 and 0.49 < marks[0].end < 0.51
    assert 0.24 < marks[1].start < 0.26


DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@pytest.mark.skipif(not DEJAVU.is_file(), reason="needs a system font with Georgian letters")
def test_fallback_font_draws_what_the_source_fonts_lack(seed, tmp_path):
    who = Person("Ilia Chavchavadze", 4, role="Writer", aliases=("ილია ჭავჭავაძე",),
                 description=text("Georgian writer."))
    note = replace(seed, people=(who,))
    assert any(d.code == "handout-glyph" for d in render(note).diagnostics)
    (tmp_path / "handout.toml").write_text(f'[fonts]\nfallback = ["{DEJAVU}"]\n')
    result = render(note, layouts=Layouts(tmp_path))
    assert not [d for d in result.diagnostics if d.code == "handout-glyph"]
    data = result.files[0].data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert "ილია ჭავჭავაძე" in pdf.pages[2].extract_text()  # on the front, other script
    assert all(embedded(f) for f in all_fonts(data))


def test_missing_fallback_font_file_is_a_warning_and_the_handout_is_made(seed, tmp_path):
    (tmp_path / "handout.toml").write_text('[fonts]\nfallback = "/no/such/font.ttf"\n')
    result = render(seed, layouts=Layouts(tmp_path))
    assert [o.path for o in result.files] == ["cast.pdf"]
    warning = next(d for d in result.diagnostics if d.code == "fallback-font")
    assert "/no/such/font.ttf" in warning.message and "handout.toml" in warning.message


def test_a_name_too_long_for_its_card_is_reported(seed):
    name = " ".join(["Bartholomew"] * 40)
    result = render(replace(seed, people=(Person(name, 8, role="Someone"),)))
    problems = [d for d in result.diagnostics if d.code == "handout-cut"]
    assert len(problems) == 1 and problems[0].line == 8
    assert "name does not fit" in problems[0].message


def test_handout_and_guide_are_dated_alike(seed):
    # One way to date a PDF for both (pdf.document.pdf_date through the canvas's date formatter),
    # not ReportLab's private time stamp for the handout.
    from .test_guide_support import render

    when = 1_800_000_000
    cast = pypdf.PdfReader(io.BytesIO(pdf_of(seed, when=when))).metadata
    guide = pypdf.PdfReader(io.BytesIO(render(seed, when=when)[0])).metadata
    for key in ("/CreationDate", "/ModDate"):
        assert cast[key] == guide[key] == "D:20270115080000+00'00'", key


# ------------------------------------------------------------------ how to print it


def _pages_text(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def _print_note(page_text: str) -> str:
    return next(line for line in page_text.splitlines() if line.startswith("Cards on pages"))


def test_the_sheet_says_how_to_print_the_cards_and_the_back_says_how_to_cut_them(seed_pdf):
    pages = _pages_text(seed_pdf)
    note = _print_note(pages[0])
    for words in ("pages 3–4", "double-sided", "long edge", "actual size (100%)", "page 2"):
        assert words in note
    steps = pages[1]
    assert steps.startswith("Printing and cutting the cards")
    order = [steps.index(w) for w in ("1.", "double-sided", "2.", "No double-sided printer",
                                      "3.", "up to the light", "4.", "Cut along the")]
    assert order == sorted(order)
    with pdfplumber.open(io.BytesIO(seed_pdf)) as pdf:
        page = pdf.pages[1]
        assert max(c["bottom"] for c in page.chars) < page.height / 2  # read from the top


def test_a_sheet_of_two_pages_still_says_how_to_print_and_leaves_no_side_blank(seed):
    many = replace(seed, people=tuple(person(i, 60) for i in range(14)))
    pages = _pages_text(pdf_of(many))
    assert "(continued)" in pages[1] and "(continued)" not in pages[2]  # a two-page sheet
    assert not any(p.startswith("Printing and cutting") for p in pages)
    note = _print_note(pages[0])
    assert "pages 3–" in note and "double-sided" in note and "How to print" not in note
    assert all(p.strip() for p in pages), "every page holds something"


def test_the_short_edge_setting_is_what_the_instructions_say(seed, tmp_path):
    (tmp_path / "handout.toml").write_text('[cards]\nduplex = "short"\n')
    pages = _pages_text(pdf_of(seed, layouts=Layouts(tmp_path)))
    assert "short edge" in _print_note(pages[0]) and "short edge" in pages[1]
    assert "long edge" not in pages[0] + pages[1]


def test_cards_printed_one_per_card_page_skip_the_cutting_step(seed, tmp_path):
    (tmp_path / "handout.toml").write_text('[cards]\nformat = "index"\n')
    pages = _pages_text(pdf_of(seed, layouts=Layouts(tmp_path)))
    assert "Printing and cutting" in pages[1] and "Cut along" not in pages[1]


def test_an_image_inside_a_description_is_reported_at_the_persons_line() -> None:
    from studypress.model import Image

    who = Person("Ada Lovelace", 7, role="Mathematician",
                 description=(Text("Wrote the first program "), Image("notes/engine.png",
                                                                      "engine.png"),
                              Text(" for the engine.")))
    result = render(Note("t", "T", "source/t.md", people=(who, person(2))))
    found = [d for d in result.diagnostics if d.code == "handout-inline-image"]
    assert [(d.line, d.severity) for d in found] == [(7, Severity.INFO)]
    assert "notes/engine.png" in found[0].message
    sheet = pdfplumber.open(io.BytesIO(result.files[0].data)).pages[0].extract_text()
    assert "engine.png" in sheet


def test_every_card_keeps_the_same_margin_from_its_cut_lines(seed_pdf):
    # a card cut from the sheet's edge looks like one from its middle: the backs' text
    # (set flush left) starts as far from each card's left cut on every card
    with pdfplumber.open(io.BytesIO(seed_pdf)) as pdf:
        page = pdf.pages[3]
        left = (page.width - 2 * A7[0]) / 2
        starts: dict[int, float] = {}
        for w in page.extract_words():
            col = int((w["x0"] - left) // A7[0])
            starts[col] = min(starts.get(col, 1e9), w["x0"] - left - col * A7[0])
    assert len(starts) == 2
    assert abs(starts[0] - starts[1]) < 0.1, starts
    assert min(starts.values()) >= 4 * MM
