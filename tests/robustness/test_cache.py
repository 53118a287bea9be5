"""A build record (output/.studypress-cache.json) written by someone else never makes the build
delete, read or write anything outside output/, nor replay someone else's messages."""

from __future__ import annotations

import json

from studypress.build import CACHE_NAME

from .cases import case
from .conftest import run, snapshot


def _tamper(project, edit) -> None:
    path = project / "output" / CACHE_NAME
    data = json.loads(path.read_text())
    edit(data)
    path.write_text(json.dumps(data))


@case("cache", "a tampered record lists `/abs/victim`, `../../victim` and a Windows path as "
      "a note's earlier outputs", "nothing outside output/ is removed (tree snapshot); the "
      "paths are reported as left alone")
def test_tampered_cache_paths_delete_nothing_outside(project):
    (project / "victim.txt").write_text("mine")
    run(project)
    before = snapshot(project)
    victims = [str(project / "victim.txt"), "../../victim.txt", "..\\..\\victim.txt",
               "../n1/model.json"]

    def edit(data):
        entry = data["notes"]["n0"]
        entry["files"]["model"] = victims
        entry["hashes"] = {v: "0" * 64 for v in victims}
        entry["key"] = "changed"

    _tamper(project, edit)
    report = run(project)
    assert snapshot(project) == before
    assert (project / "output" / "n1" / "model.json").is_file()
    assert not any(m.startswith("removed") for m in report.messages)
    assert sum("left" in m for m in report.messages) == len(victims)


@case("cache", "a record lists a file inside output/ that studypress did not write (or that "
      "was changed since)", "kept and reported: stale removal needs the recorded content hash")
def test_stale_removal_needs_the_written_bytes(project):
    run(project, renderers=["model", "timeline", "png"])
    figure = project / "output" / "n0" / "timeline.svg"
    assert figure.is_file()
    (project / "source" / "n0.md").write_text("# Note 0\n\nNo dates now.\n", encoding="utf-8")
    figure.write_text("edited by hand")
    report = run(project, renderers=["model", "timeline", "png"])
    assert figure.read_text() == "edited by hand"
    assert any("left" in m and "timeline.svg" in m for m in report.messages)
    png = project / "output" / "n0" / "timeline.png"
    assert not png.exists()  # unchanged since written: removed
    assert any(m.startswith("removed") and "timeline.png" in m for m in report.messages)


@case("cache", "a record whose project entry names files outside output/",
      "treated as missing: the combined outputs are made again inside output/")
def test_project_files_outside_output_are_missing(project):
    run(project, renderers=["model", "deck"])
    (project / "victim.apkg").write_text("mine")
    _tamper(project, lambda d: d["project"].update(files=["../victim.apkg"]))
    before = snapshot(project)
    run(project, renderers=["model", "deck"])
    assert snapshot(project) == before
    assert (project / "output" / "study-notes.apkg").is_file()


@case("cache", "injected diagnostics in the record, for another file and with terminal "
      "escapes", "only a note's own diagnostics are replayed, stripped of control characters")
def test_injected_diagnostics_are_not_replayed_for_other_files(project):
    run(project)

    def edit(data):
        data["notes"]["n0"]["diagnostics"] = [
            ["error", "x", "owned", "/etc/passwd", 1],
            ["warning", "x", "bell\x07\x1b[31mred", "source/n0.md", 2]]

    _tamper(project, edit)
    report = run(project)
    assert "n0" in report.unchanged
    replayed = [d for d in report.diagnostics if d.code == "x"]
    assert [(d.file, d.message) for d in replayed] == [("source/n0.md", "bell[31mred")]
