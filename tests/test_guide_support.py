"""Helpers for the guide tests: render a note, read the PDF back as a reader would see it."""

from __future__ import annotations

import io
import re
from pathlib import Path

from studypress.layouts import Layouts
from studypress.model import (
    Citation,
    Code,
    Emphasis,
    FootnoteRef,
    Highlight,
    LineBreak,
    Link,
    Math,
    Note,
    RichText,
    Strike,
    Strong,
    Text,
    WikiLink,
)
from studypress.renderers.base import RenderContext, RenderOptions
from studypress.renderers.guide import render_guide

BUILD_TIME = 1_700_000_000


def render(note: Note, printing: str = "full", paper: str = "a4",
           layouts: Path | None = None, when: int = BUILD_TIME):
    """The guide's bytes and diagnostics, as the build would get them."""
    ctx = RenderContext(RenderOptions(paper=paper, printing=printing), Layouts(layouts), when)
    return render_guide(note, ctx)


def norm(text: str) -> str:
    """Text without whitespace or soft hyphens: line breaks and wrapping do not matter."""
    return re.sub(r"[\s\u00ad]+", "", text)


def shown(rich: RichText) -> str:
    """The words of rich text as the guide prints them (citation markers kept)."""
    out: list[str] = []
    for node in rich:
        match node:
            case Text(value) | Code(value) | Math(value, _):
                out.append(value)
            case Citation(refs):
                out.append("[" + ", ".join(refs) + "]")
            case FootnoteRef(label):
                out.append(label)
            case LineBreak():
                out.append(" ")
            case Link(children, _) | WikiLink(_, children):
                out.append(shown(children))
            case Strong(children) | Emphasis(children) | Strike(children) | Highlight(children):
                out.append(shown(children))
    return "".join(out)


_FURNITURE = re.compile(r"^page \d+ of \d+$")


def page_texts(data: bytes) -> list[str]:
    """Each page's text (pypdf), without the running header and the footer."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = []
    for i, page in enumerate(reader.pages):
        lines = page.extract_text().splitlines()
        lines = [ln for ln in lines if not _FURNITURE.match(ln.strip())]
        if i > 0 and lines:
            lines = lines[1:]  # the running header, drawn before the page's content
        pages.append("\n".join(lines))
    return pages


def raw_page_texts(data: bytes) -> list[str]:
    import pypdf

    return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages]


def glyph_overlaps(chars: list[dict], eps: float = 0.1) -> list[tuple[dict, dict]]:
    """Pairs of visible glyph boxes that overlap by more than ``eps`` points both ways
    (touching boxes, as neighbours on a line are, do not count)."""
    visible = sorted((c for c in chars if c["text"].strip()), key=lambda c: c["x0"])
    found: list[tuple[dict, dict]] = []
    active: list[dict] = []
    for c in visible:
        active = [a for a in active if a["x1"] - eps > c["x0"]]
        for a in active:
            if min(a["bottom"], c["bottom"]) - max(a["top"], c["top"]) > eps:
                found.append((a, c))
        active.append(c)
    return found


def unembedded_fonts(data: bytes) -> list[str]:
    """Names of fonts in the PDF without an embedded font program (descendants included)."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    bad: list[str] = []
    seen: set[int] = set()

    def font_ok(font) -> bool:
        font = font.get_object()
        if font.get("/Subtype") == "/Type0":
            return all(font_ok(d) for d in font["/DescendantFonts"])
        if font.get("/Subtype") == "/Type3":
            return True  # drawn from its own glyph procedures
        desc = font.get("/FontDescriptor")
        if desc is None:
            return False
        desc = desc.get_object()
        return any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))

    def walk(resources) -> None:
        if resources is None:
            return
        resources = resources.get_object()
        for ref in (resources.get("/Font") or {}).values():
            obj = ref.get_object()
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            if not font_ok(obj):
                bad.append(str(obj.get("/BaseFont")))
        for xobj in (resources.get("/XObject") or {}).values():
            xobj = xobj.get_object()
            if xobj.get("/Subtype") == "/Form":
                walk(xobj.get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
    return bad
