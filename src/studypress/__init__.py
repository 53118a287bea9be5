"""studypress: compile Markdown study notes into a PDF study guide, an Anki deck and a
cast-of-characters handout."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

from . import compiled

compiled.install_if_inherited()  # a process the command started afresh keeps as it does

__all__ = [
    "MODEL_VERSION",
    "Diagnostic",
    "Event",
    "HistoricalDate",
    "Note",
    "Person",
    "Question",
    "Term",
    "__version__",
]


def __getattr__(name: str) -> Any:
    """The model's names, imported on first use: ``--help`` and ``--version`` never need them."""
    if name in __all__:
        from . import model

        return getattr(model, name)
    raise AttributeError(f"module 'studypress' has no attribute {name!r}")
