"""What the combined deck takes from a note is handed over by the note's own deck's build,
where the notes render side by side, from what that build has in hand: the build's own
process then only stamps and writes, and the part, the combined deck and the lock are the
same bytes as when each part is made from the files the note's deck wrote."""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studypress import assets
from studypress.build import BuildConfig, build, memo
from studypress.build.render import Job, JobResult, offering, place_of, read_previous
from studypress.layouts import Layouts
from studypress.model import Note
from studypress.reader import read_text
from studypress.renderers.base import Output, RenderContext, RenderOptions
from studypress.renderers.deck import DeckConfig, DeckRenderer, combined

from .projects import project_of

NOTES = Path(__file__).parent / "notes"


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
    """The ids of the notes ``note_cards`` (the cards made again from a note and its deck's
    files) is called for in this process."""
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
    # The note's deck hands its cards over: none is made again, with workers or without.
    assert calls == []
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

    monkeypatch.setattr(combined, "handed", broken)
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


def _rendered(note: Note, out: Path, when: int, note_file: Path, root: Path
              ) -> tuple[combined.Taken, combined.Taken]:
    """The part a note's deck build hands over, and the part ``take`` makes from the files
    that build wrote into ``out`` (a build's output/), read back from the disk."""
    layouts = Layouts(root / "layouts")
    folder = out / note.id
    ctx = RenderContext(RenderOptions(), layouts, when,
                        functools.partial(read_previous, str(folder)),
                        functools.partial(assets.read, note_dir=str(note_file.parent),
                                          root=str(root)),
                        places={note.id: place_of(note_file, root)})
    rendered = DeckRenderer().render(note, ctx)
    folder.mkdir(parents=True, exist_ok=True)
    for output in rendered.files:
        (folder / output.path).write_bytes(output.data)
    read_back = combined.take(note, DeckConfig.load(layouts), dataclasses.replace(
        ctx, previous=functools.partial(read_previous, str(out))))
    return DeckRenderer().project_part(rendered), read_back


def _same(handed: combined.Taken, read_back: combined.Taken) -> None:
    for f in dataclasses.fields(combined.Taken):
        assert getattr(handed, f.name) == getattr(read_back, f.name), f.name
    # The memo keeps a part pickled: the very bytes, whichever way it was made.
    assert memo.pack(handed) == memo.pack(read_back)


def test_the_handed_over_part_is_the_part_read_back_from_the_files(tmp_path) -> None:
    files = sorted(NOTES.rglob("*.md"))
    cards = 0
    for path in files:
        note = read_text(path.read_text(encoding="utf-8"), str(path), path.stem)
        first = _rendered(note, tmp_path / "out", 1700000000, path, NOTES)
        _same(*first)
        # Built again with the first build's ledger: every card keeps its time.
        again = _rendered(note, tmp_path / "out", 1700005000, path, NOTES)
        _same(*again)
        assert again[0].own == first[0].own
        cards += len(first[0].items)
    assert len(files) > 20 and cards > 200


_WORDS = st.lists(st.sampled_from(("war", "treaty", "signed", "Rome", "falls", "the", "king",
                                   "Σπάρτη", "Москва", "a < b & c", "![[map.png]]",
                                   "![[gone.png]]", "[[Other note]]", "**bold**")),
                  min_size=1, max_size=6).map(" ".join)
_NOTE = st.fixed_dictionaries({
    "events": st.lists(st.tuples(st.integers(1900, 1903), _WORDS), max_size=6),
    "people": st.dictionaries(st.sampled_from(("Ada King", "Leo Tolstoy", "Sun Yat-sen")),
                              _WORDS, max_size=3),
    "terms": st.dictionaries(st.sampled_from(("Treaty", "Entente", "Détente")), _WORDS,
                             max_size=3)})


def _markdown(drawn: dict) -> str:
    lines = ["# Drawn", "", "## Timeline", ""]
    lines += [f"- **{year}:** {words}" for year, words in drawn["events"]]
    lines += ["", "## Cast of Characters", ""]
    lines += [f"- **{name}**: {words}" for name, words in drawn["people"].items()]
    lines += ["", "## Glossary", ""]
    lines += [f"- **{term}**: {words}" for term, words in drawn["terms"].items()]
    return "\n".join(lines) + "\n"


@settings(max_examples=30, deadline=None)
@given(_NOTE, _NOTE)
def test_a_drawn_note_and_its_edit_hand_over_the_part_read_back(tmp_path_factory, first,
                                                                 edited) -> None:
    """Cards that move, change or go between two builds (renames.py matches them against
    the first build's ledger), with an image the note shows and one it lacks."""
    root = tmp_path_factory.mktemp("drawn")
    (root / "map.png").write_bytes(_PNG)
    note_file = root / "drawn.md"
    for n, drawn in enumerate((first, edited)):
        note = read_text(_markdown(drawn), str(note_file), note_file.stem)
        _same(*_rendered(note, root / "out", 1700000000 + 1000 * n, note_file, root))


_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf000000030101005c0a9c0a0000000049454e44ae426082")
