"""A warm worker's jobs shared with a copy of itself, forked when they come.

An edited note's outputs render in the one worker the build warmed while it read the note
(``early``). A second worker started for them would spend about half a second loading the
renderers' modules and fonts before its first job, longer than the note's outputs take; a
fork of the warm worker has all of that loaded at once. The worker keeps the longest jobs and
the copy takes the others, on the core the waiting build leaves free; the copy hands each
result back through a pipe as it is made, and ends. Where there is no fork, or the copy
cannot start, the worker renders the copy's share itself: the results are the same, only
later. A copy that ends in the middle of a job (killed, out of memory, a crash) loses that
job alone: its results so far stand, and the worker renders the jobs it had not begun. (Not
on macOS, where a fork of a process that has loaded the system's libraries is not safe.)
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import sys
import traceback
import warnings
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


class JobFailed(Exception):
    """A job raised, here or in the copy; the message holds its traceback (text: the
    exception itself may not pickle, or not unpickle in the build's process)."""


class CopyLost(Exception):
    """The copy ended while it rendered this job."""


def shares(costs: Sequence[float]) -> tuple[list[int], list[int]]:
    """The indexes of the jobs this process keeps and of those its copy takes, in order."""
    # Longest first, each job to the side with less to do so far (this one on a tie, so a
    # job alone stays here).
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
    """``run`` on every item, shared (``shares``) with a forked copy that first calls
    ``start``; the results in the items' order, a ``JobFailed`` or ``CopyLost`` for a job
    that failed."""
    here, there = shares(costs)
    results: list[R | Exception | None] = [None] * len(items)
    child = _fork([items[i] for i in there], run, start) if there else None
    for index in here:
        results[index] = _attempt(run, items[index])
    copied = _collect(*child, len(there)) if child is not None else []
    for k, index in enumerate(there):  # what the copy did not begin is rendered here
        results[index] = copied[k] if k < len(copied) else _attempt(run, items[index])
    return results  # type: ignore[return-value]


def _attempt(run: Callable[[T], R], item: T) -> R | Exception:
    try:
        return run(item)
    except Exception:
        return JobFailed(traceback.format_exc())


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
    if pid == 0:
        _serve_copy(items, run, start, read, write)  # never returns
    os.close(write)
    return pid, read


_STARTED = "started"  # the copy's first record: what follows is one record a job


def _serve_copy(items: list[T], run: Callable[[T], R], start: Callable[[], None],
                read: int, write: int) -> None:
    """The copy's whole life: each job's result written as it comes, then the end; it never
    returns into the worker's loop, whatever happens."""
    try:
        os.close(read)
        start()
        _send(write, _STARTED)
        for item in items:
            try:
                record: tuple[bool, object] = (True, run(item))
            except Exception:
                record = (False, traceback.format_exc())
            _send(write, record)
    finally:
        os._exit(0)


def _send(fd: int, record: object) -> None:
    """One record, pickled whole before any of it is written: a record cut short can only
    be the last one."""
    try:
        data = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # a result that cannot be pickled fails as its job
        data = pickle.dumps((False, traceback.format_exc()), protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _collect(pid: int, read: int, jobs: int) -> list[object]:
    """What the copy handed back of its ``jobs``, job by job: its results, a ``CopyLost``
    for the job it ended in, and nothing for the jobs after it or when it never started."""
    try:
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()  # to its end: the copy may block on a full pipe until then
    finally:
        status = 0
        with contextlib.suppress(ChildProcessError):
            status = os.waitpid(pid, 0)[1]
    stream = io.BytesIO(data)
    records = []
    with contextlib.suppress(Exception):  # cut short: what came whole stands
        while stream.tell() < len(data):
            records.append(pickle.load(stream))
    if not records or records[0] != _STARTED:
        return []
    out: list[object] = [value if ok else JobFailed(value) for ok, value in records[1:]]
    if len(out) < jobs:
        code = os.waitstatus_to_exitcode(status)
        out.append(CopyLost(f"a process ended unexpectedly (exit code {code})"))
    return out
