"""The study guide PDF, read back: every corpus note's content is there, answers only after the
questions, fonts embedded, outline and contents right, metadata, escaping, reproducibility and
no glyph drawn over another."""

from __future__ import annotations

import io
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pypdf
import pytest

from studypress.layouts import Layouts
from studypress.model import Event, QuestionKind, plain_text
from studypress.reader import read_note, read_text
from studypress.renderers.base import RenderContext, RenderOptions
from studypress.renderers.guide import render_guide

from .conftest import CORPUS, SEED, read
from .test_guide_support import (
    glyph_overlaps,
    norm,
    page_texts,
    raw_page_texts,
    render,
    shown,
    unembedded_fonts,
)

NAMES = [p.name for p in CORPUS]
STUDY_GUIDE = "russian-history-ii-us-recognition-study-guide.md"


@pytest.fixture(scope="module")
def built(corpus) -> dict[str, bytes]:
    """The full guide of every corpus note, built once."""
    out = {}
    for name, note in corpus.items():
        data, diags = render(note)
        assert not [d for d in diags if d.code == "figure"], diags
        out[name] = data
    return out


def all_events(events: tuple[Event, ...]):
    for e in events:
        yield e
        yield from all_events(e.children)


# ------------------------------------------------------------------ content


@pytest.mark.parametrize("name", NAMES)
def test_every_item_of_the_note_is_printed(name, corpus, built):
    note = corpus[name]
    text = norm("".join(page_texts(built[name])))
    for event in all_events(note.events):
        assert norm(shown(event.text)) in text, f"event line {event.line}"
        if event.date:
            assert norm(event.date.display) in text
    for person in note.people:
        assert norm(person.name) in text
        if person.role:
            assert norm(person.role) in text
        if person.description:
            assert norm(shown(person.description)) in text
    for term in note.terms:
        assert norm(term.term) in text
        assert norm(shown(term.definition)) in text
    for q in note.questions:
        assert norm(shown(q.prompt)) in text, f"question line {q.line}"
    for entry in note.faq:
        assert norm(shown(entry.question)) in text


@pytest.mark.parametrize("name", NAMES)
def test_answers_only_after_the_last_question(name, corpus, built):
    note = corpus[name]
    answered = [q for q in note.questions if q.answer]
    pages = [norm(p) for p in page_texts(built[name])]
    if not answered:
        assert not any("AnswerKey" in p for p in pages)
        return
    last_question = max(i for i, p in enumerate(pages)
                        for q in note.questions if norm(shown(q.prompt)) in p)
    before = "".join(pages[:last_question + 1])
    after = "".join(pages[last_question + 1:])
    assert after.startswith("AnswerKey")  # the key opens a page of its own
    for q in answered:
        answer = norm(shown(q.answer))
        assert answer in after, f"answer {q.number}"
        assert answer not in before, f"answer {q.number} shows before the questions end"


def test_the_seed_guide_reads_in_order(seed):
    data, diags = render(seed)
    assert not diags
    text = norm("".join(page_texts(data)))
    order = ["Contents", "Timeline", "Chronology", "1917", "December1917",
             "Post-Recognition", "undated", "CastofCharacters", "FranklinD.Roosevelt1933–1945",
             "Appearsin:October1933;November15,1933;November16,1933", "SergeyKirov",
             "Appearsin:Post-Recognition(undated)"]
    at = 0
    for word in order:  # each after the one before
        at = text.find(norm(word), at)
        assert at >= 0, word
    # the contents list the sections, then they follow in that order
    toc = text.index("Contents")
    assert text.index("Chronology", toc) < text.index("CastofCharacters", toc)


