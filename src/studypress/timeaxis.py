"""The time axis every renderer draws on: day numbers to positions and back, ticks, year
labels and axis compression.

Days are ``Day.ordinal()`` numbers (continuous across BCE/CE, no year 0). A date covering days
``a..b`` occupies ``[a, b + 1)`` on the axis, so a single day has a width and its point sits in
its middle. A compressed axis keeps clusters of events at one common scale and squeezes the empty
stretches between them into fixed-width breaks.

Pure: positions are plain numbers in whatever unit the caller draws in (points on a figure,
pixels in a card's SVG, a fraction of a bar); nothing here knows a drawing library.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .dates import display, year_label
from .model import Day, HistoricalDate

YEAR = 365.2425
MONTH = YEAR / 12
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# ----------------------------------------------------------------------------- calendar


def civil(ordinal: int) -> tuple[int, int, int]:
    """(historical year, month, day) of a day number; the inverse of ``Day.ordinal``."""
    z = ordinal - 719163 + 719468  # days since 0000-03-01 (astronomical)
    era = z // 146097  # floor division: no C-style truncation fix-up needed
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    astro = y + (1 if m <= 2 else 0)
    return (astro if astro > 0 else astro - 1, m, d)


@functools.lru_cache(maxsize=65536)  # every plan's ticks ask for the same days again
def day_number(year: int, month: int = 1, day: int = 1) -> int:
    """Day number of a historical date (year -44 is 44 BCE)."""
    return Day(year, month, day).ordinal()


def days(date: HistoricalDate) -> tuple[int, int]:
    """The days a date can mean as ``[first, last + 1)``."""
    return date.earliest.ordinal(), date.latest.ordinal() + 1


def days_range(dates: Iterable[HistoricalDate]) -> tuple[int, int]:
    """``[first, last + 1)`` over all ``dates`` (at least one)."""
    spans = [days(d) for d in dates]
    return min(a for a, _ in spans), max(b for _, b in spans)


def widened(lo: float, hi: float, min_days: float) -> tuple[float, float]:
    """``[lo, hi)`` grown about its middle to at least ``min_days``: a lone date still gets a
    readable stretch of calendar around it."""
    if hi - lo < min_days:
        mid = (lo + hi) / 2
        lo, hi = mid - min_days / 2, mid + min_days / 2
    return lo, hi


def year_after(year: int, by: int) -> int:
    """The year ``by`` years on, skipping the year 0 that historical numbering lacks."""
    out = year + by
    if year > 0 >= out:
        out -= 1
    elif year < 0 <= out:
        out += 1
    return out


def end_labels(first_year: int, last_year: int, language: str = "en") -> tuple[str, str]:
    """The labels of an axis's two ends: ``1917``/``1945``; ``535 BCE``/``14 CE`` (an axis
    that starts BCE says CE at its end); in ``language``'s own words."""
    return (year_label(first_year, language=language),
            year_label(last_year, era=first_year < 0, language=language))


# ------------------------------------------------------------------------------- the map


@dataclass(frozen=True)
class Segment:
    """A stretch of days ``[d0, d1]`` drawn over ``[x0, x1]``."""

    d0: float
    d1: float
    x0: float
    x1: float

    @property
    def scale(self) -> float:
        return (self.x1 - self.x0) / (self.d1 - self.d0)


@dataclass(frozen=True)
class Axis:
    """Kept segments in order; the space between two segments is a break."""

    segments: tuple[Segment, ...]
    dated: bool = True  # False: no dates at all, positions show order only

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1].x1

    @property
    def d0(self) -> float:
        return self.segments[0].d0

    @property
    def d1(self) -> float:
        return self.segments[-1].d1

    @property
    def breaks(self) -> list[tuple[float, float]]:
        """The x extent of each break."""
        return [(a.x1, b.x0) for a, b in itertools.pairwise(self.segments)]

    @functools.cached_property
    def _maps(self) -> tuple[list[float], list[float]]:
        """Each segment's first day and scale: ``x`` is asked for every mark of every plan."""
        return [s.d0 for s in self.segments], [s.scale for s in self.segments]

    def x(self, day: float) -> float:
        """x of a day number; continuous and increasing, clamped to the axis ends."""
        segs = self.segments
        if day <= segs[0].d0:
            return segs[0].x0
        if day >= segs[-1].d1:
            return segs[-1].x1
        starts, scales = self._maps
        i = bisect.bisect_right(starts, day) - 1 if len(segs) > 1 else 0
        s = segs[i]
        if day <= s.d1:
            return s.x0 + (day - s.d0) * scales[i]
        nxt = segs[i + 1]  # inside a break: spread the gap's days over the break's width
        return s.x1 + (day - s.d1) / (nxt.d0 - s.d1) * (nxt.x0 - s.x1)

    def day(self, x: float) -> float:
        """The day number at ``x``, the inverse of ``x()`` (clamped to the axis ends)."""
        segs = self.segments
        if x <= segs[0].x0:
            return segs[0].d0
        if x >= segs[-1].x1:
            return segs[-1].d1
        i = bisect.bisect_right([s.x0 for s in segs], x) - 1
        s = segs[i]
        if x <= s.x1:
            return s.d0 + (x - s.x0) / s.scale
        nxt = segs[i + 1]
        return s.d1 + (x - s.x1) / (nxt.x0 - s.x1) * (nxt.d0 - s.d1)

    def in_break(self, x: float) -> tuple[float, float] | None:
        """The break containing ``x`` (exclusive of its ends), if any."""
        for a, b in self.breaks:
            if a < x < b:
                return (a, b)
        return None


