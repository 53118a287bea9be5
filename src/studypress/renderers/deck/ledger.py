"""The deck ledger: what the last build put in a deck, so this build can tell what changed.

Anki updates a note on import only when the GUID matches and the incoming modification time
is strictly newer, and it never deletes anything. So each item keeps its old time while its
content is unchanged (a user's own edits in Anki, which are newer, survive) and gets a newer
one when it changes; items that disappeared are reported, since no import can remove them.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from json.encoder import encode_basestring
from typing import BinaryIO

from ... import jsontext

FORMAT = 1


class _Fields:
    """Pickled as its fields in order, made again through ``__init__``: a frozen slotted
    dataclass otherwise sets each field through a slow generic path, and the build keeps
    every note's entries from one build to the next."""

    __slots__ = ()

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return type(self), tuple(getattr(self, name) for name in self.__slots__)


# Slots: a large project's lock holds an entry for each of tens of thousands of items.
@dataclass(frozen=True, slots=True)
class Entry(_Fields):
    key: str
    kind: str  # note type name
    hash: str
    mod: int  # seconds since the epoch
    added: int
    note: str  # the note id the item belongs to
    label: str
    # What the next build matches a moved or reworded item by (see renames.py).
    text: str = ""
    date: str = ""


@dataclass(frozen=True, slots=True)
class TypeEntry(_Fields):
    id: int
    hash: str
    mod: int


@dataclass
class Ledger:
    items: dict[str, Entry] = field(default_factory=dict)  # GUID → entry
    notetypes: dict[str, TypeEntry] = field(default_factory=dict)  # name → entry
    # Embed target → the media file the deck ships it as, so the combined deck can take the
    # note's images from its deck.apkg (it has no access to the note's folder).
    media: dict[str, str] = field(default_factory=dict)

    def to_data(self, items: object = None) -> dict[str, object]:
        """The ledger as JSON data; ``items`` stands in for its entries when given."""
        data: dict[str, object] = {
            "format": FORMAT,
            "items": items if items is not None else {
                g: entry_data(e) for g, e in sorted(self.items.items())},
            "notetypes": {n: _type_data(t) for n, t in sorted(self.notetypes.items())},
        }
        if self.media:
            data["media"] = dict(sorted(self.media.items()))
        return data

    def to_bytes(self) -> bytes:
        return _dump(self.to_data())

    def copy(self) -> Ledger:
        """A ledger with tables of its own (the entries are frozen, so they are shared)."""
        return Ledger(dict(self.items), dict(self.notetypes), dict(self.media))

    def of_note(self, note_id: str) -> Ledger:
        """The part of a project's ledger one note's deck starts from."""
        return Ledger({g: e for g, e in self.items.items() if e.note == note_id},
                      dict(self.notetypes))


def entry_data(e: Entry) -> dict[str, object]:
    """An entry as the ledger's JSON holds it."""
    return {"key": e.key, "kind": e.kind, "hash": e.hash, "mod": e.mod, "added": e.added,
            "note": e.note, "label": e.label, "text": e.text, "date": e.date}


def lock_entry(e: Entry) -> bytes:
    """An entry's text in the lock (as ``write_lock`` writes it, indented to its place),
    made once: a combined deck's lock is put together from the texts of its entries as each
    note is stamped, never holding every entry's data at once. Spelt out, since a lock has
    tens of thousands of entries; a test holds it to ``_dump``'s text."""
    s = encode_basestring
    return (f'{{\n    "added": {int(e.added)},\n    "date": {s(e.date)},\n'
            f'    "hash": {s(e.hash)},\n    "key": {s(e.key)},\n    "kind": {s(e.kind)},\n'
            f'    "label": {s(e.label)},\n    "mod": {int(e.mod)},\n'
            f'    "note": {s(e.note)},\n    "text": {s(e.text)}\n   }}').encode()


def _type_data(t: TypeEntry) -> dict[str, object]:
    return {"id": t.id, "hash": t.hash, "mod": t.mod}


def _dump(data: object) -> bytes:
    # One key per line, sorted: a merge of two branches that touched different items is a
    # merge of different lines.
    return (jsontext.dumps(data, 1, sort_keys=True, ensure_ascii=False) + "\n").encode()


class LedgerError(ValueError):
    """The ledger could not be read; the build starts a fresh one."""


def parse(data: bytes | None) -> Ledger:
    """The ledger from its bytes; no bytes → an empty ledger. Raises LedgerError."""
    if data is None:
        return Ledger()
    try:
        return _from_data(_loads(data))
    except LedgerError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise LedgerError(str(exc) or type(exc).__name__) from None


