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


def _codes(note, severity=None):
    return [d.code for d in note.diagnostics if severity is None or d.severity is severity]


def test_messy_notes_events():
    note = read("messy-notes.md")
    assert note.title == "Russian Revolution — class notes (messy)"
    assert note.id == "messy-notes"
    texts = [plain_text(e.text) for e in note.events]
    edtf = [e.date.edtf if e.date else None for e in note.events]
    assert len(note.events) == 14
    assert edtf[:9] == ["1905", "1914", "1917-03", "1917-22", "1917-11-07", "1918-03-03",
                        edtf[6], edtf[7], "1924-01-21"]
    assert texts[0].startswith("Revolution of 1905 after Bloody Sunday")
    assert texts[1] == "Russia enters World War I."
    assert note.events[2].date_note == "February Revolution, Old Style"
    assert texts[2].startswith("Nicholas II abdicates")
    summer = note.events[3]
    assert summer.date.precision is Precision.SEASON
    assert [plain_text(c.text) for c in summer.children] == [
        "Army discipline collapses.", "Desertions rise sharply."]
    early, late = note.events[6].date, note.events[7].date
    assert (early.earliest.year, early.latest.year) == (1920, 1923)
    assert late.latest.iso() == "1929-12-31" and late.earliest.year >= 1926
    # the struck-through item is dropped; "Unknown date" stays, undated, without a warning
    assert not any("deleted item" in t for t in texts)
    assert note.events[9].date is None and texts[9].startswith("Secret meeting")
    assert texts[12] == "Sergey Kirov is assassinated in Leningrad"
    assert "struck-out" in _codes(note, Severity.INFO)
    assert _codes(note, Severity.WARNING) == []


def test_messy_notes_table_and_ordered_list():
    note = read("messy-notes.md")
    assert [e.date.edtf for e in note.events[10:]] == [
        "1928", "1932/1933", "1934-12-01", "1936/1938"]
    assert plain_text(note.events[13].text) == "The Great Purges"
    assert note.events[12].line == 26 and note.events[13].line == 27


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
    assert nicholas.events == (2,)
    assert kerensky.events == (3,)
    assert lenin.events == (8,)
    assert people["Joseph Stalin"].events == (7,)


def test_roman_republic():
    note = read("roman-republic-timeline.md")
    assert note.title == "The Roman Republic: From Kings to Caesar"
    assert note.tags == ("ancient-history", "rome")
    assert note.id == "roman-republic-timeline"
    assert len(note.events) == 16 and len(note.people) == 11
    first = note.events[0].date
    assert first.edtf == "-0508~" and first.approximate
    assert first.earliest.year == -509 and first.latest.year == -509
    punic = note.events[4].date
    assert punic.edtf == "-0263/-0240" and punic.is_range
    assert note.events[12].date.edtf == "-0048-01-10"
    ides = note.events[13].date
    assert ides.edtf == "-0043-03-15" and ides.precision is Precision.DAY
    assert [e.group for e in note.events[:7]] == ["Foundation and Expansion"] * 7
    assert note.events[7].group == "Crisis of the Republic"
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
    caesar = people["Gaius Julius Caesar"]
    assert caesar.events == (11, 12, 13)
    assert 11 in pompey.events
    assert people["Spartacus"].events == (10,)
    assert augustus.events == (15,)


def test_study_guide_quiz_answers_essays_glossary():
    note = read("russian-history-ii-us-recognition-study-guide.md")
    assert note.title == "U.S. Recognition of the Soviet Union: A Study Guide"
    assert note.tags == ("russian-history", "diplomacy")
    quiz = [q for q in note.questions if q.kind is QuestionKind.SHORT]
    essays = [q for q in note.questions if q.kind is QuestionKind.ESSAY]
    assert [q.number for q in quiz] == list(range(1, 11))
    assert all(q.answer for q in quiz)
    assert plain_text(quiz[3].prompt) == (
        "Which two intermediaries did Roosevelt use to open contact with the Soviets in 1933?")
    assert plain_text(quiz[3].answer).startswith("Henry Morgenthau, then head of the Farm Credit")
    assert plain_text(quiz[9].answer).endswith("the German invasion of June 1941.")
    assert len(essays) == 5 and essays[0].answer is None
    assert [t.term for t in note.terms] == [
        "Non-recognition", "Bolsheviks", "Treaty of Brest-Litovsk", "Gentleman's agreement",
        "Great Purges", "Molotov–Ribbentrop Pact",
        "People's Commissariat for Foreign Affairs (Narkomindel)",
    ]
    assert plain_text(note.terms[4].definition).startswith("The campaign of political repression")
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
    first_answer = note.faq[0].answer[0].text
    assert any(isinstance(n, Highlight) for n in first_answer)
    second = note.faq[1].answer
    assert any(isinstance(n, WikiLink) and n.target == "Franklin D. Roosevelt"
               and plain_text(n.children) == "FDR" for n in second[0].text)
    callout = second[1]
    assert isinstance(callout, Callout) and callout.kind == "note"
    assert plain_text(callout.title) == "Exam tip"
    assert "#diplomacy" not in plain_text(note.faq[2].answer[0].text)
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
    assert plain_text(note.events[0].text) == "Yalta Conference"
    titles = [plain_text(s.title) for s in note.sections]
    assert titles == ["Executive Summary", "Main Themes and Key Ideas",
                      "1. Spheres of Influence", "2. Containment", "3. Economic Reconstruction",
                      "Conclusion"]
    assert note.sections[0].kind == "summary"
    summary = note.sections[0].blocks[0].text
    assert Citation(("1", "3")) in summary
    quote = next(b for b in note.sections[2].blocks if isinstance(b, Quote))
    assert plain_text(quote.attribution) == "Winston Churchill, Fulton, Missouri, March 5, 1946"
    assert plain_text(quote.blocks[0].text).startswith('"From Stettin in the Baltic')
    assert plain_text(quote.blocks[0].text).endswith('across the Continent."')
    assert _codes(note, Severity.WARNING) == []
