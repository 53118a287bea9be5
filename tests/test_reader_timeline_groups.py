"""Timelines written as sibling date headings, or as lists broken up by markers and bold lines."""

from __future__ import annotations

from studypress.model import plain_text
from studypress.reader import read_text

SIBLINGS = """# Test note

### Timeline

### 1276

- **March 1276:** First item.
  - a sub bullet
- **April 1276:** Second item.
* **May 1276:** Third after marker change.

**Later Developments**

- **June 1277:** Fourth after bold line.

### 1280

- **1280:** Fifth.

### Sources

- A book, 1990.
"""


def _events(text: str) -> dict[str, tuple[str | None, str | None]]:
    note = read_text(text, "n.md", "n")
    return {plain_text(e.text): (e.date.edtf if e.date else None, e.group) for e in note.events}


def test_date_headings_beside_a_timeline_heading_are_its_groups():
    events = _events(SIBLINGS)
    assert events == {
        "First item.": ("1276-03", "1276"),
        "Second item.": ("1276-04", "1276"),
        "Third after marker change.": ("1276-05", "1276"),
        "Fourth after bold line.": ("1277-06", "Later Developments"),
        "Fifth.": ("1280", "1280"),
    }


def test_a_heading_that_is_no_date_ends_the_timeline():
    note = read_text(SIBLINGS, "n.md", "n")
    assert [plain_text(s.title) for s in note.sections] == ["Sources"]


def test_lists_broken_by_a_marker_change_still_read_as_one_timeline():
    text = ("# N\n\n## What happened\n\n- **1917:** One.\n* **1918:** Two.\n\n"
            "Some words between.\n\n- **1919:** Three.\n")
    note = read_text(text, "n.md", "n")
    assert sorted(e.date.edtf for e in note.events if e.date) == ["1917", "1918", "1919"]
    assert any("Some words between." in plain_text(b.text) for s in note.sections
               for b in s.blocks if hasattr(b, "text"))


def test_a_single_dated_bullet_in_prose_stays_prose():
    text = "# N\n\n## Notes\n\n- **1917:** One.\n\nA paragraph.\n"
    note = read_text(text, "n.md", "n")
    assert note.events == ()