def test_imprecise_dates_print_as_written():
    text = norm("".join(page_texts(render(read("messy-notes.md"))[0])))
    for written in ("Summer 1917", "Early 1920s", "Late 1920s", "Jan. 21, 1924", "1932–1933",
                    "February Revolution, Old Style"):
        assert norm(written) in text
    roman = norm("".join(page_texts(render(read("roman-republic-timeline.md"))[0])))
    for written in ("c. 509 BCE", "264–241 BCE", "January 10, 49 BCE", "d. 71 BCE",
                    "63 BCE–14 CE"):
        assert norm(written) in roman
    # sub-items of an event stay under it
    assert text.index("ThefailedKerenskyOffensive.") < text.index("Armydisciplinecollapses.")


def test_glossary_is_alphabetical():
    note = read(STUDY_GUIDE)
    text = norm("".join(page_texts(render(note)[0])))
    start = text.index("Glossary", text.index("Glossary") + 1)  # after the contents line
    found = [text.index(norm(t.term) + "—", start) for t in note.terms]
    by_position = [t.term for _, t in sorted(zip(found, note.terms, strict=True))]
    assert by_position == sorted(by_position, key=str.casefold)
    assert by_position[0] == "Bolsheviks"


def test_faq_quotes_callouts_tables_and_notes():
    faq = norm("".join(page_texts(render(read("recognition-faq.md"))[0])))
    assert norm("Exam tip") in faq and norm("November 16, 1933") in faq
    assert norm("[embedded file: recognition-cartoon.png]") in faq
    assert norm("The State Department's non-recognition position") in faq
    brief = norm("".join(page_texts(render(read("cold-war-origins-briefing.md"))[0])))
    assert norm("— Winston Churchill, Fulton, Missouri, March 5, 1946") in brief
    assert norm("thirty years [2].") in brief  # citation markers kept by default


# ------------------------------------------------------------------ printings and paper


def test_questions_printing_has_no_answers_and_answers_printing_no_questions():
    note = read(STUDY_GUIDE)
    questions = norm("".join(page_texts(render(note, printing="questions")[0])))
    answers = norm("".join(page_texts(render(note, printing="answers")[0])))
    for q in note.questions:
        assert norm(shown(q.prompt)) in questions
        assert norm(shown(q.prompt)) not in answers
        if q.answer:
            assert norm(shown(q.answer)) not in questions
            assert norm(shown(q.answer)) in answers
    assert "AnswerKey" not in questions and "Answers" in answers
    assert norm("Bolsheviks") in questions  # the rest of the guide stays


def test_answers_printing_of_a_note_without_answers_says_so(seed):
    text = norm("".join(page_texts(render(seed, printing="answers")[0])))
    assert norm("This note has no answers to print.") in text


@pytest.mark.parametrize(("paper", "size"), [("a4", (595.28, 841.89)), ("letter", (612, 792))])
def test_paper(seed, paper, size):
    reader = pypdf.PdfReader(io.BytesIO(render(seed, paper=paper)[0]))
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == size


# ------------------------------------------------------------------ fonts, metadata, furniture


@pytest.mark.parametrize("name", NAMES)
def test_every_font_is_embedded(name, built):
    assert unembedded_fonts(built[name]) == []


def test_the_embedding_check_can_fail():
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("Helvetica", 10)
    c.drawString(10, 10, "leak")
    c.save()
    assert unembedded_fonts(buf.getvalue()) == ["/Helvetica"]


@pytest.mark.parametrize("name", NAMES)
def test_metadata(name, corpus, built):
    note = corpus[name]
    reader = pypdf.PdfReader(io.BytesIO(built[name]))
    meta = reader.metadata
    assert meta.title == note.title
    assert meta["/Creator"].startswith("studypress ")
    assert meta["/Keywords"] == ", ".join(note.tags)
    assert meta.subject
    assert meta["/CreationDate"] == "D:20231114221320+00'00'"  # from the build time
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])


@pytest.mark.parametrize("name", NAMES)
def test_footer_counts_pages_and_header_names_the_note(name, corpus, built):
    pages = raw_page_texts(built[name])
    for number, text in enumerate(pages, start=1):
        assert f"page {number} of {len(pages)}" in text
        if number > 1:
            assert norm(corpus[name].title[:30]) in norm(text)


