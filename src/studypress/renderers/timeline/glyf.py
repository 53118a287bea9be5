"""A TrueType glyph's outline read from the font's own ``glyf`` table, as FreeType's
``FT_Outline_Decompose`` hands it to ReportLab's text-to-path code (``FTTextPath``): the same
path commands, to the last bit, without loading FreeType.

ReportLab keeps every registered TrueType face's bytes and glyph locations, so the outline of
one character is a few bytes to read. Composite glyphs that scale their parts, or place them
by matching points, or take one part's metrics for the whole, are left to FreeType
(``None``): few of the packaged fonts' characters need that.
"""

from __future__ import annotations

from struct import unpack_from
from typing import Any

Point = tuple[int, int]
# (the points, whether each is on the curve, the index of each contour's last point)
Outline = tuple[list[Point], list[bool], list[int]]

_ARG_WORDS, _XY_VALUES, _MORE = 0x1, 0x2, 0x20
_SCALED = 0x8 | 0x40 | 0x80  # a scale, an x and y scale, a 2 by 2 transform
_MY_METRICS = 0x200  # the part whose metrics the whole takes (and so its place)


def glyph_outline(face: Any, glyph: int) -> Outline | None:
    """The glyph's points in font units, each contour's end, composite parts put together,
    moved as FreeType moves them (its left side bearing from ``hmtx`` where its box says
    another); None for what FreeType alone reads as it does (a scaled or point-matched part)."""
    outline = _outline(face, glyph, 0)
    if outline is None or not outline[0]:
        return outline
    shift = -_origin(face, glyph, 0)
    if shift:
        return [(x + shift, y) for x, y in outline[0]], outline[1], outline[2]
    return outline


def _origin(face: Any, glyph: int, depth: int) -> int:
    """Where FreeType's first phantom point stands: the glyph box's left less its left side
    bearing, taken from the part marked to give the whole its metrics, if any."""
    start = face.table["glyf"]["offset"] + face.glyphPos[glyph]
    data = face._ttf_data
    metrics = face.hmetrics
    lsb = metrics[glyph][1] if glyph < len(metrics) else metrics[-1][1]
    lsb -= (lsb & 0x8000) << 1  # ReportLab reads it unsigned
    contours, x_min = unpack_from(">hh", data, start)
    origin = x_min - lsb
    if contours >= 0 or depth > 8:
        return origin
    p = start + 10
    while True:
        flags, part = unpack_from(">HH", data, p)
        p += 8 if flags & _ARG_WORDS else 6
        if flags & _MY_METRICS:
            origin = _origin(face, part, depth + 1)  # its own: the part's offset aside
        if not flags & _MORE:
            return origin



def _outline(face: Any, glyph: int, depth: int) -> Outline | None:
    pos = face.glyphPos
    if glyph + 1 >= len(pos) or depth > 8:
        return None
    start = face.table["glyf"]["offset"] + pos[glyph]
    if pos[glyph + 1] <= pos[glyph]:
        return [], [], []
    data = face._ttf_data
    contours = unpack_from(">h", data, start)[0]
    if contours >= 0:
        return _simple(data, start, contours)
    return _composite(face, data, start + 10, depth)


def _simple(data: bytes, start: int, contours: int) -> Outline:
    ends = list(unpack_from(f">{contours}H", data, start + 10))
    p = start + 10 + 2 * contours
    p += 2 + unpack_from(">H", data, p)[0]  # past the instructions
    n = ends[-1] + 1 if ends else 0
    flags: list[int] = []
    while len(flags) < n:
        f = data[p]
        p += 1
        flags.append(f)
        if f & 8:
            flags.extend([f] * data[p])
            p += 1
    del flags[n:]
    xs, p = _coordinates(data, p, flags, 0x2, 0x10)
    ys, p = _coordinates(data, p, flags, 0x4, 0x20)
    return list(zip(xs, ys, strict=True)), [bool(f & 1) for f in flags], ends


