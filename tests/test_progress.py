"""The build's progress display and closing summary."""

from __future__ import annotations

import io
import re
import shutil
import time
from pathlib import Path

from rich.console import Console
from typer.testing import CliRunner

from studypress import progress
from studypress.cli import app
from studypress.model import Diagnostic, Severity

from .conftest import NOTES, SEED

COLOUR = re.compile(r"\x1b\[[0-9;]*(?:3[0-9]|9[0-7])(?:;[0-9;]*)?m")


def terminal(**kwargs) -> tuple[Console, io.StringIO]:
    stream = io.StringIO()
    return Console(file=stream, force_terminal=True, width=100, **kwargs), stream


def drive(display: progress.Display, notes: list[str]) -> None:
    for i, note in enumerate(notes):
        display(i, len(notes), note)
    display(len(notes), len(notes), "")
    display.close()


def showing(console: Console) -> progress.Display:
    """A display past its delay (as in a build that has run for a while)."""
    display = progress.start(False, console, delay=0)
    assert display is not None, "no display on a terminal"
    deadline = time.monotonic() + 5
    while not display.shown and time.monotonic() < deadline:  # it appears from its timer
        time.sleep(0.01)
    assert display.shown
    return display


def test_a_long_build_shows_notes_done_current_note_and_elapsed():
    console, stream = terminal()
    display = showing(console)
    display(0, 3, "roman-republic")
    display(1, 3, "cold-war-origins")
    display.close()
    text = stream.getvalue()
    assert "cold-war-origins" in text and "1/3" in text
    assert re.search(r"\d:\d\d:\d\d", text)  # time elapsed


def test_a_quick_build_shows_nothing():
    console, stream = terminal()
    display = progress.start(False, console)  # the display waits about a second
    drive(display, ["a", "b"])
    assert not display.shown and stream.getvalue() == ""


def test_no_display_when_quiet_or_not_a_terminal():
    console, _ = terminal()
    assert progress.start(True, console) is None
    assert progress.start(False, Console(file=io.StringIO())) is None


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_stderr_is_told_no_terminal_as_rich_tells_it(monkeypatch):
    # Without a console given, start() answers "no terminal" itself when rich would: for
    # each stream and setting, its answer is rich's.
    for tty in (False, True):
        for env in ({}, {"FORCE_COLOR": "1"}, {"FORCE_COLOR": ""}, {"TTY_COMPATIBLE": "1"},
                    {"TTY_COMPATIBLE": "0"}):
            for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
                monkeypatch.delenv(name, raising=False)
            for name, value in env.items():
                monkeypatch.setenv(name, value)
            monkeypatch.setattr("sys.stderr", _Stream(tty))
            rich_says = Console(stderr=True).is_terminal
            assert not (progress._no_terminal() and rich_says), (tty, env)
            display = progress.start(False, delay=60)
            assert (display is not None) == (rich_says and not Console(stderr=True)
                                             .is_dumb_terminal), (tty, env)
            if display:
                display.close()
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    monkeypatch.setattr("sys.stderr", _Stream(False))
    assert progress._no_terminal()


def test_no_colour_with_no_color(monkeypatch):
    console, stream = terminal()
    drive(showing(console), ["a"] * 3)
    coloured = stream.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    console, stream = terminal()  # rich reads NO_COLOR when the console is made
    drive(showing(console), ["a"] * 3)
    assert COLOUR.search(coloured) and not COLOUR.search(stream.getvalue())


def diagnostic(severity: Severity) -> Diagnostic:
    return Diagnostic(severity, "x", "m", "a.md", 1)


def test_summary_lines():
    warn = [diagnostic(Severity.WARNING)] * 2
    assert progress.summary(["a", "b", "c"], ["d"] * 9, warn, 1.44, Path("output")) == \
        "built 12 notes (9 unchanged, 2 warnings) in 1.4 s → output/"
    assert progress.summary(["a"], [], [], 0.2, Path("out/")) == "built 1 note in 0.2 s → out/"
    assert progress.summary([], ["a", "b"], [], 0.1, Path("output")) == \
        "nothing to do: 2 notes unchanged → output/"
    assert progress.summary(["a"], ["b"], [diagnostic(Severity.ERROR)], 0.1, Path("o")) == \
        "built 2 notes (1 unchanged, 1 error) in 0.1 s → o/"
    assert progress.summary([], ["a"], [diagnostic(Severity.ERROR)], 0.1, Path("o")) == \
        "nothing built (1 unchanged, 1 error) in 0.1 s → o/"


def test_through_the_command_output_is_plain_lines(tmp_path, monkeypatch):
    (tmp_path / "source").mkdir()
    shutil.copy(SEED, tmp_path / "source")
    shutil.copy(NOTES / "messy-notes.md", tmp_path / "source")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    first = runner.invoke(app, ["build", "--only", "model"])  # CliRunner is not a terminal
    assert first.exit_code == 0
    assert "\x1b" not in first.output and "━" not in first.output
    assert re.search(r"^built 2 notes in \d+\.\d s → output/$", first.output, re.M)
    second = runner.invoke(app, ["build", "--only", "model"])
    assert second.output.strip().endswith("nothing to do: 2 notes unchanged → output/")
    quiet = runner.invoke(app, ["build", "--only", "model", "--force", "-q"])
    assert quiet.exit_code == 0 and "built" not in quiet.output
