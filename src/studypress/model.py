"""The content model: plain frozen data shared by every reader and renderer.

Readers build these values from Markdown; renderers format them. Nothing here knows
Markdown, PDF or Anki. Its JSON form (``MODEL_VERSION``) lives in ``jsonform``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

# Part of the model, defined beside the functions over them so that a build with nothing to
# render (which reports earlier diagnostics) needs no more of the model.
from .diagnostics import Diagnostic, Severity  # noqa: F401

MODEL_VERSION = 1


# --------------------------------------------------------------------------- dates


@dataclass(frozen=True, order=True)
class Day:
    """A calendar day in the proleptic Gregorian calendar.

    ``year`` uses historical numbering: -44 is 44 BCE, 1 is 1 CE, and there is no year 0.
    """

    year: int
    month: int
    day: int

    @property
    def astronomical_year(self) -> int:
        """The year on the astronomical scale (1 BCE = 0, 2 BCE = -1), as ISO 8601 and EDTF use."""
        return self.year + 1 if self.year < 0 else self.year

    def ordinal(self) -> int:
        """Day number, continuous across BCE/CE; 0001-01-01 CE is 1, as in date.toordinal."""
        # Howard Hinnant's days_from_civil; Python's floor division already rounds negative
        # years down, so the C++ original's correction for truncation is not needed.
        y = self.astronomical_year - (1 if self.month <= 2 else 0)
        era = y // 400
        yoe = y - era * 400
        mp = (self.month + 9) % 12
        doy = (153 * mp + 2) // 5 + self.day - 1
        doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
        return era * 146097 + doe - 719468 + 719163

    def iso(self) -> str:
        """ISO 8601 / EDTF form with an astronomical year: ``-0043-03-15`` for 15 March 44 BCE."""
        y = self.astronomical_year
        sign = "-" if y < 0 else ""
        return f"{sign}{abs(y):04d}-{self.month:02d}-{self.day:02d}"


class Precision(StrEnum):
    """How finely a date is known, finest first."""

    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"


@dataclass(frozen=True)
class HistoricalDate:
    """A date as a note wrote it, with the interval of days it can mean.

    A range (``264–241 BCE``) has ``is_range`` set; its precision is that of its ends.
    """

    text: str
    earliest: Day
    latest: Day
    precision: Precision
    edtf: str
    display: str
    approximate: bool = False
    uncertain: bool = False
    is_range: bool = False

    @property
    def sort_key(self) -> tuple[int, int]:
        """Order by first possible day, then by last possible day."""
        return (self.earliest.ordinal(), self.latest.ordinal())

    @property
    def span_days(self) -> int:
        """Number of days the date can mean (1 for an exact day)."""
        return self.latest.ordinal() - self.earliest.ordinal() + 1



# ----------------------------------------------------------------------- rich text


@dataclass(frozen=True)
class Text:
    """Plain text."""

    value: str


@dataclass(frozen=True)
class Code:
    """Inline code, shown as written."""

    value: str


@dataclass(frozen=True)
class Math:
    """TeX source; ``display`` for ``$$...$$``."""

    value: str
    display: bool = False


@dataclass(frozen=True)
class Strong:
    """Strong emphasis (bold)."""

    children: RichText


@dataclass(frozen=True)
class Emphasis:
    """Emphasis (italic)."""

    children: RichText


@dataclass(frozen=True)
class Strike:
    """Struck-out text."""

    children: RichText


@dataclass(frozen=True)
class Highlight:
    """``==highlighted==`` text."""

    children: RichText


@dataclass(frozen=True)
class Cloze:
    """A part of the text typed as Anki's cloze mark, ``{{c1::answer}}`` or
    ``{{c1::answer::hint}}``: the answer (``children``) is what the text says; ``number``
    groups the parts one card hides together; the hint is what its blank may show instead."""

    number: int
    children: RichText
    hint: str = ""


@dataclass(frozen=True)
class Link:
    """A link to ``target`` shown as its children."""

    children: RichText
    target: str


@dataclass(frozen=True)
class WikiLink:
    """``[[target|label]]``: shown as its label, the target kept for cross-references."""

    target: str
    children: RichText


@dataclass(frozen=True)
class Citation:
    """A source marker such as ``[1]`` or ``[2, 3]``."""

    refs: tuple[str, ...]


@dataclass(frozen=True)
class FootnoteRef:
    """A reference to the footnote ``label``."""

    label: str


@dataclass(frozen=True)
class Image:
    """An image inside a line of text (``![[map.png]]`` or ``![alt](map.png)`` mid-sentence).

    ``alt`` is what stands in for it where it cannot be shown: the Markdown alt text, or the
    file name of an Obsidian embed.
    """

    target: str
    alt: str = ""


@dataclass(frozen=True)
class LineBreak:
    """A hard break; a soft break (a newline inside a paragraph) reads as a space."""

    hard: bool = True


Inline = (
    Text | Code | Math | Strong | Emphasis | Strike | Highlight | Link | WikiLink
    | Citation | FootnoteRef | LineBreak | Image | Cloze
)
RichText = tuple[Inline, ...]


def plain_text(rich: RichText) -> str:
    """The words of rich text without any markup (citations and footnote marks dropped).

    Compositional: the plain text of joined rich text is the join of their plain texts, which
    the renderers rely on when they cut text to fit.
    """
    out: list[str] = []
    for node in rich:
        match node:
            case Text(value) | Code(value):
                out.append(value)
            case Math(value, _):
                out.append(value)
            case LineBreak(hard):
                out.append("\n" if hard else " ")
            case Citation() | FootnoteRef():
                pass
            case Image(_, alt):
                out.append(alt)
            case WikiLink(_, children) | Link(children, _):
                out.append(plain_text(children))
            case Strong(children) | Emphasis(children) | Strike(children) | Highlight(children):
                out.append(plain_text(children))
            case Cloze(_, children, _):
                out.append(plain_text(children))
    return "".join(out)


def images(rich: RichText) -> tuple[Image, ...]:
    """The images inside rich text, in order, however deeply nested."""
    found: list[Image] = []
    for node in rich:
        if isinstance(node, Image):
            found.append(node)
        elif isinstance(node, Strong | Emphasis | Strike | Highlight | Link | WikiLink | Cloze):
            found.extend(images(node.children))
    return tuple(found)


def text(value: str) -> RichText:
    """Rich text holding one plain string."""
    return (Text(value),) if value else ()


# -------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of rich text."""

    text: RichText
    line: int
    block_id: str | None = None  # Obsidian's "^id" at the end of the paragraph


