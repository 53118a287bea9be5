"""The notes the last build read, kept in ``output/.studypress-notes.pickle``, so a note whose
bytes have not changed is not parsed again.

Parsing is most of a build that has little to do (a no-op build parsed every note before it
could tell that nothing changed), and the note that parsing gives depends only on the bytes,
the file's name and place, which embedded files exist, and the reader's code. A kept note is
used only when all of these are as they were: the entry holds the digest of the bytes, the
file's display name and stem, and each embed the reader looked up with the answer it got (asked
again now); the file as a whole is keyed by the code of the package (its files' sizes and
times), so an upgrade or an edit of the reader starts afresh.

A file is not even read again when stat tells the same of it (size, mtime, ctime, inode) as
when the last build read it, and it had been left alone a while by then: reading and hashing
a large vault's unchanged notes was most of a no-op build. A change stat cannot see within the
file system's timestamp granularity cannot have followed a read made that long after the
file's last change.

Each note is kept pickled and compressed, with a brief of it beside (its id, embeds,
diagnostics and count of items): a build unpickles only the notes it renders, so a build that
has nothing to do reads the file and builds no note at all.

The file is read with an unpickler that builds nothing but the content model's own frozen
dataclasses and enums (and the builtin containers), so a file put in output/ by someone else
can at worst make a build parse its notes again, never run code.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import functools
import hashlib
import io
import mmap
import os
import pickle
import time
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..collector import paused
from .cache import Cache
from .records import NoteBrief, SourceFile

if TYPE_CHECKING:
    from ..model import Note

MEMO_NAME = ".studypress-notes.pickle"
_FORMAT = 5
_PACKAGE = Path(__file__).resolve().parent.parent

# What stat tells of a file: its size, mtime, ctime, inode and device.
Mark = tuple[int, ...]
# What stat told of a note's file, when (just before its bytes were read), and the length of
# its longest line (so a lowered limit is still checked without reading it).
Seen = tuple[Mark, int, int]
_UNSEEN: Seen = ((), 0, 0)  # a file the memo has not read (or from before it kept this)
# What a project renderer took from a note: the key it is kept under, the packed value and
# the sha256 of the packed bytes.
Made = tuple[str, bytes, bytes]


def with_digest(key: str, packed: bytes) -> Made:
    """A packed value kept under ``key``, with its digest."""
    return key, packed, hashlib.sha256(packed).digest()


@dataclass(frozen=True)
class _Entry:
    digest: str
    display: str
    stem: str
    asked: tuple[tuple[str, bool], ...]  # each embed the reader looked up, and the answer
    brief: NoteBrief
    packed: bytes  # the note, pickled and compressed ("" until saved)
    seen: Seen = _UNSEEN  # what stat told of the file when it was read


@dataclass
class Memo:
    """The notes kept from the last build (by file), and this build's."""

    path: Path | None = None  # where it is kept; None keeps nothing
    kept: dict[str, _Entry] = field(default_factory=dict)
    used: dict[str, _Entry] = field(default_factory=dict)
    fresh: dict[str, Note] = field(default_factory=dict)  # the notes parsed in this build
    parsed: int = 0  # notes parsed afresh in this build
    # What a project renderer took from each note (kind, note id → key, pickled value): the
    # deck's cards of a note, gathered again only when the note's outputs changed. Kept
    # pickled (and compressed), so a build that makes no combined output never imports the
    # renderer; with the sha256 of the packed bytes, which a combined output's parts key
    # takes of every note (hashing a large vault's parts again costs each build).
    kept_made: dict[tuple[str, str], Made] = field(default_factory=dict)
    used_made: dict[tuple[str, str], Made] = field(default_factory=dict)
    # What the renderers made of a note beside its outputs in this build (``offer``), packed:
    # it serves instead of ``make()``, which would make the same from the same files.
    offered: dict[tuple[str, str], bytes] = field(default_factory=dict)
    # The sha256 of project files the build reads back (the lock, tens of megabytes for a
    # large project), by path: what ``os.stat`` told of the file, its digest, and when.
    kept_digests: dict[str, _Digest] = field(default_factory=dict)
    used_digests: dict[str, _Digest] = field(default_factory=dict)
    # The file as loaded (the size of its first record, what stat told of it), when this
    # build's changes may be added to its end.
    appendable: tuple[int, tuple[int, ...]] | None = None

    @classmethod
    def load(cls, output: Path) -> Memo:
        """The memo in ``output``; one that is missing, damaged or from other code is empty."""
        path = output / MEMO_NAME
        stamp = code_stamp()  # now, before any note is read: the code that reads them
        try:
            with path.open("rb") as fh:
                st = os.fstat(fh.fileno())
                # Unpickled from the file's pages, not from a copy of its tens of megabytes.
                view = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # ValueError: an empty file cannot be mapped
            return cls(path)
        with view:
            return cls._from(path, view, st, stamp)

    @classmethod
    def _from(cls, path: Path, view: mmap.mmap, st: os.stat_result, stamp: str) -> Memo:
        """The memo in ``view``, the file at ``path`` that stat told ``st`` of."""
        try:
            with paused():  # thousands of objects, none of them garbage
                kept, entries, made, digests = _Unpickler(view).load()
        except Exception:  # whatever is wrong with the file, the notes are parsed afresh
            return cls(path)
        if kept != stamp or not _valid(entries, made, digests):
            return cls(path)
        memo = cls(path, entries, kept_made=made, kept_digests=digests)
        base = view.tell()
        whole = _apply_changes(view, memo, stamp)
        # Changes are added to the file's end only while it is the file read here, whole.
        if whole and len(view) == st.st_size:
            memo.appendable = (base, (st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev))
        return memo

    def note(self, f: SourceFile, digest: str, embed_exists: Callable[[str], bool],
             parse: Callable[[Callable[[str], bool]], Note], seen: Seen = _UNSEEN
             ) -> tuple[NoteBrief, Callable[[], Note]]:
        """The brief of the note in ``f`` (whose bytes have ``digest``, read when stat told
        ``seen``) and how to load the note: the kept one when nothing it depends on changed,
        else ``parse(embed_exists)``."""
        key = f.resolved()
        entry = self.kept.get(key)
        if entry is not None and entry.digest == digest and _same(entry, f, embed_exists):
            # A file touched but not changed is known by its new stat from now on.
            if settled(*seen[:2]) and (entry.seen[0] != seen[0]
                                       or not settled(*entry.seen[:2])):
                entry = dataclasses.replace(entry, seen=seen)
            return self.reuse(f, entry, parse, embed_exists)
        asked: dict[str, bool] = {}

        def ask(target: str) -> bool:
            if target not in asked:
                asked[target] = embed_exists(target)
            return asked[target]

        note = parse(ask)
        self.parsed += 1
        brief = NoteBrief.of(note)
        self.used[key] = _Entry(digest, f.display, f.path.stem, tuple(asked.items()), brief,
                                b"", seen)
        self.fresh[key] = note
        return brief, functools.partial(self._fresh_note, key, parse, embed_exists)

    def unchanged(self, f: SourceFile, now: Mark, embed_exists: Callable[[str], bool]
                  ) -> _Entry | None:
        """The kept entry of ``f`` when stat tells ``now`` what it told when the last build
        read the file, which had been left alone a while by then (so its bytes are the ones
        read then), and nothing else the note depends on changed; else None."""
        entry = self.kept.get(f.resolved())
        if entry is None or entry.seen[0] != now or not settled(now, entry.seen[1]) \
                or not _same(entry, f, embed_exists):
            return None
        return entry

    def reuse(self, f: SourceFile, entry: _Entry, parse: Callable[[Callable[[str], bool]], Note],
              embed_exists: Callable[[str], bool]) -> tuple[NoteBrief, Callable[[], Note]]:
        """Use the kept ``entry`` of ``f`` in this build: its brief, and how to load its note
        (``parse`` when the kept one does not unpack)."""
        self.used[f.resolved()] = entry
        return entry.brief, functools.partial(_kept_note, entry.packed, parse, embed_exists)

    def _fresh_note(self, key: str, parse: Callable[[Callable[[str], bool]], Note],
                    embed_exists: Callable[[str], bool]) -> Note:
        note = self.fresh.get(key)
        return note if note is not None else _kept_note(self.used[key].packed, parse,
                                                     embed_exists)

    def release(self) -> None:
        """Pack the notes parsed in this build now and let them go: once rendered, a large
        vault's notes need not stay in memory. Each is unpacked again when asked for."""
        if self.path is None:
            return  # nothing is kept, so nothing could be unpacked: the notes stay
        for key, note in self.fresh.items():
            self.used[key] = dataclasses.replace(self.used[key], packed=pack(note))
        self.fresh.clear()

    def offer(self, kind: str, note_id: str, packed: bytes) -> None:
        """What ``make()`` would give for the note, made (and packed) along with its
        output ``kind`` in this build, from the very files that output has just written."""
        self.offered[(kind, note_id)] = packed

    def _take_offered(self, slot: tuple[str, str]) -> tuple[bytes, Any] | None:
        packed = self.offered.pop(slot, None)
        if packed is None:
            return None
        try:
            return packed, unpack(packed)
        except Exception:  # not ours after all: made again
            return None

    def remember(self, kind: str, note_id: str, key: str, make: Callable[[], Any]) -> Any:
        """What was offered for the note in this build, else ``make()``, or what it gave the
        last build under the same ``key``."""
        slot = (kind, note_id)
        offered = self._take_offered(slot)
        if offered is not None:
            self.used_made[slot] = with_digest(key, offered[0])
            return offered[1]
        got = self.kept_made.get(slot)
        if got is not None and got[0] == key:
            try:
                value = unpack(got[1])
            except Exception:  # not ours after all: made again
                pass
            else:
                self.used_made[slot] = got
                return value
        value = make()
        self.used_made[slot] = with_digest(key, pack(value))
        return value

    def remembering(self, cache: Cache, places: Mapping[str, object]
                    ) -> Callable[[str, str, Callable[[], Any]], Any]:
        """``RenderContext.remember`` for a project renderer: keyed by the note's key of that
        output in the record (its bytes, embeds, layouts, options), the files that output
        wrote, and the note's place."""
        def remember(kind: str, note_id: str, make: Callable[[], Any]) -> Any:
            key = _made_key(cache, places, kind, note_id)
            if key is None:  # not (or not wholly) on disk: no key
                offered = self._take_offered((kind, note_id))
                return make() if offered is None else offered[1]
            return self.remember(kind, note_id, key, make)
        return remember

    def parts(self, kind: str, note_ids: Iterable[str], cache: Cache,
              places: Mapping[str, object]) -> dict[str, Made] | None:
        """Each note's packed ``kind`` part with its key (and digest), where ``remembering``
        would find it without making it (offered in this build, or kept under the same key);
        None when one of them is not there."""
        found = {}
        for note_id in note_ids:
            key = _made_key(cache, places, kind, note_id)
            if key is None:
                return None
            packed = self.offered.get((kind, note_id))
            if packed is not None:
                found[note_id] = with_digest(key, packed)
                continue
            kept = self.kept_made.get((kind, note_id))
            if kept is None or kept[0] != key:
                return None
            found[note_id] = kept  # the very one kept: the memo adds no unchanged part again
        return found

    def use_parts(self, kind: str, found: Mapping[str, Made]) -> None:
        """Keep the parts ``found`` for the next build, as if the project renderer had taken
        them."""
        for note_id, part in found.items():
            self.offered.pop((kind, note_id), None)
            self.used_made[(kind, note_id)] = part

    def used_digests_of(self, kind: str, note_ids: Iterable[str]) -> list[bytes] | None:
        """The sha256 of the packed ``kind`` part of each note that the project renderer took
        in this build under a key, in order; None when one of them was taken without one."""
        out = []
        for note_id in note_ids:
            part = self.used_made.get((kind, note_id))
            if part is None:
                return None
            out.append(part[2])
        return out

    def file_digest(self, path: Path) -> str | None:
        """The sha256 of a file's bytes now (None: it cannot be read); the one the last build
        took when ``os.stat`` tells the same of the file as then, and the file had been left
        alone for a while when it was taken (a change within the file system's timestamp
        granularity, which stat could not tell, cannot have followed it)."""
        key = str(path)
        try:
            now = mark(os.stat(path))
        except OSError:
            return None
        kept = self.kept_digests.get(key)
        if kept is not None and kept[0] == now and settled(now, kept[2]):
            self.used_digests[key] = kept
            return kept[1]
        from .read import file_digest

        taken = time.time_ns()
        sha = file_digest(path)
        if sha is not None:
            self.used_digests[key] = (now, sha, taken)
        return sha

    def save(self) -> None:
        """Keep this build's notes, and the kept notes of files this build did not read that
        are still there; written only when that differs from what was kept."""
        if self.path is None:
            return
        entries = {k: dataclasses.replace(e, packed=pack(self.fresh[k])) if k in self.fresh
                   else e for k, e in self.used.items()}
        for key, entry in self.kept.items():
            if key not in entries and Path(key).is_file():
                entries[key] = entry
        # A build that made no combined output keeps what the last one took from the notes.
        made = self.used_made if self.used_made else self.kept_made
        digests = {**self.kept_digests, **self.used_digests}
        if entries.keys() == self.kept.keys() and all(
                entries[k] is self.kept[k] for k in entries) and made.keys() == \
                self.kept_made.keys() and all(made[k] is self.kept_made[k] for k in made) \
                and digests == self.kept_digests:
            return  # nothing new: a no-op build writes nothing
        if self._append(entries, made, digests):
            return
        from .write import atomic_file

        # A memo that cannot be written costs the next build time, nothing else. Pickled
        # straight into the file: a large vault's memo is tens of megabytes.
        with contextlib.suppress(OSError), atomic_file(self.path) as fh:
            pickle.dump((code_stamp(), entries, made, digests), fh,
                        protocol=pickle.HIGHEST_PROTOCOL)

    def _append(self, entries: dict[str, _Entry], made: dict[tuple[str, str], Made],
                digests: dict[str, _Digest]) -> bool:
        """Add what changed since the memo was loaded to the end of its file, rather than
        write the tens of megabytes of a large vault's memo again for one edited note; False
        when the file is no longer as it was loaded, or the changes added up would be a
        good part of it (then it is written anew, whole)."""
        if self.appendable is None or self.path is None:
            return False
        base, seen = self.appendable
        try:
            st = os.stat(self.path)
        except OSError:
            return False
        if (st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev) != seen:
            return False
        change = pickle.dumps((
            _CHANGES, code_stamp(),
            {k: e for k, e in entries.items() if self.kept.get(k) is not e},
            [k for k in self.kept if k not in entries],
            {k: v for k, v in made.items() if self.kept_made.get(k) is not v},
            [k for k in self.kept_made if k not in made], digests),
            protocol=pickle.HIGHEST_PROTOCOL)
        if st.st_size - base + len(change) > base // _GROWTH:
            return False
        # A build stopped while it adds leaves a change that does not read back: the next
        # build keeps what the file held before it, and writes the file anew.
        with contextlib.suppress(OSError), self.path.open("ab") as fh:
            fh.write(change)
        return True


