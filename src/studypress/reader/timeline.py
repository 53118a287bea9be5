"""Timeline sections: group lines, dated bullets, date/event tables → events."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..dates import DateError, leading_date, looks_like_date, parse_date, reads_parenthesis
from ..diagnostics import Collector
from ..model import (
    Block,
    BulletList,
    Event,
    HistoricalDate,
    ListItem,
    Paragraph,
    RichText,
    Strike,
    Strong,
    Table,
    Text,
    plain_text,
)
from . import inline
from .questions import QUESTION_MARKS
from .sections import words_of

_SEPARATORS = ":–—-,; \t"


@dataclass
class Group:
    """The group heading events stand under, and its date."""

    name: str | None = None
    date: HistoricalDate | None = None


@dataclass
class DatedText:
    """A timeline item's text split into its date, a note on the date and the rest."""

    date_text: str
    note: str | None
    rest: RichText


# A time of day beside an item's date ("10:30, 9 November 1989", "9 November 1989, 9 am"):
# kept as the date's note. Figures with a colon or "h" (14h30), or an hour with am/pm.
_CLOCK = (r"(?:[01]?[0-9]|2[0-3])(?:[:h][0-5][0-9](?::[0-5][0-9])?(?:\s*[ap]\.?\s?m\b\.?)?"
          r"|\s*[ap]\.?\s?m\b\.?)")
_CLOCK_BEFORE = re.compile(rf"^\s*(?P<time>{_CLOCK})\s*(?:,\s*|\s+)(?=\S)", re.I)
_CLOCK_AFTER = re.compile(rf"^\s*,?\s*(?P<time>{_CLOCK})\s*(?:[:：]|\s[–—-]\s|$)\s*", re.I)
_YEAR_AFTER_COMMA = re.compile(r"([0-9]{3,4})\s+(?=[^\s:：–—-])")
_TRAILING_NOTE = re.compile(r"^(?P<date>.*\S)\s*\((?P<note>[^()]*)\)$")
_BRACKET_NOTE = re.compile(r"\s*\[(?P<note>[^\[\]]*)\]\s*")


def _date_note(head: str) -> tuple[str, str | None]:
    """``October 27, 1962 ("Black Saturday")`` → the date and its note; a bracketed
    insertion (``25 October [O.S. 7 November] 1917``) is a note too."""
    m = _TRAILING_NOTE.match(head)
    if m and looks_like_date(m.group("date")) and not reads_parenthesis(head):
        return m.group("date"), m.group("note").strip().strip("\"“”") or None
    m = _BRACKET_NOTE.search(head)
    if m:
        stripped = (head[: m.start()] + " " + head[m.end() :]).strip()
        if looks_like_date(stripped):
            return stripped, m.group("note").strip() or None
    return head, None


def _clock_before(text: str) -> tuple[str | None, str]:
    """A time of day at the start of ``text`` (before a date), and the rest."""
    m = _CLOCK_BEFORE.match(text)
    return (m.group("time"), text[m.end():]) if m else (None, text)


def _with_time(note: str | None, time: str | None) -> str | None:
    return note if time is None else (f"{time}, {note}" if note else time)


def split_date(rich: RichText) -> DatedText | None:
    """Find a leading date in an item: bold (``**1917:**``, ``**1914**:``) or plain (``1905 –``);
    a time of day beside it is the date's note."""
    if not rich:
        return None
    first = rich[0]
    if isinstance(first, Strong):
        head = plain_text(first.children).strip()
        colon_inside = head.endswith((":", "："))  # the full-width colon of CJK text
        head = head.rstrip(":：").strip()
        time, head = _clock_before(head)
        if time is None and (m := re.search(rf",\s*(?P<time>{_CLOCK})$", head, re.I)):
            time, head = m.group("time"), head[:m.start()].rstrip()
        head, note = _date_note(head)
        note = _with_time(note, time)
        if not head or not looks_like_date(head):
            return None
        rest = rich[1:]
        if note is None and not colon_inside and rest and isinstance(rest[0], Text):
            m = re.match(r"^\s*\(([^()]*)\)", rest[0].value)
            if m:
                note = m.group(1).strip()
                rest = (Text(rest[0].value[m.end() :]),) + rest[1:]
                if reads_parenthesis(f"{head} ({note})"):  # **1917** (March): the month
                    head, note = f"{head} ({note})", None
        return DatedText(head, note, inline.lstrip_chars(rest, _SEPARATORS))
    if isinstance(first, Text):
        return _plain_date(first.value, rich[1:])
    return None


