"""``guide.pdf``: the printable study guide (ReportLab platypus).

Title block, contents, the timeline figure, chronology, cast, glossary, quiz and essay
questions with writing space, FAQ, prose sections, notes, and the answer key on a page of its
own at the end. Three printings: ``full``, ``questions`` (no answer key), ``answers`` (the key
alone). Fonts are embedded TrueType; every string from the note is escaped markup.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ... import __version__
from ...model import Diagnostic, Note
from ..base import Output, RenderContext, RenderResult
from .settings import for_language, load


def figure_settings(ctx: RenderContext, fallbacks: tuple[Path, ...], language: str = "en"
                    ) -> Any:
    """The style of layouts/timeline.toml in the note's language, with the guide's own
    fallback fonts after the figure's: what the guide's text can print, its figure prints too."""
    from dataclasses import replace

    from ...figure.style import Style

    style = Style.load(ctx.layouts).in_language(ctx.layouts, language)
    return replace(style, fallback_fonts=(*style.fallback_fonts, *map(str, fallbacks)))


# Room on the figure's first page for the section heading above it, in points.
FIGURE_HEADING = 40.0


def figure_drawer(settings: Any, missing: list[str], page_height: float | None = None) -> Any:
    """The timeline figure, when the figure module is installed and the note has a timeline;
    characters its fonts lack are added to ``missing``. With ``page_height``, a figure too
    tall for one page comes as a list of drawings, one per page (``timeline_pages``); the
    drawer's third argument, when given, is a lower height for the first page alone (so it
    shares a page with what stands above it), the others keep ``page_height``."""
    try:
        from ...figure import fontset_for, has_timeline, timeline_figure, timeline_pages
        from ...figure.style import Style
    except ImportError:
        return None
    # One font set for every figure of a note: a figure asked for again with a lower first
    # page measures nothing twice, and starts from the same whole figure.
    kept: list[Any] = [None, None]  # the note, its font set

    def fontset(note: Note) -> Any:
        if kept[0] is not note:
            kept[:] = [note, fontset_for(Style.from_settings(settings))]
        return kept[1]

    def draw(note: Note, width: float, first: float | None = None):
        if not has_timeline(note):
            return None
        full = page_height if page_height is not None else first
        if full is None:
            drawing, lay = timeline_figure(note, width, settings=settings, missing=missing)
            return drawing, (dict(lay.numbers) if lay.numbered else {})
        if first is not None:
            first = min(first, full)
        # The whole figure when its first page holds it, else its pages: laid out once,
        # never first drawn whole only to be thrown away.
        pages = timeline_pages(note, width, full, first_height=first, settings=settings,
                               missing=missing, fontset=fontset(note))
        numbers = {k: v for _, lay in pages if lay.numbered for k, v in lay.numbers.items()}
        drawings = [d for d, _ in pages]
        return (drawings if len(drawings) > 1 else drawings[0]), numbers

    return draw


def figure_glyphs(note: Note, missing: list[str]) -> Any:
    """The figure's undrawable characters, by the event or person they come from."""
    from ..pdf.glyphs import GlyphReport

    report = GlyphReport()
    if missing:
        from ...figure import glyph_places

        for line, label, chars in glyph_places(note, missing):
            report.add(chars, line, label)
    return report


def render_guide(note: Note, ctx: RenderContext) -> tuple[bytes, list[Diagnostic]]:
    """The guide's PDF bytes and the warnings met while making it."""
    from ...collector import paused
    from .replay import Mismatch

    with paused():
        try:
            return _render_guide(note, ctx, replay_pass=True)
        except Mismatch:  # the contents grew with their page numbers: lay every pass out
            return _render_guide(note, ctx, replay_pass=False)


def _render_guide(note: Note, ctx: RenderContext, replay_pass: bool
                  ) -> tuple[bytes, list[Diagnostic]]:
    from ..pdf import glyphs
    from ..subjects import Subjects
    from .doc import DocInfo, GuideDoc, PageTotal
    from .story import StoryBuilder
    from .styles import make_styles
    from .text import Formatter

    settings = for_language(load(ctx.layouts), ctx.layouts, note.metadata.language)
    used, fallbacks, diagnostics = glyphs.fallback_fonts(settings.fallback, ctx, note.source,
                                                  "layouts/guide.toml")
    styles = make_styles(settings)
    fmt = Formatter.create(settings, note.source, fallbacks)
    pagesize = settings.page_size(ctx.options.paper)
    title = note.title or note.id
    subject = Subjects.load(ctx.layouts).path(note)
    info = DocInfo(
        title=title,
        subject=" / ".join(subject) or title,
        keywords=note.tags,
        creator=f"studypress {__version__}",
        header=title,
        build_time=ctx.build_time,
    )
    buffer = io.BytesIO()
    doc = GuideDoc(buffer, settings, info, pagesize, fallbacks, replay_pass=replay_pass)
    figure_missing: list[str] = []
    builder = StoryBuilder(
        note, settings, styles, fmt, printing=ctx.options.printing,
        frame_height=doc.frame_height, frame_width=doc.frame_width,
        figure=figure_drawer(figure_settings(ctx, used, note.metadata.language),
                             figure_missing, doc.frame_height - FIGURE_HEADING),
        asset=ctx.asset, subject=subject, keep_parts=True,
    )
    story = [PageTotal(doc), *builder.build()]
    doc.multiBuild(story, maxPasses=16)
    diagnostics.extend(builder.problems)
    diagnostics.extend(fmt.diagnostics(figure_glyphs(note, figure_missing)))
    return buffer.getvalue(), diagnostics


class GuideRenderer:
    name = "guide"

    def render(self, note: Note, ctx: RenderContext) -> RenderResult:
        data, diagnostics = render_guide(note, ctx)
        return RenderResult(files=[Output("guide.pdf", data)], diagnostics=diagnostics)


RENDERER = GuideRenderer()
