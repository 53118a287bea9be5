"""Temporary files a killed build left are removed by the next build: anywhere below the
output folder, never through a link, and never a file of another name."""

from __future__ import annotations

import os
from pathlib import Path

from studypress.build.write import clean_temporary

LEFT = ".guide.pdf.abcd1234.tmp"  # mkstemp's name for a file before its rename


def _output(tmp_path: Path) -> Path:
    out = tmp_path / "output"
    (out / "note-a").mkdir(parents=True)
    (out / "note-a" / "guide.pdf").write_bytes(b"pdf")
    return out


def test_temporary_files_anywhere_below_are_removed_and_nothing_else(tmp_path):
    out = _output(tmp_path)
    (out / "note-a" / LEFT).write_bytes(b"half")
    (out / ".studypress-cache.json.k2j4_x9a.tmp").write_bytes(b"half")
    (out / "notes.tmp").write_text("not a name a build makes")
    assert clean_temporary(out) == 2
    assert sorted(p.name for p in out.rglob("*")) == ["guide.pdf", "note-a", "notes.tmp"]


def test_an_output_folder_that_is_a_link_is_left_alone(tmp_path):
    real = _output(tmp_path)
    (real / "note-a" / LEFT).write_bytes(b"half")
    link = tmp_path / "link"
    os.symlink(real, link)
    assert clean_temporary(link) == 0
    assert (real / "note-a" / LEFT).exists()