_CHANGES = "changes"  # what a record added to the memo's end starts with
_GROWTH = 4  # the changes added to the end stay under a quarter of the first record


def _same(entry: _Entry, f: SourceFile, embed_exists: Callable[[str], bool]) -> bool:
    """Whether the note kept in ``entry`` was read under the name ``f`` has, with the embeds
    it asked about found as they are now."""
    return entry.display == f.display and entry.stem == f.path.stem \
        and all(embed_exists(t) == found for t, found in entry.asked)


def _valid(entries: object, made: object, digests: object) -> bool:
    """Whether what a memo's record holds is what ``Memo`` keeps."""
    return isinstance(entries, dict) and all(
        isinstance(k, str) and isinstance(e, _Entry) and _seen(e.seen)
        for k, e in entries.items()) \
        and isinstance(made, dict) and all(
            isinstance(v, tuple) and len(v) == 3 and isinstance(v[0], str)
            and isinstance(v[1], bytes) and isinstance(v[2], bytes) for v in made.values()) \
        and _digests(digests)


def _apply_changes(fh: mmap.mmap, memo: Memo, stamp: str) -> bool:
    """Apply the records of changes that later builds added after the first (``_append``),
    up to the file's end; False when one does not read back (a build stopped while adding
    it): the records before it stand."""
    while fh.tell() < len(fh):
        try:
            with paused():
                tag, kept, entries, gone, made, made_gone, digests = _Unpickler(fh).load()
        except Exception:
            return False
        if tag != _CHANGES or kept != stamp or not _valid(entries, made, digests) \
                or not isinstance(gone, list) or not isinstance(made_gone, list):
            return False
        memo.kept.update(entries)
        for key in gone:
            memo.kept.pop(key, None)
        memo.kept_made.update(made)
        for slot in made_gone:
            memo.kept_made.pop(slot, None)
        memo.kept_digests = digests
    return True


