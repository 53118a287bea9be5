"""Strings encoded for a TrueType font's subsets (pdf.subsets) get the pieces and the codes
ReportLab's own loop gives them, in the same order of first use."""

from __future__ import annotations

import io

from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from studypress import fonts
from studypress.renderers.pdf import subsets

subsets.install()
LOOP = TTFont.splitString.__closure__[0].cell_contents  # ReportLab's own splitString


def _encoded(split, texts: list[str]) -> tuple[list[object], list[list[int]]]:
    font = getFont(fonts.family("serif").regular)
    doc = Canvas(io.BytesIO())._doc
    pieces = [split(font, text, doc) for text in texts]
    return pieces, [list(s) for s in font.state[doc].subsets]


def test_the_pieces_and_the_subsets_are_reportlabs() -> None:
    greek = "".join(chr(c) for c in range(0x391, 0x3aa) if c != 0x3a2)
    cyrillic = "".join(chr(c) for c in range(0x410, 0x450))
    texts = ["The council met.", "The council met.", "", "no\xa0break", "met again",
             "\u0378 a letter without a glyph", greek, cyrillic, "Latin-1: é ü ß",
             "ĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪīĬĭĮįİıĲĳĴĵĶķĸĹĺĻļĽľĿŀŁłŃńŅņŇňŉŊŋŌōŎŏ"
             "ŐőŒœŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽž",
             greek + cyrillic + "The council met.", "Άά Έέ Ήή"]
    ours, ours_subsets = _encoded(TTFont.splitString, texts)
    theirs, their_subsets = _encoded(LOOP, texts)
    assert ours == theirs
    assert ours_subsets == their_subsets
    assert len(their_subsets) > 1  # the texts reach past the first subset
    assert ours[1] == [(0, ours[0][0][1])]


def test_installing_twice_keeps_one_lookup() -> None:
    subsets.install()
    assert TTFont.splitString.__closure__[0].cell_contents is LOOP