# ------------------------------------------------------------------ outline and contents


def outline_entries(reader: pypdf.PdfReader, items=None, level=0):
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            yield from outline_entries(reader, item, level + 1)
        else:
            yield item.title, reader.get_destination_page_number(item), level


def expected_sections(note) -> list[str]:
    titles = []
    if note.events:
        titles += ["Timeline", "Chronology"]
    if note.people:
        titles.append("Cast of Characters")
    if note.terms:
        titles.append("Glossary")
    if any(q.kind is QuestionKind.SHORT for q in note.questions):
        titles.append("Quiz")
    if any(q.kind is QuestionKind.ESSAY for q in note.questions):
        titles.append("Essay Questions")
    if note.faq:
        titles.append("Frequently Asked Questions")
    titles += [plain_text(s.title) for s in note.sections
               if s.title and s.kind not in ("instructions", "timeline-notes", "cast-notes",
                                             "glossary-notes", "answer-notes")]
    if note.footnotes:
        titles.append("Notes")
    if any(q.answer for q in note.questions):
        titles.append("Answer Key")
    return titles


@pytest.mark.parametrize("name", NAMES)
def test_outline_has_every_section_on_its_page(name, corpus, built):
    reader = pypdf.PdfReader(io.BytesIO(built[name]))
    entries = list(outline_entries(reader))
    assert sorted(t for t, _, _ in entries) == sorted(expected_sections(corpus[name]))
    pages = page_texts(built[name])
    for title, page, _ in entries:
        assert norm(title) in norm(pages[page]), (title, page)


def test_outline_points_at_the_section_not_at_page_one():
    data = render(read(STUDY_GUIDE))[0]
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = {title: page for title, page, _ in outline_entries(reader)}
    assert pages["Answer Key"] == len(reader.pages) - 1 > 0
    assert len(set(pages.values())) >= 3


def toc_lines(data: bytes) -> list[tuple[str, int]]:
    """(entry text, page number) of each contents line, read by position on the page."""
    found = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages[:2]:
            for line in page.extract_text_lines():
                m = re.match(r"^(.*?)\s*(?:\.\s*){3,}(\d+)$", line["text"])
                if m:
                    found.append((m.group(1), int(m.group(2))))
    return found


@pytest.mark.parametrize("name", NAMES)
def test_contents_page_numbers_are_right(name, built):
    reader = pypdf.PdfReader(io.BytesIO(built[name]))
    outline = {title: page for title, page, _ in outline_entries(reader)}
    lines = toc_lines(built[name])
    assert len(lines) == len(outline)
    pages = page_texts(built[name])
    for text, number in lines:
        title = next(t for t in outline if norm(t).endswith(norm(text)))
        assert number == outline[title] + 1, (title, number)
        assert norm(title) in norm(pages[number - 1])


# ------------------------------------------------------------------ escaping and robustness

WORD = "abcdefghij" * 30  # 300 characters, no break opportunity


