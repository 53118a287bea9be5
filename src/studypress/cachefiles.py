"""Files of studypress's folder in the user's cache: what a process works out once per machine
(compiled patterns, the code of dataclasses' methods) for the processes after it.

Each kind (``Kind``) keeps one table per Python (or whatever else the table is good for).
A file is read only when it is whole (its CRC-32 matches) and the user's own, writable by no
one else; it is written whole beside its place and renamed over it, so a reader sees the old
file or the new; leftovers of writers killed midway and other versions' files long unwritten
are removed, only of the kind's own names. ``STUDYPRESS_CACHE_DIR`` names another folder; set
empty, nothing is kept.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import re
import stat
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

_CHECK = 4  # bytes of the CRC-32 that follows the magic
STALE = 3600.0  # seconds after which a temporary file is a killed writer's, not a live one's
# Seconds after which another version's file (not written since) is taken for one no longer
# used: one in use by another Python of the machine is at worst written again, once.
UNUSED = 90 * 86400.0


@dataclass(frozen=True)
class Kind:
    """One kind of kept file: a table (key → marshalled bytes) for one build (what it is good
    for: this Python, …), in ``<name>-<CRC of the build>.bin``, marked ``studypress-<name>``
    and the format's ``version``; above ``most`` entries it starts again from the writer's."""

    name: str
    version: int
    most: int

    @property
    def mark(self) -> bytes:
        """What every file of the kind starts with, of any format."""
        return f"studypress-{self.name} ".encode()

    @property
    def magic(self) -> bytes:
        """What a file of this format starts with."""
        return self.mark + f"{self.version}\n".encode()

    def file(self, build: str) -> Path | None:
        """The kind's file for ``build`` in the cache folder; None when nothing is kept."""
        folder = cache_folder()
        if folder is None:
            return None
        return folder / f"{self.name}-{zlib.crc32(build.encode()):08x}.bin"

    def table(self, path: Path, build: str) -> dict[Any, Any]:
        """The table the file holds for ``build`` (``read_table``)."""
        return read_table(path, self.magic, build)

    def add(self, path: Path, build: str, count: int, load: Callable[[], dict[Any, Any]],
            added: Callable[[dict[Any, Any]], dict[Any, Any]]) -> bool:
        """Write the file again with what ``added`` gives beside what ``load`` reads of it
        now (another process may have added to it meanwhile); the file starts again when
        that and ``count`` new entries would pass ``most``; nothing when ``added`` gives
        nothing. Whether the file was written."""
        def make() -> bytes | None:
            table = load()
            if len(table) + count > self.most:
                table = {}
            more = added(table)
            if not more:
                return None
            table.update(more)
            return table_bytes(self.magic, build, table)

        return write(path, self.name, self.mark, make)


class Pending(Protocol):
    """A kind's table in a process: its file (None: nothing is kept) and what was made since
    the file was read."""

    path: Path | None
    new: dict[Any, Any]


def save_new(table: Pending | None, write: Callable[[Path, dict[Any, Any]], None]) -> None:
    """Add what ``table`` made since its file was read to the file (``write``, which merges
    it with what another process may have added meanwhile); nothing when there is none, or
    it cannot be written."""
    if table is None or not table.new or table.path is None:
        return
    new, table.new = table.new, {}
    with contextlib.suppress(Exception):  # a cache that cannot be written only costs time
        write(table.path, new)


def cache_folder() -> Path | None:
    """studypress's folder in the user's cache (``STUDYPRESS_CACHE_DIR`` when set; empty:
    none)."""
    given = os.environ.get("STUDYPRESS_CACHE_DIR")
    if given is not None:
        return Path(given) if given else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA", "")
    elif sys.platform == "darwin":
        base = os.path.expanduser("~/Library/Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME", "")
        if not os.path.isabs(base):  # the XDG rule: a relative path is ignored
            base = os.path.expanduser("~/.cache")
    return Path(base) / "studypress" if os.path.isabs(base) else None


def read(path: Path, magic: bytes) -> bytes | None:
    """The payload of a file ``framed`` with ``magic``; None when it is missing, not whole,
    or not the user's own: the file itself (not a link to another, nor a pipe that would
    never end) and its folder owned by the user and writable by no one else, where the
    system tells owners."""
    try:
        fd = os.open(path, _READING)
    except OSError:
        return None
    try:
        if not _own(os.fstat(fd), single=True) or not usable(path.parent):
            return None
        with os.fdopen(fd, "rb") as f:
            fd = -1  # the file object closes it now
            data = f.read()
    except OSError:
        return None
    finally:
        if fd >= 0:
            os.close(fd)
    head = len(magic) + _CHECK
    if data[:len(magic)] != magic or \
            zlib.crc32(data[head:]).to_bytes(_CHECK, "big") != data[len(magic):head]:
        return None
    return data[head:]


