"""The user's own note, read exactly as the issue describes it."""

from __future__ import annotations

from studypress.jsonform import note_to_json
from studypress.model import Precision, Severity, SpanKind, plain_text


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
    assert plain_text(seed.events[0].text).startswith("The U.S. breaks off diplomatic relations")
    assert all("**" not in plain_text(e.text) for e in seed.events)


def test_groups_and_inherited_dates(seed):
    groups = [e.group for e in seed.events]
    assert groups[:2] == ["1917", "1918"]
    assert groups[2:4] == ["1920s", "1920s"]
    assert groups[9:11] == ["Post-Recognition", "Post-Recognition"]
    decade = seed.events[2].date
    assert decade.precision is Precision.DECADE and seed.events[2].inherited_date
    assert decade.earliest.iso() == "1920-01-01" and decade.latest.iso() == "1929-12-31"
    davies = seed.events[11]
    assert davies.date.edtf == "1936" and davies.inherited_date


def test_post_recognition_undated_between_neighbours(seed):
    before, a, b, after = seed.events[8:12]
    assert a.date is None and b.date is None
    assert before.date.edtf == "1933-12" and after.date.edtf == "1936"
    assert plain_text(b.text).startswith("The assassination of Sergey Kirov")


def test_june_1941_keeps_date_with_info(seed):
    june = seed.events[13]
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
    fdr = seed.people[0]
    assert fdr.role == "President of the United States"
    assert fdr.span.earliest.iso() == "1933-01-01" and fdr.span.latest.iso() == "1945-12-31"
    davies = seed.people[6]
    assert davies.role == "U.S. Ambassador to the Soviet Union"
    assert (davies.span.earliest.year, davies.span.latest.year) == (1936, 1938)
    assert fdr.span_kind is SpanKind.UNKNOWN
    assert seed.people[1].span is None and seed.people[1].role == (
        "Soviet Commissar for Foreign Affairs")
    assert plain_text(fdr.description).startswith("Orchestrated the recognition")


def test_person_event_links(seed):
    by_name = {p.name: p for p in seed.people}
    assert by_name["Franklin D. Roosevelt"].events == (4, 6, 7)
    assert by_name["William C. Bullitt"].events == (4, 8, 11)
    assert by_name["Sergey Kirov"].events == (10,)
    assert by_name["Maxim Litvinov"].events == (5, 6)
    assert by_name["Mikhail Kalinin"].events == ()
    assert seed.events[6].people == ("Franklin D. Roosevelt", "Maxim Litvinov")


def test_json_form(seed):
    data = note_to_json(seed)
    assert data["model_version"] == 1
    assert data["id"] == seed.id
    assert len(data["events"]) == 14 and len(data["people"]) == 8
    first = data["events"][0]
    assert first["date"] == {
        "text": "December 1917", "edtf": "1917-12", "precision": "month",
        "earliest": "1917-12-01", "latest": "1917-12-31", "approximate": False,
        "uncertain": False, "range": False, "display": first["date"]["display"],
    }
    assert data["people"][0]["events"] == [4, 6, 7]
