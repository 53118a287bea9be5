"""Where a note sits in the project, made readable: one naming for every renderer.

The study guide prints it under the title (``Network School › Russian History › Russian
History II``) and the deck files the note's cards under it
(``Network School::Russian History::Russian History II::<title>``). The settings live in
``layouts/subjects.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from ..layouts import Layouts
from ..model import Note
from ..settings import Source, Strings, load, setting

SETTINGS = "subjects"

# Roman numerals built from I, V and X only: "ii", "xiv". Longer letters ("mix", "civil",
# "did", "li") are ordinary words far more often than numbers.
_ROMAN = re.compile(r"^(?=[ivx]+$)x{0,3}(ix|iv|v?i{0,3})$", re.IGNORECASE)


def humanise(slug: str, upper: Iterable[str] = (), lower: Iterable[str] = ()) -> str:
    """``russian-history-ii`` → ``Russian History II``: words capitalised, roman numerals and
    listed acronyms upper-cased, listed small words lower-cased except the first.

    What a person wrote is kept: a part with a space in it (a folder named ``Ancient
    history``) stays as it is, and so does a word with a capital in it (``iPhone``).
    """
    if re.search(r"\s", slug.strip()):
        return " ".join(slug.split())
    upper_set = {u.lower() for u in upper}
    lower_set = {w.lower() for w in lower}
    out: list[str] = []
    for i, word in enumerate(w for w in re.split(r"[-_\s]+", slug) if w):
        low = word.lower()
        if word != low:
            out.append(word)
        elif low in upper_set or _ROMAN.match(low):
            out.append(word.upper())
        elif i > 0 and low in lower_set:
            out.append(low)
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out)


def path_parts(permalink: str | None, source: str, roots: Iterable[str]) -> list[str]:
    """The folder names above a note: from its permalink when it has one (the last part is
    the note itself), else from its source path below the last of the source ``roots`` in
    it. A path under no root (an absolute path, a vault elsewhere) says nothing useful."""
    if permalink and permalink.strip():
        parts = [p for p in permalink.strip().split("/") if p and p not in (".", "..")]
        return parts[:-1]
    path = PureWindowsPath(source) if "\\" in source else PurePosixPath(source)
    folders = list(path.parts[:-1])
    root_set = set(roots)
    for i in range(len(folders) - 1, -1, -1):
        if folders[i] in root_set:
            return [f for f in folders[i + 1:] if f not in (".", "..")]
    return []


_WORDS = Strings(what="folder names or words")


@dataclass(frozen=True)
class Subjects:
    """The settings of ``layouts/subjects.toml`` and what they make of a note."""

    drop: tuple[str, ...] = setting("drop", _WORDS, ())
    roots: tuple[str, ...] = setting("source_roots", _WORDS, ("source",))
    upper: tuple[str, ...] = setting("uppercase", _WORDS, ())
    lower: tuple[str, ...] = setting("lowercase", _WORDS, ())

    @classmethod
    def from_settings(cls, data: Mapping[str, Any] | Source) -> Subjects:
        """Subjects from settings data (or a loaded source): a wrong value is a located
        error, a missing one keeps its default."""
        source = data if isinstance(data, Source) else Source.from_dict(data, SETTINGS)
        return load(cls, source)

    @classmethod
    def load(cls, layouts: Layouts) -> Subjects:
        """``layouts/subjects.toml`` (the project's over the defaults). A project whose
        ``layouts/deck.toml`` still has the ``[names]`` table these settings came from keeps
        it, for the keys its own subjects.toml does not set."""
        source = Source.from_layouts(layouts, SETTINGS)
        deck = Source.from_layouts(layouts, "deck")
        legacy = deck.data.get("names")
        if isinstance(legacy, Mapping):
            own = _project_keys(layouts)
            for key, value in legacy.items():
                if key not in own:
                    source.data[key] = value
                    source.origins[key] = deck.origins.get(f"names.{key}", Path("deck.toml"))
        return cls.from_settings(source)

    def humanise(self, slug: str) -> str:
        return humanise(slug, self.upper, self.lower)

    def folders(self, note: Note) -> list[str]:
        """The note's folder names as they are, the generic ones (``drop``) left out."""
        drop = {d.lower() for d in self.drop}
        return [p for p in path_parts(note.metadata.permalink, note.source, self.roots)
                if p.lower() not in drop]

    def path(self, note: Note) -> tuple[str, ...]:
        """The note's subject, outermost first, each part readable."""
        return tuple(h for h in (self.humanise(p) for p in self.folders(note)) if h)


def _project_keys(layouts: Layouts) -> set[str]:
    path = layouts.find(f"{SETTINGS}.toml")
    if path is None or layouts.project is None or path.parent != layouts.project:
        return set()
    try:
        with open(path, "rb") as fh:
            return set(tomllib.load(fh))
    except (OSError, tomllib.TOMLDecodeError):
        return set()  # Layouts.settings has already reported a broken file
