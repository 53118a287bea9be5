"""The wording catalogues: every language has every key of every output, with the same
placeholders as the English, and a lookup falls back to English key by key."""

from __future__ import annotations

import re
import tomllib

import pytest

from studypress.layouts import Layouts, default_dir
from studypress.wording import TABLES, catalogues, codes, english, translated, wording

# The languages whose dates and section words the reader knows: each has a catalogue.
READER_LANGUAGES = ("de", "es", "fr", "id", "it", "ja", "nl", "pl", "pt", "ru", "tr", "uk",
                    "zh")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _catalogue(code: str) -> dict:
    return tomllib.loads((default_dir() / "lang" / f"{code}.toml").read_text("utf-8"))


def test_every_language_the_reader_knows_has_a_catalogue():
    assert set(READER_LANGUAGES) <= set(catalogues(Layouts(None)))


@pytest.mark.parametrize("code", catalogues(Layouts(None)))
@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_catalogue_has_every_key_with_its_placeholders(code, table):
    ours = _catalogue(code).get(table, {})
    theirs = english(Layouts(None), table)
    assert set(ours) == set(theirs), (code, table, set(theirs) ^ set(ours))
    for key, text in ours.items():
        assert text.strip(), (code, table, key)
        assert set(_PLACEHOLDER.findall(text)) == set(_PLACEHOLDER.findall(theirs[key])), (
            code, table, key)


@pytest.mark.parametrize("table", sorted(TABLES))
def test_english_wording_is_the_layout_files_own(table):
    file, section = TABLES[table]
    data = tomllib.loads((default_dir() / f"{file}.toml").read_text("utf-8"))[section]
    assert english(Layouts(None), table) == data
    assert translated(Layouts(None), "en", table) == {}
    assert wording(Layouts(None), "en", table) == data


def test_a_language_without_a_catalogue_prints_english():
    assert wording(Layouts(None), "sv", "deck")["when"] == "When?"
    assert translated(Layouts(None), "sv", "deck") == {}


def test_a_key_left_out_keeps_english_and_a_project_overrides_key_by_key(tmp_path):
    (tmp_path / "lang").mkdir()
    (tmp_path / "lang" / "es.toml").write_text('[deck]\nwhen = "¿En qué fecha?"\n', "utf-8")
    (tmp_path / "lang" / "sv.toml").write_text('[deck]\nwhen = "När?"\n', "utf-8")
    layouts = Layouts(tmp_path)
    es = wording(layouts, "es", "deck")
    assert es["when"] == "¿En qué fecha?"  # the project's word
    assert es["who"] == "¿Quién era?"  # the packaged Spanish
    sv = wording(layouts, "sv", "deck")
    assert sv["when"] == "När?" and sv["who"] == "Who was this?"  # English where it has none


def test_a_regional_tag_looks_in_its_own_catalogue_first(tmp_path):
    (tmp_path / "lang").mkdir()
    (tmp_path / "lang" / "pt-br.toml").write_text('[handout]\ncard_term = "Termo (BR)"\n',
                                                  "utf-8")
    layouts = Layouts(tmp_path)
    words = wording(layouts, "pt-BR", "handout")
    assert words["card_term"] == "Termo (BR)"
    assert words["card_person"] == "Pessoa"  # from pt
    assert codes("pt-BR") == ("pt-br", "pt")
    assert codes("de") == ("de",)
    assert codes("") == () and codes("not a tag!") == ()
