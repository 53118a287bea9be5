"""Rich text → the HTML of an Anki field, escaped at the edge.

Anki shows field content as HTML and scans it for its own markers: ``[sound:…]`` becomes a
player, ``[latex]``/``[$]`` become LaTeX images, and a note type switched to Cloze would read
``{{c1::…}}``. So every character of note text that HTML or Anki could act on is written as an
entity: ``& < > " '`` as usual, ``[`` and ``]`` always, and ``{``/``}`` always, so no ``{{`` ever
reaches a field. MathJax reads the decoded text, so TeX inside ``\\(…\\)`` keeps its braces.
Links keep http(s) and relative targets only; anything else (``javascript:``, ``data:``) is
shown as its label without a link. An embedded image becomes an ``<img>`` of its media file,
whose name the deck makes from the image's content (see media.py), never from the note.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ...model import Block, ListItem, RichText
from ...study import numbered
from ..richtext import Formatter
from .media import image_extension

_ENTITIES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "'": "&#39;",
    "[": "&#91;",
    "]": "&#93;",
    "{": "&#123;",
    "}": "&#125;",
}
_SPECIAL = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")
# Characters browsers drop or fold inside a URL scheme ("java\tscript:"), and C0/C1 controls.
_URL_JUNK = re.compile(r"[\x00-\x20\x7f-\x9f]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# Control characters other than tab and newline have no business in a field.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

BLANK = '<span class="blank">&#91;…&#93;</span>'


def escape(value: str) -> str:
    """Escape text for a field: HTML specials and Anki's own markers become entities."""
    value = _CONTROL.sub("", value)
    return _SPECIAL.sub(lambda m: _ENTITIES[m.group()], value)


def safe_href(target: str) -> str | None:
    """The link target when it is http(s) or relative, else None (the link is dropped)."""
    cleaned = _URL_JUNK.sub("", target)
    if not cleaned:
        return None
    match = _SCHEME.match(cleaned)
    if match is None:
        # Relative ("../x", "#a", "page.html") or protocol-relative ("//host/x").
        # A colon before any slash would make a browser read a scheme; none is left here.
        return cleaned if not cleaned.startswith("\\") else None
    return cleaned if match.group(1).lower() in ("http", "https") else None


Blanker = Callable[[str], str]


# An embed target → the media file name to show it under, or None to show it as text.
MediaRef = Callable[[str], str | None]


@dataclass(frozen=True, eq=False)
class FieldHtml(Formatter):
    """The rich-text walk as field HTML. ``blank`` formats plain text runs (to hide a name);
    ``media`` names the media file of an embedded image."""

    blank: Blanker | None = None
    media: MediaRef | None = None

    def text(self, value: str) -> str:
        return self.blank(value) if self.blank else escape(value)

    def strong(self, children: RichText) -> str:
        return f"<b>{self.inline(children)}</b>"

    def emphasis(self, children: RichText) -> str:
        return f"<i>{self.inline(children)}</i>"

    def strike(self, children: RichText) -> str:
        return f"<s>{self.inline(children)}</s>"

    def highlight(self, children: RichText) -> str:
        return f"<mark>{self.inline(children)}</mark>"

    def cloze(self, number: int, children: RichText, hint: str) -> str:
        # Outside a cloze note the mark shows as typed, its braces escaped: no card acts on it.
        return (self.text(f"{{{{c{number}::") + self.inline(children)
                + self.text(f"::{hint}}}}}" if hint else "}}"))

    def code(self, value: str) -> str:
        return f"<code>{escape(value)}</code>"

    def math(self, value: str, display: bool) -> str:
        # Anki's MathJax delimiters; the TeX itself is escaped like any text.
        return rf"\[{escape(value)}\]" if display else rf"\({escape(value)}\)"

    def link(self, children: RichText, target: str) -> str:
        label = self.inline(children) or escape(target)
        href = safe_href(target)
        if href is None:
            return label
        return f'<a href="{escape(href)}">{label}</a>'

    def wikilink(self, target: str, children: RichText) -> str:
        return f'<span class="wikilink">{self.inline(children)}</span>'

    def citation(self, refs: tuple[str, ...]) -> str:
        return f'<sup class="cite">{escape("[" + ", ".join(refs) + "]")}</sup>'

    def footnote_ref(self, label: str) -> str:
        return f'<sup class="fn">{escape(label)}</sup>'

    def line_break(self, hard: bool) -> str:
        return "<br>" if hard else " "

    # Blocks always show their text as it is: blanking applies to a clue's own run.
    def paragraph(self, text: RichText) -> str:
        return f"<p>{self.inline(text)}</p>"

    def bullet_list(self, items: tuple[ListItem, ...], ordered: bool, start: int) -> str:
        tag = "ol" if ordered else "ul"
        attr = f' start="{int(start)}"' if ordered and start != 1 else ""
        body = "".join(f"<li>{self.inline(i.text)}{self.blocks(i.children)}</li>"
                       for i in items)
        return f"<{tag}{attr}>{body}</{tag}>"

    def quote(self, inner: tuple[Block, ...], attribution: RichText) -> str:
        cite = f"<footer>— {self.inline(attribution)}</footer>" if attribution else ""
        return f"<blockquote>{self.blocks(inner)}{cite}</blockquote>"

    def callout(self, kind: str, title: RichText, inner: tuple[Block, ...]) -> str:
        head = f"<b>{self.inline(title)}</b>" if title else ""
        return (f'<div class="callout callout-{escape(kind.lower())}">{head}'
                f"{self.blocks(inner)}</div>")

    def table(self, header: tuple[RichText, ...],
              rows: tuple[tuple[RichText, ...], ...]) -> str:
        head = "".join(f"<th>{self.inline(c)}</th>" for c in header)
        body = "".join("<tr>" + "".join(f"<td>{self.inline(c)}</td>" for c in row) + "</tr>"
                       for row in rows)
        return f"<table><tr>{head}</tr>{body}</table>"

    def heading(self, level: int, text: RichText) -> str:
        return f"<p><b>{self.inline(text)}</b></p>"

    def code_block(self, value: str, language: str) -> str:
        return f"<pre><code>{escape(value)}</code></pre>"

    def math_block(self, value: str) -> str:
        return rf"<p>\[{escape(value)}\]</p>"

    def embed(self, target: str, alt: str) -> str:
        return embed(target, self.media)

    def image(self, target: str, alt: str) -> str:
        # In a line of text the picture keeps its place; without its file, its stand-in.
        name = self.media(target) if self.media is not None else None
        if name is None:
            return self.text(alt)
        return f'<img class="inline" src="{escape(name)}" alt="{escape(alt)}">'


