"""Which layout files each output reads, and a digest of them per output: the part of an
output's cache key that makes a change to ``layouts/deck.toml`` rebuild the decks and leave
the guides alone.

``READS`` is the one place that says it, as data: a renderer that starts reading another
layout file adds it here (tests/test_project_rebuild.py renders every output and fails when
one reads a file not listed). A file counts by its bytes, the project's copy and the default
both (an override may extend the default), and a settings file also by what studypress.toml
sets in it; a pattern ``file.toml#key`` reads only that top-level key of the merged settings.
"""

from __future__ import annotations

import fnmatch
import functools
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..layouts import LayoutError, Layouts

# Card choice (which items make cards, in which directions): every output that makes cards.
_CARD_CHOICE = ("deck.toml#cards", "deck.toml#essay_cards", "deck.toml#faq_cards",
                "deck.toml#unanswered_cards", "deck.toml#cloze")

# The guide's look, which the course book shares; the figure's wording is per language.
_GUIDE = ("guide.toml", "timeline.toml", "subjects.toml", "deck.toml#names", "lang/*.toml")

READS: dict[str, tuple[str, ...]] = {
    "model": (),
    "timeline": ("timeline.toml", "lang/*.toml"),
    "png": ("timeline.toml", "lang/*.toml"),  # timeline.png: the same figure
    "deck": ("deck.toml", "subjects.toml", "anki/**", "lang/*.toml"),
    "cards": ("handout.toml#text", "lang/*.toml", *_CARD_CHOICE),
    # The guide draws the timeline figure, names the note's subject (subjects.toml, or the
    # [names] table older projects kept in deck.toml) and prints in the note's language.
    "guide": _GUIDE,
    "handout": ("handout.toml", "lang/*.toml"),
    "flashcards": ("handout.toml", "lang/*.toml", *_CARD_CHOICE),
    # Named like the combined deck.
    "book": ("book.toml", *_GUIDE, "deck.toml#project_deck"),
}
# Read by the build itself for every note: a note over a limit is not built at all.
EVERY = ("limits.toml",)
# Outputs with a combined part (the project deck), made from every note's output of that name.
COMBINED = ("deck", "book")
# Files that are about the layouts, not layouts: read by no output.
DOCS = ("README*", "*.md", "*.txt")


def reads(output: str) -> tuple[str, ...] | None:
    """The layout patterns an output reads; None for an output this table does not know,
    which then counts every layout file."""
    return READS.get(output)


@dataclass
class Prints:
    """The digest of every layout file in effect, and per output of the ones it reads."""

    files: dict[str, str] = field(default_factory=dict)  # name in layouts/ → digest
    settings: dict[str, str] = field(default_factory=dict)  # "deck.toml#names" → digest
    _cache: dict[str, str] = field(default_factory=dict)

    def of(self, output: str) -> str:
        """The digest of what ``output`` reads (every file, for an output not in READS)."""
        if output not in self._cache:
            self._cache[output] = _hash(sorted(self._parts(output)))
        return self._cache[output]

    def _parts(self, output: str) -> Iterable[tuple[str, str]]:
        patterns = reads(output)
        wanted = (*patterns, *EVERY) if patterns is not None else ()
        for name, digest in self.files.items():
            if _matches(name, DOCS):
                continue
            if patterns is None or _matches(name, wanted) \
                    or not _matches(name, _CLAIMED):  # unknown files count for every output
                yield name, digest
        for pattern in patterns or ():
            if "#" in pattern:
                yield pattern, self.settings.get(pattern, "")

    def whole(self) -> str:
        """One digest of every layout file (what the combined outputs of old records used)."""
        return _hash(sorted(self.files.items()))


def prints(layouts_dir: Path) -> Prints:
    """The digests of the layouts of the project whose ``layouts/`` is ``layouts_dir``.
    Raises OSError when a file cannot be read."""
    layouts = Layouts(layouts_dir)
    out = Prints()
    names: set[str] = set()
    for d in layouts.dirs:
        names.update(_files_below(d))
    for name in sorted(names):
        out.files[name] = _file_digest(layouts, name)
    for pattern in {p for ps in READS.values() for p in ps if "#" in p}:
        file, _, key = pattern.partition("#")
        out.settings[pattern] = _settings_digest(layouts, file, key)
    return out


