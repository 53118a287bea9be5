"""Dates as study notes write them, parsed into :class:`~studypress.model.HistoricalDate`.

The parser is small, pure and strict. It never fills a missing part from today's date, it
knows BCE/CE, circa, decades, centuries, seasons and ranges, and it tells a date that cannot
exist (``31 February 1900``) from text that is no date at all (``hello``).

Conventions
-----------
* Years use historical numbering (no year 0). EDTF output uses astronomical years, as ISO 8601
  does: 44 BCE is ``-0043``. Years beyond 9999 use the EDTF ``Y`` prefix (``Y-11999``).
* Calendar: proleptic Gregorian throughout; BCE leap years follow the astronomical year
  (1 BCE, 5 BCE, 45 BCE … are leap years).
* Centuries count strictly: the 19th century is 1801–1900, the 5th century BCE is 500–401 BCE.
  Their EDTF is the interval of those years (``1801/1900``), because ``18XX`` would mean
  1800–1899 and disagree with ``earliest``/``latest``.
* Decades: ``1920s`` is 1920–1929, EDTF ``192X``. A BCE decade (``40s BCE`` = 49–40 BCE) cannot
  be written with ``X`` and becomes an interval (``-0048/-0039``). A decade ``1810s`` stays a
  decade.
* Hundreds: a year ending in ``00`` with an ``s`` (``1800s``, ``the 1600s``, also the ambiguous
  ``1900s`` and ``2000s``) is that hundred years, not its first decade: ``1800s`` is 1800–1899,
  precision century, EDTF ``18XX``; ``500s BCE`` is 599–500 BCE (an interval, as BCE decades).
  ``1800`` alone stays the year.
* Early / mid / late take part of the span they qualify, in chronological order: of a decade
  years 0–3, 3–6 and 7–9 (``Mid-1940s`` = 1943–1946); of a century or hundreds its years
  1–40, 31–70 and 71–100 counted from its first year (``mid-19th century`` = 1831–1870,
  ``mid-1800s`` = 1830–1869, ``late 1800s`` = 1870–1899); of a year January–April, May–August,
  September–December (EDTF quadrimesters 37, 38, 39); of a month days 1–10, 11–20, 21–end.
  Other qualified spans are EDTF intervals. The precision stays that of the unit named
  (``Early 1920s`` is a decade).
* Halves and quarters (``first half of the 20th century``, ``second half of 1917``,
  ``last quarter of the 18th century``) split the span evenly: a century's halves are its years
  1–50 and 51–100 (1901–1950), its quarters 1–25 … 76–100; a decade has halves (years 0–4, 5–9)
  but no quarters; a year's halves and quarters are EDTF semesters 40–41 and quarters 33–36; a
  month has halves (days 1–15, 16–end). A day or season cannot be split.
* Seasons are meteorological: spring March–May (EDTF 21), summer June–August (22), autumn or fall
  September–November (23), winter December to February of the next year (24). A winter written
  with both its years (``Winter 1941–42``, ``winter 1916/17``, ``winter 45/44 BCE``) is that one
  winter, not a range: December 1941 to February 1942, EDTF ``1941-24``.
* ``c.``, ``ca.``, ``circa`` (and ``~``) mark the end they precede as approximate, a trailing
  ``?`` the end it follows as uncertain. A circa word before a range whose start does not name
  its own era applies to both ends: ``c. 115–53 BCE`` is ``-0114~/-0052~``; with the start's
  era written, ``c. 63 BCE – 14 CE`` marks only 63 BCE. The ``approximate``/``uncertain``
  flags of the result are set when either end carries the mark.
* Alternatives (``183/181 BCE``) are an EDTF one-of set, ``[-0182,-0180]``, and uncertain. As a
  range end they widen to the outer alternative, marked uncertain: ``247–183/181 BCE`` is
  ``-0246/-0180?`` with ``latest`` at the end of 181 BCE.
* In a range, a start without a year takes the end's (``July 17 – August 2, 1945``), falling
  back to the year before when that would put the start after the end
  (``December 24 – January 6, 1918``). A start without an era takes the end's
  (``264–241 BCE``); an end without one is CE (``500 BCE – 500``). A two-digit CE end year
  completes from the start (``1941–42`` = 1941–1942).
* ``1917-12`` (ASCII hyphen, no spaces) is ISO December 1917 when the month is not after the
  year's last two digits; otherwise it is a short range (``1905-06`` = 1905–1906).
* ``and`` joins two decades or two centuries that meet into one range: ``the 1920s and 1930s``
  is 1920–1939, ``the 14th and 15th centuries`` 1301–1500. Two that do not meet are an error;
  ``and`` between other dates is no date.
* The precision of a range is the coarser of its ends' precisions.
* A two-digit end written with an apostrophe (``1930s–'40s``, ``1941–'42``) completes the same
  way; alone (``the '30s``) it is an error, since its century would be a guess.
* A leading ``the`` is ignored (``the 1920s``, ``The 19th century``). Ordinals come in any
  order: ``October 24th, 1929``, ``24th of October 1929``, ``October the 24th, 1929``.
* Text exported from word processors reads as typed: backslash escapes (``\\-``, ``\\.``),
  pandoc's ``--`` and ``---`` (dashes), superscript ordinals (``24ᵗʰ``, ``24<sup>th</sup>``),
  no-break and thin spaces, curly quotes. ``display`` shows the plain form (``1935–1943``).
* A month or day in parentheses after a year is part of the date: ``1917 (March)`` is March 1917,
  ``1933 (November 16)`` the day. An era or regnal year followed by its Western date in
  parentheses (``Meiji 1 (1868)``, ``Year 5 of Tiberius (19 CE)``) is that Western date; the era
  words stay in ``text`` and ``display``. The era names are a table; no Western year is ever
  computed from an era year.
* An ISO date at the start of a line needs no separator after it (``1905-01-22 Bloody Sunday``).
* Notes: any other trailing parenthesised note (``October 27, 1962 ("Black Saturday")``,
  ``27 July 1794 (9 Thermidor, Year II)``) and a bracketed insertion anywhere
  (``25 October [O.S. 7 November] 1917``) are ignored; ``text`` keeps them, ``display`` does not.
* ``display`` is the note's wording with whitespace collapsed and the range dash normalised to
  an en dash, spaced when the note spaced it: ``July 17 – August 2, 1945``, ``264–241 BCE``.

Stages
------
``tokens`` (normalising, notes, tokens) → ``asides`` (a parenthesis that belongs to the date)
→ ``grammar`` (the tokens of each end read into a part, two ends completed from each other) →
``resolve`` (a part as days and EDTF) → ``display`` (year labels, the printed form); ``parse``
ties them into the public functions below and ``tables`` holds the words. Text that is no
English date is tried in other languages: ``languages`` rewrites it into the grammar's words
from CLDR month and era names (``lang/cldr.json``, regenerated by ``cldr`` from Babel) and
hand-written word tables (``lang/words.toml``: circa, era, season and early/mid/late words,
which CLDR lacks): ``25 de mayo de 1810``, ``XIXe siècle``, ``am 9. November 1989``,
``im Herbst 1923``, ``13.–17. März 1920``, ``a finales del siglo XIX``, ``9.11.1989``,
``1868年1月3日``. Its ``display`` is the note's own words.
"""

from .display import year_label
from .errors import DateError
from .parse import leading_date, looks_like_date, parse_date, reads_parenthesis

__all__ = [
    "DateError",
    "leading_date",
    "looks_like_date",
    "parse_date",
    "reads_parenthesis",
    "year_label",
]
