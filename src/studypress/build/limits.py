"""The limits on one note (``layouts/limits.toml``), read by the shared settings loader."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, Severity
from ..layouts import Layouts
from ..settings import Integer, load_file, setting
from .records import NoteBrief


@dataclass(frozen=True)
class Limits:
    """How large a note may be and still be built."""

    note_bytes: int = setting("note_bytes", Integer(low=1), 2_000_000)
    line_chars: int = setting("line_chars", Integer(low=80), 10_000)
    items: int = setting("items", Integer(low=1), 2_000)

    @classmethod
    def load(cls, project_dir: Path) -> Limits:
        return load_file(cls, Layouts(project_dir / "layouts"), "limits")


def _over(what: str, found: int, limit: int, key: str, display: str,
          line: int | None = None) -> Diagnostic:
    return Diagnostic(Severity.ERROR, "too-large",
                      f"{what} is {found:,}, over the limit of {limit:,}; the note was not "
                      f"built (raise {key} in layouts/limits.toml to build it)", display, line)


def size_problem(limits: Limits, size: int, display: str) -> Diagnostic | None:
    if size > limits.note_bytes:
        return _over("the note's size in bytes", size, limits.note_bytes, "note_bytes", display)
    return None


def line_problem(limits: Limits, text: str, display: str) -> Diagnostic | None:
    """The first line longer than the limit."""
    if len(text) <= limits.line_chars or max(map(len, text.split("\n"))) <= limits.line_chars:
        return None
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) > limits.line_chars:
            return _over("this line's length", len(line), limits.line_chars, "line_chars",
                         display, number)
    return None


def items_problem(limits: Limits, note: NoteBrief) -> Diagnostic | None:
    if note.items > limits.items:
        return _over("the number of events, people, terms and questions", note.items,
                     limits.items, "items", note.source)
    return None
