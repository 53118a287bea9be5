"""The study guide's layout settings (``layouts/guide.toml``), checked and typed.

A wrong value is a ``LayoutError`` that names the file, the key and what is allowed, so a
user editing the layout sees at once what to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ...layouts import LayoutError, Layouts

MM = 72 / 25.4  # points per millimetre

PAPERS = {"a4": (595.2755905511812, 841.8897637795277), "letter": (612.0, 792.0)}

TITLE_KEYS = (
    "contents", "timeline", "chronology", "cast", "glossary", "quiz", "essay", "faq",
    "footnotes", "answer_key", "undated", "appears_in", "born", "died", "tags", "embed",
    "no_answers", "no_answer", "footer", "printing_questions", "printing_answers",
)
COLOUR_KEYS = (
    "text", "muted", "heading", "rule", "link", "highlight", "citation", "group_band",
    "quote_rule", "callout_background", "code_background", "writing_lines",
)
SIZE_KEYS = ("body", "small", "title", "subtitle", "heading1", "heading2", "heading3",
             "header", "footer")

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
FILE = "layouts/guide.toml"


@dataclass(frozen=True)
class GuideSettings:
    lang: str
    margins: tuple[float, float, float, float]  # top, right, bottom, left in points
    header_offset: float
    footer_offset: float
    body_family: str
    heading_family: str
    fallback: tuple[str, ...]  # font paths, one or a list in the TOML
    sizes: dict[str, float]
    leading: float
    colours: dict[str, str]
    citations: str
    titles: dict[str, str]
    date_column: float
    quiz_lines: int
    essay_lines: int
    line_spacing: float
    toc_depth: int
    introduction: tuple[str, ...]

    def page_size(self, paper: str) -> tuple[float, float]:
        """Width and height in points of ``paper`` ("a4" or "letter")."""
        try:
            return PAPERS[paper.lower()]
        except KeyError:
            raise LayoutError(f"unknown paper '{paper}'; choose a4 or letter") from None

    def footer(self, page: int, total: int | str) -> str:
        return self.titles["footer"].replace("{page}", str(page)).replace("{total}", str(total))


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise LayoutError(f"{FILE}: error: [{key}] must be a table of settings")
    return value


def _number(table: dict[str, Any], name: str, key: str, low: float, high: float) -> float:
    value = table.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not (
            low <= value <= high):
        raise LayoutError(f"{FILE}: error: {name}.{key} must be a number from {low:g} to "
                          f"{high:g} (found {value!r})")
    return float(value)


def _text(table: dict[str, Any], name: str, key: str, choices: tuple[str, ...] = ()) -> str:
    value = table.get(key)
    if not isinstance(value, str) or (choices and value not in choices):
        allowed = f" (one of {', '.join(choices)})" if choices else ""
        raise LayoutError(f"{FILE}: error: {name}.{key} must be a string{allowed} "
                          f"(found {value!r})")
    return value


def _fallback(table: dict[str, Any]) -> tuple[str, ...]:
    from ... import fonts

    value = table.get("fallback", "")
    if not isinstance(value, str | list) or (
            isinstance(value, list) and not all(isinstance(v, str) for v in value)):
        raise LayoutError(f"{FILE}: error: fonts.fallback must be a path or a list of paths "
                          f"(found {value!r})")
    return tuple(fonts.fallback_list(value))


def parse(data: dict[str, Any]) -> GuideSettings:
    """Typed settings from the merged TOML data; raises ``LayoutError`` on a bad value."""
    page = _table(data, "page")
    fonts = _table(data, "fonts")
    sizes = _table(data, "sizes")
    colours = _table(data, "colours")
    titles = _table(data, "titles")
    layout = _table(data, "layout")
    text = _table(data, "text")
    margins = tuple(_number(page, "page", f"margin_{side}", 5, 80) * MM
                    for side in ("top", "right", "bottom", "left"))
    colour_values = {}
    for key in COLOUR_KEYS:
        value = _text(colours, "colours", key)
        if not _HEX.match(value):
            raise LayoutError(f"{FILE}: error: colours.{key} must look like \"#1a4f8b\" "
                              f"(found {value!r})")
        colour_values[key] = value
    intro = layout.get("introduction", [])
    if not isinstance(intro, list) or not all(isinstance(k, str) for k in intro):
        raise LayoutError(f"{FILE}: error: layout.introduction must be a list of section kinds")
    lang = data.get("lang", "en")
    if not isinstance(lang, str) or not re.fullmatch(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", lang):
        raise LayoutError(f"{FILE}: error: lang must be a language tag such as \"en\" or "
                          f"\"de-CH\" (found {lang!r})")
    header_offset = _number(page, "page", "header_offset", 3, 60) * MM
    footer_offset = _number(page, "page", "footer_offset", 3, 60) * MM
    header_size = _number(sizes, "sizes", "header", 4, 72)
    footer_size = _number(sizes, "sizes", "footer", 4, 72)
    # The running header and the footer live in the margins: never over the text.
    if header_offset + header_size * 1.6 > margins[0]:
        raise LayoutError(f"{FILE}: error: page.header_offset leaves no room for the running "
                          "header above the text; make it smaller or page.margin_top larger")
    if footer_offset + footer_size > margins[2]:
        raise LayoutError(f"{FILE}: error: page.footer_offset puts the footer inside the text; "
                          "make it smaller or page.margin_bottom larger")
    return GuideSettings(
        lang=lang,
        margins=margins,  # type: ignore[arg-type]
        header_offset=header_offset,
        footer_offset=footer_offset,
        body_family=_text(fonts, "fonts", "body", ("serif", "sans")),
        heading_family=_text(fonts, "fonts", "headings", ("serif", "sans")),
        fallback=_fallback(fonts),
        sizes={key: _number(sizes, "sizes", key, 4, 72) for key in SIZE_KEYS},
        leading=_number(sizes, "sizes", "leading", 1.2, 3),
        colours=colour_values,
        citations=_text(text, "text", "citations", ("keep", "drop")),
        titles={key: _text(titles, "titles", key) for key in TITLE_KEYS},
        date_column=_number(layout, "layout", "date_column", 15, 80) * MM,
        quiz_lines=int(_number(layout, "layout", "quiz_lines", 0, 40)),
        essay_lines=int(_number(layout, "layout", "essay_lines", 0, 60)),
        line_spacing=_number(layout, "layout", "line_spacing", 4, 20) * MM,
        toc_depth=int(_number(layout, "layout", "toc_depth", 1, 2)),
        introduction=tuple(intro),
    )


def load(layouts: Layouts) -> GuideSettings:
    """The guide settings in effect for this build."""
    return parse(layouts.settings("guide"))
