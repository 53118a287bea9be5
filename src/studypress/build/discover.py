"""Phase 1, discover: the Markdown files under the paths the build was given.

Symbolic links are followed only while they stay inside the folder given; a link that leads
out, a link loop, a folder that cannot be read and a hidden note are skipped with a warning
naming the path, never silently.
"""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, Severity
from ..safepath import inside
from .records import BuildError, SourceFile


def display_path(path: Path) -> str:
    """``path`` as diagnostics show it: relative to the current folder when it lies below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def _shown(path: Path, real: Path, cwd: Path | None) -> str:
    """``display_path(path)``, given the path resolved and the current folder (None when
    it cannot be known)."""
    try:
        return str(real.relative_to(cwd)) if cwd is not None else str(path)
    except ValueError:
        return str(path)


@dataclass
class Discovery:
    """The notes found under the paths given, and what was said of the rest."""

    files: list[SourceFile] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # what was skipped, and why


def discover(paths: list[Path]) -> list[SourceFile]:
    """Every ``*.md`` file under the given files and folders, in a stable order."""
    return discover_all(paths).files


def discover_all(paths: list[Path]) -> Discovery:
    """The notes under ``paths`` and a warning for each file or folder skipped."""
    out = Discovery()
    found: dict[Path, SourceFile] = {}
    try:
        cwd: Path | None = Path.cwd().resolve()
    except OSError:
        cwd = None
    for p in paths:
        if not p.exists():
            raise BuildError(f"{p}: no such file or folder; give a note or a folder of notes")
        if not p.is_dir() and not p.is_file():
            raise BuildError(f"{p}: not a regular file or a folder; give a note or a folder "
                             "of notes")
        root = p if p.is_dir() else p.parent
        for f, real in _walk(p, out.diagnostics) if p.is_dir() else [(p, p.resolve())]:
            found.setdefault(real, SourceFile(f, _shown(f, real, cwd), root, str(real)))
    out.files = list(found.values())
    return out


def _skipped(path: Path | str, why: str) -> Diagnostic:
    return Diagnostic(Severity.WARNING, "skipped", f"skipped: {why}", _link_path(Path(path)))


def _link_path(path: Path) -> str:
    """``path`` as written, relative to the current folder, its links not resolved (the link
    is what was skipped, not what it points at)."""
    rel = os.path.relpath(os.path.abspath(path))
    return rel if not rel.startswith("..") else str(path)


def _walk(root: Path, problems: list[Diagnostic]) -> list[tuple[Path, Path]]:
    """The notes below ``root``, sorted, each with its path resolved; hidden folders
    (``.obsidian``, ``.git``) are not notes and are passed over without a word."""
    seen: set[Path] = set()
    found: list[tuple[Path, Path]] = []

    def unreadable(exc: OSError) -> None:
        problems.append(_skipped(exc.filename or root, "this folder cannot be read "
                                 f"({exc.strerror or exc}); the notes in it were not built"))

    for folder, dirs, files in os.walk(root, onerror=unreadable, followlinks=True):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        real = _enter(root, here, seen, problems)
        if real is None:
            dirs[:] = []
            continue
        for name in sorted(files):
            if name.endswith(".md"):
                note = _note(root, here / name, real / name, problems)
                if note is not None:
                    found.append(note)
    return sorted(found)


def _enter(root: Path, here: Path, seen: set[Path], problems: list[Diagnostic]
           ) -> Path | None:
    """The folder resolved, when its notes are to be read."""
    try:
        real = here.resolve(strict=True)
    except (OSError, RuntimeError):
        problems.append(_skipped(here, "a symbolic link loop"))
        return None
    if real in seen:
        problems.append(_skipped(here, "a symbolic link back to a folder already read "
                                 "(a loop, or a second way to the same notes)"))
        return None
    seen.add(real)
    if not inside(root, here):
        problems.append(_skipped(here, f"a symbolic link to a folder outside {root}"))
        return None
    return real


def _note(root: Path, path: Path, real: Path, problems: list[Diagnostic]
          ) -> tuple[Path, Path] | None:
    """The note and its path resolved (``real``: where it is when it is no link)."""
    if path.name.startswith("."):
        problems.append(_skipped(path, "a name starting with '.' is hidden; rename the note "
                                 "to build it"))
        return None
    # A plain file (no link) in a folder _enter let in stays inside, and is where its
    # resolved folder says: one lstat tells.
    with contextlib.suppress(OSError):
        if stat.S_ISREG(os.lstat(path).st_mode):
            return path, real
    if not inside(root, path):
        problems.append(_skipped(path, f"a symbolic link to a file outside {root}"))
        return None
    if not path.is_file():
        problems.append(_skipped(path, "not a regular file (a broken link, a device or a "
                                 "folder named like a note)"))
        return None
    return path, path.resolve()
