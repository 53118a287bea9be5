"""Ctrl-C, SIGTERM and SIGKILL of the build leave no worker running and no temporary file
behind; the exit status says what happened."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import studypress

from ..terminal import ctrl_c_as_in_a_terminal
from .cases import case

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc (Linux)")

# Enough notes that the build is still rendering when the signal comes, even on a fast machine.
NOTES = 150
NOTE = "# Note {i}\n\n## Timeline\n\n" + "".join(
    f"- **{1900 + k}:** event {k} with some words to set\n" for k in range(40))


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _start(tmp_path: Path) -> tuple[subprocess.Popen, list[int]]:
    src = tmp_path / "source"
    src.mkdir()
    for i in range(NOTES):
        (src / f"n{i}.md").write_text(NOTE.format(i=i), encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000",
           "PYTHONPATH": str(Path(studypress.__file__).parents[1])}
    proc = subprocess.Popen([sys.executable, "-m", "studypress", "build", "source", "-o",
                             "output", "-j", "2", "-q", "--only", "guide"], cwd=tmp_path,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=ctrl_c_as_in_a_terminal)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2 and proc.poll() is None:
        time.sleep(0.05)
        workers = [c for c in _children(proc.pid) if _alive(c)]
    if len(workers) < 2:
        proc.kill()
        pytest.skip("the build ended before its workers could be seen")
    time.sleep(0.5)  # let the workers get to rendering
    return proc, workers


def _gone(workers: list[int], within: float = 30.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not any(_alive(w) for w in workers):
            return True
        time.sleep(0.1)
    return False


def _temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.tmp")] if folder.is_dir() else []


@case("signals", "SIGTERM or Ctrl-C (SIGINT) to a build while its workers render",
      "exit 143 or 130; both workers gone; no temporary file left")
@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_terminate_and_interrupt_stop_the_workers(tmp_path, sig, code):
    proc, workers = _start(tmp_path)
    proc.send_signal(sig)
    assert proc.wait(timeout=30) == code, proc.stderr.read().decode()
    assert _gone(workers)
    assert _temporaries(tmp_path / "output") == []


@case("signals", "SIGKILL of the build while its workers render",
      "both workers exit within seconds; the next build removes the temporary files left")
def test_kill_leaves_no_worker_and_the_next_build_cleans_up(tmp_path):
    proc, workers = _start(tmp_path)
    proc.kill()
    proc.wait(timeout=30)
    assert _gone(workers)
    out = tmp_path / "output" / "n0"
    out.mkdir(parents=True, exist_ok=True)
    left = out / ".guide.pdf.abcd1234.tmp"
    left.write_bytes(b"half")
    mine = tmp_path / "output" / "notes.tmp"  # not a name studypress makes
    mine.write_text("kept")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000",
           "PYTHONPATH": str(Path(studypress.__file__).parents[1])}
    done = subprocess.run([sys.executable, "-m", "studypress", "build", "source", "-o",
                           "output", "-q", "--only", "model"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert not left.exists() and mine.read_text() == "kept"
