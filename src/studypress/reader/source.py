"""Front matter: the leading YAML block split from a note, and its list values (tags,
aliases). Decoding the bytes is ``decoding``'s, re-exported here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..diagnostics import Collector
from .decoding import DecodeError, decode

__all__ = ["DecodeError", "FrontMatter", "aliases_list", "as_string_list", "decode",
           "split_front_matter"]


@dataclass(frozen=True)
class FrontMatter:
    """A note's front matter, parsed, and the rest of its text."""

    data: dict[str, Any]
    body: str  # the note with the front matter blanked out, so line numbers stay true
    lines: dict[str, int] = field(default_factory=dict)  # each top-level key's line


_FENCE = re.compile(r"^---[ \t]*$")


class _AliasRefused(yaml.YAMLError):
    def __init__(self, line: int) -> None:
        super().__init__("alias")
        self.line = line


class _NoAliases(yaml.SafeLoader):
    """The safe loader, refusing aliases before any is expanded (a 'billion laughs' tree of
    aliases fits in a few lines of YAML and fills the memory)."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise _AliasRefused(self.peek_event().start_mark.line)
        return super().compose_node(parent, index)


def split_front_matter(text: str, diag: Collector) -> FrontMatter:
    """Separate the leading ``---`` block (YAML, or a one-line JSON object, which is YAML too)."""
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        return FrontMatter({}, text)
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i]) or lines[i] == "..."),
               None)
    if end is None:
        diag.warning("front-matter", "front matter starts with '---' but never ends; "
                     "add a closing '---' line", 1)
        return FrontMatter({}, text)
    raw = "\n".join(lines[1:end])
    blank = "\n" * end
    body = blank + "\n" + "\n".join(lines[end + 1 :])
    try:
        data, keys = _load(raw) if raw.strip() else ({}, {})
    except _AliasRefused as exc:
        diag.error("front-matter-alias", "front matter uses a YAML alias (*name); study "
                   "notes never need one and aliases can grow without bound, so the front "
                   "matter was ignored: write the value out instead", exc.line + 2)
        return FrontMatter({}, body)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or "invalid YAML"
        diag.warning("front-matter", f"front matter is not valid YAML ({problem}); it was ignored",
                     line)
        return FrontMatter({}, body)
    if not isinstance(data, dict):
        diag.warning("front-matter", "front matter is not a mapping of keys to values; "
                     "it was ignored", 2)
        return FrontMatter({}, body)
    return FrontMatter({str(k): v for k, v in data.items()}, body, keys)


def _load(raw: str) -> tuple[Any, dict[str, int]]:
    """The YAML's value, and the line in the note of each top-level key (the YAML starts on
    the note's second line)."""
    loader = _NoAliases(raw)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    keys: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, _ in node.value:
            keys.setdefault(str(getattr(key, "value", "")), key.start_mark.line + 2)
    return data, keys


def as_string_list(value: Any) -> tuple[str, ...]:
    """Tags or aliases written as a list, a comma/space separated string, or one value."""
    if value is None:
        return ()
    if isinstance(value, str):
        parts = re.split(r"[,\s]+", value) if ("," in value or " " in value) else [value]
    elif isinstance(value, list | tuple):
        parts = [str(v) for v in value if v is not None]
    else:
        parts = [str(value)]
    out: list[str] = []
    for part in parts:
        part = part.strip().lstrip("#").strip()
        if part and part not in out:
            out.append(part)
    return tuple(out)


def aliases_list(value: Any) -> tuple[str, ...]:
    """Aliases keep their spaces: only a list or a single string."""
    if value is None:
        return ()
    if isinstance(value, list | tuple):
        return tuple(str(v).strip() for v in value if v is not None and str(v).strip())
    return (str(value).strip(),) if str(value).strip() else ()
