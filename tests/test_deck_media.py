"""Images on cards: an embedded image becomes Anki media under a content-hashed name, referred
to from the field that shows it; everything else a note embeds shows as its file name.

Pure parts first (names, field HTML, the package's media members, the ledger), then the real
build imported into real Anki collections.
"""

from __future__ import annotations

import functools
import hashlib
import html
import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studypress import assets
from studypress.build import BuildConfig, BuildReport, build
from studypress.layouts import Layouts
from studypress.model import (
    BulletList,
    Callout,
    Embed,
    FaqEntry,
    ListItem,
    Note,
    Paragraph,
    Quote,
    Text,
)
from studypress.reader import read_text
from studypress.renderers.base import RenderContext, RenderOptions
from studypress.renderers.deck import DeckConfig, DeckRenderer, fieldhtml, naming
from studypress.renderers.deck import ledger as ledgers
from studypress.renderers.deck.apkg import PackageDeck, read_media, write_package, zip_time
from studypress.renderers.deck.items import note_items
from studypress.renderers.deck.media import HASH_CHARS, Media, image_extension, media_name

from .test_deck_anki import elements, source_date_epoch

EPOCH = 1_700_000_000
PROJECT = "Study Notes"  # the combined deck (layouts/deck.toml)
PROJECT_FILE = "study-notes.apkg"
HASHED = re.compile(rf"^[0-9a-f]{{{HASH_CHARS}}}\.(png|jpg|gif|svg|webp)$")
SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">'
       b'<rect width="4" height="4" fill="#c0392b"/></svg>')
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def picture(fmt: str, color: tuple[int, int, int]) -> bytes:
    """A real little image in the given format."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (6, 4), color).save(out, format=fmt)
    return out.getvalue()


PNG = picture("PNG", (200, 30, 30))
PNG_EDITED = picture("PNG", (30, 30, 200))


def images(text: str) -> list[dict[str, str | None]]:
    return [attrs for tag, attrs in elements(text) if tag == "img"]


def visible(text: str) -> str:
    words = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", text,
                                                          flags=re.S)))
    return re.sub(r"\s+", " ", words)


# ------------------------------------------------------------------------------ names


@pytest.mark.parametrize(("target", "ext"), [
    ("map.png", "png"),
    ("Map.PNG", "png"),
    ("photo.jpg", "jpg"),
    ("photo.JPEG", "jpg"),
    ("anim.gif", "gif"),
    ("drawing.svg", "svg"),
    ("pic.webp", "webp"),
    ("attachments/maps/map.png", "png"),
    ("map.png#center", "png"),
    ("map.png|300", "png"),
    ("карта Москвы.png", "png"),
    ('"><script>.png', "png"),
    ("paper.pdf", None),
    ("speech.mp3", None),
    ("clip.mp4", None),
    ("map.png.pdf", None),
    ("README", None),
    (".png", None),
    ("", None),
])
def test_image_extension(target: str, ext: str | None) -> None:
    assert image_extension(target) == ext


def test_media_name_is_made_from_the_content() -> None:
    name = media_name("map.png", PNG)
    assert name == hashlib.sha256(PNG).hexdigest()[:HASH_CHARS] + ".png"
    # The same picture under any name is one file; another picture is another file.
    assert media_name("attachments/Other Name.PNG", PNG) == name
    assert media_name("map.png", PNG_EDITED) != name
    assert media_name("map.jpeg", PNG) == name[:-3] + "jpg"
    assert media_name("paper.pdf", PNG) is None
    assert media_name("empty.png", b"") is None


def test_media_reads_only_the_images_it_shows() -> None:
    store = {"map.png": PNG, "copy of map.png": PNG, "paper.pdf": b"%PDF-1.4"}
    calls: list[str] = []

    def asset(target: str) -> bytes | None:
        calls.append(target)
        return store.get(target)

    media = Media(asset)
    assert media("paper.pdf") is None  # not an image: never read
    assert media("gone.png") is None
    first, second = media("map.png"), media("copy of map.png")
    assert media("map.png") == first
    assert first == second and first is not None and HASHED.match(first)
    assert media.files == {first: PNG}
    assert media.used == {"map.png": first, "copy of map.png": first}
    assert calls == ["gone.png", "map.png", "copy of map.png"]  # each read once


# ------------------------------------------------------------------------- field HTML


def test_an_embedded_image_becomes_an_img_of_its_media_file() -> None:
    media = Media({"map.png": PNG, "paper.pdf": b"%PDF"}.get)
    out = fieldhtml.blocks((Paragraph((Text("The route:"),), 1), Embed("map.png", 2),
                            Embed("gone.png", 3), Embed("paper.pdf", 4)), media)
    assert images(out) == [{"src": media_name("map.png", PNG), "alt": "map.png"}]
    shown = visible(out)
    assert "The route:" in shown and "gone.png" in shown and "paper.pdf" in shown
    assert "[sound:" not in out


def test_images_inside_lists_quotes_and_callouts() -> None:
    media = Media({"a.png": PNG, "b.svg": SVG, "c.gif": picture("GIF", (1, 2, 3))}.get)
    out = fieldhtml.blocks((
        BulletList((ListItem((Text("item"),), (Embed("a.png", 2),), 1),), False, 1),
        Quote((Embed("b.svg", 3),), (), 3),
        Callout("note", (Text("Map"),), (Embed("c.gif", 4),), 4),
    ), media)
    assert [i["alt"] for i in images(out)] == ["a.png", "b.svg", "c.gif"]
    assert all(HASHED.match(i["src"] or "") for i in images(out))
    assert set(media.files) == {i["src"] for i in images(out)}


def test_without_media_an_embed_shows_its_name() -> None:
    out = fieldhtml.blocks((Embed("map.png", 1),))
    assert images(out) == [] and visible(out).strip() == "map.png"


@pytest.mark.parametrize("target", [
    '"><script>alert(1)</script>.png',
    "x\" onerror=\"alert(1).png",
    "{{c1::cloze}} [sound:boom.mp3].png",
    "a & b <i>.svg",
    "карта Москвы.png",
])
def test_hostile_file_names_stay_inside_the_alt_text(target: str) -> None:
    media = Media(lambda _: PNG)
    out = fieldhtml.embed(target, media)
    assert [t for t, _ in elements(out)] == ["div", "img"]
    (img,) = images(out)
    assert set(img) == {"src", "alt"} and HASHED.match(img["src"] or "")
    assert img["alt"] == target
    assert "<script" not in out and "{{" not in out and "[sound:" not in out
    missing = fieldhtml.embed(target, Media(lambda _: None))
    assert [t for t, _ in elements(missing)] == ["p"]
    assert visible(missing).strip() == target


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30), st.sampled_from([".png", ".JPG", ".svg", ".pdf", ""]),
       st.booleans())
def test_any_embed_is_one_safe_element(stem: str, suffix: str, present: bool) -> None:
    target = stem + suffix
    out = fieldhtml.embed(target, Media(lambda _: PNG if present else None))
    tags = elements(out)
    assert {t for t, _ in tags} <= {"div", "img", "p"}
    assert not set(out) & set("[]{}") and "<script" not in out.lower()
    shown = CONTROL.sub("", target)
    if present and image_extension(target):
        (img,) = images(out)
        assert HASHED.match(img["src"] or "") and img["alt"] == shown
    else:
        assert images(out) == []
        assert html.unescape(re.sub(r"<[^>]+>", "", out)) == shown


# --------------------------------------------------------------------------- package


def test_package_media_members_are_sorted_and_fixed() -> None:
    files = {"b" * HASH_CHARS + ".png": PNG, "a" * HASH_CHARS + ".svg": SVG}
    deck = [PackageDeck("Empty", "", ())]
    one = write_package(deck, [], files)
    assert one == write_package(deck, [], dict(reversed(files.items())))
    with zipfile.ZipFile(io.BytesIO(one)) as z:
        assert z.namelist() == ["collection.anki2", "media", "0", "1"]
        assert json.loads(z.read("media")) == {"0": "a" * HASH_CHARS + ".svg",
                                               "1": "b" * HASH_CHARS + ".png"}
        assert z.read("0") == SVG and z.read("1") == PNG
        assert len({i.date_time for i in z.infolist()}) == 1
        # Pictures are compressed already and are stored; SVG text is deflated.
        assert z.getinfo("1").compress_type == zipfile.ZIP_STORED
        assert z.getinfo("0").compress_type == zipfile.ZIP_DEFLATED
    assert read_media(one) == files
    with zipfile.ZipFile(io.BytesIO(write_package(deck, []))) as z:
        assert z.namelist() == ["collection.anki2", "media"] and z.read("media") == b"{}"


@pytest.mark.parametrize("data", [None, b"", b"not a zip", write_package([], [])])
def test_read_media_of_nothing(data: bytes | None) -> None:
    assert read_media(data) == {}


def test_ledger_keeps_the_media_map_and_old_ledgers_still_read() -> None:
    ledger = ledgers.Ledger(media={"map.png": "a" * HASH_CHARS + ".png"})
    assert ledgers.parse(ledger.to_bytes()).media == ledger.media
    plain = ledgers.Ledger().to_bytes()
    assert b"media" not in plain and ledgers.parse(plain).media == {}


# ------------------------------------------------------------- the renderer, no Anki

SMALL = """\
---
title: Route Map
---

