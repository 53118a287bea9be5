"""``studypress clean``: what the builds wrote goes, everything else stays."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from studypress.clean import CACHE_NAME, NOTE_LEDGER, clean
from studypress.cli import app

from .conftest import NOTES, SEED

runner = CliRunner()


def snapshot(root: Path) -> dict[str, str]:
    """Every file and folder under ``root`` with a hash of its bytes."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        out[rel] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def make_project(tmp_path: Path) -> Path:
    (tmp_path / "studypress.toml").write_text("", encoding="utf-8")
    (tmp_path / "source" / "sub").mkdir(parents=True)
    shutil.copy(SEED, tmp_path / "source" / SEED.name)
    shutil.copy(NOTES / "messy-notes.md", tmp_path / "source" / "sub" / "messy-notes.md")
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "deck.toml").write_text('project_deck = "Mine"\n', encoding="utf-8")
    return tmp_path


def ledger_guids(output: Path) -> dict[str, set[str]]:
    """Each note's deck ledger: the GUIDs of the cards it keeps."""
    return {p.parent.name: set(json.loads(p.read_text(encoding="utf-8"))["items"])
            for p in output.glob(f"*/{NOTE_LEDGER}")}


def test_clean_after_a_build_leaves_the_project_as_it_was(tmp_path, monkeypatch):
    project = make_project(tmp_path)
    monkeypatch.chdir(project)
    before = snapshot(project)
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 0, result.output
    assert (project / "output" / "mine.apkg").is_file()
    guids = ledger_guids(project / "output")
    assert guids and all(guids.values()), "the deck writes a ledger per note"
    result = runner.invoke(app, ["clean"])
    assert result.exit_code == 0, result.output
    # Everything the build wrote into output/ is gone, the note ledgers too, since the lock
    # holds their cards. The lock is the project's, kept beside the notes, and stays.
    after = snapshot(project)
    assert "studypress.lock" not in before
    assert {k: v for k, v in after.items() if k != "studypress.lock"} == before
    assert "kept" not in result.output and "removed" in result.output
    # Nothing of the cards' identities was lost: the next build gives them the same GUIDs.
    assert runner.invoke(app, ["build"]).exit_code == 0
    assert ledger_guids(project / "output") == guids


def test_a_ledger_the_lock_does_not_hold_is_kept(tmp_path, monkeypatch):
    project = make_project(tmp_path)
    monkeypatch.chdir(project)
    assert runner.invoke(app, ["build", "--only", "deck"]).exit_code == 0
    lock = json.loads((project / "studypress.lock").read_text(encoding="utf-8"))
    gone = sorted(lock["deck"]["items"])[0]
    del lock["deck"]["items"][gone]  # as after a build of one note, which leaves the lock
    (project / "studypress.lock").write_text(json.dumps(lock), encoding="utf-8")
    holder = next(n for n, g in ledger_guids(project / "output").items() if gone in g)
    result = runner.invoke(app, ["clean"])
    assert result.exit_code == 0, result.output
    kept = project / "output" / holder / NOTE_LEDGER
    assert kept.is_file()
    assert f"kept output/{holder}/{NOTE_LEDGER}: the deck's identity ledger" in result.output
    assert sorted(p.relative_to(project / "output").as_posix()
                  for p in (project / "output").rglob("*") if p.is_file()) == [
        CACHE_NAME, f"{holder}/{NOTE_LEDGER}"]
    # Without a lock at all, every ledger stays.
    assert runner.invoke(app, ["build", "--only", "deck"]).exit_code == 0
    (project / "studypress.lock").unlink()
    result = runner.invoke(app, ["clean"])
    assert set(ledger_guids(project / "output")) == {SEED.stem, "messy-notes"}


def test_an_older_builds_ledger_in_output_goes_once_migrated(tmp_path, monkeypatch):
    """Older builds kept the project's ledger in output/deck-ledger.json; the build moves it
    into studypress.lock and writes it no more, so clean takes it once the lock holds it."""
    project = make_project(tmp_path)
    monkeypatch.chdir(project)
    assert runner.invoke(app, ["build", "--only", "deck"]).exit_code == 0
    deck = json.loads((project / "studypress.lock").read_text(encoding="utf-8"))["deck"]
    old = project / "output" / NOTE_LEDGER
    old.write_text(json.dumps(deck), encoding="utf-8")
    result = runner.invoke(app, ["clean"])
    assert result.exit_code == 0, result.output
    assert not (project / "output").exists(), result.output
    # One that holds a card the lock does not is the only record of that card: it stays.
    assert runner.invoke(app, ["build", "--only", "deck"]).exit_code == 0
    deck["items"]["unknown-guid"] = next(iter(deck["items"].values()))
    old.write_text(json.dumps(deck), encoding="utf-8")
    result = runner.invoke(app, ["clean"])
    assert old.is_file()
    assert f"kept output/{NOTE_LEDGER}: the deck's identity ledger" in result.output


