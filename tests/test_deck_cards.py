"""Cards worth studying: footnotes travel with their card, and no two fronts ask alike."""

from __future__ import annotations

import contextlib
import io
import sqlite3
import zipfile
from dataclasses import replace
from pathlib import Path

from studypress.layouts import Layouts
from studypress.model import (
    Day,
    Event,
    Footnote,
    FootnoteRef,
    HistoricalDate,
    Note,
    Person,
    Precision,
    Text,
    text,
)
from studypress.renderers.base import RenderContext, RenderOptions
from studypress.renderers.deck import combined
from studypress.renderers.deck.items import Settings, note_items

Y1950 = HistoricalDate("1950", Day(1950, 1, 1), Day(1950, 12, 31), Precision.YEAR, "1950",
                       "1950")


def items_of(note: Note):
    return note_items(note, Settings())


def by_key(items, key: str):
    (found,) = [i for i in items if i.key == key]
    return found


def test_a_footnote_travels_with_the_card_that_refers_to_it() -> None:
    note = Note(id="n", title="T", source="n.md",
                events=(Event(Y1950, (Text("War breaks out."), FootnoteRef("1")), 3),
                        Event(Y1950, text("Unrelated."), 4)),
                footnotes=(Footnote("1", text("Per the 1951 report."), 9),))
    items, _ = items_of(note)
    war = by_key(items, "n/event/1950#1")
    assert "Per the 1951 report." in war.field("Source")
    assert '<sup class="fn">1</sup>' in war.field("Event")
    assert "report" not in by_key(items, "n/event/1950#2").field("Source")
    edited = replace(note, footnotes=(Footnote("1", text("Per the 1952 report."), 9),))
    again = by_key(items_of(edited)[0], "n/event/1950#1")
    assert again.content_hash() != war.content_hash()  # a footnote edit is an edit


def test_people_described_alike_are_told_apart_by_role() -> None:
    same = text("Co-proposed the double helix.")
    note = Note(id="n", title="T", source="n.md",
                people=(Person("James Watson", 3, role="Biologist", description=same),
                        Person("Francis Crick", 4, role="Physicist", description=same)))
    items, diagnostics = items_of(note)
    clues = [i.field("Clue") for i in items]
    assert clues[0] != clues[1]
    assert "Biologist" in clues[0] and "Physicist" in clues[1]
    assert [d for d in diagnostics if d.code == "deck-same-front"] == []


def test_fronts_still_alike_are_reported_at_the_later_item() -> None:
    same = text("Co-proposed the double helix.")
    note = Note(id="n", title="T", source="n.md",
                people=(Person("James Watson", 3, description=same),
                        Person("Francis Crick", 4, description=same)))
    _, diagnostics = items_of(note)
    (warning,) = [d for d in diagnostics if d.code == "deck-same-front"]
    assert warning.line == 4 and "Person James Watson (line 3)" in warning.message


def _hints(apkg: bytes, tmp: Path) -> dict[str, list[str]]:
    """Each note's fields in a package, by GUID."""
    with zipfile.ZipFile(io.BytesIO(apkg)) as z:
        (tmp / "c.anki2").write_bytes(z.read("collection.anki2"))
    with contextlib.closing(sqlite3.connect(tmp / "c.anki2")) as db:
        return {g: f.split("\x1f") for g, f in db.execute("select guid, flds from notes")}


def test_the_combined_deck_names_the_note_where_two_notes_share_a_front(tmp_path) -> None:
    first = Note(id="a", title="Korea", source="a.md",
                 events=(Event(Y1950, text("War breaks out."), 3),))
    second = Note(id="b", title="China", source="b.md",
                  events=(Event(Y1950, text("Treaty signed."), 3),))
    alone = Note(id="c", title="Other", source="c.md",
                 events=(Event(HistoricalDate("1951", Day(1951, 1, 1), Day(1951, 12, 31),
                                              Precision.YEAR, "1951", "1951"),
                               text("Nothing shared."), 3),))
    ctx = RenderContext(RenderOptions(), Layouts(tmp_path / "layouts"), 1700000000)
    together = _hints(combined.render([first, second, alone], ctx).files[0].data, tmp_path)

    def hint(note: Note) -> tuple[str, str]:
        (item,) = items_of(note)[0]
        where = item.spec.fields.index("Hint")
        return item.values[where], together[item.guid][where]

    (korea_own, korea), (china_own, china), (other_own, other) = map(hint, (first, second,
                                                                             alone))
    assert "Korea" in korea and "China" not in korea
    assert "China" in china and "Korea" not in china
    assert other == ""
    # The note's own deck asks plainly; only the combined deck needs the name.
    assert korea_own == china_own == other_own == ""
