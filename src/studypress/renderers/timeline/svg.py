"""``timeline.svg`` written straight from the figure's scene (``figure.scene``), its text as
glyph outlines (``outline``).

The document is, element for element and byte for byte, what ReportLab's ``renderSVG`` writes
for the scene's Drawing with ``outline_text`` applied after it: the same header, clip path and
groups, the same number formats, and each shape's ``style`` made the way ``renderSVG`` makes it
(the drawing's initial state, then the shape's own paint, in the order ReportLab applies them).
Writing the text directly skips building a DOM of tens of thousands of nodes, serialising it
and reading it back with a pattern.
"""

from __future__ import annotations

from html import escape
from typing import Any

from ...figure.scene import Circle, Line, Polygon, Rect, Scene, Text
from .outline import EM, Glyphs, advance

LINE_STYLES = frozenset(("stroke-width", "stroke-linecap", "stroke", "stroke-opacity",
                         "stroke-dasharray", "stroke-dashoffset", "id"))
AREA_STYLES = LINE_STYLES | {"fill", "fill-opacity", "fill-rule"}
FILL_STYLES = ("fill", "fill-opacity")


def _num(*args: float) -> str:
    """ReportLab's SVG coordinates: ``%f`` without trailing zeros, comma separated."""
    return ",".join(f"{a:f}".rstrip("0").rstrip(".") for a in args)


def _paint(style: dict[str, Any], what: str, color: Any) -> None:
    """A stroke or fill colour (``what``), with its opacity when not opaque; None: none."""
    if color is None:
        style[what] = "none"
        return
    style[what] = _rgb(color)
    if color.normalizedAlpha != 1:
        style[f"{what}-opacity"] = str(color.normalizedAlpha)


def _rgb(c: Any) -> str:
    return f"rgb({int(c.red * 100)}%,{int(c.green * 100)}%,{int(c.blue * 100)}%)"


class _Style:
    """The drawing's style state after ReportLab's SVG canvas has set its initial state."""

    def __init__(self, font: str) -> None:
        black = "rgb(0%,0%,0%)"
        self.base: dict[str, Any] = {"stroke": black, "stroke-linecap": "butt",
                                     "stroke-width": 1, "fill": black, "fill-rule": "evenodd",
                                     "font-family": font, "font-size": "10px"}
        self.font = font
        self.cache: dict[tuple, str] = {}

    def _stroke(self, style: dict[str, Any], color: Any, width: float, dash: Any) -> None:
        _paint(style, "stroke", color)
        if width != 1:
            style["stroke-width"] = width
        if isinstance(dash, (tuple, list)) and dash:
            style["stroke-dasharray"] = ", ".join(map(str, dash))

    def _fill(self, style: dict[str, Any], color: Any) -> None:
        _paint(style, "fill", color)

    def line(self, stroke: Any, width: float, dash: Any) -> str:
        key = ("l", stroke, width, dash)
        found = self.cache.get(key)
        if found is None:
            style = dict(self.base)
            self._stroke(style, stroke, width, dash)
            found = self.cache[key] = _format(style, LINE_STYLES)
        return found

    def area(self, fill: Any, stroke: Any, width: float, dash: Any) -> str:
        key = ("a", fill, stroke, width, dash)
        found = self.cache.get(key)
        if found is None:
            style = dict(self.base)
            self._fill(style, fill)
            self._stroke(style, stroke, width, dash)
            found = self.cache[key] = _format(style, AREA_STYLES)
        return found

    def paint(self, fill: Any) -> str:
        """A string's fill, as the outlined text's group carries it."""
        key = ("t", fill)
        found = self.cache.get(key)
        if found is None:
            style = dict(self.base)
            self._fill(style, fill)
            found = self.cache[key] = _format(style, FILL_STYLES) + " stroke:none;"
        return found


def _format(style: dict[str, Any], include: Any) -> str:
    return "; ".join(f"{k}: {v}" for k, v in style.items() if k in include) + ";"


