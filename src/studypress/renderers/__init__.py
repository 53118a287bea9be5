"""The renderer registry: output name → module. A new format is one module and one line here.

Modules are imported only when a build needs them, so ``--help`` and no-op builds stay fast.
Each module exposes ``RENDERER``, an object with ``name`` and ``render(note, ctx)`` (and
optionally ``render_project(notes, ctx)``).
"""

from __future__ import annotations

import importlib
from typing import Any

REGISTRY: dict[str, str] = {
    "model": "studypress.renderers.model_json",
    "timeline": "studypress.renderers.timeline",
    "png": "studypress.renderers.timeline.png",
    "deck": "studypress.renderers.deck",
    "cards": "studypress.renderers.cards_csv",
    "guide": "studypress.renderers.guide",
    "handout": "studypress.renderers.handout",
    "flashcards": "studypress.renderers.handout.flashcards",
    "book": "studypress.renderers.book",
}


# Made only when asked for (`--only`, or `outputs` in studypress.toml): the course book lays
# out every note again, and rasterising timeline.png takes as long as drawing the figure, which
# a build after each edit should not wait for.
ON_REQUEST = frozenset({"book", "png"})


def names() -> list[str]:
    """Every output a build can make."""
    return list(REGISTRY)


def defaults() -> list[str]:
    """The outputs a build makes when none are named."""
    return [n for n in REGISTRY if n not in ON_REQUEST]


def load(name: str) -> Any:
    """The renderer object registered under ``name``."""
    return load_module(REGISTRY[name])


def load_module(module: str) -> Any:
    """The renderer object of a module."""
    return importlib.import_module(module).RENDERER