@dataclass(frozen=True)
class ListItem:
    """One item of a list, with the blocks nested under it."""

    text: RichText
    children: tuple[Block, ...]
    line: int
    number: int | None = None  # the item's own number in an ordered list
    block_id: str | None = None  # Obsidian's "^id" at the end of the item's text


@dataclass(frozen=True)
class BulletList:
    """A list, bulleted or (``ordered``) numbered from ``start``."""

    items: tuple[ListItem, ...]
    ordered: bool
    line: int
    start: int = 1


@dataclass(frozen=True)
class Quote:
    """A block quote; ``attribution`` is the ``— Speaker, place`` tail when the quote has one."""

    blocks: tuple[Block, ...]
    attribution: RichText
    line: int


@dataclass(frozen=True)
class Callout:
    """Obsidian ``> [!kind] Title`` callout."""

    kind: str
    title: RichText
    blocks: tuple[Block, ...]
    line: int


@dataclass(frozen=True)
class Table:
    """A table: header cells and rows of cells."""

    header: tuple[RichText, ...]
    rows: tuple[tuple[RichText, ...], ...]
    line: int
    row_lines: tuple[int, ...] = ()  # source line of each body row


@dataclass(frozen=True)
class Heading:
    """A heading of prose inside a section."""

    level: int
    text: RichText
    line: int


@dataclass(frozen=True)
class CodeBlock:
    """A fenced or indented code block."""

    value: str
    language: str
    line: int


@dataclass(frozen=True)
class MathBlock:
    """A display formula, TeX source."""

    value: str
    line: int


@dataclass(frozen=True)
class Embed:
    """``![[target]]``: a file the note embeds (an image, usually)."""

    target: str
    line: int
    alt: str = ""  # a Markdown image's alt text, shown as its caption


Block = (
    Paragraph | BulletList | Quote | Callout | Table | Heading | CodeBlock | MathBlock | Embed
)


# ------------------------------------------------------------------------- content


