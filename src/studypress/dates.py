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
* A leading ``the`` is ignored (``the 1920s``, ``The 19th century``).
* Notes: a trailing parenthesised note (``October 27, 1962 ("Black Saturday")``,
  ``27 July 1794 (9 Thermidor, Year II)``) and a bracketed insertion anywhere
  (``25 October [O.S. 7 November] 1917``) are ignored; ``text`` keeps them, ``display`` does not.
* ``display`` is the note's wording with whitespace collapsed and the range dash normalised to
  an en dash, spaced when the note spaced it: ``July 17 – August 2, 1945``, ``264–241 BCE``.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, replace

from .model import Day, HistoricalDate, Precision

__all__ = ["DateError", "leading_date", "looks_like_date", "parse_date"]


class DateError(ValueError):
    """A string that looks like a date but cannot be one (Febtember, 31 February, year 0)."""


class _NotADate(DateError):
    """Text with no date shape at all (``hello``): still a DateError for callers."""


# ----------------------------------------------------------------------------- tables

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_MONTH_NAMES = (
    "", "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# EDTF season code -> (first month, last month); winter ends in the next year.
_SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
_SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 2)}

_QUALIFIERS = {"early": "early", "mid": "mid", "middle": "mid", "late": "late"}
_CIRCA = {"c", "ca", "circa", "approx", "approximately", "around", "about"}
_CENTURY_WORDS = {"century", "cent", "centuries"}
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
    "twenty-second": 22, "twenty second": 22,
}  # fmt: skip

# Part of a decade / century / year / month that "early", "mid" and "late" take.
_DECADE_PARTS = {"early": (0, 3), "mid": (3, 6), "late": (7, 9)}
_CENTURY_PARTS = {"early": (0, 39), "mid": (30, 69), "late": (70, 99)}
_YEAR_PARTS = {"early": (1, 4, 37), "mid": (5, 8, 38), "late": (9, 12, 39)}
_MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
# "first half of", "last quarter of": how many equal parts the span is cut into.
_FRACTIONS = {"half": 2, "quarter": 4}
_MONTH_HALVES = {1: (1, 15), 2: (16, 31)}
# EDTF sub-year codes of a year's halves (semesters) and quarters, by part number.
_YEAR_FRACTION_CODES = {2: (40, 41), 4: (33, 34, 35, 36)}
_WINTER = 24

_UNKNOWN = {
    "unknown", "unknown date", "date unknown", "undated", "n.d", "n. d", "no date",
    "unknown year", "year unknown", "?", "??", "???",
}  # fmt: skip

_MAX_YEAR = 99_999  # the largest year; one with a month or day must also fit in four digits

_PRECISION_ORDER = list(Precision)

# Dashes and look-alikes: range dashes become "–", hyphen look-alikes "-".
_TRANSLATE = str.maketrans(
    {
        "\u2012": "–", "\u2013": "–", "\u2014": "–", "\u2015": "–", "\u2212": "–",
        "\u2010": "-", "\u2011": "-", "\u2019": "'", "\u02bc": "'",
    }
)  # fmt: skip
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_WHITESPACE = re.compile(r"\s+")
_INSERTION = re.compile(r"\[[^\[\]]*[0-9A-Za-z][^\[\]]*\]")  # "[O.S. 7 November]", not "[?]"
_TRAILING_NOTE = re.compile(r"\([^()]*\)\s*$")  # "(Old Style)" at the end

_TOKEN = re.compile(
    r"""
      (?P<space>\ +)
    | (?P<iso>[0-9]{4}-[0-9]{2}-[0-9]{2})(?![0-9])
    | (?P<ym>[0-9]{4}-[0-9]{2})(?![0-9-])
    | (?P<num>(?P<digits>[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)
              (?:(?P<suffix>st|nd|rd|th|'?s)(?![a-z]))?)
    | (?P<era>(?:b\.\ ?c\.\ ?e\.?|bce|b\.\ ?c\.?|bc|c\.\ ?e\.?|ce|a\.\ ?d\.?|ad)(?![a-z0-9]))
    | (?P<word>twenty[-\ ](?:first|second)(?![a-z])|[a-z]+\.?)
    | (?P<dash>–)
    | (?P<hyphen>-)
    | (?P<comma>,)
    | (?P<slash>/)
    | (?P<mark>[?~%])
    | (?P<other>.)
    """,
    re.VERBOSE | re.ASCII,
)


# ----------------------------------------------------------------------------- tokens


@dataclass(frozen=True)
class _Tok:
    kind: str
    start: int
    end: int
    value: int = 0  # a number, month, season code or ordinal
    digits: int = 0  # how many digits the note wrote
    tag: str = ""  # an era ("bce", "ce"), qualifier ("early") or mark ("?")
    parts: tuple[int, ...] = ()  # ISO (year, month[, day]); alternatives (a, b, digits, digits)
    word: str = ""  # the spelling in the note, for messages


