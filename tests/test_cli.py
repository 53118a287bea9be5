"""The command line: build, check, inspect, exit codes, and the installed script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from studypress import __version__
from studypress.cli import app

from .conftest import NOTES, SEED

runner = CliRunner()


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with the seed and the messy note in source/."""
    src = tmp_path / "source"
    src.mkdir()
    shutil.copy(SEED, src / SEED.name)
    shutil.copy(NOTES / "messy-notes.md", src / "messy-notes.md")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_version_and_help():
    result = invoke("--version")
    assert result.exit_code == 0 and result.output.strip() == f"studypress {__version__}"
    for command in ("build", "check", "inspect", "watch"):
        result = invoke(command, "--help")
        assert result.exit_code == 0, command
        assert "Usage" in result.output


def test_build_writes_model_json(project):
    result = invoke("build", "--only", "model")
    assert result.exit_code == 0, result.output
    model = json.loads((project / "output" / SEED.stem / "model.json").read_text())
    assert model["model_version"] == 1 and len(model["events"]) == 14
    assert "built 2 notes in" in result.output


def test_second_build_skips_unchanged_notes(project):
    assert invoke("build", "--only", "model").exit_code == 0
    result = invoke("build", "--only", "model")
    assert "nothing to do: 2 notes unchanged → output/" in result.output
    (project / "source" / "messy-notes.md").write_text("# Changed\n", encoding="utf-8")
    result = invoke("build", "--only", "model")
    assert "built 2 notes (1 unchanged" in result.output


def test_check_prints_compiler_style_diagnostics_and_writes_nothing(project):
    result = invoke("check")
    assert result.exit_code == 0
    assert f"source/{SEED.name}:42: info: 'June 1941' lies outside its group" in result.output
    assert "source/messy-notes.md:18: info: struck-through item left out" in result.output
    assert not (project / "output").exists()


def test_strict_turns_warnings_into_errors(project):
    (project / "source" / "bad.md").write_text("## Timeline\n\n- **Febtember 1900:** x\n",
                                               encoding="utf-8")
    result = invoke("check")
    assert result.exit_code == 0
    assert "source/bad.md:3: warning: 'Febtember' is not a month name" in result.output
    result = invoke("check", "--strict")
    assert result.exit_code == 1
    assert "source/bad.md:3: error:" in result.output


def test_diagnostics_sorted_by_file_and_line(project):
    (project / "source" / "a.md").write_text(
        "## Timeline\n\n- **31 February 1900:** x\n- **Febtember 1900:** y\n", encoding="utf-8")
    lines = [ln for ln in invoke("check").output.splitlines() if ": warning:" in ln
             or ": info:" in ln]
    keys = [(ln.split(":")[0], int(ln.split(":")[1])) for ln in lines]
    assert keys == sorted(keys)
    assert keys[:2] == [("source/a.md", 3), ("source/a.md", 4)]


def test_unreadable_note_is_error_exit_1_and_others_still_build(project):
    (project / "source" / "latin.md").write_bytes(b"# Caf\xe9\n")
    result = invoke("build", "--only", "model")
    assert result.exit_code == 1
    assert "source/latin.md:1: error:" in result.output
    assert "Traceback" not in result.output
    assert (project / "output" / "messy-notes" / "model.json").is_file()


def test_usage_errors_exit_2(project):
    result = invoke("build", "nowhere")
    assert result.exit_code == 2 and "nowhere: no such file or folder" in result.output
    assert invoke("build", "--paper", "a3").exit_code == 2
    assert invoke("inspect", "missing.md").exit_code == 2
    assert invoke("build", "--only", "nonsense").exit_code == 2


def test_inspect_summary_and_json(project):
    result = invoke("inspect", f"source/{SEED.name}")
    assert result.exit_code == 0
    assert "14 events, 8 people" in result.output
    assert "November 15, 1933 (day, 1933-11-15)" in result.output
    assert "Franklin D. Roosevelt — President of the United States; span 1933–1945" in (
        result.output)
    data = json.loads(invoke("inspect", f"source/{SEED.name}", "--json").output)
    assert data["model_version"] == 1
    assert set(data) >= {"id", "title", "source", "tags", "permalink", "events", "people",
                         "terms", "questions", "sections", "diagnostics"}
    assert data["events"][4]["people"] == [
        "Franklin D. Roosevelt", "Henry Morgenthau", "William C. Bullitt", "Boris Shvirsky"]
    assert data["people"][0]["span"]["edtf"] == "1933/1945"


def test_installed_script_runs(project):
    script = Path(sys.executable).parent / "studypress"
    assert script.is_file(), "the studypress console script is not installed"
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    out = subprocess.run([str(script), "--version"], capture_output=True, text=True, env=env,
                         check=False)
    assert out.returncode == 0 and out.stdout.strip() == f"studypress {__version__}"
    out = subprocess.run([str(script), "check", "source"], capture_output=True, text=True,
                         env=env, check=False)
    assert out.returncode == 0
    assert "checked 2 note(s)" in out.stdout


def test_inspect_a_folder_says_what_to_do(project):
    result = invoke("inspect", "source")
    assert result.exit_code == 2 and "is a folder" in result.output


@pytest.mark.parametrize(("args", "suggested"), [
    (("build", "--bogus"), []),
    (("build", "--job", "2"), ["--jobs"]),
    (("build", "--ouptut", "x"), ["--output"]),
    (("build", "--out", "x"), ["--output"]),
    (("build", "--forc"), ["--force", "--force-output"]),
    (("build", "--verbose"), []),
    (("check", "--stirct"), ["--strict"]),
    (("check", "--quite"), ["--quiet"]),
    (("watch", "--paer", "a4"), ["--paper"]),
    (("--bogus",), []),
])
def test_an_unknown_option_suggests_only_close_ones(project, args, suggested):
    result = invoke(*args)
    assert result.exit_code == 2
    said = " ".join(result.output.replace("│", " ").split())
    assert f"No such option: {args[-1] if len(args) < 3 else args[1]}" in said
    if suggested:
        assert f"(Possible options: {', '.join(suggested)})" in said
    else:
        assert "Possible options" not in said and "Did you mean" not in said


def test_close_options_compares_names_without_dashes():
    from studypress.cli import close_options

    known = ["--jobs", "--json", "--output", "--only", "--strict", "--no-strict"]
    assert close_options("--bogus", known) == []
    assert close_options("--jbos", known) == ["--jobs"]
    assert close_options("--onyl", known) == ["--only"]
    assert close_options("--o", known) == []  # one letter begins too many


def test_check_takes_quiet_as_build_does(project):
    loud = invoke("check")
    assert ": info:" in loud.output and "checked 2 note(s)" in loud.output
    for flag in ("-q", "--quiet"):
        result = invoke("check", flag)
        assert result.exit_code == loud.exit_code
        assert ": info:" not in result.output and "checked" not in result.output
    (project / "source" / "bad.md").write_text("## Timeline\n\n- **Febtember 1900:** x\n",
                                               encoding="utf-8")
    quiet = invoke("check", "-q")  # problems are still said
    assert "bad.md:3: warning:" in quiet.output and ": info:" not in quiet.output


def test_quiet_prints_only_problems(project):
    result = invoke("build", "--only", "model", "-q")
    assert result.exit_code == 0
    assert ": info:" not in result.output and "built" not in result.output
    (project / "source" / "bad.md").write_text("## Timeline\n\n- **Febtember 1900:** x\n",
                                               encoding="utf-8")
    assert ": warning:" in invoke("build", "--only", "model", "-q").output
