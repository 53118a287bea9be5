"""``studypress clean``: remove what the builds wrote, as their record says, and nothing else.

The record (``output/.studypress-cache.json``) lists every file each note's renderers wrote and
the combined outputs. Files it does not name (something put into ``output/`` by hand) stay, and
so do identity ledgers, which carry the cards' identities from one build to the next.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from . import safepath
from .project import shown

CACHE_NAME = ".studypress-cache.json"  # the build's record (studypress.build.CACHE_NAME)
# Identity ledgers: losing one makes Anki see every card as new or edited on the next import.
LEDGER_NAMES = frozenset({"studypress.lock", "deck-ledger.json"})


@dataclass
class Cleaned:
    removed: list[Path] = field(default_factory=list)
    kept: list[tuple[Path, str]] = field(default_factory=list)  # (path, why)
    messages: list[str] = field(default_factory=list)


def recorded(output: Path) -> list[Path] | None:
    """Every file the last build recorded writing (the record itself last), or None when
    there is no readable record. Whatever the tool version wrote it, the file lists count."""
    record = output / CACHE_NAME
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    files: list[Path] = []
    notes = data.get("notes")
    for note_id, entry in (notes.items() if isinstance(notes, dict) else ()):
        groups = entry.get("files") if isinstance(entry, dict) else None
        for group in (groups.values() if isinstance(groups, dict) else ()):
            files.extend(_checked(output, f"{note_id}/{rel}") for rel in _strings(group))
    project = data.get("project")
    if isinstance(project, dict):
        files.extend(_checked(output, rel) for rel in _strings(project.get("files")))
    files.append(record)
    return files


def _checked(output: Path, rel: str) -> Path:
    # The same gate as the build's stale removal: a path the record names that leads out of
    # the output folder (absolute, "..", a link) is kept out; output itself is never removed.
    return safepath.contained(output, rel) or output


def _strings(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def clean(output: Path) -> Cleaned:
    """Remove the recorded files under ``output`` and the folders they leave empty."""
    result = Cleaned()
    if not output.is_dir():
        result.messages.append(f"nothing to do: {shown(output)} does not exist")
        return result
    files = recorded(output)
    if files is None:
        result.messages.append(f"nothing to do: {shown(output)} has no build record "
                               f"({CACHE_NAME}), so nothing in it is known to be studypress's")
        return result
    root = output.resolve()
    folders: set[Path] = set()
    for path in dict.fromkeys(files):
        if path != output and _below(path, root):
            _remove(path, result)
            folders.update(p for p in path.parents if _below(p, root) or p.resolve() == root)
    _remove_empty(sorted(folders, key=lambda p: len(p.parts), reverse=True))
    known = {p.resolve() for p, _ in result.kept}
    if output.is_dir():
        for path in sorted(p for p in output.rglob("*") if p.is_file()):
            if path.resolve() not in known:
                result.kept.append((path, "not written by studypress"))
    return result


def _remove(path: Path, result: Cleaned) -> None:
    """Remove one recorded file, unless it is an identity ledger."""
    if path.name in LEDGER_NAMES:
        if path.is_file():
            result.kept.append((path, "the deck's identity ledger; the next build reads it "
                                      "to keep cards' identities"))
        return
    try:
        if path.is_symlink() or path.is_file():  # a link goes, never what it points to
            path.unlink()
            result.removed.append(path)
    except OSError as exc:
        result.messages.append(f"could not remove {shown(path)}: {exc.strerror or exc}")


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
