"""The block tree by shape, whatever marked it: headings written as bold-only lines, as short
plain lines standing alone (``Section 3: Essay Format Questions``) or as outline parents
(``- Timeline`` over its dated bullets), and ``Property: value`` lines under a title.

Heading words are the evidence here: a line becomes a heading only when it names a kind of
section (see ``sections.classify``) or is the note's opening title line, so ordinary bold
group lines (``**1917**``) and prose stay what they were.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import (
    Block,
    BulletList,
    Heading,
    ListItem,
    Paragraph,
    RichText,
    Strong,
    Text,
    plain_text,
)
from . import inline
from .sections import Kind, classify

_MAX_TITLE = 70
_MAX_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?;,:]$")
_PROPERTY_LINE = re.compile(r"^(?P<key>[A-Z][\w]*(?: [\w]+){0,2}):\s+(?P<value>\S.*)$")
_KNOWN_PROPERTIES = {"tags", "created", "status", "type", "date", "author", "course",
                     "subject", "source", "class", "url", "aliases", "last edited time"}


@dataclass
class Shaped:
    """A body's blocks after shaping, and the ``Key: value`` lines found."""

    blocks: list[Block]
    properties: list[tuple[int, str, str]] = field(default_factory=list)


def section_break(line: int) -> Heading:
    """A heading of level 0 and no words: the end of the section above, starting untitled
    content (an outline's sibling of a section, which belongs to none)."""
    return Heading(0, (), line)


def _heading_words(text: RichText) -> str | None:
    """The words of a line that could stand as a heading: short, one line, no sentence end."""
    if any(isinstance(n, Text) and "\n" in n.value for n in text):
        return None
    words = plain_text(text).strip()
    if not words or len(words) > _MAX_TITLE or len(words.split()) > _MAX_WORDS:
        return None
    if len(inline.split_lines(text)) > 1 or _SENTENCE_END.search(words):
        return None
    return words


def _bold_only(text: RichText) -> RichText | None:
    items = [n for n in text if not (isinstance(n, Text) and not n.value.strip())]
    if len(items) == 1 and isinstance(items[0], Strong):
        return items[0].children
    return None


def section_title(block: Block) -> Heading | None:
    """A bold-only or plain one-line paragraph that names a kind of section, as a heading."""
    if not isinstance(block, Paragraph):
        return None
    inner = _bold_only(block.text)
    text = inner if inner is not None else block.text
    if inner is None and any(not isinstance(n, Text) for n in text):
        return None
    words = _heading_words(text)
    if words is None and inner is not None:
        words = _heading_words(inline.strip(inline_rstrip_colon(text)))
    if words is None or classify(words) in (Kind.PROSE, Kind.FAQ_ENTRY):
        return None
    if inner is None and not _title_like(words):
        return None  # "See the timeline below" is a sentence, not a title
    return Heading(2, inline.strip(inline_rstrip_colon(text)), block.line)


_SMALL_WORDS = {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to",
                "vs", "with"}


def _title_like(words: str) -> bool:
    """Title case (``Essay Format Questions``), or two words at most (``Key dates``)."""
    parts = [w for w in re.findall(r"[^\W\d_][\w'’-]*", words)]
    if len(parts) <= 2:
        return True
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in parts)


def inline_rstrip_colon(text: RichText) -> RichText:
    """``**Timeline:**`` → ``Timeline``."""
    if text and isinstance(text[-1], Text):
        value = text[-1].value.rstrip().rstrip(":")
        return text[:-1] + ((Text(value),) if value else ())
    return text


def _outline(block: BulletList, level: int) -> list[Block]:
    """``- Timeline`` holding a list of its own is a heading over that list."""
    out: list[Block] = []
    pending: list[ListItem] = []

    def flush() -> None:
        if pending:
            out.append(BulletList(tuple(pending), block.ordered, pending[0].line, block.start))
            pending.clear()

    in_section = False
    for item in block.items:
        words = _heading_words(item.text) if item.text else None
        has_list = any(isinstance(c, BulletList) for c in item.children)
        if words and has_list and classify(words) not in (Kind.PROSE, Kind.FAQ_ENTRY):
            flush()
            out.append(Heading(level, item.text, item.line))
            in_section = True
            for child in item.children:
                out.extend(_outline(child, level + 1) if isinstance(child, BulletList)
                           else [child])
        else:
            if in_section and not pending:
                # A sibling of an outline section is not inside it: end the section.
                out.append(section_break(item.line))
            in_section = False
            pending.append(item)
    flush()
    return out


def _properties(block: Block) -> list[tuple[int, str, str]] | None:
    """``Created: March 3, 2024`` / ``Tags: a, b`` lines right under a title (Notion)."""
    if not isinstance(block, Paragraph):
        return None
    found = []
    for offset, line in enumerate(inline.split_lines(block.text)):
        m = _PROPERTY_LINE.match(plain_text(line).strip())
        if m is None:
            return None
        found.append((block.line + offset, m.group("key").lower(), m.group("value").strip()))
    if len(found) < 2 and not (found and found[0][1] in _KNOWN_PROPERTIES):
        return None
    return found


def _title_line(block: Block) -> bool:
    """A plain short line opening a note with no other title (a word processor's title)."""
    return (isinstance(block, Paragraph) and all(isinstance(n, Text) for n in block.text)
            and _heading_words(block.text) is not None)


def shape(blocks: list[Block], titled: bool) -> Shaped:
    """Headings and properties by shape; ``titled`` when front matter already names the note."""
    out = Shaped([])
    has_h1 = any(isinstance(b, Heading) and b.level == 1 for b in blocks)
    for i, block in enumerate(blocks):
        previous = out.blocks[-1] if out.blocks else None
        if i == 0 and not has_h1 and not titled and _title_line(block):
            out.blocks.append(Heading(1, block.text, block.line))  # type: ignore[union-attr]
            continue
        if isinstance(previous, Heading) and previous.level == 1 and len(out.blocks) == 1:
            props = _properties(block)
            if props:
                out.properties.extend(props)
                continue
        heading = section_title(block)
        if heading is not None:
            out.blocks.append(heading)
        elif isinstance(block, BulletList):
            out.blocks.extend(_outline(block, 2))
        else:
            out.blocks.append(block)
    return out
