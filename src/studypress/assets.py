"""Finding the files a note embeds (``![[map.png]]``), the way Obsidian does: beside the note,
then at the vault root, then by file name anywhere in the vault."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from .safepath import inside, relative

MAX_ASSET_BYTES = 25 * 1024 * 1024


@functools.cache
def _index(root: str) -> dict[str, tuple[str, ...]]:
    """File name → paths under ``root`` (hidden folders skipped), shortest path first."""
    names: dict[str, list[str]] = {}
    base = Path(root)
    for path in base.rglob("*"):
        rel = path.relative_to(base)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        names.setdefault(path.name.lower(), []).append(str(path))
    return {k: tuple(sorted(v, key=lambda p: (p.count("/"), p))) for k, v in names.items()}


def find(target: str, note_dir: Path, root: Path | None = None) -> Path | None:
    """The file an embed target names, or None. URLs and anchors are not files, and nothing
    outside the vault (``/etc/passwd``, ``../../secret.png``) is ever handed out."""
    name = target.split("#")[0].split("|")[0].strip()
    if not name or is_url(name) or Path(name).is_absolute():
        return None
    vault = root or note_dir
    for candidate in _candidates(name, note_dir, root):
        # Links are followed only while they stay in the vault: a symlinked embed that
        # points at /etc/passwd is no file of the vault's.
        if candidate.is_file() and inside(vault, candidate):
            return candidate
    return None


def _candidates(name: str, note_dir: Path, root: Path | None) -> list[Path]:
    """Where an embed may be: beside the note, at the vault root, anywhere by its name."""
    out = []
    for base in (note_dir, root):
        if base is not None and (path := relative(base, name, root or note_dir)) is not None:
            out.append(path)
    if root is not None and root.is_dir():
        # the index may predate a deletion: find() checks each hit again
        out.extend(Path(hit) for hit in _index(str(root.resolve())).get(
            Path(name).name.lower(), ()))
    return out


def outside(target: str, note_dir: Path, root: Path | None = None) -> Path | None:
    """The file an embed names when it exists but lies outside the vault (a symlink that
    leads out, a ``../`` path): ``find`` refuses it, and the build warns at the embed."""
    name = target.split("#")[0].split("|")[0].strip()
    if not name or is_url(name) or find(target, note_dir, root) is not None:
        return None
    vault = root or note_dir
    steps = [note_dir / name, *([root / name] if root is not None else [])]
    if root is not None and root.is_dir():
        steps.extend(Path(hit) for hit in _index(str(root.resolve())).get(
            Path(name).name.lower(), ()))
    for path in steps:
        try:
            if path.is_file() and not inside(vault, path):
                return path
        except OSError:
            continue
    return None


def forget() -> None:
    """Drop the vault indexes, so a long-running process (watch) sees new and removed files."""
    _index.cache_clear()


def is_url(target: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*://", target.strip(), re.I))


def read(target: str, note_dir: str, root: str | None) -> bytes | None:
    """The bytes of an embedded file, or None when it is missing, unreadable or too large."""
    path = find(target, Path(note_dir), Path(root) if root else None)
    if path is None:
        return None
    try:
        if path.stat().st_size > MAX_ASSET_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def stamp(target: str, note_dir: Path, root: Path | None) -> str:
    """Size and mtime of an embedded file, so a changed image rebuilds its note."""
    path = find(target, note_dir, root)
    try:
        st = path.stat() if path is not None else None
    except OSError:
        st = None
    if st is None:
        return f"{target}:missing"
    return f"{target}:{st.st_size}:{st.st_mtime_ns}"
