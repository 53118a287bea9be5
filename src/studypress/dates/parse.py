"""The whole date: single dates, ranges and ``and``-joined periods, and the public entry points."""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from ..model import HistoricalDate
from .asides import Aside, read_aside
from .display import range_display
from .errors import DateError, MonthTypo, NotADate, not_a_date
from .grammar import (
    Part,
    check_fraction,
    complete,
    one_winter,
    parse_end,
    previous_year,
)
from .languages import translate
from .resolve import Span, coarser, resolve
from .tokens import Tok, is_unknown, normalise, tokenize, without_insertions, without_notes
from .weekday import checked, split_weekday


def _single(p: Part, span: Span, original: str, display: str) -> HistoricalDate:
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


def _spanning(
    a: Part, b: Part, spans: tuple[Span, Span], original: str, display: str
) -> HistoricalDate:
    """The range from the start of ``a`` to the end of ``b``."""
    sa, sb = spans
    return HistoricalDate(
        text=original,
        earliest=sa.earliest,
        latest=sb.latest,
        precision=coarser(sa.precision, sb.precision),
        edtf=f"{sa.start}/{sb.end}",
        display=display,
        approximate=a.approximate or b.approximate,
        uncertain=a.uncertain or b.uncertain or a.alt is not None or b.alt is not None,
        is_range=True,
    )


def _parse_and(toks: list[Tok], k: int, norm: str, original: str) -> HistoricalDate:
    """ "the 1920s and 1930s", "the 14th and 15th centuries": two decades or centuries that meet.

    Anything else joined by "and" is prose, not a date.
    """
    try:
        a, b = parse_end(toks[:k], norm), parse_end(toks[k + 1 :], norm)
    except DateError:
        raise not_a_date(norm) from None
    complete(a, b)
    both_decades = a.decade is not None and b.decade is not None
    both_centuries = a.century is not None and b.century is not None and not b.bare_ordinal
    if not (both_decades or both_centuries) or a.bare_ordinal:
        raise not_a_date(norm)
    sa, sb = resolve(a, norm), resolve(b, norm)
    if sb.earliest.ordinal() != sa.latest.ordinal() + 1:
        raise DateError(
            f"{norm!r} names two periods that do not follow each other; "
            "write a range such as 1920s–1940s, or give each its own item"
        )
    return _spanning(a, b, (sa, sb), original, norm)


def _refuse_open_range(left: list[Tok], right: list[Tok], norm: str, display: str) -> None:
    """Refuse a range with a missing end ("1917–", "?–1917"), saying which end is missing."""
    no_start = all(t.kind == "mark" for t in left)  # "–1917", "?–1917"
    no_end = all(t.kind == "mark" for t in right)  # "1917–", "1917–?"
    if not (no_start or no_end):
        return
    if no_start and no_end:
        raise not_a_date(norm)
    parse_end(right if no_start else left, norm)  # is the other end a date at all?
    raise DateError(f"the range {display!r} has no {'start' if no_start else 'end'}")


def _range_ends(left: list[Tok], right: list[Tok], norm: str) -> tuple[Part, Part]:
    """Both ends of a range, each completed from the other."""
    a, b = parse_end(left, norm), parse_end(right, norm)
    if b.bare_ordinal or (a.bare_ordinal and b.century is None):
        raise not_a_date(norm)
    if a.circa_word and a.era is None:  # "c. 115–53 BCE": the circa is for the whole range
        b.approximate = True
    complete(a, b)
    for p in (a, b):  # a bare number may have become a day: "first half of 4–11 February 1945"
        if p.fraction is not None:
            check_fraction(p)
    return a, b


def _parse_range(toks: list[Tok], k: int, norm: str, original: str) -> HistoricalDate:
    sep = toks[k]
    display = range_display(norm[: sep.start], norm[sep.end :])
    left, right = toks[:k], toks[k + 1 :]
    if one_winter(left, right):  # "Winter 1941–42": the winter 1941, marks and era from the end
        p = parse_end(left + right[1:], norm)
        return _single(p, resolve(p, display), original, display)
    _refuse_open_range(left, right, norm, display)
    a, b = _range_ends(left, right, norm)
    sa, sb = resolve(a, display), resolve(b, display)
    if a.year_from_other_end and sa.earliest > sb.earliest:
        assert a.year is not None
        a.year, a.era = previous_year(a.year, a.era)  # December 24 – January 6, 1918
        sa = resolve(a, display)
    if sb.earliest < sa.earliest or sb.latest < sa.latest:
        raise DateError(f"the range {display!r} ends before it starts{_abbreviation_hint(a, b)}")
    return _spanning(a, b, (sa, sb), original, display)


