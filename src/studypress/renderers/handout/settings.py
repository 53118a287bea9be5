"""``layouts/handout.toml``: the handout's settings, checked, with lengths in points."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import HexColor

from ...layouts import LayoutError, Layouts
from . import layout as geo

MM = geo.MM
PAPER = {"a4": (210 * MM, 297 * MM), "letter": (8.5 * 72, 11 * 72)}
AUTO_FORMAT = {"a4": "a7", "letter": "letter-8"}
ORDERS = ("first-appearance", "name", "note")
SETTINGS_FILE = "layouts/handout.toml"
MIN_SAFE_INSET = 4.0  # mm: nothing important may sit nearer a cut line than this


@dataclass(frozen=True)
class Settings:
    """``layouts/handout.toml``, checked, with lengths converted to points."""

    order: str
    margin: float
    gutter: float
    body_size: float
    floor: float
    step: float
    card_format: str
    card_order: str
    card_w: float
    card_h: float
    card_page: str
    duplex: geo.Duplex
    back_offset: tuple[float, float]
    safe_inset: float
    printer_margin: float
    name_size: float
    name_floor: float
    card_body: float
    card_floor: float
    card_step: float
    cut_marks: bool
    mark_length: float
    mark_gap: float
    mark_width: float
    colors: dict[str, str]
    text: dict[str, str]
    fallback_paths: tuple[str, ...]  # font files from [fonts] fallback
    fallbacks: tuple[str, ...] = ()  # their registered names, once loaded


    def color(self, key: str) -> Any:
        return HexColor(self.colors[key])

    def fill(self, key: str, **values: Any) -> str:
        """A [text] wording with its {placeholders} filled in."""
        try:
            return self.text[key].format(**values)
        except (KeyError, IndexError, ValueError) as exc:
            names = ", ".join("{" + v + "}" for v in values)
            raise _bad(f"[text] {key}", f"is not a valid wording ({exc}); it may use {names} "
                       "and must write a literal brace as {{ or }}") from None


_COLOR_DEFAULTS = {
    "text": "#1b1b1b", "muted": "#5f6368", "accent": "#1a4f8b", "bar_track": "#d6d9de",
    "bar_span": "#9dbbe0", "bar_event": "#1a4f8b", "rule": "#c8ccd2", "cut_marks": "#000000",
}
_TEXT_DEFAULTS = {
    "sheet_title": "Cast of characters", "continued": "continued", "appears": "Appears in",
    "also": "Also", "undated": "undated", "legend": "Bars run from {start} to {end}:",
    "legend_span": "life or office", "legend_event": "appearance in the timeline",
    "page": "page {n} of {total}", "born": "b.", "died": "d.",
    "instructions": "Cut-out cards follow on pages {first}–{last}. Print them double-sided, "
                    "flipping on the {edge} edge, at actual size (100%), then cut along the "
                    "marks.",
}


def _bad(where: str, message: str) -> LayoutError:
    return LayoutError(f"{SETTINGS_FILE}: error: {where} {message}")


def _num(table: dict[str, Any], key: str, default: float, where: str, *,
         minimum: float | None = None) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _bad(f"[{where}] {key}", f"must be a number, not {value!r}")
    if minimum is not None and value < minimum:
        raise _bad(f"[{where}] {key}", f"must be at least {minimum}, not {value}")
    return float(value)


def _choice(table: dict[str, Any], key: str, default: str, choices: Sequence[str],
            where: str) -> str:
    value = table.get(key, default)
    if value not in choices:
        raise _bad(f"[{where}] {key}",
                   f"must be one of {', '.join(repr(c) for c in choices)}, not {value!r}")
    return str(value)


def _pair(value: Any, where: str) -> tuple[float, float]:
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)):
        raise _bad(where, f"must be a pair of numbers such as [105.0, 74.0], not {value!r}")
    return float(value[0]), float(value[1])


def load_settings(layouts: Layouts, paper: str) -> Settings:
    """Read and check ``handout.toml`` for a build on ``paper``; a bad value is a LayoutError."""
    raw = layouts.settings("handout")
    sheet = raw.get("sheet", {})
    cards = raw.get("cards", {})
    formats = raw.get("formats", {})
    body = _num(sheet, "body_size", 11.0, "sheet", minimum=4)
    floor = _num(sheet, "floor", 7.5, "sheet", minimum=4)
    name_size = _num(cards, "name_size", 22.0, "cards", minimum=4)
    name_floor = _num(cards, "name_floor", 12.0, "cards", minimum=4)
    card_body = _num(cards, "body_size", 11.0, "cards", minimum=4)
    card_floor = _num(cards, "body_floor", 7.0, "cards", minimum=4)
    fmt_name = cards.get("format", "auto")
    if fmt_name == "auto":
        fmt_name = AUTO_FORMAT.get(paper, "a7")
    fmt = formats.get(fmt_name)
    if not isinstance(fmt, dict):
        raise _bad("[cards] format", f"names no format: {fmt_name!r}; choose 'auto' or one of "
                   f"{', '.join(sorted(formats))}")
    card_w, card_h = _pair(fmt.get("card"), f"[formats.{fmt_name}] card")
    page = fmt.get("page", "paper")
    if page not in ("paper", "card", *PAPER):
        raise _bad(f"[formats.{fmt_name}] page",
                   f"must be 'paper', 'card', 'a4' or 'letter', not {page!r}")
    dx, dy = _pair(cards.get("back_offset", [0.0, 0.0]), "[cards] back_offset")
    colors = dict(_COLOR_DEFAULTS)
    for key, value in raw.get("colors", {}).items():
        if not isinstance(value, str) or not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
            raise _bad(f"[colors] {key}", f"must be a colour such as '#1a4f8b', not {value!r}")
        colors[key] = value
    fallback = raw.get("fonts", {}).get("fallback", [])
    if isinstance(fallback, str):
        fallback = [fallback]
    texts = dict(_TEXT_DEFAULTS)
    texts.update({k: str(v) for k, v in raw.get("text", {}).items()})
    return Settings(
        order=_choice(sheet, "order", "first-appearance", ORDERS, "sheet"),
        margin=_num(sheet, "margin", 15.0, "sheet", minimum=5) * MM,
        gutter=_num(sheet, "gutter", 8.0, "sheet", minimum=0) * MM,
        body_size=max(body, floor),
        floor=floor,
        step=_num(sheet, "step", 0.5, "sheet", minimum=0.1),
        card_format=fmt_name,
        card_order=_choice(cards, "order", "same", ("same", *ORDERS), "cards"),
        card_w=card_w * MM,
        card_h=card_h * MM,
        card_page=page,
        duplex="short" if _choice(cards, "duplex", "long", ("long", "short"), "cards") == "short"
        else "long",
        back_offset=(dx * MM, dy * MM),
        safe_inset=_num(cards, "safe_inset", 5.0, "cards", minimum=MIN_SAFE_INSET) * MM,
        printer_margin=_num(cards, "printer_margin", 6.0, "cards", minimum=0) * MM,
        name_size=max(name_size, name_floor),
        name_floor=name_floor,
        card_body=max(card_body, card_floor),
        card_floor=card_floor,
        card_step=_num(cards, "step", 0.5, "cards", minimum=0.1),
        cut_marks=bool(cards.get("cut_marks", True)),
        mark_length=_num(cards, "mark_length", 5.0, "cards", minimum=1) * MM,
        mark_gap=_num(cards, "mark_gap", 1.5, "cards", minimum=0) * MM,
        mark_width=_num(cards, "mark_width", 0.25, "cards", minimum=0.05),
        colors=colors,
        fallback_paths=tuple(str(p) for p in fallback),
        text=texts,
    )
