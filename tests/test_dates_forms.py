"""Date forms from exported Markdown and hand-written notes: a table per form, then generated
variants of each (escapes, superscripts, odd spaces, pandoc dashes)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings  # no deadlines: a loaded machine is no failure
from hypothesis import strategies as st

from studypress.dates import DateError, leading_date, looks_like_date, parse_date, reads_parenthesis
from studypress.model import Precision, RichText, Strong, Text
from studypress.reader.timeline import split_date

D, M, S, Y = Precision.DAY, Precision.MONTH, Precision.SEASON, Precision.YEAR
DEC = Precision.DECADE

# text, EDTF, precision, display
NORMALISED = [
    # superscript ordinals, as word processors export them
    ("October 24ᵗʰ, 1929", "1929-10-24", D, "October 24th, 1929"),
    ("24ᵗʰ October 1929", "1929-10-24", D, "24th October 1929"),
    ("1ˢᵗ November 1917", "1917-11-01", D, "1st November 1917"),
    ("March 2ⁿᵈ, 1917", "1917-03-02", D, "March 2nd, 1917"),
    ("May 3ʳᵈ 1808", "1808-05-03", D, "May 3rd 1808"),
    ("October 24<sup>th</sup>, 1929", "1929-10-24", D, "October 24th, 1929"),
    ("October 24<SUP> th </SUP>, 1929", "1929-10-24", D, "October 24th, 1929"),
    # backslash escapes
    ("Oct\\. 24, 1929", "1929-10-24", D, "Oct. 24, 1929"),
    ("1935\\-1943", "1935/1943", Y, "1935–1943"),
    ("c\\. 509 BCE", "-0508~", Y, "c. 509 BCE"),
    ("\\~1917", "1917~", Y, "~1917"),
    ("1917\\?", "1917?", Y, "1917?"),
    ("25 October \\[O.S. 7 November\\] 1917", "1917-10-25", D, "25 October 1917"),
    # pandoc's double and triple hyphens
    ("1935--1943", "1935/1943", Y, "1935–1943"),
    ("1935 -- 1943", "1935/1943", Y, "1935 – 1943"),
    ("1935---1943", "1935/1943", Y, "1935–1943"),
    ("1914--18", "1914/1918", Y, "1914–18"),
    ("c. 115--53 BCE", "-0114~/-0052~", Y, "c. 115–53 BCE"),
    ("July 17 -- August 2, 1945", "1945-07-17/1945-08-02", D, "July 17 – August 2, 1945"),
    ("Winter 1941--42", "1941-24", S, "Winter 1941–42"),
    # no-break, narrow and thin spaces; invisible characters
    ("October\u00a024,\u00a01929", "1929-10-24", D, "October 24, 1929"),
    ("24\u202fOctober 1929", "1929-10-24", D, "24 October 1929"),
    ("1935\u2009–\u20091943", "1935/1943", Y, "1935 – 1943"),
    ("\ufeff1917", "1917", Y, "1917"),
    ("19\u200b17", "1917", Y, "1917"),
    # curly quotes
    ("the 1920’s", "192X", DEC, "the 1920's"),
    ("October 27, 1962 (“Black Saturday”)", "1962-10-27", D, "October 27, 1962"),
]

FORMS = [
    # ordinals in every order
    ("October 24th, 1929", "1929-10-24", D, "October 24th, 1929"),
    ("October 24th 1929", "1929-10-24", D, "October 24th 1929"),
    ("24th of October 1929", "1929-10-24", D, "24th of October 1929"),
    ("24th of October, 1929", "1929-10-24", D, "24th of October, 1929"),
    ("the 24th of October 1929", "1929-10-24", D, "the 24th of October 1929"),
    ("October the 24th, 1929", "1929-10-24", D, "October the 24th, 1929"),
    ("first of March 1917", "1917-03-01", D, "first of March 1917"),
    ("the 15th of March, 44 BCE", "-0043-03-15", D, "the 15th of March, 44 BCE"),
    ("24th of Oct. 1929", "1929-10-24", D, "24th of Oct. 1929"),
    (
        "24th of October – 2nd of November 1929",
        "1929-10-24/1929-11-02",
        D,
        "24th of October – 2nd of November 1929",
    ),
    # abbreviated range ends
    ("1935–43", "1935/1943", Y, "1935–43"),
    ("1935-43", "1935/1943", Y, "1935–43"),
    ("1930s–40s", "193X/194X", DEC, "1930s–40s"),
    ("1930s-40s", "193X/194X", DEC, "1930s–40s"),
    ("1930s–'40s", "193X/194X", DEC, "1930s–'40s"),
    ("1930s–’40s", "193X/194X", DEC, "1930s–'40s"),
    ("1941–'42", "1941/1942", Y, "1941–'42"),
    ("Winter 1941–'42", "1941-24", S, "Winter 1941–'42"),
    ("1899–1901", "1899/1901", Y, "1899–1901"),
    # a month or day in parentheses after the year
    ("1917 (March)", "1917-03", M, "1917 (March)"),
    ("1917 (Mar.)", "1917-03", M, "1917 (Mar.)"),
    ("1917 (march)", "1917-03", M, "1917 (march)"),
    ("1917(March)", "1917-03", M, "1917 (March)"),
    ("1933 (November 16)", "1933-11-16", D, "1933 (November 16)"),
    ("1933 (16 November)", "1933-11-16", D, "1933 (16 November)"),
    ("1933 (Nov. 16th)", "1933-11-16", D, "1933 (Nov. 16th)"),
    ("1933 (16th of November)", "1933-11-16", D, "1933 (16th of November)"),
    ("1917 (early March)", "1917-03-01/1917-03-10", M, "1917 (early March)"),
    ("1917 (Spring)", "1917-21", S, "1917 (Spring)"),
    ("1917 (March–May)", "1917-03/1917-05", M, "1917 (March–May)"),
    ("1917 (March 8–12)", "1917-03-08/1917-03-12", D, "1917 (March 8–12)"),
    ("44 BCE (March 15)", "-0043-03-15", D, "44 BCE (March 15)"),
    ("c. 1917 (March)", "1917-03~", M, "c. 1917 (March)"),
    ("1917? (March)", "1917-03?", M, "1917? (March)"),
    # month ranges in one year and across years
    ("March–May 1917", "1917-03/1917-05", M, "March–May 1917"),
    ("March - May 1917", "1917-03/1917-05", M, "March – May 1917"),
    ("Mar.–May 1917", "1917-03/1917-05", M, "Mar.–May 1917"),
    ("March--May 1917", "1917-03/1917-05", M, "March–May 1917"),
    ("March–May, 1917", "1917-03/1917-05", M, "March–May, 1917"),
    ("December 1941 – January 1942", "1941-12/1942-01", M, "December 1941 – January 1942"),
    ("Dec. 1941–Jan. 1942", "1941-12/1942-01", M, "Dec. 1941–Jan. 1942"),
    ("December, 1941 – January, 1942", "1941-12/1942-01", M, "December, 1941 – January, 1942"),
    ("December 1941 -- January 1942", "1941-12/1942-01", M, "December 1941 – January 1942"),
    ("November 1917 – March 1918", "1917-11/1918-03", M, "November 1917 – March 1918"),
    # an era or regnal year with the Western year in parentheses: the Western year counts
    ("Meiji 1 (1868)", "1868", Y, "Meiji 1 (1868)"),
    ("Meiji 45 (1912)", "1912", Y, "Meiji 45 (1912)"),
    ("Taishō 1 (1912)", "1912", Y, "Taishō 1 (1912)"),
    ("Shōwa 20 (1945)", "1945", Y, "Shōwa 20 (1945)"),
    ("Showa 20 (1945)", "1945", Y, "Showa 20 (1945)"),
    ("Meiji gannen (1868)", "1868", Y, "Meiji gannen (1868)"),
    ("Meiji 1 (January 3, 1868)", "1868-01-03", D, "Meiji 1 (January 3, 1868)"),
    ("Kangxi 61 (1722)", "1722", Y, "Kangxi 61 (1722)"),
    ("Guangxu 24 (1898)", "1898", Y, "Guangxu 24 (1898)"),
    ("Year 5 of Tiberius (19 CE)", "0019", Y, "Year 5 of Tiberius (19 CE)"),
    ("year 5 of Tiberius (AD 19)", "0019", Y, "year 5 of Tiberius (AD 19)"),
    ("the fifth year of Tiberius (19 CE)", "0019", Y, "the fifth year of Tiberius (19 CE)"),
    ("15th year of Tiberius (c. 28 CE)", "0028~", Y, "15th year of Tiberius (c. 28 CE)"),
    (
        "Regnal year 12 of Ramesses II (c. 1267 BCE)",
        "-1266~",
        Y,
        "Regnal year 12 of Ramesses II (c. 1267 BCE)",
    ),
    ("Year II (1793–1794)", "1793/1794", Y, "Year II (1793–1794)"),
    ("AH 1 (622 CE)", "0622", Y, "AH 1 (622 CE)"),
    ("1 AH (622 CE)", "0622", Y, "1 AH (622 CE)"),
    ("753 AUC (1 BCE)", "0000", Y, "753 AUC (1 BCE)"),
    # ISO dates
    ("1905-01-22", "1905-01-22", D, "1905-01-22"),
    ("1905-01-22 – 1905-01-25", "1905-01-22/1905-01-25", D, "1905-01-22 – 1905-01-25"),
    ("1905-01", "1905-01", M, "1905-01"),
    ("c. 1905-01-22", "1905-01-22~", D, "c. 1905-01-22"),
    # the year first in numbers joined by slashes or dots, as East Asian notes write dates
    ("1923/10/29", "1923-10-29", D, "1923/10/29"),
    ("2023/1/5", "2023-01-05", D, "2023/1/5"),
    ("1923.10.29", "1923-10-29", D, "1923.10.29"),
    ("1923/10/29 – 1924/3/3", "1923-10-29/1924-03-03", D, "1923/10/29 – 1924/3/3"),
    # the year first, the month after it (as some languages write dates, and outliners)
    ("1917 October", "1917-10", M, "1917 October"),
    ("1066 October 14", "1066-10-14", D, "1066 October 14"),
    ("1066 October 14th", "1066-10-14", D, "1066 October 14th"),
    ("c. 1917 March", "1917-03~", M, "c. 1917 March"),
    ("800 May", "0800-05", M, "800 May"),
    ("1917 March – 1918 November", "1917-03/1918-11", M, "1917 March – 1918 November"),
    ("1917 March 3 – 1918 November 11", "1917-03-03/1918-11-11", D,
     "1917 March 3 – 1918 November 11"),
]


@pytest.mark.parametrize(("text", "edtf", "precision", "display"), NORMALISED + FORMS)
def test_form(text, edtf, precision, display):
    d = parse_date(text)
    assert d is not None
    assert (d.edtf, d.precision, d.display) == (edtf, precision, display)
    assert d.text == text.strip()
    assert looks_like_date(text)


# Rejected, with the reason: text, a fragment of the message, date-shaped (warned) or prose.
REJECTED = [
    ("1917 (February 30)", "February 1917 has no day 30", True),
    ("1923/13/01", "not a date", False),
    ("1923.02.30", "February 1923 has no day 30", True),
    ("10/29/1923", "not a date", False),  # month or day first: no telling which
    ("1916/17/18", "not a date", False),  # no month 17: not a date of numbers at all
    ("1914 may", "not a date", False),  # a year before a month in lower case: prose
    ("1900 (February 29)", "February 1900 has no day 29", True),
    ("1917 (Febtember)", "'Febtember' is not a month name", True),
    ("1933 (November 31)", "November 1933 has no day 31", True),
    ("Meiji 1 (1868–1867)", "ends before it starts", True),
    ("Meiji 1 (February 30, 1868)", "February 1868 has no day 30", True),
    ("the '30s", "leaves out its century", True),
    ("'42", "leaves out its century", True),
    ("'40s–'50s", "leaves out its century", True),
    ("1998–02", "a shortened end year takes the start's century", True),
    ("1935–3", "a shortened end year takes the start's century", True),
    ("1920s–10s", "a shortened end year takes the start's century", True),
    ("29th of February 1900", "February 1900 has no day 29", True),
    ("32nd of March 1917", "March 1917 has no day 32", True),
    ("October 24ᵗʰ", "has no year", True),
    ("1935--", "has no end", True),
    ("--1943", "has no start", True),
    ("1905-02-30", "February 1905 has no day 30", True),
    ("1905-13-01", "there is no month 13", True),
    # an era or reign without its Western year, or a name that only looks like one
    ("Meiji 1", "not a date", False),
    ("Year 5 of Tiberius", "not a date", False),
    ("Meiji 1 (the Restoration)", "not a date", False),
    ("Vatican II (1962–1965)", "not a date", False),
    ("Apollo 11 (1969)", "not a date", False),
    ("World War 2 (1939)", "not a date", False),
    ("Black Saturday (1962)", "not a date", False),
    ("Tiberius (19 CE)", "not a date", False),
    ("of October 1929", "not a date", False),
]


@pytest.mark.parametrize(("text", "message", "shaped"), REJECTED)
def test_rejected_form(text, message, shaped):
    with pytest.raises(DateError) as info:
        parse_date(text)
    assert message in str(info.value)
    assert looks_like_date(text) is shaped


# A parenthesis that is not a month or day stays a note: the year alone counts, as before.
@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("1799 (18 Brumaire)", "1799"),
        ("1917 (Old Style)", "1917"),
        ("1917 (March 1917)", "1917"),
        ("1917 (March 3 4)", "1917"),
        ("1868 (Meiji 1)", "1868"),
        ("year 5 (1917)", "0005"),
        ("1917 (1918)", "1917"),
        ("27 July 1794 (9 Thermidor, Year II)", "1794-07-27"),
    ],
)
def test_notes_stay_notes(text, edtf):
    d = parse_date(text)
    assert d is not None and d.edtf == edtf
    assert not reads_parenthesis(text)


@pytest.mark.parametrize(
    "text", ["1917 (March)", "1933 (November 16)", "Meiji 1 (1868)", "1917 (February 30)"]
)
def test_parentheses_that_belong_to_the_date(text):
    assert reads_parenthesis(text)


# ----------------------------------------------------------------- at the start of a line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1905-01-22 Bloody Sunday", ("1905-01-22", "Bloody Sunday")),
        ("1905-01-22: Bloody Sunday", ("1905-01-22", "Bloody Sunday")),
        ("1905-01-22  Bloody Sunday", ("1905-01-22", "Bloody Sunday")),
        ("1905-01-22 – 1905-01-25: the strikes", ("1905-01-22 – 1905-01-25", "the strikes")),
        ("1929 -- Crash", ("1929", "Crash")),
        ("1929 --- Crash", ("1929", "Crash")),
        ("1935--1943: the purges", ("1935--1943", "the purges")),
        ("October 24ᵗʰ, 1929: Black Thursday", ("October 24ᵗʰ, 1929", "Black Thursday")),
        ("24th of October 1929 – Black Thursday", ("24th of October 1929", "Black Thursday")),
        ("1933 (November 16): recognition", ("1933 (November 16)", "recognition")),
        ("Meiji 1 (1868): the Charter Oath", ("Meiji 1 (1868)", "the Charter Oath")),
        ("March–May 1917: dual power", ("March–May 1917", "dual power")),
        ("1930s–'40s: the Depression and the war", ("1930s–'40s", "the Depression and the war")),
        # no separator after a date that is not ISO: prose, as before
        ("1905 Revolution text", None),
        ("1905-01-22 1905", None),
        ("Vatican II (1962): the council", None),
        # a year before a month, and the prose that only looks so
        ("1848 March, the revolutions spread", ("1848 March", "the revolutions spread")),
        ("1914 may, as some argue, mark the end", None),
        ("1917 march, the crowds grew", None),
        ("5,000 march, demanding bread", None),  # a count, not the year 5
        ("1,000 May Day marchers, at dawn", None),
    ],
)
def test_leading_forms(text, expected):
    assert leading_date(text) == expected


def _split(rich: RichText) -> tuple[str, str | None, str] | None:
    found = split_date(rich)
    if found is None:
        return None
    rest = "".join(n.value for n in found.rest if isinstance(n, Text))
    return found.date_text, found.note, rest


@pytest.mark.parametrize(
    ("rich", "expected"),
    [
        ((Strong((Text("1933 (November 16):"),)), Text(" recognition")),
         ("1933 (November 16)", None, "recognition")),
        ((Strong((Text("1933"),)), Text(" (November 16): recognition")),
         ("1933 (November 16)", None, "recognition")),
        ((Strong((Text("1917 (Old Style):"),)), Text(" x")), ("1917", "Old Style", "x")),
        ((Strong((Text("Meiji 1 (1868):"),)), Text(" the Charter Oath")),
         ("Meiji 1 (1868)", None, "the Charter Oath")),
        ((Strong((Text("October 24ᵗʰ, 1929:"),)), Text(" Black Thursday")),
         ("October 24ᵗʰ, 1929", None, "Black Thursday")),
        ((Text("1905-01-22 Bloody Sunday"),), ("1905-01-22", None, "Bloody Sunday")),
        ((Text("1935--1943: the purges"),), ("1935--1943", None, "the purges")),
    ],
)  # fmt: skip
def test_split_date_at_a_line_start(rich, expected):
    assert _split(rich) == expected


# ------------------------------------------------------------------------ generated variants

MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
SUPERSCRIPT = {"st": "ˢᵗ", "nd": "ⁿᵈ", "rd": "ʳᵈ", "th": "ᵗʰ"}
SPACES = [" ", "\u00a0", "\u202f", "\u2009", "  "]


def _suffix(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


@st.composite
def ordinal_days(draw) -> tuple[str, str]:
    """A day with an ordinal written in one of its exported forms, and its EDTF."""
    year = draw(st.integers(min_value=100, max_value=2100))
    month = draw(st.integers(min_value=1, max_value=12))
    day = draw(st.integers(min_value=1, max_value=28))
    suffix = _suffix(day)
    suffix = draw(st.sampled_from([suffix, SUPERSCRIPT[suffix], f"<sup>{suffix}</sup>"]))
    sp = draw(st.sampled_from(SPACES))
    name = MONTHS[month - 1]
    name = draw(st.sampled_from([name, name[:3] + ".", name[:3] + "\\.", name.upper()]))
    text = draw(
        st.sampled_from(
            [
                f"{name}{sp}{day}{suffix},{sp}{year}",
                f"{day}{suffix}{sp}of{sp}{name}{sp}{year}",
                f"the {day}{suffix} of {name}, {year}",
                f"{day}{suffix}{sp}{name}{sp}{year}",
            ]
        )
    )
    return text, f"{year:04d}-{month:02d}-{day:02d}"


@settings(max_examples=300, deadline=None)
@given(ordinal_days())
def test_generated_ordinal_days(case):
    text, edtf = case
    d = parse_date(text)
    assert d is not None and d.edtf == edtf, text
    assert leading_date(f"{text}: an event") == (text.strip(), "an event")


@st.composite
def year_ranges(draw) -> tuple[str, str]:
    """A range of years with the end maybe shortened, joined by any dash an export writes."""
    start = draw(st.integers(min_value=1000, max_value=2090).filter(lambda y: y % 100 != 99))
    end = start + draw(st.integers(min_value=1, max_value=99 - start % 100))
    dashes = ["–", "—", "-", "--", "---", " – ", " -- ", "\\-", "\u2009–\u2009"]
    dash = draw(st.sampled_from(dashes))
    written = draw(st.sampled_from([str(end), f"{end % 100:02d}", f"'{end % 100:02d}"]))
    return f"{start}{dash}{written}", f"{start}/{end}"


@settings(max_examples=300, deadline=None)
@given(year_ranges())
def test_generated_year_ranges(case):
    text, edtf = case
    d = parse_date(text)
    assert d is not None and d.edtf == edtf, text


@st.composite
def decade_ranges(draw) -> tuple[str, str]:
    """Two decades of one century ("1930s–40s"); a decade ending in 00 would be a hundred."""
    century = draw(st.integers(min_value=1, max_value=20)) * 100
    a = draw(st.integers(min_value=1, max_value=8))
    b = draw(st.integers(min_value=a + 1, max_value=9))
    start, end = century + 10 * a, century + 10 * b
    written = draw(st.sampled_from([f"{end}s", f"{end % 100:02d}s", f"'{end % 100:02d}s"]))
    dash = draw(st.sampled_from(["–", "-", "--", " – "]))
    return f"{start}s{dash}{written}", f"{start // 10:03d}X/{end // 10:03d}X"


@settings(max_examples=200, deadline=None)
@given(decade_ranges())
def test_generated_decade_ranges(case):
    text, edtf = case
    d = parse_date(text)
    assert d is not None and d.edtf == edtf, text


@st.composite
def month_in_parentheses(draw) -> tuple[str, str]:
    year = draw(st.integers(min_value=100, max_value=2100))
    month = draw(st.integers(min_value=1, max_value=12))
    name = MONTHS[month - 1]
    day = draw(st.integers(min_value=1, max_value=28))
    inner, edtf = draw(
        st.sampled_from(
            [
                (name, f"{year:04d}-{month:02d}"),
                (name[:3] + ".", f"{year:04d}-{month:02d}"),
                (f"{name} {day}", f"{year:04d}-{month:02d}-{day:02d}"),
                (f"{day} {name}", f"{year:04d}-{month:02d}-{day:02d}"),
                (f"{day}{_suffix(day)} of {name}", f"{year:04d}-{month:02d}-{day:02d}"),
            ]
        )
    )
    return f"{year}{draw(st.sampled_from(SPACES))}({inner})", edtf


@settings(max_examples=300, deadline=None)
@given(month_in_parentheses())
def test_generated_months_in_parentheses(case):
    text, edtf = case
    d = parse_date(text)
    assert d is not None and d.edtf == edtf, text
    assert reads_parenthesis(text)


@st.composite
def month_ranges(draw) -> tuple[str, str]:
    year = draw(st.integers(min_value=100, max_value=2100))
    a = draw(st.integers(min_value=1, max_value=12))
    b = draw(st.integers(min_value=1, max_value=12))
    dash = draw(st.sampled_from(["–", " – ", "-", " - ", "--", " -- "]))
    if a < b:
        text = f"{MONTHS[a - 1]}{dash}{MONTHS[b - 1]} {year}"
        return text, f"{year:04d}-{a:02d}/{year:04d}-{b:02d}"
    text = f"{MONTHS[a - 1]} {year}{dash}{MONTHS[b - 1]} {year + 1}"
    return text, f"{year:04d}-{a:02d}/{year + 1:04d}-{b:02d}"


@settings(max_examples=300, deadline=None)
@given(month_ranges())
def test_generated_month_ranges(case):
    text, edtf = case
    d = parse_date(text)
    assert d is not None and d.edtf == edtf, text


ERAS = [
    "Meiji {}", "Taishō {}", "Shōwa {}", "Heisei {}", "Kangxi {}", "Qianlong {}", "Guangxu {}",
    "Year {} of Augustus", "regnal year {} of Ramesses II", "the {}th year of Tiberius",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(ERAS),
    st.integers(min_value=1, max_value=60),
    st.integers(min_value=1, max_value=2020),
    st.sampled_from(["", " CE", "AD "]),
)
def test_generated_era_years(era, number, western, style):
    written = f"{style}{western}" if style == "AD " else f"{western}{style}"
    text = f"{era.format(number)} ({written})"
    d = parse_date(text)
    assert d is not None and d.edtf == f"{western:04d}", text
    assert d.display == text


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["Vatican", "Apollo", "World War", "Chapter", "Louis", "Henry"]),
    st.integers(min_value=1, max_value=60),
    st.integers(min_value=1000, max_value=2020),
)
def test_names_with_numbers_are_no_era(name, number, western):
    with pytest.raises(DateError, match="not a date"):
        parse_date(f"{name} {number} ({western})")


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1000, max_value=2100), st.integers(1, 12), st.integers(29, 31))
def test_impossible_days_in_parentheses_are_refused(year, month, day):
    text = f"{year} ({MONTHS[month - 1]} {day})"
    try:
        d = parse_date(text)
    except DateError as exc:
        assert "has no day" in str(exc)
    else:
        assert d is not None and d.edtf == f"{year:04d}-{month:02d}-{day:02d}"
