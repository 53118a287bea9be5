"""The marks on the axis: where each event sits, how wide its mark is, which row it takes,
and the era bands behind them."""

from __future__ import annotations

from collections.abc import Sequence

from .. import timeaxis
from ..model import Event
from .items import Item
from .style import Style
from .text import clean


def anchors(its: list[Item], ax: timeaxis.Axis) -> dict[int, float]:
    """x of each dated event: its interval's middle."""
    return {it.index: (ax.x(it.span[0]) + ax.x(it.span[1])) / 2 for it in its if it.span}


def extents(its: list[Item], where: dict[int, float], ax: timeaxis.Axis,
            style: Style) -> list[tuple[float, float]]:
    """The x extent of each event's mark."""
    out: list[tuple[float, float]] = []
    size = style.marker_size
    for it in its:
        x = where[it.index]
        if it.kind == "point" or not it.span:
            out.append((x - size / 2, x + size / 2))
            continue
        x0, x1 = ax.x(it.span[0]), ax.x(it.span[1])
        if x1 - x0 < size * 0.6:  # too short to see: a small bracket centred on the interval
            x0, x1 = x - size * 0.3, x + size * 0.3
        out.append((x0, x1))
    return out


def rows(marks: list[tuple[float, float]], max_rows: int) -> list[int]:
    """Stack overlapping marks in rows (up to ``max_rows``) so none hides another."""
    ends: list[float] = []
    out = [0] * len(marks)
    for _, i in sorted(zip([m[0] for m in marks], range(len(marks)), strict=True)):  # (x0, i)
        x0, x1 = marks[i]
        for r, end in enumerate(ends):
            if end + 1.0 <= x0:
                ends[r] = x1
                out[i] = r
                break
        else:
            if len(ends) < max_rows:
                ends.append(x1)
                out[i] = len(ends) - 1
            else:
                r = min(range(len(ends)), key=lambda r: ends[r])
                ends[r] = max(ends[r], x1)
                out[i] = r
    return out


def band_extents(events: Sequence[Event], its: list[Item],
                 ax: timeaxis.Axis) -> list[tuple[float, float, str]]:
    """Eras: groups whose heading is not itself a date, over their events' dates."""
    from ..dates import looks_like_date

    days_of: dict[str, list[int]] = {}
    for it in its:
        group = clean(events[it.index].group or "")
        if not group or not it.span:
            continue
        days_of.setdefault(group, []).extend(it.span)
    out: list[tuple[float, float, str]] = []
    for group, days in days_of.items():
        try:
            if looks_like_date(group):
                continue
        except Exception:  # a heading the date parser chokes on is still an era name
            pass
        x0, x1 = ax.x(min(days)), ax.x(max(days))
        if x1 - x0 < 2.0:
            mid = (x0 + x1) / 2
            x0, x1 = mid - 1.0, mid + 1.0
        out.append((x0, x1, group))
    return sorted(out)
