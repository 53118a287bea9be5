"""The timeline renderer and the drawing: SVG and PNG files, escaping, sizes, robustness."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
from reportlab.platypus import SimpleDocTemplate

from studypress.figure import timeline_drawing
from studypress.layouts import Layouts
from studypress.model import Note, Severity
from studypress.renderers import load
from studypress.renderers.base import RenderContext, RenderOptions

from .conftest import CORPUS, read
from .test_figure_support import date, event, person

SVG = "{http://www.w3.org/2000/svg}"


def ctx(paper: str = "a4") -> RenderContext:
    return RenderContext(RenderOptions(paper=paper), Layouts(None), 1700000000)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def render(note: Note, paper: str = "a4"):
    """The files and diagnostics of the ``timeline`` and the ``png`` outputs together."""
    result = load("timeline").render(note, ctx(paper))
    png = load("png").render(note, ctx(paper))
    assert png.diagnostics == result.diagnostics  # the same figure says the same
    result.files.extend(png.files)
    return result


def test_seed_writes_svg_and_png(seed):
    result = render(seed)
    files = {o.path: o.data for o in result.files}
    assert set(files) == {"timeline.pdf", "timeline.svg", "timeline.png"}
    root = ET.fromstring(files["timeline.svg"])
    texts = root.find(f"{SVG}desc").text
    assert "Nov 15, 1933" in texts and "Undated, not on the axis" in texts
    assert root.find(f"{SVG}title").text == "Timeline: " + seed.title
    width = float(root.get("width"))
    height = float(root.get("height"))
    assert width == pytest.approx(481.9)
    assert png_size(files["timeline.png"]) == (round(width * 150 / 72), round(height * 150 / 72))
    assert not [d for d in result.diagnostics if d.severity != Severity.INFO]


def test_output_is_byte_identical(seed):
    first = {o.path: o.data for o in render(seed).files}
    second = {o.path: o.data for o in render(seed).files}
    assert first == second


def test_hostile_text_is_escaped_in_svg():
    hostile = "<script>alert(1)</script> & \"quotes\" ]]> \x01\x0b"
    note = Note("h", "<b>Title & co</b>", "h.md",
                events=(event(date(1900, "day", 3, 4), hostile), event(None, "<tag/>")),
                people=(person("<Evil> & Sons", date(1890, "year", years=20)),))
    files = {o.path: o.data for o in render(note).files}
    svg = files["timeline.svg"].decode()
    root = ET.fromstring(svg)  # parses: nothing broke out of its text node
    texts = root.find(f"{SVG}desc").text
    assert "<script>" in texts and "<Evil> & Sons" in texts
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert root.find(f"{SVG}title").text == "Timeline: <b>Title & co</b>"


def test_note_without_events_writes_nothing():
    result = render(Note("e", "Empty", "e.md", people=(person("A", date(1900)),)))
    assert result.files == []
    assert [d.severity for d in result.diagnostics] == [Severity.INFO]
    assert result.diagnostics[0].file == "e.md"


def test_missing_glyphs_are_reported_not_dropped():
    note = Note("c", "CJK", "c.md", events=(event(date(1911), "辛亥革命 revolution"),))
    result = render(note)
    assert {o.path for o in result.files} == {"timeline.pdf", "timeline.svg", "timeline.png"}
    warn = [d for d in result.diagnostics if d.code == "missing-glyph"]
    assert warn and "U+8F9B" in warn[0].message


def test_missing_glyphs_name_the_line_they_come_from():
    from studypress.model import Person

    note = Note("c", "CJK", "c.md", events=(
        event(date(1868), "明治 begins", line=7),
        event(date(1869), "plain words", line=8),
        event(date(1877), "明 again, and 西", line=9)),
        people=(Person("Saigō 隆盛", 12, span=date(1828)),))
    warn = [d for d in render(note).diagnostics if d.code == "missing-glyph"]
    assert [d.line for d in warn] == [7, 9, 12]
    assert "U+660E" in warn[0].message and "(also on line 9)" in warn[0].message
    assert "U+660E" not in warn[1].message and "U+897F" in warn[1].message
    assert warn[2].message.startswith("timeline: Saigō 隆盛: the fonts have no glyph")
    assert all("layouts/timeline.toml" in d.message for d in warn)


def test_letter_and_dense_notes_choose_their_width(seed):
    letter = {o.path: o.data for o in render(seed, "letter").files}
    root = ET.fromstring(letter["timeline.svg"])
    assert float(root.get("width")) == pytest.approx(504.0)
    roman = read("roman-republic-timeline.md")  # too dense for portrait labels
    root = ET.fromstring({o.path: o.data for o in render(roman).files}["timeline.svg"])
    assert float(root.get("width")) in (pytest.approx(481.9), pytest.approx(728.5))


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_every_corpus_note_renders_or_says_why(path):
    note = read(path.name)
    result = render(note)
    assert not [d for d in result.diagnostics if d.severity == Severity.ERROR]
    assert bool(result.files) == bool(note.events)


def test_weird_notes_never_raise():
    weird = [
        Note("a", "", "a.md", events=(event(None, ""),)),
        Note("b", "B", "b.md", events=tuple(event(None, f"u{i}") for i in range(50))),
        Note("c", "C", "c.md", events=(event(date(-9000, "century"), "Neolithic"),
                                       event(date(2020, "day", 5, 5), "Yesterday"))),
        Note("d", "D", "d.md", events=(event(date(1900, "day"), "x" * 5000),) * 3),
        Note("e", "E", "e.md", events=(event(date(1, "day"), "first"),
                                       event(date(-1, "day", 12, 31), "last BCE"))),
        Note("f", "F", "f.md", events=(event(date(1900), "a"),),
             people=(person("Far", date(1500, "year", years=30)),
                     person("Dead", date(1950), kind=__import__(
                         "studypress.model", fromlist=["SpanKind"]).SpanKind.DEATH))),
    ]
    for note in weird:
        result = render(note)
        assert {o.path for o in result.files} == {
            "timeline.pdf", "timeline.svg", "timeline.png"}, note.id
        assert not [d for d in result.diagnostics if d.severity == Severity.ERROR], note.id
        ET.fromstring(next(o.data for o in result.files if o.path == "timeline.svg"))


def test_a_wrong_setting_is_a_located_error_and_a_missing_font_a_warning(seed, tmp_path):
    from studypress.layouts import LayoutError

    (tmp_path / "timeline.toml").write_text(
        '[text]\nfont_size = "huge"\n', encoding="utf-8")
    c = replace(ctx(), layouts=Layouts(tmp_path))
    with pytest.raises(LayoutError, match=r"timeline\.toml:2: error: text\.font_size must be "
                       r"a number from 6 to 72 \(found 'huge'\)"):
        load("timeline").render(seed, c)
    (tmp_path / "timeline.toml").write_text(
        '[figure]\nfallback_fonts = ["/nonexistent.ttf"]\n', encoding="utf-8")
    result = load("timeline").render(seed, c)
    assert {o.path for o in result.files} == {"timeline.pdf", "timeline.svg"}
    assert [o.path for o in load("png").render(seed, c).files] == ["timeline.png"]
    assert "timeline-font" in {d.code for d in result.diagnostics}


def test_drawing_is_the_requested_box_and_a_flowable(seed, tmp_path):
    d = timeline_drawing(seed, 400)
    assert d.width == 400 and d.height > 50
    fixed = timeline_drawing(seed, 400, 300)
    assert (fixed.width, fixed.height) == (400, 300)
    small = timeline_drawing(seed, 400, 80)  # too small: shrunk to fit, never overflowing
    assert (small.width, small.height) == (400, 80)
    doc = SimpleDocTemplate(str(tmp_path / "t.pdf"))
    doc.build([fixed, timeline_drawing(read("roman-republic-timeline.md"), doc.width)])
    assert (tmp_path / "t.pdf").stat().st_size > 1000


def _png_pixel(png: bytes, lay, x: float, y: float) -> tuple[int, int, int]:
    """The PNG's colour at figure point (x, y) (points, y upwards as in the layout)."""
    import io

    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB")
    scale = img.width / lay.width
    return img.getpixel((int(x * scale), int((lay.height - y) * scale)))


