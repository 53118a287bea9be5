"""The course book's own wording (``layouts/book.toml``); everything else (page, fonts,
sizes, colours, the chapters' headings) is the study guide's, from ``layouts/guide.toml``."""

from __future__ import annotations

from dataclasses import dataclass

from ...layouts import Layouts
from ...settings import Text, load_file, setting


@dataclass(frozen=True)
class BookSettings:
    """``layouts/book.toml`` as declared: keys, kinds of value, defaults."""

    title: str = setting("title", Text(), "")
    chapter: str = setting("titles.chapter", Text(), "Chapter {number}")
    timeline: str = setting("titles.timeline", Text(), "Timeline of All Notes")
    index: str = setting("titles.index", Text(), "Index")
    see: str = setting("titles.see", Text(), "see")
    notes: str = setting("titles.notes", Text(), "{count} notes")
    note: str = setting("titles.note", Text(), "{count} note")


def load(layouts: Layouts) -> BookSettings:
    """The book's settings in effect for this build."""
    return load_file(BookSettings, layouts, "book")
