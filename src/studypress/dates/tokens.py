"""Tokens: a date's text normalised, stripped of notes and cut into classified tokens."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, replace
from functools import lru_cache

from .tables import (
    CENTURY_WORDS,
    CIRCA,
    FRACTIONS,
    GRAMMAR_WORDS,
    MONTH_NAMES,
    MONTHS,
    ORDINAL_WORDS,
    QUALIFIERS,
    SEASONS,
    UNKNOWN,
)

# Dashes and look-alikes: range dashes become "–", hyphen look-alikes "-"; curly quotes
# straight; superscript letters (ordinals exported as "24ᵗʰ") plain; invisible characters gone.
_TRANSLATE = str.maketrans(
    {
        "\u2012": "–", "\u2013": "–", "\u2014": "–", "\u2015": "–", "\u2212": "–",
        "\u2010": "-", "\u2011": "-", "\u2019": "'", "\u02bc": "'", "\u2018": "'",
        "\u201b": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
        "\u1d57": "t", "\u02b0": "h", "\u02e2": "s", "\u207f": "n", "\u1d48": "d",
        "\u02b3": "r", "\u200b": None, "\u2060": None, "\ufeff": None, "\u00ad": None,
    }
)  # fmt: skip
# Markdown exported by word processors: "\-", "\." and other backslash escapes, pandoc's "--"
# and "---" for dashes, ordinals as HTML superscripts ("24<sup>th</sup>").
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_DOUBLE_HYPHEN = re.compile(r"(?<!-)-{2,3}(?!-)")
_SUP_ORDINAL = re.compile(r"<sup>\s*(st|nd|rd|th)\s*</sup>", re.IGNORECASE)
ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
WHITESPACE = re.compile(r"\s+")
_INSERTION = re.compile(r"\[[^\[\]]*[0-9A-Za-z][^\[\]]*\]")  # "[O.S. 7 November]", not "[?]"
_TRAILING_NOTE = re.compile(r"\([^()]*\)\s*$")  # "(Old Style)" at the end

_TOKEN = re.compile(
    r"""
      (?P<space>\ +)
    | (?P<iso>[0-9]{4}-[0-9]{2}-[0-9]{2}
             |[0-9]{4}(?P<sep>[/.])(?:0?[1-9]|1[0-2])(?P=sep)(?:0?[1-9]|[12][0-9]|3[01]))(?![0-9])
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


# ------------------------------------------------------------------------ normalising


def normalise(text: str) -> str:
    """Escapes and exported typography undone, dashes unified, whitespace collapsed (no-break
    and thin spaces too): the text every later stage reads."""
    text = _SUP_ORDINAL.sub(r"\1", _ESCAPE.sub(r"\1", text))
    text = _DOUBLE_HYPHEN.sub("–", text.translate(_TRANSLATE))
    return WHITESPACE.sub(" ", text).strip()


def without_notes(norm: str) -> str:
    """``norm`` without bracketed insertions or trailing parenthesised notes.

    "25 October [O.S. 7 November] 1917" → "25 October 1917"; "Oct. 1917 (Old Style)" →
    "Oct. 1917". Text that is nothing but a note ("(1917)", "[1917]") is left whole.
    """
    bare = without_insertions(norm)
    while (m := _TRAILING_NOTE.search(bare)) and m.start() > 0:
        bare = bare[: m.start()]
    bare = WHITESPACE.sub(" ", bare).strip()
    return bare or norm


def without_insertions(norm: str) -> str:
    """``norm`` without bracketed insertions ("25 October [O.S. 7 November] 1917")."""
    return WHITESPACE.sub(" ", _INSERTION.sub(" ", norm)).strip() or norm


def is_unknown(norm: str) -> bool:
    """Whether the text says the date is unknown ("Undated", "n.d.", "?")."""
    return norm.translate(ASCII_LOWER).rstrip(".").strip() in UNKNOWN


# ----------------------------------------------------------------------------- tokens


@dataclass(frozen=True)
class Tok:
    """One token of a date's text, with its place in the normalised text."""

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


def edit_distance(a: str, b: str) -> int:
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


@lru_cache(maxsize=4096)  # notes repeat their words; the edit distances are the slow part
def _month_typo(word: str) -> bool:
    """Whether an unknown word is close enough to a month name to be a misspelt one."""
    if len(word) < 5:
        return False
    limit = 2 if len(word) >= 7 else 1
    letters = set(word)
    # Each edit brings in at most one letter the month lacks: a word with more such letters
    # than edits allowed is not that month, and most words fail this before the slow part.
    return any(
        abs(len(word) - len(name)) <= 1 and len(letters - set(name.lower())) <= limit
        and edit_distance(word, name.lower()) <= limit
        for name in MONTH_NAMES[1:]
    )


def typo_message(word: str) -> str:
    """The message for a misspelt month, with the month meant when only one is that close."""
    bare = word.rstrip(".").lower()
    close = [n for n in MONTH_NAMES[1:] if edit_distance(bare, n.lower()) == 1]
    hint = f" (did you mean {close[0]}?)" if len(close) == 1 else ""
    return f"{word.rstrip('.')!r} is not a month name{hint}"


