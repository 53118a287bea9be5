"""Text drawn straight on a canvas as runs, each character in the first font that has it,
in visual order (``textline``): a right-to-left phrase reads right to left, its numbers and
Latin words left to right, its Arabic letters joined; a run in a left-to-right script that must
be shaped (Devanagari) goes through ReportLab's HarfBuzz shaping."""

from __future__ import annotations

from ... import fonts, textline


def _drawn(text: str, chain: tuple[str, ...], marked: bool = True) -> list[textline.Run]:
    """The runs of ``text`` to draw; characters no font has as '?' when ``marked``."""
    return textline.visual([(run if font or not marked else "?" * len(run), font or chain[0])
                            for run, font in fonts.runs(text, chain)])


def draw_runs(canv, x: float, y: float, text: str, chain: tuple[str, ...], size: float,
              align: str = "left") -> None:
    """Draw a line of text, each character in the first font of ``chain`` that has it."""
    pieces = _drawn(text, chain)
    widths = [textline.width(run, font, size, shape) for run, font, shape in pieces]
    if align == "right":
        x -= sum(widths)
    elif align == "centre":
        x -= sum(widths) / 2
    for (run, font, shape), width in zip(pieces, widths, strict=True):
        canv.setFont(font, size)
        if shape:
            canv.drawString(x, y, run, shaping=True)
        else:
            canv.drawString(x, y, run)
        x += width


def runs_width(text: str, chain: tuple[str, ...], size: float) -> float:
    """The width ``draw_runs`` gives ``text``, in points."""
    return sum(textline.width(run, font, size, shape)
               for run, font, shape in _drawn(text, chain, marked=False))


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
