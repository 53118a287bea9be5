"""Obsidian's inline syntax read through markdown-it rules: highlights, wikilinks, embeds, tags
and citation markers nest with emphasis and keep the words of the sentence around them."""

from __future__ import annotations

import pytest

from studypress.model import (
    Citation,
    Cloze,
    Code,
    Embed,
    Emphasis,
    Highlight,
    Paragraph,
    Strong,
    Text,
    WikiLink,
    plain_text,
)
from studypress.reader import read_note, read_text


def read(text: str):
    return read_text(text, "n.md", "n")


def blocks(note) -> list:
    return [b for s in note.sections for b in s.blocks]


def paragraph(note):
    found = [b for b in blocks(note) if isinstance(b, Paragraph)]
    assert len(found) == 1, found
    return found[0].text


def find(rich, kind):
    """Every node of ``kind`` anywhere in the rich text."""
    out = []
    for node in rich:
        if isinstance(node, kind):
            out.append(node)
        out += find(getattr(node, "children", ()), kind)
    return out


def test_highlight_holds_emphasis():
    rich = paragraph(read("## Notes\n\nA ==high *lit* text== here.\n"))
    (mark,) = find(rich, Highlight)
    assert plain_text(mark.children) == "high lit text"
    assert [plain_text(e.children) for e in find(mark.children, Emphasis)] == ["lit"]
    assert plain_text(rich) == "A high lit text here."


def test_highlight_inside_bold_and_bold_inside_highlight():
    rich = paragraph(read("## Notes\n\n**a ==b== c** and ==d **e**==\n"))
    (strong_outer, strong_inner) = find(rich, Strong)
    assert [plain_text(h.children) for h in find(rich, Highlight)] == ["b", "d e"]
    assert plain_text(strong_inner.children) == "e"
    assert plain_text(strong_outer.children) == "a b c"


@pytest.mark.parametrize("src", ["x == y", "a == b == c", "==", "= =", "a ==b"])
def test_equals_signs_that_pair_nothing_stay_text(src):
    rich = paragraph(read(f"## Notes\n\n{src}\n"))
    assert not find(rich, Highlight)
    assert plain_text(rich) == src


def test_wikilink_label_is_markdown_and_names_its_target():
    note = read("## Notes\n\nSee [[Target|a *b*]] and [[Folder/Other#Part]].\n")
    rich = paragraph(note)
    first, second = find(rich, WikiLink)
    assert first.target == "Target" and plain_text(first.children) == "a b"
    assert [plain_text(e.children) for e in find(first.children, Emphasis)] == ["b"]
    assert second.target == "Folder/Other#Part" and plain_text(second.children) == "Other"
    assert plain_text(rich) == "See a b and Other."
    assert "Target" in note.links and "Folder/Other#Part" in note.links


def test_tag_inside_a_sentence_keeps_its_word_and_tags_the_note():
    note = read("## Notes\n\nThe #MeToo movement spread in 2017.\n")
    assert plain_text(paragraph(note)) == "The #MeToo movement spread in 2017."
    assert "MeToo" in note.tags


def test_trailing_tags_label_the_note_and_leave_the_text():
    note = read("## Notes\n\nThe treaty was signed. #history #ww2\n\n#cold-war\n")
    assert plain_text(paragraph(note)) == "The treaty was signed."
    assert {"history", "ww2", "cold-war"} <= set(note.tags)


@pytest.mark.parametrize("src", ["Use {{#Tags}} in the template.", "C# and F# code",
                                 "page/#anchor", "&#35; sign"])
def test_text_that_only_looks_like_a_tag_stays_text(src):
    note = read(f"## Notes\n\n{src}\n")
    assert note.tags == ()
    assert plain_text(paragraph(note)) == src.replace("&#35;", "#")


def test_mid_sentence_embed_keeps_its_place():
    note = read("## Notes\n\nCompare the map ![[img.png]] and the chart.\n")
    assert plain_text(paragraph(note)) == "Compare the map img.png and the chart."
    assert "img.png" in note.embeds


def test_mid_sentence_note_embed_is_a_link_to_that_note(tmp_path):
    (tmp_path / "Other note.md").write_text("# Other note\n", encoding="utf-8")
    (tmp_path / "a.md").write_text(
        "## Notes\n\nSee ![[Other note]] and ![[Other note#Causes]] for the causes.\n\n"
        "Then ![[Missing note]] here.\n\n![[Other note]]\n", encoding="utf-8")
    note = read_note(tmp_path / "a.md", "a.md")
    first, second = [b for b in blocks(note) if isinstance(b, Paragraph)]
    links = find(first.text, WikiLink)
    assert [(w.target, plain_text(w.children)) for w in links] == [
        ("Other note", "Other note"), ("Other note#Causes", "Other note")]
    assert plain_text(first.text) == "See Other note and Other note for the causes."
    assert "Other note" in note.links and "Other note#Causes" in note.links
    # only the missing note is reported, at its line; the embed standing alone finds its file
    missing = [(d.line, d.message) for d in note.diagnostics if d.code == "missing-embed"]
    assert len(missing) == 1 and missing[0][0] == 5 and "Missing note" in missing[0][1]
    assert plain_text(second.text) == "Then Missing note here."


