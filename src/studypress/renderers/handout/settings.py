"""``layouts/handout.toml``: the handout's settings, checked, with lengths in points."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from reportlab.lib.colors import HexColor

from ...layouts import LayoutError, Layouts
from ...model import Diagnostic
from ...settings import (
    COLOUR,
    FONT_PATHS,
    Choice,
    Flag,
    Number,
    Pair,
    Raw,
    Source,
    Table,
    Text,
    load,
    setting,
)
from ...study import CARD_WORDS
from ..base import RenderContext
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
    language: str = "en"  # the note's, whose dates and wording the sheets print


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
_TEXT_DEFAULTS = {**CARD_WORDS,
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


_SIZE = Number(low=4)


@dataclass(frozen=True)
class HandoutToml:
    """``layouts/handout.toml`` as declared: keys, kinds of value, defaults (lengths in mm)."""

    order: str = setting("sheet.order", Choice(ORDERS), "first-appearance")
    margin: float = setting("sheet.margin", Number(low=5), 15.0)
    gutter: float = setting("sheet.gutter", Number(low=0), 8.0)
    body_size: float = setting("sheet.body_size", _SIZE, 11.0)
    floor: float = setting("sheet.floor", _SIZE, 7.5)
    step: float = setting("sheet.step", Number(low=0.1), 0.5)
    card_format: str = setting("cards.format", Text(), "auto")
    card_order: str = setting("cards.order", Choice(("same", *ORDERS)), "same")
    duplex: str = setting("cards.duplex", Choice(("long", "short")), "long")
    back_offset: tuple[float, float] = setting("cards.back_offset", Pair(), (0.0, 0.0))
    safe_inset: float = setting("cards.safe_inset", Number(low=MIN_SAFE_INSET), 5.0)
    printer_margin: float = setting("cards.printer_margin", Number(low=0), 6.0)
    name_size: float = setting("cards.name_size", _SIZE, 22.0)
    name_floor: float = setting("cards.name_floor", _SIZE, 12.0)
    card_body: float = setting("cards.body_size", _SIZE, 11.0)
    card_floor: float = setting("cards.body_floor", _SIZE, 7.0)
    card_step: float = setting("cards.step", Number(low=0.1), 0.5)
    cut_marks: bool = setting("cards.cut_marks", Flag(), True)
    mark_length: float = setting("cards.mark_length", Number(low=1), 5.0)
    mark_gap: float = setting("cards.mark_gap", Number(low=0), 1.5)
    mark_width: float = setting("cards.mark_width", Number(low=0.05), 0.25)
    formats: Mapping[str, Any] = setting("formats", Table(Raw()), {})
    colors: Mapping[str, str] = setting("colors", Table(COLOUR), {})
    fallback: tuple[str, ...] = setting("fonts.fallback", FONT_PATHS, ())
    text: Mapping[str, str] = setting("text", Table(Text()), {})


_PAGE = Choice(("paper", "card", *PAPER))


def _card_format(raw: HandoutToml, source: Source, paper: str) -> tuple[str, float, float, str]:
    """The card format in effect: its name, card width and height (mm) and page."""
    name = AUTO_FORMAT.get(paper, "a7") if raw.card_format == "auto" else raw.card_format
    fmt = raw.formats.get(name)
    if not isinstance(fmt, dict):
        source.error("cards.format", f"'auto' or one of {', '.join(sorted(raw.formats))}",
                     name)
    w, h = source.value(f"formats.{name}.card", Pair(), None) or source.error(
        f"formats.{name}.card", Pair.expect)
    return name, w, h, source.value(f"formats.{name}.page", _PAGE, "paper")


def load_settings(layouts: Layouts, paper: str, source: Source | None = None) -> Settings:
    """Read and check ``handout.toml`` for a build on ``paper``; a bad value is a located
    LayoutError, a missing one takes its default."""
    source = source or Source.from_layouts(layouts, "handout")
    raw = load(HandoutToml, source)
    fmt_name, card_w, card_h, page = _card_format(raw, source, paper)
    dx, dy = raw.back_offset
    return Settings(
        order=raw.order,
        margin=raw.margin * MM,
        gutter=raw.gutter * MM,
        body_size=max(raw.body_size, raw.floor),
        floor=raw.floor,
        step=raw.step,
        card_format=fmt_name,
        card_order=raw.card_order,
        card_w=card_w * MM,
        card_h=card_h * MM,
        card_page=page,
        duplex="short" if raw.duplex == "short" else "long",
        back_offset=(dx * MM, dy * MM),
        safe_inset=raw.safe_inset * MM,
        printer_margin=raw.printer_margin * MM,
        name_size=max(raw.name_size, raw.name_floor),
        name_floor=raw.name_floor,
        card_body=max(raw.card_body, raw.card_floor),
        card_floor=raw.card_floor,
        card_step=raw.card_step,
        cut_marks=raw.cut_marks,
        mark_length=raw.mark_length * MM,
        mark_gap=raw.mark_gap * MM,
        mark_width=raw.mark_width,
        colors={**_COLOR_DEFAULTS, **raw.colors},
        fallback_paths=raw.fallback,
        text={**_TEXT_DEFAULTS, **raw.text},
    )


def for_note(ctx: RenderContext, source: str, language: str = "en"
             ) -> tuple[Settings, tuple[float, float], list[Diagnostic]]:
    """The card sheets' settings for one note's build (cast.pdf and flashcards.pdf alike): the
    paper checked, the wording in the note's ``language``, the fallback fonts loaded, and what
    loading them had to say."""
    from ...wording import translated
    from ..pdf import glyphs

    paper = ctx.options.paper
    if paper not in PAPER:
        raise LayoutError(f"unknown paper size {paper!r}; use 'a4' or 'letter'")
    settings = load_settings(ctx.layouts, paper)
    if own := translated(ctx.layouts, language, "handout"):
        settings = replace(settings, text={**settings.text, **own})
    settings = replace(settings, language=language)
    _, names, problems = glyphs.fallback_fonts(settings.fallback_paths, ctx, source,
                                               "layouts/handout.toml")
    return replace(settings, fallback_paths=(), fallbacks=names), PAPER[paper], list(problems)
