"""ReportLab's Paragraph, shaped and laid out in both directions where its text needs it.

Arabic and Hebrew letters join and run right to left, Devanagari vowel signs reorder: ReportLab
draws them right only through its HarfBuzz shaping (``ParagraphStyle.shaping``). Shaping every
paragraph would change how plain Latin text is laid out, so only a paragraph whose text holds
such a script gets a shaped copy of its style.

ReportLab puts the words of a paragraph that mixes fonts in the order they were written
(its own bidi support needs rlbidi and leaves such paragraphs alone), so a paragraph with a
right-to-left character is laid out here by the Unicode Bidirectional Algorithm (``bidi``):
its base direction is that of its first strong letter (an Arabic or Hebrew paragraph is set
flush right), each word is cut where its embedding level changes and each piece shaped in its
own direction, the lines are broken in the order the words were written, and then each line's
pieces are put in visual order. Every PDF renderer builds paragraphs from here.
"""

from __future__ import annotations

import html
import itertools
import re
from typing import Any

import reportlab.platypus.paragraph as _rl_paragraph
import reportlab.platypus.tableofcontents as _rl_toc
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import ShapedFragWord, ShapedStr, makeShapedFragWord
from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus.paraparser import ParaFrag

from ... import bidi, fonts, textline, textwidth
from . import colours, subsets

_TAG = re.compile(r"<[^>]*>")
_MARKUP = re.compile(r"[<&]")  # what starts a tag or an entity
_SPACE = re.compile(r"(\s+)")
_serial = itertools.count(1)
# What ``Paragraph.wrap`` (and the ``breakLines`` it calls) sets on the paragraph.
_WRAPPED = ("width", "blPara", "height", "_width_max", "_splitLongWordCount", "_hyphenations")


class Paragraph(_Paragraph):
    """A ReportLab Paragraph, shaped when its text holds a script that needs it, and laid out
    by the bidirectional algorithm when it holds a right-to-left character."""

    #: the paragraph's direction, 0 (left to right) or 1; None: that of its first letter
    base_level: int | None = None

    def __init__(self, text: str | None, style: Any = None, *args: Any, **kwargs: Any) -> None:
        if text and style is not None and not style.shaping and fonts.needs_shaping(text):
            style = ParagraphStyle(f"{style.name}-shaped", parent=style, shaping=1)
        self._bidi_base: int | None = None
        if text and bidi.has_rtl(text):
            self._bidi_base = self.base_level if self.base_level is not None else \
                bidi.base_level(html.unescape(_TAG.sub("", text)))
            if self._bidi_base and style.alignment in (TA_LEFT, TA_JUSTIFY):
                style = ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)
        super().__init__(text, style, *args, **kwargs)

    def _setup(self, text: Any, style: Any, bulletText: Any, frags: Any, cleaner: Any) -> None:
        parsed = frags is None
        if parsed and isinstance(text, str) and not _MARKUP.search(text):
            # Most of a guide's paragraphs are text without a tag: ReportLab's parser, an
            # HTMLParser, would make the one piece made here, at many times the cost.
            cleaned = cleaner(text)
            if cleaned:
                text, frags = cleaned, [plain_frag(cleaned, style)]
                _rl_paragraph.textTransformFrags(frags, style)
        super()._setup(text, style, bulletText, frags, cleaner)
        if parsed and self._bidi_base is not None:
            self.frags = _level_frags(self.frags, self._bidi_base)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # Platypus wraps a paragraph several times at the same width before it is drawn (a
        # frame, a split, a group kept together, a table measuring its rows and then drawing
        # them, or draws it again on every card) and the next pass of ``multiBuild`` wraps it
        # again: the lines stand until the text, style, width or bullet changes.
        memo = self.__dict__.get("_wrapped")
        if (memo is not None and memo[0] == availWidth and memo[1] is self.frags
                and memo[2] is self.style and memo[3] == self.bulletText):
            self.__dict__.update(memo[4], _wrapWidths=list(memo[5]))
            return availWidth, self.height
        size = super().wrap(availWidth, availHeight)
        if availWidth >= _rl_paragraph._FUZZ:
            state = {k: self.__dict__[k] for k in _WRAPPED if k in self.__dict__}
            self._wrapped = (availWidth, self.frags, self.style, self.bulletText, state,
                             tuple(self._wrapWidths))
        return size

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts = super().split(availWidth, availHeight)
        if parts != [self]:  # ReportLab may have changed the pieces the lines were made of
            self._wrapped = None
        return parts

    def drawOn(self, canvas: Any, *args: Any, **kwargs: Any) -> None:
        if self.style.wordWrap == "RTL":  # ReportLab's drawing reverses each line's words
            self._wrapped = None
        super().drawOn(canvas, *args, **kwargs)

    def breakLines(self, width: Any) -> Any:
        lines = super().breakLines(width)
        if getattr(lines, "kind", 0) == 1:
            for line in lines.lines:
                _visual_line(line)
        return lines


