"""Dates in other languages: a table per language, Chinese, Japanese and Korean, and what must
not change (English, the import cost, the CLDR table against the installed Babel)."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys

import pytest
from hypothesis import given, settings  # no deadlines: a loaded machine is no failure
from hypothesis import strategies as st

from studypress.dates import DateError, cldr, languages, leading_date, looks_like_date, parse_date
from studypress.model import Precision

D, M, S, Y = Precision.DAY, Precision.MONTH, Precision.SEASON, Precision.YEAR
DEC, C = Precision.DECADE, Precision.CENTURY

# language, text, EDTF, precision
FORMS = [
    # Spanish
    ("es", "25 de mayo de 1810", "1810-05-25", D),
    ("es", "1 de enero de 1959", "1959-01-01", D),
    ("es", "1.º de mayo de 1886", "1886-05-01", D),
    ("es", "12 de oct. de 1492", "1492-10-12", D),
    ("es", "mayo de 1810", "1810-05", M),
    ("es", "en 1810", "1810", Y),
    ("es", "el año 1810", "1810", Y),
    ("es", "44 a. C.", "-0043", Y),
    ("es", "44 a.C.", "-0043", Y),
    ("es", "14 d. C.", "0014", Y),
    ("es", "hacia 1900", "1900~", Y),
    ("es", "hacia el 500 a. C.", "-0499~", Y),
    ("es", "alrededor de 1850", "1850~", Y),
    ("es", "los años 1920", "192X", DEC),
    ("es", "la década de 1920", "192X", DEC),
    ("es", "los años 20 del siglo XIX", "182X", DEC),
    ("es", "siglo XIX", "1801/1900", C),
    ("es", "s. XIX", "1801/1900", C),
    ("es", "siglo III a. C.", "-0299/-0200", C),
    ("es", "25 de mayo a 3 de junio de 1810", "1810-05-25/1810-06-03", D),
    ("es", "1810–1816", "1810/1816", Y),
    ("es", "mayo–julio de 1810", "1810-05/1810-07", M),
    # Portuguese
    ("pt", "25 de abril de 1974", "1974-04-25", D),
    ("pt", "7 de setembro de 1822", "1822-09-07", D),
    ("pt", "por volta de 1500", "1500~", Y),
    ("pt", "cerca de 1500", "1500~", Y),
    ("pt", "século XIX", "1801/1900", C),
    ("pt", "os anos 1960", "196X", DEC),
    ("pt", "44 a.C.", "-0043", Y),
    ("pt", "abril de 1974", "1974-04", M),
    # French
    ("fr", "le 14 juillet 1789", "1789-07-14", D),
    ("fr", "14 juillet 1789", "1789-07-14", D),
    ("fr", "le 1er mai 1789", "1789-05-01", D),
    ("fr", "4 août 1789", "1789-08-04", D),
    ("fr", "déc. 1851", "1851-12", M),
    ("fr", "juillet 1830", "1830-07", M),
    ("fr", "44 av. J.-C.", "-0043", Y),
    ("fr", "52 av. J.-C.", "-0051", Y),
    ("fr", "800 apr. J.-C.", "0800", Y),
    ("fr", "vers 1900", "1900~", Y),
    ("fr", "vers l'an 1000", "1000~", Y),
    ("fr", "les années 1920", "192X", DEC),
    ("fr", "XIXe siècle", "1801/1900", C),
    ("fr", "XIXème siècle", "1801/1900", C),
    ("fr", "19e siècle", "1801/1900", C),
    ("fr", "Ve siècle av. J.-C.", "-0499/-0400", C),
    ("fr", "du 14 juillet au 4 août 1789", "1789-07-14/1789-08-04", D),
    # Italian
    ("it", "14 luglio 1789", "1789-07-14", D),
    ("it", "2 giugno 1946", "1946-06-02", D),
    ("it", "nel 1861", "1861", Y),
    ("it", "verso il 1500", "1500~", Y),
    ("it", "XIX secolo", "1801/1900", C),
    ("it", "secolo XIX", "1801/1900", C),
    ("it", "gli anni 1960", "196X", DEC),
    ("it", "44 a.C.", "-0043", Y),
    ("it", "marzo 1861", "1861-03", M),
    # German
    ("de", "am 9. November 1989", "1989-11-09", D),
    ("de", "9. November 1989", "1989-11-09", D),
    ("de", "3. Okt. 1990", "1990-10-03", D),
    ("de", "im März 1848", "1848-03", M),
    ("de", "im Jahr 1848", "1848", Y),
    ("de", "um 1900", "1900~", Y),
    ("de", "ca. 1900", "1900~", Y),
    ("de", "44 v. Chr.", "-0043", Y),
    ("de", "44 v.Chr.", "-0043", Y),
    ("de", "9 n. Chr.", "0009", Y),
    ("de", "19. Jahrhundert", "1801/1900", C),
    ("de", "19. Jh.", "1801/1900", C),
    ("de", "5. Jahrhundert v. Chr.", "-0499/-0400", C),
    ("de", "die 1920er Jahre", "192X", DEC),
    ("de", "1920er", "192X", DEC),
    ("de", "die 1920er-Jahre", "192X", DEC),
    ("de", "1914 bis 1918", "1914/1918", Y),
    ("de", "von 1914 bis 1918", "1914/1918", Y),
    ("ru", "с 1914 по 1918 год", "1914/1918", Y),
    ("ru", "1914–1918 гг.", "1914/1918", Y),
    ("es", "desde 1810 hasta 1816", "1810/1816", Y),
    ("pl", "od 1914 do 1918 roku", "1914/1918", Y),
    ("it", "dal 1915 al 1918", "1915/1918", Y),
    ("id", "dari tahun 1945 sampai 1949", "1945/1949", Y),
    # Dutch
    ("nl", "14 juli 1789", "1789-07-14", D),
    ("nl", "5 mei 1945", "1945-05-05", D),
    ("nl", "omstreeks 1900", "1900~", Y),
    ("nl", "rond 1900", "1900~", Y),
    ("nl", "19e eeuw", "1801/1900", C),
    ("nl", "de jaren 1920", "192X", DEC),
    ("nl", "44 v.Chr.", "-0043", Y),
    ("nl", "maart 1917", "1917-03", M),
    # Polish
    ("pl", "9 listopada 1989", "1989-11-09", D),
    ("pl", "9 listopada 1989 r.", "1989-11-09", D),
    ("pl", "11 listopada 1918 roku", "1918-11-11", D),
    ("pl", "ok. 1900", "1900~", Y),
    ("pl", "około 1900", "1900~", Y),
    ("pl", "XIX wiek", "1801/1900", C),
    ("pl", "XIX w.", "1801/1900", C),
    ("pl", "44 p.n.e.", "-0043", Y),
    ("pl", "w 1918 roku", "1918", Y),
    ("pl", "lata 1920", "192X", DEC),
    ("pl", "wrzesień 1939", "1939-09", M),
    # Russian
    ("ru", "9 ноября 1989", "1989-11-09", D),
    ("ru", "9 ноября 1989 года", "1989-11-09", D),
    ("ru", "7 ноября 1917 г.", "1917-11-07", D),
    ("ru", "в 1917 году", "1917", Y),
    ("ru", "около 1900", "1900~", Y),
    ("ru", "44 г. до н. э.", "-0043", Y),
    ("ru", "44 до н.э.", "-0043", Y),
    ("ru", "XIX век", "1801/1900", C),
    ("ru", "XIX в.", "1801/1900", C),
    ("ru", "1920-е годы", "192X", DEC),
    ("ru", "1920-е", "192X", DEC),
    ("ru", "октябрь 1917", "1917-10", M),
    ("ru", "ноябрь 1917 г.", "1917-11", M),
    # Ukrainian
    ("uk", "9 листопада 1989", "1989-11-09", D),
    ("uk", "24 серпня 1991 року", "1991-08-24", D),
    ("uk", "XIX століття", "1801/1900", C),
    ("uk", "близько 1900", "1900~", Y),
    # Turkish
    ("tr", "9 Kasım 1989", "1989-11-09", D),
    ("tr", "29 Ekim 1923", "1923-10-29", D),
    ("tr", "1923 Ekim", "1923-10", M),
    ("tr", "1923 Ekim 29", "1923-10-29", D),
    ("tr", "1923 Ekim – 1924 Mart", "1923-10/1924-03", M),
    ("tr", "1900 civarı", "1900~", Y),
    ("tr", "yaklaşık 1900", "1900~", Y),
    ("tr", "MÖ 44", "-0043", Y),
    ("tr", "19. yüzyıl", "1801/1900", C),
    ("tr", "1920'ler", "192X", DEC),
    ("tr", "1923 yılında", "1923", Y),
    # Indonesian
    ("id", "17 Agustus 1945", "1945-08-17", D),
    ("id", "tanggal 17 Agustus 1945", "1945-08-17", D),
    ("id", "sekitar 1900", "1900~", Y),
    ("id", "pada tahun 1945", "1945", Y),
    ("id", "abad ke-19", "1801/1900", C),
    ("id", "abad XIX", "1801/1900", C),
    ("id", "tahun 1920-an", "192X", DEC),
    ("id", "Desember 1949", "1949-12", M),
    # Chinese and Japanese
    ("zh", "1868年1月3日", "1868-01-03", D),
    ("zh", "1911年10月10日", "1911-10-10", D),
    ("zh", "1949年10月", "1949-10", M),
    ("zh", "1949年", "1949", Y),
    ("zh", "公元前221年", "-0220", Y),
    ("zh", "前221年", "-0220", Y),
    ("zh", "公元618年", "0618", Y),
    ("zh", "约1900年", "1900~", Y),
    ("zh", "1900年左右", "1900~", Y),
    ("zh", "19世纪", "1801/1900", C),
    ("zh", "公元前5世纪", "-0499/-0400", C),
    ("zh", "1920年代", "192X", DEC),
    ("zh", "1937年～1945年", "1937/1945", Y),
    ("zh", "康熙61年（1722年）", "1722", Y),
    ("zh", "１９４９年１０月１日", "1949-10-01", D),
    ("zh", "一九四九年十月一日", "1949-10-01", D),
    ("zh", "公元前二二一年", "-0220", Y),
    ("zh", "公元前二百二十一年", "-0220", Y),
    ("zh", "十九世纪", "1801/1900", C),
    ("zh", "二十一世纪", "2001/2100", C),
    ("zh", "一九一一年十月十日", "1911-10-10", D),
    ("ja", "明治十年（1877年）", "1877", Y),
    ("ja", "1868年1月3日", "1868-01-03", D),
    ("ja", "明治元年（1868年）", "1868", Y),
    ("ja", "明治元年(1868年1月3日)", "1868-01-03", D),
    ("ja", "昭和20年（1945年）", "1945", Y),
    ("ja", "紀元前221年", "-0220", Y),
    ("ja", "1900年頃", "1900~", Y),
    ("ja", "19世紀", "1801/1900", C),
    # Korean
    ("ko", "1923년 10월 29일", "1923-10-29", D),
    ("ko", "1945년 8월 15일에", "1945-08-15", D),
    ("ko", "1923년 10월", "1923-10", M),
    ("ko", "1923년", "1923", Y),
    ("ko", "1923년에", "1923", Y),
    ("ko", "기원전 221년", "-0220", Y),
    ("ko", "약 1900년", "1900~", Y),
    ("ko", "1900년경", "1900~", Y),
    ("ko", "1900년쯤", "1900~", Y),
    ("ko", "19세기", "1801/1900", C),
    ("ko", "기원전 5세기", "-0499/-0400", C),
    ("ko", "1920년대", "192X", DEC),
    ("ko", "1392년~1897년", "1392/1897", Y),
    ("ko", "1937년부터 1945년까지", "1937/1945", Y),
]


# Seasons (EDTF 21 spring … 24 winter, as in English), ranges of days within a month and of
# months, dotted figures, and the shapes a native writer uses for them.
SEASONS_AND_RANGES = [
    ("es", "primavera de 1920", "1920-21", S),
    ("es", "el verano de 1936", "1936-22", S),
    ("es", "otoño de 1936", "1936-23", S),
    ("es", "invierno de 1941", "1941-24", S),
    ("es", "del 13 al 17 de marzo de 1920", "1920-03-13/1920-03-17", D),
    ("es", "13–17 de marzo de 1920", "1920-03-13/1920-03-17", D),
    ("es", "marzo–mayo de 1920", "1920-03/1920-05", M),
    ("es", "de marzo a mayo de 1920", "1920-03/1920-05", M),
    ("pt", "verão de 1822", "1822-22", S),
    ("pt", "no outono de 1822", "1822-23", S),
    ("pt", "primavera de 1974", "1974-21", S),
    ("pt", "inverno de 1941", "1941-24", S),
    ("pt", "de 13 a 17 de março de 1920", "1920-03-13/1920-03-17", D),
    ("pt", "de março a maio de 1920", "1920-03/1920-05", M),
    ("fr", "printemps 1848", "1848-21", S),
    ("fr", "au printemps 1848", "1848-21", S),
    ("fr", "été 1789", "1789-22", S),
    ("fr", "l'été 1789", "1789-22", S),
    ("fr", "automne 1793", "1793-23", S),
    ("fr", "l'hiver 1812", "1812-24", S),
    ("fr", "du 13 au 17 mars 1920", "1920-03-13/1920-03-17", D),
    ("fr", "13–17 mars 1920", "1920-03-13/1920-03-17", D),
    ("fr", "mars–mai 1920", "1920-03/1920-05", M),
    ("it", "primavera 1848", "1848-21", S),
    ("it", "estate 1943", "1943-22", S),
    ("it", "nell'estate del 1943", "1943-22", S),
    ("it", "autunno 1922", "1922-23", S),
    ("it", "inverno 1941", "1941-24", S),
    ("it", "dal 13 al 17 marzo 1920", "1920-03-13/1920-03-17", D),
    ("it", "marzo–maggio 1920", "1920-03/1920-05", M),
    ("de", "Herbst 1923", "1923-23", S),
    ("de", "im Herbst 1923", "1923-23", S),
    ("de", "Frühling 1848", "1848-21", S),
    ("de", "Frühjahr 1945", "1945-21", S),
    ("de", "Sommer 1914", "1914-22", S),
    ("de", "Winter 1941/42", "1941-24", S),
    ("de", "13.–17. März 1920", "1920-03-13/1920-03-17", D),
    ("de", "vom 13. bis 17. März 1920", "1920-03-13/1920-03-17", D),
    ("de", "vom 13. bis zum 17. März 1920", "1920-03-13/1920-03-17", D),
    ("de", "März–Mai 1920", "1920-03/1920-05", M),
    ("de", "von März bis Mai 1920", "1920-03/1920-05", M),
    ("de", "9.11.1989", "1989-11-09", D),
    ("de", "09.11.1989", "1989-11-09", D),
    ("de", "13.–17.03.1920", "1920-03-13/1920-03-17", D),
    ("nl", "lente 1945", "1945-21", S),
    ("nl", "zomer 1944", "1944-22", S),
    ("nl", "in de zomer van 1944", "1944-22", S),
    ("nl", "herfst 1944", "1944-23", S),
    ("nl", "najaar 1944", "1944-23", S),
    ("nl", "winter 1944/45", "1944-24", S),
    ("nl", "13–17 maart 1920", "1920-03-13/1920-03-17", D),
    ("nl", "van 13 tot 17 maart 1920", "1920-03-13/1920-03-17", D),
    ("nl", "maart–mei 1920", "1920-03/1920-05", M),
    ("pl", "wiosna 1920", "1920-21", S),
    ("pl", "latem 1920", "1920-22", S),
    ("pl", "lato 1980", "1980-22", S),
    ("pl", "jesienią 1939", "1939-23", S),
    ("pl", "zimą 1941/42", "1941-24", S),
    ("pl", "13–17 marca 1920", "1920-03-13/1920-03-17", D),
    ("pl", "od 13 do 17 marca 1920 r.", "1920-03-13/1920-03-17", D),
    ("pl", "marzec–maj 1920", "1920-03/1920-05", M),
    ("pl", "od marca do maja 1920", "1920-03/1920-05", M),
    ("pl", "9.11.1989", "1989-11-09", D),
    ("ru", "весна 1917", "1917-21", S),
    ("ru", "летом 1917 года", "1917-22", S),
    ("ru", "осень 1917", "1917-23", S),
    ("ru", "зимой 1941/42 года", "1941-24", S),
    ("ru", "13–17 марта 1920", "1920-03-13/1920-03-17", D),
    ("ru", "с 13 по 17 марта 1920 года", "1920-03-13/1920-03-17", D),
    ("ru", "март–май 1920", "1920-03/1920-05", M),
    ("ru", "09.11.1989", "1989-11-09", D),
    ("uk", "навесні 1920", "1920-21", S),
    ("uk", "влітку 1991 року", "1991-22", S),
    ("uk", "восени 1917", "1917-23", S),
    ("uk", "зима 1932", "1932-24", S),
    ("uk", "13–17 березня 1920", "1920-03-13/1920-03-17", D),
    ("uk", "з 13 по 17 березня 1920 року", "1920-03-13/1920-03-17", D),
    ("uk", "березень–травень 1920", "1920-03/1920-05", M),
    ("tr", "ilkbahar 1920", "1920-21", S),
    ("tr", "1920 yazı", "1920-22", S),
    ("tr", "1922 sonbaharında", "1922-23", S),
    ("tr", "kış 1941", "1941-24", S),
    ("tr", "1941-42 kışı", "1941-24", S),
    ("tr", "13-17 Mart 1920", "1920-03-13/1920-03-17", D),
    ("tr", "Mart–Mayıs 1920", "1920-03/1920-05", M),
    ("tr", "29 Ekim 1923'te", "1923-10-29", D),
    ("tr", "1923'te", "1923", Y),
    ("tr", "M.Ö. 44", "-0043", Y),
    ("tr", "9.11.1989", "1989-11-09", D),
    ("id", "musim semi 1920", "1920-21", S),
    ("id", "musim panas 1945", "1945-22", S),
    ("id", "musim gugur 1965", "1965-23", S),
    ("id", "musim dingin 1941", "1941-24", S),
    ("id", "13–17 Maret 1920", "1920-03-13/1920-03-17", D),
    ("id", "13 sampai 17 Maret 1920", "1920-03-13/1920-03-17", D),
    ("id", "3–17 Des 1920", "1920-12-03/1920-12-17", D),
    ("id", "Maret sampai Mei 1920", "1920-03/1920-05", M),
    ("id", "44 SM", "-0043", Y),
    ("ja", "1920年春", "1920-21", S),
    ("ja", "1920年の夏", "1920-22", S),
    ("ja", "1941年冬", "1941-24", S),
    ("ja", "1920年3月13日～17日", "1920-03-13/1920-03-17", D),
    ("ja", "1920年3月13日から17日まで", "1920-03-13/1920-03-17", D),
    ("ja", "1920年3月から5月まで", "1920-03/1920-05", M),
    ("zh", "1920年秋季", "1920-23", S),
    ("zh", "1920年夏天", "1920-22", S),
    ("zh", "1920年3月13日至17日", "1920-03-13/1920-03-17", D),
    ("zh", "1920年3月～5月", "1920-03/1920-05", M),
    ("ko", "1920년 봄", "1920-21", S),
    ("ko", "1920년 여름", "1920-22", S),
    ("ko", "1793년 가을", "1793-23", S),
    ("ko", "1941년 겨울", "1941-24", S),
    ("ko", "1920년 3월 13일~17일", "1920-03-13/1920-03-17", D),
    ("ko", "1920년 3월 13일부터 17일까지", "1920-03-13/1920-03-17", D),
    ("ko", "1920년 3월~5월", "1920-03/1920-05", M),
    ("ko", "1920년 3월부터 5월까지", "1920-03/1920-05", M),
]


# The early, middle and late part of a year, decade or century (as "early 1920", "mid-1920s",
# "late 19th century" in English), Italian's named hundreds, and other shapes native writers use.
QUALIFIED = [
    ("es", "principios del siglo XX", "1901/1940", C),
    ("es", "a finales del siglo XIX", "1871/1900", C),
    ("es", "hacia finales del siglo XIX", "1871~/1900~", C),
    ("es", "finales de 1920", "1920-39", Y),
    ("es", "mediados del siglo XIX", "1831/1870", C),
    ("pt", "em meados do século XIX", "1831/1870", C),
    ("pt", "no final do século XIX", "1871/1900", C),
    ("fr", "début du XXe siècle", "1901/1940", C),
    ("fr", "au début des années 1920", "1920/1923", DEC),
    ("fr", "fin 1920", "1920-39", Y),
    ("it", "inizio del XX secolo", "1901/1940", C),
    ("it", "fine Ottocento", "1870/1899", C),
    ("it", "il Novecento", "19XX", C),
    ("it", "primo Novecento", "1900/1939", C),
    ("it", "l'11 settembre 2001", "2001-09-11", D),
    ("it", "dell'8 settembre 1943", "1943-09-08", D),
    ("de", "Anfang 1920", "1920-37", Y),
    ("de", "Mitte der 1920er Jahre", "1923/1926", DEC),
    ("de", "Ende des 19. Jahrhunderts", "1871/1900", C),
    ("nl", "begin 20e eeuw", "1901/1940", C),
    ("nl", "eind 1945", "1945-39", Y),
    ("pl", "na początku XX wieku", "1901/1940", C),
    ("pl", "pod koniec 1920 r.", "1920-39", Y),
    ("pl", "9 XI 1989", "1989-11-09", D),
    ("pl", "1.IX.1939 r.", "1939-09-01", D),
    ("ru", "начало XX века", "1901/1940", C),
    ("ru", "в середине XIX века", "1831/1870", C),
    ("ru", "конец 1920-х годов", "1927/1929", DEC),
    ("uk", "наприкінці XIX століття", "1871/1900", C),
    ("uk", "на початку XX століття", "1901/1940", C),
    ("tr", "XIX. yüzyılın sonları", "1871/1900", C),
    ("tr", "1920'lerin sonu", "1927/1929", DEC),
    ("tr", "1923 yılının sonu", "1923-39", Y),
    ("id", "awal abad ke-20", "1901/1940", C),
    ("id", "pertengahan 1945", "1945-38", Y),
    ("ja", "19世紀末", "1871/1900", C),
    ("ja", "19世紀前半", "1801/1850", C),
    ("ja", "1920年代後半", "1925/1929", DEC),
    ("zh", "19世纪初", "1801/1840", C),
    ("ko", "19세기 말", "1871/1900", C),
    ("ko", "19세기 초", "1801/1840", C),
    ("ko", "19세기 전반", "1801/1850", C),
    ("ko", "1920년대 후반", "1925/1929", DEC),
]


@pytest.mark.parametrize(("lang", "text", "edtf", "precision"),
                         FORMS + SEASONS_AND_RANGES + QUALIFIED)
def test_form(lang, text, edtf, precision):
    d = parse_date(text)
    assert d is not None
    assert (d.edtf, d.precision) == (edtf, precision), lang
    assert d.text == text and d.display == text  # the note's own words
    assert looks_like_date(text)


@pytest.mark.parametrize("lang", sorted({f[0] for f in FORMS}))
def test_every_language_has_dates_of_every_kind(lang):
    kinds = {p for code, _, _, p in FORMS if code == lang}
    assert {D, Y, C} <= kinds


@pytest.mark.parametrize("lang", [*cldr.LANGUAGES, "ja", "zh", "ko"])
def test_every_language_has_seasons_and_ranges(lang):
    found = {(p, "/" in edtf) for code, _, edtf, p in SEASONS_AND_RANGES if code == lang}
    assert {(S, False), (D, True), (M, True)} <= found
    seasons = {edtf[-2:] for code, _, edtf, p in SEASONS_AND_RANGES if code == lang and p is S}
    assert seasons >= ({"21", "22", "23", "24"} if lang not in ("ja", "zh") else {"22"})


def test_a_season_prints_as_the_note_wrote_it():
    d = parse_date("im Herbst 1923")
    assert d is not None and d.display == "im Herbst 1923"
    assert (d.earliest.month, d.latest.month, d.latest.year) == (9, 11, 1923)
    winter = parse_date("zimą 1941/42")
    assert winter is not None and (winter.earliest.month, winter.latest.year) == (12, 1942)


REJECTED = [
    ("31 de febrero de 1900", "February 1900 has no day 31"),
    ("30 février 1900", "February 1900 has no day 30"),
    ("31. April 1917", "April 1917 has no day 31"),
    ("31 июня 1941", "June 1941 has no day 31"),
    ("1900年2月29日", "February 1900 has no day 29"),
    ("1900年13月", "there is no month 13"),
    ("29日", "the day 29 has no month or year"),  # not the year 29
    ("13日～17日", "the day 13 has no month or year"),
    ("29일", "the day 29 has no month or year"),
    ("1923년 13월", "there is no month 13"),
    ("los años 20", "leaves out its century"),
    ("les années 20", "leaves out its century"),
    ("die 20er Jahre", "leaves out its century"),
    ("31.02.1900", "February 1900 has no day 31"),
    ("Herbst", "not a date"),
    ("31 II 1900", "February 1900 has no day 31"),
    ("Ende", "not a date"),
    ("Henry V 1413", "not a date"),
    ("del 1816 al 1810", "ends before it starts"),
    ("siglo 0", "not a date"),
    ("25 de mayo", "has no year"),
    ("明治元年", "not a date"),
    ("Revolución de Mayo", "not a date"),
    ("la Revolución de 1810", "not a date"),
]


@pytest.mark.parametrize(("text", "message"), REJECTED)
def test_rejected(text, message):
    with pytest.raises(DateError) as info:
        parse_date(text)
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**25 de mayo de 1810", None),
        ("25 de mayo de 1810: Revolución de Mayo", ("25 de mayo de 1810", "Revolución de Mayo")),
        ("le 14 juillet 1789, la Bastille", ("le 14 juillet 1789", "la Bastille")),
        ("9. November 1989 – Mauerfall", ("9. November 1989", "Mauerfall")),
        ("1868年1月3日：王政復古", ("1868年1月3日", "王政復古")),
        ("1945년 8월 15일: 광복", ("1945년 8월 15일", "광복")),
        ("1919년 3월 1일 – 삼일 운동", ("1919년 3월 1일", "삼일 운동")),
        ("1일 1회: 복습", None),  # "once a day": a figure and the syllable of a day, no date
        ("XIX век: промышленный переворот", ("XIX век", "промышленный переворот")),
    ],
)
def test_leading_dates_in_other_languages(text, expected):
    assert leading_date(text) == expected


# ------------------------------------------------------------------- English unchanged


@pytest.mark.parametrize(
    "text",
    [
        "In 1905", "Revolution of 1905", "a friendly eastern Europe", "U.S. recognition in 1933",
        "Joseph E. Davies replaces Bullitt", "de facto recognition", "the 1920s and beyond",
        "1905 Revolution", "am I late", "Apollo 11",
    ],
)  # fmt: skip
def test_english_prose_is_not_rewritten(text):
    assert languages.translate(text) is None


def test_a_word_matched_only_through_case_folding_is_left_as_written():
    # The pattern finds "des" in "deſ" (a long s), a spelling the table does not list.
    assert languages.translate("15 mai deſ 1905") == "15 may deſ 1905"  # its case kept
    assert not looks_like_date("15 mai deſ 1905")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
def test_ascii_soup_never_raises_anything_else(text):
    with contextlib.suppress(DateError):
        parse_date(text)


MONTHS_ES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
             "septiembre", "octubre", "noviembre", "diciembre"]  # fmt: skip
MONTHS_DE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
             "September", "Oktober", "November", "Dezember"]  # fmt: skip
MONTHS_RU = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
             "сентября", "октября", "ноября", "декабря"]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=100, max_value=2100),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=28),
    st.sampled_from(["es", "de", "ru", "zh"]),
)
def test_generated_days(year, month, day, lang):
    text = {
        "es": f"{day} de {MONTHS_ES[month - 1]} de {year}",
        "de": f"am {day}. {MONTHS_DE[month - 1]} {year}",
        "ru": f"{day} {MONTHS_RU[month - 1]} {year} года",
        "zh": f"{year}年{month}月{day}日",
    }[lang]
    d = parse_date(text)
    assert d is not None and d.edtf == f"{year:04d}-{month:02d}-{day:02d}", text


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=21), st.sampled_from(["es", "fr", "de", "ru", "pl"]))
def test_generated_centuries(n, lang):
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
             "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI"][n - 1]  # fmt: skip
    text = {
        "es": f"siglo {roman}", "fr": f"{roman}e siècle", "de": f"{n}. Jahrhundert",
        "ru": f"{roman} век", "pl": f"{roman} wiek",
    }[lang]  # fmt: skip
    d = parse_date(text)
    assert d is not None and d.precision is C, text
    assert (d.earliest.year, d.latest.year) == ((n - 1) * 100 + 1, n * 100), text


# ------------------------------------------------------------------ tables and cost


def test_cldr_table_matches_babel():
    """lang/cldr.json is CLDR's data as the installed Babel gives it (regenerate it with
    ``python -m studypress.dates.cldr`` when this fails after upgrading Babel)."""
    committed = json.loads(cldr.TABLE.read_text("utf-8"))
    assert committed == cldr.generate()


def test_every_cldr_language_has_its_words():
    import tomllib

    words = tomllib.loads((cldr.TABLE.parent / "words.toml").read_text("utf-8"))
    assert set(words) - {"english"} == set(cldr.LANGUAGES)


def test_reading_dates_loads_neither_babel_nor_the_patterns_for_english():
    probe = (
        "import sys\n"
        "from studypress.dates import parse_date, leading_date, languages\n"
        "parse_date('November 15, 1933'); leading_date('Revolution of 1905 after the war')\n"
        "assert languages._tables.cache_info().currsize == 0\n"
        "parse_date('25 de mayo de 1810')\n"
        "assert languages._tables.cache_info().currsize == 1\n"
        "print('babel' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def _cldr_months() -> list[tuple[str, str, int]]:
    table = json.loads(cldr.TABLE.read_text("utf-8"))
    return [(code, word, number) for code, t in table["locales"].items()
            for word, number in t["months"].items()]  # fmt: skip


@pytest.mark.parametrize(("lang", "word", "number"), _cldr_months())
def test_every_cldr_month_name_reads_as_its_month(lang, word, number):
    """Each month name and abbreviation CLDR gives, in lower case as these languages write
    them, with a day and a year: no word of one table shadows another's."""
    for text in (f"9 {word} 1989", f"{word} 1989"):
        d = parse_date(text)
        assert d is not None and d.earliest.month == number, (lang, text)


