"""A figure too tall for one page continues over pages, at full size: on every page of the
guide and of timeline.pdf, no text below 6.5 pt and no text over text."""

from __future__ import annotations

import io
import re
import time

import pdfplumber
import pytest

from studypress.figure import Style, fontset_for, timeline_pages
from studypress.figure.pages import paged_layouts
from studypress.figure.style import MIN_FONT_SIZE
from studypress.layouts import Layouts
from studypress.model import Severity
from studypress.reader import read_text
from studypress.renderers import load
from studypress.renderers.base import RenderContext, RenderOptions

from .figure_notes import dense_note
from .test_figure_support import check_layout

PAGE = 690.0  # a page's height for the figure, a little under A4's text height
PART = re.compile(r"Timeline, part (\d+) of (\d+): ")


def ctx() -> RenderContext:
    return RenderContext(RenderOptions(paper="a4"), Layouts(None), 1700000000)


@pytest.fixture(scope="module")
def note300():
    return dense_note(300)


@pytest.fixture(scope="module")
def note1000():
    return dense_note(1000, seed=11)


def _check_pages(note, lays, page_height: float, first_height: float | None = None) -> None:
    """Every page: laid out cleanly, within its page (the first within ``first_height`` when
    given), no text below 6.5 pt, its "continued" line; together: every dated event on exactly
    one page, numbers running on."""
    assert len(lays) > 1
    for k, lay in enumerate(lays, 1):
        check_layout(lay)
        limit = first_height if k == 1 and first_height is not None else page_height
        assert lay.height <= limit + 0.01
        assert lay.scale == 1.0
        small = [(lab.text, lab.size) for lab in lay.labels if lab.size < MIN_FONT_SIZE]
        assert not small, small[:3]
        heads = [lab.text for lab in lay.labels if lab.role == "continued"]
        assert len(heads) == 1 and PART.match(heads[0]), heads
        assert PART.match(heads[0]).groups() == (str(k), str(len(lays)))
        assert ("Continued from part" in heads[0]) == (k > 1)
        assert ("ontinues in part" in heads[0]) == (k < len(lays))
    shown = [m.event for lay in lays for m in lay.markers]
    dated = [i for i, e in enumerate(note.events) if e.date is not None]
    assert sorted(shown) == dated  # each once
    undated = [i for lay in lays for lab in lay.labels if lab.role == "undated"
               for i in lab.events]
    assert sorted(undated) == [i for i, e in enumerate(note.events) if e.date is None]
    assert all(lab.role != "undated" for lay in lays[:-1] for lab in lay.labels)
    numbers = [n for lay in lays if lay.numbered for n in lay.numbers.values()]
    assert sorted(numbers) == list(range(1, len(numbers) + 1))
    # a page is a stretch of time: pages follow each other in date order
    starts = [min(m.x_from for m in lay.markers) for lay in lays]
    assert all(lay.axis.d0 <= lays[k + 1].axis.d1 for k, lay in enumerate(lays[:-1])), starts


def test_a_300_event_note_continues_over_pages_at_full_size(note300):
    style = Style()
    lays = paged_layouts(note300.events, note300.people, 481.9, PAGE, style, fontset_for(style))
    _check_pages(note300, lays, PAGE)


def test_a_1000_event_note_continues_over_pages_quickly(note1000):
    style = Style()
    start = time.perf_counter()
    lays = paged_layouts(note1000.events, note1000.people, 481.9, PAGE, style,
                         fontset_for(style))
    assert time.perf_counter() - start < 10
    _check_pages(note1000, lays, PAGE)
    assert len(lays) >= 4


def test_a_lower_first_page_holds_a_stretch_and_the_others_keep_the_whole_page(note300):
    style = Style()
    fs = fontset_for(style)
    whole = paged_layouts(note300.events, note300.people, 481.9, PAGE, style, fs)
    first = 0.4 * PAGE  # the least room the guide gives a figure's first page
    lays = paged_layouts(note300.events, note300.people, 481.9, PAGE, style, fs,
                         first_height=first)
    _check_pages(note300, lays, PAGE, first)
    assert len(lays) <= len(whole) + 1
    most = max(len(lay.markers) for lay in whole)
    assert len(lays[0].markers) >= 0.2 * most  # a stretch worth its room, not a sliver
    assert max(lay.height for lay in lays[1:]) > first + 0.3 * PAGE


