"""Resolution: one end of a date (a :class:`Part`) as the days it can mean, with its EDTF."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Day, Precision
from .display import astronomical_label
from .errors import DateError
from .grammar import Part
from .tables import (
    CENTURY_PARTS,
    DAYS_IN_MONTH,
    DECADE_PARTS,
    MAX_YEAR,
    MONTH_HALVES,
    MONTH_NAMES,
    MONTH_PARTS,
    SEASON_MONTHS,
    YEAR_FRACTION_CODES,
    YEAR_PARTS,
)

PRECISION_ORDER = list(Precision)


@dataclass(frozen=True)
class Span:
    """The days one end can mean, and its EDTF alone and as a range's start or end."""

    earliest: Day
    latest: Day
    precision: Precision
    edtf: str  # the whole end on its own
    start: str  # EDTF of its first instant, for a range
    end: str  # EDTF of its last instant, for a range


def coarser(a: Precision, b: Precision) -> Precision:
    """The coarser of two precisions (a range is as precise as its vaguer end)."""
    return max(a, b, key=PRECISION_ORDER.index)


# ---------------------------------------------------------------------------- calendar


def _leap(astro: int) -> bool:
    return astro % 4 == 0 and (astro % 100 != 0 or astro % 400 == 0)


def _days_in_month(astro: int, month: int) -> int:
    return 29 if month == 2 and _leap(astro) else DAYS_IN_MONTH[month]


def _day(astro: int, month: int, day: int) -> Day:
    return Day(astro if astro > 0 else astro - 1, month, day)


def _month_end(astro: int, month: int) -> Day:
    return _day(astro, month, _days_in_month(astro, month))


def _astro(year: int, era: str | None) -> int:
    if year == 0:
        raise DateError("there is no year 0: 1 BCE is followed by 1 CE")
    if year > MAX_YEAR:
        raise DateError(f"year {year} is out of range (at most {MAX_YEAR})")
    return 1 - year if era == "bce" else year


# -------------------------------------------------------------------------------- EDTF


def _edtf_year(astro: int) -> str:
    if abs(astro) > 9999:
        return f"Y{astro}"
    return f"{'-' if astro < 0 else ''}{abs(astro):04d}"


def _calendar_year(astro: int) -> str:
    """EDTF year for a date with a month or day (four digits only)."""
    if abs(astro) > 9999:
        label = astronomical_label(astro)
        raise DateError(f"months and days are supported up to the year 9999, not {label}")
    return _edtf_year(astro)


def _mark(approximate: bool, uncertain: bool) -> str:
    if approximate and uncertain:
        return "%"
    return "~" if approximate else "?" if uncertain else ""


def _interval(a0: int, a1: int, precision: Precision, mark: str) -> Span:
    """Whole years a0..a1 (astronomical) as an EDTF interval."""
    s, e = _edtf_year(a0) + mark, _edtf_year(a1) + mark
    return Span(_day(a0, 1, 1), _day(a1, 12, 31), precision, f"{s}/{e}", s, e)


def _one(first: Day, last: Day, precision: Precision, edtf: str) -> Span:
    return Span(first, last, precision, edtf, edtf, edtf)


def _years(p: Part, a0: int, size: int, precision: Precision, mark: str, edtf: str) -> Span:
    """A decade or century of ``size`` years from astronomical ``a0``, or the part of it that
    ``p``'s qualifier or fraction takes; ``edtf`` is the whole span's own form ("" for none)."""
    if p.fraction is not None:
        which, count = p.fraction
        step = size // count
        lo, hi = (which - 1) * step, which * step - 1
    elif p.qualifier:
        lo, hi = (CENTURY_PARTS if size == 100 else DECADE_PARTS)[p.qualifier]
    elif edtf:
        return _one(_day(a0, 1, 1), _day(a0 + size - 1, 12, 31), precision, edtf)
    else:
        lo, hi = 0, size - 1
    return _interval(a0 + lo, a0 + hi, precision, mark)


# --------------------------------------------------------------------------- by unit


def _century(p: Part, n: int, mark: str) -> Span:
    if n < 1 or n > MAX_YEAR // 100:
        raise DateError(f"there is no {p.text!r}" if n < 1 else f"{p.text!r} is out of range")
    a0 = 1 - n * 100 if p.era == "bce" else (n - 1) * 100 + 1
    return _years(p, a0, 100, Precision.CENTURY, mark, "")


