"""Dates written in other languages, rewritten into the wording the date grammar reads.

``25 de mayo de 1810`` → ``25 May 1810``, ``XIXe siècle`` → ``19th century``,
``1868年1月3日`` → ``3 January 1868``: month names and era words come from CLDR
(``lang/cldr.json``), the other words from ``lang/words.toml``; the grammar, and its
strictness, stay one. The tables load on first use. English wording never comes here: the
parser tries it first, and only text that is no English date is rewritten.

A two-digit decade without its century (``los años 20``) is not completed: it becomes the
grammar's ``'20s``, which is refused with a message, unless its century is named (``los años
20 del siglo XIX`` is the 1820s).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .. import patterns
from .errors import DateError
from .tables import MONTH_NAMES

_LANG = Path(__file__).with_name("lang")

# Which meaning a word takes when two languages use it differently ("do": Portuguese "of",
# Polish "until"), strongest first.
_KINDS = ("era", "month", "season", "hundreds", "qualifier", "circa", "circa_after", "range",
          "filler")
# A rewrite must find one of these, or a filler or range word that is no English word too:
# "in 1905" stays English.
_STRONG = {"era", "month", "season", "hundreds", "qualifier", "circa", "circa_after"}
_ENGLISH = {
    "era": lambda v: f" {v.upper()} ",
    "month": lambda v: f" {MONTH_NAMES[int(v)]} ",
    "season": lambda v: f" {v} ",
    "hundreds": lambda v: f" {v}s ",  # "Ottocento": the 1800s
    "qualifier": lambda v: f" {v} ",  # "early", "mid", "late"
    "circa": lambda v: " c. ",
    "circa_after": lambda v: " ~ ",
    "range": lambda v: " – ",
    "filler": lambda v: " ",
}

# A date as the grammar writes it, followed by a word for its early, middle or late part:
# "19th century", "1920s", "1923" (with its era).
_DATE_BEFORE_PART = (r"(?P<d>(?:[0-9]{1,2}(?:st|nd|rd|th) century|'?[0-9]{1,4}s|[0-9]{1,4})"
                     r"(?:\s+(?:BCE|CE))?)")
# A month in Roman figures between the day and the year, as Polish writes it: "9 XI 1989",
# "9.XI.1989".
_ROMAN_MONTH = re.compile(
    r"(?<![\w.])(?P<d>0?[1-9]|[12][0-9]|3[01])(?:\.\s?|\s)(?P<m>XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)"
    r"(?:\.\s?|\s)(?P<y>[0-9]{3,4})(?![\w.])"
)
_ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
# An article or preposition elided before a day in figures: Italian "l'11 settembre 2001".
_ELIDED = re.compile(r"(?<![\w'’])(?:l|dell|all|nell|dall|sull)['’](?=[0-9])", re.I)
_ROMAN = re.compile(r"m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_NUMERAL = r"(?P<n>[0-9]{1,2}|[ivxlc]{1,7})"
_ORDINAL_MARK = r"(?:\.|-?(?:e|er|ème|eme|º|ª|°|o|й|го|ий|ый|ті|ci|ncı|nci|üncü|uncu|inci|ıncı))?"
_DAY_MARK = re.compile(r"(?<![0-9])([0-9]{1,2})(?:\.º|\.|º|ª|°|er|re)(?=\s|$|,|–|-)")
# A day and month in figures with dots, as most of Europe writes them: "9.11.1989", and a
# range of days in one month, "13.–17.03.1920". The figures must be a possible day and month.
_DOTTED = re.compile(
    r"(?<![0-9.])(?P<d>0?[1-9]|[12][0-9]|3[01])\.(?:\s?[–-]\s?(?P<d2>0?[1-9]|[12][0-9]|3[01])\.)?"
    r"\s?(?P<m>0?[1-9]|1[0-2])\.\s?(?P<y>[0-9]{3,4})(?![0-9.])"
)
_SPACES = re.compile(r"\s+")
_I = re.IGNORECASE
_CJK = r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]"  # every character U+3000 or above


@dataclass(frozen=True)
class _Tables:
    """The compiled word tables of every language, with what each word means."""

    words: re.Pattern[str]  # every word of the tables, longest first
    meaning: dict[str, tuple[str, str]]  # folded word -> (kind, value)
    centuries: tuple[re.Pattern[str], ...]
    decades: tuple[re.Pattern[str], ...]
    of_century: re.Pattern[str]
    seasons_after: re.Pattern[str]  # "1920 yazı": a season written after its year
    after_meaning: dict[str, str]  # folded word -> season
    year_suffix: re.Pattern[str]  # "1923'te": a case ending on the year
    part_after: re.Pattern[str]  # "19th century sonları": early, mid or late after the date
    part_meaning: dict[str, str]  # folded word -> early, mid or late


def _fold(word: str) -> str:
    """A table word or matched text as compared: lower case, dots without their spaces."""
    return re.sub(r"\.\s+", ".", " ".join(word.lower().split()))


def _pattern(word: str) -> str:
    """A word as a pattern: spaces after its dots optional, other spaces any whitespace."""
    parts = []
    for ch in _fold(word):
        if ch == ".":
            parts.append(r"\.\s*")
        elif ch == " ":
            parts.append(r"\s+")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


def _alternation(words: set[str]) -> str:
    return "|".join(_pattern(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def _meanings(cldr: dict, words: dict) -> dict[str, tuple[str, str]]:
    """Every word with its kind and value, the stronger kind winning where languages differ."""
    found: dict[str, tuple[str, str]] = {}

    def add(kind: str, word: str, value: str = "") -> None:
        key = _fold(word)
        if kind in _STRONG and len(key.replace(".", "")) < 2:
            return  # one letter ("M", Indonesian for CE) is too easily something else
        old = found.get(key)
        if old is None or _KINDS.index(kind) < _KINDS.index(old[0]):
            found[key] = (kind, value)

    for table in cldr["locales"].values():
        for word, number in table["months"].items():
            add("month", word, str(number))
            add("month", f"{word}.", str(number))  # abbreviations are written with a dot
        for word, era in table["eras"].items():
            add("era", word, era)
    for code, table in words.items():
        if code == "english":
            continue
        for season, written in table.get("seasons", {}).items():
            for word in written:
                add("season", word, season)
        for part, written in table.get("qualifiers", {}).items():
            for word in written:
                add("qualifier", word, part)
        for word, hundred in table.get("hundreds", {}).items():
            add("hundreds", word, str(hundred))
        for era in ("bce", "ce"):
            for word in table.get(era, []):
                add("era", word, era)
        for kind in ("circa", "circa_after", "range", "filler"):
            for word in table.get(kind, []):
                add(kind, word)
    return found


@cache
def _words_table() -> dict:
    """``lang/words.toml``, read once."""
    return tomllib.loads((_LANG / "words.toml").read_text("utf-8"))


@cache
def _opening_fillers() -> frozenset[str]:
    """Range words that open a date as a filler (``opening_filler`` in ``words.toml``)."""
    return frozenset(_fold(w) for w in _gather(_words_table(), "opening_filler"))


@cache
def _english_words() -> frozenset[str]:
    return frozenset(_words_table().get("english", {}).get("words", []))


_AFTER_DAY = re.compile(r"(?<![0-9])[0-9]{1,2}\.?\s*$")  # "17 " before a month name


def _is_strong(kind: str, word: str, before: str = "") -> bool:
    """Whether finding ``word`` (after the text ``before``) is reason enough to read the text
    as a foreign date: a word that is English too counts only as a month or era written in
    lower case ("14 mars 1917", not "Augustus 27 BCE"), or as a month after a day ("3–17 Des
    1920")."""
    if _fold(word) in _english_words():
        after_day = kind == "month" and _AFTER_DAY.search(before) is not None
        return kind in _STRONG and (word.islower() or after_day)
    return kind in _STRONG or kind in ("range", "filler")


def _gather(words: dict, key: str) -> set[str]:
    return {w for table in words.values() for w in table.get(key, [])}


def _seasons_after(words: dict, key: str = "seasons_after") -> dict[str, str]:
    """Each season (or, with ``key`` "qualifiers_after", part) word written after its date,
    folded, with the season or part it names."""
    return {_fold(w): season for table in words.values()
            for season, written in table.get(key, {}).items() for w in written}


_LETTERS = re.compile(r"[^\W\d_]+")
_INITIALS = re.compile(r"(?<![^\W\d_])(?:[^\W\d_]\.\s*)+")  # "a. C.", "s.", "v."


_AFTER_DIGITS = re.compile(r"(?<=[0-9])['’-]?([^\W\d_]+)")  # "1920-е", "1920er"


def _runs(text: str) -> set[str]:
    """Words of two letters or more, runs of initials joined ("a. C." → "ac"), and letters
    right after digits ("1920-е" → "е")."""
    runs = {run for run in _LETTERS.findall(text) if len(run) >= 2}
    runs.update("".join(_LETTERS.findall(m.group(0))) for m in _INITIALS.finditer(text))
    runs.update(_AFTER_DIGITS.findall(text))
    return runs


@cache
def cldr_table() -> dict:
    """``lang/cldr.json`` (month, weekday and era words), read once."""
    return json.loads((_LANG / "cldr.json").read_text("utf-8"))


@cache
def _data() -> tuple[dict, dict[str, tuple[str, str]], frozenset[str]]:
    """The word tables, every word's meaning, and the letter runs that can start a rewrite."""
    cldr = cldr_table()
    words = _words_table()
    meaning = _meanings(cldr, words)
    keys = [w for w, (kind, _) in meaning.items() if _is_strong(kind, w)]
    for key in ("century", "century_after", "decade"):
        keys += _gather(words, key)
    keys += [*_seasons_after(words), *_seasons_after(words, "qualifiers_after")]
    runs = {run for w in keys for run in _runs(w.lower())}
    runs.update(run for key in ("decade_suffix", "year_suffix") for w in _gather(words, key)
                for run in _LETTERS.findall(w))
    return words, meaning, frozenset(runs)


def _worth_trying(low: str) -> bool:
    """Whether the text has a word that can begin a rewrite: a cheap test that spares English
    prose the compiling of the tables' patterns."""
    return not _runs(low).isdisjoint(_data()[2])


# A table word as the rewriting finds it: whole, not inside a longer word.
_WHOLE = r"(?<![\w'’])(?:{})(?![\w'’])"


@cache
def _centuries() -> tuple[re.Pattern[str], ...]:
    """A numeral after a century word ("siglo XIX") and before one ("XIXe siècle")."""
    words = _words_table()
    before, after = _gather(words, "century"), _gather(words, "century_after")
    return (
        patterns.compile(
            rf"(?<![\w])(?:{_alternation(before)})\s*-?\s*{_NUMERAL}{_ORDINAL_MARK}(?!\w)", _I
        ),
        patterns.compile(
            rf"(?<![\w]){_NUMERAL}{_ORDINAL_MARK}\s*(?:{_alternation(after)})(?!\w)", _I
        ),
    )


@cache
def _hundreds() -> re.Pattern[str]:
    """Every name of a hundred years ("Ottocento"), whole."""
    names = {w for table in _words_table().values() for w in table.get("hundreds", {})}
    return patterns.compile(_WHOLE.format(_alternation(names)), _I)


def _can_make_figures(text: str) -> bool:
    """Whether rewriting could put figures into a text that has none, as a century in Roman
    figures ("siglo XIX") or a name of a hundred years ("Ottocento") becomes figures; a text
    left without figures is no date."""
    return any(p.search(text) for p in _centuries()) or _hundreds().search(text) is not None


@cache
def _tables() -> _Tables:
    words, meaning, _ = _data()
    centuries = _centuries()
    decades = (
        patterns.compile(rf"(?<![\w])(?:{_alternation(_gather(words, 'decade'))})\s+"
                   r"(?P<apos>['’])?(?P<y>[0-9]{2,4})(?![0-9])", _I),
        patterns.compile(r"(?<![0-9])(?P<apos>['’])?(?P<y>[0-9]{2,4})"
                   rf"(?:{_alternation(_gather(words, 'decade_suffix'))})(?!\w)", _I),
    )  # fmt: skip
    of_century = patterns.compile(
        rf"'(?P<d>[0-9]{{2}})s\s+(?:{_alternation(_gather(words, 'of_century'))})\s+"
        r"(?P<c>[0-9]{1,2})(?:st|nd|rd|th) century",
        _I,
    )
    every = patterns.compile(_WHOLE.format(_alternation(set(meaning))), _I)
    after_meaning = _seasons_after(words)
    seasons_after = patterns.compile(
        r"(?<![\w])(?P<y>[0-9]{1,4}(?:\s*[–/-]\s*[0-9]{1,4})?)\s+"
        rf"(?P<s>{_alternation(set(after_meaning))})(?!\w)", _I)
    year_suffix = patterns.compile(
        rf"(?<=[0-9])(?:{_alternation(_gather(words, 'year_suffix'))})(?!\w)", _I)
    part_meaning = _seasons_after(words, "qualifiers_after")
    parts = _alternation(set(part_meaning))
    part_after = patterns.compile(rf"{_DATE_BEFORE_PART}\s+(?P<q>{parts})(?!\w)", _I)
    return _Tables(every, meaning, centuries, decades, of_century, seasons_after, after_meaning,
                   year_suffix, part_after, part_meaning)


# --------------------------------------------------------------------------- numbers


def _roman(text: str) -> int | None:
    if not text or not _ROMAN.fullmatch(text):
        return None
    values = [_ROMAN_VALUES[c] for c in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _century(m: re.Match[str]) -> str:
    written = m.group("n").lower()
    n = int(written) if written.isdigit() else _roman(written)
    if n is None or n == 0:
        return m.group(0)
    return f" {_ordinal(n)} century "


def _decade(m: re.Match[str]) -> str:
    year = m.group("y")
    if len(year) == 2:
        return f" '{year}s "  # the century left out: the grammar refuses it, saying so
    return f" {year}s "


def _decade_in_century(m: re.Match[str]) -> str:
    return f" {(int(m.group('c')) - 1) * 100 + int(m.group('d'))}s "


# ------------------------------------------------------------------------------- CJK

_CJK_DATE = (
    r"(?P<era>公元前|紀元前|西元前|前|公元|西暦|西元)?\s*(?P<y>[0-9]{1,5})\s*年"
    r"(?:\s*(?P<m>[0-9]{1,2})\s*月(?:\s*(?P<d>[0-9]{1,2})\s*[日号])?)?(?P<decade>代)?"
)
# A season after its year ("1920年春", "1920年の夏", "1920年秋季"): EDTF's seasons.
_CJK_SEASON = (
    r"(?P<era>公元前|紀元前|西元前|前|公元|西暦|西元)?\s*(?P<y>[0-9]{1,5})\s*年\s*の?\s*"
    r"(?P<s>[春夏秋冬])(?:季|天)?"
)
_CJK_SEASONS = {"春": "spring", "夏": "summer", "秋": "autumn", "冬": "winter"}
# Early, middle, late and the halves, after a century, decade or year ("19世紀末", "1920年代後半").
_CJK_PARTS = {
    "初頭": "early", "初め": "early", "初期": "early", "早期": "early", "初": "early",
    "中頃": "mid", "中葉": "mid", "半ば": "mid", "中期": "mid", "中叶": "mid",
    "末期": "late", "末": "late", "晚期": "late", "晩期": "late",
    "前半": "first half of", "上半叶": "first half of", "上半葉": "first half of",
    "後半": "second half of", "后半": "second half of", "下半叶": "second half of",
    "下半葉": "second half of",
}  # fmt: skip
_CJK_PART = (
    _DATE_BEFORE_PART + r"\s*(?P<q>" + "|".join(sorted(_CJK_PARTS, key=len, reverse=True)) + ")"
)
_CJK_DAY = r"(?<![0-9])(?P<d>[0-9]{1,2})\s*[日号]"  # "17日" ending a range of days
# Days and nothing else: one, or a range of them ("13日–17日"), perhaps with a circa word.
_LONE_DAYS = re.compile(r"[\s~c.]*[0-9]{1,2}\s*[日号](?:\s*[–~-]\s*[0-9]{1,2}\s*[日号])?\s*")
_CJK_MONTH_DAY = r"(?P<m>[0-9]{1,2})\s*月(?:\s*(?P<d>[0-9]{1,2})\s*[日号])?"
_CJK_CENTURY = r"(?P<era>公元前|紀元前|西元前|前)?\s*(?P<n>[0-9]{1,2})\s*世[纪紀]"
# A decade named within its century ("20世纪50年代": the 1950s), of the Common Era.
_CJK_CENTURY_DECADE = r"(?<![0-9前])(?P<n>[0-9]{1,2})\s*世[纪紀]\s*(?P<y>[1-9]0)\s*年代"
_CJK_WORDS = {
    "大约": " c. ", "大約": " c. ", "约": " c. ", "約": " c. ", "左右": " ~ ", "前后": " ~ ",
    "前後": " ~ ", "頃": " ~ ", "ごろ": " ~ ", "～": " – ", "〜": " – ", "至": " – ", "到": " – ",
    "から": " – ", "まで": " ", "、": ", ",
}  # fmt: skip
# A Japanese or Chinese era year with its Western date after it in parentheses.
_CJK_ERA_YEAR = (
    r"(?:明治|大正|昭和|平成|令和|慶応|元治|康熙|雍正|乾隆|嘉庆|嘉慶|道光|咸丰|咸豐|同治|光绪|光緒|"
    r"宣统|宣統|民国|民國)\s*(?:[0-9]{1,2}|元)\s*年\s*\((?P<western>[^()]+)\)"
)


_CJK_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_CJK_UNITS = {"十": 10, "百": 100, "千": 1000}
_CJK_NUMBER = r"[〇零一二三四五六七八九十百千]+(?=\s*(?:年|月|日|号|世[纪紀]))"


def _cjk_number(m: re.Match[str]) -> str:
    """一八六八 (digit by digit) or 二百二十一, 十九 (with tens and hundreds) in digits."""
    written = m.group(0)
    if not any(c in _CJK_UNITS for c in written):
        return "".join(str(_CJK_DIGITS[c]) for c in written)
    total, digit = 0, None
    for c in written:
        if c in _CJK_UNITS:
            total += (1 if digit is None else digit) * _CJK_UNITS[c]
            digit = None
        else:
            digit = _CJK_DIGITS[c]
    return str(total + (digit or 0))


def _bce(era: str | None) -> str:
    return " BCE" if era and era.endswith("前") else ""


def _month(written: str) -> str:
    if not 1 <= int(written) <= 12:
        raise DateError(f"there is no month {int(written)}")
    return MONTH_NAMES[int(written)]


def _cjk_date(m: re.Match[str]) -> str:
    year, era = m.group("y"), _bce(m.group("era"))
    if m.group("decade"):
        # "80年代" says no century, as "los años 80" does not: the grammar's '80s, refused.
        return f" '{year}s " if len(year) <= 2 and not era else f" {year}s{era} "
    if m.group("m") is None:
        return f" {year}{era} "
    month = _month(m.group("m"))
    day = f"{int(m.group('d'))} " if m.group("d") else ""
    return f" {day}{month} {year}{era} "


def _cjk_century(m: re.Match[str]) -> str:
    return f" {_ordinal(int(m.group('n')))} century{_bce(m.group('era'))} "


def _cjk_season(m: re.Match[str]) -> str:
    return f" {_CJK_SEASONS[m.group('s')]} {m.group('y')}{_bce(m.group('era'))} "


def _cjk_month_day(m: re.Match[str]) -> str:
    month = _month(m.group("m"))
    return f" {month} {int(m.group('d'))} " if m.group("d") else f" {month} "


@cache
def _cjk_patterns() -> tuple[re.Pattern[str], ...]:
    """The Chinese and Japanese patterns, compiled when a text first has such characters."""
    return tuple(map(patterns.compile, (_CJK, _CJK_NUMBER, _CJK_ERA_YEAR, _CJK_CENTURY,
                                        _CJK_SEASON, _CJK_DATE, _CJK_MONTH_DAY, _CJK_DAY,
                                        _CJK_PART, _CJK_CENTURY_DECADE)))


def _has_cjk(text: str) -> bool:
    """Whether the text has a Chinese or Japanese character (most text is told by its largest
    character alone)."""
    return bool(text) and max(text) >= "\u3000" and _cjk_patterns()[0].search(text) is not None


def _cjk(text: str) -> str:
    """Chinese and Japanese dates in the grammar's words."""
    (_, number, era_year_p, century, season, date, month_day, day, part,
     century_decade) = _cjk_patterns()
    text = number.sub(_cjk_number, text)
    era_year = era_year_p.fullmatch(text.strip())
    if era_year:
        text = era_year.group("western")
    text = century_decade.sub(
        lambda m: f"{(int(m.group('n')) - 1) * 100 + int(m.group('y'))}年代", text)
    text = century.sub(_cjk_century, text)
    text = season.sub(_cjk_season, text)
    text, dates = date.subn(_cjk_date, text)
    text, months = month_day.subn(_cjk_month_day, text)
    if dates or months:
        text = day.sub(lambda m: f" {int(m.group('d'))} ", text)
    elif (found := day.search(text)) and _LONE_DAYS.fullmatch(text):
        # A day of no month or year ("29日") would read as the year 29: alone it is a date
        # that lacks its month; among other words, left as written, it is none ("1日1回").
        raise DateError(f"the day {int(found.group('d'))} has no month or year")
    text = part.sub(lambda m: f" {_CJK_PARTS[m.group('q')]} {m.group('d')} ", text)
    for word, english in _CJK_WORDS.items():
        text = text.replace(word, english)
    return text


# ---------------------------------------------------------------------------- Korean
# Korean writes dates as Chinese and Japanese do, with its own syllables for the markers
# ("1923년 10월 29일": 年 月 日): a number's marker, and the words about a date, are rewritten
# into the Chinese forms, which the CJK patterns then read. A marker counts only right after
# a figure, so the same syllables inside words ("일" also "one", "work") are left alone.
_HANGUL_FIRST = "\uac00"  # a text whose largest character is below it holds no Hangul
_HANGUL = _HANGUL_FIRST + "-\ud7a3"
_KOREAN = (
    (r"기원전\s*", "紀元前"),
    (r"(?<=[0-9])\s*세기", "世紀"),
    (r"(?<=[0-9])\s*년\s*대", "年代"),
    (r"(?<=[0-9])\s*년", "年"),
    (r"(?<=[0-9])\s*월", "月"),
    (r"(?<=[0-9])\s*일", "日"),
    (r"(?<=[年月日紀代])\s*(?:경|쯤|무렵)", "頃"),  # about
    (r"(?:^|(?<=\s))약\s*(?=[0-9紀])", "約"),  # about, before the date
    (r"(?<=[年月日紀代])\s*부터\s*", "から"),  # from … to …
    (r"(?<=[年月日紀代])\s*~\s*(?=[0-9]|紀元前)", " – "),  # a tilde between two dates: a range
    (r"(?<=[年月日紀代])\s*까지", "まで"),
    (r"(?<=[年])\s*봄", "春"), (r"(?<=[年])\s*여름", "夏"),
    (r"(?<=[年])\s*가을", "秋"), (r"(?<=[年])\s*겨울", "冬"),
    (r"(?<=[紀代])\s*초", "初"), (r"(?<=[紀代])\s*중반", "中期"),
    (r"(?<=[紀代])\s*말", "末"), (r"(?<=[紀代])\s*전반", "前半"),
    (r"(?<=[紀代])\s*후반", "後半"),
    (r"(?<=[年月日紀代頃初末期半])\s*(?:에|에는|의)(?![" + _HANGUL + "])", ""),  # in, of
)  # fmt: skip


@cache
def _korean_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The Korean rewrites, compiled when a text first has Hangul."""
    return tuple((patterns.compile(p), cjk) for p, cjk in _KOREAN)


def _from_korean(text: str) -> str:
    """Korean date markers and words as the Chinese ones (``_KOREAN``)."""
    for pattern, cjk in _korean_patterns():
        text = pattern.sub(cjk, text)
    return text


# -------------------------------------------------------------------------- rewrite


def full_width(text: str) -> str:
    """Full-width digits, letters and brackets (ＡＢ１２（）) as their ASCII forms; the
    full-width tilde is a range dash ("1937年～1945年"), not a circa mark."""
    text = text.replace("\uff5e", "–")
    return "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5d" else c for c in text)


def _substitute(
    pattern: re.Pattern[str], text: str, repl: Callable[[re.Match[str]], str]
) -> tuple[str, bool]:
    new = pattern.sub(repl, text)
    return new, new != text


def _dotted(m: re.Match[str]) -> str:
    days = f"{int(m.group('d'))}–{int(m.group('d2'))}" if m.group("d2") else str(int(m.group("d")))
    return f" {days} {_month(m.group('m'))} {m.group('y')} "


def _roman_month(m: re.Match[str]) -> str:
    month = MONTH_NAMES[_ROMAN_MONTHS.index(m.group("m")) + 1]
    return f" {int(m.group('d'))} {month} {m.group('y')} "


def _periods(t: _Tables, text: str) -> tuple[str, bool]:
    """Centuries, decades, seasons after their year and case endings, in the grammar's words;
    whether any was found."""
    strong = False
    for pattern in t.centuries:
        text, found = _substitute(pattern, text, _century)
        strong = strong or found
    for pattern in t.decades:
        text, found = _substitute(pattern, text, _decade)
        strong = strong or found
    text = t.of_century.sub(_decade_in_century, text)
    text, found = _substitute(t.seasons_after, text, lambda m: (
        f" {t.after_meaning[_fold(m.group('s'))]} {m.group('y')} "))
    strong = strong or found
    text, found = _substitute(t.year_suffix, text, lambda m: "")
    return text, strong or found


def translate(norm: str) -> str | None:
    """``norm`` in the wording the date grammar reads, or None when it holds no foreign date
    word (month, season, era, circa, century or decade) or dotted day and month ("9.11.1989")
    to rewrite. Raises DateError for a month number that cannot be ("1900年13月")."""
    text = full_width(norm).replace("\u3000", " ")
    strong = False
    if text and max(text) >= _HANGUL_FIRST:
        text = _from_korean(text)
    if _has_cjk(text):
        text, strong = _cjk(text), True
    text, dotted = _substitute(_DOTTED, text, _dotted)
    text, roman = _substitute(_ROMAN_MONTH, text, _roman_month)
    strong = strong or dotted or roman
    # Two cheap tests spare the tables' patterns (and most English prose their compiling): a
    # text without figures that nothing can give figures, and a text with no word that can
    # begin a rewrite, come out as no date whatever the tables say.
    if not strong and not any(c.isdigit() for c in text) and not _can_make_figures(text):
        return None
    if not strong and not _worth_trying(text.lower()):
        return None
    t = _tables()
    text, found = _periods(t, text)
    strong = strong or found

    def word(m: re.Match[str]) -> str:
        nonlocal strong
        found = t.meaning.get(_fold(m.group(0)))
        if found is None:  # a spelling only the pattern's case folding equates ("deſ": "des")
            return m.group(0)
        kind, value = found
        if kind == "range" and not m.string[: m.start()].strip() \
                and _fold(m.group(0)) in _opening_fillers():
            return " "  # "au XIXe siècle": in the 19th century, not "to" it
        strong = strong or _is_strong(kind, m.group(0), m.string[: m.start()])
        english = _ENGLISH[kind](value)
        # a month in lower case stays so: the grammar reads a year before its month only
        # with the month's capital ("1914 may, as some argue" is no date)
        return english.lower() if kind == "month" and m.group(0).islower() else english

    text = _ELIDED.sub(" ", t.words.sub(word, text))
    text = t.part_after.sub(lambda m: f" {t.part_meaning[_fold(m.group('q'))]} {m.group('d')} ",
                            text)
    if not strong or not any(c.isdigit() for c in text):
        return None  # a month name alone ("Augustus", "Mars") is a word, not a date
    text = _DAY_MARK.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip() or None
