"""The combined deck: every note of the project as a sub-deck of one package, and the
project's ``studypress.lock``.

A large vault's cards do not fit in memory at once, so the deck is written note by note: each
note's cards are taken (what the last build took, when the note's own deck is unchanged),
stamped, written into the collection and let go. Only their lock entries (as JSON text) and
fronts stay to the end, when the cards that ask the very same thing as another note's card
are named after their notes.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ...model import Diagnostic, Note, Severity
from ..base import Notes, Output, RenderContext, RenderResult
from . import apkg, language, naming
from . import ledger as ledgers
from .apkg import PackageDeck, PackageType, read_media
from .config import DeckConfig
from .fieldhtml import escape
from .items import Item, Settings, fronts, note_items
from .media import Media
from .notetypes import RenderedNoteType
from .stamping import (
    DECK_FILE,
    LEDGER_FILE,
    LOCK_FILE,
    follow,
    note_types,
    package_notes,
    read_ledger,
    read_lock,
    removed_message,
    search_for_note,
    stamped_items,
    type_entries,
)


@dataclass(frozen=True)
class NoteCards:
    """A note's cards for the combined deck (their GUIDs not yet matched to the ledgers),
    the media files they show and what was reported on the way."""

    items: tuple[Item, ...]
    files: tuple[tuple[str, bytes], ...]
    diagnostics: tuple[Diagnostic, ...]


def note_cards(note: Note, settings: Settings, mine: ledgers.Ledger | None,
               ctx: RenderContext) -> NoteCards:
    """What the combined deck takes from one note: a function of the note, the deck's
    settings, the note's place and what its own deck build wrote, so the build may keep it."""
    diagnostics: list[Diagnostic] = []
    media = Media(_packaged_media(note, mine, ctx, diagnostics))
    # The per-note builds report the diagnostics of the items.
    items, _ = note_items(note, language.settings_for(settings, ctx.layouts,
                                                      note.metadata.language),
                          media, ctx.places.get(note.id))
    items = language.localised(items, ctx.layouts, note.metadata.language)
    return NoteCards(tuple(items), tuple(media.files.items()), tuple(diagnostics))


def _packaged_media(note: Note, mine: ledgers.Ledger | None, ctx: RenderContext,
                    diagnostics: list[Diagnostic]) -> Callable[[str], bytes | None]:
    """The images of a note, taken from its own deck.apkg (a project renderer cannot see the
    note's folder; the note's build has just packed them)."""
    if mine is None or not mine.media:
        return lambda _: None
    packed = read_media(ctx.previous(f"{note.id}/{DECK_FILE}"))
    lost = sorted(t for t, name in mine.media.items() if name not in packed)
    if lost:
        diagnostics.append(Diagnostic(
            Severity.WARNING, "deck-media",
            f"the combined deck shows {', '.join(repr(t) for t in lost)} as file "
            f"name{'s' if len(lost) > 1 else ''}: {note.id}/{DECK_FILE} does not hold "
            f"{'them' if len(lost) > 1 else 'it'}; rebuild with --force", note.source))
    names = dict(mine.media)
    return lambda target: packed.get(names.get(target, ""))


@dataclass(frozen=True)
class Taken:
    """What the combined deck keeps of a note from one build to the next, as little as it
    needs (a large project's notes are all loaded again when one changes): its cards, the
    media they show, what was reported on the way, its sub-deck and title; when its own
    deck's ledger matched the cards (its bytes are part of the key), their content hashes
    and what that ledger says of each; its note types' entries there; and each card's front
    as (item index, what it asks as ``FrontIndex.key``, the field it ends with)."""

    items: tuple[Item, ...]  # with their own deck's GUIDs when ``hashes`` is given
    files: tuple[tuple[str, bytes], ...]
    diagnostics: tuple[Diagnostic, ...]
    deck: str  # the note's sub-deck name
    title: str
    hashes: tuple[str, ...] | None = None  # None: matched against the lock, every build
    own: tuple[Own | None, ...] = ()  # per item; None: the own ledger does not know it
    own_types: tuple[tuple[str, ledgers.TypeEntry], ...] | None = None  # None: no ledger
    fronts: tuple[tuple[int, bytes, int], ...] = ()