def _positional(n: int) -> str:
    """n (1–99) in Chinese numerals with tens: 十九, 二十, 二十一."""
    digits = "〇一二三四五六七八九"
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else digits[tens] + "十")
    return head + (digits[ones] if ones else "")


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1000, max_value=2100),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=28),
)
def test_generated_dates_in_chinese_numerals(year, month, day):
    written = "".join("〇一二三四五六七八九"[int(c)] for c in str(year))
    text = f"{written}年{_positional(month)}月{_positional(day)}日"
    d = parse_date(text)
    assert d is not None and d.edtf == f"{year:04d}-{month:02d}-{day:02d}", text


# ------------------------------------------------------------- ranges in every month

# A range of days within a month ({a}, {b}: days; {m}: the month as running text writes it,
# genitive where the language has one) and of months ({m}, {n}: standing alone; {g}, {h}:
# in running text), as each language writes them.
DAY_RANGES = {
    "es": ["del {a} al {b} de {m} de {y}", "{a}–{b} de {m} de {y}"],
    "pt": ["de {a} a {b} de {m} de {y}", "{a}–{b} de {m} de {y}"],
    "fr": ["du {a} au {b} {m} {y}", "{a}–{b} {m} {y}"],
    "it": ["dal {a} al {b} {m} {y}", "{a}–{b} {m} {y}"],
    "de": ["{a}.–{b}. {m} {y}", "vom {a}. bis {b}. {m} {y}", "{a}.-{b}. {m} {y}"],
    "nl": ["{a}–{b} {m} {y}", "van {a} tot {b} {m} {y}", "{a} t/m {b} {m} {y}"],
    "pl": ["{a}–{b} {m} {y}", "od {a} do {b} {m} {y} r."],
    "ru": ["{a}–{b} {m} {y}", "с {a} по {b} {m} {y} года"],
    "uk": ["{a}–{b} {m} {y}", "з {a} по {b} {m} {y} року"],
    "tr": ["{a}-{b} {m} {y}", "{a}–{b} {m} {y}"],
    "id": ["{a}–{b} {m} {y}", "{a} sampai {b} {m} {y}"],
}
MONTH_RANGES = {
    "es": ["{m}–{n} de {y}", "de {m} a {n} de {y}"],
    "pt": ["{m}–{n} de {y}", "de {m} a {n} de {y}"],
    "fr": ["{m}–{n} {y}", "de {m} à {n} {y}"],
    "it": ["{m}–{n} {y}", "da {m} a {n} {y}"],
    "de": ["{m}–{n} {y}", "von {m} bis {n} {y}"],
    "nl": ["{m}–{n} {y}", "van {m} tot {n} {y}"],
    "pl": ["{m}–{n} {y}", "od {g} do {h} {y}"],
    "ru": ["{m}–{n} {y}", "с {g} по {h} {y} года"],
    "uk": ["{m}–{n} {y}", "з {g} по {h} {y} року"],
    "tr": ["{m}–{n} {y}", "{m}-{n} {y}"],
    "id": ["{m}–{n} {y}", "{m} sampai {n} {y}"],
}


