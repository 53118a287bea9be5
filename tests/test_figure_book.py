"""The course book's timeline of the whole project: one band per note, every band's title
printed whole and legible however many notes overlap in time."""

from __future__ import annotations

import pdfplumber
import pytest

from studypress.build import BuildConfig, build
from studypress.figure import Style, fontset_for
from studypress.figure.pages import paged_layouts
from studypress.figure.style import MIN_FONT_SIZE
from studypress.reader import read_text
from studypress.renderers.book.timeline import combined_note

from .figure_notes import overlapping_notes
from .test_figure_support import check_layout

NOTES = overlapping_notes(20)


def _titles() -> list[str]:
    return [text.splitlines()[0].removeprefix("# ") for text in NOTES.values()]


def test_every_band_of_twenty_overlapping_notes_has_its_whole_title():
    notes = [read_text(text, name, name) for name, text in NOTES.items()]
    note = combined_note(notes, "All")
    style = Style()
    lays = paged_layouts(note.events, note.people, 481.9, 690.0, style, fontset_for(style))
    seen: set[str] = set()
    for lay in lays:
        check_layout(lay)
        titles = [lab for lab in lay.labels if lab.role == "band"]
        assert sorted(lab.text for lab in titles) == sorted(b.title for b in lay.bands)
        assert all(lab.size >= MIN_FONT_SIZE for lab in titles)
        for lab in titles:  # a title stands over the rule of its own band
            rule = next(b for b in lay.bands if b.title == lab.text)
            assert rule.kind == "rule" and rule.y1 <= lab.box.y0
            assert rule.x0 - 0.01 <= lab.box.x0 or lab.box.x1 >= lay.width - 4.01
        seen.update(lab.text for lab in titles)
    assert seen == set(_titles())


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    (root / "source").mkdir()
    for name, text in NOTES.items():
        (root / "source" / name).write_text(text, encoding="utf-8")
    report = build(BuildConfig(paths=[root / "source"], output=root / "output",
                               renderers=["book"], jobs=1, project_dir=root))
    assert not report.failed, report.diagnostics
    return root / "output" / "study-notes.pdf"


def _overlaps(words: list[dict]) -> list[tuple[str, str]]:
    out = []
    for i, a in enumerate(words):
        for b in words[i + 1:]:
            if (b["x0"] < a["x1"] - 0.3 and a["x0"] < b["x1"] - 0.3
                    and b["top"] < a["bottom"] - 0.3 and a["top"] < b["bottom"] - 0.3):
                out.append((a["text"], b["text"]))
    return out


def test_the_book_prints_every_note_title_on_its_timeline_legibly(book):
    with pdfplumber.open(book) as pdf:
        pages = [p for p in pdf.pages if "The council meets" in (p.extract_text() or "")
                 and "Timeline of All Notes" in (p.extract_text() or "")]
        assert pages
        lines: list[str] = []
        for page in pages:
            sizes = [c["size"] for c in page.chars]
            assert min(sizes) >= MIN_FONT_SIZE - 0.01
            words = page.extract_words()
            assert not _overlaps(words), _overlaps(words)[:3]
            lines += [" ".join(line.split()) for line in page.extract_text().splitlines()]
    text = "\n".join(lines)
    missing = [t for t in _titles() if t not in text]
    assert not missing, missing
    assert "…" not in "".join(line for line in lines if ": notes " in line)