def _abbreviation_hint(a: Part, b: Part) -> str:
    """For "1998–02" or "1935–3": say how a shortened end year is read."""
    if b.abbreviated or (b.bare and b.year_digits < a.year_digits):
        return " (a shortened end year takes the start's century: write it in full)"
    return ""


def _parse(norm: str, original: str) -> HistoricalDate:
    toks = tokenize(norm)
    seps = [i for i, t in enumerate(toks) if t.kind == "sep"]
    ands = [i for i, t in enumerate(toks) if t.kind == "and"]
    if ands:
        if len(ands) > 1 or seps:
            raise not_a_date(norm)
        return _parse_and(toks, ands[0], norm, original)
    if len(seps) > 1:
        raise not_a_date(norm)
    if seps:
        return _parse_range(toks, seps[0], norm, original)
    p = parse_end(toks, norm)
    if p.bare_ordinal:
        raise not_a_date(norm)
    return _single(p, resolve(p, norm), original, norm)


def parse_date(text: str) -> HistoricalDate | None:
    """Parse a date as a note writes it.

    A trailing parenthesised note and bracketed insertions are ignored ("Oct. 1917 (Old Style)",
    "25 October [O.S. 7 November] 1917"): ``text`` keeps them, ``display`` leaves them out.
    None for an explicit unknown ("Unknown date", "Undated", "n.d.", "?"). Raises DateError with
    a user-facing message (what is wrong, e.g. "February 1900 has no day 31") for impossible
    dates and for text that is not a date at all (message: "not a date: '...'").
    """
    found = _answer(text)
    if isinstance(found, tuple):
        raise found[0](*found[1])
    return found


# A reader asks about the same text several times (is this prefix a date? which prefix is
# longest? then the date itself). An error is kept as its class and message and raised anew
# each time, so no traceback grows from one raise to the next.
@functools.lru_cache(maxsize=50_000)
def _answer(text: str) -> HistoricalDate | tuple[type[DateError], tuple] | None:
    try:
        return _fresh(text)
    except DateError as exc:
        return (type(exc), exc.args)


def _fresh(text: str) -> HistoricalDate | None:
    """``parse_date`` worked out."""
    full = normalise(text)
    if not full:
        raise NotADate("not a date: an empty date")
    try:
        return _parse_date(full, text.strip())
    except NotADate:
        days, rest = split_weekday(full)
        if not days:
            raise
        try:
            found = _parse_date(rest, text.strip())
        except NotADate:
            raise not_a_date(full) from None
        return checked(found, days, text.strip())


def _parse_date(full: str, original: str) -> HistoricalDate | None:
    """``parse_date`` of normalised text."""
    aside = read_aside(without_insertions(full))
    if aside is not None:
        read = _read_aside(aside, original)
        if read is not None:
            return read
    norm = without_notes(full)
    if is_unknown(norm):
        return None
    try:
        return _parse(norm, original)
    except (NotADate, MonthTypo) as exc:
        try:
            found = _foreign(norm, full, original)
        except DateError:
            if isinstance(exc, MonthTypo):
                raise exc from None  # "ca. Febtember 1917": the misspelt month is the news
            raise
        if found is None:
            raise exc from None
        return found


def _foreign(norm: str, full: str, original: str) -> HistoricalDate | None:
    """The date in another language's words, or None when it is none in any.

    The text is tried without its notes, then with them: a trailing parenthesis may be the
    Western date of an era year ("明治元年(1868年)").
    """
    for candidate in dict.fromkeys((norm, without_insertions(full))):
        english = translate(candidate)
        if english is None:
            continue
        try:
            found = _parse(english, original)
        except NotADate:
            continue
        except DateError as exc:  # say what was read, since the message quotes the rewrite
            raise DateError(f"{exc} (read {candidate!r} as {english!r})") from None
        return replace(found, display=candidate)  # the note's own words, not the rewrite
    return None


