"""The readable form of ``studypress inspect``: what the reader understood, at a glance."""

from __future__ import annotations

from .model import Note, QuestionKind, plain_text


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"


def summary(note: Note) -> str:
    """A plain-text report: counts, chronology with dates and precisions, cast with links."""
    out = _header(note)
    for part in (_chronology, _cast, _glossary, _questions, _faq, _prose, _diagnostics):
        out.extend(part(note))
    return "\n".join(out)


def _header(note: Note) -> list[str]:
    quiz = [q for q in note.questions if q.kind is QuestionKind.SHORT]
    essays = [q for q in note.questions if q.kind is QuestionKind.ESSAY]
    return [
        f"{note.title}",
        f"  id: {note.id}   source: {note.source}",
        f"  tags: {', '.join(note.tags) or '-'}   permalink: {note.metadata.permalink or '-'}",
        f"  language: {note.metadata.language}",
        f"  {len(note.events)} events, {len(note.people)} people, {len(note.terms)} terms, "
        f"{len(quiz)} quiz questions ({sum(1 for q in quiz if q.answer)} answered), "
        f"{len(essays)} essay questions, {len(note.faq)} FAQ entries, "
        f"{len(note.sections)} prose sections",
    ]


def _chronology(note: Note) -> list[str]:
    if not note.events:
        return []
    out = ["\nChronology"]
    group: object = object()
    for i, e in enumerate(note.events):
        if e.group != group:
            group = e.group
            if group:
                out.append(f"  [{group}]")
        when = (f"{e.date.display} ({e.date.precision}, {e.date.edtf})"
                if e.date else "undated")
        who = f"  → {', '.join(e.people)}" if e.people else ""
        out.append(f"  {i:>3} L{e.line:<4} {when:<38} {_short(plain_text(e.text), 60)}{who}")
        out.extend(f"        · {_short(plain_text(c.text), 70)}" for c in e.children)
    return out


def _cast(note: Note) -> list[str]:
    if not note.people:
        return []
    out = ["\nCast"]
    for p in note.people:
        span = f"{p.span.display} [{p.span_kind}]" if p.span else "-"
        aka = f" (aka {', '.join(p.aliases)})" if p.aliases else ""
        out.append(f"  L{p.line:<4} {p.name}{aka} — {p.role or '-'}; span {span}; "
                   f"events {list(p.events)}")
    return out


def _glossary(note: Note) -> list[str]:
    if not note.terms:
        return []
    return ["\nGlossary", *(f"  L{t.line:<4} {t.term}: {_short(plain_text(t.definition), 70)}"
                            for t in note.terms)]


def _questions(note: Note) -> list[str]:
    if not note.questions:
        return []
    out = ["\nQuestions"]
    for q in note.questions:
        ans = "answered" if q.answer else ("essay" if q.kind is QuestionKind.ESSAY
                                           else "NO ANSWER")
        out.append(f"  L{q.line:<4} {q.kind}#{q.number} [{ans}] "
                   f"{_short(plain_text(q.prompt), 70)}")
    return out


def _faq(note: Note) -> list[str]:
    if not note.faq:
        return []
    return ["\nFAQ", *(f"  L{f.line:<4} {_short(plain_text(f.question), 80)}"
                       for f in note.faq)]


def _prose(note: Note) -> list[str]:
    if not note.sections:
        return []
    return ["\nProse sections", *(f"  L{s.line:<4} [{s.kind}] "
                                  f"{plain_text(s.title) or '(untitled)'} "
                                  f"— {len(s.blocks)} block(s)" for s in note.sections)]


def _diagnostics(note: Note) -> list[str]:
    if not note.diagnostics:
        return []
    return ["\nDiagnostics", *(f"  {d.format()}" for d in note.diagnostics)]
