"""Values remembered for particular objects, known by identity rather than by equality.

Every layout of one figure (each candidate page of a long one, each candidate axis) starts
from the very same events, people and style: hashing them again each time would cost more than
what is remembered saves. An entry is found by the objects' ``id`` and kept only while they
are: each entry holds the objects themselves, so none of them can be freed and its ``id``
given to another object while the entry stands, and a lookup checks them with ``is``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class ByIdentity(Generic[V]):
    """``make()``'s value for some objects (and a hashable ``extra``), made once while it is
    remembered; at most ``limit`` entries (None: no bound), the oldest forgotten first."""

    def __init__(self, limit: int | None = 32) -> None:
        self.limit = limit
        self._entries: dict[tuple[Hashable, ...], tuple[tuple[object, ...], V]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, objects: tuple[object, ...], make: Callable[[], V],
            extra: Hashable = None) -> V:
        """The value remembered for these very ``objects`` and ``extra``, else ``make()``'s,
        remembered."""
        key = (*map(id, objects), extra)
        entry = self._entries.get(key)
        if entry is not None and all(a is b for a, b in zip(entry[0], objects, strict=True)):
            return entry[1]
        value = make()
        self.put(objects, value, extra)
        return value

    def put(self, objects: tuple[object, ...], value: V, extra: Hashable = None) -> None:
        """Remember ``value`` for these ``objects`` and ``extra``."""
        key = (*map(id, objects), extra)
        self._entries.pop(key, None)  # an entry for freed objects whose ids came back
        if self.limit is not None and len(self._entries) >= self.limit:
            self._entries.pop(next(iter(self._entries)))
        self._entries[key] = (tuple(objects), value)

    def clear(self) -> None:
        """Forget everything."""
        self._entries.clear()
