"""One line of text as a canvas or the figure draws it: font runs cut where the direction
changes, put in visual order (``bidi``), right-to-left runs shaped.

A run that reads right to left is shaped by HarfBuzz (Arabic letters joined, Hebrew points
placed), which hands its glyphs back in visual order; a right-to-left run in a font that cannot
be shaped (brackets, a full stop) is reversed and mirrored here. Left-to-right runs come back as
they were, flagged when their script must still be shaped (Devanagari). A line without a
right-to-left character comes back exactly as its runs were.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence

from . import bidi, fonts

#: (text as drawn, font name, shape it while drawing)
Run = tuple[str, str, bool]


def visual(pieces: Sequence[tuple[str, str]]) -> list[Run]:
    """The (run, font) pieces of one line, in logical order, as runs to draw left to right."""
    text = "".join(run for run, _ in pieces)
    if not bidi.has_rtl(text):
        return [(run, font, fonts.needs_shaping(run)) for run, font in pieces]
    base = bidi.base_level(text)
    line = bidi.line_levels(text, bidi.levels(text, base), base)
    units: list[tuple[str, str, int]] = []
    start = 0
    for run, font in pieces:
        for level, group in itertools.groupby(range(start, start + len(run)),
                                              key=line.__getitem__):
            span = list(group)
            units.append((text[span[0]:span[-1] + 1], font, level))
        start += len(run)
    order = bidi.visual_order([level for _, _, level in units])
    return [_drawn(*units[k]) for k in order]


def _drawn(text: str, font: str, level: int) -> Run:
    if level % 2 == 0:
        return text, font, fonts.needs_shaping(text)
    shaped = _shaped(text, font) if any(map(fonts.is_rtl, text)) else None
    if shaped is not None:
        return shaped, font, False
    return bidi.mirrored(text[::-1]), font, False


@functools.lru_cache(maxsize=16384)
def _shaped(text: str, font: str) -> str | None:
    """``text`` shaped right to left (glyphs in visual order), None when the font is not
    shaped (the document's faces) or shaping changes nothing."""
    from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr

    guard_rise()
    out = shapeStr(text, font, 1000)
    return out if isinstance(out, ShapedStr) else None


def width(run: str, font: str, size: float, shape: bool = False) -> float:
    """The advance of one drawn run at ``size`` points."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfbase.ttfonts import ShapedStr

    if isinstance(run, ShapedStr):
        return sum(d.x_advance for d in run.__shapeData__) * size / 1000
    if shape:
        from reportlab.pdfgen.textobject import bidiShapedText

        return bidiShapedText(run, None, fontName=font, fontSize=size, shaping=True)[1]
    return stringWidth(run, font, size)


def placed(run: str, size: float) -> list[tuple[str, float, float]]:
    """A drawn run as pieces placed from its start, (text, dx, dy) in points: one piece for
    a plain run; for a shaped one, a piece per glyph HarfBuzz moved off its plain place (an
    Arabic letter's dots and vowel marks, a kerned pair) between pieces of plain glyphs.
    The SVG's glyph outlines know nothing of HarfBuzz's positions; these carry them."""
    from reportlab.pdfbase.ttfonts import ShapedStr

    if not isinstance(run, ShapedStr):
        return [(run, 0.0, 0.0)]
    scale = size / 1000
    out: list[tuple[str, float, float]] = []
    pen = 0.0
    plain = False  # the last piece takes the next glyph if both sit in their plain place
    for ch, d in zip(str(run), run.__shapeData__, strict=True):
        here = not d.x_offset and not d.y_offset and d.x_advance == d.width
        if here and plain:
            out[-1] = (out[-1][0] + ch, out[-1][1], 0.0)
        else:
            out.append((ch, pen + d.x_offset * scale, d.y_offset * scale))
        plain = here
        pen += d.x_advance * scale
    return out


@functools.cache
def guard_rise() -> None:
    """Let ReportLab draw a shaped run whose first glyph sits off the baseline (an Arabic mark,
    first in visual order): its ``setRise`` looks back at the text drawn before the run, and
    fails when there is none. Text drawn before stays exactly as it was."""
    from reportlab.pdfgen.textobject import PDFTextObject

    original = PDFTextObject.setRise

    def set_rise(self, rise: float) -> None:
        if not self._code:
            self._code.append("")
        original(self, rise)

    PDFTextObject.setRise = set_rise
