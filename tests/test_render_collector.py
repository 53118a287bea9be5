"""The renderers that build a whole document before writing it hold the cyclic garbage
collector off while they do (what it would find cannot be freed before the document is
written), and turn it on again after, whatever happens."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from studypress.layouts import Layouts
from studypress.renderers import base, load

CTX = base.RenderContext(base.RenderOptions(), Layouts(Path("/nonexistent")), 1_700_000_000)

# renderer name → (module, the function that builds its document)
BUILDERS = {
    "timeline": ("studypress.renderers.timeline", "_figure"),
    "handout": ("studypress.renderers.handout", "build_pdf"),
    "flashcards": ("studypress.renderers.handout.flashcards", "build_pdf"),
    "deck": ("studypress.renderers.deck", "note_items"),
}


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_the_collector_is_off_while_a_document_is_built_and_on_after(name, seed, monkeypatch):
    import importlib

    module_name, function = BUILDERS[name]
    module = importlib.import_module(module_name)
    real = getattr(module, function)
    seen: list[bool] = []

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(module, function, watched)
    assert gc.isenabled()
    result = load(name).render(seed, CTX)
    assert seen == [False]
    assert gc.isenabled()
    assert result.files


def test_the_collector_is_on_again_after_a_document_that_fails(seed, monkeypatch):
    import studypress.renderers.handout as handout

    def broken(*_args, **_kwargs):
        raise RuntimeError("broken")

    monkeypatch.setattr(handout, "build_pdf", broken)
    with pytest.raises(RuntimeError):
        load("handout").render(seed, CTX)
    assert gc.isenabled()
