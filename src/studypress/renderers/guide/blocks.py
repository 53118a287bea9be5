"""Prose blocks of a note (paragraphs, lists, quotes, callouts, tables, code, math, embeds)
as platypus flowables.

Nothing here may be "too large" for a page: table cells are Paragraphs that wrap, tables split
between and inside rows, code wraps instead of running off the page, and long words split.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import Indenter

from ...model import (
    Block,
    BulletList,
    Callout,
    CodeBlock,
    Diagnostic,
    Embed,
    Heading,
    MathBlock,
    Quote,
    RichText,
    Severity,
    plain_text,
)
from ...model import Paragraph as ParaBlock
from ...model import Table as TableBlock
from ..pdf.paragraph import Paragraph
from .items import Item
from .styles import Styles
from .text import Formatter

LIST_INDENT = 14.0  # points per nesting level
# A wide table prints as parts of this many columns (a narrower column cannot hold a word),
# and at most this many columns in all.
TABLE_PART_COLUMNS = 12
TABLE_MAX_COLUMNS = 120
# Bullet labels are drawn without font fallback: only glyphs every face of both families has.
BULLETS = ("•", "–", "·")
# Source lines per boxed piece of a code block: small enough that splitting one across a page
# is cheap, large enough that a long block is not thousands of tables.
CODE_CHUNK = 16
# Characters of one source line per table row. Rows never split inside (ReportLab's in-row split
# can leave an empty piece and loop), so each row must fit a page: a longer line is cut,
# at a space where it can be, into rows that read like its wrapped lines.
CODE_PIECE = 500


IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp")


class FitImage(Flowable):
    """A raster image scaled down (never up) to the frame width and a height limit."""

    def __init__(self, data: bytes, max_height: float) -> None:
        super().__init__()
        from reportlab.lib.utils import ImageReader

        self.data = data
        self.reader = ImageReader(io.BytesIO(data))
        self.px_w, self.px_h = self.reader.getSize()
        self.max_height = max_height
        self.draw_w = self.draw_h = 0.0

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        # 96 pixels to the inch is the size a screen shows the image at.
        w, h = self.px_w * 0.75, self.px_h * 0.75
        scale = min(1.0, avail_w / w, self.max_height / h) if w and h else 1.0
        self.draw_w, self.draw_h = w * scale, h * scale
        return self.draw_w, self.draw_h

    def draw(self) -> None:
        self.canv.drawImage(self.reader, 0, 0, self.draw_w, self.draw_h, mask="auto")


def image_flowable(data: bytes | None, target: str, max_height: float) -> FitImage | None:
    """An image flowable for an embedded file, or None when it is not a readable image."""
    if data is None or not target.lower().split("|")[0].strip().endswith(IMAGE_SUFFIXES):
        return None
    try:
        image = FitImage(data, max_height)
    except Exception:  # a file named .png that is no image: shown as its name instead
        return None
    return image if image.px_w > 0 and image.px_h > 0 else None


@dataclass
class BlockRenderer:
    """Turns prose blocks into flowables with the guide's styles."""

    styles: Styles
    fmt: Formatter
    _derived: dict[tuple, ParagraphStyle] = field(default_factory=dict)
    asset: Callable[[str], bytes | None] | None = None
    max_image_height: float = 400.0
    problems: list[Diagnostic] = field(default_factory=list)

    # --------------------------------------------------------------- helpers
    def style(self, name: str, left: float = 0.0, bullet: float | None = None,
              **changes: object) -> ParagraphStyle:
        """A named style, indented: ``left`` for the text, ``bullet`` for its label."""
        key = (name, round(left, 2), None if bullet is None else round(bullet, 2),
               tuple(sorted(changes.items())))
        style = self._derived.get(key)
        if style is None:
            base = self.styles[name]
            style = ParagraphStyle(f"{name}-{len(self._derived)}", parent=base,
                                   leftIndent=base.leftIndent + left,
                                   bulletIndent=base.leftIndent + (bullet or 0.0), **changes)
            self._derived[key] = style
        return style

    def para(self, rich: RichText, line: int, style: str = "body", **kw: object) -> Paragraph:
        """A paragraph of note text; indented (inside a list item), from the side it starts."""
        st = self.styles[style]
        bold, italic = _slant(st)
        return Item(self.fmt.rich(rich, line, bold=bold, italic=italic,
                                       family=self._family(st)), self._maybe(style, **kw))

    def _maybe(self, name: str, **kw: object) -> ParagraphStyle:
        return self.style(name, **kw) if kw else self.styles[name]

    def _family(self, st: ParagraphStyle):
        for fam in (self.styles.body_family, self.styles.head_family):
            if st.fontName in (fam.regular, fam.bold, fam.italic, fam.bolditalic):
                return fam
        return None

    def label_width(self, labels: list[str], style: str = "body") -> float:
        st = self.styles[style]
        widest = max((stringWidth(label, st.fontName, st.fontSize) for label in labels),
                     default=0.0)
        return widest + st.fontSize * 0.6

    # --------------------------------------------------------------- blocks
    def blocks(self, blocks: tuple[Block, ...] | list[Block], depth: int = 0,
               style: str = "body") -> list[Flowable]:
        """Flowables for a run of blocks, indented ``depth`` list levels."""
        out: list[Flowable] = []
        for block in blocks:
            out.extend(self.block(block, depth, style))
        return out

    def block(self, block: Block, depth: int = 0, style: str = "body") -> list[Flowable]:
        left = depth * LIST_INDENT
        match block:
            case ParaBlock(text, line):
                return [self.para(text, line, style, left=left) if left else
                        self.para(text, line, style)]
            case BulletList():
                return self.bullet_list(block, depth, style)
            case Heading(level, text, line):
                name = "h2" if level <= 2 else "h3"
                return [self.para(text, line, name, left=left) if left else
                        self.para(text, line, name)]
            case Quote():
                return self._indented(self.quote(block), left)
            case Callout():
                return self._indented(self.callout(block), left)
            case TableBlock():
                return self._indented(self.tables(block), left)
            case CodeBlock(value, _, line):
                return self._indented(self.code(value, line), left)
            case MathBlock(value, line):
                st = self.styles["body"]
                text = self.fmt.plain(value, line, italic=True, family=self._family(st))
                return [Paragraph(text, self.style("body", left=left + LIST_INDENT,
                                                   fontName=self.styles["quote"].fontName))]
            case Embed(target, line, alt):
                data = self.asset(target) if self.asset is not None else None
                image = image_flowable(data, target, self.max_image_height)
                if image is not None:
                    # Its spacing travels with it (not as spacers around it), so a heading
                    # just above keeps with the image itself.
                    image.spaceBefore, image.spaceAfter = 4.0, 6.0
                    if not alt:
                        return self._indented([image], left)
                    # A Markdown image's alt text is its caption, kept with the picture.
                    st = self.styles["small_italic"]
                    caption = Paragraph(self.fmt.plain(alt, line, italic=True,
                                                       family=self._family(st)),
                                        self.style("small_italic", left=left, spaceAfter=6))
                    image.spaceAfter = 2.0
                    return self._indented([KeepTogether([image, caption])], left)
                if data is not None and target.lower().endswith(IMAGE_SUFFIXES):
                    self.problems.append(Diagnostic(
                        Severity.WARNING, "bad-image", f"'{target}' is not an image the guide "
                        "can print (PNG, JPEG or GIF); it is shown by name", self.fmt.source,
                        line))
                label = self.styles.settings.titles["embed"].replace("{target}", target)
                st = self.styles["small_italic"]
                return [Paragraph(self.fmt.plain(label, line, italic=True,
                                                 family=self._family(st)),
                                  self.style("small_italic", left=left, spaceAfter=4))]
        return []

    def _indented(self, flows: list[Flowable], left: float) -> list[Flowable]:
        if not left:
            return flows
        return [Indenter(left=left), *flows, Indenter(left=-left)]

    def bullet_list(self, block: BulletList, depth: int, style: str = "body"
                    ) -> list[Flowable]:
        if block.ordered:
            labels = [f"{item.number if item.number is not None else block.start + i}."
                      for i, item in enumerate(block.items)]
        else:
            labels = [BULLETS[depth % len(BULLETS)]] * len(block.items)
        width = self.label_width(labels, style)
        left = depth * LIST_INDENT
        out: list[Flowable] = []
        for label, item in zip(labels, block.items, strict=True):
            st = self.style(style, left=left + width, bullet=left, spaceAfter=2)
            bold, italic = _slant(st)
            markup = self.fmt.rich(item.text, item.line, bold=bold, italic=italic,
                                   family=self._family(st))
            out.append(Item(markup, st, bulletText=label))
            if item.children:
                out.extend(self.blocks(item.children, depth + 1, style))
        if out and depth == 0:
            out.append(Spacer(1, self.styles[style].fontSize * 0.35))
        return out

    def quote(self, block: Quote) -> list[Flowable]:
        inner = self.blocks(block.blocks, style="quote")
        if block.attribution:
            lead = plain_text(block.attribution).lstrip()
            dash = "" if lead.startswith(("—", "–", "-")) else "— "
            markup = self.fmt.plain(dash, block.line) + self.fmt.rich(block.attribution,
                                                                     block.line)
            inner.append(Paragraph(markup, self.styles["attribution"]))
        if not inner:
            return []
        return [self._boxed(inner, background=None, rule="quote_rule")]

    def callout(self, block: Callout) -> list[Flowable]:
        title = block.title or ((_title_word(block.kind)),)
        st = self.styles["callout_title"]
        inner: list[Flowable] = [Paragraph(
            self.fmt.rich(title, block.line, bold=True, family=self._family(st)), st)]
        inner.extend(self.blocks(block.blocks))
        return [self._boxed(inner, background="callout_background", rule="quote_rule")]

    def _boxed(self, flows: list[Flowable], background: str | None, rule: str) -> Table:
        """Flowables in a one-column table: a rule on the left, maybe a tint behind.

        One row per flowable, so the box splits between and inside rows across pages."""
        body = self.styles["body"]
        commands = [
            ("FONT", (0, 0), (-1, -1), body.fontName, body.fontSize),
            ("LINEBEFORE", (0, 0), (0, -1), 2, self.styles.colour(rule)),
            ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("TOPPADDING", (0, 0), (-1, 0), 5),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 4),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        if background:
            commands.append(("BACKGROUND", (0, 0), (-1, -1), self.styles.colour(background)))
        table = Table([[f] for f in flows], colWidths=["100%"], style=TableStyle(commands),
                      splitByRow=1, splitInRow=1, hAlign="LEFT", spaceBefore=2,
                      spaceAfter=body.fontSize * 0.7)
        return table

    def tables(self, block: TableBlock) -> list[Flowable]:
        """A table, or a wide one as several tables of at most TABLE_PART_COLUMNS columns
        each (a page has room for no more), up to TABLE_MAX_COLUMNS in all; a line under the
        last part says what was left out."""
        columns = max([len(block.header), *(len(r) for r in block.rows)], default=1)
        if columns <= TABLE_PART_COLUMNS:
            return [self.table(block)]
        out: list[Flowable] = []
        for start in range(0, min(columns, TABLE_MAX_COLUMNS), TABLE_PART_COLUMNS):
            end = start + TABLE_PART_COLUMNS
            out.append(self.table(replace(block, header=block.header[start:end],
                                          rows=tuple(r[start:end] for r in block.rows))))
        if columns > TABLE_MAX_COLUMNS:
            note = (f"(columns {TABLE_MAX_COLUMNS + 1} to {columns} of this table are left "
                    f"out: a printed table holds at most {TABLE_MAX_COLUMNS})")
            out.append(Paragraph(self.fmt.plain(note, block.line), self.styles["cell"]))
        return out

    def table(self, block: TableBlock, width: float | None = None) -> Table:
        columns = max([len(block.header), *(len(r) for r in block.rows)], default=1) or 1
        head_st = self.styles["cell_head"]
        cell_st = self.styles["cell"]
        lines = block.row_lines or tuple(block.line for _ in block.rows)

        def cell(rich: RichText, line: int, st: ParagraphStyle) -> Paragraph:
            bold, italic = _slant(st)
            return Paragraph(self.fmt.rich(rich, line, bold=bold, italic=italic,
                                           family=self._family(st)), st)

        data = []
        if block.header:
            data.append([cell(block.header[i] if i < len(block.header) else (), block.line,
                              head_st) for i in range(columns)])
        for row, line in zip(block.rows, lines, strict=False):
            data.append([cell(row[i] if i < len(row) else (), line, cell_st)
                         for i in range(columns)])
        if not data:
            data = [[Paragraph("", cell_st)]]
        weights = column_weights([[plain_text(c) for c in block.header], *[
            [plain_text(c) for c in r] for r in block.rows]], columns)
        grid = self.styles.colour("rule")
        commands = [
            ("FONT", (0, 0), (-1, -1), cell_st.fontName, cell_st.fontSize),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, grid),
            ("LINEABOVE", (0, 0), (-1, 0), 0.8, grid),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        if block.header:
            commands.append(("BACKGROUND", (0, 0), (-1, 0), self.styles.colour("group_band")))
            commands.append(("LINEBELOW", (0, 0), (-1, 0), 0.8, grid))
        col_widths = [f"{w * 100:.3f}%" for w in weights]
        return Table(data, colWidths=col_widths, style=TableStyle(commands),
                     repeatRows=1 if block.header and len(data) > 2 else 0, splitByRow=1,
                     splitInRow=1, hAlign="LEFT", spaceBefore=2,
                     spaceAfter=self.styles["body"].fontSize * 0.8)

    def code(self, value: str, line: int) -> list[Flowable]:
        """A code block as a run of small boxed tables, one row per source line.

        One flowable for the whole block would be split again and again across pages, each
        split re-wrapping everything left (quadratic in its length); small chunks that abut
        keep the look of one box and cost time in proportion to the lines."""
        st = self.styles["code"]
        fam = self._family(st)
        rows = []
        for i, text in enumerate(value.rstrip("\n").split("\n")):
            stripped = text.lstrip(" ")
            lead = "&nbsp;" * (len(text) - len(stripped))
            for piece in code_pieces(stripped.replace("\t", "    ")):
                markup = lead + self.fmt.plain(piece, line + 1 + i, family=fam)
                rows.append(Paragraph(markup or "&nbsp;", st))
                lead = ""
        chunks = [rows[i:i + CODE_CHUNK] for i in range(0, len(rows), CODE_CHUNK)]
        out: list[Flowable] = []
        for n, chunk in enumerate(chunks):
            first, last = n == 0, n == len(chunks) - 1
            commands = [
                ("FONT", (0, 0), (-1, -1), st.fontName, st.fontSize),
                ("BACKGROUND", (0, 0), (-1, -1), self.styles.colour("code_background")),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
            if first:
                commands.append(("TOPPADDING", (0, 0), (-1, 0), 4))
            if last:
                commands.append(("BOTTOMPADDING", (0, -1), (-1, -1), 4))
            out.append(Table([[row] for row in chunk], colWidths=["100%"],
                             style=TableStyle(commands), splitByRow=1,
                             hAlign="LEFT", spaceBefore=2 if first else 0,
                             spaceAfter=self.styles["body"].fontSize * 0.7 if last else 0))
        return out


def code_pieces(text: str, limit: int = CODE_PIECE) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters that join back into it,
    each ending after a space where the piece has one."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind(" ", 0, limit) + 1 or limit
        pieces.append(text[:cut])
        text = text[cut:]
    pieces.append(text)
    return pieces


def column_weights(rows: list[list[str]], columns: int) -> list[float]:
    """Column shares of the width, from the length of their text: long columns get more room,
    every column at least half an even share, so no column is too narrow to read."""
    if columns <= 0:
        return []
    need = [1.0] * columns
    for row in rows:
        for i, text in enumerate(row[:columns]):
            longest_word = max((len(w) for w in text.split()), default=0)
            need[i] = max(need[i], min(len(text), 60) * 0.7 + min(longest_word, 14) * 0.3)
    total = sum(need)
    floor = 0.5 / columns
    shares = [max(n / total, floor) for n in need]
    scale = sum(shares)
    return [s / scale for s in shares]


def _slant(st: ParagraphStyle) -> tuple[bool, bool]:
    name = st.fontName
    return name.endswith(("bold", "bolditalic")), name.endswith(("italic", "bolditalic"))


def _title_word(kind: str) -> object:
    from ...model import Text

    return Text(kind.replace("-", " ").capitalize() or "Note")
