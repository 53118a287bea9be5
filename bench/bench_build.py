"""Whole builds of the example notes: a cold build, a no-op build, and one edited note,
beside the cost of starting Python alone (the floor any command pays)."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str], cwd: Path, runs: int = 3) -> float:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, env=env, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        shutil.copytree(ROOT / "source", project / "source")
        notes = len(list((project / "source").glob("*.md")))
        build = [sys.executable, "-m", "studypress", "build", "source", "-o", "output", "-q"]
        python = timed([sys.executable, "-c", "pass"], project, runs=5)
        cold = timed([*build, "--force"], project)
        noop = timed(build, project, runs=5)
        note = next((project / "source").glob("roman*.md"))
        note.write_text(note.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        one = timed([*build], project, runs=1)
        print(f"python start (floor)          {python * 1000:8.0f} ms")
        print(f"cold build, {notes} notes        {cold * 1000:8.0f} ms")
        print(f"no-op build                   {noop * 1000:8.0f} ms")
        print(f"one note edited               {one * 1000:8.0f} ms")


if __name__ == "__main__":
    main()
