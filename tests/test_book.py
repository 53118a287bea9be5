"""The course book (output/study-notes.pdf): built from the example notes in source/, read
back as text: contents, chapters, index and the project's timeline."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest

import studypress
from studypress.build import BuildConfig, build, discover_all
from studypress.names import filed
from studypress.reader import read_note
from studypress.reader.names import name_forms

SOURCE = Path(__file__).resolve().parent.parent / "source"
BOOK = "study-notes.pdf"
LEADER = re.compile(r"^(?P<title>.*?)\s*(?:\.\s*){3,}(?P<page>\d+)$")


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("book")
    shutil.copytree(SOURCE, root / "source")
    return root


@pytest.fixture(scope="module")
def notes(project):
    files = discover_all([project / "source"]).files
    return [read_note(f.path, f.display) for f in files]


@pytest.fixture(scope="module")
def pages(project) -> list[str]:
    report = build(BuildConfig(paths=[project / "source"], output=project / "output",
                               renderers=["book"], jobs=1, project_dir=project))
    assert not report.failed, report.diagnostics
    with pdfplumber.open(project / "output" / BOOK) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def _contents(pages: list[str]) -> list[tuple[str, int]]:
    """(title, page) of every line of the contents (the pages before the first chapter)."""
    lines = []
    for text in pages[1:]:
        found = [m for line in text.splitlines() if (m := LEADER.match(line.strip()))]
        if not found:
            break
        lines.extend((_words(m["title"]), int(m["page"])) for m in found)
    return lines


def test_only_the_book_is_written_when_only_the_book_is_asked_for(project, pages):
    made = sorted(p.name for p in (project / "output").iterdir() if not p.name.startswith("."))
    assert made == [BOOK]
    assert "page" not in pages[0]  # the title page has no page number


def test_chapters_follow_the_notes_in_build_order_each_on_the_page_the_contents_gives(
        pages, notes):
    contents = _contents(pages)
    chapters = [(title, page) for title, page in contents if re.match(r"\d+ ", title)]
    assert [t.split(" ", 1)[1] for t, _ in chapters] == [_words(n.title) for n in notes]
    for number, (title, page) in enumerate(chapters, 1):
        text = _words(pages[page - 1])
        assert f"Chapter {number}" in text
        assert title.split(" ", 1)[1] in text
        # the chapter opens its page: nothing of the chapter before it stands above it
        assert text.startswith(f"Chapter {number}")


def test_every_contents_line_points_at_the_page_where_its_heading_stands(pages):
    contents = _contents(pages)
    assert len(contents) > 10
    last = 0
    for title, page in contents:
        heading = re.sub(r"^\d+ ", "", title).rstrip("…")
        assert heading in _words(pages[page - 1]), (title, page)
        assert page >= last  # in page order
        last = page
    assert contents[-1][0] == "Index" and "Index" in pages[contents[-1][1] - 1]


def _index(project: Path, pages: list[str]) -> dict[str, str]:
    """Index line by entry: the text after the name (page numbers, or ``see`` and a name),
    read column by column."""
    start = next(i for i, text in enumerate(pages) if text.splitlines()[0:1] == ["Index"])
    entries = {}
    with pdfplumber.open(project / "output" / BOOK) as pdf:
        for page in pdf.pages[start:]:
            half, foot = page.width / 2, page.height - 50  # the footer is left out
            for box in ((0, 0, half, foot), (half, 0, page.width, foot)):
                pending = ""  # the first line of an entry that wraps
                for line in (page.crop(box).extract_text() or "").splitlines():
                    if len(line.strip()) <= 1 or line.strip() == "Index":  # headings
                        continue
                    line = f"{pending} {line.strip()}".strip()
                    m = re.match(r"^(?P<name>.+?)(?:,? (?P<pages>\d+(?:, \d+)*)"
                                 r"|, see (?P<see>.+))$", line)
                    pending = "" if m else line
                    if m:
                        entries[m["name"]] = m["pages"] or f"see {m['see']}"
    return entries


def _chapter_pages(pages: list[str], notes) -> dict[str, range]:
    chapters = [(t, p) for t, p in _contents(pages) if re.match(r"\d+ ", t)]
    ends = [p for _, p in chapters[1:]] + [next(p for t, p in _contents(pages) if t == "Index")]
    return {n.id: range(start, end) for n, (_, start), end in zip(notes, chapters, ends,
                                                                   strict=True)}


def test_the_index_gives_every_person_and_term_with_the_pages_where_each_stands(project, pages,
                                                                               notes):
    index = _index(project, pages)
    within = _chapter_pages(pages, notes)
    checked = 0
    for note in notes:
        # a person is listed where their cast entry stands and where an event names them
        # (by any of the forms the reader knows them by: "Pompey" for Pompey the Great); a
        # term where its glossary entry stands
        forms = name_forms(list(note.people), {})
        names = [(p.name, filed(p.name, p.aliases).text,
                  (p.name, *p.names, *(f.text for f in known)))
                 for p, known in zip(note.people, forms, strict=True)]
        names += [(t.term, t.term, (t.term,)) for t in note.terms]
        for name, entry, forms in names:
            assert entry in index, f"{entry} ({note.id}) is not in the index"
            listed = [int(n) for n in index[entry].split(", ")]
            assert any(p in within[note.id] for p in listed), (name, listed)
            for page in listed:
                text = _words(pages[page - 1])
                assert any(_words(f) in text for f in forms), (name, page)
            # the entry's own page is listed
            own = [p for p in within[note.id] if _words(name) in _words(pages[p - 1])]
            assert set(own) & set(listed), (name, own, listed)
            checked += 1
    assert checked >= 30
    assert any("," in pages for pages in index.values())  # mentions add pages


def test_an_alias_points_to_the_name_it_is_filed_under(project, pages, notes):
    index = _index(project, pages)
    aliases = [(a, p.name) for n in notes for p in n.people for a in p.aliases]
    assert aliases
    for alias, name in aliases:
        entry = filed(alias).text
        assert index.get(entry) == f"see {filed(name).text}" or entry in index


FILING = """---
title: Filing names
---
# Filing names