## FAQ

### Q: Which way did the delegation travel?

![[map.png]]

![[notes.pdf]]
"""


def small_note() -> Note:
    return read_text(SMALL, "route.md", "route")


def render(note: Note, store: dict[str, bytes], layouts: Layouts | None = None
           ) -> dict[str, bytes]:
    ctx = RenderContext(RenderOptions(), layouts or Layouts(None), EPOCH, asset=store.get)
    return {o.path: o.data for o in DeckRenderer().render(note, ctx).files}


def test_the_deck_ships_exactly_the_media_its_fields_show(tmp_path) -> None:
    out = render(small_note(), {"map.png": PNG, "notes.pdf": b"%PDF-1.4"})
    name = media_name("map.png", PNG)
    assert read_media(out["deck.apkg"]) == {name: PNG}
    assert ledgers.parse(out["deck-ledger.json"]).media == {"map.png": name}
    # With FAQ cards turned off no field shows the map, so the deck carries no media.
    (tmp_path / "deck.toml").write_text("faq_cards = false\n")
    quiet = render(small_note(), {"map.png": PNG}, Layouts(tmp_path))
    assert read_media(quiet["deck.apkg"]) == {}
    assert ledgers.parse(quiet["deck-ledger.json"]).media == {}


def test_a_changed_image_changes_only_its_items_content() -> None:
    note = small_note()
    note = replace(note, faq=(*note.faq, FaqEntry((Text("Unrelated?"),),
                                                  (Paragraph((Text("No."),), 20),), 19)))
    settings_ = DeckConfig.load(Layouts(None)).settings
    before, _ = note_items(note, settings_, Media({"map.png": PNG}.get))
    after, _ = note_items(note, settings_, Media({"map.png": PNG_EDITED}.get))
    changed = [b.key for b, a in zip(before, after, strict=True)
               if b.content_hash() != a.content_hash()]
    assert changed == ["route/faq/1"]


# ------------------------------------------------------------------ into real Anki

ATLAS = """\
---
title: Atlas of the Recognition
tags: [maps]
---

