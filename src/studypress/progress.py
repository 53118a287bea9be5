"""What a build shows while it runs and when it ends.

On a terminal, a build that takes longer than about a second gets a ``rich`` progress display
(notes done, the note being rendered, time elapsed), gone when the build ends. When the output
is not a terminal there is no display, only the plain lines (diagnostics, the summary); with
``--quiet`` there is neither. ``NO_COLOR`` is honoured (rich reads it).
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

DELAY = 1.0  # seconds before the display appears: quick builds never flash one
NOTE_WIDTH = 40  # characters of the current note's id shown


class Display:
    """The build's progress callback, ``(done, total, note)``, drawn with rich.progress."""

    def __init__(self, console: Any, delay: float = DELAY) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self._progress = Progress(
            TextColumn("building"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), TextColumn("{task.fields[note]}"),
            console=console, transient=True)
        self._task = self._progress.add_task("build", total=None, note="")
        self._lock = threading.Lock()
        self._shown = self._closed = False
        self._timer = threading.Timer(delay, self._show)
        self._timer.daemon = True
        self._timer.start()

    def _show(self) -> None:
        with self._lock:
            if not self._closed and not self._shown:
                self._progress.start()
                self._shown = True

    def __call__(self, done: int, total: int, note: str) -> None:
        if len(note) > NOTE_WIDTH:  # a long id would squeeze the counts and the time
            note = note[:NOTE_WIDTH - 1] + "…"
        with self._lock:
            self._progress.update(self._task, completed=done, total=total, note=note)
            if self._shown:
                self._progress.refresh()

    @property
    def shown(self) -> bool:
        return self._shown

    def close(self) -> None:
        """Remove the display (a no-op when it never appeared)."""
        self._timer.cancel()
        with self._lock:
            self._closed = True
            if self._shown:
                self._progress.stop()


def _no_terminal() -> bool:
    """Whether rich's Console(stderr=True) would find it is not writing to a terminal, told
    without it: stderr is no tty and neither TTY_COMPATIBLE=1 nor FORCE_COLOR says to act as
    one. False whenever rich could decide otherwise (it then decides)."""
    if os.environ.get("TTY_COMPATIBLE", "") == "1" or os.environ.get("FORCE_COLOR") is not None:
        return False
    stream = sys.stderr
    if stream is None or hasattr(stream, "rich_proxied_file"):
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return isatty is None or not isatty()
    except ValueError:  # closed: rich counts it as no terminal too
        return True


def start(quiet: bool, console: Any = None, delay: float = DELAY) -> Display | None:
    """A progress display for this build, or None (quiet, or not writing to a terminal)."""
    if quiet:
        return None
    if console is None:
        if _no_terminal():
            return None  # as rich would find, without importing it: a sixth of a no-op build
        from rich.console import Console

        console = Console(stderr=True)
    if not console.is_terminal or console.is_dumb_terminal:
        return None
    return Display(console, delay)


def waiting(echo: Callable[..., Any], quiet: bool) -> Callable[[str], None] | None:
    """What tells a command's user that it waits for another writing into its output folder
    (``build``'s ``waiting``): a line on stderr, none with ``--quiet``."""
    from .diagnostics import terminal_safe

    return None if quiet else lambda line: echo(terminal_safe(line), err=True)


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary(built: Sequence[str], unchanged: Sequence[str], diagnostics: Sequence[Any],
            seconds: float, output: Path) -> str:
    """The closing line: ``built 12 notes (9 unchanged, 2 warnings) in 1.4 s → output/``,
    or ``nothing to do`` when every note was already built."""
    from .project import shown

    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = sum(1 for d in diagnostics if d.severity == "warning")
    where = shown(output).rstrip("/") + "/"
    problems = [_count(n, w) for n, w in ((warnings, "warning"), (errors, "error")) if n]
    if not built and not errors:
        detail = f" ({', '.join(problems)})" if problems else ""
        return f"nothing to do: {_count(len(unchanged), 'note')} unchanged{detail} → {where}"
    parts = [f"{len(unchanged)} unchanged"] if unchanged else []
    parts += problems
    detail = f" ({', '.join(parts)})" if parts else ""
    if not built:
        return f"nothing built{detail} in {seconds:.1f} s → {where}"
    total = len(built) + len(unchanged)
    return f"built {_count(total, 'note')}{detail} in {seconds:.1f} s → {where}"

