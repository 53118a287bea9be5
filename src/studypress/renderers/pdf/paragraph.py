"""ReportLab's Paragraph, shaped where its text needs it.

Arabic and Hebrew letters join and run right to left, Devanagari vowel signs reorder: ReportLab
draws them right only through its HarfBuzz shaping (``ParagraphStyle.shaping``). Shaping every
paragraph would change how plain Latin text is laid out, so only a paragraph whose text holds
such a script gets a shaped copy of its style. Every PDF renderer builds paragraphs from here.
"""

from __future__ import annotations

from typing import Any

import reportlab.platypus.paragraph as _rl_paragraph
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import ShapedFragWord, makeShapedFragWord
from reportlab.platypus import Paragraph as _Paragraph

from ... import fonts


class Paragraph(_Paragraph):
    """A ReportLab Paragraph, shaped when its text holds a script that needs it."""

    def __init__(self, text: str | None, style: Any = None, *args: Any, **kwargs: Any) -> None:
        if text and style is not None and not style.shaping and fonts.needs_shaping(text):
            style = ParagraphStyle(f"{style.name}-shaped", parent=style, shaping=1)
        super().__init__(text, style, *args, **kwargs)


def _shape_per_font(shape: Any) -> Any:
    """ReportLab's word shaper, fed one font at a time. ReportLab shapes a whole word in the
    font of its first piece, so a word that mixes fonts (a Hebrew name and the full stop after
    it, an emoji and a comma) would get the first font's glyph numbers for every piece; here
    each font's piece is shaped on its own and the pieces are joined again."""

    def shape_word(word: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(word, ShapedFragWord):
            return word
        groups: list[tuple[Any, list[Any]]] = []
        for item in word[1:]:
            frag = item[0]
            name = getattr(frag, "fontName", None)
            if groups and (hasattr(frag, "cbDefn") or groups[-1][0] == name):
                groups[-1][1].append(item)
            else:
                groups.append((name, [item]))
        if len(groups) < 2:
            return shape(word, *args, **kwargs)
        parts = [shape(word.__class__([_width(items), *items]), *args, **kwargs)
                 for _, items in groups]
        if not any(isinstance(p, ShapedFragWord) for p in parts):
            return word
        joined = makeShapedFragWord(word)([sum(p[0] for p in parts)])
        for p in parts:
            joined.extend(p[1:])
        return joined

    shape_word.per_font = True  # type: ignore[attr-defined]
    return shape_word


def _width(items: list[Any]) -> float:
    return sum(getattr(f, "width", 0.0) if hasattr(f, "cbDefn")
               else stringWidth(text, f.fontName, f.fontSize) for f, text in items)


if not getattr(_rl_paragraph.shapeFragWord, "per_font", False):
    _rl_paragraph.shapeFragWord = _shape_per_font(_rl_paragraph.shapeFragWord)
