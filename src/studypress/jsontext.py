"""Indented JSON text, the same characters as ``json.dumps`` with ``indent``, made faster.

Python's ``json`` writes indented text with its pure-Python encoder (the C one does no
indenting), a generator per nested value. The build writes indented JSON for every note (the
deck ledger, the model, the cache) and for the project's lock, the largest file of a build;
here the same text is joined from the C string encoder's pieces. A value of a type it does not
know (a subclass, say) is left to ``json.dumps``.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring, encode_basestring_ascii
from typing import Any


class _Unknown(Exception):
    """A value this module leaves to ``json.dumps``."""


def dumps(data: Any, indent: int, sort_keys: bool = False, ensure_ascii: bool = True) -> str:
    """``json.dumps(data, indent=indent, sort_keys=sort_keys, ensure_ascii=ensure_ascii)``."""
    out: list[str] = []
    try:
        _Writer(" " * indent, sort_keys,
                encode_basestring_ascii if ensure_ascii else encode_basestring).value(data, "",
                                                                                      out)
    except _Unknown:
        return json.dumps(data, indent=indent, sort_keys=sort_keys, ensure_ascii=ensure_ascii)
    return "".join(out)


def _number(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if type(value) is int:
        return int.__repr__(value)
    if type(value) is float:
        if value != value:
            return "NaN"
        if value in (float("inf"), float("-inf")):
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    raise _Unknown


class _Writer:
    def __init__(self, step: str, sort_keys: bool, string: Any) -> None:
        self.step, self.sort_keys, self.string = step, sort_keys, string

    def value(self, value: Any, pad: str, out: list[str]) -> None:
        kind = type(value)
        if kind is str:
            out.append(self.string(value))
        elif kind is dict:
            self.table(value, pad, out)
        elif kind is list or kind is tuple:
            self.array(value, pad, out)
        else:
            out.append(_number(value))

    def table(self, value: dict, pad: str, out: list[str]) -> None:
        if not value:
            out.append("{}")
            return
        inner = pad + self.step
        out.append("{\n" + inner)
        items = sorted(value.items()) if self.sort_keys else value.items()
        string = self.string
        for n, (key, item) in enumerate(items):
            if type(key) is not str:
                raise _Unknown  # json turns numbers and None into keys its own way
            head = (",\n" + inner if n else "") + string(key) + ": "
            if type(item) is str:
                out.append(head + string(item))
            else:
                out.append(head)
                self.value(item, inner, out)
        out.append("\n" + pad + "}")

    def array(self, value: list | tuple, pad: str, out: list[str]) -> None:
        if not value:
            out.append("[]")
            return
        inner = pad + self.step
        out.append("[\n" + inner)
        for n, item in enumerate(value):
            if n:
                out.append(",\n" + inner)
            self.value(item, inner, out)
        out.append("\n" + pad + "]")
