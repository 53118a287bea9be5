"""Phase 5, write: rendered bytes (or what writes them) onto the disk, atomically, each
file at most once, and never outside the output folder."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ..diagnostics import Diagnostic, Severity, has_errors
from ..safepath import contained
from ..stops import deferred

if TYPE_CHECKING:
    from ..renderers.base import Output
    from .render import Job, JobResult, Rendered

# mkstemp's names for the files written before their rename: ".guide.pdf.k2j4_x9a.tmp".
TEMP_NAME = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")


def write_atomic(path: Path, data: bytes) -> bool:
    """Write via a temporary file and rename; returns False when the bytes were already there."""
    if _holds(path, data):
        return False
    with atomic_file(path) as fh:
        fh.write(data)
    return True


def write_from(path: Path, make: Callable[[BinaryIO], object]) -> tuple[bool, str]:
    """Write what ``make`` writes into a (seekable) file beside ``path`` and rename it over
    ``path``, so a file too large to hold whole is never whole in memory; when ``path``
    already held those very bytes, the new file is removed instead and the old one keeps
    its time. Returns whether it was written, and the sha256 of the bytes."""
    tmp = ""
    try:
        with deferred():  # a Ctrl-C acts once tmp is known here, to be removed
            fd, tmp = _temporary(path)
        with os.fdopen(fd, "w+b") as fh:
            make(fh)
            fh.flush()
            # Read back, not hashed as written: a zip goes back to fill in its headers.
            fh.seek(0)
            sha, same = _read_back(fh, path)
        if same:
            os.unlink(tmp)
            return False, sha
        _settle(tmp, path)
    except BaseException:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise
    return True, sha


def _holds(path: Path, data: bytes) -> bool:
    """Whether the file holds exactly ``data``, read a piece at a time (a large project's
    lock and combined deck are tens of megabytes, not to be held twice)."""
    view = memoryview(data)
    try:
        if not path.is_file() or path.stat().st_size != len(data):
            return False
        with path.open("rb") as fh:
            at = 0
            while piece := fh.read(_PIECE):
                if view[at:at + len(piece)] != piece:
                    return False
                at += len(piece)
            return at == len(data)
    except OSError:
        return False


def _read_back(new: BinaryIO, path: Path) -> tuple[str, bool]:
    """The sha256 of what ``new`` holds from where it stands, and whether ``path`` holds the
    same bytes, both read a piece at a time."""
    sha = hashlib.sha256()
    old = _open_sized(path, os.fstat(new.fileno()).st_size)
    same = old is not None
    with old or contextlib.nullcontext():
        while piece := new.read(_PIECE):
            sha.update(piece)
            same = same and _next_is(old, piece)
    return sha.hexdigest(), same


def _open_sized(path: Path, size: int) -> BinaryIO | None:
    """``path`` open to read when it is a file of ``size`` bytes, else None."""
    try:
        if path.is_file() and path.stat().st_size == size:
            return path.open("rb")
    except OSError:
        pass
    return None


def _next_is(fh: BinaryIO | None, piece: bytes) -> bool:
    try:
        return fh is not None and fh.read(len(piece)) == piece
    except OSError:
        return False


_PIECE = 1 << 20


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A file to write ``path``'s new bytes into: written beside it and renamed over it once
    complete, so a reader never sees half of it (removed when the writing fails)."""
    tmp = ""
    try:
        with deferred():  # a Ctrl-C acts once tmp is known here, to be removed
            fd, tmp = _temporary(path)
        with os.fdopen(fd, "wb") as fh:
            yield fh
        _settle(tmp, path)
    except BaseException:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise


def _temporary(path: Path) -> tuple[int, str]:
    """A new file beside ``path`` (its descriptor, open to read and write, and its name)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # with random, milliseconds a no-op build, which writes nothing, saves

    return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)


def _settle(tmp: str, path: Path) -> None:
    """The complete temporary file in ``path``'s place."""
    # mkstemp creates files only the owner can read; outputs are ordinary files.
    os.chmod(tmp, 0o666 & ~_umask())
    os.replace(tmp, path)


