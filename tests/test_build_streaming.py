"""Each job's files reach the disk as the job ends, not after every note is rendered: a build
of a large vault never holds all its outputs in memory."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import pytest

from studypress import renderers
from studypress.build import BuildConfig, build
from studypress.build import render as render_phase


class SeenRenderer:
    """Writes which other notes' files were already on disk when it rendered."""

    name = "seen"

    def render(self, note, ctx):
        from studypress.renderers.base import Output, RenderResult

        out = Path(os.environ["SEEN_OUTPUT"])
        there = sorted(p.parent.name for p in out.glob("*/seen.txt"))
        return RenderResult(files=[Output("seen.txt", " ".join(there).encode())])


RENDERER = SeenRenderer()


@pytest.fixture
def vault(tmp_path, monkeypatch):
    monkeypatch.setitem(renderers.REGISTRY, "seen", "tests.test_build_streaming")
    monkeypatch.setenv("SEEN_OUTPUT", str(tmp_path / "out"))
    (tmp_path / "notes").mkdir()
    for name in ("a", "b", "c"):
        (tmp_path / "notes" / f"{name}.md").write_text(f"# {name}\n\ntext\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_note_finds_the_notes_rendered_before_it_on_disk(vault):
    build(BuildConfig(paths=[vault / "notes"], output=vault / "out", renderers=["seen"],
                      project_dir=vault, jobs=1))
    seen = {n: (vault / "out" / n / "seen.txt").read_text() for n in ("a", "b", "c")}
    assert seen == {"a": "", "b": "a", "c": "a b"}


def test_results_kept_for_the_record_hold_no_bytes(vault, monkeypatch):
    kept: list[render_phase.JobResult] = []
    real = render_phase.render_all

    def spy(*args, **kwargs):
        out = real(*args, **kwargs)
        kept.extend(r.result for r in out)
        return out

    monkeypatch.setattr(importlib.import_module("studypress.build.plan"), "render_all", spy)
    report = build(BuildConfig(paths=[vault / "notes"], output=vault / "out",
                               renderers=["seen", "model"], project_dir=vault, jobs=2))
    assert sorted(report.built) == ["a", "b", "c"]
    assert kept and all(r.files == {} for r in kept)
    assert all(r.made and r.hashes for r in kept)
    assert (vault / "out" / "a" / "model.json").is_file()
