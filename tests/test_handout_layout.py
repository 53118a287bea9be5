"""Card-grid geometry of the cast handout, tested on the pure layout functions.

The duplex rule is restated here from the physical act, independently of the code: turning a
sheet over a vertical edge sends a point (x, y) to (W - x, y); over a horizontal edge, to
(x, H - y). A portrait sheet's long edges are vertical, a landscape sheet's horizontal.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studypress.layouts import LayoutError, Layouts
from studypress.renderers import handout
from studypress.renderers.handout import layout as geo
from studypress.renderers.handout.cards import grid_for

MM = geo.MM
A4 = (210 * MM, 297 * MM)
LETTER = (612.0, 792.0)
FORMATS = ("a7", "letter-8", "index-4up", "index")


def hinge_is_vertical(page_w: float, page_h: float, duplex: str) -> bool:
    portrait = page_h >= page_w
    return portrait if duplex == "long" else not portrait


def turned_over(r: geo.Rect, page_w: float, page_h: float, duplex: str) -> geo.Rect:
    """Where the back of rectangle r is, seen upright on the back page: the physical flip."""
    corners = [(r.x, r.y), (r.right, r.top)]
    if hinge_is_vertical(page_w, page_h, duplex):
        pts = [(page_w - x, y) for x, y in corners]
    else:
        pts = [(x, page_h - y) for x, y in corners]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return geo.Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def close(a: geo.Rect, b: geo.Rect, tol: float = 1e-6) -> bool:
    return all(abs(u - v) <= tol for u, v in ((a.x, b.x), (a.y, b.y), (a.w, b.w), (a.h, b.h)))


def overlaps(a: geo.Rect, b: geo.Rect) -> bool:
    eps = 1e-6
    return (a.x < b.right - eps and b.x < a.right - eps
            and a.y < b.top - eps and b.y < a.top - eps)


def check_grid(grid: geo.CardGrid, card_w: float, card_h: float, duplex: str,
               offset: tuple[float, float] = (0.0, 0.0)) -> None:
    W, H = grid.page_w, grid.page_h
    assert len(grid.fronts) == len(grid.backs) == grid.columns * grid.rows >= 1
    for f, b in zip(grid.fronts, grid.backs, strict=True):
        assert (abs(f.w - card_w) < 1e-6) and abs(f.h - card_h) < 1e-6
        # grid_size forgives 0.01 pt of rounding, which the centred grid shares between
        # its two edges
        edge = 0.005 + 1e-6
        assert f.x >= -edge and f.y >= -edge and f.right <= W + edge and f.top <= H + edge
        assert close(b, turned_over(f, W, H, duplex).moved(*offset))
    for i, a in enumerate(grid.fronts):
        for b in grid.fronts[i + 1:]:
            assert not overlaps(a, b)
    # centred: equal margins left/right and top/bottom
    left = min(f.x for f in grid.fronts)
    right = W - max(f.right for f in grid.fronts)
    bottom = min(f.y for f in grid.fronts)
    top = H - max(f.top for f in grid.fronts)
    assert abs(left - right) < 1e-6 and abs(top - bottom) < 1e-6
    # reading order: rows top to bottom, left to right
    keys = [(-round(f.top, 6), round(f.x, 6)) for f in grid.fronts]
    assert keys == sorted(keys)


def format_grid(fmt: str, paper: str, duplex: str, offset_mm=(0.0, 0.0)) -> geo.CardGrid:
    layouts = Layouts(Path("/nonexistent"))
    s = handout.load_settings(layouts, paper)
    raw = layouts.settings("handout")["formats"][fmt]
    from dataclasses import replace

    s = replace(s, card_format=fmt, card_w=raw["card"][0] * MM, card_h=raw["card"][1] * MM,
                card_page=raw["page"], duplex=duplex,
                back_offset=(offset_mm[0] * MM, offset_mm[1] * MM))
    return grid_for(s, A4 if paper == "a4" else LETTER)


@pytest.mark.parametrize("duplex", ["long", "short"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_mirrors_each_back_behind_its_front(fmt, paper, duplex):
    grid = format_grid(fmt, paper, duplex)
    card = grid.fronts[0]
    check_grid(grid, card.w, card.h, duplex)


@pytest.mark.parametrize(("fmt", "paper", "columns", "rows"), [
    ("a7", "a4", 2, 4),              # A7 is an eighth of A4
    ("letter-8", "letter", 2, 4),    # 2.75 × 4.25 in is an eighth of Letter
    ("index-4up", "a4", 2, 2),
    ("index-4up", "letter", 2, 2),
    ("index", "a4", 1, 1),           # the page is the card
    ("a7", "letter", 2, 3),          # A7 on Letter: only three rows fit
])
def test_cards_per_page(fmt, paper, columns, rows):
    grid = format_grid(fmt, paper, "long")
    assert (grid.columns, grid.rows) == (columns, rows)


def test_default_format_follows_the_paper():
    layouts = Layouts(Path("/nonexistent"))
    assert handout.load_settings(layouts, "a4").card_format == "a7"
    assert handout.load_settings(layouts, "letter").card_format == "letter-8"
    a7 = format_grid("a7", "a4", "long").fronts[0]
    assert abs(a7.w - 105 * MM) < 1e-6 and abs(a7.h - 74 * MM) < 1e-6
    letter = format_grid("letter-8", "letter", "long").fronts[0]
    assert abs(letter.w - 4.25 * 72) < 1e-3 and abs(letter.h - 2.75 * 72) < 1e-3


def test_long_edge_mirrors_rows_left_to_right_on_a4():
    grid = format_grid("a7", "a4", "long")
    # card 0 is top-left on the front; its back is top-right on the back page
    assert grid.backs[0].x >= grid.page_w / 2 - 1e-6 and grid.backs[0].top > grid.page_h - 10 * MM
    assert close(grid.backs[0], grid.fronts[1])
    assert close(grid.backs[7], grid.fronts[6])


def test_short_edge_mirrors_top_to_bottom_on_a4():
    grid = format_grid("a7", "a4", "short")
    assert close(grid.backs[0], grid.fronts[6])  # top-left → bottom-left
    assert close(grid.backs[3], grid.fronts[5])


def test_landscape_page_turns_over_its_horizontal_long_edge():
    assert geo.flip_axis(5 * 72, 3 * 72, "long") == "y"
    assert geo.flip_axis(5 * 72, 3 * 72, "short") == "x"
    assert geo.flip_axis(*A4, "long") == "x"
    assert geo.flip_axis(*A4, "short") == "y"
    with pytest.raises(ValueError):
        geo.flip_axis(*A4, "sideways")  # type: ignore[arg-type]


def test_back_offset_moves_every_back_and_no_front():
    plain = format_grid("a7", "a4", "long")
    moved = format_grid("a7", "a4", "long", offset_mm=(1.5, -2.0))
    assert moved.fronts == plain.fronts
    for a, b in zip(plain.backs, moved.backs, strict=True):
        assert abs(b.x - a.x - 1.5 * MM) < 1e-9 and abs(b.y - a.y + 2.0 * MM) < 1e-9


def test_card_too_big_for_the_page_is_an_error():
    with pytest.raises(geo.GridError, match="does not fit"):
        geo.card_grid(*A4, 300 * MM, 100 * MM)


@settings(max_examples=150, deadline=None)
@given(page_w=st.floats(150, 1300), page_h=st.floats(150, 1300),
       card_w=st.floats(40, 400), card_h=st.floats(40, 400),
       duplex=st.sampled_from(["long", "short"]),
       dx=st.floats(-10, 10), dy=st.floats(-10, 10))
def test_any_grid_mirrors_and_centres(page_w, page_h, card_w, card_h, duplex, dx, dy):
    # grid_size forgives 0.01 pt of rounding (A7 is exactly an eighth of A4)
    if card_w > page_w + 0.01 or card_h > page_h + 0.01:
        with pytest.raises(geo.GridError):
            geo.card_grid(page_w, page_h, card_w, card_h, duplex=duplex)
        return
    grid = geo.card_grid(page_w, page_h, card_w, card_h, duplex=duplex, back_offset=(dx, dy))
    check_grid(grid, card_w, card_h, duplex, (dx, dy))
    # with no offset, the backs are exactly the grid's own positions, permuted
    still = geo.card_grid(page_w, page_h, card_w, card_h, duplex=duplex)
    key = sorted((round(r.x, 6), round(r.y, 6)) for r in still.fronts)
    assert sorted((round(r.x, 6), round(r.y, 6)) for r in still.backs) == key


@settings(max_examples=60, deadline=None)
@given(count=st.integers(0, 60), fmt=st.sampled_from(FORMATS),
       paper=st.sampled_from(["a4", "letter"]), duplex=st.sampled_from(["long", "short"]))
def test_cards_are_placed_once_each_with_their_own_back(count, fmt, paper, duplex):
    grid = format_grid(fmt, paper, duplex)
    sheets = geo.place(count, grid)
    assert len(sheets) == geo.pages_needed(count, grid.per_page)
    seen = [i for sheet in sheets for i, _, _ in sheet]
    assert seen == list(range(count))
    for sheet in sheets:
        for _, front, back in sheet:
            assert close(back, turned_over(front, grid.page_w, grid.page_h, duplex))


def grid_lines(grid: geo.CardGrid) -> tuple[set[float], set[float]]:
    xs = {round(v, 6) for f in grid.fronts for v in (f.x, f.right)}
    ys = {round(v, 6) for f in grid.fronts for v in (f.y, f.top)}
    return xs, ys


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_cut_marks_stay_outside_cards_or_on_cut_lines(fmt, paper):
    grid = format_grid(fmt, paper, "long")
    xs, ys = grid_lines(grid)
    for m in grid.marks:
        for x, y in ((m.x1, m.y1), (m.x2, m.y2)):
            assert -1e-6 <= x <= grid.page_w + 1e-6 and -1e-6 <= y <= grid.page_h + 1e-6
        # every mark lies on the extension of a cut line ...
        vertical = m.x1 == m.x2
        assert round(m.x1, 6) in xs if vertical else round(m.y1, 6) in ys
        # ... and never reaches into any card's 4 mm safe area
        box = geo.Rect(min(m.x1, m.x2) - 0.01, min(m.y1, m.y2) - 0.01,
                       abs(m.x2 - m.x1) + 0.02, abs(m.y2 - m.y1) + 0.02)
        assert not any(overlaps(f.inset(4 * MM), box) for f in grid.fronts)


def test_cut_marks_with_a_margin_sit_at_every_corner_of_the_grid():
    grid = format_grid("index-4up", "a4", "long")
    # 3 vertical cut lines × (above, below) + 3 horizontal × (left, right)
    assert len(grid.marks) == 12
    gap = 1.5 * MM
    left, right = grid.fronts[0].x, grid.fronts[-1].right
    bottom, top = grid.fronts[-1].y, grid.fronts[0].top
    xs, ys = grid_lines(grid)
    corners = set()
    for m in grid.marks:
        if m.x1 == m.x2:  # vertical: entirely above or below the grid, a gap away
            lo, hi = sorted((m.y1, m.y2))
            assert lo >= top + gap - 1e-6 or hi <= bottom - gap + 1e-6
            corners.add((round(m.x1, 6), "above" if lo > top else "below"))
        else:
            lo, hi = sorted((m.x1, m.x2))
            assert lo >= right + gap - 1e-6 or hi <= left - gap + 1e-6
            corners.add((round(m.y1, 6), "right" if lo > right else "left"))
    assert corners == ({(x, side) for x in xs for side in ("above", "below")}
                       | {(y, side) for y in ys for side in ("left", "right")})


def test_a_full_page_grid_marks_the_inner_cut_lines_at_the_paper_edge():
    grid = format_grid("a7", "a4", "long")
    xs, ys = grid_lines(grid)
    inner_x = sorted(xs)[1:-1]
    inner_y = sorted(ys)[1:-1]
    assert len(inner_x) == 1 and len(inner_y) == 3
    vertical = [m for m in grid.marks if m.x1 == m.x2]
    horizontal = [m for m in grid.marks if m.y1 == m.y2]
    assert {round(m.x1, 6) for m in vertical} == set(inner_x)
    assert {round(m.y1, 6) for m in horizontal} == set(inner_y)
    # each long enough to show past a printer's unprintable border
    assert all(abs(m.y2 - m.y1) >= 8 * MM for m in vertical)
    assert all(abs(m.x2 - m.x1) >= 8 * MM for m in horizontal)


@pytest.mark.parametrize("duplex", ["long", "short"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_text_area_keeps_clear_of_cut_lines_and_paper_edge(fmt, paper, duplex):
    grid = format_grid(fmt, paper, duplex, offset_mm=(1.0, -1.0))
    s = handout.load_settings(Layouts(Path("/nonexistent")), paper)
    insets = geo.text_insets(grid.fronts, grid.page_w, grid.page_h, s.safe_inset,
                             s.printer_margin)
    for rects, moved in ((grid.fronts, 0.0), (grid.backs, 1.0 * MM)):
        for r in rects:
            safe = geo.safe_area(r, insets)
            assert safe.w > 20 * MM and safe.h > 20 * MM
            gaps = (safe.x - r.x, r.right - safe.right, safe.y - r.y, r.top - safe.top)
            assert all(gap >= 4 * MM - 1e-6 for gap in gaps)
            # the same margins on opposite sides of a card, on every card
            assert abs(gaps[0] - gaps[1]) < 1e-6 and abs(gaps[2] - gaps[3]) < 1e-6
            # clear of the paper's edge; a back by less the offset that moved it
            assert safe.x >= s.printer_margin - moved - 1e-6
            assert safe.right <= grid.page_w - s.printer_margin + moved + 1e-6
            assert safe.y >= s.printer_margin - moved - 1e-6
            assert safe.top <= grid.page_h - s.printer_margin + moved + 1e-6


def test_safe_inset_below_4_mm_is_refused(tmp_path):
    (tmp_path / "handout.toml").write_text("[cards]\nsafe_inset = 2.0\n")
    with pytest.raises(LayoutError, match=r"safe_inset.*at least 4"):
        handout.load_settings(Layouts(tmp_path), "a4")


# ------------------------------------------------------------------ the sheet's column flow


def _blocks(heights: list[float]) -> list[list[object]]:
    from reportlab.platypus import Spacer

    return [[Spacer(100, h)] for h in heights]


def _sheet_geometry():
    from studypress.renderers.handout.columns import SheetGeometry

    return SheetGeometry(600, 800, 50, 20, first_top=700, top=750, bottom=50)


def test_a_flow_bounded_by_pages_gives_up_once_it_needs_more():
    from studypress.renderers.handout.columns import flow_columns

    g = _sheet_geometry()
    whole = flow_columns(_blocks([200.0] * 20), g, 10.0)
    assert whole is not None and len(whole) == 4  # three to a column, six to a page
    taken: list[int] = []

    def made():
        for i, parts in enumerate(_blocks([200.0] * 20)):
            taken.append(i)
            yield parts

    assert flow_columns(made(), g, 10.0, most=3) is None
    assert len(taken) == 19  # the entry that opens the fourth page is the last made
    again = flow_columns(_blocks([200.0] * 20), g, 10.0, most=4)
    assert again is not None
    assert [[(p.x, p.y) for p in page] for page in again] == [
        [(p.x, p.y) for p in page] for page in whole]
