"""What the command keeps compiled from one process for the next: its regular expressions
(``patterns``) and the code of its dataclasses' methods (``dataclass_code``).

The command installs both (``cli.run``) and so does every process it starts afresh (a worker,
by spawn or forkserver), on its first import of the package, from ``INHERITED`` in its
environment; a forked one has them installed already. Each process adds what it compiled to
the files when it ends, a worker after each job (it ends without exit handlers)."""

from __future__ import annotations

import os

INHERITED = "STUDYPRESS_KEEPS_COMPILED"


def install() -> None:
    """Keep what this process and those it starts compile, from now on."""
    from . import dataclass_code, patterns

    patterns.install()  # first: the modules the other one imports compile patterns too
    dataclass_code.install()
    os.environ[INHERITED] = "1"


def install_if_inherited() -> None:
    """``install``, in a process started by one that had installed it; nothing in any
    other (a program that imports studypress keeps nothing)."""
    if os.environ.get(INHERITED) == "1":
        install()


def save() -> None:
    """Add what this process compiled to the files; nothing when it compiled nothing new."""
    from . import dataclass_code, patterns

    patterns.save()
    dataclass_code.save()
