"""genanki, imported without asyncio.

genanki takes ``cached_property`` from the PyPI backport, which imports asyncio (with ssl and
sockets: more than genanki itself costs to import) to support coroutine methods. genanki's
cached properties are plain methods, for which the standard library's
``functools.cached_property`` does the same: compute once, keep the value in the instance's
``__dict__``. genanki's modules are given that one while they import; nothing else is.
"""

from __future__ import annotations

import functools
import sys
import types


def _import_genanki() -> types.ModuleType:
    if "genanki" in sys.modules or "cached_property" in sys.modules:
        import genanki  # already imported as it is, or the backport is loaded anyway

        return genanki
    stand_in = types.ModuleType("cached_property")
    stand_in.cached_property = functools.cached_property  # type: ignore[attr-defined]
    sys.modules["cached_property"] = stand_in
    try:
        import genanki
    finally:
        del sys.modules["cached_property"]  # a later importer gets the backport itself
    return genanki


genanki = _import_genanki()
