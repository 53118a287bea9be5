"""The guide's document template and page furniture: running header, ``page X of Y`` footer,
outline entries and contents lines that point at the page where each section starts.

The page total comes from the previous ``multiBuild`` pass (``PageTotal`` keeps ReportLab
building until the total printed in the footers equals the pages actually made). The common
"numbered canvas" recipe instead defers every page to the end, which sends bookmarks to page 1.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, KeepTogether, Table
from reportlab.platypus.doctemplate import BaseDocTemplate, IndexingFlowable, PageTemplate
from reportlab.platypus.frames import Frame
from reportlab.platypus.tableofcontents import TableOfContents

from ... import fonts
from ..pdf.document import pdf_date
from ..pdf.runs import draw_runs, fit_runs
from . import replay
from .settings import GuideSettings


def drafting(canvas) -> bool:
    """True while a document template draws a page it throws away (``GuideDoc.drafting``: the
    first pass of ``multiBuild``, run only to learn page numbers)."""
    return bool(getattr(getattr(canvas, "_doctemplate", None), "drafting", False))


@dataclass(frozen=True)
class DocInfo:
    """What the PDF says about itself."""

    title: str
    subject: str
    keywords: tuple[str, ...]
    creator: str
    header: str  # the running header's text
    build_time: int


class Anchor(Flowable):
    """An invisible mark before a heading: the outline entry and contents line point here."""

    _ZEROSIZE = 1
    # The frame merges a paragraph's space after with the next one's space before. Placed
    # between them, an anchor would stop that merge and the heading would land lower than
    # the room its group was measured against.
    _SPACETRANSFER = True

    def __init__(self, key: str, title: str, level: int, toc_markup: str | None) -> None:
        super().__init__()
        self.key = key
        self.title = title  # plain text for the outline
        self.level = level
        self.toc_markup = toc_markup  # escaped Paragraph markup, None: not in the contents
        self.keepWithNext = 1
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkHorizontal(self.key, 0, 0)


class KeepWithNext(KeepTogether):
    """What ``keepWithNext`` groups (a heading and what follows it) become.

    A group that does not fit keeps its heading with the *start* of what follows: the last
    flowable (a table, a paragraph, a list item) is split so its first rows or lines stay on
    this page. When that is impossible the whole group moves to the next page: a heading is
    never left alone at the foot of a page.
    """

    SLACK = 2.0  # points kept free for rounding between measuring and placing

    def getSpaceBefore(self, content: list[Flowable] | None = None) -> float:
        # The frame subtracts this from the room it offers the group. A heading's outline
        # anchor comes first and is zero-sized: the space that counts is the heading's own.
        for f in self._content if content is None else content:
            if not hasattr(f, "frameAction") and not getattr(f, "_ZEROSIZE", False):
                return f.getSpaceBefore()
        return 0

    def split(self, aW: float, aH: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        if aH < self._H:
            started = self._start_here(aW, aH)
            if started:
                return started
        return super().split(aW, aH)

    def _start_here(self, aW: float, aH: float) -> list[Flowable] | None:
        from reportlab.platypus.flowables import _listWrapOn

        head, last = self._content[:-1], self._content[-1]
        if not head:
            return None
        used = _listWrapOn(head, aW, self.canv)[1] + head[-1].getSpaceAfter()
        free = aH - used - last.getSpaceBefore() - self.SLACK
        if free <= 0:
            return None
        parts = last.splitOn(self.canv, aW, free)
        if len(parts) < 2:
            return None
        first_height = parts[0].wrapOn(self.canv, aW, free)[1]
        return [*head, *parts] if first_height <= free else None


class MoveOver(IndexingFlowable):
    """Before a section's heading: when the heading and its first item stand alone at the
    foot of a page (the second item starts the next), the section starts on the next page
    instead, if that costs no page.

    The first pass finds out (the heading's ``Anchor`` and the second item carry
    ``page_probe``); every such section moves in the second, and all move back in a third
    if the guide grew by a page: at most two passes more, however many sections there are.
    """

    SHARE = 0.4  # at most this share of a page is left empty by a move
    _ZEROSIZE = 1
    _SPACETRANSFER = True  # like ``Anchor``: the space around it merges as if it were absent

    def __init__(self) -> None:
        super().__init__()
        self.width = self.height = 0
        self.state = "watch"  # then "moved", then "kept" or "back"
        self.rounds = 0
        self.pages: dict[int, int] = {}
        self.room = 0.0
        self.pages_then = 0
        self.doc: GuideDoc | None = None
        self._satisfied = True

    def saw(self, slot: int, page: int, doc: GuideDoc) -> None:
        """The page the heading (slot 0) or the second item (slot 1) was drawn on."""
        self.pages.setdefault(slot, page)
        self.doc = doc

    @property
    def moves(self) -> bool:
        """True when the section starts on the next page if its heading would stand low."""
        return self.state in ("moved", "kept")

    def beforeBuild(self) -> None:
        self.pages = {}

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        frame = self._doctemplateAttr("frame")
        if frame is None:
            return 0, 0
        self.room = 0.0 if getattr(frame, "_atTop", 0) else availHeight / frame._height
        if self.moves and 0 < self.room < self.SHARE:
            from reportlab.platypus.doctemplate import FrameBreak

            frame.add_generated_content(FrameBreak)
        return 0, 0

    def drawOn(self, canvas, x: float, y: float, _sW: float = 0) -> None:
        pass  # nothing to draw, not even an empty graphics state in the page's content

    def draw(self) -> None:
        pass

    def _lonely(self) -> bool:
        first, second = self.pages.get(0), self.pages.get(1)
        return (first is not None and second is not None and second > first
                and 0 < self.room < self.SHARE)

    def afterBuild(self) -> None:
        self.rounds += 1
        self._satisfied = True
        if self.doc is None:
            return
        pages = self.doc.pages_made
        if self.state == "watch" and self.rounds == 1 and self._lonely():
            self.state, self.pages_then, self._satisfied = "moved", pages, False
        elif self.state == "moved":
            grew = pages > self.pages_then
            self.state, self._satisfied = ("back", False) if grew else ("kept", True)

    def isSatisfied(self) -> bool:
        return self._satisfied


class PageTotal(IndexingFlowable):
    """Keeps ``multiBuild`` going until the footers' page total matches the real one."""

    def __init__(self, doc: GuideDoc) -> None:
        super().__init__()
        self.doc = doc
        self.width = self.height = 0
        self._printed: int | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass

    def afterBuild(self) -> None:
        self._printed = self.doc.page_total
        self.doc.page_total = self.doc.pages_made

    def isSatisfied(self) -> bool:
        return self._printed == self.doc.page_total


