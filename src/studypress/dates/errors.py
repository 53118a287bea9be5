"""The one error the date parser raises, and its "no date at all" flavour."""

from __future__ import annotations


class DateError(ValueError):
    """A string that looks like a date but cannot be one (Febtember, 31 February, year 0)."""


class NotADate(DateError):
    """Text with no date shape at all (``hello``): still a DateError for callers."""


class MonthTypo(DateError):
    """A word one letter or two from an English month name ("Febtember"): perhaps a month of
    another language ("Oktober"), so the other languages are tried before it is reported."""


def not_a_date(norm: str) -> NotADate:
    """The error for text that is no date: "not a date: '...'"."""
    return NotADate(f"not a date: {norm!r}")
