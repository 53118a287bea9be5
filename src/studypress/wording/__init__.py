"""The printed wording of every output in the note's language.

Each output keeps its English wording in its own layout file, where a project changes it:
``guide.toml`` [titles], ``handout.toml`` [text], ``deck.toml`` [labels] and ``timeline.toml``
[wording]. Every other language has one catalogue, ``layouts/lang/<code>.toml``, with a table
per output named after that file ([guide], [handout], [deck], [timeline]); its keys replace the
English ones key by key, and a key it leaves out keeps the English wording. A project adds or
changes a language with its own ``layouts/lang/<code>.toml``, without code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..layouts import Layouts

ENGLISH = "en"

# Each output's table in a language catalogue: the layout file and table of its English.
TABLES: Mapping[str, tuple[str, str]] = {
    "guide": ("guide", "titles"),
    "handout": ("handout", "text"),
    "deck": ("deck", "labels"),
    "timeline": ("timeline", "wording"),
}

_TAG = re.compile(r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*")


def codes(language: str) -> tuple[str, ...]:
    """The catalogues a language tag looks in, most specific first: ``pt-BR`` → ``pt-br``,
    ``pt``; an empty or malformed tag looks in none (English)."""
    tag = language.strip().lower().replace("_", "-")
    if not _TAG.fullmatch(tag):
        return ()
    primary = tag.split("-", 1)[0]
    return tuple(dict.fromkeys((tag, primary)))


def english(layouts: Layouts, table: str) -> dict[str, str]:
    """The English wording of an output: its layout file's table (the project's over the
    defaults); values that are not text are left to the output's own settings check."""
    file, section = TABLES[table]
    data = layouts.settings(file).get(section, {})
    return {str(k): v for k, v in data.items() if isinstance(v, str)} if isinstance(
        data, Mapping) else {}


def translated(layouts: Layouts, language: str, table: str) -> dict[str, str]:
    """What ``language``'s catalogue gives for an output's table: only the keys it sets, the
    more specific tag's over the primary language's; nothing for English."""
    out: dict[str, str] = {}
    for code in reversed(codes(language)):
        if code == ENGLISH:
            continue
        data = layouts.settings(f"lang/{code}").get(table, {})
        if isinstance(data, Mapping):
            out.update({str(k): v for k, v in data.items() if isinstance(v, str)})
    return out


def wording(layouts: Layouts, language: str, table: str,
            defaults: Mapping[str, str] | None = None) -> dict[str, str]:
    """An output's whole wording for a note in ``language``: ``defaults``, then the English of
    its layout file, then the language's catalogue, each key by key over the one before."""
    return {**(defaults or {}), **english(layouts, table), **translated(layouts, language, table)}


def catalogues(layouts: Layouts) -> tuple[str, ...]:
    """The language codes with a catalogue, the project's and the packaged ones, sorted."""
    found = {p.stem for d in layouts.dirs for p in (d / "lang").glob("*.toml")}
    return tuple(sorted(found))


__all__ = ["ENGLISH", "TABLES", "catalogues", "codes", "english", "translated", "wording"]
