"""A pass of the guide draws where the pass before placed everything (guide.replay): the same
bytes as a pass laid out anew, with no flowable measured again."""

from __future__ import annotations

import pytest
from reportlab.platypus import Paragraph as PlainParagraph
from reportlab.platypus import Table

from studypress.layouts import Layouts
from studypress.reader import read_note
from studypress.renderers import guide
from studypress.renderers.base import RenderContext, RenderOptions
from studypress.renderers.guide import doc as guide_doc
from studypress.renderers.guide import replay

from .conftest import NOTES

NAMES = ["roman-republic-timeline.md", "messy-notes.md", "cold-war-origins-briefing.md",
         "russian-history-ii-us-recognition-study-guide.md", "recognition-faq.md",
         "shapes/wp-section-titles.md"]


def _ctx(printing: str = "full") -> RenderContext:
    return RenderContext(RenderOptions(printing=printing), Layouts(None), 1_700_000_000)


def _note(name: str):
    return read_note(NOTES / name, name)


@pytest.mark.parametrize("printing", ["full", "questions", "answers"])
@pytest.mark.parametrize("name", NAMES)
def test_the_replayed_pass_prints_what_a_pass_laid_out_anew_prints(name, printing) -> None:
    note = _note(name)
    fast, fast_problems = guide._render_guide(note, _ctx(printing), replay_pass=True)
    slow, slow_problems = guide._render_guide(note, _ctx(printing), replay_pass=False)
    assert fast == slow
    assert [str(d) for d in fast_problems] == [str(d) for d in slow_problems]


def test_the_second_pass_measures_nothing_but_the_contents(monkeypatch) -> None:
    passes: list[dict[str, int]] = []
    real_build = guide_doc.GuideDoc.build

    def build(self, *args, **kwargs):
        passes.append({"paragraphs": 0, "tables": 0})
        return real_build(self, *args, **kwargs)

    def counting(cls, name, kind):
        real = getattr(cls, name)

        def wrapped(self, *args, **kwargs):
            if passes:
                passes[-1][kind] += 1
            return real(self, *args, **kwargs)

        monkeypatch.setattr(cls, name, wrapped)

    monkeypatch.setattr(guide_doc.GuideDoc, "build", build)
    counting(PlainParagraph, "wrap", "paragraphs")
    counting(Table, "_calc", "tables")
    contents_wraps: list[tuple[int, int]] = []
    real_contents = guide_doc.Contents.wrap

    def contents_wrap(self, *args):
        contents_wraps.append((len(passes), len(self._lastEntries)))
        return real_contents(self, *args)

    monkeypatch.setattr(guide_doc.Contents, "wrap", contents_wrap)
    guide.render_guide(_note("roman-republic-timeline.md"), _ctx())
    assert len(passes) == 2
    assert passes[0]["paragraphs"] > 50 and passes[0]["tables"] > 0
    # the contents, made once with the pages the first pass found, are all that is measured
    second = [entries for n, entries in contents_wraps if n == 2]
    assert len(second) == 1 and second[0] >= 2
    assert passes[1] == {"paragraphs": second[0], "tables": 1}


def _passes(monkeypatch, name: str) -> list[str]:
    """How each pass of the note's full guide was made: "laid out" or "replayed"."""
    passes: list[str] = []
    real_build = guide_doc.GuideDoc.build

    def build(self, *args, **kwargs):
        replayed = self._replayable(self._placements) is not None
        passes.append("replayed" if replayed else "laid out")
        return real_build(self, *args, **kwargs)

    monkeypatch.setattr(guide_doc.GuideDoc, "build", build)
    guide.render_guide(_note(name), _ctx())
    return passes


def test_the_pass_after_a_section_moved_is_replayed_when_the_move_holds(monkeypatch) -> None:
    # the first pass finds a heading alone at a page's foot, the second moves its section
    # and lays the pages out anew, the third only puts the new page numbers in the contents
    assert _passes(monkeypatch, "shapes/wp-section-titles.md") == \
        ["laid out", "laid out", "replayed"]


def test_a_section_moved_back_is_laid_out_again_and_then_replayed(monkeypatch) -> None:
    # moving the section cost a page, so it moves back: that pass is laid out anew, and the
    # one after it (the page total of the pass before was one too many) replays it
    assert _passes(monkeypatch, "russian-history-ii-us-recognition-study-guide.md") == \
        ["laid out", "laid out", "laid out", "replayed"]


def test_contents_that_change_height_send_the_guide_the_ordinary_way(monkeypatch) -> None:
    note = _note("roman-republic-timeline.md")
    expected, _ = guide._render_guide(note, _ctx(), replay_pass=False)
    tried: list[bool] = []
    real = guide._render_guide

    def render(note, ctx, replay_pass):
        tried.append(replay_pass)
        return real(note, ctx, replay_pass)

    def taller(self, canvas, x, y, _sW=0):
        raise replay.Mismatch("taller")

    monkeypatch.setattr(guide, "_render_guide", render)
    monkeypatch.setattr(replay.Placed, "drawOn", taller)
    data, _ = guide.render_guide(note, _ctx())
    assert tried == [True, False]
    assert data == expected


def test_a_page_that_held_nothing_is_not_replayed() -> None:
    placed = [replay.Placement(object(), 1, 0, 0, 0), replay.Placement(object(), 3, 0, 0, 0)]
    assert replay.story(placed, 3) is None
    assert replay.story([], 1) is None
    story = replay.story(placed[:1] + [replay.Placement(object(), 2, 0, 0, 0)], 2)
    assert story is not None and [type(f).__name__ for f in story] == \
        ["Placed", "PageBreak", "Placed"]


def test_a_flowable_drawn_twice_is_not_replayed() -> None:
    twice = object()
    placed = [replay.Placement(twice, 1, 0, 0, 0), replay.Placement(twice, 2, 0, 10, 0)]
    assert replay.story(placed, 2) is None