class _Entries:
    """Makes each item entry the moment the JSON parser has read it, so the dictionaries it
    reads them into never pile up (a large project's lock holds tens of thousands), and
    shares the note ids and note type names they repeat."""

    def __init__(self) -> None:
        self.shared: dict[str, str] = {}

    def __call__(self, raw: dict[str, object]) -> object:
        if "hash" not in raw or "note" not in raw or "key" not in raw:
            return raw
        shared = self.shared
        kind, note = str(raw["kind"]), str(raw["note"])
        return Entry(str(raw["key"]), shared.setdefault(kind, kind), str(raw["hash"]),
                     _int(raw["mod"]), _int(raw["added"]), shared.setdefault(note, note),
                     str(raw["label"]), str(raw.get("text", "")), str(raw.get("date", "")))


def _int(value: object) -> int:
    return int(value)  # type: ignore[call-overload]


def _loads(data: bytes) -> object:
    return json.loads(data.decode("utf-8"), object_hook=_Entries())


def _from_data(raw: object) -> Ledger:
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise LedgerError("unknown ledger format")
    found = raw.get("items", {})
    if not isinstance(found, dict) or not all(isinstance(e, Entry) for e in found.values()):
        raise LedgerError("an item entry lacks its key, note or hash")
    items = {str(g): e for g, e in found.items()}
    types = {str(n): TypeEntry(int(t["id"]), str(t["hash"]), int(t["mod"]))
             for n, t in raw.get("notetypes", {}).items()}
    media = {str(t): str(n) for t, n in raw.get("media", {}).items()}
    return Ledger(items, types, media)


# ------------------------------------------------------------------ the project's lock

LOCK_FILE = "studypress.lock"
LOCK_FORMAT = 1


def write_lock(out: BinaryIO, ledger: Ledger, items: Mapping[str, bytes]) -> None:
    """``studypress.lock``, written into ``out``: the project's deck ledger, kept beside the
    sources (and meant to be committed with them), so deleting output/ loses no card's
    identity or time. ``items`` (GUID → ``lock_entry``) stand in for the ledger's own
    entries, and go out a few thousand at a time: a large project's lock is tens of
    megabytes, never to be whole in memory besides its entries."""
    # The items go where a marker stands: a value no lock holds anywhere else.
    text = _dump({"studypress-lock": LOCK_FORMAT, "deck": ledger.to_data(_MARK)})
    before, after = text.split(_MARK_TEXT)
    if not items:
        out.write(before + b'"items": {}' + after)
        return
    pieces = [before, b'"items": {\n']
    for g in sorted(items):
        if len(pieces) > _PIECES:
            out.write(b"".join(pieces))
            pieces.clear()
        pieces += (b"   ", encode_basestring(g).encode(), b": ", items[g], b",\n")
    pieces[-1] = b"\n  }"
    pieces.append(after)
    out.write(b"".join(pieces))


_PIECES = 5 * 4096  # the pieces of the entries written at once: under a megabyte


_MARK = "\0"
_MARK_TEXT = b'"items": "\\u0000"'


def parse_lock(data: bytes | None) -> Ledger | None:
    """The deck ledger in a lock's bytes; None when there is no lock. Raises LedgerError."""
    return None if data is None else _parse_lock(data)


def lock_part(data: bytes | None, note_id: str) -> Ledger | None:
    """One note's part of a lock's ledger (``Ledger.of_note``), tables of its own for each
    caller; None when there is no lock. Raises LedgerError.

    Every note's deck of a build without ledgers in output/ starts from the lock: the lock
    is read once for all of them while the same bytes come back, and only into where each
    note's entries stand in it. A worker process that parsed the whole lock (tens of
    megabytes for a large project) would hold every entry of every note, besides the bytes."""
    if data is None:
        return None
    if not (_LAST_LOCK and _LAST_LOCK[0][0] == data):
        _LAST_LOCK.clear()  # the last lock's parts go before this one's are made
        _LAST_LOCK.append((data, _split_lock(data)))
    return _LAST_LOCK[0][1].part(note_id)


class _LockParts:
    """A lock's entries by note: where each note's entries stand in the lock's bytes (as
    ``write_lock`` lays them out), or, for a lock laid out otherwise (edited by hand, merged),
    the entries themselves."""

    def __init__(self, data: bytes, skeleton: Ledger, spans: dict[str, list[int]] | None,
                 entries: dict[str, dict[str, Entry]] | None = None) -> None:
        self.data, self.skeleton, self.spans, self.entries = data, skeleton, spans, entries

    def part(self, note_id: str, piece: Callable[[int, int], bytes] | None = None) -> Ledger:
        """The note's part; ``piece(start, end)`` reads the lock's bytes there, when they are
        not kept (``data`` empty)."""
        if self.entries is not None:
            items = dict(self.entries.get(note_id, {}))
        else:
            at = self.spans.get(note_id, []) if self.spans is not None else []
            items = _entries_at(piece or (lambda a, b: self.data[a:b]), at)
        return Ledger(items, dict(self.skeleton.notetypes))


