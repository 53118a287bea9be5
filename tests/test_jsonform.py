"""The model's JSON form carries every fact of the model the reader produced: each field of the
content model is either in the JSON or named here with the reason it is left out."""

from __future__ import annotations

import dataclasses
import json

from studypress import model
from studypress.jsonform import note_to_json
from studypress.reader import read_text

NOTE = """\
---
title: Die Reichsgründung
lang: de
deck: Geschichte::Deutschland
---

## Zeitleiste

- **18. Januar 1871** (Spiegelsaal): Wilhelm I. wird in Versailles zum Kaiser proklamiert. ^kaiser
- **1890:** Bismarck wird entlassen.[^1]

**1880er**

- Die Sozialgesetze werden eingeführt.
- **Febtember 1900:** Ein Datum, das es nicht gibt.

## Personen

- **Otto von Bismarck** (Eiserner Kanzler, 1815–1898): Reichskanzler.

## Glossar

- **Reichstag:** das Parlament des Reiches.

## Quiz

1. Wer war der erste Reichskanzler?

## Lösungen

1. Otto von Bismarck.

## Hintergrund

Ein Absatz über die Vorgeschichte.

## FAQ

### Warum Versailles?

Weil Paris belagert war.

[^1]: Am 20. März.
"""

# Model fields the JSON leaves out on purpose, with the reason.
LEFT_OUT = {
    ("Metadata", "extra"): "front-matter keys of the user's own; only `deck` means something",
    ("Metadata", "tag_lines"): "where each inline tag stood: the tags themselves are given",
    ("Note", "metadata"): "spread into the top level (tags, permalink, aliases, language, deck)",
    ("Diagnostic", "file"): "every diagnostic of a note is about the note's own source",
}
# Fields of the model whose JSON key differs from the field name.
RENAMED = {("Metadata", "extra"): "deck"}


def note() -> model.Note:
    return read_text(NOTE, "de.md", "de")


def keys_of(data: object) -> set[str]:
    """Every key anywhere in the JSON data."""
    if isinstance(data, dict):
        return set(data) | {k for v in data.values() for k in keys_of(v)}
    if isinstance(data, list):
        return {k for v in data for k in keys_of(v)}
    return set()


def test_every_model_field_is_in_the_json_or_left_out_for_a_reason():
    data = note_to_json(note())
    present = keys_of(data)
    missing = []
    for cls in (model.Note, model.Metadata, model.Event, model.Person, model.Term,
                model.Question, model.FaqEntry, model.Footnote, model.Section,
                model.Diagnostic):
        for f in dataclasses.fields(cls):
            key = (cls.__name__, f.name)
            if LEFT_OUT.get(key) or RENAMED.get(key, f.name) in present:
                continue
            missing.append(key)
    assert missing == [], missing


def test_language_and_name_forms_are_the_models():
    read = note()
    data = json.loads(json.dumps(note_to_json(read), ensure_ascii=False))
    assert read.metadata.language == "de" and data["language"] == "de"
    assert data["deck"] == "Geschichte::Deutschland"
    (bismarck,) = data["people"]
    assert bismarck["names"] == list(read.people[0].names)
    assert "Bismarck" in bismarck["names"] and "Otto von Bismarck" in bismarck["names"]
    (term,) = data["terms"]
    assert term["names"] == list(read.terms[0].names) == ["Reichstag"]
    kaiser = next(e for e in data["events"] if e.get("block_id") == "kaiser")
    assert kaiser["date"]["edtf"] == "1871-01-18"
    (question,) = data["questions"]
    assert question["answer"] == "Otto von Bismarck."
    assert question["answer_line"] == NOTE.splitlines().index("1. Otto von Bismarck.") + 1


def test_detected_language_reaches_the_json():
    text = ("# 辛亥革命\n\n## 时间线\n\n- **1911年10月10日：** 武昌起义爆发。\n"
            "- **1912年1月1日：** 中华民国成立。\n")
    read = read_text(text, "zh.md", "zh")
    assert note_to_json(read)["language"] == read.metadata.language == "zh"