def _plain_date(value: str, more: RichText) -> DatedText | None:
    """``split_date`` of an item whose text starts with ``value`` (plain text)."""
    time, after = _clock_before(value)
    found = leading_date(after)
    if found is None:
        return None
    date_text, remainder = found
    year = _YEAR_AFTER_COMMA.match(remainder)
    if year and looks_like_date(f"{date_text}, {year.group(1)}"):
        return None  # "May 12, 1949 Blockade lifted": a whole date with no separator after it
    if time is None and (m := _CLOCK_AFTER.match(remainder)):
        time, remainder = m.group("time"), remainder[m.end():]
    if remainder and more:  # the space before the next node parts two words
        remainder += value[len(value.rstrip()):]
    rest = ((Text(remainder),) if remainder else ()) + more
    return DatedText(date_text, time, inline.strip(rest))


def resolve(date_text: str, line: int, diag: Collector) -> HistoricalDate | None:
    """Parse a date the reader found; an impossible one is a warning and leaves the item undated."""
    return checked(date_text, line, diag)[0]


def checked(date_text: str, line: int, diag: Collector) -> tuple[HistoricalDate | None, bool]:
    """The date, and whether it was rejected (a date that cannot exist, not mere words)."""
    try:
        return parse_date(date_text), False
    except DateError as exc:
        diag.warning("bad-date", f"{exc}; the item is kept without a date", line)
        return None, True


def group_line(rich: RichText) -> str | None:
    """A line that is only bold text (``**1920s:**``, ``**Post-Recognition**``) names a group;
    a bold question (a toggle's summary, an FAQ entry) names none."""
    items = [n for n in rich if not (isinstance(n, Text) and n.value.strip() in ("", ":"))]
    if len(items) == 1 and isinstance(items[0], Strong):
        name = plain_text(items[0].children).strip().rstrip(":").strip()
        return name if name and not name.endswith(QUESTION_MARKS) else None
    return None


def make_group(name: str, line: int, diag: Collector) -> Group:
    date = None
    if looks_like_date(name):
        date = resolve(name, line, diag)
    return Group(name, date)


def _overlaps(a: HistoricalDate, b: HistoricalDate) -> bool:
    return a.earliest.ordinal() <= b.latest.ordinal() and b.earliest.ordinal() <= a.latest.ordinal()


def _struck(rich: RichText) -> bool:
    items = [n for n in rich if not (isinstance(n, Text) and not n.value.strip())]
    return bool(items) and all(isinstance(n, Strike) for n in items)


