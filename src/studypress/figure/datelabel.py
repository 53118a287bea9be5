"""Date labels in one style for a whole figure, built from the model's date facts.

A note may write its dates several ways (``7 November 1917``, ``1918-03-03``, ``Jan. 21, 1924``);
a figure labels them all in one style: ``mdy`` (``Nov 7, 1917``), ``dmy`` (``7 Nov 1917``) or
``iso`` (``1917-11-07``). The labels come from each date's days and precision, never from its
wording; dates coarser than a month (a season, a year, a decade) keep their display form, which
reads the same in every style.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..dates import display, year_label
from ..model import Day, HistoricalDate, Precision
from ..timeaxis import MONTH_ABBR, civil
from .text import clean

STYLES = ("mdy", "dmy", "iso")


def written_style(date: HistoricalDate) -> str | None:
    """The style a day or month date was written in, told from where its own first day shows
    in its wording; None for coarser dates, which look the same in every style."""
    if date.precision not in (Precision.DAY, Precision.MONTH):
        return None
    first = date.earliest
    text = date.text.strip()
    if date.approximate and " " in text:  # "c. 15 March 1917": the date follows the word
        text = text.split(None, 1)[1]
    if first.year > 0 and text.startswith(f"{first.year:04d}-{first.month:02d}"):
        return "iso"
    day = str(first.day)
    if (date.precision == Precision.DAY and text.startswith(day)
            and not text[len(day):len(day) + 1].isdigit()):
        return "dmy"
    return "mdy"


def note_style(dates: Iterable[HistoricalDate]) -> str:
    """The style most of the note's most precise dates are written in (the first one written
    breaks a tie); ``mdy`` when no date is as precise as a month."""
    dated = list(dates)
    for precision in (Precision.DAY, Precision.MONTH):
        styles = [written_style(d) for d in dated if d.precision == precision]
        if styles:
            counts = Counter(styles)
            return max(counts, key=lambda s: (counts[s], -styles.index(s)))  # type: ignore[arg-type]
    return "mdy"


def _month_end(day: Day) -> bool:
    return civil(day.ordinal() + 1)[2] == 1


def _whole_months(date: HistoricalDate) -> bool:
    return date.earliest.day == 1 and _month_end(date.latest)


def _day(d: Day, style: str, era: bool, with_year: bool = True) -> str:
    month = MONTH_ABBR[d.month - 1]
    year = year_label(d.year, era)
    if style == "iso" and d.year > 0:
        return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
    if style == "mdy":
        return f"{month} {d.day}, {year}" if with_year else f"{month} {d.day}"
    return f"{d.day} {month} {year}" if with_year else f"{d.day} {month}"


def _month(d: Day, style: str, era: bool, with_year: bool = True) -> str:
    if style == "iso" and d.year > 0:
        return f"{d.year:04d}-{d.month:02d}"
    month = MONTH_ABBR[d.month - 1]
    return f"{month} {year_label(d.year, era)}" if with_year else month


def _day_range(a: Day, b: Day, style: str, era: bool) -> str:
    if style == "iso" and a.year > 0:
        return f"{_day(a, style, era)}/{_day(b, style, era)}"
    if a.year != b.year:
        return f"{_day(a, style, era)} – {_day(b, style, era)}"
    year = year_label(b.year, era)
    if a.month != b.month:
        if style == "mdy":
            return f"{_day(a, style, era, False)} – {_day(b, style, era, False)}, {year}"
        return f"{_day(a, style, era, False)} – {_day(b, style, era)}"
    month = MONTH_ABBR[a.month - 1]
    if style == "mdy":
        return f"{month} {a.day}–{b.day}, {year}"
    return f"{a.day}–{b.day} {month} {year}"


def _month_range(a: Day, b: Day, style: str, era: bool) -> str:
    if style == "iso" and a.year > 0:
        return f"{_month(a, style, era)}/{_month(b, style, era)}"
    if a.year != b.year:
        return f"{_month(a, style, era)} – {_month(b, style, era)}"
    return f"{_month(a, style, era, False)}–{_month(b, style, era)}"


def date_label(date: HistoricalDate, style: str, language: str = "en") -> str:
    """A date's label in ``style`` (one of ``STYLES``); in a note of another language, in
    that language's own form (``iso`` stays ISO)."""
    if style != "iso" and display.has_words(language):
        return clean(display.date_label(date, language))
    a, b = date.earliest, date.latest
    era = a.year < 0 < b.year
    if date.precision == Precision.DAY:
        text = _day(a, style, era) if a == b else _day_range(a, b, style, era)
    elif date.precision == Precision.MONTH and _whole_months(date):
        same = (a.year, a.month) == (b.year, b.month)
        text = _month(a, style, era) if same else _month_range(a, b, style, era)
    else:
        return clean(date.display or date.text)
    if date.approximate:
        text = "c. " + text
    return text + "?" if date.uncertain else text
