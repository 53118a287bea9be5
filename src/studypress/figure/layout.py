"""The pure layout of a timeline: events and people in, placed shapes and text boxes out.

Nothing here draws. Every shape and every piece of text is a box (``x0, y0, x1, y1`` in points,
y upwards as in ReportLab), so tests can measure overlaps directly.

From top to bottom: era band titles, event label lanes, the markers on the axis, tick labels,
people's lanes, the legend and (when labels cannot fit at the minimum font size) the numbered key.
Labels are placed by a right-to-left greedy over lanes in which a label may not cover another
label or the stem of a label above it, and a stem may not cross a label below it.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..model import Event, Person, Precision, SpanKind, plain_text
from . import axis as axis_mod
from .style import Style
from .text import FontSet, clean, default_fontset, fit, short_date, shorten

# ------------------------------------------------------------------------------ results


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, tol: float = 0.01) -> bool:
        """True when the two boxes share an area (touching edges do not count)."""
        return (self.x0 < other.x1 - tol and other.x0 < self.x1 - tol
                and self.y0 < other.y1 - tol and other.y0 < self.y1 - tol)

    def inside(self, other: Box, tol: float = 0.01) -> bool:
        return (self.x0 >= other.x0 - tol and self.y0 >= other.y0 - tol
                and self.x1 <= other.x1 + tol and self.y1 <= other.y1 + tol)


@dataclass(frozen=True)
class Marker:
    """An event on the axis. ``kind``: point (a day), range (exact days), span (an imprecise
    date: month, season, year, decade, century) or undated (placed by its neighbours)."""

    box: Box
    kind: str
    x: float  # the anchor: the middle of the date's interval, where the stem starts
    x_from: float  # the date's interval on the axis (equal to x for undated events)
    x_to: float
    event: int  # index into the events given
    approximate: bool = False
    number: int | None = None  # in numbered mode, the event's number in the key


@dataclass(frozen=True)
class Part:
    """A run of label text in one weight."""

    text: str
    bold: bool = False
    muted: bool = False


@dataclass(frozen=True)
class Label:
    """A piece of text with its box. ``stem`` is (x, y_from, y_to) for event labels."""

    box: Box
    parts: tuple[Part, ...]
    size: float
    role: str  # event, number, tick, band, person, legend, key, note
    events: tuple[int, ...] = ()
    stem: tuple[float, float, float] | None = None
    bracket: tuple[float, float] | None = None  # x extent of a numbered group's markers

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.parts)


@dataclass(frozen=True)
class Bar:
    """A person's span (or a single birth/death date when ``kind`` is birth/death)."""

    box: Box
    kind: str  # bar, birth, death
    person: int
    clipped_left: bool = False
    clipped_right: bool = False
    approximate: bool = False


@dataclass(frozen=True)
class Band:
    """A light background band behind an era's events."""

    x0: float
    x1: float
    y0: float
    y1: float
    title: str
    shade: int


@dataclass(frozen=True)
class LegendItem:
    box: Box  # the sample shape
    kind: str  # point, range, span, approximate, undated, person


@dataclass
class Layout:
    width: float
    height: float
    axis: axis_mod.Axis
    axis_y: float
    markers: list[Marker] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    ticks: list[tuple[float, float, float]] = field(default_factory=list)  # x, y_from, y_to
    bars: list[Bar] = field(default_factory=list)
    bands: list[Band] = field(default_factory=list)
    legend: list[LegendItem] = field(default_factory=list)
    numbered: bool = False
    numbers: dict[int, int] = field(default_factory=dict)  # event index → its number
    font_size: float = 0.0
    scale: float = 1.0  # < 1 when a fixed box is too small: the drawing shrinks the content
    content_height: float = 0.0
    missing: list[str] = field(default_factory=list)

    @property
    def frame(self) -> Box:
        return Box(0.0, 0.0, self.width, self.height)

    def text_boxes(self) -> list[Box]:
        return [lab.box for lab in self.labels]

    def shape_boxes(self) -> list[Box]:
        """Markers, bars and legend samples: what no text may cover."""
        return ([m.box for m in self.markers] + [b.box for b in self.bars]
                + [i.box for i in self.legend])


# -------------------------------------------------------------------------------- input


@dataclass(frozen=True)
class _Item:
    index: int
    date_text: str
    text: str
    span: tuple[int, int] | None  # [first day, last day + 1)
    kind: str
    approximate: bool


