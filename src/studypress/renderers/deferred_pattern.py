"""ReportLab's pattern for URIs compiled when a paragraph first splits a long word at a URI's
slashes, not when ``reportlab.platypus.paragraph`` loads.

Case-insensitive over most of Unicode, that one pattern takes about 50 ms to compile: a tenth
of what a fresh process spends on its first small note (a one-note build, the worker an edited
note renders in). ReportLab uses it only to split URIs where a style asks for that
(``uriWasteReduce``, or hyphenation), which no style of studypress does. ``install`` (from the
renderer registry, before any renderer loads ReportLab) has the module load with the pattern
deferred; where ReportLab's pattern is not the one known here, it is compiled as ReportLab asks.
"""

from __future__ import annotations

import importlib.machinery
import re
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

MODULE = "reportlab.platypus.paragraph"
# How ReportLab's URI pattern (``uri_pat``, after Django's URL validator) opens, with its flag.
OPENING = "(^(?:[a-z0-9\\.\\-\\+]*)://)"
FLAGS = re.IGNORECASE


class Deferred:
    """A regular expression compiled when it is first used; then it is that pattern."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> bool:
        """Whether it has been compiled yet."""
        return self._compiled is not None

    def _pattern(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # copying or unpickling asks before the slots are set
            raise AttributeError(name)
        return getattr(self._pattern(), name)

    def __reduce__(self) -> tuple[Any, tuple[str, int]]:
        """Copied or pickled, it is the pattern itself."""
        return re.compile, (self._source, self._flags)


def install() -> None:
    """Have ReportLab's paragraph module load with its URI pattern deferred; nothing once the
    module is loaded (or the finder is in place)."""
    if MODULE in sys.modules or any(isinstance(f, _Finder) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _Finder())


# The finder and the loader follow the import protocols without importlib.abc's classes:
# importing that module loads importlib.resources and tempfile, some 15 ms of every build,
# a no-op among them, which never loads ReportLab.
class _Finder:
    """Finds the paragraph module as the path finder does, to load it through ``_Loader``."""

    done = False  # the module has been found once: the finder steps aside

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        """The paragraph module's spec, to be loaded by ``_Loader``; None for every other
        module, and for it too where the path finder cannot find it (a finder after this one
        may: the list of finders is left as it is while the import system walks it)."""
        if fullname != MODULE or self.done:
            return None
        self.done = True
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is not None and hasattr(spec.loader, "exec_module") \
                and hasattr(spec.loader, "create_module"):
            spec.loader = _Loader(spec.loader)
        return spec


class _Loader:
    """The module's own loader, with ``re.compile`` deferring the URI pattern while the
    module runs."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        """The module as its own loader makes it."""
        return self._inner.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        """Run the module with the URI pattern deferred. ``re.compile`` is swapped for every
        thread meanwhile: another thread's patterns pass straight through."""
        real = re.compile

        def compile_deferring(pattern: Any, flags: int = 0) -> Any:
            if isinstance(pattern, str) and pattern.startswith(OPENING) and flags == FLAGS:
                return Deferred(pattern, flags)
            return real(pattern, flags)

        re.compile = compile_deferring  # type: ignore[assignment]
        try:
            self._inner.exec_module(module)
        finally:
            re.compile = real

    def __getattr__(self, name: str) -> Any:  # get_source, get_data: as the module's own
        return getattr(self._inner, name)
