"""Large but valid notes meet a stated limit (layouts/limits.toml) with a located message,
quickly, while the other notes build."""

from __future__ import annotations

import time

from .cases import case
from .conftest import run


@case("size", "a 10 MB note", "refused in well under a second: a located error naming the "
      "limit (note_bytes) and how to raise it; the other notes build")
def test_a_huge_note_is_refused_quickly(project):
    (project / "source" / "n0.md").write_bytes(b"# Big\n\n" + b"word " * 2_000_000)
    started = time.perf_counter()
    report = run(project)
    assert time.perf_counter() - started < 5
    err = [d for d in report.diagnostics if d.code == "too-large"]
    assert [d.file for d in err] == ["source/n0.md"] and "note_bytes" in err[0].message
    assert sorted(report.built) == ["n1", "n2"]


@case("size", "a 50,000-character line", "a located error at that line naming line_chars")
def test_a_very_long_line_is_located(project):
    (project / "source" / "n0.md").write_text("# Long\n\nok\n" + "x" * 50_000 + "\n",
                                              encoding="utf-8")
    err = [d for d in run(project).diagnostics if d.code == "too-large"]
    assert [(d.file, d.line) for d in err] == [("source/n0.md", 4)]
    assert "line_chars" in err[0].message


@case("size", "5,000 events in one note", "refused with a located error naming the items "
      "limit; the limit can be raised in the project's layouts/limits.toml")
def test_too_many_items_are_refused_and_the_limit_is_a_setting(project):
    events = "".join(f"- **{1000 + i}:** event {i}\n" for i in range(5_000))
    (project / "source" / "n0.md").write_text(f"# Many\n\n## Timeline\n\n{events}",
                                              encoding="utf-8")
    report = run(project)
    err = [d for d in report.diagnostics if d.code == "too-large"]
    assert len(err) == 1 and "5,000" in err[0].message and "items" in err[0].message
    assert "n0" not in report.built
    (project / "layouts").mkdir()
    (project / "layouts" / "limits.toml").write_text("items = 6000\n", encoding="utf-8")
    assert "n0" in run(project).built


@case("size", "a wrong value in layouts/limits.toml", "a located error (exit 2)")
def test_a_wrong_limit_is_a_usage_error(project):
    import pytest

    from studypress.build import BuildError

    (project / "layouts").mkdir()
    (project / "layouts" / "limits.toml").write_text("\nitems = 'many'\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"limits\.toml:2: error: items must be a whole number"):
        run(project)


def _table_note(columns: int) -> str:
    row = "| " + " | ".join(f"v{i}" for i in range(columns)) + " |\n"
    return ("# Wide\n\n| " + " | ".join(f"c{i}" for i in range(columns)) + " |\n| "
            + " | ".join("---" for _ in range(columns)) + " |\n" + row * 3)


@case("size", "tables of 60 and 1,000 columns in the study guide",
      "printed as parts of 12 columns, up to 120 columns; a line in the guide says which "
      "columns were left out (no 'negative availWidth' failure)")
def test_wide_tables_print_in_parts():
    from studypress.reader import read_text

    from ..test_guide_support import page_texts, render

    for columns in (60, 1_000):
        data, diagnostics = render(read_text(_table_note(columns), "wide.md", "wide"))
        assert not [d for d in diagnostics if d.severity == "error"], columns
        text = " ".join(page_texts(data))
        assert "c0" in text and "c59" in text
        assert ("columns 121 to 1000" in text) == (columns == 1_000)
