"""Each test note in another language builds with its guide, cast sheet, flashcards and timeline
printing that language's wording and dates, and no English wording."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pdfplumber
import pytest

from studypress.build import BuildConfig, build
from studypress.layouts import default_dir

NOTES = Path(__file__).parent / "notes" / "lang"

# note, language, words written here by hand that its outputs must print, per output
CASES = {
    "de-mauerfall": ("de", {
        "guide.pdf": ["Zeitleiste", "genauer Tag", "9. Nov. 1989"],
        "cast.pdf": ["Personen", "Die Karten drucken und schneiden", "über die lange Kante"],
        "flashcards.pdf": ["Lernkarten", "Datum", "Begriff"],
        "timeline.svg": ["9. Nov. 1989", "genauer Tag"],
    }),
    "es-revolucion-de-mayo": ("es", {
        "guide.pdf": ["Línea de tiempo", "día exacto", "25 may 1810"],
        "cast.pdf": ["Personajes", "Imprimir y cortar las tarjetas", "Aparece en"],
        "flashcards.pdf": ["Tarjetas de estudio", "Fecha", "Persona", "Término"],
        "timeline.svg": ["25 may 1810", "día exacto"],
    }),
    "fr-revolution-francaise": ("fr", {
        "guide.pdf": ["Frise chronologique", "jour exact", "14 juil. 1789"],
        "cast.pdf": ["Personnages", "Imprimer et découper les cartes"],
        "flashcards.pdf": ["Cartes de révision", "Personne", "Terme"],
        "timeline.svg": ["14 juil. 1789", "jour exact"],
    }),
    "pt-independencia-do-brasil": ("pt", {
        "guide.pdf": ["Linha do tempo", "dia exato", "7 de set. de 1822"],
        "cast.pdf": ["Personagens", "Imprimir e cortar os cartões"],
        "flashcards.pdf": ["Cartões de estudo", "Data", "Pessoa", "Termo"],
        "timeline.svg": ["7 de set. de 1822", "dia exato"],
    }),
    "ru-revolyutsiya": ("ru", {
        "guide.pdf": ["точный день", "25 окт. 1917"],
        "cast.pdf": ["Действующие лица", "Печать и разрезка карточек"],
        "flashcards.pdf": ["Карточки для повторения", "Дата", "Термин"],
        "timeline.svg": ["25 окт. 1917", "точный день"],
    }),
    "zh-xinhai": ("zh", {
        "guide.pdf": ["确切日期", "1911年10月10日"],
        "cast.pdf": ["人物表", "打印和裁切卡片"],
        "flashcards.pdf": ["学习卡片", "日期", "人物", "术语"],
        "timeline.svg": ["1911年10月10日", "确切日期"],
    }),
    "it-unita-d-italia": ("it", {
        "guide.pdf": ["Linea del tempo", "giorno esatto", "20 set 1870", "753 a.C.",
                      "18–22 marzo 1848", "Soluzioni"],
        "cast.pdf": ["Personaggi", "Stampare e tagliare le schede", "Compare in: 17 marzo 1861"],
        "flashcards.pdf": ["Schede di studio", "Data", "Persona", "18–22 marzo 1848"],
        "timeline.svg": ["20 set 1870", "giorno esatto", "753 a.C.", "1 d.C."],
    }),
    "nl-bezetting": ("nl", {
        "guide.pdf": ["Tijdlijn", "precieze dag", "10 mei 1940", "winter 1944/45",
                      "25–26 februari 1941", "Antwoorden"],
        "cast.pdf": ["Personen", "Wilhelmina"],
        "flashcards.pdf": ["Flitskaarten", "Begrip", "Vraag 1", "winter 1944/45"],
        "timeline.svg": ["10 mei 1940", "precieze dag", "winter 1944/45"],
    }),
    "pl-solidarnosc": ("pl", {
        "guide.pdf": ["Oś czasu", "dokładny dzień", "4 cze 1989", "jesień 1989", "ok. 966",
                      "31 sierpnia 1980 r.", "Odpowiedzi"],
        "cast.pdf": ["Postacie", "Karty na stronach 3–4"],
        "flashcards.pdf": ["Fiszki", "Osoba", "Pojęcie", "Pytanie 1", "jesień 1989"],
        "timeline.svg": ["4 cze 1989", "dokładny dzień", "jesień 1989", "1 cm ≈ 4,4 l."],
    }),
    "uk-nezalezhnist": ("uk", {
        "guide.pdf": ["Стрічка часу", "точний день", "24 серп. 1991 р.", "988 р.",
                      "лист. 2004 р. – січ. 2005 р.", "Відповіді"],
        "cast.pdf": ["Дійові особи", "Картки на сторінках 3–4"],
        "flashcards.pdf": ["Картки для повторення", "Термін", "Питання 1",
                           "24 серпня 1991 року"],
        "timeline.svg": ["24 серп. 1991 р.", "точний день", "1 см ≈ 5,5 р."],
    }),
    "tr-cumhuriyet": ("tr", {
        "guide.pdf": ["Zaman çizelgesi", "kesin gün", "29 Eki 1923", "MÖ 334", "MÖ 357–MÖ 311",
                      "26–30 Ağustos 1922", "Cevap anahtarı"],
        "cast.pdf": ["Kişiler", "Geçtiği yer: 29 Mayıs 1453", "MÖ 334 ile MS 1923"],
        "flashcards.pdf": ["Çalışma kartları", "Tarih", "Kişi", "Terim", "26–30 Ağustos 1922"],
        "timeline.svg": ["29 Eki 1923", "kesin gün", "MÖ 340", "MS 1920", "1 cm ≈ 12 yıl"],
    }),
    "id-proklamasi": ("id", {
        "guide.pdf": ["Linimasa", "hari pasti", "17 Agu 1945", "abad ke-7", "18–24 April 1955",
                      "Kunci jawaban"],
        "cast.pdf": ["Tokoh", "Muncul di: 17 Agustus 1945"],
        "flashcards.pdf": ["Kartu belajar", "Istilah", "Pertanyaan 1", "18–24 April 1955"],
        "timeline.svg": ["17 Agu 1945", "hari pasti", "rentang hari"],
    }),
    "ja-meiji-ishin": ("ja", {
        "guide.pdf": ["年表図", "正確な日", "紀元前660年", "1889年2月11日", "登場人物", "用語集",
                      "解答"],
        "cast.pdf": ["登場人物", "カードの印刷と切り方"],
        "flashcards.pdf": ["単語カード", "日付", "人物", "用語", "1904年2月8日～1905年9月5日"],
        "timeline.svg": ["紀元前660年", "正確な日", "西暦1000年"],
    }),
}

# English words a language writes too ("May" is Turkish for Mayıs, abbreviated; Dutch says
# "Context").
SHARED = {"tr-cumhuriyet": {"May"}, "nl-bezetting": {">Context<"}}

# English wording none of these outputs may print.
ENGLISH = {
    "guide.pdf": ["Contents", "exact day", "Axis cut at"],
    "cast.pdf": ["Cast of characters", "Printing and cutting", "Appears in", "double-sided"],
    "flashcards.pdf": ["Flashcards", "This side is left blank", "double-sided"],
    "timeline.svg": ["exact day", "Oct", "Dec", "May", "1 cm ≈ 1.", "BCE"],
}


def _has_cjk_font() -> bool:
    if shutil.which("fc-list") is None:
        return False
    found = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True,
                           check=False).stdout
    return any(line.strip().lower().endswith((".ttf", ".ttc:")) or ".tt" in line
               for line in found.splitlines())


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The notes built with the machine's fonts allowed, as a user builds them (Chinese
    needs a machine font: the package's fonts have no Chinese)."""
    root = tmp_path_factory.mktemp("lang")
    shutil.copytree(NOTES, root / "notes")
    out = root / "output"
    before = os.environ.get("STUDYPRESS_SYSTEM_FONTS")
    os.environ["STUDYPRESS_SYSTEM_FONTS"] = "1"
    try:
        report = build(BuildConfig(paths=[root / "notes"], output=out, jobs=1,
                                   project_dir=root))
    finally:
        if before is None:
            del os.environ["STUDYPRESS_SYSTEM_FONTS"]
        else:
            os.environ["STUDYPRESS_SYSTEM_FONTS"] = before
    assert not report.failed, [str(d) for d in report.diagnostics]
    return out


