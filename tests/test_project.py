"""The project: its configuration file found by walking up, located errors, overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from studypress.project import ConfigError, Overrides, build_config, discover, find_config, load


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_found_by_walking_up_from_the_path_given(tmp_path):
    config = write(tmp_path / "proj" / "studypress.toml", 'paper = "letter"\n')
    (tmp_path / "proj" / "source" / "deep").mkdir(parents=True)
    assert find_config(tmp_path / "proj" / "source" / "deep") == config
    project = discover([tmp_path / "proj" / "source"], cwd=tmp_path)
    assert project.root == tmp_path / "proj" and project.paper == "letter"
    # Every path in the file is relative to the file, wherever the command runs.
    assert project.source == (tmp_path / "proj" / "source",)
    assert project.output == tmp_path / "proj" / "output"


def test_found_from_the_working_folder(tmp_path):
    write(tmp_path / "studypress.toml", 'source = ["notes", "more"]\noutput = "site"\n')
    (tmp_path / "sub").mkdir()
    project = discover(None, cwd=tmp_path / "sub")
    assert project.source == (tmp_path / "notes", tmp_path / "more")
    assert project.output == tmp_path / "site"


def test_the_nearest_file_wins(tmp_path):
    write(tmp_path / "studypress.toml", 'paper = "letter"\n')
    inner = write(tmp_path / "inner" / "studypress.toml", 'paper = "a4"\n')
    assert find_config(tmp_path / "inner") == inner


def test_pyproject_tool_table(tmp_path):
    write(tmp_path / "pyproject.toml",
          '[project]\nname = "x"\n\n[tool.studypress]\nprinting = "questions"\njobs = 2\n')
    project = discover(None, cwd=tmp_path)
    assert project.config_file == tmp_path / "pyproject.toml"
    assert (project.printing, project.jobs) == ("questions", 2)


def test_a_pyproject_without_the_table_is_passed_over(tmp_path):
    outer = write(tmp_path / "studypress.toml", 'strict = true\n')
    write(tmp_path / "pkg" / "pyproject.toml", '[project]\nname = "x"\n[tool.ruff]\n')
    write(tmp_path / "broken" / "pyproject.toml", '[project\n')  # not ours to report
    assert find_config(tmp_path / "pkg") == outer
    assert find_config(tmp_path / "broken") == outer


def test_without_a_file_the_working_folder_is_the_project(tmp_path):
    project = discover(None, cwd=tmp_path)
    assert project.root == tmp_path and project.config_file is None
    assert project.source == (Path("source"),) and project.output == Path("output")


def error_of(tmp_path: Path, text: str, name: str = "studypress.toml") -> str:
    path = write(tmp_path / name, text)
    with pytest.raises(ConfigError) as caught:
        load(path)
    return str(caught.value)


def test_unknown_key_is_located_with_a_suggestion(tmp_path):
    message = error_of(tmp_path, '# settings\npaper = "a4"\nouptut = "out"\n')
    assert message.endswith("studypress.toml:3: error: unknown key 'ouptut'; "
                            "did you mean 'output'?")


def test_wrong_type_is_located(tmp_path):
    message = error_of(tmp_path, 'paper = "a4"\n\njobs = "four"\n')
    assert "studypress.toml:3: error: 'jobs' must be a whole number" in message
    assert "'four'" in message
    assert ":1: error: 'strict' must be true or false (got 1)" in error_of(tmp_path, "strict = 1\n")
    assert "(got true)" in error_of(tmp_path, "jobs = true\n")


def test_wrong_choice_suggests_the_closest(tmp_path):
    message = error_of(tmp_path, 'paper = "leter"\n')
    assert "studypress.toml:1: error: 'paper' is 'leter', not one of a4, letter; " \
           "did you mean 'letter'?" in message


def test_unknown_output_is_located(tmp_path):
    message = error_of(tmp_path, 'paper = "a4"\noutputs = ["guide", "decks"]\n')
    assert "studypress.toml:2: error: 'outputs' names an unknown output 'decks'" in message
    assert "did you mean 'deck'?" in message


def test_errors_in_pyproject_are_located_in_its_table(tmp_path):
    message = error_of(tmp_path, '[project]\npaper = "x"\n\n[tool.studypress]\npapr = "a4"\n',
                       "pyproject.toml")
    assert "pyproject.toml:5: error: unknown key 'papr'; did you mean 'paper'?" in message


def test_broken_toml_is_located(tmp_path):
    message = error_of(tmp_path, 'paper = "a4"\njobs = \n')
    assert "studypress.toml:2: error:" in message and "fix the TOML syntax" in message


def test_command_line_overrides_the_file(tmp_path):
    write(tmp_path / "studypress.toml",
          'paper = "letter"\nprinting = "answers"\noutputs = ["deck"]\njobs = 3\nstrict = true\n')
    (tmp_path / "source").mkdir()
    kept = build_config(Overrides(), cwd=tmp_path)
    assert (kept.options.paper, kept.options.printing, kept.renderers, kept.jobs,
            kept.strict) == ("letter", "answers", ["deck"], 3, True)
    assert kept.project_dir == tmp_path and kept.paths == [tmp_path / "source"]
    given = build_config(Overrides(paper="a4", only=["guide"], jobs=1, strict=False,
                                   output=Path("elsewhere")), cwd=tmp_path)
    assert (given.options.paper, given.options.printing, given.renderers, given.jobs,
            given.strict, given.output) == ("a4", "answers", ["guide"], 1, False,
                                            Path("elsewhere"))


def test_the_project_root_decides_layouts_and_name(tmp_path):
    """Building proj/source from the parent folder uses proj's layouts and proj's name."""
    write(tmp_path / "proj" / "studypress.toml", "")
    (tmp_path / "proj" / "source").mkdir()
    config = build_config(Overrides(paths=[Path("proj/source")]), cwd=tmp_path)
    assert config.project_dir == tmp_path / "proj"
    assert config.options.project_name == "proj"
    assert config.output == tmp_path / "proj" / "output"


@pytest.mark.parametrize(("text", "located"), [
    ('paper = "a4"\nouptut = "out"\n', "studypress.toml:2: error: unknown key 'ouptut'; "
                                       "did you mean 'output'?"),
    ('jobs = true\n', "studypress.toml:1: error: 'jobs' must be a whole number"),
    ('\n\noutputs = ["guide", "pdf"]\n', "studypress.toml:3: error: 'outputs' names an "
                                          "unknown output 'pdf'"),
])
def test_the_command_reports_a_bad_config_and_exits_2(tmp_path, monkeypatch, text, located):
    from typer.testing import CliRunner

    from studypress.cli import app

    write(tmp_path / "studypress.toml", text)
    (tmp_path / "source").mkdir()
    write(tmp_path / "source" / "a.md", "# A\n")
    monkeypatch.chdir(tmp_path)
    for command in ("build", "check"):
        result = CliRunner().invoke(app, [command])
        assert result.exit_code == 2, result.output
        assert located in result.output
        assert "Traceback" not in result.output
    assert not (tmp_path / "output").exists()


def test_the_config_settings_reach_the_build(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from studypress.cli import app

    write(tmp_path / "studypress.toml", 'source = "notes"\noutput = "out"\noutputs = ["model"]\n')
    write(tmp_path / "notes" / "a.md", "# A\n\n## Timeline\n\n- **1933:** Something.\n")
    monkeypatch.chdir(tmp_path / "notes")  # from a folder below the project
    result = CliRunner().invoke(app, ["build"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out" / "a").iterdir()) == ["model.json"]
    result = CliRunner().invoke(app, ["build", "--only", "timeline"])
    assert (tmp_path / "out" / "a" / "timeline.svg").is_file()


def test_command_line_conventions():
    from typer.testing import CliRunner

    from studypress import __version__
    from studypress.cli import app
    from studypress.project import PAPERS, PRINTINGS, output_names

    runner = CliRunner()
    assert runner.invoke(app, ["-V"]).output.strip() == f"studypress {__version__}"
    assert "--install-completion" in runner.invoke(app, ["--help"]).output
    for command in ("build", "watch"):
        shown = runner.invoke(app, [command, "--help"], env={"COLUMNS": "250"}).output
        text = " ".join(shown.split())
        for choices in (PAPERS, PRINTINGS, output_names()):
            assert "|".join(choices) in text, (command, choices)


def test_without_a_file_the_folder_holding_layouts_is_the_project(tmp_path):
    """proj/source built from the parent folder uses proj/layouts and writes proj/output."""
    (tmp_path / "proj" / "source" / "sub").mkdir(parents=True)
    (tmp_path / "proj" / "layouts").mkdir()
    (tmp_path / "layouts").mkdir()  # the working folder's own layouts do not apply
    config = build_config(Overrides(paths=[Path("proj/source")]), cwd=tmp_path)
    assert config.project_dir == tmp_path / "proj"
    assert config.output == tmp_path / "proj" / "output"
    deep = build_config(Overrides(paths=[Path("proj/source/sub")]), cwd=tmp_path)
    assert deep.project_dir == tmp_path / "proj"
    # Inside the working folder's own tree the working folder stays the project.
    (tmp_path / "notes").mkdir()
    here = build_config(Overrides(paths=[Path("notes")]), cwd=tmp_path)
    assert here.project_dir == tmp_path and here.output == Path("output")


def test_the_deck_settings_of_that_project_apply(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from studypress.cli import app

    write(tmp_path / "proj" / "source" / "a.md", "# A\n\n## Timeline\n\n- **1933:** Event.\n")
    write(tmp_path / "proj" / "layouts" / "deck.toml", 'project_deck = "Proj Deck"\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["build", "proj/source", "--only", "deck"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "proj" / "output" / "proj-deck.apkg").is_file()
    assert not (tmp_path / "output").exists()


def test_notes_from_elsewhere_leave_the_projects_lock_and_deck_alone(tmp_path, monkeypatch):
    """Building another folder (or a part of source/) from a project must not drop the cards of
    the project's own notes from its lock, nor make a combined deck of the other notes."""
    from typer.testing import CliRunner

    from studypress.cli import app

    project, elsewhere = tmp_path / "proj", tmp_path / "elsewhere"
    write(project / "source" / "a.md", "# A\n\n## Timeline\n\n- **1933:** Something.\n")
    write(project / "source" / "sub" / "b.md", "# B\n\n## Timeline\n\n- **1934:** Other.\n")
    write(elsewhere / "c.md", "# C\n\n## Timeline\n\n- **1935:** Third.\n")
    monkeypatch.chdir(project)
    runner = CliRunner()
    assert runner.invoke(app, ["build", "source"]).exit_code == 0
    lock = (project / "studypress.lock").read_bytes()
    assert b"a/event/1933" in lock and b"b/event/1934" in lock
    for folder, out in ((elsewhere, tmp_path / "other-out"), (project / "source" / "sub", None)):
        args = ["build", str(folder)] + (["-o", str(out)] if out else [])
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert "made only when building the project's whole source (source)" in result.output
        assert (project / "studypress.lock").read_bytes() == lock
    assert (tmp_path / "other-out" / "c" / "deck.apkg").is_file()
    assert not (tmp_path / "other-out" / "study-notes.apkg").exists()
    # The whole source again: the combined outputs are made as before.
    result = runner.invoke(app, ["build", "source", "--force"])
    assert result.exit_code == 0 and "made only when" not in result.output


def test_a_part_built_without_combined_outputs_says_nothing_of_them(tmp_path, monkeypatch):
    """Only a build that asks for a combined output says it was left alone."""
    from typer.testing import CliRunner

    from studypress.cli import app

    project = tmp_path / "proj"
    write(project / "source" / "a.md", "# A\n\n## Timeline\n\n- **1933:** Something.\n")
    write(project / "source" / "sub" / "b.md", "# B\n\n## Timeline\n\n- **1934:** Other.\n")
    monkeypatch.chdir(project)
    runner = CliRunner()
    quiet = runner.invoke(app, ["build", "source/sub", "--only", "model"])
    assert quiet.exit_code == 0, quiet.output
    assert "combined outputs" not in quiet.output
    told = runner.invoke(app, ["build", "source/sub", "--only", "deck"])
    assert told.exit_code == 0, told.output
    assert "made only when building the project's whole source (source)" in told.output
