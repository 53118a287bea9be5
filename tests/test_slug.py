"""The one slug, and the three names made with it (note ids, deck file names, item keys)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studypress import study
from studypress.reader import read_text, slugify
from studypress.renderers.deck import naming
from studypress.slug import slug


@pytest.mark.parametrize(("value", "expected"), [
    ("Лев Троцкий", "лев-троцкий"),  # й keeps its breve: it is its own letter
    ("Ёлка и Йошкар-Ола", "ёлка-и-йошкар-ола"),
    ("Σωκράτης ο Αθηναίος", "σωκράτης-ο-αθηναίος"),  # final ς stays final
    ("ΣΩΚΡΆΤΗΣ", "σωκράτης"),
    ("毛泽东 思想", "毛泽东-思想"),
    ("東京タワー", "東京タワー"),
    ("हिन्दी भाषा", "हिन्दी-भाषा"),  # vowel signs and viramas are part of the word
    ("Crème Brûlée", "creme-brulee"),
    ("Ångström, Øresund & Łódź", "angstrom-øresund-łodz"),
    ("Ｆｕｌｌｗｉｄｔｈ １９３３", "fullwidth-1933"),
    ("U.S. Recognition (1933)!", "u-s-recognition-1933"),
    ("  __snake_case--and   spaces__ ", "snake-case-and-spaces"),
    ("../../etc/passwd", "etc-passwd"),
    ("a\u0301b", "ab"),  # a decomposed accent folds like a composed one
])
def test_slug(value: str, expected: str) -> None:
    assert slug(value) == expected


def test_nothing_left_gives_the_default() -> None:
    assert slug("!!! ...", "note") == "note"
    assert slug("") == "x"


def test_the_three_names_agree() -> None:
    name = "Лев Троцкий"
    assert slugify(name) == study.slug(name) == naming.file_name(name) == "лев-троцкий"
    assert (slugify("Émile Zola"), study.slug("Émile Zola"),
            naming.file_name("Émile Zola")) == ("emile-zola",) * 3


def test_note_id_from_a_cyrillic_permalink() -> None:
    note = read_text("---\npermalink: /история/Лев Троцкий/\n---\n# Троцкий\n", "x.md", "x")
    assert note.id == "лев-троцкий"


@given(st.text())
def test_a_slug_is_a_safe_file_name(value: str) -> None:
    out = slug(value)
    assert out and "/" not in out and "\\" not in out and not out.startswith(("-", "."))
    assert slug(out) == out  # idempotent: a slug names itself
