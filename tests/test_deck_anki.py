"""The deck imported into a real Anki collection (the ``anki`` package), through the real build.

Two collections serve every test: one follows the seed note through a first import, a
repeated import, review and hand edits, an edited rebuild and a removal; the other takes the
combined deck of the whole corpus plus a hostile note.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

anki_collection = pytest.importorskip("anki.collection")

from studypress.build import BuildConfig, BuildReport, build  # noqa: E402
from studypress.layouts import Layouts  # noqa: E402
from studypress.model import Note, QuestionKind  # noqa: E402
from studypress.reader import read_note  # noqa: E402
from studypress.renderers.base import RenderOptions  # noqa: E402
from studypress.renderers.deck import DeckConfig, naming  # noqa: E402
from studypress.renderers.deck import ledger as ledgers  # noqa: E402

from .conftest import CORPUS, SEED  # noqa: E402

Collection = anki_collection.Collection
ImportAnkiPackageRequest = anki_collection.ImportAnkiPackageRequest
ImportAnkiPackageOptions = anki_collection.ImportAnkiPackageOptions

EPOCH = 1_700_000_000
SEED_ID = "russian-history-ii-us-recognition-of-soviet-union-timeline"
SEED_DECK = ("Network School::Russian History::Russian History II::"
             "U.S. Recognition of the Soviet Union")
PROJECT = "Study Notes"  # the combined deck (layouts/deck.toml)
PROJECT_FILE = "study-notes.apkg"

HOSTILE = """\
---
title: "<script>alert(1)</script> & \\"quotes\\" 'single' {{Deck}}"
tags: [hostile, "two words", "nested/tag"]
---

## Timeline

- **1933:** <script>alert('x')</script> {{Front}} {{c1::cloze}} [sound:boom.mp3] & "quotes" \
<img src=x onerror=alert(1)> [bad](javascript:alert(1)) $x^{2} < 3$ and $$\\frac{a}{b}$$
- **1934:** Second event with `<code>` and ==mark== and [[Wiki|wiki label]] [1].

## Cast of Characters

**{{Name}} Smith (<i>Role</i> & co):** <a href="javascript:alert(1)" onclick="x()">click</a> \
{{FrontSide}} Smith did it.

## Glossary

- **{{c2::Term}}**: definition with <script>bad()</script> and {{c2::Term}} again.

## Quiz

1. What is {{Deck}}? <script>
2. Where is [data](data:text/html,<script>alert(1)</script>)?

## Answer Key

