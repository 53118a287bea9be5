"""Figure style: the settings of ``layouts/timeline.toml`` as typed values with safe defaults.

A missing or mistyped setting falls back to its default (and is reported), so a broken layout
file changes the look, never crashes the build.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

# Settings live in TOML tables; each Style field names the table it is read from.
_TABLES = {
    "width": "figure", "height": "figure", "dpi": "figure", "font_family": "figure",
    "fallback_fonts": "figure", "margin": "figure", "key": "figure",
    "font_size": "text", "min_font_size": "text", "tick_font_size": "text",
    "person_font_size": "text", "key_font_size": "text", "band_font_size": "text",
    "label_chars": "text", "min_label_chars": "text", "max_label_width": "text",
    "max_lanes": "text", "comfortable_lanes": "text", "key_column_width": "text",
    "compress": "axis", "min_gap_fraction": "axis", "break_width": "axis",
    "end_pad": "axis", "marker_size": "axis", "marker_rows": "axis",
    "text_colour": "colours", "muted_colour": "colours", "axis_colour": "colours",
    "event_colour": "colours", "approximate_colour": "colours", "undated_colour": "colours",
    "person_colour": "colours", "stem_colour": "colours", "band_colours": "colours",
    "break_colour": "colours",
}
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
    # [text]
    font_size: float = 7.5
    min_font_size: float = 6.0
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
    # [axis]
    compress: str = "auto"  # "auto", "always" or "never"
    min_gap_fraction: float = 0.05
    break_width: float = 12.0
    end_pad: float = 10.0
    marker_size: float = 6.0
    marker_rows: int = 4
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

    @classmethod
    def from_settings(cls, settings: dict[str, Any] | None) -> Style:
        """A style from merged ``timeline.toml`` settings; bad values keep their default."""
        if not settings:
            return cls()
        values: dict[str, Any] = {}
        problems: list[str] = []
        for f in fields(cls):
            if f.name == "problems":
                continue
            table = settings.get(_TABLES[f.name])
            if not isinstance(table, dict):
                continue
            key = _KEY_NAMES.get(f.name, f.name)
            if key not in table:
                continue
            default = f.default
            value = _coerce(table[key], default)
            if value is None:
                problems.append(f"[{_TABLES[f.name]}] {key} = {table[key]!r} is not a valid "
                                f"value; using {default!r}")
                continue
            values[f.name] = value
        style = cls(**values, problems=tuple(problems))
        return style.checked()

    def checked(self) -> Style:
        """Clamp values that would make the figure unreadable or impossible."""
        from dataclasses import replace

        min_font = max(6.0, self.min_font_size)
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
            dpi=min(1200.0, max(18.0, self.dpi)),
            margin=max(0.0, min(self.margin, 40.0)),
            width=max(0.0, self.width),
            height=max(0.0, self.height),
            break_width=max(4.0, self.break_width),
            end_pad=max(2.0, self.end_pad),
            marker_size=min(12.0, max(3.0, self.marker_size)),
            band_colours=self.band_colours or ("#eeeeee",),
        )


def _coerce(value: Any, default: Any) -> Any:
    """``value`` converted to the type of ``default``, or None when it cannot be."""
    if isinstance(default, bool):
        return value if isinstance(value, bool) else None
    if isinstance(default, int):
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if isinstance(default, float):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return float(value) if ok and value == value and abs(value) < 1e6 else None
    if isinstance(default, str):
        return value if isinstance(value, str) else None
    if isinstance(default, tuple):
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        return None
    return None
