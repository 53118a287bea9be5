"""The chronology's date column breaks a long date where a reader expects: never inside a
number, by preference after the range sign, in every script."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import pdfplumber
import pytest

from studypress.reader import read_note
from studypress.renderers.guide.breaks import date_lines

from .calls import record_calls
from .conftest import NOTES
from .test_guide_support import render
from .test_lang_outputs import _has_cjk_font


@pytest.fixture(autouse=True)
def machine_fonts(monkeypatch):
    """Chinese and Japanese print in a machine font (the package has none): allowed here."""
    monkeypatch.setenv("STUDYPRESS_SYSTEM_FONTS", "1")


def _needs_cjk() -> None:
    if not _has_cjk_font():
        pytest.skip("no CJK font on this machine: the PDF prints '?' for Chinese and Japanese")


JAPANESE = NOTES / "lang" / "ja-meiji-ishin.md"

CHINESE = """---
title: 辛亥革命
---

# 辛亥革命

## 时间线

- **1911年10月10日至1912年2月12日：** 辛亥革命。
- **1912年1月1日：** 中华民国成立。
"""

GERMAN = """---
title: Kapp-Putsch
lang: de
---

# Kapp-Putsch

## Zeitleiste

- **13.–17. März 1920:** Kapp-Putsch in Berlin.
- **1. Januar 1919 – 28. Juni 1919:** Friedenskonferenz.
- **1904年2月8日～1905年9月5日:** Russisch-Japanischer Krieg.
- **12.03.1917–01.04.1918:** Zwischen zwei Revolutionen.
"""


def _date_column(data: bytes, heading: str, width: float) -> list[list[str]]:
    """The dates printed under ``heading`` (up to the next heading), each as its lines."""
    lines: list[list[str]] = []
    left = None
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            below = 0.0
            if left is None:
                head = [w for w in page.extract_words(extra_attrs=["size"])
                        if w["text"] == heading and w["size"] > 12]
                if not head:
                    continue
                left, below = head[0]["x0"], head[0]["bottom"]
            rows: dict[int, list[dict]] = {}
            for ch in page.chars:
                if ch["top"] > below:  # by baseline: a Chinese glyph's box is taller
                    rows.setdefault(round(-ch["matrix"][5]), []).append(ch)
            # an entry's text stands level with the first line of its date (in a larger size)
            starts = [y for y, row in rows.items() if any(c["x0"] >= left + width - 1 for c in row)]
            for y in sorted(rows):
                if any(c["size"] > 12 for c in rows[y]):
                    return lines  # the next heading
                row = sorted(rows[y], key=lambda c: c["x0"])
                text = "".join(c["text"] for c in row if c["x1"] <= left + width + 1)
                if not text.strip() or row[0]["x0"] > left + 1:
                    continue
                if not lines or any(abs(y - start) <= 2 for start in starts):
                    lines.append([])
                lines[-1].append(text.strip())
    return lines


def _note(tmp_path: Path, text: str, name: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_note(path, name)


def _layouts(tmp_path: Path, column_mm: float) -> Path:
    layouts = tmp_path / "layouts"
    layouts.mkdir(exist_ok=True)
    (layouts / "guide.toml").write_text(f"[layout]\ndate_column = {column_mm}\n",
                                        encoding="utf-8")
    return layouts


def _no_number_cut(lines: list[str]) -> None:
    assert all(line == line.strip() and line for line in lines), lines
    for above, below in itertools.pairwise(lines):
        assert not (above[-1].isdigit() and below[0].isdigit()), (above, below)
        assert below[0] not in ".,", (above, below)


def test_a_japanese_range_breaks_after_its_range_sign(tmp_path):
    _needs_cjk()
    data, _ = render(read_note(JAPANESE, "ja.md"))
    cells = _date_column(data, "年表", 34 * 72 / 25.4)
    assert ["1904年2月8日～", "1905年9月5日"] in cells
    for lines in cells:
        _no_number_cut(lines)


def test_a_chinese_range_breaks_after_its_range_word(tmp_path):
    _needs_cjk()
    data, _ = render(_note(tmp_path, CHINESE, "zh.md"))
    cells = _date_column(data, "大事年表", 34 * 72 / 25.4)
    assert cells == [["1911年10月10日至", "1912年2月12日"], ["1912年1月1日"]]


@pytest.mark.parametrize("column", [15, 18, 22, 28])
def test_long_dates_in_a_narrow_column_never_break_inside_a_number(tmp_path, column):
    _needs_cjk()
    note = _note(tmp_path, GERMAN, "de.md")
    data, _ = render(note, layouts=_layouts(tmp_path, column))
    cells = _date_column(data, "Chronologie", column * 72 / 25.4)
    assert ["".join(lines).replace(" ", "") for lines in cells] == [
        e.date.display.replace(" ", "") for e in note.events]
    assert any(len(lines) > 2 for lines in cells)
    for lines in cells:
        _no_number_cut(lines)


def _chars(text: str) -> float:
    return float(len(text))


@pytest.mark.parametrize("text", [
    "1904年2月8日～1905年9月5日", "1904年2月8日から1905年9月5日まで",
    "1911年10月10日至1912年2月12日",
    "13.–17. März 1920", "12.03.1917–01.04.1918", "紀元前660年", "1.000–1.200 n. Chr.",
])
@pytest.mark.parametrize("width", [3, 5, 7, 9, 12])
def test_no_line_ends_inside_a_number(text, width):
    lines = date_lines(text, width, _chars)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    _no_number_cut(lines)


def test_a_date_that_fits_is_left_whole():
    assert date_lines("1904年2月8日～1905年9月5日", 40, _chars) == ["1904年2月8日～1905年9月5日"]
    # every word fits: the paragraph breaks it at its spaces as before
    assert date_lines("12 March 1917 – 1 April 1918", 8, _chars) == [
        "12 March 1917 – 1 April 1918"]


def test_a_range_breaks_after_its_sign_before_between_a_unit_and_a_figure():
    assert date_lines("1904年2月8日～1905年9月5日", 12, _chars) == [
        "1904年2月8日～", "1905年9月5日"]
    assert date_lines("1904年2月8日から1905年9月5日まで", 13, _chars) == [
        "1904年2月8日から", "1905年9月5日まで"]
    assert date_lines("1904年2月8日～1905年9月5日", 7, _chars) == [
        "1904年2月", "8日～", "1905年9月", "5日"]


def test_a_date_many_events_share_is_broken_once(monkeypatch, tmp_path):
    from studypress.renderers.guide import story

    broken = record_calls(monkeypatch, story, "date_lines", lambda text, _width, _measure: text)
    events = "\n".join(f"- **1933**: Event {k} happens." for k in range(5))
    note = tmp_path / "shared.md"
    note.write_text(f"# Shared dates\n\n## Timeline\n\n{events}\n- **1934**: Later.\n",
                    encoding="utf-8")
    pdf, _ = render(read_note(note, "shared.md"))
    assert sorted(broken) == ["1933", "1934"]
    text = "".join(page.extract_text() for page in pdfplumber.open(io.BytesIO(pdf)).pages)
    assert text.count("1933") >= 5
