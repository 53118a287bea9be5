"""The note's language: declared in front matter, else told by its section and month words."""

from __future__ import annotations

from pathlib import Path

import pytest

from studypress.reader import read_note, read_text
from studypress.reader.language import detect, from_tag

NOTES = Path(__file__).parent / "notes"


@pytest.mark.parametrize(("name", "code"), [
    ("es-revolucion-de-mayo.md", "es"), ("fr-revolution-francaise.md", "fr"),
    ("de-mauerfall.md", "de"), ("pt-independencia-do-brasil.md", "pt"),
    ("ru-revolyutsiya.md", "ru"), ("zh-xinhai.md", "zh"),
])
def test_detected_from_the_words(name, code):
    assert read_note(NOTES / "lang" / name).metadata.language == code


@pytest.mark.parametrize("path", sorted(p for p in NOTES.glob("*.md")))
def test_english_notes_stay_english(path):
    assert read_note(path).metadata.language == "en"


@pytest.mark.parametrize(("front", "code"), [
    ("lang: es", "es"), ("language: es-AR", "es"), ("lang: pt_BR", "pt"), ("lang: FR", "fr"),
    ("lang: Spanish and more", "de"),  # no tag: the words decide
])
def test_front_matter_declares_it(front, code):
    text = f"---\n{front}\n---\n# Titel\n\n## Zeittafel\n\n- **9. November 1989:** Mauerfall\n"
    assert read_text(text, "x.md", "x").metadata.language == code


def test_months_alone_tell_a_language():
    assert detect([], "El 25 de mayo de 1810 y el 9 de julio de 1816.") == "es"
    assert detect([], "On 25 May 1810 and in July 1816.") == "en"


def test_nothing_known_is_english():
    assert detect(["Background"], "Some words.") == "en"
    assert detect([], "") == "en"


def test_tags():
    assert from_tag("zh-Hant-TW") == "zh"
    assert from_tag("") is None
    assert from_tag(12) is None


def test_inspect_shows_it(tmp_path):
    from typer.testing import CliRunner

    from studypress.cli import app

    result = CliRunner().invoke(app, ["inspect", str(NOTES / "lang" / "ru-revolyutsiya.md")])
    assert result.exit_code == 0, result.output
    assert "language: ru" in result.output
