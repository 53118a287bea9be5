"""String widths the same to the last bit with or without ReportLab's accelerator (textwidth.py)."""

from __future__ import annotations

import importlib.util
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics

from studypress import fonts, textwidth


def _c_formula(font, text, size, encoding="utf8"):
    # How rl_accel's instanceStringWidthTTF multiplies: sum first, then 0.001, then the size.
    get, default = font.face.charWidths.get, font.face.defaultWidth
    return sum(get(ord(u), default) for u in text) * 0.001 * size


_SIZES = st.sampled_from([6.2, 7, 7.5, 8, 8.5, 9, 9.5, 10, 11, 13.7, 18])
_TEXT = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), max_size=80)


def test_the_two_formulas_differ_in_the_last_place() -> None:
    # The reason for the module: the products round differently for ordinary words.
    font = pdfmetrics.getFont(fonts.family("serif").regular)
    text = "frontier canal soldiers river monastery fleet. The"
    assert textwidth.python_width(font, text, 9) != _c_formula(font, text, 9)


@settings(max_examples=300, deadline=None)
@given(_TEXT, _SIZES, st.sampled_from(["serif", "sans"]), st.booleans())
def test_widths_from_the_accelerators_sum_are_reportlabs_python_widths(text, size, kind,
                                                                       bold) -> None:
    fam = fonts.family(kind)
    font = pdfmetrics.getFont(fam.bold if bold else fam.regular)
    assert textwidth.accelerated(_c_formula)(font, text, size) == textwidth.python_width(
        font, text, size)


def test_bytes_are_decoded_as_reportlab_does() -> None:
    font = pdfmetrics.getFont(fonts.family("serif").italic)
    width = textwidth.accelerated(_c_formula)
    assert width(font, "Ελλάδα".encode(), 10) == textwidth.python_width(font, "Ελλάδα", 10)


def test_a_face_with_fractional_advances_is_summed_in_python() -> None:
    class Face:  # as a TrueType face of 2048 units per em has them
        def __init__(self) -> None:
            self.charWidths = {ord("a"): 512.5, ord("b"): 300.25}
            self.defaultWidth = 500

    face = Face()

    def wrong(*_args):
        raise AssertionError("C's sum cannot be recovered for fractional advances")

    font = SimpleNamespace(face=face)
    assert textwidth.accelerated(wrong)(font, "abz", 9) == textwidth.python_width(font, "abz", 9)


@pytest.mark.skipif(importlib.util.find_spec("_rl_accel") is None,
                    reason="ReportLab's accelerator is not installed")
@settings(max_examples=300, deadline=None)
@given(_TEXT, _SIZES)
def test_reportlab_measures_as_without_the_accelerator(text, size) -> None:
    name = fonts.family("serif").regular
    assert textwidth.install()
    font = pdfmetrics.getFont(name)
    assert pdfmetrics.stringWidth(text, name, size) == textwidth.python_width(font, text, size)


def _recording(widths: dict[str, float]):
    asked: list[str] = []

    def measure(text, name, size, encoding="utf8"):
        asked.append(text)
        return widths.get(text, 1.0) * size

    return measure, asked


def test_a_remembered_width_is_measured_once() -> None:
    measure, asked = _recording({"treaty": 2.5})
    registry = {"Serif": object()}
    width = textwidth.memoised(measure, registry)
    assert width("treaty", "Serif", 10) == 25.0
    assert width("treaty", "Serif", 10) == 25.0
    assert width("treaty", "Serif", 9) == 22.5
    assert asked == ["treaty", "treaty"]


def test_a_name_registered_anew_is_measured_anew() -> None:
    measure, asked = _recording({})
    registry = {"Serif": object()}
    width = textwidth.memoised(measure, registry)
    width("council", "Serif", 10)
    registry["Serif"] = object()  # another face under the same name
    width("council", "Serif", 10)
    assert asked == ["council", "council"]


def test_shaped_strings_and_unknown_fonts_are_not_kept() -> None:
    from reportlab.pdfbase.ttfonts import ShapedStr

    measure, asked = _recording({})
    width = textwidth.memoised(measure, {})
    for _ in range(2):
        width("envoy", "Unregistered", 10)
    shaped = textwidth.memoised(measure, {"Serif": object()})
    for _ in range(2):
        shaped(ShapedStr("envoy", []), "Serif", 10)
    assert asked == ["envoy"] * 4


def test_the_remembered_widths_are_bounded(monkeypatch) -> None:
    monkeypatch.setattr(textwidth, "_LIMIT", 3)
    monkeypatch.setattr(textwidth, "_MEASURED", {})
    measure, _ = _recording({})
    width = textwidth.memoised(measure, {"Serif": object()})
    for k in range(10):
        width(f"word{k}", "Serif", 10)
        assert len(textwidth._MEASURED) <= 3


@settings(max_examples=200, deadline=None)
@given(_TEXT, _SIZES)
def test_paragraphs_measure_as_reportlab_does(text, size) -> None:
    from reportlab.platypus import paragraph

    from studypress.renderers.pdf import paragraph as _installs  # noqa: F401

    name = fonts.family("serif").regular
    assert paragraph.stringWidth(text, name, size) == pdfmetrics.stringWidth(text, name, size)
    assert paragraph.stringWidth(text, name, size) == pdfmetrics.stringWidth(text, name, size)
