"""The combined outputs (the project deck, the course book): renderers with a
``render_project`` run once over every note, and only when building whole folders and
something changed.

A renderer whose combined output is made from its notes' parts alone (``made_from_parts``:
the deck) is kept as it is when every note's part is the same bytes as when it was made, and
so are the project files it wrote and reads back (the lock): an edit that changes no card
leaves the combined deck and the lock alone instead of making them again."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from ..collector import paused
from ..diagnostics import Collector, Diagnostic
from ..layouts import Layouts
from ..renderers import base
from ..safepath import contained
from .cache import (
    Cache,
    ProjectEntry,
    combined_key,
    combined_outputs,
    parts_key,
    project_keys,
)
from .inputs import Prints
from .memo import Memo
from .plan import build_time
from .records import BuildConfig, SourceNote
from .render import places_of, read_previous
from .write import Writer


@dataclass
class ProjectResult:
    entry: ProjectEntry | None  # what the next record holds; None retries next time
    diagnostics: list[Diagnostic] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def combined(config: BuildConfig, notes: list[SourceNote], names: list[str],
             fingerprint: Prints, cache: Cache, writer: Writer,
             memo: Memo | None = None) -> ProjectResult:
    """Make the combined outputs when they are out of date; ``cache`` is the next record."""
    saved = cache.project
    if not combined_outputs(names):
        return ProjectResult(saved)  # none asked for: what the last build made stays as it is
    part = _only_part(config)
    if part:
        # A build that sees only part of the project: a combined deck and lock made from it
        # would drop every other note's cards (and report them all as removed).
        return ProjectResult(saved, messages=[
            "combined outputs (the project deck, the course book) are made only when building "
            f"{part}; they were left as they were (build the source folder to make them)"])
    keys = project_keys(notes, cache, names, fingerprint, config)
    trusted = _trusted(saved, config)
    # Each combined output is made again only when its own key changed: a deck setting
    # leaves the course book alone.
    stale = [n for n in keys if config.force or trusted.keys.get(n) != keys[n]]
    if not stale:
        # Unchanged projects skip this step, so a no-op build never imports a renderer.
        return ProjectResult(saved)
    out = ProjectResult(None)
    places = places_of({n.id: n.file.resolved() for n in notes}, config.project_dir)
    ids = sorted(places)  # the order the parts are keyed in
    made = _held(config, ids, stale, trusted, fingerprint, cache, memo, places)
    if any(n not in made for n in stale):
        # Every note's cards are held at once: the collector would walk them again and again.
        with paused():
            made.update(_render_project(config, notes, [n for n in stale if n not in made],
                                        writer, out, fingerprint, places, ids, memo, cache))
    out.entry = _entry(trusted, keys, stale, made)
    return out


@dataclass
class _Made:
    """What one combined output wrote (paths relative to the output folder, with the hashes
    of their bytes) and whether all of it succeeded; when it is made from its notes' parts
    alone, their key and the project files it wrote (``ProjectEntry.parts``)."""

    written: dict[str, str]
    ok: bool
    parts: tuple[str, list[str]] | None = None


def _held(config: BuildConfig, ids: list[str], stale: list[str], trusted: ProjectEntry,
          prints: Prints, cache: Cache, memo: Memo | None, places: dict[str, object]
          ) -> dict[str, _Made]:
    """The stale combined outputs that would be made again from the very parts they were
    made from (an edit that leaves every card alone), with the project files they wrote
    unchanged since: kept as they are, with their parts kept for the next build."""
    held: dict[str, _Made] = {}
    if memo is None or config.force:
        return held
    for name in stale:
        recorded = trusted.parts.get(name)
        found = memo.parts(name, ids, cache, places) if recorded else None
        if recorded is None or found is None:
            continue
        wrote = [(f, _digest(config.project_dir, f, memo)) for f in recorded[1]]
        if parts_key(name, ((i, found[i][2]) for i in ids), wrote, prints,
                     config) == recorded[0]:
            memo.use_parts(name, found)
            held[name] = _Made({f: trusted.hashes[f] for f in trusted.made.get(name, ())
                                if f in trusted.hashes}, True, recorded)
    return held


def _digest(folder: Path, rel: str, memo: Memo) -> str | None:
    """The sha256 of a file in ``folder`` (None: missing, unreadable or outside it), as the
    memo has it when the file has not changed since the last build took it."""
    path = contained(folder, rel)
    return None if path is None else memo.file_digest(path)


def _only_part(config: BuildConfig) -> str:
    """What a build must hold to see the whole project, when this one does not ("": it does):
    whole folders, and every source folder of the project that exists."""
    if not all(p.is_dir() for p in config.paths):
        return "whole folders"
    built = [p.resolve() for p in config.paths]
    left_out = [_shown(folder, config.project_dir) for folder in config.sources
                if folder.is_dir() and not any(folder.resolve().is_relative_to(b) for b in built)]
    return f"the project's whole source ({', '.join(left_out)})" if left_out else ""


def _shown(folder: Path, root: Path) -> str:
    try:
        return str(folder.relative_to(root))
    except ValueError:
        return str(folder)


def _trusted(saved: ProjectEntry | None, config: BuildConfig) -> ProjectEntry:
    """The last build's entry, or an empty one when it does not add up (a record edited by
    hand, a file gone or outside the output folder)."""
    if saved and saved.key == combined_key(saved.keys) and all(
            (path := contained(config.output, f)) is not None and path.is_file()
            for f in saved.files):
        return saved
    return ProjectEntry("")


def _entry(trusted: ProjectEntry, keys: dict[str, str], stale: list[str],
           made: dict[str, _Made]) -> ProjectEntry:
    """The next entry: the outputs not made kept as they were; a made one with its new key,
    unless it failed, when its earlier files stay recorded and it is tried again."""
    kept = {n: k for n, k in trusted.keys.items() if n not in stale}
    files = dict(trusted.made)
    hashes = dict(trusted.hashes)
    parts = {n: p for n, p in trusted.parts.items() if n not in stale}
    for name, one in made.items():
        hashes.update(one.written)
        if one.ok:
            kept[name], files[name] = keys[name], sorted(one.written)
            if one.parts is not None:
                parts[name] = one.parts
    every = sorted({f for group in files.values() for f in group})
    return ProjectEntry(combined_key(kept), every, {f: hashes[f] for f in every if f in hashes},
                        kept, files, parts)


def _render_project(config: BuildConfig, notes: list[SourceNote], names: list[str],
                    writer: Writer, out: ProjectResult, prints: Prints,
                    places: dict[str, object], ids: list[str], memo: Memo | None = None,
                    cache: Cache | None = None) -> dict[str, _Made]:
    """What each combined output wrote."""
    from .. import renderers

    made: dict[str, _Made] = {}
    if not notes:
        return made
    # build_time already prefers SOURCE_DATE_EPOCH; otherwise the newest note's time.
    when = max(build_time(n.file.path) for n in notes)
    ctx = base.RenderContext(config.options, Layouts(config.project_dir / "layouts"), when,
                             functools.partial(read_previous, str(config.output)),
                             project_file=functools.partial(read_previous,
                                                            str(config.project_dir)),
                             places=places,
                             **({"remember": memo.remembering(cache, places)}
                                if memo is not None and cache is not None else {}))
    models = base.Notes([n.id for n in notes], lambda i: notes[i].fetch())
    for name in names:
        renderer = renderers.load(name)
        if not hasattr(renderer, "render_project"):
            continue
        written: dict[str, str] = {}
        try:
            result = renderer.render_project(models, ctx)
        except Exception as exc:
            diag = Collector(str(config.output))
            diag.error("renderer", f"the {name} renderer failed on the combined output "
                       f"({type(exc).__name__}: {exc})")
            out.diagnostics.extend(diag.items)
            made[name] = _Made(written, False)
            continue
        out.diagnostics.extend(result.diagnostics)
        out.messages.extend(result.messages)
        ok = True
        for o in result.files:
            sha = writer.put_output(config.output, o, str(config.output))
            if sha is not None:
                written[o.path] = sha
            else:
                ok = False
        # Project files are not outputs: not recorded, so never pruned or cleaned.
        wrote = [(o.path, writer.put_output(config.project_dir, o, str(config.project_dir)))
                 for o in result.project_files]
        ok = ok and all(sha is not None for _, sha in wrote)
        # What writes a large output holds its parts until it is let go.
        del result
        made[name] = _Made(written, ok, _parts_made(name, renderer, wrote, prints, config,
                                                    ids, memo))
    return made


def _parts_made(name: str, renderer: object, wrote: list[tuple[str, str | None]],
                prints: Prints, config: BuildConfig, ids: list[str], memo: Memo | None
                ) -> tuple[str, list[str]] | None:
    """The parts key of a combined output just made from its notes' parts alone (None: it
    is not, or one part was made without a key)."""
    if memo is None or not getattr(renderer, "made_from_parts", False):
        return None
    digests = memo.used_digests_of(name, ids)
    if digests is None:
        return None
    return parts_key(name, zip(ids, digests, strict=True), wrote, prints, config), [
        f for f, _ in wrote]
