"""A made sequence makes an item each time it is taken, and is a sequence like a list."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studypress.lazy import Made


@given(st.integers(0, 30), st.integers(-40, 40), st.integers(-40, 40) | st.none(),
       st.integers(-3, 3).filter(bool) | st.none())
def test_a_made_sequence_answers_as_the_list_of_its_items(count, start, stop, step):
    items = [f"item {i}" for i in range(count)]
    made = Made(count, lambda i: f"item {i}")
    assert len(made) == count and list(made) == items
    assert made[start:stop:step] == items[start:stop:step]
    if -count <= start < count:
        assert made[start] == items[start]
    else:
        with pytest.raises(IndexError):
            made[start]


def test_each_taking_makes_the_item_again():
    taken: list[int] = []
    made = Made(3, lambda i: taken.append(i) or i)
    assert [made[1], made[1], made[-1]] == [1, 1, 2]
    assert taken == [1, 1, 2]