def _month_names(code: str, context: str, width: str) -> dict[int, str]:
    from babel import Locale

    return Locale.parse(code).months[context][width]


@pytest.mark.parametrize(("lang", "form"), [(c, f) for c, forms in DAY_RANGES.items()
                                            for f in forms])  # fmt: skip
@settings(max_examples=40, deadline=None)
@given(st.data())
def test_every_month_in_a_range_of_days(lang, form, data):
    month = data.draw(st.integers(min_value=1, max_value=12))
    width = data.draw(st.sampled_from(["wide", "abbreviated"]))
    first = data.draw(st.integers(min_value=1, max_value=27))
    last = data.draw(st.integers(min_value=first + 1, max_value=28))
    year = data.draw(st.integers(min_value=1000, max_value=2100))
    text = form.format(a=first, b=last, m=_month_names(lang, "format", width)[month], y=year)
    d = parse_date(text)
    assert d is not None, text
    assert d.edtf == f"{year}-{month:02d}-{first:02d}/{year}-{month:02d}-{last:02d}", text


@pytest.mark.parametrize(("lang", "form"), [(c, f) for c, forms in MONTH_RANGES.items()
                                            for f in forms])  # fmt: skip
@settings(max_examples=40, deadline=None)
@given(st.data())
def test_every_month_in_a_range_of_months(lang, form, data):
    first = data.draw(st.integers(min_value=1, max_value=11))
    last = data.draw(st.integers(min_value=first + 1, max_value=12))
    width = data.draw(st.sampled_from(["wide", "abbreviated"]))
    year = data.draw(st.integers(min_value=1000, max_value=2100))
    alone, running = (_month_names(lang, c, width) for c in ("stand-alone", "format"))
    text = form.format(m=alone[first], n=alone[last], g=running[first], h=running[last], y=year)
    d = parse_date(text)
    assert d is not None, text
    assert d.edtf == f"{year}-{first:02d}/{year}-{last:02d}", text


