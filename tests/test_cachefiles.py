"""The files of the user's cache folder: read only when whole and the user's own, in a folder
no one else may write; what is there instead (a pipe, a folder, a link) is refused at once,
and a folder whose files would not be read is not written either."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from studypress import cachefiles

MAGIC = b"studypress-test 1\n"
OWNERS = pytest.mark.skipif(not hasattr(os, "getuid"), reason="no file owners here")


def _written(folder: Path, payload: bytes = b"payload") -> Path:
    path = folder / "test-00000000.bin"
    assert cachefiles.write(path, "test", b"studypress-test ",
                            lambda: cachefiles.framed(MAGIC, payload))
    return path


def test_a_file_written_is_read_back(tmp_path):
    path = _written(tmp_path / "cache")
    assert cachefiles.read(path, MAGIC) == b"payload"
    assert cachefiles.read(path, b"studypress-other 1\n") is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_in_the_file_s_place_is_refused_at_once(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    path = folder / "test-00000000.bin"
    os.mkfifo(path, 0o600)
    got: list[object] = []
    reader = threading.Thread(target=lambda: got.append(cachefiles.read(path, MAGIC)),
                              daemon=True)
    reader.start()
    reader.join(10)
    assert got == [None]  # not left waiting for a writer


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="no /proc here")
def test_a_folder_in_the_file_s_place_is_refused_and_nothing_is_left_open(tmp_path):
    path = tmp_path / "cache" / "test-00000000.bin"
    path.mkdir(parents=True, mode=0o700)
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(20):
        assert cachefiles.read(path, MAGIC) is None
    assert len(os.listdir("/proc/self/fd")) == before


@OWNERS
def test_a_folder_others_may_write_is_neither_read_nor_written(tmp_path):
    folder = tmp_path / "cache"
    path = _written(folder)
    folder.chmod(0o775)  # as ``mkdir`` makes one under the umask 002 of many systems
    assert cachefiles.read(path, MAGIC) is None
    before = path.stat().st_mtime_ns
    assert not cachefiles.write(path, "test", b"studypress-test ",
                                lambda: cachefiles.framed(MAGIC, b"other"))
    assert path.stat().st_mtime_ns == before and not list(folder.glob(".test-*.tmp"))
    folder.chmod(0o700)
    assert cachefiles.read(path, MAGIC) == b"payload"


@OWNERS
def test_the_folder_the_cache_makes_is_the_user_s_own_whatever_the_umask(tmp_path):
    for umask in (0o022, 0o002, 0o077, 0o000):
        old = os.umask(umask)
        try:
            path = _written(tmp_path / f"cache-{umask:o}" / "studypress")
        finally:
            os.umask(old)
        assert cachefiles.read(path, MAGIC) == b"payload"
