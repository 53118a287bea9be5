"""Deflating a large zip member in pieces, side by side.

A large vault's combined collection is hundreds of megabytes, and deflating it in one stream
takes seconds on one core while the others wait. Each piece of ``PIECE`` bytes is deflated on
its own and ends on a byte boundary (a sync flush), so the pieces, in order, followed by an
empty final block, are one deflate stream that any unzip reads; the bytes depend only on the
file, never on how many threads made them. zlib lets go of the interpreter while it works.
"""

from __future__ import annotations

import collections
import os
import shutil
import zlib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import IO, Any

PIECE = 1 << 20
LEVEL = 6  # zipfile's and zlib's default
# The last block of the stream: final, fixed Huffman codes, no data (RFC 1951, 3.2.6).
_END = b"\x03\x00"


def deflate_piece(piece: bytes) -> bytes:
    """One piece as raw deflate blocks, not final, ending on a byte boundary."""
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return compressor.compress(piece) + compressor.flush(zlib.Z_SYNC_FLUSH)


def deflated(pieces: list[bytes]) -> bytes:
    """The whole deflate stream of these pieces, as ``copy_deflated`` writes it."""
    return b"".join(map(deflate_piece, pieces)) + _END


class _Ready:
    """What zipfile's member writer takes for its compressor: each piece it is given was
    deflated beforehand, in the order given."""

    def __init__(self) -> None:
        self.waiting: collections.deque[Future[bytes]] = collections.deque()

    def compress(self, data: Any) -> bytes:
        return self.waiting.popleft().result()

    def flush(self) -> bytes:
        return _END


def copy_deflated(src: IO[bytes], dest: IO[bytes], threads: int | None = None,
                  deflate: Callable[[bytes], bytes] = deflate_piece) -> None:
    """Copy ``src`` into ``dest``, a deflated member zipfile opened for writing, a piece at a
    time; at most a few pieces are held at once."""
    if getattr(dest, "_compressor", None) is None:  # not the writer this was made for
        shutil.copyfileobj(src, dest, PIECE)
        return
    ready = _Ready()
    dest._compressor = ready  # type: ignore[attr-defined]
    threads = threads or min(4, os.cpu_count() or 1)
    window: collections.deque[tuple[bytes, Future[bytes]]] = collections.deque()
    with ThreadPoolExecutor(threads) as pool:
        while True:
            while len(window) < 2 * threads and (piece := src.read(PIECE)):
                window.append((piece, pool.submit(deflate, piece)))
            if not window:
                return
            piece, done = window.popleft()
            ready.waiting.append(done)
            dest.write(piece)  # zipfile counts and checksums it, then asks ready for it