def _number(digits: str) -> int:
    """The value of a digit string; absurdly long ones are capped (they are not dates)."""
    return int(digits) if len(digits) <= 7 else 10**7


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance counting a swap of neighbours as one edit."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _month_typo(word: str) -> bool:
    """Whether an unknown word is close enough to a month name to be a misspelt one."""
    if len(word) < 5:
        return False
    limit = 2 if len(word) >= 7 else 1
    return any(
        abs(len(word) - len(name)) <= 1 and _edit_distance(word, name.lower()) <= limit
        for name in _MONTH_NAMES[1:]
    )


def _classify_word(word: str, start: int, end: int, spelling: str) -> _Tok:
    bare = word.rstrip(".")
    if bare in _MONTHS:
        return _Tok("month", start, end, _MONTHS[bare], word=spelling)
    if bare in _SEASONS:
        return _Tok("season", start, end, _SEASONS[bare], word=spelling)
    if bare in _QUALIFIERS:
        return _Tok("qual", start, end, tag=_QUALIFIERS[bare], word=spelling)
    if bare in _CIRCA:
        return _Tok("circa", start, end, word=spelling)
    if bare in _CENTURY_WORDS:
        return _Tok("century", start, end, word=spelling)
    if bare in _ORDINAL_WORDS:
        value = _ORDINAL_WORDS[bare]
        return _Tok("ord", start, end, value, digits=len(str(value)), word=spelling)
    if bare in ("the", "year", "of", "and", "last"):
        return _Tok(bare, start, end, word=spelling)
    if bare in _FRACTIONS:
        return _Tok("fraction", start, end, _FRACTIONS[bare], word=spelling)
    if _month_typo(bare):
        return _Tok("typo", start, end, word=spelling)
    return _Tok("word", start, end, word=spelling)


def _tokenize(norm: str) -> list[_Tok]:
    """Tokens of normalised text; range separators come out as kind ``sep``."""
    low = norm.translate(_ASCII_LOWER)
    raw: list[_Tok] = []
    pos = 0
    while pos < len(low):
        m = _TOKEN.match(low, pos)
        assert m is not None  # the last alternative matches any character
        kind, start, end = m.lastgroup, m.start(), m.end()
        pos = end
        if kind == "space":
            continue
        spelling = norm[start:end]
        if kind == "iso":
            y, mo, d = (int(x) for x in m.group("iso").split("-"))
            raw.append(_Tok("iso", start, end, digits=4, parts=(y, mo, d), word=spelling))
        elif kind == "ym":
            y, mo = int(spelling[:4]), int(spelling[5:])
            if mo <= y % 100 and 1 <= mo <= 12:
                raw.append(_Tok("ym", start, end, digits=4, parts=(y, mo), word=spelling))
            else:  # a short range such as 1905-06
                raw.append(_Tok("num", start, start + 4, y, 4, word=spelling[:4]))
                raw.append(_Tok("hyphen", start + 4, start + 5, word="-"))
                raw.append(_Tok("num", start + 5, end, mo, 2, word=spelling[5:]))
        elif kind == "num":
            digits = m.group("digits").replace(",", "")
            suffix = m.group("suffix")
            if len(digits) > 6:
                sub = "word"  # no year has that many digits
            elif suffix is None:
                sub = "num"
            elif suffix.endswith("s"):
                sub = "decade"
            else:
                sub = "ord"
            raw.append(_Tok(sub, start, end, _number(digits), len(digits), word=spelling))
        elif kind == "era":
            era = "bce" if "b" in m.group("era") else "ce"
            raw.append(_Tok("era", start, end, tag=era, word=spelling))
        elif kind == "word":
            raw.append(_classify_word(m.group("word"), start, end, spelling))
        elif kind == "mark":
            raw.append(_Tok("mark", start, end, tag=spelling, word=spelling))
        else:  # dash, hyphen, comma, slash, other
            raw.append(_Tok(kind or "other", start, end, word=spelling))

    toks: list[_Tok] = []
    for i, tok in enumerate(raw):
        if tok.kind == "hyphen":
            before = raw[i - 1].kind if i else ""
            after = raw[i + 1].kind if i + 1 < len(raw) else ""
            if before == "qual" or (before == "ord" and after in ("century", "circa")):
                continue  # "Mid-1940s", "19th-century"
            tok = replace(tok, kind="sep")
        elif tok.kind == "dash":
            tok = replace(tok, kind="sep")
        toks.append(tok)

    # "183/181" -> one token holding the alternatives
    merged: list[_Tok] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if (
            t.kind == "num"
            and i + 2 < len(toks)
            and toks[i + 1].kind == "slash"
            and toks[i + 2].kind == "num"
        ):
            u = toks[i + 2]
            parts = (t.value, u.value, t.digits, u.digits)
            word = norm[t.start : u.end]
            merged.append(_Tok("alt", t.start, u.end, t.value, t.digits, parts=parts, word=word))
            i += 3
            continue
        merged.append(t)
        i += 1
    return merged


