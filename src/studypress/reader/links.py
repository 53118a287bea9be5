"""Which people each event mentions, by full name, surname or alias."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..model import Event, Person, RichText, WikiLink, plain_text

# Surnames that are also everyday words only link when written in full.
_COMMON = {
    "young", "black", "white", "brown", "green", "long", "short", "may", "king", "power",
    "rice", "bush", "hill", "bell", "wood", "stone", "little", "good", "love", "hope", "grant",
    "law", "march", "new", "great", "first", "last", "will", "mark", "rose", "page", "price",
}
_ROMAN = re.compile(r"^[IVXLC]+$")
_PARTICLES = {"de", "von", "van", "der", "da", "di", "la", "le", "du", "of", "the", "al"}


def _surname(name: str) -> str | None:
    tokens = [t for t in re.split(r"\s+", name.strip()) if t]
    if len(tokens) < 2:
        return None
    last = tokens[-1].strip(".,")
    if _ROMAN.match(last) or last.lower() in ("jr", "sr"):
        return None
    if len(last) < 3 or not last[0].isupper() or last.lower() in _COMMON:
        return None
    return last


def _epithet_name(alias: str) -> str | None:
    """``Pompey the Great`` → ``Pompey``."""
    m = re.match(r"^([A-Z][\w'-]+)\s+the\s+[A-Z]", alias)
    return m.group(1) if m else None


def name_forms(people: list[Person], wikilink_aliases: dict[str, str]) -> list[list[str]]:
    """For each person, the strings that refer to them in event text."""
    surnames = Counter(s for p in people if (s := _surname(p.name)))
    forms: list[list[str]] = []
    for p in people:
        f = [p.name, *p.aliases]
        s = _surname(p.name)
        if s and surnames[s] == 1:
            f.append(s)
        f.extend(e for a in p.aliases if (e := _epithet_name(a)))
        f.extend(label for label, target in wikilink_aliases.items()
                 if target == p.name or target in p.aliases)
        forms.append(list(dict.fromkeys(x for x in f if len(x) >= 2)))
    return forms


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
    patterns = [
        re.compile("|".join(rf"(?<![\w-]){re.escape(x)}(?![\w-])" for x in fs)) if fs else None
        for fs in forms
    ]
    mentions: list[list[int]] = [[] for _ in people]
    linked: list[Event] = []
    for i, event in enumerate(events):
        text = _event_text(event)
        names = []
        for j, pattern in enumerate(patterns):
            if pattern is not None and pattern.search(text):
                names.append(people[j].name)
                mentions[j].append(i)
        linked.append(replace(event, people=tuple(names)))
    out_people = [replace(p, events=tuple(m)) for p, m in zip(people, mentions, strict=True)]
    return linked, out_people
