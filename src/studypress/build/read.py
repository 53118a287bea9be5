"""Phase 2, read: every discovered file into a note, each kept with its file."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from ..model import Diagnostic, Severity
from ..reader import ReadError, read_note, slugify
from .records import SourceFile, SourceNote


@dataclass
class ReadResult:
    notes: list[SourceNote] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # files that could not be read


def read_sources(files: list[SourceFile]) -> ReadResult:
    """Read every note; unreadable files become error diagnostics, never exceptions."""
    result = ReadResult()
    seen: dict[str, str] = {}
    for f in files:
        try:
            note = read_note(f.path, f.display, f.root)
        except ReadError as exc:
            result.diagnostics.append(Diagnostic(Severity.ERROR, "unreadable", exc.message,
                                                 exc.file, exc.line))
            continue
        if note.id in seen:
            new_id = _unique(note.id, f.path, seen)
            result.diagnostics.append(Diagnostic(
                Severity.WARNING, "duplicate-id",
                f"note id '{note.id}' is already used by {seen[note.id]}; this note is built "
                f"as '{new_id}' (give it its own permalink to choose the name)", f.display, 1))
            note = replace(note, id=new_id)
        seen[note.id] = f.display
        result.notes.append(SourceNote(f, note))
    return result


def _unique(note_id: str, path: Path, seen: dict[str, str]) -> str:
    """A second note with the same id is named after its folder, so adding a third note
    elsewhere never moves the first two (and their decks and ledgers) to new names."""
    candidate = f"{note_id}-{slugify(path.parent.name)}"
    n = 2
    while candidate in seen:
        candidate = f"{note_id}-{slugify(path.parent.name)}-{n}"
        n += 1
    return candidate
