"""The SVG's glyph outlines read from the fonts' own glyph tables are FreeType's, to the last
bit: every character of every packaged face, composite glyphs included."""

from __future__ import annotations

import pytest
from reportlab.graphics.utils import text2PathDescription
from reportlab.pdfbase.pdfmetrics import getFont

from studypress import fonts
from studypress.renderers.timeline import outline


def _faces() -> list[str]:
    names = []
    for kind in ("sans", "serif"):
        fam = fonts.family(kind)
        names += [fam.regular, fam.italic, fam.bold, fam.bolditalic]
    return names + list(fonts.shipped_fallbacks())


def _freetype(font: str, ch: str) -> list[tuple]:
    return text2PathDescription(ch, 0, 0, font, outline.EM, truncate=0, gs=outline._outliner())


@pytest.mark.parametrize("font", _faces())
def test_every_character_reads_as_freetype_reads_it(font):
    face = getFont(font).face
    chars = [chr(c) for c in sorted(face.charToGlyph) if not 0xE000 <= c <= 0xF8FF]
    chars.append("\u4e00")  # in none of them: FreeType draws glyph 0
    read = [(ch, outline._read(font, ch, False)) for ch in chars]
    assert all(ops is not None for _, ops in read)
    assert [ops for _, ops in read] == [_freetype(font, ch) for ch, _ in read]


def test_composites_moved_by_a_part_that_gives_the_metrics_read_as_freetype_reads_them():
    serif = fonts.family("serif")
    for font in (serif.italic, serif.bolditalic):
        for ch in "\u215d\u2075\u2085\u00e9\u00c5":  # ⅝ ⁵ ₅ é Å
            assert outline._read(font, ch, False) == _freetype(font, ch)


def test_a_glyph_by_its_number_reads_as_freetype_reads_it():
    from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr

    font = fonts.shipped_fallbacks()[0]
    face = getFont(font).face
    free = [c for c in range(0xE000, 0xE000 + 400) if c not in face.charToGlyph]
    for glyph, code in zip(range(1, 400, 7), free, strict=False):
        face.charToGlyph[code] = glyph
        try:
            shaped = ShapedStr(chr(code), [ShapeData(0, 0, 0, 0, 0, 0)])
            assert outline._read(font, chr(code), True) == _freetype(font, shaped)
        finally:
            del face.charToGlyph[code]


def test_the_svg_of_a_figure_needs_no_freetype():
    import subprocess
    import sys

    code = ("import sys\n"
            "from studypress.figure import fontset_for, Style\n"
            "from studypress.figure.draw import scene\n"
            "from studypress.figure.layout import layout\n"
            "from studypress.renderers.timeline.svg import scene_svg\n"
            "from studypress.model import Day, Event, HistoricalDate, Precision, text\n"
            "d = HistoricalDate('1917', Day(1917, 1, 1), Day(1917, 12, 31), Precision.YEAR,"
            " '1917', '1917')\n"
            "events = (Event(d, text('Revolution in Petrograd, é and Å'), 1),)\n"
            "style = Style(); fs = fontset_for(style)\n"
            "svg = scene_svg(scene(layout(events, (), 481.9, None, style, fs), style, fs), 't')\n"
            "assert '<path id=' in svg\n"
            "print('freetype' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
