"""``guide.pdf``: the printable study guide (ReportLab platypus).

Title block, contents, the timeline figure, chronology, cast, glossary, quiz and essay
questions with writing space, FAQ, prose sections, notes, and the answer key on a page of its
own at the end. Three printings: ``full``, ``questions`` (no answer key), ``answers`` (the key
alone). Fonts are embedded TrueType; every string from the note is escaped markup.
"""

from __future__ import annotations

import io
from pathlib import Path

from .. import __version__, fonts
from ..model import Diagnostic, Note, Severity
from .base import Output, RenderContext, RenderResult
from .guide_settings import GuideSettings, load


def _fallback_path(settings: GuideSettings, ctx: RenderContext) -> Path | None:
    """The configured fallback font's path (relative ones from the project folder)."""
    if not settings.fallback.strip():
        return None
    path = Path(settings.fallback).expanduser()
    if not path.is_absolute():
        project = ctx.layouts.project.parent if ctx.layouts.project else Path.cwd()
        path = project / path
    return path


def _fallback_fonts(settings: GuideSettings, ctx: RenderContext, source: str
                    ) -> tuple[tuple[str, ...], list[Diagnostic]]:
    """The configured fallback font, registered; a warning when it cannot be used."""
    path = _fallback_path(settings, ctx)
    if path is None:
        return (), []
    problem = None
    if not path.is_file():
        problem = f"the fallback font {path} (layouts/guide.toml [fonts] fallback) was not found"
    else:
        try:
            return (fonts.register_fallback(str(path)),), []
        except Exception as exc:  # ReportLab raises several kinds for a bad TTF
            problem = (f"the fallback font {path} could not be used ({exc}); give a TrueType "
                       "(.ttf) font in layouts/guide.toml [fonts] fallback")
    return (), [Diagnostic(Severity.WARNING, "fallback-font", problem + "; characters the "
                           "built-in fonts lack print as '?'", source)]


def _figure_settings(ctx: RenderContext, fallback: Path | None) -> dict:
    """layouts/timeline.toml, with the guide's own fallback font after the figure's: what the
    guide's text can print, its figure prints too."""
    settings = dict(ctx.layouts.settings("timeline"))
    if fallback is not None:
        figure = dict(settings.get("figure") or {})
        own = figure.get("fallback_fonts") or []
        own = [own] if isinstance(own, str) else list(own)
        figure["fallback_fonts"] = [*own, str(fallback)]
        settings["figure"] = figure
    return settings


def _figure_drawer(settings: dict, missing: list[str]):
    """The timeline figure, when the figure module is installed and the note has a timeline;
    characters its fonts lack are added to ``missing``."""
    try:
        from ..figure import has_timeline, timeline_figure
    except ImportError:
        return None

    def draw(note: Note, width: float):
        if not has_timeline(note):
            return None
        drawing, lay = timeline_figure(note, width, settings=settings, missing=missing)
        return drawing, (dict(lay.numbers) if lay.numbered else {})

    return draw


def _figure_glyphs(note: Note, missing: list[str]):
    """The figure's undrawable characters, by the event or person they come from."""
    from .glyphs import GlyphReport

    report = GlyphReport()
    if missing:
        from ..figure import glyph_places

        for line, label, chars in glyph_places(note, missing):
            report.add(chars, line, label)
    return report


def render_guide(note: Note, ctx: RenderContext) -> tuple[bytes, list[Diagnostic]]:
    """The guide's PDF bytes and the warnings met while making it."""
    from .guide_doc import DocInfo, GuideDoc, PageTotal
    from .guide_story import StoryBuilder
    from .guide_styles import make_styles
    from .guide_text import Formatter
    from .subjects import Subjects

    settings = load(ctx.layouts)
    fallbacks, diagnostics = _fallback_fonts(settings, ctx, note.source)
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
    doc = GuideDoc(buffer, settings, info, pagesize, fallbacks)
    figure_missing: list[str] = []
    builder = StoryBuilder(
        note, settings, styles, fmt, printing=ctx.options.printing,
        frame_height=doc.frame_height, frame_width=doc.frame_width,
        figure=_figure_drawer(_figure_settings(ctx, _fallback_path(settings, ctx)
                                               if fallbacks else None), figure_missing),
        asset=ctx.asset, subject=subject,
    )
    story = [PageTotal(doc), *builder.build()]
    doc.multiBuild(story, maxPasses=12)
    diagnostics.extend(builder.problems)
    diagnostics.extend(fmt.diagnostics(_figure_glyphs(note, figure_missing)))
    return buffer.getvalue(), diagnostics


class GuideRenderer:
    name = "guide"

    def render(self, note: Note, ctx: RenderContext) -> RenderResult:
        data, diagnostics = render_guide(note, ctx)
        return RenderResult(files=[Output("guide.pdf", data)], diagnostics=diagnostics)


RENDERER = GuideRenderer()
