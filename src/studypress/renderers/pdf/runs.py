"""Text drawn straight on a canvas as runs, each character in the first font that has it."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from ... import fonts


def draw_runs(canv, x: float, y: float, text: str, chain: tuple[str, ...], size: float,
              align: str = "left") -> None:
    """Draw a line of text, each character in the first font of ``chain`` that has it."""
    pieces = [(run if font else "?" * len(run), font or chain[0])
              for run, font in fonts.runs(text, chain)]
    width = sum(stringWidth(run, font, size) for run, font in pieces)
    if align == "right":
        x -= width
    elif align == "centre":
        x -= width / 2
    for run, font in pieces:
        canv.setFont(font, size)
        canv.drawString(x, y, run)
        x += stringWidth(run, font, size)


def fit_runs(text: str, width: float, chain: tuple[str, ...], size: float) -> str:
    """``text`` shortened with an ellipsis until its runs fit ``width`` points."""
    def measure(s: str) -> float:
        return sum(stringWidth(run, font or chain[0], size)
                   for run, font in fonts.runs(s, chain))

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
