"""Paths taken from files (a cache, a ledger, a note, an embed) are checked before use.

``contained(root, rel)`` is the one gate: a relative path that, with every symbolic link
resolved, stays inside ``root``. Absolute paths, ``..`` steps, drive letters, Windows
separators and links that lead out are refused, whatever file the path came from.
"""

from __future__ import annotations

import re
from pathlib import Path, PureWindowsPath

_DRIVE = re.compile(r"^[A-Za-z]:")


def parts(rel: str, climb: bool = False) -> list[str] | None:
    """The steps of a relative path written with ``/`` or ``\\``; None when it is absolute,
    empty, names a drive, holds a NUL or (unless ``climb``) steps up with ``..``."""
    if not isinstance(rel, str) or not rel.strip() or "\0" in rel:
        return None
    if rel.startswith(("/", "\\")) or _DRIVE.match(rel) or PureWindowsPath(rel).is_absolute():
        return None
    steps = [p for p in re.split(r"[\\/]+", rel) if p not in ("", ".")]
    if not steps or (not climb and any(p == ".." for p in steps)):
        return None
    return steps


def contained(root: Path, rel: str) -> Path | None:
    """``root / rel`` when ``rel`` is a relative path that stays inside ``root`` once every
    symbolic link on the way is resolved; None otherwise."""
    steps = parts(rel)
    if steps is None:
        return None
    candidate = root.joinpath(*steps)
    try:
        base = root.resolve()
        resolved = candidate.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return None
    return candidate if resolved == base or resolved.is_relative_to(base) else None


def relative(base: Path, rel: str, root: Path) -> Path | None:
    """``base / rel`` when it lands inside ``root`` (links resolved): a note's relative link
    such as ``../images/map.png`` may climb, but never out of its vault."""
    steps = parts(rel, climb=True)
    if steps is None:
        return None
    candidate = base.joinpath(*steps)
    return candidate if inside(root, candidate) else None


def inside(root: Path, path: Path) -> bool:
    """Whether ``path`` (after resolving links) lies in ``root``."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return False
