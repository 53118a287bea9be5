"""Every other corpus note: counts and a sample of exact facts per note."""

from __future__ import annotations

from studypress.model import (
    Callout,
    Citation,
    Highlight,
    Precision,
    QuestionKind,
    Quote,
    Severity,
    SpanKind,
    WikiLink,
    plain_text,
)

from .conftest import read
from .reader_facts import event, mentions


def _codes(note, severity=None):
    return [d.code for d in note.diagnostics if severity is None or d.severity is severity]


def test_messy_notes_events():
    note = read("messy-notes.md")
    assert note.title == "Russian Revolution — class notes (messy)"
    assert note.id == "messy-notes"
    texts = [plain_text(e.text) for e in note.events]
    edtf = [e.date.edtf if e.date else None for e in note.events]
    assert len(note.events) == 14
    assert event(note, "Revolution of 1905 after Bloody Sunday").date.edtf == "1905"
    assert event(note, "Russia enters World War I.").date.edtf == "1914"
    abdication = event(note, "Nicholas II abdicates")
    assert abdication.date.edtf == "1917-03"
    assert abdication.date_note == "February Revolution, Old Style"
    assert event(note, "The Bolsheviks seize power").date.edtf == "1917-11-07"
    assert event(note, "Treaty of Brest-Litovsk signed").date.edtf == "1918-03-03"
    assert event(note, "Lenin dies").date.edtf == "1924-01-21"
    summer = event(note, "The failed Kerensky Offensive")
    assert summer.date.edtf == "1917-22" and summer.date.precision is Precision.SEASON
    assert [plain_text(c.text) for c in summer.children] == [
        "Army discipline collapses.", "Desertions rise sharply."]
    early = event(note, "New Economic Policy").date
    late = event(note, "Stalin consolidates power").date
    assert (early.earliest.year, early.latest.year) == (1920, 1923)
    assert late.latest.iso() == "1929-12-31" and late.earliest.year >= 1926
    # the struck-through item is dropped; "Unknown date" stays, undated, without a warning
    assert not any("deleted item" in t for t in texts)
    assert event(note, "Secret meeting").date is None
    assert edtf.count(None) == 1
    assert "Sergey Kirov is assassinated in Leningrad" in texts
    assert "struck-out" in _codes(note, Severity.INFO)
    assert _codes(note, Severity.WARNING) == []


def test_messy_notes_table_and_ordered_list():
    note = read("messy-notes.md")
    table = [e for e in note.events if e.line in (21, 22)]
    assert [(plain_text(e.text), e.date.edtf) for e in table] == [
        ("First Five-Year Plan begins.", "1928"), ("Famine in Ukraine and Kazakhstan.",
                                                  "1932/1933")]
    kirov = event(note, "Sergey Kirov is assassinated")
    purges = event(note, "The Great Purges")
    assert (kirov.date.edtf, kirov.line) == ("1934-12-01", 26)
    assert (purges.date.edtf, purges.line) == ("1936/1938", 27)
    assert plain_text(purges.text) == "The Great Purges"


def test_messy_notes_people():
    note = read("messy-notes.md")
    people = {p.name: p for p in note.people}
    assert list(people) == ["Vladimir Lenin", "Leon Trotsky", "Alexander Kerensky",
                            "Joseph Stalin", "Nicholas II"]
    lenin = people["Vladimir Lenin"]
    assert lenin.role == "leader of the Bolsheviks, chairman of the Council of People's Commissars"
    assert lenin.span.edtf == "1917/1924"
    trotsky = people["Leon Trotsky"]
    assert trotsky.aliases == ("Лев Троцкий",)
    assert plain_text(trotsky.description) == "Commissar for War who built the Red Army."
    kerensky = people["Alexander Kerensky"]
    assert kerensky.role == "Head of the Provisional Government"
    assert kerensky.span.earliest.iso() == "1917-07-01"
    assert kerensky.span.latest.iso() == "1917-11-30"
    assert plain_text(kerensky.description).startswith("led the Provisional Government")
    assert people["Joseph Stalin"].role == "General Secretary from 1922"
    nicholas = people["Nicholas II"]
    assert nicholas.role == "Emperor of Russia" and nicholas.span.edtf == "1894/1917"
    assert plain_text(nicholas.description) == "The last Tsar."
    # links: full names and surnames, never a bare numeral
    assert mentions(note, "Nicholas II") == ["Nicholas II abdicates;"]
    assert mentions(note, "Alexander Kerensky") == ["The failed Kerensky"]
    assert mentions(note, "Vladimir Lenin") == ["Lenin dies."]
    assert mentions(note, "Joseph Stalin") == ["Stalin consolidates power"]


