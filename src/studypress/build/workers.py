"""Worker processes for the render phase.

Each worker has a pipe of its own and the build waits on all of them in its main thread. A
stop (Ctrl-C, SIGTERM, an error) kills the workers and returns at once: no helper thread is
left blocked on a result a killed worker had half written, which is what can hang a
``concurrent.futures`` pool at interpreter exit. A worker starts with SIGINT and SIGTERM
held back until it has set its own handling (it would otherwise run the build's, inherited
by the fork); a pool ends its workers and closes their pipes with the signals held back,
and its loop raises a stop that a finalizer swallowed (see ``stops``).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

from ..stops import STOP_SIGNALS, deferred, raise_if_stopped

T = TypeVar("T")
R = TypeVar("R")

STOP_GRACE = 5.0  # seconds a killed worker gets to go before SIGKILL


class WorkerLost(Exception):
    """A worker ended (killed by the system, out of memory) before it returned its result."""


class RemoteError(Exception):
    """A job raised in its worker; the message holds the worker's traceback."""


class _Worker:
    def __init__(self, ctx: Any, fn: Callable, init: Callable, initargs: tuple) -> None:
        self.job: int | None = None
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, fn, init, initargs),
                                   daemon=True)
        self.process.start()
        child.close()  # the worker holds its end; EOF here then means it died

    def end(self) -> None:
        """Wait for the process (SIGKILL after the grace time) and close its pipe."""
        # Held back: a stop landing inside Connection.close, between closing the descriptor
        # and forgetting it, would have a finalizer close that number again later, by then
        # perhaps another file's.
        with deferred():
            self.process.join(timeout=STOP_GRACE)
            if self.process.is_alive():
                self.process.kill()
                self.process.join()
            self.conn.close()


class Pool(Generic[T, R]):
    """A fixed set of worker processes that run ``fn`` on one item at a time each."""

    def __init__(self, fn: Callable[[T], R], workers: int,
                 init: Callable[..., None], initargs: tuple = ()) -> None:
        self._ctx = multiprocessing.get_context()
        self._spec = (fn, init, initargs)
        self._workers: list[_Worker] = []
        try:
            for _ in range(workers):
                self._start_one()
        except BaseException:  # stopped while starting: the started ones go too
            self.kill()
            raise

    def later(self, init: Callable[..., None], initargs: tuple = ()) -> None:
        """What workers started from now on (to grow the pool, or in a dead one's place) run
        first, instead of the ``init`` the pool was made with."""
        self._spec = (self._spec[0], init, initargs)

    def grow(self, workers: int) -> None:
        """Start workers until there are ``workers``."""
        while len(self._workers) < workers:
            self._start_one()

    def _start_one(self) -> None:
        # Held back, the child starts without the build's handlers running in it (see
        # _serve), and a stop acts only once the pool knows the worker, to end it.
        with deferred():
            self._workers.append(_Worker(self._ctx, *self._spec))

    def run(self, items: Sequence[Any], here: Callable[[int], Any] | None = None,
            fn: Callable[[Any], Any] | None = None) -> Iterable[tuple[int, Any]]:
        """Yield ``(index, result)`` as results come; a job that raised or whose worker died
        yields the exception instead, and a new worker takes the dead one's place. With
        ``here``, this process works too: whenever no result is waiting, it takes the next
        item itself, ``here(index)`` (which raises as the build would). With ``fn``, the
        workers run it on these items instead of the pool's own function: one pool serves
        the phases of a build in turn."""
        queue = iter(range(len(items)))
        for worker in self._workers:
            self._give(worker, items, queue, fn)
        while any(w.job is not None for w in self._workers):
            raise_if_stopped()
            busy = {w.conn: w for w in self._workers if w.job is not None}
            ready = wait(list(busy), timeout=0) if here is not None else wait(list(busy))
            if not ready:
                index = next(queue, None)
                if index is None:
                    here = None  # nothing left to take: wait for the workers
                else:
                    yield index, here(index)  # type: ignore[misc]
                continue
            for conn in ready:
                worker = busy[conn]  # type: ignore[index]
                index, result = worker.job, self._take(worker)
                self._give(worker if worker in self._workers else self._workers[-1], items,
                           queue, fn)
                yield index, result  # type: ignore[misc]

    def _give(self, worker: _Worker, items: Sequence[Any], queue: Iterator[int],
              fn: Callable[[Any], Any] | None) -> None:
        index = next(queue, None)
        worker.job = index
        if index is None:
            return
        worker.conn.send((fn, items[index]))  # None: the pool's own function

    def _take(self, worker: _Worker) -> R | Exception:
        try:
            ok, value = worker.conn.recv()
        except (EOFError, OSError):
            self._replace(worker)
            return WorkerLost(f"a worker process ended unexpectedly "
                              f"(exit code {worker.process.exitcode})")
        return value if ok else RemoteError(value)

    def _replace(self, dead: _Worker) -> None:
        dead.end()
        self._workers.remove(dead)
        self._start_one()

    def close(self) -> None:
        """End the workers when their work is done (each gets a stop message)."""
        for worker in self._workers:
            with contextlib.suppress(OSError):  # already gone: nothing to tell
                worker.conn.send(None)
        self._join()

    def kill(self) -> None:
        """Stop every worker now, whatever it is doing."""
        with deferred():  # a second signal does not cut the stopping short
            for worker in self._workers:
                if worker.process.is_alive():
                    worker.process.terminate()
            self._join()

    def _join(self) -> None:
        workers, self._workers = self._workers, []  # ended once, however often asked
        for worker in workers:
            worker.end()


def _serve(conn: Connection, fn: Callable, init: Callable, initargs: tuple) -> None:
    """A worker's life: run each item it receives until told to stop or the build is gone."""
    # The build decides what Ctrl-C stops (it ends its workers itself); SIGTERM ends a
    # worker at once. Set before the signals the fork held back are let through.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    init(*initargs)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            os._exit(0)
        if message is None:
            return
        job, item = message
        try:
            reply = (True, (job or fn)(item))
        except Exception:
            reply = (False, traceback.format_exc())
        conn.send(reply)
