"""Shared fixtures: the corpus notes copied into tests/notes/ and their models."""

from __future__ import annotations

from pathlib import Path

import pytest

from studypress.model import Note
from studypress.reader import read_note

NOTES = Path(__file__).parent / "notes"
SEED = NOTES / "russian-history-ii-us-recognition-of-soviet-union-timeline.md"
CORPUS = sorted(NOTES.glob("*.md"))


def read(name: str) -> Note:
    return read_note(NOTES / name, f"notes/{name}")


@pytest.fixture(scope="session")
def seed() -> Note:
    return read_note(SEED, "notes/" + SEED.name)


@pytest.fixture(scope="session")
def corpus() -> dict[str, Note]:
    return {p.name: read_note(p, "notes/" + p.name) for p in CORPUS}
