"""Writing the ``.apkg``: genanki's schema and objects, with our own times, ids and zip.

genanki stamps every note, card and note type with one timestamp and writes its zip with the
current time; here each note carries its own modification time (from the ledger), ids derive
from when an item first appeared, and the archive has fixed member times and order, so the
same input and ledger give the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import genanki

from .naming import stable_id
from .notetypes import RenderedNoteType, model_fields, model_templates


@dataclass(frozen=True)
class PackageNote:
    guid: str
    notetype: str  # note type name
    values: tuple[str, ...]
    tags: tuple[str, ...]
    mod: int
    added: int


@dataclass(frozen=True)
class PackageDeck:
    name: str
    description: str
    notes: tuple[PackageNote, ...]


@dataclass(frozen=True)
class PackageType:
    rendered: RenderedNoteType
    mod: int


class _Model(genanki.Model):
    """A genanki model whose modification time is its own, not the package's."""

    def __init__(self, ptype: PackageType) -> None:
        spec = ptype.rendered.spec
        super().__init__(
            model_id=spec.id, name=spec.name, fields=model_fields(spec),
            templates=model_templates(ptype.rendered), css=ptype.rendered.css,
            sort_field_index=spec.fields.index(spec.sort_field),
            model_type=genanki.Model.CLOZE if spec.cloze else genanki.Model.FRONT_BACK)
        self._mod = ptype.mod

    def to_json(self, timestamp: float, deck_id: Any) -> dict[str, Any]:
        data = super().to_json(timestamp, deck_id)
        data["mod"] = self._mod
        data["did"] = None  # no preferred deck: Anki keeps the cards' own decks
        return data


class _Note(genanki.Note):
    """A genanki note written with its own id, modification time and card ids."""

    note_id: int
    mod: int
    card_ids: list[int]
    position: int

    def write_to_db(self, cursor: Any, timestamp: float, deck_id: Any, id_gen: Any) -> None:
        cursor.execute(
            "INSERT INTO notes VALUES(?,?,?,?,?,?,?,?,?,?,?);",
            (self.note_id, self.guid, self.model.model_id, self.mod, -1, self._format_tags(),
             self._format_fields(), self.sort_field, 0, 0, ""))
        for card, card_id in zip(self.cards, self.card_ids, strict=False):
            cursor.execute(
                "INSERT INTO cards VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?);",
                (card_id, self.note_id, deck_id, card.ord, self.mod, -1, 0, 0,
                 self.position, 0, 0, 0, 0, 0, 0, 0, 0, ""))


class _Ids:
    """Note and card ids: Anki reads them as creation times in milliseconds, so each starts
    at the item's first build (plus a GUID-derived offset that keeps separately built decks
    apart) and moves on when taken."""

    def __init__(self) -> None:
        # A taken id → an id at or below the first free one above it. Thousands of cards of
        # one build share a start, so probing one step at a time would be quadratic; these
        # links are shortened on every walk (path compression), which keeps it linear.
        self.after: dict[int, int] = {}

    def take(self, seconds: int, salt: str) -> int:
        offset = int.from_bytes(hashlib.sha256(salt.encode()).digest()[:4], "big") % 1000
        start = max(seconds, 1) * 1000 + offset
        path = []
        candidate = start
        while candidate in self.after:
            path.append(candidate)
            candidate = self.after[candidate]
        for passed in path:
            self.after[passed] = candidate
        self.after[candidate] = candidate + 1
        return candidate


def zip_time(seconds: int) -> tuple[int, int, int, int, int, int]:
    """A zip member time (zip cannot store dates before 1980)."""
    when = datetime.fromtimestamp(max(seconds, 315532800), UTC)
    return (when.year, when.month, when.day, when.hour, when.minute, when.second - when.second % 2)