def hostile_note(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.md"
    path.write_text(f"""---
title: "Hostile <script>alert(1)</script> & </para> <font name=x> {WORD}"
tags: [a&b, "<t>"]
---

## Timeline

- **1933:** Event with <script>alert("x")</script> & </para> and <font name=x>bold</font> {WORD}.
- **1934:** See <Caesar> here & there.

## Cast of Characters

**<Caesar> & Co (Dictator </para>, 100–44 BCE):** He said <b>hi</b> & {WORD}

## Glossary

- **<font name=x>:** A tag & an ampersand </para>
- **{WORD}:** long term

## Quiz

1. What is <script>? {WORD}
2. Where is </para>?

## Answer Key

1. An </para> & <i>answer</i> {WORD}
2. Under <font name=x> here.

## Notes with & in the title </para> {WORD}

Paragraph with `<code> & {WORD}` & a table:

| <th> | & | {WORD} |
|---|---|---|
| {WORD} | </para> | <b>x</b> |

```
<script>{WORD}</script> & </para>
```
""", encoding="utf-8")
    return path


def test_hostile_note_prints_literally(tmp_path):
    note = read_note(hostile_note(tmp_path), "hostile.md")
    data, diags = render(note)
    assert not diags
    text = norm("".join(page_texts(data)))
    for literal in ('<script>alert("x")</script>&</para>and<fontname=x>bold</font>',
                    "See<Caesar>here&there.", "<Caesar>&Co", "Dictator</para>",
                    "Hesaid<b>hi</b>&", "<fontname=x>—Atag&anampersand</para>",
                    "Whatis<script>?", "Whereis</para>?", "An</para>&<i>answer</i>",
                    "Under<fontname=x>here.", "Noteswith&inthetitle</para>",
                    "<code>&", "<th>", "<script>", "a&b,<t>"):
        assert literal in text, literal
    assert text.count(WORD) >= 10
    meta = pypdf.PdfReader(io.BytesIO(data)).metadata
    assert meta.title == note.title
    assert unembedded_fonts(data) == []


def test_hostile_note_in_every_printing_and_on_letter(tmp_path):
    note = read_note(hostile_note(tmp_path), "hostile.md")
    for printing in ("questions", "answers"):
        assert norm(WORD) in norm("".join(page_texts(render(note, printing=printing)[0])))
    assert render(note, paper="letter")[0].startswith(b"%PDF")


def test_huge_event_and_wide_table_never_too_large(tmp_path):
    words = " ".join(f"word{i}" for i in range(4000))
    cols = 14
    head = "| " + " | ".join(f"h{i}" for i in range(cols)) + " |"
    rule = "|" + "---|" * cols
    row = "| " + " | ".join(WORD for _ in range(cols)) + " |"
    quote = "\n".join(f"> {words}" for _ in range(2))
    path = tmp_path / "huge.md"
    path.write_text(f"# Huge\n\n## Timeline\n\n- **1900:** {words}\n  - **1901:** {WORD}\n\n"
                    f"## Prose\n\n{head}\n{rule}\n{row}\n{row}\n\n{quote}\n\n"
                    f"> [!warning] Long\n> {words}\n", encoding="utf-8")
    data, _ = render(read_note(path, "huge.md"))
    text = norm("".join(page_texts(data)))
    assert norm(words) in text
    # table cells split across pages interleave in the text; count the glyphs instead
    assert text.count("j") >= 30 * (2 * cols + 1)


def test_missing_glyph_is_a_warning_with_file_and_line(tmp_path):
    path = tmp_path / "cjk.md"
    path.write_text("# Notes\n\n## Timeline\n\n- **1900:** The empty set ∅ and 漢字 here.\n",
                    encoding="utf-8")
    data, diags = render(read_note(path, "cjk.md"))
    assert len(diags) == 1
    d = diags[0]
    assert (d.file, d.line, d.code) == ("cjk.md", 5, "missing-glyph")
    assert "'∅' (U+2205)" in d.message and "'漢' (U+6F22)" in d.message
    assert "fallback" in d.message
    assert norm("The empty set ? and ?? here.") in norm("".join(page_texts(data)))


def test_missing_glyphs_are_reported_once_where_they_come_from(tmp_path):
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    (layouts / "guide.toml").write_text('[titles]\nchronology = "年表"\n', encoding="utf-8")
    path = tmp_path / "meiji.md"
    path.write_text("# The Meiji Restoration (明治維新)\n\n## Timeline\n\n"
                    "- **1868:** The 明治 era begins.\n- **1869:** Plain.\n"
                    "- **1877:** The 西南 war.\n\n## Cast of Characters\n\n"
                    "- **Matthew C. Perry (Commodore):** Opened Japan.\n", encoding="utf-8")
    _, diags = render(read_note(path, "meiji.md"), layouts=layouts)
    warn = {(d.line, d.message.split(": ")[1]): d.message for d in diags
            if d.code == "missing-glyph"}
    assert all(m.startswith("guide: ") for m in warn.values())
    assert list(warn) == [(None, "the note's title"), (None, "the wording in layouts/guide.toml"),
                          (7, "the fonts have no glyph for '西' (U+897F), '南' (U+5357); they "
                              "print as '?'. Set a fallback font that covers them in "
                              "layouts/guide.toml ([fonts] fallback) and layouts/timeline.toml "
                              "([figure] fallback_fonts), for the timeline figure")]
    title = warn[None, "the note's title"]
    assert all(f"U+{ord(c):04X}" in title for c in "明治維新") and "(also on line 5)" in title
    assert "U+5E74" in warn[None, "the wording in layouts/guide.toml"]  # 年
    # line 7: the figure prints the event text too, and the same warning says where to fix
    # both; '明' is the title's, reported there
    assert not [d for d in diags if d.line == 11]  # Perry's line holds none of them


def test_configured_fallback_font_draws_what_the_fonts_lack(tmp_path):
    import reportlab

    vera = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    (layouts / "guide.toml").write_text(f'[fonts]\nfallback = "{vera.as_posix()}"\n')
    path = tmp_path / "sets.md"
    path.write_text("# Sets\n\n## Timeline\n\n- **1900:** The empty set ∅ is *also ∅*.\n",
                    encoding="utf-8")
    data, diags = render(read_note(path, "sets.md"), layouts=layouts)
    assert diags == []
    assert norm("The empty set ∅ is also ∅.") in norm("".join(page_texts(data)))
    assert unembedded_fonts(data) == []
    names = {f["fontname"].split("+")[-1] for p in pdfplumber.open(io.BytesIO(data)).pages
             for f in p.chars if f["text"] == "∅"}
    assert names == {"BitstreamVeraSans-Roman"}  # Vera.ttf's own name


def test_missing_fallback_font_is_a_warning(tmp_path, seed):
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    (layouts / "guide.toml").write_text('[fonts]\nfallback = "fonts/none.ttf"\n')
    data, diags = render(seed, layouts=layouts)
    assert data.startswith(b"%PDF")
    assert [d.code for d in diags] == ["fallback-font"]
    assert "none.ttf" in diags[0].message


def test_layout_wording_and_citations_come_from_the_layout_file(tmp_path):
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    (layouts / "guide.toml").write_text(
        '[titles]\nchronology = "Zeittafel"\nfooter = "Seite {page}/{total}"\n'
        '[text]\ncitations = "drop"\n')
    data = render(read("cold-war-origins-briefing.md"), layouts=layouts)[0]
    text = "".join(raw_page_texts(data))
    assert "Zeittafel" in text and "Chronology" not in text
    assert "Seite 1/2" in text
    assert "[2]" not in text and "[1, 3]" not in text


# ------------------------------------------------------------------ reproducibility, overlap


def test_two_builds_are_byte_identical(seed):
    assert render(seed)[0] == render(seed)[0]


def test_builds_in_separate_processes_are_byte_identical(tmp_path):
    script = (
        "import sys; from pathlib import Path\n"
        "from tests.test_guide_support import render\n"
        "from studypress.reader import read_note\n"
        f"note = read_note(Path({str(SEED)!r}), 'seed.md')\n"
        "sys.stdout.buffer.write(render(note)[0])\n"
    )
    root = Path(__file__).parent.parent
    outs = []
    for seed_value in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed_value}
        env.pop("SOURCE_DATE_EPOCH", None)
        outs.append(subprocess.run([sys.executable, "-c", script], cwd=root, env=env,
                                   capture_output=True, check=True).stdout)
    assert outs[0] == outs[1]
    assert outs[0].startswith(b"%PDF")


