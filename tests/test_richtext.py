"""The shared rich-text walk and its two formatters (PDF markup, Anki field HTML)."""

from __future__ import annotations

from xml.etree import ElementTree

from studypress import fonts
from studypress.model import (
    BulletList,
    Callout,
    Citation,
    Code,
    CodeBlock,
    Embed,
    Emphasis,
    FootnoteRef,
    Heading,
    Highlight,
    LineBreak,
    Link,
    ListItem,
    Math,
    MathBlock,
    Paragraph,
    Quote,
    Strike,
    Strong,
    Table,
    Text,
    WikiLink,
    plain_text,
    text,
)
from studypress.renderers.deck import fieldhtml
from studypress.renderers.pdf import markup as pdfmarkup
from studypress.renderers.richtext import Formatter

EVERY_NODE = (
    Text("a < b & "),
    Strong((Text("bold "), Emphasis((Text("both"),)))),
    Strike((Text(" gone"),)),
    Highlight((Text(" marked"),)),
    Code(" x[0] "),
    Math("e^{i\\pi}"),
    Link((Text(" site"),), "https://example.org/?a=1&b=2"),
    Link((Text(" bad"),), "javascript:alert(1)"),
    WikiLink("Target", (Text(" wiki"),)),
    Citation(("1", "2")),
    FootnoteRef("3"),
    LineBreak(hard=False),
    LineBreak(hard=True),
    Text("end"),
)


class Upper(Formatter):
    """A formatter that only changes how text is written."""

    def text(self, value: str) -> str:
        return value.upper()


def test_the_default_walk_gives_the_words_as_plain_text_does() -> None:
    assert Formatter().inline(EVERY_NODE) == plain_text(EVERY_NODE)


def test_overriding_text_reaches_every_text_bearing_node() -> None:
    out = Upper().inline(EVERY_NODE)
    assert out == plain_text(EVERY_NODE).upper()


def test_default_blocks_keep_every_word_in_order() -> None:
    items = (
        Heading(2, text("Head"), 1),
        Paragraph(text("para"), 2),
        BulletList((ListItem(text("one"), (Paragraph(text("inner"), 4),), 3),
                    ListItem(text("two"), (), 5)), ordered=True, line=3, start=3),
        Quote((Paragraph(text("said"), 6),), text("Speaker"), 6),
        Callout("note", text("Title"), (Paragraph(text("body"), 8),), 7),
        Table((text("h1"), text("h2")), ((text("c1"), text("c2")),), 9),
        CodeBlock("code()", "py", 11),
        MathBlock("x^2", 12),
        Embed("map.png", 13, alt="A map"),
    )
    words = Formatter().blocks(items).split()
    assert words == ["Head", "para", "one", "inner", "two", "said", "Speaker", "Title",
                     "body", "h1", "h2", "c1", "c2", "code()", "x^2", "A", "map"]


def test_field_html_of_every_node_is_well_formed_and_escaped() -> None:
    html = fieldhtml.inline(EVERY_NODE)
    root = ElementTree.fromstring(f"<div>{html.replace('<br>', '<br/>')}</div>")
    assert "".join(root.itertext()).startswith("a < b & bold both gone marked")
    assert [a.get("href") for a in root.iter("a")] == ["https://example.org/?a=1&b=2"]
    assert "javascript" not in html
    assert root.find("mark") is not None and root.find("s") is not None
    assert "<code> x&#91;0&#93; </code>" in html  # Anki's markers stay entities
    assert [s.get("class") for s in root.iter("sup")] == ["cite", "fn"]


def test_field_html_blanks_text_runs_but_not_code() -> None:
    rich = (Text("Trotsky met "), Strong((Text("Trotsky"),)), Code("Trotsky"))
    html = fieldhtml.inline(rich, fieldhtml.blanker(["Trotsky"]))
    assert html.count(fieldhtml.BLANK) == 2
    assert "<code>Trotsky</code>" in html


def test_field_html_blocks_nest_lists_and_show_images_as_media() -> None:
    items = (BulletList((ListItem(text("one"), (Embed("map.png", 2),), 1),), False, 1),
             Paragraph(text("after"), 3))
    html = fieldhtml.blocks(items, media=lambda target: "abc.png")
    assert html == ('<ul><li>one<div class="embed"><img src="abc.png" alt="map.png"></div>'
                    "</li></ul><p>after</p>")
    assert fieldhtml.blocks(items[:1]).count('<p class="embed">map.png</p>') == 1


def test_pdf_markup_nests_weight_and_escapes() -> None:
    style = pdfmarkup.MarkupStyle(fonts.family("serif"), citations="drop")
    out = pdfmarkup.markup(EVERY_NODE, style)
    assert out.startswith("a &lt; b &amp; <b>bold <i>both</i></b><strike> gone</strike>")
    assert '<a href="https://example.org/?a=1&amp;b=2"' in out
    assert "javascript" not in out and "[1, 2]" not in out
    assert "<super>3</super>" in out and out.endswith("<br/>end")
