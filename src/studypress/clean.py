"""``studypress clean``: remove what the builds wrote, as their record says, and nothing else.

The record (``output/.studypress-cache.json``) lists every file each note's renderers wrote and
the combined outputs, with a hash of the bytes written. Files it does not name (something put
into ``output/`` by hand) stay, and so do files changed since they were written. A note's deck
ledger (``deck-ledger.json``) carries its cards' identities from one build to the next: it goes
only once the project's ``studypress.lock`` holds all it says, and the lock itself, which is the
project's and not an output, is never touched.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import safepath
from .project import shown

CACHE_NAME = ".studypress-cache.json"  # the build's record (studypress.build.CACHE_NAME)
MEMO_NAME = ".studypress-notes.pickle"  # the notes the build read (studypress.build.memo)
LOCK_NAME = "studypress.lock"  # the project's deck ledger, beside its sources
NOTE_LEDGER = "deck-ledger.json"  # a note's deck ledger, from its latest build
# Identity ledgers: losing one makes Anki see every card as new or edited on the next import.
LEDGER_NAMES = frozenset({LOCK_NAME, NOTE_LEDGER})
KEPT_LEDGER = ("the deck's identity ledger, with cards studypress.lock does not hold; the next "
               "build reads it to keep their identities")


@dataclass
class Cleaned:
    removed: list[Path] = field(default_factory=list)
    kept: list[tuple[Path, str]] = field(default_factory=list)  # (path, why)
    messages: list[str] = field(default_factory=list)


def recorded(output: Path) -> list[Path] | None:
    """Every file the last build recorded writing (the record itself last), or None when
    there is no readable record. Whatever the tool version wrote it, the file lists count."""
    files = recorded_with_hashes(output)
    return None if files is None else list(files)


def recorded_with_hashes(output: Path) -> dict[Path, str | None] | None:
    """``recorded``, each file with the hash of the bytes written (None when not recorded)."""
    record = output / CACHE_NAME
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    files: dict[Path, str | None] = {}
    notes = data.get("notes")
    for note_id, entry in (notes.items() if isinstance(notes, dict) else ()):
        entry = entry if isinstance(entry, dict) else {}
        groups, hashes = entry.get("files"), _hashes(entry.get("hashes"))
        for group in (groups.values() if isinstance(groups, dict) else ()):
            for rel in _strings(group):
                files.setdefault(_checked(output, f"{note_id}/{rel}"), hashes.get(rel))
    project = data.get("project")
    if isinstance(project, dict):
        hashes = _hashes(project.get("hashes"))
        for rel in _strings(project.get("files")):
            files.setdefault(_checked(output, rel), hashes.get(rel))
    if (output / MEMO_NAME).is_file():
        files.setdefault(output / MEMO_NAME, None)
    files.pop(record, None)
    files[record] = None
    return files


def _hashes(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


def _checked(output: Path, rel: str) -> Path:
    # The same gate as the build's stale removal: a path the record names that leads out of
    # the output folder (absolute, "..", a link) is kept out; output itself is never removed.
    return safepath.contained(output, rel) or output


def _strings(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def clean(output: Path, lock: Path | None = None,
          waiting: Callable[[str], None] | None = None) -> Cleaned:
    """Remove the recorded files under ``output`` and the folders they leave empty; ``lock``
    is the project's ``studypress.lock``, which a note's deck ledger must be in to go.
    Waits for a build writing into ``output`` (``waiting`` is told) to finish first."""
    from .build.folder_lock import held

    with held(output, waiting, create=False):
        return _clean(output, lock)


def _clean(output: Path, lock: Path | None) -> Cleaned:
    result = Cleaned()
    if not output.is_dir():
        result.messages.append(f"nothing to do: {shown(output)} does not exist")
        return result
    files = recorded_with_hashes(output)
    if files is None:
        result.messages.append(f"nothing to do: {shown(output)} has no build record "
                               f"({CACHE_NAME}), so nothing in it is known to be studypress's")
        return result
    root = output.resolve()
    locked = _lock_items(lock)
    folders: set[Path] = set()
    for path, expected in files.items():
        if path != output and _below(path, root):
            _remove(path, expected, locked, result)
            folders.update(p for p in path.parents if _below(p, root) or p.resolve() == root)
    _unrecorded(output, {p.resolve() for p, _ in result.kept}, locked, result)
    _remove_empty(sorted(folders, key=lambda p: len(p.parts), reverse=True))
    if result.kept:
        _claim(output, result)
    return result


def _unrecorded(output: Path, known: set[Path], locked: dict[str, object] | None,
                result: Cleaned) -> None:
    """Report the files the record does not name. One is removed: a deck ledger an older
    build kept in output/, once the lock holds all it says (the build moved it there)."""
    if not output.is_dir():
        return
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        if path.resolve() in known:
            continue
        if path.name == NOTE_LEDGER and not path.is_symlink():
            if _migrated(path, locked):
                _unlink(path, result)
            else:
                result.kept.append((path, KEPT_LEDGER))
            continue
        result.kept.append((path, "not written by studypress"))


def _claim(output: Path, result: Cleaned) -> None:
    """An empty build record in a folder that keeps files, so the next build still knows the
    folder as its own (it refuses to write among files no build wrote)."""
    from .build.cache import Cache, dumps
    from .build.write import write_atomic

    try:
        write_atomic(output / CACHE_NAME, dumps(Cache()))
    except OSError as exc:
        result.messages.append(f"could not write {shown(output / CACHE_NAME)}: "
                               f"{exc.strerror or exc}; the next build may refuse the folder")


def _remove(path: Path, expected: str | None, locked: dict[str, object] | None,
            result: Cleaned) -> None:
    """Remove one recorded file, unless it changed since, or is an identity ledger whose
    cards the project's lock does not hold."""
    if not path.is_file() or path.is_symlink():
        _unlink(path, result)  # a link goes, never what it points to
        return
    if expected is not None and _digest(path) != expected:
        result.kept.append((path, "changed since studypress wrote it"))
        return
    if path.name == LOCK_NAME:
        result.kept.append((path, "the deck's identity ledger, which clean never removes"))
        return
    if path.name == NOTE_LEDGER and not _migrated(path, locked):
        result.kept.append((path, KEPT_LEDGER))
        return
    _unlink(path, result)