def inline(rich: RichText, blank: Blanker | None = None, media: MediaRef | None = None) -> str:
    """Field HTML for rich text. ``blank`` formats plain text runs (to hide a name); ``media``
    names the media file of an image inside the text (without one, it shows its alt text)."""
    return FieldHtml(blank, media).inline(rich)


def blocks(items: Iterable[Block], media: MediaRef | None = None) -> str:
    """Field HTML for prose blocks (an FAQ answer, a list under an event). ``media`` names
    the media file of an embedded image; without one, embeds show as their file names."""
    return FieldHtml(media=media).blocks(items)


def embed(target: str, media: MediaRef | None = None) -> str:
    """An embedded file in a field: an image as ``<img>`` of its media file (so Anki copies
    it), anything else (a PDF, audio, a missing file) as its name (a missing image's
    name marked so the card's CSS hides it)."""
    name = media(target) if media is not None else None
    if name is None and media is not None and image_extension(target) is not None:
        # The build warns about a missing image; the card's CSS hides its name.
        return f'<p class="embed missing">{escape(target)}</p>'
    if name is None:
        return f'<p class="embed">{escape(target)}</p>'
    return f'<div class="embed"><img src="{escape(name)}" alt="{escape(target)}"></div>'


# --------------------------------------------------------------------------- cloze


@dataclass(frozen=True, eq=False)
class ClozeHtml(FieldHtml):
    """Field HTML for a cloze note's text (``study.numbered``): each ``Cloze`` becomes Anki's
    cloze mark, its inside escaped like any text (a ``:`` too, so a ``::`` in the note
    cannot start a hint); a mark typed inside another shows as typed."""

    inside: bool = False

    def text(self, value: str) -> str:
        return escape(value).replace(":", "&#58;") if self.inside else escape(value)

    def cloze(self, number: int, children: RichText, hint: str) -> str:
        if self.inside:
            return super().cloze(number, children, hint)
        inner = ClozeHtml(self.blank, self.media, True)
        shown = f"::{inner.text(hint)}" if hint else ""
        return f"{{{{c{number}::{inner.inline(children)}{shown}}}}}"


def cloze(rich: RichText, highlights: bool, media: MediaRef | None = None) -> str:
    """Field HTML for a cloze text (see ``ClozeHtml``); with ``highlights`` each highlight is
    a cloze too, numbered as ``study.numbered`` numbers it."""
    return ClozeHtml(None, media).inline(numbered(rich, highlights))


# ------------------------------------------------------------------------ blanking


def blanker(variants: Iterable[str]) -> Blanker:
    """A text formatter that escapes text and hides every whole-word occurrence of the
    variants (longest first, so "Franklin D. Roosevelt" goes as one blank)."""
    words = sorted({v for v in variants if v}, key=lambda v: (-len(v), v))
    if not words:
        return escape
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")

    def run(value: str) -> str:
        out: list[str] = []
        last = 0
        for m in pattern.finditer(value):
            out.append(escape(value[last:m.start()]))
            out.append(BLANK)
            last = m.end()
        out.append(escape(value[last:]))
        return "".join(out)

    return run
