"""A scene (``figure.scene``) painted onto a ReportLab canvas: on its own (``paint``, each page
of ``timeline.pdf``) or as the Drawing a guide places (``drawing``).

The canvas receives exactly the calls ReportLab's ``renderPDF`` makes for the Drawing of the
scene's shapes, in the same order (each shape in its own saved state, its paint set the way
``renderPDF`` sets it), so the page's operators are the same bytes; what is skipped is building
that Drawing and walking it with a state tracker, shape by shape.
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics.renderPDF import _PDFRenderer
from reportlab.graphics.shapes import DirectDraw, Drawing

from .scene import Circle, Group, Line, Polygon, Rect, Scene, Text, shape


class _Initial:
    """What ``renderPDF`` reads of a Drawing for its initial state: the initial font."""

    def __init__(self, font: str) -> None:
        self.initialFontName = font


def paint(scene: Scene, canvas: Any, x: float, y: float) -> None:
    """Paint ``scene`` with its bottom left corner at (``x``, ``y``), as ``renderPDF.draw``
    would paint its Drawing."""
    from reportlab.graphics.renderbase import StateTracker

    r = _PDFRenderer()
    r._canvas = canvas
    r._tracker = StateTracker(defaultObj=_Initial(scene.font))
    canvas.saveState()
    r.initState(x, y)
    _Painter(r).group(Group(scene.items))
    canvas.restoreState()


def drawing(scene: Scene) -> Any:
    """The scene as a ``reportlab.graphics`` Drawing (a platypus flowable) that ``renderPDF``
    paints straight from the scene; its shapes (``contents``) are made only if asked for."""
    return _SceneDrawing(scene)


class _Painted(DirectDraw):
    """One group of the scene in a Drawing. ``renderPDF`` gives it the group's own state (its
    transform) and then has it paint the group's items; any other renderer draws its shapes."""

    def __init__(self, group: Group) -> None:
        self.transform = group.transform
        self._group = group
        self._shape: Any = None

    def shape(self) -> Any:
        """The group as ``reportlab.graphics`` shapes."""
        if self._shape is None:
            self._shape = shape(self._group)
        return self._shape

    def drawDirectly(self, renderer: Any) -> None:
        if type(renderer) is _PDFRenderer:
            _Painter(renderer).items(self._group.items)
        else:  # the state is the group's already: draw what is in it
            renderer.drawGroup(self.shape())


class _SceneDrawing(Drawing):
    """A Drawing whose renderers meet the scene's groups as ``_Painted`` nodes."""

    def __init__(self, scene: Scene) -> None:
        # The drawing's own initial font: without it ReportLab puts an unembedded Helvetica
        # into any PDF the figure is placed in.
        super().__init__(scene.width, scene.height, initialFontName=scene.font)
        self._nodes = [_Painted(i) if type(i) is Group else shape(i) for i in scene.items]

    def getContents(self) -> list[Any]:
        return self._nodes

    @property
    def contents(self) -> list[Any]:  # type: ignore[override]
        """The drawing's shapes, as a Drawing made of them holds them."""
        return [n.shape() if isinstance(n, _Painted) else n for n in self._nodes]

    @contents.setter
    def contents(self, value: list[Any]) -> None:
        if value:  # only a Group's own empty start is ever set: the scene is the content
            raise ValueError("a scene's Drawing holds the scene's shapes only")


class _Painter:
    """Paints items as ``renderPDF`` does: each in a saved state, its paint set first.

    ``renderPDF`` applies a shape's state in the order of the shape's properties (sorted,
    when ReportLab runs invariant); in that first order the calls are made here directly, in
    the other through ``renderPDF`` itself."""

    def __init__(self, renderer: Any) -> None:
        from reportlab import rl_config

        self.r, self.canvas = renderer, renderer._canvas
        self.apply = renderer.applyStateChanges
        self.direct = not rl_config.invariant

    def group(self, group: Group) -> None:
        canvas = self.canvas
        canvas.saveState()
        self.apply({"transform": group.transform}, {})
        self.items(group.items)
        canvas.restoreState()

    def items(self, items: list[Any]) -> None:
        canvas = self.canvas
        for item in items:
            kind = type(item)
            if kind is Text:
                self.text(item)
            elif kind is Line:
                canvas.saveState()
                self.stroke(item.stroke, item.width, item.dash)
                if self.r._stroke:
                    canvas.line(item.x1, item.y1, item.x2, item.y2)
                canvas.restoreState()
            elif kind in (Rect, Circle, Polygon):
                self.solid(item)
            else:
                self.group(item)

    def stroke(self, color: Any, width: float, dash: Any) -> None:
        """A line's state (``LineShape``'s properties)."""
        if not self.direct:
            self.apply(_stroke_state(color, width, dash), {})
            return
        canvas = self.canvas
        if color is None:
            self.r._stroke = 0
        else:
            self.r._stroke = 1
            canvas.setStrokeColor(color)
        canvas.setLineWidth(width)
        canvas.setLineCap(0)
        canvas.setLineJoin(0)
        if dash:
            if isinstance(dash, (list, tuple)) and len(dash) == 2 and isinstance(
                    dash[1], (tuple, list)):
                canvas.setDash(dash[1], dash[0])
            else:
                canvas.setDash(dash, 0)
        else:
            canvas.setDash()

    def fill(self, color: Any) -> None:
        """A solid shape's or a string's fill."""
        if color is None:
            self.r._fill = 0
        else:
            self.r._fill = 1
            self.canvas.setFillColor(color)

    def solid(self, item: Any) -> None:
        canvas, r = self.canvas, self.r
        canvas.saveState()
        dash = getattr(item, "dash", None)
        if self.direct:  # a solid shape's own properties first, then a line's
            self.fill(item.fill)
            self.stroke(item.stroke, item.width, dash)
        else:
            state = {"fillColor": item.fill, "fillOpacity": None}
            state.update(_stroke_state(item.stroke, item.width, dash))
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
        if self.direct:  # a String's properties: anchor, font name, font size, fill
            canvas.setFont(item.font, item.size)
            canvas.setFont(item.font, item.size)
            self.fill(item.fill)
        else:
            self.apply({"textAnchor": "start", "fontName": item.font, "fontSize": item.size,
                        "fillColor": item.fill}, {})
        if self.r._fill:
            canvas.drawString(item.x, item.y, item.text, mode=None)
        canvas.restoreState()


def _stroke_state(color: Any, width: float, dash: Any) -> dict[str, Any]:
    return {"strokeColor": color, "strokeWidth": width, "strokeLineCap": 0,
            "strokeLineJoin": 0, "strokeMiterLimit": 0, "strokeDashArray": dash,
            "strokeOpacity": None}