def _unlink(path: Path, result: Cleaned) -> None:
    try:
        if path.is_symlink() or path.is_file():
            path.unlink()
            result.removed.append(path)
    except OSError as exc:
        result.messages.append(f"could not remove {shown(path)}: {exc.strerror or exc}")


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _lock_items(lock: Path | None) -> dict[str, object] | None:
    """The card entries of the project's lock (GUID → entry), or None without a readable one."""
    try:
        data = json.loads(lock.read_bytes()) if lock is not None else None
    except (OSError, ValueError, RecursionError):
        return None
    deck = data.get("deck") if isinstance(data, dict) else None
    items = deck.get("items") if isinstance(deck, dict) else None
    return items if isinstance(items, dict) else None


def _migrated(ledger: Path, locked: dict[str, object] | None) -> bool:
    """A note's ledger says nothing the lock does not: every card it names is in the lock,
    as it names it (a build of single notes leaves the lock behind the ledgers)."""
    if locked is None:
        return False
    try:
        data = json.loads(ledger.read_bytes())
    except (OSError, ValueError, RecursionError):
        return False
    items = data.get("items") if isinstance(data, dict) else None
    return isinstance(items, dict) and all(locked.get(g) == e for g, e in items.items())


def _below(path: Path, root: Path) -> bool:
    try:
        resolved = path.parent.resolve() / path.name
    except OSError:
        return False
    return resolved != root and resolved.is_relative_to(root)


def _remove_empty(folders: list[Path]) -> None:
    for folder in folders:
        with contextlib.suppress(OSError):  # only an empty folder goes: a user's files stay
            folder.rmdir()
