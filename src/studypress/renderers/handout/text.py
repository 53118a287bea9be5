"""Note text as ReportLab paragraphs at one type size: every string goes through
``pdf.markup`` (escaping, glyph fallback), and what could not be printed is recorded where
it came from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle

from ... import fonts
from ...model import Note, Person, RichText
from ..pdf import markup as pdfmarkup
from ..pdf.glyphs import GlyphReport
from ..pdf.paragraph import Paragraph
from .cast import appearance_lines
from .fitting import largest, word_cuts
from .settings import Settings


class Styles:
    """Paragraph styles and markup styles at one type size."""

    def __init__(self, settings: Settings, size: float) -> None:
        self.serif = fonts.family("serif")
        self.sans = fonts.family("sans")
        s = settings
        self.size = size
        text, muted = s.color("text"), s.color("muted")

        def ps(name: str, fam: fonts.Family, bold: bool, italic: bool, sz: float,
               color: Any, lead: float = 1.22, **kw: Any) -> tuple[Any, pdfmarkup.MarkupStyle]:
            style = ParagraphStyle(name, fontName=fam.face(bold, italic), fontSize=sz,
                                   leading=sz * lead, textColor=color, splitLongWords=1, **kw)
            mstyle = pdfmarkup.MarkupStyle(fam, bold=bold, italic=italic,
                                           fallbacks=s.fallbacks, citations="drop",
                                           link_color=s.colors["accent"])
            return style, mstyle

        self.name = ps("name", self.serif, True, False, size * 1.25, text, 1.15)
        self.role = ps("role", self.sans, True, False, size * 0.92, s.color("accent"))
        self.back_role = ps("backrole", self.sans, True, False, size * 1.12, s.color("accent"),
                            1.18)
        self.also = ps("also", self.sans, False, False, size * 0.85, muted)
        self.body = ps("body", self.serif, False, False, size, text, 1.25)
        self.meta = ps("meta", self.sans, False, False, size * 0.82, muted)
        self.front_name = ps("front", self.serif, True, False, size, text, 1.12,
                             alignment=TA_CENTER)
        self.front_alias = ps("frontalias", self.serif, False, False, size * 0.72, muted, 1.15,
                              alignment=TA_CENTER)
        self.footer = ps("footer", self.sans, False, False, 6.5, muted, 1.2,
                         alignment=TA_CENTER)

    @classmethod
    def at(cls, settings: Settings, size: float) -> Styles:
        """``Styles(settings, size)``, made once per size and colours: fitting a text tries
        the same sizes for every person and card."""
        key = (size, settings.fallbacks, *(settings.colors[k] for k in _COLOURS))
        found = _MADE.get(key)
        if found is None:
            if len(_MADE) >= 256:
                _MADE.clear()
            found = _MADE[key] = cls(settings, size)
        return found


# The colours ``Styles`` takes from the settings; with the size and the fallback fonts, all
# that its styles are made of.
_COLOURS = ("text", "muted", "accent")
_MADE: dict[tuple[Any, ...], Styles] = {}


def para(value: str | RichText, pair: tuple[Any, pdfmarkup.MarkupStyle],
          missing: pdfmarkup.Missing) -> Any:
    """A paragraph of a plain string or rich text in one (paragraph style, markup style) pair."""
    return Paragraph(markup_of(value, pair, missing), pair[0])


def markup_of(value: str | RichText, pair: tuple[Any, pdfmarkup.MarkupStyle],
              missing: pdfmarkup.Missing) -> str:
    """The paragraph markup ``para`` makes of ``value``: the same at every type size."""
    if isinstance(value, str):
        return pdfmarkup.plain(value, pair[1], missing)
    return pdfmarkup.markup(value, pair[1], missing)


TITLE = "the note's title"


WORDING = "the wording in layouts/handout.toml"


@dataclass
class Warnings:
    """Missing glyphs by where they come from, and per-person cuts, reported once each."""

    glyphs: GlyphReport = field(default_factory=GlyphReport)
    cuts: dict[int, str] = field(default_factory=dict)  # the back's text had to be cut
    names: dict[int, str] = field(default_factory=dict)  # the front's name overflows

    def person(self, person: Person) -> pdfmarkup.Missing:
        """The collector for a person's own text (name, role, description), at their line."""
        return self.glyphs.at(person.line, person.name)

    def title(self) -> pdfmarkup.Missing:
        """The collector for the note's title."""
        return self.glyphs.at(None, TITLE)

    def wording(self) -> pdfmarkup.Missing:
        """The collector for the layout's own wording."""
        return self.glyphs.at(None, WORDING)