def _classify_word(word: str, start: int, end: int, spelling: str) -> Tok:
    bare = word.rstrip(".")
    if bare in MONTHS:
        return Tok("month", start, end, MONTHS[bare], word=spelling)
    if bare in SEASONS:
        return Tok("season", start, end, SEASONS[bare], word=spelling)
    if bare in QUALIFIERS:
        return Tok("qual", start, end, tag=QUALIFIERS[bare], word=spelling)
    if bare in CIRCA:
        return Tok("circa", start, end, word=spelling)
    if bare in CENTURY_WORDS:
        return Tok("century", start, end, word=spelling)
    if bare in ORDINAL_WORDS:
        value = ORDINAL_WORDS[bare]
        return Tok("ord", start, end, value, digits=len(str(value)), word=spelling)
    if bare in GRAMMAR_WORDS:
        return Tok(bare, start, end, word=spelling)
    if bare in FRACTIONS:
        return Tok("fraction", start, end, FRACTIONS[bare], word=spelling)
    if _month_typo(bare):
        return Tok("typo", start, end, word=spelling)
    return Tok("word", start, end, word=spelling)


def _year_month(start: int, end: int, spelling: str) -> list[Tok]:
    """``1917-12`` is December 1917; ``1905-06`` (month after the year's end) is a short range."""
    y, mo = int(spelling[:4]), int(spelling[5:])
    if mo <= y % 100 and 1 <= mo <= 12:
        return [Tok("ym", start, end, digits=4, parts=(y, mo), word=spelling)]
    return [
        Tok("num", start, start + 4, y, 4, word=spelling[:4]),
        Tok("hyphen", start + 4, start + 5, word="-"),
        Tok("num", start + 5, end, mo, 2, word=spelling[5:]),
    ]


def _numeral(m: re.Match[str], start: int, end: int, spelling: str) -> Tok:
    """A number: a plain one, a decade (``1920s``) or an ordinal (``19th``)."""
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
    return Tok(sub, start, end, _number(digits), len(digits), word=spelling)


def _lexeme(m: re.Match[str], norm: str) -> list[Tok]:
    """The tokens one match of the token pattern stands for."""
    kind, start, end = m.lastgroup or "other", m.start(), m.end()
    spelling = norm[start:end]
    if kind == "iso":
        # the year first, then the month and the day, whatever joins them ("1923/10/29",
        # "1923.10.29", as East Asian notes write dates): a year of four digits says the order
        y, mo, d = (int(x) for x in re.split(r"[-/.]", m.group("iso")))
        return [Tok("iso", start, end, digits=4, parts=(y, mo, d), word=spelling)]
    if kind == "ym":
        return _year_month(start, end, spelling)
    if kind == "num":
        return [_numeral(m, start, end, spelling)]
    if kind == "era":
        era = "bce" if "b" in m.group("era") else "ce"
        return [Tok("era", start, end, tag=era, word=spelling)]
    if kind == "word":
        return [_classify_word(m.group("word"), start, end, spelling)]
    if kind == "mark":
        return [Tok("mark", start, end, tag=spelling, word=spelling)]
    return [Tok(kind, start, end, word=spelling)]  # dash, hyphen, comma, slash, other


def _lex(norm: str) -> list[Tok]:
    low = norm.translate(ASCII_LOWER)
    raw: list[Tok] = []
    pos = 0
    while pos < len(low):
        m = _TOKEN.match(low, pos)
        assert m is not None  # the last alternative matches any character
        pos = m.end()
        if m.lastgroup != "space":
            raw.extend(_lexeme(m, norm))
    return raw


def _separators(raw: list[Tok]) -> list[Tok]:
    """Dashes and hyphens become range separators (``sep``), except hyphens inside words."""
    toks: list[Tok] = []
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
    return toks


def _alternatives(toks: list[Tok], norm: str) -> list[Tok]:
    """``183/181`` → one ``alt`` token holding both years."""
    merged: list[Tok] = []
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
            merged.append(Tok("alt", t.start, u.end, t.value, t.digits, parts=parts, word=word))
            i += 3
            continue
        merged.append(t)
        i += 1
    return merged


def _apostrophes(raw: list[Tok]) -> list[Tok]:
    """``'42``, ``'40s``: a year or decade without its century, tagged ``short``."""
    toks: list[Tok] = []
    for tok in raw:
        prev = toks[-1] if toks else None
        if prev and prev.word == "'" and prev.end == tok.start and tok.kind in ("num", "decade"):
            toks[-1] = replace(tok, start=prev.start, tag="short", word=f"'{tok.word}")
            continue
        toks.append(tok)
    return toks


def tokenize(norm: str) -> list[Tok]:
    """Tokens of normalised text; range separators come out as kind ``sep``."""
    return _alternatives(_separators(_apostrophes(_lex(norm))), norm)
