"""A cloze typed into a note ({{c1::answer}}, {{c1::answer::hint}}) read by every output: the
guide prints the answer highlighted (no braces, no hint), cards.csv and flashcards.pdf make a
card per cloze number (the front with its blank or hint, the back with the whole text), the
deck a cloze note (tests/test_deck_cloze.py)."""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path

import pdfplumber
import pytest

from studypress.layouts import Layouts
from studypress.model import Cloze, Highlight, LineBreak, Strong, Text, plain_text
from studypress.reader import read_note
from studypress.renderers import load
from studypress.renderers.base import RenderContext, RenderOptions
from studypress.study import BLANK, cloze_numbers, cloze_side, numbered

NOTE = """\
---
title: Cloze Test
---

## Timeline

- **November 16, 1933:** Roosevelt and Litvinov exchange the notes of recognition.

## Summary

The embassy opened in {{c1::Moscow}} and a consulate in {c2::Leningrad::a city}.

A paragraph with no cloze at all.
"""

WHOLE = "The embassy opened in Moscow and a consulate in Leningrad."


def render(tmp_path: Path, output: str, note: str = NOTE,
           deck_toml: str | None = None) -> bytes:
    path = tmp_path / "cz.md"
    path.write_text(note, encoding="utf-8")
    layouts = tmp_path / "layouts"
    layouts.mkdir(exist_ok=True)
    if deck_toml is not None:
        (layouts / "deck.toml").write_text(deck_toml, encoding="utf-8")
    ctx = RenderContext(RenderOptions(), Layouts(layouts), 1_700_000_000)
    (out,) = load(output).render(read_note(path, "cz.md"), ctx).files
    return out.data


def pdf_text(data: bytes, tmp_path: Path) -> str:
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(data)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return " ".join(text.split())


def test_the_guide_prints_the_answer_highlighted_and_no_mark(tmp_path: Path) -> None:
    data = render(tmp_path, "guide")
    text = pdf_text(data, tmp_path)
    assert WHOLE in text
    assert "{" not in text and "c1::" not in text and "a city" not in text
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = next(p for p in pdf.pages if "Moscow" in (p.extract_text() or ""))
        words = {w["text"]: w for w in page.extract_words()}
        fills = [r for r in page.rects if r["fill"]]

        def marked(word: str) -> bool:
            w = words[word]
            return any(r["x0"] <= w["x0"] + 1 and r["x1"] >= w["x0"] + 20
                       and r["top"] <= w["top"] + 1 and r["bottom"] >= w["bottom"] - 1
                       for r in fills)

        # The answers sit on the highlight's colour, as a ==highlight== does.
        assert marked("Moscow") and marked("Leningrad.")
        assert not marked("embassy") and not marked("consulate")


def rows(data: bytes) -> list[list[str]]:
    body = "\r\n".join(line for line in data.decode("utf-8").split("\r\n")
                       if not line.startswith("#"))
    return list(csv.reader(io.StringIO(body, newline="")))


def test_cards_csv_makes_a_card_per_cloze_number(tmp_path: Path) -> None:
    clozes = [r for r in rows(render(tmp_path, "cards")) if r[2] == "cloze"]
    assert clozes == [
        ["Summary\nThe embassy opened in […] and a consulate in Leningrad.", WHOLE, "cloze"],
        ["Summary\nThe embassy opened in Moscow and a consulate in [a city].", WHOLE, "cloze"],
    ]


def test_flashcards_print_the_blank_on_the_front_and_the_text_on_the_back(
        tmp_path: Path) -> None:
    text = pdf_text(render(tmp_path, "flashcards"), tmp_path)
    assert text.count("Fill in the blank") == 2
    assert "The embassy opened in […] and a consulate in Leningrad." in text
    assert "The embassy opened in Moscow and a consulate in [a city]." in text
    assert text.count(WHOLE) == 2  # each card's back
    assert "{" not in text


def test_highlights_make_cards_too_when_the_deck_makes_them_clozes(tmp_path: Path) -> None:
    note = NOTE.replace("Roosevelt and Litvinov", "Roosevelt and ==Litvinov==")
    plain = [r for r in rows(render(tmp_path, "cards", note)) if r[2] == "cloze"]
    assert len(plain) == 2  # highlights stay highlights by default
    made = [r for r in rows(render(tmp_path, "cards", note, 'cloze = "highlights"\n'))
            if r[2] == "cloze"]
    assert made[0] == ["November 16, 1933\nRoosevelt and […] exchange the notes of "
                       "recognition.", "Roosevelt and Litvinov exchange the notes of "
                       "recognition.", "cloze"]
    assert len(made) == 3


def test_a_cloze_text_opted_out_makes_no_card(tmp_path: Path) -> None:
    note = NOTE.replace("{c2::Leningrad::a city}.", "{c2::Leningrad::a city}. #nocard")
    assert [r for r in rows(render(tmp_path, "cards", note)) if r[2] == "cloze"] == []


# ---------------------------------------------------------------- the cloze card's sides

TYPED = (Text("The "), Cloze(1, (Text("treaty"),)), Text(" of "),
         Highlight((Text("Rapallo "), Cloze(9, (Text("1922"),)))), Text(" and "),
         Strong((Highlight((Text("Locarno"),)),)), Text(", "), Cloze(1, (Text("signed"),), "verb"))


def test_highlights_number_on_from_the_typed_marks_outside_them() -> None:
    text = numbered(TYPED, True)
    assert cloze_numbers(text) == (1, 2, 3)  # c9 inside the highlight is its text
    assert cloze_numbers(numbered(TYPED, False)) == (1, 9)
    assert numbered(text, True) == text  # numbering twice changes nothing
    assert plain_text(text) == plain_text(TYPED)


@pytest.mark.parametrize(("number", "front", "back"), [
    (1, "The […] of Rapallo 1922 and Locarno, [verb]", "The treaty of Rapallo 1922 and "
        "Locarno, signed"),
    (2, "The treaty of […] and Locarno, signed", None),
    (3, "The treaty of Rapallo 1922 and […], signed", None),
])
def test_each_card_blanks_its_own_number(number: int, front: str, back: str | None) -> None:
    text = numbered(TYPED, True)
    assert plain_text(cloze_side(text, number, True)) == front
    shown = cloze_side(text, number, False)
    assert plain_text(shown) == (back or plain_text(TYPED))
    assert BLANK not in plain_text(shown)
    # The back marks what the front hid.
    hidden = [n for n in _walk(shown) if isinstance(n, Highlight)]
    assert hidden and all(isinstance(n, Highlight) for n in hidden)
    assert not [n for n in _walk(shown) if isinstance(n, Cloze | LineBreak)]


def _walk(rich):
    for node in rich:
        yield node
        yield from _walk(getattr(node, "children", ()))


def test_a_text_cut_to_fit_a_card_keeps_its_clozes_words() -> None:
    from studypress.renderers.handout.fitting import cut_rich

    rich = (Text("Opened in "), Cloze(1, (Text("Moscow"),), "a city"), Text(" in 1933."))
    assert plain_text(cut_rich(rich, 13)) == "Opened in Mos"
    assert cut_rich(rich, 99) == rich


def test_a_cloze_card_is_headed_in_the_note_s_language(tmp_path: Path) -> None:
    note = NOTE.replace("title: Cloze Test", "title: Lückentest\nlang: de")
    text = pdf_text(render(tmp_path, "flashcards", note), tmp_path)
    assert text.count("Ergänze die Lücke") == 2 and "Fill in the blank" not in text
