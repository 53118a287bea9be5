"""The memo keeps the digest of a project file the build reads back (the lock): a file that
stat says is as it was, and that had been left alone for a while when it was hashed, is not
read again; any change is seen."""

from __future__ import annotations

import hashlib
import os

from studypress.build import memo as memos
from studypress.build import read
from studypress.build.memo import MEMO_NAME, Memo, with_digest


def _counted(monkeypatch) -> list[str]:
    hashed: list[str] = []
    real = read.file_digest

    def counted(path):
        hashed.append(str(path))
        return real(path)

    monkeypatch.setattr(read, "file_digest", counted)
    return hashed


def _age(path, seconds: int) -> None:
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 1_000_000_000))


def _next_build(tmp_path, memo: Memo) -> Memo:
    memo.save()
    return Memo.load(tmp_path)


def test_a_settled_file_is_hashed_once(tmp_path, monkeypatch):
    hashed = _counted(monkeypatch)
    lock = tmp_path / "studypress.lock"
    lock.write_bytes(b"entries")
    memo = Memo(tmp_path / MEMO_NAME)
    # Just written: its ctime is now, so it is hashed again next time.
    assert memo.file_digest(lock) == hashlib.sha256(b"entries").hexdigest()
    memo = _next_build(tmp_path, memo)
    assert memo.file_digest(lock) == hashlib.sha256(b"entries").hexdigest()
    assert len(hashed) == 2
    # Taken long after the file's last change: kept.
    key = str(lock)
    mark, sha, taken = memo.used_digests[key]
    memo.used_digests[key] = (mark, sha, taken + 2 * memos._SETTLED)
    memo = _next_build(tmp_path, memo)
    assert memo.file_digest(lock) == hashlib.sha256(b"entries").hexdigest()
    assert len(hashed) == 2
    # Changed since, even to the same size and time: hashed again (its ctime moved on).
    st = os.stat(lock)
    lock.write_bytes(b"ENTRIES")
    os.utime(lock, ns=(st.st_atime_ns, st.st_mtime_ns))
    memo = _next_build(tmp_path, memo)
    assert memo.file_digest(lock) == hashlib.sha256(b"ENTRIES").hexdigest()
    assert len(hashed) == 3


def test_a_missing_file_has_no_digest(tmp_path):
    memo = Memo(tmp_path / MEMO_NAME)
    assert memo.file_digest(tmp_path / "studypress.lock") is None
    assert memo.used_digests == {}


def test_a_memo_that_only_took_a_digest_is_written(tmp_path):
    lock = tmp_path / "studypress.lock"
    lock.write_bytes(b"entries")
    _age(lock, 10)
    memo = Memo(tmp_path / MEMO_NAME)
    memo.file_digest(lock)
    memo.save()
    assert set(Memo.load(tmp_path).kept_digests) == {str(lock)}
    # Nothing new: not written again.
    again = Memo.load(tmp_path)
    before = (tmp_path / MEMO_NAME).stat().st_mtime_ns
    again.save()
    assert (tmp_path / MEMO_NAME).stat().st_mtime_ns == before


def _note_memo(tmp_path, names: list[str], text: str = "") -> Memo:
    """A memo that has read the notes ``names`` (each a file in ``tmp_path``)."""
    from studypress.build.records import SourceFile
    from studypress.reader import read_text

    memo = Memo.load(tmp_path)
    for name in names:
        path = tmp_path / name
        if not path.exists():
            path.write_text(f"# {name}\n\n- **1950:** War.{text}\n", encoding="utf-8")
        data = path.read_bytes()
        memo.note(SourceFile(path, name, tmp_path), hashlib.sha256(data).hexdigest(),
                  lambda _: False, lambda ask, d=data, n=name, s=path.stem: read_text(
                      d.decode(), n, s))
    return memo


def test_one_changed_note_is_added_to_the_end_of_the_memo(tmp_path):
    names = [f"n{i}.md" for i in range(40)]
    memo = _note_memo(tmp_path, names)
    memo.kept_made[("deck", "n1")] = with_digest("key", b"part")
    memo.used_made[("deck", "n1")] = with_digest("key", b"part")
    memo.save()
    size = (tmp_path / MEMO_NAME).stat().st_size
    (tmp_path / "n3.md").write_text("# n3\n\n- **1951:** Peace.\n", encoding="utf-8")
    (tmp_path / "n4.md").unlink()
    memo = _note_memo(tmp_path, [n for n in names if n != "n4.md"])
    memo.save()
    grown = (tmp_path / MEMO_NAME).stat().st_size
    assert size < grown < size + size // 10  # only the change was added
    kept = Memo.load(tmp_path)
    assert kept.appendable is not None
    assert set(kept.kept) == {str(tmp_path / n) for n in names if n != "n4.md"}
    assert kept.kept[str(tmp_path / "n3.md")].digest == hashlib.sha256(
        (tmp_path / "n3.md").read_bytes()).hexdigest()
    assert kept.kept_made == {("deck", "n1"): ("key", b"part",
                                               hashlib.sha256(b"part").digest())}


def test_a_change_cut_short_leaves_what_was_there_before(tmp_path):
    names = [f"n{i}.md" for i in range(40)]
    _note_memo(tmp_path, names).save()
    before = Memo.load(tmp_path).kept
    (tmp_path / "n3.md").write_text("# n3\n\n- **1951:** Peace.\n", encoding="utf-8")
    _note_memo(tmp_path, names).save()
    path = tmp_path / MEMO_NAME
    path.write_bytes(path.read_bytes()[:-20])  # a build stopped while it added its change
    kept = Memo.load(tmp_path)
    assert kept.kept.keys() == before.keys()
    assert kept.kept[str(tmp_path / "n3.md")].digest == before[str(tmp_path / "n3.md")].digest
    assert kept.appendable is None  # written anew, whole, by the next build
    kept = _note_memo(tmp_path, names)
    kept.save()
    assert Memo.load(tmp_path).appendable is not None


def test_changes_that_add_up_write_the_memo_anew(tmp_path):
    names = [f"n{i}.md" for i in range(8)]
    _note_memo(tmp_path, names).save()
    for round_ in range(6):
        (tmp_path / "n0.md").write_text(f"# n0\n\n- **1951:** Peace {round_}.\n" * 30,
                                        encoding="utf-8")
        _note_memo(tmp_path, names).save()
    size = (tmp_path / MEMO_NAME).stat().st_size
    memo = Memo.load(tmp_path)
    assert memo.appendable is not None
    base, _ = memo.appendable
    assert size - base <= base // memos._GROWTH
