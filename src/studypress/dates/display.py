"""How dates print: year labels, the display form of a range, and dates in a note's language.

English labels are this project's own (``Nov 15, 1933``, ``44 BCE``). Every other language
prints its dates the way CLDR says (``lang/display.json``, regenerated from Babel by
``cldr_display``): ``15 nov 1933``, ``16. Nov. 1933``, ``1933年11月16日``, ``44 a. C.``.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from ..model import Day, HistoricalDate, Precision

ENGLISH = "en"
_TABLE = Path(__file__).with_name("lang") / "display.json"
# A CLDR pattern: quoted literals ('de', '' for a quote) and runs of one field letter.
_PATTERN = re.compile(r"'((?:[^']|'')*)'|([A-Za-z])\2*|[^A-Za-z']+")


def year_label(year: int, era: bool = False, language: str = ENGLISH) -> str:
    """A year in historical numbering as printed: ``1933``, ``44 BCE``; with ``era``, ``14 CE``;
    in another language its own form (``44 a. C.``, ``公元前44年``)."""
    words = _words(language)
    if words is not None:
        key = "era_year" if era or year < 0 else "year"
        return _format(words, words["patterns"][key], Day(year, 1, 1))
    if year < 0:
        return f"{-year} BCE"
    return f"{year} CE" if era else str(year)


def astronomical_label(astro: int) -> str:
    """The label of an astronomical year (0 is 1 BCE), for messages."""
    return year_label(astro if astro > 0 else astro - 1)


def range_display(before: str, after: str) -> str:
    """The two ends' wording joined by an en dash, spaced when the note spaced its dash."""
    dash = " – " if before.endswith(" ") or after.startswith(" ") else "–"
    return before.rstrip() + dash + after.lstrip()


def has_words(language: str) -> bool:
    """Whether dates print in ``language``'s own words (English and unknown ones: English)."""
    return _words(language) is not None


def day_label(day: Day, language: str, with_year: bool = True, era: bool = False,
              long: bool = False) -> str:
    """A day in ``language``: ``15 nov 1933``, ``16. November 1933`` (``long``), ``11月16日``
    (without the year)."""
    words = _words(language) or _words_of(ENGLISH)
    key = ("day_long" if long else "day") if with_year else "day_no_year"
    return _format(words, words["patterns"][key], day, era)


def month_label(day: Day, language: str, with_year: bool = True, era: bool = False,
                long: bool = False) -> str:
    """A month in ``language``: ``nov 1933``, ``November 1933`` (``long``), ``11月``."""
    words = _words(language) or _words_of(ENGLISH)
    key = ("month_long" if long else "month") if with_year else "month_no_year"
    return _format(words, words["patterns"][key], day, era)


def circa(text: str, language: str) -> str:
    """An approximate date's label: ``c. 1900``, ``h. 1900``, ``约1900年``."""
    words = _words(language) or _words_of(ENGLISH)
    return str(words["circa"]).replace("{date}", text)


def decimal(number: str, language: str) -> str:
    """A number written with a point (``2.5``) with the language's decimal sign (``2,5``)."""
    words = _words(language)
    return number.replace(".", str(words["decimal"])) if words is not None else number


def date_label(date: HistoricalDate, language: str) -> str:
    """A date's short label in ``language``, made from its days and precision (never from its
    wording), as a figure labels every date alike; a date coarser than a month keeps its
    display form, which is the note's own words."""
    a, b = date.earliest, date.latest
    era = a.year < 0 < b.year
    if date.precision == Precision.DAY:
        text = day_label(a, language, era=era) if a == b else _day_range(a, b, language, era)
    elif date.precision == Precision.MONTH and a.day == 1 and _month_end(b):
        text = (month_label(a, language, era=era) if (a.year, a.month) == (b.year, b.month)
                else _dash(month_label(a, language, a.year != b.year, era),
                           month_label(b, language, era=era)))
    else:
        return " ".join((date.display or date.text).split())
    if date.approximate:
        text = circa(text, language)
    return text + "?" if date.uncertain else text


def _day_range(a: Day, b: Day, language: str, era: bool) -> str:
    return _dash(day_label(a, language, a.year != b.year, era), day_label(b, language, era=era))


def _dash(before: str, after: str) -> str:
    return f"{before} – {after}"


def _month_end(day: Day) -> bool:
    from ..timeaxis import civil

    return civil(day.ordinal() + 1)[2] == 1


@cache
def _table() -> dict[str, Any]:
    return json.loads(_TABLE.read_text(encoding="utf-8"))["locales"]


def _words_of(code: str) -> dict[str, Any]:
    return _table()[code]


def _words(language: str) -> dict[str, Any] | None:
    """The CLDR words of a language other than English, by its primary tag; None for
    English and for a language the table does not have."""
    code = language.strip().lower().replace("_", "-").split("-", 1)[0]
    if code == ENGLISH:
        return None
    return _table().get(code)


def _format(words: dict[str, Any], pattern: str, day: Day, era: bool = False) -> str:
    """``day`` in a CLDR pattern; a year before the common era (or any, with ``era``) gets
    the era label where the language's era pattern puts it."""
    out: list[str] = []
    for m in _PATTERN.finditer(pattern):
        literal, letter, token = m.group(1), m.group(2), m.group(0)
        if literal is not None:
            out.append(literal.replace("''", "'") if literal else "'")
        elif letter is None:
            out.append(token)
        else:
            out.append(_field(words, letter, len(token), day))
    text = "".join(out)
    if (era or day.year < 0) and "G" not in pattern:
        text = _with_era(words, text, day.year)
    return text.strip()


def _field(words: dict[str, Any], letter: str, width: int, day: Day) -> str:
    if letter == "y":
        return str(abs(day.year))
    if letter == "d":
        return f"{day.day:0{width}d}"
    if letter == "G":
        return str(words["eras"]["bce" if day.year < 0 else "ce"])
    if letter in "ML":
        if width <= 2:
            return f"{day.month:0{width}d}"
        alone = "_alone" if letter == "L" else ""
        names = words["months_wide" + alone] if width >= 4 else words["months" + alone]
        return str(names[day.month - 1])
    return ""


def _with_era(words: dict[str, Any], text: str, year: int) -> str:
    """The era label before or after ``text`` as the era pattern places it: ``公元前44年3月``,
    ``MÖ 15 Mar 44``, ``15 мар. 44 г. до н. э.``."""
    pattern = str(words["patterns"]["era_year"])
    era = str(words["eras"]["bce" if year < 0 else "ce"])
    g, y = pattern.find("G"), pattern.find("y")
    if g < y:
        gap = pattern[g + 1:y]
        return era + gap + text
    sep = pattern[g - 1] if pattern[g - 1].isspace() else " "
    return text + sep + era
