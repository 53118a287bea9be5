"""Note shapes seen in real notes beyond the corpus: cast variants and tables, bracketed date
notes, FAQ headings and bold questions, structure headings over prose, name links."""

from __future__ import annotations

from studypress.model import QuestionKind, Quote, Severity, SpanKind, plain_text
from studypress.reader import read_text


def read(text: str):
    return read_text(text, "n.md", "n")


def test_cast_dates_beside_the_name_are_spans_not_aliases():
    note = read(
        "## Key People\n\n"
        "- **Louis XVI** (1754–1793): King of France 1774–1792.\n"
        "- **Tokugawa Yoshinobu** (徳川慶喜, 1837–1913): Last shogun.\n"
        "- **Marie Curie** (née Skłodowska; 1867–1934): Physicist.\n"
        "- **Someone** (b. 1830, d. 1878): Person.\n"
        "- **Itō Hirobumi**, 1841–1909, first Prime Minister. Wrote the constitution.\n"
        "- **Imhotep** (Architect, fl. c. 2650 BCE): Built the step pyramid.\n"
    )
    people = {p.name: p for p in note.people}
    louis = people["Louis XVI"]
    assert louis.aliases == () and louis.span.edtf == "1754/1793" and louis.role is None
    assert plain_text(louis.description) == "King of France 1774–1792."
    yoshinobu = people["Tokugawa Yoshinobu"]
    assert yoshinobu.aliases == ("徳川慶喜",) and yoshinobu.span.edtf == "1837/1913"
    curie = people["Marie Curie"]
    assert curie.aliases == ("Skłodowska",) and curie.span.edtf == "1867/1934"
    someone = people["Someone"]
    assert someone.span.edtf == "1830/1878" and someone.span_kind is SpanKind.LIFE
    ito = people["Itō Hirobumi"]
    assert ito.span.edtf == "1841/1909" and ito.role == "first Prime Minister"
    assert plain_text(ito.description) == "Wrote the constitution."
    imhotep = people["Imhotep"]
    assert imhotep.span_kind is SpanKind.FLOURISHED and imhotep.span.approximate
    assert imhotep.role == "Architect"


def test_cast_table():
    note = read(
        "## Key Figures\n\n| Name | Dates | Contribution |\n|---|---|---|\n"
        "| Galileo Galilei | 1564–1642 | Improved the telescope |\n"
        "| **Isaac Newton** | 1643–1727 | Laws of motion |\n"
    )
    assert [(p.name, p.span.edtf, plain_text(p.description), p.line) for p in note.people] == [
        ("Galileo Galilei", "1564/1642", "Improved the telescope", 5),
        ("Isaac Newton", "1643/1727", "Laws of motion", 6)]


def test_bold_dates_with_notes_keep_their_date():
    note = read(
        "## Timeline\n\n### 1792–1794\n\n"
        "- **27 July 1794 (9 Thermidor, Year II):** Robespierre falls.\n"
        "- **October 27, 1962 (\"Black Saturday\"):** A U-2 is shot down.\n"
        "- **25 October [O.S. 7 November] 1917:** Seizure of power.\n"
    )
    assert [(e.date.edtf, e.date_note) for e in note.events] == [
        ("1794-07-27", "9 Thermidor, Year II"), ("1962-10-27", "Black Saturday"),
        ("1917-10-25", "O.S. 7 November")]
    assert [d.code for d in note.diagnostics].count("date-outside-group") == 2


def test_structure_heading_over_prose_stays_prose_with_a_warning():
    note = read("# Did Rome Fall? An essay on late antiquity\n\nPara one.\n\n"
                "## Background\n\n- **476:** The last western emperor is deposed.\n"
                "- **480:** Julius Nepos dies.\n\n"
                "## Glossary\n\nJust a paragraph about words.\n")
    assert note.questions == ()
    assert [plain_text(b.text) for b in note.sections[0].blocks] == ["Para one."]
    # the dated list under Background became events grouped under it; no empty section left
    assert [e.group for e in note.events] == ["Background", "Background"]
    titles = [plain_text(s.title) for s in note.sections]
    assert "Background" not in titles and "Glossary" in titles
    warned = [d for d in note.diagnostics if d.code == "unrecognised-section"]
    assert [(d.severity, d.line) for d in warned] == [(Severity.WARNING, 10)]


def test_faq_question_headings_and_bold_questions():
    note = read("# Frequently Asked Questions\n\n## Why two dates?\n\nCalendars.\n\n"
                "**Q: Which calendar?**\n\nJulian.\n\n**Why a third?**\n\nNo reason.\n")
    assert [(plain_text(f.question), [plain_text(b.text) for b in f.answer])
            for f in note.faq] == [("Why two dates?", ["Calendars."]),
                                   ("Which calendar?", ["Julian."]),
                                   ("Why a third?", ["No reason."])]