def _items(events: Sequence[Event]) -> list[_Item]:
    out: list[_Item] = []
    for i, ev in enumerate(events):
        words = clean(plain_text(ev.text)) or "(no text)"
        d = ev.date
        if d is None:
            out.append(_Item(i, "undated", words, None, "undated", False))
            continue
        a, b = d.earliest.ordinal(), d.latest.ordinal() + 1
        if b <= a:
            b = a + 1
        if d.precision == Precision.DAY and not d.is_range and b - a == 1:
            kind = "point"
        elif d.precision == Precision.DAY:
            kind = "range"
        else:
            kind = "span"
        out.append(_Item(i, short_date(d.display or d.text), words, (a, b), kind,
                         d.approximate or d.uncertain))
    return out


# ---------------------------------------------------------------------- label placement


class _Lane:
    """The label boxes of one lane and the stems rising through it, each kept sorted."""

    __slots__ = ("lefts", "rights", "stems")

    def __init__(self) -> None:
        self.lefts: list[float] = []
        self.rights: list[float] = []
        self.stems: list[float] = []

    def box_hits(self, a: float, b: float) -> bool:
        """Does a box of this lane meet the open interval (a, b)?"""
        i = bisect.bisect_left(self.lefts, b)
        return i > 0 and self.rights[i - 1] > a

    def stem_hits(self, a: float, b: float) -> bool:
        i = bisect.bisect_right(self.stems, a)
        return i < len(self.stems) and self.stems[i] < b

    def room_right(self, a: float, sgap: float, gap: float) -> float:
        """How far right of ``a`` a box may reach: up to the next box or stem."""
        i = bisect.bisect_left(self.lefts, a)
        limit = self.lefts[i] - gap if i < len(self.lefts) else math.inf
        j = bisect.bisect_left(self.stems, a - sgap)
        if j < len(self.stems):
            limit = min(limit, self.stems[j] - sgap)
        return limit

    def add_box(self, a: float, b: float) -> None:
        i = bisect.bisect_left(self.lefts, a)
        self.lefts.insert(i, a)
        self.rights.insert(i, b)


def place_labels(xs: Sequence[float], widths: Sequence[float],
                 min_widths: Sequence[float] | None = None, *, x_min: float, x_max: float,
                 pad: float, gap: float, max_lanes: int
                 ) -> list[tuple[int, float, float]] | None:
    """Lane, left edge and width of each label, or None when they do not fit ``max_lanes``.

    Label ``i`` hangs from a stem at ``xs[i]`` and is ``widths[i]`` wide, or as narrow as
    ``min_widths[i]`` where space is short. No label box meets another, no stem rising to a
    higher lane passes through a box, and every box lies in ``[x_min, x_max]``.

    Labels extend right of their stems, taken right to left, each into the lowest lane with room
    (a staircase descending to the right). Near the right edge, where a label cannot extend
    right, it extends left instead; those are taken left to right (the mirror staircase) and
    after the others, so they climb above every stem they cover. A right-extending label never
    covers a left-extending one's stem.
    """
    n = len(xs)
    mins = list(min_widths) if min_widths is not None else list(widths)
    sgap = min(pad, gap) * 0.6  # a stem keeps this far from any box but its own
    # decide orientations: flip those that cannot extend right, and, spreading leftwards,
    # those that would be squeezed below their minimum by a flipped stem
    flipped = [False] * n
    order = sorted(range(n), key=lambda i: (xs[i], i), reverse=True)
    next_flip = math.inf
    for i in order:
        x = xs[i]
        room = min(x_max, next_flip - sgap) - (x + pad)
        if room < mins[i]:
            if x - pad - widths[i] < x_min and x - pad - mins[i] < x_min:
                if x + pad + mins[i] > x_max:
                    return None  # fits on neither side of its stem
                continue
            flipped[i] = True
            next_flip = x
    lanes = [_Lane() for _ in range(max_lanes)]
    flips = sorted((i for i in range(n) if flipped[i]), key=lambda i: (xs[i], i))
    rights = [i for i in order if not flipped[i]]
    flip_x = sorted(xs[i] for i in flips)
    out: list[tuple[int, float, float] | None] = [None] * n

    for i in rights:
        x = xs[i]
        a = x + pad
        j = bisect.bisect_right(flip_x, x)
        hard = min(x_max, flip_x[j] - sgap if j < len(flip_x) else math.inf)
        choice: tuple[int, float] | None = None
        fallback: tuple[int, float] | None = None
        for k in range(max_lanes):
            lane = lanes[k]
            if not lane.box_hits(a - gap, a) and not lane.stem_hits(x + sgap, a):
                room = min(hard, lane.room_right(a, sgap, gap)) - a
                if room >= widths[i] - 1e-9:
                    choice = (k, widths[i])
                    break
                if fallback is None and room >= mins[i] - 1e-9:
                    fallback = (k, room)
            if lane.box_hits(x - sgap, x + sgap):
                break  # a box over our stem here: no higher lane can be reached
        choice = choice or fallback
        if choice is None:
            return None
        k, w = choice
        out[i] = (k, a, w)
        lanes[k].add_box(a, a + w)
        for j2 in range(k):
            bisect.insort(lanes[j2].stems, x)

    for i in flips:
        x = xs[i]
        w = widths[i] if x - pad - widths[i] >= x_min else max(mins[i], x - pad - x_min)
        b = x - pad
        a = b - w
        placed = False
        for k in range(max_lanes):
            lane = lanes[k]
            if not lane.box_hits(a - gap, b + gap) and not lane.stem_hits(a - sgap, b + sgap):
                out[i] = (k, a, w)
                lane.add_box(a, b)
                for j2 in range(k):
                    bisect.insort(lanes[j2].stems, x)
                placed = True
                break
            if lane.box_hits(x - sgap, x + sgap):
                break
        if not placed:
            return None
    return [o for o in out if o is not None]


