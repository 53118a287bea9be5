"""The build loop: caching, invalidation, atomic writes, failures, reproducibility."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from studypress import build as build_module
from studypress import renderers
from studypress.build import BuildConfig, BuildError, build, write_atomic
from studypress.renderers.base import RenderOptions


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setitem(renderers.REGISTRY, "echo", "tests.fake_renderers")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    src = tmp_path / "source"
    src.mkdir()
    for i in range(4):
        (src / f"n{i}.md").write_text(f"# Note {i}\n\n## Timeline\n\n- **191{i}:** x\n",
                                      encoding="utf-8")
    (tmp_path / "layouts").mkdir()
    return tmp_path


def run(project: Path, **kw) -> build_module.BuildReport:
    config = BuildConfig(paths=[project / "source"], output=project / "output",
                         renderers=["echo"], project_dir=project, **kw)
    return build(config)


def echo(project: Path, note: str) -> list[str]:
    return (project / "output" / note / "echo.txt").read_text().split("|")


def test_builds_every_note_in_parallel_and_project_output(project):
    report = run(project, jobs=2)
    assert sorted(report.built) == ["n0", "n1", "n2", "n3"]
    assert echo(project, "n2") == ["Note 2", "1", "1700000000", "a4"]
    assert (project / "output" / "all.txt").read_text() == "n0,n1,n2,n3"


def test_unchanged_notes_are_not_rebuilt(project):
    run(project)
    report = run(project)
    assert report.built == [] and len(report.unchanged) == 4
    assert echo(project, "n0")[1] == "1"
    (project / "source" / "n1.md").write_text("# Note 1 changed\n", encoding="utf-8")
    report = run(project)
    assert report.built == ["n1"]
    assert echo(project, "n1")[:2] == ["Note 1 changed", "2"]  # saw its previous output


def test_layout_change_options_and_version_invalidate(project, monkeypatch):
    run(project)
    (project / "layouts" / "guide.toml").write_text("[page]\nsize = 'letter'\n")
    assert len(run(project).built) == 4
    assert len(run(project, options=RenderOptions(paper="letter")).built) == 4
    monkeypatch.setattr(build_module.cache_file, "__version__", "9.9.9")
    assert len(run(project, options=RenderOptions(paper="letter")).built) == 4


def test_deleted_output_is_rebuilt_and_corrupt_cache_starts_fresh(project):
    run(project)
    (project / "output" / "n3" / "echo.txt").unlink()
    assert run(project).built == ["n3"]
    (project / "output" / build_module.CACHE_NAME).write_text("{not json")
    assert len(run(project).built) == 4


def test_failed_renderer_keeps_previous_output(project):
    run(project)
    before = (project / "output" / "n0" / "echo.txt").read_bytes()
    (project / "source" / "n0.md").write_text("# FAIL please\n", encoding="utf-8")
    report = run(project)
    assert report.failed
    err = next(d for d in report.diagnostics if d.code == "renderer")
    assert err.file.endswith("n0.md") and "asked to fail" in err.message
    assert (project / "output" / "n0" / "echo.txt").read_bytes() == before
    # and it is tried again next time rather than cached as done
    assert "n0" not in run(project).unchanged


def test_missing_path_and_empty_folder_are_usage_errors(project, tmp_path):
    with pytest.raises(BuildError, match="no such file"):
        build(BuildConfig(paths=[tmp_path / "nope"], output=tmp_path / "o"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(BuildError, match="no Markdown notes"):
        build(BuildConfig(paths=[tmp_path / "empty"], output=tmp_path / "o"))


def test_duplicate_note_ids_are_kept_apart(project):
    sub = project / "source" / "sub"
    sub.mkdir()
    (sub / "n0.md").write_text("# Other n0\n", encoding="utf-8")
    report = run(project)
    assert "n0-sub" in report.built
    assert any(d.code == "duplicate-id" for d in report.diagnostics)


def test_write_atomic_replaces_whole_file_and_leaves_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "out" / "file.bin"
    assert write_atomic(target, b"first")
    assert not write_atomic(target, b"first")  # identical bytes are not rewritten

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(build_module.write.os, "replace", boom)
    with pytest.raises(OSError):
        write_atomic(target, b"second, longer")
    assert target.read_bytes() == b"first"
    assert [p.name for p in target.parent.iterdir()] == ["file.bin"]


def test_build_time_from_mtime_without_source_date_epoch(project, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    import os

    note = project / "source" / "n0.md"
    os.utime(note, (1600000000, 1600000000))
    run(project)
    assert echo(project, "n0")[2] == "1600000000"


def test_outputs_are_readable_like_ordinary_files(tmp_path):
    import os
    import stat

    target = tmp_path / "f.txt"
    write_atomic(target, b"x")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


def test_output_a_note_no_longer_makes_is_removed(project):
    run(project)
    target = project / "output" / "n2" / "echo.txt"
    assert target.is_file()
    (project / "source" / "n2.md").write_text("# SILENT\n", encoding="utf-8")
    report = run(project)
    assert not target.exists()
    assert any("no longer produces" in m for m in report.messages)
    # files of other renderers and of notes outside the build are left alone
    assert (project / "output" / "n1" / "echo.txt").is_file()


def test_single_note_builds_leave_combined_outputs_alone(project):
    run(project)
    combined = project / "output" / "all.txt"
    assert combined.read_text() == "n0,n1,n2,n3"
    config = BuildConfig(paths=[project / "source" / "n1.md"], output=project / "output",
                         renderers=["echo"], project_dir=project, force=True)
    report = build(config)
    assert report.built == ["n1"]
    assert combined.read_text() == "n0,n1,n2,n3"
    assert any("only when building whole folders" in m for m in report.messages)


def test_no_op_build_imports_no_renderer_and_no_model(project, tmp_path):
    """An unchanged project is checked without loading any output format's code."""
    import subprocess
    import sys

    (project / "layouts").rmdir()
    cmd = [sys.executable, "-m", "studypress", "build", "source", "-o", "output", "-q"]
    import studypress

    # The package under test, not whichever copy the interpreter has installed.
    env = {"SOURCE_DATE_EPOCH": "1700000000", "PATH": "/usr/bin:/bin", "STUDYPRESS_CACHE_DIR": "",
           "PYTHONPATH": str(Path(studypress.__file__).parents[1])}
    first = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True,
                           check=False)
    assert first.returncode == 0, first.stderr
    probe = (
        "import sys; sys.argv = ['studypress', 'build', 'source', '-o', 'output', '-q']\n"
        "from studypress.cli import main\n"
        "try:\n    main()\n"
        "except SystemExit:\n    pass\n"
        "heavy = [m for m in ('reportlab', 'genanki', 'studypress.renderers.guide', "
        "'studypress.renderers.deck', 'studypress.model', 'studypress.reader.note') "
        "if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    second = subprocess.run([sys.executable, "-c", probe], cwd=project, env=env,
                            capture_output=True, text=True, check=False)
    assert "HEAVY []" in second.stdout, second.stdout + second.stderr


