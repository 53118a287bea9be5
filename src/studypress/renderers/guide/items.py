"""List items and numbered entries: a paragraph with its label (a bullet, a question's or an
answer's number) on the side its text starts.

Left-to-right text gets ReportLab's bullet, at the left. Text that runs right to left (its
paragraph direction, as ``pdf.paragraph`` finds it with ``bidi``) is laid out as the same item
seen in a mirror: the label at the right, the text's right edge indented from it, a nested
item's indent taken from the right. ReportLab can put a bullet at the right only for its own
right-to-left wrapping (``wordWrap="RTL"``), which reverses the lines that are already in visual
order here, so the label is drawn here instead.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.rl_config import paraFontSizeHeightOffset

from ... import bidi
from ..pdf.paragraph import Paragraph


class Item(Paragraph):
    """A paragraph with a label before its text, mirrored when its text runs right to left."""

    def __init__(self, text: str | None, style: Any = None, bulletText: Any = None,
                 *args: Any, **kwargs: Any) -> None:
        super().__init__(text, style, bulletText, *args, **kwargs)
        #: the label drawn at the right, in visual order (None: nothing drawn there)
        self.right_label: str | None = None
        self.mirrored = self._bidi_base == 1
        if self.mirrored:
            self.style = mirrored(self.style)
            if isinstance(self.bulletText, str):
                self.right_label = bidi.reorder(self.bulletText, 1)  # "1." reads ".1"
                self.bulletText = None

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2:  # the label stays with the first lines
            parts[0].right_label, parts[1].right_label = self.right_label, None
            parts[0].mirrored = parts[1].mirrored = self.mirrored
        return parts

    def drawPara(self, debug: int = 0) -> None:
        super().drawPara(debug)
        if self.right_label and self.blPara.lines:
            self._draw_right_label(self.right_label)

    def _draw_right_label(self, label: str) -> None:
        """The label on the first line's baseline, its right edge ``bulletIndent`` in from
        the right (where ReportLab puts a bullet's left edge in from the left)."""
        style = self.style
        first = self.blPara if self.blPara.kind == 0 else self.blPara.lines[0]
        rise = first.fontSize if paraFontSizeHeightOffset else getattr(first, "ascent",
                                                                        first.fontSize)
        y = self.height - rise + getattr(style, "bulletOffsetY", 0)
        canvas = self.canv
        canvas.saveState()
        canvas.setFont(style.bulletFontName, style.bulletFontSize)
        canvas.setFillColor(getattr(style, "bulletColor", style.textColor))
        canvas.drawRightString(self.width - style.bulletIndent, y, label)
        canvas.restoreState()


def mirrored(style: ParagraphStyle) -> ParagraphStyle:
    """``style`` seen in a mirror: its left and right indents swapped; ``bulletIndent`` then
    counts from the right."""
    return ParagraphStyle(f"{style.name}-mirrored", parent=style, leftIndent=style.rightIndent,
                          rightIndent=style.leftIndent)
