"""The front-matter fields the reader uses, each checked for the kind of value it takes.

YAML gives whatever was typed: ``tags: {a: 1}`` is a mapping, ``permalink: 3`` a number,
``title: 2024-05-01`` a date. A field of the wrong kind would become a tag ``{'a': 1}`` or a
folder ``output/3/``; instead it is left out with a warning at its line. A value whose text is
unambiguous (a number or a date as a title, a number as a tag) is read as that text, and an
info note says so.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..diagnostics import Collector

CODE = "front-matter-type"


@dataclass(frozen=True)
class _Field:
    """What a front-matter field takes."""

    expect: str  # what the field takes, as a message says it
    list_ok: bool  # a list of words is allowed (tags, aliases, nocards)
    number_ok: bool  # a number reads as its text (a title "1984", a tag 1917)


# The fields the reader (and the outputs, through Metadata) read, by the key typed.
FIELDS: dict[str, _Field] = {
    "title": _Field("a text", False, True),
    "tags": _Field("a tag or a list of tags", True, True),
    "aliases": _Field("a name or a list of names", True, True),
    "permalink": _Field("a text such as /history/recognition", False, False),
    "lang": _Field("a language code such as en or de", False, False),
    "language": _Field("a language code such as en or de", False, False),
    "deck": _Field("a deck name such as History::Russia", False, True),
    "nocards": _Field("a block id or name, or a list of them", True, True),
}


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, datetime.date):
        return "a date"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "nothing" if value is None else type(value).__name__


def _shown(value: Any) -> str:
    text = repr(value) if isinstance(value, dict | list) else str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _as_text(value: Any, spec: _Field) -> str | None:
    """The text of a value that reads unambiguously as one, else None."""
    if isinstance(value, str):
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if spec.number_ok and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _checked_list(key: str, value: list[Any], spec: _Field, line: int | None,
                  say: Callable[..., None]) -> list[str]:
    kept: list[str] = []
    dropped: list[Any] = []
    for item in value:
        text = None if item is None else _as_text(item, spec)
        if text is not None:
            kept.append(text)
        elif item is not None:
            dropped.append(item)
    if dropped:
        say("warning", f"front matter '{key}' must be {spec.expect}; "
            f"{', '.join(_kind(d) + ' ' + _shown(d) for d in dropped)} in it "
            f"{'was' if len(dropped) == 1 else 'were'} left out", line)
    return kept


def checked(data: dict[str, Any], lines: dict[str, int], diag: Collector) -> dict[str, Any]:
    """The front matter with each field the reader uses of the kind it takes: a value of
    the wrong kind left out (a warning at its line), an unambiguous one read as text (an
    info note). Other keys pass as they are."""
    out: dict[str, Any] = {}

    def say(severity: str, message: str, line: int | None) -> None:
        getattr(diag, severity)(CODE, message, line)

    for key, value in data.items():
        spec = FIELDS.get(key)
        line = lines.get(key)
        if spec is None or value is None or isinstance(value, str):
            out[key] = value
        elif isinstance(value, list) and spec.list_ok:
            out[key] = _checked_list(key, value, spec, line, say)
        elif (text := _as_text(value, spec)) is not None:
            say("info", f"front matter '{key}' is {_kind(value)} ({_shown(value)}); it is "
                f"read as the text '{text}'", line)
            out[key] = text
        else:
            say("warning", f"front matter '{key}' must be {spec.expect}, not "
                f"{_kind(value)} ({_shown(value)}); it was ignored", line)
    return out