# What a note's own ledger says of one of its items: (mod, added, unchanged: its hash and
# key are the item's). Enough to stamp it as ``ledger.stamp_one`` would, preferring it.
Own = tuple[int, int, bool]


def take(note: Note, config: DeckConfig, ctx: RenderContext) -> Taken:
    """A note's ``Taken``, made from the note and its own deck's ledger."""
    try:
        mine: ledgers.Ledger | None = ledgers.parse(ctx.previous(f"{note.id}/{LEDGER_FILE}"))
    except ledgers.LedgerError:
        mine = None
    cards = note_cards(note, config.settings, mine, ctx)
    items = list(cards.items)
    if mine is not None and mine.items:
        # The note's own build has just matched its items: its ledger has their GUIDs.
        items = follow(items, mine, note.id)
    return _taken(note, config, items, cards.files, cards.diagnostics, mine)


def handed(note: Note, config: DeckConfig, items: Sequence[Item],
           files: tuple[tuple[str, bytes], ...], ledger: ledgers.Ledger,
           stamped: Sequence[ledgers.Stamped]) -> Taken:
    """A note's ``Taken`` from what its own deck's build has in hand: its items with their
    GUIDs, the media files they show, the ledger it stamped them into and their stamps. The
    same as ``take`` makes from the files that build writes, without making the items again
    or reading the files back."""
    # The note type names as strings of their own, as a ledger read back from its file has
    # them: the memo keeps a part pickled, and pickle writes a string it has already written
    # (here, the items' note type names) as a reference to it, which would give other bytes.
    types = {name.encode().decode(): entry for name, entry in ledger.notetypes.items()}
    return _taken(note, config, items, files, (), ledgers.Ledger(ledger.items, types),
                  stamped)


def _taken(note: Note, config: DeckConfig, items: Sequence[Item],
           files: tuple[tuple[str, bytes], ...], diagnostics: tuple[Diagnostic, ...],
           mine: ledgers.Ledger | None, stamped: Sequence[ledgers.Stamped] | None = None
           ) -> Taken:
    """The ``Taken`` of a note whose items have their own deck's GUIDs when ``mine`` (its own
    deck's ledger) knows any; ``stamped``: their stamps, when already made."""
    asked = tuple((n, FrontIndex.key(item.spec.name, card, shown),
                   item.spec.fields.index(last))
                  for n, item in enumerate(items) for card, last, shown in fronts(item))
    named = (tuple(files), diagnostics, config.deck_name(note), note.title)
    # In the order the ledger's file lists them.
    types = None if mine is None else tuple(sorted(mine.notetypes.items(),
                                                   key=lambda kv: kv[0]))
    if mine is None or not mine.items:
        return Taken(tuple(items), *named, own_types=types, fronts=asked)
    if stamped is None:
        stamped = stamped_items(note.id, items, config)
    own = tuple(None if (e := mine.items.get(s.guid)) is None
                else (e.mod, e.added, e.hash == s.hash and e.key == s.key) for s in stamped)
    return Taken(tuple(items), *named, tuple(s.hash for s in stamped), own, types, asked)


def _entry(item: Item, content: str, own: Own | None, note_id: str,
           previous: ledgers.Ledger, build_time: int) -> ledgers.Entry:
    """An item's entry in the lock: its own deck's time (as ``ledger.stamp_one`` gives it
    with the note's own ledger preferred), else the lock's."""
    stamped = ledgers.Stamped(item.guid, item.key, item.spec.name, content, note_id,
                              item.label, item.text, item.date)
    if own is None:
        return ledgers.stamp_one(stamped, previous, build_time)
    mod, added, unchanged = own
    return ledgers.restamped(stamped, mod, added, unchanged, build_time)


