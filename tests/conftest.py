"""Shared fixtures: the corpus notes copied into tests/notes/ and their models."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from studypress.model import Note
from studypress.reader import read_note

NOTES = Path(__file__).parent / "notes"
SEED = NOTES / "russian-history-ii-us-recognition-of-soviet-union-timeline.md"
CORPUS = sorted(NOTES.glob("*.md"))

# The machine's own fonts differ from machine to machine; tests see only the package's fonts
# (a test of the machine fallback sets the variable back for its own build).
os.environ.setdefault("STUDYPRESS_SYSTEM_FONTS", "0")
# Nor do they keep compiled patterns in the user's cache folder (``patterns``): the tests of
# that keeping give it a folder of their own.
os.environ["STUDYPRESS_CACHE_DIR"] = ""


# Modules whose tests read rendered PDFs or drive a real Anki collection: the slow part of the
# suite, marked so ``-m "not slow"`` gives a quick loop while editing.
_SLOW_LIBRARIES = ("pypdf", "pdfplumber", "anki")


def _uses_slow_library(module: object) -> bool:
    for value in vars(module).values():
        origin = getattr(value, "__module__", None) or getattr(value, "__name__", None)
        if isinstance(origin, str) and origin.split(".")[0] in _SLOW_LIBRARIES:
            return True
    return False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    slow: dict[object, bool] = {}
    for item in items:
        module = getattr(item, "module", None)
        if module is None:
            continue
        if module not in slow:
            slow[module] = _uses_slow_library(module)
        if slow[module]:
            item.add_marker(pytest.mark.slow)


def read(name: str) -> Note:
    return read_note(NOTES / name, f"notes/{name}")


@pytest.fixture(scope="session")
def seed() -> Note:
    return read_note(SEED, "notes/" + SEED.name)


@pytest.fixture(scope="session")
def corpus() -> dict[str, Note]:
    return {p.name: read_note(p, "notes/" + p.name) for p in CORPUS}
