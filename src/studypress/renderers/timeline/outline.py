"""The SVG's text as glyph outlines: ``timeline.svg`` shows the same on a machine without the
figure's fonts (a browser, a print shop's RIP, an editor), and ``timeline.png`` needs none.

ReportLab writes each run of text as a ``<text>`` element set in a named font. Each becomes a
group of ``<use>`` references to the glyphs' outlines, drawn once in ``<defs>`` in units of
1/1000 em, placed at the same advances ReportLab uses in the PDF (so the SVG's text sits exactly
where the PDF's does). The words themselves stay in the SVG's ``<desc>``, for search and for
screen readers.
"""

from __future__ import annotations

import functools
import html
import re
from xml.sax.saxutils import escape

_TEXT = re.compile(
    r'<text x="(?P<x>[^"]+)" y="(?P<y>[^"]+)" style="font-family: (?P<font>[^;]+); '
    r'font-size: (?P<size>[^;]+)px;(?P<paint>[^"]*)" transform="(?P<t>[^"]*)">'
    r"(?P<text>.*?)</text>", re.S)
_ROOT_END = re.compile(r"(<svg\b[^>]*>)")
EM = 1000.0  # glyph outlines are drawn in units of 1/1000 em


@functools.lru_cache(maxsize=8192)
def _glyph(font: str, ch: str) -> str:
    """The SVG path data of one character's outline at 1000 units an em, y upwards."""
    from reportlab.graphics.utils import text2PathDescription

    if 0xE000 <= ord(ch) <= 0xF8FF:  # a shaped glyph (an Arabic joined form): by its number
        from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr

        ch = ShapedStr(ch, [ShapeData(0, 0, 0, 0, 0, 0)])
    parts: list[str] = []
    for op in text2PathDescription(ch, 0, 0, font, EM, truncate=0):
        name, *xy = op
        nums = " ".join(f"{round(v)}" for v in xy)
        parts.append({"moveTo": "M", "lineTo": "L", "curveTo": "C",
                      "closePath": "Z"}[name] + nums)
    return "".join(parts)


@functools.lru_cache(maxsize=65536)
def _advance(font: str, ch: str) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(ch, font, EM)


class _Glyphs:
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


def outline_text(svg: str) -> tuple[str, list[str]]:
    """``svg`` (as ReportLab writes it, fonts by their ReportLab names) with every ``<text>``
    drawn as outlines; also the texts replaced, in order."""
    glyphs = _Glyphs()
    texts: list[str] = []

    def repl(m: re.Match[str]) -> str:
        text = html.unescape(m.group("text"))
        texts.append(text)
        font, size = m.group("font").strip(), float(m.group("size"))
        s = size / EM
        uses: list[str] = []
        x = 0.0
        for ch in text:
            ref = glyphs.ref(font, ch)
            if ref is not None:
                uses.append(f'<use xlink:href="#{ref}" x="{x:.0f}"/>')
            x += _advance(font, ch)
        place = (f'{m.group("t")} translate({m.group("x")},{m.group("y")}) '
                 f"scale({s:.6g},{-s:.6g})")
        return f'<g transform="{place}" style="{m.group("paint").strip()}">{"".join(uses)}</g>'

    out = _TEXT.sub(repl, svg)
    if glyphs.defs:
        defs = "<defs>" + "".join(glyphs.defs) + "</defs>"
        out = _ROOT_END.sub(lambda m: m.group(1) + "\n" + defs, out, count=1)
    return out, texts


def describe(svg: str, texts: list[str]) -> str:
    """The SVG with its ``<desc>`` holding the figure's words, one text a line."""
    lines = "\n".join(escape(t) for t in texts if t.strip())
    return svg.replace("<desc>...</desc>", f"<desc>{lines}</desc>" if lines else "", 1)

