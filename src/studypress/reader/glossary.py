"""Glossary sections: ``**Term:** definition`` bullets or paragraphs, ``Term — definition``
lines, a bold term on a line of its own over its definition, ``### Term`` sub-headings over a
paragraph, and two-column tables."""

from __future__ import annotations

import re

from ..diagnostics import Collector
from ..model import (
    Block,
    BulletList,
    Heading,
    LineBreak,
    Paragraph,
    RichText,
    Strong,
    Table,
    Term,
    Text,
    plain_text,
)
from . import inline

# "Zemstvo — an elected local council": a short term, then a colon or a dash.
_PLAIN_TERM = re.compile(r"^\s*(?P<term>[^\s:–—][^:–—]{0,58}?)\s*(?::|—|–|--|\s-)\s+(?=\S)")


# Labels that open a remark about the glossary, not a term of it, when they come before
# its first term: "**Note:** definitions follow Mankiw" (a "Note" among the terms of a
# finance glossary is a term).
_REMARKS = frozenset({"note", "notes", "important", "warning", "caution"})
# Labels that are never a glossary's terms, wherever they stand.
_ALWAYS_REMARKS = frozenset({"nb", "n.b.", "tip", "see also", "source", "sources", "remember",
                             "reminder"})
# A pandoc definition list: the term on its line, the definition on the next after ": ".
_DEFINITION_LINE = re.compile(r"^\s*:\s+(?=\S)")


def read_term(rich: RichText, line: int) -> Term | None:
    """``**Term:** definition`` (the definition may start on the next line)."""
    if not rich or not isinstance(rich[0], Strong):
        return None
    term = plain_text(rich[0].children).strip().rstrip(":：").strip()
    definition = inline.lstrip_chars(rich[1:], ":：–—-")
    if definition and isinstance(definition[0], LineBreak):
        definition = inline.strip(definition[1:])
    if not term or not definition:
        return None
    return Term(term, inline.strip(definition), line)


def plain_term(rich: RichText, line: int) -> Term | None:
    """``Term — definition`` or ``Term: definition`` with a plain term."""
    if not rich or not isinstance(rich[0], Text):
        return None
    m = _PLAIN_TERM.match(rich[0].value)
    if m is None or len(m.group("term").split()) > 6:
        return None
    definition = inline.strip((Text(rich[0].value[m.end() :]),) + rich[1:])
    return Term(m.group("term").strip(), definition, line) if definition else None


def heading_term(heading: Heading, blocks: list[Block]) -> tuple[Term | None, list[Block]]:
    """``### Term`` over a paragraph: the heading is the term, the paragraph its definition."""
    name = plain_text(heading.text).strip().rstrip(":")
    if not blocks or not isinstance(blocks[0], Paragraph) or not name or len(name) > 60:
        return None, list(blocks)
    return Term(name, blocks[0].text, heading.line), list(blocks[1:])


def _item(text: RichText, children: tuple[Block, ...], line: int, diag: Collector,
          ) -> tuple[Term | None, list[Block]]:
    nested, rest = inline.nested_text(children)
    term = read_term(text, line) or plain_term(text, line)
    if term:
        return Term(term.term, term.definition + nested, term.line), list(rest)
    if text:
        diag.warning("glossary-entry", "this item under a glossary heading was not read as a "
                     "term; write it as '**Term:** definition' or 'Term — definition'", line)
    return None, [Paragraph(text + nested, line), *rest]


def _terms_by_line(para: Paragraph) -> list[Term] | None:
    """Several ``**Term:** definition`` lines with no blank line between them: a term each
    (a line that starts no term continues the definition above it)."""
    lines = inline.split_lines(para.text)
    starts = [i for i, line in enumerate(lines) if read_term(line, para.line + i)]
    if len(starts) < 2 or starts[0] != 0:
        return None
    terms = []
    for i, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        rich: list = []
        for line in lines[i:end]:
            rich.extend([LineBreak(hard=False), *line] if rich else line)
        term = read_term(tuple(rich), para.line + i)
        if term:
            terms.append(term)
    return terms


def _definition_list(para: Paragraph) -> list[Term] | None:
    """``Elasticity`` over ``: The responsiveness of …`` (pandoc's definition lists), one
    term or more in the paragraph."""
    lines = inline.split_lines(para.text)
    if len(lines) < 2 or len(lines) % 2:
        return None
    terms = []
    for k in range(0, len(lines), 2):
        term, definition = plain_text(lines[k]).strip(), lines[k + 1]
        m = (_DEFINITION_LINE.match(definition[0].value)
             if definition and isinstance(definition[0], Text) else None)
        if not term or m is None or len(term) > 60:
            return None
        rest = inline.strip((Text(definition[0].value[m.end():]),) + definition[1:])
        terms.append(Term(term, rest, para.line + k))
    return terms


def _remark(block: Block, labels: frozenset[str]) -> bool:
    """A paragraph (or a list of one item) opening with one of ``labels``: ``**Note:** …``."""
    if isinstance(block, BulletList) and len(block.items) == 1:
        rich = block.items[0].text
    elif isinstance(block, Paragraph):
        rich = block.text
    else:
        return False
    term = read_term(rich, 0) or plain_term(rich, 0)
    return term is not None and term.term.lower() in labels


def read_glossary(blocks: list[Block] | tuple[Block, ...], diag: Collector,
                  ) -> tuple[list[Term], list[Block]]:
    """Terms from paragraphs, list items and two-column tables; the rest comes back."""
    terms: list[Term] = []
    leftovers: list[Block] = []
    for block in blocks:
        if _remark(block, _ALWAYS_REMARKS | (frozenset() if terms else _REMARKS)):
            leftovers.append(block)
        elif isinstance(block, Paragraph) and (several := _terms_by_line(block)
                                             or _definition_list(block)):
            terms.extend(several)
        elif isinstance(block, Paragraph):
            term = read_term(block.text, block.line)
            terms.append(term) if term else leftovers.append(block)
        elif isinstance(block, BulletList):
            for item in block.items:
                term, rest = _item(item.text, item.children, item.line, diag)
                if term:
                    terms.append(term)
                leftovers.extend(rest)
        elif isinstance(block, Table) and all(len(r) >= 2 for r in block.rows):
            lines = block.row_lines or tuple(block.line for _ in block.rows)
            for row, line in zip(block.rows, lines, strict=False):
                name = plain_text(row[0]).strip()
                if name and row[1]:
                    terms.append(Term(name, row[1], line))
        else:
            leftovers.append(block)
    return terms, leftovers
