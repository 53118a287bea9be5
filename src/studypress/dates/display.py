"""How dates print: year labels and the display form of a range."""

from __future__ import annotations


def year_label(year: int, era: bool = False) -> str:
    """A year in historical numbering as printed: ``1933``, ``44 BCE``; with ``era``, ``14 CE``."""
    if year < 0:
        return f"{-year} BCE"
    return f"{year} CE" if era else str(year)


def astronomical_label(astro: int) -> str:
    """The label of an astronomical year (0 is 1 BCE), for messages."""
    return year_label(astro if astro > 0 else astro - 1)


def range_display(before: str, after: str) -> str:
    """The two ends' wording joined by an en dash, spaced when the note spaced its dash."""
    dash = " – " if before.endswith(" ") or after.startswith(" ") else "–"
    return before.rstrip() + dash + after.lstrip()
