"""Regular expressions compiled once per machine rather than once per process.

A fresh process compiles a few hundred patterns: the build's own reading an edited note about
190 of them (70 ms of the 0.3 s it takes), a one-note build about 330 (80 ms), the largest
(the date words of every language, case-folded; the section headings) several milliseconds
each. Python keeps none of that from one process to the next. Here what the compiler makes of
a pattern (the engine's code, its groups and flags) is kept in a file of the user's cache
folder made for this exact Python and studypress, and a later process builds the pattern from
that code, skipping the parse and the compile: 0.5 ms for those 190 patterns.

What is kept is never a note's text: only patterns compiled while a module is imported (the
body of a module file, or of a class in it: its constants, from studypress or a library) and
those studypress asks for by ``compile`` (its constants compiled on first use). A pattern made
from a note (the names of its cast, the words of a card) is compiled the ordinary way, so the
file holds none of their words and grows only with the code. A module's line whose pattern is
another in each process (one joined from a set, whose order changes) keeps the first it gave,
until its file is written again.

Only the command keeps patterns (``install``, from ``compiled``; its workers with it, forked or
started afresh): a program that calls the build itself reads and writes no such file. A pattern
is kept only when the code made here gives a pattern equal to what ``re`` itself compiles, with
the same groups, worked out when the file is written (a folder that cannot be written costs
nothing more); the file is checked against its own CRC and must belong to the user, writable by
no one else. Anything unexpected (another Python's engine, a file cut short) means the pattern
is compiled as ever; a kept pattern is not parsed again, so the parser's warnings about it come
only the first time. ``STUDYPRESS_CACHE_DIR`` names another folder; set empty, nothing is kept.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
from pathlib import Path
from typing import Any

from . import cachefiles

Parts = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]
# Each pattern's parts stay marshalled until asked for: a process reads the whole file but
# builds only the patterns it compiles (a rebuild with nothing to do, a few dozen of 300).
# Beside them, for a pattern of a module's body, the line that compiled it
# ("file:stamp:line", ``_module_site``).
Kept = dict[tuple[str, int], tuple[bytes, str | None]]
New = dict[tuple[str, int], tuple[re.Pattern[str], str | None]]


class _Table:
    """The patterns known from the file and those compiled since, to add to it."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.known: Kept = _load(path) if path else {}
        self.new: New = {}
        self.sites: dict[str, tuple[str, int]] | None = None

    def pattern(self, source: str, flags: int, real: Any, site: str | None = None
                ) -> re.Pattern[str]:
        """``source`` compiled with ``flags``: from its kept code, or by ``real`` (and kept);
        ``site``: the module's line that asks for it."""
        if type(source) is not str or self.path is None:  # a str subclass would not marshal
            return real(source, flags)
        key = (source, flags)
        kept = self.known.get(key)
        if kept is not None:
            try:
                return _sre().compile(source, *marshal.loads(kept[0]))
            except Exception:  # not this engine's code after all
                del self.known[key]
        compiled = real(source, flags)
        if site is None or self._sites().get(site, key) == key:  # else: changes each time
            self.new[key] = (compiled, site)
        return compiled

    def _sites(self) -> dict[str, tuple[str, int]]:
        """Each module line's kept pattern, made on the first pattern not kept."""
        if self.sites is None:
            self.sites = {site: key for key, (_, site) in self.known.items() if site}
        return self.sites


_TABLE: _Table | None = None
_REAL: Any = None  # re's own compiler, once ``install`` has put this module's before it
# Above this many kept patterns (the code's own are about 300), the file starts again from
# those of the process writing it: patterns of code since changed do not pile up.
MOST = 2000
_KIND = cachefiles.Kind("patterns", 2, MOST)
_MAGIC_NAME, _MAGIC = _KIND.mark, _KIND.magic


def _table() -> _Table:
    global _TABLE
    if _TABLE is None:
        _TABLE = _Table(cache_file() if _REAL is not None else None)
    return _TABLE


