"""Phase 3, plan: which notes are unchanged since the last build and which must be rendered."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Diagnostic
from ..safepath import contained
from .cache import Cache, NoteEntry, note_key
from .records import BuildConfig, SourceNote
from .render import Job


@dataclass
class Plan:
    jobs: list[Job] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    # The renderers' warnings of unchanged notes still hold: --strict must fail on every run.
    replayed: list[Diagnostic] = field(default_factory=list)
    # The next record: unchanged entries kept, rendered notes with their new key.
    cache: Cache = field(default_factory=Cache)


def build_time(path: Path) -> int:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the note file's mtime."""
    env = os.environ.get("SOURCE_DATE_EPOCH")
    if env and env.strip().isdigit():
        return int(env.strip())
    try:
        return int(path.stat().st_mtime)
    except OSError:
        return 0


def _present(folder: Path, rel: str) -> bool:
    """A recorded output is still there (a path leading out of the folder never counts)."""
    path = contained(folder, rel)
    return path is not None and path.is_file()


def plan(config: BuildConfig, notes: list[SourceNote], names: list[str],
         modules: tuple[tuple[str, str], ...], fingerprint: str, saved: Cache) -> Plan:
    """Compare every note's key with the last build's; unchanged notes keep their entry."""
    previous = {} if config.force else saved.notes
    # Entries of notes outside this build stay, so building one note keeps the others cached.
    out = Plan(cache=Cache(dict(saved.notes), saved.project))
    for source in notes:
        when = build_time(source.file.path)
        key = note_key(source, fingerprint, config, names, when)
        folder = config.output / source.id
        entry = previous.get(source.id)
        if entry and entry.key == key and all(_present(folder, rel)
                                              for rel in entry.recorded()):
            out.cache.notes[source.id] = entry
            out.unchanged.append(source.id)
            # Only the note's own: a record written by someone else replays nothing more.
            out.replayed.extend(d for d in entry.diagnostics if d.file == source.file.display)
            continue
        out.cache.notes[source.id] = NoteEntry(key)
        out.jobs.append(Job(source.note, modules, config.options, str(config.project_dir),
                            str(folder), when, str(source.file.path.parent),
                            str(source.file.root), str(source.file.path)))
    return out
