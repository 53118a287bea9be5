"""What Ctrl-C (SIGINT) and SIGTERM do to a build: the first one unwinds it, wherever it
lands; none is lost, and none cuts the unwinding short.

Python raises a signal's exception at whatever bytecode the main thread is at. Three places
need more than that: a garbage-collector finalizer (a finished worker's pipes) swallows an
exception raised inside it, so the build would carry on as if never stopped; a worker forked
at that moment would run the build's own handler; and a temporary file made just before the
exception would be left behind. Those few steps run with the signals held back
(``deferred``), and every signal is recorded so that one swallowed all the same is raised
again at the next check (``raise_if_stopped``).

A module of its own outside ``build``: the command's entry point sets it up before anything
else, and ``--help`` should not import the build to do so.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from typing import Any


class Terminated(BaseException):
    """The build was sent SIGTERM: unwound like Ctrl-C, so no worker or temporary file is
    left behind; the command exits 143."""


STOP_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM})

_got: list[int] = []  # the stop signals received since ``stopping`` began, in order
_whole_process = [False]  # see for_the_process


def _stop(signum: int) -> BaseException:
    return KeyboardInterrupt() if signum == signal.SIGINT else Terminated()


def _on_signal(signum: int, frame: object) -> None:
    _got.append(signum)
    if len(_got) == 1:  # later ones only wait: the first is already unwinding the build
        raise _stop(signum)


@contextlib.contextmanager
def stopping() -> Iterator[None]:
    """Inside, the first SIGINT raises KeyboardInterrupt and the first SIGTERM Terminated,
    whichever comes first; a second signal does not interrupt the unwinding."""
    if threading.current_thread() is not threading.main_thread():
        yield  # a test runner's thread: signals are the main thread's business
        return
    _got.clear()
    previous: dict[int, Any] = {}
    try:
        for s in STOP_SIGNALS:
            previous[s] = signal.signal(s, _on_signal)
        yield
    finally:
        with deferred():  # one arriving now acts after, under the handling it comes back to
            for s, handler in previous.items():
                signal.signal(s, signal.SIG_IGN if _whole_process[0] else handler)
            _got.clear()


def for_the_process() -> None:
    """The command is the whole process (the console entry point): when ``stopping`` ends,
    the outcome is decided and the process only exits, so the stop signals are ignored from
    then on instead of given back to Python, whose Ctrl-C would now end it with a traceback
    and a death by SIGINT."""
    _whole_process[0] = True


def raise_if_stopped() -> None:
    """Raise the stop a signal asked for when its exception was swallowed (it landed in a
    finalizer, whose exceptions Python only prints)."""
    if _got:
        raise _stop(_got[0])


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """SIGINT and SIGTERM held back inside (in this thread); one that came meanwhile acts on
    leaving, at a point where the caller can clean up after it."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks to hold them with
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def settled() -> None:
    """The command's outcome is decided and only the interpreter's exit is left: a late
    Ctrl-C or SIGTERM no longer turns a finished (or cleanly stopped) run into a traceback
    or a death by signal."""
    if threading.current_thread() is threading.main_thread():
        for s in STOP_SIGNALS:
            signal.signal(s, signal.SIG_IGN)
