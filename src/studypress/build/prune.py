"""Phase 6, prune: remove the files a note's renderers made last time and no longer make.

Only a file the record lists, that lies inside the note's output folder and still holds the
bytes studypress wrote there is removed: a tampered record, or a file a person has since
changed or put there, is left in place and reported.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..safepath import contained
from .cache import Cache
from .write import NoteWrites


def prune(notes: list[NoteWrites], saved: Cache) -> list[str]:
    """Delete stale outputs (a note lost its cast); returns the lines reporting it.

    A renderer that reported an error may have skipped a file it still owes: its earlier
    output stays until it succeeds."""
    messages: list[str] = []
    for written in notes:
        before = saved.notes.get(written.note_id)
        if before is None or not written.rendered_ok:
            continue
        for name, files in written.files.items():
            stale = set(before.files.get(name, [])) - set(files)
            for rel in sorted(stale):
                line = remove_recorded(written.folder, rel, before.hashes.get(rel))
                if line:
                    messages.append(line)
    return messages


def remove_recorded(folder: Path, rel: str, expected: str | None) -> str | None:
    """Remove ``folder/rel`` if it is the file studypress wrote; the line saying what happened
    (None when the file is gone already)."""
    path = contained(folder, rel)
    if path is None:
        return f"left {rel!r} alone: the build record names it, but it lies outside {folder}"
    if not path.exists() and not path.is_symlink():
        return None
    if path.is_symlink() or not path.is_file() or expected is None \
            or _digest(path) != expected:
        return (f"left {path} in place: its note no longer produces it, but it is not the "
                "file studypress wrote there")
    try:
        path.unlink()
    except OSError as exc:
        return f"could not remove stale {path}: {exc.strerror or exc}"
    return f"removed {path}: its note no longer produces it"


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
