"""Once rendered, the notes a build parsed are packed and let go: a large vault's notes do not
stay in memory through the combined outputs, and each unpacks to the note it was."""

from __future__ import annotations

import gc
import weakref

from studypress.build import BuildConfig, build
from studypress.build.memo import MEMO_NAME, Memo
from studypress.build.records import SourceFile
from studypress.reader import read_text

from .projects import project_of


def test_a_released_note_is_let_go_and_unpacks_to_the_same_note(tmp_path) -> None:
    path = tmp_path / "n.md"
    text = "# N\n\n## Timeline\n\n- **1950:** War breaks out.\n"
    path.write_text(text, encoding="utf-8")
    memo = Memo(tmp_path / MEMO_NAME)
    parsed = []

    def parse(exists):
        parsed.append(read_text(text, "n.md", "n", exists))
        return parsed[-1]

    _, load = memo.note(SourceFile(path, "n.md", tmp_path), "d", lambda _: False, parse)
    first = load()
    assert first is parsed[0]
    gone = weakref.ref(first)
    memo.release()
    again = load()
    assert again == first and again is not first
    del first, again
    parsed.clear()
    gc.collect()
    assert gone() is None
    memo.save()
    kept = Memo.load(tmp_path)
    assert kept.kept  # what was packed is what is kept


def test_a_build_gives_the_same_combined_deck_with_its_notes_let_go(tmp_path, monkeypatch
                                                                    ) -> None:
    src = project_of(tmp_path, monkeypatch, {
        f"n{i}.md": f"# Note {i}\n\n## Timeline\n\n- **19{i}0:** Event {i}\n" for i in range(3)})

    def deck(output: str) -> bytes:
        build(BuildConfig(paths=[src], output=tmp_path / output, renderers=["deck"],
                          project_dir=tmp_path))
        (tmp_path / "studypress.lock").unlink()
        return (tmp_path / output / "study-notes.apkg").read_bytes()

    released = deck("a")
    monkeypatch.setattr(Memo, "release", lambda self: None)
    assert deck("b") == released
