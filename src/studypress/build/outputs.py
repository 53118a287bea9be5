"""The output folder is checked before anything is written: a build never writes over the
notes, the project, the whole disk or a folder of someone else's files."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from .cache import CACHE_NAME, SET_ASIDE
from .memo import MEMO_NAME
from .records import BuildConfig, BuildError
from .write import TEMP_NAME, write_atomic

_OURS = {CACHE_NAME, SET_ASIDE, MEMO_NAME}


def check_output(config: BuildConfig) -> None:
    """Raise ``BuildError`` (exit 2) for an output folder the build must not write into."""
    out = config.output
    if out.exists() and not out.is_dir():
        raise BuildError(f"{out}: the output is a file, not a folder; give a folder with -o")
    if config.force_output:
        return
    why = _danger(config)
    if why:
        raise BuildError(f"refusing to write into {out}: {why}; choose another folder with "
                         "-o, or give --force-output if you mean it")


def _danger(config: BuildConfig) -> str | None:
    out = config.output.resolve()
    if out == Path(out.anchor):
        return "it is the root of the file system"
    if out == Path.home().resolve():
        return "it is your home folder"
    project = config.project_dir.resolve()
    if out == project or project.is_relative_to(out):
        return "it holds the whole project"
    for p in config.paths:
        src = p.resolve()
        src = src if src.is_dir() else src.parent
        if out == src or src.is_relative_to(out):
            return f"it overlaps the notes in {p}"
    if out.is_dir() and _foreign(out):
        return (f"it already holds files that no studypress build wrote (there is no "
                f"{CACHE_NAME} in it)")
    return None


def _foreign(folder: Path) -> bool:
    """A non-empty folder without the build record: someone else's files."""
    try:
        names = os.listdir(folder)
    except OSError:
        return False  # the write will report the problem with the path
    return CACHE_NAME not in names and any(n not in _OURS and not TEMP_NAME.match(n)
                                           for n in names)


def claim_output(config: BuildConfig, empty_record: bytes) -> None:
    """Put an empty build record in a new output folder before anything else, so a build
    killed half-way leaves a folder the next build knows as its own."""
    record = config.output / CACHE_NAME
    if record.exists():
        return
    # On failure the writes that follow report the folder's problem, with its path.
    with contextlib.suppress(OSError):
        write_atomic(record, empty_record)
