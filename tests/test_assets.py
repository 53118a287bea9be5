"""Embedded files: found like Obsidian finds them, handed to renderers, part of the cache key."""

from __future__ import annotations

import pytest

from studypress import assets, renderers
from studypress.build import BuildConfig, build
from studypress.reader import read_note


@pytest.fixture
def vault(tmp_path):
    (tmp_path / "notes" / "deep").mkdir(parents=True)
    (tmp_path / "attachments").mkdir()
    (tmp_path / ".trash").mkdir()
    (tmp_path / "notes" / "beside.png").write_bytes(b"beside")
    (tmp_path / "attachments" / "map.png").write_bytes(b"map")
    (tmp_path / ".trash" / "gone.png").write_bytes(b"hidden")
    return tmp_path


def test_find_beside_root_and_by_name(vault):
    note_dir = vault / "notes"
    assert assets.find("beside.png", note_dir, vault) == note_dir / "beside.png"
    assert assets.find("attachments/map.png", note_dir, vault) == vault / "attachments/map.png"
    assert assets.find("map.png", note_dir / "deep", vault) == vault / "attachments" / "map.png"
    assert assets.find("map.png|300", note_dir, vault) == vault / "attachments" / "map.png"
    assert assets.find("gone.png", note_dir, vault) is None  # hidden folders are not the vault
    assert assets.find("https://example.org/x.png", note_dir, vault) is None
    assert assets.read("map.png", str(note_dir), str(vault)) == b"map"
    assert assets.read("nothing.png", str(note_dir), str(vault)) is None


def test_reader_warns_only_for_missing_embeds(vault):
    note = vault / "notes" / "deep" / "n.md"
    note.write_text("# N\n\n![[map.png]]\n\n![[nothing.png]]\n", encoding="utf-8")
    model = read_note(note, "n.md", vault)
    missing = [d for d in model.diagnostics if d.code == "missing-embed"]
    assert [d.line for d in missing] == [5]


def test_renderers_receive_embedded_bytes_and_changes_rebuild(vault, monkeypatch):
    monkeypatch.setitem(renderers.REGISTRY, "echo", "tests.fake_renderers")
    note = vault / "notes" / "n.md"
    note.write_text("# N\n\n![[map.png]]\n", encoding="utf-8")
    config = BuildConfig(paths=[vault / "notes"], output=vault / "out", renderers=["echo"],
                         project_dir=vault)
    monkeypatch.chdir(vault)
    # the build is given notes/, so only files below it count as the vault
    (vault / "notes" / "map.png").write_bytes(b"v1")
    build(config)
    assert (vault / "out" / "n" / "echo.txt").read_text().endswith("|map.png=v1")
    assert build(config).built == []
    (vault / "notes" / "map.png").write_bytes(b"v2!")
    assert build(config).built == ["n"]
    assert (vault / "out" / "n" / "echo.txt").read_text().endswith("|map.png=v2!")


def test_embeds_never_leave_the_vault(vault, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.png"
    outside.write_bytes(b"secret")
    note_dir = vault / "notes"
    assert assets.find(str(outside), note_dir, vault) is None
    rel = "../" * len(note_dir.parts) + str(outside).lstrip("/")
    assert assets.find(rel, note_dir, vault) is None


def test_index_forgets_deleted_files(vault):
    note_dir = vault / "notes" / "deep"
    assert assets.find("map.png", note_dir, vault) is not None
    (vault / "attachments" / "map.png").unlink()
    assert assets.find("map.png", note_dir, vault) is None
    assert assets.stamp("map.png", note_dir, vault) == "map.png:missing"
