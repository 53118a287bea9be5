"""The SVG's text as glyph outlines: ``timeline.svg`` shows the same on a machine without the
figure's fonts (a browser, a print shop's RIP, an editor), and ``timeline.png`` needs none.

Each run of text the figure sets in a font (what ReportLab would write as a ``<text>`` element)
is written (``svg``) as a group of ``<use>`` references to the glyphs' outlines, drawn once in
``<defs>`` in units of 1/1000 em, placed at the same advances ReportLab uses in the PDF (so the
SVG's text sits exactly where the PDF's does). The words themselves stay in the SVG's
``<desc>``, for search and for screen readers.
"""

from __future__ import annotations

import functools

EM = 1000.0  # glyph outlines are drawn in units of 1/1000 em
_COMMANDS = {"moveTo": "M", "lineTo": "L", "curveTo": "C", "closePath": "Z"}


@functools.cache
def _outliner():
    """One outliner for every glyph, which opens each font once: ReportLab otherwise makes
    one per call, reading the whole font into a new FreeType face for every character."""
    import atexit

    from reportlab.graphics.utils import FTTextPath

    # The faces are let go before FreeType itself is torn down at exit.
    atexit.register(_outliner.cache_clear)
    return FTTextPath()


@functools.lru_cache(maxsize=8192)
def _glyph(font: str, ch: str) -> str:
    """The SVG path data of one character's outline at 1000 units an em, y upwards."""
    shaped = 0xE000 <= ord(ch) <= 0xF8FF  # a shaped glyph (an Arabic joined form): by number
    ops = _read(font, ch, shaped)
    if ops is None:
        from reportlab.graphics.utils import text2PathDescription

        if shaped:
            from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr

            ch = ShapedStr(ch, [ShapeData(0, 0, 0, 0, 0, 0)])
        ops = text2PathDescription(ch, 0, 0, font, EM, truncate=0, gs=_outliner())
    return "".join(_COMMANDS[op[0]] + " ".join(map(str, map(round, op[1:]))) for op in ops)


def _read(font: str, ch: str, shaped: bool) -> list[tuple] | None:
    """The character's path read from its TrueType font's glyph table (``glyf``), as
    FreeType would hand it over; None where FreeType itself is asked (a font of another
    kind, a glyph ``glyf`` leaves to it). Loading FreeType costs a build that writes one
    figure more than outlining every character it draws."""
    from reportlab.pdfbase.pdfmetrics import getFont

    from .glyf import decompose, glyph_outline, path_ops

    face = getattr(getFont(font), "face", None)
    if face is None or not hasattr(face, "glyphPos") or "glyf" not in face.table:
        return None
    mapped = face.charToGlyph.get(ord(ch))
    if mapped is None and shaped:
        return None  # FreeType is not asked either: ReportLab fails as it did
    outline = glyph_outline(face, mapped or 0)  # FreeType draws an unmapped one as glyph 0
    if outline is None:
        return None
    return path_ops(decompose(outline), EM / face.unitsPerEm)


@functools.lru_cache(maxsize=65536)
def advance(font: str, ch: str) -> float:
    """A character's advance in 1/1000 em."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(ch, font, EM)


class Glyphs:
    """The glyphs used so far, each given an id once."""

    def __init__(self) -> None:
        self.ids: dict[tuple[str, str], str] = {}
        self.defs: list[str] = []

    def ref(self, font: str, ch: str) -> str | None:
        """The id of a character's outline; None for one with no ink (a space)."""
        key = (font, ch)
        if key not in self.ids:
            data = _glyph(font, ch)
            if not data:
                return None
            self.ids[key] = f"g{len(self.ids)}"
            self.defs.append(f'<path id="{self.ids[key]}" d="{data}"/>')
        return self.ids[key]
