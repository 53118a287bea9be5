"""studypress.toml's fonts, deck name and subject naming: they reach every output that uses
them, the project's own layouts/*.toml win over them, and a mistake is a located error (exit 2)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from studypress.cli import app
from studypress.layouts import Layouts
from studypress.project import ConfigError, load
from studypress.settings import Source

runner = CliRunner()
NOTE = "# A\n\n## Timeline\n\n- **1933:** Something happens.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def build(folder: Path, monkeypatch, *args: str):
    monkeypatch.chdir(folder)
    result = runner.invoke(app, ["build", *args])
    assert result.exit_code == 0, result.output
    return result


def test_the_deck_name_names_the_combined_deck(tmp_path, monkeypatch):
    write(tmp_path / "studypress.toml", 'deck_name = "World History"\n')
    write(tmp_path / "source" / "a.md", NOTE)
    build(tmp_path, monkeypatch, "--only", "deck")
    assert (tmp_path / "output" / "world-history.apkg").is_file()
    assert not (tmp_path / "output" / "study-notes.apkg").exists()


def test_a_layout_file_of_the_project_wins_over_the_config(tmp_path, monkeypatch):
    write(tmp_path / "studypress.toml", 'deck_name = "World History"\n')
    write(tmp_path / "layouts" / "deck.toml", 'project_deck = "Own Deck"\n')
    write(tmp_path / "source" / "a.md", NOTE)
    build(tmp_path, monkeypatch, "--only", "deck")
    assert sorted(p.name for p in (tmp_path / "output").glob("*.apkg")) == ["own-deck.apkg"]


def _base_fonts(pdf: bytes) -> set[str]:
    return {m.decode().split("+")[-1].split("-")[0]
            for m in re.findall(rb"/BaseFont /(\S+)", pdf)}


def test_the_guide_prints_in_the_fonts_the_config_names(tmp_path, monkeypatch):
    write(tmp_path / "source" / "a.md", NOTE + "\nSome *prose* to print.\n")
    build(tmp_path, monkeypatch, "--only", "guide")
    assert "SourceSerifPro" in _base_fonts((tmp_path / "output/a/guide.pdf").read_bytes())
    write(tmp_path / "studypress.toml", '[fonts]\nbody = "sans"\nheadings = "sans"\n')
    build(tmp_path, monkeypatch, "--only", "guide")
    assert _base_fonts((tmp_path / "output/a/guide.pdf").read_bytes()) == {"SourceSansPro"}


def test_fallback_fonts_apply_to_every_output_relative_to_the_file(tmp_path):
    project = tmp_path / "proj"
    write(project / "studypress.toml", '[fonts]\nfallback = ["fonts/cjk.ttf", "/abs/x.ttf"]\n')
    layouts = Layouts(project / "layouts")
    expected = [str(project / "fonts" / "cjk.ttf"), "/abs/x.ttf"]
    assert layouts.settings("guide")["fonts"]["fallback"] == expected
    assert layouts.settings("handout")["fonts"]["fallback"] == expected
    assert layouts.settings("timeline")["figure"]["fallback_fonts"] == expected
    # The project's handout.toml is about the handout only, and wins there.
    write(project / "layouts" / "handout.toml", '[fonts]\nfallback = ["own.ttf"]\n')
    layouts = Layouts(project / "layouts")
    assert layouts.settings("handout")["fonts"]["fallback"] == ["own.ttf"]
    assert layouts.settings("guide")["fonts"]["fallback"] == expected


def test_a_missing_fallback_font_is_reported_by_its_path(tmp_path, monkeypatch):
    write(tmp_path / "proj" / "studypress.toml", '[fonts]\nfallback = "fonts/none.ttf"\n')
    write(tmp_path / "proj" / "source" / "a.md", NOTE)
    result = build(tmp_path, monkeypatch, "proj/source", "--only", "guide")  # from outside
    assert ("proj/studypress.toml:2: warning: the fallback font proj/fonts/none.ttf "
            "([fonts] fallback) was not found") in result.output


def fallback_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if "fallback font" in line]


def test_a_missing_fallback_font_is_reported_once_at_its_line(tmp_path, monkeypatch):
    vera = Path(__import__("reportlab").__file__).parent / "fonts" / "Vera.ttf"
    write(tmp_path / "studypress.toml",
          'paper = "a4"\n\n[fonts]\nbody = "serif"\nfallback = ["fonts/none.ttf", "v.ttf"]\n')
    (tmp_path / "v.ttf").write_bytes(vera.read_bytes())
    for name in ("a", "b", "c"):
        write(tmp_path / "source" / f"{name}.md", NOTE.replace("# A", f"# {name}"))
    said = ("studypress.toml:5: warning: the fallback font fonts/none.ttf ([fonts] fallback) "
            "was not found; characters the built-in fonts lack print as '?'")
    # Three notes, every output that prints text: one warning, at the setting's line.
    first = build(tmp_path, monkeypatch, "--only", "guide", "--only", "handout",
                  "--only", "timeline", "--only", "flashcards", "--only", "book")
    assert fallback_lines(first.output) == [said]
    again = build(tmp_path, monkeypatch)  # nothing to rebuild: still said, once
    assert fallback_lines(again.output) == [said]
    checked = runner.invoke(app, ["check"])
    assert fallback_lines(checked.output) == [said]
    # The font that is there still serves the outputs; the missing one is left out.
    from studypress.settings import FONT_PATHS

    for name, key in (("guide", "fonts.fallback"), ("handout", "fonts.fallback"),
                      ("timeline", "figure.fallback_fonts")):
        source = Source.from_layouts(Layouts(tmp_path / "layouts"), name)
        assert FONT_PATHS.read(source, key, source.get(key)) == (str(tmp_path / "v.ttf"),)
    # Once the file is there, nothing is said, and the outputs print with it.
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "none.ttf").write_bytes(vera.read_bytes())
    assert fallback_lines(build(tmp_path, monkeypatch).output) == []


def test_a_missing_font_a_layout_file_names_is_still_the_renderers_to_report(
        tmp_path, monkeypatch):
    write(tmp_path / "studypress.toml", '[fonts]\nbody = "serif"\n')
    write(tmp_path / "layouts" / "guide.toml", '[fonts]\nfallback = "gone.ttf"\n')
    write(tmp_path / "source" / "a.md", NOTE)
    lines = fallback_lines(build(tmp_path, monkeypatch, "--only", "guide").output)
    assert len(lines) == 1 and "layouts/guide.toml [fonts] fallback" in lines[0]


def test_subject_naming_follows_the_config(tmp_path):
    from studypress.model import Metadata, Note
    from studypress.renderers.subjects import Subjects

    project = tmp_path / "proj"
    write(project / "studypress.toml",
          'source = "notes"\n\n[subjects]\nuppercase = ["abc"]\ndrop = ["misc"]\n')
    note = Note(id="a", title="A", source="proj/notes/abc-history/misc/a.md",
                metadata=Metadata())
    subjects = Subjects.load(Layouts(project / "layouts"))
    # The source folder is named "notes", so the subject starts below it.
    assert subjects.path(note) == ("ABC History",)


def test_an_error_in_a_setting_from_the_config_points_at_its_line(tmp_path, monkeypatch):
    write(tmp_path / "studypress.toml", 'paper = "a4"\n\n[fonts]\nfallback = ["x.ttf"]\n')
    monkeypatch.chdir(tmp_path)
    source = Source.from_layouts(Layouts(tmp_path / "layouts"), "timeline")
    assert source.where("figure.fallback_fonts") == "studypress.toml:4"
    assert source.where("figure.dpi").startswith(str(Path("layouts") / "timeline.toml")) or \
        "timeline.toml:" in source.where("figure.dpi")


@pytest.mark.parametrize(("text", "located"), [
    ('[fonts]\nbody = "sans"\nbodyy = "serif"\n',
     "studypress.toml:3: error: unknown key 'fonts.bodyy'; did you mean 'fonts.body'?"),
    ('\n[fonts]\nbody = "comic"\n',
     "studypress.toml:3: error: 'fonts.body' is 'comic', not one of serif, sans"),
    ('[fonts]\nfallback = 12\n', "studypress.toml:2: error: 'fonts.fallback' must be a list"),
    ('fonts = "sans"\n', "studypress.toml:1: error: 'fonts' must be a table"),
    ('deck_name = ["x"]\n', "studypress.toml:1: error: 'deck_name' must be a name"),
    ('deck_name = "  "\n', "studypress.toml:1: error: 'deck_name' must be a name"),
    ('[subjects]\nuppercase = [1, 2]\n',
     "studypress.toml:2: error: 'subjects.uppercase' must be a list of folder names"),
    ('[subjects]\nroots = ["x"]\n',
     "studypress.toml:2: error: unknown key 'subjects.roots'; did you mean "
     "'subjects.source_roots'?"),
    ('dek_name = "x"\n', "studypress.toml:1: error: unknown key 'dek_name'; did you mean "
                         "'deck_name'?"),
])
def test_a_wrong_key_or_type_is_located_and_exits_2(tmp_path, monkeypatch, text, located):
    write(tmp_path / "studypress.toml", text)
    write(tmp_path / "source" / "a.md", NOTE)
    with pytest.raises(ConfigError, match=re.escape(located)):
        load(tmp_path / "studypress.toml")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 2, result.output
    assert located in result.output and "Traceback" not in result.output
    assert not (tmp_path / "output").exists()