# ---------------------------------------------------------------------------------- main


@dataclass
class _Metrics:
    fontset: FontSet

    def width(self, text: str, size: float, bold: bool = False) -> float:
        return self.fontset.width(text, size, bold)


def _lane_h(size: float) -> float:
    return size * 1.22 + 1.6


def _text_h(size: float) -> float:
    return size * 1.2


@dataclass
class _Plan:
    """Everything that depends on the choice of axis, scored to compare axes."""

    axis: axis_mod.Axis
    anchors: dict[int, float]
    extents: list[tuple[float, float]]
    rows: list[int]
    ticks: list[axis_mod.Tick]
    people_rows: list[tuple]
    bands: list[tuple[float, float, str]]
    numbered: bool
    size: float
    placement: list[tuple[int, float, float]]
    groups: list[list[int]]
    parts: list[tuple[Part, ...]]
    numbers: dict[int, int]
    key_entries: list[tuple[int, _Item]]
    key_cols: int
    spread: float  # the median distance between neighbouring dated marks

    @property
    def lanes(self) -> int:
        return max((k for k, _, _ in self.placement), default=-1) + 1

    def better_than(self, other: _Plan) -> bool:
        """Full labels beat numbers, fewer lanes beat more, and at equal lanes marks spread
        clearly wider apart (what a compressed axis is for) win."""
        mine = (self.numbered, self.lanes, len(self.groups) if self.numbered else 0)
        theirs = (other.numbered, other.lanes, len(other.groups) if other.numbered else 0)
        if mine[:2] != theirs[:2]:
            return mine[:2] < theirs[:2]
        if mine[2] != theirs[2]:  # numbers: fewer merged groups ("12–15") is better
            return mine[2] > theirs[2]
        gain = 1.5 if self.numbered else 1.2  # with a key, spacing matters less
        return self.spread >= gain * other.spread and self.size >= other.size