class Contents(TableOfContents):
    """ReportLab's table of contents, its table made once per pass and width: the frame, a
    split and a group kept together each ask its size, and ReportLab's would build every
    line's paragraph anew each time."""

    _CALLBACK = "drawTOCEntryEnd"  # ReportLab's name for what draws the dots and the page

    def __init__(self, **kw: object) -> None:
        super().__init__(**kw)
        self._made: tuple[object, ...] | None = None
        self.room: tuple[float, float] | None = None  # as last asked its size
        self.was_split = False

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.room = (availWidth, availHeight)
        made = self._made
        if (made is not None and made[0] is self.canv and made[1] == availWidth
                and made[2] == self._lastEntries):
            # the callback that draws the page numbers is the one made for this width
            self.canv.setNamedCB(self._CALLBACK, made[3])
            self.width, self.height = self._table.wrapOn(self.canv, availWidth, availHeight)
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._made = (self.canv, availWidth, list(self._lastEntries),
                      self.canv.getNamedCB(self._CALLBACK))
        return size

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.was_split = True  # its pieces would keep the first pass's pages
        return super().split(availWidth, availHeight)


class WritingLines(Flowable):
    """Ruled lines to write an answer on, ``indent`` in from the left (from the right, under
    a question that reads right to left)."""

    def __init__(self, count: int, spacing: float, colour: str, indent: float = 0,
                 from_right: bool = False) -> None:
        super().__init__()
        self.count = count
        self.spacing = spacing
        self.colour = colour
        self.indent = indent
        self.from_right = from_right

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = self.count * self.spacing + 2
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(HexColor(self.colour))
        c.setLineWidth(0.5)
        for i in range(1, self.count + 1):
            y = self.height - i * self.spacing
            if self.from_right:
                c.line(0, y, self.width - self.indent, y)
            else:
                c.line(self.indent, y, self.width, y)
        c.restoreState()