class _Writer:
    def __init__(self, font: str) -> None:
        self.out: list[str] = []
        self.style = _Style(font)
        self.glyphs = Glyphs()
        self.texts: list[str] = []
        self.uses: dict[tuple[str, str], str] = {}
        self.chars: dict[tuple[str, str], tuple[str | None, float]] = {}  # (glyph id, advance)

    def group(self, items: list[Any], transform: tuple, indent: str) -> None:
        out = self.out
        t = "" if transform == (1, 0, 0, 1, 0, 0) else f" matrix({_num(*transform)})"
        if not items:
            out.append(f'{indent}<g transform="{t}"/>\n')
            return
        out.append(f'{indent}<g transform="{t}">\n')
        inner = indent + "\t"
        for item in items:
            self.item(item, inner)
        out.append(f"{indent}</g>\n")

    def item(self, item: Any, indent: str) -> None:
        kind = type(item)
        style = self.style
        if kind is Text:
            self.text(item, indent)
        elif kind is Line:
            if item.stroke is not None:
                self.out.append(f'{indent}<path d="M {_num(item.x1, item.y1)} L '
                                f'{_num(item.x2, item.y2)} Z" '
                                f'style="{style.line(item.stroke, item.width, item.dash)}"/>\n')
        elif kind is Rect:
            x1, y1, x2, y2 = item.x, item.y, item.x + item.w, item.y + item.h
            x, y = min(x1, x2), min(y1, y2)
            paint = style.area(item.fill, item.stroke, item.width, item.dash)
            self.out.append(f'{indent}<rect x="{x}" y="{y}" width="{max(x1, x2) - x}" '
                            f'height="{max(y1, y2) - y}" style="{paint}"/>\n')
        elif kind is Circle:
            paint = style.area(item.fill, item.stroke, item.width, item.dash)
            self.out.append(f'{indent}<circle cx="{item.cx}" cy="{item.cy}" r="{item.r}" '
                            f'style="{paint}"/>\n')
        elif kind is Polygon:
            if item.stroke is not None or item.fill is not None:
                self.polygon(item, indent)
        else:
            self.group(item.items, item.transform, indent)

    def polygon(self, item: Polygon, indent: str) -> None:
        from reportlab.lib.rl_accel import fp_str

        p = item.points
        pts = ", ".join(fp_str(p[i], p[i + 1]) for i in range(0, len(p), 2))
        self.out.append(f'{indent}<polygon points="{pts}" '
                        f'style="{self.style.area(item.fill, item.stroke, item.width, None)}"/>\n')

    def text(self, item: Text, indent: str) -> None:
        if item.fill is None:
            return
        text = str(item.text)
        self.texts.append(text)
        font = item.font.strip()
        s = float(str(item.size)) / EM
        key = (font, text)
        uses = self.uses.get(key)
        if uses is None:  # a text's glyphs, once numbered, are the same glyphs every time
            uses = self.uses[key] = self.outline(font, text)
        place = (f"translate(0,{int(2 * item.y)}) scale(1,-1) translate({item.x},{item.y}) "
                 f"scale({s:.6g},{-s:.6g})")
        self.out.append(f'{indent}<g transform="{place}" style="{self.style.paint(item.fill)}">'
                        f"{uses}</g>\n")

    def outline(self, font: str, text: str) -> str:
        """The ``<use>`` of each inked character of ``text``, at its advance."""
        uses: list[str] = []
        x = 0.0
        known = self.chars
        for ch in text:
            found = known.get((font, ch))
            if found is None:  # each character's outline and advance looked up once
                found = known[font, ch] = (self.glyphs.ref(font, ch), advance(font, ch))
            r, step = found
            if r is not None:
                uses.append(f'<use xlink:href="#{r}" x="{x:.0f}"/>')
            x += step
        return "".join(uses)


def scene_svg(scene: Scene, title: str) -> str:
    """The scene as ``timeline.svg``: titled, its words in ``<desc>``, its text outlined."""
    w = _Writer(scene.font)
    w.group(scene.items, (1, 0, 0, 1, 0, 0), "\t\t")
    width, height = scene.width, scene.height
    defs = "<defs>" + "".join(w.glyphs.defs) + "</defs>\n" if w.glyphs.defs else ""
    desc = "\n".join(escape(t, quote=False) for t in w.texts if t.strip())
    head = (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE svg\n'
        "  PUBLIC '-//W3C//DTD SVG 1.0//EN'\n"
        "  'http://www.w3.org/TR/2001/REC-SVG-20010904/DTD/svg10.dtd'>\n"
        f'<svg width="{width}" height="{height}" preserveAspectRatio="xMinYMin meet" '
        f'viewBox="0 0 {int(width)} {int(height)}" xmlns="http://www.w3.org/2000/svg" '
        'version="1.0" fill-rule="evenodd" xmlns:xlink="http://www.w3.org/1999/xlink">\n'
        f"{defs}\t<title>{escape(title, quote=False)}</title>\n"
        f"\t{f'<desc>{desc}</desc>' if desc else ''}\n"
        '\t<clipPath id="clip">\n'
        f'\t\t<rect x="0" y="0" width="{width}" height="{height}"/>\n'
        "\t</clipPath>\n"
        f'\t<g id="group" transform="scale(1,-1) translate(0,-{int(height)})" '
        'style="clip-path: url(#clip)">\n')
    return head + "".join(w.out) + "\t</g>\n</svg>\n"
