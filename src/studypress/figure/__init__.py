"""The timeline figure of a note: a pure layout and its ``reportlab.graphics`` drawing.

Public API::

    has_timeline(note) -> bool
    timeline_drawing(note, width, height=None, *, settings=None) -> Drawing
    timeline_layout(note, width, height=None, *, settings=None) -> Layout

The drawing is a platypus flowable; the guide, the handout and the timeline renderer (SVG, PNG)
all use it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..model import Note
from .layout import Box, Label, Layout, Marker, layout, place_labels
from .style import Style

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

__all__ = [
    "Box",
    "Label",
    "Layout",
    "Marker",
    "Style",
    "fontset_for",
    "has_timeline",
    "layout",
    "place_labels",
    "timeline_drawing",
    "timeline_layout",
]


def has_timeline(note: Note) -> bool:
    """True when the note has any event, dated or not."""
    return bool(note.events)


def fontset_for(style: Style):
    """The fonts a style asks for, registered; unreadable fallback fonts are left out."""
    from .. import fonts
    from .text import FontSet

    kind = style.font_family if style.font_family in ("sans", "serif") else "sans"
    extra: list[str] = []
    for path in style.fallback_fonts:
        try:
            extra.append(fonts.register_fallback(path))
        except Exception:  # an unreadable fallback font is reported by the renderer
            continue
    return FontSet(fonts.family(kind), tuple(extra))



def timeline_layout(note: Note, width: float, height: float | None = None, *,
                    settings: dict[str, Any] | None = None) -> Layout:
    """The placed shapes and text boxes of the note's timeline (nothing drawn)."""
    style = Style.from_settings(settings)
    return layout(note.events, note.people, width, height, style, fontset_for(style))


def timeline_drawing(note: Note, width: float, height: float | None = None, *,
                     settings: dict[str, Any] | None = None) -> Drawing:
    """The note's timeline as a Drawing exactly ``width`` x (``height`` or an automatic height)
    points, usable as a platypus flowable.

    ``settings`` is the merged dict of ``layouts/timeline.toml`` (``Layouts(...).settings(
    "timeline")``); None means the packaged defaults. A box too small for the figure shrinks its
    content to fit rather than overflow.
    """
    from .draw import draw

    style = Style.from_settings(settings)
    fs = fontset_for(style)
    lay = layout(note.events, note.people, width, height, style, fs)
    return draw(lay, style, fs, height)
