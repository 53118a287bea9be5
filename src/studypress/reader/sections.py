"""Which kind of section a heading starts, from its words."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path

from .. import patterns


class Kind(StrEnum):
    TIMELINE = "timeline"
    CAST = "cast"
    GLOSSARY = "glossary"
    QUIZ = "quiz"
    ANSWERS = "answers"
    ESSAY = "essay"
    FAQ = "faq"
    FAQ_ENTRY = "faq-entry"
    PROSE = "prose"


# Order matters: "Quiz Answer Key" is an answer key, "Essay Format Questions" are essays.
# "Questions and Answers" is an answer key too, unless what is under it is an FAQ's (the
# reader looks: ``names``).
_ORDER = (Kind.FAQ_ENTRY, Kind.ANSWERS, Kind.ESSAY, Kind.FAQ, Kind.QUIZ, Kind.GLOSSARY, Kind.CAST,
          Kind.TIMELINE)
_PROSE = ("summary", "conclusion", "quotes")
_LANG = Path(__file__).with_name("lang")


@dataclass(frozen=True)
class Words:
    """One language's section words: a pattern per kind of section and per kind of prose,
    as text (each is compiled where it is used, once: joined with the other languages' for
    ``classify``, with the rest of its language's for telling languages apart)."""

    code: str
    sections: dict[Kind, str]
    prose: dict[str, str]
    columns: dict[str, str] = field(default_factory=dict)  # a cast table's header words
    spans: dict[str, str] = field(default_factory=dict)  # words before a cast entry's dates

    def patterns(self) -> list[str]:
        """Every pattern of the language, sections' then prose's."""
        return [*self.sections.values(), *self.prose.values()]


def _alternatives(entries: list[str]) -> str:
    return "|".join(f"(?:{e})" for e in entries)


def compile_any(alternatives: list[str]) -> re.Pattern[str]:
    """One pattern that matches where any of ``alternatives`` does, case-insensitive."""
    return patterns.compile(_alternatives(alternatives), re.I)


@cache
def words_of(table: str, key: str) -> re.Pattern[str] | None:
    """One pattern of every language's ``key`` words in its file's ``table`` (``columns``,
    ``spans``); None when no language has them."""
    found = [getattr(w, table)[key] for w in languages() if key in getattr(w, table)]
    return compile_any(found) if found else None


def _words(path: Path) -> Words:
    data = tomllib.loads(path.read_text("utf-8"))
    sections = {Kind(k.replace("_", "-")): _alternatives(v)
                for k, v in data.get("sections", {}).items() if v}
    prose = {k: _alternatives(v) for k, v in data.get("prose", {}).items() if v}
    columns = {k: _alternatives(v) for k, v in data.get("columns", {}).items() if v}
    spans = {k: _alternatives(v) for k, v in data.get("spans", {}).items() if v}
    return Words(path.stem, sections, prose, columns, spans)


@cache
def languages() -> tuple[Words, ...]:
    """Every language's section words (``lang/<code>.toml``), English first; read once."""
    files = sorted(_LANG.glob("*.toml"), key=lambda p: (p.stem != "en", p.stem))
    return tuple(_words(p) for p in files)


def names(words: str, kind: Kind) -> bool:
    """Whether a heading's words are among ``kind``'s, whatever kind they read as first."""
    return any(k is kind and pattern.search(words) for k, pattern in _rules())


@cache
def _rules() -> tuple[tuple[Kind, re.Pattern[str]], ...]:
    """Every language's words for a kind joined into one pattern, kinds in their order."""
    return tuple((kind, compile_any([w.sections[kind] for w in languages()
                                     if kind in w.sections]))
                 for kind in _ORDER)


@cache
def _prose_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Every language's words for a kind of prose joined into one pattern."""
    return tuple((kind, compile_any([w.prose[kind] for w in languages() if kind in w.prose]))
                 for kind in _PROSE if any(kind in w.prose for w in languages()))


# Sections whose sub-headings subdivide them (``### 1789`` in a timeline, eras in a cast,
# questions under an FAQ); a quiz or essay heading does not make its sub-headings questions.
SUBDIVIDED = {Kind.TIMELINE, Kind.CAST, Kind.GLOSSARY, Kind.FAQ}


def classify(heading: str) -> Kind:
    """The kind of section a heading announces; PROSE when its words say nothing known."""
    for kind, pattern in _rules():
        if pattern.search(heading):
            return kind
    return Kind.PROSE


_SUBJECT = re.compile(r"^\s*(timeline|chronology)(\s+of\s+(key\s+)?events)?\s*[:—–-]\s*(?P<s>.+)$",
                      re.I)


def timeline_subject(heading: str) -> str | None:
    """``Timeline of Events: U.S. Recognition …`` → ``U.S. Recognition …``."""
    m = _SUBJECT.match(heading)
    return m.group("s").strip() if m else None


def prose_kind(heading: str) -> str:
    """What a prose section holds, by its heading's words: summary, conclusion, quotes, prose."""
    for kind, pattern in _prose_rules():
        if pattern.search(heading):
            return kind
    return "prose"