class FitDrawing(Flowable):
    """A vector drawing scaled down (never up) to the frame, so no figure is "too large"."""

    def __init__(self, drawing, max_height: float, font: str) -> None:
        super().__init__()
        # renderPDF opens every drawing by selecting its initial font, Helvetica unless the
        # drawing names one: that alone would put an unembedded font on the page.
        if not getattr(drawing, "initialFontName", None):
            drawing.initialFontName = font
        self.drawing = drawing
        self.max_height = max_height
        self.scale = 1.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        w = float(self.drawing.width) or 1.0
        h = float(self.drawing.height) or 1.0
        self.scale = min(1.0, availWidth / w, self.max_height / h)
        self.width, self.height = w * self.scale, h * self.scale
        return self.width, self.height

    def draw(self) -> None:
        from reportlab.graphics import renderPDF

        self.canv.saveState()
        self.canv.scale(self.scale, self.scale)
        renderPDF.draw(self.drawing, self.canv, 0, 0)
        self.canv.restoreState()


FRESH = 0.8  # a table given this share of a page's height or more stands at its top


class RowTable(Table):
    """A table of entries (the chronology's events, the cast's pairs) that splits between rows
    as a reader expects: never one row alone at the top of a page, never the first row alone
    at the foot of one, and never inside a row (a date on one page, its text on the next)
    unless the row is too tall for the top of a page as well."""

    def __init__(self, *args: object, page_height: float = 700.0, **kw: object) -> None:
        super().__init__(*args, **kw)  # type: ignore[arg-type]
        self.page_height = page_height
        self._sized: object = None

    def _room(self, availWidth: float, availHeight: float) -> object:
        # Without spanned cells ReportLab measures every row whatever the height offered
        # (``Table._calc_height`` stops early only to finish a span): the width alone counts.
        return (availWidth, availHeight) if self._spanCmds else availWidth

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # Asked again for the room it was last measured in (by the frame, a kept-together
        # group, the next pass, another page), the table has the rows it had: its cells are
        # what they were.
        room = self._room(availWidth, availHeight)
        if self._sized != room:
            super().wrap(availWidth, availHeight)
            self._sized = room
        self.availWidth = availWidth
        return self._width, self._height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        room = self._room(availWidth, availHeight)
        if self._sized != room:
            self._calc(availWidth, availHeight)
            self._sized = room
        heights = self._rowHeights
        fits = self._getFirstPossibleSplitRowPosition(availHeight)
        if fits >= len(heights):
            return [self]
        # at the top of a page (under a heading, perhaps): take what fits, or nothing moves on
        fresh = availHeight >= FRESH * self.page_height
        if not fresh and fits > 0 and len(heights) - fits == 1:
            fits -= 1  # the last row goes over with the one before it
        if fits == 0:
            # not even the first row fits: only a row the next page cannot hold is cut inside
            parts = self._splitRows(availHeight, doInRowSplit=True) if fresh else []
        elif not fresh and fits == 1:
            parts = []  # the first row alone at the foot of a page: all of it goes over
        else:
            parts = self._splitRows(sum(heights[:fits]) + 0.01, doInRowSplit=False)
        for k, part in enumerate(parts):  # ReportLab makes the parts anew, without the page
            part.page_height = self.page_height
            if k:
                # ReportLab repeats the rule under the last row left behind above the first
                # row carried over, where it doubles the running header's rule
                part._linecmds = [c for c in part._linecmds
                                  if not (c[0] == "LINEABOVE" and c[1][1] == 0)]
        return parts


