"""A small project folder for a test's build."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any


def project_of(root: Path, monkeypatch: Any, notes: Mapping[str, str]) -> Path:
    """``root`` as a project: the notes (file name → text) in ``source/``, an empty
    ``layouts/``, a fixed build time and ``root`` as the working folder; the source folder."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.chdir(root)
    src = root / "source"
    src.mkdir(exist_ok=True)
    for name, text in notes.items():
        (src / name).write_text(text, encoding="utf-8")
    (root / "layouts").mkdir(exist_ok=True)
    return src
