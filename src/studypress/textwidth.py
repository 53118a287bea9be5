"""TrueType string widths that are the same to the last bit with or without ReportLab's C
accelerator (``rl_accel``), so installing it speeds a build up without changing its bytes.

ReportLab's pure-Python width is ``0.001 * size * sum(advances)``; the accelerator computes
``sum(advances) * 0.001 * size``. The two products round differently in about a third of the
calls, by one unit in the last place, and that is enough to move a line break or a shortened
timeline label where a text is exactly as wide as its room, and so to change the drawing. Every
other function the accelerator replaces gives the same result as ReportLab's Python.

So the width is always ReportLab's Python formula. With the accelerator the sum of advances,
the slow part, still comes from C: its width at size 1 is the sum times 0.001, rounded once, and
times 1000, rounded to an integer, it is the sum again exactly when every advance is a whole
number, as it is in any font of 1000 units per em (ours all are). A face with fractional
advances is summed in Python, as without the accelerator.

Line breaking measures the same words over and over (a paragraph is wrapped several times
before it is drawn, and every space of it again), so :func:`memoised` keeps the widths it was
asked for, keyed on the text, the font's name and the size, and checked against the font that
name stands for now: it hands back the very float it was given the first time.
"""

from __future__ import annotations

import functools
from typing import Any

# id(face) → (face, whether all its advance widths are whole numbers); the face is kept so
# that its id is never reused by another face while the entry stands.
_WHOLE: dict[int, tuple[Any, bool]] = {}


def whole_advances(face: Any) -> bool:
    """Are all the face's advances whole numbers (as in a font of 1000 units an em)?"""
    entry = _WHOLE.get(id(face))
    if entry is not None and entry[0] is face:
        return entry[1]
    whole = all(isinstance(w, int) for w in face.charWidths.values()) and isinstance(
        face.defaultWidth, int)
    _WHOLE[id(face)] = (face, whole)
    return whole


def python_width(font: Any, text: str | bytes, size: float, encoding: str = "utf8") -> float:
    """ReportLab's own pure-Python TrueType width (``rl_accel._py_instanceStringWidthTTF``)."""
    if not isinstance(text, str):
        text = text.decode(encoding or "utf8")
    get = font.face.charWidths.get
    default = font.face.defaultWidth
    return 0.001 * size * sum(get(ord(u), default) for u in text)


def accelerated(c_width: Any) -> Any:
    """The width function built on the accelerator's: the Python formula, C's sum."""

    def width(font: Any, text: str | bytes, size: float, encoding: str = "utf8") -> float:
        if not isinstance(text, str):
            text = text.decode(encoding or "utf8")
        if not whole_advances(font.face):
            return python_width(font, text, size, encoding)
        return 0.001 * size * round(c_width(font, text, 1.0) * 1000)

    return width


# (text, font name, size, encoding) → (the font measured, its width); cleared when full.
_MEASURED: dict[tuple[str, str, float, str], tuple[Any, float]] = {}
_LIMIT = 1 << 16


def memoised(measure: Any, registry: dict[str, Any]) -> Any:
    """``measure`` (``pdfmetrics.stringWidth``'s signature) remembering its widths; ``registry``
    maps font names to fonts (``pdfmetrics._fonts``), so a name registered anew is measured
    anew. A ``str`` subclass (ReportLab's shaped strings) and a zero size are never kept."""

    def string_width(text: Any, fontName: str, fontSize: float,
                     encoding: str = "utf8") -> float:
        if type(text) is not str or not fontSize:
            return measure(text, fontName, fontSize, encoding)
        key = (text, fontName, fontSize, encoding)
        font = registry.get(fontName)
        found = _MEASURED.get(key)
        if found is not None and found[0] is font and font is not None:
            return found[1]
        width = measure(text, fontName, fontSize, encoding)
        if len(_MEASURED) >= _LIMIT:
            _MEASURED.clear()
        _MEASURED[key] = (font if font is not None else registry.get(fontName), width)
        return width

    string_width.memoised = True  # type: ignore[attr-defined]
    return string_width


def install_memo() -> None:
    """Make ReportLab's paragraphs measure their words through :func:`memoised` (once)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.platypus import paragraph

    if not getattr(paragraph.stringWidth, "memoised", False):
        paragraph.stringWidth = memoised(paragraph.stringWidth, pdfmetrics._fonts)


@functools.cache
def install() -> bool:
    """Make ReportLab's TrueType fonts measure with :func:`accelerated` when the accelerator
    is installed (once per process); True when it is."""
    from reportlab.lib import rl_accel
    from reportlab.pdfbase import ttfonts

    c_width = rl_accel._c_funcs.get("instanceStringWidthTTF")
    if c_width is None:
        return False
    ttfonts.instanceStringWidthTTF = accelerated(c_width)
    return True
