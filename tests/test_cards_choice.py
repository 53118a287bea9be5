"""One choice of cards for every output that makes them: an item opted out (``#nocard``, the
``nocards`` front matter) has no card in the Anki deck, in cards.csv or in flashcards.pdf, and
the directions layouts/deck.toml [cards] leaves out are left out of all three; the check for
cards that ask the same counts only the cards actually made."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from studypress.build import BuildConfig, build
from studypress.layouts import Layouts
from studypress.reader import read_note
from studypress.renderers.base import RenderOptions
from studypress.renderers.deck import DeckConfig
from studypress.renderers.deck.items import note_items
from studypress.renderers.deck.notetypes import NOTE_TYPES, directions
from studypress.study import DIRECTIONS, CardChoice

from .test_cards_csv import parse
from .test_deck_anki import import_apkg, source_date_epoch, visible

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
- **Alexander Troyanovsky:** First Soviet ambassador to the United States.

## Glossary

- **Narkomindel:** The foreign affairs commissariat.
- **NKID:** The foreign affairs commissariat.
"""

# Events asked by their text only; terms make no cards at all.
CHOICE = """\
[cards]
event = ["event-date"]
term = []
"""
OPTED_OUT = ("Roosevelt", "Bullitt", "Shvirsky")


def test_the_deck_and_the_other_outputs_know_the_same_directions() -> None:
    assert {nt.kind: directions(nt) for nt in NOTE_TYPES if not nt.cloze} == DIRECTIONS


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("cards-choice")
    src, out, project = base / "source", base / "output", base / "project"
    src.mkdir()
    (project / "layouts").mkdir(parents=True)
    (project / "layouts" / "deck.toml").write_text(CHOICE, encoding="utf-8")
    (src / "choice.md").write_text(NOTE, encoding="utf-8")
    with source_date_epoch(1_700_000_000):
        report = build(BuildConfig(paths=[src], output=out,
                                   renderers=["deck", "cards", "flashcards"], jobs=1,
                                   project_dir=project,
                                   options=RenderOptions(project_name="main")))
    assert not report.failed, [d.format() for d in report.diagnostics]
    return out / "choice", project / "layouts", [d.format() for d in report.diagnostics]


def test_cards_csv_leaves_out_what_the_deck_leaves_out(built) -> None:
    out, _, _ = built
    _, rows = parse((out / "cards.csv").read_bytes())
    text = " ".join(" ".join(r) for r in rows)
    for name in OPTED_OUT:
        assert name not in text
    assert "Narkomindel" not in text and "NKID" not in text  # term = []
    events = [r for r in rows if "event" in r[2].split()]
    # Asked the way the deck asks: the event on the front, its date on the back.
    assert [(r[0][:20], r[1]) for r in events] == [
        ("Extensive commercial", "1920s"), ("The first trade agre", "1934")]
    people = [r[0] for r in rows if "person" in r[2].split()]
    assert people == ["Maxim Litvinov", "Alexander Troyanovsky"]
    assert "nocard" not in {t for r in rows for t in r[2].split()}


def test_flashcards_leave_out_what_the_deck_leaves_out(built) -> None:
    out, _, _ = built
    with pdfplumber.open(io.BytesIO((out / "flashcards.pdf").read_bytes())) as pdf:
        words = " ".join(page.extract_text() or "" for page in pdf.pages)
    words = " ".join(words.split())
    for name in OPTED_OUT + ("Narkomindel", "NKID"):
        assert name not in words
    assert "Litvinov" in words and "trade agreement" in words


def test_a_reversed_flashcard_asks_with_the_event(built, tmp_path) -> None:
    from studypress.renderers.handout.flashcards import flashcards

    _, layouts, _ = built
    path = tmp_path / "choice.md"
    path.write_text(NOTE, encoding="utf-8")
    cards = flashcards(read_note(path), CardChoice.load(Layouts(layouts)))
    events = [(c.kind, visible("".join(str(getattr(n, "value", "")) for n in c.answer)))
              for c in cards if c.kind == "Event"]
    assert events == [("Event", "1920s"), ("Event", "1934")]
    assert {c.kind for c in cards} == {"Event", "Person"}


def test_anki_holds_the_same_cards(built, tmp_path) -> None:
    collection = pytest.importorskip("anki.collection").Collection
    out, _, _ = built
    _, rows = parse((out / "cards.csv").read_bytes())
    col = collection(str(tmp_path / "collection.anki2"))
    try:
        import_apkg(col, out / "deck.apkg")
        names = sorted(col.get_card(c).template()["name"] for c in col.find_cards(""))
        assert names == sorted(["Event → Date"] * 2 + ["Description → Name", "Name → Who"] * 2)
        keys = {col.get_note(n)["Key"].split("/", 1)[1] for n in col.find_notes("")}
        csv_kinds = sorted(r[2].split()[-1] for r in rows)
        assert sorted(k.split("/")[0] for k in keys) == csv_kinds
    finally:
        col.close()


def _same_front_warnings(layouts: Path | None, tmp_path: Path) -> list[str]:
    path = tmp_path / "choice.md"
    path.write_text(NOTE, encoding="utf-8")
    settings = DeckConfig.load(Layouts(layouts)).settings
    _, diagnostics = note_items(read_note(path), settings)
    return [d.message for d in diagnostics if d.code == "deck-same-front"]


def test_only_cards_made_count_as_asking_the_same(tmp_path: Path) -> None:
    # Two terms defined alike ask the same on their definition → term cards...
    said = _same_front_warnings(None, tmp_path)
    assert len(said) == 1 and "NKID" in said[0] and "Definition → Term" in said[0]
    # ...but not when no such card is made.
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    (layouts / "deck.toml").write_text('[cards]\nterm = ["term-definition"]\n', "utf-8")
    assert _same_front_warnings(layouts, tmp_path) == []
