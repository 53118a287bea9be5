"""Python's cyclic garbage collector held off while objects are made that all stay: one
document (a guide, a figure, a deck), or thousands of notes read or unpacked at once.

A document's flowables, their lines and the canvas live until the document is written, so
nothing a collection finds while it is made can be freed before then; yet each full collection
walks every object the process holds (the notes, the fonts, the figure's remembered measures),
and as the document grows its objects move to the oldest generation and set off full
collections again and again: a quarter of a guide's time in a worker that has made a few
guides already. The cycles a document leaves behind (the document, its canvases) are
collected by the first collection after it, as they would have been by the next full one.

A build also settles what stays for its whole length (the modules, the memo, the last build's
record): frozen out of the collector's reach, full collections stop walking them, and a worker
forked from the build does not touch their pages. They are given back when the build ends, so
a long-running ``watch`` collects what an earlier build left behind.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """No automatic collection inside the block (a block inside another changes nothing)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


_builds = 0


@contextlib.contextmanager
def build_lifetime() -> Iterator[None]:
    """The span in which ``settle`` freezes: what it froze is handed back at the end."""
    global _builds
    _builds += 1
    try:
        yield
    finally:
        _builds -= 1
        if not _builds:
            gc.unfreeze()


def settle() -> None:
    """Everything the process holds now stays until the build ends; outside a build, nothing."""
    if _builds:
        gc.freeze()
