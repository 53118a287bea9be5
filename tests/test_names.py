"""studypress.names: the family name of a person and the name as a back-of-book index files it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studypress import names
from studypress.names import family_name, filed

CASES = [
    # given names, then a family name: inverted
    ("Franklin D. Roosevelt", (), "Roosevelt, Franklin D."),
    ("Joseph Stalin", (), "Stalin, Joseph"),
    ("William C. Bullitt", (), "Bullitt, William C."),
    ("J. R. R. Tolkien", (), "Tolkien, J. R. R."),
    ("Jean-Paul Sartre", (), "Sartre, Jean-Paul"),
    ("Georgia O'Keeffe", (), "O'Keeffe, Georgia"),
    ("Gamal Abdel Nasser", (), "Nasser, Gamal Abdel"),
    ("Kim Philby", (), "Philby, Kim"),
    ("Abraham  Lincoln", (), "Lincoln, Abraham"),  # spacing does not count
    # Cyrillic and Greek
    ("Иосиф Сталин", (), "Сталин, Иосиф"),
    ("Иосиф Виссарионович Сталин", (), "Сталин, Иосиф Виссарионович"),
    ("Αλέξανδρος Παπάγος", (), "Παπάγος, Αλέξανδρος"),
    # suffixes stay at the end
    ("Martin Luther King Jr.", (), "King, Martin Luther, Jr."),
    ("Martin Luther King, Jr.", (), "King, Martin Luther, Jr."),
    ("Douglas Fairbanks Sr.", (), "Fairbanks, Douglas, Sr."),
    # a lowercase particle follows the given name; a capitalised one is the family name's
    ("Charles de Gaulle", (), "Gaulle, Charles de"),
    ("Ludwig van Beethoven", (), "Beethoven, Ludwig van"),
    ("Otto von Bismarck", (), "Bismarck, Otto von"),
    ("Martin Van Buren", (), "Van Buren, Martin"),
    # a parenthesis stays behind the name
    ("Lev Trotsky (Лев Троцкий)", (), "Trotsky, Lev (Лев Троцкий)"),
    # Roman names: the cognomen, unless the last word is an epithet or agnomen
    ("Gaius Julius Caesar", (), "Caesar, Gaius Julius"),
    ("Lucius Cornelius Sulla", (), "Sulla, Lucius Cornelius"),
    ("Tiberius Gracchus", (), "Gracchus, Tiberius"),
    ("Gnaeus Pompeius Magnus", (), "Gnaeus Pompeius Magnus"),
    ("Publius Cornelius Scipio Africanus", (), "Publius Cornelius Scipio Africanus"),
    ("Tarquinius Superbus", (), "Tarquinius Superbus"),
    # kept as written: mononyms, regnal and epithet names, titles
    ("Augustus", (), "Augustus"),
    ("Cleopatra", (), "Cleopatra"),
    ("Spartacus (d. 71 BCE)", (), "Spartacus (d. 71 BCE)"),
    ("Louis XIV", (), "Louis XIV"),
    ("Nicholas II", (), "Nicholas II"),
    ("Constantine XI Palaiologos", (), "Constantine XI Palaiologos"),
    ("Pope Pius XI", (), "Pope Pius XI"),
    ("Catherine the Great", (), "Catherine the Great"),
    ("Emperor Wu", (), "Emperor Wu"),
    ("Sir Winston Churchill", (), "Sir Winston Churchill"),
    ("Царь Николай", (), "Царь Николай"),
    # kept as written: the family name comes first
    ("Mao Zedong", (), "Mao Zedong"),
    ("Zhou Enlai", (), "Zhou Enlai"),
    ("Kim Il-sung", (), "Kim Il-sung"),
    ("Tokugawa Ieyasu", (), "Tokugawa Ieyasu"),
    ("Saigō Takamori", (), "Saigō Takamori"),
    ("Qin Shi Huang", ("秦始皇",), "Qin Shi Huang"),
    ("秦始皇", (), "秦始皇"),
    ("孙中山", (), "孙中山"),
    # kept as written: Arabic names built with an article or a nasab, toponyms
    ("Osama bin Laden", (), "Osama bin Laden"),
    ("Abd al-Rahman", (), "Abd al-Rahman"),
    ("Ahmad ibn Hanbal", (), "Ahmad ibn Hanbal"),
    ("Leonardo da Vinci", (), "Leonardo da Vinci"),
    ("Thomas of Aquino", (), "Thomas of Aquino"),
    # kept as written: no plain name
    ("e. e. cummings", (), "e. e. cummings"),
    ("Franklin D.", (), "Franklin D."),
    ("Roosevelt, Franklin D.", (), "Roosevelt, Franklin D."),
    ("The 1905 Revolution", (), "The 1905 Revolution"),
    ("", (), ""),
]


@pytest.mark.parametrize(("name", "aliases", "expected"), CASES)
def test_a_name_is_filed_as_an_index_files_it(name, aliases, expected):
    assert filed(name, aliases).text == expected


@pytest.mark.parametrize(("name", "family"), [
    ("Franklin D. Roosevelt", "Roosevelt"), ("Charles de Gaulle", "Gaulle"),
    ("Martin Van Buren", "Van Buren"), ("Martin Luther King Jr.", "King"),
    ("Augustus", None), ("Mao Zedong", None), ("Louis XIV", None)])
def test_the_family_name_is_the_word_a_name_is_filed_under(name, family):
    assert family_name(name) == family


def test_a_particle_name_is_also_found_under_its_particle():
    assert filed("Charles de Gaulle").variants == ("de Gaulle, Charles",)
    assert filed("Ludwig van Beethoven").variants == ("van Beethoven, Ludwig",)
    assert filed("Franklin D. Roosevelt").variants == ()
    assert filed("Martin Van Buren").variants == ()


_word = st.text(st.characters(categories=("Lu", "Ll")), min_size=2, max_size=8).map(
    lambda w: w[0].upper() + w[1:].lower()).filter(lambda w: w[0].isupper() and w[1:].islower())
# A capitalised particle ("Van Buren") belongs to the family name, so a word that is a particle
# is no plain given name here; its filing has tests of its own.
_given = _word.filter(lambda w: w.lower() not in names._TRAILING_PARTICLES)
_any = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
# "Jr", "Sr" last are a suffix, not a family name ("King, Martin Luther, Jr."): tested apart.
_family = _word.filter(lambda w: w.lower() not in names._SUFFIXES)


@given(st.lists(_given, min_size=1, max_size=4), _family)
def test_an_inverted_name_keeps_every_word_and_files_under_its_last(given_names, family):
    name = " ".join([*given_names, family])
    form = filed(name)
    if form.family is None:  # kept as written
        assert form.text == name
    else:
        assert form.family == family
        assert form.text == f"{family}, {' '.join(given_names)}"


@given(_any)
def test_any_text_files_as_its_own_words_and_filing_twice_changes_nothing(name):
    form = filed(name)
    assert sorted(form.text.replace(",", " ").split()) == sorted(name.replace(",", " ").split())
    assert filed(form.text).text == form.text  # an inverted name is kept as written


@given(_word, _word)
def test_filing_is_stable_under_surrounding_space(given_name, family):
    assert filed(f"  {given_name}   {family} ").text == filed(f"{given_name} {family}").text
