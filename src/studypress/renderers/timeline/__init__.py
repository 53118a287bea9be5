"""``timeline.pdf`` and ``timeline.svg``: the note's timeline figure as files (and, on
request, ``timeline.png``: ``png``).

The box is the text width of the build's page (A4 or Letter, portrait), widened to the landscape
text width when the portrait figure would have to fall back to numbered marks and a key. A
figure taller than the page's text continues over several pages, each a stretch of time with its
own axis and a "continued" line (``figure.pages``): ``timeline.pdf`` has one page for each, and
``timeline.svg`` and ``timeline.png`` hold the same pages one above the other in one tall picture
(a dashed rule between two), so a figure is one file whatever its length. The SVG's text is
drawn as glyph outlines (``outline``), so it needs no font to show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...model import Diagnostic, Note, Severity
from ..base import Output, RenderContext, RenderResult

if TYPE_CHECKING:
    from ...figure.style import Style

# Text widths with 2 cm (A4) and 0.75 in (Letter) side margins, in points, portrait and
# landscape; the text height of a page is the width of the other orientation.
TEXT_WIDTH = {"a4": (481.9, 728.5), "letter": (504.0, 684.0)}


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


@dataclass
class Figure:
    """The note's figure laid out and drawn, and what it warns about: what ``timeline.pdf``,
    ``timeline.svg`` and ``timeline.png`` are made from."""

    lays: list[Any]  # one Layout a page
    scene: Any  # the whole figure, its pages one above the other (a ``figure.scene.Scene``)
    svg: str  # the scene as SVG, its text as outlines
    style: Style
    fs: Any  # the FontSet it is drawn with
    pages: list[Any]  # one Scene a page (``scene`` itself for a figure of one page)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def render_figure(note: Note, ctx: RenderContext,
                  files: Callable[[Note, RenderContext, Figure], list[Output]]) -> RenderResult:
    """The files ``files`` makes of the note's figure, with the figure's warnings; a note
    without events gets a line saying so, a figure that fails an error and no files.

    ``timeline`` and ``timeline-png`` both make the figure and say the same things about it;
    the build reports a warning both give once."""
    result = RenderResult()
    if not note.events:
        result.diagnostics.append(Diagnostic(
            Severity.INFO, "no-timeline",
            "no timeline events found, so no timeline figure was made (a list whose items "
            "start with a date, or a Timeline section, makes one)", note.source))
        return result
    from ...figure.style import Style

    style = Style.load(ctx.layouts)  # a wrong setting is a located layout error
    style = style.in_language(ctx.layouts, note.metadata.language)
    from ...collector import paused

    try:
        with paused():  # the figure's drafts, layouts and scenes stand until its files are made
            fig = _figure(note, ctx, style)
            made = files(note, ctx, fig)
    except Exception as exc:  # a figure problem must not stop the guide or the deck
        result.diagnostics.append(Diagnostic(
            Severity.ERROR, "timeline-failed",
            f"the timeline figure could not be drawn ({type(exc).__name__}: {exc}); "
            "please report this note with the message", note.source))
        return result
    result.files.extend(made)
    result.diagnostics.extend(fig.diagnostics)
    return result


class TimelineRenderer:
    name = "timeline"

    def render(self, note: Note, ctx: RenderContext) -> RenderResult:
        return render_figure(note, ctx, _pdf_and_svg)


def _pdf_and_svg(note: Note, ctx: RenderContext, fig: Figure) -> list[Output]:
    """``timeline.pdf``, a page for each page of the figure, and ``timeline.svg``."""
    from .pdf import figure_pdf

    pdf = figure_pdf(fig.pages, ctx.options.paper, f"Timeline: {note.title}",
                     fig.fs.family.regular)
    return [Output("timeline.pdf", pdf), Output("timeline.svg", fig.svg.encode("utf-8"))]


def _figure(note: Note, ctx: RenderContext, style: Style) -> Figure:
    from ...figure import fontset_for
    from ...figure.draw import draw_pages, scene
    from .svg import scene_svg

    diags: list[Diagnostic] = []
    fs = fontset_for(style)
    if len(fs.fallbacks) < len(style.fallback_fonts):
        diags.append(Diagnostic(Severity.WARNING, "timeline-font",
                                "a fallback font in layouts/timeline.toml ([figure] "
                                "fallback_fonts) could not be read; check the path",
                                note.source))
    height = style.height or None
    portrait, landscape = TEXT_WIDTH.get(ctx.options.paper, TEXT_WIDTH["a4"])
    lays = _pages(note, style, fs, portrait, landscape)
    lay = lays[0]
    if lay.scale < 1.0:
        diags.append(Diagnostic(
            Severity.WARNING, "timeline-too-small",
            f"the timeline needs {lay.content_height:.0f} pt of height but layouts/"
            f"timeline.toml sets {height:.0f} pt; it was shrunk to fit (set height = 0 for "
            "an automatic height)", note.source))
    diags.extend(people_left_out(note, lay.people_left_out))
    diags.extend(missing_glyphs(note, sorted({ch for la in lays for ch in la.missing})))
    if len(lays) == 1:
        whole = scene(lay, style, fs, height)
        pages = [whole]
    else:
        whole, pages = draw_pages(lays, style, fs)
    # text as outlines: no font needed to show it, the same picture everywhere
    svg = scene_svg(whole, f"Timeline: {note.title}")
    return Figure(lays, whole, svg, style, fs, pages, diags)


def _pages(note: Note, style: Style, fs, portrait: float, landscape: float) -> list:
    """The figure's pages: at the style's width, or at the portrait text width unless landscape
    pages need fewer numbered marks; a fixed height gives one page of that height."""
    from ...figure.layout import layout
    from ...figure.pages import paged_drafts, paged_layouts

    height = style.height or None
    if height is not None:
        width = style.width or portrait
        lay = layout(note.events, note.people, width, height, style, fs)
        if not style.width and lay.numbered:
            wide = layout(note.events, note.people, landscape, height, style, fs)
            lay = lay if wide.numbered else wide
        return [lay]
    if style.width:
        tall = landscape if style.width > portrait else portrait
        return paged_layouts(note.events, note.people, style.width, tall, style, fs)
    lays = paged_layouts(note.events, note.people, portrait, landscape, style, fs)
    numbered = sum(la.numbered for la in lays)
    if numbered:  # dense: landscape pages may fit full labels (assembled only if kept)
        wide = paged_drafts(note.events, note.people, landscape, portrait, style, fs,
                            numbered_below=numbered)
        if wide is not None and wide.numbered < numbered:
            return wide.layouts()
    return lays


def people_left_out(note: Note, left_out: int) -> list[Diagnostic]:
    """The warning that the figure leaves people out (``max_people``), at the first of them."""
    if not left_out:
        return []
    dated = [p for p in note.people if p.span is not None]
    from ...figure.items import person_spans
    from ...figure.people import kept_people

    shown = kept_people(note.people, person_spans(note.people), len(dated) - left_out)
    first = next((p.line for p, s in zip(note.people, shown, strict=True)
                  if p.span is not None and s is None), 0)
    return [Diagnostic(
        Severity.WARNING, "timeline-people",
        f"the timeline figure shows {len(dated) - left_out} of the {len(dated)} people with "
        f"dates (the most mentioned, then the longest lived) and leaves {left_out} out; the "
        "cast list has them all (raise [figure] max_people in layouts/timeline.toml to draw "
        "more)", note.source, first)]


RENDERER = TimelineRenderer()