# What stat told of a file, its sha256, when it was taken.
_Digest = tuple[Mark, str, int]
# A file changed less than this long before it was read may change again unseen: some file
# systems keep times to the second (FAT: two).
_SETTLED = 3_000_000_000


def mark(st: os.stat_result) -> Mark:
    """What the memo compares of a file's stat."""
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


def settled(now: Mark, taken: int) -> bool:
    """Whether a file stat told ``now`` of had been left alone a while when it was read at
    ``taken``: a change after the read then shows in its mtime or ctime, whatever the file
    system's granularity."""
    return len(now) == 5 and taken - max(now[1], now[2]) > _SETTLED


def _seen(found: object) -> bool:
    """Whether ``found`` is a ``Seen``."""
    return isinstance(found, tuple) and len(found) == 3 and isinstance(found[0], tuple) \
        and all(isinstance(n, int) for n in found[0]) and isinstance(found[1], int) \
        and isinstance(found[2], int)


def _digests(found: object) -> bool:
    """Whether the memo's file digests are as ``Memo.file_digest`` keeps them."""
    return isinstance(found, dict) and all(
        isinstance(k, str) and isinstance(v, tuple) and len(v) == 3
        and isinstance(v[0], tuple) and all(isinstance(n, int) for n in v[0])
        and isinstance(v[1], str) and isinstance(v[2], int) for k, v in found.items())