# ------------------------------------------------------------------------------ parts


@dataclass
class _Part:
    """One end of a date (or the whole of a single date), as written."""

    text: str
    approximate: bool = False
    uncertain: bool = False
    era: str | None = None
    year: int | None = None
    year_digits: int = 0
    alt: tuple[int, int, int, int] | None = None  # (first, second, digits, digits)
    bare: bool = False  # a lone number: a year, or a day when the other end says so
    month: int | None = None
    day: int | None = None
    season: int | None = None
    decade: int | None = None
    decade_digits: int = 0
    decade_word: str = ""
    century: int | None = None
    bare_ordinal: bool = False  # "5th" in "5th–3rd century BCE"
    qualifier: str | None = None
    fraction: tuple[int, int] | None = None  # (which part, of how many): "second half" = (2, 2)
    fraction_word: str = ""  # "second half", for messages
    circa_word: bool = False  # "c." / "circa" written before it (not "~")
    year_from_other_end: bool = False

    @property
    def unit(self) -> str:
        if self.century is not None:
            return "century"
        if self.decade is not None:
            return "decade"
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        if self.season is not None:
            return "season"
        return "year"


def _is_day(tok: _Tok) -> bool:
    return tok.kind in ("num", "ord") and tok.digits <= 2


def _set_year(p: _Part, tok: _Tok) -> None:
    p.year, p.year_digits = tok.value, tok.digits
    if tok.kind == "alt":
        first, second, digits1, digits2 = tok.parts
        p.alt = (first, second, digits1, digits2)


def _fill(p: _Part, core: list[_Tok]) -> bool:
    """Read the core tokens of one end into ``p``; False when they are not a date shape."""
    kinds = tuple(t.kind for t in core)
    match kinds:
        case ("iso",) | ("ym",):
            if p.era == "bce":
                return False
            values = core[0].parts
            p.era, p.year, p.year_digits, p.month = "ce", values[0], 4, values[1]
            if len(values) == 3:
                p.day = values[2]
        case ("month", "num" | "ord", "comma", "num") if _is_day(core[1]):
            p.month, p.day = core[0].value, core[1].value
            _set_year(p, core[3])
        case ("month", "num" | "ord", "num") if _is_day(core[1]):
            p.month, p.day = core[0].value, core[1].value
            _set_year(p, core[2])
        case ("num" | "ord", "month", "num") if _is_day(core[0]):
            p.day, p.month = core[0].value, core[1].value
            _set_year(p, core[2])
        case ("num" | "ord", "month", "comma", "num") if _is_day(core[0]):
            p.day, p.month = core[0].value, core[1].value
            _set_year(p, core[3])
        case ("month", "comma", "num"):
            p.month = core[0].value
            _set_year(p, core[2])
        case ("month", "ord") if _is_day(core[1]):
            p.month, p.day = core[0].value, core[1].value
        case ("month", "num"):
            p.month = core[0].value
            tok = core[1]
            if p.era is None and _is_day(tok) and tok.value <= 31:
                p.day = tok.value  # "July 17": the year comes from the other end
            else:
                _set_year(p, tok)
        case ("num" | "ord", "month") if _is_day(core[0]):
            p.day, p.month = core[0].value, core[1].value
        case ("month",):
            p.month = core[0].value
        case ("num" | "alt",) | ("year", "num" | "alt"):
            _set_year(p, core[-1])
            p.bare = kinds == ("num",) and p.era is None
        case ("num" | "ord", "comma", "num") if _is_day(core[0]):
            p.day = core[0].value  # "11, 1945" in "February 4–11, 1945"
            _set_year(p, core[2])
        case ("decade",):
            p.decade, p.decade_digits = core[0].value, core[0].digits
            p.decade_word = core[0].word
        case ("ord", "century" | "circa"):
            p.century = core[0].value
        case ("ord",):
            p.century, p.bare_ordinal = core[0].value, True
        case ("season", "num") | ("season", "comma", "num"):
            p.season = core[0].value
            _set_year(p, core[-1])
        case ("season",):
            p.season = core[0].value
        case ("season", "alt") if core[0].value == _WINTER:
            first, second, digits1, digits2 = core[1].parts
            if not _next_winter_year(first, second, digits2, p.era):
                return False
            p.season, p.year, p.year_digits = core[0].value, first, digits1  # "winter 1916/17"
        case _:
            return False
    return True


