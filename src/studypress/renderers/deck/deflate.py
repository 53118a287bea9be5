"""Deflating a large zip member in pieces, side by side.

A large vault's combined collection is hundreds of megabytes, and deflating it in one stream
takes seconds on one core while the others wait. Each piece of ``PIECE`` bytes is deflated on
its own and ends on a byte boundary (a sync flush), so the pieces, in order, followed by an
empty final block, are one deflate stream that any unzip reads; the bytes depend only on the
file, never on how many threads made them. zlib lets go of the interpreter while it works.

Since a piece's deflated bytes depend on that piece alone, a piece that holds the very bytes it
held in the member an earlier package has (``earlier``) takes its deflated bytes from there:
an edit of one note changes a few pieces of a large collection, and inflating a piece to see
that it is the same costs a fraction of deflating it again.
"""

from __future__ import annotations

import collections
import os
import shutil
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import IO, Any

PIECE = 1 << 20
LEVEL = 6  # zipfile's and zlib's default
# The last block of the stream: final, fixed Huffman codes, no data (RFC 1951, 3.2.6).
_END = b"\x03\x00"
# What a sync flush ends each piece with: an empty stored block's lengths (RFC 1951, 3.2.4).
_FLUSHED = b"\x00\x00\xff\xff"


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


def earlier_pieces(stream: bytes) -> Iterator[memoryview]:
    """The deflated pieces of a member ``copy_deflated`` wrote (its raw deflate ``stream``), in
    order, as far as they can be told apart: each ends with its sync flush. A piece told
    wrongly (those bytes standing inside a piece's data) is only never the same again: see
    ``_again``."""
    if not stream.endswith(_END):
        return
    view, start, last = memoryview(stream), 0, len(stream) - len(_END)
    while start < last:
        end = stream.find(_FLUSHED, start, last)
        if end < 0:
            return
        end += len(_FLUSHED)
        yield view[start:end]
        start = end


def _again(piece: bytes, earlier: memoryview, deflate: Callable[[bytes], bytes]) -> bytes:
    """``earlier`` when it is whole deflate blocks, ending on a byte boundary, that inflate on
    their own to ``piece`` (what ``deflate`` made of the same bytes), else ``piece`` deflated."""
    inflate = zlib.decompressobj(-15)
    try:
        # Followed by the final empty block, whole blocks end the stream: a piece cut short
        # in its last block would not.
        same = inflate.decompress(bytes(earlier) + _END, len(piece) + 1) == piece \
            and inflate.eof and not inflate.unused_data
    except zlib.error:
        same = False
    return bytes(earlier) if same else deflate(piece)


def copy_deflated(src: IO[bytes], dest: IO[bytes], threads: int | None = None,
                  deflate: Callable[[bytes], bytes] = deflate_piece,
                  earlier: bytes | None = None) -> None:
    """Copy ``src`` into ``dest``, a deflated member zipfile opened for writing, a piece at a
    time; at most a few pieces are held at once. ``earlier``: the raw deflate stream of the
    member an earlier package has, whose pieces serve where they hold the same bytes."""
    if getattr(dest, "_compressor", None) is None:  # not the writer this was made for
        shutil.copyfileobj(src, dest, PIECE)
        return
    ready = _Ready()
    dest._compressor = ready  # type: ignore[attr-defined]
    threads = threads or min(4, os.cpu_count() or 1)
    window: collections.deque[tuple[bytes, Future[bytes]]] = collections.deque()
    pieces = earlier_pieces(earlier) if earlier else iter(())
    with ThreadPoolExecutor(threads) as pool:
        while True:
            while len(window) < 2 * threads and (piece := src.read(PIECE)):
                old = next(pieces, None)
                window.append((piece, pool.submit(deflate, piece) if old is None
                               else pool.submit(_again, piece, old, deflate)))
            if not window:
                return
            piece, done = window.popleft()
            ready.waiting.append(done)
            dest.write(piece)  # zipfile counts and checksums it, then asks ready for it