# Not following a link, not waiting on a pipe (the checks then refuse both).
_READING = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
            | getattr(os, "O_BINARY", 0))


def usable(folder: Path) -> bool:
    """Whether files in ``folder`` would be read: it is the user's and writable by no one
    else (a folder others may write could have had any file put in it)."""
    try:
        return _own(os.stat(folder))
    except OSError:
        return False


def _own(st: os.stat_result, single: bool = False) -> bool:
    """Whether what ``st`` tells of is the user's and writable by no one else (``single``: a
    plain file with no other name, which another could have linked to a file of theirs);
    always, where the system has no owners to tell (Windows)."""
    if not hasattr(os, "getuid"):
        return True
    if single and (not stat.S_ISREG(st.st_mode) or st.st_nlink != 1):
        return False
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def framed(magic: bytes, payload: bytes) -> bytes:
    """A file's bytes: ``magic``, the payload's CRC-32, the payload."""
    return magic + zlib.crc32(payload).to_bytes(_CHECK, "big") + payload


def read_table(path: Path, magic: bytes, build: str) -> dict[Any, Any]:
    """The table a file written by ``table_bytes`` holds for ``build`` (what it is good for:
    this Python, …); empty when it is missing, not the user's own, not whole, or another
    build's."""
    payload = read(path, magic)
    if payload is None:
        return {}
    try:
        kept_for, table = marshal.loads(payload)
    except Exception:
        return {}
    return table if kept_for == build and isinstance(table, dict) else {}


def table_bytes(magic: bytes, build: str, table: dict[Any, Any]) -> bytes:
    """A file's bytes holding ``table`` for ``build`` (``read_table``)."""
    return framed(magic, marshal.dumps((build, table)))


def write(path: Path, kind: str, magic_name: bytes,
          make: Callable[[], bytes | None]) -> bool:
    """The bytes ``make()`` gives (None: nothing worth writing) written whole in place of
    ``path``, a file of ``kind`` ("patterns": ``patterns-….bin``), in a folder whose files
    are read (``usable``), once a file can be made there that others cannot write; then the
    kind's leftovers removed (``tidy``). Whether the file was written."""
    import tempfile  # slow to import: only a process with something to add needs it

    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not usable(path.parent):
        return False  # never read there: writing it on every command would only cost
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{kind}-", suffix=".tmp")
    written = False
    try:
        with os.fdopen(fd, "wb") as f:
            written = _fill(f, make)
        if written:
            os.replace(temporary, path)
    finally:
        with contextlib.suppress(OSError):  # gone already once it took the file's place
            os.unlink(temporary)
    if written:
        tidy(path, kind, magic_name)
    return written


def _fill(f: IO[bytes], make: Callable[[], bytes | None]) -> bool:
    if hasattr(os, "getuid") and os.fstat(f.fileno()).st_mode & 0o022:
        raise OSError("a file others may write would not be read")  # a folder ignoring modes
    data = make()
    if data is None:
        return False
    f.write(data)
    return True


def tidy(path: Path, kind: str, magic_name: bytes) -> None:
    """Remove the temporary files of writers long gone and other versions' files long
    unwritten: only files of ``kind``'s own names, a kept file only with its mark."""
    import time

    temporary = re.compile(rf"\.{re.escape(kind)}-[a-z0-9_]+\.tmp")  # mkstemp's names
    kept = re.compile(rf"{re.escape(kind)}-[0-9a-f]{{8}}\.bin")
    now = time.time()
    with contextlib.suppress(OSError), os.scandir(path.parent) as entries:
        for entry in entries:
            if temporary.fullmatch(entry.name):
                age = STALE
            elif kept.fullmatch(entry.name) and entry.name != path.name:
                age = UNUSED
            else:
                continue
            with contextlib.suppress(OSError):
                st = entry.stat(follow_symlinks=False)
                if (entry.is_file(follow_symlinks=False) and now - st.st_mtime > age
                        and (age == STALE or _marked(entry.path, magic_name))):
                    os.unlink(entry.path)


def _marked(path: str, magic_name: bytes) -> bool:
    """Whether the file opens as a file of the kind does, of any format."""
    with open(path, "rb") as f:
        return f.read(len(magic_name)) == magic_name