def _coordinates(data: bytes, p: int, flags: list[int], short: int, same: int
                 ) -> tuple[list[int], int]:
    out: list[int] = []
    v = 0
    for f in flags:
        if f & short:
            d = data[p]
            p += 1
            v += d if f & same else -d
        elif not f & same:
            v += unpack_from(">h", data, p)[0]
            p += 2
        out.append(v)
    return out, p


def _composite(face: Any, data: bytes, p: int, depth: int) -> Outline | None:
    points: list[Point] = []
    on: list[bool] = []
    ends: list[int] = []
    while True:
        flags, glyph = unpack_from(">HH", data, p)
        p += 4
        if flags & _SCALED or not flags & _XY_VALUES:
            return None
        if flags & _ARG_WORDS:
            dx, dy = unpack_from(">hh", data, p)
            p += 4
        else:
            dx, dy = unpack_from(">bb", data, p)
            p += 2
        part = _outline(face, glyph, depth + 1)
        if part is None:
            return None
        base = len(points)
        points.extend((x + dx, y + dy) for x, y in part[0])
        on.extend(part[1])
        ends.extend(base + e for e in part[2])
        if not flags & _MORE:
            return points, on, ends


def _half(a: int, b: int) -> int:
    """C's ``(a + b) / 2`` on integers: rounded toward zero."""
    s = a + b
    return s // 2 if s >= 0 else -(-s // 2)


def decompose(outline: Outline) -> list[tuple]:
    """The outline as FreeType's decomposition calls, one tuple each: ``("move", p)``,
    ``("line", p)``, ``("conic", control, p)``."""
    points, on, ends = outline
    calls: list[tuple] = []
    first = 0
    for last in ends:
        v_start = points[first]
        limit = last
        i = first
        if not on[first]:
            if on[last]:
                v_start = points[last]
                limit -= 1
            else:
                v_start = (_half(v_start[0], points[last][0]), _half(v_start[1], points[last][1]))
            i -= 1
        calls.append(("move", v_start))
        closed = False
        while i < limit:
            i += 1
            if on[i]:
                calls.append(("line", points[i]))
                continue
            control = points[i]
            while True:
                if i < limit:
                    i += 1
                    vec = points[i]
                    if on[i]:
                        calls.append(("conic", control, vec))
                        break
                    middle = (_half(control[0], vec[0]), _half(control[1], vec[1]))
                    calls.append(("conic", control, middle))
                    control = vec
                    continue
                calls.append(("conic", control, v_start))
                closed = True
                break
            if closed:
                break
        if not closed:
            calls.append(("line", v_start))
        first = last + 1
    return calls


def path_ops(calls: list[tuple], scale: float) -> list[tuple]:
    """The path ReportLab's ``FTTextPath`` makes of the calls at ``scale`` (a character drawn
    alone at the origin): ``moveTo``, ``lineTo``, ``curveTo`` (a conic made cubic) and
    ``closePath``, in the same floating-point steps."""
    ops: list[tuple] = []
    for call in calls:
        kind = call[0]
        if kind == "move":
            if ops:
                ops.append(("closePath",))
            ops.append(("moveTo", scale * (call[1][0] + 0.0), scale * (call[1][1] + 0.0)))
        elif kind == "line":
            ops.append(("lineTo", scale * (call[1][0] + 0.0), scale * (call[1][1] + 0.0)))
        else:
            x0, y0 = ops[-1][-2:]
            x1, y1 = scale * (call[1][0] + 0.0), scale * (call[1][1] + 0.0)
            x2, y2 = scale * (call[2][0] + 0.0), scale * (call[2][1] + 0.0)
            ops.append(("curveTo", x0 + ((x1 - x0) * 2) / 3, y0 + ((y1 - y0) * 2) / 3,
                        x1 + (x2 - x1) / 3, y1 + (y2 - y1) / 3, x2, y2))
    if ops:
        ops.append(("closePath",))
    return ops
