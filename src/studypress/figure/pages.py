"""A figure continued over pages: when one page cannot hold the timeline at full size, its
dated events are split by time into stretches, each laid out as a figure of its own (its own
axis, people and key) with a "continued" line at the top.

Text is never shrunk to fit a page: a page that would need more than its height takes fewer
events. The cuts fall where the events leave the widest gap near an even share of them, so a
cluster of events stays on one page where it can.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from .. import timeaxis
from ..dates import year_label
from ..model import Event, Person
from .items import Item, Page, items, person_spans
from .layout import Draft, draft
from .shapes import Layout, Part
from .style import Style
from .text import FontSet
from .undated import undated_height

PLACEHOLDER = "Part 1 of 2"  # the header's height is what matters while the cuts are sought


def paged_layouts(events: Sequence[Event], people: Sequence[Person], width: float,
                  page_height: float, style: Style, fs: FontSet, *,
                  first_height: float | None = None) -> list[Layout]:
    """The figure as one layout when it fits its first page, else one layout per page, each
    no taller than its page (unless a single event with its people cannot fit).

    The first page is ``first_height`` tall (the room left under what opens the page it
    shares), every other one ``page_height``; None: all are ``page_height``."""
    paged = paged_drafts(events, people, width, page_height, style, fs,
                         first_height=first_height)
    assert paged is not None
    return paged.layouts()


@dataclass
class Paged:
    """``paged_layouts`` planned but not yet assembled: how many pages fall back to numbered
    marks is known before any is assembled (a figure tried at two widths assembles only the
    one it keeps)."""

    pages: list[tuple[int, int, Draft]]  # each page's events (a stretch of ``its``), planned
    its: list[Item]  # the dated events in the order the pages take them
    style: Style
    fs: FontSet
    whole: bool = False  # one page, the whole figure: no "continued" line

    @property
    def numbered(self) -> int:
        """How many pages have numbered marks and a key rather than full labels."""
        return sum(d.numbered for _, _, d in self.pages)

    def layouts(self) -> list[Layout]:
        """The pages' layouts, assembled (with their "continued" lines)."""
        if self.whole:
            return [d.layout() for _, _, d in self.pages]
        return _headed([(a, b, d.layout()) for a, b, d in self.pages], self.its, self.style,
                       self.fs)


def paged_drafts(events: Sequence[Event], people: Sequence[Person], width: float,
                 page_height: float, style: Style, fs: FontSet, *,
                 first_height: float | None = None, numbered_below: int | None = None
                 ) -> Paged | None:
    """``paged_layouts`` up to their assembly. With ``numbered_below``, None as soon as that
    many of the pages have numbered marks: a try that can no longer be kept is not finished."""
    first = page_height if first_height is None else first_height
    whole = _whole(events, people, width, style, fs)
    its = [it for it in items(events, "iso") if it.span is not None]
    if whole.height <= first + 0.01 or len(its) < 2:
        return Paged([(0, len(its), whole)], its, style, fs, whole=True)
    its.sort(key=lambda it: (_middle(it), it.index))
    packer = _Packer(events, people, its, person_spans(people), width, page_height, style, fs)
    undated = [it.index for it in items(events, "iso") if it.span is None]
    # a long list of undated events takes pages of its own rather than crowd the last one
    apart = undated_height(len(undated), width, style) > page_height / 3
    packer.undated = not apart
    guess = max(1, int(len(its) * first / whole.height))
    pages: list[tuple[int, int, Draft]] = []
    numbered = 0  # the numbered marks of the pages so far
    while not pages or pages[-1][1] < len(its):
        start = pages[-1][1] if pages else 0
        height = page_height if pages else first
        end, lay = packer.page(start, guess, height)
        if lay.numbered:
            packer.first += end - start
        pages.append((start, end, lay))
        numbered += lay.numbered
        if numbered_below is not None and numbered >= numbered_below:
            return None
        # the next page holds about as many events for its height as this one did
        guess = max(1, int((end - start) * page_height / height))
    if apart:
        pages.extend((len(its), len(its), lay) for lay in packer.lists(undated))
    return Paged(pages, its, style, fs)


def _whole(events: Sequence[Event], people: Sequence[Person], width: float, style: Style,
           fs: FontSet) -> Draft:
    """The whole figure's draft at ``width``, planned once per font set: a figure asked for
    again with a lower first page (the guide's) starts from the same whole figure."""
    if not (isinstance(events, tuple) and isinstance(people, tuple)):  # a list may change
        return draft(events, people, width, None, style, fs)
    found = fs.by_note.get((events, people, style),
                           lambda: draft(events, people, width, None, style, fs),
                           ("whole", width))
    assert isinstance(found, Draft)
    return found


def _middle(it: Item) -> float:
    assert it.span is not None
    return (it.span[0] + it.span[1]) / 2


