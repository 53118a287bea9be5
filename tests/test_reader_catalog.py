"""The catalog of note shapes (tests/notes/shapes/): each note is read into exactly the model its
YAML fixture describes. A list in a fixture is the whole list (events, people, terms,
questions, FAQ entries, in note order); a list left out means there are none; ``warnings``
are the only warnings allowed, as ``code@line``."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from studypress.dates import DateError, leading_date, parse_date
from studypress.model import Note, Severity, plain_text
from studypress.reader import read_note

SHAPES = Path(__file__).parent / "notes" / "shapes"
CATALOG = sorted(SHAPES.glob("*.md"))


def _reads(text: str) -> bool:
    """Whether the date grammar reads ``text`` (a date alone, or one leading an item)."""
    if leading_date(text) is not None:
        return True
    try:
        return parse_date(text) is not None
    except DateError:
        return False


def _starts(actual: str, expected: str) -> bool:
    return " ".join(actual.split()).startswith(" ".join(expected.split()))


def _check_events(note: Note, expected: list[dict]) -> None:
    got = [(e.date.edtf if e.date else None, plain_text(e.text), e.line) for e in note.events]
    assert len(got) == len(expected), got
    for (edtf, text, line), want in zip(got, expected, strict=True):
        assert edtf == want["edtf"], (text, edtf)
        assert _starts(text, want["text"]), (text, want["text"])
        assert line == want["line"], (text, line)


def _check_people(note: Note, expected: list[dict]) -> None:
    assert [p.name for p in note.people] == [w["name"] for w in expected]
    for person, want in zip(note.people, expected, strict=True):
        assert person.line == want["line"], person.name
        assert person.role == want.get("role"), person.name
        assert (person.span.edtf if person.span else None) == want.get("span"), person.name
        assert list(person.aliases) == want.get("aliases", []), person.name


def _check_questions(note: Note, expected: list[dict]) -> None:
    got = [(q.number, str(q.kind), plain_text(q.prompt),
            plain_text(q.answer) if q.answer is not None else None) for q in note.questions]
    assert len(got) == len(expected), got
    for (number, kind, prompt, answer), want in zip(got, expected, strict=True):
        assert (number, kind) == (want["number"], want["kind"]), prompt
        assert _starts(prompt, want["prompt"]), prompt
        if want["answer"] is None:
            assert answer is None, prompt
        else:
            assert answer is not None and _starts(answer, want["answer"]), (prompt, answer)


@pytest.mark.parametrize("path", CATALOG, ids=lambda p: p.stem)
def test_shape_is_read_as_its_fixture_says(path: Path) -> None:
    fixture = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))
    missing = [t for t in fixture.get("requires_dates", []) if not _reads(t)]
    if missing:
        pytest.skip(f"the date grammar does not read {missing} yet")
    note = read_note(path, f"shapes/{path.name}")
    assert note.title == fixture["title"]
    assert list(note.tags) == fixture.get("tags", [])
    _check_events(note, fixture.get("events", []))
    _check_people(note, fixture.get("people", []))
    assert [t.term for t in note.terms] == fixture.get("terms", [])
    _check_questions(note, fixture.get("questions", []))
    assert [plain_text(f.question) for f in note.faq] == fixture.get("faq", [])
    if "sections" in fixture:
        assert [plain_text(s.title) for s in note.sections] == fixture["sections"]
    links = {p.name: [" ".join(plain_text(e.text).split()[:3]) for e in note.events_of(p)]
             for p in note.people if p.events}
    assert links == fixture.get("links", {})
    warnings = [f"{d.code}@{d.line}" for d in note.diagnostics if d.severity is Severity.WARNING]
    assert warnings == fixture.get("warnings", [])


def test_catalog_covers_every_shape() -> None:
    assert len(CATALOG) >= 25
    assert all(p.with_suffix(".yaml").is_file() for p in CATALOG)


def test_exported_typing_is_undone_where_facts_are_read() -> None:
    from studypress.reader import read_text

    note = read_text("## Key Figures\n\n- **Herbert\u00a0Hoover** -- President (1929--1933).\n\n"
                     "## Glossary\n\n- **New\u2009Deal:** reforms---relief, recovery, reform.\n"
                     "\n<!-- a comment -- kept -->\n", "n.md", "n")
    hoover = note.people[0]
    assert (hoover.name, hoover.role, hoover.span.edtf) == ("Herbert Hoover", "President",
                                                            "1929/1933")
    assert note.terms[0].term == "New Deal"
    assert plain_text(note.terms[0].definition) == "reforms—relief, recovery, reform."