@dataclass
class TimelineReader:
    """Reads a timeline section's items into events, in order."""

    diag: Collector
    group: Group = field(default_factory=Group)
    events: list[Event] = field(default_factory=list)
    leftovers: list[Block] = field(default_factory=list)

    def set_group(self, name: str, line: int) -> None:
        self.group = make_group(name, line, self.diag)

    def read(self, blocks: list[Block] | tuple[Block, ...]) -> None:
        for block in blocks:
            if isinstance(block, Paragraph):
                self._paragraph(block)
            elif isinstance(block, BulletList):
                for item in block.items:
                    self._item(item, block.ordered)
            elif isinstance(block, Table) and date_column(block) is not None:
                self.events.extend(table_events(block, self.group, self.diag))
            else:
                self.leftovers.append(block)

    def _paragraph(self, para: Paragraph) -> None:
        kept: list[RichText] = []
        lines = inline.split_lines(para.text)
        last_kept = False
        for offset, line_text in enumerate(lines):
            line = para.line + offset
            # The paragraph's block id ends its last line, and so names that line's event.
            block_id = para.block_id if offset == len(lines) - 1 else None
            name = group_line(line_text)
            last_kept = False
            if name is not None and not (split_date(line_text) and len(name) > 40):
                self.set_group(name, line)
                continue
            dated = split_date(line_text)
            if dated is not None and dated.rest:
                self.events.append(self._event(line_text, (), line, dated, block_id))
            else:
                kept.append(line_text)
                last_kept = True
        if kept:
            joined: RichText = ()
            for part in kept:
                joined += ((Text(" "),) if joined else ()) + part
            self.leftovers.append(Paragraph(joined, para.line,
                                            para.block_id if last_kept else None))

    def _item(self, item: ListItem, ordered: bool) -> None:
        lines = inline.split_lines(item.text)
        # A bold line typed right under a bullet joins that bullet (lazy continuation):
        # peel such trailing group lines off and apply them after the item.
        trailing: list[tuple[str, int]] = []
        while len(lines) > 1 and group_line(lines[-1]) is not None:
            trailing.insert(0, (group_line(lines[-1]) or "", item.line + len(lines) - 1))
            lines.pop()
        text: RichText = ()
        for part in lines:
            text += ((Text(" "),) if text else ()) + part
        if _struck(text):
            self.diag.info("struck-out", "struck-through item left out", item.line)
        elif text:
            dated = split_date(text)
            if dated is None and ordered and item.number is not None and item.number >= 100:
                # "1937. text" is an ordered list starting at 1937: the number is the year.
                dated = DatedText(str(item.number), None, text)
            children = tuple(self._children(item))
            self.events.append(self._event(text, children, item.line, dated, item.block_id))
        for name, line in trailing:
            self.set_group(name, line)

    def _children(self, item: ListItem) -> list[Event]:
        out: list[Event] = []
        for block in item.children:
            if isinstance(block, BulletList):
                for sub in block.items:
                    if _struck(sub.text) or not sub.text:
                        continue
                    dated = split_date(sub.text)
                    date, rejected = (checked(dated.date_text, sub.line, self.diag) if dated
                                      else (None, False))
                    # a rejected date keeps its words in the text
                    text = dated.rest if dated and dated.rest and not rejected else sub.text
                    out.append(Event(date, text, sub.line, group=self.group.name,
                                     date_note=dated.note if dated else None,
                                     children=tuple(self._children(sub)),
                                     block_id=sub.block_id))
            elif isinstance(block, Paragraph):
                out.append(Event(None, block.text, block.line, group=self.group.name,
                                 block_id=block.block_id))
            else:
                # A quote, table or code under a bullet is no event: it is kept as notes
                # after the timeline rather than lost.
                self.diag.info("nested-block", "this block under a timeline item is printed "
                               "with the timeline's notes, not inside the item",
                               getattr(block, "line", item.line))
                self.leftovers.append(block)
        return out

    def _event(self, text: RichText, children: tuple[Event, ...], line: int,
               dated: DatedText | None, block_id: str | None) -> Event:
        if dated is not None and dated.rest:
            date, rejected = checked(dated.date_text, line, self.diag)
            # A rejected date keeps its words: the item says what the note said.
            text = text if rejected else dated.rest
            group_date = self.group.date
            if date is not None and group_date is not None and not _overlaps(date, group_date):
                self.diag.info(
                    "date-outside-group",
                    f"'{date.text}' lies outside its group '{self.group.name}'; "
                    "the event keeps its own date",
                    line,
                )
            return Event(date, text, line, group=self.group.name, date_note=dated.note,
                         children=children, block_id=block_id)
        inherited = self.group.date
        if inherited is None and (at_end := _date_at_end(text)) is not None:
            return Event(at_end, text, line, group=self.group.name, children=children,
                         block_id=block_id)
        if inherited is None:
            self._say_undated(text, line)
        return Event(inherited, text, line, group=self.group.name, children=children,
                     block_id=block_id, inherited_date=inherited is not None)

    def _say_undated(self, text: RichText, line: int) -> None:
        """Why an item that seems to open with a date has none: its label reads as no date,
        or a date opens it with no separator after it."""
        label = text[0] if text and isinstance(text[0], Strong) else None
        words = (plain_text(label.children).strip().rstrip(":") if label is not None
                 else _figured_label(text))
        lead = _date_lead(text) if label is None else None
        if lead is not None and words is not None and words != lead and words.startswith(lead):
            lead = None  # "1066 and 1087: …": the label is what reads as no date
        if words is not None and lead is None:
            self.diag.info("undated", f"'{words}' is not a date studypress can read, so this "
                           "event is undated; write it as e.g. 'March 1917' or 'c. 509 BCE' "
                           "to place it", line)
        elif lead is not None:
            self.diag.warning("undated-lead", f"this item starts with '{lead}', a date with "
                              f"no ':' or dash after it, so it is kept undated; write "
                              f"'{lead}: …' if it is the item's date", line)


_AT_END = re.compile(r"\(([^()]*[0-9][^()]*)\)[\s.;,]*$")
_DATED_PARENTHESIS = re.compile(r"\([^()]*[0-9][^()]*\)")
# What makes a parenthesis a date rather than a count, a page or a share: a year of four
# figures, or a word (a month, an era, a century) beside its figures.
_YEARS_ONLY = re.compile(r"(?:(?:c\.|ca\.|circa)\s*[0-9]{4}|[0-9]{4}s?)\??"
                         r"(?:\s*[–-]\s*[0-9]{2,4})?|.*年.*")
_DATE_WORD = re.compile(r"[^\W\d_]{2,}")
_LATEST_YEAR = 2100


def _date_at_end(text: RichText) -> HistoricalDate | None:
    """The date in an item's closing parenthesis (``The Buddha is born (c. 563 BCE).``), when
    it reads as one whole date, is written as one (four figures, or a month or era word: not
    ``(28,000)``, ``(12–14)``, ``(52%)``) and is the item's only parenthesis with figures."""
    plain = plain_text(text)
    m = _AT_END.search(plain)
    if m is None or len(_DATED_PARENTHESIS.findall(plain)) > 1:
        return None
    inside = m.group(1).strip()
    if not (_YEARS_ONLY.fullmatch(inside) or _DATE_WORD.search(inside)) \
            or re.search(r"[%,/]", inside):
        return None
    try:
        date = parse_date(inside)
    except DateError:
        return None
    return date if date.earliest.year <= _LATEST_YEAR else None  # "(c. 8000)": a count


