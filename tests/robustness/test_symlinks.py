"""Notes and embedded files are followed through symbolic links only while they stay inside
the vault; everything else is skipped with a warning naming the path."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from .cases import case
from .conftest import run


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_bytes(b"root:x:0:0:SECRET-CONTENT")
    return path


@case("links", "an embed `![[pw.png]]` whose file is a symlink to a file outside the vault",
      "left out of deck.apkg and guide.pdf; a warning at the embed's line")
def test_symlinked_embed_outside_the_vault_is_not_read(project, secret):
    (project / "source" / "pw.png").symlink_to(secret)
    (project / "source" / "n0.md").write_text(
        "# Leak\n\n## FAQ\n\n### What is it?\n\nThis: ![[pw.png]]\n", encoding="utf-8")
    report = run(project, renderers=["deck", "guide"])
    warned = [d for d in report.diagnostics if d.code == "embed-outside"]
    assert [(d.file, d.line) for d in warned] == [("source/n0.md", 7)]
    deck = project / "output" / "n0" / "deck.apkg"
    with zipfile.ZipFile(deck) as z:
        assert not any(b"SECRET-CONTENT" in z.read(n) for n in z.namelist())
    assert b"SECRET-CONTENT" not in (project / "output" / "n0" / "guide.pdf").read_bytes()


@case("links", "a symlinked embed that points at another file inside the vault",
      "followed as before")
def test_symlinked_embed_inside_the_vault_is_used(project):
    (project / "source" / "real.txt").write_text("inside")
    (project / "source" / "alias.txt").symlink_to(project / "source" / "real.txt")
    from studypress import assets

    assert assets.find("alias.txt", project / "source", project / "source") is not None
    assert assets.outside("alias.txt", project / "source", project / "source") is None


@case("links", "a symlinked `.md` note, or a symlinked folder, that points outside the "
      "folder given", "not built; a warning names the link")
def test_symlinked_note_outside_is_skipped(project, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.md").write_text("# Outside\n", encoding="utf-8")
    (project / "source" / "x.md").symlink_to(elsewhere / "x.md")
    (project / "source" / "folder").symlink_to(elsewhere, target_is_directory=True)
    report = run(project)
    assert sorted(report.built) == ["n0", "n1", "n2"]
    skipped = sorted(d.file for d in report.diagnostics if d.code == "skipped")
    assert skipped == ["source/folder", "source/x.md"]


@case("links", "a symlink loop in the vault, a folder that cannot be read, a note named "
      "`..md`", "each skipped with a warning naming it; the other notes build")
def test_loops_unreadable_folders_and_hidden_notes_are_reported(project):
    (project / "source" / "loop").symlink_to(project / "source", target_is_directory=True)
    (project / "source" / "..md").write_text("# Hidden\n", encoding="utf-8")
    closed = project / "source" / "closed"
    closed.mkdir()
    (closed / "c.md").write_text("# C\n", encoding="utf-8")
    closed.chmod(0)
    try:
        report = run(project)
    finally:
        closed.chmod(0o755)
    reasons = {d.file: d.message for d in report.diagnostics if d.code == "skipped"}
    assert "loop" in reasons["source/loop"] and "hidden" in reasons["source/..md"]
    if os.geteuid() != 0:  # root reads any folder
        assert "cannot be read" in reasons["source/closed"]
    assert {"n0", "n1", "n2"} <= set(report.built)


@case("links", "`build /dev/null` (a device, not a note)", "refused: exit 2 with a message")
def test_a_device_is_not_a_note(project):
    from studypress.build import BuildConfig, BuildError, build

    with pytest.raises(BuildError, match="not a regular file"):
        build(BuildConfig(paths=[__import__("pathlib").Path("/dev/null")],
                          output=project / "output"))


def test_every_note_found_knows_its_resolved_path(tmp_path):
    from studypress.build import discover_all

    vault = tmp_path / "real-vault"
    (vault / "a" / "b").mkdir(parents=True)
    (vault / "a" / "b" / "plain.md").write_text("# Plain\n", encoding="utf-8")
    (vault / "linked").symlink_to(vault / "a")  # a second way in: read once
    (vault / "note-link.md").symlink_to(vault / "a" / "b" / "plain.md")
    (vault / "own.md").write_text("# Own\n", encoding="utf-8")
    (tmp_path / "door").symlink_to(vault)  # the vault given through a link
    found = discover_all([tmp_path / "door"])
    assert found.files
    for f in found.files:
        assert f.real == str(f.path.resolve()), f.path
    assert sorted(Path(f.real).name for f in found.files) == ["own.md", "plain.md"]