def test_embed_alone_is_a_block():
    note = read("## Notes\n\n![[maps/img.png|300]]\n")
    assert [b.target for b in blocks(note) if isinstance(b, Embed)] == ["maps/img.png"]
    assert not [b for b in blocks(note) if isinstance(b, Paragraph)]


def test_citation_markers_but_not_links():
    rich = paragraph(read("## Notes\n\nSigned [1] and ratified [2, 3]; see [4](http://x.org).\n"))
    assert [c.refs for c in find(rich, Citation)] == [("1",), ("2", "3")]
    assert plain_text(rich).endswith("; see 4.")


def test_citations_vanish_from_plain_text_links_keep_their_label():
    rich = paragraph(read("## Notes\n\nSigned[1] and see [4](http://x.org).\n"))
    assert [c.refs for c in find(rich, Citation)] == [("1",)]
    assert plain_text(rich) == "Signed and see 4."
    assert not [n for n in rich if isinstance(n, Text) and "[" in n.value]


# ------------------------------------------------------------------- block ids


BLOCK_IDS = """\
## Timeline

- **1917:** The revolution ^rev
- **1918:** Peace with [[Treaty|the *treaty* ^x]] ^peace-1
  - 1919: a child item ^kid
- **1920:** no id^here
- **1921:** an id ^mid in the middle
- **1922:** maths $x ^2$

**1930:** first line of a paragraph ^one
**1931:** last line of the paragraph ^two

## Cast of Characters

- **Vladimir Lenin** – leader of the Bolsheviks. Founded the state. ^lenin

## Glossary

- **Soviet:** a workers' council ^soviet

## Quiz

1. Who led the Bolsheviks? ^q1
"""


def test_block_id_ends_a_block_and_names_its_event():
    note = read(BLOCK_IDS)
    ids = {plain_text(e.text): e.block_id for e in note.events}
    assert ids["The revolution"] == "rev"
    assert ids["Peace with the treaty ^x"] == "peace-1"  # a label's end is no block's end
    assert ids["no id^here"] is None
    assert ids["an id ^mid in the middle"] is None
    assert ids["maths x ^2"] is None
    # a paragraph's id ends its last line; one inside the paragraph is text, as in Obsidian
    assert ids["first line of a paragraph ^one"] is None
    assert ids["last line of the paragraph"] == "two"
    (peace,) = [e for e in note.events if e.block_id == "peace-1"]
    assert [(plain_text(c.text), c.block_id) for c in peace.children] == [
        ("a child item", "kid")]


def test_block_id_is_no_text_for_any_reader():
    note = read(BLOCK_IDS)
    (lenin,) = note.people
    assert lenin.role == "leader of the Bolsheviks"
    assert plain_text(lenin.description) == "Founded the state."
    assert [(t.term, plain_text(t.definition)) for t in note.terms] == [
        ("Soviet", "a workers' council")]
    assert [plain_text(q.prompt) for q in note.questions] == ["Who led the Bolsheviks?"]


def test_block_id_in_prose_and_table_cells():
    note = read("## Notes\n\nA plain paragraph. ^para\n\n| a | b |\n|---|---|\n| x | y ^c |\n")
    (para,) = [b for b in blocks(note) if isinstance(b, Paragraph)]
    assert plain_text(para.text) == "A plain paragraph." and para.block_id == "para"
    (table,) = [b for b in blocks(note) if not isinstance(b, Paragraph)]
    assert plain_text(table.rows[0][1]) == "y ^c"  # a cell is no block: its words stay


@pytest.mark.parametrize(("typed", "read_as"), [
    ("{{c1::Moscow}}", (Cloze(1, (Text("Moscow"),)),)),
    ("{{c2::Leningrad::a city}}", (Cloze(2, (Text("Leningrad"),), "a city"),)),
    ("{c2::Leningrad::a city}", (Cloze(2, (Text("Leningrad"),), "a city"),)),
    ("{{c12:: spaced ::  hint }}", (Cloze(12, (Text("spaced"),), "hint"),)),
    ("{{c1::*the* treaty}}", (Cloze(1, (Emphasis((Text("the"),)), Text(" treaty"))),)),
    ("=={{c3::x}}==", (Highlight((Cloze(3, (Text("x"),)),)),)),
    ("{{c1::[[Moscow]]}}", (Cloze(1, (WikiLink("Moscow", (Text("Moscow"),)),)),)),
    ("`{{c1::code}}`", (Code("{{c1::code}}"),)),  # code is code
    ("{{c1::}}", (Text("{{c1::}}"),)),  # nothing to hide: text
    ("{{Front}} {{c::x}}", (Text("{{Front}} {{c::x}}"),)),
])
def test_a_typed_cloze_mark_is_a_cloze_node(typed, read_as):
    assert paragraph(read(f"## Notes\n\n{typed}\n")) == read_as


def test_two_marks_in_a_sentence_and_their_plain_text():
    rich = paragraph(read("## Notes\n\nOpened in {{c1::Moscow}} and {{c2::Leningrad::a city}}.\n"))
    assert [n.number for n in find(rich, Cloze)] == [1, 2]
    # The words of the text are the answers; the hint is for the card.
    assert plain_text(rich) == "Opened in Moscow and Leningrad."