## Key People

- **Franklin D. Roosevelt** (FDR, 1882–1945): President of the United States.
- **Charles de Gaulle** (1890–1970): Leader of Free France.
- **Martin Luther King Jr.** (1929–1968): Civil rights leader.
- **Иосиф Сталин** (1878–1953): Soviet leader.
- **Mao Zedong** (1893–1976): Chairman of the Party.
- **Louis XIV** (1638–1715): King of France.
- **Augustus** (63 BCE – 14 CE): First Roman emperor.

## Glossary

- **Gentleman's agreement**: An understanding that is not a treaty.
"""


def _letters(pdf_path: Path) -> dict[str, str]:
    """Each index entry (without its pages) by the letter heading it stands under."""
    under: dict[str, str] = {}
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[-1]
        half, foot = page.width / 2, page.height - 50
        for box in ((0, 0, half, foot), (half, 0, page.width, foot)):
            letter = ""
            for line in (page.crop(box).extract_text() or "").splitlines():
                line = line.strip()
                if len(line) == 1:
                    letter = line
                elif line and line != "Index":
                    under[re.sub(r"\s\d+(?:, \d+)*$", "", line)] = letter
    return under


def test_people_are_filed_by_family_name_and_found_by_their_other_names(tmp_path):
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "filing.md").write_text(FILING, encoding="utf-8")
    report = build(BuildConfig(paths=[tmp_path / "source"], output=tmp_path / "output",
                               renderers=["book"], jobs=1, project_dir=tmp_path))
    assert not report.failed, report.diagnostics
    under = _letters(tmp_path / "output" / BOOK)
    assert under["Roosevelt, Franklin D."] == "R"
    assert under["FDR, see Roosevelt, Franklin D."] == "F"
    assert under["Gaulle, Charles de"] == "G"
    assert under["de Gaulle, Charles, see Gaulle, Charles de"] == "D"
    assert under["King, Martin Luther, Jr."] == "K"
    assert under["Сталин, Иосиф"] == "С"
    # kept as written: the family name first, a regnal name, a mononym, a term
    assert under["Mao Zedong"] == "M"
    assert under["Louis XIV"] == "L"
    assert under["Augustus"] == "A"
    assert under["Gentleman's agreement"] == "G"
    assert not [line for line in under if line.startswith(("Franklin D.", "Charles de"))]


def test_the_project_timeline_comes_before_the_chapters_with_every_note_in_it(pages, notes):
    contents = dict(_contents(pages))
    page = contents["Timeline of All Notes"]
    assert page < min(p for t, p in contents.items() if t.startswith("1 "))
    # every note with dated events is a titled band of the figure: the Roman Republic and
    # the twentieth century in one drawing
    text = _words(pages[page - 1])
    assert "BCE" in text and "1945" in text


def test_a_build_of_one_note_leaves_the_book_alone(project, pages):
    book = project / "output" / BOOK
    before = book.read_bytes()
    one = next((project / "source").glob("*.md"))
    report = build(BuildConfig(paths=[one], output=project / "output", renderers=["book"],
                               jobs=1, project_dir=project))
    assert book.read_bytes() == before
    assert any("whole folders" in m for m in report.messages)


def test_names_in_a_script_without_capitals_are_filed_together(tmp_path):
    """Built as a user runs it, with the machine's fonts, which print the Chinese names."""
    if shutil.which("fc-match") is None:
        pytest.skip("no fontconfig on this machine: only the package's own fonts are used")
    notes = tmp_path / "source"
    notes.mkdir()
    shutil.copy(Path(__file__).parent / "notes" / "lang" / "zh-xinhai.md", notes)
    shutil.copy(SOURCE / "roman-republic-timeline.md", notes)
    env = {**os.environ, "STUDYPRESS_SYSTEM_FONTS": "1", "SOURCE_DATE_EPOCH": "1700000000",
           "PYTHONPATH": str(Path(studypress.__file__).parents[1])}
    run = subprocess.run([sys.executable, "-m", "studypress", "build", "source", "-o",
                          "output", "--only", "book", "-j", "1"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert "missing-glyph" not in run.stdout + run.stderr and "no glyph" not in run.stdout
    with pdfplumber.open(tmp_path / "output" / BOOK) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    index = _index(tmp_path, pages)
    for name in ("孙中山", "袁世凯", "同盟会"):
        assert name in index
    lines = [ln.strip() for text in pages[-2:] for ln in text.splitlines()]
    # no heading of one Chinese character above each name: letters head Latin names only
    assert not [ln for ln in lines if len(ln) == 1 and ln.upper() == ln.lower()]
    assert "G" in lines  # Gaius ...


def test_the_running_header_names_the_chapter_being_read(pages, notes):
    contents = _contents(pages)
    chapters = [(t, p) for t, p in contents if re.match(r"\d+ ", t)]
    ends = [p for _, p in chapters[1:]] + [contents[-1][1]]
    checked = 0
    for (title, start), end in zip(chapters, ends, strict=True):
        for page in range(start + 1, end):  # the opening page carries no header
            assert _words(pages[page - 1]).startswith(title.split(" ", 1)[1][:40]), page
            checked += 1
    assert checked


def test_an_unchanged_project_leaves_the_book_as_it_is(project, pages):
    again = build(BuildConfig(paths=[project / "source"], output=project / "output",
                              renderers=["book"], jobs=1, project_dir=project))
    assert not [p for p in again.written if p.name == BOOK]


@pytest.fixture(scope="module")
def answers_pages(project) -> list[str]:
    from studypress.renderers.base import RenderOptions

    out = project / "answers"
    report = build(BuildConfig(paths=[project / "source"], output=out, renderers=["book"],
                               jobs=1, project_dir=project,
                               options=RenderOptions(printing="answers")))
    assert not report.failed
    with pdfplumber.open(out / BOOK) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def test_the_answers_printing_holds_the_answer_keys_numbered_as_their_chapters(answers_pages,
                                                                              notes):
    pages = answers_pages
    chapters = [t for t, _ in _contents(pages) if re.match(r"\d+ ", t)]
    answered = [(i, n) for i, n in enumerate(notes, 1) if any(q.answer for q in n.questions)]
    assert answered and [t.split(" ", 1)[0] for t in chapters] == [str(i) for i, _ in answered]
    assert "Timeline of All Notes" not in " ".join(pages)
    assert _words(" ".join(pages)).count("Answer Key") >= len(answered)


def _counted(title_page: str) -> str:
    """The line of the title page that says how many notes the book holds."""
    return next(line.strip() for line in title_page.splitlines()
                if re.fullmatch(r"\d+ notes?", line.strip()))


def test_the_title_page_counts_the_chapters_the_book_holds(pages, answers_pages, notes):
    chapters = [t for t, _ in _contents(answers_pages) if re.match(r"\d+ ", t)]
    held = len(chapters)
    assert 0 < held < len(notes)  # the answers printing leaves out the notes without answers
    assert _counted(answers_pages[0]) == f"{held} note" + ("s" if held > 1 else "")
    assert _counted(pages[0]) == f"{len(notes)} notes"


def test_every_font_of_the_book_is_embedded(project, pages):
    from pypdf import PdfReader

    seen = set()
    for page in PdfReader(project / "output" / BOOK).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            inner = descendants[0].get_object() if descendants else font
            descriptor = inner.get("/FontDescriptor")
            assert descriptor is not None, font["/BaseFont"]  # no unembedded standard font
            assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
            seen.add(font["/BaseFont"])
    assert len(seen) >= 3
