"""What a deck build knows of its items beyond the note: the GUIDs the last build gave them
(``follow``), their stamps against the ledgers (a note's ``deck-ledger.json`` and the project's
``studypress.lock``), their note types' entries, and the report of items gone since."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import replace

from ...layouts import Layouts
from ...model import Diagnostic, Note, Severity
from ..base import RenderContext
from . import language, naming, renames
from . import ledger as ledgers
from .apkg import PackageNote
from .config import DeckConfig, template_values
from .items import Item
from .notetypes import KEY_FIELD, RenderedNoteType, render_note_type

DECK_FILE = "deck.apkg"
LEDGER_FILE = "deck-ledger.json"
LOCK_FILE = ledgers.LOCK_FILE


def stamped_items(note_id: str, items: Sequence[Item], config: DeckConfig
                  ) -> list[ledgers.Stamped]:
    """What the ledgers record of a note's items (by ``note_id``), to stamp them with."""
    return [ledgers.Stamped(i.guid, i.key, i.spec.name,
                            i.content_hash(config.changes_include_context), note_id, i.label,
                            i.text, i.date)
            for i in items]


def follow(items: Sequence[Item], previous: ledgers.Ledger, note_id: str) -> list[Item]:
    """The items with the GUIDs of their cards in the last build (see renames.py)."""
    current = [renames.Current(i.key, i.spec.name, i.text, i.date) for i in items]
    guids = renames.assign(current, renames.known_of(previous.items, note_id),
                           previous.items)
    return [replace(i, guid=g) for i, g in zip(items, guids, strict=True)]


def read_ledger(ctx: RenderContext, rel: str, where: str,
                 diagnostics: list[Diagnostic]) -> ledgers.Ledger:
    try:
        return ledgers.parse(ctx.previous(rel))
    except ledgers.LedgerError as exc:
        diagnostics.append(Diagnostic(
            Severity.WARNING, "deck-ledger",
            f"the deck ledger {rel} from the last build is unreadable ({exc}); every card gets "
            "this build's time, so the next import updates all of them", where))
        return ledgers.Ledger()


def read_lock(ctx: RenderContext, where: str, diagnostics: list[Diagnostic],
              note_id: str | None = None) -> ledgers.Ledger | None:
    """The project's ``studypress.lock`` (only the note ``note_id``'s part, when given);
    None when there is none (or it is unreadable)."""
    path = ctx.project_path(LOCK_FILE) if note_id is not None else None
    try:
        if path is not None:  # a note's part: only its bytes of the file are read
            return ledgers.lock_part_at(path, note_id)  # type: ignore[arg-type]
        data = ctx.project_file(LOCK_FILE)
        return (ledgers.parse_lock(data) if note_id is None
                else ledgers.lock_part(data, note_id))
    except ledgers.LedgerError as exc:
        diagnostics.append(Diagnostic(
            Severity.WARNING, "deck-lock",
            f"{LOCK_FILE} is unreadable ({exc}; a merge may have left conflict markers in "
            "it); cards whose ledger in output/ is gone get this build's time", where))
        return None


def note_previous(note: Note, ctx: RenderContext,
                   diagnostics: list[Diagnostic]) -> ledgers.Ledger:
    """What the last build recorded of a note's items: its ledger in output/ (the newest,
    since a build of single notes updates no lock), else its part of the project's lock."""
    if ctx.previous(LEDGER_FILE) is not None:
        return read_ledger(ctx, LEDGER_FILE, note.source, diagnostics)
    lock = read_lock(ctx, note.source, diagnostics, note.id)
    return lock if lock is not None else ledgers.Ledger()


def note_types(items: Sequence[Item], layouts: Layouts,
                config: DeckConfig) -> list[RenderedNoteType]:
    return [render_note_type(spec, layouts, language.template_labels(
                config.template_values, layouts, spec, template_values),
                             None if nt.cloze else config.settings.cards(nt.kind))
            for spec, nt in language.used_types(items)]


def type_entries(rendered: Sequence[RenderedNoteType], previous: ledgers.Ledger,
                  build_time: int, prefer: ledgers.Ledger | None = None
                  ) -> dict[str, ledgers.TypeEntry]:
    out = {}
    for r in rendered:
        blob = json.dumps(r.content(), ensure_ascii=False, sort_keys=True).encode()
        out[r.spec.name] = ledgers.stamp_type(r.spec.name, r.spec.id,
                                              hashlib.sha256(blob).hexdigest(), previous,
                                              build_time, prefer)
    return out


def package_notes(items: Sequence[Item], entries: Mapping[str, ledgers.Entry]
                  ) -> tuple[PackageNote, ...]:
    """The items as package notes, at their entries' times (by GUID)."""
    return tuple(PackageNote(i.guid, i.spec.name, i.values, i.tags, entries[i.guid].mod,
                             entries[i.guid].added) for i in items)


def search_for_entries(removed: Sequence[ledgers.Entry]) -> str:
    """An Anki search that finds exactly these items, by note type and key."""
    by_type: dict[str, list[str]] = {}
    for e in removed:
        by_type.setdefault(e.kind, []).append(e.key)
    if len(by_type) == 1:
        (kind, keys), = by_type.items()
        return naming.search_for_keys(kind, KEY_FIELD, keys)
    return " OR ".join(f"({naming.search_for_keys(kind, KEY_FIELD, keys)})"
                       for kind, keys in sorted(by_type.items()))


def search_for_note(note_id: str) -> str:
    """An Anki search that finds every item a note ever put in a deck."""
    return (f"{naming.search_quote('note:studypress ', prefix=True)} "
            f"{naming.search_quote(f'{KEY_FIELD}:{note_id}/', prefix=True)}")


def removed_message(source: str, removed: Sequence[ledgers.Entry], why: str,
                    search: str) -> str:
    """One report line for items gone since the last build, with an Anki search for them."""
    labels = "; ".join(e.label for e in removed[:5])
    more = f"; and {len(removed) - 5} more" if len(removed) > 5 else ""
    one = len(removed) == 1
    count, verb, them = (f"{len(removed)} item", "stays", "it") if one else (
        f"{len(removed)} items", "stay", "them")
    return (f"{source}: deck: {count} {why} {verb} in Anki, since importing never deletes "
            f"({labels}{more}); to review or delete {them}, search in Anki's browser for: "
            f"{search}")
