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
import hashlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ...layouts import Layouts
from ...model import Diagnostic, Note, Severity
from ...settings import Flag, Source, Text
from ..base import Output, RenderContext, RenderResult
from ..subjects import Subjects
from . import language, naming, renames
from . import ledger as ledgers
from .apkg import PackageDeck, PackageNote, PackageType, read_media, write_package
from .fieldhtml import escape
from .items import Item, Settings, note_items, same_fronts, with_field
from .media import Media
from .notetypes import KEY_FIELD, RenderedNoteType, render_note_type

DECK_FILE = "deck.apkg"
LEDGER_FILE = "deck-ledger.json"
LOCK_FILE = ledgers.LOCK_FILE
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


def _stamped(note: Note, items: Sequence[Item], config: DeckConfig) -> list[ledgers.Stamped]:
    return [ledgers.Stamped(i.guid, i.key, i.spec.name,
                            i.content_hash(config.changes_include_context), note.id, i.label,
                            i.text, i.date)
            for i in items]


def follow(items: Sequence[Item], previous: ledgers.Ledger, note_id: str) -> list[Item]:
    """The items with the GUIDs of their cards in the last build (see renames.py)."""
    current = [renames.Current(i.key, i.spec.name, i.text, i.date) for i in items]
    guids = renames.assign(current, renames.known_of(previous.items, note_id),
                           previous.items)
    return [replace(i, guid=g) for i, g in zip(items, guids, strict=True)]


def _read_ledger(ctx: RenderContext, rel: str, where: str,
                 diagnostics: list[Diagnostic]) -> ledgers.Ledger:
    try:
        return ledgers.parse(ctx.previous(rel))
    except ledgers.LedgerError as exc:
        diagnostics.append(Diagnostic(
            Severity.WARNING, "deck-ledger",
            f"the deck ledger {rel} from the last build is unreadable ({exc}); every card gets "
            "this build's time, so the next import updates all of them", where))
        return ledgers.Ledger()


def _read_lock(ctx: RenderContext, where: str,
               diagnostics: list[Diagnostic]) -> ledgers.Ledger | None:
    """The project's ``studypress.lock``; None when there is none (or it is unreadable)."""
    try:
        return ledgers.parse_lock(ctx.project_file(LOCK_FILE))
    except ledgers.LedgerError as exc:
        diagnostics.append(Diagnostic(
            Severity.WARNING, "deck-lock",
            f"{LOCK_FILE} is unreadable ({exc}; a merge may have left conflict markers in "
            "it); cards whose ledger in output/ is gone get this build's time", where))
        return None


def _note_previous(note: Note, ctx: RenderContext,
                   diagnostics: list[Diagnostic]) -> ledgers.Ledger:
    """What the last build recorded of a note's items: its ledger in output/ (the newest,
    since a build of single notes updates no lock), else its part of the project's lock."""
    if ctx.previous(LEDGER_FILE) is not None:
        return _read_ledger(ctx, LEDGER_FILE, note.source, diagnostics)
    lock = _read_lock(ctx, note.source, diagnostics)
    return lock.of_note(note.id) if lock is not None else ledgers.Ledger()


def _note_types(items: Sequence[Item], layouts: Layouts,
                config: DeckConfig) -> list[RenderedNoteType]:
    return [render_note_type(spec, layouts, language.template_labels(
                config.template_values, layouts, spec, template_values),
                             None if nt.cloze else config.settings.cards(nt.kind))
            for spec, nt in language.used_types(items)]


def _type_entries(rendered: Sequence[RenderedNoteType], previous: ledgers.Ledger,
                  build_time: int, prefer: ledgers.Ledger | None = None
                  ) -> dict[str, ledgers.TypeEntry]:
    out = {}
    for r in rendered:
        blob = json.dumps(r.content(), ensure_ascii=False, sort_keys=True).encode()
        out[r.spec.name] = ledgers.stamp_type(r.spec.name, r.spec.id,
                                              hashlib.sha256(blob).hexdigest(), previous,
                                              build_time, prefer)
    return out


def _package_notes(items: Sequence[Item], ledger: ledgers.Ledger) -> tuple[PackageNote, ...]:
    return tuple(PackageNote(i.guid, i.spec.name, i.values, i.tags, ledger.items[i.guid].mod,
                             ledger.items[i.guid].added) for i in items)


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


