"""Phase 6, prune: remove the files a note's renderers made last time and no longer make."""

from __future__ import annotations

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
                messages.append(_remove(written, rel))
    return messages


def _remove(written: NoteWrites, rel: str) -> str:
    path = written.folder / rel
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        return f"could not remove stale {path}: {exc.strerror or exc}"
    return f"removed {path}: its note no longer produces it"