def _rgb(value: str) -> tuple[int, int, int]:
    return tuple(int(value[i:i + 2], 16) for i in (1, 3, 5))


def _close(a, b, tol: int = 10) -> bool:
    return all(abs(p - q) <= tol for p, q in zip(a, b, strict=True))


def test_png_is_the_figure_its_marks_in_their_colours(seed):
    from studypress.figure import Style, timeline_layout

    files = {o.path: o.data for o in render(seed).files}
    lay = timeline_layout(seed, 481.9)
    assert not lay.numbered
    style = Style()
    points = [m for m in lay.markers if m.kind == "point" and not m.approximate]
    assert points
    for m in points:  # a day's filled dot in the event colour
        centre = ((m.box.x0 + m.box.x1) / 2, (m.box.y0 + m.box.y1) / 2)
        assert _close(_png_pixel(files["timeline.png"], lay, *centre), _rgb(style.event_colour))
    # and white where nothing is drawn: the figure's bottom right corner
    assert _png_pixel(files["timeline.png"], lay, lay.width - 1, 1) == (255, 255, 255)
    # a label's text is drawn (dark pixels inside its box), fonts loaded from the package
    import io

    from PIL import Image

    img = Image.open(io.BytesIO(files["timeline.png"])).convert("L")
    scale = img.width / lay.width
    label = next(lab for lab in lay.labels if lab.role == "event")
    b = label.box
    crop = img.crop((int(b.x0 * scale), int((lay.height - b.y1) * scale),
                     int(b.x1 * scale), int((lay.height - b.y0) * scale)))
    assert crop.getextrema()[0] < 100