@functools.cache
def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Writer:
    """Writes files and keeps what was written and what failed."""

    written: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def put(self, path: Path, data: bytes, source: str) -> bool:
        """Write one file's bytes; a disk problem is an error naming the path, not a
        traceback."""
        try:
            write_atomic(path, data)
        except OSError as exc:
            self._failed(path, exc, source)
            return False
        self.written.append(path)
        return True

    def put_output(self, folder: Path, output: Output, source: str) -> str | None:
        """Write a renderer's output below ``folder`` (refusing a path that would lead out of
        it), from its bytes or what its function writes; the sha256 of the bytes it holds, or
        None when it was not written."""
        path = self._below(folder, output.path, source)
        if path is None:
            return None
        content = output.content
        if isinstance(content, bytes):
            return digest(content) if self.put(path, content, source) else None
        return self._put_from(path, content, source)

    def _put_from(self, path: Path, make: Callable[[BinaryIO], object], source: str
                  ) -> str | None:
        try:
            _, sha = write_from(path, make)
        except OSError as exc:
            self._failed(path, exc, source)
            return None
        except Exception as exc:  # the function making the bytes failed: nothing was written
            self.diagnostics.append(Diagnostic(
                Severity.ERROR, "write", f"cannot write {path}: making it failed "
                f"({type(exc).__name__}: {exc}); the file was left as it was", source))
            return None
        self.written.append(path)
        return sha

    def _below(self, folder: Path, rel: str, source: str) -> Path | None:
        path = contained(folder, rel)
        if path is None:
            self.diagnostics.append(Diagnostic(
                Severity.ERROR, "write", f"refused to write {rel!r}: it leads out of {folder}",
                source))
        return path

    def _failed(self, path: Path, exc: OSError, source: str) -> None:
        self.diagnostics.append(Diagnostic(
            Severity.ERROR, "write", f"cannot write {path}: {exc.strerror or exc}; check "
            "that the output folder is a writable folder with space left", source))


@dataclass
class NoteWrites:
    """What one note's renderers made and whether it all reached the disk."""

    note_id: str
    folder: Path
    files: dict[str, list[str]]  # renderer → the paths it made, relative to ``folder``
    rendered_ok: bool  # no renderer reported an error
    diagnostics: list[Diagnostic]  # the renderers' own
    messages: list[str]
    hashes: dict[str, str] = field(default_factory=dict)  # path → sha256 of what was written
    written_ok: bool = True  # every file reached the disk

    @property
    def ok(self) -> bool:
        return self.rendered_ok and self.written_ok


def job_writer(output: Path, writer: Writer) -> Callable[[Job, JobResult], JobResult]:
    """The render phase's sink: a job's files written below ``output/<note id>/`` as soon as
    it is rendered, the result then holding their paths and digests instead of their bytes,
    so a build's memory does not grow with its outputs."""

    def write(job: Job, result: JobResult) -> JobResult:
        note = job.note
        folder = output / note.id
        for name, outputs in result.files.items():
            for o in outputs:
                sha = writer.put_output(folder, o, note.source)
                if sha is not None:
                    result.hashes[o.path] = sha
                else:
                    result.unwritten = True
            result.made[name] = sorted({o.path for o in outputs})
        result.files = {}
        return result

    return write


def note_writes(output: Path, rendered: list[Rendered]) -> list[NoteWrites]:
    """What each rendered note's jobs wrote below ``output/<note id>/`` (``job_writer``)."""
    out = []
    for item in rendered:
        note, result = item.job.note, item.result
        out.append(NoteWrites(note.id, output / note.id, dict(result.made),
                              not has_errors(result.diagnostics), result.diagnostics,
                              result.messages, dict(result.hashes), not result.unwritten))
    return out


def clean_temporary(output: Path) -> int:
    """Remove temporary files a killed build left in the output folder (this build's own
    folders only: the output folder and the folders below it, no link followed); returns
    how many."""
    removed = 0
    if not output.is_dir() or output.is_symlink():
        return 0
    folders = [str(output)]
    while folders:
        try:
            with os.scandir(folders.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(entry.path)
                    elif TEMP_NAME.match(entry.name) and entry.is_file(follow_symlinks=False):
                        with contextlib.suppress(OSError):
                            os.unlink(entry.path)
                            removed += 1
        except OSError:
            continue
    return removed
