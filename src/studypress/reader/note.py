"""One note's text → a Note: the front matter, the block tree, its regions by heading, each
region read by its kind (timeline, cast, glossary, quiz, answers, FAQ) or kept as prose."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..dates import looks_like_date
from ..diagnostics import Collector
from ..model import (
    Block,
    BulletList,
    Event,
    FaqEntry,
    Heading,
    Metadata,
    Note,
    Paragraph,
    Person,
    Question,
    QuestionKind,
    RichText,
    Section,
    Strong,
    Table,
    Term,
    Text,
    plain_text,
)
from . import blocks as block_parser
from . import exports, front_matter, inline, slugify, typography
from .cast import (
    cast_first,
    dated_people,
    heading_entry,
    people_table,
    read_cast,
    read_cast_table,
)
from .glossary import heading_term, read_glossary
from .inline import InlineContext, note_target
from .language import from_tag, note_language
from .links import link
from .names import telltale_names
from .questions import (
    QUESTION_MARKS,
    Numbered,
    number_items,
    numbered_items,
    pair_answers,
    question_list,
    split_answers,
)
from .sections import (
    SUBDIVIDED,
    Kind,
    classify,
    languages,
    names,
    prose_kind,
    timeline_subject,
)
from .shape import shape
from .source import aliases_list, as_string_list, split_front_matter
from .timeline import (
    Group,
    TimelineReader,
    date_column,
    dated_list,
    partly_dated,
    starts_with_date,
    table_events,
)


def read(text: str, source: str, stem: str,
         embed_exists: Callable[[str], bool] | None = None) -> Note:
    """Read note text (already decoded) into a Note with its diagnostics."""
    diag = Collector(source)
    try:
        return _read(text, source, stem, diag, embed_exists)
    except Exception as exc:  # the last guard: a note is never lost to a reader bug
        diag.error("internal", f"the reader failed on this note ({type(exc).__name__}: {exc}); "
                   "please report it with the note attached")
        return Note(id=slugify(stem), title=stem, source=source,
                    diagnostics=tuple(diag.items))


@dataclass
class _Region:
    """A section of a note: its heading, kind and blocks."""

    heading: Heading | None
    kind: Kind
    blocks: list[Block] = field(default_factory=list)
    group: str | None = None  # a sub-heading inside a timeline names a group
    moved: bool = False  # all its blocks became events: no empty section is left behind


def _regions(blocks: list[Block]) -> list[_Region]:
    regions = [_Region(None, Kind.PROSE)]
    stack: list[tuple[int, Kind]] = []
    timeline_level: int | None = None  # the level of the last Timeline heading, while it lasts
    for block in blocks:
        if not isinstance(block, Heading):
            regions[-1].blocks.append(block)
            continue
        words = plain_text(block.text)
        while stack and stack[-1][0] >= block.level:
            stack.pop()
        if block.level == 0:  # a section break: what follows belongs to no heading
            regions.append(_Region(None, Kind.PROSE))
            timeline_level = None
            continue
        kind = classify(words)
        group = None
        if timeline_level is not None and block.level < timeline_level:
            timeline_level = None
        if kind is Kind.TIMELINE:
            timeline_level = block.level
        elif kind is Kind.PROSE and _date_heading(words, block.level, timeline_level):
            # "### Timeline" then "### 1276" at the same level: the dates go on as its groups
            kind, group = Kind.TIMELINE, words.strip().rstrip(":")
        kind, group = _under(kind, group, words, stack)
        if kind is not Kind.FAQ_ENTRY:
            stack.append((block.level, kind))
        regions.append(_Region(block, kind, group=group))
    return _faqs_among_answers([r for r in regions if r.heading is not None or r.blocks])


def _part_names(words: str) -> set[str]:
    """The names a quiz or answer-key part goes by: ``Quiz 1: Mendelian Genetics`` is "quiz 1",
    "mendelian genetics" and the whole."""
    whole = " ".join(words.lower().split()).strip(" :")
    return {p.strip() for p in (whole, *re.split(r"\s*[:–—]\s*|\s+-\s+", whole)) if p.strip()}


def _asking(items: list[Numbered]) -> bool:
    """Numbered items most of which ask something ("1. Was the aid a loan? Mostly grants."):
    questions with their answers, no answer key's."""
    return sum(1 for i in items if any(m in plain_text(i.text) for m in QUESTION_MARKS)) \
        * 2 > len(items)