def _made_key(cache: Cache, places: Mapping[str, object], kind: str, note_id: str
              ) -> str | None:
    """What a project renderer's part of a note is kept under: the note's key of that output
    in the record, the files it wrote, the note's place; None when it is not wholly on disk."""
    entry = cache.notes.get(note_id)
    if entry is None or not entry.files:
        return None
    if kind in entry.keys:  # the key and files of that output alone
        mine = set(entry.files.get(kind, ()))
        return repr((entry.keys[kind], sorted((f, h) for f, h in entry.hashes.items()
                                              if f in mine), places.get(note_id)))
    return repr((entry.key, sorted(entry.hashes.items()), places.get(note_id)))


def pack(value: object) -> bytes:
    """A value as the memo keeps it: pickled and compressed."""
    # The fastest level: the notes are kept for this machine, not shipped.
    return zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack(packed: bytes) -> Any:
    """What ``pack`` packed, built by the memo's unpickler: the content model alone (with
    the collector paused, it loads in half the time)."""
    with paused():
        return _Unpickler(io.BytesIO(zlib.decompress(packed))).load()


def _kept_note(packed: bytes, parse: Callable[[Callable[[str], bool]], Note],
            embed_exists: Callable[[str], bool]) -> Note:
    """A kept note; one that does not unpack into a note is parsed again."""
    try:
        note = unpack(packed)
    except Exception:  # not ours after all
        note = None
    from ..model import Note  # the model's classes load with the first note kept

    return note if isinstance(note, Note) else parse(embed_exists)


