"""The cyclic garbage collector is held off while a guide is made (studypress.collector), and is on
again afterwards, whatever happened inside."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from studypress.collector import paused
from studypress.layouts import Layouts
from studypress.renderers.base import RenderContext, RenderOptions
from studypress.renderers.guide import render_guide


class _Box:
    """An object the collector counts when it is made (lists and dicts come from free lists
    that it does not count)."""


@pytest.fixture
def eager_collector() -> Iterator[list[int]]:
    """A collector that runs after every allocation, and the generations it collected."""
    seen: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    before = gc.get_threshold()
    gc.set_threshold(1, 1, 1)
    gc.callbacks.append(note)
    try:
        yield seen
    finally:
        gc.callbacks.remove(note)
        gc.set_threshold(*before)


def test_no_collection_while_a_guide_is_made(seed, eager_collector, monkeypatch) -> None:
    from studypress.renderers.guide.doc import GuideDoc

    ctx = RenderContext(RenderOptions(), Layouts(None), 0)
    inside: list[list[int]] = []
    build = GuideDoc.multiBuild

    def watched(self, *args, **kwargs):  # what collected while the document was made
        start = len(eager_collector)
        try:
            return build(self, *args, **kwargs)
        finally:
            inside.append(eager_collector[start:])

    monkeypatch.setattr(GuideDoc, "multiBuild", watched)
    data, _ = render_guide(seed, ctx)
    assert data.startswith(b"%PDF")
    assert inside == [[]]
    assert gc.isenabled()
    eager_collector.clear()
    [_Box() for _ in range(10)]  # and it collects again at once
    assert eager_collector


def test_the_collector_is_on_again_after_an_error() -> None:
    with pytest.raises(ValueError), paused():
        assert not gc.isenabled()
        raise ValueError("inside")
    assert gc.isenabled()


def test_a_pause_inside_another_leaves_it_paused() -> None:
    with paused():
        with paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_turned_off_stays_off() -> None:
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
