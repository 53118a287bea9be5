"""The cast-of-characters handout, ``cast.pdf``: a sheet listing every person, then cut-out cards.

The sheet gives each person's name, role, span, description, the dates of the events they
appear in and a small time bar, in two columns; the type shrinks step by step until everyone
fits on as few pages as the legible floor allows. The cards come in front/back page pairs laid
out for duplex printing; a back that cannot hold its description even at the floor size gets
the description cut at a sentence, with a warning.

One module per job: ``settings`` (``layouts/handout.toml``), ``cast`` (who, in what order),
``text`` (paragraphs through ``pdf.markup``: escaping and glyph fallback), ``fitting`` (sizes
and cuts), ``columns`` (the sheet's two-column flow), ``bars`` (the time bars), ``sheet``,
``cards`` and ``layout`` (the card grid), and ``document`` (the one canvas they draw on).
"""

from __future__ import annotations

from ...collector import paused
from ...model import Diagnostic, Note, Severity, images
from ..base import Output, RenderContext, RenderResult
from .document import build_pdf
from .settings import Settings, for_note, load_settings

__all__ = ["RENDERER", "HandoutRenderer", "Settings", "build_pdf", "load_settings"]


class HandoutRenderer:
    """``cast.pdf``: the cast sheet, then the cut-out cards."""

    name = "handout"

    def render(self, note: Note, ctx: RenderContext) -> RenderResult:
        result = RenderResult()
        if not note.people:
            result.diagnostics.append(Diagnostic(
                Severity.INFO, "handout-no-people",
                "no cast of characters in this note, so no cast.pdf; add a 'Cast of "
                "Characters' section (bold name, then role and description) to get one",
                note.source, None))
            return result
        settings, page, problems = for_note(ctx, note.source, note.metadata.language)
        result.diagnostics.extend(problems)
        with paused():  # the sheet's and cards' paragraphs all stand until the PDF is written
            data, warnings = build_pdf(note, settings, page, ctx.build_time)
        result.files.append(Output("cast.pdf", data))
        result.diagnostics.extend(warnings)
        result.diagnostics.extend(inline_images(note))
        return result


def inline_images(note: Note) -> list[Diagnostic]:
    """A note for each image inside a person's text, at their line: the handout prints it as
    its name, as the guide does."""
    seen = dict.fromkeys((image.target, person.line) for person in note.people
                         for image in images(person.description))
    return [Diagnostic(Severity.INFO, "handout-inline-image",
                       f"the image '{target}' inside a line of text prints as its name in the "
                       "cast handout; put it on a line of its own to print the picture",
                       note.source, line or None) for target, line in seen]


RENDERER = HandoutRenderer()
