"""A rebuild's worker started before anything else, to warm up while this process loads the
memo and reads the notes.

Rendering one small note takes a fresh process about half a second, most of it loading the
renderers' modules, fonts and templates; the render itself is a tenth of that. A note file
changed since the memo was last written (its ctime or mtime later than the memo's) is most
likely one the build must render, so the build's first worker is started at once and renders
a small built-in note, throwing the result away: the edited note then renders there warm
(``render.warmed``), its outputs shared with a fork of the warmed worker (``forked``). The
build parses the note itself meanwhile: its process has the reader to load anyway, and a
third process (a worker to parse) was slower on two cores.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .records import SourceFile
from .render import Job, run_job, start_early, worker_start

if TYPE_CHECKING:
    from ..model import Note

# The sample's text: a little of everything the renderers draw (events with dates, people,
# questions and terms). ``sample_note`` is this, as the reader reads it.
SAMPLE = """# Sample

## Timeline of Events

- **1 March 1901:** The first event.
- **1905–1907:** The second event.

## Cast of Characters

- **Ada Example:** a person of the sample.

## Quiz

1. What came first?

## Answer Key

1. The first event.

## Glossary

- **Term:** what the term means.
"""


def looks_edited(files: Sequence[SourceFile], memo: Path) -> bool:
    """Whether a file changed since ``memo`` was last written; False when there is no memo
    (a first build parses every note, in workers when there are many)."""
    try:
        since = os.stat(memo).st_mtime_ns
    except OSError:
        return False
    for f in files:
        try:
            st = os.stat(f.path)
        except OSError:
            continue  # reading it tells why
        if max(st.st_ctime_ns, st.st_mtime_ns) >= since:
            return True
    return False


def warm_early(warm: Job) -> None:
    """Start the build's first worker now (``render.start_early``), rendering ``warm`` (of
    the sample note) and throwing the result away; nothing when the build's workers have
    already started, or are a watch's."""
    start_early(warm_start, (os.getpid(), warm))


def warm_start(parent: int, warm: Job) -> None:
    """The warm worker's start: ``warm`` rendered, the result thrown away."""
    worker_start(parent)
    with contextlib.suppress(Exception):  # a warm-up that fails only warms less
        run_job(warm)


def sample_note() -> Note:
    """``SAMPLE`` as the reader reads it (the tests check that it is), made without loading
    the reader, which the worker does not need."""
    from ..model import Day, Event, HistoricalDate, Note, Person, Precision, Question, Term, Text

    first = HistoricalDate("1 March 1901", Day(1901, 3, 1), Day(1901, 3, 1), Precision.DAY,
                           "1901-03-01", "1 March 1901")
    second = HistoricalDate("1905–1907", Day(1905, 1, 1), Day(1907, 12, 31), Precision.YEAR,
                            "1905/1907", "1905–1907", is_range=True)
    return Note(
        "sample", "Sample", "sample.md",
        events=(Event(first, (Text("The first event."),), 5),
                Event(second, (Text("The second event."),), 6)),
        people=(Person("Ada Example", 10, description=(Text("a person of the sample."),),
                       names=("Ada Example", "Ada", "Example")),),
        terms=(Term("Term", (Text("what the term means."),), 22, names=("Term",)),),
        questions=(Question(1, (Text("What came first?"),), 14,
                            answer=(Text("The first event."),), answer_line=18),))
