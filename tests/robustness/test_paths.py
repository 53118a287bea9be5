"""Paths taken from files are checked against their root before use (studypress.safepath)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from studypress.safepath import contained, parts

from .cases import case


@case("paths", "a path from a file: absolute, `..`, a drive letter, Windows separators, NUL",
      "refused by the one path check (`safepath.contained`) before any use")
@pytest.mark.parametrize("rel", [
    "/etc/passwd", "../victim.txt", "a/../../victim.txt", "..", "C:\\Windows\\x",
    "c:x", "\\\\server\\share\\x", "..\\..\\victim.txt", "a\\..\\..\\b", "a\0b", "", "  ",
])
def test_escaping_paths_are_refused(tmp_path, rel):
    assert parts(rel) is None
    assert contained(tmp_path, rel) is None


@pytest.mark.parametrize(("rel", "expected"), [
    ("guide.pdf", "guide.pdf"), ("media/map.png", "media/map.png"),
    ("media\\map.png", "media/map.png"), ("./a//b", "a/b"),
])
def test_inside_paths_are_kept(tmp_path, rel, expected):
    assert contained(tmp_path, rel) == tmp_path / expected


@case("paths", "a path inside the root that runs through a symbolic link leading out",
      "refused; a link that stays inside is followed; a symlink loop is refused")
def test_symlinks_are_resolved_before_the_check(tmp_path):
    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("x")
    (root / "out").symlink_to(outside, target_is_directory=True)
    (root / "inner").mkdir()
    (root / "in").symlink_to(root / "inner", target_is_directory=True)
    (root / "file").symlink_to(outside / "secret.txt")
    (root / "loop").symlink_to(root / "loop")
    assert contained(root, "out/secret.txt") is None
    assert contained(root, "file") is None
    assert contained(root, "in/x.txt") == root / "in" / "x.txt"
    assert contained(root, "loop") is None


def test_a_root_reached_through_a_link_is_still_its_own_root(tmp_path):
    (tmp_path / "real").mkdir()
    os.symlink(tmp_path / "real", tmp_path / "alias")
    assert contained(Path(tmp_path / "alias"), "a.txt") == tmp_path / "alias" / "a.txt"
