"""A note's part of the project's lock, read from where its entries stand in the lock's bytes,
is the part the whole lock parsed gives (``Ledger.of_note``), whatever the entries hold."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studypress.renderers.deck import ledger as ledgers


def _lock(ledger: ledgers.Ledger) -> bytes:
    out = io.BytesIO()
    ledgers.write_lock(out, ledger, {g: ledgers.lock_entry(e) for g, e in ledger.items.items()})
    return out.getvalue()


def _entry(note: str, n: int, text: str = "", label: str = "") -> ledgers.Entry:
    return ledgers.Entry(f"{note}/event/{n}", "studypress Event", f"h{n}", 5 + n, 5, note,
                         label or f"Event {n}", text, "1933")


def _ledger(entries: dict[str, ledgers.Entry]) -> ledgers.Ledger:
    return ledgers.Ledger(entries, {"studypress Event": ledgers.TypeEntry(7, "t", 3)})


def _by_offsets(data: bytes) -> bool:
    """Whether the last lock was split by where its entries stand (not parsed whole)."""
    kept = ledgers._LAST_LOCK[0]
    return kept[0] == data and kept[1].entries is None


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b/c", 'q"uote', "back\\slash", "ünï", ""]),
                          _TEXT, _TEXT), max_size=12))
def test_each_notes_part_is_the_whole_locks_part(rows: list[tuple[str, str, str]]) -> None:
    entries = {f"g{i}!#": _entry(note, i, text, label)
               for i, (note, text, label) in enumerate(rows)}
    data = _lock(_ledger(entries))
    whole = ledgers.parse_lock(data)
    for note in {"a", "b/c", 'q"uote', "back\\slash", "ünï", "", "missing"}:
        assert ledgers.lock_part(data, note) == whole.of_note(note)
    if entries:
        assert _by_offsets(data)


def test_a_part_is_the_callers_own() -> None:
    data = _lock(_ledger({"g1": _entry("n", 1), "g2": _entry("m", 2)}))
    first = ledgers.lock_part(data, "n")
    first.items.clear()  # a deck build changes the ledger it was given
    first.notetypes.clear()
    again = ledgers.lock_part(bytes(data), "n")
    assert list(again.items) == ["g1"] and again.notetypes


def test_a_lock_laid_out_otherwise_is_read_whole() -> None:
    ledger = _ledger({"g1": _entry("n", 1), "g2": _entry("m", 2), "g3": _entry("n", 3)})
    raw = json.loads(_lock(ledger))
    for data in (json.dumps(raw, indent=4).encode(), json.dumps(raw).encode()):
        assert ledgers.lock_part(data, "n") == ledger.of_note("n")
        assert not _by_offsets(data)


def test_a_guid_written_twice_reads_as_the_whole_lock_does() -> None:
    data = _lock(_ledger({"g1": _entry("n", 1), "g2": _entry("m", 2)}))
    twice = data.replace(b'"g2": {', b'"g1": {')
    whole = ledgers.parse_lock(twice)
    assert ledgers.lock_part(twice, "n") == whole.of_note("n")
    assert ledgers.lock_part(twice, "m") == whole.of_note("m")


def test_a_lock_with_merge_conflict_markers_is_unreadable() -> None:
    data = _lock(_ledger({"g1": _entry("n", 1), "g2": _entry("m", 2)}))
    lines = data.split(b"\n")
    broken = b"\n".join(lines[:6] + [b"<<<<<<< HEAD"] + lines[6:])
    with pytest.raises(ledgers.LedgerError):
        ledgers.lock_part(broken, "n")


def test_another_locks_bytes_are_read_anew() -> None:
    first = _lock(_ledger({"g1": _entry("n", 1)}))
    second = _lock(_ledger({"g2": _entry("n", 2)}))
    assert list(ledgers.lock_part(first, "n").items) == ["g1"]
    assert list(ledgers.lock_part(second, "n").items) == ["g2"]
    assert ledgers.lock_part(None, "n") is None