def _figured_label(text: RichText) -> str | None:
    """The words before an item's first colon when they hold a figure and are few: a label
    meant as a date (``FY2008:``, ``29/10/1929:``) that did not read as one."""
    head, colon, _ = plain_text(text).partition(": ")
    yearish = re.search(r"(?<![0-9])[0-9]{3,4}(?![0-9])|['’][0-9]{2}(?![0-9])"
                        r"|(?<![0-9])[0-9]{1,2}(?:st|nd|rd|th)\b", head)
    return head.strip() if colon and yearish and len(head.split()) <= 6 \
        and "://" not in head else None


def _date_lead(text: RichText) -> str | None:
    """The date an undated timeline item starts with when no separator follows it (``1935
    the war begins``): the longest run of up to four words that reads as a date."""
    words = plain_text(text).split()
    for count in range(min(4, len(words) - 1), 0, -1):
        head = " ".join(words[:count]).rstrip(",.;")
        if re.search(r"\d", head) and looks_like_date(head):
            return head
    return None


def date_column(table: Table) -> int | None:
    """The index of a column of dates, by header word or by most cells parsing as dates."""
    if not table.rows or max((len(r) for r in table.rows), default=0) < 2:
        return None
    ncols = max(len(r) for r in table.rows)
    dates, years = words_of("columns", "date"), words_of("columns", "year")
    for i, head in enumerate(table.header):
        words = plain_text(head)
        if dates and dates.search(words) and i < ncols and _numbers_may_be_years(
                table, i, bool(years and years.search(words))):
            return i
    return next((i for i in range(ncols) if _mostly_dates(table, i)), None)


def _numbers_may_be_years(table: Table, column: int, years: bool) -> bool:
    """Under a header that names dates but not years ("Date", "Data"), bare numbers of one or
    two figures are no years: "| Indicator | Data |" of 12, 30."""
    cells = [plain_text(r[column]).strip() for r in table.rows if column < len(r)]
    return years or all(len(c) >= 3 for c in cells if c.isdecimal())


def _mostly_dates(table: Table, column: int) -> bool:
    """At least two thirds of the column's cells read as dates. Bare numbers under a header
    that names no date are years only when they have three figures or more: a column of 1,
    2, 3 numbers rows, trials or pages, not the years AD 1, 2 and 3."""
    cells = [plain_text(r[column]).strip() for r in table.rows if column < len(r)]
    dated = [c for c in cells if c and "%" not in c and looks_like_date(c)]
    if not cells or len(dated) * 3 < len(cells) * 2:
        return False
    # A year of four figures, or a word (month, era, century) somewhere in the column.
    strong = any(re.search(r"(?<![0-9])[0-9]{4}(?![0-9])|[^\W\d_]{2,}", c) for c in dated)
    return strong and all(len(c) >= 3 for c in dated if c.isdecimal())


def table_events(table: Table, group: Group, diag: Collector) -> list[Event]:
    col = date_column(table)
    assert col is not None
    events: list[Event] = []
    lines = table.row_lines or tuple(table.line + 2 + i for i in range(len(table.rows)))
    for row, line in zip(table.rows, lines, strict=False):
        if col >= len(row):
            continue
        date_text = plain_text(row[col]).strip()
        others = [cell for i, cell in enumerate(row) if i != col and cell]
        if not others:
            continue
        text: RichText = others[0]
        for extra in others[1:]:
            text = text + (Text(" — "),) + extra
        date, rejected = checked(date_text, line, diag) if date_text else (None, False)
        if rejected:
            text = (Text(date_text + " — "),) + text  # a rejected date keeps its words
        events.append(Event(date, text, line, group=group.name))
    return events


def starts_with_date(item: ListItem) -> bool:
    return split_date(item.text) is not None


def dated_list(block: BulletList) -> bool:
    """A list whose items mostly begin with a date is a timeline wherever it stands."""
    items = [i for i in block.items if i.text]
    if len(items) < 2:
        return False
    dated = sum(1 for i in items if starts_with_date(i))
    return dated * 3 >= len(items) * 2


def partly_dated(block: BulletList) -> bool:
    """At least two items and a third of the list start with a date, but not enough for
    ``dated_list``: a weak reading as a timeline, worth a word to the writer."""
    items = [i for i in block.items if i.text]
    dated = sum(1 for i in items if starts_with_date(i))
    return dated >= 2 and dated * 3 >= len(items) and not dated_list(block)
