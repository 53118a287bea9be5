"""The timeline figure of a note: a pure layout and its ``reportlab.graphics`` drawing.

Public API::

    has_timeline(note) -> bool
    timeline_drawing(note, width, height=None, *, settings=None, missing=None) -> Drawing
    timeline_figure(note, width, height=None, *, settings=None, missing=None)
        -> (Drawing, Layout)   the drawing and the layout it draws (``numbers``: event → mark)
    timeline_layout(note, width, height=None, *, settings=None) -> Layout
    timeline_pages(note, width, page_height, *, first_height=None, settings=None,
                   missing=None)
        -> [(Drawing, Layout)]   one per page when its first page cannot hold it
    glyph_places(note, missing) -> [(line, label, chars)]

The drawing is a platypus flowable; the guide, the handout and the timeline renderer (SVG, PNG)
all use it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..model import Note, plain_text
from .lanes import place_labels
from .layout import layout
from .shapes import Box, Label, Layout, Marker
from .style import Style

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

    from .text import FontSet

__all__ = [
    "Box",
    "Label",
    "Layout",
    "Marker",
    "Style",
    "fontset_for",
    "glyph_places",
    "has_timeline",
    "layout",
    "place_labels",
    "timeline_drawing",
    "timeline_figure",
    "timeline_layout",
    "timeline_pages",
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
                     settings: dict[str, Any] | None = None,
                     missing: list[str] | None = None) -> Drawing:
    """The note's timeline as a Drawing exactly ``width`` x (``height`` or an automatic height)
    points, usable as a platypus flowable.

    ``settings`` is the merged dict of ``layouts/timeline.toml`` (``Layouts(...).settings(
    "timeline")``); None means the packaged defaults. A box too small for the figure shrinks its
    content to fit rather than overflow. Characters no font could draw (printed as ``?``) are
    added to ``missing`` when it is given; ``glyph_places`` says where they come from.
    """
    return timeline_figure(note, width, height, settings=settings, missing=missing)[0]


def timeline_figure(note: Note, width: float, height: float | None = None, *,
                    settings: dict[str, Any] | None = None,
                    missing: list[str] | None = None) -> tuple[Drawing, Layout]:
    """``timeline_drawing`` and the layout it draws: when ``layout.numbered``, its
    ``numbers`` map each event's index in ``note.events`` to the number on its mark, so a
    list of the events can print the same numbers."""
    from .draw import draw

    style = Style.from_settings(settings)
    fs = fontset_for(style)
    lay = layout(note.events, note.people, width, height, style, fs)
    drawing = draw(lay, style, fs, height)
    if missing is not None:
        missing.extend(ch for ch in fs.missing if ch not in missing)
    return drawing, lay


def timeline_pages(note: Note, width: float, page_height: float, *,
                   first_height: float | None = None,
                   settings: dict[str, Any] | None = None,
                   missing: list[str] | None = None,
                   fontset: FontSet | None = None) -> list[tuple[Drawing, Layout]]:
    """The note's timeline as one drawing per page, none taller than ``page_height`` (the first
    none taller than ``first_height``, when given: the room under what opens its page): the
    whole figure when it fits, else stretches of time, each with its own axis, people, key and
    a "continued" line (``pages``). Text keeps its size: a page takes fewer events instead.
    Numbered marks run on from page to page, so ``numbers`` of all pages together give each
    event one number. ``fontset`` (``fontset_for(style)`` when None) may be one an earlier
    call for the same note was given: what that call measured is measured once."""
    from .draw import draw
    from .pages import paged_layouts

    style = Style.from_settings(settings)
    fs = fontset if fontset is not None else fontset_for(style)
    lays = paged_layouts(note.events, note.people, width, page_height, style, fs,
                         first_height=first_height)
    out = [(draw(lay, style, fs), lay) for lay in lays]
    if missing is not None:
        missing.extend(ch for ch in fs.missing if ch not in missing)
    return out


WORDING = "the timeline's own wording"


def glyph_places(note: Note, missing: list[str]) -> list[tuple[int, str, list[str]]]:
    """Where the figure's undrawable characters come from: ``(line, label, chars)`` for each
    event (its date, text and era heading), each person (name, on their line) holding some,
    and ``(0, WORDING, rest)`` for any the note's text does not hold (a legend wording)."""
    wanted = set(missing)
    out: list[tuple[int, str, list[str]]] = []
    found: set[str] = set()

    def place(line: int, label: str, *texts: str | None) -> None:
        joined = "".join(t for t in texts if t)
        chars = [ch for ch in dict.fromkeys(joined) if ch in wanted]
        if chars:
            out.append((line, label, chars))
            found.update(chars)

    for event in note.events:
        place(event.line, "", event.date.display if event.date else None,
              plain_text(event.text), event.group)
    for person in note.people:
        span = person.span.display if person.span else None
        place(person.line, person.name, person.name, span)
    rest = [ch for ch in missing if ch not in found]
    if rest:
        out.append((0, WORDING, rest))
    return out
