"""Phase 2, read: every discovered file into a note, each kept with its file."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import assets
from ..model import Diagnostic, Note, Severity
from ..reader import ReadError, read_text, slugify
from ..reader.source import DecodeError, decode
from .discover import display_path
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
            note, digest = read_file(f)
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
        result.notes.append(SourceNote(f, note, digest))
        result.diagnostics.extend(_embeds_outside(f, note))
    return result


def _embeds_outside(f: SourceFile, note: Note) -> list[Diagnostic]:
    """A warning at each embed that names a file outside the vault (a symlink leading out):
    it is left out of every output."""
    out = []
    for target in note.embeds:
        path = assets.outside(target, f.path.parent, f.root)
        if path is not None:
            out.append(Diagnostic(
                Severity.WARNING, "embed-outside",
                f"the embedded file '{target}' lies outside {display_path(f.root)} (through a "
                "symbolic link); it was left out of every output", f.display,
                _line_of(f.path, target)))
    return out


def _line_of(path: Path, target: str) -> int | None:
    """The first line of the note that names ``target``."""
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8",
                                                     errors="replace").split("\n"), 1):
            if target in line:
                return number
    except OSError:
        pass
    return None


def file_digest(path: Path) -> str | None:
    """The sha256 of a file's bytes now, or None when it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def read_file(f: SourceFile) -> tuple[Note, str]:
    """The note in ``f`` and the hash of the very bytes it was read from, so the cache keys
    what was parsed, not the file as it is later."""
    try:
        data = f.path.read_bytes()
    except OSError as exc:
        raise ReadError(f.display, f"cannot read the file: {exc.strerror or exc}; "
                        "it was skipped, the other notes were built") from None
    try:
        text = decode(data)
    except DecodeError as exc:
        raise ReadError(f.display, str(exc), exc.line) from None
    folder = f.path.parent

    def embed_exists(target: str) -> bool:
        return assets.is_url(target) or assets.find(target, folder, f.root) is not None

    note = read_text(text, f.display, f.path.stem, embed_exists=embed_exists)
    return note, hashlib.sha256(data).hexdigest()


def _unique(note_id: str, path: Path, seen: dict[str, str]) -> str:
    """A second note with the same id is named after its folder, so adding a third note
    elsewhere never moves the first two (and their decks and ledgers) to new names."""
    candidate = f"{note_id}-{slugify(path.parent.name)}"
    n = 2
    while candidate in seen:
        candidate = f"{note_id}-{slugify(path.parent.name)}-{n}"
        n += 1
    return candidate
