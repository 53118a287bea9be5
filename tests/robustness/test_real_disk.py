"""Write failures the kernel itself makes, not simulated ones: a file-size limit (what a full
disk does to a write: it stops part-way) and an output folder the build may not write, also
when the tests run as root (the build then runs as an unprivileged user)."""

from __future__ import annotations

import ctypes
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

import studypress

from .cases import case

NOTE = "# Note {i}\n\n## Timeline\n\n" + "".join(
    f"- **{1900 + k}:** event {k} of note {{i}}\n" for k in range(30))
SRC = str(Path(studypress.__file__).parents[1])


def _project(root: Path) -> Path:
    (root / "source").mkdir()
    for i in range(3):
        (root / "source" / f"n{i}.md").write_text(NOTE.format(i=i), encoding="utf-8")
    return root


def _build(root: Path, preexec=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONPATH": SRC,
           "STUDYPRESS_SYSTEM_FONTS": "0"}
    return subprocess.run([sys.executable, "-m", "studypress", "build", "source", "-o",
                           "output", "-j", "1", "--only", "guide", "--only", "model"],
                          cwd=root, env=env, capture_output=True, text=True, timeout=120,
                          preexec_fn=preexec)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _limit_file_size() -> None:
    # 20 KB: the model files fit, no guide PDF does; Python ignores SIGXFSZ, so the write
    # fails with EFBIG part-way through, as a full disk's does with ENOSPC.
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


@case("disk", "the disk fills while outputs are written (a real kernel limit on file size)",
      "exit 1 with an error naming the file; earlier outputs whole; no temporary file; "
      "the next build writes what failed")
def test_a_write_cut_short_by_the_kernel_keeps_earlier_outputs(tmp_path):
    root = _project(tmp_path)
    assert _build(root).returncode == 0
    before = _files(root / "output")
    for i in range(3):
        note = root / "source" / f"n{i}.md"
        note.write_text(note.read_text(encoding="utf-8") + "- **1999:** one more\n",
                        encoding="utf-8")
    cut = _build(root, _limit_file_size)
    assert cut.returncode == 1, cut.stdout + cut.stderr
    said = cut.stdout + cut.stderr
    assert "Traceback" not in said and "guide.pdf" in said and "too large" in said.lower()
    after = _files(root / "output")
    assert [p for p in after if p.endswith(".tmp")] == []
    for name, data in before.items():  # each PDF is the old one or none was touched
        if name.endswith(".pdf"):
            assert after[name] == data, name
    again = _build(root)
    assert again.returncode == 0, again.stdout + again.stderr
    assert all(_files(root / "output")[n] != before[n] for n in before
               if n.endswith("guide.pdf"))


def _root_without_override() -> None:
    """Root as the kernel treats any user: no power to write past permission bits."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, gone from the next exec
        if libc.prctl(24, cap) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "cannot drop a capability")


@case("output", "an output folder the build may not write (also when run as root)",
      "exit 1; the closing line does not claim notes were built; no traceback")
def test_an_unwritable_output_folder_is_exit_1_even_for_root(tmp_path):
    root = _project(tmp_path)
    (root / "output").mkdir()
    (root / "output").chmod(0o555)
    try:
        result = _build(root, _root_without_override if os.geteuid() == 0 else None)
        said = result.stdout + result.stderr
        assert result.returncode == 1, said
        assert "Traceback" not in said and "cannot write" in said
        assert "built 3" not in said
        assert list((root / "output").iterdir()) == []
    finally:
        (root / "output").chmod(0o755)


@pytest.fixture(autouse=True)
def _linux_only():
    if not hasattr(resource, "RLIMIT_FSIZE") or not Path("/proc").is_dir():
        pytest.skip("needs Linux resource limits")
