"""A build writes the same bytes whatever the number of workers: every default output and
the combined deck, for notes in several shapes and languages."""

from __future__ import annotations

import shutil
from pathlib import Path

from studypress.build import BuildConfig, build

NOTES = Path(__file__).parent / "notes"
PICKED = ["russian-history-ii-us-recognition-of-soviet-union-timeline.md",
          "russian-history-ii-us-recognition-study-guide.md", "messy-notes.md"]


def _files(folder: Path) -> dict[str, bytes]:
    # The build record and the memo say when and where; every output is compared.
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".studypress-")}


def test_one_worker_and_two_write_the_same_bytes(tmp_path, monkeypatch):
    source = tmp_path / "source"
    source.mkdir()
    for name in PICKED:
        shutil.copy(NOTES / name, source / name)
    lang = sorted((NOTES / "lang").glob("*.md"))[:2]
    for path in lang:
        shutil.copy(path, source / path.name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    outputs = {}
    for jobs in (1, 2):
        (tmp_path / "studypress.lock").unlink(missing_ok=True)
        out = tmp_path / f"out-{jobs}"
        report = build(BuildConfig(paths=[source], output=out, project_dir=tmp_path, jobs=jobs))
        assert len(report.built) == len(PICKED) + len(lang)
        outputs[jobs] = _files(out)
    one, two = outputs[1], outputs[2]
    assert one.keys() == two.keys()
    assert {"guide.pdf", "timeline.pdf", "timeline.svg", "cast.pdf", "flashcards.pdf",
            "deck.apkg", "cards.csv", "model.json"} <= {Path(k).name for k in one}
    assert any(k.endswith(".apkg") and "/" not in k for k in one)  # the combined deck
    assert [k for k in one if one[k] != two[k]] == []
