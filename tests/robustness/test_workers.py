"""The render pool: results by index, a job that raises or a worker that dies costs only its
own item, and a stop ends every worker at once."""

from __future__ import annotations

import os
import signal
import time

import pytest

from studypress.build.workers import Pool, RemoteError, WorkerLost


def _nothing() -> None:
    pass


def _work(x: int) -> int:
    if x == 3:
        os._exit(9)  # a worker killed mid-job, as the system's OOM killer would
    if x == 5:
        raise ValueError("five")
    return x * 2


def _slow(x: int) -> int:
    time.sleep(60)
    return x


def test_each_item_gets_its_own_result_and_a_dead_worker_is_replaced():
    pool = Pool(_work, 2, _nothing)
    got = dict(pool.run(list(range(10))))
    pool.close()
    assert sorted(got) == list(range(10))
    assert isinstance(got[3], WorkerLost) and "exit code 9" in str(got[3])
    assert isinstance(got[5], RemoteError) and "ValueError: five" in str(got[5])
    assert {k: v for k, v in got.items() if k not in (3, 5)} == {
        k: k * 2 for k in range(10) if k not in (3, 5)}


def test_ctrl_c_while_workers_are_busy_ends_them_at_once():
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    pool = Pool(_slow, 2, _nothing)
    processes = [w.process for w in pool._workers]
    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 0.5)  # Ctrl-C half a second into the work
    started = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            try:
                list(pool.run([1, 2, 3]))
            except KeyboardInterrupt:
                pool.kill()
                raise
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert time.monotonic() - started < 10  # not the 60 s each job would take
    assert not any(p.is_alive() for p in processes)
