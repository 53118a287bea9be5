"""The study guide's layout settings (``layouts/guide.toml``), checked and typed.

Declared as ``GuideToml`` and read by the shared settings loader: a wrong value is a
``LayoutError`` naming the file, the line, the key and what is allowed; a missing one takes
its default.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from ...layouts import LayoutError, Layouts
from ...settings import (
    COLOUR,
    FONT_PATHS,
    Choice,
    Integer,
    Keyed,
    Number,
    Pattern,
    Source,
    Strings,
    Text,
    setting,
)
from ...settings import load as load_declared

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

FILE = "layouts/guide.toml"


@dataclass(frozen=True)
class GuideSettings:
    """The guide's settings from ``layouts/guide.toml``."""

    lang: str
    margins: tuple[float, float, float, float]  # top, right, bottom, left in points
    header_offset: float
    footer_offset: float
    body_family: str
    heading_family: str
    fallback: tuple[str, ...]  # font paths, one or a list in the TOML
    sizes: Mapping[str, float]
    leading: float
    colours: Mapping[str, str]
    citations: str
    titles: Mapping[str, str]
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


_SIZE = Number(4, 72)
_LANG = Pattern(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", '"en" or "de-CH" (a language tag)')
_FAMILY = Choice(("serif", "sans"))


@dataclass(frozen=True)
class GuideToml:
    """``layouts/guide.toml`` as declared: keys, kinds of value, defaults (lengths in mm)."""

    lang: str = setting("lang", _LANG, "en")
    margin_top: float = setting("page.margin_top", Number(5, 80), 22.0)
    margin_right: float = setting("page.margin_right", Number(5, 80), 20.0)
    margin_bottom: float = setting("page.margin_bottom", Number(5, 80), 20.0)
    margin_left: float = setting("page.margin_left", Number(5, 80), 20.0)
    header_offset: float = setting("page.header_offset", Number(3, 60), 11.0)
    footer_offset: float = setting("page.footer_offset", Number(3, 60), 10.0)
    body_family: str = setting("fonts.body", _FAMILY, "serif")
    heading_family: str = setting("fonts.headings", _FAMILY, "sans")
    fallback: tuple[str, ...] = setting("fonts.fallback", FONT_PATHS, ())
    sizes: Mapping[str, float] = setting("sizes", Keyed(_SIZE, SIZE_KEYS), {})
    leading: float = setting("sizes.leading", Number(1.2, 3), 1.38)
    colours: Mapping[str, str] = setting("colours", Keyed(COLOUR, COLOUR_KEYS), {})
    citations: str = setting("text.citations", Choice(("keep", "drop")), "keep")
    titles: Mapping[str, str] = setting("titles", Keyed(Text(), TITLE_KEYS), {})
    date_column: float = setting("layout.date_column", Number(15, 80), 34.0)
    quiz_lines: int = setting("layout.quiz_lines", Integer(0, 40), 3)
    essay_lines: int = setting("layout.essay_lines", Integer(0, 60), 8)
    line_spacing: float = setting("layout.line_spacing", Number(4, 20), 8.0)
    toc_depth: int = setting("layout.toc_depth", Integer(1, 2), 2)
    introduction: tuple[str, ...] = setting(
        "layout.introduction", Strings(what="section kinds", one=False), ("preamble", "summary"))


def parse(data: dict[str, Any], source: Source | None = None) -> GuideSettings:
    """Typed settings from the merged TOML data; raises ``LayoutError`` on a bad value."""
    from ... import fonts

    source = source or Source.from_dict(data, "guide")
    raw = load_declared(GuideToml, source)
    margins = tuple(side * MM for side in (raw.margin_top, raw.margin_right,
                                           raw.margin_bottom, raw.margin_left))
    header_offset, footer_offset = raw.header_offset * MM, raw.footer_offset * MM
    # The running header and the footer live in the margins: never over the text.
    if header_offset + raw.sizes["header"] * 1.6 > margins[0]:
        source.error("page.header_offset", "small enough to leave room for the running header "
                     "above the text (or page.margin_top larger)", raw.header_offset)
    if footer_offset + raw.sizes["footer"] > margins[2]:
        source.error("page.footer_offset", "small enough to keep the footer out of the text "
                     "(or page.margin_bottom larger)", raw.footer_offset)
    return GuideSettings(
        lang=raw.lang,
        margins=margins,  # type: ignore[arg-type]
        header_offset=header_offset,
        footer_offset=footer_offset,
        body_family=raw.body_family,
        heading_family=raw.heading_family,
        fallback=tuple(fonts.fallback_list(list(raw.fallback))),
        sizes=raw.sizes,
        leading=raw.leading,
        colours=raw.colours,
        citations=raw.citations,
        titles=raw.titles,
        date_column=raw.date_column * MM,
        quiz_lines=raw.quiz_lines,
        essay_lines=raw.essay_lines,
        line_spacing=raw.line_spacing * MM,
        toc_depth=raw.toc_depth,
        introduction=raw.introduction,
    )


def load(layouts: Layouts) -> GuideSettings:
    """The guide settings in effect for this build."""
    return parse({}, Source.from_layouts(layouts, "guide"))


def for_language(settings: GuideSettings, layouts: Layouts, code: str) -> GuideSettings:
    """The settings for a note in language ``code``: the PDF's language and the wording of
    ``layouts/lang/<code>.toml``'s [guide] table, key by key over the English titles."""
    if code == "en":
        return settings
    from ...wording import translated

    own = {k: v for k, v in translated(layouts, code, "guide").items() if k in TITLE_KEYS}
    return replace(settings, lang=code, titles={**settings.titles, **own})
