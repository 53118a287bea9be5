"""Rich text → ReportLab Paragraph markup, escaped, with per-character font fallback.

Every PDF renderer formats note text through here: ReportLab's mini-HTML either raises on or
silently drops unescaped ``<`` and ``&``, and drops glyphs a font lacks, so text is escaped and
split into runs of fonts that can draw it. Characters no font can draw are reported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from html import escape as _html_escape

from ... import fonts
from ...model import RichText
from ..richtext import Formatter

SAFE_SCHEMES = ("http://", "https://", "mailto:")


def escape(value: str) -> str:
    """Escape text for Paragraph markup (and attribute values)."""
    return _html_escape(value, quote=False).replace('"', "&quot;")


@dataclass(frozen=True)
class MarkupStyle:
    """How rich text becomes ReportLab paragraph markup."""

    family: fonts.Family
    bold: bool = False  # the paragraph style's own weight and slant
    italic: bool = False
    fallbacks: tuple[str, ...] = ()  # user-configured fallback font names (e.g. CJK)
    citations: str = "keep"  # "keep" (small, grey, superscript) or "drop"
    citation_color: str = "#777777"
    link_color: str = "#1a4f8b"
    highlight_color: str = "#fff1a8"
    code_family: fonts.Family | None = None


@dataclass
class Missing:
    """Characters that no font could draw, collected while formatting."""

    chars: list[str] = field(default_factory=list)

    def add(self, ch: str) -> None:
        if ch not in self.chars:
            self.chars.append(ch)


def plain(value: str, style: MarkupStyle, missing: Missing | None = None) -> str:
    """Markup for a plain string in the style's own face."""
    return _text(value, style, style.bold, style.italic, missing, style.family)


def markup(rich: RichText, style: MarkupStyle, missing: Missing | None = None) -> str:
    """Paragraph markup for rich text."""
    return _Markup(style, missing, style.bold, style.italic, style.family).inline(rich)


def _text(value: str, style: MarkupStyle, bold: bool, italic: bool,
          missing: Missing | None, fam: fonts.Family) -> str:
    chain = fonts.fallback_chain(fam, bold, italic, style.fallbacks)
    out: list[str] = []
    for run, font in fonts.runs(value, chain):
        if font is None:
            for ch in run:
                if missing is not None:
                    missing.add(ch)
            out.append("?" * len(run))
        elif font == chain[0] and fam is style.family:
            out.append(escape(run))
        else:
            out.append(f'<font name="{fonts.pinned(font)}">{escape(run)}</font>')
    return "".join(out)


@dataclass(frozen=True, eq=False)
class _Markup(Formatter):
    """The rich-text walk as Paragraph markup; a nested node formats its children with a
    copy that carries the weight, slant and family they are drawn in."""

    style: MarkupStyle
    missing: Missing | None
    bold: bool
    italic: bool
    fam: fonts.Family

    def text(self, value: str) -> str:
        return _text(value, self.style, self.bold, self.italic, self.missing, self.fam)

    def strong(self, children: RichText) -> str:
        return f"<b>{replace(self, bold=True).inline(children)}</b>"

    def emphasis(self, children: RichText) -> str:
        return f"<i>{replace(self, italic=True).inline(children)}</i>"

    def strike(self, children: RichText) -> str:
        return f"<strike>{self.inline(children)}</strike>"

    def highlight(self, children: RichText) -> str:
        return f'<span backColor="{self.style.highlight_color}">{self.inline(children)}</span>'

    def code(self, value: str) -> str:
        code_fam = self.style.code_family or self.fam
        face = code_fam.face(self.bold, self.italic)
        return f'<font name="{fonts.pinned(face)}">{replace(self, fam=code_fam).text(value)}</font>'

    def math(self, value: str, display: bool) -> str:
        return f"<i>{replace(self, italic=True).text(value)}</i>"

    def link(self, children: RichText, target: str) -> str:
        label = self.inline(children) or self.text(target)
        if target.lower().startswith(SAFE_SCHEMES):
            return (f'<a href="{escape(target)}" color="{self.style.link_color}">'
                    f"<u>{label}</u></a>")
        return label

    def citation(self, refs: tuple[str, ...]) -> str:
        if self.style.citations == "drop":
            return ""
        label = escape("[" + ", ".join(refs) + "]")
        return f'<super><font color="{self.style.citation_color}">{label}</font></super>'

    def footnote_ref(self, label: str) -> str:
        return f"<super>{escape(label)}</super>"

    def line_break(self, hard: bool) -> str:
        return "<br/>" if hard else " "

    def image(self, target: str, alt: str) -> str:
        # A Paragraph cannot hold the picture; its stand-in text shows where it was.
        return f"<i>{replace(self, italic=True).text(alt)}</i>" if alt else ""


def missing_message(chars: list[str], where: str) -> str:
    """A warning naming characters the fonts lack."""
    shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in chars[:8])
    more = f" and {len(chars) - 8} more" if len(chars) > 8 else ""
    return (f"{where}: the fonts have no glyph for {shown}{more}; they print as '?'. "
            "Set a fallback font that covers them in layouts/guide.toml ([fonts] fallback)")


Report = Callable[[str], None]