def test_an_output_changed_by_hand_is_kept(tmp_path, monkeypatch):
    project = make_project(tmp_path)
    monkeypatch.chdir(project)
    assert runner.invoke(app, ["build", "--only", "model"]).exit_code == 0
    edited = project / "output" / SEED.stem / "model.json"
    edited.write_text("{}\n", encoding="utf-8")
    result = runner.invoke(app, ["clean"])
    assert result.exit_code == 0, result.output
    assert edited.read_text() == "{}\n"
    assert f"kept output/{SEED.stem}/model.json: changed since studypress wrote it" in \
        result.output
    assert not (project / "output" / "messy-notes").exists()


def test_a_file_put_in_output_by_hand_survives(tmp_path, monkeypatch):
    project = make_project(tmp_path)
    monkeypatch.chdir(project)
    assert runner.invoke(app, ["build", "--only", "model", "--only", "guide"]).exit_code == 0
    mine = project / "output" / SEED.stem / "my-notes.txt"
    mine.write_text("mine\n", encoding="utf-8")
    before = snapshot(project / "source")
    result = runner.invoke(app, ["clean"])
    assert result.exit_code == 0, result.output
    assert mine.read_text() == "mine\n"
    assert f"kept output/{SEED.stem}/my-notes.txt: not written by studypress" in result.output
    # Only the hand-put file and its folder are left, and an empty record that keeps the
    # folder known as the build's.
    assert sorted(p.relative_to(project / "output").as_posix()
                  for p in (project / "output").rglob("*")) == [
        CACHE_NAME, SEED.stem, f"{SEED.stem}/my-notes.txt"]
    assert snapshot(project / "source") == before
    result = runner.invoke(app, ["build", "--only", "model"])
    assert result.exit_code == 0, result.output
    assert mine.read_text() == "mine\n" and (mine.parent / "model.json").is_file()


def test_without_a_record_nothing_is_removed(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "guide.pdf").write_bytes(b"%PDF")
    result = clean(output)
    assert result.removed == [] and (output / "guide.pdf").is_file()
    assert "has no build record" in result.messages[0]
    assert "does not exist" in clean(tmp_path / "missing").messages[0]


def test_a_record_pointing_outside_output_removes_nothing_there(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    victim = tmp_path / "precious.txt"
    victim.write_text("keep\n", encoding="utf-8")
    (output / "note").mkdir()
    (output / "note" / "guide.pdf").write_bytes(b"%PDF")
    record = {"tool": "0", "notes": {"note": {"key": "k", "files": {
        "guide": ["guide.pdf", "../../precious.txt"]}}}, "project": {"key": "k", "files": [
            "../precious.txt"]}}
    (output / CACHE_NAME).write_text(json.dumps(record), encoding="utf-8")
    result = clean(output)
    assert victim.read_text() == "keep\n"
    assert sorted(p.name for p in result.removed) == [CACHE_NAME, "guide.pdf"]
    assert not output.exists()  # emptied, so it goes too


def test_clean_through_the_command_with_an_output_option(tmp_path, monkeypatch):
    project = make_project(tmp_path)
    monkeypatch.chdir(project)
    assert runner.invoke(app, ["build", "--only", "model", "-o", "elsewhere"]).exit_code == 0
    result = runner.invoke(app, ["clean"])
    assert "nothing to do: output does not exist" in result.output
    result = runner.invoke(app, ["clean", "-o", "elsewhere"])
    assert result.exit_code == 0 and not (project / "elsewhere").exists()


def test_the_identity_ledger_is_never_removed(tmp_path, monkeypatch):
    project = make_project(tmp_path)
    lock = project / "studypress.lock"
    lock.write_text("{}\n", encoding="utf-8")
    monkeypatch.chdir(project)
    assert runner.invoke(app, ["build", "--only", "model"]).exit_code == 0
    record = json.loads((project / "output" / CACHE_NAME).read_text(encoding="utf-8"))
    record["project"] = {"key": "k", "files": ["studypress.lock", "../studypress.lock"]}
    (project / "output" / CACHE_NAME).write_text(json.dumps(record), encoding="utf-8")
    (project / "output" / "studypress.lock").write_text("{}\n", encoding="utf-8")
    result = runner.invoke(app, ["clean"])
    assert result.exit_code == 0
    assert lock.read_text() == "{}\n" and (project / "output" / "studypress.lock").is_file()
    assert "kept output/studypress.lock: the deck's identity ledger" in result.output