def _faqs_among_answers(regions: list[_Region]) -> list[_Region]:
    """An answer-key heading that names an FAQ too ("Questions and Answers", "Preguntas y
    respuestas") over what an FAQ holds (question headings, bold or ``Q:`` questions): an FAQ,
    its question headings its entries. Over numbered answers it stays an answer key."""
    for at, region in enumerate(regions):
        heading = region.heading
        if region.kind is not Kind.ANSWERS or heading is None \
                or not names(plain_text(heading.text), Kind.FAQ):
            continue
        level = heading.level
        deeper = list(itertools.takewhile(
            lambda r, level=level: r.heading is not None and r.heading.level > level,
            regions[at + 1:]))
        asked = [r for r in deeper if plain_text(r.heading.text).strip().endswith(QUESTION_MARKS)]
        items, _ = numbered_items(region.blocks)
        if items:
            continue  # numbered answers (or questions with answers): an answer key's items
        if asked or any(_faq_question(b) or _plain_qa(b) for b in region.blocks):
            region.kind = Kind.FAQ
            for r in asked:
                r.kind, r.group = Kind.FAQ_ENTRY, None
    return regions


def _under(kind: Kind, group: str | None, words: str, stack: list[tuple[int, Kind]]
           ) -> tuple[Kind, str | None]:
    """A heading's kind and group as the headings it stands under make them."""
    if kind in (Kind.QUIZ, Kind.PROSE) and stack and stack[-1][1] is Kind.ANSWERS:
        # "### Quiz 1", "### Chapter 2" under "## Answer Key": that part's answers
        return Kind.ANSWERS, words.strip().rstrip(":")
    if kind is Kind.PROSE and stack and stack[-1][1] in SUBDIVIDED:
        if stack[-1][1] is Kind.FAQ and words.strip().endswith(QUESTION_MARKS):
            return Kind.FAQ_ENTRY, words.strip().rstrip(":")  # "## Why?" under an FAQ heading
        return stack[-1][1], words.strip().rstrip(":")
    return kind, group


def _date_heading(words: str, level: int, timeline_level: int | None) -> bool:
    """A heading that is only a date, beside a Timeline heading of its level, names a group."""
    text = words.strip().rstrip(":")
    return timeline_level == level and bool(text) and looks_like_date(text)


