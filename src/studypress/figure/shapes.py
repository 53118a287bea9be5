"""What a timeline layout produces: placed shapes and text boxes, nothing drawn.

Every shape and every piece of text is a box (``x0, y0, x1, y1`` in points, y upwards as in
ReportLab), so tests can measure overlaps directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import timeaxis


@dataclass(frozen=True)
class Box:
    """A rectangle, y upwards."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, tol: float = 0.01) -> bool:
        """True when the two boxes share an area (touching edges do not count)."""
        return (self.x0 < other.x1 - tol and other.x0 < self.x1 - tol
                and self.y0 < other.y1 - tol and other.y0 < self.y1 - tol)

    def inside(self, other: Box, tol: float = 0.01) -> bool:
        """True when this box lies within ``other``."""
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
    role: str  # event, number, tick, band, person, legend, key, note, undated, continued
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
    """A light background band behind an era's events, or (``kind`` "rule") the thin rule
    under a stacked band title that spans the band's stretch of time."""

    x0: float
    x1: float
    y0: float
    y1: float
    title: str
    shade: int
    kind: str = "era"


@dataclass(frozen=True)
class LegendItem:
    """A legend's sample shape; its words are a Label of role ``legend``."""

    box: Box  # the sample shape
    kind: str  # point, range, span, approximate, undated, person


@dataclass
class Layout:
    """Everything a drawing of the timeline needs, placed."""

    width: float
    height: float
    axis: timeaxis.Axis
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
    people_left_out: int = 0  # people with dates the figure does not draw (``max_people``)
    axis_shown: bool = True  # False: nothing on the page is dated, and no axis is drawn

    @property
    def frame(self) -> Box:
        """The whole figure."""
        return Box(0.0, 0.0, self.width, self.height)

    def text_boxes(self) -> list[Box]:
        """Every piece of text."""
        return [lab.box for lab in self.labels]

    def shape_boxes(self) -> list[Box]:
        """Markers, bars and legend samples: what no text may cover."""
        return ([m.box for m in self.markers] + [b.box for b in self.bars]
                + [i.box for i in self.legend])
