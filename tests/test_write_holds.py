"""A file that already holds the bytes is left alone; the comparison reads it in pieces."""

from __future__ import annotations

import pytest

from studypress.build.write import write_atomic

BIG = bytes(range(256)) * 9000  # over two of the pieces the comparison reads


@pytest.mark.parametrize("before", [BIG, BIG[:-1], BIG[:-1] + b"x", BIG + b"x", b""])
def test_a_file_is_written_only_when_its_bytes_differ(tmp_path, before) -> None:
    path = tmp_path / "out.bin"
    path.write_bytes(before)
    assert write_atomic(path, BIG) is (before != BIG)
    assert path.read_bytes() == BIG
    assert write_atomic(path, BIG) is False
    assert write_atomic(tmp_path / "new.bin", b"") is True