_ATOMS = (int, float, str, type(None))


class BodyFrame(Frame):
    """The page's frame: it draws nothing while drafting, records where it drew what it was
    given while asked to, and is deep-copied without a step per number (a kept-together group
    copies the frame every time it is measured, ``_listWrapOn``, and a frame is mostly
    numbers)."""

    #: where the frame drew what it was given (``replay.Placement``), while it records
    log: list[replay.Placement] | None = None

    def add(self, flowable: Flowable, canv, trySplit: int = 0) -> int:
        log = self.log
        # The first pass's pages are thrown away: what the frame places there is measured and
        # placed, not drawn, but for a zero-sized mark, which draws nothing one could see and
        # may note the page it stands on (the book's index marks).
        sketch = drafting(canv) and not getattr(flowable, "_ZEROSIZE", False)
        if log is None and not sketch:
            return super().add(flowable, canv, trySplit)
        draw = flowable.drawOn

        def place(canvas, x: float, y: float, _sW: float = 0) -> None:
            if log is not None:
                room = getattr(flowable, "room", None) if isinstance(flowable, Contents) \
                    else None
                log.append(replay.Placement(flowable, canvas.getPageNumber(), x, y, _sW, room,
                                            flowable.height if room else 0.0))
            if not sketch:
                draw(canvas, x, y, _sW=_sW)  # what a flowable does while drawn stays as it was

        flowable.drawOn = place  # the frame draws what fits through this
        try:
            return super().add(flowable, canv, trySplit)
        finally:
            del flowable.drawOn

    def __deepcopy__(self, memo: dict[int, object]) -> BodyFrame:
        twin = self.__class__.__new__(self.__class__)
        memo[id(self)] = twin
        twin.__dict__.update({k: v if type(v) in _ATOMS else deepcopy(v, memo)
                              for k, v in self.__dict__.items() if k != "log"})
        return twin


