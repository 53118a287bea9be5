"""``studypress watch``: how long after a save an edited note's outputs are on disk.

A watch runs over a copy of the seed note. Each round saves the note as an editor does (the new
text written beside it, then renamed over it) with one more timeline event, and waits until the
build record (``.studypress-cache.json``, written after every output of the build) says the
note was built from the new text. The figure is the time from the rename to that record, the
median over the rounds; the floor beside it is watchfiles' own delay (the same save noticed by
``watchfiles.watch`` with the watch's settings, nothing built).

    python bench/bench_watch.py [--rounds 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "source" / "russian-history-ii-us-recognition-of-soviet-union-timeline.md"
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
ENV.pop("PYTHONDONTWRITEBYTECODE", None)


def save(note: Path, text: str) -> float:
    """Write ``text`` as an editor saves: beside the note, then renamed over it."""
    tmp = note.with_name(f".{note.name}.swp~")
    tmp.write_text(text, encoding="utf-8")
    at = time.perf_counter()
    os.replace(tmp, note)
    return at


def wait_for(check, timeout: float = 60.0, step: float = 0.002) -> float:
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        if check():
            return time.perf_counter()
        time.sleep(step)
    raise SystemExit("the watch did not build in time")


def stamp(record: Path) -> int:
    try:
        return record.stat().st_mtime_ns
    except OSError:
        return 0


def watch_rounds(rounds: int) -> list[float]:
    """Seconds from each save to the build record written after it."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        (project / "source").mkdir()
        note = project / "source" / SEED.name
        shutil.copy(SEED, note)
        record = project / "output" / ".studypress-cache.json"
        proc = subprocess.Popen([sys.executable, "-m", "studypress", "watch", "source", "-o",
                                 "output", "-q"], cwd=project, env=ENV,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(lambda: record.exists(), timeout=120)
            time.sleep(1.0)  # the watcher is listening once the first build is recorded
            samples = []
            text = note.read_text(encoding="utf-8")
            for i in range(rounds):
                text += f"\n- 19{40 + i} – Edit number {i} of the benchmark.\n"
                before = stamp(record)
                at = save(note, text)
                done = wait_for(lambda b=before: stamp(record) != b)
                samples.append(done - at)
                time.sleep(0.5)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    return samples


def floor_rounds(rounds: int) -> list[float]:
    """watchfiles' own delay for the same saves, with the watch's debounce settings."""
    import watchfiles

    from studypress.watch import DEBOUNCE_MS, STEP_MS

    with tempfile.TemporaryDirectory() as tmp:
        note = Path(tmp) / "note.md"
        note.write_text("x", encoding="utf-8")
        stop = threading.Event()
        seen: list[float] = []

        def listen() -> None:
            for _ in watchfiles.watch(tmp, debounce=DEBOUNCE_MS, step=STEP_MS,
                                      stop_event=stop):
                seen.append(time.perf_counter())

        thread = threading.Thread(target=listen, daemon=True)
        thread.start()
        time.sleep(1.0)
        samples = []
        for i in range(rounds):
            count = len(seen)
            at = save(note, f"x{i}")
            done = wait_for(lambda c=count: len(seen) > c)
            samples.append(done - at)
            time.sleep(0.3)
        stop.set()
        thread.join(timeout=5)
    return samples


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    ours = statistics.median(watch_rounds(args.rounds))
    floor = statistics.median(floor_rounds(args.rounds))
    print(f"watch: seed note saved → outputs on disk  {ours * 1000:7.0f} ms (median of "
          f"{args.rounds}; target 300 ms)")
    print(f"watchfiles alone: save noticed           {floor * 1000:7.0f} ms (the floor)")


if __name__ == "__main__":
    main()
