"""A Layout drawn with ``reportlab.graphics``: a Drawing usable as a platypus flowable.

Marks differ by shape as well as colour, so the figure reads in greyscale: a filled dot for a day,
a solid bar with end caps for a range of days, a hollow bracketed bar for a coarser date, dashed
outlines for approximate dates, a hollow diamond for an undated event.
"""

from __future__ import annotations

import functools
from typing import Any

from .. import textline
from .scene import Circle, Group, Line, Polygon, Rect, Scene, Text
from .shapes import Bar, Label, Layout, LegendItem, Marker
from .style import Style
from .text import FontSet


@functools.lru_cache(maxsize=256)
def colour(value: str, fallback: str = "#000000") -> Any:
    """A ReportLab colour; a value it cannot read gives the fallback instead of an error."""
    from reportlab.lib import colors

    try:
        return colors.toColor(value)
    except Exception:
        return colors.toColor(fallback)


@functools.lru_cache(maxsize=256)
def tint(value: str, amount: float, fallback: str = "#000000") -> Any:
    """``value`` laid ``amount`` (0..1) thick over white, as one opaque colour.

    Light fills are drawn this way rather than with an opacity: the SVG (and the PNG made from
    it) carries no opacity, and an opaque colour looks the same in the PDF, the SVG and the PNG.
    """
    from reportlab.lib import colors

    c = colour(value, fallback)
    mix = [1 - amount + amount * v for v in (c.red, c.green, c.blue)]
    return colors.Color(*mix)


def draw(lay: Layout, style: Style, fontset: FontSet, height: float | None = None) -> Any:
    """The Drawing of ``lay``, ``lay.width`` x (``height`` or ``lay.height``) points."""
    from .paint import drawing

    return drawing(scene(lay, style, fontset, height))


def scene(lay: Layout, style: Style, fontset: FontSet, height: float | None = None) -> Scene:
    """The scene ``draw`` draws."""
    box_h = lay.height if height is None else float(height)
    return Scene(lay.width, box_h, fontset.family.regular, [_figure(lay, style, fontset, box_h)])


PAGE_GAP = 18.0  # points between two pages of a figure drawn one above the other


def draw_pages(lays: list[Layout], style: Style, fontset: FontSet) -> tuple[Scene, list[Scene]]:
    """The pages of a figure continued over pages as one tall scene, first page on top, a
    thin dashed rule in the gap between two pages; and the scene of each page (``scene``),
    sharing the pages' shapes: each page is drawn once."""
    figures = [_figure(lay, style, fontset, lay.height) for lay in lays]
    font = fontset.family.regular
    pages = [Scene(lay.width, lay.height, font, [fig])
             for lay, fig in zip(lays, figures, strict=True)]
    return _stack(lays, style, font, figures), pages


def _stack(lays: list[Layout], style: Style, font: str, figures: list[Group]) -> Scene:
    width = max(lay.width for lay in lays)
    total = sum(lay.height for lay in lays) + PAGE_GAP * (len(lays) - 1)
    items: list[Any] = []
    top = total
    for n, (lay, figure) in enumerate(zip(lays, figures, strict=True)):
        if n:
            y = top + PAGE_GAP / 2
            items.append(Line(0, y, width, y, colour(style.stem_colour, "#999999"), 0.5,
                              (3, 2)))
        items.append(Group([figure], (1, 0, 0, 1, 0, top - lay.height)))
        top -= lay.height + PAGE_GAP
    return Scene(width, total, font, items)


def _figure(lay: Layout, style: Style, fontset: FontSet, box_h: float) -> Group:
    """The figure's shapes and text as one Group in a box ``box_h`` points tall."""
    g = Group([])
    if lay.scale < 1.0:  # a box too small for the content: shrink it, centred horizontally
        s = lay.scale
        g = Group([], (s, 0, 0, s, lay.width * (1 - s) / 2, box_h - lay.content_height * s))
    elif box_h != lay.height:
        g = Group([], (1, 0, 0, 1, 0, box_h - lay.height))
    add = g.items.append
    _bands(add, lay, style)
    if lay.axis_shown:
        _axis(add, lay, style)
    for label in lay.labels:
        if label.stem is not None:
            _stem(add, label, style)
    for marker in lay.markers:
        _marker(add, marker, style)
    for bar in lay.bars:
        _bar(add, bar, style)
    for item in lay.legend:
        _legend(add, item, style)
    for label in lay.labels:
        _text(add, label, style, fontset)
    return g


def _bands(add, lay: Layout, style: Style) -> None:
    for band in lay.bands:
        if band.kind == "rule":  # a bracket over the band's stretch: a bar with end ticks
            c = colour(style.muted_colour, "#666666")
            mid = (band.y0 + band.y1) / 2
            add(Line(band.x0, mid, band.x1, mid, stroke=c, width=1.0))
            for x in (band.x0, band.x1):
                add(Line(x, band.y0, x, band.y1, stroke=c, width=0.7))
            continue
        fill = colour(style.band_colours[band.shade % len(style.band_colours)], "#eeeeee")
        add(Rect(band.x0, band.y0, band.x1 - band.x0, band.y1 - band.y0, fill=fill,
                   stroke=None, width=0))