def test_year_only_answer_is_kept():
    note = read("## Quiz\n\n1. When?\n2. Where?\n\n## Answer Key\n\n1. 1521.\n2. Mexico.\n")
    quiz = [q for q in note.questions if q.kind is QuestionKind.SHORT]
    assert [plain_text(q.answer) for q in quiz] == ["1521.", "Mexico."]


def test_links_respect_neighbouring_words_and_time():
    note = read(
        "## Timeline\n\n"
        "- **1863:** Vicksburg surrenders to Grant.\n"
        "- **1800:** The capital moves to Washington.\n"
        "- **1783:** Washington resigns his commission.\n"
        "- **717:** Leo III holds the city.\n"
        "- **1453:** Constantine XI dies on the walls.\n"
        "- **1261:** Michael VIII Palaiologos recovers the city.\n"
        "- **532:** Theodora persuades Justinian to stay.\n"
        "- **843:** Empress Theodora ends Iconoclasm.\n"
        "- **1877:** Takamori Street is renamed.\n"
        "- **1917:** The failed Kerensky Offensive.\n"
        "- **1962:** Robert Kennedy meets Dobrynin.\n"
        "\n## Key People\n\n"
        "**Ulysses S. Grant (General, 1822–1885):** x\n\n"
        "**George Washington (President, 1732–1799):** x\n\n"
        "**Leo III the Isaurian (Emperor, c. 685–741):** x\n\n"
        "**Constantine XI Palaiologos (Emperor, 1404–1453):** x\n\n"
        "**Justinian I (Emperor, 482–565):** x\n\n"
        "**Theodora (Empress, c. 500–548):** x\n\n"
        "**Saigō Takamori (Samurai, 1828–1877):** x\n\n"
        "**Alexander Kerensky (Premier, 1881–1970):** x\n\n"
        "**John F. Kennedy (President, 1917–1963):** x\n"
    )
    assert [e.people for e in note.events] == [
        ("Ulysses S. Grant",), (), ("George Washington",), ("Leo III the Isaurian",),
        ("Constantine XI Palaiologos",), (), ("Justinian I", "Theodora"), (), (),
        ("Alexander Kerensky",), ()]


def test_quote_attribution_keeps_spaces():
    note = read('# T\n\n> "Nature is written." — Galileo Galilei, *The Assayer*, 1623\n\n'
                "It was possible [1]. See [2, 3] here.\n")
    quote = note.sections[0].blocks[0]
    assert isinstance(quote, Quote)
    assert plain_text(quote.attribution) == "Galileo Galilei, The Assayer, 1623"


def test_out_of_order_and_unreadable_labels_are_reported():
    note = read("## Timeline\n\n- **Late 1920s:** Stalin rises.\n- **Jan. 21, 1924:** Lenin dies.\n"
                "- **Truman Doctrine:** announced.\n")
    info = {d.code: d.line for d in note.diagnostics if d.severity is Severity.INFO}
    assert info == {"out-of-order": 4, "undated": 5}


def test_nested_content_under_items_is_kept():
    note = read(
        "## Quiz\n\n1. In which year?\n   - a) 1917\n   - b) 1933\n\n"
        "## Answer Key\n\n1. b) 1933\n\n"
        "## Key People\n\n- **FDR (President):** Led.\n  - Served four terms.\n\n"
        "## Glossary\n\n- **Soviet:** A council.\n  - Plural: soviets.\n\n"
        "## Timeline\n\n- **1933:** Recognition.\n\n  > A quote under it.\n"
    )
    assert plain_text(note.questions[0].prompt) == "In which year?\na) 1917\nb) 1933"
    assert plain_text(note.people[0].description) == "Led.\n– Served four terms."
    assert plain_text(note.terms[0].definition) == "A council.\n– Plural: soviets."
    notes = [s for s in note.sections if s.kind == "timeline-notes"]
    assert isinstance(notes[0].blocks[0], Quote)
    assert "nested-block" in [d.code for d in note.diagnostics]


def test_quiz_parts_that_restart_numbering_pair_with_a_straight_key():
    note = read("## Quiz Part A\n\n1. A1?\n2. A2?\n\n## Quiz Part B\n\n1. B1?\n2. B2?\n\n"
                "## Answer Key\n\n1. a\n2. b\n3. c\n4. d\n")
    assert [(q.number, plain_text(q.prompt), plain_text(q.answer)) for q in note.questions] == [
        (1, "A1?", "a"), (2, "A2?", "b"), (3, "B1?", "c"), (4, "B2?", "d")]
    assert [d.code for d in note.diagnostics] == ["renumbered"]


