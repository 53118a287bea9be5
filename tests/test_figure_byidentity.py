"""The figure's memory of values for particular objects (``figure.byidentity``)."""

from __future__ import annotations

import gc

from studypress.figure.byidentity import ByIdentity
from studypress.figure.items import items
from studypress.model import Day, Event, HistoricalDate, Precision, Text


class Thing:
    """An object compared by value, as the model's frozen data are."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Thing) and other.value == self.value

    def __hash__(self) -> int:
        return hash(self.value)


def test_the_same_objects_are_made_for_once() -> None:
    made: list[str] = []
    memo: ByIdentity[str] = ByIdentity()
    a, b = Thing(1), Thing(2)

    def make() -> str:
        made.append("x")
        return f"value {len(made)}"

    assert memo.get((a, b), make) == "value 1"
    assert memo.get((a, b), make) == "value 1"
    assert made == ["x"]


def test_equal_but_other_objects_are_made_for_afresh() -> None:
    memo: ByIdentity[int] = ByIdentity()
    first, twin = Thing(1), Thing(1)
    assert first == twin
    assert memo.get((first,), lambda: 1) == 1
    assert memo.get((twin,), lambda: 2) == 2
    assert memo.get((first,), lambda: 3) == 1


def test_the_extra_key_tells_entries_apart() -> None:
    memo: ByIdentity[str] = ByIdentity()
    a = Thing(1)
    assert memo.get((a,), lambda: "iso", "iso") == "iso"
    assert memo.get((a,), lambda: "long", "long") == "long"
    assert memo.get((a,), lambda: "again", "iso") == "iso"


def test_an_entry_keeps_its_objects_so_their_ids_are_not_reused() -> None:
    memo: ByIdentity[int] = ByIdentity()
    a = Thing(1)
    memo.get((a,), lambda: 1)
    kept = id(a)
    del a
    gc.collect()
    # the object lives on in the entry: no new object can take its id
    fresh = [Thing(n) for n in range(1000)]
    assert all(id(t) != kept for t in fresh)
    assert all(memo.get((t,), lambda: 2) == 2 for t in fresh[:5])


def test_a_reused_id_does_not_find_the_old_entry() -> None:
    memo: ByIdentity[int] = ByIdentity()
    a, b = Thing(1), Thing(2)
    memo.put((a,), 1)
    # an entry filed under b's id but made for another object, as if a's id came back to b
    memo._entries[(id(b), None)] = ((a,), 1)
    assert memo.get((b,), lambda: 2) == 2
    assert memo.get((b,), lambda: 3) == 2


def test_the_oldest_entry_goes_first_when_full() -> None:
    memo: ByIdentity[int] = ByIdentity(limit=2)
    a, b, c = Thing(1), Thing(2), Thing(3)
    memo.get((a,), lambda: 1)
    memo.get((b,), lambda: 2)
    memo.get((c,), lambda: 3)
    assert len(memo) == 2
    assert memo.get((a,), lambda: 10) == 10  # forgotten: made again
    assert memo.get((c,), lambda: 30) == 3


def test_without_a_limit_nothing_is_forgotten_until_cleared() -> None:
    memo: ByIdentity[int] = ByIdentity(limit=None)
    things = [Thing(n) for n in range(100)]
    for n, t in enumerate(things):
        memo.get((t,), lambda n=n: n)
    assert len(memo) == 100
    assert memo.get((things[0],), lambda: -1) == 0
    memo.clear()
    assert len(memo) == 0
    assert memo.get((things[0],), lambda: -1) == -1


def _events() -> tuple[Event, ...]:
    day = Day(1815, 6, 18)
    date = HistoricalDate("18 June 1815", day, day, Precision.DAY, "18 June 1815",
                          "18 June 1815")
    return (Event(date, (Text("Waterloo"),), 1),)


def test_items_of_one_tuple_are_made_once_and_of_a_list_afresh() -> None:
    events = _events()
    first, again = items(events, "iso"), items(events, "iso")
    assert first == again
    assert first[0] is again[0]  # the very items, not made again
    assert items(events, "long")[0].date_text != first[0].date_text
    listed = items(list(events), "iso")
    assert listed == first and listed[0] is not first[0]