def _packaged_media(note: Note, mine: ledgers.Ledger | None, ctx: RenderContext,
                    diagnostics: list[Diagnostic]) -> Callable[[str], bytes | None]:
    """The images of a note, taken from its own deck.apkg, for the combined deck (a project
    renderer cannot see the note's folder; the note's build has just packed them)."""
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


@dataclass
class _Gathered:
    """Every note's items for the combined deck, and this build's per-note ledgers."""

    items: list[tuple[Note, list[Item]]] = field(default_factory=list)
    stamped: list[ledgers.Stamped] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    own: ledgers.Ledger = field(default_factory=ledgers.Ledger)  # the times to agree with

    def take(self, mine: ledgers.Ledger) -> None:
        self.own.items.update(mine.items)
        for name, entry in mine.notetypes.items():
            if entry.mod >= self.own.notetypes.get(name, entry).mod:
                self.own.notetypes[name] = entry


@dataclass(frozen=True)
class NoteCards:
    """A note's cards for the combined deck (their GUIDs not yet matched to the ledgers),
    the media files they show and what was reported on the way."""

    items: tuple[Item, ...]
    files: tuple[tuple[str, bytes], ...]
    diagnostics: tuple[Diagnostic, ...]


def note_cards(note: Note, settings: Settings, mine: ledgers.Ledger | None,
               ctx: RenderContext) -> NoteCards:
    """What ``_gather`` takes from one note: a function of the note, the deck's settings,
    the note's place and what its own deck build wrote, so the build may keep it."""
    diagnostics: list[Diagnostic] = []
    media = Media(_packaged_media(note, mine, ctx, diagnostics))
    # The per-note builds report the diagnostics of the items.
    items, _ = note_items(note, language.settings_for(settings, ctx.layouts,
                                                      note.metadata.language),
                          media, ctx.places.get(note.id))
    items = language.localised(items, ctx.layouts, note.metadata.language)
    return NoteCards(tuple(items), tuple(media.files.items()), tuple(diagnostics))


@dataclass(frozen=True)
class _Taken:
    """What the combined deck keeps of a note: its cards and, when the note's own build
    matched them (its ledger, whose bytes the key covers), their GUIDs and stamps."""

    cards: NoteCards
    items: tuple[Item, ...] | None = None  # None: matched against the lock, every build
    stamped: tuple[ledgers.Stamped, ...] = ()


def _take(note: Note, config: DeckConfig, mine: ledgers.Ledger | None,
          ctx: RenderContext) -> _Taken:
    cards = note_cards(note, config.settings, mine, ctx)
    if mine is None or not mine.items:
        return _Taken(cards)
    # The note's own build has just matched its items: its ledger has their GUIDs.
    items = follow(list(cards.items), mine, note.id)
    return _Taken(cards, tuple(items), tuple(_stamped(note, items, config)))


def _gather(notes: list[Note], config: DeckConfig, ctx: RenderContext,
            previous: ledgers.Ledger, diagnostics: list[Diagnostic]) -> _Gathered:
    got = _Gathered()
    for note in sorted(notes, key=lambda n: n.id):
        try:
            mine: ledgers.Ledger | None = ledgers.parse(
                ctx.previous(f"{note.id}/{LEDGER_FILE}"))
        except ledgers.LedgerError:
            mine = None
        taken = ctx.remember("deck", note.id, functools.partial(_take, note, config, mine, ctx))
        diagnostics.extend(taken.cards.diagnostics)
        if taken.items is None:
            items = follow(list(taken.cards.items), previous, note.id)
            stamped = _stamped(note, items, config)
        else:
            items, stamped = list(taken.items), list(taken.stamped)
        got.files.update(taken.cards.files)
        got.items.append((note, items))
        got.stamped.extend(stamped)
        if mine is not None:
            got.take(mine)
    got.items = name_notes(got.items)
    return got


