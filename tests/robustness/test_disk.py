"""The build record holds only what reached the disk, keyed by the bytes that were read; notes
that change or vanish during a build are reported, and the other notes still build."""

from __future__ import annotations

import os

import studypress.build as build_package
from studypress.build import SourceFile
from studypress.build import render as render_module
from studypress.build import write as write_module

from .cases import case
from .conftest import run


@case("disk", "a write fails (read-only folder, full disk) for one note's output",
      "an error naming the path; the note is not recorded as built, so the next build "
      "writes it (no --force needed); the other notes build")
def test_a_failed_write_is_not_recorded(project, monkeypatch):
    real = os.replace

    def failing(src, dst):
        if str(dst).endswith(os.path.join("n1", "model.json")):
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(write_module.os, "replace", failing)
    report = run(project)
    assert any(d.code == "write" and "n1" in d.message and "No space" in d.message
               for d in report.diagnostics)
    assert sorted(report.built) == ["n0", "n2"]
    monkeypatch.setattr(write_module.os, "replace", real)
    again = run(project)
    assert again.built == ["n1"] and sorted(again.unchanged) == ["n0", "n2"]
    assert (project / "output" / "n1" / "model.json").is_file()


@case("disk", "a note is edited while it is being rendered",
      "a warning at the note; its outputs show the text read, and the next build builds it "
      "again (the record keys the bytes read, never the file re-read later)")
def test_a_note_changed_during_the_build_is_built_again(project, monkeypatch):
    real = render_module.run_job
    note = project / "source" / "n2.md"

    def edit_while_rendering(job):
        if job.note.id == "n2":
            note.write_text("# Note 2 edited\n", encoding="utf-8")
        return real(job)

    monkeypatch.setattr(render_module, "run_job", edit_while_rendering)
    report = run(project)
    warned = [d for d in report.diagnostics if d.code == "changed-during-build"]
    assert [d.file for d in warned] == ["source/n2.md"]
    monkeypatch.setattr(render_module, "run_job", real)
    again = run(project)
    assert again.built == ["n2"]
    assert "Note 2 edited" in (project / "output" / "n2" / "model.json").read_text()
    assert run(project).built == []


@case("disk", "a note vanishes between being found and being read",
      "a located error for that file; the other notes build (no traceback)")
def test_a_vanished_note_is_a_located_error(project, monkeypatch):
    real = build_package.discover_all

    def with_ghost(paths):
        found = real(paths)
        ghost = project / "source" / "ghost.md"
        found.files.append(SourceFile(ghost, "source/ghost.md", project / "source"))
        return found

    monkeypatch.setattr(build_package, "discover_all", with_ghost)
    report = run(project)
    errors = [d for d in report.diagnostics if d.severity == "error"]
    assert [(d.file, d.code) for d in errors] == [("source/ghost.md", "unreadable")]
    assert "No such file" in errors[0].message
    assert sorted(report.built) == ["n0", "n1", "n2"]


@case("disk", "the project folder is renamed", "nothing is rebuilt: the key holds no "
      "folder name")
def test_renaming_the_project_rebuilds_nothing(project, monkeypatch):
    from dataclasses import replace

    from studypress.build import BuildConfig, build
    from studypress.renderers.base import RenderOptions

    def go(name):
        return build(BuildConfig(paths=[project / "source"], output=project / "output",
                                 renderers=["model"], project_dir=project, jobs=1,
                                 options=replace(RenderOptions(), project_name=name)))

    assert len(go("first-name").built) == 3
    assert go("second-name").built == []
