"""An output written by a function as the build writes it (a large project's combined deck
and lock): the same bytes on the disk, an unchanged file left as it was, a failure
reported and the old file kept."""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from pathlib import Path

import pytest

from studypress.build.write import Writer, write_from
from studypress.diagnostics import Severity
from studypress.renderers.base import Output

from .projects import project_of

BIG = bytes(range(256)) * 9000  # over two of the pieces the file is read back in


_WHEN = (2024, 1, 1, 0, 0, 0)


def _zipped(out) -> None:
    # zipfile goes back to fill in each member's header: the file is not written in order.
    with zipfile.ZipFile(out, "w") as archive:
        # Fixed times: a member named by a string takes the clock's, and two makings a
        # moment apart could fall on either side of zip's two-second step.
        archive.writestr(zipfile.ZipInfo("a.bin", _WHEN), BIG, compress_type=zipfile.ZIP_DEFLATED)
        with archive.open(zipfile.ZipInfo("b.bin", _WHEN), "w") as member:
            member.write(BIG[::-1])


def _in_pieces(out) -> None:
    for at in range(0, len(BIG), 1000):
        out.write(BIG[at:at + 1000])


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("make", [_zipped, _in_pieces])
def test_an_output_written_by_a_function_holds_its_bytes(tmp_path, make) -> None:
    output = Output("deep/f.bin", make)
    writer = Writer()
    sha = writer.put_output(tmp_path, output, "src")
    path = tmp_path / "deep" / "f.bin"
    assert path.read_bytes() == output.data
    assert sha == hashlib.sha256(output.data).hexdigest()
    assert writer.written == [path] and writer.diagnostics == []
    assert _files(path.parent) == ["f.bin"]
    if make is _zipped:
        with zipfile.ZipFile(path) as archive:
            assert archive.read("b.bin") == BIG[::-1]


def test_the_digest_of_an_output_is_the_same_either_way(tmp_path) -> None:
    writer = Writer()
    streamed = writer.put_output(tmp_path / "a", Output("f.bin", _in_pieces), "src")
    held = writer.put_output(tmp_path / "b", Output("f.bin", BIG), "src")
    assert streamed == held == hashlib.sha256(BIG).hexdigest()


@pytest.mark.parametrize("before", [BIG, BIG[:-1] + b"x", BIG + b"x", b""])
def test_a_file_that_holds_the_bytes_keeps_its_time(tmp_path, before) -> None:
    path = tmp_path / "f.bin"
    path.write_bytes(before)
    os.utime(path, (1_000_000_000, 1_000_000_000))
    written, sha = write_from(path, _in_pieces)
    assert written is (before != BIG)
    assert path.read_bytes() == BIG and sha == hashlib.sha256(BIG).hexdigest()
    assert (path.stat().st_mtime == 1_000_000_000) is (before == BIG)
    assert _files(tmp_path) == ["f.bin"]
    assert write_from(path, _in_pieces)[0] is False


def _half_then(error: Exception):
    def make(out) -> None:
        out.write(BIG[:5000])
        raise error

    return make


@pytest.mark.parametrize("error", [OSError(28, "No space left on device"),
                                   ValueError("a bad row")])
def test_a_failing_writer_leaves_the_old_file_and_says_so(tmp_path, error) -> None:
    path = tmp_path / "out" / "study-notes.apkg"
    path.parent.mkdir()
    path.write_bytes(b"the last build's deck")
    writer = Writer()
    assert writer.put_output(tmp_path / "out", Output("study-notes.apkg", _half_then(error)),
                             "vault") is None
    assert path.read_bytes() == b"the last build's deck"
    assert _files(path.parent) == ["study-notes.apkg"]
    assert writer.written == []
    [diag] = writer.diagnostics
    assert diag.severity is Severity.ERROR and diag.file == "vault"
    assert str(path) in diag.message and str(error.args[-1]) in diag.message


def test_a_failing_writer_leaves_no_file_where_there_was_none(tmp_path) -> None:
    writer = Writer()
    assert writer.put_output(tmp_path, Output("new.bin", _half_then(ValueError("no"))),
                             "src") is None
    assert _files(tmp_path) == [] and len(writer.diagnostics) == 1


def test_a_written_output_is_refused_outside_its_folder(tmp_path) -> None:
    writer = Writer()
    made: list[object] = []
    assert writer.put_output(tmp_path / "out", Output("../x.bin", made.append), "src") is None
    assert made == [] and not (tmp_path / "x.bin").exists()
    assert "leads out of" in writer.diagnostics[0].message


def test_an_outputs_bytes_are_there_to_read_either_way() -> None:
    assert Output("f", BIG).data == Output("f", _in_pieces).data == BIG
    buffer = io.BytesIO()
    Output("f", _zipped).content(buffer)
    assert Output("f", _zipped).data == buffer.getvalue()


def test_the_combined_deck_and_lock_are_written_as_made_and_kept_when_unchanged(
        tmp_path, monkeypatch) -> None:
    from studypress.build import BuildConfig, build
    from studypress.build.cache import load

    project_of(tmp_path, monkeypatch, {
        f"n{i}.md": f"# Note {i}\n\n## Timeline\n\n- **191{i}:** Event {i}.\n" for i in range(3)})

    def run(**kw) -> None:
        report = build(BuildConfig(paths=[tmp_path / "source"], output=tmp_path / "output",
                                   renderers=["deck"], project_dir=tmp_path, **kw))
        assert not [d for d in report.diagnostics if d.severity is Severity.ERROR]

    run()
    deck, lock = tmp_path / "output" / "study-notes.apkg", tmp_path / "studypress.lock"
    with zipfile.ZipFile(deck) as archive:
        assert "collection.anki2" in archive.namelist()
    assert b"n1/event/1911" in lock.read_bytes()
    hashes = load(tmp_path / "output").project.hashes
    assert hashes["study-notes.apkg"] == hashlib.sha256(deck.read_bytes()).hexdigest()
    before = {p: p.read_bytes() for p in (deck, lock)}
    for p in before:
        os.utime(p, (1_000_000_000, 1_000_000_000))
    run(force=True)  # made again, to the same bytes
    for p, data in before.items():
        assert p.read_bytes() == data and p.stat().st_mtime == 1_000_000_000
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_a_packager_outlives_its_collection_and_its_file_goes_with_it(tmp_path,
                                                                      monkeypatch) -> None:
    import tempfile

    from studypress.renderers.deck import apkg

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with apkg.collection() as book:
        book.add(apkg.PackageDeck("Deck", "", ()), {})
        write = book.packager([], {"a.svg": b"<svg/>"})
    out = io.BytesIO()
    write(out)
    with zipfile.ZipFile(out) as archive:
        assert archive.read("collection.anki2").startswith(b"SQLite format 3\0")
        assert archive.read("0") == b"<svg/>"
    assert Output("d.apkg", write).data == out.getvalue()  # and again, the same
    assert len(list(tmp_path.iterdir())) == 1
    del write
    assert list(tmp_path.iterdir()) == []