def test_renderer_warnings_are_reported_again_for_unchanged_notes(project, monkeypatch):
    (project / "source" / "n0.md").write_text("# WARN me\n", encoding="utf-8")
    first = run(project, strict=True)
    assert first.failed
    second = run(project, strict=True)
    assert second.unchanged and "n0" in second.unchanged
    assert second.failed and any(d.code == "echo-warning" for d in second.diagnostics)


def test_an_output_that_is_a_file_is_a_usage_error(project):
    (project / "output").write_text("a file where the output folder should be")
    with pytest.raises(BuildError, match="is a file"):
        run(project)


def test_malformed_cache_entries_start_fresh(project):
    run(project)
    (project / "output" / build_module.CACHE_NAME).write_text(
        '{"tool": "' + build_module.cache_file.__version__
        + '", "notes": {"n0": [1], "n1": {"key": 3}}, "project": 7}')
    assert len(run(project).built) == 4


def test_workers_load_renderers_by_module_path(project):
    """Worker processes that start fresh (spawn, forkserver) know no test-only registry."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from studypress.build import Job, run_job
    from studypress.reader import read_note

    note = read_note(project / "source" / "n0.md")
    job = Job(note, (("echo", "tests.fake_renderers"),), RenderOptions(), str(project),
               str(project / "out"), 0, str(project / "source"), str(project / "source"))
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        result = pool.submit(run_job, job).result()
    assert [o.path for o in result.files["echo"]] == ["echo.txt"]


def test_the_pool_gets_the_longest_jobs_first_and_results_keep_the_jobs_order(monkeypatch):
    from studypress.build import render, workers
    from studypress.model import Event, Note

    given: list[tuple[str, str]] = []

    class InOrder:  # the pool's interface, run here in the order it is handed the jobs
        def __init__(self, fn, *_args) -> None:
            self.fn = fn

        def run(self, items):
            for i, (_build, packed, job) in enumerate(items):  # the note travels pickled
                note = pickle.loads(packed)
                given.append((note.id, job.names[0][0]))
                yield i, render.JobResult(messages=[note.id + ":" + job.names[0][0]])

        def close(self) -> None:
            pass

    monkeypatch.setattr(workers, "Pool", InOrder)
    short = Note(id="short", title="Short", source="short.md")
    long = Note(id="long", title="Long", source="long.md",
                events=tuple(Event(date=None, text=(), line=n) for n in range(50)))
    jobs = [render.Job(note, ((name, name),), RenderOptions(), "", "", 0, "", "")
            for note in (short, long) for name in ("model", "guide", "timeline")]
    out = render.render_all(jobs, 2, None)
    assert given[:2] == [("long", "guide"), ("long", "timeline")]  # the guide costs most
    assert given[-1] == ("short", "model")
    assert [r.result.messages[0] for r in out] == [
        f"{j.note.id}:{j.names[0][0]}" for j in jobs]
