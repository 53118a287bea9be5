"""Alphabetical order in a language's alphabet, for glossaries, indexes and casts.

Case and accents do not count (``Éclat`` files under E, German ``Ä`` with ``A``), except for the
letters a language counts as letters of their own, which sort where its alphabet puts them:
Swedish ``å ä ö`` after ``z``, Spanish ``ñ`` after ``n``, Polish ``ł`` after ``l``, Russian ``й``
after ``и``. Two texts that differ in nothing else sort by their code points, so the order is
total: only equal texts have equal keys. Chinese and Japanese sort by code point: ordering them
by reading (pinyin, kana) needs a dictionary this project does not ship.
"""

from __future__ import annotations

import unicodedata
from functools import cache

# For each language, its letters that sort apart from the letter they are written with: each
# group is the letter they follow and, in order, the letters that follow it.
ALPHABETS: dict[str, tuple[tuple[str, str], ...]] = {
    "sv": (("z", "åäö"),),
    "fi": (("z", "åäö"),),
    "da": (("z", "æøå"),),
    "nb": (("z", "æøå"),),
    "nn": (("z", "æøå"),),
    "no": (("z", "æøå"),),
    "es": (("n", "ñ"),),
    "pl": (("a", "ą"), ("c", "ć"), ("e", "ę"), ("l", "ł"), ("n", "ń"), ("o", "ó"), ("s", "ś"),
           ("z", "źż")),
    "tr": (("c", "ç"), ("g", "ğ"), ("h", "ı"), ("o", "ö"), ("s", "ş"), ("u", "ü")),
    "ru": (("и", "й"),),
    "uk": (("г", "ґ"), ("е", "є"), ("и", "іїй")),
}

# Leading marks that do not count: "“Éclat”" files under E, "¿Qué?" under Q.
_LEADING = "\"'“‘«(¡¿*_- \u00a0"


@cache
def _tailoring(language: str) -> dict[str, tuple[int, int]]:
    """Each tailored letter's primary weight: (code point of the letter it follows, rank)."""
    code = language.strip().lower().replace("_", "-").split("-", 1)[0]
    out: dict[str, tuple[int, int]] = {}
    for base, letters in ALPHABETS.get(code, ()):
        for rank, letter in enumerate(letters, start=1):
            out[letter] = (ord(base), rank)
    return out


def _weights(ch: str, tailored: dict[str, tuple[int, int]]) -> list[tuple[int, int]]:
    if ch in tailored:
        return [tailored[ch]]
    folded = unicodedata.normalize("NFKD", ch)
    return [(ord(c), 0) for c in folded if not unicodedata.combining(c)]


def collation_key(text: str, language: str = "en") -> tuple[tuple[tuple[int, int], ...], str]:
    """The sort key of ``text`` in ``language``'s alphabet: its letters' weights, then the
    text itself (so the order is total)."""
    tailored = _tailoring(language)
    folded = unicodedata.normalize("NFC", text.casefold()).lstrip(_LEADING)
    primary: list[tuple[int, int]] = []
    for ch in folded:
        primary.extend(_weights(ch, tailored))
    return tuple(primary), text


def collated(texts: list[str], language: str = "en") -> list[str]:
    """``texts`` in ``language``'s alphabetical order."""
    return sorted(texts, key=lambda t: collation_key(t, language))


def first_letter(text: str, language: str = "en") -> str:
    """The letter ``text`` files under in an index (``É`` → ``E``, Swedish ``Ö`` → ``Ö``); ``#``
    for a text that starts with no letter."""
    tailored = _tailoring(language)
    folded = unicodedata.normalize("NFC", text.casefold()).lstrip(_LEADING)
    if not folded:
        return "#"
    ch = folded[0]
    if ch in tailored:
        return ch.upper()
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return base[:1].upper() or "#"