def plain_frag(text: str, style: Any) -> Any:
    """The piece ReportLab's parser makes of ``text`` (no tag, no entity) in ``style``: the
    same attributes, set in the same order (``ParaParser._initial_frag``, ``start_para`` and
    ``handle_data``)."""
    frag = ParaFrag()
    frag.rise = 0
    frag.greek = 0
    frag.link = []
    frag.fontName, frag.bold, frag.italic = ps2tt(style.fontName)
    frag.fontSize = style.fontSize
    frag.textColor = style.textColor
    frag.us_lines = []
    frag.__tag__ = "para"
    frag.fontName = tt2ps(frag.fontName, frag.bold, frag.italic)
    frag.text = text
    return frag


class EntryParagraph(Paragraph):
    """A line of a listing laid out left to right whatever its words (a table of contents'
    entry: the title, the dots, the page number); an Arabic title in it reads right to left."""

    base_level = 0


def _level_frags(frags: list[Any], base: int) -> list[Any]:
    """The parsed pieces of a paragraph cut into one piece a word and a level, each marked with
    its embedding level (``bidi``), the level of the space after it (``bidiGap``), the
    paragraph's level (``bidiBase``) and an identity that keeps it from being merged with
    its neighbours on a line (``bidiId``)."""
    texts = [f.text if _is_text(f) else "" for f in frags]
    whole = "".join(texts)
    levels = bidi.levels(whole, base)
    out: list[Any] = []
    start = 0
    for f, text in zip(frags, texts, strict=True):
        if not text:
            out.append(f)
            continue
        for piece, at in _pieces(text, start, levels):
            after = at + len(piece)
            out.append(f.clone(text=piece, bidi=levels[at], bidiBase=base, bidiId=next(_serial),
                               bidiGap=levels[after] if after < len(whole)
                               and whole[after].isspace() else None))
        start += len(text)
    return out


def _is_text(f: Any) -> bool:
    return (getattr(f, "_fkind", 0) == 0 and not hasattr(f, "cbDefn")
            and not getattr(f, "lineBreak", False) and isinstance(getattr(f, "text", None), str))


def _pieces(text: str, start: int, levels: tuple[int, ...]) -> list[tuple[str, int]]:
    """``text`` (starting at ``start`` in the paragraph) as words and spaces, each word cut
    where its level changes: (piece, its position in the paragraph)."""
    out: list[tuple[str, int]] = []
    at = start
    for chunk in _SPACE.split(text):
        if chunk and not chunk.isspace():
            for _, group in itertools.groupby(range(at, at + len(chunk)), key=levels.__getitem__):
                span = list(group)
                out.append((chunk[span[0] - at:span[-1] - at + 1], span[0]))
        elif chunk:
            out.append((chunk, at))
        at += len(chunk)
    return out


def _visual_line(line: Any) -> None:
    """Put the pieces of one broken line in visual order (rules L1 to L4): a space between two
    pieces goes with its own level, the pieces HarfBuzz shaped together stay together in the
    order it gave them, and a right-to-left piece that was not shaped (a bracket, a full stop)
    is reversed and mirrored here."""
    words = getattr(line, "words", None)
    if not words or not any(hasattr(f, "bidi") for f in words):
        return
    base = next(f.bidiBase for f in words if hasattr(f, "bidi"))
    blocks: list[tuple[list[Any], int, Any]] = []  # (frags as drawn, level, shaped run)
    for f in words:
        _add_piece(blocks, f, base)
    levels = [level for _, level, _ in blocks]
    for i in range(len(blocks) - 1, -1, -1):  # L1: spaces at the end of the line
        if any(getattr(f, "text", "").strip() for f in blocks[i][0]):
            break
        levels[i] = base
    line.words = [f for k in bidi.visual_order(levels) for f in blocks[k][0]]


def _add_piece(blocks: list[tuple[list[Any], int, Any]], f: Any, base: int) -> None:
    """One piece of a line as blocks to order: its text, then the space after it if any."""
    if not hasattr(f, "bidi"):
        blocks.append(([f], base, None))
        return
    text = f.text
    n = len(str(text).rstrip(" "))
    core = text[:n]
    if f.bidi % 2 and not isinstance(core, ShapedStr):
        core = bidi.mirrored(core[::-1])
    run = getattr(f, "bidiRun", None)
    if run is not None and blocks and blocks[-1][2] == run:
        blocks[-1][0].append(f.clone(text=core))
    else:
        blocks.append(([f.clone(text=core)], f.bidi, run))
    if n < len(text):  # a space: a piece of its own, or the one after a word
        gap = f.bidi if not n else f.bidiGap if f.bidiGap is not None else base
        blocks.append(([f.clone(text=str(text[n:]))], gap, None))


