"""The guide's pages as a reader sees them: the cast in two columns when its entries are short,
no heading that only repeats the title or stands over nothing, no page left empty at the end."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber

from studypress.reader import read_note

from .conftest import NOTES
from .test_guide_support import page_texts, render

ROMAN = NOTES / "roman-republic-timeline.md"


def _cast_places(data: bytes, names: list[str]) -> dict[str, tuple[int, float, float]]:
    """Where each name first appears after the cast's heading: (page, x, top)."""
    found: dict[str, tuple[int, float, float]] = {}
    start = None
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for n, page in enumerate(pdf.pages):
            if start is None:
                heading = [m for m in page.search("Cast of Characters")
                           if m["chars"][0]["size"] > 12]  # the heading, not its contents line
                if not heading:
                    continue
                start = (n, heading[0]["top"])
            for name in names:
                for m in page.search(name, regex=False):
                    if name not in found and (n, m["top"]) > start:
                        found[name] = (n, m["x0"], m["top"])
    return found


def test_a_cast_of_short_entries_is_set_in_two_columns():
    note = read_note(ROMAN, "roman.md")
    data, _ = render(note)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        middle = pdf.pages[0].width / 2
    places = _cast_places(data, [p.name for p in note.people])
    assert len(places) == len(note.people)
    assert any(x < middle for _, x, _ in places.values())
    assert any(x > middle for _, x, _ in places.values())
    # side by side: the second person starts level with the first, in the right column
    first, second = (places[p.name] for p in note.people[:2])
    assert first[0] == second[0] and abs(first[2] - second[2]) < 1 and second[1] > middle


def test_a_cast_of_long_entries_stays_in_one_column(tmp_path):
    long = " ".join(["A long description that runs on and on about what they did."] * 12)
    body = "\n".join(f"- **Person Number{i} (Role {i}):** {long}" for i in range(4))
    path = tmp_path / "long.md"
    path.write_text(f"# Long\n\n## Cast of Characters\n\n{body}\n", encoding="utf-8")
    data, _ = render(read_note(path, "long.md"))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        middle = pdf.pages[0].width / 2
    places = _cast_places(data, [f"Person Number{i}" for i in range(4)])
    assert len(places) == 4 and all(x < middle for _, x, _ in places.values())


def test_the_heading_that_repeats_the_title_and_an_empty_heading_are_not_printed(tmp_path):
    path = tmp_path / "meiji.md"
    path.write_text("---\ntitle: The Meiji Restoration\n---\n\n"
                    "# The Meiji Restoration (1868–1912)\n\n## Background\n\nJapan opened.\n\n"
                    "## Timeline\n\n- **1868:** The Meiji era begins.\n- **1871:** Domains "
                    "abolished.\n", encoding="utf-8")
    data, _ = render(read_note(path, "meiji.md"))
    text = "\n".join(page_texts(data))
    assert "(1868–1912)" not in text.replace("\n", " ")
    assert "Background" in text and "Japan opened." in text


# Its cast ends a few points above the foot of page 1, where the space after the cast used to
# start a second page holding nothing but the running head.
ENDS_AT_THE_FOOT = """\
# Many scripts

## Timeline

- **221 BCE:** 秦始皇 unifies China.
- **1868:** The 明治 era begins; ひらがな and カタカナ in print.
- **1187:** Saladin (صلاح الدين) takes Jerusalem (ירושלים).
- **1917:** Лев Троцкий and Περικλῆς meet in a footnote 🎉.
- **1950:** देवनागरी script on a poster 😀.

## Cast of Characters

- **Qin Shi Huang (秦始皇; First Emperor of China, 259–210 BCE):** Unified China.
- **Saladin (صلاح الدين; Sultan, 1137–1193):** Took Jerusalem (ירושלים) in 1187.
- **Leon Trotsky (Лев Троцкий; revolutionary, 1879–1940):** Wrote about 🎉 parties.
"""


# Its essay question's writing lines end at the foot of page 2, just before the answer key's
# new page: the space after them once fell to page 3 and left it blank.
ANSWERS_AFTER_THE_FOOT = (Path(__file__).parent / "guide_notes" / "answers-after-the-foot.md"
                          ).read_text(encoding="utf-8")


