"""Phase 3, plan: which outputs of which notes are unchanged since the last build, and which
must be rendered.

Each output of a note has its own key (cache.OutputKeys): the note, the options and the layout
files that output reads. A change to ``layouts/deck.toml`` renders the decks again and leaves
the guides as they are. Each output to render is a job of its own, so what it reports stays
its own in the record; the results are gathered back by note before they are written.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, has_errors
from ..safepath import contained
from .cache import Cache, NoteEntry, OutputKeys, combined_key
from .inputs import Prints
from .records import BuildConfig, SourceNote
from .render import Job, JobResult, Progress, Rendered, Sink, render_all
from .write import NoteWrites


@dataclass
class Plan:
    jobs: list[Job] = field(default_factory=list)  # one per output to render, note by note
    unchanged: list[str] = field(default_factory=list)
    # The renderers' warnings of unchanged outputs still hold: --strict must fail every run.
    replayed: list[Diagnostic] = field(default_factory=list)
    # The next record: unchanged entries kept, rendered notes entered by ``record``.
    cache: Cache = field(default_factory=Cache)
    keys: dict[str, dict[str, str]] = field(default_factory=dict)  # note → output → key
    last: dict[str, NoteEntry] = field(default_factory=dict)  # note → its entry, if trusted
    results: dict[str, dict[str, JobResult]] = field(default_factory=dict)  # note → output

    def render(self, workers: int, progress: Progress | None, sink: Sink) -> list[Rendered]:
        """Render the jobs, each result through ``sink`` as it comes (the writing), and gather
        each note's results into one."""
        # The jobs hold their notes: they go with what is returned, once it is written.
        jobs, self.jobs = self.jobs, []
        rendered = render_all(jobs, workers, _by_note(jobs, progress), sink)
        out: dict[str, Rendered] = {}
        for item in rendered:
            note_id = item.job.note.id
            (name, _), = item.job.names
            self.results.setdefault(note_id, {})[name] = item.result
            if note_id in out:
                _merge(out[note_id].result, item.result)
            else:
                out[note_id] = Rendered(item.job, _copy(item.result))
        return list(out.values())

    def record(self, written: list[NoteWrites], changed: set[str]) -> None:
        """Enter each rendered note: an output whose files all reached the disk, without an
        error, with the key it was built with; an output that failed keeps its earlier files
        in the record but no key, so the next build renders it again. A note that changed
        while it was built is left out, and built again next time."""
        for w in written:
            if w.note_id in changed:
                self.cache.notes.pop(w.note_id, None)
            else:
                self.cache.notes[w.note_id] = self._entry(w)

    def _entry(self, w: NoteWrites) -> NoteEntry:
        last = self.last.get(w.note_id) or NoteEntry("")
        rendered = self.results.get(w.note_id, {})
        keys = {k: v for k, v in last.keys.items() if k not in rendered}
        files = dict(last.files)
        reported = {k: last.reported(k) for k in keys}
        for name, result in rendered.items():
            made = w.files.get(name, [])
            if name not in result.failed and not has_errors(result.diagnostics) \
                    and all(rel in w.hashes for rel in made):
                keys[name], files[name] = self.keys[w.note_id][name], made
                reported[name] = list(result.diagnostics)
        hashes = {rel: h for rel, h in {**last.hashes, **w.hashes}.items()
                  if any(rel in group for group in files.values())}
        return NoteEntry.made(keys, files, reported, hashes)


def _copy(result: JobResult) -> JobResult:
    return JobResult(dict(result.files), list(result.diagnostics), list(result.messages),
                     set(result.failed), dict(result.made), dict(result.hashes),
                     result.unwritten)


def _merge(into: JobResult, more: JobResult) -> None:
    into.files.update(more.files)
    into.made.update(more.made)
    into.hashes.update(more.hashes)
    into.unwritten |= more.unwritten
    into.diagnostics.extend(more.diagnostics)
    into.messages.extend(more.messages)
    into.failed |= more.failed