def test_png_of_a_fixed_box_has_its_pixel_size():
    from studypress.renderers.timeline.png import svg_png

    svg = ('<svg width="400" height="300" viewBox="0 0 400 300" '
           'xmlns="http://www.w3.org/2000/svg"><rect x="0" y="0" width="200" height="300" '
           'fill="#1f4e79"/></svg>')
    png = svg_png(svg, 400, 300, 144, [], "Source Sans Pro")
    assert png_size(png) == (800, 600)


def test_fills_match_in_pdf_svg_and_png():
    import io
    import re

    import pdfplumber
    from reportlab.graphics import renderPDF

    from studypress.figure import Style, timeline_figure
    from studypress.figure.draw import tint

    roman = read("roman-republic-timeline.md")
    files = {o.path: o.data for o in render(roman).files}
    drawing, lay = timeline_figure(roman, float(ET.fromstring(files["timeline.svg"]).get("width")))
    with pdfplumber.open(io.BytesIO(renderPDF.drawToString(drawing))) as pdf:
        rects = pdf.pages[0].rects
    svg_fills = {tuple(round(float(v) * 2.55) for v in m.groups())
                 for m in re.finditer(r"fill: rgb\(([\d.]+)%,([\d.]+)%,([\d.]+)%\)",
                                      files["timeline.svg"].decode())}
    span = next(m for m in lay.markers if m.kind == "span" and not m.approximate)
    bar = next(b for b in lay.bars if b.kind == "bar" and not b.approximate)
    style = Style()
    for box, fill in ((span.box, tint(style.event_colour, 0.25)),
                      (bar.box, tint(style.person_colour, 0.85))):
        want = tuple(round(255 * v) for v in (fill.red, fill.green, fill.blue))
        # the PDF: an opaque rectangle of that colour over the box
        pdf_fills = [tuple(round(255 * v) for v in r["non_stroking_color"]) for r in rects
                     if r["fill"] and abs(r["x0"] - box.x0) < 0.6
                     and abs(r["bottom"] - (lay.height - box.y0)) < 0.6]
        assert any(_close(c, want, 1) for c in pdf_fills), (want, pdf_fills)
        # the SVG: the same fill (ReportLab cuts it to whole percents), no opacity to lose
        assert any(_close(c, want, 3) for c in svg_fills), (want, svg_fills)
        # the PNG: that colour inside the box
        centre = ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
        assert _close(_png_pixel(files["timeline.png"], lay, *centre), want, 4)


def test_svg_text_is_outlines_and_shows_the_same_without_fonts(seed):
    from studypress.figure import timeline_layout
    from studypress.renderers.timeline.png import font_files, svg_png

    files = {o.path: o.data for o in render(seed).files}
    svg = files["timeline.svg"].decode()
    root = ET.fromstring(svg)
    assert not list(root.iter(f"{SVG}text"))  # nothing set in a font
    assert "font-family" not in svg
    glyphs = {p.get("id") for p in root.find(f"{SVG}defs").iter(f"{SVG}path")}
    uses = [u.get("{http://www.w3.org/1999/xlink}href") for u in root.iter(f"{SVG}use")]
    assert uses and {u.lstrip("#") for u in uses} <= glyphs
    # every inked character of every label is one glyph placed
    lay = timeline_layout(seed, 481.9)
    inked = sum(len(lab.text) - lab.text.count(" ") for lab in lay.labels)
    assert len(uses) == inked
    # rasterised with no font at all and with the figure's fonts: the same picture
    drawing = timeline_drawing(seed, 481.9)
    bare = svg_png(svg, drawing.width, drawing.height, 72, [], "sans-serif")
    fonted = svg_png(svg, drawing.width, drawing.height, 72, font_files(drawing),
                     "Source Sans Pro")
    assert bare == fonted
    # and the glyphs sit where the PDF's text does: a label's box holds ink in the PNG
    import io

    from PIL import Image

    img = Image.open(io.BytesIO(files["timeline.png"])).convert("L")
    scale = img.width / lay.width
    for lab in [lab for lab in lay.labels if lab.role in ("event", "tick", "person")][:12]:
        b = lab.box
        crop = img.crop((int(b.x0 * scale), int((lay.height - b.y1) * scale),
                         int(b.x1 * scale) + 1, int((lay.height - b.y0) * scale) + 1))
        assert crop.getextrema()[0] < 120, lab.text


