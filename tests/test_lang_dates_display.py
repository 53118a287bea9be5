"""Dates print in the note's language from CLDR's formats; English keeps its own labels."""

from __future__ import annotations

import pytest

from studypress.dates import display, parse_date
from studypress.model import Day
from studypress.timeaxis import end_labels

NOV_16 = Day(1933, 11, 16)


@pytest.mark.parametrize(("code", "day", "long", "month", "year"), [
    ("es", "16 nov 1933", "16 de noviembre de 1933", "nov 1933", "1933"),
    ("fr", "16 nov. 1933", "16 novembre 1933", "nov. 1933", "1933"),
    ("de", "16. Nov. 1933", "16. November 1933", "Nov. 1933", "1933"),
    ("pt", "16 de nov. de 1933", "16 de novembro de 1933", "nov. de 1933", "1933"),
    ("ru", "16 нояб. 1933\u00a0г.", "16 ноября 1933\u00a0г.", "нояб. 1933\u00a0г.", "1933"),
    ("zh", "1933年11月16日", "1933年11月16日", "1933年11月", "1933年"),
    ("ja", "1933年11月16日", "1933年11月16日", "1933年11月", "1933年"),
])
def test_days_months_and_years_in_the_languages_words(code, day, long, month, year):
    assert display.day_label(NOV_16, code) == day
    assert display.day_label(NOV_16, code, long=True) == long
    assert display.month_label(NOV_16, code) == month
    assert display.year_label(1933, language=code) == year


@pytest.mark.parametrize(("code", "bce", "day"), [
    ("es", "44 a. C.", "15 mar 44 a. C."),
    ("fr", "44 av. J.-C.", "15 mars 44 av. J.-C."),
    ("de", "44 v. Chr.", "15. März 44 v. Chr."),
    ("ru", "44\u00a0г. до н. э.", "15 мар. 44\u00a0г. до н. э."),
    ("zh", "公元前44年", "公元前44年3月15日"),
    ("tr", "MÖ 44", "MÖ 15 Mar 44"),
])
def test_years_before_the_common_era_carry_the_languages_era(code, bce, day):
    assert display.year_label(-44, language=code) == bce
    assert display.day_label(Day(-44, 3, 15), code) == day


def test_english_keeps_its_own_labels():
    assert display.year_label(-44) == "44 BCE"
    assert display.year_label(14, era=True) == "14 CE"
    assert display.year_label(-44, language="en") == "44 BCE"
    assert end_labels(-535, 14) == ("535 BCE", "14 CE")
    assert not display.has_words("en") and not display.has_words("sv")


def test_an_axis_ends_in_the_languages_words():
    assert end_labels(-535, 14, "de") == ("535 v. Chr.", "14 n. Chr.")
    assert end_labels(1911, 1912, "zh") == ("1911年", "1912年")


@pytest.mark.parametrize(("text", "code", "label"), [
    ("25 de mayo de 1810", "es", "25 may 1810"),
    ("9. November 1989", "de", "9. Nov. 1989"),
    ("1911年10月10日", "zh", "1911年10月10日"),
    ("hacia 1900", "es", "hacia 1900"),  # coarser than a month: the note's own words
    ("mayo de 1810", "es", "may 1810"),
])
def test_a_dates_label_comes_from_its_days(text, code, label):
    assert display.date_label(parse_date(text), code) == label


def test_approximate_and_uncertain_days_are_marked_in_the_language():
    date = parse_date("c. 15 March 1917")
    assert display.date_label(date, "de") == "um 15. März 1917"
    assert display.date_label(date, "zh") == "约1917年3月15日"
    assert display.decimal("2.5", "de") == "2,5" and display.decimal("2.5", "en") == "2.5"
