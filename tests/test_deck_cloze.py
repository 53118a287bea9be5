"""Cloze cards, imported into a real Anki collection (the ``anki`` package): highlights in
events, descriptions, definitions and prose become cloze deletions when layouts/deck.toml sets
``cloze = "highlights"``; a paragraph tagged ``#cloze`` or typed with ``{{c1::…}}`` is a cloze
note either way. Each hidden part shows as [...] on its card's front and in full on the back,
and a cloze note keeps its GUID (and its cards their history) through edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from studypress.model import Cloze, Highlight, Text
from studypress.renderers.deck import fieldhtml, naming
from studypress.renderers.deck.notetypes import CLOZE

from .test_deck_anki import build_decks, import_apkg, strip_style, visible

anki_collection = pytest.importorskip("anki.collection")

NOTE = """\
---
title: Cloze Test
---

## Timeline

- **November 16, 1933:** Roosevelt and ==Litvinov== exchange the notes of recognition.
- **1934:** The first trade agreement is signed.

## Cast of Characters

- **Maxim Litvinov:** Soviet Commissar for ==Foreign Affairs== who negotiated the agreement.

## Glossary

- **Narkomindel:** The People's Commissariat for Foreign Affairs.

## Summary

The recognition came after ==sixteen years== of non-recognition. #cloze

The embassy opened in {{c1::Moscow}} and a consulate in {c2::Leningrad::a city}.

Tagged but hiding nothing. #cloze