class FrontIndex:
    """Cards of different notes whose fronts ask the very same thing, found as the notes go
    by: each card is told with its note's number and a number to know it by. A large
    project has hundreds of thousands of cards, so each is kept as one integer."""

    NOTE_BITS = 24  # up to 16 million notes

    def __init__(self) -> None:
        # A digest of (note type, card, front) → one card, or a list once there are more.
        self._by_front: dict[bytes, int | list[int]] = {}

    @staticmethod
    def key(note_type: str, card: str, shown: str) -> bytes:
        """What a card's front asks, as the index knows it."""
        return hashlib.blake2b("\0".join((note_type, card, shown)).encode(),
                               digest_size=16).digest()

    def add(self, key: bytes, note: int, member: int) -> None:
        """One card of note number ``note``, known by ``member`` (a number ≥ 0), whose front
        asks what ``key`` (``FrontIndex.key``) tells."""
        packed = member << self.NOTE_BITS | note
        found = self._by_front.get(key)
        if found is None:
            self._by_front[key] = packed
        elif isinstance(found, list):
            found.append(packed)
        else:
            self._by_front[key] = [found, packed]

    def shared(self) -> Iterator[tuple[int, int]]:
        """(note, member) of each card whose front a card of another note shares, front by
        front in the order they were first seen."""
        low = (1 << self.NOTE_BITS) - 1
        for found in self._by_front.values():
            if isinstance(found, list) and len({p & low for p in found}) > 1:
                for packed in found:
                    yield packed & low, packed >> self.NOTE_BITS


# A card's field numbers (the one its front ends with, its note type's sort field) in the
# low bits of what the front index knows it by: a note type has far fewer fields.
_FIELD_BITS = 8
_FIELD_MASK = (1 << _FIELD_BITS) - 1


def _note_name(title: str) -> str:
    return f' <span class="note-name">({escape(title)})</span>'


@dataclass
class _Written:
    """What stays of each note written into the combined deck until it is packaged."""

    titles: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    lock: dict[str, bytes] = field(default_factory=dict)  # GUID → its entry's text
    types: dict[str, RenderedNoteType] = field(default_factory=dict)  # by name
    models: dict[str, Any] = field(default_factory=dict)  # genanki's, by note type name
    own_types: dict[str, ledgers.TypeEntry] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    # By front: (the note id in the collection, the field the front ends with, the sort field).
    fronts: FrontIndex = field(default_factory=FrontIndex)


