"""``study-notes.pdf``: the course book, every note of the project printed as one book.

A title page, the contents, a timeline of the whole project, one chapter per note in the
build's order (each note's guide, made by the guide's own story builder), and an index of the
people and terms with the pages where each is described. A project output like the combined
deck, and named like it; the build makes it only when building whole folders.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from ... import __version__
from ...model import Diagnostic, Note
from ..base import Output, RenderContext, RenderResult


def project_name(ctx: RenderContext) -> str:
    """The combined outputs' name (the combined deck's), which names the book's file."""
    from ..deck import DeckConfig

    return DeckConfig.load(ctx.layouts).project_name()


def render_book(notes: list[Note], ctx: RenderContext) -> tuple[bytes, list[Diagnostic]]:
    """The book's PDF bytes and the warnings met while making it."""
    from ..guide import FIGURE_HEADING, figure_drawer, figure_settings
    from ..guide.doc import DocInfo, PageTotal
    from ..guide.settings import load as load_guide
    from ..guide.styles import make_styles
    from ..pdf import glyphs
    from .doc import BookDoc
    from .parts import Parts
    from .settings import load as load_book

    settings = load_guide(ctx.layouts)
    book = load_book(ctx.layouts)
    used, fallbacks, diagnostics = glyphs.fallback_fonts(settings.fallback, ctx,
                                                         "layouts/guide.toml",
                                                         "layouts/guide.toml")
    title = book.title.strip() or " › ".join(
        p.strip() for p in project_name(ctx).split("::") if p.strip())
    info = DocInfo(title=title, subject=title,
                   keywords=tuple(sorted({t for n in notes for t in n.tags})),
                   creator=f"studypress {__version__}", header=title,
                   build_time=ctx.build_time)
    buffer = io.BytesIO()
    doc = BookDoc(buffer, settings, info, settings.page_size(ctx.options.paper), fallbacks)
    parts = Parts(notes, ctx, settings, make_styles(settings), book, title, fallbacks,
                  doc.frame_width, doc.frame_height,
                  lambda missing, language: figure_drawer(
                      figure_settings(ctx, used, language), missing,
                      doc.frame_height - FIGURE_HEADING))
    story = [PageTotal(doc), *parts.story()]
    doc.multiBuild(story, maxPasses=12)
    diagnostics.extend(parts.diagnostics())
    return buffer.getvalue(), diagnostics


class BookRenderer:
    """The course book; a project output only (no file per note)."""

    name = "book"

    def render(self, note: Note, ctx: RenderContext) -> RenderResult:
        """Nothing per note: the book is made once, from every note."""
        return RenderResult()

    def render_project(self, notes: Sequence[Note], ctx: RenderContext) -> RenderResult:
        from ..deck.naming import file_name

        # The book goes through its notes many times: each is loaded once.
        data, diagnostics = render_book(list(notes), ctx)
        return RenderResult(files=[Output(f"{file_name(project_name(ctx))}.pdf", data)],
                            diagnostics=diagnostics)


RENDERER = BookRenderer()