def test_creation_date_follows_the_build_time(seed):
    later = render(seed, when=1_800_000_000)[0]
    meta = pypdf.PdfReader(io.BytesIO(later)).metadata
    assert meta["/CreationDate"] == "D:20270115080000+00'00'"


@pytest.mark.parametrize("name", NAMES)
def test_no_two_glyphs_overlap(name, built):
    with pdfplumber.open(io.BytesIO(built[name])) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            clashes = glyph_overlaps(page.chars)
            assert not clashes, (number, [(a["text"], b["text"], round(a["x0"]), round(a["top"]))
                                          for a, b in clashes[:5]])


def test_no_glyph_overlap_in_the_hostile_note(tmp_path):
    data = render(read_note(hostile_note(tmp_path), "hostile.md"))[0]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            assert glyph_overlaps(page.chars) == []


def test_overlap_check_can_fail():
    a = {"text": "a", "x0": 0, "x1": 5, "top": 0, "bottom": 10}
    touching = {"text": "b", "x0": 5, "x1": 9, "top": 0, "bottom": 10}
    over = {"text": "c", "x0": 4, "x1": 9, "top": 2, "bottom": 12}
    below = {"text": "d", "x0": 1, "x1": 4, "top": 10, "bottom": 20}
    assert glyph_overlaps([a, touching, below]) == []
    assert glyph_overlaps([a, over]) == [(a, over)]


