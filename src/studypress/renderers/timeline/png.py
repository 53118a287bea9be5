"""``timeline.png``, the ``png`` output, made only when asked for (``--only png``, or ``"png"``
in ``outputs``): the figure's SVG rasterised by resvg.

Rasterising a figure takes as long as laying it out and drawing it, so a build after each edit
does not wait for it; the figure it rasterises is the one ``timeline.svg`` holds, with the same
warnings (the build reports them once).

Rendering the SVG (rather than the drawing again through ReportLab's renderPM) makes the PNG the
same picture as the SVG, needs no cairo, and is several times faster: renderPM's only backend
copies the cairo surface into PIL pixel by pixel in Python. Only the font files the drawing uses
are loaded, never the machine's own fonts, so the PNG is the same on every machine.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..base import Output, RenderContext, RenderResult

if TYPE_CHECKING:
    from ...model import Note
    from . import Figure

_ROOT = re.compile(r"<svg\b[^>]*>")
_CLIP = ' style="clip-path: url(#clip)"'


def font_files(drawing: Any) -> list[str]:
    """The files of every font the drawing's strings are set in, sorted."""
    from reportlab.graphics.shapes import Group, String
    from reportlab.pdfbase import pdfmetrics

    names: set[str] = set()
    stack = [drawing]
    while stack:
        node = stack.pop()
        if isinstance(node, String):
            names.add(node.fontName)
        elif isinstance(node, Group) or node is drawing:
            stack.extend(node.contents)
    return sorted({pdfmetrics.getFont(name).face.filename for name in names})


def _sized(svg: str, width: float, height: float, px_w: int, px_h: int) -> str:
    """The SVG with its root drawn exactly ``px_w`` x ``px_h`` pixels over the drawing's box.

    ReportLab writes the viewBox in whole points (``0 0 481 204`` for 481.9 x 204.35), which
    would make the picture a pixel short; its one clip path is the drawing's own box, which the
    viewport clips anyway, and clipping costs resvg a full-size mask.
    """
    root = (f'<svg width="{px_w}" height="{px_h}" viewBox="0 0 {width:g} {height:g}" '
            'preserveAspectRatio="none" xmlns="http://www.w3.org/2000/svg" '
            'xmlns:xlink="http://www.w3.org/1999/xlink">')
    return _ROOT.sub(root, svg, count=1).replace(_CLIP, "", 1)


def svg_png(svg: str, width: float, height: float, dpi: float, fonts: list[str],
            family: str) -> bytes:
    """The PNG of an SVG drawing ``width`` x ``height`` points at ``dpi``, on white.

    ``fonts`` are the font files to load; ``family`` is the font family that stands for
    ``sans-serif`` (the fallback runs' family in the SVG), so glyphs fall back from it to the
    other files given.
    """
    import resvg_py

    px_w, px_h = max(1, round(width * dpi / 72)), max(1, round(height * dpi / 72))
    return bytes(resvg_py.svg_to_bytes(
        svg_string=_sized(svg, width, height, px_w, px_h), background="#ffffff",
        skip_system_fonts=True, font_files=fonts, sans_serif_family=family,
        font_family=family))


class PngRenderer:
    name = "png"

    def render(self, note: Note, ctx: RenderContext) -> RenderResult:
        from . import render_figure

        return render_figure(note, ctx, _png)


def _png(note: Note, ctx: RenderContext, fig: Figure) -> list[Output]:
    d = fig.scene
    return [Output("timeline.png", svg_png(fig.svg, d.width, d.height, fig.style.dpi, [],
                                           "sans-serif"))]


RENDERER = PngRenderer()
