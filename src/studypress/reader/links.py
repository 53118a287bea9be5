"""Which people each event mentions, by full name, surname (the family name, first in East
Asian names), regnal name, alias or title. A name in Chinese, Japanese or Korean script links
wherever it stands, spaces or none, unless it is part of a longer name of the cast.

A full name or alias links wherever it stands. A short form (a surname, ``Justinian`` for
``Justinian I``) links only where its neighbours do not say it means something else: not
inside another name (``Michael VIII Palaiologos``), not before a noun that makes it a place
or a house (``Takamori Street``, ``Zhou dynasty``), not after ``to``/``in`` when the surname
is also a place (``moves to Washington``). Nobody is linked to an event dated long after or
before their time.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from ..model import Event, HistoricalDate, Person, RichText, SpanKind, WikiLink, plain_text
from .names import CJK as _CJK
from .names import Form, name_forms, tokens

# Surnames that are also words, linked only after a title or inside a sentence.
_COMMON = {"king", "rice", "bush", "hill", "bell", "wood", "stone", "grant", "rose", "page",
           "price", "lee", "ford", "carter", "gates", "miller", "smith"}
# Surnames that are also places: not linked after a preposition of place.
_PLACES = {"washington", "lincoln", "houston", "jackson", "madison", "columbus", "jefferson",
           "victoria", "austin", "cleveland", "nelson", "raleigh", "berlin", "paris", "florence",
           "georgia", "charlotte", "orleans"}
_PLACE_NOUNS = {"street", "avenue", "square", "river", "bridge", "park", "station", "airport",
                "university", "college", "road", "bay", "island", "mountain", "monument",
                "county", "city", "hall", "palace", "boulevard", "lake", "memorial", "harbor",
                "harbour", "district", "province", "canal", "building", "tower", "school",
                # a family name before these names a house or an age: "Zhou dynasty"
                "dynasty", "shogunate", "clan", "era", "period", "state", "kingdom"}
_PLACE_WORDS = {"to", "in", "at", "from", "near", "into", "of", "towards", "toward", "outside"}
_TITLES = {
    "president", "general", "gen", "admiral", "adm", "senator", "sen", "governor", "gov",
    "secretary", "ambassador", "minister", "premier", "chancellor", "king", "queen", "emperor",
    "empress", "tsar", "czar", "tsarina", "prince", "princess", "duke", "lord", "lady", "sir",
    "mr", "mrs", "ms", "dr", "professor", "prof", "pope", "saint", "st", "commissar",
    "chairman", "marshal", "colonel", "col", "captain", "capt", "judge", "justice", "consul",
    "dictator", "tribune", "general-secretary", "comrade",
}
# A person is not linked to an event this many days away from their span.
_SPAN_MARGIN_DAYS = 100 * 366

# A regnal numeral (I to XXXIX) after a name: "Charles II" is not "Charles I".
_NUMERAL = re.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$")
_WORD_BEFORE = re.compile(r"([\w.'-]+)\s*$")
_WORD_AFTER = re.compile(r"^\s*([\w'-]+)")


def _short_ok(text: str, start: int, end: int, form: str, own: set[str]) -> bool:
    """Whether a short form at text[start:end] refers to the person, judged by its neighbours."""
    before = _WORD_BEFORE.search(text[:start])
    after = _WORD_AFTER.match(text[end:])
    prev = before.group(1) if before and not text[:start].rstrip().endswith((".", "!", "?",
                                                                             ":", ";")) else ""
    prev_clean = prev.rstrip(".").lower()
    low = form.lower()
    if prev and prev[0].isupper() and prev_clean not in _TITLES and prev not in own:
        return False  # inside another name: "Michael VIII Palaiologos", "Robert Kennedy"
    if after and after.group(1).lower() in _PLACE_NOUNS:
        return False  # "Washington Monument", "Zhou dynasty" (but "Kerensky Offensive")
    if after and _NUMERAL.match(after.group(1)) and after.group(1) not in own:
        return False  # "Charles II" for Charles I, "Napoleon III" for Napoleon Bonaparte
    if low in _PLACES and prev_clean in _PLACE_WORDS:
        return False
    if low in _COMMON:
        return bool(prev) and (prev_clean in _TITLES or prev[0].islower())
    return True


@functools.lru_cache(maxsize=8192)  # the same cast's names come in note after note
def _pattern(form: str) -> re.Pattern[str]:
    """A name form as it stands in text: between word boundaries, except at an edge written
    in Chinese, Japanese or Korean script, which puts no space between words (``孙中山就任``)."""
    before = "" if _CJK.match(form[0]) else r"(?<![\w-])"
    after = "" if _CJK.match(form[-1]) else r"(?![\w-])"
    return re.compile(before + re.escape(form) + after)


@dataclass(frozen=True)
class _Sought:
    """A name form ready to be looked for: its pattern, and the longer CJK names holding it."""

    form: Form
    pattern: re.Pattern[str]
    longer: tuple[str, ...]


def _sought(forms: list[Form], cjk: list[str]) -> list[_Sought]:
    return [_Sought(f, _pattern(f.text),
                    tuple(n for n in cjk if len(n) > len(f.text) and f.text in n))
            for f in forms]


def _inside_longer(text: str, start: int, end: int, longer: tuple[str, ...]) -> bool:
    """Whether text[start:end] lies inside a longer CJK name of the cast (``李鸿`` in
    ``李鸿章``): with no spaces, only the longer name says where a name ends."""
    for name in longer:
        for m in re.finditer(re.escape(name), text):
            if m.start() <= start and end <= m.end():
                return True
    return False


def _mentions(text: str, forms: list[_Sought], own: set[str]) -> bool:
    for sought in forms:
        form = sought.form
        if form.text not in text:  # the pattern matches only where the form stands
            continue
        for m in sought.pattern.finditer(text):
            if sought.longer and _inside_longer(text, m.start(), m.end(), sought.longer):
                continue
            if not form.short or _short_ok(text, m.start(), m.end(), form.text, own):
                return True
    return False


def _in_their_time(person: Person, date: HistoricalDate | None) -> bool:
    span = person.span
    if date is None or span is None or span.span_days <= 1 or person.span_kind not in (
            SpanKind.LIFE, SpanKind.UNKNOWN, SpanKind.TENURE):
        return True
    return (date.latest.ordinal() >= span.earliest.ordinal() - _SPAN_MARGIN_DAYS
            and date.earliest.ordinal() <= span.latest.ordinal() + _SPAN_MARGIN_DAYS)


def _targets(rich: RichText) -> list[str]:
    return [n.target for n in rich if isinstance(n, WikiLink)]


def _event_text(event: Event) -> str:
    parts = [plain_text(event.text), *_targets(event.text)]
    parts.extend(_event_text(c) for c in event.children)
    return " \n ".join(parts)


def link(events: list[Event], people: list[Person], wikilink_aliases: dict[str, str],
         ) -> tuple[list[Event], list[Person]]:
    """Events with the names they mention; people with the indices of their events."""
    forms = name_forms(people, wikilink_aliases)
    own = [set(tokens(p.name)) | {t for a in p.aliases for t in tokens(a)} for p in people]
    mentions: list[list[int]] = [[] for _ in people]
    cjk = sorted({f.text for found in forms for f in found if _CJK.search(f.text)})
    sought = [_sought(found, cjk) for found in forms]  # compiled once, looked for everywhere
    linked: list[Event] = []
    for i, event in enumerate(events):
        text = _event_text(event)
        names = []
        for j, person in enumerate(people):
            if _mentions(text, sought[j], own[j]) and _in_their_time(person, event.date):
                names.append(person.name)
                mentions[j].append(i)
        linked.append(replace(event, people=tuple(names)))
    out_people = [replace(p, events=tuple(m)) for p, m in zip(people, mentions, strict=True)]
    return linked, out_people