def compile(source: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, kept for the next process: for studypress's own
    constant patterns only, never one made from a note's text."""
    return _guarded(source, int(flags), re.compile, None)


def _guarded(source: str, flags: int, real: Any, site: str | None) -> re.Pattern[str]:
    """``_Table.pattern``; whatever befalls the keeping, the pattern is compiled (a bad one
    still raises ``re.error``)."""
    try:
        return _table().pattern(source, flags, real, site)
    except re.error:
        raise
    except Exception:
        return real(source, flags)


def install() -> None:
    """Keep every pattern compiled while a module is imported (a module's constants), and
    those asked for by ``compile``, from now on in this process and the processes it forks;
    nothing where ``re`` is not the compiler known here."""
    global _REAL, _TABLE
    from re import _compiler

    if _REAL is not None or _sre() is None or not hasattr(_compiler, "compile"):
        return
    _REAL = real = _compiler.compile
    _TABLE = None  # read the file from now on

    def compile_kept(p: Any, flags: int = 0) -> Any:
        site = _module_site() if isinstance(p, str) and not flags & re.DEBUG else None
        return real(p, flags) if site is None else _guarded(p, flags, real, site)

    _compiler.compile = compile_kept
    if hasattr(os, "register_at_fork"):  # a forked worker writes only what it compiles
        os.register_at_fork(after_in_child=_forget_new)


def _forget_new() -> None:
    if _TABLE is not None:
        _TABLE.new = {}


def _module_site() -> str | None:
    """The line ("file:stamp:line") of a module file's body, or of a class right in it, that
    asks for the pattern being compiled (the first frame outside ``re``); None for any
    other."""
    frame = sys._getframe(2)
    while frame is not None and frame.f_code.co_filename.startswith(_RE_DIR):
        frame = frame.f_back
    line = frame.f_lineno if frame is not None else 0
    while frame is not None and _is_class_body(frame.f_code):
        frame = frame.f_back
    if (frame is None or frame.f_code.co_name != "<module>"
            or frame.f_code.co_flags & _CO_OPTIMIZED
            or frame.f_code.co_filename.startswith("<")):  # exec of a string: no file
        return None
    return f"{frame.f_code.co_filename}:{_stamp(frame.f_code.co_filename)}:{line}"


_STAMPS: dict[str, int] = {}


def _stamp(filename: str) -> int:
    """When a module's file was last written: a line of the code as it is now, not as it
    was when another pattern stood on it."""
    stamp = _STAMPS.get(filename)
    if stamp is None:
        try:
            stamp = os.stat(filename).st_mtime_ns
        except OSError:
            stamp = 0
        _STAMPS[filename] = stamp
    return stamp


def _is_class_body(code: Any) -> bool:
    return not code.co_flags & _CO_OPTIMIZED and code.co_name != "<module>"


_CO_OPTIMIZED = 0x1  # inspect.CO_OPTIMIZED, the mark of a function's code (inspect is slow)
_RE_DIR = os.path.dirname(re.__file__) + os.sep


def save() -> None:
    """Add the patterns compiled since the file was read to it (``cachefiles.save_new``)."""
    cachefiles.save_new(_TABLE, _write)


def cache_file() -> Path | None:
    """This Python's and this version's file of kept patterns, or None for none."""
    return _KIND.file(_build()) if _sre() is not None else None


def _build() -> str:
    """What the kept code is good for: this Python, its engine, this studypress."""
    from . import __version__

    sre = _sre()
    return "|".join(map(str, (sys.implementation.cache_tag, sys.version, sre.MAGIC,
                              sre.CODESIZE, sys.maxunicode, __version__)))


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
    table = _KIND.table(path, _build())
    return {key: value for key, value in table.items() if _well_formed(key, value)}


def _well_formed(key: object, value: object) -> bool:
    """An entry as ``_write`` makes them (a file of another shape keeps nothing)."""
    return (isinstance(key, tuple) and len(key) == 2 and type(key[0]) is str
            and type(key[1]) is int and isinstance(value, tuple) and len(value) == 2
            and type(value[0]) is bytes and (value[1] is None or type(value[1]) is str))


def _write(path: Path, new: New) -> None:
    """The file's patterns and what of ``new`` is worth keeping written whole in place of
    ``path`` (``cachefiles``), unless that adds nothing."""
    _KIND.add(path, _build(), len(new), lambda: _load(path), lambda table: _kept(new, table))


def _kept(new: New, table: Kept) -> Kept:
    """The parts of each new pattern that the engine makes back into the same pattern; not
    for a line of a module that gave ``table`` another pattern before, whose pattern changes
    from one process to the next (one joined from a set, whose order does)."""
    import warnings

    _forget_rewritten(table, new)
    sites = {site: key for key, (_, site) in table.items() if site is not None}
    out: Kept = {}
    with warnings.catch_warnings():  # said once already, when the pattern was compiled
        warnings.simplefilter("ignore")
        for key, (compiled, site) in new.items():
            if site is not None and sites.get(site, key) != key:
                continue
            parts = _parts(*key, compiled)
            if parts is not None:
                out[key] = (marshal.dumps(parts), site)
    return out


def _forget_rewritten(table: Kept, new: New) -> None:
    """Drop from ``table`` the patterns of module files written since they were kept (the
    lines of ``new`` give each file's stamp now)."""
    now = dict(_file_and_stamp(site) for _, site in new.values() if site is not None)
    for key, (_, site) in list(table.items()):
        if site is not None:
            file, stamp = _file_and_stamp(site)
            if now.get(file, stamp) != stamp:
                del table[key]


def _file_and_stamp(site: str) -> tuple[str, str]:
    file, stamp, _line = site.rsplit(":", 2)
    return file, stamp
