"""Workers kept from one build to the next, as ``studypress watch`` keeps them: the same
processes serve every build, even a build of one note, and each build sees the files as they
are then."""

from __future__ import annotations

import os

import pytest

from studypress import renderers
from studypress.build import BuildConfig, build
from studypress.build import render as render_phase
from studypress.build.memo import MEMO_NAME
from studypress.build.render import kept_workers


class PidRenderer:
    """A renderer that says which process rendered it (registered for these tests only)."""

    name = "pid"

    def render(self, note, ctx):
        from studypress.renderers.base import Output, RenderResult

        return RenderResult(files=[Output("pid.txt", str(os.getpid()).encode())])


RENDERER = PidRenderer()


@pytest.fixture
def vault(tmp_path, monkeypatch):
    monkeypatch.setitem(renderers.REGISTRY, "echo", "tests.fake_renderers")
    monkeypatch.setitem(renderers.REGISTRY, "pid", "tests.test_kept_workers")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "attachments").mkdir()
    for name in ("one", "two"):
        (tmp_path / "notes" / f"{name}.md").write_text(f"# {name}\n\n![[pic.png]]\n",
                                                       encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _config(vault, names, jobs=2) -> BuildConfig:
    return BuildConfig(paths=[vault / "notes"], output=vault / "out", renderers=names,
                       project_dir=vault, jobs=jobs)


def _edit(vault, name: str, line: str) -> None:
    note = vault / "notes" / f"{name}.md"
    note.write_text(note.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def _pids(vault) -> set[str]:
    return {p.read_text() for p in (vault / "out").glob("*/pid.txt")}


def test_every_build_renders_in_the_same_kept_processes(vault):
    assert not render_phase._KEPT.active
    with kept_workers():
        assert render_phase._KEPT.active
        build(_config(vault, ["pid"]))
        first = _pids(vault)
        assert first and str(os.getpid()) not in first  # rendered in workers
        _edit(vault, "one", "More text.")
        assert build(_config(vault, ["pid"])).built == ["one"]  # one note: still the workers
        assert _pids(vault) <= first
        assert (vault / "out" / "one" / "pid.txt").read_text() in first
    assert not render_phase._KEPT.active
    _edit(vault, "one", "Yet more text.")
    build(_config(vault, ["pid"]))  # without kept workers, in one the build warmed
    assert (vault / "out" / "one" / "pid.txt").read_text() not in first | {str(os.getpid())}


def test_a_kept_worker_sees_a_file_that_appeared_since_the_last_build(vault):
    with kept_workers():
        build(_config(vault, ["echo"]))
        assert (vault / "out" / "one" / "echo.txt").read_text().endswith("|pic.png=None")
        (vault / "notes" / "attachments" / "pic.png").write_bytes(b"drawn")
        _edit(vault, "one", "Now with its picture.")
        _edit(vault, "two", "Now with its picture.")
        build(_config(vault, ["echo"]))
    for name in ("one", "two"):
        assert (vault / "out" / name / "echo.txt").read_text().endswith("|pic.png=drawn")


def _outputs(folder) -> dict:
    """The bytes of each output file (not the cache, nor the memo: it holds when each note's
    file was read)."""
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and "cache" not in p.name and p.name != MEMO_NAME}


def test_kept_workers_write_the_same_bytes_as_a_build_without_them(vault, tmp_path_factory):
    (vault / "notes" / "attachments" / "pic.png").write_bytes(b"drawn")
    names = ["model", "cards", "deck", "echo"]
    build(_config(vault, names, jobs=1))
    alone = _outputs(vault / "out")
    with kept_workers():
        build(BuildConfig(paths=[vault / "notes"], output=vault / "kept", renderers=names,
                          project_dir=vault, jobs=2))
    kept = _outputs(vault / "kept")
    assert kept.keys() == alone.keys()
    assert [str(k) for k in kept if kept[k] != alone[k]] == []


def test_the_workers_end_with_the_watch(vault):
    with kept_workers():
        build(_config(vault, ["pid"]))
        pool = render_phase._KEPT.pool
        assert pool is not None
        processes = [w.process for w in pool._workers]
        assert all(p.is_alive() for p in processes)
    assert render_phase._KEPT.pool is None
    assert not any(p.is_alive() for p in processes)
