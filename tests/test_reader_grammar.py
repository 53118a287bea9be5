"""The reader's grammar piece by piece: front matter, encodings, cast and timeline variants,
Obsidian syntax, quizzes, and robustness on arbitrary text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studypress.jsonform import note_to_json
from studypress.model import (
    Citation,
    Emphasis,
    FootnoteRef,
    Highlight,
    Math,
    Note,
    Precision,
    QuestionKind,
    Severity,
    SpanKind,
    Strong,
    plain_text,
)
from studypress.reader import ReadError, read_note, read_text

from .reader_facts import event, mentions


def read(text: str, stem: str = "note") -> Note:
    return read_text(text, f"{stem}.md", stem)


def warnings(note: Note) -> list[str]:
    return [d.code for d in note.diagnostics if d.severity is Severity.WARNING]


# ------------------------------------------------------------------ front matter


def test_json_front_matter_and_permalink_id():
    note = read('---\n{"permalink":"/a/b/my-note/","tags":"x, y","aliases":["One"]}\n---\n# T\n')
    assert note.id == "my-note"
    assert note.tags == ("x", "y")
    assert note.metadata.aliases == ("One",)
    assert note.title == "T"


def test_yaml_front_matter_title_wins_over_h1():
    note = read("---\ntitle: Front\ntags: [a, '#b']\ndeck: My::Deck\n---\n# Heading\n")
    assert note.title == "Front" and note.tags == ("a", "b")
    assert dict(note.metadata.extra)["deck"] == "My::Deck"


def test_title_falls_back_to_timeline_subject_then_file_name():
    assert read("## Timeline of Events: The Thing (1900-1910)\n\n- **1901:** x\n").title == (
        "The Thing (1900-1910)")
    assert read("Just text.\n", stem="my-first_note").title == "My first note"


def test_broken_front_matter_is_a_warning_with_line():
    note = read("---\ntitle: [unclosed\n---\n# Title\n")
    d = next(d for d in note.diagnostics if d.code == "front-matter")
    assert d.severity is Severity.WARNING and d.line >= 2
    assert note.title == "Title"


def test_unterminated_front_matter():
    note = read("---\ntitle: x\n\n# Title\n")
    assert "front-matter" in warnings(note)


# --------------------------------------------------------------------- encodings


@pytest.mark.parametrize("data", [
    "\ufeff# Title\r\n\r\n## Timeline\r\n\r\n- **1917:** Event\r\n".encode(),
    b"# Title\n\n## Timeline\n\n- **1917:** Event\n",
    b"# Title\r\r## Timeline\r\r- **1917:** Event\r",
])
def test_bom_crlf_lf(tmp_path, data):
    path = tmp_path / "n.md"
    path.write_bytes(data)
    note = read_note(path)
    assert note.title == "Title"
    assert [e.date.edtf for e in note.events] == ["1917"]
    assert note.events[0].line == 5


def test_latin1_is_an_error_naming_file_and_line(tmp_path):
    path = tmp_path / "latin.md"
    path.write_bytes("# Title\n\nCaf\xe9\n".encode("latin-1"))
    with pytest.raises(ReadError) as info:
        read_note(path, "source/latin.md")
    assert info.value.line == 3
    assert str(info.value).startswith("source/latin.md:3: error:")
    assert "UTF-8" in str(info.value)


def test_utf16_is_an_error(tmp_path):
    path = tmp_path / "u16.md"
    path.write_bytes("# Title\n".encode("utf-16"))
    with pytest.raises(ReadError, match="UTF-16"):
        read_note(path)


# ---------------------------------------------------------------------- timeline


def test_timeline_variants():
    note = read(
        "## Chronology\n\n"
        "**Foundation**\n\n"
        "- **December 1917:** colon inside\n"
        "- **1914**: colon outside\n"
        "* 1905 – plain date with dash\n"
        "- **March 1917** (February Revolution, Old Style): parenthetical\n"
        "- No date here\n"
        "  - child one\n"
        "- ~~1925: struck~~\n"
        "- **Febtember 1900:** impossible\n"
        "\n### 1940s\n\n"
        "- Something in the forties ^block-1\n"
        "\n| Date | Event | Where |\n|---|---|---|\n| 1 May 1945 | Fall | Berlin |\n"
    )
    texts = [plain_text(e.text) for e in note.events]
    assert texts == ["colon inside", "colon outside", "plain date with dash", "parenthetical",
                     "No date here", "Febtember 1900: impossible", "Something in the forties",
                     "Fall — Berlin"]
    assert {e.group for e in note.events if e.line < 14} == {"Foundation"}
    assert event(note, "parenthetical").date_note == "February Revolution, Old Style"
    undated = event(note, "No date here")
    assert undated.date is None
    assert [plain_text(c.text) for c in undated.children] == ["child one"]
    assert event(note, "Febtember 1900").date is None  # a rejected date keeps its words
    bad = [d for d in note.diagnostics if d.code == "bad-date"]
    assert len(bad) == 1 and bad[0].line == 12
    forties = event(note, "Something in the forties")
    assert forties.group == "1940s" and forties.date.precision is Precision.DECADE
    assert forties.block_id == "block-1" and forties.inherited_date
    assert event(note, "Fall").date.edtf == "1945-05-01"


def test_list_of_dates_is_a_timeline_anywhere():
    note = read("# Notes\n\nSome prose.\n\n- 1914: war\n- 1917: revolution\n- 1918: peace\n")
    assert [e.date.edtf for e in note.events] == ["1914", "1917", "1918"]


def test_year_numbered_list_trap():
    note = read("## Timeline\n\n1937. The purges peak.\n")
    assert [e.date.edtf for e in note.events] == ["1937"]
    assert plain_text(note.events[0].text) == "The purges peak."


def test_bold_group_line_lazily_joined_to_a_bullet():
    note = read("## Timeline\n\n**1917**\n- first\n**1918**\n- second\n")
    assert [(e.group, plain_text(e.text)) for e in note.events] == [
        ("1917", "first"), ("1918", "second")]


def test_prose_line_above_rule_is_not_a_heading():
    note = read("# T\n\nThis is just a sentence of prose.\n---\n")
    assert [plain_text(b.text) for s in note.sections for b in s.blocks] == [
        "This is just a sentence of prose."]


def test_contradicting_group_date_is_info():
    note = read("## Timeline\n\n**1939:**\n\n- **June 1941:** invasion\n")
    assert note.events[0].date.edtf == "1941-06"
    assert [d.severity for d in note.diagnostics] == [Severity.INFO]


# -------------------------------------------------------------------------- cast


def test_cast_variants():
    note = read(
        "## Key Figures\n\n"
        "**Qin Shi Huang (秦始皇; First Emperor of China, 259–210 BCE):** Unified China.\n\n"
        "**Emperor Wu (Han emperor, reigned 141–87 BCE):** Expanded the empire.\n\n"
        "**Spartacus (Gladiator, d. 71 BCE):** Rebel.\n\n"
        "**Augustus (born Gaius Octavius; First Emperor, 63 BCE–14 CE):** Heir.\n\n"
        "- **Name Only** – a role sentence. And a description.\n"
    )
    people = {p.name: p for p in note.people}
    qin = people["Qin Shi Huang"]
    assert qin.aliases == ("秦始皇",) and qin.role == "First Emperor of China"
    assert qin.span.edtf == "-0258/-0209"
    wu = people["Emperor Wu"]
    assert wu.span_kind is SpanKind.TENURE and wu.span.edtf == "-0140/-0086"
    assert people["Spartacus"].span_kind is SpanKind.DEATH
    assert people["Augustus"].aliases == ("Gaius Octavius",)
    only = people["Name Only"]
    assert only.role == "a role sentence"
    assert plain_text(only.description) == "And a description."


def test_cast_entry_without_bold_name_warns():
    note = read("## Cast of Characters\n\n- just some text\n")
    assert note.people == () and "cast-entry" in warnings(note)


def test_links_skip_first_names_and_common_words():
    note = read(
        "## Timeline\n\n- **1900:** Franklin met Mr Young and King George.\n"
        "- **1901:** Roosevelt spoke.\n- **1902:** [[Franklin D. Roosevelt|FDR]] left.\n"
        "\n## People\n\n**Franklin D. Roosevelt (President):** x\n\n**Neil Young (Singer):** y\n"
    )
    assert mentions(note, "Franklin D. Roosevelt") == ["Roosevelt spoke.", "FDR left."]
    assert mentions(note, "Neil Young") == []


# ------------------------------------------------------------ quiz and glossary


def test_quiz_answer_pairing_warnings():
    note = read(
        "## Quiz\n\n1. One?\n2. Two?\n3. Three?\n\n"
        "## Answer Key\n\n1. Uno.\n3. Tres.\n4. Cuatro.\n\n"
        "## Essay Questions\n\n- Discuss.\n- Compare.\n"
    )
    quiz = [q for q in note.questions if q.kind is QuestionKind.SHORT]
    assert [plain_text(q.answer) if q.answer else None for q in quiz] == ["Uno.", None, "Tres."]
    codes = warnings(note)
    assert codes.count("answer-missing") == 1 and codes.count("answer-extra") == 1
    essays = [q for q in note.questions if q.kind is QuestionKind.ESSAY]
    assert [q.number for q in essays] == [1, 2]


def test_bold_numbered_quiz_and_table_glossary():
    note = read(
        "## Quiz\n\n**1.** First?\n\n**2.** Second?\n\n"
        "## Glossary\n\n| Term | Meaning |\n|---|---|\n| Soviet | A council |\n"
    )
    assert [plain_text(q.prompt) for q in note.questions] == ["First?", "Second?"]
    assert [(t.term, plain_text(t.definition)) for t in note.terms] == [("Soviet", "A council")]


@pytest.mark.parametrize("form", ["**{}:** ", "**{}** — ", "**{}** "])
def test_glossary_terms_on_consecutive_lines_are_a_term_each(form):
    note = read(
        "## Glossar\n\n"
        f"{form.format('Dolchstoßlegende')}die Behauptung, das Heer sei unbesiegt.\n"
        f"{form.format('Kapp-Putsch')}ein Putschversuch 1920,\n"
        "dessen Ende ein Generalstreik war.\n"
        f"{form.format('Inflation')}Geldentwertung 1923.\n"
    )
    assert [(t.term, plain_text(t.definition), t.line) for t in note.terms] == [
        ("Dolchstoßlegende", "die Behauptung, das Heer sei unbesiegt.", 3),
        ("Kapp-Putsch", "ein Putschversuch 1920, dessen Ende ein Generalstreik war.", 4),
        ("Inflation", "Geldentwertung 1923.", 6)]


def test_a_bold_term_over_its_definition_lines_stays_one_term():
    note = read("## Glossary\n\n**Soviet**\nA council of workers\nand soldiers.\n")
    assert [(t.term, plain_text(t.definition)) for t in note.terms] == [
        ("Soviet", "A council of workers and soldiers.")]


# ------------------------------------------------------------------ obsidian


def test_inline_syntax():
    note = read(
        "# T\n\nA [[Target|label]] and [[Plain]] with ==marked== text, a citation [2, 3], "
        "$x^2$, *em* and a note[^n] #tag/sub.\n\n![[missing.png]]\n\n[^n]: The note.\n",
    )
    para = note.sections[0].blocks[0].text
    assert plain_text(para).startswith("A label and Plain with marked text")
    assert any(isinstance(n, Highlight) for n in para)
    assert Citation(("2", "3")) in para
    assert any(isinstance(n, Math) and n.value == "x^2" for n in para)
    assert any(isinstance(n, Emphasis) for n in para)
    assert any(isinstance(n, FootnoteRef) for n in para)
    assert note.links == ("Target", "Plain")
    assert note.tags == ("tag/sub",)
    assert note.embeds == ("missing.png",)
    assert [f.label for f in note.footnotes] == ["n"]


def test_missing_embed_warns_with_callback():
    note = read_text("# T\n\n![[here.png]]\n\n![[gone.png]]\n", "n.md", "n",
                     embed_exists=lambda t: t == "here.png")
    missing = [d for d in note.diagnostics if d.code == "missing-embed"]
    assert [(d.line, "gone.png" in d.message) for d in missing] == [(5, True)]


def test_headings_keep_formatting():
    note = read("# T\n\n## The **bold** part\n\ntext\n")
    assert any(isinstance(n, Strong) for n in note.sections[-1].title)


# ------------------------------------------------------------------ robustness

PIECES = st.sampled_from([
    "# Title", "## Timeline", "## Cast of Characters", "## Quiz", "## Answer Key",
    "## Glossary", "## Essay Questions", "### Q: Why?", "**1917**", "**1920s:**",
    "**Post-Recognition**", "- **December 1917:** text", "- **1914**: x", "* 1905 – y",
    "- **March 1917** (Old Style): z", "  - child", "- ~~struck~~", "1. **1928:** plan",
    "1937. trap", "| Date | Event |", "|---|---|", "| 1 May 1945 | End |",
    "**Name (Role, 1933-1945):** d", "**Leon Trotsky** (Лев Троцкий): t",
    "- **Term:** def", "1. Question?", "> [!note] Tip", "> quote — Someone",
    "[[a|b]] ==hl== [1] #tag", "![[x.png]]", "[^1]: foot", "---", "", "$$", "x^2", "```",
    "- **Febtember 1900:** bad", "**31 February 1900**", "<script>alert(1)</script>",
    "{{c1::cloze}}", "\t\t- deep", ":::", "| a |", "***", "**", "~~", "[[", "]]", "==",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=40))
def test_grammar_mixes_never_raise(lines):
    note = read("\n".join(lines))
    assert not [d for d in note.diagnostics if d.code == "internal"]
    note_to_json(note)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text):
    note = read(text)
    assert not [d for d in note.diagnostics if d.code in ("internal", "unreadable")]
    note_to_json(note)


@pytest.mark.parametrize(("line", "aliases", "role"), [
    # names listed before the role, then a title among them: all are names
    ("**Qin Shi Huang** (Shi Huangdi, First Emperor, 259–210 BCE): Unified China.",
     ("Shi Huangdi", "First Emperor"), None),
    ("**Qin Shi Huang** (Shi Huangdi, First Emperor, founder of the Qin, 259–210 BCE): Text.",
     ("Shi Huangdi", "First Emperor"), "founder of the Qin"),
    ("**Qin Shi Huang** (Ying Zheng, Shi Huangdi, 259–210 BCE): Unified China.",
     ("Ying Zheng", "Shi Huangdi"), None),
    ("Qin Shi Huang (Shi Huangdi, First Emperor): unified China.",
     ("Shi Huangdi", "First Emperor"), None),
    # a title standing alone is the role
    ("**Qin Shi Huang** (First Emperor, 259–210 BCE): Unified China.", (), "First Emperor"),
    ("**Zhou Enlai** (Chinese Premier, 1898–1976): Diplomat.", (), "Chinese Premier"),
    ("**Augustus** (born Gaius Octavius; First Emperor, 63 BCE–14 CE): Heir.",
     ("Gaius Octavius",), "First Emperor"),
    # a regnal name and initials are names; a body or a place after the role is no name
    ("**Liu Bang** (Emperor Gaozu, 256–195 BCE): Founded the Han.", ("Emperor Gaozu",), None),
    ("**Franklin D. Roosevelt** (FDR, President, 1933–1945): Text.", ("FDR",), "President"),
    ("**Herbert Hoover** (Republican Party, 1929–1933): Text.", (), "Republican Party"),
    ("**Alexander Hamilton** (Treasury Secretary, New York, 1755–1804): Text.", (),
     "Treasury Secretary, New York"),
    ("**Emperor Wu** (Han Wudi, reigned 141–87 BCE): Text.", ("Han Wudi",), None),
    ("**Emperor Wu** (Han emperor, reigned 141–87 BCE): Text.", (), "Han emperor"),
])
def test_parenthesised_names_and_roles_by_their_evidence(line, aliases, role):
    note = read(f"## Cast of Characters\n\n{line}\n")
    (person,) = note.people
    assert person.aliases == aliases
    assert person.role == role


def test_a_date_with_no_separator_after_it_is_warned_about_not_misread():
    note = read("## Timeline\n\n- 1935--1943 the long war.\n- 1944: the end.\n"
                "- The council meets again.\n")
    (warned,) = [d for d in note.diagnostics if d.code == "undated-lead"]
    assert warned.line == 3 and "1935–1943" in warned.message
    assert [e.date.edtf if e.date else None for e in note.events] == [None, "1944", None]