@functools.cache
def code_stamp() -> str:
    """The version, and the size and time of every module of the package: a kept note is
    only as good as the code that read it. Once per process: the code running is the code
    that was loaded."""
    h = hashlib.sha256(f"{_FORMAT}\0{__version__}".encode())
    found: list[str] = []
    _module_stamps(str(_PACKAGE), "", found)
    for line in sorted(found):
        h.update(line.encode())
    return h.hexdigest()


def _module_stamps(folder: str, prefix: str, found: list[str]) -> None:
    """``\\0path\\0size\\0mtime`` of each module below ``folder``, as ``os.walk`` finds them
    (folders linked to are not entered), its path from the package with ``/``. Made from the
    listing rather than by ``os.path.relpath`` and pathlib: a quarter of the instructions."""
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if not entry.is_symlink():
                    _module_stamps(entry.path, f"{prefix}{entry.name}/", found)
            elif entry.name.endswith(".py"):
                with contextlib.suppress(OSError):
                    st = entry.stat()
                    found.append(f"\0{prefix}{entry.name}\0{st.st_size}\0{st.st_mtime_ns}")


_BUILTINS = frozenset({"frozenset", "set", "complex", "slice"})


class _Unpickler(pickle.Unpickler):
    """Only the package's frozen dataclasses and enums, and plain containers."""

    def find_class(self, module: str, name: str) -> type:
        if module == "builtins" and name in _BUILTINS:
            return super().find_class(module, name)
        if module == __name__ and name == "_Entry":
            return _Entry
        if module.startswith("studypress."):
            found = super().find_class(module, name)
            if isinstance(found, type) and (
                    issubclass(found, enum.Enum)
                    or (dataclasses.is_dataclass(found)
                        and found.__dataclass_params__.frozen)):  # type: ignore[attr-defined]
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of the content model")
