"""Every source line of a note with what it became (``studypress inspect NOTE --lines``).

The model says where each item starts (an event, a person, a term, a question, an answer, a
prose block, a heading); the Markdown block structure says which lines continue it (a wrapped
paragraph, a table's rows, a code block); what the reader set aside says why (front matter,
property lines, rules, struck-out items). A non-blank line that none of them explains is
``unread``: the reader lost it, which the tests treat as a bug.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Collector
from ..model import (
    Block,
    BulletList,
    Callout,
    Event,
    Heading,
    Note,
    Quote,
    Table,
    plain_text,
)
from . import blocks as block_parser
from . import exports
from .inline import InlineContext
from .shape import shape
from .source import split_front_matter
from .typography import same_words

EVENT, PERSON, TERM, QUESTION, ANSWER = "event", "person", "term", "question", "answer"
PROSE, HEADING, TITLE, METADATA, FOOTNOTE = "prose", "heading", "title", "metadata", "footnote"
IGNORED, UNREAD = "ignored", "unread"


@dataclass(frozen=True)
class LineAccount:
    """One source line (1-based) and what it became; ``detail`` says more (a date, a reason)."""

    line: int
    text: str
    kind: str
    detail: str = ""


class _Ledger(dict[int, tuple[str, str]]):
    def mark(self, line: int, kind: str, detail: str = "") -> None:
        if line > 0:
            self.setdefault(line, (kind, detail))


def _events(ledger: _Ledger, events: tuple[Event, ...], sub: bool = False) -> None:
    for e in events:
        when = e.date.edtf if e.date else "undated"
        ledger.mark(e.line, EVENT, f"{'sub-item, ' if sub else ''}{when}")
        _events(ledger, e.children, sub=True)


def _blocks(ledger: _Ledger, blocks: tuple[Block, ...] | list[Block], kind: str = PROSE,
            detail: str = "") -> None:
    for b in blocks:
        ledger.mark(b.line, kind, detail)
        if isinstance(b, BulletList):
            for item in b.items:
                ledger.mark(item.line, kind, detail)
                _blocks(ledger, item.children, kind, detail)
        elif isinstance(b, Quote | Callout):
            _blocks(ledger, b.blocks, kind, detail)
        elif isinstance(b, Table):
            for line in b.row_lines:
                ledger.mark(line, kind, detail)


def _model(ledger: _Ledger, note: Note) -> None:
    """The lines where the model's items start."""
    _events(ledger, note.events)
    for p in note.people:
        ledger.mark(p.line, PERSON, p.name)
    for t in note.terms:
        ledger.mark(t.line, TERM, t.term)
    for q in note.questions:
        ledger.mark(q.line, QUESTION, f"{q.kind} #{q.number}")
        if q.answer_line:
            ledger.mark(q.answer_line, ANSWER, f"#{q.number}")
    for f in note.faq:
        ledger.mark(f.line, QUESTION, "FAQ")
        _blocks(ledger, f.answer, ANSWER, "FAQ")
    for s in note.sections:
        ledger.mark(s.line, HEADING if s.title else PROSE, s.kind)
        _blocks(ledger, s.blocks, PROSE, s.kind)
    for fn in note.footnotes:
        ledger.mark(fn.line, FOOTNOTE, fn.label)
    for d in note.diagnostics:
        if d.code == "struck-out" and d.line:
            ledger.mark(d.line, IGNORED, "struck through")


def _set_aside(ledger: _Ledger, text: str) -> str:
    """Front matter and property lines; returns the body the block parser reads."""
    fm = split_front_matter(text, Collector(""))
    for i, (raw, kept) in enumerate(zip(text.split("\n"), fm.body.split("\n"), strict=False)):
        if raw.strip() and not kept.strip():
            ledger.mark(i + 1, METADATA, "front matter")
    exported = exports.normalise(fm.body)
    for line, key, _ in exported.properties:
        ledger.mark(line, METADATA, f"page property '{key}'")
    for line, reason in exported.ignored.items():
        ledger.mark(line, IGNORED, reason)
    return exported.body


