"""The pure layout of a timeline: events and people in, placed shapes and text boxes out.

Nothing here draws. Every shape and every piece of text is a box (``x0, y0, x1, y1`` in points,
y upwards as in ReportLab), so tests can measure overlaps directly.

From top to bottom: era band titles, event label lanes, the markers on the axis, tick labels,
people's lanes, the legend and (when labels cannot fit at the minimum font size) the numbered key.
Labels are placed by a right-to-left greedy over lanes in which a label may not cover another
label or the stem of a label above it, and a stem may not cross a label below it.
"""

from __future__ import annotations

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
            group = clean(ev.group or "")
            out.append(_Item(i, "undated", words if not group else f"{group}: {words}",
                             None, "undated", False))
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


def place_labels(xs: Sequence[float], widths: Sequence[float], *, x_min: float, x_max: float,
                 pad: float, gap: float, max_lanes: int) -> list[tuple[int, float]] | None:
    """Lane and left edge for each label, or None when they do not fit in ``max_lanes``.

    Label ``i`` hangs from a stem at ``xs[i]``, to its right when it fits inside
    ``[x_min, x_max]``, else to its left. Labels are taken right to left, each into the lowest
    lane where its box clears the lane's labels and every stem rising through the lane, and where
    its own stem clears the labels of the lanes below.
    """
    n = len(xs)
    inf = math.inf
    left = [inf] * max_lanes  # leftmost label edge in each lane so far
    stems = [inf] * max_lanes  # leftmost stem rising through each lane so far
    out: list[tuple[int, float] | None] = [None] * n
    order = sorted(range(n), key=lambda i: (xs[i], i), reverse=True)
    clear = min(pad, gap) / 2
    for i in order:
        x, w = xs[i], widths[i]
        if w > x_max - x_min:
            return None
        lo = x + pad
        if lo + w > x_max:
            lo = max(x_min, x - pad - w)
        hi = lo + w
        placed = False
        for k in range(max_lanes):
            if hi + gap <= min(left[k], stems[k]):
                out[i] = (k, lo)
                left[k] = min(left[k], lo)
                for j in range(k):
                    stems[j] = min(stems[j], x)
                placed = True
                break
            if left[k] <= x + clear:  # this lane's labels block any stem rising higher
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
    dated = [it for it in items if it.span is not None]

    # --- the axis: events decide its range; people spans inside it help choose compression
    spans = [it.span for it in dated if it.span]
    person_spans: list[tuple[int, int] | None] = []
    for p in people:
        if p.span is None:
            person_spans.append(None)
            continue
        a, b = p.span.earliest.ordinal(), p.span.latest.ordinal() + 1
        person_spans.append((a, max(b, a + 1)))
    if spans:
        lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
        extra = [(max(a, lo), min(b, hi)) for s in person_spans if s
                 for a, b in [s] if a < hi and b > lo and s[1] - s[0] > 1]
        axis_spans = [*spans, *extra]
    else:
        axis_spans = [s for s in person_spans if s]
    ax = axis_mod.make_axis(
        [(float(a), float(b)) for a, b in axis_spans], margin, width - margin,
        pad=style.end_pad + style.marker_size, break_width=style.break_width,
        compress=style.compress, min_gap_fraction=style.min_gap_fraction,
        min_gain=style.min_gain)

    # --- markers: x from the date interval; undated events between their dated neighbours
    anchors = _anchors(items, ax, style)
    markers_x = _marker_extents(items, anchors, ax, style)
    rows = _rows([(x0, x1) for x0, x1 in markers_x], style.marker_rows)
    n_rows = max(rows, default=-1) + 1
    row_h = style.marker_size + 2.0

    # --- the fixed parts below the axis
    tick_size = style.tick_font_size
    ticks = axis_mod.choose_ticks(ax, lambda s: m.width(s, tick_size), gap=8.0)
    people_rows = _people(people, person_spans, ax, style, m, width)
    n_people_lanes = max((r[0] for r in people_rows), default=-1) + 1
    person_lane_h = _text_h(style.person_font_size) + 7.0
    legend_kinds = _legend_kinds(items, people_rows)
    bands = _band_extents(events, items, ax)
    band_row = _text_h(style.band_font_size) + 2.0 if any(b[2] for b in bands) else 0.0

    def below_axis(key_rows: int, key_size: float) -> float:
        h = 3.0 + _text_h(tick_size) + 4.0
        if n_people_lanes:
            h += n_people_lanes * person_lane_h + 2.0
        h += _text_h(style.key_font_size) + 6.0  # legend
        if key_rows:
            h += key_rows * _text_h(key_size) + 4.0
        return h

    above_fixed = margin + band_row + 3.0 + n_rows * row_h + 2.0
    bottom = margin

    def lanes_room(size: float, key_rows: int, key_size: float) -> int:
        if height is None:
            return style.max_lanes
        room = height - above_fixed - below_axis(key_rows, key_size) - bottom
        return max(0, int(room // _lane_h(size)))

    # --- labels: full labels at shrinking sizes and lengths, then numbers and a key
    xs = [anchors[it.index] for it in items]
    numbered = False
    placement: list[tuple[int, float]] | None = None
    label_parts: list[tuple[Part, ...]] = []
    widths: list[float] = []
    size = style.font_size
    max_w = width * style.max_label_width
    for size, chars in _attempts(style):
        lanes = lanes_room(size, 0, style.key_font_size)
        if lanes < 1:
            continue
        label_parts, widths = _event_labels(items, size, chars, max_w, m)
        placement = place_labels(xs, widths, x_min=margin, x_max=width - margin, pad=1.5,
                                 gap=4.0, max_lanes=lanes)
        if placement is not None:
            break
    groups: list[list[int]] = [[i] for i in range(len(items))]
    numbers: dict[int, int] = {}
    key_cols = 1
    key_size = style.key_font_size
    key_entries: list[tuple[int, _Item]] = []
    if placement is None:
        numbered = True
        order = sorted(range(len(items)), key=lambda i: (xs[i], i))
        numbers = {items[i].index: n + 1 for n, i in enumerate(order)}
        key_entries = [(numbers[items[i].index], items[i]) for i in order]
        key_cols = max(1, int((width - 2 * margin + 8) // (style.key_column_width + 8)))
        key_rows = math.ceil(len(items) / key_cols)
        size = style.font_size
        lanes = max(1, lanes_room(size, key_rows, key_size))
        placement, groups, label_parts, widths = _numbered(
            order, xs, numbers, items, size, lanes, width, margin, m)

    # --- vertical positions
    n_lanes = max((k for k, _ in placement), default=-1) + 1
    lane_h = _lane_h(size)
    key_rows = math.ceil(len(key_entries) / key_cols) if numbered else 0
    natural = (above_fixed + n_lanes * lane_h + below_axis(key_rows, key_size) + bottom)
    total_h = natural if height is None else max(float(height), 1.0)
    fig_h = max(natural, total_h)
    top = fig_h - margin
    band_title_y = top - band_row
    lanes_top = band_title_y
    lane0_y = lanes_top - n_lanes * lane_h
    marker_top = lane0_y - 3.0
    axis_y = marker_top - n_rows * row_h - 2.0

    out = Layout(width, fig_h, ax, axis_y, numbered=numbered, font_size=size,
                 content_height=natural)
    if height is not None and natural > height:
        out.scale = height / natural
    out.height = fig_h

    # markers
    for it, (x0, x1), row in zip(items, markers_x, rows, strict=True):
        cy = axis_y + row_h * (row + 0.5) + 1.0
        half = style.marker_size / 2
        if it.kind in ("span",):
            half = style.marker_size * 0.4
        box = Box(x0, cy - half, x1, cy + half)
        span_x = (ax.x(it.span[0]), ax.x(it.span[1])) if it.span else (anchors[it.index],) * 2
        out.markers.append(Marker(box, it.kind, anchors[it.index], span_x[0], span_x[1],
                                  it.index, it.approximate, numbers.get(it.index)))
    marker_by_item = {mk.event: mk for mk in out.markers}

    # event labels
    for group, (lane, lx), parts, w in zip(groups, placement, label_parts, widths, strict=True):
        y0 = lane0_y + lane * lane_h
        box = Box(lx, y0, lx + w, y0 + _text_h(size))
        first = items[group[0]]
        stem_x = xs[group[0]]
        stem_from = marker_by_item[first.index].box.y1
        bracket = None
        if len(group) > 1:
            gx = [xs[g] for g in group]
            bracket = (min(gx), max(gx))
            stem_x = bracket[0]
            stem_from = max(marker_by_item[items[g].index].box.y1 for g in group)
        out.labels.append(Label(box, parts, size, "number" if numbered else "event",
                                tuple(items[g].index for g in group),
                                (stem_x, stem_from, y0), bracket))

    # bands (background) and their titles
    band_y0, band_y1 = axis_y, lanes_top
    last_title_x = -math.inf
    for shade, (bx0, bx1, title) in enumerate(bands):
        shown = ""
        if title:
            avail = bx1 - bx0 - 2
            shown = fit(title, avail, m.width, style.band_font_size, True) if avail > 12 else ""
            if shown and (len(shown) < 4 and len(title) > 4):
                shown = ""
            if shown and bx0 + 1 < last_title_x + 4:
                shown = ""
        out.bands.append(Band(bx0, bx1, band_y0, band_y1, shown, shade % 2))
        if shown:
            tw = m.width(shown, style.band_font_size, True)
            box = Box(bx0 + 1, band_title_y, bx0 + 1 + tw,
                      band_title_y + _text_h(style.band_font_size))
            out.labels.append(Label(box, (Part(shown, True, True),), style.band_font_size,
                                    "band"))
            last_title_x = box.x1

    # ticks and their labels, kept inside the figure and apart from each other
    tick_y1 = axis_y
    tick_y0 = axis_y - 3.0
    label_top = tick_y0 - 0.5
    prev_right = -math.inf
    for t in ticks:
        out.ticks.append((t.x, tick_y0, tick_y1))
        w = m.width(t.label, tick_size)
        lx = min(max(t.x - w / 2, margin), width - margin - w)
        if lx < prev_right + 3:
            continue
        box = Box(lx, label_top - _text_h(tick_size), lx + w, label_top)
        out.labels.append(Label(box, (Part(t.label),), tick_size, "tick"))
        prev_right = box.x1
    y = label_top - _text_h(tick_size) - 4.0

    # people lanes
    if n_people_lanes:
        y -= 2.0
        for lane, person, bx0, bx1, kind, text, clip_l, clip_r, approx, lx, lw in people_rows:
            lane_top = y - lane * person_lane_h
            ty0 = lane_top - _text_h(style.person_font_size)
            bar_y1 = ty0 - 1.0
            bar_y0 = bar_y1 - 5.0
            out.bars.append(Bar(Box(bx0, bar_y0, bx1, bar_y1), kind, person, clip_l, clip_r,
                                approx))
            out.labels.append(Label(Box(lx, ty0, lx + lw, lane_top), (Part(text),),
                                    style.person_font_size, "person"))
        y -= n_people_lanes * person_lane_h

    # legend: a sample shape and a word for each kind of mark in the figure
    ls = style.key_font_size
    y_leg = y - _text_h(ls) - 2.0
    x = margin
    for kind, words in legend_kinds:
        w = m.width(words, ls)
        sample_w = 12.0 if kind not in ("point", "undated") else style.marker_size
        if x + sample_w + 3 + w > width - margin:
            break
        cy = y_leg + _text_h(ls) / 2
        h = style.marker_size / 2
        out.legend.append(LegendItem(Box(x, cy - h, x + sample_w, cy + h), kind))
        out.labels.append(Label(Box(x + sample_w + 3, y_leg, x + sample_w + 3 + w,
                                    y_leg + _text_h(ls)), (Part(words, muted=True),), ls,
                                "legend"))
        x += sample_w + 3 + w + 10
    y = y_leg - 4.0

    # the numbered key, column by column
    if numbered and key_entries:
        col_w = (width - 2 * margin - 8 * (key_cols - 1)) / key_cols
        num_w = m.width(str(len(items)), key_size, True) + 3
        for n, (num, it) in enumerate(key_entries):
            col, row = divmod(n, key_rows)
            kx = margin + col * (col_w + 8)
            ky = y - (row + 1) * _text_h(key_size)
            rest = fit(f"{it.date_text} {it.text}", col_w - num_w, m.width, key_size)
            w = m.width(rest, key_size)
            out.labels.append(Label(Box(kx, ky, kx + num_w + w, ky + _text_h(key_size)),
                                    (Part(f"{num}", True), Part(" " + rest if rest else "")),
                                    key_size, "key", (it.index,)))
    out.missing = list(fs.missing)
    return out


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


def _event_labels(items: list[_Item], size: float, chars: int, max_w: float,
                  m: _Metrics) -> tuple[list[tuple[Part, ...]], list[float]]:
    parts_all: list[tuple[Part, ...]] = []
    widths: list[float] = []
    for it in items:
        date = it.date_text if it.kind != "undated" else "undated"
        text = it.text
        if it.kind == "undated" and text.startswith(date):
            text = text[len(date):]
        date_w = m.width(date + " ", size, True)
        if date_w > max_w:
            date = fit(date, max_w - m.width("…", size), m.width, size, True)
            date_w = m.width(date + " ", size, True)
        words = fit(shorten(text, chars), max_w - date_w, m.width, size)
        parts = (Part(date + (" " if words else ""), True), Part(words))
        parts_all.append(parts)
        widths.append(date_w + m.width(words, size) if words else m.width(date, size, True))
    return parts_all, widths


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
            return placement, groups, parts, widths
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


def _legend_kinds(items: list[_Item], people_rows: list[tuple]) -> list[tuple[str, str]]:
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
    if people_rows:
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