@pytest.mark.parametrize("lang", sorted(DAY_RANGES))
def test_the_range_tables_cover_every_language(lang):
    assert lang in MONTH_RANGES and set(DAY_RANGES) == set(cldr.LANGUAGES)


SEASON_CODES = {"spring": 21, "summer": 22, "autumn": 23, "winter": 24}


def _season_words() -> list[tuple[str, str, str, bool]]:
    """Every season word of lang/words.toml: (language, season, word, written after the year)."""
    import tomllib

    words = tomllib.loads((cldr.TABLE.parent / "words.toml").read_text("utf-8"))
    return [(code, season, word, after) for code, table in words.items()
            for after, key in ((False, "seasons"), (True, "seasons_after"))
            for season, written in table.get(key, {}).items() for word in written]  # fmt: skip


@pytest.mark.parametrize(("lang", "season", "word", "after"), _season_words())
def test_every_season_word_reads_as_its_season(lang, season, word, after):
    for year in (1923, 1648):
        text = f"{year} {word}" if after else f"{word} {year}"
        d = parse_date(text)
        assert d is not None and d.edtf == f"{year}-{SEASON_CODES[season]}", (lang, text)
        assert d.precision is S


def test_every_language_has_its_seasons():
    assert {code for code, *_ in _season_words()} == set(cldr.LANGUAGES)


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=1000, max_value=2100),
    st.integers(min_value=1, max_value=11),
    st.data(),
    st.sampled_from(["{y}年{m}月{a}日～{b}日", "{y}年{m}月{a}日から{b}日まで",
                     "{y}年{m}月{a}日至{b}日"]),
    st.sampled_from(["{y}年{m}月～{n}月", "{y}年{m}月から{n}月まで", "{y}年{m}月至{n}月"]),
)
def test_every_month_in_chinese_and_japanese_ranges(year, month, data, days_form, months_form):
    first = data.draw(st.integers(min_value=1, max_value=27))
    last = data.draw(st.integers(min_value=first + 1, max_value=28))
    end = data.draw(st.integers(min_value=month + 1, max_value=12))
    days = parse_date(days_form.format(y=year, m=month, a=first, b=last))
    assert days is not None
    assert days.edtf == f"{year}-{month:02d}-{first:02d}/{year}-{month:02d}-{last:02d}"
    months = parse_date(months_form.format(y=year, m=month, n=end))
    assert months is not None and months.edtf == f"{year}-{month:02d}/{year}-{end:02d}"


