"""A weekday opening a date ("Monday, November 9, 1989", "Montag, 9. November 1989").

The weekday adds nothing to the date but a check: a date whose weekday does not match is
reported, not read, since one of the two was written wrong and the note does not say which.
"""

from __future__ import annotations

import functools
import re
from datetime import date

from ..model import Day, HistoricalDate
from .errors import DateError, not_a_date
from .languages import cldr_table

_LEAD = re.compile(r"^(?P<word>[^\W\d_]+(?:-[^\W\d_]+)*)\.?,?\s+(?=\S)")
_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@functools.cache
def _weekdays() -> dict[str, frozenset[int]]:
    """Each weekday word of every language the parser knows → the days it may name."""
    found: dict[str, set[int]] = {}
    for words in cldr_table()["weekdays"].values():
        for word, day in words.items():
            found.setdefault(word, set()).add(day)
    return {word: frozenset(days) for word, days in found.items()}


def split_weekday(norm: str) -> tuple[frozenset[int], str]:
    """The weekdays a leading word may name (empty: none) and the text after it."""
    m = _LEAD.match(norm)
    if m is None:
        return frozenset(), norm
    days = _weekdays().get(m.group("word").lower())
    if not days:
        return frozenset(), norm
    return days, norm[m.end():]


def _weekday_of(day: Day) -> tuple[int, int] | None:
    """The weekday of ``day`` in the Gregorian and in the Julian calendar (Russia used the
    Julian until 1918, and a note may keep its dates): either counts as matching."""
    if day.year < 1:
        return None  # no check before 1 CE: Python's calendar does not reach there
    gregorian = date(day.year, day.month, day.day).weekday()
    # The Julian day number of the day read as a Julian date; day number 0 was a Monday.
    a = (14 - day.month) // 12
    y, m = day.year + 4800 - a, day.month + 12 * a - 3
    jdn = day.day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    return gregorian, jdn % 7


def checked(found: HistoricalDate | None, days: frozenset[int], text: str) -> HistoricalDate | None:
    """``found`` when its weekday is one of ``days``; a DateError saying what disagrees else."""
    if found is None or found.is_range or found.earliest != found.latest or \
            found.earliest is None or found.precision.value != "day":
        raise not_a_date(text)  # "Sunday 1945": a weekday names no year or month
    actual = _weekday_of(found.earliest)
    if actual and not set(actual) & days:
        named = " or ".join(_NAMES[d] for d in sorted(days))
        gregorian, julian = (_NAMES[d] for d in actual)
        raise DateError(f"{text!r}: {found.display} was a {gregorian} ({julian} if the date is "
                        f"Julian), not a {named}; correct the day or the weekday")
    return found
