"""A card follows its item through edits, in a real Anki collection (the ``anki`` package).

One note is built and imported, some cards are reviewed and one is edited by hand; then the
note is edited the way notes are: two same-date events swap places, one event is redated, one
is reworded, the quiz is renumbered, a person is renamed and a term is deleted. After the
rebuild and re-import every card still shows its own item and keeps its history.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

anki_collection = pytest.importorskip("anki.collection")

from studypress.build import BuildReport  # noqa: E402
from studypress.renderers.deck import ledger as ledgers  # noqa: E402

from .test_deck_anki import EPOCH, build_decks, import_apkg, visible  # noqa: E402

NOTE = """\
---
title: Identity Test
---

## Timeline

- **1920s:** Extensive commercial links develop between the two countries.
- **1920s:** Successive presidents maintain the policy of non-recognition.
- **November 16, 1933:** Roosevelt formally recognizes the Soviet Union.
- **December 1933:** William C. Bullitt becomes the first ambassador to the Soviet Union.

## Cast of Characters

- **Maxim Litvinov:** Soviet Commissar for Foreign Affairs who negotiated the agreement.
- **Boris Shvirsky:** Unofficial Soviet representative in Washington.

## Glossary

- **Narkomindel:** The People's Commissariat for Foreign Affairs.
- **Comintern:** The Communist International.

## Quiz

1. Who negotiated for the Soviets?
2. When was recognition granted?

## Answer Key

1. Maxim Litvinov.
2. November 16, 1933.
"""

EDITED = """\
---
title: Identity Test
---

## Timeline

- **1920s:** Successive presidents maintain the policy of non-recognition.
- **1920s:** Extensive commercial links develop between the two countries.
- **November 16, 1933:** Roosevelt formally recognises the Soviet Union, ending sixteen years.
- **January 1934:** William C. Bullitt becomes the first ambassador to the Soviet Union.

## Cast of Characters

- **Maxim Litvinov:** Soviet Commissar for Foreign Affairs who negotiated the agreement.
- **Boris Skvirsky:** Unofficial Soviet representative in Washington.

## Glossary

- **Narkomindel:** The People's Commissariat for Foreign Affairs.

## Quiz

1. When was recognition granted?
2. Who negotiated for the Soviets?

## Answer Key

