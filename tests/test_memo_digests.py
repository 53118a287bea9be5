"""The memo keeps the digest of a project file the build reads back (the lock): a file that
stat says is as it was, and that had been left alone for a while when it was hashed, is not
read again; any change is seen."""

from __future__ import annotations

import hashlib
import os

from studypress.build import memo as memos
from studypress.build import read
from studypress.build.memo import MEMO_NAME, Memo


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