def _build(project, names=None):
    from studypress.build import BuildConfig, build

    report = build(BuildConfig(paths=[project / "source"], output=project / "output",
                               renderers=names, project_dir=project, jobs=1))
    assert not report.failed, report.diagnostics
    return report


def test_timeline_png_is_made_only_when_asked_and_then_left_alone(tmp_path, monkeypatch):
    """A default build makes timeline.pdf and .svg; ``png`` makes timeline.png, which a later
    default build leaves in place (as it leaves the course book)."""
    import shutil

    from .conftest import SEED

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    (tmp_path / "source").mkdir()
    shutil.copy(SEED, tmp_path / "source" / SEED.name)
    folder = tmp_path / "output" / SEED.stem
    _build(tmp_path)
    assert (folder / "timeline.svg").is_file() and (folder / "timeline.pdf").is_file()
    assert not (folder / "timeline.png").exists()
    svg = (folder / "timeline.svg").read_bytes()
    _build(tmp_path, ["png"])
    png = (folder / "timeline.png").read_bytes()
    assert png_size(png)[0] == round(481.9 * 150 / 72)
    assert (folder / "timeline.svg").read_bytes() == svg
    report = _build(tmp_path)
    assert (folder / "timeline.png").read_bytes() == png
    assert not any("timeline.png" in m for m in report.messages)


def test_a_png_from_an_earlier_default_build_is_removed_when_the_timeline_is_redrawn(
        tmp_path, monkeypatch):
    """A record from when the timeline output made timeline.png: the next figure written
    without it removes the PNG (the bytes studypress wrote) and no longer claims it."""
    import json
    import shutil

    from studypress.build import CACHE_NAME

    from .conftest import SEED

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    (tmp_path / "source").mkdir()
    shutil.copy(SEED, tmp_path / "source" / SEED.name)
    folder = tmp_path / "output" / SEED.stem
    _build(tmp_path, ["timeline", "png"])
    record = tmp_path / "output" / CACHE_NAME
    data = json.loads(record.read_text())
    entry = data["notes"][SEED.stem]
    entry["files"]["timeline"] += entry["files"].pop("png")  # as the timeline output made it
    entry["keys"]["timeline"] = "older"
    del entry["keys"]["png"]
    from studypress.build.cache import combined_key

    entry["key"] = combined_key(entry["keys"])
    record.write_text(json.dumps(data))
    report = _build(tmp_path)
    assert not (folder / "timeline.png").exists() and (folder / "timeline.svg").is_file()
    assert any(m.startswith("removed") and "timeline.png" in m for m in report.messages)
    after = json.loads(record.read_text())["notes"][SEED.stem]
    assert "timeline.png" not in json.dumps(after)


def test_the_figure_warns_once_when_both_its_outputs_are_built(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "cjk.md").write_text(
        "# CJK\n\n## Timeline\n\n- **1911:** 辛亥革命 revolution\n- **1912:** A republic\n",
        encoding="utf-8")
    report = _build(tmp_path, ["timeline", "png"])
    warn = [d for d in report.diagnostics if d.code == "missing-glyph"]
    assert len(warn) == 1 and "U+8F9B" in warn[0].message
    (tmp_path / "output" / "cjk" / "timeline.png").unlink()  # the PNG alone renders again
    report = _build(tmp_path, ["timeline", "png"])
    assert len([d for d in report.diagnostics if d.code == "missing-glyph"]) == 1
    only = _build(tmp_path, ["png"])
    assert len([d for d in only.diagnostics if d.code == "missing-glyph"]) == 1
