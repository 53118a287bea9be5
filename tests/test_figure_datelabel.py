"""Date labels of the figure: one style per figure, built from the dates' days and precision."""

from __future__ import annotations

import pytest

from studypress.dates import parse_date
from studypress.figure import timeline_layout
from studypress.figure.datelabel import date_label, note_style, written_style
from studypress.layouts import LayoutError
from studypress.model import Event, HistoricalDate, Note, Text


def d(text: str) -> HistoricalDate:
    out = parse_date(text)
    assert out is not None, text
    return out


@pytest.mark.parametrize(("text", "mdy", "dmy", "iso"), [
    ("November 15, 1933", "Nov 15, 1933", "15 Nov 1933", "1933-11-15"),
    ("7 November 1917", "Nov 7, 1917", "7 Nov 1917", "1917-11-07"),
    ("1918-03-03", "Mar 3, 1918", "3 Mar 1918", "1918-03-03"),
    ("Jan. 21, 1924", "Jan 21, 1924", "21 Jan 1924", "1924-01-21"),
    ("February 4–11, 1945", "Feb 4–11, 1945", "4–11 Feb 1945", "1945-02-04/1945-02-11"),
    ("July 17 – August 2, 1945", "Jul 17 – Aug 2, 1945", "17 Jul – 2 Aug 1945",
     "1945-07-17/1945-08-02"),
    ("30 Dec 1944 – 2 Jan 1945", "Dec 30, 1944 – Jan 2, 1945", "30 Dec 1944 – 2 Jan 1945",
     "1944-12-30/1945-01-02"),
    ("March 1917", "Mar 1917", "Mar 1917", "1917-03"),
    ("July–November 1917", "Jul–Nov 1917", "Jul–Nov 1917", "1917-07/1917-11"),
    ("c. March 1917", "c. Mar 1917", "c. Mar 1917", "c. 1917-03"),
    ("15 Mar 1933?", "Mar 15, 1933?", "15 Mar 1933?", "1933-03-15?"),
    ("March 15, 44 BCE", "Mar 15, 44 BCE", "15 Mar 44 BCE", "15 Mar 44 BCE"),
])
def test_day_and_month_dates_in_each_style(text, mdy, dmy, iso):
    date = d(text)
    assert (date_label(date, "mdy"), date_label(date, "dmy"), date_label(date, "iso")) == (
        mdy, dmy, iso)


@pytest.mark.parametrize("text", ["Summer 1917", "Early 1920s", "c. 509 BCE", "264–241 BCE",
                                  "1920s", "June 1941 – 1943"])
def test_coarser_dates_keep_their_display_form(text):
    date = d(text)
    assert {date_label(date, s) for s in ("mdy", "dmy", "iso")} == {date.display}


@pytest.mark.parametrize(("text", "style"), [
    ("November 15, 1933", "mdy"), ("Jan. 21, 1924", "mdy"), ("7 November 1917", "dmy"),
    ("1 December 1934", "dmy"), ("about 15 March 1917", "dmy"), ("1918-03-03", "iso"),
    ("1918-03", "iso"), ("March 1917", "mdy"), ("1917", None), ("Summer 1917", None),
])
def test_written_style(text, style):
    assert written_style(d(text)) == style


def test_note_style_follows_the_most_precise_dates():
    # the month dates are ISO, but the day dates (more precise) are mostly day-first
    dates = [d(t) for t in ("1917-03", "1918-04", "1919-05", "7 November 1917",
                            "Jan. 21, 1924", "1 December 1934")]
    assert note_style(dates) == "dmy"
    assert note_style([d("1917-03"), d("March 1918"), d("1918-04")]) == "iso"
    assert note_style([d("1917"), d("1920s")]) == "mdy"
    # a tie goes to the form written first
    assert note_style([d("1918-03-03"), d("Jan. 21, 1924")]) == "iso"


def _note(*dates: str) -> Note:
    events = tuple(Event(d(t), (Text(f"Event {i}"),), i + 1) for i, t in enumerate(dates))
    return Note("n", "N", "n.md", events=events)


def _dates_shown(note: Note, settings=None) -> list[str]:
    lay = timeline_layout(note, 600.0, settings=settings)
    return sorted(lab.parts[0].text.strip() for lab in lay.labels if lab.role == "event")


def test_a_figure_labels_every_date_in_one_style():
    note = _note("7 November 1917", "1918-03-03", "Jan. 21, 1924", "1 December 1934")
    assert _dates_shown(note) == ["1 Dec 1934", "21 Jan 1924", "3 Mar 1918", "7 Nov 1917"]


def test_the_layout_file_chooses_the_style():
    note = _note("7 November 1917", "1 December 1934")
    assert _dates_shown(note, {"text": {"date_style": "iso"}}) == ["1917-11-07", "1934-12-01"]
    assert _dates_shown(note, {"text": {"date_style": "mdy"}}) == ["Dec 1, 1934",
                                                                  "Nov 7, 1917"]
    with pytest.raises(LayoutError, match="date_style"):  # a style the figure does not know
        _dates_shown(note, {"text": {"date_style": "ymd"}})
