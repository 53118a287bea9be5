"""The Anki deck renderer: ``deck.apkg`` per note and one combined deck for the project.

Re-importing a newer build updates cards in place: GUIDs come from each item's identity and
follow an item the last build knew under another key (renames.py), and a ledger keeps an
unchanged item's modification time, so Anki updates exactly the items that changed and leaves
a user's own edits on the others alone. The ledger lives with the project, in
``studypress.lock`` beside the sources (the combined deck's build writes it); each note's
``deck-ledger.json`` in output/ records its latest build, and a note whose one is gone starts
from its part of the lock.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ...model import Diagnostic, Note, Severity
from ..base import Output, RenderContext, RenderResult
from . import combined, language
from . import ledger as ledgers
from .apkg import PackageDeck, PackageType, write_package
from .config import DeckConfig
from .items import note_items
from .media import Media
from .stamping import (
    DECK_FILE,
    LEDGER_FILE,
    LOCK_FILE,
    follow,
    note_previous,
    note_types,
    package_notes,
    removed_message,
    search_for_entries,
    search_for_note,
    stamped_items,
    type_entries,
)


@dataclass(kw_only=True)
class DeckResult(RenderResult):
    """A note's deck, and what the combined deck takes from the note, made when asked from
    what the deck's build has in hand (``combined.handed``)."""

    part: Callable[[], combined.Taken]


class DeckRenderer:
    """Writes ``deck.apkg`` and ``deck-ledger.json`` per note, ``<project>.apkg``, and the
    project's ``studypress.lock``."""

    name = "deck"
    # The combined deck and lock are a function of each note's part (``project_part``, kept
    # by ``ctx.remember``), the lock they read back, the layouts and the options: when all
    # are as they were, the build keeps them as they are.
    made_from_parts = True

    def render(self, note: Note, ctx: RenderContext) -> RenderResult:
        """The note's own deck, its ledger, and a report of items removed since last time."""
        from ...collector import paused

        with paused():  # the items, notes and package all stand until the deck is written
            return self._render(note, ctx)

    def _render(self, note: Note, ctx: RenderContext) -> RenderResult:
        config = DeckConfig.load(ctx.layouts)
        media = Media(ctx.asset)
        items, diagnostics = note_items(note, language.settings_for(
            config.settings, ctx.layouts, note.metadata.language), media, ctx.places.get(note.id))
        items = language.localised(items, ctx.layouts, note.metadata.language)
        previous = note_previous(note, ctx, diagnostics)
        items = follow(items, previous, note.id)
        stamped = stamped_items(note.id, items, config)
        ledger, removed = ledgers.stamp(stamped, previous, ctx.build_time)
        ledger.media = dict(media.used)
        rendered = note_types(items, ctx.layouts, config)
        ledger.notetypes = type_entries(rendered, previous, ctx.build_time)
        types = [PackageType(r, ledger.notetypes[r.spec.name].mod) for r in rendered]
        deck = PackageDeck(config.deck_name(note), "", package_notes(items, ledger.items))
        result = DeckResult(
            files=[Output(DECK_FILE, write_package([deck], types, media.files)),
                   Output(LEDGER_FILE, ledger.to_bytes())],
            diagnostics=diagnostics,
            part=functools.partial(combined.handed, note, config, items,
                                   tuple(media.files.items()), ledger, stamped))
        if not items:
            result.diagnostics.append(Diagnostic(
                Severity.INFO, "deck-empty",
                "no timeline, cast, glossary or quiz to make cards from; the deck is empty",
                note.source))
        if removed:
            result.messages.append(removed_message(
                note.source, removed, "removed from the note since the last build",
                search_for_entries(removed)))
        return result

    def project_part(self, rendered: DeckResult) -> combined.Taken:
        """What the combined deck takes from the note ``rendered`` is the deck of: what it
        would read back from ``output/<note id>/`` once those files are written."""
        return rendered.part()

    def render_project(self, notes: Sequence[Note], ctx: RenderContext) -> RenderResult:
        """One deck holding every note as a sub-deck of the project's deck, and the lock."""
        return combined.render(notes, ctx)


__all__ = ["DECK_FILE", "LEDGER_FILE", "LOCK_FILE", "RENDERER", "DeckConfig", "DeckRenderer",
           "DeckResult", "removed_message", "search_for_note"]

RENDERER = DeckRenderer()
