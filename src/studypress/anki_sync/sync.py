"""The project's deck written straight into an Anki collection file.

The sync is an import of the combined deck the build makes (``<project deck>.apkg``), done
by the ``anki`` package into the collection, so its rules are exactly an import's: notes are
matched by GUID, updated only when the build's modification time is newer (a card's own edits
in Anki survive an unchanged item), cards keep their scheduling and the deck they sit in. On
top of an import it finds the project's notes that no item makes any more (their note id is
the project's, their GUID is in no card of this build) and, with ``prune``, deletes them.

A dry run does all of it on a copy of the collection in a temporary folder, so its report is
the real sync's while the collection stays as it was.
"""

from __future__ import annotations

import html
import json
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..renderers.deck.notetypes import KEY_FIELD
from .collection import SyncError, anki_module, check, open_collection


@dataclass(frozen=True)
class Change:
    """One note the sync added, updated or found stale: its key and what it is."""

    key: str
    label: str

    def __str__(self) -> str:
        return f"{self.label} [{self.key}]" if self.label and self.label != self.key \
            else self.key


@dataclass
class SyncReport:
    collection: Path
    added: list[Change] = field(default_factory=list)
    updated: list[Change] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[Change] = field(default_factory=list)  # a GUID under another note type
    stale: list[Change] = field(default_factory=list)  # no item makes them any more
    deleted: int = 0
    dry_run: bool = False


def package_notes(package: Path) -> dict[str, str]:
    """The notes of an ``.apkg``: GUID → Key field. Raises SyncError when it is unreadable."""
    try:
        with zipfile.ZipFile(package) as archive:
            data = archive.read("collection.anki2")
        connection = sqlite3.connect(":memory:")
        try:
            connection.deserialize(data)
            models = json.loads(connection.execute("SELECT models FROM col").fetchone()[0])
            rows = connection.execute("SELECT guid, mid, flds FROM notes").fetchall()
        finally:
            connection.close()
    except (OSError, KeyError, zipfile.BadZipFile, sqlite3.Error, ValueError,
            TypeError) as exc:
        raise SyncError(f"{package}: cannot read the deck ({exc})") from None
    key_at = {int(mid): next((f["ord"] for f in m["flds"] if f["name"] == KEY_FIELD), None)
              for mid, m in models.items()}
    return {guid: "" if (at := key_at.get(mid)) is None
            else html.unescape(flds.split("\x1f")[at]) for guid, mid, flds in rows}


def note_of_key(key: str) -> str:
    """The note id a card's key starts with (``roman-republic/event/-0508``)."""
    return key.split("/", 1)[0]


def sync_package(collection: Path, package: Path, notes: Iterable[str],
                 labels: Mapping[str, str] | None = None, *, prune: bool = False,
                 dry_run: bool = False,
                 on_prune: Callable[[Sequence[Change]], None] | None = None) -> SyncReport:
    """Import ``package`` into ``collection``; ``notes`` are the project's note ids (whose
    cards the package no longer holds are stale); ``labels`` name cards by GUID.
    ``on_prune`` hears of the notes about to be deleted before they are. Raises SyncError."""
    module = anki_module()
    check(collection)
    if not dry_run:
        return _sync(module, collection, package, set(notes), labels or {}, prune, on_prune)
    with tempfile.TemporaryDirectory(prefix="studypress-sync-") as tmp:
        copy = Path(tmp) / "collection.anki2"
        try:
            shutil.copyfile(collection, copy)
        except OSError as exc:
            raise SyncError(f"{collection}: cannot read the collection ({exc})") from None
        report = _sync(module, copy, package, set(notes), labels or {}, False, None)
    return replace(report, collection=collection, dry_run=True)


def _sync(module: Any, path: Path, package: Path, notes: set[str], labels: Mapping[str, str],
          prune: bool, on_prune: Callable[[Sequence[Change]], None] | None) -> SyncReport:
    incoming = package_notes(package)
    # No empty id: its search would take in every studypress note of the collection.
    notes = {n for n in notes | {note_of_key(k) for k in incoming.values()} if n}
    col = open_collection(module, path)
    try:
        request = module.ImportAnkiPackageRequest(
            package_path=str(package.resolve()), options=module.ImportAnkiPackageOptions())
        log = col.import_anki_package(request).log
        report = SyncReport(path, unchanged=len(log.duplicate))
        report.added = [_change(col, n.id.nid, labels) for n in log.new]
        report.updated = [_change(col, n.id.nid, labels) for n in log.updated]
        report.skipped = [Change(html.unescape(n.fields[0]) if n.fields else "", "")
                          for n in log.conflicting]
        stale = _stale(col, notes, set(incoming))
        report.stale = [change for _, change in stale]
        if prune and stale:
            if on_prune is not None:
                on_prune(report.stale)
            # remove_notes counts the cards it removed; the report counts notes.
            col.remove_notes([nid for nid, _ in stale])
            report.deleted = len(stale)
        return report
    finally:
        col.close()


