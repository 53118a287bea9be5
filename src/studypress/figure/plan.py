"""Plans: for one candidate axis, everything that depends on it (marks, ticks, people's lanes,
bands, labels), scored so that candidate axes can be compared."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from .. import timeaxis
from ..model import Event, Person
from . import marks
from .bands import band_titles, row_height, title_rows
from .caption import caption_height, caption_lines, caption_parts
from .items import DaySpan, Item
from .labels import LabelWidths, attempts, fit_label, lane_height, numbered, text_height
from .lanes import Placement, place_labels
from .people import PersonRow, people_rows
from .shapes import Part
from .style import Style
from .text import FontSet
from .widen import widen


@dataclass(frozen=True)
class Heights:
    """The heights that do not depend on the labels: rows of marks, text below the axis."""

    style: Style
    legend_lines: int
    undated: float = 0.0  # the list of undated events
    header: float = 0.0  # the "continued" line of a page of a figure continued over pages
    axis: bool = True  # False: nothing dated to place (a page of undated events), no axis drawn

    @property
    def row(self) -> float:
        """One row of marks on the axis."""
        return self.style.marker_size + 2.0

    @property
    def person_lane(self) -> float:
        """One lane of people."""
        return text_height(self.style.person_font_size) + 7.0

    def band_rows(self, titles: list[tuple[str, float, int]], stacked: bool = False) -> float:
        """The rows of band titles."""
        return title_rows(titles) * row_height(self.style, stacked)

    def below_axis(self, people_lanes: int, key_rows: int, caption: float = 0.0) -> float:
        """Ticks, people, legend, the axis's caption and key."""
        style = self.style
        h = 3.0 + text_height(style.tick_font_size) + 4.0 if self.axis else 0.0
        if people_lanes:
            h += people_lanes * self.person_lane + 2.0
        h += self.legend_lines * (text_height(style.key_font_size) + 2.0) + 4.0
        if key_rows:
            h += key_rows * text_height(style.key_font_size) + 4.0
        return h + self.undated + caption

    def above_fixed(self, n_rows: int, band_row: float) -> float:
        """The top margin, the band titles and the rows of marks."""
        marks = 3.0 + n_rows * self.row + 2.0 if self.axis else 0.0
        return self.style.margin + self.header + band_row + marks


@dataclass(frozen=True)
class Inputs:
    """What every plan of one figure shares."""

    events: Sequence[Event]
    people: Sequence[Person]
    items: list[Item]  # the dated events: the marks on the axis
    undated: list[Item]  # listed apart
    person_spans: list[DaySpan | None]
    style: Style
    fs: FontSet
    width: float
    height: float | None
    heights: Heights
    legend: list[tuple[str, str]]
    people_note: str = ""  # the caption line saying how many people are left out
    first_number: int = 1  # the number of the first numbered mark
    header: str = ""  # a page's "continued" line
    # the labels' widths, shared by every layout of the figure (None: this plan's own)
    labels: LabelWidths | None = field(default=None, compare=False)


@dataclass
class Plan:
    """Everything that depends on the choice of axis, scored to compare axes."""

    axis: timeaxis.Axis
    anchors: dict[int, float]
    extents: list[tuple[float, float]]
    rows: list[int]
    ticks: list[timeaxis.Tick]
    people_rows: list[PersonRow]
    bands: list[tuple[float, float, str]]
    titles: list[tuple[str, float, int]]  # each band's shown title, its x and its row
    stacked: bool  # bands overlap: titles over rules, no backgrounds (``bands``)
    numbered: bool
    size: float
    placement: Placement
    groups: list[list[int]]
    parts: list[tuple[Part, ...]]
    numbers: dict[int, int]
    key_entries: list[tuple[int, Item]]
    key_cols: int
    spread: float  # the median distance between neighbouring dated marks
    caption: list[str] = field(default_factory=list)  # lines explaining a compressed axis

    @property
    def lanes(self) -> int:
        """Lanes of labels (or numbers) above the axis."""
        return max((k for k, _, _ in self.placement), default=-1) + 1

    @property
    def people_lanes(self) -> int:
        """Lanes of people below the axis."""
        return max((r.lane for r in self.people_rows), default=-1) + 1

    def better_than(self, other: Plan) -> bool:
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


FULL_LABEL_WIDTH = 0.75  # a label given room beside it may be this share of the figure wide


def header_height(style: Style) -> float:
    """The height of a page's "continued" line."""
    return text_height(style.key_font_size) + 3.0


