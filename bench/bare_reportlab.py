"""The bare-ReportLab ceiling: plain-paragraph PDFs in the guide's embedded font, nothing else.

``python bench/bare_reportlab.py OUT PAGES...`` writes one PDF per PAGES figure (as many pages
as one guide has) in this one process: what ReportLab alone costs for the same pages.
"""

from __future__ import annotations

import sys
from pathlib import Path

_TEXT = ("the council signs the treaty and the envoy opens the harbour to the merchants of "
          "the northern provinces while the senate debates the grain reform")
_WORDS = _TEXT.split()


def _paragraph_text(index: int) -> str:
    words = [_WORDS[(index * 7 + k) % len(_WORDS)] for k in range(40 + index % 30)]
    return " ".join(words).capitalize() + "."


def build(path: Path, pages: int) -> None:
    """A PDF of ``pages`` pages of plain paragraphs, each page filled."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    from studypress.fonts import family

    style = ParagraphStyle("body", fontName=family("serif").regular, fontSize=10, leading=13)
    story = []
    for page in range(pages):
        story += [Paragraph(_paragraph_text(page * 12 + k), style) for k in range(12)]
        story.append(PageBreak())
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(story[:-1])


def main(argv: list[str]) -> None:
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    for index, pages in enumerate(argv[1:]):
        build(out / f"bare-{index}.pdf", int(pages))


if __name__ == "__main__":
    main(sys.argv[1:])