# ------------------------------------------------------------------ through the build


def test_build_writes_the_guide(tmp_path):
    from studypress.build import BuildConfig, build

    source = tmp_path / "source"
    source.mkdir()
    (source / SEED.name).write_bytes(SEED.read_bytes())
    report = build(BuildConfig([source], tmp_path / "output", renderers=["guide"],
                               project_dir=tmp_path, jobs=1))
    assert not report.failed, [d.format() for d in report.diagnostics]
    pdf = tmp_path / "output" / "russian-history-ii-us-recognition-of-soviet-union-timeline" \
        / "guide.pdf"
    assert pypdf.PdfReader(pdf).metadata.title.startswith("U.S. Recognition")


SINK = """---
title: Kitchen Sink
---

An introduction with a [link](https://example.org/a?b=1&c=2), a [[Wiki Target|wikilink]], \
==highlight==, `inline <code>` and $E=mc^2$.[^a]

## Lists

1. First ordered
2. Second ordered
   - nested bullet with **bold** and *italic Москва*
     - deeper still

7. Starts at seven

> [!warning]
> A callout with no title.

```python
def f(x):
    return x < 1 and x > 0  # <tag> & stuff
```

$$
\\frac{1}{3}
$$

![[diagram.png]]

[^a]: The footnote text, with *emphasis*.
"""


def test_prose_blocks_links_and_footnotes(tmp_path):
    path = tmp_path / "sink.md"
    path.write_text(SINK, encoding="utf-8")
    data, diags = render(read_note(path, "sink.md"))
    assert diags == []
    text = norm("".join(page_texts(data)))
    for shown_text in ("An introduction with a link, a wikilink, highlight, inline <code>",
                       "E=mc^2", "1.First ordered", "2.Second ordered",
                       "nested bullet with bold and italic Москва", "deeper still",
                       "7.Starts at seven", "Warning", "A callout with no title.",
                       "def f(x):", "return x < 1 and x > 0 # <tag> & stuff", "\\frac{1}{3}",
                       "[embedded file: diagram.png]", "Notes", "a.The footnote text, with"):
        assert norm(shown_text) in text, shown_text
    reader = pypdf.PdfReader(io.BytesIO(data))
    uris = [a.get_object()["/A"]["/URI"] for page in reader.pages
            for a in page.get("/Annots") or [] if "/A" in a.get_object()]
    assert uris == ["https://example.org/a?b=1&c=2"]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            assert glyph_overlaps(page.chars) == []


def test_giant_headings_and_names_never_too_large(tmp_path):
    many = " ".join(f"w{i}" for i in range(2500))
    path = tmp_path / "giant.md"
    path.write_text(f"# Giant\n\n## {many}\n\nText.\n\n## Timeline\n\n**{many}**\n\n"
                    f"- **1900:** Event.\n\n## Cast of Characters\n\n**{many} (Role):** Who.\n\n"
                    f"## Glossary\n\n- **{many}:** term\n", encoding="utf-8")
    note = read_note(path, "giant.md")
    data, _ = render(note)
    text = norm("".join(page_texts(data)))
    assert text.count(norm(many)) >= 2
    assert any(line.endswith("…") for line, _ in toc_lines(data))  # a short contents line


