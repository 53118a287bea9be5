"""Phase 5, write: rendered bytes onto the disk, atomically, each file at most once."""

from __future__ import annotations

import functools
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import has_errors
from ..model import Diagnostic, Severity
from .render import Rendered


def write_atomic(path: Path, data: bytes) -> bool:
    """Write via a temporary file and rename; returns False when the bytes were already there."""
    try:
        if path.is_file() and path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        # mkstemp creates files only the owner can read; outputs are ordinary files.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


@functools.cache
def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@dataclass
class Writer:
    """Writes files and keeps what was written and what failed."""

    written: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def put(self, path: Path, data: bytes, source: str) -> bool:
        """Write one output; a disk problem is an error naming the path, not a traceback."""
        try:
            write_atomic(path, data)
        except OSError as exc:
            self.diagnostics.append(Diagnostic(
                Severity.ERROR, "write", f"cannot write {path}: {exc.strerror or exc}; check "
                "that the output folder is a writable folder with space left", source))
            return False
        self.written.append(path)
        return True


@dataclass
class NoteWrites:
    """What one note's renderers made and whether they all succeeded."""

    note_id: str
    folder: Path
    files: dict[str, list[str]]  # renderer → the paths it made, relative to ``folder``
    rendered_ok: bool  # no renderer reported an error
    diagnostics: list[Diagnostic]  # the renderers' own
    messages: list[str]


def write_notes(output: Path, rendered: list[Rendered], writer: Writer) -> list[NoteWrites]:
    """Write every rendered note's files below ``output/<note id>/``."""
    out = []
    for item in rendered:
        note, result = item.job.note, item.result
        folder = output / note.id
        files: dict[str, list[str]] = {}
        for name, outputs in result.files.items():
            for o in outputs:
                writer.put(folder / o.path, o.data, note.source)
            files[name] = sorted({o.path for o in outputs})
        out.append(NoteWrites(note.id, folder, files, not has_errors(result.diagnostics),
                              result.diagnostics, result.messages))
    return out
