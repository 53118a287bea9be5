"""The one slug: a lowercase, hyphen-joined form of a name for note ids, file names and item keys.

Letters of every script are kept (``Лев Троцкий`` → ``лев-троцкий``, ``毛泽东`` → ``毛泽东``).
Accents are folded off Latin letters only (``Crème Brûlée`` → ``creme-brulee``): that is the
form people type in a Latin-script path, and it keeps the ids notes have always had. In other
scripts a mark often makes another letter (``й`` is not ``и``), so it stays.
"""

from __future__ import annotations

import unicodedata


def _is_latin(ch: str) -> bool:
    return ch.isascii() or unicodedata.name(ch, "").startswith("LATIN ")


def _fold(ch: str) -> str:
    """A Latin letter without its accents; any other character as it is."""
    parts = unicodedata.normalize("NFD", ch)
    if len(parts) > 1 and _is_latin(parts[0]):
        return "".join(c for c in parts if not unicodedata.combining(c))
    return ch


def _is_word(ch: str) -> bool:
    # Letters, digits and marks: Indic vowel signs and viramas are marks (category M), and a
    # word split at each of them would be unreadable.
    return unicodedata.category(ch)[0] in "LNM"


def slug(value: str, default: str = "x") -> str:
    """``value`` as lowercase words joined by hyphens; ``default`` when nothing is left."""
    # lower(), not casefold(): a slug is read, and casefold turns a Greek final ς into σ.
    text = unicodedata.normalize("NFKC", value).lower()
    text = unicodedata.normalize("NFC", "".join(_fold(ch) for ch in text))
    words = "".join(ch if _is_word(ch) else " " for ch in text).split()
    return "-".join(words) or default
