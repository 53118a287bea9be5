"""A scene (``figure.scene``) painted onto a ReportLab canvas.

The canvas receives exactly the calls ReportLab's ``renderPDF`` makes for the scene's Drawing,
in the same order (each shape in its own saved state, its paint set the way ``renderPDF`` sets
it), so the page's operators are the same bytes; what is skipped is building the Drawing and
walking it with a state tracker, shape by shape.
"""

from __future__ import annotations

from typing import Any

from .scene import IDENTITY, Circle, Line, Polygon, Rect, Scene, Text


class _Initial:
    """What ``renderPDF`` reads of a Drawing for its initial state: the initial font."""

    def __init__(self, font: str) -> None:
        self.initialFontName = font


def paint(scene: Scene, canvas: Any, x: float, y: float) -> None:
    """Paint ``scene`` with its bottom left corner at (``x``, ``y``)."""
    from reportlab.graphics.renderbase import StateTracker
    from reportlab.graphics.renderPDF import _PDFRenderer

    r = _PDFRenderer()
    r._canvas = canvas
    r._tracker = StateTracker(defaultObj=_Initial(scene.font))
    canvas.saveState()
    r.initState(x, y)
    _Painter(r, canvas).group(scene.items, IDENTITY)
    canvas.restoreState()


class _Painter:
    def __init__(self, renderer: Any, canvas: Any) -> None:
        self.r, self.canvas = renderer, canvas
        self.apply = renderer.applyStateChanges

    def group(self, items: list[Any], transform: tuple) -> None:
        canvas = self.canvas
        canvas.saveState()
        self.apply({"transform": transform}, {})
        for item in items:
            kind = type(item)
            if kind is Text:
                self.text(item)
            elif kind is Line:
                canvas.saveState()
                self.apply(_stroke_state(item.stroke, item.width, item.dash), {})
                if self.r._stroke:
                    canvas.line(item.x1, item.y1, item.x2, item.y2)
                canvas.restoreState()
            elif kind in (Rect, Circle, Polygon):
                self.solid(item)
            else:
                self.group(item.items, item.transform)
        canvas.restoreState()

    def solid(self, item: Any) -> None:
        canvas, r = self.canvas, self.r
        canvas.saveState()
        state = {"fillColor": item.fill, "fillOpacity": None}
        state.update(_stroke_state(item.stroke, item.width, getattr(item, "dash", None)))
        self.apply(state, {})
        kind = type(item)
        if kind is Rect:
            canvas.rect(item.x, item.y, item.w, item.h, stroke=r._stroke, fill=r._fill)
        elif kind is Circle:
            canvas.circle(item.cx, item.cy, item.r, fill=r._fill, stroke=r._stroke)
        else:
            p = item.points
            path = canvas.beginPath()
            path.moveTo(p[0], p[1])
            for i in range(2, len(p), 2):
                path.lineTo(p[i], p[i + 1])
            path.close()
            canvas.drawPath(path, stroke=r._stroke, fill=r._fill)
        canvas.restoreState()

    def text(self, item: Text) -> None:
        canvas = self.canvas
        canvas.saveState()
        self.apply({"textAnchor": "start", "fontName": item.font, "fontSize": item.size,
                    "fillColor": item.fill}, {})
        if self.r._fill:
            canvas.drawString(item.x, item.y, item.text, mode=None)
        canvas.restoreState()


def _stroke_state(color: Any, width: float, dash: Any) -> dict[str, Any]:
    return {"strokeColor": color, "strokeWidth": width, "strokeLineCap": 0,
            "strokeLineJoin": 0, "strokeMiterLimit": 0, "strokeDashArray": dash,
            "strokeOpacity": None}
