"""The one settings loader: a wrong value is an error naming file, line, key and what is
allowed, for every renderer's settings; a missing value takes its default."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from studypress import settings
from studypress.figure.style import Style
from studypress.figure.style import _schema as timeline_schema
from studypress.layouts import LayoutError, Layouts
from studypress.renderers.deck import DeckConfig
from studypress.renderers.deck.items import Settings as DeckSettings
from studypress.renderers.guide import settings as guide
from studypress.renderers.handout import settings as handout
from studypress.renderers.subjects import Subjects

LOADERS = {
    "guide": lambda layouts: guide.load(layouts),
    "handout": lambda layouts: handout.load_settings(layouts, "a4"),
    "timeline": lambda layouts: Style.load(layouts),
    "deck": lambda layouts: DeckConfig.load(layouts),
    "subjects": lambda layouts: Subjects.load(layouts),
}


@pytest.mark.parametrize(("name", "text", "line", "key", "allowed", "found"), [
    ("guide", "lang = 'en'\n[page]\nmargin_top = 200\n", 3, "page.margin_top",
     "a number from 5 to 80", "200"),
    ("guide", "[colours]\n# the link colour\nlink = 'blue'\n", 3, "colours.link",
     'a string such as "#1a4f8b"', "'blue'"),
    ("guide", "[layout]\ntoc_depth = 1.5\n", 2, "layout.toc_depth",
     "a whole number from 1 to 2", "1.5"),
    ("handout", "[sheet]\norder = 'height'\n", 2, "sheet.order",
     "one of 'first-appearance', 'name', 'note'", "'height'"),
    ("handout", "[cards]\ncut_marks = 'yes'\n", 2, "cards.cut_marks", "true or false",
     "'yes'"),
    ("handout", "[colors]\naccent = '#12'\n", 2, "colors.accent", 'a string such as',
     "'#12'"),
    ("timeline", "[figure]\ndpi = 5000\n", 2, "figure.dpi", "a number from 18 to 1200",
     "5000"),
    ("timeline", "[colours]\nbands = 'grey'\n", 2, "colours.bands", "a list of colours",
     "'grey'"),
    ("deck", "essay_cards = 1\n", 1, "essay_cards", "true or false", "1"),
    ("deck", "[labels]\nwhen = 3\n", 2, "labels.when", "a string", "3"),
    ("subjects", "drop = 3\n", 1, "drop", "a list of folder names", "3"),
])
def test_a_wrong_value_is_located_with_what_is_allowed(tmp_path, monkeypatch, name, text,
                                                       line, key, allowed, found):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / f"{name}.toml").write_text(text, encoding="utf-8")
    with pytest.raises(LayoutError) as err:
        LOADERS[name](Layouts(Path("layouts")))
    message = str(err.value)
    assert message.startswith(f"layouts/{name}.toml:{line}: error: {key} must be "), message
    assert allowed in message and message.endswith(f"(found {found})"), message


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_a_missing_value_takes_its_default(tmp_path, name):
    """An empty project file, or none, changes nothing."""
    (tmp_path / f"{name}.toml").write_text("# nothing set\n", encoding="utf-8")
    assert LOADERS[name](Layouts(tmp_path)) == LOADERS[name](Layouts(None))


DECLARED = [
    ("guide", guide.GuideToml, None),
    ("handout", handout.HandoutToml, None),
    ("timeline", Style, timeline_schema()),
    ("deck", DeckSettings, None),
    ("subjects", Subjects, None),
]


@pytest.mark.parametrize(("name", "cls", "schema"), DECLARED, ids=[d[0] for d in DECLARED])
def test_declared_defaults_are_the_packaged_files_values(name, cls, schema):
    """The defaults in the code and in layouts/*.toml cannot drift apart."""
    source = settings.Source.from_layouts(Layouts(None), name)
    compared = 0
    for field_name, spec, default in settings.specs(cls, schema):
        raw = source.get(spec.key)
        if raw is settings._MISSING or default in ({}, (), None):
            continue  # an empty code default leaves the value to the packaged file
        assert spec.kind.read(source, spec.key, raw) == default, field_name
        compared += 1
    assert compared >= (1 if name == "subjects" else 4)


def test_a_setting_under_a_value_that_is_no_table(tmp_path):
    (tmp_path / "guide.toml").write_text("page = 3\n", encoding="utf-8")
    with pytest.raises(LayoutError, match=r"guide\.toml:1: error: page must be a table"):
        guide.load(Layouts(tmp_path))


def test_the_line_is_found_for_tables_dotted_and_quoted_keys(tmp_path):
    path = tmp_path / "x.toml"
    path.write_text('top = 1\n[a]\nb = 2\n"c" = 3\n[a.d]  # sub-table\ne = 4\n'
                    'f.g = 5\n', encoding="utf-8")
    assert settings.find_line(path, "top") == 1
    assert settings.find_line(path, "a.b") == 3
    assert settings.find_line(path, "a.c") == 4
    assert settings.find_line(path, "a.d") == 5
    assert settings.find_line(path, "a.d.e") == 6
    assert settings.find_line(path, "a.d.f.g") == 7
    assert settings.find_line(path, "nowhere") is None


def test_a_project_value_is_reported_where_the_project_set_it(tmp_path):
    """The project's file wins over the defaults, and the error names that file."""
    (tmp_path / "handout.toml").write_text("\n\n[cards]\nstep = 0\n", encoding="utf-8")
    with pytest.raises(LayoutError) as err:
        handout.load_settings(Layouts(tmp_path), "a4")
    assert re.match(rf"{re.escape(str(tmp_path))}/handout\.toml:4: error: cards\.step must be "
                    r"a number of at least 0\.1 \(found 0\)", str(err.value))


def test_a_wrong_setting_fails_only_its_renderer_in_a_build(tmp_path, monkeypatch):
    from studypress.build import BuildConfig, build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "n.md").write_text("# N\n\n## Timeline\n\n- **1910:** x\n",
                                             encoding="utf-8")
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "deck.toml").write_text("faq_cards = 'no'\n", encoding="utf-8")
    report = build(BuildConfig(paths=[Path("source")], output=Path("output"),
                               renderers=["model", "deck"], project_dir=tmp_path))
    layout_errors = [d for d in report.diagnostics if d.code == "layout"]
    assert len(layout_errors) == 1
    assert "layouts/deck.toml:1: error: faq_cards must be true or false" in \
        layout_errors[0].message
    assert (tmp_path / "output" / "n" / "model.json").is_file()
