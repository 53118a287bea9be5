"""The readable form of ``studypress inspect``: what the reader understood, at a glance."""

from __future__ import annotations

from .model import Note, QuestionKind, plain_text


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"


def summary(note: Note) -> str:
    """A plain-text report: counts, chronology with dates and precisions, cast with links."""
    quiz = [q for q in note.questions if q.kind is QuestionKind.SHORT]
    essays = [q for q in note.questions if q.kind is QuestionKind.ESSAY]
    out = [
        f"{note.title}",
        f"  id: {note.id}   source: {note.source}",
        f"  tags: {', '.join(note.tags) or '-'}   permalink: {note.metadata.permalink or '-'}",
        f"  {len(note.events)} events, {len(note.people)} people, {len(note.terms)} terms, "
        f"{len(quiz)} quiz questions ({sum(1 for q in quiz if q.answer)} answered), "
        f"{len(essays)} essay questions, {len(note.faq)} FAQ entries, "
        f"{len(note.sections)} prose sections",
    ]
    if note.events:
        out.append("\nChronology")
        group = object()
        for i, e in enumerate(note.events):
            if e.group != group:
                group = e.group
                if group:
                    out.append(f"  [{group}]")
            when = (f"{e.date.display} ({e.date.precision}, {e.date.edtf})"
                    if e.date else "undated")
            who = f"  → {', '.join(e.people)}" if e.people else ""
            out.append(f"  {i:>3} L{e.line:<4} {when:<38} {_short(plain_text(e.text), 60)}{who}")
            for c in e.children:
                out.append(f"        · {_short(plain_text(c.text), 70)}")
    if note.people:
        out.append("\nCast")
        for p in note.people:
            span = f"{p.span.display} [{p.span_kind}]" if p.span else "-"
            aka = f" (aka {', '.join(p.aliases)})" if p.aliases else ""
            out.append(f"  L{p.line:<4} {p.name}{aka} — {p.role or '-'}; span {span}; "
                       f"events {list(p.events)}")
    if note.terms:
        out.append("\nGlossary")
        out.extend(f"  L{t.line:<4} {t.term}: {_short(plain_text(t.definition), 70)}"
                   for t in note.terms)
    if note.questions:
        out.append("\nQuestions")
        for q in note.questions:
            ans = "answered" if q.answer else ("essay" if q.kind is QuestionKind.ESSAY
                                               else "NO ANSWER")
            out.append(f"  L{q.line:<4} {q.kind}#{q.number} [{ans}] "
                       f"{_short(plain_text(q.prompt), 70)}")
    if note.faq:
        out.append("\nFAQ")
        out.extend(f"  L{f.line:<4} {_short(plain_text(f.question), 80)}" for f in note.faq)
    if note.sections:
        out.append("\nProse sections")
        out.extend(f"  L{s.line:<4} [{s.kind}] {plain_text(s.title) or '(untitled)'} "
                   f"— {len(s.blocks)} block(s)" for s in note.sections)
    if note.diagnostics:
        out.append("\nDiagnostics")
        out.extend(f"  {d.format()}" for d in note.diagnostics)
    return "\n".join(out)