def _change(col: Any, nid: int, labels: Mapping[str, str]) -> Change:
    note = col.get_note(nid)
    key = html.unescape(dict(note.items()).get(KEY_FIELD, ""))
    return Change(key, labels.get(note.guid, ""))


def _stale(col: Any, notes: set[str], current: set[str]) -> list[tuple[int, Change]]:
    """The project's notes in the collection that no card of this build is: for each of the
    project's note ids, its notes (by their Key) whose GUID the package does not hold."""
    from ..renderers.deck import search_for_note

    found: dict[int, Change] = {}
    for note_id in sorted(notes):
        for nid in col.find_notes(search_for_note(note_id)):
            note = col.get_note(nid)
            key = html.unescape(dict(note.items()).get(KEY_FIELD, ""))
            # The search matches by prefix; a key of another note (``rome-2/...`` for
            # ``rome``) is not this note's.
            if note.guid not in current and note_of_key(key) == note_id:
                found[nid] = Change(key, _sort_text(note))
    return sorted(found.items(), key=lambda kv: kv[1].key)


def _sort_text(note: Any) -> str:
    """What a note shows in Anki's browser: its sort field, tags removed."""
    import re

    sort_at = note.note_type().get("sortf", 0)
    text = note.fields[sort_at] if sort_at < len(note.fields) else ""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


# ------------------------------------------------------------------ the project's deck


@dataclass
class Synced:
    build: Any  # the BuildReport
    sync: SyncReport | None  # None when the build failed and nothing was synced


def _lock_entries(project_dir: Path) -> dict[str, Any]:
    """GUID → ledger entry of the project's ``studypress.lock`` (empty when unreadable)."""
    from ..renderers.deck import LOCK_FILE
    from ..renderers.deck import ledger as ledgers

    try:
        lock = ledgers.parse_lock((project_dir / LOCK_FILE).read_bytes())
    except (OSError, ledgers.LedgerError):
        return {}
    return dict(lock.items) if lock is not None else {}


def sync_project(config: Any, collection: Path, *, prune: bool = False, dry_run: bool = False,
                 on_prune: Callable[[Sequence[Change]], None] | None = None,
                 progress: Any = None, waiting: Callable[[str], None] | None = None) -> Synced:
    """Build the project (``config``, a BuildConfig; the deck always among its outputs),
    then sync its combined deck into ``collection``; ``waiting`` as for ``build``. Raises
    SyncError, or BuildError."""
    from ..build import build, check_output
    from ..build.folder_lock import held
    from ..layouts import Layouts
    from ..renderers.deck import DeckConfig

    # Everything that can refuse the sync does so before the build writes anything.
    anki_module()
    check(collection)
    single = [p for p in config.paths if not p.is_dir()]
    if single:
        raise SyncError(f"{single[0]}: sync takes the whole project (its folders of notes), "
                        "since only they make the project's deck")
    if config.renderers is not None and "deck" not in config.renderers:
        config = replace(config, renderers=[*config.renderers, "deck"])
    check_output(config)
    # The deck imported is the one this build made: no other command writes into the output
    # folder from the build to the end of the import (the build holds it again at once).
    with held(config.output, waiting):
        before = _lock_entries(config.project_dir)
        report = build(config, progress=progress)
        if report.failed:
            return Synced(report, None)
        package = config.output / DeckConfig.load(Layouts(config.project_dir / "layouts")) \
            .project_file()
        if not package.is_file():
            raise SyncError(f"{package}: the build made no project deck to sync")
        after = _lock_entries(config.project_dir)
        labels = {g: e.label for g, e in (before | after).items()}
        notes = {e.note for e in (*before.values(), *after.values())}
        return Synced(report, sync_package(collection, package, notes, labels, prune=prune,
                                           dry_run=dry_run, on_prune=on_prune))
