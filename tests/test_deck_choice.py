"""Which cards a deck makes: directions per kind of item (``[cards]`` in layouts/deck.toml),
and items opted out by a ``#nocard`` tag or the note's ``nocards`` front matter, as a real
Anki collection (the ``anki`` package) sees them after an import."""

from __future__ import annotations

from pathlib import Path

import pytest

anki_collection = pytest.importorskip("anki.collection")

from studypress.layouts import LayoutError, Layouts  # noqa: E402
from studypress.reader import read_note  # noqa: E402
from studypress.renderers.deck import DeckConfig  # noqa: E402
from studypress.renderers.deck.items import note_items  # noqa: E402

from .test_deck_anki import build_decks, import_apkg, visible  # noqa: E402

NOTE = """\
---
title: Choice Test
nocards: [bullitt, Boris Shvirsky]
---

## Timeline

- **1920s:** Extensive commercial links develop between the two countries.
- **November 16, 1933:** Roosevelt formally recognizes the Soviet Union. #nocard
- **December 1933:** William C. Bullitt becomes the first ambassador. ^bullitt
- **1934:** The first trade agreement is signed.

## Cast of Characters

- **Maxim Litvinov:** Soviet Commissar for Foreign Affairs who negotiated the agreement.
- **Boris Shvirsky:** Unofficial Soviet representative in Washington.

## Glossary

- **Narkomindel:** The People's Commissariat for Foreign Affairs.
"""

DECK_TOML = """\
[cards]
event = ["date-event"]
person = ["name-who", "clue-name"]
term = ["term-definition", "definition-term"]
question = ["prompt-answer"]
"""


@pytest.fixture(scope="module")
def collection(tmp_path_factory):
    base = tmp_path_factory.mktemp("choice")
    src, out, project = base / "source", base / "output", base / "project"
    (src / "folder" / ".obsidian").mkdir(parents=True)
    src = src / "folder"
    (project / "layouts").mkdir(parents=True)
    (project / "layouts" / "deck.toml").write_text(DECK_TOML, encoding="utf-8")
    (src / "choice.md").write_text(NOTE, encoding="utf-8")
    build_decks(src, out, project)
    col = anki_collection.Collection(str(base / "collection.anki2"))
    try:
        import_apkg(col, out / "choice" / "deck.apkg")
        yield col
    finally:
        col.close()


def _cards(col) -> dict[str, list[str]]:
    """Each note's own words → the names of the cards Anki made for it."""
    out = {}
    for nid in col.find_notes(""):
        note = col.get_note(nid)
        words = visible(note.fields[2] if note.note_type()["name"] == "studypress Event"
                        else note.fields[1])
        out[words.strip()] = sorted(c.template()["name"] for c in note.cards())
    return out


def test_a_direction_left_out_makes_no_cards(collection) -> None:
    cards = _cards(collection)
    events = {k: v for k, v in cards.items() if "links" in k or "trade" in k}
    assert len(events) == 2
    assert all(v == ["Date → Event"] for v in events.values()), events
    assert cards["Narkomindel"] == ["Definition → Term", "Term → Definition"]


def test_items_opted_out_make_no_note(collection) -> None:
    text = " ".join(_cards(collection))
    assert "Roosevelt" not in text  # #nocard on its line
    assert "Bullitt" not in text  # its block id in nocards
    assert "Boris Shvirsky" not in text  # named in nocards
    assert "Maxim Litvinov" in text


def test_the_nocard_tag_is_no_card_tag(collection) -> None:
    tags = {t for nid in collection.find_notes("") for t in collection.get_note(nid).tags}
    assert "nocard" not in {t.lower() for t in tags}
    assert tags  # the kind tags are there


def test_every_card_links_back_to_its_note(collection) -> None:
    notes = [collection.get_note(nid) for nid in collection.find_notes("")]
    assert notes
    line = NOTE.splitlines().index(next(x for x in NOTE.splitlines() if "Litvinov" in x)) + 1
    for note in notes:
        answer = note.cards()[0].answer()
        assert 'href="obsidian://open?vault=folder&amp;file=choice.md"' in answer
        # the link a student sees is the note's title, not a file path
        assert '<a class="note-title" href="obsidian://open?' in answer
    litvinov = next(n for n in notes if n["Key"].endswith("/person/maxim-litvinov"))
    assert f"choice.md:{line}" in visible(litvinov.cards()[0].answer())


def test_every_direction_by_default(tmp_path: Path) -> None:
    path = tmp_path / "choice.md"
    path.write_text(NOTE.replace("nocards: [bullitt, Boris Shvirsky]\n", ""), "utf-8")
    note = read_note(path)
    config = DeckConfig.load(Layouts(tmp_path / "layouts"))
    assert config.settings.cards("event") == ("date-event", "event-date")
    items, _ = note_items(note, config.settings)
    events = [i.field("Event") for i in items if i.spec.kind == "event"]
    assert len(events) == 3
    assert any("Bullitt" in e for e in events)
    assert not any("Roosevelt" in e for e in events)


def test_a_direction_of_another_kind_is_a_located_error(tmp_path: Path) -> None:
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "deck.toml").write_text(
        '[cards]\nevent = ["name-who"]\n', encoding="utf-8")
    with pytest.raises(LayoutError) as err:
        DeckConfig.load(Layouts(tmp_path / "layouts"))
    assert "cards.event" in str(err.value) and "date-event" in str(err.value)
