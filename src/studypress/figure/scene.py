"""The figure as drawn: a tree of plain shapes (lines, rectangles, circles, polygons, strings in
groups), each with its paint, in drawing order.

A scene is what ``draw`` makes of a layout and what every output of the figure is written from:
``figure.paint`` paints it straight onto a ReportLab canvas (``timeline.pdf``, and the Drawing
the guide places as a flowable) and ``renderers.timeline.svg`` writes it as SVG, both with the
very operators and elements ReportLab's own renderers would write for the Drawing of its
shapes (``shape``), without building that Drawing shape by shape.
Colours are ReportLab colours; ``dash`` is a dash array or None.
"""

from __future__ import annotations

from typing import Any, NamedTuple

IDENTITY = (1, 0, 0, 1, 0, 0)


class Line(NamedTuple):
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: Any
    width: float
    dash: Any = None


class Rect(NamedTuple):
    x: float
    y: float
    w: float
    h: float
    fill: Any
    stroke: Any
    width: float
    dash: Any = None


class Circle(NamedTuple):
    cx: float
    cy: float
    r: float
    fill: Any
    stroke: Any
    width: float
    dash: Any = None


class Polygon(NamedTuple):
    points: list[float]  # x0, y0, x1, y1 ...
    fill: Any
    stroke: Any
    width: float


class Text(NamedTuple):
    x: float
    y: float
    text: str  # a ShapedStr for a shaped right-to-left run
    font: str
    size: float
    fill: Any


class Group(NamedTuple):
    items: list[Any]
    transform: tuple[float, ...] = IDENTITY


class Scene(NamedTuple):
    """A whole picture: ``width`` x ``height`` points, ``font`` its initial font."""

    width: float
    height: float
    font: str
    items: list[Any]


def shape(item: Any) -> Any:
    """One item (a group with everything in it) as ``reportlab.graphics`` shapes."""
    from reportlab.graphics import shapes

    kind = type(item)
    if kind is Line:
        return shapes.Line(item.x1, item.y1, item.x2, item.y2, strokeColor=item.stroke,
                           strokeWidth=item.width, strokeDashArray=item.dash)
    if kind is Rect:
        return shapes.Rect(item.x, item.y, item.w, item.h, fillColor=item.fill,
                           strokeColor=item.stroke, strokeWidth=item.width,
                           strokeDashArray=item.dash)
    if kind is Circle:
        return shapes.Circle(item.cx, item.cy, item.r, fillColor=item.fill,
                             strokeColor=item.stroke, strokeWidth=item.width,
                             strokeDashArray=item.dash)
    if kind is Polygon:
        return shapes.Polygon(item.points, fillColor=item.fill, strokeColor=item.stroke,
                              strokeWidth=item.width)
    if kind is Text:
        return shapes.String(item.x, item.y, item.text, fontName=item.font,
                             fontSize=item.size, fillColor=item.fill)
    g = shapes.Group(*(shape(child) for child in item.items))
    g.transform = item.transform
    return g
