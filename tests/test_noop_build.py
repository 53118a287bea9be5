"""A build with nothing to do parses no note: the notes the last build read are kept
(build/memo.py), their warnings still reported, and nothing is written."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from studypress import renderers
from studypress.build import BuildConfig, build
from studypress.build import read as read_module
from studypress.build.memo import MEMO_NAME

WARNED = "# Warned\n\n## Timeline\n\n- **Octobr 1917:** a misspelt month\n- **1918:** x\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setitem(renderers.REGISTRY, "echo", "tests.fake_renderers")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    src = tmp_path / "source"
    src.mkdir()
    for i in range(3):
        (src / f"n{i}.md").write_text(f"# Note {i}\n\n## Timeline\n\n- **191{i}:** x\n",
                                      encoding="utf-8")
    (src / "warned.md").write_text(WARNED, encoding="utf-8")
    (tmp_path / "layouts").mkdir()
    return tmp_path


@pytest.fixture
def parsed(monkeypatch):
    """The stems of the notes parsed, in order."""
    seen: list[str] = []
    real = read_module.read_text

    def counting(text, source, stem, **kw):
        seen.append(stem)
        return real(text, source, stem, **kw)

    monkeypatch.setattr(read_module, "read_text", counting)
    return seen


def run(project: Path, **kw):
    return build(BuildConfig(paths=[project / "source"], output=project / "output",
                             renderers=["echo"], project_dir=project, **kw))


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def test_a_noop_build_parses_nothing_reports_the_same_and_writes_nothing(project, parsed):
    first = run(project)
    assert sorted(parsed) == ["n0", "n1", "n2", "warned"]
    assert any("Octobr" in d.message for d in first.diagnostics)
    before = snapshot(project / "output")
    parsed.clear()
    again = run(project)
    assert parsed == []
    assert again.built == [] and sorted(again.unchanged) == ["n0", "n1", "n2", "warned"]
    assert again.diagnostics == first.diagnostics
    # Not even the build record is made again: it would hold what it holds.
    assert snapshot(project / "output") == before


def test_strict_fails_on_every_build_of_a_note_with_reader_warnings(project, parsed):
    assert run(project, strict=True).failed
    parsed.clear()
    report = run(project, strict=True)
    assert parsed == [] and report.failed


def test_an_edited_note_alone_is_parsed_again(project, parsed):
    run(project)
    parsed.clear()
    (project / "source" / "n1.md").write_text("# Note 1 edited\n", encoding="utf-8")
    report = run(project)
    assert parsed == ["n1"] and report.built == ["n1"]
    parsed.clear()
    run(project)
    assert parsed == []


def test_force_parses_every_note(project, parsed):
    run(project)
    parsed.clear()
    run(project, force=True)
    assert sorted(parsed) == ["n0", "n1", "n2", "warned"]


def test_an_embed_that_appears_makes_its_note_read_again(project, parsed):
    note = project / "source" / "pic.md"
    note.write_text("# Pic\n\n![[map.png]]\n", encoding="utf-8")
    first = run(project)
    assert any(d.code == "missing-embed" for d in first.diagnostics)
    parsed.clear()
    (project / "source" / "map.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    second = run(project)
    assert parsed == ["pic"]
    assert not any(d.code == "missing-embed" for d in second.diagnostics)


def test_a_moved_vault_reads_its_notes_again(project, parsed, monkeypatch):
    """The note records the name it is shown by, which follows the current folder."""
    monkeypatch.chdir(project)
    run(project)
    parsed.clear()
    monkeypatch.chdir(project / "source")
    report = run(project)
    assert sorted(parsed) == ["n0", "n1", "n2", "warned"]
    assert all(not d.file.startswith("source") for d in report.diagnostics if d.file)


class _Evil:
    def __reduce__(self):
        return (os.system, ("touch pwned",))


@pytest.mark.parametrize("data", [b"", b"not a pickle", pickle.dumps(_Evil()),
                                  pickle.dumps(("stamp", {"x": _Evil()}))])
def test_a_memo_that_is_not_ours_is_ignored_and_runs_nothing(project, parsed, data,
                                                            monkeypatch):
    monkeypatch.chdir(project)
    first = run(project)
    (project / "output" / MEMO_NAME).write_bytes(data)
    parsed.clear()
    report = run(project)
    assert sorted(parsed) == ["n0", "n1", "n2", "warned"]
    assert report.diagnostics == first.diagnostics
    assert not (project / "pwned").exists()
    parsed.clear()
    run(project)  # the memo was written afresh
    assert parsed == []


def test_a_memo_that_is_a_folder_is_read_as_none(project, parsed, monkeypatch):
    monkeypatch.chdir(project)
    first = run(project)
    memo = project / "output" / MEMO_NAME
    memo.unlink()
    memo.mkdir()
    parsed.clear()
    report = run(project)
    assert sorted(parsed) == ["n0", "n1", "n2", "warned"]
    assert report.diagnostics == first.diagnostics and memo.is_dir()



@pytest.mark.parametrize("change", ["gone", "folder", "link out", "link in"])
def test_an_output_gone_replaced_by_a_folder_or_a_link_out_is_made_again(
        project, parsed, tmp_path_factory, change):
    run(project)
    folder = project / "output" / "n0"
    target = folder / "echo.txt"
    assert target.is_file()
    target.unlink()
    if change == "folder":
        target.mkdir()
    elif change == "link out":
        outside = tmp_path_factory.mktemp("elsewhere") / "x.txt"
        outside.write_text("echo", encoding="utf-8")
        target.symlink_to(outside)
    elif change == "link in":
        (folder / "kept.txt").write_text("echo", encoding="utf-8")
        target.symlink_to(folder / "kept.txt")
    again = run(project)
    # A link to a file in the note's own folder still counts as the output being there.
    assert ("n0" in again.unchanged) == (change == "link in")
    assert ("n0" in again.unchanged) != ("n0" in again.built or again.failed)
