"""A weekday opening a date is read, and checked against the day it names."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studypress.dates import DateError, leading_date, parse_date
from studypress.dates.errors import NotADate
from studypress.reader import read_note

READ = [
    ("Thursday, November 9, 1989", "1989-11-09"),
    ("Thu, 9 November 1989", "1989-11-09"),
    ("Donnerstag, 9. November 1989", "1989-11-09"),
    ("Do., 9. November 1989", "1989-11-09"),
    ("jeudi 9 novembre 1989", "1989-11-09"),
    ("martes, 11 de septiembre de 2001", "2001-09-11"),
    ("terça-feira, 11 de setembro de 2001", "2001-09-11"),
    ("четверг, 9 ноября 1989", "1989-11-09"),
    ("czwartek, 9 listopada 1989", "1989-11-09"),
    ("Perşembe, 9 Kasım 1989", "1989-11-09"),
    ("Kamis, 9 November 1989", "1989-11-09"),
    ("giovedì 9 novembre 1989", "1989-11-09"),
    ("donderdag 9 november 1989", "1989-11-09"),
    # Julian dates keep their own weekday: 25 October 1917 (Old Style) was a Wednesday.
    ("Wednesday, 25 October 1917", "1917-10-25"),
    # Words that are a weekday in one language and a month in another read as before.
    ("mar 1920", "1920-03"),
]


@pytest.mark.parametrize("text, edtf", READ)
def test_a_leading_weekday_is_read(text, edtf):
    found = parse_date(text)
    assert found.edtf == edtf
    assert found.text == text  # the note's words, weekday and all


@pytest.mark.parametrize("text, says", [
    ("Monday, November 9, 1989", "was a Thursday"),
    ("Sun. 1 September 1939", "was a Friday"),
    ("Montag, 9. November 1989", "not a Monday"),
])
def test_a_weekday_that_does_not_match_is_reported(text, says):
    with pytest.raises(DateError, match=says) as caught:
        parse_date(text)
    assert not isinstance(caught.value, NotADate)  # date-shaped: reported at its line


@pytest.mark.parametrize("text", ["Thursday 1989", "Mo 1989", "Sunday, March 1945"])
def test_a_weekday_before_no_single_day_is_no_date(text):
    with pytest.raises(NotADate):
        parse_date(text)


_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]


def _julian_weekday(day: datetime.date) -> int:
    a = (14 - day.month) // 12
    y, m = day.year + 4800 - a, day.month + 12 * a - 3
    return (day.day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083) % 7


@given(st.dates(min_value=datetime.date(1000, 1, 1), max_value=datetime.date(2200, 12, 31)),
       st.integers(0, 6))
def test_every_weekday_is_read_or_refused_by_the_day_it_names(day, weekday):
    text = f"{_NAMES[weekday]}, {_MONTHS[day.month - 1]} {day.day}, {day.year}"
    if weekday in (day.weekday(), _julian_weekday(day)):
        assert parse_date(text).edtf == day.isoformat()
    else:
        with pytest.raises(DateError, match="correct the day or the weekday"):
            parse_date(text)


def test_a_timeline_of_weekday_dates_reads_every_event(tmp_path):
    note = tmp_path / "wall.md"
    note.write_text("# The Wall\n\n## Timeline\n\n"
                    "- **Thursday, November 9, 1989:** The border opens.\n"
                    "- **Sunday, August 13, 1961:** The border is sealed.\n"
                    "- **Wednesday, October 3, 1990:** Germany is reunited.\n"
                    "- **Friday, October 3, 1990:** A wrong weekday.\n", encoding="utf-8")
    read = read_note(note)
    dated = {e.date.edtf for e in read.events if e.date is not None}
    assert dated == {"1989-11-09", "1961-08-13", "1990-10-03"}
    warnings = [d for d in read.diagnostics if "Friday" in d.message or "weekday" in d.message]
    assert len(warnings) == 1 and warnings[0].line == 8


def test_leading_date_splits_a_weekday_date_off():
    assert leading_date("Thursday, November 9, 1989: The Wall opens.") == (
        "Thursday, November 9, 1989", "The Wall opens.")
