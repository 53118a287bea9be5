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

from ...model import (
    Block,
    BulletList,
    Callout,
    Citation,
    Code,
    CodeBlock,
    Embed,
    Emphasis,
    FootnoteRef,
    Heading,
    Highlight,
    LineBreak,
    Link,
    Math,
    MathBlock,
    Paragraph,
    Quote,
    RichText,
    Strike,
    Strong,
    Table,
    Text,
    WikiLink,
)

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


def _plain(value: str, blank: Blanker | None) -> str:
    return blank(value) if blank else escape(value)


def inline(rich: RichText, blank: Blanker | None = None) -> str:
    """Field HTML for rich text. ``blank`` formats plain text runs (to hide a name)."""
    return "".join(_node(n, blank) for n in rich)


def _node(n: object, blank: Blanker | None) -> str:
    match n:
        case Text(value):
            return _plain(value, blank)
        case Strong(children):
            return f"<b>{inline(children, blank)}</b>"
        case Emphasis(children):
            return f"<i>{inline(children, blank)}</i>"
        case Strike(children):
            return f"<s>{inline(children, blank)}</s>"
        case Highlight(children):
            return f"<mark>{inline(children, blank)}</mark>"
        case Code(value):
            return f"<code>{escape(value)}</code>"
        case Math(value, display):
            # Anki's MathJax delimiters; the TeX itself is escaped like any text.
            return rf"\[{escape(value)}\]" if display else rf"\({escape(value)}\)"
        case Link(children, target):
            label = inline(children, blank) or escape(target)
            href = safe_href(target)
            if href is None:
                return label
            return f'<a href="{escape(href)}">{label}</a>'
        case WikiLink(_, children):
            return f'<span class="wikilink">{inline(children, blank)}</span>'
        case Citation(refs):
            return f'<sup class="cite">{escape("[" + ", ".join(refs) + "]")}</sup>'
        case FootnoteRef(label):
            return f'<sup class="fn">{escape(label)}</sup>'
        case LineBreak(hard):
            return "<br>" if hard else " "
    return ""


# An embed target → the media file name to show it under, or None to show it as text.
MediaRef = Callable[[str], str | None]


def blocks(items: Iterable[Block], media: MediaRef | None = None) -> str:
    """Field HTML for prose blocks (an FAQ answer, a list under an event). ``media`` names
    the media file of an embedded image; without one, embeds show as their file names."""
    return "".join(_block(b, media) for b in items)


def embed(target: str, media: MediaRef | None = None) -> str:
    """An embedded file in a field: an image as ``<img>`` of its media file (so Anki copies
    it), anything else (a PDF, audio, a missing file) as its name."""
    name = media(target) if media is not None else None
    if name is None:
        return f'<p class="embed">{escape(target)}</p>'
    return f'<div class="embed"><img src="{escape(name)}" alt="{escape(target)}"></div>'


def _block(b: Block, media: MediaRef | None) -> str:
    match b:
        case Paragraph(text, _):
            return f"<p>{inline(text)}</p>"
        case BulletList(items, ordered, _, start):
            tag = "ol" if ordered else "ul"
            attr = f' start="{int(start)}"' if ordered and start != 1 else ""
            body = "".join(f"<li>{inline(i.text)}{blocks(i.children, media)}</li>"
                           for i in items)
            return f"<{tag}{attr}>{body}</{tag}>"
        case Quote(inner, attribution, _):
            cite = f"<footer>— {inline(attribution)}</footer>" if attribution else ""
            return f"<blockquote>{blocks(inner, media)}{cite}</blockquote>"
        case Callout(kind, title, inner, _):
            head = f"<b>{inline(title)}</b>" if title else ""
            return (f'<div class="callout callout-{escape(kind.lower())}">{head}'
                    f"{blocks(inner, media)}</div>")
        case Table(header, rows, _, _):
            head = "".join(f"<th>{inline(c)}</th>" for c in header)
            body = "".join("<tr>" + "".join(f"<td>{inline(c)}</td>" for c in row) + "</tr>"
                           for row in rows)
            return f"<table><tr>{head}</tr>{body}</table>"
        case Heading(_, text, _):
            return f"<p><b>{inline(text)}</b></p>"
        case CodeBlock(value, _, _):
            return f"<pre><code>{escape(value)}</code></pre>"
        case MathBlock(value, _):
            return rf"<p>\[{escape(value)}\]</p>"
        case Embed(target, _):
            return embed(target, media)
    return ""


# ------------------------------------------------------------------------ blanking


_NAME_PARTICLES = frozenset({
    "the", "of", "de", "da", "del", "della", "di", "du", "la", "le", "van", "von", "der", "den",
    "al", "bin", "ibn", "ben", "y", "and"})
_ROMAN = re.compile(r"^[IVXLCDM]+$")


def name_variants(name: str, aliases: Iterable[str] = ()) -> list[str]:
    """The strings that give a person or a term away: the whole name, each alias, and the
    name's own words (given name, surname) except initials, particles and regnal numbers."""
    variants: list[str] = []

    def add(v: str) -> None:
        v = v.strip()
        if v and v not in variants:
            variants.append(v)

    add(name)
    bare = re.sub(r"\s*\([^()]*\)\s*$", "", name)  # "Narkomindel" in "… (Narkomindel)"
    add(bare)
    for inner in re.findall(r"\(([^()]*)\)", name):
        add(inner)
    for alias in aliases:
        add(alias)
    for word in re.split(r"\s+", bare):
        word = word.strip(",;")
        if (len(word) >= 3 and not word.endswith(".") and word.lower() not in _NAME_PARTICLES
                and not _ROMAN.match(word) and word[:1].isupper()):
            add(word)
    return variants


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
