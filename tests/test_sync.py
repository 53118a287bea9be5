"""``studypress sync``: the project's deck written straight into a real Anki collection.

A note is synced, some cards are reviewed, one is edited by hand and one is moved to a deck of
the user's; then the note is edited (two same-date events swap places, one is redated, one is
reworded, the quiz is renumbered, a person is renamed, a term is deleted) and synced again:
every card still shows its own item with its history, nothing is duplicated, the hand edit and
the move survive, and the deleted term is reported, then removed by a sync with ``prune``.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

anki_collection = pytest.importorskip("anki.collection")

from studypress.anki_sync.sync import Change, SyncReport, sync_project  # noqa: E402
from studypress.build import BuildConfig  # noqa: E402
from studypress.cli import app  # noqa: E402
from studypress.renderers.base import RenderOptions  # noqa: E402

from .test_deck_anki import EPOCH, source_date_epoch  # noqa: E402
from .test_deck_identity import EDITED, ITEMS, NOTE, note_of, own_words  # noqa: E402

Collection = anki_collection.Collection
runner = CliRunner()


def new_collection(path: Path) -> Path:
    Collection(str(path)).close()
    return path


def sync(base: Path, collection: Path, epoch: int = EPOCH, **options) -> SyncReport:
    config = BuildConfig(paths=[base / "source"], output=base / "output", renderers=["deck"],
                         jobs=1, project_dir=base, options=RenderOptions(project_name="main"))
    with source_date_epoch(epoch):
        synced = sync_project(config, collection, **options)
    assert synced.sync is not None, [d.format() for d in synced.build.diagnostics]
    return synced.sync


@dataclass
class Story:
    col: object
    before: dict[str, int]  # item → Anki note id
    after: dict[str, int]
    reviewed: dict[int, tuple]  # card id → (reps, due, ivl) before the edit
    notes_before: int
    first: SyncReport
    second: SyncReport
    moved: int  # the card the user moved to a deck of their own
    own_deck: int
    announced: list[list[Change]]
    pruned: SyncReport


def review_and_edit(col, before: dict[str, int]) -> tuple[dict[int, tuple], int, int]:
    """Review four cards, edit one person by hand, move one card to the user's own deck."""
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
    own_deck = col.decks.id("My own deck")
    moved = col.get_note(before["narkomindel"]).cards()[0].id
    col.set_deck([moved], own_deck)
    return reviewed, moved, own_deck


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> Iterator[Story]:
    base = tmp_path_factory.mktemp("sync")
    (base / "source").mkdir()
    note = base / "source" / "identity.md"
    note.write_text(NOTE, encoding="utf-8")
    path = new_collection(base / "collection.anki2")
    first = sync(base, path)
    col = Collection(str(path))
    before = {name: note_of(col, words) for name, words in ITEMS.items()}
    reviewed, moved, own_deck = review_and_edit(col, before)
    notes_before = col.note_count()
    col.close()

    note.write_text(EDITED, encoding="utf-8")
    second = sync(base, path)
    announced: list[list[Change]] = []
    pruned = sync(base, path, prune=True, on_prune=lambda s: announced.append(list(s)))
    col = Collection(str(path))
    try:
        after = {name: note_of(col, words) for name, words in ITEMS.items()
                 if name != "comintern"}
        yield Story(col, before, after, reviewed, notes_before, first, second, moved,
                    own_deck, announced, pruned)
    finally:
        col.close()


def test_the_first_sync_adds_every_item(story: Story) -> None:
    assert len(story.first.added) == story.notes_before == len(ITEMS)
    assert (story.first.updated, story.first.stale) == ([], [])


def test_every_item_is_still_on_its_own_card(story: Story) -> None:
    assert story.after == {n: i for n, i in story.before.items() if n != "comintern"}


def test_nothing_is_duplicated(story: Story) -> None:
    assert story.second.added == []
    # The edited items are updated; the untouched ones are left to the user's edits.
    assert {c.key for c in story.second.updated} >= {
        "identity/event/1934-01#1", "identity/person/boris-skvirsky"}
    assert "identity/person/maxim-litvinov" not in {c.key for c in story.second.updated}


