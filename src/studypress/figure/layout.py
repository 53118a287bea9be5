"""The pure layout of a timeline: events and people in, placed shapes and text boxes out.

Nothing here draws. The steps, each in its own module: the figure's input in day numbers
(``items``), candidate time axes (``studypress.timeaxis``), for each axis a plan of marks
(``marks``), people's lanes (``people``) and labels (``labels``, placed in ``lanes``), the best
plan chosen (``plan``), then its assembly into a ``Layout`` of boxes (``assemble``, ``legend``;
the results are in ``shapes``).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .. import timeaxis
from ..model import Event, Person
from .assemble import assemble, figure_height
from .byidentity import ByIdentity
from .datelabel import STYLES, note_style
from .items import DaySpan, Page, axis_spans, items, person_spans
from .labels import LabelWidths
from .legend import legend_kinds, legend_lines
from .people import kept_people, left_out_note
from .plan import Heights, Inputs, Plan, best_plan, header_height, plan
from .shapes import Layout
from .style import Style
from .text import FontSet, default_fontset
from .undated import undated_height


def layout(events: Sequence[Event], people: Sequence[Person], width: float,
           height: float | None, style: Style | None = None,
           fontset: FontSet | None = None, *, page: Page | None = None) -> Layout:
    """Place a timeline of ``events`` and ``people`` in a ``width`` x ``height`` box.

    ``height`` None means as tall as needed. ``page`` lays out one page of a figure continued
    over several (``pages.paged_layouts``): only its events, its people and its header. Pure:
    the same input gives the same layout.
    """
    return draft(events, people, width, height, style, fontset, page=page).layout()


@dataclass
class Draft:
    """A layout planned but not yet assembled: its height and mode are known before its text
    is placed (a page of a figure continued over pages is tried at several lengths, and only
    the one kept is assembled)."""

    plan: Plan
    inputs: Inputs
    people_left_out: int
    _made: Layout | None = None

    @functools.cached_property
    def height(self) -> float:
        """The layout's height (``Layout.height``); a page being fitted asks it often."""
        return figure_height(self.plan, self.inputs)

    @property
    def numbered(self) -> bool:
        """Numbered marks and a key rather than full labels (``Layout.numbered``)."""
        return self.plan.numbered

    def layout(self) -> Layout:
        """The layout, assembled once."""
        if self._made is None:
            self._made = assemble(self.plan, self.inputs)
            self._made.people_left_out = self.people_left_out
        return self._made


def draft(events: Sequence[Event], people: Sequence[Person], width: float,
          height: float | None, style: Style | None = None,
          fontset: FontSet | None = None, *, page: Page | None = None) -> Draft:
    """``layout`` up to its assembly."""
    style = _with_date_style(style or Style(), events, people)
    fs = fontset or default_fontset(style.font_family)
    width = max(float(width), 120.0)
    its = items(events, style.date_style, style.language)
    dated = [it for it in its if it.span is not None]
    undated = [it for it in its if it.span is None]
    spans, left_out, note = _people(people, style, page)
    if page is not None:
        on_page = set(page.events)
        dated = [it for it in dated if it.index in on_page]
        if page.undated is not True:
            listed = set(page.undated or ())
            undated = [it for it in undated if it.index in listed]
    shown, weights = axis_spans(dated, spans)
    axes = timeaxis.axis_options(
        shown, weights, style.margin, width - style.margin, pad=style.end_pad,
        break_width=style.break_width, compress=style.compress,
        min_gap_fraction=style.min_gap_fraction)
    kinds = legend_kinds(dated, any(spans), style)
    header = page.header if page is not None else ""
    heights = Heights(style, legend_lines(kinds, width, style, fs),
                      undated_height(len(undated), width, style),
                      header_height(style) if header else 0.0,
                      axis=bool(dated) or any(s is not None for s in spans))
    ins = Inputs(events, people, dated, undated, spans, style, fs, width, height, heights,
                 kinds, note, page.first_number if page is not None else 1, header,
                 _label_widths(events, style, fs))
    return Draft(best_plan([plan(ins, ax) for ax in axes], style), ins, left_out)


def _label_widths(events: Sequence[Event], style: Style, fs: FontSet) -> LabelWidths:
    """The labels' widths every layout of the note's figure in these fonts shares."""
    if not isinstance(events, tuple):  # a list may change: measured afresh
        return LabelWidths(fs, style)
    found = fs.by_note.get((events, style), lambda: LabelWidths(fs, style), "label widths")
    assert isinstance(found, LabelWidths)
    return found


def _people(people: Sequence[Person], style: Style, page: Page | None
            ) -> tuple[list[DaySpan | None], int, str]:
    """The spans of the people drawn (None for the others: undated, beyond ``max_people`` or
    off the page), how many the cap leaves out, and the caption line that says so."""
    every = person_spans(people)
    spans = kept_people(people, every, style.max_people)
    kept = sum(s is not None for s in spans)
    left_out = sum(s is not None for s in every) - kept
    if page is not None and page.people is not None:
        mine = set(page.people)
        spans = [s if i in mine else None for i, s in enumerate(spans)]
    return spans, left_out, left_out_note(left_out, left_out + kept, style) if left_out else ""


def _with_date_style(style: Style, events: Sequence[Event], people: Sequence[Person]) -> Style:
    """The style with its date style decided: "auto" takes the note's own."""
    if style.date_style in STYLES:
        return style

    def decide() -> Style:
        dates = [e.date for e in events if e.date is not None]
        dates += [p.span for p in people if p.span is not None]
        return replace(style, date_style=note_style(dates))

    if not (isinstance(events, tuple) and isinstance(people, tuple)):  # a list may change
        return decide()
    # every layout of one figure asks again: known by the very style, events and people
    return _DECIDED.get((style, events, people), decide)


_DECIDED: ByIdentity[Style] = ByIdentity(32)
