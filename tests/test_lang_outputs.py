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
}

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
    if note.startswith("zh-") and file.endswith(".pdf") and not _has_cjk_font():
        pytest.skip("no Chinese font on this machine: the PDFs print '?' for Chinese")


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
        for english in ENGLISH[file]:
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
    for english in ("When?", "What happened?", ">Context<"):
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