def test_roman_republic():
    note = read("roman-republic-timeline.md")
    assert note.title == "The Roman Republic: From Kings to Caesar"
    assert note.tags == ("ancient-history", "rome")
    assert note.id == "roman-republic-timeline"
    assert len(note.events) == 16 and len(note.people) == 11
    first = event(note, "The last king, Tarquinius Superbus").date
    assert first.edtf == "-0508~" and first.approximate
    assert first.earliest.year == -509 and first.latest.year == -509
    punic = event(note, "The First Punic War").date
    assert punic.edtf == "-0263/-0240" and punic.is_range
    assert event(note, "Caesar crosses the Rubicon").date.edtf == "-0048-01-10"
    ides = event(note, "Caesar is assassinated").date
    assert ides.edtf == "-0043-03-15" and ides.precision is Precision.DAY
    groups = [e.group for e in note.events]
    assert groups.count("Foundation and Expansion") == 7
    assert event(note, "Carthage and Corinth").group == "Foundation and Expansion"
    assert event(note, "Tiberius Gracchus").group == "Crisis of the Republic"
    assert all(e.date is not None for e in note.events)
    people = {p.name: p for p in note.people}
    tarquin = people["Tarquinius Superbus"]
    assert tarquin.span_kind is SpanKind.TENURE and tarquin.span.approximate
    assert tarquin.role == "Last King of Rome"
    assert people["Spartacus"].span_kind is SpanKind.DEATH
    assert people["Spartacus"].span.edtf == "-0070"
    augustus = people["Augustus"]
    assert augustus.aliases == ("Gaius Octavius",)
    assert augustus.role == "First Emperor"
    assert augustus.span.edtf == "-0062/0014"
    pompey = people["Gnaeus Pompeius Magnus"]
    assert pompey.aliases == ("Pompey the Great",)
    assert people["Marcus Licinius Crassus"].span.approximate
    hannibal = people["Hannibal Barca"]
    assert hannibal.span.earliest.year == -247 and hannibal.span.latest.year == -181
    assert mentions(note, "Gaius Julius Caesar") == [
        "Caesar, Pompey and", "Caesar crosses the", "Caesar is assassinated"]
    assert "Caesar, Pompey and" in mentions(note, "Gnaeus Pompeius Magnus")
    assert mentions(note, "Spartacus") == ["The slave revolt"]
    assert mentions(note, "Augustus") == ["The Senate grants"]


