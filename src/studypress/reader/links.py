"""Which people each event mentions, by full name, surname, regnal name or alias.

A full name or alias links wherever it stands. A short form (a surname, ``Justinian`` for
``Justinian I``) links only where its neighbours do not say it means something else: not
inside another name (``Michael VIII Palaiologos``), not before a noun that makes it a place
(``Takamori Street``), not after ``to``/``in`` when the surname is also a place
(``moves to Washington``). Nobody is linked to an event dated long after or before their time.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from ..model import Event, HistoricalDate, Person, RichText, SpanKind, WikiLink, plain_text

# Surnames that are everyday words: never linked on their own.
_NEVER = {
    "great", "first", "last", "new", "march", "may", "will", "law", "mark", "long", "short",
    "good", "little", "love", "hope", "young", "black", "white", "brown", "green", "power",
}
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
                "harbour", "district", "province", "canal", "building", "tower", "school"}
_PLACE_WORDS = {"to", "in", "at", "from", "near", "into", "of", "towards", "toward", "outside"}
_TITLES = {
    "president", "general", "gen", "admiral", "adm", "senator", "sen", "governor", "gov",
    "secretary", "ambassador", "minister", "premier", "chancellor", "king", "queen", "emperor",
    "empress", "tsar", "czar", "tsarina", "prince", "princess", "duke", "lord", "lady", "sir",
    "mr", "mrs", "ms", "dr", "professor", "prof", "pope", "saint", "st", "commissar",
    "chairman", "marshal", "colonel", "col", "captain", "capt", "judge", "justice", "consul",
    "dictator", "tribune", "general-secretary", "comrade",
}
_ROMAN = re.compile(r"^[IVXLC]+$")
_EPITHET = re.compile(r"\s+the\s+[A-Z][\w'-]*(\s+[A-Z][\w'-]*)*$")
# A person is not linked to an event this many days away from their span.
_SPAN_MARGIN_DAYS = 100 * 366


@dataclass(frozen=True)
class Form:
    text: str
    short: bool  # a surname or bare regnal name: its neighbours must agree


def _tokens(name: str) -> list[str]:
    return [t for t in re.split(r"\s+", name.strip()) if t]


def _surname(name: str) -> str | None:
    tokens = _tokens(_EPITHET.sub("", name))
    if len(tokens) < 2:
        return None
    last = tokens[-1].strip(".,")
    if _ROMAN.match(last) or last.lower() in ("jr", "sr"):
        return None
    if len(last) < 3 or not last[0].isupper() or last.lower() in _NEVER:
        return None
    return last


def _regnal(name: str) -> tuple[str | None, str | None]:
    """``Constantine XI Palaiologos`` → (``Constantine XI``, None); ``Justinian I`` →
    (``Justinian I``, ``Justinian``): the name up to its numeral, and the bare name for I."""
    tokens = _tokens(_EPITHET.sub("", name))
    for i, t in enumerate(tokens):
        if i > 0 and _ROMAN.match(t):
            head = " ".join(tokens[: i + 1])
            bare = " ".join(tokens[:i]) if t == "I" else None
            return (head if head != name else None), bare
    stripped = _EPITHET.sub("", name)
    return (stripped if stripped != name else None), None


def _epithet_name(alias: str) -> str | None:
    """``Pompey the Great`` → ``Pompey``."""
    m = re.match(r"^([A-Z][\w'-]+)\s+the\s+[A-Z]", alias)
    return m.group(1) if m else None


def name_forms(people: list[Person], wikilink_aliases: dict[str, str]) -> list[list[Form]]:
    """For each person, the strings that refer to them in event text."""
    surnames = Counter(s for p in people if (s := _surname(p.name)))
    bare = Counter(b for p in people if (b := _regnal(p.name)[1]))
    first_words = Counter(_tokens(p.name)[0] for p in people if _tokens(p.name))
    forms: list[list[Form]] = []
    for p in people:
        f = [Form(p.name, False), *(Form(a, False) for a in p.aliases)]
        head, bare_name = _regnal(p.name)
        if head:
            f.append(Form(head, False))
        if bare_name and bare[bare_name] == 1 and first_words[bare_name] == 1:
            f.append(Form(bare_name, True))
        s = _surname(p.name)
        if s and surnames[s] == 1:
            f.append(Form(s, True))
        f.extend(Form(e, True) for a in p.aliases if (e := _epithet_name(a)))
        f.extend(Form(label, False) for label, target in wikilink_aliases.items()
                 if target == p.name or target in p.aliases)
        seen: dict[str, Form] = {}
        for form in f:
            if len(form.text) >= 2 and form.text not in seen:
                seen[form.text] = form
        forms.append(list(seen.values()))
    return forms


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
        return False  # "Takamori Street", "Washington Monument" (but "Kerensky Offensive")
    if low in _PLACES and prev_clean in _PLACE_WORDS:
        return False
    if low in _COMMON:
        return bool(prev) and (prev_clean in _TITLES or prev[0].islower())
    return True


def _mentions(text: str, forms: list[Form], own: set[str]) -> bool:
    for form in forms:
        for m in re.finditer(rf"(?<![\w-]){re.escape(form.text)}(?![\w-])", text):
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
    own = [set(_tokens(p.name)) | {t for a in p.aliases for t in _tokens(a)} for p in people]
    mentions: list[list[int]] = [[] for _ in people]
    linked: list[Event] = []
    for i, event in enumerate(events):
        text = _event_text(event)
        names = []
        for j, person in enumerate(people):
            if _mentions(text, forms[j], own[j]) and _in_their_time(person, event.date):
                names.append(person.name)
                mentions[j].append(i)
        linked.append(replace(event, people=tuple(names)))
    out_people = [replace(p, events=tuple(m)) for p, m in zip(people, mentions, strict=True)]
    return linked, out_people
