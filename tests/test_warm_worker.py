"""A rebuild in which a note file changed since the last build starts a worker before the memo
loads, rendering a small built-in note to load what rendering loads, while the build reads
and plans: the edited note then renders there, its outputs the same bytes as when this
process renders them, and no worker outlives the build."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from studypress import renderers
from studypress.build import BuildConfig, SourceFile, build, early
from studypress.build import render as render_phase
from studypress.build.memo import MEMO_NAME, Memo
from studypress.reader import read_text
from studypress.renderers.base import RenderOptions

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


def _config(vault, names, jobs=2, out="out", force=False) -> BuildConfig:
    return BuildConfig(paths=[vault / "notes"], output=vault / out, renderers=names,
                       project_dir=vault, jobs=jobs, force=force)


def _edit(vault, name: str) -> None:
    note = vault / "notes" / f"{name}.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nMore text.\n", encoding="utf-8")


@pytest.fixture
def warmed(monkeypatch) -> list[tuple[str, int]]:
    """For each warm-up a build asked for: the note it renders, and how many times the
    memo had been loaded when it was asked for (once per build: by the earlier builds)."""
    import studypress.build as build_phase

    got: list[tuple[str, int]] = []
    loads: list[bool] = []
    real_warm, real_load = build_phase.warm_early, Memo.load.__func__

    def counted(job):
        got.append((job.note.id, len(loads)))
        real_warm(job)

    def load(cls, output):
        loads.append(True)
        return real_load(cls, output)

    monkeypatch.setattr(build_phase, "warm_early", counted)
    monkeypatch.setattr(Memo, "load", classmethod(load))
    return got


def _no_worker_left() -> bool:
    return render_phase._BUILD.pool is None and multiprocessing.active_children() == []


def _pid(vault, note: str) -> int:
    return int((vault / "out" / note / "pid.txt").read_text())


def test_an_edited_note_renders_in_a_worker_started_before_the_memo_loaded(vault, warmed):
    build(_config(vault, ["pid"]))
    assert warmed == []  # no memo yet: a first build parses every note, in a pool
    _edit(vault, "two")
    assert build(_config(vault, ["pid"])).built == ["two"]
    assert warmed == [("sample", 1)]
    assert _pid(vault, "two") != os.getpid()
    assert _no_worker_left()


def test_a_rebuild_with_no_file_changed_starts_no_worker(vault, warmed):
    build(_config(vault, ["pid"]))
    # Written just now, the notes are read again (stat cannot vouch for them yet), but no
    # file changed after the memo was written.
    assert build(_config(vault, ["pid"])).built == []
    assert warmed == [] and _no_worker_left()


def test_a_note_changed_only_in_its_ctime_leaves_no_worker_behind(vault, warmed):
    build(_config(vault, ["pid"]))
    note = vault / "notes" / "one.md"
    time.sleep(0.01)
    os.chmod(note, note.stat().st_mode)  # its ctime moves on: read again, the same bytes
    report = build(_config(vault, ["pid"]))
    assert warmed == [("sample", 1)] and report.built == []
    assert _no_worker_left()  # warmed and never given work: killed


def test_one_worker_or_force_needs_no_warming(vault, warmed):
    build(_config(vault, ["pid"], jobs=1))
    _edit(vault, "two")
    build(_config(vault, ["pid"], jobs=1))
    assert warmed == [] and _pid(vault, "two") == os.getpid()
    _edit(vault, "two")
    build(_config(vault, ["pid"], force=True))  # every note parsed again, in a pool
    assert warmed == [] and _no_worker_left()


def test_a_note_alone_renders_warm_too(vault, warmed):
    (vault / "notes" / "two.md").unlink()
    build(_config(vault, ["pid"]))
    _edit(vault, "one")
    assert build(_config(vault, ["pid"])).built == ["one"]
    assert warmed == [("sample", 1)] and _pid(vault, "one") != os.getpid()
    assert _no_worker_left()


def test_a_large_note_is_shared_between_this_process_and_the_warm_worker(vault, warmed):
    events = "".join(f"- **{1000 + n}:** Event {n}.\n" for n in range(80))
    (vault / "notes" / "two.md").write_text(f"# two\n\n## Timeline\n\n{events}",
                                            encoding="utf-8")
    build(_config(vault, ["pid", "model", "timeline"]))
    _edit(vault, "two")
    report = build(_config(vault, ["pid", "model", "timeline"]))
    assert report.built == ["two"] and warmed == [("sample", 1)]
    assert "More text." in (vault / "out" / "two" / "model.json").read_text(encoding="utf-8")
    assert (vault / "out" / "two" / "timeline.pdf").stat().st_size > 0
    assert _no_worker_left()


def test_a_warm_up_that_fails_leaves_the_note_to_render(vault, warmed, monkeypatch):
    build(_config(vault, ["pid", "model"]))

    def broken(job):
        raise RuntimeError("the warm-up broke")

    monkeypatch.setattr(early, "run_job", broken)  # the worker is forked: it has this too
    _rebuilt_in_a_worker(vault, warmed)


def _rebuilt_in_a_worker(vault, warmed) -> None:
    """Note "two" edited and built again: rendered whole, warned of nothing, in a worker
    warmed for it, none left after."""
    _edit(vault, "two")
    report = build(_config(vault, ["pid", "model"]))
    assert report.built == ["two"] and warmed == [("sample", 1)]
    assert report.diagnostics == []
    assert "More text." in (vault / "out" / "two" / "model.json").read_text(encoding="utf-8")
    assert _pid(vault, "two") != os.getpid()
    assert _no_worker_left()


def test_the_sample_note_is_its_text_as_the_reader_reads_it():
    assert early.sample_note() == read_text(early.SAMPLE, "sample.md", "sample")


def _sample_job(tmp_path, names, project_files=True) -> render_phase.Job:
    folder = str(tmp_path / "out" / ".studypress-sample")
    modules = tuple((n, renderers.REGISTRY[n]) for n in names)
    return render_phase.Job(early.sample_note(), modules, RenderOptions(), str(tmp_path),
                            folder, 0, folder, folder, project_files=project_files)


def test_the_sample_makes_every_default_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = render_phase.run_job(_sample_job(tmp_path, renderers.defaults()))
    assert result.failed == set() and result.diagnostics == []
    assert set(result.files) == set(renderers.defaults())
    assert all(any(o.data for o in files) for files in result.files.values())


def test_the_sample_reads_no_project_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "studypress.lock").write_text("<<<<<<< conflict\n", encoding="utf-8")
    codes = [{d.code for d in render_phase.run_job(
        _sample_job(tmp_path, ["deck"], project_files=reads)).diagnostics}
        for reads in (True, False)]
    assert "deck-lock" in codes[0]  # an ordinary job reads the lock: this one is unreadable
    assert "deck-lock" not in codes[1]


def test_looks_edited_compares_each_file_with_the_memo(tmp_path):
    notes = [tmp_path / f"{n}.md" for n in ("a", "b")]
    for note in notes:
        note.write_text("# A\n", encoding="utf-8")
    files = [SourceFile(p, tmp_path, p.name) for p in notes]
    memo = tmp_path / MEMO_NAME
    assert not early.looks_edited(files, memo)  # no memo: no rebuild to speed up
    memo.write_bytes(b"")
    later = time.time_ns() + 60 * 10**9
    os.utime(memo, ns=(later, later))  # written after every note
    assert not early.looks_edited(files, memo)
    assert not early.looks_edited([SourceFile(tmp_path / "gone.md", tmp_path, "gone.md")],
                                  memo)
    os.utime(notes[1], ns=(later + 1, later + 1))
    assert early.looks_edited(files, memo)


def _counting_here(log: Path):
    """``forked._attempt``, noting each job the warm worker renders itself."""
    from studypress.build import forked

    real = forked._attempt

    def attempt(run, item):
        with log.open("a", encoding="utf-8") as f:
            f.write(f"{os.getpid()}\n")
        return real(run, item)

    return attempt


def test_an_edit_rebuilt_with_one_worker_or_two_writes_the_same_bytes(tmp_path, warmed,
                                                                        monkeypatch):
    from studypress.build import forked

    here = tmp_path / "here.log"
    monkeypatch.setattr(forked, "_attempt", _counting_here(here))  # the worker is forked
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
    # with two, in the warm worker and its copy (``forked``): the worker rendered only its
    # own share of the seven outputs
    assert [note for note, _ in warmed] == ["sample"]
    assert 0 < len(here.read_text(encoding="utf-8").split()) < len(renderers.defaults())
    one, two = outputs[1], outputs[2]
    assert one.keys() == two.keys()
    assert {"guide.pdf", "timeline.pdf", "deck.apkg", "cast.pdf"} <= {Path(k).name for k in one}
    assert [k for k in one if one[k] != two[k]] == []


class PidTwo:
    """A second output that says which process made it."""

    name = "pidtwo"

    def render(self, note, ctx):
        from studypress.renderers.base import Output, RenderResult

        return RenderResult(files=[Output("pidtwo.txt", str(os.getpid()).encode())])


RENDERER = PidTwo()


@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin",
                    reason="the warm worker's copy is forked")
def test_the_warm_worker_shares_an_edited_note_with_a_copy_of_itself(vault, warmed,
                                                                     monkeypatch):
    monkeypatch.setitem(renderers.REGISTRY, "pidtwo", "tests.test_warm_worker")
    build(_config(vault, ["pid", "pidtwo"]))
    _edit(vault, "two")
    assert build(_config(vault, ["pid", "pidtwo"])).built == ["two"]
    assert warmed == [("sample", 1)]
    made = {(vault / "out" / "two" / name).read_text() for name in ("pid.txt", "pidtwo.txt")}
    assert len(made) == 2 and str(os.getpid()) not in made  # the worker and its copy
    assert _no_worker_left()
    for pid in map(int, made):
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)



def _lost_worker(batch):
    os._exit(9)  # the warm worker dies with the whole note in hand


def test_a_warm_worker_lost_with_the_note_leaves_it_to_the_pool_job_by_job(vault, warmed,
                                                                          monkeypatch):
    build(_config(vault, ["pid", "model"]))
    monkeypatch.setattr(render_phase, "_shared_jobs", _lost_worker)
    _rebuilt_in_a_worker(vault, warmed)
