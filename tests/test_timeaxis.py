"""Calendar arithmetic, tick choice and compression of the time axis."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studypress.model import Day, HistoricalDate, Precision
from studypress.timeaxis import (
    Axis,
    Segment,
    axis_options,
    choose_ticks,
    civil,
    compressed_axis,
    day_number,
    days,
    days_range,
    end_labels,
    linear_axis,
    plain_axis,
    widened,
    year_after,
)


@settings(max_examples=200, deadline=None)
@given(st.dates())
def test_civil_inverts_day_ordinal_ce(d):
    assert civil(Day(d.year, d.month, d.day).ordinal()) == (d.year, d.month, d.day)


@settings(max_examples=100, deadline=None)
@given(st.integers(-(10**6), 10**6))
def test_civil_counts_every_day_once(n):
    y, m, d = civil(n)
    y2, m2, d2 = civil(n + 1)
    assert y != 0 and y2 != 0
    assert (y2, m2, d2) > (y, m, d) or (y == -1 and y2 == 1)
    assert d2 == d + 1 or d2 == 1


def test_no_year_zero():
    assert civil(day_number(1) - 1) == (-1, 12, 31)  # the day before 1 CE is in 1 BCE


def measure(label: str) -> float:
    return 4.0 * len(label)


def ticks_for(first: Day, last: Day, width: float = 480.0) -> list[str]:
    ax = plain_axis([(first.ordinal(), last.ordinal() + 1)], 0, width, pad=10)
    return [t.label for t in choose_ticks(ax, measure)]


@pytest.mark.parametrize(("first", "last", "expect"), [
    (Day(1933, 10, 1), Day(1933, 12, 31), "Nov"),  # months
    (Day(1933, 11, 1), Day(1933, 11, 20), "Nov"),  # days
    (Day(1917, 1, 1), Day(1941, 12, 31), "1930"),  # years
    (Day(-509, 1, 1), Day(-27, 12, 31), "300 BCE"),  # centuries BCE
    (Day(-3000, 1, 1), Day(2000, 1, 1), "1000 BCE"),  # millennia
])
def test_ticks_fit_the_span(first, last, expect):
    labels = ticks_for(first, last)
    assert 2 <= len(labels) <= 30
    assert any(expect in label for label in labels), labels
    assert not any(label.startswith("0 ") or label == "0" for label in labels)


def test_ticks_across_the_era_boundary():
    labels = ticks_for(Day(-44, 3, 15), Day(14, 8, 19))
    assert any(lab.endswith("BCE") for lab in labels) and any(lab.endswith("CE")
                                                             and "BCE" not in lab
                                                             for lab in labels)


def test_ticks_never_collide():
    for width in (120.0, 300.0, 900.0):
        ax = plain_axis([(Day(1, 1, 1).ordinal(), Day(2000, 1, 1).ordinal())], 0, width, pad=5)
        ticks = choose_ticks(ax, measure, gap=6)
        for a, b in itertools.pairwise(ticks):
            assert b.x - a.x >= (measure(a.label) + measure(b.label)) / 2 + 6


def test_compression_cuts_empty_stretches_only():
    d = Day(1900, 1, 1).ordinal()
    spans = [(d, d + 300.0), (d + 365 * 30, d + 365 * 31.0)]
    ax = compressed_axis(spans, spans, 0, 480, pad=8, break_width=12)
    assert ax is not None and len(ax.segments) == 2 and len(ax.breaks) == 1
    for a, b in spans:  # every kept span is inside a segment and keeps its order
        assert any(s.d0 <= a and b <= s.d1 for s in ax.segments)
    xs = [ax.x(d + k * 100.0) for k in range(0, 115)]
    assert xs == sorted(xs)
    assert compressed_axis([(d, d + 3650.0)], [], 0, 480, pad=8, break_width=12) is None
    assert len(axis_options(spans, spans, 0, 480, pad=8, break_width=12,
                            compress="never")) == 1


def test_axis_map_is_clamped_and_continuous():
    ax = Axis((Segment(0, 10, 0, 100), Segment(20, 30, 112, 212)))
    assert ax.x(-5) == 0 and ax.x(40) == 212
    assert ax.x(10) == 100 and ax.x(20) == 112 and 100 < ax.x(15) < 112
    assert ax.in_break(106) == (100, 112) and ax.in_break(50) is None


def _date(first: Day, last: Day) -> HistoricalDate:
    return HistoricalDate(text="x", earliest=first, latest=last, precision=Precision.DAY,
                          edtf="", display="x")


def test_a_date_covers_its_last_day():
    d = _date(Day(1933, 11, 16), Day(1933, 11, 17))
    a, b = days(d)
    assert b - a == 2
    assert days_range([d, _date(Day(1933, 1, 1), Day(1933, 1, 1))]) == (
        Day(1933, 1, 1).ordinal(), Day(1933, 11, 18).ordinal())


def test_widened_keeps_the_middle_and_long_ranges():
    assert widened(100, 110, 30) == (90.0, 120.0)
    assert widened(100, 500, 30) == (100, 500)


@pytest.mark.parametrize(("year", "by", "expect"), [
    (1933, 1, 1934), (1, -1, -1), (-1, 1, 1), (-1, 2, 2), (1, -2, -2), (-44, -1, -45),
])
def test_year_after_skips_the_year_zero(year, by, expect):
    assert year_after(year, by) == expect


def test_end_labels_name_the_era_only_across_it():
    assert end_labels(1917, 1945) == ("1917", "1945")
    assert end_labels(-535, 14) == ("535 BCE", "14 CE")
    assert end_labels(-264, -44) == ("264 BCE", "44 BCE")


@settings(max_examples=100, deadline=None)
@given(st.floats(0.0, 480.0))
def test_day_inverts_x_on_a_compressed_axis(x):
    ax = Axis((Segment(0.0, 100.0, 0.0, 200.0), Segment(5000.0, 5100.0, 212.0, 480.0)))
    assert ax.x(ax.day(x)) == pytest.approx(x, abs=1e-6)


def test_linear_axis_clamps_to_its_ends():
    ax = linear_axis(10, 20, 0.0, 1.0)
    assert (ax.x(5), ax.x(15), ax.x(25)) == (0.0, 0.5, 1.0)