@dataclass
class _Builder:
    """The items of a note gathered region by region."""

    diag: Collector
    events: list[Event] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    answers: list[Numbered] = field(default_factory=list)
    faq: list[FaqEntry] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    briefing: bool = False
    # Each quiz section's names (``_part_names``), first question number and count: an answer
    # key in parts gives each part's answers to the quiz its heading names.
    quizzes: list[tuple[set[str], int, int]] = field(default_factory=list)

    def prose(self, region: _Region, blocks: list[Block], kind: str | None = None) -> None:
        """Keep blocks as a prose section; ``kind`` names what they sat in (timeline notes …)."""
        if not blocks and (region.heading is None or region.moved
                           or region.kind is not Kind.PROSE):
            return
        title: RichText = region.heading.text if region.heading else ()
        level = region.heading.level if region.heading else 1
        line = region.heading.line if region.heading else (blocks[0].line if blocks else 1)
        if kind is None:
            if not title:
                kind = "preamble"
            else:
                kind = prose_kind(plain_text(title))
                if kind == "prose" and self.briefing:
                    kind = "briefing"
        self.sections.append(Section(title, level, kind, tuple(blocks), line))

    def region(self, region: _Region) -> None:
        """Read one region by its kind; a region whose heading promised structure that its
        content lacks is kept as prose, with a warning."""
        read = self._readers().get(region.kind, self._prose_region)
        found = read(region)
        if not found and region.blocks:
            if region.heading is not None and region.heading.level > 1:
                self.diag.warning(
                    "unrecognised-section",
                    f"'{plain_text(region.heading.text)}' reads as "
                    f"{_SECTION_NAMES.get(region.kind, 'a ' + region.kind)} section, "
                    "but nothing under it is in a shape studypress knows for one; it is kept "
                    "as prose (see the README for the shapes)",
                    region.heading.line)
            self.prose(region, self._shapes(region, region.blocks))

    def _readers(self) -> dict[Kind, Callable[[_Region], bool]]:
        return {Kind.TIMELINE: self._timeline, Kind.CAST: self._cast,
                Kind.GLOSSARY: self._glossary, Kind.QUIZ: self._questions,
                Kind.ESSAY: self._questions, Kind.ANSWERS: self._answers,
                Kind.FAQ_ENTRY: self._faq_entry, Kind.FAQ: self._faq_section}

    def _prose_region(self, region: _Region) -> bool:
        self.prose(region, self._shapes(region, region.blocks))
        return True

    def _timeline(self, region: _Region) -> bool:
        reader = TimelineReader(self.diag)
        if region.group:
            reader.set_group(region.group, region.heading.line if region.heading else 0)
        reader.read(region.blocks)
        self.events.extend(reader.events)
        self._attached(region, reader.leftovers, "timeline-notes", bool(reader.events))
        return bool(reader.events)

    def _cast(self, region: _Region) -> bool:
        people, rest = read_cast(region.blocks, self.diag)
        if not people and region.group and region.heading is not None:
            # "### Augustus (63 BCE–14 CE)" over a paragraph: the sub-heading is the entry.
            person, rest = heading_entry(region.heading, region.blocks, self.diag)
            people = [person] if person else []
        self.people.extend(people)
        self._attached(region, rest, "cast-notes", bool(people))
        return bool(people)

    def _glossary(self, region: _Region) -> bool:
        terms, rest = read_glossary(region.blocks, self.diag)
        if not terms and region.group and region.heading is not None:
            # "### Tariff" over its definition: the sub-heading is the term.
            term, rest = heading_term(region.heading, region.blocks)
            terms = [term] if term else []
        self.terms.extend(terms)
        self._attached(region, rest, "glossary-notes", bool(terms))
        return bool(terms)

    def _questions(self, region: _Region) -> bool:
        items, rest = numbered_items(region.blocks)
        items, own_answers = split_answers(items)
        qkind = QuestionKind.SHORT if region.kind is Kind.QUIZ else QuestionKind.ESSAY
        taken = {q.number for q in self.questions if q.kind is qkind}
        start = 1 + max(taken, default=0)
        numbered = number_items(items, start)
        if any(item.number in taken for item in numbered):
            # "Part B" starting again at 1: continue the numbering, so an answer key
            # numbered straight through pairs with the right questions.
            self.diag.info("renumbered", f"this {region.kind} section numbers its questions "
                           f"again from {numbered[0].number}; they are numbered on from "
                           f"{start}", numbered[0].line)
            numbered = number_items([Numbered(None, i.text, i.line) for i in items], start)
        self.questions.extend(Question(item.number or 0, item.text, item.line, qkind)
                              for item in numbered)
        if qkind is QuestionKind.SHORT and region.heading is not None and numbered:
            self.quizzes.append((_part_names(plain_text(region.heading.text)),
                                 numbered[0].number or start, len(numbered)))
        if own_answers and qkind is QuestionKind.SHORT:
            self.answers.extend(_own_answers(own_answers, numbered))
        self._attached(region, rest, "instructions", bool(items))
        return bool(items)

    def _answers(self, region: _Region) -> bool:
        items, rest = numbered_items(region.blocks)
        if region.group is not None and items:
            if len(self.quizzes) > 1 or names(region.group, Kind.QUIZ):
                return self._answer_part(region, items, rest)
            # "### Notes on the harder questions" under the key of one quiz: notes, no answers
            self.prose(region, list(region.blocks), "answer-notes")
            return True
        if _asking(items):
            items = self._without_questions(items, region)
            if not items:
                return True
        numbered = number_items(items)
        taken = {a.number for a in self.answers}
        if any(a.number in taken for a in numbered):
            start = 1 + max(n for n in taken if n is not None)
            numbered = number_items([Numbered(None, i.text, i.line) for i in items], start)
        self.answers.extend(numbered)
        self._attached(region, rest, "answer-notes", bool(items))
        return bool(items)

    def _without_questions(self, items: list[Numbered], region: _Region) -> list[Numbered]:
        """Answers that repeat their questions ("1. When did the war begin? 1914."): the
        answers, when each repeats the quiz's question of its number; otherwise the key is
        questions with answers of its own, kept as prose with a warning, not paired."""
        asked = {q.number: plain_text(q.prompt).strip() for q in self.questions}
        out = []
        for item in items:
            text = plain_text(item.text).strip()
            prompt = asked.get(item.number or 0, "")
            if not prompt or not text.startswith(prompt):
                self.diag.warning("answer-questions", "this answer key holds questions of its "
                                  "own, not the quiz's; it is kept as prose, not paired",
                                  region.heading.line if region.heading else item.line)
                self.prose(region, list(region.blocks), "answer-notes")
                return []
            out.append(Numbered(item.number, (Text(text[len(prompt):].strip()),), item.line))
        return out

    def _answer_part(self, region: _Region, items: list[Numbered], rest: list[Block]) -> bool:
        """``### Quiz 2`` under the answer key: the answers of the quiz it names, numbered as
        that quiz's questions are; a part that names none is kept as prose, with a warning."""
        names = _part_names(region.group or "")
        # Only a name one quiz alone goes by tells which ("quiz" is every quiz's).
        shared = {n for q in self.quizzes for n in q[0]
                  if sum(n in other[0] for other in self.quizzes) > 1}
        found = [q for q in self.quizzes if (q[0] - shared) & names]
        line = region.heading.line if region.heading else None
        if len(found) != 1:
            self.diag.warning("answer-part", f"'{region.group}' under the answer key names "
                              f"{'none' if not found else 'more than one'} of the quizzes; "
                              "its answers are kept as prose, not paired", line)
            self.prose(region, list(region.blocks), "answer-notes")
            return True
        _, first, count = found[0]
        numbers = [i.number for i in items]
        if not all(n is not None and 1 <= n <= count for n in numbers):
            numbers = list(range(1, len(items) + 1))
        kept = [Numbered(n + first - 1, i.text, i.line)
                for n, i in zip(numbers, items, strict=True) if n <= count]
        if len(kept) < len(items):
            self.diag.warning("answer-extra", f"'{region.group}' has more answers than its quiz "
                              f"has questions ({count}); the others are kept as prose", line)
            self.prose(region, [Paragraph(i.text, i.line) for n, i in
                                zip(numbers, items, strict=True) if n > count], "answer-notes")
        self.answers.extend(kept)
        self._attached(region, rest, "answer-notes", True)
        return True

    def _faq_entry(self, region: _Region) -> bool:
        if region.heading is None:
            return self._prose_region(region)
        self._faq(_strip_q(region.heading.text), region.heading.line, region.blocks)
        return True

    def _faq_section(self, region: _Region) -> bool:
        lead, entries = _split_faq(region.blocks)
        for question, line, answer in entries:
            self._faq(question, line, answer)
        self.prose(region, self._shapes(region, lead))
        return True

    def _attached(self, region: _Region, rest: list[Block], kind: str, found: bool) -> None:
        if found and rest:
            self.prose(region, rest, kind)

    def _faq(self, question: RichText, line: int, blocks: list[Block]) -> None:
        """An FAQ entry; bold questions inside its answer start entries of their own."""
        answer, more = _split_faq(blocks)
        self.faq.append(FaqEntry(question, tuple(answer), line))
        for q, ln, a in more:
            self.faq.append(FaqEntry(q, tuple(a), ln))

    def _shapes(self, region: _Region, blocks: list[Block]) -> list[Block]:
        """Dated lists and date/event tables are timelines wherever they stand, lists of
        questions a quiz, tables of names with roles or dates a cast; the heading they sat
        under names a timeline's group."""
        group = plain_text(region.heading.text).strip() if region.heading else None
        kept: list[Block] = []
        spread = _dated_across_lists(blocks)
        for block in blocks:
            if isinstance(block, BulletList) and spread and any(
                    starts_with_date(item) for item in block.items):
                kept.extend(self._timeline_list(block, group))
            elif isinstance(block, BulletList):
                kept.extend(self._list_shape(block, group))
            elif isinstance(block, Table) and date_column(block) is not None and len(
                    block.header) >= 2 and not cast_first(block):
                self.events.extend(table_events(block, Group(group), self.diag))
            elif isinstance(block, Table) and people_table(block):
                self.people.extend(read_cast_table(block, self.diag))
            else:
                kept.append(block)
        if blocks and not kept:
            region.moved = True
        return kept

    def _timeline_list(self, block: BulletList, group: str | None) -> list[Block]:
        reader = TimelineReader(self.diag)
        if group:
            reader.group = Group(group)
        reader.read([block])
        self.events.extend(reader.events)
        return reader.leftovers

    def _list_shape(self, block: BulletList, group: str | None) -> list[Block]:
        """A list outside any known section, read by its items; what stays prose comes back."""
        if dated_list(block):
            return self._timeline_list(block, group)
        if question_list(block):
            self._questions(_Region(None, Kind.QUIZ, [block]))
            return []
        people = dated_people(block)
        if people:
            self.people.extend(people)
            return []
        if partly_dated(block):
            self.diag.warning("weak-timeline", "some items of this list start with a date, too "
                              "few to read it as a timeline; it is kept as prose (put it under "
                              "a Timeline heading to read it as one)", block.line)
        return [block]


