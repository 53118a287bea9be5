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
    "deck": "studypress.renderers.deck",
    "cards": "studypress.renderers.cards_csv",
    "guide": "studypress.renderers.guide",
    "handout": "studypress.renderers.handout",
    "flashcards": "studypress.renderers.handout.flashcards",
    "book": "studypress.renderers.book",
}


def names() -> list[str]:
    return list(REGISTRY)


def load(name: str) -> Any:
    """The renderer object registered under ``name``."""
    return load_module(REGISTRY[name])


def load_module(module: str) -> Any:
    """The renderer object of a module."""
    return importlib.import_module(module).RENDERER