1. {{Tags}} & <style>body{display:none}</style>
2. Nowhere.
"""

DEC_1933_OLD = "William C. Bullitt becomes the first U.S. ambassador to the Soviet Union."
DEC_1933_NEW = "William C. Bullitt takes up his post as the first American ambassador in Moscow."
KALININ_OLD = "Recipient of Roosevelt's initial letter expressing willingness to negotiate"
KALININ_NEW = "Received Roosevelt's first letter, which offered talks on"
AUGUST_1939 = "- **August 1939:** The Soviet Union signs the Molotov-Ribbentrop Pact"


@contextmanager
def source_date_epoch(value: int) -> Iterator[None]:
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(value)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def build_decks(src: Path, out: Path, project: Path, epoch: int = EPOCH,
                force: bool = False) -> BuildReport:
    with source_date_epoch(epoch):
        report = build(BuildConfig(paths=[src], output=out, renderers=["deck"], jobs=1,
                                   force=force, project_dir=project,
                                   options=RenderOptions(project_name="main")))
    assert not report.failed, [d.format() for d in report.diagnostics]
    return report


def import_apkg(col, path: Path):
    request = ImportAnkiPackageRequest(package_path=str(path),
                                       options=ImportAnkiPackageOptions())
    return col.import_anki_package(request).log


def keys(col, log_notes) -> list[str]:
    """The Key field of each note in an import log list (the log shortens its fields)."""
    return sorted(col.get_note(n.id.nid)["Key"] for n in log_notes)


def strip_style(text: str) -> str:
    return re.sub(r"<style>.*?</style>", "", text, flags=re.S)


def visible(text: str) -> str:
    """What a reader sees: tags removed, entities decoded, spacing collapsed."""
    words = html.unescape(re.sub(r"<[^>]+>", " ", strip_style(text)))
    return re.sub(r"\s+", " ", words)


def elements(text: str) -> list[tuple[str, dict[str, str | None]]]:
    """Every element an HTML parser finds, with its attributes."""
    found: list[tuple[str, dict[str, str | None]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    parser = Collect()
    parser.feed(text)
    parser.close()
    return found


def expected_counts(note: Note) -> tuple[int, int]:
    """Notes and cards the model calls for, by the rules the deck promises."""
    quiz = [q for q in note.questions if q.kind == QuestionKind.SHORT]
    notes = len(note.events) + len(note.people) + len(note.terms) + len(quiz) + len(note.faq)
    cards = (sum(2 if e.date else 1 for e in note.events)
             + sum(2 if p.description else 1 for p in note.people)
             + sum(2 if t.definition else 1 for t in note.terms)
             + len(quiz) + len(note.faq))
    return notes, cards


def card_by(col, key: str, ord_: int):
    nids = col.find_notes(naming.search_quote(f"Key:{key}"))
    assert len(nids) == 1, key
    note = col.get_note(nids[0])
    return next(c for c in note.cards() if c.ord == ord_)


# ----------------------------------------------------------------- the seed, over time


@dataclass
class SeedStory:
    col: object
    note: Note
    first_log: object = None
    first_notes: int = 0
    first_cards: int = 0
    again_log: object = None
    again_notes: int = 0
    update_log: object = None
    update_notes: int = 0
    update_cards: int = 0
    review_before: tuple = ()
    review_after: tuple = ()
    litvinov_role: str = ""
    removal_report: BuildReport | None = None
    layout_log: object = None
    layout_type_mod: tuple[int, int] = (0, 0)
    edit_report: BuildReport | None = None
    texts: dict[str, str] = field(default_factory=dict)


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> Iterator[SeedStory]:
    base = tmp_path_factory.mktemp("seed")
    src, out, project = base / "source", base / "output", base / "project"
    src.mkdir()
    project.mkdir()
    note_path = src / SEED.name
    shutil.copy(SEED, note_path)
    build_decks(src, out, project)
    deck = out / SEED_ID / "deck.apkg"
    (base / "anki").mkdir()
    col = Collection(str(base / "anki" / "collection.anki2"))
    s = SeedStory(col, read_note(SEED, SEED.name))
    try:
        s.first_log = import_apkg(col, deck)
        s.first_notes, s.first_cards = col.note_count(), col.card_count()
        s.again_log = import_apkg(col, deck)
        s.again_notes = col.note_count()

        # The user works in Anki: edits a field by hand and answers a card.
        litvinov = col.get_note(col.find_notes(
            naming.search_quote(f"Key:{SEED_ID}/person/maxim-litvinov"))[0])
        litvinov["Role"] = "my own words"
        col.update_note(litvinov)
        card = card_by(col, f"{SEED_ID}/event/1933-12#1", 0)
        card.start_timer()
        col.sched.answerCard(card, 4)
        card.load()
        s.review_before = (card.reps, card.due, card.ivl, card.type, card.queue)

        # The note is edited: one event's wording and one person's description. The same
        # SOURCE_DATE_EPOCH on purpose: the edited items must still count as newer.
        text = note_path.read_text(encoding="utf-8")
        assert DEC_1933_OLD in text and KALININ_OLD in text
        note_path.write_text(text.replace(DEC_1933_OLD, DEC_1933_NEW)
                             .replace(KALININ_OLD, KALININ_NEW), encoding="utf-8")
        s.edit_report = build_decks(src, out, project)
        s.update_log = import_apkg(col, deck)
        s.update_notes, s.update_cards = col.note_count(), col.card_count()
        card.load()
        s.review_after = (card.reps, card.due, card.ivl, card.type, card.queue)
        litvinov.load()
        s.litvinov_role = litvinov["Role"]

        # An event is removed from the note.
        text = note_path.read_text(encoding="utf-8")
        assert AUGUST_1939 in text
        kept = [line for line in text.splitlines(keepends=True)
                if not line.startswith(AUGUST_1939)]
        note_path.write_text("".join(kept), encoding="utf-8")
        s.removal_report = build_decks(src, out, project, epoch=EPOCH + 50)
        import_apkg(col, deck)

        # The project overrides one card template: the note type changes in Anki, no note does.
        (project / "layouts" / "anki" / "event").mkdir(parents=True)
        (project / "layouts" / "anki" / "event" / "event-date.front.html").write_text(
            "<div class=mine>[[ labels.when ]] {{Event}}</div>", encoding="utf-8")
        sql = "select mtime_secs from notetypes where name = 'studypress Event'"
        before = col.db.scalar(sql)
        build_decks(src, out, project, epoch=EPOCH + 60)
        s.layout_log = import_apkg(col, deck)
        s.layout_type_mod = (before, col.db.scalar(sql))
        yield s
    finally:
        col.close()


def test_first_import_matches_the_model(story: SeedStory) -> None:
    notes, cards = expected_counts(story.note)
    assert (notes, cards) == (22, 42)  # 14 events (2 undated), 8 people
    assert len(story.first_log.new) == notes
    assert (story.first_notes, story.first_cards) == (notes, cards)


def test_deck_names_and_tags(story: SeedStory) -> None:
    col = story.col
    names = {d.name for d in col.decks.all_names_and_ids()}
    assert SEED_DECK in names
    assert {n for n in names if n != "Default"} == {
        "Network School", "Network School::Russian History",
        "Network School::Russian History::Russian History II", SEED_DECK}
    assert {col.decks.name(col.get_card(c).did) for c in col.find_cards("")} == {SEED_DECK}
    kinds = {}
    for nid in col.find_notes(""):
        n = col.get_note(nid)
        kinds.setdefault(n.note_type()["name"], set()).update(n.tags)
    assert kinds == {"studypress Event": {"studypress::event"},
                     "studypress Person": {"studypress::person"}}


def test_event_cards_render(story: SeedStory) -> None:
    col = story.col
    ask = card_by(col, f"{SEED_ID}/event/1933-11-16#1", 0)
    assert "November 16, 1933" in visible(ask.question())
    assert "formally recognizes" not in visible(ask.question())
    answer = ask.answer()
    assert "President Roosevelt formally recognizes the Soviet Union" in visible(answer)
    assert "<svg" in answer and "Before" in visible(answer) and "After" in visible(answer)
    reverse = card_by(col, f"{SEED_ID}/event/1933-11-16#1", 1)
    assert "formally recognizes the Soviet Union" in visible(reverse.question())
    assert "November 16, 1933" not in visible(reverse.question())
    assert "November 16, 1933" in visible(reverse.answer())
    # Two events dated "1920s": each prompt says which one it wants.
    first = visible(card_by(col, f"{SEED_ID}/event/192X#1", 0).question())
    second = visible(card_by(col, f"{SEED_ID}/event/192X#2", 0).question())
    assert "1920s" in first and first != second
    assert "event 1 of 2" in first and "event 2 of 2" in second
    # An undated event has no "when?" card (its back could only say "undated"): its "what
    # happened?" card places it by its group and the events around it.
    undated = col.get_note(col.find_notes(
        naming.search_quote(f"Key:{SEED_ID}/event/undated/post-recognition#1"))[0])
    # (Card 1 is back by the end of this story: a project template below drops the condition.)
    front = visible(next(c for c in undated.cards() if c.ord == 0).question())
    assert "Post-Recognition" in front and "Before" in front
    assert "Debt repayment negotiations stall" not in front
    assert "Debt repayment negotiations stall" in visible(
        next(c for c in undated.cards() if c.ord == 0).answer())


def test_person_cards_render(story: SeedStory) -> None:
    col = story.col
    who = card_by(col, f"{SEED_ID}/person/franklin-d-roosevelt", 0)
    assert "Franklin D. Roosevelt" in visible(who.question())
    answer = visible(who.answer())
    assert "President of the United States" in answer and "1933–1945" in answer
    assert "Orchestrated the recognition of the Soviet Union" in answer
    clue = card_by(col, f"{SEED_ID}/person/sergey-kirov", 1)
    question = visible(clue.question())
    assert "His assassination in 1934" in question and "Kirov" not in question
    assert "Sergey Kirov" in visible(clue.answer())


def test_reimport_adds_nothing(story: SeedStory) -> None:
    assert len(story.again_log.new) == 0
    assert len(story.again_log.updated) == 0
    assert len(story.again_log.duplicate) == story.first_notes
    assert story.again_notes == story.first_notes


def test_edited_rebuild_updates_exactly_the_edited_notes(story: SeedStory) -> None:
    log = story.update_log
    assert len(log.new) == 0
    assert keys(story.col, log.updated) == sorted([f"{SEED_ID}/event/1933-12#1",
                                        f"{SEED_ID}/person/mikhail-kalinin"])
    assert (story.update_notes, story.update_cards) == (story.first_notes, story.first_cards)
    col = story.col
    event = card_by(col, f"{SEED_ID}/event/1933-12#1", 0)
    assert "first American ambassador in Moscow" in visible(event.answer())
    kalinin = card_by(col, f"{SEED_ID}/person/mikhail-kalinin", 0)
    assert "which offered talks on" in visible(kalinin.answer())


def test_hand_edits_and_reviews_survive_the_update(story: SeedStory) -> None:
    assert story.litvinov_role == "my own words"
    reps, ctype, queue = story.review_after[0], story.review_after[3], story.review_after[4]
    assert reps == 1 and ctype == 2 and queue == 2  # answered once, now a review card
    assert story.review_after == story.review_before


def test_removed_event_is_reported_with_a_search_that_finds_it(story: SeedStory) -> None:
    report = story.removal_report
    assert report is not None
    lines = [m for m in report.messages if "removed" in m]
    assert len(lines) == 1
    line = lines[0]
    assert "1 item removed" in line and "August 1939" in line and SEED.name in line
    search = line.split("search in Anki's browser for: ", 1)[1]
    found = story.col.find_notes(search)
    assert len(found) == 1
    assert story.col.get_note(found[0])["Key"] == f"{SEED_ID}/event/1939-08#1"
    # The edit build before it removed nothing.
    assert story.edit_report is not None
    assert not [m for m in story.edit_report.messages if "removed" in m]


def test_a_layout_change_updates_the_note_type_and_no_note(story: SeedStory) -> None:
    assert story.layout_type_mod == (EPOCH, EPOCH + 60)
    assert len(story.layout_log.updated) == 0 and len(story.layout_log.new) == 0
    ask = card_by(story.col, f"{SEED_ID}/event/1933-11-16#1", 1)
    assert strip_style(ask.question()).startswith("<div class=mine>When? President Roosevelt")
    other = card_by(story.col, f"{SEED_ID}/event/1933-11-16#1", 0)
    assert '<div class="kind">' in other.question()  # the other template is as it was


# ------------------------------------------------------- the corpus, combined, hostile


@dataclass
class CorpusStory:
    col: object
    notes: list[Note]
    out: Path
    log: object
    ledger: ledgers.Ledger
    gone_report: BuildReport


@pytest.fixture(scope="module")
def corpus_story(tmp_path_factory) -> Iterator[CorpusStory]:
    base = tmp_path_factory.mktemp("corpus")
    src, out, project = base / "source", base / "output", base / "project"
    src.mkdir()
    project.mkdir()
    for path in CORPUS:
        shutil.copy(path, src / path.name)
    (src / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    build_decks(src, out, project)
    notes = [read_note(p, p.name) for p in sorted(src.glob("*.md"))]
    (base / "anki").mkdir()
    col = Collection(str(base / "anki" / "collection.anki2"))
    try:
        log = import_apkg(col, out / PROJECT_FILE)
        ledger = ledgers.parse_lock((project / "studypress.lock").read_bytes())
        (src / "roman-republic-timeline.md").unlink()  # a whole note leaves the project
        gone = build_decks(src, base / "output", project)
        yield CorpusStory(col, notes, out, log, ledger, gone)
    finally:
        col.close()


def test_combined_deck_holds_every_note_as_a_sub_deck(corpus_story: CorpusStory) -> None:
    col = corpus_story.col
    cfg = DeckConfig.load(Layouts(None))
    total_notes = total_cards = 0
    for note in corpus_story.notes:
        n, c = expected_counts(note)
        total_notes += n
        total_cards += c
        deck = f"{PROJECT}::{cfg.deck_name(note)}"
        cids = col.find_cards(naming.search_quote(f"Key:{note.id}/", prefix=True))
        assert len(cids) == c, note.id
        assert {col.decks.name(col.get_card(cid).did) for cid in cids} == ({deck} if c else set())
    assert len(corpus_story.log.new) == total_notes
    assert (col.note_count(), col.card_count()) == (total_notes, total_cards)
    assert f"{PROJECT}::{SEED_DECK}" in {d.name for d in col.decks.all_names_and_ids()}


def test_combined_and_per_note_decks_agree_on_identity_and_time(
        corpus_story: CorpusStory) -> None:
    for note in corpus_story.notes:
        own = ledgers.parse((corpus_story.out / note.id / "deck-ledger.json").read_bytes())
        for guid, entry in own.items.items():
            assert corpus_story.ledger.items[guid].mod == entry.mod
            assert corpus_story.ledger.items[guid].key == entry.key


def test_no_card_asks_what_its_back_cannot_answer(corpus_story: CorpusStory) -> None:
    col = corpus_story.col
    undated = 0
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        note = card.note()
        if note.note_type()["name"] != "studypress Event" or note["Date"]:
            continue
        undated += 1
        assert card.ord == 0, note["Key"]  # "what happened?", placed by group or neighbours
        assert visible(card.question()).strip() != "What happened?", note["Key"]
    assert undated  # the corpus has undated events
    assert not [cid for cid in col.find_cards("") if ">undated<" in col.get_card(cid).answer()]


def test_no_two_fronts_in_the_combined_deck_are_alike(corpus_story: CorpusStory) -> None:
    col = corpus_story.col
    fronts: dict[str, list[str]] = {}
    for cid in col.find_cards(""):
        card = col.get_card(cid)
        fronts.setdefault(visible(card.question()).strip(), []).append(card.note()["Key"])
    assert {f: keys for f, keys in fronts.items() if len(keys) > 1} == {}


def test_a_note_gone_from_the_project_is_reported(corpus_story: CorpusStory) -> None:
    lines = corpus_story.gone_report.messages
    assert len(lines) == 1 and lines[0].startswith("roman-republic-timeline: deck: 27 items")
    search = lines[0].split("search in Anki's browser for: ", 1)[1]
    roman = next(n for n in corpus_story.notes if n.id == "roman-republic-timeline")
    found = corpus_story.col.find_notes(search)
    assert len(found) == expected_counts(roman)[0] == 27
    assert {corpus_story.col.get_note(n)["Key"].split("/")[0] for n in found} == {roman.id}


def test_term_and_question_cards_render(corpus_story: CorpusStory) -> None:
    col = corpus_story.col
    guide = "russian-history-ii-us-recognition-study-guide"
    define = card_by(col, f"{guide}/term/treaty-of-brest-litovsk", 0)
    assert "Treaty of Brest-Litovsk" in visible(define.question())
    assert "The March 1918 peace" in visible(define.answer())
    which = card_by(col, f"{guide}/term/treaty-of-brest-litovsk", 1)
    assert "The March 1918 peace" in visible(which.question())
    assert "Brest-Litovsk" not in visible(which.question())
    assert "Treaty of Brest-Litovsk" in visible(which.answer())
    quiz = card_by(col, f"{guide}/question/4", 0)
    assert "Which two intermediaries did Roosevelt use" in visible(quiz.question())
    assert "Morgenthau" in visible(quiz.answer())
    faq = col.find_cards(naming.search_quote("Key:recognition-faq/faq/", prefix=True))
    assert len(faq) == 4
    tags = col.get_note(col.find_notes(naming.search_quote(f"Key:{guide}/question/4"))[0]).tags
    assert set(tags) == {"diplomacy", "russian-history", "studypress::question"}


def test_hostile_note_renders_literally(corpus_story: CorpusStory) -> None:
    col = corpus_story.col
    cids = col.find_cards(naming.search_quote("Key:hostile/", prefix=True))
    assert len(cids) == 2 * 2 + 2 + 2 + 2
    shown = []
    for cid in cids:
        card = col.get_card(cid)
        for side in (card.question(), card.answer()):
            body = strip_style(side)
            assert "<script" not in body.lower()
            # The one link a card carries is the one back to its note in Obsidian.
            tags = [(t, a) for t, a in elements(body)
                    if not (t == "a" and (a.get("href") or "").startswith("obsidian://open?"))]
            assert not {t for t, _ in tags} & {"script", "img", "style", "a", "iframe"}
            for tag, attrs in tags:
                assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
            shown.append(visible(side))
        assert card.question_av_tags() == [] and card.answer_av_tags() == []
    text = "\n".join(shown)
    for literal in ("<script>alert('x')</script>", "{{Front}}", "{{c1::cloze}}",
                    "[sound:boom.mp3]", '& "quotes"', "<img src=x onerror=alert(1)>",
                    "{{FrontSide}}", "{{c2::Term}}", "What is {{Deck}}? <script>",
                    "{{Tags}} & <style>body{display:none}</style>", "<i>Role</i> & co",
                    "\\(x^{2} < 3\\)", "\\[\\frac{a}{b}\\]"):
        assert literal in text, literal
    person = naming.search_quote("Key:hostile/person/", prefix=True)
    note = col.get_note(col.find_notes(person)[0])
    assert set(note.tags) == {"hostile", "two_words", "nested::tag", "studypress::person"}
    clue = visible(col.get_card(next(c.id for c in note.cards() if c.ord == 1)).question())
    assert "Smith" not in clue and "[…] did it." in clue


# ----------------------------------------------------------------------- reproducible


def test_two_builds_are_byte_identical(tmp_path) -> None:
    src, project = tmp_path / "source", tmp_path / "project"
    src.mkdir()
    project.mkdir()
    for path in CORPUS:
        shutil.copy(path, src / path.name)
    (src / "hostile.md").write_text(HOSTILE, encoding="utf-8")

    def files(out: Path) -> dict[str, bytes]:
        return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
                if p.is_file() and p.name.endswith((".apkg", ".json"))
                and not p.name.startswith(".")}

    build_decks(src, tmp_path / "a", project)
    build_decks(src, tmp_path / "b", project)
    first, second = files(tmp_path / "a"), files(tmp_path / "b")
    assert len(first) == 2 * len(CORPUS + [src / "hostile.md"]) + 1  # the lock is the project's
    assert first == second
    # A forced rebuild over the first output (its ledgers now in place) changes nothing.
    build_decks(src, tmp_path / "a", project, force=True)
    assert files(tmp_path / "a") == first
