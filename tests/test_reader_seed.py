"""The user's own note, read exactly as the issue describes it."""

from __future__ import annotations

from studypress.jsonform import note_to_json
from studypress.model import Precision, Severity, SpanKind, plain_text

from .reader_facts import event, mentions, person


def test_title_id_and_metadata(seed):
    assert seed.title == "U.S. Recognition of the Soviet Union (1917-1939)"
    assert seed.id == "russian-history-ii-us-recognition-of-soviet-union-timeline"
    assert seed.metadata.permalink.startswith("/network-school/lectures-quizzes-and-references/")
    assert ("dg-publish", "True") in seed.metadata.extra


def test_fourteen_events_in_source_order(seed):
    dates = [e.date.edtf if e.date else None for e in seed.events]
    assert dates == [
        "1917-12", "1918-03", "192X", "192X", "1933-10", "1933-11", "1933-11-15", "1933-11-16",
        "1933-12", None, None, "1936", "1939-08", "1941-06",
    ]
    lines = [e.line for e in seed.events]
    assert lines == sorted(lines)
    assert event(seed, "The U.S. breaks off diplomatic relations").date.edtf == "1917-12"
    assert all("**" not in plain_text(e.text) for e in seed.events)


def test_groups_and_inherited_dates(seed):
    assert event(seed, "The U.S. breaks off").group == "1917"
    assert event(seed, "Bolsheviks sign a separate peace").group == "1918"
    commerce = event(seed, "Extensive commercial links")
    assert commerce.group == "1920s" == event(seed, "Successive U.S. presidents").group
    assert [e.group for e in seed.events if e.date is None] == ["Post-Recognition"] * 2
    decade = commerce.date
    assert decade.precision is Precision.DECADE and commerce.inherited_date
    assert decade.earliest.iso() == "1920-01-01" and decade.latest.iso() == "1929-12-31"
    davies = event(seed, "Joseph E. Davies replaces Bullitt")
    assert davies.date.edtf == "1936" and davies.inherited_date


def test_post_recognition_undated_between_neighbours(seed):
    undated = [e for e in seed.events if e.date is None]
    assert [plain_text(e.text).split()[:2] for e in undated] == [["Debt", "repayment"],
                                                                 ["The", "assassination"]]
    where = [seed.events.index(e) for e in undated]
    assert where == [where[0], where[0] + 1]  # side by side, where the note has them
    assert seed.events[where[0] - 1].date.edtf == "1933-12"
    assert seed.events[where[1] + 1].date.edtf == "1936"


def test_june_1941_keeps_date_with_info(seed):
    june = event(seed, "German invasion of the Soviet Union")
    assert june.group == "1939" and june.date.edtf == "1941-06"
    infos = [d for d in seed.diagnostics if d.severity is Severity.INFO]
    assert [d.line for d in infos] == [june.line]
    assert "June 1941" in infos[0].message
    assert not [d for d in seed.diagnostics if d.severity is not Severity.INFO]


def test_eight_people_with_spans(seed):
    names = [p.name for p in seed.people]
    assert names == [
        "Franklin D. Roosevelt", "Maxim Litvinov", "Henry Morgenthau", "William C. Bullitt",
        "Boris Shvirsky", "Mikhail Kalinin", "Joseph E. Davies", "Sergey Kirov",
    ]
    fdr = person(seed, "Franklin D. Roosevelt")
    assert fdr.role == "President of the United States"
    assert fdr.span.earliest.iso() == "1933-01-01" and fdr.span.latest.iso() == "1945-12-31"
    davies = person(seed, "Joseph E. Davies")
    assert davies.role == "U.S. Ambassador to the Soviet Union"
    assert (davies.span.earliest.year, davies.span.latest.year) == (1936, 1938)
    assert fdr.span_kind is SpanKind.UNKNOWN
    litvinov = person(seed, "Maxim Litvinov")
    assert litvinov.span is None and litvinov.role == "Soviet Commissar for Foreign Affairs"
    assert plain_text(fdr.description).startswith("Orchestrated the recognition")


def test_person_event_links(seed):
    assert mentions(seed, "Franklin D. Roosevelt") == [
        "President Franklin D.", "Roosevelt and Litvinov", "President Roosevelt formally"]
    assert mentions(seed, "William C. Bullitt") == [
        "President Franklin D.", "William C. Bullitt", "Joseph E. Davies"]
    assert mentions(seed, "Sergey Kirov") == ["The assassination of"]
    assert mentions(seed, "Maxim Litvinov") == ["Soviet Commissar for", "Roosevelt and Litvinov"]
    assert mentions(seed, "Mikhail Kalinin") == []
    assert event(seed, "Roosevelt and Litvinov").people == (
        "Franklin D. Roosevelt", "Maxim Litvinov")


def test_name_forms_give_people_and_terms_away(seed):
    assert person(seed, "Franklin D. Roosevelt").names == (
        "Franklin D. Roosevelt", "Franklin", "Roosevelt")
    assert person(seed, "William C. Bullitt").names == ("William C. Bullitt", "William",
                                                         "Bullitt")


def test_json_form(seed):
    data = note_to_json(seed)
    assert data["model_version"] == 1
    assert data["id"] == seed.id
    assert len(data["events"]) == 14 and len(data["people"]) == 8
    first = data["events"][seed.events.index(event(seed, "The U.S. breaks off"))]
    assert first["date"] == {
        "text": "December 1917", "edtf": "1917-12", "precision": "month",
        "earliest": "1917-12-01", "latest": "1917-12-31", "approximate": False,
        "uncertain": False, "range": False, "display": first["date"]["display"],
    }
    fdr = person(seed, "Franklin D. Roosevelt")
    assert data["people"][seed.people.index(fdr)]["events"] == list(fdr.events)
    assert [data["events"][i]["text"] for i in fdr.events] == [
        plain_text(e.text) for e in seed.events_of(fdr)]
