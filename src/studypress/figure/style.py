"""Figure style: the settings of ``layouts/timeline.toml`` as typed values with safe defaults.

Read by the shared settings loader: a missing setting keeps its default; a wrong one is a
located error naming the file, line and key, as for every other layout file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .datelabel import STYLES

# The figure's own wording in English (timeline.toml [wording]; other languages in
# layouts/lang/<code>.toml [timeline]).
WORDS = {
    "legend_point": "exact day", "legend_range": "range of days",
    "legend_span": "month, year or longer", "legend_approximate": "approximate",
    "legend_person": "person's span", "undated_title": "Undated, not on the axis:",
    "axis_cut": "Axis cut at // where nothing happens; each stretch has its own scale:",
    "scale": "{years}: 1 cm ≈ {worth}", "year": "{n} year", "years": "{n} years",
    "month": "{n} month", "months": "{n} months", "day": "{n} day", "days": "{n} days",
    "born": "b.", "died": "d.", "off_axis": "off the axis",
    "part_only": "Timeline, part {k} of {total}: {years}.",
    "part_first": "Timeline, part {k} of {total}: {years}. Continues in part {next}.",
    "part_middle": "Timeline, part {k} of {total}: {years}. Continued from part {previous}; "
                   "continues in part {next}.",
    "part_last": "Timeline, part {k} of {total}: {years}. Continued from part {previous}.",
    "people_left_out": "{shown} of {total} people shown (the most mentioned, then the longest "
                       "lived); {left_out} left out.",
}

# Settings live in TOML tables; each Style field names the table it is read from.
_TABLES = {
    "width": "figure", "height": "figure", "dpi": "figure", "font_family": "figure",
    "fallback_fonts": "figure", "margin": "figure", "key": "figure",
    "max_people": "figure",
    "font_size": "text", "min_font_size": "text", "tick_font_size": "text",
    "person_font_size": "text", "key_font_size": "text", "band_font_size": "text",
    "label_chars": "text", "min_label_chars": "text", "max_label_width": "text",
    "max_lanes": "text", "comfortable_lanes": "text", "key_column_width": "text",
    "date_style": "text",
    "compress": "axis", "min_gap_fraction": "axis", "break_width": "axis",
    "end_pad": "axis", "marker_size": "axis", "marker_rows": "axis",
    "text_colour": "colours", "muted_colour": "colours", "axis_colour": "colours",
    "event_colour": "colours", "approximate_colour": "colours", "undated_colour": "colours",
    "person_colour": "colours", "stem_colour": "colours", "band_colours": "colours",
    "break_colour": "colours",
}
# No text of the figure prints smaller than this (points at print size): below it, a print shop's
# laser or offset output and a reader's eyes both start to lose hairlines and counters.
MIN_FONT_SIZE = 6.5

_KEY_NAMES = {"text_colour": "text", "muted_colour": "muted", "axis_colour": "axis",
              "event_colour": "event", "approximate_colour": "approximate",
              "undated_colour": "undated", "person_colour": "person", "stem_colour": "stem",
              "band_colours": "bands", "break_colour": "break"}


@dataclass(frozen=True)
class Style:
    """Every size is in points."""

    # [figure]
    width: float = 0.0  # the renderer's box; 0: the text width of the build's page size
    height: float = 0.0  # 0: as tall as the figure needs
    dpi: float = 150.0
    font_family: str = "sans"
    fallback_fonts: tuple[str, ...] = ()  # paths of TTF files for scripts the family lacks
    margin: float = 4.0
    key: bool = True  # False: numbered marks without the key (the caller lists the events)
    max_people: int = 40  # people drawn at most (the most mentioned, then the longest lived)
    # [text]
    font_size: float = 7.5
    min_font_size: float = 6.5
    tick_font_size: float = 7.0
    person_font_size: float = 7.0
    key_font_size: float = 7.0
    band_font_size: float = 7.0
    label_chars: int = 46
    min_label_chars: int = 22
    max_label_width: float = 0.42  # fraction of the figure width
    max_lanes: int = 12  # label lanes above the axis before falling back to numbers and a key
    comfortable_lanes: int = 8  # shorten labels (down to min_label_chars) to stay within this
    key_column_width: float = 150.0
    date_style: str = "auto"  # "auto" (the note's own), "mdy", "dmy" or "iso"
    # [axis]
    compress: str = "auto"  # "auto", "always" or "never"
    min_gap_fraction: float = 0.05
    break_width: float = 12.0
    end_pad: float = 10.0
    marker_size: float = 6.0
    marker_rows: int = 8
    # [colours]
    text_colour: str = "#222222"
    muted_colour: str = "#666666"
    axis_colour: str = "#333333"
    event_colour: str = "#1f4e79"
    approximate_colour: str = "#7f9cbf"
    undated_colour: str = "#8a5a00"
    person_colour: str = "#4f7a35"
    stem_colour: str = "#a3acb6"
    band_colours: tuple[str, ...] = ("#eef2f7", "#f5f0e6")
    break_colour: str = "#555555"
    problems: tuple[str, ...] = field(default=(), compare=False)
    # The note's language and the figure's wording in it (studypress.wording), set per note.
    language: str = "en"
    words: Mapping[str, str] = field(default_factory=lambda: dict(WORDS), compare=False)

    def say(self, key: str, **values: object) -> str:
        """One of the figure's words in the note's language, {placeholders} filled in."""
        out = self.words.get(key, WORDS[key])
        for name, value in values.items():
            out = out.replace("{" + name + "}", str(value))
        return out

    @classmethod
    def from_settings(cls, settings: Style | dict[str, Any] | None,
                      source: Any = None) -> Style:
        """A style from merged ``timeline.toml`` settings (or a style already loaded); a
        wrong value is a located ``LayoutError``, a missing one keeps its default."""
        from ..settings import Source, load

        if isinstance(settings, Style):
            return settings
        source = source or Source.from_dict(settings, "timeline")
        return load(cls, source, _schema()).checked()

    @classmethod
    def load(cls, layouts: Any) -> Style:
        """The style of ``layouts/timeline.toml`` (the project's over the defaults)."""
        from ..settings import Source

        return cls.from_settings(None, Source.from_layouts(layouts, "timeline"))

    def in_language(self, layouts: Any, language: str) -> Style:
        """The style for a note in ``language``: its dates and the figure's wording in it."""
        from dataclasses import replace

        from ..wording import wording

        return replace(self, language=language,
                       words=wording(layouts, language, "timeline", WORDS))

    def checked(self) -> Style:
        """Clamp values that would make the figure unreadable or impossible."""
        from dataclasses import replace

        min_font = max(MIN_FONT_SIZE, self.min_font_size)
        return replace(
            self,
            min_font_size=min_font,
            font_size=max(min_font, self.font_size),
            tick_font_size=max(min_font, self.tick_font_size),
            person_font_size=max(min_font, self.person_font_size),
            key_font_size=max(min_font, self.key_font_size),
            band_font_size=max(min_font, self.band_font_size),
            label_chars=max(8, self.label_chars),
            min_label_chars=max(8, min(self.min_label_chars, self.label_chars)),
            max_label_width=min(0.95, max(0.1, self.max_label_width)),
            max_lanes=max(1, self.max_lanes),
            comfortable_lanes=max(1, self.comfortable_lanes),
            marker_rows=max(1, self.marker_rows),
            compress=self.compress if self.compress in ("auto", "always", "never") else "auto",
            date_style=self.date_style if self.date_style in (*STYLES, "auto") else "auto",
            dpi=min(1200.0, max(18.0, self.dpi)),
            margin=max(0.0, min(self.margin, 40.0)),
            width=max(0.0, self.width),
            height=max(0.0, self.height),
            break_width=max(4.0, self.break_width),
            end_pad=max(2.0, self.end_pad),
            marker_size=min(12.0, max(3.0, self.marker_size)),
            band_colours=self.band_colours or ("#eeeeee",),
        )


def _schema() -> dict[str, Any]:
    """Each Style field's key in ``timeline.toml`` and the values it allows."""
    from ..settings import COLOUR, FONT_PATHS, Choice, Flag, Integer, Number, Spec, Strings

    size = Number(6, 72)
    kinds = {
        "width": Number(low=0), "height": Number(low=0), "dpi": Number(18, 1200),
        "font_family": Choice(("sans", "serif")),
        "fallback_fonts": FONT_PATHS, "margin": Number(0, 40), "key": Flag(),
        "max_people": Integer(low=0),
        "font_size": size, "min_font_size": size, "tick_font_size": size,
        "person_font_size": size, "key_font_size": size, "band_font_size": size,
        "label_chars": Integer(low=8), "min_label_chars": Integer(low=8),
        "max_label_width": Number(0.1, 0.95), "max_lanes": Integer(low=1),
        "comfortable_lanes": Integer(low=1), "key_column_width": Number(low=0),
        "date_style": Choice(("auto", *STYLES)),
        "compress": Choice(("auto", "always", "never")), "min_gap_fraction": Number(0, 1),
        "break_width": Number(low=4), "end_pad": Number(low=2), "marker_size": Number(3, 12),
        "marker_rows": Integer(low=1),
        "band_colours": Strings(of=COLOUR, what="colours such as \"#eef2f7\"", one=False),
    }
    return {name: Spec(f"{table}.{_KEY_NAMES.get(name, name)}", kinds.get(name, COLOUR))
            for name, table in _TABLES.items()}
