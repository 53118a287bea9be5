"""A warm worker shares one note's jobs with a forked copy of itself: every job runs once, the
results come in the jobs' order, and a copy that fails or cannot be forked leaves its share
to the worker."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studypress.build import forked

needs_fork = pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin",
                                reason="the copy is forked")


@given(st.lists(st.floats(min_value=0, max_value=1e6), max_size=12))
def test_shares_give_every_job_to_one_side_balanced_within_the_longest(costs):
    here, there = forked.shares(costs)
    assert sorted(here + there) == list(range(len(costs)))
    assert here == sorted(here) and there == sorted(there)
    load = [sum(costs[i] for i in side) for side in (here, there)]
    assert abs(load[0] - load[1]) <= max(costs, default=0) + 1e-6
    if costs:
        assert here  # one job alone, or the longest, stays in this process


def test_shares_keep_the_longest_here_and_the_rest_where_there_is_less():
    # guide, model, timeline, handout, flashcards, deck, cards of a small note
    assert forked.shares([44, 0.7, 19, 2.7, 23, 14, 0.7]) == ([0, 1, 3, 6], [2, 4, 5])
    assert forked.shares([5.0]) == ([0], [])
    assert forked.shares([1.0, 1.0]) == ([0], [1])


def _square_with_pid(x: int) -> tuple[int, int]:
    if x < 0:
        raise ValueError(f"no square for {x}")
    return os.getpid(), x * x


@needs_fork
def test_the_copy_takes_its_share_and_the_results_come_in_order():
    out = forked.run_shared(list(range(6)), _square_with_pid, [6, 5, 4, 3, 2, 1])
    assert [square for _, square in out] == [x * x for x in range(6)]
    pids = {pid for pid, _ in out}
    assert os.getpid() in pids and len(pids) == 2
    here, there = forked.shares([6, 5, 4, 3, 2, 1])
    assert {out[i][0] for i in here} == {os.getpid()}
    assert os.getpid() not in {out[i][0] for i in there}


@needs_fork
def test_a_job_that_raises_gives_its_traceback_wherever_it_ran():
    out = forked.run_shared([2, -1, -3, 4], _square_with_pid, [4, 3, 1, 2])
    assert [type(r) for r in out] == [tuple, forked.JobFailed, forked.JobFailed, tuple]
    assert "no square for -1" in str(out[1]) and "no square for -3" in str(out[2])
    assert all("Traceback" in str(out[i]) for i in (1, 2))
    assert out[0][1] == 4 and out[3][1] == 16


def test_an_exception_that_cannot_pickle_comes_back_as_its_traceback():
    class Unpicklable(Exception):
        def __init__(self, a: int, b: int) -> None:
            super().__init__(a)  # unpickled with one argument: TypeError

    def run(x: int) -> int:
        raise Unpicklable(x, x)

    out = forked.run_shared([1], run, [1.0])
    again = pickle.loads(pickle.dumps(out))  # what the worker sends the build
    assert isinstance(again[0], forked.JobFailed) and "Unpicklable" in str(again[0])


def _dies_in_the_copy(parent: int, on: int):
    def run(x: int) -> tuple[int, int]:
        if os.getpid() != parent and x == on:
            os._exit(3)  # killed in the middle of this job
        return os.getpid(), x + 1

    return run


@needs_fork
def test_a_copy_that_dies_in_a_job_loses_that_job_alone():
    # this process keeps 1; the copy takes 2, 3 and 4, and dies in 3
    out = forked.run_shared([1, 2, 3, 4], _dies_in_the_copy(os.getpid(), 3), [9, 3, 2, 1])
    assert out[0] == (os.getpid(), 2)
    assert out[1][1] == 3 and out[1][0] != os.getpid()  # the copy's, before it died
    assert isinstance(out[2], forked.CopyLost) and "exit code 3" in str(out[2])
    assert out[3] == (os.getpid(), 5)  # not begun by the copy: rendered here


@needs_fork
def test_a_copy_whose_start_fails_leaves_its_share_to_this_process():
    def start() -> None:
        raise OSError("no start")

    out = forked.run_shared([1, 2], _square_with_pid, [2, 1], start=start)
    assert out == [(os.getpid(), 1), (os.getpid(), 4)]


def test_without_fork_every_job_runs_here(monkeypatch):
    monkeypatch.delattr(os, "fork", raising=False)
    out = forked.run_shared([1, 2, 3], _square_with_pid, [3, 2, 1])
    assert out == [(os.getpid(), 1), (os.getpid(), 4), (os.getpid(), 9)]


def test_on_macos_no_copy_is_forked(monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    out = forked.run_shared([1, 2], _square_with_pid, [2, 1])
    assert {pid for pid, _ in out} == {os.getpid()}


@needs_fork
def test_the_copy_leaves_no_process_behind():
    out = forked.run_shared(list(range(4)), _square_with_pid, [1, 1, 1, 1])
    copies = {pid for pid, _ in out} - {os.getpid()}
    assert len(copies) == 1
    with pytest.raises(ProcessLookupError):  # ended and reaped, not a zombie
        os.kill(copies.pop(), 0)


@needs_fork
def test_results_larger_than_a_pipe_holds_come_back_whole():
    # The copy blocks on a full pipe until this process reads it: a read after the wait
    # would hang, so the run is timed out in a process of its own.
    script = textwrap.dedent("""
        import os
        from studypress.build import forked
        out = forked.run_shared(list(range(4)), lambda x: (os.getpid(), bytes([x]) * 300_000),
                                [4, 3, 2, 1])
        assert [len(r[1]) for r in out] == [300_000] * 4
        assert [r[1][:1] for r in out] == [bytes([x]) for x in range(4)]
        assert len({r[0] for r in out}) == 2
    """)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120,
                   env={**os.environ, "PYTHONPATH": str(Path(forked.__file__).parents[2])})


def test_the_warm_worker_s_copy_is_started_to_die_with_that_worker(monkeypatch):
    from studypress.build import render

    started: list[int] = []
    monkeypatch.setattr(render, "worker_start", started.append)

    def run_shared(items, run, costs, start):
        start()
        return []

    monkeypatch.setattr(forked, "run_shared", run_shared)
    assert render._shared_jobs(([], [])) == []
    assert started == [os.getpid()]  # the worker's pid, the copy's parent
