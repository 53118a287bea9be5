"""Which kind of section a heading starts, from its words."""

from __future__ import annotations

import re
from enum import StrEnum


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
_RULES: list[tuple[Kind, re.Pattern[str]]] = [
    (Kind.FAQ_ENTRY, re.compile(r"^\s*Q\s*[:.]\s*\S", re.I)),
    (Kind.ANSWERS, re.compile(r"\banswer\s*key\b|\banswers\b|\bsolutions\b", re.I)),
    (Kind.ESSAY, re.compile(r"\bessay", re.I)),
    (Kind.FAQ, re.compile(r"\bFAQs?\b|frequently\s+asked", re.I)),
    (Kind.QUIZ, re.compile(r"\bquiz\b|\bshort[- ]answer\b|\breview\s+questions\b|"
                           r"\bself[- ]test\b|^\s*questions\s*$|\bpractice\s+questions\b|"
                           r"\btest\s+yourself\b|\bcheck\s+your\s+understanding\b|"
                           r"\bquiz\s+questions\b|\bcomprehension\s+questions\b", re.I)),
    (Kind.GLOSSARY, re.compile(r"\bglossary\b|\bkey\s+terms\b|\bvocabulary\b|"
                               r"\bdefinitions\b|^\s*terms\s*$", re.I)),
    (Kind.CAST, re.compile(r"\bcast\s+of\s+characters\b|\bkey\s+(people|figures|players)\b|"
                           r"^\s*(people|characters|persons|figures|who'?s\s+who)\s*$|"
                           r"\bdramatis\s+personae\b|\bprincipal\s+(people|figures)\b", re.I)),
    (Kind.TIMELINE, re.compile(r"\btimeline\b|\bchronology\b|\bkey\s+dates\b|"
                               r"\bfacts\s+and\s+dates\b|\bimportant\s+dates\b|"
                               r"\bkey\s+events\b|^\s*events\s*$", re.I)),
]

# Sections whose sub-headings subdivide them (``### 1789`` in a timeline, eras in a cast,
# questions under an FAQ); a quiz or essay heading does not make its sub-headings questions.
SUBDIVIDED = {Kind.TIMELINE, Kind.CAST, Kind.GLOSSARY, Kind.FAQ}


def classify(heading: str) -> Kind:
    """The kind of section a heading announces; PROSE when its words say nothing known."""
    for kind, pattern in _RULES:
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
    h = heading.lower()
    if "summary" in h:
        return "summary"
    if "conclusion" in h:
        return "conclusion"
    if "quote" in h:
        return "quotes"
    return "prose"
