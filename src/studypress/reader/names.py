"""Name forms: the strings by which a note refers to a person (or a glossary term).

Two sets, for two uses. ``telltale_names`` is every string that gives a name away (the whole
name, each alias, the name's own words), what a study card hides when it asks "who is this?";
the reader stores it as ``Person.names`` and ``Term.names``. ``name_forms`` is the narrower set
that links an event to a person: a given name alone never links, a surname (the family name,
which East Asian names give first: ``Saigō`` of ``Saigō Takamori``) only when no one else in the
cast shares it, a title role (``First Emperor``) only when it is one person's, and a short form
only where its neighbours agree (see ``links``). Forms with Hepburn macrons also link written
without them (``Saigo``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Person
from ..names import CJK as CJK
from ..names import MACRON as _MACRON
from ..names import family_first, tokens

# Words of a name that are no name by themselves: "de" in "Charles de Gaulle".
_PARTICLES = frozenset({
    "the", "of", "de", "da", "del", "della", "di", "du", "la", "le", "van", "von", "der", "den",
    "al", "bin", "ibn", "ben", "y", "and"})
_ROMAN_NUMERAL = re.compile(r"^[IVXLCDM]+$")


def telltale_names(name: str, aliases: Iterable[str] = ()) -> tuple[str, ...]:
    """The strings that give a person or a term away: the whole name, each alias, and the
    name's own words (given name, surname) except initials, particles and regnal numbers."""
    found: list[str] = []

    def add(value: str) -> None:
        value = value.strip()
        if value and value not in found:
            found.append(value)

    add(name)
    bare = re.sub(r"\s*\([^()]*\)\s*$", "", name)  # "Narkomindel" in "… (Narkomindel)"
    add(bare)
    for inner in re.findall(r"\(([^()]*)\)", name):
        add(inner)
    for alias in aliases:
        add(alias)
    for word in re.split(r"\s+", bare):
        word = word.strip(",;")
        if (len(word) >= 3 and not word.endswith(".") and word.lower() not in _PARTICLES
                and not _ROMAN_NUMERAL.match(word) and word[:1].isupper()):
            add(word)
    return tuple(found)


# Surnames that are everyday words: never linked on their own.
_NEVER = {
    "great", "first", "last", "new", "march", "may", "will", "law", "mark", "long", "short",
    "good", "little", "love", "hope", "young", "black", "white", "brown", "green", "power",
}
_ROMAN = re.compile(r"^[IVXLC]+$")
_EPITHET = re.compile(r"\s+the\s+[A-Z][\w'-]*(\s+[A-Z][\w'-]*)*$")


@dataclass(frozen=True)
class Form:
    """A written form of a name."""

    text: str
    short: bool  # a surname or bare regnal name: its neighbours must agree


def _surname(name: str, aliases: Iterable[str] = ()) -> str | None:
    words = tokens(_EPITHET.sub("", name))
    if len(words) < 2:
        return None
    if family_first(name, aliases):
        family = words[0]
        return family if len(family) >= 2 and family.lower() not in _NEVER else None
    last = words[-1].strip(".,")
    if _ROMAN.match(last) or last.lower() in ("jr", "sr"):
        return None
    if len(last) < 3 or not last[0].isupper() or last.lower() in _NEVER:
        return None
    return last


def _regnal(name: str) -> tuple[str | None, str | None]:
    """``Constantine XI Palaiologos`` → (``Constantine XI``, None); ``Justinian I`` →
    (``Justinian I``, ``Justinian``): the name up to its numeral, and the bare name for I."""
    words = tokens(_EPITHET.sub("", name))
    for i, t in enumerate(words):
        if i > 0 and _ROMAN.match(t):
            head = " ".join(words[: i + 1])
            bare = " ".join(words[:i]) if t == "I" else None
            return (head if head != name else None), bare
    stripped = _EPITHET.sub("", name)
    return (stripped if stripped != name else None), None


# The last word of a role that is a title by which a person is named: "the First Emperor".
TITLE_WORDS = frozenset({
    "emperor", "empress", "king", "queen", "tsar", "czar", "shogun", "pharaoh", "caliph",
    "sultan", "khan", "pope", "chancellor", "premier", "president", "chairman", "dictator",
    "consul", "regent", "prince", "princess", "duke", "lord", "marshal", "general", "admiral"})


def _title(role: str | None) -> str | None:
    """A role that names its holder (``First Emperor``, ``Soviet Premier``): two or more
    capitalised words ending in a title; ``President`` alone or ``King of France`` do not."""
    words = tokens(role or "")
    if (2 <= len(words) <= 4 and all(w[:1].isupper() and w.isalpha() for w in words)
            and words[-1].lower() in TITLE_WORDS):
        return " ".join(words)
    return None


def _epithet_name(alias: str) -> str | None:
    """``Pompey the Great`` → ``Pompey``."""
    m = re.match(r"^([A-Z][\w'-]+)\s+the\s+[A-Z]", alias)
    return m.group(1) if m else None


@dataclass(frozen=True)
class _Cast:
    """How often each short form occurs in the cast: a shared one links nobody."""

    surnames: Counter[str]
    bare: Counter[str]
    first_words: Counter[str]
    titles: Counter[str]

    @classmethod
    def of(cls, people: list[Person]) -> _Cast:
        return cls(Counter(s for p in people if (s := _surname(p.name, p.aliases))),
                   Counter(b for p in people if (b := _regnal(p.name)[1])),
                   Counter(tokens(p.name)[0] for p in people if tokens(p.name)),
                   Counter(t for p in people if (t := _title(p.role))))


def _cast_forms(person: Person, cast: _Cast) -> list[Form]:
    """The forms the cast line gives: name, aliases, regnal name, surname, epithet, title."""
    found = [Form(person.name, False), *(Form(a, False) for a in person.aliases)]
    head, bare_name = _regnal(person.name)
    if head:
        found.append(Form(head, False))
    if bare_name and cast.bare[bare_name] == 1 and cast.first_words[bare_name] == 1:
        found.append(Form(bare_name, True))
    surname = _surname(person.name, person.aliases)
    # Shared by no one, not even as someone else's given name ("Kim Il-sung", "Kim Philby").
    own_first = int(tokens(person.name)[0] == surname) if surname else 0
    if surname and cast.surnames[surname] == 1 and cast.first_words[surname] == own_first:
        found.append(Form(surname, True))
    found.extend(Form(e, True) for a in person.aliases if (e := _epithet_name(a)))
    title = _title(person.role)
    if title and cast.titles[title] == 1:
        found.append(Form(title, False))
    return found


def _forms(person: Person, cast: _Cast, wikilink_aliases: dict[str, str]) -> list[Form]:
    found = _cast_forms(person, cast)
    found.extend(Form(label, False) for label, target in wikilink_aliases.items()
                 if target == person.name or target in person.aliases)
    found.extend(Form(plain, f.short) for f in found
                 if (plain := _without_macrons(f.text)) != f.text)
    unique: dict[str, Form] = {}
    for form in found:
        if len(form.text) >= 2:
            unique.setdefault(form.text, form)
    return list(unique.values())


def _without_macrons(value: str) -> str:
    return _MACRON.sub(lambda m: unicodedata.normalize("NFD", m.group())[0], value)


def name_forms(people: list[Person], wikilink_aliases: dict[str, str]) -> list[list[Form]]:
    """For each person, the strings that refer to them in event text."""
    cast = _Cast.of(people)
    return [_forms(p, cast, wikilink_aliases) for p in people]
