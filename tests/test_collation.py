"""Alphabetical order in a language's alphabet: a stable, total order that ignores case and
accents except for the letters a language counts as its own."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studypress.collation import ALPHABETS, collated, collation_key, first_letter
from studypress.reader import read_text
from studypress.renderers.handout.cast import order_people

LANGUAGES = ("en", "de", "fr", "ru", "zh", *sorted(ALPHABETS))
words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


@given(st.lists(words, max_size=12), st.sampled_from(LANGUAGES), st.randoms())
def test_the_order_is_total_and_does_not_depend_on_the_input_order(texts, language, rnd):
    once = collated(texts, language)
    shuffled = list(texts)
    rnd.shuffle(shuffled)
    assert collated(shuffled, language) == once
    assert sorted(once) == sorted(texts)  # nothing lost or added
    keys = [collation_key(t, language) for t in once]
    assert keys == sorted(keys)


@given(words, words, st.sampled_from(LANGUAGES))
def test_only_equal_texts_have_equal_keys(a, b, language):
    assert (collation_key(a, language) == collation_key(b, language)) == (a == b)


@given(words, words, words, st.sampled_from(LANGUAGES))
def test_the_order_is_transitive(a, b, c, language):
    ka, kb, kc = (collation_key(t, language) for t in (a, b, c))
    if ka <= kb <= kc:
        assert ka <= kc


@pytest.mark.parametrize(("language", "texts"), [
    ("sv", ["Anders", "Zorn", "Åsa", "Ärla", "Örn"]),  # å ä ö after z
    ("fi", ["Oulu", "Zeta", "Åbo", "Äänekoski", "Östermyra"]),
    ("es", ["nube", "Núñez", "ñandú", "oso"]),  # ñ after n; ú is u
    ("de", ["Apfel", "Äpfel", "Bach", "Zug"]),  # ä with a
    ("fr", ["abbé", "abeille", "Éclat", "élan", "zèbre"]),  # accents with their letters
    ("pl", ["lato", "łąka", "mak", "zebra", "źdźbło", "żaba"]),
    ("tr", ["cam", "çay", "dağ", "hala", "ılık", "ihlas"]),
    ("ru", ["ёж", "ель", "ива", "йод", "кот"]),  # ё with е, й after и
    ("uk", ["гора", "ґанок", "дім", "єнот", "жук", "иній", "ірис", "їжак", "йод", "кіт"]),
    ("en", ["apple", "Éclat", "“Quoted” entry", "zebra"]),
])
def test_each_language_sorts_by_its_alphabet(language, texts):
    assert collated(list(reversed(texts)), language) == texts


def test_other_languages_keep_accents_with_their_letters():
    assert collated(["Örn", "Zorn", "Anders"], "de") == ["Anders", "Örn", "Zorn"]
    assert collated(["ñandú", "oso", "nube"], "en") == ["ñandú", "nube", "oso"]


def test_an_index_files_a_letter_under_its_own_heading():
    assert first_letter("Éclat") == "E"
    assert first_letter("Örn", "sv") == "Ö"
    assert first_letter("Örn", "de") == "O"
    assert first_letter("¿Qué?", "es") == "Q"
    assert first_letter("1917") == "1"
    assert first_letter("") == "#"


def test_the_cast_sorts_in_the_notes_language():
    note = read_text("---\nlang: sv\n---\n# Sverige\n\n## Cast of Characters\n\n"
                     "- **Östen Undén:** Utrikesminister.\n- **Anders Zorn:** Målare.\n"
                     "- **Zacharias Topelius:** Författare.\n", "sv.md", "sv")
    names = [p.name for p in order_people(note, "name")]
    assert names == ["Anders Zorn", "Zacharias Topelius", "Östen Undén"]


def test_the_guides_glossary_sorts_in_the_notes_language():
    from .test_guide_support import norm, render

    note = read_text("---\nlang: es\n---\n# Animales\n\n## Glosario\n\n"
                     "- **Oso:** Mamífero grande.\n- **Ñandú:** Ave corredora.\n"
                     "- **Nutria:** Mamífero acuático.\n", "es.md", "es")
    import io

    import pypdf

    data, _ = render(note)
    text = norm(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages))
    assert text.index("Nutria") < text.index("Ñandú") < text.index("Oso")
