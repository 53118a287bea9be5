"""The figure placed in a PDF by itself brings only embedded fonts."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.platypus import SimpleDocTemplate

from studypress import fonts
from studypress.figure import timeline_drawing


def test_figure_in_a_pdf_uses_only_embedded_fonts(seed):
    buf = io.BytesIO()
    fam = fonts.family("sans")
    SimpleDocTemplate(buf, initialFontName=fam.regular, invariant=1).build(
        [timeline_drawing(seed, 450)])
    seen = set()
    for page in PdfReader(io.BytesIO(buf.getvalue())).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            seen.add(str(font["/BaseFont"]))
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert descriptor is not None, font["/BaseFont"]
            descriptor = descriptor.get_object()
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, font["/BaseFont"]
    assert seen and not any("Helvetica" in name for name in seen)
