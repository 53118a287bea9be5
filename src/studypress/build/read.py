"""Phase 2, read: every discovered file into a note, each kept with its file."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .. import assets
from ..diagnostics import Diagnostic, Severity
from ..reader import ReadError, read_text, slugify
from ..reader.decoding import DecodeError, decode
from .discover import display_path
from .limits import Limits, items_problem, line_problem, size_problem
from .memo import Mark, Memo, Seen, mark
from .records import NoteBrief, SourceFile, SourceNote

if TYPE_CHECKING:
    from ..model import Note


@dataclass
class ReadResult:
    notes: list[SourceNote] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # files that could not be read


class TooLarge(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


# Below this many notes to parse, starting worker processes costs more than it saves.
AHEAD_MIN = 32


def read_sources(files: list[SourceFile], limits: Limits | None = None,
                 memo: Memo | None = None, workers: int = 1) -> ReadResult:
    """Read every note; unreadable files become error diagnostics, never exceptions. With
    ``memo``, a note whose bytes and embeds are as the last build read them is not parsed
    again; with ``workers`` > 1, many notes to parse are parsed in worker processes."""
    result = ReadResult()
    seen: dict[str, str] = {}
    limits = limits or Limits()
    ahead = _parse_ahead(files, limits, memo, workers)
    for f in files:
        try:
            source = read_file(f, limits, memo, ahead.pop(f.resolved(), None))
        except ReadError as exc:
            result.diagnostics.append(Diagnostic(Severity.ERROR, "unreadable", exc.message,
                                                 exc.file, exc.line))
            continue
        except TooLarge as exc:
            result.diagnostics.append(exc.diagnostic)
            continue
        if source.id in seen:
            new_id = _unique(source.id, f.path, seen)
            result.diagnostics.append(Diagnostic(
                Severity.WARNING, "duplicate-id",
                f"note id '{source.id}' is already used by {seen[source.id]}; this note is "
                f"built as '{new_id}' (give it its own permalink to choose the name)",
                f.display, 1))
            source = _renamed(source, new_id)
        seen[source.id] = f.display
        result.notes.append(source)
        result.diagnostics.extend(_embeds_outside(f, source.brief, source.found))
    return result


def _renamed(source: SourceNote, new_id: str) -> SourceNote:
    load = source.load
    assert load is not None
    return SourceNote(source.file, replace(source.brief, id=new_id), source.digest,
                      lambda: replace(load(), id=new_id), source.found)


def _embeds_outside(f: SourceFile, note: NoteBrief,
                    found: Mapping[str, bool]) -> list[Diagnostic]:
    """A warning at each embed that names a file outside the vault (a symlink leading out):
    it is left out of every output. An embed found in the vault is not outside."""
    out = []
    for target in note.embeds:
        if found.get(target):
            continue
        path = assets.outside(target, f.path.parent, f.root)
        if path is not None:
            out.append(Diagnostic(
                Severity.WARNING, "embed-outside",
                f"the embedded file '{target}' lies outside {display_path(f.root)} (through a "
                "symbolic link); it was left out of every output", f.display,
                _line_of(f.path, target)))
    return out


def _line_of(path: Path, target: str) -> int | None:
    """The first line of the note that names ``target``."""
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8",
                                                     errors="replace").split("\n"), 1):
            if target in line:
                return number
    except OSError:
        pass
    return None


def file_digest(path: Path) -> str | None:
    """The sha256 of a file's bytes now, or None when it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def read_file(f: SourceFile, limits: Limits | None = None, memo: Memo | None = None,
              parsed: Parsed | None = None) -> SourceNote:
    """The note in ``f`` with the hash of the very bytes it was read from, so the cache keys
    what was parsed, not the file as it is later. A note over a limit raises TooLarge.
    ``parsed``: the note a worker read from the file, used if its bytes are these."""
    limits = limits or Limits()
    found: dict[str, bool] = {}  # a target asked for twice (the memo, the reader) is sought once
    embed_exists = _embeds_in(f.path.parent, f.root, found)
    now = source = None
    if memo is not None:
        now = _mark(f.path)
        source = _kept(f, now, limits, memo, embed_exists, found)
    if source is None:
        source = _read(f, limits, memo, parsed, embed_exists, found)
    if (problem := items_problem(limits, source.brief)) is not None:
        raise TooLarge(problem)
    return source


def _mark(path: Path) -> Mark | None:
    """What stat tells of the file now (None: it cannot tell; reading it tells why)."""
    try:
        return mark(os.stat(path))
    except OSError:
        return None


def _kept(f: SourceFile, now: Mark | None, limits: Limits, memo: Memo,
          embed_exists: Callable[[str], bool], found: dict[str, bool]) -> SourceNote | None:
    """The note the memo kept of ``f``, without reading the file, when stat tells (``now``)
    that it is as the last build read it; None when it must be read (a note over a lowered
    limit is read, which reports it)."""
    if now is None:
        return None
    entry = memo.unchanged(f, now, embed_exists)
    if entry is None or now[0] > limits.note_bytes or entry.seen[2] > limits.line_chars:
        return None

    def parse(exists: Callable[[str], bool]) -> Note:  # the kept note did not unpack
        data, _ = _bytes(f, limits)
        return read_text(_text(f, limits, data), f.display, f.path.stem, embed_exists=exists)

    brief, load = memo.reuse(f, entry, parse, embed_exists)
    return SourceNote(f, brief, entry.digest, load, found)


