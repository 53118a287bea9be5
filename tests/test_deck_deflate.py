"""A large zip member deflated in pieces side by side is one deflate stream: unzip reads it
back whole, and its bytes do not depend on how many threads made it."""

from __future__ import annotations

import io
import random
import zipfile
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studypress.renderers.deck import deflate


def _member(data: bytes, threads: int, earlier: bytes | None = None,
            deflate_piece=deflate.deflate_piece) -> bytes:
    """A zip of ``data`` as the deck's collection, deflated by ``copy_deflated``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        info = zipfile.ZipInfo("collection.anki2", date_time=(2023, 11, 14, 22, 13, 20))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.file_size = len(data)
        with archive.open(info, "w") as dest:
            deflate.copy_deflated(io.BytesIO(data), dest, threads, deflate_piece,
                                  earlier=earlier)
    return out.getvalue()


def _text(size: int, seed: int) -> bytes:
    rng = random.Random(seed)
    words = [b"treaty", b"senate", b"fleet", b"\x00\x00\x01", b"<span>", b"1933"]
    out = bytearray()
    while len(out) < size:
        out += rng.choice(words) + bytes([rng.randrange(256)])
    return bytes(out[:size])


def test_a_member_of_many_pieces_reads_back_whole_whatever_the_threads() -> None:
    data = _text(3 * deflate.PIECE + 12345, 1)
    one, four = _member(data, 1), _member(data, 4)
    assert one == four
    with zipfile.ZipFile(io.BytesIO(one)) as archive:
        assert archive.testzip() is None
        assert archive.read("collection.anki2") == data
        info = archive.getinfo("collection.anki2")
        assert info.compress_type == zipfile.ZIP_DEFLATED
        assert zlib.crc32(data) == info.CRC and info.compress_size < len(data) // 2


def test_the_member_is_the_pieces_deflated_one_by_one() -> None:
    data = _text(2 * deflate.PIECE + 7, 2)
    pieces = [data[i:i + deflate.PIECE] for i in range(0, len(data), deflate.PIECE)]
    stream = deflate.deflated(pieces)
    assert stream in _member(data, 2)
    # Pieces cost little: within 2 % of one stream.
    whole = zlib.compressobj(6, zlib.DEFLATED, -15)
    assert len(stream) < 1.02 * len(whole.compress(data) + whole.flush())


def test_an_empty_member_is_an_empty_stream() -> None:
    with zipfile.ZipFile(io.BytesIO(_member(b"", 2))) as archive:
        assert archive.read("collection.anki2") == b""


@settings(max_examples=40, deadline=None)
@given(st.lists(st.binary(max_size=300), max_size=6))
def test_pieces_of_any_bytes_inflate_to_their_join(pieces: list[bytes]) -> None:
    inflate = zlib.decompressobj(-15)
    assert inflate.decompress(deflate.deflated(pieces)) == b"".join(pieces)
    assert inflate.eof


def test_a_package_whose_collection_is_deflated_in_pieces_imports_into_anki(tmp_path) -> None:
    """A collection larger than a piece (a large project's combined deck) is packed in
    pieces; Anki imports every note of it, its text whole."""
    import genanki
    import pytest

    from studypress.renderers.deck import apkg

    anki_collection = pytest.importorskip("anki.collection")
    model = genanki.Model(1607392319, "Simple", fields=[{"name": "Q"}, {"name": "A"}],
                          templates=[{"name": "c", "qfmt": "{{Q}}", "afmt": "{{A}}"}])
    notes = tuple(apkg.PackageNote(f"g{i}", "Simple", (f"question {i} " + _text(700, i).hex(),
                                                       f"answer {i}"), (), 1700000000,
                                   1700000000) for i in range(1500))
    database = tmp_path / "collection.anki2"
    book = apkg.Collection(database)
    book.add(apkg.PackageDeck("Large", "", notes), {"Simple": model}, announce=True)
    book.close()
    assert database.stat().st_size > 2 * deflate.PIECE
    package = tmp_path / "large.apkg"
    with package.open("wb") as out:
        apkg._archive(database, {}, apkg.zip_time(1700000000), out)
    with zipfile.ZipFile(package) as archive:
        assert archive.read("collection.anki2") == database.read_bytes()
        size = archive.getinfo("collection.anki2").compress_size
    pieces = [database.read_bytes()[i:i + deflate.PIECE]
              for i in range(0, database.stat().st_size, deflate.PIECE)]
    assert size == len(deflate.deflated(pieces))

    (tmp_path / "anki").mkdir()
    col = anki_collection.Collection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        request = anki_collection.ImportAnkiPackageRequest(
            package_path=str(package), options=anki_collection.ImportAnkiPackageOptions())
        col.import_anki_package(request)
        assert col.note_count() == len(notes)
        (nid,) = col.find_notes('"answer 1234"')
        assert col.get_note(nid).fields[0] == notes[1234].values[0]
    finally:
        col.close()


def _stream(member: bytes) -> bytes:
    """The raw deflate stream of the one member of ``_member``'s zip."""
    from studypress.renderers.deck import apkg

    with zipfile.ZipFile(io.BytesIO(member)) as archive:
        info = archive.getinfo("collection.anki2")
    stream = apkg.collection_stream(member)
    assert stream is not None and len(stream) == info.compress_size
    return stream


def _again(data: bytes, earlier: bytes | None, threads: int = 2) -> bytes:
    return _member(data, threads, earlier)


def test_pieces_the_same_as_before_take_their_earlier_bytes() -> None:
    data = _text(4 * deflate.PIECE + 99, 3)
    earlier = _stream(_member(data, 2))
    # One piece changed: the others are not deflated again, and the member is the same bytes
    # as one made from nothing.
    changed = data[:deflate.PIECE + 10] + b"edited" + data[deflate.PIECE + 16:]
    deflated: list[bytes] = []

    def counted(piece: bytes) -> bytes:
        deflated.append(piece)
        return deflate.deflate_piece(piece)

    out = io.BytesIO(_member(changed, 2, earlier, counted))
    assert deflated == [changed[deflate.PIECE:2 * deflate.PIECE]]
    assert out.getvalue() == _member(changed, 1)
    # A member grown or shrunk by a piece is still the same bytes.
    for other in (data + _text(deflate.PIECE, 4), data[:2 * deflate.PIECE + 5]):
        assert _again(other, earlier) == _member(other, 1)


@pytest.mark.parametrize("spoil", ["cut", "garbage", "other", "empty"])
def test_earlier_bytes_that_are_not_the_pieces_are_never_taken(spoil: str) -> None:
    data = _text(3 * deflate.PIECE + 5, 5)
    stream = _stream(_member(data, 2))
    pieces = [bytes(p) for p in deflate.earlier_pieces(stream)]
    assert len(pieces) == 4 and b"".join(pieces) + b"\x03\x00" == stream
    earlier = {
        # The first piece cut short of its last block, its flush left: it still inflates to
        # most of the piece, but is not whole.
        "cut": pieces[0][:-9] + pieces[0][-4:] + b"".join(pieces[1:]) + b"\x03\x00",
        "garbage": bytes(len(stream)),
        "other": _stream(_member(_text(3 * deflate.PIECE + 5, 6), 2)),
        "empty": b"",
    }[spoil]
    assert _again(data, earlier) == _member(data, 1)
    with zipfile.ZipFile(io.BytesIO(_again(data, earlier))) as archive:
        assert archive.read("collection.anki2") == data


def test_a_package_gives_its_collection_stream_only_when_deflated() -> None:
    from studypress.renderers.deck import apkg

    assert apkg.collection_stream(None) is None
    assert apkg.collection_stream(b"not a zip") is None
    stored = io.BytesIO()
    with zipfile.ZipFile(stored, "w") as archive:
        archive.writestr("collection.anki2", b"x" * 100)
    assert apkg.collection_stream(stored.getvalue()) is None
    inflate = zlib.decompressobj(-15)
    data = _text(2 * deflate.PIECE, 7)
    assert inflate.decompress(_stream(_member(data, 2))) == data
