"""Guide and handout read a fallback font setting the same way: one path or a list, relative to
the project, an unusable file a warning that lets the build go on."""

from __future__ import annotations

from pathlib import Path

import pytest

from studypress import fonts
from studypress.layouts import Layouts
from studypress.renderers.base import RenderContext, RenderOptions
from studypress.renderers.guide import RENDERER as GUIDE
from studypress.renderers.handout import RENDERER as HANDOUT

VERA = Path(__import__("reportlab").__file__).parent / "fonts" / "Vera.ttf"


def test_fallback_list_accepts_a_path_or_a_list():
    assert fonts.fallback_list("a.ttf") == ["a.ttf"]
    assert fonts.fallback_list(["a.ttf", " ", "b.ttf"]) == ["a.ttf", "b.ttf"]
    assert fonts.fallback_list("") == [] and fonts.fallback_list(None) == []


@pytest.mark.parametrize("value", ['"Vera.ttf"', '["Vera.ttf", "missing.ttf"]'])
@pytest.mark.parametrize("renderer,name", [(GUIDE, "guide"), (HANDOUT, "handout")])
def test_both_renderers_load_relative_fonts_and_warn_on_bad_ones(seed, tmp_path, value,
                                                                 renderer, name):
    (tmp_path / "Vera.ttf").write_bytes(VERA.read_bytes())
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / f"{name}.toml").write_text(f"[fonts]\nfallback = {value}\n")
    ctx = RenderContext(RenderOptions(), Layouts(tmp_path / "layouts"), 1700000000)
    result = renderer.render(seed, ctx)
    assert result.files, "the output is still made"
    warnings = [d for d in result.diagnostics if d.code == "fallback-font"]
    if "missing" in value:
        assert len(warnings) == 1 and str(tmp_path / "missing.ttf") in warnings[0].message
        assert f"layouts/{name}.toml" in warnings[0].message
    else:
        assert warnings == []