def _axis(add, lay: Layout, style: Style) -> None:
    ax_c = colour(style.axis_colour, "#333333")
    y = lay.axis_y
    for seg in lay.axis.segments:
        add(Line(seg.x0, y, seg.x1, y, stroke=ax_c, width=0.8))
    brk_c = colour(style.break_colour, "#555555")
    for x0, x1 in lay.axis.breaks:  # two slanted strokes: the conventional axis break
        for x in (x0 + (x1 - x0) * 0.3, x0 + (x1 - x0) * 0.7):
            add(Line(x - 1.6, y - 3.5, x + 1.6, y + 3.5, stroke=brk_c, width=0.8))
    for x, y0, y1 in lay.ticks:
        add(Line(x, y0, x, y1, stroke=ax_c, width=0.6))


def _stem(add, label: Label, style: Style) -> None:
    assert label.stem is not None
    x, y0, y1 = label.stem
    c = colour(style.stem_colour, "#999999")
    add(Line(x, y0 + 0.5, x, y1, stroke=c, width=0.4))
    if label.bracket is not None:
        a, b = label.bracket
        add(Line(a, y0 + 0.5, b, y0 + 0.5, stroke=c, width=0.6))


def _marker(add, mk: Marker, style: Style) -> None:
    b = mk.box
    cx, cy = (b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2
    main = colour(style.approximate_colour if mk.approximate else style.event_colour)
    white = colour("#ffffff")
    dash = (1.5, 1.2) if mk.approximate else None
    if mk.kind == "point":
        r = (b.x1 - b.x0) / 2
        fill = white if mk.approximate else main
        add(Circle(cx, cy, r, fill=fill, stroke=main, width=0.8,
                     dash=dash))
    elif mk.kind == "undated":
        c = colour(style.undated_colour, "#8a5a00")
        add(Polygon([b.x0, cy, cx, b.y1, b.x1, cy, cx, b.y0], fill=white,
                      stroke=c, width=0.9))
    elif mk.kind == "range":
        h = (b.y1 - b.y0) * 0.3
        add(Rect(b.x0, cy - h, b.x1 - b.x0, 2 * h, fill=main, stroke=None,
                   width=0))
        for x in (b.x0, b.x1):
            add(Line(x, b.y0, x, b.y1, stroke=main, width=0.9))
    else:  # an imprecise date: a hollow bracketed bar over every day it may mean
        fill = white if mk.approximate else tint(style.event_colour, 0.25)
        add(Rect(b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0, fill=fill,
                   stroke=main, width=0.8, dash=dash))


def _bar(add, bar: Bar, style: Style) -> None:
    b = bar.box
    c = colour(style.person_colour, "#4f7a35")
    cy = (b.y0 + b.y1) / 2
    if bar.kind == "death":  # a cross
        add(Line(b.x0 + 0.5, b.y0, b.x1 - 0.5, b.y1, stroke=c, width=1.2))
        add(Line(b.x0 + 0.5, b.y1, b.x1 - 0.5, b.y0, stroke=c, width=1.2))
        return
    if bar.kind == "birth":  # a triangle
        add(Polygon([b.x0, b.y0, b.x1, b.y0, (b.x0 + b.x1) / 2, b.y1], fill=c,
                      stroke=None, width=0))
        return
    arrow = min(4.0, (b.x1 - b.x0) / 3)
    x0 = b.x0 + (arrow if bar.clipped_left else 0)
    x1 = b.x1 - (arrow if bar.clipped_right else 0)
    dash = (2, 1.5) if bar.approximate else None
    fill = tint(style.person_colour, 0.45 if bar.approximate else 0.85, "#4f7a35")
    add(Rect(x0, b.y0, max(0.5, x1 - x0), b.y1 - b.y0, fill=fill, stroke=c,
               width=0.6, dash=dash))
    if bar.clipped_left:
        add(Polygon([b.x0, cy, x0, b.y1 + 0.5, x0, b.y0 - 0.5], fill=c, stroke=None,
                      width=0))
    if bar.clipped_right:
        add(Polygon([b.x1, cy, x1, b.y1 + 0.5, x1, b.y0 - 0.5], fill=c, stroke=None,
                      width=0))


def _legend(add, item: LegendItem, style: Style) -> None:
    b = item.box
    kind = {"approximate": "span", "person": None}.get(item.kind, item.kind)
    if kind is None:
        _bar(add, Bar(b, "bar", -1), style)
        return
    _marker(add, Marker(b, kind, (b.x0 + b.x1) / 2, b.x0, b.x1, -1,
                      approximate=item.kind == "approximate"), style)


def _text(add, label: Label, style: Style, fontset: FontSet) -> None:
    x = label.box.x0
    y = label.box.y0 + label.size * 0.28  # baseline above the descenders
    text_c = colour(style.text_colour, "#222222")
    muted_c = colour(style.muted_colour, "#666666")
    before: tuple[str, str] | None = None  # the run drawn last, measured once one follows
    for part in label.parts:
        c = muted_c if part.muted else text_c
        if label.role == "number":
            c = colour(style.event_colour)
        for run, font, _ in fontset.visual(part.text, part.bold):
            if before is not None and before[0]:
                x += textline.width(before[0], before[1], label.size)
            before = (run, font)
            for piece, dx, dy in textline.placed(run, label.size):  # marks sit where shaped
                add(Text(x + dx, y + dy, piece, font=font, size=label.size,
                             fill=c))
