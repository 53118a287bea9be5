"""Assembly: the chosen plan given its vertical positions, as the finished ``Layout``.

From top to bottom: era band titles, event label lanes, the markers on the axis, tick labels,
people's lanes, the legend and (in numbered mode) the key.
"""

from __future__ import annotations

import math

from .bands import RULE, row_height
from .caption import caption_height, place_caption
from .labels import lane_height, text_height
from .legend import place_legend
from .plan import Inputs, Plan
from .shapes import Band, Bar, Box, Label, Layout, Marker, Part
from .undated import place_undated


def natural_height(pl: Plan, ins: Inputs) -> float:
    """The height the plan's content needs."""
    style, h = ins.style, ins.heights
    n_rows = max(pl.rows, default=-1) + 1
    band_row = h.band_rows(pl.titles, pl.stacked)
    return (h.above_fixed(n_rows, band_row) + pl.lanes * lane_height(pl.size)
            + h.below_axis(pl.people_lanes, _key_rows(pl, ins), caption_height(pl.caption, style))
            + style.margin)


def figure_height(pl: Plan, ins: Inputs, natural: float | None = None) -> float:
    """The height of the plan's layout: its content's (``natural``, when known already), or
    the box's when that is taller."""
    natural = natural_height(pl, ins) if natural is None else natural
    return natural if ins.height is None else max(natural, float(ins.height))


def _key_rows(pl: Plan, ins: Inputs) -> int:
    return math.ceil(len(pl.key_entries) / pl.key_cols) if pl.numbered and ins.style.key else 0


def assemble(pl: Plan, ins: Inputs) -> Layout:
    """Give the chosen plan its vertical positions and build the result."""
    style, h, height = ins.style, ins.heights, ins.height
    n_rows = max(pl.rows, default=-1) + 1
    band_row = h.band_rows(pl.titles, pl.stacked)
    key_rows = _key_rows(pl, ins)
    natural = natural_height(pl, ins)
    fig_h = figure_height(pl, ins, natural)
    top = fig_h - style.margin - h.header
    band_title_y = top - band_row
    lane0_y = band_title_y - pl.lanes * lane_height(pl.size)
    axis_y = lane0_y - 3.0 - n_rows * h.row - 2.0 if h.axis else lane0_y

    out = Layout(ins.width, fig_h, pl.axis, axis_y, numbered=pl.numbered, font_size=pl.size,
                 content_height=natural, axis_shown=h.axis)
    if height is not None and natural > height:
        out.scale = height / natural
        out.height = natural
    _markers(out, pl, ins)
    _event_labels(out, pl, ins, lane0_y)
    _bands(out, pl, ins, band_title_y, top)
    if ins.header:
        _header(out, ins, top)
    y = _ticks(out, pl, ins) if h.axis else axis_y
    y = _people(out, pl, ins, y)
    y = place_legend(out, ins.legend, style, ins.fs, y)
    y = place_caption(out, pl.caption, style, ins.fs, y)
    out.numbers = dict(pl.numbers)
    if pl.numbered and pl.key_entries and style.key:
        y = _key(out, pl, ins, y, key_rows)
    place_undated(out, ins.undated, style, ins.fs, y)
    out.missing = list(ins.fs.missing)
    return out


def _markers(out: Layout, pl: Plan, ins: Inputs) -> None:
    ax, style = pl.axis, ins.style
    row_h = ins.heights.row
    for it, (x0, x1), row in zip(ins.items, pl.extents, pl.rows, strict=True):
        cy = out.axis_y + row_h * (row + 0.5) + 1.0
        half = style.marker_size * (0.4 if it.kind == "span" else 0.5)
        box = Box(x0, cy - half, x1, cy + half)
        x = pl.anchors[it.index]
        span_x = (ax.x(it.span[0]), ax.x(it.span[1])) if it.span else (x, x)
        out.markers.append(Marker(box, it.kind, x, span_x[0], span_x[1], it.index,
                                  it.approximate, pl.numbers.get(it.index)))


def _event_labels(out: Layout, pl: Plan, ins: Inputs, lane0_y: float) -> None:
    """Event labels (or numbers) on their stems."""
    its, size = ins.items, pl.size
    lane_h = lane_height(size)
    marker_of = {mk.event: mk for mk in out.markers}
    for group, (lane, lx, w), parts in zip(pl.groups, pl.placement, pl.parts, strict=True):
        y0 = lane0_y + lane * lane_h
        box = Box(lx, y0, lx + w, y0 + text_height(size))
        gx = [pl.anchors[its[g].index] for g in group]
        stem_from = max(marker_of[its[g].index].box.y1 for g in group)
        bracket = (min(gx), max(gx)) if len(group) > 1 else None
        out.labels.append(Label(box, parts, size, "number" if pl.numbered else "event",
                                tuple(its[g].index for g in group),
                                (gx[0], stem_from, y0), bracket))


