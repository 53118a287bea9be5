"""Note text for the guide: escaped Paragraph markup, missing-glyph reports by where the text
comes from, and the alphabetical sort key."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ... import fonts
from ...collation import collation_key
from ...model import Diagnostic, RichText, Severity, images
from ..pdf import markup as pdfmarkup
from ..pdf.glyphs import GlyphReport
from .settings import GuideSettings

SUPERSCRIPT = '<super rise="33%" size="75%">'


@dataclass
class Formatter:
    """Formats note text into Paragraph markup, remembering characters no font can draw and
    where they come from: a source line, or (line 0) a ``label`` such as ``TITLE``."""

    base: pdfmarkup.MarkupStyle
    source: str
    glyphs: GlyphReport = field(default_factory=GlyphReport)
    _styles: dict[tuple, pdfmarkup.MarkupStyle] = field(default_factory=dict)
    inline_images: dict[tuple[str, int], None] = field(default_factory=dict)

    @classmethod
    def create(cls, settings: GuideSettings, source: str, fallbacks: tuple[str, ...] = ()
               ) -> Formatter:
        colours = settings.colours
        base = pdfmarkup.MarkupStyle(
            family=fonts.family(settings.body_family),
            fallbacks=fallbacks,
            citations=settings.citations,
            citation_color=colours["citation"],
            link_color=colours["link"],
            highlight_color=colours["highlight"],
            code_family=fonts.family("sans"),
        )
        return cls(base, source)

    def _style(self, bold: bool, italic: bool, family: fonts.Family | None
               ) -> pdfmarkup.MarkupStyle:
        key = (bold, italic, family.name if family else None)
        style = self._styles.get(key)
        if style is None:
            style = replace(self.base, bold=bold, italic=italic,
                            family=family or self.base.family)
            self._styles[key] = style
        return style

    def rich(self, value: RichText, line: int, *, bold: bool = False, italic: bool = False,
             family: fonts.Family | None = None, label: str = "") -> str:
        """Markup for rich text from source line ``line``, set in a paragraph of this face."""
        self.inline_images.update(dict.fromkeys((i.target, line) for i in images(value)))
        out = pdfmarkup.markup(value, self._style(bold, italic, family),
                               self.glyphs.at(line, label))
        # ReportLab raises a superscript half the type size: with tight leading a citation
        # mark would then touch the descenders of the line above. Note text is escaped, so
        # every "<super>" here is a tag of our own.
        return out.replace("<super>", SUPERSCRIPT)

    def plain(self, value: str, line: int, *, bold: bool = False, italic: bool = False,
              family: fonts.Family | None = None, label: str = "") -> str:
        """Markup for a plain string (a name, a date, the guide's own wording)."""
        return pdfmarkup.plain(value, self._style(bold, italic, family),
                               self.glyphs.at(line, label))

    def wording(self, value: str, *, bold: bool = False, italic: bool = False,
                family: fonts.Family | None = None) -> str:
        """Markup for the guide's own wording (``[titles]`` of layouts/guide.toml)."""
        return self.plain(value, 0, bold=bold, italic=italic, family=family, label=WORDING)

    def diagnostics(self, figure: GlyphReport | None = None) -> list[Diagnostic]:
        """One warning per place that is the first to hold characters no font could draw;
        ``figure`` holds those the timeline figure could not draw (its fonts are set apart)."""
        report = GlyphReport()
        report.merge(self.glyphs)
        in_figure: set[str] = set()
        if figure is not None:
            report.merge(figure)
            in_figure = {ch for m in figure.found.values() for ch in m.chars}
        in_text = {ch for m in self.glyphs.found.values() for ch in m.chars}

        def message(what: str, chars: list[str]) -> str:
            fixes = []
            if in_text.intersection(chars):
                fixes.append("layouts/guide.toml ([fonts] fallback)")
            if in_figure.intersection(chars):
                fixes.append("layouts/timeline.toml ([figure] fallback_fonts), for the "
                             "timeline figure")
            return (f"the fonts have no glyph for {what}; they print as '?'. Set a fallback "
                    f"font that covers them in {' and '.join(fixes)}")

        return report.diagnostics(self.source, "missing-glyph", message, prefix="guide") + [
            Diagnostic(Severity.INFO, "guide-inline-image",
                       f"the image '{target}' inside a line of text prints as its name in the "
                       "guide; put it on a line of its own to print the picture", self.source,
                       line or None)
            for target, line in self.inline_images]


TITLE = "the note's title"
WORDING = "the wording in layouts/guide.toml"
TAGS = "the note's tags"
FOLDERS = "the note's folders"


# ------------------------------------------------------------------ pure helpers

def sort_key(term: str, language: str = "en") -> tuple[tuple[tuple[int, int], ...], str]:
    """Alphabetical order in the language's alphabet that ignores case and accents (``Éclat``
    files under E; see ``studypress.collation``)."""
    return collation_key(term, language)
