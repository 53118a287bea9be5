"""The colours named in paragraph markup (a link's, a citation mark's, a highlight's, a muted
span's) worked out once per string instead of once per tag.

ReportLab's parser turns every ``color=`` and ``backColor=`` it meets into a colour with
``toColor``, which tries a CSS parse, the named colours, a regular expression and a Python
literal parse before it reads ``#6b7280`` as hex: tens of microseconds for each tag, and a
guide writes the same few colours thousands of times. The colour a string stands for never
changes, so it is kept; what is not a string, or is no colour, goes to ``toColor`` as before.
"""

from __future__ import annotations

import functools
from typing import Any

from reportlab.lib.colors import toColor
from reportlab.platypus import paraparser


@functools.lru_cache(maxsize=256)
def _named(text: str) -> Any:
    return toColor(text)


def colour(value: Any) -> Any:
    """``toColor(value)``, the same colour object for every use of one string."""
    return _named(value) if type(value) is str else toColor(value)


def install() -> None:
    """Make ReportLab's paragraph parser read colour attributes through :func:`colour` (once)."""
    for table in vars(paraparser).values():
        if not isinstance(table, dict):
            continue
        for key, entry in table.items():
            if isinstance(entry, tuple) and len(entry) == 2 and entry[1] is toColor:
                table[key] = (entry[0], colour)
