"""A trailing parenthesis that is part of the date rather than a note about it.

Two shapes: a year with its month or day in parentheses (``1917 (March)``, ``1933 (November
16)``), read as that month or day; and an era or regnal year with the Western date in
parentheses (``Meiji 1 (1868)``, ``Year 5 of Tiberius (19 CE)``), read as the Western date with
the era text kept as written. Any other trailing parenthesis stays a note (``1799 (18
Brumaire)``, ``1962 ("Black Saturday")``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .tables import ERA_NAMES, ERA_NAMES_AFTER, ORDINAL_WORDS
from .tokens import ASCII_LOWER, Tok, tokenize

_TRAILING = re.compile(r"^(?P<outer>[^()]*[^()\s])\s*\((?P<inner>[^()]*[^()\s])\s*\)$")

# What the two sides of "1933 (November 16)" may hold.
_YEAR_SIDE = {"circa", "mark", "the", "num", "era"}
_MONTH_SIDE = {"month", "season", "typo", "num", "ord", "comma", "sep", "of", "the", "qual"}

_ORDINAL = "|".join(sorted((w for w in ORDINAL_WORDS if " " not in w), key=len, reverse=True))
_NUMBER = r"(?:[0-9]{1,4}|[ivxlcdm]+)"
_REGNAL = re.compile(  # "Year 5 of Tiberius", "Year II", "the fifth year of Tiberius"
    rf"(?:the\s+)?(?:regnal\s+)?year\s+{_NUMBER}(?:\s+of\s+\S.*)?"
    rf"|(?:the\s+)?(?:[0-9]{{1,3}}(?:st|nd|rd|th)|{_ORDINAL})\s+(?:regnal\s+)?year\s+of\s+\S.*"
)
_NAMED = re.compile(r"(?P<name>[^\W\d_][\w'.-]*)\s+(?P<number>[0-9]{1,4}|gannen)\b.*")
_NAMED_AFTER = re.compile(r"(?P<number>[0-9]{1,4})\s+(?P<name>[^\W\d_][\w.]*)")


@dataclass(frozen=True)
class Aside:
    """What to parse instead of the whole text, and how the date displays."""

    text: str
    display: str
    era: str = ""  # the era year the parenthesis gives the Western date of ("Meiji 1")


def _fold(word: str) -> str:
    """Lower case without diacritics, dots or apostrophes: "Shōwa" → "showa", "A.H." → "ah"."""
    bare = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
    return bare.translate(ASCII_LOWER).replace(".", "").replace("'", "")


def is_era_year(text: str) -> bool:
    """Whether ``text`` names a year by an era or reign ("Meiji 1", "Year 5 of Tiberius")."""
    low = text.translate(ASCII_LOWER).strip()
    if _REGNAL.fullmatch(low):
        return True
    m = _NAMED.fullmatch(low)
    if m and _fold(m.group("name")) in ERA_NAMES:
        return True
    m = _NAMED_AFTER.fullmatch(low)
    return bool(m and _fold(m.group("name")) in ERA_NAMES_AFTER)


def _month_of_year(outer: str, inner: str) -> str | None:
    """ "1933" + "November 16" → "November 16, 1933"; None when the sides are not that shape."""
    year_toks, month_toks = tokenize(outer), tokenize(inner)
    if not {t.kind for t in year_toks} <= _YEAR_SIDE:
        return None
    numbers = [t for t in year_toks if t.kind == "num"]
    if len(numbers) != 1 or not (numbers[0].digits >= 3 or _has(year_toks, "era")):
        return None
    if not {t.kind for t in month_toks} <= _MONTH_SIDE:
        return None
    if not any(_has(month_toks, kind) for kind in ("month", "season", "typo")):
        return None
    if any(t.digits > 2 for t in month_toks if t.kind in ("num", "ord")):
        return None
    start = numbers[0].start
    return f"{outer[:start]}{inner}, {outer[start:]}"


def _has(toks: list[Tok], kind: str) -> bool:
    return any(t.kind == kind for t in toks)


def read_aside(norm: str) -> Aside | None:
    """The reading of a trailing parenthesis that belongs to the date, or None."""
    m = _TRAILING.match(norm)
    if m is None:
        return None
    outer, inner = m.group("outer"), m.group("inner")
    display = f"{outer} ({inner})"
    combined = _month_of_year(outer, inner)
    if combined is not None:
        return Aside(combined, display)
    if is_era_year(outer):
        return Aside(inner, display, era=outer)
    return None