def _needs_font(note: str, file: str) -> None:
    if note.startswith(("zh-", "ja-")) and file.endswith(".pdf") and not _has_cjk_font():
        pytest.skip("no CJK font on this machine: the PDFs print '?' for Chinese and Japanese")


def _norm(text: str) -> str:
    return " ".join(text.split())


def _text(path: Path) -> str:
    if path.suffix == ".svg":
        # The SVG's text is outlines; its words are in <desc>, a line for each run of one
        # font: a label in several fonts is several lines, joined as one text.
        desc = re.search(r"<desc>(.*?)</desc>", path.read_text("utf-8"), re.S)
        return _norm(html.unescape(desc.group(1).replace("\n", "")) if desc else "")
    with pdfplumber.open(path) as pdf:
        return _norm(" ".join(page.extract_text() or "" for page in pdf.pages))


def _catalogue(code: str) -> dict:
    return tomllib.loads((default_dir() / "lang" / f"{code}.toml").read_text("utf-8"))


@pytest.mark.parametrize("note", sorted(CASES))
def test_outputs_print_the_notes_language(built, note):
    _, expected = CASES[note]
    for file, words in expected.items():
        _needs_font(note, file)
        text = _text(built / note / file)
        for word in words:
            assert _norm(word) in text, (note, file, word)
        for english in set(ENGLISH[file]) - SHARED.get(note, set()):
            assert english not in text, (note, file, english)