def test_reviewed_cards_keep_their_history_and_content(story: Story) -> None:
    col = story.col
    for cid, history in story.reviewed.items():
        card = col.get_card(cid)
        assert (card.reps, card.due, card.ivl) == history
        name = next(n for n, nid in story.before.items() if nid == card.nid)
        assert ITEMS[name] in own_words(card.note())
    bullitt = col.get_note(story.after["bullitt"])
    assert "January 1934" in bullitt["Date"] and "December" not in bullitt["Date"]
    assert "Boris Skvirsky" in own_words(col.get_note(story.after["shvirsky"]))


def test_a_hand_edit_on_an_untouched_card_survives(story: Story) -> None:
    assert story.col.get_note(story.after["litvinov"])["Role"] == "my own words"


def test_a_card_the_user_moved_stays_where_they_put_it(story: Story) -> None:
    assert story.col.get_card(story.moved).did == story.own_deck


def test_the_deleted_term_is_reported_then_pruned(story: Story) -> None:
    (stale,) = story.second.stale
    assert stale.key == "identity/term/comintern" and "Comintern" in stale.label
    assert story.second.deleted == 0  # without prune it stays
    assert story.announced == [[stale]]
    assert story.pruned.deleted == 1
    assert story.col.note_count() == story.notes_before - 1
    assert not [n for n in story.col.find_notes("") if "Communist International"
                in own_words(story.col.get_note(n))]
    assert (story.pruned.added, story.pruned.updated) == ([], [])


def test_prune_keeps_other_notes_whose_id_starts_alike(tmp_path: Path) -> None:
    """Another project's note ``identity-2`` shares the prefix of ``identity``'s search."""
    other = tmp_path / "other"
    (other / "source").mkdir(parents=True)
    (other / "source" / "identity-2.md").write_text(NOTE, encoding="utf-8")
    path = new_collection(tmp_path / "collection.anki2")
    sync(other, path)
    mine = tmp_path / "mine"
    (mine / "source").mkdir(parents=True)
    (mine / "source" / "identity.md").write_text(EDITED, encoding="utf-8")
    report = sync(mine, path, prune=True)
    assert report.stale == [] and report.deleted == 0
    col = Collection(str(path))
    try:
        assert col.note_count() == 2 * len(ITEMS) - 1
    finally:
        col.close()


