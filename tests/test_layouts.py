"""Layout lookup: project files override packaged defaults file by file."""

from __future__ import annotations

import pytest

from studypress import layouts as layouts_module
from studypress.layouts import LayoutError, Layouts


@pytest.fixture
def dirs(tmp_path, monkeypatch):
    default = tmp_path / "default"
    project = tmp_path / "project"
    (default / "anki").mkdir(parents=True)
    project.mkdir()
    (default / "anki" / "front.html").write_text("<p>{{ value }}</p>")
    (default / "anki" / "back.html").write_text("default back")
    (default / "guide.toml").write_text("[page]\nsize = 'a4'\nmargin = 20\n[colors]\nink = 'k'\n")
    monkeypatch.setattr(layouts_module, "default_dir", lambda: default)
    return default, project


def test_project_file_wins_others_fall_back(dirs):
    default, project = dirs
    (project / "anki").mkdir()
    (project / "anki" / "back.html").write_text("mine {% include 'default/anki/back.html' %}")
    lay = Layouts(project)
    assert lay.find("anki/front.html") == default / "anki" / "front.html"
    assert lay.find("anki/back.html") == project / "anki" / "back.html"
    assert lay.render("anki/back.html") == "mine default back"


def test_templates_escape_values(dirs):
    lay = Layouts(dirs[1])
    assert lay.render("anki/front.html", value="<script>&") == "<p>&lt;script&gt;&amp;</p>"


def test_settings_merge_key_by_key(dirs):
    _, project = dirs
    (project / "guide.toml").write_text("[page]\nsize = 'letter'\n")
    s = Layouts(project).settings("guide")
    assert s == {"page": {"size": "letter", "margin": 20}, "colors": {"ink": "k"}}
    assert Layouts(None).settings("guide")["page"]["size"] == "a4"
    assert Layouts(project).settings("nothing") == {}


def test_broken_files_name_themselves(dirs):
    _, project = dirs
    (project / "guide.toml").write_text("[page\n")
    with pytest.raises(LayoutError, match=r"guide\.toml"):
        Layouts(project).settings("guide")
    (project / "bad.html").write_text("{% if %}")
    with pytest.raises(LayoutError, match=r"bad.html:1: error"):
        Layouts(project).render("bad.html")


def test_fingerprint_changes_with_any_file(dirs):
    _, project = dirs
    lay = Layouts(project)
    before = lay.fingerprint()
    (project / "x.css").write_text("a{}")
    assert Layouts(project).fingerprint() != before


def test_packaged_defaults_exist():
    real = layouts_module.default_dir()
    assert real.is_dir()


def test_templates_follow_files_changed_or_added_during_one_process(dirs):
    default, project = dirs
    assert Layouts(project).render("anki/back.html") == "default back"
    (default / "anki" / "back.html").write_text("edited back")
    assert Layouts(project).render("anki/back.html") == "edited back"
    (project / "anki").mkdir()
    (project / "anki" / "back.html").write_text("override")
    assert Layouts(project).render("anki/back.html") == "override"
