"""Cast sections: ``**Name (Role, 1933-1945):** description`` and its many variants → people."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache

from ..dates import DateError, parse_date
from ..dates.languages import full_width
from ..diagnostics import Collector
from ..model import (
    Block,
    BulletList,
    HistoricalDate,
    LineBreak,
    Paragraph,
    Person,
    RichText,
    SpanKind,
    Strong,
    Table,
    Text,
    plain_text,
)
from ..model import Heading as HeadingBlock
from . import inline
from .names import TITLE_WORDS
from .questions import QUESTION_MARKS
from .sections import words_of

_SPAN_KINDS = (("tenure", SpanKind.TENURE), ("birth", SpanKind.BIRTH), ("death", SpanKind.DEATH),
               ("life", SpanKind.LIFE), ("flourished", SpanKind.FLOURISHED))


@cache
def _span_prefixes() -> tuple[tuple[re.Pattern[str], SpanKind], ...]:
    """The words before a cast entry's dates that say what they are, in every language
    (``lang/<code>.toml``'s ``[spans]``): ``reigned``, ``born``, ``geb.``, ``род.``, ``†``;
    each pattern is matched at the start of the text."""
    return tuple((p, kind) for key, kind in _SPAN_KINDS if (p := words_of("spans", key)))


_LATIN = re.compile(r"[A-Za-z]")
_QUOTES = "\"'“”‘’«»"


@dataclass
class Heading:
    """What a cast entry's head says: name, aliases, role and span."""

    name: str
    aliases: list[str]
    role: str | None
    span: HistoricalDate | None
    span_kind: SpanKind


def parse_span(text: str, line: int, diag: Collector) -> tuple[HistoricalDate, SpanKind] | None:
    """``reigned c. 535–509 BCE`` → (the range, TENURE); None when the text is no date."""
    kind = SpanKind.UNKNOWN
    body = text.strip()
    for pattern, k in _span_prefixes():
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
        places = None if born or parsed.span is not None else _life_with_places(part)
        if born:
            aliases.append(born.group("n").strip().strip(_QUOTES))
        elif places is not None:
            parsed.span, parsed.span_kind = places[0], SpanKind.LIFE
            role_parts.append(" – ".join(places[1]))
        elif part:
            role_pieces = _part(part, parsed, line, diag)
            if role_pieces:
                role_parts.append(", ".join(role_pieces))
    parsed.role = "; ".join(role_parts) or None
    return parsed


_BIRTH_TO_DEATH = re.compile(r"^(?P<birth>[^–—]+?)\s+[–—]\s+(?P<death>[^–—]+)$")


def _place_and_date(side: str) -> tuple[str, str] | None:
    """``Genova, 22 giugno 1805`` or ``22 апреля 1870, Симбирск``: the place and the date
    (the pieces with figures, which an English date's comma may part)."""
    pieces = [p.strip() for p in side.split(",") if p.strip()]
    dated = [i for i, p in enumerate(pieces) if re.search(r"\d", p)]
    places = [p for i, p in enumerate(pieces) if i not in dated]
    if not dated or dated != list(range(dated[0], dated[-1] + 1)) or len(places) != 1:
        return None
    return places[0], ", ".join(pieces[i] for i in dated)


def _life_with_places(part: str) -> tuple[HistoricalDate, tuple[str, str]] | None:
    """``Genova, 22 giugno 1805 – Pisa, 10 marzo 1872``, as encyclopedias give a life: the
    span from birth to death, and the two places (a place on each side, or it is no such
    part)."""
    m = _BIRTH_TO_DEATH.match(part)
    birth = _place_and_date(m.group("birth")) if m else None
    death = _place_and_date(m.group("death")) if m else None
    if birth is None or death is None or any(
            w.lower() in TITLE_WORDS | _ROLE_WORDS | _BODY_WORDS
            for place in (birth[0], death[0]) for w in place.split()):
        return None  # "(First Consul, 1799 – Emperor, 1804)": offices, not places
    try:
        span = parse_date(f"{birth[1]} – {death[1]}")
    except DateError:
        return None
    return span, (birth[0], death[0])


def _part(part: str, parsed: Heading, line: int, diag: Collector) -> list[str]:
    """Read the comma-separated pieces of one ``;`` part into ``parsed``'s span and aliases;
    the pieces that are role words come back.

    A piece is another name by its evidence: written in another script (``秦始皇``), the
    initials of the name (``FDR``), a regnal name (``Emperor Gaozu``), or a capitalised phrase
    with no role word (``Shi Huangdi``) listed before any role phrase, beside a date or another
    name. A title (``First Emperor``) is a name too when it stands among other names
    (``Shi Huangdi, First Emperor``); alone it is the role (``First Emperor, 63 BCE–14 CE``)."""
    pieces = [p.strip() for p in part.split(",") if p.strip()]
    kinds = [_piece_kind(p, parsed.name) for p in pieces]
    dated = "date" in kinds
    names = sum(k in ("name", "script", "initials", "regnal") for k in kinds)
    role_pieces: list[str] = []
    for piece, kind in zip(pieces, kinds, strict=True):
        found = parse_span(piece, line, diag) if kind == "date" else None
        if found is not None:
            parsed.span, parsed.span_kind = _combine(parsed.span, parsed.span_kind, found,
                                                     line, diag)
        elif kind in ("script", "initials", "regnal") or (not role_pieces and (
                (kind == "name" and (dated or names + kinds.count("title") > 1))
                or (kind == "title" and names > 0))):
            parsed.aliases.append(piece)
        else:
            role_pieces.append(piece)
    return role_pieces


# How Chinese and Japanese roles end ("中华人民共和国主席", "政治家"): a piece in the name's
# own script that ends so is its role, any other another name ("孙文", "木下藤吉郎").
_CJK_ROLE_ENDINGS = (
    "主席", "总统", "總統", "皇帝", "天皇", "首相", "总理", "總理", "大臣", "将军", "將軍", "将軍",
    "领导人", "領導人", "元帅", "元帥", "委员长", "委員長", "国王", "國王", "女王", "书记", "書記",
    "创始人", "創始人", "部长", "部長", "长官", "長官", "藩主", "大名", "领袖", "領袖", "家", "者",
    "官", "臣", "宰相", "总裁", "總裁", "首领", "首領", "皇太后", "太后", "摂政", "摄政", "执政",
    "執政", "執権", "执权", "関白", "关白", "总督", "總督", "统帅", "統帥", "委员", "委員", "议员",
    "議員", "教授", "学者", "學者")
# Role words a Cyrillic cast line capitalises ("Император", "Писатель"): the role, not another
# name (a role taken for a name would link the person to every event naming the office).
_CYRILLIC_ROLES = frozenset({
    "император", "императрица", "царь", "царица", "король", "королева", "князь", "княгиня",
    "президент", "председатель", "генсек", "секретарь", "министр", "премьер", "канцлер",
    "генерал", "маршал", "адмирал", "писатель", "писательница", "поэт", "поэтесса", "учёный",
    "ученый", "художник", "композитор", "философ", "историк", "революционер", "вождь",
    "полководец", "гетман", "імператор", "цар", "голова",
    "письменник", "письменниця", "поет", "поетеса", "вчений", "гетьман", "отаман"})


def _own_script_kind(piece: str, name: str) -> str:
    """A piece with no Latin letters: the name in another script (秦始皇 of Qin Shi Huang,
    Лев Троцкий of Leon Trotsky), or, in the name's own script, another name (Джугашвили of
    Иосиф Сталин, a capitalised word or two; 孙文 of 孙中山) or the role (император; a Chinese
    or Japanese role by its ending)."""
    if _script(piece) != _script(name):
        return "script"
    if not any(c.isupper() or c.islower() for c in piece):  # no case: Chinese, Japanese
        return "role" if piece.endswith(_CJK_ROLE_ENDINGS) else "script"
    words = piece.split()
    named = all(w[:1].isupper() for w in words) and not any(
        w.lower().strip(".") in _CYRILLIC_ROLES for w in words)
    return "script" if len(words) <= 3 and named else "role"


def _script(text: str) -> str:
    """The script of a text's first letter, as Unicode names it (LATIN, CYRILLIC, CJK…)."""
    first = next((c for c in text if c.isalpha()), "")
    return unicodedata.name(first, "?").split()[0] if first else ""


def _initials(piece: str, name: str) -> bool:
    """``FDR`` beside ``Franklin D. Roosevelt``: the capitals of the name's words."""
    capitals = "".join(w[0] for w in name.split() if w[:1].isupper())
    return 2 <= len(piece) <= 5 and piece.isupper() and piece == capitals


def _piece_kind(piece: str, name: str) -> str:
    """What one piece of a parenthesis looks like: a date, a name in another script, the
    name's initials, a regnal name, a name-like phrase, a title, or a role phrase."""
    words = piece.split()
    if re.search(r"\d", piece):
        return "date"
    if not _LATIN.search(piece) and any(c.isalpha() for c in piece):
        return _own_script_kind(piece, name)
    if _initials(piece, name):
        return "initials"  # FDR for Franklin D. Roosevelt
    if not 2 <= len(words) <= 4 or not all(
            w[:1].isupper() and re.sub(r"[-'’]", "", w).isalpha() for w in words):
        return "role"
    lowered = [w.lower() for w in words]
    if lowered[0] in TITLE_WORDS and not any(w in _ROLE_WORDS | _BODY_WORDS
                                              for w in lowered[1:]):
        return "regnal"  # Emperor Gaozu, King Alfred
    if lowered[-1] in TITLE_WORDS:
        return "title"  # First Emperor, Soviet Premier
    return "name" if _other_name(piece) else "role"


# Words that make a capitalised phrase a role ("Soviet Premier"), not another name.
_ROLE_WORDS = {
    "president", "premier", "emperor", "empress", "king", "queen", "general", "secretary",
    "minister", "chancellor", "ambassador", "commissar", "consul", "dictator", "tribune",
    "senator", "governor", "admiral", "leader", "chairman", "prince", "princess", "duke", "tsar",
    "czar", "pope", "founder", "head", "chief", "prime", "lord", "marshal", "commander",
    "director", "first", "last", "statesman", "philosopher", "poet", "writer", "scientist",
    "physicist", "chemist", "economist", "artist", "painter", "composer", "author", "inventor",
    "explorer", "historian", "diplomat", "politician", "activist", "revolutionary", "rebel",
    "gladiator", "architect", "teacher", "bishop", "cardinal", "abbot", "monk", "priest",
    "shogun", "samurai", "sultan", "caliph", "pharaoh", "khan", "regent", "judge", "officer",
    "soldier", "captain", "colonel", "commodore", "mayor", "speaker", "justice", "envoy",
}

# Words that make a capitalised phrase a body or a place, not a name ("Republican Party").
_BODY_WORDS = {
    "party", "army", "navy", "dynasty", "senate", "empire", "republic", "union", "league",
    "church", "company", "council", "committee", "congress", "parliament", "court", "movement",
    "society", "university", "college", "school", "state", "states", "kingdom", "government",
    "revolution", "war", "front", "corps", "guard", "house", "office", "department", "ministry",
    "city", "province", "river", "island", "county", "district"}


def _other_name(piece: str) -> bool:
    """Two or three capitalised words, none of them a role or body word: a name
    (``Han Wudi``)."""
    words = piece.split()
    return 2 <= len(words) <= 3 and all(
        w[:1].isupper() and w.lower().strip(".") not in _ROLE_WORDS | _BODY_WORDS
        for w in words)


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


def _ascii_punctuation(text: str) -> str:
    """The full-width forms as the dates read them (``languages.full_width``), and the
    ideographic comma between a person's other names ("孙文、孙逸仙") as a comma."""
    if max(text, default="") < "\u3000":
        return text
    return full_width(text).replace("、", ", ").strip()


def _bold_head(rich: RichText) -> tuple[str, bool, RichText] | None:
    """The bold name an entry starts with: (its words, whether a colon ends them, the rest)."""
    if not rich or not isinstance(rich[0], Strong):
        return None
    head = _ascii_punctuation(plain_text(rich[0].children).strip())
    colon_inside = head.endswith((":", "："))  # the full-width colon of CJK text
    head = head.rstrip(":：").strip()
    rest = rich[1:]
    if rest and isinstance(rest[0], Text) and rest[0].value.lstrip().startswith("（"):
        # "**蒋介石**（1887—1975）：": the parenthesis after the name, read as one in ASCII
        rest = (Text(_ascii_punctuation(rest[0].value)),) + rest[1:]
    return (head, colon_inside, rest) if head else None


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


def _separator(rest: RichText) -> tuple[str, RichText]:
    """The punctuation between a name and what follows it (``:``, a dash, a comma), and the
    text after it."""
    m, _ = _take(rest, r"^\s*([:：–—,-]{1,2})?\s*")
    return ((m.group(1) or "").replace("：", ":") if m else ""), \
        inline.lstrip_chars(rest, ":：–—,- \t")


def read_entry(rich: RichText, line: int, diag: Collector) -> Person | None:
    """One cast entry, or None when it does not start with a bold name."""
    bold = _bold_head(rich)
    if bold is None:
        return None
    head, colon_inside, rest = bold
    head, rest, comma_span = _after_name(head, rest, line, diag)
    sep, rest = _separator(rest)
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


_COLUMN_KEYS = ("name", "span", "died", "role", "description")


@cache
def _column_words() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each column of a cast table with its header words in every language
    (``lang/<code>.toml``'s ``[columns]``), the columns in the order a header is tried."""
    return tuple((key, p) for key in _COLUMN_KEYS if (p := words_of("columns", key)))


def _named_columns(table: Table) -> dict[str, int]:
    """The columns a table's header names (the first of each), by what they hold."""
    found: dict[str, int] = {}
    for i, head in enumerate(table.header):
        words = plain_text(head)
        for key, pattern in _column_words():
            if key not in found and pattern.search(words):
                found[key] = i
                break
    return found


def _columns(table: Table) -> dict[str, int]:
    """``_named_columns``, the names in the first column when no header names them."""
    return {"name": 0} | _named_columns(table)


def people_table(table: Table) -> bool:
    """A table with a column of names beside a role, dates or description column."""
    found = _named_columns(table)
    return "name" in found and len(found) >= 2 and bool(table.rows)


def _with_death(span: HistoricalDate | None, kind: SpanKind, died: str, births: bool
                ) -> tuple[HistoricalDate | None, SpanKind] | None:
    """A Born column's date and a Died column's as one life span (the Died date alone, a
    death); None when the Died cell says something else (not a date, or beside a column of
    reigns), which then stays in the description."""
    try:
        death = parse_date(died)
    except DateError:
        return None
    if span is None:
        return death, SpanKind.DEATH
    if not births:
        return None
    try:
        return parse_date(f"{span.text} – {death.text}"), SpanKind.LIFE
    except DateError:
        return None


def _of_lives(table: Table, cols: dict[str, int]) -> bool:
    """Whether the table's dates are births or lives: its dates column says so (``[columns]
    life``)."""
    at, life = cols.get("span"), words_of("columns", "life")
    return at is not None and at < len(table.header) and life is not None and bool(
        life.search(plain_text(table.header[at])))


def cast_first(table: Table) -> bool:
    """A people table whose first column holds the names and whose dates are lives (``| Name |
    Life | Role |``, ``| Name | Born | Died |``): a cast, not a chronology, though its cells
    read as dates."""
    if not people_table(table):
        return False
    cols = _columns(table)
    return cols.get("name") == 0 and ("died" in cols or _of_lives(table, cols))


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
        died = plain_text(cell("died")).strip()
        life = _with_death(span, kind, died, _of_lives(table, cols)) if died else None
        if life is not None:
            span, kind = life
        role = plain_text(cell("role")).strip() or parsed.role
        description = cell("description")
        if not description:
            extra = [row[i] for i in range(len(row)) if i not in cols.values() and row[i]]
            description = extra[0] if extra else ()
        if died and life is None:  # "assassinated 1865", or a death beside reigns: kept
            description = description + ((Text("; "),) if description else ()) + cell("died")
        people.append(Person(name=parsed.name, line=line, role=role or None, span=span,
                             span_kind=kind, description=inline.strip(description),
                             aliases=tuple(parsed.aliases)))
    return people


# A name written plainly at the start of a cast line: up to six capitalised words (particles
# such as "von" or "de" allowed inside), an optional parenthesis, then ":" or a dash.
_PARTICLE = r"(?:de|da|del|della|di|du|la|le|van|von|der|den|al|bin|ibn|ben|y|of|the)"
_NAME_WORD = r"[A-Z\u00C0-\u024F][\w.'’\u00C0-\u024F-]*"
_PLAIN_NAME = re.compile(
    rf"^\s*(?P<name>{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|{_PARTICLE})){{0,5}}"
    r"(?:\s*\([^()]*\))?)\s*(?P<sep>:|—|–|--|\s-)\s+(?=\S)")
# Labels that start a line the way a name would but introduce something else.
_NOT_NAMES = {"note", "notes", "see", "source", "sources", "tip", "example", "summary", "also",
              "remember", "key", "todo", "done", "answer", "question", "warning", "important"}


def plain_entry(rich: RichText, line: int, diag: Collector) -> Person | None:
    """``Herbert Hoover: President …``, ``Sergei Korolev — chief designer …``, ``Qin Shi Huang
    (First Emperor): …``: a cast entry whose name is not bold."""
    if not rich or not isinstance(rich[0], Text):
        return None
    m = _PLAIN_NAME.match(rich[0].value)
    if m is None or m.group("name").split()[0].lower() in _NOT_NAMES:
        return None
    sep = m.group("sep").strip()
    rest = (Text(f"{sep} " + rich[0].value[m.end() :]),) + rich[1:]
    return read_entry((Strong((Text(m.group("name")),)),) + rest, line, diag)


def entry(rich: RichText, line: int, diag: Collector) -> Person | None:
    """A cast entry with a bold name or a plain one."""
    return read_entry(rich, line, diag) or plain_entry(rich, line, diag)


def _not_a_person(rich: RichText) -> bool:
    """A question or a numbered line under a cast heading is no failed cast entry."""
    words = plain_text(rich).strip()
    return words.endswith(QUESTION_MARKS) \
        or bool(re.match(r"^(?:Q\s*)?\d{1,3}[.)]\s", words))


def _paragraph_people(para: Paragraph, diag: Collector) -> tuple[list[Person], list[Block]]:
    """One entry per line of a paragraph (``Name (alias): …`` lines typed one under another);
    a line that starts no entry of the first line's kind continues the entry above it, and a
    paragraph whose first line is no entry stays prose."""
    lines = inline.split_lines(para.text)
    first = read_entry(lines[0], para.line, diag)
    read = read_entry
    if first is None:
        first, read = plain_entry(lines[0], para.line, diag), plain_entry
    if first is None:
        return [], [para]
    people = [first]
    for offset, text in enumerate(lines[1:], 1):
        person = read(text, para.line + offset, diag)
        if person is not None:
            people.append(person)
        else:
            last = people[-1]
            people[-1] = replace(last, description=inline.strip(
                last.description + (LineBreak(hard=False),) + text))
    return people, []


def _join(lines: list[RichText]) -> RichText:
    out: RichText = ()
    for ln in lines:
        out += ((LineBreak(hard=False),) if out else ()) + ln
    return out


def _list_people(block: BulletList, diag: Collector) -> tuple[list[Person], list[Block]]:
    people: list[Person] = []
    leftovers: list[Block] = []
    for item in block.items:
        person = entry(item.text, item.line, diag)
        nested, rest = inline.nested_text(item.children)
        leftovers.extend(rest)
        if person and nested:
            person = replace(person, description=person.description + nested)
        if person:
            people.append(person)
        elif item.text:
            if not _not_a_person(item.text):
                diag.warning("cast-entry", "this item under a cast heading was not read as a "
                             "person; write it as '**Name (Role, dates):** description' or "
                             "'Name: description'", item.line)
            leftovers.append(Paragraph(item.text, item.line))
    return people, leftovers


def read_cast(blocks: list[Block] | tuple[Block, ...], diag: Collector,
              ) -> tuple[list[Person], list[Block]]:
    """People from paragraphs and list items; what is not a cast entry comes back as prose."""
    people: list[Person] = []
    leftovers: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            found, rest = _paragraph_people(block, diag)
        elif isinstance(block, Table) and block.rows:
            found, rest = read_cast_table(block, diag), []
        elif isinstance(block, BulletList):
            found, rest = _list_people(block, diag)
        else:
            found, rest = [], [block]
        people.extend(found)
        leftovers.extend(rest)
    return people, leftovers


def heading_entry(heading: HeadingBlock, blocks: list[Block], diag: Collector,
                  ) -> tuple[Person | None, list[Block]]:
    """A person written as a sub-heading (``### Hadrian (76–138)``) with the paragraphs below
    as their description; None unless the heading reads as a name with dates or a role."""
    parsed = parse_heading(plain_text(heading.text).strip(), heading.line, diag)
    if not parsed.name or len(parsed.name.split()) > 6 or not (parsed.span or parsed.role):
        return None, list(blocks)
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    description: RichText = ()
    for para in paragraphs:
        description += ((LineBreak(),) if description else ()) + para.text
    person = Person(name=parsed.name, line=heading.line, role=parsed.role, span=parsed.span,
                    span_kind=parsed.span_kind, description=inline.strip(description),
                    aliases=tuple(dict.fromkeys(a for a in parsed.aliases if a != parsed.name)))
    return person, [b for b in blocks if not isinstance(b, Paragraph)]


def dated_people(block: BulletList) -> list[Person]:
    """A list whose items mostly pair a bold name with dates (``**Name (Role, 1900–1950):**
    …``) is a cast wherever it stands; an empty list when it is not."""
    quiet = Collector("")
    items = [i for i in block.items if i.text]
    people = [p for i in items if (p := read_entry(i.text, i.line, quiet)) and p.span]
    if len(people) < 2 or len(people) * 3 < len(items) * 2 or len(people) != len(items):
        return []
    return [replace(p, description=p.description + inline.nested_text(i.children)[0])
            for p, i in zip(people, items, strict=True)]
