"""How long the Anki deck takes to render: the seed note, a 500-event timeline, and the
combined deck of the corpus; and how long real Anki takes to import the seed's deck."""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from studypress.layouts import Layouts
from studypress.model import Day, Event, HistoricalDate, Precision, text
from studypress.reader import read_note
from studypress.renderers import base
from studypress.renderers.deck import RENDERER

ROOT = Path(__file__).resolve().parents[1]
NOTES = ROOT / "tests" / "notes"
SEED = NOTES / "russian-history-ii-us-recognition-of-soviet-union-timeline.md"


def event(i: int) -> Event:
    day = Day(1500 + i // 12, i % 12 + 1, 1)
    date = HistoricalDate(day.iso(), day, Day(day.year, day.month, 28), Precision.MONTH,
                          day.iso()[:7], day.iso()[:7])
    return Event(date, text(f"Event number {i}, with a sentence of ordinary length."), i + 1)


def median_time(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    ctx = base.RenderContext(base.RenderOptions(), Layouts(None), 1_700_000_000)
    seed = read_note(SEED, SEED.name)
    start = time.perf_counter()
    result = RENDERER.render(seed, ctx)
    print(f"seed deck, first render (imports, templates): {time.perf_counter() - start:.3f} s")
    size = len(result.files[0].data)
    t = median_time(lambda: RENDERER.render(seed, ctx), 10)
    print(f"seed deck: {len(seed.events)} events, {len(seed.people)} people: "
          f"{t * 1000:.1f} ms, {size / 1024:.1f} KiB")

    big = replace(seed, events=tuple(event(i) for i in range(500)))
    t = median_time(lambda: RENDERER.render(big, ctx), 3)
    size = len(RENDERER.render(big, ctx).files[0].data)
    print(f"500-event timeline: {t * 1000:.1f} ms, {size / 1024:.1f} KiB")

    corpus = [read_note(p, p.name) for p in sorted(NOTES.glob("*.md"))]
    t = median_time(lambda: RENDERER.render_project(corpus, ctx), 3)
    print(f"combined deck of {len(corpus)} notes: {t * 1000:.1f} ms")

    try:
        from anki.collection import (
            Collection,
            ImportAnkiPackageOptions,
            ImportAnkiPackageRequest,
        )
    except ImportError:
        print("anki not installed: import time not measured")
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "deck.apkg"
        path.write_bytes(result.files[0].data)
        start = time.perf_counter()
        col = Collection(str(Path(tmp) / "c.anki2"))
        opened = time.perf_counter() - start
        start = time.perf_counter()
        col.import_anki_package(ImportAnkiPackageRequest(
            package_path=str(path), options=ImportAnkiPackageOptions()))
        imported = time.perf_counter() - start
        col.close()
    print(f"anki: open a new collection {opened * 1000:.0f} ms, import the seed deck "
          f"{imported * 1000:.0f} ms")


if __name__ == "__main__":
    main()
