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
# Hiragana: Japanese prose joins its kanji with them (が, を, の…), a tenth of them or more; a
# Chinese note quotes a Japanese title or name, mostly in katakana ("鉄腕アトム").
_HIRAGANA = re.compile(r"[\u3041-\u3096]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa]")
_HIRAGANA_MIN, _HIRAGANA_SHARE, _KATAKANA_SHARE = 5, 0.1, 0.35
_CLDR = Path(__file__).parents[1] / "dates" / "lang" / "cldr.json"


# Three-letter codes (ISO 639-2 and -3) of the languages the reader knows, as their two-letter
# ones; "und" (undetermined), "mul" (several), "zxx" (no language) declare none.
_THREE_LETTERS = {
    "eng": "en", "spa": "es", "por": "pt", "fra": "fr", "fre": "fr", "ita": "it", "deu": "de",
    "ger": "de", "nld": "nl", "dut": "nl", "pol": "pl", "rus": "ru", "ukr": "uk", "tur": "tr",
    "ind": "id", "zho": "zh", "chi": "zh", "cmn": "zh", "jpn": "ja"}
_NO_LANGUAGE = {"und", "mul", "zxx", "mis"}


def from_tag(value: object) -> str | None:
    """A language tag's primary language, lower case (``es-AR`` → ``es``, ``fra`` → ``fr``);
    None if no tag, or one that names no language (``und``)."""
    m = _TAG.match(str(value)) if isinstance(value, str) else None
    code = m.group(1).lower() if m else None
    return None if code in _NO_LANGUAGE else _THREE_LETTERS.get(code, code)


def _mostly_kana(text: str) -> bool:
    """Whether a text in Chinese characters is written as Japanese is (``_HIRAGANA``)."""
    hiragana, han = len(_HIRAGANA.findall(text)), len(_HAN.findall(text))
    kana = len(_KANA.findall(text))  # a Japanese chronology of names may be mostly katakana
    return (hiragana >= _HIRAGANA_MIN and hiragana >= _HIRAGANA_SHARE * han) \
        or (kana >= 2 * _HIRAGANA_MIN and kana >= _KATAKANA_SHARE * (kana + han))


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
    if best == "zh" and _mostly_kana(text):
        return "ja"  # kanji headings ("年表", "登場人物") over Japanese text: kana tell it
    return best


def note_language(declared: object, headings: Iterable[str], text: str) -> str:
    """The note's language: as its front matter declares it, else as its words tell."""
    return from_tag(declared) or detect(headings, text)
