"""The one walk over rich text: a visitor over the inline tree and the prose blocks.

A formatter for one target (ReportLab Paragraph markup, Anki field HTML, plain text) subclasses
``Formatter`` and overrides the node methods whose output differs; ``text`` is where it
escapes for its own format. The walk itself (which node is which, how children nest) lives
only here, so a new node type in the model is handled in one place.

The defaults give the words only, as ``model.plain_text`` does: containers format their
children, citations and footnote marks vanish, a soft break is a space, and every block ends
its line. A subclass that changes
how text is written (escaping, blanking) needs to override ``text`` alone to stay consistent.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import (
    Block,
    BulletList,
    Callout,
    Citation,
    Cloze,
    Code,
    CodeBlock,
    Embed,
    Emphasis,
    FootnoteRef,
    Heading,
    Highlight,
    Image,
    LineBreak,
    Link,
    ListItem,
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


class Formatter:
    """Rich text and blocks → a string; each node type has a method a subclass overrides."""

    # ------------------------------------------------------------------ the walk

    def inline(self, rich: RichText) -> str:
        """Format a run of inline nodes."""
        return "".join(self.node(n) for n in rich)

    def node(self, n: object) -> str:
        """Format one inline node by dispatching on its type (unknown nodes give "")."""
        match n:
            case Text(value):
                return self.text(value)
            case Strong(children):
                return self.strong(children)
            case Emphasis(children):
                return self.emphasis(children)
            case Strike(children):
                return self.strike(children)
            case Highlight(children):
                return self.highlight(children)
            case Code(value):
                return self.code(value)
            case Math(value, display):
                return self.math(value, display)
            case Link(children, target):
                return self.link(children, target)
            case WikiLink(target, children):
                return self.wikilink(target, children)
            case Citation(refs):
                return self.citation(refs)
            case FootnoteRef(label):
                return self.footnote_ref(label)
            case LineBreak(hard):
                return self.line_break(hard)
            case Image(target, alt):
                return self.image(target, alt)
            case Cloze(number, children, hint):
                return self.cloze(number, children, hint)
        return ""

    def blocks(self, items: Iterable[Block]) -> str:
        """Format a sequence of blocks."""
        return "".join(self.block(b) for b in items)

    def block(self, b: object) -> str:
        """Format one block by dispatching on its type (unknown blocks give "")."""
        match b:
            case Paragraph(text, _):
                return self.paragraph(text)
            case BulletList(items, ordered, _, start):
                return self.bullet_list(items, ordered, start)
            case Quote(inner, attribution, _):
                return self.quote(inner, attribution)
            case Callout(kind, title, inner, _):
                return self.callout(kind, title, inner)
            case Table(header, rows, _, _):
                return self.table(header, rows)
            case Heading(level, text, _):
                return self.heading(level, text)
            case CodeBlock(value, language, _):
                return self.code_block(value, language)
            case MathBlock(value, _):
                return self.math_block(value)
            case Embed(target, _, alt):
                return self.embed(target, alt)
        return ""

    # ------------------------------------------------------------ inline nodes

    def text(self, value: str) -> str:
        """A run of plain text, escaped for the target format."""
        return value

    def strong(self, children: RichText) -> str:
        return self.inline(children)

    def emphasis(self, children: RichText) -> str:
        return self.inline(children)

    def strike(self, children: RichText) -> str:
        return self.inline(children)

    def highlight(self, children: RichText) -> str:
        return self.inline(children)

    def cloze(self, number: int, children: RichText, hint: str) -> str:
        # Read as a text, a cloze's answer is what the note says: marked as a highlight is.
        return self.highlight(children)

    def code(self, value: str) -> str:
        return self.text(value)

    def math(self, value: str, display: bool) -> str:
        return self.text(value)

    def link(self, children: RichText, target: str) -> str:
        return self.inline(children)

    def wikilink(self, target: str, children: RichText) -> str:
        return self.inline(children)

    def citation(self, refs: tuple[str, ...]) -> str:
        return ""

    def footnote_ref(self, label: str) -> str:
        return ""

    def line_break(self, hard: bool) -> str:
        return self.text("\n") if hard else " "

    def image(self, target: str, alt: str) -> str:
        return self.text(alt)

    # ------------------------------------------------------------------- blocks

    def paragraph(self, text: RichText) -> str:
        return self.inline(text) + self.text("\n")

    def bullet_list(self, items: tuple[ListItem, ...], ordered: bool, start: int) -> str:
        return "".join(self.inline(i.text) + self.text("\n") + self.blocks(i.children)
                       for i in items)

    def quote(self, inner: tuple[Block, ...], attribution: RichText) -> str:
        return self.blocks(inner) + self.inline(attribution) + self.text("\n")

    def callout(self, kind: str, title: RichText, inner: tuple[Block, ...]) -> str:
        return self.inline(title) + self.text("\n") + self.blocks(inner)

    def table(self, header: tuple[RichText, ...],
              rows: tuple[tuple[RichText, ...], ...]) -> str:
        return "".join(self.inline(c) + self.text("\n") for row in (header, *rows) for c in row)

    def heading(self, level: int, text: RichText) -> str:
        return self.inline(text) + self.text("\n")

    def code_block(self, value: str, language: str) -> str:
        return self.text(value + "\n")

    def math_block(self, value: str) -> str:
        return self.text(value + "\n")

    def embed(self, target: str, alt: str) -> str:
        return self.text((alt or target) + "\n")
