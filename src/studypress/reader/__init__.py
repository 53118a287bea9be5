"""Markdown note → content model. The reader never raises on note text: what it cannot
understand stays as prose and earns a diagnostic.

The parsing itself (``reader.note`` and the modules it uses: markdown-it, YAML, the date
grammar) is imported by the first note read, so a build that finds every note as the last
build read it imports none of it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .. import assets
from ..slug import slug
from .decoding import DecodeError, decode

if TYPE_CHECKING:
    from ..model import Note

__all__ = ["ReadError", "read_note", "read_text", "slugify"]


class ReadError(Exception):
    """The file cannot be read as a note at all (not UTF-8, unreadable)."""

    def __init__(self, file: str, message: str, line: int | None = None) -> None:
        super().__init__(f"{file}:{line or 1}: error: {message}")
        self.file, self.message, self.line = file, message, line


def slugify(value: str) -> str:
    """A note id from a file name or permalink (see ``studypress.slug``)."""
    return slug(value, "note")


def read_note(path: Path, display: str | None = None, root: Path | None = None) -> Note:
    """Read one Markdown file; ``display`` is the path shown in diagnostics, ``root`` the vault
    folder searched for embedded files."""
    shown = display or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(shown, f"cannot read the file: {exc.strerror or exc}") from None
    try:
        text = decode(data)
    except DecodeError as exc:
        raise ReadError(shown, str(exc), exc.line) from None
    folder = path.parent

    def embed_exists(target: str) -> bool:
        return assets.is_url(target) or assets.find(target, folder, root or folder) is not None

    return read_text(text, shown, path.stem, embed_exists=embed_exists)


def read_text(text: str, source: str, stem: str,
              embed_exists: Callable[[str], bool] | None = None) -> Note:
    """Read note text (already decoded) into a Note with its diagnostics."""
    from .note import read

    return read(text, source, stem, embed_exists)
