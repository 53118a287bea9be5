"""Colours in paragraph markup (pdf.colours) are ReportLab's, worked out once per string."""

from __future__ import annotations

import pytest
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph as PlainParagraph

from studypress.renderers.pdf import colours
from studypress.renderers.pdf.paragraph import Paragraph  # installs the colour memory

from .calls import record_calls


def _colours(markup: str) -> list[object]:
    frags = Paragraph(markup, ParagraphStyle("plain")).frags
    return [(f.textColor, getattr(f, "backColor", None)) for f in frags]


@pytest.mark.parametrize("value", ["#6b7280", "#FFF1A8", "gray", "rgb(10,20,30)", "0x1a4f8b"])
def test_a_colour_is_the_one_reportlab_reads(value) -> None:
    ours = _colours(f'<font color="{value}">a</font><span backColor="{value}">b</span>')
    expected = colors.toColor(value)
    assert ours[0][0] == expected and ours[1][1] == expected
    assert ours[0][0].rgba() == expected.rgba()


def test_a_string_is_read_once(monkeypatch) -> None:
    colours._named.cache_clear()
    read = record_calls(monkeypatch, colours, "toColor", lambda value: value)
    for _ in range(3):
        _colours('<font color="#123456">a</font> <a href="#x" color="#123456">b</a>')
    assert read == ["#123456"]


def test_a_colour_that_is_no_colour_is_refused_as_before() -> None:
    with pytest.raises(ValueError):
        PlainParagraph('<font color="no-such-colour">a</font>', ParagraphStyle("plain"))
    with pytest.raises(ValueError):
        Paragraph('<font color="no-such-colour">a</font>', ParagraphStyle("plain"))
