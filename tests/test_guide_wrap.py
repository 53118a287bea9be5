"""A paragraph is broken into lines once per width (pdf.paragraph), the first pass of the
guide draws no text, and none of it changes a byte of the guide."""

from __future__ import annotations

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph as PlainParagraph
from reportlab.platypus import paragraph as rl_paragraph

from studypress import fonts
from studypress.reader import read_note
from studypress.renderers.guide.doc import drafting
from studypress.renderers.pdf import paragraph as pdf_paragraph
from studypress.renderers.pdf.paragraph import Paragraph

from .calls import record_calls
from .conftest import NOTES
from .test_guide_support import render

TEXT = ("The delegation crossed the <b>frontier</b> at dawn and was received by the council, "
        "which debated the treaty for three days before it agreed to its terms. ") * 3


def _style() -> ParagraphStyle:
    return ParagraphStyle("body", fontName=fonts.family("serif").regular, fontSize=10,
                          leading=13)


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    broken: list[object] = []
    real = PlainParagraph.breakLines

    def breakLines(self, width):
        broken.append(width)
        return real(self, width)

    monkeypatch.setattr(PlainParagraph, "breakLines", breakLines)
    return broken


def _lines(p: PlainParagraph) -> list[str]:
    return [" ".join(w.text for w in line.words) for line in p.blPara.lines]


def test_a_second_wrap_at_the_same_width_keeps_the_lines(monkeypatch) -> None:
    broken = _counting(monkeypatch)
    p = Paragraph(TEXT, _style())
    first = p.wrap(200, 800)
    lines = _lines(p)
    assert p.wrap(200, 800) == first
    assert _lines(p) == lines
    assert len(broken) == 1


def test_another_width_breaks_the_lines_anew(monkeypatch) -> None:
    broken = _counting(monkeypatch)
    p = Paragraph(TEXT, _style())
    p.wrap(200, 800)
    narrow = p.wrap(120, 800)
    fresh = Paragraph(TEXT, _style())
    assert narrow == fresh.wrap(120, 800)
    assert _lines(p) == _lines(fresh)
    assert len(broken) == 3
    assert p.wrap(200, 800) == Paragraph(TEXT, _style()).wrap(200, 800)


def test_a_split_paragraph_is_wrapped_anew(monkeypatch) -> None:
    p = Paragraph(TEXT, _style())
    p.wrap(200, 800)
    top, _rest = p.split(200, 30)
    assert len(top.blPara.lines) == 2
    broken = _counting(monkeypatch)
    p.wrap(200, 800)
    assert len(broken) == 1


