"""Names and identities: deck names, tags, item keys, GUIDs, stable ids, searches.

Everything here is a pure function of its arguments, so the same note always gets the same
deck, the same GUIDs and the same note-type ids, whatever the wording of its items.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from ...dates import DateError, parse_date
from ...diagnostics import terminal_safe
from ...model import Precision
from ...slug import slug as one_slug

_PAREN_TAIL = re.compile(r"\s*\(([^()]*)\)\s*$")
_COARSE = (Precision.YEAR, Precision.DECADE, Precision.CENTURY)


def _is_year_range(value: str) -> bool:
    try:
        date = parse_date(value)
    except DateError:
        return False
    return date is not None and date.is_range and date.precision in _COARSE


def clean_title(title: str) -> str:
    """The note title as a deck name: a trailing range of years ``(1917-1939)`` is dropped
    (the deck path says what the note is; the years belong to its cards)."""
    m = _PAREN_TAIL.search(title)
    if m is None or not _is_year_range(m.group(1)):
        return title.strip()
    return title[:m.start()].strip() or title.strip()


def deck_part(value: str) -> str:
    """One deck-name component: ``::`` would start a sub-deck, so it is folded to ``:``."""
    value = re.sub(r"\s+", " ", terminal_safe(value).replace("::", ":")).strip()
    return value.strip(":").strip() or "Untitled"


def deck_name(*, title: str, subject: Iterable[str], override: str | None) -> str:
    """The note's Anki deck: front-matter ``deck:`` when given, else its subject (its
    readable folders, from ``subjects.Subjects.path``) followed by its title."""
    if override and override.strip():
        parts = [deck_part(p) for p in re.split(r"::|/", override) if p.strip()]
        if parts:
            return "::".join(parts)
    parts = [deck_part(p) for p in subject]
    parts.append(deck_part(clean_title(title)))
    return "::".join(parts)


def tag(value: str) -> str:
    """An Anki tag: no spaces (they separate tags), Obsidian's ``a/b`` nesting as ``a::b``."""
    value = terminal_safe(value).strip().lstrip("#").strip()  # no ESC, BEL or NUL in Anki
    value = re.sub(r"\s+", "_", value)
    value = re.sub(r"/+", "::", value)
    return value.strip(":")


def tags(values: Iterable[str]) -> tuple[str, ...]:
    """Clean, deduplicated, sorted tags (Anki sorts them too; sorting keeps bytes stable)."""
    return tuple(sorted({t for t in (tag(v) for v in values) if t}))


def stable_id(*parts: str) -> int:
    """A fixed id for a note type or deck, in the range genanki recommends (2^30 .. 2^31)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


_BASE91 = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
           "!#$%&()*+,-./:;<=>?@[]^_`{|}~")


def guid(key: str) -> str:
    """The Anki GUID of an item: a hash of its key (never of its wording), in Anki's base91."""
    digest = hashlib.sha256(("studypress\x1f" + key).encode("utf-8")).digest()
    number = int.from_bytes(digest[:8], "big")
    out = []
    while number:
        number, rem = divmod(number, len(_BASE91))
        out.append(_BASE91[rem])
    return "".join(reversed(out)) or "a"


def search_quote(term: str, prefix: bool = False) -> str:
    """One Anki search term, quoted, with Anki's wildcards and escapes neutralised; with
    ``prefix``, it matches anything that starts with the term."""
    escaped = (term.replace("\\", "\\\\").replace('"', '\\"')
               .replace("*", "\\*").replace("_", "\\_"))
    return f'"{escaped}*"' if prefix else f'"{escaped}"'


def search_for_keys(notetype: str, field: str, keys: Iterable[str]) -> str:
    """An Anki browser search that finds exactly the notes with these keys."""
    keyed = [search_quote(f"{field}:{k}") for k in keys]
    inner = keyed[0] if len(keyed) == 1 else "(" + " OR ".join(keyed) + ")"
    return f"{search_quote('note:' + notetype)} {inner}"


def file_name(name: str) -> str:
    """A deck name as a file name: lowercase words joined by hyphens (``Study Notes`` gives
    ``study-notes``), letters of any script kept, nothing that could leave the folder."""
    return one_slug(name, "studypress")