1. November 16, 1933.
2. Maxim Litvinov.
"""

# Each item by words that only it has, before and after the edit.
ITEMS = {
    "links": "Extensive commercial links",
    "non-recognition": "policy of non-recognition",
    "recognition": "formally recogni",
    "bullitt": "William C. Bullitt",
    "litvinov": "Maxim Litvinov",
    "shvirsky": "Unofficial Soviet representative",
    "narkomindel": "Narkomindel",
    "comintern": "Communist International",
    "who": "Who negotiated",
    "when": "When was recognition",
}


@dataclass
class Story:
    col: object
    before: dict[str, int]  # item → Anki note id
    after: dict[str, int]
    reviewed: dict[int, tuple]  # card id → (reps, due, ivl) before the edit
    reviewed_after: dict[int, tuple]
    notes_before: int
    notes_after: int
    log: object
    litvinov_role: str
    report: BuildReport


# The fields that hold an item's own words (the others show its neighbours or its answer).
OWN = {"studypress Event": ("Event",), "studypress Person": ("Name", "Description"),
       "studypress Term": ("Term", "Definition"), "studypress Question": ("Prompt",)}


def own_words(note) -> str:
    return visible(" ".join(note[f] for f in OWN[note.note_type()["name"]]))


def note_of(col, words: str) -> int:
    found = [nid for nid in col.find_notes("") if words in own_words(col.get_note(nid))]
    assert len(found) == 1, (words, len(found))
    return found[0]


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> Iterator[Story]:
    base = tmp_path_factory.mktemp("identity")
    src, out, project = base / "source", base / "output", base / "project"
    src.mkdir()
    project.mkdir()
    note_path = src / "identity.md"
    note_path.write_text(NOTE, encoding="utf-8")
    build_decks(src, out, project)
    deck = out / "identity" / "deck.apkg"
    col = anki_collection.Collection(str(base / "collection.anki2"))
    try:
        import_apkg(col, deck)
        before = {name: note_of(col, words) for name, words in ITEMS.items()}
        notes_before = col.note_count()
        reviewed = {}
        for name in ("links", "bullitt", "who", "shvirsky"):
            card = col.get_note(before[name]).cards()[0]
            card.start_timer()
            col.sched.answerCard(card, 3)
            card.load()
            reviewed[card.id] = (card.reps, card.due, card.ivl)
        litvinov = col.get_note(before["litvinov"])
        litvinov["Role"] = "my own words"
        col.update_note(litvinov)

        note_path.write_text(EDITED, encoding="utf-8")
        report = build_decks(src, out, project)
        log = import_apkg(col, deck)
        after = {name: note_of(col, words) for name, words in ITEMS.items()}
        reviewed_after = {}
        for cid in reviewed:
            card = col.get_card(cid)
            reviewed_after[cid] = (card.reps, card.due, card.ivl)
        litvinov.load()
        yield Story(col, before, after, reviewed, reviewed_after, notes_before,
                    col.note_count(), log, litvinov["Role"], report)
    finally:
        col.close()


def test_every_item_is_still_on_its_own_card(story: Story) -> None:
    assert story.after == story.before


def test_nothing_is_duplicated(story: Story) -> None:
    assert len(story.log.new) == 0
    assert story.notes_after == story.notes_before  # the deleted term stays until deleted


def test_reviewed_cards_keep_their_history_and_content(story: Story) -> None:
    assert story.reviewed_after == story.reviewed
    col = story.col
    for cid in story.reviewed:
        card = col.get_card(cid)
        name = next(n for n, nid in story.before.items() if nid == card.nid)
        assert ITEMS[name] in own_words(card.note())


def test_edited_items_show_their_new_text(story: Story) -> None:
    col = story.col
    fields = {name: visible(" ".join(col.get_note(nid).fields))
              for name, nid in story.after.items()}
    assert "Roosevelt" not in own_words(col.get_note(story.after["links"]))
    assert "January 1934" in fields["bullitt"] and "December 1933" not in fields["bullitt"]
    assert "ending sixteen years" in fields["recognition"]
    assert "Boris Skvirsky" in fields["shvirsky"]
    assert "identity/question/1" in fields["when"] and "identity/question/2" in fields["who"]


def test_hand_edits_on_untouched_cards_survive(story: Story) -> None:
    assert story.litvinov_role == "my own words"


def test_the_deleted_term_is_reported(story: Story) -> None:
    (message,) = [m for m in story.report.messages if "removed from the note" in m]
    assert "Term Comintern" in message and "1 item " in message


# ------------------------------------------------------- the ledger lives with the project


def test_deleting_output_loses_no_identity_or_time(tmp_path: Path) -> None:
    src, out, project = tmp_path / "source", tmp_path / "output", tmp_path / "project"
    src.mkdir()
    project.mkdir()
    (src / "identity.md").write_text(NOTE, encoding="utf-8")
    build_decks(src, out, project)
    col = anki_collection.Collection(str(tmp_path / "collection.anki2"))
    try:
        import_apkg(col, out / "identity" / "deck.apkg")
        litvinov = col.get_note(note_of(col, ITEMS["litvinov"]))
        litvinov["Role"] = "my own words"
        col.update_note(litvinov)
        lock = project / "studypress.lock"
        assert lock.is_file()
        shutil.rmtree(out)
        # A later build time: without the lock every card would count as changed.
        build_decks(src, out, project, epoch=EPOCH + 1000)
        log = import_apkg(col, out / "identity" / "deck.apkg")
        assert (len(log.new), len(log.updated)) == (0, 0)
        litvinov.load()
        assert litvinov["Role"] == "my own words"
    finally:
        col.close()


def test_an_old_ledger_in_output_is_migrated_into_the_lock(tmp_path: Path) -> None:
    src, out, project = tmp_path / "source", tmp_path / "output", tmp_path / "project"
    src.mkdir()
    project.mkdir()
    (src / "identity.md").write_text(NOTE, encoding="utf-8")
    build_decks(src, out, project)
    lock = project / "studypress.lock"
    first = ledgers.parse_lock(lock.read_bytes())
    # What older builds left: the project's ledger in output/, and no lock.
    (out / "deck-ledger.json").write_bytes(first.to_bytes())
    lock.unlink()
    (src / "identity.md").write_text(NOTE.replace("two countries", "two nations"),
                                     encoding="utf-8")
    build_decks(src, out, project, epoch=EPOCH + 1000)
    migrated = ledgers.parse_lock(lock.read_bytes())
    assert migrated is not None and set(migrated.items) == set(first.items)
    changed = {e.key for g, e in migrated.items.items() if e.mod != first.items[g].mod}
    assert changed == {"identity/event/192X#1"}


def _lock(ledger: ledgers.Ledger) -> bytes:
    """The lock of ``ledger``, as the combined deck writes it: from its entries' texts."""
    out = io.BytesIO()
    ledgers.write_lock(out, ledger, {g: ledgers.lock_entry(e) for g, e in ledger.items.items()})
    return out.getvalue()


def test_a_lock_read_again_is_the_same_ledger_and_each_reader_has_its_own() -> None:
    lock = ledgers.Ledger({"g1": ledgers.Entry("n/event/1933#1", "studypress Event", "h", 5, 5,
                                               "n", "1933")})
    data = _lock(lock)
    first = ledgers.parse_lock(data)
    assert first == lock
    first.items.clear()  # a deck build changes the ledger it was given
    again = ledgers.parse_lock(bytes(data))
    assert again == lock and again is not first
    other = _lock(ledgers.Ledger())
    assert ledgers.parse_lock(other) == ledgers.Ledger()
    with pytest.raises(ledgers.LedgerError):
        ledgers.parse_lock(b"{}")