class Combined:
    """The combined deck and lock of a project, written note by note."""

    def __init__(self, config: DeckConfig, ctx: RenderContext, book: apkg.Collection) -> None:
        self.config, self.ctx, self.book = config, ctx, book
        self.diagnostics: list[Diagnostic] = []
        # The lock, or once, when there is none yet, the ledger older builds kept in output/.
        # Read once per build, and a large project's lock is large: not kept for later.
        lock = read_lock(ctx, LOCK_FILE, self.diagnostics)
        self.previous = (lock if lock is not None
                         else read_ledger(ctx, LEDGER_FILE, LEDGER_FILE, self.diagnostics))
        self.kept = _Written()
        project = config.project_name()
        self.root = "::".join(naming.deck_part(p) for p in project.split("::")
                              if p.strip()) or "studypress"
        book.add(PackageDeck(self.root, "", ()), {})

    def add(self, note_id: str, load: Callable[[], Note]) -> None:
        """Write one note's cards (notes in the order of their ids); the note is loaded only
        when what the last build took from it does not serve."""
        taken: Taken = self.ctx.remember(
            "deck", note_id, lambda: take(load(), self.config, self.ctx))
        kept = self.kept
        self.diagnostics.extend(taken.diagnostics)
        previous, when = self.previous, self.ctx.build_time
        if taken.hashes is None:
            items = follow(list(taken.items), previous, note_id)
            entries = {s.guid: ledgers.stamp_one(s, previous, when)
                       for s in stamped_items(note_id, items, self.config)}
        else:
            items = list(taken.items)
            # An item's time is its own note's: both decks give it the same one.
            entries = {i.guid: _entry(i, h, own, note_id, previous, when)
                       for i, h, own in zip(items, taken.hashes, taken.own, strict=True)}
        for name, entry in taken.own_types or ():
            if entry.mod >= kept.own_types.get(name, entry).mod:
                kept.own_types[name] = entry
        kept.files.update(taken.files)
        for guid, entry in entries.items():
            kept.lock[guid] = ledgers.lock_entry(entry)
        written = self.book.add(
            PackageDeck(f"{self.root}::{taken.deck}", "",
                        package_notes(items, entries)), self._models(items))
        number = len(kept.titles)
        for i, key, last in taken.fronts:
            # The sort field's place is the model's own (genanki's sort_field_index).
            sort = kept.models[items[i].spec.name].sort_field_index
            kept.fronts.add(key, number,
                            (written[i] << _FIELD_BITS | last) << _FIELD_BITS | sort)
        kept.titles.append(taken.title)
        kept.ids.add(note_id)

    def _models(self, items: Sequence[Item]) -> dict[str, Any]:
        kept = self.kept
        new = [i for i in items if i.spec.name not in kept.models]
        for rendered in note_types(new, self.ctx.layouts, self.config):
            kept.models[rendered.spec.name] = apkg.model(rendered)
            kept.types[rendered.spec.name] = rendered
        return kept.models

    def finish(self) -> RenderResult:
        """Name the cards whose fronts other notes' cards share; the deck and the lock."""
        kept = self.kept
        self._name(kept.fronts)
        kept.fronts = FrontIndex()  # what a large project holds is let go as soon as it can
        rendered = [kept.types[spec.name] for spec, _ in language.ordered_types(
            [r.spec for r in kept.types.values()])]
        notetypes = type_entries(rendered, self.previous, self.ctx.build_time,
                                 prefer=ledgers.Ledger(notetypes=kept.own_types))
        gone = _gone_notes(ledgers.removed_since(self.previous, kept.lock), kept.ids)
        self.previous = ledgers.Ledger()
        types = [PackageType(r, notetypes[r.spec.name].mod) for r in rendered]
        # Both written as the build writes them: a large project's deck and lock are tens of
        # megabytes each, never whole in memory.
        package = self.book.packager(types, kept.files, functools.partial(
            self.ctx.previous, self.config.project_file()))
        lock = functools.partial(ledgers.write_lock, ledger=ledgers.Ledger(notetypes=notetypes),
                                 items=kept.lock)
        return RenderResult(files=[Output(self.config.project_file(), package)],
                            diagnostics=self.diagnostics, messages=gone,
                            project_files=[Output(LOCK_FILE, lock)])

    def _name(self, shared: FrontIndex) -> None:
        named: dict[int, tuple[int, list[tuple[int, str]]]] = {}
        for number, member in shared.shared():
            note_id, where, sort = (member >> 2 * _FIELD_BITS,
                                    member >> _FIELD_BITS & _FIELD_MASK, member & _FIELD_MASK)
            named.setdefault(note_id, (sort, []))[1].append(
                (where, _note_name(self.kept.titles[number])))
        # In the order of their ids, the order of the table: each page is visited once.
        self.book.append_all([(note_id, named[note_id][1], named[note_id][0])
                              for note_id in sorted(named)])


def _gone_notes(removed: Sequence[ledgers.Entry], current: set[str]) -> list[str]:
    """Report lines for the items of notes no longer in the project (removals inside a note
    are its own build's report)."""
    gone: dict[str, list[ledgers.Entry]] = {}
    for entry in removed:
        if entry.note not in current:
            gone.setdefault(entry.note, []).append(entry)
    return [removed_message(note_id, entries, "of a note no longer in the project",
                            search_for_note(note_id))
            for note_id, entries in sorted(gone.items())]


def render(notes: Sequence[Note], ctx: RenderContext) -> RenderResult:
    """The combined deck (every note as a sub-deck of the project's deck) and the lock.
    The notes may be loaded one at a time as they are taken (``base.Notes``)."""
    ids = notes.ids if isinstance(notes, Notes) else [n.id for n in notes]
    with apkg.collection() as book:
        run = Combined(DeckConfig.load(ctx.layouts), ctx, book)
        for n in sorted(range(len(notes)), key=ids.__getitem__):
            run.add(ids[n], functools.partial(notes.__getitem__, n))
        return run.finish()
