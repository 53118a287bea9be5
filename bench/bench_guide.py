"""Study-guide pages per second, next to the plain-ReportLab ceiling measured in the same run.

The guide: every corpus note (tests/notes/*.md), full printing, and a large generated note
(200 events, 40 people, 60 terms, 40 questions); and a note holding one 2,000-line code block
(its time grows with its length, not with its square). The ceiling: the same number of pages
of plain paragraphs in the same embedded font, built once with platypus (no contents, outline,
tables, figure or second pass).
"""

from __future__ import annotations

import io
import statistics
import time
from dataclasses import replace
from pathlib import Path

from studypress import fonts
from studypress.layouts import Layouts
from studypress.model import (
    Day,
    Event,
    HistoricalDate,
    Person,
    Precision,
    Question,
    QuestionKind,
    Term,
    text,
)
from studypress.reader import read_note
from studypress.renderers import base
from studypress.renderers.guide import RENDERER

ROOT = Path(__file__).resolve().parents[1]
NOTES = sorted((ROOT / "tests" / "notes").glob("*.md"))
SENTENCE = ("The delegation crossed the frontier at dawn and was received by the council, "
            "which debated the treaty for three days before it agreed to its terms. ")


def pages_of(data: bytes) -> int:
    return data.count(b"/Type /Page\n")


def large_note(base_note):
    events = tuple(
        Event(HistoricalDate(str(1800 + i), Day(1800 + i, 1, 1), Day(1800 + i, 12, 31),
                             Precision.YEAR, str(1800 + i), str(1800 + i)),
              text(SENTENCE * (1 + i % 3)), i + 1, group=f"Part {i // 25 + 1}")
        for i in range(200))
    people = tuple(Person(f"Person {i}", 300 + i, role=f"Envoy number {i}",
                          description=text(SENTENCE * 2), events=(i, i + 40))
                   for i in range(40))
    terms = tuple(Term(f"Term {i:02d}", text(SENTENCE), 400 + i) for i in range(60))
    questions = tuple(Question(i + 1, text(f"Why did event {i} matter? " + SENTENCE), 500 + i,
                               QuestionKind.SHORT, answer=text(SENTENCE), answer_line=600 + i)
                      for i in range(40))
    return replace(base_note, id="large", title="A large generated note", events=events,
                   people=people, terms=terms, questions=questions)


def code_note(base_note, lines: int = 2000):
    """The base note with one code block of ``lines`` lines, some long enough to wrap."""
    from studypress.model import CodeBlock, Section

    body = "\n".join(f"    step_{i} = compute(step_{i - 1}, '<{i}>' & mask)"
                     + (" # " + SENTENCE * 2 if i % 10 == 0 else "") for i in range(lines))
    section = Section(text("Listing"), 2, "prose", (CodeBlock(body, "python", 2),), 1)
    return replace(base_note, id="code", title="A long code block", events=(), people=(),
                   terms=(), questions=(), sections=(section,))


def timed_guides(notes, ctx, repeat: int) -> tuple[float, int]:
    """Median seconds for one guide of every note, and the pages they make."""
    runs, pages = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        pages = sum(pages_of(RENDERER.render(n, ctx).files[0].data) for n in notes)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), pages


def plain_reportlab(pages: int, repeat: int) -> tuple[float, int]:
    """Median seconds for ``pages`` pages of plain paragraphs, and the pages made."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    fam = fonts.family("serif")
    style = ParagraphStyle("plain", fontName=fam.regular, fontSize=10.5, leading=14.5,
                           spaceAfter=6)

    def build(count: int) -> bytes:
        buf = io.BytesIO()
        doc = SimpleDocTemplate(buf, invariant=1, initialFontName=fam.regular)
        doc.build([Paragraph(SENTENCE * 4, style) for _ in range(count)])
        return buf.getvalue()

    per_page = max(1, round(200 / max(1, pages_of(build(200)))))
    count = per_page * pages
    while pages_of(build(count)) > pages and count > 1:
        count -= 1
    runs, made = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        made = pages_of(build(count))
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), made


def main() -> None:
    ctx = base.RenderContext(base.RenderOptions(), Layouts(ROOT / "no-project-layouts"), 0)
    corpus = [read_note(p, p.name) for p in NOTES]
    start = time.perf_counter()
    RENDERER.render(corpus[0], ctx)
    print(f"first guide (font registration included): {time.perf_counter() - start:.3f} s")
    for label, notes, repeat in (
        (f"corpus ({len(corpus)} notes)", corpus, 5),
        ("large generated note", [large_note(corpus[0])], 3),
    ):
        seconds, pages = timed_guides(notes, ctx, repeat)
        ceiling, made = plain_reportlab(pages, repeat)
        print(f"{label}: {pages} pages in {seconds:.3f} s = {pages / seconds:6.1f} pages/s"
              f"  |  plain ReportLab, {made} pages in {ceiling:.3f} s = "
              f"{made / ceiling:6.1f} pages/s  ({seconds / ceiling:.1f}x)")
    for lines in (500, 2000):
        seconds, pages = timed_guides([code_note(corpus[0], lines)], ctx, 1)
        print(f"{lines}-line code block: {pages} pages in {seconds:.3f} s"
              f" = {lines / seconds:8.0f} code lines/s")


if __name__ == "__main__":
    main()
