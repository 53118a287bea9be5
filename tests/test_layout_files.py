"""``studypress layouts``: each layout file with its origin; ``layouts copy`` to edit one."""

from __future__ import annotations

from typer.testing import CliRunner

from studypress.cli import app
from studypress.layout_files import DEFAULT, EXTRA, PROJECT, listing
from studypress.layouts import default_dir

runner = CliRunner()


def test_listing_names_every_default_and_the_projects_own(tmp_path):
    (tmp_path / "layouts" / "anki").mkdir(parents=True)
    (tmp_path / "layouts" / "anki" / "cards.css").write_text("x", encoding="utf-8")
    (tmp_path / "layouts" / "notes.txt").write_text("x", encoding="utf-8")
    found = {f.name: f for f in listing(tmp_path / "layouts")}
    defaults = {p.relative_to(default_dir()).as_posix() for p in default_dir().rglob("*")
                if p.is_file() and not p.name.startswith(".")}
    assert defaults <= set(found) and "deck.toml" in defaults
    assert found["anki/cards.css"].origin == PROJECT
    assert found["anki/cards.css"].path == tmp_path / "layouts" / "anki" / "cards.css"
    assert found["deck.toml"].origin == DEFAULT
    assert found["notes.txt"].origin == EXTRA


def test_copy_then_the_project_copy_is_in_use(tmp_path, monkeypatch):
    (tmp_path / "studypress.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["layouts", "copy", "anki/cards.css"])
    assert result.exit_code == 0, result.output
    copied = tmp_path / "layouts" / "anki" / "cards.css"
    assert copied.read_bytes() == (default_dir() / "anki" / "cards.css").read_bytes()
    listed = runner.invoke(app, ["layouts"]).output.splitlines()
    row = next(r for r in listed if r.startswith("anki/cards.css "))
    assert row.split()[1] == "project" and row.split()[-1] == "layouts/anki/cards.css"
    assert next(r for r in listed if r.startswith("deck.toml ")).split()[1] == "default"
    copied.write_text("edited", encoding="utf-8")
    again = runner.invoke(app, ["layouts", "copy", "anki/cards.css"])
    assert again.exit_code == 2 and "already exists" in again.output
    assert copied.read_text() == "edited"


def test_copy_of_an_unknown_name_suggests_the_closest(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["layouts", "copy", "guide.tml"])
    assert result.exit_code == 2
    assert "'guide.tml' is not a default layout file; did you mean 'guide.toml'?" in result.output
    assert not (tmp_path / "layouts").exists()
