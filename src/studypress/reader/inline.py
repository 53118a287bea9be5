"""Inline Markdown (a markdown-it inline node) → the model's rich text.

markdown-it knows no Obsidian syntax, so wikilinks, embeds, ``==highlight==``, citation markers,
inline ``#tags`` and block ids are picked out of its text runs here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from markdown_it.tree import SyntaxTreeNode

from ..model import (
    Citation,
    Code,
    Emphasis,
    FootnoteRef,
    Highlight,
    Inline,
    LineBreak,
    Link,
    Math,
    RichText,
    Strike,
    Strong,
    Text,
    WikiLink,
)


@dataclass
class InlineContext:
    """What inline parsing found besides text: links, tags, embeds (with their lines)."""

    links: list[str] = field(default_factory=list)
    wikilink_aliases: dict[str, str] = field(default_factory=dict)  # label → target
    tags: list[str] = field(default_factory=list)
    embeds: list[tuple[str, int]] = field(default_factory=list)
    line: int = 0

    def link(self, target: str) -> None:
        if target not in self.links:
            self.links.append(target)

    def tag(self, name: str) -> None:
        if name not in self.tags:
            self.tags.append(name)


_SPECIAL = re.compile(
    r"(?P<embed>!\[\[(?P<etarget>[^\[\]\n]+?)\]\])"
    r"|(?P<wiki>\[\[(?P<wtarget>[^\[\]|\n]+?)(?:\|(?P<wlabel>[^\[\]\n]+?))?\]\])"
    r"|(?P<hl>==(?P<htext>[^=\n](?:[^\n]*?[^=\n])?)==)"
    r"|(?P<cite>\[(?P<crefs>\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\])"
    r"|(?P<tag>(?<![\w&#/])#(?P<tname>[A-Za-z][\w/-]*))"
)
_BLOCK_ID = re.compile(r"\s+\^([A-Za-z0-9-]+)\s*$")


def convert(node: SyntaxTreeNode, ctx: InlineContext) -> RichText:
    """Convert an ``inline`` node (or any node with inline children)."""
    return _merge(_children(node.children, ctx))


def _children(nodes: list[SyntaxTreeNode], ctx: InlineContext) -> list[Inline]:
    out: list[Inline] = []
    for n in nodes:
        t = n.type
        if t == "text":
            out.extend(_split_text(n.content, ctx))
        elif t == "softbreak":
            out.append(LineBreak(hard=False))
        elif t == "hardbreak":
            out.append(LineBreak(hard=True))
        elif t == "strong":
            out.append(Strong(_merge(_children(n.children, ctx))))
        elif t == "em":
            out.append(Emphasis(_merge(_children(n.children, ctx))))
        elif t == "s":
            out.append(Strike(_merge(_children(n.children, ctx))))
        elif t == "code_inline":
            out.append(Code(n.content))
        elif t in ("math_inline", "math_inline_double"):
            out.append(Math(n.content, display=t == "math_inline_double"))
        elif t == "link":
            out.append(Link(_merge(_children(n.children, ctx)), str(n.attrs.get("href", ""))))
        elif t == "image":
            # markdown-it percent-encodes the path ("my%20map.png"); files have plain names.
            src = unquote(str(n.attrs.get("src", "")))
            ctx.embeds.append((src, ctx.line))
            alt = _merge(_children(n.children, ctx))
            if alt:
                out.append(Emphasis(alt))
        elif t == "footnote_ref":
            out.append(FootnoteRef(str(n.meta.get("label", n.meta.get("id", "")))))
        elif t == "html_inline":
            # Raw HTML in a note is shown as typed; renderers escape it.
            out.append(Text(n.content))
        elif n.children:
            out.extend(_children(n.children, ctx))
        elif n.content:
            out.append(Text(n.content))
    return out


def _split_text(value: str, ctx: InlineContext) -> list[Inline]:
    out: list[Inline] = []
    pos = 0
    for m in _SPECIAL.finditer(value):
        if m.start() > pos:
            out.append(Text(value[pos : m.start()]))
        pos = m.end()
        if m.group("embed"):
            ctx.embeds.append((m.group("etarget").split("|")[0].strip(), ctx.line))
        elif m.group("wiki"):
            target = m.group("wtarget").strip()
            label = (m.group("wlabel") or "").strip()
            shown = label or target.split("#")[0].split("/")[-1] or target
            ctx.link(target)
            if label:
                ctx.wikilink_aliases[label] = target
            out.append(WikiLink(target, (Text(shown),)))
        elif m.group("hl"):
            out.append(Highlight((Text(m.group("htext")),)))
        elif m.group("cite"):
            refs = tuple(r.strip() for r in re.split(r"\s*,\s*", m.group("crefs")))
            out.append(Citation(refs))
        elif m.group("tag"):
            ctx.tag(m.group("tname"))
    if pos < len(value):
        out.append(Text(value[pos:]))
    return out


def _merge(nodes: list[Inline]) -> RichText:
    """Join adjacent text runs and trim the whitespace a removed tag or embed left behind."""
    merged: list[Inline] = []
    for n in nodes:
        if isinstance(n, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].value + n.value)
        elif isinstance(n, Text) and not n.value:
            continue
        else:
            merged.append(n)
    merged = [Text(re.sub(r"[ \t]{2,}", " ", n.value)) if isinstance(n, Text) else n
              for n in merged]
    return strip(tuple(merged))


def strip(rich: RichText) -> RichText:
    """Trim whitespace (and soft breaks) at both ends of rich text."""
    items = list(rich)
    while items and isinstance(items[0], LineBreak):
        items.pop(0)
    while items and isinstance(items[-1], LineBreak):
        items.pop()
    if items and isinstance(items[0], Text):
        items[0] = Text(items[0].value.lstrip())
        if not items[0].value:
            items.pop(0)
    if items and isinstance(items[-1], Text):
        items[-1] = Text(items[-1].value.rstrip())
        if not items[-1].value:
            items.pop()
    return tuple(items)


def take_block_id(rich: RichText) -> tuple[RichText, str | None]:
    """Remove a trailing Obsidian block id (``text ^abc123``)."""
    if rich and isinstance(rich[-1], Text):
        m = _BLOCK_ID.search(" " + rich[-1].value)
        if m:
            rest = (" " + rich[-1].value)[: m.start()].strip()
            head = rich[:-1] + ((Text(rest),) if rest else ())
            return strip(head), m.group(1)
    return rich, None


def lstrip_chars(rich: RichText, chars: str) -> RichText:
    """Drop leading characters (separators such as ':' or '–') from rich text."""
    items = list(rich)
    while items and isinstance(items[0], Text):
        v = items[0].value.lstrip(chars + " \t")
        if v:
            items[0] = Text(v)
            break
        items.pop(0)
    return tuple(items)


def split_lines(rich: RichText) -> list[RichText]:
    """Split rich text at soft breaks (the lines of one source paragraph)."""
    lines: list[list[Inline]] = [[]]
    for n in rich:
        if isinstance(n, LineBreak) and not n.hard:
            lines.append([])
        else:
            lines[-1].append(n)
    return [strip(tuple(line)) for line in lines]


def nested_text(children: tuple, bullet: str = "– ") -> tuple[RichText, list]:
    """Text under a list item (paragraphs, sub-items such as quiz options ``a) 1917``) as lines
    of rich text; blocks that are no text (quotes, tables, code) come back separately."""
    from ..model import BulletList, Paragraph

    out: list[Inline] = []
    rest: list = []
    for block in children:
        if isinstance(block, Paragraph):
            out += [LineBreak(), *block.text]
        elif isinstance(block, BulletList):
            for n, item in enumerate(block.items, start=block.start):
                mark = f"{item.number or n}. " if block.ordered else bullet
                if _starts_like_option(item.text):
                    mark = ""
                out += [LineBreak(), Text(mark), *item.text]
                sub, more = nested_text(item.children, bullet)
                out += list(sub)
                rest += more
        else:
            rest.append(block)
    return tuple(out), rest


def _starts_like_option(rich: RichText) -> bool:
    return bool(rich) and isinstance(rich[0], Text) and bool(
        re.match(r"^\s*(\(?[a-hA-H]\)|[a-hA-H]\.)\s", rich[0].value))
