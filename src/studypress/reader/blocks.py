"""Markdown source → a flat list of model blocks with 1-based source lines."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin

from ..dates import DateError, leading_date, parse_date
from ..model import (
    Block,
    BulletList,
    Callout,
    CodeBlock,
    Embed,
    Footnote,
    Heading,
    LineBreak,
    ListItem,
    MathBlock,
    Paragraph,
    Quote,
    RichText,
    Table,
    Text,
    plain_text,
)
from . import inline
from .inline import InlineContext

_md: MarkdownIt | None = None


def parser() -> MarkdownIt:
    global _md
    if _md is None:
        _md = (
            MarkdownIt("commonmark")
            .enable(["table", "strikethrough"])
            .use(footnote_plugin)
            # Pandoc's rule: no space inside the dollars, no figure right after the closing
            # one, so "$13 billion (about $150 billion)" stays money, not maths.
            .use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
            .use(inline.obsidian_plugin)
        )
    return _md


@dataclass
class ParsedBody:
    """A note body's blocks and footnotes."""

    blocks: list[Block]
    footnotes: list[Footnote] = field(default_factory=list)


def parse(body: str, ctx: InlineContext) -> ParsedBody:
    """Parse a note body (front matter already blanked out) into blocks."""
    root = SyntaxTreeNode(parser().parse(body))
    out = ParsedBody([])
    out.blocks = _blocks(root.children, ctx, out)
    return out


def _line(node: SyntaxTreeNode) -> int:
    try:
        m = node.map
    except AttributeError:
        m = None
    return (m[0] + 1) if m else 0


def _inline_of(node: SyntaxTreeNode, ctx: InlineContext) -> RichText:
    ctx.line = _line(node)
    for child in node.children:
        if child.type == "inline":
            return inline.convert(child, ctx)
    return ()


_HEADING_PUNCT = re.compile(r"[.!?;,]$")


def _blocks(nodes: list[SyntaxTreeNode], ctx: InlineContext, out: ParsedBody) -> list[Block]:
    blocks: list[Block] = []
    for n in nodes:
        convert = _CONVERTERS.get(n.type)
        if convert is not None:
            blocks.extend(convert(n, ctx, out))
        elif n.type == "hr":
            continue
        elif n.children:
            blocks.extend(_blocks(n.children, ctx, out))
    return blocks


def _heading(n: SyntaxTreeNode, ctx: InlineContext, out: ParsedBody) -> list[Block]:
    text = _inline_of(n, ctx)
    if n.markup in ("-", "=") and _looks_like_prose(text):
        # A line of prose right above a '---' rule: CommonMark makes it a heading.
        return [Paragraph(text, _line(n))]
    return [Heading(int(n.tag[1]) if len(n.tag) == 2 else 1, text, _line(n))]


def _paragraph(n: SyntaxTreeNode, ctx: InlineContext, out: ParsedBody) -> list[Block]:
    line = _line(n)
    before = len(ctx.embeds)
    images = _only_images(n)
    text = _inline_of(n, ctx)
    if images:
        # A paragraph that is only Markdown images: each is an embed, alt as caption.
        return [Embed(target, line, alt) for target, alt in images]
    if text:
        return [Paragraph(text, line, ctx.block_id)]
    return [Embed(target, ln) for target, ln in ctx.embeds[before:]]


def _footnotes(n: SyntaxTreeNode, ctx: InlineContext, out: ParsedBody) -> list[Block]:
    for fn in n.children:
        label = str(fn.meta.get("label", fn.meta.get("id", "")))
        inner = _blocks(fn.children, ctx, out)
        text: RichText = ()
        for b in inner:
            if isinstance(b, Paragraph):
                text = text + ((LineBreak(),) if text else ()) + b.text
        first = next((b.line for b in inner if getattr(b, "line", 0)), 0)
        out.footnotes.append(Footnote(label, text, first))
    return []