def _merge(spans: list[tuple[float, float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return out


def _range(spans: list[tuple[float, float]], min_days: float) -> tuple[float, float]:
    return widened(min(a for a, _ in spans), max(b for _, b in spans), min_days)


def linear_axis(lo: float, hi: float, x0: float, x1: float) -> Axis:
    """Days ``[lo, hi)`` drawn evenly over ``[x0, x1]``, no padding."""
    return Axis((Segment(lo, hi, x0, x1),))


def plain_axis(spans: list[tuple[float, float]], x0: float, x1: float, *, pad: float,
               min_days: float = 28.0) -> Axis:
    """One proportional axis over ``[x0, x1]`` covering every ``[start, end)`` span, with
    ``pad`` points of empty axis at each end so no mark sits on the edge."""
    if not spans:
        return Axis((Segment(0.0, 1.0, x0, x1),), dated=False)
    lo, hi = _range(spans, min_days)
    scale = (x1 - x0 - 2 * pad) / (hi - lo)
    return Axis((Segment(lo - pad / scale, hi + pad / scale, x0, x1),))


def compressed_axis(spans: list[tuple[float, float]], weights: list[tuple[float, float]],
                    x0: float, x1: float, *, pad: float, break_width: float,
                    min_gap_fraction: float = 0.05, min_days: float = 28.0) -> Axis | None:
    """An axis with the empty stretches between clusters of spans cut out, or None.

    A stretch is cut when it is at least ``min_gap_fraction`` of the whole range. Each kept
    cluster gets a width from both its length and its share of the ``weights`` (the events),
    so a crowded cluster gets room; within a cluster the scale is proportional.
    """
    if not spans:
        return None
    lo, hi = _range(spans, min_days)
    total = hi - lo
    clusters = _merge([*spans, (lo, lo + 1e-9), (hi - 1e-9, hi)])
    merged: list[list[float]] = [clusters[0][:]]
    for a, b in clusters[1:]:
        if a - merged[-1][1] >= min_gap_fraction * total:
            merged.append([a, b])
        else:
            merged[-1][1] = max(merged[-1][1], b)
    if len(merged) < 2:
        return None
    least = max(min_days, total * 0.02)
    for c in merged:  # a cluster of one short date still gets some calendar around it
        if c[1] - c[0] < least:
            mid = (c[0] + c[1]) / 2
            c[0], c[1] = mid - least / 2, mid + least / 2
    for left, right in itertools.pairwise(merged):
        if right[0] <= left[1]:
            return None
    n = len(merged)
    room = (x1 - x0) - break_width * (n - 1) - 2 * pad * n
    if room <= 20 * n:
        return None
    lengths = [b - a for a, b in merged]
    counts = [0.0] * n
    for a, b in weights:
        mid = (a + b) / 2
        i = min(range(n), key=lambda k: 0 if merged[k][0] <= mid <= merged[k][1]
                else min(abs(mid - merged[k][0]), abs(mid - merged[k][1])))
        counts[i] += 1
    total_len = sum(lengths)
    total_count = sum(counts) or 1.0
    segments: list[Segment] = []
    x = x0
    for i, (a, b) in enumerate(merged):
        share = 0.5 * lengths[i] / total_len + 0.5 * counts[i] / total_count
        inner = room * share
        scale = inner / lengths[i]
        seg_w = inner + 2 * pad
        segments.append(Segment(a - pad / scale, b + pad / scale, x, x + seg_w))
        x += seg_w + break_width
    for left, right in itertools.pairwise(segments):
        if right.d0 <= left.d1:  # padding would overlap across a short gap: not worth it
            return None
    last = segments[-1]
    segments[-1] = Segment(last.d0, last.d1, last.x0, x1)
    return Axis(tuple(segments))


def axis_options(spans: list[tuple[float, float]], weights: list[tuple[float, float]],
                 x0: float, x1: float, *, pad: float, break_width: float,
                 compress: str = "auto", min_gap_fraction: float = 0.05) -> list[Axis]:
    """The axes worth trying: the proportional one, then a compressed one when there are
    empty stretches to cut (``compress`` "auto" or "always"; "never" gives only the first)."""
    plain = plain_axis(spans, x0, x1, pad=pad)
    if compress == "never":
        return [plain]
    squeezed = compressed_axis(spans, weights, x0, x1, pad=pad, break_width=break_width,
                               min_gap_fraction=min_gap_fraction)
    return [plain, squeezed] if squeezed else [plain]


# --------------------------------------------------------------------------------- ticks


@dataclass(frozen=True)
class Tick:
    """A labelled tick of a time axis."""

    x: float
    label: str
    day: int


_STEPS: tuple[tuple[str, int], ...] = (
    ("day", 1), ("day", 2), ("day", 5), ("day", 10),
    ("month", 1), ("month", 2), ("month", 3), ("month", 6),
    *(("year", n) for n in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500)),
    *(("year", n * 10 ** k) for k in range(3, 7) for n in (1, 2, 5)),
)
_APPROX_DAYS = {"day": 1.0, "month": 28.0, "year": 365.0}


def _tick_days(unit: str, step: int, d0: float, d1: float) -> list[tuple[int, int, int, int]]:
    """(day number, year, month, day) of the tick positions of one step inside ``[d0, d1]``."""
    y0, _, _ = civil(math.floor(d0) - 1)
    y1, _, _ = civil(math.ceil(d1) + 1)
    out: list[tuple[int, int, int, int]] = []
    if unit == "year":
        first = math.floor(y0 / step) * step
        for y in range(first, y1 + step, step):
            year = y if y != 0 else 1  # there is no year 0: its tick marks 1 CE
            out.append((day_number(year), year, 1, 1))
    else:
        years = [y for y in range(y0, y1 + 1) if y != 0]
        for year in years:
            for month in range(1, 13):
                if unit == "month":
                    if (month - 1) % step == 0:
                        out.append((day_number(year, month), year, month, 1))
                    continue
                for day in range(1, 29, step):
                    if step == 1 or day + step <= 29:  # keep the last gap of a month open
                        out.append((day_number(year, month, day), year, month, day))
    return [t for t in out if d0 <= t[0] <= d1]


def _labels(unit: str, days: list[tuple[int, int, int, int]], era: bool,
            language: str = "en") -> list[str]:
    if display.has_words(language):
        return _own_labels(unit, days, era, language)
    out: list[str] = []
    prev_year: int | None = None
    for _, y, m, day in days:
        if unit == "year":
            out.append(year_label(y, era))
        elif unit == "month":
            out.append(f"{MONTH_ABBR[m - 1]} {year_label(y, era)}" if y != prev_year
                       else MONTH_ABBR[m - 1])
        else:
            out.append(f"{day} {MONTH_ABBR[m - 1]} {year_label(y, era)}" if y != prev_year
                       else f"{day} {MONTH_ABBR[m - 1]}")
        prev_year = y
    return out


def _own_labels(unit: str, days: list[tuple[int, int, int, int]], era: bool,
                language: str) -> list[str]:
    """Tick labels in a language's own date words (``nov 1933``, ``1933年11月``)."""
    out: list[str] = []
    prev_year: int | None = None
    for _, y, m, day in days:
        first = y != prev_year
        if unit == "year":
            out.append(year_label(y, era, language))
        elif unit == "month":
            out.append(display.month_label(Day(y, m, 1), language, first, era))
        else:
            out.append(display.day_label(Day(y, m, day), language, first, era))
        prev_year = y
    return out


def choose_ticks(axis: Axis, measure: Callable[[str], float], gap: float = 6.0,
                 max_ticks: int = 400, language: str = "en") -> list[Tick]:
    """Ticks for every segment: the finest calendar step whose labels fit side by side.

    ``measure(label)`` is a label's width. BCE years are labelled ``44 BCE`` (and CE years
    ``14 CE`` on the same axis); there is no year 0. A segment too short for any tick of a
    fitting step gets one tick at its first month or year start, so no stretch is unlabelled.
    """
    if not axis.dated:
        return []
    y_first = civil(math.floor(axis.d0))[0]
    y_last = civil(math.ceil(axis.d1))[0]
    era = y_first < 0 or y_last < 1000
    out: list[Tick] = []
    for seg in axis.segments:
        out.extend(_segment_ticks(axis, seg, measure, gap, max_ticks, era, language))
    return out


def _segment_ticks(axis: Axis, seg: Segment, measure: Callable[[str], float], gap: float,
                   max_ticks: int, era: bool, language: str = "en") -> list[Tick]:
    scale = seg.scale
    span_days = seg.d1 - seg.d0
    for unit, step in _STEPS:
        if _APPROX_DAYS[unit] * step * scale < 12:  # certainly too dense to label
            continue
        if span_days / (_APPROX_DAYS[unit] * step) > max_ticks * 1.2:
            continue
        days = _tick_days(unit, step, seg.d0, seg.d1)
        if not days:
            break  # coarser steps have no tick here either
        labels = _labels(unit, days, era, language)
        xs = [axis.x(t[0]) for t in days]
        widths = [measure(label) for label in labels]
        if all(xs[i + 1] - xs[i] >= (widths[i] + widths[i + 1]) / 2 + gap
               for i in range(len(xs) - 1)):
            return [Tick(x, label, t[0]) for x, label, t in zip(xs, labels, days, strict=True)]
    # too short for a regular step: one tick at the first month (or day) it shows
    for unit in ("month", "day"):
        days = _tick_days(unit, 1, seg.d0, seg.d1)
        if days:
            t = days[len(days) // 2] if unit == "day" else days[0]
            label = _labels(unit, [t], era, language)[0]
            return [Tick(axis.x(t[0]), label, t[0])]
    return []
