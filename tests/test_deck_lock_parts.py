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


def _counting_whole_reads(monkeypatch) -> list[int]:
    reads: list[int] = []
    real = ledgers._read_all

    def read_all(fd: int, size: int) -> bytes:
        reads.append(size)
        return real(fd, size)

    monkeypatch.setattr(ledgers, "_read_all", read_all)
    ledgers._LOCK_AT.clear()
    return reads


def test_a_lock_file_is_read_whole_once_and_each_notes_part_where_it_stands(
        tmp_path, monkeypatch) -> None:
    entries = {f"g{i}": _entry(note, i) for i, note in enumerate("nmnqmn")}
    data = _lock(_ledger(entries))
    path = tmp_path / "studypress.lock"
    path.write_bytes(data)
    reads = _counting_whole_reads(monkeypatch)
    whole = ledgers.parse_lock(data)
    for note in ("n", "m", "q", "missing", "n"):
        assert ledgers.lock_part_at(str(path), note) == whole.of_note(note)
    assert reads == [len(data)]
    assert ledgers._LOCK_AT[0][1].data == b""  # the index keeps none of the lock's bytes
    mine = ledgers.lock_part_at(str(path), "n")
    mine.items.clear()
    assert ledgers.lock_part_at(str(path), "n") == whole.of_note("n")  # each its own


def test_a_lock_file_replaced_or_rewritten_in_place_is_read_as_it_is_now(
        tmp_path, monkeypatch) -> None:
    import os

    path = tmp_path / "studypress.lock"
    path.write_bytes(_lock(_ledger({"g1": _entry("n", 1), "g2": _entry("m", 2)})))
    reads = _counting_whole_reads(monkeypatch)
    assert list(ledgers.lock_part_at(str(path), "n").items) == ["g1"]
    swapped = _lock(_ledger({"g1": _entry("m", 1), "g2": _entry("n", 2)}))  # same size
    stat = path.stat()
    with open(path, "r+b") as fh:  # same file, same size, same time: only the bytes differ
        fh.write(swapped)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert list(ledgers.lock_part_at(str(path), "n").items) == ["g2"]
    other = tmp_path / "new.lock"
    other.write_bytes(_lock(_ledger({"g3": _entry("n", 3)})))
    other.replace(path)
    assert list(ledgers.lock_part_at(str(path), "n").items) == ["g3"]
    assert len(reads) == 3
    assert ledgers.lock_part_at(str(tmp_path / "none.lock"), "n") is None


def test_an_unreadable_lock_file_is_read_once_and_unreadable_for_every_note(
        tmp_path, monkeypatch) -> None:
    data = _lock(_ledger({"g1": _entry("n", 1), "g2": _entry("m", 2)}))
    lines = data.split(b"\n")
    path = tmp_path / "studypress.lock"
    path.write_bytes(b"\n".join(lines[:6] + [b"<<<<<<< HEAD"] + lines[6:]))
    reads = _counting_whole_reads(monkeypatch)
    for note in ("n", "m"):
        with pytest.raises(ledgers.LedgerError):
            ledgers.lock_part_at(str(path), note)
    assert len(reads) == 1


def test_a_lock_file_laid_out_otherwise_gives_the_whole_locks_parts(tmp_path) -> None:
    ledger = _ledger({"g1": _entry("n", 1), "g2": _entry("m", 2), "g3": _entry("n", 3)})
    path = tmp_path / "studypress.lock"
    path.write_bytes(json.dumps(json.loads(_lock(ledger))).encode())
    ledgers._LOCK_AT.clear()
    assert ledgers.lock_part_at(str(path), "n") == ledger.of_note("n")
    assert ledgers.lock_part_at(str(path), "m") == ledger.of_note("m")


@pytest.mark.parametrize("broken", [False, True])
def test_a_notes_deck_reads_the_same_part_from_the_lock_file_as_from_its_bytes(
        tmp_path, broken) -> None:
    from studypress.layouts import Layouts
    from studypress.renderers.base import RenderContext, RenderOptions
    from studypress.renderers.deck import stamping

    data = _lock(_ledger({"g1": _entry("n", 1), "g2": _entry("m", 2)}))
    if broken:
        data = data.replace(b'"g2": {', b'"g2": {{')
    path = tmp_path / ledgers.LOCK_FILE
    path.write_bytes(data)
    ledgers._LOCK_AT.clear()
    by_bytes = RenderContext(RenderOptions(), Layouts(None), 0,
                             project_file=lambda rel: data if rel == ledgers.LOCK_FILE else None)
    by_path = RenderContext(RenderOptions(), Layouts(None), 0,
                            project_file=lambda rel: pytest.fail("read whole"),
                            project_path=lambda rel: str(tmp_path / rel))
    said: dict[str, list] = {"bytes": [], "path": []}
    got = {how: stamping.read_lock(ctx, "n.md", said[how], "n")
           for how, ctx in (("bytes", by_bytes), ("path", by_path))}
    assert got["bytes"] == got["path"]
    assert (got["path"] is None) == broken
    assert said["bytes"] == said["path"] and len(said["path"]) == int(broken)
