"""Notes written in other languages: their section words read events, people, terms and
questions as English notes' do."""

from __future__ import annotations

from pathlib import Path

import pytest

from studypress.reader import read_note
from studypress.reader.sections import Kind, classify, languages, prose_kind

NOTES = Path(__file__).parent / "notes" / "lang"

# note file, events, people, terms, questions: counted from the note's text
EXPECTED = [
    ("es-revolucion-de-mayo.md", 4, 3, 2, 3),
    ("fr-revolution-francaise.md", 4, 3, 2, 2),
    ("de-mauerfall.md", 4, 3, 3, 3),
    ("pt-independencia-do-brasil.md", 3, 2, 2, 2),
    ("ru-revolyutsiya.md", 3, 3, 2, 2),
    ("zh-xinhai.md", 3, 3, 2, 2),
]


def _count_bullets(text: str, heading_index: int) -> int:
    """Bullets (or numbered items) of the note's n-th ``##`` section, counted in its text."""
    sections = text.split("\n## ")[1:]
    body = sections[heading_index].split("\n", 1)[1]
    return sum(1 for line in body.splitlines()
               if line.startswith("- ") or line[:1].isdigit())


@pytest.mark.parametrize(("name", "events", "people", "terms", "questions"), EXPECTED)
def test_note_reads_every_item(name, events, people, terms, questions):
    path = NOTES / name
    note = read_note(path)
    text = path.read_text("utf-8")
    # the table agrees with the note's own sections, in their order
    assert [_count_bullets(text, i) for i in range(4)] == [events, people, terms, questions]
    assert len(note.events) == events
    assert all(e.date is not None for e in note.events), [e.text for e in note.events]
    assert len(note.people) == people
    assert len(note.terms) == terms
    assert len(note.questions) == questions
    assert not any(d.severity == "warning" for d in note.diagnostics), note.diagnostics


def test_spanish_dates_and_names():
    note = read_note(NOTES / "es-revolucion-de-mayo.md")
    assert [e.date.edtf for e in note.events] == ["1806-01-01", "1806-06-27", "1810-05-25",
                                                   "1816-07-09"]
    assert {p.name for p in note.people} == {"Cornelio Saavedra", "Mariano Moreno",
                                              "Manuel Belgrano"}
    assert {t.term for t in note.terms} == {"Cabildo", "Virreinato"}


def test_chinese_full_width_colon_ends_the_label():
    note = read_note(NOTES / "zh-xinhai.md")
    assert note.events[0].date.edtf == "1911-10-10"
    assert {p.name for p in note.people} == {"孙中山", "袁世凯", "黎元洪"}
    assert {t.term for t in note.terms} == {"同盟会", "北洋军"}


@pytest.mark.parametrize(("heading", "kind"), [
    ("Cronología", Kind.TIMELINE), ("Cronologia", Kind.TIMELINE),
    ("Línea de tiempo", Kind.TIMELINE), ("Personajes principales", Kind.CAST),
    ("Glosario", Kind.GLOSSARY), ("Preguntas de repaso", Kind.QUIZ),
    ("Respuestas", Kind.ANSWERS), ("Preguntas de ensayo", Kind.ESSAY),
    ("Preguntas frecuentes", Kind.FAQ),
    ("Chronologie", Kind.TIMELINE), ("Personnages principaux", Kind.CAST),
    ("Corrigé", Kind.ANSWERS), ("Foire aux questions", Kind.FAQ),
    ("Zeittafel", Kind.TIMELINE), ("Wichtige Personen", Kind.CAST),
    ("Lösungen", Kind.ANSWERS), ("Wiederholungsfragen", Kind.QUIZ),
    ("Linha do tempo", Kind.TIMELINE), ("Gabarito", Kind.ANSWERS),
    ("Хронология", Kind.TIMELINE), ("Действующие лица", Kind.CAST),
    ("Ответы", Kind.ANSWERS), ("Эссе", Kind.ESSAY),
    ("时间线", Kind.TIMELINE), ("主要人物", Kind.CAST), ("复习题答案", Kind.ANSWERS),
    ("常见问题", Kind.FAQ),
    # English as before
    ("Cast of Characters", Kind.CAST), ("Quiz Answer Key", Kind.ANSWERS),
    ("Quizzes and more", Kind.PROSE), ("Background", Kind.PROSE),
])
def test_heading_words(heading, kind):
    assert classify(heading) is kind


def test_prose_kinds_in_other_languages():
    assert prose_kind("Resumen") == "summary"
    assert prose_kind("Fazit") == "conclusion"
    assert prose_kind("Цитаты") == "quotes"
    assert prose_kind("Antecedentes") == "prose"


def test_every_language_file_loads_with_known_kinds():
    codes = [w.code for w in languages()]
    assert codes[0] == "en"
    assert {"es", "fr", "de", "pt", "ru", "zh"} <= set(codes)
    assert all(w.sections for w in languages())
