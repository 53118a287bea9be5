"""Cards in the note's language: its labels in generated fields and its own note types.

A card template's wording ("When?", "Who was this?") is part of its note type, and Anki knows a
note type by its id, so a note in another language gets note types of its own, named after the
language (``studypress Event (es)``), whose templates carry that language's labels
(``layouts/lang/<code>.toml`` [deck]); English notes keep the note types they always had.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from functools import cache
from typing import Any

from ...layouts import Layouts
from ...wording import codes, translated
from .items import Item, Settings
from .notetypes import NOTE_TYPES, NoteTypeSpec

_BASE = {nt.name: nt for nt in NOTE_TYPES}
_LANGUAGE: dict[str, str] = {}  # a language's note type name → its language code


def deck_language(layouts: Layouts, language: str) -> str | None:
    """The language code a note's cards are worded in, or None for English (and for a
    language with no deck wording)."""
    found = codes(language)
    return found[-1] if found and translated(layouts, language, "deck") else None


@cache
def variant(spec: NoteTypeSpec, code: str) -> NoteTypeSpec:
    """The note type of ``spec`` for a language: its own name, and so its own id."""
    own = replace(spec, name=f"{spec.name} ({code})")
    _LANGUAGE[own.name] = code
    return own


def settings_for(settings: Settings, layouts: Layouts, language: str) -> Settings:
    """The deck settings with the labels of generated fields in the note's language."""
    own = translated(layouts, language, "deck")
    return replace(settings, labels={**settings.labels, **own}) if own else settings


def localised(items: list[Item], layouts: Layouts, language: str) -> list[Item]:
    """A note's items on its language's note types (unchanged for English)."""
    code = deck_language(layouts, language)
    if code is None:
        return items
    return [replace(i, spec=variant(i.spec, code)) for i in items]


def used_types(items: Sequence[Item]) -> list[tuple[NoteTypeSpec, NoteTypeSpec]]:
    """(the note type, the English one it is a variant of) for each note type the items use,
    in the order of NOTE_TYPES, English first, then by name."""
    return ordered_types([i.spec for i in items])


def ordered_types(specs: Iterable[NoteTypeSpec]) -> list[tuple[NoteTypeSpec, NoteTypeSpec]]:
    """``used_types`` of items of these note types."""
    used = {spec.name: spec for spec in specs}
    base = {name: _BASE.get(name) or _BASE[name.rsplit(" (", 1)[0]] for name in used}
    order = [nt.name for nt in NOTE_TYPES]
    return [(used[n], base[n]) for n in sorted(used, key=lambda n: (order.index(base[n].name),
                                                                    n != base[n].name, n))]


def template_labels(values: Mapping[str, Any], layouts: Layouts, spec: NoteTypeSpec,
                    escape_labels: Any) -> dict[str, Any]:
    """Template values for a note type: its language's labels over the English ones."""
    code = _LANGUAGE.get(spec.name)
    if code is None:
        return dict(values)
    own = escape_labels({"labels": translated(layouts, code, "deck")})["labels"]
    return {**values, "labels": {**values.get("labels", {}), **own}}
