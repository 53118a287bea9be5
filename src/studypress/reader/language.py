"""The language a note is written in: its front matter's ``lang:``/``language:``, else the
language whose section words and month names the note uses most, else English."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from ..dates.tables import MONTH_NAMES
from .sections import compile_any, languages

DEFAULT = "en"
_TAG = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*$")
_WORD = re.compile(r"[^\W\d_]{3,}")
# A heading is stronger evidence than a month name: "Chronologie" says more than "août".
_HEADING_WEIGHT = 3
# Hiragana and katakana: written in Japanese, never in Chinese.
_KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa]")
_KANA_MIN = 5
_CLDR = Path(__file__).parents[1] / "dates" / "lang" / "cldr.json"


def from_tag(value: object) -> str | None:
    """A language tag's primary language, lower case (``es-AR`` → ``es``); None if no tag."""
    m = _TAG.match(str(value)) if isinstance(value, str) else None
    return m.group(1).lower() if m else None


@cache
def _month_words() -> dict[str, frozenset[str]]:
    """Each language's month names and abbreviations that English does not write too."""
    english = {m.lower() for m in MONTH_NAMES if m} | {m[:3].lower() for m in MONTH_NAMES if m}
    english.add("sept")
    locales = json.loads(_CLDR.read_text("utf-8"))["locales"]
    return {code: frozenset(w for w in table["months"] if w not in english and len(w) >= 3)
            for code, table in locales.items()}


@cache
def _heading_words(code: str) -> re.Pattern[str]:
    """One pattern of all the section and prose words of a language, compiled when asked."""
    return compile_any(next(w for w in languages() if w.code == code).patterns())


def _heading_hits(code: str, headings: list[str]) -> int:
    """How many headings use a section or prose word of the language."""
    pattern = _heading_words(code)
    return sum(1 for h in headings if pattern.search(h))


def _month_scores(text: str) -> Counter[str]:
    """Each language's count of its month names in the text (English's among them)."""
    scores: Counter[str] = Counter()
    found = Counter(w.lower() for w in _WORD.findall(text))
    english = {m.lower() for m in MONTH_NAMES if m}
    scores[DEFAULT] += sum(n for w, n in found.items() if w in english)
    for code, months in _month_words().items():
        scores[code] += sum(n for w, n in found.items() if w in months)
    return scores


def detect(headings: Iterable[str], text: str) -> str:
    """The language with the most section and month words, English on a tie or with none."""
    headings = list(headings)
    scores = _month_scores(text)
    scores[DEFAULT] += _HEADING_WEIGHT * _heading_hits(DEFAULT, headings)
    # A language that could not pass English even if every heading were in its words cannot
    # win, so its words are left uncompiled: an English note with dates rarely compiles more
    # than English's.
    most = _HEADING_WEIGHT * len(headings)
    for code in (words.code for words in languages()):
        if code != DEFAULT and scores[code] + most > scores[DEFAULT]:
            scores[code] += _HEADING_WEIGHT * _heading_hits(code, headings)
    best = max(sorted(scores), key=lambda code: scores[code], default=DEFAULT)
    best = best if scores[best] > scores[DEFAULT] else DEFAULT
    if best == "zh" and len(_KANA.findall(text)) >= _KANA_MIN:
        return "ja"  # kanji headings ("年表", "登場人物") over Japanese text: kana tell it
    return best


def note_language(declared: object, headings: Iterable[str], text: str) -> str:
    """The note's language: as its front matter declares it, else as its words tell."""
    return from_tag(declared) or detect(headings, text)
