"""Text encoded for an embedded TrueType font's subsets without a Python step per character
where it can be.

ReportLab's ``TTFont.splitString`` turns every string drawn into (subset, bytes) pieces, giving
a character met for the first time the next free code of the font's subsets; it looks each
character up in a Python loop. Once every character of a string has its code in the first
subset (most of a page after its first lines), the one piece it makes is the string's codes as
bytes, which a lookup over the whole string gives at once. Any other string (a new character,
one without a glyph, a no-break space, a code past the first subset) goes to ReportLab's own
loop, which alone assigns codes: the subsets and the bytes stay what they were.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.ttfonts import TTFont


def _known_codes(split: Any) -> Any:
    def splitString(self: Any, text: Any, doc: Any, encoding: str = "utf-8") -> Any:
        state = self.state.get(doc) if isinstance(text, str) and text else None
        if state is not None:
            try:
                return [(0, bytes(map(state.assignments.__getitem__, map(ord, text))))]
            except (KeyError, ValueError):  # a character without a code yet, or past 255
                pass
        return split(self, text, doc, encoding)

    splitString.known_codes = True  # type: ignore[attr-defined]
    return splitString


def install() -> None:
    """Put the whole-string lookup in front of ReportLab's ``TTFont.splitString`` (once)."""
    if not getattr(TTFont.splitString, "known_codes", False):
        TTFont.splitString = _known_codes(TTFont.splitString)