def _spread(xs: list[float]) -> float:
    gaps = sorted(b - a for a, b in itertools.pairwise(xs))
    return gaps[len(gaps) // 2] if gaps else 0.0


@dataclass(frozen=True)
class _Room:
    """How many lanes of labels fit the figure's height."""

    inputs: Inputs
    fixed: float  # everything above the axis but the lanes, and the bottom margin
    people_lanes: int
    caption: float  # the caption's height

    def lanes(self, size: float, key_rows: int) -> int:
        ins = self.inputs
        if ins.height is None:
            return ins.style.max_lanes
        room = ins.height - self.fixed - ins.heights.below_axis(self.people_lanes, key_rows,
                                                                 self.caption)
        return max(0, int(room // lane_height(size)))


def plan(ins: Inputs, ax: timeaxis.Axis) -> Plan:
    """The best labelling of the figure on axis ``ax``: full labels if any attempt fits, else
    numbered marks and a key."""
    style, fs = ins.style, ins.fs
    where = marks.anchors(ins.items, ax)
    ext = marks.extents(ins.items, where, ax, style)
    rws = marks.rows(ext, style.marker_rows)
    ticks = timeaxis.choose_ticks(ax, lambda s: fs.width(s, style.tick_font_size), gap=8.0,
                                  language=style.language)
    prows = people_rows(ins.people, ins.person_spans, ax, style, fs, ins.width)
    bands = marks.band_extents(ins.events, ins.items, ax)
    titles, stacked = band_titles(bands, fs, style, ins.width)
    spread = _spread(sorted(where[it.index] for it in ins.items if it.span))
    caption = caption_lines(caption_parts(ax, style.end_pad, style), ins.width, style, fs)
    if ins.people_note:
        caption.append(fs.fit(ins.people_note, ins.width - 2 * style.margin,
                              style.key_font_size))
    base = Plan(ax, where, ext, rws, ticks, prows, bands, titles, stacked, False, 0.0, [], [], [],
                {}, [], 1, spread, caption)
    n_rows = max(rws, default=-1) + 1
    fixed = ins.heights.above_fixed(n_rows, ins.heights.band_rows(titles, stacked)) + style.margin
    room = _Room(ins, fixed, base.people_lanes, caption_height(base.caption, style))
    xs = [where[it.index] for it in ins.items]
    return _labelled(ins, base, xs, room) or _numbered(ins, base, xs, room)


def _labelled(ins: Inputs, base: Plan, xs: list[float], room: _Room) -> Plan | None:
    """The first attempt whose labels fit in comfortable lanes, else the one with the fewest
    lanes; None when no attempt fits."""
    style, fs, width = ins.style, ins.fs, ins.width
    margin = style.margin
    max_w = min(width * style.max_label_width, width - 2 * margin - 2.0)
    room_w = min(width * FULL_LABEL_WIDTH, width - 2 * margin - 2.0)
    found: list[Plan] = []
    whole = [(it.date_text, it.text) for it in ins.items]
    labels = ins.labels or LabelWidths(fs, style)
    for size, chars in attempts(style):
        lanes = room.lanes(size, 0)
        if lanes < 1:
            continue
        widths, mins = labels.clamped(ins.items, size, chars, max_w)
        # where its lane has room, a label takes more than its share: cut only when room runs out
        fulls = labels.clamped(ins.items, size, None, max(max_w, room_w))[0]
        placement = place_labels(xs, widths, mins, x_min=margin, x_max=width - margin,
                                 pad=1.5, gap=4.0, max_lanes=lanes, full_widths=fulls)
        if placement is None:
            continue
        whole_w = labels.clamped(ins.items, size, None, width - 2 * margin)[0]
        placement = widen(xs, placement, whole_w, x_min=margin, x_max=width - margin, pad=1.5,
                          gap=4.0, max_lanes=min(lanes, style.comfortable_lanes))
        parts = [fit_label(t, w, size, fs) for t, (_, _, w) in zip(whole, placement, strict=True)]
        found.append(replace(base, size=size, placement=placement,
                             groups=[[i] for i in range(len(ins.items))], parts=parts))
        if found[-1].lanes <= style.comfortable_lanes:
            break
    if not found:
        return None
    return min(found, key=lambda p: p.lanes if p.lanes > style.comfortable_lanes else 0)


def _numbered(ins: Inputs, base: Plan, xs: list[float], room: _Room) -> Plan:
    """Labels cannot fit at the minimum size: numbered marks and a key."""
    style, its = ins.style, ins.items
    order = sorted(range(len(its)), key=lambda i: (xs[i], i))
    numbers = {its[i].index: n + ins.first_number for n, i in enumerate(order)}
    key_entries = [(numbers[its[i].index], its[i]) for i in order]
    key_cols = max(1, int((ins.width - 2 * style.margin + 8) // (style.key_column_width + 8)))
    key_rows = math.ceil(len(its) / key_cols) if style.key else 0
    size = style.font_size
    lanes = max(1, room.lanes(size, key_rows))
    placement, groups, parts = numbered(order, xs, numbers, its, size, lanes, ins.width,
                                        style.margin, ins.fs)
    return replace(base, numbered=True, size=size, placement=placement, groups=groups,
                   parts=parts, numbers=numbers, key_entries=key_entries, key_cols=key_cols)


def best_plan(plans: list[Plan], style: Style) -> Plan:
    """The proportional axis's plan unless a compressed one helps (or is asked for)."""
    best = plans[0]
    for p in plans[1:]:
        if style.compress == "always" or p.better_than(best):
            best = p
    return best