def _dated_across_lists(blocks: list[Block]) -> bool:
    """Lists broken up by a change of marker or a line between them still make one timeline
    when, taken together, their items mostly begin with a date."""
    lists = [b for b in blocks if isinstance(b, BulletList)]
    if len(lists) < 2:
        return False
    items = [i for b in lists for i in b.items if i.text]
    dated = sum(1 for i in items if starts_with_date(i))
    return dated >= 2 and dated * 3 >= len(items) * 2


def _own_answers(answers: list[Numbered], questions: list[Numbered]) -> list[Numbered]:
    """Answers written under their questions take the number of the question above them."""
    out = []
    for a in answers:
        asked = [q for q in questions if q.line <= a.line]
        number = asked[-1].number if asked else a.number
        out.append(Numbered(number, a.text, a.line))
    return out


def _report_order(events: list[Event], diag: Collector) -> None:
    """An event listed after one that it entirely precedes is probably misplaced or misdated."""
    last = None
    for event in events:
        if event.date is None or event.inherited_date:
            continue
        if last is not None and event.date.latest.ordinal() < last.earliest.ordinal():
            diag.info("out-of-order", f"'{event.date.text}' is listed after '{last.text}'; "
                      "the chronology keeps the note's order, the timeline figure sorts by "
                      "date", event.line)
        last = event.date


