"""The combined deck is written note by note: each note is taken once and let go, the cards
two notes share a front with still name their notes, and the lock written from each entry's
text is the lock of the whole ledger."""

from __future__ import annotations

import contextlib
import gc
import io
import sqlite3
import weakref
import zipfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from studypress.build import BuildConfig, build
from studypress.layouts import Layouts
from studypress.model import Day, Event, HistoricalDate, Note, Precision, text
from studypress.renderers.base import Notes, RenderContext, RenderOptions
from studypress.renderers.deck import combined
from studypress.renderers.deck import ledger as ledgers

from .projects import project_of


def _notes_rows(apkg: bytes, tmp: Path) -> list[tuple[str, str, str]]:
    """(guid, fields, sort field) of every note in a package."""
    with zipfile.ZipFile(io.BytesIO(apkg)) as z:
        (tmp / "c.anki2").write_bytes(z.read("collection.anki2"))
    with contextlib.closing(sqlite3.connect(tmp / "c.anki2")) as db:
        return [(g, f, str(s)) for g, f, s in db.execute("select guid, flds, sfld from notes")]


def _note(name: str, title: str, event: str, year: int = 1950) -> str:
    return (f"# {title}\n\n## Timeline\n\n- **{year}:** {event}\n"
            f"- **{len(name) + 1900}:** {name} alone\n")


def test_cards_two_notes_share_name_their_notes_in_the_combined_deck_alone(
        tmp_path, monkeypatch) -> None:
    src = project_of(tmp_path, monkeypatch, {
        "a.md": _note("a", "Korea", "War breaks out."),
        "bb.md": _note("bb", "China", "Treaty signed."),
        "ccc.md": _note("ccc", "Other", "Nothing shared.", 1951)})
    build(BuildConfig(paths=[src], output=tmp_path / "out", renderers=["deck"],
                      project_dir=tmp_path))
    together = {g: (f, s) for g, f, s in
                _notes_rows((tmp_path / "out" / "study-notes.apkg").read_bytes(), tmp_path)}
    own = {}
    for name in ("a", "bb", "ccc"):
        own.update({g: (f, s) for g, f, s in _notes_rows(
            (tmp_path / "out" / name / "deck.apkg").read_bytes(), tmp_path)})
    assert together.keys() == own.keys()
    changed = {g for g in own if together[g] != own[g]}
    korea = ' <span class="note-name">(Korea)</span>'
    china = ' <span class="note-name">(China)</span>'
    assert len(changed) == 2
    for guid in changed:
        fields, wanted = own[guid][0].split("\x1f"), together[guid][0].split("\x1f")
        added = [w[len(f):] for f, w in zip(fields, wanted, strict=True) if f != w]
        assert added in ([korea], [china])
        assert all(w.startswith(f) for f, w in zip(fields, wanted, strict=True))
    assert {korea in together[g][0] for g in changed} == {True, False}
    assert not any("note-name" in f for f, _ in own.values())


Y1950 = HistoricalDate("1950", Day(1950, 1, 1), Day(1950, 12, 31), Precision.YEAR, "1950",
                       "1950")


def test_each_note_is_taken_once_and_let_go_before_the_next(tmp_path) -> None:
    """A large vault's notes do not fit in memory at once: none is held past its turn."""
    made = [Note(id=f"n{i:02}", title=f"Note {i}", source=f"n{i}.md",
                 events=(Event(Y1950, text(f"Event {i}."), 3),)) for i in range(12)]
    loaded: list[weakref.ref[Note]] = []
    held_at_load: list[int] = []

    def load(i: int) -> Note:
        gc.collect()
        held_at_load.append(sum(r() is not None for r in loaded))
        # A copy: the test's own list must not keep it alive.
        note = Note(id=made[i].id, title=made[i].title, source=made[i].source,
                    events=made[i].events)
        loaded.append(weakref.ref(note))
        return note

    order = list(reversed(range(12)))  # not in the order of their ids
    notes = Notes([made[i].id for i in order], lambda k: load(order[k]))
    ctx = RenderContext(RenderOptions(), Layouts(tmp_path / "layouts"), 1700000000)
    result = combined.render(notes, ctx)
    assert len(loaded) == 12 and held_at_load == [0] * 12
    rows = _notes_rows(result.files[0].data, tmp_path)
    assert len(rows) == 12


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)


def _lock(types: dict[str, ledgers.TypeEntry], texts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    ledgers.write_lock(out, ledgers.Ledger(notetypes=types), texts)
    return out.getvalue()


@given(st.dictionaries(st.text(min_size=1, max_size=8), st.tuples(
    _TEXT, _TEXT, st.integers(0, 2**40), st.integers(0, 2**40), _TEXT, _TEXT), max_size=6))
def test_the_lock_from_entry_texts_is_the_lock_of_the_whole_ledger(found) -> None:
    items = {g: ledgers.Entry(key, "studypress Event", "ab" * 32, mod, added, "n", label,
                              words, "1950")
             for g, (key, label, mod, added, words, _) in found.items()}
    types = {"studypress Event": ledgers.TypeEntry(7, "cd" * 32, 1700000000)}
    # Written as the combined deck writes it: from each entry's text, in any order.
    whole = _lock(types, {g: ledgers.lock_entry(e) for g, e in reversed(list(items.items()))})
    # Held to the text of the ledger's own data, as every other ledger is written.
    assert whole == ledgers._dump({"studypress-lock": ledgers.LOCK_FORMAT,
                                   "deck": ledgers.Ledger(items, types).to_data()})
    parsed = ledgers.parse_lock(whole)
    assert parsed.items == items and parsed.notetypes == types


def test_a_lock_too_large_to_write_at_once_is_written_in_pieces(monkeypatch) -> None:
    items = {f"g{i:03}": ledgers.Entry(f"n/event/19{i:02}#1", "studypress Event", "ab" * 32,
                                       1700000000 + i, 1700000000, "n", f"Event {i}")
             for i in range(40)}
    texts = {g: ledgers.lock_entry(e) for g, e in items.items()}
    whole = _lock({}, texts)
    monkeypatch.setattr(ledgers, "_PIECES", 12)
    written: list[bytes] = []

    class Out(io.BytesIO):
        def write(self, data) -> int:
            written.append(bytes(data))
            return super().write(data)

    out = Out()
    ledgers.write_lock(out, ledgers.Ledger(), texts)
    assert out.getvalue() == whole and len(written) > 5
    assert ledgers.parse_lock(whole).items == items


def test_an_edit_loads_no_note_for_the_combined_deck(tmp_path, monkeypatch
                                                     ) -> None:
    """What the last build took from an unchanged note serves without loading the note, and
    the edited note's part is made along with its own deck: the combined deck loads none."""
    from studypress.build import records

    src = project_of(tmp_path, monkeypatch, {
        f"{name}.md": _note(name, name.upper(), f"{name} happens.") for name in ("a", "bb", "ccc")})

    def run() -> None:
        build(BuildConfig(paths=[src], output=tmp_path / "out", renderers=["deck"],
                          project_dir=tmp_path))

    run()
    fetched: list[str] = []
    real = records.SourceNote.fetch

    def counting(self):
        fetched.append(self.id)
        return real(self)

    monkeypatch.setattr(records.SourceNote, "fetch", counting)
    (src / "bb.md").write_text(_note("bb", "BB", "bb happens again."), encoding="utf-8")
    run()
    assert fetched == []
    rows = _notes_rows((tmp_path / "out" / "study-notes.apkg").read_bytes(), tmp_path)
    assert any("bb happens again." in f for _, f, _ in rows)
    assert any("a happens." in f for _, f, _ in rows)