def _spread(xs: list[float]) -> float:
    gaps = sorted(b - a for a, b in itertools.pairwise(xs))
    return gaps[len(gaps) // 2] if gaps else 0.0


def layout(events: Sequence[Event], people: Sequence[Person], width: float,
           height: float | None, style: Style | None = None,
           fontset: FontSet | None = None) -> Layout:
    """Place a timeline of ``events`` and ``people`` in a ``width`` x ``height`` box.

    ``height`` None means as tall as needed. Pure: the same input gives the same layout.
    """
    style = style or Style()
    fs = fontset or default_fontset(style.font_family)
    m = _Metrics(fs)
    width = max(float(width), 120.0)
    margin = style.margin
    items = _items(events)

    # --- the axis: events decide its range; people spans inside it help find empty stretches
    spans = [it.span for it in items if it.span is not None]
    person_spans: list[tuple[int, int] | None] = []
    for p in people:
        if p.span is None:
            person_spans.append(None)
            continue
        a, b = p.span.earliest.ordinal(), p.span.latest.ordinal() + 1
        person_spans.append((a, max(b, a + 1)))
    if spans:
        lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
        extra = [(max(s[0], lo), min(s[1], hi)) for s in person_spans
                 if s and s[0] < hi and s[1] > lo and s[1] - s[0] > 1]
        axis_spans = [*spans, *extra]
    else:
        axis_spans = [s for s in person_spans if s]
    weights = [(float(it.span[0]), float(it.span[1])) for it in items if it.span]
    axes = axis_mod.axis_options(
        [(float(a), float(b)) for a, b in axis_spans], weights, margin, width - margin,
        pad=style.end_pad, break_width=style.break_width, compress=style.compress,
        min_gap_fraction=style.min_gap_fraction)

    tick_size = style.tick_font_size
    person_lane_h = _text_h(style.person_font_size) + 7.0
    row_h = style.marker_size + 2.0
    key_size = style.key_font_size
    legend_kinds = _legend_kinds(items, any(person_spans))
    legend_lines = _legend_lines(legend_kinds, width, style, m)

    def below_axis(plan_people: int, key_rows: int) -> float:
        h = 3.0 + _text_h(tick_size) + 4.0
        if plan_people:
            h += plan_people * person_lane_h + 2.0
        h += legend_lines * (_text_h(key_size) + 2.0) + 4.0
        if key_rows:
            h += key_rows * _text_h(key_size) + 4.0
        return h

    def above_fixed(n_rows: int, band_row: float) -> float:
        return margin + band_row + 3.0 + n_rows * row_h + 2.0

    def plan(ax: axis_mod.Axis) -> _Plan:
        anchors = _anchors(items, ax, style)
        extents = _marker_extents(items, anchors, ax, style)
        rows = _rows(extents, style.marker_rows)
        n_rows = max(rows, default=-1) + 1
        ticks = axis_mod.choose_ticks(ax, lambda s: m.width(s, tick_size), gap=8.0)
        people_rows = _people(people, person_spans, ax, style, m, width)
        n_people = max((r[0] for r in people_rows), default=-1) + 1
        bands = _band_extents(events, items, ax)
        band_row = _text_h(style.band_font_size) + 2.0 if any(b[2] for b in bands) else 0.0
        fixed = above_fixed(n_rows, band_row) + margin

        def lanes_room(size: float, key_rows: int) -> int:
            if height is None:
                return style.max_lanes
            room = height - fixed - below_axis(n_people, key_rows)
            return max(0, int(room // _lane_h(size)))

        xs = [anchors[it.index] for it in items]
        spread = _spread(sorted(anchors[it.index] for it in items if it.span))
        max_w = min(width * style.max_label_width, width - 2 * margin - 2.0)
        found: list[_Plan] = []
        for size, chars in _attempts(style):
            lanes = lanes_room(size, 0)
            if lanes < 1:
                continue
            texts = [_label_text(it, chars) for it in items]
            widths, mins = _label_widths(texts, size, max_w, min(chars, style.min_label_chars),
                                         m)
            placement = place_labels(xs, widths, mins, x_min=margin, x_max=width - margin,
                                     pad=1.5, gap=4.0, max_lanes=lanes)
            if placement is None:
                continue
            parts = [_fit_label(t, w, size, m)
                     for t, (_, _, w) in zip(texts, placement, strict=True)]
            found.append(_Plan(ax, anchors, extents, rows, ticks, people_rows, bands, False,
                               size, placement, [[i] for i in range(len(items))], parts, {},
                               [], 1, spread))
            if found[-1].lanes <= style.comfortable_lanes:
                break
        if found:  # the first comfortable one, else the one with the fewest lanes
            return min(found, key=lambda p: p.lanes if p.lanes > style.comfortable_lanes else 0)
        # labels cannot fit at the minimum size: numbered marks and a key
        order = sorted(range(len(items)), key=lambda i: (xs[i], i))
        numbers = {items[i].index: n + 1 for n, i in enumerate(order)}
        key_entries = [(numbers[items[i].index], items[i]) for i in order]
        key_cols = max(1, int((width - 2 * margin + 8) // (style.key_column_width + 8)))
        key_rows = math.ceil(len(items) / key_cols) if style.key else 0
        size = style.font_size
        lanes = max(1, lanes_room(size, key_rows))
        placement, groups, parts = _numbered(order, xs, numbers, items, size, lanes, width,
                                             margin, m)
        return _Plan(ax, anchors, extents, rows, ticks, people_rows, bands, True, size,
                     placement, groups, parts, numbers, key_entries, key_cols, spread)

    plans = [plan(ax) for ax in axes]
    best = plans[0]
    for p in plans[1:]:  # a compressed axis only when it helps, or when asked for
        if style.compress == "always" or p.better_than(best):
            best = p
    return _assemble(best, items, width, height, style, m, legend_kinds, below_axis,
                     above_fixed, fs)


def _assemble(pl: _Plan, items: list[_Item], width: float, height: float | None, style: Style,
              m: _Metrics, legend_kinds: list[tuple[str, str]], below_axis, above_fixed,
              fs: FontSet) -> Layout:
    """Give the chosen plan its vertical positions and build the result."""
    margin = style.margin
    ax = pl.axis
    size = pl.size
    tick_size = style.tick_font_size
    key_size = style.key_font_size
    row_h = style.marker_size + 2.0
    person_lane_h = _text_h(style.person_font_size) + 7.0
    n_rows = max(pl.rows, default=-1) + 1
    n_people = max((r[0] for r in pl.people_rows), default=-1) + 1
    band_row = _text_h(style.band_font_size) + 2.0 if any(b[2] for b in pl.bands) else 0.0
    lane_h = _lane_h(size)
    key_rows = math.ceil(len(pl.key_entries) / pl.key_cols) if pl.numbered and style.key else 0
    natural = (above_fixed(n_rows, band_row) + pl.lanes * lane_h
               + below_axis(n_people, key_rows) + margin)
    fig_h = natural if height is None else max(natural, float(height))
    top = fig_h - margin
    band_title_y = top - band_row
    lanes_top = band_title_y
    lane0_y = lanes_top - pl.lanes * lane_h
    axis_y = lane0_y - 3.0 - n_rows * row_h - 2.0

    out = Layout(width, fig_h, ax, axis_y, numbered=pl.numbered, font_size=size,
                 content_height=natural)
    if height is not None and natural > height:
        out.scale = height / natural
        out.height = natural

    # markers
    for it, (x0, x1), row in zip(items, pl.extents, pl.rows, strict=True):
        cy = axis_y + row_h * (row + 0.5) + 1.0
        half = style.marker_size * (0.4 if it.kind == "span" else 0.5)
        box = Box(x0, cy - half, x1, cy + half)
        x = pl.anchors[it.index]
        span_x = (ax.x(it.span[0]), ax.x(it.span[1])) if it.span else (x, x)
        out.markers.append(Marker(box, it.kind, x, span_x[0], span_x[1], it.index,
                                  it.approximate, pl.numbers.get(it.index)))
    marker_of = {mk.event: mk for mk in out.markers}

    # event labels (or numbers) on their stems
    for group, (lane, lx, w), parts in zip(pl.groups, pl.placement, pl.parts, strict=True):
        y0 = lane0_y + lane * lane_h
        box = Box(lx, y0, lx + w, y0 + _text_h(size))
        gx = [pl.anchors[items[g].index] for g in group]
        stem_from = max(marker_of[items[g].index].box.y1 for g in group)
        bracket = (min(gx), max(gx)) if len(group) > 1 else None
        out.labels.append(Label(box, parts, size, "number" if pl.numbered else "event",
                                tuple(items[g].index for g in group),
                                (gx[0], stem_from, y0), bracket))

    # era bands behind everything above the axis, titled where the title fits
    last_title_x = -math.inf
    for shade, (bx0, bx1, title) in enumerate(pl.bands):
        shown = ""
        if title and bx1 - bx0 > 14:
            shown = fit(title, bx1 - bx0 - 2, m.width, style.band_font_size, True)
            if len(shown) < 4 < len(title) or bx0 + 1 < last_title_x + 4:
                shown = ""
        out.bands.append(Band(bx0, bx1, axis_y, lanes_top, shown, shade % 2))
        if shown:
            tw = m.width(shown, style.band_font_size, True)
            box = Box(bx0 + 1, band_title_y, bx0 + 1 + tw,
                      band_title_y + _text_h(style.band_font_size))
            out.labels.append(Label(box, (Part(shown, True, True),), style.band_font_size,
                                    "band"))
            last_title_x = box.x1

    # ticks and their labels, kept inside the figure and apart from each other
    tick_y0 = axis_y - 3.0
    label_top = tick_y0 - 0.5
    prev_right = -math.inf
    for t in pl.ticks:
        out.ticks.append((t.x, tick_y0, axis_y))
        w = m.width(t.label, tick_size)
        lx = min(max(t.x - w / 2, margin), width - margin - w)
        if lx < prev_right + 3:
            continue
        box = Box(lx, label_top - _text_h(tick_size), lx + w, label_top)
        out.labels.append(Label(box, (Part(t.label),), tick_size, "tick"))
        prev_right = box.x1
    y = label_top - _text_h(tick_size) - 4.0

    # people: the name above the bar, lanes packed
    if n_people:
        y -= 2.0
        for lane, person, bx0, bx1, kind, text, clip_l, clip_r, approx, lx, lw in pl.people_rows:
            lane_top = y - lane * person_lane_h
            ty0 = lane_top - _text_h(style.person_font_size)
            out.bars.append(Bar(Box(bx0, ty0 - 6.0, bx1, ty0 - 1.0), kind, person, clip_l,
                                clip_r, approx))
            out.labels.append(Label(Box(lx, ty0, lx + lw, lane_top), (Part(text),),
                                    style.person_font_size, "person"))
        y -= n_people * person_lane_h

    # legend: a sample and a word for each kind of mark in the figure, wrapped
    line_h = _text_h(key_size) + 2.0
    y_leg = y - line_h
    x = margin
    for kind, words in legend_kinds:
        w = m.width(words, key_size)
        sample_w = 12.0 if kind not in ("point", "undated") else style.marker_size
        if x > margin and x + sample_w + 3 + w > width - margin:
            x = margin
            y_leg -= line_h
        cy = y_leg + _text_h(key_size) / 2
        h = style.marker_size / 2
        out.legend.append(LegendItem(Box(x, cy - h, x + sample_w, cy + h), kind))
        words = fit(words, width - margin - (x + sample_w + 3), m.width, key_size)
        w = m.width(words, key_size)
        out.labels.append(Label(Box(x + sample_w + 3, y_leg, x + sample_w + 3 + w,
                                    y_leg + _text_h(key_size)), (Part(words, muted=True),),
                                key_size, "legend"))
        x += sample_w + 3 + w + 10
    y = y_leg - 4.0

    # the numbered key, column by column
    out.numbers = dict(pl.numbers)
    if pl.numbered and pl.key_entries and style.key:
        cols = pl.key_cols
        col_w = (width - 2 * margin - 8 * (cols - 1)) / cols
        num_w = m.width(str(len(items)), key_size, True) + 3
        for n, (num, it) in enumerate(pl.key_entries):
            col, row = divmod(n, key_rows)
            kx = margin + col * (col_w + 8)
            ky = y - (row + 1) * _text_h(key_size)
            date = it.date_text
            rest = fit(f"{date} {it.text}", col_w - num_w, m.width, key_size)
            w = m.width(rest, key_size)
            out.labels.append(Label(Box(kx, ky, kx + num_w + w, ky + _text_h(key_size)),
                                    (Part(str(num), True), Part(" " + rest if rest else "")),
                                    key_size, "key", (it.index,)))
    out.missing = list(fs.missing)
    return out


def _legend_lines(kinds: list[tuple[str, str]], width: float, style: Style,
                  m: _Metrics) -> int:
    """How many lines the legend wraps to (mirrors the placement in ``_assemble``)."""
    lines, x = 1, style.margin
    for kind, words in kinds:
        w = m.width(words, style.key_font_size)
        sample_w = 12.0 if kind not in ("point", "undated") else style.marker_size
        if x > style.margin and x + sample_w + 3 + w > width - style.margin:
            lines += 1
            x = style.margin
        x += sample_w + 3 + w + 10
    return lines if kinds else 0


def _attempts(style: Style) -> list[tuple[float, int]]:
    """(font size, label characters) to try, best first."""
    sizes: list[float] = []
    s = style.font_size
    while s >= style.min_font_size - 1e-9:
        sizes.append(round(s, 2))
        s -= 0.5
    if not sizes or sizes[-1] > style.min_font_size:
        sizes.append(style.min_font_size)
    lengths = sorted({style.label_chars, (style.label_chars + style.min_label_chars) // 2,
                      style.min_label_chars}, reverse=True)
    out = [(sizes[0], lengths[0])]
    for n in lengths[1:]:
        out.append((sizes[0], n))
    for sz in sizes[1:]:
        out.append((sz, lengths[-1]))
    return out


def _label_text(it: _Item, chars: int) -> tuple[str, str]:
    """(date, words) of an event's label, the words cut at a word boundary."""
    return (it.date_text, shorten(it.text, chars))


def _label_widths(texts: list[tuple[str, str]], size: float, max_w: float, min_chars: int,
                  m: _Metrics) -> tuple[list[float], list[float]]:
    """Full and minimum label widths, neither above ``max_w``."""
    widths: list[float] = []
    mins: list[float] = []
    for date, words in texts:
        date_w = m.width(date, size, True)
        full = date_w + (m.width(" " + words, size) if words else 0.0)
        short = shorten(words, min_chars)
        least = date_w + (m.width(" " + short, size) if short else 0.0)
        if date_w > max_w:  # a date too long for any label: cut, as the words would be
            full = least = max_w
        widths.append(min(full, max_w))
        mins.append(min(least, full, max_w))
    return widths, mins


def _fit_label(text: tuple[str, str], w: float, size: float, m: _Metrics) -> tuple[Part, ...]:
    """Label parts no wider than ``w``: the date, then as many words as fit."""
    date, words = text
    date_w = m.width(date, size, True)
    if date_w > w:
        return (Part(fit(date, w, m.width, size, True), True),)
    rest = fit(words, w - date_w - m.width(" ", size), m.width, size) if words else ""
    if not rest:
        return (Part(date, True),)
    return (Part(date + " ", True), Part(rest))


def _numbered(order: list[int], xs: list[float], numbers: dict[int, int], items: list[_Item],
              size: float, lanes: int, width: float, margin: float, m: _Metrics):
    """Number labels, grouping neighbours ("12–15") until they fit the lanes."""
    one = m.width(str(len(items)), size) + 4
    threshold = 0.0
    while True:
        groups: list[list[int]] = []
        for i in order:
            if groups and xs[i] - xs[groups[-1][0]] <= threshold:
                groups[-1].append(i)
            else:
                groups.append([i])
        parts: list[tuple[Part, ...]] = []
        widths: list[float] = []
        for g in groups:
            a, b = numbers[items[g[0]].index], numbers[items[g[-1]].index]
            label = str(a) if a == b else f"{a}–{b}"
            parts.append((Part(label, True),))
            widths.append(m.width(label, size, True))
        gx = [xs[g[0]] for g in groups]
        placement = place_labels(gx, widths, x_min=margin, x_max=width - margin, pad=1.5,
                                 gap=3.0, max_lanes=lanes)
        if placement is not None:
            return placement, groups, parts
        threshold = one if threshold == 0 else threshold * 2
        if threshold > 4 * width:  # everything in one group always fits a lane
            threshold = math.inf


def _anchors(items: list[_Item], ax: axis_mod.Axis, style: Style) -> dict[int, float]:
    """x of each event: its interval's middle, or evenly between its dated neighbours."""
    out: dict[int, float] = {}
    for it in items:
        if it.span:
            out[it.index] = (ax.x(it.span[0]) + ax.x(it.span[1])) / 2
    inner_lo = ax.x0 + style.end_pad / 2
    inner_hi = ax.x1 - style.end_pad / 2
    i = 0
    n = len(items)
    while i < n:
        if items[i].span:
            i += 1
            continue
        j = i
        while j < n and not items[j].span:
            j += 1
        prev = out[items[i - 1].index] if i > 0 else None
        nxt = out[items[j].index] if j < n else None
        a = prev if prev is not None else inner_lo
        b = nxt if nxt is not None else inner_hi
        if prev is None and nxt is None:  # nothing dated at all: spread them evenly
            for k in range(i, j):
                out[items[k].index] = a + (b - a) * (k - i + 0.5) / (j - i)
            i = j
            continue
        a, b = min(a, b), max(a, b)
        for k in range(i, j):
            x = a + (b - a) * (k - i + 1) / (j - i + 1)
            brk = ax.in_break(x)
            if brk:  # never on a break: move to the nearer kept side
                x = brk[0] - 1 if x - brk[0] < brk[1] - x else brk[1] + 1
            out[items[k].index] = x
        i = j
    return out


def _marker_extents(items: list[_Item], anchors: dict[int, float], ax: axis_mod.Axis,
                    style: Style) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    size = style.marker_size
    for it in items:
        x = anchors[it.index]
        if it.kind in ("point", "undated") or not it.span:
            out.append((x - size / 2, x + size / 2))
            continue
        x0, x1 = ax.x(it.span[0]), ax.x(it.span[1])
        if x1 - x0 < size * 0.6:  # too short to see: a small bracket centred on the interval
            x0, x1 = x - size * 0.3, x + size * 0.3
        out.append((x0, x1))
    return out


def _rows(extents: list[tuple[float, float]], max_rows: int) -> list[int]:
    """Stack overlapping marks in rows (up to ``max_rows``) so none hides another."""
    ends: list[float] = []
    out = [0] * len(extents)
    for i in sorted(range(len(extents)), key=lambda i: (extents[i][0], i)):
        x0, x1 = extents[i]
        for r, end in enumerate(ends):
            if end + 1.0 <= x0:
                ends[r] = x1
                out[i] = r
                break
        else:
            if len(ends) < max_rows:
                ends.append(x1)
                out[i] = len(ends) - 1
            else:
                r = min(range(len(ends)), key=lambda r: ends[r])
                ends[r] = max(ends[r], x1)
                out[i] = r
    return out


def _people(people: Sequence[Person], spans: list[tuple[int, int] | None], ax: axis_mod.Axis,
            style: Style, m: _Metrics, width: float) -> list[tuple]:
    """Lane, extent and label of each person with a span; the name sits above the bar."""
    if not ax.dated:
        return []
    margin = style.margin
    size = style.person_font_size
    rows: list[tuple] = []
    items: list[tuple] = []
    for pi, (p, s) in enumerate(zip(people, spans, strict=True)):
        if s is None or p.span is None:
            continue
        a, b = s
        single = p.span_kind in (SpanKind.BIRTH, SpanKind.DEATH)
        name = clean(p.name) or "(unnamed)"
        approx = p.span.approximate or p.span.uncertain
        x_a, x_b = ax.x(a), ax.x(b)
        clip_l, clip_r = a < ax.d0, b > ax.d1
        if single:
            kind = "death" if p.span_kind == SpanKind.DEATH else "birth"
            mark = "d." if kind == "death" else "b."
            text = f"{name} ({mark} {short_date(p.span.display or p.span.text)})"
            x = (x_a + x_b) / 2
            bx0, bx1 = x - 3.0, x + 3.0
            clip_l = clip_r = False
            if b <= ax.d0 or a >= ax.d1:
                text = f"{name} ({mark} {short_date(p.span.display)}, off the axis)"
        else:
            kind = "bar"
            text = name
            if b <= ax.d0 or a >= ax.d1:  # wholly off the axis: a stub with an arrow
                text = f"{name} ({short_date(p.span.display or p.span.text)})"
                if b <= ax.d0:
                    x_a, x_b = ax.x0, ax.x0 + 8.0
                else:
                    x_a, x_b = ax.x1 - 8.0, ax.x1
            if x_b - x_a < 4.0:
                mid = (x_a + x_b) / 2
                x_a, x_b = mid - 2.0, mid + 2.0
            bx0, bx1 = x_a, x_b
        text = fit(text, width - 2 * margin, m.width, size)
        lw = m.width(text, size)
        lx = min(max(bx0, margin), width - margin - lw)
        items.append((pi, bx0, bx1, kind, text, clip_l, clip_r, approx, lx, lw))
    ends: list[float] = []
    for it in sorted(items, key=lambda t: (min(t[1], t[8]), t[0])):
        pi, bx0, bx1, kind, text, clip_l, clip_r, approx, lx, lw = it
        x0, x1 = min(bx0, lx), max(bx1, lx + lw)
        for lane, end in enumerate(ends):
            if end + 6.0 <= x0:
                ends[lane] = x1
                break
        else:
            ends.append(x1)
            lane = len(ends) - 1
        rows.append((lane, pi, bx0, bx1, kind, text, clip_l, clip_r, approx, lx, lw))
    rows.sort(key=lambda r: (r[0], r[2]))
    return rows


def _legend_kinds(items: list[_Item], people: bool) -> list[tuple[str, str]]:
    kinds = {it.kind for it in items}
    out: list[tuple[str, str]] = []
    if "point" in kinds:
        out.append(("point", "exact day"))
    if "range" in kinds:
        out.append(("range", "range of days"))
    if "span" in kinds:
        out.append(("span", "month, year or longer"))
    if any(it.approximate for it in items):
        out.append(("approximate", "approximate"))
    if "undated" in kinds:
        out.append(("undated", "undated, placed by order"))
    if people:
        out.append(("person", "person's span"))
    return out


def _band_extents(events: Sequence[Event], items: list[_Item],
                  ax: axis_mod.Axis) -> list[tuple[float, float, str]]:
    """Eras: groups whose heading is not itself a date, over their events' dates."""
    from ..dates import looks_like_date

    extents: dict[str, list[int]] = {}
    for ev, it in zip(events, items, strict=True):
        group = clean(ev.group or "")
        if not group or not it.span:
            continue
        extents.setdefault(group, []).extend(it.span)
    out: list[tuple[float, float, str]] = []
    for group, days in extents.items():
        try:
            if looks_like_date(group):
                continue
        except Exception:  # a heading the date parser chokes on is still an era name
            pass
        x0, x1 = ax.x(min(days)), ax.x(max(days))
        if x1 - x0 < 2.0:
            mid = (x0 + x1) / 2
            x0, x1 = mid - 1.0, mid + 1.0
        out.append((x0, x1, group))
    return sorted(out)


Measure = Callable[[str, float, bool], float]
