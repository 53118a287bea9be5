"""What the combined deck takes from a note is made along with the note's own deck, where the
notes render side by side: the build's own process then only stamps and writes, and the
combined deck and the lock are the same bytes as when it makes every note's part itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from studypress.build import BuildConfig, build, memo
from studypress.build.render import Job, JobResult, offering
from studypress.model import Note
from studypress.renderers.base import Output, RenderOptions
from studypress.renderers.deck import DeckRenderer, combined

from .projects import project_of


def _note(name: str, title: str, event: str, year: int) -> str:
    return (f"# {title}\n\n## Timeline\n\n- **{year}:** {event}\n"
            f"- **{len(name) + 1900}:** {name} alone\n\n## Glossary\n\n"
            f"- **{title} term**: what {name} means\n")


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    # Two notes ask the same thing: the combined deck names their notes.
    project_of(tmp_path, monkeypatch, {
        f"{name}.md": _note(name, name.upper(), "War breaks out." if n < 2 else f"{name} happens.",
                            1950 + n % 2)
        for n, name in enumerate(("a", "bb", "ccc", "dddd"))})
    return tmp_path


def _build(project: Path, out: str, jobs: int) -> dict[str, bytes]:
    (project / "studypress.lock").unlink(missing_ok=True)
    report = build(BuildConfig(paths=[project / "source"], output=project / out,
                               renderers=["deck"], project_dir=project, jobs=jobs))
    assert not report.failed
    return {"deck": (project / out / "study-notes.apkg").read_bytes(),
            "lock": (project / "studypress.lock").read_bytes()}


def _counting(monkeypatch) -> list[str]:
    """The ids of the notes ``note_cards`` is called for in this process."""
    calls: list[str] = []
    real = combined.note_cards

    def counted(note, *args):
        calls.append(note.id)
        return real(note, *args)

    monkeypatch.setattr(combined, "note_cards", counted)
    return calls


def _made_by_the_build(project: Path, monkeypatch, jobs: int) -> dict[str, bytes]:
    """The bytes when no part is made beside the decks: the build makes each one itself."""
    with monkeypatch.context() as m:
        m.delattr(DeckRenderer, "project_part")
        calls = _counting(m)
        made = _build(project, f"alone-{jobs}", jobs)
    assert sorted(calls) == ["a", "bb", "ccc", "dddd"]
    return made


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_workers_make_the_parts_and_the_bytes_stay_the_same(project, monkeypatch, jobs):
    alone = _made_by_the_build(project, monkeypatch, jobs)
    calls = _counting(monkeypatch)
    parts = _build(project, f"parts-{jobs}", jobs)
    # With workers the build's own process makes none; alone it makes each once, with the
    # note's deck, not again for the combined deck.
    assert sorted(calls) == ([] if jobs > 1 else ["a", "bb", "ccc", "dddd"])
    assert parts == alone
    assert b"note-name" in _sqlite(project, f"parts-{jobs}")  # the notes named all the same


def _sqlite(project: Path, out: str) -> bytes:
    import io
    import zipfile

    data = (project / out / "study-notes.apkg").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("collection.anki2")


def test_a_part_that_cannot_be_made_is_made_by_the_build(project, monkeypatch):
    alone = _made_by_the_build(project, monkeypatch, 1)

    def broken(*_args):
        raise RuntimeError("no part")

    monkeypatch.setattr(combined, "part", broken)
    calls = _counting(monkeypatch)
    assert _build(project, "broken", 1) == alone
    assert sorted(calls) == ["a", "bb", "ccc", "dddd"]


def test_a_part_is_offered_only_once_its_files_are_on_disk():
    job = Job(Note(id="n", title="N", source="n.md"), (("deck", "m"),), RenderOptions(), "",
              "", 0, "", "")
    offered: list[tuple[str, str, bytes]] = []

    def written(_job, result):
        return result

    def lost(_job, result):
        result.unwritten = True
        return result

    done = offering(written, lambda *a: offered.append(a))(
        job, JobResult(files={"deck": [Output("deck.apkg", b"x")]}, parts={"deck": b"p"}))
    assert offered == [("deck", "n", b"p")] and done.parts == {}
    offered.clear()
    offering(lost, lambda *a: offered.append(a))(job, JobResult(parts={"deck": b"p"}))
    failed = JobResult(parts={"deck": b"p"}, failed={"deck"})
    offering(written, lambda *a: offered.append(a))(job, failed)
    assert offered == []


def test_an_offered_part_serves_and_is_kept_under_the_key(tmp_path):
    kept = memo.Memo(tmp_path / memo.MEMO_NAME)
    kept.offer("deck", "n", memo.pack(("the", "part")))
    assert kept.remember("deck", "n", "key", lambda: pytest.fail("made again")) == ("the",
                                                                                 "part")
    assert kept.used_made[("deck", "n")][0] == "key"
    # Taken once: a second turn is what the memo keeps, or made.
    assert kept.remember("deck", "n", "other", lambda: "made") == "made"


def test_an_offered_part_that_does_not_unpack_is_made_again(tmp_path):
    kept = memo.Memo(tmp_path / memo.MEMO_NAME)
    kept.offer("deck", "n", b"not packed")
    assert kept.remember("deck", "n", "key", lambda: "made") == "made"
