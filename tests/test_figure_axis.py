"""Calendar arithmetic, tick choice and compression of the time axis."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studypress.figure.axis import (
    Axis,
    Segment,
    axis_options,
    choose_ticks,
    civil,
    compressed_axis,
    day_number,
    plain_axis,
)
from studypress.model import Day


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