def pieces_para(pieces: list[tuple[str, pdfmarkup.Missing | None]],
                pair: tuple[Any, pdfmarkup.MarkupStyle]) -> Any:
    """A paragraph of plain strings, each one's missing characters kept where it came from
    (``None``: a separator of our own, escaped as it is)."""
    return Paragraph(pieces_markup(pieces, pair), pair[0])


def pieces_markup(pieces: list[tuple[str, pdfmarkup.Missing | None]],
                  pair: tuple[Any, pdfmarkup.MarkupStyle]) -> str:
    """The paragraph markup ``pieces_para`` makes."""
    mstyle = pair[1]
    return "".join(pdfmarkup.escape(text) if missing is None else
                   pdfmarkup.plain(text, mstyle, missing) for text, missing in pieces)


def also_para(person: Person, names: list[str], s: Settings,
              pair: tuple[Any, pdfmarkup.MarkupStyle], warn: Warnings) -> Any:
    """"Also: …", the person's other names."""
    return Paragraph(also_markup(person, names, s, pair, warn), pair[0])


def also_markup(person: Person, names: list[str], s: Settings,
                pair: tuple[Any, pdfmarkup.MarkupStyle], warn: Warnings) -> str:
    """The paragraph markup ``also_para`` makes."""
    return pieces_markup([(f"{s.text['also']}: ", warn.wording()),
                          (", ".join(names), warn.person(person))], pair)


def appears_para(person: Person, note: Note, s: Settings,
                 pair: tuple[Any, pdfmarkup.MarkupStyle], warn: Warnings) -> Any | None:
    """"Appears in: …", each date kept whole on one line ("November 16, 1933"), each one's
    characters traced to its event's line; None when the person appears nowhere."""
    text = appears_markup(person, note, s, pair, warn)
    return None if text is None else Paragraph(text, pair[0])


def appears_markup(person: Person, note: Note, s: Settings,
                   pair: tuple[Any, pdfmarkup.MarkupStyle], warn: Warnings) -> str | None:
    """The paragraph markup ``appears_para`` makes; None when the person appears nowhere."""
    seen = appearance_lines(person, note, s.text["undated"])
    if not seen:
        return None
    pieces: list[tuple[str, pdfmarkup.Missing | None]] = [
        (f"{s.text['appears']}: ", warn.wording())]
    for n, (label, line) in enumerate(seen):
        if n:
            pieces.append((" · ", None))
        pieces.append((label.replace(" ", "\u00a0"), warn.glyphs.at(line)))
    return pieces_markup(pieces, pair)


class Marked:
    """What fitting tries at several type sizes and is the same at each: a text's markup (its
    escaping, fonts and missing glyphs), worked out once under a key that names the text and
    its markup style; only the paragraph is made again at each size."""

    def __init__(self) -> None:
        self._made: dict[tuple[Any, ...], Any] = {}

    def once(self, key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
        """What ``make`` gives, made the first time ``key`` is asked for."""
        if key in self._made:
            return self._made[key]
        found = self._made[key] = make()
        return found

    def para(self, key: tuple[Any, ...], style: Any, make: Callable[[], str | None]
             ) -> Any | None:
        """A paragraph in ``style`` of the markup ``make`` gives (once); None when it is None."""
        text = self.once(key, make)
        return None if text is None else Paragraph(text, style)


def one_line(value: str, pair: tuple[Any, pdfmarkup.MarkupStyle], width: float,
             missing: pdfmarkup.Missing) -> Any:
    """A paragraph of ``value`` cut with "…" to fit one line."""
    whole = para(value, pair, missing)
    leading = pair[0].leading
    if height_of(whole, width) <= leading * 1.01:
        return whole
    cuts = word_cuts(value)
    best = largest(cuts, lambda n: height_of(para(value[:n] + "…", pair, missing), width)
                    <= leading * 1.01)
    return para((value[:best] if best else "") + "…", pair, missing)


class OneLines:
    """``one_line`` for the lines every card of a document repeats (the note's title at each
    card's foot, a card's kind at its head): each fitted and parsed once, then drawn on
    every card."""

    def __init__(self) -> None:
        self._made: dict[tuple[str, int, float], tuple[Any, Any]] = {}

    def line(self, value: str, pair: tuple[Any, pdfmarkup.MarkupStyle], width: float,
             missing: pdfmarkup.Missing) -> Any:
        """``one_line(value, pair, width, missing)``, the same paragraph each time."""
        key = (value, id(pair[0]), width)
        found = self._made.get(key)
        if found is None or found[0] is not pair[0]:
            found = self._made[key] = (pair[0], one_line(value, pair, width, missing))
        return found[1]


def height_of(f: Any, w: float) -> float:
    """A flowable's height when wrapped to ``w`` points."""
    return f.wrap(w, 1e6)[1]