_Converter = Callable[[SyntaxTreeNode, InlineContext, ParsedBody], list[Block]]
_CONVERTERS: dict[str, _Converter] = {
    "heading": _heading,
    "paragraph": _paragraph,
    "bullet_list": lambda n, ctx, out: [_list(n, ctx, out)],
    "ordered_list": lambda n, ctx, out: [_list(n, ctx, out)],
    "blockquote": lambda n, ctx, out: [_quote(n, ctx, out)],
    "table": lambda n, ctx, out: [_table(n, ctx)],
    "fence": lambda n, ctx, out: [CodeBlock(n.content.rstrip("\n"), (n.info or "").strip(),
                                            _line(n))],
    "code_block": lambda n, ctx, out: [CodeBlock(n.content.rstrip("\n"),
                                                 (n.info or "").strip(), _line(n))],
    "math_block": lambda n, ctx, out: [MathBlock(n.content.strip(), _line(n))],
    "math_block_label": lambda n, ctx, out: [MathBlock(n.content.strip(), _line(n))],
    "html_block": lambda n, ctx, out: [Paragraph((Text(n.content.strip()),), _line(n))],
    "footnote_block": _footnotes,
}


def _only_images(n: SyntaxTreeNode) -> list[tuple[str, str]]:
    """(target, alt) of each image when a paragraph holds images and nothing else."""
    inline_node = next((c for c in n.children if c.type == "inline"), None)
    if inline_node is None:
        return []
    images: list[tuple[str, str]] = []
    for c in inline_node.children:
        if c.type == "image":
            alt = "".join(x.content for x in c.children if x.type == "text")
            images.append((unquote(str(c.attrs.get("src", ""))), alt.strip()))
        elif c.type in ("softbreak", "hardbreak") or (c.type == "text" and not c.content.strip()):
            continue
        else:
            return []
    return images


def _looks_like_prose(text: RichText) -> bool:
    words = plain_text(text).strip()
    return len(words) > 80 or bool(_HEADING_PUNCT.search(words))


def _day_first(number: int | None, text: RichText) -> RichText | None:
    """An item ``9. November 1918: …`` that Markdown read as item 9 of a numbered list (the
    way German, Polish or Scandinavian notes write a day): its text with the day put back,
    when together they make a whole date; None otherwise."""
    if number is None or not 1 <= number <= 31 or not text or not isinstance(text[0], Text):
        return None
    restored = f"{number}. {text[0].value}"
    found = leading_date(restored)
    if found is None or not found[0].startswith(f"{number}."):
        return None
    try:
        parse_date(found[0])
    except DateError:
        return None
    return (Text(restored),) + text[1:]


def _only_day_first(item: SyntaxTreeNode, inner: list[Block]) -> list[Block] | None:
    """``- 9. November 1918: …``: a bullet holding a one-item numbered list that is a day
    and the rest of its date (made a list of days already, ``_list``), as the bullet's own
    text (and that item's children)."""
    if len(inner) != 1 or not isinstance(inner[0], BulletList) or inner[0].ordered \
            or len(inner[0].items) != 1 or item.children[0].type != "ordered_list":
        return None
    only = inner[0].items[0]
    return [Paragraph(only.text, only.line, only.block_id), *only.children]


def _list(n: SyntaxTreeNode, ctx: InlineContext, out: ParsedBody) -> BulletList:
    ordered = n.type == "ordered_list"
    items: list[ListItem] = []
    for item in n.children:
        line = _line(item)
        text: RichText = ()
        block_id: str | None = None
        children: list[Block] = []
        inner = _blocks(item.children, ctx, out)
        if (len(inner) == 1 and isinstance(inner[0], BulletList) and inner[0].ordered
                and len(inner[0].items) == 1 and not inner[0].items[0].text
                and not inner[0].items[0].children):
            # "2. 1521." is item 2 holding an empty list that starts at 1521: the number is
            # the item's text.
            inner = [Paragraph((Text(f"{inner[0].start}."),), line)]
        inner = _only_day_first(item, inner) or inner
        for i, b in enumerate(inner):
            if i == 0 and isinstance(b, Paragraph):
                text, block_id = b.text, b.block_id
            else:
                children.append(b)
        number = int(item.info) if ordered and item.info.isdigit() else None
        items.append(ListItem(text, tuple(children), line, number, block_id))
    start = int(n.attrs.get("start", 1)) if ordered else 1
    days = _days(items) if ordered else None
    if days is not None:  # "9. November 1918: …" line after line: days, not numbers
        return BulletList(tuple(days), False, _line(n), 1)
    return BulletList(tuple(items), ordered, _line(n), start)


