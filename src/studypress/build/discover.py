"""Phase 1, discover: the Markdown files under the paths the build was given."""

from __future__ import annotations

from pathlib import Path

from .records import BuildError, SourceFile


def display_path(path: Path) -> str:
    """``path`` as diagnostics show it: relative to the current folder when it lies below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def discover(paths: list[Path]) -> list[SourceFile]:
    """Every ``*.md`` file under the given files and folders, in a stable order."""
    found: dict[Path, SourceFile] = {}
    for p in paths:
        if not p.exists():
            raise BuildError(f"{p}: no such file or folder; give a note or a folder of notes")
        root = p if p.is_dir() else p.parent
        for f in _markdown_files(p):
            found.setdefault(f.resolve(), SourceFile(f, display_path(f), root))
    return list(found.values())


def _markdown_files(p: Path) -> list[Path]:
    if not p.is_dir():
        return [p]
    return sorted(f for f in p.rglob("*.md")
                  if f.is_file() and not any(part.startswith(".")
                                             for part in f.relative_to(p).parts))