def _next_winter_year(first: int, second: int, digits: int, era: str | None) -> bool:
    """Whether ``second`` (as written, maybe shortened) is the year after ``first``.

    "Winter 1941–42" and "winter 45/44 BCE" name one winter across the turn of the year.
    """
    following = first - 1 if era == "bce" else first + 1
    return following > 0 and digits <= len(str(following)) and following % 10**digits == second


def _apply_mark(p: _Part, mark: str) -> None:
    if mark in ("~", "%"):
        p.approximate = True
    if mark in ("?", "%"):
        p.uncertain = True


def _parse_end(toks: list[_Tok], norm: str) -> _Part:
    """One end of a date: qualifiers, era, then a date shape."""
    p = _Part(text=norm[toks[0].start : toks[-1].end] if toks else "")
    i, j = 0, len(toks)
    while i < j and toks[i].kind in ("circa", "mark", "the"):
        if toks[i].kind == "circa":
            p.approximate = p.circa_word = True
        elif toks[i].kind == "mark":
            _apply_mark(p, toks[i].tag)
        i += 1
    while j > i and (toks[j - 1].kind == "mark" or (toks[j - 1].kind == "era" and not p.era)):
        if toks[j - 1].kind == "mark":
            _apply_mark(p, toks[j - 1].tag)
        else:
            p.era = toks[j - 1].tag
        j -= 1
    if i < j and toks[i].kind == "era" and p.era is None:
        p.era = toks[i].tag
        i += 1
    kinds = [t.kind for t in toks[i : i + 3]]
    if kinds[:1] in (["ord"], ["last"]) and kinds[1:] == ["fraction", "of"]:
        count = toks[i + 1].value
        p.fraction = (count if kinds[0] == "last" else toks[i].value, count)
        p.fraction_word = f"{toks[i].word} {toks[i + 1].word}"
        i += 3
        if i < j and toks[i].kind == "the":  # "first half of the 20th century"
            i += 1
    if i < j and toks[i].kind == "qual":
        p.qualifier = toks[i].tag
        i += 1
    core = toks[i:j]
    if len(core) >= 2 and core[-2].kind == "era" and core[-1].kind in ("num", "alt") and not p.era:
        p.era = core[-2].tag  # "March 15, AD 14"
        core = core[:-2] + core[-1:]
    if _fill(p, core):
        if p.qualifier and (p.unit in ("day", "season") or p.alt is not None):
            raise DateError(f"'{p.qualifier}' cannot qualify {p.text!r}")
        if p.fraction is not None:
            _check_fraction(p)
        return p
    typos = [t for t in core if t.kind == "typo"]
    # a misspelt month needs a number beside it: "the first half of the match" is prose
    if typos and any(t.kind in ("num", "ord", "alt") for t in core):
        trial = [replace(t, kind="month", value=1) if t.kind == "typo" else t for t in core]
        if _fill(_Part(text=p.text, era=p.era), trial):
            raise DateError(_typo_message(typos[0].word))
    raise _NotADate(f"not a date: {norm!r}")


def _check_fraction(p: _Part) -> None:
    """Refuse a half or quarter of something that has none (checked once the rest is a date)."""
    assert p.fraction is not None
    which, count = p.fraction
    if not 1 <= which <= count:
        raise DateError(f"there is no {p.fraction_word} in {p.text!r}")
    if p.qualifier:
        raise DateError(f"{p.text!r} has both '{p.qualifier}' and '{p.fraction_word}': use one")
    if p.unit in ("day", "season") or p.alt is not None:
        raise DateError(f"'{p.fraction_word} of' cannot split {p.text!r}")
    hundreds = p.decade is not None and p.decade % 100 == 0
    if count == 4 and (p.unit == "month" or (p.unit == "decade" and not hundreds)):
        raise DateError(f"{p.text!r}: a {p.unit} is not split into quarters; use a half")


def _typo_message(word: str) -> str:
    bare = word.rstrip(".").lower()
    close = [n for n in _MONTH_NAMES[1:] if _edit_distance(bare, n.lower()) == 1]
    hint = f" (did you mean {close[0]}?)" if len(close) == 1 else ""
    return f"{word.rstrip('.')!r} is not a month name{hint}"


def _previous_year(year: int, era: str | None) -> tuple[int, str | None]:
    if era == "bce":
        return year + 1, era
    if year == 1:
        return 1, "bce"
    return year - 1, era