@pytest.mark.parametrize("toml", [
    '[fonts]\nbody = "sans"\nheadings = "serif"\n',
    '[sizes]\nleading = 1.2\nbody = 12\nsmall = 10\n[layout]\ntoc_depth = 1\nquiz_lines = 0\n',
])
def test_other_layouts_stay_embedded_and_clear(tmp_path, toml):
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    (layouts / "guide.toml").write_text(toml)
    for name in ("cold-war-origins-briefing.md", STUDY_GUIDE, "recognition-faq.md"):
        data, _ = render(read(name), layouts=layouts)
        assert unembedded_fonts(data) == []
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                assert glyph_overlaps(page.chars) == [], name


def test_guide_builds_without_the_figure_module(seed, monkeypatch):
    monkeypatch.setitem(sys.modules, "studypress.figure", None)  # import fails
    data, diags = render(seed)
    assert diags == []
    titles = [t for t, _, _ in outline_entries(pypdf.PdfReader(io.BytesIO(data)))]
    assert titles == ["Chronology", "Cast of Characters"]


def test_a_failing_figure_is_a_warning_not_a_failed_guide(seed, monkeypatch):
    import studypress.figure

    def broken(*args, **kwargs):
        raise ValueError("no room")

    monkeypatch.setattr(studypress.figure, "timeline_figure", broken)
    monkeypatch.setattr(studypress.figure, "timeline_pages", broken)
    data, diags = render(seed)
    assert [d.code for d in diags] == ["figure"]
    assert "no room" in diags[0].message
    assert norm("Chronology") in norm("".join(page_texts(data)))


def test_the_figure_is_drawn_on_the_guide(seed):
    data = render(seed)[0]
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = {t: p for t, p, _ in outline_entries(reader)}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[pages["Timeline"]]
        assert len(page.rects) + len(page.curves) > 10  # bars, markers and axis
        words = " ".join(w["text"] for w in page.extract_words())
        assert "1933" in words


# ------------------------------------------------------------------ keeping headings


KEEP_CONTENT = {
    "list": "- first bullet of the list\n- second bullet\n- third bullet\n",
    "paragraph": "One short paragraph that follows the heading.\n",
    "table": "| Figure | Meaning |\n|---|---|\n| 75 | percent |\n| 12 | envoys |\n",
    "quote": "> A quoted line of text under the heading.\n",
}


def keeping_note(tmp_path: Path, seed: int) -> Path:
    """A note whose headings fall at every height of the page: prose sections, each with one
    kind of content, between paddings of random length; then a timeline (a figure and a
    chronology with group headings)."""
    rng = random.Random(seed)
    parts = ["# Keeping\n"]
    for i in range(60):
        parts.append(f"## Topic {i} heading\n\n{KEEP_CONTENT[rng.choice(list(KEEP_CONTENT))]}")
        parts.extend(f"Padding {i}.{j} " + "more words " * rng.randrange(1, 40) + "\n"
                     for j in range(rng.randrange(3)))
    parts.append("## Timeline\n")
    for year in range(1900, 1900 + rng.randrange(4, 16)):
        parts.append(f"**{year}**\n\n" + "".join(
            f"- **{month} {year}:** Something happened" + ", and more" * rng.randrange(9) + "\n"
            for month in ("May", "June", "July")[: rng.randrange(1, 4)]))
    path = tmp_path / f"keeping-{seed}.md"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def last_lines(data: bytes) -> list[str]:
    """The lowest line of text on each page, the footer left out."""
    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            lines = [ln for ln in page.extract_text_lines()
                     if not re.fullmatch(r"page \d+ of \d+", ln["text"].strip())]
            if lines:
                out.append(max(lines, key=lambda ln: ln["bottom"])["text"].strip())
    return out