def name_notes(decks: list[tuple[Note, list[Item]]]) -> list[tuple[Note, list[Item]]]:
    """In the combined deck, a card whose front another note's card shares names its note
    (a note's own deck needs no such help). Its time stays the note deck's: the name
    follows from the project, not from an edit."""
    owner = {id(i): note for note, items in decks for i in items}
    changed: dict[int, Item] = {}
    for group in same_fronts([i for _, items in decks for i in items]):
        if len({owner[id(item)].id for item, _, _ in group}) < 2:
            continue
        for item, _, last in group:
            base = changed.get(id(item), item)
            title = escape(owner[id(item)].title)
            changed[id(item)] = with_field(base, last,
                                           f' <span class="note-name">({title})</span>')
    return [(note, [changed.get(id(i), i) for i in items]) for note, items in decks]


def _gone_notes(removed: Sequence[ledgers.Entry], notes: list[Note]) -> list[str]:
    """Report lines for the items of notes no longer in the project (removals inside a note
    are its own build's report)."""
    current = {n.id for n in notes}
    gone: dict[str, list[ledgers.Entry]] = {}
    for entry in removed:
        if entry.note not in current:
            gone.setdefault(entry.note, []).append(entry)
    return [removed_message(note_id, entries, "of a note no longer in the project",
                            search_for_note(note_id))
            for note_id, entries in sorted(gone.items())]


class DeckRenderer:
    """Writes ``deck.apkg`` and ``deck-ledger.json`` per note, ``<project>.apkg``, and the
    project's ``studypress.lock``."""

    name = "deck"

    def render(self, note: Note, ctx: RenderContext) -> RenderResult:
        """The note's own deck, its ledger, and a report of items removed since last time."""
        config = DeckConfig.load(ctx.layouts)
        media = Media(ctx.asset)
        items, diagnostics = note_items(note, language.settings_for(
            config.settings, ctx.layouts, note.metadata.language), media, ctx.places.get(note.id))
        items = language.localised(items, ctx.layouts, note.metadata.language)
        previous = _note_previous(note, ctx, diagnostics)
        items = follow(items, previous, note.id)
        ledger, removed = ledgers.stamp(_stamped(note, items, config), previous,
                                        ctx.build_time)
        ledger.media = dict(media.used)
        rendered = _note_types(items, ctx.layouts, config)
        ledger.notetypes = _type_entries(rendered, previous, ctx.build_time)
        types = [PackageType(r, ledger.notetypes[r.spec.name].mod) for r in rendered]
        deck = PackageDeck(config.deck_name(note), "", _package_notes(items, ledger))
        result = RenderResult(
            files=[Output(DECK_FILE, write_package([deck], types, media.files)),
                   Output(LEDGER_FILE, ledger.to_bytes())],
            diagnostics=diagnostics)
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

    def render_project(self, notes: list[Note], ctx: RenderContext) -> RenderResult:
        """One deck holding every note as a sub-deck of the project's deck."""
        config = DeckConfig.load(ctx.layouts)
        project = config.project_name()
        root = "::".join(naming.deck_part(p) for p in project.split("::") if p.strip()) \
            or "studypress"
        diagnostics: list[Diagnostic] = []
        # The lock, or once, when there is none yet, the ledger older builds kept in output/.
        lock = _read_lock(ctx, LOCK_FILE, diagnostics)
        previous = (lock if lock is not None
                    else _read_ledger(ctx, LEDGER_FILE, LEDGER_FILE, diagnostics))
        got = _gather(notes, config, ctx, previous, diagnostics)
        ledger, removed = ledgers.stamp(got.stamped, previous, ctx.build_time, prefer=got.own)
        rendered = _note_types([i for _, items in got.items for i in items], ctx.layouts,
                               config)
        ledger.notetypes = _type_entries(rendered, previous, ctx.build_time, prefer=got.own)
        types = [PackageType(r, ledger.notetypes[r.spec.name].mod) for r in rendered]
        decks = [PackageDeck(f"{root}::{config.deck_name(note)}", "",
                             _package_notes(items, ledger))
                 for note, items in got.items]
        decks.insert(0, PackageDeck(root, "", ()))
        return RenderResult(
            files=[Output(config.project_file(),
                          write_package(decks, types, got.files))],
            diagnostics=diagnostics, messages=_gone_notes(removed, notes),
            project_files=[Output(LOCK_FILE, ledgers.lock_bytes(ledger))])


__all__ = ["DECK_FILE", "LEDGER_FILE", "RENDERER", "DeckConfig", "DeckRenderer", "NoteCards",
           "name_notes", "note_cards"]

RENDERER = DeckRenderer()
