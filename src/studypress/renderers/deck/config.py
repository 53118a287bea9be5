"""layouts/deck.toml as the deck renderer reads it: the project deck's name, the subjects that
name sub-decks, the card settings and the values card templates see."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ...layouts import Layouts
from ...model import Note
from ...settings import Flag, Source, Text
from ..subjects import Subjects
from . import naming
from .fieldhtml import escape
from .items import Settings

SETTINGS = "deck"
# The combined deck's name when layouts/deck.toml gives none (output/study-notes.apkg).
DEFAULT_PROJECT_DECK = "Study Notes"

_CSS_UNSAFE = re.compile(r"[<>{};\\]")


def template_values(data: Mapping[str, Any]) -> dict[str, Any]:
    """Settings as card templates see them. Labels are escaped like field text (so a ``{{``
    in a label is no field reference); style values lose anything that could end a CSS
    declaration or the ``<style>`` element."""
    from markupsafe import Markup

    labels = data.get("labels", {})
    style = data.get("style", {})
    return {
        "labels": {str(k): Markup(escape(str(v)))
                   for k, v in (labels.items() if isinstance(labels, Mapping) else ())},
        "style": {str(k): Markup(_CSS_UNSAFE.sub("", str(v)))
                  for k, v in (style.items() if isinstance(style, Mapping) else ())},
    }


@dataclass
class DeckConfig:
    """layouts/deck.toml, with defaults for anything it leaves out."""

    project_deck: str = DEFAULT_PROJECT_DECK
    subjects: Subjects = field(default_factory=Subjects)  # layouts/subjects.toml
    changes_include_context: bool = False
    settings: Settings = field(default_factory=Settings)
    template_values: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, layouts: Layouts) -> DeckConfig:
        source = Source.from_layouts(layouts, SETTINGS)
        settings = Settings.from_toml(source)
        return cls(
            project_deck=source.value("project_deck", Text(), ""),
            subjects=Subjects.load(layouts),
            changes_include_context=source.value("changes_include_context", Flag(), False),
            settings=settings,
            template_values={**template_values(source.data),
                             "context_open": settings.context_open},
        )

    def deck_name(self, note: Note) -> str:
        return naming.deck_name(title=note.title, subject=self.subjects.path(note),
                                override=dict(note.metadata.extra).get("deck"))

    def project_name(self) -> str:
        """The combined deck's name. It never comes from the folder the build runs in: Anki
        knows a deck by its name, so renaming or moving a checkout would start a new deck."""
        return self.project_deck.strip() or DEFAULT_PROJECT_DECK

    def project_file(self) -> str:
        """The combined deck's file in the output folder (``study-notes.apkg``)."""
        return f"{naming.file_name(self.project_name())}.apkg"