Plain prose with ==a highlight== only.
"""

HIGHLIGHTS = 'cloze = "highlights"\n'


def make(base: Path, note: str, settings: str | None) -> tuple[Path, Path, Path]:
    src, out, project = base / "source", base / "output", base / "project"
    src.mkdir(exist_ok=True)
    (project / "layouts").mkdir(parents=True, exist_ok=True)
    if settings is not None:
        (project / "layouts" / "deck.toml").write_text(settings, encoding="utf-8")
    (src / "cz.md").write_text(note, encoding="utf-8")
    return src, out, project


def cloze_notes(col) -> dict[str, object]:
    return {col.get_note(n)["Key"]: col.get_note(n)
            for n in col.find_notes('"note:studypress Cloze"')}


def shown(card_html: str) -> str:
    return visible(strip_style(card_html)).strip()


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    base = tmp_path_factory.mktemp("cloze")
    src, out, project = make(base, NOTE, HIGHLIGHTS)
    report = build_decks(src, out, project)
    col = anki_collection.Collection(str(base / "collection.anki2"))
    try:
        first = import_apkg(col, out / "cz" / "deck.apkg")
        notes = cloze_notes(col)
        # What each card shows before the edit: (front, back) per key, by card order.
        faces = {k: [(shown(c.question()), shown(c.answer()))
                     for c in sorted(n.cards(), key=lambda c: c.ord)]
                 for k, n in notes.items()}
        tags = {t for n in notes.values() for t in n.tags}
        # Study the event's cloze card, then edit the note: reword around the highlight,
        # add a paragraph above the cloze paragraphs, rebuild and import again.
        event = notes["cz/event/1933-11-16#1/cloze"]
        card = event.cards()[0]
        card.start_timer()
        col.sched.answerCard(card, 4)
        reviewed = col.get_card(card.id).reps
        edited = NOTE.replace("exchange the notes of recognition",
                              "exchange the letters that recognise the Soviet Union")
        edited = edited.replace("## Summary\n\n", "## Summary\n\nA new opening line.\n\n")
        (src / "cz.md").write_text(edited, encoding="utf-8")
        build_decks(src, out, project, epoch=1_700_000_100)
        second = import_apkg(col, out / "cz" / "deck.apkg")
        yield {"col": col, "first": first, "second": second, "before": notes,
               "faces": faces, "tags": tags,
               "after": cloze_notes(col), "card": card.id, "reviewed": reviewed,
               "diagnostics": [d.format() for d in report.diagnostics]}
    finally:
        col.close()


def test_highlights_and_typed_marks_make_cloze_notes(story) -> None:
    assert sorted(story["before"]) == [
        "cz/cloze/summary/1", "cz/cloze/summary/2", "cz/cloze/summary/3",
        "cz/event/1933-11-16#1/cloze", "cz/person/maxim-litvinov/cloze"]
    col = story["col"]
    model = col.models.by_name("studypress Cloze")
    assert model["type"] == 1 and model["id"] == CLOZE.id  # Anki's cloze kind, a fixed id
    # One card per number: the paragraph typed with c1 and c2 has two.
    cards = {k: len(n.cards()) for k, n in story["before"].items()}
    assert cards["cz/cloze/summary/2"] == 2 and cards["cz/cloze/summary/1"] == 1


def test_the_hidden_part_is_hidden_on_the_front_and_shown_on_the_back(story) -> None:
    (front, back), = story["faces"]["cz/event/1933-11-16#1/cloze"]
    assert "Roosevelt and [...] exchange the notes of recognition." in front
    assert "Litvinov" not in front
    assert "November 16, 1933" in front  # what the text is about
    assert "Roosevelt and Litvinov exchange the notes of recognition." in back
    (front1, back1), (front2, back2) = story["faces"]["cz/cloze/summary/2"]
    assert "opened in [...] and a consulate in Leningrad" in front1
    assert "opened in Moscow and a consulate in [a city]" in front2  # its hint
    for back in (back1, back2):
        assert "opened in Moscow and a consulate in Leningrad" in back


def test_the_paragraph_tag_is_no_card_tag_and_an_empty_cloze_is_reported(story) -> None:
    tags = story["tags"]
    assert "cloze" not in tags and "studypress::cloze" in tags
    said = [d for d in story["diagnostics"] if "hides nothing" in d]
    assert len(said) == 1 and "cz.md:24:" in said[0]


def test_edits_keep_each_cloze_note_and_its_history(story) -> None:
    second, col = story["second"], story["col"]
    assert len(second.new) == 0  # the new opening line hides nothing
    updated = {col.get_note(n.id.nid)["Key"] for n in second.updated}
    assert "cz/event/1933-11-16#1/cloze" in updated
    before, after = story["before"], story["after"]
    # Every cloze note is the same Anki note as before (same id, same GUID).
    assert {k: n.id for k, n in before.items()} == {
        k: n.id for k, n in after.items() if k in before}
    event = after["cz/event/1933-11-16#1/cloze"]
    assert "the letters that recognise" in event["Text"]
    assert col.get_card(story["card"]).reps == story["reviewed"] == 1


def test_highlights_stay_highlights_by_default(tmp_path: Path) -> None:
    src, out, project = make(tmp_path, NOTE, None)
    build_decks(src, out, project)
    col = anki_collection.Collection(str(tmp_path / "collection.anki2"))
    try:
        import_apkg(col, out / "cz" / "deck.apkg")
        # Only the paragraph typed with {{c1::…}}: the others hide only highlights.
        assert sorted(cloze_notes(col)) == ["cz/cloze/summary/1"]
        event = col.find_notes(naming.search_quote("Key:cz/event/1933-11-16#1"))
        assert "<mark>Litvinov</mark>" in col.get_note(event[0])["Event"]
    finally:
        col.close()


def test_a_double_colon_inside_a_highlight_is_no_hint() -> None:
    html = fieldhtml.cloze((Text("See "), Cloze(1, (Text("x"),)), Text(" and "),
                            Highlight((Text("a::b}}"),))), True)
    assert html == "See {{c1::x}} and {{c2::a&#58;&#58;b&#125;&#125;}}"


def test_an_item_opted_out_has_no_cloze_either(tmp_path: Path) -> None:
    from studypress.layouts import Layouts
    from studypress.reader import read_note
    from studypress.renderers.deck import DeckConfig
    from studypress.renderers.deck.items import note_items

    path = tmp_path / "cz.md"
    path.write_text(NOTE.replace("of recognition.", "of recognition. #nocard").replace(
        "title: Cloze Test", "title: Cloze Test\nnocards: [maxim litvinov]"), "utf-8")
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "deck.toml").write_text(HIGHLIGHTS, "utf-8")
    items, _ = note_items(read_note(path), DeckConfig.load(Layouts(tmp_path / "layouts")).settings)
    clozes = sorted(i.key for i in items if i.spec is CLOZE)
    assert clozes == ["cz/cloze/summary/1", "cz/cloze/summary/2", "cz/cloze/summary/3"]


def test_an_faq_answer_is_prose_too(tmp_path: Path) -> None:
    from studypress.layouts import Layouts
    from studypress.reader import read_note
    from studypress.renderers.deck import DeckConfig
    from studypress.renderers.deck.items import note_items

    path = tmp_path / "faq.md"
    path.write_text("---\ntitle: Faq\n---\n\n## FAQ\n\n### Q: Why so late?\n\n"
                    "The government had ==repudiated its debts==.\n", "utf-8")
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "deck.toml").write_text(HIGHLIGHTS, "utf-8")
    items, _ = note_items(read_note(path), DeckConfig.load(Layouts(tmp_path / "layouts")).settings)
    (cloze,) = [i for i in items if i.spec is CLOZE]
    assert cloze.key == "faq/cloze/faq-1/1"
    assert cloze.field("Text") == "The government had {{c1::repudiated its debts}}."
    assert cloze.field("About") == "Why so late?"


def test_highlights_number_on_from_the_typed_marks_outside_them() -> None:
    # A mark typed inside a highlight is text of that highlight's cloze, not a number in use.
    html = fieldhtml.cloze((Text("The "), Cloze(1, (Text("treaty"),)), Text(" of "),
                            Highlight((Text("Rapallo "), Cloze(9, (Text("1922"),)))),
                            Text(" and "), Highlight((Text("Locarno"),))), True)
    assert html.startswith("The {{c1::treaty}} of {{c2::Rapallo ")
    assert html.endswith(" and {{c3::Locarno}}")
    assert "c9::" not in html and "c10" not in html
    alone = fieldhtml.cloze((Highlight((Text("x "), Cloze(9, (Text("y"),)))),), True)
    assert alone.startswith("{{c1::")
    # Without numbered highlights, a mark typed inside one is a cloze of its own.
    plain = fieldhtml.cloze((Highlight((Text("x "), Cloze(2, (Text("y"),)))), Text(" z")),
                            False)
    assert "{{c2::y}}" in plain
