"""Shapes that were read wrong without a word: numbers that are no years, clock times, money
that is no maths, regnal numerals, decades without their century. Each is read right now, or
kept as written with a message."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studypress.dates import DateError, parse_date
from studypress.model import Math, Paragraph, Table, Text, plain_text
from studypress.reader import read_text
from studypress.reader.timeline import split_date


def read(text: str):
    return read_text(text, "n.md", "n")


def _texts(note) -> list[str]:
    return [plain_text(e.text) for e in note.events]


# ------------------------------------------------------------------ numbered tables


@pytest.mark.parametrize("table", [
    "| # | Question | Answer |\n| --- | --- | --- |\n"
    "| 1 | What is opportunity cost? | The next best alternative forgone. |\n"
    "| 2 | What is GDP? | The value of final goods and services. |\n",
    "| Trial | Initial (mL) | Final (mL) |\n| --- | --- | --- |\n"
    "| 1 | 0.00 | 24.60 |\n| 2 | 0.50 | 24.95 |\n| 3 | 0.10 | 24.70 |\n",
    "| Chapter | Pages |\n| --- | --- |\n| 12 | 30 |\n| 13 | 28 |\n",
])
def test_a_column_of_small_numbers_is_no_column_of_years(table):
    note = read(f"# Review\n\n## Results\n\n{table}")
    assert note.events == ()
    tables = [b for s in note.sections for b in s.blocks if isinstance(b, Table)]
    assert len(tables) == 1 and len(tables[0].rows) == table.count("\n") - 2  # kept whole


def test_years_in_a_table_are_still_a_timeline():
    note = read("# Rome\n\n## Results\n\n| | |\n| --- | --- |\n| 476 | The West falls |\n"
                "| 1453 | Constantinople falls |\n| 800 | Charlemagne crowned |\n")
    assert [e.date.edtf for e in note.events] == ["0476", "1453", "0800"]


def test_small_years_under_a_year_header_are_years():
    note = read("# Rome\n\n## Timeline\n\n| Year | Event |\n| --- | --- |\n"
                "| 14 | Augustus dies |\n| 79 | Vesuvius erupts |\n")
    assert [e.date.edtf for e in note.events] == ["0014", "0079"]


# ------------------------------------------------------------------------ clock times


@pytest.mark.parametrize(("item", "date", "time", "rest"), [
    ("10:30, 9 November 1989: East Germany opens the border.", "1989-11-09", "10:30",
     "East Germany opens the border."),
    ("9:00 am, 18 June 1815: Battle of Waterloo begins.", "1815-06-18", "9:00 am",
     "Battle of Waterloo begins."),
    ("9 November 1989, 10:30: the border opens", "1989-11-09", "10:30", "the border opens"),
    ("18 June 1815, 9 am – the battle begins", "1815-06-18", "9 am", "the battle begins"),
    ("6 am 6 June 1944: D-Day", "1944-06-06", "6 am", "D-Day"),
    ("14h30, 14 juillet 1789 : la prise", "1789-07-14", "14h30", "la prise"),
    ("**10:30, 9 November 1989:** the border opens", "1989-11-09", "10:30",
     "the border opens"),
    ("**9 November 1989, 23:15**: the crowds cross", "1989-11-09", "23:15",
     "the crowds cross"),
])
def test_a_time_of_day_beside_the_date_is_the_date_s_note(item, date, time, rest):
    (event,) = read(f"# Night\n\n## Timeline\n\n- {item}\n- 1990: unity\n").events[:1]
    assert (event.date.edtf, event.date_note, plain_text(event.text)) == (date, time, rest)


@pytest.mark.parametrize("item", ["10:30: the meeting", "3:16 a verse", "1:2 a ratio"])
def test_a_clock_time_alone_is_no_year(item):
    note = read(f"# Night\n\n## Timeline\n\n- {item}\n- 1990: unity\n- 1991: end\n")
    first = note.events[0]
    assert first.date is None and plain_text(first.text) == item


@given(st.integers(0, 23), st.integers(0, 59), st.integers(1000, 2099))
def test_no_clock_time_is_read_as_a_year(hour, minute, year):
    dated = split_date((Text(f"{hour}:{minute:02d}, {year}: something happens"),))
    assert dated is not None and dated.date_text == str(year)
    assert dated.note == f"{hour}:{minute:02d}"


# ------------------------------------------------------------------------------ money


@pytest.mark.parametrize("line", [
    "The plan transferred over $13 billion (about $150 billion today) to Europe.",
    "Prices rose from $20,000 to $30,000 in a year.",
    "A ticket cost $5 and a meal $ 3.",
    "Between US$5 and US$10 a day.",
])
def test_sums_of_money_keep_their_dollars(line):
    note = read(f"# Money\n\n## Summary\n\n{line}\n")
    (para,) = [b for s in note.sections for b in s.blocks if isinstance(b, Paragraph)]
    assert not any(isinstance(n, Math) for n in para.text)
    assert plain_text(para.text) == line


def test_maths_between_dollars_is_still_maths():
    note = read("# Physics\n\n## Summary\n\nEnergy is $E=mc^2$ and area $\\pi r^2$.\n")
    (para,) = [b for s in note.sections for b in s.blocks if isinstance(b, Paragraph)]
    assert [n.value for n in para.text if isinstance(n, Math)] == ["E=mc^2", "\\pi r^2"]


# -------------------------------------------------------------------- regnal numerals


@pytest.mark.parametrize(("cast", "event", "people"), [
    ("Charles I (King of England, 1625–1649)", "1660: Charles II is restored.", ()),
    ("Charles I (King of England, 1625–1649)", "1649: Charles is beheaded.", ("Charles I",)),
    ("Charles I (King of England, 1625–1649)", "1649: Charles I is beheaded.", ("Charles I",)),
    ("Elizabeth I (1533–1603)", "1603: Elizabeth II is no queen yet.", ()),
    ("Peter I (Tsar of Russia, 1672–1725)", "1727: Peter II becomes tsar.", ()),
    ("Peter I (Tsar of Russia, 1672–1725)", "1703: Peter founds a city.", ("Peter I",)),
])
def test_a_name_with_another_numeral_is_another_person(cast, event, people):
    note = read(f"# Kings\n\n## Cast of Characters\n\n- **{cast}:** a ruler.\n\n"
                f"## Timeline\n\n- {event}\n- 1700: nothing\n")
    assert note.events[0].people == people


# ------------------------------------------------------------- decades, no century


@pytest.mark.parametrize("written", ["80年代", "八十年代末", "80년대 후반", "'80s"])
def test_a_decade_without_its_century_is_refused(written):
    with pytest.raises(DateError, match="century"):
        parse_date(written)


@pytest.mark.parametrize(("written", "edtf"), [
    ("1980年代", "198X"), ("20世纪50年代", "195X"), ("二十世纪五十年代", "195X"),
    ("19世紀80年代後半", "1885/1889"), ("1920年代後半", "1925/1929"),
])
def test_a_decade_with_its_century_is_read(written, edtf):
    assert parse_date(written).edtf == edtf


def test_a_cjk_decade_without_its_century_is_reported_at_its_line():
    note = read("# 改革\n\n## 时间线\n\n- **80年代：** 改革开放全面展开。\n- **1992年：** 南巡。\n")
    assert note.events[0].date is None
    assert any(d.code == "bad-date" and d.line == 5 for d in note.diagnostics)


# --------------------------------------------------------- days written "9. November"


@pytest.mark.parametrize("marker", ["- ", ""])
def test_a_day_with_a_full_stop_is_a_day_not_a_list_number(marker):
    note = read("# Deutsche Geschichte\n\n## Zeittafel\n\n"
                f"{marker}9. November 1918: Ausrufung der Republik.\n"
                f"{marker}30. Januar 1933: Machtergreifung.\n"
                f"{marker}13. August 1961 – Bau der Berliner Mauer.\n")
    assert [(e.date.edtf, plain_text(e.text)) for e in note.events] == [
        ("1918-11-09", "Ausrufung der Republik."), ("1933-01-30", "Machtergreifung."),
        ("1961-08-13", "Bau der Berliner Mauer.")]
    assert not [d for d in note.diagnostics if d.severity == "warning"]


def test_a_numbered_quiz_stays_numbered():
    note = read("# Quiz\n\n## Quiz\n\n1. What is GDP?\n2. Januar 1999: what began?\n\n"
                "## Answer Key\n\n1. Output.\n2. The euro.\n")
    assert [(q.number, plain_text(q.prompt)) for q in note.questions] == [
        (1, "What is GDP?"), (2, "Januar 1999: what began?")]


def test_a_numbered_list_of_days_without_years_stays_a_numbered_list():
    from studypress.model import BulletList

    note = read("# Plan\n\n## Steps\n\n1. Januar: plan\n2. Februar: build\n")
    lists = [b for s in note.sections for b in s.blocks if isinstance(b, BulletList)]
    assert lists and lists[0].ordered and note.events == ()


# ------------------------------------------------- a life with its places, as encyclopedias


@pytest.mark.parametrize(("entry", "span", "role"), [
    ("**Giuseppe Mazzini** (Genova, 22 giugno 1805 – Pisa, 10 marzo 1872): patriota.",
     "1805-06-22/1872-03-10", "Genova – Pisa"),
    ("**Napoléon Bonaparte** (Ajaccio, 15 août 1769 – Sainte-Hélène, 5 mai 1821) : empereur.",
     "1769-08-15/1821-05-05", "Ajaccio – Sainte-Hélène"),
    ("**Владимир Ленин** (22 апреля 1870, Симбирск — 21 января 1924, Горки): вождь.",
     "1870-04-22/1924-01-21", "Симбирск – Горки"),
    ("**Abraham Lincoln** (Hodgenville, February 12, 1809 – Washington, April 15, 1865): "
     "president.", "1809-02-12/1865-04-15", "Hodgenville – Washington"),
])
def test_a_life_with_its_places_is_a_span_from_birth_to_death(entry, span, role):
    note = read(f"# Lives\n\n## Cast of Characters\n\n- {entry}\n")
    (person,) = note.people
    assert (person.span.edtf, person.span_kind.value, person.role) == (span, "life", role)
    assert person.aliases == ()


def test_a_role_and_a_tenure_keep_their_reading():
    note = read("# PMs\n\n## Cast of Characters\n\n"
                "- **Winston Churchill** (Prime Minister, 1940 – 1945): led Britain.\n")
    (person,) = note.people
    assert (person.role, person.span.edtf) == ("Prime Minister", "1940/1945")


# ------------------------------------------------------------- Chinese and Japanese casts


@pytest.mark.parametrize("entry", [
    "**孙中山（1866—1925）：** 中国民主革命的先行者。",
    "**孙中山**（1866—1925）：中国民主革命的先行者。",
    "**孙中山 (1866–1925)：** 中国民主革命的先行者。",
])
def test_full_width_brackets_hold_the_span(entry):
    note = read(f"# 人物\n\n## 大事年表\n\n- **1925年3月12日：** 孙中山在北京逝世。\n"
                f"- **1912年：** 民国。\n\n## 主要人物\n\n- {entry}\n")
    (person,) = note.people
    assert (person.name, person.span.edtf) == ("孙中山", "1866/1925")
    assert plain_text(person.description) == "中国民主革命的先行者。"
    assert note.events[0].people == ("孙中山",)


@pytest.mark.parametrize(("entry", "name", "role", "event"), [
    ("**毛泽东（中华人民共和国主席，1893—1976）：** 领导人。", "毛泽东", "中华人民共和国主席",
     "刘少奇当选中华人民共和国主席。"),
    ("**Александр I** (император, 1801–1825): царь.", "Александр I", "император",
     "Франц II становится императором."),
])
def test_a_role_in_the_name_s_own_script_is_no_other_name(entry, name, role, event):
    note = read(f"# Rulers\n\n## Cast of Characters\n\n- {entry}\n\n"
                f"## Timeline\n\n- 1806: {event}\n- 1807: —\n")
    (person,) = note.people
    assert (person.name, person.role, person.aliases) == (name, role, ())
    assert note.events[0].people == ()


def test_a_name_in_another_script_is_still_another_name():
    note = read("# Shoguns\n\n## Cast of Characters\n\n"
                "- **Tokugawa Yoshinobu** (徳川慶喜, 1837–1913): last shogun.\n")
    assert note.people[0].aliases == ("徳川慶喜",)


# ------------------------------------------------------------ "key:: value" of the writer


def test_a_double_colon_term_is_a_term_not_an_outliner_property():
    note = read("# Cold War\n\n## Key terms\n\n"
                "- Containment:: US policy of stopping the spread of communism\n"
                "- Brinkmanship:: pushing a dangerous situation to the edge\n\n"
                "## People\n\n- **Harry S. Truman** (1884–1972): US President.\n"
                "  Born:: Lamar, Missouri\n")
    assert [(t.term, plain_text(t.definition)) for t in note.terms] == [
        ("Containment", "US policy of stopping the spread of communism"),
        ("Brinkmanship", "pushing a dangerous situation to the edge")]
    assert plain_text(note.people[0].description) == "US President. Born: Lamar, Missouri"


def test_an_outliner_s_own_block_properties_are_still_set_aside():
    from studypress.reader.exports import normalise

    exported = normalise("- Tsar abdicates\n  collapsed:: true\n  id:: 64f1c2e3-1111\n"
                         "  card-last-interval:: 4\n")
    assert exported.body.split("\n")[1:4] == ["", "", ""]
    assert sorted(exported.ignored) == [2, 3, 4]


# ------------------------------------------------------- an answer key in parts, per quiz


def test_quiz_headings_under_the_answer_key_are_its_parts():
    note = read("# Genetics\n\n## Quiz 1: Mendel\n\n1. What is an allele?\n"
                "2. Who is the father of genetics?\n\n## Quiz 2: DNA\n\n"
                "1. What enzyme unwinds DNA?\n\n## Answer Key\n\n### Quiz 1\n\n"
                "1. One of two or more versions of a gene.\n2. Gregor Mendel.\n\n"
                "### Quiz 2\n\n1. Helicase.\n")
    assert [(q.number, plain_text(q.prompt), plain_text(q.answer or ())) for q in
            note.questions] == [
        (1, "What is an allele?", "One of two or more versions of a gene."),
        (2, "Who is the father of genetics?", "Gregor Mendel."),
        (3, "What enzyme unwinds DNA?", "Helicase.")]


# ------------------------------------------------- labels that are no date, dates at the end


@pytest.mark.parametrize("label", ["FY2008", "Between 1642 and 1651", "1990–present",
                                   "Summer of '69", "29/10/1929", "1929-10-29T09:30",
                                   "Late 2nd millennium BC"])
def test_a_label_that_reads_as_no_date_is_said_at_its_line(label):
    note = read(f"# World\n\n## Timeline\n\n- 1066: the conquest\n- {label}: something\n")
    assert note.events[1].date is None
    assert plain_text(note.events[1].text) == f"{label}: something"
    (said,) = [d for d in note.diagnostics if d.code == "undated"]
    assert said.line == 6 and f"'{label}'" in said.message


@pytest.mark.parametrize(("item", "edtf"), [
    ("The Buddha is born in Lumbini (c. 563 BCE).", "-0562~"),
    ("Battle of Hastings (14 October 1066)", "1066-10-14"),
])
def test_a_date_in_the_closing_parenthesis_dates_the_item(item, edtf):
    note = read(f"# World\n\n## Timeline\n\n- 1066: the conquest\n- {item}\n")
    assert note.events[1].date.edtf == edtf and plain_text(note.events[1].text) == item


@pytest.mark.parametrize("item", ["The second landing (2).", "A treaty (see below)."])
def test_a_parenthesis_that_is_no_date_leaves_the_item_undated(item):
    note = read(f"# World\n\n## Timeline\n\n- 1066: the conquest\n- {item}\n")
    assert note.events[1].date is None


# ------------------------------------------------------------------------- languages


def test_japanese_under_kanji_headings_is_japanese():
    note = read("# 明治維新\n\n## 年表\n\n- **1867年11月9日:** 徳川慶喜が大政奉還を行う。\n"
                "- **1889年2月11日:** 大日本帝国憲法が発布される。\n\n## 登場人物\n\n"
                "- **西郷隆盛** (1828–1877): 薩摩藩出身の指導者。\n")
    assert note.metadata.language == "ja"


def test_chinese_stays_chinese():
    note = read("# 建国\n\n## 年表\n\n- **1949年10月1日：** 中华人民共和国成立。\n")
    assert note.metadata.language == "zh"


def test_a_declared_language_without_words_is_said():
    note = read("---\nlang: hr\n---\n# Raspad\n\n## Kronologija\n\n"
                "- **29. listopada 1918:** Sabor raskida veze.\n")
    (said,) = [d for d in note.diagnostics if d.code == "unknown-language"]
    assert said.line == 2 and "'hr'" in said.message and said.severity == "warning"


@pytest.mark.parametrize("tag", ["es-AR", "en", "de_CH", "zh-Hant"])
def test_a_declared_language_with_words_is_not(tag):
    note = read(f"---\nlang: {tag}\n---\n# X\n")
    assert not [d for d in note.diagnostics if d.code == "unknown-language"]


def test_the_message_of_an_unread_answer_key_names_it_rightly():
    note = read("# Q\n\n## Quiz\n\n1. What?\n\n## Answer Key\n\nSee the lecture notes.\n")
    (said,) = [d for d in note.diagnostics if d.code == "unrecognised-section"]
    assert "'Answer Key' reads as an answer key section" in said.message


# ----------------------------------------------------------------------- cast tables


def test_born_and_died_columns_make_a_life_span():
    note = read("# Presidents\n\n## Cast of Characters\n\n| Name | Born | Died | Role |\n"
                "| --- | --- | --- | --- |\n| John Adams | 1735 | 1826 | 2nd President |\n")
    (person,) = note.people
    assert (person.span.edtf, person.span_kind.value, person.role) == (
        "1735/1826", "life", "2nd President")
    assert plain_text(person.description) == ""


@pytest.mark.parametrize(("heading", "header"), [
    ("Personajes", "| Nombre | Fechas | Cargo | Aportación |"),
    ("Personnages", "| Nom | Dates | Fonction | Contribution |"),
    ("Personen", "| Name | Lebensdaten | Amt | Bedeutung |"),
    ("Personaggi", "| Nome | Date | Ruolo | Contributo |"),
    ("Ключевые личности", "| Имя | Годы жизни | Должность | Вклад |"),
    ("Обзор", "| Имя | Годы жизни | Должность | Вклад |"),  # by its columns alone
    ("主要人物", "| 姓名 | 生卒 | 职务 | 贡献 |"),
])
def test_a_cast_table_s_columns_are_known_in_the_note_s_language(heading, header):
    note = read(f"# X\n\n## {heading}\n\n{header}\n| --- | --- | --- | --- |\n"
                "| Vladimir Lenin | 1870–1924 | Chairman | Led the seizure of power |\n")
    (person,) = note.people
    assert (person.name, person.span.edtf, person.role, plain_text(person.description)) == (
        "Vladimir Lenin", "1870/1924", "Chairman", "Led the seizure of power")
    assert note.events == ()


# ------------------------------------------------------ exports, questions and glossaries


def test_a_toggle_s_question_in_a_timeline_is_kept_as_its_notes():
    note = read("# WWI\n\n## Key Dates\n\n| Date | Event |\n| --- | --- |\n"
                "| June 28, 1914 | The archduke is shot |\n\n<details>\n"
                "<summary>Why did the alliances matter?</summary>\n\n"
                "Because a local war drew in every power.\n\n</details>\n")
    kept = " ".join(plain_text(b.text) for s in note.sections for b in s.blocks
                    if isinstance(b, Paragraph))
    assert "Why did the alliances matter?" in kept and "every power" in kept


def test_an_aside_never_closed_does_not_swallow_the_rest_of_the_note():
    note = read("# WWI\n\n<aside>\n💡 Read before class.\n\n## Timeline\n\n- 1914: war\n"
                "- 1918: peace\n")
    assert [e.date.edtf for e in note.events] == ["1914", "1918"]


def test_numbered_questions_on_consecutive_lines_are_one_each():
    note = read("# WWII\n\n## Short Answer Questions\n\nQ1. When did Germany invade Poland?\n"
                "Q2. Who led Britain from May 1940?\nQ3. What was Barbarossa?\n")
    assert [(q.number, q.line, plain_text(q.prompt)) for q in note.questions] == [
        (1, 5, "When did Germany invade Poland?"), (2, 6, "Who led Britain from May 1940?"),
        (3, 7, "What was Barbarossa?")]


def test_plain_q_and_a_lines_are_faq_entries_of_their_own():
    note = read("# Aid\n\n## Frequently Asked Questions\n\n**Did Germany receive aid?**\n\n"
                "Yes, about $1.4 billion.\n\nQ: Was it a loan?\nA: Mostly grants.\n")
    assert [(plain_text(f.question), " ".join(plain_text(b.text) for b in f.answer))
            for f in note.faq] == [("Did Germany receive aid?", "Yes, about $1.4 billion."),
                                   ("Was it a loan?", "Mostly grants.")]


def test_a_remark_in_a_glossary_is_no_term_and_a_definition_list_is_terms():
    note = read("# Micro\n\n## Glossary\n\n**Note:** definitions follow Mankiw.\n\n"
                "- **Price ceiling**: a legal maximum price.\n\nElasticity\n"
                ": The responsiveness of quantity to price.\n")
    assert [(t.term, plain_text(t.definition)) for t in note.terms] == [
        ("Price ceiling", "a legal maximum price."),
        ("Elasticity", "The responsiveness of quantity to price.")]
    kept = [plain_text(b.text) for s in note.sections for b in s.blocks
            if isinstance(b, Paragraph)]
    assert kept == ["Note: definitions follow Mankiw."]


# ------------------------------------------------------ section words across languages


@pytest.mark.parametrize("heading", ["Questions and Answers", "Q&A", "Preguntas y respuestas",
                                     "Fragen und Antworten", "Вопросы и ответы",
                                     "Questions et réponses", "问答"])
def test_a_questions_and_answers_heading_is_an_faq(heading):
    note = read(f"# X\n\n## {heading}\n\n### ¿Cuándo empezó la guerra?\n\nEl 17 de julio.\n")
    assert [plain_text(f.question) for f in note.faq] == ["¿Cuándo empezó la guerra?"]


def test_an_italian_topic_heading_is_no_essay():
    note = read("# Appunti\n\n## Tema: le cause della guerra\n\n1. Le alleanze.\n"
                "2. Il nazionalismo.\n")
    assert note.questions == ()


def test_full_width_question_marks_and_numbering():
    note = read("# 近代史\n\n## 练习题\n\n1、鸦片战争爆发于哪一年？\n2、辛亥革命发生在哪一年？\n\n"
                "## 答案\n\n1、1840年。\n2、1911年。\n\n## 常见问题\n\n"
                "### 为什么说1840年是开端？\n\n因为鸦片战争。\n")
    assert [(q.number, plain_text(q.prompt), plain_text(q.answer)) for q in note.questions] == [
        (1, "鸦片战争爆发于哪一年？", "1840年。"), (2, "辛亥革命发生在哪一年？", "1911年。")]
    assert [plain_text(f.question) for f in note.faq] == ["为什么说1840年是开端？"]


@pytest.mark.parametrize(("written", "edtf"), [("Au XIXe siècle", "1801/1900"),
                                              ("de 1914 à 1918", "1914/1918")])
def test_french_au_opening_a_date_is_in_not_to(written, edtf):
    assert parse_date(written).edtf == edtf


def test_french_jusqu_a_is_still_an_open_range_refused():
    with pytest.raises(DateError, match="no start"):
        parse_date("jusqu'à 1918")


@pytest.mark.parametrize(("entry", "edtf", "kind"), [
    ("**Otto von Bismarck** (geb. 1. April 1815, gest. 30. Juli 1898): Kanzler.",
     "1815-04-01/1898-07-30", "life"),
    ("**Otto von Bismarck** (* 1815; † 1898): Kanzler.", "1815/1898", "life"),
    ("**Napoléon** (né le 15 août 1769, mort le 5 mai 1821) : empereur.",
     "1769-08-15/1821-05-05", "life"),
    ("**Ленин** (род. 1870, ум. 1924): вождь.", "1870/1924", "life"),
    ("**Piłsudski** (ur. 1867, zm. 1935): marszałek.", "1867/1935", "life"),
    ("**Simón Bolívar** (n. 1783, m. 1830): libertador.", "1783/1830", "life"),
    ("**Caesar** (d. 44 BCE): dictator.", "-0043", "death"),
    ("**Augustus** (reigned 27 BCE – 14 CE): emperor.", "-0026/0014", "tenure"),
])
def test_birth_and_death_words_in_every_language(entry, edtf, kind):
    note = read(f"# X\n\n## Cast of Characters\n\n- {entry}\n")
    (person,) = note.people
    assert (person.span.edtf, person.span_kind.value) == (edtf, kind)
    assert not person.aliases and not person.role


# ------------------------------------------------------- what the first reading overdid


def test_a_numbered_list_of_months_keeps_month_precision():
    note = read("# War\n\n## Timeline\n\n1. August 1914: war begins\n2. November 1918: armistice\n")
    assert [e.date.edtf for e in note.events] == ["1914-08", "1918-11"]


@pytest.mark.parametrize("item", [
    "Battle of Towton (28,000)", "Soldiers mobilised (1,500)", "Pages to read (12–14)",
    "Elected (52%)", "Ratio (1/3)", "Event (c. 40)", "Page (245)",
    "Civil war (1861–1865), then Reconstruction (1865–1877)"])
def test_a_closing_parenthesis_that_is_a_count_or_two_dates_dates_nothing(item):
    note = read(f"# World\n\n## Timeline\n\n- 1066: the conquest\n- {item}\n")
    assert note.events[1].date is None


@pytest.mark.parametrize(("item", "edtf"), [
    ("1937年：7月7日，卢沟桥事变", "1937"), ("1917:2 revolutions", "1917"),
    ("1950년:6월 25일 전쟁", "1950")])
def test_a_colon_after_a_year_still_separates_it(item, edtf):
    note = read(f"# X\n\n## Timeline\n\n- {item}\n- 1990: end\n")
    assert note.events[0].date.edtf == edtf


@pytest.mark.parametrize(("entry", "alias"), [
    ("**Иосиф Сталин** (Джугашвили, 1878–1953): вождь.", "Джугашвили"),
    ("**豊臣秀吉** (木下藤吉郎, 1537–1598): 武将。", "木下藤吉郎"),
    ("**孙中山**（孙文、孙逸仙，1866—1925）：先行者。", "孙文"),
])
def test_an_alias_in_the_name_s_own_script_is_still_an_alias(entry, alias):
    note = read(f"# X\n\n## Cast of Characters\n\n- {entry}\n")
    assert alias in note.people[0].aliases and not note.people[0].role


def test_a_few_bare_numbers_or_a_share_make_no_date_column():
    for rows in ("| 1 | a |\n| 2 | b |\n| c. 3 | c |\n", "| 52% | yes |\n| 48% | no |\n",
                 "| 101 | a |\n| 102 | b |\n| 103 | c |\n"):
        note = read(f"# X\n\n## Results\n\n| N | What |\n| --- | --- |\n{rows}")
        assert note.events == (), rows


def test_capitalised_keys_are_the_writer_s_and_logseq_s_own_stay_aside():
    from studypress.reader.exports import normalise

    exported = normalise("# X\n\n- Icon:: a small picture\n- Title:: a name\n"
                         "  last-modified-at:: 1620000000000\n  custom-id:: x\n")
    assert exported.body.split("\n")[2:6] == ["- Icon: a small picture", "- Title: a name",
                                              "", ""]


def test_offices_on_both_sides_of_a_dash_are_no_places_of_a_life():
    note = read("# X\n\n## Cast of Characters\n\n"
                "- **Napoleon** (First Consul, 1799 – Emperor, 1804): ruler.\n")
    assert note.people[0].span_kind.value != "life"


@pytest.mark.parametrize("label", ["Step 2", "G7", "COVID-19", "https://example.com/1919"])
def test_a_label_with_a_small_figure_is_not_told_it_is_no_date(label):
    note = read(f"# World\n\n## Timeline\n\n- 1066: the conquest\n- {label}: something\n")
    assert not [d for d in note.diagnostics if d.code == "undated"]


@pytest.mark.parametrize(("header", "row"), [
    ("| Year (AD) | Event | Place |", "| 1066 | Norman conquest | England |"),
    ("| Who | Year | Event |", "| Gavrilo Princip | 1914 | the archduke is shot |"),
    ("| Name | Date | Significance |", "| Battle of Hastings | 1066 | the conquest |"),
])
def test_a_dated_table_outside_a_cast_stays_a_chronology(header, row):
    note = read(f"# X\n\n## Overview\n\n{header}\n| --- | --- | --- |\n{row}\n")
    assert note.people == () and len(note.events) == 1


@pytest.mark.parametrize(("header", "row", "edtf", "description"), [
    ("| Name | Reign | Died |", "| Elizabeth I | 1558 | 1603 |", "1558", "1603"),
    ("| Name | Birth | Death |", "| John Adams | 1735 | 1826 |", "1735/1826", ""),
    ("| Name | Born | Died |", "| Abraham Lincoln | 1809 | assassinated 1865 |", "1809",
     "assassinated 1865"),
])
def test_a_died_column_joins_only_a_birth(header, row, edtf, description):
    note = read(f"# X\n\n## Cast of Characters\n\n{header}\n| --- | --- | --- |\n{row}\n")
    (person,) = note.people
    assert (person.span.edtf, plain_text(person.description)) == (edtf, description)


@pytest.mark.parametrize("heading", ["Quiz: Questions and Answers", "Q&A Answer Key",
                                     "Questions and Answers", "Fragen und Antworten (Lösungen)",
                                     "问答题答案"])
def test_an_answer_key_named_questions_and_answers_still_answers(heading):
    note = read(f"# X\n\n## Quiz\n\n1. When?\n2. Who?\n\n## {heading}\n\n1. 1914\n"
                "2. Franz Ferdinand\n")
    assert [plain_text(q.answer or ()) for q in note.questions] == ["1914", "Franz Ferdinand"]


@pytest.mark.parametrize("instructions",
                         ["3問とも必修。", "1、2两题为必答题。", "10题，每题10分。"])
def test_instructions_that_count_questions_are_no_question(instructions):
    note = read(f"# X\n\n## 練習問題\n\n{instructions}\n\n1．日清戦争は何年？\n2．誰？\n")
    assert [q.number for q in note.questions] == [1, 2]


@pytest.mark.parametrize(("written", "number"), [("問1．何年？", 1), ("１．何年？", 1),
                                                 ("Q3: When?", 3)])
def test_question_numbers_as_chinese_and_japanese_write_them(written, number):
    from studypress.reader.questions import numbered_items

    (item,), _ = numbered_items([Paragraph((Text(written),), 1)])
    assert item.number == number


def test_a_chinese_note_quoting_japanese_titles_stays_chinese():
    note = read("# 日本动漫史\n\n## 年表\n\n- **1963年：** 日本第一部电视动画（鉄腕アトム）播出，"
                "影响了整个亚洲。\n- **1986年：** 动画（ドラゴンボール）开始播出，非常受欢迎。\n"
                "- **1988年：** 电影（となりのトトロ）上映。\n")
    assert note.metadata.language == "zh"


def test_several_plain_pairs_in_one_paragraph_and_an_answer_below():
    note = read("# Aid\n\n## FAQ\n\nQ: Was it a loan?\nA: Mostly grants.\nQ: Who ran it?\n"
                "A: The ECA.\n\nQ: When did it end?\n\nA: In 1952.\n\nQ. E. D. is Latin.\n")
    assert [(plain_text(f.question), " ".join(plain_text(b.text) for b in f.answer))
            for f in note.faq] == [("Was it a loan?", "Mostly grants."),
                                   ("Who ran it?", "The ECA."),
                                   ("When did it end?", "In 1952. Q. E. D. is Latin.")]


def test_a_note_among_the_terms_is_a_term():
    note = read("# Finance\n\n## Glossary\n\n- **Bond:** a debt.\n\n"
                "**Note:** a debt security maturing in one to ten years.\n")
    assert [t.term for t in note.terms] == ["Bond", "Note"]


def test_an_unclosed_aside_before_a_closed_one_swallows_nothing():
    note = read("# X\n\n<aside>\nRead first.\n\n## Timeline\n\n- 1914: war\n- 1918: peace\n\n"
                "<aside>\nA closed one.\n</aside>\n")
    assert [e.date.edtf for e in note.events] == ["1914", "1918"]


@pytest.mark.parametrize(("tag", "language", "warned"), [
    ("und", None, False), ("mul", None, False), ("fra", "fr", False), ("eng", "en", False),
    ("hr", "hr", True)])
def test_language_tags_that_name_none_or_three_letters(tag, language, warned):
    note = read(f"---\nlang: {tag}\n---\n# X\n\n## Chronologie\n\n- **1848 :** révolution\n")
    assert (note.metadata.language == language) if language else note.metadata.language != tag
    assert bool([d for d in note.diagnostics if d.code == "unknown-language"]) is warned


def test_a_bold_full_width_question_under_an_faq_is_an_entry():
    note = read("# X\n\n## 常见问题\n\n**为什么说1840年是开端？**\n\n因为鸦片战争。\n")
    assert [plain_text(f.question) for f in note.faq] == ["为什么说1840年是开端？"]


def test_answer_key_parts_go_to_the_quiz_they_name_in_any_order():
    quiz = ("# G\n\n## Quiz 1: Mendel\n\n1. What is an allele?\n2. Who is the father?\n\n"
            "## Quiz 2: DNA\n\n1. What unwinds DNA?\n\n## Answer Key\n\n")
    note = read(quiz + "### Quiz 2\n\n1. Helicase.\n\n### Quiz 1\n\n1. A gene version.\n"
                "2. Mendel.\n")
    assert [plain_text(q.answer or ()) for q in note.questions] == [
        "A gene version.", "Mendel.", "Helicase."]
    only_two = read(quiz + "### Quiz 2\n\n1. Helicase.\n")
    assert [plain_text(q.answer or ()) for q in only_two.questions] == ["", "", "Helicase."]
    unknown = read(quiz + "### Quiz 3\n\n1. Helicase.\n")
    assert all(q.answer is None for q in unknown.questions)
    assert [d.code for d in unknown.diagnostics if d.code == "answer-part"] == ["answer-part"]


# ------------------------------------------------------------------- a second review


def test_numbered_questions_with_their_answers_are_no_answer_key():
    note = read("# X\n\n## Quiz\n\n1. In what year?\n2. Who spoke?\n\n## Questions and Answers\n\n"
                "1. Was the aid a loan? Mostly grants.\n2. Did the bloc take part? No.\n")
    assert all(q.answer is None for q in note.questions)


def test_numbered_answers_under_questions_and_answers_stay_answers_whatever_follows():
    note = read("# X\n\n## Quiz\n\n1. When?\n2. When?\n\n## Questions and Answers\n\n1. 1914.\n"
                "2. 1918.\n\n### Why did the war last so long?\n\nTrenches.\n")
    assert [plain_text(q.answer or ()) for q in note.questions] == ["1914.", "1918."]


@pytest.mark.parametrize(("entry", "role"), [
    ("**王安石**（宰相，1021—1086）：改革家。", "宰相"),
    ("**北条時宗** (執権, 1251–1284): 鎌倉幕府。", "執権"),
    ("**Николай II** (Император, 1868–1918): царь.", "Император"),
    ("**Лев Толстой** (Писатель, 1828–1910): автор.", "Писатель"),
])
def test_a_capitalised_or_cjk_role_in_the_name_s_script_is_the_role(entry, role):
    note = read(f"# X\n\n## Cast of Characters\n\n- {entry}\n")
    assert (note.people[0].role, note.people[0].aliases) == (role, ())


def test_parts_named_by_a_word_every_quiz_shares_go_by_what_tells_them_apart():
    note = read("# X\n\n## Quiz: Chapter 1\n\n1. a?\n2. b?\n\n## Quiz: Chapter 2\n\n1. c?\n"
                "2. d?\n\n## Answer Key\n\n### Chapter 2\n\n1. C\n2. D\n\n### Chapter 1\n\n"
                "1. A\n2. B\n")
    assert [plain_text(q.answer or ()) for q in note.questions] == ["A", "B", "C", "D"]


def test_more_answers_than_the_quiz_has_questions_stay_with_it():
    note = read("# X\n\n## Quiz 1\n\n1. a?\n2. b?\n\n## Quiz 2\n\n1. c?\n\n## Answer Key\n\n"
                "### Quiz 1\n\n1. A\n2. B\n3. X\n\n### Quiz 2\n\n1. C\n")
    assert [plain_text(q.answer or ()) for q in note.questions] == ["A", "B", "C"]
    assert [d.code for d in note.diagnostics if d.code == "answer-extra"] == ["answer-extra"]


def test_a_name_role_dates_table_of_battles_stays_a_chronology():
    note = read("# X\n\n## Battles\n\n| Name | Role | Dates |\n| --- | --- | --- |\n"
                "| Gettysburg | Turning point | 1–3 July 1863 |\n")
    assert note.people == () and [e.date.edtf for e in note.events] == ["1863-07-01/1863-07-03"]


@pytest.mark.parametrize(("inside", "edtf"), [
    ("c. 1440", "1440~"), ("1960s", "196X"), ("1066?", "1066?"), ("1868年", "1868"),
    ("1919年5月4日", "1919-05-04")])
def test_dates_in_a_closing_parenthesis_that_say_they_are_dates(inside, edtf):
    note = read(f"# World\n\n## Timeline\n\n- 1066: the conquest\n- A thing ({inside})\n")
    assert note.events[1].date.edtf == edtf


@pytest.mark.parametrize("header", ["| Jahr | Ereignis |", "| Anno | Evento |",
                                    "| Год | Событие |"])
def test_a_year_column_is_named_in_every_language(header):
    note = read(f"# X\n\n## Überblick\n\n{header}\n| --- | --- |\n| 476 | a |\n| 800 | b |\n")
    assert [e.date.edtf for e in note.events] == ["0476", "0800"]


@pytest.mark.parametrize(("lines", "edtfs"), [
    # counting from 1: a list's numbers or days, the words say the month for sure
    ("1. August 1914: a\n2. August 1914: b\n3. August 1914: c\n",
     ["1914-08", "1914-08", "1914-08"]),
    ("9. November 1918: a\n10. November 1918: b\n", ["1918-11-09", "1918-11-10"]),
])
def test_numbers_counting_from_one_keep_to_the_month_later_ones_are_days(lines, edtfs):
    note = read(f"# X\n\n## Zeittafel\n\n{lines}")
    assert [e.date.edtf for e in note.events] == edtfs


def test_question_numbers_with_di_and_counters_inside_questions():
    note = read("# X\n\n## 练习题\n\n第1题：鸦片战争爆发于哪一年？\n\n第2题：辛亥革命在哪一年？\n\n"
                "## 答案\n\n1、1840年。\n2、1911年。\n")
    assert [q.number for q in note.questions] == [1, 2]
    lines = read("# X\n\n## 练习题\n\n1、鸦片战争爆发于哪一年？\n2、辛亥革命在哪一年？\n"
                 "3、2个通商口岸是哪两个？\n")
    assert [q.number for q in lines.questions] == [1, 2, 3]


def test_source_after_the_terms_is_still_a_remark():
    note = read("# X\n\n## Glossary\n\n- **Bond:** a debt.\n\n**Source:** Mankiw, 9th ed.\n")
    assert [t.term for t in note.terms] == ["Bond"]


def test_a_japanese_chronology_of_katakana_names_is_japanese():
    note = read("# 日本史\n\n## 年表\n\n- **1853年：** ペリー来航\n"
                "- **1905年：** ポーツマス条約締結\n- **1941年：** ハル・ノート提示\n")
    assert note.metadata.language == "ja"


# ------------------------------------------------------------------- a third review


@pytest.mark.parametrize("header", ["| War | Duration (years) | Deaths |",
                                    "| Indicator | Data | Source |"])
def test_small_amounts_under_a_date_word_are_no_years(header):
    note = read(f"# X\n\n## Facts\n\n{header}\n| --- | --- | --- |\n"
                "| Thirty Years | 30 | a |\n| Seven Years | 7 | b |\n")
    assert note.events == ()


@pytest.mark.parametrize(("entry", "alias"), [
    ("**Иосиф Сталин** (Коба, 1878–1953): вождь.", "Коба"),
    ("**Лев Троцкий** (Бронштейн, 1879–1940): нарком.", "Бронштейн"),
    ("**秦始皇**（嬴政，1—2）：皇帝。", "嬴政"),
    ("**鲁迅**（周树人，1881—1936）：作家。", "周树人"),
])
def test_aliases_that_end_like_no_role_are_aliases(entry, alias):
    note = read(f"# X\n\n## Cast of Characters\n\n- {entry}\n")
    assert alias in note.people[0].aliases


@pytest.mark.parametrize("count", ["c. 8000", "c. 300"])
def test_a_rough_count_in_the_closing_parenthesis_is_no_date(count):
    note = read(f"# X\n\n## Timeline\n\n- 490 BCE: Marathon\n- The Spartans hold ({count})\n")
    assert note.events[1].date is None


def test_notes_under_the_answer_key_of_one_quiz_are_no_answers():
    note = read("# X\n\n## Quiz\n\n1. a?\n2. b?\n3. c?\n4. d?\n\n## Answer Key\n\n1. 1792.\n"
                "2. Robespierre.\n\n### Notes on the harder questions\n\n1. note one\n"
                "2. note two\n")
    assert [plain_text(q.answer or ()) for q in note.questions] == ["1792.", "Robespierre.", "",
                                                                     ""]


def test_answers_that_repeat_their_questions_are_the_answers():
    note = read("# X\n\n## Review Questions\n\n1. When did the war begin?\n2. Who won?\n\n"
                "## Questions and Answers\n\n1. When did the war begin? 1914.\n"
                "2. Who won? The Allies.\n")
    assert [plain_text(q.answer or ()) for q in note.questions] == ["1914.", "The Allies."]


def test_questions_of_its_own_under_an_answer_key_are_said_and_not_paired():
    note = read("# X\n\n## Quiz\n\n1. In what year?\n2. Who spoke?\n\n## Questions and Answers"
                "\n\n1. Was the aid a loan? Mostly grants.\n2. Did the bloc take part? No.\n")
    assert all(q.answer is None for q in note.questions)
    assert [d.code for d in note.diagnostics if d.code == "answer-questions"] == [
        "answer-questions"]


# ------------------------------------------------------------------- messages that mislead


def test_a_whole_date_with_no_separator_is_named_whole_in_its_message():
    note = read("# X\n\n## Timeline\n\n- 1900: a\n- May 12, 1949 Blockade lifted\n")
    (said,) = [d for d in note.diagnostics if d.severity in ("warning", "error")]
    assert said.code == "undated-lead" and "'May 12, 1949'" in said.message
    assert note.events[1].date is None


def test_a_label_that_reads_as_no_date_is_named_not_its_first_year():
    note = read("# X\n\n## Timeline\n\n- 1900: a\n- 1066 and 1087: two kings\n")
    (said,) = [d for d in note.diagnostics if d.code in ("undated", "undated-lead")]
    assert said.code == "undated" and "'1066 and 1087'" in said.message