def _drawn(*paragraphs: Paragraph) -> list[bytes]:
    """Each paragraph drawn on a page of its own: the pages' content streams."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(io.BytesIO(), pageCompression=0)
    out = []
    for p in paragraphs:
        p.wrap(200, 800)
        p.drawOn(c, 10, 10)
        out.append("\n".join(c._code).encode())
        c.showPage()
    return out


def test_a_paragraph_drawn_again_keeps_its_lines_and_prints_the_same(monkeypatch) -> None:
    p = Paragraph(TEXT, _style())
    once = _drawn(Paragraph(TEXT, _style()))[0]
    broken = _counting(monkeypatch)
    assert _drawn(p, p, p) == [once] * 3
    assert len(broken) == 1


def test_reportlabs_right_to_left_wrapping_breaks_anew_after_drawing(monkeypatch) -> None:
    style = ParagraphStyle("rtl", parent=_style(), wordWrap="RTL")
    p = Paragraph(TEXT, style)
    broken = _counting(monkeypatch)
    _drawn(p, p)
    assert len(broken) == 2


@pytest.mark.parametrize("name", ["roman-republic-timeline.md", "messy-notes.md",
                                  "russian-history-ii-us-recognition-study-guide.md"])
def test_the_guide_is_the_same_as_with_reportlabs_own_wrapping(monkeypatch, name) -> None:
    note = read_note(NOTES / name, name)
    fast, _ = render(note)
    monkeypatch.setattr(Paragraph, "wrap", PlainParagraph.wrap)
    monkeypatch.setattr(Paragraph, "split", PlainParagraph.split)
    monkeypatch.setattr(Paragraph, "drawOn", PlainParagraph.drawOn)
    monkeypatch.setattr(rl_paragraph, "stringWidth", pdfmetrics.stringWidth)
    slow, _ = render(note)
    assert fast == slow


def test_the_first_pass_draws_no_paragraph(monkeypatch) -> None:
    drawn: list[bool] = []
    real = PlainParagraph.drawOn

    def drawOn(self, canvas, *args, **kwargs):
        drawn.append(drafting(canvas))
        return real(self, canvas, *args, **kwargs)

    monkeypatch.setattr(PlainParagraph, "drawOn", drawOn)
    render(read_note(NOTES / "roman-republic-timeline.md", "roman.md"))
    assert drawn and not any(drawn)


def test_a_table_asked_again_for_the_same_room_is_not_measured_again(monkeypatch) -> None:
    from reportlab.platypus import Table

    from studypress.renderers.guide.doc import RowTable

    def rows() -> list[list[Paragraph]]:
        return [[Paragraph(f"{1900 + k}", _style()), Paragraph(TEXT, _style())]
                for k in range(6)]

    measured = record_calls(monkeypatch, Table, "_calc", lambda _self, w, h: (w, h))
    table = RowTable(rows(), colWidths=[60, 300])
    size = table.wrap(360, 500)
    assert table.wrap(360, 500) == size
    assert measured == [(360, 500)]
    parts = table.split(360, 500)
    assert measured == [(360, 500)]
    assert len(parts) == 2
    assert table.wrap(360, 900) == size  # another height: every row was measured already
    assert measured == [(360, 500)]
    table.wrap(300, 900)  # another width: measured anew
    assert measured == [(360, 500), (300, 900)]
    assert table.wrap(360, 700) == size
    assert RowTable(rows(), colWidths=[60, 300]).wrap(360, 500) == size


def test_a_table_with_spanned_cells_is_measured_anew_for_another_height(monkeypatch) -> None:
    from reportlab.platypus import Table, TableStyle

    from studypress.renderers.guide.doc import RowTable

    measured = record_calls(monkeypatch, Table, "_calc", lambda _self, w, h: (w, h))
    rows = [[Paragraph(TEXT, _style()), ""] for _ in range(4)]
    table = RowTable(rows, colWidths=[180, 180], style=TableStyle([("SPAN", (0, 0), (1, 0))]))
    table.wrap(360, 500)
    table.wrap(360, 900)
    assert measured == [(360, 500), (360, 900)]


def test_a_table_measured_in_one_height_is_the_table_measured_in_another() -> None:
    from studypress.renderers.guide.doc import RowTable

    def rows() -> list[list[Paragraph]]:
        return [[Paragraph(f"{1900 + k}", _style()), Paragraph(TEXT * (k % 3 + 1), _style())]
                for k in range(12)]

    def state(table: RowTable) -> tuple[object, ...]:
        return (table._width, table._height, table._rowHeights, table._rowpositions,
                table._colpositions, table._hmax)

    for low, high in ((120, 900), (900, 120), (40, 2000)):
        once = RowTable(rows(), colWidths=[60, 300])
        once.wrap(360, low)
        fresh = RowTable(rows(), colWidths=[60, 300])
        fresh.wrap(360, high)
        assert state(once) == state(fresh)
        assert [len(p._cellvalues) for p in once.split(360, high)] == \
            [len(p._cellvalues) for p in fresh.split(360, high)]


@pytest.mark.parametrize("text", ["The council met at dawn.", "  two\n  lines  ", "a > b",
                                  "Революция и Αθήνα"])
@pytest.mark.parametrize("face", ["regular", "bold", "italic"])
def test_text_without_markup_gets_the_pieces_reportlabs_parser_makes(text, face) -> None:
    style = ParagraphStyle("x", fontName=getattr(fonts.family("serif"), face), fontSize=9,
                           textTransform="uppercase" if face == "bold" else None)
    ours, theirs = Paragraph(text, style), PlainParagraph(text, style)
    assert ours.text == theirs.text
    assert ([list(f.__dict__.items()) for f in ours.frags]
            == [list(f.__dict__.items()) for f in theirs.frags])


def test_only_markup_goes_through_reportlabs_parser(monkeypatch) -> None:
    from reportlab.platypus.paraparser import ParaParser

    parsed = record_calls(monkeypatch, ParaParser, "parse", lambda _self, text, _style: text)
    Paragraph("plain words", _style())
    Paragraph("Tom &amp; Jerry", _style())
    Paragraph("a <b>bold</b> word", _style())
    assert parsed == ["Tom &amp; Jerry", "a <b>bold</b> word"]


@pytest.mark.parametrize("name", ["roman-republic-timeline.md", "messy-notes.md",
                                  "russian-history-ii-us-recognition-study-guide.md"])
def test_the_guide_is_the_same_as_with_reportlabs_parser_for_every_paragraph(monkeypatch,
                                                                            name) -> None:
    import re

    note = read_note(NOTES / name, name)
    fast, _ = render(note)
    monkeypatch.setattr(pdf_paragraph, "_MARKUP", re.compile(""))  # matches any text
    slow, _ = render(note)
    assert fast == slow


def test_the_first_pass_puts_no_text_and_no_table_on_its_pages(monkeypatch) -> None:
    from reportlab.pdfgen.canvas import Canvas

    drafts: list[str] = []
    real = Canvas.showPage

    def showPage(self):
        if drafting(self):
            drafts.append("\n".join(self._code))
        return real(self)

    monkeypatch.setattr(Canvas, "showPage", showPage)
    for name in ("roman-republic-timeline.md", "russian-history-ii-us-recognition-study-guide.md"):
        render(read_note(NOTES / name, name))
    assert drafts
    for page in drafts:
        assert " Tf" not in page and "BT" not in page  # no footer, header, contents or cell
        assert " re" not in page  # no table's shading


def test_the_frame_deep_copied_is_an_equal_and_separate_frame() -> None:
    import copy

    from reportlab.platypus import FrameBreak

    from studypress.renderers.guide.doc import BodyFrame

    frame = BodyFrame(10, 20, 400, 700, id="body", leftPadding=0)
    frame._frameBGs = [("white", 0, 0)]
    frame.add_generated_content(FrameBreak)
    twin = copy.deepcopy(frame)
    assert type(twin) is BodyFrame and twin.__dict__.keys() == frame.__dict__.keys()
    assert {k: v for k, v in twin.__dict__.items() if k != "_generated_content"} == \
        {k: v for k, v in frame.__dict__.items() if k != "_generated_content"}
    twin._frameBGs.append("more")
    twin._generated_content.append(FrameBreak)
    assert frame._frameBGs == [("white", 0, 0)] and len(frame._generated_content) == 1