def _faq_question(block: Block) -> RichText | None:
    """A paragraph that is only a bold question (``**Q: Why …?**``) starts an FAQ entry."""
    if not isinstance(block, Paragraph):
        return None
    items = [n for n in block.text if not (isinstance(n, Text) and not n.value.strip())]
    if len(items) != 1 or not isinstance(items[0], Strong):
        return None
    words = plain_text(items[0].children).strip()
    if words.endswith(QUESTION_MARKS) or re.match(r"^Q\s*[:.]", words):
        return _strip_q(items[0].children)
    return None


# "Q: …" (or "Q. …?", but not "Q. E. D."), and the answer's "A: …".
_PLAIN_Q = re.compile(r"^\s*Q\s*(?::\s*(?=\S)|\.\s+(?=.*[?？]\s*$))")
_PLAIN_A = re.compile(r"^\s*A\s*[:.]\s*")

Entry = tuple[RichText, int, list[Block]]


def _without_a(line: RichText) -> RichText:
    if line and isinstance(line[0], Text):
        return (Text(_PLAIN_A.sub("", line[0].value, count=1)),) + line[1:]
    return line


def _plain_qa(block: Block) -> list[Entry] | None:
    """``Q: Was it a loan?`` / ``A: Mostly grants.`` written plainly, pair after pair in one
    paragraph (an answer may also come in the blocks after it): the FAQ entries."""
    if not isinstance(block, Paragraph):
        return None
    entries: list[Entry] = []
    answer: list[RichText] = []

    def close() -> None:
        if entries and answer:
            joined: RichText = ()
            for line in answer:
                joined += ((Text(" "),) if joined else ()) + line
            entries[-1][2].append(Paragraph(inline.strip(joined), entries[-1][1] + 1))
        answer.clear()

    for k, line in enumerate(inline.split_lines(block.text)):
        m = _PLAIN_Q.match(line[0].value) if line and isinstance(line[0], Text) else None
        if m is not None:
            close()
            question = inline.strip((Text(line[0].value[m.end():]),) + line[1:])
            entries.append((question, block.line + k, []))
        elif not entries:
            return None  # the paragraph does not open with a question
        else:
            answer.append(_without_a(line) if not answer else line)
    close()
    return entries