def _by_note(jobs: list[Job], progress: Progress | None) -> Progress | None:
    """The progress of jobs told as notes: done are the notes whose every output is."""
    if progress is None:
        return None
    total = len(dict.fromkeys(job.note.id for job in jobs))
    last = {job.note.id: i for i, job in enumerate(jobs)}
    done_before = [sum(1 for end in last.values() if end < i) for i in range(len(jobs) + 1)]

    def tell(done: int, _total: int, label: str) -> None:
        progress(done_before[min(done, len(jobs))], total, label)
    return tell


def build_time(path: Path) -> int:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the note file's mtime."""
    env = os.environ.get("SOURCE_DATE_EPOCH")
    if env and env.strip().isdigit():
        return int(env.strip())
    try:
        return int(path.stat().st_mtime)
    except OSError:
        return 0


# A name with no separator, drive or NUL: a file right in its folder (safepath.parts).
_PLAIN = re.compile(r"[^/\\:\0]+")


def _regular_files(folder: Path) -> set[str]:
    """The names of the plain files (no links) right in ``folder``: one listing of it tells
    whether each of a note's outputs is there, instead of one lstat per output."""
    try:
        with os.scandir(folder) as entries:
            return {e.name for e in entries if e.is_file(follow_symlinks=False)}
    except OSError:
        return set()


def _present(folder: Path, rel: str, regular: set[str]) -> bool:
    """A recorded output is still there (a path leading out of the folder never counts);
    ``regular``: the plain files right in the folder (``_regular_files``)."""
    if _PLAIN.fullmatch(rel) and rel.strip() and rel not in (".", ".."):
        # A file right in the folder that is no link stays inside it.
        if rel in regular:
            return True
        if not os.path.lexists(os.path.join(folder, rel)):
            return False
    path = contained(folder, rel)
    return path is not None and path.is_file()


def _stale(names: list[str], keys: dict[str, str], entry: NoteEntry | None, folder: Path,
           force: bool) -> list[str]:
    """The outputs to render: each whose key changed or one of whose files is gone (all of
    them with ``force`` or without a trusted entry)."""
    if force or entry is None:
        return list(names)
    changed = {n for n in names if entry.keys.get(n) != keys[n]}
    regular = _regular_files(folder) if any(
        entry.files.get(n) for n in names if n not in changed) else set()
    return [n for n in names if n in changed
            or not all(_present(folder, rel, regular) for rel in entry.files.get(n, []))]


def _trusted(entry: NoteEntry | None) -> NoteEntry | None:
    """The entry, unless its keys do not add up to its key (a record edited by hand)."""
    return entry if entry is not None and entry.key == combined_key(entry.keys) else None


def plan(config: BuildConfig, notes: list[SourceNote], names: list[str],
         modules: tuple[tuple[str, str], ...], prints: Prints, saved: Cache) -> Plan:
    """Compare each output's key with the last build's; unchanged outputs keep their entry."""
    # Entries of notes outside this build stay, so building one note keeps the others cached.
    out = Plan(cache=Cache(dict(saved.notes), saved.project))
    module = dict(modules)
    output_keys = OutputKeys(prints, config, names)
    for source in notes:
        when = build_time(source.file.path)
        keys = output_keys(source, when)
        folder = config.output / source.id
        entry = _trusted(saved.notes.get(source.id))
        # --force renders every output asked for; the others keep their entries.
        stale = _stale(names, keys, entry, folder, config.force)
        if entry is not None:
            # Only the note's own: a record written by someone else replays nothing more.
            # A diagnostic the record does not say the renderer of goes with the whole note.
            kept = {n for n in names if n not in stale} | (set() if stale else {""})
            out.replayed.extend(d for d, by in zip(entry.diagnostics, entry.made_by,
                                                   strict=False)
                                if by in kept and d.file == source.file.display)
        if not stale:
            out.unchanged.append(source.id)
            continue
        out.keys[source.id] = keys
        if entry is not None:
            out.last[source.id] = entry
        out.jobs.extend(Job(source.note, ((n, module[n]),), config.options,
                            str(config.project_dir), str(folder), when,
                            str(source.file.path.parent), str(source.file.root),
                            str(source.file.path))
                        for n in stale)
    return out