_ITEMS_OPEN = b'\n  "items": {\n'
_ITEMS_CLOSE = b"\n  }"
_STRING = rb'"(?:[^"\\\n]|\\.)*"'
# One entry as ``write_lock`` writes it: its GUID, then its fields one per line, four spaces
# in (a JSON string holds no raw line break, so no field's line can end the entry).
_ENTRY = re.compile(rb"   (" + _STRING + rb"): \{\n((?:    [^\n]*\n)+)   \}")
_NOTE = re.compile(rb'^    "note": (' + _STRING + rb"),?$", re.MULTILINE)


def _split_lock(data: bytes) -> _LockParts:
    """Where each note's entries stand in the lock; the whole lock parsed instead when its
    items are not laid out as ``write_lock`` writes them."""
    found = _spans(data)
    if found is None:
        ledger = _parse_lock(data)
        by_note: dict[str, dict[str, Entry]] = {}
        for guid, entry in ledger.items.items():
            by_note.setdefault(entry.note, {})[guid] = entry
        return _LockParts(data, ledger, None, by_note)
    spans, start, end = found
    # The rest of the lock (format, note types) with its items left out, read as a whole.
    skeleton = _parse_lock(data[:start] + b"{}" + data[end:])
    return _LockParts(data, skeleton, spans)


def _spans(data: bytes) -> tuple[dict[str, list[int]], int, int] | None:
    """Each note's entries' (start, end) offsets, flat, and where the items' braces open and
    close; None when the items are not all laid out as ``write_lock`` writes them (or a GUID
    is written twice, or written with an escape)."""
    opening = data.find(_ITEMS_OPEN)
    if opening < 0 or data.find(_ITEMS_OPEN, opening + 1) >= 0:
        return None
    spans: dict[str, list[int]] = {}
    guids: set[bytes] = set()
    notes: dict[bytes, str] = {}  # a note's id as written → read, once for all its entries
    pos = opening + len(_ITEMS_OPEN)
    while True:
        m = _ENTRY.match(data, pos)
        note = _NOTE.search(data, m.start(2), m.end(2)) if m else None
        if m is None or note is None or b"\\" in m.group(1) or m.group(1) in guids:
            return None
        guids.add(m.group(1))
        raw = note.group(1)
        name = notes.get(raw)
        if name is None:
            name = notes[raw] = json.loads(raw)
        spans.setdefault(name, []).extend(m.span())
        pos = m.end()
        if data.startswith(b",\n", pos):
            pos += 2
        elif data.startswith(_ITEMS_CLOSE, pos):
            return spans, opening + len(_ITEMS_OPEN) - 2, pos + len(_ITEMS_CLOSE)
        else:
            return None


def _entries_at(piece: Callable[[int, int], bytes], spans: list[int]) -> dict[str, Entry]:
    """The entries at these (start, end) offsets of a lock (``piece`` reads its bytes
    there), read as one JSON object."""
    pairs = zip(spans[::2], spans[1::2], strict=True)
    text = b"{" + b",".join(piece(a, b) for a, b in pairs) + b"}"
    try:
        found = _loads(text)
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise LedgerError(str(exc) or type(exc).__name__) from None
    if not isinstance(found, dict) or not all(isinstance(e, Entry) for e in found.values()):
        raise LedgerError("an item entry lacks its key, note or hash")
    return {str(g): e for g, e in found.items()}


_LAST_LOCK: list[tuple[bytes, _LockParts]] = []


