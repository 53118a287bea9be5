"""Text drawn straight on a canvas as runs, each character in the first font that has it;
a run in a script that must be shaped (Arabic, Hebrew, Devanagari) goes through ReportLab's
HarfBuzz shaping, which also puts right-to-left text in visual order."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from ... import fonts


def _width(run: str, font: str, size: float) -> float:
    if fonts.needs_shaping(run):
        from reportlab.pdfgen.textobject import bidiShapedText

        return bidiShapedText(run, None, fontName=font, fontSize=size, shaping=True)[1]
    return stringWidth(run, font, size)


def draw_runs(canv, x: float, y: float, text: str, chain: tuple[str, ...], size: float,
              align: str = "left") -> None:
    """Draw a line of text, each character in the first font of ``chain`` that has it."""
    pieces = [(run if font else "?" * len(run), font or chain[0])
              for run, font in fonts.runs(text, chain)]
    widths = [_width(run, font, size) for run, font in pieces]
    if align == "right":
        x -= sum(widths)
    elif align == "centre":
        x -= sum(widths) / 2
    for (run, font), width in zip(pieces, widths, strict=True):
        canv.setFont(font, size)
        if fonts.needs_shaping(run):
            canv.drawString(x, y, run, shaping=True)
        else:
            canv.drawString(x, y, run)
        x += width


def runs_width(text: str, chain: tuple[str, ...], size: float) -> float:
    """The width ``draw_runs`` gives ``text``, in points."""
    return sum(_width(run, font or chain[0], size) for run, font in fonts.runs(text, chain))


def fit_runs(text: str, width: float, chain: tuple[str, ...], size: float) -> str:
    """``text`` shortened with an ellipsis until its runs fit ``width`` points."""
    def measure(s: str) -> float:
        return runs_width(s, chain, size)

    if measure(text) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if measure(text[:mid].rstrip() + "…") <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + "…"