def _split_faq(blocks: list[Block]) -> tuple[list[Block], list[Entry]]:
    """Blocks before the first bold question, then (question, line, answer) per question."""
    lead: list[Block] = []
    entries: list[Entry] = []
    for block in blocks:
        question = _faq_question(block)
        plain = _plain_qa(block) if question is None else None
        if question is not None:
            entries.append((question, block.line, []))  # type: ignore[union-attr]
        elif plain:
            entries.extend(plain)
        elif entries:
            if not entries[-1][2] and isinstance(block, Paragraph):
                block = Paragraph(_without_a(block.text), block.line, block.block_id)
            entries[-1][2].append(block)
        else:
            lead.append(block)
    return lead, entries


def _strip_q(rich: RichText) -> RichText:
    """``Q: Why …?`` → ``Why …?``."""
    if rich and isinstance(rich[0], Text):
        value = re.sub(r"^\s*Q\s*[:.]\s*", "", rich[0].value)
        return ((Text(value),) if value else ()) + rich[1:]
    return rich


def _read(text: str, source: str, stem: str, diag: Collector,
          embed_exists: Callable[[str], bool] | None) -> Note:
    fm = split_front_matter(text, diag)
    exported = exports.normalise(fm.body)
    ctx = InlineContext()
    parsed = block_parser.parse(exported.body, ctx)
    meta = _with_properties(front_matter.checked(fm.data, fm.lines, diag), exported.properties)
    shaped = shape(list(typography.blocks(parsed.blocks)),
                   titled=_scalar(meta.get("title")) is not None)
    meta = _with_properties(meta, shaped.properties)
    # The first H1 is the title when front matter gives none; it is shown as the title, not
    # repeated as a section heading.
    h1 = next((b for b in shaped.blocks if isinstance(b, Heading) and b.level == 1), None)
    regions = _regions(shaped.blocks)
    timeline_title = _timeline_title(regions)
    title = _scalar(meta.get("title")) or (plain_text(h1.text).strip() if h1 else None) \
        or timeline_title or stem.replace("-", " ").replace("_", " ").strip().capitalize()
    builder = _Builder(diag, briefing=bool(h1 and re.search(r"\bbriefing\b",
                                                            plain_text(h1.text), re.I)))
    _read_regions(builder, regions, h1, title)
    questions = _answered(builder)
    people = [typography.person(p) for p in builder.people]
    terms = [typography.term(t) for t in builder.terms]
    events, people = link(builder.events, people, ctx.wikilink_aliases)
    _report_order(events, diag)
    _check_embeds(ctx, embed_exists, diag)
    metadata = _metadata(meta, ctx)
    declared = meta.get("lang", meta.get("language"))
    metadata = replace(metadata, language=note_language(
        declared, (plain_text(b.text) for b in shaped.blocks if isinstance(b, Heading)),
        fm.body))
    said = fm.lines.get("lang", fm.lines.get("language")) or next(  # or a "lang::" line
        (n for n, key, _ in exported.properties if key in ("lang", "language")), None)
    _unknown_language(declared, said, diag)
    return Note(
        id=slugify(_permalink_slug(metadata.permalink) or stem),
        title=title,
        source=source,
        metadata=metadata,
        events=tuple(events),
        people=tuple(replace(p, names=telltale_names(p.name, p.aliases)) for p in people),
        terms=tuple(replace(t, names=telltale_names(t.term)) for t in terms),
        questions=tuple(questions),
        faq=tuple(builder.faq),
        sections=tuple(builder.sections),
        footnotes=tuple(parsed.footnotes),
        links=tuple(ctx.links),
        embeds=tuple(dict.fromkeys(t for t, _ in ctx.embeds)),
        diagnostics=tuple(diag.items),
        timeline_title=timeline_title,
    )


# What each kind of section is called in a message ("an answer key section").
_SECTION_NAMES = {Kind.ANSWERS: "an answer key", Kind.ESSAY: "an essay", Kind.FAQ: "an FAQ",
                  Kind.FAQ_ENTRY: "an FAQ entry"}


def _unknown_language(declared: object, line: int | None, diag: Collector) -> None:
    """A warning for a declared language studypress has no words for: its month names may
    be another language's words (Croatian "listopad" is October, Polish November)."""
    code = from_tag(declared)
    if code is None or code in {w.code for w in languages()}:
        return
    known = ", ".join(sorted(w.code for w in languages()))
    diag.warning("unknown-language", f"studypress has no words for the language '{code}' "
                 f"(it knows {known}): headings and dates in it are read with the words of "
                 "those languages, which may read a month wrong, and the outputs are worded "
                 "in English; check the timeline's dates", line)


