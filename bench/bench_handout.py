"""How long the cast handout takes to render: the seed note, and casts of 30 and 120 people."""

from __future__ import annotations

import statistics
import time
from dataclasses import replace
from pathlib import Path

from studypress.layouts import Layouts
from studypress.model import Person, text
from studypress.reader import read_note
from studypress.renderers import base
from studypress.renderers.handout import RENDERER

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "notes" / "russian-history-ii-us-recognition-of-soviet-union-timeline.md"


def person(i: int) -> Person:
    words = " ".join(f"word{k}" for k in range(45))
    return Person(f"Person Number {i}", i + 1, role=f"Role of person {i}",
                  description=text(f"{words}. A second sentence about person {i}."))


def timed(note, ctx, repeat: int) -> tuple[float, int, int]:
    times, size, pages = [], 0, 0
    for _ in range(repeat):
        start = time.perf_counter()
        result = RENDERER.render(note, ctx)
        times.append(time.perf_counter() - start)
        data = result.files[0].data
        size, pages = len(data), data.count(b"/Type /Page\n")
    return statistics.median(times), size, pages


def main() -> None:
    seed = read_note(SEED, "seed.md")
    ctx = base.RenderContext(base.RenderOptions(), Layouts(ROOT / "no-project-layouts"), 0)
    start = time.perf_counter()
    RENDERER.render(seed, ctx)
    print(f"first render (font registration included): {time.perf_counter() - start:.3f} s")
    for label, note, repeat in (
        ("seed, 8 people", seed, 10),
        ("30 people", replace(seed, people=tuple(person(i) for i in range(30))), 5),
        ("120 people", replace(seed, people=tuple(person(i) for i in range(120))), 2),
    ):
        seconds, size, pages = timed(note, ctx, repeat)
        print(f"{label:>16}: {seconds * 1000:7.1f} ms median, {pages} pages, {size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