def _shape_per_font(shape: Any) -> Any:
    """ReportLab's word shaper, fed one font and one direction at a time. ReportLab shapes a
    whole word in the font of its first piece, so a word that mixes fonts (a Hebrew name and
    the full stop after it, an emoji and a comma) would get the first font's glyph numbers
    for every piece; here each font's piece is shaped on its own and the pieces are joined
    again. A right-to-left piece without a right-to-left letter (a bracket, a dash) is left
    unshaped: the line puts it in order."""

    def shape_word(word: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(word, ShapedFragWord):
            return word
        groups = _groups(word)
        if len(groups) < 2:
            return _one_run(shape(word, *args, **kwargs)) if _shapes(groups) else word
        parts = [_one_run(shape(word.__class__([_width(items), *items]), *args, **kwargs))
                 if _shapes([(key, items)]) else word.__class__([_width(items), *items])
                 for key, items in groups]
        if not any(isinstance(p, ShapedFragWord) for p in parts):
            return word
        joined = makeShapedFragWord(word)([sum(p[0] for p in parts)])
        for p in parts:
            joined.extend(p[1:])
        return joined

    shape_word.per_font = True  # type: ignore[attr-defined]
    return shape_word


def _groups(word: Any) -> list[tuple[Any, list[Any]]]:
    """The pieces of a word by font and level, each group to be shaped on its own. An image
    or a marker goes with the piece before it, or, in a bidirectional paragraph, in a group
    of its own that is not shaped (ReportLab's shaper hands such a piece back broken)."""
    split = any(hasattr(item[0], "bidi") for item in word[1:])
    groups: list[tuple[Any, list[Any]]] = []
    for item in word[1:]:
        frag = item[0]
        if split and hasattr(frag, "cbDefn"):
            groups.append((_SPECIAL, [item]))
            continue
        key = (getattr(frag, "fontName", None), getattr(frag, "bidi", None))
        if groups and groups[-1][0] is not _SPECIAL and (
                hasattr(frag, "cbDefn") or groups[-1][0] == key):
            groups[-1][1].append(item)
        else:
            groups.append((key, [item]))
    return groups


_SPECIAL = ("special", None)


def _one_run(word: Any) -> Any:
    """A shaped word whose glyphs came back in several pieces (a quote and the Arabic word it
    opens, in two pieces of markup) marked as one run: they are in visual order already."""
    if isinstance(word, ShapedFragWord) and len(word) > 2:
        run = next(_serial)
        word[1:] = [(item[0].clone(bidiRun=run), item[1])
                    if len(item) == 2 and not hasattr(item[0], "cbDefn") else item
                    for item in word[1:]]  # an image or a marker stays as it is
    return word


def _shapes(groups: list[tuple[Any, list[Any]]]) -> bool:
    """False for a right-to-left group with no right-to-left letter: HarfBuzz would keep its
    order, and the line reverses it."""
    for key, items in groups:
        if key is _SPECIAL:
            return False
        level = key[1]
        if level is not None and level % 2 and not any(
                fonts.is_rtl(ch) for f, text in items if not hasattr(f, "cbDefn") for ch in text):
            return False
    return True


def _width(items: list[Any]) -> float:
    return sum(getattr(f, "width", 0.0) if hasattr(f, "cbDefn")
               else stringWidth(text, f.fontName, f.fontSize) for f, text in items)


def _same_piece(same: Any) -> Any:
    """ReportLab's test for merging a word into the piece before it on a line, refusing to
    merge two pieces of a bidirectional paragraph: each keeps its own level."""

    def same_frag(f: Any, g: Any) -> bool:
        return same(f, g) and getattr(f, "bidiId", None) == getattr(g, "bidiId", None)

    same_frag.per_piece = True  # type: ignore[attr-defined]
    return same_frag


if not getattr(_rl_paragraph.shapeFragWord, "per_font", False):
    _rl_paragraph.shapeFragWord = _shape_per_font(_rl_paragraph.shapeFragWord)
if not getattr(_rl_paragraph.sameFrag, "per_piece", False):
    _rl_paragraph.sameFrag = _same_piece(_rl_paragraph.sameFrag)
textline.guard_rise()
textwidth.install_memo()
subsets.install()
colours.install()
_rl_toc.Paragraph = EntryParagraph  # ReportLab's table of contents makes its own paragraphs