def _complete(a: _Part, b: _Part) -> None:
    """Let the two ends of a range lend each other what one of them leaves out."""
    small = a.bare and a.year is not None and a.year <= 31 and a.year_digits <= 2
    if small and b.day is not None:  # "4–11 February 1945"
        a.day, a.year, a.year_digits, a.bare = a.year, None, 0, False
        a.month = b.month
    small = b.bare and b.year is not None and b.year <= 31 and b.year_digits <= 2
    if small and a.day is not None:  # "February 4–11" (the year missing)
        b.day, b.year, b.year_digits, b.bare = b.year, None, 0, False
    if b.day is not None and b.month is None:  # "February 4–11, 1945"
        b.month = a.month
    if a.bare_ordinal and b.century is not None:  # "5th–3rd century BCE"
        a.bare_ordinal = False
    if a.unit in ("day", "month", "season") and a.year is None and b.year is not None:
        a.year, a.year_digits, a.year_from_other_end = b.year, b.year_digits, True
        if a.era is None:
            a.era = b.era
    if b.unit in ("day", "month") and b.year is None and a.year is not None:
        b.year, b.year_digits = a.year, a.year_digits  # "March 1917 – May"
        if b.era is None:
            b.era = a.era
    # two-digit CE end: 1941–42, 1920s–30s
    if a.era != "bce" and b.era is None:
        if b.bare and b.year_digits == 2 and a.year is not None and a.year_digits > 2:
            b.year = a.year // 100 * 100 + b.year
            b.year_digits = a.year_digits
        if b.decade is not None and b.decade_digits == 2 and a.decade and a.decade >= 100:
            b.decade = a.decade // 100 * 100 + b.decade
            b.decade_digits = a.decade_digits
    if a.era is None:  # "264–241 BCE"; an end without an era is CE ("500 BCE – 500")
        a.era = b.era


# ------------------------------------------------------------------------------ spans


@dataclass(frozen=True)
class _Span:
    earliest: Day
    latest: Day
    precision: Precision
    edtf: str  # the whole end on its own
    start: str  # EDTF of its first instant, for a range
    end: str  # EDTF of its last instant, for a range


def _leap(astro: int) -> bool:
    return astro % 4 == 0 and (astro % 100 != 0 or astro % 400 == 0)


def _days_in_month(astro: int, month: int) -> int:
    return 29 if month == 2 and _leap(astro) else _DAYS_IN_MONTH[month]


def _day(astro: int, month: int, day: int) -> Day:
    return Day(astro if astro > 0 else astro - 1, month, day)


def year_label(year: int, era: bool = False) -> str:
    """A year in historical numbering as printed: ``1933``, ``44 BCE``; with ``era``, ``14 CE``."""
    if year < 0:
        return f"{-year} BCE"
    return f"{year} CE" if era else str(year)


def _label(astro: int) -> str:
    return year_label(astro if astro > 0 else astro - 1)


def _astro(year: int, era: str | None) -> int:
    if year == 0:
        raise DateError("there is no year 0: 1 BCE is followed by 1 CE")
    if year > _MAX_YEAR:
        raise DateError(f"year {year} is out of range (at most {_MAX_YEAR})")
    return 1 - year if era == "bce" else year


def _edtf_year(astro: int) -> str:
    if abs(astro) > 9999:
        return f"Y{astro}"
    return f"{'-' if astro < 0 else ''}{abs(astro):04d}"


def _calendar_year(astro: int) -> str:
    """EDTF year for a date with a month or day (four digits only)."""
    if abs(astro) > 9999:
        raise DateError(f"months and days are supported up to the year 9999, not {_label(astro)}")
    return _edtf_year(astro)


def _mark(approximate: bool, uncertain: bool) -> str:
    if approximate and uncertain:
        return "%"
    return "~" if approximate else "?" if uncertain else ""


def _interval(a0: int, a1: int, precision: Precision, mark: str) -> _Span:
    """Whole years a0..a1 (astronomical) as an EDTF interval."""
    s, e = _edtf_year(a0) + mark, _edtf_year(a1) + mark
    return _Span(_day(a0, 1, 1), _day(a1, 12, 31), precision, f"{s}/{e}", s, e)


def _one(first: Day, last: Day, precision: Precision, edtf: str) -> _Span:
    return _Span(first, last, precision, edtf, edtf, edtf)


def _years(p: _Part, a0: int, size: int, precision: Precision, mark: str, edtf: str) -> _Span:
    """A decade or century of ``size`` years from astronomical ``a0``, or the part of it that
    ``p``'s qualifier or fraction takes; ``edtf`` is the whole span's own form ("" for none)."""
    if p.fraction is not None:
        which, count = p.fraction
        step = size // count
        lo, hi = (which - 1) * step, which * step - 1
    elif p.qualifier:
        lo, hi = (_CENTURY_PARTS if size == 100 else _DECADE_PARTS)[p.qualifier]
    elif edtf:
        return _one(_day(a0, 1, 1), _day(a0 + size - 1, 12, 31), precision, edtf)
    else:
        lo, hi = 0, size - 1
    return _interval(a0 + lo, a0 + hi, precision, mark)


