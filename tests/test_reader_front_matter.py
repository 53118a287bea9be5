"""Front-matter fields of the wrong kind: each field the reader uses takes one kind of value;
another kind is left out with a warning at the field's line, and a value that reads
unambiguously as text (a number or a date as a title, a number as a tag) is read as that text
with an info note. Nothing of the wrong kind reaches the model."""

from __future__ import annotations

import pytest

from studypress.reader import read_text

BODY = "# Heading Title\n\n## Timeline\n\n- **1933:** Something happens.\n"


def read(field: str):
    # The field stands on line 3 of the note.
    return read_text(f"---\nsubject: history\n{field}\n---\n{BODY}", "n.md", "the-note")


def said(note) -> list[tuple[str, int | None, str]]:
    return [(str(d.severity), d.line, d.message) for d in note.diagnostics
            if d.code == "front-matter-type"]


WARNING, INFO = "warning", "info"

# field as typed → (what the note reads, the diagnostic's severity or None, words it says)
CASES = [
    ("tags: {a: 1}", lambda n: n.tags == (), WARNING,
     "'tags' must be a tag or a list of tags, not a mapping ({'a': 1}); it was ignored"),
    ("tags: [a, {b: 1}, 1917]", lambda n: n.tags == ("a", "1917"), WARNING,
     "a mapping {'b': 1} in it was left out"),
    ("tags: 1917", lambda n: n.tags == ("1917",), INFO, "read as the text '1917'"),
    ("tags: [history, ww2]", lambda n: n.tags == ("history", "ww2"), None, ""),
    ("permalink: 3", lambda n: n.id == "the-note" and n.metadata.permalink is None, WARNING,
     "'permalink' must be a text such as /history/recognition, not a number (3)"),
    ("permalink: [a, b]", lambda n: n.id == "the-note", WARNING, "not a list"),
    ("permalink: /history/recognition", lambda n: n.id == "recognition", None, ""),
    ("title: 1984", lambda n: n.title == "1984", INFO, "'title' is a number (1984)"),
    ("title: 2024-05-01", lambda n: n.title == "2024-05-01", INFO, "is a date"),
    ("title: [a, b]", lambda n: n.title == "Heading Title", WARNING,
     "'title' must be a text, not a list (['a', 'b']); it was ignored"),
    ("title: yes", lambda n: n.title == "Heading Title", WARNING, "not true/false (True)"),
    ("aliases: {x: 1}", lambda n: n.metadata.aliases == (), WARNING, "not a mapping"),
    ("aliases: [FDR, 32]", lambda n: n.metadata.aliases == ("FDR", "32"), None, ""),
    ("lang: 1", lambda n: n.metadata.language == "en", WARNING,
     "'lang' must be a language code such as en or de, not a number (1)"),
    ("language: [de]", lambda n: n.metadata.language == "en", WARNING, "not a list"),
    ("lang: de", lambda n: n.metadata.language == "de", None, ""),
    ("deck: {a: 1}", lambda n: "deck" not in dict(n.metadata.extra), WARNING,
     "'deck' must be a deck name such as History::Russia"),
    ("deck: 2024", lambda n: dict(n.metadata.extra)["deck"] == "2024", INFO,
     "read as the text '2024'"),
    ("nocards: {a: 1}", lambda n: "nocards" not in dict(n.metadata.extra), WARNING,
     "'nocards' must be a block id or name, or a list of them"),
    ("nocards: [^a1, Litvinov]", lambda n: dict(n.metadata.extra)["nocards"] ==
     "^a1, Litvinov", None, ""),
    ("cssclasses: {wide: 1}", lambda n: True, None, ""),  # no field the reader uses
]


@pytest.mark.parametrize(("field", "reads", "severity", "words"), CASES,
                         ids=[c[0] for c in CASES])
def test_each_field_takes_its_kind_of_value(field, reads, severity, words):
    note = read(field)
    assert reads(note), note.metadata
    if severity is None:
        assert said(note) == []
    else:
        ((kind, line, message),) = said(note)
        assert kind == severity and line == 3  # the field's own line
        assert message.startswith(f"front matter '{field.split(':')[0]}'")
        assert words in message


def test_a_field_of_the_wrong_kind_never_reaches_the_model():
    note = read("tags: {a: 1}\npermalink: 3\naliases: {x: 1}")
    assert all("{" not in t and "'" not in t for t in note.tags)
    assert note.id == "the-note"
    assert [line for _, line, _ in said(note)] == [3, 4, 5]
    formatted = [d.format() for d in note.diagnostics if d.code == "front-matter-type"]
    assert formatted[1].startswith("n.md:4: warning: front matter 'permalink'")


def test_a_one_line_json_front_matter_is_located_at_its_line():
    note = read_text('---\n{"title": "T", "tags": {"a": 1}}\n---\n' + BODY, "n.md", "n")
    ((_, line, _),) = said(note)
    assert line == 2 and note.tags == () and note.title == "T"