def _files_below(folder: Path) -> list[str]:
    """The files below ``folder`` (relative, with ``/``), none hidden or in a hidden folder."""
    out = []
    for here, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel = os.path.relpath(here, folder)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        out.extend(prefix + f for f in files
                   if not f.startswith(".") and os.path.isfile(os.path.join(here, f)))
    return out


def _file_digest(layouts: Layouts, name: str) -> str:
    """A file's bytes, the project's copy and the default both (an override may extend the
    default), and for a settings file what studypress.toml sets in it."""
    from ..project import layout_settings

    h = hashlib.sha256()
    for d in layouts.dirs:
        path = d / name
        h.update(b"\0" + (path.read_bytes() if path.is_file() else b"-"))
    if name.endswith(".toml"):
        h.update(b"\0" + _hash(layout_settings(layouts.root, name.removesuffix(".toml"))).encode())
        h.update(b"\0" + _hash(_font_stamps(layouts, name)).encode())
    return h.hexdigest()


def _font_stamps(layouts: Layouts, name: str) -> list[list[object]]:
    """Size and time of each fallback font a settings file names, so that a font replaced in
    place counts as a change of that file."""
    from ..project import LAYOUT_KEYS

    stamps: list[list[object]] = []
    for file, dotted in LAYOUT_KEYS["fonts.fallback"]:
        if f"{file}.toml" != name:
            continue
        try:
            value: object = layouts.settings(file)
        except LayoutError:
            return stamps  # the renderer reports the broken file
        for part in dotted.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        for path in [value] if isinstance(value, str) else value or []:
            if not isinstance(path, str) or not path.strip():
                continue
            where = Path(path) if Path(path).is_absolute() or layouts.root is None \
                else layouts.root / path
            try:
                info = where.stat()
                stamps.append([path, info.st_size, info.st_mtime_ns])
            except OSError:
                stamps.append([path, None, None])
    return stamps


def _settings_digest(layouts: Layouts, file: str, key: str | None) -> str:
    """The merged values of a settings file (or of one key in it); "" when it is broken,
    so its bytes count instead and the renderer reports the mistake."""
    try:
        data = layouts.settings(file.removesuffix(".toml"))
    except LayoutError:
        return ""
    value = data if key is None else data.get(key)
    return _hash(value)


def _hash(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


_CLAIMED = tuple(p for ps in READS.values() for p in ps)
# Every pattern a file is asked about, keys of settings files left out (counted by value).
_KNOWN = frozenset(p for p in (*_CLAIMED, *EVERY, *DOCS) if "#" not in p)


def _matches(name: str, patterns: Iterable[str]) -> bool:
    """Whether a layout file is one of ``patterns`` (a key of a settings file is none)."""
    hits = _hits(name)
    return any(p in hits if p in _KNOWN else _one(name, p) for p in patterns if "#" not in p)


@functools.lru_cache(maxsize=4096)  # each file is asked about for every output
def _hits(name: str) -> frozenset[str]:
    """The known patterns ``name`` matches: found once per file, then each output's question
    is a look-up (asking each output's patterns afresh took ten times the instructions)."""
    return frozenset(p for p in _KNOWN if _one(name, p))


def _one(name: str, pattern: str) -> bool:
    """Whether ``name`` matches one pattern: ``dir/**`` is everything below ``dir``."""
    if pattern.endswith("/**") and name.startswith(pattern[:-2]):
        return True
    return _glob(name, pattern)


def _glob(name: str, pattern: str) -> bool:
    """``fnmatch.fnmatchcase``, without making a regular expression of a pattern whose only
    wildcard is ``*`` (every pattern above): compiling them took a tenth of a no-op build's
    own work. ``*`` matches any text, ``/`` included, as fnmatch's does."""
    if any(c in pattern for c in "?[]"):
        return fnmatch.fnmatchcase(name, pattern)
    first, *middle, last = pattern.split("*") if "*" in pattern else (pattern, None)
    if last is None:
        return name == pattern
    if len(name) < len(first) + len(last) or not name.startswith(first) \
            or not name.endswith(last):
        return False
    at, end = len(first), len(name) - len(last)
    for part in middle:  # each as far left as it goes leaves the most room for the rest
        found = name.find(part, at, end)
        if found < 0:
            return False
        at = found + len(part)
    return True
