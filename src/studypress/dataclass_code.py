"""The methods ``dataclasses`` writes for each class, compiled once per machine rather than
once per process.

The content model, the build's records and the renderers' settings are some 160 dataclasses.
For each, ``dataclasses`` writes the source of ``__init__``, ``__repr__``, ``__eq__``,
``__hash__``, ``__setattr__``… and hands it to ``exec``, which compiles it: about 800 sources,
60–100 ms of every process that imports them (a one-note build, each worker, the build's
process reading an edited note). Python keeps none of it. Here the code each source compiles
to is kept in a file of the user's cache folder made for this exact Python (``cachefiles``),
keyed by the source itself, and a later process takes the code from there (about 4 ms for all
of them): ``exec`` of that code makes the very functions ``exec`` of the source makes.

Only the command and the processes it starts keep code (``compiled``): a program that
imports studypress, not started by the command, reads and writes no such file. Only what
``dataclasses`` hands to ``exec`` is kept, sources made of a class's field names and types,
never of a note's text.
The file holds code that runs, so it is read only when it and its folder are the user's own
and writable by no one else (``cachefiles``; where the system has no such owners, as on
Windows, as Python reads its own bytecode caches), whole (its CRC), and made by this very
Python; anything else, and every source is compiled as ever. ``STUDYPRESS_CACHE_DIR`` names
another folder; set empty, nothing is kept.
"""

from __future__ import annotations

import builtins
import contextlib
import marshal
import os
import sys
import types
from pathlib import Path
from typing import Any

from . import cachefiles

# Above this many kept sources (the code's own are about 800), the file starts again from
# those of the process writing it: sources of classes since changed do not pile up.
MOST = 4000
_KIND = cachefiles.Kind("dataclass-code", 1, MOST)
_MAGIC_NAME, _MAGIC = _KIND.mark, _KIND.magic


class _Table:
    """The code known from the file, by source (read when first asked for: a command that
    makes no class reads nothing), and that compiled since, to add to it."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._known: dict[str, bytes] | None = None if path else {}
        self.new: dict[str, types.CodeType] = {}

    @property
    def known(self) -> dict[str, bytes]:
        if self._known is None:
            self._known = _load(self.path) if self.path else {}
        return self._known

    @known.setter
    def known(self, value: dict[str, bytes]) -> None:
        self._known = value

    def code(self, source: str) -> types.CodeType:
        """What ``exec`` compiles ``source`` to: its kept code, or compiled now (and kept)."""
        kept = self.known.get(source)
        if kept is not None:
            with contextlib.suppress(Exception):
                code = marshal.loads(kept)
                if type(code) is types.CodeType:
                    return code
            self.known.pop(source, None)  # not this Python's code after all
        code = _compiled(source)
        if self.path is not None:
            self.new[source] = code
        return code


def _compiled(source: str | bytes) -> types.CodeType:
    """``source`` compiled as ``exec`` compiles a string for ``dataclasses``: as a file named
    "<string>", without the future features of the module calling it (``dataclasses`` has
    none; this module's ``annotations`` would make the methods' annotations strings)."""
    return compile(source, "<string>", "exec", dont_inherit=True)


_TABLE: _Table | None = None


def install() -> None:
    """Keep the code of every source ``dataclasses`` runs from now on, in this process and
    the processes it starts; nothing where ``dataclasses`` has an ``exec`` of its own."""
    global _TABLE
    import dataclasses

    if _TABLE is not None or "exec" in vars(dataclasses):
        return
    _TABLE = _Table(cache_file())
    dataclasses.exec = _exec  # type: ignore[attr-defined]  # ``exec`` as the module sees it
    if hasattr(os, "register_at_fork"):  # a forked worker writes only what it compiled
        os.register_at_fork(after_in_child=_forget_new)


def _forget_new() -> None:
    if _TABLE is not None:
        _TABLE.new = {}


def _exec(source: Any, globals: Any = None, locals: Any = None, **kwargs: Any) -> None:
    """``exec``, for ``dataclasses``: a source string runs from its kept code."""
    if globals is None:  # the caller's namespaces, as ``exec`` itself takes them
        frame = sys._getframe(1)
        globals = frame.f_globals
        if locals is None:
            locals = frame.f_locals
    if type(source) is str and _TABLE is not None:
        source = _code_of(_TABLE, source)
    elif isinstance(source, (str, bytes)):
        source = _compiled(source)  # not under this module's future features either
    builtins.exec(source, globals, locals, **kwargs)


def _code_of(table: _Table, source: str) -> types.CodeType:
    """``table.code(source)``; whatever befalls the keeping, the source compiled (and a
    source that cannot compile raises as ``exec`` would)."""
    try:
        return table.code(source)
    except Exception:
        return _compiled(source)


def save() -> None:
    """Add the code compiled since the file was read to it (``cachefiles.save_new``)."""
    cachefiles.save_new(_TABLE, _write)


def _write(path: Path, new: dict[str, types.CodeType]) -> None:
    """The file's code and ``new`` written whole in place of ``path`` (``cachefiles``),
    unless that adds nothing."""
    _KIND.add(path, _build(), len(new), lambda: _load(path),
              lambda table: {source: marshal.dumps(code) for source, code in new.items()
                             if source not in table})


def cache_file() -> Path | None:
    """This Python's file of kept code, or None for none."""
    return _KIND.file(_build())


def _build() -> str:
    """What the kept code is good for: this very Python (its bytecode's magic number)."""
    from importlib.util import MAGIC_NUMBER

    return "|".join((sys.implementation.cache_tag or "", sys.version, MAGIC_NUMBER.hex(),
                     str(sys.flags.optimize)))


def _load(path: Path) -> dict[str, bytes]:
    """The file's code, by source; none when it is missing, not the user's own, not whole,
    or another Python's."""
    table = _KIND.table(path, _build())
    return {key: value for key, value in table.items()
            if type(key) is str and type(value) is bytes}
