"""Embedded TrueType fonts for every PDF and figure, and glyph coverage checks.

ReportLab silently drops glyphs a font lacks, so text is split into runs, each set in the
first font of its family's fallback chain that has every character of the run. The Source Pro
italics lack Greek and Cyrillic; their chain falls back to the upright face of the same weight.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

_STYLES = {"regular": "", "italic": "It", "bold": "Bold", "bolditalic": "BoldIt"}


@dataclass(frozen=True)
class Family:
    """Registered ReportLab font names of one family."""

    name: str
    regular: str
    italic: str
    bold: str
    bolditalic: str

    def face(self, bold: bool = False, italic: bool = False) -> str:
        if bold and italic:
            return self.bolditalic
        if bold:
            return self.bold
        return self.italic if italic else self.regular


@functools.cache
def _font_files(package: str, base: str) -> dict[str, Path]:
    mod = __import__(package)
    folder = Path(mod.__file__).parent / "files"
    return {style: folder / f"{base}-{suffix or 'Regular'}.ttf"
            for style, suffix in _STYLES.items()}


_FAMILIES = {
    "serif": ("font_source_serif_pro", "SourceSerifPro", "StudypressSerif"),
    "sans": ("font_source_sans_pro", "SourceSansPro", "StudypressSans"),
}


@functools.cache
def family(kind: str = "serif") -> Family:
    """Register (once) and return the serif or sans family, bold/italic mapped for <b>/<i>."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    package, base, name = _FAMILIES[kind]
    files = _font_files(package, base)
    names = {style: f"{name}-{style}" for style in _STYLES}
    for style, path in files.items():
        pdfmetrics.registerFont(TTFont(names[style], str(path)))
    pdfmetrics.registerFontFamily(name, normal=names["regular"], bold=names["bold"],
                                  italic=names["italic"], boldItalic=names["bolditalic"])
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, names[_style_name(bold, italic)])
            addMapping(names["regular"], bold, italic, names[_style_name(bold, italic)])
    return Family(name, names["regular"], names["italic"], names["bold"], names["bolditalic"])


def _style_name(bold: int, italic: int) -> str:
    return {(0, 0): "regular", (0, 1): "italic", (1, 0): "bold", (1, 1): "bolditalic"}[
        (bold, italic)]


@functools.cache
def pinned(face: str) -> str:
    """An alias of a registered face that <b>/<i> never remap: for fallback runs inside <i>."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    alias = f"{face}-pinned"
    font = pdfmetrics.getFont(face)
    pdfmetrics.registerFont(TTFont(alias, font.face.filename))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(alias, bold, italic, alias)
    return alias


@functools.cache
def register_fallback(path: str) -> str:
    """Register a user-configured fallback font (e.g. a CJK TTF); returns its font name."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = "StudypressFallback-" + Path(path).stem
    pdfmetrics.registerFont(TTFont(name, path))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)
    return name


def fallback_list(value: object) -> list[str]:
    """A ``[fonts] fallback`` setting, written as one path or a list of paths."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        return []
    return [str(v).strip() for v in value if str(v).strip()]


def load_fallbacks(paths: list[str], base: Path, where: str
                   ) -> tuple[tuple[Path, ...], tuple[str, ...], list[str]]:
    """Register configured fallback fonts (relative paths from ``base``, the project folder).

    Returns the usable paths, their font names, and one message per font that cannot be used;
    a bad font never stops a build, its characters just print as '?'.
    """
    used: list[Path] = []
    names: list[str] = []
    problems: list[str] = []
    for raw in paths:
        path = Path(raw).expanduser()
        if not path.is_absolute():
            path = base / path
        if not path.is_file():
            problems.append(f"the fallback font {path} ({where} [fonts] fallback) was not found")
            continue
        try:
            names.append(register_fallback(str(path)))
            used.append(path)
        except Exception as exc:  # ReportLab raises several kinds for a bad TTF
            problems.append(f"the fallback font {path} could not be used ({exc}); give a "
                            f"TrueType (.ttf) font in {where} [fonts] fallback")
    return tuple(used), tuple(names), problems


@functools.cache
def charmap(font_name: str) -> frozenset[int]:
    """Code points the registered font has glyphs for."""
    from reportlab.pdfbase import pdfmetrics

    font = pdfmetrics.getFont(font_name)
    face = getattr(font, "face", None)
    cmap = getattr(face, "charToGlyph", None)
    if cmap is None:  # a standard Type 1 font: Latin-1 at best
        return frozenset(range(32, 256))
    return frozenset(cmap)


_INVISIBLE = {0x200B, 0x200C, 0x200D, 0xFE0F, 0xFEFF}


def covered(ch: str, font_name: str) -> bool:
    o = ord(ch)
    return o in charmap(font_name) or ch in "\n\t" or o in _INVISIBLE


def missing(text: str, font_name: str) -> list[str]:
    """Characters of ``text`` the font cannot draw, in order of first appearance."""
    return list(dict.fromkeys(ch for ch in text if not covered(ch, font_name)))


def fallback_chain(fam: Family, bold: bool, italic: bool, extra: tuple[str, ...] = ()
                   ) -> tuple[str, ...]:
    """Fonts to try, in order, for one style: the face, its upright twin, then user fallbacks."""
    chain = [fam.face(bold, italic)]
    if italic:
        chain.append(fam.face(bold, False))
    chain.extend(extra)
    return tuple(dict.fromkeys(chain))


def runs(text: str, chain: tuple[str, ...]) -> list[tuple[str, str | None]]:
    """Split text into (run, font) pieces; font None marks characters no font in the chain has."""
    out: list[tuple[str, str | None]] = []
    for ch in text:
        font = next((f for f in chain if covered(ch, f)), None)
        if out and out[-1][1] == font:
            out[-1] = (out[-1][0] + ch, font)
        else:
            out.append((ch, font))
    return out
