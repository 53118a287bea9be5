"""Text measuring and shortening for the figure, with per-character font fallback.

ReportLab's ``String`` draws one font; a label mixing scripts is drawn as consecutive runs, each
in the first font of the chain that has all its characters. Characters no font has become ``?``
(and are reported), so nothing is dropped silently and nothing raises.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import bidi, fonts, textline
from ..textwidth import whole_advances
from .byidentity import ByIdentity

ELLIPSIS = "…"


@dataclass
class FontSet:
    """The fonts a figure draws with: a family and optional user fallback fonts.

    Each text is split into runs, measured and fitted once per font set (one figure): a dense
    figure asks again for every candidate axis and every page it tries."""

    family: fonts.Family
    fallbacks: tuple[str, ...] = ()
    missing: list[str] = field(default_factory=list)  # characters no font could draw
    _widths: dict[tuple[str, float, bool], float] = field(
        default_factory=dict, repr=False, compare=False)
    _runs: dict[tuple[str, bool], list[tuple[str, str]]] = field(
        default_factory=dict, repr=False, compare=False)
    _fits: dict[tuple[str, float, float, bool], str] = field(
        default_factory=dict, repr=False, compare=False)
    _measures: dict[tuple[str, bool], object] = field(default_factory=dict, repr=False,
                                                      compare=False)
    _units: dict[tuple[str, bool], float] = field(default_factory=dict, repr=False,
                                                  compare=False)
    _chains: dict[bool, tuple[str, ...]] = field(default_factory=dict, repr=False,
                                                 compare=False)
    # what the figure's modules measure with these fonts, by their own keys (labels' widths)
    memo: dict[tuple, object] = field(default_factory=dict, repr=False, compare=False)
    # what every layout of one note's figure shares, known by the note's events and style
    by_note: ByIdentity[object] = field(default_factory=lambda: ByIdentity(8), repr=False,
                                        compare=False)

    def runs(self, text: str, bold: bool = False) -> list[tuple[str, str]]:
        """(run, font name) pieces; undrawable characters are replaced by '?'."""
        found = self._runs.get((text, bold))
        if found is None:  # the characters it lacks are in ``missing`` since the first time
            found = self._split(text, bold)
            if len(self._runs) < MAX_MEMO:
                self._runs[text, bold] = found
        return list(found)

    def _chain(self, bold: bool) -> tuple[str, ...]:
        chain = self._chains.get(bold)
        if chain is None:
            chain = self._chains[bold] = fonts.fallback_chain(self.family, bold, False,
                                                              self.fallbacks)
        return chain

    def _split(self, text: str, bold: bool) -> list[tuple[str, str]]:
        chain = self._chain(bold)
        out: list[tuple[str, str]] = []
        for run, font in _runs(text, chain):
            if font is None:
                for ch in run:
                    if ch not in self.missing:
                        self.missing.append(ch)
                run, font = "?" * len(run), chain[0]
            if out and out[-1][1] == font:
                out[-1] = (out[-1][0] + run, font)
            else:
                out.append((run, font))
        return out

    def visual(self, text: str, bold: bool = False) -> list[textline.Run]:
        """The runs of ``text`` as they are drawn, left to right (right-to-left ones shaped)."""
        return textline.visual(self.runs(text, bold))

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """Width of ``text`` in points at ``size``."""
        key = (text, size, bold)
        found = self._widths.get(key)
        if found is not None:
            return found
        units = self._units.get((text, bold))
        if units is not None:  # ``_string_width`` of a text in one TrueType font
            found = 0.001 * size * units
            if len(self._widths) < MAX_MEMO:
                self._widths[key] = found
            return found
        how = self._measures.get((text, bold))
        if how is None:  # how this text is measured, whatever the size: decided once
            how = self._measure(text, bold)
            if len(self._measures) < MAX_MEMO:
                self._measures[text, bold] = how
        if how is _RTL:
            found = sum(textline.width(run, font, size) for run, font, _ in self.visual(text, bold))
        elif isinstance(how, str):  # the one run ``runs`` would give
            units = _advances(text, how)
            if units is None:
                found = _string_width(text, how, size)
            else:  # ``_string_width``'s own sum, kept: the same at every size
                if len(self._units) < MAX_MEMO:
                    self._units[text, bold] = units
                found = 0.001 * size * units
        else:
            found = sum(_string_width(run, font, size) for run, font in how)
        if len(self._widths) < MAX_MEMO:
            self._widths[key] = found
        return found

    def _measure(self, text: str, bold: bool) -> object:
        """``_RTL`` (laid out in visual order), the one font a text's characters are all in,
        or the text's runs."""
        if bidi.has_rtl(text):
            return _RTL
        if text and fonts.charmap(first := self._chain(bold)[0]).issuperset(map(ord, text)):
            return first
        return tuple(self.runs(text, bold))

    def fit(self, text: str, max_width: float, size: float, bold: bool = False) -> str:
        """``fit`` measured in these fonts."""
        key = (text, max_width, size, bold)
        found = self._fits.get(key)
        if found is None:
            whole = clean(text)
            # ``fit``'s first try, the whole text: its cuts' running sums only when it is cut
            if self.width(whole, size, bold) <= max_width:
                found = whole
            else:
                found = fit(whole, max_width, self._cuts_measure(whole, bold), size, bold)
            if len(self._fits) < MAX_MEMO:
                self._fits[key] = found
        return found

    def _cuts_measure(self, text: str, bold: bool) -> Callable[[str, float, bool], float]:
        """``width`` for ``fit``'s tries at ``text``: each a start of it and an ellipsis. When
        the text and the ellipsis are all in one TrueType font of whole advances, a try's width
        is ReportLab's ``0.001 * size * advances``, the advances summed from the text's own
        running sums (exact, being whole numbers) instead of measured afresh."""
        how = self._measures.get((text, bold))
        if how is None:
            how = self._measure(text, bold)
        sums = _running_sums(text, how, ELLIPSIS) if isinstance(how, str) else None
        if sums is None:
            return self.width
        starts, tail = sums
        width, n = self.width, len(text)

        def measure(candidate: str, size: float, bold: bool) -> float:
            k = len(candidate) - 1
            if 0 <= k < n and candidate[-1] == ELLIPSIS and text.startswith(candidate[:k]):
                return 0.001 * size * (starts[k] + tail)
            return width(candidate, size, bold)

        return measure