def test_a_turkish_timeline_with_the_year_first_is_dated_at_each_line():
    from studypress.reader import read_text

    note = read_text("# Cumhuriyet\n\n## Zaman Çizelgesi\n\n"
                     "- **29 Ekim 1923:** Cumhuriyet ilan edildi.\n"
                     "- **1923 Ekim:** Başkent Ankara oldu.\n"
                     "- **1924 Mart 3:** Halifelik kaldırıldı.\n", "tr.md", "tr")
    assert [(e.line, e.date.edtf, e.date.display) for e in note.events if e.date] == [
        (5, "1923-10-29", "29 Ekim 1923"), (6, "1923-10", "1923 Ekim"),
        (7, "1924-03-03", "1924 Mart 3")]
    assert not [d for d in note.diagnostics if d.code == "undated"]


def test_a_korean_timeline_is_dated_at_each_line_and_a_lone_day_is_not_a_year():
    from studypress.reader import read_text

    note = read_text("# 광복\n\n## 연표\n\n"
                     "- **1910년 8월 29일:** 국권 피탈.\n"
                     "- **1919년 3월 1일:** 삼일 운동.\n"
                     "- **1945년 8월 15일:** 광복.\n"
                     "- **15일:** 기념식.\n", "ko.md", "ko")
    dated = [(e.line, e.date.edtf) for e in note.events if e.date]
    assert dated == [(5, "1910-08-29"), (6, "1919-03-01"), (7, "1945-08-15")]
    assert any(d.line == 8 and "has no month or year" in d.message for d in note.diagnostics)
