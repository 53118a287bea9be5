"""The back-of-book index: people and terms, with the pages where each is described.

A zero-sized ``IndexMark`` stands before each cast and glossary entry and records the page it
is drawn on, inside a table cell as well as in the main flow. ``BookIndex`` is an indexing
flowable: ``multiBuild`` repeats the build until the pages it lists are those of the last pass.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable
from reportlab.platypus.doctemplate import IndexingFlowable
from reportlab.platypus.flowables import BalancedColumns

from ...collation import first_letter
from ..guide.styles import Styles
from ..guide.text import sort_key
from ..pdf.markup import escape
from ..pdf.paragraph import Paragraph

GUTTER = 18.0  # points between the index's two columns
HANG = 12.0  # a long entry's second line is indented this much


class IndexMark(Flowable):
    """Records the page its entry is drawn on, and a link target there."""

    _ZEROSIZE = 1
    _SPACETRANSFER = True  # see guide.doc.Anchor: it must not stop the frame merging spaces

    def __init__(self, index: BookIndex, name: str, key: str) -> None:
        super().__init__()
        self.index = index
        self.name = name
        self.key = key
        self.keepWithNext = 1
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkHorizontal(self.key, 0, 0)
        self.index.found(self.name, self.canv.getPageNumber(), self.key)


class Unsplit(Flowable):
    """A heading and the line under it, moved together (balanced columns split a
    ``KeepTogether``)."""

    def __init__(self, head: Flowable, line: Flowable) -> None:
        super().__init__()
        self.head, self.line = head, line
        self.gap = head.getSpaceAfter() + line.getSpaceBefore()
        self.spaceBefore = head.getSpaceBefore()
        self.spaceAfter = line.getSpaceAfter()

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._heights = (self.head.wrap(availWidth, availHeight)[1],
                         self.line.wrap(availWidth, availHeight)[1])
        self.width = availWidth
        self.height = sum(self._heights) + self.gap
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        head_h = self._heights[0]
        self.head.drawOn(self.canv, 0, self.height - head_h)
        self.line.drawOn(self.canv, 0, 0)


@dataclass
class Entries:
    """What the index knows before the pages: each name's markup and the aliases."""

    markup: dict[str, str] = field(default_factory=dict)  # name → its escaped markup
    filed: dict[str, str] = field(default_factory=dict)  # name → the text it sorts and files by
    aliases: dict[str, tuple[str, str]] = field(default_factory=dict)  # alias → (markup, name)


class BookIndex(IndexingFlowable):
    """The index as two balanced columns, letter by letter; each page number links to its
    entry."""

    def __init__(self, styles: Styles, see: str, heading: Callable[[str], str],
                 language: str = "en") -> None:
        super().__init__()
        self.language = language  # whose alphabet orders the entries (studypress.collation)
        self.styles = styles
        self.see = see
        self.heading = heading  # a letter heading's markup
        self.entries = Entries()
        self.pages: dict[str, dict[int, str]] = {}  # name → page → link target
        self._last: dict[str, dict[int, str]] | None = None
        self._marks = 0
        body = styles["body"]
        size = round(body.fontSize * 0.9, 2)
        self.entry_style = ParagraphStyle(
            "index-entry", parent=body, fontSize=size, leading=round(size * 1.3, 2),
            bulletFontSize=size, leftIndent=HANG, firstLineIndent=-HANG, spaceAfter=0)
        self.letter_style = ParagraphStyle(
            "index-letter", parent=styles["h3"], spaceBefore=size * 0.8, spaceAfter=size * 0.2)

    # ------------------------------------------------------------ gathering
    def mark(self, name: str, markup: str, filed: str | None = None) -> IndexMark:
        """A mark for ``name`` (shown as ``markup``, filed as ``filed``: a person's name as
        ``studypress.names.filed`` inverts it) at the place it stands."""
        self.entries.markup.setdefault(name, markup)
        self.entries.filed.setdefault(name, filed or name)
        self._marks += 1
        return IndexMark(self, name, f"index-{self._marks}")

    def alias(self, alias: str, markup: str, name: str) -> None:
        """``alias, see name``: another name a person goes by."""
        self.entries.aliases.setdefault(alias, (markup, name))

    def found(self, name: str, page: int, key: str) -> None:
        """Called by a mark as it is drawn: ``name`` stands on ``page``."""
        self.pages.setdefault(name, {}).setdefault(page, key)

    # ------------------------------------------------------------ the multi-pass protocol
    def isIndexing(self) -> int:
        return 1

    def beforeBuild(self) -> None:
        self._last, self.pages = self.pages, {}

    def isSatisfied(self) -> bool:
        return self._last == self.pages

    # ------------------------------------------------------------ layout
    def names(self) -> list[str]:
        """Every entry in the order printed: the names marked, and the aliases of those."""
        shown = [*self.pages, *(a for a, (_, name) in self.entries.aliases.items()
                                if a not in self.pages and name in self.pages)]
        return sorted(shown, key=lambda name: sort_key(self._filed(name), self.language))

    def _filed(self, name: str) -> str:
        return self.entries.filed.get(name, name)

    def paragraphs(self) -> list[Flowable]:
        """The index's lines, under a letter wherever the first letter changes; names in a
        script without letters of two cases (Chinese, Japanese) follow in one group."""
        out: list[Flowable] = []
        letter = None
        for name in self.names():
            first = first_letter(self._filed(name), self.language)
            first = first if first != first.lower() else ""
            entry = Paragraph(self._entry(name), self.entry_style)
            if first != letter:
                letter = first
                # a letter never stands alone at the foot of a column
                head = Paragraph(self.heading(first) if first else "", self.letter_style)
                entry = Unsplit(head, entry)
            out.append(entry)
        return out

    def _entry(self, name: str) -> str:
        if name in self.pages:
            links = [f'<a href="#{key}">{page}</a>'
                     for page, key in sorted(self.pages[name].items())]
            return f"{self.entries.markup[name]}  {', '.join(links)}"
        markup, target = self.entries.aliases[name]
        return f"{markup}, <i>{escape(self.see)}</i> {self.entries.markup[target]}"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # Balanced columns lay themselves out in the frame they are added to: taller than
        # the room, the index is always split, into the columns the frame then places.
        return availWidth, availHeight + 1

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return [BalancedColumns(self.paragraphs() or [Paragraph("", self.entry_style)],
                                nCols=2, innerPadding=GUTTER)]

    def draw(self) -> None:
        pass  # never drawn: always split
