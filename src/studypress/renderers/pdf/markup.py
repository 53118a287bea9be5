"""Rich text → ReportLab Paragraph markup, escaped, with per-character font fallback.

Every PDF renderer formats note text through here: ReportLab's mini-HTML either raises on or
silently drops unescaped ``<`` and ``&``, and drops glyphs a font lacks, so text is escaped and
split into runs of fonts that can draw it. Characters no font can draw are reported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from xml.sax.saxutils import escape as _xml_escape

from ... import fonts
from ...model import (
    Citation,
    Code,
    Emphasis,
    FootnoteRef,
    Highlight,
    LineBreak,
    Link,
    Math,
    RichText,
    Strike,
    Strong,
    Text,
    WikiLink,
)

SAFE_SCHEMES = ("http://", "https://", "mailto:")


def escape(value: str) -> str:
    """Escape text for Paragraph markup (and attribute values)."""
    return _xml_escape(value, {'"': "&quot;"})


@dataclass(frozen=True)
class MarkupStyle:
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
    return "".join(_node(n, style, style.bold, style.italic, missing, style.family)
                   for n in rich)


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


def _node(n, style: MarkupStyle, bold: bool, italic: bool, missing: Missing | None,
          fam: fonts.Family) -> str:
    def inner(children: RichText, b: bool = bold, i: bool = italic,
              f: fonts.Family = fam) -> str:
        return "".join(_node(c, style, b, i, missing, f) for c in children)

    match n:
        case Text(value):
            return _text(value, style, bold, italic, missing, fam)
        case Strong(children):
            return f"<b>{inner(children, b=True)}</b>"
        case Emphasis(children):
            return f"<i>{inner(children, i=True)}</i>"
        case Strike(children):
            return f"<strike>{inner(children)}</strike>"
        case Highlight(children):
            return f'<span backColor="{style.highlight_color}">{inner(children)}</span>'
        case Code(value):
            code_fam = style.code_family or fam
            face = code_fam.face(bold, italic)
            text = _text(value, style, bold, italic, missing, code_fam)
            return f'<font name="{fonts.pinned(face)}">{text}</font>'
        case Math(value, _):
            return f"<i>{_text(value, style, bold, True, missing, fam)}</i>"
        case Link(children, target):
            label = inner(children) or _text(target, style, bold, italic, missing, fam)
            if target.lower().startswith(SAFE_SCHEMES):
                return (f'<a href="{escape(target)}" color="{style.link_color}">'
                        f"<u>{label}</u></a>")
            return label
        case WikiLink(_, children):
            return inner(children)
        case Citation(refs):
            if style.citations == "drop":
                return ""
            label = escape("[" + ", ".join(refs) + "]")
            return f'<super><font color="{style.citation_color}">{label}</font></super>'
        case FootnoteRef(label):
            return f"<super>{escape(label)}</super>"
        case LineBreak(hard):
            return "<br/>" if hard else " "
    return ""


def missing_message(chars: list[str], where: str) -> str:
    """A warning naming characters the fonts lack."""
    shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in chars[:8])
    more = f" and {len(chars) - 8} more" if len(chars) > 8 else ""
    return (f"{where}: the fonts have no glyph for {shown}{more}; they print as '?'. "
            "Set a fallback font that covers them in layouts/guide.toml ([fonts] fallback)")


Report = Callable[[str], None]
