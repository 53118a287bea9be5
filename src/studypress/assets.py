"""Finding the files a note embeds (``![[map.png]]``), the way Obsidian does: beside the note,
then at the vault root, then by file name anywhere in the vault."""

from __future__ import annotations

import functools
import os
import re
import stat
from pathlib import Path

from .safepath import inside, parts

MAX_ASSET_BYTES = 25 * 1024 * 1024


@functools.cache
def _index(root: str) -> dict[str, tuple[str, ...]]:
    """File name → paths under ``root`` (hidden folders skipped), shortest path first."""
    names: dict[str, list[str]] = {}
    _scan(root, names)
    return {k: tuple(sorted(v, key=lambda p: (p.count("/"), p))) for k, v in names.items()}


def _scan(folder: str, names: dict[str, list[str]]) -> None:
    """Add the files below ``folder`` to ``names``: hidden entries skipped, folders linked
    to not entered (as ``Path.rglob``), a link to a file counted, a folder that cannot be
    listed left out. From the listings alone: pathlib took ten times as long."""
    try:
        with os.scandir(folder) as it:
            entries = list(it)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                _scan(entry.path, names)
            elif entry.is_file():
                names.setdefault(entry.name.lower(), []).append(entry.path)
        except OSError:
            continue


def find(target: str, note_dir: Path, root: Path | None = None) -> Path | None:
    """The file an embed target names, or None. URLs and anchors are not files, and nothing
    outside the vault (``/etc/passwd``, ``../../secret.png``) is ever handed out."""
    name = target.split("#")[0].split("|")[0].strip()
    if not name or is_url(name) or Path(name).is_absolute():
        return None
    vault = root or note_dir
    steps = parts(name, climb=True)
    for base in (note_dir, root):
        if base is None or steps is None:
            continue
        candidate = base.joinpath(*steps)
        if _is_vault_file(candidate, vault, plain=len(steps) == 1 and steps[0] != ".."):
            return candidate
    if root is not None and _is_dir(root):
        # the index may predate a deletion: each hit is checked again
        for hit in _index(_resolved(str(root))).get(Path(name).name.lower(), ()):
            if _is_vault_file(Path(hit), vault, plain=True):
                return Path(hit)
    return None


def _is_vault_file(path: Path, vault: Path, plain: bool) -> bool:
    """Whether ``path`` is a file that lies in ``vault`` once links are resolved. A ``plain``
    path (one name in a folder) is answered from the folder's listing when it can be."""
    known = _listed(path, vault) if plain else None
    if known is not None:
        return known
    # Links are followed only while they stay in the vault: a symlinked embed that
    # points at /etc/passwd is no file of the vault's.
    return path.is_file() and inside(vault, path)


def _listed(path: Path, vault: Path) -> bool | None:
    """``_is_vault_file`` from the folder's listing, or None when the listing cannot tell
    (a link, a name that differs only in case, a folder that cannot be listed)."""
    folder = str(path.parent)
    listing = _listing(folder)
    if listing is None:
        return None
    kinds, lowered = listing
    kind = kinds.get(path.name)
    if kind is None:
        # Absent from the listing: no file, unless the file system folds names (case on
        # macOS, short names on Windows), which only plain ASCII names rule out here.
        if _FOLDS or not _PLAIN_NAME.match(path.name) or path.name.lower() in lowered:
            return None
        return False
    if not kind:  # a link or something other than a regular file: resolve it as before
        return None
    try:
        # Listed as a regular file: asked again, as the listing may predate a deletion.
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        # A regular file, no link: it resolves to its resolved folder / its name.
        return Path(_resolved(folder), path.name).is_relative_to(_resolved(str(vault)))
    except (OSError, RuntimeError):
        return None


# Names a folder listing can rule out on a case-sensitive system as well as on a folding one.
_PLAIN_NAME = re.compile(r"^[A-Za-z0-9_\-+=,()\[\]@ .]*[A-Za-z0-9_\-+=,()\[\]@]$")
_FOLDS = os.name == "nt"


@functools.cache
def _listing(folder: str) -> tuple[dict[str, bool], frozenset[str]] | None:
    """Each entry of ``folder``: whether it is a regular file (not a link); and the names
    lower-cased. None when the folder cannot be listed. Kept for the build, as ``_index``."""
    try:
        with os.scandir(folder) as it:
            kinds = {e.name: not e.is_symlink() and e.is_file(follow_symlinks=False)
                     for e in it}
    except (OSError, ValueError):
        return None
    return kinds, frozenset(n.lower() for n in kinds)


@functools.cache
def _resolved(path: str) -> str:
    """``path`` with every link resolved, kept for the build."""
    return str(Path(path).resolve())


@functools.cache
def _is_dir(path: Path) -> bool:
    return path.is_dir()


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
    for cached in (_index, _listing, _resolved, _is_dir):
        cached.cache_clear()


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
