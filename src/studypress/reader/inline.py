"""Inline Markdown (a markdown-it inline node) → the model's rich text.

markdown-it knows no Obsidian syntax, so ``obsidian_plugin`` adds inline rules for it (wikilinks,
embeds, ``==highlight==``, citation markers, ``#tags``, ``^block-ids``) and for Anki's cloze
marks (``{{c1::answer::hint}}``); ``convert`` turns the token tree into the model's rich text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.rules_inline.state_inline import Delimiter, StateInline
from markdown_it.tree import SyntaxTreeNode

from ..model import (
    Citation,
    Cloze,
    Code,
    Emphasis,
    FootnoteRef,
    Highlight,
    Image,
    Inline,
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


@dataclass
class InlineContext:
    """What inline parsing found besides text: links, tags, embeds (with their lines)."""

    links: list[str] = field(default_factory=list)
    wikilink_aliases: dict[str, str] = field(default_factory=dict)  # label → target
    tags: list[str] = field(default_factory=list)
    tag_lines: list[tuple[str, int]] = field(default_factory=list)
    embeds: list[tuple[str, int]] = field(default_factory=list)
    # Notes embedded inside a sentence (``see ![[Other note]] for more``): shown as links.
    note_embeds: list[tuple[str, int]] = field(default_factory=list)
    line: int = 0
    # The Obsidian block id (``^id``) the block just converted ended with, if any.
    block_id: str | None = None

    def link(self, target: str) -> None:
        if target not in self.links:
            self.links.append(target)

    def tag(self, name: str) -> None:
        self.tag_lines.append((name, self.line))
        if name not in self.tags:
            self.tags.append(name)


# ------------------------------------------------------------ markdown-it rules

_EMBED = re.compile(r"!\[\[([^\[\]\n]+?)\]\]")
_WIKI = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]")
_CITE = re.compile(r"\[(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\](?![(\[:])")
_FILE_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,5}$")
_TAG = re.compile(r"#([A-Za-z][\w/-]*)")
# A '#' after these is no tag: a word ("C#"), an entity ("&#38;"), a path, a template ("{{#x}}").
_NOT_BEFORE_TAG = "&#/{}[(`'\""
_BLOCK_ID = re.compile(r"\^([A-Za-z0-9-]+)[ \t]*\Z")
_HL = ord("=")
# Anki's cloze mark as notes type it: {{c1::answer}}, {{c1::answer::hint}}, or with single
# braces; on one line, its answer not empty.
_CLOZE = re.compile(r"\{\{?c(\d+)::(?!\})(.+?)(?:::(.*?))?\}\}?")


def obsidian_plugin(md: MarkdownIt) -> None:
    """Teach markdown-it Obsidian's inline syntax: ``![[embed]]``, ``[[target|label]]``,
    ``==highlight==``, ``#tag``, ``[1]`` citation markers and the ``^block-id`` that ends a
    block. Labels and highlights are parsed as inline Markdown, so emphasis nests inside them."""
    md.inline.ruler.before("image", "obsidian_embed", _embed_rule)
    md.inline.ruler.before("link", "wikilink", _wikilink_rule)
    md.inline.ruler.after("link", "citation", _citation_rule)
    md.inline.ruler.before("emphasis", "highlight", _highlight_rule)
    md.inline.ruler.before("emphasis", "cloze", _cloze_rule)
    md.inline.ruler2.before("emphasis", "highlight", _highlight_pairs)
    md.inline.ruler.push("obsidian_tag", _tag_rule)
    md.inline.ruler.push("obsidian_block_id", _block_id_rule)


def _embed_rule(state: StateInline, silent: bool) -> bool:
    m = _EMBED.match(state.src, state.pos, state.posMax)
    if not m:
        return False
    if not silent:
        token = state.push("obsidian_embed", "", 0)
        token.meta = {"target": m.group(1).split("|")[0].strip()}
    state.pos = m.end()
    return True


def _wikilink_rule(state: StateInline, silent: bool) -> bool:
    m = _WIKI.match(state.src, state.pos, state.posMax)
    if not m:
        return False
    if not silent:
        target = m.group(1).strip()
        token = state.push("wikilink_open", "", 1)
        token.meta = {"target": target}
        if m.group(2) and m.group(2).strip():
            token.meta["label"] = m.group(2).strip()
            end = state.posMax
            state.pos, state.posMax = m.start(2), m.end(2)
            state.md.inline.tokenize(state)  # the label is Markdown: "a *b*"
            state.posMax = end
        else:
            shown = target.split("#")[0].split("/")[-1] or target
            state.push("text", "", 0).content = shown
        state.push("wikilink_close", "", -1)
    state.pos = m.end()
    return True


def _cloze_rule(state: StateInline, silent: bool) -> bool:
    """``{{c1::answer::hint}}``: the answer is Markdown (``{{c1::*Moscow*}}``), the hint text."""
    m = _CLOZE.match(state.src, state.pos, state.posMax)
    if not m:
        return False
    if not silent:
        state.push("cloze_open", "", 1).meta = {"number": int(m.group(1)),
                                                 "hint": (m.group(3) or "").strip()}
        end = state.posMax
        state.pos, state.posMax = m.start(2), m.end(2)
        state.md.inline.tokenize(state)
        state.posMax = end
        state.push("cloze_close", "", -1)
    state.pos = m.end()
    return True


def _block_id_rule(state: StateInline, silent: bool) -> bool:
    """`` ^id`` after a space at the very end of a block's text (never inside a wikilink label
    or emphasis, whose end is not the block's end): Obsidian's block id."""
    pos = state.pos
    if state.src[pos] != "^" or pos == 0 or state.src[pos - 1] not in " \t":
        return False
    m = _BLOCK_ID.match(state.src, pos)
    if m is None or state.posMax != len(state.src):
        return False
    if not silent:
        state.push("obsidian_block_id", "", 0).meta = {"id": m.group(1)}
    state.pos = m.end()
    return True


def _citation_rule(state: StateInline, silent: bool) -> bool:
    m = _CITE.match(state.src, state.pos, state.posMax)
    if not m:
        return False
    if not silent:
        token = state.push("citation", "", 0)
        token.meta = {"refs": tuple(r.strip() for r in re.split(r"\s*,\s*", m.group(1)))}
    state.pos = m.end()
    return True


def _tag_rule(state: StateInline, silent: bool) -> bool:
    pos = state.pos
    if state.src[pos] != "#":
        return False
    before = state.src[pos - 1] if pos > 0 else " "
    if before.isalnum() or before == "_" or before in _NOT_BEFORE_TAG:
        return False
    m = _TAG.match(state.src, pos, state.posMax)
    if not m:
        return False
    if not silent:
        token = state.push("obsidian_tag", "", 0)
        token.content = m.group(0)
        token.meta = {"name": m.group(1)}
    state.pos = m.end()
    return True


def _highlight_rule(state: StateInline, silent: bool) -> bool:
    """``==`` delimiters, paired later like ``~~`` (so ``==a *b* c==`` nests)."""
    if silent or state.src[state.pos] != "=":
        return False
    scanned = state.scanDelims(state.pos, True)
    length = scanned.length
    if length < 2:
        return False
    if length % 2:
        state.push("text", "", 0).content = "="
        length -= 1
    for _ in range(length // 2):
        state.push("text", "", 0).content = "=="
        state.delimiters.append(Delimiter(marker=_HL, length=0, token=len(state.tokens) - 1,
                                          end=-1, open=scanned.can_open,
                                          close=scanned.can_close))
    state.pos += scanned.length
    return True


def _highlight_pairs(state: StateInline) -> None:
    _pair_highlights(state, state.delimiters)
    for meta in state.tokens_meta:
        if meta and "delimiters" in meta:
            _pair_highlights(state, meta["delimiters"])


def _pair_highlights(state: StateInline, delimiters: list[Delimiter]) -> None:
    for delim in delimiters:
        if delim.marker != _HL or delim.end == -1:
            continue
        for index, kind, nesting in ((delim.token, "mark_open", 1),
                                     (delimiters[delim.end].token, "mark_close", -1)):
            token = state.tokens[index]
            token.type, token.tag, token.nesting = kind, "mark", nesting
            token.markup, token.content = "==", ""


# -------------------------------------------------------------- tokens → model


def convert(node: SyntaxTreeNode, ctx: InlineContext) -> RichText:
    """Convert an ``inline`` node (or any node with inline children); the block id it ends
    with, if any, is left in ``ctx.block_id``."""
    ctx.block_id = None
    return _merge(_children(node.children, ctx))


def _children(nodes: list[SyntaxTreeNode], ctx: InlineContext) -> list[Inline]:
    out: list[Inline] = []
    only_embeds = all(_is_embed_or_blank(n) for n in nodes)
    for i, n in enumerate(nodes):
        t = n.type
        if t == "text":
            out.append(Text(n.content))
        elif t == "obsidian_embed":
            out.extend(_embed(str(n.meta["target"]), ctx, only_embeds))
        elif t == "obsidian_tag":
            ctx.tag(str(n.meta["name"]))
            if not _only_tags_follow(nodes, i + 1):
                out.append(Text(n.content))  # "the #MeToo movement": the word stays
        elif t == "wikilink":
            target = str(n.meta["target"])
            ctx.link(target)
            shown = _merge(_children(n.children, ctx))
            if "label" in n.meta:
                ctx.wikilink_aliases[plain_text(shown)] = target
            out.append(WikiLink(target, shown))
        elif t == "citation":
            out.append(Citation(tuple(n.meta["refs"])))
        elif t == "cloze":
            out.append(Cloze(int(n.meta["number"]), _merge(_children(n.children, ctx)),
                             str(n.meta["hint"])))
        elif t == "obsidian_block_id":
            ctx.block_id = str(n.meta["id"])
        else:
            out.extend(_markdown_node(n, ctx))
    return out


def note_target(target: str) -> bool:
    """Whether an embed names a note (``Other note``, ``Other.md#Part``), not a file."""
    name = target.split("#")[0].strip()
    return not _FILE_SUFFIX.search(name) or name.lower().endswith(".md")


def _shown(target: str) -> str:
    """A link's words when it has no label: the note's name, without folder or ``.md``."""
    name = target.split("#")[0].split("/")[-1]
    return re.sub(r"\.md$", "", name, flags=re.I) or target


def _embed(target: str, ctx: InlineContext, alone: bool) -> list[Inline]:
    """An embed standing alone is a block (see ``blocks``); inside a sentence a note's embed
    reads as a link to that note, and a file keeps its place as an image."""
    if alone:
        ctx.embeds.append((target, ctx.line))
        return []
    if note_target(target):
        ctx.link(target)
        ctx.note_embeds.append((target, ctx.line))
        return [WikiLink(target, (Text(_shown(target)),))]
    ctx.embeds.append((target, ctx.line))
    # Renderers that cannot show the image there show its file name.
    return [Image(target, target.split("/")[-1])]


def _markdown_node(n: SyntaxTreeNode, ctx: InlineContext) -> list[Inline]:
    t = n.type
    wrappers = {"strong": Strong, "em": Emphasis, "s": Strike, "mark": Highlight}
    if t in wrappers:
        return [wrappers[t](_merge(_children(n.children, ctx)))]
    if t in ("softbreak", "hardbreak"):
        return [LineBreak(hard=t == "hardbreak")]
    if t == "code_inline":
        return [Code(n.content)]
    if t in ("math_inline", "math_inline_double"):
        return [Math(n.content, display=t == "math_inline_double")]
    if t == "link":
        return [Link(_merge(_children(n.children, ctx)), str(n.attrs.get("href", "")))]
    if t == "image":
        # markdown-it percent-encodes the path ("my%20map.png"); files have plain names.
        target = unquote(str(n.attrs.get("src", "")))
        ctx.embeds.append((target, ctx.line))
        return [Image(target, plain_text(_merge(_children(n.children, ctx))))]
    if t == "footnote_ref":
        return [FootnoteRef(str(n.meta.get("label", n.meta.get("id", ""))))]
    if t == "html_inline":
        return [Text(n.content)]  # raw HTML is shown as typed; renderers escape it
    if n.children:
        return _children(n.children, ctx)
    return [Text(n.content)] if n.content else []


def _is_blank(n: SyntaxTreeNode) -> bool:
    return n.type in ("softbreak", "hardbreak") or (n.type == "text" and not n.content.strip())


def _is_embed_or_blank(n: SyntaxTreeNode) -> bool:
    return n.type in ("obsidian_embed", "obsidian_block_id") or _is_blank(n)


def _only_tags_follow(nodes: list[SyntaxTreeNode], start: int) -> bool:
    """Whether the rest of the line holds only tags: a trailing ``#history #ww2`` labels the
    note and leaves the text; a tag with words after it is part of the sentence."""
    for n in nodes[start:]:
        if n.type in ("softbreak", "hardbreak"):
            return True
        if n.type != "obsidian_tag" and not _is_blank(n):
            return False
    return True


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
