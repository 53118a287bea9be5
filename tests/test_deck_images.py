"""Images inside a line of text (an event, a quiz answer) travel into Anki as media and show
on the card; the guide, which cannot print them there, says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from studypress.build import BuildConfig, build
from studypress.model import Image, Text, images, plain_text
from studypress.reader import read_text
from studypress.renderers.base import RenderOptions
from studypress.renderers.deck import naming
from studypress.renderers.deck.apkg import read_media
from studypress.renderers.deck.media import media_name

from .test_deck_anki import import_apkg, source_date_epoch, visible
from .test_deck_media import PNG, picture

EPOCH = 1_700_000_000
ROUTE = picture("PNG", (20, 160, 40))

NOTE = """\
---
title: Routes
---

## Timeline

- **1933:** The delegation takes the northern route ![[map.png]] to Washington.
- **1934:** The embassy opens; see ![the floor plan](plan%20one.png) and ![[gone.png]].

## Quiz

1. Which route did the delegation take?

## Answer Key

1. The northern one, ![drawn here](route.png) on the map.
"""


def test_the_reader_keeps_an_image_in_its_place() -> None:
    note = read_text(NOTE, "routes.md", "routes")
    first = note.events[0].text
    assert [i.target for i in images(first)] == ["map.png"]
    # The words around it keep their spaces; plain text shows the file name in its place.
    assert plain_text(first) == "The delegation takes the northern route map.png to Washington."
    assert images(note.events[1].text) == (Image("plan one.png", "the floor plan"),
                                           Image("gone.png", "gone.png"))
    assert note.questions[0].answer is not None
    assert images(note.questions[0].answer) == (Image("route.png", "drawn here"),)
    assert Text("The northern one, ") in note.questions[0].answer


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, list[str]]:
    base = tmp_path_factory.mktemp("routes")
    src = base / "source"
    src.mkdir()
    (src / "routes.md").write_text(NOTE, encoding="utf-8")
    (src / "map.png").write_bytes(PNG)
    (src / "plan one.png").write_bytes(PNG)  # the same picture: one media file
    (src / "route.png").write_bytes(ROUTE)
    with source_date_epoch(EPOCH):
        report = build(BuildConfig(paths=[src], output=base / "out",
                                   renderers=["deck", "guide", "flashcards"],
                                   jobs=1, project_dir=base,
                                   options=RenderOptions(project_name="main")))
    assert not report.failed, [d.format() for d in report.diagnostics]
    return base / "out", [d.format() for d in report.diagnostics]


def test_the_deck_carries_exactly_the_images_its_text_shows(built) -> None:
    out, _ = built
    expected = {media_name("map.png", PNG): PNG, media_name("route.png", ROUTE): ROUTE}
    assert read_media((out / "routes" / "deck.apkg").read_bytes()) == expected
    assert read_media((out / "study-notes.apkg").read_bytes()) == expected


def test_images_in_events_and_answers_show_on_the_cards(built, tmp_path) -> None:
    collection = pytest.importorskip("anki.collection").Collection
    out, _ = built
    (tmp_path / "anki").mkdir()
    col = collection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        log = import_apkg(col, out / "routes" / "deck.apkg")
        assert len(log.new) == 3
        folder = Path(col.media.dir())
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            [media_name("map.png", PNG), media_name("route.png", ROUTE)])

        def card(key: str, name: str):
            cids = col.find_cards(naming.search_quote(f"Key:{key}")
                                  + f' "card:{name}"')
            assert len(cids) == 1, (key, name)
            return col.get_card(cids[0])

        back = card("routes/event/1933#1", "Date → Event").answer()
        assert (f'<img class="inline" src="{media_name("map.png", PNG)}" alt="map.png">'
                in back)
        assert "northern route to Washington" in visible(back).replace("  ", " ")
        # The event → date card asks with the event, picture and all.
        front = card("routes/event/1933#1", "Event → Date").question()
        assert f'src="{media_name("map.png", PNG)}"' in front
        plan = card("routes/event/1934#1", "Date → Event").answer()
        assert f'src="{media_name("map.png", PNG)}" alt="the floor plan"' in plan
        assert "gone.png" in visible(plan) and 'src="gone.png"' not in plan  # no broken image
        answer = card("routes/question/1", "Question → Answer").answer()
        assert f'<img class="inline" src="{media_name("route.png", ROUTE)}" ' in answer
    finally:
        col.close()


def test_the_guide_says_it_prints_inline_images_by_name(built) -> None:
    _, diagnostics = built
    said = [d for d in diagnostics if "inside a line of text" in d and "flashcards" not in d]
    where = {d.split("'")[1]: d.split(": info:")[0].rsplit(":", 1)[-1] for d in said}
    assert where == {"map.png": "7", "plan one.png": "8", "gone.png": "8", "route.png": "16"}


def test_the_flashcards_say_so_too(built) -> None:
    _, diagnostics = built
    said = [d for d in diagnostics if "flashcards: the image" in d]
    assert {d.split("'")[1] for d in said} == {"map.png", "plan one.png", "gone.png",
                                               "route.png"}