def _read(f: SourceFile, limits: Limits, memo: Memo | None, parsed: Parsed | None,
          embed_exists: Callable[[str], bool], found: dict[str, bool]) -> SourceNote:
    """The note in ``f``, its bytes read now (and parsed unless the memo or a worker has the
    note of the same bytes)."""
    taken = time.time_ns()  # before the bytes are read: a later change is after it
    data, now = _bytes(f, limits)
    text = _text(f, limits, data)
    digest = hashlib.sha256(data).hexdigest()

    def parse(exists: Callable[[str], bool]) -> Note:
        nonlocal parsed
        if parsed is not None and parsed.digest == digest:
            # The memo keeps this closure to parse again: it must not keep the note too.
            note, asked, parsed = parsed.note, parsed.asked, None
            for target in asked:  # the same embeds asked about, in the same order
                exists(target)
            return note
        return read_text(text, f.display, f.path.stem, embed_exists=exists)

    if memo is None:
        return SourceNote.read(f, parse(embed_exists), digest, found)
    seen: Seen = (now, taken, max(map(len, text.split("\n"))))
    brief, load = memo.note(f, digest, embed_exists, parse, seen)
    return SourceNote(f, brief, digest, load, found)


def _bytes(f: SourceFile, limits: Limits) -> tuple[bytes, Mark]:
    """The file's bytes (never more than the limit allows) and what stat told of it as they
    were read; ReadError when it cannot be read, TooLarge when it is over the limit."""
    try:
        with open(f.path, "rb") as fh:
            st = os.fstat(fh.fileno())
            data = fh.read(limits.note_bytes + 1)
    except OSError as exc:
        raise ReadError(f.display, f"cannot read the file: {exc.strerror or exc}; "
                        "it was skipped, the other notes were built") from None
    if (problem := size_problem(limits, max(st.st_size, len(data)), f.display)) is not None:
        raise TooLarge(problem)
    return data, mark(st)


def _text(f: SourceFile, limits: Limits, data: bytes) -> str:
    """The note's text; ReadError when it does not decode, TooLarge at a line over the
    limit."""
    try:
        text = decode(data)
    except DecodeError as exc:
        raise ReadError(f.display, str(exc), exc.line) from None
    if (problem := line_problem(limits, text, f.display)) is not None:
        raise TooLarge(problem)
    return text


@dataclass(frozen=True)
class Parsed:
    """A note a worker read: the digest of the bytes it read, the note, and the embeds the
    reader asked about, in order."""

    digest: str
    note: Note
    asked: tuple[str, ...]


def _parse_ahead(files: list[SourceFile], limits: Limits, memo: Memo | None,
                 workers: int) -> dict[str, Parsed]:
    """The notes to parse this build, parsed in worker processes when there are many (by
    resolved path); any a worker could not read are read here, in order, as before."""
    if workers < 2 or (memo is not None and len(files) - len(memo.kept) < AHEAD_MIN):
        return {}  # few to parse (a rebuild): nothing of a no-op build's time goes here
    # Notes the memo has never seen; an edited one is parsed here, in order, as before.
    todo = [f for f in files if memo is None or f.resolved() not in memo.kept]
    if len(todo) < AHEAD_MIN:
        return {}
    from .render import workers_for

    items = [(str(f.path), f.display, f.path.stem, str(f.root), limits.note_bytes)
             for f in todo]
    out: dict[str, Parsed] = {}
    # The build's workers when it has them (they render its notes next), started here,
    # before this process reads the notes: a worker forked later would start with them all.
    with workers_for(min(workers, len(todo)), parse_in_worker) as pool:
        for index, got in pool.run(items, fn=parse_in_worker):
            if isinstance(got, Parsed):
                out[todo[index].resolved()] = got
    return out


def parse_in_worker(item: tuple[str, str, str, str, int]) -> Parsed | None:
    """Read and parse one note (in a worker process); None when it cannot be read here: it is
    then read in the build's own process, which reports why."""
    path, display, stem, root, limit = item
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
        text = decode(data)
    except (OSError, DecodeError):
        return None
    asked: dict[str, bool] = {}
    embed_exists = _embeds_in(Path(path).parent, Path(root), asked)

    try:
        note = read_text(text, display, stem, embed_exists=embed_exists)
    except ReadError:
        return None
    return Parsed(hashlib.sha256(data).hexdigest(), note, tuple(asked))


def _embeds_in(folder: Path, root: Path, found: dict[str, bool]) -> Callable[[str], bool]:
    """Whether an embed target is in the vault (a URL always is), each answer kept in
    ``found`` in the order asked."""
    def embed_exists(target: str) -> bool:
        if target not in found:
            found[target] = assets.is_url(target) or assets.find(target, folder,
                                                                  root) is not None
        return found[target]
    return embed_exists


def _unique(note_id: str, path: Path, seen: dict[str, str]) -> str:
    """A second note with the same id is named after its folder, so adding a third note
    elsewhere never moves the first two (and their decks and ledgers) to new names."""
    candidate = f"{note_id}-{slugify(path.parent.name)}"
    n = 2
    while candidate in seen:
        candidate = f"{note_id}-{slugify(path.parent.name)}-{n}"
        n += 1
    return candidate
