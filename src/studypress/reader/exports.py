"""What other tools write around Markdown, turned into Markdown the reader knows.

Outliners (Logseq, Roam) write page properties as ``key:: value`` lines instead of front
matter, block properties (``id::``, ``collapsed::``) under bullets, ``((block refs))`` and
``TODO``/``DONE`` task markers; Notion writes ``<aside>`` callouts and ``<details>`` toggles as
HTML. Each is rewritten line for line, so every line keeps its number, and each rewritten line
is remembered with what it was, for the line accounting of ``studypress inspect --lines``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_PROPERTY = re.compile(
    r"^(?P<lead>\s*(?:[-*+]\s+)?)(?P<key>[A-Za-z][\w.-]*)::\s*(?P<value>.*?)\s*$")
# The block properties outliners keep for themselves (Logseq's): no content of the note. Any
# other "key:: value" under the page's start is the writer's (a term and its definition, a
# Dataview field): kept as "key: value".
# Logseq writes its own keys in lower case: "Icon:: …" in a glossary is the writer's.
_MACHINERY = frozenset({
    "id", "collapsed", "heading", "background-color", "background_color", "template",
    "template-including-parent", "icon", "public", "filters", "created-at", "updated-at",
    "last-modified-at", "custom-id", "ls-type", "title", "alias", "tags",
    "exclude-from-graph-view"})
_MACHINERY_PREFIXES = ("card-", "hl-", "query-", "logseq.")
_TASK = re.compile(r"^(?P<lead>\s*[-*+]\s+)(?:TODO|DONE|LATER|NOW|DOING|WAITING|CANCELED|"
                   r"CANCELLED)\s+(?=\S)")
_BLOCK_REF = re.compile(r"\s*\(\([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\)\)")
_ASIDE_OPEN = re.compile(r"^\s*<aside>\s*$", re.I)
_ASIDE_CLOSE = re.compile(r"^\s*</aside>\s*$", re.I)
_DETAILS = re.compile(r"^\s*</?details(?:\s[^>]*)?>\s*$", re.I)
_SUMMARY = re.compile(r"^\s*(?:<details(?:\s[^>]*)?>\s*)?<summary>(?P<text>.*?)</summary>\s*$",
                      re.I)


@dataclass
class Exported:
    """The note body rewritten, with what was taken out of it, by 1-based line."""

    body: str
    properties: list[tuple[int, str, str]] = field(default_factory=list)  # page properties
    ignored: dict[int, str] = field(default_factory=dict)  # line → why it is not content


def normalise(body: str) -> Exported:
    """Rewrite outliner and Notion markup line by line (line numbers never move)."""
    lines = body.split("\n")
    out = Exported("")
    page = True  # property lines before any content are the page's own
    in_aside = False
    unclosed = _unclosed_aside(lines)
    for i, line in enumerate(lines):
        number = i + 1
        prop = _PROPERTY.match(line)
        if prop:
            key = prop.group("key")
            if page:
                out.properties.append((number, key.lower(), prop.group("value")))
            elif key in _MACHINERY or key.startswith(_MACHINERY_PREFIXES):
                out.ignored[number] = f"block property '{prop.group('key')}::'"
            else:
                lines[i] = f"{prop.group('lead')}{prop.group('key')}: {prop.group('value')}"
                continue
            lines[i] = ""
            continue
        if line.strip():
            page = False
        if i == unclosed:  # its lines are read as they stand, not as one callout
            out.ignored[number] = "an <aside> that is never closed"
            lines[i] = ""
            continue
        lines[i], in_aside = _html(line, number, in_aside, out)
        lines[i] = _BLOCK_REF.sub("", _TASK.sub(r"\g<lead>", lines[i]))
    out.body = "\n".join(lines)
    return out


def _unclosed_aside(lines: list[str]) -> int | None:
    """The index of an ``<aside>`` line with no ``</aside>`` after it (Notion closes every
    one; a note cut or edited by hand may not): read as one callout, the rest of the note
    would vanish into it."""
    opened = None
    for i, line in enumerate(lines):
        if _ASIDE_OPEN.match(line):
            if opened is not None:  # asides do not nest: the one before was never closed
                return opened
            opened = i
        elif _ASIDE_CLOSE.match(line):
            opened = None
    return opened


def _html(line: str, number: int, in_aside: bool, out: Exported) -> tuple[str, bool]:
    """Notion's HTML: an ``<aside>`` becomes a callout, a ``<details>`` toggle's summary a bold
    line with the toggle's content below it."""
    if _ASIDE_OPEN.match(line):
        return "> [!note]", True
    if _ASIDE_CLOSE.match(line):
        out.ignored[number] = "end of a callout"
        return "", False
    summary = _SUMMARY.match(line)
    if summary:
        return f"**{summary.group('text').strip()}**", in_aside
    if _DETAILS.match(line):
        out.ignored[number] = "toggle markup"
        return "", in_aside
    if in_aside:
        return "> " + line, True
    return line, in_aside