def _days(items: list[ListItem]) -> list[ListItem] | None:
    """A numbered list whose every number is a day that, with the words after it, makes a
    whole date: its items with the days put back, unnumbered. Numbers that count up (1., 2.,
    3.) are a list's own, whatever follows them."""
    numbers = [i.number for i in items]
    days = [_day_first(i.number, i.text) for i in items]
    if not days or not all(days):
        return None
    counted = len(items) > 1 and all(b == a + 1 for a, b in itertools.pairwise(numbers)
                                     if a is not None and b is not None)
    # Counting up from 1 may be a list's own numbering ("1. August 1914", "2. November 1918")
    # as well as days ("1. Oktober 1962", "2. Oktober 1962"): the numbered list stands, the
    # dates kept to what the words say for sure (the month). Counting on from later is days.
    if counted and numbers[0] == 1:
        return None
    return [replace(i, text=d, number=None) for i, d in zip(items, days, strict=True)]


_CALLOUT = re.compile(r"^\[!(?P<kind>[\w-]+)\][+-]?\s*(?P<title>.*)$")
_ATTRIBUTION = re.compile(r"^(?P<quote>.*[\"”’»\u201d.!?])\s*[—―–]{1,2}\s*(?P<who>\S.*)$")


def _joined(lines: list[RichText]) -> RichText:
    """Lines of rich text joined with soft breaks again."""
    out: RichText = ()
    for ln in lines:
        out += ((LineBreak(hard=False),) if out else ()) + ln
    return out


def _quote(n: SyntaxTreeNode, ctx: InlineContext, out: ParsedBody) -> Block:
    inner = _blocks(n.children, ctx, out)
    line = _line(n)
    callout = _callout(inner, line)
    if callout is not None:
        return callout
    attribution: RichText = ()
    if inner and isinstance(inner[-1], Paragraph):
        split = _attribution(inner[-1])
        if split is not None:
            kept, attribution = split
            inner[-1] = Paragraph(kept, inner[-1].line)
    return Quote(tuple(inner), inline.strip(attribution), line)


def _callout(inner: list[Block], line: int) -> Callout | None:
    """``> [!kind] Title`` as its first line makes a quote an Obsidian callout."""
    if not inner or not isinstance(inner[0], Paragraph):
        return None
    lines = inline.split_lines(inner[0].text)
    head = lines[0]
    m = _CALLOUT.match(head[0].value) if head and isinstance(head[0], Text) else None
    if m is None:
        return None
    title = inline.strip(((Text(m.group("title")),) if m.group("title") else ()) + head[1:])
    body: list[Block] = []
    if lines[1:]:
        body.append(Paragraph(_joined(lines[1:]), inner[0].line + 1))
    body.extend(inner[1:])
    return Callout(m.group("kind").lower(), title, tuple(body), line)


def _attribution(last: Paragraph) -> tuple[RichText, RichText] | None:
    """Split a quote's last paragraph into (quoted text, ``— Speaker`` attribution)."""
    lines = inline.split_lines(last.text)
    tail = lines[-1]
    if len(lines) > 1 and tail and isinstance(tail[0], Text) and re.match(
        r"^\s*[—―–]{1,2}\s*\S", tail[0].value
    ):
        return _joined(lines[:-1]), inline.lstrip_chars(tail, "—―–")
    if not tail or not isinstance(tail[-1], Text):
        return None
    # "…the Continent." — Winston Churchill, Fulton: the speaker sits in the last run.
    runs = list(tail)
    for i in range(len(runs) - 1, -1, -1):
        run = runs[i]
        if not isinstance(run, Text):
            continue
        m = _ATTRIBUTION.match(run.value)
        if m and (i > 0 or m.group("quote").strip()):
            who = (Text(m.group("who").lstrip()),) + tuple(runs[i + 1 :])
            before = tuple(runs[:i]) + (Text(m.group("quote")),)
            return _joined([*lines[:-1], inline.strip(before)]), who
    return None


def _table(n: SyntaxTreeNode, ctx: InlineContext) -> Table:
    header: list[RichText] = []
    rows: list[tuple[RichText, ...]] = []
    lines: list[int] = []
    for part in n.children:
        for tr in part.children:
            cells: list[RichText] = []
            for cell in tr.children:
                ctx.line = _line(tr) or _line(n)
                text = inline.convert(cell.children[0], ctx) if cell.children else ()
                if ctx.block_id:  # a block id ends a block, never a table cell: keep it
                    text += (Text(f" ^{ctx.block_id}"),)
                cells.append(text)
            if part.type == "thead":
                header = cells
            else:
                rows.append(tuple(cells))
                lines.append(_line(tr) or _line(n))
    return Table(tuple(header), tuple(rows), _line(n), tuple(lines))
