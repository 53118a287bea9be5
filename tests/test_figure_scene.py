"""The figure's scene written straight to SVG and painted straight onto a PDF canvas gives the
very bytes ReportLab's own renderers give for the scene's Drawing (``renderSVG`` with its text
then outlined, ``renderPDF``): one-page and continued figures, a shrunk one, every mark and
right-to-left text."""

from __future__ import annotations

import html
import io
import re
from dataclasses import replace
from xml.sax.saxutils import escape

import pytest

from studypress.figure import Style, fontset_for
from studypress.figure.draw import draw_pages, scene
from studypress.figure.layout import layout
from studypress.figure.pages import paged_layouts
from studypress.figure.paint import drawing
from studypress.figure.scene import shape
from studypress.reader import read_text
from studypress.renderers.timeline.outline import EM, Glyphs, advance
from studypress.renderers.timeline.svg import scene_svg

from .conftest import CORPUS, NOTES, read
from .figure_notes import dense_note
from .test_bidi import NOTE as ARABIC

_TEXT = re.compile(
    r'<text x="(?P<x>[^"]+)" y="(?P<y>[^"]+)" style="font-family: (?P<font>[^;]+); '
    r'font-size: (?P<size>[^;]+)px;(?P<paint>[^"]*)" transform="(?P<t>[^"]*)">'
    r"(?P<text>.*?)</text>", re.S)


def reference_svg(drawing, title: str) -> str:
    """ReportLab's SVG of the drawing, titled, its ``<text>`` elements replaced by glyph
    outlines and its words put in ``<desc>``: what ``scene_svg`` must write."""
    from reportlab.graphics import renderSVG

    svg = renderSVG.drawToString(drawing)
    svg = svg.replace("<title>...</title>", f"<title>{escape(title)}</title>", 1)
    glyphs, texts = Glyphs(), []

    def outlined(m: re.Match[str]) -> str:
        text = html.unescape(m.group("text"))
        texts.append(text)
        font, s = m.group("font").strip(), float(m.group("size")) / EM
        uses, x = [], 0.0
        for ch in text:
            ref = glyphs.ref(font, ch)
            if ref is not None:
                uses.append(f'<use xlink:href="#{ref}" x="{x:.0f}"/>')
            x += advance(font, ch)
        place = (f'{m.group("t")} translate({m.group("x")},{m.group("y")}) '
                 f"scale({s:.6g},{-s:.6g})")
        return f'<g transform="{place}" style="{m.group("paint").strip()}">{"".join(uses)}</g>'

    svg = _TEXT.sub(outlined, svg)
    if glyphs.defs:
        svg = re.sub(r"(<svg\b[^>]*>)", lambda m: m.group(1) + "\n<defs>"
                     + "".join(glyphs.defs) + "</defs>", svg, count=1)
    lines = "\n".join(escape(t) for t in texts if t.strip())
    return svg.replace("<desc>...</desc>", f"<desc>{lines}</desc>" if lines else "", 1)


def to_drawing(scene):
    """The Drawing of the scene's shapes, as ReportLab holds it."""
    from reportlab.graphics.shapes import Drawing

    d = Drawing(scene.width, scene.height, initialFontName=scene.font)
    for item in scene.items:
        d.add(shape(item))
    return d


def pdf_bytes(scenes, painter) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(800, 1200), invariant=1, initialFontName=scenes[0].font)
    for s in scenes:
        painter(s, canvas)
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def check(whole, pages, title: str = "Timeline: a note") -> None:
    from reportlab.graphics import renderPDF, renderSVG

    from studypress.figure.paint import paint

    svg = reference_svg(to_drawing(whole), title)
    assert scene_svg(whole, title) == svg
    theirs = pdf_bytes(pages, lambda s, c: renderPDF.draw(to_drawing(s), c, 20, 30))
    assert pdf_bytes(pages, lambda s, c: paint(s, c, 20, 30)) == theirs
    # the Drawing the guide places: painted from the scene, the same again
    assert pdf_bytes(pages, lambda s, c: renderPDF.draw(drawing(s), c, 20, 30)) == theirs
    # drawn by another renderer, and read shape by shape: the shapes themselves
    plain = renderSVG.drawToString(to_drawing(whole))
    assert renderSVG.drawToString(drawing(whole)) == plain
    assert len(_shapes(drawing(whole))) == len(_shapes(to_drawing(whole)))


def _shapes(d) -> list:
    from reportlab.graphics.shapes import Group

    out, todo = [], list(d.contents)
    while todo:
        node = todo.pop()
        if isinstance(node, Group):
            todo.extend(node.contents)
        out.append(node)
    return out


def figures():
    """(name, note, style): notes of every shape the figure draws."""
    style = Style()
    out = [(p.name, read(p.name), style) for p in CORPUS]
    out += [(p.name, read(f"lang/{p.name}"), style) for p in sorted((NOTES / "lang").glob("*.md"))]
    out.append(("arabic", read_text(ARABIC, "notes/arabic.md", "arabic"), style))
    out.append(("dense", dense_note(300), style))
    return [(name, note, st) for name, note, st in out if note.events]


@pytest.mark.parametrize("name,note,style", figures(), ids=lambda v: v if isinstance(v, str)
                         else "")
def test_the_scene_writes_what_reportlab_writes(name, note, style):
    fs = fontset_for(style)
    lays = paged_layouts(note.events, note.people, 481.9, 690.0, style, fs)
    if len(lays) == 1:
        whole = scene(lays[0], style, fs)
        check(whole, [whole], f"Timeline: {note.title} & <more>")
    else:
        check(*draw_pages(lays, style, fs))


def test_a_shrunk_figure_writes_what_reportlab_writes(seed):
    style = replace(Style(), height=120.0)
    fs = fontset_for(style)
    lay = layout(seed.events, seed.people, 481.9, 120.0, style, fs)
    assert lay.scale < 1.0
    whole = scene(lay, style, fs, 120.0)
    check(whole, [whole])


def test_an_invariant_reportlab_paints_what_it_writes(seed, monkeypatch):
    """ReportLab run invariant applies a shape's state in sorted order: so does the painter."""
    from reportlab import rl_config

    monkeypatch.setattr(rl_config, "invariant", 1)
    style = Style()
    fs = fontset_for(style)
    for note in (seed, dense_note(300)):
        lays = paged_layouts(note.events, note.people, 481.9, 690.0, style, fs)
        if len(lays) == 1:
            whole = scene(lays[0], style, fs)
            check(whole, [whole])
        else:
            check(*draw_pages(lays, style, fs))
