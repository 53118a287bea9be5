"""One build (or ``clean``) at a time in an output folder.

Two commands writing into one folder (a ``watch`` and a ``build`` run beside it, two
terminals, an editor's build task) would remove each other's temporary files half-written,
write their records over each other, and ``clean`` could remove what a build is about to
record. So each holds an exclusive lock on the output folder itself while it works, and a
second one waits for the first to finish.

The lock is taken on the folder (``flock`` on a descriptor of the directory), not on a file in
it: nothing is left in the folder for ``clean`` to report or remove, and a build killed however
hard leaves no stale lock behind (the kernel lets go of it with the process). Forked workers
share the lock; it is let go explicitly at the end, whoever still holds a copy. A thread
that holds a folder holds it again at once (``sync`` holds its output across the build it runs
and the import that follows). Where the system cannot lock (Windows, a file system without
locks) the command runs as it did before.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

_BUSY = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES}


class _Mine(threading.local):
    """The folders this thread holds, by (device, inode)."""

    def __init__(self) -> None:
        self.folders: set[tuple[int, int]] = set()


_MINE = _Mine()


def waiting_message(folder: Path) -> str:
    """What a command waiting for the folder tells its user."""
    from .discover import display_path

    return (f"waiting for another studypress command writing into {display_path(folder)} to "
            "finish (Ctrl-C stops waiting)")


@contextlib.contextmanager
def held(folder: Path, waiting: Callable[[str], None] | None = None,
         create: bool = True) -> Iterator[bool]:
    """Inside, no other studypress command writes into ``folder``; ``waiting`` is told once
    when another one holds it and this one waits. ``create``: make the folder to hold it
    (otherwise a missing folder is not held). Gives whether it waited: what the command
    found before may have changed meanwhile."""
    if _identity(folder) in _MINE.folders:
        yield False
        return
    fd, waited = _locked(folder, waiting, create)
    key = None if fd is None else _identity(fd)
    if key is not None:
        _MINE.folders.add(key)
    try:
        yield waited
    finally:
        if fd is not None:
            _MINE.folders.discard(key)
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


def _locked(folder: Path, waiting: Callable[[str], None] | None, create: bool
            ) -> tuple[int | None, bool]:
    """A descriptor of ``folder`` holding its lock (None where it cannot be held), and
    whether it waited for it."""
    if fcntl is None:
        return None, False
    waited: list[bool] = []
    while True:
        fd = _open(folder, create)
        if fd is None:
            return None, bool(waited)
        try:
            taken = _take(fd, functools.partial(_before_waiting, waited, waiting, folder))
        except BaseException:
            os.close(fd)
            raise
        if not taken:
            os.close(fd)
            return None, bool(waited)
        if _identity(fd) == _identity(folder):
            return fd, bool(waited)
        # The folder went (a ``clean`` that held it removed it) or another took its
        # place while this one waited: lock the one that is there now, without a word more.
        os.close(fd)


def _before_waiting(waited: list[bool], waiting: Callable[[str], None] | None,
                    folder: Path) -> None:
    if not waited and waiting is not None:
        waiting(waiting_message(folder))
    waited.append(True)


def _open(folder: Path, create: bool) -> int | None:
    try:
        if create:
            folder.mkdir(parents=True, exist_ok=True)
        return os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return None  # the writes that follow report the folder's problem, with its path


def _take(fd: int, before_waiting: Callable[[], None]) -> bool:
    """Lock ``fd``, waiting for another holder; False when the system cannot lock it."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError as exc:
        if exc.errno not in _BUSY:
            return False  # no locks on this file system: run as before
    before_waiting()
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # a signal's exception (Ctrl-C) ends the wait
    except OSError:
        return False
    return True


def _identity(where: Path | int) -> tuple[int, int] | None:
    """(device, inode) of a folder, by path (links followed) or descriptor; None if gone."""
    try:
        st = os.fstat(where) if isinstance(where, int) else os.stat(where)
    except OSError:
        return None
    return st.st_dev, st.st_ino
