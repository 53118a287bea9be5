"""The combined deck gathers again only the cards of the notes that changed: what it took
from each note is kept with the build (build/memo.py), keyed by the note's record."""

from __future__ import annotations

import contextlib
import io
import sqlite3
import zipfile
from pathlib import Path

import pytest

from studypress.build import BuildConfig, build
from studypress.build.memo import MEMO_NAME
from studypress.renderers.deck import combined as combined_module

from .projects import project_of


def note(i: int, extra: str = "") -> str:
    return (f"# Note {i}\n\n## Timeline\n\n- **191{i}:** Event {i} happens\n"
            f"- **192{i}:** Another event {i}\n{extra}\n## Glossary\n\n"
            f"- **Term {i}**: a word defined\n")


@pytest.fixture
def project(tmp_path, monkeypatch):
    project_of(tmp_path, monkeypatch, {f"n{i}.md": note(i) for i in range(3)})
    return tmp_path


@pytest.fixture
def gathered(monkeypatch):
    """The ids of the notes whose cards the combined deck gathered, in order: handed over by
    the note's own deck's build, or taken from the files it wrote."""
    seen: list[str] = []

    def counting(real):
        def counted(n, *args, **kw):
            seen.append(n.id)
            return real(n, *args, **kw)
        return counted

    for name in ("take", "handed"):
        monkeypatch.setattr(combined_module, name, counting(getattr(combined_module, name)))
    return seen


def run(project: Path, output: str = "output", **kw):
    # One process: every gathering is counted, with a note's own deck or for the combined one.
    return build(BuildConfig(paths=[project / "source"], output=project / output,
                             renderers=["deck"], project_dir=project, jobs=1, **kw))


def combined(project: Path, output: str = "output") -> bytes:
    return (project / output / "study-notes.apkg").read_bytes()


def fields(apkg: bytes, tmp: Path) -> str:
    """Every note's fields in the package, one string."""
    with zipfile.ZipFile(io.BytesIO(apkg)) as z:
        (tmp / "c.anki2").write_bytes(z.read("collection.anki2"))
    with contextlib.closing(sqlite3.connect(tmp / "c.anki2")) as db:
        return "\n".join(row[0] for row in db.execute("select flds from notes"))


def test_an_edited_note_alone_has_its_cards_gathered_again(project, gathered):
    run(project)
    assert sorted(gathered) == ["n0", "n1", "n2"]
    gathered.clear()
    (project / "source" / "n1.md").write_text(note(1, "- **1930:** A new event\n"),
                                              encoding="utf-8")
    report = run(project)
    assert report.built == ["n1"]
    assert gathered == ["n1"]
    assert "A new event" in fields(combined(project), project)
    gathered.clear()
    assert run(project).built == [] and gathered == []


def test_the_kept_cards_make_the_same_deck_as_gathering_them_all(project, gathered):
    run(project)
    (project / "source" / "n2.md").write_text(note(2, "- **1931:** Late news\n"),
                                              encoding="utf-8")
    lock = (project / "studypress.lock").read_bytes()
    run(project)
    kept = combined(project)
    # The same build again with nothing kept: every note's cards gathered afresh.
    (project / "studypress.lock").write_bytes(lock)
    (project / "source" / "n2.md").write_text(note(2), encoding="utf-8")
    run(project)
    (project / "output" / MEMO_NAME).unlink()
    (project / "studypress.lock").write_bytes(lock)
    gathered.clear()
    (project / "source" / "n2.md").write_text(note(2, "- **1931:** Late news\n"),
                                              encoding="utf-8")
    run(project)
    assert sorted(gathered) == ["n0", "n1", "n2"]
    assert combined(project) == kept


def test_a_change_to_the_deck_layouts_gathers_every_note_again(project, gathered):
    run(project)
    gathered.clear()
    (project / "layouts" / "deck.toml").write_text('project_deck = "History"\n',
                                                   encoding="utf-8")
    run(project)
    assert sorted(gathered) == ["n0", "n1", "n2"]
    assert (project / "output" / "history.apkg").is_file()
