"""Temporary files a killed build left are removed by the next build; a build that came to its
end marks the output folder, so the one after it need not look through every folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from studypress.build import write
from studypress.build.write import TIDY_NAME, clean_temporary, mark_tidy, write_atomic

LEFT = ".guide.pdf.abcd1234.tmp"  # mkstemp's name for a file before its rename


def _output(tmp_path: Path) -> Path:
    out = tmp_path / "output"
    (out / "note-a").mkdir(parents=True)
    (out / "note-a" / "guide.pdf").write_bytes(b"pdf")
    return out


def test_without_the_mark_every_folder_is_looked_through(tmp_path):
    out = _output(tmp_path)
    (out / "note-a" / LEFT).write_bytes(b"half")
    (out / ".studypress-cache.json.k2j4_x9a.tmp").write_bytes(b"half")
    (out / "notes.tmp").write_text("not a name a build makes")
    assert clean_temporary(out) == 2
    assert sorted(p.name for p in out.rglob("*")) == ["guide.pdf", "note-a", "notes.tmp"]


@pytest.fixture(autouse=True)
def _no_marks_standing():
    yield
    write._STANDING.clear()


def test_the_mark_goes_before_the_first_temporary_file_a_build_makes_there(tmp_path):
    out = _output(tmp_path)
    mark_tidy(out)
    assert (out / TIDY_NAME).is_file()
    assert clean_temporary(out) == 0
    assert (out / TIDY_NAME).is_file()  # nothing written yet: a no-op build leaves it
    write_atomic(tmp_path / "studypress.lock", b"{}")  # beside the output, not in it
    assert (out / TIDY_NAME).is_file()
    write_atomic(out / "note-a" / "guide.pdf", b"new pdf")
    # killed from here on, this build leaves the folder unmarked: the next one looks
    assert not (out / TIDY_NAME).exists()
    (out / "note-a" / LEFT).write_bytes(b"half")
    assert clean_temporary(out) == 1
    assert not (out / "note-a" / LEFT).exists()


def test_a_build_that_wrote_nothing_leaves_the_mark_untouched(tmp_path):
    out = _output(tmp_path)
    mark_tidy(out)
    before = (out / TIDY_NAME).stat().st_mtime_ns, out.stat().st_mtime_ns
    clean_temporary(out)
    write_atomic(out / "note-a" / "guide.pdf", b"pdf")  # the very bytes: nothing written
    mark_tidy(out)
    assert ((out / TIDY_NAME).stat().st_mtime_ns, out.stat().st_mtime_ns) == before


def test_a_build_that_wrote_marks_the_folder_again_at_its_end(tmp_path):
    out = _output(tmp_path)
    mark_tidy(out)
    clean_temporary(out)
    write_atomic(out / "note-a" / "handout.pdf", b"pdf")
    assert not (out / TIDY_NAME).exists()
    mark_tidy(out)
    assert (out / TIDY_NAME).is_file()
    assert clean_temporary(out) == 0


def test_a_folder_by_the_marks_name_is_no_mark(tmp_path):
    out = _output(tmp_path)
    (out / TIDY_NAME).mkdir()
    (out / "note-a" / LEFT).write_bytes(b"half")
    assert clean_temporary(out) == 1
    mark_tidy(out)  # cannot write it: the next build looks again, nothing fails
    assert (out / TIDY_NAME).is_dir()


def test_an_output_folder_that_is_a_link_is_left_alone(tmp_path):
    real = _output(tmp_path)
    (real / "note-a" / LEFT).write_bytes(b"half")
    link = tmp_path / "link"
    os.symlink(real, link)
    assert clean_temporary(link) == 0
    assert (real / "note-a" / LEFT).exists()


def test_a_whole_build_marks_its_folder_and_clean_takes_the_mark(tmp_path):
    from studypress.build import BuildConfig, build
    from studypress.clean import clean

    src = tmp_path / "notes"
    src.mkdir()
    (src / "a.md").write_text("# A\n\n## Timeline\n\n- **1917:** A revolution.\n",
                              encoding="utf-8")
    out = tmp_path / "output"
    config = BuildConfig([src], out, project_dir=tmp_path, renderers=["model"], jobs=1)
    build(config)
    assert (out / TIDY_NAME).is_file()
    (out / "a" / LEFT).write_bytes(b"half")  # as if put there after the mark: not looked for
    build(config)
    assert (out / "a" / LEFT).exists() and (out / TIDY_NAME).is_file()
    (out / "a" / LEFT).unlink()
    (src / "a.md").write_text("# A\n\n## Timeline\n\n- **1918:** A war.\n", encoding="utf-8")
    build(config)  # writes, so takes the mark away and puts it back at its end
    assert (out / TIDY_NAME).is_file()
    clean(out)
    assert not out.exists() or list(out.iterdir()) == []