def _read_aside(aside: Aside, original: str) -> HistoricalDate | None:
    """The date a parenthesis completes ("1933 (November 16)") or gives ("Meiji 1 (1868)").

    None when the parenthesis holds no date after all ("Meiji 1 (the Restoration)", "1917
    (March 3 4)"): then it is a note, as any other. One that names an impossible date
    ("1917 (February 30)") is an error.
    """
    if aside.era and _is_date(aside.era):
        return None  # "year 5 (1917)": the year 5, with a note
    try:
        found = _parse(without_notes(aside.text), original)
    except NotADate:
        return None
    return replace(found, display=aside.display)


def _is_date(norm: str) -> bool:
    try:
        _parse(norm, norm)
    except NotADate:
        return False
    except DateError:
        return True
    return True


def reads_parenthesis(text: str) -> bool:
    """Whether a trailing parenthesis is part of the date, not a note on it.

    True for a month or day after the year ("1917 (March)") and for the Western year after an
    era year ("Meiji 1 (1868)"); False for notes ("9 November 1799 (18 Brumaire)").
    """
    full = normalise(text)
    aside = read_aside(without_insertions(full)) if full else None
    if aside is None:
        return False
    try:
        return _read_aside(aside, text) is not None
    except DateError:
        return True


def looks_like_date(text: str) -> bool:
    """True when the whole text is date-shaped.

    That is: it parses, is an explicit unknown, or is a malformed date such as "Febtember 1900",
    "31 February 1900" or "July 17" (no year). A trailing note counts as part of the date
    ("9 November 1799 (18 Brumaire)"), as in parse_date.
    """
    try:
        parse_date(text)
    except NotADate:
        return False
    except DateError:
        return True
    return True


# A comma right before a figure is a number's ("5,000 marched"), not the end of a date.
_LEAD_SEPARATOR = re.compile(r"\s*[:：]\s*|\s+(?:[–—]|\\?-{1,3})\s+|\s*,(?![0-9])\s*")
# An ISO date needs no separator after it: "1905-01-22 Bloody Sunday" (outliner journals).
_LEAD_ISO = re.compile(r"\s*(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})\s+(?=[^\s0-9–—-])")


_CLOCK_BEFORE = re.compile(r"(?<![0-9])[0-9]{1,2}$")
_CLOCK_AFTER = re.compile(r"[0-9]")


def _in_figures(text: str, m: re.Match[str]) -> bool:
    """A colon between an hour and its minutes (10:30), a chapter and its verse (3:16) or the
    terms of a ratio (1:2), no space on either side: part of what it stands in, no
    separator (after a year, "1917:2 revolutions", it is one)."""
    return m.group(0) in (":", "：") and _CLOCK_BEFORE.search(text, 0, m.start()) is not None \
        and _CLOCK_AFTER.match(text, m.end()) is not None


def leading_date(text: str) -> tuple[str, str] | None:
    """Split a leading date off `text`: ``"1928: First Five-Year Plan"`` → ``("1928", "First…")``.

    The date must be followed by a separator (":", " – ", " — ", " - ", " -- ", ",") or the end
    of the text, an ISO date also by a space ("1905-01-22 Bloody Sunday"); the separator and
    surrounding whitespace are removed from the rest. Prose that merely begins with a number is
    no date prefix ("1905 Revolution text" → None), but "1905 – Revolution of 1905" →
    ("1905", "Revolution of 1905").

    The prefix returned is date-shaped (see looks_like_date): it parses, is an explicit unknown,
    or is a malformed date ("Febtember 1900", "31 February 1900", "July 17" without a year) that
    the caller should report rather than lose. Of several date-shaped prefixes the longest wins,
    so "206 BCE – 220 CE: Han dynasty" keeps the whole range. A trailing note stays in the prefix
    ("9 November 1799 (18 Brumaire): Napoleon" → ("9 November 1799 (18 Brumaire)", "Napoleon")),
    so nothing the note said is lost; parse_date reads the prefix without it. None when there is
    none.
    """
    found: tuple[str, str] | None = None
    iso = _LEAD_ISO.match(text)
    if iso and looks_like_date(iso.group("date")):
        found = (iso.group("date"), text[iso.end() :].strip())
    for m in _LEAD_SEPARATOR.finditer(text):
        if _in_figures(text, m):
            continue
        prefix = text[: m.start()].strip()
        if prefix and looks_like_date(prefix):
            found = (prefix, text[m.end() :].strip())
    whole = text.strip()
    if whole and looks_like_date(whole):
        found = (whole, "")
    return found
