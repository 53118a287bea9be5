"""The cut-out cards: front (the name, large) and back (role, span, description,
appearances) page pairs laid out for duplex printing, with cut marks; text shrinks to fit its
card's safe area and, at the floor size, is cut with a warning."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...model import Note, Person, RichText
from ..pdf.people import span_label
from . import layout as geo
from .cast import other_script_name
from .fitting import fit_text, sizes
from .settings import PAPER, Settings, _bad
from .text import (
    Marked,
    OneLines,
    Styles,
    Warnings,
    also_markup,
    appears_markup,
    height_of,
    markup_of,
    para,
)


def grid_for(s: Settings, paper: tuple[float, float]) -> geo.CardGrid:
    """The card grid of the chosen format on its page (the build's paper, a named paper or the
    card itself); a format that cannot work is a LayoutError."""
    if s.card_page == "card":
        page = (s.card_w, s.card_h)
    elif s.card_page in PAPER:
        page = PAPER[s.card_page]
    else:
        page = paper
    try:
        return geo.card_grid(page[0], page[1], s.card_w, s.card_h, duplex=s.duplex,
                             back_offset=s.back_offset, mark_length=s.mark_length,
                             mark_gap=s.mark_gap)
    except geo.GridError as exc:
        raise _bad(f"[formats.{s.card_format}]", f"does not work: {exc}") from None


def draw_cards(c: Any, note: Note, people: list[Person], s: Settings, grid: geo.CardGrid,
               index: dict[int, int], warn: Warnings) -> None:
    """Each sheet of cards as a front page then its back page, cut marks on the fronts."""
    lines = OneLines()
    known = Marked()

    def front(i: int, r: geo.Rect) -> None:
        problem = _draw_front(c, people[i], note, r, s, warn, lines)
        if problem:
            warn.names[index[id(people[i])]] = problem

    def back(i: int, r: geo.Rect) -> None:
        _draw_back(c, people[i], note, r, s, warn, index[id(people[i])], known)

    draw_sheets(c, len(people), grid, s, front, back)


def draw_sheets(c: Any, count: int, grid: geo.CardGrid, s: Settings,
                front: Callable[[int, geo.Rect], None],
                back: Callable[[int, geo.Rect], None]) -> None:
    """Each sheet of ``count`` cards as a front page (with its cut marks) then its back page;
    ``front`` and ``back`` draw card *i* into its safe area."""
    page = (grid.page_w, grid.page_h)
    insets = geo.text_insets(grid.fronts, grid.page_w, grid.page_h, s.safe_inset,
                             s.printer_margin)

    def safe(r: geo.Rect) -> geo.Rect:
        return geo.safe_area(r, insets)

    for sheet in geo.place(count, grid):
        c.setPageSize(page)
        if s.cut_marks:
            draw_marks(c, grid, s)
        for i, rect, _ in sheet:
            front(i, safe(rect))
        c.showPage()
        c.setPageSize(page)
        for i, _, rect in sheet:
            back(i, safe(rect))
        c.showPage()


def draw_marks(c: Any, grid: geo.CardGrid, s: Settings) -> None:
    """The cut marks of a front page."""
    c.saveState()
    c.setStrokeColor(s.color("cut_marks"))
    c.setLineWidth(s.mark_width)
    for m in grid.marks:
        c.line(m.x1, m.y1, m.x2, m.y2)
    c.restoreState()


def clip(c: Any, r: geo.Rect) -> None:
    """Draw only inside ``r`` until the state is restored."""
    path = c.beginPath()
    path.rect(r.x, r.y, r.w, r.h)
    c.clipPath(path, stroke=0, fill=0)


def _draw_front(c: Any, person: Person, note: Note, r: geo.Rect, s: Settings,
                warn: Warnings, lines: OneLines) -> str | None:
    """The name, large and centred; under it the name in another script; the note at the foot.
    Returns a warning when the name cannot fit even at the floor size."""
    foot = lines.line(note.title, Styles.at(s, s.name_floor).footer, r.w, warn.title())
    missing = warn.person(person)
    _, foot_h = foot.wrap(r.w, r.h)
    room = r.h - foot_h - 4
    alias = other_script_name(person)
    chosen: list[Any] = []
    for size in sizes(s.name_size, s.name_floor, 1.0):
        st = Styles.at(s, size)
        name = para(person.name, st.front_name, missing)
        chosen = [name]
        if alias:
            chosen.append(para(alias, st.front_alias, missing))
        total = sum(height_of(f, r.w) for f in chosen) + (size * 0.3 if alias else 0)
        name.wrap(r.w, room)
        if len(name.blPara.lines) <= 2 and total <= room:
            break
    heights = [height_of(f, r.w) for f in chosen]
    gap = chosen[0].style.fontSize * 0.3 if len(chosen) > 1 else 0
    total = sum(heights) + gap
    problem = None
    if total > room + 0.01:
        problem = (f"{person.name}: the name does not fit on the front of its card even at "
                   f"{s.name_floor:g} pt, so its end is cut off; give a shorter name (and the "
                   "full one as an alias), or choose a larger card ([cards] format in "
                   "layouts/handout.toml)")
    c.saveState()
    clip(c, r)
    y = r.y + foot_h + 4 + max(0.0, (room - total) / 2) + total
    for f, h in zip(chosen, heights, strict=True):
        y -= h
        f.drawOn(c, r.x, y)
        y -= gap
    foot.drawOn(c, r.x, r.y)
    c.restoreState()
    return problem


def _back_parts(person: Person, note: Note, st: Styles, s: Settings, description: RichText,
                warn: Warnings, known: Marked) -> list[tuple[Any, float]]:
    """The back's flowables with the space above each; ``known`` keeps the markup every type
    size shares (a description cut to fit is marked up anew)."""
    size = st.size
    missing = warn.person(person)
    who = id(person)
    parts: list[tuple[Any, float]] = []
    if person.role:
        parts.append((known.para(("role", who), st.back_role[0],
                                 lambda: markup_of(person.role, st.back_role, missing)), 0.0))
    span = known.once(("span", who), lambda: span_label(person, s.text))
    if span:
        parts.append((known.para(("span", who, "text"), st.also[0],
                                 lambda: markup_of(span, st.also, missing)), size * 0.1))
    others = [a for a in person.aliases if a != other_script_name(person)]
    if others:
        parts.append((known.para(("also", who), st.also[0], lambda: also_markup(
            person, others, s, st.also, warn)), size * 0.1))
    if description:
        body = (known.para(("body", who), st.body[0],
                           lambda: markup_of(description, st.body, missing))
                if description is person.description else para(description, st.body, missing))
        parts.append((body, size * 0.45 if parts else 0.0))
    seen = known.para(("appears", who), st.meta[0],
                      lambda: appears_markup(person, note, s, st.meta, warn))
    if seen is not None:
        parts.append((seen, size * 0.45 if parts else 0.0))
    return parts


def _stack_height(parts: list[tuple[Any, float]], w: float) -> float:
    return sum(height_of(f, w) + gap for f, gap in parts)


def _fit_back(person: Person, note: Note, r: geo.Rect, s: Settings, warn: Warnings,
              known: Marked) -> tuple[list[tuple[Any, float]], str | None]:
    """The back's parts at the largest size that fits; at the floor, the description cut.
    Returns the parts and, when something had to go, a warning."""
    for size in sizes(s.card_body, s.card_floor, s.card_step):
        parts = _back_parts(person, note, Styles.at(s, size), s, person.description, warn,
                            known)
        if _stack_height(parts, r.w) <= r.h:
            return parts, None
    floor = Styles.at(s, s.card_floor)

    def fits(desc: RichText) -> bool:
        return _stack_height(_back_parts(person, note, floor, s, desc, warn, known),
                             r.w) <= r.h

    cut, how = fit_text(person.description, fits)
    parts = _back_parts(person, note, floor, s, cut, warn, known)
    advice = "shorten it, or choose a larger card ([cards] format in layouts/handout.toml)"
    if not person.description or (how == "all" and not fits(())):
        return parts, (f"{person.name}: the back of the card cannot hold the role and the "
                       f"dates even at {s.card_floor:g} pt, so its end is cut off; {advice}")
    kept = {"sentence": "cut after a sentence", "word": "cut after a word",
            "all": "left out"}[how]
    return parts, (f"{person.name}: the description does not fit on the back of the card "
                   f"even at {s.card_floor:g} pt, so it was {kept} and marked '…'; {advice}")


def _draw_back(c: Any, person: Person, note: Note, r: geo.Rect, s: Settings,
               warn: Warnings, who: int, known: Marked) -> None:
    """Role, span, description and appearances, shrunk to fit the card's safe area."""
    parts, problem = _fit_back(person, note, r, s, warn, known)
    if problem:
        warn.cuts[who] = problem
    c.saveState()
    clip(c, r)
    # centred on the card, as the front's name is: turned over, the answer stands where
    # the question stood; one that fills the card starts at the top of its safe area
    y = geo.centred_top(r, _stack_height(parts, r.w))
    for f, gap in parts:
        h = height_of(f, r.w)
        y -= gap + h
        f.drawOn(c, r.x, y)
    c.restoreState()
