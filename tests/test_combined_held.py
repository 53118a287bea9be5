"""An edit that leaves every card alone leaves the combined deck and the lock alone: they are
a function of each note's part, the lock they read back, the layouts and the options, and all
of those are as they were. Anything else makes them again."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from studypress.build import BuildConfig, build, cache, memo
from studypress.renderers.deck import DeckRenderer

from .projects import project_of

NOTES = {
    "a.md": "# Alpha\n\n## Timeline\n\n- **1950:** War breaks out.\n- **1953:** A truce.\n\n"
            "## Glossary\n\n- **Truce**: a pause in the fighting\n",
    "b.md": "# Beta\n\n## Timeline\n\n- **1961:** A wall is built.\n",
    "c.md": "# Gamma\n\n## Timeline\n\n- **1989:** The wall falls.\n",
}


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    project_of(tmp_path, monkeypatch, NOTES)
    return tmp_path


def _build(project: Path, epoch: int = 1700000000, force: bool = False) -> None:
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    report = build(BuildConfig(paths=[project / "source"], output=project / "out",
                               renderers=["deck", "model"], project_dir=project, jobs=1,
                               force=force))
    assert not report.failed


def _made(project: Path) -> dict[str, tuple[bytes, int]]:
    """The combined deck's and the lock's bytes and modification times."""
    files = (project / "out" / "study-notes.apkg", project / "studypress.lock")
    return {f.name: (f.read_bytes(), f.stat().st_mtime_ns) for f in files}


@pytest.fixture
def calls(monkeypatch) -> list[int]:
    """One entry per time the combined deck is made."""
    made: list[int] = []
    real = DeckRenderer.render_project

    def counted(self, notes, ctx):
        made.append(len(notes))
        return real(self, notes, ctx)

    monkeypatch.setattr(DeckRenderer, "render_project", counted)
    return made


def _append(project: Path, name: str, text: str) -> None:
    with (project / "source" / name).open("a", encoding="utf-8") as fh:
        fh.write(text)


def test_an_edit_that_leaves_every_card_alone_keeps_them(project, calls):
    _build(project)
    before = _made(project)
    assert calls == [3]
    _append(project, "a.md", "\nA closing remark, on no card.\n")
    _build(project, 1700086400)
    assert calls == [3]  # not made again
    assert _made(project) == before  # the very files, not written again
    # The note itself was built again.
    assert "A closing remark" in (project / "out" / "a" / "model.json").read_text("utf-8")
    # And they are what making them again gives, a day later.
    _build(project, 1700172800, force=True)
    assert calls == [3, 3]
    assert {k: v[0] for k, v in _made(project).items()} == {k: v[0] for k, v in before.items()}
    # Kept again in the next build: the parts went on to the next build's memo.
    _append(project, "b.md", "\nAnother remark.\n")
    _build(project, 1700259200)
    assert calls == [3, 3]


def test_an_edited_card_makes_them_again(project, calls):
    _build(project)
    (project / "source" / "b.md").write_text(
        NOTES["b.md"].replace("A wall is built", "A wall is raised"), encoding="utf-8")
    _build(project, 1700086400)
    assert calls == [3, 3]
    assert b"A wall is raised" in (project / "studypress.lock").read_bytes()


@pytest.mark.parametrize("change", ["edited", "removed"])
def test_a_lock_changed_since_makes_them_again(project, calls, change):
    _build(project)
    lock = project / "studypress.lock"
    if change == "removed":
        lock.unlink()
    else:
        lock.write_text(json.dumps(json.loads(lock.read_text("utf-8")), indent=4),
                        encoding="utf-8")
    _append(project, "a.md", "\nA closing remark.\n")
    _build(project, 1700086400)
    assert calls == [3, 3]
    assert lock.is_file()


def test_a_removed_or_added_note_makes_them_again(project, calls):
    _build(project)
    (project / "source" / "c.md").unlink()
    _build(project)
    assert calls == [3, 2]
    (project / "source" / "d.md").write_text(NOTES["c.md"].replace("Gamma", "Delta"),
                                           encoding="utf-8")
    _build(project)
    assert calls == [3, 2, 3]


def test_a_layout_change_makes_them_again(project, calls):
    _build(project)
    (project / "layouts" / "deck.toml").write_text('project_deck = "History"\n',
                                                   encoding="utf-8")
    _build(project)
    assert calls == [3, 3]


def test_a_record_without_the_parts_key_makes_them_again(project, calls):
    _build(project)
    record = project / "out" / cache.CACHE_NAME
    data = json.loads(record.read_text("utf-8"))
    assert set(data["project"]["parts"]) == {"deck"}
    data["project"]["parts"] = {"deck": ["not", "a list of files"]}  # malformed: none
    record.write_text(json.dumps(data), encoding="utf-8")
    _append(project, "a.md", "\nA closing remark.\n")
    _build(project, 1700086400)
    assert calls == [3, 3]


def test_the_parts_key_survives_the_record(tmp_path):
    entry = cache.ProjectEntry("k", ["study-notes.apkg"], {}, {"deck": "x"},
                               {"deck": ["study-notes.apkg"]},
                               {"deck": ("parts", ["studypress.lock"])})
    (tmp_path / cache.CACHE_NAME).write_bytes(cache.dumps(cache.Cache({}, entry)))
    assert cache.load(tmp_path).project == entry


def test_a_part_is_the_same_bytes_in_every_process(project):
    # A set's order follows the process's string hashing: the parts must not depend on it.
    packed = []
    for seed in ("1", "2"):
        out = project / f"out-{seed}"
        (project / "studypress.lock").unlink(missing_ok=True)
        env = {**os.environ, "PYTHONHASHSEED": seed,
               "PYTHONPATH": os.pathsep.join(sys.path)}
        subprocess.run([sys.executable, "-m", "studypress", "build", "source", "-o", str(out),
                        "-q", "-j", "1", "--only", "deck"], cwd=project, env=env, check=True)
        packed.append(memo.Memo.load(out).kept_made)
    assert set(packed[0]) == {("deck", n) for n in ("a", "b", "c")}
    assert {k: v[1] for k, v in packed[0].items()} == {k: v[1] for k, v in packed[1].items()}
    # kept with the digest the parts key takes of it, so no build hashes every part again
    assert all(v[2] == hashlib.sha256(v[1]).digest() for v in packed[0].values())
