"""Hostile front matter, bytes and records: a located message, never a hang or a traceback."""

from __future__ import annotations

import time

from studypress.build import CACHE_NAME

from .cases import case
from .conftest import run

BOMB = "---\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n"
    for p, c in zip("abcdefgh", "bcdefghi", strict=True)) + "tags: *i\n---\n# Bomb\n"


@case("yaml", "front matter with an alias bomb (nine levels of nine aliases)",
      "refused at once with a located error at the first alias; the note builds without it")
def test_yaml_alias_bomb_is_refused(project):
    (project / "source" / "n0.md").write_text(BOMB, encoding="utf-8")
    started = time.perf_counter()
    report = run(project)
    assert time.perf_counter() - started < 10
    err = [d for d in report.diagnostics if d.code == "front-matter-alias"]
    assert [(d.severity, d.file, d.line) for d in err] == [("error", "source/n0.md", 3)]
    assert "n0" in report.built


@case("yaml", "front matter with a single `*alias`", "the same located error: no note needs "
      "one")
def test_any_yaml_alias_is_refused(project):
    (project / "source" / "n0.md").write_text(
        "---\nbase: &b history\ntags: *b\n---\n# A\n", encoding="utf-8")
    report = run(project)
    assert [d.line for d in report.diagnostics if d.code == "front-matter-alias"] == [3]


@case("bytes", "a NUL byte on line 4", "a located error at line 4; the other notes build")
def test_nul_byte_is_reported_at_its_line(project):
    (project / "source" / "n0.md").write_bytes(b"# T\n\nok\nbad \x00 here\n")
    report = run(project)
    err = [d for d in report.diagnostics if d.code == "unreadable"]
    assert [(d.file, d.line) for d in err] == [("source/n0.md", 4)]
    assert sorted(report.built) == ["n1", "n2"]


@case("bytes", "UTF-16 and Latin-1 notes", "a located error saying how to save the file; "
      "the other notes build")
def test_other_encodings_are_located_errors(project):
    (project / "source" / "n0.md").write_bytes("# Ü\n".encode("utf-16"))
    (project / "source" / "n1.md").write_bytes("# T\n\ncafé\n".encode("latin-1"))
    report = run(project)
    err = {d.file: d for d in report.diagnostics if d.code == "unreadable"}
    assert "UTF-16" in err["source/n0.md"].message
    assert err["source/n1.md"].line == 3 and "UTF-8" in err["source/n1.md"].message
    assert report.built == ["n2"]


@case("cache", "a build record nested 100,000 levels deep (RecursionError in JSON)",
      "set aside as .studypress-cache.json.unreadable with a warning; every note is built")
def test_deeply_nested_record_is_set_aside(project):
    run(project)
    record = project / "output" / CACHE_NAME
    record.write_text("[" * 100_000 + "]" * 100_000)
    report = run(project)
    assert sorted(report.built) == ["n0", "n1", "n2"]
    warned = [d for d in report.diagnostics if d.code == "build-record"]
    assert len(warned) == 1 and "nested too deeply" in warned[0].message
    assert (project / "output" / (CACHE_NAME + ".unreadable")).is_file()
    assert run(project).built == []  # and the new record works


@case("cache", "a deck ledger nested 100,000 levels deep", "a warning; the deck is built "
      "with a fresh ledger (no traceback, not failing every build)")
def test_deeply_nested_ledger_starts_fresh(project):
    run(project, renderers=["deck"])
    ledgers = list((project / "output" / "n0").glob("*ledger*"))
    assert ledgers, "the deck writes a ledger"
    ledgers[0].write_text("[" * 100_000 + "]" * 100_000)
    report = run(project, renderers=["deck"], force=True)
    assert not report.failed, [d.format() for d in report.diagnostics]
    assert any(d.code == "deck-ledger" for d in report.diagnostics)


@case("terminal", "ESC, BEL and NUL from YAML escapes in a title, tags, `deck:` and a "
      "permalink", "stripped from the deck names and tags written into the .apkg and from "
      "every printed line")
def test_control_characters_reach_no_deck_name_or_tag(project):
    import sqlite3
    import tempfile
    import zipfile

    from typer.testing import CliRunner

    from studypress.cli import app

    (project / "source" / "n0.md").write_text(
        '---\ntitle: "Evil \\x1b]0;owned\\x07 title"\ntags: ["a\\x1b[31m", "b\\x07"]\n'
        'deck: "Top::Sub\\x00deck"\npermalink: "/x/y\\x00z"\n---\n## Glossary\n\n'
        "- **Term** – definition\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", "source", "--only", "deck"])
    assert "\x1b" not in result.output and "\x07" not in result.output
    deck = next((project / "output").rglob("deck.apkg"))
    with zipfile.ZipFile(deck) as z, tempfile.TemporaryDirectory() as tmp:
        names = [n for n in z.namelist() if n.startswith("collection.anki2")]
        z.extract(names[0], tmp)
        db = sqlite3.connect(f"{tmp}/{names[0]}")
        blob = " ".join(str(row) for table in ("col", "notes")
                        for row in db.execute(f"select * from {table}"))
        db.close()
    for bad in ("\x1b", "\x07", "\x00", "\\x1b", "\\x07", "\\u001b", "\\u0007", "\\u0000"):
        assert bad not in blob, bad