def test_no_page_ends_with_a_heading(tmp_path):
    headings = re.compile(r"Topic \d+ heading|\d{4}|Timeline|Chronology")
    pages = 0
    for seed in range(5):
        data, _ = render(read_note(keeping_note(tmp_path, seed), "keeping.md"))
        ends = last_lines(data)
        pages += len(ends)
        stranded = [line for line in ends if headings.fullmatch(line)]
        assert stranded == [], (seed, stranded)
    assert pages > 50


def test_a_heading_keeps_with_the_image_under_it():
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (600, 400), (200, 30, 30)).save(buf, format="PNG")
    png = buf.getvalue()
    ctx = RenderContext(RenderOptions(), Layouts(None), 1_700_000_000,
                        asset=lambda target: png if target == "map.png" else None)
    for lines in range(24, 34):
        padding = "\n\n".join(f"Padding line {i}." for i in range(lines))
        note = read_text(f"# Images\n\n## Notes\n\n{padding}\n\n## The map\n\n![[map.png]]\n",
                         "img.md", "img")
        data, _ = render_guide(note, ctx)
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            # the last mention: the contents list it too
            heading = max(i for i, p in enumerate(pdf.pages)
                          if "The map" in (p.extract_text() or ""))
            image = next(i for i, p in enumerate(pdf.pages) if p.images)
        assert heading == image, lines


# ------------------------------------------------------------------ figure numbers


def dense_note(tmp_path: Path) -> Path:
    """Forty events, dated out of order in the note, too many for labels on a portrait page."""
    rng = random.Random(7)
    years = rng.sample(range(1800, 1990), 40)
    lines = "".join(f"- **{year}:** Event E{i:02d} happened.\n" for i, year in enumerate(years))
    path = tmp_path / "dense.md"
    path.write_text(f"# Dense\n\n## Timeline\n\n{lines}", encoding="utf-8")
    return path


def chronology_rows(data: bytes) -> dict[int, tuple[int, int]]:
    """Event id → (the number printed beside it, its year), from the chronology's own lines
    (set in the body size; the figure's key, in small type, is left out)."""
    rows: dict[int, tuple[int, int]] = {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            # a row's number, date and text differ in face and size: their tops differ a little
            lines: list[list[dict]] = []
            body = [w for w in page.extract_words(extra_attrs=["size"]) if w["size"] > 9]
            for w in sorted(body, key=lambda w: w["top"]):
                if lines and w["top"] - lines[-1][0]["top"] < 3:
                    lines[-1].append(w)
                else:
                    lines.append([w])
            for words in lines:
                text = " ".join(w["text"] for w in sorted(words, key=lambda w: w["x0"]))
                m = re.fullmatch(r"(\d+) (\d{4}) Event E(\d\d) happened\.", text)
                if m:
                    rows[int(m[3])] = (int(m[1]), int(m[2]))
    return rows


def test_chronology_prints_the_numbers_of_a_numbered_figure(tmp_path):
    from studypress.figure import timeline_layout

    note = read_note(dense_note(tmp_path), "dense.md")
    data, _ = render(note)
    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    width = float(pages[0].mediabox.width) - 2 * 20 * 72 / 25.4  # the A4 text width
    lay = timeline_layout(note, width)
    assert lay.numbered  # dense enough that the figure numbers its marks
    rows = chronology_rows(data)
    assert len(rows) == 40
    assert {i: n for i, (n, _) in rows.items()} == lay.numbers
    by_number = [year for _, year in sorted(rows.values())]
    assert by_number == sorted(by_number)  # the numbers run in date order
    assert [i for i in sorted(rows) if rows[i][0] != i + 1]  # the note's order is another


def test_chronology_has_no_numbers_when_the_figure_has_labels(seed):
    data, _ = render(seed)
    assert not chronology_rows(data)
    text = norm("".join(page_texts(data)))
    assert norm("November 16, 1933") in text
