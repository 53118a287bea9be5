"""A note whose file stat says is as the last build read it, and that had been left alone for a
while then, is not read again: the memo's note serves. Any change stat can see (size, times,
inode) has the file read again, and the limits are still checked."""

from __future__ import annotations

import os
import time

import pytest

from studypress import assets
from studypress.build import memo as memos
from studypress.build import read
from studypress.build.limits import Limits
from studypress.build.memo import MEMO_NAME, Memo
from studypress.build.records import SourceFile

LATER = 10 * memos._SETTLED  # a build this long after the files were written
_NOW = time.time_ns


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """The notes whose bytes were read; every build runs as if long after the files' last
    change."""
    got: list[str] = []
    real = read._bytes

    def counted(f, limits):
        got.append(f.path.name)
        return real(f, limits)

    monkeypatch.setattr(read, "_bytes", counted)
    monkeypatch.setattr(read.time, "time_ns", lambda: _NOW() + LATER)
    return got


EVENTS = "## Timeline\n\n- **1950:** War.\n- **1953:** Truce.\n"


def _note(tmp_path, name: str = "war.md", text: str = EVENTS):
    path = tmp_path / "notes" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"# War\n\n{text}", encoding="utf-8")
    return SourceFile(path, f"notes/{name}", tmp_path / "notes")


def _build(tmp_path, f: SourceFile, limits: Limits | None = None):
    """One build's reading of ``f``: the memo loaded, the note read, the memo saved."""
    assets.forget()  # as each build does: the vault's listing as it is now
    memo = Memo.load(tmp_path)
    source = read.read_file(f, limits, memo)
    note = source.note
    memo.release()
    memo.save()
    return source, note, memo


def test_an_unchanged_settled_note_is_not_read_again(tmp_path, opened):
    f = _note(tmp_path)
    first, note, _ = _build(tmp_path, f)
    second, again, memo = _build(tmp_path, f)
    assert opened == ["war.md"]
    assert memo.parsed == 0
    assert second.digest == first.digest and again == note
    assert [e.date.text for e in again.events] == ["1950", "1953"]
    # Nothing new: the memo is not written again.
    before = (tmp_path / MEMO_NAME).stat().st_mtime_ns
    _build(tmp_path, f)
    assert (tmp_path / MEMO_NAME).stat().st_mtime_ns == before
    assert opened == ["war.md"]


def test_a_same_size_edit_with_its_time_put_back_is_read(tmp_path, opened):
    f = _note(tmp_path)
    _build(tmp_path, f)
    st = os.stat(f.path)
    f.path.write_text("# War\n\n" + EVENTS.replace("1950", "1951"), encoding="utf-8")
    os.utime(f.path, ns=(st.st_atime_ns, st.st_mtime_ns))  # the ctime still moves on
    assert os.stat(f.path).st_size == st.st_size
    _, note, memo = _build(tmp_path, f)
    assert opened == ["war.md", "war.md"]
    assert memo.parsed == 1
    assert note.events[0].date.text == "1951"


def test_a_note_read_just_after_its_change_is_read_again(tmp_path, opened, monkeypatch):
    f = _note(tmp_path)
    monkeypatch.setattr(read.time, "time_ns", _NOW)  # just written
    _build(tmp_path, f)
    _build(tmp_path, f)
    assert opened == ["war.md", "war.md"]
    # Read once it had been left alone: from then on it is not read again, nor parsed.
    monkeypatch.setattr(read.time, "time_ns", lambda: _NOW() + LATER)
    _, _, memo = _build(tmp_path, f)
    assert memo.parsed == 0
    _build(tmp_path, f)
    assert opened == ["war.md"] * 3


def test_a_touched_note_is_read_once_then_known_by_its_new_times(tmp_path, opened):
    f = _note(tmp_path)
    _build(tmp_path, f)
    st = os.stat(f.path)
    os.utime(f.path, ns=(st.st_atime_ns, st.st_mtime_ns - 5 * memos._SETTLED))
    _, _, memo = _build(tmp_path, f)
    assert memo.parsed == 0  # the same bytes: not parsed
    _build(tmp_path, f)
    assert opened == ["war.md", "war.md"]


@pytest.mark.parametrize("limits", [Limits(note_bytes=10), Limits(line_chars=80),
                                    Limits(items=1)])
def test_a_lowered_limit_is_still_reported(tmp_path, opened, limits):
    f = _note(tmp_path, text=EVENTS + "x" * 90 + "\n")
    _build(tmp_path, f)
    with pytest.raises(read.TooLarge) as raised:
        _build(tmp_path, f, limits)
    assert raised.value.diagnostic.file == "notes/war.md"
    assert raised.value.diagnostic.code == "too-large"


def test_a_kept_note_that_does_not_unpack_is_read_again(tmp_path, opened):
    f = _note(tmp_path)
    _build(tmp_path, f)
    memo = Memo.load(tmp_path)
    key = f.resolved()
    memo.kept[key] = memos.dataclasses.replace(memo.kept[key], packed=b"not a note")
    source = read.read_file(f, None, memo)
    assert opened == ["war.md"]  # the brief is the memo's
    assert source.note.events[0].date.text == "1950"
    assert opened == ["war.md", "war.md"]


def test_an_embed_that_appears_has_the_note_read_again(tmp_path, opened):
    f = _note(tmp_path, text="![[map.png]]\n\n" + EVENTS)
    first, _, _ = _build(tmp_path, f)
    assert first.found == {"map.png": False}
    (tmp_path / "notes" / "map.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    second, _, memo = _build(tmp_path, f)
    assert memo.parsed == 1 and second.found == {"map.png": True}
    assert opened == ["war.md", "war.md"]


def test_a_note_renamed_in_place_is_read_under_its_new_name(tmp_path, opened):
    f = _note(tmp_path)
    _build(tmp_path, f)
    moved = f.path.with_name("peace.md")
    os.replace(f.path, moved)
    source, _, memo = _build(tmp_path, SourceFile(moved, "notes/peace.md", f.root))
    assert memo.parsed == 1 and source.brief.source == "notes/peace.md"
