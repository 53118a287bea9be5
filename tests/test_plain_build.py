"""A plain ``studypress build`` runs without typer (cli.plain_build): it must read the options
exactly as the full command line does, leave everything else to it, and end alike."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import studypress
from studypress import cli
from studypress.cli import app, plain_build

from .conftest import NOTES, SEED

PLAIN = [
    [],
    ["source"],
    ["source", "-o", "output", "-q"],
    ["-q", "source", "--output=out", "more"],
    ["-qj2", "-oout", "--only", "deck", "--only=guide", "--paper", "letter"],
    ["-qo", "out", "-j", "0", "--printing", "questions", "--no-strict", "--strict"],
    ["--force", "--force-output", "--jobs", "007", "--quiet", "-o", "a", "-o", "b"],
    ["--strict", "--no-strict", "--paper=a4", "--printing=answers", "x.md"],
]

# What the full command line refuses, or reads in a way the plain reading leaves to it.
NOT_PLAIN = [
    ["--help"], ["-h"], ["--", "source"], ["-"], ["--bogus"], ["-x"], ["-qx"],
    ["--only", "bogus"], ["--only", "deck,guide"], ["--jobs", "-1"], ["-j", "two"],
    ["-j", "+2"], ["-j", "٣"], ["--paper", "A4"], ["--printing", "all"], ["-o"],
    ["--output"], ["-o", ""], ["--output="], ["-o", "-q"], ["--force=1"], ["--quiet=yes"],
    ["source", "--forc"],
]


def _typer_reads(args: list[str], monkeypatch) -> dict:
    """What the full command line passes on for ``build ARGS``."""
    seen: dict = {}

    def record(echo, *values):
        names = ("paths", "output", "paper", "printing", "only", "jobs", "force", "strict",
                 "quiet", "force_output")
        seen.update(zip(names, values, strict=True))
        raise SystemExit(0)

    monkeypatch.setattr(cli, "build_command", record)
    result = CliRunner().invoke(app, ["build", *args])
    assert result.exit_code == 0, result.output
    return seen


@pytest.mark.parametrize("args", PLAIN, ids=" ".join)
def test_a_plain_build_reads_its_options_as_the_full_command_line(args, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert plain_build(["build", *args]) == _typer_reads(args, monkeypatch)


@pytest.mark.parametrize("args", NOT_PLAIN, ids=" ".join)
def test_anything_unusual_is_left_to_the_full_command_line(args):
    assert plain_build(["build", *args]) is None


def test_other_commands_and_completion_are_left_to_it(monkeypatch):
    assert plain_build([]) is None
    assert plain_build(["check", "source"]) is None
    assert plain_build(["-V", "build"]) is None
    assert plain_build(["buil"]) is None
    monkeypatch.setenv("_STUDYPRESS_COMPLETE", "bash_complete")
    assert plain_build(["build"]) is None


def test_an_unreadable_path_is_left_to_it(tmp_path, monkeypatch):
    # click refuses a path that exists and cannot be read; the full command line says so.
    monkeypatch.setattr(os, "access", lambda path, mode: Path(path).name != "locked")
    (tmp_path / "locked").mkdir()
    assert plain_build(["build", str(tmp_path / "locked")]) is None
    assert plain_build(["build", "-o", str(tmp_path / "locked")]) is None
    assert plain_build(["build", str(tmp_path / "missing")]) is not None


def _run(cwd: Path, *args: str, full: bool = False) -> subprocess.CompletedProcess[str]:
    env = {"SOURCE_DATE_EPOCH": "1700000000", "PATH": "/usr/bin:/bin", "STUDYPRESS_CACHE_DIR": "",
           "PYTHONPATH": str(Path(studypress.__file__).parents[1])}
    if full:
        env["_NOT_OURS_COMPLETE"] = "1"  # any completion variable: the plain path stands aside
    probe = ("import runpy, sys\nsys.argv = ['studypress', *sys.argv[1:]]\n"
             "try:\n    __import__('studypress.cli').cli.main()\n"
             "finally:\n    print('TYPER', 'typer' in sys.modules, file=sys.stderr)\n")
    return subprocess.run([sys.executable, "-c", probe, *args], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False)


def _both(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``studypress ARGS`` the plain way, then the full way, and check they agree."""
    plain = _run(cwd, *args)
    full = _run(cwd, *args, full=True)
    assert plain.stderr.endswith("TYPER False\n"), plain.stderr
    assert full.stderr.endswith("TYPER True\n"), full.stderr
    def timeless(text: str) -> str:  # a summary's seconds vary from run to run
        return re.sub(r" in [0-9.]+ s ", " in ? s ", text)

    assert (plain.returncode, timeless(plain.stdout),
            plain.stderr.removesuffix("TYPER False\n")) == (
        full.returncode, timeless(full.stdout), full.stderr.removesuffix("TYPER True\n"))
    return plain


def test_a_plain_build_ends_as_the_full_command_line_does(tmp_path):
    src = tmp_path / "source"
    src.mkdir()
    shutil.copy(SEED, src / SEED.name)
    shutil.copy(NOTES / "messy-notes.md", src / "messy-notes.md")
    first = _run(tmp_path, "build", "source", "-o", "output", "--only", "model")
    assert first.returncode == 0, first.stderr
    # Nothing to do: the same summary and diagnostics, exit 0.
    done = _both(tmp_path, "build", "source", "-o", "output", "--only", "model")
    assert done.returncode == 0 and "nothing to do" in done.stdout
    assert "info:" in done.stderr
    assert _both(tmp_path, "build", "-q", "-o", "output", "--only=model").stdout == ""
    # A note that cannot be read: exit 1, the others built.
    (src / "latin.md").write_bytes(b"# Caf\xe9\n")
    _run(tmp_path, "build", "--only", "model", "-o", "output")
    broken = _both(tmp_path, "build", "--only", "model", "-o", "output")
    assert broken.returncode == 1 and "source/latin.md:1: error:" in broken.stderr
    # A missing path, and a mistake in studypress.toml: exit 2.
    assert _both(tmp_path, "build", "nowhere", "--only", "model").returncode == 2
    (tmp_path / "studypress.toml").write_text('paper = "a5"\n', encoding="utf-8")
    bad = _both(tmp_path, "build", "--only", "model", "-o", "output")
    assert bad.returncode == 2 and "studypress.toml:1" in bad.stderr


def test_the_plain_reading_knows_the_options_the_full_command_line_declares():
    """An option renamed or added there, and not here, would be read differently here."""
    import typer.main

    command = typer.main.get_command(app).commands["build"]
    declared = {name for p in command.params if p.param_type_name == "option"
                for name in (*p.opts, *p.secondary_opts)}
    declared.discard("--help")
    plain = {*cli._FLAGS, *cli._VALUED, *(f"-{c}" for c in (*cli._SHORT_FLAGS,
                                                           *cli._SHORT_VALUED))}
    assert plain == declared