MAX_MEMO = 200_000  # texts remembered per font set, at most


def _runs(text: str, chain: tuple[str, ...]) -> tuple[tuple[str, str | None], ...]:
    # The machine's fonts may be switched off (STUDYPRESS_SYSTEM_FONTS) between two builds of
    # one process: what they would draw is kept apart from what they would not.
    return _runs_kept(text, chain, fonts.system_fonts_enabled())


@functools.lru_cache(maxsize=4096)
def _runs_kept(text: str, chain: tuple[str, ...], system: bool
               ) -> tuple[tuple[str, str | None], ...]:
    return tuple(fonts.runs(text, chain))


_RTL = object()  # ``FontSet._measure``: a text laid out in visual order


@functools.lru_cache(maxsize=4096)
def _running_sums(text: str, font: str, tail: str) -> tuple[list[int], int] | None:
    """The advances of each start of ``text`` in ``font`` (``[0, a0, a0 + a1, ...]``) and the
    advance of ``tail``; None unless the font is TrueType, its advances are whole numbers and it
    has ``tail``."""
    from reportlab.pdfbase.pdfmetrics import getFont
    from reportlab.pdfbase.ttfonts import TTFont

    found = getFont(font)
    if not isinstance(found, TTFont) or not fonts.charmap(font).issuperset(map(ord, tail)):
        return None
    face = found.face
    if not whole_advances(face):
        return None
    get, default = face.charWidths.get, face.defaultWidth
    advances = map(get, map(ord, text), itertools.repeat(default))
    return (list(itertools.accumulate(advances, initial=0)),
            sum(map(get, map(ord, tail), itertools.repeat(default))))


def _string_width(text: str, font: str, size: float) -> float:
    """ReportLab's width of ``text`` in ``font`` at ``size``, to the last bit."""
    units = _advances(text, font)
    if units is None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return stringWidth(text, font, size)
    return 0.001 * size * units


@functools.lru_cache(maxsize=65536)
def _advances(text: str, font: str) -> float | None:
    """The sum of the text's advances in a TrueType font, in 1/1000 em; None for another
    kind of font. ReportLab's width of a TrueType text at any size is ``0.001 * size`` times
    this sum (``textwidth``), so a text measured at one size is measured at every size."""
    from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
    from reportlab.pdfbase.ttfonts import TTFont

    if not isinstance(getFont(font), TTFont):
        return None
    return stringWidth(text, font, 1000)  # 0.001 * 1000 is exactly 1: the sum itself


@functools.cache
def default_fontset(kind: str = "sans") -> FontSet:
    """A shared font set without fallbacks (for measuring in tests and benchmarks)."""
    return FontSet(fonts.family(kind))


_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@functools.lru_cache(maxsize=65536)
def clean(text: str) -> str:
    """One line of text: whitespace runs (newlines too) become single spaces; control
    characters, which XML (the SVG) cannot carry, are dropped."""
    return _SPACE.sub(" ", _CONTROL.sub("", text)).strip()


@functools.lru_cache(maxsize=65536)
def shorten(text: str, max_chars: int) -> str:
    """``text`` cut to at most ``max_chars`` characters at a word boundary, with an ellipsis."""
    return _cut(clean(text), max_chars)


def _cut(text: str, max_chars: int) -> str:
    """``shorten`` of a text already clean."""
    if len(text) <= max_chars:
        return text
    if max_chars <= 1:
        return ELLIPSIS
    cut = text[: max_chars - 1]
    space = cut.rfind(" ")
    if space >= max(1, (max_chars - 1) // 3):  # a word boundary that keeps enough words
        cut = cut[:space]
    return cut.rstrip(" ,;:.–—-") + ELLIPSIS


def fit(text: str, max_width: float, measure, size: float, bold: bool = False) -> str:
    """The longest shortening of ``text`` whose width at ``size`` is at most ``max_width``.

    ``measure(text, size, bold)`` gives widths. Returns "" when not even an ellipsis fits.
    """
    text = clean(text)
    if measure(text, size, bold) <= max_width:
        return text
    lo, hi = 0, len(text)  # binary search on the character budget
    best = ""
    while lo <= hi:
        mid = (lo + hi) // 2
        candidate = _cut(text, mid) if mid > 0 else ""
        if candidate and measure(candidate, size, bold) <= max_width:
            best, lo = candidate, mid + 1
        else:
            hi = mid - 1
    return best
