"""``timeline.pdf``: the figure at print size, one page of paper for each page of the figure.

A figure as wide as the portrait text width goes on portrait pages, a wider one on landscape
pages; each is drawn at full size (never shrunk) from the top margin, centred across the page.
"""

from __future__ import annotations

import io
from typing import Any

MARGIN = {"a4": 72 / 2.54 * 2, "letter": 54.0}  # the margins the text widths are made with


def figure_pdf(scenes: list[Any], paper: str, title: str, font: str) -> bytes:
    """The PDF of the figure's pages (``figure.scene`` Scenes), one a page."""
    from reportlab.lib.pagesizes import A4, LETTER, landscape
    from reportlab.pdfgen.canvas import Canvas

    from ...figure.paint import paint

    size = LETTER if paper == "letter" else A4
    margin = MARGIN.get(paper, MARGIN["a4"])
    if max(float(d.width) for d in scenes) > size[0] - 2 * margin + 0.5:
        size = landscape(size)
    buf = io.BytesIO()
    # invariant: no creation date or random id, so two builds give the same bytes; the initial
    # font is the figure's own, or ReportLab would name an unembedded Helvetica on every page
    canvas = Canvas(buf, pagesize=size, invariant=1, initialFontName=font,
                    pageCompression=1)
    canvas.setTitle(title)
    canvas.setCreator("studypress")
    width, height = size
    for d in scenes:
        x = max(0.0, (width - float(d.width)) / 2)
        y = max(0.0, height - margin - float(d.height))
        paint(d, canvas, x, y)
        canvas.showPage()
    canvas.save()
    return buf.getvalue()
