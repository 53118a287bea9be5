"""Line accounting (``studypress inspect NOTE --lines``): every line of a note accounted for,
and notes generated from the grammar's pieces, with planted items, read without a silent
misread: each planted item is read as that item or warned about at its line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from studypress.cli import app
from studypress.model import Note, QuestionKind, Severity, plain_text
from studypress.reader import read_note, read_text
from studypress.reader.accounting import UNREAD, account
from studypress.reader.source import decode

NOTES = Path(__file__).parent / "notes"
SOURCE = Path(__file__).parent.parent / "source"
EVERY_NOTE = sorted(NOTES.rglob("*.md")) + sorted(SOURCE.rglob("*.md"))


def _kinds(path: Path) -> dict[int, str]:
    note = read_note(path)
    return {a.line: a.kind for a in account(decode(path.read_bytes()), note)}


def test_every_line_of_every_note_is_accounted_for() -> None:
    lost = []
    for path in EVERY_NOTE:
        note = read_note(path)
        text = decode(path.read_bytes())
        accounted = account(text, note)
        lost += [(path.name, a.line) for a in accounted if a.kind == UNREAD]
        numbered = {a.line for a in accounted}
        blank = {i + 1 for i, raw in enumerate(text.split("\n")) if not raw.strip()}
        assert numbered | blank == set(range(1, text.count("\n") + 2)), path.name
    assert lost == []


def test_outliner_lines_say_what_they_became() -> None:
    kinds = _kinds(NOTES / "shapes" / "logseq-outline.md")
    assert kinds[1] == kinds[2] == "metadata"  # title:: and tags::
    assert kinds[4] == "heading"  # "- Timeline", an outline parent
    assert kinds[5] == kinds[7] == "ignored"  # collapsed:: and id::
    assert kinds[6] == kinds[8] == kinds[9] == "event"
    assert kinds[11] == kinds[12] == "person"
    assert kinds[13] == "prose"  # a task beside the sections, in none of them


def test_quiz_and_answer_key_lines() -> None:
    kinds = _kinds(NOTES / "shapes" / "wp-section-titles.md")
    assert kinds[3] == "heading"  # "Section 1: Key Terms", a plain line
    assert kinds[5] == "term"
    assert kinds[10] == "question" and kinds[16] == "answer"
    assert kinds[18] == "heading" and kinds[20] == kinds[21] == "question"


def test_inspect_lines_prints_each_line() -> None:
    result = CliRunner().invoke(app, ["inspect", str(NOTES / "shapes" / "rejected-date.md"),
                                      "--lines"])
    assert result.exit_code == 0, result.output
    rows = result.output.splitlines()
    assert rows[0].split()[:2] == ["1", "title"]
    assert any(r.split()[:3] == ["6", "event", "(undated)"] and "Febtember" in r for r in rows)
    assert len(rows) == 5  # the five non-blank lines


# ------------------------------------------------------------------ planted items

FIRST = ["Ada", "Boris", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo"]
LAST = ["Lovelace", "Godunov", "Schumann", "Mendeleev", "Ferrante", "Haddad", "Garbo"]
TERMS = ["Tariff", "Serfdom", "Zemstvo", "Vassal", "Tithe", "Guild", "Fief", "Duma"]
WORDS = st.lists(st.sampled_from(["the", "council", "meets", "again", "army", "treaty",
                                  "signed", "harvest", "fails", "reform"]),
                 min_size=2, max_size=6).map(" ".join)
MONTHS = ["January", "March", "June", "October"]


@dataclass(frozen=True)
class Planted:
    kind: str  # event, person, term, question
    line: int


# Each form is the item's lines; the first is where the item starts. Forms whose items are
# paragraphs (not list items) are set apart by a blank line.
PARAGRAPH_FORMS = {("person", 3), ("term", 2), ("question", 1), ("question", 2)}


def _event(form: int, year: int, words: str, n: int) -> list[str]:
    return [[f"- **{MONTHS[n % 4]} {year}:** {words}."], [f"- {year} – {words}."],
            [f"- **{year}**: {words}."], [f"| {year} | {words} |"],
            [f"- **{MONTHS[n % 4]} {n + 1}th, {year}:** {words}. ^id-{n}"],  # ordinal, block id
            [f"- {year}--{year + 3}: {words}."],  # pandoc's double hyphen
            [f"- {year}-03-{10 + n} {words}."],  # an ISO date leading an outline bullet
            [f"- {year} {words}."],  # no separator after the date: warned, never misread
            ][form % 8]


def _person(form: int, year: int, words: str, n: int) -> list[str]:
    name = f"{FIRST[n % len(FIRST)]} {LAST[n % len(LAST)]}"
    return [[f"- **{name} (Minister, {year}–{year + 30}):** {words}."], [f"- {name}: {words}."],
            [f"- {name} — {words}."], [f"#### {name} ({year}–{year + 30})", "", f"{words}."],
            [f"- **{name}** (Tsar {LAST[n % len(LAST)]}, First Emperor, {year}–{year + 30}): "
             f"{words}."]][form % 5]


def _term(form: int, year: int, words: str, n: int) -> list[str]:
    term = TERMS[n % len(TERMS)]
    return [[f"- **{term}:** {words}."], [f"- {term} — {words}."], [f"**{term}**", f"{words}."],
            [f"- **{term}:** {words}."]][form % 4]


def _question(form: int, year: int, words: str, n: int) -> list[str]:
    return [[f"{n + 1}. Why did {words}?"], [f"**Q{n + 1}.** Why did {words}?"],
            [f"**Q{n + 1}.** Why did {words}?", f"**A{n + 1}.** Because {words}."],
            [f"- Why did {words}?"]][form % 4]


FORMS = {"event": 8, "person": 5, "term": 4, "question": 4}
SECTIONS = {"event": ("Timeline", _event), "person": ("Key Figures", _person),
            "term": ("Glossary", _term), "question": ("Quiz", _question)}
# A section title as Markdown writes it, as a word processor exports it (bold line, plain
# line), and numbered the way study guides do.
HEADINGS = ["## {}", "**{}**", "{}", "Section 2: {}", "### 📌 {}"]


@st.composite
def planted_notes(draw) -> tuple[str, list[Planted]]:
    lines = ["# Planted Note", ""]
    planted: list[Planted] = []
    for kind in draw(st.lists(st.sampled_from(sorted(SECTIONS)), min_size=1, max_size=4,
                              unique=True)):
        words, make = SECTIONS[kind]
        lines += [draw(st.sampled_from(HEADINGS)).format(words), ""]
        if draw(st.booleans()):
            lines += ["Some words about this part.", ""]
        form = draw(st.integers(0, FORMS[kind] - 1))
        if (kind, form) == ("event", 3):
            lines += ["| Date | Event |", "| --- | --- |"]
        for n in range(draw(st.integers(1, 4))):
            planted.append(Planted(kind, len(lines) + 1))
            lines += make(form, draw(st.integers(1000, 1990)), draw(WORDS), n)
            if (kind, form) in PARAGRAPH_FORMS:
                lines.append("")
        lines.append("")
    return "\n".join(lines), planted


def _read_as(note: Note, item: Planted) -> bool:
    lines = {"event": {e.line for e in note.events},
             "person": {p.line for p in note.people},
             "term": {t.line for t in note.terms},
             "question": {q.line for q in note.questions if q.kind is QuestionKind.SHORT}}
    return item.line in lines[item.kind]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(planted_notes())
def test_planted_items_are_read_or_warned_about_and_no_line_is_lost(case) -> None:
    text, planted = case
    note = read_text(text, "planted.md", "planted")
    warned = {d.line for d in note.diagnostics if d.severity is Severity.WARNING}
    silent = [p for p in planted if not _read_as(note, p) and p.line not in warned]
    assert silent == [], text
    # a planted block id (`` ^id-0``) is the event's id, never words of its text
    ids = {e.line: e.block_id for e in note.events}
    for line, written in enumerate(text.splitlines(), 1):
        if " ^id-" in written:
            assert ids.get(line) == written.rsplit("^", 1)[1], text
    assert not any("^id-" in plain_text(e.text) for e in note.events), text
    assert [a.line for a in account(text, note) if a.kind == UNREAD] == [], text