def test_study_guide_quiz_answers_essays_glossary():
    note = read("russian-history-ii-us-recognition-study-guide.md")
    assert note.title == "U.S. Recognition of the Soviet Union: A Study Guide"
    assert note.tags == ("russian-history", "diplomacy")
    quiz = [q for q in note.questions if q.kind is QuestionKind.SHORT]
    essays = [q for q in note.questions if q.kind is QuestionKind.ESSAY]
    assert [q.number for q in quiz] == list(range(1, 11))
    assert all(q.answer for q in quiz)
    by_number = {q.number: q for q in quiz}
    assert plain_text(by_number[4].prompt) == (
        "Which two intermediaries did Roosevelt use to open contact with the Soviets in 1933?")
    assert plain_text(by_number[4].answer).startswith(
        "Henry Morgenthau, then head of the Farm Credit")
    assert plain_text(by_number[10].answer).endswith("the German invasion of June 1941.")
    assert len(essays) == 5 and all(e.answer is None for e in essays)
    assert [t.term for t in note.terms] == [
        "Non-recognition", "Bolsheviks", "Treaty of Brest-Litovsk", "Gentleman's agreement",
        "Great Purges", "Molotov–Ribbentrop Pact",
        "People's Commissariat for Foreign Affairs (Narkomindel)",
    ]
    purges = next(t for t in note.terms if t.term == "Great Purges")
    assert plain_text(purges.definition).startswith("The campaign of political repression")
    assert note.events == ()  # questions mentioning dates are not a timeline
    instructions = [s for s in note.sections if s.kind == "instructions"]
    assert plain_text(instructions[0].blocks[0].text) == (
        "Answer each question in two to three sentences.")
    assert _codes(note, Severity.WARNING) == []


def test_faq_note():
    note = read("recognition-faq.md")
    assert note.title == "Recognition of the USSR — Frequently Asked Questions"
    assert note.tags == ("russian-history", "faq", "diplomacy", "debts")
    assert note.metadata.aliases == ("Recognition FAQ",)
    assert [plain_text(f.question) for f in note.faq] == [
        "Why did it take the United States sixteen years to recognize the USSR?",
        "Who actually negotiated recognition?",
        "Did recognition solve the debt question?",
        "What did recognition change in practice?",
    ]
    assert "russian-history-ii-us-recognition-of-soviet-union-timeline" in note.links
    assert "Franklin D. Roosevelt" in note.links and "Maxim Litvinov" in note.links
    entries = {plain_text(f.question).split()[0]: f.answer for f in note.faq}
    first_answer = entries["Why"][0].text
    assert any(isinstance(n, Highlight) for n in first_answer)
    second = entries["Who"]
    assert any(isinstance(n, WikiLink) and n.target == "Franklin D. Roosevelt"
               and plain_text(n.children) == "FDR" for n in second[0].text)
    callout = second[1]
    assert isinstance(callout, Callout) and callout.kind == "note"
    assert plain_text(callout.title) == "Exam tip"
    assert "#diplomacy" not in plain_text(entries["Did"][0].text)
    assert [f.label for f in note.footnotes] == ["1"]
    assert note.embeds == ("recognition-cartoon.png",)
    missing = [d for d in note.diagnostics if d.code == "missing-embed"]
    assert len(missing) == 1 and missing[0].line == 32


def test_briefing_note():
    note = read("cold-war-origins-briefing.md")
    assert note.title == "Briefing Document: The Origins of the Cold War, 1945–1949"
    assert note.tags == ("cold-war",)
    assert [e.date.edtf for e in note.events] == [
        "1945-02-04/1945-02-11", "1945-07-17/1945-08-02", "1947-03-12", "1948-06-24",
        "1949-04-04", "1949-08-29"]
    assert event(note, "Yalta").date.edtf == "1945-02-04/1945-02-11"
    assert plain_text(event(note, "Yalta").text) == "Yalta Conference"
    titles = [plain_text(s.title) for s in note.sections]
    assert titles == ["Executive Summary", "Main Themes and Key Ideas",
                      "1. Spheres of Influence", "2. Containment", "3. Economic Reconstruction",
                      "Conclusion"]
    sections = {plain_text(s.title): s for s in note.sections}
    assert sections["Executive Summary"].kind == "summary"
    summary = sections["Executive Summary"].blocks[0].text
    assert Citation(("1", "3")) in summary
    quote = next(b for b in sections["1. Spheres of Influence"].blocks if isinstance(b, Quote))
    assert plain_text(quote.attribution) == "Winston Churchill, Fulton, Missouri, March 5, 1946"
    assert plain_text(quote.blocks[0].text).startswith('"From Stettin in the Baltic')
    assert plain_text(quote.blocks[0].text).endswith('across the Continent."')
    assert _codes(note, Severity.WARNING) == []
