"""Which card an item is: its items matched against the last build's, as version control
detects renames.

An item's key says what it is as far as the note shows (a date and a rank among events of
that date, a name, a number), but ranks shift when events are reordered, dates and names get
corrected, questions get renumbered. So each item is matched against the previous build's
entries of the same note and note type, in passes, and a matched item keeps its old GUID (and
so its card and review history):

1. the same key with the same text;
2. the same text under another key (a reordered or redated event, a renamed person or term
   whose description is unchanged, a renumbered question);
3. the same key where the key alone names the item (a name, a term, a number, a block id, a
   date that only one event has, before and now), whatever the text;
4. a close text (``SIMILAR`` or more, by difflib's ratio) under the same date.

An item none of them matches is new: its GUID comes from its key, unless an earlier item
already had that GUID (which would move that card's history to different content), in which
case a numbered variant of the key gives it a fresh one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from . import naming
from .ledger import Entry

SIMILAR = 0.5  # git's default rename threshold; a reworded sentence keeps about this much
_RANK = re.compile(r"#\d+(?:\+\d+)?$")


@dataclass(frozen=True)
class Known:
    """What the previous build recorded of an item."""

    guid: str
    key: str
    kind: str  # note type name
    text: str
    date: str  # EDTF of an event's date, else ""


@dataclass(frozen=True)
class Current:
    """What this build knows of an item."""

    key: str
    kind: str
    text: str
    date: str


def similarity(a: str, b: str) -> float:
    """How alike two texts are, 0 to 1 (case and spacing ignored)."""
    a, b = " ".join(a.casefold().split()), " ".join(b.casefold().split())
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _base(key: str) -> str:
    return _RANK.sub("", key)


def _sole(key: str, counts: Counter[str]) -> bool:
    # A key without a rank names its item; a ranked one only when its date has one event.
    return _RANK.search(key) is None or counts[_base(key)] == 1


class _Matcher:
    def __init__(self, current: Sequence[Current], known: Sequence[Known]) -> None:
        self.current = current
        self.known = known
        self.guids: dict[int, str] = {}  # index into current → GUID
        self.taken: set[int] = set()  # indices into known
        self.now_counts = Counter(_base(c.key) for c in current)
        self.then_counts = Counter(_base(k.key) for k in known)

    def open_pairs(self) -> Iterable[tuple[int, Current, int, Known]]:
        for i, c in enumerate(self.current):
            if i in self.guids:
                continue
            for j, k in enumerate(self.known):
                if j not in self.taken and k.kind == c.kind:
                    yield i, c, j, k

    def pair(self, i: int, j: int) -> None:
        if i not in self.guids and j not in self.taken:
            self.guids[i] = self.known[j].guid
            self.taken.add(j)

    def run(self) -> None:
        self.exact(lambda c, k: c.key == k.key and c.text == k.text)
        self.exact(lambda c, k: bool(c.text) and c.text == k.text)
        self.exact(self.same_naming_key)
        self.close()

    def exact(self, same: Callable[[Current, Known], bool]) -> None:
        """Pair, in order, every open item with the first open entry it is the same as."""
        for i, c, j, k in list(self.open_pairs()):
            if same(c, k):
                self.pair(i, j)

    def same_naming_key(self, c: Current, k: Known) -> bool:
        return (c.key == k.key and _sole(c.key, self.now_counts)
                and _sole(k.key, self.then_counts))

    def close(self) -> None:
        """Pair events of one date by similar text, the most similar pairs first."""
        scored = sorted(((similarity(c.text, k.text), i, j)
                         for i, c, j, k in self.open_pairs() if c.date and c.date == k.date),
                        key=lambda t: (-t[0], t[1], t[2]))
        for score, i, j in scored:
            if score >= SIMILAR:
                self.pair(i, j)


def assign(current: Sequence[Current], known: Sequence[Known],
           reserved: Iterable[str] = ()) -> list[str]:
    """The GUID of each current item, in order. ``reserved`` GUIDs (any the last build
    used, in any note) are never given to a new item."""
    matcher = _Matcher(current, known)
    matcher.run()
    used = set(reserved) | {k.guid for k in known} | set(matcher.guids.values())
    out = []
    for i, c in enumerate(current):
        guid = matcher.guids.get(i)
        if guid is None:
            guid, n = naming.guid(c.key), 1
            while guid in used:
                n += 1
                guid = naming.guid(f"{c.key}~{n}")
            used.add(guid)
        out.append(guid)
    return out


def known_of(entries: Mapping[str, Entry], note_id: str) -> list[Known]:
    """The previous build's entries of one note (GUID → ledger entry), as ``Known``s."""
    return [Known(guid, e.key, e.kind, e.text, e.date)
            for guid, e in sorted(entries.items()) if e.note == note_id]