class _Packer:
    """Fills pages one after another, each with as many events as fit its height."""

    def __init__(self, events: Sequence[Event], people: Sequence[Person], its: list[Item],
                 spans: list, width: float, page_height: float, style: Style,
                 fs: FontSet) -> None:
        self.events, self.people, self.its, self.spans = events, people, its, spans
        self.width, self.height, self.style, self.fs = width, page_height, style, fs
        self.first = 1  # the number the next numbered page starts from
        self.gaps: set[int] = set()  # cuts made at an empty stretch: pages never grow past one
        self.undated = True  # the last page of events lists the undated ones

    def lists(self, undated: list[int]) -> list[Draft]:
        """Pages listing the undated events alone (no axis), as many on each as fit."""
        out: list[Draft] = []
        start, m = 0, len(undated)
        while start < len(undated):
            part = undated[start:start + m]
            page = Page(frozenset(), frozenset(), undated=part, header=PLACEHOLDER)
            lay = draft(self.events, self.people, self.width, None, self.style, self.fs,
                        page=page)
            if lay.height > self.height + 0.01 and len(part) > 1:
                m = max(1, min(len(part) - 1, int(len(part) * self.height / lay.height)))
                continue
            out.append(lay)
            start += len(part)
        return out

    def page(self, start: int, guess: int, height: float) -> tuple[int, Draft]:
        """The end (exclusive) and layout of the fullest page ``height`` tall starting at
        ``start``: a few tries, each sized from the last one's height, between the largest
        count known to fit and the smallest known not to."""
        left = len(self.its) - start
        good: tuple[int, Draft] | None = None
        bad = left + 1
        m = max(1, min(guess, left))
        for _ in range(8):
            end = self.cut(start, m, good[0] + 1 if good else start + 1)
            lay = self.lay(start, end)
            n = end - start
            if lay.height <= height + 0.01:
                good = (end, lay)
                if end - start == left or lay.height >= 0.85 * height or end in self.gaps:
                    break
                m = min(bad - 1, int(n * min(1.5, 0.95 * height / lay.height)) + 1)
            else:
                bad = n
                if good is None and n == 1:
                    return end, lay  # one event alone is too tall: nothing fits better
                m = max(1, min(bad - 1, int(n * 0.95 * height / lay.height)))
            if good is not None and m <= good[0] - start:
                break
        if good is None:
            end = start + 1
            return end, self.lay(start, end)
        return good

    def cut(self, start: int, m: int, least: int) -> int:
        """The end of a page of about ``m`` events from ``start`` (``least`` at least): at an
        empty stretch wider than the rest of the page's time where one leaves a third of the
        events or more before it (a page then shows one stretch of time, not two far apart),
        else at the widest gap between neighbouring events among the last quarter of them, so
        clusters stay together."""
        its, n = self.its, len(self.its)
        end = min(n, start + m)
        if end - start > 2:
            mids = [_middle(it) for it in its[start:end]]
            c = max(range(1, len(mids)), key=lambda i: (mids[i] - mids[i - 1], -i))
            gap = mids[c] - mids[c - 1]
            tail = start + m < n or 3 * (len(mids) - c) >= len(mids)  # not a lone last few
            if 2 * gap > mids[-1] - mids[0] and start + c >= least and 3 * c >= m and tail:
                self.gaps.add(start + c)
                return start + c
        if end >= n:
            return n
        lo = min(end, max(least, end - m // 4))
        return max(range(lo, end + 1),
                   key=lambda c: (_middle(its[c]) - _middle(its[c - 1]), c))

    def lay(self, start: int, end: int) -> Draft:
        part = self.its[start:end]
        lo = min(it.span[0] for it in part if it.span)
        hi = max(it.span[1] for it in part if it.span)
        mine = [i for i, s in enumerate(self.spans) if s is not None and s[0] < hi and s[1] > lo]
        page = Page(frozenset(it.index for it in part), frozenset(mine),
                    undated=self.undated and end == len(self.its), first_number=self.first,
                    header=PLACEHOLDER)
        return draft(self.events, self.people, self.width, None, self.style, self.fs,
                     page=page)


def _years(part: list[Item], language: str = "en") -> str:
    """The stretch of years a page covers: ``1447–1459``, ``221 BCE – 1455``."""
    first = timeaxis.civil(min(it.span[0] for it in part if it.span))[0]
    last = timeaxis.civil(max(it.span[1] for it in part if it.span) - 1)[0]
    era = first < 0
    a, b = year_label(first, era, language), year_label(last, era, language)
    if a == b:
        return a
    return f"{a} – {b}" if " " in a + b else f"{a}–{b}"


def header_text(k: int, total: int, years: str, style: Style | None = None) -> str:
    """A page's "continued" line, in the style's wording."""
    key = ("part_only" if total == 1 else "part_first" if k == 1
           else "part_last" if k == total else "part_middle")
    return (style or Style()).say(key, k=k, total=total, years=years, previous=k - 1,
                                  next=k + 1)


def _headed(pages: list[tuple[int, int, Layout]], its: list[Item], style: Style,
            fs: FontSet) -> list[Layout]:
    """The pages' layouts with their real "continued" lines in place of the placeholder."""
    size = style.key_font_size
    out: list[Layout] = []
    for k, (start, end, lay) in enumerate(pages):
        years = (_years(its[start:end], style.language) if end > start
                 else style.say("undated_title").rstrip(":"))  # a page of the undated list
        text = header_text(k + 1, len(pages), years, style)
        for n, lab in enumerate(lay.labels):
            if lab.role == "continued":
                shown = fs.fit(text, lay.width - 2 * style.margin, size)
                box = replace(lab.box, x1=lab.box.x0 + fs.width(shown, size, True))
                lay.labels[n] = replace(lab, box=box, parts=(Part(shown, True, True),))
        out.append(lay)
    return out
