"""Characters no font could draw, gathered by where they come from and reported once per output.

A renderer prints some strings many times (a note's title on every card, a heading in the
contents and in the text), and one string can hold several such characters. Each character is
reported once, at the first place in the note it comes from (the title, which has no line,
comes first; then by line), with the other lines that hold it named in the same warning; a
place whose characters were all reported already earns no warning of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ... import fonts
from ...model import Diagnostic, Severity
from .markup import Missing

if TYPE_CHECKING:
    from ..base import RenderContext


@dataclass(frozen=True, order=True)
class Place:
    """Where printed text comes from: a source line (0: none, as for the title) and, when the
    line alone does not say it, whose text it is (``the title``, a person's name)."""

    line: int
    label: str = ""


@dataclass
class GlyphReport:
    """Missing characters by place; ``at`` gives the collector to hand to ``pdfmarkup``."""

    found: dict[Place, Missing] = field(default_factory=dict)

    def at(self, line: int | None, label: str = "") -> Missing:
        """The collector for text from ``line`` (None or 0: no line) said by ``label``."""
        return self.found.setdefault(Place(line or 0, label), Missing())

    def add(self, chars: Iterable[str], line: int | None, label: str = "") -> None:
        """Record characters found missing some other way (a figure's own font check)."""
        bucket = self.at(line, label)
        for ch in chars:
            bucket.add(ch)

    def merge(self, other: GlyphReport) -> None:
        for place, missing in other.found.items():
            self.add(missing.chars, place.line, place.label)

    def grouped(self) -> list[tuple[Place, list[str], list[int]]]:
        """Per place that is the first to hold some character: those characters, in the
        order met, and the other lines that hold any of them."""
        owner: dict[str, Place] = {}
        lines: dict[str, set[int]] = {}
        for place in sorted(self.found):
            for ch in self.found[place].chars:
                owner.setdefault(ch, place)
                if place.line:
                    lines.setdefault(ch, set()).add(place.line)
        out = []
        for place in sorted(self.found):
            mine = [ch for ch in self.found[place].chars if owner[ch] == place]
            if not mine:
                continue
            also = sorted(set().union(*(lines.get(ch, set()) for ch in mine)) - {place.line})
            out.append((place, mine, also))
        return out

    def diagnostics(self, source: str, code: str, message: Callable[[str, list[str]], str],
                    prefix: str = "", severity: Severity = Severity.WARNING
                    ) -> list[Diagnostic]:
        """One diagnostic per place that is the first to hold a missing character, led by
        ``prefix`` (the output's name) and the place's label. ``message(what, chars)`` wraps
        ``what`` (the characters named, and the other lines holding them) in a sentence that
        says how to fix it."""
        out = []
        for place, chars, also in self.grouped():
            what = describe(chars)
            if also:
                what += f" (also on line{'s' if len(also) > 1 else ''} " \
                        f"{', '.join(map(str, also))})"
            text = ": ".join(p for p in (prefix, place.label, message(what, chars)) if p)
            out.append(Diagnostic(severity, code, text, source, place.line or None))
        return out


def describe(chars: list[str]) -> str:
    """``'明' (U+660E), '治' (U+6CBB)``: the first eight characters, then how many more."""
    shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in chars[:8])
    more = f" and {len(chars) - 8} more" if len(chars) > 8 else ""
    return shown + more


def fallback_fonts(paths: tuple[str, ...], ctx: RenderContext, source: str, where: str
                   ) -> tuple[tuple[Path, ...], tuple[str, ...], list[Diagnostic]]:
    """Configured fallback fonts, registered (relative paths from the project folder); a
    warning for each that cannot be used. Shared by the guide and the handout."""
    base = ctx.layouts.project.parent if ctx.layouts.project else Path.cwd()
    used, names, problems = fonts.load_fallbacks(list(paths), base, where)
    return used, names, [Diagnostic(Severity.WARNING, "fallback-font", problem + "; characters "
                                    "the built-in fonts lack print as '?'", source)
                         for problem in problems]