def test_no_page_is_left_with_nothing_but_the_running_head(corpus, tmp_path):
    notes = dict(corpus)
    for name, text in (("foot.md", ENDS_AT_THE_FOOT), ("crash.md", ANSWERS_AFTER_THE_FOOT)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        notes[name] = read_note(path, name)
    for name, note in notes.items():
        data, _ = render(note)
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages[1:]:
                lines = [ln["text"] for ln in page.extract_text_lines()]
                assert len(lines) > 2, f"{name}: page {page.page_number} holds {lines}"


# ----------------------------------------------------------------------- tables over pages

def _table_pages(rows: list[tuple[str, str]], room: float, page: float = 400.0
                 ) -> list[list[str]]:
    """The lines of each page when a chronology-like table of ``rows`` (date, text) starts
    ``room`` points above the foot of the first page."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    from studypress.renderers.guide.doc import RowTable

    style = ParagraphStyle("t", fontName="Helvetica", fontSize=10, leading=12,
                           allowWidows=0, allowOrphans=0)
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=(400, page + 72), topMargin=36, bottomMargin=36)
    height = doc.height - 12  # the frame's own padding, 6 points at the top and the foot
    table = RowTable([[Paragraph(d, style), Paragraph(t, style)] for d, t in rows],
                     colWidths=[80, 200], splitByRow=1, splitInRow=1, page_height=height)
    doc.build([Spacer(1, height - room), table])
    with pdfplumber.open(io.BytesIO(out.getvalue())) as pdf:
        return [(p.extract_text() or "").splitlines() for p in pdf.pages]


ROW = 18.0  # a one-line row: 12 points of leading and the table's paddings


def _rows(n: int) -> list[tuple[str, str]]:
    return [(f"day {i}", f"event {i}") for i in range(n)]


def test_a_table_leaves_no_row_alone_at_the_top_of_a_page():
    pages = _table_pages(_rows(6), room=5 * ROW + 2)  # room for five of the six rows
    assert [len(p) for p in pages] == [4, 2]


def test_a_table_leaves_no_row_alone_at_the_foot_of_a_page():
    pages = _table_pages(_rows(6), room=1 * ROW + 2)  # room for the first row only
    assert pages[0] == [] and len(pages[1]) == 6


def test_a_row_moves_whole_rather_than_leave_its_date_behind():
    # the date takes one line and would fit; its text takes three, which may not be split
    rows = [*_rows(2), ("day 2", "event two " * 12), ("day 3", "event 3")]
    pages = _table_pages(rows, room=2 * ROW + 20)
    dates = [[line.split()[1] for line in p if line.startswith("day")] for p in pages]
    assert dates == [["0", "1"], ["2", "3"]]


def test_a_row_taller_than_a_page_is_still_split():
    rows = [("day 0", "event 0"), ("day 1", "word " * 900)]
    pages = _table_pages(rows, room=100)
    assert len(pages) >= 3 and any("day 1" in line for line in pages[1])


# ----------------------------------------------------------------------- the figure's first page

def _figure_first_pages(note) -> tuple[int, list[str]]:
    """The guide's page count and the text of its first page."""
    data, _ = render(note)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages), [(p.extract_text() or "") for p in pdf.pages[:1]]


def test_a_long_figure_starts_under_the_contents_and_costs_no_page(monkeypatch):
    from studypress.reader import read_text
    from studypress.renderers.guide import story

    from .test_book_pages import PART, make_vault

    note = read_text(make_vault.note_text(1)[0], "long.md", "long")
    total, (first,) = _figure_first_pages(note)
    assert "Contents" in first
    assert [m.groups()[0] for m in PART.finditer(first)] == ["1"]
    monkeypatch.setattr(story, "SHARE_LEAST", 2.0)  # no room is enough: a page to the figure
    alone, (opening,) = _figure_first_pages(note)
    assert not PART.search(opening)
    assert total <= alone


def test_a_figure_that_fits_under_the_contents_stays_whole(seed):
    _, (first,) = _figure_first_pages(seed)
    assert "Timeline" in first and "Timeline, part" not in first


def _quiz_note(tmp_path: Path, events: int) -> Path:
    lines = [f"- **{1800 + i}:** Something happened in year {1800 + i}, and it mattered."
             for i in range(events)]
    quiz = [f"{n}. What happened in the year {1800 + n}, and why did it matter?"
            for n in range(1, 7)]
    path = tmp_path / f"quiz-{events}.md"
    path.write_text("# Years\n\n## Timeline\n\n" + "\n".join(lines) + "\n\n## Quiz\n\n"
                    + "\n".join(quiz) + "\n", encoding="utf-8")
    return path


def _quiz_pages(data: bytes) -> tuple[int, int, int]:
    """The page of the quiz's heading, of its second question, and the number of pages."""
    heading = second = -1
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for n, page in enumerate(pdf.pages):
            words = page.extract_words(extra_attrs=["size"])
            if any(w["text"] == "Quiz" and w["size"] > 12 for w in words):
                heading = n
            if page.search("year 1802, and why"):
                second = n
        return heading, second, len(pdf.pages)


def test_a_quiz_never_leaves_its_heading_and_first_question_alone_at_a_page_foot(
        tmp_path, monkeypatch):
    from studypress.renderers.guide.doc import MoveOver

    lonely: list[int] = []
    moved: list[int] = []
    for events in range(20, 70, 3):
        note = read_note(_quiz_note(tmp_path, events), "quiz.md")
        with monkeypatch.context() as m:
            m.setattr(MoveOver, "SHARE", 0.0)  # as the guide was: no section moves over
            heading, second, pages = _quiz_pages(render(note)[0])
        if heading == second:
            continue
        lonely.append(events)
        now_heading, now_second, now_pages = _quiz_pages(render(note)[0])
        assert now_pages == pages, events  # moving over never costs a page
        if now_heading == now_second:
            assert now_heading == second, events
            moved.append(events)
        else:  # it would have cost one: left as it was
            assert (now_heading, now_second) == (heading, second), events
    assert lonely and moved, (lonely, moved)


def test_a_body_made_again_for_a_lower_figure_makes_only_what_the_figure_changes(monkeypatch):
    from studypress.reader import read_text
    from studypress.renderers.guide import story

    from .calls import record_calls
    from .test_book_pages import make_vault

    note = read_text(make_vault.note_text(1)[0], "long.md", "long")
    remade = record_calls(monkeypatch, story.StoryBuilder, "_rebuilt")
    casts = record_calls(monkeypatch, story.StoryBuilder, "cast")
    data, problems = render(note)
    assert len(remade) == 1  # the figure's first page was made lower, under the contents
    assert len(casts) == 1  # the sections after the chronology were made once
    monkeypatch.setattr(story.StoryBuilder, "_part", lambda self, name, make, *inputs: make())
    anew, anew_problems = render(note)
    assert len(casts) == 3  # every body made whole
    assert data == anew
    assert [str(d) for d in problems] == [str(d) for d in anew_problems]
