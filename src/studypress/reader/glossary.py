"""Glossary sections: ``**Term:** definition`` bullets or paragraphs, two-column tables."""

from __future__ import annotations

from ..model import Block, BulletList, Paragraph, RichText, Strong, Table, Term, plain_text
from . import inline


def read_term(rich: RichText, line: int) -> Term | None:
    if not rich or not isinstance(rich[0], Strong):
        return None
    term = plain_text(rich[0].children).strip().rstrip(":").strip()
    definition = inline.lstrip_chars(rich[1:], ":–—-")
    if not term or not definition:
        return None
    return Term(term, inline.strip(definition), line)


def read_glossary(blocks: list[Block] | tuple[Block, ...]) -> tuple[list[Term], list[Block]]:
    terms: list[Term] = []
    leftovers: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            term = read_term(block.text, block.line)
            terms.append(term) if term else leftovers.append(block)
        elif isinstance(block, BulletList):
            for item in block.items:
                nested, rest = inline.nested_text(item.children)
                term = read_term(item.text, item.line)
                if term:
                    terms.append(Term(term.term, term.definition + nested, term.line))
                    leftovers.extend(rest)
                else:
                    leftovers.append(Paragraph(item.text + nested, item.line))
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