def _resolve(p: _Part, whole: str) -> _Span:
    """The days one end can mean, with its EDTF."""
    mark = _mark(p.approximate, p.uncertain)
    q = p.qualifier
    if p.century is not None:
        n = p.century
        if n < 1 or n > _MAX_YEAR // 100:
            raise DateError(f"there is no {p.text!r}" if n < 1 else f"{p.text!r} is out of range")
        a0 = 1 - n * 100 if p.era == "bce" else (n - 1) * 100 + 1
        return _years(p, a0, 100, Precision.CENTURY, mark, "")
    if p.decade is not None:
        d = p.decade
        if d == 0:
            raise DateError(f"{p.decade_word!r} is not a decade: there is no year 0")
        if d % 10:
            raise DateError(f"{p.decade_word!r} is not a decade (decades end in 0, like 1920s)")
        if d > _MAX_YEAR:
            raise DateError(f"{p.decade_word!r} is out of range")
        if d % 100 == 0:  # "1800s": the hundred years, not the decade 1800–1809
            a0 = -d - 98 if p.era == "bce" else d
            edtf = f"{d // 100:02d}XX{mark}" if p.era != "bce" and d <= 9900 else ""
            return _years(p, a0, 100, Precision.CENTURY, mark, edtf)
        a0 = -d - 8 if p.era == "bce" else d
        edtf = f"{d // 10:03d}X{mark}" if p.era != "bce" and d <= 9990 else ""
        return _years(p, a0, 10, Precision.DECADE, mark, edtf)
    if p.year is None:
        raise DateError(f"{whole!r} has no year")
    if p.alt is not None:
        first, second, _, digits2 = p.alt
        if p.era != "bce" and digits2 == 2 and first >= 100:
            second = first // 100 * 100 + second  # 1917/18
        lo, hi = sorted((_astro(first, p.era), _astro(second, p.era)))
        edtf = f"[{_edtf_year(lo)}{mark},{_edtf_year(hi)}{mark}]"
        fuzzy = _mark(p.approximate, True)
        s, e = _edtf_year(lo) + fuzzy, _edtf_year(hi) + fuzzy
        return _Span(_day(lo, 1, 1), _day(hi, 12, 31), Precision.YEAR, edtf, s, e)
    a = _astro(p.year, p.era)
    if p.season is not None:
        first, last = _SEASON_MONTHS[p.season]
        end_year = a + 1 if last < first else a
        _calendar_year(end_year)
        edtf = f"{_calendar_year(a)}-{p.season}{mark}"
        end = _day(end_year, last, _days_in_month(end_year, last))
        return _one(_day(a, first, 1), end, Precision.SEASON, edtf)
    if p.month is None:
        if p.day is not None:
            raise DateError(f"{whole!r} has no month")
        if p.fraction is not None:
            which, count = p.fraction
            code = _YEAR_FRACTION_CODES[count][which - 1]
            m0, m1 = (which - 1) * 12 // count + 1, which * 12 // count
            last = _day(a, m1, _days_in_month(a, m1))
            return _one(_day(a, m0, 1), last, Precision.YEAR, f"{_calendar_year(a)}-{code}{mark}")
        if q:
            m0, m1, code = _YEAR_PARTS[q]
            edtf = f"{_calendar_year(a)}-{code}{mark}"
            last = _day(a, m1, _days_in_month(a, m1))
            return _one(_day(a, m0, 1), last, Precision.YEAR, edtf)
        return _one(_day(a, 1, 1), _day(a, 12, 31), Precision.YEAR, _edtf_year(a) + mark)
    m = p.month
    if not 1 <= m <= 12:
        raise DateError(f"there is no month {m}")
    ym = f"{_calendar_year(a)}-{m:02d}"
    dim = _days_in_month(a, m)
    if p.day is None:
        # a month has halves only: _check_fraction refused quarters
        part = _MONTH_HALVES[p.fraction[0]] if p.fraction else _MONTH_PARTS[q] if q else None
        if part is not None:
            lo, hi = part
            first, last = _day(a, m, lo), _day(a, m, min(hi, dim))
            s, e = first.iso() + mark, last.iso() + mark
            return _Span(first, last, Precision.MONTH, f"{s}/{e}", s, e)
        return _one(_day(a, m, 1), _day(a, m, dim), Precision.MONTH, ym + mark)
    if not 1 <= p.day <= dim:
        raise DateError(f"{_MONTH_NAMES[m]} {_label(a)} has no day {p.day}")
    day = _day(a, m, p.day)
    return _one(day, day, Precision.DAY, f"{ym}-{p.day:02d}{mark}")


