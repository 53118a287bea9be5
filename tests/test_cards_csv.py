"""cards.csv: the study items as CSV flashcards, read back with the csv module and by Anki."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from studypress.layouts import Layouts
from studypress.model import (
    Day,
    Event,
    FaqEntry,
    HistoricalDate,
    Metadata,
    Note,
    Paragraph,
    Person,
    Precision,
    Question,
    QuestionKind,
    Term,
    text,
)
from studypress.renderers import load, names
from studypress.renderers.base import RenderContext, RenderOptions

NOV16 = HistoricalDate("November 16, 1933", Day(1933, 11, 16), Day(1933, 11, 16),
                       Precision.DAY, "1933-11-16", "November 16, 1933")

NOTE = Note(
    id="n", title="T", source="n.md", metadata=Metadata(tags=("history", "two words")),
    events=(Event(NOV16, text('Recognition, with "quotes", a comma & <b>no tag</b>.'), 3,
                  children=(Event(None, text("Telegrams exchanged."), 4),)),
            Event(NOV16, text("Second event that day."), 5),
            Event(None, text("Talks stall."), 6, group="Post-Recognition")),
    people=(Person("Maxim Litvinov", 8, role="Commissar", description=text("Negotiated.")),),
    terms=(Term("Narkomindel", text("The commissariat,\nfor foreign affairs."), 10),),
    questions=(Question(1, text("Who came?"), 12, answer=text("Litvinov.")),
               Question(2, text("Why?"), 13),
               Question(3, text("Discuss."), 14, kind=QuestionKind.ESSAY)),
    faq=(FaqEntry(text("When?"), (Paragraph(text("In 1933."), 16),
                                  Paragraph(text("In November."), 17)), 15),),
)


def parse(data: bytes) -> tuple[list[str], list[list[str]]]:
    lines = data.decode("utf-8").split("\r\n")
    headers = [line for line in lines if line.startswith("#")]
    body = "\r\n".join(line for line in lines if not line.startswith("#"))
    return headers, list(csv.reader(io.StringIO(body, newline="")))


def render(note: Note) -> bytes:
    ctx = RenderContext(RenderOptions(), Layouts(None), 1_700_000_000)
    (out,) = load("cards").render(note, ctx).files
    assert out.path == "cards.csv"
    return out.data


def test_the_csv_renderer_is_registered() -> None:
    assert "cards" in names()


def test_one_row_per_answerable_item_with_front_back_and_tags() -> None:
    headers, rows = parse(render(NOTE))
    assert headers == ["#separator:Comma", "#html:false", "#tags column:3",
                       "#columns:Front,Back,Tags"]
    assert all(len(r) == 3 for r in rows)
    by_front = {r[0]: r for r in rows}
    assert by_front["November 16, 1933 (event 1 of 2)"][1] == (
        'Recognition, with "quotes", a comma & <b>no tag</b>.\n• Telegrams exchanged.')
    assert by_front["November 16, 1933 (event 2 of 2)"][1] == "Second event that day."
    placed = [r for r in rows if r[1] == "Talks stall."]
    assert placed[0][0] == "Post-Recognition; after November 16, 1933 (Second event that day)"
    assert by_front["Maxim Litvinov"][1] == "Commissar\nNegotiated."
    assert by_front["Narkomindel"][1] == "The commissariat,\nfor foreign affairs."
    assert by_front["Who came?"][1] == "Litvinov."
    assert by_front["When?"][1] == "In 1933.\nIn November."
    assert "Why?" not in by_front and "Discuss." not in by_front  # nothing to answer
    assert by_front["Who came?"][2] == "history two_words question"
    assert by_front["Maxim Litvinov"][2].split() == ["history", "two_words", "person"]


def test_bytes_are_utf8_rfc4180() -> None:
    data = render(NOTE)
    headers, rows = parse(data)
    # CRLF ends every line; a line break inside a field is a bare LF within quotes.
    assert data.count(b"\r\n") == len(headers) + len(rows)
    assert b'"Recognition, with ""quotes"", a comma' in data
    assert data.decode("utf-8").endswith("history two_words faq\r\n")


def test_every_fixture_note_gives_a_readable_csv(corpus: dict[str, Note]) -> None:
    for name, note in corpus.items():
        _, rows = parse(render(note))
        assert all(len(r) == 3 and r[0] and r[1] for r in rows), name
        assert len({(r[0], r[1]) for r in rows}) == len(rows), name


def test_anki_imports_the_csv_as_basic_notes(tmp_path: Path, seed: Note) -> None:
    collection = pytest.importorskip("anki.collection")
    path = tmp_path / "cards.csv"
    path.write_bytes(render(seed) + render(NOTE).split(b"#columns:Front,Back,Tags\r\n")[1])
    _, rows = parse(path.read_bytes())
    col = collection.Collection(str(tmp_path / "c.anki2"))
    try:
        metadata = col.get_csv_metadata(str(path), None)
        assert list(metadata.column_labels) == ["Front", "Back", "Tags"]
        assert metadata.tags_column == 3
        col.import_csv(collection.ImportCsvRequest(path=str(path), metadata=metadata))
        notes = [col.get_note(i) for i in col.find_notes("")]
        assert len(notes) == len(rows)
        (hostile,) = [n for n in notes if n.fields[0] == "November 16, 1933 (event 1 of 2)"
                      and "Recognition" in n.fields[1]]
        assert "&lt;b&gt;no tag&lt;/b&gt;" in hostile.fields[1]  # shown as typed
        assert sorted(hostile.tags) == ["event", "history", "two_words"]
    finally:
        col.close()


def test_an_undated_event_is_placed_in_the_note_s_language():
    from studypress.reader import read_text

    note = read_text("---\nlanguage: de\n---\n# Weimar\n\n## Zeitleiste\n\n"
                     "- **9. November 1918:** Ausrufung der Republik.\n"
                     "- Die Dolchstoßlegende verbreitet sich.\n"
                     "- **13. März 1920:** Der Kapp-Putsch beginnt.\n", "weimar.md", "weimar")
    ctx = RenderContext(RenderOptions(), Layouts(None), 0)
    data = load("cards").render(note, ctx).files[0].data.decode("utf-8")
    undated = [r for r in csv.reader(io.StringIO(data)) if len(r) == 3 and "Dolchstoß" in r[1]]
    assert undated and undated[0][0] == ("nach 9. November 1918 (Ausrufung der Republik) und "
                                         "vor 13. März 1920 (Der Kapp-Putsch beginnt)")
