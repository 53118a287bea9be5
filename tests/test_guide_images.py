"""Embedded images print in the guide; what cannot print is named and warned about."""

from __future__ import annotations

import io

from PIL import Image
from pypdf import PdfReader

from studypress.build import BuildConfig, build


def _png(width: int, height: int) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buf, format="PNG")
    return buf.getvalue()


def test_embedded_image_is_printed_and_broken_ones_are_named(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "source"
    (src / "img").mkdir(parents=True)
    (src / "img" / "map.png").write_bytes(_png(1600, 400))
    (src / "fake.png").write_bytes(b"not an image")
    (src / "n.md").write_text(
        "# Images\n\n## Notes\n\nBefore.\n\n![[map.png]]\n\n![[fake.png]]\n\nAfter.\n",
        encoding="utf-8")
    config = BuildConfig(paths=[src], output=tmp_path / "out", renderers=["guide"],
                         project_dir=tmp_path)
    report = build(config)
    pdf = PdfReader(tmp_path / "out" / "n" / "guide.pdf")
    images = [img for page in pdf.pages for img in page.images]
    assert [(i.image.width, i.image.height) for i in images] == [(1600, 400)]
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "fake.png" in text and "map.png" not in text
    warning = next(d for d in report.diagnostics if d.code == "bad-image")
    assert warning.line == 9 and "fake.png" in warning.message
    first = (tmp_path / "out" / "n" / "guide.pdf").read_bytes()
    build(BuildConfig(paths=[src], output=tmp_path / "again", renderers=["guide"],
                      project_dir=tmp_path))
    assert (tmp_path / "again" / "n" / "guide.pdf").read_bytes() == first


def test_markdown_image_prints_with_its_caption(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "source"
    src.mkdir()
    (src / "my map.png").write_bytes(_png(300, 200))
    (src / "n.md").write_text("# Images\n\n![Map of Europe, 1815](<my map.png>)\n",
                              encoding="utf-8")
    build(BuildConfig(paths=[src], output=tmp_path / "out", renderers=["guide"],
                      project_dir=tmp_path))
    pdf = PdfReader(tmp_path / "out" / "n" / "guide.pdf")
    assert [(i.image.width, i.image.height) for p in pdf.pages for i in p.images] == [(300, 200)]
    assert "Map of Europe, 1815" in "".join(p.extract_text() for p in pdf.pages)