# ---------------------------------------------------------------------------- public


def _normalise(text: str) -> str:
    return _WHITESPACE.sub(" ", text.translate(_TRANSLATE)).strip()


def _without_notes(norm: str) -> str:
    """``norm`` without bracketed insertions or trailing parenthesised notes.

    "25 October [O.S. 7 November] 1917" → "25 October 1917"; "Oct. 1917 (Old Style)" →
    "Oct. 1917". Text that is nothing but a note ("(1917)", "[1917]") is left whole.
    """
    bare = _INSERTION.sub(" ", norm)
    while (m := _TRAILING_NOTE.search(bare)) and m.start() > 0:
        bare = bare[: m.start()]
    bare = _WHITESPACE.sub(" ", bare).strip()
    return bare or norm


def _is_unknown(norm: str) -> bool:
    return norm.translate(_ASCII_LOWER).rstrip(".").strip() in _UNKNOWN


def _single(p: _Part, span: _Span, original: str, display: str) -> HistoricalDate:
    return HistoricalDate(
        text=original,
        earliest=span.earliest,
        latest=span.latest,
        precision=span.precision,
        edtf=span.edtf,
        display=display,
        approximate=p.approximate,
        uncertain=p.uncertain or p.alt is not None,
    )


def _one_winter(left: list[_Tok], right: list[_Tok]) -> bool:
    """Whether "<left>–<right>" is one winter written with both its years ("Winter 1941–42")."""
    if len(left) < 2 or left[-2].kind != "season" or left[-2].value != _WINTER:
        return False
    if left[-1].kind != "num" or not right or right[0].kind != "num":
        return False
    tail = [t.kind for t in right[1:]]
    if any(k not in ("era", "mark") for k in tail) or tail.count("era") > 1:
        return False
    era = next((t.tag for t in right[1:] if t.kind == "era"), None)
    return _next_winter_year(left[-1].value, right[0].value, right[0].digits, era)


def _parse_and(toks: list[_Tok], k: int, norm: str, original: str) -> HistoricalDate:
    """ "the 1920s and 1930s", "the 14th and 15th centuries": two decades or centuries that meet.

    Anything else joined by "and" is prose, not a date.
    """
    try:
        a, b = _parse_end(toks[:k], norm), _parse_end(toks[k + 1 :], norm)
    except DateError:
        raise _NotADate(f"not a date: {norm!r}") from None
    _complete(a, b)
    both_decades = a.decade is not None and b.decade is not None
    both_centuries = a.century is not None and b.century is not None and not b.bare_ordinal
    if not (both_decades or both_centuries) or a.bare_ordinal:
        raise _NotADate(f"not a date: {norm!r}")
    sa, sb = _resolve(a, norm), _resolve(b, norm)
    if sb.earliest.ordinal() != sa.latest.ordinal() + 1:
        raise DateError(
            f"{norm!r} names two periods that do not follow each other; "
            "write a range such as 1920s–1940s, or give each its own item"
        )
    return HistoricalDate(
        text=original,
        earliest=sa.earliest,
        latest=sb.latest,
        precision=max(sa.precision, sb.precision, key=_PRECISION_ORDER.index),
        edtf=f"{sa.start}/{sb.end}",
        display=norm,
        approximate=a.approximate or b.approximate,
        uncertain=a.uncertain or b.uncertain,
        is_range=True,
    )