def _structure(ledger: _Ledger, body: str, note: Note) -> list[tuple[int, int, str]]:
    """Headings, rules and title by the Markdown structure; the spans of its blocks."""
    ctx = InlineContext()
    parsed = block_parser.parse(body, ctx)
    shaped = shape(parsed.blocks, titled=True)
    for line, key, _ in shaped.properties:
        ledger.mark(line, METADATA, f"property '{key}'")
    spans = _token_marks(ledger, body, note)
    for block in shaped.blocks:
        if isinstance(block, Heading) and block.level > 0:
            ledger.mark(block.line, TITLE if same_words(plain_text(block.text), note.title)
                        else HEADING, "by shape")
    return spans


def _token_marks(ledger: _Ledger, body: str, note: Note) -> list[tuple[int, int, str]]:
    """Rules, headings, group lines and the title by the Markdown tokens; each block's span."""
    groups = {e.group for e in note.events if e.group}
    spans: list[tuple[int, int, str]] = []
    tokens = block_parser.parser().parse(body)
    for i, token in enumerate(tokens):
        if token.map is None or token.nesting < 0:
            continue
        kind = token.type.removesuffix("_open")
        start, end = token.map[0] + 1, token.map[1]
        spans.append((start, end, kind))
        words = tokens[i + 1].content.strip() if i + 1 < len(tokens) else ""
        if kind == "hr":
            ledger.mark(start, IGNORED, "rule")
        elif kind == "heading":
            ledger.mark(start, TITLE if same_words(words, note.title) else HEADING, words)
        elif kind == "paragraph" and words.strip("*_").strip().rstrip(":").strip("*_ ") in groups:
            ledger.mark(start, HEADING, "group")
        elif kind == "paragraph" and same_words(words, note.title):
            ledger.mark(start, TITLE, "")
    return spans


def _continued(ledger: _Ledger, line: int, spans: list[tuple[int, int, str]],
               ) -> tuple[str, str] | None:
    """The kind of the innermost block around a line whose first line is accounted for."""
    around = [(s, e, t) for s, e, t in spans if s <= line <= e and s != line]
    for start, _, node_type in sorted(around, key=lambda x: x[1] - x[0]):
        if node_type in ("table", "thead", "tbody") and line == start + 1:
            return IGNORED, "table rule"
        if start in ledger:
            kind, detail = ledger[start]
            return kind, detail or "continued"
        if node_type == "table" and line == start:
            return HEADING, "table header"
    return None


def _under_item_heading(ledger: _Ledger, line: int, spans: list[tuple[int, int, str]],
                        ) -> tuple[str, str] | None:
    """A paragraph under a heading that is itself an item (``### Hadrian (76–138)``, ``###
    Tariff``) is that item's description."""
    above = [s for s, _, t in spans if t == "heading" and s < line]
    if above and ledger.get(max(above), ("", ""))[0] in (PERSON, TERM):
        kind, name = ledger[max(above)]
        return kind, f"{name}, description"
    return None


def account(text: str, note: Note) -> list[LineAccount]:
    """Each line of the note's text with what the reader made of it."""
    ledger = _Ledger()
    body = _set_aside(ledger, text)
    _model(ledger, note)
    spans = _structure(ledger, body, note)
    out: list[LineAccount] = []
    for i, raw in enumerate(text.split("\n")):
        line = i + 1
        if not raw.strip():
            continue
        found = (ledger.get(line) or _continued(ledger, line, spans)
                 or _under_item_heading(ledger, line, spans))
        if found is None and any(s == line and t == "table" for s, _, t in spans):
            found = (HEADING, "table header")
        kind, detail = found or (UNREAD, "not read")
        out.append(LineAccount(line, raw, kind, detail))
    return out


def report(text: str, note: Note) -> str:
    """The accounting as text: ``  12 event     1917-03 | - **March 1917:** …``."""
    rows = []
    for a in account(text, note):
        what = f"{a.kind} ({a.detail})" if a.detail else a.kind
        shown = a.text if len(a.text) <= 70 else a.text[:69] + "…"
        rows.append(f"{a.line:>4}  {what[:34]:<34}  {shown}")
    return "\n".join(rows)

