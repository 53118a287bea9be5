"""Regenerate ``lang/display.json``: how each language prints a date, from CLDR through Babel.

Babel is needed only to regenerate the table; the build reads the JSON. Run
``python -m studypress.dates.cldr_display`` after adding a language to ``LANGUAGES``.
"""

from __future__ import annotations

import json
from pathlib import Path

LANGUAGES = ("en", "es", "pt", "fr", "it", "de", "nl", "pl", "ru", "uk", "tr", "id", "zh", "ja")
TABLE = Path(__file__).with_name("lang") / "display.json"

# The CLDR skeletons a label is made from: a day, a month, a year, each with and without the
# year (or with its era), and the long forms with the month's full name.
SKELETONS = {
    "day": "yMMMd", "day_no_year": "MMMd", "month": "yMMM", "month_no_year": "MMM",
    "year": "y", "era_year": "Gy", "day_long": "yMMMMd", "month_long": "yMMMM",
}

# What each language prints before an approximate date, which CLDR does not have.
CIRCA = {
    "en": "c. {date}", "es": "h. {date}", "pt": "c. {date}", "fr": "v. {date}",
    "it": "ca. {date}", "de": "um {date}", "nl": "ca. {date}", "pl": "ok. {date}",
    "ru": "ок. {date}", "uk": "бл. {date}", "tr": "y. {date}", "id": "sek. {date}",
    "zh": "约{date}", "ja": "{date}頃",
}


def _clean(text: str) -> str:
    # The narrow no-break space CLDR puts in "1933 г." is missing from the embedded fonts;
    # the ordinary no-break space keeps the same line-breaking.
    return text.replace("\u202f", "\u00a0")


def locale_table(code: str) -> dict[str, object]:
    """One language's month names, era labels and date patterns."""
    from babel import Locale

    loc = Locale.parse(code)
    months = loc.months["format"]
    alone = loc.months["stand-alone"]
    patterns = {key: _clean(loc.datetime_skeletons[skel].pattern)
                for key, skel in SKELETONS.items()}
    return {
        "months": [_clean(months["abbreviated"][m]) for m in range(1, 13)],
        "months_alone": [_clean(alone["abbreviated"][m]) for m in range(1, 13)],
        "months_wide": [_clean(months["wide"][m]) for m in range(1, 13)],
        "months_wide_alone": [_clean(alone["wide"][m]) for m in range(1, 13)],
        "eras": {"bce": _clean(loc.eras["abbreviated"][0]),
                 "ce": _clean(loc.eras["abbreviated"][1])},
        "patterns": patterns,
        "circa": CIRCA[code],
        "decimal": loc.number_symbols["latn"]["decimal"],
    }


def build() -> dict[str, object]:
    """The whole table, every language in ``LANGUAGES``."""
    import babel

    return {"about": f"CLDR date formats via Babel {babel.__version__}; regenerate, do not edit",
            "locales": {code: locale_table(code) for code in LANGUAGES}}


def main() -> None:
    TABLE.write_text(json.dumps(build(), ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                     encoding="utf-8")


if __name__ == "__main__":
    main()
