"""Writing the ``.apkg``: genanki's schema and objects, with our own times, ids and zip.

genanki stamps every note, card and note type with one timestamp and writes its zip with the
current time; here each note carries its own modification time (from the ledger), ids derive
from when an item first appeared, and the archive has fixed member times and order, so the
same input and ledger give the same bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import shutil
import sqlite3
import tempfile
import weakref
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from .deflate import PIECE, copy_deflated
from .genanki_loader import genanki
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


_sha256 = hashlib.sha256
_READ_AT_ONCE = 500  # note ids in one query: under SQLite's oldest limit of 999 parameters
_NOTE_ROW = "INSERT INTO notes VALUES(?,?,?,?,?,?,?,?,?,?,?);"
_CARD_ROW = "INSERT INTO cards VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?);"


class _Fields(genanki.Note):
    """Just enough of a genanki note for genanki to say which cards it has."""

    def __init__(self, model: genanki.Model, values: Sequence[str]) -> None:
        self.model, self.fields = model, list(values)


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
        offset = int.from_bytes(_sha256(salt.encode()).digest()[:4], "big") % 1000
        start = max(seconds, 1) * 1000 + offset
        after = self.after
        # The first free id at or above the start (the links never pass a free one) ...
        path = []
        free = start
        while (step := after.get(free)) is not None:
            path.append(free)
            free = step
        path.append(free)  # taken now
        # ... and the first free one above it, where everything walked past now links: the
        # next card of a run of taken ids reaches a free one in a step or two.
        beyond = free + 1
        while (step := after.get(beyond)) is not None:
            path.append(beyond)
            beyond = step
        for passed in path:
            after[passed] = beyond
        return free


def zip_time(seconds: int) -> tuple[int, int, int, int, int, int]:
    """A zip member time (zip cannot store dates before 1980)."""
    when = datetime.fromtimestamp(max(seconds, 315532800), UTC)
    return (when.year, when.month, when.day, when.hour, when.minute, when.second - when.second % 2)


def write_package(decks: Sequence[PackageDeck], types: Sequence[PackageType],
                  media: Mapping[str, bytes] | None = None) -> bytes:
    """The ``.apkg`` bytes for these decks (sub-decks by name), note types and media files
    (name → bytes; the fields must refer to them, or Anki ignores them)."""
    with collection() as book:
        models = {t.rendered.spec.name: _Model(t) for t in types}
        for deck in decks:
            book.add(deck, models, announce=True)
        return book.package(types, media or {})


@contextlib.contextmanager
def collection() -> Iterator[Collection]:
    """A collection database in a temporary file, to be written deck by deck."""
    with tempfile.TemporaryDirectory(prefix="studypress-deck-") as tmp:
        book = Collection(Path(tmp) / "collection.anki2")
        try:
            yield book
        finally:
            book.close()


def model(rendered: RenderedNoteType) -> genanki.Model:
    """The genanki model that writes a note type's notes (its time is set when packaged)."""
    return _Model(PackageType(rendered, 0))


