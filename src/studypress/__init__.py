"""studypress: compile Markdown study notes into a PDF study guide, an Anki deck and a
cast-of-characters handout."""

from __future__ import annotations

import os
from typing import Any

__version__ = "0.1.0"

# A process the command started afresh keeps patterns and code as the command does, from its
# first import on (``patterns._INHERITED``, ``dataclass_code._INHERITED``; named here, so that
# no other process imports those modules).
if os.environ.get("STUDYPRESS_KEEPS_PATTERNS") == "1":
    from . import patterns

    patterns.install()
if os.environ.get("STUDYPRESS_KEEPS_CODE") == "1":
    from . import dataclass_code

    dataclass_code.install()

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