def test_markdown_images_are_embeds_with_plain_names():
    note = read_text("# T\n\n![Map of Europe](<my map.png>)\n\n![](Карта.png)\n", "n.md", "n",
                     embed_exists=lambda t: t in ("my map.png", "Карта.png"))
    blocks = note.sections[0].blocks
    assert [(b.target, b.alt) for b in blocks] == [("my map.png", "Map of Europe"),
                                                   ("Карта.png", "")]
    assert note.diagnostics == ()


def test_h1_differing_from_front_matter_title_is_kept_and_no_empty_faq_section():
    note = read("---\ntitle: Course notes\n---\n# Week 3: The Gracchi\n\nText.\n\n"
                "## FAQ\n\n**Why?**\n\nBecause.\n")
    assert note.title == "Course notes"
    assert [plain_text(s.title) for s in note.sections] == ["Week 3: The Gracchi"]
    assert [plain_text(f.question) for f in note.faq] == ["Why?"]


def test_control_characters_are_removed(tmp_path):
    from studypress.reader import read_note

    path = tmp_path / "c.md"
    path.write_bytes(b"# Ti\x1b[31mtle\x0b\n\nText\x07 here.\n")
    note = read_note(path)
    assert note.title == "Ti[31mtle"
    assert plain_text(note.sections[0].blocks[0].text) == "Text here."


def test_a_plain_line_is_a_section_title_only_when_it_reads_as_one():
    sentence = read("# T\n\nSee the timeline below\n\n- 1900: a\n- 1901: b\n")
    assert [plain_text(b.text) for b in sentence.sections[0].blocks] == [
        "See the timeline below"]
    assert len(sentence.events) == 2  # the dated list is a timeline all the same
    essays = read("# T\n\nSection 3: Essay Format Questions\n\n1. Discuss.\n2. Compare.\n")
    assert [q.kind for q in essays.questions] == [QuestionKind.ESSAY] * 2
    assert essays.sections == ()
    bold = read("# T\n\n**Key Terms:**\n\n- **Soviet:** a council.\n")
    assert [t.term for t in bold.terms] == ["Soviet"] and bold.sections == ()
    group = read("## Timeline\n\n**Post-Recognition**\n\n- An undated thing.\n")
    assert [e.group for e in group.events] == ["Post-Recognition"]


def test_outliner_and_notion_markup_is_set_aside_not_printed():
    note = read("title:: Outline\n\n- Timeline\n  collapsed:: true\n  - 1905 — a revolution\n"
                "    id:: 64f1c2e3-1111-4a4a-9b9b-000000000001\n\n<aside>\n💡 Tip\n</aside>\n")
    assert note.title == "Outline"
    assert [plain_text(e.text) for e in note.events] == ["a revolution"]
    assert [s.blocks[0].kind for s in note.sections] == ["note"]  # the aside, as a callout


def test_another_name_beside_a_reign_is_an_alias_not_a_role():
    note = read("## Key Figures\n\n- **Emperor Wu (Han Wudi, reigned 141–87 BCE):** Expanded.\n"
                "- **Nikita Khrushchev (Soviet Premier, 1958–1964):** Placed the missiles.\n")
    wu, khrushchev = note.people
    assert (wu.aliases, wu.role, wu.span.edtf) == (("Han Wudi",), None, "-0140/-0086")
    assert "Han Wudi" in wu.names
    assert (khrushchev.aliases, khrushchev.role) == ((), "Soviet Premier")


def test_a_list_of_dated_people_is_a_cast_wherever_it_stands():
    note = read("# T\n\nThe main actors:\n\n"
                "- **Otto von Bismarck (Chancellor, 1871–1890):** Unified Germany.\n"
                "- **Wilhelm II (Kaiser, 1888–1918):** Dismissed him.\n")
    assert [(p.name, p.span.edtf) for p in note.people] == [
        ("Otto von Bismarck", "1871/1890"), ("Wilhelm II", "1888/1918")]
    assert [d.code for d in note.diagnostics] == []


def test_a_list_only_partly_dated_stays_prose_with_a_warning_at_its_line():
    note = read("# T\n\nThings to revise:\n\n- 1914: the war begins\n- 1917: two revolutions\n"
                "- the alliance system\n- the arms race\n- nationalism\n")
    assert note.events == ()
    assert [(d.code, d.line) for d in note.diagnostics] == [("weak-timeline", 5)]