class Collection:
    """A package's collection database, written into a file deck by deck: a combined deck of
    a large vault is hundreds of megabytes, and its notes are never all held at once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn = sqlite3.connect(path)
        self.conn.execute("PRAGMA journal_mode=OFF")  # a new file: nothing to roll back to
        self.conn.execute("PRAGMA synchronous=OFF")
        self.cursor = self.conn.cursor()
        genanki.Package([]).write_to_db(self.cursor, 0, iter(()))  # the schema, the col row
        self.ids, self.card_ids = _Ids(), _Ids()
        self.position = 0
        self.latest = 0  # the newest note's time
        self.untold: list[genanki.Deck] = []  # decks the col row is told of when packaged
        self.open = True
        self.front_back: dict[tuple[int, tuple[bool, ...]], tuple[int, ...]] = {}

    def add(self, deck: PackageDeck, models: Mapping[str, genanki.Model],
            announce: bool = False) -> list[int]:
        """Write a deck's notes (``models`` by note type name); their note ids, in order.
        ``announce`` tells the col row of the deck first, as genanki does deck by deck (a
        package of a few decks); otherwise it is told of every deck once, when packaged."""
        gdeck = genanki.Deck(stable_id("studypress deck", deck.name), deck.name,
                             deck.description)
        for m in models.values():
            gdeck.add_model(m)
        if announce:
            gdeck.write_to_db(self.cursor, 0, None)  # its notes are not in gdeck: col only
        else:
            self.untold.append(gdeck)
        written = []
        cursor = self.cursor
        for pn in deck.notes:
            model = models[pn.notetype]
            for tag in pn.tags:
                if " " in tag:  # genanki's own check: Anki splits tags at spaces
                    raise ValueError(f'Tag "{tag}" contains a space; this is not allowed!')
            note_id = self.ids.take(pn.added, pn.guid)
            self.position += 1
            # Row for row what genanki's Note.write_to_db writes, with our own ids and times.
            cursor.execute(_NOTE_ROW, (note_id, pn.guid, model.model_id, pn.mod, -1,
                                       f" {' '.join(pn.tags)} ", "\x1f".join(pn.values),
                                       pn.values[model.sort_field_index], 0, 0, ""))
            cursor.executemany(_CARD_ROW, [
                (self.card_ids.take(pn.added, f"{pn.guid}/{o}"), note_id, gdeck.deck_id, o,
                 pn.mod, -1, 0, 0, self.position, 0, 0, 0, 0, 0, 0, 0, 0, "")
                for o in self.ords(model, pn.values)])
            self.latest = max(self.latest, pn.mod)
            written.append(note_id)
        return written

    def ords(self, model: genanki.Model, values: Sequence[str]) -> tuple[int, ...]:
        """The card ords genanki gives a note of ``model`` with these field values: for a
        front/back type they depend only on which fields are empty, so they are kept."""
        if model.model_type == genanki.Model.CLOZE:
            return tuple(c.ord for c in _Fields(model, values)._cloze_cards())
        key = (model.model_id, tuple(map(bool, values)))
        found = self.front_back.get(key)
        if found is None:
            found = self.front_back[key] = tuple(
                c.ord for c in _Fields(model, values)._front_back_cards())
        return found

    def append(self, note_id: int, additions: Sequence[tuple[int, str]], sort_index: int
               ) -> None:
        """Add text to the end of fields of a written note (field index, text), in order."""
        self.append_all([(note_id, additions, sort_index)])

    def append_all(self, changes: Sequence[tuple[int, Sequence[tuple[int, str]], int]]
                   ) -> None:
        """``append`` to each of many notes (note id, additions, sort field index), one after
        another in the order given: their fields are read a few hundred notes at a time."""
        cursor = self.cursor
        for at in range(0, len(changes), _READ_AT_ONCE):
            some = changes[at:at + _READ_AT_ONCE]
            ids = [note_id for note_id, _, _ in some]
            found = dict(cursor.execute(
                f"SELECT id, flds FROM notes WHERE id IN ({','.join('?' * len(ids))})", ids))
            rows = []
            for note_id, additions, sort_index in some:
                fields = found[note_id].split("\x1f")
                for where, text in additions:
                    fields[where] += text
                rows.append(("\x1f".join(fields), fields[sort_index], note_id))
            # The same updates in the same order as one at a time: the same database bytes.
            cursor.executemany("UPDATE notes SET flds = ?, sfld = ? WHERE id = ?", rows)

    def package(self, types: Sequence[PackageType], media: Mapping[str, bytes]) -> bytes:
        """The ``.apkg`` bytes (see ``packager``)."""
        out = io.BytesIO()
        self.packager(types, media)(out)
        return out.getvalue()

    def packager(self, types: Sequence[PackageType], media: Mapping[str, bytes],
                 earlier: Callable[[], bytes | None] | None = None
                 ) -> Callable[[BinaryIO], None]:
        """What writes the ``.apkg`` into a seekable binary file, so a large one is never
        whole in memory: the col row told of the decks and note types, the database closed
        and zipped with the media files. The database moves to a folder of its own, which
        outlives the collection's and goes when the packager is let go. ``earlier``: the
        bytes of the package this one replaces (asked for when it is written), whose
        collection's pieces serve where this one's are the same (``deflate``)."""
        latest = max([t.mod for t in types] + [self.latest])
        if self.untold:
            self._tell(types, latest)
        self.close()
        folder = tempfile.mkdtemp(prefix="studypress-package-")
        database, stamp = Path(folder) / self.path.name, zip_time(latest)
        shutil.move(self.path, database)

        def write(out: BinaryIO) -> None:
            _archive(database, media, stamp, out,
                     collection_stream(earlier()) if earlier is not None else None)

        weakref.finalize(write, shutil.rmtree, folder, ignore_errors=True)
        return write

    def _tell(self, types: Sequence[PackageType], latest: int) -> None:
        (decks_json, models_json), = self.cursor.execute("SELECT decks, models FROM col")
        decks = json.loads(decks_json)
        decks.update({str(d.deck_id): d.to_json() for d in self.untold})
        models = json.loads(models_json)
        models.update({str(t.rendered.spec.id): _Model(t).to_json(latest, None) for t in types})
        self.cursor.execute("UPDATE col SET decks = ?, models = ?",
                            (json.dumps(decks), json.dumps(models)))

    def close(self) -> None:
        """Commit and close the database (once), its counted header fields zeroed."""
        if not self.open:
            return
        self.open = False
        try:
            self.conn.commit()
        finally:
            self.conn.close()
        with self.path.open("r+b") as fh:
            for offset, size in _COUNTED:
                fh.seek(offset)
                fh.write(bytes(size))


# The collection's header fields (SQLite's file format, "The Database Header") that a database
# on disk counts up and an in-memory one leaves at zero: the file change counter (offset 24),
# the version-valid-for number (92) and the library's version number (96).
_COUNTED = ((24, 4), (92, 8))


def collection_stream(package: bytes | None) -> bytes | None:
    """The raw deflate stream of a package's collection, as the zip holds it; None when there
    is none (no package, not a zip, the collection stored as it is)."""
    if not package:
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(package)) as archive:
            info = archive.getinfo(_COLLECTION)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        return None
    header = package[info.header_offset:info.header_offset + _LOCAL_HEADER]
    if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & _ENCRYPTED \
            or len(header) < _LOCAL_HEADER or header[:4] != zipfile.stringFileHeader:
        return None
    # The local header's own name and extra field lengths: they may differ from the
    # central directory's.
    start = info.header_offset + _LOCAL_HEADER + int.from_bytes(header[26:28], "little") \
        + int.from_bytes(header[28:30], "little")
    stream = package[start:start + info.compress_size]
    return stream if len(stream) == info.compress_size else None


_COLLECTION = "collection.anki2"
_LOCAL_HEADER = 30  # a zip local file header's fixed part (APPNOTE 4.3.7)
_ENCRYPTED = 0x1


def _archive(collection: Path, media: Mapping[str, bytes],
             stamp: tuple[int, int, int, int, int, int], out: BinaryIO,
             earlier: bytes | None = None) -> None:
    """The package's zip, written into ``out``: the collection (copied from its file in
    pieces; ``earlier``, the deflated collection of the package it replaces), the media
    index and the media files."""
    # Anki's package layout: a JSON "media" index maps member "0", "1"… to file names.
    # Sorted by name, so the same files always get the same members.
    files = dict(media)
    names = sorted(files)
    index = json.dumps({str(i): n for i, n in enumerate(names)}, ensure_ascii=False,
                       separators=(",", ":")).encode()
    # PNG, JPEG, GIF and WebP are compressed already; only SVG (text) gains from deflate.
    members: list[tuple[str, bytes | Path, bool]] = [
        (_COLLECTION, collection, True), ("media", index, True),
        *((str(i), files[n], n.endswith(".svg")) for i, n in enumerate(names))]
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
                if info.file_size > PIECE:  # a large project's: deflated side by side
                    copy_deflated(src, dest, earlier=earlier)
                else:
                    shutil.copyfileobj(src, dest, PIECE)


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