def write_package(decks: Sequence[PackageDeck], types: Sequence[PackageType],
                  media: Mapping[str, bytes] | None = None) -> bytes:
    """The ``.apkg`` bytes for these decks (sub-decks by name), note types and media files
    (name → bytes; the fields must refer to them, or Anki ignores them)."""
    latest = max([t.mod for t in types] + [n.mod for d in decks for n in d.notes] + [0])
    with tempfile.TemporaryDirectory(prefix="studypress-deck-") as tmp:
        collection = Path(tmp) / "collection.anki2"
        _write_collection(_genanki_decks(decks, types), latest, collection)
        return _archive(collection, media or {}, zip_time(latest))


def _genanki_decks(decks: Sequence[PackageDeck], types: Sequence[PackageType]
                   ) -> Iterator[genanki.Deck]:
    """The decks as genanki writes them, each made as it is written and then let go: a
    combined deck of a large vault holds too many notes to hold their objects all at once."""
    models = {t.rendered.spec.name: _Model(t) for t in types}
    ids = _Ids()
    card_ids = _Ids()
    position = 0
    for deck in decks:
        gdeck = genanki.Deck(stable_id("studypress deck", deck.name), deck.name,
                             deck.description)
        for model in models.values():
            gdeck.add_model(model)
        for pn in deck.notes:
            note = _Note(model=models[pn.notetype], fields=list(pn.values), tags=list(pn.tags),
                         guid=pn.guid)
            note.note_id = ids.take(pn.added, pn.guid)
            note.mod = pn.mod
            note.card_ids = [card_ids.take(pn.added, f"{pn.guid}/{c.ord}") for c in note.cards]
            position += 1
            note.position = position
            gdeck.add_note(note)
        yield gdeck


# The collection's header fields (SQLite's file format, "The Database Header") that a database
# on disk counts up and an in-memory one leaves at zero: the file change counter (offset 24),
# the version-valid-for number (92) and the library's version number (96).
_COUNTED = ((24, 4), (92, 8))


def _write_collection(decks: Iterable[Any], latest: int, path: Path) -> None:
    """The collection database, on disk rather than in memory: a combined deck of a large
    vault is hundreds of megabytes. The bytes are those of the same database in memory."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode=OFF")  # a new file: nothing to roll back to
        conn.execute("PRAGMA synchronous=OFF")
        cursor = conn.cursor()
        # genanki goes through the decks once, so each is made as it is written.
        genanki.Package(decks).write_to_db(cursor, latest, iter(()))
        conn.commit()
    finally:
        conn.close()
    with path.open("r+b") as fh:
        for offset, size in _COUNTED:
            fh.seek(offset)
            fh.write(bytes(size))


def _archive(collection: Path, media: Mapping[str, bytes],
             stamp: tuple[int, int, int, int, int, int]) -> bytes:
    """The package's zip: the collection (copied from its file in pieces), the media index
    and the media files."""
    # Anki's package layout: a JSON "media" index maps member "0", "1"… to file names.
    # Sorted by name, so the same files always get the same members.
    files = dict(media)
    names = sorted(files)
    index = json.dumps({str(i): n for i, n in enumerate(names)}, ensure_ascii=False,
                       separators=(",", ":")).encode()
    # PNG, JPEG, GIF and WebP are compressed already; only SVG (text) gains from deflate.
    members: list[tuple[str, bytes | Path, bool]] = [
        ("collection.anki2", collection, True), ("media", index, True),
        *((str(i), files[n], n.endswith(".svg")) for i, n in enumerate(names))]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data, deflate in members:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            if isinstance(data, bytes):
                archive.writestr(info, data, compresslevel=6 if deflate else None)
                continue
            # writestr writes through the same stream; its size known, the header is the same.
            info.file_size = data.stat().st_size
            with data.open("rb") as src, archive.open(info, "w") as dest:
                shutil.copyfileobj(src, dest, 1 << 20)
    return out.getvalue()


def read_media(package: bytes | None) -> dict[str, bytes]:
    """The media files of an ``.apkg`` (name → bytes); empty when there is none or the
    package cannot be read."""
    if not package:
        return {}
    try:
        with zipfile.ZipFile(io.BytesIO(package)) as archive:
            index = json.loads(archive.read("media").decode("utf-8"))
            if not isinstance(index, dict):
                return {}
            return {str(name): archive.read(str(member)) for member, name in index.items()}
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        return {}
