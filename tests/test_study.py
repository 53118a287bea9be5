"""Study items: what a note offers to learn, before any output format."""

from __future__ import annotations

from studypress.model import (
    Day,
    Event,
    FaqEntry,
    HistoricalDate,
    Note,
    Paragraph,
    Person,
    Precision,
    Question,
    QuestionKind,
    Severity,
    Term,
    plain_text,
    text,
)
from studypress.study import Kind, study_items


def day(y: int, m: int, d: int, words: str) -> HistoricalDate:
    when = Day(y, m, d)
    return HistoricalDate(words, when, when, Precision.DAY, when.iso(), words)


NOV16 = day(1933, 11, 16, "November 16, 1933")
MAR4 = day(1933, 3, 4, "March 4, 1933")


def by_text(items, words: str):
    (found,) = [i for i in items if plain_text(i.answer) == words]
    return found


def test_every_entry_of_the_seed_becomes_one_item_with_a_unique_identity(seed: Note) -> None:
    items, diagnostics = study_items(seed)
    assert diagnostics == []
    counts = {k: sum(1 for i in items if i.kind is k) for k in Kind}
    assert counts[Kind.EVENT] == len(seed.events)
    assert counts[Kind.PERSON] == len(seed.people)
    assert counts[Kind.TERM] == len(seed.terms)
    assert counts[Kind.QUESTION] + counts[Kind.ESSAY] == len(seed.questions)
    assert counts[Kind.FAQ] == len(seed.faq)
    assert len({i.identity for i in items}) == len(items)
    assert all(i.identity.startswith(seed.id + "/") for i in items)


def test_events_ask_by_date_and_answer_with_their_text() -> None:
    note = Note(id="n", title="T", source="n.md", events=(
        Event(NOV16, text("Recognition."), 5, group="1933"),
        Event(MAR4, text("Inauguration."), 3, group="Summer 1933"),
        Event(None, text("Later talks."), 9, group="Post-Recognition")))
    items, _ = study_items(note)
    recognition = by_text(items, "Recognition.")
    assert plain_text(recognition.prompt) == "November 16, 1933"
    assert recognition.when is NOV16
    assert recognition.identity == "n/event/1933-11-16#1"
    assert recognition.group == ""  # a bare year says nothing the date does not
    assert by_text(items, "Inauguration.").group == "Summer 1933"
    later = by_text(items, "Later talks.")
    assert later.prompt == () and later.when is None
    assert later.identity == "n/event/undated/post-recognition#1"


def test_neighbours_are_chronological_for_dated_events_and_positional_for_undated() -> None:
    note = Note(id="n", title="T", source="n.md", events=(
        Event(NOV16, text("Recognition."), 5),
        Event(MAR4, text("Inauguration."), 3),
        Event(None, text("Later talks."), 9)))
    items, _ = study_items(note)
    recognition = by_text(items, "Recognition.")
    assert plain_text(recognition.before.text) == "Inauguration."
    assert recognition.after is None
    inauguration = by_text(items, "Inauguration.")
    assert inauguration.before is None
    assert plain_text(inauguration.after.text) == "Recognition."
    later = by_text(items, "Later talks.")
    assert plain_text(later.before.text) == "Inauguration."  # the entry above it


def test_events_sharing_a_date_are_told_apart_by_group_or_rank() -> None:
    ranked = Note(id="n", title="T", source="n.md", events=(
        Event(NOV16, text("A."), 1), Event(NOV16, text("B."), 2), Event(MAR4, text("C."), 3)))
    items, _ = study_items(ranked)
    assert [(plain_text(i.answer), i.peers) for i in items] == [
        ("A.", (1, 2)), ("B.", (2, 2)), ("C.", None)]
    assert [i.identity for i in items][:2] == ["n/event/1933-11-16#1", "n/event/1933-11-16#2"]
    grouped = Note(id="n", title="T", source="n.md", events=(
        Event(NOV16, text("A."), 1, group="Moscow"), Event(NOV16, text("B."), 2, group="DC")))
    items, _ = study_items(grouped)
    assert [(i.distinct_group, i.peers) for i in items] == [("Moscow", None), ("DC", None)]


def test_people_terms_questions_and_faq() -> None:
    event = Event(NOV16, text("Recognition."), 5)
    note = Note(
        id="n", title="T", source="n.md", events=(event,),
        people=(Person("Maxim Litvinov", 7, description=text("Commissar."), events=(0, 0)),),
        terms=(Term("Narkomindel", text("The commissariat."), 9),),
        questions=(Question(1, text("Who?"), 11, answer=text("Him.")),
                   Question(2, text("Why?"), 12),
                   Question(1, text("Discuss."), 13, kind=QuestionKind.ESSAY)),
        faq=(FaqEntry(text("When?"), (Paragraph(text("Then."), 15),), 14),))
    items, _ = study_items(note)
    person, = [i for i in items if i.kind is Kind.PERSON]
    assert person.identity == "n/person/maxim-litvinov"
    assert plain_text(person.prompt) == "Maxim Litvinov"
    assert person.related == (event,)  # each event once
    term, = [i for i in items if i.kind is Kind.TERM]
    assert (plain_text(term.prompt), plain_text(term.answer)) == ("Narkomindel",
                                                                  "The commissariat.")
    questions = [(i.kind, i.identity, i.answered) for i in items
                 if i.kind in (Kind.QUESTION, Kind.ESSAY)]
    assert questions == [(Kind.QUESTION, "n/question/1", True),
                         (Kind.QUESTION, "n/question/2", False),
                         (Kind.ESSAY, "n/essay/1", False)]
    faq, = [i for i in items if i.kind is Kind.FAQ]
    assert faq.identity == "n/faq/1" and faq.answered and faq.answer_blocks


def test_a_shared_identity_is_numbered_and_reported_and_keep_filters_first() -> None:
    note = Note(id="n", title="T", source="n.md",
                people=(Person("Ann Lee", 7), Person("Ann  lee", 8), Person("Bo", 9)),
                questions=(Question(3, text("Q?"), 11), Question(3, text("Q?"), 12,
                                                                 answer=text("A."))))
    items, diagnostics = study_items(note)
    assert [i.identity for i in items][:3] == ["n/person/ann-lee", "n/person/ann-lee+2",
                                               "n/person/bo"]
    assert [(d.severity, d.code, d.line) for d in diagnostics] == [
        (Severity.WARNING, "deck-duplicate", 8), (Severity.WARNING, "deck-duplicate", 12)]
    answered, warnings = study_items(note, keep=lambda i: i.kind is Kind.QUESTION
                                     and i.answered)
    assert [(i.identity, i.line) for i in answered] == [("n/question/3", 12)]
    assert warnings == []