def lock_part_at(path: str, note_id: str) -> Ledger | None:
    """``lock_part`` of the lock in the file at ``path``; None when it cannot be read.

    The file is read whole once while it stays the same file (device, inode, size and
    modification time), to learn where each note's entries stand, and only those bytes of
    it are read for each note after: every note's deck of a cold build starts from the
    lock, and reading tens of megabytes again for each cost more than the deck itself."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        stat = os.fstat(fd)
        known = (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)
        if not (_LOCK_AT and _LOCK_AT[0][0] == known):
            _LOCK_AT.clear()  # the last lock's index goes before this one's is made
            _LOCK_AT.append((known, _indexed(_read_all(fd, stat.st_size))))
        parts = _LOCK_AT[0][1]
        if isinstance(parts, LedgerError):
            raise parts  # unreadable as it stands: said again for each note, as before
        try:
            part = parts.part(note_id, functools.partial(_pread, fd))
            if any(e.note != note_id for e in part.items.values()):
                raise _Changed
        except _Changed:  # rewritten in place since it was indexed: read as it is now
            _LOCK_AT.clear()
            os.lseek(fd, 0, os.SEEK_SET)
            return lock_part(_read_all(fd, os.fstat(fd).st_size), note_id)
        return part
    except OSError:
        return None
    finally:
        os.close(fd)


class _Changed(Exception):
    """The lock's bytes are not where its index says."""


def _indexed(data: bytes) -> _LockParts | LedgerError:
    """The lock's parts without its bytes (read again where a note's entries stand), or
    why it is unreadable."""
    try:
        parts = _split_lock(data)
    except LedgerError as exc:
        return exc
    parts.data = b""
    return parts


def _read_all(fd: int, size: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, max(size, 1 << 16)):
        chunks.append(chunk)
    return b"".join(chunks)


def _pread(fd: int, start: int, end: int) -> bytes:
    data = os.pread(fd, end - start, start)
    if len(data) != end - start:  # shorter since it was indexed
        raise _Changed
    return data


_LOCK_AT: list[tuple[tuple[int, int, int, int], _LockParts | LedgerError]] = []


def _parse_lock(data: bytes) -> Ledger:
    try:
        raw = _loads(data)
        if not isinstance(raw, dict) or raw.get("studypress-lock") != LOCK_FORMAT:
            raise LedgerError("unknown lock format")
        return _from_data(raw.get("deck"))
    except LedgerError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise LedgerError(str(exc)) from None


def next_time(previous: int | None, build_time: int) -> int:
    """A modification time for changed content: the build time, but always strictly after
    the previous one (a fixed SOURCE_DATE_EPOCH must still win Anki's "newer" test)."""
    return build_time if previous is None else max(build_time, previous + 1)


@dataclass(frozen=True, slots=True)
class Stamped(_Fields):
    guid: str
    key: str
    kind: str
    hash: str
    note: str
    label: str
    text: str = ""
    date: str = ""


def stamp(current: Iterable[Stamped], previous: Ledger, build_time: int,
          prefer: Ledger | None = None) -> tuple[Ledger, list[Entry]]:
    """The new ledger and the entries removed since ``previous``.

    ``prefer`` is consulted first when given: the combined deck takes each item's time from
    the note's own ledger, so both files give an item the same time.
    """
    items = {s.guid: stamp_one(s, previous, build_time, prefer) for s in current}
    return Ledger(items, {}), removed_since(previous, items)


def stamp_one(s: Stamped, previous: Ledger, build_time: int,
              prefer: Ledger | None = None) -> Entry:
    """One item's new entry (see ``stamp``)."""
    old = prefer.items.get(s.guid) if prefer is not None else None
    if old is None:
        old = previous.items.get(s.guid)
    if old is None:
        return restamped(s, None, build_time, False, build_time)
    # A new key is a change too: the card's Key field must follow its item.
    return restamped(s, old.mod, old.added, old.hash == s.hash and old.key == s.key,
                     build_time)


def restamped(s: Stamped, mod: int | None, added: int, unchanged: bool,
              build_time: int) -> Entry:
    """``s``'s entry after one of times ``mod`` and ``added`` (``mod`` None: none): the old
    time while the item is ``unchanged``, else the next one."""
    return Entry(s.key, s.kind, s.hash, mod if unchanged and mod is not None
                 else next_time(mod, build_time), added, s.note, s.label, s.text, s.date)


def removed_since(previous: Ledger, current: Mapping[str, object]) -> list[Entry]:
    """The entries of ``previous`` whose GUIDs ``current`` lacks, in the order of their keys."""
    return [e for g, e in sorted(previous.items.items(), key=lambda kv: kv[1].key)
            if g not in current]


def stamp_type(name: str, type_id: int, content_hash: str, previous: Ledger, build_time: int,
               prefer: Ledger | None = None) -> TypeEntry:
    """A note type's entry: its old time while its templates, CSS and fields are unchanged."""
    old = prefer.notetypes.get(name) if prefer is not None else None
    if old is None:
        old = previous.notetypes.get(name)
    if old is not None and old.hash == content_hash and old.id == type_id:
        return old
    return TypeEntry(type_id, content_hash, next_time(old.mod if old else None, build_time))
