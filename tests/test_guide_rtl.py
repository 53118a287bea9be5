"""Lists, quiz questions and answers in Arabic or Hebrew print as a right-to-left reader expects:
the bullet or the number at the right of the item, the text's right edge indented from it (a
nested item further in); English items keep theirs at the left. Read back from the guide's PDF
(tests/guide_notes/rtl-lists.md)."""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest

from studypress import bidi
from studypress.reader import read_note
from studypress.renderers.guide.blocks import LIST_INDENT

from .test_guide_support import render

NOTE = Path(__file__).parent / "guide_notes" / "rtl-lists.md"
BULLETS = ("•", "–")


class Line:
    """The characters drawn on one baseline of a page, left to right."""

    def __init__(self, page: int, baseline: float, chars: list[dict]) -> None:
        self.page, self.baseline = page, baseline
        self.chars = sorted((c for c in chars if c["text"].strip()), key=lambda c: c["x0"])
        self.text = "".join(c["text"] for c in self.chars)

    @property
    def rtl(self) -> bool:
        """An Arabic or Hebrew line (those of the note hold no Latin word)."""
        return bidi.has_rtl(self.text) and not re.search("[A-Za-z]", self.text)

    def label(self) -> tuple[list[dict], list[dict]]:
        """(the item's label, its text): a bullet or a number ("1." or, drawn right to left,
        ".1") at one end of the line."""
        chars = self.chars[::-1] if self.rtl else self.chars
        size = 1 if chars[0]["text"] in BULLETS else 2
        label, text = chars[:size], chars[size:]
        return sorted(label, key=lambda c: c["x0"]), text


def _hebrew_font() -> str | None:
    """A TrueType font of the machine with Hebrew letters (the package ships none)."""
    if shutil.which("fc-match") is None:
        return None
    found = subprocess.run(["fc-match", "--format=%{file}", ":lang=he"], capture_output=True,
                           text=True, check=False).stdout.strip()
    return found if found.endswith(".ttf") else None


@dataclass
class Guide:
    width: float  # of a page
    lines: list[Line]
    hebrew: bool  # a font for the Hebrew items was found


@pytest.fixture(scope="module")
def guide(tmp_path_factory) -> Guide:
    layouts = tmp_path_factory.mktemp("layouts")
    hebrew = _hebrew_font()
    if hebrew:
        (layouts / "guide.toml").write_text(f'[fonts]\nfallback = "{hebrew}"\n',
                                            encoding="utf-8")
    data, problems = render(read_note(NOTE, NOTE.name), layouts=layouts)
    missing = [p.line for p in problems if p.code == "missing-glyph"]
    assert not missing if hebrew else set(missing) <= {18, 19, 20}, problems
    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        width = pdf.pages[0].width
        for n, page in enumerate(pdf.pages):
            found: dict[float, list[dict]] = defaultdict(list)
            for c in page.chars:
                found[round(page.height - c["matrix"][5], 1)].append(c)
            out.extend(Line(n, y, found[y]) for y in sorted(found))
    return Guide(width, out, bool(hebrew))


def _items(lines: list[Line], first: str) -> list[Line]:
    """The lines whose label (the first character read) is ``first``: a bullet or a number."""
    out = []
    for line in lines:
        if not line.chars:
            continue
        ends = line.chars[::-1] if line.rtl else line.chars
        if ends[0]["text"] == first[0] and (len(first) == 1 or ends[1]["text"] == first[1]):
            out.append(line)
    return out


def _right(chars: list[dict]) -> float:
    return max(c["x1"] for c in chars)


def _left(chars: list[dict]) -> float:
    return min(c["x0"] for c in chars)


def test_an_arabic_or_hebrew_list_item_has_its_bullet_at_the_right(guide):
    width, lines = guide.width, guide.lines
    bulleted = _items(lines, "•")
    rtl = [line for line in bulleted if line.rtl]
    ltr = [line for line in bulleted if not line.rtl]
    # three Arabic items and two Hebrew ones (printed as '?' without a Hebrew font), two English
    assert (len(rtl), len(ltr)) == ((5, 2) if guide.hebrew else (3, 4))
    margin = _left(ltr[-1].label()[0])  # an English bullet stands at the left margin
    for line in rtl:
        label, text = line.label()
        assert label[0]["text"] == "•"
        assert _left(label) > _right(text) + 3, line.text  # the text ends before the bullet
        assert abs(_right(label) - (width - margin)) < 0.5  # at the right margin
    for line in ltr:
        label, text = line.label()
        assert _right(label) + 3 < _left(text) and abs(_left(label) - margin) < 0.5


def test_the_lines_of_a_right_to_left_item_share_the_indent_from_its_bullet(guide):
    lines = guide.lines
    wrapped = [(line, after) for line, after in itertools.pairwise(lines)
               if line.rtl and after.rtl and line.page == after.page
               and line.chars[-1]["text"] == "•"
               and not any(c["text"] in BULLETS for c in after.chars)]
    assert len(wrapped) == 1  # the Arabic item on the House of Wisdom takes two lines
    first, after = wrapped[0]
    # the second line ends under the first one's text, not under the bullet
    assert abs(_right(after.chars) - _right(first.label()[1])) < 0.5
    assert _right(after.chars) < _left(first.label()[0]) - 3


def test_a_nested_hebrew_item_is_indented_from_the_right(guide):
    if not guide.hebrew:
        pytest.skip("no font with Hebrew letters on this machine")
    lines = guide.lines
    top = [line for line in _items(lines, "•") if line.rtl]
    nested = [line for line in _items(lines, "–") if line.rtl]
    assert len(nested) == 1
    label, text = nested[0].label()
    assert _left(label) > _right(text) + 3
    assert abs(_right(label) - (_right(top[-1].label()[0]) - LIST_INDENT)) < 0.5


@pytest.mark.parametrize("number", ["1", "2"])
def test_an_arabic_question_and_its_answer_have_their_number_at_the_right(guide, number):
    width, lines = guide.width, guide.lines
    numbered = [line for line in _items(lines, f".{number}"[::-1]) if line.rtl]
    assert len(numbered) == 2  # the question and its answer
    english = _items(lines, "3.")
    assert len(english) == 2 and all(not line.rtl for line in english)
    margin = _left(english[0].chars)
    for line in numbered:
        label, text = line.label()
        assert "".join(c["text"] for c in label) == f".{number}"  # "1." read right to left
        assert _left(label) > _right(text) + 3
        assert abs(_right(label) - (width - margin)) < 0.5
    for line in english:
        label, text = line.label()
        assert "".join(c["text"] for c in label) == "3." and _right(label) + 3 < _left(text)


def test_the_writing_lines_under_an_arabic_question_end_before_its_number():
    data, _ = render(read_note(NOTE, NOTE.name))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        numbers = [w for w in page.extract_words() if w["text"].endswith(".1")]
        assert numbers
        number = numbers[0]
        below = sorted((ln for ln in page.lines if ln["top"] > number["bottom"]),
                       key=lambda ln: ln["top"])[:3]
    assert len(below) == 3
    assert all(ln["x1"] < number["x0"] - 3 for ln in below)
