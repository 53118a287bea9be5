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
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
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


_Item = Current | Known


class _Matcher:
    def __init__(self, current: Sequence[Current], known: Sequence[Known]) -> None:
        self.current = current
        self.known = known
        self.guids: dict[int, str] = {}  # index into current → GUID
        self.taken: set[int] = set()  # indices into known
        self.now_counts = Counter(_base(c.key) for c in current)
        self.then_counts = Counter(_base(k.key) for k in known)

    def pair(self, i: int, j: int) -> None:
        if i not in self.guids and j not in self.taken:
            self.guids[i] = self.known[j].guid
            self.taken.add(j)

    def run(self) -> None:
        self.exact(lambda x: (x.key, x.text))
        self.exact(lambda x: x.text or None)
        self.exact(self.naming_key)
        self.close()

    def open_known(self, sign: Callable[[_Item], Hashable]) -> dict[Hashable, list[int]]:
        """The open entries by note type and ``sign``, each list in the entries' order."""
        out: dict[Hashable, list[int]] = {}
        for j, k in enumerate(self.known):
            mark = sign(k)
            if j not in self.taken and mark is not None:
                out.setdefault((k.kind, mark), []).append(j)
        return out

    def exact(self, sign: Callable[[_Item], Hashable]) -> None:
        """Pair, in order, every open item with the first open entry of its note type that
        has the same ``sign`` (None: the item matches nothing in this pass)."""
        # Entries grouped by what they must equal: one look-up per item, not one per pair.
        open_known = self.open_known(sign)
        for i, c in enumerate(self.current):
            mark = sign(c)
            if i in self.guids or mark is None:
                continue
            ahead = open_known.get((c.kind, mark))
            if ahead:
                self.pair(i, ahead.pop(0))

    def naming_key(self, x: _Item) -> str | None:
        """The key, where it names the item alone both now and in the last build."""
        sole = _sole(x.key, self.now_counts) and _sole(x.key, self.then_counts)
        return x.key if sole else None

    def close(self) -> None:
        """Pair events of one date by similar text, the most similar pairs first."""
        open_known = self.open_known(lambda x: x.date or None)
        scored = sorted(((similarity(c.text, self.known[j].text), i, j)
                         for i, c in enumerate(self.current)
                         if i not in self.guids and c.date
                         for j in open_known.get((c.kind, c.date), ())),
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