def test_a_first_page_with_room_for_the_whole_pages_first_cut_changes_nothing(note300):
    style = Style()
    fs = fontset_for(style)
    whole = paged_layouts(note300.events, note300.people, 481.9, PAGE, style, fs)
    lays = paged_layouts(note300.events, note300.people, 481.9, PAGE, style, fs,
                         first_height=whole[0].height + 1)
    assert [sorted(m.event for m in lay.markers) for lay in lays] == \
        [sorted(m.event for m in lay.markers) for lay in whole]


def test_a_figure_that_fits_its_first_page_stays_one_page(seed):
    pages = timeline_pages(seed, 481.9, PAGE, first_height=timeline_pages(
        seed, 481.9, PAGE)[0][1].height)
    assert len(pages) == 1


def test_a_figure_that_fits_stays_one_page(seed):
    pages = timeline_pages(seed, 481.9, PAGE)
    assert len(pages) == 1
    assert not [lab for lab in pages[0][1].labels if lab.role == "continued"]


def _figure_pages(pdf) -> list:
    return [p for p in pdf.pages if PART.search(p.extract_text() or "")]


def _word_overlaps(page) -> list:
    """Words whose boxes share more than a hairline."""
    words = sorted(page.extract_words(keep_blank_chars=False, use_text_flow=False),
                   key=lambda w: w["x0"])
    out = []
    for i, a in enumerate(words):
        for b in words[i + 1:]:
            if b["x0"] >= a["x1"] - 0.3:
                break
            if b["top"] < a["bottom"] - 0.3 and a["top"] < b["bottom"] - 0.3:
                out.append((a["text"], b["text"]))
    return out


def _check_pdf_pages(pages, count: int) -> None:
    assert len(pages) == count
    for page in pages:
        sizes = [c["size"] for c in page.chars]
        assert sizes and min(sizes) >= MIN_FONT_SIZE - 0.01, min(sizes)
        assert all(c["x0"] >= 0 and c["x1"] <= page.width and c["top"] >= 0
                   and c["bottom"] <= page.height for c in page.chars)
        assert not _word_overlaps(page), _word_overlaps(page)[:3]


@pytest.mark.parametrize("size", [300, 1000])
def test_the_guide_prints_every_page_of_a_dense_figure_at_full_size(size, note300, note1000):
    from studypress.renderers.guide import render_guide

    note = note300 if size == 300 else note1000
    start = time.perf_counter()
    data, _ = render_guide(note, ctx())
    assert time.perf_counter() - start < 20
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = _figure_pages(pdf)
        total = int(PART.search(pages[0].extract_text()).group(2))
        _check_pdf_pages(pages, total)
        # the figure uses the text's width: its axis runs from margin to margin
        text = pdf.pages[-1]
        xs = [c["x0"] for p in pages for c in p.chars]
        assert max(xs) - min(xs) > 0.85 * (text.width - 2 * 56.7)


@pytest.mark.slow
def test_timeline_pdf_of_a_1000_event_note_has_a_page_for_each_part(note1000):
    result = load("timeline").render(note1000, ctx())
    files = {o.path: o.data for o in result.files}
    assert not [d for d in result.diagnostics if d.severity == Severity.ERROR]
    with pdfplumber.open(io.BytesIO(files["timeline.pdf"])) as pdf:
        total = int(PART.search(pdf.pages[0].extract_text()).group(2))
        assert len(pdf.pages) == total > 1
        _check_pdf_pages(_figure_pages(pdf), total)


def test_a_note_of_200_people_draws_the_most_mentioned_and_says_how_many_are_left_out():
    note = dense_note(120, seed=3, people=200)
    style = Style()
    lays = paged_layouts(note.events, note.people, 481.9, 10_000, style, fontset_for(style))
    lay = lays[0]
    drawn = {bar.person for bar in lay.bars}
    assert len(drawn) == style.max_people == 40 and lay.people_left_out == 160
    mentions = sorted((len(p.events) for p in note.people), reverse=True)
    assert min(len(note.people[i].events) for i in drawn) >= mentions[39]
    assert max(len(note.people[i].events) for i in drawn) == mentions[0]
    notes = [lab.text for lab in lay.labels if lab.role == "note"]
    assert "40 of 200 people shown (the most mentioned, then the longest lived); 160 left out." \
        in notes
    check_layout(lay)
    result = load("timeline").render(note, ctx())
    warn = [d for d in result.diagnostics if d.code == "timeline-people"]
    assert len(warn) == 1 and warn[0].severity == Severity.WARNING
    assert warn[0].file == "dense.md" and "leaves 160 out" in warn[0].message
    left_out = [p for i, p in enumerate(note.people) if i not in drawn and p.span is not None]
    assert warn[0].line == left_out[0].line


