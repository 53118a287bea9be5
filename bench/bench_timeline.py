"""Layout, drawing, SVG and PNG time of the timeline figure for 10, 100 and 1,000 generated
events."""

from __future__ import annotations

import random
import time

from studypress.figure import timeline_drawing, timeline_layout
from studypress.model import Day, Event, HistoricalDate, Note, Precision, Text

WORDS = ("treaty", "signed", "council", "army", "revolt", "senate", "envoy", "famine", "reform",
         "border", "trade", "war", "peace", "election", "decree", "congress", "alliance")


def generated_note(n: int, seed: int = 1) -> Note:
    """A note with ``n`` events of mixed precision, clustered, over two centuries."""
    rng = random.Random(seed)
    centres = [rng.randint(1750, 1950) for _ in range(5)]
    events = []
    for i in range(n):
        year = max(1, min(2000, rng.choice(centres) + int(rng.gauss(0, 4))))
        kind = rng.choice(("day", "month", "year", "decade"))
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        if kind == "day":
            first = last = Day(year, month, day)
            shown, prec = f"{day} {month}/{year}", Precision.DAY
        elif kind == "month":
            first, last = Day(year, month, 1), Day(year, month, 28)
            shown, prec = f"{month}/{year}", Precision.MONTH
        elif kind == "year":
            first, last = Day(year, 1, 1), Day(year, 12, 31)
            shown, prec = str(year), Precision.YEAR
        else:
            dec = year - year % 10
            first, last = Day(dec, 1, 1), Day(dec + 9, 12, 31)
            shown, prec = f"{dec}s", Precision.DECADE
        date = HistoricalDate(shown, first, last, prec, shown, shown)
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 14)))
        events.append(Event(date, (Text(words.capitalize()),), i + 1))
    return Note("bench", "Bench", "bench.md", events=tuple(events))


def main() -> None:
    from studypress.figure import Style, fontset_for
    from studypress.figure.draw import scene
    from studypress.renderers.timeline.png import font_files, svg_png
    from studypress.renderers.timeline.svg import scene_svg

    timeline_drawing(generated_note(5), 481.9)  # fonts registered outside the timings
    print(f"{'events':>7} {'layout s':>9} {'layout+draw s':>14} {'scene+svg s':>12} {'png s':>6} "
          f"{'mode':>9} {'height pt':>10}")
    for n in (10, 100, 1000):
        note = generated_note(n)
        t0 = time.perf_counter()
        lay = timeline_layout(note, 481.9)
        t1 = time.perf_counter()
        drawing = timeline_drawing(note, 481.9)
        t2 = time.perf_counter()
        style = Style()
        svg = scene_svg(scene(lay, style, fontset_for(style)), "Timeline")
        t3 = time.perf_counter()
        svg_png(svg, drawing.width, drawing.height, 150, font_files(drawing), "Source Sans Pro")
        t4 = time.perf_counter()
        mode = "numbered" if lay.numbered else "labels"
        print(f"{n:>7} {t1 - t0:>9.3f} {t2 - t1:>14.3f} {t3 - t2:>12.3f} {t4 - t3:>6.3f} "
              f"{mode:>9} {drawing.height:>10.0f}")


if __name__ == "__main__":
    main()