# --------------------------------------------------------------------- the command line


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "identity.md").write_text(NOTE, encoding="utf-8")
    (tmp_path / "studypress.toml").write_text('outputs = ["deck"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def stamp(path: Path) -> tuple[str, int, list[str]]:
    """The collection's bytes, its mtime and the files beside it."""
    return (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns,
            sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name)))


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_a_dry_run_writes_nothing_into_the_collection(project: Path) -> None:
    path = new_collection(project / "collection.anki2")
    before = stamp(path)
    result = invoke("sync", "--collection", str(path), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Term Comintern" in result.output
    assert f"a sync would give {len(ITEMS)} added, 0 updated" in result.output
    assert stamp(path) == before
    col = Collection(str(path))
    try:
        assert col.note_count() == 0
    finally:
        col.close()


def test_a_sync_then_a_dry_run_of_prune_lists_what_would_go(project: Path) -> None:
    path = new_collection(project / "collection.anki2")
    result = invoke("sync", "-c", str(path))
    assert result.exit_code == 0, result.output
    assert f"{len(ITEMS)} added, 0 updated, 0 unchanged, 0 deleted" in result.output
    (project / "source" / "identity.md").write_text(EDITED, encoding="utf-8")
    before = stamp(path)
    result = invoke("sync", "-c", str(path), "--dry-run", "--prune")
    assert result.exit_code == 0, result.output
    assert "would be deleted" in result.output and "identity/term/comintern" in result.output
    assert "0 added" in result.output and "1 deleted" in result.output
    assert stamp(path) == before
    result = invoke("sync", "-c", str(path), "--prune")
    assert result.exit_code == 0, result.output
    listed = result.output.index("identity/term/comintern")
    assert listed < result.output.index("1 deleted")


HOLD = textwrap.dedent("""\
    import sys
    from anki.collection import Collection
    col = Collection(sys.argv[1])
    print("open", flush=True)
    sys.stdin.read()
    col.close()
""")


def test_a_collection_anki_holds_open_is_refused(project: Path) -> None:
    path = new_collection(project / "collection.anki2")
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        result = invoke("sync", "--collection", str(path))
    finally:
        holder.communicate("", timeout=60)
    assert result.exit_code == 2, result.output
    assert "open in Anki" in result.output and str(path) in result.output
    assert not (project / "output").exists()  # refused before building


def other_database(path: Path) -> Path:
    """An SQLite file that is not Anki's."""
    import sqlite3

    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (id INTEGER)")
    connection.commit()
    connection.close()
    return path


@pytest.mark.parametrize("make, words", [
    (lambda p: p, "no such collection"),
    (lambda p: (p.mkdir(), p)[1], "is a folder"),
    (lambda p: (p.write_text("not a database " * 100), p)[1], "not an Anki collection"),
    (lambda p: (p.write_bytes(b""), p)[1], "not an Anki collection"),
    (lambda p: other_database(p), "not an Anki collection (no such table: col)"),
])
def test_a_path_that_is_no_collection_is_a_located_error(project: Path, make, words) -> None:
    path = make(project / "collection.anki2")
    result = invoke("sync", "--collection", str(path))
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert f"{path}: " in result.output and words in result.output
    assert "Traceback" not in result.output


def test_a_folder_holding_a_collection_names_it(project: Path) -> None:
    profile = project / "User 1"
    profile.mkdir()
    new_collection(profile / "collection.anki2")
    result = invoke("sync", "--collection", str(profile))
    assert result.exit_code == 2
    assert f"its collection is {profile / 'collection.anki2'}" in result.output


def test_without_the_anki_package_the_command_says_how_to_install_it(
        project: Path, monkeypatch) -> None:
    path = new_collection(project / "collection.anki2")
    monkeypatch.setitem(sys.modules, "anki", None)
    monkeypatch.setitem(sys.modules, "anki.collection", None)
    result = invoke("sync", "--collection", str(path))
    assert result.exit_code == 2, result.output
    assert "pip install studypress[anki]" in result.output
    assert not (project / "output").exists()


def test_a_sync_after_output_is_deleted_changes_nothing(tmp_path: Path) -> None:
    import shutil

    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "identity.md").write_text(NOTE, encoding="utf-8")
    path = new_collection(tmp_path / "collection.anki2")
    sync(tmp_path, path)
    col = Collection(str(path))
    try:
        litvinov = col.get_note(note_of(col, ITEMS["litvinov"]))
        litvinov["Role"] = "my own words"
        col.update_note(litvinov)
    finally:
        col.close()
    shutil.rmtree(tmp_path / "output")
    # A later build time: without studypress.lock every card would count as changed.
    report = sync(tmp_path, path, epoch=EPOCH + 1000)
    assert (report.added, report.updated, report.unchanged) == ([], [], len(ITEMS))
    col = Collection(str(path))
    try:
        assert col.get_note(litvinov.id)["Role"] == "my own words"
    finally:
        col.close()


def test_a_single_note_is_refused_since_only_folders_make_the_project_deck(
        project: Path) -> None:
    path = new_collection(project / "collection.anki2")
    before = stamp(path)
    result = invoke("sync", "-c", str(path), "source/identity.md")
    assert result.exit_code == 2, result.output
    assert "source/identity.md: sync takes the whole project" in result.output
    assert stamp(path) == before and not (project / "output").exists()


def test_the_output_folder_stays_held_from_the_build_to_the_end_of_the_import(
        tmp_path, monkeypatch):
    """No other command may change or remove the deck between the build and its import."""
    import fcntl
    import os
    import threading

    from studypress.anki_sync import sync as sync_module

    base = tmp_path / "p"
    (base / "source").mkdir(parents=True)
    (base / "source" / "identity.md").write_text(NOTE, encoding="utf-8")
    held_during_import = []
    real = sync_module.sync_package

    def importing(*args, **kw):
        fd = os.open(base / "output", os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            held_during_import.append(False)
        except BlockingIOError:
            held_during_import.append(True)
        finally:
            os.close(fd)
        return real(*args, **kw)

    monkeypatch.setattr(sync_module, "sync_package", importing)
    collection = new_collection(tmp_path / "c.anki2")
    done = threading.Thread(target=sync, args=(base, collection), daemon=True)
    done.start()
    done.join(120)  # the build inside holds the folder sync holds: it must not wait for it
    assert not done.is_alive() and held_during_import == [True]
