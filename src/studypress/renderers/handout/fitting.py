"""Fitting text into a fixed space: the type sizes to try, and rich text cut after a sentence
or a word with an ellipsis when even the floor size is too large."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ...model import (
    Citation,
    Cloze,
    Code,
    Emphasis,
    FootnoteRef,
    Highlight,
    Image,
    LineBreak,
    Link,
    Math,
    RichText,
    Strike,
    Strong,
    Text,
    WikiLink,
    plain_text,
)

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9À-ÞΑ-ΩА-Я]|\s*$)")


_INITIALS = re.compile(r"(?:\b[A-Za-z]\.)+$")  # "U.S.", "D.C.", "Franklin D."


_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "col", "lt", "capt", "sgt", "rev", "prof",
    "vs", "c", "ca", "cf", "e.g", "i.e", "no", "approx"})


def sentence_cuts(value: str) -> list[int]:
    """Positions just after each sentence end in ``value``, ascending: a full stop, question
    or exclamation mark (and closing quotes) before a capital or the end, not after initials
    such as "U.S." or an abbreviation such as "Dr."."""
    cuts = []
    for m in _SENTENCE_END.finditer(value):
        before = value[:m.start() + 1]
        if before.endswith("."):
            word = before.rsplit(None, 1)[-1] if before.strip() else ""
            if _INITIALS.search(word) or word[:-1].lower() in _ABBREVIATIONS:
                continue
        cuts.append(m.end())
    return cuts


def word_cuts(value: str) -> list[int]:
    """Positions at the end of each word (before the following space), ascending."""
    return [m.end() for m in re.finditer(r"\S+", value)]


def cut_rich(rich: RichText, n: int) -> RichText:
    """The first ``n`` characters of rich text, as ``plain_text`` counts them, markup kept."""
    out, _ = _cut(rich, n)
    return out


def _cut(rich: RichText, n: int) -> tuple[RichText, int]:
    kept: list[Any] = []
    for node in rich:
        if n <= 0:
            break
        match node:
            case Text(value) | Code(value):
                piece = value[:n]
                kept.append(type(node)(piece))
                n -= len(piece)
            case Math(value, display):
                kept.append(Math(value[:n], display))
                n -= min(n, len(value))
            case LineBreak():
                kept.append(node)
                n -= 1
            case Citation() | FootnoteRef():
                kept.append(node)
            case Image(_, alt):  # whole or not at all, counted as its stand-in text
                kept.append(node)
                n -= len(alt)
            case Strong(children) | Emphasis(children) | Strike(children) | Highlight(children):
                inner, n = _cut(children, n)
                kept.append(type(node)(inner))
            case Link(children, target):
                inner, n = _cut(children, n)
                kept.append(Link(inner, target))
            case WikiLink(target, children):
                inner, n = _cut(children, n)
                kept.append(WikiLink(target, inner))
            case Cloze(number, children, hint):
                inner, n = _cut(children, n)
                kept.append(Cloze(number, inner, hint))
    return tuple(kept), n


def fit_text(rich: RichText, fits: Callable[[RichText], bool]) -> tuple[RichText, str]:
    """The longest version of ``rich`` that fits: whole, cut after a sentence (+ " …"), or cut
    after a word (+ "…"). Returns it and how it was cut: "", "sentence", "word" or "all"."""
    if fits(rich):
        return rich, ""
    value = plain_text(rich)
    for how, cuts, tail in (("sentence", sentence_cuts(value), " …"),
                            ("word", word_cuts(value), "…")):
        candidates = [c for c in cuts if c < len(value.rstrip())]
        best = largest(candidates, lambda c, t=tail: fits(cut_rich(rich, c) + (Text(t),)))
        if best is not None:
            return cut_rich(rich, best) + (Text(tail),), how
    return (), "all"


def largest(candidates: list[int], ok: Callable[[int], bool]) -> int | None:
    """The largest candidate for which ``ok`` holds, assuming it holds for a prefix of them."""
    lo, hi, best = 0, len(candidates) - 1, None
    while lo <= hi:
        mid = (lo + hi) // 2
        if ok(candidates[mid]):
            best, lo = candidates[mid], mid + 1
        else:
            hi = mid - 1
    return best


def sizes(start: float, floor: float, step: float) -> list[float]:
    """Type sizes to try, largest first, ending at the floor."""
    out, s = [], start
    while s > floor + 1e-9:
        out.append(round(s, 3))
        s -= step
    out.append(floor)
    return out
