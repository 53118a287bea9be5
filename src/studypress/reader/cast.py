"""Cast sections: ``**Name (Role, 1933-1945):** description`` and its many variants → people."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..dates import DateError, parse_date
from ..diagnostics import Collector
from ..model import (
    Block,
    BulletList,
    HistoricalDate,
    Paragraph,
    Person,
    RichText,
    SpanKind,
    Strong,
    Table,
    Text,
    plain_text,
)
from . import inline

_SPAN_PREFIX: list[tuple[re.Pattern[str], SpanKind]] = [
    (re.compile(r"^(reigned|reign|ruled|r\.|in office|served|tenure|term)\s+", re.I),
     SpanKind.TENURE),
    (re.compile(r"^(born|b\.)\s+", re.I), SpanKind.BIRTH),
    (re.compile(r"^(died|d\.)\s+", re.I), SpanKind.DEATH),
    (re.compile(r"^(lived|life)\s+", re.I), SpanKind.LIFE),
    (re.compile(r"^(fl\.|floruit|flourished|active)\s*", re.I), SpanKind.FLOURISHED),
]
_LATIN = re.compile(r"[A-Za-z]")
_QUOTES = "\"'“”‘’«»"


@dataclass
class Heading:
    name: str
    aliases: list[str]
    role: str | None
    span: HistoricalDate | None
    span_kind: SpanKind


def parse_span(text: str, line: int, diag: Collector) -> tuple[HistoricalDate, SpanKind] | None:
    """``reigned c. 535–509 BCE`` → (the range, TENURE); None when the text is no date."""
    kind = SpanKind.UNKNOWN
    body = text.strip()
    for pattern, k in _SPAN_PREFIX:
        m = pattern.match(body)
        if m:
            kind, body = k, body[m.end() :]
            break
    if not body or not re.search(r"\d", body):
        return None
    try:
        date = parse_date(body)
    except DateError as exc:
        if kind is not SpanKind.UNKNOWN:
            diag.warning("bad-date", f"{exc}; the span is left out", line)
        return None
    if date is None:
        return None
    return date, kind


def _split_name(name: str) -> tuple[str, list[str]]:
    """``Gnaeus Pompeius Magnus — "Pompey the Great"`` → name and aliases."""
    parts = re.split(r"\s+[—–-]{1,2}\s+|\s*/\s*", name)
    main = parts[0].strip().strip(_QUOTES)
    aliases = [p.strip().strip(_QUOTES).strip() for p in parts[1:] if p.strip(_QUOTES).strip()]
    return main, aliases


_ALIAS_PART = re.compile(r"^(born|née|né|also known as|aka|a\.k\.a\.)\s+(?P<n>[^\d,]+)$", re.I)


def parse_heading(head: str, line: int, diag: Collector) -> Heading:
    """Parse ``Name (part; part, span)`` into name, aliases, role and span."""
    m = re.match(r"^(?P<name>[^()]*?)\s*\((?P<inner>.*)\)\s*$", head)
    name_part, inner = (m.group("name"), m.group("inner")) if m else (head, "")
    name, aliases = _split_name(name_part)
    parsed = Heading(name, aliases, None, None, SpanKind.UNKNOWN)
    role_parts: list[str] = []
    for part in (p.strip() for p in inner.split(";")):
        born = _ALIAS_PART.match(part)
        if born:
            aliases.append(born.group("n").strip().strip(_QUOTES))
        elif part:
            role_pieces = _part(part, parsed, line, diag)
            if role_pieces:
                role_parts.append(", ".join(role_pieces))
    parsed.role = "; ".join(role_parts) or None
    return parsed


def _part(part: str, parsed: Heading, line: int, diag: Collector) -> list[str]:
    """Read the comma-separated pieces of one ``;`` part into ``parsed``'s span and aliases;
    the pieces that are role words come back."""
    role_pieces: list[str] = []
    for piece in (p.strip() for p in part.split(",")):
        found = parse_span(piece, line, diag) if re.search(r"\d", piece) else None
        if found is not None:
            parsed.span, parsed.span_kind = _combine(parsed.span, parsed.span_kind, found,
                                                     line, diag)
        elif not _LATIN.search(piece) and any(c.isalpha() for c in piece):
            parsed.aliases.append(piece)  # the name in another script: 秦始皇, Лев Троцкий
        elif piece:
            role_pieces.append(piece)
    return role_pieces


def _combine(span: HistoricalDate | None, kind: SpanKind,
             found: tuple[HistoricalDate, SpanKind], line: int, diag: Collector,
             ) -> tuple[HistoricalDate | None, SpanKind]:
    """A second date beside the first: ``b. 1830, d. 1878`` makes one life span."""
    new, new_kind = found
    if span is None:
        return new, new_kind
    if kind is SpanKind.BIRTH and new_kind is SpanKind.DEATH:
        try:
            life = parse_date(f"{span.text} – {new.text}")
        except DateError:
            life = None
        if life is not None:
            return life, SpanKind.LIFE
    return span, kind


def _bold_head(rich: RichText) -> tuple[str, bool, RichText] | None:
    """The bold name an entry starts with: (its words, whether a colon ends them, the rest)."""
    rich, _ = inline.take_block_id(rich)
    if not rich or not isinstance(rich[0], Strong):
        return None
    head = plain_text(rich[0].children).strip()
    colon_inside = head.endswith(":")
    head = head.rstrip(":").strip()
    return (head, colon_inside, rich[1:]) if head else None


def _take(rest: RichText, pattern: str) -> tuple[re.Match[str] | None, RichText]:
    """Match ``pattern`` at the start of the text after the name; the rest without it."""
    if not rest or not isinstance(rest[0], Text):
        return None, rest
    m = re.match(pattern, rest[0].value)
    if m is None:
        return None, rest
    return m, (Text(rest[0].value[m.end() :]),) + rest[1:]


def _after_name(head: str, rest: RichText, line: int, diag: Collector,
                ) -> tuple[str, RichText, tuple[HistoricalDate, SpanKind] | None]:
    """What follows a bold name outside the bold: a parenthesis that belongs to the heading
    (``**Leon Trotsky** (Лев Троцкий): text``) or dates after a comma (``**Itō Hirobumi**,
    1841–1909, first Prime Minister.``)."""
    if "(" in head:
        return head, rest, None
    m, after = _take(rest, r"^\s*(\([^()]*\))")
    if m is not None:
        return f"{head} {m.group(1)}", after, None
    m, after = _take(rest, r"^\s*,\s*([^,:;()]*\d[^,:;()]*?)\s*(?=[,:;]|$)")
    span = parse_span(m.group(1), line, diag) if m is not None else None
    return head, (after if span is not None else rest), span


def _dash_role(rest: RichText, line: int, diag: Collector, want_span: bool,
               ) -> tuple[str | None, RichText, tuple[HistoricalDate, SpanKind] | None]:
    """``**Vladimir Lenin** – leader of the Bolsheviks (1917–1924). Text``: the role is the
    first sentence after the dash, with the span in its closing parenthesis."""
    role, description = _role_sentence(rest)
    m = re.search(r"\s*\(([^()]*\d[^()]*)\)\s*$", role) if role and want_span else None
    found = parse_span(m.group(1), line, diag) if m else None
    if m is not None and found is not None:
        role = role[: m.start()].strip()
    return role, description, found


def read_entry(rich: RichText, line: int, diag: Collector) -> Person | None:
    """One cast entry, or None when it does not start with a bold name."""
    bold = _bold_head(rich)
    if bold is None:
        return None
    head, colon_inside, rest = bold
    head, rest, comma_span = _after_name(head, rest, line, diag)
    m, _ = _take(rest, r"^\s*([:–—,-]{1,2})?\s*")
    sep = (m.group(1) or "") if m else ""
    rest = inline.lstrip_chars(rest, ":–—,- \t")
    parsed = parse_heading(head, line, diag)
    if comma_span is not None and parsed.span is None:
        parsed.span, parsed.span_kind = comma_span
    if not parsed.name or len(parsed.name) > 80:
        return None
    role, span, kind = parsed.role, parsed.span, parsed.span_kind
    description: RichText = rest
    if role is None and not colon_inside and sep in ("–", "—", "-", "--", ",") and rest:
        role, description, found = _dash_role(rest, line, diag, want_span=span is None)
        if found is not None:
            span, kind = found
    return Person(
        name=parsed.name,
        line=line,
        role=role,
        span=span,
        span_kind=kind,
        description=inline.strip(description),
        aliases=tuple(dict.fromkeys(a for a in parsed.aliases if a and a != parsed.name)),
    )


def _role_sentence(rest: RichText) -> tuple[str, RichText]:
    """Split rich text at the end of its first sentence: (role as plain text, remaining text)."""
    if not rest or not isinstance(rest[0], Text) or len(rest) > 1:
        words = plain_text(rest).strip()
        m = re.search(r"(?<=[a-z)\]])\.\s+(?=[A-Z])", words)
        if m:
            return words[: m.start()].strip(), (Text(words[m.end() :]),)
        return words.rstrip(".").strip(), ()
    value = rest[0].value
    m = re.search(r"(?<=[a-z)\]])\.\s+(?=[A-Z])", value)
    if m:
        return value[: m.start()].strip(), (Text(value[m.end() :]),)
    return value.strip().rstrip(".").strip(), ()


_COLUMNS = {
    "name": re.compile(r"\b(name|person|people|figure|who|character)\b", re.I),
    "span": re.compile(r"\b(dates?|life|lived|born|span|years?|reign(ed)?|tenure|era)\b", re.I),
    "role": re.compile(r"\b(role|title|position|office|occupation|rank|job)\b", re.I),
    "description": re.compile(r"\b(description|contribution|significance|known\s+for|notes?|"
                              r"importance|why|achievements?|legacy|summary)\b", re.I),
}


def _columns(table: Table) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, head in enumerate(table.header):
        words = plain_text(head)
        for key, pattern in _COLUMNS.items():
            if key not in found and pattern.search(words):
                found[key] = i
                break
    found.setdefault("name", 0)
    return found


def read_cast_table(table: Table, diag: Collector) -> list[Person]:
    """``| Name | Dates | Contribution |``: one person per row."""
    cols = _columns(table)
    people: list[Person] = []
    lines = table.row_lines or tuple(table.line for _ in table.rows)
    for row, line in zip(table.rows, lines, strict=False):
        def cell(key: str, row: tuple[RichText, ...] = row) -> RichText:
            i = cols.get(key)
            return row[i] if i is not None and i < len(row) else ()

        name_text = plain_text(cell("name")).strip().strip("*_ ")
        if not name_text:
            continue
        parsed = parse_heading(name_text, line, diag)
        span, kind = parsed.span, parsed.span_kind
        span_text = plain_text(cell("span")).strip()
        if span is None and span_text:
            found = parse_span(span_text, line, diag)
            if found:
                span, kind = found
        role = plain_text(cell("role")).strip() or parsed.role
        description = cell("description")
        if not description:
            extra = [row[i] for i in range(len(row)) if i not in cols.values() and row[i]]
            description = extra[0] if extra else ()
        people.append(Person(name=parsed.name, line=line, role=role or None, span=span,
                             span_kind=kind, description=inline.strip(description),
                             aliases=tuple(parsed.aliases)))
    return people


def read_cast(blocks: list[Block] | tuple[Block, ...], diag: Collector,
              ) -> tuple[list[Person], list[Block]]:
    """People from paragraphs and list items; what is not a cast entry comes back as prose."""
    people: list[Person] = []
    leftovers: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            person = read_entry(block.text, block.line, diag)
            if person:
                people.append(person)
            else:
                leftovers.append(block)
        elif isinstance(block, Table) and block.rows:
            people.extend(read_cast_table(block, diag))
        elif isinstance(block, BulletList):
            for item in block.items:
                person = read_entry(item.text, item.line, diag)
                nested, rest = inline.nested_text(item.children)
                leftovers.extend(rest)
                if person and nested:
                    person = replace(person, description=person.description + nested)
                if person:
                    people.append(person)
                elif item.text:
                    diag.warning("cast-entry", "cast entry without a bold name; write it as "
                                 "'**Name (Role, dates):** description'", item.line)
                    leftovers.append(Paragraph(item.text, item.line))
        else:
            leftovers.append(block)
    return people, leftovers
