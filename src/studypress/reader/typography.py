"""Exported Markdown's typing habits, undone: ``--`` and ``---`` for dashes in printed text, and
no-break or thin spaces, superscript ordinals and curly quotes in the words facts are read
from (names, terms), so ``Herbert\u00a0Hoover`` and ``Herbert Hoover`` are one person."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from ..model import (
    Block,
    BulletList,
    Callout,
    Cloze,
    Emphasis,
    Heading,
    Highlight,
    Inline,
    Link,
    ListItem,
    Paragraph,
    Person,
    Quote,
    RichText,
    Strike,
    Strong,
    Table,
    Term,
    Text,
    WikiLink,
)

# Two or three hyphens alone (not an HTML comment's "<!--" or "-->", not a longer rule).
_DASHES = re.compile(r"(?<!<!)(?<!-)(-{2,3})(?![->])")
_SPACES = re.compile("[\u00a0\u2007\u2009\u200a\u202f]")
_ORDINALS = str.maketrans({"ᵗ": "t", "ʰ": "h", "ˢ": "s", "ⁿ": "n", "ᵈ": "d", "ʳ": "r"})
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def dashes(value: str) -> str:
    """``1935--1943`` → ``1935–1943``, ``word---word`` → ``word—word``."""
    return _DASHES.sub(lambda m: "—" if m.group(1) == "---" else "–", value)


def fact(value: str) -> str:
    """A name or term as the reader compares it: one kind of space, plain quotes and ordinals."""
    value = unicodedata.normalize("NFC", _SPACES.sub(" ", value))
    return " ".join(dashes(value).translate(_ORDINALS).translate(_QUOTES).split())


def _inline(node: Inline) -> Inline:
    if isinstance(node, Text):
        return Text(dashes(node.value))
    if isinstance(node, Strong | Emphasis | Strike | Highlight | Link | WikiLink | Cloze):
        return replace(node, children=rich(node.children))
    return node


def rich(text: RichText) -> RichText:
    """Rich text with its dashes typeset (code and maths untouched)."""
    return tuple(_inline(n) for n in text)


def _item(item: ListItem) -> ListItem:
    return replace(item, text=rich(item.text), children=blocks(item.children))


def block(b: Block) -> Block:
    """One block with its dashes typeset."""
    match b:
        case Paragraph() | Heading():
            return replace(b, text=rich(b.text))
        case BulletList():
            return replace(b, items=tuple(_item(i) for i in b.items))
        case Quote():
            return replace(b, blocks=blocks(b.blocks), attribution=rich(b.attribution))
        case Callout():
            return replace(b, title=rich(b.title), blocks=blocks(b.blocks))
        case Table():
            return replace(b, header=tuple(rich(h) for h in b.header),
                           rows=tuple(tuple(rich(c) for c in r) for r in b.rows))
    return b


def blocks(items: tuple[Block, ...] | list[Block]) -> tuple[Block, ...]:
    """Blocks with their dashes typeset."""
    return tuple(block(b) for b in items)


def person(p: Person) -> Person:
    """A person whose name, aliases and role are in the reader's one form of each word."""
    return replace(p, name=fact(p.name), aliases=tuple(fact(a) for a in p.aliases),
                   role=fact(p.role) if p.role else p.role)


def term(t: Term) -> Term:
    """A term in the reader's one form of its words."""
    return replace(t, term=fact(t.term))


def same_words(a: str, b: str) -> bool:
    """Two titles that differ only in case, punctuation, emoji or spacing say the same."""
    return re.findall(r"\w+", fact(a).casefold()) == re.findall(r"\w+", fact(b).casefold())
