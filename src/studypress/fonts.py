"""Embedded TrueType fonts for every PDF and figure, and glyph coverage checks.

ReportLab silently drops glyphs a font lacks, so text is split into runs, each in the first
font that has the character, in this order: the document's faces (the Source Pro italics lack
Greek and Cyrillic, so an italic falls back to the upright face of the same weight), the fonts
the layouts configure, the fallback fonts the package depends on (Noto Sans Arabic and
Devanagari), then the fonts installed on the machine, found through fontconfig's ``fc-match``
where it exists (``STUDYPRESS_SYSTEM_FONTS=0`` leaves them out, for builds that must come out
the same on every machine). ReportLab embeds TrueType outlines only, so a machine font it
cannot read (CFF outlines) is skipped. Nothing here imports ReportLab or runs fontconfig until
text is measured or drawn.
"""

from __future__ import annotations

import bisect
import functools
import importlib
import itertools
import os
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import textwidth

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

    textwidth.install()
    package, base, name = _FAMILIES[kind]
    files = _font_files(package, base)
    names = {style: f"{name}-{style}" for style in _STYLES}
    for style, path in files.items():
        pdfmetrics.registerFont(_unshaped_face()(names[style], str(path)))
    pdfmetrics.registerFontFamily(name, normal=names["regular"], bold=names["bold"],
                                  italic=names["italic"], boldItalic=names["bolditalic"])
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, names[_style_name(bold, italic)])
            addMapping(names["regular"], bold, italic, names[_style_name(bold, italic)])
    return Family(name, names["regular"], names["italic"], names["bold"], names["bolditalic"])


@functools.cache
def _unshaped_face() -> type:
    """A TrueType font that ReportLab's shaping leaves alone: in a paragraph shaped for Arabic
    or Devanagari, words in the document's own faces keep their plain glyphs (no ligatures
    that copy out of the PDF as odd characters), and a word mixing a document face with a
    fallback is drawn unshaped rather than in the wrong font's glyphs."""
    from reportlab.pdfbase.ttfonts import TTFont

    class UnshapedTTFont(TTFont):
        def hbFont(self, fontSize: float = 10):
            raise AttributeError("the document's faces are drawn unshaped")

    return UnshapedTTFont


def _style_name(bold: int, italic: int) -> str:
    return {(0, 0): "regular", (0, 1): "italic", (1, 0): "bold", (1, 1): "bolditalic"}[
        (bold, italic)]


@functools.cache
def pinned(face: str) -> str:
    """An alias of a registered face that <b>/<i> never remap: for fallback runs inside <i>."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics

    alias = f"{face}-pinned"
    font = pdfmetrics.getFont(face)
    index = int(getattr(font.face, "subfontNameX", b"-0")[1:] or 0)  # set for .ttc faces
    pdfmetrics.registerFont(type(font)(alias, font.face.filename, subfontIndex=index))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(alias, bold, italic, alias)
    return alias


@functools.cache
def register_fallback(path: str, index: int = 0) -> str:
    """Register a fallback font file (a TrueType ``.ttf``, or face ``index`` of a ``.ttc``
    collection); returns its font name. <b> and <i> never remap it (it has one face)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    _astral_to_unicode()
    textwidth.install()
    name = "StudypressFallback-" + Path(path).stem + (f"-{index}" if index else "")
    pdfmetrics.registerFont(TTFont(name, path, subfontIndex=index))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)
    return name


@functools.cache
def _astral_to_unicode() -> None:
    """Make ReportLab write characters beyond U+FFFF (emoji, rare CJK) into a font's ToUnicode
    map as UTF-16, as PDF requires: it writes their code point in hex (``<1F600>``), which
    readers cannot decode, so such text copies out of the PDF garbled. Characters up to
    U+FFFF are written exactly as before."""
    from reportlab.pdfbase import ttfonts

    original = ttfonts.makeToUnicodeCMap

    def to_unicode(fontname: str, subset: list[int]) -> str:
        cmap = original(fontname, [v if v <= 0xFFFF else 0 for v in subset])
        for i, v in enumerate(subset):
            if v > 0xFFFF:
                cmap = cmap.replace(f"<{i:02X}> <0000>",
                                    f"<{i:02X}> <{chr(v).encode('utf-16-be').hex().upper()}>", 1)
        return cmap

    ttfonts.makeToUnicodeCMap = to_unicode


# The fallback fonts the package depends on: (module, what the font is for).
SHIPPED = (
    ("fontpkg_noto_sans_arabic", "Arabic script"),
    ("fontpkg_noto_sans_devanagari", "Devanagari script"),
)


@functools.cache
def shipped_fallbacks() -> tuple[str, ...]:
    """Register (once) the package's own fallback fonts; a package that is missing is skipped."""
    names = []
    for module, _ in SHIPPED:
        try:
            folder = Path(importlib.import_module(module).__file__).parent / "files"
        except ImportError:
            continue
        names.extend(register_fallback(str(p)) for p in sorted(folder.glob("*.ttf"))[:1])
    return tuple(names)


def system_fonts_enabled() -> bool:
    """False when ``STUDYPRESS_SYSTEM_FONTS`` is 0/no/off: only the package's fonts are used."""
    value = os.environ.get("STUDYPRESS_SYSTEM_FONTS", "1").strip().lower()
    return value not in ("0", "no", "off", "false")


