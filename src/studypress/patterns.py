"""Regular expressions compiled once per machine rather than once per process.

A fresh process compiles a few hundred patterns: the build's own reading an edited note about
190 of them (70 ms of the 0.3 s it takes), a one-note build about 330 (80 ms), the largest
(the date words of every language, case-folded; the section headings) several milliseconds
each. Python keeps none of that from one process to the next. Here what the compiler makes of
a pattern (the engine's code, its groups and flags) is kept in a file of the user's cache
folder made for this exact Python and studypress, and a later process builds the pattern from
that code, skipping the parse and the compile: 0.5 ms for those 190 patterns.

What is kept is never a note's text: only patterns compiled while a module is imported (its
constants, from studypress or a library) and those studypress asks for by ``compile`` (its
constants compiled on first use). A pattern made from a note (the names of its cast, the words
of a card) is compiled the ordinary way, so the file does not grow with the notes built and
holds none of their words.

Each pattern is kept only once the code made here gives a pattern equal to what ``re`` itself
compiles, with the same groups; the file is checked against its own CRC and must belong to the
user, writable by no one else. Anything unexpected (another Python's engine, a file cut
short) means the pattern is compiled as ever. ``STUDYPRESS_CACHE_DIR`` names another folder;
set empty, nothing is kept.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import re
import sys
import zlib
from pathlib import Path
from typing import Any

_MAGIC = b"studypress-patterns 1\n"
_CHECK = 4  # bytes of the CRC-32 that follows the magic
Parts = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]
# Each pattern's parts stay marshalled until asked for: a process reads the whole file but
# builds only the patterns it compiles (a rebuild with nothing to do, a few dozen of 300).
Kept = dict[tuple[str, int], bytes]


class _Table:
    """The patterns known from the file and those compiled since, to add to it."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.known: Kept = _load(path) if path else {}
        self.new: Kept = {}

    def pattern(self, source: str, flags: int, real: Any) -> re.Pattern[str]:
        """``source`` compiled with ``flags``: from its kept code, or by ``real`` (and kept)."""
        key = (source, flags)
        kept = self.known.get(key)
        if kept is not None:
            try:
                return _sre().compile(source, *marshal.loads(kept))
            except Exception:  # not this engine's code after all
                del self.known[key]
        compiled = real(source, flags)
        if self.path is not None:
            parts = _parts(source, flags, compiled)
            if parts is not None:
                self.known[key] = self.new[key] = marshal.dumps(parts)
        return compiled


_TABLE: _Table | None = None
_REAL: Any = None  # re's own compiler, once ``install`` has put this module's before it


def _table() -> _Table:
    global _TABLE
    if _TABLE is None:
        _TABLE = _Table(cache_file())
    return _TABLE


def compile(source: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, kept for the next process: for studypress's own
    constant patterns only, never one made from a note's text."""
    return _table().pattern(source, int(flags), re.compile)


def install() -> None:
    """Keep every pattern compiled while a module is imported (a module's constants), from
    now on in this process; nothing where ``re`` is not the compiler known here."""
    global _REAL
    from re import _compiler

    if _REAL is not None or _sre() is None or not hasattr(_compiler, "compile"):
        return
    _REAL = real = _compiler.compile

    def compile_kept(p: Any, flags: int = 0) -> Any:
        if isinstance(p, str) and not flags & re.DEBUG and _for_a_module():
            return _table().pattern(p, flags, real)
        return real(p, flags)

    _compiler.compile = compile_kept


def _for_a_module() -> bool:
    """Whether the pattern being compiled is asked for as a module is imported: by the body
    of the module or of a class in it (code of no function), the first frame outside ``re``
    and the modules that only hand a pattern on."""
    frame = sys._getframe(2)
    while frame is not None and _passing(frame.f_code.co_filename):
        frame = frame.f_back
    return frame is not None and not frame.f_code.co_flags & _CO_OPTIMIZED


_CO_OPTIMIZED = 0x1  # inspect.CO_OPTIMIZED, the mark of a function's code (inspect is slow)
_RE_DIR = os.path.dirname(re.__file__) + os.sep
# Modules that hand a pattern on to ``re``: this one, and ReportLab's deferred URI pattern.
_PASSING = frozenset({__file__, os.path.join(os.path.dirname(__file__), "renderers",
                                             "deferred_pattern.py")})


def _passing(filename: str) -> bool:
    return filename.startswith(_RE_DIR) or filename in _PASSING


def save() -> None:
    """Add the patterns compiled since the file was read to it (merged with what another
    process may have added meanwhile); nothing when there are none, or it cannot be written."""
    table = _TABLE
    if table is None or not table.new or table.path is None:
        return
    new, table.new = table.new, {}
    with contextlib.suppress(Exception):  # a cache that cannot be written only costs time
        _write(table.path, {**_load(table.path), **new})


def cache_file() -> Path | None:
    """This Python's and this version's file of kept patterns, or None for none."""
    folder = cache_folder()
    if folder is None or _sre() is None:
        return None
    return folder / f"patterns-{zlib.crc32(_build().encode()):08x}.bin"


def _build() -> str:
    """What the kept code is good for: this Python, its engine, this studypress."""
    from . import __version__

    sre = _sre()
    return "|".join(map(str, (sys.implementation.cache_tag, sys.version, sre.MAGIC,
                              sre.CODESIZE, sys.maxunicode, __version__)))


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


def _sre() -> Any:
    try:
        import _sre
    except ImportError:
        return None
    return _sre if hasattr(_sre, "compile") and hasattr(_sre, "MAGIC") else None


def _parts(source: str, flags: int, compiled: re.Pattern[str]) -> Parts | None:
    """What ``re``'s compiler hands its engine for ``source`` (after ``re._compiler.compile``),
    or None unless the engine makes of it a pattern equal to ``compiled``."""
    try:
        from re import _compiler, _parser

        parsed = _parser.parse(source, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]
        state = parsed.state
        groupindex = dict(state.groupdict)
        indexgroup: list[Any] = [None] * state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        parts: Parts = (int(flags | state.flags), code, state.groups - 1, groupindex,
                        tuple(indexgroup))
        made = _sre().compile(source, *parts)
    except Exception:
        return None
    same = (made == compiled and made.groups == compiled.groups
            and dict(made.groupindex) == dict(compiled.groupindex))
    return parts if same else None


def _load(path: Path) -> Kept:
    """The file's patterns; none when it is missing, not the user's own, or not whole."""
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
                return {}
            data = f.read()
    except OSError:
        return {}
    head = len(_MAGIC) + _CHECK
    if data[:len(_MAGIC)] != _MAGIC or \
            zlib.crc32(data[head:]).to_bytes(_CHECK, "big") != data[len(_MAGIC):head]:
        return {}
    try:
        build, table = marshal.loads(data[head:])
    except Exception:
        return {}
    return table if build == _build() and isinstance(table, dict) else {}


def _write(path: Path, table: Kept) -> None:
    """``table`` written whole in place of ``path`` (a reader sees the old file or the new)."""
    import tempfile  # slow to import: only a process with a pattern to add needs it

    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    payload = marshal.dumps((_build(), table))
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".patterns-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(_MAGIC + zlib.crc32(payload).to_bytes(_CHECK, "big") + payload)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