class SpanKind(StrEnum):
    """What a person's span measures, when the note says so."""

    LIFE = "life"  # 1882–1945, born … died
    TENURE = "tenure"  # reigned 141–87 BCE, President 1933–1945
    BIRTH = "birth"  # "born 1890": the span is the birth date alone
    DEATH = "death"  # "d. 71 BCE": the span is the death date alone
    FLOURISHED = "flourished"  # "fl. c. 3100 BCE": when they were active
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Event:
    """One timeline entry. ``line`` is 1-based in the source file."""

    date: HistoricalDate | None
    text: RichText
    line: int
    group: str | None = None
    date_note: str | None = None  # "(February Revolution, Old Style)" after the date
    people: tuple[str, ...] = ()  # names of Person entries this event mentions
    children: tuple[Event, ...] = ()
    block_id: str | None = None  # Obsidian "^id", a stable identity when present
    inherited_date: bool = False  # the date came from the group heading


@dataclass(frozen=True)
class Person:
    """One entry of the cast: a name, role, span, description and aliases."""

    name: str
    line: int
    role: str | None = None
    span: HistoricalDate | None = None
    span_kind: SpanKind = SpanKind.UNKNOWN
    description: RichText = ()
    aliases: tuple[str, ...] = ()
    events: tuple[int, ...] = ()  # indices into Note.events, which the Note checks
    # Every string that gives the person away in text (the whole name, each alias, the name's
    # own words): what a card hides when it asks who this is.
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Term:
    """A glossary entry."""

    term: str
    definition: RichText
    line: int
    names: tuple[str, ...] = ()  # the strings that give the term away, as for a Person


class QuestionKind(StrEnum):
    SHORT = "short"
    ESSAY = "essay"


@dataclass(frozen=True)
class Question:
    """A quiz or essay question, with its answer when the note gives one."""

    number: int
    prompt: RichText
    line: int
    kind: QuestionKind = QuestionKind.SHORT
    answer: RichText | None = None
    answer_line: int | None = None


@dataclass(frozen=True)
class FaqEntry:
    """A question of an FAQ with its answer."""

    question: RichText
    answer: tuple[Block, ...]
    line: int


@dataclass(frozen=True)
class Footnote:
    """A footnote's text."""

    label: str
    text: RichText
    line: int


@dataclass(frozen=True)
class Section:
    """Prose the reader kept as it was: a briefing theme, a summary, anything unrecognised."""

    title: RichText
    level: int
    kind: str  # "prose", "summary", "briefing", "quote", "conclusion", "preamble"
    blocks: tuple[Block, ...]
    line: int


@dataclass(frozen=True)
class Metadata:
    """What the front matter and inline tags say about the note."""

    tags: tuple[str, ...] = ()
    permalink: str | None = None
    aliases: tuple[str, ...] = ()
    # Every other scalar front-matter key (``deck:`` for the Anki renderer, say), as text.
    extra: tuple[tuple[str, str], ...] = field(default=())
    # Each inline tag with the line it was written on (``#nocard`` opts one item out).
    tag_lines: tuple[tuple[str, int], ...] = ()
    # The note's language (a primary language code: "en", "es", "zh"), declared or detected.
    language: str = "en"


@dataclass(frozen=True)
class Note:
    """A whole note as the reader understood it: what every renderer takes."""

    id: str
    title: str
    source: str  # path as given to the reader, used in diagnostics
    metadata: Metadata = Metadata()
    events: tuple[Event, ...] = ()
    people: tuple[Person, ...] = ()
    terms: tuple[Term, ...] = ()
    questions: tuple[Question, ...] = ()
    faq: tuple[FaqEntry, ...] = ()
    sections: tuple[Section, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    links: tuple[str, ...] = ()  # wikilink targets, in order of first appearance
    embeds: tuple[str, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    timeline_title: str | None = None  # the timeline heading's subject, when there is one

    @property
    def tags(self) -> tuple[str, ...]:
        return self.metadata.tags

    def __post_init__(self) -> None:
        # People refer to events by index: a Note whose people point past its events is a
        # programming error, caught here so no renderer has to re-check the bounds.
        count = len(self.events)
        for person in self.people:
            bad = [i for i in person.events if not 0 <= i < count]
            if bad:
                raise ValueError(f"{person.name!r} refers to events {bad}, but the note has "
                                 f"{count}")

    def events_of(self, person: Person) -> tuple[Event, ...]:
        """The events that mention a person, in note order, each once."""
        return tuple(self.events[i] for i in sorted(set(person.events)))
