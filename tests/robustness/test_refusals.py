"""The command refuses output folders it must not write into, and paths that are not notes."""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from studypress.cli import app

from .cases import case
from .conftest import snapshot

runner = CliRunner()


@case("output", "`-o source`, `-o .`, `-o /`, `-o` a folder of other files",
      "refused with exit 2 and nothing written; `--force-output` overrides")
@pytest.mark.parametrize("target", ["source", ".", "/", "mine"])
def test_dangerous_outputs_are_refused(project, target):
    (project / "mine").mkdir()
    (project / "mine" / "thesis.pdf").write_bytes(b"my own")
    before = snapshot(project, skip="-")
    result = runner.invoke(app, ["build", "source", "-o", target, "--only", "model", "-q"])
    assert result.exit_code == 2, result.output
    assert "refusing to write into" in result.output and "--force-output" in result.output
    assert snapshot(project, skip="-") == before


def test_force_output_writes_into_a_folder_of_other_files(project):
    (project / "mine").mkdir()
    (project / "mine" / "thesis.pdf").write_bytes(b"my own")
    result = runner.invoke(app, ["build", "source", "-o", "mine", "--only", "model", "-q",
                                 "--force-output"])
    assert result.exit_code == 0, result.output
    assert (project / "mine" / "n0" / "model.json").is_file()
    assert (project / "mine" / "thesis.pdf").read_bytes() == b"my own"
    # the folder is studypress's now: the next build needs no flag
    again = runner.invoke(app, ["build", "source", "-o", "mine", "--only", "model", "-q"])
    assert again.exit_code == 0, again.output


@case("output", "`-o` naming a file", "exit 2: the output is a file, not a folder")
def test_output_at_a_file_is_exit_2(project):
    (project / "out.txt").write_text("x")
    result = runner.invoke(app, ["build", "source", "-o", "out.txt", "-q"])
    assert result.exit_code == 2 and "is a file" in result.output
    assert (project / "out.txt").read_text() == "x"


@case("output", "`watch nosuch`", "exit 2 at once with a message, instead of watching forever")
def test_watch_of_a_missing_path_exits_2(project):
    result = runner.invoke(app, ["watch", "nosuch"])
    assert result.exit_code == 2 and "nosuch: no such file" in result.output


@case("output", "a build whose every write fails", "the closing line does not claim notes "
      "were built; exit 1")
def test_summary_does_not_claim_a_build_that_wrote_nothing(project):
    out = project / "output"
    out.mkdir()
    out.chmod(0o500)
    try:
        if os.access(out, os.W_OK):
            pytest.skip("running as a user who may write anywhere (root)")
        result = runner.invoke(app, ["build", "source", "--only", "model"])
    finally:
        out.chmod(0o755)
    assert result.exit_code == 1
    assert "built 3" not in result.output and "cannot write" in result.output
