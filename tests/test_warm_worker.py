"""A rebuild that reads a note starts a worker at once, rendering a note the memo keeps to load
what rendering loads, while the build reads and plans: the edited note then renders there, its
outputs the same bytes as when this process renders them, and no worker outlives the build."""

from __future__ import annotations

import multiprocessing
import os
import shutil
from pathlib import Path

import pytest

from studypress import renderers
from studypress.build import BuildConfig, build
from studypress.build import render as render_phase
from studypress.build.memo import MEMO_NAME, Memo

NOTES = Path(__file__).parent / "notes"
PICKED = ["russian-history-ii-us-recognition-of-soviet-union-timeline.md", "messy-notes.md"]


@pytest.fixture
def vault(tmp_path, monkeypatch):
    monkeypatch.setitem(renderers.REGISTRY, "pid", "tests.test_kept_workers")
    notes = tmp_path / "notes"
    notes.mkdir()
    for name, events in (("one", 2), ("two", 5)):
        lines = "".join(f"- **{1900 + n}:** Event {n}.\n" for n in range(events))
        (notes / f"{name}.md").write_text(f"# {name}\n\n## Timeline\n\n{lines}",
                                          encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _config(vault, names, jobs=2, out="out") -> BuildConfig:
    return BuildConfig(paths=[vault / "notes"], output=vault / out, renderers=names,
                       project_dir=vault, jobs=jobs)


def _edit(vault, name: str) -> None:
    note = vault / "notes" / f"{name}.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nMore text.\n", encoding="utf-8")


@pytest.fixture
def warmed(monkeypatch) -> list[str]:
    """The ids of the notes each build had a worker warm up with."""
    import studypress.build as build_phase

    got: list[str] = []
    real = build_phase.warm_up  # called only for a sample small enough

    def counted(packed, job):
        got.append(job.folder.rsplit("/", 1)[-1])
        real(packed, job)

    monkeypatch.setattr(build_phase, "warm_up", counted)
    return got


def test_an_edited_note_renders_in_a_worker_warmed_while_it_was_read(vault, warmed):
    build(_config(vault, ["pid"]))
    assert warmed == []  # nothing kept to warm up with: the notes are rendered in a pool
    _edit(vault, "two")
    assert build(_config(vault, ["pid"])).built == ["two"]
    assert warmed == ["one"]  # the smallest kept note
    assert (vault / "out" / "two" / "pid.txt").read_text() != str(os.getpid())
    assert render_phase._BUILD.pool is None and multiprocessing.active_children() == []


def test_a_note_read_again_to_be_sure_warms_nothing(vault, warmed):
    build(_config(vault, ["pid"]))
    # Written just now: read again (stat cannot vouch for them yet), stat telling the same.
    assert build(_config(vault, ["pid"])).built == []
    assert warmed == []


def test_a_note_changed_only_in_its_ctime_leaves_no_worker_behind(vault, warmed):
    build(_config(vault, ["pid"]))
    note = vault / "notes" / "one.md"
    os.chmod(note, note.stat().st_mode)  # its ctime moves on: read again, the same bytes
    report = build(_config(vault, ["pid"]))
    assert warmed == ["two"] and report.built == []  # warmed on another note than the one read
    assert render_phase._BUILD.pool is None and multiprocessing.active_children() == []


def test_a_note_alone_is_not_warmed_on_its_own_last_version(vault, warmed):
    (vault / "notes" / "two.md").unlink()
    build(_config(vault, ["pid"]))
    _edit(vault, "one")
    assert build(_config(vault, ["pid"])).built == ["one"]
    assert warmed == []  # its last version would take the worker as long as the note itself
    assert (vault / "out" / "one" / "pid.txt").read_text() == str(os.getpid())


def test_one_worker_needs_no_warming(vault, warmed):
    build(_config(vault, ["pid"], jobs=1))
    _edit(vault, "two")
    build(_config(vault, ["pid"], jobs=1))
    assert warmed == []
    assert (vault / "out" / "two" / "pid.txt").read_text() == str(os.getpid())


def test_no_worker_warms_up_on_a_large_note(vault, warmed):
    events = "".join(f"- **{1000 + n}:** Event {n}.\n" for n in range(60))
    for name in ("one", "two"):
        (vault / "notes" / f"{name}.md").write_text(f"# {name}\n\n## Timeline\n\n{events}",
                                                    encoding="utf-8")
    build(_config(vault, ["pid"]))
    _edit(vault, "two")
    assert build(_config(vault, ["pid"])).built == ["two"]
    assert warmed == []
    assert (vault / "out" / "two" / "pid.txt").read_text() == str(os.getpid())


def test_a_warm_up_that_fails_leaves_the_note_to_render(vault, warmed, monkeypatch):
    build(_config(vault, ["pid", "model"]))
    def broken(self, besides):
        return str(vault / "notes" / "one.md"), next(iter(self.kept.values())).brief, b"junk"

    monkeypatch.setattr(Memo, "sample", broken)
    _edit(vault, "two")
    report = build(_config(vault, ["pid", "model"]))
    assert report.built == ["two"] and warmed == ["one"]
    assert "More text." in (vault / "out" / "two" / "model.json").read_text(encoding="utf-8")
    assert (vault / "out" / "two" / "pid.txt").read_text() != str(os.getpid())


def test_the_sample_is_the_smallest_note_that_holds_items(vault):
    build(_config(vault, ["pid"]))
    (vault / "notes" / "prose.md").write_text("# Prose\n\nNo dates here.\n", encoding="utf-8")
    build(_config(vault, ["pid"]))
    memo = Memo.load(vault / "out")
    key, brief, packed = memo.sample()
    assert brief.id == "one" and key.endswith("one.md") and packed
    assert memo.sample(besides=key)[1].id == "two"
    (vault / "notes" / "one.md").unlink()
    (vault / "notes" / "two.md").unlink()
    build(_config(vault, ["pid"]))
    assert Memo.load(vault / "out").sample()[1].id == "prose"  # none holds items: any
    (vault / "out" / MEMO_NAME).unlink()
    assert Memo.load(vault / "out").sample() is None


def test_an_edit_rebuilt_with_one_worker_or_two_writes_the_same_bytes(tmp_path, monkeypatch):
    source = tmp_path / "source"
    source.mkdir()
    for name in PICKED:
        shutil.copy(NOTES / name, source / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build(BuildConfig(paths=[source], output=tmp_path / "first", project_dir=tmp_path,
                      jobs=1))
    lock = (tmp_path / "studypress.lock").read_bytes()
    edited = source / PICKED[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n- **1990:** The end.\n",
                      encoding="utf-8")
    outputs = {}
    for jobs in (1, 2):
        (tmp_path / "studypress.lock").write_bytes(lock)
        out = tmp_path / f"out-{jobs}"
        shutil.copytree(tmp_path / "first", out)
        report = build(BuildConfig(paths=[source], output=out, project_dir=tmp_path,
                                   jobs=jobs))
        assert len(report.built) == 1
        outputs[jobs] = {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
                         if p.is_file() and not p.name.startswith(".studypress-")}
    one, two = outputs[1], outputs[2]
    assert one.keys() == two.keys()
    assert {"guide.pdf", "timeline.pdf", "deck.apkg", "cast.pdf"} <= {Path(k).name for k in one}
    assert [k for k in one if one[k] != two[k]] == []
