"""Paragraph and table styles of the guide, all from the layout settings.

Every style names its font and its bullet font explicitly: ReportLab's defaults are the
unembedded Helvetica, which would leak into the PDF through any style left to inherit them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ... import fonts
from .settings import GuideSettings


@dataclass(frozen=True)
class Styles:
    """The guide's styles; ``body``/``head`` are the font families they use."""

    body_family: fonts.Family
    head_family: fonts.Family
    para: dict[str, object]  # name → ParagraphStyle
    settings: GuideSettings

    def __getitem__(self, name: str):
        return self.para[name]

    def colour(self, name: str):
        from reportlab.lib.colors import HexColor

        return HexColor(self.settings.colours[name])


def make_styles(settings: GuideSettings) -> Styles:
    """Build every paragraph style once per render."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    body_fam = fonts.family(settings.body_family)
    head_fam = fonts.family(settings.heading_family)
    size = settings.sizes
    lead = settings.leading
    colour = {k: HexColor(v) for k, v in settings.colours.items()}

    def style(name: str, fam: fonts.Family, pt: float, *, bold: bool = False,
              italic: bool = False, factor: float = lead, color: str = "text",
              **kw: object) -> ParagraphStyle:
        face = fam.face(bold, italic)
        kw.setdefault("alignment", TA_LEFT)
        return ParagraphStyle(
            name, fontName=face, fontSize=pt, leading=round(pt * factor, 2),
            bulletFontName=face, bulletFontSize=pt, textColor=colour[color],
            splitLongWords=1, allowWidows=0, allowOrphans=0, **kw)

    body = size["body"]
    small = size["small"]
    head_factor = max(1.28, lead - 0.12)
    para = {
        "body": style("body", body_fam, body, spaceAfter=body * 0.55),
        "body_tight": style("body_tight", body_fam, body),
        "small": style("small", body_fam, small, color="muted"),
        "small_italic": style("small_italic", body_fam, small, italic=True, color="muted"),
        "title": style("title", head_fam, size["title"], bold=True, factor=1.25,
                       color="heading", spaceAfter=size["title"] * 0.35),
        "subtitle": style("subtitle", head_fam, size["subtitle"], color="muted",
                          spaceAfter=2),
        "h1": style("h1", head_fam, size["heading1"], bold=True, factor=head_factor,
                    color="heading", spaceBefore=size["heading1"] * 1.1,
                    spaceAfter=size["heading1"] * 0.5, keepWithNext=1),
        "h2": style("h2", head_fam, size["heading2"], bold=True, factor=head_factor,
                    color="heading", spaceBefore=size["heading2"] * 0.9,
                    spaceAfter=size["heading2"] * 0.4, keepWithNext=1),
        "h3": style("h3", head_fam, size["heading3"], bold=True, factor=head_factor,
                    color="heading", spaceBefore=size["heading3"] * 0.8,
                    spaceAfter=size["heading3"] * 0.3, keepWithNext=1),
        "group": style("group", head_fam, size["heading3"], bold=True, factor=head_factor,
                       color="heading", spaceBefore=body * 0.9, spaceAfter=body * 0.3,
                       keepWithNext=1),
        "date": style("date", head_fam, body * 0.95, bold=True),
        "date_inherited": style("date_inherited", head_fam, body * 0.95, color="muted"),
        "date_undated": style("date_undated", head_fam, body * 0.95, italic=True,
                              color="muted"),
        "date_note": style("date_note", head_fam, small, italic=True, color="muted"),
        # the number of an event's mark on a numbered timeline figure
        "number": style("number", head_fam, body * 0.95, bold=True, color="heading",
                        alignment=TA_RIGHT),
        "event": style("event", body_fam, body),
        "person": style("person", head_fam, body * 1.05, bold=True, keepWithNext=1,
                        spaceBefore=body * 0.7),
        "role": style("role", body_fam, body, italic=True, color="muted", keepWithNext=1),
        "term": style("term", body_fam, body, spaceAfter=body * 0.45),
        "question": style("question", body_fam, body, keepWithNext=1, spaceBefore=body * 0.5),
        "answer": style("answer", body_fam, body, spaceAfter=body * 0.5),
        "quote": style("quote", body_fam, body, italic=True, spaceAfter=body * 0.3),
        "attribution": style("attribution", body_fam, small, color="muted",
                             spaceAfter=body * 0.5),
        "callout_title": style("callout_title", head_fam, body, bold=True, color="heading",
                               spaceAfter=2),
        "code": style("code", fonts.family("sans"), small, factor=1.4),
        "cell": style("cell", body_fam, small, factor=1.35),
        "cell_head": style("cell_head", head_fam, small, bold=True, factor=1.35),
        "toc0": style("toc0", head_fam, body, factor=1.45, spaceBefore=3,
                      rightIndent=28),
        "toc1": style("toc1", head_fam, body * 0.95, factor=1.4, leftIndent=14,
                      rightIndent=28),
    }
    return Styles(body_fam, head_fam, para, settings)