class GuideDoc(BaseDocTemplate):
    """A4 or Letter pages with the guide's furniture; outline and contents from ``Anchor``s."""

    def __init__(self, buffer, settings: GuideSettings, info: DocInfo,
                 pagesize: tuple[float, float], fallbacks: tuple[str, ...] = (),
                 replay_pass: bool = False) -> None:
        top, right, bottom, left = settings.margins
        body = fonts.family(settings.body_family)
        super().__init__(
            buffer, pagesize=pagesize, leftMargin=left, rightMargin=right, topMargin=top,
            bottomMargin=bottom, title=info.title, subject=info.subject,
            keywords=list(info.keywords), creator=info.creator, author="",
            invariant=1, initialFontName=body.regular, initialFontSize=settings.sizes["body"],
            initialLeading=settings.sizes["body"] * settings.leading,
            displayDocTitle=1, lang=settings.lang, keepTogetherClass=KeepWithNext,
        )
        self.settings = settings
        self.info = info
        self.page_total: int | None = None  # pages of the previous pass
        self.pages_made = 0
        self._head = fonts.family(settings.heading_family)
        self._chain = fonts.fallback_chain(self._head, False, False, fallbacks)
        # the running header's text and that text as it fits (the book changes it by chapter)
        self._header: tuple[str, str] | None = None
        frame = BodyFrame(left, bottom, pagesize[0] - left - right, pagesize[1] - top - bottom,
                          id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.frame_height = frame._height
        self.frame_width = frame._width
        self._frame = frame
        self.replay_pass = replay_pass  # a pass draws where the one before placed things
        # the last pass's layout (``_layout``) and where it placed everything
        self._placements: tuple[tuple[bool, ...], list[replay.Placement]] | None = None
        self.addPageTemplates([
            PageTemplate("first", [frame], onPage=self._first_page, autoNextPageTemplate="later"),
            PageTemplate("later", [frame], onPage=self._later_page),
        ])

    @property
    def drafting(self) -> bool:
        """True in the first pass, whose pages are thrown away (no page total yet)."""
        return self.page_total is None

    def build(self, flowables, filename=None, canvasmaker=None) -> None:
        """One pass of ``multiBuild``: a pass laid out records where everything goes, and the
        next draws it there (``replay``) when nothing but page numbers can have changed."""
        kw = {} if canvasmaker is None else {"canvasmaker": canvasmaker}
        placements, self._placements = self._placements, None
        replayed = self._replayable(placements)
        if replayed is not None:
            super().build(replayed, filename, **kw)
            self._placements = placements  # the pages are laid out as they were
            return
        if not self.replay_pass:
            super().build(flowables, filename, **kw)
            return
        layout = self._layout()
        self._frame.log = []
        try:
            super().build(flowables, filename, **kw)
        finally:
            log, self._frame.log = self._frame.log, None
        self._placements = (layout, log)

    def _layout(self) -> tuple[bool, ...]:
        """What, besides page numbers, decides where a pass puts things: which sections move
        to the next page."""
        return tuple(f.moves for f in self._indexingFlowables if isinstance(f, MoveOver))

    def _replayable(self, placements: tuple[tuple[bool, ...], list[replay.Placement]] | None
                    ) -> list[Flowable] | None:
        """The last pass's places as a story, when this pass would find the same."""
        if placements is None or placements[0] != self._layout():
            return None  # none yet, or a section moves (or moves back): the pages change
        for f in self._indexingFlowables:
            if isinstance(f, Contents) and f.was_split:
                return None
            if not isinstance(f, (MoveOver, Contents, PageTotal)):
                return None
        return replay.story(placements[1], self.page_total or 0)

    # ------------------------------------------------------------ hooks
    def beforeDocument(self) -> None:
        stamp = pdf_date(self.info.build_time)
        self.canv.setDateFormatter(lambda *_: stamp)
        self.pages_made = 0

    def afterPage(self) -> None:
        self.pages_made = self.page

    def afterFlowable(self, flowable: Flowable) -> None:
        flowable = getattr(flowable, "placed", flowable)  # drawn where the first pass put it
        probe = getattr(flowable, "page_probe", None)
        if probe is not None:
            probe[0].saw(probe[1], self.page, self)
        if isinstance(flowable, Anchor):
            self.canv.addOutlineEntry(flowable.title, flowable.key, flowable.level,
                                      closed=flowable.level > 0)
            if flowable.toc_markup is not None:
                self.notify("TOCEntry", (flowable.level, flowable.toc_markup, self.page,
                                         flowable.key))

    # ------------------------------------------------------------ furniture
    def _footer(self, canv) -> None:
        s = self.settings
        total = self.page_total if self.page_total is not None else "?"
        canv.setFillColor(HexColor(s.colours["muted"]))
        draw_runs(canv, self.pagesize[0] / 2, s.footer_offset, s.footer(self.page, total),
                  self._chain, s.sizes["footer"], align="centre")

    def _first_page(self, canv, doc) -> None:
        if self.drafting:
            return  # the first pass's pages are thrown away
        canv.saveState()
        self._footer(canv)
        canv.restoreState()

    def _later_page(self, canv, doc) -> None:
        if self.drafting:
            return
        s = self.settings
        _top, right, _bottom, left = s.margins
        width = self.pagesize[0] - left - right
        y = self.pagesize[1] - s.header_offset - s.sizes["header"]
        canv.saveState()
        canv.setFillColor(HexColor(s.colours["muted"]))
        if self._header is None or self._header[0] != self.info.header:
            self._header = (self.info.header, fit_runs(self.info.header, width, self._chain,
                                                       s.sizes["header"]))
        draw_runs(canv, left, y, self._header[1], self._chain, s.sizes["header"])
        canv.setStrokeColor(HexColor(s.colours["rule"]))
        canv.setLineWidth(0.5)
        rule_y = y - s.sizes["header"] * 0.45
        canv.line(left, rule_y, left + width, rule_y)
        self._footer(canv)
        canv.restoreState()