def _bands(out: Layout, pl: Plan, ins: Inputs, band_title_y: float, top: float) -> None:
    """Era bands behind everything above the axis, their titles in rows above the lanes;
    stacked, each title over a rule spanning its band instead."""
    size = ins.style.band_font_size
    step = row_height(ins.style, pl.stacked)
    for shade, ((bx0, bx1, _), (shown, x, row)) in enumerate(
            zip(pl.bands, pl.titles, strict=True)):
        y0 = top - (row + 1) * step
        if not pl.stacked:
            out.bands.append(Band(bx0, bx1, out.axis_y, band_title_y, shown, shade % 2))
        elif shown:
            out.bands.append(Band(bx0, bx1, y0 + 0.4, y0 + RULE - 0.4, shown, shade % 2, "rule"))
            y0 += RULE
        if shown:
            box = Box(x, y0, x + ins.fs.width(shown, size, True), y0 + text_height(size))
            out.labels.append(Label(box, (Part(shown, True, True),), size, "band"))


def _header(out: Layout, ins: Inputs, top: float) -> None:
    """A page's "continued" line, above everything else."""
    size = ins.style.key_font_size
    text = ins.fs.fit(ins.header, out.width - 2 * ins.style.margin, size)
    x = ins.style.margin
    box = Box(x, top, x + ins.fs.width(text, size, True), top + text_height(size))
    out.labels.append(Label(box, (Part(text, True, True),), size, "continued"))


def _ticks(out: Layout, pl: Plan, ins: Inputs) -> float:
    """Ticks and their labels, kept inside the figure and apart from each other; returns the
    y below them."""
    size, margin, fs = ins.style.tick_font_size, ins.style.margin, ins.fs
    tick_y0 = out.axis_y - 3.0
    label_top = tick_y0 - 0.5
    prev_right = -math.inf
    for t in pl.ticks:
        out.ticks.append((t.x, tick_y0, out.axis_y))
        w = fs.width(t.label, size)
        lx = min(max(t.x - w / 2, margin), out.width - margin - w)
        if lx < prev_right + 3:
            continue
        box = Box(lx, label_top - text_height(size), lx + w, label_top)
        out.labels.append(Label(box, (Part(t.label),), size, "tick"))
        prev_right = box.x1
    return label_top - text_height(size) - 4.0


def _people(out: Layout, pl: Plan, ins: Inputs, y: float) -> float:
    """People's bars with the name above, lanes packed; returns the y below them."""
    if not pl.people_lanes:
        return y
    size = ins.style.person_font_size
    lane_step = ins.heights.person_lane
    y -= 2.0
    for r in pl.people_rows:
        lane_top = y - r.lane * lane_step
        ty0 = lane_top - text_height(size)
        out.bars.append(Bar(Box(r.x0, ty0 - 6.0, r.x1, ty0 - 1.0), r.kind, r.person,
                            r.clipped_left, r.clipped_right, r.approximate))
        out.labels.append(Label(Box(r.label_x, ty0, r.label_x + r.label_w, lane_top),
                                (Part(r.text),), size, "person"))
    return y - pl.people_lanes * lane_step


def _key(out: Layout, pl: Plan, ins: Inputs, y: float, key_rows: int) -> float:
    """The numbered key, column by column; returns the y below it."""
    style, fs = ins.style, ins.fs
    size, margin = style.key_font_size, style.margin
    cols = pl.key_cols
    col_w = (out.width - 2 * margin - 8 * (cols - 1)) / cols
    num_w = fs.width(str(max(pl.numbers.values(), default=0)), size, True) + 3
    for n, (num, it) in enumerate(pl.key_entries):
        col, row = divmod(n, key_rows)
        kx = margin + col * (col_w + 8)
        ky = y - (row + 1) * text_height(size)
        rest = fs.fit(f"{it.date_text} {it.text}", col_w - num_w, size)
        w = fs.width(rest, size)
        out.labels.append(Label(Box(kx, ky, kx + num_w + w, ky + text_height(size)),
                                (Part(str(num), True), Part(" " + rest if rest else "")),
                                size, "key", (it.index,)))
    return y - key_rows * text_height(size) - 4.0
