"""Grammar: the tokens of one end of a date read into a :class:`Part`, and two ends completed."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .errors import DateError, MonthTypo, not_a_date
from .tables import WINTER
from .tokens import Tok, typo_message


@dataclass
class Part:
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
    short: bool = False  # "'42", "'40s": the century left out, to come from the other end
    abbreviated: bool = False  # an end year or decade completed from the start's ("1941–42")

    @property
    def unit(self) -> str:
        """The finest unit the end names: day, month, season, year, decade or century."""
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


def _is_day(tok: Tok) -> bool:
    return tok.kind in ("num", "ord") and tok.digits <= 2


def _year_first(year: Tok, month: Tok) -> bool:
    """A year before its month ("1923 Ekim", "1066 October 14"): a number too long for a day,
    written without thousands separators (a count: "5,000 march"), and the month with its
    capital, since in English prose the verbs "may" and "march" follow a year too ("1914 may,
    as some argue, mark the end")."""
    return year.kind == "num" and year.digits >= 3 and "," not in year.word \
        and month.word[:1].isupper()


def _set_year(p: Part, tok: Tok) -> None:
    p.year, p.year_digits, p.short = tok.value, tok.digits, tok.tag == "short"
    if tok.kind == "alt":
        first, second, digits1, digits2 = tok.parts
        p.alt = (first, second, digits1, digits2)


# ------------------------------------------------------------------------------ shapes
# Each shape reader returns True when the core tokens have its shape (and fills ``p``), False
# otherwise; the readers' shapes do not overlap, so the first that matches is the reading.


def _fill_days(p: Part, core: list[Tok], kinds: tuple[str, ...]) -> bool:
    """ISO dates and the shapes with a day and a month (``November 15, 1933``)."""
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
        case ("ord", "of", "month", "num") | ("ord", "of", "month", "comma", "num") if _is_day(
            core[0]
        ):
            p.day, p.month = core[0].value, core[2].value  # "24th of October 1929"
            _set_year(p, core[-1])
        case ("month", "the", "ord", "num") | ("month", "the", "ord", "comma", "num") if _is_day(
            core[2]
        ):
            p.month, p.day = core[0].value, core[2].value  # "October the 24th, 1929"
            _set_year(p, core[-1])
        case ("ord", "of", "month") if _is_day(core[0]):
            p.day, p.month = core[0].value, core[2].value  # "24th of October" (a range start)
        case ("num", "month", "num" | "ord") if _year_first(core[0], core[1]) and _is_day(
            core[2]
        ):
            _set_year(p, core[0])  # the year first ("1923 Ekim 29", "1923 October 29th")
            p.month, p.day = core[1].value, core[2].value
        case _:
            return False
    return True


def _fill_months(p: Part, core: list[Tok], kinds: tuple[str, ...]) -> bool:
    """Shapes with a month and at most one number (``March 1917``, ``July 17``)."""
    match kinds:
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
        case ("num", "month") if _year_first(core[0], core[1]):
            _set_year(p, core[0])  # the year first, as Turkish writes it: "1923 Ekim"
            p.month = core[1].value
        case ("month",):
            p.month = core[0].value
        case _:
            return False
    return True


def _fill_periods(p: Part, core: list[Tok], kinds: tuple[str, ...]) -> bool:
    """Years, decades, centuries and seasons, and a lone day that takes the other end's month."""
    match kinds:
        case ("num" | "alt",) | ("year", "num" | "alt"):
            _set_year(p, core[-1])
            p.bare = kinds == ("num",) and p.era is None
        case ("num" | "ord", "comma", "num") if _is_day(core[0]):
            p.day = core[0].value  # "11, 1945" in "February 4–11, 1945"
            _set_year(p, core[2])
        case ("decade",):
            p.decade, p.decade_digits = core[0].value, core[0].digits
            p.decade_word, p.short = core[0].word, core[0].tag == "short"
        case ("ord", "century" | "circa"):
            p.century = core[0].value
        case ("ord",):
            p.century, p.bare_ordinal = core[0].value, True
        case ("season", "num") | ("season", "comma", "num"):
            p.season = core[0].value
            _set_year(p, core[-1])
        case ("season",):
            p.season = core[0].value
        case ("season", "alt") if core[0].value == WINTER:
            first, second, digits1, digits2 = core[1].parts
            if not next_winter_year(first, second, digits2, p.era):
                return False
            p.season, p.year, p.year_digits = core[0].value, first, digits1  # "winter 1916/17"
        case _:
            return False
    return True


def fill(p: Part, core: list[Tok]) -> bool:
    """Read the core tokens of one end into ``p``; False when they are not a date shape."""
    kinds = tuple(t.kind for t in core)
    return (
        _fill_days(p, core, kinds) or _fill_months(p, core, kinds) or _fill_periods(p, core, kinds)
    )


def next_winter_year(first: int, second: int, digits: int, era: str | None) -> bool:
    """Whether ``second`` (as written, maybe shortened) is the year after ``first``.

    "Winter 1941–42" and "winter 45/44 BCE" name one winter across the turn of the year.
    """
    following = first - 1 if era == "bce" else first + 1
    return following > 0 and digits <= len(str(following)) and following % 10**digits == second


# ------------------------------------------------------------------------------ one end


def _apply_mark(p: Part, mark: str) -> None:
    if mark in ("~", "%"):
        p.approximate = True
    if mark in ("?", "%"):
        p.uncertain = True


def _strip_edges(p: Part, toks: list[Tok]) -> tuple[int, int]:
    """Read circa words, marks and eras off both edges; the bounds of what is left."""
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
    return i, j


def _read_fraction(p: Part, toks: list[Tok], i: int, j: int) -> int:
    """Read "first half of (the)", "last quarter of" at ``i``; where the rest starts."""
    kinds = [t.kind for t in toks[i : i + 3]]
    if not (kinds[:1] in (["ord"], ["last"]) and kinds[1:] == ["fraction", "of"]):
        return i
    count = toks[i + 1].value
    p.fraction = (count if kinds[0] == "last" else toks[i].value, count)
    p.fraction_word = f"{toks[i].word} {toks[i + 1].word}"
    i += 3
    if i < j and toks[i].kind == "the":  # "first half of the 20th century"
        i += 1
    return i


def _check_end(p: Part) -> None:
    """Refuse a qualifier or fraction the end's unit cannot take."""
    if p.qualifier and (p.unit in ("day", "season") or p.alt is not None):
        raise DateError(f"'{p.qualifier}' cannot qualify {p.text!r}")
    if p.fraction is not None:
        check_fraction(p)


def _refusal(p: Part, core: list[Tok], norm: str) -> DateError:
    """Why ``core`` is no date: a misspelt month (in a date shape), else not a date at all."""
    typos = [t for t in core if t.kind == "typo"]
    # a misspelt month needs a number beside it: "the first half of the match" is prose
    if typos and any(t.kind in ("num", "ord", "alt") for t in core):
        trial = [replace(t, kind="month", value=1) if t.kind == "typo" else t for t in core]
        if fill(Part(text=p.text, era=p.era), trial):
            return MonthTypo(typo_message(typos[0].word))
    return not_a_date(norm)


def parse_end(toks: list[Tok], norm: str) -> Part:
    """One end of a date: qualifiers, era, then a date shape."""
    p = Part(text=norm[toks[0].start : toks[-1].end] if toks else "")
    i, j = _strip_edges(p, toks)
    i = _read_fraction(p, toks, i, j)
    if i < j and toks[i].kind == "qual":
        p.qualifier = toks[i].tag
        i += 1
    core = toks[i:j]
    if len(core) >= 2 and core[-2].kind == "era" and core[-1].kind in ("num", "alt") and not p.era:
        p.era = core[-2].tag  # "March 15, AD 14"
        core = core[:-2] + core[-1:]
    if not fill(p, core):
        raise _refusal(p, core, norm)
    _check_end(p)
    return p


def check_fraction(p: Part) -> None:
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


# ---------------------------------------------------------------------------- two ends


def previous_year(year: int, era: str | None) -> tuple[int, str | None]:
    """The year before ``year`` in historical numbering (1 CE is preceded by 1 BCE)."""
    if era == "bce":
        return year + 1, era
    if year == 1:
        return 1, "bce"
    return year - 1, era


def _small(p: Part) -> bool:
    """A lone one- or two-digit number that could be a day."""
    return p.bare and p.year is not None and p.year <= 31 and p.year_digits <= 2


def _lend_days(a: Part, b: Part) -> None:
    if _small(a) and b.day is not None:  # "4–11 February 1945"
        a.day, a.year, a.year_digits, a.bare = a.year, None, 0, False
        a.month = b.month
    if _small(b) and a.day is not None:  # "February 4–11" (the year missing)
        b.day, b.year, b.year_digits, b.bare = b.year, None, 0, False
    if b.day is not None and b.month is None:  # "February 4–11, 1945"
        b.month = a.month


def _lend_years(a: Part, b: Part) -> None:
    if a.unit in ("day", "month", "season") and a.year is None and b.year is not None:
        a.year, a.year_digits, a.year_from_other_end = b.year, b.year_digits, True
        if a.era is None:
            a.era = b.era
    if b.unit in ("day", "month") and b.year is None and a.year is not None:
        b.year, b.year_digits = a.year, a.year_digits  # "March 1917 – May"
        if b.era is None:
            b.era = a.era


def _lengthen_short_end(a: Part, b: Part) -> None:
    """A two-digit CE end takes the start's century: 1941–42, 1920s–30s."""
    if a.era == "bce" or b.era is not None:
        return
    if b.bare and b.year_digits == 2 and a.year is not None and a.year_digits > 2:
        b.year = a.year // 100 * 100 + b.year
        b.year_digits, b.short, b.abbreviated = a.year_digits, False, True
    if b.decade is not None and b.decade_digits == 2 and a.decade and a.decade >= 100:
        b.decade = a.decade // 100 * 100 + b.decade
        b.decade_digits, b.short, b.abbreviated = a.decade_digits, False, True


def complete(a: Part, b: Part) -> None:
    """Let the two ends of a range lend each other what one of them leaves out."""
    _lend_days(a, b)
    if a.bare_ordinal and b.century is not None:  # "5th–3rd century BCE"
        a.bare_ordinal = False
    _lend_years(a, b)
    _lengthen_short_end(a, b)
    if a.era is None:  # "264–241 BCE"; an end without an era is CE ("500 BCE – 500")
        a.era = b.era


def one_winter(left: list[Tok], right: list[Tok]) -> bool:
    """Whether "<left>–<right>" is one winter written with both its years ("Winter 1941–42")."""
    if len(left) < 2 or left[-2].kind != "season" or left[-2].value != WINTER:
        return False
    if left[-1].kind != "num" or not right or right[0].kind != "num":
        return False
    tail = [t.kind for t in right[1:]]
    if any(k not in ("era", "mark") for k in tail) or tail.count("era") > 1:
        return False
    era = next((t.tag for t in right[1:] if t.kind == "era"), None)
    return next_winter_year(left[-1].value, right[0].value, right[0].digits, era)
