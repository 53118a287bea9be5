"""The guide prints in the note's language: its section titles, fixed words and footer come
from layouts/lang/<code>.toml, the PDF declares the language, English stays as it was."""

from __future__ import annotations

import io
import tomllib
from pathlib import Path

import pypdf
import pytest

from studypress.layouts import Layouts, default_dir
from studypress.reader import read_note, read_text
from studypress.renderers.guide.settings import TITLE_KEYS, for_language, load

from .test_guide_support import norm, render

NOTES = Path(__file__).parent / "notes" / "lang"

# note, words its guide must print (titles of the sections it has, the footer's words)
CASES = [
    ("es-revolucion-de-mayo.md", "es", ["Índice", "Cronología", "Personajes", "Glosario",
                                        "Preguntas de repaso", "página 1 de"]),
    ("fr-revolution-francaise.md", "fr", ["Sommaire", "Chronologie", "Personnages", "Glossaire",
                                          "Questions de révision", "page 1 sur"]),
    ("de-mauerfall.md", "de", ["Inhalt", "Chronologie", "Personen", "Glossar",
                               "Wiederholungsfragen", "Seite 1 von"]),
    ("pt-independencia-do-brasil.md", "pt", ["Sumário", "Cronologia", "Personagens",
                                             "Glossário", "Perguntas de revisão", "página 1 de"]),
    ("ru-revolyutsiya.md", "ru", ["Содержание", "Хронология", "Действующие лица", "Глоссарий",
                                  "Вопросы для повторения", "стр. 1 из"]),
    ("it-unita-d-italia.md", "it", ["Indice", "Cronologia", "Personaggi", "Glossario",
                                    "Domande di ripasso", "Soluzioni", "pagina 1 di",
                                    "18–22 marzo 1848", "753 a.C."]),
    ("nl-bezetting.md", "nl", ["Inhoud", "Chronologie", "Personen", "Woordenlijst",
                               "Herhalingsvragen", "Antwoorden", "pagina 1 van",
                               "winter 1944/45", "25–26 februari 1941"]),
    ("pl-solidarnosc.md", "pl", ["Spis treści", "Chronologia", "Postacie", "Słowniczek",
                                 "Pytania powtórkowe", "Odpowiedzi", "strona 1 z",
                                 "jesień 1989", "ok. 966"]),
    ("uk-nezalezhnist.md", "uk", ["Зміст", "Хронологія", "Дійові особи", "Глосарій",
                                  "Питання для повторення", "Відповіді", "сторінка 1 з",
                                  "24 серпня 1991 року", "1932–1933 рр."]),
    ("tr-cumhuriyet.md", "tr", ["İçindekiler", "Kronoloji", "Kişiler", "Sözlük",
                                "Tekrar soruları", "Cevap anahtarı", "sayfa 1 /",
                                "26–30 Ağustos 1922", "MÖ 334"]),
    ("id-proklamasi.md", "id", ["Daftar isi", "Kronologi", "Tokoh", "Glosarium", "Soal latihan",
                                "Kunci jawaban", "halaman 1 dari", "abad ke-7",
                                "18–24 April 1955"]),
]


def _text(data: bytes) -> tuple[str, object]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(p.extract_text() for p in reader.pages), reader.trailer["/Root"].get("/Lang")


@pytest.mark.parametrize(("name", "code", "words"), CASES)
def test_guide_wording_in_the_notes_language(name, code, words):
    data, _ = render(read_note(NOTES / name))
    text, lang = _text(data)
    assert lang == code
    for word in words:
        assert norm(word) in norm(text), word
    for english in ("Contents", "Cast of Characters", "Glossary", "page 1 of"):
        assert norm(english) not in norm(text), english


def test_english_guide_keeps_english():
    note = read_text("# Rome\n\n## Timeline\n\n- **509 BCE:** The Republic begins.\n\n"
                     "## Glossary\n\n- **Consul:** One of two yearly magistrates.\n", "r.md", "r")
    text, lang = _text(render(note)[0])
    assert lang == "en"
    assert "Contents" in text and "Glossary" in text and "Chronology" in text


def test_every_language_file_has_every_key():
    for path in sorted((default_dir() / "lang").glob("*.toml")):
        wording = tomllib.loads(path.read_text("utf-8"))["guide"]
        assert set(wording) == set(TITLE_KEYS), path.name
        assert "{page}" in wording["footer"] and "{total}" in wording["footer"], path.name


def test_missing_keys_fall_back_to_english(tmp_path):
    (tmp_path / "lang").mkdir()
    (tmp_path / "lang" / "es.toml").write_text('[guide]\ncontents = "Sumario"\n', "utf-8")
    layouts = Layouts(tmp_path)
    es = for_language(load(layouts), layouts, "es")
    assert es.titles["contents"] == "Sumario"  # the project's own word
    assert es.titles["glossary"] == "Glosario"  # the default Spanish file
    sv = for_language(load(layouts), layouts, "sv")  # no wording: English, Swedish PDF
    assert sv.titles["glossary"] == "Glossary" and sv.lang == "sv"
