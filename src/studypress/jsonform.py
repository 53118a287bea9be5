"""The model's JSON form (``studypress inspect --json``, ``model.json``). Text is plain text."""

from __future__ import annotations

from typing import Any

from .model import (
    MODEL_VERSION,
    Block,
    BulletList,
    Callout,
    CodeBlock,
    Embed,
    Event,
    Heading,
    HistoricalDate,
    MathBlock,
    Note,
    Paragraph,
    Person,
    Quote,
    Table,
    plain_text,
)


def date_json(d: HistoricalDate | None) -> dict[str, Any] | None:
    """A date as JSON-ready data: its words, EDTF, precision and the days it can mean."""
    if d is None:
        return None
    return {
        "text": d.text,
        "edtf": d.edtf,
        "precision": str(d.precision),
        "earliest": d.earliest.iso(),
        "latest": d.latest.iso(),
        "approximate": d.approximate,
        "uncertain": d.uncertain,
        "range": d.is_range,
        "display": d.display,
    }


def _event(e: Event) -> dict[str, Any]:
    return {
        "date": date_json(e.date),
        "text": plain_text(e.text),
        "group": e.group,
        "line": e.line,
        "people": list(e.people),
        "children": [_event(c) for c in e.children],
        **({"date_note": e.date_note} if e.date_note else {}),
        **({"block_id": e.block_id} if e.block_id else {}),
        **({"inherited_date": True} if e.inherited_date else {}),
    }


def _person(p: Person) -> dict[str, Any]:
    return {
        "name": p.name,
        "role": p.role,
        "span": date_json(p.span),
        "span_kind": str(p.span_kind),
        "description": plain_text(p.description),
        "aliases": list(p.aliases),
        "names": list(p.names),
        "line": p.line,
        "events": list(p.events),
    }


def block_json(b: Block) -> dict[str, Any]:
    """One prose block as plain-text JSON."""
    match b:
        case Paragraph(text, line):
            return {"type": "paragraph", "text": plain_text(text), "line": line}
        case Heading(level, text, line):
            return {"type": "heading", "level": level, "text": plain_text(text), "line": line}
        case CodeBlock(value, language, line):
            return {"type": "code", "language": language, "text": value, "line": line}
        case MathBlock(value, line):
            return {"type": "math", "text": value, "line": line}
        case Embed(target, line):
            return {"type": "embed", "target": target, "line": line}
    return _container_json(b)


def _container_json(b: Block) -> dict[str, Any]:
    """Blocks that hold other blocks or cells: lists, quotes, callouts, tables."""
    match b:
        case BulletList(items, ordered, line, _):
            return {"type": "list", "ordered": ordered, "line": line, "items": [
                {"text": plain_text(i.text), "line": i.line,
                 "children": [block_json(c) for c in i.children]} for i in items]}
        case Quote(blocks, attribution, line):
            return {"type": "quote", "line": line, "blocks": [block_json(x) for x in blocks],
                    "attribution": plain_text(attribution) or None}
        case Callout(kind, title, blocks, line):
            return {"type": "callout", "kind": kind, "title": plain_text(title), "line": line,
                    "blocks": [block_json(x) for x in blocks]}
        case Table(header, rows, line, _):
            return {"type": "table", "line": line, "header": [plain_text(h) for h in header],
                    "rows": [[plain_text(c) for c in r] for r in rows]}
    raise TypeError(f"unknown block {type(b).__name__}")


def note_to_json(note: Note) -> dict[str, Any]:
    """The whole note as JSON-ready data, stamped with ``model_version``."""
    return {
        "model_version": MODEL_VERSION,
        "id": note.id,
        "title": note.title,
        "source": note.source,
        "tags": list(note.metadata.tags),
        "permalink": note.metadata.permalink,
        "aliases": list(note.metadata.aliases),
        "language": note.metadata.language,
        "deck": dict(note.metadata.extra).get("deck"),
        "timeline_title": note.timeline_title,
        "events": [_event(e) for e in note.events],
        "people": [_person(p) for p in note.people],
        "terms": [{"term": t.term, "definition": plain_text(t.definition),
                   "names": list(t.names), "line": t.line} for t in note.terms],
        "questions": [{"number": q.number, "kind": str(q.kind), "prompt": plain_text(q.prompt),
                       "answer": plain_text(q.answer) if q.answer is not None else None,
                       "line": q.line, "answer_line": q.answer_line}
                      for q in note.questions],
        "faq": [{"question": plain_text(f.question), "answer": [block_json(b) for b in f.answer],
                 "line": f.line} for f in note.faq],
        "sections": [{"title": plain_text(s.title), "level": s.level, "kind": s.kind,
                      "line": s.line, "blocks": [block_json(b) for b in s.blocks]}
                     for s in note.sections],
        "footnotes": [{"label": f.label, "text": plain_text(f.text), "line": f.line}
                      for f in note.footnotes],
        "links": list(note.links),
        "embeds": list(note.embeds),
        "diagnostics": [{"severity": str(d.severity), "code": d.code, "line": d.line,
                         "message": d.message} for d in note.diagnostics],
    }