def _decade(p: Part, d: int, mark: str) -> Span:
    if d == 0:
        raise DateError(f"{p.decade_word!r} is not a decade: there is no year 0")
    if d % 10:
        raise DateError(f"{p.decade_word!r} is not a decade (decades end in 0, like 1920s)")
    if d > MAX_YEAR:
        raise DateError(f"{p.decade_word!r} is out of range")
    if d % 100 == 0:  # "1800s": the hundred years, not the decade 1800–1809
        a0 = -d - 98 if p.era == "bce" else d
        edtf = f"{d // 100:02d}XX{mark}" if p.era != "bce" and d <= 9900 else ""
        return _years(p, a0, 100, Precision.CENTURY, mark, edtf)
    a0 = -d - 8 if p.era == "bce" else d
    edtf = f"{d // 10:03d}X{mark}" if p.era != "bce" and d <= 9990 else ""
    return _years(p, a0, 10, Precision.DECADE, mark, edtf)


def _alternatives(p: Part, alt: tuple[int, int, int, int], mark: str) -> Span:
    """``183/181 BCE``: a one-of set; as a range end, its outer years, uncertain."""
    first, second, _, digits2 = alt
    if p.era != "bce" and digits2 == 2 and first >= 100:
        second = first // 100 * 100 + second  # 1917/18
    lo, hi = sorted((_astro(first, p.era), _astro(second, p.era)))
    edtf = f"[{_edtf_year(lo)}{mark},{_edtf_year(hi)}{mark}]"
    fuzzy = _mark(p.approximate, True)
    s, e = _edtf_year(lo) + fuzzy, _edtf_year(hi) + fuzzy
    return Span(_day(lo, 1, 1), _day(hi, 12, 31), Precision.YEAR, edtf, s, e)


def _season(a: int, season: int, mark: str) -> Span:
    first, last = SEASON_MONTHS[season]
    end_year = a + 1 if last < first else a
    _calendar_year(end_year)
    edtf = f"{_calendar_year(a)}-{season}{mark}"
    return _one(_day(a, first, 1), _month_end(end_year, last), Precision.SEASON, edtf)


def _year(p: Part, a: int, mark: str) -> Span:
    """A year, or the part of it that a fraction or qualifier takes."""
    if p.fraction is not None:
        which, count = p.fraction
        code = YEAR_FRACTION_CODES[count][which - 1]
        m0, m1 = (which - 1) * 12 // count + 1, which * 12 // count
        edtf = f"{_calendar_year(a)}-{code}{mark}"
        return _one(_day(a, m0, 1), _month_end(a, m1), Precision.YEAR, edtf)
    if p.qualifier:
        m0, m1, code = YEAR_PARTS[p.qualifier]
        edtf = f"{_calendar_year(a)}-{code}{mark}"
        return _one(_day(a, m0, 1), _month_end(a, m1), Precision.YEAR, edtf)
    return _one(_day(a, 1, 1), _day(a, 12, 31), Precision.YEAR, _edtf_year(a) + mark)


def _month(p: Part, a: int, m: int, mark: str) -> Span:
    """A month, the part of it a half or qualifier takes, or a day of it."""
    if not 1 <= m <= 12:
        raise DateError(f"there is no month {m}")
    ym = f"{_calendar_year(a)}-{m:02d}"
    dim = _days_in_month(a, m)
    if p.day is not None:
        if not 1 <= p.day <= dim:
            raise DateError(f"{MONTH_NAMES[m]} {astronomical_label(a)} has no day {p.day}")
        day = _day(a, m, p.day)
        return _one(day, day, Precision.DAY, f"{ym}-{p.day:02d}{mark}")
    # a month has halves only: check_fraction refused quarters
    q = p.qualifier
    part = MONTH_HALVES[p.fraction[0]] if p.fraction else MONTH_PARTS[q] if q else None
    if part is None:
        return _one(_day(a, m, 1), _day(a, m, dim), Precision.MONTH, ym + mark)
    lo, hi = part
    first, last = _day(a, m, lo), _day(a, m, min(hi, dim))
    s, e = first.iso() + mark, last.iso() + mark
    return Span(first, last, Precision.MONTH, f"{s}/{e}", s, e)


def resolve(p: Part, whole: str) -> Span:
    """The days one end can mean, with its EDTF."""
    mark = _mark(p.approximate, p.uncertain)
    if p.short:  # "the '30s" alone: which century is a guess
        example = "1930s" if p.decade is not None else "1942"
        raise DateError(f"{p.text!r} leaves out its century: write it in full, like {example}")
    if p.century is not None:
        return _century(p, p.century, mark)
    if p.decade is not None:
        return _decade(p, p.decade, mark)
    if p.year is None:
        raise DateError(f"{whole!r} has no year")
    if p.alt is not None:
        return _alternatives(p, p.alt, mark)
    a = _astro(p.year, p.era)
    if p.season is not None:
        return _season(a, p.season, mark)
    if p.month is None:
        if p.day is not None:
            raise DateError(f"{whole!r} has no month")
        return _year(p, a, mark)
    return _month(p, a, p.month, mark)
