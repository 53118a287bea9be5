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
    ("it-unita-d-italia.md", 5, 3, 2, 2),
    ("nl-bezetting.md", 5, 3, 2, 2),
    ("pl-solidarnosc.md", 6, 3, 2, 2),
    ("uk-nezalezhnist.md", 5, 3, 2, 2),
    ("tr-cumhuriyet.md", 5, 3, 2, 2),
    ("id-proklamasi.md", 5, 3, 2, 2),
    ("ja-meiji-ishin.md", 5, 3, 2, 2),
]

# note, its language, each event's EDTF (in the note's order), its people and its terms: the
# dates in the shapes a writer of that language uses (seasons, ranges of days, eras)
MODELS = [
    ("it-unita-d-italia.md", "it",
     ["-0752", "1848-03-18/1848-03-22", "1860-05-05", "1861-03-17", "1870-09-20"],
     {"Giuseppe Garibaldi", "Camillo Benso di Cavour", "Vittorio Emanuele II"},
     {"Risorgimento", "Spedizione dei Mille"}),
    ("nl-bezetting.md", "nl",
     ["1940-05-10", "1940-05-14", "1941-02-25/1941-02-26", "1944-24", "1945-05-05"],
     {"Wilhelmina", "Anne Frank", "Arthur Seyss-Inquart"}, {"Februaristaking", "Hongerwinter"}),
    ("pl-solidarnosc.md", "pl",
     ["0966~", "1939-09-01", "1944-08-01/1944-10-02", "1980-08-31", "1989-06-04", "1989-23"],
     {"Lech Wałęsa", "Tadeusz Mazowiecki", "Wojciech Jaruzelski"},
     {"Solidarność", "Okrągły Stół"}),
    ("uk-nezalezhnist.md", "uk",
     ["0988", "1932/1933", "1991-08-24", "1991-12-01", "2004-11/2005-01"],
     {"Леонід Кравчук", "Михайло Грушевський", "Віктор Ющенко"}, {"Верховна Рада", "Голодомор"}),
    ("tr-cumhuriyet.md", "tr",
     ["-0333", "1453-05-29", "1919-05-19", "1922-08-26/1922-08-30", "1923-10-29"],
     {"Mustafa Kemal Atatürk", "İsmet İnönü", "Fatih Sultan Mehmet"}, {"Cumhuriyet", "TBMM"}),
    ("id-proklamasi.md", "id",
     ["0601/0700", "1928-10-28", "1945-08-17", "1945-11-10", "1955-04-18/1955-04-24"],
     {"Soekarno", "Mohammad Hatta", "Sutan Sjahrir"}, {"Proklamasi", "Sumpah Pemuda"}),
    ("ja-meiji-ishin.md", "ja",
     ["-0659", "1853-07-08", "1868-01-03", "1889-02-11", "1904-02-08/1905-09-05"],
     {"明治天皇", "伊藤博文", "西郷隆盛"}, {"大政奉還", "廃藩置県"}),
]


@pytest.mark.parametrize(("name", "code", "edtf", "people", "terms"), MODELS)
def test_note_reads_as_its_writer_meant(name, code, edtf, people, terms):
    note = read_note(NOTES / name)
    assert note.metadata.language == code  # detected: the notes do not declare it
    assert "lang:" not in (NOTES / name).read_text("utf-8")
    assert [e.date.edtf for e in note.events] == edtf
    assert all(e.date.display == e.date.text for e in note.events)  # the note's own words
    assert {p.name for p in note.people} == people
    assert {t.term for t in note.terms} == terms
    # every question has its answer, found by number in the answers section
    assert note.questions and all(q.answer for q in note.questions)
    assert not note.diagnostics, note.diagnostics


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
    ("Cronologia", Kind.TIMELINE), ("Personaggi principali", Kind.CAST),
    ("Domande di ripasso", Kind.QUIZ), ("Risposte", Kind.ANSWERS),
    ("Tijdlijn", Kind.TIMELINE), ("Belangrijke personen", Kind.CAST),
    ("Woordenlijst", Kind.GLOSSARY), ("Herhalingsvragen", Kind.QUIZ),
    ("Oś czasu", Kind.TIMELINE), ("Postacie", Kind.CAST), ("Słowniczek", Kind.GLOSSARY),
    ("Pytania kontrolne", Kind.QUIZ), ("Odpowiedzi", Kind.ANSWERS),
    ("Хронологія", Kind.TIMELINE), ("Дійові особи", Kind.CAST), ("Глосарій", Kind.GLOSSARY),
    ("Питання для повторення", Kind.QUIZ), ("Відповіді", Kind.ANSWERS),
    ("Kronoloji", Kind.TIMELINE), ("Önemli kişiler", Kind.CAST), ("Kavramlar", Kind.GLOSSARY),
    ("Tekrar soruları", Kind.QUIZ), ("Cevap anahtarı", Kind.ANSWERS),
    ("Garis waktu", Kind.TIMELINE), ("Tokoh penting", Kind.CAST),
    ("Daftar istilah", Kind.GLOSSARY), ("Soal latihan", Kind.QUIZ),
    ("Kunci jawaban", Kind.ANSWERS),
    ("年譜", Kind.TIMELINE), ("登場人物", Kind.CAST), ("用語集", Kind.GLOSSARY),
    ("確認問題", Kind.QUIZ), ("解答", Kind.ANSWERS),
    ("Test results", Kind.PROSE), ("Time slot", Kind.PROSE),
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
    assert {"es", "fr", "de", "pt", "ru", "zh", "it", "nl", "pl", "uk", "tr", "id",
            "ja"} <= set(codes)
    assert all(w.sections for w in languages())
