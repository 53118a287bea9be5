"""``timeline.svg`` and ``timeline.png``: the note's timeline figure as files.

The box is the text width of the build's page (A4 or Letter, portrait), widened to the landscape
text width when the portrait figure would have to fall back to numbered marks and a key.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from ...model import Diagnostic, Note, Severity
from ..base import Output, RenderContext, RenderResult

if TYPE_CHECKING:
    from ...figure.style import Style

# Text widths with 2 cm (A4) and 0.75 in (Letter) side margins, in points.
TEXT_WIDTH = {"a4": (481.9, 728.5), "letter": (504.0, 684.0)}

_SVG_FONTS = {
    "StudypressSans": "'Source Sans Pro', 'Source Sans 3', sans-serif",
    "StudypressSerif": "'Source Serif Pro', 'Source Serif 4', serif",
}
_FONT_DECL = re.compile(r"font-family: (Studypress[A-Za-z]+)-([a-z]+)(?:-pinned)?;")
_FALLBACK_DECL = re.compile(r"font-family: StudypressFallback-[^;]*;")


def svg_fonts(svg: str) -> str:
    """Name the embedded fonts as a browser knows them: family, weight and a generic fallback."""

    def repl(m: re.Match[str]) -> str:
        family = _SVG_FONTS.get(m.group(1), "sans-serif")
        style = m.group(2)
        weight = "bold" if "bold" in style else "normal"
        slant = "italic" if "italic" in style else "normal"
        return f"font-family: {family}; font-weight: {weight}; font-style: {slant};"

    svg = _FONT_DECL.sub(repl, svg)
    return _FALLBACK_DECL.sub("font-family: sans-serif;", svg)


def figure_glyph_message(what: str, chars: list[str]) -> str:
    """The warning for characters the figure's fonts lack."""
    return (f"the fonts have no glyph for {what}; they print as '?'. Add a font that has "
            "them to layouts/timeline.toml ([figure] fallback_fonts)")


def missing_glyphs(note: Note, missing: list[str]) -> list[Diagnostic]:
    """One warning per event or person line whose text holds characters the figure could
    not draw (each character once, at the first line holding it)."""
    from ...figure import glyph_places
    from ..pdf.glyphs import GlyphReport

    report = GlyphReport()
    for line, label, chars in glyph_places(note, missing):
        report.add(chars, line, label)
    return report.diagnostics(note.source, "missing-glyph", figure_glyph_message,
                              prefix="timeline")


class TimelineRenderer:
    name = "timeline"

    def render(self, note: Note, ctx: RenderContext) -> RenderResult:
        result = RenderResult()
        if not note.events:
            result.diagnostics.append(Diagnostic(
                Severity.INFO, "no-timeline",
                "no timeline events found, so no timeline figure was made (a list whose items "
                "start with a date, or a Timeline section, makes one)", note.source))
            return result
        from ...figure.style import Style

        style = Style.load(ctx.layouts)  # a wrong setting is a located layout error
        try:
            files, diags = _render(note, ctx, style)
        except Exception as exc:  # a figure problem must not stop the guide or the deck
            result.diagnostics.append(Diagnostic(
                Severity.ERROR, "timeline-failed",
                f"the timeline figure could not be drawn ({type(exc).__name__}: {exc}); "
                "please report this note with the message", note.source))
            return result
        result.files.extend(files)
        result.diagnostics.extend(diags)
        return result


def _render(note: Note, ctx: RenderContext, style: Style) -> tuple[list[Output],
                                                                    list[Diagnostic]]:
    from reportlab.graphics import renderSVG

    from ...figure import fontset_for
    from ...figure.draw import draw
    from ...figure.layout import layout
    from .png import font_files, svg_png

    diags: list[Diagnostic] = []
    fs = fontset_for(style)
    if len(fs.fallbacks) < len(style.fallback_fonts):
        diags.append(Diagnostic(Severity.WARNING, "timeline-font",
                                "a fallback font in layouts/timeline.toml ([figure] "
                                "fallback_fonts) could not be read; check the path",
                                note.source))
    height = style.height or None
    portrait, landscape = TEXT_WIDTH.get(ctx.options.paper, TEXT_WIDTH["a4"])
    width = style.width or portrait
    lay = layout(note.events, note.people, width, height, style, fs)
    if not style.width and lay.numbered:  # dense: a landscape page may fit full labels
        wide = layout(note.events, note.people, landscape, height, style, fs)
        if not wide.numbered:
            width, lay = landscape, wide
    if lay.scale < 1.0:
        diags.append(Diagnostic(
            Severity.WARNING, "timeline-too-small",
            f"the timeline needs {lay.content_height:.0f} pt of height but layouts/"
            f"timeline.toml sets {height:.0f} pt; it was shrunk to fit (set height = 0 for "
            "an automatic height)", note.source))
    diags.extend(missing_glyphs(note, lay.missing))
    drawing = draw(lay, style, fs, height)
    svg = renderSVG.drawToString(drawing)
    title = escape(f"Timeline: {note.title}")
    svg = svg.replace("<title>...</title>", f"<title>{title}</title>", 1)
    svg = svg.replace("<desc>...</desc>", "", 1)
    svg = svg_fonts(svg)
    png = svg_png(svg, drawing.width, drawing.height, style.dpi, font_files(drawing),
                  _SVG_FONTS[fs.family.name].split("'")[1])
    return [Output("timeline.svg", svg.encode("utf-8")), Output("timeline.png", png)], diags


RENDERER = TimelineRenderer()
