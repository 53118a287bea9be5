"""Indented JSON text the same as json.dumps gives (jsontext.py)."""

from __future__ import annotations

import enum
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from studypress import jsontext

_LEAF = (st.none() | st.booleans() | st.integers() | st.text()
         | st.floats(allow_nan=True, allow_infinity=True))
_VALUE = st.recursive(_LEAF, lambda inner: st.lists(inner, max_size=4)
                      | st.tuples(inner, inner)
                      | st.dictionaries(st.text(max_size=6), inner, max_size=4), max_leaves=30)


@settings(max_examples=400, deadline=None)
@given(_VALUE, st.sampled_from([1, 2]), st.booleans(), st.booleans())
def test_the_same_text_as_json_dumps(value, indent, sort_keys, ensure_ascii) -> None:
    assert jsontext.dumps(value, indent, sort_keys, ensure_ascii) == json.dumps(
        value, indent=indent, sort_keys=sort_keys, ensure_ascii=ensure_ascii)


class Colour(enum.IntEnum):
    RED = 1


def test_values_it_does_not_know_are_left_to_json() -> None:
    for value in ({"a": Colour.RED}, {1: "one", 2: [None]}, [1.5, {"x": Colour.RED}]):
        assert jsontext.dumps(value, 1, True, False) == json.dumps(
            value, indent=1, sort_keys=True, ensure_ascii=False)


def test_a_ledger_shaped_table() -> None:
    data = {"format": 1, "items": {"g\u00e9": {"key": "n/event/1933#1", "mod": 5, "text": "“A”"}},
            "notetypes": {}}
    assert jsontext.dumps(data, 1, True, False) == json.dumps(
        data, indent=1, sort_keys=True, ensure_ascii=False)
