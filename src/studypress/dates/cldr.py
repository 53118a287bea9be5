"""Regenerate ``lang/cldr.json``: month, weekday and era words from CLDR, through Babel.

The date parser reads the generated file, not Babel, so reading a note never pays for loading
Babel's locale data. Run ``python -m studypress.dates.cldr`` after adding a language to
``LANGUAGES`` or upgrading Babel; a test checks that the file matches the installed Babel.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# The languages whose month names and eras the parser knows; each needs its words in
# lang/words.toml too (circa, fillers, decades, centuries), which CLDR does not have.
LANGUAGES = ("es", "pt", "fr", "it", "de", "nl", "pl", "ru", "uk", "tr", "id")

TABLE = Path(__file__).with_name("lang") / "cldr.json"


def _fold(word: str) -> str:
    return " ".join(word.lower().split())


def _months(locale: Any) -> dict[str, int]:
    """Every wide and abbreviated month name, in running text and standing alone (genitive
    and nominative where the language has both: "листопада", "листопад")."""
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in locale.months[context][width].items():
                word = _fold(name).rstrip(".")
                if len(word) >= 3:  # two letters ("ag") are too easily something else
                    names[word] = number
    return dict(sorted(names.items()))


def _eras(locale: Any) -> dict[str, str]:
    eras: dict[str, str] = {}
    for width in ("wide", "abbreviated"):
        for number, name in locale.eras[width].items():
            eras[_fold(name)] = "bce" if number == 0 else "ce"
    return dict(sorted(eras.items()))


def _weekdays(locale: Any) -> dict[str, int]:
    """Every wide and abbreviated weekday name (0 is Monday), as a date may open with one."""
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in locale.days[context][width].items():
                word = _fold(name).rstrip(".")
                if len(word) >= 2:
                    names[word] = number
    return dict(sorted(names.items()))


def generate() -> dict[str, Any]:
    """The table as Babel's CLDR data gives it now."""
    from babel import Locale  # only here: reading dates never imports Babel

    locales = {}
    for code in LANGUAGES:
        locale = Locale.parse(code)
        locales[code] = {"months": _months(locale), "eras": _eras(locale)}
    weekdays = {code: _weekdays(Locale.parse(code)) for code in ("en", *LANGUAGES)}
    return {"about": "CLDR month names, weekdays and eras, via Babel; regenerate, do not edit",
            "locales": locales, "weekdays": weekdays}  # fmt: skip


def main() -> None:
    """Write the table."""
    TABLE.write_text(json.dumps(generate(), ensure_ascii=False, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