def _parse(norm: str, original: str) -> HistoricalDate:
    toks = _tokenize(norm)
    seps = [i for i, t in enumerate(toks) if t.kind == "sep"]
    ands = [i for i, t in enumerate(toks) if t.kind == "and"]
    if ands:
        if len(ands) > 1 or seps:
            raise _NotADate(f"not a date: {norm!r}")
        return _parse_and(toks, ands[0], norm, original)
    if not seps:
        p = _parse_end(toks, norm)
        if p.bare_ordinal:
            raise _NotADate(f"not a date: {norm!r}")
        return _single(p, _resolve(p, norm), original, norm)
    if len(seps) > 1:
        raise _NotADate(f"not a date: {norm!r}")

    k = seps[0]
    sep = toks[k]
    before, after = norm[: sep.start], norm[sep.end :]
    dash = " – " if before.endswith(" ") or after.startswith(" ") else "–"
    display = before.rstrip() + dash + after.lstrip()
    left, right = toks[:k], toks[k + 1 :]
    if _one_winter(left, right):  # "Winter 1941–42": the winter 1941, marks and era from the end
        p = _parse_end(left + right[1:], norm)
        return _single(p, _resolve(p, display), original, display)
    no_start = all(t.kind == "mark" for t in left)  # "–1917", "?–1917"
    no_end = all(t.kind == "mark" for t in right)  # "1917–", "1917–?"
    if no_start or no_end:
        if no_start and no_end:
            raise _NotADate(f"not a date: {norm!r}")
        _parse_end(right if no_start else left, norm)  # is the other end a date at all?
        raise DateError(f"the range {display!r} has no {'start' if no_start else 'end'}")

    a, b = _parse_end(left, norm), _parse_end(right, norm)
    if b.bare_ordinal or (a.bare_ordinal and b.century is None):
        raise _NotADate(f"not a date: {norm!r}")
    if a.circa_word and a.era is None:  # "c. 115–53 BCE": the circa is for the whole range
        b.approximate = True
    _complete(a, b)
    for p in (a, b):  # a bare number may have become a day: "first half of 4–11 February 1945"
        if p.fraction is not None:
            _check_fraction(p)
    sa, sb = _resolve(a, display), _resolve(b, display)
    if a.year_from_other_end and sa.earliest > sb.earliest:
        assert a.year is not None
        a.year, a.era = _previous_year(a.year, a.era)  # December 24 – January 6, 1918
        sa = _resolve(a, display)
    if sb.earliest < sa.earliest or sb.latest < sa.latest:
        raise DateError(f"the range {display!r} ends before it starts")
    precision = max(sa.precision, sb.precision, key=_PRECISION_ORDER.index)
    return HistoricalDate(
        text=original,
        earliest=sa.earliest,
        latest=sb.latest,
        precision=precision,
        edtf=f"{sa.start}/{sb.end}",
        display=display,
        approximate=a.approximate or b.approximate,
        uncertain=a.uncertain or b.uncertain or a.alt is not None or b.alt is not None,
        is_range=True,
    )


def parse_date(text: str) -> HistoricalDate | None:
    """Parse a date as a note writes it.

    A trailing parenthesised note and bracketed insertions are ignored ("Oct. 1917 (Old Style)",
    "25 October [O.S. 7 November] 1917"): ``text`` keeps them, ``display`` leaves them out.
    None for an explicit unknown ("Unknown date", "Undated", "n.d.", "?"). Raises DateError with
    a user-facing message (what is wrong, e.g. "February 1900 has no day 31") for impossible
    dates and for text that is not a date at all (message: "not a date: '...'").
    """
    norm = _without_notes(_normalise(text))
    if not norm:
        raise _NotADate("not a date: an empty date")
    if _is_unknown(norm):
        return None
    return _parse(norm, text.strip())


def looks_like_date(text: str) -> bool:
    """True when the whole text is date-shaped.

    That is: it parses, is an explicit unknown, or is a malformed date such as "Febtember 1900",
    "31 February 1900" or "July 17" (no year). A trailing note counts as part of the date
    ("9 November 1799 (18 Brumaire)"), as in parse_date.
    """
    try:
        parse_date(text)
    except _NotADate:
        return False
    except DateError:
        return True
    return True


_LEAD_SEPARATOR = re.compile(r"\s*:\s*|\s+[–—-]\s+|\s*,\s*")


def leading_date(text: str) -> tuple[str, str] | None:
    """Split a leading date off `text`: ``"1928: First Five-Year Plan"`` → ``("1928", "First…")``.

    The date must be followed by a separator (":", " – ", " — ", " - ", ",") or the end of the
    text; the separator and surrounding whitespace are removed from the rest. Prose that merely
    begins with a number is no date prefix ("1905 Revolution text" → None), but
    "1905 – Revolution of 1905" → ("1905", "Revolution of 1905").

    The prefix returned is date-shaped (see looks_like_date): it parses, is an explicit unknown,
    or is a malformed date ("Febtember 1900", "31 February 1900", "July 17" without a year) that
    the caller should report rather than lose. Of several date-shaped prefixes the longest wins,
    so "206 BCE – 220 CE: Han dynasty" keeps the whole range. A trailing note stays in the prefix
    ("9 November 1799 (18 Brumaire): Napoleon" → ("9 November 1799 (18 Brumaire)", "Napoleon")),
    so nothing the note said is lost; parse_date reads the prefix without it. None when there is
    none.
    """
    found: tuple[str, str] | None = None
    for m in _LEAD_SEPARATOR.finditer(text):
        prefix = text[: m.start()].strip()
        if prefix and looks_like_date(prefix):
            found = (prefix, text[m.end() :].strip())
    whole = text.strip()
    if whole and looks_like_date(whole):
        found = (whole, "")
    return found
