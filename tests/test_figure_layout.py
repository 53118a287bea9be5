"""The pure timeline layout: no overlaps on the corpus and on generated notes, axis geometry."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studypress.figure import has_timeline, place_labels, timeline_layout
from studypress.figure.layout import layout
from studypress.figure.style import Style
from studypress.model import Note, SpanKind

from .conftest import read
from .test_figure_support import check_layout, date, event, overlapping_pairs, person

WIDTHS = (481.9, 300.0, 728.5)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_corpus_note_lays_out_cleanly(corpus, width):
    for name, note in corpus.items():
        lay = timeline_layout(note, width)
        check_layout(lay)
        assert len(lay.markers) == sum(e.date is not None for e in note.events), name


def test_has_timeline(corpus, seed):
    assert has_timeline(seed)
    assert not has_timeline(Note("x", "X", "x.md"))
    undated_only = Note("u", "U", "u.md", events=(event(None, "Something happened"),))
    assert has_timeline(undated_only)


def _within_interval(lay, events):
    ax = lay.axis
    for mk in lay.markers:
        d = events[mk.event].date
        if d is None:
            continue
        lo = ax.x(d.earliest.ordinal())
        hi = ax.x(d.latest.ordinal() + 1)
        assert lo - 1e-6 <= mk.x <= hi + 1e-6, (d.text, lo, mk.x, hi)
        assert mk.x_from == pytest.approx(lo) and mk.x_to == pytest.approx(hi)


@pytest.mark.parametrize("compress", ["auto", "never", "always"])
def test_event_x_lies_within_its_dates_interval_seed_and_bce(seed, compress):
    roman = read("roman-republic-timeline.md")
    for note in (seed, roman):
        lay = timeline_layout(note, 481.9, settings={"axis": {"compress": compress}})
        _within_interval(lay, note.events)
        check_layout(lay)


def test_axis_is_increasing_and_bce_dates_come_first():
    roman = read("roman-republic-timeline.md")
    lay = timeline_layout(roman, 481.9)
    xs = {roman.events[m.event].date.text: m.x for m in lay.markers}
    assert xs["c. 509 BCE"] < xs["494 BCE"] < xs["146 BCE"] < xs["March 15, 44 BCE"]
    assert xs["January 10, 49 BCE"] < xs["March 15, 44 BCE"] < xs["27 BCE"]
    ticks = [lab.text for lab in lay.labels if lab.role == "tick"]
    assert ticks and all(t.endswith("BCE") for t in ticks), ticks
    assert not any(t.startswith("0 ") for t in ticks)


def test_seed_compresses_its_empty_stretches(seed):
    lay = timeline_layout(seed, 481.9)
    segs = lay.axis.segments
    assert len(segs) == 3, "1917–1918, the 1920s and 1933–1941 each keep a stretch"
    from studypress.timeaxis import civil

    spans = [(civil(int(s.d0))[0], civil(int(s.d1))[0]) for s in segs]
    assert spans[0][1] <= 1918 and spans[1][0] >= 1919 and spans[1][1] <= 1930
    assert 1930 <= spans[2][0] <= 1933 and spans[2][1] == 1941
    assert len(lay.axis.breaks) == 2
    plain = timeline_layout(seed, 481.9, settings={"axis": {"compress": "never"}})
    assert len(plain.axis.segments) == 1


def test_undated_events_are_listed_apart_never_placed_on_the_axis(seed):
    lay = timeline_layout(seed, 481.9)
    undated = [i for i, e in enumerate(seed.events) if e.date is None]
    assert len(undated) == 2
    assert not {m.event for m in lay.markers} & set(undated)
    listed = [lab for lab in lay.labels if lab.role == "undated"]
    assert sorted(i for lab in listed for i in lab.events) == undated
    assert any(lab.text.startswith("Undated") for lab in lay.labels if lab.role == "note")
    # below the axis, its ticks and the legend: nowhere near a date
    assert all(lab.box.y1 < lay.axis_y for lab in listed)
    assert "undated" not in {lab.text for lab in lay.labels if lab.role == "legend"}


def test_a_note_with_no_dated_event_lists_them_all():
    note = Note("u", "U", "u.md", events=(event(None, "First thing"), event(None, "Second")))
    lay = timeline_layout(note, 481.9)
    check_layout(lay)
    assert not lay.markers
    assert [lab.text for lab in lay.labels if lab.role == "undated"] == ["First thing", "Second"]


def test_precision_decides_the_mark(seed):
    lay = timeline_layout(seed, 481.9)
    kinds = {seed.events[m.event].date.text if seed.events[m.event].date else None: m.kind
             for m in lay.markers}
    assert kinds["November 15, 1933"] == "point"
    assert kinds["1920s"] == "span" and kinds["December 1917"] == "span"
    cold = read("cold-war-origins-briefing.md")
    lay = timeline_layout(cold, 481.9)
    yalta = next(m for m in lay.markers if cold.events[m.event].date.text.startswith("February"))
    assert yalta.kind == "range" and yalta.box.x1 - yalta.box.x0 >= 3


def test_people_bars_clip_with_arrows_and_single_dates(seed):
    lay = timeline_layout(seed, 481.9)
    names = {lab.text for lab in lay.labels if lab.role == "person"}
    assert {"Franklin D. Roosevelt", "Joseph E. Davies"} <= names
    fdr = next(b for b in lay.bars if seed.people[b.person].name == "Franklin D. Roosevelt")
    assert fdr.clipped_right and not fdr.clipped_left  # 1945 runs past the last event (1941)
    roman = read("roman-republic-timeline.md")
    lay = timeline_layout(roman, 481.9)
    spartacus = next(b for b in lay.bars if roman.people[b.person].name == "Spartacus")
    assert spartacus.kind == "death"
    assert any("Spartacus (d." in lab.text for lab in lay.labels)


def test_eras_become_bands_and_date_headings_do_not(seed):
    roman = read("roman-republic-timeline.md")
    titles = [b.title for b in timeline_layout(roman, 481.9).bands]
    assert titles == ["Foundation and Expansion", "Crisis of the Republic"]
    assert timeline_layout(seed, 481.9).bands == []  # "1933", "1920s" are dates, not eras


def test_many_events_fall_back_to_numbers_and_a_complete_key():
    events = tuple(event(date(1900 + i % 7, "month", month=1 + i % 12),
                         f"Event number {i} with a fairly long description of what happened")
                   for i in range(120))
    note = Note("n", "N", "n.md", events=events)
    lay = timeline_layout(note, 481.9)
    assert lay.numbered
    assert min(lab.size for lab in lay.labels) >= 6
    check_layout(lay)
    keyed = sorted(n for lab in lay.labels if lab.role == "key" for n in lab.events)
    assert keyed == list(range(120))


def test_a_fixed_box_is_honoured():
    seed = read("russian-history-ii-us-recognition-of-soviet-union-timeline.md")
    for height in (400.0, 150.0, 60.0):
        lay = timeline_layout(seed, 481.9, height)
        assert lay.width == 481.9
        if lay.scale == 1.0:
            assert lay.height == height
        else:
            assert lay.content_height * lay.scale == pytest.approx(height)
        check_layout(lay)


def test_place_labels_never_crosses_stems():
    xs = [10.0, 12.0, 14.0, 100.0, 290.0, 295.0]
    widths = [60.0] * 6
    placed = place_labels(xs, widths, x_min=0, x_max=300, pad=1.5, gap=4, max_lanes=8)
    assert placed is not None
    boxes = {}
    for i, (lane, left, w) in enumerate(placed):
        assert left >= 0 and left + w <= 300
        boxes[i] = (lane, left, left + w)
    for i, (lane, a, b) in boxes.items():
        for j, (lane2, a2, b2) in boxes.items():
            if i != j and lane == lane2:
                assert b <= a2 or b2 <= a
            if lane2 < lane:  # i's stem rises through j's lane
                assert not (a2 < xs[i] < b2)
    assert place_labels([5.0], [400.0], x_min=0, x_max=300, pad=1, gap=1, max_lanes=3) is None


def test_bad_settings_are_errors_naming_the_key_and_missing_ones_keep_defaults():
    from studypress.layouts import LayoutError

    for table, key, value in (("text", "font_size", "big"), ("text", "min_font_size", 2),
                              ("axis", "compress", "sideways"),
                              ("colours", "event", "not a colour")):
        with pytest.raises(LayoutError, match=rf"timeline\.toml: error: {table}\.{key} must"):
            Style.from_settings({table: {key: value}})
    style = Style.from_settings({"text": {"font_size": 9}})
    assert style.font_size == 9 and style.tick_font_size == Style().tick_font_size
    seed = read("russian-history-ii-us-recognition-of-soviet-union-timeline.md")
    check_layout(layout(seed.events, seed.people, 481.9, None, style))


# ------------------------------------------------------------------ generated event sets

PRECISIONS = ("day", "month", "season", "year", "decade", "century")


def generate(n: int, bce: str, spread: int, centre: int, clusters: list[int], seed_: int,
             long_text: bool, n_people: int = 2):
    """``n`` events of every precision around ``centre`` (clustered when ``clusters`` are
    few and ``spread`` small), some undated, some approximate, some with hostile text."""
    import random

    rng = random.Random(seed_)
    out = []
    for i in range(n):
        y = centre + rng.choice(clusters) + int(rng.gauss(0, max(1, spread / 10)))
        if bce == "bce":
            y = -abs(y) - 1
        elif bce == "ce":
            y = abs(y) + 1
        if rng.random() < 0.05:
            out.append(event(None, f"Undated thing {i}"))
            continue
        prec = rng.choice(PRECISIONS)
        rng_years = rng.choice([0, 0, 0, 1, 3, 20]) if prec in ("year", "day") else 0
        d = date(y, prec, rng.randint(1, 12), rng.randint(1, 28), years=rng_years,
                 approximate=rng.random() < 0.2)
        words = ("Λέων Троцкий <script>&amp; " if i % 7 == 0 else "") + " ".join(
            rng.choice(["treaty", "war", "a", "Senate", "reform", "council", "x" * 30])
            for _ in range(rng.randint(1, 40 if long_text else 6)))
        out.append(event(d, words, i + 1, group=rng.choice([None, "Early era", "Late era"])))
    people = []
    for k in range(n_people):
        y = centre + rng.randint(-spread, spread)
        kind = rng.choice([SpanKind.LIFE, SpanKind.DEATH, SpanKind.TENURE])
        people.append(person(f"Person {k}", date(y, "year", years=rng.randint(1, 60)
                                                 if kind != SpanKind.DEATH else 0), kind))
    return out, people


@st.composite
def events_strategy(draw):
    return generate(
        n=draw(st.sampled_from([1, 2, 3, 5, 8, 13, 30, 60, 150, 400, 1000])),
        bce=draw(st.sampled_from(["ce", "bce", "both"])),
        spread=draw(st.sampled_from([1, 3, 40, 400, 3000])),
        centre=draw(st.integers(-3000, 2000)),
        clusters=draw(st.lists(st.integers(-3000, 3000), min_size=1, max_size=4)),
        seed_=draw(st.integers(0, 2**32 - 1)),
        long_text=draw(st.booleans()),
        n_people=draw(st.integers(0, 4)),
    )


@pytest.mark.parametrize(("n", "bce", "spread", "clusters"), [
    (1000, "both", 400, [-300, 0, 250]),
    (1000, "ce", 2, [0]),
    (1000, "bce", 3000, [0]),
    (300, "ce", 5, [0, 60, 130]),
    (100, "both", 40, [-20, 20]),
])
def test_large_generated_notes_never_overlap(n, bce, spread, clusters):
    events, people = generate(n, bce, spread, 0 if bce != "ce" else 1800, clusters, n, True, 3)
    lay = layout(events, people, 481.9, None)
    check_layout(lay)
    assert len(lay.markers) == sum(e.date is not None for e in events)
    _within_interval(lay, events)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events_strategy(), st.sampled_from([481.9, 250.0, 728.5]))
def test_generated_notes_never_overlap(data, width):
    events, people = data
    lay = layout(events, people, width, None)
    check_layout(lay)
    assert len(lay.markers) == sum(e.date is not None for e in events)
    for lab in lay.labels:
        assert lab.size >= 6
    _within_interval(lay, events)


def test_overlap_helper_finds_overlaps():
    from studypress.figure.shapes import Box

    assert overlapping_pairs([Box(0, 0, 10, 10), Box(5, 5, 15, 15)])
    assert not overlapping_pairs([Box(0, 0, 10, 10), Box(10, 0, 20, 10)])


def test_every_band_gets_its_title_even_a_narrow_one():
    events = [event(date(-475), "Warring States begin", 1, group="Warring States"),
              event(date(-260), "Battle of Changping", 2, group="Warring States"),
              event(date(-221), "Qin unifies China", 3, group="Qin Dynasty"),
              event(date(-210), "First Emperor dies", 4, group="Qin Dynasty"),
              event(date(-206), "Han founded", 5, group="Han Dynasty"),
              event(date(9), "Wang Mang", 6, group="Han Dynasty"),
              event(date(220), "Han ends", 7, group="Han Dynasty")]
    for width in (481.9, 300.0):
        lay = layout(events, [], width, None, Style.from_settings({"axis": {"compress": "never"}}))
        check_layout(lay)
        titles = {lab.text for lab in lay.labels if lab.role == "band"}
        assert titles == {"Warring States", "Qin Dynasty", "Han Dynasty"}, width
        qin = next(b for b in lay.bands if b.title == "Qin Dynasty")
        assert qin.x1 - qin.x0 < 14  # narrower than its title: it used to go unlabelled


def test_labels_are_cut_only_where_their_lane_runs_out_of_room():
    words = "The Senate grants Octavian the name Augustus and the provinces"  # 62 characters
    lone = [event(date(-27), words, 1), event(date(-60), "Triumvirate", 2)]
    lay = layout(lone, [], 728.5, None)
    check_layout(lay)
    assert any(lab.text.endswith(words) for lab in lay.labels if lab.role == "event")
    # a label by the right edge extends left, as far as its lane has room
    lay = layout([event(date(-60), "Triumvirate", 1), event(date(-27), words, 2)], [], 728.5,
                 None)
    check_layout(lay)
    assert any(lab.text.endswith(words) for lab in lay.labels if lab.role == "event")


def test_a_compressed_axis_says_where_it_is_cut_and_each_stretch_scale(seed):
    lay = timeline_layout(seed, 481.9, settings={"axis": {"compress": "always"}})
    check_layout(lay)
    assert lay.axis.breaks
    caption = " ".join(lab.text for lab in lay.labels if lab.role == "note"
                       and lab.text.startswith("Axis cut"))
    assert caption.count("1 cm ≈") == len(lay.axis.segments), caption
    assert "1933–1941: 1 cm ≈" in caption
    plain = timeline_layout(seed, 481.9, settings={"axis": {"compress": "never"}})
    assert not plain.axis.breaks
    assert not any("1 cm" in lab.text for lab in plain.labels)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_label_is_cut_where_its_whole_wording_had_room(corpus, width):
    from .figure_notes import spread_note
    from .test_figure_support import cut_with_room

    notes = [*corpus.values(), *(spread_note(n, seed) for n in (6, 8, 12) for seed in range(4))]
    cut = 0
    for note in notes:
        lay = timeline_layout(note, width)
        check_layout(lay)
        assert not cut_with_room(lay, note.events), note.source
        cut += sum(lab.text.endswith("…") for lab in lay.labels if lab.role == "event")
    assert cut  # the check has labels to look at: some wordings are longer than any room


def test_the_layouts_of_one_note_measure_each_label_once_and_as_if_afresh(monkeypatch) -> None:
    from studypress.figure import fontset_for, labels
    from studypress.figure.items import items
    from studypress.figure.labels import LabelWidths, clamped, measured

    events = tuple(event(date(1800 + 3 * k), f"Treaty number {k} signed at the border town")
                   for k in range(40))
    style = Style()
    fs = fontset_for(style)
    asked: list[int] = []
    real = labels.measured
    monkeypatch.setattr(labels, "measured",
                        lambda texts, *a: asked.append(len(texts)) or real(texts, *a))
    first = layout(events, (), 481.9, None, style, fs)
    count = sum(asked)
    assert count >= len(events)
    again = layout(events, (), 481.9, None, style, fs)
    assert sum(asked) == count  # the second layout neither measured nor looked up a label
    assert [lab.text for lab in again.labels] == [lab.text for lab in first.labels]
    # the kept widths are those measured afresh, whatever subset is asked for
    its = [it for it in items(events, "iso")][5:25]
    shared = LabelWidths(fs, style)
    shared.clamped(items(events, "iso")[:10], 8.0, 40, 200.0)
    fresh = clamped(measured([labels.label_text(it, 40) for it in its], 8.0,
                             min(40, style.min_label_chars), fontset_for(style)), 200.0)
    assert shared.clamped(its, 8.0, 40, 200.0) == fresh
