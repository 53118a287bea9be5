"""The caption of a compressed axis: where it is cut, and the scale of each stretch, so that
spans are never compared across a break without saying so."""

from __future__ import annotations

import math

from .. import timeaxis
from ..dates import display, year_label
from .labels import text_height
from .shapes import Box, Label, Layout, Part
from .style import Style
from .text import FontSet

CM = 72 / 2.54  # points in a centimetre


def _worth(days: float, style: Style) -> str:
    """A stretch of time in words: ``2.5 years``, ``3 months``, ``12 days``."""
    for unit, size in (("year", timeaxis.YEAR), ("month", timeaxis.MONTH), ("day", 1.0)):
        if days >= size or unit == "day":
            n = days / size
            shown = f"{n:.0f}" if n >= 10 else f"{n:.1f}".removesuffix(".0")
            return style.say(unit if shown == "1" else unit + "s",
                             n=display.decimal(shown, style.language))
    return ""


def caption_parts(ax: timeaxis.Axis, pad: float, style: Style) -> list[str]:
    """The caption's pieces for an axis with breaks; none for an axis in one scale. ``pad``
    is the empty axis (points) at each end of a stretch, left out of its years."""
    if not ax.breaks:
        return []
    era = timeaxis.civil(math.floor(ax.d0))[0] < 0
    out = [style.say("axis_cut")]
    for seg in ax.segments:
        inner = pad / seg.scale
        first = timeaxis.civil(math.ceil(seg.d0 + inner))[0]
        last = timeaxis.civil(math.floor(seg.d1 - inner) - 1)[0]
        lang = style.language  # "MÖ 357–MÖ 311", not "357 BCE–311 BCE", in a Turkish note
        years = year_label(first, era, lang) if first == last else (
            f"{year_label(first, era, lang)}–{year_label(last, era, lang)}")
        out.append(style.say("scale", years=years, worth=_worth(CM / seg.scale, style)))
    return out


def caption_lines(parts: list[str], width: float, style: Style, fs: FontSet) -> list[str]:
    """The caption wrapped to the figure's width, a stretch's scale never split."""
    room = width - 2 * style.margin
    size = style.key_font_size
    lines: list[str] = []
    for part in parts:
        if lines:
            joined = lines[-1] + (" " if lines[-1].endswith(":") else "; ") + part
            if fs.width(joined, size) <= room:
                lines[-1] = joined
                continue
        lines.append(fs.fit(part, room, size))
    return lines


def place_caption(out: Layout, lines: list[str], style: Style, fs: FontSet, y: float) -> float:
    """Add the caption's lines below ``y``; returns the y below them."""
    if not lines:
        return y
    size, margin = style.key_font_size, style.margin
    line = text_height(size)
    for text in lines:
        y -= line
        out.labels.append(Label(Box(margin, y, margin + fs.width(text, size), y + line),
                                (Part(text, muted=True),), size, "note"))
    return y - 4.0


def caption_height(lines: list[str], style: Style) -> float:
    """The caption's height; 0 without one."""
    return len(lines) * text_height(style.key_font_size) + 4.0 if lines else 0.0