@pytest.mark.parametrize("note", sorted(CASES))
def test_card_sheets_print_the_catalogues_wording(built, note):
    code, _ = CASES[note]
    _needs_font(note, "cast.pdf")
    words = _catalogue(code)["handout"]
    cast = _text(built / note / "cast.pdf")
    assert _norm(words["sheet_title"]) in cast
    assert _norm(words["instructions_title"]) in cast
    cards = _text(built / note / "flashcards.pdf")
    assert _norm(words["flashcards_title"]) in cards
    assert _norm(words["card_date"]) in cards and _norm(words["card_term"]) in cards


@pytest.mark.parametrize("note", sorted(CASES))
def test_pdfs_declare_the_notes_language(built, note):
    code, _ = CASES[note]
    with pdfplumber.open(built / note / "guide.pdf") as pdf:
        assert str(pdf.doc.catalog.get("Lang", b"").decode()) == code


def _deck(path: Path) -> tuple[dict, list[str]]:
    """The note types and the notes' fields of a deck package."""
    import json
    import sqlite3
    import tempfile
    import zipfile

    with tempfile.TemporaryDirectory() as tmp:
        zipfile.ZipFile(path).extract("collection.anki2", tmp)
        db = sqlite3.connect(Path(tmp) / "collection.anki2")
        try:
            models = json.loads(db.execute("select models from col").fetchone()[0])
            fields = [row[0] for row in db.execute("select flds from notes")]
        finally:
            db.close()
    return models, fields


@pytest.mark.parametrize("note", sorted(CASES))
def test_cards_ask_in_the_notes_language_on_its_own_note_types(built, note):
    code, _ = CASES[note]
    words = _catalogue(code)["deck"]
    models, fields = _deck(built / note / "deck.apkg")
    names = sorted(m["name"] for m in models.values())
    assert names and all(name.endswith(f"({code})") for name in names), names
    templates = html.unescape(" ".join(t["qfmt"] + t["afmt"] for m in models.values()
                                       for t in m["tmpls"]))
    for key in ("when", "what_happened", "context"):
        assert words[key] in templates, key
    for english in {"When?", "What happened?", ">Context<"} - SHARED.get(note, set()):
        assert english not in templates
    # the generated fields say "before" and "after" in the language too
    assert any(words["before"] in f or words["after"] in f for f in fields)


def test_english_cards_keep_their_note_types(built, tmp_path):
    shutil.copy(Path(__file__).parent / "notes" / "roman-republic-timeline.md", tmp_path)
    out = tmp_path / "out"
    assert not build(BuildConfig(paths=[tmp_path], output=out, jobs=1, project_dir=tmp_path,
                                 renderers=["deck"])).failed
    models, _ = _deck(out / "roman-republic-timeline" / "deck.apkg")
    names = {m["name"] for m in models.values()}
    assert "studypress Event" in names and not any("(" in n for n in names)


# ------------------------------------------------------------- cards in a real Anki

_ENGLISH_LABELS = tomllib.loads((default_dir() / "deck.toml").read_text("utf-8"))["labels"]


def _rendered_cards(deck: Path, tmp: Path) -> list[tuple[str, str]]:
    """Every card of a deck as a fresh Anki collection renders it: (question, answer) as a
    reader sees them."""
    anki = pytest.importorskip("anki.collection")
    from .test_deck_anki import import_apkg, visible

    col = anki.Collection(str(tmp / "collection.anki2"))
    try:
        import_apkg(col, deck)
        cards = [col.get_card(cid) for cid in col.find_cards("")]
        return [(visible(c.question()), visible(c.answer())) for c in cards]
    finally:
        col.close()


@pytest.mark.parametrize("note", sorted(CASES))
def test_cards_render_in_anki_in_the_notes_language(built, note, tmp_path):
    from studypress.reader import read_note

    code, _ = CASES[note]
    model = read_note(NOTES / f"{note}.md")
    cards = _rendered_cards(built / note / "deck.apkg", tmp_path)
    assert len(cards) >= len(model.events) + len(model.people) + len(model.terms)
    shown = " ".join(q + " " + a for q, a in cards)
    own = _catalogue(code)["deck"]
    # the prompts in the language, and no English label the language words otherwise
    for key in ("when", "what_happened", "who", "define"):
        assert any(own[key] in q for q, _ in cards), key
    for key, english in _ENGLISH_LABELS.items():
        if "{" not in english and own.get(key, english) != english:
            assert not re.search(rf"(?<!\w){re.escape(english)}(?!\w)", shown), (key, english)
    assert not re.search(r"\b(BCE|CE|BC|AD)\b", shown)  # the strip's ends too
    # every event's date on its card in the note's own words, every name and term asked
    for event in model.events:
        assert any(_norm(event.date.display) in q for q, _ in cards), event.date.display
    for name in [p.name for p in model.people] + [t.term for t in model.terms]:
        assert name in shown, name
