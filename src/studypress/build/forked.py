"""A warm worker's jobs shared with a copy of itself, forked when they come.

An edited note's outputs render in the one worker the build warmed while it read the note
(``early``). A second worker started for them would spend about half a second loading the
renderers' modules and fonts before its first job, longer than the note's outputs take; a
fork of the warm worker has all of that loaded at once. The worker keeps the longest jobs and
the copy takes the others, on the core the waiting build leaves free; the copy hands its
results back through a pipe and ends. Where there is no fork, or the copy fails, the worker
renders the copy's share itself: the results are the same, only later. (Not on macOS, where a
fork of a process that has loaded the system's libraries is not safe.)
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import traceback
import warnings
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


class CopyFailed(Exception):
    """A job raised in the forked copy; the message holds its traceback."""


def shares(costs: Sequence[float]) -> tuple[list[int], list[int]]:
    """The indexes of the jobs this process keeps and of those its copy takes, each list in
    index order: longest first, each job to whichever side has less to do so far (this one
    on a tie, so that one job alone stays here)."""
    here: list[int] = []
    there: list[int] = []
    loads = [0.0, 0.0]
    for index in sorted(range(len(costs)), key=lambda i: (-costs[i], i)):
        side = 0 if loads[0] <= loads[1] else 1
        (here, there)[side].append(index)
        loads[side] += costs[index]
    return sorted(here), sorted(there)


def run_shared(items: Sequence[T], run: Callable[[T], R], costs: Sequence[float],
               start: Callable[[], None] = lambda: None) -> list[R | Exception]:
    """``run`` on every item, the results in the items' order; a job that raised gives its
    exception instead. The items are shared (``shares``) with a forked copy of this process,
    which first calls ``start`` (to die with this process)."""
    here, there = shares(costs)
    results: list[R | Exception | None] = [None] * len(items)
    child = _fork([items[i] for i in there], run, start) if there else None
    for index in here:
        results[index] = _attempt(run, items[index])
    copied = _collect(child) if child is not None else None
    for k, index in enumerate(there):
        results[index] = copied[k] if copied is not None else _attempt(run, items[index])
    return results  # type: ignore[return-value]


def _attempt(run: Callable[[T], R], item: T) -> R | Exception:
    try:
        return run(item)
    except Exception as exc:
        return exc


def _fork(items: list[T], run: Callable[[T], R], start: Callable[[], None]
          ) -> tuple[int, int] | None:
    """The copy's pid and the pipe its results come through; None where no copy can be
    forked."""
    if not hasattr(os, "fork") or sys.platform == "darwin":
        return None  # macOS's own libraries may start threads a fork would leave broken
    read, write = os.pipe()
    try:
        with warnings.catch_warnings():
            # Python 3.12 warns of a fork beside other threads; a worker's one other thread
            # (``render.worker_start``) only sleeps and asks for its parent's pid.
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid == 0:  # the copy: never back into the worker's loop
        os.close(read)
        _serve_copy(items, run, start, write)
    os.close(write)
    return pid, read


def _serve_copy(items: list[T], run: Callable[[T], R], start: Callable[[], None],
                write: int) -> None:
    status = 1
    try:
        start()
        out = []
        for item in items:
            try:
                out.append((True, run(item)))
            except Exception:
                out.append((False, traceback.format_exc()))
        with os.fdopen(write, "wb") as pipe:
            pickle.dump(out, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    finally:
        os._exit(status)


def _collect(child: tuple[int, int]) -> list[object] | None:
    """The copy's results, or None when it ended without handing them all back."""
    pid, read = child
    try:
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
    finally:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
    try:
        out = pickle.loads(data)
    except Exception:  # cut short: killed, or out of memory
        return None
    return [value if ok else CopyFailed(value) for ok, value in out]