def _with_properties(meta: dict[str, object], properties: list[tuple[int, str, str]],
                     ) -> dict[str, object]:
    """Front matter completed by property lines (``tags:: a, b``, ``Tags: a, b``); front
    matter wins where both give a key."""
    merged = dict(meta)
    for _, key, value in properties:
        key = {"alias": "aliases"}.get(key, key)
        if key in ("tags", "aliases"):
            items = [v.strip().strip("[]#").strip() for v in value.split(",")]
            merged.setdefault(key, [v for v in items if v])
        else:
            merged.setdefault(key, value)
    return merged


def _timeline_title(regions: list[_Region]) -> str | None:
    """The subject a timeline heading names (``Timeline: The Punic Wars``), if one does."""
    for r in regions:
        if r.heading is not None and r.kind is Kind.TIMELINE:
            subject = timeline_subject(plain_text(r.heading.text))
            if subject:
                return subject
    return None


def _read_regions(builder: _Builder, regions: list[_Region], h1: Heading | None,
                  title: str) -> None:
    # The H1 is shown as the title; one that differs from a front-matter title stays a
    # heading, so its words are not lost.
    h1_is_title = h1 is not None and typography.same_words(plain_text(h1.text), title)
    for region in regions:
        if region.heading is h1 and h1_is_title and region.kind in (Kind.PROSE, Kind.FAQ):
            region = _Region(None, region.kind, region.blocks)
        try:
            builder.region(region)
        except Exception as exc:  # keep the section as prose rather than lose it
            line = region.heading.line if region.heading else None
            builder.diag.warning("unreadable", f"could not read this section "
                                 f"({type(exc).__name__}: {exc}); it is kept as plain prose",
                                 line)
            builder.prose(region, region.blocks, "prose")


def _answered(builder: _Builder) -> list[Question]:
    """The questions with the answer key's answers paired in by number."""
    questions, answers = builder.questions, builder.answers
    if not answers:
        return questions
    if any(q.kind is QuestionKind.SHORT for q in questions):
        return pair_answers(questions, answers, builder.diag)
    builder.diag.warning("answer-extra", "an answer key without a quiz; its answers are kept "
                         "as prose", answers[0].line)
    builder.sections.append(Section((), 2, "answer-notes", tuple(
        Paragraph(a.text, a.line) for a in answers), answers[0].line))
    return questions


def _check_embeds(ctx: InlineContext, embed_exists: Callable[[str], bool] | None,
                  diag: Collector) -> None:
    if embed_exists is None:
        return

    def exists(target: str) -> bool:
        # A note is embedded by its name: "![[Other note]]" is the file "Other note.md".
        name = target.split("#")[0].strip()
        return embed_exists(target) or (note_target(target) and bool(name) and not name.lower(
            ).endswith(".md") and embed_exists(name + ".md"))

    for target, line in ctx.embeds:
        if not exists(target):
            diag.warning("missing-embed", f"embedded file '{target}' was not found; put it next "
                         "to the note or remove the embed", line)
    for target, line in ctx.note_embeds:
        if target.split("#")[0].strip() and not exists(target):
            diag.warning("missing-embed", f"embedded note '{target}' was not found; it is "
                         "shown as a link to a note the vault does not have", line)


def _metadata(meta: dict[str, object], ctx: InlineContext) -> Metadata:
    """Front matter and the note's inline tags as the note's metadata."""
    tags = list(dict.fromkeys([*as_string_list(meta.get("tags")), *ctx.tags]))
    # A list (``nocards: [id1, id2]``) arrives as its items joined by commas.
    extra = tuple(sorted((str(k), ", ".join(map(str, v)) if isinstance(v, list) else str(v))
                         for k, v in meta.items()
                         if k not in ("title", "tags", "permalink", "aliases")
                         and isinstance(v, str | int | float | bool | list)))
    return Metadata(
        tags=tuple(tags),
        permalink=_scalar(meta.get("permalink")),
        aliases=aliases_list(meta.get("aliases")),
        extra=extra,
        tag_lines=tuple(dict.fromkeys(ctx.tag_lines)),
    )


def _scalar(value: object) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    s = str(value).strip()
    return s or None


def _permalink_slug(permalink: str | None) -> str | None:
    if not permalink:
        return None
    parts = [p for p in permalink.strip().split("/") if p]
    return parts[-1] if parts else None