def test_the_people_cap_is_a_setting_and_zero_draws_everyone():
    note = dense_note(60, seed=5, people=60)
    few = paged_layouts(note.events, note.people, 481.9, 10_000,
                        Style.from_settings({"figure": {"max_people": 5}}),
                        fontset_for(Style()))[0]
    assert len({b.person for b in few.bars}) == 5 and few.people_left_out == 55
    every = paged_layouts(note.events, note.people, 481.9, 10_000,
                          Style.from_settings({"figure": {"max_people": 0}}),
                          fontset_for(Style()))[0]
    assert len({b.person for b in every.bars}) == 60 and every.people_left_out == 0
    assert not [lab for lab in every.labels if "people shown" in lab.text]


def test_the_tall_svg_and_png_stack_the_pages_with_the_pdf_fills(note300):
    """timeline.png holds the pages one above the other: a mark of every page has its fill
    at the place the page's layout gives it, offset by the pages above."""
    from PIL import Image

    from studypress.figure.draw import PAGE_GAP, tint
    from studypress.renderers.timeline import TEXT_WIDTH

    files = {o.path: o.data for name in ("timeline", "png")
             for o in load(name).render(note300, ctx()).files}
    portrait, landscape = TEXT_WIDTH["a4"]
    style = Style()
    lays = paged_layouts(note300.events, note300.people, portrait, landscape, style,
                         fontset_for(style))
    img = Image.open(io.BytesIO(files["timeline.png"])).convert("RGB")
    scale = img.width / portrait
    total = sum(lay.height for lay in lays) + PAGE_GAP * (len(lays) - 1)
    assert img.height == round(total * scale)
    fill = tint(style.event_colour, 0.25)
    want = tuple(round(255 * v) for v in (fill.red, fill.green, fill.blue))
    top = 0.0  # the page's top, from the picture's top
    with pdfplumber.open(io.BytesIO(files["timeline.pdf"])) as pdf:
        assert len(pdf.pages) == len(lays) > 1
        for lay, page in zip(lays, pdf.pages, strict=True):
            span = max((m for m in lay.markers if m.kind == "span" and not m.approximate),
                       key=lambda m: m.box.x1 - m.box.x0)
            b = span.box
            cx, cy = (b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2
            pixel = img.getpixel((int(cx * scale), int((top + lay.height - cy) * scale)))
            assert all(abs(p - q) <= 4 for p, q in zip(pixel, want, strict=True)), pixel
            # the PDF page: the same fill over the same box, the drawing centred on the page
            left = (page.width - lay.width) / 2
            fills = [tuple(round(255 * v) for v in r["non_stroking_color"]) for r in page.rects
                     if r["fill"] and abs(r["x0"] - (left + b.x0)) < 0.6
                     and abs(r["x1"] - (left + b.x1)) < 0.6]
            assert want in fills or any(
                all(abs(p - q) <= 1 for p, q in zip(c, want, strict=True)) for c in fills)
            top += lay.height + PAGE_GAP


def test_a_long_undated_list_takes_pages_of_its_own():
    from studypress.model import Note

    from .test_figure_support import date, event

    events = (*(event(date(1900 + i % 30), f"dated {i}") for i in range(40)),
              *(event(None, f"Undated thing number {i} with words") for i in range(400)))
    note = Note("u", "U", "u.md", events=events)
    style = Style()
    lays = paged_layouts(note.events, note.people, 481.9, PAGE, style, fontset_for(style))
    assert len(lays) >= 3
    for lay in lays:
        check_layout(lay)
        assert lay.height <= PAGE + 0.01
        assert min(lab.size for lab in lay.labels) >= MIN_FONT_SIZE
    listed = [i for lay in lays for lab in lay.labels if lab.role == "undated"
              for i in lab.events]
    assert sorted(listed) == list(range(40, 440))  # each once
    assert sorted(m.event for lay in lays for m in lay.markers) == list(range(40))
    heads = [lab.text for lay in lays for lab in lay.labels if lab.role == "continued"]
    assert heads[-1].startswith(f"Timeline, part {len(lays)} of {len(lays)}: Undated")


def _lines(drawing) -> list:
    """Every Line shape of a Drawing, however deep in its groups."""
    from reportlab.graphics.shapes import Group, Line

    out, todo = [], list(drawing.contents)
    while todo:
        shape = todo.pop()
        if isinstance(shape, Group):
            todo.extend(shape.contents)
        elif isinstance(shape, Line):
            out.append(shape)
    return out


def test_a_page_of_undated_events_draws_no_axis():
    from .figure_notes import spread_markdown

    undated = "".join(f"- The council meets about matter {i} and adjourns.\n" for i in range(400))
    note = read_text(spread_markdown(30) + "\n## Undated\n\n" + undated, "u.md", "u")
    pages = timeline_pages(note, 481.9, PAGE)
    lists = [(d, lay) for d, lay in pages if not lay.markers]
    assert lists and len(lists) < len(pages)  # pages of the undated list, after the dated ones
    for drawing, lay in lists:
        check_layout(lay)
        assert not lay.axis_shown and not lay.ticks
        assert not _lines(drawing)  # no axis line, no ticks, no stems
        assert any(lab.role == "undated" for lab in lay.labels)
        # the list starts under the "continued" line, not below an empty axis's room
        top = max(lab.box.y1 for lab in lay.labels if lab.role != "continued")
        head = next(lab for lab in lay.labels if lab.role == "continued")
        assert head.box.y0 - top < 12
    for drawing, lay in pages[:len(pages) - len(lists)]:
        assert lay.axis_shown and _lines(drawing)
    only = read_text("# U\n\n## Timeline\n\n" + undated[:300], "o.md", "o")
    drawing, lay = timeline_pages(only, 481.9, PAGE)[0]
    assert not lay.markers and not _lines(drawing)


def test_paged_drafts_know_their_numbered_pages_before_assembly_and_assemble_the_layouts(
        note300):
    from studypress.figure.pages import paged_drafts

    style = Style()
    fs = fontset_for(style)
    planned = paged_drafts(note300.events, note300.people, 481.9, PAGE, style, fs)
    lays = planned.layouts()
    assert planned.numbered == sum(lay.numbered for lay in lays)
    again = paged_layouts(note300.events, note300.people, 481.9, PAGE, style, fontset_for(style))
    assert [(lay.height, [lab.text for lab in lay.labels]) for lay in lays] == [
        (lay.height, [lab.text for lab in lay.labels]) for lay in again]
    _check_pages(note300, lays, PAGE)


def test_paged_drafts_stop_once_as_many_pages_as_asked_are_numbered(note300):
    from studypress.figure.pages import paged_drafts

    style = Style()
    whole = paged_drafts(note300.events, note300.people, 481.9, PAGE, style, fontset_for(style))
    assert whole is not None and whole.numbered >= 1
    assert paged_drafts(note300.events, note300.people, 481.9, PAGE, style,
                        fontset_for(style), numbered_below=whole.numbered) is None
    kept = paged_drafts(note300.events, note300.people, 481.9, PAGE, style,
                        fontset_for(style), numbered_below=whole.numbered + 1)
    assert kept is not None
    assert [(a, b, d.height) for a, b, d in kept.pages] == [
        (a, b, d.height) for a, b, d in whole.pages]


def test_a_lower_first_page_with_the_same_fonts_plans_the_whole_figure_once(note300,
                                                                           monkeypatch):
    from studypress.figure import pages as paging

    style = Style()
    fresh = timeline_pages(note300, 481.9, PAGE, first_height=300.0, settings=style)
    wholes: list[int] = []
    real = paging.draft

    def counted(events, people, width, height, style, fs, *, page=None):
        if page is None:
            wholes.append(1)
        return real(events, people, width, height, style, fs, page=page)

    monkeypatch.setattr(paging, "draft", counted)
    fs = fontset_for(style)
    first = timeline_pages(note300, 481.9, PAGE, settings=style, fontset=fs)
    again = timeline_pages(note300, 481.9, PAGE, first_height=300.0, settings=style,
                           fontset=fs)
    assert len(wholes) == 1
    assert len(first) > 1
    assert [lay.labels for _, lay in again] == [lay.labels for _, lay in fresh]
    assert [lay.markers for _, lay in again] == [lay.markers for _, lay in fresh]