## Timeline

- **November 16, 1933:** The United States recognizes the Soviet Union.

## FAQ

### Q: Where did the talks take place?

In Washington; the map shows the route:

![[map.png]]

### Q: Which files does this answer show?

![[map copy.png]]

![["quoted" & 'single'.png]]

![["><b.png]]

![[river map.png]]

![[карта Москвы.png]]

![[Photo.JPEG]]

![[drawing.svg]]

![[anim.gif]]

![[pic.webp]]

![[gone.png]]

![[treaty.pdf]]

![[speech.mp3]]
"""

FILES = {
    "map.png": PNG,
    "map copy.png": PNG,  # the same picture as map.png: one media file
    "\"quoted\" & 'single'.png": picture("PNG", (10, 120, 10)),
    '"><b.png': picture("PNG", (120, 10, 120)),
    "river map.png": picture("PNG", (10, 10, 10)),
    "карта Москвы.png": picture("PNG", (250, 250, 0)),
    "Photo.JPEG": picture("JPEG", (90, 90, 200)),
    "drawing.svg": SVG,
    "anim.gif": picture("GIF", (0, 200, 200)),
    "pic.webp": picture("WEBP", (200, 100, 0)),
    "treaty.pdf": b"%PDF-1.4\n%%EOF\n",
    "speech.mp3": b"ID3\x03\x00\x00\x00\x00\x00\x00",
}
SHOWN = {t: media_name(t, data) for t, data in FILES.items() if media_name(t, data)}


def build_decks(src: Path, out: Path, project: Path, force: bool = False) -> BuildReport:
    with source_date_epoch(EPOCH):
        report = build(BuildConfig(paths=[src], output=out, renderers=["deck"], jobs=1,
                                   force=force, project_dir=project,
                                   options=RenderOptions(project_name="main")))
    assert not report.failed, [d.format() for d in report.diagnostics]
    return report


def make_source(base: Path) -> tuple[Path, Path]:
    src, project = base / "source", base / "project"
    src.mkdir()
    project.mkdir()
    (src / "atlas.md").write_text(ATLAS, encoding="utf-8")
    for name, data in FILES.items():
        (src / name).write_bytes(data)
    return src, project


def media_files(col) -> dict[str, bytes]:
    folder = Path(col.media.dir())
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def import_apkg(col, path: Path):
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    request = ImportAnkiPackageRequest(package_path=str(path),
                                       options=ImportAnkiPackageOptions())
    return col.import_anki_package(request).log


def answer_of(col, key: str) -> str:
    nids = col.find_notes(naming.search_quote(f"Key:{key}"))
    assert len(nids) == 1, key
    return col.get_note(nids[0]).cards()[0].answer()


@dataclass
class AtlasStory:
    col: object
    out: Path
    first_log: object
    first_media: dict[str, bytes]
    first_answers: dict[str, str]
    again_log: object
    again_media: dict[str, bytes]
    first_build: BuildReport
    edit_log: object
    edit_media: dict[str, bytes]
    ledger_before: ledgers.Ledger
    ledger_after: ledgers.Ledger
    combined_col: object
    combined_log: object


@pytest.fixture(scope="module")
def atlas(tmp_path_factory) -> Iterator[AtlasStory]:
    collection = pytest.importorskip("anki.collection").Collection
    base = tmp_path_factory.mktemp("atlas")
    src, project = make_source(base)
    out = base / "output"
    first_build = build_decks(src, out, project)
    deck = out / "atlas" / "deck.apkg"
    (base / "anki").mkdir()
    (base / "anki-combined").mkdir()
    col = collection(str(base / "anki" / "collection.anki2"))
    combined = collection(str(base / "anki-combined" / "collection.anki2"))
    try:
        first_log = import_apkg(col, deck)
        first_media = media_files(col)
        first_answers = {k: answer_of(col, k) for k in ("atlas/faq/1", "atlas/faq/2")}
        again_log = import_apkg(col, deck)
        again_media = media_files(col)
        ledger_before = ledgers.parse((out / "atlas" / "deck-ledger.json").read_bytes())

        # The map is redrawn; the note's text stays as it was.
        (src / "map.png").write_bytes(PNG_EDITED)
        build_decks(src, out, project)
        edit_log = import_apkg(col, deck)
        edit_media = media_files(col)
        ledger_after = ledgers.parse((out / "atlas" / "deck-ledger.json").read_bytes())

        combined_log = import_apkg(combined, out / PROJECT_FILE)
        yield AtlasStory(col, out, first_log, first_media, first_answers, again_log,
                         again_media, first_build, edit_log, edit_media, ledger_before,
                         ledger_after, combined, combined_log)
    finally:
        col.close()
        combined.close()


def test_images_arrive_in_the_media_folder_under_hashed_names(atlas: AtlasStory) -> None:
    assert len(atlas.first_log.new) == 3
    assert atlas.first_media == {SHOWN[t]: FILES[t] for t in SHOWN}
    assert len(atlas.first_media) == 9  # map.png and its copy are one file
    assert all(HASHED.match(name) for name in atlas.first_media)


def test_the_answer_shows_the_image(atlas: AtlasStory) -> None:
    answer = atlas.first_answers["atlas/faq/1"]
    assert f'<img src="{SHOWN["map.png"]}" alt="map.png">' in answer
    assert "the map shows the route" in visible(answer)


def test_hostile_and_unusual_names_show_and_missing_files_do_not(atlas: AtlasStory) -> None:
    answer = atlas.first_answers["atlas/faq/2"]
    shown = {i["alt"]: i["src"] for i in images(answer)}
    assert shown == {t: SHOWN[t] for t in SHOWN if t != "map.png"}
    assert all(src in atlas.first_media for src in shown.values())  # no broken image
    assert "<script" not in answer.lower()
    words = visible(answer)
    for name in ("gone.png", "treaty.pdf", "speech.mp3"):
        assert name in words and name not in shown
    card = atlas.col.get_card(atlas.col.find_cards(
        naming.search_quote("Key:atlas/faq/2"))[0])
    assert card.answer_av_tags() == []  # no [sound:] player for the audio file


def test_a_reimport_adds_nothing(atlas: AtlasStory) -> None:
    log = atlas.again_log
    assert (len(log.new), len(log.updated), len(log.duplicate)) == (0, 0, 3)
    assert atlas.again_media == atlas.first_media


def test_a_redrawn_image_updates_exactly_its_card(atlas: AtlasStory) -> None:
    log = atlas.edit_log
    assert len(log.new) == 0
    assert [atlas.col.get_note(n.id.nid)["Key"] for n in log.updated] == ["atlas/faq/1"]
    new_name = media_name("map.png", PNG_EDITED)
    assert atlas.edit_media[new_name] == PNG_EDITED
    assert f'<img src="{new_name}"' in answer_of(atlas.col, "atlas/faq/1")
    # The copy of the old map is unchanged, and so is the card that shows it.
    assert SHOWN["map copy.png"] in answer_of(atlas.col, "atlas/faq/2")
    before, after = atlas.ledger_before, atlas.ledger_after
    bumped = {e.key: after.items[g].mod for g, e in before.items.items()
              if after.items[g].mod != e.mod}
    assert bumped == {"atlas/faq/1": EPOCH + 1}
    assert after.media["map.png"] == new_name


def test_the_combined_deck_carries_the_same_media(atlas: AtlasStory) -> None:
    assert len(atlas.combined_log.new) == 3
    per_note = read_media((atlas.out / "atlas" / "deck.apkg").read_bytes())
    assert read_media((atlas.out / PROJECT_FILE).read_bytes()) == per_note
    assert media_files(atlas.combined_col) == per_note
    for key in ("atlas/faq/1", "atlas/faq/2"):
        assert answer_of(atlas.combined_col, key) == answer_of(atlas.col, key)
    project = ledgers.parse_lock((atlas.out.parent / "project" / "studypress.lock").read_bytes())
    assert {g: e.mod for g, e in project.items.items()} == {
        g: e.mod for g, e in atlas.ledger_after.items.items()}


def test_no_build_warns_about_anything_but_the_missing_file(atlas: AtlasStory) -> None:
    warnings = [d.format() for d in atlas.first_build.diagnostics]
    assert len(warnings) == 1 and "gone.png" in warnings[0]


def test_builds_with_media_are_byte_identical(tmp_path) -> None:
    src, project = make_source(tmp_path)
    build_decks(src, tmp_path / "a", project)
    build_decks(src, tmp_path / "b", project)

    def files(out: Path) -> dict[str, bytes]:
        return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
                if p.suffix in (".apkg", ".json") and not p.name.startswith(".")}

    first = files(tmp_path / "a")
    assert len(first) == 3 and first == files(tmp_path / "b")  # the lock is the project's
    assert len(read_media(first[PROJECT_FILE])) == 9
    build_decks(src, tmp_path / "a", project, force=True)
    assert files(tmp_path / "a") == first


def test_a_script_tag_file_name_imports_and_stays_text(tmp_path) -> None:
    collection = pytest.importorskip("anki.collection").Collection
    target = '"><script>alert(1)</script>.png'
    # The reader cannot see such an embed in Markdown (it reads the tag as HTML), so the
    # model is written directly; the file itself is real and found as a build finds it.
    folder = tmp_path / "notes" / '"><script>alert(1)<'
    folder.mkdir(parents=True)
    (folder / "script>.png").write_bytes(PNG)
    note = small_note()
    note = replace(note, faq=(replace(note.faq[0], answer=(Embed(target, 9),)),))
    asset = functools.partial(assets.read, note_dir=str(tmp_path / "notes"),
                              root=str(tmp_path / "notes"))
    assert asset(target) == PNG
    ctx = RenderContext(RenderOptions(), Layouts(None), EPOCH, asset=asset)
    data = {o.path: o.data for o in DeckRenderer().render(note, ctx).files}["deck.apkg"]
    apkg = tmp_path / "deck.apkg"
    apkg.write_bytes(data)
    (tmp_path / "anki").mkdir()
    col = collection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        log = import_apkg(col, apkg)
        assert len(log.new) == 1
        assert media_files(col) == {media_name(target, PNG): PNG}
        answer = answer_of(col, "route/faq/1")
        assert images(answer) == [{"src": media_name(target, PNG), "alt": target}]
        assert "<script" not in answer.lower()
        assert [t for t, _ in elements(answer)].count("script") == 0
    finally:
        col.close()


def test_zip_time_is_shared_by_media_members() -> None:
    data = render(small_note(), {"map.png": PNG})["deck.apkg"]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {zip_time(EPOCH)}


def _genanki_collection(decks: list, notes_of: dict, models: dict) -> bytes:
    """The same decks written by genanki's own notes and package into a database in memory,
    with the ids, times and positions the collection gives them."""
    import sqlite3

    import genanki

    from studypress.renderers.deck import apkg
    from studypress.renderers.deck.naming import stable_id

    class Note(genanki.Note):
        def write_to_db(self, cursor, timestamp, deck_id, id_gen) -> None:
            cursor.execute("INSERT INTO notes VALUES(?,?,?,?,?,?,?,?,?,?,?);", (
                self.note_id, self.guid, self.model.model_id, self.mod, -1,
                self._format_tags(), self._format_fields(), self.sort_field, 0, 0, ""))
            for card, card_id in zip(self.cards, self.card_ids, strict=True):
                cursor.execute("INSERT INTO cards VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?);",
                               (card_id, self.note_id, deck_id, card.ord, self.mod, -1, 0, 0,
                                self.position, 0, 0, 0, 0, 0, 0, 0, 0, ""))

    ids, card_ids = apkg._Ids(), apkg._Ids()
    gdecks, position = [], 0
    for name in decks:
        deck = genanki.Deck(stable_id("studypress deck", name), name)
        for m in models.values():
            deck.add_model(m)
        for pn in notes_of[name]:
            position += 1
            note = Note(model=models[pn.notetype], fields=list(pn.values), tags=list(pn.tags),
                        guid=pn.guid)
            note.note_id, note.mod, note.position = ids.take(pn.added, pn.guid), pn.mod, position
            note.card_ids = [card_ids.take(pn.added, f"{pn.guid}/{c.ord}") for c in note.cards]
            deck.add_note(note)
        gdecks.append(deck)
    memory = sqlite3.connect(":memory:")
    # Time 0: a plain genanki model takes the package's time (the deck's models keep their own).
    genanki.Package(gdecks).write_to_db(memory.cursor(), 0, iter(()))
    memory.commit()
    expected = memory.serialize()
    memory.close()
    return expected


def test_the_collection_on_disk_is_the_database_genanki_makes_in_memory(tmp_path) -> None:
    """A deck's collection is written to a file, note by note (a large vault's does not fit
    in memory); its bytes are those of the same notes written by genanki's own notes and
    package into a database in memory: the same rows, the same cards for front/back notes
    with empty fields and for cloze notes, in the same order."""
    import genanki

    from studypress.renderers.deck import apkg

    simple = genanki.Model(1607392319, "Simple", fields=[{"name": "Q"}, {"name": "A"},
                                                         {"name": "Extra"}],
                           templates=[{"name": "c", "qfmt": "{{Q}}", "afmt": "{{A}}"},
                                      {"name": "r", "qfmt": "{{#Extra}}{{A}}{{/Extra}}",
                                       "afmt": "{{Q}}"}])
    cloze = genanki.Model(1607392320, "Gaps", fields=[{"name": "Text"}, {"name": "More"}],
                          templates=[{"name": "g", "qfmt": "{{cloze:Text}}",
                                      "afmt": "{{cloze:Text}}<br>{{More}}"}],
                          model_type=genanki.Model.CLOZE)
    models = {"Simple": simple, "Gaps": cloze}

    def note(i: int):
        if i % 5 == 4:
            gaps = " ".join(f"{{{{c{1 + (i * k) % 12}::w{k}}}}}" for k in range(1 + i % 4))
            return apkg.PackageNote(f"z{i}", "Gaps", (gaps, f"m{i}"), ("t1", f"n{i % 3}"),
                                    1700000000 + i % 7, 1700000000)
        return apkg.PackageNote(f"g{i}", "Simple", (f"q{i} " * (i % 40), f"a{i}",
                                                    "x" if i % 3 == 0 else ""),
                                ("one",) if i % 2 else (), 1700000000 + i % 7, 1700000000)

    notes_of = {"Many": tuple(note(i) for i in range(3000)),
                "Many::More": tuple(note(i) for i in range(3000, 3400))}
    path = tmp_path / "collection.anki2"
    book = apkg.Collection(path)
    for name, notes in notes_of.items():
        book.add(apkg.PackageDeck(name, "", notes), models, announce=True)
    book.close()
    expected = _genanki_collection(list(notes_of), notes_of, models)
    assert len(expected) > 100_000
    assert path.read_bytes() == expected
    packed = io.BytesIO()
    apkg._archive(path, {}, apkg.zip_time(1700000000), packed)
    with zipfile.ZipFile(packed) as z:
        assert z.read("collection.anki2") == expected
        assert z.getinfo("collection.anki2").compress_type == zipfile.ZIP_DEFLATED


def test_a_tag_with_a_space_is_refused_as_genanki_refuses_it(tmp_path) -> None:
    import genanki

    from studypress.renderers.deck import apkg

    model = genanki.Model(1607392319, "Simple", fields=[{"name": "Q"}, {"name": "A"}],
                          templates=[{"name": "c", "qfmt": "{{Q}}", "afmt": "{{A}}"}])
    book = apkg.Collection(tmp_path / "collection.anki2")
    try:
        with pytest.raises(ValueError, match="contains a space"):
            book.add(apkg.PackageDeck("D", "", (apkg.PackageNote(
                "g", "Simple", ("q", "a"), ("two words",), 1700000000, 1700000000),)),
                {"Simple": model})
    finally:
        book.close()