@functools.cache
def _system_candidates() -> tuple[tuple[str, int, tuple[int, ...]], ...]:
    """The machine's fonts in fontconfig's order of preference for sans-serif text: (file,
    face index, coverage as flat [start, end, start, end ...] code point bounds)."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return ()
    try:
        out = subprocess.run([fc_match, "-s", "sans-serif",
                              "--format=%{file}\t%{index}\t%{charset}\n"],
                             capture_output=True, text=True, timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    found = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[0].lower().endswith((".ttf", ".ttc", ".otf")):
            found.append((parts[0], int(parts[1] or 0), _charset(parts[2])))
    return tuple(found)


def _charset(value: str) -> tuple[int, ...]:
    """fontconfig's ``20-7e a0-17f 2c7`` as flat bounds, each range [start, end + 1)."""
    bounds: list[int] = []
    for item in value.split():
        lo, _, hi = item.partition("-")
        try:
            bounds += [int(lo, 16), int(hi or lo, 16) + 1]
        except ValueError:
            continue
    return tuple(bounds)


def _in_charset(code: int, bounds: tuple[int, ...]) -> bool:
    return bisect.bisect_right(bounds, code) % 2 == 1


@functools.cache
def _machine_font(path: str, index: int) -> str | None:
    """The machine font registered, or None when ReportLab cannot embed it (CFF outlines)."""
    try:
        return register_fallback(path, index)
    except Exception:  # ReportLab raises several kinds for fonts it cannot embed
        return None


@functools.cache
def _beyond_chain(ch: str, system: bool) -> str | None:
    """The first shipped fallback, then machine font, that has ``ch``; None when none has."""
    code = ord(ch)
    for name in shipped_fallbacks():
        if code in charmap(name):
            return name
    if not system:
        return None
    for path, index, bounds in _system_candidates():
        if _in_charset(code, bounds):
            name = _machine_font(path, index)
            if name is not None and code in charmap(name):
                return name
    return None


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
    """Split text into (run, font) pieces: each character in the first font of ``chain`` that
    has it, else the first fallback beyond the chain that has it; font None marks characters
    no font has. Spaces and punctuation inside right-to-left text stay in its font, so a
    right-to-left phrase is one run (shaped and ordered as a whole)."""
    if chain and text and charmap(chain[0]).issuperset(map(ord, text)):
        return [(text, chain[0])]  # the common case, one font for all: no per-glyph search
    system = system_fonts_enabled()
    picked = []
    for ch in text:
        font = next((f for f in chain if covered(ch, f)), None)
        if font is None and not ch.isspace():
            font = _beyond_chain(ch, system)
        picked.append(font)
    _keep_rtl_together(text, picked)
    out: list[tuple[str, str | None]] = []
    for ch, font in zip(text, picked, strict=True):
        if out and out[-1][1] == font:
            out[-1] = (out[-1][0] + ch, font)
        else:
            out.append((ch, font))
    return out


def is_rtl(ch: str) -> bool:
    """True for a strong right-to-left character (Hebrew, Arabic, Syriac, Thaana, N'Ko...)."""
    return unicodedata.bidirectional(ch) in ("R", "AL")


# Scripts whose letters change form or order with their neighbours: drawn through HarfBuzz.
_SHAPED_RANGES = (
    (0x0590, 0x08FF),  # Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic
    (0x0900, 0x0DFF),  # Devanagari ... Sinhala
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x0F00, 0x109F),  # Tibetan, Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0xFB1D, 0xFDFF),  # Hebrew and Arabic presentation forms
    (0xFE70, 0xFEFF),
)


def needs_shaping(text: str) -> bool:
    """True when ``text`` holds a character of a script that must be shaped to read right."""
    if text.isascii():  # the common case, decided without a look at each character
        return False
    return any(lo <= ord(ch) <= hi for ch in text if ord(ch) >= 0x0590
               for lo, hi in _SHAPED_RANGES)


_NEUTRAL = frozenset(("WS", "ON", "CS", "ES", "ET", "EN", "AN", "BN", "NSM"))


def _keep_rtl_together(text: str, picked: list[str | None]) -> None:
    """Give the neutral characters between two right-to-left characters of one font (spaces,
    digits, punctuation), and a bracket or quote opening right before or closing right after
    such a character, to that font where it has them."""
    strong = [(i, picked[i]) for i, ch in enumerate(text) if picked[i] and is_rtl(ch)]
    for (i, font), (j, other) in itertools.pairwise(strong):
        if font == other and all(unicodedata.bidirectional(text[k]) in _NEUTRAL
                                 for k in range(i + 1, j)):
            _give(text, picked, range(i + 1, j), font)
    for i, font in strong:
        edges = [k for k, kinds in ((i - 1, ("Ps", "Pi")), (i + 1, ("Pe", "Pf")))
                 if 0 <= k < len(text) and unicodedata.category(text[k]) in kinds]
        _give(text, picked, edges, font)


def _give(text: str, picked: list[str | None], where: Iterable[int], font: str | None) -> None:
    for k in where:
        if font and covered(text[k], font):
            picked[k] = font
